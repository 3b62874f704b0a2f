//! Browser tests of the wasm boundary and the widget (headless Chromium).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, Uint8Array};
use loyalty_scorecard::view::{render, Lang};
use loyalty_scorecard::web::{analyze_js, dom::materialize};
use loyalty_scorecard::{analyze, AnalysisOptions, InputFile};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{ShadowRootInit, ShadowRootMode};

wasm_bindgen_test_configure!(run_in_browser);

const CSV: &str = include_str!("fixtures/slice_small.csv");

fn spec(name: &str, kind: Option<&str>, bytes: &[u8]) -> JsValue {
    let o = Object::new();
    Reflect::set(&o, &"name".into(), &name.into()).unwrap();
    Reflect::set(&o, &"bytes".into(), &Uint8Array::from(bytes)).unwrap();
    if let Some(k) = kind {
        Reflect::set(&o, &"kind".into(), &k.into()).unwrap();
    }
    o.into()
}

fn get(v: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(v.clone(), |acc, k| Reflect::get(&acc, &(*k).into()).unwrap())
}

#[wasm_bindgen_test]
fn boundary_returns_plain_object_with_figures() {
    let inputs = Array::of1(&spec("slice_small.csv", None, CSV.as_bytes()));
    let card = analyze_js(inputs.into(), JsValue::UNDEFINED).unwrap();
    // Hand-checked values: see tests/fixtures/slice_small.json.
    assert_eq!(get(&card, &["orders", "orders", "value"]).as_f64(), Some(8.0));
    assert_eq!(get(&card, &["orders", "revenue", "value"]).as_f64(), Some(1297.25));
    assert_eq!(get(&card, &["orders", "repeat_purchase_rate", "n"]).as_f64(), Some(4.0));
    assert_eq!(get(&card, &["inputs"]).dyn_into::<Array>().unwrap().length(), 1);
    assert_eq!(get(&card, &["period", "first"]).as_string().as_deref(), Some("2024-01-03"));
}

#[wasm_bindgen_test]
fn boundary_errors_are_js_errors_naming_the_file() {
    let inputs = Array::of1(&spec("broken.csv", Some("orders"), b"customer,total\nA,1\n"));
    let err: JsValue = analyze_js(inputs.into(), JsValue::UNDEFINED).unwrap_err().into();
    let msg = Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap();
    assert!(msg.starts_with("broken.csv: no column for order_date"), "{msg}");
    let bad_kind = Array::of1(&spec("x.csv", Some("invoices"), b"a\n"));
    let err: JsValue = analyze_js(bad_kind.into(), JsValue::UNDEFINED).unwrap_err().into();
    assert!(Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap().contains("kind must be one of"));
    assert!(analyze_js(JsValue::from(3), JsValue::UNDEFINED).is_err());
}

#[wasm_bindgen_test]
fn rendered_view_shows_figures_and_keeps_data_text_as_text() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).unwrap();
    let hostile = "customer_id,order_date,total\n<img src=x onerror=alert(1)>,2024-01-01,10\nB,2024-01-02,x<b>y</b>\n";
    let name = "<script>alert(1)</script>.csv";
    let card = analyze(&[InputFile::orders(name, hostile.as_bytes())], &AnalysisOptions::default()).unwrap();
    let view = render::scorecard(Lang::ZhCn, &card, &render::Source::Files(name.into()));
    root.append_child(&materialize(&doc, &view).unwrap()).unwrap();
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("重复购买率"), "Chinese labels: {text}");
    assert!(text.contains("<script>alert(1)</script>.csv"), "file name shown as text");
    assert!(text.contains("'x<b>y</b>'"), "bad cell shown as text");
    assert_eq!(root.query_selector_all("img, script, b").unwrap().length(), 0, "no markup from data");
    let orders = root.query_selector("[data-figure=orders] .value").unwrap().unwrap();
    assert_eq!(orders.text_content().as_deref(), Some("1"));
}

#[wasm_bindgen_test]
fn materialize_refuses_event_handler_attributes() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let node = loyalty_scorecard::view::Node::el("a").attr("onclick", "alert(1)").attr("href", " javascript:alert(1)").attr("title", "ok");
    let el = materialize(&doc, &node).unwrap();
    assert!(el.get_attribute("onclick").is_none() && el.get_attribute("href").is_none());
    assert_eq!(el.get_attribute("title").as_deref(), Some("ok"));
}
