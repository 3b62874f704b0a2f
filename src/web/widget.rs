//! The page half of the widget: frame, drop zone, progress and cancel, language switch, and the
//! messages to and from the analysis worker (`www/worker.js`). Figures and views are made in the
//! worker; this side only turns view trees into DOM.

use super::dom::{clear, materialize};
use super::downloads::{chart_svg, download, download_json, download_png, table_csv};
use super::protocol::{Reply, Request};
use crate::view::i18n::t;
use crate::view::{Lang, Node};
use gloo_events::{EventListener, EventListenerOptions};
use js_sys::{Array, Object, Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement, MessageEvent, ShadowRoot, Worker, WorkerOptions, WorkerType};

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
    /// The names of the files last sent for analysis (for the message when the worker stops).
    working_on: String,
    /// An invisible copy of the scorecard's layout (a chart panel alone, two side by side) whose
    /// widths say how wide charts are drawn, and the widths last sent to the worker.
    probe: Element,
    room: Option<(f64, f64)>,
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
    let pieces: Vec<String> = super::strings_of(&view)?;
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
    let pieces: Vec<String> = super::strings_of(&view).unwrap_or_default();
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

/// Posts `request` to the worker (started on first use), transferring `transfer`.
fn post(state: &Rc<RefCell<State>>, request: &Request, transfer: &Array) {
    if state.borrow().worker.is_none() {
        if let Err(e) = spawn_worker(state, true) {
            state.borrow_mut().show_error(&e);
            return;
        }
    }
    let st = state.borrow();
    if let Some((w, _, _)) = &st.worker {
        if w.post_message_with_transfer(&request.to_js(), transfer).is_err() {
            drop(st);
            state.borrow_mut().show_error("the analysis worker could not be reached");
        }
    }
}

fn spawn_worker(state: &Rc<RefCell<State>>, warm: bool) -> Result<(), String> {
    let url = state.borrow().worker_url.clone();
    let opts = WorkerOptions::new();
    opts.set_type(WorkerType::Module);
    // The name tells worker.js it serves a widget, which keeps a second worker ready, and
    // whether it warms up first (not a worker started again after a failure: see worker.js).
    opts.set_name(if warm { "loyalty-scorecard" } else { "loyalty-scorecard-again" });
    let worker = Worker::new_with_options(&url, &opts).map_err(|_| format!("the analysis worker ({url}) could not start"))?;
    let s = state.clone();
    let on_message = EventListener::new(&worker, "message", move |ev| {
        let Some(ev) = ev.dyn_ref::<MessageEvent>() else { return };
        on_worker_message(&s, ev.data());
    });
    let s = state.clone();
    let on_error = EventListener::new(&worker, "error", move |_| worker_stopped(&s, "the analysis worker stopped with an error (see the browser console)"));
    let mut st = state.borrow_mut();
    st.worker = Some((worker, on_message, on_error));
    // A new worker knows no room yet.
    st.room = None;
    Ok(())
}

/// Measures the room a chart has (see [`State::probe`]) and tells the worker when it changed;
/// true when it did.
fn measure_room(state: &Rc<RefCell<State>>) -> bool {
    let room = {
        let st = state.borrow();
        let widths: Vec<f64> = st
            .probe
            .query_selector_all(".room")
            .map_or_else(|_| Vec::new(), |list| (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).map(|e| f64::from(e.client_width())).collect());
        let (solo, pair) = (widths.first().copied().unwrap_or(0.0), widths.get(1).copied().unwrap_or(0.0));
        // Not laid out (a hidden host): nothing to say.
        if solo <= 0.0 {
            return false;
        }
        // Panels side by side are about half as wide; otherwise they span the row too.
        let paired = if pair > 0.0 && pair < 0.8 * solo { pair } else { 0.0 };
        if st.room == Some((solo, paired)) {
            return false;
        }
        (solo, paired)
    };
    state.borrow_mut().room = Some(room);
    post(state, &Request::Room { solo: room.0, paired: room.1 }, &Array::new());
    true
}

/// The probe [`measure_room`] reads: the scorecard's section layout with a chart panel alone
/// and two side by side, invisible and without height.
fn room_probe() -> Node {
    let panel = || Node::el("figure").class("panel").child(Node::el("div").class("room"));
    Node::el("div")
        .class("content room-probe")
        .attr("aria-hidden", "true")
        .child(Node::el("div").class("card").child(Node::el("div").class("room-row").child(Node::el("div").class("section").children([panel(), Node::el("p"), panel(), panel()]))))
}

