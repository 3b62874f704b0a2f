//! The lifetime-value section: the purchase model's predictions with intervals, its parameters,
//! and whether it predicted a held-out period well enough to be trusted.

use super::charts::{lines, panel, table_node, Series, Table};
use super::i18n::{t, tf, Lang};
use super::node::Node;
use super::render::tile;
use crate::metrics::clv::validation::TrustLevel;
use crate::metrics::clv::ClvReport;
use crate::report::money as money_text;
use crate::report::{group, money};

fn unit_name(lang: Lang, unit: &str) -> &'static str {
    t(
        lang,
        match unit {
            "day" => "unit_day",
            "month" => "unit_month",
            _ => "unit_week",
        },
    )
}

/// The lifetime-value section.
pub fn section(lang: Lang, r: &ClvReport, currency: &str) -> Node {
    let unit = unit_name(lang, r.unit.name());
    let mut sec = Node::el("section").class("section").attr("data-section", "clv").attr("aria-labelledby", "ls-h-clv").children([
        Node::el("h3").attr("id", "ls-h-clv").text(t(lang, "clv_title")),
        Node::el("p").class("lede").text(&tf(lang, "clv_lede", &[r.primary_model.unwrap_or("–"), &r.calibration_end.map(|d| d.to_string()).unwrap_or_default(), &format!("{}", r.horizon), unit])),
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
        tiles.push(tile(
            "total_clv",
            t(lang, "total_clv"),
            f(a.value),
            currency,
            format!("{}{}", ci(a, &f), tf(lang, "clv_terms", &[&r.clv_months.to_string(), &format!("{:.0}%", 100.0 * r.monthly_discount)])),
            None,
        ));
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
    if let Some(panel) = contact(lang, r, currency) {
        sec = sec.child(panel);
    }
    if let Some(cv) = &r.cohort_value {
        sec = sec.children(cohort_value(lang, cv, currency));
    }

    // Validation: predicted against actual in the holdout, the model the figures use first.
    let shown = r.validation.iter().find(|v| Some(v.model) == r.primary_model).or(r.validation.first());
    if let Some(v) = shown {
        let trust = trust_word(lang, v.trust);
        let labels: Vec<String> = v.cumulative.iter().map(|p| p.date.to_string()).collect();
        let names = tracking_names(lang, v, &r.validation);
        let chart = lines(
            t(lang, "holdout_desc"),
            &labels,
            &std::iter::once(Series { name: t(lang, "actual"), class: "s2", values: v.cumulative.iter().map(|p| Some(p.actual)).collect() })
                .chain(names.iter().zip(["s1", "s3", "s4"]).map(|((name, o), class)| Series { name, class, values: o.cumulative.iter().map(|p| Some(p.predicted)).collect() }))
                .collect::<Vec<_>>(),
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
        fig = fig.child(
            Node::el("p")
                .class(&format!(
                    "verdict trust-{}",
                    match v.trust {
                        TrustLevel::Good => "good",
                        TrustLevel::Fair => "fair",
                        _ => "poor",
                    }
                ))
                .attr("data-testid", "clv-verdict")
                .children([Node::el("strong").text(&format!("{trust}: ")), Node::el("span").text(&verdict_text(lang, v))]),
        );
        sec = sec.child(fig);
    }
    if let Some(panel) = comparison(lang, r) {
        sec = sec.child(panel);
    }

    // Model parameters.
    let mut rows = Vec::new();
    for (name, s) in [("BG/NBD", &r.bgnbd), ("Pareto/NBD", &r.pareto_nbd), ("MBG/NBD", &r.mbgnbd)] {
        match (&s.fit, &s.absent_reason) {
            (Some(f), _) => rows.push(vec![
                name.to_string(),
                f.params
                    .iter()
                    .map(|p| match p.std_error {
                        Some(se) => format!("{} {:.4} (± {:.4})", p.name, p.value, se),
                        None => format!("{} {:.4}", p.name, p.value),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                format!("{:.2}", f.loglik),
            ]),
            (None, Some(why)) => rows.push(vec![name.to_string(), why.text(lang), "–".into()]),
            _ => {}
        }
    }
    match (&r.gamma_gamma.fit, &r.gamma_gamma.absent_reason) {
        (Some(f), _) => rows.push(vec![
            "Gamma-Gamma".into(),
            f.params.iter().map(|p| format!("{} {:.4}{}", p.name, p.value, p.std_error.map(|se| format!(" (± {se:.4})")).unwrap_or_default())).collect::<Vec<_>>().join(", "),
            format!("{:.2}", f.loglik),
        ]),
        (None, Some(why)) => rows.push(vec!["Gamma-Gamma".into(), why.text(lang), "–".into()]),
        _ => {}
    }
    sec = sec.child(Node::el("div").class("panel").attr("data-panel", "clv-models").children([
        Node::el("h4").text(t(lang, "models_title")),
        table_node(&Table { head: vec![t(lang, "model").into(), t(lang, "parameters").into(), t(lang, "loglik").into()], rows, numeric: vec![false, false, true] }),
        Node::el("p").class("note").text(t(lang, "clv_note")),
    ]));
    if !r.messages.is_empty() {
        sec = sec.child(Node::el("ul").class("notes").children(r.messages.iter().map(|m| Node::el("li").text(&m.text(lang)))));
    }
    sec
}

/// The names of the holdout's tracking series: actual repeat purchases, then each model's
/// prediction, the model the figures use first ("Predicted" alone when it is the only one).
fn tracking_names<'v>(
    lang: Lang,
    v: &'v crate::metrics::clv::validation::Validation,
    all: &'v [crate::metrics::clv::validation::Validation],
) -> Vec<(String, &'v crate::metrics::clv::validation::Validation)> {
    let others: Vec<&crate::metrics::clv::validation::Validation> = all.iter().filter(|o| o.model != v.model && o.cumulative.len() == v.cumulative.len()).collect();
    let name = |m: &str| if others.is_empty() { t(lang, "predicted").to_string() } else { format!("{} {m}", t(lang, "predicted")) };
    std::iter::once(v).chain(others.iter().copied()).map(|o| (name(o.model), o)).collect()
}

/// The customers most worth a message now, with the rule that chose them.
fn contact(lang: Lang, r: &ClvReport, currency: &str) -> Option<Node> {
    let slipping = r.slipping_customers.filter(|_| !r.to_contact.is_empty())?;
    let money = r.to_contact.iter().all(|c| c.spent.is_some());
    let pct = |v: f64| format!("{:.0}%", 100.0 * v);
    let mut head = vec![t(lang, "contact_customer").to_string(), t(lang, "contact_orders").into(), t(lang, "contact_last").into()];
    if money {
        head.push(format!("{} ({currency})", t(lang, "contact_spent")));
    }
    head.extend([t(lang, "contact_alive").to_string(), t(lang, "contact_next90").to_string()]);
    let rows = r
        .to_contact
        .iter()
        .map(|c| {
            let mut row = vec![c.customer_id.clone(), group(c.orders as u64), c.last_order.to_string()];
            if let Some(s) = c.spent {
                row.push(money_text(s));
            }
            row.extend([pct(c.p_alive), c.p_order_90_days.map_or("–".into(), pct)]);
            row
        })
        .collect();
    let mut numeric = vec![false, true, false];
    if money {
        numeric.push(true);
    }
    numeric.extend([true, true]);
    let gap = r.usual_gap_days.map_or("–".into(), |d| format!("{d:.0}"));
    let rule = tf(lang, if money { "contact_rule" } else { "contact_rule_orders" }, &[&group(slipping as u64), &r.to_contact.len().to_string(), &gap]);
    Some(Node::el("div").class("panel").attr("data-panel", "clv-contact").children([
        Node::el("h4").text(t(lang, "contact_title")),
        Node::el("p").class("note").text(&rule),
        table_node(&Table { head: head.into_iter().collect(), rows, numeric }),
    ]))
}

/// Value per customer over the first year: by what the first order carried (a chart of the
/// cumulative value, the largest groups), and by acquisition cohort (a table, the cells the
/// model filled marked).
fn cohort_value(lang: Lang, cv: &crate::metrics::clv::cohort_value::CohortValue, currency: &str) -> Vec<Node> {
    let mut out = Vec::new();
    // Months since the first order, as the x axis's labels.
    let months: Vec<String> = (1..=cv.months).map(|m| tf(lang, "months_since_first", &[&m.to_string()])).collect();
    let cumulative = |v: &[f64]| {
        v.iter()
            .scan(0.0, |acc, x| {
                *acc += x;
                Some(Some(*acc))
            })
            .collect::<Vec<Option<f64>>>()
    };
    let group_name = |g: &crate::metrics::clv::cohort_value::FirstOrderGroup| match &g.value {
        Some(v) => v.clone(),
        None => t(lang, if g.by == "discount_code" { "first_order_no_code" } else { "first_order_no_product" }).to_string(),
    };
    // Discount codes when at least two groups of them are shown, else products.
    let kinds = ["discount_code", "product"];
    let by = kinds.into_iter().find(|k| cv.by_first_order.iter().filter(|g| g.by == *k).count() >= 2);
    let groups: Vec<&crate::metrics::clv::cohort_value::FirstOrderGroup> = cv.by_first_order.iter().filter(|g| Some(g.by) == by).collect();
    if groups.len() >= 2 {
        let all: Vec<f64> = {
            let mut m = vec![0.0; cv.months as usize];
            let n: u64 = cv.cohorts.iter().map(|c| c.customers).sum();
            for c in &cv.cohorts {
                for (k, v) in c.revenue_per_customer.iter().enumerate() {
                    m[k] += v * c.customers as f64 / n as f64;
                }
            }
            m
        };
        let names: Vec<String> = groups.iter().take(3).map(|g| group_name(g)).collect();
        let series: Vec<Series<'_>> = std::iter::once(Series { name: t(lang, "first_order_all"), class: "s2", values: cumulative(&all) })
            .chain(groups.iter().zip(&names).zip(["s1", "s3", "s4"]).map(|((g, name), class)| Series { name, class, values: cumulative(&g.revenue_per_customer) }))
            .collect();
        let chart = lines(&tf(lang, "first_order_desc", &[currency]), &months, &series, None, &|v| money(v));
        let table = Table {
            head: vec![
                t(lang, if by == Some("discount_code") { "first_order_code" } else { "first_order_product" }).into(),
                t(lang, "customers").into(),
                format!("{} ({currency})", t(lang, "first_year_value")),
                t(lang, "predicted_share").into(),
            ],
            rows: groups.iter().map(|g| vec![group_name(g), group(g.customers), money(g.value_per_customer), format!("{:.0}%", 100.0 * g.predicted_share)]).collect(),
            numeric: vec![false, true, true, true],
        };
        let title = t(lang, if by == Some("discount_code") { "first_order_title_code" } else { "first_order_title_product" });
        let note = tf(lang, if by == Some("discount_code") { "first_order_note_code" } else { "first_order_note_product" }, &[cv.model, &money(cv.value_per_customer), currency]);
        out.push(panel("first-order-value", title, chart, Some(&note), t(lang, "show_table"), &table));
    }
    // The cohort table: cumulative value per customer after 1, 3, 6 and 12 months.
    let at = [1usize, 3, 6, 12];
    let mut head = vec![t(lang, "cohort").to_string(), t(lang, "customers").to_string()];
    head.extend(at.iter().map(|&m| if m == 1 { t(lang, "after_one_month").to_string() } else { tf(lang, "after_months", &[&m.to_string()]) }));
    let rows = cv
        .cohorts
        .iter()
        .map(|c| {
            let mut row = vec![c.cohort.clone(), group(c.customers)];
            row.extend(at.iter().map(|&m| {
                let v: f64 = c.revenue_per_customer[..m].iter().sum();
                let mark = if (c.observed_months as usize) < m { "\u{a0}*" } else { "" };
                format!("{}{mark}", money(v))
            }));
            row
        })
        .collect();
    out.push(Node::el("div").class("panel").attr("data-panel", "clv-cohort-value").children([
        Node::el("h4").text(&tf(lang, "cohort_value_title", &[currency])),
        Node::el("p").class("note").text(&tf(lang, "cohort_value_note", &[cv.model])),
        table_node(&Table { head, rows, numeric: vec![false, true, true, true, true, true] }),
    ]));
    out
}

/// The models side by side on the holdout, and why the section uses the one it uses.
fn comparison(lang: Lang, r: &ClvReport) -> Option<Node> {
    let reason = r.primary_reason?;
    let pct = |e: Option<f64>| e.map_or("–".to_string(), |e| format!("{:+.1}%", 100.0 * e));
    let table = Table {
        head: vec![
            t(lang, "model").into(),
            t(lang, "predicted").into(),
            t(lang, "actual").into(),
            t(lang, "compare_error").into(),
            t(lang, "loglik").into(),
            t(lang, "verdict").into(),
            t(lang, "compare_used").into(),
        ],
        rows: r
            .model_comparison
            .iter()
            .map(|m| {
                vec![
                    m.model.to_string(),
                    group(m.predicted.round().max(0.0) as u64),
                    group(m.actual.round().max(0.0) as u64),
                    pct(m.relative_error),
                    m.loglik.map_or("–".into(), |l| format!("{l:.2}")),
                    trust_word(lang, m.trust).to_string(),
                    if m.primary { t(lang, "compare_yes").to_string() } else { String::new() },
                ]
            })
            .collect(),
        numeric: vec![false, true, true, true, true, false, false],
    };
    let why = primary_reason_text(lang, reason);
    Some(Node::el("div").class("panel").attr("data-panel", "clv-compare").children([
        Node::el("h4").text(t(lang, "models_compare_title")),
        table_node(&table),
        Node::el("p").class("note").attr("data-testid", "clv-primary-reason").text(&why),
    ]))
}

/// A holdout verdict's trust level in words.
fn trust_word(lang: Lang, level: TrustLevel) -> &'static str {
    t(
        lang,
        match level {
            TrustLevel::Good => "trust_good",
            TrustLevel::Fair => "trust_fair",
            TrustLevel::Poor => "trust_poor",
            TrustLevel::TooLittleData => "not_enough_data",
        },
    )
}

/// Why the section's figures use the model they use, in `lang`.
pub(crate) fn primary_reason_text(lang: Lang, reason: crate::metrics::clv::PrimaryReason) -> String {
    use crate::metrics::clv::PrimaryReason;
    let pct = |e: f64| format!("{:+.1}%", 100.0 * e);
    match reason {
        PrimaryReason::BestOnHoldout { model, relative_error } => tf(lang, "primary_best", &[model, &pct(relative_error)]),
        PrimaryReason::NoneValidated { model, best: Some((b, e)) } => tf(lang, "primary_none", &[model, b, &pct(e)]),
        PrimaryReason::NoneValidated { model, best: None } => tf(lang, "primary_none_nobest", &[model]),
        PrimaryReason::OtherCloser { model, closer: (c, e) } => tf(lang, "primary_other", &[model, c, &pct(e)]),
    }
}

/// The holdout verdict in `lang`, from the check's own numbers (English: the metric's text).
pub(crate) fn verdict_text(lang: Lang, v: &crate::metrics::clv::validation::Validation) -> String {
    let tw = match lang {
        Lang::En => return v.verdict.clone(),
        Lang::ZhCn => false,
        Lang::ZhTw => true,
    };
    let (name, predicted, actual) = (v.model, v.predicted_total, v.actual_total);
    let compared = |e: f64| {
        if tw {
            format!("{name} 預測檢驗期內有 {predicted:.0} 次重複購買，實際 {actual:.0} 次（{:+.1}%）", 100.0 * e)
        } else {
            format!("{name} 预测检验期内有 {predicted:.0} 次重复购买，实际 {actual:.0} 次（{:+.1}%）", 100.0 * e)
        }
    };
    match (v.trust, v.total_relative_error) {
        (TrustLevel::Good, Some(e)) => format!("{}：{}", compared(e), if tw { "足以用於規劃" } else { "足以用于规划" }),
        (TrustLevel::Fair, Some(e)) => format!("{}：{}", compared(e), if tw { "只能用於粗略規劃" } else { "只能用于粗略规划" }),
        (TrustLevel::Poor, Some(e)) => format!("{}：{}", compared(e), if tw { "本店不宜依賴它" } else { "本店不宜依赖它" }),
        (_, None) => {
            if tw {
                format!("{name}：檢驗期內沒有人購買，無從比較")
            } else {
                format!("{name}：检验期内没有人购买，无从比较")
            }
        }
        (_, Some(_)) => {
            if tw {
                format!("{name}：檢驗期內只有 {actual:.0} 次重複購買，太少，無法判斷模型；請用更長的檢驗期")
            } else {
                format!("{name}：检验期内只有 {actual:.0} 次重复购买，太少，无法判断模型；请用更长的检验期")
            }
        }
    }
}

#[cfg(test)]
mod verdict_tests {
    use super::*;
    use crate::metrics::clv::validation::Validation;

    /// Every verdict in both Chinese forms: no English word but the model's name, and the
    /// check's numbers.
    #[test]
    fn every_verdict_is_written_in_chinese_with_its_numbers() {
        let base = |trust, predicted: f64, actual: f64| {
            let mut v = Validation {
                model: "BG/NBD",
                calibration_end: "2024-01-01".parse().unwrap(),
                holdout_end: "2024-06-30".parse().unwrap(),
                holdout_length: 26.0,
                customers: 100,
                actual_total: actual,
                predicted_total: predicted,
                total_relative_error: (actual > 0.0).then(|| (predicted - actual) / actual),
                mae_per_customer: 0.0,
                bias_per_customer: 0.0,
                bucket_mae: 0.0,
                buckets: Vec::new(),
                cumulative: Vec::new(),
                trust,
                verdict: String::new(),
                loglik: None,
            };
            v.verdict = format!("{trust:?}");
            v
        };
        for (v, numbers) in [
            (base(TrustLevel::Good, 105.0, 100.0), vec!["105", "100", "+5.0%"]),
            (base(TrustLevel::Fair, 120.0, 100.0), vec!["120", "100", "+20.0%"]),
            (base(TrustLevel::Poor, 648.0, 411.0), vec!["648", "411", "+57.7%"]),
            (base(TrustLevel::TooLittleData, 12.0, 7.0), vec!["7"]),
            (base(TrustLevel::TooLittleData, 3.0, 0.0), vec![]),
        ] {
            for lang in [Lang::ZhCn, Lang::ZhTw] {
                let zh = verdict_text(lang, &v);
                let words: Vec<&str> = zh.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 1 && !["BG", "NBD"].contains(w)).collect();
                assert!(words.is_empty(), "{lang:?}: English left in {zh}");
                for n in &numbers {
                    assert!(zh.contains(n), "{lang:?}: {n} missing from {zh}");
                }
            }
            assert_eq!(verdict_text(Lang::En, &v), v.verdict);
        }
    }

    /// Why the figures use their model, in every language: the model names and figures are in
    /// it, and the Chinese forms have no English word but the models' names.
    #[test]
    fn every_primary_reason_in_every_language() {
        use crate::metrics::clv::PrimaryReason;
        for reason in [
            PrimaryReason::BestOnHoldout { model: "MBG/NBD", relative_error: -0.052 },
            PrimaryReason::NoneValidated { model: "BG/NBD", best: Some(("MBG/NBD", 0.561)) },
            PrimaryReason::NoneValidated { model: "BG/NBD", best: None },
            PrimaryReason::OtherCloser { model: "BG/NBD", closer: ("MBG/NBD", -0.052) },
        ] {
            for lang in [Lang::En, Lang::ZhCn, Lang::ZhTw] {
                let text = primary_reason_text(lang, reason);
                let (model, numbers): (&str, Vec<&str>) = match reason {
                    PrimaryReason::BestOnHoldout { model, .. } => (model, vec!["-5.2%"]),
                    PrimaryReason::NoneValidated { model, best: Some(_) } => (model, vec!["MBG/NBD", "+56.1%"]),
                    PrimaryReason::NoneValidated { model, best: None } => (model, vec![]),
                    PrimaryReason::OtherCloser { model, .. } => (model, vec!["MBG/NBD", "-5.2%"]),
                };
                assert!(text.contains(model), "{text}");
                for n in numbers {
                    assert!(text.contains(n), "{lang:?} {text}");
                }
                if lang != Lang::En {
                    let rest = text.replace("MBG/NBD", "").replace("BG/NBD", "").replace("RFM", "");
                    assert!(!rest.chars().any(|c| c.is_ascii_alphabetic()), "{lang:?} {text}");
                }
            }
        }
    }
}
