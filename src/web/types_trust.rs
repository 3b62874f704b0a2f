//! TypeScript declarations of the trust section (`Scorecard.trust`, `AnalysisOptions.trust`),
//! appended to the wasm module's `.d.ts` by wasm-bindgen.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TRUST: &'static str = r#"
/** Thresholds of the trust ladder (camelCase; snake_case is accepted too). */
export interface TrustOptions {
  ratingPositive?: number; csatPositive?: number; npsPromoter?: number; minPositiveExperiences?: number;
  minOrders?: number; minTenureDays?: number; activeRule?: "auto" | "recency" | "p_alive"; pAliveMin?: number;
  followupDays?: number | null;
}
/** A satisfaction-style figure: `value` null = not enough data (see `warning`). */
export interface Measure { value: number | null; unit: string; n: number; n_of: string; interval: Interval | null; warning: string | null; }
export type TrustLayer = "not_rated" | "rated_not_satisfied" | "satisfied" | "emotional" | "behavioural";
export type Verdict = "more_than_noise" | "within_noise" | "not_enough_data";
export interface Difference { value: number | null; interval: Interval | null; p_value: number | null; verdict: Verdict; }
export interface TrustCustomer {
  customer_id: string; layer: TrustLayer; repeat_without_stated_satisfaction: boolean; orders: number; spend: number;
  first_order: string; last_order: string; last_rating: number | null; open_complaint: boolean;
  positive_experiences: number; first_positive: string | null; active: boolean;
}
export interface TrustLever {
  lever: "delivery" | "complaint" | "first_rating" | "discount"; group_a: string; group_b: string;
  repurchase_a: Measure; repurchase_b: Measure; repurchase_difference: Difference;
  step_up_a: Measure; step_up_b: Measure; step_up_difference: Difference;
}
export interface BoughtLoyalty {
  repeat_orders: number; repeat_orders_with_discount: Measure; repeat_customers: number; discount_only_customers: number; discount_only_returners: Measure;
  acquisition: {
    repeat_rate_discount: Measure; repeat_rate_no_discount: Measure; repeat_difference: Difference;
    retention_discount: Measure; retention_no_discount: Measure; retention_difference: Difference;
  };
  discount_dependent_repeat_orders: number; bought_loyalty_index: Measure; discount_dependent_repeat_revenue: number; repeat_revenue: number;
  discount_dependent_revenue_share: number | null; discount_amounts_available: boolean; note: string;
}
/** From satisfaction to trust: the ladder, its funnel, the levers, earned against bought loyalty. */
export interface TrustReport {
  as_of: string; options: Required<TrustOptions>; active_rule_used: "recency" | "p_alive"; churn_window_days: number; followup_days: number;
  layers: { layer: TrustLayer; customers: number }[];
  repeat_without_stated_satisfaction: number;
  funnel: {
    steps: { step: "customers" | "rated" | "satisfied" | "emotional" | "behavioural"; customers: number }[];
    conversions: { from: string; to: string; rate: Measure }[];
    largest_leak: string | null;
  };
  satisfied_not_back: {
    not_back: Measure; came_back: number; followed: number; not_followed: number; window_days: number;
    claim: { low: number; high: number; source: string }; against_claim: "below" | "above" | "overlaps" | null;
  };
  levers: { window_days: number; levers: TrustLever[]; largest: string | null; summary: string };
  bought: BoughtLoyalty | null;
  stuck: { step: string; customers: number; listed: TrustCustomer[] }[];
  messages: string[];
}
"#;
