//! What every maximum-likelihood fit reports, and the shared fitting routine: BFGS on
//! log-parameters from several starts, then Newton steps and standard errors from a numerical
//! Hessian (central differences of the analytic gradient).

use super::optimize::{bfgs, gradient_hessian, spd_inverse, BfgsOptions};
use serde::Serialize;

/// Step (on the log-parameter scale) of the central differences of an analytic gradient behind
/// the Hessian: about the cube root of the machine epsilon, where truncation (O(h²)) and
/// rounding (O(ε/h)) errors balance.
const HESSIAN_GRADIENT_LOG_STEP: f64 = 1e-5;

/// Newton steps taken after BFGS (see [`fit_log_params`]).
const NEWTON_POLISH_STEPS: usize = 2;

/// BFGS iterations run from every starting point before only the best is continued.
const SCREENING_ITERATIONS: usize = 4;

/// Log-parameters beyond ±this are treated as a parameter running off to 0 or infinity
/// (e^25 ≈ 7e10): the data do not identify the model.
pub(crate) const LOG_PARAM_LIMIT: f64 = 25.0;

/// How a maximum-likelihood fit went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitInfo {
    /// Maximised log-likelihood, with all constants, in the fit's time unit (comparable with
    /// the papers' values).
    pub loglik: f64,
    /// The optimiser met its gradient criterion (max |∂ℓ/∂ ln θ| <= 1e-9 · max(1, |ℓ|), or no further
    /// decrease possible with it below 1e-6 · max(1, |ℓ|)).
    pub converged: bool,
    /// BFGS iterations of the best start (screening plus continuation).
    pub iterations: usize,
    /// Starting points tried.
    pub starts: usize,
    /// Asymptotic standard errors of the parameters (same order as the parameters), from the
    /// inverse of the numerical Hessian of −ℓ; `None` when that Hessian is not positive definite.
    pub std_errors: Option<Vec<f64>>,
    /// Asymptotic covariance matrix of the parameters, row-major; `None` as for `std_errors`.
    pub covariance: Option<Vec<f64>>,
}

/// Fits by minimising `nll(ln θ, grad)`. Every start gets a few BFGS iterations
/// ([`SCREENING_ITERATIONS`]); the one with the lowest value is then run to convergence.
/// Minimises (negative log-likelihood and its gradient with respect
/// to ln θ) from each start (given as natural parameters). Returns the natural parameters of the
/// best finite start and its [`FitInfo`], or `None` when no start gave a finite value.
pub(crate) fn fit_log_params<F>(nll: F, starts: &[Vec<f64>]) -> Option<(Vec<f64>, FitInfo)>
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    fit_log_params_from(nll, None, starts)
}

/// [`fit_log_params`] from a warm start first: the estimates of a related fit on the same data
/// (the MBG/NBD from the BG/NBD's). BFGS runs from it alone; when it converges inside the
/// parameter limits its minimum is kept and the screening of `starts` is skipped (a third of
/// the likelihood passes); otherwise the fit screens `starts` as usual.
pub(crate) fn fit_log_params_from<F>(mut nll: F, warm: Option<&[f64]>, starts: &[Vec<f64>]) -> Option<(Vec<f64>, FitInfo)>
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    // From here on one copy of the optimiser serves every model (a copy per model's likelihood
    // cost the shipped module 4 KB each; a call through `dyn` per likelihood pass is nothing).
    let nll: &mut dyn FnMut(&[f64], &mut [f64]) -> f64 = &mut nll;
    // A fit logged elsewhere on the same data (see `replay`): checked by ℓ at the first start.
    let check = super::replay::active().then(|| {
        let x0: Vec<f64> = warm.or(starts.first().map(Vec::as_slice)).map_or(Vec::new(), |s| s.iter().map(|v| v.ln()).collect());
        let mut g = vec![0.0; x0.len()];
        if x0.is_empty() {
            f64::NAN
        } else {
            nll(&x0, &mut g)
        }
    });
    if let Some(done) = check.and_then(super::replay::take_fit) {
        return done;
    }
    let result = fit_log_params_here(nll, warm, starts);
    if let Some(check) = check {
        super::replay::put(|| super::replay::Entry::Fit { check, result: result.clone() });
    }
    result
}

