//! The lifetime-value section: the purchase model's predictions with intervals, its parameters,
//! and whether it predicted a held-out period well enough to be trusted.

use super::charts::{lines, panel, table_node, Series, Table};
use super::i18n::{t, tf, Lang};
use super::node::Node;
use super::render::tile;
use crate::metrics::clv::validation::TrustLevel;
use crate::metrics::clv::ClvReport;
use crate::report::{group, money};

fn unit_name(lang: Lang, unit: &str) -> &'static str {
    t(lang, match unit {
        "day" => "unit_day",
        "month" => "unit_month",
        _ => "unit_week",
    })
}

/// The lifetime-value section.
pub fn section(lang: Lang, r: &ClvReport, currency: &str) -> Node {
    let unit = unit_name(lang, r.unit.name());
    let mut sec = Node::el("section").class("section").attr("data-section", "clv").attr("aria-labelledby", "ls-h-clv").children([
        Node::el("h3").attr("id", "ls-h-clv").text(t(lang, "clv_title")),
        Node::el("p").class("lede").text(&tf(
            lang,
            "clv_lede",
            &[r.primary_model.unwrap_or("–"), &r.calibration_end.map(|d| d.to_string()).unwrap_or_default(), &format!("{}", r.horizon), unit],
        )),
    ]);
    let agg = |name: &str| r.aggregates.iter().find(|a| a.name == name);
    let ci = |a: &crate::metrics::clv::analysis::AggregatePrediction, f: &dyn Fn(f64) -> String| {
        a.interval.as_ref().map(|i| format!("{} {}–{} · ", t(lang, "ci95"), f(i.lower), f(i.upper))).unwrap_or_default()
    };
    let mut tiles = Vec::new();
    if let Some(a) = agg("expected_repeat_purchases") {
        let f = |v: f64| group(v.round().max(0.0) as u64);
        tiles.push(tile("expected_purchases", t(lang, "expected_purchases"), f(a.value), "", format!("{}{}", ci(a, &f), tf(lang, "next_n_units", &[&format!("{}", r.horizon), unit])), None));
    }
    if let Some(a) = agg("total_clv") {
        let f = |v: f64| money(v);
        tiles.push(tile("total_clv", t(lang, "total_clv"), f(a.value), currency, format!("{}{}", ci(a, &f), tf(lang, "clv_terms", &[&r.clv_months.to_string(), &format!("{:.0}%", 100.0 * r.monthly_discount)])), None));
    }
    if let Some(a) = agg("mean_p_alive") {
        let f = |v: f64| format!("{:.1}%", 100.0 * v);
        tiles.push(tile("mean_p_alive", t(lang, "mean_p_alive"), f(a.value), "", format!("{}n = {}", ci(a, &f), group(r.customers as u64)), None));
    }
    if let Some(a) = agg("new_customer_expected_purchases") {
        let f = |v: f64| format!("{v:.2}");
        tiles.push(tile("new_customer_purchases", t(lang, "new_customer_purchases"), f(a.value), "", format!("{}{}", ci(a, &f), tf(lang, "next_n_units", &[&format!("{}", r.horizon), unit])), None));
    }
    if !tiles.is_empty() {
        sec = sec.child(Node::el("div").class("tiles").children(tiles));
    }

    // Validation: predicted against actual in the holdout.
    if let Some(v) = r.validation.first() {
        let trust = t(lang, match v.trust {
            TrustLevel::Good => "trust_good",
            TrustLevel::Fair => "trust_fair",
            TrustLevel::Poor => "trust_poor",
            TrustLevel::TooLittleData => "not_enough_data",
        });
        let labels: Vec<String> = v.cumulative.iter().map(|p| p.date.to_string()).collect();
        let chart = lines(
            t(lang, "holdout_desc"),
            &labels,
            &[
                Series { name: t(lang, "actual"), class: "s2", values: v.cumulative.iter().map(|p| Some(p.actual)).collect() },
                Series { name: t(lang, "predicted"), class: "s1", values: v.cumulative.iter().map(|p| Some(p.predicted)).collect() },
            ],
            None,
            &|x| group(x.round().max(0.0) as u64),
        );
        let table = Table {
            head: vec![t(lang, "repeat_purchases_before").into(), t(lang, "customers").into(), t(lang, "actual").into(), t(lang, "predicted").into()],
            rows: v.buckets.iter().map(|b| vec![b.frequency.clone(), group(b.customers as u64), format!("{:.2}", b.actual_mean), format!("{:.2}", b.predicted_mean)]).collect(),
            numeric: vec![true, true, true, true],
        };
        let title = tf(lang, "holdout_title", &[v.model, &v.calibration_end.to_string(), &v.holdout_end.to_string()]);
        let mut fig = panel("holdout", &title, chart, None, t(lang, "show_table"), &table);
        fig = fig.child(Node::el("p").class(&format!("verdict trust-{}", match v.trust {
            TrustLevel::Good => "good",
            TrustLevel::Fair => "fair",
            _ => "poor",
        })).attr("data-testid", "clv-verdict").children([Node::el("strong").text(&format!("{trust}: ")), Node::el("span").text(&v.verdict)]));
        sec = sec.child(fig);
    }

    // Model parameters.
    let mut rows = Vec::new();
    for (name, s) in [("BG/NBD", &r.bgnbd), ("Pareto/NBD", &r.pareto_nbd), ("MBG/NBD", &r.mbgnbd)] {
        match (&s.fit, &s.absent_reason) {
            (Some(f), _) => rows.push(vec![
                name.to_string(),
                f.params.iter().map(|p| match p.std_error {
                    Some(se) => format!("{} {:.4} (± {:.4})", p.name, p.value, se),
                    None => format!("{} {:.4}", p.name, p.value),
                }).collect::<Vec<_>>().join(", "),
                format!("{:.2}", f.loglik),
            ]),
            (None, Some(why)) => rows.push(vec![name.to_string(), why.clone(), "–".into()]),
            _ => {}
        }
    }
    match (&r.gamma_gamma.fit, &r.gamma_gamma.absent_reason) {
        (Some(f), _) => rows.push(vec![
            "Gamma-Gamma".into(),
            f.params.iter().map(|p| format!("{} {:.4}{}", p.name, p.value, p.std_error.map(|se| format!(" (± {se:.4})")).unwrap_or_default())).collect::<Vec<_>>().join(", "),
            format!("{:.2}", f.loglik),
        ]),
        (None, Some(why)) => rows.push(vec!["Gamma-Gamma".into(), why.clone(), "–".into()]),
        _ => {}
    }
    sec = sec.child(Node::el("div").class("panel").attr("data-panel", "clv-models").children([
        Node::el("h4").text(t(lang, "models_title")),
        table_node(&Table { head: vec![t(lang, "model").into(), t(lang, "parameters").into(), t(lang, "loglik").into()], rows, numeric: vec![false, false, true] }),
        Node::el("p").class("note").text(t(lang, "clv_note")),
    ]));
    if !r.messages.is_empty() {
        sec = sec.child(Node::el("ul").class("notes").children(r.messages.iter().map(|m| Node::el("li").text(m))));
    }
    sec
}
