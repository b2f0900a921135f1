// One small interface over the ways this machine can drive a browser, so that one smoke suite
// (tests/engines/) and one benchmark (scripts/bench-engines.mjs) run in every engine:
// - firefox: Debian's Firefox ESR over WebDriver BiDi (puppeteer-core, no geckodriver);
// - webkit: WebKitGTK, Safari's engine, over classic WebDriver (selenium-webdriver talking to
//   Debian's WebKitWebDriver, which starts MiniBrowser --automation under xvfb-run);
// - chromium: Debian's Chromium over CDP (puppeteer-core), for comparison in the benchmark.
// Nothing here downloads a browser or a driver: the binaries come from scripts/setup.sh. What went
// wrong in the pages is not collected here but by the stand-in (--watch-pages), the same way for
// every engine.
//
// Elements are found by what a user reads (label, button text) with `locate`, run in the page; a
// step waits until its element is there, visible and enabled, and starts again if the page
// replaced the element meanwhile.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';
import { Builder } from 'selenium-webdriver';

export const ENGINES = ['firefox', 'webkit', 'chromium'];
export const VIEWPORT = { width: 1280, height: 860 };
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
/** Debian's MiniBrowser, under /usr/lib/<multiarch>/webkit2gtk-4.1/. */
const minibrowser = () => process.env.MINIBROWSER
  || readdirSync('/usr/lib').map((d) => `/usr/lib/${d}/webkit2gtk-4.1/MiniBrowser`).find(existsSync)
  || 'MiniBrowser';

/** Finds the first visible element a query names, in the page: `css` narrows, `label` is a form
 * control's label as a screen reader reads it (or its aria-label), `name` an element's name
 * (aria-label, else its text), `text` a part of its text; `enabled` leaves out disabled controls.
 * Null when there is none. */
export function locate(q) {
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const visible = (e) => e.getClientRects().length > 0;
  let els;
  if (q.label !== undefined) {
    // A label without what is hidden from a screen reader or the control inside it.
    const spoken = (l) => {
      const c = l.cloneNode(true);
      c.querySelectorAll('[aria-hidden="true"], select, input, textarea').forEach((e) => e.remove());
      return norm(c.textContent);
    };
    const labelled = [...document.querySelectorAll('label')].filter((l) => spoken(l) === q.label).map((l) => l.control);
    const named = [...document.querySelectorAll('[aria-label]')].filter((e) => e.getAttribute('aria-label') === q.label);
    els = [...labelled, ...named].filter((e) => e && (!q.css || e.matches(q.css)));
  } else {
    els = [...document.querySelectorAll(q.css || '*')];
  }
  if (q.name !== undefined) els = els.filter((e) => (e.getAttribute('aria-label') ?? norm(e.textContent)) === q.name);
  if (q.text !== undefined) els = els.filter((e) => norm(e.textContent).includes(q.text));
  if (q.enabled) els = els.filter((e) => !e.disabled && !e.closest('fieldset:disabled'));
  return els.find(visible) ?? null;
}

/** In the page: the text (spaces collapsed) of what `q` locates, or one of its properties
 * (`value`, `checked`); null when nothing is there. */
const READ = new Function('q', 'prop', `const locate = ${locate};
  const e = locate(q);
  if (!e) return null;
  return prop ? e[prop] : e.textContent.replace(/\\s+/g, ' ').trim();`);

/** Installed before the app loads: when `selector` first matched, in ms since navigation start;
 * `__seenLate` when it already matched as the observer came in. */
export function firstSeen(selector) {
  const look = () => {
    if (window.__firstSeen === undefined && document.querySelector(selector)) window.__firstSeen = performance.now();
  };
  look();
  window.__seenLate = window.__firstSeen !== undefined;
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true });
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** An error that ends a wait at once instead of being tried again. */
const fatal = (e) => Object.assign(e instanceof Error ? e : new Error(String(e)), { fatal: true });

