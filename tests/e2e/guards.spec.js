// An admin cannot lock themself (or everyone) out: the signed-in admin is left out of bulk changes
// that would take their rights or their account, changes that grant or remove admin rights ask
// first naming how many, nothing that touches admin rights goes while the admins are unknown, only
// admins who joined count, and the guard looks again at "yes" and at a retry. When the API users
// cannot be loaded, bulk changes leave everyone out. Headless Chromium against the stand-in.
import { test, expect, signIn, expectNoPanic } from './fixtures.js';

const ADMIN_ROLE = '000000b2-0000-4000-8000-000000000001';
const MEMBER_ROLE = '000000b2-0000-4000-8000-000000000002';
const PM_ROLE = '000000b2-0000-4000-8000-000000000004';
const SALES = '000000c3-0000-4000-8000-000000000004';
const LEFT_OUT = 'You are left out: this change would take away your own admin rights or lock you out.';
const UNKNOWN = 'Who the admins are is not known yet, so changes that touch admin rights wait until the roles have loaded.';
const LOADING = 'The people, their roles and the API users are still loading: changes to a selection wait until they are all in.';

const rows = (page) => page.locator('.member-list .person-row');
const shown = async (page) => Number(await page.locator('.member-list[data-state="done"]').getAttribute('aria-rowcount'));
const row = (page, name) => page.locator('.person-row', { hasText: name });
const dialog = (page) => page.getByRole('dialog');
const bulk = (page) => page.locator('.bulk');
const posts = async (standin, path) => (await standin.requests()).filter((r) => r.method === 'POST' && r.path.startsWith(path));

async function openPeople(page, standin, query = '', state = 'done') {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await page.goto(`${standin.app}#/people${query}`);
  await expect(page.locator('.member-list')).toHaveAttribute('data-state', state);
}

async function manage(page, name) {
  await row(page, name).getByRole('button', { name: `Manage ${name}` }).click();
  await expect(dialog(page).getByRole('heading', { name })).toBeVisible();
}

async function closeDialog(page) {
  await dialog(page).getByRole('button', { name: 'Close' }).click();
  await expect(dialog(page)).toBeHidden();
}

async function bulkChange(page, change, target) {
  await page.getByLabel('Change for the selected').selectOption(change);
  if (change === 'role') await page.getByLabel('New role').selectOption(target);
  if (change.endsWith('team')) await page.getByLabel('Team', { exact: true }).last().selectOption(target);
}

test('"select all admins → Member" leaves the signed-in admin out and names how many lose admin rights', async ({ page, standin, consoleLog }) => {
  const hanna = (await standin.get('/me')).id;
  await openPeople(page, standin, `?role=${ADMIN_ROLE}`);
  await expect(rows(page)).toHaveCount(3);
  await page.getByLabel('Select all 3 shown').check();
  await bulkChange(page, 'role', MEMBER_ROLE);
  await standin.clearRequests();
  await page.getByRole('button', { name: 'Apply to 3 people' }).click();
  await expect(page.getByTestId('bulk-notice')).toHaveText(LEFT_OUT);
  await expect(bulk(page).getByTestId('confirm')).toContainText('Move 2 people to the role “Member”? 2 of them lose their admin rights.');
  expect(await posts(standin, '/roles/moveuser'), 'nothing before "yes"').toEqual([]);
  await bulk(page).getByRole('button', { name: 'Move 2 people' }).click();
  await expect(page.getByTestId('bulk-progress')).toHaveText('2 of 2 done · 2 changed · 0 failed');
  const moved = (await posts(standin, '/roles/moveuser')).map((r) => r.body.userId);
  expect(moved).toHaveLength(2);
  expect(moved).not.toContain(hanna);
  const admins = await standin.get(`/roles/${ADMIN_ROLE}/users?pageSize=1000`);
  expect(admins.map((a) => a.userId)).toEqual([hanna]);
  expectNoPanic(consoleLog);
});

