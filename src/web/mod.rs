//! The wasm-bindgen boundary and the widget. Converts, never computes: every figure comes from
//! [`crate::analyze`] and every view from [`crate::view`]. Nothing here panics on bad data;
//! errors become JavaScript `Error`s.
//!
//! Two halves share this module:
//! - the worker half (`workerAnalyze`, `workerRender`), called from `www/worker.js` inside a Web
//!   Worker: reads the files, computes the scorecard and its view tree;
//! - the page half (`ScorecardWidget`): the frame (drop zone, progress, language), file reading,
//!   messages to and from the worker, and turning view trees into DOM.

mod calculator;
pub mod dom;
mod widget;
mod types_trust;

use crate::input::read::ReadOptions;
use crate::input::{guess_kind, InputKind};
use crate::report::{AnalysisOptions, Scorecard, StageTime};
use crate::Analysis;
use crate::view::{render, Lang};
use js_sys::{Array, Function, Reflect, Uint8Array};
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

pub use calculator::{calculate_js, CalculatorWidget};
pub use widget::ScorecardWidget;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** How to read a file; every field is optional (detected when absent). */
export interface ReadOptions {
  encoding?: string; sheet?: string; kind?: "orders" | "reviews" | "surveys" | "tickets" | "summary";
  date_order?: "day_first" | "month_first"; delimiter?: string; header?: boolean;
  /** field -> column header (or 1-based column number); null switches a field off. */
  mapping?: Record<string, string | null>;
  /** survey column -> kind, e.g. "nps", "csat", "importance:delivery", "ignore". */
  question_kinds?: Record<string, string>;
}
/** One file to analyse. `kind` is guessed from the header and name when omitted. */
export interface InputFileSpec { name: string; bytes: Uint8Array; kind?: "orders" | "reviews" | "surveys" | "tickets" | "summary"; options?: ReadOptions; }
/** A section of the scorecard: fields as documented in the crate (snake_case). */
export type Section = { [field: string]: unknown };
/** Options of one analysis (all optional). */
export interface AnalysisOptions {
  /** Analysis date YYYY-MM-DD; default: the latest order date. */
  asOf?: string;
  /** Start of the date range YYYY-MM-DD: records before it are left out; default: none. */
  since?: string;
  /** Only the orders (and reviews) of this product, category or channel; default: all. */
  product?: string;
  loyalty?: { churn_window_days?: number | null; retention_uplift?: number; margin?: number; cohort_window_months?: number; weekly?: boolean; tier_thresholds?: { high_share: number; medium_share: number } };
  clv?: { calibration_end?: string | null; holdout_end?: string | null; unit?: "day" | "week" | "month"; horizon?: number; monthly_discount?: number; clv_months?: number; pareto_nbd?: boolean; mbgnbd?: boolean };
  satisfaction?: Section;
  survey?: Section;
  trust?: TrustOptions;
  expectation?: ExpectationOptions;
}
export type Unit = "orders" | "customers" | "currency" | "proportion" | "orders_per_customer";
export interface Interval { lower: number; upper: number; level: number; method: string; }
export interface Figure { value: number; unit: Unit; n: number; n_of: Unit; interval: Interval | null; warning: string | null; }
export interface OrderCountBucket { orders: number; or_more: boolean; customers: number; }
export interface PurchaseBasics { orders: Figure; customers: Figure; revenue: Figure; repeat_purchase_rate: Figure; orders_per_customer: Figure; repeat_customers: number; customers_by_orders: OrderCountBucket[]; }
export interface RowIssue { row: number; column: string; reason: { code: string; [detail: string]: unknown }; message: string; }
export interface InputAccount {
  file: string; kind: string; encoding: string; delimiter: string; format: string; sheet: string | null;
  columns: { field: string; column: string; confidence: number; how: string }[];
  rows_read: number; rows_used: number; rows_rejected: number; rows_merged: number; merged_line_items: number; merged_duplicates: number;
  cancelled: number; refunded: number; cells_ignored: number; row_numbers: string; date_order: string | null;
  reasons: { code: string; rows: number; examples: RowIssue[] }[]; issues: RowIssue[]; warnings: string[]; notes: string[];
}
/** The scorecard: every figure with unit, sample size and (for estimates) a 95% interval. */
export interface Scorecard {
  schema_version: number; as_of: string | null; period: { first: string; last: string } | null; currency: string | null;
  inputs: InputAccount[];
  orders: PurchaseBasics | null; loyalty: Section | null; satisfaction: Section | null; survey: Section | null; clv: Section | null;
  trust: TrustReport | null;
  /** The expectation calculator at the options' assumptions (see ExpectationSection). */
  expectation: ExpectationSection | null;
  /** Set when the input was a customer summary (kind "summary"): its figures and what is absent. */
  summary_input: Section | null;
  warnings: string[];
}
/** Customer stage of the expectation calculator (《影响客户期望的因素》). */
export type CustomerStage = "prospect" | "first_time" | "long_term";
/** One value per expectation factor (scores 0-10, or weights). */
export interface FactorValues { word_of_mouth: number; promises: number; role_perception: number; past_experience: number; personal_needs: number; price: number; }
/** Expected rating of an order m days after the promise: clamp(on_time_rating + per_day_late·max(m,0) + per_day_early·min(max(-m,0), early_cap), 1, 5). */
export interface RatingLink { on_time_rating: number; per_day_late: number; per_day_early: number; fitted_on: number | null; early_cap?: number | null; }
/** Entered delivery times: a list of days, or a typical (median) and worst-case (95th percentile) time. */
export type DelayInput = { type: "list"; days: number[] } | { type: "typical_worst"; typical: number; worst: number };
/** Assumptions of the expectation calculator (AnalysisOptions.expectation); all optional. */
export interface ExpectationOptions {
  stage?: CustomerStage; factors?: FactorValues; weights?: FactorValues | null; attractiveness_k?: number; target_on_time?: number;
  promise_days?: number | null; speed_up?: number; rating?: RatingLink | null; manual?: DelayInput | null; current_promise?: number | null; by_segment?: boolean;
}
export interface DelayDistribution { source: "orders" | "list" | "typical_worst"; mass: { days: number; weight: number }[]; n: number | null; }
/** What the calculator takes from the shop's files (counts only). */
export interface CalculatorData {
  delivery?: DelayDistribution | null; negative_days?: number; current_promise?: number | null; fitted_rating?: RatingLink | null;
  repeat?: { on_time_customers: number; on_time_repeaters: number; late_customers: number; late_repeaters: number; followed_days: number } | null;
  segments?: { segment: string; delivery: DelayDistribution }[]; response_hours?: DelayDistribution | null;
}
export interface Share { value: number; interval: Interval | null; n: number | null; }
export interface PromisePoint { days: number; on_time: Share; late_share: number; expected_rating: number; satisfaction: number; attractiveness: number; value: number; relative_value: number; }
export interface PromiseAnalysis {
  source: string; n: number | null; median_days: number; p95_days: number; attractiveness_k: number; rating: RatingLink; curve: PromisePoint[];
  recommended_days: number; recommended: PromisePoint; current: PromisePoint | null; target_on_time: number; shortest_meeting_target: number | null;
}
export interface Outcome { on_time: number; expected_rating: number; repeat_rate: { value: number; low: number; high: number } | null; }
/** The calculator's answer. */
export interface CalculatorResult {
  expected_level: { stage: CustomerStage; value: number; band: "low" | "balanced" | "high"; default_weights: boolean; contributions: { factor: keyof FactorValues; score: number; weight: number; points: number }[] };
  promise: PromiseAnalysis | null; promise_missing: string | null;
  what_if: { speed_up: number; promise_days: number; before: Outcome; after: Outcome; repeat: { after_on_time: Share; after_late: Share } | null } | null;
  response: Section | null; segments: { segment: string; orders: number; recommended_days: number; on_time_at_recommended: number; on_time_at_current: number | null }[];
  delivery_source: string | null; assumptions: { code: string; text: string }[];
}
/** Scorecard.expectation: the calculator's data, its assumptions and its answer. */
export interface ExpectationSection { data: CalculatorData; options: ExpectationOptions; result: CalculatorResult; }
"#;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// One input file from JS: its name, kind and reading options, and its bytes, which stay a JS
/// `Uint8Array` (outside the module's memory, which never shrinks) and are copied in one file
/// at a time, only while that file is read.
pub(crate) struct JsInput {
    pub name: String,
    /// `None`: guessed from the bytes when the file is read.
    pub kind: Option<InputKind>,
    pub bytes: Uint8Array,
    pub options: ReadOptions,
}

