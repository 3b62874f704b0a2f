//! Typed records, linked by customer and order id. Produced by [`crate::input`], read by
//! [`crate::metrics`].

use chrono::NaiveDate;
use serde::Serialize;

/// One order (one purchase event) of one customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Order {
    /// The shop's order id, when the file has one.
    pub order_id: Option<String>,
    pub customer_id: String,
    pub date: NaiveDate,
    /// Amount paid, in the file's currency.
    pub total: f64,
    pub currency: Option<String>,
    pub discount_code: Option<String>,
    /// Row number in the source file (header = row 1).
    pub row: usize,
}

/// Everything the analysis was given, after reading.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub orders: Vec<Order>,
}