test('making many people admins asks first, naming how many get admin rights', async ({ page, standin }) => {
  await openPeople(page, standin, '?q=acme.example&status=active');
  const n = await shown(page);
  await page.getByLabel(`Select all ${n} shown`).check();
  await bulkChange(page, 'role', ADMIN_ROLE);
  await standin.clearRequests();
  await page.getByRole('button', { name: `Apply to ${n} people` }).click();
  // Everyone but the three admins gets admin rights; the question says how many.
  const question = bulk(page).getByTestId('confirm');
  await expect(question).toContainText(`Move ${n - 3} people to the role “Admin”? ${n - 3} of them get admin rights: they can change everything in the workspace.`);
  await bulk(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toHaveCount(0);
  expect(await posts(standin, '/'), 'cancelled: nothing sent').toEqual([]);
});

test('a bulk deactivation never takes the signed-in admin, even with "select all"', async ({ page, standin, consoleLog }) => {
  test.setTimeout(60_000);
  const hanna = (await standin.get('/me')).id;
  await openPeople(page, standin, '?q=acme.example&status=active');
  const n = await shown(page);
  await page.getByLabel(`Select all ${n} shown`).check();
  await bulkChange(page, 'deactivate');
  await page.getByRole('button', { name: `Apply to ${n} people` }).click();
  await expect(page.getByTestId('bulk-notice')).toHaveText(LEFT_OUT);
  await bulk(page).getByRole('button', { name: `Deactivate ${n - 1} people` }).click();
  await expect(page.getByTestId('bulk-progress')).toHaveText(`${n - 1} of ${n - 1} done · ${n - 1} changed · 0 failed`);
  const deactivated = (await posts(standin, '/users/')).map((r) => r.path);
  expect(deactivated).toHaveLength(n - 1);
  expect(deactivated).not.toContain(`/users/${hanna}/deactivate`);
  expect((await standin.get('/me')).isDeactivated).toBe(false);
  await expect(page.getByTestId('signed-in-user')).toHaveText('Hanna Berger');
  expectNoPanic(consoleLog);
});

test('while the roles are loading, and after they failed, nothing that touches admin rights goes', async ({ page, standin }) => {
  // The roles' members answer slowly: the people are there, who the admins are (and who is an
  // API user) is not. No bulk change goes, a team change included.
  await standin.faults([{ kind: 'latency', path: '/roles', method: 'GET', ms: 5000 }]);
  await openPeople(page, standin, '?q=clara.fischer', 'loading');
  await expect(rows(page)).toHaveCount(1);
  await page.getByLabel('Select Clara Fischer').check();
  await bulkChange(page, 'add-team', SALES);
  await page.getByRole('button', { name: 'Apply to 1 people' }).click();
  await expect(page.getByTestId('bulk-notice')).toHaveText(LOADING);
  await bulkChange(page, 'deactivate');
  await page.getByRole('button', { name: 'Apply to 1 people' }).click();
  await expect(page.getByTestId('bulk-notice')).toHaveText(LOADING);
  await manage(page, 'Clara Fischer');
  await expect(dialog(page).getByRole('button', { name: 'Deactivate Clara Fischer' })).toBeDisabled();
  await expect(dialog(page).getByTestId('refusal')).toHaveText(UNKNOWN);
  await dialog(page).getByRole('button', { name: 'Close' }).click();

  // The roles fail: still unknown, still nothing.
  await standin.faults([{ kind: 'error', path: '/roles', method: 'GET', status: 500 }]);
  await page.reload();
  await expect(page.locator('.member-list')).toHaveAttribute('data-state', 'error');
  await page.getByLabel('Select Clara Fischer').check();
  await bulkChange(page, 'deactivate');
  await page.getByRole('button', { name: 'Apply to 1 people' }).click();
  await expect(page.getByTestId('bulk-notice')).toHaveText(UNKNOWN);
  expect((await standin.requests()).filter((r) => r.method === 'POST')).toEqual([]);
});

test('an admin who never accepted the invitation does not keep the workspace running', async ({ page, standin }) => {
  const me = await standin.get('/me');
  for (const a of await standin.get(`/roles/${ADMIN_ROLE}/users?pageSize=1000`)) {
    if (a.userId !== me.id) await standin.post('/roles/moveuser', { userId: a.userId, toRoleId: MEMBER_ROLE });
  }
  await standin.post('/invitations', {
    workspaceId: me.workspace.id, invitationFlow: 'invite', email: 'new.admin@acme.example',
    firstName: 'New', lastName: 'Admin', roleId: ADMIN_ROLE,
  });
  await openPeople(page, standin, '?q=hanna');
  await manage(page, 'Hanna Berger');
  await dialog(page).getByLabel('Role of Hanna Berger', { exact: true }).selectOption(MEMBER_ROLE);
  await expect(dialog(page).getByRole('button', { name: 'Change role of Hanna Berger' })).toBeDisabled();
  await expect(dialog(page).getByTestId('refusal').first()).toHaveText('This is the last active admin: awork needs at least one, so their role stays.');
});

test('stepping down from admin in the dialog asks first, in words for oneself', async ({ page, standin }) => {
  await openPeople(page, standin, '?q=hanna');
  await manage(page, 'Hanna Berger');
  await dialog(page).getByLabel('Role of Hanna Berger', { exact: true }).selectOption(MEMBER_ROLE);
  await standin.clearRequests();
  await dialog(page).getByRole('button', { name: 'Change role of Hanna Berger' }).click();
  await expect(dialog(page).getByTestId('confirm')).toContainText('Take away your own admin rights?');
  expect(await posts(standin, '/roles/moveuser')).toEqual([]);
  await dialog(page).getByTestId('confirm').getByRole('button', { name: 'Cancel' }).click();
  await closeDialog(page);
});

test('the guard looks again at "yes": a person changed meanwhile is not sent, and the question is asked anew', async ({ page, standin }) => {
  await openPeople(page, standin, '?q=clara');
  const n = await shown(page);
  expect(n).toBeGreaterThan(1);
  await page.getByLabel(`Select all ${n} shown`).check();
  await bulkChange(page, 'deactivate');
  await page.getByRole('button', { name: `Apply to ${n} people` }).click();
  await expect(bulk(page).getByTestId('confirm')).toContainText(`Deactivate ${n} people?`);
  // Meanwhile Clara Schmidt is deactivated on her own.
  await manage(page, 'Clara Schmidt');
  await dialog(page).getByRole('button', { name: 'Deactivate Clara Schmidt' }).click();
  await dialog(page).getByTestId('confirm').getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByTestId('person-result')).toContainText('Clara Schmidt is deactivated');
  await closeDialog(page);
  await bulk(page).getByRole('button', { name: `Deactivate ${n} people` }).click();
  await expect(bulk(page).getByTestId('confirm')).toContainText(`Deactivate ${n - 1} people?`);
  expect(await posts(standin, '/users/'), 'only the dialog\'s change so far').toHaveLength(1);
  await bulk(page).getByRole('button', { name: `Deactivate ${n - 1} people` }).click();
  await expect(page.getByTestId('bulk-progress')).toHaveText(`${n - 1} of ${n - 1} done · ${n - 1} changed · 0 failed`);
  const sent = (await posts(standin, '/users/')).map((r) => r.path);
  expect(new Set(sent).size, 'each Clara once').toBe(n);
});

