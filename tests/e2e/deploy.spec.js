// Deployment: the app under the strict CSP from the README, inside a portal's iframe on another
// origin, and taking a token by postMessage only from the allowed origin.
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { test, expect, expectNoPanic, signIn, csp, ADMIN_TOKEN, MEMBER_TOKEN, apiKeySession } from './fixtures.js';

const PROXY = '/awork-api/v1';

// Collects CSP violations in every document of the page (also frames), before any script runs.
async function watchViolations(page, consoleLog) {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  return () => consoleLog.filter((l) => /CSP violation|Content Security Policy/i.test(l));
}

test('the whole app runs under the strict CSP with no violation', async ({ page, standin, consoleLog }) => {
  // The README's deployment: awork behind a same-origin reverse proxy, so 'self' covers the API and
  // its profile images; awork's sign-in page stays at awork's own address (the fixture's
  // oauthAuthorizeUrl is the stand-in's API origin), and only the token endpoint goes through the proxy.
  const apiBaseUrl = `${standin.appOrigin}${PROXY}`;
  await standin.config({ apiBaseUrl: PROXY, oauthClientId: 'awork-admin-demo' });
  const header = csp({ api: apiBaseUrl, frameAncestors: "'none'" });
  await standin.appHeaders({ 'Content-Security-Policy': header });
  const violations = await watchViolations(page, consoleLog);

  const response = await page.goto(standin.app);
  expect(response.headers()['content-security-policy']).toBe(header);
  // Sign in with awork through the proxy, then use every screen.
  await page.getByRole('button', { name: 'Sign in with awork' }).click();
  await expect(page.getByRole('button', { name: 'Allow' })).toBeVisible();
  expect(new URL(page.url()).origin, "the sign-in page is at the API's own address").toBe(standin.api);
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByTestId('profile-name')).toHaveText('Dr. Hanna Berger');
  await expect(page.locator('.avatar img').first()).toBeVisible();
  const exchange = (await standin.requests()).filter((r) => r.path === '/accounts/token');
  expect(exchange.map((r) => r.host), 'the token endpoint through the proxy').toEqual([new URL(standin.app).host]);
  // The proxy path offers no sign-in page of its own.
  expect((await fetch(`${standin.appOrigin}${PROXY}/accounts/authorize`)).status).toBe(404);

  await page.getByRole('link', { name: 'Roles' }).click();
  await page.getByRole('link', { name: /^Admin/ }).click();
  await expect(page.getByText('hanna.berger@acme.example')).toBeVisible();
  await page.getByRole('searchbox').fill('a');

  await page.getByRole('link', { name: 'Invite', exact: true }).click();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('csp.check@acme.example');
  await page.locator('main').getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(page.getByText('csp.check@acme.example').last()).toBeVisible();

  await page.getByRole('link', { name: 'Assign by email' }).click();
  await page.getByRole('combobox', { name: 'Task' }).fill('acme-12');
  await expect(page.getByRole('listbox', { name: 'Matching tasks' }).getByRole('option').first()).toBeVisible();

  await page.getByRole('link', { name: 'Invite many' }).click();
  await page.getByLabel('Paste CSV').fill('email\nmany.one@acme.example');
  await page.waitForLoadState('networkidle');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in with awork' })).toBeVisible();
  // The proxy path really was used: every API call went to the app's own origin.
  const calls = await standin.requests();
  expect(calls.length).toBeGreaterThan(10);
  expect(violations()).toEqual([]);
  expectNoPanic(consoleLog);
});

test('a CSP without wasm-unsafe-eval stops the app with a message, not a blank page', async ({ page, standin }) => {
  await standin.appHeaders({ 'Content-Security-Policy': "default-src 'self'; script-src 'self'" });
  await page.goto(standin.app);
  await expect(page.getByText('awork admin could not start')).toBeVisible();
});

function portalUrl(standin, other) {
  const q = new URLSearchParams({ app: standin.app });
  if (other) q.set('other', other);
  return `${standin.portal}/portal.html?${q}`;
}

