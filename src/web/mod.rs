//! The wasm-bindgen boundary and the widget. Converts, never computes: every figure comes from
//! [`crate::analyze`] and every view from [`crate::view`]. Nothing here panics on bad data;
//! errors become JavaScript `Error`s.
//!
//! Three rooms:
//! - `worker`, the worker half (`workerHandle`), called from `www/worker.js` inside a Web
//!   Worker: keeps the files' analysis, computes the scorecard and its view tree;
//! - `protocol`, the one set of messages between the two halves;
//! - the page half (`ScorecardWidget`, in `widget`): the frame (drop zone, progress, language),
//!   file reading, requests to the worker, and turning view trees into DOM.

mod calculator;
pub mod dom;
mod downloads;
mod protocol;
mod types_trust;
mod widget;
mod worker;

use crate::input::read::ReadOptions;
use crate::input::{guess_kind, InputKind};
use crate::report::{AnalysisOptions, StageTime};
use crate::Analysis;
use js_sys::{Array, Reflect, Uint8Array};
use serde::Serialize;
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
  /** Largest file read, in MB (default 1024); most columns (default 1000); longest cell in bytes (default 1000000). */
  max_file_mb?: number; max_columns?: number; max_cell_bytes?: number;
}
/** One file to analyse. `kind` is guessed from the header and name when omitted. */
export interface InputFileSpec { name: string; bytes: Uint8Array | Blob; kind?: "orders" | "reviews" | "surveys" | "tickets" | "summary"; options?: ReadOptions; }
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
  /** Only the orders in this currency; default: one currency, or the currency of most orders (the rest left out, with a warning). */
  currency?: string;
  /** Convert every order into the currency given the rate 1: e.g. { EUR: 1, USD: 0.92 }. */
  exchangeRates?: { [currency: string]: number };
  loyalty?: { churn_window_days?: number | null; retention_uplift?: number; margin?: number; cohort_window_months?: number; weekly?: boolean; tier_thresholds?: { high_share: number; medium_share: number } };
  clv?: { calibration_end?: string | null; holdout_end?: string | null; unit?: "day" | "week" | "month"; horizon?: number; monthly_discount?: number; clv_months?: number; pareto_nbd?: boolean; mbgnbd?: boolean };
  satisfaction?: Section;
  survey?: Section;
  trust?: TrustOptions;
  expectation?: ExpectationOptions;
}
export type Unit = "orders" | "customers" | "currency" | "proportion" | "orders_per_customer";
export interface Interval { lower: number; upper: number; level: number; method: string; }
export interface Figure { value: number | null; unit: Unit; n: number; n_of: Unit; interval: Interval | null; warning: string | null; }
export interface OrderCountBucket { orders: number; or_more: boolean; customers: number; }
export interface PurchaseBasics { orders: Figure; customers: Figure; revenue: Figure; repeat_purchase_rate: Figure; orders_per_customer: Figure; repeat_customers: number; customers_by_orders: OrderCountBucket[]; }
export interface RowIssue { row: number; column: string; reason: { code: string; [detail: string]: unknown }; message: string; }
export interface InputAccount {
  file: string; kind: string; encoding: string; delimiter: string; format: string; sheet: string | null;
  columns: { field: string; column: string; confidence: number; how: string }[];
  /** Columns named for a field but not taken for it: why (a typed code with its figures) and the reason in English. */
  passed_over: { field: string; column: string; why: { code: "not_dates" | "not_amounts" | "amounts" | "dates" | "placeholder" | "later"; [figure: string]: unknown }; reason: string }[];
  rows_read: number; rows_used: number; rows_rejected: number; rows_merged: number; merged_line_items: number; merged_duplicates: number;
  cancelled: number; refunded: number; /** Completed orders counted at their total less a partial refund, and what was taken off in all (absent when none). */ partly_refunded?: number; refunds_taken_off?: number; cells_ignored: number; row_numbers: string; date_order: string | null;
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
  /** The few findings that matter most, best first: each with its figures (by kind), the id of its section's heading and its ranking (effect × certainty × share of the year's revenue at stake). */
  findings: Finding[];
  warnings: string[];
}
export type Finding = { kind: "satisfied_not_back" | "late_day_cost" | "concentration" | "lost_customers" | "model_misses" | "complaints"; [figure: string]: unknown } & { section: string; effect: number; certainty: number; at_stake: number; score: number };
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
  delivery_source: string | null; assumptions: { code: string; values: (number | null)[]; text: string }[];
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

