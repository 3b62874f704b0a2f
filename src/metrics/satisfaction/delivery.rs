//! Operations gaps: delivery against the promised days, how ratings move with the miss, and
//! the first-response time of tickets against a promised number of hours (
//! disconfirmation from operations data).
//!
//! * miss = (delivered − ordered) days − promised days, per delivered order with a promise:
//!   < 0 early, = 0 on time, > 0 late. Shares with Wilson 95% intervals.
//! * Rating model: reviews joined to orders by order id, ordinary least squares fit of
//!   `rating = a + b·late + c·early` with late = max(miss, 0) and early = max(−miss, 0) days.
//!   The early term is dropped (`c = None`) when fewer than [`MIN_EARLY_FOR_TERM`] rated orders
//!   were early or the design is singular. Standard errors from s²(XᵀX)⁻¹ with
//!   s² = RSS/(n − k); the 95% interval of the *mean* rating at a miss x₀ is
//!   ŷ(x₀) ± t(0.975, n − k)·√(s²·x₀ᵀ(XᵀX)⁻¹x₀) (any regression text, e.g. Draper & Smith,
//!   *Applied Regression Analysis*, 3rd ed., §2.2; checked against statsmodels
//!   `OLS(...).get_prediction(...).conf_int()`).

use super::{dist, median, Counted, Measure, SatUnit};
use crate::dataset::Ticket;
use crate::fast::Map;
use crate::model::{AsOrders, Linked, OrderRef, Orders};
use crate::model::{AsReviews, Reviews};
use serde::Serialize;
use std::collections::BTreeMap;

/// Below this many early rated orders the model has no early term.
pub const MIN_EARLY_FOR_TERM: usize = 5;

/// Number of orders that missed their promise by `miss_days`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissCount {
    /// Delivered − ordered − promised days (negative = early).
    pub miss_days: i64,
    /// Orders with this miss.
    pub orders: u64,
    /// Mean rating of reviewed orders with this miss (`None` when none was reviewed).
    pub mean_rating: Option<f64>,
    /// Reviewed orders with this miss.
    pub ratings: u64,
}

/// Fitted `rating = a + b·late + c·early`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeliveryRatingModel {
    /// Intercept a: expected rating of an on-time order.
    pub intercept: f64,
    /// Standard error of the intercept.
    pub intercept_se: f64,
    /// b: change in rating per day late.
    pub per_day_late: f64,
    /// Standard error of the late slope.
    pub per_day_late_se: f64,
    /// c: change in rating per day early (`None` when the term is dropped).
    pub per_day_early: Option<f64>,
    /// Standard error of the early slope.
    pub per_day_early_se: Option<f64>,
    /// Rated orders used.
    pub n: u64,
    /// Residual degrees of freedom n − k.
    pub df: u64,
    /// Residual variance s².
    pub residual_variance: f64,
    /// (XᵀX)⁻¹, rows/columns in the order intercept, late, early.
    pub xtx_inverse: Vec<Vec<f64>>,
    /// Largest late miss seen; predictions beyond it are extrapolations.
    pub max_late_seen: i64,
}

impl DeliveryRatingModel {
    /// Expected mean rating of orders delivered `miss_days` after (positive) or before
    /// (negative) the promise, with its 95% interval: `(value, lower, upper)`. All three are
    /// clamped to the 1-5 scale.
    ///
    /// ```
    /// use loyalty_scorecard::metrics::satisfaction::delivery::fit_rating_model;
    /// // ratings 5, 5, 4, 4, 3, 3 at miss 0, 0, 1, 1, 2, 2: rating = 5 − 1·late exactly.
    /// let m = fit_rating_model(&[(0, 5.0), (0, 5.0), (1, 4.0), (1, 4.0), (2, 3.0), (2, 3.0)]).unwrap();
    /// let (v, lo, hi) = m.expected_rating(1.0);
    /// assert!((v - 4.0).abs() < 1e-9 && (lo - 4.0).abs() < 1e-9 && (hi - 4.0).abs() < 1e-9);
    /// ```
    pub fn expected_rating(&self, miss_days: f64) -> (f64, f64, f64) {
        let x = self.design_row(miss_days);
        let beta = self.coefficients();
        let value: f64 = x.iter().zip(&beta).map(|(a, b)| a * b).sum();
        let mut q = 0.0;
        for i in 0..x.len() {
            for j in 0..x.len() {
                q += x[i] * self.xtx_inverse[i][j] * x[j];
            }
        }
        let half = dist::t_quantile(0.975, self.df as f64) * (self.residual_variance * q).max(0.0).sqrt();
        let c = |v: f64| v.clamp(1.0, 5.0);
        (c(value), c(value - half), c(value + half))
    }

