//! The wasm-bindgen boundary and the widget. Converts, never computes: every figure comes from
//! [`crate::analyze`]. Nothing here panics on bad data; errors become JavaScript `Error`s.

mod dom;
pub mod i18n;
mod render;

use crate::input::{guess_kind, InputKind};
use crate::report::{analyze as analyze_core, AnalysisOptions, Scorecard};
use dom::{clear, H};
use gloo_events::{EventListener, EventListenerOptions};
use i18n::{t, Lang};
use js_sys::{Array, Reflect, Uint8Array};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Document, Element, HtmlInputElement, HtmlSelectElement, ShadowRoot};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** One file to analyse. `kind` is guessed from the name and header when omitted. */
export interface InputFileSpec { name: string; bytes: Uint8Array; kind?: "orders" | "reviews" | "surveys" | "tickets"; }
/** Options of one analysis. */
export interface AnalysisOptions { /** Analysis date YYYY-MM-DD; default: the latest order date. */ asOf?: string; }
export type Unit = "orders" | "customers" | "currency" | "proportion" | "orders_per_customer";
export interface Interval { lower: number; upper: number; level: number; method: string; }
export interface Figure { value: number; unit: Unit; n: number; n_of: Unit; interval: Interval | null; warning: string | null; }
export interface OrderCountBucket { orders: number; or_more: boolean; customers: number; }
export interface PurchaseBasics { orders: Figure; customers: Figure; revenue: Figure; repeat_purchase_rate: Figure; orders_per_customer: Figure; repeat_customers: number; customers_by_orders: OrderCountBucket[]; }
export interface RejectReason { code: "missing_value" | "bad_date" | "bad_number" | "negative_total" | "duplicate_order_id"; value?: string; first_row?: number; }
export interface RowIssue { row: number; column: string; reason: RejectReason; message: string; }
export interface InputAccount { file: string; kind: string; encoding: string; delimiter: string; columns: { field: string; column: string }[]; rows_read: number; rows_used: number; rows_rejected: number; reasons: { code: string; rows: number }[]; issues: RowIssue[]; notes: string[]; }
/** The scorecard: every figure with unit, sample size and (for estimates) a 95% interval. */
export interface Scorecard { schema_version: number; as_of: string | null; period: { first: string; last: string } | null; currency: string | null; inputs: InputAccount[]; skipped: { file: string; kind: string; reason: string }[]; orders: PurchaseBasics | null; warnings: string[]; }
"#;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Owned copy of one input file, read from JS.
struct OwnedInput {
    name: String,
    kind: InputKind,
    bytes: Vec<u8>,
}

fn read_inputs(inputs: &JsValue) -> Result<Vec<OwnedInput>, String> {
    let arr: &Array = inputs.dyn_ref().ok_or("inputs must be an array of { name, bytes, kind? }")?;
    let mut out = Vec::with_capacity(arr.length() as usize);
    for (i, item) in arr.iter().enumerate() {
        let name = Reflect::get(&item, &"name".into()).ok().and_then(|v| v.as_string()).unwrap_or_else(|| format!("file {}", i + 1));
        let bytes = Reflect::get(&item, &"bytes".into())
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok())
            .ok_or_else(|| format!("{name}: bytes must be a Uint8Array"))?
            .to_vec();
        let kind = match Reflect::get(&item, &"kind".into()).ok().filter(|v| !v.is_undefined() && !v.is_null()) {
            None => guess_kind(&name, &bytes),
            Some(v) => serde_wasm_bindgen::from_value(v)
                .map_err(|_| format!("{name}: kind must be one of orders, reviews, surveys, tickets"))?,
        };
        out.push(OwnedInput { name, kind, bytes });
    }
    Ok(out)
}

fn read_options(options: JsValue) -> Result<AnalysisOptions, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(AnalysisOptions::default());
    }
    serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&format!("invalid options: {e}")))
}

