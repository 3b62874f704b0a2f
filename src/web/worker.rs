//! The worker half: `www/worker.js` hands every message from the page to [`worker_handle`],
//! which carries out the [`Request`] and posts [`Reply`]s. The worker keeps one analysis (the
//! records read and the scorecard) and the files' names, kinds and reading options; the files'
//! bytes stay JS `Uint8Array`s and are copied into the module one file at a time while read.

use super::protocol::{Reply, Request};
use super::{read_all, read_inputs, read_options, run, to_js, JsInput};
use crate::input::InputKind;
use crate::metrics::satisfaction::complaints::{iceberg, IcebergAssumptions};
use crate::report::AnalysisOptions;
use crate::view::{render, Lang};
use crate::Analysis;
use js_sys::Function;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The last analysis and the label of its data, kept so that a language change only
    /// re-renders, and exports and a new date range reuse its records.
    static LAST: RefCell<Option<(Analysis, render::Source)>> = const { RefCell::new(None) };
    /// The last files and options, kept so the user can correct how a file is read (its kind,
    /// its columns) and have it read again without dropping it again.
    static FILES: RefCell<Option<Stored>> = const { RefCell::new(None) };
    /// An analysis whose lifetime-value stage a second worker is computing: the request's id,
    /// the half-made scorecard, the label of its data and the view's language.
    static PENDING: RefCell<Option<(u32, crate::report::Pending, render::Source, Lang)>> = const { RefCell::new(None) };
}

struct Stored {
    inputs: Vec<JsInput>,
    options: AnalysisOptions,
    source: render::Source,
}

/// Carries out one request from the page (`message`, see [`Request`]) and posts its replies
/// (progress, then the answer) through `post(reply)`. Never throws: a request that cannot be
/// carried out is answered with an `error` reply.
///
/// `helper`, when given, is `(id, job) => boolean`: it hands a lifetime-value job to a second
/// worker (true when it could). The analysis then continues with the other metrics, and its
/// answer comes once `worker.js` passes the second worker's log back as a `clvLog` message.
///
/// `convert`, when given, is `(name, bytes, options) => Uint8Array`: it reads a workbook or a
/// legacy-encoded text with the second module (see [`crate::input::convert`]).
#[wasm_bindgen(js_name = workerHandle)]
pub fn worker_handle(message: JsValue, post: &Function, helper: Option<Function>, convert: Option<Function>) {
    super::CONVERTER.with(|c| *c.borrow_mut() = convert);
    let send = |r: Reply| {
        let _ = post.call1(&JsValue::NULL, &r.to_js());
    };
    let request = match Request::from_js(&message) {
        Ok(r) => r,
        Err(e) => {
            let id = js_sys::Reflect::get(&message, &"id".into()).ok().and_then(|v| v.as_f64()).map_or(0, |v| v as u32);
            return send(Reply::Error { id, message: e, fatal: false });
        }
    };
    let id = request.id();
    let mut progress = |stage: &str, fraction: f64| send(Reply::Progress { id, stage: stage.to_string(), fraction });
    let helper = helper.as_ref();
    let answer = match request {
        Request::Analyze { inputs, since, as_of, lang, label, sample, .. } => analyze(id, &inputs, since, as_of, &lang, label, sample, helper, &mut progress),
        Request::Reread { index, kind, mapping, lang, .. } => reread(id, index as usize, &kind, mapping, &lang, helper, &mut progress),
        Request::ClvEarly { bgnbd, .. } => {
            early(id, &bgnbd);
            return;
        }
        Request::Room { solo, paired } => {
            crate::view::charts::set_room(Some(crate::view::charts::Room { solo, paired: (paired > 0.0).then_some(paired) }));
            return;
        }
        Request::ClvLog { log, .. } => match resume(id, &log, &mut progress) {
            Some(answer) => answer,
            // Not the analysis waiting (a later request replaced it): nothing to answer.
            None => return,
        },
        Request::Refilter { since, as_of, lang, .. } => refilter(id, since, as_of, &lang, helper, &mut progress),
        Request::Customers { .. } => customers_csv().map(|csv| Reply::Customers { id, csv }.into()),
        Request::Render { lang, .. } => render_last(id, &lang).map(Answer::from),
        Request::Iceberg { silent, told, lang, .. } => change_iceberg(id, silent, told, &lang).map(Answer::from),
        Request::Scorecard { inputs, options, .. } => scorecard(id, &inputs, options).map(Answer::from),
        // The recovery test: a panic in the middle of an analysis (the kept files borrowed, as
        // a bug or an exhausted memory would leave them) makes every later request fail in this
        // worker; worker.js reports it as fatal and the page starts a new worker.
        Request::Crash { .. } => FILES.with(|f| {
            let _held = f.borrow_mut();
            panic!("the recovery test asked the worker to stop")
        }),
    };
    match answer {
        Ok(Answer::Now(reply)) => send(reply),
        // The answer comes with the second worker's log.
        Ok(Answer::Later) => {}
        Err(message) => send(Reply::Error { id, message, fatal: false }),
    }
}

