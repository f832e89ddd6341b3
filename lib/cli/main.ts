// `sieve` command: parses argv, opens the database, calls the same lib functions the routes call.
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { toAppError } from '../api/error-response';
import { openDatabase } from '../db/open-database';
import { migrate } from '../db/migrate';
import { EXIT_CODE } from './exit-code';
import { COMMANDS, USAGE } from './commands';

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(name && name !== 'help' && name !== '--help' ? `unknown command "${name}"\n\n${USAGE}` : USAGE);
    return name && name !== 'help' && name !== '--help' ? 64 : 0;
  }
  let open: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    const args = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    open = await openDatabase();
    await migrate(open.db);
    await command.run(open.db, args as never);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    // parseArgs throws plain TypeErrors with a readable message for unknown or malformed flags.
    const e = (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? { code: 'bad_request' as const, message: (err as Error).message } : toAppError(err);
    if (e.code === 'internal' && !(err instanceof ZodError)) console.error(err);
    process.stderr.write(`sieve ${name}: ${e.message}\n`);
    return EXIT_CODE[e.code];
  } finally {
    await open?.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
