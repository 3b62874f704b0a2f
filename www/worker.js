// The analysis worker: the same wasm module, off the page's main thread. Every message from the
// page is handed to the module's workerHandle, which carries it out and posts the replies; the
// messages themselves (requests and replies) are defined once, in src/web/protocol.rs.
import init, { workerHandle } from './pkg/loyalty_scorecard.js';

const ready = init();
const post = (reply) => self.postMessage(reply);

self.onmessage = async ({ data }) => {
  try {
    await ready;
    workerHandle(data, post);
  } catch (err) {
    // workerHandle answers every request itself: only a failure of the module reaches here (a
    // panic, a trap, memory exhausted). Its state cannot be trusted any more, so the reply is
    // fatal and the page replaces this worker.
    post({ type: 'error', id: data?.id ?? 0, message: String(err?.message ?? err), fatal: true });
  }
};
