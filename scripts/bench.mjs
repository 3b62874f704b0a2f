// npm run bench: the same analysis natively (release) and in headless Chromium (release wasm), on
// generated shops of 10k, 100k and 1M orders (orders, reviews, tickets, survey). Prints, per
// stage, both times, the wasm/native ratio and throughput; then the real widget path (bytes ->
// element -> worker -> scorecard on the page) against native, peak memory natively and in the
// browser's renderer, and the page's longest task; writes bench-results/latest.json.
// Usage: node scripts/bench.mjs [sizes...]   (default 10000 100000)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
// The default sizes keep the run within 10 minutes on a 2-core machine. 1M orders: pass
// 1000000 (it takes about 15 minutes today: the lifetime-value stage dominates).
if (!sizes.length) sizes.push(10_000, 100_000);
const reps = (n) => (n >= 100_000 ? 1 : 3);
const root = new URL('..', import.meta.url).pathname;
const bin = (name) => `${root}target/release/${name}`;

execFileSync('cargo', ['build', '--release', '--quiet', '--bins'], { cwd: root, stdio: 'inherit' });

const dirs = {};
for (const n of sizes) {
  const dir = `${root}www/bench-data/${n}`;
  if (!existsSync(`${dir}/orders.csv`)) {
    mkdirSync(dir, { recursive: true });
    execFileSync(bin('sample-shop'), ['--orders', String(n), '--seed', '7', '--out', dir], { stdio: 'ignore' });
  }
  dirs[n] = dir;
}
const shopBytes = (n) => ['orders.csv', 'reviews.csv', 'tickets.csv', 'survey.csv']
  .map((f) => `${dirs[n]}/${f}`).filter(existsSync).reduce((t, f) => t + statSync(f).size, 0);

// Native: one process per size, so that its peak memory is that size's alone.
const native = {};
for (const n of sizes) {
  const out = execFileSync(bin('bench'), ['--reps', String(reps(n)), dirs[n]], { encoding: 'utf8' });
  native[n] = JSON.parse(out.trim());
}

/** Resident memory of Chromium's renderer processes (the page and its worker live there), bytes. */
function rendererRss() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch { /* the process ended */ }
  }
  return total;
}

