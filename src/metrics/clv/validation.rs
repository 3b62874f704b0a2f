//! Calibration / holdout validation of a purchase model: fit on orders up to the calibration end,
//! predict the repeat purchases of the same customers in the holdout period, and compare.
//!
//! The comparisons are those of Fader, Hardie & Lee (2005) figures 2-4 (and lifetimes'
//! `plot_calibration_purchases_vs_holdout_purchases` / `plot_cumulative_transactions`): mean
//! holdout purchases per calibration-frequency group 0, 1, …, 6, 7+, and cumulative repeat
//! purchases week by week.

use super::summary::Summary;
use super::PurchaseModel;
use crate::dataset::OrderStatus;
use crate::model::{AsOrders, CustomerIndex, Orders};
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// Relative error of the holdout total up to which a model is called reliable (this crate's
/// threshold; FHL 2005 report BG/NBD and Pareto/NBD totals within ~2% on CDNOW).
pub const GOOD_TOTAL_ERROR: f64 = 0.10;
/// Relative error of the holdout total up to which a model may be used with care (this crate's
/// threshold).
pub const FAIR_TOTAL_ERROR: f64 = 0.25;
/// Fewest actual holdout purchases on which a verdict is given.
pub const MIN_HOLDOUT_PURCHASES: usize = 30;
/// Frequencies grouped from this value up ("7+").
pub const TOP_BUCKET: u32 = 7;

/// Why a validation could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ValidationError {
    /// The holdout end is not after the calibration end.
    #[error("the holdout end {holdout_end} must be after the calibration end {calibration_end}")]
    HoldoutNotAfterCalibration { calibration_end: NaiveDate, holdout_end: NaiveDate },
    /// The summary has no customers.
    #[error("no customers bought before the calibration end; nothing to validate")]
    NoCustomers,
}

/// How far to trust a model for this shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrustLevel {
    /// Holdout total within [`GOOD_TOTAL_ERROR`].
    Good,
    /// Within [`FAIR_TOTAL_ERROR`].
    Fair,
    /// Worse.
    Poor,
    /// Fewer than [`MIN_HOLDOUT_PURCHASES`] actual holdout purchases.
    TooLittleData,
}

/// Mean holdout purchases of the customers with one calibration frequency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrequencyBucket {
    /// "0", "1", …, "6" or "7+".
    pub frequency: String,
    pub customers: usize,
    pub actual_mean: f64,
    pub predicted_mean: f64,
}

/// Cumulative holdout repeat purchases of all customers up to a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CumulativePoint {
    pub date: NaiveDate,
    /// Time since the calibration end, in the summary's unit.
    pub elapsed: f64,
    pub actual: f64,
    pub predicted: f64,
}

/// Predicted vs actual holdout purchases for one model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Validation {
    pub model: &'static str,
    pub calibration_end: NaiveDate,
    pub holdout_end: NaiveDate,
    /// Holdout length in the summary's unit.
    pub holdout_length: f64,
    pub customers: usize,
    pub actual_total: f64,
    pub predicted_total: f64,
    /// (predicted − actual) / actual of the totals; `None` when nobody bought in the holdout.
    pub total_relative_error: Option<f64>,
    /// Mean over customers of |actual − predicted| holdout purchases.
    pub mae_per_customer: f64,
    /// Mean over customers of (predicted − actual).
    pub bias_per_customer: f64,
    /// Mean over the frequency buckets of |actual mean − predicted mean|.
    pub bucket_mae: f64,
    pub buckets: Vec<FrequencyBucket>,
    /// One point per 7 days of the holdout (and its last day).
    pub cumulative: Vec<CumulativePoint>,
    pub trust: TrustLevel,
    /// The verdict in plain words.
    pub verdict: String,
    /// Log-likelihood of the model's fit on the calibration period, when the report made it.
    pub loglik: Option<f64>,
}

