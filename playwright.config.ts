// End-to-end tests in Debian's Chromium (never a downloaded browser: the machines are offline).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = 3123;
const external = process.env.E2E_BASE_URL;

// Playwright loads this file in the runner and again in each worker; the env var keeps one fresh home for all.
function freshHome(): string {
  process.env.SIEVE_E2E_HOME ??= fs.mkdtempSync(path.join(os.tmpdir(), 'sieve-e2e-'));
  return process.env.SIEVE_E2E_HOME;
}

export default defineConfig({
  testDir: 'e2e',
  // Two CPU cores and a production server that loads the demo on first start: be patient.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: 'list',
  use: {
    baseURL: external ?? `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: external
    ? undefined
    : {
        // Needs `npm run build` first (scripts/test.sh does it). A fresh SIEVE_HOME is a fresh embedded database, which
        // gets the e2e fixtures (e2e/fixtures/README.md) and the demo, embedded with a generated tiny CLIP.
        command: 'npx tsx scripts/e2e-server.ts',
        url: `http://127.0.0.1:${PORT}/api/health`,
        env: { PORT: String(PORT), SIEVE_HOME: freshHome(), NEXT_TELEMETRY_DISABLED: '1' },
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
      },
});
