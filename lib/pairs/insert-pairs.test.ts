import { describe, expect, it } from 'vitest';
import { domainOf } from './insert-pairs';

describe('domainOf', () => {
  it('keeps the host, lowercased, without www.', () => {
    expect(domainOf('https://WWW.Example.com/a.jpg?x=1')).toBe('example.com');
    expect(domainOf('http://cdn.images.example.org:8080/p.png')).toBe('cdn.images.example.org');
  });
  it('returns null for missing or unparsable URLs', () => {
    expect(domainOf(null)).toBeNull();
    expect(domainOf('not a url')).toBeNull();
  });
});