fn fit_log_params_here<F>(mut nll: F, warm: Option<&[f64]>, starts: &[Vec<f64>]) -> Option<(Vec<f64>, FitInfo)>
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    let mut guarded = |x: &[f64], g: &mut [f64]| {
        if x.iter().any(|v| v.abs() > LOG_PARAM_LIMIT + 5.0) {
            return f64::INFINITY;
        }
        nll(x, g)
    };
    // A warm start, run to convergence, kept when it converges inside the limits.
    let warmed = warm.map(|w| {
        let x0: Vec<f64> = w.iter().map(|v| v.ln()).collect();
        bfgs(&mut guarded, &x0, BfgsOptions::default())
    });
    let tried = warmed.is_some() as usize;
    let (best, starts_tried) = match warmed {
        Some(m) if m.converged && m.f.is_finite() && m.x.iter().all(|v| v.abs() < LOG_PARAM_LIMIT) => (Some(m), 1),
        _ => (screen(&mut guarded, starts), starts.len() + tried),
    };
    let mut best = best?;
    let h = finish(&mut nll, &mut best);
    Some(fit_info(best, starts_tried, &h))
}

/// Stage 1: a few iterations from every start; stage 2: the most promising one to convergence.
fn screen<F>(guarded: &mut F, starts: &[Vec<f64>]) -> Option<super::optimize::Minimum>
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    let mut best: Option<super::optimize::Minimum> = None;
    for s in starts {
        let x0: Vec<f64> = s.iter().map(|v| v.ln()).collect();
        let m = bfgs(&mut *guarded, &x0, BfgsOptions { max_iterations: SCREENING_ITERATIONS, ..BfgsOptions::default() });
        if m.f.is_finite() && best.as_ref().is_none_or(|b| m.f < b.f) {
            best = Some(m);
        }
    }
    best.map(|b| {
        if b.converged {
            return b;
        }
        let m = bfgs(&mut *guarded, &b.x, BfgsOptions::default());
        super::optimize::Minimum { iterations: b.iterations + m.iterations, ..m }
    })
}

/// Newton steps from where BFGS stopped (see below); returns the Hessian of −ℓ in the
/// log-parameters at the minimum.
fn finish<F>(nll: &mut F, best: &mut super::optimize::Minimum) -> Vec<f64>
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    let n = best.x.len();
    // The Hessian from central differences of the analytic gradient.
    let h = gradient_hessian(&mut *nll, &best.x, HESSIAN_GRADIENT_LOG_STEP);
    // Newton steps with that Hessian from where BFGS stopped. BFGS stops once the gradient is
    // small relative to ℓ, which leaves the estimates uncertain in about their 7th digit (two
    // builds with different last bits in exp/ln, native and wasm, ended 3e-8 apart); near the
    // optimum Newton's method gains digits quadratically. A step is kept only if it shrinks the
    // gradient.
    if let Some(h_inv) = spd_inverse(&h, n) {
        let mut g = vec![0.0; n];
        for _ in 0..NEWTON_POLISH_STEPS {
            let f0 = nll(&best.x, &mut g);
            let x1: Vec<f64> = (0..n).map(|i| best.x[i] - (0..n).map(|j| h_inv[i * n + j] * g[j]).sum::<f64>()).collect();
            let mut g1 = vec![0.0; n];
            let f1 = if x1.iter().all(|v| v.is_finite() && v.abs() <= LOG_PARAM_LIMIT + 5.0) { nll(&x1, &mut g1) } else { f64::INFINITY };
            // Near the optimum ℓ changes by less than its rounding, so the test is on the
            // gradient: smaller, with ℓ no worse than rounding allows.
            let max_abs = |v: &[f64]| v.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
            let no_worse = f1 <= f0 + 1e-12 * f0.abs().max(1.0);
            if !(f0.is_finite() && f1.is_finite() && no_worse && max_abs(&g1) < max_abs(&g)) {
                break;
            }
            best.x = x1;
            best.f = f1;
        }
    }
    h
}

