//! The expectation-setting calculator (《影响客户期望的因素》): how high customers' expectations
//! are, which promise of delivery time balances winning orders against disappointing them, and
//! what faster delivery would change.
//!
//! * [`factors`]: the expected service level (0-10) from six factors scored by the user and
//!   weighted by the customer's stage.
//! * [`promise`]: the promise optimiser on the shop's delivery history (or an entered one), the
//!   first-response curve of tickets, and the what-if.
//!
//! [`calculate`] is the whole calculator: the same function runs for the scorecard (CLI and
//! worker, at the options' assumptions) and for the `<expectation-calculator>` element (on the
//! page, at the user's settings), so the numbers agree. Its inputs ([`CalculatorData`]) are
//! counts taken from the shop's files by [`calculator_data`] — or nothing at all, when the user
//! enters a delivery distribution by hand.

pub mod factors;
pub mod promise;

use crate::dataset::{Dataset, OrderStatus};
use crate::fast::Map;
use crate::metrics::satisfaction::delivery::{miss_days, DeliveryReport};
use crate::model::{AsOrders, CustomerIndex, Keys, OrderRef, Orders};
use chrono::NaiveDate;
use factors::{expected_level, ExpectedLevel, FactorValues, Stage};
use promise::{
    analyze_promise, response_curve, what_if, DelayDistribution, DelayInput, DelaySource, PromiseAnalysis, RatingLink, RepeatSplit, ResponseCurve, WhatIf, DEFAULT_K, DEFAULT_TARGET, FOLLOWED_DAYS,
};
use serde::{Deserialize, Serialize};

/// Delivered orders a segment needs before it gets its own recommendation.
pub const MIN_SEGMENT_ORDERS: u64 = 30;
/// At most this many segments (the largest) are analysed.
pub const MAX_SEGMENTS: usize = 12;

/// The calculator's assumptions (`AnalysisOptions.expectation`). Every field has a default; a
/// partial object deserializes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExpectationOptions {
    /// Customer stage: "prospect", "first_time" (default) or "long_term".
    pub stage: Stage,
    /// The six factor scores, 0-10 (default 5 each).
    pub factors: FactorValues,
    /// Factor weights (normalised); default: the stage's rank weights (see [`factors`]).
    pub weights: Option<FactorValues>,
    /// Attractiveness decay k per day promised (default 0.10).
    pub attractiveness_k: f64,
    /// Target on-time share (default 0.95).
    pub target_on_time: f64,
    /// The promise the what-if looks at (days); default: the current promise, else the
    /// recommendation.
    pub promise_days: Option<f64>,
    /// What-if: share by which delivery times are cut (0-0.9; default 0.2).
    pub speed_up: f64,
    /// The rating link (on-time rating, stars per day late/early); default: fitted from the
    /// shop's reviews, else [`RatingLink::default_link`].
    pub rating: Option<RatingLink>,
    /// A delivery distribution to use instead of the shop's (or when it has none).
    pub manual: Option<DelayInput>,
    /// The promise now made, when the data has none (or to override it).
    pub current_promise: Option<f64>,
    /// Also analyse each product / category separately (default false).
    pub by_segment: bool,
}

impl Default for ExpectationOptions {
    fn default() -> Self {
        ExpectationOptions {
            stage: Stage::default(),
            factors: FactorValues::default(),
            weights: None,
            attractiveness_k: DEFAULT_K,
            target_on_time: DEFAULT_TARGET,
            promise_days: None,
            speed_up: 0.2,
            rating: None,
            manual: None,
            current_promise: None,
            by_segment: false,
        }
    }
}

/// One product's or category's delivery history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentData {
    pub segment: String,
    pub delivery: DelayDistribution,
}

/// What the calculator takes from the shop's files: counts only, so the page can recompute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct CalculatorData {
    /// Delivery days of completed, delivered orders.
    pub delivery: Option<DelayDistribution>,
    /// Delivered orders left out: delivered before they were ordered.
    pub negative_days: u64,
    /// The most common promised_days (shortest on ties).
    pub current_promise: Option<f64>,
    /// The rating model's coefficients, when one could be fitted.
    pub fitted_rating: Option<RatingLink>,
    /// Repeat purchases after an on-time against a late first order.
    pub repeat: Option<RepeatSplit>,
    /// Per product / category (largest first), when asked for.
    pub segments: Vec<SegmentData>,
    /// First-response hours of tickets (whole hours, rounded up).
    pub response_hours: Option<DelayDistribution>,
}

