// The test an embedder would write: the built package (dist/, as `npm run build` writes it) is
// packed with `npm pack`, installed into a fresh folder, and used by a plain static page that
// holds only the README's embedding snippet; the folder is served with the README's
// Content-Security-Policy as a header (and no <meta> policy). In Chromium: the files named in
// `src` load, a dropped file is analysed, no policy is violated (the page's and the worker's
// console), and no request leaves the page's origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, symlinkSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { POLICY } from '../../scripts/serve.mjs';
import { start } from './browser.mjs';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
let site, b;

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'lsc-embed-'));
  const packed = join(site, 'packed');
  mkdirSync(packed);
  execFileSync('npm', ['pack', join(repo, 'dist'), '--pack-destination', packed, '--silent'], { stdio: 'pipe' });
  const tarball = join(packed, readdirSync(packed).find((f) => f.endsWith('.tgz')));
  // A fresh folder that installs the tarball, as an embedder's site would (no registry needed:
  // the package has no dependencies).
  const www = join(site, 'www');
  mkdirSync(www);
  writeFileSync(join(www, 'package.json'), JSON.stringify({ name: 'embedder-site', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', '--silent', tarball], { cwd: www, stdio: 'pipe' });
  // The README's snippet loads /loyalty-scorecard/loyalty-scorecard.js: the installed package there.
  symlinkSync(join(www, 'node_modules', 'loyalty-scorecard'), join(www, 'loyalty-scorecard'));
  // The installed package tells its embedder the policy it needs.
  const readme = readFileSync(join(www, 'node_modules', 'loyalty-scorecard', 'README.md'), 'utf8');
  assert.ok(readme.includes(POLICY), 'the package README gives the Content-Security-Policy');
  // Editors and framework wrappers find the elements' manifest through the package.
  const installed = JSON.parse(readFileSync(join(www, 'node_modules', 'loyalty-scorecard', 'package.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(www, 'node_modules', 'loyalty-scorecard', installed.customElements), 'utf8'));
  assert.deepEqual(manifest.modules.flatMap((m) => m.exports.filter((e) => e.kind === 'custom-element-definition').map((e) => e.name)).sort(), ['expectation-calculator', 'loyalty-scorecard']);
  mkdirSync(join(www, 'data'));
  for (const f of ['orders.csv', 'reviews.csv']) copyFileSync(join(repo, 'www', 'sample', f), join(www, 'data', f));
  // The README's embedding snippet (the page and its module), with the documented src attribute
  // naming the shop's files.
  writeFileSync(join(www, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop admin</title><link rel="icon" href="data:,"></head>
<body>
<h1>My shop</h1>
<script type="module" src="/loyalty-scorecard/loyalty-scorecard.js"></script>
<loyalty-scorecard lang="en" src="data/orders.csv data/reviews.csv"></loyalty-scorecard>
<script type="module" src="/admin-scorecard.js"></script>
</body></html>
`);
  writeFileSync(join(www, 'admin-scorecard.js'), `const card = document.querySelector('loyalty-scorecard');
card.addEventListener('ready', (e) => { window.readyCount = (window.readyCount ?? 0) + 1; window.lastOrders = e.detail.orders.orders.value; });
card.addEventListener('error', (e) => { window.lastError = e.detail; });
`);
  b = await start(www);
});

after(async () => {
  await b?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

test('the packed package in a plain page under the documented policy: files load, a drop works, nothing else is asked', async () => {
  const { page, errors, requests, response: res } = await b.open();
  assert.match(res.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  // The files named in src.
  await page.waitForFunction(() => window.readyCount >= 1 || window.lastError, null, { timeout: 60_000 }).catch(() => {});
  assert.equal(await page.evaluate(() => window.lastError ?? null), null, errors.join('\n'));
  assert.ok(await page.evaluate(() => window.readyCount >= 1), `not ready; errors: ${errors.join('\n')}; requests: ${requests.join(' ')}`);
  const sampleOrders = await page.evaluate(() => window.lastOrders);
  assert.ok(sampleOrders > 100, `orders of the sample files: ${sampleOrders}`);
  // A file dropped on the widget (its file input): the hand-checked slice, 8 orders.
  await page.locator('loyalty-scorecard input[type=file]').setInputFiles(join(repo, 'tests', 'fixtures', 'slice_small.csv'));
  await page.waitForFunction(() => window.readyCount >= 2 && window.lastOrders === 8, null, { timeout: 60_000 }).catch(() => {});
  assert.deepEqual(await page.evaluate(() => [window.readyCount, window.lastOrders, window.lastError ?? null]), [2, 8, null], errors.join('\n'));
  assert.equal(await page.evaluate(() => window.lastError ?? null), null);
  assert.deepEqual(errors, [], 'no policy violation or other error');
  const origin = new URL(b.url).origin;
  const elsewhere = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(elsewhere, [], 'no request to another origin');
  await page.close();
});
