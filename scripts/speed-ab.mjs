// Interleaved A/B speed comparison of two or more builds of dist/, each served by its own release
// stand-in (scripts/speed-ab.sh starts them): every run measures each build in turn, in a fresh
// browser context, so a slower minute of the machine falls on all of them alike. Prints medians.
// Measured: navigation → interactive sign-in screen; sign-in click → profile rendered, once the
// page is idle (the screens' chunk is in, as it is by the time anyone has pasted a token); the same
// with the click at once; navigation with a session in the tab → profile; navigation to a
// 10,000-member role → its first row, and → every member loaded; a click in the roles list → the
// role's first member row.
import { firstSeen, launchChromium, median, rowObserver, signIn } from './bench-lib.mjs';

const builds = JSON.parse(process.argv[2]); // [{ name, api, app }]
const RUNS = Number(process.env.RUNS || 10);
const BIG_ROLE = '000000b2-0000-4000-8000-000000000007';
const TOKEN = 'demo-admin-token';

const WANTED = { signIn: '#token:not([disabled])', profile: '[data-test="profile-name"]' };

const browser = await launchChromium();
async function fresh(build, token) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(firstSeen, WANTED);
  await page.addInitScript(rowObserver, '.member-row');
  if (token) await signIn(page, build.api, token);
  return { context, page };
}
const seen = (page, key) => page.evaluate((k) => window.__seen[k], key);

const figures = [
  ['signIn', 'navigation → interactive sign-in screen'],
  ['profileIdle', 'sign-in click → profile (page idle first)'],
  ['profileAtOnce', 'sign-in click → profile (click at once)'],
  ['storedProfile', 'navigation (session in the tab) → profile'],
  ['firstRow', 'navigation → first row of a 10,000-member role'],
  ['allRows', 'navigation → all 10,000 members loaded'],
  ['clickRow', 'click in the roles list → first member row'],
];
const times = Object.fromEntries(builds.map((b) => [b.name, Object.fromEntries(figures.map(([k]) => [k, []]))]));

for (let run = 0; run < RUNS; run++) {
  for (const build of builds) {
    const t = times[build.name];
    for (const idle of [true, false]) {
      const { context, page } = await fresh(build);
      await page.goto(build.app);
      await page.waitForSelector('#token');
      if (idle) await page.waitForLoadState('networkidle');
      else t.signIn.push(await seen(page, 'signIn'));
      await page.fill('#token', TOKEN);
      const clicked = await page.evaluate(() => performance.now());
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-test="profile-name"]');
      t[idle ? 'profileIdle' : 'profileAtOnce'].push((await seen(page, 'profile')) - clicked);
      await context.close();
    }
    let { context, page } = await fresh(build, TOKEN);
    await page.goto(build.app);
    await page.waitForSelector('[data-test="profile-name"]');
    t.storedProfile.push(await seen(page, 'profile'));
    await context.close();

    ({ context, page } = await fresh(build, TOKEN));
    await page.goto(`${build.app}#/roles/${BIG_ROLE}`);
    await page.waitForSelector('.member-list[data-state="done"]', { timeout: 120_000 });
    const bench = await page.evaluate(() => window.__bench);
    t.firstRow.push(bench.firstRow);
    t.allRows.push(bench.done);
    await context.close();

    ({ context, page } = await fresh(build, TOKEN));
    await page.goto(`${build.app}#/roles`);
    await page.getByRole('link', { name: 'Support Crowd' }).click();
    await page.waitForSelector('.member-row');
    const inApp = await page.evaluate(() => window.__bench);
    t.clickRow.push(inApp.firstRow - inApp.clickAt);
    await context.close();
  }
}
await browser.close();

console.log(`speed A/B, median of ${RUNS} interleaved runs (fresh browser context each, loopback, headless Chromium)`);
console.log(`${''.padEnd(50)}${builds.map((b) => b.name.padStart(12)).join('')}`);
for (const [key, label] of figures) {
  console.log(`${label.padEnd(50)}${builds.map((b) => `${median(times[b.name][key]).toFixed(0)} ms`.padStart(12)).join('')}`);
}
