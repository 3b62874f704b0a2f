//! The lifetime-value section of the report: summary, model fits, per-customer predictions,
//! aggregates with intervals and (with a holdout) validation, in one serializable value.

use super::bgnbd::BgNbd;
use super::fit::{delta_method_variance, delta_method_variances_at, FitInfo};
use super::gammagamma::{GammaGamma, GammaGammaFit};
use super::mbgnbd::{MbgNbd, MbgNbdError};
use super::paretonbd::{ParetoNbd, ParetoNbdError};
use super::summary::{summarize, PurchaseGroup, SpendGroup, Summary, TimeUnit};
use super::validation::{validate_from, Holdout, Validation};
use super::value::{clv_discrete, continuous_discount_rate, dert, time_to_next_purchase, weighted_sum, ClvConvention};
use super::PurchaseModel;
use crate::metrics::stats::Z95;
use crate::metrics::Interval;
use crate::model::Orders;
use crate::model::{AsOrders, CustomerIndex, Keys};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

/// Options of [`analyze_clv`].
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClvOptions {
    /// Last day (inclusive) of the calibration period. Default: the date of the latest completed
    /// order (the analysis date).
    pub calibration_end: Option<NaiveDate>,
    /// Last day of the holdout period; with it (and an explicit `calibration_end`) the models are
    /// validated on the orders in between.
    pub holdout_end: Option<NaiveDate>,
    /// Time unit of all times and rate parameters. Default: weeks.
    pub unit: TimeUnit,
    /// Prediction horizon for expected purchases, in `unit`. Default: 39 (weeks).
    pub horizon: f64,
    /// Monthly discount rate of the CLV. Default: 0.01.
    pub monthly_discount: f64,
    /// Months of the CLV. Default: 12.
    pub clv_months: u32,
    /// Also fit the Pareto/NBD. Default: true; its fit and predictions are the slowest (two
    /// hypergeometric series per distinct history), so the scorecard turns it off unless asked.
    pub pareto_nbd: bool,
    /// Also fit the MBG/NBD. Default: true.
    pub mbgnbd: bool,
    /// Per-customer rows in the report. Default: true.
    pub customer_rows: bool,
    /// Population aggregates with their intervals. Default: true; a run that only validates
    /// turns them off.
    pub aggregates: bool,
    /// Fit the Gamma-Gamma spend model (expected spend, CLV). Default: true; a run that only
    /// validates the purchase models turns it off.
    pub spend_model: bool,
    /// Annual discount rate of the continuously discounted CLV (DERT × expected spend, no
    /// horizon), converted to δ = ln(1 + rate) / (units per year) by
    /// [`continuous_discount_rate`]. Default: 0.15, the rate of Fader, Hardie & Lee (2005), "RFM
    /// and CLV", JMR 42(4).
    pub annual_discount_continuous: f64,
    /// The purchase model the figures use, when it is fitted: "BG/NBD", "MBG/NBD" or
    /// "Pareto/NBD". Default: none given, so the first fitted of BG/NBD, Pareto/NBD, MBG/NBD;
    /// the scorecard gives the one that predicted its holdout check best (see
    /// [`choose_primary`]).
    pub primary: Option<String>,
}

impl Default for ClvOptions {
    fn default() -> Self {
        ClvOptions {
            calibration_end: None,
            holdout_end: None,
            unit: TimeUnit::Week,
            horizon: 39.0,
            monthly_discount: 0.01,
            clv_months: 12,
            pareto_nbd: true,
            mbgnbd: true,
            customer_rows: true,
            aggregates: true,
            spend_model: true,
            annual_discount_continuous: 0.15,
            primary: None,
        }
    }
}

/// One fitted parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParamEstimate {
    pub name: &'static str,
    pub value: f64,
    /// Asymptotic standard error (inverse observed information); `None` when not available.
    pub std_error: Option<f64>,
}

/// A model's fit as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelFitReport {
    pub model: &'static str,
    pub params: Vec<ParamEstimate>,
    pub loglik: f64,
    pub converged: bool,
    pub iterations: usize,
    pub starts: usize,
}

/// A model's section: the fit, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelSection {
    pub fit: Option<ModelFitReport>,
    /// Plain-words reason the model is absent (the model's error message).
    pub absent_reason: Option<crate::messages::Note>,
}

impl ModelSection {
    /// The fitted parameters' values, in the model's order; `None` when not fitted.
    pub(crate) fn values(&self) -> Option<Vec<f64>> {
        self.fit.as_ref().map(|f| f.params.iter().map(|p| p.value).collect())
    }
}

/// The Gamma-Gamma spend model's section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpendSection {
    pub fit: Option<ModelFitReport>,
    /// Pearson correlation of frequency and mean spend among repeat buyers (the model assumes 0).
    pub frequency_spend_correlation: Option<f64>,
    /// The threshold it is checked against.
    pub max_correlation: f64,
    /// Repeat buyers left out of the fit for a mean spend of 0 (or not a positive number): they
    /// still get an expected spend and a CLV.
    pub excluded_non_positive: usize,
    pub absent_reason: Option<crate::messages::Note>,
}

/// A population-level prediction with its interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AggregatePrediction {
    /// Snake-case key, e.g. "expected_repeat_purchases".
    pub name: &'static str,
    /// What it is, in words (with unit and horizon).
    pub description: String,
    pub value: f64,
    /// 95% delta-method interval for parameter uncertainty only (not for the randomness of the
    /// purchases themselves); `None` when the covariance is not available.
    pub interval: Option<Interval>,
}

