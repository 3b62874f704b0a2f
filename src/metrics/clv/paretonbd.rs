//! The Pareto/NBD model.
//!
//! Source: Schmittlein, Morrison & Colombo (1987), "Counting Your Customers: Who Are They and
//! What Will They Do Next?", Management Science 33(1) 1-24; likelihood and conditional
//! expectations in the form of Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and
//! Related Expressions" (<https://brucehardie.com/notes/009/pareto_nbd_derivations_2005-11-05.pdf>).
//! While alive a customer buys at Poisson rate λ ~ Gamma(r, α); the lifetime is exponential with
//! rate μ ~ Gamma(s, β).
//!
//! On the CDNOW 1/10 sample (weeks) the reference values are r = 0.553, α = 10.578, s = 0.606,
//! β = 11.669, ℓ = −9595.0 (R BTYD); the likelihood is very flat in β, so fits of careful
//! optimisers agree only to ~1e-4 relative.
//!
//! ## The hypergeometric term
//! The likelihood needs A₀ = F(t_x)/(m+t_x)^k − F(T)/(m+T)^k with k = r+s+x, m = max(α, β) and
//! F(t) = ₂F₁(k, b̃; k+1; |α−β|/(m+t)), b̃ = s+1 when α ≥ β and r+x otherwise (note 009 eq. 22-23).
//! The argument lies in [0, 1); we apply Euler's transformation
//! ₂F₁(k, b̃; k+1; z) = (1−z)^(1−b̃) ₂F₁(1, k+1−b̃; k+1; z) (Abramowitz & Stegun 15.3.3), whose series
//! has only positive terms (no cancellation) with ratios below z, so a rigorous tail bound stops
//! it; 1−z = (min(α,β)+t)/(m+t) is formed without subtraction, and the difference of the two
//! terms is taken in log space (ln(e^u − e^v) = u + ln(1 − e^(v−u))).

use super::fit::{fit_log_params, purchase_model_error, runaway_parameter, FitInfo, Rfm};
use super::special::{digamma, inv_one_plus_exp, ln_add_exp, ln_gamma, ln_hyp2f1_1_grad, ln_hyp2f1_positive, ln_hyp2f1_positive_many, ln_sub_exp};
use super::summary::CustomerSummary;
use super::PurchaseModel;
use serde::Serialize;

purchase_model_error!(ParetoNbdError, "Pareto/NBD");

/// Pareto/NBD parameters: purchase rate λ ~ Gamma(`r`, `alpha`); drop-out rate μ ~ Gamma(`s`,
/// `beta`); alpha and beta in the fit's time unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ParetoNbd {
    pub r: f64,
    pub alpha: f64,
    pub s: f64,
    pub beta: f64,
}

/// A fitted [`ParetoNbd`] with how the fit went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParetoNbdFit {
    pub params: ParetoNbd,
    /// Standard errors in the order r, alpha, s, beta.
    pub info: FitInfo,
}

impl ParetoNbd {
    /// Checks that all parameters are finite and positive.
    ///
    /// # Errors
    /// [`ParetoNbdError::InvalidParameters`] otherwise.
    pub fn new(r: f64, alpha: f64, s: f64, beta: f64) -> Result<ParetoNbd, ParetoNbdError> {
        if [r, alpha, s, beta].iter().all(|v| v.is_finite() && *v > 0.0) {
            Ok(ParetoNbd { r, alpha, s, beta })
        } else {
            Err(ParetoNbdError::InvalidParameters)
        }
    }

    /// The branch of the hypergeometric term for frequency `x`: (min(α, β), max(α, β), b̃, k).
    fn branch(&self, x: f64) -> (f64, f64, f64, f64) {
        let ParetoNbd { r, alpha, s, beta } = *self;
        let (lo, hi, b_tilde) = if alpha >= beta { (beta, alpha, s + 1.0) } else { (alpha, beta, r + x) };
        (lo, hi, b_tilde, r + s + x)
    }

    /// One of A₀'s two terms, ln[F(t)/(m+t)^k] after Euler's transformation, given the
    /// hypergeometric series' value `ln_f` at z = |α−β|/(m+t).
    fn ln_term(lo: f64, hi: f64, b_tilde: f64, k: f64, t: f64, ln_f: f64) -> f64 {
        let ln_hi_t = (hi + t).ln();
        (1.0 - b_tilde) * ((lo + t).ln() - ln_hi_t) + ln_f - k * ln_hi_t
    }

