//! The BG/NBD model ("beta-geometric / negative binomial distribution").
//!
//! Source: Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way: An Alternative to
//! the Pareto/NBD Model", Marketing Science 24(2) 275-284
//! (<https://brucehardie.com/papers/018/fader_et_al_mksc_05.pdf>), and the implementation note
//! <https://brucehardie.com/notes/004/>. While alive a customer buys at Poisson rate λ ~ Gamma(r, α);
//! after each repeat purchase the customer drops out with probability p ~ Beta(a, b).
//!
//! On the CDNOW 1/10 sample (weeks, calibration end 1997-09-30) the paper reports r = 0.243,
//! α = 4.414, a = 0.793, b = 2.426, ℓ = −9582.4; `tests/clv_cdnow.rs` checks this fit.

use super::fit::{fit_log_params, purchase_model_error, runaway_parameter, FitInfo, Rfm};
use super::special::{digamma, hyp2f1, inv_one_plus_exp, ln_gamma, ln_hyp2f1_positive, ln_hyp2f1_positive_many};
use super::summary::CustomerSummary;
use super::PurchaseModel;
use serde::Serialize;

purchase_model_error!(BgNbdError, "BG/NBD");

/// BG/NBD parameters: purchase rate λ ~ Gamma(shape `r`, rate `alpha`) (alpha in the fit's time
/// unit); drop-out probability p ~ Beta(`a`, `b`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

/// A fitted [`BgNbd`] with how the fit went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BgNbdFit {
    pub params: BgNbd,
    /// Standard errors in the order r, alpha, a, b.
    pub info: FitInfo,
}

/// Per-frequency terms of the log-likelihood and their derivatives.
struct PerX {
    a1: f64,
    a2: f64,
    ln_b_x1: f64,
    inv_b_x1: f64,
    d_r: f64,
    d_a: f64,
    d_b: f64,
}

impl BgNbd {
    /// Parameters in the order r, alpha, a, b.
    pub fn to_vec(&self) -> Vec<f64> {
        vec![self.r, self.alpha, self.a, self.b]
    }

    fn from_slice(p: &[f64]) -> BgNbd {
        BgNbd { r: p[0], alpha: p[1], a: p[2], b: p[3] }
    }

    fn valid(&self) -> bool {
        self.to_vec().iter().all(|v| v.is_finite() && *v > 0.0)
    }

    /// Checks that all parameters are finite and positive.
    ///
    /// # Errors
    /// [`BgNbdError::InvalidParameters`] otherwise.
    pub fn new(r: f64, alpha: f64, a: f64, b: f64) -> Result<BgNbd, BgNbdError> {
        let m = BgNbd { r, alpha, a, b };
        if m.valid() {
            Ok(m)
        } else {
            Err(BgNbdError::InvalidParameters)
        }
    }

    /// Log-likelihood ℓ and gradient with respect to (ln r, ln α, ln a, ln b).
    ///
    /// Per customer (FHL 2005 eq. 6, in the log form of note 004):
    /// ℓ_i = lnΓ(r+x) − lnΓ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
    ///       + ln[(α+T)^−(r+x) + 𝟙(x>0) a/(b+x−1) (α+t_x)^−(r+x)].
    fn loglik_grad(&self, d: &Rfm, grad: Option<&mut [f64; 4]>) -> f64 {
        bg_family_loglik_grad(*self, d, grad, false)
    }
}

