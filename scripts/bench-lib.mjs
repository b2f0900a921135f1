// What the benchmark scripts share: the browser, the stand-in's control endpoints, a session in the
// tab, a row observer, medians and the fastest a rate limit allows.
import { chromium } from 'playwright-core';

/** Debian's Chromium (or $CHROMIUM), headless, with background chatter off. */
export const launchChromium = (extraArgs = []) => chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync', ...extraArgs],
});

/** `control(method, route, body?)` against the stand-in's `/__standin/…`; null for a 204. */
export const standinControl = (standinApi) => async (method, route, body) => {
  const r = await fetch(`${standinApi}/__standin/${route}`, {
    method, headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return r.status === 204 ? null : r.json();
};

/** A session in the tab before the app starts, as after the sign-in screen: a token for this API. */
export const signIn = (page, standinApi, token = 'demo-admin-token') =>
  page.addInitScript(([t, api]) => {
    sessionStorage.setItem('awork-admin.token', t);
    sessionStorage.setItem('awork-admin.api', api);
  }, [token, `${standinApi}/api/v1`]);

/** Installed before the app loads (`page.addInitScript(rowObserver, selector)`): in `window.__bench`,
 * when the first row and the list's "done" state appear, the most rows in the DOM at a time, and
 * the last click. */
export const rowObserver = (selector) => {
  window.__bench = { firstRow: null, done: null, maxRows: 0, clickAt: null };
  addEventListener('click', () => { window.__bench.clickAt = performance.now(); }, true);
  new MutationObserver(() => {
    const rows = document.querySelectorAll(selector).length;
    const b = window.__bench;
    if (rows > b.maxRows) b.maxRows = rows;
    if (rows > 0 && b.firstRow === null) b.firstRow = performance.now();
    if (b.done === null && document.querySelector('.member-list[data-state="done"]')) b.done = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
};

/** Installed before the app loads (`page.addInitScript(firstSeen, { name: selector, … })`): in
 * `window.__seen`, when each selector first matched (ms since navigation start). */
export const firstSeen = (wanted) => {
  window.__seen = {};
  new MutationObserver(() => {
    for (const [k, sel] of Object.entries(wanted)) {
      if (window.__seen[k] === undefined && document.querySelector(sel)) window.__seen[k] = performance.now();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
};

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The earliest the last of n requests can arrive after the first under fixed windows, the first
 * arriving `phaseMs` into both its second and its minute window: each request goes at the first
 * moment its second window has room for perSecond and its minute window for perMinute. */
export function floorSecs(n, { perSecond, perMinute, phaseMs = 0 }) {
  let t = phaseMs;
  let second = [-1, 0];
  let minute = [-1, 0];
  for (let i = 0; i < n; i += 1) {
    for (;;) {
      const s = Math.floor(t / 1000);
      const m = Math.floor(t / 60_000);
      if (second[0] !== s) second = [s, 0];
      if (minute[0] !== m) minute = [m, 0];
      if (minute[1] >= perMinute) t = (m + 1) * 60_000;
      else if (second[1] >= perSecond) t = (s + 1) * 1000;
      else { second[1] += 1; minute[1] += 1; break; }
    }
  }
  return (t - phaseMs) / 1000;
}
