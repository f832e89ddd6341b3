// Prisma's schema engine is a native binary fetched from the internet, which this project never
// does; `prisma generate` only needs the schema parser (WASM), so point the engine path anywhere.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/dev/null', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
if (!existsSync('prisma/schema.prisma')) process.exit(0);
const r = spawnSync('npx', ['prisma', 'generate'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
