// npm run bench: the same analysis natively (release) and in headless Chromium (release wasm), on
// generated orders files of 10k, 100k and 1M orders. Prints, per stage, both times, the
// wasm/native ratio and throughput; writes bench-results/latest.json.
// Usage: node scripts/bench.mjs [sizes...]   (default 10000 100000 1000000)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
if (!sizes.length) sizes.push(10_000, 100_000, 1_000_000);
const reps = (n) => (n >= 1_000_000 ? 3 : 5);
const root = new URL('..', import.meta.url).pathname;
const bin = (name) => `${root}target/release/${name}`;

execFileSync('cargo', ['build', '--release', '--quiet', '--bins'], { cwd: root, stdio: 'inherit' });

const files = {};
for (const n of sizes) {
  const dir = `${root}www/bench-data/${n}`;
  if (!existsSync(`${dir}/orders.csv`)) {
    mkdirSync(dir, { recursive: true });
    execFileSync(bin('sample-shop'), ['--orders', String(n), '--seed', '7', '--out', dir], { stdio: 'ignore' });
  }
  files[n] = `${dir}/orders.csv`;
}

const native = {};
for (const n of sizes) {
  const out = execFileSync(bin('bench'), ['--reps', String(reps(n)), files[n]], { encoding: 'utf8' });
  native[n] = JSON.parse(out.trim());
}

const { server, url } = await serve(0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const page = await browser.newPage();
await page.goto(`${url}bench.html`);
await page.waitForFunction(() => window.benchReady === true);
const wasm = {};
for (const n of sizes) {
  wasm[n] = await page.evaluate(([u, r]) => window.runBench(u, r), [`bench-data/${n}/orders.csv`, reps(n)]);
}
await browser.close();
server.close();

const rows = [];
const pad = (s, w) => String(s).padStart(w);
console.log(`\nloyalty-scorecard benchmark — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log(`${'orders'.padEnd(9)} ${'stage'.padEnd(10)} ${pad('native ms', 10)} ${pad('wasm ms', 10)} ${pad('wasm/nat', 9)} ${pad('nat MB/s', 9)} ${pad('wasm MB/s', 9)}`);
for (const n of sizes) {
  const mb = statSync(files[n]).size / 1e6;
  for (const stage of Object.keys(native[n].ms)) {
    const a = native[n].ms[stage];
    const b = wasm[n].ms[stage];
    const ratio = a > 0 ? b / a : NaN;
    rows.push({ orders: n, stage, native_ms: a, wasm_ms: b, ratio });
    const thr = (ms) => (stage === 'read' || stage === 'total') && ms > 0 ? (mb / (ms / 1000)).toFixed(1) : '';
    console.log(`${String(n).padEnd(9)} ${stage.padEnd(10)} ${pad(a.toFixed(1), 10)} ${pad(b?.toFixed(1), 10)} ${pad(ratio.toFixed(2), 9)} ${pad(thr(a), 9)} ${pad(thr(b), 9)}`);
  }
  console.log(`${String(n).padEnd(9)} file ${mb.toFixed(1)} MB; wasm memory after run ${(wasm[n].wasmMemoryBytes / 1e6).toFixed(1)} MB (${(wasm[n].wasmMemoryBytes / 1e6 / mb).toFixed(2)}x file); longest main-thread task ${wasm[n].longestTaskMs.toFixed(0)} ms`);
}
mkdirSync(`${root}bench-results`, { recursive: true });
writeFileSync(`${root}bench-results/latest.json`, JSON.stringify({
  date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, mem_gib: totalmem() / 2 ** 30 },
  native, wasm, rows,
}, null, 2));
console.log('\nwritten: bench-results/latest.json');
