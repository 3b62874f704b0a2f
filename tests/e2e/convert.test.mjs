// End-to-end: workbooks and legacy-encoded texts are read by the second module
// (pkg/convert_bg.wasm), which the worker loads only when such a file is dropped. The expected
// figures are the reading corpus's (tests/fixtures/input/*.expect.json, written by hand).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, tile } from './browser.mjs';

let b;
before(async () => { b = await start(); });
after(async () => { await b?.close(); });

const fixture = (name) => new URL(`../fixtures/input/${name}`, import.meta.url).pathname;
const expected = (name) => JSON.parse(readFileSync(fixture(`${name}.expect.json`)));
const converterRequests = (requests) => requests.filter((u) => u.endsWith('/pkg/convert_bg.wasm'));

test('the second module is not loaded for the sample, and is loaded once for workbooks and legacy texts', async () => {
  const { page, errors, requests } = await b.open();
  await tile(page, 'orders').waitFor();
  assert.deepEqual(converterRequests(requests), [], 'the sample (UTF-8 CSV) needs no second module');

  const cases = [
    // Big5 found by detection (no option), GB-family text of Taiwan's shops.
    ['orders_zh_big5_detected.csv', /orders_zh_big5_detected\.csv \([^)]*, Big5\)/],
    // Windows-1252, the usual "ANSI" of a European spreadsheet's CSV.
    ['orders_cp1252.csv', /orders_cp1252\.csv \([^)]*, windows-1252\)/],
    // A workbook: date cells, an ISO text date and a bare serial number.
    ['orders.xlsx', /orders\.xlsx \([^)]*, xlsx\)/],
  ];
  for (const [name, account] of cases) {
    const e = expected(name);
    await page.locator('loyalty-scorecard input[type=file]').setInputFiles(fixture(name));
    await page.locator('loyalty-scorecard [data-testid=caption]', { hasText: name }).waitFor();
    assert.equal(await tile(page, 'orders').textContent(), String(e.records), name);
    const line = await page.locator('loyalty-scorecard .account-line').first().textContent();
    assert.match(line, account, name);
    assert.match(line, new RegExp(`${e.rows_read} = ${e.rows_used} `), name);
  }
  assert.equal(converterRequests(requests).length, 1, 'fetched once, then kept');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the JS API reads a Big5 text and a workbook, with a sheet named in the options', async () => {
  const { page, errors } = await b.open();
  const files = ['orders_zh_big5_detected.csv', 'orders_second_sheet.xlsx'];
  const cards = await page.evaluate(async (inputs) => {
    const { analyze } = await import('./loyalty-scorecard.js');
    const out = [];
    for (const { name, bytes, options } of inputs) {
      out.push(await analyze([{ name, bytes: new Uint8Array(bytes), options }]));
    }
    return out;
  }, files.map((name) => ({ name, bytes: [...readFileSync(fixture(name))], options: expected(name).options })));
  for (const [i, name] of files.entries()) {
    const e = expected(name);
    const input = cards[i].inputs[0];
    assert.equal(cards[i].orders.orders.value, e.records, name);
    assert.equal(input.encoding, e.encoding ?? 'xlsx', name);
    assert.equal(input.rows_read, e.rows_read, name);
    if (e.sheet) assert.equal(input.sheet, e.sheet, name);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("the second module's own errors reach the page, and it keeps working after one", async () => {
  const { page, errors } = await b.open();
  await tile(page, 'orders').waitFor();
  // A zip archive that is not a workbook: refused by the second module, with its reason.
  await page.locator('loyalty-scorecard input[type=file]').setInputFiles(fixture('bad_zip_not_xlsx.csv'));
  const error = page.locator('loyalty-scorecard [part~=error]');
  await error.filter({ hasText: 'bad_zip_not_xlsx.csv' }).waitFor();
  assert.match(await error.textContent(), new RegExp(expected('bad_zip_not_xlsx.csv').error_contains.replace('.', '\\.')));
  await page.locator('loyalty-scorecard input[type=file]').setInputFiles(fixture('orders.xlsx'));
  await page.locator('loyalty-scorecard [data-testid=caption]', { hasText: 'orders.xlsx' }).waitFor();
  assert.equal(await tile(page, 'orders').textContent(), String(expected('orders.xlsx').records));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a workbook without the second module served says what is missing and how to go on', async () => {
  const { page, errors } = await b.open();
  await tile(page, 'orders').waitFor();
  await page.route('**/pkg/convert_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not here' }));
  await page.locator('loyalty-scorecard input[type=file]').setInputFiles(fixture('orders.xlsx'));
  const error = page.locator('loyalty-scorecard [part~=error]');
  await error.filter({ hasText: 'orders.xlsx' }).waitFor();
  const text = await error.textContent();
  assert.match(text, /orders\.xlsx: this workbook needs the reader for workbooks and legacy encodings/);
  assert.match(text, /UTF-8 CSV/);
  // The 404 itself is the browser's console message; nothing else went wrong.
  assert.deepEqual(errors.filter((e) => !/404|Failed to load resource/.test(e)), []);
  await page.close();
});

test('a trap in the second module: the file gets its error, the worker is replaced, and the next files read', async () => {
  // The real second module with its `convert` made to trap at once (`unreachable`): what a
  // workbook that exhausts the module's memory does, without needing one.
  const { default: binaryen } = await import('binaryen');
  const real = readFileSync(new URL('../../www/pkg/convert_bg.wasm', import.meta.url));
  const mod = binaryen.readBinary(new Uint8Array(real));
  const target = binaryen.getExportInfo(mod.getExport('convert')).value;
  binaryen.Function.setBody(mod.getFunction(target), mod.unreachable());
  const trapping = Buffer.from(mod.emitBinary());
  mod.dispose();

  const { page, errors } = await b.open();
  await tile(page, 'orders').waitFor();
  let served = 0;
  await page.route('**/pkg/convert_bg.wasm', (route) => {
    served += 1;
    return route.fulfill({ status: 200, contentType: 'application/wasm', body: trapping });
  });
  // The worker answers the request, then reports itself failed, and the page replaces it.
  const replaced = page.waitForEvent('console', { predicate: (m) => m.text().includes('the analysis worker was replaced'), timeout: 60_000 });
  await page.locator('loyalty-scorecard input[type=file]').setInputFiles(fixture('orders.xlsx'));
  const error = page.locator('loyalty-scorecard [part~=error]');
  await error.filter({ hasText: 'orders.xlsx' }).waitFor();
  await replaced;
  assert.match(await error.textContent(), /orders\.xlsx: the reader of workbooks and legacy encodings failed on this file \(unreachable; the file may be too large to read in the browser: save it as UTF-8 CSV/);
  assert.equal(served, 1);

  // The second module as built again: the replaced worker fetches it anew and reads the
  // workbook, and a UTF-8 CSV reads as before.
  await page.unroute('**/pkg/convert_bg.wasm');
  await page.locator('loyalty-scorecard input[type=file]').setInputFiles(fixture('orders.xlsx'));
  await page.locator('loyalty-scorecard [data-testid=caption]', { hasText: 'orders.xlsx' }).waitFor();
  assert.equal(await tile(page, 'orders').textContent(), String(expected('orders.xlsx').records));
  // The trap is reported by the browser as the worker's uncaught failure at most; nothing else.
  assert.deepEqual(errors.filter((e) => !/unreachable|reader of workbooks/.test(e)), []);
  await page.close();
});