impl JsInput {
    /// Its bytes, copied into the module, and its kind (guessed from them when not given).
    fn load(&self) -> (Vec<u8>, InputKind) {
        let bytes = self.bytes.to_vec();
        let kind = self.kind.unwrap_or_else(|| guess_kind(&self.name, &bytes));
        (bytes, kind)
    }

    /// Its kind, guessed from its bytes when not given.
    fn kind(&self) -> InputKind {
        self.kind.unwrap_or_else(|| self.load().1)
    }
}

pub(crate) fn read_inputs(inputs: &JsValue) -> Result<Vec<JsInput>, String> {
    let arr: &Array = inputs.dyn_ref().ok_or("inputs must be an array of { name, bytes, kind? }")?;
    let mut out = Vec::with_capacity(arr.length() as usize);
    for (i, item) in arr.iter().enumerate() {
        let name = Reflect::get(&item, &"name".into()).ok().and_then(|v| v.as_string()).unwrap_or_else(|| format!("file {}", i + 1));
        let bytes = Reflect::get(&item, &"bytes".into())
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok())
            .ok_or_else(|| format!("{name}: bytes must be a Uint8Array"))?;
        let options: ReadOptions = match Reflect::get(&item, &"options".into()).ok().filter(|v| !v.is_undefined() && !v.is_null()) {
            None => ReadOptions::default(),
            Some(v) => serde_wasm_bindgen::from_value(v).map_err(|e| format!("{name}: invalid read options: {e}"))?,
        };
        let kind = match Reflect::get(&item, &"kind".into()).ok().filter(|v| !v.is_undefined() && !v.is_null()) {
            None => options.kind,
            Some(v) => Some(
                serde_wasm_bindgen::from_value(v).map_err(|_| format!("{name}: kind must be one of orders, reviews, surveys, tickets, summary"))?,
            ),
        };
        out.push(JsInput { name, kind, bytes, options });
    }
    Ok(out)
}