    /// ln A₀ from its two terms at t_x (`u`) and T (`v`).
    fn ln_a0_of(u: f64, v: f64) -> f64 {
        if v >= u {
            // t_x == T, or rounding when they are a hair apart: A0 is (numerically) zero.
            return f64::NEG_INFINITY;
        }
        ln_sub_exp(u, v)
    }

    /// ln A₀(x, t_x, T) (see the module docs); −∞ when t_x == T (A₀ = 0).
    fn ln_a0(&self, x: f64, t_x: f64, t_cal: f64) -> f64 {
        let (lo, hi, b_tilde, k) = self.branch(x);
        let diff = hi - lo;
        let term = |t: f64| Self::ln_term(lo, hi, b_tilde, k, t, ln_hyp2f1_positive(1.0, k + 1.0 - b_tilde, k + 1.0, diff / (hi + t)));
        Self::ln_a0_of(term(t_x), term(t_cal))
    }

    /// ln of the second term's weight against the first: ln[s/(r+s+x) (α+T)^(r+x) (β+T)^s A₀].
    fn ln_ratio(&self, x: f64, t_x: f64, t_cal: f64) -> f64 {
        let ParetoNbd { r, alpha, s, beta } = *self;
        s.ln() - (r + s + x).ln() + (r + x) * (alpha + t_cal).ln() + s * (beta + t_cal).ln() + self.ln_a0(x, t_x, t_cal)
    }

    /// One customer's log-likelihood (note 009 eq. 22), given ln A₀:
    /// ℓ_i = lnΓ(r+x) − lnΓ(r) + r ln α + s ln β + ln[(α+T)^−(r+x) (β+T)^−s + s/(r+s+x) A₀].
    #[cfg(test)]
    fn customer_loglik(&self, x: f64, t_cal: f64, ln_gamma_ratio: f64, ln_a0: f64) -> f64 {
        let ParetoNbd { r, alpha, s, beta } = *self;
        let logs = Logs { r_ln_alpha: r * alpha.ln(), s_ln_beta: s * beta.ln(), ln_s: s.ln() };
        self.customer_loglik_with(&logs, x, (alpha + t_cal).ln(), (beta + t_cal).ln(), (r + s + x).ln(), ln_gamma_ratio, ln_a0)
    }

    /// [`Self::customer_loglik`] with the logarithms given: ln(α+T), ln(β+T), ln(r+s+x) and
    /// the parameters' own (`logs`).
    #[allow(clippy::too_many_arguments)]
    fn customer_loglik_with(&self, logs: &Logs, x: f64, ln_alpha_t: f64, ln_beta_t: f64, ln_k: f64, ln_gamma_ratio: f64, ln_a0: f64) -> f64 {
        let ParetoNbd { r, s, .. } = *self;
        let first = -(r + x) * ln_alpha_t - s * ln_beta_t;
        let second = logs.ln_s - ln_k + ln_a0;
        ln_gamma_ratio + logs.r_ln_alpha + logs.s_ln_beta + ln_add_exp(first, second)
    }

