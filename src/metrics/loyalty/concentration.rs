//! Value concentration: how much of the revenue the best customers bring (top shares, Lorenz
//! curve, Gini coefficient) and value tiers.

use super::prepared::{prepare, Prepared};
use crate::model::{AsOrders, Orders};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Most Lorenz points returned (a chart needs no more).
pub const MAX_LORENZ_POINTS: usize = 101;

/// Value tier of a customer by spend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueTier {
    /// The top customers by spend (default top 20%).
    High,
    /// The next customers by spend (default next 30%).
    Medium,
    /// Everyone else.
    Low,
}

impl ValueTier {
    /// The snake_case name used in JSON and CSV.
    pub fn key(self) -> &'static str {
        match self {
            ValueTier::High => "high",
            ValueTier::Medium => "medium",
            ValueTier::Low => "low",
        }
    }
}

/// Where the value tiers are cut, as shares of customers ranked by spend (highest first).
///
/// Default: the top 20% of customers are `high`, the next 30% `medium`, the remaining 50%
/// `low`. A customer is high when fewer than ⌈high_share · n⌉ customers spend strictly more,
/// medium when fewer than ⌈(high_share + medium_share) · n⌉ do; so customers with equal spend
/// always share a tier, and ties at a border go to the higher tier (a tier may then hold a
/// little more than its share). Shares are clamped to [0, 1] and their sum to at most 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TierThresholds {
    /// Share of customers in the high tier (default 0.2).
    pub high_share: f64,
    /// Share of customers in the medium tier, after the high tier (default 0.3).
    pub medium_share: f64,
}

impl Default for TierThresholds {
    fn default() -> Self {
        TierThresholds { high_share: 0.2, medium_share: 0.3 }
    }
}

impl TierThresholds {
    /// The thresholds made valid: non-finite shares become the defaults, shares are clamped to
    /// [0, 1] and medium is cut so that high + medium ≤ 1.
    pub fn sanitized(&self) -> TierThresholds {
        let d = TierThresholds::default();
        let fix = |x: f64, def: f64| if x.is_finite() { x.clamp(0.0, 1.0) } else { def };
        let high = fix(self.high_share, d.high_share);
        TierThresholds { high_share: high, medium_share: fix(self.medium_share, d.medium_share).min(1.0 - high) }
    }
}

/// One point of the Lorenz curve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LorenzPoint {
    /// Share of customers, poorest first, 0..=1.
    pub customer_share: f64,
    /// Their share of revenue, 0..=1.
    pub revenue_share: f64,
}

/// Customers and revenue of one value tier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TierSummary {
    /// Which tier.
    pub tier: ValueTier,
    /// Customers in the tier.
    pub customers: u64,
    /// Their total spend.
    pub revenue: f64,
    /// revenue ÷ all revenue; `None` when total revenue is 0.
    pub revenue_share: Option<f64>,
    /// Lowest and highest spend in the tier; `None` for an empty tier.
    pub min_spend: Option<f64>,
    /// Highest spend in the tier; `None` for an empty tier.
    pub max_spend: Option<f64>,
}

/// Value concentration over customers' total spend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Concentration {
    /// Customers with at least one purchase.
    pub customers: u64,
    /// Their total spend.
    pub revenue: f64,
    /// Share of revenue from the top 10% / 20% of customers ([`top_share`]); `None` when
    /// revenue is 0.
    pub top_10_share: Option<f64>,
    /// Share of revenue from the top 20% of customers.
    pub top_20_share: Option<f64>,
    /// Revenue of the top 10% ÷ revenue of the next 10% (ranks 10-20%); `None` when the next
    /// 10% spent nothing.
    pub top_10_vs_next_10: Option<f64>,
    /// [`gini`]; `None` when revenue is 0.
    pub gini: Option<f64>,
    /// [`lorenz_curve`], at most [`MAX_LORENZ_POINTS`] points; empty when revenue is 0.
    pub lorenz: Vec<LorenzPoint>,
    /// The thresholds used (after [`TierThresholds::sanitized`]).
    pub thresholds: TierThresholds,
    /// High, medium, low.
    pub tiers: Vec<TierSummary>,
}