/// Log-likelihood and gradient (w.r.t. log-parameters) of the BG/NBD (`modified == false`) or
/// the MBG/NBD (`modified == true`, Batislam, Denizel & Filiztekin 2007: a drop-out chance also
/// right after the first purchase, so the second term is present for x = 0 too and b+x−1 becomes
/// b+x):
/// ℓ_i = lnΓ(r+x) − lnΓ(r) + r ln α + ln B(a, b+x+m) − ln B(a, b)
///       + ln[(α+T)^−(r+x) + 𝟙(x>0 or m=1) a/(b+x+m−1) (α+t_x)^−(r+x)],  m = 1 if modified else 0.
pub(crate) fn bg_family_loglik_grad(p: BgNbd, d: &Rfm, grad: Option<&mut [f64; 4]>, modified: bool) -> f64 {
    {
        let BgNbd { r, alpha, a, b } = p;
        let m = if modified { 1.0 } else { 0.0 };
        let want_grad = grad.is_some();
        let per_x: Vec<PerX> = d
            .distinct_x
            .iter()
            .map(|&x| PerX {
                a1: ln_gamma(r + x) - ln_gamma(r),
                a2: ln_gamma(a + b) + ln_gamma(b + x + m) - ln_gamma(b) - ln_gamma(a + b + x + m),
                ln_b_x1: if x + m > 0.0 { (b + x + m - 1.0).ln() } else { 0.0 },
                inv_b_x1: if x + m > 0.0 { 1.0 / (b + x + m - 1.0) } else { 0.0 },
                d_r: if want_grad { digamma(r + x) - digamma(r) } else { 0.0 },
                d_a: if want_grad { digamma(a + b) - digamma(a + b + x + m) } else { 0.0 },
                d_b: if want_grad { digamma(a + b) + digamma(b + x + m) - digamma(b) - digamma(a + b + x + m) } else { 0.0 },
            })
            .collect();
        let (ln_alpha, ln_a) = (alpha.ln(), a.ln());
        let ln_times: Vec<f64> = d.times.iter().map(|v| (alpha + v).ln()).collect();
        // 1/(α + time) once per distinct time, for the gradient's α terms.
        let inv_times: Vec<f64> = if want_grad { d.times.iter().map(|v| 1.0 / (alpha + v)).collect() } else { Vec::new() };
        let (r_over_alpha, inv_a) = (r / alpha, 1.0 / a);
        let mut ll = 0.0;
        let mut g = [0.0; 4];
        for i in 0..d.x.len() {
            let x = d.x[i];
            let px = &per_x[d.x_index[i]];
            let ln_at = ln_times[d.t_at[i] as usize];
            let a3 = -(r + x) * ln_at;
            let second = x > 0.0 || modified;
            // lse = ln(e^a3 + e^a4) and the two terms' shares w3 + w4 = 1 from one exp:
            // with e = e^(lo − hi), lse = hi + ln(1 + e), shares 1/(1+e) and e/(1+e).
            let (lse, w3, w4, ln_atx) = if second {
                let ln_atx = ln_times[d.tx_at[i] as usize];
                let a4 = ln_a - px.ln_b_x1 - (r + x) * ln_atx;
                let (hi, lo) = if a3 >= a4 { (a3, a4) } else { (a4, a3) };
                let e = (lo - hi).exp();
                let w_hi = 1.0 / (1.0 + e);
                let w_lo = e * w_hi;
                let (w3, w4) = if a3 >= a4 { (w_hi, w_lo) } else { (w_lo, w_hi) };
                // ln(1 + e) with e in (0, 1]: rounding 1 + e costs at most ~1e-16 absolute, far
                // below ℓ's own rounding, and `ln` is several times cheaper than `ln_1p`.
                (hi + (1.0 + e).ln(), w3, w4, ln_atx)
            } else {
                (a3, 1.0, 0.0, 0.0)
            };
            let wi = d.w[i];
            ll += wi * (px.a1 + r * ln_alpha + px.a2 + lse);
            if want_grad {
                let mut gi = [0.0; 4];
                gi[0] = px.d_r + ln_alpha - w3 * ln_at - w4 * ln_atx;
                let inv_at = inv_times[d.t_at[i] as usize];
                let inv_atx = if second { inv_times[d.tx_at[i] as usize] } else { 0.0 };
                gi[1] = r_over_alpha - (r + x) * (w3 * inv_at + w4 * inv_atx);
                gi[2] = px.d_a + w4 * inv_a;
                gi[3] = px.d_b - if second { w4 * px.inv_b_x1 } else { 0.0 };
                for k in 0..4 {
                    g[k] += wi * gi[k];
                }
            }
        }
        if let Some(out) = grad {
            let th = [r, alpha, a, b];
            for k in 0..4 {
                out[k] = g[k] * th[k];
            }
        }
        ll
    }
}

impl BgNbd {
    /// Total log-likelihood of `customers` under these parameters (all constants included,
    /// in the customers' time unit). Returns NaN for invalid parameters or summaries.
    pub fn log_likelihood(&self, customers: &[CustomerSummary]) -> f64 {
        if !self.valid() {
            return f64::NAN;
        }
        match Rfm::unchecked(customers) {
            Some(d) => self.loglik_grad(&d, None),
            None => f64::NAN,
        }
    }