/// One customer's predictions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerRow {
    pub customer_id: String,
    pub frequency: u32,
    pub recency: f64,
    pub t: f64,
    pub monetary_value: f64,
    /// P(alive) under the primary model (for the BG/NBD: 1 for one-time buyers by convention).
    pub p_alive: f64,
    /// Expected purchases over the horizon under the primary model.
    pub expected_purchases: f64,
    /// Gamma-Gamma conditional expected spend per purchase; `None` without a spend model.
    pub expected_spend: Option<f64>,
    /// CLV over `clv_months` (lifetimes convention); `None` without a spend model.
    pub clv: Option<f64>,
    /// Time (in the unit) until the expected number of purchases reaches 1, if within 5 years.
    pub next_purchase_in: Option<f64>,
    /// calibration end + `next_purchase_in`, rounded to the day.
    pub next_purchase_date: Option<NaiveDate>,
    /// Residual CLV under continuous discounting at `annual_discount_continuous`: DERT ×
    /// expected spend, no horizon (see [`dert`]); `None` without a spend model.
    pub dert: Option<f64>,
    /// The owner's answers (see [`super::owner::Owner`]): the chance of an order in the next 90
    /// days, from when the next order is more likely than not (within two years), the orders
    /// expected in 30, 90 and 365 days and the churn-risk band; `None` where the model cannot
    /// say (a BG/NBD one-time buyer) or without a model.
    pub p_order_90_days: Option<f64>,
    pub next_order_date: Option<NaiveDate>,
    pub expected_orders_30_days: Option<f64>,
    pub expected_orders_90_days: Option<f64>,
    pub expected_orders_365_days: Option<f64>,
    pub churn_risk: Option<&'static str>,
}

/// The lifetime-value section of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClvReport {
    pub unit: TimeUnit,
    pub calibration_end: Option<NaiveDate>,
    pub holdout_end: Option<NaiveDate>,
    pub horizon: f64,
    pub monthly_discount: f64,
    pub clv_months: u32,
    pub customers: usize,
    pub repeat_customers: usize,
    /// Model used for the per-customer rows and aggregates: the first fitted of BG/NBD,
    /// Pareto/NBD, MBG/NBD; `None` when none could be fitted.
    pub primary_model: Option<&'static str>,
    pub bgnbd: ModelSection,
    pub pareto_nbd: ModelSection,
    pub mbgnbd: ModelSection,
    pub gamma_gamma: SpendSection,
    pub aggregates: Vec<AggregatePrediction>,
    pub customer_rows: Vec<CustomerRow>,
    pub validation: Vec<Validation>,
    /// The purchase models side by side on the holdout check (empty without one), in the
    /// order of `validation`, whose `cumulative` is each model's tracking series.
    pub model_comparison: Vec<ModelComparison>,
    /// Why `primary_model` heads the section; `None` without a holdout check.
    pub primary_reason: Option<PrimaryReason>,
    /// The customers most worth a message now (see [`CONTACT_ROWS`]); empty without a
    /// purchase model or from a summary without the orders.
    pub to_contact: Vec<ContactRow>,
    /// How many customers are slipping away (see [`CONTACT_ROWS`]), of whom `to_contact` are
    /// the most valuable; `None` when not computed.
    pub slipping_customers: Option<usize>,
    /// The usual gap between a customer's orders, in days: the median over repeat buyers of
    /// their mean gap (t_x / x); a customer slips away only after it has passed.
    pub usual_gap_days: Option<f64>,
    /// Value per customer by months since the first order, per acquisition cohort and by
    /// what the first order carried, the months not reached filled by the primary model (see
    /// [`super::cohort_value`]); at the analysis date, with a spend model.
    pub cohort_value: Option<super::cohort_value::CohortValue>,
    pub messages: crate::messages::Notes,
}

/// How many customers [`ClvReport::to_contact`] lists: those slipping away, of medium churn
/// risk (0.3 ≤ P(alive) < 0.7 under the owner's model, see [`super::owner::Owner`]) and
/// without an order for longer than the usual gap between orders
/// ([`ClvReport::usual_gap_days`]; a customer who has just bought is not slipping away), the
/// most spent first (the most orders first without money): customers likely still reachable,
/// where a message can still change something.
pub const CONTACT_ROWS: usize = 20;

/// A customer worth a message now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactRow {
    pub customer_id: String,
    /// Completed orders up to the calibration end.
    pub orders: usize,
    pub last_order: NaiveDate,
    /// Their total up to the calibration end; `None` without money.
    pub spent: Option<f64>,
    pub p_alive: f64,
    pub p_order_90_days: Option<f64>,
}

/// One purchase model on the holdout check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelComparison {
    pub model: &'static str,
    /// Repeat purchases in the holdout: predicted by the model fitted before it, and actual.
    pub predicted: f64,
    pub actual: f64,
    /// (predicted − actual) / actual; `None` when nobody bought in the holdout.
    pub relative_error: Option<f64>,
    /// Mean over the calibration-frequency groups of |actual − predicted| mean purchases.
    pub bucket_mae: f64,
    /// Log-likelihood of the fit on the calibration period.
    pub loglik: Option<f64>,
    pub trust: crate::metrics::clv::validation::TrustLevel,
    /// Whether the section's figures use this model.
    pub primary: bool,
}

/// Why the section's figures use the model they use.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum PrimaryReason {
    /// It predicted the holdout's repeat purchases closest of the models good or fair there
    /// (smallest |relative error|).
    BestOnHoldout { model: &'static str, relative_error: f64 },
    /// No model predicted the holdout well enough (all poor, or too few purchases to judge):
    /// the section keeps the default model; its totals are rough, while the ranking of
    /// customers by P(alive) and the history figures (repeat rate, cohorts, RFM) do not rest
    /// on it. `best`: the model closest on the holdout, when there was one to judge.
    NoneValidated { model: &'static str, best: Option<(&'static str, f64)> },
    /// The figures use `model` (named in the options, or the only one fitted on all the
    /// history) although `closer` came closer on the holdout (its relative error).
    OtherCloser { model: &'static str, closer: (&'static str, f64) },
}

/// The model the figures should use after the holdout check: of the models whose trust is
/// good or fair, the one with the smallest |relative error| of the holdout total (the first
/// listed on a tie); `None` when none is.
pub fn choose_primary(validations: &[Validation]) -> Option<&'static str> {
    use crate::metrics::clv::validation::TrustLevel;
    closest(validations.iter().filter(|v| matches!(v.trust, TrustLevel::Good | TrustLevel::Fair))).map(|(m, _)| m)
}

