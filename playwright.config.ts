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
  globalSetup: './e2e/global-setup.ts',
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
        // `npm run demo` on a fresh SIEVE_HOME (a fresh embedded database) with the e2e fixtures (e2e/fixtures/README.md) beside
        // the demo, embedded with a generated tiny CLIP. scripts/test.sh builds first, so the demo finds the build current.
        command: 'npx tsx scripts/e2e-server.ts',
        url: `http://127.0.0.1:${PORT}/api/health`,
        env: { PORT: String(PORT), SIEVE_HOME: freshHome(), NEXT_TELEMETRY_DISABLED: '1' },
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
      },
});
