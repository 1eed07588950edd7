import { startProductServer } from './product-server';

/**
 * `pnpm start` stopped with Ctrl-C or by a service manager: the server finishes the background pass in flight,
 * closes, stops its embedded PostgreSQL and exits 0 — without an error on the way out.
 */
describe('the product stops cleanly', () => {
  it('exits 0 on SIGTERM with its automation loop running, logging no error', async () => {
    const server = await startProductServer({ LOWCODE_JOB_POLL_MS: '20' });
    // A few passes of the loop, so one is likely in flight when the signal comes.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await server.stop()).toBe(0);
    const errors = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{') && (JSON.parse(line) as { level: number }).level >= 50);
    expect(errors).toEqual([]);
  }, 120_000);
});
