// Benchmark: CSV rows invited through the batch screen against the stand-in with a rate limit on,
// counted as awork's gateway counts it: fixed one-second and one-minute windows that the first
// request of the run meets `phase` ms into them (a gateway's windows do not wait for anyone's first
// request). For each case (CASES, default "90@10/60+50000 1500@50/1000+30000": rows@per-second/
// per-minute+phase ms) it prints the wall time beside the fastest the windows allow from the first
// request's phase, requests, 429s, rows invited / failed / lost, and rows sent twice, and whether
// the target holds: within 15 % + 2 s of that floor, none lost, none twice, at most two 429s.
// Run through scripts/bench-batch.sh.
import { floorSecs, launchChromium, signIn, standinControl } from './bench-lib.mjs';

const [standinApi, appUrl] = process.argv.slice(2);
const CASES = (process.env.CASES || '90@10/60+50000 1500@50/1000+30000').split(/\s+/).filter(Boolean).map((c) => {
  const m = /^(\d+)@(\d+)\/(\d+)(?:\+(\d+))?$/.exec(c);
  if (!m) throw new Error(`a case reads rows@perSecond/perMinute+phaseMs, not ${c}`);
  return { rows: Number(m[1]), limit: { perSecond: Number(m[2]), perMinute: Number(m[3]), phaseMs: Number(m[4] || 0) } };
});
const control = standinControl(standinApi);

const browser = await launchChromium();
let failures = 0;
for (const { rows, limit } of CASES) {
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
  // Checking 1,500 rows takes seconds on a busy machine: not part of the figures.
  await page.getByRole('button', { name: `Send ${rows} invitations` }).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(500);
  // The limit on, with its windows at the phase asked for, just before sending: only the batch counts.
  await control('POST', 'rate-limit', limit);
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
  const floor = floorSecs(rows, limit);
  const over = floor > 0 ? (wall / floor - 1) * 100 : 0;
  const arrived = requests.map((r) => r.ms);
  const span = (arrived[arrived.length - 1] - arrived[0]) / 1000;
  console.log(`batch of ${rows} invitations, stand-in rate limit ${limit.perSecond} requests/s and ${limit.perMinute}/min, `
    + `the first request ${(limit.phaseMs / 1000).toFixed(1)} s into the gateway's minute`);
  console.log(`  wall time (click to the last answer)  ${wall.toFixed(1)} s (the windows allow ${floor.toFixed(1)} s at the fastest; ${over >= 0 ? '+' : ''}${over.toFixed(1)} %)`);
  console.log(`  first to last request's arrival       ${span.toFixed(1)} s`);
  console.log(`  requests sent                         ${requests.length}`);
  console.log(`  429s received                         ${limited}`);
  console.log(`  rows invited                          ${invited}`);
  console.log(`  rows failed                           ${failed}`);
  console.log(`  rows lost (neither)                   ${rows - invited - failed}`);
  console.log(`  rows sent twice (invited twice)       ${twice}`);
  const good = invited === rows && failed === 0 && twice === 0 && limited <= 2 && wall <= floor * 1.15 + 2;
  console.log(`  target (all invited, none twice, at most two 429s, within 15 % + 2 s of the floor): ${good ? 'met' : 'MISSED'}`);
  failures += good ? 0 : 1;
}
await browser.close();
process.exit(failures ? 1 : 0);
