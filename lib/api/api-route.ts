// Thin-route wrapper: who asks and may they (once, here), parse inputs with the concept's schemas, call one lib
// function, map errors once.
import type { z } from 'zod';
import { authorize, type AccessRule } from '../auth/authorize';
import { checkSameOrigin } from '../auth/check-same-origin';
import { resolveActor } from '../auth/resolve-actor';
import { resolveUrlToken } from '../auth/resolve-url-token';
import type { Role } from '../auth/roles';
import type { Actor } from '../auth/schemas';
import { checkRateLimit, type RateLimitKind } from './check-rate-limit';
import { addCorsHeaders } from './cors';
import { errorResponse } from './error-response';
import { readBody, type MultipartSpec } from './read-body';
import { refuseNul } from './refuse-nul';

interface Spec<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType> {
  /** The least role the route needs ('public': anyone, signed in or not). Every route says it; a test checks. */
  auth: Role | 'public';
  /** A POST that only reads (search): anonymous visitors may call it when reading is public. GET always only reads. */
  reads?: boolean;
  /** A change anyone may ask for without an account (the public opt-out form), with the reason it is open. */
  openToAnyone?: string;
  query?: Q;
  body?: B;
  params?: P;
  /** Also accept multipart/form-data: the body schema parses its JSON field, files arrive beside it. */
  multipart?: MultipartSpec;
  /** A JSON body may be this large (default MAX_JSON_BYTES): for a body that carries an image as base64. */
  maxJsonBytes?: number;
  /** Pages on other sites may read the answers (errors included): CORS headers, as clip-retrieval's clients need. */
  cors?: boolean;
  /**
   * The path parameter that holds a personal API token (`/t/<token>/…`): it alone says who asks, for clients that
   * can send no header. Only read-only (viewer) tokens are accepted there.
   */
  urlToken?: string;
  /** Error bodies also carry the message at the top level ({ message, error }), as clip-retrieval's do. */
  messageAtTop?: boolean;
  /** Counted against the caller's per-minute limit of this kind (lib/api/check-rate-limit); a multipart body is always an upload. */
  rateLimit?: RateLimitKind;
}

type Out<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteInput<Q, B, P> {
  query: Q;
  body: B;
  params: P;
  /** Files of a multipart body, by field name. */
  files: Record<string, Uint8Array>;
  request: Request;
  /** Who asks, already checked against `auth`. */
  actor: Actor;
}

type Ctx = { params?: Promise<Record<string, string | string[]>> };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A route handler that also tells (for the test that walks every route) what access it declared. */
export type Route = ((request: Request, ctx?: Ctx) => Promise<Response>) & {
  access: Omit<AccessRule, 'reads'> & { reads?: boolean; openToAnyone?: string; urlToken?: string; rateLimit?: RateLimitKind };
};

export function apiRoute<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType>(
  spec: Spec<Q, B, P>,
  handler: (input: RouteInput<Out<Q>, Out<B>, Out<P>>) => Promise<unknown>,
): Route {
  const answer = async (request: Request, ctx: Ctx): Promise<Response> => {
    try {
      const safe = SAFE_METHODS.has(request.method);
      const rawParams = (await ctx.params) ?? {};
      const asker = spec.urlToken ? await resolveUrlToken(request, String(rawParams[spec.urlToken] ?? '')) : await resolveActor(request);
      // Before anything is read or done: a cookie-borne change from another site is refused whatever its role.
      if (!safe && asker.via === 'session') checkSameOrigin(request);
      const actor = authorize(asker, { role: spec.auth, reads: safe || spec.reads === true });
      // Before the body is read, so a refused caller costs no upload; an image search is a search and an upload.
      const uploading = spec.multipart !== undefined && /^multipart\/form-data/i.test(request.headers.get('content-type') ?? '');
      for (const kind of new Set<RateLimitKind | undefined>([spec.rateLimit, uploading ? 'upload' : undefined])) if (kind) await checkRateLimit(kind, actor);
      const url = new URL(request.url);
      const rawQuery = Object.fromEntries(url.searchParams);
      refuseNul(rawQuery, 'query');
      refuseNul(rawParams, 'path');
      const query = spec.query ? spec.query.parse(rawQuery) : undefined;
      const params = spec.params ? spec.params.parse(rawParams) : undefined;
      const raw = spec.body ? await readBody(request, spec.multipart, spec.maxJsonBytes) : { json: undefined, files: {} };
      refuseNul(raw.json, 'body');
      const body = spec.body ? spec.body.parse(raw.json) : undefined;
      const result = await handler({ query, body, params, files: raw.files, request, actor } as RouteInput<Out<Q>, Out<B>, Out<P>>);
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      return errorResponse(err, { messageAtTop: spec.messageAtTop });
    }
  };
  const route = async (request: Request, ctx: Ctx = {}): Promise<Response> => {
    const response = await answer(request, ctx);
    return spec.cors ? addCorsHeaders(request, response) : response;
  };
  return Object.assign(route, { access: { role: spec.auth, reads: spec.reads, openToAnyone: spec.openToAnyone, urlToken: spec.urlToken, rateLimit: spec.rateLimit } });
}
