// Roles and their members, shown as people: in headless Chromium against the stand-in.
import { test, expect, signIn, storage, expectNoPanic, downloadedCsv, MEMBER_TOKEN, apiKeySession } from './fixtures.js';

const MEMBER_ROLE = '000000b2-0000-4000-8000-000000000002';
const PM_ROLE = '000000b2-0000-4000-8000-000000000004';
const BIG_ROLE = '000000b2-0000-4000-8000-000000000007';

/// What the members list should show for a role, from the API itself.
async function expectedMembers(standin, roleId, showArchived = false) {
  const members = await standin.get(`/roles/${roleId}/users?pageSize=1000&showArchived=${showArchived}`);
  const users = await standin.get('/users?pageSize=1000&showArchived=true');
  return members.map((m) => {
    const u = users.find((x) => x.id === m.userId);
    const email = u.userContactInfos.find((c) => c.type === 'email').value;
    return { name: `${u.firstName} ${u.lastName}`, email, deactivated: m.isDeactivated };
  });
}

/// How many members the list holds (it renders only the rows on screen).
const rowCount = (page) => page.locator('.member-list');

async function openRole(page, standin, roleId) {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await page.goto(`${standin.app}#/roles/${roleId}`);
  await expect(page.locator('.member-list')).toHaveAttribute('data-state', 'done');
}

test('the roles list shows every role with its badges and member count', async ({ page, standin, consoleLog }) => {
  await signIn(page, standin);
  await page.getByRole('link', { name: 'Roles' }).click();
  const roles = page.getByTestId('roles');
  const row = (name) => roles.locator('li', { has: page.getByRole('link', { name, exact: true }) });
  await expect(row('Admin').locator('.badge')).toHaveText(['Admin', 'Preset']);
  await expect(row('Admin').getByTestId('member-count')).toHaveText('3 members');
  await expect(row('Guest').locator('.badge')).toHaveText(['Guest', 'Preset']);
  await expect(row('Agents').locator('.badge')).toHaveText(['Agent']);
  await expect(row('Agents').getByTestId('member-count')).toHaveText('1 member');
  const members = await standin.get(`/roles/${MEMBER_ROLE}/users?pageSize=1000`);
  await expect(row('Member').getByTestId('member-count')).toHaveText(`${members.length} members`);
  await expect(row('Freelancer (2025)')).toHaveCount(0);

  await page.getByLabel('Show archived').check();
  await expect(row('Freelancer (2025)').locator('.badge')).toHaveText(['Archived']);
  const calls = (await standin.requests()).filter((r) => r.path === '/roles');
  expect(calls.at(-1).query).toContain('showArchived=true');
  expectNoPanic(consoleLog);
});

