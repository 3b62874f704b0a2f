//! "At a glance": the findings of [`crate::findings`] as sentences in en, zh-CN and zh-TW, for
//! the page (a list of links to their sections) and the text report.

use super::i18n::Lang;
use super::node::Node;
use super::render::pct;
use crate::findings::{Fact, Finding};
use crate::metrics::satisfaction::complaints::TargetStatus;
use crate::report::{group, money};

/// " (95% CI a–b)" in the language, when both ends are known.
fn ci(lang: Lang, lower: Option<f64>, upper: Option<f64>, fmt: &dyn Fn(f64) -> String) -> String {
    match (lower, upper) {
        (Some(l), Some(u)) => match lang {
            Lang::En => format!(" (95% CI {}–{})", fmt(l), fmt(u)),
            Lang::ZhCn => format!("（95% 置信区间 {}–{}）", fmt(l), fmt(u)),
            Lang::ZhTw => format!("（95% 信賴區間 {}–{}）", fmt(l), fmt(u)),
        },
        _ => String::new(),
    }
}

/// The sentence of one finding, with its figures; `currency` follows money.
pub fn sentence(lang: Lang, f: &Finding, currency: &str) -> String {
    let cur = |v: f64| if currency.is_empty() { money(v) } else { format!("{} {currency}", money(v)) };
    let l = |en: String, cn: String, tw: String| lang.pick(en, cn, tw);
    match &f.fact {
        Fact::SatisfiedNotBack { share, lower, upper, customers, followed, window_days } => {
            let c = ci(lang, *lower, *upper, &pct);
            let (p, n, k, w) = (pct(*share), group(*customers), group(*followed), window_days);
            l(
                format!("Satisfied is not loyal: {p}{c} of satisfied customers ({n} of {k}) did not order again within {w} days."),
                format!("满意不等于忠诚：满意的顾客中有 {p}{c}（{k} 位中的 {n} 位）在 {w} 天内没有再次购买。"),
                format!("滿意不等於忠誠：滿意的顧客中有 {p}{c}（{k} 位中的 {n} 位）在 {w} 天內沒有再次購買。"),
            )
        }
        Fact::LateDayCost { points_per_day, lower, upper, late_share, reviews } => {
            let (b, lo, hi, late, n) = (format!("{points_per_day:.2}"), format!("{lower:.2}"), format!("{upper:.2}"), pct(*late_share), group(*reviews));
            l(
                format!("Each day late costs {b}★ of rating (95% CI {lo}–{hi}, from {n} rated orders); {late} of orders arrive late."),
                format!("每晚一天送达，评分降低 {b} 星（95% 置信区间 {lo}–{hi}，基于 {n} 笔有评分的订单）；{late} 的订单延迟送达。"),
                format!("每晚一天送達，評分降低 {b} 星（95% 信賴區間 {lo}–{hi}，基於 {n} 筆有評分的訂單）；{late} 的訂單延遲送達。"),
            )
        }
        Fact::Concentration { top_20_share, customers } => {
            let (p, n) = (pct(*top_20_share), group(*customers));
            l(
                format!("The top 20% of customers bring {p} of revenue ({n} customers): keeping them matters most."),
                format!("前 20% 的顾客贡献了 {p} 的销售额（共 {n} 位顾客）：留住他们最为重要。"),
                format!("前 20% 的顧客貢獻了 {p} 的銷售額（共 {n} 位顧客）：留住他們最為重要。"),
            )
        }
        Fact::LostCustomers { lost, buyers, churn_window_days, uplift, extra_revenue } => {
            let (n, b, w, u, x) = (group(*lost), group(*buyers), churn_window_days, pct(*uplift), cur(*extra_revenue));
            l(
                format!("{n} of the year's {b} buyers have not ordered for over {w} days; keeping {u} more of them would add about {x} a year."),
                format!("过去一年的 {b} 位购买者中，有 {n} 位已超过 {w} 天未下单；多留住其中 {u}，每年约可多 {x} 销售额。"),
                format!("過去一年的 {b} 位購買者中，有 {n} 位已超過 {w} 天未下單；多留住其中 {u}，每年約可多 {x} 銷售額。"),
            )
        }
        Fact::ModelMisses { model, relative_error, holdout_weeks, repeat_rate } => {
            let (e, w) = (format!("{:+.1}%", 100.0 * relative_error), format!("{holdout_weeks:.0}"));
            let r = repeat_rate.map(pct).unwrap_or_else(|| "—".into());
            l(
                format!("The {model} model missed the last {w} weeks' repeat purchases by {e}: plan with the repeat-purchase rate ({r}) and the cohorts, not its lifetime values."),
                format!("{model} 模型对最近 {w} 周重复购买的预测偏差为 {e}：请以重复购买率（{r}）和同期群留存来规划，而非其终身价值。"),
                format!("{model} 模型對最近 {w} 週重複購買的預測偏差為 {e}：請以重複購買率（{r}）和同期群留存來規劃，而非其終身價值。"),
            )
        }
        Fact::Complaints { rate, lower, upper, target, status, resolved } => {
            let c = ci(lang, *lower, *upper, &pct);
            let (p, t) = (pct(*rate), pct(*target));
            let res = resolved.map(pct);
            let (en, cn, tw) = match status {
                TargetStatus::Below => ("below", "低于", "低於"),
                TargetStatus::Above => ("above", "高于", "高於"),
                TargetStatus::Uncertain => ("not clearly apart from", "与目标无明显差别：", "與目標無明顯差別："),
            };
            let (res_en, res_cn, res_tw) = match &res {
                Some(r) => (format!("; {r} of tickets are resolved"), format!("；{r} 的投诉已解决"), format!("；{r} 的投訴已解決")),
                None => Default::default(),
            };
            let cn_tw_target = |word: &str, target_word: &str| {
                if matches!(status, TargetStatus::Uncertain) {
                    format!("{word}{t}")
                } else {
                    format!("{word}{target_word} {t}")
                }
            };
            l(
                format!("Complaints: {p} of orders{c}, {en} the target of {t}{res_en}."),
                format!("投诉：{p} 的订单{c}，{}{res_cn}。", cn_tw_target(cn, "目标")),
                format!("投訴：{p} 的訂單{c}，{}{res_tw}。", cn_tw_target(tw, "目標")),
            )
        }
    }
}

