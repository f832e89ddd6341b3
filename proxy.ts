// Pages need a session when reading is not public: a visitor without a session cookie is sent to /signin. This is
// only the cheap first gate; every API route checks the session itself (lib/api/api-route.ts).
import { NextResponse, type NextRequest } from 'next/server';

const OPEN_PAGES = new Set(['/signin', '/opt-out']);
// clip-retrieval's routes at the site root (and under a /t/<token>/ prefix) are API routes that check their callers
// themselves: a redirect to /signin would reach ClipClient and clip-front as an HTML page instead of JSON.
const CLIP_RETRIEVAL = /^(?:\/t\/[^/]+)?\/(?:knn-service|metadata|indices-list|config\.json)$/;
// The public opt-out form and its tracking pages: the people in the pictures have no account.
const isOpen = (path: string) => OPEN_PAGES.has(path) || path.startsWith('/opt-out/') || CLIP_RETRIEVAL.test(path);

export function proxy(request: NextRequest) {
  if ((process.env.SIEVE_READ ?? 'signed-in').trim().toLowerCase() === 'public') return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  if (isOpen(pathname) || request.cookies.getAll().some((c) => c.name.endsWith('session_token'))) return NextResponse.next();
  const to = new URL('/signin', request.url);
  to.searchParams.set('next', `${pathname}${search}`);
  return NextResponse.redirect(to);
}

export const config = {
  // Pages only: the API answers 401 itself, and assets are not secret.
  matcher: ['/((?!api/|_next/|favicon\\.svg$|robots\\.txt$).*)'],
};
