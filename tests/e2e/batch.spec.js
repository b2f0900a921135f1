// Inviting many at once: headless Chromium against the stand-in with its rate limiter.
import { test, expect, signIn, expectNoPanic, downloadedCsv } from './fixtures.js';

async function openBatch(page, standin) {
  await signIn(page, standin);
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await page.getByRole('link', { name: 'Invite many' }).click();
  await expect(page.getByRole('button', { name: 'Check rows' })).toBeEnabled();
}

const csv = (n, prefix = 'crowd') => ['email,firstName,lastName,role,teams',
  ...Array.from({ length: n }, (_, i) => `${prefix}.${i}@batch.example,Person,${i},Member,Design`)].join('\n');

const posts = async (standin) => (await standin.requests()).filter((r) => r.method === 'POST' && r.path === '/invitations');

test('rows are checked before anything is sent', async ({ page, standin }) => {
  await openBatch(page, standin);
  await page.getByLabel('Paste CSV').fill([
    'email,firstName,lastName,role,teams',
    'ok.one@batch.example,Ok,One,Member,Design;Sales',
    'not-an-email,Bad,Email,Member,',
    'ok.one@batch.example,Dup,Licate,Member,',
    'ghost@batch.example,No,Role,Astronaut,',
    'team@batch.example,No,Team,,Moon Base',
  ].join('\n'));
  await page.getByRole('button', { name: 'Check rows' }).click();
  await expect(page.getByTestId('batch-summary')).toHaveText('1 ready, 4 with problems');
  const result = (line) => page.locator(`tr[data-line="${line}"] .batch-result`);
  await expect(result(2)).toHaveText('Ready');
  await expect(result(3)).toHaveText('The email is not valid.');
  await expect(result(4)).toHaveText('The same email is on line 2.');
  await expect(result(5)).toHaveText('There is no role “Astronaut”.');
  await expect(result(6)).toHaveText('There is no team “Moon Base”.');
  expect(await posts(standin)).toHaveLength(0);
  await page.getByRole('button', { name: 'Send 1 invitations' }).click();
  await expect(result(2)).toHaveText(/^Invited · inv-/);
  const sent = await posts(standin);
  expect(sent).toHaveLength(1);
  expect(sent[0].body.teamIds).toEqual(['000000c3-0000-4000-8000-000000000001', '000000c3-0000-4000-8000-000000000004']);
});

test('a batch of 50 under a rate limit that forces 429s ends with 50 invited, none sent twice', async ({ page, standin, consoleLog }) => {
  test.setTimeout(60_000);
  await openBatch(page, standin);
  await standin.rateLimit({ perSecond: 10, perMinute: 1000 });
  // The app paces itself to the limit the headers tell; these 429s stand for other clients of the
  // workspace spending its quota, which no pacing can foresee.
  await standin.faults([{ kind: 'rateLimit', path: '/invitations', every: 12, times: 2, resetSeconds: 1 }]);
  await page.getByLabel('Paste CSV').fill(csv(50));
  await page.getByRole('button', { name: 'Check rows' }).click();
  await expect(page.getByTestId('batch-summary')).toHaveText('50 ready, 0 with problems');
  await page.getByRole('button', { name: 'Send 50 invitations' }).click();
  await expect(page.getByTestId('batch-progress')).toContainText('left');
  await expect(page.getByTestId('batch-progress')).toHaveText('50 of 50 sent · 50 invited · 0 failed', { timeout: 40_000 });
  await standin.rateLimit(null);
  const sent = await posts(standin);
  expect(sent.filter((r) => r.status === 429).length).toBeGreaterThan(0);
  const ok = sent.filter((r) => r.status === 200).map((r) => r.body.email);
  expect(ok).toHaveLength(50);
  expect(new Set(ok).size).toBe(50);
  const users = await standin.get('/users?pageSize=1000');
  expect(users.filter((u) => u.userContactInfos.some((c) => c.value?.endsWith('@batch.example')))).toHaveLength(50);
  expectNoPanic(consoleLog);
});

test('sending follows the limits the answers tell: 30 rows at 10 a second draw at most one 429', async ({ page, standin }) => {
  test.setTimeout(60_000);
  await openBatch(page, standin);
  await standin.rateLimit({ perSecond: 10, perMinute: 1000 });
  await page.getByLabel('Paste CSV').fill(csv(30, 'paced'));
  await page.getByRole('button', { name: 'Check rows' }).click();
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Send 30 invitations' }).click();
  await expect(page.getByTestId('batch-progress')).toHaveText('30 of 30 sent · 30 invited · 0 failed', { timeout: 30_000 });
  const took = Date.now() - t0;
  await standin.rateLimit(null);
  const sent = await posts(standin);
  expect(sent.filter((r) => r.status === 429).length).toBeLessThanOrEqual(1);
  expect(sent.filter((r) => r.status === 200)).toHaveLength(30);
  // 30 at 9 a second (one left to other clients) take a little over 3 s; without the headers'
  // limit they would have gone at 48 a second and drawn 429s.
  expect(took).toBeGreaterThan(2500);
});

