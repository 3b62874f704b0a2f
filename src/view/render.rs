//! Scorecard -> view tree. Every text that comes from a data file goes through [`Node::text`].

use super::i18n::{t, tf, Lang};
use super::node::Node;
use crate::input::{InputKind, RejectReason};
use crate::metrics::Figure;
use crate::report::{group, money, Scorecard};

/// How many rejected rows are shown per file (all are counted).
const SHOWN_ISSUES: usize = 50;

pub fn pct(v: f64) -> String {
    format!("{:.1}%", 100.0 * v)
}

fn kind_label(lang: Lang, kind: InputKind) -> &'static str {
    t(
        lang,
        match kind {
            InputKind::Orders => "orders_kind",
            InputKind::Reviews => "reviews_kind",
            InputKind::Surveys => "surveys_kind",
            InputKind::Tickets => "tickets_kind",
            InputKind::Summary => "summary_kind",
        },
    )
}

fn reason_text(lang: Lang, r: &RejectReason) -> String {
    let base = t(lang, r.code());
    match r {
        RejectReason::MissingValue => base.to_string(),
        RejectReason::BadDate { value } | RejectReason::BadNumber { value } | RejectReason::NegativeTotal { value } => {
            format!("'{value}' {base}")
        }
        RejectReason::DuplicateOrderId { value, first_row } => format!("'{value}': {base} {first_row}"),
        other if lang == Lang::En => other.message(),
        RejectReason::ImplausibleDate { value } => format!("「{value}」{base}"),
        RejectReason::OutOfRange { value, min, max } => lang.pick(String::new(), format!("「{value}」超出 {min} 至 {max} 的量表"), format!("「{value}」超出 {min} 至 {max} 的量表")),
        RejectReason::TooManyFields { expected, found } => lang.pick(
            String::new(),
            format!("此行有 {found} 个单元格，表头只有 {expected} 个（单元格里有未加引号的分隔符？）"),
            format!("此列有 {found} 個儲存格，表頭只有 {expected} 個（儲存格裡有未加引號的分隔符？）"),
        ),
        RejectReason::NoAnswers => base.to_string(),
        other => other.message(),
    }
}

/// A figure's warning in the reader's language.
pub fn warn(lang: Lang, w: &Option<crate::messages::Note>) -> Option<String> {
    w.as_ref().map(|w| w.text(lang))
}

/// A headline tile: label, value (with unit), detail line and an optional warning.
pub fn tile(id: &str, label: &str, value: String, unit: &str, detail: String, warning: Option<&str>) -> Node {
    let mut t = Node::el("div").class("tile").attr("data-figure", id).attr("role", "group").attr("aria-label", label).children([
        Node::el("div").class("label").text(label),
        Node::el("div").class("figure").children([Node::el("span").class("value").text(&value), Node::el("span").class("unit").text(unit)]),
        Node::el("div").class("detail").text(&detail),
    ]);
    if let Some(w) = warning {
        t = t.child(Node::el("div").class("warn").text(w));
    }
    t
}

/// What a customer summary gave (tiles when there are no headline tiles) and what it cannot give.
fn summary_section(lang: Lang, s: &crate::report::SummaryReport, tiles: bool) -> Node {
    let mut sec = Node::el("section").class("summary-input").attr("data-testid", "summary-input").child(Node::el("h2").text(t(lang, "summary_input")));
    sec = sec.child(Node::el("p").class("caption").text(&format!("{} · {} {} · {}", s.file, t(lang, "as_of"), s.calibration_end, s.unit.name())));
    if tiles {
        let mut row = vec![tile("customers", t(lang, "customers"), group(s.customers), "", String::new(), None)];
        if let Some(r) = &s.repeat_buyer_rate {
            row.push(tile("repeat_buyers", t(lang, "repeat_buyers"), pct(r.value), "", format!("{} / {}", group(s.repeat_buyers), group(s.customers)), None));
        }
        if let Some(o) = s.orders {
            row.push(tile("orders", t(lang, "orders"), group(o), "", String::new(), None));
        }
        if let Some(v) = s.revenue {
            row.push(tile("revenue", t(lang, "revenue"), money(v), "", String::new(), None));
        }
        sec = sec.child(Node::el("div").class("tiles").children(row));
    }
    sec = sec.child(Node::el("h3").text(t(lang, "absent_from_summary")));
    sec.child(Node::el("ul").children(s.absent.iter().map(|a| Node::el("li").text(a.text(lang)))))
}