/// Distinct completed purchase dates of each customer in (calibration_end, holdout_end].
fn holdout_days(orders: &Orders, calibration_end: NaiveDate, holdout_end: NaiveDate) -> crate::fast::Map<&str, Vec<NaiveDate>> {
    let mut out: crate::fast::Map<&str, Vec<NaiveDate>> = crate::fast::Map::default();
    for (i, (status, date)) in orders.statuses().iter().zip(orders.dates()).enumerate() {
        if *status == OrderStatus::Completed && *date > calibration_end && *date <= holdout_end {
            out.entry(orders.customer_id_at(i)).or_default().push(*date);
        }
    }
    for days in out.values_mut() {
        days.sort_unstable();
        days.dedup();
    }
    out
}

/// Compares `model` (fitted on `summary`) with what the summary's customers actually bought in
/// (calibration end, `holdout_end`] (purchase days, same-day orders merged as in the summary).
/// Customers who first bought after the calibration end are not part of the comparison.
///
/// # Errors
/// [`ValidationError::HoldoutNotAfterCalibration`], [`ValidationError::NoCustomers`].
pub fn validate<M: PurchaseModel + ?Sized>(model: &M, summary: &Summary, orders: &(impl AsOrders + ?Sized), holdout_end: NaiveDate) -> Result<Validation, ValidationError> {
    let orders = orders.as_orders();
    validate_from(model, summary, Holdout::Orders(&orders), holdout_end)
}

