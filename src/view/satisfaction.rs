//! The satisfaction, complaints and survey sections: ratings, NPS/CSAT/CES, delivery against
//! promise, what low and high ratings say, complaints and recovery, the satisfaction index,
//! importance-performance, the five loyalty drivers, expectation gaps and Kano.

use super::charts::{bars, hbars, lines, panel, scatter, table_node, Mark, Point, Series, Table};
use super::i18n::{t, tf, Lang};
use super::node::Node;
use super::render::{pct, tile};
use crate::metrics::satisfaction::compare::Verdict;
use crate::metrics::satisfaction::complaints::{ComplaintsReport, TargetStatus};
use crate::metrics::satisfaction::survey::{Label, SurveyReport};
use crate::metrics::satisfaction::{Measure, SatUnit, SatisfactionReport};
use crate::report::group;

fn lbl(lang: Lang, l: &Label) -> String {
    match lang {
        Lang::En => l.en.clone(),
        Lang::ZhCn => l.zh_hans.clone(),
        Lang::ZhTw => l.zh_hant.clone(),
    }
}

/// A measure's value in its unit.
pub fn fmt_value(m: &Measure) -> String {
    fmt_num(m.unit, m.value)
}

fn fmt_num(unit: SatUnit, v: Option<f64>) -> String {
    match v {
        None => "–".into(),
        Some(v) => match unit {
            SatUnit::Proportion => pct(v),
            SatUnit::Stars | SatUnit::ScalePoints => format!("{v:.2}"),
            SatUnit::NpsPoints => format!("{v:+.1}"),
            SatUnit::Days | SatUnit::Hours => format!("{v:.1}"),
            SatUnit::Count => group(v.round().max(0.0) as u64),
        },
    }
}

/// "95% CI a–b · n = N".
fn detail(lang: Lang, m: &Measure) -> String {
    let ci = m.interval.as_ref().map(|i| format!("{} {}–{} · ", t(lang, "ci95"), fmt_num(m.unit, Some(i.lower)), fmt_num(m.unit, Some(i.upper)))).unwrap_or_default();
    format!("{ci}n = {}", group(m.n))
}

fn measure_tile(lang: Lang, id: &str, label_key: &str, m: &Measure, unit: &str) -> Node {
    tile(id, t(lang, label_key), fmt_value(m), unit, detail(lang, m), crate::view::render::warn(lang, &m.warning).as_deref())
}

