//! The per-customer RFM summary (frequency, recency, T, monetary value) that every
//! "buy till you die" model is fitted on.
//!
//! Definition as in the Python `lifetimes` package's `summary_data_from_transaction_data`
//! (lifetimes 0.11.3, `lifetimes/utils.py`), which follows Fader, Hardie & Lee (2005),
//! "Counting Your Customers the Easy Way", Marketing Science 24(2) 275-284:
//! <https://brucehardie.com/papers/018/fader_et_al_mksc_05.pdf>.

use crate::dataset::OrderStatus;
use crate::model::Orders;
use crate::model::{AsOrders, CustomerIndex, Keys};
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

/// Money amounts are summed exactly as integers in units of `1 / MONEY_SCALE` (0.0001 of the
/// currency unit: enough for every currency's minor unit, including three-decimal ones).
pub const MONEY_SCALE: f64 = 10_000.0;

/// An amount in units of 1/[`MONEY_SCALE`], rounded half away from zero (as SQL `ROUND`);
/// 0 for NaN, saturating for amounts beyond ±1.7e34.
pub fn money_units(amount: f64) -> i128 {
    (amount * MONEY_SCALE).round() as i128
}

/// The mean of `n` amounts whose exact sum is `units` (in units of 1/[`MONEY_SCALE`]):
/// `units / (n · MONEY_SCALE)` as one floating-point division of exactly representable numbers
/// (below 2^53 units, i.e. about 9·10^11 in money), so every engine that follows this rule gets
/// the same bits. 0 when `n == 0`.
pub fn mean_of_units(units: i128, n: u32) -> f64 {
    if n == 0 {
        return 0.0;
    }
    units as f64 / (f64::from(n) * MONEY_SCALE)
}

/// Customers sharing one (frequency, recency, T): what the purchase models need, in a grouped
/// summary for very large bases (the fits weight each group by `count`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PurchaseGroup {
    pub frequency: u32,
    pub recency: f64,
    pub t: f64,
    /// Customers in the group (at least 1).
    pub count: u64,
    /// Sum of the group's monetary values (for total CLV: expected spend is linear in it);
    /// `None` when the file does not give it.
    pub monetary_value_sum: Option<f64>,
}

/// Repeat buyers sharing one (frequency, monetary value): what the Gamma-Gamma model needs. Its
/// likelihood depends on each customer's frequency and mean spend jointly, so a grouped summary
/// keeps these groups apart from the (frequency, recency, T) groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpendGroup {
    /// At least 1.
    pub frequency: u32,
    pub monetary_value: f64,
    pub count: u64,
}

/// Groups a per-customer summary by identical (frequency, recency, T), ordered by them
/// (bitwise order of the values within a frequency).
pub fn purchase_groups(customers: &[CustomerSummary]) -> Vec<PurchaseGroup> {
    let mut m: BTreeMap<(u32, u64, u64), (u64, f64)> = BTreeMap::new();
    for c in customers {
        let e = m.entry((c.frequency, c.recency.to_bits(), c.t.to_bits())).or_insert((0, 0.0));
        e.0 += 1;
        e.1 += c.monetary_value;
    }
    m.into_iter().map(|((frequency, r, t), (count, sum))| PurchaseGroup { frequency, recency: f64::from_bits(r), t: f64::from_bits(t), count, monetary_value_sum: Some(sum) }).collect()
}

/// Groups the repeat buyers (frequency > 0) of a per-customer summary by identical
/// (frequency, monetary value).
pub fn spend_groups(customers: &[CustomerSummary]) -> Vec<SpendGroup> {
    let mut m: BTreeMap<(u32, u64), u64> = BTreeMap::new();
    for c in customers.iter().filter(|c| c.frequency > 0) {
        *m.entry((c.frequency, c.monetary_value.to_bits())).or_insert(0) += 1;
    }
    m.into_iter().map(|((frequency, mv), count)| SpendGroup { frequency, monetary_value: f64::from_bits(mv), count }).collect()
}

/// One customer's summary at the calibration end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerSummary {
    /// Kept inline up to 24 bytes (12 in wasm): no allocation per customer.
    pub customer_id: crate::dataset::Text,
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
/// - Money is summed exactly in units of 1/[`MONEY_SCALE`] (each total rounded to 0.0001 first):
///   the mean is [`mean_of_units`], one division, so a summary computed elsewhere (the SQL in
///   `sql/`) gives bit-identical values whatever order its engine adds the orders in.
///
/// Matches lifetimes' `summary_data_from_transaction_data(..., freq="D", freq_multiplier=7,
/// monetary_value_col=...)` for weeks (checked on CDNOW in `tests/clv_cdnow.rs`).
/// Never fails; an empty order list gives an empty summary.
pub fn summarize(orders: &(impl AsOrders + ?Sized), calibration_end: NaiveDate, unit: TimeUnit) -> Summary {
    let orders = orders.as_orders();
    let orders: &Orders = &orders;
    let (mut after, mut not_completed, mut no_value) = (0, 0, 0);
    let mut purchases: Vec<(&str, NaiveDate, i128)> = Vec::with_capacity(orders.len());
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
            money_units(o.total)
        } else {
            no_value += 1;
            0
        };
        purchases.push((o.customer_id, o.date, value));
    }
    let customers = crate::fast::group_sorted(purchases, |p| p.0)
        .into_iter()
        .filter_map(|(id, mut days)| {
            days.sort_by_key(|p| p.1);
            customer_of(id, days.iter().map(|p| (p.1, p.2)), calibration_end, unit)
        })
        .collect();
    Summary { unit, calibration_end, customers, orders_after_end: after, orders_not_completed: not_completed, orders_without_value: no_value }
}

