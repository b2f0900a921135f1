// The fault matrix: every screen × every fault the stand-in can inject. Each case checks that the
// screen says clearly what happened, offers a retry where one makes sense (and the retry works),
// keeps what was typed, leaves no spinner turning, and did not panic. `scripts/fault-matrix.sh`
// prints the results as a table; `scripts/test.sh` runs them with everything else.
import { test, expect, signIn, expectNoPanic, ADMIN_TOKEN } from './fixtures.js';

const PM_ROLE = '000000b2-0000-4000-8000-000000000004';
const main = (page) => page.locator('main');
const field = (page, id) => page.locator(`#${id}`);

// How each screen is opened, what is typed there, which request the fault hits, and what success
// looks like. `act` sends the faulted request; `again` is the admin's retry.
const SCREENS = {
  'sign-in': {
    fault: { path: '/me', exact: true },
    async open(page, standin) { await page.goto(standin.app); },
    typed: [['token', ADMIN_TOKEN]],
    async act(page) { await page.getByRole('button', { name: 'Sign in', exact: true }).click(); },
    async again(page) { await page.getByRole('button', { name: 'Sign in', exact: true }).click(); },
    done: (page) => page.getByTestId('profile-name'),
    signInScreen: true,
  },
  profile: {
    // The profile is /me, asked again when the page loads with a stored session.
    fault: { path: '/me', exact: true },
    async open(page, standin) {
      await signIn(page, standin);
      await expect(page.getByTestId('profile-name')).toBeVisible();
    },
    typed: [],
    async act(page) { await page.reload(); },
    async again(page) { await page.getByRole('button', { name: 'Try again' }).click(); },
    done: (page) => page.getByTestId('profile-name'),
    // /me never answers 401 for a permission; the one other call, /me/permissions, takes it.
    permissionFault: { path: '/me/permissions', exact: true },
  },
  roles: {
    fault: { path: '/roles', exact: true },
    async open(page, standin) {
      await signIn(page, standin);
      await expect(page.getByTestId('profile-name')).toBeVisible();
    },
    typed: [],
    async act(page, standin) { await page.goto(`${standin.app}#/roles`); },
    async again(page) { await page.getByRole('button', { name: 'Try again' }).click(); },
    done: (page) => page.getByTestId('roles'),
  },
  'role members': {
    fault: { path: `/roles/${PM_ROLE}/users` },
    async open(page, standin) {
      await signIn(page, standin);
      await expect(page.getByTestId('profile-name')).toBeVisible();
    },
    typed: [],
    async act(page, standin) { await page.goto(`${standin.app}#/roles/${PM_ROLE}`); },
    async again(page) { await page.getByRole('button', { name: 'Try again' }).first().click(); },
    done: (page) => page.locator('.member-list[data-state="done"] .member-row').first(),
  },
  people: {
    // The users the people screen loads (once per session).
    fault: { path: '/users', exact: true },
    async open(page, standin) {
      await signIn(page, standin);
      await expect(page.getByTestId('profile-name')).toBeVisible();
    },
    typed: [],
    async act(page, standin) { await page.goto(`${standin.app}#/people`); },
    async again(page) { await page.getByRole('button', { name: 'Try again' }).first().click(); },
    done: (page) => page.locator('.member-list[data-state="done"] .person-row').first(),
  },
  'people: deactivate one': {
    fault: { path: '/users/', method: 'POST' },
    async open(page, standin) {
      await signIn(page, standin);
      await expect(page.getByTestId('profile-name')).toBeVisible();
      await page.goto(`${standin.app}#/people?q=clara.fischer`);
      await page.getByRole('button', { name: 'Manage Clara Fischer' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
    },
    typed: [],
    async act(page) {
      await page.getByRole('button', { name: 'Deactivate Clara Fischer' }).click();
      await page.getByTestId('confirm').getByRole('button', { name: 'Deactivate' }).click();
    },
    async again(page) { await this.act(page); },
    done: (page) => page.getByTestId('person-result').filter({ hasText: 'Clara Fischer is deactivated' }),
  },
  'people: change many': {
    fault: { path: '/roles/moveuser', method: 'POST' },
    async open(page, standin) {
      await signIn(page, standin);
      await expect(page.getByTestId('profile-name')).toBeVisible();
      await page.goto(`${standin.app}#/people?q=clara`);
      await expect(page.locator('.member-list[data-state="done"] .person-row')).toHaveCount(3);
      await page.getByLabel('Select all 3 shown').check();
      await page.getByLabel('Change for the selected').selectOption('role');
      await page.getByLabel('New role').selectOption({ label: 'Guest' });
    },
    typed: [],
    async act(page) { await page.getByRole('button', { name: 'Apply to 3 people' }).click(); },
    async again(page) { await page.getByRole('button', { name: /^Retry \d+ failed or cancelled$/ }).click(); },
    done: (page) => page.getByTestId('bulk-progress').filter({ hasText: /3 of 3 done · 3 changed|1 of 1 done · 1 changed/ }),
    failure: (page) => page.locator('.run-note-bad'),
  },
  invite: {
    fault: { path: '/invitations', method: 'POST' },
    async open(page, standin) {
      await signIn(page, standin);
      await expect(page.getByTestId('profile-name')).toBeVisible();
      await page.getByRole('link', { name: 'Invite', exact: true }).click();
      await expect(field(page, 'role')).toBeVisible();
    },
    typed: [['email', 'fault.case@acme.example'], ['firstName', 'Fiona'], ['position', 'Tester']],
    async act(page) { await main(page).getByRole('button', { name: 'Invite', exact: true }).click(); },
    async again(page) { await main(page).getByRole('button', { name: 'Invite', exact: true }).click(); },
    done: (page) => page.getByTestId('invited'),
    form: true,
  },
  assign: {
    fault: { path: '/tasks/assignuserbyemail', method: 'POST' },
    async open(page, standin) {
      await signIn(page, standin);
      await expect(page.getByTestId('profile-name')).toBeVisible();
      await page.getByRole('link', { name: 'Assign by email' }).click();
      await expect(field(page, 'role')).toBeVisible();
      await page.getByRole('combobox', { name: 'Task' }).fill('acme-12');
      await expect(page.getByRole('listbox', { name: 'Matching tasks' }).getByRole('option')).toHaveCount(1);
      await page.getByRole('combobox', { name: 'Task' }).press('Enter');
      await expect(page.getByTestId('chosen-task')).toBeVisible();
    },
    typed: [['email', 'fault.assign@acme.example'], ['firstName', 'Ada']],
    async act(page) { await main(page).getByRole('button', { name: 'Assign', exact: true }).click(); },
    async again(page) { await main(page).getByRole('button', { name: 'Assign', exact: true }).click(); },
    done: (page) => page.getByTestId('assigned'),
    form: true,
  },
  'batch invite': {
    fault: { path: '/invitations', method: 'POST' },
    async open(page, standin) {
      await signIn(page, standin);
      await expect(page.getByTestId('profile-name')).toBeVisible();
      await page.getByRole('link', { name: 'Invite many' }).click();
      await expect(page.getByRole('button', { name: 'Check rows' })).toBeEnabled();
    },
    typed: [['batch-csv', 'email,firstName\nbatch.one@acme.example,One\nbatch.two@acme.example,Two']],
    async act(page) {
      await page.getByRole('button', { name: 'Check rows' }).click();
      await page.getByRole('button', { name: 'Send 2 invitations' }).click();
    },
    // Retry is offered once the run is over, for the failed rows only (re-sending every row would
    // invite the good ones twice).
    async again(page) {
      await page.getByRole('button', { name: /^Retry \d+ failed or cancelled$/ }).click();
    },
    done: (page) => page.getByTestId('batch-progress').filter({ hasText: /2 of 2 sent · 2 invited|1 of 1 sent · 1 invited/ }),
    // A failed row is the message; the run goes on with the other row.
    failure: (page) => page.locator('.batch-result').filter({ hasText: /^Failed: / }),
    form: true,
  },
};

const FAULTS = {
  'latency 3 s': { rule: { kind: 'latency', ms: 3000 } },
  '500 server error': { rule: { kind: 'error' }, message: 'awork had a problem (500)', retry: true },
  '429 rate limited': { rule: { kind: 'rateLimit', resetSeconds: 1 }, message: 'awork is busy (too many requests)', retry: true, mayRecover: true },
  'malformed JSON': { rule: { kind: 'malformed' }, message: 'could not be read', retry: true },
  'dropped connection': { rule: { kind: 'drop' }, message: 'Could not reach awork', retry: true },
  '401 dead token': { dead: true },
  '401 missing permission': { rule: { kind: 'unauthorized' }, permission: true },
};

async function typeAll(page, typed) {
  for (const [id, value] of typed) await field(page, id).fill(value);
}

async function expectTyped(page, typed, where) {
  for (const [id, value] of typed) await expect(field(page, id), `${where}: #${id} kept`).toHaveValue(value);
}

async function expectNoSpinner(page) {
  await expect(page.locator('.spinner:visible')).toHaveCount(0, { timeout: 8_000 });
}

for (const [screenName, screen] of Object.entries(SCREENS)) {
  for (const [faultName, fault] of Object.entries(FAULTS)) {
    test(`fault matrix: ${screenName} × ${faultName}`, async ({ page, standin, consoleLog }) => {
      test.setTimeout(45_000);
      await screen.open(page, standin);
      await typeAll(page, screen.typed);
      await page.waitForLoadState('networkidle');

      if (fault.dead) {
        // The token dies while the screen is open (or is wrong, on the sign-in screen).
        await standin.revoke(ADMIN_TOKEN);
        await screen.act(page, standin);
        if (screen.signInScreen) {
          await expect(page.locator('#token-error')).toContainText('This token was not accepted by awork');
          await expectTyped(page, screen.typed, 'after a refused token');
          return expectNoPanic(consoleLog);
        }
        await expect(page.getByText('Your session has ended. Please sign in again.')).toBeVisible();
        await expect(page.locator('#token')).toBeVisible();
        await standin.reset();
        await page.locator('#token').fill(ADMIN_TOKEN);
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        // Back where the admin was, with everything typed.
        if (screen.form) await expectTyped(page, screen.typed, 'after signing in again');
        await expectNoSpinner(page);
        return expectNoPanic(consoleLog);
      }

      const rule = { ...fault.rule, ...(fault.permission && screen.permissionFault ? screen.permissionFault : screen.fault), times: 1 };
      await standin.faults([rule]);
      await screen.act(page, standin);

      if (fault.rule.kind === 'latency') {
        // A loading state while waiting, then the result; no spinner left behind.
        await expect(page.locator('[aria-busy="true"], .loading, .spinner, progress').first()).toBeVisible({ timeout: 2_000 });
        await expectTyped(page, screen.typed, 'while waiting');
        await expect(screen.done(page)).toBeVisible({ timeout: 10_000 });
        await expectNoSpinner(page);
        return expectNoPanic(consoleLog);
      }

      if (fault.permission) {
        if (screen.signInScreen) {
          await expect(page.locator('#token-error')).toContainText('This token was not accepted by awork');
        } else if (screen.permissionFault) {
          // Not knowing the permissions hides nothing and ends nothing.
          await expect(screen.done(page)).toBeVisible();
          await expect(page.getByRole('navigation').getByRole('link', { name: 'Roles' })).toBeVisible();
        } else if (screen.failure) {
          await expect(screen.failure(page).first()).toContainText('lacks the permission');
        } else {
          await expect(page.getByRole('alert').first()).toContainText('lacks the permission');
          if (!screen.form) await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
        }
        await expectTyped(page, screen.typed, 'after a permission 401');
        if (!screen.signInScreen) await expect(page.getByTestId('signed-in-user')).toHaveText('Hanna Berger');
        await expectNoSpinner(page);
        return expectNoPanic(consoleLog);
      }

      // 500, 429, malformed, dropped: a clear message (or, for 429, a wait and an automatic
      // retry), typed values kept, and a retry that works.
      const failure = screen.failure ? screen.failure(page) : page.getByRole('alert');
      const outcome = await Promise.race([
        failure.first().waitFor({ timeout: 10_000 }).then(() => 'message'),
        screen.done(page).waitFor({ timeout: 10_000 }).then(() => 'recovered'),
      ]);
      if (outcome === 'recovered') {
        // What reached the stand-in on the faulted path, to tell a repeated request from a fault
        // that hit nothing, should this ever fail.
        const sent = (await standin.requests()).filter((r) => r.path.startsWith(rule.path))
          .map((r) => `${r.method} ${r.path}?${r.query} → ${r.status} at ${r.ms} ms`);
        expect(fault.mayRecover, `${screenName} recovered by itself from ${faultName} without a word; requests: ${sent.join('; ')}`).toBe(true);
      } else {
        await expect(failure.first()).toContainText(fault.message);
        await expectTyped(page, screen.typed, `after ${faultName}`);
        await expectNoSpinner(page);
        await screen.again(page);
      }
      await expect(screen.done(page)).toBeVisible({ timeout: 10_000 });
      await expectNoSpinner(page);
      expectNoPanic(consoleLog);
    });
  }
}
