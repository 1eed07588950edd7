import { type DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';

const WINDOW_MINUTES = 15;
/** Per account and address: enough for honest typos, too few for guessing. */
const MAX_PER_ACCOUNT_AND_IP = 10;
/** Per address over all accounts: stops spraying one password across many usernames. */
const MAX_PER_IP = 50;

/**
 * Counts failed logins in the database (so every server instance sees them) and refuses further attempts
 * with 429 once a limit is reached within the window. Keyed by account *and* address, so a stranger
 * guessing someone's password does not lock the real person out from their own address.
 */
export class LoginThrottle {
  constructor(private readonly dataSource: DataSource) {}

  async check(username: string, ip: string): Promise<void> {
    const [counts] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE username = $1)::int AS account, count(*)::int AS address
         FROM login_failure WHERE ip = $2 AND at > now() - make_interval(mins => $3)`,
      [username.toLowerCase(), ip, WINDOW_MINUTES],
    )) as [{ account: number; address: number }];
    if (counts.account >= MAX_PER_ACCOUNT_AND_IP || counts.address >= MAX_PER_IP) {
      throw new AppError('TOO_MANY_REQUESTS');
    }
  }

  async failed(username: string, ip: string): Promise<void> {
    await this.dataSource.query('INSERT INTO login_failure (username, ip) VALUES ($1, $2)', [
      username.toLowerCase(),
      ip,
    ]);
    // Old rows are worthless; trimming here keeps the table small without a scheduler.
    await this.dataSource.query(
      'DELETE FROM login_failure WHERE at < now() - make_interval(mins => $1) AND random() < 0.05',
      [WINDOW_MINUTES * 4],
    );
  }

  async succeeded(username: string, ip: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_failure WHERE username = $1 AND ip = $2', [
      username.toLowerCase(),
      ip,
    ]);
  }
}
