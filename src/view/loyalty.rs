//! The loyalty section: returning customers, time between orders, RFM segments, value
//! concentration (80/20) and tiers, cohorts, and the leaky bucket.

use super::charts::{bars, hbars, lines, panel, table_disclosure, table_node, Mark, Series, Table};
use super::i18n::{t, tf, Lang};
use super::node::Node;
use super::render::{pct, tile};
use crate::metrics::loyalty::concentration::ValueTier;
use crate::metrics::loyalty::rfm::Segment;
use crate::metrics::loyalty::LoyaltyReport;
use crate::report::{group, money};

/// Segment name in `lang`.
pub fn segment_name(lang: Lang, s: Segment) -> &'static str {
    let [en, cn, tw] = match s {
        Segment::Champions => ["Champions", "冠军顾客", "冠軍顧客"],
        Segment::Loyal => ["Loyal", "忠诚顾客", "忠誠顧客"],
        Segment::PotentialLoyalists => ["Potential loyalists", "潜在忠诚顾客", "潛在忠誠顧客"],
        Segment::New => ["New", "新顾客", "新顧客"],
        Segment::Promising => ["Promising", "有潜力的顾客", "有潛力的顧客"],
        Segment::NeedAttention => ["Need attention", "需要关注", "需要關注"],
        Segment::AboutToSleep => ["About to sleep", "即将沉睡", "即將沉睡"],
        Segment::AtRisk => ["At risk", "有流失风险", "有流失風險"],
        Segment::CannotLoseThem => ["Cannot lose them", "不能失去的顾客", "不能失去的顧客"],
        Segment::Hibernating => ["Hibernating", "休眠顾客", "休眠顧客"],
        Segment::Lost => ["Lost", "已流失", "已流失"],
    };
    match lang {
        Lang::En => en,
        Lang::ZhCn => cn,
        Lang::ZhTw => tw,
    }
}

fn tier_name(lang: Lang, tier: ValueTier) -> &'static str {
    t(
        lang,
        match tier {
            ValueTier::High => "tier_high",
            ValueTier::Medium => "tier_medium",
            ValueTier::Low => "tier_low",
        },
    )
}

