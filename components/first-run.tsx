import { Command } from './notice';

const LAYOUTS = [
  ['LAION metadata parquet', 'a .parquet file or a folder of them (URL, TEXT, WIDTH, HEIGHT, similarity, punsafe, …)'],
  ['clip-retrieval embedding folder', 'metadata/metadata_N.parquet + img_emb/img_emb_N.npy (+ text_emb/), float16 or float32'],
  ['img2dataset output', 'numbered folders of image + .txt + .json, or webdataset .tar shards'],
] as const;

/** What an empty Sieve shows instead of an empty grid: how to get data in. */
export function FirstRun() {
  return (
    <section data-testid="first-run" className="mx-auto max-w-2xl space-y-5 rounded-lg border border-neutral-200 bg-white p-6 text-sm text-neutral-700 dark:border-neutral-800 dark:bg-neutral-900 dark:text-neutral-300">
      <div className="space-y-1">
        <h2 className="text-lg font-semibold text-neutral-900 dark:text-neutral-100">Welcome to Sieve: no data yet</h2>
        <p>Sieve searches and curates image–caption datasets. Load one to begin; this page then shows its pairs.</p>
      </div>
      <div className="space-y-2">
        <h3 className="font-semibold">Try it with the demo data</h3>
        <p>Three small datasets, one with real CLIP embeddings, on the embedded database:</p>
        <Command>npm run demo</Command>
      </div>
      <div className="space-y-2">
        <h3 className="font-semibold">Load your own</h3>
        <Command>{'npm run sieve -- ingest <path> --dataset <name>'}</Command>
        <ul className="list-disc space-y-1 pl-5">
          {LAYOUTS.map(([name, what]) => (
            <li key={name}>
              <span className="font-medium">{name}</span>: {what}
            </li>
          ))}
        </ul>
        <p>
          Datasets without embeddings can be embedded with <code className="font-mono text-xs">{'npm run sieve -- embed --dataset <name>'}</code> once
          CLIP weights are available. Stop the app before running the CLI on the embedded database, or use a PostgreSQL server for both.
        </p>
      </div>
    </section>
  );
}
