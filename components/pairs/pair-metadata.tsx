import type { ReactNode } from 'react';
import { LAION_FIELD, type LaionFieldKey } from '@/lib/pairs/laion-fields';
import type { PairDetail } from '@/lib/pairs/schemas';

const none = <span className="text-neutral-400">—</span>;

function text(v: string | number | null): ReactNode {
  return v === null || v === '' ? none : String(v);
}

function yesNo(v: boolean): string {
  return v ? 'yes' : 'no';
}

// The LAION fields shown as plain text after the domain, in the page's order; labels come from the registry.
// The URL row comes before the domain; the caption is shown above the list, and the local file path not at all.
const TEXT_FIELDS = ['width', 'height', 'similarity', 'punsafe', 'pwatermark', 'aesthetic', 'license', 'language', 'nsfw', 'hash', 'sampleId'] as const;
// Fails to compile when a field is added to the registry and not placed here (or named among the ones left out).
const everyFieldPlaced: Exclude<LaionFieldKey, (typeof TEXT_FIELDS)[number] | 'url' | 'caption' | 'imagePath'> extends never ? true : false = true;
void everyFieldPlaced;

/** Every stored field of a pair, as text (URLs and the extra JSON included: nothing here is parsed as HTML). */
export function PairMetadata({ pair, datasetName }: { pair: PairDetail; datasetName: string | undefined }) {
  const rows: [string, ReactNode][] = [
    ['Pair id', pair.id],
    ['Dataset', datasetName ? `${datasetName} (#${pair.datasetId})` : `#${pair.datasetId}`],
    ['Source file', text(pair.sourceFile)],
    ['Source row', pair.sourceRow],
    [LAION_FIELD.url.label, pair.hidden ? 'withheld (suspected CSAM)' : text(pair.url)],
    ['Domain', text(pair.domain)],
    ...TEXT_FIELDS.map((key): [string, ReactNode] => [LAION_FIELD[key].label, text(pair[key])]),
    ['Image embedding', yesNo(pair.hasImageEmbedding)],
    ['Caption embedding', yesNo(pair.hasTextEmbedding)],
    ['Flagged', yesNo(pair.flagged)],
    ['Hidden', yesNo(pair.hidden)],
  ];
  return (
    <div className="space-y-3">
      <dl data-testid="pair-metadata" className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-neutral-500 dark:text-neutral-400">{label}</dt>
            <dd className="min-w-0 break-all tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <div>
        <h2 className="text-sm text-neutral-500 dark:text-neutral-400">Other columns (extra)</h2>
        {pair.extra && Object.keys(pair.extra).length > 0 ? (
          <pre data-testid="pair-extra" className="mt-1 max-h-80 overflow-auto rounded bg-neutral-100 p-3 font-mono text-xs dark:bg-neutral-800">
            {JSON.stringify(pair.extra, null, 2)}
          </pre>
        ) : (
          <p className="text-sm text-neutral-400">none</p>
        )}
      </div>
    </div>
  );
}
