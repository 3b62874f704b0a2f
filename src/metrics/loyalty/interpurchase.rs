//! Time between purchases: the gaps, in days, between consecutive purchase days of the same
//! customer.

use super::prepared::{prepare, quantile_sorted, Prepared};
use crate::model::{AsOrders, Orders};
use chrono::NaiveDate;
use serde::Serialize;

/// Lower bounds (in days, inclusive) of the histogram bins; each bin runs to the next bound
/// minus one day, the last is open: 1–7, 8–14, 15–30, 31–60, 61–90, 91–180, 181–365, 366+.
pub const HISTOGRAM_LOWER_BOUNDS: [u32; 8] = [1, 8, 15, 31, 61, 91, 181, 366];

/// One histogram bin: gaps of `from_days` to `to_days` days (inclusive; `None` = open end).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapBin {
    /// Shortest gap in the bin, in days.
    pub from_days: u32,
    /// Longest gap in the bin, in days; `None` for the open last bin.
    pub to_days: Option<u32>,
    /// Gaps in the bin.
    pub gaps: u64,
    /// gaps ÷ all gaps.
    pub share: f64,
}

/// Distribution of the days between consecutive purchase days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interpurchase {
    /// Number of gaps (sum over customers of distinct purchase days − 1).
    pub gaps: u64,
    /// Customers with at least two distinct purchase days.
    pub customers: u64,
    /// Mean gap in days.
    pub mean_days: f64,
    /// Median gap in days.
    pub median_days: f64,
    /// First and third quartile.
    pub q1_days: f64,
    /// Third quartile in days.
    pub q3_days: f64,
    /// 90th percentile (used for the derived churn window, see [`super::leaky`]).
    pub p90_days: f64,
    /// Shortest gap in days.
    pub min_days: u32,
    /// Longest gap in days.
    pub max_days: u32,
    /// Bins as in [`HISTOGRAM_LOWER_BOUNDS`].
    pub histogram: Vec<GapBin>,
}

/// Time between purchases.
///
/// Definition: for each customer, the distinct purchase days in order d₁ < d₂ < … ; the gaps
/// are dᵢ₊₁ − dᵢ in days. Several orders on the same day are merged into one purchase day
/// (a split basket is not a return visit), so every gap is at least one day. Quantiles
/// (median, quartiles, 90th percentile) interpolate linearly between order statistics
/// (Hyndman & Fan 1996, type 7, the default of R and NumPy). Only purchases on or before
/// `as_of` count; the open time since a customer's last purchase is not a gap.
///
/// # Edge cases
/// `None` when no customer bought on two different days (no orders, one order each, or every
/// customer's orders on a single day).
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::Order;
/// use loyalty_scorecard::metrics::loyalty::interpurchase::interpurchase;
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// // a: days 1, 1 (merged), 11, 31 -> gaps 10, 20; b: one day only.
/// let o = [Order::new("a", d("2024-01-01"), 1.0), Order::new("a", d("2024-01-01"), 1.0),
///          Order::new("a", d("2024-01-11"), 1.0), Order::new("a", d("2024-01-31"), 1.0),
///          Order::new("b", d("2024-01-05"), 1.0)];
/// let s = interpurchase(&o, d("2024-02-01")).unwrap();
/// assert_eq!((s.gaps, s.customers, s.median_days, s.mean_days), (2, 1, 15.0, 15.0));
/// assert_eq!((s.histogram[1].gaps, s.histogram[2].gaps), (1, 1)); // 8-14 and 15-30 days
/// assert!(interpurchase(&o[4..], d("2024-02-01")).is_none());
/// ```
pub fn interpurchase(orders: &(impl AsOrders + ?Sized), as_of: NaiveDate) -> Option<Interpurchase> {
    let orders = orders.as_orders();
    let orders: &Orders = &orders;
    interpurchase_of(&gaps_of(&prepare(orders, as_of)))
}

/// All gaps in days, sorted ascending, and the number of customers with a gap.
pub(crate) struct Gaps {
    pub sorted: Vec<u32>,
    pub customers: u64,
}

pub(crate) fn gaps_of(p: &Prepared) -> Gaps {
    let mut sorted = Vec::new();
    let mut customers = 0;
    for c in 0..p.customers.len() {
        let before = sorted.len();
        let mut prev: Option<i32> = None;
        for day in p.days_of(c) {
            if let Some(q) = prev {
                sorted.push((day - q) as u32);
            }
            prev = Some(day);
        }
        if sorted.len() > before {
            customers += 1;
        }
    }
    sorted.sort_unstable();
    Gaps { sorted, customers }
}

pub(crate) fn interpurchase_of(g: &Gaps) -> Option<Interpurchase> {
    let n = g.sorted.len();
    if n == 0 {
        return None;
    }
    let v: Vec<f64> = g.sorted.iter().map(|&x| x as f64).collect();
    let q = |p: f64| quantile_sorted(&v, p).unwrap_or(0.0);
    let mut histogram: Vec<GapBin> =
        HISTOGRAM_LOWER_BOUNDS.iter().enumerate().map(|(i, &from)| GapBin { from_days: from, to_days: HISTOGRAM_LOWER_BOUNDS.get(i + 1).map(|next| next - 1), gaps: 0, share: 0.0 }).collect();
    for &x in &g.sorted {
        let bin = HISTOGRAM_LOWER_BOUNDS.partition_point(|&lo| lo <= x).saturating_sub(1);
        histogram[bin].gaps += 1;
    }
    for b in &mut histogram {
        b.share = b.gaps as f64 / n as f64;
    }
    Some(Interpurchase {
        gaps: n as u64,
        customers: g.customers,
        mean_days: v.iter().sum::<f64>() / n as f64,
        median_days: q(0.5),
        q1_days: q(0.25),
        q3_days: q(0.75),
        p90_days: q(0.9),
        min_days: g.sorted[0],
        max_days: g.sorted[n - 1],
        histogram,
    })
}
