//! The page half of the widget: frame, drop zone, progress and cancel, language switch, and the
//! messages to and from the analysis worker (`www/worker.js`). Figures and views are made in the
//! worker; this side only turns view trees into DOM.

use super::dom::{clear, materialize};
use crate::view::i18n::t;
use crate::view::{Lang, Node};
use gloo_events::{EventListener, EventListenerOptions};
use js_sys::{Array, Object, Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{
    CustomEvent, CustomEventInit, Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement, MessageEvent,
    ShadowRoot, Worker, WorkerOptions, WorkerType,
};

struct State {
    doc: Document,
    host: Element,
    root: ShadowRoot,
    lang: Lang,
    as_of: Option<String>,
    /// Start of the date range (YYYY-MM-DD), for this and later analyses.
    since: Option<String>,
    status: Element,
    error: Element,
    content: Element,
    progress_row: Element,
    progress: Element,
    progress_label: Element,
    worker_url: String,
    worker: Option<(Worker, EventListener, EventListener)>,
    /// Id of the request whose answer is awaited; answers to older requests are ignored.
    pending: Option<u32>,
    next_id: u32,
    have_card: bool,
    /// The last scorecard (a plain JS object), for the JSON export.
    last_card: JsValue,
    /// Incremented by every view shown: the pieces of an older view still being built stop.
    view_generation: u32,
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
        self.show_progress(None);
        self.emit("error", &JsValue::from_str(message));
    }

    /// Shows the progress row at `fraction` with a stage label, or hides it.
    fn show_progress(&self, at: Option<(f64, &str)>) {
        match at {
            Some((fraction, stage)) => {
                let _ = self.progress_row.remove_attribute("hidden");
                let _ = self.progress.set_attribute("value", &format!("{:.3}", fraction.clamp(0.0, 1.0)));
                self.progress_label.set_text_content(Some(t(self.lang, stage)));
                self.status.set_text_content(Some(t(self.lang, "analysing")));
            }
            None => {
                let _ = self.progress_row.set_attribute("hidden", "");
            }
        }
    }

    fn apply_static_text(&self) {
        let _ = self.host.set_attribute("lang", self.lang.tag());
        if let Ok(nodes) = self.root.query_selector_all("[data-i18n]") {
            for i in 0..nodes.length() {
                if let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    if let Some(key) = el.get_attribute("data-i18n") {
                        el.set_text_content(Some(t(self.lang, &key)));
                    }
                }
            }
        }
    }

    /// The files could not be analysed: the message, and in place of the scorecard the forms
    /// to correct how each file is read.
    fn show_failed(&mut self, view: JsValue, message: &str) {
        self.view_generation = self.view_generation.wrapping_add(1);
        self.show_error(message);
        self.have_card = false;
        self.last_card = JsValue::UNDEFINED;
        for role in ["export", "export-customers"] {
            if let Some(b) = self.root.query_selector(&format!("[data-role={role}]")).ok().flatten() {
                let _ = b.set_attribute("disabled", "");
            }
        }
        // The correction forms are small: built at once.
        if let Some(el) = from_pieces(view).and_then(|n| materialize(&self.doc, &n).ok()) {
            clear(&self.content);
            let _ = self.content.append_child(&el);
        }
    }

    /// Starts a request to the worker: a new id, which becomes the awaited one. With
    /// `new_view` the request will replace the scorecard, so a view still being built stops.
    fn begin_request(&mut self, new_view: bool) -> u32 {
        self.next_id += 1;
        self.pending = Some(self.next_id);
        if new_view {
            self.view_generation = self.view_generation.wrapping_add(1);
        }
        self.next_id
    }

    /// The view is complete on the page: status line, progress hidden.
    fn view_shown(&mut self, el: &Element) {
        let _ = self.error.set_attribute("hidden", "");
        self.show_progress(None);
        self.have_card = true;
        let caption = el.query_selector("[data-testid=caption]").ok().flatten().and_then(|c| c.text_content()).unwrap_or_default();
        self.status.set_text_content(Some(&format!("{}: {caption}", t(self.lang, "showing"))));
    }
}

/// Longest stretch of view building in one task, in ms: the page stays responsive (no task
/// over 50 ms) while a large scorecard is put together.
const VIEW_SLICE_MS: f64 = 8.0;

/// A whole view tree from the worker's JSON pieces ([`Node::to_json_pieces`]).
fn from_pieces(view: JsValue) -> Option<Node> {
    let pieces: Vec<String> = serde_wasm_bindgen::from_value(view).ok()?;
    let (top, rest) = pieces.split_first()?;
    let mut node: Node = serde_json::from_str(top).ok()?;
    node.children = rest.iter().map(|p| serde_json::from_str(p)).collect::<Result<_, _>>().ok()?;
    Some(node)
}

