import fs from 'node:fs';

export default async function globalTeardown() {
  const running = globalThis.__LOWCODE_TEST_POSTGRES__;
  if (!running) return;
  await running.postgres.stop();
  fs.rmSync(running.baseDir, { recursive: true, force: true });
}
