// German and English: the language follows /me's `language`, a switcher changes it, and dates and
// numbers are written the way each language writes them.
import { test, expect, signIn, expectNoPanic, MEMBER_TOKEN } from './fixtures.js';

const GERMAN_DATE = /^\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}$/;

test('German texts, dates and html lang when /me says de-DE', async ({ page, standin, consoleLog }) => {
  const me = await (await fetch(`${standin.api}/api/v1/me`, { headers: { authorization: `Bearer ${MEMBER_TOKEN}` } })).json();
  expect(me.language).toBe('de-DE');
  await signIn(page, standin, MEMBER_TOKEN);
  await expect(page.getByRole('heading', { name: 'Über' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  for (const link of ['Profil', 'Per E-Mail zuweisen']) {
    await expect(nav.getByRole('link', { name: link, exact: true })).toBeVisible();
  }
  // Only admins invite (awork's rule): a member is not offered the invite screens.
  for (const link of ['Einladen', 'Viele einladen']) {
    await expect(nav.getByRole('link', { name: link, exact: true })).toHaveCount(0);
  }
  const details = page.getByTestId('details');
  await expect(details).toContainText('Vorname');
  await expect(details).toContainText('Sprache');
  await expect(details).toContainText('Deutsch (de-DE)');
  expect(me.birthDate, 'the German account has a birth date').toBeTruthy();
  const birth = details.locator('.detail', { hasText: 'Geburtsdatum' }).locator('dd');
  await expect(birth).toHaveText(GERMAN_DATE);
  await expect(page.getByTestId('status-badges')).toContainText(/Einladung (angenommen|offen)/);
  await expect(page.getByLabel('Sprache')).toHaveValue('de');

  // A screen this account may not use says so in German.
  await page.goto(`${standin.app}#/roles`);
  await expect(page.getByRole('alert')).toContainText('Diesem Konto fehlt die Berechtigung');

  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByRole('heading', { name: 'Bei awork admin anmelden' })).toBeVisible();
  await expect(page.getByLabel('API-Token')).toBeVisible();
  expectNoPanic(consoleLog);
});

test('an English /me stays English, and the switcher changes every text without losing input', async ({ page, standin, consoleLog }) => {
  await signIn(page, standin);
  await expect(page.getByRole('heading', { name: 'About' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('link', { name: 'Invite', exact: true }).click();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('not-an-email');
  await page.getByLabel('First name').fill('Grete');

  await page.getByLabel('Language').selectOption('de');
  await expect(page.getByRole('heading', { name: 'Person einladen' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  const email = page.getByRole('textbox', { name: 'E-Mail', exact: true });
  await expect(email).toHaveValue('not-an-email');
  await expect(page.getByLabel('Vorname')).toHaveValue('Grete');
  await expect(page.getByLabel('Geschlecht').locator('option').first()).toHaveText('Nicht angegeben');
  await page.locator('main').getByRole('button', { name: 'Einladen', exact: true }).click();
  await expect(page.getByText('Das ist keine gültige E-Mail-Adresse (name@example.com).')).toBeVisible();

  // awork's errors in German too.
  await email.fill('grete@acme.example');
  await standin.faults([{ kind: 'error', path: '/invitations', times: 1 }]);
  await page.locator('main').getByRole('button', { name: 'Einladen', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Bei awork ist ein Problem aufgetreten (500)');
  await expect(email).toHaveValue('grete@acme.example');

  // The choice outlives a refresh of /me (which says en-GB).
  await page.getByRole('link', { name: 'Profil' }).click();
  await page.getByRole('button', { name: 'Aktualisieren' }).click();
  await expect(page.getByRole('heading', { name: 'Über' })).toBeVisible();
  await page.getByLabel('Sprache').selectOption('en');
  await expect(page.getByRole('heading', { name: 'About' })).toBeVisible();
  expectNoPanic(consoleLog);
});

test('German numbers on the roles screen: 10.000 Mitglieder', async ({ page, bigStandin }) => {
  await signIn(page, bigStandin);
  await page.getByRole('link', { name: 'Roles' }).click();
  const crowd = page.locator('.role-row', { hasText: 'Support Crowd' }).getByTestId('member-count');
  await expect(crowd).toHaveText('10,000 members');
  await page.getByLabel('Language').selectOption('de');
  await expect(crowd).toHaveText('10.000 Mitglieder');
  await expect(page.getByRole('heading', { name: 'Rollen' })).toBeVisible();
});

test('the sign-in screen has the switcher too, and the browser language is the first guess', async ({ browser, standin }) => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(standin.app);
  await expect(page.getByRole('heading', { name: 'Bei awork admin anmelden' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mit awork anmelden' })).toBeVisible();
  await page.getByLabel('Sprache').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Sign in to awork admin' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('Paste your awork API token first.')).toBeVisible();
  await context.close();
});

test('German, with its longer words, still fits an 800 px wide frame on every screen', async ({ page, standin }) => {
  await page.setViewportSize({ width: 800, height: 700 });
  await signIn(page, standin, MEMBER_TOKEN);
  await expect(page.getByRole('heading', { name: 'Über' })).toBeVisible();
  const fits = async (where) => {
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, where).toBe(0);
  };
  for (const hash of ['#/profile', '#/invite', '#/invite/many', '#/assign', '#/roles']) {
    await page.goto(`${standin.app}${hash}`);
    await fits(hash);
  }
  // The screens only an admin sees, in German too: people with a selection, and a person's dialog.
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await signIn(page, standin);
  await page.getByLabel('Language').selectOption('de');
  for (const hash of ['#/invite', '#/invite/many', '#/people']) {
    await page.goto(`${standin.app}${hash}`);
    await fits(hash);
  }
  await page.locator('.person-row input[type=checkbox]').first().check();
  await page.getByLabel('Änderung für die Ausgewählten').selectOption('role');
  await fits('people with the bulk bar');
  await page.locator('.person-row').first().getByRole('button').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await fits('a person dialog');
});
