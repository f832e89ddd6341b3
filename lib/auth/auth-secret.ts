// The secret better-auth signs cookies with: BETTER_AUTH_SECRET, or one generated once and kept under the data folder.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataHome } from '../db/config';

export function authSecret(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.BETTER_AUTH_SECRET?.trim();
  if (given) return given;
  const file = path.join(dataHome(env), 'auth-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    // 'wx': two processes starting at once keep the first one's secret.
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}
