//! The promise optimiser: which delivery time to promise, given what the shop really delivers.
//!
//! * **Delivery distribution**: the shop's own delivery days (delivered − ordered, whole days)
//!   as counts per day, or a distribution the user enters (a list of days, or a typical and a
//!   worst-case time, see [`DelayInput`]).
//! * **On-time share** for a promise of d days: P(delivery ≤ d), the empirical CDF, with a
//!   Wilson 95% interval when it rests on counted orders.
//! * **Satisfaction of one order** delivered `m` days after the promise (m < 0 early):
//!   s(m) = (r(m) − 1)/4, the expected rating of [`RatingLink`] put on a 0-1 scale (1★ = 0,
//!   5★ = 1). The expected rating is used rather than P(rating ≥ 4) because the fitted model
//!   is a model of the mean rating; s is a "satisfaction-weighted order".
//! * **Attractiveness** of a promise: the share of would-be orders a promise of d days wins,
//!   relative to the shortest promise considered (1 day): A(d) = exp(−k·(d − 1)). Each extra
//!   day promised loses the same share of orders (1 − e^{−k}); one parameter, always positive
//!   and decreasing. Default k = 0.10 (about 9.5% fewer orders per extra day): a placeholder
//!   to set from the shop's own tests, not a measured value.
//! * **Objective**: expected satisfied orders V(d) = A(d) · Σₐ P(a)·s(a − d): on-time and
//!   early orders at s of their (negative) miss, late ones at s of their days late.
//! * **Balance point** (平衡点): the promise that maximises V — where one more day of promise
//!   loses more in attractiveness than it wins in orders kept on time, and one day less loses
//!   more in late orders than it wins in attractiveness. Ties go to the shorter promise.
//!   Reported beside it: the shortest promise kept for at least the target share of orders
//!   (default 95%).

use super::super::stats::wilson95;
use crate::metrics::satisfaction::delivery::DeliveryRatingModel;
use crate::metrics::Interval;
use serde::{Deserialize, Serialize};

/// Longest promise considered, in days (and the longest delivery time kept as its own day).
pub const MAX_DAYS: u32 = 60;
/// Default attractiveness decay per day promised.
pub const DEFAULT_K: f64 = 0.10;
/// Default target on-time share for "the shortest promise kept for ≥ target".
pub const DEFAULT_TARGET: f64 = 0.95;

/// Orders (or probability mass) delivered after `days` whole days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayMass {
    pub days: u32,
    /// A count of orders, or a probability for a modelled distribution.
    pub weight: f64,
}

/// Where a delivery distribution comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DelaySource {
    /// The shop's delivered orders.
    Orders,
    /// A list of delivery times entered by the user.
    List,
    /// A log-normal through the user's typical (median) and worst-case (95th percentile) time.
    TypicalWorst,
}

/// A distribution of delivery times in whole days (or hours, for response times).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DelayDistribution {
    pub source: DelaySource,
    /// Ascending by `days`, positive weights only.
    pub mass: Vec<DayMass>,
    /// Counted observations (orders) when the weights are counts: intervals are shown then.
    pub n: Option<u64>,
}

impl DelayDistribution {
    /// From whole-day counts (`counts[i]` = observations of `days[i]`), e.g. the shop's orders.
    /// `None` when there is no observation.
    pub fn from_days(days: impl IntoIterator<Item = u32>, source: DelaySource) -> Option<DelayDistribution> {
        let mut counts = std::collections::BTreeMap::<u32, u64>::new();
        for d in days {
            *counts.entry(d.min(MAX_DAYS * 4)).or_default() += 1;
        }
        let n: u64 = counts.values().sum();
        (n > 0).then(|| DelayDistribution { source, mass: counts.into_iter().map(|(days, c)| DayMass { days, weight: c as f64 }).collect(), n: Some(n) })
    }

    fn total(&self) -> f64 {
        self.mass.iter().map(|m| m.weight).sum()
    }

    /// Whether it can be used: at least one positive, finite weight.
    pub fn usable(&self) -> bool {
        let t = self.total();
        t.is_finite() && t > 0.0 && self.mass.iter().all(|m| m.weight.is_finite() && m.weight >= 0.0)
    }

