//! Scorecard -> DOM. Every text that comes from a data file goes through [`H::text`].

use super::dom::H;
use super::i18n::{t, tf, Lang};
use crate::input::{InputKind, RejectReason};
use crate::metrics::Figure;
use crate::report::{group, money, Scorecard};
use web_sys::Document;

/// How many rejected rows are shown per file (all are counted).
const SHOWN_ISSUES: usize = 50;

fn pct(v: f64) -> String {
    format!("{:.1}%", 100.0 * v)
}

fn kind_label(lang: Lang, kind: InputKind) -> &'static str {
    t(lang, match kind {
        InputKind::Orders => "orders_kind",
        InputKind::Reviews => "reviews_kind",
        InputKind::Surveys => "surveys_kind",
        InputKind::Tickets => "tickets_kind",
    })
}

fn reason_text(lang: Lang, r: &RejectReason) -> String {
    let base = t(lang, r.code());
    match r {
        RejectReason::MissingValue => base.to_string(),
        RejectReason::BadDate { value } | RejectReason::BadNumber { value } | RejectReason::NegativeTotal { value } => {
            format!("'{value}' {base}")
        }
        RejectReason::DuplicateOrderId { value, first_row } => format!("'{value}': {base} {first_row}"),
        other => other.message(),
    }
}

fn tile(doc: &Document, id: &str, label: &str, value: String, unit: &str, detail: String, f: &Figure) -> H {
    let mut t = H::new(doc, "div").class("tile").attr("data-figure", id).attr("role", "group").attr("aria-label", label).children([
        H::new(doc, "div").class("label").text(label),
        H::new(doc, "div").class("figure").children([H::new(doc, "span").class("value").text(&value), H::new(doc, "span").class("unit").text(unit)]),
        H::new(doc, "div").class("detail").text(&detail),
    ]);
    if let Some(w) = &f.warning {
        t = t.child(H::new(doc, "div").class("warn").text(w));
    }
    t
}

/// The whole scorecard body.
pub fn scorecard(doc: &Document, lang: Lang, card: &Scorecard, source: &str) -> H {
    let mut body = H::new(doc, "div").class("card");
    let mut caption = source.to_string();
    if let (Some(p), Some(d)) = (&card.period, card.as_of) {
        caption.push_str(&format!(" · {} {} {} {} · {} {}", t(lang, "period"), p.first, t(lang, "to"), p.last, t(lang, "as_of"), d));
    }
    body = body.child(H::new(doc, "p").class("caption").attr("data-testid", "caption").text(&caption));

    if let Some(b) = &card.orders {
        let cur = card.currency.as_deref().unwrap_or("");
        let n_c = |n: u64| format!("n = {} {}", group(n), t(lang, "n_customers"));
        let ci = |f: &Figure, fmt: &dyn Fn(f64) -> String| {
            f.interval.as_ref().map(|i| format!("{} {}–{} · ", t(lang, "ci95"), fmt(i.lower), fmt(i.upper))).unwrap_or_default()
        };
        let r = &b.repeat_purchase_rate;
        let o = &b.orders_per_customer;
        body = body.child(H::new(doc, "div").class("tiles").children([
            tile(doc, "orders", t(lang, "orders"), group(b.orders.value as u64), "", String::new(), &b.orders),
            tile(doc, "customers", t(lang, "customers"), group(b.customers.value as u64), "", String::new(), &b.customers),
            tile(
                doc,
                "revenue",
                t(lang, "revenue"),
                money(b.revenue.value),
                cur,
                format!("{} {}", group(b.revenue.n), t(lang, "n_orders")),
                &b.revenue,
            ),
            tile(
                doc,
                "repeat_purchase_rate",
                t(lang, "repeat_rate"),
                pct(r.value),
                "",
                format!("{}{}", ci(r, &pct), tf(lang, "repeaters_of", &[&group(b.repeat_customers), &group(r.n)])),
                r,
            ),
            tile(
                doc,
                "orders_per_customer",
                t(lang, "orders_per_customer"),
                format!("{:.2}", o.value),
                "",
                format!("{}{}", ci(o, &|v| format!("{v:.2}")), n_c(o.n)),
                o,
            ),
        ]));
        body = body.child(orders_chart(doc, lang, b));
    }
    body = body.child(inputs(doc, lang, card));
    if !card.warnings.is_empty() {
        body = body.child(
            H::new(doc, "section").class("warnings").attr("aria-label", t(lang, "warnings")).children([
                H::new(doc, "h3").text(t(lang, "warnings")),
                H::new(doc, "ul").children(card.warnings.iter().map(|w| H::new(doc, "li").text(w))),
            ]),
        );
    }
    body
}

