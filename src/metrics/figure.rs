//! A reported number with its unit, sample size and (where it is an estimate) its interval.

use serde::Serialize;

/// What a figure's value is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A count of orders.
    Orders,
    /// A count of customers.
    Customers,
    /// Money, in the currency of the data (see the scorecard's `currency`).
    Currency,
    /// A share between 0 and 1 (shown as a percentage).
    Proportion,
    /// Orders per customer.
    OrdersPerCustomer,
    /// A star rating (1-5).
    Stars,
    /// A count of ratings.
    Ratings,
}

/// A confidence interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interval {
    pub lower: f64,
    pub upper: f64,
    /// Confidence level, e.g. 0.95.
    pub level: f64,
    /// How it was computed, e.g. "wilson".
    pub method: &'static str,
}

/// One number of the scorecard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub value: f64,
    pub unit: Unit,
    /// How many observations (orders, customers, answers) the value rests on.
    pub n: u64,
    /// What `n` counts.
    pub n_of: Unit,
    /// Present when the value is an estimate of something uncertain.
    pub interval: Option<Interval>,
    /// Present when the value should be read with care (too few observations, ...).
    pub warning: Option<crate::messages::Note>,
}

impl Figure {
    /// An exact figure (a count or a sum), with no interval.
    pub fn exact(value: f64, unit: Unit, n: u64, n_of: Unit) -> Self {
        Figure { value, unit, n, n_of, interval: None, warning: None }
    }
}