/// Where the summary's customers' purchases in the holdout are looked up.
pub(crate) enum Holdout<'a> {
    /// In the orders, grouped by customer id here.
    Orders(&'a Orders),
    /// In the analysis's index of completed orders: `numbers[i]` is the customer number of the
    /// summary's customer `i`.
    Indexed { orders: &'a Orders, completed: &'a CustomerIndex, numbers: &'a [u32] },
}

/// [`validate`] with the holdout purchases taken from `holdout`.
pub(crate) fn validate_from<M: PurchaseModel + ?Sized>(model: &M, summary: &Summary, holdout: Holdout<'_>, holdout_end: NaiveDate) -> Result<Validation, ValidationError> {
    let cal = summary.calibration_end;
    if holdout_end <= cal {
        return Err(ValidationError::HoldoutNotAfterCalibration { calibration_end: cal, holdout_end });
    }
    if summary.customers.is_empty() {
        return Err(ValidationError::NoCustomers);
    }
    let unit = summary.unit;
    let length = unit.between(cal, holdout_end);
    let by_id = match &holdout {
        Holdout::Orders(orders) => Some(holdout_days(orders, cal, holdout_end)),
        Holdout::Indexed { .. } => None,
    };
    // Customer `i`'s distinct purchase days in the holdout, ascending, into `buf`.
    let mut buf: Vec<NaiveDate> = Vec::new();
    let days_of = |i: usize, id: &str, buf: &mut Vec<NaiveDate>| {
        buf.clear();
        match (&holdout, &by_id) {
            (_, Some(map)) => buf.extend(map.get(id).into_iter().flatten()),
            (Holdout::Indexed { orders, completed, numbers }, None) => {
                let dates = orders.dates();
                buf.extend(completed.of(numbers[i]).iter().map(|p| dates[*p as usize]).filter(|d| *d > cal && *d <= holdout_end));
                buf.dedup();
            }
            (Holdout::Orders(_), None) => {}
        }
    };
    let n = summary.customers.len();
    // The weekly points of the cumulative curve (the last one at the holdout end), then the
    // whole holdout: each customer's predictions at all of them come from one model call.
    let total_days = (holdout_end - cal).num_days();
    let mut point_days: Vec<i64> = Vec::new();
    for k in 1.. {
        let d = (7 * k).min(total_days);
        point_days.push(d);
        if d == total_days {
            break;
        }
    }
    let mut ts: Vec<f64> = point_days.iter().map(|&d| d as f64 / unit.days()).collect();
    ts.push(length);
    let p = point_days.len();
    let mut curve_actual = vec![0.0; p];
    let mut curve_predicted = vec![0.0; p];
    let mut actual = Vec::with_capacity(n);
    for (i, c) in summary.customers.iter().enumerate() {
        days_of(i, c.customer_id.as_str(), &mut buf);
        actual.push(buf.len() as f64);
        // Days are after the calibration end, sorted and distinct: count each into the first
        // point at or after it.
        let mut k = 0;
        for day in &buf {
            let since = (*day - cal).num_days();
            while k < p && point_days[k] < since {
                k += 1;
            }
            if k < p {
                curve_actual[k] += 1.0;
            }
        }
    }
    let rows: Vec<(f64, f64, f64)> = summary.customers.iter().map(|c| (c.frequency as f64, c.recency, c.t)).collect();
    let mut predicted = vec![0.0; n];
    model.for_each_conditional(&ts, &rows, &mut |i, e| {
        predicted[i] = e[p];
        for (cp, v) in curve_predicted.iter_mut().zip(&e[..p]) {
            *cp += v;
        }
    });
    let actual_total: f64 = actual.iter().sum();
    let predicted_total: f64 = predicted.iter().sum();
    let mae_per_customer = actual.iter().zip(&predicted).map(|(a, p)| (a - p).abs()).sum::<f64>() / n as f64;
    let bias_per_customer = (predicted_total - actual_total) / n as f64;

    let mut groups: BTreeMap<u32, (usize, f64, f64)> = BTreeMap::new();
    for (i, c) in summary.customers.iter().enumerate() {
        let g = groups.entry(c.frequency.min(TOP_BUCKET)).or_default();
        g.0 += 1;
        g.1 += actual[i];
        g.2 += predicted[i];
    }
    let buckets: Vec<FrequencyBucket> = groups
        .into_iter()
        .map(|(f, (k, a, p))| FrequencyBucket {
            frequency: if f == TOP_BUCKET { format!("{TOP_BUCKET}+") } else { f.to_string() },
            customers: k,
            actual_mean: a / k as f64,
            predicted_mean: p / k as f64,
        })
        .collect();
    let bucket_mae = buckets.iter().map(|b| (b.actual_mean - b.predicted_mean).abs()).sum::<f64>() / buckets.len() as f64;

    let mut running = 0.0;
    let cumulative: Vec<CumulativePoint> = point_days
        .iter()
        .zip(&ts)
        .zip(curve_actual.iter().zip(&curve_predicted))
        .map(|((&d, &elapsed), (&a, &pred))| {
            running += a;
            CumulativePoint { date: cal + Duration::days(d), elapsed, actual: running, predicted: pred }
        })
        .collect();

    let total_relative_error = (actual_total > 0.0).then(|| (predicted_total - actual_total) / actual_total);
    let name = model.model_name();
    let (trust, verdict) = match total_relative_error {
        _ if (actual_total as usize) < MIN_HOLDOUT_PURCHASES => {
            (TrustLevel::TooLittleData, format!("{name}: only {actual_total} repeat purchases in the holdout, too few to judge the model; use a longer holdout"))
        }
        Some(e) if e.abs() <= GOOD_TOTAL_ERROR => {
            (TrustLevel::Good, format!("{name} predicted {predicted_total:.0} repeat purchases in the holdout against {actual_total:.0} actual ({:+.1}%): good enough to plan with", 100.0 * e))
        }
        Some(e) if e.abs() <= FAIR_TOTAL_ERROR => {
            (TrustLevel::Fair, format!("{name} predicted {predicted_total:.0} repeat purchases in the holdout against {actual_total:.0} actual ({:+.1}%): use for rough planning only", 100.0 * e))
        }
        Some(e) => {
            (TrustLevel::Poor, format!("{name} predicted {predicted_total:.0} repeat purchases in the holdout against {actual_total:.0} actual ({:+.1}%): do not rely on it for this shop", 100.0 * e))
        }
        None => (TrustLevel::TooLittleData, format!("{name}: nobody bought in the holdout; nothing to compare")),
    };
    Ok(Validation {
        model: name,
        calibration_end: cal,
        holdout_end,
        holdout_length: length,
        customers: n,
        actual_total,
        predicted_total,
        total_relative_error,
        mae_per_customer,
        bias_per_customer,
        bucket_mae,
        buckets,
        cumulative,
        trust,
        verdict,
        loglik: None,
    })
}