/// The satisfaction section (ratings, survey scores, delivery, comparison, review text).
pub fn section(lang: Lang, s: &SatisfactionReport) -> Option<Node> {
    if s.ratings.is_none() && s.survey_scores.is_none() && s.delivery.is_none() {
        return None;
    }
    let mut sec = Node::el("section")
        .class("section")
        .attr("data-section", "satisfaction")
        .attr("aria-labelledby", "ls-h-sat")
        .children([Node::el("h3").attr("id", "ls-h-sat").text(t(lang, "sat_title")), Node::el("p").class("lede").text(t(lang, "sat_lede"))]);
    let mut tiles = Vec::new();
    if let Some(r) = &s.ratings {
        tiles.push(measure_tile(lang, "average_rating", "average_rating", &r.overall.average, "★"));
        tiles.push(measure_tile(lang, "csat_reviews", "csat_reviews", &r.overall.csat_top2, ""));
    }
    if let Some(sv) = &s.survey_scores {
        if let Some(n) = &sv.nps {
            tiles.push(measure_tile(lang, "nps", "nps", &n.overall.nps, ""));
        }
        if let Some(c) = &sv.csat {
            tiles.push(measure_tile(lang, "csat_survey", "csat_survey", &c.top2, ""));
        }
        if let Some(c) = &sv.ces {
            tiles.push(measure_tile(lang, "ces_easy", "ces_easy", &c.ces.easy_share, ""));
        }
    }
    if let Some(d) = &s.delivery {
        tiles.push(measure_tile(lang, "on_time", "on_time", &d.on_time_share, ""));
        tiles.push(measure_tile(lang, "late", "late", &d.late_share, ""));
    }
    sec = sec.child(Node::el("div").class("tiles").children(tiles));

    if let Some(r) = &s.ratings {
        let total = r.overall.distribution.iter().map(|c| c.count).sum::<u64>().max(1);
        let marks: Vec<Mark> = r
            .overall
            .distribution
            .iter()
            .map(|c| Mark { label: format!("{}★", c.stars), value: c.count as f64, tip: format!("{}★: {} ({})", c.stars, group(c.count), pct(c.count as f64 / total as f64)) })
            .collect();
        let table = Table {
            head: vec![t(lang, "stars").into(), t(lang, "reviews").into(), "%".into()],
            rows: r.overall.distribution.iter().map(|c| vec![format!("{}★", c.stars), group(c.count), pct(c.share)]).collect(),
            numeric: vec![false, true, true],
        };
        sec = sec.child(panel("ratings", t(lang, "rating_dist"), bars(t(lang, "rating_dist_desc"), &marks, &|v| group(v as u64)), None, t(lang, "show_table"), &table));
        if r.by_month.len() >= 2 {
            let labels: Vec<String> = r.by_month.iter().map(|g| g.group.clone()).collect();
            let chart = lines(
                t(lang, "csat_trend_desc"),
                &labels,
                &[Series { name: t(lang, "csat_reviews"), class: "s1", values: r.by_month.iter().map(|g| g.summary.csat_top2.value).collect() }],
                Some(1.0),
                &|v| format!("{:.0}%", 100.0 * v),
            );
            let table = Table {
                head: vec![t(lang, "month").into(), t(lang, "average_rating").into(), t(lang, "csat_reviews").into(), "n".into()],
                rows: r.by_month.iter().map(|g| vec![g.group.clone(), fmt_value(&g.summary.average), fmt_value(&g.summary.csat_top2), group(g.summary.csat_top2.n)]).collect(),
                numeric: vec![false, true, true, true],
            };
            sec = sec.child(panel("csat_trend", t(lang, "csat_trend"), chart, None, t(lang, "show_table"), &table));
        }
    }

    if let Some(c) = &s.comparison {
        let rows: Vec<Vec<String>> = c
            .items
            .iter()
            .map(|i| {
                let verdict = t(
                    lang,
                    match i.verdict {
                        Verdict::MoreThanNoise => "more_than_noise",
                        Verdict::WithinNoise => "within_noise",
                        Verdict::NotEnoughData => "not_enough_data",
                    },
                );
                let metric = match i.metric {
                    "average_rating" => t(lang, "average_rating"),
                    "csat_top2" => t(lang, "csat_reviews"),
                    "nps" => t(lang, "nps"),
                    "survey_csat" => t(lang, "csat_survey"),
                    "ces_easy" | "ces" => t(lang, "ces_easy"),
                    other => other,
                };
                vec![metric.to_string(), fmt_value(&i.earlier), fmt_value(&i.later), i.p_value.map(|p| format!("{p:.3}")).unwrap_or_else(|| "–".into()), verdict.to_string()]
            })
            .collect();
        let table = Table {
            head: vec![t(lang, "measure").into(), format!("{}–{}", c.earlier.start, c.earlier.end), format!("{}–{}", c.later.start, c.later.end), "p".into(), t(lang, "verdict").into()],
            rows,
            numeric: vec![false, true, true, true, false],
        };
        sec = sec.child(Node::el("div").class("panel").attr("data-panel", "comparison").children([
            Node::el("h4").text(t(lang, "compare_title")),
            Node::el("p").class("note").text(t(lang, "compare_note")),
            table_node(&table),
        ]));
    }

    if let Some(d) = &s.delivery {
        let marks: Vec<Mark> = d
            .miss_distribution
            .iter()
            .map(|m| {
                let rating = m.mean_rating.map(|r| format!(", {} {r:.2}★ (n = {})", t(lang, "mean_rating"), m.ratings)).unwrap_or_default();
                Mark { label: format!("{:+}", m.miss_days), value: m.orders as f64, tip: format!("{:+} {}: {} {}{rating}", m.miss_days, t(lang, "days"), group(m.orders), t(lang, "n_orders")) }
            })
            .collect();
        let mut rows: Vec<Vec<String>> =
            d.miss_distribution.iter().map(|m| vec![format!("{:+}", m.miss_days), group(m.orders), m.mean_rating.map(|r| format!("{r:.2}")).unwrap_or_else(|| "–".into()), group(m.ratings)]).collect();
        rows.truncate(40);
        let table = Table { head: vec![t(lang, "miss_days").into(), t(lang, "orders").into(), t(lang, "mean_rating").into(), t(lang, "reviews").into()], rows, numeric: vec![true; 4] };
        let mut fig = panel("delivery", t(lang, "delivery_title"), bars(t(lang, "delivery_desc"), &marks, &|v| group(v as u64)), Some(t(lang, "delivery_note")), t(lang, "show_table"), &table);
        if let Some(m) = &d.rating_model {
            let text = tf(lang, "rating_model", &[&format!("{:.2}", m.intercept), &format!("{:.2}", -m.per_day_late), &format!("{:.2}", 1.96 * m.per_day_late_se), &group(m.n)]);
            fig = fig.child(Node::el("p").class("what-if").attr("data-testid", "rating-model").text(&text));
        }
        sec = sec.child(fig);
    }

    if let Some(tx) = &s.review_text {
        let mut panel_node = Node::el("div").class("panel").attr("data-panel", "review-text").child(Node::el("h4").text(t(lang, "voice_title")));
        if !tx.lowest_rated.is_empty() {
            panel_node = panel_node.child(Node::el("p").class("note").text(t(lang, "lowest_rated")));
            panel_node = panel_node.child(Node::el("ul").class("quotes").children(tx.lowest_rated.iter().take(6).map(|q| {
                let meta = [Some(format!("{}★", q.rating)), q.date.map(|d| d.to_string()), q.product.clone(), q.order_id.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                Node::el("li").children([Node::el("blockquote").text(&q.text), Node::el("span").class("meta").text(&meta)])
            })));
        }
        let words = |terms: &[crate::metrics::satisfaction::text::TermScore]| terms.iter().take(10).map(|x| x.term.clone()).collect::<Vec<_>>().join(" · ");
        panel_node = panel_node.children([
            Node::el("p").class("terms low").children([Node::el("strong").text(t(lang, "low_terms")), Node::el("span").text(&words(&tx.low_terms))]),
            Node::el("p").class("terms high").children([Node::el("strong").text(t(lang, "high_terms")), Node::el("span").text(&words(&tx.high_terms))]),
        ]);
        sec = sec.child(panel_node);
    }
    Some(sec)
}

/// The complaints section.
pub fn complaints_section(lang: Lang, c: &ComplaintsReport) -> Node {
    let status = t(
        lang,
        match c.target_status {
            TargetStatus::Below => "below_target",
            TargetStatus::Above => "above_target",
            TargetStatus::Uncertain => "near_target",
        },
    );
    let mut sec = Node::el("section")
        .class("section")
        .attr("data-section", "complaints")
        .attr("aria-labelledby", "ls-h-complaints")
        .children([Node::el("h3").attr("id", "ls-h-complaints").text(t(lang, "complaints_title")), Node::el("p").class("lede").text(t(lang, "complaints_lede"))]);
    let rate = &c.rate_per_order;
    sec = sec.child(Node::el("div").class("tiles").children([
        tile(
            "complaint_rate",
            t(lang, "complaint_rate"),
            fmt_value(rate),
            "",
            format!("{} · {} {}", detail(lang, rate), status, pct(c.target)),
            crate::view::render::warn(lang, &rate.warning).as_deref(),
        ),
        measure_tile(lang, "complaint_customers", "complaint_customers", &c.rate_per_customer, ""),
        measure_tile(lang, "resolution_rate", "resolution_rate", &c.resolution_rate, ""),
        match &c.resolution_hours_median {
            Some(h) => measure_tile(lang, "resolution_hours", "resolution_hours", h, t(lang, "hours_unit")),
            None => measure_tile(lang, "resolution_days", "resolution_days", &c.resolution_days_median, t(lang, "days")),
        },
    ]));
    if !c.categories.is_empty() {
        let marks: Vec<Mark> =
            c.categories.iter().map(|x| Mark { label: x.category.clone(), value: x.tickets as f64, tip: format!("{}: {} ({})", x.category, group(x.tickets), pct(x.share)) }).collect();
        let table = Table {
            head: vec![t(lang, "category").into(), t(lang, "tickets").into(), "%".into()],
            rows: c.categories.iter().map(|x| vec![x.category.clone(), group(x.tickets), pct(x.share)]).collect(),
            numeric: vec![false, true, true],
        };
        sec = sec.child(panel("categories", t(lang, "categories"), hbars(t(lang, "categories_desc"), &marks, &|v| group(v as u64)), None, t(lang, "show_table"), &table));
    }
    let ice = &c.iceberg;
    let text = tf(
        lang,
        "iceberg",
        &[
            &group(ice.complaining_customers),
            &format!("{:.0}", ice.silent_unhappy_customers),
            &format!("{:.0}", ice.people_reached),
            &format!("{:.0}", ice.assumptions.silent_per_complaint),
            &format!("{:.0}", ice.assumptions.people_told_per_unhappy),
        ],
    );
    let recovery = Table {
        head: vec![t(lang, "group").into(), t(lang, "repurchase_rate").into(), t(lang, "ci95").into(), "n".into()],
        rows: c
            .recovery
            .iter()
            .map(|g| {
                let m = &g.repurchase_rate;
                let ci = m.interval.as_ref().map(|i| format!("{}–{}", pct(i.lower), pct(i.upper))).unwrap_or_else(|| "–".into());
                vec![t(lang, g.group).to_string(), fmt_value(m), ci, group(m.n)]
            })
            .collect(),
        numeric: vec![false, true, true, true],
    };
    let field = |role: &str, key: &str, v: f64| {
        Node::el("label").class("knob").children([
            Node::el("span").text(t(lang, key)),
            Node::el("input").attr("type", "number").attr("min", "0").attr("max", "1000").attr("step", "1").attr("value", &format!("{v}")).attr("data-role", role),
        ])
    };
    sec.child(
        Node::el("div").class("panel").attr("data-panel", "iceberg").children([
            Node::el("h4").text(t(lang, "iceberg_title")),
            Node::el("div")
                .class("knobs")
                .children([field("iceberg-silent", "silent_per_complaint", ice.assumptions.silent_per_complaint), field("iceberg-told", "told_per_unhappy", ice.assumptions.people_told_per_unhappy)]),
            Node::el("p").class("what-if").attr("data-testid", "iceberg").text(&text),
            Node::el("p").class("note").text(&iceberg_source(lang, &ice.assumptions)),
            Node::el("h4").text(t(lang, "recovery_title")),
            table_node(&recovery),
            Node::el("p").class("note").text(t(lang, "recovery_note")),
        ]),
    )
}

/// The survey section: index, importance-performance, drivers, gaps, Kano.
pub fn survey_section(lang: Lang, s: &SurveyReport) -> Option<Node> {
    if s.index.is_none() && s.ipa.is_none() && s.kano.is_none() && s.gaps.is_none() && s.drivers.is_none() {
        return None;
    }
    let mut sec = Node::el("section").class("section").attr("data-section", "survey").attr("aria-labelledby", "ls-h-survey").children([
        Node::el("h3").attr("id", "ls-h-survey").text(t(lang, "survey_title")),
        Node::el("p").class("lede").text(&tf(lang, "survey_lede", &[&group(s.respondents as u64), s.outcome.as_deref().unwrap_or("–")])),
    ]);
    if let Some(ix) = &s.index {
        let mut tiles = vec![tile("satisfaction_index", t(lang, "sat_index"), format!("{:.1}", ix.index), "/ 100", format!("n = {}", group(ix.n as u64)), None)];
        for node in &ix.tree.children {
            if let Some(score) = node.score {
                tiles.push(tile(&format!("index_{}", node.id), &lbl(lang, &node.label), format!("{score:.1}"), "", format!("{} {:.0}%", t(lang, "weight"), 100.0 * node.weight), None));
            }
        }
        sec = sec.child(Node::el("div").class("tiles").children(tiles));
        // The indicator by its name in the reader's language (its id when not in the tree).
        fn named<'n>(n: &'n crate::metrics::satisfaction::survey::index::IndexNode, id: &str) -> Option<&'n crate::metrics::satisfaction::survey::index::IndexNode> {
            if n.id == id {
                return Some(n);
            }
            n.children.iter().find_map(|c| named(c, id))
        }
        let node_name = |id: &str| named(&ix.tree, id).map_or_else(|| id.to_string(), |n| lbl(lang, &n.label));
        let rows: Vec<Vec<String>> = ix.weakest_links.iter().map(|w| vec![w.item.clone(), node_name(&w.node), format!("{:.1}", w.score), format!("{:.1}", w.points_lost)]).collect();
        if !rows.is_empty() {
            sec = sec.child(Node::el("div").class("panel").attr("data-panel", "weakest").children([
                Node::el("h4").text(t(lang, "weakest_links")),
                table_node(&Table {
                    head: vec![t(lang, "item").into(), t(lang, "indicator").into(), t(lang, "score").into(), t(lang, "points_lost").into()],
                    rows,
                    numeric: vec![false, false, true, true],
                }),
            ]));
        }
    }
    if let Some(ipa) = &s.ipa {
        let points: Vec<Point> = ipa
            .items
            .iter()
            .map(|i| Point {
                label: i.item.clone(),
                x: i.importance.max(0.0) * if i.importance <= 1.0 { 100.0 } else { 1.0 },
                y: i.performance_score,
                tip: format!("{}: {} {:.2}, {} {:.1} — {}", i.item, t(lang, "importance"), i.importance, t(lang, "performance"), i.performance_score, lbl(lang, &i.quadrant_label)),
            })
            .collect();
        let scale = if ipa.items.iter().all(|i| i.importance <= 1.0) { 100.0 } else { 1.0 };
        let q = |k: &str| t(lang, k);
        let chart = scatter(
            t(lang, "ipa_desc"),
            &points,
            (t(lang, "importance"), t(lang, "performance")),
            (ipa.importance_crosshair * scale, ipa.performance_crosshair),
            (100.0, 100.0),
            [q("q_overkill"), q("q_keep_up"), q("q_low_priority"), q("q_concentrate")],
        );
        let table = Table {
            head: vec![t(lang, "item").into(), t(lang, "importance").into(), t(lang, "performance").into(), t(lang, "quadrant").into()],
            rows: ipa.items.iter().map(|i| vec![i.item.clone(), format!("{:.2}", i.importance), format!("{:.1}", i.performance_score), lbl(lang, &i.quadrant_label)]).collect(),
            numeric: vec![false, true, true, false],
        };
        let (first, later) = ipa.focus();
        let note = match (first.is_empty(), later.is_empty()) {
            (true, true) => t(lang, "nothing_below_par").to_string(),
            (false, true) => tf(lang, "work_first", &[&first.join(", ")]),
            (true, false) => format!("{} · {}", t(lang, "nothing_important_below_par"), tf(lang, "below_par_later", &[&later.join(", ")])),
            (false, false) => format!("{} · {}", tf(lang, "work_first", &[&first.join(", ")]), tf(lang, "below_par_later", &[&later.join(", ")])),
        };
        sec = sec.child(panel("ipa", t(lang, "ipa_title"), chart, Some(&note), t(lang, "show_table"), &table));
    }
    if let Some(d) = &s.drivers {
        let rows: Vec<Vec<String>> = d
            .drivers
            .iter()
            .map(|x| {
                vec![
                    lbl(lang, &x.label),
                    x.items.join(", "),
                    format!("{:.1}", x.score),
                    x.importance_overall.as_ref().map(|c| format!("{:.2}", c.r)).unwrap_or_else(|| "–".into()),
                    x.importance_repurchase.as_ref().map(|c| format!("{:.2}", c.r)).unwrap_or_else(|| "–".into()),
                ]
            })
            .collect();
        sec = sec.child(Node::el("div").class("panel").attr("data-panel", "drivers").children([
            Node::el("h4").text(t(lang, "drivers_title")),
            table_node(&Table {
                head: vec![t(lang, "driver").into(), t(lang, "items").into(), t(lang, "score").into(), t(lang, "r_overall").into(), t(lang, "r_repurchase").into()],
                rows,
                numeric: vec![false, false, true, true, true],
            }),
        ]));
    }
    if let Some(g) = &s.gaps {
        let rows: Vec<Vec<String>> = g.dimensions.iter().map(|x| vec![lbl(lang, &x.label), x.items.join(", "), format!("{:+.2}", x.gap.mean), group(x.gap.n as u64)]).collect();
        sec = sec.child(Node::el("div").class("panel").attr("data-panel", "gaps").children([
            Node::el("h4").text(t(lang, "gaps_title")),
            table_node(&Table { head: vec![t(lang, "dimension").into(), t(lang, "items").into(), t(lang, "gap").into(), "n".into()], rows, numeric: vec![false, false, true, true] }),
        ]));
    }
    if let Some(k) = &s.kano {
        let rows: Vec<Vec<String>> = k
            .features
            .iter()
            .map(|f| {
                let cls = f.category_labels.iter().map(|l| lbl(lang, l)).collect::<Vec<_>>().join(" / ");
                let c = &f.counts;
                vec![
                    f.feature.clone(),
                    cls,
                    format!("{}/{}/{}/{}/{}/{}", c.a, c.o, c.m, c.i, c.r, c.q),
                    f.better.map(|b| format!("{b:.2}")).unwrap_or_else(|| "–".into()),
                    f.worse.map(|w| format!("{w:.2}")).unwrap_or_else(|| "–".into()),
                ]
            })
            .collect();
        sec = sec.child(Node::el("div").class("panel").attr("data-panel", "kano").children([
            Node::el("h4").text(t(lang, "kano_title")),
            table_node(&Table {
                head: vec![t(lang, "feature").into(), t(lang, "kano_class").into(), "A/O/M/I/R/Q".into(), t(lang, "kano_better").into(), t(lang, "kano_worse").into()],
                rows,
                numeric: vec![false, false, true, true, true],
            }),
        ]));
    }
    if !s.messages.is_empty() {
        sec = sec.child(Node::el("ul").class("notes").children(s.messages.iter().map(|m| Node::el("li").text(&m.text(lang)))));
    }
    Some(sec)
}

