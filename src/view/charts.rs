//! Small SVG charts, each with a text alternative, focusable marks that show their values, and
//! the same numbers as a table behind a disclosure. Plain SVG: no chart library to download.

use super::node::Node;

/// One bar or point: label, value, and the text shown on hover/focus.
pub struct Mark {
    pub label: String,
    pub value: f64,
    pub tip: String,
}

/// A table: header cells and rows of cells (numbers right-aligned when `numeric[i]`).
pub struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub numeric: Vec<bool>,
}

/// The table as a `<details>` disclosure.
pub fn table_disclosure(summary: &str, table: &Table) -> Node {
    Node::el("details").children([Node::el("summary").text(summary), table_node(table)])
}

/// A plain table.
pub fn table_node(table: &Table) -> Node {
    let num = |i: usize| table.numeric.get(i).copied().unwrap_or(false);
    Node::el("table").children([
        Node::el("thead").child(Node::el("tr").children(table.head.iter().map(|h| Node::el("th").attr("scope", "col").text(h)))),
        Node::el("tbody").children(table.rows.iter().map(|r| {
            Node::el("tr").children(r.iter().enumerate().map(|(i, c)| {
                let td = Node::el("td").text(c);
                if num(i) {
                    td.class("num")
                } else {
                    td
                }
            }))
        })),
    ])
}

fn f1(v: f64) -> String {
    format!("{v:.1}")
}

/// The room a chart has on the page, in CSS pixels: the width of a chart panel alone on its row,
/// and of each of two panels side by side (`None` when panels do not share rows at this width).
/// Measured by the page; unknown natively (charts are then drawn at their own sizes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Room {
    pub solo: f64,
    pub paired: Option<f64>,
}

thread_local! {
    static ROOM: std::cell::Cell<Option<Room>> = const { std::cell::Cell::new(None) };
}

/// Narrowest width a chart is drawn at (in a narrower panel it shrinks with the panel).
const MIN_DRAWN: f64 = 240.0;

/// Sets the room charts are drawn for on this thread (the worker's, as the page measures it).
pub fn set_room(room: Option<Room>) {
    ROOM.with(|r| r.set(room.filter(|r| r.solo.is_finite() && r.solo > 0.0)));
}

/// Runs `f` with charts drawn for `room`, then restores the room before.
pub fn with_room<R>(room: Option<Room>, f: impl FnOnce() -> R) -> R {
    let before = ROOM.with(std::cell::Cell::get);
    set_room(room);
    let out = f();
    set_room(before);
    out
}

/// The width a chart whose own width is `own` is drawn at: no wider than the narrowest panel
/// of the room (it is widened to its panel afterwards by [`fit_to_room`], never narrowed, so
/// its labels keep their spacing and 12 px size).
pub(crate) fn drawn_width(own: f64) -> f64 {
    match ROOM.with(std::cell::Cell::get) {
        None => own,
        Some(r) => own.min(r.paired.map_or(r.solo, |p| p.min(r.solo))).max(MIN_DRAWN),
    }
}

/// One key of a chart's legend at (`x`, `y`): the line's colour and its name. Placed as a
/// whole, so that a widened chart keeps its legend as drawn.
pub(crate) fn legend_key(x: f64, y: f64, class: &str, name: &str) -> Node {
    Node::svg("g")
        .attr("transform", &format!("translate({} {})", f1(x), f1(y)))
        .children([Node::svg("rect").class(&format!("key {class}")).attr("x", "0").attr("y", "0").attr("width", "12").attr("height", "4"), Node::svg("text").attr("x", "16").attr("y", "6").text(name)])
}

/// Where each of the legend keys named `names` goes in a chart `w` wide, from (`x0`, `y0`):
/// side by side, a new row (14 units lower) when the next would not fit; and how far down the
/// last row is.
pub(crate) fn legend_places(names: &[&str], x0: f64, y0: f64, w: f64) -> (Vec<(f64, f64)>, f64) {
    let mut keys = Vec::with_capacity(names.len());
    let (mut lx, mut ly) = (x0, y0);
    for name in names {
        let width = 16.0 + label_width(name) + 14.0;
        if lx > x0 && lx + width > w {
            (lx, ly) = (x0, ly + 14.0);
        }
        keys.push((lx, ly));
        lx += width;
    }
    (keys, ly)
}

