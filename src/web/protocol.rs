//! The page–worker protocol: every message between the widget on the page and its analysis
//! worker is a [`Request`] (page to worker) or a [`Reply`] (worker to page), written and read
//! here only. The page posts [`Request::to_js`]; `www/worker.js` hands each message to
//! `workerHandle` ([`super::worker`]), which reads it with [`Request::from_js`] and posts
//! [`Reply::to_js`]; the page reads replies with [`Reply::from_js`].
//!
//! Messages are plain objects with a `type` and an `id` (the page ignores replies to a request
//! it no longer awaits). Files' bytes, view trees and scorecards travel as the JS values they
//! are (never copied into the module's memory on the page's thread).

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

/// A request from the page to the worker.
#[derive(Debug, Clone)]
pub(crate) enum Request {
    /// Analyse files (`inputs`: `[{ name, bytes: Uint8Array, kind?, options? }]`) and keep
    /// them; `label` names the data in the caption, `sample` marks the built-in sample shop.
    Analyze { id: u32, inputs: JsValue, since: Option<String>, as_of: Option<String>, lang: String, label: Option<String>, sample: bool },
    /// Read the kept files again after the user corrected file `index`: its `kind` and its
    /// columns (`mapping`: `{ field: column | null }`).
    Reread { id: u32, index: u32, kind: String, mapping: JsValue, lang: String },
    /// The kept records for another date range (open ends: `None`).
    Refilter { id: u32, since: Option<String>, as_of: Option<String>, lang: String },
    /// The per-customer table of the last analysis, as CSV.
    Customers { id: u32 },
    /// The last scorecard's view in another language.
    Render { id: u32, lang: String },
    /// The complaint iceberg again with the user's multipliers.
    Iceberg { id: u32, silent: f64, told: f64, lang: String },
    /// The package's standalone `analyze()`: the scorecard alone (`options`: AnalysisOptions).
    Scorecard { id: u32, inputs: JsValue, options: JsValue },
    /// Makes the worker panic: only the recovery test sends it (see `selfTestCrash`).
    Crash { id: u32 },
    /// The width, in CSS pixels, of a chart panel alone on its row and of each of two side by
    /// side (0: panels do not share rows), as the page lays them out now: later views draw
    /// their charts that wide. No reply.
    Room { solo: f64, paired: f64 },
    /// From `worker.js` itself, not the page: the second worker's log of the lifetime-value
    /// stage for the analysis `id` waits on (a `Float64Array`; null when it failed). See
    /// [`job_to_js`].
    ClvLog { id: u32, log: JsValue },
    /// From `worker.js` itself: the second worker's BG/NBD fit for the analysis `id` waits on,
    /// sent as soon as it is made (`[r, alpha, a, b, calibration end as days from CE]`; empty:
    /// none could be made).
    ClvEarly { id: u32, bgnbd: JsValue },
}

/// A reply from the worker to the page.
#[derive(Debug, Clone)]
pub(crate) enum Reply {
    /// A stage of the request's work has started or advanced (`fraction` of the whole, 0 to 1).
    Progress { id: u32, stage: String, fraction: f64 },
    /// A scorecard: its view tree (JSON pieces) and the scorecard as a plain object.
    Done { id: u32, view: JsValue, scorecard: JsValue },
    /// A new view of the kept scorecard (null: nothing to show), and the scorecard when it
    /// changed (undefined otherwise).
    View { id: u32, view: JsValue, scorecard: JsValue },
    /// The files could not be analysed: why, and the forms to correct how each is read.
    Failed { id: u32, message: String, view: JsValue },
    /// The per-customer table as CSV text.
    Customers { id: u32, csv: String },
    /// The scorecard alone (answer to [`Request::Scorecard`]).
    Scorecard { id: u32, scorecard: JsValue },
    /// The request could not be carried out. `fatal`: the worker's module failed (a panic, a
    /// trap, memory exhausted) and cannot be used again; the page starts a new worker.
    Error { id: u32, message: String, fatal: bool },
}

/// A plain object with these fields (undefined values left out).
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in fields {
        if !v.is_undefined() {
            let _ = Reflect::set(&o, &JsValue::from_str(k), v);
        }
    }
    o.into()
}

fn opt(v: &Option<String>) -> JsValue {
    v.as_deref().map_or(JsValue::NULL, JsValue::from_str)
}

/// Reads the fields of one message.
struct Fields<'a>(&'a JsValue);

