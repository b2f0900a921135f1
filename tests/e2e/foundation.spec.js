// Sign-in, profile, sign-out, session end vs missing permission, runtime config, and the token's
// hygiene: in headless Chromium against the built dist/ and the awork stand-in.
import { test, expect, signIn, storage, expectNoPanic, APP_PATH, ADMIN_TOKEN, MEMBER_TOKEN, apiKeySession } from './fixtures.js';

const signInButton = (page) => page.getByRole('button', { name: 'Sign in', exact: true });

test('signing in with a good token shows the profile with everything /me holds', async ({ page, standin, consoleLog }) => {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toHaveText('Dr. Hanna Berger');
  await expect(page).toHaveURL(/#\/profile$/);
  const header = page.locator('header');
  await expect(header).toContainText('Acme Creative');
  await expect(page.getByTestId('signed-in-user')).toHaveText('Hanna Berger');

  const details = page.getByTestId('details');
  for (const [label, value] of [
    ['First name', 'Hanna'], ['Last name', 'Berger'], ['Title', 'Dr.'], ['Position', 'Head of Operations'],
    ['Gender', 'Female'], ['Language', 'English (en-GB)'], ['Birth date', '19 April 1988'],
  ]) {
    await expect(details.locator('.detail', { hasText: label }).locator('dd')).toHaveText(value);
  }
  await expect(page.getByTestId('status-badges')).toHaveText('Invitation accepted');
  const me = await standin.get('/me');
  const avatar = page.locator('.profile-head img.avatar-image');
  await expect(avatar).toHaveAttribute('src', new RegExp(`/files/images/users/${me.id}\\?`));
  await expect.poll(() => avatar.evaluate((img) => img.complete && img.naturalWidth)).toBe(64);

  const contacts = page.getByTestId('contacts');
  await expect(contacts.getByRole('link', { name: 'hanna.berger@acme.example' })).toHaveAttribute('href', 'mailto:hanna.berger@acme.example');
  await expect(contacts.getByRole('link', { name: '+49 170 1234567' })).toHaveAttribute('href', 'tel:+491701234567');
  await expect(contacts.getByRole('link', { name: 'https://acme.example/team/hanna' })).toHaveAttribute('href', 'https://acme.example/team/hanna');
  await expect(contacts.locator('address .address-line')).toHaveText(['Torstrasse 140', 'Hof A', '10119 Berlin', 'DE']);

  await expect(page.getByTestId('tags').locator('li')).toHaveText(['Leadership', 'Design']);
  await expect(page.getByTestId('tags').locator('li').first()).toHaveClass(/c-blue/);
  await expect(page.getByTestId('teams').locator('li')).toHaveText([/Design/]);
  await expect(page.getByTestId('teams').locator('li').first()).toHaveClass(/c-purple/);
  const ws = page.getByTestId('workspace');
  await expect(ws).toContainText('Acme Creative');
  await expect(ws.getByRole('link')).toHaveAttribute('href', 'https://acme-creative.awork.com');

  const stored = await storage(page);
  expect(stored.session).toEqual(apiKeySession(standin, ADMIN_TOKEN));
  expect(stored.local).toEqual({});
  expect(stored.cookie).toBe('');
  expect(await page.context().cookies()).toEqual([]);
  expectNoPanic(consoleLog);
});

test('a profile with nulls and few fields leaves the missing ones out', async ({ page, standin }) => {
  // Jonas's awork language is de-DE, so the app speaks German to him.
  await signIn(page, standin, MEMBER_TOKEN);
  await expect(page.getByTestId('profile-name')).toHaveText('Jonas Weber');
  // No title, tags, contacts or image: those are left out. (His birth date is there so that German
  // dates are tested in i18n.spec.js.)
  await expect(page.getByTestId('details').locator('dt')).toHaveText(['Vorname', 'Nachname', 'Position', 'Geschlecht', 'Sprache', 'Geburtsdatum']);
  await expect(page.getByText('Keine Tags.')).toBeVisible();
  await expect(page.getByTestId('details')).toContainText('Deutsch (de-DE)');
});

test('the token field can never end up in an address: no name, and the form posts', async ({ page, standin }) => {
  await page.goto(standin.app);
  const field = page.getByLabel('API token');
  expect(await field.getAttribute('name')).toBeNull();
  expect(await page.locator('form').getAttribute('method')).toBe('post');
  await field.fill(ADMIN_TOKEN);
  // As if the app's own handler were broken: the browser submits the form natively.
  const posted = page.waitForRequest((r) => r.method() === 'POST');
  await page.locator('form').evaluate((form) => form.submit());
  const request = await posted;
  expect(request.url()).not.toContain(ADMIN_TOKEN);
  expect(request.postData() || '').not.toContain(ADMIN_TOKEN);
  await page.waitForLoadState();
  expect(page.url()).not.toContain(ADMIN_TOKEN);
});

test('a token is only sent to the API it was issued for: another installation on the origin is signed out', async ({ page, standin }) => {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toHaveText('Dr. Hanna Berger');
  // The first installation's own requests (its permissions, asked as the profile shows) are all
  // answered before the log is cleared: the stand-in logs a request when it has answered it.
  await page.waitForLoadState('networkidle');
  // A second installation on the same origin, talking to another API (here the proxy path).
  await standin.config({ apiBaseUrl: '/awork-api/v1' });
  await standin.clearRequests();
  await page.reload();
  await expect(page.getByLabel('API token')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect((await standin.requests()).filter((r) => r.authorization)).toEqual([]);
  // Signing in there keeps its own token with its own API.
  await page.getByLabel('API token').fill(MEMBER_TOKEN);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('profile-name')).toHaveText('Jonas Weber');
  const { session } = await storage(page);
  expect(session['awork-admin.api']).toBe('/awork-api/v1');
  expect(session['awork-admin.token']).toBe(MEMBER_TOKEN);
});

test('a wrong token stays on sign-in, says so and keeps what was typed', async ({ page, standin, consoleLog }) => {
  await signIn(page, standin, 'not-a-real-token');
  await expect(page.getByRole('alert')).toContainText('This token was not accepted');
  await expect(page.getByLabel('API token')).toHaveValue('not-a-real-token');
  await expect(page.getByLabel('API token')).toHaveAttribute('type', 'password');
  expect((await storage(page)).session).toEqual({});
  expectNoPanic(consoleLog);
});

test('an empty token is caught before anything is sent', async ({ page, standin }) => {
  await page.goto(standin.app);
  await signInButton(page).click();
  await expect(page.getByRole('alert')).toContainText('Paste your awork API token first');
  expect((await standin.requests()).filter((r) => r.path === '/me')).toEqual([]);
});

test('Enter pressed twice or a double click sends one sign-in request', async ({ page, standin }) => {
  await standin.faults([{ kind: 'latency', path: '/me', exact: true, ms: 700 }]);
  await page.goto(standin.app);
  await page.getByLabel('API token').fill(ADMIN_TOKEN);
  await page.getByLabel('API token').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('profile-name')).toBeVisible();
  expect((await standin.requests()).filter((r) => r.path === '/me')).toHaveLength(1);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API token').fill(ADMIN_TOKEN);
  await signInButton(page).dblclick();
  await expect(page.getByTestId('profile-name')).toBeVisible();
  expect((await standin.requests()).filter((r) => r.path === '/me')).toHaveLength(2);
});