/// Bar chart of customers by number of orders, with its table.
fn orders_chart(doc: &Document, lang: Lang, b: &crate::metrics::purchases::PurchaseBasics) -> H {
    let buckets = &b.customers_by_orders;
    let max = buckets.iter().map(|c| c.customers).max().unwrap_or(0).max(1) as f64;
    let total = b.customers.value.max(1.0);
    let (w, h, pad_l, pad_b, pad_t) = (420.0, 200.0, 8.0, 28.0, 22.0);
    let bar_w = (w - pad_l) / buckets.len() as f64;
    let label = |c: &crate::metrics::purchases::OrderCountBucket| format!("{}{}", c.orders, if c.or_more { "+" } else { "" });
    let title = t(lang, "by_orders_title");
    let mut svg = H::svg(doc, "svg")
        .attr("viewBox", &format!("0 0 {w} {h}"))
        .attr("role", "img")
        .attr("aria-label", &format!("{title}. {}", t(lang, "by_orders_desc")))
        .class("chart");
    for (i, c) in buckets.iter().enumerate() {
        let bh = (h - pad_b - pad_t) * c.customers as f64 / max;
        let x = pad_l + i as f64 * bar_w + 6.0;
        let y = h - pad_b - bh;
        let tip = format!("{} {}: {} {} ({})", label(c), t(lang, "n_orders"), group(c.customers), t(lang, "n_customers"), pct(c.customers as f64 / total));
        svg = svg.child(
            H::svg(doc, "g").attr("tabindex", "0").attr("role", "img").attr("aria-label", &tip).class("bar").children([
                H::svg(doc, "title").text(&tip),
                H::svg(doc, "rect")
                    .attr("x", &format!("{x:.1}"))
                    .attr("y", &format!("{y:.1}"))
                    .attr("width", &format!("{:.1}", bar_w - 12.0))
                    .attr("height", &format!("{bh:.1}")),
                H::svg(doc, "text")
                    .attr("x", &format!("{:.1}", x + (bar_w - 12.0) / 2.0))
                    .attr("y", &format!("{:.1}", y - 5.0))
                    .attr("text-anchor", "middle")
                    .class("v")
                    .text(&group(c.customers)),
                H::svg(doc, "text")
                    .attr("x", &format!("{:.1}", x + (bar_w - 12.0) / 2.0))
                    .attr("y", &format!("{:.1}", h - 9.0))
                    .attr("text-anchor", "middle")
                    .text(&label(c)),
            ]),
        );
    }
    let table = H::new(doc, "table").children([
        H::new(doc, "thead").child(H::new(doc, "tr").children([
            H::new(doc, "th").attr("scope", "col").text(t(lang, "orders_placed")),
            H::new(doc, "th").attr("scope", "col").text(t(lang, "customers")),
            H::new(doc, "th").attr("scope", "col").text("%"),
        ])),
        H::new(doc, "tbody").children(buckets.iter().map(|c| {
            H::new(doc, "tr").children([
                H::new(doc, "td").text(&label(c)),
                H::new(doc, "td").class("num").text(&group(c.customers)),
                H::new(doc, "td").class("num").text(&pct(c.customers as f64 / total)),
            ])
        })),
    ]);
    H::new(doc, "figure").class("panel").attr("data-chart", "customers_by_orders").children([
        H::new(doc, "figcaption").text(title),
        svg,
        H::new(doc, "details").children([H::new(doc, "summary").text(t(lang, "show_table")), table]),
    ])
}

/// The account of every input file.
fn inputs(doc: &Document, lang: Lang, card: &Scorecard) -> H {
    let mut sec = H::new(doc, "section").class("panel inputs").attr("aria-label", t(lang, "inputs"));
    sec = sec.child(H::new(doc, "h3").text(t(lang, "inputs")));
    for a in &card.inputs {
        let summary = format!(
            "{} ({}, {}) · {} {} = {} {} + {} {}",
            a.file,
            kind_label(lang, a.kind),
            a.encoding,
            t(lang, "rows_read"),
            group(a.rows_read as u64),
            group(a.rows_used as u64),
            t(lang, "rows_used"),
            group(a.rows_rejected as u64),
            t(lang, "rows_rejected"),
        );
        let cols: Vec<String> = a.columns.iter().map(|c| format!("{} ← {}", c.field, c.column)).collect();
        let mut item = H::new(doc, "div").class("account").attr("data-file", &a.file).children([
            H::new(doc, "p").class("account-line").text(&summary),
            H::new(doc, "p").class("columns").text(&format!("{}: {}", t(lang, "columns_used"), cols.join(" · "))),
        ]);
        if !a.issues.is_empty() {
            let shown = a.issues.iter().take(SHOWN_ISSUES);
            let table = H::new(doc, "table").class("issues").children([
                H::new(doc, "thead").child(H::new(doc, "tr").children([
                    H::new(doc, "th").attr("scope", "col").text(t(lang, "row")),
                    H::new(doc, "th").attr("scope", "col").text(t(lang, "column")),
                    H::new(doc, "th").attr("scope", "col").text(t(lang, "reason")),
                ])),
                H::new(doc, "tbody").children(shown.map(|i| {
                    H::new(doc, "tr").children([
                        H::new(doc, "td").class("num").text(&i.row.to_string()),
                        H::new(doc, "td").text(&i.column),
                        H::new(doc, "td").text(&reason_text(lang, &i.reason)),
                    ])
                })),
            ]);
            let mut details = H::new(doc, "details").children([
                H::new(doc, "summary").text(&format!("{} ({})", t(lang, "rejected_rows"), group(a.rows_rejected as u64))),
                table,
            ]);
            let listed = a.issues.len().min(SHOWN_ISSUES);
            if a.rows_rejected > listed {
                details = details.child(H::new(doc, "p").text(&format!("+{} {}", group((a.rows_rejected - listed) as u64), t(lang, "more_rejected"))));
            }
            item = item.child(details);
        }
        sec = sec.child(item);
    }
    for s in &card.skipped {
        sec = sec.child(H::new(doc, "p").class("skipped").text(&format!("{} ({}): {}", s.file, kind_label(lang, s.kind), t(lang, "not_analysed"))));
    }
    sec
}
