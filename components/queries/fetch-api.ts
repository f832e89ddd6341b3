// The browser's way to call Sieve's API: JSON (or a multipart upload) in, the API's own error message out.

/** An error body from our API ({ error: { code, message, details? } }), kept whole for the UI to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A request body: JSON for plain values, as-is for a FormData (the browser sets the multipart boundary). */
export type ApiBody = FormData | Record<string, unknown>;

export async function fetchApi<T>(path: string, signal?: AbortSignal, body?: ApiBody, method?: 'POST' | 'PATCH' | 'DELETE'): Promise<T> {
  let res: Response;
  const json = body !== undefined && !(body instanceof FormData);
  try {
    res = await fetch(path, {
      signal,
      method: method ?? (body === undefined ? 'GET' : 'POST'),
      headers: { accept: 'application/json', ...(json ? { 'content-type': 'application/json' } : {}) },
      body: json ? JSON.stringify(body) : body,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, 'unavailable', 'Cannot reach the Sieve server. Is it still running?');
  }
  const answer: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    // Sieve's own shape, or better-auth's ({ code, message }) for /api/auth/*.
    const error = (answer as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error ?? (answer as { code?: string; message?: string; details?: unknown } | null);
    throw new ApiError(res.status, error?.code ?? 'internal', error?.message ?? `The server answered ${res.status}.`, error?.details);
  }
  return answer as T;
}
