//! Activity per calendar month or ISO week: active, new and returning customers, orders and
//! revenue of new and returning customers.

use super::prepared::{date_of, month_bounds, month_key, month_label, prepare, Prepared};
use crate::model::{AsOrders, Orders};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// How to cut time into periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// Calendar months, labelled "YYYY-MM".
    Month,
    /// ISO 8601 weeks (Monday to Sunday), labelled "YYYY-Www" with the ISO week-year.
    IsoWeek,
}

/// One period's activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodRow {
    /// "2024-03" or "2024-W09".
    pub period: String,
    /// First day of the period.
    pub start: NaiveDate,
    /// Last day of the period, or `as_of` when the period is still running.
    pub end: NaiveDate,
    /// False for the period containing `as_of` unless `as_of` is its last day.
    pub complete: bool,
    /// Customers with at least one purchase in the period.
    pub active_customers: u64,
    /// Active customers whose first purchase ever is in the period.
    pub new_customers: u64,
    /// Active customers who had bought before the period started (active − new).
    pub returning_customers: u64,
    /// returning ÷ active; `None` when nobody bought in the period.
    pub returning_customer_rate: Option<f64>,
    /// Purchases (order rows) in the period.
    pub orders: u64,
    /// Sum of the period's purchase totals.
    pub revenue: f64,
    /// Revenue from orders of customers who are new in this period (including their second
    /// order within the same period).
    pub new_customer_revenue: f64,
    /// Revenue from returning customers' orders.
    pub returning_customer_revenue: f64,
}

/// Period key and bounds for one granularity.
fn key_of(g: Granularity, day: i32) -> i32 {
    match g {
        Granularity::Month => month_key(date_of(day)),
        // Day 1 (0001-01-01) is a Monday, so weeks are (day − 1) div 7.
        Granularity::IsoWeek => (day - 1).div_euclid(7),
    }
}

fn bounds_of(g: Granularity, key: i32) -> (NaiveDate, NaiveDate) {
    match g {
        Granularity::Month => month_bounds(key),
        Granularity::IsoWeek => (date_of(key * 7 + 1), date_of(key * 7 + 7)),
    }
}

fn label_of(g: Granularity, key: i32) -> String {
    match g {
        Granularity::Month => month_label(key),
        Granularity::IsoWeek => {
            let w = date_of(key * 7 + 1).iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
    }
}

/// Activity per period, from the period of the first purchase to the period containing `as_of`
/// (periods without purchases included, with zeros).
///
/// Definitions: a customer is *active* in a period with at least one purchase in it; *new* when
/// that is the period of their first purchase ever; *returning* when they had bought before the
/// period started. Returning-customer rate = returning ÷ active (a period-level rate; the
/// overall repeat-purchase rate is in [`crate::metrics::purchases`]). Purchases are completed
/// orders dated on or before `as_of`; see [`super::analyze_loyalty`] for what is left out.
///
/// # Edge cases
/// No purchases: an empty list. A period with no purchases has `returning_customer_rate: None`.
/// The last period is partial unless `as_of` is its last day (`complete: false`, `end = as_of`).
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::Order;
/// use loyalty_scorecard::metrics::loyalty::periods::{periods, Granularity};
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let orders = [Order::new("a", d("2024-01-05"), 10.0), Order::new("a", d("2024-02-01"), 20.0),
///               Order::new("b", d("2024-02-03"), 5.0)];
/// let p = periods(&orders, d("2024-02-15"), Granularity::Month);
/// assert_eq!((p.len(), p[1].active_customers, p[1].new_customers, p[1].returning_customers), (2, 2, 1, 1));
/// assert_eq!((p[1].returning_customer_rate, p[1].new_customer_revenue, p[1].complete), (Some(0.5), 5.0, false));
/// ```
pub fn periods(orders: &(impl AsOrders + ?Sized), as_of: NaiveDate, granularity: Granularity) -> Vec<PeriodRow> {
    let orders = orders.as_orders();
    let orders: &Orders = &orders;
    periods_of(&prepare(orders, as_of), granularity)
}

pub(crate) fn periods_of(p: &Prepared, g: Granularity) -> Vec<PeriodRow> {
    let Some(first_day) = p.customers.iter().map(|c| c.first).min() else {
        return Vec::new();
    };
    let first_key = key_of(g, first_day);
    let last_key = key_of(g, p.as_of_day);
    let mut rows: Vec<PeriodRow> = (first_key..=last_key)
        .map(|k| {
            let (start, end) = bounds_of(g, k);
            PeriodRow {
                period: label_of(g, k),
                start,
                end: end.min(p.as_of),
                complete: end <= p.as_of,
                active_customers: 0,
                new_customers: 0,
                returning_customers: 0,
                returning_customer_rate: None,
                orders: 0,
                revenue: 0.0,
                new_customer_revenue: 0.0,
                returning_customer_revenue: 0.0,
            }
        })
        .collect();
    // Period keys are computed once per distinct day of each customer.
    for (c, cu) in p.customers.iter().enumerate() {
        let first = key_of(g, cu.first);
        let (mut prev_day, mut prev_key) = (i32::MIN, i32::MIN);
        for x in p.purchases_of(c) {
            if x.day != prev_day {
                prev_day = x.day;
                let k = key_of(g, x.day);
                if k != prev_key {
                    prev_key = k;
                    let r = &mut rows[(k - first_key) as usize];
                    r.active_customers += 1;
                    if k == first {
                        r.new_customers += 1;
                    } else {
                        r.returning_customers += 1;
                    }
                }
            }
            let r = &mut rows[(prev_key - first_key) as usize];
            r.orders += 1;
            r.revenue += x.total;
            if prev_key == first {
                r.new_customer_revenue += x.total;
            } else {
                r.returning_customer_revenue += x.total;
            }
        }
    }
    for r in &mut rows {
        if r.active_customers > 0 {
            r.returning_customer_rate = Some(r.returning_customers as f64 / r.active_customers as f64);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Order;

    #[test]
    fn iso_weeks_cross_the_year() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        // 2024-12-30 is Monday of ISO week 2025-W01; 2024-12-29 is Sunday of 2024-W52.
        let o = [Order::new("a", d("2024-12-29"), 1.0), Order::new("a", d("2024-12-30"), 2.0)];
        let w = periods(&o, d("2025-01-01"), Granularity::IsoWeek);
        let labels: Vec<&str> = w.iter().map(|r| r.period.as_str()).collect();
        assert_eq!(labels, ["2024-W52", "2025-W01"]);
        assert_eq!((w[0].start, w[0].end, w[0].complete), (d("2024-12-23"), d("2024-12-29"), true));
        assert_eq!((w[1].end, w[1].complete, w[1].returning_customers), (d("2025-01-01"), false, 1));
    }
}