impl Fields<'_> {
    fn get(&self, k: &str) -> JsValue {
        Reflect::get(self.0, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
    }
    fn id(&self) -> u32 {
        self.get("id").as_f64().filter(|v| v.is_finite() && *v >= 0.0).map_or(0, |v| v as u32)
    }
    fn string(&self, k: &str) -> Result<String, String> {
        self.get(k).as_string().ok_or_else(|| format!("message field '{k}' must be text"))
    }
    fn opt_string(&self, k: &str) -> Option<String> {
        self.get(k).as_string().filter(|s| !s.is_empty())
    }
    fn number(&self, k: &str) -> Result<f64, String> {
        self.get(k).as_f64().ok_or_else(|| format!("message field '{k}' must be a number"))
    }
}

impl Request {
    pub(crate) fn id(&self) -> u32 {
        match self {
            Request::Analyze { id, .. }
            | Request::Reread { id, .. }
            | Request::Refilter { id, .. }
            | Request::Customers { id }
            | Request::Render { id, .. }
            | Request::Iceberg { id, .. }
            | Request::Scorecard { id, .. }
            | Request::Crash { id }
            | Request::ClvLog { id, .. }
            | Request::ClvEarly { id, .. } => *id,
            Request::Room { .. } => 0,
        }
    }

    pub(crate) fn to_js(&self) -> JsValue {
        let id = |id: &u32| ("id", JsValue::from(*id));
        let ty = |t: &str| ("type", JsValue::from_str(t));
        match self {
            Request::Analyze { id: i, inputs, since, as_of, lang, label, sample } => object(&[
                ty("analyze"),
                id(i),
                ("inputs", inputs.clone()),
                ("since", opt(since)),
                ("asOf", opt(as_of)),
                ("lang", lang.as_str().into()),
                ("label", opt(label)),
                ("sample", (*sample).into()),
            ]),
            Request::Reread { id: i, index, kind, mapping, lang } => {
                object(&[ty("reread"), id(i), ("index", (*index).into()), ("kind", kind.as_str().into()), ("mapping", mapping.clone()), ("lang", lang.as_str().into())])
            }
            Request::Refilter { id: i, since, as_of, lang } => object(&[ty("refilter"), id(i), ("since", opt(since)), ("asOf", opt(as_of)), ("lang", lang.as_str().into())]),
            Request::Customers { id: i } => object(&[ty("customers"), id(i)]),
            Request::Render { id: i, lang } => object(&[ty("render"), id(i), ("lang", lang.as_str().into())]),
            Request::Iceberg { id: i, silent, told, lang } => object(&[ty("iceberg"), id(i), ("silent", (*silent).into()), ("told", (*told).into()), ("lang", lang.as_str().into())]),
            Request::Scorecard { id: i, inputs, options } => object(&[ty("scorecard"), id(i), ("inputs", inputs.clone()), ("options", options.clone())]),
            Request::Crash { id: i } => object(&[ty("crash"), id(i)]),
            Request::Room { solo, paired } => object(&[ty("room"), ("solo", (*solo).into()), ("paired", (*paired).into())]),
            Request::ClvLog { id: i, log } => object(&[ty("clvLog"), id(i), ("log", log.clone())]),
            Request::ClvEarly { id: i, bgnbd } => object(&[ty("clvEarly"), id(i), ("bgnbd", bgnbd.clone())]),
        }
    }

    /// The request a message stands for.
    ///
    /// # Errors
    /// An unknown `type` or a field of the wrong kind, said in words.
    pub(crate) fn from_js(m: &JsValue) -> Result<Request, String> {
        let f = Fields(m);
        let id = f.id();
        let lang = || f.opt_string("lang").unwrap_or_else(|| "en".into());
        Ok(match f.string("type")?.as_str() {
            "analyze" => Request::Analyze {
                id,
                inputs: f.get("inputs"),
                since: f.opt_string("since"),
                as_of: f.opt_string("asOf"),
                lang: lang(),
                label: f.opt_string("label"),
                sample: f.get("sample").as_bool().unwrap_or(false),
            },
            "reread" => Request::Reread { id, index: f.number("index")?.max(0.0) as u32, kind: f.string("kind")?, mapping: f.get("mapping"), lang: lang() },
            "refilter" => Request::Refilter { id, since: f.opt_string("since"), as_of: f.opt_string("asOf"), lang: lang() },
            "customers" => Request::Customers { id },
            "render" => Request::Render { id, lang: lang() },
            "iceberg" => Request::Iceberg { id, silent: f.number("silent")?, told: f.number("told")?, lang: lang() },
            "scorecard" => Request::Scorecard { id, inputs: f.get("inputs"), options: f.get("options") },
            "crash" => Request::Crash { id },
            "room" => Request::Room { solo: f.number("solo")?, paired: f.number("paired")? },
            "clvLog" => Request::ClvLog { id, log: f.get("log") },
            "clvEarly" => Request::ClvEarly { id, bgnbd: f.get("bgnbd") },
            other => return Err(format!("unknown request '{other}'")),
        })
    }
}

