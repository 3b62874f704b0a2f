//! The per-customer RFM summary (frequency, recency, T, monetary value) that every
//! "buy till you die" model is fitted on.
//!
//! Definition as in the Python `lifetimes` package's `summary_data_from_transaction_data`
//! (lifetimes 0.11.3, `lifetimes/utils.py`), which follows Fader, Hardie & Lee (2005),
//! "Counting Your Customers the Easy Way", Marketing Science 24(2) 275-284:
//! <https://brucehardie.com/papers/018/fader_et_al_mksc_05.pdf>.

use crate::dataset::{Order, OrderStatus};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// The time unit in which recency, T, horizons and the fitted rate parameters are expressed.
///
/// Durations are whole days between dates divided by the unit's length in days, so every unit is
/// continuous (a customer 10 days old is 1.428571 weeks old).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// One day.
    Day,
    /// Seven days (the unit of Fader, Hardie & Lee 2005 and of the CDNOW reference values).
    #[default]
    Week,
    /// An average Gregorian month: 30.436875 days (365.2425 / 12). Not calendar months.
    Month,
}

impl TimeUnit {
    /// Length of the unit in days: 1, 7 or 30.436875.
    pub fn days(self) -> f64 {
        match self {
            TimeUnit::Day => 1.0,
            TimeUnit::Week => 7.0,
            TimeUnit::Month => 365.2425 / 12.0,
        }
    }

    /// How many of this unit make the "month" of the lifetimes CLV convention
    /// (`customer_lifetime_value(freq=...)`): 30 for days, 4.345 for weeks, 1 for months.
    pub fn per_clv_month(self) -> f64 {
        match self {
            TimeUnit::Day => 30.0,
            TimeUnit::Week => 4.345,
            TimeUnit::Month => 1.0,
        }
    }

    /// The time from `from` to `to` in this unit (negative when `to` is earlier).
    pub fn between(self, from: NaiveDate, to: NaiveDate) -> f64 {
        (to - from).num_days() as f64 / self.days()
    }

    /// Name used in messages: "day", "week" or "month".
    pub fn name(self) -> &'static str {
        match self {
            TimeUnit::Day => "day",
            TimeUnit::Week => "week",
            TimeUnit::Month => "month",
        }
    }
}

/// One customer's summary at the calibration end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerSummary {
    pub customer_id: String,
    /// Number of repeat purchase days: distinct purchase dates minus one (x in the papers).
    pub frequency: u32,
    /// Time from the first to the last purchase date, in the summary's unit (t_x).
    pub recency: f64,
    /// Time from the first purchase date to the calibration end, in the summary's unit (T).
    pub t: f64,
    /// Mean value of the repeat purchase days (the first day excluded); 0 when `frequency == 0`.
    pub monetary_value: f64,
    /// First purchase date.
    pub first_purchase: NaiveDate,
}

/// The summary of all customers who bought on or before the calibration end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub unit: TimeUnit,
    /// Last day of the calibration period (inclusive).
    pub calibration_end: NaiveDate,
    /// Customers sorted by id (byte order).
    pub customers: Vec<CustomerSummary>,
    /// Completed orders after the calibration end, left out.
    pub orders_after_end: usize,
    /// Orders that are not purchases (cancelled, refunded), left out.
    pub orders_not_completed: usize,
    /// Completed orders with a non-finite total, counted as purchases of value 0.
    pub orders_without_value: usize,
}

impl Summary {
    /// Customers with at least one repeat purchase day.
    pub fn repeat_customers(&self) -> usize {
        self.customers.iter().filter(|c| c.frequency > 0).count()
    }

    /// Sum of the frequencies (repeat purchase days of all customers).
    pub fn repeat_transactions(&self) -> u64 {
        self.customers.iter().map(|c| c.frequency as u64).sum()
    }
}

