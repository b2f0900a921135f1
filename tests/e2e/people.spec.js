// Managing people: the People screen (everyone with role, teams and status; filters that combine,
// count and live in the address; CSV), one person's changes in a dialog, the same changes for a
// selection in one paced run, the last-admin rule and the account's permissions. Headless Chromium
// against the stand-in.
import { test, expect, signIn, expectNoPanic, downloadedCsv, MEMBER_TOKEN, VIEWER_TOKEN } from './fixtures.js';

const ADMIN_ROLE = '000000b2-0000-4000-8000-000000000001';
const MEMBER_ROLE = '000000b2-0000-4000-8000-000000000002';
const PM_ROLE = '000000b2-0000-4000-8000-000000000004';
const SALES = '000000c3-0000-4000-8000-000000000004';
const rows = (page) => page.locator('.member-list[data-state="done"] .person-row');
/// How many people the list shows (it renders only the rows on screen).
const shown = async (page) => Number(await page.locator('.member-list[data-state="done"]').getAttribute('aria-rowcount'));
const expectShown = (page, n) => expect(page.locator('.member-list[data-state="done"]')).toHaveAttribute('aria-rowcount', String(n));
const row = (page, name) => page.locator('.person-row', { hasText: name });
const dialog = (page) => page.getByRole('dialog');
const posts = async (standin, path) => (await standin.requests()).filter((r) => r.method === 'POST' && r.path.startsWith(path));

async function openPeople(page, standin, query = '', token) {
  await signIn(page, standin, token);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await page.goto(`${standin.app}#/people${query}`);
  await expect(page.locator('.member-list')).toHaveAttribute('data-state', 'done');
}

/// Everyone as the API says, for what the screen should show.
async function everyone(standin) {
  return standin.get('/users?pageSize=1000&showArchived=true');
}

/// The admins' names, Hanna Berger first.
async function adminNames(standin) {
  const users = await everyone(standin);
  const admins = await standin.get(`/roles/${ADMIN_ROLE}/users?pageSize=1000`);
  return admins.map((a) => users.find((u) => u.id === a.userId)).map((u) => `${u.firstName} ${u.lastName}`)
    .sort((a, b) => (a === 'Hanna Berger' ? -1 : b === 'Hanna Berger' ? 1 : a.localeCompare(b)));
}

async function manage(page, name) {
  await row(page, name).getByRole('button', { name: `Manage ${name}` }).click();
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).getByRole('heading', { name })).toBeVisible();
}

test('everyone is there with role, teams and status; pending invitations say when they were sent', async ({ page, standin, consoleLog }) => {
  await openPeople(page, standin);
  const users = await everyone(standin);
  await expect(page.getByTestId('people-counts')).toHaveText(`${users.length} of ${users.length} people`);
  await expect(page.locator('#people-status')).toContainText(`All statuses (${users.length})`);
  // Status counts match the API's users.
  const pending = users.filter((u) => !u.status.invitationAccepted && !u.isDeactivated && !u.isArchived);
  await expect(page.locator('#people-status option[value=pending]')).toHaveText(`Invitation pending (${pending.length})`);
  const archived = users.filter((u) => u.isArchived);
  await expect(page.locator('#people-status option[value=archived]')).toHaveText(`Archived (${archived.length})`);
  await expect(page.locator('#people-status option[value=api]')).toHaveText('API user (1)');

  const hanna = row(page, 'Hanna Berger');
  await expect(hanna).toContainText('hanna.berger@acme.example');
  await expect(hanna.locator('.person-role')).toHaveText('Admin');
  await expect(row(page, 'awork Connector').locator('.badge')).toHaveText(['Archived', 'API user']);

  await page.getByLabel('Status').selectOption('pending');
  await expectShown(page, pending.length);
  for (const u of pending) {
    const r = row(page, `${u.firstName} ${u.lastName}`);
    await expect(r.locator('.badge').first()).toHaveText('Invitation pending');
    await expect(r.locator('.member-secondary')).toContainText(/invited \d+ (days|weeks|months|years) ago|invited (today|yesterday)/);
  }
  expectNoPanic(consoleLog);
});

