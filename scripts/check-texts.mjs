// Checks the built app against src/i18n.rs: no English text of GERMAN_SCREENS (the German the
// screens' chunk brings) may be in the main wasm. If one is, the first download uses it, and a
// German sign-in screen or header would show it in English until the chunk is there: move it to
// GERMAN. Exits non-zero and names the texts. Usage: node scripts/check-texts.mjs dist
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] || 'dist';
const source = readFileSync(new URL('../src/i18n.rs', import.meta.url), 'utf8');
const table = source.match(/static GERMAN_SCREENS: &\[\(&str, &str\)\] = &\[\n([\s\S]*?)\n\];/);
if (!table) {
  console.error('check-texts: GERMAN_SCREENS not found in src/i18n.rs');
  process.exit(1);
}
// Each entry is one line: ("English", "German"), with no escapes in the English text.
const english = [...table[1].matchAll(/^\s*\("((?:[^"\\]|\\.)*)",/gm)].map((m) => m[1]);
if (english.length < 100 || english.some((e) => e.includes('\\'))) {
  console.error(`check-texts: read ${english.length} texts of GERMAN_SCREENS, or one with an escape; fix this script`);
  process.exit(1);
}
const mains = readdirSync(dist).filter((f) => /_bg\.wasm$/.test(f));
if (mains.length !== 1) {
  console.error(`check-texts: expected one main wasm in ${dist}, found ${mains.join(', ') || 'none'}`);
  process.exit(1);
}
const wasm = readFileSync(join(dist, mains[0]));
const inMain = english.filter((e) => wasm.includes(Buffer.from(e, 'utf8')));
if (inMain.length > 0) {
  console.error(`check-texts: the first download uses these texts, so their German belongs in GERMAN, not GERMAN_SCREENS:\n${inMain.map((e) => `  ${JSON.stringify(e)}`).join('\n')}`);
  process.exit(1);
}
console.log(`check-texts: none of the ${english.length} texts of the screens' chunk is in the first download`);
