// An indice_name this server does not have is a 404 that says which ones it has, as GET /indices-list lists them.
import { AppError } from '../errors/app-error';
import type { Queryable } from '../db/client';
import { selectIndexNames } from './sql';

export async function checkIndexName(q: Queryable, name: string): Promise<void> {
  const names = await selectIndexNames(q);
  if (names.includes(name)) return;
  const has = names.length ? names.map((n) => `"${n}"`).join(', ') : 'none yet';
  throw new AppError('not_found', `indice_name: there is no index "${name}"; this server has ${has} (GET /indices-list)`);
}