test('filters combine, count, live in the address and survive a reload; sort; CSV of what is shown', async ({ page, standin }) => {
  await openPeople(page, standin);
  const users = await everyone(standin);
  const members = await standin.get(`/roles/${MEMBER_ROLE}/users?pageSize=1000&showArchived=true`);
  const inSales = users.filter((u) => u.teams.some((t) => t.id === SALES));
  const both = inSales.filter((u) => members.some((m) => m.userId === u.id));

  await page.getByLabel('Role').selectOption(MEMBER_ROLE);
  await expectShown(page, members.length);
  await expect(page.locator(`#people-team option[value="${SALES}"]`)).toHaveText(`Sales (${both.length})`);
  await page.getByLabel('Team').selectOption(SALES);
  await expectShown(page, both.length);
  await page.getByLabel('Search people').fill('ben');
  const bens = both.filter((u) => u.firstName === 'Ben');
  await expectShown(page, bens.length);
  await page.getByLabel('Sort by').selectOption('status');
  expect(page.url()).toContain(`#/people?q=ben&role=${MEMBER_ROLE}&team=${SALES}&sort=status`);

  await page.reload();
  await expect(page.locator('.member-list')).toHaveAttribute('data-state', 'done');
  await expectShown(page, bens.length);
  await expect(page.getByLabel('Search people')).toHaveValue('ben');
  await expect(page.getByLabel('Role')).toHaveValue(MEMBER_ROLE);
  await expect(page.getByLabel('Team')).toHaveValue(SALES);
  await expect(page.getByLabel('Sort by')).toHaveValue('status');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('people.csv');
  const { records } = await downloadedCsv(download);
  expect(records[0]).toEqual(['name', 'email', 'position', 'role', 'teams', 'status']);
  expect(records).toHaveLength(bens.length + 1);
  expect(records.slice(1).every((r) => r[0].startsWith('Ben ') && r[3] === 'Member')).toBe(true);

  // A shared link with filters opens with them.
  await page.goto(`${standin.app}#/people?status=archived`);
  await expectShown(page, users.filter((u) => u.isArchived).length);
});

test('change one role: the row and the role lists follow without a reload', async ({ page, standin, consoleLog }) => {
  await openPeople(page, standin, '?q=clara.fischer');
  await manage(page, 'Clara Fischer');
  await dialog(page).getByLabel('Role of Clara Fischer', { exact: true }).selectOption(PM_ROLE);
  await dialog(page).getByRole('button', { name: 'Change role of Clara Fischer' }).click();
  await expect(page.getByTestId('person-result')).toHaveText('Clara Fischer has a new role.');
  await expect(row(page, 'Clara Fischer').locator('.person-role')).toHaveText('Project Manager');
  const sent = await posts(standin, '/roles/moveuser');
  expect(sent.map((r) => [r.body.toRoleId, r.status])).toEqual([[PM_ROLE, 200]]);
  await dialog(page).getByRole('button', { name: 'Close' }).click();
  await expect(dialog(page)).toBeHidden();

  // The role's member list follows, and so does its count on the roles screen.
  await page.getByRole('link', { name: 'Roles' }).click();
  const pm = await standin.get(`/roles/${PM_ROLE}/users?pageSize=1000`);
  await expect(page.getByTestId('roles').locator('li', { hasText: 'Project Manager' }).getByTestId('member-count')).toHaveText(`${pm.length} members`);
  await page.getByRole('link', { name: 'Project Manager', exact: true }).click();
  await expect(page.locator('.member-row', { hasText: 'Clara Fischer' })).toBeVisible();
  expectNoPanic(consoleLog);
});

