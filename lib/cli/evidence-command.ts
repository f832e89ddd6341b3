// `sieve hidden-evidence`: the admin's evidence file for a hotline report (lib/evidence/get-hidden-evidence.ts), written
// to a new file only its owner can read.
import fs from 'node:fs/promises';
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { cliActor } from '../auth/cli-actor';
import { getHiddenEvidence } from '../evidence/get-hidden-evidence';

export const EVIDENCE_USAGE = `  hidden-evidence --out <file> [--source <pair id>] [--format json|csv]
      the evidence file for a report to a hotline: every hidden pair (or those one source hides) with its URL,
      caption, dataset, source file and row, hash, sample id, flags and look-alike cosine. The one file that holds
      hidden URLs: it is written for its owner only, and audited`;

export const EVIDENCE_OPTIONS = { out: { type: 'string' }, source: { type: 'string' }, format: { type: 'string' } } as const;

export async function runEvidenceCommand(db: Db, v: Record<string, string | boolean | undefined>): Promise<void> {
  if (!v.out) throw new AppError('bad_request', 'give the file to write with --out <file>');
  const out = String(v.out);
  // Opened first, so a refused file costs no read-out (and no audit event): wx never writes over a file, and 0600
  // keeps the URLs for the one who asked.
  const file = await fs.open(out, 'wx', 0o600).catch((err: NodeJS.ErrnoException) => {
    throw new AppError(err.code === 'EEXIST' ? 'conflict' : 'bad_request', `${out}: ${err.code === 'EEXIST' ? 'exists: give a new file name' : `cannot write it (${err.code ?? err.message})`}`);
  });
  try {
    const e = await getHiddenEvidence(db, cliActor(), { format: (v.format ?? 'json') as 'json', ...(v.source === undefined ? {} : { source: String(v.source) }) });
    await file.writeFile(e.body);
    await file.close();
    process.stdout.write(`evidence of ${e.pairs} hidden pairs written to ${out}\n`);
  } catch (err) {
    await file.close().catch(() => undefined);
    await fs.rm(out, { force: true });
    throw err;
  }
}
