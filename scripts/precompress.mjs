// Writes `.gz` (gzip -9) and `.br` (brotli, quality 11) beside every file of dist/, so a static
// server can send them as they are (nginx: gzip_static, brotli_static; see README). Run by
// scripts/env.sh's build_dist after every release build.
import { readdirSync, readFileSync, writeFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

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
for (const f of files(dist)) {
  const bytes = readFileSync(f);
  writeFileSync(`${f}.gz`, gzipSync(bytes, { level: 9 }));
  writeFileSync(`${f}.br`, brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
}
