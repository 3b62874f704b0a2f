//! The MBG/NBD model (modified BG/NBD).
//!
//! Source: Batislam, Denizel & Filiztekin (2007), "Empirical validation and comparison of models
//! for customer base analysis", International Journal of Research in Marketing 24(3) 201-209
//! (<https://doi.org/10.1016/j.ijresmar.2006.12.005>); the formulas as implemented by lifetimes'
//! `ModifiedBetaGeoFitter`. Like the [BG/NBD](super::bgnbd), but a customer may also drop out right
//! after the first purchase, so one-time buyers get a P(alive) below 1.
//!
//! No published CDNOW estimates exist; `tests/clv_cdnow.rs` compares with lifetimes 0.11.3
//! (r 0.5248, α 6.1831, a 0.8914, b 1.6140, ℓ −9582.1357).

use super::bgnbd::{bg_family_loglik_grad, BgNbd};
use super::fit::{fit_log_params_from, purchase_model_error, runaway_parameter, FitInfo, Rfm};
use super::special::{inv_one_plus_exp, ln_hyp2f1_positive};
use super::summary::CustomerSummary;
use super::PurchaseModel;
use serde::Serialize;

purchase_model_error!(MbgNbdError, "MBG/NBD");

/// MBG/NBD parameters, named as in the BG/NBD: λ ~ Gamma(`r`, `alpha`), p ~ Beta(`a`, `b`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MbgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

/// A fitted [`MbgNbd`] with how the fit went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MbgNbdFit {
    pub params: MbgNbd,
    /// Standard errors in the order r, alpha, a, b.
    pub info: FitInfo,
}

impl MbgNbd {
    /// Checks that all parameters are finite and positive.
    ///
    /// # Errors
    /// [`MbgNbdError::InvalidParameters`] otherwise.
    pub fn new(r: f64, alpha: f64, a: f64, b: f64) -> Result<MbgNbd, MbgNbdError> {
        if [r, alpha, a, b].iter().all(|v| v.is_finite() && *v > 0.0) {
            Ok(MbgNbd { r, alpha, a, b })
        } else {
            Err(MbgNbdError::InvalidParameters)
        }
    }

    fn as_bg(&self) -> BgNbd {
        BgNbd { r: self.r, alpha: self.alpha, a: self.a, b: self.b }
    }

    /// Total log-likelihood of `customers` (all constants, customers' time unit):
    /// ℓ_i = lnΓ(r+x) − lnΓ(r) + r ln α + ln B(a, b+x+1) − ln B(a, b)
    ///       + ln[(α+T)^−(r+x) + a/(b+x) (α+t_x)^−(r+x)].
    /// NaN for invalid parameters.
    pub fn log_likelihood(&self, customers: &[CustomerSummary]) -> f64 {
        if ![self.r, self.alpha, self.a, self.b].iter().all(|v| v.is_finite() && *v > 0.0) {
            return f64::NAN;
        }
        match Rfm::unchecked(customers) {
            Some(d) => bg_family_loglik_grad(self.as_bg(), &d, None, true),
            None => f64::NAN,
        }
    }

    /// Maximum-likelihood fit (BFGS with analytic gradient on log-parameters, three starts,
    /// standard errors from central differences of the analytic gradient).
    ///
    /// # Errors
    /// As [`BgNbd::fit`](super::BgNbd::fit), in [`MbgNbdError`].
    pub fn fit(customers: &[CustomerSummary]) -> Result<MbgNbdFit, MbgNbdError> {
        Self::fit_rfm(Rfm::new(customers)?)
    }

    /// [`Self::fit`] on a grouped summary (each group weighs its `count` customers): the same
    /// estimates, bit for bit, as on the customers the groups stand for.
    ///
    /// # Errors
    /// As [`Self::fit`].
    pub fn fit_groups(groups: &[crate::metrics::clv::summary::PurchaseGroup]) -> Result<MbgNbdFit, MbgNbdError> {
        Self::fit_rfm(Rfm::from_groups(groups)?)
    }

    pub(crate) fn fit_rfm(d: Rfm) -> Result<MbgNbdFit, MbgNbdError> {
        Self::fit_rfm_from(d, None)
    }

