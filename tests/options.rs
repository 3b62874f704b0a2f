//! Hostile analysis options: every one is refused with an error that names the option and its
//! allowed range (or the unknown key), and none makes the analysis panic, allocate without
//! bound or run away. Natively and in the browser.

use loyalty_scorecard::{analyze, AnalysisOptions, InputFile};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const ORDERS: &str = "customer_id,order_date,total\nA,2024-01-05,10\nA,2024-02-05,12\nB,2024-01-09,20\nC,2024-03-01,5\n";

fn run(options: &str) -> Result<(), String> {
    let o: AnalysisOptions = serde_json::from_str(options).map_err(|e| format!("read: {e}"))?;
    analyze(&[InputFile::orders("orders.csv", ORDERS.as_bytes())], &o).map(|_| ()).map_err(|e| e.to_string())
}

/// (options JSON, the option the error must name, a word of the range or reason).
const HOSTILE: &[(&str, &str, &str)] = &[
    (r#"{"satisfaction":{"recovery_followup_days":100000000}}"#, "satisfaction.recovery_followup_days", "0 to 11000"),
    (r#"{"satisfaction":{"recovery_followup_days":-5}}"#, "satisfaction.recovery_followup_days", "0 to 11000"),
    (r#"{"clv":{"clv_months":4000000000}}"#, "clv.clv_months", "1 to 600"),
    (r#"{"clv":{"clv_months":0}}"#, "clv.clv_months", "1 to 600"),
    (r#"{"clv":{"horizon":1e300}}"#, "clv.horizon", "10000"),
    (r#"{"clv":{"horizon":-1}}"#, "clv.horizon", "10000"),
    (r#"{"clv":{"monthly_discount":1.5}}"#, "clv.monthly_discount", "0.99"),
    (r#"{"clv":{"calibration_end":"2024-02-01","holdout_end":"2024-01-01"}}"#, "clv.holdout_end", "on or before"),
    (r#"{"loyalty":{"churn_window_days":0}}"#, "loyalty.churn_window_days", "1 to 11000"),
    (r#"{"loyalty":{"cohort_window_months":100000}}"#, "loyalty.cohort_window_months", "0 to 360"),
    (r#"{"loyalty":{"margin":7}}"#, "loyalty.margin", "0 to 1"),
    (r#"{"loyalty":{"tier_thresholds":{"high_share":-0.1}}}"#, "loyalty.tier_thresholds.high_share", "0 to 1"),
    (r#"{"satisfaction":{"alpha":0}}"#, "satisfaction.alpha", "0.5"),
    (r#"{"satisfaction":{"top_terms":1000000000}}"#, "satisfaction.top_terms", "0 to 1000"),
    (r#"{"satisfaction":{"iceberg":{"silent_per_complaint":1e9,"people_told_per_unhappy":9,"source":"x"}}}"#, "satisfaction.iceberg.silent_per_complaint", "1000"),
    (r#"{"satisfaction":{"compare":[{"start":"2024-03-01","end":"2024-01-01"},{"start":"2024-03-01","end":"2024-04-01"}]}}"#, "satisfaction.compare", "start on or before"),
    (r#"{"survey":{"min_answers":0}}"#, "survey.min_answers", "1 to 1000000"),
    (r#"{"trust":{"ratingPositive":9}}"#, "trust.rating_positive", "1 to 5"),
    (r#"{"trust":{"npsPromoter":11}}"#, "trust.nps_promoter", "0 to 10"),
    (r#"{"trust":{"pAliveMin":2}}"#, "trust.p_alive_min", "0 to 1"),
    (r#"{"trust":{"followupDays":4000000000}}"#, "trust.followup_days", "1 to 11000"),
    (r#"{"expectation":{"speed_up":0.95}}"#, "expectation.speed_up", "0.9"),
    (r#"{"expectation":{"target_on_time":2}}"#, "expectation.target_on_time", "0 to 1"),
    (r#"{"expectation":{"promise_days":100000}}"#, "expectation.promise_days", "365"),
    (r#"{"expectation":{"factors":{"word_of_mouth":11,"promises":5,"role_perception":5,"past_experience":5,"personal_needs":5,"price":5}}}"#, "expectation.factors", "0 to 10"),
    (r#"{"expectation":{"manual":{"type":"typical_worst","typical":3,"worst":1e12}}}"#, "expectation.manual.worst", "365"),
    (r#"{"expectation":{"rating":{"on_time_rating":4.5,"per_day_late":1e9,"per_day_early":0}}}"#, "expectation.rating.per_day_late", "5"),
    (r#"{"since":"2024-03-01","asOf":"2024-01-01"}"#, "since", "starts"),
    (r#"{"asOf":"9999-99-99"}"#, "as_of", "YYYY-MM-DD"),
];

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn every_hostile_option_is_refused_by_name_with_its_range() {
    assert_eq!(run("{}"), Ok(()), "the defaults are valid");
    for (json, option, range) in HOSTILE {
        match run(json) {
            Ok(()) => panic!("{json}: accepted"),
            Err(e) => {
                if e.starts_with("read: ") {
                    panic!("{json}: not even read ({e}); the test means to reach the range check");
                }
                assert!(e.contains(option) && e.contains(range), "{json}: the error should name {option} and '{range}': {e}");
            }
        }
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_unknown_key_is_refused_naming_it() {
    for (json, key) in [(r#"{"clv":{"clv_month":12}}"#, "clv_month"), (r#"{"asof":"2024-01-01"}"#, "asof"), (r#"{"trust":{"minOrder":2}}"#, "minOrder")] {
        let e = serde_json::from_str::<AnalysisOptions>(json).expect_err(json).to_string();
        assert!(e.contains("unknown field") && e.contains(key), "{json}: {e}");
    }
}
