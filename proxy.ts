// Every page gets a fresh script nonce and the Content-Security-Policy that names it (lib/api/security-policy.ts).
// Pages also need a session when reading is not public: a visitor without a session cookie is sent to /signin. This
// is only the cheap first gate; every API route checks the session itself (lib/api/api-route.ts).
import { NextResponse, type NextRequest } from 'next/server';
import { createNonce, pageSecurityPolicy } from './lib/api/security-policy';
import { safeNextPath } from './lib/auth/safe-next-path';

const OPEN_PAGES = new Set(['/signin', '/opt-out']);
// clip-retrieval's routes at the site root (and under a /t/<token>/ prefix) are API routes that check their callers
// themselves: a redirect to /signin would reach ClipClient and clip-front as an HTML page instead of JSON.
const CLIP_RETRIEVAL = /^(?:\/t\/[^/]+)?\/(?:knn-service|metadata|indices-list|config\.json)$/;
// The public opt-out form and its tracking pages: the people in the pictures have no account.
const isOpen = (path: string) => OPEN_PAGES.has(path) || path.startsWith('/opt-out/');

function mayRead(request: NextRequest): boolean {
  if ((process.env.SIEVE_READ ?? 'signed-in').trim().toLowerCase() === 'public') return true;
  return isOpen(request.nextUrl.pathname) || request.cookies.getAll().some((c) => c.name.endsWith('session_token'));
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // API answers: their policy comes from next.config.js, like every other API route's.
  if (CLIP_RETRIEVAL.test(pathname)) return NextResponse.next();
  if (!mayRead(request)) {
    const to = new URL('/signin', request.url);
    // The sign-in page checks it again: a path of this site only (lib/auth/safe-next-path.ts).
    const next = safeNextPath(`${pathname}${search}`);
    if (next !== '/') to.searchParams.set('next', next);
    return NextResponse.redirect(to);
  }
  const policy = pageSecurityPolicy(createNonce(), { dev: process.env.NODE_ENV === 'development' });
  // Next.js reads the nonce from the request's policy header and puts it on the scripts it renders.
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // Pages only: the API answers 401 itself, and assets are not secret.
  matcher: ['/((?!api/|_next/|favicon\\.svg$|robots\\.txt$).*)'],
};