/// The worker's module failed (a panic, a trap, memory exhausted: `why`) and cannot be used
/// again: it is ended and a fresh one started, and the message says what it was working on and
/// what to try. The scorecard on the page stays, but its files must be dropped again.
fn worker_stopped(state: &Rc<RefCell<State>>, why: &str) {
    {
        let mut st = state.borrow_mut();
        if let Some((w, _, _)) = st.worker.take() {
            w.terminate();
        }
        st.pending = None;
        st.have_card = false;
        for role in ["export", "export-customers"] {
            if let Some(b) = st.root.query_selector(&format!("[data-role={role}]")).ok().flatten() {
                let _ = b.set_attribute("disabled", "");
            }
        }
        let files = if st.working_on.is_empty() { "?".to_string() } else { st.working_on.clone() };
        // The owner reads what happened and what to try; the technical cause goes to the
        // console for whoever debugs the page.
        web_sys::console::error_1(&format!("loyalty-scorecard: the analysis worker failed: {why}").into());
        let text = t(st.lang, "worker_stopped").replace("{files}", &files);
        st.show_error(&text);
    }
    let _ = spawn_worker(state, false);
}

/// The worker's module failed while no request was waiting (its warm-up, see worker.js): a
/// worker that does not warm up replaces it, and nothing is shown (no work was lost).
fn worker_replaced(state: &Rc<RefCell<State>>, why: &str) {
    if let Some((w, _, _)) = state.borrow_mut().worker.take() {
        w.terminate();
    }
    web_sys::console::warn_1(&format!("loyalty-scorecard: the analysis worker was replaced: {why}").into());
    let _ = spawn_worker(state, false);
}

fn on_worker_message(state: &Rc<RefCell<State>>, data: JsValue) {
    let Ok(reply) = Reply::from_js(&data) else { return };
    let mut st = state.borrow_mut();
    if let Reply::Error { id: 0, message, fatal: true } = &reply {
        // The module failed outside any request (its warm-up).
        let message = message.clone();
        let waiting = st.pending.is_some();
        drop(st);
        return if waiting { worker_stopped(state, &message) } else { worker_replaced(state, &message) };
    }
    if Some(reply.id()) != st.pending {
        return;
    }
    match reply {
        Reply::Progress { stage, fraction, .. } => {
            let key = if stage == "render" { "stage_render" } else { "stage_read" };
            st.show_progress(Some((fraction, key)));
            let detail = Object::new();
            let _ = Reflect::set(&detail, &"stage".into(), &stage.into());
            let _ = Reflect::set(&detail, &"fraction".into(), &fraction.into());
            st.emit("progress", &detail);
        }
        Reply::Done { view, scorecard, .. } => {
            st.pending = None;
            st.last_card = scorecard;
            // The exports need only the scorecard (here and in the worker): usable at once,
            // while the view is still being built.
            for role in ["export", "export-customers"] {
                if let Some(b) = st.root.query_selector(&format!("[data-role={role}]")).ok().flatten() {
                    let _ = b.remove_attribute("disabled");
                }
            }
            drop(st);
            show_view(state, view, Box::new(|st: &mut State| st.emit("ready", &st.last_card)));
        }
        Reply::View { view, scorecard, .. } => {
            st.pending = None;
            // A changed scorecard (the iceberg's assumptions): the page keeps the worker's copy.
            if !scorecard.is_undefined() && !scorecard.is_null() {
                st.last_card = scorecard;
            }
            if !view.is_null() && !view.is_undefined() {
                drop(st);
                show_view(state, view, Box::new(|_| {}));
            }
        }
        Reply::Failed { message, view, .. } => {
            st.pending = None;
            st.show_failed(view, &message);
        }
        Reply::Customers { csv, .. } => {
            st.pending = None;
            if let Err(e) = download(&st.doc, "customers.csv", "text/csv;charset=utf-8", &csv) {
                st.show_error(&e);
            }
        }
        Reply::Error { message, fatal: false, .. } => {
            st.pending = None;
            st.show_error(&message);
        }
        Reply::Error { message, fatal: true, .. } => {
            st.pending = None;
            drop(st);
            worker_stopped(state, &message);
        }
        // Only the package's standalone analyze() asks for the scorecard alone.
        Reply::Scorecard { .. } => {}
    }
}

