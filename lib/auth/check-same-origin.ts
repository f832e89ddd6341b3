// A change asked for with a session cookie must come from Sieve's own pages: cookies ride along on cross-site requests.
import { AppError } from '../errors/app-error';

const refuse = (why: string) => new AppError('forbidden', `Cross-site request refused: ${why}. Changes with a session cookie must come from Sieve's own pages.`);

/** Sec-Fetch-Site when the browser sends it; else the Origin header must name this very host. */
export function checkSameOrigin(request: Request): void {
  const site = request.headers.get('sec-fetch-site');
  if (site === 'same-origin') return;
  if (site) throw refuse(`the browser says it comes from a ${site} page`);
  const origin = request.headers.get('origin');
  if (!origin) throw refuse('it names no Origin');
  const host = request.headers.get('host');
  let from: string;
  try {
    from = new URL(origin).host;
  } catch {
    throw refuse('its Origin is not a URL');
  }
  if (!host || from !== host) throw refuse(`it comes from ${origin}`);
}