/// An input file's bytes as JS holds them, outside the module's memory (which never shrinks):
/// copied in one file at a time, only while that file is read.
pub(crate) enum JsBytes {
    Array(Uint8Array),
    /// A `Blob` or `File`: its data stay in the browser's blob storage (a dropped file: on
    /// disk), not in the page's or the worker's memory, and are read in the worker with
    /// `FileReaderSync` when needed.
    Blob(web_sys::Blob),
}

/// One input file from JS: its name, kind and reading options, and its bytes.
pub(crate) struct JsInput {
    pub name: String,
    /// `None`: guessed from the bytes when the file is read.
    pub kind: Option<InputKind>,
    pub bytes: JsBytes,
    pub options: ReadOptions,
    /// Why the second module could not read the file, once it failed: the correction form and
    /// a new date range report it again without converting the file once more.
    pub failed: std::cell::RefCell<Option<crate::Error>>,
}

impl JsInput {
    /// Its size in bytes.
    fn len(&self) -> usize {
        match &self.bytes {
            JsBytes::Array(a) => a.length() as usize,
            JsBytes::Blob(b) => b.size() as usize,
        }
    }

    /// Its bytes, copied into the module.
    ///
    /// # Errors
    /// A blob that cannot be read (outside a worker there is no synchronous reader).
    fn bytes(&self) -> Result<Vec<u8>, crate::Error> {
        match &self.bytes {
            JsBytes::Array(a) => Ok(a.to_vec()),
            JsBytes::Blob(b) => web_sys::FileReaderSync::new()
                .and_then(|r| r.read_as_array_buffer(b))
                .map(|buffer| Uint8Array::new(&buffer).to_vec())
                .map_err(|e| crate::Error::Format { file: self.name.clone(), message: format!("the file could not be read ({})", js_text(&e)) }),
        }
    }

    /// `use_file` applied to the file (its kind guessed when not given, and kept). A
    /// workbook or a legacy-encoded text, which this module cannot read, is first read by the
    /// second module ([`crate::input::convert`], loaded by `worker.js`) and `use_file` applied
    /// to what it made. (The file is opened by `use_file` alone: a text is decoded once.)
    ///
    /// # Errors
    /// The file cannot be loaded or converted, or `use_file`'s error.
    fn with_file<T>(&mut self, use_file: &mut dyn FnMut(&crate::InputFile<'_>) -> Result<T, crate::Error>) -> Result<T, crate::Error> {
        let bytes = self.bytes()?;
        let guessed = self.kind.is_none();
        let kind = self.kind.unwrap_or_else(|| guess_kind(&self.name, &bytes));
        let needs = match use_file(&crate::InputFile::new(&self.name, kind, &bytes).with_options(self.options.clone())) {
            Err(e) if crate::input::convert::needs_converter(&e) => e,
            other => {
                // Kept even when the file cannot be read: the correction form starts from it.
                self.kind = Some(kind);
                return other;
            }
        };
        let loaded = self.converted(&bytes, kind, guessed, needs)?;
        drop(bytes);
        self.kind = Some(loaded.kind);
        use_file(&loaded.file(self))
    }

    /// Its bytes (or what the second module made of them) and its kind, all at once.
    ///
    /// # Errors
    /// The file cannot be loaded or converted.
    fn load(&self) -> Result<Loaded, crate::Error> {
        let bytes = self.bytes()?;
        let kind = self.kind.unwrap_or_else(|| guess_kind(&self.name, &bytes));
        match crate::input::read::open_source(&crate::InputFile::new(&self.name, kind, &bytes), &self.options) {
            Err(needs) if crate::input::convert::needs_converter(&needs) => self.converted(&bytes, kind, self.kind.is_none(), needs),
            _ => Ok(Loaded { bytes, converted: None, kind }),
        }
    }

    /// The file read by the second module (`needs`, the reason, when there is none); its kind
    /// guessed again from what it made when `guess`.
    fn converted(&self, bytes: &[u8], kind: InputKind, guess: bool, needs: crate::Error) -> Result<Loaded, crate::Error> {
        if let Some(e) = self.failed.borrow().clone() {
            return Err(e);
        }
        let result = self.convert_now(bytes, kind, guess, needs);
        if let Err(e) = &result {
            *self.failed.borrow_mut() = Some(e.clone());
        }
        result
    }

    fn convert_now(&self, bytes: &[u8], kind: InputKind, guess: bool, needs: crate::Error) -> Result<Loaded, crate::Error> {
        let mut packed = convert_in_js(&self.name, bytes, &self.options, needs)?;
        let (answer, text) = crate::input::convert::unpack(&self.name, &packed)?;
        let header = packed.len() - text.len();
        let converted = match answer {
            crate::input::convert::Answer::Read(c) => c,
            crate::input::convert::Answer::Failed(f) => return Err(f.into_error(&self.name)),
        };
        // The text in place, without a second copy.
        packed.drain(..header);
        let mut loaded = Loaded { bytes: packed, converted: Some(converted), kind };
        if guess {
            loaded.kind = crate::input::guess_kind_of(&loaded.file(self));
        }
        Ok(loaded)
    }

    /// Its kind, guessed from its bytes when not given (orders when they cannot be read).
    fn kind(&self) -> InputKind {
        self.kind.unwrap_or_else(|| self.load().map_or(InputKind::Orders, |l| l.kind))
    }
}

/// A file's bytes in the module: as given, or what the second module made of them.
struct Loaded {
    bytes: Vec<u8>,
    converted: Option<crate::input::convert::Converted>,
    kind: InputKind,
}

impl Loaded {
    /// The file to read, with `input`'s name and options.
    fn file<'a>(&'a self, input: &JsInput) -> crate::InputFile<'a> {
        let mut f = crate::InputFile::new(&input.name, self.kind, &self.bytes).with_options(input.options.clone());
        f.converted = self.converted.as_ref();
        f
    }
}