    /// Maximum-likelihood fit on the customer summary (BFGS with analytic gradient on the
    /// log-parameters, three starting points, standard errors from central differences of the analytic gradient).
    ///
    /// # Errors
    /// - [`BgNbdError::TooFewCustomers`], [`BgNbdError::TooFewRepeatCustomers`],
    ///   [`BgNbdError::NoObservationTime`], [`BgNbdError::InvalidSummary`]: data checks before fitting.
    /// - [`BgNbdError::FitFailed`], [`BgNbdError::Degenerate`]: the optimum is not an interior,
    ///   finite point (for example a → ∞ when nobody seems to drop out).
    pub fn fit(customers: &[CustomerSummary]) -> Result<BgNbdFit, BgNbdError> {
        Self::fit_rfm(Rfm::new(customers)?)
    }

    /// [`Self::fit`] on a grouped summary (each group weighs its `count` customers): the same
    /// estimates, bit for bit, as on the customers the groups stand for.
    ///
    /// # Errors
    /// As [`Self::fit`].
    pub fn fit_groups(groups: &[crate::metrics::clv::summary::PurchaseGroup]) -> Result<BgNbdFit, BgNbdError> {
        Self::fit_rfm(Rfm::from_groups(groups)?)
    }

    pub(crate) fn fit_rfm(d: Rfm) -> Result<BgNbdFit, BgNbdError> {
        let scale = d.max_t().max(1e-9);
        let starts = vec![vec![1.0, scale, 1.0, 1.0], vec![0.5, 0.1 * scale, 0.5, 2.0], vec![1.0, 0.01 * scale, 2.0, 0.5]];
        let nll = |lp: &[f64], g: &mut [f64]| {
            let m = BgNbd::from_slice(&lp.iter().map(|v| v.exp()).collect::<Vec<_>>());
            let mut gr = [0.0; 4];
            let ll = m.loglik_grad(&d, Some(&mut gr));
            for k in 0..4 {
                g[k] = -gr[k];
            }
            if ll.is_finite() {
                -ll
            } else {
                f64::INFINITY
            }
        };
        let (theta, info) = fit_log_params(nll, &starts).ok_or(BgNbdError::FitFailed)?;
        if let Some(k) = runaway_parameter(&theta) {
            return Err(BgNbdError::Degenerate { parameter: ["r", "alpha", "a", "b"][k], value: theta[k] });
        }
        Ok(BgNbdFit { params: BgNbd::from_slice(&theta), info })
    }
}

/// `a` nudged off 1, where (…)/(a−1) in the expectations is 0/0 (its limit is approached to ~1e-7).
fn a_off_one(a: f64) -> f64 {
    if (a - 1.0).abs() < 1e-7 {
        1.0 + 1e-7
    } else {
        a
    }
}

/// 1 − c^k ₂F₁(aa, bb; cc; z) with ln c given, choosing the positive-term log series when possible.
fn one_minus_scaled_hyp(k: f64, ln_c: f64, aa: f64, bb: f64, cc: f64, z: f64) -> f64 {
    if cc > 0.0 {
        -(k * ln_c + ln_hyp2f1_positive(aa, bb, cc, z)).exp_m1()
    } else {
        1.0 - (k * ln_c).exp() * hyp2f1(aa, bb, cc, z)
    }
}

/// For each horizon t of `ts`: 1 − ((α+T)/(α+T+t))^k ₂F₁(aa, bb; cc; t/(α+T+t)), the bracket
/// of the BG-family conditional expectations, into `out`; 0 for t <= 0 or NaN. With cc > 0 all
/// horizons share one pass of the positive series ([`ln_hyp2f1_positive_many`]).
pub(crate) fn conditional_brackets(k: f64, alpha_t: f64, aa: f64, bb: f64, cc: f64, ts: &[f64], out: &mut [f64]) {
    const MAX: usize = 64;
    let mut zs = [0.0; MAX];
    let mut lns = [0.0; MAX];
    for (tc, oc) in ts.chunks(MAX).zip(out.chunks_mut(MAX)) {
        let n = tc.len();
        for (i, &t) in tc.iter().enumerate() {
            // z outside [0, 1) for t <= 0 gives NaN; those are set to 0 below.
            zs[i] = if t > 0.0 { t / (alpha_t + t) } else { f64::NAN };
            lns[i] = alpha_t.ln() - (alpha_t + t).ln();
        }
        if cc > 0.0 {
            ln_hyp2f1_positive_many(aa, bb, cc, &zs[..n], &mut oc[..n]);
            for i in 0..n {
                oc[i] = -(k * lns[i] + oc[i]).exp_m1();
            }
        } else {
            for i in 0..n {
                oc[i] = one_minus_scaled_hyp(k, lns[i], aa, bb, cc, zs[i]);
            }
        }
        for (o, &t) in oc.iter_mut().zip(tc) {
            if t.is_nan() || t <= 0.0 {
                *o = 0.0;
            }
        }
    }
}