test('a retry looks again: a person changed since the failure is not sent again', async ({ page, standin }) => {
  await openPeople(page, standin, '?q=clara');
  const n = await shown(page);
  await page.getByLabel(`Select all ${n} shown`).check();
  await standin.faults([{ kind: 'error', path: '/roles/moveuser', method: 'POST', times: 1 }]);
  await bulkChange(page, 'role', PM_ROLE);
  await page.getByRole('button', { name: `Apply to ${n} people` }).click();
  await expect(page.getByTestId('bulk-progress')).toHaveText(/^(\d+) of \1 done · \d+ changed · 1 failed$/);
  const failed = await page.locator('.person-row', { has: page.locator('.run-note-bad') }).locator('.member-name').textContent();
  // The one that failed is moved by hand meanwhile.
  await standin.faults([]);
  await manage(page, failed);
  await dialog(page).getByLabel(`Role of ${failed}`, { exact: true }).selectOption(PM_ROLE);
  await dialog(page).getByRole('button', { name: `Change role of ${failed}` }).click();
  await expect(page.getByTestId('person-result')).toHaveText(`${failed} has a new role.`);
  await closeDialog(page);
  const before = (await posts(standin, '/roles/moveuser')).length;
  await page.getByRole('button', { name: 'Retry 1 failed or cancelled' }).click();
  await expect(page.getByTestId('bulk-notice')).toContainText('already as asked');
  await page.waitForTimeout(300);
  expect((await posts(standin, '/roles/moveuser')).length, 'nobody sent again').toBe(before);
});

test('when the API users cannot be loaded, People says so and bulk changes leave everyone out', async ({ page, standin }) => {
  await standin.faults([{ kind: 'error', path: '/apiusers', status: 404 }]);
  await openPeople(page, standin, '?q=acme.example&status=active');
  await expect(page.getByTestId('api-users-failed')).toContainText('The API users could not be loaded');
  const n = await shown(page);
  await page.getByLabel(`Select all ${n} shown`).check();
  await bulkChange(page, 'add-team', SALES);
  await page.getByRole('button', { name: `Apply to ${n} people` }).click();
  await expect(page.getByTestId('bulk-notice')).toContainText('are left out: the API users could not be loaded, so nobody can be told from one.');
  expect((await standin.requests()).filter((r) => r.method === 'POST')).toEqual([]);

  await standin.faults([]);
  await page.getByTestId('api-users-failed').getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('api-users-failed')).toHaveCount(0);
  await expect(page.locator('.member-list')).toHaveAttribute('data-state', 'done');
  await page.getByRole('button', { name: `Apply to ${n} people` }).click();
  await expect(page.getByTestId('bulk-progress')).toHaveText(/^(\d+) of \1 done · \1 changed · 0 failed$/);
});
