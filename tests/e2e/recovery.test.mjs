// End-to-end: the analysis worker cannot stay broken. A panic in its module (here asked for by
// the widget's selfTestCrash, as a bug or an exhausted memory would cause one) ends that
// worker; the widget starts a new one, says what it was working on and what to try, and the
// next load works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './browser.mjs';

let b;
before(async () => { b = await start(); });
after(async () => { await b?.close(); });

// In the page: a widget in a shadow root of its own, an event waiter, and a small orders file
// (3 orders, 2 customers).
const withWidget = (page) => page.addInitScript(() => {
  window.makeTestWidget = async () => {
    const { default: init, ScorecardWidget } = await import('./pkg/loyalty_scorecard.js');
    await init();
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const widget = new ScorecardWidget(root, 'en', new URL('./worker.js', location.href).href);
    const event = (name) => new Promise((ok) => host.addEventListener(name, (e) => ok(e.detail), { once: true }));
    return { widget, root, event };
  };
  window.testCsv = 'customer_id,order_date,total\nA,2024-01-05,10.00\nA,2024-02-01,30.00\nB,2024-01-09,20.00\n';
});

test('after a panic in the worker the widget starts a new one and the next load works', async () => {
  const { page, errors } = await b.open('', { init: withWidget });
  const result = await page.evaluate(async () => {
    const { widget, root, event } = await window.makeTestWidget();
    const bytes = (text) => new TextEncoder().encode(text);
    const csv = window.testCsv;
    // A first analysis, so the message can name its files.
    let ready = event('ready');
    widget.load([{ name: 'first.csv', bytes: bytes(csv) }]);
    await ready;
    const stopped = event('error');
    widget.selfTestCrash();
    const message = await stopped;
    const alert = root.querySelector('[role=alert]').textContent;
    // The next load goes to the new worker (an error instead, as a broken worker would give,
    // fails the test).
    ready = Promise.race([event('ready'), event('error').then((e) => { throw new Error(`the next load failed: ${e}`); })]);
    widget.load([{ name: 'second.csv', bytes: bytes(csv) }]);
    const card = await ready;
    return { message, alert, orders: card.orders.orders.value, customers: card.orders.customers.value };
  });
  assert.match(result.message, /stopped unexpectedly while working on first\.csv/);
  assert.match(result.message, /Drop the files again/);
  assert.match(result.alert, /first\.csv/);
  // What the owner reads has no trap text; that goes to the console.
  assert.doesNotMatch(result.alert, /unreachable|RuntimeError|panicked/);
  assert.equal(result.orders, 3);
  assert.equal(result.customers, 2);
  // The panic is reported by the worker, not left as an error of the page.
  assert.deepEqual(errors.filter((e) => !/unreachable|recovery test|RuntimeError/.test(e)), []);
  await page.close();
});

// The widget's worker warms up on a made-up shop when it starts (see worker.js). A warm-up
// that fails leaves a module that cannot be trusted: that worker stops, and the widget, with no
// request waiting, quietly starts one that does not warm up. Here the warm-up is made to fail
// by serving a worker.js whose warm-up call throws.
test('a worker whose warm-up fails is replaced quietly and the first load works', async () => {
  const { readFile } = await import('node:fs/promises');
  const source = await readFile(new URL('../../www/worker.js', import.meta.url), 'utf8');
  const failing = source.replace('      warmUp();', "      throw new Error('warm-up made to fail by the test');");
  assert.notEqual(failing, source, 'worker.js calls warmUp() where the test expects it');
  const warnings = [];
  const { page, errors } = await b.open('', {
    init: async (p) => {
      await withWidget(p);
      await p.route('**/worker.js', (route) => route.fulfill({ contentType: 'text/javascript', body: failing }));
      p.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    },
  });
  const result = await page.evaluate(async () => {
    const { widget, root, event } = await window.makeTestWidget();
    // Time for the first worker to load, fail its warm-up and be replaced.
    await new Promise((r) => setTimeout(r, 2000));
    const csv = window.testCsv;
    const ready = Promise.race([event('ready'), event('error').then((e) => { throw new Error(`the load failed: ${e}`); })]);
    widget.load([{ name: 'after.csv', bytes: new TextEncoder().encode(csv) }]);
    const card = await ready;
    return { orders: card.orders.orders.value, alert: root.querySelector('[role=alert]')?.textContent ?? '' };
  });
  assert.equal(result.orders, 3);
  // Nothing was lost, so the owner is told nothing.
  assert.equal(result.alert.trim(), '');
  // Replaced once: the new worker does not warm up, so it does not fail in turn.
  assert.equal(warnings.filter((w) => /worker was replaced: the warm-up failed/.test(w)).length, 1, warnings.join('\n'));
  assert.deepEqual(errors, []);
  await page.close();
});