    /// The log-likelihood of the rows of `d`. A₀'s terms depend on a row only through its
    /// frequency and one of its two times, so they are computed once per distinct (x, time)
    /// pair of `pairs`, and the series of one frequency side by side (a few tens of thousands of
    /// series for a million-order shop instead of two per distinct row). Each row's value is
    /// the one [`Self::ln_a0`] gives.
    fn loglik_rfm(&self, d: &Rfm, pairs: &Pairs) -> f64 {
        let lg: Vec<f64> = d.distinct_x.iter().map(|&x| ln_gamma(self.r + x) - ln_gamma(self.r)).collect();
        let mut terms = vec![0.0; pairs.times.len()];
        let mut zs = Vec::new();
        for (xi, &x) in d.distinct_x.iter().enumerate() {
            let (lo, hi, b_tilde, k) = self.branch(x);
            let diff = hi - lo;
            let range = pairs.ends[xi]..pairs.ends[xi + 1];
            let times = &pairs.times[range.clone()];
            zs.clear();
            zs.extend(times.iter().map(|&ti| diff / (hi + d.times[ti as usize])));
            let out = &mut terms[range];
            ln_hyp2f1_positive_many(1.0, k + 1.0 - b_tilde, k + 1.0, &zs, out);
            for (o, &ti) in out.iter_mut().zip(times) {
                *o = Self::ln_term(lo, hi, b_tilde, k, d.times[ti as usize], *o);
            }
        }
        let ParetoNbd { r, alpha, s, beta } = *self;
        let logs = Logs { r_ln_alpha: r * alpha.ln(), s_ln_beta: s * beta.ln(), ln_s: s.ln() };
        let ln_k: Vec<f64> = d.distinct_x.iter().map(|&x| (r + s + x).ln()).collect();
        let ln_alpha_t: Vec<f64> = d.times.iter().map(|t| (alpha + t).ln()).collect();
        let ln_beta_t: Vec<f64> = d.times.iter().map(|t| (beta + t).ln()).collect();
        (0..d.x.len())
            .map(|i| {
                let ln_a0 = Self::ln_a0_of(terms[pairs.at_tx[i] as usize], terms[pairs.at_t[i] as usize]);
                let (xi, ti) = (d.x_index[i], d.t_at[i] as usize);
                d.w[i] * self.customer_loglik_with(&logs, d.x[i], ln_alpha_t[ti], ln_beta_t[ti], ln_k[xi], lg[xi], ln_a0)
            })
            .sum()
    }

    /// One of A₀'s terms at (x, t) with its partial derivatives in (r, α, s, β), from the
    /// series and its derivatives ([`ln_hyp2f1_1_grad`]): `[term, ∂r, ∂α, ∂s, ∂β]`.
    fn ln_term_grad(&self, x: f64, t: f64) -> [f64; 5] {
        let ParetoNbd { r, alpha, s, beta } = *self;
        let k = r + s + x;
        if alpha >= beta {
            // lo = β, hi = α, b̃ = s + 1: F = ₂F₁(1, r+x; k+1; (α−β)/(α+t)).
            let (l_hi, l_lo) = ((alpha + t).ln(), (beta + t).ln());
            let [ln_f, f_b, f_c, f_z] = ln_hyp2f1_1_grad(r + x, k + 1.0, (alpha - beta) / (alpha + t));
            let one_b = -s;
            [
                one_b * (l_lo - l_hi) + ln_f - k * l_hi,
                f_b + f_c - l_hi,
                -one_b / (alpha + t) + f_z * (beta + t) / ((alpha + t) * (alpha + t)) - k / (alpha + t),
                -(l_lo - l_hi) + f_c - l_hi,
                one_b / (beta + t) - f_z / (alpha + t),
            ]
        } else {
            // lo = α, hi = β, b̃ = r + x: F = ₂F₁(1, s+1; k+1; (β−α)/(β+t)).
            let (l_hi, l_lo) = ((beta + t).ln(), (alpha + t).ln());
            let [ln_f, f_b, f_c, f_z] = ln_hyp2f1_1_grad(s + 1.0, k + 1.0, (beta - alpha) / (beta + t));
            let one_b = 1.0 - (r + x);
            [
                one_b * (l_lo - l_hi) + ln_f - k * l_hi,
                -(l_lo - l_hi) + f_c - l_hi,
                one_b / (alpha + t) - f_z / (beta + t),
                f_b + f_c - l_hi,
                -one_b / (beta + t) + f_z * (alpha + t) / ((beta + t) * (beta + t)) - k / (beta + t),
            ]
        }
    }

