import type { CalculatorData, CalculatorResult, ExpectationOptions, ExpectationSection } from './pkg/loyalty_scorecard.js';
export type {
  CalculatorData, CalculatorResult, ExpectationOptions, ExpectationSection, CustomerStage, FactorValues, RatingLink, DelayInput,
  DelayDistribution, PromiseAnalysis, PromisePoint, Share, Outcome,
} from './pkg/loyalty_scorecard.js';

/** The calculator as a function (after the module has loaded, see `ready()` of loyalty-scorecard.js). */
export function calculateExpectation(data: CalculatorData | null, options?: ExpectationOptions): CalculatorResult;

/**
 * `<expectation-calculator lang="en|zh-CN|zh-TW" scorecard="id-of-a-loyalty-scorecard" theme="light|dark">`
 * Styling: the `--lsc-*` custom properties and the CSS parts frame, header, controls, content,
 * panel and tile (see the package's custom-elements.json).
 * Without shop data it works on entered delivery times; it follows the `ready` events of the
 * named (else the first) `<loyalty-scorecard>`, or takes `data` from the host page.
 */
export class ExpectationCalculator extends HTMLElement {
  /** A Scorecard's `expectation` section, a CalculatorData object, or null (entered times). */
  data: ExpectationSection | CalculatorData | null;
  /** The answer now shown, or null before the module has loaded. */
  readonly result: CalculatorResult | null;
  /** Milliseconds the last recomputation took (calculation and new results in the DOM). */
  readonly lastComputeMs: number;
}

declare global {
  interface HTMLElementTagNameMap { 'expectation-calculator': ExpectationCalculator; }
}