/// Where the data shown came from: the built-in sample (caption translated) or the user's files.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// The sample shop; the file names.
    Sample(String),
    /// The user's files: a label (by default the file names).
    Files(String),
}

impl Source {
    /// The caption label in `lang`.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            Source::Sample(name) => format!("{} ({name})", t(lang, "sample")),
            Source::Files(names) => names.clone(),
        }
    }
}

/// A column passed over for a field, and why, in `lang`.
pub fn passed_over_text(lang: Lang, p: &crate::input::PassedOver) -> String {
    use crate::input::evidence::Why;
    let (f, c) = (p.field, &p.column);
    let pc = |v: f64| format!("{:.0}%", 100.0 * v);
    match lang {
        Lang::En => format!("'{c}' not taken as {f}: {}", p.why),
        Lang::ZhCn | Lang::ZhTw => {
            let tw = lang == Lang::ZhTw;
            // The field by its name in the correction form (订单日期), not its key.
            let f = match super::fix::field_label(lang, f) {
                "" => f,
                label => label,
            };
            let why = match &p.why {
                Why::NotDates { share, example } => {
                    if tw {
                        format!("其值不是日期（抽樣中僅 {} 是；例如「{example}」）", pc(*share))
                    } else {
                        format!("其值不是日期（抽样中仅 {} 是；例如「{example}」）", pc(*share))
                    }
                }
                Why::NotAmounts { share, example } => {
                    if tw {
                        format!("其值不是金額（抽樣中僅 {} 是；例如「{example}」）", pc(*share))
                    } else {
                        format!("其值不是金额（抽样中仅 {} 是；例如「{example}」）", pc(*share))
                    }
                }
                Why::Amounts { share, example } => {
                    if tw {
                        format!("其值看來是金額（抽樣中 {}；例如「{example}」）", pc(*share))
                    } else {
                        format!("其值看来是金额（抽样中 {}；例如「{example}」）", pc(*share))
                    }
                }
                Why::Dates { example } => {
                    if tw {
                        format!("其值是日期而非顧客（例如「{example}」）")
                    } else {
                        format!("其值是日期而非顾客（例如「{example}」）")
                    }
                }
                Why::Placeholder { value, share } => {
                    if tw {
                        format!("同一個值（「{value}」）出現在 {} 的抽樣列：是佔位值，不能識別顧客", pc(*share))
                    } else {
                        format!("同一个值（「{value}」）出现在 {} 的抽样行：是占位值，不能识别顾客", pc(*share))
                    }
                }
                Why::Later { than, share } if *share == 0.0 => {
                    if tw {
                        format!("抽樣列中與「{than}」同日（訂單日期取最早者，兩者日期相同）")
                    } else {
                        format!("抽样行中与「{than}」同日（订单日期取最早者，两者日期相同）")
                    }
                }
                Why::Later { than, share } => {
                    if tw {
                        format!("在 {} 的抽樣列中晚於「{than}」（訂單日期取最早者）", pc(*share))
                    } else {
                        format!("在 {} 的抽样行中晚于「{than}」（订单日期取最早者）", pc(*share))
                    }
                }
                Why::NotText { share, example } => {
                    if tw {
                        format!("其值是日期、數字或代碼，不是文字（抽樣中 {}；例如「{example}」）", pc(*share))
                    } else {
                        format!("其值是日期、数字或代码，不是文字（抽样中 {}；例如「{example}」）", pc(*share))
                    }
                }
            };
            if tw {
                format!("未將「{c}」用作 {f}：{why}")
            } else {
                format!("未将「{c}」用作 {f}：{why}")
            }
        }
    }
}

