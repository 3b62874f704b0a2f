//! Assembles the one serializable [`Scorecard`] from the input files.

use crate::dataset::OrderStatus;
use crate::dataset::{Dataset, Survey};
use crate::input::read::{read_input, Records};
use crate::input::summary::SummaryData;
use crate::input::{InputAccount, InputFile, InputKind};
use crate::metrics::clv::analysis::analyze_clv_keyed;
use crate::metrics::clv::{analyze_clv_groups, analyze_clv_summary, ClvOptions, ClvReport};
use crate::metrics::expectation::{analyze_expectation_indexed, ExpectationOptions, ExpectationReport};
use crate::metrics::loyalty::{LoyaltyOptions, LoyaltyReport};
use crate::metrics::purchases::{purchase_basics, PurchaseBasics};
use crate::metrics::satisfaction::survey::{analyze_survey, SurveyOptions, SurveyReport};
use crate::metrics::satisfaction::{analyze_satisfaction, SatisfactionOptions, SatisfactionReport};
use crate::metrics::stats::wilson95;
use crate::metrics::{Figure, Unit};
use crate::model::Orders;
use crate::Error;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Version of the [`Scorecard`] layout; raised when a field changes meaning or is removed.
pub const SCHEMA_VERSION: u32 = 1;

/// Options of one analysis. Every field has a default; a partial object deserializes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct AnalysisOptions {
    /// The analysis date (`YYYY-MM-DD`): orders after it are left out. Default: the date of the
    /// latest order, so the same files always give the same scorecard.
    pub as_of: Option<String>,
    /// Start of the date range (`YYYY-MM-DD`): orders before it are left out, and so are
    /// reviews, tickets and survey answers dated before it. The figures then describe the range
    /// alone (a customer's orders before it are not seen). Default: no start.
    pub since: Option<String>,
    /// Only orders of this product, category or channel (the orders' `product` column, exact
    /// text), and only reviews of it. Default: all.
    pub product: Option<String>,
    /// Only the orders in this currency (the orders' currency column, e.g. `USD`). Default: one
    /// currency when the orders have one; with several and no `exchange_rates`, the currency
    /// of most orders (the others are left out, with a warning listing them), so that money
    /// figures never add up different currencies.
    pub currency: Option<String>,
    /// Orders in several currencies converted into one: the value of one unit of each currency
    /// in the currency of the figures, which is the one given the rate 1, e.g.
    /// `{"EUR": 1, "USD": 0.92, "GBP": 1.17}`. Every currency of the orders needs a rate.
    /// Default: none (see `currency`).
    pub exchange_rates: Option<std::collections::BTreeMap<String, f64>>,
    /// Churn window, value tiers, what-if assumptions, cohort window.
    pub loyalty: LoyaltyOptions,
    /// Complaint target, iceberg multipliers, comparison periods, thresholds.
    pub satisfaction: SatisfactionOptions,
    /// Index tree and weights, item mappings to dimensions and drivers.
    pub survey: SurveyOptions,
    /// Lifetime-value models: time unit, horizon, discount, which models, calibration/holdout.
    /// Without a holdout end the scorecard validates every fitted model on the last third of the history
    /// (at most 39 weeks).
    pub clv: ClvOptions,
    /// Trust-ladder thresholds: positive rating / CSAT / promoter, orders, tenure, activity rule.
    pub trust: crate::metrics::trust::TrustOptions,
    /// The expectation calculator's assumptions (stage, factors, attractiveness, what-if).
    pub expectation: ExpectationOptions,
}

impl Default for AnalysisOptions {
    /// As each part's default, except that the scorecard leaves the Pareto/NBD out (its fit is
    /// by far the slowest); turn it on with `clv.pareto_nbd = true` (CLI: `--models all`).
    fn default() -> Self {
        AnalysisOptions {
            as_of: None,
            since: None,
            product: None,
            currency: None,
            exchange_rates: None,
            loyalty: LoyaltyOptions::default(),
            satisfaction: SatisfactionOptions::default(),
            survey: SurveyOptions::default(),
            clv: ClvOptions { pareto_nbd: false, ..ClvOptions::default() },
            trust: Default::default(),
            expectation: ExpectationOptions::default(),
        }
    }
}

/// The first and last order date used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// Everything the widget and the command line show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    pub schema_version: u32,
    /// The analysis date.
    pub as_of: Option<NaiveDate>,
    /// First and last order date used.
    pub period: Option<Period>,
    /// The single currency of the orders, when the file names one.
    pub currency: Option<String>,
    /// One account per file read: rows read, used and rejected (with reasons).
    pub inputs: Vec<InputAccount>,
    /// Orders, customers, revenue, repeat-purchase rate, orders per customer.
    pub orders: Option<PurchaseBasics>,
    /// Returning customers, time between orders, cohorts, RFM, 80/20, leaky bucket.
    pub loyalty: Option<LoyaltyReport>,
    /// Ratings, NPS/CSAT/CES, delivery against promise, complaints, review text.
    pub satisfaction: Option<SatisfactionReport>,
    /// Survey items: satisfaction index, importance-performance, drivers, gaps, Kano.
    pub survey: Option<SurveyReport>,
    /// Lifetime value: BG/NBD (and Pareto/NBD, MBG/NBD), Gamma-Gamma, CLV, validation.
    pub clv: Option<ClvReport>,
    /// The trust ladder (satisfied -> emotional -> behavioural trust), levers, earned vs bought loyalty.
    pub trust: Option<crate::metrics::trust::TrustReport>,
    /// The expectation calculator at the options' assumptions: expected level, the promise
    /// that balances attractiveness against late orders, the what-if.
    pub expectation: Option<ExpectationReport>,
    /// When the scorecard was computed from a customer summary instead of orders: what the
    /// summary gave and which figures need the orders themselves.
    pub summary_input: Option<SummaryReport>,
    /// The few findings that matter most for this shop, best first ([`crate::findings`]).
    pub findings: Vec<crate::findings::Finding>,
    /// Things to read before trusting the figures (typed where the page writes them in the
    /// reader's language; each an English sentence in the JSON).
    pub warnings: crate::messages::Notes,
}

/// The scorecard of a customer summary (input kind `summary`): the figures its columns give
/// and the ones that need raw orders.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryReport {
    pub file: String,
    /// A grouped summary (customers counted in groups).
    pub grouped: bool,
    pub calibration_end: NaiveDate,
    pub unit: crate::metrics::clv::TimeUnit,
    pub customers: u64,
    /// Customers with at least one repeat purchase day (frequency > 0).
    pub repeat_buyers: u64,
    /// repeat_buyers ÷ customers (Wilson 95% interval): repeat buyers by purchase days, which
    /// is what a grouped summary can give (the headline rate counts orders).
    pub repeat_buyer_rate: Option<Figure>,
    /// Total orders and revenue, when the summary has those columns.
    pub orders: Option<u64>,
    pub revenue: Option<f64>,
    /// Σ ratings_sum ÷ Σ ratings_count (no interval: a summary has no spread of the ratings).
    pub average_rating: Option<Figure>,
    /// Σ ratings_positive ÷ Σ ratings_count (Wilson).
    pub satisfied_share: Option<Figure>,
    /// Σ complaints ÷ Σ orders (Wilson).
    pub complaint_rate: Option<Figure>,
    /// Σ discount_orders ÷ Σ orders (Wilson).
    pub discount_share: Option<Figure>,
    /// Σ on_time_deliveries ÷ Σ deliveries (Wilson).
    pub on_time_share: Option<Figure>,
    /// Figures of an orders-based scorecard that this summary cannot give, in words.
    pub absent: Vec<crate::messages::SummaryAbsent>,
}

/// How long one stage of an analysis took (milliseconds, by the clock the caller passed in).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageTime {
    pub stage: &'static str,
    pub ms: f64,
}

