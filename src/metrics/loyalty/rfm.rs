//! RFM: recency, frequency and monetary value per customer, scored 1-5 by quintile, and named
//! segments.

use super::prepared::{prepare, Prepared};
use crate::model::{AsOrders, Orders};
use chrono::NaiveDate;
use serde::Serialize;

/// A named RFM segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    /// Bought recently, high frequency-monetary (R 5, FM 4-5).
    Champions,
    /// High FM, fairly recent (R 3-4, FM 4-5).
    Loyal,
    /// Recent, average FM (R 4-5, FM 2-3).
    PotentialLoyalists,
    /// Very recent, low FM: mostly first-time buyers (R 5, FM 1).
    New,
    /// Recent, low FM (R 4, FM 1).
    Promising,
    /// Middling recency and FM (R 3, FM 3).
    NeedAttention,
    /// Middling recency, low FM (R 3, FM 1-2).
    AboutToSleep,
    /// Not recent, fair to good FM (R 1-2, FM 3-4).
    AtRisk,
    /// Not recent, top FM (R 1-2, FM 5).
    CannotLoseThem,
    /// Not recent, low FM (R 2, FM 1-2).
    Hibernating,
    /// Least recent, low FM (R 1, FM 1-2).
    Lost,
}

impl Segment {
    /// Every segment, best first (the order of [`RfmReport::segments`]).
    pub const ALL: [Segment; 11] = [
        Segment::Champions,
        Segment::Loyal,
        Segment::PotentialLoyalists,
        Segment::New,
        Segment::Promising,
        Segment::NeedAttention,
        Segment::AboutToSleep,
        Segment::AtRisk,
        Segment::CannotLoseThem,
        Segment::Hibernating,
        Segment::Lost,
    ];

    /// The snake_case name used in JSON and CSV, e.g. "potential_loyalists".
    pub fn key(self) -> &'static str {
        match self {
            Segment::Champions => "champions",
            Segment::Loyal => "loyal",
            Segment::PotentialLoyalists => "potential_loyalists",
            Segment::New => "new",
            Segment::Promising => "promising",
            Segment::NeedAttention => "need_attention",
            Segment::AboutToSleep => "about_to_sleep",
            Segment::AtRisk => "at_risk",
            Segment::CannotLoseThem => "cannot_lose_them",
            Segment::Hibernating => "hibernating",
            Segment::Lost => "lost",
        }
    }

    /// English display name.
    pub fn label(self) -> &'static str {
        match self {
            Segment::Champions => "Champions",
            Segment::Loyal => "Loyal",
            Segment::PotentialLoyalists => "Potential loyalists",
            Segment::New => "New",
            Segment::Promising => "Promising",
            Segment::NeedAttention => "Need attention",
            Segment::AboutToSleep => "About to sleep",
            Segment::AtRisk => "At risk",
            Segment::CannotLoseThem => "Cannot lose them",
            Segment::Hibernating => "Hibernating",
            Segment::Lost => "Lost",
        }
    }
}

use Segment::*;

/// The segment rule table: `SEGMENT_GRID[r - 1][fm - 1]`, with R the recency score and
/// FM = ⌊(F + M) / 2⌋ (see [`fm_score`]). Rows R = 1..5, columns FM = 1..5:
///
/// | R \ FM | 1              | 2                   | 3                   | 4                | 5                |
/// |--------|----------------|---------------------|---------------------|------------------|------------------|
/// | 5      | New            | Potential loyalists | Potential loyalists | Champions        | Champions        |
/// | 4      | Promising      | Potential loyalists | Potential loyalists | Loyal            | Loyal            |
/// | 3      | About to sleep | About to sleep      | Need attention      | Loyal            | Loyal            |
/// | 2      | Hibernating    | Hibernating         | At risk             | At risk          | Cannot lose them |
/// | 1      | Lost           | Lost                | At risk             | At risk          | Cannot lose them |
///
/// Adapted from the widely used R×F segment map (e.g. the "RFM segments" of Putler and of many
/// open notebooks), with FM in place of F and the R ≤ 2, low-FM corner split into Hibernating
/// (R = 2) and Lost (R = 1). Every cell has exactly one segment.
pub const SEGMENT_GRID: [[Segment; 5]; 5] = [
    [Lost, Lost, AtRisk, AtRisk, CannotLoseThem],
    [Hibernating, Hibernating, AtRisk, AtRisk, CannotLoseThem],
    [AboutToSleep, AboutToSleep, NeedAttention, Loyal, Loyal],
    [Promising, PotentialLoyalists, PotentialLoyalists, Loyal, Loyal],
    [New, PotentialLoyalists, PotentialLoyalists, Champions, Champions],
];

