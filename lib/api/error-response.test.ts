import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError, ERROR_CODES } from '../errors/app-error';
import { apiRoute } from './api-route';
import { errorResponse, HTTP_STATUS } from './error-response';

describe('errorResponse: one body shape for every code', () => {
  it.each(ERROR_CODES.map((c) => [c, HTTP_STATUS[c]] as const))('%s → %i', async (code, status) => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = errorResponse(new AppError(code, `msg ${code}`, code === 'bad_request' ? { row: 3 } : undefined));
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: { code, message: `msg ${code}`, ...(code === 'bad_request' ? { details: { row: 3 } } : {}) } });
  });

  it('says when to come back on every 429: the seconds in its details, else a minute', () => {
    expect(errorResponse(new AppError('rate_limited', 'slow down', { retryAfter: 12.2 })).headers.get('retry-after')).toBe('13');
    expect(errorResponse(new AppError('rate_limited', 'slow down')).headers.get('retry-after')).toBe('60');
    expect(errorResponse(new AppError('bad_request', 'no')).headers.has('retry-after')).toBe(false);
  });

  it('turns zod errors into 400 with the issues', async () => {
    const parsed = z.object({ page: z.number() }).safeParse({ page: 'x' });
    const res = errorResponse(parsed.error);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(/^page: /);
    expect(body.error.details.issues[0].path).toBe('page');
  });

  it('answers 503 for a lost database and 500 without echoing anything else', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const lost = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(errorResponse(lost).status).toBe(503);
    const res = errorResponse(new Error('secret stack detail /etc/passwd'));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain('secret');
  });

  it('answers database failures with their kind: 503 when unavailable, 409 for a write conflict', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'ERROR' });
    const cancelled = errorResponse(pgError('57014', 'canceling statement due to statement timeout'));
    expect(cancelled.status).toBe(503);
    expect((await cancelled.json()).error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/^The database cancelled the statement/), details: { dbError: 'statement_cancelled' } });
    const deadlock = errorResponse(pgError('40P01', 'deadlock detected'));
    expect(deadlock.status).toBe(409);
    expect((await deadlock.json()).error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/try again\.$/), details: { dbError: 'write_conflict' } });
  });
});

describe('apiRoute', () => {
  it('parses query and params, and maps thrown errors', async () => {
    const route = apiRoute({ auth: 'public', query: z.object({ n: z.coerce.number().int() }), params: z.object({ id: z.string() }) }, async ({ query, params }) => ({ n: query.n, id: params.id }));
    const ok = await route(new Request('http://x/y?n=4'), { params: Promise.resolve({ id: 'a' }) });
    expect(await ok.json()).toEqual({ n: 4, id: 'a' });
    const bad = await route(new Request('http://x/y?n=four'), { params: Promise.resolve({ id: 'a' }) });
    expect(bad.status).toBe(400);
  });

  it('rejects a body that is not JSON with 400', async () => {
    const route = apiRoute({ auth: 'public', body: z.object({ a: z.string() }) }, async ({ body }) => body);
    const res = await route(new Request('http://x/y', { method: 'POST', body: '{nope' }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/JSON/);
  });
});
