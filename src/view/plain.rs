//! The view tree written as plain text, for a terminal: the page's sections, figures, tables and
//! notes in the page's words and language (the command line's `--lang`). Charts are left out
//! (each has its table), as are the page's controls (buttons, the correction form's inputs).
//!
//! ```
//! use loyalty_scorecard::view::{plain, Node};
//! let tree = Node::el("section").children([
//!     Node::el("h3").text("忠诚"),
//!     Node::el("div").class("tile").children([
//!         Node::el("div").class("label").text("回头客占比"),
//!         Node::el("div").class("figure").children([Node::el("span").class("value").text("45.7%")]),
//!         Node::el("div").class("detail").text("n = 223"),
//!     ]),
//! ]);
//! assert_eq!(plain::write(&tree, 80), "忠诚\n====\n\n  回头客占比  45.7%  n = 223\n");
//! ```

use super::Node;

/// Columns a character takes in a terminal: 2 for East Asian wide and full-width characters.
pub fn char_width(c: char) -> usize {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD
        // Emoji (reviews have them) take two columns too.
        | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF | 0x1FA70..=0x1FAFF);
    if wide {
        2
    } else if c.is_control() {
        0
    } else {
        1
    }
}

/// Columns a string takes in a terminal.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn class_of(n: &Node) -> &str {
    n.attrs.iter().find(|(k, _)| k == "class").map_or("", |(_, v)| v.as_str())
}

fn has_class(n: &Node, c: &str) -> bool {
    class_of(n).split_whitespace().any(|x| x == c)
}

/// `s` with every run of whitespace one space, trimmed.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text of a node and its descendants, whitespace collapsed, controls and charts left out.
fn inline(n: &Node) -> String {
    let mut out = String::new();
    collect(n, &mut out);
    squash(&out)
}

fn collect(n: &Node, out: &mut String) {
    if skipped(n) {
        return;
    }
    if let Some(t) = &n.text {
        out.push_str(t);
    }
    for c in &n.children {
        if is_block(&c.tag) && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        collect(c, out);
    }
}

fn skipped(n: &Node) -> bool {
    // A link within the page ("details" after a finding) leads nowhere in a terminal.
    let in_page = n.tag == "a" && n.attrs.iter().any(|(k, v)| k == "href" && v.starts_with('#'));
    in_page || n.svg || matches!(n.tag.as_str(), "button" | "select" | "option" | "input" | "textarea" | "script" | "style" | "summary" | "form") || has_class(n, "downloads") || has_class(n, "fix")
}

