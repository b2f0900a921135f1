// Fixtures of the cross-engine smoke suite: the engine is the Playwright project's (firefox or
// webkit, playwright.config.js); one browser per worker, a fresh isolated tab per test, and a
// stand-in like tests/e2e's but watching its pages (--watch-pages): every test fails, naming its
// engine, on a console error, an uncaught error (a wasm panic is one), a rejected promise, a
// resource that failed to load or a CSP violation in any page it met, frames and windows included.
// The app is served with the README's Content-Security-Policy.
import { test as base, expect, startStandIn, csp } from '../e2e/fixtures.js';
import { launch } from './drivers.js';

/** Whether a page's report counts. Browsers cancel a page's loads once a navigation away from it
 * starts or the window closes (WebKit and Firefox: "Load failed", "NetworkError"; the OAuth window
 * closes itself while its copy of the app still loads), and the wasm chunk loader logs a cancelled
 * chunk with console.error: what a page reports while it is being left, before the admin does
 * anything in it again, is not counted. An uncaught error (a panic) always is. */
const counts = (p) => !(p.leaving && ['console.error', 'unhandled rejection', 'failed to load'].includes(p.kind));

export const test = base.extend({
  engine: ['firefox', { option: true, scope: 'worker' }],
  standinWorker: [async ({}, use) => {
    const s = await startStandIn(['--watch-pages']);
    await use(s);
    s.proc.removeAllListeners('exit');
    s.proc.kill();
  }, { scope: 'worker' }],
  browserEngine: [async ({ engine }, use) => {
    const browser = await launch(engine);
    await use(browser);
    await browser.close();
  }, { scope: 'worker', timeout: 60_000 }],
  tab: async ({ browserEngine, standin }, use) => {
    await standin.appHeaders({
      'Content-Security-Policy': csp({ api: standin.api, images: standin.api, frameAncestors: standin.portal }),
    });
    const tab = await browserEngine.open();
    try {
      await use(tab);
      // Reports are beacons: let the last ones arrive.
      await new Promise((r) => setTimeout(r, 300));
      const problems = (await standin.problems()).filter(counts);
      expect(problems, `${browserEngine.engine} ${browserEngine.version}: errors in the pages`).toEqual([]);
    } finally {
      await tab.close();
    }
  },
});

export { expect };

/** Waits until `read()` gives `want` (deep equality), naming what it waited for. */
export async function until(read, want, what, timeout = 10_000) {
  await expect.poll(read, { message: what, timeout }).toEqual(want);
}
