import fs from 'node:fs';
import path from 'node:path';
import { type Readable } from 'node:stream';

/** Where file bytes live; local disk by default, an object store later, behind the same two calls. */
export interface FileStorage {
  put(key: string, content: Buffer): Promise<void>;
  read(key: string): Readable;
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');

/** Keys are generated ids (never user text), so a file name cannot steer where bytes are written. */
export class LocalDiskFileStorage implements FileStorage {
  constructor(private readonly root: string) {}

  async put(key: string, content: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.writeFile(target, content, { flag: 'wx' });
  }

  read(key: string): Readable {
    return fs.createReadStream(this.pathOf(key));
  }

  private pathOf(key: string): string {
    if (!/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/.test(key)) throw new Error(`invalid storage key ${key}`);
    return path.join(this.root, key);
  }
}