/// Shows a view tree from the worker (its JSON pieces, [`Node::to_json_pieces`]) in place of
/// the content, then calls `then`.
///
/// The tree is built in slices: the top element first, then its sections in order, as many per
/// task as fit in [`VIEW_SLICE_MS`], each slice in its own zero-delay timeout. The content is
/// `aria-busy` until the last section is in. A newer view stops an older one's remaining slices.
fn show_view(state: &Rc<RefCell<State>>, view: JsValue, then: Box<dyn FnOnce(&mut State)>) {
    let pieces: Vec<String> = serde_wasm_bindgen::from_value(view).unwrap_or_default();
    let mut st = state.borrow_mut();
    st.view_generation = st.view_generation.wrapping_add(1);
    let generation = st.view_generation;
    let top = pieces.first().and_then(|p| serde_json::from_str::<Node>(p).ok()).and_then(|n| materialize(&st.doc, &n).ok());
    let Some(el) = top else { return st.show_error("unreadable view from the worker") };
    clear(&st.content);
    let _ = st.content.set_attribute("aria-busy", "true");
    let _ = st.content.append_child(&el);
    drop(st);
    schedule_slice(state.clone(), el, pieces, 1, generation, then);
}

/// Runs [`view_slice`] in a zero-delay timeout.
fn schedule_slice(state: Rc<RefCell<State>>, el: Element, pieces: Vec<String>, next: usize, generation: u32, then: Box<dyn FnOnce(&mut State)>) {
    let cb = Closure::once_into_js(move || view_slice(state, el, pieces, next, generation, then));
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 0);
    }
}

/// Builds the sections `pieces[next..]` into `el` for up to [`VIEW_SLICE_MS`], then schedules
/// the rest, or finishes.
fn view_slice(state: Rc<RefCell<State>>, el: Element, pieces: Vec<String>, mut next: usize, generation: u32, then: Box<dyn FnOnce(&mut State)>) {
    let mut st = state.borrow_mut();
    if st.view_generation != generation {
        return;
    }
    let start = js_sys::Date::now();
    while next < pieces.len() && js_sys::Date::now() - start < VIEW_SLICE_MS {
        let built = serde_json::from_str::<Node>(&pieces[next]).ok().and_then(|n| materialize(&st.doc, &n).ok());
        let Some(child) = built else {
            let _ = st.content.remove_attribute("aria-busy");
            return st.show_error("the scorecard could not be shown");
        };
        let _ = el.append_child(&child);
        next += 1;
    }
    if next >= pieces.len() {
        let _ = st.content.remove_attribute("aria-busy");
        st.view_shown(&el);
        then(&mut st);
        return;
    }
    drop(st);
    schedule_slice(state, el, pieces, next, generation, then);
}

/// Posts `msg` to the worker (started on first use), transferring `transfer`.
fn post(state: &Rc<RefCell<State>>, msg: &Object, transfer: &Array) {
    if state.borrow().worker.is_none() {
        if let Err(e) = spawn_worker(state) {
            state.borrow_mut().show_error(&e);
            return;
        }
    }
    let st = state.borrow();
    if let Some((w, _, _)) = &st.worker {
        if w.post_message_with_transfer(msg, transfer).is_err() {
            drop(st);
            state.borrow_mut().show_error("the analysis worker could not be reached");
        }
    }
}

fn spawn_worker(state: &Rc<RefCell<State>>) -> Result<(), String> {
    let url = state.borrow().worker_url.clone();
    let opts = WorkerOptions::new();
    opts.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&url, &opts).map_err(|_| format!("the analysis worker ({url}) could not start"))?;
    let s = state.clone();
    let on_message = EventListener::new(&worker, "message", move |ev| {
        let Some(ev) = ev.dyn_ref::<MessageEvent>() else { return };
        on_worker_message(&s, ev.data());
    });
    let s = state.clone();
    let on_error = EventListener::new(&worker, "error", move |_| {
        let mut st = s.borrow_mut();
        st.worker = None;
        st.show_error("the analysis worker stopped with an error (see the browser console)");
    });
    state.borrow_mut().worker = Some((worker, on_message, on_error));
    Ok(())
}