fn read_options(options: JsValue) -> Result<AnalysisOptions, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(AnalysisOptions::default());
    }
    serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&format!("invalid options: {e}")))
}

/// Reads the files one at a time (each file's bytes are in the module's memory only while it
/// is read) and analyses them. A kind guessed from the bytes is kept in `inputs`.
fn run(inputs: &mut [JsInput], options: &AnalysisOptions, now: &dyn Fn() -> f64, progress: &mut dyn FnMut(&str, f64)) -> Result<(Analysis, Vec<StageTime>), crate::Error> {
    crate::report::option_days(options)?;
    let start = now();
    let total: usize = inputs.iter().map(|f| f.bytes.length() as usize).sum();
    let mut read = crate::report::Read::default();
    let mut done = 0usize;
    for f in inputs.iter_mut() {
        let (bytes, kind) = f.load();
        f.kind = Some(kind);
        read.add(&crate::InputFile::new(&f.name, kind, &bytes).with_options(f.options.clone()), done, total, progress)?;
        done += bytes.len();
    }
    read.finish();
    Analysis::from_read(read, now() - start, options, now, progress)
}

/// The one serializer of the boundary: maps become plain objects.
const SERIALIZER: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);

pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&SERIALIZER).map_err(|e| JsError::new(&format!("result could not be converted: {e}")))
}

/// Analyses shop files and returns the scorecard as a plain object.
///
/// Throws an `Error` with a readable message (naming the file, and row and column where there
/// is one) when a file cannot be read at all; bad rows are listed in `scorecard.inputs`.
#[wasm_bindgen(js_name = analyze, unchecked_return_type = "Scorecard")]
pub fn analyze_js(
    #[wasm_bindgen(unchecked_param_type = "InputFileSpec[]")] inputs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalysisOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let mut inputs = read_inputs(&inputs).map_err(|e| JsError::new(&format!("analyze: {e}")))?;
    let options = read_options(options)?;
    let (analysis, _) = run(&mut inputs, &options, &|| 0.0, &mut |_, _| {}).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&analysis.into_scorecard())
}

/// Benchmark entry: analyses `inputs` and returns `{ stages: [{stage, ms}], toJsMs, orders }`
/// (the scorecard is converted, as in `analyze`, but not returned).
#[wasm_bindgen(js_name = profile, unchecked_return_type = "{ stages: { stage: string; ms: number }[]; toJsMs: number; orders: number }")]
pub fn profile_js(
    #[wasm_bindgen(unchecked_param_type = "InputFileSpec[]")] inputs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalysisOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let mut inputs = read_inputs(&inputs).map_err(|e| JsError::new(&format!("profile: {e}")))?;
    let options = read_options(options)?;
    let (analysis, stages) = run(&mut inputs, &options, &performance_now, &mut |_, _| {}).map_err(|e| JsError::new(&e.to_string()))?;
    let card = analysis.into_scorecard();
    let t0 = performance_now();
    let _ = to_js(&card)?;
    let to_js_ms = performance_now() - t0;
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Profile {
        stages: Vec<StageTime>,
        to_js_ms: f64,
        orders: f64,
    }
    let orders = card.orders.as_ref().map(|b| b.orders.value).unwrap_or(0.0);
    to_js(&Profile { stages, to_js_ms, orders })
}

