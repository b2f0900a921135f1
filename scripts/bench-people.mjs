// Benchmark, in headless Chromium against the release stand-in on loopback:
// 1. the people screen with 10,000 people (a cold load of `#/people` with a session in the tab):
//    time to the first row and to everyone loaded, requests, the most rows ever in the DOM (also
//    after scrolling to the end); median of RUNS (default 3);
// 2. a bulk deactivation of 1,000 people (the crowd's Sales tenth) with the stand-in limited to
//    50 requests/s and 1000/min: wall time beside the fastest the limiter allows, requests, 429s,
//    deactivated / failed / lost / sent twice.
// Run through scripts/bench-people.sh.
import { floorSecs, launchChromium, median, rowObserver, signIn, standinControl } from './bench-lib.mjs';

const [standinApi, appUrl] = process.argv.slice(2);
const RUNS = Number(process.env.RUNS || 3);
const CROWD = '000000b2-0000-4000-8000-000000000007';
const SALES = '000000c3-0000-4000-8000-000000000004';
const LIMIT = { perSecond: 50, perMinute: 1000 };
const control = standinControl(standinApi);
// The same with what the app leaves to the workspace's other clients (2 of 50 a second, 20 of 1000
// a minute; src/api/rate.rs): starts evenly spaced, at most 980 in any sixty seconds.
function floorWithHeadroom(n, { perSecond, perMinute }) {
  const [s, m] = [perSecond - Math.max(1, Math.floor(perSecond / 25)), perMinute - Math.max(1, Math.floor(perMinute / 50))];
  const starts = [];
  for (let k = 0; k < n; k++) starts.push(Math.max(k / s, k >= m ? starts[k - m] + 60 : 0, k > 0 ? starts[k - 1] + 1 / s : 0));
  return starts[n - 1];
}

const browser = await launchChromium();

const loads = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(rowObserver, '.person-row');
  await signIn(page, standinApi);
  await control('DELETE', 'requests');
  await page.goto(`${appUrl}#/people`);
  await page.waitForSelector('.member-list[data-state="done"]', { timeout: 120_000 });
  const b = await page.evaluate(() => window.__bench);
  const requests = ((await control('GET', 'requests')) || []).length;
  await page.locator('.member-list').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await page.waitForTimeout(300);
  const maxRows = Math.max(b.maxRows, await page.locator('.person-row').count());
  const total = await page.locator('.member-list').getAttribute('aria-rowcount');
  loads.push({ firstRow: b.firstRow, done: b.done, requests, maxRows, total: Number(total) });
  await context.close();
}
console.log(`people screen, ${loads[0].total} people (median of ${RUNS} cold loads with a session in the tab)`);
console.log(`  navigation → first row                ${median(loads.map((l) => l.firstRow)).toFixed(0)} ms`);
console.log(`  navigation → everyone loaded          ${median(loads.map((l) => l.done)).toFixed(0)} ms`);
console.log(`  requests                              ${median(loads.map((l) => l.requests))}`);
console.log(`  person rows in the DOM, at most       ${Math.max(...loads.map((l) => l.maxRows))}`);

// The bulk run.
await control('POST', 'reset');
await control('POST', 'rate-limit', null);
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await signIn(page, standinApi);
await page.goto(`${appUrl}#/people?role=${CROWD}&team=${SALES}`);
await page.waitForSelector('.member-list[data-state="done"]', { timeout: 120_000 });
const n = Number(await page.locator('.member-list').getAttribute('aria-rowcount'));
await page.getByLabel(`Select all ${n.toLocaleString('en')} shown`).check();
await page.getByLabel('Change for the selected').selectOption('deactivate');
await page.getByRole('button', { name: `Apply to ${n.toLocaleString('en')} people` }).click();
await page.waitForTimeout(500);
await control('POST', 'rate-limit', LIMIT);
await control('DELETE', 'requests');
const t0 = Date.now();
await page.locator('[data-test="confirm"]').getByRole('button', { name: `Deactivate ${n.toLocaleString('en')} people` }).click();
await page.locator('[data-test="bulk-progress"]').filter({ hasText: new RegExp(`^${n} of ${n} done`) }).waitFor({ timeout: 600_000 });
const wall = (Date.now() - t0) / 1000;
const text = await page.locator('[data-test="bulk-progress"]').textContent();
await browser.close();
const sent = ((await control('GET', 'requests')) || []).filter((r) => r.method === 'POST' && r.path.endsWith('/deactivate'));
const ok = sent.filter((r) => r.status === 200).map((r) => r.path);
const twice = ok.length - new Set(ok).size;
const changed = Number(/(\d+) changed/.exec(text)[1]);
const failed = Number(/(\d+) failed/.exec(text)[1]);
const floor = floorSecs(n, LIMIT);
console.log(`bulk deactivation of ${n} people, stand-in rate limit ${LIMIT.perSecond} requests/s and ${LIMIT.perMinute}/min`);
console.log(`  wall time                             ${wall.toFixed(1)} s`);
console.log(`  the limiter allows at the fastest     ${floor.toFixed(1)} s; leaving other clients their share ${floorWithHeadroom(n, LIMIT).toFixed(1)} s`);
console.log(`  requests sent / 429s                  ${sent.length} / ${sent.filter((r) => r.status === 429).length}`);
console.log(`  deactivated / failed / lost           ${changed} / ${failed} / ${n - changed - failed}`);
console.log(`  deactivated twice                     ${twice}`);
