//! Monthly acquisition cohorts: customers grouped by the month of their first purchase, and
//! the share of each cohort buying again k months later.

use super::prepared::{date_of, month_bounds, month_key, month_label, prepare, Prepared};
use crate::model::{AsOrders, Orders};
use chrono::NaiveDate;
use serde::Serialize;

/// Default averaging window: months 0 to 6 after acquisition.
pub const DEFAULT_WINDOW_MONTHS: u32 = 6;

/// One cell of the retention table: cohort members buying in month `k` after acquisition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortCell {
    /// Months since the acquisition month (0 = the acquisition month itself).
    pub k: u32,
    /// Cohort members with at least one purchase in that month.
    pub customers: u64,
    /// customers ÷ cohort size (1 for k = 0 by definition).
    pub retention: f64,
    /// Revenue from the cohort's purchases in that month.
    pub revenue: f64,
    /// False when the month is the partial month of `as_of`.
    pub complete: bool,
}

/// One acquisition cohort and its row of the retention table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cohort {
    /// Acquisition month, "YYYY-MM".
    pub cohort: String,
    /// Customers whose first purchase is in that month.
    pub size: u64,
    /// k = 0 up to the month of `as_of`.
    pub cells: Vec<CohortCell>,
}

/// Averages over the cohorts that have fully observed months 0..=`window_months`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortAverage {
    /// The window asked for.
    pub requested_window_months: u32,
    /// The window used (smaller than asked when no cohort is old enough).
    pub window_months: u32,
    /// Cohorts included: every one whose months 0..=window_months are complete.
    pub included_cohorts: Vec<String>,
    /// Sum of their sizes.
    pub customers: u64,
    /// Pooled retention per k: Σ buyers in month k ÷ Σ cohort sizes (customer-weighted).
    pub pooled_retention: Vec<f64>,
    /// Unweighted mean of the cohorts' retention per k.
    pub mean_retention: Vec<f64>,
    /// Σ revenue in month k ÷ Σ cohort sizes.
    pub revenue_per_customer: Vec<f64>,
}

/// The cohort table and its comparable averages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortReport {
    /// Oldest cohort first; months without new customers have no row.
    pub cohorts: Vec<Cohort>,
    /// `None` when no cohort has a complete acquisition month yet.
    pub average: Option<CohortAverage>,
}

