// Inviting a person (POST /invitations): in headless Chromium against the stand-in.
import { test, expect, signIn, expectNoPanic, pickRemovedRole, MEMBER_TOKEN } from './fixtures.js';

const PM_ROLE = '000000b2-0000-4000-8000-000000000004';
const DESIGN_TEAM = '000000c3-0000-4000-8000-000000000001';
const SALES_TEAM = '000000c3-0000-4000-8000-000000000004';

async function openInvite(page, standin) {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await page.getByRole('link', { name: 'Invite', exact: true }).click();
  await expect(page.getByLabel('Role')).toHaveValue(/.+/);
}

const invitations = async (standin) => (await standin.requests()).filter((r) => r.method === 'POST' && r.path === '/invitations');

test('inviting with every field sends awork exactly the documented body and shows the code', async ({ page, standin, consoleLog }) => {
  await openInvite(page, standin);
  // The role defaults to a plain member role, not admin or guest.
  await expect(page.getByLabel('Role').locator('option:checked')).toHaveText('Member');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('nia.novak@acme.example');
  await page.getByLabel('First name').fill('Nia');
  await page.getByLabel('Last name').fill('Novak');
  await page.getByLabel('Title').fill('Dr.');
  await page.getByLabel('Position').fill('Illustrator');
  await page.getByLabel('Gender').selectOption('female');
  await page.getByLabel('Role').selectOption(PM_ROLE);
  await page.getByLabel('Design').check();
  await page.getByLabel('Sales').check();
  await page.getByLabel("Don't send the invitation email").check();
  await page.getByRole('button', { name: 'Invite' }).click();

  const done = page.getByTestId('invited');
  await expect(done).toContainText('Invitation sent to nia.novak@acme.example');
  await expect(done).toContainText('valid for 24 hours');
  const sent = await invitations(standin);
  expect(sent).toHaveLength(1);
  const me = await standin.get('/me');
  expect(sent[0].body).toEqual({
    workspaceId: me.workspace.id, invitationFlow: 'invite', email: 'nia.novak@acme.example',
    firstName: 'Nia', lastName: 'Novak', title: 'Dr.', position: 'Illustrator', gender: 'female',
    roleId: PM_ROLE, teamIds: [DESIGN_TEAM, SALES_TEAM], skipSendingEmail: true,
  });
  const code = await page.getByTestId('invitation-code').textContent();
  expect(code).toMatch(/^inv-/);
  const userId = await page.getByTestId('invited-user-id').textContent();
  expect(sent[0].status).toBe(200);

  // The person is in the role at once, by name, without a reload.
  await page.getByRole('link', { name: 'See them among the members of Project Manager' }).click();
  await expect(page.locator('.member-list')).toHaveAttribute('data-state', 'done');
  const row = page.locator(`.member-row[data-user-id="${userId}"]`);
  await expect(row).toContainText('Nia Novak');
  await expect(row).toContainText('nia.novak@acme.example');
  expectNoPanic(consoleLog);
});

test('a bad email is caught before anything is sent', async ({ page, standin }) => {
  await openInvite(page, standin);
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('nia.novak(at)acme');
  await page.getByLabel('First name').fill('Nia');
  await page.getByRole('button', { name: 'Invite' }).click();
  await expect(page.locator('[data-field="email"]')).toHaveText(/not a valid email address/);
  await expect(page.getByRole('textbox', { name: 'Email', exact: true })).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Email', exact: true })).toHaveAttribute('aria-invalid', 'true');
  expect(await invitations(standin)).toHaveLength(0);
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('');
  await page.getByRole('button', { name: 'Invite' }).click();
  await expect(page.locator('[data-field="email"]')).toHaveText('Enter the email address to invite.');
  expect(await invitations(standin)).toHaveLength(0);
});