/// The whole scorecard body in `lang`.
pub fn scorecard(lang: Lang, card: &Scorecard, source: &Source) -> Node {
    let mut body = Node::el("div").class("card").attr("lang", lang.tag());
    let mut caption = source.label(lang);
    if let (Some(p), Some(d)) = (&card.period, card.as_of) {
        caption.push_str(&format!(" · {} {} {} {} · {} {}", t(lang, "period"), p.first, t(lang, "to"), p.last, t(lang, "as_of"), d));
    }
    body = body.child(Node::el("p").class("caption").attr("data-testid", "caption").text(&caption));
    if let Some(panel) = super::findings::panel(lang, &card.findings, card.currency.as_deref().unwrap_or(""), super::findings::weighed_by_money(card)) {
        body = body.child(panel);
    }

    if let Some(b) = &card.orders {
        let cur = card.currency.as_deref().unwrap_or("");
        let n_c = |n: u64| format!("n = {} {}", group(n), t(lang, "n_customers"));
        let ci = |f: &Figure, fmt: &dyn Fn(f64) -> String| f.interval.as_ref().map(|i| format!("{} {}–{} · ", t(lang, "ci95"), fmt(i.lower), fmt(i.upper))).unwrap_or_default();
        let r = &b.repeat_purchase_rate;
        let o = &b.orders_per_customer;
        body = body.child(Node::el("div").class("tiles").children([
            tile(
                "orders",
                t(lang, "orders"),
                group(b.orders.value as u64),
                "",
                if b.orders_without_customer > 0 { tf(lang, "orders_unkeyed", &[&group(b.orders_without_customer)]) } else { String::new() },
                None,
            ),
            tile("customers", t(lang, "customers"), group(b.customers.value as u64), "", String::new(), None),
            tile(
                "revenue",
                t(lang, "revenue"),
                money(b.revenue.value),
                if b.revenue.value.is_finite() { cur } else { "" },
                format!("{} {}", group(b.revenue.n), t(lang, "n_orders")),
                (!b.revenue.value.is_finite()).then(|| t(lang, "no_money")),
            ),
            tile(
                "repeat_purchase_rate",
                t(lang, "repeat_rate"),
                pct(r.value),
                "",
                format!("{}{}", ci(r, &pct), tf(lang, "repeaters_of", &[&group(b.repeat_customers), &group(r.n)])),
                crate::view::render::warn(lang, &r.warning).as_deref(),
            ),
            tile(
                "orders_per_customer",
                t(lang, "orders_per_customer"),
                format!("{:.2}", o.value),
                "",
                format!("{}{}", ci(o, &|v| format!("{v:.2}")), n_c(o.n)),
                crate::view::render::warn(lang, &o.warning).as_deref(),
            ),
        ]));
        body = body.child(orders_chart(lang, b));
    }
    if let Some(si) = &card.summary_input {
        body = body.child(summary_section(lang, si, card.orders.is_none()));
    }
    if let Some(sat) = card.satisfaction.as_ref().and_then(|s| super::satisfaction::section(lang, s)) {
        body = body.child(sat);
    }
    if let Some(sv) = card.survey.as_ref().and_then(|s| super::satisfaction::survey_section(lang, s)) {
        body = body.child(sv);
    }
    if let Some(tr) = &card.trust {
        body = body.child(super::trust::section(lang, tr, card.currency.as_deref().unwrap_or("")));
    }
    if let Some(l) = &card.loyalty {
        body = body.child(super::loyalty::section(lang, l, card.currency.as_deref().unwrap_or("")));
    }
    if let Some(c) = &card.clv {
        body = body.child(super::clv::section(lang, c, card.currency.as_deref().unwrap_or("")));
    }
    if let Some(c) = card.satisfaction.as_ref().and_then(|s| s.complaints.as_ref()) {
        body = body.child(super::satisfaction::complaints_section(lang, c));
    }
    if let Some(e) = &card.expectation {
        body = body.child(super::expectation::section(lang, e));
    }
    body = body.child(inputs(lang, card));
    if !card.warnings.is_empty() {
        body = body.child(
            Node::el("section")
                .class("warnings")
                .attr("aria-label", t(lang, "warnings"))
                .children([Node::el("h3").text(t(lang, "warnings")), Node::el("ul").children(card.warnings.iter().map(|w| Node::el("li").text(&w.text(lang))))]),
        );
    }
    // Each chart as wide as its panel on the page (when the page has said how wide that is).
    super::charts::fit_to_room(&mut body);
    body
}

