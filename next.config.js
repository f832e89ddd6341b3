// Next.js settings for Sieve. Server-only packages stay out of the bundle: they load native code,
// WebAssembly or files beside their own modules, which bundling would break.

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
  poweredByHeader: false,
  // Remote LAION images are shown with plain <img>: the optimiser would fetch arbitrary URLs from our server.
  images: { unoptimized: true },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          // A second line of defence: even an <img> that forgets referrerPolicy leaks nothing to remote hosts.
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default nextConfig;