/// The loyalty section.
pub fn section(lang: Lang, r: &LoyaltyReport, currency: &str) -> Node {
    let mut sec = Node::el("section").class("section").attr("data-section", "loyalty").attr("aria-labelledby", "ls-h-loyalty");
    sec = sec.children([Node::el("h3").attr("id", "ls-h-loyalty").text(t(lang, "loyalty_title")), Node::el("p").class("lede").text(t(lang, "loyalty_lede"))]);

    // Headline tiles.
    let last_full = r.monthly.iter().rev().find(|m| m.complete && m.returning_customer_rate.is_some());
    let mut tiles = Vec::new();
    if let Some(m) = last_full {
        tiles.push(tile(
            "returning_rate",
            t(lang, "returning_rate"),
            pct(m.returning_customer_rate.unwrap_or(0.0)),
            "",
            tf(lang, "returning_of", &[&group(m.returning_customers), &group(m.active_customers), &m.period]),
            (m.active_customers < 30).then_some(t(lang, "few_customers")),
        ));
    }
    if let Some(g) = &r.interpurchase {
        tiles.push(tile(
            "median_gap",
            t(lang, "median_gap"),
            format!("{:.0}", g.median_days),
            t(lang, "days"),
            tf(lang, "gap_detail", &[&format!("{:.0}", g.q1_days), &format!("{:.0}", g.q3_days), &group(g.gaps)]),
            None,
        ));
    }
    if let Some(c) = &r.concentration {
        if let Some(top20) = c.top_20_share {
            let ratio = c.top_10_vs_next_10.map(|x| tf(lang, "top10_vs_next", &[&format!("{x:.1}")])).unwrap_or_default();
            tiles.push(tile("top20_share", t(lang, "top20_share"), pct(top20), "", ratio, None));
        }
    }
    let lb = &r.leaky_bucket;
    tiles.push(tile("active_customers", t(lang, "active_customers"), group(lb.active_at_as_of), "", tf(lang, "churn_window", &[&lb.churn_window.days.to_string()]), None));
    sec = sec.child(Node::el("div").class("tiles").children(tiles));

    // New vs returning customers per month.
    if r.monthly.len() >= 2 {
        let labels: Vec<String> = r.monthly.iter().map(|m| m.period.clone()).collect();
        let desc = t(lang, "monthly_desc");
        let chart = lines(
            desc,
            &labels,
            &[
                Series { name: t(lang, "new_customers"), class: "s1", values: r.monthly.iter().map(|m| Some(m.new_customers as f64)).collect() },
                Series { name: t(lang, "returning_customers"), class: "s2", values: r.monthly.iter().map(|m| Some(m.returning_customers as f64)).collect() },
            ],
            None,
            &|v| group(v.round() as u64),
        );
        let table = Table {
            head: vec![t(lang, "month").into(), t(lang, "new_customers").into(), t(lang, "returning_customers").into(), t(lang, "returning_rate").into(), t(lang, "revenue").into()],
            rows: r
                .monthly
                .iter()
                .map(|m| {
                    vec![
                        format!("{}{}", m.period, if m.complete { "" } else { " *" }),
                        group(m.new_customers),
                        group(m.returning_customers),
                        m.returning_customer_rate.map(pct).unwrap_or_else(|| "–".into()),
                        money(m.revenue),
                    ]
                })
                .collect(),
            numeric: vec![false, true, true, true, true],
        };
        sec = sec.child(panel("monthly", t(lang, "monthly_title"), chart, Some(t(lang, "partial_month")), t(lang, "show_table"), &table));
    }

    // RFM segments.
    if r.rfm_segments.iter().any(|s| s.customers > 0) {
        let marks: Vec<Mark> = r
            .rfm_segments
            .iter()
            .map(|s| Mark {
                label: segment_name(lang, s.segment).into(),
                value: s.customers as f64,
                tip: format!(
                    "{}: {} {} ({}), {} {}",
                    segment_name(lang, s.segment),
                    group(s.customers),
                    t(lang, "n_customers"),
                    pct(s.customer_share),
                    t(lang, "revenue_share"),
                    s.revenue_share.map(pct).unwrap_or_default()
                ),
            })
            .collect();
        let table = Table {
            head: vec![t(lang, "segment").into(), t(lang, "customers").into(), "%".into(), t(lang, "revenue_share").into()],
            rows: r
                .rfm_segments
                .iter()
                .map(|s| vec![segment_name(lang, s.segment).into(), group(s.customers), pct(s.customer_share), s.revenue_share.map(pct).unwrap_or_else(|| "–".into())])
                .collect(),
            numeric: vec![false, true, true, true],
        };
        sec = sec.child(panel("rfm", t(lang, "rfm_title"), hbars(t(lang, "rfm_desc"), &marks, &|v| group(v as u64)), Some(t(lang, "rfm_note")), t(lang, "show_table"), &table));
    }

    // Lorenz curve and value tiers.
    if let Some(c) = &r.concentration {
        if c.lorenz.len() >= 2 {
            let labels: Vec<String> = c.lorenz.iter().map(|p| pct(p.customer_share)).collect();
            let chart = lines(
                t(lang, "lorenz_desc"),
                &labels,
                &[
                    Series { name: t(lang, "lorenz_curve"), class: "s1", values: c.lorenz.iter().map(|p| Some(p.revenue_share)).collect() },
                    Series { name: t(lang, "equality"), class: "s3", values: c.lorenz.iter().map(|p| Some(p.customer_share)).collect() },
                ],
                Some(1.0),
                &|v| format!("{:.0}%", 100.0 * v),
            );
            let gini = c.gini.map(|g| format!("Gini {g:.3}")).unwrap_or_default();
            let table = Table {
                head: vec![t(lang, "tier").into(), t(lang, "customers").into(), t(lang, "revenue").into(), t(lang, "revenue_share").into(), t(lang, "spend_range").into()],
                rows: c
                    .tiers
                    .iter()
                    .map(|x| {
                        let range = match (x.min_spend, x.max_spend) {
                            (Some(a), Some(b)) => format!("{}–{} {currency}", money(a), money(b)),
                            _ => "–".into(),
                        };
                        vec![tier_name(lang, x.tier).into(), group(x.customers), money(x.revenue), x.revenue_share.map(pct).unwrap_or_else(|| "–".into()), range]
                    })
                    .collect(),
                numeric: vec![false, true, true, true, true],
            };
            let points = Table {
                head: vec![t(lang, "customer_share").into(), t(lang, "revenue_share").into()],
                rows: c.lorenz.iter().map(|p| vec![pct(p.customer_share), pct(p.revenue_share)]).collect(),
                numeric: vec![true, true],
            };
            let note = format!("{gini} · {}", t(lang, "tier_note"));
            let fig = panel("lorenz", t(lang, "lorenz_title"), chart, Some(&note), t(lang, "show_table"), &points);
            sec = sec.child(fig.child(table_node(&table).class("tiers")));
        }
    }

    // Cohort retention (average over cohorts that reached each month).
    if let Some(avg) = &r.cohorts.average {
        let marks: Vec<Mark> = avg.pooled_retention.iter().enumerate().map(|(k, v)| Mark { label: format!("M{k}"), value: *v, tip: format!("{} {k}: {}", t(lang, "months_after"), pct(*v)) }).collect();
        let head: Vec<String> =
            std::iter::once(t(lang, "cohort").to_string()).chain(std::iter::once(t(lang, "customers").to_string())).chain((0..=avg.window_months).map(|k| format!("M{k}"))).collect();
        let rows: Vec<Vec<String>> = r
            .cohorts
            .cohorts
            .iter()
            .map(|c| {
                let mut row = vec![c.cohort.clone(), group(c.size)];
                row.extend((0..=avg.window_months).map(|k| c.cells.iter().find(|x| x.k == k).map(|x| format!("{}{}", pct(x.retention), if x.complete { "" } else { "*" })).unwrap_or_default()));
                row
            })
            .collect();
        let numeric = vec![true; head.len()];
        let table = Table { head, rows, numeric };
        let note = tf(lang, "cohort_note", &[&avg.included_cohorts.len().to_string(), &avg.window_months.to_string()]);
        sec = sec.child(panel("cohorts", t(lang, "cohort_title"), bars(t(lang, "cohort_desc"), &marks, &pct), Some(&note), t(lang, "show_table"), &table));
    }

    // Leaky bucket.
    if lb.months.len() >= 2 {
        let labels: Vec<String> = lb.months.iter().map(|m| m.month.clone()).collect();
        let chart = lines(
            t(lang, "leaky_desc"),
            &labels,
            &[
                Series { name: t(lang, "lost_customers"), class: "s2", values: lb.months.iter().map(|m| Some(m.lost_customers as f64)).collect() },
                Series { name: t(lang, "new_customers"), class: "s1", values: lb.months.iter().map(|m| Some(m.new_customers as f64)).collect() },
            ],
            None,
            &|v| group(v.round() as u64),
        );
        let table = Table {
            head: vec![t(lang, "month").into(), t(lang, "active_start").into(), t(lang, "new_customers").into(), t(lang, "lost_customers").into(), t(lang, "new_needed").into()],
            rows: lb.months.iter().map(|m| vec![m.month.clone(), group(m.active_start), group(m.new_customers), group(m.lost_customers), group(m.new_needed_to_stay_level)]).collect(),
            numeric: vec![false, true, true, true, true],
        };
        let mut fig = panel("leaky", t(lang, "leaky_title"), chart, Some(&tf(lang, "churn_window", &[&lb.churn_window.days.to_string()])), t(lang, "show_table"), &table);
        if let Some(w) = &lb.what_if {
            if let (Some(rev), Some(profit)) = (w.extra_revenue, w.extra_profit) {
                let text = tf(
                    lang,
                    "what_if",
                    &[
                        &format!("{:.0}%", 100.0 * w.retention_uplift),
                        &group(w.lost_customers),
                        &format!("{:.0}", w.retained_customers),
                        &format!("{} {currency}", money(rev)),
                        &format!("{} {currency}", money(profit)),
                        &format!("{:.0}%", 100.0 * w.margin),
                    ],
                );
                fig = fig.child(Node::el("p").class("what-if").text(&text));
                fig = fig.child(table_disclosure(
                    t(lang, "assumptions"),
                    &Table { head: vec![t(lang, "assumptions").into()], rows: what_if_assumptions(lang, w).into_iter().map(|a| vec![a]).collect(), numeric: vec![false] },
                ));
            }
        }
        sec = sec.child(fig);
    }
    if !r.messages.is_empty() {
        sec = sec.child(Node::el("ul").class("notes").children(r.messages.iter().map(|m| Node::el("li").text(&m.text(lang)))));
    }
    sec
}