/// A request's answer: now, or once the second worker's log is back.
enum Answer {
    Now(Reply),
    Later,
}

impl From<Reply> for Answer {
    fn from(r: Reply) -> Answer {
        Answer::Now(r)
    }
}

/// The analysis waiting for the log of request `id` finished with it (`log` null or not a log:
/// the lifetime-value stage is computed here). `None` when no analysis waits for that id.
fn resume(id: u32, log: &JsValue, progress: &mut dyn FnMut(&str, f64)) -> Option<Result<Answer, String>> {
    let (_, pending, source, lang) = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        (p.as_ref().map(|x| x.0) == Some(id)).then(|| p.take()).flatten()
    })?;
    let log = log.dyn_ref::<js_sys::Float64Array>().and_then(|a| crate::metrics::clv::replay::decode(&a.to_vec()));
    progress("metrics", 0.9);
    let options = pending.options().clone();
    let (card, read, _, _) = pending.finish(log, &super::performance_now);
    let analysis = Analysis::from_parts(read, card, &options);
    Some(finished(id, analysis, source, lang).map(Answer::Now))
}

/// A begun analysis: its lifetime-value job handed to the second worker and the other metrics
/// computed meanwhile (`Err`: it waits for the job's log; boxed, as it holds the records), or made here (no job, or no helper
/// took it).
fn hand_over(
    id: u32,
    begun: crate::report::Begun,
    helper: Option<&Function>,
    options: &crate::report::AnalysisOptions,
    now: &dyn Fn() -> f64,
    progress: &mut dyn FnMut(&str, f64),
) -> Result<Analysis, Box<crate::report::Pending>> {
    match begun {
        crate::report::Begun::Waiting(mut pending, job) => {
            let handed = helper.map(|h| h.call2(&JsValue::NULL, &JsValue::from(id), &super::protocol::job_to_js(&job))).is_some_and(|r| r.is_ok_and(|v| v.as_bool() == Some(true)));
            drop(job);
            progress("metrics", 0.85);
            pending.rest(now);
            if handed {
                return Err(Box::new(pending));
            }
            let (card, read, _, _) = pending.finish(None, now);
            Ok(Analysis::from_parts(read, card, options))
        }
        crate::report::Begun::Done(card, read) => Ok(Analysis::from_parts(read, card, options)),
    }
}

/// The trust ladder of the analysis waiting on request `id`, from the second worker's BG/NBD
/// fit (see [`Request::ClvEarly`]).
fn early(id: u32, bgnbd: &JsValue) {
    let v = bgnbd.dyn_ref::<js_sys::Float64Array>().map(js_sys::Float64Array::to_vec).unwrap_or_default();
    let fit = match v.as_slice() {
        [r, alpha, a, b, cal] => chrono::NaiveDate::from_num_days_from_ce_opt(*cal as i32).map(|cal| ([*r, *alpha, *a, *b], cal)),
        _ => None,
    };
    PENDING.with(|p| {
        if let Some((_, pending, _, _)) = p.borrow_mut().as_mut().filter(|x| x.0 == id) {
            pending.early_trust(fit, &super::performance_now);
        }
    });
}

/// The answer to an analysis made (the scorecard now, the analysis kept) or waiting for the
/// second worker's log (kept as pending, answered later).
fn answer(id: u32, made: Result<Analysis, Box<crate::report::Pending>>, source: render::Source, lang: Lang) -> Result<Answer, String> {
    match made {
        Ok(analysis) => finished(id, analysis, source, lang).map(Answer::Now),
        Err(pending) => {
            PENDING.with(|p| *p.borrow_mut() = Some((id, *pending, source, lang)));
            Ok(Answer::Later)
        }
    }
}

