import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Unit tests run in parallel; database tests run one file at a time because each
// file owns a whole database (a fresh Postgres database or an in-memory PGlite).
export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts', '*.test.ts'], exclude: ['**/*.int.test.ts', 'node_modules/**'], testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: { name: 'int', include: ['lib/**/*.int.test.ts', 'app/**/*.int.test.ts', 'prisma/**/*.int.test.ts'], fileParallelism: false, testTimeout: 180_000, hookTimeout: 180_000 },
      },
    ],
  },
});