fn on_worker_message(state: &Rc<RefCell<State>>, data: JsValue) {
    let field = |k: &str| Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
    let id = field("id").as_f64().map(|v| v as u32);
    let mut st = state.borrow_mut();
    if id != st.pending {
        return;
    }
    match field("type").as_string().as_deref() {
        Some("progress") => {
            let stage = field("stage").as_string().unwrap_or_default();
            let key = if stage == "render" { "stage_render" } else { "stage_read" };
            let fraction = field("fraction").as_f64().unwrap_or(0.0);
            st.show_progress(Some((fraction, key)));
            let detail = Object::new();
            let _ = Reflect::set(&detail, &"stage".into(), &stage.into());
            let _ = Reflect::set(&detail, &"fraction".into(), &fraction.into());
            st.emit("progress", &detail);
        }
        Some("done") => {
            st.pending = None;
            st.last_card = field("scorecard");
            // The exports need only the scorecard (here and in the worker): usable at once,
            // while the view is still being built.
            for role in ["export", "export-customers"] {
                if let Some(b) = st.root.query_selector(&format!("[data-role={role}]")).ok().flatten() {
                    let _ = b.remove_attribute("disabled");
                }
            }
            drop(st);
            show_view(state, field("view"), Box::new(|st: &mut State| st.emit("ready", &st.last_card)));
        }
        Some("view") => {
            st.pending = None;
            // A changed scorecard (the iceberg's assumptions): the page keeps the worker's copy.
            let card = field("scorecard");
            if !card.is_undefined() && !card.is_null() {
                st.last_card = card;
            }
            let view = field("view");
            if !view.is_null() {
                drop(st);
                show_view(state, view, Box::new(|_| {}));
            }
        }
        Some("failed") => {
            st.pending = None;
            let msg = field("message").as_string().unwrap_or_else(|| "unknown error".into());
            st.show_failed(field("view"), &msg);
        }
        Some("customers") => {
            st.pending = None;
            let csv = field("csv").as_string().unwrap_or_default();
            if let Err(e) = download(&st.doc, "customers.csv", "text/csv;charset=utf-8", &csv) {
                st.show_error(&e);
            }
        }
        Some("error") => {
            st.pending = None;
            let msg = field("message").as_string().unwrap_or_else(|| "unknown error".into());
            st.show_error(&msg);
        }
        _ => {}
    }
}

/// Sends files (JS specs) to the worker for analysis.
fn request_analysis(state: &Rc<RefCell<State>>, inputs: &Array, transfer: &Array, label: Option<String>, sample: bool) {
    let msg = Object::new();
    {
        let mut st = state.borrow_mut();
        st.begin_request(true);
        let _ = st.error.set_attribute("hidden", "");
        st.show_progress(Some((0.02, "stage_read")));
        let options = Object::new();
        if let Some(d) = &st.as_of {
            let _ = Reflect::set(&options, &"asOf".into(), &d.into());
        }
        if let Some(d) = &st.since {
            let _ = Reflect::set(&options, &"since".into(), &d.into());
        }
        for (k, v) in [
            ("type", JsValue::from("analyze")),
            ("id", JsValue::from(st.next_id)),
            ("inputs", inputs.into()),
            ("options", options.into()),
            ("lang", st.lang.tag().into()),
            ("label", label.map(JsValue::from).unwrap_or(JsValue::NULL)),
            ("sample", sample.into()),
        ] {
            let _ = Reflect::set(&msg, &k.into(), &v);
        }
    }
    post(state, &msg, transfer);
}

/// The caller's file specs as they go to the worker: each `bytes` copied by the browser (a
/// memcpy: the caller keeps its own array) and the copy transferred, never copied into this
/// module's memory on the page's thread. Kinds and options are checked by the worker.
fn pass_through(inputs: &JsValue) -> Result<(Array, Array), String> {
    let arr: &Array = inputs.dyn_ref().ok_or("inputs must be an array of { name, bytes, kind? }")?;
    let (specs, transfer) = (Array::new(), Array::new());
    for (i, item) in arr.iter().enumerate() {
        let name = Reflect::get(&item, &"name".into()).ok().and_then(|v| v.as_string()).unwrap_or_else(|| format!("file {}", i + 1));
        let bytes = Reflect::get(&item, &"bytes".into())
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok())
            .ok_or_else(|| format!("{name}: bytes must be a Uint8Array"))?;
        let copy = bytes.slice(0, bytes.length());
        let o = Object::new();
        let _ = Reflect::set(&o, &"name".into(), &name.as_str().into());
        let _ = Reflect::set(&o, &"bytes".into(), &copy);
        for key in ["kind", "options"] {
            if let Ok(v) = Reflect::get(&item, &key.into()) {
                if !v.is_undefined() && !v.is_null() {
                    let _ = Reflect::set(&o, &key.into(), &v);
                }
            }
        }
        specs.push(&o);
        transfer.push(&copy.buffer());
    }
    Ok((specs, transfer))
}

/// The interactive scorecard inside a shadow root. Created by the `<loyalty-scorecard>`
/// element (www/loyalty-scorecard.js); the analysis runs in the worker at `worker_url`.
#[wasm_bindgen]
pub struct ScorecardWidget {
    state: Rc<RefCell<State>>,
    _listeners: Vec<EventListener>,
}

