//! The "From satisfaction to trust" section: headline tiles, the trust ladder as a funnel, what
//! moves customers up, earned against bought loyalty, and the customers stuck on each step.
//! Customer ids come from data files and are only ever set as text.

use super::charts::{hbars, panel, table_disclosure, table_node, Mark, Table};
use super::i18n::{t, tf, Lang};
use super::node::Node;
use super::render::{pct, tile};
use super::satisfaction::fmt_value;
use crate::metrics::satisfaction::compare::Verdict;
use crate::metrics::satisfaction::Measure;
use crate::metrics::trust::bought::BoughtLoyalty;
use crate::metrics::trust::levers::{Difference, Levers};
use crate::metrics::trust::{Layer, StuckList, TrustReport};
use crate::report::{group, money};

fn ci(lang: Lang, m: &Measure) -> String {
    m.interval.as_ref().map(|i| format!("{} {}–{} · ", t(lang, "ci95"), pct(i.lower), pct(i.upper))).unwrap_or_default()
}

fn detail(lang: Lang, m: &Measure, what: &str) -> String {
    format!("{}{what}", ci(lang, m))
}

fn diff_text(lang: Lang, d: &Difference) -> String {
    match (d.value, &d.interval) {
        (Some(v), Some(i)) => format!("{:+.1} pp ({:+.1} {} {:+.1})", 100.0 * v, 100.0 * i.lower, t(lang, "to"), 100.0 * i.upper),
        _ => t(lang, "not_enough_data").to_string(),
    }
}

fn verdict_text(lang: Lang, v: Verdict) -> &'static str {
    t(
        lang,
        match v {
            Verdict::MoreThanNoise => "more_than_noise",
            Verdict::WithinNoise => "within_noise",
            Verdict::NotEnoughData => "not_enough_data",
        },
    )
}

fn step_label(lang: Lang, step: &str) -> &'static str {
    t(
        lang,
        match step {
            "customers" => "trust_step_customers",
            "rated" => "trust_step_rated",
            "satisfied" => "trust_step_satisfied",
            "emotional" => "trust_step_emotional",
            _ => "trust_step_behavioural",
        },
    )
}

/// The trust section.
pub fn section(lang: Lang, r: &TrustReport, currency: &str) -> Node {
    let mut sec = Node::el("section")
        .class("section")
        .attr("data-section", "trust")
        .attr("aria-labelledby", "ls-h-trust")
        .children([Node::el("h3").attr("id", "ls-h-trust").text(t(lang, "trust_title")), Node::el("p").class("lede").text(t(lang, "trust_lede"))]);
    let step = |name: &str| r.funnel.steps.iter().find(|s| s.step == name).map_or(0, |s| s.customers);
    let layer = |l: Layer| r.layers.iter().find(|c| c.layer == l).map_or(0, |c| c.customers);
    if step("rated") == 0 {
        sec = sec.child(Node::el("p").class("note").attr("data-testid", "trust-no-data").text(t(lang, "trust_no_attitude")));
    }
    let o = &r.options;
    let rule = if r.active_rule_used == "p_alive" { tf(lang, "trust_rule_p_alive", &[&format!("{}", o.p_alive_min)]) } else { tf(lang, "trust_rule_recency", &[&r.churn_window_days.to_string()]) };
    let h = &r.satisfied_not_back;
    let mut tiles = vec![
        tile("trust_satisfied", t(lang, "trust_step_satisfied"), group(step("satisfied")), "", tf(lang, "trust_satisfied_detail", &[&group(step("satisfied")), &group(step("rated"))]), None),
        tile(
            "trust_not_back",
            t(lang, "trust_not_back"),
            fmt_value(&h.not_back),
            "",
            format!("{}{}", ci(lang, &h.not_back), tf(lang, "trust_not_back_detail", &[&h.window_days.to_string(), &group(h.followed)])),
            crate::view::render::warn(lang, &h.not_back.warning).as_deref(),
        ),
        tile("trust_emotional", t(lang, "trust_step_emotional"), group(step("emotional")), "", tf(lang, "trust_emotional_detail", &[&o.min_positive_experiences.to_string()]), None),
        tile(
            "trust_behavioural",
            t(lang, "trust_step_behavioural"),
            group(step("behavioural")),
            "",
            tf(lang, "trust_behavioural_detail", &[&o.min_orders.to_string(), &o.min_tenure_days.to_string(), &rule]),
            None,
        ),
        tile(
            "trust_repeat_without",
            t(lang, "trust_repeat_without"),
            group(r.repeat_without_stated_satisfaction),
            "",
            tf(lang, "trust_repeat_without_detail", &[&o.min_orders.to_string(), &o.min_tenure_days.to_string()]),
            None,
        ),
    ];
    tiles.push(tile("trust_not_rated", t(lang, "trust_not_rated"), group(layer(Layer::NotRated)), "", t(lang, "trust_not_rated_detail").into(), None));
    sec = sec.child(Node::el("div").class("tiles").children(tiles));
    let claim_key = match h.against_claim {
        Some("below") => Some("trust_claim_below"),
        Some("above") => Some("trust_claim_above"),
        Some(_) => Some("trust_claim_overlaps"),
        None => None,
    };
    let mut claim = t(lang, "trust_claim").to_string();
    if let Some(k) = claim_key {
        claim = format!("{claim} {}", t(lang, k));
    }
    sec = sec.child(Node::el("p").class("note claim").attr("data-testid", "trust-claim").text(&claim));

    sec = sec.child(funnel_panel(lang, r));
    sec = sec.child(levers_panel(lang, &r.levers));
    sec = sec.child(match &r.bought {
        Some(b) => bought_panel(lang, b, r.followup_days, currency),
        None => Node::el("div").class("panel").attr("data-panel", "bought").children([Node::el("h4").text(t(lang, "bought_title")), Node::el("p").class("note").text(t(lang, "bought_none"))]),
    });
    sec = sec.child(stuck_panel(lang, &r.stuck, currency));
    if !r.messages.is_empty() {
        sec = sec.child(Node::el("ul").class("notes").children(r.messages.iter().map(|m| Node::el("li").text(&m.text(lang)))));
    }
    sec
}