impl Reply {
    pub(crate) fn id(&self) -> u32 {
        match self {
            Reply::Progress { id, .. }
            | Reply::Done { id, .. }
            | Reply::View { id, .. }
            | Reply::Failed { id, .. }
            | Reply::Customers { id, .. }
            | Reply::Scorecard { id, .. }
            | Reply::Error { id, .. } => *id,
        }
    }

    pub(crate) fn to_js(&self) -> JsValue {
        let id = |id: &u32| ("id", JsValue::from(*id));
        let ty = |t: &str| ("type", JsValue::from_str(t));
        match self {
            Reply::Progress { id: i, stage, fraction } => object(&[ty("progress"), id(i), ("stage", stage.as_str().into()), ("fraction", (*fraction).into())]),
            Reply::Done { id: i, view, scorecard } => object(&[ty("done"), id(i), ("view", view.clone()), ("scorecard", scorecard.clone())]),
            Reply::View { id: i, view, scorecard } => object(&[ty("view"), id(i), ("view", view.clone()), ("scorecard", scorecard.clone())]),
            Reply::Failed { id: i, message, view } => object(&[ty("failed"), id(i), ("message", message.as_str().into()), ("view", view.clone())]),
            Reply::Customers { id: i, csv } => object(&[ty("customers"), id(i), ("csv", csv.as_str().into())]),
            Reply::Scorecard { id: i, scorecard } => object(&[ty("scorecard"), id(i), ("scorecard", scorecard.clone())]),
            Reply::Error { id: i, message, fatal } => object(&[ty("error"), id(i), ("message", message.as_str().into()), ("fatal", (*fatal).into())]),
        }
    }

    /// The reply a message stands for.
    ///
    /// # Errors
    /// An unknown `type`, said in words.
    pub(crate) fn from_js(m: &JsValue) -> Result<Reply, String> {
        let f = Fields(m);
        let id = f.id();
        let message = || f.string("message").unwrap_or_else(|_| "unknown error".into());
        Ok(match f.string("type")?.as_str() {
            "progress" => Reply::Progress { id, stage: f.string("stage").unwrap_or_default(), fraction: f.number("fraction").unwrap_or(0.0) },
            "done" => Reply::Done { id, view: f.get("view"), scorecard: f.get("scorecard") },
            "view" => Reply::View { id, view: f.get("view"), scorecard: f.get("scorecard") },
            "failed" => Reply::Failed { id, message: message(), view: f.get("view") },
            "customers" => Reply::Customers { id, csv: f.string("csv").unwrap_or_default() },
            "scorecard" => Reply::Scorecard { id, scorecard: f.get("scorecard") },
            "error" => Reply::Error { id, message: message(), fatal: f.get("fatal").as_bool().unwrap_or(false) },
            other => return Err(format!("unknown reply '{other}'")),
        })
    }
}

/// The lifetime-value job as the analysis worker posts it to the second worker: its numbers as
/// typed arrays (moved, not copied, by `postMessage` with their buffers in the transfer list)
/// and the rest as JSON text.
pub(crate) fn job_to_js(job: &crate::report::ClvJob) -> JsValue {
    let meta = serde_json::json!({ "asOf": job.as_of, "first": job.first, "options": job.options, "hasMoney": job.has_money });
    object(&[
        ("ends", js_sys::Uint32Array::from(job.ends.as_slice()).into()),
        ("days", js_sys::Int32Array::from(job.days.as_slice()).into()),
        ("totals", js_sys::Float64Array::from(job.totals.as_slice()).into()),
        ("meta", JsValue::from_str(&meta.to_string())),
    ])
}

