//! "At a glance": the few findings that matter most for this shop, ranked, each a typed value
//! with its figures (the page and the text report write the sentence in the reader's language).
//!
//! Each candidate finding carries three numbers, and is ranked by their product:
//! - **effect** (0-1): how large the thing is on its own scale (a share of customers, the
//!   rating points a late day costs out of the 4 points of a 1-5 scale, ...);
//! - **certainty** (0-1): one minus the 95% interval's half-width relative to the value
//!   (1 for counts; a late-day cost whose interval reaches 0 gets 0);
//! - **at stake**: the revenue per year the finding touches, in the shop's currency, as a share
//!   of the year's revenue (capped at 1).
//!
//! The rule is deliberately simple and printed in the README; ties keep the order of the list
//! below. At most [`SHOWN`] findings are kept.

use crate::metrics::clv::validation::TrustLevel;
use crate::metrics::satisfaction::complaints::TargetStatus;
use crate::metrics::satisfaction::Measure;
use crate::report::Scorecard;
use serde::Serialize;

/// Most findings kept.
pub const SHOWN: usize = 5;

/// What a finding says, with its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fact {
    /// Satisfied customers who did not order again within the window.
    SatisfiedNotBack { share: f64, lower: Option<f64>, upper: Option<f64>, customers: u64, followed: u64, window_days: u32 },
    /// Rating points each day late costs (regression of the rating on days late).
    LateDayCost { points_per_day: f64, lower: f64, upper: f64, late_share: f64, reviews: u64 },
    /// Share of revenue from the top 20% of customers.
    Concentration { top_20_share: f64, customers: u64 },
    /// Customers of the last year who have not ordered within the churn window.
    LostCustomers { lost: u64, buyers: u64, churn_window_days: u32, uplift: f64, extra_revenue: f64 },
    /// The purchase model missed the held-out weeks: what to plan with instead.
    ModelMisses { model: &'static str, relative_error: f64, holdout_weeks: f64, repeat_rate: Option<f64> },
    /// Complaints per order against the target.
    Complaints { rate: f64, lower: Option<f64>, upper: Option<f64>, target: f64, status: TargetStatus, resolved: Option<f64> },
}

impl Fact {
    /// Its kind, as the JSON's `kind` names it.
    pub fn kind(&self) -> &'static str {
        match self {
            Fact::SatisfiedNotBack { .. } => "satisfied_not_back",
            Fact::LateDayCost { .. } => "late_day_cost",
            Fact::Concentration { .. } => "concentration",
            Fact::LostCustomers { .. } => "lost_customers",
            Fact::ModelMisses { .. } => "model_misses",
            Fact::Complaints { .. } => "complaints",
        }
    }

    /// The section of the scorecard it comes from (the id of that section's heading).
    pub fn section(&self) -> &'static str {
        match self {
            Fact::SatisfiedNotBack { .. } => "ls-h-trust",
            Fact::LateDayCost { .. } => "ls-h-sat",
            Fact::Concentration { .. } | Fact::LostCustomers { .. } => "ls-h-loyalty",
            Fact::ModelMisses { .. } => "ls-h-clv",
            Fact::Complaints { .. } => "ls-h-complaints",
        }
    }
}

/// One finding and its ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    #[serde(flatten)]
    pub fact: Fact,
    /// Id of the heading of the section it comes from.
    pub section: &'static str,
    pub effect: f64,
    pub certainty: f64,
    /// Revenue per year the finding touches, in the shop's currency.
    pub at_stake: f64,
    /// effect × certainty × min(at_stake / revenue per year, 1).
    pub score: f64,
}

/// One minus the interval's half-width relative to the value, in 0-1 (1 without an interval).
fn precision(value: f64, lower: Option<f64>, upper: Option<f64>) -> f64 {
    match (lower, upper) {
        (Some(l), Some(u)) if value.abs() > 0.0 => (1.0 - (u - l) / 2.0 / value.abs()).clamp(0.0, 1.0),
        (Some(_), Some(_)) => 0.0,
        _ => 1.0,
    }
}

fn bounds(m: &Measure) -> (Option<f64>, Option<f64>) {
    (m.interval.as_ref().map(|i| i.lower), m.interval.as_ref().map(|i| i.upper))
}