#[wasm_bindgen]
impl ScorecardWidget {
    /// Builds the widget into `root`. `lang`: "en", "zh-CN" or "zh-TW" (other tags map to the
    /// nearest); `worker_url`: URL of www/worker.js.
    #[wasm_bindgen(constructor)]
    pub fn new(root: ShadowRoot, lang: Option<String>, worker_url: String) -> Result<ScorecardWidget, JsError> {
        let doc = web_sys::window().and_then(|w| w.document()).ok_or_else(|| JsError::new("no document"))?;
        let lang = Lang::from_tag(lang.as_deref().unwrap_or("en"));
        let select = Node::el("select").class("lang").attr("data-role", "lang").children([Lang::En, Lang::ZhCn, Lang::ZhTw].map(|l| {
            let o = Node::el("option").attr("value", l.tag()).text(match l {
                Lang::En => "English",
                Lang::ZhCn => "简体中文",
                Lang::ZhTw => "繁體中文",
            });
            if l == lang { o.attr("selected", "") } else { o }
        }));
        let frame = Node::el("div").class("frame").children([
            Node::el("header").children([
                Node::el("div").children([Node::el("h2").attr("data-i18n", "title"), Node::el("p").class("tagline").attr("data-i18n", "tagline")]),
                Node::el("div").class("tools").children([
                    Node::el("button").attr("type", "button").class("export").attr("data-role", "export").attr("disabled", "").attr("data-i18n", "export_json"),
                    Node::el("button").attr("type", "button").class("export").attr("data-role", "export-customers").attr("disabled", "").attr("data-i18n", "export_customers"),
                    Node::el("label").class("lang-label").children([Node::el("span").class("sr").attr("data-i18n", "language"), select]),
                ]),
            ]),
            Node::el("div").class("drop").attr("data-role", "drop").children([
                Node::el("span").attr("data-i18n", "drop"),
                Node::el("button").attr("type", "button").class("choose").attr("data-role", "choose").attr("data-i18n", "choose"),
                Node::el("input")
                    .attr("type", "file")
                    .attr("multiple", "")
                    .attr("accept", ".csv,.tsv,.txt,.json,.ndjson,.xlsx,text/csv")
                    .class("file")
                    .attr("tabindex", "-1")
                    .attr("aria-hidden", "true")
                    .attr("data-role", "file"),
            ]),
            Node::el("div").class("range").attr("role", "group").attr("aria-labelledby", "ls-range-label").children([
                Node::el("span").attr("id", "ls-range-label").attr("data-i18n", "range"),
                Node::el("label").children([
                    Node::el("span").attr("data-i18n", "range_from"),
                    Node::el("input").attr("type", "date").attr("data-role", "range-from"),
                ]),
                Node::el("label").children([
                    Node::el("span").attr("data-i18n", "range_to"),
                    Node::el("input").attr("type", "date").attr("data-role", "range-to"),
                ]),
                Node::el("button").attr("type", "button").attr("data-role", "range-apply").attr("data-i18n", "range_apply"),
            ]),
            Node::el("div").class("progress").attr("data-role", "progress-row").attr("hidden", "").children([
                Node::el("progress").attr("max", "1").attr("value", "0").attr("data-role", "progress").attr("aria-labelledby", "ls-progress-label"),
                Node::el("span").attr("id", "ls-progress-label").attr("data-role", "progress-label"),
                Node::el("button").attr("type", "button").class("cancel").attr("data-role", "cancel").attr("data-i18n", "cancel"),
            ]),
        ]);
        let attach = |n: &Node| -> Result<Element, JsError> {
            let el = materialize(&doc, n).map_err(|_| JsError::new("could not build the widget"))?;
            root.append_child(&el).map_err(|_| JsError::new("could not attach the widget"))?;
            Ok(el)
        };
        attach(&frame)?;
        let status = attach(&Node::el("p").class("status sr").attr("role", "status").attr("aria-live", "polite"))?;
        let error = attach(&Node::el("p").class("error").attr("role", "alert").attr("hidden", ""))?;
        let content = attach(&Node::el("div").class("content"))?;
        let find = |role: &str| -> Result<Element, JsError> {
            root.query_selector(&format!("[data-role={role}]")).ok().flatten().ok_or_else(|| JsError::new("widget frame incomplete"))
        };
        let (input_el, choose_el, select_el, drop_el, cancel_el) = (find("file")?, find("choose")?, find("lang")?, find("drop")?, find("cancel")?);
        let export_el = find("export")?;
        let export_customers_el = find("export-customers")?;
        let range_apply_el = find("range-apply")?;
        let state = Rc::new(RefCell::new(State {
            doc,
            host: root.host(),
            root: root.clone(),
            lang,
            as_of: None,
            since: None,
            status,
            error,
            content,
            progress_row: find("progress-row")?,
            progress: find("progress")?,
            progress_label: find("progress-label")?,
            worker_url,
            worker: None,
            pending: None,
            next_id: 0,
            have_card: false,
            last_card: JsValue::UNDEFINED,
            view_generation: 0,
        }));
        state.borrow().apply_static_text();

        let mut listeners = Vec::new();
        let input_for_click = input_el.clone();
        listeners.push(EventListener::new(&choose_el, "click", move |_| {
            if let Some(i) = input_for_click.dyn_ref::<HtmlElement>() {
                i.click();
            }
        }));
        let s = state.clone();
        listeners.push(EventListener::new(&input_el, "change", move |ev| {
            let input = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok());
            if let Some(files) = input.as_ref().and_then(|i| i.files()) {
                read_files(s.clone(), files);
            }
            if let Some(i) = input {
                i.set_value("");
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
        listeners.push(EventListener::new(&cancel_el, "click", move |_| {
            let mut st = s.borrow_mut();
            if let Some((w, _, _)) = st.worker.take() {
                w.terminate();
            }
            st.pending = None;
            st.show_progress(None);
            st.status.set_text_content(Some(t(st.lang, "cancelled")));
        }));
        // The iceberg multipliers live in the scorecard view (re-rendered each time): listen on
        // the content container and ask the worker to recompute.
        let s = state.clone();
        let content_el = state.borrow().content.clone();
        listeners.push(EventListener::new(&content_el, "change", move |ev| {
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            if !matches!(input.get_attribute("data-role").as_deref(), Some("iceberg-silent" | "iceberg-told")) {
                return;
            }
            let root = s.borrow().root.clone();
            let value = |role: &str| {
                root.query_selector(&format!("[data-role={role}]"))
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                    .map(|i| i.value_as_number())
                    .unwrap_or(f64::NAN)
            };
            let (silent, told) = (value("iceberg-silent"), value("iceberg-told"));
            let msg = Object::new();
            let (id, lang) = {
                let mut st = s.borrow_mut();
                (st.begin_request(false), st.lang)
            };
            for (k, v) in [("type", JsValue::from("iceberg")), ("id", id.into()), ("silent", silent.into()), ("told", told.into()), ("lang", lang.tag().into())] {
                let _ = Reflect::set(&msg, &k.into(), &v);
            }
            post(&s, &msg, &Array::new());
        }));
        // Buttons inside the scorecard: "Read again" in a correction form (the kind and columns
        // chosen for that file), and the downloads of a chart (SVG) or its table (CSV).
        let s = state.clone();
        listeners.push(EventListener::new(&content_el, "click", move |ev| {
            let Some(button) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
            let role = button.get_attribute("data-role");
            let result = match role.as_deref() {
                Some("fix-apply") => {
                    if let Some(form) = button.closest("[data-fix-file]").ok().flatten() {
                        reread(&s, &form);
                    }
                    Ok(())
                }
                Some(r @ ("download-svg" | "download-png" | "download-csv")) => match button.closest("figure[data-chart]").ok().flatten() {
                    Some(fig) => {
                        let doc = s.borrow().doc.clone();
                        let name = fig.get_attribute("data-chart").unwrap_or_else(|| "chart".into());
                        if r == "download-svg" {
                            chart_svg(&fig).and_then(|svg| download(&doc, &format!("{name}.svg"), "image/svg+xml", &svg))
                        } else if r == "download-png" {
                            chart_svg(&fig).and_then(|svg| download_png(&s, &fig, &format!("{name}.png"), &svg))
                        } else {
                            download(&doc, &format!("{name}.csv"), "text/csv;charset=utf-8", &table_csv(&fig))
                        }
                    }
                    None => Ok(()),
                },
                _ => Ok(()),
            };
            if let Err(e) = result {
                s.borrow_mut().show_error(&e);
            }
        }));
        // The date range: the stored files are analysed again in the worker with the new range.
        let s = state.clone();
        listeners.push(EventListener::new(&range_apply_el, "click", move |_| {
            let value = |role: &str| {
                let root = s.borrow().root.clone();
                root.query_selector(&format!("[data-role={role}]"))
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                    .map(|i| i.value())
                    .filter(|v| !v.is_empty())
            };
            let (since, as_of) = (value("range-from"), value("range-to"));
            let (msg, have_card) = {
                let mut st = s.borrow_mut();
                st.since = since.clone();
                st.as_of = as_of.clone();
                st.next_id += 1;
                let msg = Object::new();
                for (k, v) in [
                    ("type", JsValue::from("refilter")),
                    ("id", st.next_id.into()),
                    ("since", since.map(JsValue::from).unwrap_or(JsValue::NULL)),
                    ("asOf", as_of.map(JsValue::from).unwrap_or(JsValue::NULL)),
                    ("lang", st.lang.tag().into()),
                ] {
                    let _ = Reflect::set(&msg, &k.into(), &v);
                }
                (msg, st.have_card || st.worker.is_some())
            };
            if have_card {
                {
                    let mut st = s.borrow_mut();
                    st.pending = Some(st.next_id);
                    st.view_generation = st.view_generation.wrapping_add(1); // stops the slices of a view still being built
                    let _ = st.error.set_attribute("hidden", "");
                    st.show_progress(Some((0.02, "stage_read")));
                }
                post(&s, &msg, &Array::new());
            }
        }));
        let s = state.clone();
        listeners.push(EventListener::new(&export_customers_el, "click", move |_| {
            let msg = Object::new();
            let id = {
                s.borrow_mut().begin_request(false)
            };
            let _ = Reflect::set(&msg, &"type".into(), &"customers".into());
            let _ = Reflect::set(&msg, &"id".into(), &id.into());
            post(&s, &msg, &Array::new());
        }));
        let s = state.clone();
        listeners.push(EventListener::new(&export_el, "click", move |_| {
            let st = s.borrow();
            if let Err(e) = download_json(&st.doc, &st.last_card) {
                drop(st);
                s.borrow_mut().show_error(&e);
            }
        }));
        let s = state.clone();
        listeners.push(EventListener::new(&select_el, "change", move |ev| {
            if let Some(sel) = ev.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) {
                set_lang(&s, Lang::from_tag(&sel.value()));
            }
        }));
        // The worker starts now, while the user picks files: it compiles the module (a good
        // part of a second), and the first analysis no longer waits for that. If it cannot
        // start, the first request says so.
        let _ = spawn_worker(&state);
        Ok(ScorecardWidget { state, _listeners: listeners })
    }

    /// Analyses `inputs` (`[{ name, bytes, kind? }]`) in the worker and shows the result;
    /// `label` names the data in the caption (default: the file names). Errors are shown in the
    /// widget and emitted as an `error` event; success emits `ready` with the scorecard.
    pub fn load(&self, #[wasm_bindgen(unchecked_param_type = "InputFileSpec[]")] inputs: JsValue, label: Option<String>) {
        self.send(inputs, label, false);
    }

    /// Like `load`, for the built-in sample shop: the caption says so in the chosen language.
    #[wasm_bindgen(js_name = loadSample)]
    pub fn load_sample(&self, #[wasm_bindgen(unchecked_param_type = "InputFileSpec[]")] inputs: JsValue) {
        self.send(inputs, None, true);
    }

    fn send(&self, inputs: JsValue, label: Option<String>, sample: bool) {
        match pass_through(&inputs) {
            Ok((specs, transfer)) => request_analysis(&self.state, &specs, &transfer, label, sample),
            Err(e) => self.state.borrow_mut().show_error(&e),
        }
    }

    /// Sets the analysis date (YYYY-MM-DD) used by the next load.
    #[wasm_bindgen(js_name = setAsOf)]
    pub fn set_as_of(&self, as_of: Option<String>) {
        let st = self.state.borrow();
        if let Some(i) = st.root.query_selector("[data-role=range-to]").ok().flatten().and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) {
            i.set_value(as_of.as_deref().unwrap_or(""));
        }
        drop(st);
        self.state.borrow_mut().as_of = as_of;
    }

    /// Switches the interface language ("en", "zh-CN", "zh-TW").
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, lang: String) {
        set_lang(&self.state, Lang::from_tag(&lang));
    }
}

