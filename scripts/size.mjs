// Prints raw and gzipped sizes of the shipped files and their total, against the budget of a
// guest in other people's pages (450 KiB gzipped). With --ceiling N, fails when the gzipped total
// is above N KiB: a ratchet that keeps the size from growing while it is still over the budget.
// Files after --on-demand are loaded only when needed (the .xlsx and legacy-encoding reader):
// printed, and not counted.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { basename } from 'node:path';

const BUDGET_KIB = 450;
const args = process.argv.slice(2);
const at = args.indexOf('--ceiling');
const ceiling = at >= 0 ? Number(args.splice(at, 2)[1]) : Infinity;
if (Number.isNaN(ceiling) || ceiling <= 0) {
  console.error('size.mjs: --ceiling needs a number of KiB');
  process.exit(2);
}

const split = args.indexOf('--on-demand');
const onDemand = split >= 0 ? args.splice(split).slice(1) : [];
let raw = 0, gz = 0;
for (const f of args) {
  const b = readFileSync(f);
  const z = gzipSync(b, { level: 9 }).length;
  raw += b.length; gz += z;
  console.log(`  ${basename(f).padEnd(28)} ${(b.length / 1024).toFixed(1).padStart(8)} KiB  gzip ${(z / 1024).toFixed(1).padStart(7)} KiB`);
}
const kib = gz / 1024;
console.log(`shipped size (wasm + JS + CSS): ${(raw / 1024).toFixed(1)} KiB, gzipped ${kib.toFixed(1)} KiB`);
console.log(kib <= BUDGET_KIB
  ? `  within the budget of ${BUDGET_KIB} KiB gzipped`
  : `  over the budget of ${BUDGET_KIB} KiB gzipped by ${(kib - BUDGET_KIB).toFixed(1)} KiB`);
for (const f of onDemand) {
  const b = readFileSync(f);
  console.log(`  loaded only when needed: ${basename(f)} ${(b.length / 1024).toFixed(1)} KiB, gzip ${(gzipSync(b, { level: 9 }).length / 1024).toFixed(1)} KiB`);
}
if (kib > ceiling) {
  console.error(`shipped size ${kib.toFixed(1)} KiB gzipped is above the ceiling of ${ceiling} KiB (scripts/build.sh): it may not grow while it is over the budget`);
  process.exit(1);
}