test('sign-out clears sessionStorage and returns to sign-in', async ({ page, standin }) => {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(signInButton(page)).toBeVisible();
  expect((await storage(page)).session).toEqual({});
  await page.reload();
  await expect(signInButton(page)).toBeVisible();
});

test('reloading any screen works from a sub-path with no fallback, and keeps the session', async ({ page, standin }) => {
  expect(new URL(standin.app).pathname).toBe(APP_PATH);
  const noFallback = await fetch(new URL('roles', standin.app));
  expect(noFallback.status, 'the static server has no index.html fallback').toBe(404);
  await signIn(page, standin);
  await page.getByRole('link', { name: 'Roles' }).click();
  await expect(page).toHaveURL(/#\/roles$/);
  await expect(page.getByRole('heading', { name: 'Roles' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Roles' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Roles' })).toHaveAttribute('aria-current', 'page');
  await page.goBack();
  await expect(page.getByTestId('profile-name')).toBeVisible();
});

test('a 401 mid-session that /me confirms returns to sign-in and says the session ended', async ({ page, standin, consoleLog }) => {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  // Let the sign-in's own requests (/me/permissions) finish before the token dies.
  await page.waitForLoadState('networkidle');
  await standin.revoke(ADMIN_TOKEN);
  await page.getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByText('Your session has ended. Please sign in again.')).toBeVisible();
  await expect(signInButton(page)).toBeVisible();
  expect((await storage(page)).session).toEqual({});
  const calls = (await standin.requests()).map((r) => `${r.method} ${r.path} ${r.status}`);
  expect(calls.slice(-2)).toEqual(['GET /roles 401', 'GET /me 401']);
  expectNoPanic(consoleLog);
});

test('a dead token found at start-up returns to sign-in', async ({ page, standin }) => {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  // Let the sign-in's own requests (/me/permissions) finish before the token dies.
  await page.waitForLoadState('networkidle');
  await standin.revoke(ADMIN_TOKEN);
  await page.reload();
  await expect(page.getByText('Your session has ended')).toBeVisible();
  expect((await storage(page)).session).toEqual({});
});

