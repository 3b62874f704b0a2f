//! Shared preparation for every loyalty metric (internal): keeps the purchases, groups them by
//! customer and sorts them, once, in O(n log n).
//!
//! A *purchase* is an order with status [`OrderStatus::Completed`], dated on or before `as_of`,
//! with a finite, non-negative total. Everything else is left out and counted in a message.
//! Customers are ordered by customer id and each customer's purchases by date (then total), so
//! no result depends on the order of the input rows.

use crate::dataset::{Order, OrderStatus};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// One purchase: day number (days from the common era, see [`day_number`]) and amount.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Purchase {
    pub day: i32,
    pub total: f64,
}

/// One customer's purchase history in summary.
#[derive(Debug, Clone)]
pub(crate) struct Customer<'a> {
    pub id: &'a str,
    /// Purchases (order rows; same-day orders count separately).
    pub orders: u32,
    pub spend: f64,
    /// First and last purchase day.
    pub first: i32,
    pub last: i32,
}

/// Purchases grouped by customer.
#[derive(Debug, Clone)]
pub(crate) struct Prepared<'a> {
    pub as_of: NaiveDate,
    pub as_of_day: i32,
    /// Sorted by customer id.
    pub customers: Vec<Customer<'a>>,
    /// All purchases, customer by customer (in the order of `customers`), each customer's by day.
    pub purchases: Vec<Purchase>,
    /// `purchases[offsets[c]..offsets[c + 1]]` are customer `c`'s.
    pub offsets: Vec<usize>,
    pub revenue: f64,
    /// Orders given but not used (not completed, after `as_of`, unusable total).
    pub ignored: u64,
    pub messages: Vec<String>,
}

impl<'a> Prepared<'a> {
    /// Customer `c`'s purchases, by day.
    pub fn purchases_of(&self, c: usize) -> &[Purchase] {
        &self.purchases[self.offsets[c]..self.offsets[c + 1]]
    }

    /// Customer `c`'s distinct purchase days, ascending (same-day orders merged).
    pub fn days_of(&self, c: usize) -> impl Iterator<Item = i32> + '_ {
        let p = self.purchases_of(c);
        p.iter().enumerate().filter(move |(i, x)| *i == 0 || p[i - 1].day != x.day).map(|(_, x)| x.day)
    }
}

/// Day number of a date: days since 0001-01-01 plus one (a Monday), as in chrono.
pub(crate) fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// The date of a day number (clamped into chrono's range; never reached with real dates).
pub(crate) fn date_of(day: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MIN)
}

/// Months since year 0: `year * 12 + month0`.
pub(crate) fn month_key(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

/// First and last day of month `key`.
pub(crate) fn month_bounds(key: i32) -> (NaiveDate, NaiveDate) {
    let (y, m0) = (key.div_euclid(12), key.rem_euclid(12) as u32);
    let start = NaiveDate::from_ymd_opt(y, m0 + 1, 1).unwrap_or(NaiveDate::MIN);
    let next = if m0 == 11 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m0 + 2, 1) };
    (start, next.and_then(|n| n.pred_opt()).unwrap_or(NaiveDate::MAX))
}

/// "YYYY-MM".
pub(crate) fn month_label(key: i32) -> String {
    format!("{:04}-{:02}", key.div_euclid(12), key.rem_euclid(12) + 1)
}