/// The heading of the panel.
pub fn title(lang: Lang) -> &'static str {
    lang.pick("At a glance", "要点一览", "要點一覽")
}

/// How the findings are ranked, in one line.
pub fn rule(lang: Lang, money: bool) -> &'static str {
    if !money {
        return lang.pick(
            "Ranked by the size of each effect × how certain it is (the orders have no money column, so nothing is weighed by revenue).",
            "按效应大小 × 确定程度排序（订单没有金额列，不按销售额加权）。",
            "按效應大小 × 確定程度排序（訂單沒有金額欄，不按銷售額加權）。",
        );
    }
    lang.pick(
        "Ranked by the size of each effect × how certain it is × the share of the year's revenue it touches.",
        "按效应大小 × 确定程度 × 所涉及的年销售额占比排序。",
        "按效應大小 × 確定程度 × 所涉及的年銷售額占比排序。",
    )
}

/// Whether the scorecard's findings were weighed by revenue (its orders carry money).
pub fn weighed_by_money(card: &crate::report::Scorecard) -> bool {
    card.orders.as_ref().is_none_or(|b| b.revenue.value.is_finite())
}

/// The panel: an ordered list, each finding a link to its section.
pub fn panel(lang: Lang, findings: &[Finding], currency: &str, money: bool) -> Option<Node> {
    if findings.is_empty() {
        return None;
    }
    let more = lang.pick("details", "详情", "詳情");
    Some(Node::el("section").class("findings").attr("aria-labelledby", "ls-h-findings").attr("data-testid", "findings").children([
        Node::el("h3").attr("id", "ls-h-findings").text(title(lang)),
        Node::el("ol").children(findings.iter().enumerate().map(|(i, f)| {
            let id = format!("ls-finding-{i}");
            Node::el("li").attr("data-kind", f.fact.kind()).children([
                Node::el("span").attr("id", &id).text(&format!("{} ", sentence(lang, f, currency))),
                // The link's purpose in its accessible description: the finding it details.
                Node::el("a").attr("href", &format!("#{}", f.section)).attr("data-role", "goto").attr("data-target", f.section).attr("aria-describedby", &id).text(more),
            ])
        })),
        Node::el("p").class("note").text(rule(lang, money)),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One finding of every kind (and every complaint status).
    pub(crate) fn every_kind() -> Vec<Finding> {
        let f = |fact: Fact| Finding { section: fact.section(), fact, effect: 0.5, certainty: 1.0, at_stake: 100.0, score: 0.5 };
        let mut v = vec![
            f(Fact::SatisfiedNotBack { share: 0.6, lower: Some(0.55), upper: Some(0.65), customers: 60, followed: 100, window_days: 90 }),
            f(Fact::LateDayCost { points_per_day: 0.46, lower: 0.41, upper: 0.5, late_share: 0.19, reviews: 1257 }),
            f(Fact::Concentration { top_20_share: 0.64, customers: 1500 }),
            f(Fact::LostCustomers { lost: 930, buyers: 1279, churn_window_days: 114, uplift: 0.05, extra_revenue: 7069.59 }),
            f(Fact::ModelMisses { model: "BG/NBD", relative_error: 0.578, holdout_weeks: 26.0, repeat_rate: Some(0.387) }),
        ];
        for status in [TargetStatus::Below, TargetStatus::Above, TargetStatus::Uncertain] {
            v.push(f(Fact::Complaints { rate: 0.065, lower: Some(0.057), upper: Some(0.075), target: 0.1, status, resolved: Some(0.85) }));
        }
        v
    }

    #[test]
    fn every_finding_in_every_language_has_its_figures_and_no_stray_script() {
        for f in every_kind() {
            for lang in [Lang::En, Lang::ZhCn, Lang::ZhTw] {
                let s = sentence(lang, &f, "EUR");
                assert!(!s.contains('{') && !s.contains("NaN"), "{s}");
                let figure = match &f.fact {
                    Fact::SatisfiedNotBack { .. } => "60.0%",
                    Fact::LateDayCost { .. } => "0.46",
                    Fact::Concentration { .. } => "64.0%",
                    Fact::LostCustomers { .. } => "7,069.59 EUR",
                    Fact::ModelMisses { .. } => "+57.8%",
                    Fact::Complaints { .. } => "6.5%",
                };
                assert!(s.contains(figure), "{lang:?}: {s}");
                if lang != Lang::En {
                    // Latin letters only in figures, units and names (BG/NBD, EUR, CI).
                    let stray: String = s.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 3 && !matches!(*w, "EUR")).collect();
                    assert!(stray.is_empty(), "{lang:?}: English in '{s}'");
                }
            }
        }
    }

    #[test]
    fn zh_forms_differ_where_the_scripts_do() {
        let f = &every_kind()[0];
        assert_ne!(sentence(Lang::ZhCn, f, ""), sentence(Lang::ZhTw, f, ""));
        assert!(sentence(Lang::ZhCn, f, "").contains("满意不等于忠诚"));
        assert!(sentence(Lang::ZhTw, f, "").contains("滿意不等於忠誠"));
    }
}
