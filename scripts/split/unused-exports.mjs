// Drops the JS classes that wasm-bindgen writes for wasm-streams' exported types
// (IntoUnderlyingSource, IntoUnderlyingByteSource, IntoUnderlyingSink) from the JS glue, so that
// their wasm exports can go too (scripts/split/wasm-bindgen removes those with wasm-opt, and
// Trunk's wasm-opt then drops the code behind them: 4 KB of the main wasm, 1.3 KB gzip, and 1.5 KB
// of glue).
//
// Why they are there at all: Leptos always builds server_fn with its "browser" feature, which
// brings wasm-streams, whose `#[wasm_bindgen]` types are exported from every wasm that links it,
// used or not. This app has no server functions, and nothing in it makes these objects: a type
// that Rust hands to JS gets a `__wrap` in the glue and an import that calls it, and the check
// below refuses to drop anything the rest of the glue mentions. wasm-bindgen is pinned
// (Cargo.toml), so the glue's shape is known; if it changes, this fails the build rather than
// guess.
//
//   node scripts/split/unused-exports.mjs <glue.js>
import { readFileSync, writeFileSync } from 'node:fs';

const CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];
const fail = (message) => {
  console.error(`unused-exports: ${message}`);
  process.exit(1);
};

const file = process.argv[2];
if (!file) fail('usage: unused-exports.mjs <glue.js>');
let text = readFileSync(file, 'utf8');
if (!CLASSES.some((c) => text.includes(`export class ${c} {`))) process.exit(0); // nothing to drop

/** Removes exactly one match of `pattern` (a RegExp with the `m` flag), or fails. */
function cut(pattern, what) {
  const found = text.match(pattern);
  if (!found) fail(`${file}: ${what} not found`);
  text = text.slice(0, found.index) + text.slice(found.index + found[0].length);
}

for (const c of CLASSES) {
  // The class runs from its first line to the next line that is a lone closing brace.
  cut(new RegExp(`^export class ${c} \\{\\n[\\s\\S]*?^\\}\\n`, 'm'), `class ${c}`);
  cut(new RegExp(`^if \\(Symbol\\.dispose\\) ${c}\\.prototype\\[Symbol\\.dispose\\] = ${c}\\.prototype\\.free;\\n`, 'm'),
    `${c}'s dispose line`);
  cut(new RegExp(`^const ${c}Finalization = [\\s\\S]*?\\);\\n`, 'm'), `${c}Finalization`);
}
const left = text.match(/intounderlying/i);
if (left) fail(`${file} still mentions ${left[0]} after the classes were dropped: something uses them`);
writeFileSync(file, text);
