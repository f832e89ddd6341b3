// `sieve user …`: accounts from the command line, through the same lib functions (and audit events) as /admin/users.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { cliActor } from '../auth/cli-actor';
import { createUser } from '../auth/create-user';
import { findUsers } from '../auth/find-users';
import { Role } from '../auth/roles';
import { updateUser } from '../auth/update-user';

export const USER_USAGE = `  user add <email> [--role viewer|curator|reviewer|admin] [--name <name>] [--password-stdin]
      add a user; prints a one-time password unless --password-stdin reads one (at least 12 characters)
  user role <email> <role>        change a user's role
  user disable <email>            disable a user: their sessions and tokens stop working at once
  user enable <email>             enable a disabled user
  user password <email>           set a new password read from stdin (ends the user's sessions)
  user list                       list users with their roles`;

export const USER_OPTIONS = {
  role: { type: 'string' },
  name: { type: 'string' },
  'password-stdin': { type: 'boolean' },
} as const;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const need = (value: string | undefined, what: string) => {
  if (!value) throw new AppError('bad_request', `give the ${what}: ${USER_USAGE.split('\n')[0].trim()}`);
  return value;
};

export async function runUserCommand(db: Db, values: Record<string, string | boolean | undefined>, [sub, email, arg]: string[]): Promise<void> {
  const actor = cliActor();
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  switch (sub) {
    case 'add': {
      const password = values['password-stdin'] ? await readStdin() : undefined;
      const r = await createUser(db, actor, { email: need(email, 'email'), role: Role.parse(values.role ?? 'viewer'), name: values.name as string | undefined, password });
      out(`added ${r.user.email} (${r.user.role})`);
      if (r.password) out(`one-time password (shown once): ${r.password}`);
      return;
    }
    case 'role': {
      const role = Role.safeParse(arg);
      if (!role.success) throw new AppError('bad_request', `role must be one of ${Role.options.join(', ')}`);
      const u = await updateUser(db, actor, { email: need(email, 'email') }, { role: role.data });
      return out(`${u.email} is now ${u.role}`);
    }
    case 'disable':
    case 'enable': {
      const u = await updateUser(db, actor, { email: need(email, 'email') }, { disabled: sub === 'disable' });
      return out(`${u.email} is ${u.disabled ? 'disabled' : 'enabled'}`);
    }
    case 'password': {
      const u = await updateUser(db, actor, { email: need(email, 'email') }, { password: await readStdin() });
      return out(`new password set for ${u.email}; their sessions were ended`);
    }
    case 'list':
      for (const u of await findUsers(db)) out(`${u.email}\t${u.role}\t${u.disabled ? 'disabled' : 'active'}\t${u.createdAt.slice(0, 10)}`);
      return;
    default:
      throw new AppError('bad_request', `unknown user command "${sub ?? ''}"; one of add, role, disable, enable, password, list`);
  }
}