    fn coefficients(&self) -> Vec<f64> {
        let mut b = vec![self.intercept, self.per_day_late];
        if let Some(c) = self.per_day_early {
            b.push(c);
        }
        b
    }

    fn design_row(&self, miss: f64) -> Vec<f64> {
        let mut x = vec![1.0, miss.max(0.0)];
        if self.per_day_early.is_some() {
            x.push((-miss).max(0.0));
        }
        x
    }
}

/// Solves the least-squares problem for rows `x` (each of length k) and targets `y`:
/// returns (β, (XᵀX)⁻¹) or `None` when XᵀX is singular.
fn ols(k: usize, rows: impl Iterator<Item = ([f64; 3], f64)>) -> Option<(Vec<f64>, Vec<Vec<f64>>)> {
    let mut xtx = vec![vec![0.0; k]; k];
    let mut xty = vec![0.0; k];
    let mut any = false;
    for (row, yi) in rows {
        any = true;
        for i in 0..k {
            xty[i] += row[i] * yi;
            for j in 0..k {
                xtx[i][j] += row[i] * row[j];
            }
        }
    }
    if !any {
        return None;
    }
    // Gauss-Jordan inversion with partial pivoting.
    let mut a: Vec<Vec<f64>> = xtx.clone();
    let mut inv: Vec<Vec<f64>> = (0..k).map(|i| (0..k).map(|j| if i == j { 1.0 } else { 0.0 }).collect()).collect();
    let scale = xtx.iter().map(|r| r.iter().fold(0.0_f64, |m, v| m.max(v.abs()))).fold(0.0_f64, f64::max);
    for col in 0..k {
        let piv = (col..k).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[piv][col].abs() <= 1e-10 * scale.max(1.0) {
            return None;
        }
        a.swap(col, piv);
        inv.swap(col, piv);
        let p = a[col][col];
        for j in 0..k {
            a[col][j] /= p;
            inv[col][j] /= p;
        }
        for r in 0..k {
            if r != col {
                let f = a[r][col];
                for j in 0..k {
                    a[r][j] -= f * a[col][j];
                    inv[r][j] -= f * inv[col][j];
                }
            }
        }
    }
    let beta = (0..k).map(|i| (0..k).map(|j| inv[i][j] * xty[j]).sum()).collect();
    Some((beta, inv))
}

/// Fits the rating model on `(miss_days, rating)` pairs.
///
/// # Edge cases
/// `None` when there are fewer than 3 pairs (no residual degree of freedom with 2
/// parameters) or no variation in lateness (all orders on time or early) — a slope per day
/// late cannot be estimated then.
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::delivery::fit_rating_model;
/// assert!(fit_rating_model(&[(0, 5.0), (0, 4.0)]).is_none());
/// assert!(fit_rating_model(&[(0, 5.0), (0, 4.0), (0, 3.0)]).is_none()); // no late order
/// ```
pub fn fit_rating_model(pairs: &[(i64, f64)]) -> Option<DeliveryRatingModel> {
    let early_n = pairs.iter().filter(|p| p.0 < 0).count();
    // A row of the design matrix (the third term only with `early`), no allocation per row.
    let row = |m: i64, early: bool| [1.0, m.max(0) as f64, if early { (-m).max(0) as f64 } else { 0.0 }];
    let try_fit = |early: bool| {
        let k = if early { 3 } else { 2 };
        if pairs.len() <= k {
            return None;
        }
        let (beta, inv) = ols(k, pairs.iter().map(|p| (row(p.0, early), p.1)))?;
        let rss: f64 = pairs
            .iter()
            .map(|p| {
                let fit: f64 = row(p.0, early)[..k].iter().zip(&beta).map(|(a, b)| a * b).sum();
                (p.1 - fit) * (p.1 - fit)
            })
            .sum();
        let df = (pairs.len() - k) as u64;
        let s2 = rss / df as f64;
        let se = |i: usize| (s2 * inv[i][i]).max(0.0).sqrt();
        Some(DeliveryRatingModel {
            intercept: beta[0],
            intercept_se: se(0),
            per_day_late: beta[1],
            per_day_late_se: se(1),
            per_day_early: early.then(|| beta[2]),
            per_day_early_se: early.then(|| se(2)),
            n: pairs.len() as u64,
            df,
            residual_variance: s2,
            xtx_inverse: inv,
            max_late_seen: pairs.iter().map(|p| p.0).max().unwrap_or(0),
        })
    };
    if early_n >= MIN_EARLY_FOR_TERM {
        if let Some(m) = try_fit(true) {
            return Some(m);
        }
    }
    try_fit(false)
}

