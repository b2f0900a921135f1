// An account switch (the portal hands over another token) leaks nothing of the session before into
// the one after: work of the old session under way sends no request with the new token, ends no
// new session, and a late answer about the old account does not name the new one. The stand-in's
// latency and 429 rules make the timing deterministic.
import { test, expect, expectNoPanic, ADMIN_TOKEN, VIEWER_TOKEN } from './fixtures.js';

const OLD = `Bearer ${ADMIN_TOKEN}`;
const NEW = `Bearer ${VIEWER_TOKEN}`;

async function openPortal(page, standin) {
  await standin.config({ allowedParentOrigins: [standin.portal] });
  await page.goto(`${standin.portal}/portal.html?${new URLSearchParams({ app: standin.app })}`);
  await expect(page.locator('#status')).toHaveText('app ready');
}

async function handOver(page, token) {
  await page.locator('#token').fill(token);
  await page.getByRole('button', { name: 'Send token' }).click();
}

const frame = (page, standin) => page.frames().find((f) => f.url().startsWith(standin.app));

/// The new account is signed in and stays so: no "session has ended", its token in the tab.
async function expectSignedInAsNew(page, standin) {
  const app = page.frameLocator('#app');
  await expect(app.getByTestId('signed-in-user')).toHaveText('Lea Meyer');
  await expect(app.getByText('Your session has ended')).toHaveCount(0);
  expect(await frame(page, standin).evaluate(() => sessionStorage.getItem('awork-admin.token'))).toBe(VIEWER_TOKEN);
}

test('a bulk deactivation paused on a 429 stops at the switch: nothing goes with the new token, nothing is sent again', async ({ page, standin, consoleLog }) => {
  test.setTimeout(45_000);
  await openPortal(page, standin);
  await handOver(page, ADMIN_TOKEN);
  const app = page.frameLocator('#app');
  await expect(app.getByTestId('signed-in-user')).toHaveText('Hanna Berger');
  await frame(page, standin).evaluate(() => { location.hash = '#/people?q=clara'; });
  await expect(app.locator('.member-list')).toHaveAttribute('data-state', 'done');
  const n = Number(await app.locator('.member-list').getAttribute('aria-rowcount'));
  expect(n).toBeGreaterThan(2);
  // The first deactivation takes 3 s to answer; the second draws a 429 that pauses the run for 5 s.
  await standin.faults([
    { kind: 'latency', path: '/users/', method: 'POST', ms: 3000, times: 1 },
    { kind: 'rateLimit', path: '/users/', method: 'POST', every: 2, times: 1, resetSeconds: 5 },
  ]);
  await app.getByLabel(`Select all ${n} shown`).check();
  await app.getByLabel('Change for the selected').selectOption('deactivate');
  await app.getByRole('button', { name: `Apply to ${n} people` }).click();
  await app.getByRole('button', { name: `Deactivate ${n} people` }).click();
  await expect.poll(async () => (await standin.requests()).some((r) => r.status === 429)).toBe(true);
  // The portal ends the old token and hands over another account's while the run waits, and while
  // the first request is still out: its answer will be a 401.
  await standin.revoke(ADMIN_TOKEN);
  await handOver(page, VIEWER_TOKEN);
  await expectSignedInAsNew(page, standin);
  // Past the first answer and the end of the pause.
  await page.waitForTimeout(6000);
  await expectSignedInAsNew(page, standin);
  const all = await standin.requests();
  const writes = all.filter((r) => r.method === 'POST' && r.path.startsWith('/users/'));
  expect(writes.filter((r) => r.authorization === NEW), 'no old request re-sent or continued with the new token').toEqual([]);
  expect(writes.filter((r) => r.status === 401), 'the first one was answered 401, and not replayed').toHaveLength(1);
  expect(all.filter((r) => r.authorization === NEW && r.method !== 'GET')).toEqual([]);
  expectNoPanic(consoleLog);
});