fn funnel_panel(lang: Lang, r: &TrustReport) -> Node {
    let total = r.funnel.steps.first().map_or(0, |s| s.customers).max(1) as f64;
    let conv = |i: usize| if i == 0 { None } else { r.funnel.conversions.get(i - 1) };
    let marks: Vec<Mark> = r
        .funnel
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let from = conv(i).map(|c| format!(" · {} {}", t(lang, "trust_conversion"), fmt_value(&c.rate))).unwrap_or_default();
            Mark {
                label: t(lang, &format!("trust_bar_{}", s.step)).to_string(),
                value: s.customers as f64,
                tip: format!("{}: {} ({}){from}", step_label(lang, s.step), group(s.customers), pct(s.customers as f64 / total)),
            }
        })
        .collect();
    let table = Table {
        head: vec![t(lang, "trust_step").into(), t(lang, "customers").into(), t(lang, "trust_conversion").into(), t(lang, "ci95").into()],
        rows: r
            .funnel
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let c = conv(i);
                vec![
                    step_label(lang, s.step).to_string(),
                    group(s.customers),
                    c.map(|c| fmt_value(&c.rate)).unwrap_or_else(|| "–".into()),
                    c.and_then(|c| c.rate.interval.as_ref()).map(|i| format!("{}–{}", pct(i.lower), pct(i.upper))).unwrap_or_else(|| "–".into()),
                ]
            })
            .collect(),
        numeric: vec![false, true, true, true],
    };
    let leak = r.funnel.largest_leak.and_then(|to| r.funnel.conversions.iter().find(|c| c.to == to)).map(|c| tf(lang, "trust_leak", &[step_label(lang, c.to), &fmt_value(&c.rate)]));
    let chart = hbars(t(lang, "trust_funnel_desc"), &marks, &|v| group(v.round().max(0.0) as u64));
    panel("trust_funnel", t(lang, "trust_funnel_title"), chart, leak.as_deref(), t(lang, "show_table"), &table)
}

fn levers_panel(lang: Lang, l: &Levers) -> Node {
    let grp = |g: &str| t(lang, &format!("grp_{g}"));
    let name = |k: &str| t(lang, &format!("lever_{k}"));
    let mut marks = Vec::new();
    let mut rows = Vec::new();
    for lv in &l.levers {
        for (g, rep, up) in [(lv.group_a, &lv.repurchase_a, &lv.step_up_a), (lv.group_b, &lv.repurchase_b, &lv.step_up_b)] {
            let label = format!("{} {}", name(lv.lever), grp(g));
            if let Some(v) = rep.value {
                marks.push(Mark { label: t(lang, &format!("lever_bar_{g}")).to_string(), value: v, tip: format!("{label}: {} · {}n = {}", pct(v), ci(lang, rep), group(rep.n)) });
            }
            rows.push(vec![
                name(lv.lever).to_string(),
                grp(g).to_string(),
                fmt_value(rep),
                rep.interval.as_ref().map(|i| format!("{}–{}", pct(i.lower), pct(i.upper))).unwrap_or_else(|| "–".into()),
                group(rep.n),
                fmt_value(up),
                String::new(),
                String::new(),
            ]);
        }
        if let Some(last) = rows.last_mut() {
            last[6] = diff_text(lang, &lv.repurchase_difference);
            last[7] = verdict_text(lang, lv.repurchase_difference.verdict).to_string();
        }
    }
    let window = l.window_days.to_string();
    let table = Table {
        head: vec![
            t(lang, "trust_lever").into(),
            t(lang, "group").into(),
            tf(lang, "trust_bought_again", &[&window]),
            t(lang, "ci95").into(),
            "n".into(),
            t(lang, "trust_step_up").into(),
            t(lang, "trust_difference").into(),
            t(lang, "verdict").into(),
        ],
        rows,
        numeric: vec![false, false, true, true, true, true, true, false],
    };
    let reading = match l.largest.and_then(|k| l.levers.iter().find(|x| x.lever == k)) {
        Some(lv) => tf(lang, "trust_largest_lever", &[name(lv.lever), grp(lv.group_a), grp(lv.group_b), &format!("{:+.1}", 100.0 * lv.repurchase_difference.value.unwrap_or(0.0))]),
        None => t(lang, "trust_no_lever").to_string(),
    };
    let note = format!("{reading} {}", tf(lang, "trust_observational", &[&window]));
    let chart = if marks.is_empty() { Node::el("p").class("note").text(t(lang, "not_enough_data")) } else { hbars(t(lang, "trust_levers_desc"), &marks, &|v| format!("{:.0}%", 100.0 * v)) };
    panel("trust_levers", t(lang, "trust_levers_title"), chart, Some(&note), t(lang, "show_table"), &table)
}

