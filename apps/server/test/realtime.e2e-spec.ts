import { type AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { smallApp } from './support/fixtures';
import { createTestApp, loginAs, type TestApp } from './support/test-app';

describe('socket.io gateway', () => {
  let testApp: TestApp;
  let url: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    testApp = await createTestApp();
    await testApp.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await testApp.close();
  });

  function connect(token: string): Socket {
    const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    return socket;
  }

  const next = <T>(socket: Socket, event: string) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within 5s`)), 5000);
      socket.once(event, (payload: T) => {
        clearTimeout(timer);
        resolve(payload);
      });
    });

  it('pushes app changes to the workspace room of an authenticated socket', async () => {
    const session = await loginAs(testApp);
    const socket = connect(session.accessToken);
    await next(socket, 'ready');
    const changed = next<{ key: string; action: string }>(socket, 'app.changed');
    await testApp.http().post('/api/apps/import').set(session.auth).send(smallApp()).expect(200);
    expect(await changed).toEqual({ key: smallApp().key, action: 'imported' });
  });

  it('tells open pages that a record of their entity changed', async () => {
    const session = await loginAs(testApp);
    const socket = connect(session.accessToken);
    await next(socket, 'ready');
    const changed = next<{ app: string; entity: string; ids: string[]; type: string }>(
      socket,
      'record.changed',
    );
    const buildings = await testApp
      .http()
      .get(`/api/apps/${smallApp().key}/entities/building/records`)
      .set(session.auth)
      .expect(200);
    const created = await testApp
      .http()
      .post(`/api/apps/${smallApp().key}/entities/room/records`)
      .set(session.auth)
      .send({ values: { code: 'RT-1', building: buildings.body.items[0].id } })
      .expect(201);
    expect(await changed).toEqual({
      app: smallApp().key,
      entity: 'room',
      ids: [created.body.id],
      type: 'created',
    });
  });

  it('refuses a socket with a bad token', async () => {
    const socket = connect('not-a-token');
    const [refusal] = await Promise.all([
      next<{ code: string }>(socket, 'auth_error'),
      next(socket, 'disconnect'),
    ]);
    expect(refusal.code).toBe('AUTH_TOKEN_INVALID');
  });
});