fn has_class(n: &Node, class: &str) -> bool {
    n.attrs.iter().any(|(k, v)| k == "class" && v.split_whitespace().any(|c| c == class))
}

/// Widens every chart of `tree` to the room of its panel: a chart panel next to another in a
/// section shares the row with it when the room says panels pair (as the widget's style lays
/// them out), any other takes the whole width. The marks spread out; the text keeps its size.
/// Without a room, nothing changes.
pub fn fit_to_room(tree: &mut Node) {
    if let Some(room) = ROOM.with(std::cell::Cell::get) {
        fit(tree, room);
    }
}

fn fit(node: &mut Node, room: Room) {
    let panel: Vec<bool> = node.children.iter().map(|c| c.tag == "figure" && has_class(c, "panel")).collect();
    let pairs = has_class(node, "section");
    for i in 0..node.children.len() {
        if panel[i] {
            let next_to_one = (i > 0 && panel[i - 1]) || panel.get(i + 1).copied().unwrap_or(false);
            let width = match room.paired {
                Some(p) if pairs && next_to_one => p,
                _ => room.solo,
            };
            widen_charts(&mut node.children[i], width);
        } else {
            fit(&mut node.children[i], room);
        }
    }
}

fn widen_charts(node: &mut Node, width: f64) {
    if node.svg && node.tag == "svg" && has_class(node, "chart") {
        widen(node, width);
    } else {
        for c in &mut node.children {
            widen_charts(c, width);
        }
    }
}

/// Stretches chart `svg` (drawn `w` units wide) to `width` units along x, and gives it that
/// size in pixels.
fn widen(svg: &mut Node, width: f64) {
    let Some((w, h)) = svg.attrs.iter().find(|(k, _)| k == "viewBox").and_then(|(_, v)| {
        let mut it = v.split_whitespace().skip(2).map(|x| x.parse::<f64>().ok());
        Some((it.next()??, it.next()??))
    }) else {
        return;
    };
    let k = width / w;
    if k > 1.0 + 1e-6 {
        for c in &mut svg.children {
            stretch(c, k);
        }
        set_attr(svg, "viewBox", &format!("0 0 {} {h}", f1(width)));
        set_attr(svg, "width", &f1(width));
    }
}

fn set_attr(n: &mut Node, name: &str, value: &str) {
    match n.attrs.iter_mut().find(|(k, _)| k == name) {
        Some(a) => a.1 = value.to_string(),
        None => n.attrs.push((name.to_string(), value.to_string())),
    }
}

/// Multiplies the x coordinates (and widths) of `n` and its children by `k`; a legend key keeps
/// its width, a rotated label its place.
fn stretch(n: &mut Node, k: f64) {
    if n.attrs.iter().any(|(a, _)| a == "transform") {
        return;
    }
    let key = has_class(n, "key");
    for (name, value) in &mut n.attrs {
        match name.as_str() {
            "x" | "x1" | "x2" | "cx" => {
                if let Ok(v) = value.parse::<f64>() {
                    *value = f1(v * k);
                }
            }
            "width" if !key => {
                if let Ok(v) = value.parse::<f64>() {
                    *value = f1(v * k);
                }
            }
            "points" => {
                let pts: Vec<String> = value
                    .split_whitespace()
                    .map(|p| match p.split_once(',').and_then(|(x, y)| Some((x.parse::<f64>().ok()?, y))) {
                        Some((x, y)) => format!("{},{y}", f1(x * k)),
                        None => p.to_string(),
                    })
                    .collect();
                *value = pts.join(" ");
            }
            _ => {}
        }
    }
    for c in &mut n.children {
        stretch(c, k);
    }
}

/// Width of one character of an axis label (12 px sans-serif in the chart's units: digits,
/// dashes and Latin letters are at most about 0.64 em, DejaVu Sans's digits being among the
/// widest; CJK characters count twice).
const CHAR_W: f64 = 7.7;
/// Space kept between two axis labels.
const LABEL_GAP: f64 = 8.0;

/// Width of an axis label in the chart's units.
pub(crate) fn label_width(label: &str) -> f64 {
    label.chars().map(|c| if c.is_ascii() { CHAR_W } else { 2.0 * CHAR_W }).sum()
}

