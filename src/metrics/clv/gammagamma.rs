//! The Gamma-Gamma model of spend per transaction.
//!
//! Source: Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value"
//! (<https://brucehardie.com/notes/025/gamma_gamma.pdf>); first used in Fader, Hardie & Lee (2005),
//! "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", JMR 42(4) 415-430.
//! A customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers; the
//! model assumes spend per transaction is independent of how often a customer buys, which
//! [`frequency_spend_correlation`] checks.
//!
//! On the CDNOW 1/10 sample (946 repeat buyers) the note reports p = 6.25, q = 3.74, γ = 15.44.

use super::fit::fit_log_params;
use super::fit::FitInfo;
use super::special::{digamma, ln_gamma};
use super::summary::{CustomerSummary, SpendGroup};
use serde::Serialize;

/// Fewest repeat buyers with positive spend the model is fitted on (rule of thumb of this crate).
pub const MIN_SPEND_CUSTOMERS: usize = 10;

/// Largest |Pearson correlation| between frequency and mean spend of repeat buyers accepted
/// before declining the model. The model assumes independence; lifetimes' documentation shows
/// 0.11 on CDNOW as "close to 0". 0.3 is this crate's rule of thumb (a "moderate" correlation).
pub const MAX_FREQUENCY_SPEND_CORRELATION: f64 = 0.3;

/// Why the Gamma-Gamma model could not be fitted or used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GammaGammaError {
    /// Fewer than [`MIN_SPEND_CUSTOMERS`] repeat buyers with a positive mean spend.
    #[error("Gamma-Gamma needs at least {needed} repeat buyers with positive spend, the data have {customers}; use the plain average order value instead")]
    TooFewCustomers { customers: usize, needed: usize },
    /// Frequency and spend are correlated beyond [`MAX_FREQUENCY_SPEND_CORRELATION`]: the
    /// independence the model rests on fails.
    #[error("spend per order depends on how often customers buy (correlation {correlation:.2}); the Gamma-Gamma model assumes it does not: use the average order value per frequency group instead")]
    SpendDependsOnFrequency { correlation: f64 },
    /// All mean spends are equal (no spread to model).
    #[error("all repeat buyers have the same mean spend; there is no variation to model: use that value directly")]
    NoSpread,
    /// Parameters given to a prediction are not all finite and positive, or q <= 1 (the mean
    /// spend p·γ/(q−1) is then infinite).
    #[error("Gamma-Gamma parameters must be finite and positive with q > 1")]
    InvalidParameters,
    /// The optimum is not a finite interior point.
    #[error("Gamma-Gamma: the fit did not reach a finite optimum ({detail}); use the plain average order value")]
    FitFailed { detail: String },
    /// The orders have no totals (a file without a money column).
    #[error("the orders have no totals (no money column in the file): no spend model and no CLV")]
    NoMoney,
    /// Not fitted: the run did not ask for it (`ClvOptions::spend_model`).
    #[error("the spend model was not asked for in this run")]
    Skipped,
}

impl GammaGammaError {
    /// The reason as a note (too few buyers typed; the others still as English sentences).
    pub fn note(&self) -> crate::messages::Note {
        match self {
            GammaGammaError::TooFewCustomers { customers, needed } => crate::messages::Note::SpendTooFew { customers: *customers, needed: *needed },
            GammaGammaError::NoMoney => crate::messages::Note::SpendNoMoney,
            GammaGammaError::SpendDependsOnFrequency { correlation } => crate::messages::Note::SpendDependsOnFrequency { correlation: *correlation },
            GammaGammaError::NoSpread => crate::messages::Note::SpendNoSpread,
            GammaGammaError::Skipped => crate::messages::Note::ModelOff { model: "Gamma-Gamma" },
            GammaGammaError::InvalidParameters => crate::messages::Note::SpendBadParameters,
            GammaGammaError::FitFailed { detail } => crate::messages::Note::SpendFitFailed { detail: detail.clone() },
        }
    }
}

/// Gamma-Gamma parameters: transaction value ~ Gamma(shape `p`, rate ν), ν ~ Gamma(shape `q`,
/// rate `v`) (γ in the papers; lifetimes calls it `v`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub v: f64,
}

