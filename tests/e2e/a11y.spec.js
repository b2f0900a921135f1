// Accessibility: axe-core (from npm) on every screen, in both languages, with zero serious or
// critical violations; every control reachable by keyboard with a visible focus.
import { test, expect, signIn, expectNoPanic } from './fixtures.js';
import { createRequire } from 'node:module';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PM_ROLE = '000000b2-0000-4000-8000-000000000004';
const CROWD_ROLE = '000000b2-0000-4000-8000-000000000007';

async function axeViolations(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const screens = [
  ['profile', '#/profile', (p) => p.getByTestId('profile-name')],
  ['roles', '#/roles', (p) => p.getByTestId('roles')],
  ['role members', `#/roles/${PM_ROLE}`, (p) => p.locator('.member-list[data-state="done"]')],
  ['people', '#/people', (p) => p.locator('.member-list[data-state="done"] .person-row')],
  ['invite', '#/invite', (p) => p.locator('#role')],
  ['assign', '#/assign', (p) => p.locator('#role')],
  ['batch', '#/invite/many', (p) => p.locator('#batch-csv')],
  ['not found', '#/nowhere', (p) => p.getByRole('heading', { level: 1 })],
];

for (const lang of ['en', 'de']) {
  test(`axe finds no serious or critical violation on any screen (${lang})`, async ({ page, standin, consoleLog }) => {
    await page.goto(standin.app);
    if (lang === 'de') await page.getByLabel('Language').selectOption('de');
    await expect(page.getByRole('textbox').first()).toBeVisible();
    const found = { 'sign-in': await axeViolations(page) };
    // The sign-in screen with an error showing.
    await page.getByRole('button', { name: lang === 'de' ? 'Anmelden' : 'Sign in', exact: true }).click();
    await expect(page.locator('#token-error')).not.toBeEmpty();
    found['sign-in with error'] = await axeViolations(page);

    await page.locator('#token').fill('demo-admin-token');
    await page.locator('#token').press('Enter');
    await expect(page.getByTestId('profile-name')).toBeVisible();
    for (const [name, hash, ready] of screens) {
      await page.goto(`${standin.app}${hash}`);
      await expect(ready(page).first()).toBeVisible();
      found[name] = await axeViolations(page);
    }
    // The batch screen with checked rows and the invite form with field errors.
    await page.goto(`${standin.app}#/invite/many`);
    await page.getByLabel(lang === 'de' ? 'CSV einfügen' : 'Paste CSV').fill('email,firstName\nok@acme.example,Ok\nbroken,Bad');
    await page.locator('.member-tools button').first().click();
    await expect(page.locator('.batch-table tbody tr')).toHaveCount(2);
    found['batch with rows'] = await axeViolations(page);
    await page.goto(`${standin.app}#/invite`);
    await page.locator('#email').fill('nope');
    await page.locator('#email').press('Enter');
    await expect(page.locator('#email-error')).not.toBeEmpty();
    found['invite with errors'] = await axeViolations(page);
    // The people screen with a selection, and a person's dialog asking before it deactivates.
    await page.goto(`${standin.app}#/people?q=clara`);
    await expect(page.locator('.person-row').first()).toBeVisible();
    await page.locator('.person-row input[type=checkbox]').first().check();
    await expect(page.locator('#bulk-change')).toBeVisible();
    found['people with a selection'] = await axeViolations(page);
    await page.locator('.person-row').first().getByRole('button').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    found['person dialog'] = await axeViolations(page);
    await page.getByRole('dialog').locator('.person-section button').nth(1).click();
    await expect(page.getByTestId('confirm')).toBeVisible();
    found['person dialog asking'] = await axeViolations(page);

    const bad = Object.entries(found).filter(([, v]) => v.length > 0);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    expectNoPanic(consoleLog);
  });
}

/// The focused element, and whether its focus ring can be seen.
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    const label = el.labels?.[0]?.textContent?.trim() || el.getAttribute('aria-label') || el.textContent.trim();
    return { tag: el.tagName.toLowerCase(), id: el.id, label: label.slice(0, 40), ring };
  });
}

test('the invite form works from the keyboard alone, with a visible focus on every stop', async ({ page, standin, consoleLog }) => {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await page.goto(`${standin.app}#/invite`);
  await page.reload();
  await expect(page.locator('#role')).toBeVisible();

  // Tab from the top: skip link, header, navigation, then the form's fields in order.
  const stops = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    stops.push(f);
    if (f.id === 'email') break;
  }
  expect(stops[0].label).toBe('Skip to content');
  const withoutRing = stops.filter((s) => !s.ring);
  expect(withoutRing, JSON.stringify(withoutRing)).toEqual([]);
  expect(stops.at(-1).id).toBe('email');

  await page.keyboard.type('keyboard.person@acme.example');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Kay');
  const after = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    after.push(f);
    expect(f.ring, `no visible focus on ${JSON.stringify(f)}`).toBe(true);
    if (f.tag === 'button' && f.label === 'Invite') break;
  }
  // Every field of the form was a stop on the way.
  const ids = after.map((s) => s.id);
  for (const id of ['lastName', 'title', 'position', 'gender', 'role']) expect(ids).toContain(id);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('invited')).toContainText('keyboard.person@acme.example');
  expectNoPanic(consoleLog);
});

test('the skip link moves focus to the screen, and the member list scrolls by keyboard', async ({ page, bigStandin: standin }) => {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await page.goto(`${standin.app}#/roles/${CROWD_ROLE}`);
  await page.reload();
  await expect(page.locator('.member-list[data-state="done"]')).toBeVisible();
  await page.keyboard.press('Tab');
  expect((await focused(page)).label).toBe('Skip to content');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement.id)).toBe('main');
  // The screen stays: the skip link does not touch the route in the fragment.
  expect(page.url()).toBe(`${standin.app}#/roles/${CROWD_ROLE}`);
  await page.locator('.member-list').focus();
  expect((await focused(page)).ring).toBe(true);
  // End scrolls the focused list (pressed again if the list was still being laid out).
  await expect(async () => {
    await page.keyboard.press('End');
    expect(await page.locator('.member-list').evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  }).toPass({ timeout: 10_000 });
  expect(await page.evaluate(() => document.activeElement.classList.contains('member-list'))).toBe(true);
});

test('every form field has a label', async ({ page, standin }) => {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  for (const hash of ['#/invite', '#/assign', '#/invite/many', `#/roles/${PM_ROLE}`]) {
    await page.goto(`${standin.app}${hash}`);
    await page.waitForLoadState('networkidle');
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea')]
        .filter((el) => el.type !== 'hidden')
        .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
        .map((el) => el.outerHTML.slice(0, 80)));
    expect(unlabelled, hash).toEqual([]);
  }
});
