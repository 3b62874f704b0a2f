//! The wasm-bindgen boundary and the widget. Converts, never computes: every figure comes from
//! [`crate::analyze`] and every view from [`crate::view`]. Nothing here panics on bad data;
//! errors become JavaScript `Error`s.
//!
//! Two halves share this module:
//! - the worker half (`workerAnalyze`, `workerRender`), called from `www/worker.js` inside a Web
//!   Worker: reads the files, computes the scorecard and its view tree;
//! - the page half (`ScorecardWidget`): the frame (drop zone, progress, language), file reading,
//!   messages to and from the worker, and turning view trees into DOM.

pub mod dom;
mod widget;

use crate::input::read::ReadOptions;
use crate::input::{guess_kind, InputKind};
use crate::report::{analyze_with_progress, AnalysisOptions, Scorecard, StageTime};
use crate::view::{render, Lang};
use js_sys::{Array, Function, Reflect, Uint8Array};
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

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
  loyalty?: { churn_window_days?: number | null; retention_uplift?: number; margin?: number; cohort_window_months?: number; weekly?: boolean; tier_thresholds?: { high_share: number; medium_share: number } };
  clv?: { calibration_end?: string | null; holdout_end?: string | null; unit?: "day" | "week" | "month"; horizon?: number; monthly_discount?: number; clv_months?: number; pareto_nbd?: boolean; mbgnbd?: boolean };
  satisfaction?: Section;
  survey?: Section;
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
  /** Set when the input was a customer summary (kind "summary"): its figures and what is absent. */
  summary_input: Section | null;
  warnings: string[];
}
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

/// Owned copy of one input file, read from JS.
pub(crate) struct OwnedInput {
    pub name: String,
    pub kind: InputKind,
    pub bytes: Vec<u8>,
    pub options: ReadOptions,
}

pub(crate) fn read_inputs(inputs: &JsValue) -> Result<Vec<OwnedInput>, String> {
    let arr: &Array = inputs.dyn_ref().ok_or("inputs must be an array of { name, bytes, kind? }")?;
    let mut out = Vec::with_capacity(arr.length() as usize);
    for (i, item) in arr.iter().enumerate() {
        let name = Reflect::get(&item, &"name".into()).ok().and_then(|v| v.as_string()).unwrap_or_else(|| format!("file {}", i + 1));
        let bytes = Reflect::get(&item, &"bytes".into())
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok())
            .ok_or_else(|| format!("{name}: bytes must be a Uint8Array"))?
            .to_vec();
        let options: ReadOptions = match Reflect::get(&item, &"options".into()).ok().filter(|v| !v.is_undefined() && !v.is_null()) {
            None => ReadOptions::default(),
            Some(v) => serde_wasm_bindgen::from_value(v).map_err(|e| format!("{name}: invalid read options: {e}"))?,
        };
        let kind = match Reflect::get(&item, &"kind".into()).ok().filter(|v| !v.is_undefined() && !v.is_null()) {
            None => options.kind.unwrap_or_else(|| guess_kind(&name, &bytes)),
            Some(v) => serde_wasm_bindgen::from_value(v)
                .map_err(|_| format!("{name}: kind must be one of orders, reviews, surveys, tickets, summary"))?,
        };
        out.push(OwnedInput { name, kind, bytes, options });
    }
    Ok(out)
}

fn read_options(options: JsValue) -> Result<AnalysisOptions, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(AnalysisOptions::default());
    }
    serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&format!("invalid options: {e}")))
}

fn run(inputs: &[OwnedInput], options: &AnalysisOptions, now: &dyn Fn() -> f64, progress: &mut dyn FnMut(&str, f64)) -> Result<(Scorecard, Vec<StageTime>), crate::Error> {
    let files: Vec<crate::InputFile> =
        inputs.iter().map(|f| crate::InputFile::new(&f.name, f.kind, &f.bytes).with_options(f.options.clone())).collect();
    analyze_with_progress(&files, options, now, progress)
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
    let inputs = read_inputs(&inputs).map_err(|e| JsError::new(&format!("analyze: {e}")))?;
    let options = read_options(options)?;
    let (card, _) = run(&inputs, &options, &|| 0.0, &mut |_, _| {}).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&card)
}

/// Benchmark entry: analyses `inputs` and returns `{ stages: [{stage, ms}], toJsMs, orders }`
/// (the scorecard is converted, as in `analyze`, but not returned).
#[wasm_bindgen(js_name = profile, unchecked_return_type = "{ stages: { stage: string; ms: number }[]; toJsMs: number; orders: number }")]
pub fn profile_js(
    #[wasm_bindgen(unchecked_param_type = "InputFileSpec[]")] inputs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalysisOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let inputs = read_inputs(&inputs).map_err(|e| JsError::new(&format!("profile: {e}")))?;
    let options = read_options(options)?;
    let (card, stages) = run(&inputs, &options, &performance_now, &mut |_, _| {}).map_err(|e| JsError::new(&e.to_string()))?;
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
    static LAST: RefCell<Option<(Scorecard, render::Source)>> = const { RefCell::new(None) };
}

#[derive(Serialize)]
struct WorkerResult<'a> {
    view: crate::view::Node,
    scorecard: &'a Scorecard,
    stages: &'a [StageTime],
}

/// Worker half: analyses `inputs`, keeps the scorecard, and returns `{ view, scorecard, stages }`
/// (the view tree in `lang`). `sample` marks the built-in sample shop (its caption is
/// translated). `progress(stage, fraction)` is called as stages finish.
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
    let mut report = |stage: &str, fraction: f64| {
        let _ = progress.call2(&JsValue::NULL, &stage.into(), &fraction.into());
    };
    report("read", 0.0);
    let (card, stages) = run(&inputs, &options, &performance_now, &mut report).map_err(|e| JsError::new(&e.to_string()))?;
    report("render", 0.95);
    let lang = Lang::from_tag(&lang);
    let view = render::scorecard(lang, &card, &source);
    let out = to_js(&WorkerResult { view, scorecard: &card, stages: &stages });
    LAST.with(|l| *l.borrow_mut() = Some((card, source)));
    out
}

/// Worker half: recomputes the complaint iceberg of the last scorecard with the user's
/// multipliers (`silent` unhappy customers per complaint, people `told` per unhappy customer) and
/// returns its view in `lang` (null when there is no scorecard or no complaints).
#[wasm_bindgen(js_name = workerIceberg)]
pub fn worker_iceberg(silent: f64, told: f64, lang: String) -> Result<JsValue, JsError> {
    use crate::metrics::satisfaction::complaints::{iceberg, IcebergAssumptions};
    LAST.with(|l| {
        let mut last = l.borrow_mut();
        let Some((card, source)) = last.as_mut() else { return Ok(JsValue::NULL) };
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
        to_js(&render::scorecard(Lang::from_tag(&lang), card, source))
    })
}

/// Worker half: the view tree of the last scorecard in another language (null when none).
#[wasm_bindgen(js_name = workerRender)]
pub fn worker_render(lang: String) -> Result<JsValue, JsError> {
    LAST.with(|l| match &*l.borrow() {
        Some((card, source)) => to_js(&render::scorecard(Lang::from_tag(&lang), card, source)),
        None => Ok(JsValue::NULL),
    })
}
