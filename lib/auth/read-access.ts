// Who may read: SIEVE_READ=signed-in (every page and API needs a session; the default) or public (anonymous visitors
// browse and search as viewers; the demo runs so).
import { AppError } from '../errors/app-error';

export type ReadAccess = 'public' | 'signed-in';

export function readAccess(env: NodeJS.ProcessEnv = process.env): ReadAccess {
  const v = (env.SIEVE_READ ?? 'signed-in').trim().toLowerCase();
  if (v === 'public' || v === 'signed-in') return v;
  throw new AppError('bad_request', `SIEVE_READ must be "public" or "signed-in", not "${env.SIEVE_READ}"`);
}