impl Drop for ScorecardWidget {
    fn drop(&mut self) {
        if let Some((w, _, _)) = self.state.borrow_mut().worker.take() {
            w.terminate();
        }
    }
}

fn set_lang(state: &Rc<RefCell<State>>, lang: Lang) {
    let have_card = {
        // Setting the host's `lang` attribute below calls the element's attributeChangedCallback,
        // which calls back here while the state is borrowed: that inner call has nothing to do.
        let Ok(mut st) = state.try_borrow_mut() else { return };
        if st.lang == lang && st.host.get_attribute("lang").as_deref() == Some(lang.tag()) {
            return;
        }
        st.lang = lang;
        st.apply_static_text();
        if let Some(sel) = st.root.query_selector("[data-role=lang]").ok().flatten().and_then(|e| e.dyn_into::<HtmlSelectElement>().ok()) {
            sel.set_value(lang.tag());
        }
        st.have_card
    };
    if have_card {
        let msg = Object::new();
        let id = {
            state.borrow_mut().begin_request(false)
        };
        let _ = Reflect::set(&msg, &"type".into(), &"render".into());
        let _ = Reflect::set(&msg, &"id".into(), &id.into());
        let _ = Reflect::set(&msg, &"lang".into(), &lang.tag().into());
        post(state, &msg, &Array::new());
    }
}