fn run(inputs: &[OwnedInput], options: &AnalysisOptions) -> Result<Scorecard, crate::Error> {
    let files: Vec<crate::InputFile> = inputs.iter().map(|f| crate::InputFile::new(&f.name, f.kind, &f.bytes)).collect();
    analyze_core(&files, options)
}

/// The one serializer of the boundary: maps become plain objects.
const SERIALIZER: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
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
    let card = run(&inputs, &options).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&card)
}

/// What the data shown is: the built-in sample (label translated) or the user's files.
#[derive(Clone)]
enum Source {
    Sample(String),
    Files(String),
}

impl Source {
    fn label(&self, lang: Lang) -> String {
        match self {
            Source::Sample(name) => format!("{} ({name})", t(lang, "sample")),
            Source::Files(names) => names.clone(),
        }
    }
}

struct State {
    doc: Document,
    host: Element,
    lang: Lang,
    as_of: Option<String>,
    status: Element,
    error: Element,
    content: Element,
    /// Last scorecard and where its data came from (kept so a language change re-renders).
    last: Option<(Scorecard, Source)>,
}

impl State {
    fn emit(&self, name: &str, detail: &JsValue) {
        let init = CustomEventInit::new();
        init.set_detail(detail);
        init.set_bubbles(true);
        init.set_composed(true);
        if let Ok(ev) = CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = self.host.dispatch_event(&ev);
        }
    }

    fn show_error(&mut self, message: &str) {
        self.error.set_text_content(Some(&format!("{}: {message}", t(self.lang, "error"))));
        let _ = self.error.remove_attribute("hidden");
        self.status.set_text_content(Some(""));
        self.emit("error", &JsValue::from_str(message));
    }

    fn analyse(&mut self, inputs: Vec<OwnedInput>, source: Source) {
        self.status.set_text_content(Some(t(self.lang, "analysing")));
        let options = AnalysisOptions { as_of: self.as_of.clone() };
        match run(&inputs, &options) {
            Ok(card) => {
                let _ = self.error.set_attribute("hidden", "");
                self.last = Some((card, source));
                self.render();
                if let Some((card, _)) = &self.last {
                    match to_js(card) {
                        Ok(v) => self.emit("ready", &v),
                        Err(e) => self.emit("error", &JsValue::from(e)),
                    }
                }
            }
            Err(e) => self.show_error(&e.to_string()),
        }
    }

    fn render(&mut self) {
        clear(&self.content);
        let _ = self.host.set_attribute("lang", self.lang.tag());
        if let Some((card, source)) = &self.last {
            let label = source.label(self.lang);
            let body = render::scorecard(&self.doc, self.lang, card, &label);
            let _ = self.content.append_child(&body.el());
            let orders = card.orders.as_ref().map(|b| b.orders.value as u64).unwrap_or(0);
            let status = format!("{}: {label} ({} {})", t(self.lang, "showing"), crate::report::group(orders), t(self.lang, "n_orders"));
            self.status.set_text_content(Some(&status));
        }
    }
}

/// The interactive scorecard inside a shadow root. Created by the `<loyalty-scorecard>`
/// element (www/loyalty-scorecard.js); usable directly from JS too.
#[wasm_bindgen]
pub struct ScorecardWidget {
    state: Rc<RefCell<State>>,
    _listeners: Vec<EventListener>,
}