    /// The log-likelihood of the rows of `d` and its gradient in the log-parameters (ln r,
    /// ln α, ln s, ln β), A₀'s terms once per distinct (x, time) pair of `pairs` (see
    /// [`Self::loglik_rfm`]):
    /// ∂ℓ_i/∂θ = ∂[lnΓ(r+x) − lnΓ(r) + r ln α + s ln β]/∂θ + w₁ ∂first/∂θ + w₂ ∂second/∂θ, with
    /// w₁, w₂ the two terms' shares of the last logarithm and ∂ln A₀ = (∂u − e^(v−u) ∂v)/(1 − e^(v−u)).
    fn loglik_grad_rfm(&self, d: &Rfm, pairs: &Pairs, grad: &mut [f64]) -> f64 {
        let ParetoNbd { r, alpha, s, beta } = *self;
        let terms: Vec<[f64; 5]> = (0..d.distinct_x.len())
            .flat_map(|xi| (pairs.ends[xi]..pairs.ends[xi + 1]).map(move |p| (xi, p)))
            .map(|(xi, p)| self.ln_term_grad(d.distinct_x[xi], d.times[pairs.times[p] as usize]))
            .collect();
        let per_x: Vec<(f64, f64)> = d.distinct_x.iter().map(|&x| (ln_gamma(r + x) - ln_gamma(r), digamma(r + x) - digamma(r))).collect();
        let (ln_alpha, ln_beta, ln_s) = (alpha.ln(), beta.ln(), s.ln());
        let (mut ll, mut g) = (0.0, [0.0; 4]);
        for i in 0..d.x.len() {
            let (x, t) = (d.x[i], d.t[i]);
            let k = r + s + x;
            let (lg, dlg) = per_x[d.x_index[i]];
            let (u, v) = (&terms[pairs.at_tx[i] as usize], &terms[pairs.at_t[i] as usize]);
            let (l_at, l_bt) = ((alpha + t).ln(), (beta + t).ln());
            let first = -(r + x) * l_at - s * l_bt;
            let d_first = [-l_at, -(r + x) / (alpha + t), -l_bt, -s / (beta + t)];
            let (second, d_a0) = if v[0] >= u[0] {
                (f64::NEG_INFINITY, [0.0; 4])
            } else {
                let q = (v[0] - u[0]).exp();
                let one_q = -(v[0] - u[0]).exp_m1();
                (ln_s - k.ln() + ln_sub_exp(u[0], v[0]), [1, 2, 3, 4].map(|j| (u[j] - q * v[j]) / one_q))
            };
            let last = ln_add_exp(first, second);
            let (w1, w2) = ((first - last).exp(), if second == f64::NEG_INFINITY { 0.0 } else { (second - last).exp() });
            let wi = d.w[i];
            ll += wi * (lg + r * ln_alpha + s * ln_beta + last);
            let own = [dlg + ln_alpha, r / alpha, ln_beta, s / beta];
            let d_second = [-1.0 / k + d_a0[0], d_a0[1], 1.0 / s - 1.0 / k + d_a0[2], d_a0[3]];
            for j in 0..4 {
                g[j] += wi * (own[j] + w1 * d_first[j] + w2 * d_second[j]);
            }
        }
        for (out, (gj, th)) in grad.iter_mut().zip(g.iter().zip([r, alpha, s, beta])) {
            *out = gj * th;
        }
        ll
    }

    /// Total log-likelihood of `customers` (all constants, customers' time unit). NaN for invalid
    /// parameters or summaries.
    pub fn log_likelihood(&self, customers: &[CustomerSummary]) -> f64 {
        if ParetoNbd::new(self.r, self.alpha, self.s, self.beta).is_err() {
            return f64::NAN;
        }
        Rfm::unchecked(customers).map_or(f64::NAN, |d| self.loglik_rfm(&d, &Pairs::of(&d)))
    }

    /// Maximum-likelihood fit (BFGS on log-parameters with the analytic gradient, three starts,
    /// standard errors from central differences of the gradient).
    ///
    /// # Errors
    /// As [`BgNbd::fit`](super::BgNbd::fit), in [`ParetoNbdError`].
    pub fn fit(customers: &[CustomerSummary]) -> Result<ParetoNbdFit, ParetoNbdError> {
        Self::fit_rfm(Rfm::new(customers)?)
    }

    /// [`Self::fit`] on a grouped summary (each group weighs its `count` customers): the same
    /// estimates, bit for bit, as on the customers the groups stand for.
    ///
    /// # Errors
    /// As [`Self::fit`].
    pub fn fit_groups(groups: &[crate::metrics::clv::summary::PurchaseGroup]) -> Result<ParetoNbdFit, ParetoNbdError> {
        Self::fit_rfm(Rfm::from_groups(groups)?)
    }

