//! The page half of `<expectation-calculator>`: builds its controls from the view, and on every
//! input recomputes the calculator in wasm on the page's main thread (a few hundred
//! microseconds: no worker round trip needed) and replaces the results with the new view.

use super::dom::{clear, materialize};
use super::to_js;
use crate::metrics::expectation::factors::{Factor, Stage};
use crate::metrics::expectation::promise::DelayInput;
use crate::metrics::expectation::{calculate, CalculatorData, CalculatorResult, ExpectationOptions};
use crate::view::expectation::{controls, results, tx, ControlState};
use crate::view::{Lang, Node};
use gloo_events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement, ShadowRoot};

/// Default entered delivery times (days) before the user types their own: typical 3, worst 7.
const TYPICAL: f64 = 3.0;
const WORST: f64 = 7.0;

struct Calc {
    doc: Document,
    root: ShadowRoot,
    host: Element,
    lang: Lang,
    data: CalculatorData,
    /// The assumptions the calculator starts from (the scorecard's, or the defaults).
    base: ExpectationOptions,
    /// The current settings (what the controls show).
    options: ExpectationOptions,
    typical: f64,
    worst: f64,
    promise: f64,
    promise_max: u32,
    controls_el: Element,
    results_el: Element,
    result: Option<CalculatorResult>,
    last_ms: f64,
}

fn now() -> f64 {
    super::performance_now()
}

impl Calc {
    fn has_data(&self) -> bool {
        self.data.delivery.is_some()
    }

    /// Resets the settings to the base assumptions and the promise to the current one.
    fn reset(&mut self) {
        self.options = self.base.clone();
        if !self.has_data() && self.options.manual.is_none() {
            self.options.manual = Some(DelayInput::TypicalWorst { typical: self.typical, worst: self.worst });
        }
        let first = calculate(&self.data, &self.options);
        self.promise = self.options.promise_days.or_else(|| first.what_if.as_ref().map(|w| w.promise_days)).unwrap_or(3.0);
        self.promise_max = first.promise.as_ref().map(|p| p.curve.len() as u32).unwrap_or(14).max(self.promise.ceil() as u32);
    }

