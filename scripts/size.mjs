// Prints raw and gzipped sizes of the shipped files and their total.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { basename } from 'node:path';

let raw = 0, gz = 0;
for (const f of process.argv.slice(2)) {
  const b = readFileSync(f);
  const z = gzipSync(b, { level: 9 }).length;
  raw += b.length; gz += z;
  console.log(`  ${basename(f).padEnd(28)} ${(b.length / 1024).toFixed(1).padStart(8)} KiB  gzip ${(z / 1024).toFixed(1).padStart(7)} KiB`);
}
console.log(`shipped size (wasm + JS + CSS): ${(raw / 1024).toFixed(1)} KiB, gzipped ${(gz / 1024).toFixed(1)} KiB`);