/// The combined frequency-monetary score ⌊(F + M) / 2⌋, in 1..=5.
///
/// ```
/// use loyalty_scorecard::metrics::loyalty::rfm::fm_score;
/// assert_eq!((fm_score(1, 1), fm_score(1, 2), fm_score(4, 5), fm_score(5, 5)), (1, 1, 4, 5));
/// ```
pub fn fm_score(f: u8, m: u8) -> u8 {
    ((f.clamp(1, 5) + m.clamp(1, 5)) / 2).clamp(1, 5)
}

/// The segment of scores (R, F, M), each 1..=5 (out-of-range scores are clamped).
///
/// ```
/// use loyalty_scorecard::metrics::loyalty::rfm::{segment_for, Segment};
/// assert_eq!(segment_for(5, 1, 1), Segment::New);
/// assert_eq!(segment_for(5, 5, 4), Segment::Champions);
/// assert_eq!(segment_for(1, 5, 5), Segment::CannotLoseThem);
/// ```
pub fn segment_for(r: u8, f: u8, m: u8) -> Segment {
    SEGMENT_GRID[(r.clamp(1, 5) - 1) as usize][(fm_score(f, m) - 1) as usize]
}

/// Quintile scores 1..=5 of `values`, higher value = higher score, ties equal.
///
/// Rule: score = 1 + ⌊5·L / n⌋, where L is the number of values *strictly smaller* than this
/// one and n the number of values (the "minimum rank" percentile). Equal values always get
/// equal scores: the score of the lowest position of their tie block. So with distinct values
/// the scores are exact quintiles (n = 10: 1,1,2,2,3,3,4,4,5,5); a block of ties shares one
/// score even when it spans several quintiles (e.g. 60% one-time buyers all get F = 1); when all
/// values are equal every score is 1. The result does not depend on the order of `values`.
/// NaN sorts above every number (`f64::total_cmp`).
///
/// ```
/// use loyalty_scorecard::metrics::loyalty::rfm::quintile_scores;
/// assert_eq!(quintile_scores(&[5.0, 1.0, 2.0, 4.0, 3.0]), [5, 1, 2, 4, 3]);
/// assert_eq!(quintile_scores(&[1.0, 1.0, 1.0, 2.0, 9.0]), [1, 1, 1, 4, 5]);
/// assert!(quintile_scores(&[]).is_empty());
/// ```
pub fn quintile_scores(values: &[f64]) -> Vec<u8> {
    let n = values.len();
    // Sorting (value, index) pairs keeps the comparisons in contiguous memory.
    let mut sorted: Vec<(f64, u32)> = values.iter().enumerate().map(|(i, &v)| (v, i as u32)).collect();
    sorted.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut scores = vec![0u8; n];
    let mut block_start = 0;
    for (pos, &(v, i)) in sorted.iter().enumerate() {
        if pos > 0 && v.total_cmp(&sorted[pos - 1].0).is_ne() {
            block_start = pos;
        }
        scores[i as usize] = (1 + 5 * block_start / n) as u8;
    }
    scores
}

/// One customer's RFM values, scores and segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RfmCustomer {
    /// Customer id as in the orders file.
    pub customer_id: String,
    /// Days from the last purchase to `as_of` (0 = bought on `as_of`).
    pub recency_days: u32,
    /// Purchases (order rows; same-day orders count separately, as in purchases.rs).
    pub frequency: u32,
    /// Total spend.
    pub monetary: f64,
    /// Recency score 1-5 (5 = most recent).
    pub r: u8,
    /// Frequency score 1-5.
    pub f: u8,
    /// Monetary score 1-5.
    pub m: u8,
    /// Segment from [`SEGMENT_GRID`].
    pub segment: Segment,
}

/// Customers and revenue of one segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentSummary {
    /// Which segment.
    pub segment: Segment,
    /// Display name ([`Segment::label`]).
    pub label: &'static str,
    /// Customers in the segment.
    pub customers: u64,
    /// customers ÷ all customers (0 when there are none).
    pub customer_share: f64,
    /// Their total spend.
    pub revenue: f64,
    /// revenue ÷ all revenue; `None` when total revenue is 0.
    pub revenue_share: Option<f64>,
}

/// Per-customer RFM and the segment sizes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RfmReport {
    /// Sorted by customer id.
    pub customers: Vec<RfmCustomer>,
    /// All eleven segments in [`Segment::ALL`] order, empty ones included.
    pub segments: Vec<SegmentSummary>,
}