/// [`summarize`] from the analysis's index of completed orders (`completed`, each customer's
/// sorted by date): the same summary without grouping the orders by id again.
/// With the summary, the customer number of each of its customers.
pub(crate) fn summarize_indexed(orders: &Orders, keys: &Keys, completed: &CustomerIndex, calibration_end: NaiveDate, unit: TimeUnit) -> (Summary, Vec<u32>) {
    let (dates, totals) = (orders.dates(), orders.totals());
    let customers = completed.with_orders().map(|c| (c, keys.name(c), completed.of(c).iter().map(|i| (dates[*i as usize], totals[*i as usize]))));
    let (mut summary, numbers) = summarize_grouped(customers, completed.with_orders().count(), calibration_end, unit);
    summary.orders_not_completed = orders.len().saturating_sub(completed.len());
    (summary, numbers)
}

/// [`summarize_indexed`] of purchases given as numbers (customer `c`'s are `ends[c - 1] ..
/// ends[c]` of the days and totals, each customer's sorted by day), the customers unnamed: the
/// summary a second worker fits the models on.
pub(crate) fn summarize_purchases(ends: &[u32], dates: &[NaiveDate], totals: &[f64], calibration_end: NaiveDate, unit: TimeUnit) -> Summary {
    let start = |c: usize| if c == 0 { 0 } else { ends[c - 1] as usize };
    let with = (0..ends.len()).filter(|c| start(*c) < ends[*c] as usize);
    let customers = with.clone().map(|c| (c as u32, "", (start(c)..ends[c] as usize).map(|i| (dates[i], totals[i]))));
    summarize_grouped(customers, with.count(), calibration_end, unit).0
}

/// The summary of customers given with their purchases (day, total), each customer's sorted by
/// day; `n`: how many. With it, the number of each customer summarised.
fn summarize_grouped<'n, P: Iterator<Item = (NaiveDate, f64)> + Clone>(
    customers: impl Iterator<Item = (u32, &'n str, P)>,
    n: usize,
    calibration_end: NaiveDate,
    unit: TimeUnit,
) -> (Summary, Vec<u32>) {
    let (mut after, mut no_value) = (0, 0);
    // Sized once: growing by doubling held the old and the new buffer at once (a million-order
    // shop's summary is about 30 MB).
    let mut summaries = Vec::with_capacity(n);
    let mut numbers = Vec::with_capacity(n);
    for (c, name, of) in customers {
        after += of.clone().filter(|(date, _)| *date > calibration_end).count();
        let purchases = of.filter(|(date, _)| *date <= calibration_end).map(|(date, total)| {
            if !total.is_finite() {
                no_value += 1;
            }
            (date, if total.is_finite() { money_units(total) } else { 0 })
        });
        if let Some(summary) = customer_of(name, purchases, calibration_end, unit) {
            summaries.push(summary);
            numbers.push(c);
        }
    }
    let summary = Summary { unit, calibration_end, customers: summaries, orders_after_end: after, orders_not_completed: 0, orders_without_value: no_value };
    (summary, numbers)
}

/// One customer's summary from their purchases (day, value in units of 1/[`MONEY_SCALE`]),
/// sorted by day: purchases of one day are one transaction, their values added up. `None`
/// without purchases.
fn customer_of(id: &str, purchases: impl Iterator<Item = (NaiveDate, i128)>, calibration_end: NaiveDate, unit: TimeUnit) -> Option<CustomerSummary> {
    let mut days = purchases.peekable();
    let first = days.peek()?.0;
    let (mut frequency, mut repeat_units, mut day_units, mut last) = (0u32, 0i128, 0i128, first);
    while let Some((day, value)) = days.next() {
        last = day;
        day_units = day_units.saturating_add(value);
        if days.peek().is_none_or(|next| next.0 != day) {
            if day != first {
                frequency = frequency.saturating_add(1);
                repeat_units = repeat_units.saturating_add(day_units);
            }
            day_units = 0;
        }
    }
    Some(CustomerSummary {
        customer_id: id.into(),
        frequency,
        recency: unit.between(first, last),
        t: unit.between(first, calibration_end),
        monetary_value: mean_of_units(repeat_units, frequency),
        first_purchase: first,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Order;

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
