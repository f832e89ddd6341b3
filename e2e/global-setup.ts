// Before any test: the demo embeds its datasets in the background on first start; wait for those jobs to end.
import { request, type FullConfig } from '@playwright/test';
import type { JobSummary } from '../lib/jobs/schemas';

const WAIT_MS = 300_000;

export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0].use.baseURL;
  const api = await request.newContext({ baseURL });
  const end = Date.now() + WAIT_MS;
  try {
    for (;;) {
      const res = await api.get('/api/jobs?active=1');
      if (!res.ok()) throw new Error(`GET /api/jobs answered ${res.status()}: ${await res.text()}`);
      const { jobs } = (await res.json()) as { jobs: JobSummary[] };
      if (jobs.length === 0) break;
      if (Date.now() > end) throw new Error(`the demo's background jobs did not finish: ${jobs.map((j) => `${j.id} ${j.state} ${j.message}`).join('; ')}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const failed = ((await (await api.get('/api/jobs')).json()) as { jobs: JobSummary[] }).jobs.filter((j) => j.state !== 'done');
    if (failed.length) throw new Error(`demo jobs ended badly: ${failed.map((j) => `${j.id} ${j.kind} ${j.state}: ${j.error}`).join('; ')}`);
  } finally {
    await api.dispose();
  }
}
