//! The owner's questions, per customer, from the primary purchase model (BG/NBD or MBG/NBD):
//! who will order in the next 90 days, by when the next order is more likely than not, how many
//! orders in 30 / 90 / 365 days, and how likely the customer is slipping away.
//!
//! For both models a customer alive at the calibration end buys at a Poisson rate λ whose
//! posterior, given x repeat purchases in T, is Gamma(r + x, α + T), and can only drop out right
//! after a purchase; so the chance of at least one purchase in the next t is
//! P(alive) · (1 − ((α + T) / (α + T + t))^(r + x)) (Fader, Hardie & Lee 2005 for the BG/NBD;
//! Batislam, Denizel & Filiztekin 2007 for the MBG/NBD). It rises with t towards P(alive): the
//! next order is more likely than not from the t where it reaches ½, which exists only when
//! P(alive) > ½: t = (α + T) · ((1 − ½ / P(alive))^(−1 / (r + x)) − 1).
//!
//! ```
//! use loyalty_scorecard::metrics::clv::owner::{p_order_within, more_likely_than_not_in};
//! // r = 0.24, α = 4.41 (CDNOW); a customer with 2 repeat purchases in 30 weeks, P(alive) 0.8.
//! let p = p_order_within(0.8, 0.24, 4.41, 2.0, 30.0, 90.0 / 7.0);
//! assert!((p - 0.8 * (1.0 - (34.41f64 / (34.41 + 90.0 / 7.0)).powf(2.24))).abs() < 1e-15);
//! let t = more_likely_than_not_in(0.8, 0.24, 4.41, 2.0, 30.0).unwrap();
//! assert!((p_order_within(0.8, 0.24, 4.41, 2.0, 30.0, t) - 0.5).abs() < 1e-12);
//! assert_eq!(more_likely_than_not_in(0.4, 0.24, 4.41, 2.0, 30.0), None);
//! ```

/// P(at least one purchase in the next `t`) for a customer with `x` repeat purchases observed
/// for `t_cal` since the first, alive with probability `p_alive`; `t`, `t_cal` and `alpha` in
/// the same unit.
pub fn p_order_within(p_alive: f64, r: f64, alpha: f64, x: f64, t_cal: f64, t: f64) -> f64 {
    p_alive * (1.0 - ((alpha + t_cal) / (alpha + t_cal + t)).powf(r + x))
}

/// The time from the calibration end after which a next purchase is more likely than not;
/// `None` when it never is (P(alive) ≤ ½).
pub fn more_likely_than_not_in(p_alive: f64, r: f64, alpha: f64, x: f64, t_cal: f64) -> Option<f64> {
    if p_alive.is_nan() || p_alive <= 0.5 {
        return None;
    }
    let q = 1.0 - 0.5 / p_alive;
    let t = (alpha + t_cal) * (q.powf(-1.0 / (r + x)) - 1.0);
    t.is_finite().then_some(t)
}

/// Churn-risk bands from P(alive): low at 0.7 and above, medium from 0.3, high below.
pub const CHURN_BANDS: (f64, f64) = (0.7, 0.3);

/// The band of `p_alive` (`low`, `medium`, `high`).
pub fn churn_risk(p_alive: f64) -> &'static str {
    if p_alive >= CHURN_BANDS.0 {
        "low"
    } else if p_alive >= CHURN_BANDS.1 {
        "medium"
    } else {
        "high"
    }
}

/// A customer's answers ([`Owner::answers`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Answers {
    /// P(alive); `None` where the model gives 1 by construction (a BG/NBD one-time buyer).
    pub p_alive: Option<f64>,
    /// P(at least one order in the next 90 days).
    pub p_order_90_days: Option<f64>,
    /// From when the next order is more likely than not, within two years.
    pub next_order_date: Option<chrono::NaiveDate>,
    /// Expected orders in the next 30, 90 and 365 days.
    pub expected_orders: [f64; 3],
    /// [`churn_risk`] of P(alive).
    pub churn_risk: Option<&'static str>,
}

/// The model a lifetime-value report's owner's answers come from: the MBG/NBD when it is
/// fitted (its P(alive) of a one-time buyer is an estimate, where the BG/NBD's is 1 by
/// construction), else the BG/NBD, whose one-time buyers then get their expected orders but no
/// probability, date or risk band.
pub struct Owner {
    /// The model, its r and α, and whether a one-time buyer's P(alive) is 1 by construction.
    model: Option<(Box<dyn super::PurchaseModel>, f64, f64, bool)>,
    unit_days: f64,
    calibration_end: Option<chrono::NaiveDate>,
}