/// A fitted [`GammaGamma`] with how the fit went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GammaGammaFit {
    pub params: GammaGamma,
    /// Standard errors in the order p, q, v.
    pub info: FitInfo,
    /// Repeat buyers used.
    pub customers: usize,
    /// Repeat buyers left out of the fit because their mean spend is not a positive number:
    /// free orders, 100% discounts, gift cards (the model's spends are positive). They still
    /// get an expected spend, [`GammaGamma::conditional_expected_spend`] of their mean.
    pub excluded_non_positive: usize,
    /// Pearson correlation of frequency and mean spend among them.
    pub frequency_spend_correlation: f64,
}

/// Pearson correlation of frequency and monetary value among the repeat buyers (frequency > 0)
/// the spend model is fitted on (mean spend positive); `None` with fewer than 2 of them or no
/// spread in either.
pub fn frequency_spend_correlation(customers: &[CustomerSummary]) -> Option<f64> {
    weighted_correlation(&GammaGamma::spend_rows(customers).0)
}

/// [`frequency_spend_correlation`] of a grouped summary's spend groups (the same value, bit for
/// bit, as on the customers the groups stand for).
pub fn frequency_spend_correlation_groups(groups: &[SpendGroup]) -> Option<f64> {
    weighted_correlation(&GammaGamma::spend_rows_groups(groups).0)
}

/// (x, z̄, customers) rows, identical (x, z̄) merged, sorted by x then z̄ (bitwise).
fn group_rows(items: impl Iterator<Item = (u32, f64, u64)>) -> Vec<(f64, f64, f64)> {
    let m = super::fit::merge_counts(items.filter(|i| i.2 > 0).map(|(x, z, n)| ((x, z.to_bits()), n)));
    m.into_iter().map(|((x, z), n)| (f64::from(x), f64::from_bits(z), n as f64)).collect()
}

fn weighted_correlation(rows: &[(f64, f64, f64)]) -> Option<f64> {
    let n: f64 = rows.iter().map(|r| r.2).sum();
    if n < 2.0 {
        return None;
    }
    let (mx, my) = (rows.iter().map(|r| r.2 * r.0).sum::<f64>() / n, rows.iter().map(|r| r.2 * r.1).sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y, w) in rows {
        sxy += w * (x - mx) * (y - my);
        sxx += w * (x - mx) * (x - mx);
        syy += w * (y - my) * (y - my);
    }
    let r = sxy / (sxx * syy).sqrt();
    r.is_finite().then_some(r)
}

impl GammaGamma {
    /// Parameters in the order p, q, v.
    pub fn to_vec(&self) -> Vec<f64> {
        vec![self.p, self.q, self.v]
    }

    /// Checks the parameters (finite, positive, q > 1).
    ///
    /// # Errors
    /// [`GammaGammaError::InvalidParameters`] otherwise.
    pub fn new(p: f64, q: f64, v: f64) -> Result<GammaGamma, GammaGammaError> {
        if [p, q, v].iter().all(|t| t.is_finite() && *t > 0.0) && q > 1.0 {
            Ok(GammaGamma { p, q, v })
        } else {
            Err(GammaGammaError::InvalidParameters)
        }
    }

