import { describe, expect, it } from 'vitest';
import { addressKey } from './check-rate-limit';

describe('addressKey', () => {
  it('counts IPv6 callers by their /64, however the address is written', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('ip6:2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('ip6:2001:db8:1:2::/64');
    expect(addressKey('[2001:db8:1:2::7]')).toBe('ip6:2001:db8:1:2::/64');
    expect(addressKey('fe80::1%eth0')).toBe('ip6:fe80:0:0:0::/64');
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
    expect(addressKey('::1')).toBe('ip6:0:0:0:0::/64');
  });

  it('keeps IPv4 addresses whole, an IPv4-mapped address included, and names an unknown caller', () => {
    expect(addressKey('192.0.2.1')).toBe('ip:192.0.2.1');
    expect(addressKey('::ffff:192.0.2.1')).toBe('ip:192.0.2.1');
    expect(addressKey('192.0.2.2')).not.toBe(addressKey('192.0.2.1'));
    expect(addressKey(null)).toBe('ip:unknown');
  });
});
