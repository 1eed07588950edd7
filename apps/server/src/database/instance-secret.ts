import { randomBytes } from 'node:crypto';
import { type DataSource } from 'typeorm';

/**
 * A secret from the environment when set; otherwise generated once and kept in instance_setting, so that
 * restarts keep it and several server instances agree without configuration.
 */
export async function loadInstanceSecret(
  dataSource: DataSource,
  settingKey: string,
  fromEnvironment: string | undefined,
): Promise<string> {
  if (fromEnvironment) return fromEnvironment;
  await dataSource.query(
    'INSERT INTO instance_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
    [settingKey, randomBytes(48).toString('base64url')],
  );
  const rows: { value: string }[] = await dataSource.query(
    'SELECT value FROM instance_setting WHERE key = $1',
    [settingKey],
  );
  const secret = rows[0]?.value;
  if (!secret) throw new Error(`Secret ${settingKey} could not be loaded`);
  return secret;
}