/// The iceberg's source line in `lang`: the two presets' lines are written here in Chinese; a
/// source the user gave in the options is shown as given.
pub(crate) fn iceberg_source(lang: Lang, a: &crate::metrics::satisfaction::complaints::IcebergAssumptions) -> String {
    use crate::metrics::satisfaction::complaints::IcebergAssumptions;
    let tw = match lang {
        Lang::En => return a.source.clone(),
        Lang::ZhCn => false,
        Lang::ZhTw => true,
    };
    if a.source == IcebergAssumptions::chinese_articles().source {
        if tw {
            "《如何从顾客满意到顾客信任》與《電子商務下顧客滿意度及忠誠度的培養》：1 次投訴代表 10 位以上沉默的不滿顧客；1 位不滿顧客會影響 25 人以上（下限）".into()
        } else {
            "《如何从顾客满意到顾客信任》与《電子商務下顧客滿意度及忠誠度的培養》：1 次投诉代表 10 位以上沉默的不满顾客；1 位不满顾客会影响 25 人以上（下限）".into()
        }
    } else if a.source == IcebergAssumptions::tarp().source {
        if tw {
            "TARP《Consumer Complaint Handling in America: An Update Study》(1986)，常被引用：每 27 位不滿顧客中只有 1 位投訴；1 位不滿顧客會告訴 9–10 人".into()
        } else {
            "TARP《Consumer Complaint Handling in America: An Update Study》(1986)，常被引用：每 27 位不满顾客中只有 1 位投诉；1 位不满顾客会告诉 9–10 人".into()
        }
    } else {
        a.source.clone()
    }
}

