//! Purchase basics: orders, customers, revenue, repeat-purchase rate, orders per customer.

use super::stats::{mean_interval95, wilson95};
use super::{Figure, Unit};
use crate::dataset::OrderStatus;
use crate::model::{AsOrders, Orders};
use serde::Serialize;

/// Below this many customers a rate or mean carries a warning.
pub const MIN_CUSTOMERS: u64 = 30;

/// The first figures of the scorecard, from orders alone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PurchaseBasics {
    /// Number of orders (with those without a customer key).
    pub orders: Figure,
    /// Number of distinct customers.
    pub customers: Figure,
    /// Sum of order totals.
    pub revenue: Figure,
    /// Customers with two or more orders / customers (Wilson 95% interval).
    pub repeat_purchase_rate: Figure,
    /// Orders / customers (normal-approximation 95% interval of the mean).
    pub orders_per_customer: Figure,
    /// Customers with two or more orders.
    pub repeat_customers: u64,
    /// How many customers placed 1, 2, 3, 4 and 5 or more orders (the last bucket is open).
    pub customers_by_orders: Vec<OrderCountBucket>,
    /// Orders without any customer key, counted in `orders` and `revenue` and in no
    /// customer-level figure. Only written when there are some.
    #[serde(skip_serializing_if = "is_zero")]
    pub orders_without_customer: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Customers who placed `orders` orders (or more, when `or_more`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderCountBucket {
    pub orders: u32,
    pub or_more: bool,
    pub customers: u64,
}

/// The open last bucket of [`PurchaseBasics::customers_by_orders`].
pub const LAST_BUCKET: u32 = 5;

/// Computes the purchase basics from completed orders (cancelled and refunded orders are not
/// purchases). `None` when there are none.
///
/// Definitions: a customer is a distinct customer id (compared exactly, after trimming);
/// repeat-purchase rate = customers with ≥ 2 orders ÷ customers, where each order row counts
/// as one order (orders on the same day count separately here).
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::{dataset::Order, metrics::purchases::purchase_basics};
/// let day = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
/// let o = |c: &str, t: f64| Order::new(c, day, t);
/// let b = purchase_basics(&[o("A", 10.0), o("A", 20.0), o("B", 5.0)]).unwrap();
/// assert_eq!((b.orders.value, b.customers.value, b.revenue.value), (3.0, 2.0, 35.0));
/// assert_eq!((b.repeat_purchase_rate.value, b.orders_per_customer.value), (0.5, 1.5));
/// assert_eq!(b.customers_by_orders.iter().map(|c| c.customers).collect::<Vec<_>>(), [1, 1, 0, 0, 0]);
/// ```
pub fn purchase_basics(orders: &(impl AsOrders + ?Sized)) -> Option<PurchaseBasics> {
    let orders = orders.as_orders();
    let orders: &Orders = &orders;
    let mut per_customer = vec![0u64; orders.customers().len()];
    let mut revenue = 0.0;
    for ((c, s), t) in orders.customer_numbers().iter().zip(orders.statuses()).zip(orders.totals()) {
        if *s == OrderStatus::Completed {
            per_customer[*c as usize] += 1;
            revenue += t;
        }
    }
    let mut b = basics_from_counts(per_customer.into_iter(), revenue)?;
    // The orders without a customer: in the orders and the revenue only.
    let unkeyed = orders.unkeyed();
    if !unkeyed.is_empty() {
        let n = unkeyed.len() as u64;
        b.orders_without_customer = n;
        b.orders.value += n as f64;
        b.orders.n += n;
        b.revenue.value += unkeyed.iter().map(|(_, t)| t).sum::<f64>();
        b.revenue.n += n;
    }
    if !orders.has_money() {
        b.revenue.warning = Some(crate::messages::Note::NoMoney);
    }
    Some(b)
}

/// [`purchase_basics`] from each customer's number of completed orders and the total revenue
/// (e.g. from a customer summary). `None` without orders; customers with 0 orders are ignored.
pub fn basics_from_counts(counts: impl Iterator<Item = u64>, revenue: f64) -> Option<PurchaseBasics> {
    let per_customer: Vec<u64> = counts.filter(|&k| k > 0).collect();
    let n_orders: u64 = per_customer.iter().fold(0u64, |s, &k| s.saturating_add(k));
    if n_orders == 0 {
        return None;
    }
    let n_customers = per_customer.len() as u64;
    let repeaters = per_customer.iter().filter(|&&k| k >= 2).count() as u64;
    let mut buckets: Vec<OrderCountBucket> = (1..=LAST_BUCKET).map(|k| OrderCountBucket { orders: k, or_more: k == LAST_BUCKET, customers: 0 }).collect();
    for &k in &per_customer {
        buckets[(k.min(LAST_BUCKET as u64) - 1) as usize].customers += 1;
    }
    let counts: Vec<f64> = per_customer.iter().map(|&k| k as f64).collect();
    let small = (n_customers < MIN_CUSTOMERS).then_some(crate::messages::Note::FewCustomers { n: n_customers });

    Some(PurchaseBasics {
        orders: Figure::exact(n_orders as f64, Unit::Orders, n_orders, Unit::Orders),
        customers: Figure::exact(n_customers as f64, Unit::Customers, n_orders, Unit::Orders),
        revenue: Figure::exact(revenue, Unit::Currency, n_orders, Unit::Orders),
        repeat_purchase_rate: Figure {
            value: repeaters as f64 / n_customers as f64,
            unit: Unit::Proportion,
            n: n_customers,
            n_of: Unit::Customers,
            interval: wilson95(repeaters, n_customers),
            warning: small.clone(),
        },
        orders_per_customer: Figure {
            value: n_orders as f64 / n_customers as f64,
            unit: Unit::OrdersPerCustomer,
            n: n_customers,
            n_of: Unit::Customers,
            interval: mean_interval95(&counts),
            warning: small,
        },
        repeat_customers: repeaters,
        customers_by_orders: buckets,
        orders_without_customer: 0,
    })
}