/// [`job_to_js`] read back (in the second worker).
///
/// # Errors
/// A field missing or of the wrong kind.
pub(crate) fn job_from_js(v: &JsValue) -> Result<crate::report::ClvJob, String> {
    use wasm_bindgen::JsCast;
    let f = Fields(v);
    let ends = f.get("ends").dyn_into::<js_sys::Uint32Array>().map_err(|_| "job: ends must be a Uint32Array")?.to_vec();
    let days = f.get("days").dyn_into::<js_sys::Int32Array>().map_err(|_| "job: days must be an Int32Array")?.to_vec();
    let totals = f.get("totals").dyn_into::<js_sys::Float64Array>().map_err(|_| "job: totals must be a Float64Array")?.to_vec();
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Meta {
        as_of: chrono::NaiveDate,
        first: Option<chrono::NaiveDate>,
        options: crate::metrics::clv::ClvOptions,
        has_money: bool,
    }
    let meta: Meta = serde_json::from_str(&f.string("meta")?).map_err(|e| format!("job: {e}"))?;
    Ok(crate::report::ClvJob { ends, days, totals, as_of: meta.as_of, first: meta.first, options: meta.options, has_money: meta.has_money })
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;
    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    /// Every variant survives the trip through a plain JS object (as `postMessage` carries it).
    #[wasm_bindgen_test]
    fn every_message_reads_back_as_it_was_written() {
        let bytes = JsValue::from(js_sys::Uint8Array::new_with_length(3));
        let requests = [
            Request::Analyze { id: 1, inputs: bytes.clone(), since: Some("2024-01-01".into()), as_of: None, lang: "zh-CN".into(), label: Some("shop".into()), sample: true },
            Request::Reread { id: 2, index: 1, kind: "reviews".into(), mapping: Object::new().into(), lang: "en".into() },
            Request::Refilter { id: 3, since: None, as_of: Some("2024-06-30".into()), lang: "zh-TW".into() },
            Request::Customers { id: 4 },
            Request::Render { id: 5, lang: "en".into() },
            Request::Iceberg { id: 6, silent: 26.0, told: 9.5, lang: "en".into() },
            Request::Scorecard { id: 7, inputs: bytes.clone(), options: JsValue::UNDEFINED },
            Request::Crash { id: 8 },
            Request::Room { solo: 1010.0, paired: 497.5 },
            Request::ClvLog { id: 9, log: js_sys::Float64Array::new_with_length(2).into() },
            Request::ClvEarly { id: 10, bgnbd: js_sys::Float64Array::new_with_length(5).into() },
        ];
        for r in requests {
            let back = Request::from_js(&r.to_js()).unwrap();
            assert_eq!(format!("{back:?}"), format!("{r:?}"));
        }
        let replies = [
            Reply::Progress { id: 1, stage: "read".into(), fraction: 0.5 },
            Reply::Done { id: 2, view: JsValue::from_str("[]"), scorecard: Object::new().into() },
            Reply::View { id: 3, view: JsValue::NULL, scorecard: JsValue::UNDEFINED },
            Reply::Failed { id: 4, message: "orders.csv: no date".into(), view: JsValue::from_str("[]") },
            Reply::Customers { id: 5, csv: "customer_id\r\n".into() },
            Reply::Scorecard { id: 6, scorecard: Object::new().into() },
            Reply::Error { id: 7, message: "boom".into(), fatal: false },
            Reply::Error { id: 8, message: "unreachable".into(), fatal: true },
        ];
        for r in replies {
            let back = Reply::from_js(&r.to_js()).unwrap();
            assert_eq!(format!("{back:?}"), format!("{r:?}"));
        }
        assert!(Request::from_js(&object(&[("type", "nonsense".into())])).is_err());
    }

    /// A lifetime-value job survives the trip to the second worker.
    #[wasm_bindgen_test]
    fn a_job_reads_back_as_it_was_written() {
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let job = crate::report::ClvJob {
            ends: vec![0, 2, 3],
            days: vec![738_000, 738_010, -5],
            totals: vec![1.5, f64::NAN, 0.0],
            as_of: day("2025-06-30"),
            first: None,
            options: crate::metrics::clv::ClvOptions { horizon: 13.0, holdout_end: Some(day("2025-12-31")), ..Default::default() },
            has_money: false,
        };
        let back = job_from_js(&job_to_js(&job)).unwrap();
        assert_eq!(format!("{back:?}"), format!("{job:?}"));
        assert!(job_from_js(&Object::new().into()).is_err());
    }
}