/// The natural parameters and how the fit went, with the covariance from the Hessian `h` of −ℓ
/// in the log-parameters.
fn fit_info(best: super::optimize::Minimum, starts: usize, h: &[f64]) -> (Vec<f64>, FitInfo) {
    let n = best.x.len();
    let theta: Vec<f64> = best.x.iter().map(|v| v.exp()).collect();
    let covariance = spd_inverse(h, n).map(|c_log| {
        let mut c = c_log;
        for i in 0..n {
            for j in 0..n {
                c[i * n + j] *= theta[i] * theta[j];
            }
        }
        c
    });
    let std_errors = covariance.as_ref().map(|c| (0..n).map(|i| c[i * n + i].sqrt()).collect());
    let info = FitInfo { loglik: -best.f, converged: best.converged, iterations: best.iterations, starts, std_errors, covariance };
    (theta, info)
}

/// Index of the first log-parameter at or beyond [`LOG_PARAM_LIMIT`], if any.
pub(crate) fn runaway_parameter(theta: &[f64]) -> Option<usize> {
    theta.iter().position(|v| !v.is_finite() || v.ln().abs() >= LOG_PARAM_LIMIT)
}

/// Variance of a scalar function g(θ) by the delta method: ∇gᵀ Σ ∇g, with ∇g by central
/// differences (relative step 1e-5). `None` when a value is not finite.
pub(crate) fn delta_method_variance<G: FnMut(&[f64]) -> f64>(mut g: G, theta: &[f64], cov: &[f64]) -> Option<f64> {
    delta_method_variances(|t| vec![g(t)], theta, cov).first().copied().flatten()
}

/// [`delta_method_variance`] of every output of a vector-valued g at once: 2 evaluations of g
/// per parameter, whatever the number of outputs.
pub(crate) fn delta_method_variances<G: FnMut(&[f64]) -> Vec<f64>>(g: G, theta: &[f64], cov: &[f64]) -> Vec<Option<f64>> {
    delta_method_variances_at(g, theta, cov, None)
}

/// [`delta_method_variances`] given g(θ) when the caller has it (`at`): then ∇g is taken by
/// forward differences from it (relative step 1e-6, one evaluation per parameter instead of
/// two; the gradient's relative error is about the step), and a log of the variances (see
/// `replay`) is checked without evaluating g once more.
pub(crate) fn delta_method_variances_at<G: FnMut(&[f64]) -> Vec<f64>>(mut g: G, theta: &[f64], cov: &[f64], at: Option<Vec<f64>>) -> Vec<Option<f64>> {
    // Variances logged elsewhere on the same data (see `replay`): checked by g at the estimates.
    let check = super::replay::active().then(|| at.clone().unwrap_or_else(|| g(theta)));
    if let Some(done) = check.as_deref().and_then(super::replay::take_delta) {
        return done;
    }
    let variances = match &at {
        Some(base) => delta_method_variances_forward(g, theta, cov, base),
        None => delta_method_variances_here(g, theta, cov),
    };
    if let Some(check) = check {
        super::replay::put(|| super::replay::Entry::Delta { check, variances: variances.clone() });
    }
    variances
}

/// ∇gᵀ Σ ∇g with ∇g by forward differences from g(θ) = `base`.
fn delta_method_variances_forward<G: FnMut(&[f64]) -> Vec<f64>>(mut g: G, theta: &[f64], cov: &[f64], base: &[f64]) -> Vec<Option<f64>> {
    let n = theta.len();
    let mut grads = vec![vec![0.0; n]; base.len()];
    let mut t = theta.to_vec();
    for i in 0..n {
        let h = 1e-6 * theta[i].abs().max(1e-8);
        t[i] = theta[i] + h;
        let up = g(&t);
        t[i] = theta[i];
        for (k, (u, b)) in up.iter().zip(base).enumerate() {
            grads[k][i] = (u - b) / h;
        }
    }
    grads.iter().map(|grad| quadratic_form(grad, cov)).collect()
}

/// gᵀ Σ g, `None` when not a finite non-negative number.
fn quadratic_form(grad: &[f64], cov: &[f64]) -> Option<f64> {
    let n = grad.len();
    let mut v = 0.0;
    for i in 0..n {
        for j in 0..n {
            v += grad[i] * cov[i * n + j] * grad[j];
        }
    }
    (v.is_finite() && v >= 0.0).then_some(v)
}

