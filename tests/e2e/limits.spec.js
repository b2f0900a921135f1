// Bounds on what the console waits for and takes in: a request awork does not answer in time is
// given up with a clear message; an unattended session ends after `idleTimeoutMinutes`; an
// uploaded or pasted CSV is capped in size and rows, and nothing typed is lost. Headless Chromium
// against the stand-in; the idle clock is Playwright's.
import { test, expect, signIn, expectNoPanic } from './fixtures.js';

async function signedIn(page, standin) {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
}

test('a request without an answer in time is given up with a clear message, and "Try again" recovers', async ({ page, standin, consoleLog }) => {
  await standin.config({ requestTimeoutSeconds: 2 });
  await signedIn(page, standin);
  await standin.faults([{ kind: 'latency', path: '/roles', exact: true, ms: 6000, times: 1 }]);
  const started = Date.now();
  await page.getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByRole('alert')).toHaveText(/^awork did not answer within 2 seconds\. Try again\./);
  expect(Date.now() - started).toBeLessThan(5000);
  await page.getByRole('alert').getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('link', { name: /^Admin/ })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expectNoPanic(consoleLog);
});

test('an unattended session ends after idleTimeoutMinutes; activity keeps it, and what was typed waits', async ({ page, standin }) => {
  await standin.config({ idleTimeoutMinutes: 5 });
  await page.clock.install();
  await signedIn(page, standin);
  await page.getByRole('link', { name: 'Invite', exact: true }).click();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('typed.before@acme.example');
  await page.clock.fastForward('04:00');
  await expect(page.getByTestId('signed-in-user')).toHaveText('Hanna Berger');
  // Activity: the clock starts again.
  await page.mouse.move(20, 20);
  await page.mouse.move(40, 40);
  await page.clock.fastForward('04:00');
  await expect(page.getByTestId('signed-in-user')).toHaveText('Hanna Berger');
  await page.clock.fastForward('02:00');
  await expect(page.getByText('You were signed out after 5 minutes without activity. Please sign in again.')).toBeVisible();
  expect(await page.evaluate(() => ({ ...sessionStorage }))).toEqual({});
  // The same account signs in again and finds what it typed.
  await page.getByLabel('API token').fill('demo-admin-token');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Email', exact: true })).toHaveValue('typed.before@acme.example');
});

test('the idle timeout is 30 minutes by default, and 0 turns it off', async ({ page, standin }) => {
  await page.clock.install();
  await signedIn(page, standin);
  await page.clock.fastForward('29:00');
  await expect(page.getByTestId('signed-in-user')).toHaveText('Hanna Berger');
  await page.clock.fastForward('02:00');
  await expect(page.getByText('You were signed out after 30 minutes without activity.', { exact: false })).toBeVisible();

  await standin.config({ idleTimeoutMinutes: 0 });
  await page.reload();
  await signedIn(page, standin);
  await page.clock.fastForward('03:00:00');
  await expect(page.getByTestId('signed-in-user')).toHaveText('Hanna Berger');
});

test('an uploaded CSV over 1 MiB and a paste of over 5,000 rows are refused with a reason; what was typed stays', async ({ page, standin }) => {
  await signedIn(page, standin);
  await page.getByRole('link', { name: 'Invite many' }).click();
  await expect(page.getByRole('button', { name: 'Check rows' })).toBeEnabled();
  const typed = 'kept@acme.example,Kept,Row,Member,';
  await page.getByLabel('Paste CSV').fill(typed);
  await page.getByLabel('Or upload a CSV file').setInputFiles({
    name: 'everyone.csv', mimeType: 'text/csv', buffer: Buffer.alloc(1536 * 1024, 'a@b.example,A,B,Member,\n'),
  });
  await expect(page.getByRole('status').filter({ hasText: 'The file is 1,536 KB; at most 1,024 KB are taken at a time.' })).toBeVisible();
  await expect(page.getByLabel('Paste CSV')).toHaveValue(typed);

  const many = Array.from({ length: 5001 }, (_, i) => `p${i}@acme.example,P,${i},Member,`).join('\n');
  // Pasted at once (typing 170 KB key by key is not what a paste is).
  await page.getByLabel('Paste CSV').evaluate((el, text) => {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, many);
  await page.getByRole('button', { name: 'Check rows' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The file has 5,001 rows; at most 5,000 are taken at a time.' })).toBeVisible();
  await expect(page.getByTestId('batch-summary')).toHaveCount(0);
  expect((await standin.requests()).filter((r) => r.method === 'POST')).toEqual([]);
});
