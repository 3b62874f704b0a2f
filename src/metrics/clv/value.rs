//! Customer lifetime value from a purchase model and a spend model.

use super::PurchaseModel;

/// The discounting convention of [`clv_discrete`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClvConvention {
    /// Months summed (lifetimes' `time`, default 12).
    pub months: u32,
    /// Discount rate per month (lifetimes' `discount_rate`, default 0.01).
    pub monthly_discount: f64,
    /// Model time units per month (lifetimes' `freq` factor): see
    /// [`TimeUnit::per_clv_month`](super::TimeUnit::per_clv_month).
    pub units_per_month: f64,
}

impl ClvConvention {
    /// lifetimes' defaults for a unit: 12 months, 1% per month, 4.345 weeks / 30 days / 1 month.
    pub fn lifetimes(unit: super::TimeUnit) -> ClvConvention {
        ClvConvention { months: 12, monthly_discount: 0.01, units_per_month: unit.per_clv_month() }
    }
}

/// Discounted expected value over `conv.months` months, the convention of lifetimes 0.11.3
/// (`GammaGammaFitter.customer_lifetime_value`):
///
/// CLV = Σ_{i=1..months} spend · (E[Y(m·i)] − E[Y(m·(i−1))]) / (1 + monthly_discount)^i,
///
/// where E[Y(t)] is the model's conditional expected number of purchases in the next t units
/// given (x, t_x, T) and m = `conv.units_per_month` (4.345 weeks, 30 days or 1 month). Purchases
/// within a month are discounted as if made at its end. `spend` is the expected value per
/// purchase (normally the Gamma-Gamma conditional expected spend). Returns 0 for `months == 0`.
pub fn clv_discrete<M: PurchaseModel + ?Sized>(model: &M, frequency: f64, recency: f64, t_cal: f64, spend: f64, conv: ClvConvention) -> f64 {
    let mut total = 0.0;
    let mut prev = 0.0;
    for i in 1..=conv.months {
        let cur = model.conditional_expected_purchases(conv.units_per_month * i as f64, frequency, recency, t_cal);
        total += spend * (cur - prev) / (1.0 + conv.monthly_discount).powi(i as i32);
        prev = cur;
    }
    total
}

/// Expected time until the next purchase, defined as the horizon t at which the conditional
/// expected number of purchases E[Y(t) | x, t_x, T] reaches 1, found by bisection on
/// (0, `max_t`]. `None` when E[Y(max_t)] < 1 (the customer is not expected to buy again
/// within `max_t`, typically because the customer has probably dropped out).
pub fn time_to_next_purchase<M: PurchaseModel + ?Sized>(model: &M, frequency: f64, recency: f64, t_cal: f64, max_t: f64) -> Option<f64> {
    let f = |t: f64| model.conditional_expected_purchases(t, frequency, recency, t_cal);
    if max_t.is_nan() || max_t <= 0.0 {
        return None;
    }
    let at_max = f(max_t);
    if at_max.is_nan() || at_max < 1.0 {
        return None;
    }
    let (mut lo, mut hi) = (0.0, max_t);
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if f(mid) >= 1.0 {
            hi = mid;
        } else {
            lo = mid;
        }
        if hi - lo <= 1e-9 * hi {
            break;
        }
    }
    Some(hi)
}
