//! Checks of the analysis options at the boundary (CLI options file, JS API, element): every
//! number in its range, so that an option can never make the analysis panic, allocate without
//! bound or run for ever. An option out of range is an [`Error::InvalidOption`] naming the
//! option and its allowed range. Unknown keys are refused when the options are read (each
//! options struct denies unknown fields).
//!
//! ```
//! use loyalty_scorecard::{analyze, AnalysisOptions, InputFile};
//! let mut o = AnalysisOptions::default();
//! o.clv.clv_months = 4_000_000_000;
//! let csv = "customer_id,order_date,total\nA,2024-01-05,10\n";
//! let e = analyze(&[InputFile::orders("o.csv", csv.as_bytes())], &o).unwrap_err();
//! assert!(e.to_string().contains("clv.clv_months") && e.to_string().contains("1 to 600"));
//! ```

use crate::metrics::expectation::promise::DelayInput;
use crate::metrics::satisfaction::survey::index::IndicatorNode;
use crate::report::AnalysisOptions;
use crate::Error;

/// Levels of an indicator tree (a leaf is 1).
fn tree_depth(n: &IndicatorNode) -> usize {
    1 + n.children.iter().map(tree_depth).max().unwrap_or(0)
}

/// The first option out of its range, as an error.
struct Check(Result<(), Error>);

impl Check {
    fn fail(&mut self, option: &'static str, message: String) {
        if self.0.is_ok() {
            self.0 = Err(Error::InvalidOption { option, message });
        }
    }

    /// `v` finite and within `lo..=hi`.
    fn num(&mut self, option: &'static str, v: f64, lo: f64, hi: f64) {
        if !(v.is_finite() && v >= lo && v <= hi) {
            self.fail(option, format!("{v} is outside the allowed range {lo} to {hi}"));
        }
    }

    fn opt_num(&mut self, option: &'static str, v: Option<f64>, lo: f64, hi: f64) {
        if let Some(v) = v {
            self.num(option, v, lo, hi);
        }
    }

    /// A whole number within `lo..=hi`.
    fn int(&mut self, option: &'static str, v: u64, lo: u64, hi: u64) {
        if !(lo..=hi).contains(&v) {
            self.fail(option, format!("{v} is outside the allowed range {lo} to {hi}"));
        }
    }

    fn opt_int(&mut self, option: &'static str, v: Option<u64>, lo: u64, hi: u64) {
        if let Some(v) = v {
            self.int(option, v, lo, hi);
        }
    }
}

/// Longest window of days any option may set (about 30 years).
const MAX_DAYS: u64 = 11_000;

