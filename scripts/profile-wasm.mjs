// Where the page's time goes, by function: the analysis of a generated shop run in headless
// Chromium on a copy of www/ whose wasm keeps its function names (the shipped one is stripped),
// sampled by the browser's profiler; prints the stage times and the functions' self time.
//   bash scripts/build.sh && node scripts/profile-wasm.mjs [SIZE]   (default 1000000; the shop
//   in www/bench-data/SIZE, made by npm run bench or the sample-shop generator)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const size = process.argv[2] ?? '1000000';
const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ls-profile-'));
try {
  cpSync(join(root, 'www'), dir, { recursive: true, filter: (p) => !p.includes('bench-data') });
  // The release module from scripts/build.sh, bound again without stripping its names.
  execFileSync('wasm-bindgen', ['--target', 'web', '--out-dir', join(dir, 'pkg'), '--out-name', 'loyalty_scorecard', '--keep-debug',
    join(root, 'target/wasm32-unknown-unknown/wasm-release/loyalty_scorecard.wasm')], { stdio: 'inherit' });
  cpSync(join(root, 'www/bench-data', size), join(dir, 'bench-data', size), { recursive: true });
  const { server, url } = await serve(0, '127.0.0.1', dir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.goto(`${url}bench.html`);
  await page.waitForFunction(() => window.benchReady === true);
  await page.evaluate(async (d) => {
    const kinds = [['orders.csv', 'orders'], ['reviews.csv', 'reviews'], ['tickets.csv', 'tickets'], ['survey.csv', 'surveys']];
    window.profileInputs = [];
    for (const [name, kind] of kinds) {
      const r = await fetch(`${d}/${name}`);
      if (r.ok) window.profileInputs.push({ name, kind, bytes: new Uint8Array(await r.arrayBuffer()) });
    }
  }, `bench-data/${size}`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const stages = await page.evaluate(async () => (await import('./pkg/loyalty_scorecard.js')).profile(window.profileInputs).stages);
  const { profile } = await cdp.send('Profiler.stop');
  await browser.close();
  server.close();
  console.log(stages.map((s) => `${s.stage} ${s.ms.toFixed(0)} ms`).join(', '));
  const self = new Map();
  const node = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const name = node.get(id).callFrame.functionName || '(anonymous)';
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  for (const [name, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(`${(us / 1000).toFixed(0).padStart(6)} ms ${(100 * us / total).toFixed(1).padStart(5)}%  ${name.replace(/::h[0-9a-f]{16}$/, '')}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
