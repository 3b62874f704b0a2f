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
                if num(i) { td.class("num") } else { td }
            }))
        })),
    ])
}

fn f1(v: f64) -> String {
    format!("{v:.1}")
}

/// Width of one character of an axis label (12 px sans-serif in the chart's units: digits,
/// dashes and Latin letters are at most about 0.64 em, DejaVu Sans's digits being among the
/// widest; CJK characters count twice).
const CHAR_W: f64 = 7.7;
/// Space kept between two axis labels.
const LABEL_GAP: f64 = 8.0;

/// Width of an axis label in the chart's units.
fn label_width(label: &str) -> f64 {
    label.chars().map(|c| if c.is_ascii() { CHAR_W } else { 2.0 * CHAR_W }).sum()
}

/// Which of `n` evenly spaced axis labels (`spacing` units apart, the widest `widest` units) to
/// show so that none runs into the next: every step-th from the first, and always the last (the
/// one before it is dropped when the two would touch). `edge`: how far the last label is moved
/// in to stay inside the chart, which brings it that much closer to the one before.
fn spaced_labels(n: usize, widest: f64, spacing: f64, edge: f64) -> Vec<usize> {
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
    let button = |role: &str, what: &str| {
        Node::el("button").attr("type", "button").class("download").attr("data-role", role).attr("aria-label", &format!("{title}: {what}")).text(what)
    };
    let downloads = Node::el("div").class("downloads").children([button("download-svg", "SVG"), button("download-png", "PNG"), button("download-csv", "CSV")]);
    let mut fig = Node::el("figure").class("panel").attr("data-chart", id).children([Node::el("figcaption").text(title), chart, downloads]);
    if let Some(n) = note {
        fig = fig.child(Node::el("p").class("note").text(n));
    }
    fig.child(table_disclosure(table_label, table))
}