/// Which of `n` evenly spaced axis labels (`spacing` units apart, the widest `widest` units) to
/// show so that none runs into the next: every step-th from the first, and always the last (the
/// one before it is dropped when the two would touch). `edge`: how far the last label is moved
/// in to stay inside the chart, which brings it that much closer to the one before.
pub(crate) fn spaced_labels(n: usize, widest: f64, spacing: f64, edge: f64) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let need = widest + LABEL_GAP;
    let step = if spacing > 0.0 { ((need / spacing).ceil() as usize).max(1) } else { n };
    let mut shown: Vec<usize> = (0..n - 1).step_by(step).collect();
    while shown.last().is_some_and(|&l| ((n - 1 - l) as f64) * spacing - edge.max(0.0) < need) && shown.len() > 1 {
        shown.pop();
    }
    if shown.last() != Some(&(n - 1)) {
        shown.push(n - 1);
    }
    shown
}

/// A panel: caption, chart, optional note, table disclosure, and download buttons (the chart
/// as SVG or PNG, its table as CSV; made in the page by the widget).
pub fn panel(id: &str, title: &str, chart: Node, note: Option<&str>, table_label: &str, table: &Table) -> Node {
    let button = |role: &str, what: &str| Node::el("button").attr("type", "button").class("download").attr("data-role", role).attr("aria-label", &format!("{title}: {what}")).text(what);
    let downloads = Node::el("div").class("downloads").children([button("download-svg", "SVG"), button("download-png", "PNG"), button("download-csv", "CSV")]);
    let mut fig = Node::el("figure").class("panel").attr("data-chart", id).children([Node::el("figcaption").text(title), chart, downloads]);
    if let Some(n) = note {
        fig = fig.child(Node::el("p").class("note").text(n));
    }
    fig.child(table_disclosure(table_label, table))
}

/// Vertical bars with value labels. `desc` is the chart's text alternative.
pub fn bars(desc: &str, marks: &[Mark], value_text: &dyn Fn(f64) -> String) -> Node {
    let (w, h, pad_b, pad_t) = (drawn_width(420.0), 200.0, 28.0, 22.0);
    let max = marks.iter().map(|m| m.value).fold(0.0_f64, f64::max).max(f64::MIN_POSITIVE);
    let slot = (w - 8.0) / marks.len().max(1) as f64;
    let bw = (slot - 8.0).max(2.0);
    let mut svg = Node::svg("svg").attr("viewBox", &format!("0 0 {w} {h}")).attr("width", &f1(w)).attr("role", "img").attr("aria-label", desc).class("chart");
    let small = marks.len() > 12;
    for (i, m) in marks.iter().enumerate() {
        let bh = (h - pad_b - pad_t) * (m.value.max(0.0) / max);
        let x = 8.0 + i as f64 * slot + 4.0;
        let y = h - pad_b - bh;
        let cx = x + bw / 2.0;
        let mut g = Node::svg("g")
            .attr("tabindex", "0")
            .attr("role", "img")
            .attr("aria-label", &m.tip)
            .class("bar")
            .children([Node::svg("title").text(&m.tip), Node::svg("rect").attr("x", &f1(x)).attr("y", &f1(y)).attr("width", &f1(bw)).attr("height", &f1(bh))]);
        if !small {
            g = g.child(Node::svg("text").attr("x", &f1(cx)).attr("y", &f1(y - 5.0)).attr("text-anchor", "middle").class("v").text(&value_text(m.value)));
        }
        if !small || i % ((marks.len() / 8).max(1)) == 0 {
            g = g.child(Node::svg("text").attr("x", &f1(cx)).attr("y", &f1(h - 9.0)).attr("text-anchor", "middle").text(&m.label));
        }
        svg = svg.child(g);
    }
    svg
}