test('in a portal iframe on another origin it takes a token from the allowed origin and ignores others', async ({ page, standin, consoleLog }) => {
  await standin.config({ allowedParentOrigins: [standin.portal] });
  await standin.appHeaders({
    'Content-Security-Policy': csp({ api: standin.api, images: standin.api, frameAncestors: standin.portal }),
  });
  const violations = await watchViolations(page, consoleLog);
  const intruderUrl = `${standin.api}/__standin/intruder.html`;
  await page.goto(portalUrl(standin, intruderUrl));
  const app = page.frameLocator('#app');
  await expect(app.getByLabel('API token')).toBeVisible();
  // The app told its parent it is ready (and nothing else).
  await expect(page.locator('#status')).toHaveText('app ready');

  // A frame from another origin posts a valid token into the app: ignored, logged without it.
  const intruder = page.frames().find((f) => f.url() === intruderUrl);
  await intruder.evaluate((token) => {
    parent.frames[0].postMessage({ type: 'awork-admin:token', token }, '*');
  }, ADMIN_TOKEN);
  await expect.poll(() => consoleLog.some((l) => l.includes(`ignored a message from ${standin.api}`))).toBe(true);
  await expect(app.getByLabel('API token')).toBeVisible();
  expect(await standin.requests()).toEqual([]);

  // The portal hands over the token the documented way.
  await page.locator('#token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Send token' }).click();
  await expect(app.getByTestId('profile-name')).toHaveText('Dr. Hanna Berger');
  await app.getByRole('link', { name: 'Roles' }).click();
  await expect(app.getByRole('link', { name: /^Admin/ })).toBeVisible();

  // It fits the 800 px frame, and the token went nowhere but sessionStorage and the header.
  const frame = page.frames().find((f) => f.url().startsWith(standin.app));
  const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  const stored = await frame.evaluate(() => ({ session: { ...sessionStorage }, local: { ...localStorage }, url: location.href }));
  expect(stored.session).toEqual(apiKeySession(standin, ADMIN_TOKEN));
  expect(stored.local).toEqual({});
  expect(stored.url).not.toContain(ADMIN_TOKEN);
  expect(consoleLog.filter((l) => l.includes(ADMIN_TOKEN))).toEqual([]);
  expect(violations()).toEqual([]);
  expectNoPanic(consoleLog);
});

test('without allowedParentOrigins no message is taken, even from the parent', async ({ page, standin, consoleLog }) => {
  await page.goto(portalUrl(standin));
  const app = page.frameLocator('#app');
  await expect(app.getByLabel('API token')).toBeVisible();
  await page.locator('#token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Send token' }).click();
  await page.waitForTimeout(500);
  await expect(app.getByLabel('API token')).toBeVisible();
  await expect(page.locator('#status')).toHaveText('waiting for the app');
  expect(await standin.requests()).toEqual([]);
  expectNoPanic(consoleLog);
});

test('reloading a screen inside the portal frame keeps the screen and the session', async ({ page, standin }) => {
  await standin.config({ allowedParentOrigins: [standin.portal] });
  await page.goto(portalUrl(standin));
  await expect(page.locator('#status')).toHaveText('app ready');
  await page.locator('#token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Send token' }).click();
  const app = page.frameLocator('#app');
  await app.getByRole('link', { name: 'Invite', exact: true }).click();
  const frame = page.frames().find((f) => f.url().startsWith(standin.app));
  await expect(app.getByRole('heading', { name: 'Invite a person' })).toBeVisible();
  await frame.evaluate(() => location.reload());
  await expect(app.getByRole('heading', { name: 'Invite a person' })).toBeVisible();
  await expect(app.getByTestId('signed-in-user')).toHaveText('Hanna Berger');
  const reloaded = page.frames().find((f) => f.url().startsWith(standin.app));
  expect(reloaded.url()).toBe(`${standin.app}#/invite`);
});