fn delta_method_variances_here<G: FnMut(&[f64]) -> Vec<f64>>(mut g: G, theta: &[f64], cov: &[f64]) -> Vec<Option<f64>> {
    let n = theta.len();
    let mut grads: Vec<Vec<f64>> = Vec::new();
    let mut t = theta.to_vec();
    for i in 0..n {
        let h = 1e-5 * theta[i].abs().max(1e-8);
        t[i] = theta[i] + h;
        let up = g(&t);
        t[i] = theta[i] - h;
        let down = g(&t);
        t[i] = theta[i];
        if grads.is_empty() {
            grads = vec![vec![0.0; n]; up.len()];
        }
        for (k, (u, d)) in up.iter().zip(&down).enumerate() {
            grads[k][i] = (u - d) / (2.0 * h);
        }
    }
    if n == 0 {
        return g(theta).iter().map(|_| Some(0.0)).collect();
    }
    grads.iter().map(|grad| quadratic_form(grad, cov)).collect()
}

/// Fewest customers a purchase model is fitted on. A rule of thumb of this crate, not a figure
/// from the literature: below it the estimates are too uncertain to report.
pub const MIN_CUSTOMERS: usize = 20;

/// Fewest repeat buyers (frequency > 0) a purchase model is fitted on (rule of thumb, as
/// [`MIN_CUSTOMERS`]): the purchase-rate and drop-out parameters are identified only by repeat
/// purchases.
pub const MIN_REPEAT_CUSTOMERS: usize = 10;

/// The (frequency, recency, T) columns of a summary, validated, with identical rows merged
/// (weight = how many customers share them) and the distinct frequencies indexed, so that
/// per-frequency special functions are computed once per likelihood evaluation.
#[derive(Debug, Clone)]
pub(crate) struct Rfm {
    pub x: Vec<f64>,
    pub tx: Vec<f64>,
    pub t: Vec<f64>,
    /// Customers sharing the row.
    pub w: Vec<f64>,
    /// Distinct frequencies, ascending.
    pub distinct_x: Vec<f64>,
    /// `distinct_x[x_index[i]] == x[i]`.
    pub x_index: Vec<usize>,
    /// Distinct values of `tx` and `t` together, ascending: the likelihoods take ln(α + time)
    /// once per value instead of twice per row (a shop's times are whole days, so a few
    /// hundred values serve hundreds of thousands of rows).
    pub times: Vec<f64>,
    /// `times[tx_at[i]] == tx[i]`.
    pub tx_at: Vec<u32>,
    /// `times[t_at[i]] == t[i]`.
    pub t_at: Vec<u32>,
}

/// Equal keys merged (their counts added, saturating), in ascending key order. Merged in a
/// hash map first, then only the distinct keys sorted: a shop's half a million customers make
/// far fewer distinct rows, so no list of every customer's key is held (16 MB at half a
/// million) and the sort is of the few.
pub(crate) fn merge_counts<K: Ord + Copy + std::hash::Hash>(items: impl Iterator<Item = (K, u64)>) -> Vec<(K, u64)> {
    let mut counts: crate::fast::Map<K, u64> = crate::fast::Map::default();
    for (k, n) in items {
        let c = counts.entry(k).or_insert(0);
        *c = c.saturating_add(n);
    }
    let mut out: Vec<(K, u64)> = counts.into_iter().collect();
    out.sort_unstable_by_key(|a| a.0);
    out
}

/// Why a data set cannot support a purchase model (shared by the model error enums).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum DataIssue {
    TooFewCustomers(usize),
    TooFewRepeatCustomers(usize),
    NoObservationTime,
    InvalidSummary(usize),
}

impl Rfm {
    pub(crate) fn new(customers: &[super::summary::CustomerSummary]) -> Result<Rfm, DataIssue> {
        for (i, c) in customers.iter().enumerate() {
            if !(c.recency.is_finite() && c.t.is_finite() && c.recency >= 0.0 && c.t >= c.recency) {
                return Err(DataIssue::InvalidSummary(i));
            }
        }
        if customers.len() < MIN_CUSTOMERS {
            return Err(DataIssue::TooFewCustomers(customers.len()));
        }
        let repeat = customers.iter().filter(|c| c.frequency > 0).count();
        if repeat < MIN_REPEAT_CUSTOMERS {
            return Err(DataIssue::TooFewRepeatCustomers(repeat));
        }
        if customers.iter().all(|c| c.t <= 0.0) {
            return Err(DataIssue::NoObservationTime);
        }
        Ok(Self::build(customers))
    }

