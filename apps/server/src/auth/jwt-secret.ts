import { randomBytes } from 'node:crypto';
import { type DataSource } from 'typeorm';

const SETTING_KEY = 'jwt_secret';

/**
 * The signing secret: JWT_SECRET when set; otherwise generated once and kept in the database, so that
 * restarts keep sessions valid and several server instances agree without configuration.
 */
export async function loadJwtSecret(
  dataSource: DataSource,
  fromEnvironment: string | undefined,
): Promise<string> {
  if (fromEnvironment) return fromEnvironment;
  await dataSource.query(
    'INSERT INTO instance_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
    [SETTING_KEY, randomBytes(48).toString('base64url')],
  );
  const rows: { value: string }[] = await dataSource.query(
    'SELECT value FROM instance_setting WHERE key = $1',
    [SETTING_KEY],
  );
  const secret = rows[0]?.value;
  if (!secret) throw new Error('JWT secret could not be loaded');
  return secret;
}