test('in a frame, "Sign in with awork" opens a window of its own, and the frame is signed in', async ({ page, standin, consoleLog }) => {
  await standin.config({ allowedParentOrigins: [standin.portal], oauthClientId: 'awork-admin-demo' });
  await page.goto(portalUrl(standin));
  const app = page.frameLocator('#app');
  await expect(page.locator('#status')).toHaveText('app ready');
  const opened = page.waitForEvent('popup');
  await app.getByRole('button', { name: 'Sign in with awork' }).click();
  const popup = await opened;
  // awork's page is in the window, at its own address, not in the frame.
  await expect(popup.getByRole('button', { name: 'Allow' })).toBeVisible();
  expect(new URL(popup.url()).origin).toBe(standin.api);
  await expect(app.getByRole('button', { name: 'Sign in with awork' })).toBeVisible();
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Allow' }).click();
  await closed;
  await expect(app.getByTestId('profile-name')).toHaveText('Dr. Hanna Berger');
  const frame = page.frames().find((f) => f.url().startsWith(standin.app));
  const stored = await frame.evaluate(() => ({ ...sessionStorage }));
  expect(stored['awork-admin.token']).toMatch(/^at-/);
  const grants = (await standin.requests()).filter((r) => r.path === '/accounts/token').map((r) => r.body.grant_type);
  expect(grants).toEqual(['authorization_code']);
  expectNoPanic(consoleLog);
});

test('a token from a sibling frame of the allowed origin is ignored: only the parent page may hand one over', async ({ page, standin, consoleLog }) => {
  await standin.config({ allowedParentOrigins: [standin.portal] });
  const siblingUrl = `${standin.portal}/sibling.html`;
  await page.goto(portalUrl(standin, siblingUrl));
  const app = page.frameLocator('#app');
  await expect(page.locator('#status')).toHaveText('app ready');
  const sibling = page.frames().find((f) => f.url() === siblingUrl);
  await sibling.evaluate(([token, appOrigin]) => {
    parent.frames.app.postMessage({ type: 'awork-admin:token', token }, appOrigin);
  }, [ADMIN_TOKEN, standin.appOrigin]);
  await expect.poll(() => consoleLog.some((l) => l.includes('did not come from the parent page'))).toBe(true);
  await expect(app.getByLabel('API token')).toBeVisible();
  expect(await standin.requests()).toEqual([]);
  expect(consoleLog.filter((l) => l.includes(ADMIN_TOKEN))).toEqual([]);
});

test('a token for another account ends the session first: nothing typed for one account shows for the other', async ({ page, standin }) => {
  await standin.config({ allowedParentOrigins: [standin.portal] });
  await page.goto(portalUrl(standin));
  await expect(page.locator('#status')).toHaveText('app ready');
  const app = page.frameLocator('#app');
  await page.locator('#token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Send token' }).click();
  await expect(app.getByTestId('signed-in-user')).toHaveText('Hanna Berger');
  await app.getByRole('link', { name: 'Assign by email' }).click();
  await app.getByRole('textbox', { name: 'Email', exact: true }).fill('typed.by.hanna@acme.example');

  await page.locator('#token').fill(MEMBER_TOKEN);
  await page.getByRole('button', { name: 'Send token' }).click();
  await expect(app.getByTestId('signed-in-user')).toHaveText('Jonas Weber');
  await app.getByRole('link', { name: 'Per E-Mail zuweisen' }).click();
  await expect(app.getByRole('textbox', { name: 'E-Mail', exact: true })).toHaveValue('');
  const frame = page.frames().find((f) => f.url().startsWith(standin.app));
  expect(await frame.evaluate(() => sessionStorage.getItem('awork-admin.token'))).toBe(MEMBER_TOKEN);
});

test('the built files, the screens chunk too, go out precompressed, as the README has nginx send them', async ({ page, standin }) => {
  const encodings = new Map();
  page.on('response', (r) => {
    const file = new URL(r.url()).pathname.split('/').pop();
    if (/\.(wasm|js|css)$/.test(file)) encodings.set(file, r.headers()['content-encoding']);
  });
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toHaveText('Dr. Hanna Berger');
  const files = [...encodings.keys()];
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  expect(wasm, 'the main wasm and the screens chunk').toHaveLength(2);
  expect(wasm).toContain('split_screens.wasm');
  expect(wasm.some((f) => /_bg\.wasm$/.test(f))).toBe(true);
  expect(files).toContain('__wasm_split.js');
  for (const [file, encoding] of encodings) expect(['br', 'gzip'], file).toContain(encoding);
});