/// Reads the files and computes the scorecard.
///
/// # Errors
/// A file that cannot be read at all ([`Error`] names it), no orders file, no usable order, or
/// an invalid option.
pub fn analyze(files: &[InputFile<'_>], options: &AnalysisOptions) -> Result<Scorecard, Error> {
    analyze_timed(files, options, &|| 0.0).map(|(card, _)| card)
}

/// [`analyze`], also reporting the time of each stage. `now` is the caller's clock in
/// milliseconds (the core has no clock of its own): `Instant` natively, `performance.now()` in
/// the browser. Used by the benchmark.
///
/// # Errors
/// As [`analyze`].
pub fn analyze_timed(files: &[InputFile<'_>], options: &AnalysisOptions, now: &dyn Fn() -> f64) -> Result<(Scorecard, Vec<StageTime>), Error> {
    analyze_with_progress(files, options, now, &mut |_, _| {})
}

/// [`analyze_timed`], also reporting progress: `progress(stage, fraction)` with `stage`
/// "read" while files are read (fraction of all bytes, 0 to 0.8) and "metrics" after.
///
/// # Errors
/// As [`analyze`].
pub fn analyze_with_progress(files: &[InputFile<'_>], options: &AnalysisOptions, now: &dyn Fn() -> f64, progress: &mut dyn FnMut(&str, f64)) -> Result<(Scorecard, Vec<StageTime>), Error> {
    run(files, options, now, progress).map(|(card, _, times)| (card, times))
}

/// What the files gave, before any option is applied: every record, one account per file, the
/// customer summaries and the warnings of reading. Kept by [`crate::Analysis`] so that a new
/// date range or product filter needs no file read again.
#[derive(Debug, Clone, Default)]
pub(crate) struct Read {
    pub data: Dataset,
    pub inputs: Vec<InputAccount>,
    pub summaries: Vec<(String, SummaryData)>,
    pub warnings: crate::messages::Notes,
}

/// The analysis date and the range start of `options`, checked.
pub(crate) fn option_days(options: &AnalysisOptions) -> Result<(Option<NaiveDate>, Option<NaiveDate>), Error> {
    options.validate()?;
    let day_option = |value: &Option<String>, option: &'static str| match value.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Some).map_err(|_| Error::InvalidOption { option, message: format!("'{s}' is not a date in the form YYYY-MM-DD") }),
    };
    let as_of = day_option(&options.as_of, "as_of")?;
    let since = day_option(&options.since, "since")?;
    if let (Some(a), Some(b)) = (since, as_of) {
        if a > b {
            return Err(Error::InvalidOption { option: "since", message: format!("the range starts ({a}) after it ends ({b})") });
        }
    }
    Ok((as_of, since))
}

/// Reads every file once into one set of records.
pub(crate) fn read_files(files: &[InputFile<'_>], progress: &mut dyn FnMut(&str, f64)) -> Result<Read, Error> {
    let mut read = Read::default();
    read.add_all(files, progress)?;
    read.finish();
    Ok(read)
}

/// Each file read on its own ([`read_input`]), natively on two threads: the files are shared
/// out by size (the largest first, each to the thread with fewer bytes so far), so a large
/// orders file is read while the reviews, tickets and survey are read beside it. The results
/// are in the files' order, whichever thread read them.
#[cfg(not(target_arch = "wasm32"))]
fn read_each(files: &[InputFile<'_>]) -> Vec<Result<crate::input::read::Parsed, Error>> {
    let mut by_size: Vec<usize> = (0..files.len()).collect();
    by_size.sort_by_key(|i| std::cmp::Reverse(files[*i].bytes.len()));
    let (mut mine, mut theirs, mut mine_bytes, mut their_bytes) = (Vec::new(), Vec::new(), 0usize, 0usize);
    for i in by_size {
        let (bin, bytes) = if mine_bytes <= their_bytes { (&mut mine, &mut mine_bytes) } else { (&mut theirs, &mut their_bytes) };
        bin.push(i);
        *bytes += files[i].bytes.len();
    }
    let read = |which: &[usize]| which.iter().map(|&i| (i, read_input(&files[i], &files[i].options, &mut |_| {}))).collect::<Vec<_>>();
    let (a, b) = std::thread::scope(|scope| {
        let other = (!theirs.is_empty()).then(|| scope.spawn(|| read(&theirs)));
        let a = read(&mine);
        (a, other.map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).unwrap_or_default())
    });
    let mut out: Vec<Option<Result<crate::input::read::Parsed, Error>>> = (0..files.len()).map(|_| None).collect();
    for (i, r) in a.into_iter().chain(b) {
        out[i] = Some(r);
    }
    out.into_iter().flatten().collect()
}

impl Read {
    /// Reads one more file; `done_bytes` of `total_bytes` were read before it (for progress).
    /// A caller that holds one file's bytes at a time (the browser worker) calls this per file
    /// and then [`Read::finish`].
    ///
    /// `size` is the file's size as given (a converted file's text can be longer or, for a
    /// workbook's sheet, empty), so that the bar moves by the file's share of the bytes.
    pub(crate) fn add(&mut self, f: &InputFile<'_>, done_bytes: usize, size: usize, total_bytes: usize, progress: &mut dyn FnMut(&str, f64)) -> Result<(), Error> {
        let total = total_bytes.max(1) as f64;
        let (base, share) = (done_bytes as f64 / total, size as f64 / total);
        let parsed = read_input(f, &f.options, &mut |x| progress("read", 0.8 * (base + share * x)))?;
        self.take(f, parsed);
        Ok(())
    }

    /// Reads `files` (natively side by side, see `read_each`) and adds them in their order:
    /// the records are the same as from [`Read::add`] file by file. The first file (in order)
    /// that cannot be read is the error.
    pub(crate) fn add_all(&mut self, files: &[InputFile<'_>], progress: &mut dyn FnMut(&str, f64)) -> Result<(), Error> {
        let total_bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
        #[cfg(not(target_arch = "wasm32"))]
        if files.len() > 1 {
            let mut done = 0usize;
            for (f, parsed) in files.iter().zip(read_each(files)) {
                self.take(f, parsed?);
                done += f.bytes.len();
                progress("read", 0.8 * done as f64 / total_bytes.max(1) as f64);
            }
            return Ok(());
        }
        let mut done_bytes = 0usize;
        for f in files {
            self.add(f, done_bytes, f.bytes.len(), total_bytes, progress)?;
            done_bytes += f.bytes.len();
        }
        Ok(())
    }

    /// Adds what was read from `f`.
    fn take(&mut self, f: &InputFile<'_>, parsed: crate::input::read::Parsed) {
        let data = &mut self.data;
        match parsed.records {
            Records::Orders(o) => data.orders.append(o),
            Records::Reviews(r) => data.reviews.append(r),
            Records::Tickets(t) => append(&mut data.tickets, t),
            Records::Summary(sm) => self.summaries.push((f.name.clone(), *sm)),
            Records::Survey(sv) => {
                if data.survey.responses.is_empty() {
                    data.survey = sv;
                } else if data.survey.questions == sv.questions {
                    data.survey.responses.extend(sv.responses);
                } else {
                    self.warnings.push(crate::messages::Note::SurveyQuestionsDiffer { file: f.name.clone() });
                }
            }
        }
        if let Some(r) = parsed.reviews {
            data.reviews.append(r);
        }
        if let Some(t) = parsed.tickets {
            append(&mut data.tickets, t);
        }
        self.inputs.push(parsed.account);
    }

    /// After the last file: capacity left over from growing the vectors is given back (at a
    /// million rows, up to a quarter of the records' size).
    pub(crate) fn finish(&mut self) {
        self.data.orders.shrink_to_fit();
        self.data.reviews.shrink_to_fit();
        self.data.tickets.shrink_to_fit();
        self.data.survey.responses.shrink_to_fit();
    }
}

/// [`analyze_with_progress`], also giving back what was read (every record, before the
/// options' date range, product filter and analysis date), for [`crate::Analysis`].
pub(crate) fn run(files: &[InputFile<'_>], options: &AnalysisOptions, now: &dyn Fn() -> f64, progress: &mut dyn FnMut(&str, f64)) -> Result<(Scorecard, Read, Vec<StageTime>), Error> {
    let start = now();
    option_days(options)?;
    let read = read_files(files, progress)?;
    let read_ms = now() - start;
    run_read(read, read_ms, options, now, progress)
}

/// [`run`] after the files were read (in `read_ms`).
pub(crate) fn run_read(mut read: Read, read_ms: f64, options: &AnalysisOptions, now: &dyn Fn() -> f64, progress: &mut dyn FnMut(&str, f64)) -> Result<(Scorecard, Read, Vec<StageTime>), Error> {
    let (as_of, since) = option_days(options)?;
    if !read.inputs.iter().any(|a| a.kind == InputKind::Orders) && !read.summaries.is_empty() {
        if since.is_some() || options.product.as_deref().is_some_and(|p| !p.trim().is_empty()) {
            read.warnings.push(crate::messages::Note::SummaryFixedRange);
        }
        let start = now();
        let Read { data, inputs, summaries, warnings } = read;
        let card = summary_scorecard(summaries, inputs, data, warnings, as_of, options);
        let times = vec![StageTime { stage: "read", ms: read_ms }, StageTime { stage: "clv", ms: now() - start }];
        return Ok((card, Read::default(), times));
    }
    let (card, mut times) = scorecard_of(&read, options, now, progress)?;
    times.insert(0, StageTime { stage: "read", ms: read_ms });
    Ok((card, read, times))
}

/// The scorecard of records already read, under `options` (date range, product, analysis
/// date and every metric's options): no file is read.
///
/// # Errors
/// No orders file, no usable order (in the range), or an invalid option.
pub(crate) fn scorecard_of(read: &Read, options: &AnalysisOptions, now: &dyn Fn() -> f64, progress: &mut dyn FnMut(&str, f64)) -> Result<(Scorecard, Vec<StageTime>), Error> {
    let mut laps = Laps::new(now);
    let (data, as_of, warnings) = in_range(read, options)?;
    let mut p = prepare(&data, as_of, read.inputs.clone(), warnings, options, &mut laps);
    progress("metrics", 0.85);
    // The lifetime-value fits are the longest stage and need only the orders: natively they run
    // on a second thread beside loyalty, satisfaction and the calculator, and the trust ladder
    // starts as soon as the BG/NBD fit it needs (P(alive)) is made, while the other models and
    // the predictions are computed. In the browser the analysis worker is one thread: the
    // stages run one after another here (the widget's worker can hand the fits to a second
    // worker instead, see `begin`).
    #[cfg(not(target_arch = "wasm32"))]
    let (rest, trust, (clv, clv_ms)) = std::thread::scope(|scope| {
        let needs_p_alive = options.trust.active_rule != crate::metrics::trust::ActiveRule::Recency;
        let (fitted, bgnbd) = std::sync::mpsc::channel();
        let unit = options.clv.unit;
        let p = &p;
        let fits = scope.spawn(move || {
            let start = std::time::Instant::now();
            let send = move |fit: Option<crate::metrics::clv::bgnbd::BgNbd>, cal: NaiveDate| {
                let p_alive = fit.and_then(|m| crate::metrics::clv::bgnbd::BgNbd::new(m.r, m.alpha, m.a, m.b).ok());
                // The receiver may have stopped waiting (it then reads the finished report).
                let _ = fitted.send(p_alive.map(|model| crate::metrics::trust::PAliveModel { model, calibration_end: cal, unit }));
            };
            (clv_stage(p, options, Some(&send)), start.elapsed().as_secs_f64() * 1e3)
        });
        let rest = rest_stages(p, options, &mut laps);
        // The P(alive) model, as soon as the fit is made; without a fit made (no calibration
        // end), from the finished report as before.
        let early = if needs_p_alive { bgnbd.recv().ok() } else { Some(None) };
        let trust = early.map(|p_alive| trust_stage(p, options, rest.loyalty.as_ref(), p_alive));
        laps.lap("trust");
        let (clv, ms) = fits.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        laps.lap("clv_wait");
        let trust = trust.unwrap_or_else(|| trust_stage(p, options, rest.loyalty.as_ref(), clv.as_ref().and_then(crate::metrics::trust::p_alive_of)));
        (rest, trust, (clv, Some(ms)))
    });
    #[cfg(target_arch = "wasm32")]
    let (rest, trust, (clv, clv_ms)) = {
        let rest = rest_stages(&p, options, &mut laps);
        let clv = clv_stage(&p, options, None);
        laps.lap("clv");
        let trust = trust_after(&p, options, &rest, clv.as_ref());
        laps.lap("trust");
        (rest, trust, (clv, None::<f64>))
    };
    let mut times = laps.times;
    if let Some(ms) = clv_ms {
        // Its own time on its thread (the stages above overlap it).
        times.push(StageTime { stage: "clv", ms });
    }
    Ok((finish(&mut p, rest, clv, trust), times))
}

/// The lifetime-value stage's input as plain numbers, for a second worker: every customer's
/// purchases (day and total) in the customer index's order, the analysis date, the first order
/// date and the options. The second worker runs the stage on it and sends back the log of its
/// fits and variances (`metrics::clv::replay`); the analysis worker, meanwhile computing the
/// other metrics, then builds the lifetime-value report itself with them.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) struct ClvJob {
    /// Customer `c`'s purchases are `ends[c - 1] .. ends[c]` of `days` and `totals`.
    pub ends: Vec<u32>,
    /// Days since 1 January of year 1 (`NaiveDate::num_days_from_ce`).
    pub days: Vec<i32>,
    pub totals: Vec<f64>,
    pub as_of: NaiveDate,
    pub first: Option<NaiveDate>,
    pub options: ClvOptions,
    /// Whether the orders have money (a total column).
    pub has_money: bool,
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
impl ClvJob {
    fn of(p: &Prepared<'_>, options: &AnalysisOptions) -> Option<ClvJob> {
        use chrono::Datelike;
        let (as_of, index) = p.as_of.zip(p.purchases.as_ref())?;
        let (dates, totals) = (p.data.orders.dates(), p.data.orders.totals());
        let at = index.positions();
        Some(ClvJob {
            ends: index.ends().to_vec(),
            days: at.iter().map(|i| dates[*i as usize].num_days_from_ce()).collect(),
            totals: at.iter().map(|i| totals[*i as usize]).collect(),
            as_of,
            first: p.period.as_ref().map(|x| x.first),
            options: options.clv.clone(),
            has_money: p.data.orders.has_money(),
        })
    }

    /// Runs the lifetime-value stage on the job's purchases: the log of its fits and variances.
    /// `None` when the job's numbers do not hold together.
    #[cfg(test)]
    pub(crate) fn log(&self) -> Option<Vec<crate::metrics::clv::replay::Entry>> {
        self.log_with(None)
    }

    /// [`ClvJob::log`], calling `on_bgnbd` with the BG/NBD fit as soon as it is made (the
    /// analysis worker's trust ladder needs only it, see [`Pending::early_trust`]).
    pub(crate) fn log_with(&self, on_bgnbd: crate::metrics::clv::analysis::OnBgNbd<'_>) -> Option<Vec<crate::metrics::clv::replay::Entry>> {
        let n = self.days.len();
        if self.totals.len() != n || self.ends.windows(2).any(|w| w[0] > w[1]) || self.ends.last().map_or(n != 0, |e| *e as usize != n) {
            return None;
        }
        let dates: Vec<NaiveDate> = self.days.iter().map(|d| NaiveDate::from_num_days_from_ce_opt(*d)).collect::<Option<_>>()?;
        // The report alone: its holdout check is the analysis worker's (see `Pending::rest`).
        let (mut o, _) = clv_plan(&self.options, self.as_of, self.first);
        // As `analyze_clv_keyed`: the configured calibration end, else the last purchase.
        let cal = o.calibration_end.or_else(|| dates.iter().max().copied())?;
        // Without money the analysis worker fits no spend model (it knows from its orders).
        o.spend_model &= self.has_money;
        let summary = crate::metrics::clv::summary::summarize_purchases(&self.ends, &dates, &self.totals, cal, o.unit);
        let (_, log) = crate::metrics::clv::replay::record(|| crate::metrics::clv::analysis::analyze_clv_summarized(&summary, &o, on_bgnbd));
        Some(log)
    }
}

/// The records an analysis keeps between its two halves, and those in the options' range when
/// they differ (another date range, a product, a currency).
struct Owned {
    read: Read,
    in_range: Option<Dataset>,
}

/// The half-made scorecard: what the metrics share and the metrics computed so far.
struct Half<'d> {
    p: Prepared<'d>,
    rest: Option<Rest>,
    /// The lifetime-value report's holdout check (`None`: not made yet; `Some(None)`: none).
    checked: Option<Option<Vec<crate::metrics::clv::validation::Validation>>>,
    /// The trust ladder made early, with the P(alive) model it was made with.
    trust: Option<(Option<crate::metrics::trust::PAliveModel>, Option<crate::metrics::trust::TrustReport>)>,
    /// When the last stage ended, and the stage times so far.
    last: f64,
    times: Vec<StageTime>,
}

impl Half<'_> {
    /// The stage clock resumed with `now` (the times so far go with it; [`Half::pause`] keeps them).
    fn laps<'n>(&mut self, now: &'n dyn Fn() -> f64) -> Laps<'n> {
        Laps { now, last: self.last, times: std::mem::take(&mut self.times) }
    }

    fn pause(&mut self, laps: Laps<'_>) {
        (self.last, self.times) = (laps.last, laps.times);
    }
}

self_cell::self_cell!(
    struct HalfCell {
        owner: Owned,
        #[covariant]
        dependent: Half,
    }
);

/// An analysis waiting for its lifetime-value log (see [`ClvJob`]): [`begin`], then
/// [`Pending::rest`] while the job is computed elsewhere, then [`Pending::finish`].
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) struct Pending {
    cell: HalfCell,
    options: AnalysisOptions,
    read_ms: f64,
}