    /// Log-likelihood and gradient with respect to (ln p, ln q, ln v) of (x, z̄) pairs:
    /// ℓ_i = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln v + (px−1) ln z̄ + px ln x − (px+q) ln(v + x z̄)
    /// (Fader & Hardie 2013, eq. 5: the density of the mean z̄ of x transactions).
    fn loglik_grad(&self, rows: &[(f64, f64, f64)], grad: Option<&mut [f64; 3]>) -> f64 {
        let GammaGamma { p, q, v } = *self;
        let (ln_v, lg_q) = (v.ln(), ln_gamma(q));
        let want_grad = grad.is_some();
        let dg_q = if want_grad { digamma(q) } else { 0.0 };
        // Rows arrive sorted by frequency (see `spend_rows`): compute the gamma-function terms,
        // which depend on x only, once per distinct x.
        let mut ll = 0.0;
        let mut g = [0.0; 3];
        let mut cached_x = f64::NAN;
        let (mut lg_term, mut dg_pxq, mut dg_px, mut ln_x) = (0.0, 0.0, 0.0, 0.0);
        for &(x, m, w) in rows {
            let px = p * x;
            if x != cached_x {
                cached_x = x;
                lg_term = ln_gamma(px + q) - ln_gamma(px) - lg_q;
                ln_x = x.ln();
                if want_grad {
                    dg_pxq = digamma(px + q);
                    dg_px = digamma(px);
                }
            }
            let (ln_m, ln_vxm) = (m.ln(), (v + x * m).ln());
            ll += w * (lg_term + q * ln_v + (px - 1.0) * ln_m + px * ln_x - (px + q) * ln_vxm);
            if want_grad {
                g[0] += w * (x * (dg_pxq - dg_px + ln_m + ln_x - ln_vxm));
                g[1] += w * (dg_pxq - dg_q + ln_v - ln_vxm);
                g[2] += w * (q / v - (px + q) / (v + x * m));
            }
        }
        if let Some(out) = grad {
            out[0] = g[0] * p;
            out[1] = g[1] * q;
            out[2] = g[2] * v;
        }
        ll
    }

    /// The repeat buyers with a positive mean spend as weighted (x, z̄, customers) rows
    /// (identical (x, z̄) merged), and how many repeat buyers were left out for a mean spend that
    /// is not a positive number.
    fn spend_rows(customers: &[CustomerSummary]) -> (Vec<(f64, f64, f64)>, usize) {
        Self::spend_rows_of(customers.iter().map(|c| (c.frequency, c.monetary_value, 1)))
    }

    fn spend_rows_groups(groups: &[SpendGroup]) -> (Vec<(f64, f64, f64)>, usize) {
        Self::spend_rows_of(groups.iter().map(|g| (g.frequency, g.monetary_value, g.count)))
    }

    fn spend_rows_of(items: impl Iterator<Item = (u32, f64, u64)> + Clone) -> (Vec<(f64, f64, f64)>, usize) {
        let repeat = items.filter(|i| i.0 > 0);
        let usable = |i: &(u32, f64, u64)| i.1.is_finite() && i.1 > 0.0;
        let excluded = repeat.clone().filter(|i| !usable(i)).fold(0usize, |s, i| s.saturating_add(i.2 as usize));
        (group_rows(repeat.filter(usable)), excluded)
    }

    /// Total log-likelihood of the repeat buyers in `customers` with a positive mean spend
    /// (customers with frequency 0 are skipped, as in lifetimes). NaN for invalid parameters.
    pub fn log_likelihood(&self, customers: &[CustomerSummary]) -> f64 {
        if ![self.p, self.q, self.v].iter().all(|t| *t > 0.0 && t.is_finite()) {
            return f64::NAN;
        }
        self.loglik_grad(&Self::spend_rows(customers).0, None)
    }

    /// Maximum-likelihood fit on the repeat buyers of `customers` (frequency > 0) whose mean
    /// spend is positive; the others are counted in [`GammaGammaFit::excluded_non_positive`].
    ///
    /// # Errors
    /// Data checks first ([`GammaGammaError::TooFewCustomers`], [`GammaGammaError::NoSpread`],
    /// [`GammaGammaError::SpendDependsOnFrequency`]), then [`GammaGammaError::FitFailed`] when the
    /// optimum is not finite, or q <= 1 (infinite mean spend).
    pub fn fit(customers: &[CustomerSummary]) -> Result<GammaGammaFit, GammaGammaError> {
        let (rows, excluded) = Self::spend_rows(customers);
        Self::fit_rows(rows, excluded)
    }

    /// [`Self::fit`] on the spend groups of a grouped summary (each weighs its `count` repeat
    /// buyers): the same estimates, bit for bit, as on the customers they stand for.
    ///
    /// # Errors
    /// As [`Self::fit`].
    pub fn fit_groups(groups: &[SpendGroup]) -> Result<GammaGammaFit, GammaGammaError> {
        let (rows, excluded) = Self::spend_rows_groups(groups);
        Self::fit_rows(rows, excluded)
    }