/// One segment's recommendation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentResult {
    pub segment: String,
    pub orders: u64,
    pub recommended_days: u32,
    pub on_time_at_recommended: f64,
    /// On-time share at the shop's current promise.
    pub on_time_at_current: Option<f64>,
}

/// One assumption of the chain, with a stable code and the numbers it states (from which the
/// view writes it in each language) and its English text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assumption {
    pub code: &'static str,
    /// The numbers in the text, in order (`None`: not applicable). `weights`: [1 when entered,
    /// else 0]; `rating`: [orders fitted on (none: not fitted), on-time rating, per day late, per
    /// day early, early cap in days (none: no cap)]; `attractiveness`: [% fewer orders per extra
    /// day, k]; `speed_up`: [% less time]; `repeat`: [days followed]; the others: none.
    pub values: Vec<Option<f64>>,
    pub text: String,
}

/// The calculator's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalculatorResult {
    pub expected_level: ExpectedLevel,
    /// The promise trade-off; `None` with `promise_missing` saying why.
    pub promise: Option<PromiseAnalysis>,
    pub promise_missing: Option<crate::messages::Note>,
    pub what_if: Option<WhatIf>,
    pub response: Option<ResponseCurve>,
    pub segments: Vec<SegmentResult>,
    /// Where the delivery distribution came from.
    pub delivery_source: Option<DelaySource>,
    /// The chain of assumptions behind the numbers.
    pub assumptions: Vec<Assumption>,
}

/// The calculator in the scorecard: its data and its answer at the options' assumptions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpectationReport {
    pub data: CalculatorData,
    pub options: ExpectationOptions,
    pub result: CalculatorResult,
}

/// Takes the calculator's data from the shop's records at `as_of`. `model` is the satisfaction
/// section's delivery report (its fitted rating model and miss distribution), when there is one.
pub fn calculator_data(data: &Dataset, as_of: NaiveDate, delivery: Option<&DeliveryReport>, by_segment: bool) -> CalculatorData {
    let keys = Keys::new(data);
    calculator_data_indexed(data, &CustomerIndex::purchases(data, &keys, as_of), as_of, delivery, by_segment)
}

