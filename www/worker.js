// The analysis worker: the same wasm module, off the page's main thread. Every message from the
// page is handed to the module's workerHandle, which carries it out and posts the replies; the
// messages themselves (requests and replies) are defined once, in src/web/protocol.rs.
//
// The same script also serves as the analysis worker's own second worker (a "helper"): while
// the analysis worker computes loyalty, satisfaction and the calculator, the helper fits the
// lifetime-value models on the purchases it is given (a `clvJob`) and sends back the log of
// its fits, which the analysis worker then uses instead of fitting again. Without a helper (a
// browser without workers in workers, or a helper that failed) the analysis worker does it all.
import init, { clvHelper, warmUp, workerHandle } from './pkg/loyalty_scorecard.js';
import { initSync as initConverter, convert } from './pkg/convert.js';

// The second module reads .xlsx workbooks and legacy-encoded texts (GBK, Big5, Windows-1252,
// ...): most shops never drop such a file, so its readers are not in the module every page
// loads. The first time the module asks for it (in the middle of reading, which is synchronous),
// its wasm is fetched and compiled synchronously, which a worker may do; then it stays. Its
// errors go back to the main module, which reports them for the file. A trap in it (memory
// exhausted by a huge workbook) leaves an instance that cannot be trusted and cannot be made
// again in this worker: once the request is answered, this worker reports itself as failed,
// and the page quietly starts a new one (see `safely`).
let converterReady = false;
let converterTrapped = false;
function convertFile(name, bytes, options) {
  if (converterTrapped) {
    throw new Error('the reader stopped on an earlier file; drop the files again');
  }
  if (!converterReady) {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', new URL('./pkg/convert_bg.wasm', import.meta.url), false);
    xhr.responseType = 'arraybuffer';
    xhr.send();
    if (xhr.status !== 200 || !(xhr.response instanceof ArrayBuffer)) {
      return null;
    }
    initConverter({ module: new WebAssembly.Module(xhr.response) });
    converterReady = true;
  }
  try {
    return convert(name, bytes, options);
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError) {
      converterTrapped = true;
      throw new Error(`${err.message}; the file may be too large to read in the browser: save it as UTF-8 CSV and drop that instead`);
    }
    throw err;
  }
}

// A widget's worker first analyses a small made-up shop (about 0.3 s, made in memory, nothing
// fetched or shown): the browser then optimises the module's busy functions, and the first real
// file is read and analysed at full speed (a function already running, such as the reading loop
// of a large file, keeps the code it started with). A small first request (the sample, a small
// shop) that comes before the warm-up has begun is made at once without it; any other request
// that comes meanwhile waits for it. A worker the page started again after a failure is named
// 'loyalty-scorecard-again' and does not warm up. A warm-up that fails (a trap, memory
// exhausted) leaves a module that cannot be trusted: the worker says so (a fatal error for no
// request, which the page answers by starting a worker that does not warm up) and stops.
const widget = self.name === 'loyalty-scorecard' || self.name === 'loyalty-scorecard-again';
const SMALL = 4 << 20;
let skipWarmUp = self.name !== 'loyalty-scorecard';
let broken = null;
const ready = init()
  .then(() => new Promise((r) => setTimeout(r, 0)))
  .then(() => {
    if (skipWarmUp) return;
    try {
      warmUp();
    } catch (err) {
      broken = err;
      self.postMessage({ type: 'error', id: 0, message: `the warm-up failed: ${String(err?.message ?? err)}`, fatal: true });
      self.close();
    }
  });
// Whether a request's files are small (their bytes together under SMALL).
function small(data) {
  let n = 0;
  for (const f of data?.inputs ?? []) n += f?.bytes?.size ?? f?.bytes?.byteLength ?? 0;
  return n < SMALL;
}
const post = (reply) => self.postMessage(reply);