    /// Longest delivery time with mass.
    pub fn max_days(&self) -> u32 {
        self.mass.iter().filter(|m| m.weight > 0.0).map(|m| m.days).max().unwrap_or(0)
    }

    /// The p-quantile (smallest d with P(delivery ≤ d) ≥ p).
    pub fn quantile(&self, p: f64) -> u32 {
        let total = self.total();
        let mut acc = 0.0;
        for m in &self.mass {
            acc += m.weight;
            if acc >= p * total - 1e-12 * total {
                return m.days;
            }
        }
        self.max_days()
    }
}

/// What the user may enter instead of (or before) the shop's data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DelayInput {
    /// Delivery times in days (fractions are rounded up: a parcel arriving during day 3
    /// arrives within 3 days).
    List { days: Vec<f64> },
    /// A typical (median) and a worst-case (95th percentile) delivery time in days: a
    /// log-normal through both, discretised to whole days (rounded up). Log-normal because
    /// delivery times are positive and skewed to the right.
    TypicalWorst { typical: f64, worst: f64 },
}

impl DelayInput {
    /// The distribution, or a reason it cannot be built.
    ///
    /// ```
    /// use loyalty_scorecard::metrics::expectation::promise::DelayInput;
    /// let d = DelayInput::TypicalWorst { typical: 3.0, worst: 6.0 }.distribution().unwrap();
    /// assert!((d.on_time(3.0).0 - 0.5).abs() < 1e-6); // the median: half within 3 days
    /// assert!(d.on_time(6.0).0 >= 0.95 - 1e-6);        // the 95th percentile
    /// assert!(DelayInput::List { days: vec![] }.distribution().is_err());
    /// ```
    pub fn distribution(&self) -> Result<DelayDistribution, &'static str> {
        match self {
            DelayInput::List { days } => {
                let ok: Vec<u32> = days.iter().filter(|d| d.is_finite() && **d >= 0.0).map(|d| d.ceil().min(f64::from(MAX_DAYS * 4)) as u32).collect();
                DelayDistribution::from_days(ok, DelaySource::List).ok_or("no delivery time was entered")
            }
            DelayInput::TypicalWorst { typical, worst } => {
                if !(typical.is_finite() && worst.is_finite() && *typical > 0.0) {
                    return Err("the typical delivery time must be a number above 0");
                }
                if worst < typical {
                    return Err("the worst-case delivery time must not be shorter than the typical one");
                }
                let mu = typical.ln();
                // Equal typical and worst: all orders take that time (σ → 0).
                let sigma = (worst.ln() - mu) / 1.644_853_626_951_472_7;
                let cdf = |x: f64| {
                    if x <= 0.0 {
                        0.0
                    } else if sigma <= 1e-12 {
                        if x >= *typical {
                            1.0
                        } else {
                            0.0
                        }
                    } else {
                        crate::metrics::satisfaction::dist::normal_cdf((x.ln() - mu) / sigma)
                    }
                };
                let mut mass = Vec::new();
                let mut prev = 0.0;
                for k in 0..=MAX_DAYS * 4 {
                    let c = if k == MAX_DAYS * 4 { 1.0 } else { cdf(f64::from(k)) };
                    if c - prev > 1e-12 {
                        mass.push(DayMass { days: k, weight: c - prev });
                    }
                    prev = c;
                    if c >= 1.0 - 1e-9 {
                        // The rest of the tail goes to this day.
                        if let Some(last) = mass.last_mut() {
                            last.weight += 1.0 - c;
                        }
                        break;
                    }
                }
                Ok(DelayDistribution { source: DelaySource::TypicalWorst, mass, n: None })
            }
        }
    }
}

/// Expected rating r(m) of an order delivered m days after the promise (m < 0 early):
/// clamp(on_time + per_day_late·max(m, 0) + per_day_early·max(−m, 0), 1, 5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingLink {
    pub on_time_rating: f64,
    pub per_day_late: f64,
    pub per_day_early: f64,
    /// Rated orders the link was fitted on; `None` for the default or a user's numbers.
    pub fitted_on: Option<u64>,
    /// Days early beyond which the early effect is not extrapolated (the most days early of a
    /// rated order when fitted); `None` = no cap.
    #[serde(default)]
    pub early_cap: Option<f64>,
}

