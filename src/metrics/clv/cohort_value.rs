//! Value per customer by months since the first order, per acquisition cohort, with the months
//! a cohort has not reached yet filled by the purchase and spend models; and the same first-year
//! value per customer by what the first order carried (its discount code, its product): which
//! acquisition brings the customers who stay.
//!
//! A customer's month k is calendar month (month of the first order) + k, as in the cohort
//! table of the loyalty section. Its revenue is observed for the days up to the analysis date
//! (completed orders, their totals, the first order included) and predicted for the days after:
//! the expected number of purchases in those days, E[Y(t_end) | x, t_x, T] − E[Y(t_start) | x,
//! t_x, T] of the purchase model, times the customer's expected spend per purchase from the
//! Gamma-Gamma, E[Z | x, z̄] (the population mean for one-time buyers), with t measured from
//! the analysis date to the month's last day (the month of the analysis date is partly observed
//! and partly predicted). This is the same expectation the lifetime value sums, cut at month
//! ends instead of at 12 months from now, and undiscounted.
//!
//! ```
//! use chrono::NaiveDate;
//! use loyalty_scorecard::metrics::clv::cohort_value::month_horizons;
//! // From 2024-03-20: 11 days to the end of March, 41 to the end of April (in weeks).
//! let d = NaiveDate::from_ymd_opt(2024, 3, 20).unwrap();
//! let ts = month_horizons(d, 7.0, 2);
//! assert_eq!(ts, vec![11.0 / 7.0, 41.0 / 7.0]);
//! ```

use super::{GammaGamma, PurchaseModel, Summary};
use crate::metrics::loyalty::prepared::{month_bounds, month_key, month_label};
use crate::model::{CustomerIndex, Orders};
use chrono::NaiveDate;
use serde::Serialize;

/// Months since the first order the table covers (k = 0 ..= 11: the first year).
pub const MONTHS: u32 = 12;

/// Fewest customers a first-order group needs to be shown (fewer give a value per customer
/// that one customer can swing).
pub const MIN_GROUP_CUSTOMERS: u64 = 20;

/// Most groups shown per kind of first order (the largest).
pub const MAX_GROUPS: usize = 8;

/// One acquisition cohort's value per customer by month since the first order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortValueRow {
    /// Month of the first order, "YYYY-MM".
    pub cohort: String,
    /// Customers whose first completed order is in that month.
    pub customers: u64,
    /// Months k fully observed (their last day is on or before the analysis date): month
    /// k < this is history only, month k = this (when below [`MONTHS`]) is history up to the
    /// analysis date and prediction after it, later months are predicted.
    pub observed_months: u32,
    /// Revenue per customer in month k (observed + predicted), k = 0 ..= 11.
    pub revenue_per_customer: Vec<f64>,
    /// The predicted part of each month's revenue per customer.
    pub predicted_per_customer: Vec<f64>,
    /// Σ of `revenue_per_customer`: the first-year value per customer.
    pub value_per_customer: f64,
}

/// Customers grouped by what their first order carried.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirstOrderGroup {
    /// `discount_code` or `product` (the product column, else the category or channel).
    pub by: &'static str,
    /// The code or product; `None` for first orders without one.
    pub value: Option<String>,
    /// Customers in the group.
    pub customers: u64,
    /// Revenue per customer in month k since the first order (observed + predicted).
    pub revenue_per_customer: Vec<f64>,
    /// Mean first-year value per customer (observed + predicted).
    pub value_per_customer: f64,
    /// The predicted share of that value.
    pub predicted_share: f64,
}

/// The cohort value table (see the module documentation).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortValue {
    /// Months covered ([`MONTHS`]).
    pub months: u32,
    /// The purchase model whose predictions fill the months not reached.
    pub model: &'static str,
    /// Oldest cohort first.
    pub cohorts: Vec<CohortValueRow>,
    /// First-year value per customer over all customers.
    pub value_per_customer: f64,
    /// By first order's discount code, then by its product, the largest groups first (at most
    /// [`MAX_GROUPS`] per kind, each of at least [`MIN_GROUP_CUSTOMERS`]).
    pub by_first_order: Vec<FirstOrderGroup>,
}

