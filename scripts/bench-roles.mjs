// Benchmark: a role with 10,000 members, in headless Chromium against the stand-in on loopback.
// Prints requests made, time to the first member row and to all members loaded, the most member
// rows ever in the DOM, and the JS heap. Run through scripts/bench-roles.sh.
import { launchChromium, median, rowObserver, signIn, standinControl } from './bench-lib.mjs';

const [standinApi, appUrl] = process.argv.slice(2);
const BIG_ROLE = '000000b2-0000-4000-8000-000000000007';
const RUNS = Number(process.env.RUNS || 5);
const control = standinControl(standinApi);

const browser = await launchChromium(['--enable-precise-memory-info']);
const results = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(rowObserver, '.member-row');
  // Signed in already (as after the sign-in screen): the token sits in sessionStorage.
  await signIn(page, standinApi);
  await control('DELETE', 'requests');
  // Navigation = loading the role's deep link, as when an admin opens it.
  await page.goto(`${appUrl}#/roles/${BIG_ROLE}`);
  await page.waitForSelector('.member-list[data-state="done"]', { timeout: 120_000 });
  const bench = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { ...window.__bench, navStart: nav ? nav.startTime : 0 };
  });
  const requests = (await control('GET', 'requests')) || [];
  const members = requests.filter((r) => r.path.endsWith('/users') && r.path.startsWith('/roles/')).length;
  const users = requests.filter((r) => r.path === '/users').length;
  // Scroll to the end: the last member must be reachable, and the DOM must stay small.
  await page.locator('.member-list').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await page.waitForFunction(() => [...document.querySelectorAll('.member-row')]
    .some((r) => r.getAttribute('aria-rowindex') === '10000'));
  const rowsAfterScroll = await page.locator('.member-row').count();
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  // In-app navigation: the app is running on the roles list, the admin clicks the role. The users
  // cache is cold (the roles list does not load users).
  const page2 = await context.newPage();
  await page2.addInitScript(rowObserver, '.member-row');
  await signIn(page2, standinApi);
  await page2.goto(`${appUrl}#/roles`);
  await page2.getByRole('link', { name: 'Support Crowd' }).click();
  await page2.waitForSelector('.member-list[data-state="done"]', { timeout: 120_000 });
  const inApp = await page2.evaluate(() => window.__bench);
  results.push({
    inAppFirstRow: inApp.firstRow - inApp.clickAt,
    inAppDone: inApp.done - inApp.clickAt,
    firstRow: bench.firstRow - bench.navStart,
    done: bench.done - bench.navStart,
    requests: requests.length, members, users,
    maxRows: Math.max(bench.maxRows, rowsAfterScroll),
    heapMiB: heap / 1024 / 1024,
  });
  await context.close();
}
await browser.close();

console.log(`role with 10,000 members, ${RUNS} runs (median; each run a fresh browser context)`);
const row = (label, key, unit, digits = 0) =>
  console.log(`  ${label.padEnd(42)} ${median(results.map((r) => r[key])).toFixed(digits).padStart(8)} ${unit}` +
    `   (runs: ${results.map((r) => r[key].toFixed(digits)).join(', ')})`);
row('deep link load → first member row', 'firstRow', 'ms');
row('deep link load → all members loaded', 'done', 'ms');
row('click in the roles list → first member row', 'inAppFirstRow', 'ms');
row('click in the roles list → all members loaded', 'inAppDone', 'ms');
row('requests, all', 'requests', '');
row('  of which /roles/{id}/users pages', 'members', '');
row('  of which /users pages (join)', 'users', '');
row('most member rows in the DOM', 'maxRows', '');
row('JS heap used after load (after GC)', 'heapMiB', 'MiB', 1);
