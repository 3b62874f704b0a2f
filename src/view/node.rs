//! A serializable element tree: the scorecard's view, built natively or in a worker and turned
//! into DOM by the widget (`web::dom::materialize`). Text is a separate field from markup, so
//! text from data files can only ever become a text node.

use serde::{Deserialize, Serialize};

/// One element: tag, attributes, optional text, children. `svg` elements are created in the
/// SVG namespace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Node {
    pub tag: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub svg: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attrs: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Node {
    /// The tree as JSON pieces: the top element without its children, then each child. A page
    /// can receive them cheaply (a few strings instead of thousands of objects) and build the
    /// tree a piece at a time.
    pub fn to_json_pieces(&self) -> Vec<String> {
        let shell = Node { children: Vec::new(), ..self.clone_shallow() };
        std::iter::once(&shell).chain(&self.children).map(|n| serde_json::to_string(n).unwrap_or_default()).collect()
    }

    fn clone_shallow(&self) -> Node {
        Node { tag: self.tag.clone(), svg: self.svg, attrs: self.attrs.clone(), text: self.text.clone(), children: Vec::new() }
    }

    /// An HTML element.
    pub fn el(tag: &str) -> Node {
        Node { tag: tag.to_string(), ..Node::default() }
    }
    /// An SVG element.
    pub fn svg(tag: &str) -> Node {
        Node { tag: tag.to_string(), svg: true, ..Node::default() }
    }
    /// Sets an attribute. Names are literals of this crate; values may come from data.
    pub fn attr(mut self, name: &str, value: &str) -> Node {
        self.attrs.push((name.to_string(), value.to_string()));
        self
    }
    pub fn class(self, class: &str) -> Node {
        self.attr("class", class)
    }
    /// Sets the text content (becomes a text node: never parsed as markup).
    pub fn text(mut self, text: &str) -> Node {
        self.text = Some(text.to_string());
        self
    }
    pub fn child(mut self, child: Node) -> Node {
        self.children.push(child);
        self
    }
    pub fn children(mut self, children: impl IntoIterator<Item = Node>) -> Node {
        self.children.extend(children);
        self
    }

    /// All text of this node and its descendants, in document order (for tests and the CLI).
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        if let Some(t) = &self.text {
            out.push_str(t);
        }
        for c in &self.children {
            c.collect_text(out);
        }
    }

    /// The first descendant (or self) whose attribute `name` equals `value`.
    pub fn find(&self, name: &str, value: &str) -> Option<&Node> {
        if self.attrs.iter().any(|(k, v)| k == name && v == value) {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(name, value))
    }

    /// Every descendant (or self) whose attribute `name` equals `value`, in document order.
    pub fn find_all(&self, name: &str, value: &str) -> Vec<&Node> {
        let mut out = Vec::new();
        self.visit(&mut |n| {
            if n.attrs.iter().any(|(k, v)| k == name && v == value) {
                out.push(n);
            }
        });
        out
    }

    fn visit<'a>(&'a self, f: &mut dyn FnMut(&'a Node)) {
        f(self);
        for c in &self.children {
            c.visit(f);
        }
    }
}

#[cfg(test)]
mod pieces_tests {
    use super::Node;

    #[test]
    fn pieces_put_back_together_give_the_tree() {
        let tree = Node::el("div").class("card").text("a <b>").child(Node::el("p").text("x")).child(Node::svg("svg").child(Node::svg("g")));
        let pieces = tree.to_json_pieces();
        assert_eq!(pieces.len(), 3);
        let mut back: Node = serde_json::from_str(&pieces[0]).unwrap();
        assert!(back.children.is_empty());
        back.children = pieces[1..].iter().map(|p| serde_json::from_str(p).unwrap()).collect();
        assert_eq!(back, tree);
    }
}