    fn fit_rows(rows: Vec<(f64, f64, f64)>, excluded_non_positive: usize) -> Result<GammaGammaFit, GammaGammaError> {
        let n: f64 = rows.iter().map(|r| r.2).sum();
        let customers = n as usize;
        if customers < MIN_SPEND_CUSTOMERS {
            return Err(GammaGammaError::TooFewCustomers { customers, needed: MIN_SPEND_CUSTOMERS });
        }
        let correlation = weighted_correlation(&rows).ok_or(GammaGammaError::NoSpread)?;
        if correlation.abs() > MAX_FREQUENCY_SPEND_CORRELATION {
            return Err(GammaGammaError::SpendDependsOnFrequency { correlation });
        }
        let mean = rows.iter().map(|r| r.2 * r.1).sum::<f64>() / n;
        let starts = vec![vec![1.0, 2.0, mean], vec![5.0, 3.0, mean], vec![1.0, 1.5, 0.1 * mean]];
        let nll = |lp: &[f64], g: &mut [f64]| {
            let m = GammaGamma { p: lp[0].exp(), q: lp[1].exp(), v: lp[2].exp() };
            let mut gr = [0.0; 3];
            let ll = m.loglik_grad(&rows, Some(&mut gr));
            for k in 0..3 {
                g[k] = -gr[k];
            }
            if ll.is_finite() {
                -ll
            } else {
                f64::INFINITY
            }
        };
        let (theta, info) = fit_log_params(nll, &starts).ok_or_else(|| GammaGammaError::FitFailed { detail: "no finite likelihood".into() })?;
        if let Some(k) = super::fit::runaway_parameter(&theta) {
            return Err(GammaGammaError::FitFailed { detail: format!("{} ran off to {:e}", ["p", "q", "v"][k], theta[k]) });
        }
        let params = GammaGamma::new(theta[0], theta[1], theta[2]).map_err(|_| GammaGammaError::FitFailed { detail: format!("q = {} <= 1, the mean spend would be infinite", theta[1]) })?;
        Ok(GammaGammaFit { params, info, customers, excluded_non_positive, frequency_spend_correlation: correlation })
    }

    /// Population mean spend per transaction, E(Z) = p·v/(q−1) (infinite when q <= 1).
    pub fn mean_spend(&self) -> f64 {
        self.p * self.v / (self.q - 1.0)
    }

    /// Conditional expected spend per transaction ("conditional expected average profit" in
    /// lifetimes), Fader & Hardie 2013 eq. 6:
    /// E[Z | x, z̄] = (p v + p x z̄) / (p x + q − 1), a weighted mean of the population mean
    /// p v/(q−1) and the customer's own mean z̄. For x = 0 it is the population mean.
    pub fn conditional_expected_spend(&self, frequency: f64, monetary_value: f64) -> f64 {
        let GammaGamma { p, q, v } = *self;
        let m = if frequency > 0.0 { monetary_value } else { 0.0 };
        (p * v + p * frequency * m) / (p * frequency + q - 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analytic_gradient_matches_numerical() {
        let rows = vec![(1.0, 10.0, 1.0), (2.0, 25.5, 1.0), (5.0, 12.0, 2.0), (9.0, 40.0, 1.0)];
        let m = GammaGamma { p: 3.0, q: 2.5, v: 12.0 };
        let mut g = [0.0; 3];
        m.loglik_grad(&rows, Some(&mut g));
        let mut f = |lp: &[f64]| GammaGamma { p: lp[0].exp(), q: lp[1].exp(), v: lp[2].exp() }.loglik_grad(&rows, None);
        let mut num = [0.0; 3];
        super::super::optimize::numerical_gradient(&mut f, &[3f64.ln(), 2.5f64.ln(), 12f64.ln()], 1e-6, &mut num);
        for k in 0..3 {
            assert!((g[k] - num[k]).abs() < 1e-6 * (1.0 + num[k].abs()), "k={k}");
        }
    }
}
