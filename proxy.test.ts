// The page gate: without a session cookie, pages send visitors to /signin unless reading is public.
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { proxy } from './proxy';

const visit = (path: string, cookie?: string) => proxy(new NextRequest(`http://127.0.0.1:3000${path}`, { headers: cookie ? { cookie } : {} }));

afterEach(() => {
  delete process.env.SIEVE_READ;
});

describe('proxy', () => {
  it('sends an anonymous visitor to /signin, keeping where they were going', () => {
    const res = visit('/browse?dataset=photos');
    expect(res.status).toBe(307);
    expect(new URL(res.headers.get('location')!).pathname).toBe('/signin');
    expect(new URL(res.headers.get('location')!).searchParams.get('next')).toBe('/browse?dataset=photos');
  });

  it('lets the sign-in page, visitors with a session cookie, and everyone when reading is public through', () => {
    expect(visit('/signin').headers.get('location')).toBeNull();
    expect(visit('/opt-out').headers.get('location')).toBeNull();
    expect(visit('/opt-out/abcdefghijkl').headers.get('location')).toBeNull();
    expect(visit('/audit', 'better-auth.session_token=abc').headers.get('location')).toBeNull();
    process.env.SIEVE_READ = 'public';
    expect(visit('/browse').headers.get('location')).toBeNull();
  });

  it("lets clip-retrieval's routes answer for themselves (JSON 401, not a sign-in page), with or without a token prefix", () => {
    for (const path of ['/knn-service', '/metadata', '/indices-list', '/config.json', '/t/sieve_abc/knn-service', '/t/sieve_abc/config.json']) {
      expect(visit(path).headers.get('location'), path).toBeNull();
    }
    expect(visit('/t/sieve_abc/browse').headers.get('location')).not.toBeNull();
    expect(visit('/knn-service/x').headers.get('location')).not.toBeNull();
  });
});
