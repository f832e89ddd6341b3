// What the hiding rule costs an ingest: the same clip-retrieval folder loaded twice into one durable-or-not server,
// first with nothing hidden (no screen: the ingest pays nothing), then after 1,000 of its pairs were flagged
// csam_suspected, so every batch is screened against 1,000 hidden images and the re-ingested copies of them (URL
// twins and look-alikes at cosine 1) are hidden in the shard's transaction. Each ingest in its own process.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { flagPairs } from '../lib/flags/flag-pairs';
import { makeTempDir } from '../lib/ingest/__fixtures__/make-temp-dir';
import { benchDatabase } from './with-databases';
import { clipLikeSpace, writeClipLikeFolder } from './write-clip-like-folder';

export interface LookalikeFigures {
  rows: number;
  hiddenSources: number;
  plainRowsPerSecond: number;
  screenedRowsPerSecond: number;
  /** Pairs of the screened ingest the rule hid as it wrote them. */
  hiddenAtIngest: number;
}

const HIDDEN = 1_000;

export async function benchLookalikes(rows: number): Promise<LookalikeFigures> {
  const tmp = await makeTempDir('bench-lookalikes');
  const t = await benchDatabase('server');
  const ingest = async (dataset: string) => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/ingest-run.ts', t.url, t.kind, tmp.dir, dataset], {
      encoding: 'utf8', env: { ...process.env, SIEVE_HOME: tmp.dir }, maxBuffer: 1 << 24,
    });
    return JSON.parse(stdout.trim().split('\n').pop()!) as { rows: number; loadSeconds: number };
  };
  try {
    // Subtopic mates below the duplicate cosine: a hidden image's copies are its near-duplicates, as in LAION.
    await writeClipLikeFolder(tmp.dir, rows, clipLikeSpace(512, 11, 0.3));
    const plain = await ingest('plain');
    await t.db.query("INSERT INTO users (id, name, email, role) VALUES ('bench-admin', 'bench', 'bench@bench.local', 'admin')");
    const ids = (await t.db.query<{ id: number }>(`SELECT id FROM pairs ORDER BY random() LIMIT ${HIDDEN}`)).map((r) => r.id);
    await flagPairs(t.db, { kind: 'user', id: 'bench-admin', email: 'bench@bench.local', name: 'bench', role: 'admin', via: 'session', ip: null }, {
      target: { kind: 'pairs', pairIds: ids }, reason: 'csam_suspected',
    });
    const screened = await ingest('screened');
    const [{ n }] = await t.db.query<{ n: number }>(
      "SELECT count(DISTINCT h.pair_id)::int AS n FROM hidden_pairs h JOIN pairs p ON p.id = h.pair_id JOIN datasets d ON d.id = p.dataset_id WHERE d.name = 'screened'",
    );
    return { rows, hiddenSources: ids.length, plainRowsPerSecond: plain.rows / plain.loadSeconds, screenedRowsPerSecond: screened.rows / screened.loadSeconds, hiddenAtIngest: n };
  } finally {
    await t.close();
    await tmp.cleanup();
  }
}
