// Trunk post_build hook: brings the wasm chunks into the staged dist/. scripts/split/wasm-bindgen
// left them in `<target>/wasm-bindgen/<profile>/wasm-split-<hash>/` and made the glue import
// `./wasm-split-<hash>/__wasm_split.js`; this copies that directory beside the glue, points the
// loader's import of the glue (`../<name>.js`) at the glue's hashed name, has the loader compile
// the chunks early when there is a session in the tab, and preloads the loader.
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const fail = (message) => {
  console.error(`wasm-split: ${message}`);
  process.exit(1);
};
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail('TRUNK_STAGING_DIR is not set (run as a Trunk hook)');

const glues = readdirSync(staging).filter((f) => /^awork-admin-[0-9a-f]+\.js$/.test(f));
if (glues.length !== 1) fail(`expected one hashed glue in ${staging}, found ${glues.join(', ') || 'none'}`);
const [glue] = glues;
const code = readFileSync(join(staging, glue), 'utf8');
if (code.includes('__wasm_split_placeholder__')) {
  fail('the wasm has split points but was not split: build with `source scripts/env.sh && build_dist`');
}
const found = code.match(/"\.\/(wasm-split-[0-9a-f]{16})\/__wasm_split\.js"/);
if (!found) process.exit(0); // no split points: one wasm file, nothing to copy

const dir = found[1];
const target = process.env.CARGO_TARGET_DIR || join(process.env.TRUNK_SOURCE_DIR || '.', 'target');
const source = join(target, 'wasm-bindgen', process.env.TRUNK_PROFILE || 'release', dir);
if (!existsSync(source)) fail(`${source} is missing`);
cpSync(source, join(staging, dir), { recursive: true });

const loader = join(staging, dir, '__wasm_split.js');
let text = readFileSync(loader, 'utf8');
const from = 'from "./awork-admin.js"';
if (!text.includes(from)) fail(`${loader} does not import ${from}`);
text = text.replace(from, `from "../${glue}"`);

// Each chunk is compiled by `compile()` below instead of being streamed in when it is first
// needed, so that with a session in the tab it can be compiled beside the main wasm.
const fetcher = /const src = fetch\((new URL\("\.\/[^"]+\.wasm", import\.meta\.url\))\);\s*src\.catch\(\(\) => \{\}\);\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);/g;
const chunks = [...text.matchAll(fetcher)].map((m) => m[1]);
if (chunks.length === 0) fail(`${loader}: no chunk fetch found to compile early`);
text = text.replace(fetcher, (_, url) => `const module = compile(${url});
    return async (imports) => ({ module: await module, instance: await WebAssembly.instantiate(await module, imports) });`);
text += `
// Added by scripts/split/finish.mjs. With a session in the tab (the key of src/auth/tokens.rs),
// the screens come right after the start: compile their chunks now, beside the main wasm. A
// compile is used once: a failed one is not kept, the next load starts afresh.
const early = new Map();
function compile(url) {
    const module = early.get(url.href) || WebAssembly.compileStreaming(fetch(url));
    early.delete(url.href);
    module.catch(() => {});
    return module;
}
try {
    if (sessionStorage.getItem("awork-admin.token") !== null) {
        for (const url of [${chunks.join(', ')}]) {
            const module = WebAssembly.compileStreaming(fetch(url));
            module.catch(() => {});
            early.set(url.href, module);
        }
    }
} catch {
    // No sessionStorage here (a sandboxed frame): each chunk is fetched when it is needed.
}
`;
writeFileSync(loader, text);

// The glue imports the loader: fetch it beside the glue rather than after it.
const page = join(staging, 'index.html');
const html = readFileSync(page, 'utf8');
if (!html.includes('</head>')) fail(`${page} has no </head>`);
writeFileSync(page, html.replace('</head>', `<link rel="modulepreload" href="./${dir}/__wasm_split.js" crossorigin="anonymous"></head>`));
