//! A tiny DOM builder. Text always goes in through `text`, i.e. `textContent`, so nothing from
//! a data file is ever parsed as HTML.

use wasm_bindgen::UnwrapThrowExt;
use web_sys::{Document, Element};

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// An element under construction.
pub struct H(pub Element);

impl H {
    /// An HTML element. `tag` is always a literal of this crate.
    pub fn new(doc: &Document, tag: &str) -> H {
        H(doc.create_element(tag).unwrap_throw())
    }
    /// An SVG element.
    pub fn svg(doc: &Document, tag: &str) -> H {
        H(doc.create_element_ns(Some(SVG_NS), tag).unwrap_throw())
    }
    /// Sets an attribute (`name` is always a literal of this crate; `value` may come from data).
    pub fn attr(self, name: &str, value: &str) -> H {
        self.0.set_attribute(name, value).unwrap_throw();
        self
    }
    pub fn class(self, class: &str) -> H {
        self.attr("class", class)
    }
    /// Sets the text content (escaped by construction).
    pub fn text(self, text: &str) -> H {
        self.0.set_text_content(Some(text));
        self
    }
    pub fn child(self, child: H) -> H {
        self.0.append_child(&child.0).unwrap_throw();
        self
    }
    pub fn children(self, children: impl IntoIterator<Item = H>) -> H {
        for c in children {
            self.0.append_child(&c.0).unwrap_throw();
        }
        self
    }
    pub fn el(self) -> Element {
        self.0
    }
}

/// Removes every child of `el`.
pub fn clear(el: &Element) {
    while let Some(c) = el.first_child() {
        el.remove_child(&c).unwrap_throw();
    }
}