fn is_block(tag: &str) -> bool {
    matches!(tag, "div" | "p" | "section" | "figure" | "figcaption" | "ul" | "ol" | "li" | "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "blockquote" | "details" | "dl" | "dt" | "dd")
}

/// Wraps `text` to `cols` columns (at spaces; CJK text anywhere), each line after `indent`, the
/// first after `first` instead.
fn wrap(text: &str, cols: usize, first: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    let mut at_start = true;
    let limit = cols.max(20);
    for word in text.split(' ') {
        // A CJK run has no spaces: split it where it must.
        let mut rest = word;
        loop {
            let sep = if at_start { "" } else { " " };
            if width(&line) + width(sep) + width(rest) <= limit {
                line.push_str(sep);
                line.push_str(rest);
                at_start = false;
                break;
            }
            // Room left on this line for part of a wide word.
            let room = limit.saturating_sub(width(&line) + width(sep));
            let wide = rest.chars().any(|c| char_width(c) == 2);
            if wide && room >= 4 {
                let mut used = 0;
                let cut = rest.char_indices().find(|(_, c)| {
                    used += char_width(*c);
                    used > room
                });
                let cut = cut.map_or(rest.len(), |(i, _)| i);
                line.push_str(sep);
                line.push_str(&rest[..cut]);
                rest = &rest[cut..];
            } else if at_start {
                // A word longer than a line: on its own.
                line.push_str(rest);
                rest = "";
            }
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.to_string();
            at_start = true;
            if rest.is_empty() {
                break;
            }
        }
    }
    if !at_start || line.trim() != indent.trim() && !line.trim().is_empty() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The scorecard as the command line prints it: the page's scorecard in `lang` written for a
/// terminal of 100 columns, safe to print ([`printable`]).
pub fn report(lang: super::Lang, card: &crate::report::Scorecard, source: &super::render::Source) -> String {
    printable(&write(&super::render::scorecard(lang, card, source), 100)).into_owned()
}

/// `text` safe to print on a terminal: control characters other than newline and tab, and the
/// characters that reorder text (bidirectional overrides and isolates), written as `\u{..}`
/// escapes. Data from a file (a customer id, a product name, a review) can then never move the
/// cursor, recolour the terminal or disguise what is printed.
///
/// ```
/// use loyalty_scorecard::view::plain::printable;
/// assert_eq!(printable("caf\u{e9}\tok\n"), "café\tok\n");
/// assert_eq!(printable("evil\u{1b}[2J"), "evil\\u{1b}[2J");
/// assert_eq!(printable("a\u{202e}b"), "a\\u{202e}b");
/// ```
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    use std::fmt::Write as _;
    let unsafe_char = |c: char| (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.contains(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The tree as text, lines wrapped at `cols` columns.
pub fn write(node: &Node, cols: usize) -> String {
    let mut out = String::new();
    block(node, cols, 0, &mut out);
    // At most one blank line in a row; a figure's warning ("! only 10 customers …") said once
    // when the figure right after it has the same one (its wrapped lines too).
    let mut tidy = String::new();
    let mut blank = 0;
    let lines: Vec<&str> = out.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    // Each warning: its first line and its continuation lines (indented further).
    let warning_at = |i: usize| -> Option<(String, usize)> {
        let l = lines.get(i)?;
        if !l.trim_start().starts_with("! ") {
            return None;
        }
        let mut end = i + 1;
        while lines.get(end).is_some_and(|c| !c.trim().is_empty() && indent(c) > indent(l) && !c.trim_start().starts_with("! ")) {
            end += 1;
        }
        Some((lines[i..end].iter().map(|x| x.trim()).collect::<Vec<_>>().join(" "), end))
    };
    // The previous warning, and where it ended.
    let mut last: Option<(String, usize)> = None;
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if let Some((text, end)) = warning_at(i) {
            // The same warning as the one two lines up (one figure line between): left out.
            let repeat = last.as_ref().is_some_and(|(t, e)| *t == text && *e + 1 == i);
            last = Some((text, end));
            if repeat {
                i = end;
                continue;
            }
        }
        i += 1;
        if l.trim().is_empty() {
            blank += 1;
            if blank > 1 || tidy.is_empty() {
                continue;
            }
        } else {
            blank = 0;
        }
        tidy.push_str(l.trim_end());
        tidy.push('\n');
    }
    while tidy.ends_with("\n\n") {
        tidy.pop();
    }
    tidy
}

fn pad(depth: usize) -> String {
    "  ".repeat(depth)
}

fn block(n: &Node, cols: usize, depth: usize, out: &mut String) {
    if skipped(n) {
        return;
    }
    let indent = pad(depth);
    match n.tag.as_str() {
        "h1" | "h2" | "h3" => {
            let t = inline(n);
            let rule = if n.tag == "h3" { '=' } else { '#' };
            out.push('\n');
            out.push_str(&format!("{indent}{t}\n{indent}{}\n\n", rule.to_string().repeat(width(&t))));
        }
        "h4" | "h5" | "figcaption" | "dt" => {
            out.push('\n');
            out.push_str(&wrap(&inline(n), cols, &indent, &indent));
        }
        "table" => table(n, cols, depth, out),
        "ul" | "ol" => {
            let items = n.children.iter().filter(|c| c.tag == "li");
            for (i, li) in items.enumerate() {
                let mark = if n.tag == "ol" { format!("{}. ", i + 1) } else { "- ".to_string() };
                let first = format!("{indent}{mark}");
                let rest = format!("{indent}{}", " ".repeat(width(&mark)));
                // An item with blocks of its own (a quote and its source): its text, then them.
                if li.children.iter().any(|c| matches!(c.tag.as_str(), "ul" | "ol" | "table" | "blockquote")) {
                    let own: String = squash(li.text.as_deref().unwrap_or_default());
                    if !own.is_empty() {
                        out.push_str(&wrap(&own, cols, &first, &rest));
                    }
                    for c in &li.children {
                        block(c, cols, depth + 1, out);
                    }
                } else {
                    out.push_str(&wrap(&inline(li), cols, &first, &rest));
                }
            }
        }
        "blockquote" => {
            out.push_str(&wrap(&inline(n), cols, &format!("{indent}> "), &format!("{indent}> ")));
        }
        "div" if has_class(n, "tile") => {
            let part = |c: &str| {
                n.children.iter().find(|x| has_class(x, c)).map_or_else(String::new, |x| {
                    // The figure's value and unit are side by side on the page: a space here.
                    let parts: Vec<String> = x.children.iter().map(inline).filter(|s| !s.is_empty()).collect();
                    if parts.is_empty() {
                        inline(x)
                    } else {
                        parts.join(" ")
                    }
                })
            };
            let line = [part("label"), part("figure"), part("detail")].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("  ");
            out.push_str(&wrap(&line, cols, &format!("{indent}  "), &format!("{indent}      ")));
            let w = part("warn");
            if !w.is_empty() {
                out.push_str(&wrap(&w, cols, &format!("{indent}    ! "), &format!("{indent}      ")));
            }
        }
        "div" if has_class(n, "tiles") => {
            for c in &n.children {
                block(c, cols, depth, out);
            }
            out.push('\n');
        }
        _ => {
            let blocks = n.children.iter().any(|c| is_block(&c.tag) && !skipped(c));
            if !blocks {
                let t = inline(n);
                if !t.is_empty() {
                    if matches!(n.tag.as_str(), "p" | "div" | "figure" | "section" | "details" | "li" | "dd") {
                        out.push_str(&wrap(&t, cols, &indent, &indent));
                        if n.tag == "p" {
                            out.push('\n');
                        }
                    } else {
                        out.push_str(&wrap(&t, cols, &indent, &indent));
                    }
                }
                return;
            }
            if let Some(t) = n.text.as_deref().filter(|t| !t.trim().is_empty()) {
                out.push_str(&wrap(&squash(t), cols, &indent, &indent));
            }
            // Inline children between blocks are gathered into one paragraph.
            let mut run = String::new();
            let flush = |run: &mut String, out: &mut String| {
                let t = squash(run);
                if !t.is_empty() {
                    out.push_str(&wrap(&t, cols, &indent, &indent));
                }
                run.clear();
            };
            for c in &n.children {
                if is_block(&c.tag) || skipped(c) {
                    flush(&mut run, out);
                    block(c, cols, depth, out);
                } else {
                    run.push(' ');
                    run.push_str(&inline(c));
                }
            }
            flush(&mut run, out);
            if matches!(n.tag.as_str(), "section" | "figure") {
                out.push('\n');
            }
        }
    }
}

fn table(n: &Node, cols_max: usize, depth: usize, out: &mut String) {
    let mut rows: Vec<(Vec<String>, Vec<bool>)> = Vec::new();
    let mut visit = |tr: &Node| {
        let cells: Vec<&Node> = tr.children.iter().filter(|c| c.tag == "td" || c.tag == "th").collect();
        rows.push((cells.iter().map(|c| inline(c)).collect(), cells.iter().map(|c| has_class(c, "num")).collect()));
    };
    for part in &n.children {
        if part.tag == "tr" {
            visit(part);
        } else {
            for tr in part.children.iter().filter(|c| c.tag == "tr") {
                visit(tr);
            }
        }
    }
    // A long table (a chart's hundred points, a list of fifty customers) shows its first rows
    // and how many more there are; the JSON output has them all.
    let head = n.children.iter().any(|c| c.tag == "thead");
    let body = rows.len() - usize::from(head);
    let more = body.saturating_sub(LONG_TABLE_SHOWN);
    if body > LONG_TABLE {
        rows.truncate(usize::from(head) + LONG_TABLE_SHOWN);
    }
    let more = if body > LONG_TABLE { more } else { 0 };
    let cols = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let mut widths = vec![0usize; cols];
    for (cells, _) in &rows {
        for (i, c) in cells.iter().enumerate() {
            widths[i] = widths[i].max(width(c));
        }
    }
    let indent = pad(depth + 1);
    let more_line = |out: &mut String| {
        if more > 0 {
            out.push_str(&format!("{indent}… +{more}\n"));
        }
    };
    // Too wide for the terminal (long notes in a cell, many columns): each row as a small block,
    // its first cell then each other cell under its column's name.
    if width(&indent) + widths.iter().sum::<usize>() + 2 * cols.saturating_sub(1) > cols_max {
        let names: Vec<String> = if head { rows.first().map(|r| r.0.clone()).unwrap_or_default() } else { Vec::new() };
        for (cells, _) in rows.iter().skip(usize::from(head)) {
            let Some(first) = cells.first() else { continue };
            out.push_str(&wrap(first, cols_max, &format!("{indent}- "), &format!("{indent}  ")));
            for (i, c) in cells.iter().enumerate().skip(1).filter(|(_, c)| !c.is_empty() && c.as_str() != "–") {
                let line = match names.get(i).filter(|h| !h.is_empty()) {
                    Some(h) => format!("{h}: {c}"),
                    None => c.clone(),
                };
                out.push_str(&wrap(&line, cols_max, &format!("{indent}    "), &format!("{indent}      ")));
            }
        }
        more_line(out);
        out.push('\n');
        return;
    }
    for (r, (cells, num)) in rows.iter().enumerate() {
        let mut line = indent.clone();
        for (i, c) in cells.iter().enumerate() {
            let gap = " ".repeat(widths[i].saturating_sub(width(c)));
            if num.get(i).copied().unwrap_or(false) {
                line.push_str(&gap);
                line.push_str(c);
            } else {
                line.push_str(c);
                line.push_str(&gap);
            }
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
        if r == 0 && head {
            out.push_str(&format!("{indent}{}\n", "-".repeat(widths.iter().sum::<usize>() + 2 * cols.saturating_sub(1))));
        }
    }
    more_line(out);
    out.push('\n');
}

/// Body rows above which a table is cut to its first [`LONG_TABLE_SHOWN`].
const LONG_TABLE: usize = 24;
const LONG_TABLE_SHOWN: usize = 12;

#[cfg(test)]
mod tests {
    use super::*;

    /// A warning shared by a figure and the one right after it is printed once, wrapped lines
    /// and all; the same warning after a figure without one is printed again.
    #[test]
    fn a_shared_warning_is_said_once() {
        let tile = |label: &str, warning: Option<&str>| {
            let t = Node::el("div").class("tile").children([Node::el("div").class("label").text(label), Node::el("div").class("figure").children([Node::el("span").class("value").text("1")])]);
            match warning {
                Some(w) => t.child(Node::el("div").class("warn").text(w)),
                None => t,
            }
        };
        let long = "only 10 customers: read this figure as a rough indication, and more words so that it wraps onto a second line";
        let tree = Node::el("section").children([tile("A", Some(long)), tile("B", Some(long)), tile("C", None), tile("D", Some(long))]);
        let text = write(&tree, 60);
        assert_eq!(text.matches("! only 10 customers").count(), 2, "{text}");
        assert_eq!(text.matches("second line").count(), 2, "{text}");
        assert!(text.find("  D").unwrap() < text.rfind("! only").unwrap(), "{text}");
    }

    #[test]
    fn chinese_lines_wrap_at_their_width() {
        let text = "过去一年的 1,279 位购买者中，有 930 位已超过 114 天未下单；多留住其中 5.0%，每年约可多 7,069.59 EUR 销售额。";
        let w = wrap(text, 30, "", "");
        assert!(w.lines().all(|l| width(l) <= 30), "{w}");
        assert_eq!(w.replace('\n', " ").split_whitespace().collect::<String>(), text.split_whitespace().collect::<String>());
    }

    #[test]
    fn tables_line_up_by_display_width() {
        let t = Node::el("table").children([
            Node::el("thead").child(Node::el("tr").children([Node::el("th").text("指标"), Node::el("th").text("n")])),
            Node::el("tbody").children([
                Node::el("tr").children([Node::el("td").text("平均评分"), Node::el("td").class("num").text("3.93")]),
                Node::el("tr").children([Node::el("td").text("NPS"), Node::el("td").class("num").text("12")]),
            ]),
        ]);
        let s = write(&t, 80);
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines.len(), 4, "{s}");
        // Right-aligned numbers end in the same column.
        assert_eq!(width(lines[2]), width(lines[3]), "{s}");
    }

    #[test]
    fn emoji_are_wide_and_text_with_line_breaks_keeps_its_indent() {
        assert_eq!(width("好 👍"), 5);
        let t = Node::el("ul").child(Node::el("li").text("first\nsecond").child(Node::el("blockquote").text("quoted")));
        let s = write(&t, 80);
        assert!(s.lines().all(|l| l.starts_with("- ") || l.starts_with("  ")), "{s}");
        assert!(s.contains("first second"), "{s}");
    }

    #[test]
    fn controls_and_charts_are_left_out() {
        let t = Node::el("figure").children([
            Node::el("figcaption").text("Cohorts"),
            Node::svg("svg").child(Node::svg("text").text("M0")),
            Node::el("div").class("downloads").child(Node::el("button").text("SVG")),
            Node::el("details").children([Node::el("summary").text("Table"), Node::el("p").text("data")]),
        ]);
        let s = write(&t, 80);
        assert!(s.contains("Cohorts") && s.contains("data"), "{s}");
        assert!(!s.contains("M0") && !s.contains("SVG") && !s.contains("Table"), "{s}");
    }
}
