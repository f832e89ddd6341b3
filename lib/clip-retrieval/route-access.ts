// How the clip-retrieval routes are reached: reads that pages on other sites may make, erring as clip_back does.

/**
 * Reads (no cross-site guard: they change nothing), open to anonymous callers when SIEVE_READ=public, else to a
 * signed-in caller: a personal token as a Bearer header (or a session), or a read-only token in the `/t/<token>/`
 * prefix (CLIP_RETRIEVAL_VIA_URL_TOKEN). CORS as flask-cors; errors carry a top-level `message`, as clip_back's do.
 */
export const CLIP_RETRIEVAL_ACCESS = { auth: 'viewer', reads: true, cors: true, messageAtTop: true } as const;

/** The same under `/t/[token]/…`: the path's token (read-only tokens only) says who asks. */
export const CLIP_RETRIEVAL_VIA_URL_TOKEN = { ...CLIP_RETRIEVAL_ACCESS, urlToken: 'token' } as const;