/// Sends files (JS specs) to the worker for analysis.
fn request_analysis(state: &Rc<RefCell<State>>, inputs: &Array, transfer: &Array, label: Option<String>, sample: bool) {
    measure_room(state);
    let request = {
        let mut st = state.borrow_mut();
        let id = st.begin_request(true);
        let _ = st.error.set_attribute("hidden", "");
        st.show_progress(Some((0.02, "stage_read")));
        st.working_on = label.clone().unwrap_or_else(|| inputs.iter().filter_map(|i| Reflect::get(&i, &"name".into()).ok().and_then(|n| n.as_string())).collect::<Vec<_>>().join(", "));
        Request::Analyze { id, inputs: inputs.into(), since: st.since.clone(), as_of: st.as_of.clone(), lang: st.lang.tag().into(), label, sample }
    };
    post(state, &request, transfer);
}

/// The caller's file specs as they go to the worker: each `bytes` array put into a `Blob` (the
/// browser's blob storage, outside the page's and the worker's memory: the caller keeps its own
/// array), a `Blob` or `File` passed as it is; never copied into this module's memory on the
/// page's thread. The worker reads each one while it reads that file. Kinds and options are
/// checked by the worker.
fn pass_through(inputs: &JsValue) -> Result<(Array, Array), String> {
    let arr: &Array = inputs.dyn_ref().ok_or("inputs must be an array of { name, bytes, kind? }")?;
    let (specs, transfer) = (Array::new(), Array::new());
    for (i, item) in arr.iter().enumerate() {
        let name = Reflect::get(&item, &"name".into()).ok().and_then(|v| v.as_string()).unwrap_or_else(|| format!("file {}", i + 1));
        let value = Reflect::get(&item, &"bytes".into()).unwrap_or(JsValue::UNDEFINED);
        let blob = match value.dyn_ref::<web_sys::Blob>() {
            Some(b) => b.clone(),
            None => {
                let bytes = value.dyn_ref::<Uint8Array>().ok_or_else(|| format!("{name}: bytes must be a Uint8Array or a Blob"))?;
                web_sys::Blob::new_with_u8_array_sequence(&Array::of1(bytes)).map_err(|_| format!("{name}: the bytes could not be stored"))?
            }
        };
        let o = Object::new();
        let _ = Reflect::set(&o, &"name".into(), &name.as_str().into());
        let _ = Reflect::set(&o, &"bytes".into(), &blob);
        for key in ["kind", "options"] {
            if let Ok(v) = Reflect::get(&item, &key.into()) {
                if !v.is_undefined() && !v.is_null() {
                    let _ = Reflect::set(&o, &key.into(), &v);
                }
            }
        }
        specs.push(&o);
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
        let frame = frame(lang);
        let attach = |n: &Node| -> Result<Element, JsError> {
            let el = materialize(&doc, n).map_err(|_| JsError::new("could not build the widget"))?;
            root.append_child(&el).map_err(|_| JsError::new("could not attach the widget"))?;
            Ok(el)
        };
        attach(&frame)?;
        let status = attach(&Node::el("p").class("status sr").attr("role", "status").attr("aria-live", "polite"))?;
        let error = attach(&Node::el("p").class("error").attr("part", "error").attr("role", "alert").attr("hidden", ""))?;
        let content = attach(&Node::el("div").class("content").attr("part", "content"))?;
        let probe = attach(&room_probe())?;
        let find = |role: &str| -> Result<Element, JsError> { root.query_selector(&format!("[data-role={role}]")).ok().flatten().ok_or_else(|| JsError::new("widget frame incomplete")) };
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
            working_on: String::new(),
            probe,
            room: None,
        }));
        state.borrow().apply_static_text();
        let mut listeners = file_listeners(&state, &find)?;
        listeners.extend(content_listeners(&state));
        listeners.extend(tool_listeners(&state, &find)?);
        let _ = spawn_worker(&state, true);
        Ok(ScorecardWidget { state, _listeners: listeners })
    }

    /// Draws the charts again as wide as their panels when the widget's width has changed
    /// (the element calls it when it is resized). False while a request is under way (its
    /// answer would be replaced by the new view): the caller tries again later.
    #[wasm_bindgen(js_name = fitCharts)]
    pub fn fit_charts(&self) -> bool {
        if self.state.borrow().pending.is_some() {
            return false;
        }
        if measure_room(&self.state) && self.state.borrow().have_card {
            let (id, lang) = {
                let mut st = self.state.borrow_mut();
                (st.begin_request(false), st.lang.tag().to_string())
            };
            post(&self.state, &Request::Render { id, lang }, &Array::new());
        }
        true
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

    /// For the recovery test only: makes the worker's module panic, as a bug or an exhausted
    /// memory would. The widget then ends that worker, starts a new one and says so; the next
    /// load works.
    #[wasm_bindgen(js_name = selfTestCrash)]
    pub fn self_test_crash(&self) {
        let id = self.state.borrow_mut().begin_request(false);
        post(&self.state, &Request::Crash { id }, &Array::new());
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

/// The widget's frame: title and tools (exports, language), the drop zone, the date range and
/// the progress row. Texts come from `data-i18n` keys, filled in by the current language.
fn frame(lang: Lang) -> Node {
    let select = Node::el("select").class("lang").attr("data-role", "lang").children([Lang::En, Lang::ZhCn, Lang::ZhTw].map(|l| {
        let o = Node::el("option").attr("value", l.tag()).text(match l {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
            Lang::ZhTw => "繁體中文",
        });
        if l == lang {
            o.attr("selected", "")
        } else {
            o
        }
    }));
    Node::el("div").class("frame").attr("part", "frame").children([
        Node::el("header").attr("part", "header").children([
            Node::el("div").children([Node::el("h2").attr("data-i18n", "title"), Node::el("p").class("tagline").attr("data-i18n", "tagline")]),
            Node::el("div").class("tools").children([
                Node::el("button").attr("type", "button").class("export").attr("data-role", "export").attr("disabled", "").attr("data-i18n", "export_json"),
                Node::el("button").attr("type", "button").class("export").attr("data-role", "export-customers").attr("disabled", "").attr("data-i18n", "export_customers"),
                Node::el("label").class("lang-label").children([Node::el("span").class("sr").attr("data-i18n", "language"), select]),
            ]),
        ]),
        Node::el("div").class("drop").attr("part", "drop-zone").attr("data-role", "drop").children([
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
        Node::el("div").class("range").attr("part", "range").attr("role", "group").attr("aria-labelledby", "ls-range-label").children([
            Node::el("span").attr("id", "ls-range-label").attr("data-i18n", "range"),
            Node::el("label").children([Node::el("span").attr("data-i18n", "range_from"), Node::el("input").attr("type", "date").attr("data-role", "range-from")]),
            Node::el("label").children([Node::el("span").attr("data-i18n", "range_to"), Node::el("input").attr("type", "date").attr("data-role", "range-to")]),
            Node::el("button").attr("type", "button").attr("data-role", "range-apply").attr("data-i18n", "range_apply"),
        ]),
        Node::el("div").class("progress").attr("part", "progress").attr("data-role", "progress-row").attr("hidden", "").children([
            Node::el("progress").attr("max", "1").attr("value", "0").attr("data-role", "progress").attr("aria-labelledby", "ls-progress-label"),
            Node::el("span").attr("id", "ls-progress-label").attr("data-role", "progress-label"),
            Node::el("button").attr("type", "button").class("cancel").attr("data-role", "cancel").attr("data-i18n", "cancel"),
        ]),
    ])
}

/// Choosing, dropping and cancelling: the file button and input, the drop zone's drag events,
/// and the cancel button (which stops the worker).
fn file_listeners(state: &Rc<RefCell<State>>, find: &dyn Fn(&str) -> Result<Element, JsError>) -> Result<Vec<EventListener>, JsError> {
    let (input_el, choose_el, drop_el, cancel_el) = (find("file")?, find("choose")?, find("drop")?, find("cancel")?);
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
    Ok(listeners)
}

/// Inputs and buttons inside the scorecard view, listened to on the content container (the
/// view is re-rendered each time).
fn content_listeners(state: &Rc<RefCell<State>>) -> Vec<EventListener> {
    let mut listeners = Vec::new();
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
        let value =
            |role: &str| root.query_selector(&format!("[data-role={role}]")).ok().flatten().and_then(|e| e.dyn_into::<HtmlInputElement>().ok()).map(|i| i.value_as_number()).unwrap_or(f64::NAN);
        let (silent, told) = (value("iceberg-silent"), value("iceberg-told"));
        let request = {
            let mut st = s.borrow_mut();
            Request::Iceberg { id: st.begin_request(false), silent, told, lang: st.lang.tag().into() }
        };
        post(&s, &request, &Array::new());
    }));
    // Buttons inside the scorecard: "Read again" in a correction form (the kind and columns
    // chosen for that file), and the downloads of a chart (SVG) or its table (CSV).
    let s = state.clone();
    // Not passive: a finding's link must stop its own navigation.
    listeners.push(EventListener::new_with_options(&content_el, "click", EventListenerOptions::enable_prevent_default(), move |ev| {
        let Some(button) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        let role = button.get_attribute("data-role");
        let result = match role.as_deref() {
            Some("goto") => {
                // A finding's link to its section: scrolled to and focused inside the shadow
                // root (a fragment link cannot reach into it).
                ev.prevent_default();
                let root = s.borrow().root.clone();
                if let Some(h) = button.get_attribute("data-target").and_then(|id| root.query_selector(&format!("#{id}")).ok().flatten()) {
                    h.scroll_into_view();
                    if !h.has_attribute("tabindex") {
                        let _ = h.set_attribute("tabindex", "-1");
                    }
                    if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
                        let _ = h.focus();
                    }
                }
                Ok(())
            }
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
                        let s2 = s.clone();
                        let on_error: Rc<dyn Fn(&str)> = Rc::new(move |m: &str| s2.borrow_mut().show_error(m));
                        chart_svg(&fig).and_then(|svg| download_png(&doc, on_error, &fig, &format!("{name}.png"), &svg))
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
    listeners
}

/// The tools: the date range, the exports and the language switch.
fn tool_listeners(state: &Rc<RefCell<State>>, find: &dyn Fn(&str) -> Result<Element, JsError>) -> Result<Vec<EventListener>, JsError> {
    let (range_apply_el, export_el, export_customers_el, select_el) = (find("range-apply")?, find("export")?, find("export-customers")?, find("lang")?);
    let mut listeners = Vec::new();
    // The date range: the stored files are analysed again in the worker with the new range.
    let s = state.clone();
    listeners.push(EventListener::new(&range_apply_el, "click", move |_| {
        let value = |role: &str| {
            let root = s.borrow().root.clone();
            root.query_selector(&format!("[data-role={role}]")).ok().flatten().and_then(|e| e.dyn_into::<HtmlInputElement>().ok()).map(|i| i.value()).filter(|v| !v.is_empty())
        };
        let (since, as_of) = (value("range-from"), value("range-to"));
        let request = {
            let mut st = s.borrow_mut();
            st.since = since.clone();
            st.as_of = as_of.clone();
            // Without files yet, the range waits for them (it goes with the next analysis).
            if !(st.have_card || st.worker.is_some()) {
                return;
            }
            // A new request whose view replaces the scorecard: stops a view still being built.
            let id = st.begin_request(true);
            let _ = st.error.set_attribute("hidden", "");
            st.show_progress(Some((0.02, "stage_read")));
            Request::Refilter { id, since, as_of, lang: st.lang.tag().into() }
        };
        post(&s, &request, &Array::new());
    }));
    let s = state.clone();
    listeners.push(EventListener::new(&export_customers_el, "click", move |_| {
        let id = s.borrow_mut().begin_request(false);
        post(&s, &Request::Customers { id }, &Array::new());
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
    Ok(listeners)
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
        let id = state.borrow_mut().begin_request(false);
        post(state, &Request::Render { id, lang: lang.tag().into() }, &Array::new());
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
    let request = {
        let mut st = state.borrow_mut();
        let id = st.begin_request(true);
        let _ = st.error.set_attribute("hidden", "");
        st.show_progress(Some((0.02, "stage_read")));
        Request::Reread { id, index, kind, mapping: mapping.into(), lang: st.lang.tag().into() }
    };
    post(state, &request, &Array::new());
}

/// Reads dropped or picked files (gloo-file) and sends them to the worker.
fn read_files(state: Rc<RefCell<State>>, list: web_sys::FileList) {
    let files: Vec<gloo_file::File> = (0..list.length()).filter_map(|i| list.get(i)).map(gloo_file::File::from).collect();
    if files.is_empty() {
        return;
    }
    state.borrow().show_progress(Some((0.0, "stage_read")));
    // The files go to the worker as they are (a `File` is a `Blob`: its data stay on disk or in
    // the browser's blob storage); the worker reads each while it reads that file and works out
    // its kind. Nothing is read on the page's thread.
    let specs = Array::new();
    let mut names = Vec::new();
    for f in &files {
        let o = Object::new();
        let _ = Reflect::set(&o, &"name".into(), &f.name().into());
        let blob: &web_sys::Blob = f.as_ref();
        let _ = Reflect::set(&o, &"bytes".into(), blob);
        specs.push(&o);
        names.push(f.name());
    }
    request_analysis(&state, &specs, &Array::new(), Some(names.join(", ")), false);
}
