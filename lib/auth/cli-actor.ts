// Who the CLI acts as: whoever can run it on the machine that holds the database, recorded as `cli:<os user>`.
import os from 'node:os';
import type { Actor } from './schemas';

export function cliActor(): Actor {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the trail still says it came from the CLI.
  }
  return { kind: 'cli', id: `cli:${user}`, email: null, name: null, role: 'admin', via: 'cli', ip: null };
}