/// The model of `validations` whose holdout total is closest (smallest |relative error|, the
/// first on a tie), with its relative error; errors not known or not finite are passed over.
fn closest<'v>(validations: impl Iterator<Item = &'v Validation>) -> Option<(&'static str, f64)> {
    validations.filter_map(|v| v.total_relative_error.filter(|e| e.is_finite()).map(|e| (v.model, e))).fold(None, |best, (m, e)| match best {
        Some((_, b)) if f64::abs(b) <= e.abs() => best,
        _ => Some((m, e)),
    })
}

impl ClvReport {
    /// Takes the holdout check's validations (one per model fitted before the holdout): the
    /// comparison of the models and why the primary model heads the section. The report is
    /// the one made with `primary` set to [`choose_primary`] of them.
    pub fn with_check(&mut self, validations: Vec<Validation>) {
        let chosen = choose_primary(&validations);
        self.model_comparison = validations
            .iter()
            .map(|v| ModelComparison {
                model: v.model,
                predicted: v.predicted_total,
                actual: v.actual_total,
                relative_error: v.total_relative_error,
                bucket_mae: v.bucket_mae,
                loglik: v.loglik,
                trust: v.trust,
                primary: Some(v.model) == self.primary_model,
            })
            .collect();
        let error_of = |m: &str| validations.iter().find(|v| v.model == m).and_then(|v| v.total_relative_error).filter(|e| e.is_finite());
        self.primary_reason = self.primary_model.filter(|_| !validations.is_empty()).map(|model| match chosen {
            Some(c) if c == model => PrimaryReason::BestOnHoldout { model, relative_error: error_of(c).unwrap_or(0.0) },
            Some(c) => PrimaryReason::OtherCloser { model, closer: (c, error_of(c).unwrap_or(0.0)) },
            None => PrimaryReason::NoneValidated { model, best: closest(validations.iter()) },
        });
        self.validation = validations;
    }
}

fn fit_report(model: &'static str, names: &[&'static str], values: &[f64], info: &FitInfo) -> ModelFitReport {
    ModelFitReport {
        model,
        params: names.iter().enumerate().map(|(k, n)| ParamEstimate { name: n, value: values[k], std_error: info.std_errors.as_ref().map(|s| s[k]) }).collect(),
        loglik: info.loglik,
        converged: info.converged,
        iterations: info.iterations,
        starts: info.starts,
    }
}

fn section(r: Result<ModelFitReport, crate::messages::Note>) -> ModelSection {
    match r {
        Ok(f) => ModelSection { fit: Some(f), absent_reason: None },
        Err(e) => ModelSection { fit: None, absent_reason: Some(e) },
    }
}

fn interval95(value: f64, var: Option<f64>) -> Option<Interval> {
    var.map(|v| {
        let half = Z95 * v.sqrt();
        Interval { lower: value - half, upper: value + half, level: 0.95, method: "delta_method" }
    })
}

/// Runs the whole lifetime-value analysis on `orders`.
///
/// Steps: [`summarize`] at the calibration end; fit BG/NBD, Pareto/NBD, MBG/NBD and
/// Gamma-Gamma (each may be absent with its reason); per-customer P(alive), expected purchases
/// over `horizon`, expected spend, CLV (lifetimes convention, see [`clv_discrete`]) and the time
/// to the next expected purchase under the primary model; aggregates with 95% delta-method
/// intervals (parameter uncertainty; for the CLV total the purchase and spend models'
/// covariances are combined as independent blocks); with `holdout_end`, [`validate`](super::validation::validate) for each
/// fitted purchase model.
///
/// Never panics and never returns NaN from a fit: what cannot be computed is `None`/absent with
/// a reason, and `messages` says what to use instead.
pub fn analyze_clv(orders: &(impl AsOrders + ?Sized), opts: &ClvOptions) -> ClvReport {
    let orders = orders.as_orders();
    let orders: &Orders = &orders;
    let mut messages = crate::messages::Notes::new();
    let last = orders.last_completed_date();
    let calibration_end = opts.calibration_end.or(last);
    let mut report = empty_report(opts, calibration_end);
    let Some(cal) = calibration_end else {
        let why = crate::messages::Note::NoPurchaseHistory;
        for s in [&mut report.bgnbd, &mut report.pareto_nbd, &mut report.mbgnbd] {
            s.absent_reason = Some(why.clone());
        }
        report.gamma_gamma.absent_reason = Some(why.clone());
        messages.push(why);
        report.messages = messages;
        return report;
    };
    if !(opts.horizon.is_finite() && opts.horizon > 0.0) {
        messages.push(crate::messages::Note::HorizonNotPositive { horizon: opts.horizon, unit: opts.unit.name() });
    }
    let summary = summarize(orders, cal, opts.unit);
    clv_report(report, messages, Base::Customers(&summary), Some(Holdout::Orders(orders)), opts, None, None)
}

/// [`analyze_clv`] with the analysis's [`Keys`] and its index of completed orders (`completed`):
/// the summary comes from the index instead of grouping the orders again.
///
/// `on_bgnbd`, when given, is called with the BG/NBD fit (`None`: none) and the calibration end
/// as soon as that fit is made, before the other models and the predictions: the trust ladder
/// needs only it, and natively starts while the rest is computed.
pub(crate) fn analyze_clv_keyed(orders: &Orders, keys: &Keys, completed: &CustomerIndex, opts: &ClvOptions, on_bgnbd: OnBgNbd<'_>) -> ClvReport {
    analyze_clv_keyed_choosing(orders, keys, completed, opts, on_bgnbd, None)
}

