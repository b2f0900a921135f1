// Navigation → an interactive sign-in screen (the API token field there and enabled), in each
// engine the smoke suite drives: Firefox ESR, WebKitGTK, and Chromium beside them, each through its
// own driver (tests/engines/drivers.js). Every figure is the median of RUNS (default 10) runs, each
// in a fresh tab of its own (cold caches), measured in the page as ms since navigation start by an
// observer that must be in before the field appears (runs where it was not are repeated). Run
// through scripts/bench-engines.sh; it prints, it asserts nothing.
import { ENGINES, launch, median } from '../tests/engines/drivers.js';

const [appUrl] = process.argv.slice(2);
const RUNS = Number(process.env.RUNS || 10);
const engines = process.env.ENGINES ? process.env.ENGINES.split(',') : ENGINES;
const SIGN_IN = '#token:not([disabled])';

console.log(`navigation → interactive sign-in screen, median of ${RUNS} cold runs (ms)`);
for (const engine of engines) {
  const browser = await launch(engine);
  const times = [];
  let late = 0;
  while (times.length < RUNS && late < 3 * RUNS) {
    const tab = await browser.open('none');
    const [ms, wasLate] = await tab.timeToSelector(appUrl, SIGN_IN);
    // The observer came in after the field was there (WebKit's driver can run no script before the
    // page's own): not a measurement, so the run is repeated.
    if (wasLate) late += 1;
    else times.push(ms);
    await tab.close();
  }
  await browser.close();
  if (times.length < RUNS) throw new Error(`${engine}: only ${times.length} runs could be measured`);
  const sorted = [...times].sort((a, b) => a - b);
  const note = late ? `  (${late} runs repeated: the observer came in after the field was there)` : '';
  console.log(`${`${engine} ${browser.version}`.padEnd(24)} median ${median(times).toFixed(0).padStart(5)}   min ${sorted[0].toFixed(0).padStart(5)}   max ${sorted.at(-1).toFixed(0).padStart(5)}${note}`);
}
