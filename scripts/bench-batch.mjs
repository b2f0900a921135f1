// Benchmark: CSV rows invited through the batch screen against the stand-in with awork's rate
// limits on (50 requests/s and 1000/min, fixed windows). For each batch size (ROWS, default
// "500 1500") it prints the wall time beside the fastest the limiter allows, requests, 429s, rows
// invited / failed / lost, and rows sent twice. Run through scripts/bench-batch.sh.
import { floorSecs, launchChromium, signIn, standinControl } from './bench-lib.mjs';

const [standinApi, appUrl] = process.argv.slice(2);
const SIZES = (process.env.ROWS || '500 1500').split(/\s+/).filter(Boolean).map(Number);
const LIMIT = { perSecond: 50, perMinute: 1000 };
const control = standinControl(standinApi);

const browser = await launchChromium();
let failures = 0;
for (const rows of SIZES) {
  await control('POST', 'reset');
  await control('POST', 'rate-limit', null);
  const page = await browser.newPage();
  await signIn(page, standinApi);
  await page.goto(`${appUrl}#/invite/many`);
  await page.getByRole('button', { name: 'Check rows' }).waitFor();
  const csv = ['email,firstName,lastName,role,teams',
    ...Array.from({ length: rows }, (_, i) => `bench.${i}@batch.example,Bench,${i},Member,Design`)].join('\n');
  await page.getByLabel('Paste CSV').fill(csv);
  await page.getByRole('button', { name: 'Check rows' }).click();
  await page.getByRole('button', { name: `Send ${rows} invitations` }).waitFor();
  await page.waitForTimeout(500);
  // The limit on, with fresh windows, just before sending: only the batch counts.
  await control('POST', 'rate-limit', LIMIT);
  await control('DELETE', 'requests');
  const t0 = Date.now();
  await page.getByRole('button', { name: `Send ${rows} invitations` }).click();
  await page.locator('[data-test="batch-progress"]').filter({ hasText: new RegExp(`^${rows} of ${rows} sent`) })
    .waitFor({ timeout: 600_000 });
  const wall = (Date.now() - t0) / 1000;
  const text = await page.locator('[data-test="batch-progress"]').textContent();
  await page.close();

  const requests = (await control('GET', 'requests')).filter((r) => r.method === 'POST' && r.path === '/invitations');
  const ok = requests.filter((r) => r.status === 200).map((r) => r.body.email);
  const counts = new Map();
  for (const e of ok) counts.set(e, (counts.get(e) || 0) + 1);
  const twice = [...counts.values()].filter((n) => n > 1).length;
  const invited = Number(/(\d+) invited/.exec(text)[1]);
  const failed = Number(/(\d+) failed/.exec(text)[1]);
  const limited = requests.filter((r) => r.status === 429).length;
  const floor = floorSecs(rows, LIMIT);
  const over = floor > 0 ? (wall / floor - 1) * 100 : 0;
  console.log(`batch of ${rows} invitations, stand-in rate limit ${LIMIT.perSecond} requests/s and ${LIMIT.perMinute}/min`);
  console.log(`  wall time                         ${wall.toFixed(1)} s (the limiter allows ${floor.toFixed(1)} s at the fastest; ${over >= 0 ? '+' : ''}${over.toFixed(1)} %)`);
  const arrived = requests.map((r) => r.ms);
  const at = (k) => ((arrived[Math.min(k, arrived.length) - 1] - arrived[0]) / 1000).toFixed(1);
  console.log(`  last request arrived after        ${at(arrived.length)} s${rows > 1000 ? ` (the 1000th after ${at(1000)} s)` : ''}`);
  console.log(`  requests sent                     ${requests.length}`);
  console.log(`  429s received                     ${limited}`);
  console.log(`  rows invited                      ${invited}`);
  console.log(`  rows failed                       ${failed}`);
  console.log(`  rows lost (neither)               ${rows - invited - failed}`);
  console.log(`  rows sent twice (invited twice)   ${twice}`);
  if (rows >= 1000) {
    const good = invited === rows && twice === 0 && limited <= 2 && wall <= floor * 1.1;
    console.log(`  target (all invited, none twice, at most 2 429s, within 10 % of the floor): ${good ? 'met' : 'MISSED'}`);
    failures += good ? 0 : 1;
  }
}
await browser.close();
process.exit(failures ? 1 : 0);
