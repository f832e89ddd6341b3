// `sieve` command: parses argv, opens the database, calls the same lib functions the routes call.
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open-database';
import { migrate } from '../db/migrate';
import { EX_USAGE } from './exit-code';
import { reportError } from './report-error';
import { COMMANDS, USAGE } from './commands';

export async function main(argv: string[]): Promise<number> {
  const { verbose, args: commandArgv } = takeVerbose(argv);
  const [name, ...rest] = commandArgv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    const unknown = Boolean(name && name !== 'help' && name !== '--help');
    process.stderr.write(unknown ? `unknown command "${name}"\n\n${USAGE}` : USAGE);
    return unknown ? EX_USAGE : 0;
  }
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (err) {
    // parseArgs throws plain TypeErrors with a readable one-line message for unknown or malformed flags.
    if (!(err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return reportError(name, err, { verbose });
    process.stderr.write(`sieve ${name}: ${(err as Error).message}; \`npm run sieve -- help\` lists the flags\n`);
    return EX_USAGE;
  }
  const dataset = typeof args.values.dataset === 'string' ? args.values.dataset : undefined;
  let open: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    if (command.database === false) {
      await command.run(null, args as never);
    } else {
      open = await openDatabase();
      await migrate(open.db);
      await command.run(open.db, args as never);
    }
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return reportError(name, err, { dataset, verbose });
  } finally {
    // Closing can fail once the server is gone; the outcome is decided (and reported) by then, so it must not replace it.
    await open?.close().catch(() => undefined);
  }
}

/** --verbose is global: accepted before or after the command, up to a `--` that ends the flags. */
function takeVerbose(argv: string[]): { verbose: boolean; args: string[] } {
  const end = argv.indexOf('--');
  const flags = end === -1 ? argv : argv.slice(0, end);
  if (!flags.includes('--verbose')) return { verbose: false, args: argv };
  return { verbose: true, args: [...flags.filter((a) => a !== '--verbose'), ...(end === -1 ? [] : argv.slice(end))] };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