test('a 401 for a missing permission keeps the admin signed in', async ({ page, standin }) => {
  await signIn(page, standin, MEMBER_TOKEN);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await page.goto(`${standin.app}#/roles`);
  await expect(page.getByRole('alert')).toContainText('fehlt die Berechtigung');
  await expect(page.getByTestId('signed-in-user')).toHaveText('Jonas Weber');
  expect((await storage(page)).session).toEqual(apiKeySession(standin, MEMBER_TOKEN));
  await expect(page.getByRole('button', { name: 'Erneut versuchen' })).toHaveCount(0);
});

test('a server error while signing in says so, keeps the token, and a second try works', async ({ page, standin }) => {
  await standin.faults([{ kind: 'error', path: '/me', exact: true, status: 502, times: 1 }]);
  await signIn(page, standin);
  await expect(page.getByRole('alert')).toContainText('awork had a problem (502)');
  await expect(page.getByLabel('API token')).toHaveValue(ADMIN_TOKEN);
  await signInButton(page).click();
  await expect(page.getByTestId('profile-name')).toBeVisible();
});

test('malformed JSON and a dropped connection get clear messages', async ({ page, standin, consoleLog }) => {
  await standin.faults([
    { kind: 'malformed', path: '/me', exact: true, times: 1 },
    { kind: 'drop', path: '/me', exact: true, times: 1 },
  ]);
  await signIn(page, standin);
  await expect(page.getByRole('alert')).toContainText('could not be read');
  await signInButton(page).click();
  await expect(page.getByRole('alert')).toContainText('Could not reach awork');
  await expect(page.getByLabel('API token')).toHaveValue(ADMIN_TOKEN);
  expectNoPanic(consoleLog);
});

test('a stored session that cannot be checked offers a retry instead of signing out', async ({ page, standin }) => {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await standin.faults([{ kind: 'error', path: '/me', exact: true, times: 1 }]);
  await page.reload();
  await expect(page.getByText('Could not check your session')).toBeVisible();
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('profile-name')).toBeVisible();
});

test('slow answers show a loading state', async ({ page, standin }) => {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await standin.faults([{ kind: 'latency', path: '/roles', ms: 1500 }]);
  await page.getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByRole('status')).toContainText('Loading roles');
  await expect(page.getByRole('link', { name: 'Project Manager' })).toBeVisible();
});

for (const [name, config] of [
  ['missing', { mode: 'missing' }],
  ['broken', { mode: 'raw', body: '{"apiBaseUrl": ' }],
]) {
  test(`a ${name} config.json falls back to api.awork.com and says so on the console`, async ({ page, standin, consoleLog }) => {
    await standin.appConfig(config);
    const outside = [];
    // Nothing leaves loopback: answer for awork's real API as a dead network would.
    await page.route('https://api.awork.com/**', (route) => { outside.push(route.request().url()); return route.abort(); });
    await signIn(page, standin);
    await expect(page.getByRole('alert')).toContainText('Could not reach awork');
    expect(outside).toContain('https://api.awork.com/api/v1/me');
    expect(consoleLog.some((l) => l.startsWith('warning:') && l.includes('config.json') && l.includes('https://api.awork.com/api/v1'))).toBe(true);
    expectNoPanic(consoleLog);
  });
}

test('the token goes only into sessionStorage and the Authorization header', async ({ page, standin, consoleLog }) => {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  for (const link of ['Roles', 'Invite', 'Invite many', 'Assign by email', 'Profile']) {
    await page.getByRole('link', { name: link, exact: true }).click();
  }
  await page.getByRole('button', { name: 'Refresh' }).click();
  const requests = await standin.requests();
  expect(requests.length).toBeGreaterThan(2);
  for (const r of requests) {
    // Profile images need no token (as awork documents) and get none.
    const expected = r.path.startsWith('/files/images/') ? null : `Bearer ${ADMIN_TOKEN}`;
    expect(r.authorization, r.path).toBe(expected);
    expect(r.query).not.toContain(ADMIN_TOKEN);
  }
  expect(requests.some((r) => r.path.startsWith('/files/images/'))).toBe(true);
  const seen = await storage(page);
  expect(seen.url).not.toContain(ADMIN_TOKEN);
  expect(seen.local).toEqual({});
  expect(await page.content()).not.toContain(ADMIN_TOKEN);
  expect(consoleLog.join('\n')).not.toContain(ADMIN_TOKEN);
  expect(await page.evaluate(() => history.length)).toBeGreaterThan(1);
});

test('the layout fits an 800 px wide frame without sideways scrolling', async ({ page, standin }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeInViewport();
});
