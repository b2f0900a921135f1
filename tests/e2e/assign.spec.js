// Assigning a person to a task by email, with the task picker: headless Chromium, stand-in.
import { test, expect, signIn, expectNoPanic, pickRemovedRole } from './fixtures.js';

const MEMBER_ROLE = '000000b2-0000-4000-8000-000000000002';
const PM_ROLE = '000000b2-0000-4000-8000-000000000004';
const email = (page) => page.getByRole('textbox', { name: 'Email', exact: true });
const taskBox = (page) => page.getByRole('combobox', { name: 'Task' });
const taskOptions = (page) => page.getByRole('listbox', { name: 'Matching tasks' }).getByRole('option');
const assigned = async (standin) => (await standin.requests()).filter((r) => r.method === 'POST' && r.path === '/tasks/assignuserbyemail');

async function openAssign(page, standin) {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await page.getByRole('link', { name: 'Assign by email' }).click();
  await expect(page.getByLabel('Role')).toHaveValue(MEMBER_ROLE);
}

test('a task key finds the task, and assigning sends its id with the documented fields', async ({ page, standin, consoleLog }) => {
  await openAssign(page, standin);
  const task = await standin.get('/tasks/key/ACME-12');
  await standin.clearRequests();
  await taskBox(page).fill('acme-12');
  const option = taskOptions(page);
  await expect(option).toHaveCount(1);
  await expect(option).toContainText(task.name);
  await expect(option).toContainText('ACME-12 · Acme Website Relaunch');
  await taskBox(page).press('Enter');
  await expect(page.getByTestId('chosen-task')).toContainText(task.name);
  await email(page).fill('helper@studio.example');
  await page.getByLabel('Role').selectOption(PM_ROLE);
  await page.getByLabel('First name').fill('Hel');
  await page.getByLabel('Gender').selectOption('other');
  await page.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByTestId('assigned')).toContainText(`helper@studio.example is assigned to “${task.name}”`);
  const sent = await assigned(standin);
  expect(sent).toHaveLength(1);
  expect(sent[0].body).toEqual({ taskId: task.id, email: 'helper@studio.example', roleId: PM_ROLE, firstName: 'Hel', gender: 'other' });
  expect(sent[0].status).toBe(200);
  const lookups = (await standin.requests()).filter((r) => r.path.startsWith('/tasks/key/'));
  expect(lookups.map((r) => r.path)).toEqual(['/tasks/key/ACME-12']);
  expectNoPanic(consoleLog);
});

test('words search task names, debounced, and the newest answer wins', async ({ page, standin }) => {
  await openAssign(page, standin);
  await standin.clearRequests();
  // A slow first answer must not replace the answer to what was typed last.
  await standin.faults([{ kind: 'latency', path: '/me/allavailabletasks', ms: 1200, times: 1 }]);
  await taskBox(page).fill('review');
  await page.waitForTimeout(400);
  await taskBox(page).pressSequentially(' wire', { delay: 20 });
  const options = taskOptions(page);
  await expect(options.first()).toContainText('Review wireframes');
  await page.waitForTimeout(1200);
  const names = await options.locator('strong').allTextContents();
  expect(names.length).toBeGreaterThan(0);
  expect(names.every((n) => n.toLowerCase().includes('review wire'))).toBe(true);
  const searches = (await standin.requests()).filter((r) => r.path === '/me/allavailabletasks');
  expect(searches.length).toBeLessThanOrEqual(3);
  // The log is written as answers complete: the slow, stale search for "review" ends last.
  expect(searches.map((r) => new URLSearchParams(r.query).get('filterby'))).toContain("substringof('review wire',tolower(name))");
  await taskBox(page).press('ArrowDown');
  await taskBox(page).press('Enter');
  await expect(page.getByTestId('chosen-task')).toContainText('Review wireframes');
});

test('a pasted task id works, and an unknown key says so', async ({ page, standin }) => {
  await openAssign(page, standin);
  const task = await standin.get('/tasks/key/BRND-3');
  await taskBox(page).fill(task.id);
  await expect(taskOptions(page)).toHaveCount(1);
  await expect(taskOptions(page)).toContainText(task.name);
  await taskBox(page).fill('ACME-999');
  await expect(page.getByText('No task has the key ACME-999.')).toBeVisible();
});

test('an exact task key or id is the task: Assign needs no pick from the list', async ({ page, standin }) => {
  await openAssign(page, standin);
  const task = await standin.get('/tasks/key/ACME-7');
  await taskBox(page).fill('ACME-7');
  await expect(taskOptions(page)).toHaveCount(1);
  await email(page).fill('by.key@studio.example');
  await page.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByTestId('assigned')).toContainText(`by.key@studio.example is assigned to “${task.name}”`);
  await expect(page.locator('[data-field="task"]')).toHaveText('');
  await taskBox(page).fill(task.id);
  await expect(taskOptions(page)).toHaveCount(1);
  await email(page).fill('by.id@studio.example');
  await page.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByTestId('assigned')).toContainText('by.id@studio.example');
  expect((await assigned(standin)).map((r) => [r.body.taskId, r.body.email])).toEqual([
    [task.id, 'by.key@studio.example'], [task.id, 'by.id@studio.example'],
  ]);
  // Words still need a pick, and the message does not quote another workspace's keys.
  await taskBox(page).fill('design');
  await expect(taskOptions(page).first()).toBeVisible();
  await email(page).fill('by.words@studio.example');
  await page.getByRole('button', { name: 'Assign' }).click();
  await expect(page.locator('[data-field="task"]')).toContainText('Choose the task');
  await expect(page.locator('[data-field="task"]')).not.toContainText('ACME');
});

test('task, email and role are required; errors keep what was typed', async ({ page, standin }) => {
  await openAssign(page, standin);
  await email(page).fill('not-an-email');
  await page.getByLabel('Last name').fill('Kept');
  await page.getByRole('button', { name: 'Assign' }).click();
  await expect(page.locator('[data-field="task"]')).toContainText('Choose the task');
  await expect(page.locator('[data-field="email"]')).toContainText('not a valid email address');
  await expect(page.getByLabel('Last name')).toHaveValue('Kept');
  expect(await assigned(standin)).toHaveLength(0);
});

test('a 400 from awork lands beside the field; a double click sends once', async ({ page, standin }) => {
  await openAssign(page, standin);
  await taskBox(page).fill('ACME-3');
  await taskOptions(page).first().click();
  await email(page).fill('twice@studio.example');
  await pickRemovedRole(page);
  await standin.faults([{ kind: 'latency', path: '/tasks/assignuserbyemail', ms: 600 }]);
  await page.getByRole('button', { name: 'Assign' }).dblclick();
  await expect(page.locator('[data-field="role"]')).toHaveText('The role does not exist.');
  expect(await assigned(standin)).toHaveLength(1);
  await expect(email(page)).toHaveValue('twice@studio.example');
  await expect(page.getByTestId('chosen-task')).toBeVisible();
});
