//! Browser tests of the expectation calculator's boundary and element half (headless Chromium).
#![cfg(target_arch = "wasm32")]

use js_sys::Reflect;
use loyalty_scorecard::web::{calculate_js, CalculatorWidget};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlInputElement, ShadowRootInit, ShadowRootMode};

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(v.clone(), |acc, k| Reflect::get(&acc, &(*k).into()).unwrap())
}

fn json(s: &str) -> JsValue {
    js_sys::JSON::parse(s).unwrap()
}

#[wasm_bindgen_test]
fn calculate_takes_plain_objects() {
    // Every order takes 3 days: the balance point is 3 (tests/expectation_golden.rs).
    let data = json(r#"{"delivery": {"source": "orders", "mass": [{"days": 3, "weight": 40}], "n": 40}}"#);
    let r = calculate_js(data, JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&r, &["promise", "recommended_days"]).as_f64(), Some(3.0));
    assert_eq!(get(&r, &["promise", "recommended", "on_time", "value"]).as_f64(), Some(1.0));
    // No data: not enough data, said in words.
    let r = calculate_js(JsValue::NULL, JsValue::UNDEFINED).unwrap();
    assert!(get(&r, &["promise"]).is_undefined()); // None crosses the boundary as undefined
    assert!(get(&r, &["promise_missing"]).as_string().unwrap().starts_with("not enough data"));
    // Bad options are a JS error, not a panic.
    assert!(calculate_js(JsValue::NULL, json(r#"{"stage": "king"}"#)).is_err());
    // A misspelt option is refused, naming it (as the scorecard's options and the CLI do).
    let e = calculate_js(JsValue::NULL, json(r#"{"promise_dayz": 3}"#)).err().map(JsValue::from).unwrap();
    assert!(js_sys::Error::from(e).message().as_string().unwrap().contains("promise_dayz"));
    // A typed array of delivery days reads as the list it holds.
    let plain = calculate_js(JsValue::NULL, json(r#"{"manual": {"type": "list", "days": [2, 3, 3, 5]}}"#)).unwrap();
    let typed = json(r#"{"manual": {"type": "list"}}"#);
    let manual = js_sys::Reflect::get(&typed, &"manual".into()).unwrap();
    js_sys::Reflect::set(&manual, &"days".into(), &js_sys::Float64Array::from(&[2.0, 3.0, 3.0, 5.0][..])).unwrap();
    let typed = calculate_js(JsValue::NULL, typed).unwrap();
    assert_eq!(js_sys::JSON::stringify(&typed).unwrap(), js_sys::JSON::stringify(&plain).unwrap());
    assert!(get(&plain, &["promise", "recommended_days"]).as_f64().is_some());
}

#[wasm_bindgen_test]
fn the_widget_recomputes_on_input() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).unwrap();
    let w = CalculatorWidget::new(root.clone(), Some("en".into())).unwrap();
    let best = || root.query_selector("[data-figure=balance_point] .value").unwrap().unwrap().text_content().unwrap();
    // Entered times (typical 3, worst 7) before any data.
    let before = best();
    let typical: HtmlInputElement = root.query_selector("[data-role=typical]").unwrap().unwrap().dyn_into().unwrap();
    typical.set_value("6");
    // The listener sits on the frame (inputs bubble to it): dispatch there.
    let frame = root.query_selector(".frame").unwrap().unwrap();
    frame.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    assert!(best().parse::<u32>().unwrap() > before.parse::<u32>().unwrap());
    assert!(w.last_compute_ms() >= 0.0);
    w.set_data(json(r#"{"delivery": {"source": "orders", "mass": [{"days": 3, "weight": 40}], "n": 40}}"#)).unwrap();
    assert_eq!(best(), "3");
    assert!(w.set_data(json(r#"{"delivery": 5}"#)).is_err());
}
