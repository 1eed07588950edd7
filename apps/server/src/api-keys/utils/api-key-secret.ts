import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * An API key is `lck_<id>_<secret>`: the key's id (a UUID without dashes, not secret: it finds the row)
 * and 256 random bits. Only the SHA-256 of the secret is stored; with that much entropy a plain hash is
 * enough to make a stolen table useless (as for refresh tokens), and it is compared in constant time.
 */
const TOKEN = /^lck_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;
export const API_KEY_PREFIX = 'lck_';

export interface IssuedApiKey {
  id: string;
  token: string;
  secretHash: string;
}

export function issueApiKey(): IssuedApiKey {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return {
    id,
    token: `${API_KEY_PREFIX}${id.replaceAll('-', '')}_${secret}`,
    secretHash: hashSecret(secret),
  };
}

/** The id and secret of a well-formed key; undefined for anything else (never echoed back). */
export function parseApiKey(token: string): { id: string; secret: string } | undefined {
  const match = TOKEN.exec(token);
  if (!match) return undefined;
  const hex = match[1]!;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { id, secret: match[2]! };
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** What lists show so a person can tell keys apart: the prefix and the start of the id, nothing secret. */
export const displayPrefix = (id: string): string => `${API_KEY_PREFIX}${id.replaceAll('-', '').slice(0, 8)}`;

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