#[cfg(test)]
mod iceberg_source_tests {
    use super::*;
    use crate::metrics::satisfaction::complaints::IcebergAssumptions;

    #[test]
    fn the_presets_source_lines_are_written_in_chinese() {
        let english_words = |s: &str| -> Vec<String> {
            // The English title of the TARP report is a name, not prose.
            let s = s.replace("Consumer Complaint Handling in America: An Update Study", "");
            s.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 1 && *w != "TARP").map(String::from).collect()
        };
        for (preset, numbers) in [(IcebergAssumptions::chinese_articles(), ["10", "25"]), (IcebergAssumptions::tarp(), ["27", "9–10"])] {
            for lang in [Lang::ZhCn, Lang::ZhTw] {
                let zh = iceberg_source(lang, &preset);
                assert!(english_words(&zh).is_empty(), "{lang:?}: {zh}");
                for n in numbers {
                    assert!(zh.contains(n), "{lang:?}: {n} missing from {zh}");
                }
            }
            assert_eq!(iceberg_source(Lang::En, &preset), preset.source);
        }
        let own = IcebergAssumptions { source: "our own survey, 2025".into(), ..IcebergAssumptions::chinese_articles() };
        assert_eq!(iceberg_source(Lang::ZhCn, &own), "our own survey, 2025");
    }
}