const { server, url } = await serve(0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const wasm = {};
const widget = {};
for (const n of sizes) {
  // A fresh page per size: memory figures do not carry over.
  const page = await browser.newPage();
  await page.goto(`${url}bench.html`);
  await page.waitForFunction(() => window.benchReady === true);
  wasm[n] = await page.evaluate(([d, r]) => window.runBench(d, r), [`bench-data/${n}`, reps(n)]);
  await page.close();
  const wpage = await browser.newPage();
  await wpage.goto(`${url}bench.html`);
  await wpage.waitForFunction(() => window.benchReady === true);
  await new Promise((r) => setTimeout(r, 300));
  const baseline = rendererRss();
  let peak = baseline;
  const sampler = setInterval(() => { peak = Math.max(peak, rendererRss()); }, 25);
  widget[n] = await wpage.evaluate((d) => window.runWidget(d), `bench-data/${n}`);
  widget[n].rendererBaselineBytes = baseline;
  widget[n].rendererPeakBytes = peak;
  widget[n].rangeMs = await wpage.evaluate((d) => window.runRange(d), `bench-data/${n}`);
  clearInterval(sampler);
  widget[n].rendererPeakRangeBytes = peak;
  await wpage.close();
}
await browser.close();
server.close();

// The peer: pandas + lifetimes doing an analyst's equivalent on the orders file (read, summary,
// BG/NBD + Gamma-Gamma, per-customer P(alive), expected purchases and CLV, RFM, cohorts), when
// the project's venv has them (`bash scripts/setup-python.sh --peer`). Run after the browser,
// alone on the machine.
const python = `${root}.venv/bin/python`;
const peer = {};
let hasPeer = false;
try {
  execFileSync(python, ['-c', 'import lifetimes, pandas'], { stdio: 'ignore' });
  hasPeer = true;
} catch { /* no venv or no lifetimes: the peer is skipped, and the output says so */ }
if (hasPeer) {
  for (const n of sizes) {
    const t0 = Date.now();
    const out = JSON.parse(execFileSync(python, [`${root}scripts/peer_lifetimes.py`, dirs[n]], { encoding: 'utf8' }).trim());
    out.wallMs = Date.now() - t0; // with the interpreter's start and imports
    peer[n] = out;
  }
}

const rows = [];
const pad = (s, w) => String(s).padStart(w);
const mbOf = (b) => (b / 1e6).toFixed(1);
console.log(`\nloyalty-scorecard benchmark — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log('Each shop: orders.csv + reviews.csv + tickets.csv + survey.csv from the generator (random numbers started from 7). Median of repetitions.');
console.log(`${'orders'.padEnd(9)} ${'stage'.padEnd(12)} ${pad('native ms', 10)} ${pad('wasm ms', 10)} ${pad('wasm/nat', 9)} ${pad('nat MB/s', 9)} ${pad('wasm MB/s', 9)}`);
for (const n of sizes) {
  const bytes = shopBytes(n);
  const mb = bytes / 1e6;
  for (const stage of Object.keys(native[n].ms).filter((k) => k !== 'new_range')) {
    const a = native[n].ms[stage];
    const b = wasm[n].ms[stage];
    const ratio = a > 0 && b !== undefined ? b / a : NaN;
    rows.push({ orders: n, stage, native_ms: a, wasm_ms: b, ratio });
    const thr = (ms) => (stage === 'read' || stage === 'total') && ms > 0 ? (mb / (ms / 1000)).toFixed(1) : '';
    console.log(`${String(n).padEnd(9)} ${stage.padEnd(12)} ${pad(a.toFixed(1), 10)} ${pad(b?.toFixed(1) ?? '(native)', 10)} ${pad(Number.isNaN(ratio) ? '' : ratio.toFixed(2), 9)} ${pad(thr(a), 9)} ${pad(thr(b), 9)}`);
  }
  const w = widget[n];
  const grown = w.rendererPeakBytes - w.rendererBaselineBytes;
  rows.push({ orders: n, stage: 'widget', native_ms: native[n].ms.total, wasm_ms: w.ms, ratio: w.ms / native[n].ms.total });
  rows.push({ orders: n, stage: 'widget_new_range', native_ms: native[n].ms.new_range, wasm_ms: w.rangeMs, ratio: w.rangeMs / native[n].ms.new_range });
  console.log(`${String(n).padEnd(9)} ${'widget path'.padEnd(12)} ${pad(native[n].ms.total.toFixed(1), 10)} ${pad(w.ms.toFixed(1), 10)} ${pad((w.ms / native[n].ms.total).toFixed(2), 9)} ${pad('', 9)} ${pad((mb / (w.ms / 1000)).toFixed(1), 9)}`);
  console.log(`${String(n).padEnd(9)} ${'new range'.padEnd(12)} ${pad(native[n].ms.new_range.toFixed(1), 10)} ${pad(w.rangeMs.toFixed(1), 10)} ${pad((w.rangeMs / native[n].ms.new_range).toFixed(2), 9)}   (the second half of the period, from the kept records: no file read again)`);
  console.log(`${String(n).padEnd(9)} files ${mbOf(bytes)} MB (${(n / (w.ms / 1000) / 1e3).toFixed(0)}k orders/s through the widget); ` +
    `native peak RSS ${mbOf(native[n].peakRssBytes)} MB (${(native[n].peakRssBytes / bytes).toFixed(2)}x files); ` +
    `browser renderer peak ${mbOf(w.rendererPeakBytes)} MB, +${mbOf(grown)} MB over the idle page (${(grown / bytes).toFixed(2)}x files); ` +
    `the module's own memory after the one-thread run ${mbOf(wasm[n].wasmMemoryBytes)} MB (${(wasm[n].wasmMemoryBytes / bytes).toFixed(2)}x files; it never shrinks, so it is that run's peak); ` +
    `longest main-thread task ${w.longestTaskMs.toFixed(0)} ms; after a new date range, native peak ${mbOf(native[n].peakRssNewRangeBytes)} MB, renderer peak ${mbOf(w.rendererPeakRangeBytes)} MB`);
  if (hasPeer) {
    const p = peer[n];
    const ms = p.total * 1000;
    console.log(`${String(n).padEnd(9)} peer pandas + lifetimes on orders.csv alone: ${(ms / 1000).toFixed(2)} s ` +
      `(${Object.entries(p.seconds).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}; ${(p.wallMs / 1000).toFixed(2)} s with Python's start); ` +
      `native scorecard of all four files ${(ms / native[n].ms.total).toFixed(1)}x faster, the widget path ${(ms / w.ms).toFixed(1)}x (goal: 10x)`);
  }
}
if (!hasPeer) console.log('peer pandas + lifetimes: skipped (no .venv with lifetimes; bash scripts/setup-python.sh --peer)');
mkdirSync(`${root}bench-results`, { recursive: true });
writeFileSync(`${root}bench-results/latest.json`, JSON.stringify({
  date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, mem_gib: totalmem() / 2 ** 30 },
  native, wasm, widget, peer, rows,
}, null, 2));
console.log('\nwritten: bench-results/latest.json');