/// Rounds values within 1e-9 of an integer to it, so that 0.3 · 10 is 3, not 3.0000000000000004.
fn snap(x: f64) -> f64 {
    let r = x.round();
    if (x - r).abs() < 1e-9 {
        r
    } else {
        x
    }
}

/// Share of the total of `values` held by the top `share` of them.
///
/// Definition: with the values sorted from highest, the top k = share · n values, where a
/// fractional k takes that fraction of the next value (the point of the Lorenz curve read from
/// the top, linearly interpolated); divided by the total. `None` when the total is not positive.
///
/// ```
/// use loyalty_scorecard::metrics::loyalty::concentration::top_share;
/// // 5 customers, top 20% = 1 customer: 50 of 100.
/// assert_eq!(top_share(&[10.0, 50.0, 20.0, 10.0, 10.0], 0.2), Some(0.5));
/// // top 10% of 5 = half a customer: 25 of 100.
/// assert_eq!(top_share(&[10.0, 50.0, 20.0, 10.0, 10.0], 0.1), Some(0.25));
/// ```
pub fn top_share(values: &[f64], share: f64) -> Option<f64> {
    // Ascending then reversed: the same order (values equal by total_cmp are the same bits),
    // with the ascending sort's one copy of the code.
    let mut desc = values.to_vec();
    desc.sort_unstable_by(f64::total_cmp);
    desc.reverse();
    top_share_sorted_desc(&desc, desc.iter().sum(), share)
}

fn top_share_sorted_desc(desc: &[f64], total: f64, share: f64) -> Option<f64> {
    if total.is_nan() || total <= 0.0 {
        return None;
    }
    let k = snap(share.clamp(0.0, 1.0) * desc.len() as f64);
    let whole = k.floor() as usize;
    let mut sum: f64 = desc[..whole.min(desc.len())].iter().sum();
    if whole < desc.len() {
        sum += (k - whole as f64) * desc[whole];
    }
    Some((sum / total).clamp(0.0, 1.0))
}

/// Gini coefficient of non-negative values.
///
/// Formula (the standard sample Gini; equals 1 − 2 × the area under the piecewise-linear Lorenz
/// curve): with x₍₁₎ ≤ … ≤ x₍ₙ₎ sorted ascending,
/// G = Σᵢ (2i − n − 1)·x₍ᵢ₎ ÷ (n · Σᵢ x₍ᵢ₎). 0 = everyone spends the same; the maximum
/// (n − 1)/n is one customer with all revenue. `None` for no values or a total that is not
/// positive.
///
/// ```
/// use loyalty_scorecard::metrics::loyalty::concentration::gini;
/// assert_eq!(gini(&[5.0, 5.0, 5.0]), Some(0.0));
/// assert_eq!(gini(&[0.0, 0.0, 0.0, 12.0]), Some(0.75)); // (2·4 − 5)·12 / (4·12)
/// assert_eq!(gini(&[1.0, 3.0]), Some(0.25));            // (−1·1 + 1·3) / (2·4)
/// assert_eq!(gini(&[]), None);
/// ```
pub fn gini(values: &[f64]) -> Option<f64> {
    let mut asc = values.to_vec();
    asc.sort_unstable_by(f64::total_cmp);
    gini_sorted_asc(&asc)
}

fn gini_sorted_asc(asc: &[f64]) -> Option<f64> {
    let n = asc.len();
    let total: f64 = asc.iter().sum();
    if n == 0 || total.is_nan() || total <= 0.0 {
        return None;
    }
    let weighted: f64 = asc.iter().enumerate().map(|(i, &x)| (2.0 * (i + 1) as f64 - n as f64 - 1.0) * x).sum();
    Some((weighted / (n as f64 * total)).clamp(0.0, 1.0))
}