test('a hand-off while People is loading: late pages of the old session end nothing, and the new account is signed in', async ({ page, standin, consoleLog }) => {
  await openPortal(page, standin);
  await handOver(page, ADMIN_TOKEN);
  const app = page.frameLocator('#app');
  await expect(app.getByTestId('signed-in-user')).toHaveText('Hanna Berger');
  // Each role's members answer after 1.5 s: the seventh role is asked for only after one of the
  // first six answered, which is after the switch.
  await standin.faults([{ kind: 'latency', path: '/roles/', method: 'GET', ms: 1500 }]);
  await frame(page, standin).evaluate(() => { location.hash = '#/people'; });
  await expect(app.locator('.member-list')).toHaveAttribute('data-state', 'loading');
  await page.waitForTimeout(300);
  // The new token's check takes 3 s: the old session's late pages come back meanwhile.
  await standin.faults([
    { kind: 'latency', path: '/roles/', method: 'GET', ms: 1500 },
    { kind: 'latency', path: '/me', exact: true, ms: 3000, times: 1 },
  ]);
  await handOver(page, VIEWER_TOKEN);
  await expectSignedInAsNew(page, standin);
  await page.waitForTimeout(1500);
  await expectSignedInAsNew(page, standin);
  const all = await standin.requests();
  const check = all.find((r) => r.path === '/me' && r.authorization === NEW);
  const early = all.filter((r) => r.authorization === NEW && r !== check && r.ms < check.ms + 2900);
  expect(early, 'nothing went with the new token before it was checked').toEqual([]);
  const lateOld = all.filter((r) => r.authorization === OLD && r.ms > check.ms);
  expect(lateOld, 'the old session asked nothing more after the switch').toEqual([]);
  expectNoPanic(consoleLog);
});

test('a late answer about the old account does not name the new one', async ({ page, standin, consoleLog }) => {
  await openPortal(page, standin);
  await handOver(page, ADMIN_TOKEN);
  const app = page.frameLocator('#app');
  await expect(app.getByTestId('signed-in-user')).toHaveText('Hanna Berger');
  // The reloaded frame checks the old token with a /me that answers after 3 s; the new token comes
  // meanwhile and is checked at once.
  await standin.faults([{ kind: 'latency', path: '/me', exact: true, ms: 3000, times: 1 }]);
  await page.locator('#status').evaluate((el) => { el.textContent = 'reloading'; });
  await frame(page, standin).evaluate(() => location.reload());
  // The reloaded app listens (and its check of the old token is out) once it says it is ready.
  await expect(page.locator('#status')).toHaveText('app ready');
  await handOver(page, VIEWER_TOKEN);
  await expectSignedInAsNew(page, standin);
  // The old token's second check (the reloaded frame's) has been answered, 3 s late.
  const oldChecks = async () => (await standin.requests()).filter((r) => r.path === '/me' && r.authorization === OLD);
  await expect.poll(async () => (await oldChecks()).length, { timeout: 10_000 }).toBe(2);
  const late = (await oldChecks())[1];
  const fresh = (await standin.requests()).find((r) => r.path === '/me' && r.authorization === NEW);
  expect(fresh.ms, 'the new token was checked while the old one\'s check was still out').toBeLessThan(late.ms + 2500);
  await page.waitForTimeout(300);
  await expectSignedInAsNew(page, standin);
  await expect(app.getByTestId('profile-name')).toHaveText(/Lea Meyer/);
  expectNoPanic(consoleLog);
});

test('two hand-overs in a row: the later one wins, even when the earlier one is checked first', async ({ page, standin, consoleLog }) => {
  await openPortal(page, standin);
  // The first token's check answers after 1 s, the second's after 2 s.
  await standin.faults([
    { kind: 'latency', path: '/me', exact: true, ms: 1000, times: 1 },
    { kind: 'latency', path: '/me', exact: true, ms: 2000, every: 2, times: 1 },
  ]);
  await handOver(page, ADMIN_TOKEN);
  await handOver(page, VIEWER_TOKEN);
  await expectSignedInAsNew(page, standin);
  await page.waitForTimeout(500);
  await expectSignedInAsNew(page, standin);
  const checks = (await standin.requests()).filter((r) => r.path === '/me');
  expect(checks.map((r) => r.authorization)).toEqual([OLD, NEW]);
  expect(checks[1].ms - checks[0].ms, 'the second was handed over while the first was being checked').toBeLessThan(900);
  expectNoPanic(consoleLog);
});
