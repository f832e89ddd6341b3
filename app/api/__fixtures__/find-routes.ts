// Test support: every app/**/route.ts (the API under /api, clip-retrieval's at the root) with its exported handlers,
// found on disk so a new route can't be missed.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Route } from '@/lib/api/api-route';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const APP_DIR = path.resolve(import.meta.dirname, '..', '..');

export interface FoundHandler {
  /** The URL pattern, e.g. /api/users/[id] or /t/[token]/knn-service. */
  path: string;
  method: (typeof HTTP_METHODS)[number];
  handler: Route;
}

export async function findRoutes(): Promise<FoundHandler[]> {
  const files = readdirSync(APP_DIR, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'route.ts')
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  const found: FoundHandler[] = [];
  for (const file of files) {
    const mod = (await import(file)) as Record<string, Route>;
    const urlPath = `/${path.relative(APP_DIR, path.dirname(file)).split(path.sep).join('/')}`;
    for (const method of HTTP_METHODS) if (mod[method]) found.push({ path: urlPath, method, handler: mod[method] });
  }
  return found;
}