/// Lorenz curve of non-negative values: customers sorted by spend ascending, point i =
/// (i / n, spend of the i lowest ÷ total), i = 0..=n. When that is more than `max_points`
/// points (at least 2), the curve is sampled at `max_points` evenly spaced customer shares
/// (0, 1/(max_points − 1), …, 1), interpolating linearly between the exact points — the same
/// piecewise-linear curve, just fewer vertices. Empty when the total is not positive.
///
/// ```
/// use loyalty_scorecard::metrics::loyalty::concentration::lorenz_curve;
/// let l = lorenz_curve(&[3.0, 1.0], 101);
/// let pts: Vec<(f64, f64)> = l.iter().map(|p| (p.customer_share, p.revenue_share)).collect();
/// assert_eq!(pts, [(0.0, 0.0), (0.5, 0.25), (1.0, 1.0)]);
/// assert_eq!(lorenz_curve(&[1.0; 1000], 101).len(), 101);
/// ```
pub fn lorenz_curve(values: &[f64], max_points: usize) -> Vec<LorenzPoint> {
    let mut asc = values.to_vec();
    asc.sort_unstable_by(f64::total_cmp);
    lorenz_sorted_asc(&asc, max_points)
}

fn lorenz_sorted_asc(asc: &[f64], max_points: usize) -> Vec<LorenzPoint> {
    let n = asc.len();
    let total: f64 = asc.iter().sum();
    if n == 0 || total.is_nan() || total <= 0.0 {
        return Vec::new();
    }
    let mut cum = Vec::with_capacity(n + 1);
    cum.push(0.0);
    let mut s = 0.0;
    for &x in asc {
        s += x;
        cum.push(s);
    }
    let point = |c: f64, y: f64| LorenzPoint { customer_share: c, revenue_share: (y / total).clamp(0.0, 1.0) };
    let max_points = max_points.max(2);
    if n < max_points {
        return cum.iter().enumerate().map(|(i, &y)| point(i as f64 / n as f64, y)).collect();
    }
    (0..max_points)
        .map(|j| {
            let x = j as f64 / (max_points - 1) as f64;
            let t = snap(x * n as f64);
            let i = (t.floor() as usize).min(n);
            let y = if i == n { cum[n] } else { cum[i] + (t - i as f64) * asc[i] };
            point(x, y)
        })
        .collect()
}

/// The tier of each value under `thresholds` (see [`TierThresholds`]), in the order of `values`.
///
/// ```
/// use loyalty_scorecard::metrics::loyalty::concentration::{value_tiers, TierThresholds, ValueTier::*};
/// let spend = [10.0, 90.0, 30.0, 30.0, 5.0, 1.0, 2.0, 3.0, 4.0, 60.0];
/// // top ⌈0.2·10⌉ = 2: 90, 60; next up to ⌈0.5·10⌉ = 5: 30, 30, 10; the rest low.
/// assert_eq!(value_tiers(&spend, &TierThresholds::default()),
///            [Medium, High, Medium, Medium, Low, Low, Low, Low, Low, High]);
/// ```
pub fn value_tiers(values: &[f64], thresholds: &TierThresholds) -> Vec<ValueTier> {
    let t = thresholds.sanitized();
    let n = values.len();
    let high_cut = snap(t.high_share * n as f64).ceil() as usize;
    let medium_cut = snap((t.high_share + t.medium_share) * n as f64).ceil() as usize;
    let mut sorted: Vec<(f64, u32)> = values.iter().enumerate().map(|(i, &v)| (v, i as u32)).collect();
    sorted.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
    let mut tiers = vec![ValueTier::Low; n];
    let mut block_start = 0; // customers spending strictly more
    for (pos, &(v, i)) in sorted.iter().enumerate() {
        if pos > 0 && v.total_cmp(&sorted[pos - 1].0).is_ne() {
            block_start = pos;
        }
        tiers[i as usize] = if block_start < high_cut {
            ValueTier::High
        } else if block_start < medium_cut {
            ValueTier::Medium
        } else {
            ValueTier::Low
        };
    }
    tiers
}