    pub(crate) fn fit_rfm(d: Rfm) -> Result<ParetoNbdFit, ParetoNbdError> {
        let scale = d.max_t().max(1e-9);
        let starts = vec![vec![1.0, 0.25 * scale, 1.0, 0.25 * scale], vec![0.5, 0.1 * scale, 0.5, 0.1 * scale], vec![2.0, scale, 2.0, scale]];
        let pairs = Pairs::of(&d);
        let nll = |lp: &[f64], g: &mut [f64]| {
            let m = ParetoNbd { r: lp[0].exp(), alpha: lp[1].exp(), s: lp[2].exp(), beta: lp[3].exp() };
            let ll = m.loglik_grad_rfm(&d, &pairs, g);
            if ll.is_finite() && g.iter().all(|v| v.is_finite()) {
                g.iter_mut().for_each(|v| *v = -*v);
                -ll
            } else {
                f64::INFINITY
            }
        };
        let (theta, info) = fit_log_params(nll, &starts).ok_or(ParetoNbdError::FitFailed)?;
        if let Some(k) = runaway_parameter(&theta) {
            return Err(ParetoNbdError::Degenerate { parameter: ["r", "alpha", "s", "beta"][k], value: theta[k] });
        }
        Ok(ParetoNbdFit { params: ParetoNbd { r: theta[0], alpha: theta[1], s: theta[2], beta: theta[3] }, info })
    }
}

/// The parameters' logarithms in a customer's log-likelihood: r ln α, s ln β, ln s.
struct Logs {
    r_ln_alpha: f64,
    s_ln_beta: f64,
    ln_s: f64,
}

/// The distinct (frequency, time) pairs of a summary's rows, where A₀'s terms are evaluated.
struct Pairs {
    /// The time indices (into `Rfm::times`) paired with distinct frequency `xi` are
    /// `times[ends[xi]..ends[xi + 1]]`, ascending.
    ends: Vec<usize>,
    times: Vec<u32>,
    /// Row `i`'s (x, t_x) and (x, T) pairs, as positions in `times`.
    at_tx: Vec<u32>,
    at_t: Vec<u32>,
}

impl Pairs {
    fn of(d: &Rfm) -> Pairs {
        let key = |i: usize, t: u32| ((d.x_index[i] as u64) << 32) | u64::from(t);
        let mut keys: Vec<u64> = (0..d.x.len()).flat_map(|i| [key(i, d.tx_at[i]), key(i, d.t_at[i])]).collect();
        keys.sort_unstable();
        keys.dedup();
        let at = |k: u64| keys.binary_search(&k).unwrap_or(0) as u32;
        let at_tx = (0..d.x.len()).map(|i| at(key(i, d.tx_at[i]))).collect();
        let at_t = (0..d.x.len()).map(|i| at(key(i, d.t_at[i]))).collect();
        let ends = (0..=d.distinct_x.len()).map(|xi| keys.partition_point(|k| (k >> 32) < xi as u64)).collect();
        Pairs { ends, times: keys.iter().map(|k| *k as u32).collect(), at_tx, at_t }
    }
}

/// (1 − c^(s−1))/(s−1) with ln c given (c < 1); its limit −ln c at s = 1.
fn one_minus_pow_over(s: f64, ln_c: f64) -> f64 {
    if (s - 1.0).abs() < 1e-12 {
        -ln_c
    } else {
        -((s - 1.0) * ln_c).exp_m1() / (s - 1.0)
    }
}

