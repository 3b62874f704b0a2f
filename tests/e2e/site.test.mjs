// The static demo that `npm run build` writes (site/): served as it is, folder for folder, the
// demo page shows the sample shop with its calculator and the admin demo shows it too, with no
// error and no request for anything outside the folder (every file it needs is in it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { POLICY } from '../../scripts/serve.mjs';
import { start, tile } from './browser.mjs';

const site = fileURLToPath(new URL('../../site', import.meta.url));
let b;
before(async () => { b = await start(site); });
after(async () => { await b?.close(); });


test('the static demo folder holds the pages, the sample shop, the package and the policy for hosts that read _headers', () => {
  for (const f of ['index.html', 'admin-demo.html', 'demo.js', 'loyalty-scorecard.js', 'worker.js', 'expectation-calculator.js', 'scorecard.css',
    'custom-elements.json', 'pkg/loyalty_scorecard_bg.wasm', 'pkg/loyalty_scorecard.js', 'sample/orders.csv']) {
    assert.ok(existsSync(`${site}/${f}`), `site/${f}`);
  }
  assert.equal(readFileSync(`${site}/_headers`, 'utf8'), `/*\n  Content-Security-Policy: ${POLICY}\n  X-Content-Type-Options: nosniff\n`);
});

for (const [path, calculator] of [['', true], ['admin-demo.html', false]]) {
  test(`site/${path || 'index.html'} works as it is served`, async () => {
    // Every response from the first one on: nothing the pages ask for is missing from the folder.
    const missing = [];
    const init = (p) => p.on('response', (r) => { if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`); });
    const { page, errors, requests } = await b.open(path, { init });
    await tile(page, 'orders').waitFor({ timeout: 60_000 });
    assert.equal(await tile(page, 'orders').textContent(), '3,048');
    if (calculator) await page.locator('expectation-calculator [data-figure]').first().waitFor();
    assert.deepEqual(errors, []);
    assert.deepEqual(missing, []);
    const origin = new URL(b.url).origin;
    assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')), []);
    await page.close();
  });
}
