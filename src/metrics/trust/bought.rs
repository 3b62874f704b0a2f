//! Earned against bought loyalty (《让顾客从满意到信任》: discounts and rebates used to keep
//! customers "buy" ordinary customers, not trust).
//!
//! A *repeat order* is any completed order of a customer after their first (orders sorted by
//! date, then file row). An order *used a discount* when its discount/coupon code is not blank.
//!
//! * Share of repeat orders with a code, Wilson (orders of one customer are not independent, so
//!   read the interval as optimistic).
//! * *Discount-only returners*: repeat customers (≥ 1 repeat order) whose every repeat order had a
//!   code; count and share of repeat customers, Wilson.
//! * Acquired with a discount (first order had a code) against without: repeat rate (customers
//!   with ≥ 2 orders) and retention (an order within the follow-up window W after the first, among
//!   customers whose first order is at least W before the analysis date), each Wilson, and the
//!   difference (with − without) with Newcombe's interval.
//! * **Bought-loyalty index** = repeat orders of discount-only returners ÷ all repeat orders
//!   (Wilson); the **discount-dependent repeat revenue** is the sum of those orders' totals and its
//!   share of all repeat revenue.
//!
//! Limits: the orders carry the code, not the amount discounted, so the index counts orders and
//! their paid totals, never the discount given. Observational: a customer who returns only with a
//! code might have returned without one; nothing here is a causal effect of discounts.

use super::levers::{difference, Difference};
use super::{followed, ordered_within, share, Prepared};
use crate::metrics::satisfaction::{Counted, Measure};
use crate::model::{OrderRef, Orders};
use serde::Serialize;

/// Whether an order used a discount code.
pub fn has_code(o: &OrderRef) -> bool {
    o.discount_code.is_some_and(|c| !c.trim().is_empty())
}

/// Customers acquired with or without a discount.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Acquisition {
    /// Customers with ≥ 2 orders, Wilson: first order with a code.
    pub repeat_rate_discount: Measure,
    /// The same, first order without a code.
    pub repeat_rate_no_discount: Measure,
    /// with − without.
    pub repeat_difference: Difference,
    /// An order within the window after the first, among followed customers: with a code.
    pub retention_discount: Measure,
    /// The same, without a code.
    pub retention_no_discount: Measure,
    /// with − without.
    pub retention_difference: Difference,
}

/// Earned against bought loyalty.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BoughtLoyalty {
    /// Repeat orders (every order after a customer's first).
    pub repeat_orders: u64,
    /// Repeat orders with a code ÷ repeat orders, Wilson.
    pub repeat_orders_with_discount: Measure,
    /// Customers with ≥ 1 repeat order.
    pub repeat_customers: u64,
    /// Repeat customers whose every repeat order had a code.
    pub discount_only_customers: u64,
    /// discount_only_customers ÷ repeat customers, Wilson.
    pub discount_only_returners: Measure,
    /// Repeat and retention by how the customer was acquired.
    pub acquisition: Acquisition,
    /// Repeat orders of discount-only returners.
    pub discount_dependent_repeat_orders: u64,
    /// discount_dependent_repeat_orders ÷ repeat orders, Wilson.
    pub bought_loyalty_index: Measure,
    /// Sum of the totals of those orders.
    pub discount_dependent_repeat_revenue: f64,
    /// Sum of the totals of all repeat orders.
    pub repeat_revenue: f64,
    /// discount-dependent ÷ all repeat revenue; `None` when repeat revenue is 0.
    pub discount_dependent_revenue_share: Option<f64>,
    /// False: the orders have codes, not discount amounts (counts and paid totals are used).
    pub discount_amounts_available: bool,
    /// The method's limits, in words.
    pub note: &'static str,
}

/// The note shown with the index.
pub const NOTE: &str = "Observational: counts of orders and their paid totals (the data has discount codes, not discount \
amounts). A customer who returns only with a code might have come back without one; this is not a causal effect of discounts.";

/// [`has_code`] of order `i` of a table.
pub(crate) fn has_code_at(orders: &Orders, i: u32) -> bool {
    orders.discount_code_at(i as usize).is_some_and(|c| !c.trim().is_empty())
}

pub(crate) fn bought_of(p: &Prepared, messages: &mut crate::messages::Notes) -> Option<BoughtLoyalty> {
    let Some(orders) = p.customers.first().map(|h| h.orders.table()) else {
        messages.push(crate::messages::Note::NoDiscountCodes);
        return None;
    };
    let coded = |i: &u32| has_code_at(orders, *i);
    if !p.customers.iter().flat_map(|h| h.orders.positions()).any(coded) {
        messages.push(crate::messages::Note::NoDiscountCodes);
        return None;
    }
    let (mut repeat_orders, mut repeat_coded, mut repeat_customers, mut only) = (0u64, 0u64, 0u64, 0u64);
    let (mut only_orders, mut only_revenue, mut repeat_revenue) = (0u64, 0.0, 0.0);
    // (customers, repeaters, followed, retained) for acquired with / without a code.
    let mut acq = [(0u64, 0u64, 0u64, 0u64); 2];
    for h in &p.customers {
        let Some(&first) = h.orders.positions().first() else { continue };
        let rest = h.orders.rest();
        let coded = rest.positions().iter().filter(|i| coded(i)).count() as u64;
        let revenue: f64 = rest.positions().iter().map(|i| orders.totals()[*i as usize]).filter(|t| t.is_finite()).sum();
        repeat_orders += rest.len() as u64;
        repeat_coded += coded;
        repeat_revenue += revenue;
        if !rest.is_empty() {
            repeat_customers += 1;
            if coded == rest.len() as u64 {
                only += 1;
                only_orders += coded;
                only_revenue += revenue;
            }
        }
        let g = &mut acq[usize::from(!has_code_at(orders, first))];
        g.0 += 1;
        if !rest.is_empty() {
            g.1 += 1;
        }
        let first_date = orders.dates()[first as usize];
        if followed(first_date, p.as_of, p.window) {
            g.2 += 1;
            if ordered_within(h, first_date, p.window) {
                g.3 += 1;
            }
        }
    }
    let [d, n] = acq;
    Some(BoughtLoyalty {
        repeat_orders,
        repeat_orders_with_discount: Measure::proportion(repeat_coded, repeat_orders, Counted::Orders),
        repeat_customers,
        discount_only_customers: only,
        discount_only_returners: share(only, repeat_customers),
        acquisition: Acquisition {
            repeat_rate_discount: share(d.1, d.0),
            repeat_rate_no_discount: share(n.1, n.0),
            repeat_difference: difference(d.1, d.0, n.1, n.0),
            retention_discount: share(d.3, d.2),
            retention_no_discount: share(n.3, n.2),
            retention_difference: difference(d.3, d.2, n.3, n.2),
        },
        discount_dependent_repeat_orders: only_orders,
        bought_loyalty_index: Measure::proportion(only_orders, repeat_orders, Counted::Orders),
        discount_dependent_repeat_revenue: only_revenue,
        repeat_revenue,
        discount_dependent_revenue_share: (repeat_revenue > 0.0).then(|| only_revenue / repeat_revenue),
        discount_amounts_available: false,
        note: NOTE,
    })
}