/// [`analyze_clv_keyed`], asking `choose` for the primary model once the models are fitted
/// and before their figures are computed (a holdout check made meanwhile elsewhere).
pub(crate) fn analyze_clv_keyed_choosing(orders: &Orders, keys: &Keys, completed: &CustomerIndex, opts: &ClvOptions, on_bgnbd: OnBgNbd<'_>, choose: Choose<'_>) -> ClvReport {
    let last = orders.last_completed_date();
    let Some(cal) = opts.calibration_end.or(last) else {
        return analyze_clv(orders, opts);
    };
    let mut messages = crate::messages::Notes::new();
    if !(opts.horizon.is_finite() && opts.horizon > 0.0) {
        messages.push(crate::messages::Note::HorizonNotPositive { horizon: opts.horizon, unit: opts.unit.name() });
    }
    let report = empty_report(opts, Some(cal));
    let (summary, numbers) = super::summary::summarize_indexed(orders, keys, completed, cal, opts.unit);
    let make = |report, messages, opts: &ClvOptions, on_bgnbd| {
        let mut r = clv_report(report, messages, Base::Customers(&summary), Some(Holdout::Indexed { orders, completed, numbers: &numbers }), opts, on_bgnbd, choose);
        // Not in a run that only validates, and only at the analysis date (the last purchase):
        // who is slipping away now, not at an earlier calibration end.
        if opts.aggregates && last.is_some_and(|l| cal >= l) {
            (r.to_contact, r.slipping_customers, r.usual_gap_days) = to_contact(&r, &summary, &numbers, orders, keys, completed);
            r.cohort_value = super::cohort_value::of_report(&r, &summary, &numbers, orders, completed);
        }
        r
    };
    // (A run that only validates needs no choice: its validations are the same whichever
    // model would head it.)
    if opts.holdout_end.is_none() || opts.primary.is_some() || !opts.aggregates {
        return make(report, messages, opts, on_bgnbd);
    }
    // With a holdout configured the report validates its own models: when another model
    // predicted it better than the default one, the report is made again with that one (its
    // fits taken from the first run's log).
    // (Where a log is already replayed, its entries serve the first run.)
    let replaying = super::replay::active();
    let (first, log) = match replaying {
        true => (make(report.clone(), messages.clone(), opts, on_bgnbd), Vec::new()),
        false => super::replay::record(|| make(report.clone(), messages.clone(), opts, on_bgnbd)),
    };
    let chosen = choose_primary(&first.validation);
    if chosen.is_none() || chosen == first.primary_model {
        return first;
    }
    let o = ClvOptions { primary: chosen.map(str::to_string), ..opts.clone() };
    match replaying {
        true => make(report, messages, &o, None),
        false => super::replay::replay(log, || make(report, messages, &o, None)).0,
    }
}

/// The customers of `summary` (customer `numbers[i]` of `keys` is its i-th) slipping away, the
/// [`CONTACT_ROWS`] most valuable of them first, and how many they are (see [`CONTACT_ROWS`]).
fn to_contact(r: &ClvReport, summary: &Summary, numbers: &[u32], orders: &Orders, keys: &Keys, completed: &CustomerIndex) -> (Vec<ContactRow>, Option<usize>, Option<f64>) {
    let owner = super::owner::Owner::of(r);
    // The usual gap: the median of the repeat buyers' mean gaps (the middle two averaged).
    let mut gaps: Vec<f64> = summary.customers.iter().filter(|c| c.frequency > 0).map(|c| c.recency / f64::from(c.frequency)).collect();
    gaps.sort_unstable_by(f64::total_cmp);
    let Some(gap) = (!gaps.is_empty()).then(|| (gaps[(gaps.len() - 1) / 2] + gaps[gaps.len() / 2]) / 2.0) else { return (Vec::new(), None, None) };
    let cal = summary.calibration_end;
    let (dates, totals, money) = (orders.dates(), orders.totals(), orders.has_money());
    // Completed orders up to the calibration end: (count, last day, total).
    let history = |i: usize| {
        let mut out = (0usize, cal, 0.0);
        for p in completed.of(numbers[i]).iter().map(|p| *p as usize).filter(|p| dates[*p] <= cal) {
            out = (out.0 + 1, dates[p], out.2 + if totals[p].is_finite() { totals[p] } else { 0.0 });
        }
        out
    };
    if owner.answers(0.0, 0.0, 0.0).is_none() {
        return (Vec::new(), None, None);
    }
    let medium = |p: f64| super::owner::churn_risk(p) == "medium";
    let slipping: Vec<usize> =
        summary.customers.iter().enumerate().filter(|(_, c)| c.t - c.recency > gap && owner.p_alive(f64::from(c.frequency), c.recency, c.t).is_some_and(medium)).map(|(i, _)| i).collect();
    let n = slipping.len();
    let mut ranked: Vec<(f64, usize, (usize, NaiveDate, f64))> = slipping
        .into_iter()
        .map(|i| {
            let h = history(i);
            (if money { h.2 } else { h.0 as f64 }, i, h)
        })
        .collect();
    // The most first; on a tie, the summary's order (customer numbers, so ids in order).
    let order = |a: &(f64, usize, (usize, NaiveDate, f64)), b: &(f64, usize, (usize, NaiveDate, f64))| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    if ranked.len() > CONTACT_ROWS {
        ranked.select_nth_unstable_by(CONTACT_ROWS - 1, order);
        ranked.truncate(CONTACT_ROWS);
    }
    crate::fast::sort_stable(&mut ranked, order);
    let rows = ranked
        .into_iter()
        .filter_map(|(_, i, (count, last, spent))| {
            let c = &summary.customers[i];
            let a = owner.answers(f64::from(c.frequency), c.recency, c.t)?;
            Some(ContactRow {
                customer_id: keys.name(numbers[i]).to_string(),
                orders: count,
                last_order: last,
                spent: money.then_some(spent),
                p_alive: a.p_alive.unwrap_or(f64::NAN),
                p_order_90_days: a.p_order_90_days,
            })
        })
        .collect();
    (rows, Some(n), Some(gap * summary.unit.days()))
}

/// [`analyze_clv_keyed`] on a summary already made (by a second worker from the purchases as
/// numbers): the same fits and aggregates; no holdout validation, which needs the orders.
pub(crate) fn analyze_clv_summarized(summary: &Summary, opts: &ClvOptions, on_bgnbd: OnBgNbd<'_>) -> ClvReport {
    let report = empty_report(opts, Some(summary.calibration_end));
    clv_report(report, crate::messages::Notes::new(), Base::Customers(summary), None, opts, on_bgnbd, None)
}

