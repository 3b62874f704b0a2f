//! What moves customers up the ladder: repurchase and step-up rates split four ways.
//!
//! | lever | group A | group B | reference date |
//! |---|---|---|---|
//! | `delivery` | first order on time or early (miss ≤ 0) | first order late (miss > 0) | first order |
//! | `complaint` | first complaint resolved by the analysis date | not resolved | first complaint opened |
//! | `first_rating` | first order rated ≥ the positive threshold | first order rated below it | first order |
//! | `discount` | first order without a discount code | with one | first order |
//!
//! Only customers whose reference date is at least the follow-up window W before the analysis
//! date count (each had W days to come back); customers outside both groups of a lever (no
//! promise or delivery date, no complaint, first order unrated) are left out of that lever.
//! *Repurchase* = an order on a day after the reference date and within W days of it (Wilson).
//! *Step-up* = the customer is now emotionally trusting or above (Wilson). Difference A − B with
//! Newcombe's hybrid score interval and the pooled two-proportion z-test
//! ([`compare_proportions`]); "more than noise" when p < 0.05.
//!
//! This is observational: customers whose first order was late, or who used a code, differ in
//! other ways too (products, season, channel). A difference is a lead to test, not an effect.

use super::{first_miss, followed, ordered_within, share, History, Layer, Prepared};
use crate::metrics::satisfaction::compare::{compare_proportions, Verdict};
use crate::metrics::satisfaction::Measure;
use crate::metrics::Interval;
use chrono::NaiveDate;
use serde::Serialize;

/// Significance level of the levers' verdicts.
pub const ALPHA: f64 = 0.05;

/// A − B of two proportions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    /// A − B; `None` when a group is empty or both groups are all alike.
    pub value: Option<f64>,
    /// Newcombe hybrid score 95% interval.
    pub interval: Option<Interval>,
    /// Two-sided p-value of the pooled z-test.
    pub p_value: Option<f64>,
    pub verdict: Verdict,
}

pub(crate) fn difference(x_a: u64, n_a: u64, x_b: u64, n_b: u64) -> Difference {
    // compare_proportions gives later − earlier: B is "earlier", A "later".
    let c = compare_proportions("lever", x_b, n_b, x_a, n_a, ALPHA);
    Difference { value: c.difference, interval: c.interval, p_value: c.p_value, verdict: c.verdict }
}

/// One split.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lever {
    /// `delivery`, `complaint`, `first_rating`, `discount`.
    pub lever: &'static str,
    /// Group names: `on_time`/`late`, `resolved`/`unresolved`, `positive`/`not_positive`,
    /// `no_discount`/`discount`.
    pub group_a: &'static str,
    pub group_b: &'static str,
    pub repurchase_a: Measure,
    pub repurchase_b: Measure,
    /// repurchase A − B.
    pub repurchase_difference: Difference,
    pub step_up_a: Measure,
    pub step_up_b: Measure,
    /// step-up A − B.
    pub step_up_difference: Difference,
}

/// All four splits and the plain reading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Levers {
    /// The follow-up window W in days.
    pub window_days: u32,
    pub levers: Vec<Lever>,
    /// The lever whose repurchase difference is more than noise and largest in size.
    pub largest: Option<&'static str>,
    /// One sentence (English; the view words it in each language).
    pub summary: String,
}

type Pick<'p> = dyn Fn(&History) -> Option<(bool, NaiveDate)> + 'p;

fn lever(p: &Prepared, lever: &'static str, groups: (&'static str, &'static str), pick: &Pick<'_>) -> Lever {
    // (repurchased, stepped up, n) for A and B.
    let mut acc = [(0u64, 0u64, 0u64); 2];
    for h in &p.customers {
        let Some((is_a, reference)) = pick(h) else { continue };
        if !followed(reference, p.as_of, p.window) {
            continue;
        }
        let g = &mut acc[usize::from(!is_a)];
        g.2 += 1;
        if ordered_within(h, reference, p.window) {
            g.0 += 1;
        }
        if h.trust.layer >= Layer::Emotional {
            g.1 += 1;
        }
    }
    let [a, b] = acc;
    Lever {
        lever,
        group_a: groups.0,
        group_b: groups.1,
        repurchase_a: share(a.0, a.2),
        repurchase_b: share(b.0, b.2),
        repurchase_difference: difference(a.0, a.2, b.0, b.2),
        step_up_a: share(a.1, a.2),
        step_up_b: share(b.1, b.2),
        step_up_difference: difference(a.1, a.2, b.1, b.2),
    }
}

pub(crate) fn levers_of(p: &Prepared) -> Levers {
    let positive = p.positive_rating;
    let levers = vec![
        lever(p, "delivery", ("on_time", "late"), &|h| first_miss(h).map(|m| (m <= 0, h.trust.first_order))),
        lever(p, "complaint", ("resolved", "unresolved"), &|h| p.tickets.of(h.ix).iter().min_by_key(|t| t.0).map(|t| (t.1, t.0))),
        lever(p, "first_rating", ("positive", "not_positive"), &|h| {
            let id = h.orders.table().order_id(*h.orders.positions().first()? as usize)?;
            let r = p.ratings.of(h.ix).iter().find(|r| p.reviews.order_id_at(r.2 as usize) == Some(id))?;
            Some((r.1 >= positive, h.trust.first_order))
        }),
        lever(p, "discount", ("no_discount", "discount"), &|h| h.orders.positions().first().map(|i| (!super::bought::has_code_at(h.orders.table(), *i), h.trust.first_order))),
    ];
    let largest = levers
        .iter()
        .filter(|l| l.repurchase_difference.verdict == Verdict::MoreThanNoise)
        .filter_map(|l| l.repurchase_difference.value.map(|v| (l.lever, v.abs())))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|x| x.0);
    let summary = match largest.and_then(|k| levers.iter().find(|l| l.lever == k)) {
        Some(l) => format!(
            "The largest difference beyond noise is {}: customers {} came back {} percentage points {} often within {} days than \
customers {} (observational: a lead to test, not proof of cause).",
            l.lever,
            group_words(l.group_a),
            fmt_pp(l.repurchase_difference.value.unwrap_or(0.0).abs()),
            if l.repurchase_difference.value.unwrap_or(0.0) >= 0.0 { "more" } else { "less" },
            p.window,
            group_words(l.group_b),
        ),
        None => "No lever shows a repurchase difference beyond noise (p < 0.05) in this data.".to_string(),
    };
    Levers { window_days: p.window, levers, largest, summary }
}

fn fmt_pp(v: f64) -> String {
    format!("{:.1}", 100.0 * v)
}

/// English words of a group, for the summary sentence.
pub fn group_words(group: &str) -> &'static str {
    match group {
        "on_time" => "whose first order came on time",
        "late" => "whose first order came late",
        "resolved" => "whose complaint was resolved",
        "unresolved" => "whose complaint was not resolved",
        "positive" => "who rated their first order positively",
        "not_positive" => "who rated their first order below positive",
        "no_discount" => "whose first order had no discount code",
        "discount" => "whose first order had a discount code",
        _ => "in this group",
    }
}
