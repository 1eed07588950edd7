import { createHash, randomUUID } from 'node:crypto';
import { type Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { checkUpload } from './file-checks';
import { FILE_STORAGE, type FileStorage } from './file-storage';
import { FileUrlSigner } from './file-urls';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface StoredFileDto {
  id: string;
  name: string;
  size: number;
  mimeType: string;
  url: string;
}

@Injectable()
export class FilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly urls: FileUrlSigner,
  ) {}

  async upload(
    actor: { workspaceId: string; userId: string },
    file: { originalname: string; mimetype: string; buffer: Buffer },
  ): Promise<StoredFileDto> {
    const name = Buffer.from(file.originalname, 'latin1').toString('utf8');
    return this.save(this.dataSource.manager, actor, { name, mimeType: file.mimetype, content: file.buffer });
  }

  /**
   * Stores a file under the same checks as an upload, its row written with `manager` (in the caller's
   * transaction: a demo install that rolls back leaves no row, only bytes no row points at).
   */
  async save(
    manager: EntityManager,
    actor: { workspaceId: string; userId: string | null },
    file: { name: string; mimeType: string; content: Buffer },
  ): Promise<StoredFileDto> {
    const check = checkUpload(file.name, file.mimeType, file.content);
    if (!check.ok) throw new AppError('FILE_REFUSED', {}, [{ path: 'file', message: check.reason }]);
    const id = randomUUID();
    const storageKey = `${actor.workspaceId}/${id}`;
    await this.storage.put(storageKey, file.content);
    await manager.query(
      `INSERT INTO stored_file (id, workspace_id, name, size, mime_type, storage_key, sha256, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        actor.workspaceId,
        check.name,
        file.content.length,
        check.mimeType,
        storageKey,
        createHash('sha256').update(file.content).digest('hex'),
        actor.userId,
      ],
    );
    return {
      id,
      name: check.name,
      size: file.content.length,
      mimeType: check.mimeType,
      url: this.urls.url(actor.workspaceId, id),
    };
  }

  /** A download through a signed link: the link must have been issued for the file's own workspace. */
  async openSigned(id: string, expires: number, signature: string) {
    const rows: { workspace_id: string }[] = UUID.test(id)
      ? await this.dataSource.query('SELECT workspace_id FROM stored_file WHERE id = $1', [id])
      : [];
    const workspaceId = rows[0]?.workspace_id;
    if (!workspaceId || !this.urls.verify(workspaceId, id, expires, signature))
      throw new AppError('FILE_NOT_FOUND');
    return this.open(workspaceId, id);
  }

  async open(
    workspaceId: string,
    id: string,
  ): Promise<{ name: string; mimeType: string; size: number; content: Readable }> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
      throw new AppError('FILE_NOT_FOUND');
    const rows: { name: string; mime_type: string; size: string; storage_key: string }[] =
      await this.dataSource.query(
        'SELECT name, mime_type, size, storage_key FROM stored_file WHERE id = $1 AND workspace_id = $2',
        [id, workspaceId],
      );
    const row = rows[0];
    if (!row) throw new AppError('FILE_NOT_FOUND');
    return {
      name: row.name,
      mimeType: row.mime_type,
      size: Number(row.size),
      content: this.storage.read(row.storage_key),
    };
  }
}