thread_local! {
    /// The worker's last scorecard and the label of its data, kept so a language change only
    /// re-renders.
    static LAST: RefCell<Option<(Analysis, render::Source)>> = const { RefCell::new(None) };
    /// The worker's last files and options, kept so the user can correct how a file is read
    /// (its kind, its columns) and have it read again without dropping it again.
    static FILES: RefCell<Option<Stored>> = const { RefCell::new(None) };
}

struct Stored {
    inputs: Vec<JsInput>,
    options: AnalysisOptions,
    source: render::Source,
}

#[derive(Serialize)]
struct WorkerResult<'a> {
    /// [`crate::view::Node::to_json_pieces`] of the view.
    view: Vec<String>,
    scorecard: &'a Scorecard,
    stages: &'a [StageTime],
}

/// Worker half: analyses `inputs`, keeps the scorecard and the files, and returns
/// `{ view, scorecard, stages }` (the view tree in `lang`, as [`crate::view::Node::to_json_pieces`]),
/// or `{ error, view }` when the files
/// cannot be analysed: the message and a form to correct how each file is read. `sample` marks
/// the built-in sample shop (its caption is translated). `progress(stage, fraction)` is called
/// as stages finish.
#[wasm_bindgen(js_name = workerAnalyze)]
pub fn worker_analyze(
    #[wasm_bindgen(unchecked_param_type = "InputFileSpec[]")] inputs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalysisOptions | undefined")] options: JsValue,
    lang: String,
    label: Option<String>,
    sample: bool,
    progress: &Function,
) -> Result<JsValue, JsError> {
    let inputs = read_inputs(&inputs).map_err(|e| JsError::new(&e))?;
    let options = read_options(options)?;
    let names = inputs.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(", ");
    let source = if sample { render::Source::Sample(names) } else { render::Source::Files(label.unwrap_or(names)) };
    FILES.with(|f| *f.borrow_mut() = Some(Stored { inputs, options, source }));
    analyze_stored(&lang, progress)
}

/// Worker half: reads the last files again after the user corrected file `index`: `kind`
/// ("orders", "reviews", "surveys", "tickets"; a change of kind also resets the columns) and
/// `mapping` (`{ field: column | null }`; fields left out are chosen automatically). Returns as
/// `workerAnalyze`.
#[wasm_bindgen(js_name = workerReread)]
pub fn worker_reread(
    index: usize,
    kind: String,
    #[wasm_bindgen(unchecked_param_type = "Record<string, string | null>")] mapping: JsValue,
    lang: String,
    progress: &Function,
) -> Result<JsValue, JsError> {
    let kind: InputKind = serde_wasm_bindgen::from_value(JsValue::from_str(&kind))
        .map_err(|_| JsError::new("kind must be one of orders, reviews, surveys, tickets"))?;
    let mapping: std::collections::BTreeMap<String, Option<String>> = if mapping.is_undefined() || mapping.is_null() {
        Default::default()
    } else {
        serde_wasm_bindgen::from_value(mapping).map_err(|e| JsError::new(&format!("invalid mapping: {e}")))?
    };
    let found = FILES.with(|f| {
        let mut f = f.borrow_mut();
        let Some(file) = f.as_mut().and_then(|s| s.inputs.get_mut(index)) else { return false };
        if Some(kind) != file.kind {
            file.kind = Some(kind);
            file.options.kind = Some(kind);
            file.options.mapping = None;
        } else {
            file.options.mapping = (!mapping.is_empty()).then_some(mapping);
        }
        true
    });
    if !found {
        return Err(JsError::new("there is no such file to read again; drop the files once more"));
    }
    analyze_stored(&lang, progress)
}

