import { isNonPublicAddress, parseWebhookUrl } from './webhook-target';

describe('webhook targets', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.31.255.1', true],
    ['192.168.1.10', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['::', true],
    ['fd12:3456::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['64:ff9b::10.0.0.1', true],
    ['not-an-address', true],
    ['8.8.8.8', false],
    ['172.32.0.1', false],
    ['2606:4700:4700::1111', false],
    ['::ffff:8.8.8.8', false],
  ])('%s is non-public: %s', (address, expected) => {
    expect(isNonPublicAddress(address)).toBe(expected);
  });

  it('accepts http(s) URLs without credentials only', () => {
    expect(parseWebhookUrl('https://hooks.example.com/x')).toBeInstanceOf(URL);
    expect(parseWebhookUrl('ftp://example.com/')).toBe('protocol');
    expect(parseWebhookUrl('https://user:pw@example.com/')).toBe('credentials');
    expect(parseWebhookUrl('not a url')).toBe('url');
  });
});