/// How [`begin`] went: the scorecard is made (nothing to hand over: a customer summary, no
/// analysis date), or it waits for the job's log.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
// Made once per analysis and taken apart at once: boxing the larger variant would save nothing.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Begun {
    Done(Scorecard, Read),
    Waiting(Pending, ClvJob),
}

/// [`run_read`] in two halves, for a caller that can have the lifetime-value stage computed
/// elsewhere at the same time: the records in range, their keys and customer index, and the
/// job to hand over.
///
/// # Errors
/// As [`run_read`].
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn begin(read: Read, read_ms: f64, options: &AnalysisOptions, now: &dyn Fn() -> f64) -> Result<Begun, Error> {
    if !read.inputs.iter().any(|a| a.kind == InputKind::Orders) {
        let (card, read, _) = run_read(read, read_ms, options, now, &mut |_, _| {})?;
        return Ok(Begun::Done(card, read));
    }
    let start = now();
    let (in_range, as_of, warnings) = match in_range(&read, options)? {
        (Cow::Owned(d), a, w) => (Some(d), a, w),
        (Cow::Borrowed(_), a, w) => (None, a, w),
    };
    let cell = HalfCell::new(Owned { read, in_range }, |o| {
        let data = o.in_range.as_ref().unwrap_or(&o.read.data);
        let mut laps = Laps { now, last: start, times: Vec::new() };
        let p = prepare(data, as_of, o.read.inputs.clone(), warnings, options, &mut laps);
        Half { p, rest: None, checked: None, trust: None, last: laps.last, times: laps.times }
    });
    let pending = Pending { cell, options: options.clone(), read_ms };
    match pending.cell.with_dependent(|_, h| ClvJob::of(&h.p, options)) {
        Some(job) => Ok(Begun::Waiting(pending, job)),
        None => {
            let (card, read, _, _) = pending.finish(None, now);
            Ok(Begun::Done(card, read))
        }
    }
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
impl Pending {
    /// The options the scorecard is made under.
    pub(crate) fn options(&self) -> &AnalysisOptions {
        &self.options
    }

    /// Loyalty, satisfaction, the survey, the calculator and the lifetime-value report's
    /// holdout check (while the job is computed elsewhere).
    pub(crate) fn rest(&mut self, now: &dyn Fn() -> f64) {
        let options = &self.options;
        self.cell.with_dependent_mut(|_, h| {
            let mut laps = h.laps(now);
            h.rest = Some(rest_stages(&h.p, options, &mut laps));
            h.checked = Some(check_stage(&h.p, options));
            laps.lap("clv_check");
            h.pause(laps);
        });
    }

    /// The trust ladder as soon as the BG/NBD fit is known (`bgnbd`: r, α, a, b and the
    /// calibration end of the fit made elsewhere; `None`: none could be made), after
    /// [`Pending::rest`]. [`Pending::finish`] keeps it when the lifetime-value report's own
    /// BG/NBD is that one, and makes it again otherwise.
    pub(crate) fn early_trust(&mut self, bgnbd: Option<([f64; 4], NaiveDate)>, now: &dyn Fn() -> f64) {
        let options = &self.options;
        self.cell.with_dependent_mut(|_, h| {
            if h.rest.is_none() {
                return;
            }
            let needs_p_alive = options.trust.active_rule != crate::metrics::trust::ActiveRule::Recency;
            let model = bgnbd.filter(|_| needs_p_alive).and_then(|([r, alpha, a, b], calibration_end)| {
                let model = crate::metrics::clv::bgnbd::BgNbd::new(r, alpha, a, b).ok()?;
                Some(crate::metrics::trust::PAliveModel { model, calibration_end, unit: options.clv.unit })
            });
            let mut laps = h.laps(now);
            let loyalty = h.rest.as_ref().and_then(|r| r.loyalty.as_ref());
            let trust = trust_stage(&h.p, options, loyalty, model.clone());
            laps.lap("trust");
            h.trust = Some((model, trust));
            h.pause(laps);
        });
    }

    /// The scorecard: the lifetime-value stage with the job's `log` (computed here where the
    /// log has nothing for it), the trust ladder, the findings. Also the records kept.
    /// How much of the log was used is the fourth part.
    pub(crate) fn finish(mut self, log: Option<Vec<crate::metrics::clv::replay::Entry>>, now: &dyn Fn() -> f64) -> (Scorecard, Read, Vec<StageTime>, crate::metrics::clv::replay::Replayed) {
        let options = &self.options;
        let read_ms = self.read_ms;
        let (card, times, replayed) = self.cell.with_dependent_mut(|_, h| {
            let mut laps = h.laps(now);
            let rest = h.rest.take().unwrap_or_else(|| rest_stages(&h.p, options, &mut laps));
            let checked = h.checked.take().unwrap_or_else(|| check_stage(&h.p, options));
            // The job's log was made with the default model: where the check chose another,
            // its fits still serve and its figures are computed here.
            let main = || main_stage(&h.p, options, checked.as_deref());
            let (mut clv, replayed) = match log {
                Some(log) => crate::metrics::clv::replay::replay(log, main),
                None => (main(), Default::default()),
            };
            if let (Some(report), Some(v)) = (clv.as_mut(), checked) {
                report.with_check(v);
            }
            laps.lap("clv");
            let wanted = p_alive_for(options, clv.as_ref());
            let same = |m: &Option<crate::metrics::trust::PAliveModel>| match (m, &wanted) {
                (None, None) => true,
                (Some(a), Some(b)) => a.model == b.model && a.calibration_end == b.calibration_end && a.unit == b.unit,
                _ => false,
            };
            let trust = match h.trust.take() {
                Some((model, trust)) if same(&model) => trust,
                _ => trust_stage(&h.p, options, rest.loyalty.as_ref(), wanted),
            };
            laps.lap("trust");
            let card = finish(&mut h.p, rest, clv, trust);
            (card, laps.times, replayed)
        });
        let mut times = times;
        times.insert(0, StageTime { stage: "read", ms: read_ms });
        (card, self.cell.into_owner().read, times, replayed)
    }
}

/// Stage times, each from the end of the one before.
struct Laps<'n> {
    now: &'n dyn Fn() -> f64,
    last: f64,
    times: Vec<StageTime>,
}