/// Sends the corrected kind and columns of the file whose form is `form` to the worker, which
/// reads the files again.
fn reread(state: &Rc<RefCell<State>>, form: &Element) {
    let index: u32 = form.get_attribute("data-fix-file").and_then(|v| v.parse().ok()).unwrap_or(0);
    let select_value = |el: &Element| el.dyn_ref::<HtmlSelectElement>().map(|s| s.value());
    let kind = form.query_selector("[data-role=fix-kind]").ok().flatten().and_then(|e| select_value(&e)).unwrap_or_else(|| "orders".into());
    let mapping = Object::new();
    if let Ok(list) = form.query_selector_all("[data-role=fix-col]") {
        for i in 0..list.length() {
            let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
            let (Some(field), Some(value)) = (el.get_attribute("data-field"), select_value(&el)) else { continue };
            let v = match value.as_str() {
                crate::view::fix::AUTO => continue,
                crate::view::fix::OFF => JsValue::NULL,
                column => JsValue::from_str(column),
            };
            let _ = Reflect::set(&mapping, &field.into(), &v);
        }
    }
    let msg = Object::new();
    let (id, lang) = {
        let mut st = state.borrow_mut();
        st.begin_request(true);
        let _ = st.error.set_attribute("hidden", "");
        st.show_progress(Some((0.02, "stage_read")));
        (st.next_id, st.lang)
    };
    for (k, v) in [
        ("type", JsValue::from("reread")),
        ("id", id.into()),
        ("index", index.into()),
        ("kind", kind.into()),
        ("mapping", mapping.into()),
        ("lang", lang.tag().into()),
    ] {
        let _ = Reflect::set(&msg, &k.into(), &v);
    }
    post(state, &msg, &Array::new());
}