    /// [`Self::fit_rfm`] started from the BG/NBD's estimates on the same data when given (the
    /// two models differ only in the dropout at the first purchase, so their optima are close and
    /// the screening of three starts is skipped; see [`fit_log_params_from`]).
    pub(crate) fn fit_rfm_from(d: Rfm, bg: Option<BgNbd>) -> Result<MbgNbdFit, MbgNbdError> {
        let scale = d.max_t().max(1e-9);
        let starts = vec![vec![1.0, scale, 1.0, 1.0], vec![0.5, 0.1 * scale, 0.5, 2.0], vec![1.0, 0.01 * scale, 2.0, 0.5]];
        let nll = |lp: &[f64], g: &mut [f64]| {
            let m = BgNbd { r: lp[0].exp(), alpha: lp[1].exp(), a: lp[2].exp(), b: lp[3].exp() };
            let mut gr = [0.0; 4];
            let ll = bg_family_loglik_grad(m, &d, Some(&mut gr), true);
            for k in 0..4 {
                g[k] = -gr[k];
            }
            if ll.is_finite() {
                -ll
            } else {
                f64::INFINITY
            }
        };
        let warm = bg.map(|p| [p.r, p.alpha, p.a, p.b]);
        let (theta, info) = fit_log_params_from(nll, warm.as_ref().map(|w| &w[..]), &starts).ok_or(MbgNbdError::FitFailed)?;
        if let Some(k) = runaway_parameter(&theta) {
            return Err(MbgNbdError::Degenerate { parameter: ["r", "alpha", "a", "b"][k], value: theta[k] });
        }
        Ok(MbgNbdFit { params: MbgNbd { r: theta[0], alpha: theta[1], a: theta[2], b: theta[3] }, info })
    }
}

fn a_off_one(a: f64) -> f64 {
    if (a - 1.0).abs() < 1e-7 {
        1.0 + 1e-7
    } else {
        a
    }
}

impl PurchaseModel for MbgNbd {
    fn model_name(&self) -> &'static str {
        "MBG/NBD"
    }

    fn param_names(&self) -> &'static [&'static str] {
        &["r", "alpha", "a", "b"]
    }

    fn params(&self) -> Vec<f64> {
        vec![self.r, self.alpha, self.a, self.b]
    }

    fn with_params(&self, p: &[f64]) -> Self {
        MbgNbd { r: p[0], alpha: p[1], a: p[2], b: p[3] }
    }

    /// E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))] (Batislam et al. 2007).
    fn expected_purchases(&self, t: f64) -> f64 {
        if t.is_nan() || t <= 0.0 {
            return 0.0;
        }
        let MbgNbd { r, alpha, b, .. } = *self;
        let a = a_off_one(self.a);
        let ln_c = alpha.ln() - (alpha + t).ln();
        b / (a - 1.0) * -(r * ln_c + ln_hyp2f1_positive(r, b + 1.0, a + b, t / (alpha + t))).exp_m1()
    }

    /// P(alive | x, t_x, T) = 1 / (1 + a/(b+x) ((α+T)/(α+t_x))^(r+x)), below 1 also for x = 0.
    fn p_alive(&self, x: f64, t_x: f64, t_cal: f64) -> f64 {
        let MbgNbd { r, alpha, a, b } = *self;
        inv_one_plus_exp(a.ln() - (b + x).ln() + (r + x) * ((alpha + t_cal).ln() - (alpha + t_x).ln()))
    }

    /// E[Y(t) | x, t_x, T] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x)
    /// ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] · P(alive).
    fn conditional_expected_purchases(&self, t: f64, x: f64, t_x: f64, t_cal: f64) -> f64 {
        if t.is_nan() || t <= 0.0 {
            return 0.0;
        }
        let MbgNbd { r, alpha, b, .. } = *self;
        let a = a_off_one(self.a);
        let ln_c = (alpha + t_cal).ln() - (alpha + t_cal + t).ln();
        let bracket = -((r + x) * ln_c + ln_hyp2f1_positive(r + x, b + x + 1.0, a + b + x, t / (alpha + t_cal + t))).exp_m1();
        (a + b + x) / (a - 1.0) * bracket * self.p_alive(x, t_x, t_cal)
    }

    fn conditional_expected_purchases_at(&self, ts: &[f64], x: f64, t_x: f64, t_cal: f64, out: &mut [f64]) {
        let MbgNbd { r, alpha, b, .. } = *self;
        let a = a_off_one(self.a);
        super::bgnbd::conditional_brackets(r + x, alpha + t_cal, r + x, b + x + 1.0, a + b + x, ts, out);
        let f = (a + b + x) / (a - 1.0) * self.p_alive(x, t_x, t_cal);
        out.iter_mut().for_each(|o| *o *= f);
    }

    fn for_each_conditional(&self, ts: &[f64], rows: &[(f64, f64, f64)], f: &mut dyn FnMut(usize, &[f64])) {
        let MbgNbd { r, alpha, b, .. } = *self;
        let a = a_off_one(self.a);
        super::bgnbd::for_each_by_x_t(
            ts,
            rows,
            |x, t_cal, out| super::bgnbd::conditional_brackets(r + x, alpha + t_cal, r + x, b + x + 1.0, a + b + x, ts, out),
            |x, t_x, t_cal| (a + b + x) / (a - 1.0) * self.p_alive(x, t_x, t_cal),
            f,
        );
    }
}
