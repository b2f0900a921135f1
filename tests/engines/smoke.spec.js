// What an admin does first, in Firefox ESR and in WebKitGTK (Safari's engine), against the built
// dist/ and the stand-in: the paths that lean on what engines differ in (<dialog>, streamed
// bodies, Web Crypto for PKCE, window.open and postMessage, sessionStorage, Intl). Run as the
// playwright.config.js projects "firefox" and "webkit"; Chromium runs the full suite in tests/e2e.
import { createHash } from 'node:crypto';
import { test, expect, until } from './fixtures.js';
import { ADMIN_TOKEN, MEMBER_TOKEN, apiKeySession } from '../e2e/fixtures.js';

const PM_ROLE = '000000b2-0000-4000-8000-000000000004';
const DESIGN_TEAM = '000000c3-0000-4000-8000-000000000001';
const GERMAN_DATE = /^\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}$/;

const button = (name) => ({ css: 'button', name });
const link = (name) => ({ css: 'a', name });
const testId = (id) => ({ css: `[data-test="${id}"]` });
const stored = (tab) => tab.evaluate(() => ({ session: { ...sessionStorage }, local: { ...localStorage } }));
const posts = async (standin, path) => (await standin.requests()).filter((r) => r.method === 'POST' && r.path === path);
const everyPage = async (standin, route) => standin.get(`${route}${route.includes('?') ? '&' : '?'}pageSize=1000`);

async function signIn(tab, standin, token = ADMIN_TOKEN) {
  await tab.goto(standin.app);
  await tab.fill({ label: 'API token' }, token);
  await tab.click(button('Sign in'));
  await tab.find(testId('profile-name'));
}

test('sign in with an API token; profile, roles and a role\'s members; sign-out clears sessionStorage', async ({ tab, standin }) => {
  await signIn(tab, standin);
  await until(() => tab.read(testId('profile-name')), 'Dr. Hanna Berger', 'the profile');
  expect(await tab.read(testId('signed-in-user'))).toBe('Hanna Berger');
  expect(await tab.read({ css: '.detail', text: 'Birth date' })).toBe('Birth date19 April 1988');
  expect(await tab.url()).toBe(`${standin.app}#/profile`);
  expect(await stored(tab)).toEqual({ session: apiKeySession(standin, ADMIN_TOKEN), local: {} });

  await tab.click(link('Roles'));
  const pm = await everyPage(standin, `/roles/${PM_ROLE}/users`);
  await until(() => tab.read({ css: '[data-test="roles"] li', text: 'Project Manager' }).then((t) => t?.endsWith(`${pm.length} members`)),
    true, 'the roles and their member counts');
  expect(await tab.read({ css: '[data-test="roles"] li', text: 'Admin' })).toContain('3 members');

  await tab.click(link('Project Manager'));
  await until(() => tab.read(testId('member-counts')).then((t) => t?.split(',')[0]), `${pm.length} members`, 'every member of Project Manager');
  const users = await everyPage(standin, '/users?showArchived=true');
  const first = users.find((u) => u.id === pm[0].userId);
  await tab.find({ css: '.member-row', text: `${first.firstName} ${first.lastName}` });

  await tab.click(button('Sign out'));
  await tab.find({ label: 'API token' });
  expect(await stored(tab)).toEqual({ session: {}, local: {} });
});

test('People filtered from the address, then a role changed in the person dialog', async ({ tab, standin }) => {
  await signIn(tab, standin);
  const everyone = (await everyPage(standin, '/users?showArchived=true')).length;
  const shown = `1 of ${everyone} people`;
  await tab.goto(`${standin.app}#/people?q=clara.fischer`);
  await until(() => tab.read(testId('people-counts')), shown, 'one person for the filter in the address');
  expect(await tab.read({ label: 'Search people' }, 'value')).toBe('clara.fischer');
  await tab.find({ css: '.person-row', text: 'Clara Fischer' });
  await tab.reload();
  await until(() => tab.read(testId('people-counts')), shown, 'the filter after a reload');
  await tab.find({ css: '.person-row', text: 'Clara Fischer' });

  await tab.click(button('Manage Clara Fischer'));
  const dialog = { css: 'dialog[open]' };
  await tab.find({ ...dialog, text: 'Clara Fischer' });
  await tab.select({ label: 'Role of Clara Fischer' }, PM_ROLE);
  await tab.click(button('Change role of Clara Fischer'));
  await until(() => tab.read(testId('person-result')), 'Clara Fischer has a new role.', 'the dialog\'s result');
  await until(() => tab.read({ css: '.person-row .person-role' }), 'Project Manager', 'the row\'s new role');
  const sent = await posts(standin, '/roles/moveuser');
  expect(sent.map((r) => [r.body.toRoleId, r.status])).toEqual([[PM_ROLE, 200]]);

  await tab.click(button('Close'));
  await until(() => tab.evaluate(() => [Boolean(document.querySelector('dialog[open]')), document.querySelector('.person-row .person-role')?.textContent]),
    [false, 'Project Manager'], 'the dialog closed over the row with its new role');
});