/// Horizontal bars (long labels on the left).
pub fn hbars(desc: &str, marks: &[Mark], value_text: &dyn Fn(f64) -> String) -> Node {
    let row = 22.0;
    let (w, label_w) = (drawn_width(460.0), 150.0);
    let h = row * marks.len() as f64 + 8.0;
    let max = marks.iter().map(|m| m.value).fold(0.0_f64, f64::max).max(f64::MIN_POSITIVE);
    let mut svg = Node::svg("svg").attr("viewBox", &format!("0 0 {w} {h}")).attr("width", &f1(w)).attr("role", "img").attr("aria-label", desc).class("chart");
    for (i, m) in marks.iter().enumerate() {
        let y = 4.0 + i as f64 * row;
        let bw = (w - label_w - 60.0) * (m.value.max(0.0) / max);
        svg = svg.child(Node::svg("g").attr("tabindex", "0").attr("role", "img").attr("aria-label", &m.tip).class("bar").children([
            Node::svg("title").text(&m.tip),
            Node::svg("text").attr("x", &f1(label_w - 6.0)).attr("y", &f1(y + 15.0)).attr("text-anchor", "end").text(&m.label),
            Node::svg("rect").attr("x", &f1(label_w)).attr("y", &f1(y + 3.0)).attr("width", &f1(bw.max(1.0))).attr("height", "15"),
            Node::svg("text").attr("x", &f1(label_w + bw + 5.0)).attr("y", &f1(y + 15.0)).class("v").text(&value_text(m.value)),
        ]));
    }
    svg
}

/// One line of a line chart.
pub struct Series<'a> {
    pub name: &'a str,
    /// CSS class of the line (s1, s2, s3).
    pub class: &'a str,
    pub values: Vec<Option<f64>>,
}

/// Lines over shared x labels, y from 0 to the maximum (or `y_max`), with a legend.
pub fn lines(desc: &str, x_labels: &[String], series: &[Series<'_>], y_max: Option<f64>, value_text: &dyn Fn(f64) -> String) -> Node {
    let (w, pad_l, pad_r, pad_b) = (drawn_width(460.0), 44.0, 10.0, 26.0);
    // The legend: each key as wide as its name, a new row when the next would not fit.
    let names: Vec<&str> = series.iter().map(|s| s.name).collect();
    let (keys, ly) = legend_places(&names, if w < 400.0 { 8.0 } else { pad_l + 8.0 }, 6.0, w);
    let pad_t = 18.0 + ly;
    let h = 204.0 + ly;
    let max = y_max.unwrap_or_else(|| series.iter().flat_map(|s| s.values.iter().flatten()).copied().fold(0.0_f64, f64::max)).max(f64::MIN_POSITIVE);
    let n = x_labels.len().max(2);
    let x = |i: usize| pad_l + (w - pad_l - pad_r) * i as f64 / (n - 1) as f64;
    let y = |v: f64| h - pad_b - (h - pad_b - pad_t) * (v / max).clamp(0.0, 1.0);
    let mut svg = Node::svg("svg").attr("viewBox", &format!("0 0 {w} {h}")).attr("width", &f1(w)).attr("role", "img").attr("aria-label", desc).class("chart lines");
    for frac in [0.0, 0.5, 1.0] {
        let v = max * frac;
        svg = svg.children([
            Node::svg("line").class("grid").attr("x1", &f1(pad_l)).attr("x2", &f1(w - pad_r)).attr("y1", &f1(y(v))).attr("y2", &f1(y(v))),
            Node::svg("text").attr("x", &f1(pad_l - 4.0)).attr("y", &f1(y(v) + 4.0)).attr("text-anchor", "end").text(&value_text(v)),
        ]);
    }
    // As many labels as fit side by side, each kept inside the chart.
    let widest = x_labels.iter().map(|l| label_width(l)).fold(0.0, f64::max);
    let spacing = (w - pad_l - pad_r) / (n - 1) as f64;
    let edge = x_labels.last().map_or(0.0, |l| label_width(l) / 2.0 - pad_r);
    for i in spaced_labels(x_labels.len(), widest, spacing, edge) {
        let half = label_width(&x_labels[i]) / 2.0;
        let cx = x(i).clamp(half.min(w / 2.0), (w - half).max(w / 2.0));
        svg = svg.child(Node::svg("text").attr("x", &f1(cx)).attr("y", &f1(h - 8.0)).attr("text-anchor", "middle").text(&x_labels[i]));
    }
    for (si, s) in series.iter().enumerate() {
        let pts: Vec<String> = s.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| format!("{},{}", f1(x(i)), f1(y(v))))).collect();
        svg = svg.child(Node::svg("polyline").class(&format!("line {}", s.class)).attr("points", &pts.join(" ")));
        for (i, v) in s.values.iter().enumerate() {
            if let Some(v) = v {
                let tip = format!("{} · {}: {}", x_labels.get(i).map(String::as_str).unwrap_or(""), s.name, value_text(*v));
                svg = svg.child(
                    Node::svg("g")
                        .attr("tabindex", "0")
                        .attr("role", "img")
                        .attr("aria-label", &tip)
                        .class(&format!("pt {}", s.class))
                        .children([Node::svg("title").text(&tip), Node::svg("circle").attr("cx", &f1(x(i))).attr("cy", &f1(y(*v))).attr("r", "3.5")]),
                );
            }
        }
        let (lx, ly) = keys[si];
        svg = svg.child(legend_key(lx, ly, s.class, s.name));
    }
    svg
}