    /// As [`Rfm::new`] from a grouped summary: each group weighs `count` customers. Gives the
    /// same columns, bit for bit, as [`Rfm::new`] on the customers the groups stand for, so the
    /// fits are identical.
    pub(crate) fn from_groups(groups: &[super::summary::PurchaseGroup]) -> Result<Rfm, DataIssue> {
        for (i, g) in groups.iter().enumerate() {
            if !(g.recency.is_finite() && g.t.is_finite() && g.recency >= 0.0 && g.t >= g.recency) {
                return Err(DataIssue::InvalidSummary(i));
            }
        }
        let customers: u64 = groups.iter().fold(0u64, |s, g| s.saturating_add(g.count));
        if customers < MIN_CUSTOMERS as u64 {
            return Err(DataIssue::TooFewCustomers(customers as usize));
        }
        let repeat: u64 = groups.iter().filter(|g| g.frequency > 0).fold(0u64, |s, g| s.saturating_add(g.count));
        if repeat < MIN_REPEAT_CUSTOMERS as u64 {
            return Err(DataIssue::TooFewRepeatCustomers(repeat as usize));
        }
        if groups.iter().filter(|g| g.count > 0).all(|g| g.t <= 0.0) {
            return Err(DataIssue::NoObservationTime);
        }
        Ok(Self::build_weighted(groups.iter().filter(|g| g.count > 0).map(|g| (g.frequency, g.recency, g.t, g.count))))
    }

    fn build(customers: &[super::summary::CustomerSummary]) -> Rfm {
        Self::build_weighted(customers.iter().map(|c| (c.frequency, c.recency, c.t, 1)))
    }

    /// Identical (x, t_x, T) rows merged; weights are exact integers (sums of counts).
    fn build_weighted(items: impl Iterator<Item = (u32, f64, f64, u64)>) -> Rfm {
        let rows = merge_counts(items.map(|(x, tx, t, n)| ((x, tx.to_bits(), t.to_bits()), n)));
        let mut distinct: Vec<u32> = rows.iter().map(|k| k.0 .0).collect();
        distinct.dedup(); // keys are sorted by frequency first
        let mut d = Rfm { x: vec![], tx: vec![], t: vec![], w: vec![], distinct_x: vec![], x_index: vec![], times: vec![], tx_at: vec![], t_at: vec![] };
        for ((x, tx, t), w) in rows {
            d.x.push(f64::from(x));
            d.tx.push(f64::from_bits(tx));
            d.t.push(f64::from_bits(t));
            d.w.push(w as f64);
            d.x_index.push(distinct.binary_search(&x).unwrap_or(0));
        }
        d.distinct_x = distinct.into_iter().map(f64::from).collect();
        d.with_time_index()
    }

    /// Fills [`Rfm::times`], [`Rfm::tx_at`] and [`Rfm::t_at`] from `tx` and `t`.
    pub(crate) fn with_time_index(mut self) -> Rfm {
        let mut bits: Vec<u64> = self.tx.iter().chain(&self.t).map(|v| v.to_bits()).collect();
        // Times are >= 0 (checked before), so their bit patterns sort as the values do.
        bits.sort_unstable();
        bits.dedup();
        let at = |v: &f64| bits.binary_search(&v.to_bits()).unwrap_or(0) as u32;
        self.tx_at = self.tx.iter().map(at).collect();
        self.t_at = self.t.iter().map(at).collect();
        self.times = bits.into_iter().map(f64::from_bits).collect();
        self
    }

    /// The columns without the data checks (for evaluating a likelihood at given parameters);
    /// `None` when a row has recency outside [0, T].
    pub(crate) fn unchecked(customers: &[super::summary::CustomerSummary]) -> Option<Rfm> {
        if customers.iter().any(|c| !(c.recency >= 0.0 && c.t >= c.recency && c.t.is_finite())) {
            return None;
        }
        Some(Self::build(customers))
    }

    /// Largest T (the scale of the rate parameters' starting values).
    pub(crate) fn max_t(&self) -> f64 {
        self.t.iter().fold(0.0, |m, v| m.max(*v))
    }
}