test('invite one person', async ({ tab, standin }) => {
  await signIn(tab, standin);
  await tab.click(link('Invite'));
  await until(() => tab.read({ label: 'Role' }, 'value').then((v) => Boolean(v)), true, 'the roles in the form');
  await tab.fill({ label: 'Email' }, 'nia.novak@acme.example');
  await tab.fill({ label: 'First name' }, 'Nia');
  await tab.fill({ label: 'Last name' }, 'Novak');
  await tab.select({ label: 'Role' }, PM_ROLE);
  await tab.click({ label: 'Design' });
  await tab.click(button('Invite'));
  await until(() => tab.read(testId('invited')).then((t) => t?.includes('Invitation sent to nia.novak@acme.example')), true, 'the invitation');
  expect(await tab.read(testId('invitation-code'))).toMatch(/^inv-/);
  const sent = await posts(standin, '/invitations');
  expect(sent.map((r) => [r.body.email, r.body.firstName, r.body.roleId, r.body.teamIds, r.status]))
    .toEqual([['nia.novak@acme.example', 'Nia', PM_ROLE, [DESIGN_TEAM], 200]]);
});

test('German for an account whose awork language is German, and the switcher', async ({ tab, standin }) => {
  await signIn(tab, standin, MEMBER_TOKEN);
  await tab.find({ css: 'h2', name: 'Über' });
  expect(await tab.evaluate(() => document.documentElement.lang)).toBe('de');
  await tab.find(link('Per E-Mail zuweisen'));
  const birth = await tab.read({ css: '.detail', text: 'Geburtsdatum' });
  expect(birth.replace(/^Geburtsdatum/, '')).toMatch(GERMAN_DATE);
  await tab.select({ label: 'Sprache' }, 'en');
  await tab.find({ css: 'h2', name: 'About' });
  await tab.select({ label: 'Language' }, 'de');
  await tab.click(button('Abmelden'));
  await tab.find({ css: 'h1', name: 'Bei awork admin anmelden' });
  await tab.find({ label: 'API-Token' });
});

test('sign in with awork: PKCE through awork\'s page and back to the screen it left', async ({ tab, standin }) => {
  await tab.goto(`${standin.app}#/roles`);
  await tab.click(button('Sign in with awork'));
  await tab.find(button('Allow'));
  const authorize = new URL(await tab.url());
  expect(authorize.origin + authorize.pathname).toBe(`${standin.api}/api/v1/accounts/authorize`);
  await tab.click(button('Allow'));
  await tab.find({ css: 'h1, h2', name: 'Roles' });
  expect(await tab.url()).toBe(`${standin.app}#/roles`);

  // The engine's Web Crypto made the challenge: it is the SHA-256 of the verifier sent later.
  const [exchange] = (await standin.requests()).filter((r) => r.path === '/accounts/token');
  const s256 = createHash('sha256').update(exchange.body.code_verifier).digest('base64url');
  expect(s256).toBe(authorize.searchParams.get('code_challenge'));
  const { session } = await stored(tab);
  expect(Object.keys(session).sort()).toEqual(['awork-admin.api', 'awork-admin.refresh', 'awork-admin.renew-at', 'awork-admin.token']);
  expect(session['awork-admin.token']).toMatch(/^at-/);
});

test('in a portal frame: sign in with awork in a window of its own, then a token handed over by the portal', async ({ tab, standin }) => {
  await standin.config({ allowedParentOrigins: [standin.portal], oauthClientId: 'awork-admin-demo' });
  await tab.goto(`${standin.portal}/portal.html?${new URLSearchParams({ app: standin.app })}`);
  await until(() => tab.read({ css: '#status' }), 'app ready', 'the app in the frame to say it is ready');
  const app = tab.frame('#app');

  const popup = await tab.popup(() => app.click(button('Sign in with awork')));
  await popup.find(button('Allow'));
  expect(new URL(await popup.url()).origin).toBe(standin.api);
  await popup.click(button('Allow'));
  await popup.closed();
  await until(() => app.read(testId('profile-name')), 'Dr. Hanna Berger', 'the frame signed in');
  const grants = (await standin.requests()).filter((r) => r.path === '/accounts/token').map((r) => r.body.grant_type);
  expect(grants).toEqual(['authorization_code']);

  await app.click(button('Sign out'));
  await app.find({ label: 'API token' });
  await tab.fill({ css: '#token' }, ADMIN_TOKEN);
  await tab.click(button('Send token'));
  await until(() => app.read(testId('profile-name')), 'Dr. Hanna Berger', 'the frame signed in with the portal\'s token');
  expect(await app.evaluate(() => ({ ...sessionStorage }))).toEqual(apiKeySession(standin, ADMIN_TOKEN));
});
