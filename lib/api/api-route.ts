// Thin-route wrapper: parse inputs with the concept's schemas, call one lib function, map errors once.
import type { z } from 'zod';
import { errorResponse } from './error-response';
import { readBody, type MultipartSpec } from './read-body';

interface Spec<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType> {
  query?: Q;
  body?: B;
  params?: P;
  /** Also accept multipart/form-data: the body schema parses its JSON field, files arrive beside it. */
  multipart?: MultipartSpec;
}

type Out<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteInput<Q, B, P> {
  query: Q;
  body: B;
  params: P;
  /** Files of a multipart body, by field name. */
  files: Record<string, Uint8Array>;
  request: Request;
}

type Ctx = { params?: Promise<Record<string, string | string[]>> };

export function apiRoute<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType>(
  spec: Spec<Q, B, P>,
  handler: (input: RouteInput<Out<Q>, Out<B>, Out<P>>) => Promise<unknown>,
) {
  return async (request: Request, ctx: Ctx = {}): Promise<Response> => {
    try {
      const url = new URL(request.url);
      const query = spec.query ? spec.query.parse(Object.fromEntries(url.searchParams)) : undefined;
      const params = spec.params ? spec.params.parse((await ctx.params) ?? {}) : undefined;
      const raw = spec.body ? await readBody(request, spec.multipart) : { json: undefined, files: {} };
      const body = spec.body ? spec.body.parse(raw.json) : undefined;
      const result = await handler({ query, body, params, files: raw.files, request } as RouteInput<Out<Q>, Out<B>, Out<P>>);
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
