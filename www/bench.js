// Browser half of `npm run bench`, driven by scripts/bench.mjs:
//   window.runBench(dir, reps)  the analysis called directly (stage times, same as the native run)
//   window.runWidget(dir)       the real widget path: files -> <loyalty-scorecard> -> worker ->
//                               scorecard on the page, with the page's longest task meanwhile;
//   window.runRange(dir)        then a new date range set on the page, to its new figures.
import init, { profile } from './pkg/loyalty_scorecard.js';
import './loyalty-scorecard.js';

const wasm = await init();
let longest = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
}).observe({ type: 'longtask', buffered: true });

const kinds = [['orders.csv', 'orders'], ['reviews.csv', 'reviews'], ['tickets.csv', 'tickets'], ['survey.csv', 'surveys']];

/** The shop's files in `dir` (orders.csv, and the others when present): their bytes, or with
 * `asDropped` `File`s, as a person drops them, whose bytes the browser holds outside the page's
 * own memory (fetched as blobs, never copied into the page's heap). */
async function files(dir, asDropped = false) {
  const out = [];
  for (const [name, kind] of kinds) {
    const res = await fetch(`${dir}/${name}`);
    if (res.ok) {
      const bytes = asDropped ? new File([await res.blob()], name, { type: 'text/csv' }) : new Uint8Array(await res.arrayBuffer());
      out.push({ name, kind, bytes });
    } else if (kind === 'orders') throw new Error(`${dir}/${name}: HTTP ${res.status}`);
  }
  return out;
}

window.runBench = async (dir, reps) => {
  const inputs = await files(dir);
  const runs = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const p = profile(inputs);
    const total = performance.now() - t0;
    const ms = Object.fromEntries(p.stages.map((s) => [s.stage, s.ms]));
    ms.serialize = p.toJsMs;
    ms.total = total;
    runs.push(ms);
  }
  const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const ms = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(k)]));
  return { bytes: inputs.reduce((n, f) => n + f.bytes.length, 0), ms, wasmMemoryBytes: wasm.memory.buffer.byteLength };
};

window.runWidget = async (dir) => {
  const inputs = await files(dir, true);
  const card = document.createElement('loyalty-scorecard');
  document.body.append(card);
  // A person drops a file a second or more after the widget shows; its worker has loaded the
  // module and warmed up on a made-up shop by then (see worker.js; on a slower machine part of
  // the warm-up may still be running, and the widget path then includes it).
  await new Promise((r) => setTimeout(r, 1000));
  longest = 0;
  performance.mark('widget-drop'); // for scripts/timeline-widget.mjs
  const t0 = performance.now();
  const ready = new Promise((ok, fail) => {
    card.addEventListener('ready', (e) => ok(e.detail), { once: true });
    card.addEventListener('error', (e) => fail(new Error(e.detail)), { once: true });
  });
  await card.load(inputs, dir);
  const sc = await ready;
  // The figures are on the page when the caption names the files.
  while (!card.shadowRoot.querySelector('[data-testid=caption]')?.textContent.includes(dir)) await new Promise((r) => setTimeout(r, 5));
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 100)); // let the long-task observer report
  window.benchCard = { card, sc };
  return { ms, longestTaskMs: longest, orders: sc.orders.orders.value };
};

window.runRange = async (dir) => {
  const { card, sc } = window.benchCard;
  // A new date range (the second half of the period), as an owner sets it: from the click to
  // the new figures on the page; the worker reuses the records it kept.
  const first = new Date(sc.period.first);
  const half = new Date(first.getTime() + (new Date(sc.period.last) - first) / 2).toISOString().slice(0, 10);
  const root = card.shadowRoot;
  root.querySelector('[data-role=range-from]').value = half;
  const again = new Promise((ok, fail) => {
    card.addEventListener('ready', (e) => ok(e.detail), { once: true });
    card.addEventListener('error', (e) => fail(new Error(e.detail)), { once: true });
  });
  const t1 = performance.now();
  root.querySelector('[data-role=range-apply]').click();
  await again;
  while (!root.querySelector('[data-testid=caption]')?.textContent.includes(dir)) await new Promise((r) => setTimeout(r, 5));
  const rangeMs = performance.now() - t1;
  card.remove();
  return rangeMs;
};
window.benchReady = true;
