// Browser half of `npm run bench`: exposes window.runBench(url) to the driver (scripts/bench.mjs).
import init, { profile } from './pkg/loyalty_scorecard.js';

const wasm = await init();
let longest = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
}).observe({ type: 'longtask', buffered: true });

window.runBench = async (url, reps) => {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const runs = [];
  longest = 0;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const p = profile([{ name: url, kind: 'orders', bytes }]);
    const total = performance.now() - t0;
    const ms = Object.fromEntries(p.stages.map((s) => [s.stage, s.ms]));
    ms.serialize = p.toJsMs;
    ms.total = total;
    runs.push(ms);
  }
  await new Promise((r) => setTimeout(r, 50)); // let the long-task observer report
  const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const ms = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(k)]));
  return { bytes: bytes.length, ms, wasmMemoryBytes: wasm.memory.buffer.byteLength, longestTaskMs: longest };
};
window.benchReady = true;
