// End-to-end: the widget works under exactly the Content-Security-Policy the README gives
// embedders, sent as a header (so it covers the module worker too), with no violation in the
// page or the worker; and its `src` attribute never fetches from another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, tile } from './browser.mjs';
import { POLICY } from '../../scripts/serve.mjs';

let b;
before(async () => { b = await start(); });
after(async () => { await b?.close(); });

test('the README gives embedders the policy the server sends', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(POLICY), 'the README quotes the exact policy');
});

test('the page and its worker run under the policy header with no violation', async () => {
  const { page, errors, requests } = await b.open();
  const res = await page.request.get(`${b.url}worker.js`);
  assert.equal(res.headers()['content-security-policy'], POLICY);
  await tile(page, 'orders').waitFor();
  // A file dropped after the sample: read, analysed and shown by the worker under the policy.
  await page.locator('loyalty-scorecard input[type=file]').setInputFiles([{
    name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from('customer_id,order_date,total\nA,2024-01-05,10.00\nA,2024-02-01,30.00\nB,2024-01-09,20.00\n'),
  }]);
  await page.locator('loyalty-scorecard [data-testid=caption]', { hasText: 'mine.csv' }).waitFor();
  assert.equal(await tile(page, 'orders').textContent(), '3');
  assert.deepEqual(errors, []);
  assert.ok(requests.every((u) => u.startsWith(b.url) || u.startsWith('data:')), requests.join('\n'));
});

test('src names a file of another origin: refused with a clear error, nothing fetched', async () => {
  const { page, requests } = await b.open();
  await tile(page, 'orders').waitFor();
  const message = await page.evaluate(() => new Promise((ok) => {
    const el = document.createElement('loyalty-scorecard');
    el.addEventListener('error', (e) => ok(e.detail), { once: true });
    el.setAttribute('src', 'https://example.com/orders.csv');
    document.body.append(el);
  }));
  assert.match(message, /src attribute loads files of this site only/);
  assert.ok(!requests.some((u) => u.includes('example.com')));
});

test('src names a file of this site that redirects elsewhere: an error, the other site never asked', async () => {
  const { page, requests, errors } = await b.open();
  await tile(page, 'orders').waitFor();
  // A same-origin URL answered with a redirect to another origin.
  await page.route('**/moved/orders.csv', (route) => route.fulfill({ status: 302, headers: { location: 'https://example.com/orders.csv' } }));
  const message = await page.evaluate(() => new Promise((ok) => {
    const el = document.createElement('loyalty-scorecard');
    el.addEventListener('error', (e) => ok(e.detail), { once: true });
    el.setAttribute('src', 'moved/orders.csv');
    document.body.append(el);
  }));
  assert.match(message, /fetch|network|redirect/i);
  assert.ok(!requests.some((u) => u.includes('example.com')), requests.join('\n'));
  // Not even tried: following the redirect would have met the page's policy (a violation).
  assert.ok(!errors.some((e) => e.includes('example.com')), errors.join('\n'));
});

test('the JS API and the element refuse options out of range, naming them, without breaking', async () => {
  const { page, errors } = await b.open();
  await tile(page, 'orders').waitFor();
  const csv = 'customer_id,order_date,total\na,2024-01-05,10\nb,2024-01-06,20\na,2024-02-01,5\n';
  const got = await page.evaluate(async (csv) => {
    const { analyze } = await import('/loyalty-scorecard.js');
    const file = () => [{ name: 'orders.csv', bytes: new TextEncoder().encode(csv) }];
    const outcome = async (options) => analyze(file(), options).then((c) => `ok ${c.orders.orders.value}`, (e) => e.message);
    return {
      months: await outcome({ clv: { clv_months: 4e9 } }),
      unknown: await outcome({ clv: { horizon_weeks: 5 } }),
      bound: await analyze([{ ...file()[0], options: { max_columns: 0 } }], {}).then(() => 'ok', (e) => e.message),
      // What JSON cannot hold is refused, not read as "not given".
      infinite: await analyze([{ ...file()[0], options: { max_file_mb: Infinity } }], {}).then(() => 'ok', (e) => e.message),
      map: await outcome({ exchangeRates: new Map([['EUR', 1]]) }),
      // The same module still analyses with good options afterwards.
      good: await outcome({}),
    };
  }, csv);
  assert.match(got.months, /clv\.clv_months/, JSON.stringify(got));
  assert.match(got.months, /range/);
  assert.match(got.unknown, /horizon_weeks/);
  assert.match(got.bound, /max_columns.*range 1 to 100000/);
  assert.match(got.infinite, /max_file_mb: Infinity is not a finite number/);
  assert.match(got.map, /exchangeRates: give a plain object, not a Map or Set/);
  assert.equal(got.good, 'ok 3');
  // The element: an analysis date that is no date is an error event naming it.
  const message = await page.evaluate(() => new Promise((ok) => {
    const el = document.createElement('loyalty-scorecard');
    el.addEventListener('error', (e) => ok(e.detail), { once: true });
    el.setAttribute('as-of', '2024-99-01');
    el.setAttribute('src', 'sample/orders.csv');
    document.body.append(el);
  }));
  assert.match(message, /2024-99-01/);
  assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
});
