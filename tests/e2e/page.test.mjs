// End-to-end: the real page, served on 127.0.0.1, driven in Debian's Chromium via playwright-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { start, tile } from './browser.mjs';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/slice_small.json', import.meta.url)));
const fixturePath = new URL('../fixtures/slice_small.csv', import.meta.url).pathname;

let b, url;
before(async () => { b = await start(); ({ url } = b); });
after(async () => { await b?.close(); });
const open = (path, opts) => b.open(path, opts);

test('the page loads the sample shop with no console errors', async () => {
  const { page, errors } = await open();
  await tile(page, 'orders').waitFor();
  // The generated sample (www/sample/orders.csv, generator started from 2024) has 3,048 orders of 1,500 customers;
  // its repeat figures are checked against an independent count of the CSV below.
  const csv = readFileSync(new URL('../../www/sample/orders.csv', import.meta.url), 'utf8').trim().split('\n').slice(1);
  const perCustomer = new Map();
  for (const line of csv) { const c = line.split(',')[1]; perCustomer.set(c, (perCustomer.get(c) ?? 0) + 1); }
  const repeaters = [...perCustomer.values()].filter((k) => k >= 2).length;
  assert.equal(await tile(page, 'orders').textContent(), csv.length.toLocaleString('en-US'));
  assert.equal(await tile(page, 'customers').textContent(), perCustomer.size.toLocaleString('en-US'));
  assert.equal(await tile(page, 'repeat_purchase_rate').textContent(), `${(100 * repeaters / perCustomer.size).toFixed(1)}%`);
  assert.match(await page.locator('loyalty-scorecard [data-testid=caption]').textContent(), /sample shop \(orders\.csv, reviews\.csv, tickets\.csv, survey\.csv\)/);
  assert.equal(await page.locator('loyalty-scorecard [data-chart=customers_by_orders] .bar').count(), 5);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an uploaded orders file replaces the sample and shows its hand-checked figures', async () => {
  const { page, errors } = await open();
  await tile(page, 'orders').waitFor();
  await page.locator('loyalty-scorecard input[type=file]').setInputFiles(fixturePath);
  await page.locator('loyalty-scorecard [data-testid=caption]', { hasText: 'slice_small.csv' }).waitFor();
  const e = fixture.expected;
  assert.equal(await tile(page, 'orders').textContent(), String(e.orders));
  assert.equal(await tile(page, 'customers').textContent(), String(e.customers));
  assert.equal(await tile(page, 'revenue').textContent(), '1,297.25');
  assert.match(await page.locator('loyalty-scorecard [data-figure=orders] .detail').textContent(), /incl\. 1 without a customer key/);
  assert.equal(await tile(page, 'repeat_purchase_rate').textContent(), '50.0%');
  assert.equal(await tile(page, 'orders_per_customer').textContent(), '1.75');
  assert.match(await page.locator('loyalty-scorecard [data-figure=repeat_purchase_rate] .detail').textContent(), /95% CI 15\.0%–85\.0%/);
  const account = await page.locator('loyalty-scorecard .account-line').textContent();
  assert.match(account, /11 = 8 used \+ 3 rejected/);
  const rows = await page.locator('loyalty-scorecard table.issues tbody tr td:first-child').allTextContents();
  assert.deepEqual(rows, e.issues.map((i) => String(i[0])));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a file without the needed columns shows a clear error naming the file', async () => {
  const { page } = await open();
  await tile(page, 'orders').waitFor();
  await page.locator('loyalty-scorecard input[type=file]').setInputFiles({
    name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from('customer,amount\nA,1\n'),
  });
  const alert = page.locator('loyalty-scorecard [role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /wrong\.csv: no column for order_date/);
  await page.close();
});

test('an orders file without money is read: counts shown, revenue not known (in Chinese too), never 0.00', async () => {
  const { page, errors } = await open();
  await tile(page, 'orders').waitFor();
  const noMoney = new URL('../fixtures/input/platform_woocommerce_no_money.csv', import.meta.url).pathname;
  await page.locator('loyalty-scorecard input[type=file]').setInputFiles(noMoney);
  await page.locator('loyalty-scorecard [data-testid=caption]', { hasText: 'platform_woocommerce_no_money.csv' }).waitFor();
  // By hand: 5 orders of 3 customers (ann 2, bob 2 in two letter cases, cy 1).
  assert.equal(await tile(page, 'orders').textContent(), '5');
  assert.equal(await tile(page, 'customers').textContent(), '3');
  assert.equal(await tile(page, 'repeat_purchase_rate').textContent(), '66.7%');
  assert.equal(await tile(page, 'revenue').textContent(), '–');
  const warn = page.locator('loyalty-scorecard [data-figure=revenue] .warn');
  assert.match(await warn.textContent(), /No money column/);
  await page.locator('loyalty-scorecard select.lang').selectOption('zh-CN');
  await page.locator('loyalty-scorecard [data-figure=revenue] .warn', { hasText: '订单文件没有金额列' }).waitFor();
  assert.equal(await tile(page, 'revenue').textContent(), '–');
  // The small-sample warning is written in the reader's language too.
  assert.match(await page.locator('loyalty-scorecard [data-figure=repeat_purchase_rate] .warn').textContent(), /只有 3 位顾客/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the demo opens in the visitor's language: zh-CN and zh-TW browsers, ?lang= over both", async () => {
  const label = (page) => page.locator('loyalty-scorecard [data-figure=repeat_purchase_rate] .label');
  for (const [locale, path, lang, repeat, intro] of [
    ['zh-CN', '', 'zh-CN', '重复购买率', /不会上传/],
    ['zh-TW', '', 'zh-TW', '重複購買率', /不會上傳/],
    ['zh-CN', '?lang=en', 'en', 'Repeat-purchase rate', /nothing is uploaded/],
  ]) {
    const { page, errors } = await open(path, { locale });
    await label(page).waitFor();
    assert.equal(await label(page).textContent(), repeat, `${locale} ${path}`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    assert.equal(await page.locator('loyalty-scorecard').getAttribute('lang'), lang);
    assert.equal(await page.locator('expectation-calculator').getAttribute('lang'), lang);
    assert.match(await page.locator('[data-text=intro]').textContent(), intro);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('neighbouring charts share a row in a wide scorecard and stack in a narrow one', async () => {
  for (const [width, sideBySide] of [[1280, true], [700, false]]) {
    const { page } = await open('', { viewport: { width, height: 900 } });
    await tile(page, 'orders').waitFor();
    const ladder = page.locator('loyalty-scorecard figure[data-chart=trust_funnel]');
    const levers = page.locator('loyalty-scorecard figure[data-chart=trust_levers]');
    await ladder.scrollIntoViewIfNeeded();
    const [a, c] = [await ladder.boundingBox(), await levers.boundingBox()];
    assert.equal(Math.abs(a.y - c.y) < 1 && c.x > a.x + a.width, sideBySide, `${width}px: ${JSON.stringify([a, c])}`);
    await page.close();
  }
});

test('charts are as wide as their panels, their text 12px, and follow a resize', async () => {
  const { page } = await open('', { viewport: { width: 1280, height: 900 } });
  await tile(page, 'orders').waitFor();
  // The content width of a panel and its chart's drawn (viewBox) and laid-out widths.
  const sizes = (id) => page.locator(`loyalty-scorecard figure[data-chart=${id}]`).evaluate((f) => {
    const s = getComputedStyle(f);
    const content = f.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    const svg = f.querySelector('svg.chart');
    return { content, drawn: Number(svg.getAttribute('viewBox').split(' ')[2]), shown: svg.getBoundingClientRect().width };
  });
  const fits = (x, what) => {
    assert.ok(Math.abs(x.drawn - x.content) <= 2, `${what}: drawn ${x.drawn} for a panel ${x.content} wide`);
    assert.ok(Math.abs(x.shown - x.drawn) <= 1, `${what}: shown ${x.shown}, drawn ${x.drawn} (its text would be scaled)`);
  };
  // A chart alone on its row, and one of two side by side (about half as wide).
  const [solo, paired] = [await sizes('delivery'), await sizes('trust_funnel')];
  fits(solo, 'delivery at 1280px');
  fits(paired, 'trust ladder at 1280px');
  assert.ok(solo.content > 900 && paired.content < 0.6 * solo.content, JSON.stringify([solo, paired]));
  // Narrower: drawn again for the new width.
  await page.setViewportSize({ width: 600, height: 900 });
  await page.waitForFunction(() => {
    const f = document.querySelector('loyalty-scorecard').shadowRoot.querySelector('figure[data-chart=delivery]');
    const svg = f?.querySelector('svg.chart');
    return svg && Math.abs(Number(svg.getAttribute('viewBox').split(' ')[2]) - (f.clientWidth - 30)) < 40;
  });
  fits(await sizes('delivery'), 'delivery at 600px');
  fits(await sizes('trust_funnel'), 'trust ladder at 600px');
  await page.close();
});

test('the language switch shows Chinese labels', async () => {
  const { page } = await open();
  await tile(page, 'orders').waitFor();
  await page.locator('loyalty-scorecard select.lang').selectOption('zh-CN');
  // The view is rebuilt in the worker: wait for it.
  await page.locator('loyalty-scorecard [data-figure=repeat_purchase_rate] .label', { hasText: '重复购买率' }).waitFor();
  assert.equal(await page.locator('loyalty-scorecard [data-figure=repeat_purchase_rate] .label').textContent(), '重复购买率');
  assert.match(await page.locator('loyalty-scorecard [data-testid=caption]').textContent(), /示例店铺 \(orders\.csv, reviews\.csv, tickets\.csv, survey\.csv\)/);
  assert.equal(await page.locator('loyalty-scorecard').getAttribute('lang'), 'zh-CN');
  await page.locator('loyalty-scorecard select.lang').selectOption('zh-TW');
  await page.locator('loyalty-scorecard [data-figure=repeat_purchase_rate] .label', { hasText: '重複購買率' }).waitFor();
  assert.equal(await page.locator('loyalty-scorecard [data-figure=repeat_purchase_rate] .label').textContent(), '重複購買率');
  await page.close();
});

test('no request leaves the page origin, even after a file is analysed', async () => {
  const { page, requests } = await open();
  await tile(page, 'orders').waitFor();
  await page.locator('loyalty-scorecard input[type=file]').setInputFiles(fixturePath);
  await page.locator('loyalty-scorecard [data-testid=caption]', { hasText: 'slice_small.csv' }).waitFor();
  await page.waitForTimeout(300);
  const origin = new URL(url).origin;
  assert.ok(requests.length > 0);
  const foreign = requests.filter((r) => new URL(r).origin !== origin && !r.startsWith('data:'));
  assert.deepEqual(foreign, []);
  // Nothing is sent at all when a file is analysed: no POST, no request carrying file content.
  assert.ok(!requests.some((r) => r.includes('slice_small')));
  await page.close();
});

test('the JS API analyses bytes and resolves to the Scorecard', async () => {
  const { page } = await open();
  const card = await page.evaluate(async (csv) => {
    const { analyze } = await import('./loyalty-scorecard.js');
    return analyze([{ name: 'api.csv', bytes: new TextEncoder().encode(csv) }]);
  }, readFileSync(fixturePath, 'utf8'));
  assert.equal(card.orders.orders.value, fixture.expected.orders);
  assert.equal(card.orders.revenue.value, fixture.expected.revenue);
  assert.equal(card.inputs[0].rows_rejected, fixture.expected.rows_rejected);
  await page.close();
});

test('a long analysis shows progress in a worker and can be cancelled; the page stays responsive', async () => {
  const { page, errors } = await open();
  await tile(page, 'orders').waitFor();
  // About 30 MB of orders, built here: long enough to catch the analysis in progress.
  const lines = ['customer_id,order_date,total'];
  for (let i = 0; i < 600_000; i++) lines.push(`C${i % 90_000},2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${(i % 500) + 0.99}`);
  const buffer = Buffer.from(lines.join('\n'));
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
      .observe({ type: 'longtask' });
  });
  await page.locator('loyalty-scorecard input[type=file]').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer });
  const row = page.locator('loyalty-scorecard [data-role=progress-row]');
  await row.waitFor({ state: 'visible' });
  // The main thread answers while the worker works.
  const t0 = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  assert.ok(Date.now() - t0 < 1000, 'main thread responsive during analysis');
  await page.locator('loyalty-scorecard [data-role=cancel]').click();
  await row.waitFor({ state: 'hidden' });
  assert.match(await page.locator('loyalty-scorecard [role=status]').textContent(), /cancelled/);
  // The sample's figures stay; a new file still works after cancelling.
  await page.locator('loyalty-scorecard input[type=file]').setInputFiles(fixturePath);
  await page.locator('loyalty-scorecard [data-testid=caption]', { hasText: 'slice_small.csv' }).waitFor();
  assert.equal(await tile(page, 'orders').textContent(), String(fixture.expected.orders));
  assert.deepEqual(errors, []);
  await page.close();
});

test('embedded in a host page with hostile CSS, the widget keeps its own styles', async () => {
  const { page, errors } = await open('admin-demo.html');
  await tile(page, 'orders').waitFor();
  const style = await page.locator('loyalty-scorecard [data-figure=orders]').evaluate((el) => {
    const s = getComputedStyle(el);
    return { border: s.borderTopStyle, font: s.fontSize, family: s.fontFamily, spacing: s.letterSpacing };
  });
  assert.notEqual(style.border, 'dotted');
  assert.notEqual(style.font, '30px');
  assert.doesNotMatch(style.family, /Georgia/);
  assert.equal(style.spacing, 'normal');
  assert.ok(await page.locator('loyalty-scorecard [data-chart=customers_by_orders] svg').isVisible());
  assert.match(await page.locator('loyalty-scorecard [data-figure=repeat_purchase_rate] .label').textContent(), /重复购买率/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the page shows the same figures as the command line on the same files', async (t) => {
  const cli = new URL('../../target/debug/loyalty-scorecard', import.meta.url).pathname;
  if (!existsSync(cli)) return t.skip('the CLI is built by cargo test, which runs before this');
  const files = ['orders', 'reviews', 'tickets', 'survey'].map((f) => new URL(`../../www/sample/${f}.csv`, import.meta.url).pathname);
  const out = execFileSync(cli, ['analyze', '--orders', files[0], '--reviews', files[1], '--tickets', files[2], '--surveys', files[3], '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const native = JSON.parse(out);
  const { page } = await open('', { init: (p) => p.addInitScript(() => document.addEventListener('ready', (e) => { window.__card = e.detail; })) });
  await page.waitForFunction(() => window.__card !== undefined);
  const web = await page.evaluate(() => window.__card);
  const pick = (c) => ({
    orders: c.orders.orders.value,
    repeat: c.orders.repeat_purchase_rate.value,
    rating: c.satisfaction.ratings.overall.average.value,
    nps: c.satisfaction.survey_scores.nps.overall.nps.value,
    late: c.satisfaction.delivery.late_share.value,
    complaints: c.satisfaction.complaints.rate_per_order.value,
    top20: c.loyalty.concentration.top_20_share,
    gini: c.loyalty.concentration.gini,
    index: c.survey.index.index,
    bgnbd: c.clv.bgnbd.fit.params.map((p) => p.value),
    expected: c.clv.aggregates.find((a) => a.name === 'expected_repeat_purchases').value,
  });
  const a = pick(native);
  const b = pick(web);
  // The same Rust core in two builds: counts equal exactly, floating-point results to 1e-9.
  for (const k of Object.keys(a)) {
    const [x, y] = [[a[k]].flat(), [b[k]].flat()];
    x.forEach((v, i) => assert.ok(Math.abs(v - y[i]) <= 1e-9 * Math.max(1, Math.abs(v)), `${k}: CLI ${v}, page ${y[i]}`));
  }
  const shown = await tile(page, 'average_rating').textContent();
  assert.equal(shown, a.rating.toFixed(2));
  // The trust funnel: the page shows the CLI's count of satisfied customers, and five steps.
  const satisfied = native.trust.funnel.steps.find((s) => s.step === 'satisfied').customers;
  assert.equal(await tile(page, 'trust_satisfied').textContent(), satisfied.toLocaleString('en-US'));
  assert.equal(await page.locator('loyalty-scorecard [data-chart=trust_funnel] .bar').count(), 5);
  await page.close();
});

test('the widget can be used with the keyboard alone', async () => {
  const { page, errors } = await open();
  await tile(page, 'orders').waitFor();
  // Tab into the widget: the JSON and customer exports, the language switch, then "Choose files…".
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.dataset.role), 'export');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.dataset.role), 'export-customers');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.dataset.role), 'lang');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.dataset.role), 'choose');
  // Enter on the focused button opens the file chooser (retried: under heavy load the first
  // key press can arrive before the browser grants the activation).
  let chooser = null;
  for (let i = 0; i < 3 && !chooser; i++) {
    [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 8000 }).catch(() => null), page.keyboard.press('Enter')]);
  }
  assert.ok(chooser, 'Enter on "Choose files" opens the file chooser');
  await chooser.setFiles(fixturePath);
  await page.locator('loyalty-scorecard [data-testid=caption]', { hasText: 'slice_small.csv' }).waitFor();
  assert.equal(await tile(page, 'orders').textContent(), String(fixture.expected.orders));
  // Then the date range (its fields and Apply), and the chart marks, which carry their value
  // as an accessible name.
  const seen = [];
  let label = null;
  for (let i = 0; i < 20 && !label; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement?.shadowRoot?.activeElement;
      return { role: a?.dataset.role ?? null, bar: a?.classList.contains('bar') ?? false, label: a?.getAttribute('aria-label') ?? null };
    });
    if (el.role) seen.push(el.role);
    if (el.bar) label = el.label;
  }
  assert.ok(['range-from', 'range-to', 'range-apply'].every((r) => seen.includes(r)), seen.join(' '));
  assert.match(label ?? '', /orders: \d+ customers/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the scorecard can be exported as JSON, made in the page', async () => {
  const { page, requests } = await open();
  await tile(page, 'orders').waitFor();
  const before = requests.length;
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('loyalty-scorecard [data-role=export]').click()]);
  assert.equal(download.suggestedFilename(), 'loyalty-scorecard.json');
  const card = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(card.orders.orders.value, 3048);
  assert.equal(card.schema_version, 1);
  assert.ok(requests.slice(before).every((r) => r.startsWith('blob:')), 'only the local blob is fetched');
  await page.close();
});