/// Vertical bars with value labels. `desc` is the chart's text alternative.
pub fn bars(desc: &str, marks: &[Mark], value_text: &dyn Fn(f64) -> String) -> Node {
    let (w, h, pad_b, pad_t) = (420.0, 200.0, 28.0, 22.0);
    let max = marks.iter().map(|m| m.value).fold(0.0_f64, f64::max).max(f64::MIN_POSITIVE);
    let slot = (w - 8.0) / marks.len().max(1) as f64;
    let bw = (slot - 8.0).max(2.0);
    let mut svg = Node::svg("svg").attr("viewBox", &format!("0 0 {w} {h}")).attr("role", "img").attr("aria-label", desc).class("chart");
    let small = marks.len() > 12;
    for (i, m) in marks.iter().enumerate() {
        let bh = (h - pad_b - pad_t) * (m.value.max(0.0) / max);
        let x = 8.0 + i as f64 * slot + 4.0;
        let y = h - pad_b - bh;
        let cx = x + bw / 2.0;
        let mut g = Node::svg("g").attr("tabindex", "0").attr("role", "img").attr("aria-label", &m.tip).class("bar").children([
            Node::svg("title").text(&m.tip),
            Node::svg("rect").attr("x", &f1(x)).attr("y", &f1(y)).attr("width", &f1(bw)).attr("height", &f1(bh)),
        ]);
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
    let (w, label_w) = (460.0, 150.0);
    let h = row * marks.len() as f64 + 8.0;
    let max = marks.iter().map(|m| m.value).fold(0.0_f64, f64::max).max(f64::MIN_POSITIVE);
    let mut svg = Node::svg("svg").attr("viewBox", &format!("0 0 {w} {h}")).attr("role", "img").attr("aria-label", desc).class("chart");
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
    let (w, pad_l, pad_r, pad_b) = (460.0, 44.0, 10.0, 26.0);
    // The legend: each key as wide as its name, a new row when the next would not fit.
    let mut keys: Vec<(f64, f64)> = Vec::with_capacity(series.len());
    let (mut lx, mut ly) = (pad_l + 8.0, 6.0);
    for s in series {
        let width = 16.0 + label_width(s.name) + 14.0;
        if lx > pad_l + 8.0 && lx + width > w {
            (lx, ly) = (pad_l + 8.0, ly + 14.0);
        }
        keys.push((lx, ly));
        lx += width;
    }
    let pad_t = 18.0 + ly;
    let h = 204.0 + ly;
    let max = y_max.unwrap_or_else(|| series.iter().flat_map(|s| s.values.iter().flatten()).copied().fold(0.0_f64, f64::max)).max(f64::MIN_POSITIVE);
    let n = x_labels.len().max(2);
    let x = |i: usize| pad_l + (w - pad_l - pad_r) * i as f64 / (n - 1) as f64;
    let y = |v: f64| h - pad_b - (h - pad_b - pad_t) * (v / max).clamp(0.0, 1.0);
    let mut svg = Node::svg("svg").attr("viewBox", &format!("0 0 {w} {h}")).attr("role", "img").attr("aria-label", desc).class("chart lines");
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
                svg = svg.child(Node::svg("g").attr("tabindex", "0").attr("role", "img").attr("aria-label", &tip).class(&format!("pt {}", s.class)).children([
                    Node::svg("title").text(&tip),
                    Node::svg("circle").attr("cx", &f1(x(i))).attr("cy", &f1(y(*v))).attr("r", "3.5"),
                ]));
            }
        }
        let (lx, ly) = keys[si];
        svg = svg.children([
            Node::svg("rect").class(&format!("key {}", s.class)).attr("x", &f1(lx)).attr("y", &f1(ly)).attr("width", "12").attr("height", "4"),
            Node::svg("text").attr("x", &f1(lx + 16.0)).attr("y", &f1(ly + 6.0)).text(s.name),
        ]);
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
    let (w, h, pad_l, pad_b, pad_t, pad_r) = (460.0, 300.0, 40.0, 34.0, 10.0, 10.0);
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
    let mut svg = Node::svg("svg").attr("viewBox", &format!("0 0 {w} {h}")).attr("role", "img").attr("aria-label", desc).class("chart scatter");
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
        Node::svg("text").class("corner").attr("x", &f1(w - pad_r - 4.0)).attr("y", &f1(pad_t + 12.0)).attr("text-anchor", "end").text(corners[1]),
        Node::svg("text").class("corner").attr("x", &f1(pad_l + 4.0)).attr("y", &f1(h - pad_b - 6.0)).text(corners[2]),
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

    /// A legend of long names wraps to further rows: every key and its name stay inside the
    /// chart, none overlaps the next, and the plot starts below the last row.
    #[test]
    fn legend_keys_fit_and_never_overlap() {
        let names = ["Actual", "Predicted BG/NBD", "Predicted MBG/NBD", "Predicted Pareto/NBD"];
        let series: Vec<Series> = names.iter().zip(["s2", "s1", "s3", "s4"]).map(|(name, class)| Series { name, class, values: vec![Some(1.0), Some(2.0)] }).collect();
        let svg = lines("d", &["a".to_string(), "b".to_string()], &series, None, &|v| format!("{v}"));
        let keys = svg.find_all("class", "key s2").len() + svg.find_all("class", "key s1").len() + svg.find_all("class", "key s3").len() + svg.find_all("class", "key s4").len();
        assert_eq!(keys, 4);
        let at = |class: &str| -> (f64, f64) {
            let n = svg.find_all("class", class)[0];
            let attr = |k: &str| n.attrs.iter().find(|(name, _)| name == k).map_or(f64::NAN, |(_, v)| v.parse().unwrap_or(f64::NAN));
            (attr("x"), attr("y"))
        };
        let boxes: Vec<(f64, f64, f64)> = names.iter().zip(["key s2", "key s1", "key s3", "key s4"]).map(|(name, c)| {
            let (x, y) = at(c);
            (x, x + 16.0 + label_width(name), y)
        }).collect();
        for (i, a) in boxes.iter().enumerate() {
            assert!(a.1 <= 460.0, "{} runs out of the chart", names[i]);
            for b in &boxes[i + 1..] {
                assert!(a.2 != b.2 || a.1 <= b.0 || b.1 <= a.0, "keys overlap");
            }
        }
        assert!(boxes.iter().any(|b| b.2 > 6.0), "a second row");
    }
}