test('a browser that takes gzip only gets the .gz files (zopfli), and they unpack to the files themselves', async ({ standin }) => {
  const get = (path, encoding) => new Promise((resolve, reject) => {
    http.get(new URL(path, standin.app), { headers: { 'accept-encoding': encoding } }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode, encoding: res.headers['content-encoding'], body: Buffer.concat(parts) }));
    }).on('error', reject);
  });
  const page = (await get('index.html', 'identity')).body.toString();
  // The page is minified: its attribute values may come without quotes.
  const wasm = page.match(/data-wasm="?\.\/([^"\s>]+_bg\.wasm)/)[1];
  const chunkDir = page.match(/href="?\.\/(wasm-split-[0-9a-f]{16})\/__wasm_split\.js/)[1];
  const files = [wasm, `${chunkDir}/split_screens.wasm`, `${chunkDir}/__wasm_split.js`, 'boot.js'];
  for (const file of files) {
    const plain = await get(file, 'identity');
    const packed = await get(file, 'gzip');
    expect(plain.status, file).toBe(200);
    expect(plain.encoding, file).toBeUndefined();
    expect(packed.encoding, file).toBe('gzip');
    expect(packed.body.length, file).toBeLessThan(plain.body.length);
    expect(gunzipSync(packed.body).equals(plain.body), file).toBe(true);
  }
});

// Loading less first: the sign-in screen needs the first download only; the screens behind it are a
// wasm chunk (`wasm-split-<hash>/split_screens.wasm`) fetched beside the app when one first shows.
const CHUNK = /\/wasm-split-[0-9a-f]{16}\/split_screens\.wasm$/;

function watchWasm(page) {
  const fetched = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.endsWith('.wasm')) fetched.push(r.url());
  });
  return fetched;
}

test('the sign-in screen works from the first download; the screens chunk comes once, from the sub-path', async ({ page, standin, consoleLog }) => {
  const wasm = watchWasm(page);
  // The chunk is held back: the sign-in screen works without it.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(CHUNK, async (route) => { await held; await route.continue(); });
  await page.goto(standin.app);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Paste your awork API token first');
  await page.getByLabel('Language').selectOption('de');
  await expect(page.getByRole('heading', { name: 'Bei awork admin anmelden' })).toBeVisible();
  await page.getByLabel('Sprache').selectOption('en');
  await page.getByLabel('API token').fill(ADMIN_TOKEN);
  expect(wasm.filter((u) => /_bg\.wasm$/.test(u)), 'one main wasm').toHaveLength(1);
  // While the sign-in screen is up, the app fetches the chunk in the background.
  await expect.poll(() => wasm.filter((u) => CHUNK.test(new URL(u).pathname)).length).toBe(1);
  release();

  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('profile-name')).toHaveText('Dr. Hanna Berger');
  for (const [link, shown] of [['Roles', page.getByRole('link', { name: /^Admin/ })],
    ['People', page.getByRole('searchbox')], ['Invite', page.getByRole('heading', { name: 'Invite a person' })]]) {
    await page.getByRole('link', { name: link, exact: true }).click();
    await expect(shown).toBeVisible();
  }
  const chunks = wasm.filter((u) => CHUNK.test(new URL(u).pathname));
  expect(chunks, 'one fetch of the screens chunk for every screen').toHaveLength(1);
  expect(chunks[0].startsWith(standin.app), `${chunks[0]} is under ${standin.app}`).toBe(true);
  expect(wasm).toHaveLength(2);
  expectNoPanic(consoleLog);
});

