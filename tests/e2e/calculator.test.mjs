// End-to-end: <expectation-calculator> on the demo page, fed by the scorecard's sample shop,
// driven in Debian's Chromium via playwright-core (tests/e2e/browser.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { start } from './browser.mjs';

let b, url;
before(async () => { b = await start(); ({ url } = b); });
after(async () => { await b?.close(); });
const open = (path) => b.open(path);

const calc = 'expectation-calculator';
const tileValue = (page, id) => page.locator(`${calc} [data-figure="${id}"] .value`);
/** Waits until the calculator shows the sample shop's delivered orders. */
const withShopData = (page) => page.locator(`${calc} [data-testid=calc-source]`, { hasText: 'delivered orders' }).waitFor();
const pct1 = (v) => `${(100 * v).toFixed(1)}%`;

test('the calculator shows the sample shop and equals the command line on the same files', async (t) => {
  const cli = new URL('../../target/debug/loyalty-scorecard', import.meta.url).pathname;
  if (!existsSync(cli)) return t.skip('the CLI is built by cargo test, which runs before this');
  const files = ['orders', 'reviews', 'tickets', 'survey'].map((f) => new URL(`../../www/sample/${f}.csv`, import.meta.url).pathname);
  const out = execFileSync(cli, ['analyze', '--orders', files[0], '--reviews', files[1], '--tickets', files[2], '--surveys', files[3], '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const native = JSON.parse(out).expectation.result;
  const { page, errors, requests } = await open();
  await withShopData(page);
  const web = await page.locator(calc).evaluate((el) => el.result);
  const p = native.promise;
  assert.equal(web.promise.recommended_days, p.recommended_days);
  assert.equal(web.promise.current.days, p.current.days);
  assert.equal(web.promise.shortest_meeting_target, p.shortest_meeting_target);
  const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)), `${what}: CLI ${a}, page ${b}`);
  p.curve.forEach((c, i) => {
    close(c.on_time.value, web.promise.curve[i].on_time.value, `on time at ${c.days}`);
    close(c.value, web.promise.curve[i].value, `value at ${c.days}`);
    close(c.expected_rating, web.promise.curve[i].expected_rating, `rating at ${c.days}`);
  });
  close(native.expected_level.value, web.expected_level.value, 'expected level');
  close(native.what_if.after.on_time, web.what_if.after.on_time, 'what-if on time');
  close(native.what_if.after.repeat_rate.value, web.what_if.after.repeat_rate.value, 'what-if repeat rate');
  // What the page shows is those numbers.
  assert.equal(await tileValue(page, 'balance_point').textContent(), String(p.recommended_days));
  assert.match(await page.locator(`${calc} [data-figure=balance_point] .detail`).textContent(), new RegExp(`^${pct1(p.recommended.on_time.value).replace('.', '\\.')} arrive in time`));
  assert.equal(await tileValue(page, 'current_promise').textContent(), String(p.current.days));
  const advice = await page.locator(`${calc} [data-testid=advice] li`).first().textContent();
  const late = p.curve[p.recommended_days - 2].late_share;
  assert.equal(advice, `Promise ${p.recommended_days} days: ${(100 * p.recommended.on_time.value).toFixed(0)}% of orders arrive in time. Promising ${p.recommended_days - 1} days would make ${(100 * late).toFixed(0)}% late.`);
  // The chart has a focusable mark per promise and series, a table and a text alternative.
  assert.equal(await page.locator(`${calc} [data-chart=trade_off] g.pt`).count(), 2 * p.curve.length);
  assert.equal(await page.locator(`${calc} [data-chart=trade_off] tbody tr`).count(), p.curve.length);
  assert.match(await page.locator(`${calc} [data-testid=chart-alt]`).textContent(), /Balance point: \d+ days/);
  const origin = new URL(url).origin;
  assert.deepEqual(requests.filter((r) => new URL(r).origin !== origin && !r.startsWith('data:')), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('moving a slider recomputes within a frame and changes the recommendation and advice', async (t) => {
  const { page, errors } = await open();
  await withShopData(page);
  const before = await tileValue(page, 'balance_point').textContent();
  const adviceBefore = await page.locator(`${calc} [data-testid=advice]`).textContent();
  // Keyboard: focus the attractiveness slider and press End (k = 0.5: each extra day promised
  // loses 39% of orders), so a shorter promise wins.
  await page.locator(`${calc} [data-role=k]`).focus();
  await page.keyboard.press('End');
  await page.locator(`${calc} [data-out=ec-k]`, { hasText: '0.50' }).waitFor();
  const after = await tileValue(page, 'balance_point').textContent();
  assert.ok(Number(after) < Number(before), `balance point ${before} -> ${after}`);
  assert.notEqual(await page.locator(`${calc} [data-testid=advice]`).textContent(), adviceBefore);
  // The what-if slider: the advice names the new speed-up.
  await page.locator(`${calc} [data-role=speed]`).fill('40');
  await page.locator(`${calc} [data-testid=advice]`, { hasText: 'If deliveries were 40% faster' }).waitFor();
  // Time from the input event to the updated DOM: the handler runs synchronously, so the
  // results are in the DOM when dispatchEvent returns.
  const times = await page.locator(calc).evaluate((el) => {
    const slider = el.shadowRoot.querySelector('[data-role=speed]');
    const out = [];
    for (let i = 0; i < 30; i++) {
      slider.value = String((i % 10) * 5);
      const t0 = performance.now();
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      const shown = el.shadowRoot.querySelector('[data-panel=what-if] h4').textContent;
      const t1 = performance.now();
      if (!shown.includes(`${(i % 10) * 5}%`)) throw new Error(`not updated: ${shown}`);
      out.push({ total: t1 - t0, compute: el.lastComputeMs });
    }
    return out;
  });
  const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const total = median(times.map((x) => x.total));
  const compute = median(times.map((x) => x.compute));
  t.diagnostic(`input event -> updated DOM: median ${total.toFixed(2)} ms, max ${Math.max(...times.map((x) => x.total)).toFixed(2)} ms; calculate + render ${compute.toFixed(2)} ms`);
  assert.ok(total < 16, `median ${total} ms`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('without shop data it works on entered delivery times, in three languages', async () => {
  const { page, errors } = await open();
  await withShopData(page);
  await page.locator(calc).evaluate((el) => { el.data = null; });
  await page.locator(`${calc} [data-testid=calc-no-data]`).waitFor();
  assert.match(await page.locator(`${calc} [data-testid=calc-source]`).textContent(), /entered/);
  // Typical 3 days, worst case 7 (the defaults): a log-normal through both.
  const before = Number(await tileValue(page, 'balance_point').textContent());
  await page.locator(`${calc} [data-role=typical]`).fill('6');
  await page.locator(`${calc} [data-role=worst]`).fill('10');
  await page.locator(`${calc} [data-role=worst]`).press('Tab');
  await page.waitForFunction((b) => Number(document.querySelector('expectation-calculator').shadowRoot.querySelector('[data-figure=balance_point] .value').textContent) > b, before);
  const r = await page.locator(calc).evaluate((el) => el.result);
  assert.equal(r.delivery_source, 'typical_worst');
  assert.equal(r.promise.n ?? null, null); // None crosses the boundary as undefined
  // A factor slider moves the expected level.
  const level = await tileValue(page, 'expected_level').textContent();
  await page.locator(`${calc} [data-factor=word_of_mouth]`).fill('10');
  assert.notEqual(await tileValue(page, 'expected_level').textContent(), level);
  await page.locator(calc).evaluate((el) => el.setAttribute('lang', 'zh-CN'));
  await page.locator(`${calc} h2`, { hasText: '期望值计算器' }).waitFor();
  assert.match(await page.locator(`${calc} [data-figure=balance_point] .label`).textContent(), /平衡点/);
  assert.equal(await page.locator(`${calc} [data-factor=word_of_mouth]`).inputValue(), '10');
  await page.locator(calc).evaluate((el) => el.setAttribute('lang', 'zh-TW'));
  await page.locator(`${calc} [data-figure=balance_point] .label`, { hasText: '平衡點' }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('the calculator can be used with the keyboard: every control has a label', async () => {
  const { page } = await open();
  await withShopData(page);
  const unlabelled = await page.locator(calc).evaluate((el) =>
    [...el.shadowRoot.querySelectorAll('input, select')].filter((c) => !c.labels || c.labels.length === 0).map((c) => c.dataset.role));
  assert.deepEqual(unlabelled, []);
  const slider = page.locator(`${calc} [data-factor=price]`);
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await slider.inputValue(), '6');
  assert.equal(await page.locator(`${calc} [data-out=ec-f-price]`).textContent(), '6');
  await page.close();
});