/// [`calculator_data`] with the analysis's customer index of purchases.
pub(crate) fn calculator_data_indexed(data: &Dataset, purchases: &CustomerIndex, as_of: NaiveDate, delivery: Option<&DeliveryReport>, by_segment: bool) -> CalculatorData {
    let orders = &data.orders;
    let (status, dates) = (orders.statuses(), orders.dates());
    let completed = || (0..orders.len()).filter(|i| status[*i] == OrderStatus::Completed && dates[*i] <= as_of);
    let mut negative = 0u64;
    let mut days = Vec::new();
    let mut by_seg: Map<&str, Vec<u32>> = Map::default();
    for i in completed() {
        let Some(d) = orders.delivery_days_at(i) else { continue };
        if d < 0.0 {
            negative += 1;
            continue;
        }
        days.push(d as u32);
        if by_segment {
            if let Some(p) = orders.product_at(i) {
                by_seg.entry(p).or_default().push(d as u32);
            }
        }
    }
    let mut segs: Vec<(&str, Vec<u32>)> = by_seg.into_iter().filter(|(_, v)| v.len() as u64 >= MIN_SEGMENT_ORDERS).collect();
    crate::fast::sort_stable(&mut segs, |a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    segs.truncate(MAX_SEGMENTS);
    let segments = segs.into_iter().filter_map(|(s, v)| DelayDistribution::from_days(v, DelaySource::Orders).map(|delivery| SegmentData { segment: s.to_string(), delivery })).collect();
    let hours: Vec<u32> =
        data.tickets.iter().filter(|t| t.opened <= as_of).filter_map(|t| t.first_response_hours).filter(|h| h.is_finite() && *h >= 0.0).map(|h| h.ceil().min(10_000.0) as u32).collect();
    CalculatorData {
        delivery: DelayDistribution::from_days(days, DelaySource::Orders),
        negative_days: negative,
        current_promise: most_common_promise(completed().map(|i| orders.promised_days_at(i))),
        fitted_rating: delivery
            .and_then(|d| {
                let early_cap = d.miss_distribution.iter().filter(|m| m.ratings > 0).map(|m| -m.miss_days).max().map(|e| e.max(0) as f64);
                d.rating_model.as_ref().map(|m| RatingLink::from_model(m, early_cap))
            })
            .filter(RatingLink::usable),
        repeat: repeat_split_indexed(&data.orders, purchases, as_of),
        segments,
        response_hours: DelayDistribution::from_days(hours, DelaySource::Orders),
    }
}

/// The most common promised_days (rounded to 0.01 day); the shortest on ties.
fn most_common_promise(promised: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let mut counts: Map<i64, u64> = Map::default();
    for p in promised.flatten().filter(|p| p.is_finite() && *p > 0.0) {
        *counts.entry((p * 100.0).round() as i64).or_default() += 1;
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(k, _)| k as f64 / 100.0)
}

/// Repeat purchases by the delivery of each customer's first order (earliest date, then file
/// row): on time = delivered within its promise, late = after it; bought again = a completed
/// order on a later day. Only first orders at least [`FOLLOWED_DAYS`] before `as_of`, with a
/// promise and a delivery date. `None` when no customer qualifies.
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::Order;
/// use loyalty_scorecard::metrics::expectation::repeat_split;
/// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
/// let first = |c: &str, delivered| Order { promised_days: Some(3.0), delivered: Some(delivered), ..Order::new(c, d(1, 1), 10.0) };
/// let orders = [first("A", d(1, 3)), Order::new("A", d(2, 1), 5.0), first("B", d(1, 9))];
/// let s = repeat_split(&orders, d(6, 30)).unwrap();
/// assert_eq!((s.on_time_customers, s.on_time_repeaters, s.late_customers, s.late_repeaters), (1, 1, 1, 0));
/// ```
pub fn repeat_split(orders: &(impl AsOrders + ?Sized), as_of: NaiveDate) -> Option<RepeatSplit> {
    let orders = orders.as_orders();
    repeat_split_by(orders.iter().map(|o| (o.customer_id, o)), as_of)
}

/// [`repeat_split`] of the analysis's customer index of purchases (completed, on or before
/// `as_of`, each customer's by date and row).
pub(crate) fn repeat_split_indexed(orders: &Orders, index: &CustomerIndex, as_of: NaiveDate) -> Option<RepeatSplit> {
    let firsts = index.with_orders().map(|c| {
        let of = index.of(c);
        let first = of[0] as usize;
        (orders.dates()[first], crate::metrics::satisfaction::delivery::miss_days_at(orders, first), orders.dates()[of[of.len() - 1] as usize])
    });
    split_of(firsts, as_of)
}

fn repeat_split_by<'a>(orders: impl Iterator<Item = (&'a str, OrderRef<'a>)>, as_of: NaiveDate) -> Option<RepeatSplit> {
    let mut first: Map<&str, OrderRef> = Map::default();
    let mut last: Map<&str, NaiveDate> = Map::default();
    for (c, o) in orders.filter(|(_, o)| o.status == OrderStatus::Completed && o.date <= as_of) {
        let e = first.entry(c).or_insert(o);
        if (o.date, o.row) < (e.date, e.row) {
            *e = o;
        }
        let l = last.entry(c).or_insert(o.date);
        if o.date > *l {
            *l = o.date;
        }
    }
    split_of(first.iter().map(|(c, o)| (o.date, miss_days(o), last.get(c).copied().unwrap_or(o.date))), as_of)
}

/// The split from each customer's first purchase and the date of their last.
/// From each customer's first order (its date and its miss against the promise) and last date.
fn split_of(firsts: impl Iterator<Item = (NaiveDate, Option<i64>, NaiveDate)>, as_of: NaiveDate) -> Option<RepeatSplit> {
    let cutoff = as_of - chrono::Duration::days(i64::from(FOLLOWED_DAYS));
    let mut s = RepeatSplit { on_time_customers: 0, on_time_repeaters: 0, late_customers: 0, late_repeaters: 0, followed_days: FOLLOWED_DAYS };
    for (date, miss, last) in firsts {
        if date > cutoff {
            continue;
        }
        let Some(miss) = miss else { continue };
        let again = last > date;
        if miss <= 0 {
            s.on_time_customers += 1;
            s.on_time_repeaters += u64::from(again);
        } else {
            s.late_customers += 1;
            s.late_repeaters += u64::from(again);
        }
    }
    (s.on_time_customers + s.late_customers > 0).then_some(s)
}