impl<'n> Laps<'n> {
    fn new(now: &'n dyn Fn() -> f64) -> Laps<'n> {
        Laps { now, last: now(), times: Vec::new() }
    }

    fn lap(&mut self, stage: &'static str) {
        let t = (self.now)();
        self.times.push(StageTime { stage, ms: t - self.last });
        self.last = t;
    }
}

/// The records in the options' range (currency, start, product, analysis date), the analysis
/// date and the warnings so far; the errors of a scorecard that cannot be made.
fn in_range<'r>(read: &'r Read, options: &AnalysisOptions) -> Result<(Cow<'r, Dataset>, Option<NaiveDate>, crate::messages::Notes), Error> {
    let (as_of, since) = option_days(options)?;
    if !read.inputs.iter().any(|a| a.kind == InputKind::Orders) {
        return Err(Error::NoUsableData("no orders file was given: the scorecard starts from an orders export (or a customer summary)".into()));
    }
    let mut warnings = read.warnings.clone();
    for (name, _) in &read.summaries {
        warnings.push(crate::messages::Note::SummaryNotCombined { file: name.clone() });
    }
    if !read.data.orders.statuses().contains(&OrderStatus::Completed) {
        let names: Vec<&str> = read.inputs.iter().filter(|a| a.kind == InputKind::Orders).map(|a| a.file.as_str()).collect();
        // Orders were read, but none says who bought it (a guest's 0 on every row, no e-mail,
        // phone or name): the scorecard measures customers.
        let unkeyed = read.data.orders.unkeyed().len();
        if unkeyed > 0 && read.data.orders.is_empty() {
            return Err(Error::NoUsableData(format!(
                "{}: {unkeyed} completed orders were read, but none names its customer (the customer column is empty or a placeholder such as 0 or guest on every row, and there is no e-mail, phone or name): choose the column that names the customer in the correction form (or the file's mapping option, customer_id)",
                names.join(", ")
            )));
        }
        return Err(Error::NoUsableData(format!("{}: no row could be used as a completed order", names.join(", "))));
    }
    let (data, as_of) = filtered(&read.data, Money::of(options), since, options.product.as_deref(), as_of, &mut warnings)?;
    Ok((data, as_of, warnings))
}

/// What every metric shares: the records in range, their keys and customer index, and the
/// parts of the scorecard known before the metrics.
struct Prepared<'d> {
    data: &'d Dataset,
    as_of: Option<NaiveDate>,
    period: Option<Period>,
    currency: Option<String>,
    inputs: Vec<InputAccount>,
    warnings: crate::messages::Notes,
    keys: crate::model::Keys<'d>,
    /// The customer index of purchases (completed orders on or before the analysis date),
    /// built once and shared by loyalty, lifetime value, the trust ladder and the calculator.
    purchases: Option<crate::model::CustomerIndex>,
    orders: Option<PurchaseBasics>,
}

fn prepare<'d>(data: &'d Dataset, as_of: Option<NaiveDate>, inputs: Vec<InputAccount>, mut warnings: crate::messages::Notes, _options: &AnalysisOptions, laps: &mut Laps<'_>) -> Prepared<'d> {
    let period = match (data.orders.dates().iter().min().copied(), data.orders.dates().iter().max().copied()) {
        (Some(first), Some(last)) => Some(Period { first, last }),
        _ => None,
    };
    let currencies = data.orders.distinct_currencies();
    let currency = match currencies.as_slice() {
        [one] => Some(one.to_string()),
        [] => None,
        // Only when the currency column holds free text (over 64 values), which `one_currency`
        // leaves as it is.
        many => {
            warnings.push(crate::messages::Note::ManyCurrencies { currencies: many.iter().map(|c| c.to_string()).collect() });
            None
        }
    };
    for a in &inputs {
        for w in &a.warnings {
            warnings.push(crate::messages::Note::OfFile { file: a.file.clone(), note: Box::new(w.clone()) });
        }
        if a.rows_rejected > 0 {
            warnings.push(crate::messages::Note::OfFile { file: a.file.clone(), note: Box::new(crate::messages::Note::RowsRejected { rejected: a.rows_rejected, read: a.rows_read }) });
        }
    }
    // Natively, the order ids' lookup table (their pool was filled in rising order, without one)
    // is built on a second thread while the customers of the reviews, tickets and answers are
    // looked up here; the reviews' and tickets' orders are looked up once it is there.
    #[cfg(not(target_arch = "wasm32"))]
    let keys = std::thread::scope(|scope| {
        if !data.reviews.is_empty() || !data.tickets.is_empty() {
            scope.spawn(|| data.orders.order_ids().index());
        }
        crate::model::Keys::new(data)
    });
    #[cfg(target_arch = "wasm32")]
    let keys = crate::model::Keys::new(data);
    let purchases = as_of.map(|day| crate::model::CustomerIndex::purchases(data, &keys, day));
    laps.lap("prepare");
    let orders = purchase_basics(&data.orders);
    if let Some(w) = orders.as_ref().and_then(|b| b.repeat_purchase_rate.warning.clone()) {
        warnings.push(w);
    }
    laps.lap("purchases");
    Prepared { data, as_of, period, currency, inputs, warnings, keys, purchases, orders }
}

