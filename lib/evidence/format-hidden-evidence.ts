// The evidence file's two forms: JSON grouped by source, and CSV (one line per hidden pair, for a spreadsheet, with
// formulas neutralised). Captions are hostile text: they go in as data, never as anything a reader runs.
import { spreadsheetCsv } from '../audit/spreadsheet-csv';
import type { EvidenceRow } from '../pairs/evidence-sql';
import type { FlagSummary } from '../flags/schemas';
import type { EvidenceFlag, EvidencePair, HiddenEvidence } from './schemas';

export const EVIDENCE_NOTICE =
  'Evidence for a report to a hotline or the authorities: it holds the URLs of suspected child sexual abuse material. ' +
  'Do not open them; keep this file only as long as the report needs it.';

const toFlag = (f: FlagSummary): EvidenceFlag => ({
  reason: f.reason, state: f.state, origin: f.origin, note: f.note, raisedBy: f.createdByEmail ?? f.createdBy, raisedAt: f.createdAt,
  decidedBy: f.decidedByEmail ?? f.decidedBy, decidedAt: f.decidedAt,
});

export function toEvidence(rows: EvidenceRow[], flags: FlagSummary[], writtenBy: string | null): HiddenEvidence {
  const byPair = new Map<number, EvidenceFlag[]>();
  for (const f of flags) byPair.set(f.pairId, [...(byPair.get(f.pairId) ?? []), toFlag(f)]);
  const sources = new Map<number, EvidencePair[]>();
  for (const r of rows) {
    const pair: EvidencePair = {
      pairId: r.pair_id, cause: r.cause, cosine: r.cosine, hiddenAt: r.hidden_at.toISOString(), dataset: r.dataset, sourceFile: r.source_file,
      sourceRow: r.source_row, url: r.url, caption: r.caption, hash: r.hash, sampleId: r.sample_id, flags: byPair.get(r.pair_id) ?? [],
    };
    sources.set(r.source_pair_id, [...(sources.get(r.source_pair_id) ?? []), pair]);
  }
  return {
    kind: 'sieve-hidden-evidence', writtenAt: new Date().toISOString(), writtenBy, notice: EVIDENCE_NOTICE,
    sources: [...sources].map(([sourcePairId, pairs]) => ({ sourcePairId, pairs })),
  };
}

const CSV_COLUMNS = [
  'source_pair_id', 'pair_id', 'cause', 'cosine', 'dataset', 'source_file', 'source_row', 'url', 'caption', 'hash', 'sample_id', 'hidden_at', 'flags',
] as const;

const flagLine = (f: EvidenceFlag) =>
  `${f.reason} ${f.state} (${f.origin}), raised by ${f.raisedBy ?? 'unknown'} ${f.raisedAt}` +
  `${f.decidedAt ? `, decided by ${f.decidedBy ?? 'unknown'} ${f.decidedAt}` : ''}${f.note ? `, note: ${f.note}` : ''}`;

export function evidenceCsv(e: HiddenEvidence): string {
  const lines: unknown[][] = [[...CSV_COLUMNS]];
  for (const s of e.sources) {
    for (const p of s.pairs) {
      lines.push([
        s.sourcePairId, p.pairId, p.cause, p.cosine, p.dataset, p.sourceFile, p.sourceRow, p.url, p.caption, p.hash, p.sampleId, p.hiddenAt,
        p.flags.map(flagLine).join('; '),
      ]);
    }
  }
  return spreadsheetCsv(lines);
}