/// The whole calculator on `data` with the assumptions `opts`. Never panics; a part that
/// cannot be computed is `None` with the reason.
///
/// ```
/// use loyalty_scorecard::metrics::expectation::{calculate, CalculatorData, ExpectationOptions};
/// use loyalty_scorecard::metrics::expectation::promise::DelayInput;
/// // No shop data: the promise part says why, the expected level is still there.
/// let r = calculate(&CalculatorData::default(), &ExpectationOptions::default());
/// assert!(r.promise.is_none() && r.promise_missing.is_some());
/// assert!((r.expected_level.value - 5.0).abs() < 1e-12);
/// // A typical and a worst-case time entered by hand.
/// let opts = ExpectationOptions { manual: Some(DelayInput::TypicalWorst { typical: 3.0, worst: 7.0 }), ..Default::default() };
/// let r = calculate(&CalculatorData::default(), &opts);
/// assert!(r.promise.unwrap().recommended_days >= 3);
/// ```
pub fn calculate(data: &CalculatorData, opts: &ExpectationOptions) -> CalculatorResult {
    let level = expected_level(opts.stage, &opts.factors, opts.weights.as_ref());
    let mut missing = None;
    let dist: Option<DelayDistribution> = match &opts.manual {
        Some(m) => match m.distribution() {
            Ok(d) => Some(d),
            Err(e) => {
                missing = Some(crate::messages::Note::NotEnoughData(Box::new(crate::messages::Note::BadDelays { reason: e })));
                None
            }
        },
        None => data.delivery.clone(),
    };
    if dist.is_none() && missing.is_none() {
        missing = Some(crate::messages::Note::NotEnoughData(Box::new(crate::messages::Note::NoDeliveries)));
    }
    let link = opts.rating.clone().filter(RatingLink::usable).or_else(|| data.fitted_rating.clone()).unwrap_or_else(RatingLink::default_link);
    let current = opts.current_promise.filter(|c| c.is_finite() && *c > 0.0).or(data.current_promise);
    let promise = dist.as_ref().and_then(|d| analyze_promise(d, &link, opts.attractiveness_k, current, opts.target_on_time));
    let what_if_promise = opts.promise_days.filter(|p| p.is_finite() && *p > 0.0).or(current).or(promise.as_ref().map(|p| f64::from(p.recommended_days)));
    let what = match (&dist, what_if_promise) {
        (Some(d), Some(p)) => what_if(d, &link, p, opts.speed_up, data.repeat.as_ref()),
        _ => None,
    };
    let response = data.response_hours.as_ref().and_then(|h| response_curve(h, opts.target_on_time));
    let segments = if opts.manual.is_none() {
        data.segments
            .iter()
            .filter_map(|s| {
                let a = analyze_promise(&s.delivery, &link, opts.attractiveness_k, current, opts.target_on_time)?;
                Some(SegmentResult {
                    segment: s.segment.clone(),
                    orders: s.delivery.n.unwrap_or(0),
                    recommended_days: a.recommended_days,
                    on_time_at_recommended: a.recommended.on_time.value,
                    on_time_at_current: a.current.as_ref().map(|c| c.on_time.value),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let assumptions = assumptions(opts, &link, dist.as_ref().map(|d| d.source), data.repeat.is_some());
    CalculatorResult {
        expected_level: level,
        promise_missing: if promise.is_none() { missing.or(Some("not enough data".into())) } else { None },
        delivery_source: dist.map(|d| d.source),
        promise,
        what_if: what,
        response,
        segments,
        assumptions,
    }
}

pub(crate) fn assumptions(opts: &ExpectationOptions, link: &RatingLink, source: Option<DelaySource>, repeat: bool) -> Vec<Assumption> {
    let mut a = Vec::new();
    let mut push = |code: &'static str, values: Vec<f64>, text: String| {
        a.push(Assumption { code, values: values.into_iter().map(|v| (!v.is_nan()).then_some(v)).collect(), text });
    };
    push(
        "weights",
        vec![if opts.weights.is_some() { 1.0 } else { 0.0 }],
        if opts.weights.is_some() {
            "Factor weights: as entered, normalised to sum 1.".into()
        } else {
            "Factor weights: the stage's order in 《影响客户期望的因素》 as rank points (½ each + 3/2/1 for the first three influences) ÷ 9.".into()
        },
    );
    match source {
        Some(DelaySource::Orders) => push("delivery_orders", vec![], "Delivery times: the shop's delivered orders (delivered − ordered, whole days), assumed to repeat.".into()),
        Some(DelaySource::List) => push("delivery_list", vec![], "Delivery times: the list entered (fractions rounded up to whole days).".into()),
        Some(DelaySource::TypicalWorst) => push("delivery_typical_worst", vec![], "Delivery times: a log-normal with the typical time as median and the worst case as 95th percentile.".into()),
        None => {}
    }
    push(
        "rating",
        vec![link.fitted_on.map_or(f64::NAN, |n| n as f64), link.on_time_rating, link.per_day_late, link.per_day_early, link.early_cap.unwrap_or(f64::NAN)],
        match link.fitted_on {
            Some(n) => format!(
                "Rating of an order: fitted on {n} rated orders, {:.2}★ on time, {:+.2}★ per day late, {:+.2}★ per day early{}.",
                link.on_time_rating,
                link.per_day_late,
                link.per_day_early,
                link.early_cap.map(|c| format!(" (up to {c:.0} days early, as seen in the data)")).unwrap_or_default()
            ),
            None => format!(
                "Rating of an order: {:.2}★ on time, {:+.2}★ per day late, {:+.2}★ per day early (not fitted: a default or your numbers).",
                link.on_time_rating, link.per_day_late, link.per_day_early
            ),
        },
    );
    push("satisfaction", vec![], "Satisfaction of an order = (expected rating − 1) ÷ 4, so 5★ counts as one satisfied order and 1★ as none.".into());
    let fewer = 100.0 * (1.0 - (-opts.attractiveness_k.max(0.0)).exp());
    push("attractiveness", vec![fewer, opts.attractiveness_k], format!("Each extra day promised wins {fewer:.1}% fewer orders: attractiveness = exp(−{}·(days − 1)).", opts.attractiveness_k));
    push("balance", vec![], "Balance point: the promise with the most expected satisfied orders (attractiveness × satisfaction).".into());
    let faster = 100.0 * if opts.speed_up.is_finite() { opts.speed_up.clamp(0.0, 0.9) } else { 0.0 };
    push(
        "speed_up",
        vec![faster],
        format!("What-if: every delivery takes {faster:.0}% less time (a recorded day spread evenly over the day, then counted again in whole days); nothing else changes."),
    );
    if repeat {
        push(
            "repeat",
            vec![FOLLOWED_DAYS as f64],
            format!(
                "Repeat rate = on-time share × repeat rate after an on-time first order + late share × repeat rate after a late one (customers followed ≥ {FOLLOWED_DAYS} days): a comparison of groups, not proof of cause."
            ),
        );
    }
    a
}

/// The scorecard's section: data from the records, the answer at `opts`.
pub fn analyze_expectation(data: &Dataset, as_of: NaiveDate, delivery: Option<&DeliveryReport>, opts: &ExpectationOptions) -> ExpectationReport {
    let keys = Keys::new(data);
    analyze_expectation_indexed(data, &CustomerIndex::purchases(data, &keys, as_of), as_of, delivery, opts)
}

/// [`analyze_expectation`] with the analysis's customer index of purchases (completed orders
/// on or before `as_of`).
pub(crate) fn analyze_expectation_indexed(data: &Dataset, purchases: &CustomerIndex, as_of: NaiveDate, delivery: Option<&DeliveryReport>, opts: &ExpectationOptions) -> ExpectationReport {
    let d = calculator_data_indexed(data, purchases, as_of, delivery, opts.by_segment);
    let result = calculate(&d, opts);
    ExpectationReport { data: d, options: opts.clone(), result }
}