test('deactivate asks first and shows what awork did; reactivate asks, needs a free seat, and says so', async ({ page, standin }) => {
  await openPeople(page, standin, '?q=clara.schmidt');
  await manage(page, 'Clara Schmidt');
  await dialog(page).getByRole('button', { name: 'Deactivate Clara Schmidt' }).click();
  await expect(page.getByTestId('confirm')).toContainText('They can no longer sign in to awork. Their licence stays booked.');
  expect(await posts(standin, '/users/')).toEqual([]);
  await page.getByTestId('confirm').getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByTestId('person-result')).toContainText(/Clara Schmidt is deactivated\. awork gave \d+ private projects another manager and deleted \d+\./);
  await expect(row(page, 'Clara Schmidt').locator('.badge')).toHaveText(['Deactivated']);
  const deactivation = await posts(standin, '/users/');
  expect(deactivation).toHaveLength(1);
  expect(deactivation[0].path).toMatch(/\/users\/.+\/deactivate$/);
  expect(deactivation[0].query).toBe('includeSummary=true');

  // No free seat: awork refuses, and its message shows.
  await standin.seats(0);
  await dialog(page).getByRole('button', { name: 'Reactivate Clara Schmidt' }).click();
  await expect(page.getByTestId('confirm')).toContainText('awork emails them. This needs a free seat.');
  await page.getByTestId('confirm').getByRole('button', { name: 'Reactivate' }).click();
  await expect(page.getByTestId('person-result')).toContainText('There is no free seat for this user');
  await expect(row(page, 'Clara Schmidt').locator('.badge')).toHaveText(['Deactivated']);

  await standin.seats(1000);
  await dialog(page).getByRole('button', { name: 'Reactivate Clara Schmidt' }).click();
  await page.getByTestId('confirm').getByRole('button', { name: 'Reactivate' }).click();
  await expect(page.getByTestId('person-result')).toHaveText('Clara Schmidt is active again; awork has emailed them.');
  await expect(row(page, 'Clara Schmidt').locator('.badge')).toHaveCount(0);
});

test('teams: add to one and remove from another', async ({ page, standin }) => {
  await openPeople(page, standin, '?q=clara.fischer');
  await manage(page, 'Clara Fischer');
  await dialog(page).getByLabel('Add Clara Fischer to a team').selectOption({ label: 'Sales' });
  await dialog(page).getByRole('button', { name: 'Add Clara Fischer to the team' }).click();
  await expect(page.getByTestId('person-result')).toHaveText('Clara Fischer joined the team.');
  await expect(row(page, 'Clara Fischer').locator('.member-teams')).toHaveText('Marketing, Sales');
  await dialog(page).getByRole('button', { name: 'Remove Clara Fischer from Marketing' }).click();
  await expect(page.getByTestId('person-result')).toHaveText('Clara Fischer left the team.');
  await expect(row(page, 'Clara Fischer').locator('.member-teams')).toHaveText('Sales');
  const sent = (await standin.requests()).filter((r) => r.method === 'POST' && r.path.startsWith('/teams/'));
  expect(sent.map((r) => [r.path.split('/').at(-1), r.body.length])).toEqual([['addusers', 1], ['removeusers', 1]]);
});

test('a pending invitation goes out again, after asking, with a new code', async ({ page, standin }) => {
  const users = await everyone(standin);
  const pending = users.find((u) => !u.status.invitationAccepted && !u.isDeactivated && !u.isArchived);
  const name = `${pending.firstName} ${pending.lastName}`;
  await openPeople(page, standin, `?q=${pending.firstName.toLowerCase()}&status=pending`);
  await manage(page, name);
  await dialog(page).getByRole('button', { name: `Invite ${name} again` }).click();
  await expect(page.getByTestId('confirm')).toContainText('The new code is valid for 24 hours.');
  await page.getByTestId('confirm').getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('new-invitation-code')).toHaveText(/^inv-/);
  await expect(row(page, name).locator('.member-secondary')).toContainText('invited today');
  const sent = await posts(standin, '/invitations');
  expect(sent).toHaveLength(1);
  expect(sent[0].body.email).toBe(pending.userContactInfos.find((c) => c.type === 'email').value);
});