test('cancel stops sending; retry sends only what was not invited; results download', async ({ page, standin }) => {
  test.setTimeout(60_000);
  await openBatch(page, standin);
  await standin.faults([{ kind: 'latency', path: '/invitations', ms: 300 }, { kind: 'error', path: '/invitations', every: 7, times: 1 }]);
  await page.getByLabel('Paste CSV').fill(csv(30, 'cancel'));
  await page.getByRole('button', { name: 'Check rows' }).click();
  await page.getByRole('button', { name: 'Send 30 invitations' }).click();
  await expect(page.getByTestId('batch-progress')).toContainText(/^([4-9]|1\d) of 30 sent/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: /^Retry \d+ failed or cancelled$/ })).toBeVisible();
  const firstRun = (await posts(standin)).filter((r) => r.status === 200).map((r) => r.body.email);
  expect(firstRun.length).toBeLessThan(30);
  await expect(page.locator('.batch-result', { hasText: 'Cancelled' }).first()).toBeVisible();
  await expect(page.locator('.batch-result', { hasText: /^Failed/ })).toHaveCount(1);

  await standin.faults([]);
  await page.getByRole('button', { name: /^Retry \d+ failed or cancelled$/ }).click();
  await expect(page.getByTestId('batch-progress')).toHaveText(/^\d+ of \d+ sent · \d+ invited · 0 failed$/, { timeout: 30_000 });
  const ok = (await posts(standin)).filter((r) => r.status === 200).map((r) => r.body.email);
  expect(ok).toHaveLength(30);
  expect(new Set(ok).size).toBe(30);
  for (const email of firstRun) expect(ok.filter((e) => e === email)).toHaveLength(1);

  // The file holds join codes, and the screen says so beside the button.
  await expect(page.getByRole('button', { name: 'Download results (CSV)' })).toHaveAccessibleDescription(/invitation codes.*24 hours/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download results (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('invitation-results.csv');
  const { records } = await downloadedCsv(download);
  expect(records).toHaveLength(31);
  expect(records.slice(1).every((r) => r[6] === 'invited' && r[7].startsWith('inv-'))).toBe(true);
});

test('leaving during a run asks first', async ({ page, standin }) => {
  await openBatch(page, standin);
  await standin.faults([{ kind: 'latency', path: '/invitations', ms: 400 }]);
  await page.getByLabel('Paste CSV').fill(csv(20, 'leave'));
  await page.getByRole('button', { name: 'Check rows' }).click();
  await page.getByRole('button', { name: 'Send 20 invitations' }).click();
  const questions = [];
  page.on('dialog', (d) => { questions.push(d.message()); d.dismiss(); });
  await page.getByRole('link', { name: 'Profile' }).click();
  await expect.poll(() => questions.length).toBe(1);
  expect(questions[0]).toContain('still being sent');
  await expect(page).toHaveURL(/#\/invite\/many$/);
  await expect(page.getByRole('heading', { name: 'Invite many at once' })).toBeVisible();
});

test('a CSV file can be uploaded instead of pasted', async ({ page, standin }) => {
  await openBatch(page, standin);
  await page.getByLabel('Or upload a CSV file').setInputFiles({
    name: 'people.csv', mimeType: 'text/csv',
    buffer: Buffer.from('email,firstName,lastName,role,teams\r\nup.one@batch.example,Up,One,Project Manager,Sales\r\nup.two@batch.example,Up,Two,,\r\n'),
  });
  await expect(page.getByLabel('Paste CSV')).toHaveValue(/up\.two@batch\.example/);
  await expect(page.getByTestId('batch-summary')).toHaveText('2 ready, 0 with problems');
  await page.getByRole('button', { name: 'Send 2 invitations' }).click();
  await expect(page.getByTestId('batch-progress')).toHaveText('2 of 2 sent · 2 invited · 0 failed');
  const sent = (await posts(standin)).map((r) => [r.body.email, r.body.roleId]);
  expect(sent.sort()).toEqual([
    ['up.one@batch.example', '000000b2-0000-4000-8000-000000000004'],
    ['up.two@batch.example', '000000b2-0000-4000-8000-000000000002'],
  ]);
});