/// The what-if's assumptions in `lang`: English as the metric words them; in Chinese written
/// here from the what-if's own numbers (the metric's list has a fixed order of five; another
/// shape falls back to the English).
pub(crate) fn what_if_assumptions(lang: Lang, w: &crate::metrics::loyalty::leaky::WhatIf) -> Vec<String> {
    let tw = match lang {
        Lang::En => return w.assumptions.clone(),
        Lang::ZhCn => false,
        Lang::ZhTw => true,
    };
    if w.assumptions.len() != 5 {
        return w.assumptions.clone();
    }
    let (uplift, lost, start, end, margin) = (100.0 * w.retention_uplift, group(w.lost_customers), w.window_start, w.window_end, 100.0 * w.margin);
    let source = "《電子商務下顧客滿意度及忠誠度的培養》";
    if tw {
        vec![
            format!("留存提升 {uplift:.1}%：{start} 至 {end} 期間流失的 {lost} 位顧客中，有這一比例被留住（輸入項；預設 5%，即 Reichheld & Sasser 1990 研究的幅度）。"),
            "每位被留住的顧客的消費額，等於同一 365 天內購買過的顧客的平均消費（輸入資料；只算一年，不計隨顧客關係延長而增加的消費）。".to_string(),
            format!("利潤率 {margin:.1}%：每單位營收的利潤（輸入項；預設的 30% 只是佔位值，並非行業基準）。"),
            format!("常言道，留住一位老顧客的成本比贏得一位新顧客低 3–5 倍（引自{source}）。這是為提供背景而引用的假設，並非由本資料計算得出。"),
            format!("Reichheld & Sasser (1990) 與 Reichheld (1996) 報告：顧客留存率提高 5%，利潤可提高 25% 至 90%（引自{source}）；他們的數字包括隨關係延長而增加的消費、較低的服務成本、推薦和溢價，而本一年期估算不含這些。"),
        ]
    } else {
        vec![
            format!("留存提升 {uplift:.1}%：{start} 至 {end} 期间流失的 {lost} 位顾客中，有这一比例被留住（输入项；默认 5%，即 Reichheld & Sasser 1990 研究的幅度）。"),
            "每位被留住的顾客的消费额，等于同一 365 天内购买过的顾客的平均消费（输入数据；只算一年，不计随顾客关系延长而增加的消费）。".to_string(),
            format!("利润率 {margin:.1}%：每单位收入的利润（输入项；默认的 30% 只是占位值，并非行业基准）。"),
            format!("常言道，留住一位老顾客的成本比赢得一位新顾客低 3–5 倍（引自{source}）。这是为提供背景而引用的假设，并非由本数据计算得出。"),
            format!("Reichheld & Sasser (1990) 与 Reichheld (1996) 报告：顾客留存率提高 5%，利润可提高 25% 至 90%（引自{source}）；他们的数字包括随关系延长而增加的消费、较低的服务成本、推荐和溢价，而本一年期估算不含这些。"),
        ]
    }
}

