// Where the sign-in page may send someone afterwards: a path on this site and nothing else. `next` comes from the URL,
// so anyone can write a link with it; browsers strip tabs and newlines from a URL and read a backslash as a slash,
// which turned "/%09/evil.example" and "/\evil.example" into another site. Client-safe: no imports.

const BASE = 'https://sieve.invalid';

/** The same-origin path (with its query and fragment) `raw` names, or "/" for anything else. */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || raw.length > 2000) return '/';
  // Only a path that starts with one slash, without whitespace, control characters or backslashes anywhere.
  // eslint-disable-next-line no-control-regex
  if (!raw.startsWith('/') || raw.startsWith('//') || /[\s\u0000-\u001f\u007f\\]/.test(raw)) return '/';
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The parser's own reading must be a plain path too (a dot segment can't climb into "//").
  return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}