fn bought_panel(lang: Lang, b: &BoughtLoyalty, window: u32, currency: &str) -> Node {
    let tiles = vec![
        tile(
            "bought_repeat_discount",
            t(lang, "bought_repeat_discount"),
            fmt_value(&b.repeat_orders_with_discount),
            "",
            detail(lang, &b.repeat_orders_with_discount, &format!("n = {} {}", group(b.repeat_orders), t(lang, "n_orders"))),
            crate::view::render::warn(lang, &b.repeat_orders_with_discount.warning).as_deref(),
        ),
        tile(
            "bought_only",
            t(lang, "bought_only"),
            fmt_value(&b.discount_only_returners),
            "",
            detail(lang, &b.discount_only_returners, &tf(lang, "bought_only_detail", &[&group(b.discount_only_customers), &group(b.repeat_customers)])),
            crate::view::render::warn(lang, &b.discount_only_returners.warning).as_deref(),
        ),
        tile("bought_index", t(lang, "bought_index"), fmt_value(&b.bought_loyalty_index), "", detail(lang, &b.bought_loyalty_index, t(lang, "bought_index_detail")), None),
        tile(
            "bought_revenue",
            t(lang, "bought_revenue"),
            money(b.discount_dependent_repeat_revenue),
            currency,
            tf(lang, "bought_revenue_detail", &[&b.discount_dependent_revenue_share.map(pct).unwrap_or_else(|| "–".into())]),
            None,
        ),
    ];
    let a = &b.acquisition;
    let cell = |m: &Measure| format!("{} ({}n = {})", fmt_value(m), ci(lang, m), group(m.n));
    let table = Table {
        head: vec![String::new(), t(lang, "bought_repeat_rate").into(), tf(lang, "bought_retention", &[&window.to_string()])],
        rows: vec![
            vec![t(lang, "bought_with").into(), cell(&a.repeat_rate_discount), cell(&a.retention_discount)],
            vec![t(lang, "bought_without").into(), cell(&a.repeat_rate_no_discount), cell(&a.retention_no_discount)],
            vec![t(lang, "trust_difference").into(), diff_text(lang, &a.repeat_difference), diff_text(lang, &a.retention_difference)],
        ],
        numeric: vec![false, true, true],
    };
    Node::el("div").class("panel").attr("data-panel", "bought").children([
        Node::el("h4").text(t(lang, "bought_title")),
        Node::el("p").class("lede").text(t(lang, "bought_lede")),
        Node::el("div").class("tiles").children(tiles),
        Node::el("h5").text(t(lang, "bought_acquired")),
        table_node(&table),
        Node::el("p").class("note").text(t(lang, "bought_note")),
    ])
}

fn stuck_panel(lang: Lang, lists: &[StuckList], currency: &str) -> Node {
    let mut details = Node::el("details").attr("data-panel", "trust-stuck").child(Node::el("summary").text(t(lang, "stuck_title")));
    for s in lists {
        let table = Table {
            head: vec![
                t(lang, "trust_col_customer").into(),
                t(lang, "orders").into(),
                format!("{} {currency}", t(lang, "trust_col_spend")).trim_end().to_string(),
                t(lang, "trust_col_last_order").into(),
                t(lang, "trust_col_last_rating").into(),
                t(lang, "trust_col_open_complaint").into(),
            ],
            rows: s
                .listed
                .iter()
                .map(|c| {
                    vec![
                        c.customer_id.clone(),
                        c.orders.to_string(),
                        money(c.spend),
                        c.last_order.to_string(),
                        c.last_rating.map(|r| format!("{r:.0}★")).unwrap_or_else(|| "–".into()),
                        t(lang, if c.open_complaint { "trust_yes" } else { "trust_no" }).to_string(),
                    ]
                })
                .collect(),
            numeric: vec![false, true, true, false, true, false],
        };
        let title = format!("{} ({})", t(lang, &format!("stuck_{}", s.step)), group(s.customers));
        let mut d = table_disclosure(&title, &table).attr("data-step", s.step);
        d = d.child(Node::el("p").class("note").text(&tf(lang, "stuck_shown", &[&group(s.customers), &s.listed.len().to_string()])));
        details = details.child(d);
    }
    details
}