/// Bar chart of customers by number of orders, with its table.
fn orders_chart(lang: Lang, b: &crate::metrics::purchases::PurchaseBasics) -> Node {
    use super::charts::{bars, panel, Mark, Table};
    let total = b.customers.value.max(1.0);
    let label = |c: &crate::metrics::purchases::OrderCountBucket| format!("{}{}", c.orders, if c.or_more { "+" } else { "" });
    let title = t(lang, "by_orders_title");
    let marks: Vec<Mark> = b
        .customers_by_orders
        .iter()
        .map(|c| Mark {
            label: label(c),
            value: c.customers as f64,
            tip: format!("{} {}: {} {} ({})", label(c), t(lang, "n_orders"), group(c.customers), t(lang, "n_customers"), pct(c.customers as f64 / total)),
        })
        .collect();
    let table = Table {
        head: vec![t(lang, "orders_placed").into(), t(lang, "customers").into(), "%".into()],
        rows: b.customers_by_orders.iter().map(|c| vec![label(c), group(c.customers), pct(c.customers as f64 / total)]).collect(),
        numeric: vec![false, true, true],
    };
    let chart = bars(&format!("{title}. {}", t(lang, "by_orders_desc")), &marks, &|v| group(v.round().max(0.0) as u64));
    panel("customers_by_orders", title, chart, None, t(lang, "show_table"), &table)
}

