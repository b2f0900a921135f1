// Benchmark: 500 CSV rows invited through the batch screen against the stand-in with awork's rate
// limits on (50 requests/s, 1000/min). Prints wall time, requests, 429s, rows invited / failed,
// rows sent twice, and the wall time the limit allows. Run through scripts/bench-batch.sh.
import { chromium } from 'playwright-core';

const [standinApi, appUrl] = process.argv.slice(2);
const ROWS = Number(process.env.ROWS || 500);
const control = async (method, route, body) => {
  const r = await fetch(`${standinApi}/__standin/${route}`, {
    method, headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return r.status === 204 ? null : r.json();
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const page = await browser.newPage();
await page.addInitScript(() => sessionStorage.setItem('awork-admin.token', 'demo-admin-token'));
await page.goto(`${appUrl}#/invite/many`);
await page.getByRole('button', { name: 'Check rows' }).waitFor();
const csv = ['email,firstName,lastName,role,teams',
  ...Array.from({ length: ROWS }, (_, i) => `bench.${i}@batch.example,Bench,${i},Member,Design`)].join('\n');
await page.getByLabel('Paste CSV').fill(csv);
await page.getByRole('button', { name: 'Check rows' }).click();
await page.getByRole('button', { name: `Send ${ROWS} invitations` }).waitFor();
// Let the start-up requests' second pass, then count only the batch.
await page.waitForTimeout(1500);
await control('DELETE', 'requests');
const t0 = Date.now();
await page.getByRole('button', { name: `Send ${ROWS} invitations` }).click();
await page.locator('[data-test="batch-progress"]').filter({ hasText: new RegExp(`^${ROWS} of ${ROWS} sent`) }).waitFor({ timeout: 300_000 });
const wall = (Date.now() - t0) / 1000;
const text = await page.locator('[data-test="batch-progress"]').textContent();
await browser.close();

const requests = (await control('GET', 'requests')).filter((r) => r.method === 'POST' && r.path === '/invitations');
const ok = requests.filter((r) => r.status === 200).map((r) => r.body.email);
const counts = new Map();
for (const e of ok) counts.set(e, (counts.get(e) || 0) + 1);
const twice = [...counts.values()].filter((n) => n > 1).length;
const invited = Number(/(\d+) invited/.exec(text)[1]);
const failed = Number(/(\d+) failed/.exec(text)[1]);
console.log(`batch of ${ROWS} invitations, stand-in rate limit 50 requests/s and 1000/min`);
console.log(`  wall time                         ${wall.toFixed(1)} s`);
console.log(`  at 50/s the limit allows          ${(ROWS / 50).toFixed(1)} s (sustained) · ${((ROWS - 50) / 50).toFixed(1)} s (with a full first second)`);
console.log(`  requests sent                     ${requests.length}`);
console.log(`  429s received                     ${requests.filter((r) => r.status === 429).length}`);
console.log(`  rows invited                      ${invited}`);
console.log(`  rows failed                       ${failed}`);
console.log(`  rows lost (neither)               ${ROWS - invited - failed}`);
console.log(`  rows sent twice (invited twice)   ${twice}`);
