import { type AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { smallApp } from './support/fixtures';
import { TestDatabase } from './support/test-database';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Two server processes' worth of app on one PostgreSQL, with Redis relaying socket.io events: a change made
 * through one server reaches a browser connected to the other.
 */
describe('two servers', () => {
  let database: TestDatabase;
  let first: TestApp;
  let second: TestApp;
  let socket: Socket | undefined;

  beforeAll(async () => {
    database = await TestDatabase.create();
    first = await createTestApp({ redisUrl: REDIS_URL }, database);
    second = await createTestApp({ redisUrl: REDIS_URL }, database);
    await second.app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    socket?.close();
    await first?.close();
    await second?.close();
    await database.drop();
  });

  it('pushes an import made on one server to a socket connected to the other', async () => {
    const session = await loginAs(first);
    const port = (second.app.getHttpServer().address() as AddressInfo).port;
    socket = io(`http://127.0.0.1:${port}`, {
      auth: { token: session.accessToken },
      transports: ['websocket'],
    });
    await new Promise<void>((resolve, reject) => {
      socket!.once('ready', () => resolve());
      socket!.once('connect_error', reject);
    });
    const received = new Promise<{ key: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no app.changed within 5s')), 5000);
      socket!.once('app.changed', (payload: { key: string }) => {
        clearTimeout(timer);
        resolve(payload);
      });
    });
    await first.http().post('/api/apps/import').set(session.auth).send(smallApp()).expect(200);
    expect(await received).toMatchObject({ key: smallApp().key, action: 'imported' });
  });
});