/// Loyalty, satisfaction, the survey and the expectation calculator.
struct Rest {
    loyalty: Option<LoyaltyReport>,
    satisfaction: Option<SatisfactionReport>,
    survey: Option<SurveyReport>,
    expectation: Option<ExpectationReport>,
}

fn rest_stages(p: &Prepared<'_>, options: &AnalysisOptions, laps: &mut Laps<'_>) -> Rest {
    let data = p.data;
    let indexed = p.as_of.zip(p.purchases.as_ref());
    let loyalty = indexed.map(|(day, purchases)| {
        let mut opts = options.loyalty.clone();
        // The per-customer table is for exports (CLI --customers-out), not the scorecard.
        opts.include_customer_table = false;
        crate::metrics::loyalty::analyze_loyalty_indexed(&data.orders, &p.keys, purchases, day, &opts)
    });
    laps.lap("loyalty");
    let satisfaction = p.as_of.map(|day| crate::metrics::satisfaction::analyze_satisfaction_keyed(data, &p.keys, day, &options.satisfaction));
    let survey = (!data.survey.responses.is_empty()).then(|| {
        let repurchase = repurchase_flags(data, &p.keys);
        analyze_survey(&data.survey, Some(&repurchase), &options.survey)
    });
    laps.lap("satisfaction");
    let expectation = indexed.map(|(day, purchases)| {
        let delivery = satisfaction.as_ref().and_then(|s| s.delivery.as_ref());
        analyze_expectation_indexed(data, purchases, day, delivery, &options.expectation)
    });
    laps.lap("expectation");
    Rest { loyalty, satisfaction, survey, expectation }
}

/// The lifetime-value stage (with its holdout check); `on_bgnbd` as in `analyze_clv_keyed`.
fn clv_stage(p: &Prepared<'_>, options: &AnalysisOptions, on_bgnbd: crate::metrics::clv::analysis::OnBgNbd<'_>) -> Option<ClvReport> {
    // The purchases index serves as the index of completed orders: orders after the analysis
    // date were left out of the records in range.
    p.as_of.zip(p.purchases.as_ref()).map(|(day, purchases)| clv_with_validation(&p.data.orders, &p.keys, purchases, day, p.period.as_ref().map(|x| x.first), &options.clv, on_bgnbd))
}

/// The lifetime-value report without its holdout check (see [`clv_plan`]).
fn main_stage(p: &Prepared<'_>, options: &AnalysisOptions, checked: Option<&[crate::metrics::clv::validation::Validation]>) -> Option<ClvReport> {
    let (day, purchases) = p.as_of.zip(p.purchases.as_ref())?;
    let (o, _) = clv_plan(&options.clv, day, p.period.as_ref().map(|x| x.first));
    Some(analyze_clv_keyed(&p.data.orders, &p.keys, purchases, &with_primary(&o, checked), None))
}

/// The lifetime-value report's holdout check alone: `None` when it makes none.
fn check_stage(p: &Prepared<'_>, options: &AnalysisOptions) -> Option<Vec<crate::metrics::clv::validation::Validation>> {
    let (day, purchases) = p.as_of.zip(p.purchases.as_ref())?;
    let (_, check) = clv_plan(&options.clv, day, p.period.as_ref().map(|x| x.first));
    check.map(|v| analyze_clv_keyed(&p.data.orders, &p.keys, purchases, &v, None).validation)
}

fn trust_stage(p: &Prepared<'_>, options: &AnalysisOptions, loyalty: Option<&LoyaltyReport>, p_alive: Option<crate::metrics::trust::PAliveModel>) -> Option<crate::metrics::trust::TrustReport> {
    p.as_of.zip(p.purchases.as_ref()).and_then(|(day, purchases)| crate::metrics::trust::scorecard_trust_keyed(p.data, &p.keys, purchases, day, loyalty, p_alive, &options.trust))
}

/// The trust ladder once the lifetime-value report is made (its BG/NBD gives P(alive)).
#[cfg(target_arch = "wasm32")]
fn trust_after(p: &Prepared<'_>, options: &AnalysisOptions, rest: &Rest, clv: Option<&ClvReport>) -> Option<crate::metrics::trust::TrustReport> {
    trust_stage(p, options, rest.loyalty.as_ref(), p_alive_for(options, clv))
}

/// The P(alive) model the trust ladder uses: the lifetime-value report's BG/NBD, unless the
/// ladder's active rule does without.
fn p_alive_for(options: &AnalysisOptions, clv: Option<&ClvReport>) -> Option<crate::metrics::trust::PAliveModel> {
    let needs_p_alive = options.trust.active_rule != crate::metrics::trust::ActiveRule::Recency;
    if needs_p_alive {
        clv.and_then(crate::metrics::trust::p_alive_of)
    } else {
        None
    }
}

/// The scorecard from its parts (the prepared parts are taken out of `p`).
fn finish(p: &mut Prepared<'_>, rest: Rest, clv: Option<ClvReport>, trust: Option<crate::metrics::trust::TrustReport>) -> Scorecard {
    let mut card = Scorecard {
        schema_version: SCHEMA_VERSION,
        as_of: p.as_of,
        period: p.period.take(),
        currency: p.currency.take(),
        inputs: std::mem::take(&mut p.inputs),
        orders: p.orders.take(),
        loyalty: rest.loyalty,
        satisfaction: rest.satisfaction,
        survey: rest.survey,
        clv,
        trust,
        expectation: rest.expectation,
        summary_input: None,
        findings: Vec::new(),
        warnings: std::mem::take(&mut p.warnings),
    };
    card.findings = crate::findings::findings(&card);
    card
}

/// Appends `more` to `all`; the first file's records are moved, not copied (at a million orders
/// a copy would hold both for a moment).
fn append<T>(all: &mut Vec<T>, mut more: Vec<T>) {
    if all.is_empty() {
        std::mem::swap(all, &mut more);
    } else {
        all.append(&mut more);
    }
}

/// Orders without a customer key were kept without their currency: with several currencies
/// they are left out (said in a warning) rather than added in an unknown currency.
fn without_currency(orders: &mut Orders, warnings: &mut crate::messages::Notes) {
    let n = orders.unkeyed().len();
    if n > 0 {
        orders.retain_unkeyed(|_| false);
        warnings.push(crate::messages::Note::UnkeyedLeftOut { n });
    }
}

/// How the analysis treats the orders' currencies: the `currency` and `exchange_rates` options.
#[derive(Clone, Copy, Default)]
pub(crate) struct Money<'o> {
    pub currency: Option<&'o str>,
    pub rates: Option<&'o std::collections::BTreeMap<String, f64>>,
}

