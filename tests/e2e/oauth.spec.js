// Signing in with awork: OAuth 2.0 authorization code with PKCE against the stand-in's
// /accounts/authorize (a consent page) and /accounts/token, including refreshes.
import { test, expect, storage, expectNoPanic, ADMIN_TOKEN } from './fixtures.js';
import { createHash } from 'node:crypto';

const s256 = (v) => createHash('sha256').update(v).digest('base64url');
const OAUTH_KEYS = ['awork-admin.api', 'awork-admin.refresh', 'awork-admin.renew-at', 'awork-admin.token'];

async function signInWithAwork(page, standin, hash = '') {
  await page.goto(standin.app + hash);
  await page.getByRole('button', { name: 'Sign in with awork' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to awork' })).toBeVisible();
  const authorize = new URL(page.url());
  await page.getByRole('button', { name: 'Allow' }).click();
  return authorize;
}

const tokenCalls = async (standin) => (await standin.requests()).filter((r) => r.path === '/accounts/token');

test('signing in with awork runs PKCE, lands on the screen it left, and cleans the address bar', async ({ page, standin, consoleLog }) => {
  const authorize = await signInWithAwork(page, standin, '#/roles');
  expect(authorize.origin + authorize.pathname).toBe(`${standin.api}/api/v1/accounts/authorize`);
  const q = authorize.searchParams;
  expect(q.get('client_id')).toBe('awork-admin-demo');
  expect(q.get('response_type')).toBe('code');
  expect(q.get('redirect_uri')).toBe(standin.app);
  expect(q.get('scope')).toBe('full_access offline_access');
  expect(q.get('code_challenge_method')).toBe('S256');
  expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);

  await expect(page.getByRole('heading', { name: 'Roles' })).toBeVisible();
  expect(page.url()).toBe(`${standin.app}#/roles`);
  await page.waitForLoadState('networkidle');

  const [exchange] = await tokenCalls(standin);
  expect(exchange.method).toBe('POST');
  expect(exchange.body.grant_type).toBe('authorization_code');
  expect(exchange.body.redirect_uri).toBe(standin.app);
  expect(s256(exchange.body.code_verifier)).toBe(q.get('code_challenge'));
  expect(exchange.body.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);

  const stored = await storage(page);
  expect(Object.keys(stored.session).sort()).toEqual(OAUTH_KEYS);
  const access = stored.session['awork-admin.token'];
  expect(access).toMatch(/^at-/);
  const calls = (await standin.requests()).filter((r) => r.path.startsWith('/roles'));
  expect(calls.length).toBeGreaterThan(0);
  for (const c of calls) expect(c.authorization).toBe(`Bearer ${access}`);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in with awork' })).toBeVisible();
  expect((await storage(page)).session).toEqual({});
  expectNoPanic(consoleLog);
});

test('an answer whose state this tab did not send is rejected and never exchanged', async ({ page, standin }) => {
  await page.goto(standin.app);
  await page.getByRole('button', { name: 'Sign in with awork' }).click();
  await expect(page.getByRole('button', { name: 'Allow' })).toBeVisible();
  // As if the answer had been forged or came from another sign-in: the consent form sends
  // another state back.
  await page.locator('input[name=state]').evaluate((el) => { el.value = 'forged-state-value'; });
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'did not come from the sign-in this tab started' })).toBeVisible();
  expect(page.url()).toBe(standin.app);
  expect(await tokenCalls(standin)).toEqual([]);
  expect((await storage(page)).session).toEqual({});

  // The same answer replayed later, with no sign-in pending, is no answer at all: nothing is
  // exchanged and the address is left to the portal.
  await page.goto(`${standin.app}?code=stolen&state=forged-state-value`);
  await expect(page.getByLabel('API token')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await tokenCalls(standin)).toEqual([]);
  expect(page.url()).toBe(`${standin.app}?code=stolen&state=forged-state-value`);
});

test('a crafted link with code or error does not sign anyone out', async ({ page, standin }) => {
  await page.goto(standin.app);
  await page.getByLabel('API token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('profile-name')).toHaveText('Dr. Hanna Berger');
  const before = (await storage(page)).session;
  for (const query of ['?code=stolen&state=forged', '?error=access_denied&state=forged']) {
    await page.goto(`${standin.app}${query}#/roles`);
    await expect(page.getByRole('heading', { name: 'Roles' })).toBeVisible();
    expect((await storage(page)).session).toEqual(before);
  }
  // Even while a sign-in is under way in this tab, an answer with another state leaves the
  // session alone.
  await page.evaluate((app) => sessionStorage.setItem('awork-admin.oauth', JSON.stringify({
    state: 'the-real-state', verifier: 'v'.repeat(43), redirect_uri: app, return_to: '#/roles',
  })), standin.app);
  await page.goto(`${standin.app}?code=stolen&state=forged#/roles`);
  await expect(page.getByRole('heading', { name: 'Roles' })).toBeVisible();
  await expect(page.getByTestId('signed-in-user')).toHaveText('Hanna Berger');
  expect((await storage(page)).session).toEqual(before);
  expect(await tokenCalls(standin)).toEqual([]);
});

test("awork's answer leaves the address, the portal's own parameters stay", async ({ page, standin }) => {
  await standin.config({ oauthClientId: 'awork-admin-demo', oauthRedirectUri: `${standin.app}?embed=1` });
  await page.goto(`${standin.app}?embed=1#/roles`);
  await page.getByRole('button', { name: 'Sign in with awork' }).click();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByRole('heading', { name: 'Roles' })).toBeVisible();
  expect(page.url()).toBe(`${standin.app}?embed=1#/roles`);
});

