// One export in its own process, so its peak RSS is the export's alone: prints rows, seconds and max RSS as JSON.
import { createDb } from '../lib/db/client';
import { runExport } from '../lib/export/run-export';
import { ExportRequest } from '../lib/export/schemas';
import { insertExport } from '../lib/export/sql';

const [url, kind, format] = process.argv.slice(2);
const db = createDb({ kind: kind as 'server' | 'embedded', url });
const id = await insertExport(db, { request: ExportRequest.parse({ source: { kind: 'dataset', dataset: 'bench' }, rule: { keep: 'clean' }, format }), createdBy: null });
const start = performance.now();
const manifest = await runExport(db, id);
const seconds = (performance.now() - start) / 1000;
await db.close();
console.log(JSON.stringify({ rows: manifest.rows, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, bytes: manifest.files.reduce((n, f) => n + f.bytes, 0) }));