test('the last active admin keeps their role and stays active, one by one and in bulk', async ({ page, standin }) => {
  // Two of the three admins leave the admin role first.
  const [hanna, ...others] = await adminNames(standin);
  expect([hanna, others.length]).toEqual(['Hanna Berger', 2]);
  await openPeople(page, standin, `?role=${ADMIN_ROLE}`);
  await expect(rows(page)).toHaveCount(3);
  for (const name of others) {
    await manage(page, name);
    await dialog(page).getByLabel(`Role of ${name}`, { exact: true }).selectOption(MEMBER_ROLE);
    await dialog(page).getByRole('button', { name: `Change role of ${name}` }).click();
    // Taking admin rights away asks first.
    await expect(dialog(page).getByTestId('confirm')).toHaveText(new RegExp(`^Take the admin rights from ${name}\\?`));
    await dialog(page).getByTestId('confirm').getByRole('button', { name: 'Change role' }).click();
    await expect(page.getByTestId('person-result')).toHaveText(`${name} has a new role.`);
    await dialog(page).getByRole('button', { name: 'Close' }).click();
  }
  await expect(rows(page)).toHaveCount(1);
  await manage(page, 'Hanna Berger');
  // Her own account: deactivating it is not offered at all, and the dialog says why.
  await expect(dialog(page).getByRole('button', { name: 'Deactivate Hanna Berger' })).toHaveCount(0);
  await expect(dialog(page).getByTestId('refusal')).toHaveText('You cannot deactivate your own account here: you would be locked out.');
  await dialog(page).getByLabel('Role of Hanna Berger', { exact: true }).selectOption(MEMBER_ROLE);
  await expect(dialog(page).getByRole('button', { name: 'Change role of Hanna Berger' })).toBeDisabled();
  await expect(dialog(page).getByTestId('refusal').first()).toContainText('last active admin');
  await dialog(page).getByRole('button', { name: 'Close' }).click();

  // In bulk she is left out, so nothing is left to send.
  await standin.clearRequests();
  await page.goto(`${standin.app}#/people?q=hanna`);
  await page.getByLabel('Select Hanna Berger').check();
  for (const [change, role] of [['deactivate'], ['role', MEMBER_ROLE]]) {
    await page.getByLabel('Change for the selected').selectOption(change);
    if (role) await page.getByLabel('New role').selectOption(role);
    await page.getByRole('button', { name: 'Apply to 1 people' }).click();
    await expect(page.getByTestId('bulk-notice')).toHaveText('You are left out: this change would take away your own admin rights or lock you out.');
  }
  expect((await standin.requests()).filter((r) => r.method === 'POST')).toEqual([]);
});

test('bulk: change the role of a selection, then deactivate many after asking; results download', async ({ page, standin, consoleLog }) => {
  test.setTimeout(60_000);
  await openPeople(page, standin, '?q=ben');
  const bens = await shown(page);
  expect(bens).toBeGreaterThan(2);
  await page.getByLabel(`Select all ${bens} shown`).check();
  await expect(page.getByTestId('selected-count')).toHaveText(`${bens} selected`);
  await page.getByLabel('Change for the selected').selectOption('role');
  await page.getByLabel('New role').selectOption(PM_ROLE);
  await page.getByRole('button', { name: `Apply to ${bens} people` }).click();
  await expect(page.getByTestId('bulk-progress')).toHaveText(`${bens} of ${bens} done · ${bens} changed · 0 failed`);
  await expect(rows(page).locator('.person-role')).toHaveText(Array(bens).fill('Project Manager'));

  await page.getByLabel('Change for the selected').selectOption('deactivate');
  await page.getByRole('button', { name: `Apply to ${bens} people` }).click();
  await expect(page.getByTestId('confirm')).toContainText(`Deactivate ${bens} people?`);
  expect(await posts(standin, '/users/')).toEqual([]);
  await page.getByTestId('confirm').getByRole('button', { name: `Deactivate ${bens} people` }).click();
  await expect(page.getByTestId('bulk-progress')).toHaveText(`${bens} of ${bens} done · ${bens} changed · 0 failed`);
  for (const r of await rows(page).all()) await expect(r.locator('.badge').first()).toHaveText('Deactivated');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results (CSV)' }).click()]);
  const { records } = await downloadedCsv(download);
  expect(records[0]).toEqual(['name', 'email', 'change', 'result', 'detail']);
  expect(records).toHaveLength(bens + 1);
  expect(records.slice(1).every((r) => r[2] === 'deactivate' && r[3] === 'changed')).toBe(true);

  // And back: reactivate them all (after asking), then take them out of their team.
  await page.getByLabel('Change for the selected').selectOption('reactivate');
  await page.getByRole('button', { name: `Apply to ${bens} people` }).click();
  await expect(page.getByTestId('confirm')).toContainText(`Reactivate ${bens} people?`);
  await page.getByTestId('confirm').getByRole('button', { name: `Reactivate ${bens} people` }).click();
  await expect(page.getByTestId('bulk-progress')).toHaveText(`${bens} of ${bens} done · ${bens} changed · 0 failed`);
  await expect(rows(page).locator('.badge')).toHaveCount(0);
  await page.getByLabel('Change for the selected').selectOption('remove-team');
  await page.getByLabel('Team', { exact: true }).last().selectOption(SALES);
  await page.getByRole('button', { name: `Apply to ${bens} people` }).click();
  await expect(page.getByTestId('bulk-progress')).toHaveText(`${bens} of ${bens} done · ${bens} changed · 0 failed`);
  await expect(rows(page).locator('.member-teams')).toHaveText(Array(bens).fill(''));
  const removed = (await posts(standin, '/teams/')).filter((r) => r.path.endsWith('/removeusers'));
  expect(removed.map((r) => r.status)).toEqual(Array(bens).fill(204));
  expectNoPanic(consoleLog);
});