/// Saves the scorecard as `loyalty-scorecard.json`.
fn download_json(doc: &Document, card: &JsValue) -> Result<(), String> {
    if card.is_undefined() {
        return Err("no scorecard to export yet".into());
    }
    let text = js_sys::JSON::stringify_with_replacer_and_space(card, &JsValue::NULL, &JsValue::from(2))
        .map_err(|_| "the scorecard could not be written as JSON".to_string())?
        .as_string()
        .unwrap_or_default();
    download(doc, "loyalty-scorecard.json", "application/json", &text)
}

/// Hands `text` to the browser's download as a file `name`, through a temporary object URL: the
/// file is made in this page and never sent anywhere.
fn download(doc: &Document, name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = Array::of1(&JsValue::from_str(text));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props).map_err(|_| "could not create the file".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "could not create the file".to_string())?;
    let a = doc.create_element("a").map_err(|_| "could not start the download".to_string())?;
    let _ = a.set_attribute("href", &url);
    let _ = a.set_attribute("download", name);
    if let Some(a) = a.dyn_ref::<HtmlElement>() {
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The chart of a panel as a standalone SVG document: a copy with the colours and fonts the
/// page's stylesheet gives each element written into it, so it looks the same outside the page.
fn chart_svg(fig: &Element) -> Result<String, String> {
    let svg = fig.query_selector("svg.chart").ok().flatten().ok_or("this panel has no chart")?;
    let copy: Element = svg.clone_node_with_deep(true).map_err(|_| "could not copy the chart")?.dyn_into().map_err(|_| "could not copy the chart")?;
    let window = web_sys::window().ok_or("no window")?;
    let (from, to) = (svg.query_selector_all("*").map_err(|_| "chart")?, copy.query_selector_all("*").map_err(|_| "chart")?);
    let props = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "opacity", "font-size", "font-family", "font-weight", "text-anchor", "dominant-baseline"];
    // As SVG presentation attributes, not `style`: the page's Content-Security-Policy rightly
    // refuses inline styles.
    let paint = |from: &Element, to: &Element| {
        let Ok(Some(cs)) = window.get_computed_style(from) else { return };
        for p in props {
            if let Some(v) = cs.get_property_value(p).ok().filter(|v| !v.is_empty()) {
                let _ = to.set_attribute(p, &v);
            }
        }
    };
    for i in 0..from.length().min(to.length()) {
        if let (Some(a), Some(b)) = (from.item(i).and_then(|n| n.dyn_into::<Element>().ok()), to.item(i).and_then(|n| n.dyn_into::<Element>().ok())) {
            paint(&a, &b);
            let _ = b.remove_attribute("tabindex");
        }
    }
    paint(&svg, &copy);
    let _ = copy.set_attribute("xmlns", "http://www.w3.org/2000/svg");
    let title = fig.query_selector("figcaption").ok().flatten().and_then(|c| c.text_content()).unwrap_or_default();
    if let Ok(t) = fig.owner_document().ok_or("no document")?.create_element_ns(Some("http://www.w3.org/2000/svg"), "title") {
        t.set_text_content(Some(&title));
        let _ = copy.insert_before(&t, copy.first_child().as_ref());
    }
    Ok(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}", copy.outer_html()))
}

