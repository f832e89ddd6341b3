// Cross-origin answers for routes that browsers on other sites may read (clip-retrieval's, as flask-cors does them).

/** Every method the cross-origin routes answer. */
const METHODS = 'GET, HEAD, POST, OPTIONS';

/**
 * flask-cors's defaults, which clip-retrieval's clients expect: no Origin → `*`; an Origin is echoed with
 * `Vary: Origin`; a preflight gets the methods and the headers it asked for. No Allow-Credentials: a page on
 * another site can read what an anonymous or token-bearing request gets, never what a session cookie gets.
 */
export function addCorsHeaders(request: Request, response: Response): Response {
  const headers = response.headers;
  const origin = request.headers.get('origin');
  if (origin) {
    headers.set('access-control-allow-origin', origin);
    headers.append('vary', 'Origin');
  } else {
    headers.set('access-control-allow-origin', '*');
  }
  if (request.method === 'OPTIONS') {
    headers.set('access-control-allow-methods', METHODS);
    const asked = request.headers.get('access-control-request-headers');
    if (asked) headers.set('access-control-allow-headers', asked);
  }
  return response;
}