test('bulk: a 429 and a 500 in the middle of a run lose nothing and repeat nothing; retry takes only the failed', async ({ page, standin }) => {
  test.setTimeout(60_000);
  const admins = await adminNames(standin);
  await openPeople(page, standin, '?q=acme.example&status=active');
  const n = await shown(page);
  // Everyone active but the admins (the selection stays while the search finds each admin).
  await page.getByLabel(`Select all ${n} shown`).check();
  for (const admin of admins) {
    await page.getByLabel('Search people').fill(admin);
    await page.getByLabel(`Select ${admin}`).uncheck();
  }
  await page.getByLabel('Search people').fill('acme.example');
  await expect(page.getByTestId('selected-count')).toHaveText(`${n - admins.length} selected`);
  await standin.faults([
    { kind: 'rateLimit', path: '/teams/', method: 'POST', every: 5, times: 1, resetSeconds: 1 },
    { kind: 'error', path: '/teams/', method: 'POST', every: 9, times: 1 },
  ]);
  await page.getByLabel('Change for the selected').selectOption('add-team');
  await page.getByLabel('Team', { exact: true }).last().selectOption(SALES);
  await page.getByRole('button', { name: `Apply to ${n - admins.length} people` }).click();
  await expect(page.getByTestId('bulk-progress')).toHaveText(/^(\d+) of \1 done · \d+ changed · 1 failed$/, { timeout: 30_000 });
  // The failed one says why, in its row and in the results.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results (CSV)' }).click()]);
  const failed = (await downloadedCsv(download)).records.filter((r) => r[3] === 'failed');
  expect(failed).toHaveLength(1);
  expect(failed[0][4]).toContain('awork had a problem (500)');
  await page.getByLabel('Search people').fill(failed[0][1]);
  await expect(page.locator('.run-note-bad')).toContainText('awork had a problem (500)');
  await page.getByLabel('Search people').fill('acme.example');
  await standin.faults([]);
  await page.getByRole('button', { name: 'Retry 1 failed or cancelled' }).click();
  await expect(page.getByTestId('bulk-progress')).toHaveText('1 of 1 done · 1 changed · 0 failed');

  const sent = await posts(standin, '/teams/');
  expect(sent.filter((r) => r.status === 429).length).toBe(1);
  expect(sent.filter((r) => r.status === 500).length).toBe(1);
  // Everyone asked for joined Sales, and nobody was added twice.
  const added = sent.filter((r) => r.status === 200).map((r) => r.body[0]);
  const asked = new Set(sent.map((r) => r.body[0]));
  expect(new Set(added).size).toBe(added.length);
  expect(added.length).toBe(asked.size);
  const users = await everyone(standin);
  for (const id of asked) expect(users.find((u) => u.id === id).teams.some((t) => t.id === SALES)).toBe(true);
});

