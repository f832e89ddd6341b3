import { describe, expect, it } from 'vitest';
import { refuseNul } from './refuse-nul';

describe('refuseNul', () => {
  it('refuses U+0000 in any string, keys included, at any depth', () => {
    expect(() => refuseNul({ a: ['x', { b: 'y\u0000' }] }, 'body')).toThrow(/^body: text may not contain NUL/);
    expect(() => refuseNul({ 'k\u0000': 1 }, 'query')).toThrow(/NUL/);
    expect(() => refuseNul({ a: ['x', { b: 'y\\u0000 is fine as text' }], n: 1, z: null }, 'body')).not.toThrow();
  });

  it('walks a hundred thousand levels without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)}`);
    expect(() => refuseNul(deep, 'body')).toThrow(/NUL/);
  });
});
