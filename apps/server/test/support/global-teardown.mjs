export default async function globalTeardown() {
  await globalThis.__LOWCODE_TEST_POSTGRES__?.stop();
}