/** How long one look may take before it is given up and asked again. WebKit's driver, about once
 * in 20 runs of the People test, gave no answer to the script looking for the dialog its "Manage"
 * click had opened; a look that hangs is asked again rather than waited for until the test ends
 * (if the page itself hung, the next look hangs too and the test fails all the same). Only looks
 * are asked again, never an action. */
const LOOK_MS = 3000;

/** Polls `probe` until it gives something truthy, each probe bounded by `look` and by what is left
 * of `timeout`. A probe that throws (a page between two documents, an element replaced) is asked
 * again unless the error is `fatal`; the last error is in the timeout's message. */
export async function waitFor(what, probe, timeout = 10_000, every = 50, look = LOOK_MS) {
  const end = Date.now() + timeout;
  let last = '';
  for (;;) {
    let timer;
    const bound = Math.max(Math.min(end - Date.now(), look), 1);
    const left = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${bound} ms`)), bound); });
    try {
      const v = await Promise.race([probe(), left]);
      if (v) return v;
    } catch (e) {
      if (e.fatal) throw e;
      last = ` (last error: ${e.message ?? e})`;
    } finally {
      clearTimeout(timer);
    }
    if (Date.now() >= end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

const describe = (q) => JSON.stringify(q);

/** Locates the enabled element `q` names (with the driver's `element`) and acts on it once; again,
 * up to three times, if `gone(error)` says the page replaced the element meanwhile. `release`
 * frees the driver's handle. */
async function actOn(q, element, gone, action, release = async () => {}) {
  for (let attempt = 1; ; attempt++) {
    const el = await waitFor(describe(q), () => element({ ...q, enabled: true }));
    try {
      return await action(el);
    } catch (e) {
      if (!gone(e) || attempt === 3) throw e;
    } finally {
      await release(el).catch(() => {});
    }
  }
}

/** A browser of one engine: `open()` gives a fresh, isolated tab (its own storage). */
export async function launch(engine) {
  if (engine === 'firefox') return launchPuppeteer(engine, { browser: 'firefox', executablePath: FIREFOX, headless: true });
  if (engine === 'chromium') {
    return launchPuppeteer(engine, {
      browser: 'chrome', executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
    });
  }
  if (engine === 'webkit') return launchWebKit();
  throw new Error(`unknown engine ${engine}`);
}

// ---- puppeteer-core (Firefox over BiDi, Chromium over CDP) ----

async function launchPuppeteer(engine, options) {
  const browser = await puppeteer.launch(options);
  const version = (await browser.version()).replace(/^[^/]*\//, '');
  return {
    engine,
    version,
    async open() {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport(VIEWPORT);
      return { ...puppeteerTab(context, page), close: () => context.close() };
    },
    close: () => browser.close(),
  };
}

/** Whether puppeteer gave up on an element because the page replaced it. */
const replaced = (e) => /detached|not attached|context was destroyed|no such node/i.test(e.message ?? '');

function puppeteerTab(context, page) {
  const scope = (frameOf) => {
    const target = async () => (frameOf ? frameOf() : page);
    const element = async (q) => {
      const h = await (await target()).evaluateHandle(locate, q);
      const el = h.asElement();
      if (!el) await h.dispose();
      return el;
    };
    const act = (q, action) => actOn(q, element, replaced, action, (el) => el.dispose());
    return {
      evaluate: async (fn, arg) => (await target()).evaluate(fn, arg),
      read: async (q, prop) => (await target()).evaluate(READ, q, prop ?? null),
      find: (q, timeout) => waitFor(describe(q), async () => {
        const el = await element(q);
        await el?.dispose();
        return Boolean(el);
      }, timeout),
      click: (q) => act(q, (el) => el.click()),
      fill: (q, text) => act(q, async (el) => {
        await el.evaluate((e) => { e.focus(); e.select(); });
        await el.type(text);
      }),
      select: (q, value) => act(q, async (el) => {
        const chosen = await el.select(value);
        if (!chosen.includes(value)) throw new Error(`${describe(q)} has no option ${value}`);
      }),
      frame(css) {
        return scope(async () => {
          const el = await element({ css });
          if (!el) throw new Error(`no frame ${css}`);
          const f = await el.contentFrame();
          await el.dispose();
          return f;
        });
      },
    };
  };
  const here = scope(null);
  return {
    ...here,
    goto: (url) => page.goto(url),
    reload: () => page.reload(),
    url: () => here.evaluate(() => location.href),
    /** Runs `action`, and returns the window it opened. */
    async popup(action) {
      // Over BiDi, Firefox's window.open from a frame fires no "popup" event: look for the page.
      const before = new Set(await context.pages());
      await action();
      const p = await waitFor('a new window', async () => (await context.pages()).find((x) => !before.has(x)));
      return {
        ...puppeteerTab(context, p),
        closed: () => waitFor('the window to close', async () => p.isClosed() || !(await context.pages()).includes(p)),
      };
    },
    async timeToSelector(url, selector) {
      await page.evaluateOnNewDocument(firstSeen, selector);
      await page.goto(url);
      return page.waitForFunction(() => window.__firstSeen !== undefined && [window.__firstSeen, window.__seenLate])
        .then((h) => h.jsonValue());
    },
  };
}

// ---- selenium-webdriver + WebKitWebDriver (WebKitGTK) ----

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

/** Ends a process group: politely first, so Xvfb removes its lock file. */
function stopGroup(pid) {
  try { process.kill(-pid, 'SIGTERM'); } catch { return; }
  setTimeout(() => { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } }, 2000).unref();
}

/** WebKitWebDriver on a free loopback port, under its own X server (xvfb-run -a), in a process
 * group of its own that goes when this process does. The X server runs with -noreset: by default
 * Xvfb resets when its last client goes, and a MiniBrowser starting for the next test during that
 * reset "cannot open display" (then the driver waits for it forever; seen 1 test in 20). */
async function startWebKitDriver() {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const proc = spawn('xvfb-run', ['-a', '-s', '-screen 0 1600x1200x24 -noreset', WEBKIT_DRIVER, `--port=${port}`, '--host=local'], {
      stdio: ['ignore', 'ignore', 'pipe'], detached: true,
    });
    let stderr = '';
    proc.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-4000);
      if (process.env.DEBUG_ENGINES) process.stderr.write(`[WebKitWebDriver] ${d}`);
    });
    let exited = false;
    proc.on('exit', () => { exited = true; });
    const onExit = () => stopGroup(proc.pid);
    process.on('exit', onExit);
    const stop = () => { process.off('exit', onExit); stopGroup(proc.pid); };
    const url = `http://127.0.0.1:${port}`;
    const up = await waitFor('WebKitWebDriver', async () => exited || fetch(`${url}/status`).then((r) => r.ok, () => false), 15_000)
      .catch(() => false);
    // A driver that could not have the port exits soon after Xvfb is up: look again a little later.
    if (up && !exited) await new Promise((r) => setTimeout(r, 200));
    if (up && !exited) return { url, stop };
    stop();
    if (attempt === 3) throw new Error(`WebKitWebDriver did not start: ${stderr}`);
  }
}