impl RatingLink {
    /// The default when no rating model can be fitted: an on-time order is rated 4.5★ and each
    /// day late costs 0.5★ (so four days late is 2.5★), no effect of early delivery. A
    /// placeholder of plausible size, not a measurement: load reviews to fit the shop's own.
    pub fn default_link() -> RatingLink {
        RatingLink { on_time_rating: 4.5, per_day_late: -0.5, per_day_early: 0.0, fitted_on: None, early_cap: None }
    }

    /// The fitted model's coefficients: `rating(m)` equals `model.expected_rating(m).0` for
    /// misses up to `early_cap` days early (the most days early of a rated order); further
    /// early counts as `early_cap` days, so a long promise is not credited with an early-delivery
    /// bonus the data never showed.
    pub fn from_model(m: &DeliveryRatingModel, early_cap: Option<f64>) -> RatingLink {
        RatingLink {
            on_time_rating: m.intercept,
            per_day_late: m.per_day_late,
            per_day_early: m.per_day_early.unwrap_or(0.0),
            fitted_on: Some(m.n),
            early_cap: early_cap.filter(|c| c.is_finite() && *c >= 0.0),
        }
    }

    /// Whether every coefficient is a finite number.
    pub fn usable(&self) -> bool {
        self.on_time_rating.is_finite() && self.per_day_late.is_finite() && self.per_day_early.is_finite()
    }

    /// Expected rating at `miss` days (1-5).
    pub fn rating(&self, miss: f64) -> f64 {
        let early = (-miss).max(0.0);
        let early = self.early_cap.map_or(early, |c| early.min(c.max(0.0)));
        let v = self.on_time_rating + self.per_day_late * miss.max(0.0) + self.per_day_early * early;
        if v.is_finite() {
            v.clamp(1.0, 5.0)
        } else {
            3.0
        }
    }

    /// Satisfaction of one order on a 0-1 scale: (rating − 1)/4.
    pub fn satisfaction(&self, miss: f64) -> f64 {
        (self.rating(miss) - 1.0) / 4.0
    }
}

/// Attractiveness A(d) = exp(−k·(d − 1)) (1 at a 1-day promise); k < 0 counts as 0.
pub fn attractiveness(k: f64, days: f64) -> f64 {
    let k = if k.is_finite() { k.max(0.0) } else { DEFAULT_K };
    (-k * (days - 1.0)).exp()
}

/// A share with its interval (Wilson 95% when it rests on counted observations).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    pub value: f64,
    pub interval: Option<Interval>,
    /// Observations it rests on (`None` for an entered or modelled distribution).
    pub n: Option<u64>,
}

impl DelayDistribution {
    /// Every delivery taking `scale` × its time: a recorded whole day k stands for a time
    /// spread evenly over (k − 1, k], which is scaled and counted again in whole days (rounded
    /// up); same-day deliveries stay same-day. `scale` 1 gives the distribution back.
    ///
    /// ```
    /// use loyalty_scorecard::metrics::expectation::promise::{DelayDistribution, DelaySource};
    /// // 4 days, 20% faster: (3, 4] × 0.8 = (2.4, 3.2]: ¾ arrive within 3 days, ¼ on day 4.
    /// let d = DelayDistribution::from_days([4], DelaySource::Orders).unwrap().scaled(0.8);
    /// assert!((d.on_time(3.0).0 - 0.75).abs() < 1e-12);
    /// ```
    pub fn scaled(&self, scale: f64) -> DelayDistribution {
        if !(scale.is_finite() && scale > 0.0) || (scale - 1.0).abs() < 1e-15 {
            return self.clone();
        }
        let mut acc = std::collections::BTreeMap::<u32, f64>::new();
        for m in &self.mass {
            if m.days == 0 {
                *acc.entry(0).or_default() += m.weight;
                continue;
            }
            let (lo, hi) = (f64::from(m.days - 1) * scale, f64::from(m.days) * scale);
            let mut j = lo.floor() as u32 + 1;
            while f64::from(j - 1) < hi {
                let part = (hi.min(f64::from(j)) - lo.max(f64::from(j - 1))).max(0.0) / (hi - lo);
                if part > 0.0 {
                    *acc.entry(j).or_default() += m.weight * part;
                }
                j += 1;
            }
        }
        DelayDistribution { source: self.source, mass: acc.into_iter().map(|(days, weight)| DayMass { days, weight }).collect(), n: self.n }
    }

