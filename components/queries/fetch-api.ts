// The browser's way to call Sieve's API: JSON in, the API's own error message out.

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

export async function fetchApi<T>(path: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { signal, headers: { accept: 'application/json' } });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, 'unavailable', 'Cannot reach the Sieve server. Is it still running?');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new ApiError(res.status, error?.code ?? 'internal', error?.message ?? `The server answered ${res.status}.`, error?.details);
  }
  return body as T;
}