/// The model horizons (in units of `unit_days` days) from `as_of` to the last day of the month
/// of `as_of` and of each of the `n - 1` months after it.
pub fn month_horizons(as_of: NaiveDate, unit_days: f64, n: usize) -> Vec<f64> {
    let m = month_key(as_of);
    (0..n as i32).map(|j| (month_bounds(m + j).1 - as_of).num_days() as f64 / unit_days).collect()
}

/// The cohort value of the customers of `summary` (customer `numbers[i]` of `completed` is its
/// i-th), its future from `model` and `spend`, at the summary's calibration end.
pub fn cohort_value(model: &dyn PurchaseModel, spend: &GammaGamma, summary: &Summary, numbers: &[u32], orders: &Orders, completed: &CustomerIndex) -> Option<CohortValue> {
    let cal = summary.calibration_end;
    let n = MONTHS as usize;
    let (dates, totals) = (orders.dates(), orders.totals());
    let now = month_key(cal);
    let first = summary.customers.iter().map(|c| month_key(c.first_purchase)).min()?;
    let cohorts = (now - first + 1) as usize;
    let customers = summary.customers.len();
    // What each customer's first order carried, numbered per kind (in first-seen order).
    type Label = fn(&Orders, usize) -> Option<&str>;
    let kinds: [(&'static str, Label); 2] = [("discount_code", Orders::discount_code_at), ("product", Orders::product_at)];
    let mut names: Vec<Vec<Option<&str>>> = vec![Vec::new(); kinds.len()];
    let mut group_of = vec![vec![0usize; customers]; kinds.len()];
    let mut cohort_of = vec![0usize; customers];
    let mut size = vec![0u64; cohorts];
    {
        let mut at: Vec<crate::fast::Map<Option<&str>, usize>> = vec![crate::fast::Map::default(); kinds.len()];
        for (i, c) in summary.customers.iter().enumerate() {
            let co = (month_key(c.first_purchase) - first) as usize;
            cohort_of[i] = co;
            size[co] += 1;
            let first_order = completed.of(numbers[i]).iter().map(|p| *p as usize).find(|&p| dates[p] == c.first_purchase);
            for (d, (_, label)) in kinds.iter().enumerate() {
                let name = first_order.and_then(|p| label(orders, p)).map(str::trim).filter(|s| !s.is_empty());
                group_of[d][i] = *at[d].entry(name).or_insert_with(|| {
                    names[d].push(name);
                    names[d].len() - 1
                });
            }
        }
    }
    // Observed and predicted revenue by month k: per cohort, and per group of each kind.
    let mut observed = vec![vec![0.0; n]; cohorts];
    let mut predicted = vec![vec![0.0; n]; cohorts];
    let mut group_observed: Vec<Vec<Vec<f64>>> = names.iter().map(|g| vec![vec![0.0; n]; g.len()]).collect();
    let mut group_predicted = group_observed.clone();
    for (i, c) in summary.customers.iter().enumerate() {
        let start = month_key(c.first_purchase);
        for p in completed.of(numbers[i]).iter().map(|p| *p as usize).filter(|&p| dates[p] <= cal && totals[p].is_finite()) {
            let k = (month_key(dates[p]) - start) as usize;
            if k < n {
                observed[cohort_of[i]][k] += totals[p];
                for d in 0..kinds.len() {
                    group_observed[d][group_of[d][i]][k] += totals[p];
                }
            }
        }
    }
    let ts = month_horizons(cal, summary.unit.days(), n);
    // Only customers acquired less than `n` months before the analysis date's month have months
    // left to predict.
    let young: Vec<usize> = (0..customers).filter(|&i| now - (first + cohort_of[i] as i32) < n as i32).collect();
    let keys: Vec<(f64, f64, f64)> = young.iter().map(|&i| &summary.customers[i]).map(|c| (f64::from(c.frequency), c.recency, c.t)).collect();
    model.for_each_conditional(&ts, &keys, &mut |y, e| {
        let i = young[y];
        let c = &summary.customers[i];
        let s = spend.conditional_expected_spend(f64::from(c.frequency), c.monetary_value);
        let co = cohort_of[i];
        // Month k of this cohort is month j = k − (now − cohort month) from now.
        let behind = now - (first + co as i32);
        for k in 0..n {
            let j = k as i32 - behind;
            if j < 0 {
                continue;
            }
            let j = j as usize;
            let v = s * (e[j] - if j > 0 { e[j - 1] } else { 0.0 });
            predicted[co][k] += v;
            for d in 0..kinds.len() {
                group_predicted[d][group_of[d][i]][k] += v;
            }
        }
    });
    // The analysis date's month is history only when the date is its last day.
    let month_complete = month_bounds(now).1 == cal;
    let per = |v: &[f64], count: u64| v.iter().map(|x| x / count as f64).collect::<Vec<f64>>();
    let sum = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(a, b)| a + b).collect::<Vec<f64>>();
    let rows = (0..cohorts)
        .filter(|&c| size[c] > 0)
        .map(|c| {
            let revenue = per(&sum(&observed[c], &predicted[c]), size[c]);
            CohortValueRow {
                cohort: month_label(first + c as i32),
                customers: size[c],
                observed_months: ((now - (first + c as i32)) as u32 + u32::from(month_complete)).min(MONTHS),
                value_per_customer: revenue.iter().sum(),
                revenue_per_customer: revenue,
                predicted_per_customer: per(&predicted[c], size[c]),
            }
        })
        .collect();
    let total: f64 = observed.iter().chain(&predicted).flatten().sum();
    let mut by_first_order = Vec::new();
    for (d, (by, _)) in kinds.iter().enumerate() {
        if names[d].iter().all(Option::is_none) {
            continue;
        }
        let mut count = vec![0u64; names[d].len()];
        for &g in &group_of[d] {
            count[g] += 1;
        }
        let mut groups: Vec<usize> = (0..names[d].len()).filter(|&g| count[g] >= MIN_GROUP_CUSTOMERS).collect();
        // The largest first; on a tie, by name (none first).
        crate::fast::sort_stable(&mut groups, |&a, &b| count[b].cmp(&count[a]).then(names[d][a].cmp(&names[d][b])));
        by_first_order.extend(groups.into_iter().take(MAX_GROUPS).map(|g| {
            let (o, p): (f64, f64) = (group_observed[d][g].iter().sum(), group_predicted[d][g].iter().sum());
            FirstOrderGroup {
                by,
                value: names[d][g].map(str::to_string),
                customers: count[g],
                revenue_per_customer: per(&sum(&group_observed[d][g], &group_predicted[d][g]), count[g]),
                value_per_customer: (o + p) / count[g] as f64,
                predicted_share: if o + p > 0.0 { p / (o + p) } else { 0.0 },
            }
        }));
    }
    Some(CohortValue { months: MONTHS, model: model.model_name(), cohorts: rows, value_per_customer: total / customers as f64, by_first_order })
}

/// [`cohort_value`] with the primary purchase model and the Gamma-Gamma of `clv`; `None`
/// without either.
pub(crate) fn of_report(clv: &super::ClvReport, summary: &Summary, numbers: &[u32], orders: &Orders, completed: &CustomerIndex) -> Option<CohortValue> {
    let params = super::analysis::ModelSection::values;
    let model: Box<dyn PurchaseModel> = match clv.primary_model? {
        "MBG/NBD" => params(&clv.mbgnbd).and_then(|p| super::MbgNbd::new(p[0], p[1], p[2], p[3]).ok()).map(|m| Box::new(m) as Box<dyn PurchaseModel>),
        "Pareto/NBD" => params(&clv.pareto_nbd).and_then(|p| super::ParetoNbd::new(p[0], p[1], p[2], p[3]).ok()).map(|m| Box::new(m) as Box<dyn PurchaseModel>),
        _ => params(&clv.bgnbd).and_then(|p| super::BgNbd::new(p[0], p[1], p[2], p[3]).ok()).map(|m| Box::new(m) as Box<dyn PurchaseModel>),
    }?;
    let g = clv.gamma_gamma.fit.as_ref()?;
    let spend = GammaGamma::new(g.params[0].value, g.params[1].value, g.params[2].value).ok()?;
    cohort_value(model.as_ref(), &spend, summary, numbers, orders, completed)
}