impl PurchaseModel for ParetoNbd {
    fn model_name(&self) -> &'static str {
        "Pareto/NBD"
    }

    fn param_names(&self) -> &'static [&'static str] {
        &["r", "alpha", "s", "beta"]
    }

    fn params(&self) -> Vec<f64> {
        vec![self.r, self.alpha, self.s, self.beta]
    }

    fn with_params(&self, p: &[f64]) -> Self {
        ParetoNbd { r: p[0], alpha: p[1], s: p[2], beta: p[3] }
    }

    /// E[X(t)] = r β / (α (s−1)) · [1 − (β/(β+t))^(s−1)] (note 009 eq. 17; limit r β ln(1+t/β)/α at s = 1).
    fn expected_purchases(&self, t: f64) -> f64 {
        if t.is_nan() || t <= 0.0 {
            return 0.0;
        }
        let ParetoNbd { r, alpha, s, beta } = *self;
        r * beta / alpha * one_minus_pow_over(s, beta.ln() - (beta + t).ln())
    }

    /// P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) (α+T)^(r+x) (β+T)^s A₀) (note 009 eq. 18).
    /// Defined for one-time buyers too (x = 0).
    fn p_alive(&self, x: f64, t_x: f64, t_cal: f64) -> f64 {
        inv_one_plus_exp(self.ln_ratio(x, t_x, t_cal))
    }

    /// E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive)
    /// (note 009 eq. 21).
    fn conditional_expected_purchases(&self, t: f64, x: f64, t_x: f64, t_cal: f64) -> f64 {
        self.conditional_given(t, x, t_cal, || self.p_alive(x, t_x, t_cal))
    }

    /// As [`Self::conditional_expected_purchases`] at every horizon, P(alive) (its two
    /// hypergeometric series) computed once for all of them.
    fn conditional_expected_purchases_at(&self, ts: &[f64], x: f64, t_x: f64, t_cal: f64, out: &mut [f64]) {
        let p_alive = self.p_alive(x, t_x, t_cal);
        for (o, &t) in out.iter_mut().zip(ts) {
            *o = self.conditional_given(t, x, t_cal, || p_alive);
        }
    }
}