/// Keeps the purchases and groups them by customer.
pub(crate) fn prepare(orders: &[Order], as_of: NaiveDate) -> Prepared<'_> {
    let (mut not_completed, mut later, mut bad_total) = (0u64, 0u64, 0u64);
    let mut index: HashMap<&str, u32> = HashMap::new();
    let mut ids: Vec<&str> = Vec::new();
    let mut keyed: Vec<(u32, i32, f64)> = Vec::with_capacity(orders.len());
    for o in orders {
        if o.status != OrderStatus::Completed {
            not_completed += 1;
        } else if o.date > as_of {
            later += 1;
        } else if !o.total.is_finite() || o.total < 0.0 {
            bad_total += 1;
        } else {
            let next = ids.len() as u32;
            let c = *index.entry(o.customer_id.as_str()).or_insert_with(|| {
                ids.push(o.customer_id.as_str());
                next
            });
            keyed.push((c, day_number(o.date), o.total));
        }
    }
    // Re-number customers by id, so that nothing depends on the input order.
    let mut by_id: Vec<u32> = (0..ids.len() as u32).collect();
    by_id.sort_unstable_by(|&a, &b| ids[a as usize].cmp(ids[b as usize]));
    let mut rank = vec![0u32; ids.len()];
    for (r, &c) in by_id.iter().enumerate() {
        rank[c as usize] = r as u32;
    }
    for k in &mut keyed {
        k.0 = rank[k.0 as usize];
    }
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.total_cmp(&b.2)));

    let mut customers: Vec<Customer> = Vec::with_capacity(ids.len());
    let mut offsets = Vec::with_capacity(ids.len() + 1);
    let mut purchases = Vec::with_capacity(keyed.len());
    let mut revenue = 0.0;
    for (i, &(c, day, total)) in keyed.iter().enumerate() {
        if i == 0 || keyed[i - 1].0 != c {
            offsets.push(i);
            customers.push(Customer { id: ids[by_id[c as usize] as usize], orders: 0, spend: 0.0, first: day, last: day });
        }
        let cu = customers.last_mut().expect("pushed above");
        cu.orders += 1;
        cu.spend += total;
        cu.last = day;
        revenue += total;
        purchases.push(Purchase { day, total });
    }
    offsets.push(keyed.len());

    let mut messages = Vec::new();
    if not_completed > 0 {
        messages.push(format!("{not_completed} cancelled or refunded orders are not purchases and were left out"));
    }
    if later > 0 {
        messages.push(format!("{later} orders dated after the analysis date {as_of} were left out"));
    }
    if bad_total > 0 {
        messages.push(format!("{bad_total} orders with a negative or non-numeric total were left out"));
    }
    if keyed.is_empty() {
        messages.push(format!("no completed orders on or before {as_of}: there is nothing to measure loyalty on"));
    }
    Prepared {
        as_of,
        as_of_day: day_number(as_of),
        customers,
        purchases,
        offsets,
        revenue,
        ignored: not_completed + later + bad_total,
        messages,
    }
}

/// Quantile of sorted values by linear interpolation between order statistics: position
/// h = (n − 1)·p, value x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) (Hyndman & Fan 1996, type 7;
/// the default of R and NumPy). `None` for no values.
pub(crate) fn quantile_sorted(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn months_and_quantiles() {
        let k = month_key(d("2024-02-10"));
        assert_eq!(month_label(k), "2024-02");
        assert_eq!(month_bounds(k), (d("2024-02-01"), d("2024-02-29")));
        assert_eq!(month_bounds(month_key(d("2023-12-05"))), (d("2023-12-01"), d("2023-12-31")));
        assert_eq!(date_of(day_number(d("2024-03-07"))), d("2024-03-07"));
        // numpy.quantile([1, 2, 3, 4], [0.25, 0.5, 0.9]) -> 1.75, 2.5, 3.7
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_sorted(&v, 0.25), Some(1.75));
        assert_eq!(quantile_sorted(&v, 0.5), Some(2.5));
        assert!((quantile_sorted(&v, 0.9).unwrap() - 3.7).abs() < 1e-12);
        assert_eq!(quantile_sorted(&[], 0.5), None);
    }

    #[test]
    fn grouping_ignores_input_order_and_non_purchases() {
        let mut o = vec![
            Order::new("b", d("2024-01-02"), 5.0),
            Order::new("a", d("2024-01-03"), 1.0),
            Order::new("b", d("2024-01-01"), 2.0),
            Order::new("a", d("2024-02-01"), 9.0),
        ];
        o[3].status = OrderStatus::Cancelled;
        let p = prepare(&o, d("2024-01-31"));
        assert_eq!(p.customers.iter().map(|c| c.id).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(p.purchases_of(1).iter().map(|x| x.total).collect::<Vec<_>>(), [2.0, 5.0]);
        assert_eq!((p.ignored, p.revenue), (1, 8.0));
    }
}