test('denying at awork comes back to sign-in and says so', async ({ page, standin }) => {
  await page.goto(standin.app);
  await page.getByRole('button', { name: 'Sign in with awork' }).click();
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page.getByText('Signing in with awork was cancelled.')).toBeVisible();
  expect(page.url()).toBe(standin.app);
  await expect(page.getByLabel('API token')).toBeVisible();
});

test('an access token about to expire is refreshed before use, and the refresh token rotates', async ({ page, standin, consoleLog }) => {
  await standin.oauth({ accessTtlSeconds: 3 });
  await signInWithAwork(page, standin);
  await expect(page.getByTestId('profile-name')).toHaveText('Dr. Hanna Berger');
  const first = (await storage(page)).session;

  await page.waitForTimeout(3_500);
  await page.getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByRole('link', { name: /^Admin/ })).toBeVisible();
  await page.waitForLoadState('networkidle');

  const grants = (await tokenCalls(standin)).map((r) => r.body);
  expect(grants.map((g) => g.grant_type)).toEqual(['authorization_code', 'refresh_token']);
  expect(grants[1].refresh_token).toBe(first['awork-admin.refresh']);
  const second = (await storage(page)).session;
  expect(second['awork-admin.token']).not.toBe(first['awork-admin.token']);
  expect(second['awork-admin.refresh']).not.toBe(first['awork-admin.refresh']);
  // Renewed before expiry: awork never had to refuse a call.
  const api = (await standin.requests()).filter((r) => !r.path.startsWith('/accounts'));
  expect(api.filter((r) => r.status === 401)).toEqual([]);
  // The used refresh token is dead now.
  const replay = await fetch(`${standin.api}/api/v1/accounts/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: first['awork-admin.refresh'], client_id: 'awork-admin-demo' }),
  });
  expect(replay.status).toBe(400);
  expectNoPanic(consoleLog);
});

test('a 401 for an expired token refreshes once and repeats the call', async ({ page, standin }) => {
  // expires_in says a day, but the token dies after 2 s: only the 401 tells.
  await standin.oauth({ accessTtlSeconds: 2, reportedTtlSeconds: 86400 });
  await signInWithAwork(page, standin);
  await expect(page.getByTestId('profile-name')).toHaveText('Dr. Hanna Berger');
  await page.waitForTimeout(2_500);
  await standin.clearRequests();
  await page.getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByRole('link', { name: /^Admin/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const log = await standin.requests();
  const refreshes = log.filter((r) => r.path === '/accounts/token');
  expect(refreshes.map((r) => r.body.grant_type)).toEqual(['refresh_token']);
  const roles = log.filter((r) => r.path === '/roles');
  expect(roles.map((r) => r.status)).toEqual([401, 200]);
  expect(roles[0].authorization).not.toBe(roles[1].authorization);
  await expect(page.getByLabel('API token')).toHaveCount(0);
});

test('when the refresh token is refused, the admin is back at sign-in', async ({ page, standin }) => {
  await signInWithAwork(page, standin);
  await expect(page.getByTestId('profile-name')).toHaveText('Dr. Hanna Berger');
  await page.waitForLoadState('networkidle');
  const { session } = await storage(page);
  await standin.revoke(session['awork-admin.token']);
  await standin.revoke(session['awork-admin.refresh']);
  await page.getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByText('Your session has ended. Please sign in again.')).toBeVisible();
  expect((await storage(page)).session).toEqual({});
});

test('the API-key sign-in still works beside it, and without oauthClientId the button is not offered', async ({ page, standin }) => {
  await standin.config({});
  await page.goto(standin.app);
  await expect(page.getByLabel('API token')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in with awork' })).toHaveCount(0);
  await page.getByLabel('API token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('profile-name')).toHaveText('Dr. Hanna Berger');
  expect(Object.keys((await storage(page)).session).sort()).toEqual(['awork-admin.api', 'awork-admin.token']);
});
