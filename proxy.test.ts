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

  it('never hands the sign-in page a `next` that leads off the site', () => {
    for (const path of ['//evil.example/x', '/%09/evil.example', '/%5Cevil.example']) {
      const next = new URL(visit(path).headers.get('location')!).searchParams.get('next');
      expect(next === null || (next.startsWith('/') && !next.startsWith('//') && !/[\s\\]/.test(next)), `${path} → ${next}`).toBe(true);
      expect(new URL(next ?? '/', 'https://sieve.example').origin).toBe('https://sieve.example');
    }
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

  it('gives every page a policy that lets only scripts with a fresh nonce run, and passes it on to the renderer', () => {
    process.env.SIEVE_READ = 'public';
    const policies = [visit('/browse'), visit('/browse')].map((res) => res.headers.get('content-security-policy')!);
    const nonces = policies.map((p) => /script-src 'nonce-([A-Za-z0-9+/=]{24})' 'strict-dynamic'(;|$)/.exec(p)?.[1]);
    expect(nonces[0]).toBeTruthy();
    expect(nonces[1]).not.toBe(nonces[0]);
    expect(policies[0]).toContain("object-src 'none'");
    expect(policies[0]).toContain("frame-ancestors 'none'");
    expect(policies[0]).not.toMatch(/unsafe-inline'[^;]*;?\s*$|script-src[^;]*unsafe-inline/);
    // Next.js reads the nonce from the request it renders.
    const res = visit('/browse');
    expect(res.headers.get('x-middleware-request-content-security-policy')).toBe(res.headers.get('content-security-policy'));
  });

  it("leaves clip-retrieval's JSON answers to their route's own policy", () => {
    expect(visit('/knn-service').headers.get('content-security-policy')).toBeNull();
  });
});