#[cfg(test)]
mod what_if_tests {
    use super::*;

    /// The what-if's five assumptions in both Chinese forms: no English word but the cited
    /// authors' names, and the what-if's own numbers and dates.
    #[test]
    fn what_if_assumptions_are_written_in_chinese_with_their_numbers() {
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        let orders: Vec<crate::dataset::Order> = (0..40)
            .flat_map(|i| {
                let c = format!("c{i}");
                [crate::dataset::Order::new(&c, d("2024-01-05"), 20.0), crate::dataset::Order::new(&c, d("2024-02-01") + chrono::Duration::days(i), 30.0)]
            })
            .collect();
        let b = crate::metrics::loyalty::leaky::leaky_bucket(&orders, d("2025-03-31"), Some(30), 0.05, 0.3);
        let w = b.what_if.expect("a what-if");
        assert_eq!(w.assumptions.len(), 5);
        for lang in [Lang::ZhCn, Lang::ZhTw] {
            let zh = what_if_assumptions(lang, &w);
            assert_eq!(zh.len(), 5);
            let all = zh.join(" ");
            let words: Vec<&str> = all.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 1 && !["Reichheld", "Sasser"].contains(w)).collect();
            assert!(words.is_empty(), "{lang:?}: English left: {words:?}");
            for needle in [format!("{:.1}%", 100.0 * w.retention_uplift), group(w.lost_customers), w.window_start.to_string(), w.window_end.to_string(), format!("{:.1}%", 100.0 * w.margin)] {
                assert!(all.contains(&needle), "{lang:?}: {needle} missing");
            }
        }
        assert_eq!(what_if_assumptions(Lang::En, &w), w.assumptions);
    }
}
