// Speed report, in headless Chromium against the stand-in on loopback: navigation → interactive
// sign-in screen, sign-in → profile rendered, navigation → first row of a 10,000-member role, and
// the requests each screen makes. Every figure is the median of RUNS (default 10) runs, each in a
// fresh browser context (cold caches). Run through scripts/speed-report.sh.
import { firstSeen, launchChromium, median, signIn } from './bench-lib.mjs';

const [standinApi, appUrl] = process.argv.slice(2);
const RUNS = Number(process.env.RUNS || 10);
const BIG_ROLE = '000000b2-0000-4000-8000-000000000007';
const TOKEN = 'demo-admin-token';

// Installed before the app loads: when each selector first appears (ms since navigation start).
const WANTED = { signIn: '#token:not([disabled])', profile: '[data-test="profile-name"]', firstRow: '.member-row' };

const browser = await launchChromium();

async function fresh(token) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(firstSeen, WANTED);
  if (token) await signIn(page, standinApi, token);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  return { context, page, requests };
}

const times = { signIn: [], profile: [], storedProfile: [], firstRow: [] };
for (let run = 0; run < RUNS; run++) {
  // Navigation → the sign-in screen, ready for the token; then sign-in → the profile.
  let { context, page } = await fresh();
  await page.goto(appUrl);
  await page.waitForSelector('#token');
  times.signIn.push(await page.evaluate(() => window.__seen.signIn));
  await page.fill('#token', TOKEN);
  const clicked = await page.evaluate(() => performance.now());
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-test="profile-name"]');
  times.profile.push((await page.evaluate(() => window.__seen.profile)) - clicked);
  await context.close();

  // Navigation with a session already in the tab → the profile.
  ({ context, page } = await fresh(TOKEN));
  await page.goto(appUrl);
  await page.waitForSelector('[data-test="profile-name"]');
  times.storedProfile.push(await page.evaluate(() => window.__seen.profile));
  await context.close();

  // Navigation to the 10,000-member role's address → its first row.
  ({ context, page } = await fresh(TOKEN));
  await page.goto(`${appUrl}#/roles/${BIG_ROLE}`);
  await page.waitForSelector('.member-row');
  times.firstRow.push(await page.evaluate(() => window.__seen.firstRow));
  await context.close();
}

// Requests per screen: a cold load of each screen's address with a session in the tab, until
// the network is idle. "files" are the app's own (index.html, JS, wasm, CSS, config, icon).
const screens = [
  ['sign-in', '', null, '#token'],
  ['profile', '#/profile', TOKEN, '[data-test="profile-name"]'],
  ['roles', '#/roles', TOKEN, '[data-test="roles"]'],
  ['role members (10,000)', `#/roles/${BIG_ROLE}`, TOKEN, '.member-list[data-state="done"]'],
  ['invite', '#/invite', TOKEN, '#role'],
  ['assign by email', '#/assign', TOKEN, '#role'],
  ['invite many', '#/invite/many', TOKEN, '#batch-csv'],
];
const perScreen = [];
for (const [name, hash, token, ready] of screens) {
  const counts = [];
  for (let run = 0; run < RUNS; run++) {
    const { context, page, requests } = await fresh(token);
    await page.goto(appUrl + hash);
    await page.waitForSelector(ready, { timeout: 120_000 });
    await page.waitForLoadState('networkidle');
    const api = requests.filter((u) => u.startsWith(standinApi)).length;
    counts.push({ api, files: requests.length - api });
    await context.close();
  }
  perScreen.push([name, median(counts.map((c) => c.api)), median(counts.map((c) => c.files))]);
}
await browser.close();

const fmt = (xs) => `${median(xs).toFixed(0).padStart(6)} ms   (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
console.log(`speed, median of ${RUNS} runs (each in a fresh browser context, loopback, headless Chromium)`);
console.log(`  navigation → interactive sign-in screen          ${fmt(times.signIn)}`);
console.log(`  sign-in click → profile rendered                  ${fmt(times.profile)}`);
console.log(`  navigation (session in the tab) → profile         ${fmt(times.storedProfile)}`);
console.log(`  navigation → first row of a 10,000-member role    ${fmt(times.firstRow)}`);
console.log(`\nrequests per screen (cold load, median)           API   app files`);
for (const [name, api, files] of perScreen) console.log(`  ${name.padEnd(46)} ${String(api).padStart(5)} ${String(files).padStart(11)}`);
