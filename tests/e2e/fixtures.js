// Test fixtures: one stand-in per worker (API + the built dist/ under a sub-path), reset before
// each test; and helpers to sign in and read what the browser stored.
import { test as base, expect } from '@playwright/test';
import { parse as parseCsv } from 'csv-parse/sync';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const APP_PATH = '/portal/awork-admin/';
export const ADMIN_TOKEN = 'demo-admin-token';
export const MEMBER_TOKEN = 'demo-member-token';
// Lea Meyer, "Team Lead": may read roles and people, may change nothing.
export const VIEWER_TOKEN = 'demo-viewer-token';

class StandIn {
  constructor(proc, info) {
    this.proc = proc;
    this.api = info.api;
    this.app = info.app;
    this.portal = info.portal;
  }
  async control(method, route, body) {
    const res = await fetch(`${this.api}/__standin/${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`stand-in ${route}: ${res.status}`);
    return res.status === 204 ? null : res.json();
  }
  reset() { return this.control('POST', 'reset'); }
  faults(rules) { return this.control('POST', 'faults', rules); }
  requests() { return this.control('GET', 'requests'); }
  clearRequests() { return this.control('DELETE', 'requests'); }
  rateLimit(limit) { return this.control('POST', 'rate-limit', limit); }
  revoke(token) { return this.control('POST', 'revoke', { token }); }
  appConfig(config) { return this.control('POST', 'app-config', config); }
  // config.json as these fields (apiBaseUrl defaults to this stand-in).
  config(fields) {
    const defaults = { apiBaseUrl: `${this.api}/api/v1`, oauthAuthorizeUrl: `${this.api}/api/v1/accounts/authorize` };
    return this.appConfig({ mode: 'raw', body: JSON.stringify({ ...defaults, ...fields }) });
  }
  appHeaders(headers) { return this.control('POST', 'app-headers', headers); }
  oauth(settings) { return this.control('POST', 'oauth', settings); }
  seats(seats) { return this.control('POST', 'seats', { seats }); }
  // What the pages reported since the last reset (a stand-in started with --watch-pages).
  problems() { return this.control('GET', 'problems'); }
  get appOrigin() { return new URL(this.app).origin; }
  // awork's API as the admin sees it, to derive what the screens should show.
  async get(route) {
    const res = await fetch(`${this.api}/api/v1${route}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    return res.json();
  }
  // A change made at awork by the admin, as someone else (another tab, awork itself) would make it.
  async post(route, body) {
    const res = await fetch(`${this.api}/api/v1${route}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${route}: ${res.status}`);
    const text = await res.text();
    return text ? JSON.parse(text) : null;
  }
}

export function startStandIn(extra = []) {
  const bin = path.join(root, 'target/debug/awork-standin');
  const proc = spawn(bin, [
    '--api-addr', '127.0.0.1:0', '--app-addr', '127.0.0.1:0', '--portal-addr', '127.0.0.1:0',
    '--dist', path.join(root, 'dist'), '--app-path', APP_PATH, ...extra,
  ], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.on('error', reject);
    proc.on('exit', (code) => reject(new Error(`stand-in exited with ${code}: ${out}`)));
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('awork-standin ready '));
      if (line) resolve(new StandIn(proc, JSON.parse(line.slice('awork-standin ready '.length))));
    });
  });
}

export const test = base.extend({
  standinWorker: [async ({}, use) => {
    const s = await startStandIn();
    await use(s);
    s.proc.removeAllListeners('exit');
    s.proc.kill();
  }, { scope: 'worker' }],
  // A second stand-in whose role "Support Crowd" has 10,000 members, started only when asked for.
  bigStandinWorker: [async ({}, use) => {
    const s = await startStandIn(['--big-role', '10000']);
    await use(s);
    s.proc.removeAllListeners('exit');
    s.proc.kill();
  }, { scope: 'worker' }],
  bigStandin: async ({ bigStandinWorker }, use) => {
    await bigStandinWorker.reset();
    await use(bigStandinWorker);
  },
  standin: async ({ standinWorker }, use) => {
    await standinWorker.reset();
    await use(standinWorker);
  },
  // Console messages and page errors of the test's page, to assert on (no panics, no token).
  consoleLog: async ({ page }, use) => {
    const log = [];
    page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
    await use(log);
  },
});

export { expect };

/// The README's Content-Security-Policy for an app whose API (and images) are at `api`, framed by
/// `frameAncestors`.
export function csp({ api, frameAncestors, images }) {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    `connect-src 'self' ${api}`,
    ...(images ? [`img-src 'self' ${images}`] : []),
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

export async function signIn(page, standin, token = ADMIN_TOKEN) {
  await page.goto(standin.app);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/// What sessionStorage holds while `token` (an API key) is signed in to this stand-in's API.
export function apiKeySession(standin, token) {
  return { 'awork-admin.token': token, 'awork-admin.api': `${standin.api}/api/v1` };
}

export async function storage(page) {
  return page.evaluate(() => ({
    session: { ...sessionStorage },
    local: { ...localStorage },
    cookie: document.cookie,
    url: location.href,
  }));
}

/// Fails the test if the page panicked (a wasm panic kills the whole app).
export function expectNoPanic(consoleLog) {
  const bad = consoleLog.filter((l) => /panicked|pageerror|RuntimeError|unreachable/i.test(l));
  expect(bad, bad.join('\n')).toEqual([]);
}

/// Offers a role that no longer exists in the form's role picker and picks it, as if the role had
/// been removed after the page loaded; awork then answers 400 with a RoleId validation error.
export async function pickRemovedRole(page) {
  const gone = '00000000-0000-4000-8000-00000000dead';
  await page.getByLabel('Role').evaluate((select, value) => {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = 'Removed meanwhile';
    select.appendChild(o);
  }, gone);
  await page.getByLabel('Role').selectOption(gone);
}

/// A downloaded CSV file: its text, and its records as a real CSV reader (csv-parse) reads them.
export async function downloadedCsv(download) {
  const text = await readFile(await download.path(), 'utf8');
  return { text, records: parseCsv(text) };
}
