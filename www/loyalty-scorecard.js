// <loyalty-scorecard>: a thin host for the wasm widget. It registers the element, loads the
// module once, and hands files to Rust; the analysis itself runs in a Web Worker (worker.js).
import init, { ScorecardWidget } from './pkg/loyalty_scorecard.js';

const workerUrl = new URL('./worker.js', import.meta.url).href;
const css = new URL('./scorecard.css', import.meta.url).href;

let loading = null;
/** Loads the wasm module once; later calls share the same promise. */
export function ready() {
  return (loading ??= init());
}

/** Bytes into a Blob, 4 MB per task, so that a large file never holds up the page: the Blob's
 * data then live in the browser's blob storage, and the worker reads them while it reads that
 * file. */
async function toBlob(bytes) {
  const chunk = 4 << 20;
  let blob = new Blob([bytes.subarray(0, chunk)]);
  for (let at = chunk; at < bytes.length; at += chunk) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    blob = new Blob([blob, bytes.subarray(at, at + chunk)]);
  }
  return blob;
}

async function toSpec(input, i) {
  // A Blob or File goes to the worker as it is: the worker reads it (FileReaderSync) while it
  // reads that file, so its bytes are never held in the page.
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    return { name: input.name ?? `file ${i + 1}`, bytes: input };
  }
  if (input instanceof Uint8Array) return { name: `file ${i + 1}`, bytes: await toBlob(input) };
  if (input && typeof input === 'object' && 'bytes' in input) {
    if (typeof Blob !== 'undefined' && input.bytes instanceof Blob) return input;
    const bytes = input.bytes instanceof Uint8Array ? input.bytes : new Uint8Array(input.bytes);
    return { ...input, bytes: await toBlob(bytes) };
  }
  throw new TypeError(`input ${i + 1}: expected a File, Blob, Uint8Array or { name, bytes, kind? }`);
}

/**
 * Analyses files (File, Blob, Uint8Array or { name, bytes, kind }) in a Web Worker and resolves
 * to the Scorecard. Nothing is sent anywhere: the worker is this page's own.
 */
export async function analyze(inputs, options) {
  const specs = await Promise.all([...inputs].map(toSpec));
  const worker = new Worker(workerUrl, { type: 'module' });
  try {
    return await new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => (data.type === 'error' ? reject(new Error(data.message)) : resolve(data.scorecard));
      worker.onerror = (e) => reject(new Error(e.message || 'the analysis worker failed'));
      worker.postMessage({ type: 'scorecard', id: 1, inputs: specs, options });
    });
  } finally {
    worker.terminate();
  }
}

export class LoyaltyScorecard extends HTMLElement {
  static observedAttributes = ['lang', 'src', 'as-of'];
  #widget = null;
  #started = false;

  async connectedCallback() {
    if (this.#started) return;
    this.#started = true;
    const root = this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = css;
    root.append(link);
    try {
      await ready();
      const lang = this.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en';
      this.#widget = new ScorecardWidget(root, lang, workerUrl);
      // Charts are drawn as wide as their panels: again when the element's width changes
      // (once it has settled).
      // While an analysis is under way the charts are fitted once it is shown.
      let settle = 0;
      const fit = () => {
        if (this.#widget && !this.#widget.fitCharts()) settle = setTimeout(fit, 400);
      };
      new ResizeObserver(() => {
        clearTimeout(settle);
        settle = setTimeout(fit, 150);
      }).observe(this);
      this.#widget.setAsOf(this.getAttribute('as-of') || undefined);
      const src = this.getAttribute('src');
      if (src) await this.#loadUrls(src);
    } catch (e) {
      this.#fail(e);
    }
  }

  attributeChangedCallback(name, old, value) {
    if (!this.#widget || old === value) return;
    if (name === 'lang' && value) this.#widget.setLang(value);
    if (name === 'as-of') this.#widget.setAsOf(value || undefined);
    if (name === 'src' && value) this.#loadUrls(value).catch((e) => this.#fail(e));
  }

  #fail(e) {
    this.dispatchEvent(new CustomEvent('error', { detail: String(e?.message ?? e), bubbles: true, composed: true }));
  }

  /** Loads same-origin files named in the `src` attribute (space-separated URLs); a URL of
   * another origin is refused before any request is made, and a redirect is an error (fetch's
   * same-origin mode): shop data comes from this site only. */
  async #loadUrls(src) {
    const urls = src.split(/\s+/).filter(Boolean);
    for (const u of urls) {
      const url = new URL(u, document.baseURI);
      if (url.origin !== location.origin) {
        throw new Error(`${u}: the src attribute loads files of this site only (${location.origin}), not of ${url.origin}`);
      }
    }
    const spec = await Promise.all(urls.map(async (u) => {
      // Same origin only, and no redirect (a same-origin URL could redirect elsewhere).
      const res = await fetch(u, { credentials: 'same-origin', redirect: 'error', mode: 'same-origin' });
      if (!res.ok) throw new Error(`${u}: HTTP ${res.status}`);
      return { name: u.split('/').pop(), bytes: await res.blob() };
    }));
    if (this.hasAttribute('sample')) this.#widget.loadSample(spec);
    else this.#widget.load(spec);
  }

  /** Analyses files given by the host page and shows the result. */
  async load(inputs, label) {
    await ready();
    const specs = await Promise.all([...inputs].map(toSpec));
    this.#widget.load(specs, label);
  }
}

if (!customElements.get('loyalty-scorecard')) customElements.define('loyalty-scorecard', LoyaltyScorecard);