impl AnalysisOptions {
    /// Checks every numeric option against its allowed range.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] for the first option out of range, naming it and the range.
    pub fn validate(&self) -> Result<(), Error> {
        let mut c = Check(Ok(()));
        if let Some(rates) = &self.exchange_rates {
            if let Some((cur, r)) = rates.iter().find(|(_, r)| !(r.is_finite() && **r > 0.0 && **r <= 1e9)) {
                c.fail("exchange_rates", format!("the rate of {cur} ({r}) must be a number above 0"));
            } else if !rates.values().any(|r| *r == 1.0) {
                c.fail("exchange_rates", "one currency must have the rate 1: the currency the figures are shown in".into());
            }
        }
        let l = &self.loyalty;
        c.opt_int("loyalty.churn_window_days", l.churn_window_days.map(u64::from), 1, MAX_DAYS);
        c.num("loyalty.tier_thresholds.high_share", l.tier_thresholds.high_share, 0.0, 1.0);
        c.num("loyalty.tier_thresholds.medium_share", l.tier_thresholds.medium_share, 0.0, 1.0);
        c.num("loyalty.retention_uplift", l.retention_uplift, 0.0, 1.0);
        c.num("loyalty.margin", l.margin, 0.0, 1.0);
        c.int("loyalty.cohort_window_months", u64::from(l.cohort_window_months), 0, 360);

        let s = &self.satisfaction;
        c.num("satisfaction.complaint_rate_target", s.complaint_rate_target, 0.0, 1.0);
        c.num("satisfaction.iceberg.silent_per_complaint", s.iceberg.silent_per_complaint, 0.0, 1_000.0);
        c.num("satisfaction.iceberg.people_told_per_unhappy", s.iceberg.people_told_per_unhappy, 0.0, 1_000.0);
        c.num("satisfaction.promised_response_hours", s.promised_response_hours, 0.0, 24.0 * 366.0);
        if !(0..=MAX_DAYS as i64).contains(&s.recovery_followup_days) {
            c.fail("satisfaction.recovery_followup_days", format!("{} is outside the allowed range 0 to {MAX_DAYS}", s.recovery_followup_days));
        }
        if let Some((a, b)) = &s.compare {
            if a.start > a.end || b.start > b.end {
                c.fail("satisfaction.compare", "each period must start on or before its end".into());
            }
        }
        c.num("satisfaction.alpha", s.alpha, 1e-6, 0.5);
        c.int("satisfaction.lowest_reviews", s.lowest_reviews as u64, 0, 1_000);
        c.int("satisfaction.top_terms", s.top_terms as u64, 0, 1_000);
        c.int("satisfaction.min_term_reviews", s.min_term_reviews, 0, 1_000_000);

        let v = &self.survey;
        c.int("survey.min_answers", v.min_answers as u64, 1, 1_000_000);
        if let Some((item, w)) = v.item_weights.iter().find(|(_, w)| !(w.is_finite() && **w >= 0.0 && **w <= 1e6)) {
            c.fail("survey.item_weights", format!("the weight of '{item}' ({w}) must be a number from 0 to 1000000"));
        }
        let depth = tree_depth(&v.tree);
        if depth > 16 {
            c.fail("survey.tree", format!("the indicator tree is {depth} levels deep; at most 16 are allowed"));
        }

        let k = &self.clv;
        c.num("clv.horizon", k.horizon, 1e-6, 10_000.0);
        c.num("clv.monthly_discount", k.monthly_discount, 0.0, 0.99);
        c.int("clv.clv_months", u64::from(k.clv_months), 1, 600);
        c.num("clv.annual_discount_continuous", k.annual_discount_continuous, 0.0, 10.0);
        if let (Some(cal), Some(hold)) = (k.calibration_end, k.holdout_end) {
            if hold <= cal {
                c.fail("clv.holdout_end", format!("the holdout ends ({hold}) on or before the calibration end ({cal})"));
            }
        }

        let t = &self.trust;
        c.num("trust.rating_positive", t.rating_positive, 1.0, 5.0);
        c.num("trust.csat_positive", t.csat_positive, 1.0, 5.0);
        c.num("trust.nps_promoter", t.nps_promoter, 0.0, 10.0);
        c.int("trust.min_positive_experiences", u64::from(t.min_positive_experiences), 0, 1_000);
        c.int("trust.min_orders", u64::from(t.min_orders), 0, 100_000);
        c.int("trust.min_tenure_days", u64::from(t.min_tenure_days), 0, MAX_DAYS);
        c.num("trust.p_alive_min", t.p_alive_min, 0.0, 1.0);
        c.opt_int("trust.followup_days", t.followup_days.map(u64::from), 1, MAX_DAYS);

        let e = &self.expectation;
        for x in e.factors.to_array() {
            c.num("expectation.factors", x, 0.0, 10.0);
        }
        for x in e.weights.map(|w| w.to_array()).unwrap_or_default() {
            c.num("expectation.weights", x, 0.0, 1_000.0);
        }
        c.num("expectation.attractiveness_k", e.attractiveness_k, 0.0, 10.0);
        c.num("expectation.target_on_time", e.target_on_time, 0.0, 1.0);
        c.opt_num("expectation.promise_days", e.promise_days, 0.0, 365.0);
        c.num("expectation.speed_up", e.speed_up, 0.0, 0.9);
        c.opt_num("expectation.current_promise", e.current_promise, 0.0, 365.0);
        if let Some(r) = &e.rating {
            c.num("expectation.rating.on_time_rating", r.on_time_rating, 1.0, 5.0);
            c.num("expectation.rating.per_day_late", r.per_day_late, -5.0, 5.0);
            c.num("expectation.rating.per_day_early", r.per_day_early, -5.0, 5.0);
            c.opt_num("expectation.rating.early_cap", r.early_cap, 0.0, 365.0);
        }
        match &e.manual {
            Some(DelayInput::List { days }) => {
                c.int("expectation.manual.days (how many)", days.len() as u64, 1, 10_000_000);
                for d in days {
                    c.num("expectation.manual.days", *d, 0.0, 365.0);
                }
            }
            Some(DelayInput::TypicalWorst { typical, worst }) => {
                c.num("expectation.manual.typical", *typical, 0.0, 365.0);
                c.num("expectation.manual.worst", *worst, *typical, 365.0);
            }
            None => {}
        }
        c.0
    }
}
