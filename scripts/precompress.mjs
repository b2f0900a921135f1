// Writes `.gz` and `.br` (brotli, quality 11) beside every file of dist/, so a static server can
// send them as they are (nginx: gzip_static, brotli_static; see README). The `.gz` files come from
// zopfli (Debian's package, installed by scripts/setup.sh): plain gzip that every client reads,
// about 5 % smaller than gzip -9, worth its second of build time for files compressed once and
// sent to every admin. Run by scripts/env.sh's build_dist after every release build. Not for
// config.json: it is the file each installation edits, and a `.gz` written for the file as built
// would be sent in place of the edited one.
import { readdirSync, readFileSync, writeFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2] || 'dist';
const files = (dir) => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? files(p) : [p];
});
for (const f of files(dist)) {
  if (f.endsWith('.gz') || f.endsWith('.br')) {
    unlinkSync(f);
    continue;
  }
}
function zopfli(file) {
  try {
    return execFileSync('zopfli', ['-c', '--gzip', file], { maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    console.error(`precompress: zopfli failed on ${file} (${e.message}); run scripts/setup.sh`);
    process.exit(1);
  }
}

for (const f of files(dist).filter((f) => !f.endsWith('config.json'))) {
  const bytes = readFileSync(f);
  // Deterministic: the same file always gives the same .gz (zopfli writes no name or time).
  writeFileSync(`${f}.gz`, zopfli(f));
  writeFileSync(`${f}.br`, brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
}