// In the analysis worker: the helper, ended once it has answered (its memory goes with it).
let helper = null;
// The request whose lifetime-value job the helper has (0: none).
let waiting = 0;
// The page's messages that came while an analysis waited for its job: carried out, in order,
// once it is done (a language change or a new date range then applies to the new scorecard).
const queue = [];
// Set when a helper failed without a job (a page whose policy forbids it, say): none again.
let noHelper = typeof Worker !== 'function';

function startHelper() {
  if (helper || noHelper) return;
  try {
    helper = new Worker(new URL(import.meta.url), { type: 'module', name: 'loyalty-scorecard-clv' });
  } catch {
    helper = null;
    return;
  }
  const back = (id, log) => {
    // An answer for an analysis since replaced is dropped.
    if (id !== waiting) return;
    waiting = 0;
    stopHelper();
    startHelper();
    safely({ type: 'clvLog', id, log }).then(flush);
  };
  helper.onmessage = ({ data }) => {
    // The BG/NBD fit, first: the trust ladder needs only it.
    if (data?.early) {
      if (data.id === waiting) safely({ type: 'clvEarly', id: data.id, bgnbd: data.early });
      return;
    }
    back(data?.id ?? 0, data?.log ?? null);
  };
  // A helper that fails (cannot load, runs out of memory): the analysis worker computes the
  // stage itself.
  helper.onerror = (e) => {
    e.preventDefault?.();
    if (waiting) {
      back(waiting, null);
    } else {
      noHelper = true;
      stopHelper();
    }
  };
}

function stopHelper() {
  helper?.terminate();
  helper = null;
}

// A widget's worker keeps a helper waiting from the start, and a new one after each job:
// started when the files are dropped, it began loading only once this worker had finished
// reading them (Chromium), which cost most of what it saves. (The standalone analyze() has a
// worker of its own, which needs none.)
if (widget) startHelper();

// Hands job `job` of request `id` to the helper; false when there is none.
function toHelper(id, job) {
  if (!helper) startHelper();
  if (!helper) return false;
  waiting = id;
  helper.postMessage({ type: 'clvJob', id, job }, [job.ends.buffer, job.days.buffer, job.totals.buffer]);
  return true;
}

async function flush() {
  while (!waiting && queue.length) await safely(queue.shift());
}

// Carries out one message; a failure of the module itself is fatal (see below).
async function safely(data) {
  try {
    await ready;
    if (broken) throw broken;
    workerHandle(data, post, toHelper, convertFile);
    if (converterTrapped) {
      // The request was answered (its file's error shown); this worker is replaced.
      stopHelper();
      post({ type: 'error', id: 0, message: 'the reader of workbooks and legacy encodings failed', fatal: true });
      self.close();
    }
  } catch (err) {
    // workerHandle answers every request itself: only a failure of the module reaches here (a
    // panic, a trap, memory exhausted). Its state cannot be trusted any more, so the reply is
    // fatal and the page replaces this worker.
    stopHelper();
    post({ type: 'error', id: data?.id ?? 0, message: String(err?.message ?? err), fatal: true });
  }
}

self.onmessage = async ({ data }) => {
  // The room charts are drawn for: taken at once, even while an analysis waits (it is drawn
  // for the new room when it finishes).
  if (data?.type === 'room') {
    await safely(data);
    return;
  }
  if (data?.type === 'clvJob') {
    // This worker is a helper.
    let log = null;
    try {
      await ready;
      log = clvHelper(data.job, (early) => self.postMessage({ id: data.id, early }, [early.buffer]));
    } catch {
      log = null;
    }
    self.postMessage({ id: data.id, log }, log ? [log.buffer] : []);
    return;
  }
  if (data?.type === 'analyze' && small(data)) skipWarmUp = true;
  if (['analyze', 'reread'].includes(data?.type)) {
    // A new analysis replaces one that waits: a helper still fitting for it is replaced too.
    if (waiting) {
      waiting = 0;
      stopHelper();
      startHelper();
    }
  } else if (waiting) {
    queue.push(data);
    return;
  }
  await safely(data);
  await flush();
};