impl Owner {
    /// The model of `clv` whose owner's answers have a closed form.
    pub fn of(clv: &super::ClvReport) -> Owner {
        type Model = Box<dyn super::PurchaseModel>;
        let params = super::analysis::ModelSection::values;
        let mbg = params(&clv.mbgnbd).and_then(|p| super::MbgNbd::new(p[0], p[1], p[2], p[3]).ok().map(|m| (Box::new(m) as Model, p[0], p[1], false)));
        let bg = || params(&clv.bgnbd).and_then(|p| super::BgNbd::new(p[0], p[1], p[2], p[3]).ok().map(|m| (Box::new(m) as Model, p[0], p[1], true)));
        Owner { model: mbg.or_else(bg), unit_days: clv.unit.days(), calibration_end: clv.calibration_end }
    }

    /// P(alive) alone, as in [`Owner::answers`] (`None` where the model cannot say, or
    /// without a model): cheap, for choosing among many customers.
    pub fn p_alive(&self, x: f64, recency: f64, t_cal: f64) -> Option<f64> {
        let (m, _, _, one_time_alive) = self.model.as_ref()?;
        (!(*one_time_alive && x == 0.0)).then(|| m.p_alive(x, recency, t_cal))
    }

    /// The answers for a customer with `x` repeat purchases, the last `recency` and the
    /// calibration end `t_cal` after the first (the model's unit); `None` without a model.
    pub fn answers(&self, x: f64, recency: f64, t_cal: f64) -> Option<Answers> {
        let (m, r, alpha, one_time_alive) = self.model.as_ref()?;
        let days = |d: f64| d / self.unit_days;
        let expected = |d: f64| m.conditional_expected_purchases(days(d), x, recency, t_cal);
        let known = !(*one_time_alive && x == 0.0);
        let p_alive = m.p_alive(x, recency, t_cal);
        // Within two years, or not at all.
        let next = more_likely_than_not_in(p_alive, *r, *alpha, x, t_cal)
            .filter(|t| *t * self.unit_days <= 730.0 && known)
            .and_then(|t| self.calibration_end?.checked_add_days(chrono::Days::new((t * self.unit_days).ceil() as u64)));
        Some(Answers {
            p_alive: known.then_some(p_alive),
            p_order_90_days: known.then(|| p_order_within(p_alive, *r, *alpha, x, t_cal, days(90.0))),
            next_order_date: next,
            expected_orders: [expected(30.0), expected(90.0), expected(365.0)],
            churn_risk: known.then(|| churn_risk(p_alive)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The closed form against the posterior mixture integrated numerically: P(≥1 in t | alive)
    /// = 1 − ∫ e^(−λt) Gamma(λ; r + x, α + T) dλ.
    #[test]
    fn the_closed_form_is_the_posterior_mixture() {
        let (r, alpha, x, t_cal, t) = (0.243, 4.414, 3.0, 25.0, 12.86);
        let (shape, rate) = (r + x, alpha + t_cal);
        // ln Γ(shape) by Lanczos is not needed: integrate the normalised density numerically.
        let n = 200_000;
        let hi = 40.0 * shape / rate;
        let h = hi / n as f64;
        let dens = |l: f64| if l <= 0.0 { 0.0 } else { l.powf(shape - 1.0) * (-rate * l).exp() };
        let (mut z, mut m) = (0.0, 0.0);
        for i in 0..=n {
            let l = i as f64 * h;
            let w = if i == 0 || i == n { 0.5 } else { 1.0 };
            z += w * dens(l);
            m += w * dens(l) * (-l * t).exp();
        }
        let numeric = 1.0 - m / z;
        let closed = p_order_within(1.0, r, alpha, x, t_cal, t);
        assert!((numeric - closed).abs() < 1e-6, "{numeric} vs {closed}");
    }

    #[test]
    fn bands() {
        assert_eq!([churn_risk(0.9), churn_risk(0.7), churn_risk(0.5), churn_risk(0.29)], ["low", "low", "medium", "high"]);
    }
}
