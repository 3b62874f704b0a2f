// Shared set-up of the end-to-end tests: the www/ server on a free port and Debian's Chromium
// through playwright-core, with every console error, page error and request recorded.
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

/** Starts the server (for `dir`, default www/) and the browser; returns { url, open(path), close() }. */
export async function start(dir) {
  const { server, url } = await serve(0, '127.0.0.1', dir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  /** Opens a page of www/ with a recorder of console errors (the page's and its workers'), page
   * errors and requests;
   * `init(page)` runs before the page loads (for init scripts); `locale` is the browser's
   * language (navigator.language; en-US unless given, whatever the machine's). */
  async function open(path = '', { viewport = { width: 1100, height: 900 }, init, locale = 'en-US' } = {}) {
    const page = await browser.newPage({ viewport, locale });
    if (init) await init(page);
    const errors = [];
    const requests = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    // The analysis worker's console too (a policy violation there is reported in it).
    page.on('worker', (w) => w.on('console', (m) => { if (m.type() === 'error') errors.push(`worker: ${m.text()}`); }));
    page.on('request', (r) => requests.push(r.url()));
    const response = await page.goto(url + path);
    return { page, errors, requests, response };
  }
  return { url, open, close: async () => { await browser.close(); server.close(); } };
}

/** The value of a headline tile of the scorecard. */
export const tile = (page, id) => page.locator(`loyalty-scorecard [data-figure="${id}"] .value`);