thread_local! {
    /// `worker.js`'s `convertFile(name, bytes, options)`, which reads a file with the second
    /// module and returns its packed answer ([`crate::input::convert::pack`]).
    static CONVERTER: std::cell::RefCell<Option<js_sys::Function>> = const { std::cell::RefCell::new(None) };
}

/// The second module's packed answer for a file.
///
/// # Errors
/// `needs` when there is no second module (outside the worker) or it could not be fetched; a
/// [`crate::Error::Format`] with the reason when it failed on the file.
fn convert_in_js(name: &str, bytes: &[u8], options: &ReadOptions, needs: crate::Error) -> Result<Vec<u8>, crate::Error> {
    let Some(f) = CONVERTER.with(|c| c.borrow().clone()) else { return Err(needs) };
    let options = serde_json::to_string(options).map_err(|e| crate::Error::Format { file: name.to_string(), message: format!("invalid read options: {e}") })?;
    match f.call3(&JsValue::NULL, &name.into(), &Uint8Array::from(bytes), &options.into()) {
        Ok(out) => out.dyn_into::<Uint8Array>().map(|a| a.to_vec()).map_err(|_| needs),
        Err(e) => Err(crate::Error::Format { file: name.to_string(), message: format!("the reader of workbooks and legacy encodings failed on this file ({})", js_text(&e)) }),
    }
}

/// The file kind a JS string names (`None` for anything else).
pub(crate) fn kind_of(v: &JsValue) -> Option<InputKind> {
    serde_json::from_value(serde_json::Value::String(v.as_string()?)).ok()
}

/// The strings of a JS array (`None` when it is not an array of strings).
pub(crate) fn strings_of(v: &JsValue) -> Option<Vec<String>> {
    v.dyn_ref::<Array>()?.iter().map(|s| s.as_string()).collect()
}

/// A JS exception's message, or its string form.
fn js_text(e: &JsValue) -> String {
    Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()).or_else(|| e.as_string()).unwrap_or_else(|| "unknown error".into())
}

pub(crate) fn read_inputs(inputs: &JsValue) -> Result<Vec<JsInput>, String> {
    let arr: &Array = inputs.dyn_ref().ok_or("inputs must be an array of { name, bytes, kind? }")?;
    let mut out = Vec::with_capacity(arr.length() as usize);
    for (i, item) in arr.iter().enumerate() {
        let name = Reflect::get(&item, &"name".into()).ok().and_then(|v| v.as_string()).unwrap_or_else(|| format!("file {}", i + 1));
        let value = Reflect::get(&item, &"bytes".into()).unwrap_or(JsValue::UNDEFINED);
        let bytes = if let Some(b) = value.dyn_ref::<web_sys::Blob>() {
            JsBytes::Blob(b.clone())
        } else {
            JsBytes::Array(value.dyn_into::<Uint8Array>().map_err(|_| format!("{name}: bytes must be a Uint8Array or a Blob"))?)
        };
        let options: ReadOptions = match Reflect::get(&item, &"options".into()).ok().filter(|v| !v.is_undefined() && !v.is_null()) {
            None => ReadOptions::default(),
            Some(v) => options_from(&v).map_err(|e| format!("{name}: invalid read options: {e}"))?,
        };
        let kind = match Reflect::get(&item, &"kind".into()).ok().filter(|v| !v.is_undefined() && !v.is_null()) {
            None => options.kind,
            Some(v) => Some(kind_of(&v).ok_or_else(|| format!("{name}: kind must be one of orders, reviews, surveys, tickets, summary"))?),
        };
        out.push(JsInput { name, kind, bytes, options, failed: Default::default() });
    }
    Ok(out)
}

