import { JwtService } from '@nestjs/jwt';
import { ADMIN, createTestApp, loginAs, type TestApp } from './support/test-app';

describe('auth', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('logs the first-start admin in and answers /me', async () => {
    const session = await loginAs(testApp);
    const me = await testApp.http().get('/api/auth/me').set(session.auth).expect(200);
    expect(me.body).toMatchObject({
      user: { username: 'admin', isSystemAdmin: true },
      workspace: { slug: 'default' },
      role: 'admin',
    });
  });

  it.each([
    ['a wrong password', { username: ADMIN.username, password: 'wrong' }],
    ['an unknown user', { username: 'nobody', password: 'whatever' }],
    ['a username in other case with a wrong password', { username: 'ADMIN', password: 'wrong' }],
  ])('refuses %s with 401 and the error shape', async (_case, body) => {
    const response = await testApp
      .http()
      .post('/api/auth/login')
      .set('Accept-Language', 'en')
      .send(body)
      .expect(401);
    expect(response.body).toEqual({
      error: { code: 'AUTH_INVALID_CREDENTIALS', message: 'Wrong username or password.', details: [] },
    });
  });

  it('answers in Chinese by default and in English when asked', async () => {
    const body = { username: ADMIN.username, password: 'wrong' };
    const zh = await testApp.http().post('/api/auth/login').send(body).expect(401);
    expect(zh.body.error.message).toBe('用户名或密码错误。');
    const en = await testApp
      .http()
      .post('/api/auth/login')
      .set('Accept-Language', 'en-US,en;q=0.9')
      .send(body);
    expect(en.body.error.message).toBe('Wrong username or password.');
  });

  it('refuses a malformed JSON body with 400 MALFORMED_JSON', async () => {
    const response = await testApp
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": "admin", "password": ')
      .expect(400);
    expect(response.body.error).toMatchObject({ code: 'MALFORMED_JSON', details: [] });
  });

  it('names every invalid field of a login body', async () => {
    const response = await testApp
      .http()
      .post('/api/auth/login')
      .send({ username: 42, extra: true })
      .expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    const paths = (response.body.error.details as { path: string }[]).map((detail) => detail.path);
    expect(new Set(paths)).toEqual(new Set(['username', 'password', 'extra']));
  });

  it('rotates refresh tokens: each works once', async () => {
    const session = await loginAs(testApp);
    const refreshed = await testApp
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: session.refreshToken })
      .expect(200);
    expect(refreshed.body.refreshToken).not.toBe(session.refreshToken);
    await testApp
      .http()
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${refreshed.body.accessToken}`)
      .expect(200);
    const reused = await testApp
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: session.refreshToken });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('AUTH_TOKEN_INVALID');
  });

  it('revokes the refresh token at logout', async () => {
    const session = await loginAs(testApp);
    await testApp.http().post('/api/auth/logout').send({ refreshToken: session.refreshToken }).expect(204);
    await testApp.http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
  });

  it('refuses requests without, with forged and with expired access tokens', async () => {
    const session = await loginAs(testApp);
    const payload = JSON.parse(
      Buffer.from(session.accessToken.split('.')[1]!, 'base64url').toString(),
    ) as object;
    const forged = new JwtService({ secret: 'not-the-secret' }).sign(payload);
    const [setting] = await testApp.database.query<{ value: string }>(
      "SELECT value FROM instance_setting WHERE key = 'jwt_secret'",
    );
    const expired = new JwtService({ secret: setting!.value }).sign({ ...payload, exp: 1 });
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${session.accessToken.split('.')[1]}.`;

    const missing = await testApp.http().get('/api/auth/me').expect(401);
    expect(missing.body.error.code).toBe('AUTH_REQUIRED');
    for (const token of [forged, expired, unsigned, 'garbage']) {
      const response = await testApp
        .http()
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${token}`)
        .expect(401);
      expect(response.body.error.code).toBe('AUTH_TOKEN_INVALID');
    }
  });

  it('answers unknown API routes with the error shape', async () => {
    const response = await testApp.http().get('/api/no-such-thing').expect(404);
    expect(response.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('stores only a scrypt hash of the password', async () => {
    const [row] = await testApp.database.query<{ password_hash: string }>(
      "SELECT password_hash FROM app_user WHERE username = 'admin'",
    );
    expect(row?.password_hash).toMatch(/^scrypt\$/);
    expect(row?.password_hash).not.toContain(ADMIN.password);
  });

  it('slows down password guessing: after 10 failures an account is refused from that address with 429', async () => {
    const guess = (password: string) =>
      testApp.http().post('/api/auth/login').send({ username: 'victim', password });
    for (let attempt = 0; attempt < 10; attempt += 1) await guess(`wrong-${attempt}`).expect(401);
    const blocked = await guess('anything').expect(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_REQUESTS');
    // Other accounts are not locked out by it.
    await loginAs(testApp);
  });
});