test("a role's members show as people with names, emails and status", async ({ page, standin, consoleLog }) => {
  await openRole(page, standin, PM_ROLE);
  await expect(page.getByRole('heading', { name: 'Project Manager' })).toBeVisible();
  const expected = await expectedMembers(standin, PM_ROLE);
  const rows = page.locator('.member-row');
  await expect(rows).toHaveCount(expected.length);
  for (const m of expected) {
    const row = rows.filter({ hasText: m.name });
    await expect(row.locator('.member-secondary')).toContainText(m.email);
    await expect(row.getByText('Deactivated')).toHaveCount(m.deactivated ? 1 : 0);
  }
  const deactivated = expected.filter((m) => m.deactivated).length;
  await expect(page.getByTestId('member-counts')).toHaveText(`${expected.length} members, ${deactivated} deactivated`);
  // Sorted by name; no bare ids on screen.
  const names = await rows.locator('.member-name').allTextContents();
  expect(names).toEqual([...expected.map((m) => m.name)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  await expect(page.locator('.member-list')).not.toContainText('000000a1-');
  // Members with a profile image show it; the others keep their initials.
  const users = await standin.get('/users?pageSize=1000&showArchived=true');
  for (const m of expected) {
    const u = users.find((x) => `${x.firstName} ${x.lastName}` === m.name);
    const img = rows.filter({ hasText: m.name }).locator('img.avatar-image');
    await expect(img).toHaveCount(u.hasImage ? 1 : 0);
    if (u.hasImage) await expect.poll(() => img.evaluate((i) => i.complete && i.naturalWidth)).toBe(64);
  }
  expectNoPanic(consoleLog);
});

test('search narrows the members as you type', async ({ page, standin }) => {
  await openRole(page, standin, MEMBER_ROLE);
  const expected = await expectedMembers(standin, MEMBER_ROLE);
  const rows = page.locator('.member-row');
  await expect(rowCount(page)).toHaveAttribute('aria-rowcount', String(expected.length));
  const target = expected[3];
  await page.getByLabel('Search members').fill(target.email.toUpperCase());
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(target.name);
  await expect(page.getByTestId('member-counts')).toContainText('1 shown');
  const surname = target.name.split(' ')[1];
  await page.getByLabel('Search members').fill(surname.toLowerCase());
  const bySurname = expected.filter((m) => m.name.toLowerCase().includes(surname.toLowerCase()) || m.email.includes(surname.toLowerCase()));
  await expect(rows).toHaveCount(bySurname.length);
  await page.getByLabel('Search members').fill('nobody-by-this-name');
  await expect(page.getByText('No member matches the search.')).toBeVisible();
  await page.getByLabel('Search members').fill('');
  await expect(rowCount(page)).toHaveAttribute('aria-rowcount', String(expected.length));
});

test('sort by status puts deactivated members after active ones', async ({ page, standin }) => {
  await openRole(page, standin, PM_ROLE);
  const rows = page.locator('.member-row');
  await page.getByLabel('Sort by').selectOption('status');
  const flags = await rows.evaluateAll((els) => els.map((e) => e.textContent.includes('Deactivated')));
  expect(flags.filter(Boolean).length).toBeGreaterThan(0);
  expect(flags).toEqual([...flags].sort((a, b) => Number(a) - Number(b)));
  await page.getByLabel('Sort by').selectOption('name');
  const byName = await rows.evaluateAll((els) => els.map((e) => e.textContent.includes('Deactivated')));
  expect(byName).not.toEqual(flags);
});

test('show archived adds the archived members', async ({ page, standin }) => {
  await openRole(page, standin, MEMBER_ROLE);
  const active = await expectedMembers(standin, MEMBER_ROLE);
  const all = await expectedMembers(standin, MEMBER_ROLE, true);
  const archived = all.filter((m) => !active.some((a) => a.email === m.email));
  expect(archived.length).toBeGreaterThan(0);
  await expect(rowCount(page)).toHaveAttribute('aria-rowcount', String(active.length));
  await page.getByLabel('Search members').fill(archived[0].email);
  await expect(page.getByText('No member matches the search.')).toBeVisible();
  await page.getByLabel('Search members').fill('');
  await page.getByLabel('Show archived').check();
  await expect(rowCount(page)).toHaveAttribute('aria-rowcount', String(all.length));
  for (const m of archived) {
    await page.getByLabel('Search members').fill(m.email);
    await expect(page.locator('.member-row')).toHaveCount(1);
    await expect(page.locator('.member-row')).toContainText('Archived');
  }
  const memberCalls = (await standin.requests()).filter((r) => r.path === `/roles/${MEMBER_ROLE}/users`);
  expect(memberCalls.at(-1).query).toContain('showArchived=true');
});

test('the visible members download as CSV', async ({ page, standin }) => {
  await openRole(page, standin, PM_ROLE);
  const expected = await expectedMembers(standin, PM_ROLE);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('project-manager-members.csv');
  const { records } = await downloadedCsv(download);
  expect(records[0]).toEqual(['name', 'email', 'position', 'status']);
  expect(records).toHaveLength(expected.length + 1);
  for (const m of expected) {
    expect(records.some((r) => r[0] === m.name && r[1] === m.email)).toBe(true);
  }
});

test('a role of 10,000 members loads every page, stays windowed, and scrolls to its last member', async ({ page, bigStandin, consoleLog }) => {
  await openRole(page, bigStandin, BIG_ROLE);
  await expect(page.getByTestId('member-counts')).toHaveText('10,000 members');
  const requests = await bigStandin.requests();
  const pages = requests.filter((r) => r.path === `/roles/${BIG_ROLE}/users`);
  expect(pages).toHaveLength(10);
  expect(pages.every((r) => r.query.includes('pageSize=1000'))).toBe(true);
  expect(new Set(pages.map((r) => new URLSearchParams(r.query).get('page'))).size).toBe(10);
  expect(await page.locator('.member-row').count()).toBeLessThan(200);

  const list = page.locator('.member-list');
  await list.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  const last = page.locator('.member-row[aria-rowindex="10000"]');
  await expect(last).toBeVisible();
  // Names sort as "first last"; the last of the crowd is Sofia Weber 09856.
  await expect(last).toContainText('Sofia Weber 09856');
  expect(await page.locator('.member-row').count()).toBeLessThan(200);
  await list.evaluate((el) => { el.scrollTop = el.scrollHeight / 2; });
  await expect(page.locator('.member-row[aria-rowindex="5000"]')).toBeVisible();
  expectNoPanic(consoleLog);
});

test('an account without role permissions sees why, keeps its session, and has no Roles link', async ({ page, standin }) => {
  await signIn(page, standin, MEMBER_TOKEN);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  // (in German: /me says de-DE)
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Profil' })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Rollen' })).toHaveCount(0);
  await page.goto(`${standin.app}#/roles/${PM_ROLE}`);
  await expect(page.getByRole('alert').first()).toContainText('fehlt die Berechtigung');
  await expect(page.getByTestId('signed-in-user')).toHaveText('Jonas Weber');
  expect((await storage(page)).session).toEqual(apiKeySession(standin, MEMBER_TOKEN));
});