/// Monthly acquisition cohorts with retention and revenue by month since acquisition.
///
/// Definitions (cohort analysis as in e.g. Fader & Hardie's "customer-base" analyses): a
/// customer's cohort is the calendar month of their first purchase; cell k of a cohort counts
/// its members buying in calendar month cohort + k; retention = that count ÷ cohort size.
/// A month is *complete* when it ends on or before `as_of`; the month of `as_of` is partial
/// unless `as_of` is its last day. Partial cells are shown (`complete: false`) but never
/// averaged.
///
/// Averages compare like with like: only cohorts whose months 0..=K are all complete are
/// included, and every average covers exactly k = 0..=K, so a young cohort never drags down (or
/// props up) a late month it has not reached. K is `window_months`; when no cohort is that old,
/// K falls back to the largest window the oldest cohort has completed.
///
/// # Edge cases
/// No purchases: no cohorts and no average. All purchases in the partial month of `as_of`:
/// cohorts but `average: None`.
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::Order;
/// use loyalty_scorecard::metrics::loyalty::cohorts::cohorts;
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let o = [Order::new("a", d("2024-01-05"), 10.0), Order::new("b", d("2024-01-09"), 10.0),
///          Order::new("a", d("2024-02-07"), 30.0), Order::new("c", d("2024-02-08"), 10.0)];
/// let r = cohorts(&o, d("2024-03-10"), 1);
/// assert_eq!((r.cohorts[0].size, r.cohorts[0].cells[1].retention, r.cohorts[0].cells[1].revenue), (2, 0.5, 30.0));
/// let avg = r.average.unwrap(); // only 2024-01 has complete months 0 and 1
/// assert_eq!((avg.included_cohorts, avg.pooled_retention), (vec!["2024-01".to_string()], vec![1.0, 0.5]));
/// ```
pub fn cohorts(orders: &(impl AsOrders + ?Sized), as_of: NaiveDate, window_months: u32) -> CohortReport {
    let orders = orders.as_orders();
    let orders: &Orders = &orders;
    cohorts_of(&prepare(orders, as_of), window_months, &mut crate::messages::Notes::new())
}

pub(crate) fn cohorts_of(p: &Prepared, window_months: u32, messages: &mut crate::messages::Notes) -> CohortReport {
    let Some(first_day) = p.customers.iter().map(|c| c.first).min() else {
        return CohortReport { cohorts: Vec::new(), average: None };
    };
    let first = month_key(date_of(first_day));
    let last = month_key(p.as_of);
    let months = (last - first + 1) as usize;
    // Rows are allocated only for months that acquired customers.
    let mut size = vec![0u64; months];
    for cu in &p.customers {
        size[(month_key(date_of(cu.first)) - first) as usize] += 1;
    }
    let mut buyers: Vec<Vec<u64>> = (0..months).map(|c| if size[c] > 0 { vec![0; months - c] } else { Vec::new() }).collect();
    let mut revenue: Vec<Vec<f64>> = buyers.iter().map(|row| vec![0.0; row.len()]).collect();
    for (c, cu) in p.customers.iter().enumerate() {
        let cohort = (month_key(date_of(cu.first)) - first) as usize;
        let (mut prev_day, mut prev_k) = (i32::MIN, usize::MAX);
        for x in p.purchases_of(c) {
            if x.day != prev_day {
                prev_day = x.day;
                let k = (month_key(date_of(x.day)) - first) as usize - cohort;
                if k != prev_k {
                    prev_k = k;
                    buyers[cohort][k] += 1;
                }
            }
            revenue[cohort][prev_k] += x.total;
        }
    }
    let complete = |m: usize| month_bounds(first + m as i32).1 <= p.as_of;
    let table: Vec<Cohort> = (0..months)
        .filter(|&c| size[c] > 0)
        .map(|c| Cohort {
            cohort: month_label(first + c as i32),
            size: size[c],
            cells: (0..months - c)
                .map(|k| CohortCell { k: k as u32, customers: buyers[c][k], retention: buyers[c][k] as f64 / size[c] as f64, revenue: revenue[c][k], complete: complete(c + k) })
                .collect(),
        })
        .collect();

    // Last complete month (index from `first`), if any.
    let last_complete = (0..months).rev().find(|&m| complete(m));
    let average = last_complete.and_then(|lc| {
        let oldest = (0..months).find(|&c| size[c] > 0)?;
        let reachable = lc.checked_sub(oldest)? as u32;
        let k_max = window_months.min(reachable);
        if k_max < window_months {
            messages.push(crate::messages::Note::CohortMonths { covered: k_max, asked: window_months });
        }
        let included: Vec<usize> = (0..months).filter(|&c| size[c] > 0 && c + k_max as usize <= lc).collect();
        let total: u64 = included.iter().map(|&c| size[c]).sum();
        let ks = 0..=k_max as usize;
        Some(CohortAverage {
            requested_window_months: window_months,
            window_months: k_max,
            included_cohorts: included.iter().map(|&c| month_label(first + c as i32)).collect(),
            customers: total,
            pooled_retention: ks.clone().map(|k| included.iter().map(|&c| buyers[c][k]).sum::<u64>() as f64 / total as f64).collect(),
            mean_retention: ks.clone().map(|k| included.iter().map(|&c| buyers[c][k] as f64 / size[c] as f64).sum::<f64>() / included.len() as f64).collect(),
            revenue_per_customer: ks.map(|k| included.iter().map(|&c| revenue[c][k]).sum::<f64>() / total as f64).collect(),
        })
    });
    if average.is_none() && !p.customers.is_empty() {
        messages.push(crate::messages::Note::NoCompleteCohort);
    }
    CohortReport { cohorts: table, average }
}
