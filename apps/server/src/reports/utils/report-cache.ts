import { createHash } from 'node:crypto';

/** Most results one server keeps; the oldest go first. */
const MAX_ENTRIES = 500;
/** Results with more rows than this are not kept: they are exports in disguise, not dashboard cards. */
const MAX_ROWS = 5_000;
/**
 * How long a result may serve its data version. Change ids are taken when a write starts and become visible
 * when it commits, so a write that started first but commits last has a smaller id than one already seen;
 * a result cached in that moment would otherwise outlive the write until the next change.
 */
const MAX_AGE_MS = 30_000;

interface Entry<T> {
  version: string;
  at: number;
  value: T;
}

/**
 * Report results by query and app data version (its revision and newest record change): a dashboard opened
 * by many managers, or refreshed after a change elsewhere in the app, runs each query once per version and
 * server. The key is the compiled SQL and its parameters, so scopes, filters and drills never share results.
 */
export class ReportCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  /** Reads under way, by key and version: a change refreshes every open dashboard at once. */
  private readonly reading = new Map<string, Promise<T>>();

  constructor(
    private readonly now: () => number = Date.now,
    /** Rows in a value, held against MAX_ROWS. */
    private readonly rowsOf: (value: T) => number = (value) => (value as { rows: unknown[] }).rows.length,
  ) {}

  static keyOf(parts: unknown): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
  }

  /**
   * The result of `key` at `version`: from the cache, or read — once, however many callers ask at the same
   * moment. When a record changes, every manager's open dashboard asks for the same charts again within a
   * second; without this each of them would run every query.
   */
  async getOrRead(key: string, version: string, read: () => Promise<T>): Promise<T> {
    const cached = this.get(key, version);
    if (cached) return cached;
    const flight = `${version} ${key}`;
    const running = this.reading.get(flight);
    if (running) return running;
    const reading = read()
      .then((value) => {
        this.set(key, version, value);
        return value;
      })
      .finally(() => this.reading.delete(flight));
    this.reading.set(flight, reading);
    return reading;
  }

  get(key: string, version: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.version !== version || this.now() - entry.at > MAX_AGE_MS) {
      this.entries.delete(key);
      return undefined;
    }
    // Refreshed as the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, version: string, value: T): void {
    if (this.rowsOf(value) > MAX_ROWS) return;
    this.entries.delete(key);
    this.entries.set(key, { version, at: this.now(), value });
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}