    /// (P(delivery ≤ promise), successes) for a promise of `promise` days, deliveries scaled by
    /// `scale` (1 = as they are).
    fn within(&self, promise: f64, scale: f64) -> (f64, f64) {
        let total = self.total();
        let ok: f64 = self.mass.iter().filter(|m| f64::from(m.days) * scale <= promise + 1e-9).map(|m| m.weight).sum();
        (ok / total, ok)
    }

    /// On-time share at `promise` days: (value, share with interval).
    pub fn on_time(&self, promise: f64) -> (f64, Share) {
        self.on_time_scaled(promise, 1.0)
    }

    /// On-time share at `promise` days when every delivery takes `scale` × its time.
    pub fn on_time_scaled(&self, promise: f64, scale: f64) -> (f64, Share) {
        let (p, ok) = self.within(promise, scale);
        let interval = self.n.and_then(|n| wilson95(ok.round() as u64, n));
        (p, Share { value: p, interval, n: self.n })
    }

    /// Mean over orders of f(miss), miss = scale × days − promise.
    fn mean_of(&self, promise: f64, scale: f64, f: &dyn Fn(f64) -> f64) -> f64 {
        let total = self.total();
        self.mass.iter().map(|m| m.weight * f(f64::from(m.days) * scale - promise)).sum::<f64>() / total
    }
}

/// One promise on the trade-off curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PromisePoint {
    /// The promise, days.
    pub days: f64,
    /// Share of orders arriving within the promise.
    pub on_time: Share,
    /// 1 − on-time share.
    pub late_share: f64,
    /// Mean expected rating of the orders (1-5).
    pub expected_rating: f64,
    /// Mean satisfaction of an order, (rating − 1)/4.
    pub satisfaction: f64,
    /// A(d), relative to a 1-day promise.
    pub attractiveness: f64,
    /// V(d) = A(d) × satisfaction: expected satisfied orders per would-be order.
    pub value: f64,
    /// V(d) ÷ V at the balance point (1 there).
    pub relative_value: f64,
}

/// Evaluates one promise.
pub fn evaluate(dist: &DelayDistribution, link: &RatingLink, k: f64, promise: f64, scale: f64) -> PromisePoint {
    let (p, on_time) = dist.on_time_scaled(promise, scale);
    let expected_rating = dist.mean_of(promise, scale, &|m| link.rating(m));
    let satisfaction = dist.mean_of(promise, scale, &|m| link.satisfaction(m));
    let a = attractiveness(k, promise);
    PromisePoint { days: promise, on_time, late_share: (1.0 - p).max(0.0), expected_rating, satisfaction, attractiveness: a, value: a * satisfaction, relative_value: 1.0 }
}

/// The whole trade-off: curve, balance point, current promise, target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PromiseAnalysis {
    pub source: DelaySource,
    /// Observations (orders) behind the distribution; `None` when entered.
    pub n: Option<u64>,
    /// Median and 95th percentile of the delivery days.
    pub median_days: u32,
    pub p95_days: u32,
    /// Attractiveness decay k per day.
    pub attractiveness_k: f64,
    /// The rating link used.
    pub rating: RatingLink,
    /// d = 1 .. max(longest delivery + 1, current promise + 1), at most [`MAX_DAYS`].
    pub curve: Vec<PromisePoint>,
    /// The balance point: the promise with the largest V(d) (shortest on ties).
    pub recommended_days: u32,
    pub recommended: PromisePoint,
    /// The most common promise in the data (or the user's), when known.
    pub current: Option<PromisePoint>,
    /// Target on-time share and the shortest promise reaching it (None: not within the curve).
    pub target_on_time: f64,
    pub shortest_meeting_target: Option<u32>,
}