#[wasm_bindgen]
impl ScorecardWidget {
    /// Builds the widget into `root`. `lang`: "en", "zh-CN" or "zh-TW".
    #[wasm_bindgen(constructor)]
    pub fn new(root: ShadowRoot, lang: Option<String>) -> Result<ScorecardWidget, JsError> {
        let doc = web_sys::window().and_then(|w| w.document()).ok_or_else(|| JsError::new("no document"))?;
        let lang = Lang::from_tag(lang.as_deref().unwrap_or("en"));
        let input = H::new(&doc, "input").attr("type", "file").attr("multiple", "").attr("accept", ".csv,.tsv,.txt,text/csv").class("file").attr("tabindex", "-1").attr("aria-hidden", "true");
        let choose = H::new(&doc, "button").attr("type", "button").class("choose").attr("data-i18n", "choose");
        let select = H::new(&doc, "select").class("lang").attr("aria-label", t(lang, "language")).children(
            [Lang::En, Lang::ZhCn, Lang::ZhTw].map(|l| {
                let o = H::new(&doc, "option").attr("value", l.tag()).text(match l {
                    Lang::En => "English",
                    Lang::ZhCn => "简体中文",
                    Lang::ZhTw => "繁體中文",
                });
                if l == lang { o.attr("selected", "") } else { o }
            }),
        );
        let title = H::new(&doc, "h2").attr("data-i18n", "title");
        let tagline = H::new(&doc, "p").class("tagline").attr("data-i18n", "tagline");
        let drop_text = H::new(&doc, "span").attr("data-i18n", "drop");
        let status = H::new(&doc, "p").class("status").attr("role", "status").attr("aria-live", "polite").el();
        let error = H::new(&doc, "p").class("error").attr("role", "alert").attr("hidden", "").el();
        let content = H::new(&doc, "div").class("content").el();
        let (input_el, choose_el, select_el) = (input.0.clone(), choose.0.clone(), select.0.clone());
        let drop = H::new(&doc, "div").class("drop").children([drop_text, choose, input]);
        let drop_el = drop.0.clone();
        let frame = H::new(&doc, "div").class("frame").children([
            H::new(&doc, "header").children([H::new(&doc, "div").children([title, tagline]), select]),
            drop,
        ]);
        root.append_child(&frame.el()).map_err(|_| JsError::new("could not attach the widget"))?;
        for el in [&status, &error, &content] {
            root.append_child(el).map_err(|_| JsError::new("could not attach the widget"))?;
        }
        let host = root.host();
        let state = Rc::new(RefCell::new(State { doc, host, lang, as_of: None, status, error, content, last: None }));
        let root_for_text = root.clone();
        let apply_text = move |lang: Lang| {
            if let Ok(nodes) = root_for_text.query_selector_all("[data-i18n]") {
                for i in 0..nodes.length() {
                    if let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                        if let Some(key) = el.get_attribute("data-i18n") {
                            el.set_text_content(Some(t(lang, &key)));
                        }
                    }
                }
            }
        };
        apply_text(lang);

        let mut listeners = Vec::new();
        let input_for_click = input_el.clone();
        listeners.push(EventListener::new(&choose_el, "click", move |_| {
            if let Some(i) = input_for_click.dyn_ref::<web_sys::HtmlElement>() {
                i.click();
            }
        }));
        let s = state.clone();
        listeners.push(EventListener::new(&input_el, "change", move |ev| {
            let files = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).and_then(|i| i.files());
            if let Some(files) = files {
                read_files(s.clone(), files);
            }
        }));
        let opts = EventListenerOptions::enable_prevent_default();
        let d = drop_el.clone();
        listeners.push(EventListener::new_with_options(&drop_el, "dragover", opts, move |ev| {
            ev.prevent_default();
            let _ = d.class_list().add_1("over");
        }));
        let d = drop_el.clone();
        listeners.push(EventListener::new(&drop_el, "dragleave", move |_| {
            let _ = d.class_list().remove_1("over");
        }));
        let s = state.clone();
        let d = drop_el.clone();
        listeners.push(EventListener::new_with_options(&drop_el, "drop", opts, move |ev| {
            ev.prevent_default();
            let _ = d.class_list().remove_1("over");
            let files = ev.dyn_ref::<web_sys::DragEvent>().and_then(|e| e.data_transfer()).and_then(|dt| dt.files());
            if let Some(files) = files {
                read_files(s.clone(), files);
            }
        }));
        let s = state.clone();
        listeners.push(EventListener::new(&select_el, "change", move |ev| {
            if let Some(sel) = ev.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) {
                let lang = Lang::from_tag(&sel.value());
                apply_text(lang);
                let _ = sel.set_attribute("aria-label", t(lang, "language"));
                let mut st = s.borrow_mut();
                st.lang = lang;
                st.render();
            }
        }));
        Ok(ScorecardWidget { state, _listeners: listeners })
    }

    /// Analyses `inputs` (same shape as `analyze`) and shows the result; `label` names the data
    /// in the caption (default: the file names). Errors are shown in the widget and emitted as an
    /// `error` event; success emits `ready` with the scorecard.
    #[wasm_bindgen(js_name = load)]
    pub fn load(&self, #[wasm_bindgen(unchecked_param_type = "InputFileSpec[]")] inputs: JsValue, label: Option<String>) {
        self.load_as(&inputs, |files| Source::Files(label.unwrap_or_else(|| file_names(files))));
    }

    /// Like `load`, for the built-in sample shop: the caption says so in the chosen language.
    #[wasm_bindgen(js_name = loadSample)]
    pub fn load_sample(&self, #[wasm_bindgen(unchecked_param_type = "InputFileSpec[]")] inputs: JsValue) {
        self.load_as(&inputs, |files| Source::Sample(file_names(files)));
    }

    fn load_as(&self, inputs: &JsValue, source: impl FnOnce(&[OwnedInput]) -> Source) {
        let mut st = self.state.borrow_mut();
        match read_inputs(inputs) {
            Ok(files) => {
                let source = source(&files);
                st.analyse(files, source)
            }
            Err(e) => st.show_error(&e),
        }
    }

    /// Sets the analysis date (YYYY-MM-DD) used by the next load.
    #[wasm_bindgen(js_name = setAsOf)]
    pub fn set_as_of(&self, as_of: Option<String>) {
        self.state.borrow_mut().as_of = as_of;
    }

}