/// [`PurchaseModel::for_each_conditional`] of a BG-family model whose E[Y(t) | x, t_x, T] is
/// `bracket(x, T)` (written into its slice, one value per horizon) times `scale(x, t_x, T)`:
/// rows are visited sorted by (x, T), and the brackets are computed once per distinct pair.
pub(crate) fn for_each_by_x_t(ts: &[f64], rows: &[(f64, f64, f64)], bracket: impl Fn(f64, f64, &mut [f64]), scale: impl Fn(f64, f64, f64) -> f64, f: &mut dyn FnMut(usize, &[f64])) {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_unstable_by(|&i, &j| rows[i].0.total_cmp(&rows[j].0).then(rows[i].2.total_cmp(&rows[j].2)));
    let mut br = vec![0.0; ts.len()];
    let mut e = vec![0.0; ts.len()];
    let mut last: Option<(u64, u64)> = None;
    for i in order {
        let (x, t_x, t_cal) = rows[i];
        let key = (x.to_bits(), t_cal.to_bits());
        if last != Some(key) {
            bracket(x, t_cal, &mut br);
            last = Some(key);
        }
        let k = scale(x, t_x, t_cal);
        for (e, b) in e.iter_mut().zip(&br) {
            *e = b * k;
        }
        f(i, &e);
    }
}

