// End-to-end: correcting how a file is read, data text that looks like markup, screenshots of
// every language, and a million orders through the worker without blocking the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, tile } from './browser.mjs';

let b;
before(async () => { b = await start(); });
after(async () => { await b?.close(); });

const upload = (page, name, text) =>
  page.locator('loyalty-scorecard input[type=file]').setInputFiles(
    (Array.isArray(name) ? name : [[name, text]]).map(([n, t]) => ({ name: n, mimeType: 'text/csv', buffer: Buffer.from(t) })));

test('a file whose customer column is not recognised can be fixed in the page', async () => {
  const { page, errors, requests } = await b.open();
  await tile(page, 'orders').waitFor();
  // "wer" is no known customer header and holds no e-mails: the reader cannot find it.
  await upload(page, 'export.csv', 'wer,when,paid\nK1,2024-01-05,10.00\nK1,2024-02-01,30.00\nK2,2024-01-09,20.00\n');
  const alert = page.locator('loyalty-scorecard [role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /export\.csv: no column for customer_id/);
  const form = page.locator('loyalty-scorecard details.fix[data-file="export.csv"]');
  assert.equal(await form.getAttribute('open'), '');
  const options = await form.locator('select[data-field=customer_id] option').allTextContents();
  assert.deepEqual(options.slice(1), ['wer', 'when', 'paid']);
  await form.locator('select[data-field=customer_id]').selectOption('wer');
  await form.locator('[data-role=fix-apply]').click();
  await page.locator('loyalty-scorecard [data-testid=caption]', { hasText: 'export.csv' }).waitFor();
  // Hand-checked: 3 orders, 2 customers, K1 bought twice -> 1 of 2 repeat buyers.
  assert.equal(await tile(page, 'orders').textContent(), '3');
  assert.equal(await tile(page, 'customers').textContent(), '2');
  assert.equal(await tile(page, 'revenue').textContent(), '60.00');
  assert.equal(await tile(page, 'repeat_purchase_rate').textContent(), '50.0%');
  assert.match(await page.locator('loyalty-scorecard .account .columns').textContent(), /Customer \(id or e-mail\) ← wer/);
  assert.equal(await page.locator('loyalty-scorecard [role=alert]').isVisible(), false);
  // The choice is kept in the form of the account, marked as the user's.
  const kept = page.locator('loyalty-scorecard details.fix[data-file="export.csv"] select[data-field=customer_id]');
  assert.equal(await kept.inputValue(), 'wer');
  assert.ok(!requests.some((r) => r.includes('export')));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a file read as the wrong kind can be switched to its real kind', async () => {
  const { page, errors } = await b.open();
  await tile(page, 'orders').waitFor();
  // Ratings dropped as orders: the reader says it looks like reviews; switch the kind.
  const orders = 'customer_id,order_date,total,order_id\nA,2024-01-05,10.00,1\nA,2024-03-01,30.00,2\nB,2024-01-09,20.00,3\n';
  const reviews = 'order,stars,comment\n1,5,great\n2,4,fine\n3,1,late\n';
  await upload(page, [['orders.csv', orders], ['feedback.csv', reviews]]);
  await page.locator('loyalty-scorecard [data-testid=caption]', { hasText: 'orders.csv' }).waitFor();
  const form = page.locator('loyalty-scorecard details.fix[data-file="feedback.csv"]');
  assert.equal(await form.locator('select[data-role=fix-kind]').inputValue(), 'reviews');
  assert.equal(await page.locator('loyalty-scorecard [data-figure=average_rating] .value').textContent(), '3.33');
  await form.locator('summary').click();
  await form.locator('select[data-role=fix-kind]').selectOption('tickets');
  await form.locator('[data-role=fix-apply]').click();
  // As tickets the file has no opened date: a clear error, and the form to put it right.
  const alert = page.locator('loyalty-scorecard [role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /feedback\.csv/);
  const again = page.locator('loyalty-scorecard details.fix[data-file="feedback.csv"]');
  await again.locator('select[data-role=fix-kind]').selectOption('reviews');
  await again.locator('[data-role=fix-apply]').click();
  await page.locator('loyalty-scorecard [data-figure=average_rating] .value', { hasText: '3.33' }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('markup and script in every text field of the data stay text and never run', async () => {
  const { page, errors } = await b.open();
  await tile(page, 'orders').waitFor();
  const x = (n) => `<img src=x onerror="window.__xss=${n}"><script>window.__xss=${n}</script>`;
  const q = (s) => `"${s.replaceAll('"', '""')}"`;
  const orders = ['customer_id,order_date,total,order_id,discount_code,product,currency,promised_days,delivered_date'];
  for (let i = 0; i < 60; i++) {
    const c = i % 3 === 0 ? x(1) : `C${i % 25}`;
    orders.push([q(c), `2024-0${1 + (i % 6)}-1${i % 9}`, '12.50', `O${i}`, q(x(2)), q(x(3)), 'EUR', '3', `2024-0${1 + (i % 6)}-1${(i % 9)}`].join(','));
  }
  const reviews = ['order_id,rating,title,body,product'];
  for (let i = 0; i < 40; i++) reviews.push([`O${i}`, 1 + (i % 5), q(x(4)), q(`${x(5)} bad <b>bold</b> 差评`), q(x(6))].join(','));
  const tickets = ['ticket_id,order_id,opened,resolved,category'];
  for (let i = 0; i < 10; i++) tickets.push([q(x(7)), `O${i}`, '2024-03-01', '2024-03-04', q(x(8))].join(','));
  const survey = [`respondent_id,nps,csat,${q('imp_' + x(9))},${q('perf_' + x(9))}`];
  for (let i = 0; i < 40; i++) survey.push([`R${i}`, i % 11, 1 + (i % 5), 1 + (i % 7), 1 + ((i * 3) % 7)].join(','));
  await upload(page, [[`${x(10)}.csv`, orders.join('\n')], ['reviews.csv', reviews.join('\n')], ['tickets.csv', tickets.join('\n')], ['survey.csv', survey.join('\n')]]);
  await page.locator('loyalty-scorecard [data-testid=caption]', { hasText: 'reviews.csv' }).waitFor();
  await page.waitForTimeout(300);
  const found = await page.evaluate(() => {
    const root = document.querySelector('loyalty-scorecard').shadowRoot;
    return {
      xss: window.__xss ?? null,
      injected: root.querySelectorAll('img, script, b, iframe').length,
      handlers: [...root.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      text: root.textContent,
    };
  });
  assert.equal(found.xss, null);
  assert.equal(found.injected, 0);
  assert.equal(found.handlers, 0);
  // The payloads are shown, as text, where the data is shown.
  assert.ok(found.text.includes('<script>window.__xss=5</script>'), 'review text shown as text');
  assert.ok(found.text.includes('<img src=x onerror="window.__xss=10">'), 'file name shown as text');
  assert.deepEqual(errors, []);
  await page.close();
});

test('screenshots of the scorecard in each language are kept as test artefacts', async () => {
  const dir = new URL('../../target/e2e-screenshots/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  const { page, errors } = await b.open();
  await tile(page, 'orders').waitFor();
  for (const [lang, label] of [['en', 'Repeat-purchase rate'], ['zh-CN', '重复购买率'], ['zh-TW', '重複購買率']]) {
    await page.locator('loyalty-scorecard select.lang').selectOption(lang);
    await page.locator('loyalty-scorecard [data-figure=repeat_purchase_rate] .label', { hasText: label }).waitFor();
    await page.screenshot({ path: `${dir}scorecard-${lang}.png`, fullPage: true });
  }
  const narrow = await b.open('', { viewport: { width: 360, height: 800 } });
  await tile(narrow.page, 'orders').waitFor();
  // Nothing wider than the screen: the page does not scroll sideways at 360 px.
  const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await narrow.page.screenshot({ path: `${dir}scorecard-360px.png`, fullPage: true });
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 360px`);
  assert.deepEqual([...errors, ...narrow.errors], []);
  await page.close();
  await narrow.page.close();
});

test('a million orders load through the worker with moving progress and no long main-thread task', async () => {
  const { page, errors } = await b.open();
  await tile(page, 'orders').waitFor();
  const result = await page.evaluate(async () => {
    // 1,000,000 orders of 150,000 customers (about 35 MB), made in the page.
    const enc = new TextEncoder();
    const parts = [enc.encode('customer_id,order_date,total\n')];
    let chunk = '';
    for (let i = 0; i < 1_000_000; i++) {
      const m = 1 + (i % 12), d = 1 + ((i * 7) % 28);
      chunk += `C${(i * 7919) % 150_000},2024-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d},${(i % 500) + 0.99}\n`;
      if (chunk.length > 1 << 20) { parts.push(enc.encode(chunk)); chunk = ''; }
    }
    parts.push(enc.encode(chunk));
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) { bytes.set(p, at); at += p.length; }
    const card = document.querySelector('loyalty-scorecard');
    const progress = card.shadowRoot.querySelector('[data-role=progress]');
    let longest = 0;
    const seen = new Set();
    const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) longest = Math.max(longest, e.duration); });
    obs.observe({ type: 'longtask' });
    const sampler = setInterval(() => seen.add(progress.getAttribute('value')), 20);
    let events = 0;
    card.addEventListener('progress', (e) => { if (e.detail.fraction >= 0 && e.detail.fraction <= 1) events += 1; });
    const t0 = performance.now();
    const done = new Promise((ok, fail) => {
      card.addEventListener('ready', (e) => ok(e.detail), { once: true });
      card.addEventListener('error', (e) => fail(new Error(e.detail)), { once: true });
    });
    card.load([{ name: 'million.csv', bytes }], 'million.csv');
    const sc = await done;
    const ms = performance.now() - t0;
    clearInterval(sampler);
    await new Promise((r) => setTimeout(r, 100));
    obs.disconnect();
    return { orders: sc.orders.orders.value, customers: sc.orders.customers.value, longest, values: seen.size, events, ms, mb: bytes.length / 1e6 };
  });
  console.log(`1M orders (${result.mb.toFixed(1)} MB) in ${(result.ms / 1000).toFixed(1)} s; longest main-thread task ${result.longest.toFixed(0)} ms; ${result.values} progress values`);
  assert.equal(result.orders, 1_000_000);
  assert.equal(result.customers, 150_000);
  assert.ok(result.values >= 3, `progress moved through ${result.values} values`);
  assert.ok(result.events >= 3, `${result.events} progress events`);
  assert.ok(result.longest <= 100, `longest main-thread task ${result.longest} ms`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a chart downloads as a standalone SVG or a PNG and its table as CSV, all made in the page', async () => {
  const { page, errors, requests } = await b.open();
  await tile(page, 'orders').waitFor();
  const panel = page.locator('loyalty-scorecard figure[data-chart=customers_by_orders]');
  const before = requests.length;
  const [svgFile] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-role=download-svg]').click()]);
  assert.equal(svgFile.suggestedFilename(), 'customers_by_orders.svg');
  const svg = readFileSync(await svgFile.path(), 'utf8');
  assert.match(svg, /^<\?xml/);
  assert.match(svg, /<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /<rect[^>]* fill="rgb/);
  const [pngFile] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-role=download-png]').click()]);
  assert.equal(pngFile.suggestedFilename(), 'customers_by_orders.png');
  const png = readFileSync(await pngFile.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.length > 2000, `PNG of ${png.length} bytes`);
  const [csvFile] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-role=download-csv]').click()]);
  assert.equal(csvFile.suggestedFilename(), 'customers_by_orders.csv');
  const csv = readFileSync(await csvFile.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  const cells = await panel.locator('table tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent)));
  assert.equal(csv.length, cells.length);
  assert.equal(csv[1].split(',')[0], cells[1][0]);
  // The downloads are blob: and data: URLs of this page; nothing went over the network.
  assert.ok(requests.slice(before).every((r) => r.startsWith('blob:') || r.startsWith('data:')), requests.slice(before).join(' '));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the per-customer table downloads from the page, the same as the CLI writes it', async (t) => {
  const cli = new URL('../../target/debug/loyalty-scorecard', import.meta.url).pathname;
  if (!existsSync(cli)) return t.skip('the CLI is built by cargo test, which runs before this');
  const { page, errors, requests } = await b.open();
  await tile(page, 'orders').waitFor();
  const before = requests.length;
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('loyalty-scorecard [data-role=export-customers]').click()]);
  assert.equal(file.suggestedFilename(), 'customers.csv');
  const web = readFileSync(await file.path(), 'utf8').replace(/^\ufeff/, '');
  const dir = mkdtempSync(join(tmpdir(), 'ls-'));
  const sample = (f) => new URL(`../../www/sample/${f}.csv`, import.meta.url).pathname;
  execFileSync(cli, ['analyze', '--orders', sample('orders'), '--reviews', sample('reviews'), '--tickets', sample('tickets'),
    '--surveys', sample('survey'), '--customers-out', join(dir, 'c.csv'), '--format', 'json'], { stdio: 'ignore' });
  const native = readFileSync(join(dir, 'c.csv'), 'utf8');
  const lines = web.trim().split('\n');
  assert.equal(lines.length, 1 + 1500);
  assert.match(lines[0], /^customer_id,frequency,.*,rfm_segment,value_tier,trust_layer,p_order_90_days,next_order_date,expected_orders_30_days,expected_orders_90_days,expected_orders_365_days,churn_risk$/);
  // The same rows and segments; the fitted figures agree to 1e-6 relative (the optimiser ends a
  // few ulps apart natively and in wasm: the math library differs).
  const nat = native.trim().split('\n');
  assert.equal(lines[0], nat[0]);
  assert.equal(lines.length, nat.length);
  let worst = 0;
  for (let i = 1; i < lines.length; i++) {
    const [a, b] = [lines[i].split(','), nat[i].split(',')];
    assert.equal(a.length, b.length);
    for (let j = 0; j < a.length; j++) {
      const [x, y] = [Number(a[j]), Number(b[j])];
      if (a[j] === '' || Number.isNaN(x) || Number.isNaN(y)) assert.equal(a[j], b[j], `row ${i} column ${nat[0].split(',')[j]}`);
      else worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.abs(y), 1e-12));
    }
  }
  assert.ok(worst < 1e-6, `largest relative difference ${worst}`);
  assert.ok(requests.slice(before).every((r) => r.startsWith('blob:')));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a date range narrows the scorecard to the orders inside it', async () => {
  const { page, errors } = await b.open();
  await tile(page, 'orders').waitFor();
  // Counted here from the sample's CSV: orders dated 2025-01-01 .. 2025-03-31.
  const rows = readFileSync(new URL('../../www/sample/orders.csv', import.meta.url), 'utf8').trim().split('\n');
  const col = rows[0].split(',').indexOf('order_date');
  const inRange = rows.slice(1).map((r) => r.split(',')[col]).filter((d) => d >= '2025-01-01' && d <= '2025-03-31').length;
  await page.locator('loyalty-scorecard [data-role=range-from]').fill('2025-01-01');
  await page.locator('loyalty-scorecard [data-role=range-to]').fill('2025-03-31');
  await page.locator('loyalty-scorecard [data-role=range-apply]').click();
  await page.locator('loyalty-scorecard [data-testid=caption]', { hasText: '2025-03-31' }).waitFor();
  assert.equal(await tile(page, 'orders').textContent(), inRange.toLocaleString('en-US'));
  assert.match(await page.locator('loyalty-scorecard [data-testid=caption]').textContent(), /2025-01-0\d/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a customer summary dropped on the page gives the same lifetime-value fit as the CLI on the orders', async (t) => {
  const cli = new URL('../../target/debug/loyalty-scorecard', import.meta.url).pathname;
  if (!existsSync(cli)) return t.skip('the CLI is built by cargo test, which runs before this');
  const orders = new URL('../fixtures/cdnow/cdnow_sample_orders.csv', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), 'ls-'));
  const summary = join(dir, 'cdnow_summary.csv');
  const native = JSON.parse(execFileSync(cli, ['analyze', '--orders', orders, '--as-of', '1997-09-30', '--summary-out', summary, '--format', 'json'],
    { encoding: 'utf8', maxBuffer: 64 << 20 }));
  const { page, errors, requests } = await b.open('', { init: (p) => p.addInitScript(() => document.addEventListener('ready', (e) => { window.__card = e.detail; })) });
  await tile(page, 'orders').waitFor();
  await page.evaluate(() => { window.__card = undefined; });
  await page.locator('loyalty-scorecard input[type=file]').setInputFiles(summary);
  await page.waitForFunction(() => window.__card !== undefined && window.__card.inputs[0]?.kind === 'summary', null, { timeout: 60_000 });
  const web = await page.evaluate(() => window.__card);
  // Published for CDNOW (Fader, Hardie & Lee 2005): r 0.243, alpha 4.414, a 0.793, b 2.426.
  const [a, b2] = [web.clv.bgnbd.fit.params, native.clv.bgnbd.fit.params];
  assert.deepEqual(a.map((p) => p.name), ['r', 'alpha', 'a', 'b']);
  a.forEach((p, i) => assert.ok(Math.abs(p.value - b2[i].value) <= 1e-6 * Math.abs(b2[i].value), `BG/NBD ${p.name}: ${p.value} vs ${b2[i].value}`));
  assert.equal(a[0].value.toFixed(3), '0.243');
  assert.ok(await page.locator('loyalty-scorecard [data-section=clv]').isVisible());
  // The page says which figures need the orders themselves.
  assert.match(await page.locator('loyalty-scorecard [data-testid=summary-input]').textContent(), /cohort/i);
  assert.ok(!requests.some((r) => r.includes('cdnow_summary')));
  assert.deepEqual(errors, []);
  await page.close();
});
