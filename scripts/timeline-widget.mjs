// When each thread of the page is busy while the widget analyses a generated shop: the page's
// main thread, the analysis worker and its lifetime-value helper, from the drop to the figures
// on the page, from Chromium's own trace (tasks of 5 ms or more, merged when less than 5 ms
// apart). Shows which thread the widget path waits on.
//   bash scripts/build.sh --dist && node scripts/timeline-widget.mjs [SIZE]   (default 1000000;
//   the shop in www/bench-data/SIZE, made by npm run bench or the sample-shop generator)
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const size = process.argv[2] ?? '1000000';
const root = new URL('../www/', import.meta.url).pathname;
const { server, url } = await serve(0, '127.0.0.1', root);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.goto(`${url}bench.html`);
  await page.waitForFunction(() => window.benchReady === true);
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { categories: 'toplevel,blink.user_timing,__metadata', transferMode: 'ReportEvents' });
  const result = await page.evaluate((d) => window.runWidget(d), `bench-data/${size}`);
  await cdp.send('Tracing.end');
  await done;

  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const drop = events.find((e) => e.name === 'widget-drop');
  if (!drop) throw new Error('no widget-drop mark in the trace');
  const t0 = drop.ts;
  const end = t0 + result.ms * 1000;
  const busy = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || e.dur < 5000 || e.ts + e.dur < t0 || e.ts > end) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!busy.has(key)) busy.set(key, []);
    busy.get(key).push([Math.max(e.ts, t0), Math.min(e.ts + e.dur, end)]);
  }
  const ms = (us) => ((us - t0) / 1000).toFixed(0);
  console.log(`widget path ${result.ms.toFixed(0)} ms (drop at 0)`);
  for (const [key, spans] of busy) {
    spans.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const s of spans) {
      const last = merged[merged.length - 1];
      if (last && s[0] - last[1] < 5000) last[1] = Math.max(last[1], s[1]);
      else merged.push([...s]);
    }
    const total = merged.reduce((n, [a, b]) => n + b - a, 0) / 1000;
    console.log(`${(names.get(key) ?? key).padEnd(24)} busy ${total.toFixed(0)} ms: ${merged.map(([a, b]) => `${ms(a)}–${ms(b)}`).join(', ')}`);
  }
} finally {
  await browser.close();
  server.close();
}