/// RFM analysis at `as_of`.
///
/// Definitions (Hughes 1994, "Strategic Database Marketing"; Fader, Hardie & Lee 2005, "RFM
/// and CLV: Using Iso-Value Curves for Customer Base Analysis", JMR 42(4)): recency = days
/// from the last purchase to `as_of`; frequency = number of purchases; monetary = total spend.
/// F and M are [`quintile_scores`] of frequency and spend; R is 6 minus the quintile score of
/// recency days, so the most recent customers get R = 5 and ties share the score of the most
/// recent position. The segment comes from [`SEGMENT_GRID`] via [`segment_for`].
///
/// Scores are relative to the shop's own customers: with fewer than 5 customers they are
/// computed but say little (see [`super::analyze_loyalty`]'s messages).
///
/// # Edge cases
/// No purchases: no customers, every segment 0 with `revenue_share: None`. One customer (or
/// all tied): R = 5, F = 1, M = 1, segment New.
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::Order;
/// use loyalty_scorecard::metrics::loyalty::rfm::{rfm, Segment};
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let o = [Order::new("a", d("2024-03-01"), 50.0), Order::new("a", d("2024-03-09"), 50.0),
///          Order::new("b", d("2023-06-01"), 10.0)];
/// let r = rfm(&o, d("2024-03-10"));
/// let a = &r.customers[0];
/// assert_eq!((a.recency_days, a.frequency, a.monetary, a.r, a.f, a.m), (1, 2, 100.0, 5, 3, 3));
/// assert_eq!((a.segment, r.customers[1].segment), (Segment::PotentialLoyalists, Segment::AboutToSleep));
/// assert_eq!(r.customers[1].r, 3); // 2 customers: 1 + ⌊5·1/2⌋ = 3 for the older, so 6 - 3 = 3
/// ```
pub fn rfm(orders: &(impl AsOrders + ?Sized), as_of: NaiveDate) -> RfmReport {
    let orders = orders.as_orders();
    let orders: &Orders = &orders;
    rfm_of(&prepare(orders, as_of))
}

/// Each customer's (r, f, m) scores, in the order of `p.customers`.
fn scores_of(p: &Prepared) -> Vec<(u8, u8, u8)> {
    let recency: Vec<f64> = p.customers.iter().map(|c| (p.as_of_day - c.last) as f64).collect();
    let frequency: Vec<f64> = p.customers.iter().map(|c| c.orders as f64).collect();
    let monetary: Vec<f64> = p.customers.iter().map(|c| c.spend).collect();
    let (rs, fs, ms) = (quintile_scores(&recency), quintile_scores(&frequency), quintile_scores(&monetary));
    (0..p.customers.len()).map(|i| (6 - rs[i], fs[i], ms[i])).collect()
}

/// The segments of [`rfm_of`] without the per-customer rows (no id copied per customer).
pub(crate) fn segments_of(p: &Prepared) -> Vec<SegmentSummary> {
    let scores = scores_of(p);
    summarize(p.customers.iter().zip(&scores).map(|(c, &(r, f, m))| (segment_for(r, f, m), c.spend)), p.customers.len(), p.revenue)
}

pub(crate) fn rfm_of(p: &Prepared) -> RfmReport {
    let scores = scores_of(p);
    let customers: Vec<RfmCustomer> = p
        .customers
        .iter()
        .zip(&scores)
        .map(|(c, &(r, f, m))| RfmCustomer {
            customer_id: c.id.to_string(),
            recency_days: (p.as_of_day - c.last) as u32,
            frequency: c.orders,
            monetary: c.spend,
            r,
            f,
            m,
            segment: segment_for(r, f, m),
        })
        .collect();
    let segments = summarize(customers.iter().map(|c| (c.segment, c.monetary)), customers.len(), p.revenue);
    RfmReport { customers, segments }
}

/// Customers and revenue per segment from each customer's (segment, spend), `n` customers.
fn summarize(customers: impl Iterator<Item = (Segment, f64)>, n: usize, total_revenue: f64) -> Vec<SegmentSummary> {
    let mut count = [0u64; 11];
    let mut revenue = [0f64; 11];
    for (segment, spend) in customers {
        let i = Segment::ALL.iter().position(|&s| s == segment).unwrap_or(0);
        count[i] += 1;
        revenue[i] += spend;
    }
    Segment::ALL
        .iter()
        .enumerate()
        .map(|(i, &s)| SegmentSummary {
            segment: s,
            label: s.label(),
            customers: count[i],
            customer_share: if n > 0 { count[i] as f64 / n as f64 } else { 0.0 },
            revenue: revenue[i],
            revenue_share: (total_revenue > 0.0).then(|| revenue[i] / total_revenue),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_uses_every_segment_and_ties_are_deterministic() {
        for s in Segment::ALL {
            assert!(SEGMENT_GRID.iter().flatten().any(|&g| g == s), "{s:?} missing from the grid");
        }
        // Ties at a quintile border: values 1,1,1,1,1,1,2,2,3,3 -> L = 0 (six 1s), 6, 8.
        assert_eq!(quintile_scores(&[1., 1., 1., 1., 1., 1., 2., 2., 3., 3.]), [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
        assert_eq!(quintile_scores(&[7.0; 4]), [1, 1, 1, 1]);
        assert_eq!(quintile_scores(&[3.0, 1.0]), [3, 1]); // L = 1 of 2 -> 1 + 5/2 = 3
    }
}
