// Prints Playwright's JSON report of tests/e2e/faults.spec.js as screen × fault → pass/fail.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = new Map();
const walk = (suite) => {
  for (const s of suite.suites || []) walk(s);
  for (const spec of suite.specs || []) {
    const m = spec.title.match(/^fault matrix: (.+) × (.+)$/);
    if (!m) continue;
    const ok = spec.tests.every((t) => t.results.length && t.results.at(-1).status === 'passed');
    results.set(`${m[1]}|${m[2]}`, ok);
  }
};
for (const s of report.suites) walk(s);

const screens = [...new Set([...results.keys()].map((k) => k.split('|')[0]))];
const faults = [...new Set([...results.keys()].map((k) => k.split('|')[1]))];
const width = Math.max(...screens.map((s) => s.length)) + 2;
const cols = faults.map((f) => Math.max(f.length, 4) + 2);
const line = (first, cells) => first.padEnd(width) + cells.map((c, i) => c.padEnd(cols[i])).join('');
console.log(line('screen \\ fault', faults));
for (const s of screens) {
  console.log(line(s, faults.map((f) => (results.has(`${s}|${f}`) ? (results.get(`${s}|${f}`) ? 'pass' : 'FAIL') : '-'))));
}
const passed = [...results.values()].filter(Boolean).length;
console.log(`\n${passed} of ${results.size} passed, ${results.size - passed} failed`);
