// One ingest in its own process, so its peak RSS is the ingest's alone: prints the summary's figures as JSON.
import { createDb } from '../lib/db/client';
import { ingestDataset } from '../lib/ingest/ingest-dataset';

const [url, kind, path, dataset = 'bench'] = process.argv.slice(2);
const db = createDb({ kind: kind as 'server' | 'embedded', url });
const s = await ingestDataset(db, { path, dataset });
await db.close();
console.log(JSON.stringify({ rows: s.inserted, loadSeconds: s.loadSeconds, indexSeconds: s.indexSeconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