/// The scorecard's reply, and the analysis kept for the customers CSV, a new date range and a
/// changed assumption.
fn finished(id: u32, analysis: Analysis, source: render::Source, lang: Lang) -> Result<Reply, String> {
    let reply = done(id, &analysis, &source, lang);
    LAST.with(|l| *l.borrow_mut() = Some((analysis, source)));
    reply
}

/// The lifetime-value job of an analysis, computed by the second worker: its log as a
/// `Float64Array`, or null when the job cannot be read (the analysis worker then computes the
/// stage itself).
///
/// `early`, when given, is called with the BG/NBD fit as soon as it is made (a `Float64Array`
/// `[r, alpha, a, b, calibration end as days from CE]`, empty when none could be made).
#[wasm_bindgen(js_name = clvHelper)]
pub fn clv_helper(job: JsValue, early: Option<Function>) -> JsValue {
    use chrono::Datelike;
    let hook = |fit: Option<crate::metrics::clv::bgnbd::BgNbd>, cal: chrono::NaiveDate| {
        let v: Vec<f64> = fit.map_or_else(Vec::new, |m| vec![m.r, m.alpha, m.a, m.b, f64::from(cal.num_days_from_ce())]);
        if let Some(f) = &early {
            let _ = f.call1(&JsValue::NULL, &js_sys::Float64Array::from(v.as_slice()));
        }
    };
    match super::protocol::job_from_js(&job).ok().and_then(|j| j.log_with(Some(&hook))) {
        Some(log) => js_sys::Float64Array::from(crate::metrics::clv::replay::encode(&log).as_slice()).into(),
        None => JsValue::NULL,
    }
}

fn js_error_text(e: JsError) -> String {
    let v = JsValue::from(e);
    js_sys::Reflect::get(&v, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| "unknown error".into())
}

/// The standalone `analyze()`: the scorecard of `inputs`, nothing kept.
fn scorecard(id: u32, inputs: &JsValue, options: JsValue) -> Result<Reply, String> {
    let mut inputs = read_inputs(inputs)?;
    let options = read_options(options).map_err(js_error_text)?;
    let (analysis, _) = run(&mut inputs, &options, &|| 0.0, &mut |_, _| {}).map_err(|e| e.to_string())?;
    Ok(Reply::Scorecard { id, scorecard: to_js(analysis.scorecard()).map_err(js_error_text)? })
}

/// Analyses `inputs` and keeps them: the scorecard and its view, or the failure with the forms
/// to correct how each file is read.
#[allow(clippy::too_many_arguments)]
fn analyze(
    id: u32,
    inputs: &JsValue,
    since: Option<String>,
    as_of: Option<String>,
    lang: &str,
    label: Option<String>,
    sample: bool,
    helper: Option<&Function>,
    progress: &mut dyn FnMut(&str, f64),
) -> Result<Answer, String> {
    let inputs = read_inputs(inputs)?;
    let options = AnalysisOptions { since, as_of, ..AnalysisOptions::default() };
    let names = inputs.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(", ");
    let source = if sample { render::Source::Sample(names) } else { render::Source::Files(label.unwrap_or(names)) };
    FILES.with(|f| *f.borrow_mut() = Some(Stored { inputs, options, source }));
    analyze_stored(id, lang, helper, progress)
}

/// Reads the kept files again after the user corrected file `index`: `kind` ("orders",
/// "reviews", "surveys", "tickets"; a change of kind also resets the columns) and `mapping`
/// (`{ field: column | null }`; fields left out are chosen automatically).
fn reread(id: u32, index: usize, kind: &str, mapping: JsValue, lang: &str, helper: Option<&Function>, progress: &mut dyn FnMut(&str, f64)) -> Result<Answer, String> {
    let kind: InputKind = super::kind_of(&JsValue::from_str(kind)).ok_or("kind must be one of orders, reviews, surveys, tickets")?;
    let mapping: std::collections::BTreeMap<String, Option<String>> =
        if mapping.is_undefined() || mapping.is_null() { Default::default() } else { super::options_from(&mapping).map_err(|e| format!("invalid mapping: {e}"))? };
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
        return Err("there is no such file to read again; drop the files once more".into());
    }
    analyze_stored(id, lang, helper, progress)
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