    fn build_controls(&mut self) -> Result<(), JsValue> {
        let state = ControlState { options: &self.options, has_data: self.has_data(), promise: self.promise, promise_max: self.promise_max, typical: self.typical, worst: self.worst };
        let el = materialize(&self.doc, &controls(self.lang, &state))?;
        clear(&self.controls_el);
        self.controls_el.append_child(&el)?;
        let _ = self.host.set_attribute("lang", self.lang.tag());
        if let Ok(nodes) = self.root.query_selector_all("[data-ec-i18n]") {
            for i in 0..nodes.length() {
                if let Some(e) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    if let Some(k) = e.get_attribute("data-ec-i18n") {
                        e.set_text_content(Some(tx(self.lang, &k)));
                    }
                }
            }
        }
        Ok(())
    }

    fn input(&self, role: &str) -> Option<HtmlInputElement> {
        self.root.query_selector(&format!("[data-role={role}]")).ok().flatten().and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
    }

    /// Reads every control into the settings.
    fn read_controls(&mut self) {
        let num = |i: &HtmlInputElement| Some(i.value_as_number()).filter(|v| v.is_finite());
        if let Ok(list) = self.root.query_selector_all("[data-role=factor]") {
            let mut a = self.options.factors.to_array();
            for i in 0..list.length() {
                let Some(input) = list.item(i).and_then(|n| n.dyn_into::<HtmlInputElement>().ok()) else { continue };
                let key = input.get_attribute("data-factor").unwrap_or_default();
                if let (Some(pos), Some(v)) = (Factor::ALL.iter().position(|f| f.key() == key), num(&input)) {
                    a[pos] = v;
                }
            }
            self.options.factors = crate::metrics::expectation::factors::FactorValues::from_array(a);
        }
        if let Some(sel) = self.root.query_selector("[data-role=stage]").ok().flatten().and_then(|e| e.dyn_into::<HtmlSelectElement>().ok()) {
            if let Some(s) = Stage::from_key(&sel.value()) {
                self.options.stage = s;
            }
        }
        if let Some(v) = self.input("promise").as_ref().and_then(num) {
            self.promise = v;
            self.options.promise_days = Some(v);
        }
        if let Some(v) = self.input("k").as_ref().and_then(num) {
            self.options.attractiveness_k = v;
        }
        if let Some(v) = self.input("speed").as_ref().and_then(num) {
            self.options.speed_up = v / 100.0;
        }
        if let Some(v) = self.input("typical").as_ref().and_then(num) {
            self.typical = v;
        }
        if let Some(v) = self.input("worst").as_ref().and_then(num) {
            self.worst = v;
        }
        let manual = !self.has_data() || self.input("manual").is_some_and(|c| c.checked());
        self.options.manual = if manual { Some(DelayInput::TypicalWorst { typical: self.typical, worst: self.worst }) } else { None };
    }

    /// Writes each slider's value beside it.
    fn show_values(&self) {
        if let Ok(list) = self.root.query_selector_all("input[type=range]") {
            for i in 0..list.length() {
                let Some(input) = list.item(i).and_then(|n| n.dyn_into::<HtmlInputElement>().ok()) else { continue };
                let id = input.id();
                let v = input.value_as_number();
                let shown = match input.get_attribute("data-role").as_deref() {
                    Some("k") => format!("{v:.2}"),
                    Some("speed") => format!("{v:.0}%"),
                    _ => format!("{v:.0}"),
                };
                if let Some(out) = self.root.query_selector(&format!("[data-out={id}]")).ok().flatten() {
                    out.set_text_content(Some(&shown));
                }
            }
        }
    }

    /// Recomputes and re-renders the results; records how long it took.
    fn recompute(&mut self) {
        let t0 = now();
        let r = calculate(&self.data, &self.options);
        if let (Some(p), Some(slider)) = (&r.promise, self.input("promise")) {
            let max = (p.curve.len() as u32).max(self.promise.ceil() as u32).max(2);
            if max != self.promise_max {
                self.promise_max = max;
                let _ = slider.set_attribute("max", &max.to_string());
            }
        }
        let view: Node = results(self.lang, &r, Some(self.promise));
        match materialize(&self.doc, &view) {
            Ok(el) => {
                clear(&self.results_el);
                let _ = self.results_el.append_child(&el);
            }
            Err(_) => self.results_el.set_text_content(Some("the calculator could not be shown")),
        }
        self.result = Some(r);
        self.last_ms = now() - t0;
    }
}

/// `<expectation-calculator>` inside a shadow root (created by www/expectation-calculator.js).
#[wasm_bindgen]
pub struct CalculatorWidget {
    state: Rc<RefCell<Calc>>,
    _listeners: Vec<EventListener>,
}

#[wasm_bindgen]
impl CalculatorWidget {
    /// Builds the calculator into `root` in `lang` ("en", "zh-CN", "zh-TW"), with no shop data
    /// (entered delivery times) until [`CalculatorWidget::set_data`].
    #[wasm_bindgen(constructor)]
    pub fn new(root: ShadowRoot, lang: Option<String>) -> Result<CalculatorWidget, JsError> {
        let doc = web_sys::window().and_then(|w| w.document()).ok_or_else(|| JsError::new("no document"))?;
        let lang = Lang::from_tag(lang.as_deref().unwrap_or("en"));
        let frame = Node::el("div").class("frame calc").attr("part", "frame").children([
            Node::el("header")
                .attr("part", "header")
                .child(Node::el("div").children([Node::el("h2").attr("data-ec-i18n", "calc_title"), Node::el("p").class("tagline").attr("data-ec-i18n", "calc_lede")])),
            Node::el("div").attr("part", "controls").attr("data-role", "controls-host"),
        ]);
        let err = |_| JsError::new("could not build the calculator");
        let frame_el = materialize(&doc, &frame).map_err(err)?;
        root.append_child(&frame_el).map_err(err)?;
        let results_el = materialize(&doc, &Node::el("div").class("content calc-content").attr("part", "content").attr("aria-live", "polite")).map_err(err)?;
        root.append_child(&results_el).map_err(err)?;
        let controls_el = root.query_selector("[data-role=controls-host]").ok().flatten().ok_or_else(|| JsError::new("calculator frame incomplete"))?;
        let mut calc = Calc {
            doc,
            host: root.host(),
            root: root.clone(),
            lang,
            data: CalculatorData::default(),
            base: ExpectationOptions::default(),
            options: ExpectationOptions::default(),
            typical: TYPICAL,
            worst: WORST,
            promise: 3.0,
            promise_max: 14,
            controls_el,
            results_el,
            result: None,
            last_ms: 0.0,
        };
        calc.reset();
        calc.build_controls().map_err(err)?;
        calc.recompute();
        let state = Rc::new(RefCell::new(calc));
        let mut listeners = Vec::new();
        for ev in ["input", "change"] {
            let s = state.clone();
            listeners.push(EventListener::new(&frame_el, ev, move |_| {
                let mut c = s.borrow_mut();
                c.read_controls();
                c.show_values();
                c.recompute();
            }));
        }
        Ok(CalculatorWidget { state, _listeners: listeners })
    }