fn file_names(files: &[OwnedInput]) -> String {
    files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(", ")
}

/// Reads dropped or picked files (gloo-file) and analyses them.
fn read_files(state: Rc<RefCell<State>>, list: web_sys::FileList) {
    let files: Vec<gloo_file::File> = (0..list.length()).filter_map(|i| list.get(i)).map(gloo_file::File::from).collect();
    if files.is_empty() {
        return;
    }
    {
        let st = state.borrow();
        st.status.set_text_content(Some(t(st.lang, "analysing")));
    }
    wasm_bindgen_futures::spawn_local(async move {
        let mut inputs = Vec::with_capacity(files.len());
        for f in &files {
            match gloo_file::futures::read_as_bytes(f).await {
                Ok(bytes) => {
                    let kind = guess_kind(&f.name(), &bytes);
                    inputs.push(OwnedInput { name: f.name(), kind, bytes });
                }
                Err(e) => {
                    state.borrow_mut().show_error(&format!("{}: {e}", f.name()));
                    return;
                }
            }
        }
        let source = Source::Files(file_names(&inputs));
        state.borrow_mut().analyse(inputs, source);
    });
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Benchmark entry: analyses `inputs` and returns `{ stages: [{stage, ms}], toJsMs, orders }`
/// (the scorecard itself is converted, as in `analyze`, but not returned).
#[wasm_bindgen(js_name = profile, unchecked_return_type = "{ stages: { stage: string; ms: number }[]; toJsMs: number; orders: number }")]
pub fn profile_js(
    #[wasm_bindgen(unchecked_param_type = "InputFileSpec[]")] inputs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalysisOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let inputs = read_inputs(&inputs).map_err(|e| JsError::new(&format!("profile: {e}")))?;
    let options = read_options(options)?;
    let files: Vec<crate::InputFile> = inputs.iter().map(|f| crate::InputFile::new(&f.name, f.kind, &f.bytes)).collect();
    let (card, stages) = crate::report::analyze_timed(&files, &options, &performance_now).map_err(|e| JsError::new(&e.to_string()))?;
    let t0 = performance_now();
    let _ = to_js(&card)?;
    let to_js_ms = performance_now() - t0;
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Profile {
        stages: Vec<crate::report::StageTime>,
        to_js_ms: f64,
        orders: f64,
    }
    let orders = card.orders.as_ref().map(|b| b.orders.value).unwrap_or(0.0);
    to_js(&Profile { stages, to_js_ms, orders })
}