/// The findings of `card`, best first.
///
/// ```
/// use loyalty_scorecard::{analyze, AnalysisOptions, InputFile};
/// let csv = "customer_id,order_date,total\nA,2024-01-05,90\nB,2024-01-09,5\nC,2024-02-01,5\n";
/// let card = analyze(&[InputFile::orders("o.csv", csv.as_bytes())], &AnalysisOptions::default()).unwrap();
/// assert!(card.findings.len() <= loyalty_scorecard::findings::SHOWN);
/// ```
pub fn findings(card: &Scorecard) -> Vec<Finding> {
    let mut out: Vec<(Fact, f64, f64, f64)> = Vec::new();
    let loyalty = card.loyalty.as_ref();
    let what_if = loyalty.and_then(|l| l.leaky_bucket.what_if.as_ref());
    // Revenue per year: the last 365 days' (scaled up when the data cover less of them), else
    // the whole period's scaled to a year.
    let yearly = what_if
        .filter(|w| w.window_days_with_data > 0)
        .map(|w| w.revenue * 365.0 / f64::from(w.window_days_with_data.min(365)))
        .or_else(|| {
            let p = card.period.as_ref()?;
            let days = ((p.last - p.first).num_days() + 1).max(1) as f64;
            Some(card.orders.as_ref()?.revenue.value * 365.0 / days.max(30.0))
        })
        .filter(|v| *v > 0.0);
    let per_buyer = what_if.and_then(|w| w.revenue_per_buyer).filter(|v| v.is_finite() && *v > 0.0);

    if let Some(t) = &card.trust {
        let h = &t.satisfied_not_back;
        if let Some(share) = h.not_back.value {
            let customers = h.followed.saturating_sub(h.came_back);
            let (lower, upper) = bounds(&h.not_back);
            let stake = per_buyer.map_or(0.0, |b| customers as f64 * b);
            out.push((Fact::SatisfiedNotBack { share, lower, upper, customers, followed: h.followed, window_days: h.window_days }, share, precision(share, lower, upper), stake));
        }
    }
    if let Some(d) = card.satisfaction.as_ref().and_then(|s| s.delivery.as_ref()) {
        if let (Some(m), Some(late)) = (&d.rating_model, d.late_share.value) {
            let b = m.per_day_late;
            if b < 0.0 && b.is_finite() {
                let half = 1.96 * m.per_day_late_se;
                let (lower, upper) = (b - half, b + half);
                let certainty = if upper < 0.0 { (1.0 - half / b.abs()).clamp(0.0, 1.0) } else { 0.0 };
                let stake = yearly.map_or(0.0, |y| late * y);
                out.push((Fact::LateDayCost { points_per_day: -b, lower: -upper, upper: -lower, late_share: late, reviews: m.n }, (-b / 4.0).min(1.0), certainty, stake));
            }
        }
    }
    if let Some(c) = loyalty.and_then(|l| l.concentration.as_ref()) {
        if let Some(top) = c.top_20_share {
            let stake = yearly.map_or(0.0, |y| top * y);
            let certainty = (c.customers as f64 / 100.0).min(1.0);
            out.push((Fact::Concentration { top_20_share: top, customers: c.customers }, ((top - 0.2) / 0.8).max(0.0), certainty, stake));
        }
    }
    if let (Some(w), Some(b)) = (what_if, loyalty.map(|l| &l.leaky_bucket)) {
        // Only with money (its sentence is about revenue); fewer buyers than the headline
        // figures' minimum make it less certain in proportion.
        if w.buyers > 0 && w.extra_revenue.is_some() {
            let lost = w.lost_customers;
            let stake = per_buyer.map_or(0.0, |p| lost as f64 * p);
            out.push((
                Fact::LostCustomers { lost, buyers: w.buyers, churn_window_days: b.churn_window.days, uplift: w.retention_uplift, extra_revenue: w.extra_revenue.unwrap_or(0.0) },
                (lost as f64 / w.buyers as f64).min(1.0),
                (w.buyers as f64 / crate::metrics::purchases::MIN_CUSTOMERS as f64).min(1.0),
                stake,
            ));
        }
    }
    if let Some(clv) = &card.clv {
        // The check of the model the figures use (the one closest on the holdout, or the
        // default when none is good or fair there).
        if let Some(v) = clv.validation.iter().find(|v| v.trust == TrustLevel::Poor && Some(v.model) == clv.primary_model) {
            if let Some(e) = v.total_relative_error {
                let weeks = v.holdout_length * clv.unit.days() / 7.0;
                let repeat_rate = card.orders.as_ref().map(|o| o.repeat_purchase_rate.value);
                let stake = clv.aggregates.iter().find(|a| a.name == "total_clv").map(|a| a.value).or(yearly).unwrap_or(0.0);
                out.push((Fact::ModelMisses { model: v.model, relative_error: e, holdout_weeks: weeks, repeat_rate }, e.abs().min(1.0), 1.0, stake));
            }
        }
    }
    if let Some(c) = card.satisfaction.as_ref().and_then(|s| s.complaints.as_ref()) {
        if let Some(rate) = c.rate_per_order.value {
            let (lower, upper) = bounds(&c.rate_per_order);
            let effect = if c.target > 0.0 { (rate / c.target / 2.0).min(1.0) } else { 0.0 };
            let stake = yearly.map_or(0.0, |y| rate * y);
            out.push((Fact::Complaints { rate, lower, upper, target: c.target, status: c.target_status, resolved: c.resolution_rate.value }, effect, precision(rate, lower, upper), stake));
        }
    }
    let mut ranked: Vec<Finding> = out
        .into_iter()
        .map(|(fact, effect, certainty, at_stake)| {
            // Without money (no total column) nothing is weighed by revenue: effect × certainty.
            let share = yearly.map_or(1.0, |y| (at_stake / y).clamp(0.0, 1.0));
            let score = effect * certainty * share;
            Finding { section: fact.section(), fact, effect, certainty, at_stake, score }
        })
        .filter(|f| f.score.is_finite() && f.score > 0.0)
        .collect();
    crate::fast::sort_stable(&mut ranked, |a, b| b.score.total_cmp(&a.score));
    ranked.truncate(SHOWN);
    ranked
}
