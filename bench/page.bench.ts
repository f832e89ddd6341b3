// The search page in Chromium: from pressing Enter in the search box to 40 result cards on screen, on the production
// build served against the benchmark's database. The encoder is a generated tiny CLIP of the dataset's dimension (the
// real weights cannot be downloaded here), so the figure holds the page, the API and the database, plus a text
// encoder cheaper than ViT-B/32's (tens of milliseconds more on two cores; docs/performance.md).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { generateTinyClip } from '../lib/embeddings/__fixtures__/generate-tiny-clip';
import { ensureBuild } from '../scripts/build-app';
import { freePort, waitForHealth } from './start-app';

export interface PageFigures { queries: number; cards: number; p50: number; p95: number; max: number }

const CARDS = 40;
const QUERIES = 20;
const WARM_UP = 3;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/** Null when this machine has no Chromium (the figure is then left out, with a note). */
export async function benchPage(o: { databaseUrl: string; home: string; dataset: string; dim: number }): Promise<PageFigures | null> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) return null;
  await ensureBuild((m) => console.error(`  [build] ${m}`));
  const model = await generateTinyClip(path.join(o.home, 'tiny-clip'), { dim: o.dim });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DATABASE_URL: o.databaseUrl, SIEVE_DB_KIND: 'server', SIEVE_READ: 'public', SIEVE_HOME: o.home, SIEVE_MODEL_DIR: model, NEXT_TELEMETRY_DISABLED: '1' },
  });
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    await waitForHealth(base, server);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${base}/?dataset=${encodeURIComponent(o.dataset)}`);
    await page.getByTestId('search-input').waitFor({ timeout: 30_000 }).catch(async (err: Error) => {
      throw new Error(`the search page did not show its search box: ${err.message}\n${(await page.locator('body').innerText()).slice(0, 600)}`);
    });
    const times: number[] = [];
    for (let i = 0; i < WARM_UP + QUERIES; i++) {
      const words = `a photo of subject ${i}`;
      await page.getByTestId('search-input').fill(words);
      const started = performance.now();
      await page.getByTestId('search-input').press('Enter');
      // This query's results, settled, with 40 cards laid out (not just in the DOM).
      await page.waitForFunction(
        ({ words, cards }) => {
          const grid = document.querySelector('[data-testid="results-grid"]');
          if (!grid || grid.getAttribute('aria-busy') === 'true') return false;
          if (new URLSearchParams(location.search).get('q') !== words) return false;
          const items = grid.querySelectorAll(':scope > li');
          return items.length >= cards && (items[cards - 1] as HTMLElement).getBoundingClientRect().height > 0;
        },
        { words, cards: CARDS },
        { polling: 'raf', timeout: 30_000 },
      );
      if (i >= WARM_UP) times.push(performance.now() - started);
    }
    return { queries: QUERIES, cards: CARDS, p50: pct(times, 0.5), p95: pct(times, 0.95), max: Math.max(...times) };
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}