/// The scorecard of the kept files for the date range `since` .. `as_of` (open ends: `None`),
/// from the kept records: no file is read again. When the range leaves nothing to analyse, the
/// files are analysed again, to show why with the correction forms.
fn refilter(id: u32, since: Option<String>, as_of: Option<String>, lang: &str, helper: Option<&Function>, progress: &mut dyn FnMut(&str, f64)) -> Result<Answer, String> {
    let options = FILES.with(|f| {
        let mut f = f.borrow_mut();
        let s = f.as_mut()?;
        s.options.since = since;
        s.options.as_of = as_of;
        Some(s.options.clone())
    });
    let Some(options) = options else {
        return Err("there are no files to analyse yet".into());
    };
    progress("metrics", 0.0);
    // With a second worker: the kept records in two halves, as a first analysis.
    let kept = helper.and_then(|_| LAST.with(|l| l.borrow_mut().take_if(|(a, _)| a.scorecard().summary_input.is_none())));
    if let Some((analysis, source)) = kept {
        let now = &super::performance_now;
        let began = crate::report::begin(analysis.into_read(), 0.0, &options, now);
        return match began.map(|b| hand_over(id, b, helper, &options, now, progress)) {
            Ok(made) => answer(id, made, source, Lang::from_tag(lang)),
            // Nothing to analyse in the range: the files again, to show why.
            Err(_) => analyze_stored(id, lang, helper, progress),
        };
    }
    let rerun = LAST.with(|l| {
        let mut l = l.borrow_mut();
        let (analysis, source) = l.as_mut()?;
        analysis.rerun_with_progress(&options, &super::performance_now, progress).ok()?;
        progress("render", 0.95);
        Some(done(id, analysis, source, Lang::from_tag(lang)))
    });
    match rerun {
        Some(reply) => reply.map(Answer::Now),
        None => analyze_stored(id, lang, None, progress),
    }
}

/// The scorecard's reply: its view in `lang` and the scorecard.
fn done(id: u32, analysis: &Analysis, source: &render::Source, lang: Lang) -> Result<Reply, String> {
    let card = analysis.scorecard();
    let view = to_js(&render::scorecard(lang, card, source).to_json_pieces()).map_err(js_error_text)?;
    Ok(Reply::Done { id, view, scorecard: to_js(card).map_err(js_error_text)? })
}

/// Analyses the kept files: the scorecard and its view, or the failure with its correction
/// forms.
fn analyze_stored(id: u32, lang: &str, helper: Option<&Function>, progress: &mut dyn FnMut(&str, f64)) -> Result<Answer, String> {
    progress("read", 0.0);
    let lang = Lang::from_tag(lang);
    // The last analysis's records are freed first: the module's memory never shrinks, and it
    // would otherwise hold both shops at once.
    LAST.with(|l| *l.borrow_mut() = None);
    PENDING.with(|p| *p.borrow_mut() = None);
    let now = &super::performance_now;
    let outcome = FILES.with(|f| {
        let mut f = f.borrow_mut();
        let Some(s) = f.as_mut() else { return Err(("no files".to_string(), crate::view::Node::el("div"))) };
        let began = read_all(&mut s.inputs, &s.options, now, progress).and_then(|(read, ms)| match helper {
            // With a second worker: the lifetime-value job goes there, the other metrics are
            // computed here meanwhile.
            Some(_) => crate::report::begin(read, ms, &s.options, now).map(|b| hand_over(id, b, helper, &s.options, now, progress)),
            None => Analysis::from_read(read, ms, &s.options, now, progress).map(|(a, _)| Ok(a)),
        });
        match began {
            Ok(made) => Ok((made, s.source.clone())),
            Err(e) => {
                // A file over its bounds (its size, an option out of range) is not loaded again
                // to show its columns: its form has none.
                let within = |i: &super::JsInput| crate::input::check_size(&i.name, i.len() as u64, &i.options).is_ok();
                let headers: Vec<Vec<String>> = s
                    .inputs
                    .iter()
                    .map(|i| {
                        if !within(i) {
                            return Vec::new();
                        }
                        i.load().ok().and_then(|l| crate::input::file_headers(&l.file(i), &i.options).ok()).unwrap_or_default()
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
                        kind: if within(i) { i.kind() } else { i.kind.unwrap_or(crate::InputKind::Orders) },
                        headers: h,
                        columns: cols,
                        fields_off: off,
                        read: false,
                    })
                    .collect();
                Err((e.to_string(), crate::view::fix::failed(lang, &forms)))
            }
        }
    });
    match outcome {
        Ok((made, source)) => {
            progress("render", 0.95);
            answer(id, made, source, lang)
        }
        Err((message, forms)) => Ok(Answer::Now(Reply::Failed { id, message, view: to_js(&forms.to_json_pieces()).map_err(js_error_text)? })),
    }
}

