// Prints every file of dist/ with its raw, gzip and brotli size (from the precompressed files
// beside it: what a static server sends; the .gz files are zopfli's, scripts/precompress.mjs), and
// its gzip -9 size (what a server that compresses as it sends would send at best), then the first download (what the browser fetches before the sign-in screen works:
// index.html, boot.js, the JS glue, the first wasm, the CSS, config.json) and the whole app, and
// checks both against their gzip budgets (bytes, from the environment): exits non-zero when over.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] || 'dist';
const budgets = { first: Number(process.env.BUDGET_FIRST_GZIP || 0), whole: Number(process.env.BUDGET_WHOLE_GZIP || 0) };
const files = (dir) => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? files(p) : [p];
}).filter((f) => !f.endsWith('.gz') && !f.endsWith('.br')).sort();
const size = (f) => { try { return statSync(f).size; } catch { return NaN; } };
// A file without a precompressed copy (config.json) goes out as it is.
const sent = (f, copy) => { const s = size(copy); return Number.isNaN(s) ? size(f) : s; };
const rows = files(dist).map((f) => ({
  name: relative(dist, f), raw: size(f), gz: sent(f, `${f}.gz`), br: sent(f, `${f}.br`),
  gz9: gzipSync(readFileSync(f), { level: 9 }).length,
}));
// Before the sign-in screen works: the page, its starter, the glue (and the chunk loader it
// imports, `wasm-split-<hash>/__wasm_split.js`), the main wasm, the stylesheet, the configuration.
// The chunks (`wasm-split-<hash>/*.wasm`) load later, when a screen behind the sign-in first shows.
const first = rows.filter((r) => /^(index\.html|boot\.js|config\.json)$/.test(r.name)
  || /\.(js|css)$/.test(r.name)
  || /^[^/]*_bg\.wasm$/.test(r.name));
const sum = (rs, k) => rs.reduce((n, r) => n + r[k], 0);
const line = (name, raw, gz, br, gz9) => console.log(`${name.padEnd(48)} ${[raw, gz, br, gz9].map((n) => String(n).padStart(10)).join(' ')}`);
line('file', 'raw B', 'gzip B', 'brotli B', 'gzip -9 B');
for (const r of rows) line(r.name, r.raw, r.gz, r.br, r.gz9);
const kib = (n) => `${(n / 1024).toFixed(1)}K`;
for (const [label, rs] of [['first download', first], ['whole app', rows]]) {
  line(label, sum(rs, 'raw'), sum(rs, 'gz'), sum(rs, 'br'), sum(rs, 'gz9'));
  line(`${label} (KiB)`, kib(sum(rs, 'raw')), kib(sum(rs, 'gz')), kib(sum(rs, 'br')), kib(sum(rs, 'gz9')));
}
let over = false;
for (const [label, rs, budget] of [['first download', first, budgets.first], ['whole app', rows, budgets.whole]]) {
  if (!budget) continue;
  const gz = sum(rs, 'gz');
  const verdict = gz <= budget ? 'within' : `OVER by ${gz - budget} B`;
  over ||= gz > budget;
  console.log(`budget, ${label}: ${gz} B gzip of ${budget} B: ${verdict}`);
}
process.exit(over ? 1 : 0);