test('leaving during a bulk run asks first', async ({ page, standin }) => {
  await openPeople(page, standin, '?q=acme.example&status=active');
  const n = await shown(page);
  await page.getByLabel(`Select all ${n} shown`).check();
  await standin.faults([{ kind: 'latency', path: '/teams/', ms: 1500 }]);
  await page.getByLabel('Change for the selected').selectOption('add-team');
  await page.getByLabel('Team', { exact: true }).last().selectOption(SALES);
  await page.getByRole('button', { name: `Apply to ${n} people` }).click();
  await expect(page.getByTestId('bulk-progress')).toBeVisible();
  const questions = [];
  page.on('dialog', (d) => { questions.push(d.message()); d.dismiss(); });
  await page.getByRole('link', { name: 'Profile' }).click();
  await expect.poll(() => questions.length).toBe(1);
  expect(questions[0]).toContain('Changes are still being sent');
  await expect(page).toHaveURL(/#\/people\?/);
  // Changing a filter is not leaving.
  await page.getByLabel('Sort by').selectOption('role');
  expect(questions).toHaveLength(1);
});

test('what the account may not do is not offered: a reader sees people but no changes, a member no People screen', async ({ page, standin }) => {
  await openPeople(page, standin, '', VIEWER_TOKEN);
  await expect(page.getByTestId('signed-in-user')).toHaveText('Lea Meyer');
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByTestId('why-not').first()).toContainText('may look at people but not change them');
  await rows(page).first().locator('input[type=checkbox]').check();
  await expect(page.getByLabel('Change for the selected')).toHaveCount(0);
  await manage(page, 'Clara Fischer');
  for (const name of ['Change role of Clara Fischer', 'Deactivate Clara Fischer', 'Add Clara Fischer to the team']) {
    await expect(dialog(page).getByRole('button', { name })).toHaveCount(0);
  }
  await dialog(page).getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, standin, MEMBER_TOKEN);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Personen' })).toHaveCount(0);
});

test('actions from a role member list: deactivate there, and the list follows', async ({ page, standin }) => {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await page.goto(`${standin.app}#/roles/${PM_ROLE}`);
  await expect(page.locator('.member-list')).toHaveAttribute('data-state', 'done');
  const member = page.locator('.member-row', { hasText: 'Clara Wagner' });
  await member.getByRole('button', { name: 'Manage Clara Wagner' }).click();
  await dialog(page).getByRole('button', { name: 'Deactivate Clara Wagner' }).click();
  await page.getByTestId('confirm').getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByTestId('person-result')).toContainText('Clara Wagner is deactivated');
  await expect(member.getByText('Deactivated')).toBeVisible();
  await dialog(page).getByLabel('Role of Clara Wagner', { exact: true }).selectOption(MEMBER_ROLE);
  await dialog(page).getByRole('button', { name: 'Change role of Clara Wagner' }).click();
  await expect(page.getByTestId('person-result')).toHaveText('Clara Wagner has a new role.');
  await dialog(page).getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('.member-row', { hasText: 'Clara Wagner' })).toHaveCount(0);
});

test('German: the screen, its filters and a dialog speak German', async ({ page, standin }) => {
  await openPeople(page, standin);
  await page.getByLabel('Language').selectOption('de');
  await expect(page.getByRole('heading', { name: 'Personen' })).toBeVisible();
  await expect(page.locator('#people-status option').first()).toHaveText(/^Alle Status \(\d+\)$/);
  await expect(page.getByLabel('Personen suchen')).toBeVisible();
  await page.getByLabel('Personen suchen').fill('clara.fischer');
  await page.getByRole('button', { name: 'Clara Fischer verwalten' }).click();
  await expect(dialog(page).getByRole('heading', { name: 'Clara Fischer' })).toBeVisible();
  await expect(dialog(page).getByRole('button', { name: 'Clara Fischer deaktivieren' })).toBeVisible();
  await expect(dialog(page).getByRole('button', { name: 'Rolle von Clara Fischer ändern' })).toBeDisabled();
});

test('10,000 people stay smooth: only the rows on screen are in the page', async ({ page, bigStandin: standin }) => {
  test.setTimeout(60_000);
  await openPeople(page, standin);
  await expect(page.getByTestId('people-counts')).toContainText(/^10,0\d\d of 10,0\d\d people$/);
  expect(await page.locator('.person-row').count()).toBeLessThan(40);
  await page.locator('.member-list').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect(page.locator('.person-row').last()).toBeVisible();
  expect(await page.locator('.person-row').count()).toBeLessThan(40);
  await page.getByLabel('Search people').fill('00042');
  await expect(rows(page)).toHaveCount(1);
});