impl<'o> Money<'o> {
    pub(crate) fn of(options: &'o AnalysisOptions) -> Money<'o> {
        Money { currency: options.currency.as_deref().map(str::trim).filter(|c| !c.is_empty()), rates: options.exchange_rates.as_ref() }
    }
}

/// The orders in one currency, so that no money figure adds up different currencies: all of
/// them converted with the exchange rates when those cover every currency; else the orders of
/// the chosen currency, or of the currency most orders are in (orders without a currency go
/// with it). What is left out or converted is said in a warning.
fn one_currency<'d>(all: &'d Dataset, money: Money<'_>, warnings: &mut crate::messages::Notes) -> Result<Cow<'d, Dataset>, Error> {
    let orders = &all.orders;
    // Orders per currency, most first (ties: by code).
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for i in 0..orders.len() {
        if let Some(c) = orders.currency_at(i) {
            match counts.iter_mut().find(|(k, _)| *k == c) {
                Some(x) => x.1 += 1,
                None => counts.push((c, 1)),
            }
        }
        if counts.len() > 64 {
            // A column of free text, not of currencies: nothing to keep apart.
            return Ok(Cow::Borrowed(all));
        }
    }
    crate::fast::sort_stable(&mut counts, |a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let owned = |cs: &[(&str, usize)]| cs.iter().map(|(c, n)| (c.to_string(), *n)).collect::<Vec<_>>();
    let listed = |cs: &[(&str, usize)]| crate::messages::currency_counts(&owned(cs));
    if let Some(rates) = money.rates {
        let base = rates.iter().find(|(_, r)| **r == 1.0).map(|(c, _)| c.as_str()).unwrap_or_default();
        let missing: Vec<&str> = counts.iter().map(|x| x.0).filter(|c| !rates.contains_key(*c)).collect();
        if !missing.is_empty() {
            return Err(Error::InvalidOption { option: "exchange_rates", message: format!("no rate for {} (the orders are in {})", missing.join(", "), listed(&counts)) });
        }
        if counts.iter().all(|(c, _)| *c == base) {
            return Ok(Cow::Borrowed(all));
        }
        let used: Vec<(String, f64)> = counts.iter().filter(|(c, _)| *c != base).map(|(c, _)| (c.to_string(), rates[*c])).collect();
        warnings.push(crate::messages::Note::CurrenciesConverted { counts: owned(&counts), base: base.to_string(), rates: used });
        let mut converted = orders.in_currency(base, |c| c.and_then(|c| rates.get(c)).copied().unwrap_or(1.0));
        without_currency(&mut converted, warnings);
        return Ok(Cow::Owned(replaced(Cow::Borrowed(all), converted, None)));
    }
    let Some(&(main, _)) = counts.first() else { return Ok(Cow::Borrowed(all)) };
    let keep = match money.currency {
        Some(c) if counts.iter().any(|x| x.0 == c) => c,
        Some(c) => return Err(Error::InvalidOption { option: "currency", message: format!("no order is in {c} (the orders are in {})", listed(&counts)) }),
        None if counts.len() == 1 => return Ok(Cow::Borrowed(all)),
        None => main,
    };
    // The orders without a currency go with the main one.
    let mut kept = orders.select(|i| orders.currency_at(i).map_or(keep == main, |c| c == keep));
    without_currency(&mut kept, warnings);
    let left: Vec<(&str, usize)> = counts.iter().copied().filter(|x| x.0 != keep).collect();
    let left_n: usize = left.iter().map(|x| x.1).sum();
    if left_n > 0 {
        warnings.push(crate::messages::Note::CurrenciesKept {
            counts: owned(&counts),
            kept: keep.to_string(),
            kept_orders: kept.len(),
            left_orders: left_n,
            left: left.iter().map(|x| x.0.to_string()).collect(),
        });
    }
    if !kept.statuses().contains(&OrderStatus::Completed) {
        return Err(Error::NoUsableData(format!("no completed order is in {keep}")));
    }
    Ok(Cow::Owned(replaced(Cow::Borrowed(all), kept, None)))
}

/// The records the scorecard describes: what is before `since` left out and, with `product`,
/// the orders and reviews of other products; then the orders after the analysis date (the
/// option, else the latest order left). Says how many in `warnings`. Borrowed as they are when
/// nothing is left out. Gives the analysis date too.
///
/// # Errors
/// No completed order is left.
pub(crate) fn filtered<'d>(
    all: &'d Dataset,
    money: Money<'_>,
    since: Option<NaiveDate>,
    product: Option<&str>,
    as_of: Option<NaiveDate>,
    warnings: &mut crate::messages::Notes,
) -> Result<(Cow<'d, Dataset>, Option<NaiveDate>), Error> {
    let product = product.map(str::trim).filter(|p| !p.is_empty());
    let mut data: Cow<'d, Dataset> = one_currency(all, money, warnings)?;
    if let Some(day) = since {
        let before = data.orders.len();
        let d = Dataset {
            orders: {
                let dates = data.orders.dates();
                let mut o = data.orders.select(|i| dates[i] >= day);
                o.retain_unkeyed(|d| d >= day);
                o
            },
            reviews: data.reviews.select(|r| r.date.is_none_or(|d| d >= day)),
            tickets: data.tickets.iter().filter(|t| t.opened >= day).cloned().collect(),
            survey: Survey { questions: data.survey.questions.clone(), responses: data.survey.responses.iter().filter(|r| r.date.is_none_or(|d| d >= day)).cloned().collect() },
        };
        let left = before - d.orders.len();
        if left > 0 {
            warnings.push(crate::messages::Note::RangeLeftOut { n: left, day });
        }
        data = Cow::Owned(d);
    }
    if let Some(p) = product {
        let before = data.orders.len();
        let mut orders = data.orders.select(|i| data.orders.get(i).product == Some(p));
        // The orders without a customer were kept without their product: not in a product's figures.
        orders.retain_unkeyed(|_| false);
        let reviews = data.reviews.select(|r| r.product.is_none_or(|rp| rp == p));
        warnings.push(crate::messages::Note::ProductOnly { product: p.to_string(), n: orders.len(), of: before });
        data = Cow::Owned(replaced(data, orders, Some(reviews)));
    }
    if (since.is_some() || product.is_some()) && !data.orders.statuses().contains(&OrderStatus::Completed) {
        return Err(Error::NoUsableData("no completed order is left in the chosen range or product".into()));
    }
    let as_of = as_of.or_else(|| {
        let latest = data.orders.dates().iter().max().copied()?;
        let Some(cut) = far_after_the_rest(&data.orders) else { return Some(latest) };
        if latest <= cut {
            return Some(latest);
        }
        let late = data.orders.dates().iter().filter(|d| **d > cut).count();
        warnings.push(crate::messages::Note::FarFuture { n: late, cut });
        data.orders.dates().iter().copied().filter(|d| *d <= cut).max()
    });
    if let Some(day) = as_of {
        let later = data.orders.dates().iter().filter(|d| **d > day).count();
        if later > 0 {
            let orders = {
                let dates = data.orders.dates();
                let mut o = data.orders.select(|i| dates[i] <= day);
                o.retain_unkeyed(|d| d <= day);
                o
            };
            data = Cow::Owned(replaced(data, orders, None));
            warnings.push(crate::messages::Note::LaterLeftOut { n: later, day });
        }
    }
    Ok((data, as_of))
}

/// The last day an order may have without standing far after the rest: a year after the date
/// that 99% of the orders reach (`None` with fewer than 100 orders, too few to tell). An order
/// beyond it (a mistyped year, a placeholder the reader could not know) would become the
/// analysis date and stretch every window.
fn far_after_the_rest(orders: &Orders) -> Option<NaiveDate> {
    if orders.len() < 100 {
        return None;
    }
    let mut days: Vec<NaiveDate> = orders.dates().to_vec();
    let k = (days.len() * 99).div_ceil(100) - 1;
    let (_, p99, _) = days.select_nth_unstable(k);
    p99.checked_add_signed(chrono::Duration::days(366))
}

/// `data` with other orders (and reviews): the rest is moved when owned, copied when borrowed.
fn replaced(data: Cow<'_, Dataset>, orders: Orders, reviews: Option<crate::model::Reviews>) -> Dataset {
    let mut d = match data {
        Cow::Owned(d) => Dataset { orders: Orders::new(), ..d },
        Cow::Borrowed(b) => {
            Dataset { orders: Orders::new(), reviews: if reviews.is_some() { crate::model::Reviews::new() } else { b.reviews.clone() }, tickets: b.tickets.clone(), survey: b.survey.clone() }
        }
    };
    d.orders = orders;
    if let Some(r) = reviews {
        d.reviews = r;
    }
    d
}

/// The scorecard of a customer summary: headline figures from its columns, the lifetime-value
/// section from its (frequency, recency, T, monetary value), satisfaction and survey sections
/// from review / survey / ticket files given with it; the rest is absent, and said so.
fn summary_scorecard(
    mut summaries: Vec<(String, SummaryData)>,
    inputs: Vec<InputAccount>,
    data: Dataset,
    warnings: crate::messages::Notes,
    as_of: Option<NaiveDate>,
    options: &AnalysisOptions,
) -> Scorecard {
    let mut warnings = warnings;
    let (name, s) = summaries.remove(0);
    for (other, _) in &summaries {
        warnings.push(crate::messages::Note::OnlyOneSummary { file: other.clone(), used: name.clone() });
    }
    let cal = s.calibration_end;
    if let Some(d) = as_of.filter(|d| *d != cal) {
        warnings.push(crate::messages::Note::SummaryAsOf { file: name.clone(), calibration_end: cal, asked: d });
    }
    if let Some(d) = options.clv.calibration_end.filter(|d| *d != cal) {
        warnings.push(crate::messages::Note::SummaryCalibrationEnd { file: name.clone(), calibration_end: cal, asked: d });
    }
    if options.clv.unit != s.unit {
        warnings.push(crate::messages::Note::SummaryUnit { file: name.clone(), unit: s.unit.name(), asked: options.clv.unit.name() });
    }
    for a in &inputs {
        for w in &a.warnings {
            warnings.push(crate::messages::Note::OfFile { file: a.file.clone(), note: Box::new(w.clone()) });
        }
        if a.rows_rejected > 0 {
            warnings.push(crate::messages::Note::OfFile { file: a.file.clone(), note: Box::new(crate::messages::Note::RowsRejected { rejected: a.rows_rejected, read: a.rows_read }) });
        }
    }
    let customers = s.customer_count();
    let repeat_buyers: u64 = s.purchase_groups.iter().filter(|g| g.frequency > 0).fold(0u64, |a, g| a.saturating_add(g.count));
    let rate = |k: u64, n: u64, unit_n: Unit| (n > 0).then(|| Figure { value: k as f64 / n as f64, unit: Unit::Proportion, n, n_of: unit_n, interval: wilson95(k, n), warning: None });
    // Sums of an optional column; None when any customer lacks it.
    let col = |f: &dyn Fn(&crate::input::summary::SummaryCustomer) -> Option<u64>| -> Option<u64> {
        if s.customers.is_empty() {
            return None;
        }
        s.customers.iter().map(f).try_fold(0u64, |a, v| v.map(|v| a.saturating_add(v)))
    };
    let orders_total = if s.grouped { s.group_orders } else { col(&|c| c.orders) };
    let revenue_total = if s.grouped {
        s.group_revenue
    } else {
        s.customers
            .iter()
            .map(|c| c.revenue.map(crate::metrics::clv::summary::money_units))
            .try_fold(0i128, |a, v| v.map(|v| a.saturating_add(v)))
            .map(|u| u as f64 / crate::metrics::clv::summary::MONEY_SCALE)
    };
    let ratings = col(&|c| c.ratings_count);
    let ratings_sum: Option<f64> = if s.customers.is_empty() { None } else { s.customers.iter().map(|c| c.ratings_sum).sum() };
    let average_rating = match (ratings, ratings_sum) {
        (Some(n), Some(sum)) if n > 0 => Some(Figure::exact(sum / n as f64, Unit::Stars, n, Unit::Ratings)),
        _ => None,
    };
    let satisfied_share = match (col(&|c| c.ratings_positive), ratings) {
        (Some(k), Some(n)) => rate(k, n, Unit::Ratings),
        _ => None,
    };
    let complaint_rate = match (col(&|c| c.complaints), orders_total.filter(|_| !s.grouped)) {
        (Some(k), Some(n)) if k <= n => rate(k, n, Unit::Orders),
        _ => None,
    };
    let discount_share = match (col(&|c| c.discount_orders), orders_total.filter(|_| !s.grouped)) {
        (Some(k), Some(n)) if k <= n => rate(k, n, Unit::Orders),
        _ => None,
    };
    let on_time_share = match (col(&|c| c.on_time_deliveries), col(&|c| c.deliveries)) {
        (Some(k), Some(n)) => rate(k, n, Unit::Orders),
        _ => None,
    };
    let orders = if s.grouped {
        None
    } else {
        match (col(&|c| c.orders), revenue_total) {
            (Some(_), Some(rev)) => crate::metrics::purchases::basics_from_counts(s.customers.iter().filter_map(|c| c.orders), rev),
            _ => None,
        }
    };
    if let Some(w) = orders.as_ref().and_then(|b| b.repeat_purchase_rate.warning.clone()) {
        warnings.push(w);
    }
    use crate::messages::SummaryAbsent;
    let mut absent: Vec<SummaryAbsent> = Vec::new();
    if orders.is_none() {
        absent.push(if s.grouped { SummaryAbsent::GroupedOrders } else { SummaryAbsent::NoOrderColumns });
    }
    absent.push(SummaryAbsent::Cohorts);
    absent.push(SummaryAbsent::OrderFigures);
    if on_time_share.is_none() {
        absent.push(SummaryAbsent::Delivery);
    }
    absent.push(SummaryAbsent::Holdout);
    if data.reviews.is_empty() && average_rating.is_none() {
        absent.push(SummaryAbsent::Ratings);
    }
    warnings.push(crate::messages::Note::FromSummary { file: name.clone(), grouped: s.grouped, calibration_end: cal, absent: absent.clone() });
    let period = (!s.customers.is_empty())
        .then(|| Period { first: s.customers.iter().map(|c| c.summary.first_purchase).min().unwrap_or(cal), last: s.customers.iter().map(|c| c.last_purchase).max().unwrap_or(cal) });
    let mut clv_opts = options.clv.clone();
    clv_opts.customer_rows = false;
    let clv = if s.grouped { analyze_clv_groups(s.unit, cal, &s.purchase_groups, &s.spend_groups, &clv_opts) } else { analyze_clv_summary(&s.summary(), &clv_opts) };
    let has_side_files = !(data.reviews.is_empty() && data.tickets.is_empty());
    let satisfaction = has_side_files.then(|| analyze_satisfaction(&data, cal, &options.satisfaction));
    let survey = (!data.survey.responses.is_empty()).then(|| analyze_survey(&data.survey, None, &options.survey));
    let summary_input = SummaryReport {
        file: name,
        grouped: s.grouped,
        calibration_end: cal,
        unit: s.unit,
        customers,
        repeat_buyers,
        repeat_buyer_rate: rate(repeat_buyers, customers, Unit::Customers),
        orders: orders_total,
        revenue: revenue_total,
        average_rating,
        satisfied_share,
        complaint_rate,
        discount_share,
        on_time_share,
        absent,
    };
    Scorecard {
        schema_version: SCHEMA_VERSION,
        as_of: Some(cal),
        period,
        currency: None,
        inputs,
        orders,
        loyalty: None,
        satisfaction,
        survey,
        clv: Some(clv),
        trust: None,
        expectation: None,
        summary_input: Some(summary_input),
        findings: Vec::new(),
        warnings,
    }
}

/// Lifetime value at `as_of` for the scorecard (no per-customer rows), validated on a holdout
/// when none is configured: BG/NBD fitted up to `as_of` − h and checked on the h that follows,
/// h = a third of the history, at most 39 weeks (skipped below 8 weeks).
/// `completed`: the customer index of the completed orders (the analysis's purchases: its
/// orders are all on or before `as_of`).
fn clv_with_validation(
    orders: &Orders,
    keys: &crate::model::Keys,
    completed: &crate::model::CustomerIndex,
    as_of: NaiveDate,
    first: Option<NaiveDate>,
    opts: &ClvOptions,
    on_bgnbd: crate::metrics::clv::analysis::OnBgNbd<'_>,
) -> ClvReport {
    let (o, check) = clv_plan(opts, as_of, first);
    let validation = |v: &ClvOptions| analyze_clv_keyed(orders, keys, completed, v, None).validation;
    // Natively the check runs on its own thread (the two analyses share nothing but the
    // input) while the report fits its models; the report then waits for the check's choice
    // before it computes the figures of the chosen model.
    #[cfg(not(target_arch = "wasm32"))]
    let (report, checked) = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel();
        let handle = check.as_ref().map(|v| {
            scope.spawn(move || {
                // The receiver may be gone (no model to choose among): nothing to do then.
                let _ = tx.send(validation(v));
            })
        });
        // Asked once by the report (a second ask gives the same answer).
        let got: std::cell::RefCell<Option<Option<Vec<crate::metrics::clv::validation::Validation>>>> = std::cell::RefCell::new(None);
        let wait = || {
            let mut got = got.borrow_mut();
            got.get_or_insert_with(|| rx.recv().ok()).as_deref().and_then(crate::metrics::clv::choose_primary)
        };
        let choose: crate::metrics::clv::analysis::Choose<'_> = handle.as_ref().map(|_| &wait as &dyn Fn() -> Option<&'static str>);
        let report = crate::metrics::clv::analysis::analyze_clv_keyed_choosing(orders, keys, completed, &o, on_bgnbd, choose);
        let checked = match got.into_inner() {
            Some(v) => v,
            None => handle.is_some().then(|| rx.recv().ok()).flatten(),
        };
        if let Some(h) = handle {
            h.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        }
        (report, checked)
    });
    #[cfg(not(target_arch = "wasm32"))]
    let again = |o: &ClvOptions| analyze_clv_keyed(orders, keys, completed, o, None);
    // In the page's one thread: the check first, then the report with the model it chose.
    #[cfg(target_arch = "wasm32")]
    let checked = check.as_ref().map(validation);
    #[cfg(target_arch = "wasm32")]
    let report = analyze_clv_keyed(orders, keys, completed, &with_primary(&o, checked.as_deref()), on_bgnbd);
    #[cfg(target_arch = "wasm32")]
    let again = |o: &ClvOptions| analyze_clv_keyed(orders, keys, completed, o, None);
    settle(report, &o, checked, again)
}

