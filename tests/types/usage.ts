// Type check of the published declarations (tsc --noEmit): the README's JS API as a TS user writes it.
import { analyze, type Scorecard, type TrustLayer, LoyaltyScorecard } from '../../dist/loyalty-scorecard.js';

async function main(file: File): Promise<number> {
  const card: Scorecard = await analyze([file], { asOf: '2025-06-30' });
  const rate = card.orders?.repeat_purchase_rate;
  const el = document.querySelector('loyalty-scorecard');
  if (el instanceof LoyaltyScorecard) await el.load([file], 'my shop');
  el?.addEventListener('ready', (e) => console.log(e.detail.schema_version));
  const satisfied = card.trust?.funnel.steps.find((s) => s.step === 'satisfied')?.customers ?? 0;
  const layer: TrustLayer | undefined = card.trust?.stuck[0]?.listed[0]?.layer;
  const notBack = card.trust?.satisfied_not_back.not_back.value ?? null;
  void layer; void notBack;
  await analyze([file], { trust: { minOrders: 4, activeRule: 'recency' } });
  return (rate?.interval?.upper ?? 0) + card.inputs[0].rows_read + satisfied;
}
void main;

// The expectation calculator: fed from the scorecard's section, or by hand.
import { ExpectationCalculator, calculateExpectation, type CalculatorResult } from '../../dist/expectation-calculator.js';
function calc(card: Scorecard): number {
  const el = document.querySelector('expectation-calculator');
  if (el instanceof ExpectationCalculator) el.data = card.expectation;
  const r: CalculatorResult = calculateExpectation(null, { stage: 'long_term', manual: { type: 'typical_worst', typical: 3, worst: 7 } });
  return (r.promise?.recommended_days ?? 0) + (el?.lastComputeMs ?? 0) + r.expected_level.value;
}
void calc;