test('in German, the sign-in screen and the frame speak German before the screens chunk is there, the screens once it is', async ({ page, standin, consoleLog }) => {
  // Only the screens' German comes with their chunk; everything shown before it is in the first download.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(CHUNK, async (route) => { await held; await route.continue(); });
  await page.goto(standin.app);
  await page.getByLabel('Language').selectOption('de');
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Fügen Sie zuerst Ihr awork-API-Token ein.');
  await page.getByLabel('API-Token').fill('not-a-token-awork-knows');
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('awork hat dieses Token nicht akzeptiert.');
  await page.getByLabel('API-Token').fill(MEMBER_TOKEN);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  // Signed in, the screen still waiting for its chunk: header and navigation in German.
  await expect(page.getByRole('status')).toHaveText('Diese Ansicht wird geladen …');
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  for (const link of ['Profil', 'Per E-Mail zuweisen']) {
    await expect(nav.getByRole('link', { name: link, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toHaveCount(1);
  release();
  // The chunk brings the screens' German.
  await expect(page.getByRole('heading', { name: 'Über' })).toBeVisible();
  await expect(page.getByTestId('details')).toContainText('Vorname');
  expectNoPanic(consoleLog);
});

test('with a session in the tab, the screens chunk is fetched beside the main wasm, once, before the first API call', async ({ page, standin, consoleLog }) => {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toHaveText('Dr. Hanna Berger');
  // Away from the app first, so that nothing the signed-in page still fetches (its avatar) is
  // counted; sessionStorage stays with the tab.
  await page.goto('about:blank');
  const order = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin === standin.api || CHUNK.test(url.pathname)) order.push(CHUNK.test(url.pathname) ? 'chunk' : url.pathname);
  });
  await page.goto(standin.app);
  await expect(page.getByTestId('profile-name')).toHaveText('Dr. Hanna Berger');
  expect(order.filter((r) => r === 'chunk'), 'one fetch of the chunk').toHaveLength(1);
  expect(order[0], `the chunk before the first API call: ${order.join(', ')}`).toBe('chunk');
  expectNoPanic(consoleLog);
});

test('in the portal frame under the strict CSP, the screens chunk loads with no violation', async ({ page, standin, consoleLog }) => {
  await standin.config({ allowedParentOrigins: [standin.portal] });
  await standin.appHeaders({
    'Content-Security-Policy': csp({ api: standin.api, images: standin.api, frameAncestors: standin.portal }),
  });
  const violations = await watchViolations(page, consoleLog);
  const wasm = watchWasm(page);
  await page.goto(portalUrl(standin));
  await expect(page.locator('#status')).toHaveText('app ready');
  await page.locator('#token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Send token' }).click();
  const app = page.frameLocator('#app');
  await expect(app.getByTestId('profile-name')).toHaveText('Dr. Hanna Berger');
  await app.getByRole('link', { name: 'People', exact: true }).click();
  await expect(app.getByRole('searchbox')).toBeVisible();
  expect(wasm.filter((u) => CHUNK.test(new URL(u).pathname))).toHaveLength(1);
  expect(violations()).toEqual([]);
  expectNoPanic(consoleLog);
});

for (const [how, answer] of [
  ['offline', (route) => route.abort('internetdisconnected')],
  ['a 404 after a deploy', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'gone' })],
]) {
  test(`a screens chunk that cannot be fetched (${how}) says so, keeps the session, and "Try again" loads it`, async ({ page, standin, consoleLog }) => {
    let refused = 0;
    await page.route(CHUNK, (route) => {
      refused += 1;
      return answer(route);
    });
    await page.goto(standin.app);
    await page.getByLabel('API token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const failed = page.getByTestId('chunk-failed');
    await expect(failed).toHaveAttribute('role', 'alert');
    await expect(failed).toContainText('This screen could not be loaded. Check the connection and try again.');
    // Signed in all the same: the header and the navigation are there, and so is the session.
    await expect(page.getByTestId('signed-in-user')).toHaveText('Hanna Berger');
    expect(await page.evaluate(() => sessionStorage.getItem('awork-admin.token'))).toBe(ADMIN_TOKEN);
    // Still failing: another try fetches again and says so again; then the network is back.
    const tries = refused;
    expect(tries).toBeGreaterThanOrEqual(1);
    await failed.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => refused).toBe(tries + 1);
    await expect(failed).toBeVisible();
    await page.unroute(CHUNK);
    await failed.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('profile-name')).toHaveText('Dr. Hanna Berger');
    await expect(failed).toHaveCount(0);
    await page.getByRole('link', { name: 'Roles' }).click();
    await expect(page.getByRole('link', { name: /^Admin/ })).toBeVisible();
    expectNoPanic(consoleLog);
  });
}
