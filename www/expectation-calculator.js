// <expectation-calculator>: the expectation-setting calculator (《影响客户期望的因素》) as a second element.
// It shares the wasm module of <loyalty-scorecard> (loaded once, by ready()) and recomputes on
// the page's main thread on every input: the calculation is small, so an answer takes well
// under a frame and no worker round trip is needed.
//
// Data: with no shop data it works on entered delivery times. It takes the shop's data
//  - from a <loyalty-scorecard> on the same page: the one whose id is in the `scorecard`
//    attribute, else the first one; every time it emits `ready`, its Scorecard's `expectation`
//    section is used;
//  - or from the host page: `calc.data = scorecard.expectation` (or a CalculatorData object,
//    or null for none).
import { ready } from './loyalty-scorecard.js';
import { CalculatorWidget, calculateExpectation } from './pkg/loyalty_scorecard.js';

const styles = ['./scorecard.css', './calculator.css'].map((f) => new URL(f, import.meta.url).href);

/** The last `ready` of each scorecard element, so a calculator connected late still gets it. */
const lastCards = new WeakMap();
document.addEventListener('ready', (e) => {
  if (e.target?.localName === 'loyalty-scorecard') lastCards.set(e.target, e.detail);
});

export { calculateExpectation };

export class ExpectationCalculator extends HTMLElement {
  static observedAttributes = ['lang'];
  #widget = null;
  #data = null;
  #source = null;
  #onReady = (e) => { this.data = e.detail?.expectation ?? null; };

  async connectedCallback() {
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: 'open' });
      for (const href of styles) {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = href;
        root.append(link);
      }
    }
    this.#follow();
    if (this.#widget) return;
    try {
      await ready();
      const lang = this.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en';
      this.#widget = new CalculatorWidget(this.shadowRoot, lang);
      const card = this.#source && lastCards.get(this.#source);
      if (this.#data) this.#widget.setData(this.#data);
      else if (card?.expectation) this.data = card.expectation;
    } catch (e) {
      this.dispatchEvent(new CustomEvent('error', { detail: String(e?.message ?? e), bubbles: true, composed: true }));
    }
  }

  disconnectedCallback() {
    this.#source?.removeEventListener('ready', this.#onReady);
    this.#source = null;
  }

  /** Listens to the scorecard named by the `scorecard` attribute (else the page's first). */
  #follow() {
    const id = this.getAttribute('scorecard');
    const card = id ? document.getElementById(id) : document.querySelector('loyalty-scorecard');
    if (card === this.#source) return;
    this.#source?.removeEventListener('ready', this.#onReady);
    this.#source = card;
    card?.addEventListener('ready', this.#onReady);
  }

  attributeChangedCallback(name, old, value) {
    if (name === 'lang' && value && old !== value) this.#widget?.setLang(value);
  }

  /** The shop's data: a Scorecard's `expectation` section, a CalculatorData object, or null. */
  get data() { return this.#data; }
  set data(value) {
    this.#data = value ?? null;
    this.#widget?.setData(this.#data);
  }

  /** The answer now shown (a CalculatorResult), or null before the module has loaded. */
  get result() { return this.#widget ? this.#widget.result() : null; }

  /** Milliseconds the last recomputation took (calculation and new results in the DOM). */
  get lastComputeMs() { return this.#widget ? this.#widget.lastComputeMs() : NaN; }
}

if (!customElements.get('expectation-calculator')) customElements.define('expectation-calculator', ExpectationCalculator);