/// `o` with the primary model the holdout check's `validations` choose (none: as it was).
fn with_primary(o: &ClvOptions, validations: Option<&[crate::metrics::clv::validation::Validation]>) -> ClvOptions {
    let chosen = validations.and_then(crate::metrics::clv::choose_primary);
    ClvOptions { primary: o.primary.clone().or_else(|| chosen.map(str::to_string)), ..o.clone() }
}

/// The lifetime-value report with its holdout check: made again by `again` when the check
/// chooses another model than the one `report` was made with (`o` its options).
fn settle(mut report: ClvReport, o: &ClvOptions, checked: Option<Vec<crate::metrics::clv::validation::Validation>>, again: impl FnOnce(&ClvOptions) -> ClvReport) -> ClvReport {
    let Some(v) = checked else { return report };
    let wanted = with_primary(o, Some(&v));
    if wanted.primary.is_some() && wanted.primary.as_deref() != report.primary_model {
        let remade = again(&wanted);
        if remade.primary_model == wanted.primary.as_deref() {
            report = remade;
        }
    }
    report.with_check(v);
    report
}

/// The options of the scorecard's lifetime-value report (no per-customer rows, calibrated at
/// the analysis date unless configured) and of its holdout check when it makes one: with no
/// holdout configured, BG/NBD fitted up to `as_of` − h and checked on the h that follows, h = a
/// third of the history, at most 39 weeks (none below 8 weeks).
fn clv_plan(opts: &ClvOptions, as_of: NaiveDate, first: Option<NaiveDate>) -> (ClvOptions, Option<ClvOptions>) {
    let mut o = opts.clone();
    o.customer_rows = false;
    if o.holdout_end.is_some() {
        return (o, None);
    }
    o.calibration_end = Some(o.calibration_end.unwrap_or(as_of));
    let check = first.map(|first| (as_of - first).num_days() / 3).map(|span| span.min(39 * 7)).filter(|hold| *hold >= 8 * 7).map(|hold| ClvOptions {
        calibration_end: Some(as_of - chrono::Duration::days(hold)),
        holdout_end: Some(as_of),
        customer_rows: false,
        aggregates: false,
        spend_model: false,
        ..o.clone()
    });
    (o, check)
}

