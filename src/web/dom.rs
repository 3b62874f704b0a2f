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
    if let Some(part) = part_of(node) {
        el.set_attribute("part", part)?;
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

/// The CSS part (`::part()`) of the scorecard's and the calculator's regions inside their
/// content, by class: the findings, each section, each panel (a chart or a table), each figure
/// tile and the warnings. The frames name their own parts where they are built. These names are
/// listed in `custom-elements.json`; an end-to-end test checks that the rendered widgets use
/// exactly those.
pub const CONTENT_PARTS: [&str; 5] = ["findings", "section", "panel", "tile", "warnings"];

fn part_of(node: &Node) -> Option<&'static str> {
    if node.svg || node.attrs.iter().any(|(k, _)| k == "part") {
        return None;
    }
    let class = node.attrs.iter().find(|(k, _)| k == "class").map(|(_, v)| v.as_str())?;
    class.split_ascii_whitespace().find_map(|c| CONTENT_PARTS.iter().find(|p| **p == c).copied())
}

/// Removes every child of `el`.
pub fn clear(el: &Element) {
    while let Some(c) = el.first_child() {
        let _ = el.remove_child(&c);
    }
}
