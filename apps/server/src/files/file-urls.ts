import { createHmac, timingSafeEqual } from 'node:crypto';
import { type EntityDefinition } from '@lowcode/app-model';

/**
 * Signed download links, so <img src> and plain links work without an Authorization header. A link binds
 * the workspace, the file and an expiry; it is re-issued every time a record is read, so none is stored.
 */
export class FileUrlSigner {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly lifetimeSeconds = 6 * 3600,
    private readonly now: () => number = Date.now,
  ) {
    // A key of its own, derived from the installation secret, so a file link can never pass for a token.
    this.key = createHmac('sha256', secret).update('file-url').digest();
  }

  url(workspaceId: string, fileId: string): string {
    // Rounded to the hour, so the same file keeps the same link for a while and browsers can cache it.
    const expires = Math.ceil(this.now() / 3_600_000) * 3600 + this.lifetimeSeconds;
    return `/api/files/${fileId}?expires=${expires}&signature=${this.signature(workspaceId, fileId, expires)}`;
  }

  verify(workspaceId: string, fileId: string, expires: number, signature: string): boolean {
    if (!Number.isInteger(expires) || expires * 1000 < this.now()) return false;
    const expected = Buffer.from(this.signature(workspaceId, fileId, expires));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private signature(workspaceId: string, fileId: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${workspaceId}:${fileId}:${expires}`).digest('base64url');
  }
}

const FILE_FIELD_TYPES = new Set(['attachment', 'image', 'signature']);

/** Replaces the `url` of every file value of a record (also in line items) with a fresh signed link. */
export function withFileUrls(
  entity: Pick<EntityDefinition, 'fields'>,
  values: Record<string, unknown>,
  link: (fileId: string) => string | undefined,
): Record<string, unknown> {
  for (const field of entity.fields) {
    const value = values[field.key];
    if (value === null || value === undefined) continue;
    if (field.type === 'subTable' && Array.isArray(value)) {
      values[field.key] = value.map((row: Record<string, unknown>) => withFileUrls(field, { ...row }, link));
    } else if (FILE_FIELD_TYPES.has(field.type)) {
      const sign = (file: unknown) => {
        if (!file || typeof file !== 'object') return file;
        const { url: _stale, ...rest } = file as { id?: unknown; url?: unknown };
        const url = typeof rest.id === 'string' ? link(rest.id) : undefined;
        return url ? { ...rest, url } : rest;
      };
      values[field.key] = Array.isArray(value) ? value.map(sign) : sign(value);
    }
  }
  return values;
}
