// Checks what wasm-opt's --low-memory-unused assumes (scripts/split/wasm-bindgen, index.html):
// nothing the program places in memory lies below address 1024. Rust's linker puts the stack
// first and the data at 1 MiB, so only a stack that overflowed would reach that low; this fails
// the build if a data segment of the linked wasm starts below 1024 (say, another linker layout).
//
// Usage: node scripts/split/low-memory.mjs <linked.wasm>
import { readFileSync } from 'node:fs';

const LOW = 1024;
const bytes = readFileSync(process.argv[2]);
let at = 8; // after the magic number and the version

function leb() {
  let value = 0n;
  let shift = 0n;
  for (;;) {
    const b = bytes[at++];
    value |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if ((b & 0x80) === 0) return { value, negative: (b & 0x40) !== 0, shift };
  }
}
const uint = () => Number(leb().value);
const sint = () => {
  const { value, negative, shift } = leb();
  return Number(negative ? value - (1n << shift) : value);
};

const offsets = [];
while (at < bytes.length) {
  const id = bytes[at++];
  const size = uint();
  const end = at + size;
  if (id === 11) {
    for (let n = uint(); n > 0; n--) {
      const flags = uint();
      if (flags === 1) {
        // passive: placed by memory.init, which this check does not follow
        offsets.push(null);
      } else {
        if (flags === 2) uint(); // memory index
        if (bytes[at++] !== 0x41) throw new Error('low-memory: a data segment offset is not an i32.const');
        offsets.push(sint());
        if (bytes[at++] !== 0x0b) throw new Error('low-memory: a data segment offset expression is longer');
      }
      const length = uint(); // the segment's bytes
      at += length;
    }
  }
  at = end;
}

if (offsets.length === 0) throw new Error('low-memory: no data segment found');
const low = offsets.filter((o) => o === null || o < LOW);
if (low.length > 0) {
  console.error(`low-memory: ${low.length} data segment(s) below ${LOW} or passive: --low-memory-unused would be wrong`);
  process.exit(1);
}