/// Builds the per-customer summary at `calibration_end` (inclusive) in `unit`.
///
/// - Only [`OrderStatus::Completed`] orders are purchases.
/// - Orders after `calibration_end` are left out, so customers whose first purchase is after it
///   do not appear.
/// - All purchases of a customer on one date are one transaction; their totals are summed.
/// - frequency = transactions − 1; recency = (last − first) / unit; T = (end − first) / unit;
///   monetary_value = mean of the transactions after the first (0 when there are none).
///
/// Matches lifetimes' `summary_data_from_transaction_data(..., freq="D", freq_multiplier=7,
/// monetary_value_col=...)` for weeks (checked on CDNOW in `tests/clv_cdnow.rs`).
/// Never fails; an empty order list gives an empty summary.
pub fn summarize(orders: &[Order], calibration_end: NaiveDate, unit: TimeUnit) -> Summary {
    let mut by_customer: BTreeMap<&str, BTreeMap<NaiveDate, f64>> = BTreeMap::new();
    let (mut after, mut not_completed, mut no_value) = (0, 0, 0);
    for o in orders {
        if o.status != OrderStatus::Completed {
            not_completed += 1;
            continue;
        }
        if o.date > calibration_end {
            after += 1;
            continue;
        }
        let value = if o.total.is_finite() {
            o.total
        } else {
            no_value += 1;
            0.0
        };
        *by_customer.entry(o.customer_id.as_str()).or_default().entry(o.date).or_insert(0.0) += value;
    }
    let customers = by_customer
        .into_iter()
        .filter_map(|(id, days)| {
            let mut it = days.iter();
            let (&first, _) = it.next()?;
            let last = *days.keys().next_back()?;
            let repeat: Vec<f64> = it.map(|(_, v)| *v).collect();
            let frequency = repeat.len() as u32;
            let monetary_value = if repeat.is_empty() { 0.0 } else { repeat.iter().sum::<f64>() / repeat.len() as f64 };
            Some(CustomerSummary {
                customer_id: id.to_string(),
                frequency,
                recency: unit.between(first, last),
                t: unit.between(first, calibration_end),
                monetary_value,
                first_purchase: first,
            })
        })
        .collect();
    Summary {
        unit,
        calibration_end,
        customers,
        orders_after_end: after,
        orders_not_completed: not_completed,
        orders_without_value: no_value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn same_day_merged_and_end_inclusive() {
        let mut cancelled = Order::new("a", d("2024-01-03"), 99.0);
        cancelled.status = OrderStatus::Cancelled;
        let orders = vec![
            Order::new("a", d("2024-01-01"), 10.0),
            Order::new("a", d("2024-01-08"), 5.0),
            Order::new("a", d("2024-01-08"), 7.0),
            Order::new("a", d("2024-01-15"), 3.0),
            Order::new("a", d("2024-01-16"), 100.0), // after the end
            cancelled,
            Order::new("b", d("2024-01-15"), 1.0), // first purchase on the end date
            Order::new("c", d("2024-02-01"), 1.0), // first purchase after the end
        ];
        let s = summarize(&orders, d("2024-01-15"), TimeUnit::Week);
        assert_eq!(s.customers.len(), 2);
        let a = &s.customers[0];
        assert_eq!((a.frequency, a.recency, a.t), (2, 2.0, 2.0));
        assert_eq!(a.monetary_value, (12.0 + 3.0) / 2.0);
        let b = &s.customers[1];
        assert_eq!((b.frequency, b.recency, b.t, b.monetary_value), (0, 0.0, 0.0, 0.0));
        assert_eq!((s.orders_after_end, s.orders_not_completed), (2, 1));
        assert_eq!((s.repeat_customers(), s.repeat_transactions()), (1, 2));
        let days = summarize(&orders, d("2024-01-15"), TimeUnit::Day);
        assert_eq!(days.customers[0].t, 14.0);
        assert!(summarize(&[], d("2024-01-15"), TimeUnit::Month).customers.is_empty());
    }
}
