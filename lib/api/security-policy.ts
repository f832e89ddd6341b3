// The Content-Security-Policy of Sieve's pages: scripts run only with this response's nonce (Next.js puts it on its
// own bootstrap and chunks), so markup smuggled in through a caption, URL or field could not run even if some
// component forgot to render it as text. API answers get their fixed policy in next.config.js.
/** 128 random bits a response: a page's nonce must be unguessable and never repeat. */
export const createNonce = () => Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');

export function pageSecurityPolicy(nonce: string, opts: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': chunks that Next's nonce-bearing bootstrap loads are trusted; nothing else is, not even
    // same-origin files. React's development build evaluates strings, the production build never does.
    `script-src 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    // Styles may be inline (React style attributes, Recharts); a style cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // Remote LAION images, Sieve's thumbnails, data: placeholders and an uploaded query image's blob: preview.
    "img-src 'self' http: https: data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}