/// One point of a scatter chart.
pub struct Point {
    pub label: String,
    pub x: f64,
    pub y: f64,
    pub tip: String,
}

/// Scatter plot on [0, x_max] × [0, y_max] with cross-hairs (importance-performance grid),
/// quadrant names in the corners (top-left, top-right, bottom-left, bottom-right).
pub fn scatter(desc: &str, points: &[Point], axes: (&str, &str), cross: (f64, f64), max: (f64, f64), corners: [&str; 4]) -> Node {
    let (w, h, pad_l, pad_b, pad_t, pad_r) = (drawn_width(460.0), 300.0, 40.0, 34.0, 10.0, 10.0);
    // Zoom to the data (and the cross-hairs) with a margin, within [0, max].
    let domain = |vals: &mut dyn Iterator<Item = f64>, c: f64, m: f64| {
        let (mut lo, mut hi) = (c, c);
        for v in vals {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        let pad = ((hi - lo) * 0.25).max(m * 0.05);
        ((lo - pad).max(0.0), (hi + pad).min(m))
    };
    let (x0, x1) = domain(&mut points.iter().map(|p| p.x), cross.0, max.0);
    let (y0, y1) = domain(&mut points.iter().map(|p| p.y), cross.1, max.1);
    let x = |v: f64| pad_l + (w - pad_l - pad_r) * ((v - x0) / (x1 - x0).max(f64::MIN_POSITIVE)).clamp(0.0, 1.0);
    let y = |v: f64| h - pad_b - (h - pad_b - pad_t) * ((v - y0) / (y1 - y0).max(f64::MIN_POSITIVE)).clamp(0.0, 1.0);
    // Two corner names that would run into each other on a narrow chart: the right one a line
    // lower (at the top) or the left one a line higher (at the bottom).
    let clash = |a: &str, b: &str| label_width(a) + label_width(b) + 16.0 > w - pad_l - pad_r;
    let top_down = if clash(corners[0], corners[1]) { 14.0 } else { 0.0 };
    let bottom_up = if clash(corners[2], corners[3]) { 14.0 } else { 0.0 };
    let mut svg = Node::svg("svg").attr("viewBox", &format!("0 0 {w} {h}")).attr("width", &f1(w)).attr("role", "img").attr("aria-label", desc).class("chart scatter");
    svg = svg.children([
        Node::svg("rect").class("frame").attr("x", &f1(pad_l)).attr("y", &f1(pad_t)).attr("width", &f1(w - pad_l - pad_r)).attr("height", &f1(h - pad_t - pad_b)),
        Node::svg("line").class("cross").attr("x1", &f1(x(cross.0))).attr("x2", &f1(x(cross.0))).attr("y1", &f1(pad_t)).attr("y2", &f1(h - pad_b)),
        Node::svg("line").class("cross").attr("x1", &f1(pad_l)).attr("x2", &f1(w - pad_r)).attr("y1", &f1(y(cross.1))).attr("y2", &f1(y(cross.1))),
        Node::svg("text").attr("x", &f1((pad_l + w) / 2.0)).attr("y", &f1(h - 6.0)).attr("text-anchor", "middle").text(axes.0),
        Node::svg("text").attr("x", &f1(pad_l)).attr("y", &f1(h - 20.0)).text(&f1(x0)),
        Node::svg("text").attr("x", &f1(w - pad_r)).attr("y", &f1(h - 20.0)).attr("text-anchor", "end").text(&f1(x1)),
        Node::svg("text").attr("x", &f1(pad_l - 4.0)).attr("y", &f1(h - pad_b)).attr("text-anchor", "end").text(&f1(y0)),
        Node::svg("text").attr("x", &f1(pad_l - 4.0)).attr("y", &f1(pad_t + 8.0)).attr("text-anchor", "end").text(&f1(y1)),
        Node::svg("text").attr("x", "12").attr("y", &f1(h / 2.0)).attr("text-anchor", "middle").attr("transform", &format!("rotate(-90 12 {})", f1(h / 2.0))).text(axes.1),
        Node::svg("text").class("corner").attr("x", &f1(pad_l + 4.0)).attr("y", &f1(pad_t + 12.0)).text(corners[0]),
        Node::svg("text").class("corner").attr("x", &f1(w - pad_r - 4.0)).attr("y", &f1(pad_t + 12.0 + top_down)).attr("text-anchor", "end").text(corners[1]),
        Node::svg("text").class("corner").attr("x", &f1(pad_l + 4.0)).attr("y", &f1(h - pad_b - 6.0 - bottom_up)).text(corners[2]),
        Node::svg("text").class("corner").attr("x", &f1(w - pad_r - 4.0)).attr("y", &f1(h - pad_b - 6.0)).attr("text-anchor", "end").text(corners[3]),
    ]);
    for p in points {
        svg = svg.child(Node::svg("g").attr("tabindex", "0").attr("role", "img").attr("aria-label", &p.tip).class("pt s1").children([
            Node::svg("title").text(&p.tip),
            Node::svg("circle").attr("cx", &f1(x(p.x))).attr("cy", &f1(y(p.y))).attr("r", "5"),
            Node::svg("text").attr("x", &f1(x(p.x) + 7.0)).attr("y", &f1(y(p.y) + 4.0)).text(&p.label),
        ]));
    }
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_labels_never_run_into_each_other() {
        // 26 weekly dates on the line chart's plot width (406 units): about 5 fit.
        for n in [1, 2, 5, 12, 18, 26, 53, 80] {
            let spacing = 406.0 / (n.max(2) - 1) as f64;
            // The last label moved in by half its width less the right padding (10), as drawn.
            let edge = label_width("2025-01-06") / 2.0 - 10.0;
            let shown = spaced_labels(n, label_width("2025-01-06"), spacing, edge);
            assert_eq!(shown.last(), Some(&(n - 1)), "n={n}: the last label is shown");
            assert_eq!(shown[0], 0, "n={n}: the first label is shown");
            for pair in shown.windows(2) {
                let moved = if pair[1] == n - 1 { edge } else { 0.0 };
                let gap = (pair[1] - pair[0]) as f64 * spacing - moved;
                assert!(gap >= label_width("2025-01-06") + LABEL_GAP, "n={n}: labels {pair:?} are {gap} apart");
            }
        }
        // Twelve month labels: every other one fits.
        assert_eq!(spaced_labels(12, label_width("2025-01"), 406.0 / 11.0, 0.0).len(), 6);
        assert_eq!(spaced_labels(6, label_width("Jan"), 406.0 / 5.0, 0.0), vec![0, 1, 2, 3, 4, 5]);
    }

    fn has_class_list(n: &Node, classes: &str) -> bool {
        n.attrs.iter().any(|(k, v)| k == "class" && v == classes)
    }

    /// Widened to its panel, a chart keeps its text and legend as drawn and spreads its marks;
    /// a chart is never narrowed, and without a room nothing changes.
    #[test]
    fn charts_widen_to_their_panels() {
        let marks: Vec<Mark> = (0..4).map(|i| Mark { label: format!("m{i}"), value: f64::from(i + 1), tip: String::new() }).collect();
        let series = [Series { name: "New", class: "s1", values: vec![Some(1.0), Some(3.0)] }];
        let tree = |room: Option<Room>| {
            with_room(room, || {
                let mut section = Node::el("section").class("section").children([
                    panel("a", "A", bars("d", &marks, &|v| format!("{v}")), None, "t", &Table { head: vec![], rows: vec![], numeric: vec![] }),
                    panel("b", "B", lines("d", &["x".into(), "y".into()], &series, None, &|v| format!("{v}")), None, "t", &Table { head: vec![], rows: vec![], numeric: vec![] }),
                    Node::el("p"),
                    panel("c", "C", bars("d", &marks, &|v| format!("{v}")), None, "t", &Table { head: vec![], rows: vec![], numeric: vec![] }),
                ]);
                fit_to_room(&mut section);
                section
            })
        };
        let width = |n: &Node, id: &str| -> String {
            let svg = n.find("data-chart", id).unwrap().children.iter().find(|c| c.tag == "svg").unwrap();
            svg.attrs.iter().find(|(k, _)| k == "width").unwrap().1.clone()
        };
        // No room (natively): each chart at its own width.
        let plain = tree(None);
        assert_eq!((width(&plain, "a"), width(&plain, "b"), width(&plain, "c")), ("420.0".into(), "460.0".into(), "420.0".into()));
        // Side by side at 500 each, alone at 1010.
        let wide = tree(Some(Room { solo: 1010.0, paired: Some(500.0) }));
        assert_eq!((width(&wide, "a"), width(&wide, "b"), width(&wide, "c")), ("500.0".into(), "500.0".into(), "1010.0".into()));
        let svg_c = wide.find("data-chart", "c").unwrap().children.iter().find(|c| c.tag == "svg").unwrap();
        assert!(svg_c.attrs.contains(&("viewBox".into(), "0 0 1010.0 200".into())), "{:?}", svg_c.attrs);
        // Marks spread out (the last bar's x), text keeps its size (no font change), the legend
        // keeps its place.
        let x_of = |n: &Node, id: &str| n.find("data-chart", id).unwrap().find_all("class", "bar").last().unwrap().children[1].attrs.iter().find(|(k, _)| k == "x").unwrap().1.parse::<f64>().unwrap();
        assert!((x_of(&wide, "c") / x_of(&plain, "c") - 1010.0 / 420.0).abs() < 0.01);
        let key = |n: &Node| n.find("data-chart", "b").unwrap().find_all("class", "key s1")[0].attrs.clone();
        assert_eq!(key(&wide), key(&plain));
        // Narrow (a phone): drawn at the panel's width, not widened or narrowed after.
        let narrow = tree(Some(Room { solo: 300.0, paired: None }));
        assert_eq!((width(&narrow, "a"), width(&narrow, "b"), width(&narrow, "c")), ("300.0".into(), "300.0".into(), "300.0".into()));
    }

    /// A legend of long names wraps to further rows: every key and its name stay inside the
    /// chart, none overlaps the next, and the plot starts below the last row.
    #[test]
    fn legend_keys_fit_and_never_overlap() {
        let names = ["Actual", "Predicted BG/NBD", "Predicted MBG/NBD", "Predicted Pareto/NBD"];
        let series: Vec<Series> = names.iter().zip(["s2", "s1", "s3", "s4"]).map(|(name, class)| Series { name, class, values: vec![Some(1.0), Some(2.0)] }).collect();
        let svg = lines("d", &["a".to_string(), "b".to_string()], &series, None, &|v| format!("{v}"));
        let keys = svg.find_all("class", "key s2").len() + svg.find_all("class", "key s1").len() + svg.find_all("class", "key s3").len() + svg.find_all("class", "key s4").len();
        assert_eq!(keys, 4);
        // A key is placed by its group's translate(x y).
        let at = |class: &str| -> (f64, f64) {
            let g = svg.children.iter().find(|g| g.children.iter().any(|c| has_class_list(c, class))).expect("a key's group");
            let t = g.attrs.iter().find(|(k, _)| k == "transform").map(|(_, v)| v.clone()).unwrap_or_default();
            let nums: Vec<f64> = t.trim_start_matches("translate(").trim_end_matches(')').split_whitespace().filter_map(|v| v.parse().ok()).collect();
            (nums[0], nums[1])
        };
        let boxes: Vec<(f64, f64, f64)> = names
            .iter()
            .zip(["key s2", "key s1", "key s3", "key s4"])
            .map(|(name, c)| {
                let (x, y) = at(c);
                (x, x + 16.0 + label_width(name), y)
            })
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            assert!(a.1 <= 460.0, "{} runs out of the chart", names[i]);
            for b in &boxes[i + 1..] {
                assert!(a.2 != b.2 || a.1 <= b.0 || b.1 <= a.0, "keys overlap");
            }
        }
        assert!(boxes.iter().any(|b| b.2 > 6.0), "a second row");
    }
}
