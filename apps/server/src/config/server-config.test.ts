import { loadServerConfig, parseRateLimit, parseTrustProxy } from './server-config';

describe('rate limit settings', () => {
  const fallback = { requests: 10, perSeconds: 60 };

  it.each([
    [undefined, fallback],
    ['', fallback],
    ['600', { requests: 600, perSeconds: 60 }],
    ['5/2', { requests: 5, perSeconds: 2 }],
    ['0', null],
    ['off', null],
  ])('reads %j', (value, expected) => {
    expect(parseRateLimit(value, fallback, 'X')).toEqual(expected);
  });

  it.each(['-1', '5/0', '0/60', 'fast', '5/2/1', '1.5'])('refuses %j naming the variable', (value) => {
    expect(() => parseRateLimit(value, fallback, 'LOWCODE_RATE_LIMIT_USER')).toThrow(
      /LOWCODE_RATE_LIMIT_USER/,
    );
  });

  it('reads each limit from its own variable', () => {
    const { rateLimits } = loadServerConfig({
      LOWCODE_RATE_LIMIT_API_KEY: '3/1',
      LOWCODE_RATE_LIMIT_USER: 'off',
    });
    expect(rateLimits).toEqual({
      apiKey: { requests: 3, perSeconds: 1 },
      user: null,
      anonymous: { requests: 1200, perSeconds: 60 },
    });
  });
});

describe('trusted proxies', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['0', false],
    ['false', false],
    ['2', 2],
    ['loopback', ['loopback']],
    ['loopback, 10.0.0.0/8,fd00::/8', ['loopback', '10.0.0.0/8', 'fd00::/8']],
    ['192.168.1.10', ['192.168.1.10']],
  ])('reads %j', (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected);
  });

  it.each(['true', 'proxy.local', '10.0.0.0/33', '10.0.0/8', 'loopback,'])('refuses %j', (value) => {
    expect(() => parseTrustProxy(value)).toThrow(/TRUST_PROXY/);
  });
});