/// The columns and switched-off fields the user's mapping option names, for the form.
fn given_mapping(i: &JsInput) -> (Vec<crate::input::ColumnUse>, Vec<&'static str>) {
    let (mut cols, mut off) = (Vec::new(), Vec::new());
    let kind = i.options.kind.or(i.kind).unwrap_or(InputKind::Orders);
    for (field, _) in crate::input::kind_fields(kind) {
        match i.options.mapping.as_ref().and_then(|m| m.get(field)) {
            Some(Some(c)) => cols.push(crate::input::ColumnUse { field, column: c.clone(), confidence: 1.0, how: "mapping" }),
            Some(None) => off.push(field),
            None => {}
        }
    }
    (cols, off)
}

/// Worker half: the scorecard of the last files for the date range `since` .. `as_of`
/// (YYYY-MM-DD or null for open ends), from the kept records (no file is read again; when the
/// range leaves nothing to analyse, the files are analysed again to show why). Returns as
/// `workerAnalyze`.
#[wasm_bindgen(js_name = workerRefilter)]
pub fn worker_refilter(since: Option<String>, as_of: Option<String>, lang: String, progress: &Function) -> Result<JsValue, JsError> {
    let options = FILES.with(|f| {
        let mut f = f.borrow_mut();
        let s = f.as_mut()?;
        s.options.since = since;
        s.options.as_of = as_of;
        Some(s.options.clone())
    });
    let Some(options) = options else {
        return Err(JsError::new("there are no files to analyse yet"));
    };
    let mut report = |stage: &str, fraction: f64| {
        let _ = progress.call2(&JsValue::NULL, &stage.into(), &fraction.into());
    };
    report("metrics", 0.0);
    let rerun = LAST.with(|l| {
        let mut l = l.borrow_mut();
        let (analysis, source) = l.as_mut()?;
        let stages = analysis.rerun_with_progress(&options, &performance_now, &mut report).ok()?;
        report("render", 0.95);
        let card = analysis.scorecard();
        let view = render::scorecard(Lang::from_tag(&lang), card, source).to_json_pieces();
        Some(to_js(&WorkerResult { view, scorecard: card, stages: &stages }))
    });
    match rerun {
        Some(out) => out,
        None => analyze_stored(&lang, progress),
    }
}

/// Analyses the stored files: the scorecard view, or the failure with its correction forms.
fn analyze_stored(lang: &str, progress: &Function) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Failed {
        error: String,
        /// [`crate::view::Node::to_json_pieces`] of the correction forms.
        view: Vec<String>,
    }
    let mut report = |stage: &str, fraction: f64| {
        let _ = progress.call2(&JsValue::NULL, &stage.into(), &fraction.into());
    };
    report("read", 0.0);
    let lang = Lang::from_tag(lang);
    // The last analysis's records are freed first: the module's memory never shrinks, and it
    // would otherwise hold both shops at once.
    LAST.with(|l| *l.borrow_mut() = None);
    let outcome = FILES.with(|f| {
        let mut f = f.borrow_mut();
        let Some(s) = f.as_mut() else { return Err(Failed { error: "no files".into(), view: crate::view::Node::el("div").to_json_pieces() }) };
        match run(&mut s.inputs, &s.options, &performance_now, &mut report) {
            Ok((analysis, stages)) => Ok((analysis, stages, s.source.clone())),
            Err(e) => {
                let message = e.to_string();
                let headers: Vec<Vec<String>> = s
                    .inputs
                    .iter()
                    .map(|i| {
                        let (bytes, kind) = i.load();
                        crate::input::file_headers(&crate::InputFile::new(&i.name, kind, &bytes), &i.options).unwrap_or_default()
                    })
                    .collect();
                let chosen: Vec<(Vec<crate::input::ColumnUse>, Vec<&'static str>)> = s.inputs.iter().map(given_mapping).collect();
                let forms: Vec<crate::view::fix::FileForm> = s
                    .inputs
                    .iter()
                    .zip(&headers)
                    .zip(&chosen)
                    .enumerate()
                    .map(|(index, ((i, h), (cols, off)))| crate::view::fix::FileForm {
                        index,
                        name: &i.name,
                        kind: i.kind(),
                        headers: h,
                        columns: cols,
                        fields_off: off,
                        read: false,
                    })
                    .collect();
                Err(Failed { view: crate::view::fix::failed(lang, &forms).to_json_pieces(), error: message })
            }
        }
    });
    match outcome {
        Ok((analysis, stages, source)) => {
            report("render", 0.95);
            let card = analysis.scorecard();
            let view = render::scorecard(lang, card, &source).to_json_pieces();
            let out = to_js(&WorkerResult { view, scorecard: card, stages: &stages });
            // Kept: the customers CSV and a changed assumption reuse its records.
            LAST.with(|l| *l.borrow_mut() = Some((analysis, source)));
            out
        }
        Err(failed) => {
            LAST.with(|l| *l.borrow_mut() = None);
            to_js(&failed)
        }
    }
}