test('the complaint iceberg moves when the user changes its assumptions', async () => {
  const { page, errors } = await open();
  await tile(page, 'orders').waitFor();
  const text = page.locator('loyalty-scorecard [data-testid=iceberg]');
  const before = await text.textContent();
  const complained = Number(before.match(/^(\d+) customers complained/)[1]);
  assert.ok(complained > 0);
  // TARP's commonly cited figures: 26 silent per complaint, 9 people told.
  await page.locator('loyalty-scorecard [data-role=iceberg-silent]').fill('26');
  await page.locator('loyalty-scorecard [data-role=iceberg-silent]').press('Tab');
  await page.locator('loyalty-scorecard [data-testid=iceberg]', { hasText: `about ${complained * 26} more` }).waitFor();
  await page.locator('loyalty-scorecard [data-role=iceberg-told]').fill('9');
  await page.locator('loyalty-scorecard [data-role=iceberg-told]').press('Tab');
  const reach = (complained + complained * 26) * 9;
  await page.locator('loyalty-scorecard [data-testid=iceberg]', { hasText: `about ${reach} people` }).waitFor();
  // The page's copy of the scorecard (its JSON export) is the worker's, changed assumptions included.
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('loyalty-scorecard [data-role=export]').click()]);
  const exported = JSON.parse(readFileSync(await file.path(), 'utf8'));
  const ice = exported.satisfaction.complaints.iceberg;
  assert.equal(ice.assumptions.silent_per_complaint, 26);
  assert.equal(ice.assumptions.people_told_per_unhappy, 9);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the scorecard opens with its findings; each links to its section, in every language', async () => {
  const { page, errors } = await open();
  const panel = page.locator('loyalty-scorecard [data-testid=findings]');
  await panel.waitFor();
  // Right under the caption, before the tiles.
  assert.equal(await page.locator('loyalty-scorecard .card > :nth-child(2)').getAttribute('data-testid'), 'findings');
  const items = panel.locator('li');
  const n = await items.count();
  assert.ok(n >= 3 && n <= 5, `${n} findings`);
  // The sample shop's satisfied-but-not-back figure, as the trust section has it.
  assert.match(await panel.locator('li[data-kind=satisfied_not_back]').textContent(), /61\.7%/);
  // A finding's link scrolls to its section's heading and moves the focus there.
  const link = panel.locator('li[data-kind=satisfied_not_back] a[data-role=goto]');
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('loyalty-scorecard').shadowRoot.activeElement?.id === 'ls-h-trust');
  const top = await page.evaluate(() => document.querySelector('loyalty-scorecard').shadowRoot.getElementById('ls-h-trust').getBoundingClientRect().top);
  assert.ok(top >= -2 && top < 300, `heading at ${top}px`);
  assert.equal(new URL(page.url()).hash, '', 'the host page\'s address is left alone');
  for (const [lang, word] of [['zh-CN', '要点一览'], ['zh-TW', '要點一覽']]) {
    await page.locator('loyalty-scorecard select.lang').selectOption(lang);
    await panel.locator('h3', { hasText: word }).waitFor();
    const text = await panel.textContent();
    // Latin words only as names and units (BG/NBD, EUR, CI-free Chinese text).
    const english = (text.match(/[A-Za-z]{4,}/g) ?? []).filter((w) => !['EUR'].includes(w));
    assert.deepEqual(english, [], `${lang}: ${text}`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('with its lifetime-value fits made by a second worker, the widget shows the scorecard made in one go', async () => {
  const workers = [];
  const { page } = await open('', { init: (p) => p.on('worker', (w) => workers.push(w.url())) });
  await page.waitForFunction(() => document.querySelector('loyalty-scorecard')?.shadowRoot?.querySelector('[data-testid=caption]'));
  const [widget, api] = await page.evaluate(async () => {
    const kinds = { orders: 'orders', reviews: 'reviews', tickets: 'tickets', survey: 'surveys' };
    const inputs = await Promise.all(Object.entries(kinds).map(async ([n, kind]) => ({
      name: `${n}.csv`, kind, bytes: new Uint8Array(await (await fetch(`sample/${n}.csv`)).arrayBuffer()),
    })));
    const el = document.querySelector('loyalty-scorecard');
    const ready = new Promise((ok) => el.addEventListener('ready', (e) => ok(e.detail), { once: true }));
    el.load(inputs.map((f) => ({ ...f, bytes: f.bytes.slice() })), 'again');
    const { analyze } = await import('./loyalty-scorecard.js');
    return [await ready, await analyze(inputs)];
  });
  // The analysis worker and its helper (the same script).
  assert.ok(workers.filter((u) => u.endsWith('/worker.js')).length >= 2, workers.join(', '));
  assert.ok(widget.clv.bgnbd.fit && widget.clv.validation.length > 0 && widget.trust);
  assert.deepEqual(widget, api);
  await page.close();
});

test('a language change while the lifetime-value fits are made elsewhere shows the new scorecard in that language', async () => {
  const { page } = await open();
  await page.waitForFunction(() => document.querySelector('loyalty-scorecard')?.shadowRoot?.querySelector('[data-testid=caption]'));
  const shown = await page.evaluate(async () => {
    const kinds = { orders: 'orders', reviews: 'reviews', tickets: 'tickets', survey: 'surveys' };
    const inputs = await Promise.all(Object.entries(kinds).map(async ([n, kind]) => ({
      name: `${n}.csv`, kind, bytes: new Uint8Array(await (await fetch(`sample/${n}.csv`)).arrayBuffer()),
    })));
    const el = document.querySelector('loyalty-scorecard');
    const ready = new Promise((ok) => el.addEventListener('ready', (e) => ok(e.detail), { once: true }));
    el.load(inputs, 'second shop');
    // Sent while the worker reads the files: carried out once the new scorecard is made.
    const select = el.shadowRoot.querySelector('select.lang');
    select.value = 'zh-CN';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await ready;
    const root = el.shadowRoot;
    for (let i = 0; i < 200 && !(root.querySelector('.card[lang="zh-CN"]') && root.querySelector('[data-testid=caption]')?.textContent.includes('second shop')); i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    return [root.querySelector('.card')?.getAttribute('lang'), root.querySelector('[data-testid=caption]')?.textContent ?? '', !!root.querySelector('.progress:not([hidden])')];
  });
  assert.equal(shown[0], 'zh-CN');
  assert.match(shown[1], /second shop/);
  await page.close();
});
