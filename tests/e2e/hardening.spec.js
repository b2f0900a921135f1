// Hardening: HTML and script in every text awork sends stays text; the token goes nowhere but
// sessionStorage and the Authorization header over a whole session.
import { test, expect, signIn, storage, expectNoPanic, ADMIN_TOKEN, apiKeySession } from './fixtures.js';

const BUMP = 'window.__xss=(window.__xss||0)+1';
const PAYLOAD = `<img src=x onerror="${BUMP}"><script>${BUMP}</script><svg onload="${BUMP}"></svg>"'><b data-injected>bold</b>`;
const PM_ROLE = '000000b2-0000-4000-8000-000000000004';

/// Nothing ran and nothing was injected; `shown` payload copies are on screen as text.
async function expectInert(page, where) {
  const found = await page.evaluate(() => ({
    ran: window.__xss || 0,
    injected: document.querySelectorAll('[data-injected], img[src="x"], #app svg[onload], #app script, [onerror], [onload]').length,
    javascriptLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length,
  }));
  expect(found, where).toEqual({ ran: 0, injected: 0, javascriptLinks: 0 });
}

test('HTML and script in every text awork sends shows as text and never runs', async ({ page, standin, consoleLog }) => {
  await standin.control('POST', 'seed-payloads', { payload: PAYLOAD });
  await signIn(page, standin);
  const seen = (where) => expect(page.getByText('<b data-injected>bold</b>', { exact: false }).first(), where).toBeVisible();

  // Profile: workspace name (header and card), title, first name, position, tags, teams, contacts.
  await expect(page.getByTestId('profile-name')).toContainText('<img src=x');
  await expect(page.locator('.workspace-name')).toContainText('<script>');
  await expect(page.getByTestId('tags')).toContainText('<b data-injected>');
  await expect(page.getByTestId('teams')).toContainText('<svg onload=');
  await expect(page.getByTestId('contacts')).toContainText('javascript:');
  await expectInert(page, 'profile');

  await page.getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByTestId('roles')).toContainText('<b data-injected>bold</b> Admin');
  await expectInert(page, 'roles');

  await page.goto(`${standin.app}#/roles/${PM_ROLE}`);
  await expect(page.locator('.member-list')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('.member-row').first()).toContainText('<img src=x');
  await seen('role members');
  await expectInert(page, 'role members');

  await page.getByRole('link', { name: 'Invite', exact: true }).click();
  await expect(page.locator('fieldset')).toContainText('<b data-injected>bold</b>');
  await expect(page.locator('#role option').first()).toContainText('<b data-injected>');
  await expectInert(page, 'invite');

  await page.getByRole('link', { name: 'Assign by email' }).click();
  await page.getByRole('combobox', { name: 'Task' }).fill('acme-12');
  await expect(page.getByRole('listbox', { name: 'Matching tasks' })).toContainText('<b data-injected>bold</b>');
  await expectInert(page, 'assign');

  await page.getByRole('link', { name: 'Invite many' }).click();
  await page.locator('#batch-csv').fill(`email,firstName,role\nx1@acme.example,${'<b data-injected>bold</b>'},Nope<script>${BUMP}</script>`);
  await page.getByRole('button', { name: 'Check rows' }).click();
  await expect(page.locator('.batch-table')).toContainText('There is no role “Nope<script>');
  await expectInert(page, 'batch');

  // An error description from awork with markup in it.
  await standin.faults([{ kind: 'error', path: '/roles', description: PAYLOAD }]);
  await page.getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByRole('alert')).toContainText('<b data-injected>bold</b>');
  await expectInert(page, 'error banner');
  expectNoPanic(consoleLog);
});

