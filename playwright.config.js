// End-to-end tests: Playwright's runner against the built dist/ and the awork stand-in, both on
// loopback. The project "chromium" runs the full suite (tests/e2e) in Debian's Chromium; "firefox"
// and "webkit" run the smoke suite (tests/engines) in Debian's Firefox ESR and WebKitGTK through
// their own drivers (tests/engines/drivers.js). scripts/test.sh runs Chromium's suite first, then
// the two others side by side. No browser is downloaded.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  fullyParallel: true,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  forbidOnly: true,
  reporter: [['list']],
  use: {
    testIdAttribute: 'data-test',
  },
  projects: [
    {
      name: 'chromium',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 860 },
        launchOptions: {
          executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
          args: [
            '--no-sandbox', '--disable-gpu', '--disable-background-networking',
            '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage',
          ],
        },
      },
    },
    // One worker each: one browser (and for WebKit one X server and one driver) per engine at a time.
    { name: 'firefox', testDir: 'tests/engines', workers: 1, timeout: 60_000, use: { engine: 'firefox' } },
    { name: 'webkit', testDir: 'tests/engines', workers: 1, timeout: 60_000, use: { engine: 'webkit' } },
  ],
});
