// Exports stay inert in every spreadsheet: a member who writes formulas into their own name or
// position (behind a `;`, a tab or a `|`, where a spreadsheet of another locale starts a new cell)
// sends no live formula to the admin who opens the file. Each file is read back as such a
// spreadsheet would read it, and through a real CSV reader, which gets every value back but for
// the defusing.
import { parse as parseCsv } from 'csv-parse/sync';
import { test, expect, signIn, downloadedCsv } from './fixtures.js';

const PAYLOAD = 'Dev;=1+1;|@SUM(1)\t-2,+3 "=4"\r\n=HYPERLINK("http://evil.example")';
const ADMIN_ROLE = '000000b2-0000-4000-8000-000000000001';
const SALES = '000000c3-0000-4000-8000-000000000004';
const TRIGGER = /^[=+\-@\t\r]/;

/// The cells a spreadsheet could make of `text` when it splits on `sep`: naively (quotes or not),
/// and as CSV with that separator; each with what readers drop before a cell's first character.
function cells(text, sep) {
  const naive = text.split(new RegExp(`[${sep === '|' ? '\\|' : sep}\\r\\n]`));
  const csv = parseCsv(text, { delimiter: sep, relax_quotes: true, relax_column_count: true }).flat();
  return [...naive, ...csv].map((c) => c.replace(/^(\r\n)?[ \0\n"]*/, ''));
}

function expectInert(text, what) {
  for (const sep of [',', ';', '\t', '|']) {
    const live = cells(text, sep).filter((c) => TRIGGER.test(c));
    expect(live, `${what}, split on ${JSON.stringify(sep)}`).toEqual([]);
  }
}

/// A value read back is the value written, but for the apostrophes that defuse it.
const same = (read, written) => expect(read.replaceAll("'", '')).toBe(written.replaceAll("'", ''));

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return downloadedCsv(file);
}

test('the people, role member and bulk result exports carry no live formula in any locale', async ({ page, standin }) => {
  await standin.control('POST', 'seed-payloads', { payload: PAYLOAD });
  const users = await standin.get('/users?pageSize=1000');
  await signIn(page, standin);
  await expect(page.getByTestId('signed-in-user')).toBeVisible();

  await page.goto(`${standin.app}#/people?q=clara`);
  await expect(page.locator('.member-list')).toHaveAttribute('data-state', 'done');
  const n = Number(await page.locator('.member-list').getAttribute('aria-rowcount'));
  await page.getByLabel(`Select all ${n} shown`).check();
  await page.getByLabel('Change for the selected').selectOption('add-team');
  await page.getByLabel('Team', { exact: true }).last().selectOption(SALES);
  await page.getByRole('button', { name: `Apply to ${n} people` }).click();
  await expect(page.getByTestId('bulk-progress')).toHaveText(/^(\d+) of \1 done/);
  const results = await download(page, 'Download results (CSV)');
  expectInert(results.text, 'bulk results');
  expect(results.records.slice(1).every((r) => r[0].startsWith("Dev;'="))).toBe(true);

  await page.goto(`${standin.app}#/people?status=active`);
  await expect(page.locator('.member-list')).toHaveAttribute('data-state', 'done');
  const people = await download(page, 'Export CSV');
  expectInert(people.text, 'people.csv');
  expect(people.records.length).toBeGreaterThan(10);
  for (const r of people.records.slice(1)) {
    same(r[2], PAYLOAD);
    const u = users.find((x) => x.userContactInfos.some((c) => c.value === r[1]));
    same(r[0], `${u.firstName} ${u.lastName}`);
  }
  // Team names are joined with "; " (the Claras are in two teams now): each stays inert.
  expect(people.records.some((r) => r[4].includes('; '))).toBe(true);

  await page.goto(`${standin.app}#/roles/${ADMIN_ROLE}`);
  await expect(page.locator('.member-list')).toHaveAttribute('data-state', 'done');
  const members = await download(page, 'Export CSV');
  expectInert(members.text, 'role members');
  for (const r of members.records.slice(1)) same(r[2], PAYLOAD);
});