/// The chart as a PNG at twice its size on the page: the standalone SVG drawn on a canvas (as a
/// data: URL, which the demo pages' Content-Security-Policy allows for images), then handed to
/// the browser's download. Asynchronous: errors are shown in the widget.
fn download_png(state: &Rc<RefCell<State>>, fig: &Element, name: &str, svg: &str) -> Result<(), String> {
    use wasm_bindgen::closure::Closure;
    let chart = fig.query_selector("svg.chart").ok().flatten().ok_or("this panel has no chart")?;
    let rect = chart.get_bounding_client_rect();
    let (w, h) = ((rect.width().max(1.0) * 2.0).round() as u32, (rect.height().max(1.0) * 2.0).round() as u32);
    let doc = state.borrow().doc.clone();
    let img: web_sys::HtmlImageElement = doc.create_element("img").map_err(|_| "image")?.dyn_into().map_err(|_| "image")?;
    let canvas: web_sys::HtmlCanvasElement = doc.create_element("canvas").map_err(|_| "canvas")?.dyn_into().map_err(|_| "canvas")?;
    canvas.set_width(w);
    canvas.set_height(h);
    let (s, name, img2) = (state.clone(), name.to_string(), img.clone());
    let onload = Closure::once_into_js(move || {
        let fail = |m: &str| s.borrow_mut().show_error(m);
        let Some(ctx) = canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok()) else {
            return fail("the chart could not be drawn");
        };
        ctx.set_fill_style_str("#ffffff");
        ctx.fill_rect(0.0, 0.0, f64::from(w), f64::from(h));
        if ctx.draw_image_with_html_image_element_and_dw_and_dh(&img2, 0.0, 0.0, f64::from(w), f64::from(h)).is_err() {
            return fail("the chart could not be drawn");
        }
        let s2 = s.clone();
        let saved = Closure::once_into_js(move |blob: JsValue| {
            let Some(blob) = blob.dyn_ref::<web_sys::Blob>() else { return s2.borrow_mut().show_error("the PNG could not be made") };
            let doc = s2.borrow().doc.clone();
            let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
            if let Some(a) = doc.create_element("a").ok().and_then(|a| a.dyn_into::<HtmlElement>().ok()) {
                let _ = a.set_attribute("href", &url);
                let _ = a.set_attribute("download", &name);
                a.click();
            }
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        if canvas.to_blob(saved.unchecked_ref()).is_err() {
            fail("the PNG could not be made");
        }
    });
    img.set_onload(Some(onload.unchecked_ref()));
    let s3 = state.clone();
    let onerror = Closure::once_into_js(move || s3.borrow_mut().show_error("the chart could not be turned into a PNG (the page's security policy may refuse data: images)"));
    img.set_onerror(Some(onerror.unchecked_ref()));
    let b64 = js_sys::global()
        .dyn_into::<web_sys::Window>()
        .ok()
        .and_then(|win| win.btoa(&utf8_as_latin1(svg)).ok())
        .ok_or("the chart could not be encoded")?;
    img.set_src(&format!("data:image/svg+xml;base64,{b64}"));
    Ok(())
}

/// `text`'s UTF-8 bytes as a string of one char per byte (what `btoa` encodes).
fn utf8_as_latin1(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// The table of a panel as CSV (RFC 4180, with a byte-order mark so spreadsheet programs read
/// Chinese text). Cells that a spreadsheet would run as a formula are written with a leading '.
fn table_csv(fig: &Element) -> String {
    let mut out = String::from("\u{feff}");
    let Ok(rows) = fig.query_selector_all("table tr") else { return out };
    for i in 0..rows.length() {
        let Some(row) = rows.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let Ok(cells) = row.query_selector_all("th, td") else { continue };
        let line: Vec<String> = (0..cells.length())
            .filter_map(|j| cells.item(j).and_then(|c| c.text_content()))
            .map(|text| crate::export::csv_cell(&text))
            .collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Reads dropped or picked files (gloo-file) and sends them to the worker.
fn read_files(state: Rc<RefCell<State>>, list: web_sys::FileList) {
    let files: Vec<gloo_file::File> = (0..list.length()).filter_map(|i| list.get(i)).map(gloo_file::File::from).collect();
    if files.is_empty() {
        return;
    }
    state.borrow().show_progress(Some((0.0, "stage_read")));
    wasm_bindgen_futures::spawn_local(async move {
        let (specs, transfer) = (Array::new(), Array::new());
        let mut names = Vec::new();
        for f in &files {
            // The bytes stay a JS ArrayBuffer, transferred to the worker (which also works out
            // the kind of file): nothing is copied into this module's memory on the page's thread.
            match gloo_file::futures::read_as_array_buffer(f).await {
                Ok(buffer) => {
                    let o = Object::new();
                    let _ = Reflect::set(&o, &"name".into(), &f.name().into());
                    let _ = Reflect::set(&o, &"bytes".into(), &Uint8Array::new(&buffer));
                    specs.push(&o);
                    transfer.push(&buffer);
                    names.push(f.name());
                }
                Err(e) => {
                    state.borrow_mut().show_error(&format!("{}: {e}", f.name()));
                    return;
                }
            }
        }
        request_analysis(&state, &specs, &transfer, Some(names.join(", ")), false);
    });
}