/// Declares a purchase model's error enum: the shared data checks plus fit failures.
macro_rules! purchase_model_error {
    ($name:ident, $model:literal) => {
        #[doc = concat!("Why the ", $model, " model could not be fitted or used. Every variant says in plain words what to use instead.")]
        #[derive(Debug, Clone, PartialEq, thiserror::Error)]
        pub enum $name {
            /// Fewer customers than [`crate::metrics::clv::fit::MIN_CUSTOMERS`] (this includes no orders at all).
            #[error("{} needs at least {needed} customers, the data have {customers}; report the simple repeat-purchase rate instead", $model)]
            TooFewCustomers { customers: usize, needed: usize },
            /// Fewer repeat buyers than [`crate::metrics::clv::fit::MIN_REPEAT_CUSTOMERS`] (e.g. all one-time buyers).
            #[error("{} needs at least {needed} repeat buyers, the data have {repeat}; with (almost) only one-time buyers no repeat-purchase model can be estimated: report the repeat-purchase rate and average order value instead", $model)]
            TooFewRepeatCustomers { repeat: usize, needed: usize },
            /// Every customer first bought on the calibration end (all T = 0): nothing was observed over time.
            #[error("{}: every customer first bought on the calibration end, so there is no time over which purchases were observed; choose a later calibration end", $model)]
            NoObservationTime,
            /// A customer summary row is invalid (non-finite, negative recency, or recency > T).
            #[error("{}: customer summary row {row} is invalid (recency must lie in [0, T])", $model)]
            InvalidSummary { row: usize },
            /// Parameters given to a prediction are not all finite and positive.
            #[error("{}: parameters must be finite and positive", $model)]
            InvalidParameters,
            /// No starting point gave a finite likelihood.
            #[error("{}: the likelihood could not be evaluated at any starting point; the data do not fit this model, use the BG/NBD or the simple repeat-purchase rate", $model)]
            FitFailed,
            /// A parameter ran off towards 0 or infinity: the data do not identify the model.
            #[error("{}: parameter {parameter} ran off to {value:e}; the data do not identify this model (too little repeat buying or too short a history), use the simple repeat-purchase rate or a longer history", $model)]
            Degenerate { parameter: &'static str, value: f64 },
            /// The model was turned off in the options ([`crate::metrics::clv::ClvOptions`]).
            #[error("{}: not fitted (turned off in the options)", $model)]
            Skipped,
        }

        impl $name {
            /// The reason as a note (too few customers or repeat buyers and "turned off" typed; the
            /// others still as English sentences).
            pub fn note(&self) -> crate::messages::Note {
                match self {
                    $name::Skipped => crate::messages::Note::ModelOff { model: $model },
                    $name::TooFewCustomers { customers, needed } => crate::messages::Note::TooFewCustomers { model: $model, customers: *customers, needed: *needed },
                    $name::TooFewRepeatCustomers { repeat, needed } => crate::messages::Note::TooFewRepeat { model: $model, repeat: *repeat, needed: *needed },
                    $name::NoObservationTime => crate::messages::Note::ModelNoTime { model: $model },
                    $name::InvalidSummary { row } => crate::messages::Note::ModelBadRow { model: $model, row: *row },
                    $name::InvalidParameters => crate::messages::Note::ModelBadParameters { model: $model },
                    $name::FitFailed => crate::messages::Note::ModelFitFailed { model: $model },
                    $name::Degenerate { parameter, value } => crate::messages::Note::ModelDegenerate { model: $model, parameter, value: *value },
                }
            }
        }

        impl From<crate::metrics::clv::fit::DataIssue> for $name {
            fn from(d: crate::metrics::clv::fit::DataIssue) -> Self {
                use crate::metrics::clv::fit::{DataIssue, MIN_CUSTOMERS, MIN_REPEAT_CUSTOMERS};
                match d {
                    DataIssue::TooFewCustomers(customers) => $name::TooFewCustomers { customers, needed: MIN_CUSTOMERS },
                    DataIssue::TooFewRepeatCustomers(repeat) => $name::TooFewRepeatCustomers { repeat, needed: MIN_REPEAT_CUSTOMERS },
                    DataIssue::NoObservationTime => $name::NoObservationTime,
                    DataIssue::InvalidSummary(row) => $name::InvalidSummary { row },
                }
            }
        }
    };
}
pub(crate) use purchase_model_error;
