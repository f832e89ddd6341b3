import { describe, expect, it } from 'vitest';
import { addressOf, clientIp, CLIENT_IP_HEADER, trustedProxies } from './client-ip';

describe('addressOf', () => {
  it('takes the socket peer when clients connect directly, whatever X-Forwarded-For they send', () => {
    expect(addressOf('203.0.113.7', undefined, 0)).toBe('203.0.113.7');
    expect(addressOf('203.0.113.7', '1.2.3.4', 0)).toBe('203.0.113.7');
    expect(addressOf('::ffff:203.0.113.7', '1.2.3.4, 5.6.7.8', 0)).toBe('203.0.113.7');
    expect(addressOf('2001:db8::1', undefined, 0)).toBe('2001:db8::1');
  });

  it('behind trusted proxies, takes what the outermost one saw, never what the client wrote left of it', () => {
    // A client sent "1.2.3.4"; the proxy appended the address it was reached from.
    expect(addressOf('10.0.0.2', '1.2.3.4, 198.51.100.9', 1)).toBe('198.51.100.9');
    expect(addressOf('10.0.0.2', '198.51.100.9', 1)).toBe('198.51.100.9');
    // Two proxies: the inner one appended the outer one's address.
    expect(addressOf('10.0.0.3', '1.2.3.4, 198.51.100.9, 10.0.0.2', 2)).toBe('198.51.100.9');
    // Fewer entries than proxies: the leftmost is the best there is; none: the peer.
    expect(addressOf('10.0.0.3', '198.51.100.9', 2)).toBe('198.51.100.9');
    expect(addressOf('10.0.0.3', ' , ', 1)).toBe('10.0.0.3');
  });

  it('reads SIEVE_TRUSTED_PROXIES as a count, 0 for anything else', () => {
    expect(trustedProxies({})).toBe(0);
    expect(trustedProxies({ SIEVE_TRUSTED_PROXIES: '2' })).toBe(2);
    expect(trustedProxies({ SIEVE_TRUSTED_PROXIES: 'yes' })).toBe(0);
    expect(trustedProxies({ SIEVE_TRUSTED_PROXIES: '-1' })).toBe(0);
  });
});

describe('clientIp', () => {
  it("prefers the server's stamp to anything forwarded", () => {
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: '198.51.100.9', 'x-forwarded-for': '1.2.3.4' }))).toBe('198.51.100.9');
  });

  it('falls back to the forwarded headers for handlers called in-process, with no socket to read', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '1.2.3.4, 5.6.7.8' }))).toBe('1.2.3.4');
    expect(clientIp(new Headers({ 'x-real-ip': '1.2.3.4' }))).toBe('1.2.3.4');
    expect(clientIp(new Headers())).toBeNull();
  });
});