impl ParetoNbd {
    /// E[Y(t) | x, t_x, T] with P(alive) given by `p_alive` (called only for t > 0).
    fn conditional_given(&self, t: f64, x: f64, t_cal: f64, p_alive: impl FnOnce() -> f64) -> f64 {
        if t.is_nan() || t <= 0.0 {
            return 0.0;
        }
        let ParetoNbd { r, alpha, s, beta } = *self;
        (r + x) * (beta + t_cal) / (alpha + t_cal) * one_minus_pow_over(s, (beta + t_cal).ln() - (beta + t_cal + t).ln()) * p_alive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// When α = β the hypergeometric term vanishes and A₀ = ((α+t_x)^−k − (α+T)^−k) exactly.
    #[test]
    fn a0_closed_form_when_alpha_equals_beta() {
        let m = ParetoNbd { r: 0.5, alpha: 10.0, s: 0.7, beta: 10.0 };
        let (x, tx, t) = (3.0, 12.0, 30.0);
        let k: f64 = 0.5 + 0.7 + 3.0;
        let want = ((10.0_f64 + tx).powf(-k) - (10.0_f64 + t).powf(-k)).ln();
        assert!((m.ln_a0(x, tx, t) - want).abs() < 1e-12);
        assert_eq!(m.ln_a0(x, t, t), f64::NEG_INFINITY);
    }

    /// A₀ is continuous across the α ≥ β / α < β branches.
    #[test]
    fn a0_continuous_across_branches() {
        let below = ParetoNbd { r: 0.55, alpha: 11.0 - 1e-9, s: 0.6, beta: 11.0 };
        let above = ParetoNbd { r: 0.55, alpha: 11.0 + 1e-9, s: 0.6, beta: 11.0 };
        for (x, tx, t) in [(0.0, 0.0, 38.0), (5.0, 20.0, 35.0), (29.0, 37.7, 38.0)] {
            assert!((below.ln_a0(x, tx, t) - above.ln_a0(x, tx, t)).abs() < 1e-8);
        }
    }

    /// `n` customers: customer i observed for T = t0 + i mod spread (plus sevenths), with
    /// i mod `x_mod` repeat purchases, the last at `recency(i)` of T (0 for one-time buyers).
    fn synthetic(n: u32, (t0, spread): (u32, u32), x_mod: u32, recency: impl Fn(u32) -> f64) -> Vec<CustomerSummary> {
        let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
        (0..n)
            .map(|i| {
                let t = f64::from(t0 + i % spread) + f64::from(i % 7) / 7.0;
                let x = i % x_mod;
                let recency = if x == 0 { 0.0 } else { t * recency(i) };
                CustomerSummary { customer_id: "c".into(), frequency: x, recency, t, monetary_value: 0.0, first_purchase: day }
            })
            .collect()
    }

    /// The likelihood over distinct (x, time) pairs equals, bit for bit, the sum of each row's
    /// own likelihood with its own A₀, on both branches (α ≥ β and α < β).
    #[test]
    fn pair_likelihood_equals_the_rows() {
        let customers = synthetic(400, (10, 37), 9, |i| f64::from(i % 5) / 5.0);
        let d = Rfm::new(&customers).expect("rows");
        let pairs = Pairs::of(&d);
        assert!(pairs.times.len() < 2 * d.x.len());
        for m in [ParetoNbd { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, ParetoNbd { r: 1.3, alpha: 14.0, s: 0.4, beta: 6.0 }] {
            let lg = |x: f64| ln_gamma(m.r + x) - ln_gamma(m.r);
            let rows: f64 = (0..d.x.len()).map(|i| d.w[i] * m.customer_loglik(d.x[i], d.t[i], lg(d.x[i]), m.ln_a0(d.x[i], d.tx[i], d.t[i]))).sum();
            assert_eq!(m.loglik_rfm(&d, &pairs).to_bits(), rows.to_bits());
        }
    }

    /// The series with its derivatives: its value is the hypergeometric term's, and each
    /// derivative agrees with central differences of that value.
    #[test]
    fn series_derivatives_match_differences() {
        for (b, c, z) in [(0.6, 2.3, 0.4), (3.5, 5.2, 0.93), (1.6, 31.0, 0.2), (0.2, 1.4, 0.999)] {
            let [v, db, dc, dz] = ln_hyp2f1_1_grad(b, c, z);
            let f = |b: f64, c: f64, z: f64| ln_hyp2f1_positive(1.0, b, c, z);
            assert!((v - f(b, c, z)).abs() <= 1e-13 * v.abs().max(1.0), "{b} {c} {z}");
            let h = 1e-6;
            for (got, want) in [
                (db, (f(b + h, c, z) - f(b - h, c, z)) / (2.0 * h)),
                (dc, (f(b, c + h, z) - f(b, c - h, z)) / (2.0 * h)),
                (dz, (f(b, c, z + h * (1.0 - z)) - f(b, c, z - h * (1.0 - z))) / (2.0 * h * (1.0 - z))),
            ] {
                assert!((got - want).abs() <= 1e-6 * want.abs().max(1e-3), "{b} {c} {z}: {got} {want}");
            }
        }
        assert_eq!(ln_hyp2f1_1_grad(2.0, 3.0, 0.0), [0.0, 0.0, 0.0, 2.0 / 3.0]);
    }

    /// The analytic gradient of the likelihood equals central differences of it, on both
    /// branches, and its value equals the likelihood's.
    #[test]
    fn likelihood_gradient_matches_differences() {
        let customers = synthetic(300, (8, 31), 6, |i| f64::from(1 + i % 5) / 6.0);
        let d = Rfm::new(&customers).expect("rows");
        let pairs = Pairs::of(&d);
        for m in [ParetoNbd { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, ParetoNbd { r: 1.3, alpha: 14.0, s: 0.4, beta: 6.0 }, ParetoNbd { r: 0.8, alpha: 9.0, s: 1.7, beta: 9.0 }] {
            let mut g = [0.0; 4];
            let ll = m.loglik_grad_rfm(&d, &pairs, &mut g);
            assert!((ll - m.loglik_rfm(&d, &pairs)).abs() <= 1e-10 * ll.abs(), "{m:?}");
            let at = |lp: [f64; 4]| ParetoNbd { r: lp[0].exp(), alpha: lp[1].exp(), s: lp[2].exp(), beta: lp[3].exp() }.loglik_rfm(&d, &pairs);
            let lp = [m.r.ln(), m.alpha.ln(), m.s.ln(), m.beta.ln()];
            for j in 0..4 {
                let h = 1e-5;
                let (mut up, mut down) = (lp, lp);
                up[j] += h;
                down[j] -= h;
                let want = (at(up) - at(down)) / (2.0 * h);
                assert!((g[j] - want).abs() <= 1e-5 * want.abs().max(1.0), "{m:?} {j}: {} {want}", g[j]);
            }
        }
    }
}