test("awork's validation errors land beside their fields and nothing typed is lost", async ({ page, standin }) => {
  await openInvite(page, standin);
  // The stand-in refuses an archived role as awork refuses an unknown one.
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('valid@acme.example');
  await page.getByLabel('First name').fill('Vera');
  await page.getByLabel('Position').fill('Writer');
  await page.getByLabel('Design').check();
  await pickRemovedRole(page);
  await page.getByRole('button', { name: 'Invite' }).click();
  await expect(page.locator('[data-field="role"]')).toHaveText('The role does not exist.');
  await expect(page.getByRole('textbox', { name: 'Email', exact: true })).toHaveValue('valid@acme.example');
  await expect(page.getByLabel('First name')).toHaveValue('Vera');
  await expect(page.getByLabel('Position')).toHaveValue('Writer');
  await expect(page.getByLabel('Design')).toBeChecked();
  await expect(page.getByTestId('invited')).toHaveCount(0);
});

test('an email already in the workspace says so beside the email', async ({ page, standin }) => {
  await openInvite(page, standin);
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('hanna.berger@acme.example');
  await page.getByRole('button', { name: 'Invite' }).click();
  await expect(page.locator('[data-field="email"]')).toHaveText('This email is already in the workspace.');
  await expect(page.getByRole('textbox', { name: 'Email', exact: true })).toHaveValue('hanna.berger@acme.example');
});

test('a double click or Enter twice sends one invitation', async ({ page, standin }) => {
  await openInvite(page, standin);
  await standin.faults([{ kind: 'latency', path: '/invitations', ms: 700 }]);
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('once@acme.example');
  await page.getByRole('button', { name: 'Invite' }).dblclick();
  await expect(page.getByTestId('invited')).toBeVisible();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('twice@acme.example');
  await page.getByRole('textbox', { name: 'Email', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('invited')).toContainText('twice@acme.example');
  const sent = (await invitations(standin)).map((r) => r.body.email);
  expect(sent).toEqual(['once@acme.example', 'twice@acme.example']);
});

test('a server error keeps the form, and trying again works', async ({ page, standin }) => {
  await openInvite(page, standin);
  await standin.faults([{ kind: 'error', path: '/invitations', times: 1 }]);
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('retry@acme.example');
  await page.getByLabel('Last name').fill('Again');
  await page.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByRole('alert')).toContainText('awork had a problem (500)');
  await expect(page.getByRole('textbox', { name: 'Email', exact: true })).toHaveValue('retry@acme.example');
  await expect(page.getByLabel('Last name')).toHaveValue('Again');
  await page.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByTestId('invited')).toContainText('retry@acme.example');
});

test('when the API no longer offers invitations, the form says so and points to assign-by-email', async ({ page, standin }) => {
  await openInvite(page, standin);
  await standin.faults([{ kind: 'error', path: '/invitations', status: 405, times: 1 }]);
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('gone@acme.example');
  await page.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByRole('alert')).toContainText('no longer offers invitations');
  await expect(page.getByRole('link', { name: 'Invite by assigning a task instead' })).toHaveAttribute('href', '#/assign');
  await expect(page.getByRole('textbox', { name: 'Email', exact: true })).toHaveValue('gone@acme.example');
});

test('the invite form works by keyboard alone', async ({ page, standin }) => {
  await openInvite(page, standin);
  await page.getByRole('textbox', { name: 'Email', exact: true }).focus();
  await page.keyboard.type('keys@acme.example');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Kim');
  await expect(page.getByLabel('First name')).toHaveValue('Kim');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('invited')).toContainText('keys@acme.example');
});

test('only admins invite: a member is not offered the invite screens, and a deep link says why', async ({ page, standin }) => {
  await signIn(page, standin, MEMBER_TOKEN);
  await expect(page.getByTestId('profile-name')).toHaveText('Jonas Weber');
  // Jonas's awork language is German; the permissions answer decides what the navigation offers.
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Per E-Mail zuweisen' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Einladen', exact: true })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Viele einladen' })).toHaveCount(0);
  for (const hash of ['#/invite', '#/invite/many']) {
    await page.goto(`${standin.app}${hash}`);
    await expect(page.getByTestId('not-allowed')).toContainText('Nur Workspace-Admins können Personen einladen');
    await expect(page.getByRole('textbox')).toHaveCount(0);
  }
  expect((await standin.requests()).filter((r) => r.method === 'POST')).toEqual([]);
});