/// The promise analysis. `current` is the promise now made (days), if known.
///
/// # Edge cases
/// `None` when the distribution has no positive weight. Non-finite k is the default; k < 0 is 0.
///
/// ```
/// use loyalty_scorecard::metrics::expectation::promise::*;
/// // Every order takes exactly 3 days: a promise of 3 keeps every order, 2 keeps none.
/// let d = DelayDistribution::from_days([3, 3, 3, 3], DelaySource::Orders).unwrap();
/// let a = analyze_promise(&d, &RatingLink::default_link(), DEFAULT_K, None, DEFAULT_TARGET).unwrap();
/// assert_eq!(a.recommended_days, 3);
/// assert_eq!(a.shortest_meeting_target, Some(3));
/// ```
pub fn analyze_promise(dist: &DelayDistribution, link: &RatingLink, k: f64, current: Option<f64>, target: f64) -> Option<PromiseAnalysis> {
    if !dist.usable() {
        return None;
    }
    let link = if link.usable() { link.clone() } else { RatingLink::default_link() };
    let k = if k.is_finite() { k.max(0.0) } else { DEFAULT_K };
    let target = if target.is_finite() { target.clamp(0.0, 1.0) } else { DEFAULT_TARGET };
    let current = current.filter(|c| c.is_finite() && *c > 0.0).map(|c| c.min(f64::from(MAX_DAYS)));
    let top = (dist.max_days() + 1).max(current.map(|c| c.ceil() as u32 + 1).unwrap_or(0)).clamp(2, MAX_DAYS);
    let mut curve: Vec<PromisePoint> = (1..=top).map(|d| evaluate(dist, &link, k, f64::from(d), 1.0)).collect();
    let mut best = 0;
    for (i, p) in curve.iter().enumerate() {
        if p.value > curve[best].value * (1.0 + 1e-12) {
            best = i;
        }
    }
    let vmax = curve[best].value;
    for p in &mut curve {
        p.relative_value = if vmax > 0.0 { p.value / vmax } else { 0.0 };
    }
    let rel = |mut p: PromisePoint| {
        p.relative_value = if vmax > 0.0 { p.value / vmax } else { 0.0 };
        p
    };
    let shortest_meeting_target = curve.iter().find(|p| p.on_time.value >= target - 1e-12).map(|p| p.days as u32);
    Some(PromiseAnalysis {
        source: dist.source,
        n: dist.n,
        median_days: dist.quantile(0.5),
        p95_days: dist.quantile(0.95),
        attractiveness_k: k,
        rating: link.clone(),
        recommended_days: best as u32 + 1,
        recommended: curve[best].clone(),
        current: current.map(|c| rel(evaluate(dist, &link, k, c, 1.0))),
        target_on_time: target,
        shortest_meeting_target,
        curve,
    })
}

/// Repeat purchases by how a customer's first order was delivered (raw counts, so that the
/// calculator can recompute; Wilson intervals in [`RepeatRates`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepeatSplit {
    /// Customers whose first order arrived within its promise / of them, bought again.
    pub on_time_customers: u64,
    pub on_time_repeaters: u64,
    /// Customers whose first order arrived after its promise / of them, bought again.
    pub late_customers: u64,
    pub late_repeaters: u64,
    /// Only customers whose first order is at least this many days before the analysis date.
    pub followed_days: u32,
}

/// Followed-up time a first order needs before it counts (the service-recovery rule, too).
pub const FOLLOWED_DAYS: u32 = 60;

/// Repeat rates with Wilson 95% intervals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepeatRates {
    pub after_on_time: Share,
    pub after_late: Share,
}

