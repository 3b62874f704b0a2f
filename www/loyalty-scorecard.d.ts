import type { Scorecard, InputFileSpec, AnalysisOptions } from './pkg/loyalty_scorecard.js';
export type { Scorecard, InputFileSpec, AnalysisOptions, Figure, Interval, InputAccount, RowIssue, PurchaseBasics, TrustReport, TrustOptions, TrustLayer } from './pkg/loyalty_scorecard.js';
export type { ExpectationSection, ExpectationOptions, CalculatorResult } from './pkg/loyalty_scorecard.js';

/** Detail of the element's `progress` event: the stage ("read", "metrics", "render") and the
 * fraction done, 0 to 1. (A `CustomEvent<ProgressDetail>`; the DOM's own `progress` event type
 * keeps its name in HTMLElementEventMap.) */
export interface ProgressDetail { stage: string; fraction: number; }

/** Anything the widget accepts as a file. */
export type AnyInput = File | Blob | Uint8Array | InputFileSpec;

/** Loads the wasm module once. */
export function ready(): Promise<unknown>;
/** Analyses files in this page and resolves to the Scorecard (nothing is sent anywhere). */
export function analyze(inputs: Iterable<AnyInput>, options?: AnalysisOptions): Promise<Scorecard>;

/**
 * `<loyalty-scorecard lang="en|zh-CN|zh-TW" src="orders.csv reviews.csv" as-of="YYYY-MM-DD" sample theme="light|dark">`
 * Events: `progress` (detail: ProgressDetail), `ready` (detail: Scorecard), `error` (detail: message).
 * Styling: the `--lsc-*` custom properties and the CSS parts listed in the package's
 * custom-elements.json (frame, header, drop-zone, range, progress, error, content, findings,
 * section, panel, tile, warnings).
 */
export class LoyaltyScorecard extends HTMLElement {
  load(inputs: Iterable<AnyInput>, label?: string): Promise<void>;
}

declare global {
  interface HTMLElementTagNameMap { 'loyalty-scorecard': LoyaltyScorecard; }
  interface HTMLElementEventMap { ready: CustomEvent<Scorecard>; }
}
