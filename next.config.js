// Next.js settings for Sieve. Server-only packages stay out of the bundle: they load native code,
// WebAssembly or files beside their own modules, which bundling would break.

import os from 'node:os';

/**
 * The dev server serves its scripts only to the origins it knows; a newcomer opens 127.0.0.1 or the machine's
 * LAN address as often as localhost. SIEVE_DEV_ORIGINS (comma-separated host names) adds more.
 */
function devOrigins() {
  const own = Object.values(os.networkInterfaces()).flat().filter(Boolean).map((i) => i.address);
  const extra = (process.env.SIEVE_DEV_ORIGINS ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  return [...new Set(['127.0.0.1', os.hostname(), ...own, ...extra])];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: [
    'pg',
    '@prisma/client',
    '@prisma/adapter-pg',
    '@electric-sql/pglite',
    '@electric-sql/pglite-socket',
    '@electric-sql/pglite-pgvector',
    '@huggingface/transformers',
    'onnxruntime-node',
    'sharp',
  ],
  typedRoutes: false,
  allowedDevOrigins: devOrigins(),
  poweredByHeader: false,
  // Remote LAION images are shown with plain <img>: the optimiser would fetch arbitrary URLs from our server.
  images: { unoptimized: true },
  async headers() {
    const common = [
      // A second line of defence: even an <img> that forgets referrerPolicy leaks nothing to remote hosts.
      { key: 'Referrer-Policy', value: 'no-referrer' },
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'X-Frame-Options', value: 'DENY' },
      // A page Sieve opens (a pair's source URL) gets no handle back to Sieve's window.
      { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
    ];
    // API answers are data, never documents: opened directly in a tab, nothing in them may load or run. Pages get
    // theirs, with a fresh script nonce, from proxy.ts (lib/api/security-policy.ts).
    const apiPolicy = { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" };
    const apiPaths = ['/api/:path*', '/t/:token/:path*', '/knn-service', '/metadata', '/indices-list', '/config.json'];
    return [{ source: '/:path*', headers: common }, ...apiPaths.map((source) => ({ source, headers: [apiPolicy] }))];
  },
};

export default nextConfig;
