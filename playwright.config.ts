import { defineConfig, devices } from '@playwright/test';

import { chromiumLaunchOptions } from './scripts/lib/chromium';

const PORT = Number(process.env.E2E_PORT ?? 3210);

export default defineConfig({
  testDir: 'e2e',
  timeout: 30_000,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  // The HTML report (playwright-report/, not committed) carries the screenshots tests attach.
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /(cache-poisoning|publishing)\.spec\.ts/,
      use: {
        ...devices['Desktop Chrome'],
        headless: true,
        // Debian's Chromium where it is installed (CI, this machine); Playwright's own elsewhere.
        launchOptions: chromiumLaunchOptions(),
      },
    },
    // Each of these runs alone, after the tests above: one empties the response cache to watch
    // what fills it, the other publishes and changes content that the other tests read.
    {
      name: 'cache-poisoning',
      testMatch: /cache-poisoning\.spec\.ts/,
      dependencies: ['chromium'],
      use: { ...devices['Desktop Chrome'], headless: true, launchOptions: chromiumLaunchOptions() },
    },
    {
      name: 'publishing',
      testMatch: /publishing\.spec\.ts/,
      dependencies: ['cache-poisoning'],
      use: { ...devices['Desktop Chrome'], headless: true, launchOptions: chromiumLaunchOptions() },
    },
  ],
  // Browser tests run against a production build of the bundled sample content, in its own
  // build folder so a developer's `.next` is left alone, served as `npm start` serves it.
  webServer: {
    command: `npm run build && npm start -- --hostname 127.0.0.1 --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      NEXT_DIST_DIR: process.env.E2E_DIST_DIR ?? '.next-e2e',
      CONTENT_DIR: 'content',
      PREVIEW_SECRET: 'e2e-preview-secret',
      REVALIDATE_SECRET: 'e2e-revalidate-secret',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
