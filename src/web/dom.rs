//! View tree -> DOM. Text becomes text nodes only; attribute names come from the crate's own
//! literals, and event-handler or script-URL attributes are refused as a second line of defence.

use crate::view::Node;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Builds the DOM for `node`.
///
/// # Errors
/// A tag or attribute name the browser refuses (a bug: names are the crate's literals).
pub fn materialize(doc: &Document, node: &Node) -> Result<Element, JsValue> {
    let el = if node.svg { doc.create_element_ns(Some(SVG_NS), &node.tag)? } else { doc.create_element(&node.tag)? };
    for (k, v) in &node.attrs {
        let lower = k.to_ascii_lowercase();
        let scripty = v.trim_start().get(..11).is_some_and(|p| p.eq_ignore_ascii_case("javascript:"));
        if lower.starts_with("on") || ((lower == "href" || lower == "src") && scripty) {
            continue;
        }
        el.set_attribute(k, v)?;
    }
    if let Some(t) = &node.text {
        el.append_child(&doc.create_text_node(t))?;
    }
    for c in &node.children {
        let child = materialize(doc, c)?;
        el.append_child(&child)?;
    }
    Ok(el)
}

/// Removes every child of `el`.
pub fn clear(el: &Element) {
    while let Some(c) = el.first_child() {
        let _ = el.remove_child(&c);
    }
}