/// Per survey response: did the respondent's customer order after answering? `None` when the
/// response has no customer id or no date.
fn repurchase_flags(data: &Dataset, keys: &crate::model::Keys) -> Vec<Option<bool>> {
    let mut last: Vec<Option<NaiveDate>> = vec![None; keys.customers()];
    for (i, date) in data.orders.dates().iter().enumerate() {
        let e = &mut last[keys.customer_of(i) as usize];
        if e.is_none_or(|l| *date > l) {
            *e = Some(*date);
        }
    }
    data.survey
        .responses
        .iter()
        .map(|r| match (&r.customer_id, r.date) {
            (Some(c), Some(d)) => Some(keys.customer(c).and_then(|c| last[c as usize]).is_some_and(|l| l > d)),
            _ => None,
        })
        .collect()
}

/// 1234567 -> "1,234,567".
pub fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// 1234.5 -> "1,234.50".
pub fn money(v: f64) -> String {
    // Not known (orders without a money column): never printed as 0.00.
    if !v.is_finite() {
        return "–".to_string();
    }
    let cents = (v.abs() * 100.0).round() as u64;
    let sign = if v < 0.0 && cents > 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", group(cents / 100), cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formatting() {
        assert_eq!(group(0), "0");
        assert_eq!(group(1234567), "1,234,567");
        assert_eq!(money(1234.5), "1,234.50");
        assert_eq!(money(-0.004), "0.00");
    }

    #[test]
    fn since_and_product_narrow_the_data() {
        let csv = "customer,date,total,product\nA,2024-01-01,1,mug\nA,2024-02-01,2,mug\nB,2024-03-01,4,tea\nC,2024-03-05,8,mug\n";
        let files = [InputFile::orders("o.csv", csv.as_bytes())];
        let opts = |since: Option<&str>, product: Option<&str>| AnalysisOptions { since: since.map(Into::into), product: product.map(Into::into), ..Default::default() };
        let card = analyze(&files, &opts(Some("2024-02-01"), None)).unwrap();
        let b = card.orders.unwrap();
        // A's January order is before the range: 3 orders of A, B, C, nobody bought twice.
        assert_eq!((b.orders.value, b.customers.value, b.repeat_purchase_rate.value), (3.0, 3.0, 0.0));
        assert!(card.warnings.iter().any(|w| w.starts_with("1 orders dated before the start of the range 2024-02-01")));
        let card = analyze(&files, &opts(None, Some("mug"))).unwrap();
        let b = card.orders.unwrap();
        assert_eq!((b.orders.value, b.revenue.value, b.repeat_purchase_rate.value), (3.0, 11.0, 0.5));
        let err = analyze(&files, &opts(Some("2024-04-01"), None)).unwrap_err();
        assert!(err.to_string().contains("no completed order is left"));
        let err = analyze(&files, &AnalysisOptions { since: Some("2024-03-02".into()), as_of: Some("2024-03-01".into()), ..Default::default() }).unwrap_err();
        assert!(err.to_string().contains("starts (2024-03-02) after it ends (2024-03-01)"));
    }

    #[test]
    fn as_of_leaves_later_orders_out() {
        let csv = "customer,date,total\nA,2024-01-01,1\nA,2024-02-01,1\nB,2024-03-01,1\n";
        let files = [InputFile::orders("o.csv", csv.as_bytes())];
        let card = analyze(&files, &AnalysisOptions { as_of: Some("2024-02-15".into()), ..Default::default() }).unwrap();
        assert_eq!(card.orders.unwrap().orders.value, 2.0);
        assert!(card.warnings.iter().any(|w| w.starts_with("1 orders dated after")));
        let err = analyze(&files, &AnalysisOptions { as_of: Some("15/02/2024".into()), ..Default::default() }).unwrap_err();
        assert!(err.to_string().contains("'15/02/2024' is not a date"));
    }
}

#[cfg(test)]
mod two_halves_tests {
    use super::*;

    fn sample_read() -> Read {
        let names = [("orders.csv", InputKind::Orders), ("reviews.csv", InputKind::Reviews), ("tickets.csv", InputKind::Tickets), ("survey.csv", InputKind::Surveys)];
        let bytes: Vec<Vec<u8>> = names.iter().map(|(n, _)| std::fs::read(format!("www/sample/{n}")).unwrap()).collect();
        let files: Vec<InputFile> = names.iter().zip(&bytes).map(|((n, k), b)| InputFile::new(n, *k, b)).collect();
        read_files(&files, &mut |_, _| {}).unwrap()
    }

    /// The scorecard made in two halves, its lifetime-value stage taken from the job's log (as
    /// a second worker would compute it), is the scorecard made in one go; so it is with a log
    /// made for other options (not used) and with no log.
    #[test]
    fn two_halves_make_the_same_scorecard() {
        let opts = AnalysisOptions::default();
        let (want, _) = scorecard_of(&sample_read(), &opts, &|| 0.0, &mut |_, _| {}).unwrap();
        let other = AnalysisOptions { clv: ClvOptions { horizon: 10.0, ..opts.clv.clone() }, ..opts.clone() };
        let Begun::Waiting(_, other_job) = begin(sample_read(), 0.0, &other, &|| 0.0).unwrap() else { panic!("no job") };
        let logs = [Some(None), Some(Some(other_job.log().unwrap())), None];
        for given in logs {
            let Begun::Waiting(mut pending, job) = begin(sample_read(), 0.0, &opts, &|| 0.0).unwrap() else { panic!("no job") };
            assert_eq!(*job.ends.last().unwrap() as usize, job.days.len());
            pending.rest(&|| 0.0);
            let own = given.is_none();
            let log = match given {
                None => job.log(),
                Some(other) => other,
            };
            let entries = log.as_ref().map_or(0, Vec::len);
            // The trust ladder from the BG/NBD fit as a second worker sends it early: kept
            // when it is the report's, made again when not (here: a changed parameter).
            let fit = want.clv.as_ref().and_then(crate::metrics::trust::p_alive_of).map(|m| ([m.model.r, m.model.alpha, m.model.a, m.model.b], m.calibration_end));
            let early = if own { fit } else { fit.map(|(t, cal)| ([t[0] * 1.5, t[1], t[2], t[3]], cal)) };
            pending.early_trust(early, &|| 0.0);
            let (card, read, times, replayed) = pending.finish(log, &|| 0.0);
            assert_eq!(card, want);
            // The own log serves every fit and every set of variances (natively the holdout
            // check runs on a thread of its own, which neither records nor replays). One made
            // for another horizon has the same fits but not the same aggregates: from the first
            // of those on, everything is computed here.
            if own {
                assert!(entries >= 4 && replayed.used == entries && replayed.computed == 0, "{entries} {replayed:?}");
            } else if entries > 0 {
                assert!(replayed.used < entries && replayed.computed > 0, "{entries} {replayed:?}");
            }
            assert!(!read.data.orders.is_empty());
            assert_eq!(times.iter().map(|t| t.stage).collect::<Vec<_>>(), ["read", "prepare", "purchases", "loyalty", "satisfaction", "expectation", "clv_check", "trust", "clv", "trust"]);
        }
    }

    /// A shop without money (no spend model) and one with a configured holdout: the log is
    /// used whole, and the scorecard is the one made in one go.
    #[test]
    fn two_halves_without_money_or_with_a_holdout() {
        let bytes = std::fs::read("www/sample/orders.csv").unwrap();
        let text = String::from_utf8(bytes).unwrap();
        // The sample's orders without their total column.
        let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
        let at = header.iter().position(|h| *h == "total").unwrap();
        let no_money: String = text.lines().map(|l| l.split(',').enumerate().filter(|(i, _)| *i != at).map(|x| x.1).collect::<Vec<_>>().join(",") + "\n").collect();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let holdout = AnalysisOptions { clv: ClvOptions { calibration_end: Some(day("2025-06-30")), holdout_end: Some(day("2025-12-31")), ..Default::default() }, ..Default::default() };
        for (orders, opts) in [(no_money.as_bytes(), AnalysisOptions::default()), (text.as_bytes(), holdout)] {
            let read = || read_files(&[InputFile::new("orders.csv", InputKind::Orders, orders)], &mut |_, _| {}).unwrap();
            let (want, _) = scorecard_of(&read(), &opts, &|| 0.0, &mut |_, _| {}).unwrap();
            let Begun::Waiting(mut pending, job) = begin(read(), 0.0, &opts, &|| 0.0).unwrap() else { panic!("no job") };
            pending.rest(&|| 0.0);
            let log = job.log().unwrap();
            let n = log.len();
            let (card, _, _, replayed) = pending.finish(Some(log), &|| 0.0);
            // (As JSON: amounts not known are NaN, never equal to themselves.)
            assert_eq!(serde_json::to_string(&card).unwrap(), serde_json::to_string(&want).unwrap());
            assert!(n >= 2 && replayed.used == n && replayed.computed == 0, "{n} {replayed:?}");
        }
    }

    /// A job whose numbers do not hold together gives no log.
    #[test]
    fn a_broken_job_gives_no_log() {
        let Begun::Waiting(_, job) = begin(sample_read(), 0.0, &AnalysisOptions::default(), &|| 0.0).unwrap() else { panic!("no job") };
        let mut short = job.clone();
        short.totals.pop();
        let mut unsorted = job.clone();
        unsorted.ends.swap(0, 1);
        unsorted.ends[0] = unsorted.ends[1] + 1;
        assert!(short.log().is_none() && unsorted.log().is_none());
    }
}
