import { defineConfig } from '@playwright/test';

const PORT = 3107;

/** Browser tests: the built app served by the real server on a fresh embedded database. */
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.tmp/e2e.json' }]],
  outputDir: '.tmp/e2e-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
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
      ],
    },
  },
  webServer: {
    command: 'rm -rf .tmp/e2e-data && env -u DATABASE_URL node bin/encours.mjs serve',
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      ENCOURS_DATA_DIR: '.tmp/e2e-data',
      ENCOURS_TODAY: '2024-04-30',
      // Every spec signs in as the demo admin, more than ACC-1's 10 a minute allow one person.
      ENCOURS_SIGNIN_LIMIT: '1000',
      ENCOURS_LOG_LEVEL: 'warn',
      // The browser tests send reminders themselves; the nightly run would race them.
      ENCOURS_NIGHTLY_DUNNING: 'false',
    },
  },
});
