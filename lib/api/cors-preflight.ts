// The OPTIONS answer of a cross-origin route: a browser asks before a request that is not "simple".
import { apiRoute, type Route } from './api-route';

/** 200 with the CORS headers (methods, the asked-for headers echoed); no credentials needed or read. */
export function corsPreflight(): Route {
  return apiRoute({ auth: 'public', cors: true }, async () => new Response(null, { status: 200 }));
}