/// Delivery against promise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeliveryReport {
    /// Delivered orders with a promise.
    pub orders: u64,
    /// Share delivered before the promise, Wilson.
    pub early_share: Measure,
    /// Share delivered on the promised day, Wilson.
    pub on_time_share: Measure,
    /// Share delivered after the promise, Wilson.
    pub late_share: Measure,
    /// Mean miss in days (positive = late), Student t interval.
    pub mean_miss: Measure,
    /// Median miss in days.
    pub median_miss: Measure,
    /// Orders (and their mean rating) per miss in days, ascending.
    pub miss_distribution: Vec<MissCount>,
    /// Rating ~ lateness; `None` with too few rated orders or no late rated order.
    pub rating_model: Option<DeliveryRatingModel>,
}

/// Miss in whole days of a delivered order with a promise (fractional promises are rounded).
pub fn miss_days(o: &OrderRef) -> Option<i64> {
    miss_of(o.promised_days, o.delivery_days())
}

/// Whole days a delivery took beyond (or before) its promise, when both are known.
fn miss_of(promised_days: Option<f64>, delivery_days: Option<f64>) -> Option<i64> {
    let promised = promised_days.filter(|p| p.is_finite())?;
    Some((delivery_days? - promised).round() as i64)
}

/// [`miss_days`] of order `i` of a table, read from its columns.
pub(crate) fn miss_days_at(orders: &Orders, i: usize) -> Option<i64> {
    miss_of(orders.promised_days_at(i), orders.delivery_days_at(i))
}

/// Delivery shares, miss distribution and the rating model. `None` when no order is delivered
/// with a promised delivery time.
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::Order;
/// use loyalty_scorecard::metrics::satisfaction::delivery::delivery_report;
/// let d = |day| NaiveDate::from_ymd_opt(2024, 1, day).unwrap();
/// let order = |delivered| Order { promised_days: Some(3.0), delivered: Some(d(delivered)), ..Order::new("A", d(1), 10.0) };
/// let r = delivery_report(&[order(3), order(4), order(6), order(8)], &[]).unwrap();
/// assert_eq!((r.early_share.value, r.on_time_share.value, r.late_share.value), (Some(0.25), Some(0.25), Some(0.5)));
/// assert_eq!(r.median_miss.value, Some(1.0)); // misses −1, 0, 2, 4
/// ```
pub fn delivery_report(orders: &(impl AsOrders + ?Sized), reviews: &(impl AsReviews + ?Sized)) -> Option<DeliveryReport> {
    let reviews = reviews.as_reviews();
    let orders = orders.as_orders();
    let orders: &Orders = &orders;
    let by_id: Map<&str, usize> = orders.iter().enumerate().filter(|(_, o)| miss_days(o).is_some()).filter_map(|(i, o)| o.order_id.map(|id| (id, i))).collect();
    let linked = Linked::new(orders, (0..reviews.len()).map(|i| reviews.order_id_at(i).and_then(|id| by_id.get(id).copied())));
    delivery_report_with(0..orders.len(), &reviews, &linked)
}