fn read_options(options: JsValue) -> Result<AnalysisOptions, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(AnalysisOptions::default());
    }
    options_from(&options).map_err(|e| JsError::new(&format!("invalid options: {e}")))
}

/// Options from a JS object, read as the JSON it stands for: an unknown key is refused naming
/// it, as on the command line (serde-wasm-bindgen reads only the fields a struct names, so it
/// would pass over a misspelt option without a word).
///
/// What JSON cannot hold is refused rather than changed: a number that is not finite (JSON
/// would write `null`, which reads as "not given") and a `Map` or `Set` (JSON would write `{}`).
pub(crate) fn options_from<T: serde::de::DeserializeOwned>(v: &JsValue) -> Result<T, String> {
    let replacer = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(|key: JsValue, value: JsValue| {
        let key = key.as_string().unwrap_or_default();
        match value.as_f64() {
            Some(n) if !n.is_finite() => {
                // As the caller wrote it in JS.
                let js = if n.is_nan() {
                    "NaN"
                } else if n > 0.0 {
                    "Infinity"
                } else {
                    "-Infinity"
                };
                return Err(JsValue::from_str(&format!("{key}: {js} is not a finite number")));
            }
            _ => {}
        }
        // A typed array (a list of delivery days as a Float64Array) as the list it holds: JSON
        // would write it as an object keyed "0", "1", ...
        if js_sys::ArrayBuffer::is_view(&value) && !value.is_instance_of::<js_sys::DataView>() {
            return Ok(Array::from(&value).into());
        }
        if value.is_instance_of::<js_sys::Map>() || value.is_instance_of::<js_sys::Set>() {
            return Err(JsValue::from_str(&format!("{key}: give a plain object, not a Map or Set")));
        }
        Ok(value)
    });
    let json = js_sys::JSON::stringify_with_replacer(v, replacer.as_ref().unchecked_ref()).map_err(|e| js_text(&e))?;
    serde_json::from_str(&String::from(json)).map_err(|e| e.to_string())
}

/// Reads the files one at a time (each file's bytes are in the module's memory only while it
/// is read) and analyses them. A kind guessed from the bytes is kept in `inputs`.
fn run(inputs: &mut [JsInput], options: &AnalysisOptions, now: &dyn Fn() -> f64, progress: &mut dyn FnMut(&str, f64)) -> Result<(Analysis, Vec<StageTime>), crate::Error> {
    let (read, read_ms) = read_all(inputs, options, now, progress)?;
    Analysis::from_read(read, read_ms, options, now, progress)
}

/// The files read, one at a time, and the time it took (the first part of [`run`]).
fn read_all(inputs: &mut [JsInput], options: &AnalysisOptions, now: &dyn Fn() -> f64, progress: &mut dyn FnMut(&str, f64)) -> Result<(crate::report::Read, f64), crate::Error> {
    crate::report::option_days(options)?;
    let start = now();
    let total: usize = inputs.iter().map(JsInput::len).sum();
    let mut read = crate::report::Read::default();
    let mut done = 0usize;
    // A file above its size bound is refused before any file is loaded into the module.
    for f in inputs.iter() {
        crate::input::check_size(&f.name, f.len() as u64, &f.options)?;
    }
    for f in inputs.iter_mut() {
        let size = f.len();
        f.with_file(&mut |file| read.add(file, done, size, total, progress))?;
        done += size;
    }
    read.finish();
    Ok((read, now() - start))
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

/// Analyses a small made-up shop (see the crate's `warm` module) so that the browser optimises
/// the module's busy functions before the first real file: the widget's worker calls it once
/// when it starts (unless a small first request came before; see `worker.js`). Nothing is
/// kept or shown. Whether the made-up scorecard could be made. (Used by `worker.js`; not part
/// of the documented API.)
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up() -> bool {
    crate::warm::warm_up()
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