/// What [`analyze_clv_keyed_choosing`] asks for the primary model (`None`: as the options say).
pub(crate) type Choose<'h> = Option<&'h dyn Fn() -> Option<&'static str>>;

/// What [`analyze_clv_keyed`] calls with the BG/NBD fit and the calibration end once made.
pub(crate) type OnBgNbd<'h> = Option<&'h dyn Fn(Option<BgNbd>, NaiveDate)>;

/// [`analyze_clv`] on a customer summary read from a file (for example one made by the SQL in
/// `sql/` where the orders are): the same fits, predictions and per-customer rows as from the
/// orders it summarises. `opts.unit` and `opts.calibration_end` are the summary's; no holdout
/// validation (it needs the orders after the calibration end).
pub fn analyze_clv_summary(summary: &Summary, opts: &ClvOptions) -> ClvReport {
    let o = ClvOptions { unit: summary.unit, calibration_end: Some(summary.calibration_end), holdout_end: None, ..opts.clone() };
    let report = empty_report(&o, Some(summary.calibration_end));
    clv_report(report, crate::messages::Notes::new(), Base::Customers(summary), None, &o, None, None)
}

/// [`analyze_clv`] on a grouped summary: (frequency, recency, T) groups for the purchase models
/// and (frequency, monetary value) groups for the Gamma-Gamma model. The fits equal those on
/// the per-customer summary the groups stand for; the aggregates are weighted sums (the total
/// CLV needs each purchase group's `monetary_value_sum`). No per-customer rows, no validation.
pub fn analyze_clv_groups(unit: TimeUnit, calibration_end: NaiveDate, purchases: &[PurchaseGroup], spend: &[SpendGroup], opts: &ClvOptions) -> ClvReport {
    let o = ClvOptions { unit, calibration_end: Some(calibration_end), holdout_end: None, customer_rows: false, ..opts.clone() };
    let report = empty_report(&o, Some(calibration_end));
    clv_report(report, crate::messages::Notes::new(), Base::Groups { purchases, spend }, None, &o, None, None)
}

/// What the models are fitted on.
enum Base<'a> {
    Customers(&'a Summary),
    Groups { purchases: &'a [PurchaseGroup], spend: &'a [SpendGroup] },
}

/// A weighted row of the aggregates: `w` customers sharing (x, t_x, T), with the sum of their
/// monetary values (`None`: not known, so no total CLV).
struct WeightedRow {
    x: f64,
    tx: f64,
    t: f64,
    w: f64,
    m_sum: Option<f64>,
}

/// The options' horizon, discounting and CLV convention, with values out of range replaced
/// (horizon 0, monthly discount 0, annual continuous rate 15%).
#[derive(Clone, Copy)]
struct Settings {
    horizon: f64,
    discount: f64,
    conv: ClvConvention,
    annual: f64,
}

impl Settings {
    fn of(opts: &ClvOptions) -> Settings {
        let horizon = if opts.horizon.is_finite() && opts.horizon > 0.0 { opts.horizon } else { 0.0 };
        let discount = if opts.monthly_discount.is_finite() && opts.monthly_discount > -1.0 { opts.monthly_discount } else { 0.0 };
        let conv = ClvConvention { months: opts.clv_months, monthly_discount: discount, units_per_month: opts.unit.per_clv_month() };
        let annual = if opts.annual_discount_continuous.is_finite() && opts.annual_discount_continuous > 0.0 { opts.annual_discount_continuous } else { 0.15 };
        Settings { horizon, discount, conv, annual }
    }
}

fn empty_report(opts: &ClvOptions, calibration_end: Option<NaiveDate>) -> ClvReport {
    ClvReport {
        unit: opts.unit,
        calibration_end,
        holdout_end: opts.holdout_end,
        horizon: opts.horizon,
        monthly_discount: opts.monthly_discount,
        clv_months: opts.clv_months,
        customers: 0,
        repeat_customers: 0,
        primary_model: None,
        bgnbd: ModelSection { fit: None, absent_reason: None },
        pareto_nbd: ModelSection { fit: None, absent_reason: None },
        mbgnbd: ModelSection { fit: None, absent_reason: None },
        gamma_gamma: SpendSection { fit: None, frequency_spend_correlation: None, max_correlation: super::gammagamma::MAX_FREQUENCY_SPEND_CORRELATION, excluded_non_positive: 0, absent_reason: None },
        aggregates: Vec::new(),
        customer_rows: Vec::new(),
        validation: Vec::new(),
        model_comparison: Vec::new(),
        primary_reason: None,
        to_contact: Vec::new(),
        slipping_customers: None,
        usual_gap_days: None,
        cohort_value: None,
        messages: crate::messages::Notes::new(),
    }
}