impl RepeatSplit {
    /// Both rates; `None` when either group is empty.
    pub fn rates(&self) -> Option<RepeatRates> {
        let share = |k: u64, n: u64| (n > 0).then(|| Share { value: k as f64 / n as f64, interval: wilson95(k, n), n: Some(n) });
        Some(RepeatRates {
            after_on_time: share(self.on_time_repeaters.min(self.on_time_customers), self.on_time_customers)?,
            after_late: share(self.late_repeaters.min(self.late_customers), self.late_customers)?,
        })
    }
}

/// A repeat rate implied by an on-time share, with the range from the two groups' interval
/// ends (not itself a 95% interval).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImpliedRate {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

fn implied(r: &RepeatRates, on_time: f64) -> ImpliedRate {
    let mix = |a: f64, b: f64| on_time * a + (1.0 - on_time) * b;
    let lo = |s: &Share| s.interval.as_ref().map(|i| i.lower).unwrap_or(s.value);
    let hi = |s: &Share| s.interval.as_ref().map(|i| i.upper).unwrap_or(s.value);
    ImpliedRate { value: mix(r.after_on_time.value, r.after_late.value), low: mix(lo(&r.after_on_time), lo(&r.after_late)), high: mix(hi(&r.after_on_time), hi(&r.after_late)) }
}

/// Outcome of one scenario at a fixed promise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub on_time: f64,
    pub expected_rating: f64,
    /// on_time × repeat after on time + (1 − on_time) × repeat after late.
    pub repeat_rate: Option<ImpliedRate>,
}

/// What if deliveries were faster (see [`DelayDistribution::scaled`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIf {
    /// Share by which every delivery time is cut (0-0.9): days × (1 − speed_up).
    pub speed_up: f64,
    /// The promise evaluated, days.
    pub promise_days: f64,
    pub before: Outcome,
    pub after: Outcome,
    pub repeat: Option<RepeatRates>,
}

/// The what-if at `promise` days with deliveries `speed_up` faster (clamped to 0-0.9).
pub fn what_if(dist: &DelayDistribution, link: &RatingLink, promise: f64, speed_up: f64, repeat: Option<&RepeatSplit>) -> Option<WhatIf> {
    if !dist.usable() || !promise.is_finite() || promise <= 0.0 {
        return None;
    }
    let x = if speed_up.is_finite() { speed_up.clamp(0.0, 0.9) } else { 0.0 };
    let rates = repeat.and_then(RepeatSplit::rates);
    let outcome = |scale: f64| {
        let p = evaluate(&dist.scaled(scale), link, 0.0, promise, 1.0);
        Outcome { on_time: p.on_time.value, expected_rating: p.expected_rating, repeat_rate: rates.as_ref().map(|r| implied(r, p.on_time.value)) }
    };
    Some(WhatIf { speed_up: x, promise_days: promise, before: outcome(1.0), after: outcome(1.0 - x), repeat: rates })
}

/// Share of tickets answered within h hours, for a grid of promises.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponsePoint {
    pub hours: u32,
    pub within: Share,
}

/// First-response times against a promise of h hours: the same empirical CDF as deliveries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseCurve {
    pub n: u64,
    pub median_hours: u32,
    pub curve: Vec<ResponsePoint>,
    pub target: f64,
    /// Shortest promise on the grid answered within for ≥ target of tickets.
    pub shortest_meeting_target: Option<u32>,
}

/// Promises of response time considered, hours.
pub const RESPONSE_GRID: [u32; 13] = [1, 2, 4, 6, 8, 12, 24, 36, 48, 72, 96, 120, 168];

/// The response-time curve from whole hours (rounded up). `None` when empty.
pub fn response_curve(hours: &DelayDistribution, target: f64) -> Option<ResponseCurve> {
    if !hours.usable() {
        return None;
    }
    let max = hours.max_days();
    let mut curve = Vec::new();
    for h in RESPONSE_GRID {
        curve.push(ResponsePoint { hours: h, within: hours.on_time(f64::from(h)).1 });
        if h >= max {
            break;
        }
    }
    let shortest = curve.iter().find(|p| p.within.value >= target - 1e-12).map(|p| p.hours);
    Some(ResponseCurve { n: hours.n.unwrap_or(0), median_hours: hours.quantile(0.5), curve, target, shortest_meeting_target: shortest })
}
