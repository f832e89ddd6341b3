import { benchIngest } from '/work/main/bench/ingest.bench';
const f = await benchIngest('server', 4, 25000);
console.log(JSON.stringify(f), (process.resourceUsage().maxRSS/1024).toFixed(0), 'MiB');