fn clv_report(mut report: ClvReport, mut messages: crate::messages::Notes, base: Base<'_>, holdout: Option<Holdout<'_>>, opts: &ClvOptions, on_bgnbd: OnBgNbd<'_>, choose: Choose<'_>) -> ClvReport {
    let Some(cal) = report.calibration_end else {
        report.messages = messages;
        return report;
    };
    if holdout.is_none() && !(opts.horizon.is_finite() && opts.horizon > 0.0) {
        messages.push(crate::messages::Note::HorizonNotPositive { horizon: opts.horizon, unit: opts.unit.name() });
    }
    let set = Settings::of(opts);
    let Settings { horizon, conv, annual, .. } = set;
    let empty: &[super::summary::CustomerSummary] = &[];
    let cs: &[super::summary::CustomerSummary] = match &base {
        Base::Customers(s) => &s.customers,
        Base::Groups { .. } => empty,
    };
    // The weighted rows of the aggregates, identical (x, t_x, T) merged: made only when the
    // aggregates are (a row per customer was 20 MB at half a million customers).
    let rows: Vec<WeightedRow> = match &base {
        _ if !opts.aggregates => Vec::new(),
        Base::Customers(s) => merge_rows(s.customers.iter().map(|c| WeightedRow { x: c.frequency as f64, tx: c.recency, t: c.t, w: 1.0, m_sum: Some(c.monetary_value) })),
        Base::Groups { purchases, .. } => {
            merge_rows(purchases.iter().filter(|g| g.count > 0).map(|g| WeightedRow { x: g.frequency as f64, tx: g.recency, t: g.t, w: g.count as f64, m_sum: g.monetary_value_sum }))
        }
    };
    let one_time_buyers = match &base {
        Base::Customers(s) => s.customers.iter().any(|c| c.frequency == 0),
        Base::Groups { purchases, .. } => purchases.iter().any(|g| g.count > 0 && g.frequency == 0),
    };
    let (n_customers, n_repeat) = match &base {
        Base::Customers(s) => (s.customers.len(), s.repeat_customers()),
        Base::Groups { purchases, .. } => {
            (purchases.iter().fold(0usize, |s, g| s.saturating_add(g.count as usize)), purchases.iter().filter(|g| g.frequency > 0).fold(0usize, |s, g| s.saturating_add(g.count as usize)))
        }
    };
    report.customers = n_customers;
    report.repeat_customers = n_repeat;

    // The distinct (x, t_x, T) rows, merged once for all the purchase models.
    let rfm = match &base {
        Base::Customers(_) => super::fit::Rfm::new(cs),
        Base::Groups { purchases, .. } => super::fit::Rfm::from_groups(purchases),
    };
    let bg = rfm.clone().map_err(super::bgnbd::BgNbdError::from).and_then(BgNbd::fit_rfm);
    if let Some(hook) = on_bgnbd {
        hook(bg.as_ref().ok().map(|f| f.params), cal);
    }
    report.bgnbd = section(bg.as_ref().map(|f| fit_report("BG/NBD", &["r", "alpha", "a", "b"], &f.params.to_vec(), &f.info)).map_err(|e| e.note()));
    let pn = match opts.pareto_nbd {
        false => Err(ParetoNbdError::Skipped),
        true => rfm.clone().map_err(ParetoNbdError::from).and_then(ParetoNbd::fit_rfm),
    };
    report.pareto_nbd = section(pn.as_ref().map(|f| fit_report("Pareto/NBD", &["r", "alpha", "s", "beta"], &f.params.params(), &f.info)).map_err(|e| e.note()));
    let mb = match opts.mbgnbd {
        false => Err(MbgNbdError::Skipped),
        true => rfm.map_err(MbgNbdError::from).and_then(|d| MbgNbd::fit_rfm_from(d, bg.as_ref().ok().map(|f| f.params))),
    };
    report.mbgnbd = section(mb.as_ref().map(|f| fit_report("MBG/NBD", &["r", "alpha", "a", "b"], &f.params.params(), &f.info)).map_err(|e| e.note()));
    let gg: Result<GammaGammaFit, _> = match &base {
        _ if !opts.spend_model => Err(super::gammagamma::GammaGammaError::Skipped),
        _ if matches!(&holdout, Some(Holdout::Orders(o) | Holdout::Indexed { orders: o, .. }) if !o.has_money()) => Err(super::gammagamma::GammaGammaError::NoMoney),
        Base::Customers(_) => GammaGamma::fit(cs),
        Base::Groups { spend, .. } => GammaGamma::fit_groups(spend),
    };
    report.gamma_gamma.frequency_spend_correlation = match &base {
        Base::Customers(_) => super::gammagamma::frequency_spend_correlation(cs),
        Base::Groups { spend, .. } => super::gammagamma::frequency_spend_correlation_groups(spend),
    };
    match &gg {
        Ok(f) => {
            report.gamma_gamma.fit = Some(fit_report("Gamma-Gamma", &["p", "q", "v"], &f.params.to_vec(), &f.info));
            report.gamma_gamma.excluded_non_positive = f.excluded_non_positive;
            if f.excluded_non_positive > 0 {
                messages.push(crate::messages::Note::ZeroSpendLeftOut { n: f.excluded_non_positive });
            }
        }
        Err(e) => {
            report.gamma_gamma.absent_reason = Some(e.note());
            messages.push(crate::messages::Note::NoSpendModel(Box::new(e.note())));
        }
    }
    for (fit_ok, conv, name) in [
        (bg.is_ok(), bg.as_ref().map(|f| f.info.converged).unwrap_or(true), "BG/NBD"),
        (pn.is_ok(), pn.as_ref().map(|f| f.info.converged).unwrap_or(true), "Pareto/NBD"),
        (mb.is_ok(), mb.as_ref().map(|f| f.info.converged).unwrap_or(true), "MBG/NBD"),
    ] {
        if fit_ok && !conv {
            messages.push(crate::messages::Note::NotConverged { model: name });
        }
    }

    // The primary purchase model, as a trait object with its covariance.
    type MakeModel = Box<dyn Fn(&[f64]) -> Box<dyn PurchaseModel>>;
    type Primary = (MakeModel, Vec<f64>, Option<Vec<f64>>, &'static str);
    let bg_primary = bg.as_ref().ok().map(|f| {
        let m = f.params;
        (Box::new(move |p: &[f64]| Box::new(m.with_params(p)) as Box<dyn PurchaseModel>) as MakeModel, f.params.to_vec(), f.info.covariance.clone(), "BG/NBD")
    });
    let pn_primary = pn.as_ref().ok().map(|f| {
        let m = f.params;
        (Box::new(move |p: &[f64]| Box::new(m.with_params(p)) as Box<dyn PurchaseModel>) as MakeModel, f.params.params(), f.info.covariance.clone(), "Pareto/NBD")
    });
    let mb_primary = mb.as_ref().ok().map(|f| {
        let m = f.params;
        (Box::new(move |p: &[f64]| Box::new(m.with_params(p)) as Box<dyn PurchaseModel>) as MakeModel, f.params.params(), f.info.covariance.clone(), "MBG/NBD")
    });
    let chosen = choose.and_then(|f| f());
    // A model named in the options wins over the holdout check's choice.
    let primary: Option<Primary> = match opts.primary.as_deref().or(chosen) {
        Some("MBG/NBD") if mb_primary.is_some() => mb_primary,
        Some("Pareto/NBD") if pn_primary.is_some() => pn_primary,
        _ => bg_primary.or(pn_primary).or(mb_primary),
    };

    if let Some((make, theta, cov, name)) = &primary {
        report.primary_model = Some(name);
        let model = make(theta);
        let max_t = 5.0 * 365.25 / opts.unit.days();
        let spend = gg.as_ref().ok().map(|f| f.params);
        let delta = continuous_discount_rate(annual, opts.unit);
        // Only with rows: the scorecard's extra validation run turns rows off and needs no DERT.
        let clv_derts: Vec<Option<f64>> = cs
            .iter()
            .filter(|_| opts.customer_rows)
            .map(|c| spend.map(|s| s.conditional_expected_spend(c.frequency as f64, c.monetary_value) * dert(model.as_ref(), c.frequency as f64, c.recency, c.t, delta)))
            .collect();
        // The owner's answers come from the model fits made above (see `owner::Owner::of`).
        let owner = (opts.customer_rows && !cs.is_empty()).then(|| super::owner::Owner::of(&report));
        for (c, &clv_dert) in cs.iter().zip(&clv_derts) {
            let x = c.frequency as f64;
            let es = spend.map(|s| s.conditional_expected_spend(x, c.monetary_value));
            let next = time_to_next_purchase(model.as_ref(), x, c.recency, c.t, max_t);
            let answers = owner.as_ref().and_then(|o| o.answers(x, c.recency, c.t));
            report.customer_rows.push(CustomerRow {
                customer_id: c.customer_id.to_string(),
                frequency: c.frequency,
                recency: c.recency,
                t: c.t,
                monetary_value: c.monetary_value,
                p_alive: model.p_alive(x, c.recency, c.t),
                expected_purchases: model.conditional_expected_purchases(horizon, x, c.recency, c.t),
                expected_spend: es,
                clv: es.map(|e| clv_discrete(model.as_ref(), x, c.recency, c.t, e, conv)),
                next_purchase_in: next,
                next_purchase_date: next.map(|t| cal + Duration::days((t * opts.unit.days()).round() as i64)),
                dert: clv_dert,
                p_order_90_days: answers.and_then(|a| a.p_order_90_days),
                next_order_date: answers.and_then(|a| a.next_order_date),
                expected_orders_30_days: answers.map(|a| a.expected_orders[0]),
                expected_orders_90_days: answers.map(|a| a.expected_orders[1]),
                expected_orders_365_days: answers.map(|a| a.expected_orders[2]),
                churn_risk: answers.and_then(|a| a.churn_risk),
            });
        }
        if *name == "BG/NBD" && one_time_buyers {
            messages.push(crate::messages::Note::BgNbdOneTimeBuyers);
        }

        if opts.aggregates {
            let spend = gg.as_ref().ok().map(|g| (g.params, g.info.covariance.as_deref()));
            let total_dert = opts.customer_rows.then(|| clv_derts.iter().flatten().sum::<f64>());
            report.aggregates = aggregates(&AggregateInputs { rows: &rows, n_customers, make, theta, cov: cov.as_deref(), spend, total_dert }, opts, set, &mut messages);
        }
    } else {
        messages.push(crate::messages::Note::NoPurchaseModel);
    }

    match (opts.calibration_end, opts.holdout_end, &base, holdout) {
        (None, Some(_), ..) => messages.push(crate::messages::Note::HoldoutNeedsCalibration),
        (Some(_), Some(h), Base::Customers(summary), Some(holdout)) => {
            let models: Vec<Box<dyn PurchaseModel>> = [
                bg.as_ref().ok().map(|f| Box::new(f.params) as Box<dyn PurchaseModel>),
                pn.as_ref().ok().map(|f| Box::new(f.params) as Box<dyn PurchaseModel>),
                mb.as_ref().ok().map(|f| Box::new(f.params) as Box<dyn PurchaseModel>),
            ]
            .into_iter()
            .flatten()
            .collect();
            for m in models {
                let holdout = match &holdout {
                    Holdout::Orders(o) => Holdout::Orders(o),
                    Holdout::Indexed { orders, completed, numbers } => Holdout::Indexed { orders, completed, numbers },
                };
                match validate_from(m.as_ref(), summary, holdout, h) {
                    Ok(mut v) => {
                        v.loglik = [&report.bgnbd, &report.pareto_nbd, &report.mbgnbd].into_iter().filter_map(|s| s.fit.as_ref()).find(|f| f.model == v.model).map(|f| f.loglik);
                        // (The verdict is the validation's own, shown with it in every language.)
                        report.validation.push(v);
                    }
                    Err(e) => {
                        messages.push(match e {
                            super::validation::ValidationError::HoldoutNotAfterCalibration { calibration_end, holdout_end } => crate::messages::Note::HoldoutNotAfter { calibration_end, holdout_end },
                            super::validation::ValidationError::NoCustomers => crate::messages::Note::NothingToValidate,
                        });
                        break;
                    }
                }
            }
        }
        _ => {}
    }
    if !report.validation.is_empty() {
        let v = std::mem::take(&mut report.validation);
        report.with_check(v);
    }
    report.messages = messages;
    report
}

/// What [`aggregates`] works from.
struct AggregateInputs<'a> {
    /// Merged: one per distinct (x, t_x, T).
    rows: &'a [WeightedRow],
    n_customers: usize,
    make: &'a dyn Fn(&[f64]) -> Box<dyn PurchaseModel>,
    theta: &'a [f64],
    cov: Option<&'a [f64]>,
    spend: Option<(GammaGamma, Option<&'a [f64]>)>,
    /// Σ of the customers' DERT CLVs, when there are customer rows.
    total_dert: Option<f64>,
}

/// Identical (x, t_x, T) rows merged (weights and monetary sums added), in first-seen order.
fn merge_rows(rows: impl Iterator<Item = WeightedRow>) -> Vec<WeightedRow> {
    // Not reserved for every row: a shop's rows share few distinct (x, t_x, T), and a table
    // sized for half a million customers held 34 MB for a few thousand keys.
    let mut at: crate::fast::Map<(u64, u64, u64), usize> = crate::fast::Map::default();
    let mut out: Vec<WeightedRow> = Vec::new();
    for r in rows {
        let key = (r.x.to_bits(), r.tx.to_bits(), r.t.to_bits());
        match at.get(&key) {
            Some(&i) => {
                let o = &mut out[i];
                o.w += r.w;
                o.m_sum = o.m_sum.zip(r.m_sum).map(|(a, b)| a + b);
            }
            None => {
                at.insert(key, out.len());
                out.push(r);
            }
        }
    }
    out
}

/// The population aggregates with 95% delta-method intervals (parameter uncertainty).
///
/// One pass over the (merged) rows per purchase-model parameter set gives, for every row, the
/// expected purchases over the horizon, P(alive) and the discount-weighted sum of the monthly
/// expectations D (CLV = expected spend × D, see [`ClvConvention::horizons_and_weights`]);
/// all horizons of a row share one series, and rows with the same (x, T) share it too
/// ([`PurchaseModel::for_each_conditional`]). The central differences of all aggregates reuse these
/// passes (2 per parameter). The CLV is linear in the expected spend, so the Gamma-Gamma
/// parameters' differences reuse the base D; its variance adds the two models' blocks (the fits
/// are independent, so the joint covariance is block diagonal).
fn aggregates(inp: &AggregateInputs<'_>, opts: &ClvOptions, set: Settings, messages: &mut crate::messages::Notes) -> Vec<AggregatePrediction> {
    let Settings { horizon, discount, conv, annual } = set;
    let (mut ts, weights) = conv.horizons_and_weights();
    let months = ts.len();
    ts.push(horizon);
    let rows = inp.rows;
    let name = (inp.make)(inp.theta).model_name();
    // Per parameter set: [Σ w E(horizon), Σ w P(alive) / n, E(horizon) of a new customer] and D per row.
    let keys: Vec<(f64, f64, f64)> = rows.iter().map(|c| (c.x, c.tx, c.t)).collect();
    let pass = |p: &[f64]| -> ([f64; 3], Vec<f64>) {
        let m = (inp.make)(p);
        let mut expected = 0.0;
        let mut d = vec![0.0; rows.len()];
        m.for_each_conditional(&ts, &keys, &mut |i, e| {
            expected += rows[i].w * e[months];
            d[i] = weighted_sum(&e[..months], &weights);
        });
        let alive: f64 = rows.iter().map(|c| c.w * m.p_alive(c.x, c.tx, c.t)).sum();
        ([expected, alive / inp.n_customers.max(1) as f64, m.expected_purchases(horizon)], d)
    };
    let all_m = rows.iter().all(|r| r.m_sum.is_some());
    // Expected spend is linear in the monetary value, so a group's is
    // (p v w + p x Σ z̄) / (p x + q − 1); for w = 1 exactly the customer's.
    let spend_of = |s: &GammaGamma, c: &WeightedRow| {
        let ms = if c.x > 0.0 { c.m_sum.unwrap_or(0.0) } else { 0.0 };
        (s.p * s.v * c.w + s.p * c.x * ms) / (s.p * c.x + s.q - 1.0)
    };
    let spend = inp.spend.filter(|_| all_m);
    let base_spend: Option<Vec<f64>> = spend.map(|(s, _)| rows.iter().map(|c| spend_of(&s, c)).collect());
    let (base, base_d) = pass(inp.theta);
    let total_of = |d: &[f64]| base_spend.as_ref().map_or(0.0, |bs| bs.iter().zip(d).map(|(s, d)| s * d).sum::<f64>());
    let vars: Vec<Option<f64>> = match inp.cov {
        Some(c) => delta_method_variances_at(
            |p| {
                let (v, d) = pass(p);
                vec![v[0], v[1], v[2], total_of(&d)]
            },
            inp.theta,
            c,
            Some(vec![base[0], base[1], base[2], total_of(&base_d)]),
        ),
        None => vec![None; 4],
    };
    let mut out = Vec::new();
    let unit = opts.unit.name();
    out.push(AggregatePrediction {
        name: "expected_repeat_purchases",
        description: format!("{name}: expected repeat purchases of the current customers in the next {horizon} {unit}s"),
        value: base[0],
        interval: interval95(base[0], vars[0]),
    });
    out.push(AggregatePrediction {
        name: "new_customer_expected_purchases",
        description: format!("{name}: expected repeat purchases of a new customer in the first {horizon} {unit}s"),
        value: base[2],
        interval: interval95(base[2], vars[2]),
    });
    out.push(AggregatePrediction {
        name: "mean_p_alive",
        description: format!("{name}: mean probability that a customer is still active at the calibration end"),
        value: base[1],
        interval: interval95(base[1], vars[1]),
    });
    if !all_m && inp.spend.is_some() {
        messages.push(crate::messages::Note::NoSpendSums);
    }
    if let Some((s, gg_cov)) = spend {
        let v = total_of(&base_d);
        let var = match (inp.cov, gg_cov) {
            (Some(_), Some(c2)) => {
                let by_spend = |k: &[f64]| {
                    let s = GammaGamma { p: k[0], q: k[1], v: k[2] };
                    rows.iter().zip(&base_d).map(|(c, d)| spend_of(&s, c) * d).sum::<f64>()
                };
                delta_method_variance(by_spend, &s.to_vec(), c2).zip(vars[3]).map(|(a, b)| a + b)
            }
            _ => None,
        };
        out.push(AggregatePrediction {
            name: "total_clv",
            description: format!("{name} + Gamma-Gamma: discounted value of the current customers over {} months ({}% per month)", opts.clv_months, 100.0 * discount),
            value: v,
            interval: interval95(v, var),
        });
        // With customer rows only (it sums their values). No delta-method interval: it would
        // re-evaluate every customer's DERT (56 model evaluations) twice per parameter.
        if let Some(v) = inp.total_dert {
            out.push(AggregatePrediction {
                name: "total_clv_dert",
                description: format!("{name} + Gamma-Gamma: discounted value of the current customers with no horizon, continuous discounting at {}% a year (DERT)", 100.0 * annual),
                value: v,
                interval: None,
            });
        }
    }
    out
}
