// Where the real sample data lives for tests: ../shared/data beside the checkout (SIEVE_SHARED_DATA overrides).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SHARED_DATA = process.env.SIEVE_SHARED_DATA ?? path.resolve(REPO_ROOT, '..', 'shared', 'data');