/// Worker half: recomputes the complaint iceberg of the last scorecard with the user's
/// multipliers (`silent` unhappy customers per complaint, people `told` per unhappy customer) and
/// returns `{ view, scorecard }`: the view in `lang` as JSON pieces and the changed scorecard
/// (null when there is no scorecard or no complaints).
#[wasm_bindgen(js_name = workerIceberg)]
pub fn worker_iceberg(silent: f64, told: f64, lang: String) -> Result<JsValue, JsError> {
    use crate::metrics::satisfaction::complaints::{iceberg, IcebergAssumptions};
    LAST.with(|l| {
        let mut last = l.borrow_mut();
        let Some((analysis, source)) = last.as_mut() else { return Ok(JsValue::NULL) };
        let card = analysis.scorecard_mut();
        let Some(c) = card.satisfaction.as_mut().and_then(|s| s.complaints.as_mut()) else { return Ok(JsValue::NULL) };
        let ok = |v: f64| v.is_finite() && v >= 0.0;
        if !(ok(silent) && ok(told)) {
            return Err(JsError::new("the iceberg multipliers must be numbers of 0 or more"));
        }
        let seeds = IcebergAssumptions::seeds();
        let tarp = IcebergAssumptions::tarp();
        let source_text = if silent == seeds.silent_per_complaint && told == seeds.people_told_per_unhappy {
            seeds.source
        } else if silent == tarp.silent_per_complaint && told == tarp.people_told_per_unhappy {
            tarp.source
        } else {
            "set in this page".to_string()
        };
        let a = IcebergAssumptions { silent_per_complaint: silent, people_told_per_unhappy: told, source: source_text };
        c.iceberg = iceberg(c.iceberg.complaining_customers, &a);
        // The changed scorecard goes back with its view, so that the page's copy (its JSON
        // export, the `ready` event) is the worker's.
        #[derive(Serialize)]
        struct Changed<'a> {
            view: Vec<String>,
            scorecard: &'a Scorecard,
        }
        to_js(&Changed { view: render::scorecard(Lang::from_tag(&lang), card, source).to_json_pieces(), scorecard: card })
    })
}

/// Worker half: the per-customer table of the last analysis as CSV text (the same table as the
/// CLI's `--customers-out`: frequency, recency, T, spend, P(alive), expected purchases, CLV, RFM
/// segment, value tier, trust layer), with a byte-order mark for spreadsheets.
#[wasm_bindgen(js_name = workerCustomersCsv)]
pub fn worker_customers_csv() -> Result<String, JsError> {
    let kept = LAST.with(|l| {
        let l = l.borrow();
        let (analysis, _) = l.as_ref().ok_or_else(|| JsError::new("no scorecard to export yet"))?;
        // From the kept records (no file read again), except for a customer summary, whose
        // table comes from its file.
        if analysis.scorecard().summary_input.is_some() {
            return Ok(Err(analysis.scorecard().clone()));
        }
        analysis.customers_csv().map(Ok).map_err(|e| JsError::new(&e.to_string()))
    })?;
    let card = match kept {
        Ok(bytes) => return Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes))),
        Err(card) => card,
    };
    FILES.with(|f| {
        let f = f.borrow();
        let s = f.as_ref().ok_or_else(|| JsError::new("no files to export"))?;
        // A summary file is small (one row per customer): every file is copied in at once.
        let loaded: Vec<(Vec<u8>, InputKind)> = s.inputs.iter().map(JsInput::load).collect();
        let files: Vec<crate::InputFile> =
            s.inputs.iter().zip(&loaded).map(|(i, (bytes, kind))| crate::InputFile::new(&i.name, *kind, bytes).with_options(i.options.clone())).collect();
        let bytes = crate::export::customers_csv(&files, &s.options, &card).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
    })
}

/// Worker half: the view tree of the last scorecard in another language, as JSON pieces (null
/// when none).
#[wasm_bindgen(js_name = workerRender)]
pub fn worker_render(lang: String) -> Result<JsValue, JsError> {
    LAST.with(|l| match &*l.borrow() {
        Some((analysis, source)) => to_js(&render::scorecard(Lang::from_tag(&lang), analysis.scorecard(), source).to_json_pieces()),
        None => Ok(JsValue::NULL),
    })
}