impl PurchaseModel for BgNbd {
    fn model_name(&self) -> &'static str {
        "BG/NBD"
    }

    fn param_names(&self) -> &'static [&'static str] {
        &["r", "alpha", "a", "b"]
    }

    fn params(&self) -> Vec<f64> {
        self.to_vec()
    }

    fn with_params(&self, p: &[f64]) -> Self {
        BgNbd::from_slice(p)
    }

    /// E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))] (FHL 2005 eq. 9).
    /// When a+b ≤ 1 the series has terms of both signs and is summed directly.
    fn expected_purchases(&self, t: f64) -> f64 {
        if t.is_nan() || t <= 0.0 {
            return 0.0;
        }
        let BgNbd { r, alpha, b, .. } = *self;
        let a = a_off_one(self.a);
        let z = t / (alpha + t);
        (a + b - 1.0) / (a - 1.0) * one_minus_scaled_hyp(r, alpha.ln() - (alpha + t).ln(), r, b, a + b - 1.0, z)
    }

    /// P(alive | x, t_x, T) = 1 / (1 + 𝟙(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)) (FHL 2005 eq. 11).
    ///
    /// For x = 0 this is 1 by the model's construction (drop-out can only happen right after a
    /// repeat purchase), the convention of lifetimes. It does NOT mean one-time buyers are known
    /// to be active: it means the BG/NBD cannot tell; use the Pareto/NBD or MBG/NBD P(alive) for
    /// them.
    fn p_alive(&self, x: f64, t_x: f64, t_cal: f64) -> f64 {
        if x <= 0.0 {
            return 1.0;
        }
        let BgNbd { r, alpha, a, b } = *self;
        inv_one_plus_exp(a.ln() - (b + x - 1.0).ln() + (r + x) * ((alpha + t_cal).ln() - (alpha + t_x).ln()))
    }

    /// E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x)
    /// ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive) (FHL 2005 eq. 10).
    fn conditional_expected_purchases(&self, t: f64, x: f64, t_x: f64, t_cal: f64) -> f64 {
        if t.is_nan() || t <= 0.0 {
            return 0.0;
        }
        let BgNbd { r, alpha, b, .. } = *self;
        let a = a_off_one(self.a);
        let z = t / (alpha + t_cal + t);
        let ln_c = (alpha + t_cal).ln() - (alpha + t_cal + t).ln();
        let bracket = one_minus_scaled_hyp(r + x, ln_c, r + x, b + x, a + b + x - 1.0, z);
        (a + b + x - 1.0) / (a - 1.0) * bracket * self.p_alive(x, t_x, t_cal)
    }

    fn conditional_expected_purchases_at(&self, ts: &[f64], x: f64, t_x: f64, t_cal: f64, out: &mut [f64]) {
        let BgNbd { r, alpha, b, .. } = *self;
        let a = a_off_one(self.a);
        conditional_brackets(r + x, alpha + t_cal, r + x, b + x, a + b + x - 1.0, ts, out);
        let f = (a + b + x - 1.0) / (a - 1.0) * self.p_alive(x, t_x, t_cal);
        out.iter_mut().for_each(|o| *o *= f);
    }

    fn for_each_conditional(&self, ts: &[f64], rows: &[(f64, f64, f64)], f: &mut dyn FnMut(usize, &[f64])) {
        let BgNbd { r, alpha, b, .. } = *self;
        let a = a_off_one(self.a);
        for_each_by_x_t(
            ts,
            rows,
            |x, t_cal, out| conditional_brackets(r + x, alpha + t_cal, r + x, b + x, a + b + x - 1.0, ts, out),
            |x, t_x, t_cal| (a + b + x - 1.0) / (a - 1.0) * self.p_alive(x, t_x, t_cal),
            f,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analytic_gradient_matches_numerical() {
        let d = Rfm {
            w: vec![1.0, 2.0, 1.0, 3.0],
            x: vec![0.0, 1.0, 3.0, 7.0],
            tx: vec![0.0, 2.0, 10.0, 30.0],
            t: vec![20.0, 30.0, 35.0, 31.0],
            distinct_x: vec![0.0, 1.0, 3.0, 7.0],
            x_index: vec![0, 1, 2, 3],
            times: vec![],
            tx_at: vec![],
            t_at: vec![],
        }
        .with_time_index();
        let m = BgNbd { r: 0.4, alpha: 5.0, a: 0.8, b: 2.5 };
        let mut g = [0.0; 4];
        m.loglik_grad(&d, Some(&mut g));
        let mut f = |lp: &[f64]| BgNbd::from_slice(&lp.iter().map(|v| v.exp()).collect::<Vec<_>>()).loglik_grad(&d, None);
        let mut num = [0.0; 4];
        super::super::optimize::numerical_gradient(&mut f, &m.to_vec().iter().map(|v| v.ln()).collect::<Vec<_>>(), 1e-6, &mut num);
        for k in 0..4 {
            assert!((g[k] - num[k]).abs() < 1e-6 * (1.0 + num[k].abs()), "k={k}: {} vs {}", g[k], num[k]);
        }
    }

    #[test]
    fn many_horizons_equal_one_at_a_time() {
        let ts = [-1.0, 0.0, 0.5, 4.345, 13.0, 52.14, 200.0, f64::NAN];
        for m in [BgNbd { r: 0.243, alpha: 4.41, a: 0.793, b: 2.43 }, BgNbd { r: 2.0, alpha: 30.0, a: 0.2, b: 0.3 }] {
            for (x, tx, t) in [(0.0, 0.0, 30.0), (0.0, 0.0, 0.0), (3.0, 20.0, 38.0), (60.0, 77.9, 78.0)] {
                let mut out = [0.0; 8];
                m.conditional_expected_purchases_at(&ts, x, tx, t, &mut out);
                for (t_i, o) in ts.iter().zip(out) {
                    let one = m.conditional_expected_purchases(*t_i, x, tx, t);
                    assert!((one - o).abs() <= 1e-14 * one.abs().max(1e-300), "{m:?} x={x} t={t_i}: {one} vs {o}");
                }
            }
        }
    }

    #[test]
    fn rows_sharing_x_and_t_get_their_own_p_alive() {
        let m = BgNbd { r: 0.243, alpha: 4.41, a: 0.793, b: 2.43 };
        let ts = [4.345, 39.0];
        let rows = [(3.0, 20.0, 38.0), (0.0, 0.0, 30.0), (3.0, 37.0, 38.0), (3.0, 20.0, 38.0), (1.0, 2.0, 38.0)];
        let mut seen = vec![0; rows.len()];
        m.for_each_conditional(&ts, &rows, &mut |i, e| {
            seen[i] += 1;
            for (t, v) in ts.iter().zip(e) {
                let (x, tx, tc) = rows[i];
                let want = m.conditional_expected_purchases(*t, x, tx, tc);
                assert!((want - v).abs() <= 1e-14 * want, "row {i} t={t}: {want} vs {v}");
            }
        });
        assert_eq!(seen, vec![1; rows.len()]);
    }

    #[test]
    fn a_equal_one_is_finite() {
        let m = BgNbd { r: 0.3, alpha: 4.0, a: 1.0, b: 2.0 };
        let v = m.expected_purchases(10.0);
        assert!(v.is_finite() && v > 0.0);
        assert!(m.conditional_expected_purchases(10.0, 2.0, 5.0, 20.0).is_finite());
    }
}