async function launchWebKit() {
  const server = await startWebKitDriver();
  const capabilities = (pageLoadStrategy) => ({
    browserName: 'MiniBrowser',
    pageLoadStrategy,
    'webkitgtk:browserOptions': { binary: minibrowser(), args: ['--automation'] },
  });
  const session = (strategy = 'normal') => new Builder().usingServer(server.url).withCapabilities(capabilities(strategy)).build();
  let version;
  try {
    const probe = await session();
    version = (await probe.getCapabilities()).get('browserVersion');
    await probe.quit();
  } catch (e) {
    server.stop();
    throw e;
  }
  return {
    engine: 'webkit',
    version,
    /** `strategy` "none" returns from navigations at once (for the benchmark). */
    async open(strategy) {
      // The driver waits for a MiniBrowser that never came up for ever: not this long.
      const driver = await waitFor('a new WebKit session (MiniBrowser)', () => session(strategy).catch((e) => { throw fatal(e); }), 20_000, 50, 20_000);
      await driver.manage().window().setRect(VIEWPORT);
      return { ...webkitTab(driver, { current: null }, await driver.getWindowHandle()), close: () => driver.quit() };
    },
    close: async () => server.stop(),
  };
}

/** Whether WebDriver gave up on an element because the page replaced it. */
const stale = (e) => e.name === 'StaleElementReferenceError';