test('over a whole session the token is only in sessionStorage and the Authorization header', async ({ page, context, standin, consoleLog }) => {
  const urls = [];
  page.on('framenavigated', (f) => urls.push(f.url()));
  const leaks = [];
  page.on('request', (r) => {
    const headers = { ...r.headers() };
    delete headers.authorization;
    const where = JSON.stringify([r.url(), headers, r.postData() || '']);
    if (where.includes(ADMIN_TOKEN)) leaks.push(where);
    if (r.headers().authorization && r.headers().authorization !== `Bearer ${ADMIN_TOKEN}`) leaks.push(`odd auth ${r.url()}`);
  });
  const checkPage = async (where) => {
    const s = await storage(page);
    expect(s.session, where).toEqual(apiKeySession(standin, ADMIN_TOKEN));
    expect(s.local, where).toEqual({});
    expect(s.cookie, where).toBe('');
    const dom = await page.evaluate(() => document.documentElement.outerHTML
      + [...document.querySelectorAll('input, textarea, select')].map((e) => e.value).join('\n'));
    expect(dom.includes(ADMIN_TOKEN), `token in the DOM on ${where}`).toBe(false);
  };

  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await checkPage('profile');
  await page.getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByTestId('roles')).toBeVisible();
  await checkPage('roles');
  await page.getByRole('link', { name: /^Project Manager/ }).click();
  await expect(page.locator('.member-list')).toHaveAttribute('data-state', 'done');
  await checkPage('role members');
  await page.getByRole('link', { name: 'Invite', exact: true }).click();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('hygiene@acme.example');
  await page.locator('main').getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(page.getByTestId('invited')).toBeVisible();
  await checkPage('invite');
  await page.getByRole('link', { name: 'Assign by email' }).click();
  await page.getByRole('combobox', { name: 'Task' }).fill('acme-12');
  await expect(page.getByRole('listbox', { name: 'Matching tasks' }).getByRole('option')).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Task' }).press('Enter');
  await expect(page.getByTestId('chosen-task')).toBeVisible();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('hygiene2@acme.example');
  await page.locator('main').getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(page.getByTestId('assigned')).toBeVisible();
  await checkPage('assign');
  await page.getByRole('link', { name: 'Invite many' }).click();
  await page.locator('#batch-csv').fill('email\nhygiene3@acme.example');
  await page.getByRole('button', { name: 'Check rows' }).click();
  await page.getByRole('button', { name: 'Send 1 invitations' }).click();
  await expect(page.getByTestId('batch-progress')).toContainText('1 invited');
  await checkPage('batch');
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('API token')).toBeVisible();

  const after = await storage(page);
  expect(after.session).toEqual({});
  expect(after.local).toEqual({});
  expect(await context.cookies()).toEqual([]);
  expect(urls.filter((u) => u.includes(ADMIN_TOKEN))).toEqual([]);
  expect(urls.length).toBeGreaterThan(5);
  // Every entry of this tab's history, walked back.
  const history = [];
  for (let i = 0; i < 12; i++) {
    history.push(page.url());
    const back = await page.goBack({ waitUntil: 'commit' }).catch(() => null);
    if (!back && page.url() === history.at(-1)) break;
  }
  expect(history.filter((u) => u.includes(ADMIN_TOKEN))).toEqual([]);
  expect(leaks).toEqual([]);
  expect(consoleLog.filter((l) => l.includes(ADMIN_TOKEN))).toEqual([]);
  // The token did go out, in the header, on every API call.
  const calls = await standin.requests();
  expect(calls.length).toBeGreaterThan(10);
  for (const c of calls.filter((c) => !c.path.startsWith('/files/'))) expect(c.authorization).toBe(`Bearer ${ADMIN_TOKEN}`);
  expectNoPanic(consoleLog);
});

test('signed in with awork, access and refresh tokens stay in sessionStorage, headers and the token endpoint', async ({ page, standin, consoleLog }) => {
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), headers: r.headers(), body: r.postData() || '' }));
  await standin.oauth({ accessTtlSeconds: 3 });
  await page.goto(standin.app);
  await page.getByRole('button', { name: 'Sign in with awork' }).click();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await page.waitForTimeout(3_200);
  await page.getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByTestId('roles')).toBeVisible();
  await page.waitForLoadState('networkidle');
  const tokens = new Set();
  for (const c of await standin.requests()) {
    if (c.authorization) tokens.add(c.authorization.replace('Bearer ', ''));
    if (c.body?.refresh_token) tokens.add(c.body.refresh_token);
  }
  const { session } = await storage(page);
  tokens.add(session['awork-admin.token']);
  tokens.add(session['awork-admin.refresh']);
  expect(tokens.size).toBeGreaterThanOrEqual(4);
  for (const t of tokens) {
    for (const r of requests) {
      const headers = { ...r.headers };
      delete headers.authorization;
      const tokenCall = r.url.endsWith('/accounts/token');
      const where = JSON.stringify([r.url, headers, tokenCall ? '' : r.body]);
      expect(where.includes(t), `a token in ${r.url}`).toBe(false);
    }
    expect(consoleLog.some((l) => l.includes(t))).toBe(false);
    const dom = await page.evaluate(() => document.documentElement.outerHTML);
    expect(dom.includes(t)).toBe(false);
  }
  await page.getByRole('button', { name: 'Sign out' }).click();
  expect((await storage(page)).session).toEqual({});
});