/// The complaint iceberg of the kept scorecard again with the user's multipliers (`silent`
/// unhappy customers per complaint, people `told` per unhappy customer): the new view and the
/// changed scorecard, so that the page's copy (its JSON export, the `ready` event) is the
/// worker's. No view when there is no scorecard or no complaints.
fn change_iceberg(id: u32, silent: f64, told: f64, lang: &str) -> Result<Reply, String> {
    // The ranges of the options satisfaction.iceberg.* (src/options.rs).
    let ok = |v: f64| v.is_finite() && (0.0..=1_000.0).contains(&v);
    if !(ok(silent) && ok(told)) {
        return Err("the iceberg multipliers must be numbers from 0 to 1000".into());
    }
    LAST.with(|l| {
        let mut last = l.borrow_mut();
        let unchanged = Reply::View { id, view: JsValue::NULL, scorecard: JsValue::UNDEFINED };
        let Some((analysis, source)) = last.as_mut() else { return Ok(unchanged) };
        let card = analysis.scorecard_mut();
        let Some(c) = card.satisfaction.as_mut().and_then(|s| s.complaints.as_mut()) else { return Ok(unchanged) };
        let articles = IcebergAssumptions::chinese_articles();
        let tarp = IcebergAssumptions::tarp();
        let source_text = if silent == articles.silent_per_complaint && told == articles.people_told_per_unhappy {
            articles.source
        } else if silent == tarp.silent_per_complaint && told == tarp.people_told_per_unhappy {
            tarp.source
        } else {
            "set in this page".to_string()
        };
        let a = IcebergAssumptions { silent_per_complaint: silent, people_told_per_unhappy: told, source: source_text };
        c.iceberg = iceberg(c.iceberg.complaining_customers, &a);
        let view = to_js(&render::scorecard(Lang::from_tag(lang), card, source).to_json_pieces()).map_err(js_error_text)?;
        Ok(Reply::View { id, view, scorecard: to_js(&*card).map_err(js_error_text)? })
    })
}

/// The per-customer table of the last analysis as CSV text (the same table as the CLI's
/// `--customers-out`), with a byte-order mark for spreadsheets.
fn customers_csv() -> Result<String, String> {
    LAST.with(|l| {
        let l = l.borrow();
        let (analysis, _) = l.as_ref().ok_or("no scorecard to export yet")?;
        // From the kept records (no file read again), except for a customer summary, whose
        // table comes from its file. (The scorecard is lent, never copied: a copy of its type
        // was 48 KB of the module.)
        let bytes = if analysis.scorecard().summary_input.is_none() {
            analysis.customers_csv().map_err(|e| e.to_string())?
        } else {
            FILES.with(|f| {
                let f = f.borrow();
                let s = f.as_ref().ok_or("no files to export")?;
                // A summary file is small (one row per customer): every file is copied in at once.
                let loaded: Vec<super::Loaded> = s.inputs.iter().map(JsInput::load).collect::<Result<_, _>>().map_err(|e| e.to_string())?;
                let files: Vec<crate::InputFile> = s.inputs.iter().zip(&loaded).map(|(i, l)| l.file(i)).collect();
                crate::export::customers_csv(&files, &s.options, analysis.scorecard()).map_err(|e| e.to_string())
            })?
        };
        Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
    })
}

/// The view of the last scorecard in another language (null when there is none).
fn render_last(id: u32, lang: &str) -> Result<Reply, String> {
    LAST.with(|l| match &*l.borrow() {
        Some((analysis, source)) => {
            Ok(Reply::View { id, view: to_js(&render::scorecard(Lang::from_tag(lang), analysis.scorecard(), source).to_json_pieces()).map_err(js_error_text)?, scorecard: JsValue::UNDEFINED })
        }
        None => Ok(Reply::View { id, view: JsValue::NULL, scorecard: JsValue::UNDEFINED }),
    })
}