/// [`delivery_report`] of the orders `orders`, with each review's order given (`linked[i]` is
/// review `i`'s).
pub(crate) fn delivery_report_with<'a>(orders: impl Iterator<Item = usize>, reviews: &Reviews, linked: &Linked<'a>) -> Option<DeliveryReport> {
    let table = linked.table();
    let misses: Vec<i64> = orders.filter_map(|i| miss_days_at(table, i)).collect();
    if misses.is_empty() {
        return None;
    }
    let n = misses.len() as u64;
    let early = misses.iter().filter(|m| **m < 0).count() as u64;
    let on_time = misses.iter().filter(|m| **m == 0).count() as u64;
    let late = n - early - on_time;
    let pairs: Vec<(i64, f64)> =
        reviews.ratings().iter().zip(linked.positions()).filter(|(r, _)| super::ratings::star(**r).is_some()).filter_map(|(r, p)| p.and_then(|p| miss_days_at(table, p)).map(|m| (m, *r))).collect();
    let mut dist_map: BTreeMap<i64, (u64, f64, u64)> = BTreeMap::new();
    for m in &misses {
        dist_map.entry(*m).or_default().0 += 1;
    }
    for (m, r) in &pairs {
        let e = dist_map.entry(*m).or_default();
        e.1 += r;
        e.2 += 1;
    }
    let values: Vec<f64> = misses.iter().map(|m| *m as f64).collect();
    Some(DeliveryReport {
        orders: n,
        early_share: Measure::proportion(early, n, Counted::Orders),
        on_time_share: Measure::proportion(on_time, n, Counted::Orders),
        late_share: Measure::proportion(late, n, Counted::Orders),
        mean_miss: Measure::mean(&values, SatUnit::Days, Counted::Orders),
        median_miss: Measure::plain(median_of_counts(&dist_map, n), SatUnit::Days, n, Counted::Orders),
        miss_distribution: dist_map.into_iter().map(|(miss_days, (orders, sum, ratings))| MissCount { miss_days, orders, mean_rating: (ratings > 0).then(|| sum / ratings as f64), ratings }).collect(),
        rating_model: fit_rating_model(&pairs),
    })
}

/// The median of `n` whole-day misses given as counts per miss (ascending): the same value as
/// the median of the sorted list, without sorting a million values.
fn median_of_counts(dist: &BTreeMap<i64, (u64, f64, u64)>, n: u64) -> f64 {
    let at = |k: u64| {
        let mut seen = 0;
        for (m, (c, _, _)) in dist {
            seen += c;
            if seen > k {
                return *m as f64;
            }
        }
        0.0
    };
    let m = n / 2;
    if n % 2 == 1 {
        at(m)
    } else {
        0.5 * (at(m - 1) + at(m))
    }
}

/// First-response time of tickets against the promised hours.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseTimeReport {
    /// The promise used, in hours.
    pub promised_hours: f64,
    /// Share of tickets answered within the promise (≤ promised hours), Wilson.
    pub within_promise: Measure,
    /// Mean hours to first response, Student t interval.
    pub mean_hours: Measure,
    /// Median hours to first response.
    pub median_hours: Measure,
}

/// First-response times of tickets that have one. `None` when no ticket has a (finite,
/// non-negative) first-response time.
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::Ticket;
/// use loyalty_scorecard::metrics::satisfaction::delivery::response_time;
/// let t = |h| Ticket { ticket_id: None, customer_id: None, order_id: None, opened: NaiveDate::MIN,
///     resolved: None, category: None, first_response_hours: Some(h), resolution_hours: None, row: 0 };
/// let r = response_time(&[t(2.0), t(30.0), t(10.0)], 24.0).unwrap();
/// assert_eq!((r.within_promise.value, r.median_hours.value), (Some(2.0 / 3.0), Some(10.0)));
/// ```
pub fn response_time(tickets: &[Ticket], promised_hours: f64) -> Option<ResponseTimeReport> {
    let hours: Vec<f64> = tickets.iter().filter_map(|t| t.first_response_hours).filter(|h| h.is_finite() && *h >= 0.0).collect();
    if hours.is_empty() {
        return None;
    }
    let n = hours.len() as u64;
    let within = hours.iter().filter(|h| **h <= promised_hours).count() as u64;
    Some(ResponseTimeReport {
        promised_hours,
        within_promise: Measure::proportion(within, n, Counted::Tickets),
        mean_hours: Measure::mean(&hours, SatUnit::Hours, Counted::Tickets),
        median_hours: Measure::plain(median(&hours).expect("not empty"), SatUnit::Hours, n, Counted::Tickets),
    })
}