/// The account of every input file.
fn inputs(lang: Lang, card: &Scorecard) -> Node {
    let mut sec = Node::el("section").class("panel inputs").attr("aria-label", t(lang, "inputs"));
    sec = sec.child(Node::el("h3").text(t(lang, "inputs")));
    for (index, a) in card.inputs.iter().enumerate() {
        // Every row accounted for: read = used + merged + rejected (the merged only when any).
        let merged = if a.rows_merged > 0 { format!(" + {} {}", group(a.rows_merged as u64), t(lang, "rows_merged")) } else { String::new() };
        let summary = format!(
            "{} ({}, {}) · {} {} = {} {}{merged} + {} {}",
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
        // The field by its name for people where the form has one (else its key).
        let field = |f: &'static str| match super::fix::field_label(lang, f) {
            "" => f,
            label => label,
        };
        // A column the reader only guessed says so, with how sure it is (the form beside it
        // corrects it).
        let cols: Vec<String> = a
            .columns
            .iter()
            .map(|c| if super::fix::guessed(c) { format!("{} ← {} — {}", field(c.field), c.column, super::fix::guess_text(lang, c)) } else { format!("{} ← {}", field(c.field), c.column) })
            .collect();
        let mut item = Node::el("div")
            .class("account")
            .attr("data-file", &a.file)
            .children([Node::el("p").class("account-line").text(&summary), Node::el("p").class("columns").text(&format!("{}: {}", t(lang, "columns_used"), cols.join(" · ")))]);
        // Orders that are not purchases, and refunds taken off purchases: never silently.
        let mut apart = Vec::new();
        if a.cancelled + a.refunded > 0 {
            apart.push(tf(lang, "kept_apart", &[&group(a.cancelled as u64), &group(a.refunded as u64)]));
        }
        if a.partly_refunded > 0 {
            // In the shop's currency only when its orders have one (a file of several currencies
            // adds up refunds of each).
            let mixed = card
                .warnings
                .iter()
                .any(|w| matches!(w, crate::messages::Note::CurrenciesKept { .. } | crate::messages::Note::CurrenciesConverted { .. } | crate::messages::Note::ManyCurrencies { .. }));
            let taken = match card.currency.as_deref().filter(|_| !mixed) {
                Some(c) => format!("{} {c}", money(a.refunds_taken_off)),
                None => money(a.refunds_taken_off),
            };
            apart.push(tf(lang, "partly_refunded", &[&group(a.partly_refunded as u64), &taken]));
        }
        if !apart.is_empty() {
            item = item.child(Node::el("p").class("refunds").attr("data-role", "refunds").text(&apart.join(" · ")));
        }
        // How the file was read: its layout, the keys, what was merged or added up (the
        // refunds are in the line above, with the currency).
        let notes: Vec<&crate::messages::Note> = a.notes.iter().filter(|n| !matches!(n, crate::messages::Note::Refunds { .. })).collect();
        if !notes.is_empty() {
            item = item.child(Node::el("ul").class("account-notes").attr("data-role", "account-notes").children(notes.iter().map(|n| Node::el("li").text(&n.text(lang)))));
        }
        if !a.passed_over.is_empty() {
            item = item.child(Node::el("ul").class("passed-over").attr("data-role", "passed-over").children(a.passed_over.iter().map(|p| Node::el("li").text(&passed_over_text(lang, p)))));
        }
        if !a.issues.is_empty() {
            let shown = a.issues.iter().take(SHOWN_ISSUES);
            let table = Node::el("table").class("issues").children([
                Node::el("thead").child(Node::el("tr").children([
                    Node::el("th").attr("scope", "col").text(t(lang, "row")),
                    Node::el("th").attr("scope", "col").text(t(lang, "column")),
                    Node::el("th").attr("scope", "col").text(t(lang, "reason")),
                ])),
                Node::el("tbody").children(
                    shown.map(|i| Node::el("tr").children([Node::el("td").class("num").text(&i.row.to_string()), Node::el("td").text(&i.column), Node::el("td").text(&reason_text(lang, &i.reason))])),
                ),
            ]);
            let mut details = Node::el("details").children([Node::el("summary").text(&format!("{} ({})", t(lang, "rejected_rows"), group(a.rows_rejected as u64))), table]);
            let listed = a.issues.len().min(SHOWN_ISSUES);
            if a.rows_rejected > listed {
                details = details.child(Node::el("p").text(&format!("+{} {}", group((a.rows_rejected - listed) as u64), t(lang, "more_rejected"))));
            }
            item = item.child(details);
        }
        let f = super::fix::FileForm { index, name: &a.file, kind: a.kind, headers: &a.headers, columns: &a.columns, fields_off: &a.fields_off, read: true };
        item = item.child(super::fix::form(lang, &f, false));
        sec = sec.child(item);
    }
    sec
}

#[cfg(test)]
mod passed_over_tests {
    use super::*;
    use crate::input::evidence::Why;
    use crate::input::PassedOver;

    #[test]
    fn every_reason_in_every_language() {
        let whys = [
            Why::NotDates { share: 0.1, example: "soon".into() },
            Why::NotAmounts { share: 0.2, example: "abc".into() },
            Why::Amounts { share: 1.0, example: "128.00".into() },
            Why::Dates { example: "2024-01-05".into() },
            Why::Placeholder { value: "0".into(), share: 0.96 },
            Why::Later { than: "Sale Date".into(), share: 1.0 },
            Why::NotText { share: 1.0, example: "5f725ed03a0562d56abd685a".into() },
        ];
        for why in whys {
            let p = PassedOver { field: "customer_id", column: "买家实际支付金额".into(), reason: why.to_string(), why };
            let en = passed_over_text(Lang::En, &p);
            assert!(en.starts_with("'买家实际支付金额' not taken as customer_id: "), "{en}");
            for lang in [Lang::ZhCn, Lang::ZhTw] {
                let zh = passed_over_text(lang, &p);
                // Latin letters only in the field name and the data quoted.
                let english: Vec<&str> = zh.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 3 && !["customer", "soon", "Sale", "Date"].contains(w)).collect();
                assert!(english.is_empty(), "{zh}");
                assert!(zh.contains("买家实际支付金额") && zh.contains('%') || matches!(p.why, Why::Dates { .. }), "{zh}");
            }
            assert_ne!(passed_over_text(Lang::ZhCn, &p), passed_over_text(Lang::ZhTw, &p));
        }
    }
}