    /// Uses the shop's data: the Scorecard's `expectation` section (`{ data, options, ... }`),
    /// a `CalculatorData` object, or null for none (entered delivery times). Resets the controls
    /// to the section's assumptions.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(&self, #[wasm_bindgen(unchecked_param_type = "ExpectationSection | CalculatorData | null")] value: JsValue) -> Result<(), JsError> {
        let (data, options) = if value.is_null() || value.is_undefined() {
            (CalculatorData::default(), ExpectationOptions::default())
        } else {
            let has = |k: &str| js_sys::Reflect::get(&value, &k.into()).ok().is_some_and(|v| !v.is_undefined() && !v.is_null());
            if has("data") {
                let d = js_sys::Reflect::get(&value, &"data".into()).unwrap_or(JsValue::NULL);
                let o = js_sys::Reflect::get(&value, &"options".into()).unwrap_or(JsValue::NULL);
                let data: CalculatorData = serde_wasm_bindgen::from_value(d).map_err(|e| JsError::new(&format!("calculator data: {e}")))?;
                let options = if o.is_null() || o.is_undefined() { ExpectationOptions::default() } else { super::options_from(&o).map_err(|e| JsError::new(&format!("calculator options: {e}")))? };
                (data, options)
            } else {
                (serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("calculator data: {e}")))?, ExpectationOptions::default())
            }
        };
        let mut c = self.state.borrow_mut();
        c.data = data;
        c.base = options;
        c.reset();
        c.build_controls().map_err(|_| JsError::new("could not build the calculator"))?;
        c.recompute();
        Ok(())
    }

    /// Switches the language ("en", "zh-CN", "zh-TW"); the settings are kept.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, lang: String) -> Result<(), JsError> {
        let mut c = self.state.borrow_mut();
        c.read_controls();
        c.lang = Lang::from_tag(&lang);
        c.build_controls().map_err(|_| JsError::new("could not build the calculator"))?;
        c.recompute();
        Ok(())
    }

    /// The last answer (a `CalculatorResult` object).
    #[wasm_bindgen(unchecked_return_type = "CalculatorResult | null")]
    pub fn result(&self) -> Result<JsValue, JsError> {
        match &self.state.borrow().result {
            Some(r) => to_js(r),
            None => Ok(JsValue::NULL),
        }
    }

    /// Milliseconds the last recomputation took (calculation + new results in the DOM).
    #[wasm_bindgen(js_name = lastComputeMs)]
    pub fn last_compute_ms(&self) -> f64 {
        self.state.borrow().last_ms
    }
}

/// The calculator as a function: `data` (CalculatorData, or null for none) with `options`
/// (ExpectationOptions, all optional) -> CalculatorResult. The same function as the scorecard's.
#[wasm_bindgen(js_name = calculateExpectation, unchecked_return_type = "CalculatorResult")]
pub fn calculate_js(
    #[wasm_bindgen(unchecked_param_type = "CalculatorData | null")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ExpectationOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let data: CalculatorData =
        if data.is_null() || data.is_undefined() { CalculatorData::default() } else { serde_wasm_bindgen::from_value(data).map_err(|e| JsError::new(&format!("calculator data: {e}")))? };
    let options: ExpectationOptions =
        if options.is_null() || options.is_undefined() { ExpectationOptions::default() } else { super::options_from(&options).map_err(|e| JsError::new(&format!("calculator options: {e}")))? };
    to_js(&calculate(&data, &options))
}