/// Value concentration of customers' total spend at `as_of`.
///
/// Definitions: spend = sum of a customer's purchases; top shares by [`top_share`] (the
/// Pareto / "80/20" view: 《電子商務下顧客滿意度及忠誠度的培養》 expects the top 10% to yield 5-10x the next 10%);
/// [`gini`]; [`lorenz_curve`] with at most [`MAX_LORENZ_POINTS`] points; tiers by
/// [`value_tiers`].
///
/// # Edge cases
/// `None` when there are no purchases. Zero total revenue (all orders free): shares, Gini and
/// ratio are `None` and the Lorenz curve is empty, tiers are still given (everyone ties).
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::Order;
/// use loyalty_scorecard::metrics::loyalty::concentration::{concentration, TierThresholds};
/// let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
/// let o: Vec<Order> = (1..=10).map(|i| Order::new(&format!("c{i:02}"), day, i as f64)).collect();
/// let c = concentration(&o, day, &TierThresholds::default()).unwrap();
/// assert_eq!((c.top_10_share, c.top_20_share), (Some(10.0 / 55.0), Some(19.0 / 55.0)));
/// assert!((c.top_10_vs_next_10.unwrap() - 10.0 / 9.0).abs() < 1e-12);
/// assert_eq!(c.gini, Some(0.3)); // Σ(2i − 11)·i = 165; 165 / (10 · 55)
/// ```
pub fn concentration(orders: &(impl AsOrders + ?Sized), as_of: NaiveDate, thresholds: &TierThresholds) -> Option<Concentration> {
    let orders = orders.as_orders();
    let orders: &Orders = &orders;
    concentration_of(&prepare(orders, as_of), thresholds)
}

pub(crate) fn concentration_of(p: &Prepared, thresholds: &TierThresholds) -> Option<Concentration> {
    if p.customers.is_empty() {
        return None;
    }
    let spend: Vec<f64> = p.customers.iter().map(|c| c.spend).collect();
    let mut asc = spend.clone();
    asc.sort_unstable_by(f64::total_cmp);
    let desc: Vec<f64> = asc.iter().rev().copied().collect();
    let total: f64 = asc.iter().sum();
    let top10 = top_share_sorted_desc(&desc, total, 0.1);
    let top20 = top_share_sorted_desc(&desc, total, 0.2);
    let ratio = match (top10, top20) {
        (Some(a), Some(b)) if b - a > 1e-12 => Some(a / (b - a)),
        _ => None,
    };
    let t = thresholds.sanitized();
    let tiers_of = value_tiers(&spend, &t);
    let tiers = [ValueTier::High, ValueTier::Medium, ValueTier::Low]
        .iter()
        .map(|&tier| {
            let mut s = TierSummary { tier, customers: 0, revenue: 0.0, revenue_share: None, min_spend: None, max_spend: None };
            for (&x, _) in spend.iter().zip(&tiers_of).filter(|(_, &k)| k == tier) {
                s.customers += 1;
                s.revenue += x;
                s.min_spend = Some(s.min_spend.map_or(x, |m: f64| m.min(x)));
                s.max_spend = Some(s.max_spend.map_or(x, |m: f64| m.max(x)));
            }
            s.revenue_share = (total > 0.0).then(|| s.revenue / total);
            s
        })
        .collect();
    Some(Concentration {
        customers: spend.len() as u64,
        revenue: total,
        top_10_share: top10,
        top_20_share: top20,
        top_10_vs_next_10: ratio,
        gini: gini_sorted_asc(&asc),
        lorenz: lorenz_sorted_asc(&asc, MAX_LORENZ_POINTS),
        thresholds: t,
        tiers,
    })
}

/// Per-customer tiers in the order of `p.customers`.
pub(crate) fn tiers_of(p: &Prepared, thresholds: &TierThresholds) -> Vec<ValueTier> {
    let spend: Vec<f64> = p.customers.iter().map(|c| c.spend).collect();
    value_tiers(&spend, thresholds)
}
