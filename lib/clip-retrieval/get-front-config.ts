// GET /config.json: where clip-front, served beside it, finds its back end (this server, or its token prefix).
import type { ClipFrontConfig } from './schemas';

/**
 * clip_back answers its own base URL with a trailing slash (Flask's host_url); behind a token prefix the back end
 * is `<base>/t/<token>/`, so clip-front's calls carry the token. SIEVE_URL, when set, is the public base.
 */
export function getFrontConfig(request: Request, token?: string, env: NodeJS.ProcessEnv = process.env): ClipFrontConfig {
  const base = (env.SIEVE_URL?.trim() || new URL(request.url).origin).replace(/\/+$/, '');
  const prefix = token ? `/t/${encodeURIComponent(token)}` : '';
  return { defaultBackend: `${base}${prefix}/`, defaultIndex: '', urlColumn: 'url' };
}