test('a 500 on the members shows a retry that recovers; what was loaded stays', async ({ page, standin, consoleLog }) => {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await standin.faults([{ kind: 'error', path: `/roles/${PM_ROLE}/users`, times: 1 }]);
  await page.goto(`${standin.app}#/roles/${PM_ROLE}`);
  await expect(page.getByRole('alert')).toContainText('awork had a problem (500)');
  await expect(page.getByRole('heading', { name: 'Project Manager' })).toBeVisible();
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('.member-list')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('.member-row')).toHaveCount((await expectedMembers(standin, PM_ROLE)).length);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expectNoPanic(consoleLog);
});

test('a 429 on the members waits as the headers say and retries by itself', async ({ page, standin }) => {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await standin.faults([{ kind: 'rateLimit', path: `/roles/${PM_ROLE}/users`, times: 1, resetSeconds: 1 }]);
  await page.goto(`${standin.app}#/roles/${PM_ROLE}`);
  await expect(page.locator('.member-list')).toHaveAttribute('data-state', 'done');
  await expect(page.getByRole('alert')).toHaveCount(0);
  const calls = (await standin.requests()).filter((r) => r.path === `/roles/${PM_ROLE}/users`).map((r) => r.status);
  expect(calls).toEqual([429, 200]);
});

test('a dropped connection while loading members keeps the rows already shown', async ({ page, bigStandin }) => {
  await signIn(page, bigStandin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  // Page 1 arrives, a later page is cut off.
  await bigStandin.faults([{ kind: 'drop', path: `/roles/${BIG_ROLE}/users`, every: 4, times: 1 }]);
  await page.goto(`${bigStandin.app}#/roles/${BIG_ROLE}`);
  await expect(page.getByRole('alert')).toContainText('Could not reach awork');
  await expect(page.locator('.member-row').first()).toBeVisible();
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('.member-list')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('member-counts')).toHaveText('10,000 members');
});

test('a crafted role address cannot reach another endpoint', async ({ page, standin }) => {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await standin.clearRequests();
  await page.goto(`${standin.app}#/roles/..%2F..%2Fme%3F`);
  await expect(page.getByRole('heading', { name: 'Role not found' })).toBeVisible();
  const paths = (await standin.requests()).map((r) => r.path);
  expect(paths).not.toContain('/me');
  expect(paths.some((p) => p.startsWith('/roles/..%2F..%2Fme'))).toBe(true);
});