/** A window (and maybe a frame in it) of a WebKit session. Classic WebDriver has one current
 * window and frame per session: each step switches to this tab's first. */
function webkitTab(driver, state, handle, frameCss = null) {
  const ctx = async () => {
    const key = `${handle}|${frameCss}`;
    if (state.current === key) return;
    state.current = null;
    await driver.switchTo().window(handle);
    if (frameCss) {
      const el = await driver.executeScript('return document.querySelector(arguments[0])', frameCss);
      if (!el) throw new Error(`no frame ${frameCss}`);
      await driver.switchTo().frame(el);
    }
    state.current = key;
  };
  const script = async (src, ...args) => {
    await ctx();
    try {
      return await driver.executeScript(src, ...args);
    } catch (e) {
      state.current = null;
      throw e;
    }
  };
  const element = (q) => script(`return (${locate})(arguments[0])`, q);
  const act = (q, action) => actOn(q, element, stale, action);
  return {
    evaluate: (fn, arg) => script(`return (${fn})(arguments[0])`, arg),
    read: (q, prop) => script(`return (${READ})(arguments[0], arguments[1])`, q, prop ?? null),
    find: (q, timeout) => waitFor(describe(q), async () => Boolean(await element(q)), timeout),
    click: (q) => act(q, async (el) => {
      try {
        await el.click();
      } catch (e) {
        // The click made its window close (the OAuth window's "Allow"): it was delivered.
        if (e.name !== 'NoSuchWindowError') throw e;
      }
    }),
    fill: (q, text) => act(q, async (el) => { await el.clear(); await el.sendKeys(text); }),
    select: (q, value) => act(q, async (el) => {
      const option = await driver.executeScript('return [...arguments[0].options].find((o) => o.value === arguments[1]) ?? null', el, value);
      if (!option) throw new Error(`${describe(q)} has no option ${value}`);
      await option.click();
    }),
    frame: (css) => webkitTab(driver, state, handle, css),
    async goto(url) { await ctx(); await driver.get(url); state.current = null; },
    async reload() { await ctx(); await driver.navigate().refresh(); state.current = null; },
    url: () => script('return location.href'),
    async popup(action) {
      await ctx();
      const before = await driver.getAllWindowHandles();
      await action();
      const opened = await waitFor('a new window', async () => (await driver.getAllWindowHandles()).find((h) => !before.includes(h)));
      return {
        ...webkitTab(driver, state, opened),
        closed: () => waitFor('the window to close', async () => !(await driver.getAllWindowHandles()).includes(opened)),
      };
    },
    async timeToSelector(url, selector) {
      // Classic WebDriver has no script that runs before the page's own: with the "none" page load
      // strategy, the observer goes in as soon as the new document is there, polled every 2 ms
      // (__seenLate tells when it came in too late all the same).
      await driver.get(url);
      await waitFor('the new document', () => driver.executeScript(
        `if (location.href !== arguments[0] || !document.documentElement) return false;
         if (!window.__observing) { window.__observing = true; (${firstSeen})(arguments[1]); }
         return true;`, url, selector), 10_000, 2);
      return waitFor(selector, () => driver.executeScript('return window.__firstSeen !== undefined && [window.__firstSeen, window.__seenLate]'));
    },
  };
}
