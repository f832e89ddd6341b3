// `sieve flag` and `sieve purge-media`: flags from the command line through the same functions (and audit events) as
// the web page; the CLI writes a large target itself, batch by batch, with a progress bar.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { cliActor } from '../auth/cli-actor';
import { purgeFlaggedMedia } from '../flags/purge-flagged-media';
import { FLAG_REASONS, REASON_INFO, type FlagReason } from '../flags/reasons';
import { resolveFlagTarget } from '../flags/resolve-flag-target';
import { FlagPairsInput, type FlagTarget } from '../flags/schemas';
import { writeFlags } from '../flags/write-flags';
import { createProgressBar } from './progress-bar';

export const FLAG_USAGE = `  flag --reason <reason> [--note <text>] (--pairs <id,id,…> | --duplicates-of <id>
       | --dataset <name> --domain <domain> | --dataset <name> [--text <words>] [--keyword <words>] [--filters '<json>'] [--k <n>])
      flag pairs (a search flags its top k when ranked, else every match); re-running adds nothing. Reasons:
${FLAG_REASONS.map((r) => `        ${r.padEnd(17)}${REASON_INFO[r].description}`).join('\n')}
  purge-media --reason csam_suspected
      delete the local image files (and thumbnails) of pairs under an open or confirmed flag of that reason and of
      every pair hidden with them (URL twins, look-alikes), their extracted tar members, and orphaned thumbnails`;

export const FLAG_OPTIONS = {
  reason: { type: 'string' },
  note: { type: 'string' },
  pairs: { type: 'string' },
  'duplicates-of': { type: 'string' },
  dataset: { type: 'string', short: 'd' },
  domain: { type: 'string' },
  text: { type: 'string' },
  keyword: { type: 'string' },
  filters: { type: 'string' },
  k: { type: 'string' },
} as const;

type Values = Record<string, string | boolean | undefined>;

function targetOf(v: Values): FlagTarget {
  const num = (s: unknown) => Number(String(s));
  if (v.pairs) return { kind: 'pairs', pairIds: String(v.pairs).split(',').map(num) };
  if (v['duplicates-of']) return { kind: 'duplicates', pairId: num(v['duplicates-of']) };
  if (v.domain) return { kind: 'domain', domain: String(v.domain), dataset: String(v.dataset ?? '') };
  if (!v.dataset) throw new AppError('bad_request', 'say what to flag: --pairs, --duplicates-of, --domain with --dataset, or --dataset with a search');
  let filters: object = {};
  try {
    filters = v.filters ? (JSON.parse(String(v.filters)) as object) : {};
  } catch {
    throw new AppError('bad_request', `--filters must be JSON, e.g. '{"punsafeMax":0.1}'`);
  }
  const query = { ...filters, dataset: String(v.dataset), ...(v.text ? { text: String(v.text) } : {}), ...(v.keyword ? { keyword: String(v.keyword) } : {}) };
  return { kind: 'query', query, ...(v.k ? { k: num(v.k) } : {}) } as FlagTarget;
}

export async function runFlagCommand(db: Db, v: Values): Promise<void> {
  const input = FlagPairsInput.parse({ target: targetOf(v), reason: v.reason, note: v.note });
  const target = await resolveFlagTarget(db, input.target);
  const total = await target.count();
  const bar = createProgressBar();
  let done = 0;
  let flagged = 0;
  for await (const batch of target.batches(0, 2_000)) {
    flagged += await writeFlags(db, cliActor(), { pairIds: batch.ids, reason: input.reason, note: input.note ?? null, jobId: null });
    done += batch.ids.length;
    bar.update(done, total, `flagging as ${input.reason}`);
  }
  bar.finish();
  process.stdout.write(`${total} pairs matched, ${flagged} newly flagged as ${input.reason}${target.dataset ? ` in "${target.dataset}"` : ''}\n`);
}

export async function runPurgeMedia(db: Db, v: Values): Promise<void> {
  const reason = String(v.reason ?? '');
  if (reason !== 'csam_suspected') throw new AppError('bad_request', 'purge-media only purges --reason csam_suspected');
  const r = await purgeFlaggedMedia(db, cliActor(), reason as FlagReason);
  process.stdout.write(
    `${r.files} image files deleted for ${r.pairs} pairs flagged ${reason} or hidden with them; ${r.extracted} extracted tar members and ${r.thumbnails} thumbnails deleted\n`,
  );
}
