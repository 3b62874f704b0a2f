//! The expectation calculator as a view: its controls, its answer (tiles, the trade-off chart
//! with table and text alternative, the factor contributions, plain-language advice) and the
//! scorecard's section. Own translation table ([`tx`]) in English, zh-CN and zh-TW, with the
//! seed's terms (《影响客户期望的因素》: 口碑, 公司的承诺, 客户角色感知, 过去的经验, 个人需要, 价格, 平衡点,
//! 说到做到, 超出承诺).

use super::charts::{hbars, table_disclosure, Mark, Table};
use super::i18n::Lang;
use super::node::Node;
use super::render::tile;
use crate::metrics::expectation::factors::{Factor, LevelBand, Stage};
use crate::metrics::expectation::promise::{DelayInput, DelaySource, PromiseAnalysis, MAX_DAYS};
use crate::metrics::expectation::{Assumption, CalculatorResult, ExpectationOptions, ExpectationReport};
use crate::report::group;

/// The calculator's text for `key` in `lang`; "?" for an unknown key.
pub fn tx(lang: Lang, key: &str) -> &'static str {
    let [en, cn, tw] = match key {
        "calc_title" => ["Expectation calculator: what to promise", "期望值计算器：承诺多少", "期望值計算器：承諾多少"],
        "calc_lede" => [
            "Expectations should be neither too low (no attraction) nor too high (disappointment): find the balance point, promise what you do, do what you promise, and deliver better than promised.",
            "期望过低，难以吸引客户；期望过高，难以使客户满意：寻找平衡点，说你所做的，做你所说的，并做到“提供的比承诺的更好”。",
            "期望過低，難以吸引客戶；期望過高，難以使客戶滿意：尋找平衡點，說你所做的，做你所說的，並做到「提供的比承諾的更好」。",
        ],
        "factors" => {
            ["Factors that shape expectations (0 = pushes them down, 10 = pushes them up)", "影响客户期望的因素（0 = 拉低期望，10 = 抬高期望）", "影響客戶期望的因素（0 = 拉低期望，10 = 抬高期望）"]
        }
        "word_of_mouth" => ["Word of mouth", "公司的口碑", "公司的口碑"],
        "promises" => ["Promises and advertising", "公司的承诺（含广告暗示）", "公司的承諾（含廣告暗示）"],
        "role_perception" => ["Role perception (“I am the king” vs “I am a buyer”)", "客户角色感知（“上帝”还是“购买者”）", "客戶角色感知（「上帝」還是「購買者」）"],
        "past_experience" => ["Past experience", "过去的经验", "過去的經驗"],
        "personal_needs" => ["Personal needs", "个人需要", "個人需要"],
        "price" => ["Price (higher price, higher expectations)", "价格（价格越高，期望越高）", "價格（價格越高，期望越高）"],
        "stage" => ["Customer stage", "客户阶段", "客戶階段"],
        "prospect" => ["Never bought", "从未使用过的客户", "從未使用過的客戶"],
        "first_time" => ["First-time customer", "初次使用的客户", "初次使用的客戶"],
        "long_term" => ["Long-term customer", "长期使用的客户", "長期使用的客戶"],
        "order_prospect" => ["word of mouth > advertising > own judgement", "别人的口碑 > 广告暗示 > 自己的主观判断", "別人的口碑 > 廣告暗示 > 自己的主觀判斷"],
        "order_first_time" => ["first-use impression > word of mouth > advertising", "初次使用印象 > 其他人的口碑 > 广告暗示", "初次使用印象 > 其他人的口碑 > 廣告暗示"],
        "order_long_term" => ["long-term experience > own judgement > word of mouth", "长期的使用体验 > 自己的主观判断 > 他人的口碑", "長期的使用體驗 > 自己的主觀判斷 > 他人的口碑"],
        "short_promises" => ["Promises, ads", "公司的承诺", "公司的承諾"],
        "short_role_perception" => ["Role perception", "客户角色感知", "客戶角色感知"],
        "short_price" => ["Price", "价格", "價格"],
        "promise_knobs" => ["Promise and assumptions", "承诺与假设", "承諾與假設"],
        "promise" => ["Promise to look at (days)", "查看的承诺天数", "查看的承諾天數"],
        "k" => ["Orders lost per extra day promised (k)", "每多承诺一天流失的订单（k）", "每多承諾一天流失的訂單（k）"],
        "speed" => ["What if deliveries were faster (%)", "假如交付加快（%）", "假如交付加快（%）"],
        "manual" => ["Use my own delivery times", "使用我输入的交付时间", "使用我輸入的交付時間"],
        "typical" => ["Typical delivery (days)", "通常交付天数", "通常交付天數"],
        "worst" => ["Worst case, 95% within (days)", "最慢情况（95% 在此之内，天）", "最慢情況（95% 在此之內，天）"],
        "expected_level" => ["Expected service level", "客户期望值", "客戶期望值"],
        "band_low" => ["too low to attract", "期望过低，难以吸引客户", "期望過低，難以吸引客戶"],
        "band_balanced" => ["balanced", "处于平衡区间", "處於平衡區間"],
        "band_high" => ["high: hard to satisfy", "期望过高，难以使客户满意", "期望過高，難以使客戶滿意"],
        "contrib_title" => ["What drives the expectation (points of the level)", "期望值由什么驱动（贡献分）", "期望值由什麼驅動（貢獻分）"],
        "contrib_desc" => ["Bar chart: each factor's weight × score.", "条形图：各因素的权重 × 得分。", "條形圖：各因素的權重 × 得分。"],
        "weight" => ["weight", "权重", "權重"],
        "score" => ["score", "得分", "得分"],
        "balance_point" => ["Balance point", "平衡点", "平衡點"],
        "current" => ["Your promise now", "当前承诺", "目前承諾"],
        "current_short" => ["Current", "当前", "目前"],
        "target" => ["Shortest promise kept for {0} of orders", "让 {0} 订单准时的最短承诺", "讓 {0} 訂單準時的最短承諾"],
        "days" => ["days", "天", "天"],
        "in_time" => ["{0} arrive in time", "{0} 准时送达", "{0} 準時送達"],
        "n_orders" => ["orders", "笔订单", "筆訂單"],
        "entered" => ["entered, not measured", "输入值，非实测", "輸入值，非實測"],
        "ci95" => ["95% CI", "95% 置信区间", "95% 信賴區間"],
        "not_in_range" => ["not reached within {0} days", "{0} 天内无法达到", "{0} 天內無法達到"],
        "chart_title" => ["The trade-off: attractiveness against orders kept on time", "权衡：吸引力与准时交付", "權衡：吸引力與準時交付"],
        "chart_desc" => [
            "Line chart over the promised days: share of orders arriving in time, and expected satisfied orders relative to the balance point; the balance point and the current promise are marked.",
            "折线图（横轴为承诺天数）：准时送达的订单比例，以及相对于平衡点的预期满意订单；标出平衡点和当前承诺。",
            "折線圖（橫軸為承諾天數）：準時送達的訂單比例，以及相對於平衡點的預期滿意訂單；標出平衡點和目前承諾。",
        ],
        "on_time_share" => ["On time", "准时比例", "準時比例"],
        "value_rel" => ["Satisfied orders (vs balance point)", "满意订单（相对平衡点）", "滿意訂單（相對平衡點）"],
        "promise_days" => ["Promise (days)", "承诺天数", "承諾天數"],
        "late" => ["Late", "延迟", "延遲"],
        "rating" => ["Expected rating", "预期评分", "預期評分"],
        "attractiveness" => ["Attractiveness", "吸引力", "吸引力"],
        "show_table" => ["Table", "数据表", "資料表"],
        "what_if" => ["What if deliveries were {0} faster (promise {1} days)", "假如交付加快 {0}（承诺 {1} 天）", "假如交付加快 {0}（承諾 {1} 天）"],
        "measure" => ["Measure", "指标", "指標"],
        "now" => ["Now", "现在", "現在"],
        "faster" => ["Faster", "加快后", "加快後"],
        "repeat_rate" => ["Repeat-purchase rate (implied)", "重复购买率（推算）", "重複購買率（推算）"],
        "repeat_note" => [
            "Customers whose first order arrived on time bought again {0} of the time, those whose first order was late {1}: a comparison of groups, not proof of cause.",
            "首单准时送达的客户有 {0} 再次购买，首单延迟的客户为 {1}：这是组间比较，不代表因果关系。",
            "首單準時送達的客戶有 {0} 再次購買，首單延遲的客戶為 {1}：這是組間比較，不代表因果關係。",
        ],
        "advice" => ["Advice", "建议", "建議"],
        "assumptions" => ["Assumptions", "假设", "假設"],
        "response_title" => ["Complaint response: share answered within a promise of h hours", "投诉响应：在承诺的 h 小时内答复的比例", "投訴回應：在承諾的 h 小時內答覆的比例"],
        "hours" => ["Hours", "小时", "小時"],
        "within" => ["Answered within", "在此之内答复", "在此之內答覆"],
        "segments_title" => ["Per product or category", "按产品或类别", "按產品或類別"],
        "segment" => ["Segment", "分组", "分組"],
        "no_data" => [
            "No shop data with delivery dates yet: the numbers below use the typical and worst-case times entered.",
            "尚无含送达日期的店铺数据：以下数字使用输入的通常与最慢交付时间。",
            "尚無含送達日期的商店資料：以下數字使用輸入的通常與最慢交付時間。",
        ],
        "from_data" => ["From the shop's {0} delivered orders.", "基于店铺 {0} 笔已送达订单。", "基於商店 {0} 筆已送達訂單。"],
        "from_entry" => ["From the delivery times entered.", "基于输入的交付时间。", "基於輸入的交付時間。"],
        "not_enough" => ["Not enough data: {0}", "数据不足：{0}", "資料不足：{0}"],
        // Advice sentences.
        "adv_balance" => ["Promise {0} days: {1} of orders arrive in time.", "承诺 {0} 天：{1} 的订单准时送达。", "承諾 {0} 天：{1} 的訂單準時送達。"],
        "adv_shorter" => [" Promising {0} days would make {1} late.", "承诺 {0} 天则会有 {1} 延迟。", "承諾 {0} 天則會有 {1} 延遲。"],
        "adv_current_same" => [
            "Your current promise of {0} days is the balance point: keep it, and do what you promise.",
            "您当前承诺的 {0} 天正是平衡点：保持它，说到做到。",
            "您目前承諾的 {0} 天正是平衡點：保持它，說到做到。",
        ],
        "adv_current_short" => [
            "You promise {0} days now and {1} of orders arrive late: promising {2} days disappoints fewer customers than it loses in attraction.",
            "您现在承诺 {0} 天，{1} 的订单延迟送达：承诺 {2} 天减少的失望多于损失的吸引力。",
            "您現在承諾 {0} 天，{1} 的訂單延遲送達：承諾 {2} 天減少的失望多於損失的吸引力。",
        ],
        "adv_current_long" => [
            "You promise {0} days now, but {1} of orders would already arrive within {2} days: a shorter promise wins more orders.",
            "您现在承诺 {0} 天，但 {1} 的订单在 {2} 天内就能送达：更短的承诺能赢得更多订单。",
            "您現在承諾 {0} 天，但 {1} 的訂單在 {2} 天內就能送達：更短的承諾能贏得更多訂單。",
        ],
        "adv_target" => ["To keep the promise for {0} of orders, promise at least {1} days.", "要让 {0} 的订单兑现承诺，至少承诺 {1} 天。", "要讓 {0} 的訂單兌現承諾，至少承諾 {1} 天。"],
        "adv_low" => [
            "Expectations are low ({0}/10): easy to exceed, but they attract few customers — tell customers what you do well.",
            "期望值偏低（{0}/10）：容易超越，但难以吸引客户——让客户了解您的长处。",
            "期望值偏低（{0}/10）：容易超越，但難以吸引客戶——讓客戶了解您的長處。",
        ],
        "adv_balanced" => [
            "Expectations are balanced ({0}/10), shaped most by {1}: meet them every time and deliver better than promised.",
            "期望值处于平衡区间（{0}/10），主要受{1}影响：每次都满足期望，并做到超出承诺。",
            "期望值處於平衡區間（{0}/10），主要受{1}影響：每次都滿足期望，並做到超出承諾。",
        ],
        "adv_high" => [
            "Expectations are high ({0}/10), driven most by {1}: promise only what you can keep, then exceed it.",
            "期望值偏高（{0}/10），主要受{1}影响：只承诺做得到的，再超出承诺。",
            "期望值偏高（{0}/10），主要受{1}影響：只承諾做得到的，再超出承諾。",
        ],
        "adv_what_if" => [
            "If deliveries were {0} faster, {1} instead of {2} would arrive within {3} days, and the expected rating would be {4}★ instead of {5}★.",
            "假如交付加快 {0}，承诺 {3} 天时准时比例将从 {2} 升至 {1}，预期评分从 {5} 星变为 {4} 星。",
            "假如交付加快 {0}，承諾 {3} 天時準時比例將從 {2} 升至 {1}，預期評分從 {5} 星變為 {4} 星。",
        ],
        "adv_repeat" => [" The repeat-purchase rate would be about {0} instead of {1}.", "重复购买率约为 {0}（现为 {1}）。", "重複購買率約為 {0}（現為 {1}）。"],
        _ => return "?",
    };
    match lang {
        Lang::En => en,
        Lang::ZhCn => cn,
        Lang::ZhTw => tw,
    }
}

fn txf(lang: Lang, key: &str, args: &[&str]) -> String {
    let mut s = tx(lang, key).to_string();
    for (i, a) in args.iter().enumerate() {
        s = s.replace(&format!("{{{i}}}"), a);
    }
    if lang == Lang::En {
        // "1 days" -> "1 day" (the only plural the sentences need).
        s = s.replace(" 1 days", " 1 day");
        if s.starts_with("1 days") {
            s.replace_range(..6, "1 day");
        }
    }
    s
}

/// 0.934 -> "93%" (whole percent, for sentences).
fn pct0(v: f64) -> String {
    format!("{:.0}%", 100.0 * v)
}

/// 0.934 -> "93.4%".
fn pct1(v: f64) -> String {
    format!("{:.1}%", 100.0 * v)
}

/// Days: "3" or "3.5".
fn days(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// The plain-language advice, most important first.
///
/// ```
/// use loyalty_scorecard::metrics::expectation::{calculate, CalculatorData, ExpectationOptions};
/// use loyalty_scorecard::metrics::expectation::promise::DelayInput;
/// use loyalty_scorecard::view::{expectation::advice, Lang};
/// let opts = ExpectationOptions { manual: Some(DelayInput::List { days: vec![3.0; 10] }), ..Default::default() };
/// let r = calculate(&CalculatorData::default(), &opts);
/// assert!(advice(Lang::En, &r)[0].starts_with("Promise 3 days: 100% of orders arrive in time. Promising 2 days would make 100% late."));
/// ```
pub fn advice(lang: Lang, r: &CalculatorResult) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(p) = &r.promise {
        let d = p.recommended_days;
        let mut s = txf(lang, "adv_balance", &[&d.to_string(), &pct0(p.recommended.on_time.value)]);
        if d > 1 {
            if let Some(prev) = p.curve.get(d as usize - 2) {
                s.push_str(&txf(lang, "adv_shorter", &[&(d - 1).to_string(), &pct0(prev.late_share)]));
            }
        }
        out.push(s);
        if let Some(c) = &p.current {
            let rec = f64::from(d);
            if (c.days - rec).abs() < 1e-9 {
                out.push(txf(lang, "adv_current_same", &[&days(c.days)]));
            } else if c.days < rec {
                out.push(txf(lang, "adv_current_short", &[&days(c.days), &pct0(c.late_share), &d.to_string()]));
            } else {
                out.push(txf(lang, "adv_current_long", &[&days(c.days), &pct0(p.recommended.on_time.value), &d.to_string()]));
            }
        }
        if let Some(t) = p.shortest_meeting_target {
            out.push(txf(lang, "adv_target", &[&pct0(p.target_on_time), &t.to_string()]));
        }
    } else if let Some(m) = &r.promise_missing {
        out.push(match m {
            crate::messages::Note::NotEnoughData(why) => txf(lang, "not_enough", &[&why.text(lang)]),
            // (Only the bare "not enough data", without a reason.)
            _ => crate::view::i18n::t(lang, "not_enough_data").to_string(),
        });
    }
    let e = &r.expected_level;
    let top = e.contributions.first().map(|c| tx(lang, c.factor.key())).unwrap_or("");
    let v = format!("{:.1}", e.value);
    out.push(match e.band {
        LevelBand::Low => txf(lang, "adv_low", &[&v]),
        LevelBand::Balanced => txf(lang, "adv_balanced", &[&v, top]),
        LevelBand::High => txf(lang, "adv_high", &[&v, top]),
    });
    if let Some(w) = r.what_if.as_ref().filter(|w| w.speed_up > 0.0) {
        let mut s = txf(
            lang,
            "adv_what_if",
            &[&pct0(w.speed_up), &pct0(w.after.on_time), &pct0(w.before.on_time), &days(w.promise_days), &format!("{:.2}", w.after.expected_rating), &format!("{:.2}", w.before.expected_rating)],
        );
        if let (Some(a), Some(b)) = (&w.after.repeat_rate, &w.before.repeat_rate) {
            s.push_str(&txf(lang, "adv_repeat", &[&pct1(a.value), &pct1(b.value)]));
        }
        out.push(s);
    }
    out
}

fn f1(v: f64) -> String {
    format!("{v:.1}")
}

/// The trade-off chart: on-time share and relative value against the promise, with the balance
/// point, the current promise and the selected promise marked. Marks are focusable.
pub fn trade_off_chart(lang: Lang, p: &PromiseAnalysis, selected: Option<f64>) -> Node {
    let (w, pad_l, pad_r, pad_b) = (super::charts::drawn_width(460.0), 40.0, 12.0, 30.0);
    // The legend (from the left edge on a narrow chart, its names being long), and the plot
    // below its last row.
    let series = [("s1", tx(lang, "on_time_share"), 0usize), ("s2", tx(lang, "value_rel"), 1usize)];
    let (keys, last_row) = super::charts::legend_places(&[series[0].1, series[1].1], if w < 400.0 { 8.0 } else { pad_l + 8.0 }, 6.0, w);
    let (h, pad_t) = (230.0 + last_row, 36.0 + last_row);
    let n = p.curve.len().max(2);
    let d_max = p.curve.last().map(|c| c.days).unwrap_or(2.0).max(2.0);
    let x = |d: f64| pad_l + (w - pad_l - pad_r) * (d - 1.0) / (d_max - 1.0);
    let y = |v: f64| h - pad_b - (h - pad_b - pad_t) * v.clamp(0.0, 1.0);
    let mut svg =
        Node::svg("svg").attr("viewBox", &format!("0 0 {w} {h}")).attr("width", &format!("{w:.1}")).attr("role", "img").attr("aria-label", tx(lang, "chart_desc")).class("chart lines trade-off");
    for v in [0.0, 0.5, 1.0] {
        svg = svg.children([
            Node::svg("line").class("grid").attr("x1", &f1(pad_l)).attr("x2", &f1(w - pad_r)).attr("y1", &f1(y(v))).attr("y2", &f1(y(v))),
            Node::svg("text").attr("x", &f1(pad_l - 4.0)).attr("y", &f1(y(v) + 4.0)).attr("text-anchor", "end").text(&format!("{:.0}%", 100.0 * v)),
        ]);
    }
    // As many day labels as fit side by side.
    let labels: Vec<String> = p.curve.iter().map(|c| days(c.days)).collect();
    let widest = labels.iter().map(|l| super::charts::label_width(l)).fold(0.0, f64::max);
    for i in super::charts::spaced_labels(labels.len(), widest, (w - pad_l - pad_r) / (n - 1) as f64, 0.0) {
        svg = svg.child(Node::svg("text").attr("x", &f1(x(p.curve[i].days))).attr("y", &f1(h - 14.0)).attr("text-anchor", "middle").text(&labels[i]));
    }
    svg = svg.child(Node::svg("text").attr("x", &f1((pad_l + w) / 2.0)).attr("y", &f1(h - 1.0)).attr("text-anchor", "middle").text(tx(lang, "promise_days")));
    // Labels above the plot: the current promise to the left of its line, the others to the right.
    let mut marker = |d: f64, class: &str, label: &str| {
        let left = class == "current";
        svg.children.push(Node::svg("line").class(&format!("marker {class}")).attr("x1", &f1(x(d))).attr("x2", &f1(x(d))).attr("y1", &f1(pad_t - 12.0)).attr("y2", &f1(h - pad_b)));
        svg.children.push(
            Node::svg("text")
                .class(&format!("marker-label {class}"))
                .attr("x", &f1(x(d) + if left { -3.0 } else { 3.0 }))
                .attr("y", &f1(if class == "selected" { pad_t + 10.0 } else { pad_t - 4.0 }))
                .attr("text-anchor", if left { "end" } else { "start" })
                .text(label),
        );
    };
    if let Some(c) = &p.current {
        if (c.days - f64::from(p.recommended_days)).abs() > 1e-9 {
            marker(c.days, "current", tx(lang, "current_short"));
        }
    }
    marker(f64::from(p.recommended_days), "best", tx(lang, "balance_point"));
    if let Some(s) = selected.filter(|s| (s - f64::from(p.recommended_days)).abs() > 1e-9 && p.current.as_ref().is_none_or(|c| (c.days - s).abs() > 1e-9)) {
        marker(s, "selected", &days(s));
    }
    for (si, (class, name, which)) in series.iter().enumerate() {
        let val = |c: &crate::metrics::expectation::promise::PromisePoint| if *which == 0 { c.on_time.value } else { c.relative_value };
        let pts: Vec<String> = p.curve.iter().map(|c| format!("{},{}", f1(x(c.days)), f1(y(val(c))))).collect();
        svg = svg.child(Node::svg("polyline").class(&format!("line {class}")).attr("points", &pts.join(" ")));
        for c in &p.curve {
            let tip = format!("{} {}: {} {}", days(c.days), tx(lang, "days"), name, pct1(val(c)));
            svg = svg.child(
                Node::svg("g")
                    .attr("tabindex", "0")
                    .attr("role", "img")
                    .attr("aria-label", &tip)
                    .class(&format!("pt {class}"))
                    .children([Node::svg("title").text(&tip), Node::svg("circle").attr("cx", &f1(x(c.days))).attr("cy", &f1(y(val(c)))).attr("r", "3.5")]),
            );
        }
        let (lx, ly) = keys[si];
        svg = svg.child(super::charts::legend_key(lx, ly, class, name));
    }
    let table = Table {
        head: vec![
            tx(lang, "promise_days").into(),
            tx(lang, "on_time_share").into(),
            tx(lang, "ci95").into(),
            tx(lang, "late").into(),
            tx(lang, "rating").into(),
            tx(lang, "attractiveness").into(),
            tx(lang, "value_rel").into(),
        ],
        rows: p
            .curve
            .iter()
            .map(|c| {
                vec![
                    days(c.days),
                    pct1(c.on_time.value),
                    c.on_time.interval.as_ref().map(|i| format!("{}–{}", pct1(i.lower), pct1(i.upper))).unwrap_or_else(|| "–".into()),
                    pct1(c.late_share),
                    format!("{:.2}", c.expected_rating),
                    format!("{:.3}", c.attractiveness),
                    pct1(c.relative_value),
                ]
            })
            .collect(),
        numeric: vec![true; 7],
    };
    // Text alternative: the two marked promises in words.
    let mut alt = format!("{}: {} {} ({}).", tx(lang, "balance_point"), p.recommended_days, tx(lang, "days"), txf(lang, "in_time", &[&pct1(p.recommended.on_time.value)]));
    if let Some(c) = &p.current {
        alt.push_str(&format!(" {}: {} {} ({}).", tx(lang, "current"), days(c.days), tx(lang, "days"), txf(lang, "in_time", &[&pct1(c.on_time.value)])));
    }
    Node::el("figure").class("panel").attr("data-chart", "trade_off").children([
        Node::el("figcaption").text(tx(lang, "chart_title")),
        svg,
        Node::el("p").class("note").attr("data-testid", "chart-alt").text(&alt),
        table_disclosure(tx(lang, "show_table"), &table),
    ])
}

fn share_detail(lang: Lang, s: &crate::metrics::expectation::promise::Share) -> String {
    let ci = s.interval.as_ref().map(|i| format!(" · {} {}–{}", tx(lang, "ci95"), pct1(i.lower), pct1(i.upper))).unwrap_or_default();
    let n = s.n.map(|n| format!(" · n = {} {}", group(n), tx(lang, "n_orders"))).unwrap_or_else(|| format!(" · {}", tx(lang, "entered")));
    format!("{}{ci}{n}", txf(lang, "in_time", &[&pct1(s.value)]))
}

/// The calculator's answer: tiles, advice, chart, contributions, what-if, response times,
/// segments and assumptions. `selected` is the promise the user looks at (marked on the chart).
pub fn results(lang: Lang, r: &CalculatorResult, selected: Option<f64>) -> Node {
    let mut out = Node::el("div").class("calc-results").attr("data-role", "calc-results").attr("lang", lang.tag());
    let e = &r.expected_level;
    let band = tx(
        lang,
        match e.band {
            LevelBand::Low => "band_low",
            LevelBand::Balanced => "band_balanced",
            LevelBand::High => "band_high",
        },
    );
    let order = tx(
        lang,
        match e.stage {
            Stage::Prospect => "order_prospect",
            Stage::FirstTime => "order_first_time",
            Stage::LongTerm => "order_long_term",
        },
    );
    let level_detail = format!("{band} · {}: {order}", tx(lang, e.stage.key()));
    let mut tiles = vec![tile("expected_level", tx(lang, "expected_level"), format!("{:.1}", e.value), "/ 10", level_detail, None)];
    if let Some(p) = &r.promise {
        tiles.push(tile("balance_point", tx(lang, "balance_point"), p.recommended_days.to_string(), tx(lang, "days"), share_detail(lang, &p.recommended.on_time), None));
        if let Some(c) = &p.current {
            tiles.push(tile("current_promise", tx(lang, "current"), days(c.days), tx(lang, "days"), share_detail(lang, &c.on_time), None));
        }
        let target_label = txf(lang, "target", &[&pct0(p.target_on_time)]);
        let (v, detail) = match p.shortest_meeting_target {
            Some(t) => (t.to_string(), share_detail(lang, &p.curve[t as usize - 1].on_time)),
            None => ("–".to_string(), txf(lang, "not_in_range", &[&p.curve.len().to_string()])),
        };
        tiles.push(tile("target_promise", &target_label, v, tx(lang, "days"), detail, None));
    }
    out = out.child(Node::el("div").class("tiles").children(tiles));
    let source = match (&r.delivery_source, &r.promise) {
        (Some(DelaySource::Orders), Some(p)) => txf(lang, "from_data", &[&group(p.n.unwrap_or(0))]),
        (Some(_), _) => tx(lang, "from_entry").to_string(),
        _ => String::new(),
    };
    if !source.is_empty() {
        out = out.child(Node::el("p").class("note").attr("data-testid", "calc-source").text(&source));
    }
    out = out.child(
        Node::el("div")
            .class("panel advice")
            .attr("data-testid", "advice")
            .children([Node::el("h4").text(tx(lang, "advice")), Node::el("ul").children(advice(lang, r).iter().map(|a| Node::el("li").text(a)))]),
    );
    if let Some(p) = &r.promise {
        out = out.child(trade_off_chart(lang, p, selected));
    }
    if let Some(w) = &r.what_if {
        let rep = |o: &crate::metrics::expectation::promise::Outcome| o.repeat_rate.as_ref().map(|q| format!("{} ({}–{})", pct1(q.value), pct1(q.low), pct1(q.high))).unwrap_or_else(|| "–".into());
        let table = Table {
            head: vec![tx(lang, "measure").into(), tx(lang, "now").into(), tx(lang, "faster").into()],
            rows: vec![
                vec![tx(lang, "on_time_share").into(), pct1(w.before.on_time), pct1(w.after.on_time)],
                vec![tx(lang, "rating").into(), format!("{:.2}★", w.before.expected_rating), format!("{:.2}★", w.after.expected_rating)],
                vec![tx(lang, "repeat_rate").into(), rep(&w.before), rep(&w.after)],
            ],
            numeric: vec![false, true, true],
        };
        let mut panel = Node::el("div")
            .class("panel")
            .attr("data-panel", "what-if")
            .children([Node::el("h4").text(&txf(lang, "what_if", &[&pct0(w.speed_up), &days(w.promise_days)])), super::charts::table_node(&table)]);
        if let Some(q) = &w.repeat {
            panel = panel.child(Node::el("p").class("note").text(&txf(lang, "repeat_note", &[&pct1(q.after_on_time.value), &pct1(q.after_late.value)])));
        }
        out = out.child(panel);
    }
    let marks: Vec<Mark> = e
        .contributions
        .iter()
        .map(|c| Mark {
            label: match tx(lang, &format!("short_{}", c.factor.key())) {
                "?" => tx(lang, c.factor.key()),
                short => short,
            }
            .to_string(),
            value: c.points,
            tip: format!("{}: {} {:.1} × {} {:.3} = {:.2}", tx(lang, c.factor.key()), tx(lang, "score"), c.score, tx(lang, "weight"), c.weight, c.points),
        })
        .collect();
    out = out.child(
        Node::el("figure")
            .class("panel")
            .attr("data-chart", "contributions")
            .children([Node::el("figcaption").text(tx(lang, "contrib_title")), hbars(tx(lang, "contrib_desc"), &marks, &|v| format!("{v:.2}"))]),
    );
    if let Some(rc) = &r.response {
        let table = Table {
            head: vec![tx(lang, "hours").into(), tx(lang, "within").into(), tx(lang, "ci95").into()],
            rows: rc
                .curve
                .iter()
                .map(|p| vec![p.hours.to_string(), pct1(p.within.value), p.within.interval.as_ref().map(|i| format!("{}–{}", pct1(i.lower), pct1(i.upper))).unwrap_or_else(|| "–".into())])
                .collect(),
            numeric: vec![true, true, true],
        };
        out = out.child(Node::el("div").class("panel").attr("data-panel", "response").children([Node::el("h4").text(tx(lang, "response_title")), super::charts::table_node(&table)]));
    }
    if !r.segments.is_empty() {
        let table = Table {
            head: vec![tx(lang, "segment").into(), tx(lang, "n_orders").into(), tx(lang, "balance_point").into(), tx(lang, "on_time_share").into(), tx(lang, "current").into()],
            rows: r
                .segments
                .iter()
                .map(|s| vec![s.segment.clone(), group(s.orders), s.recommended_days.to_string(), pct1(s.on_time_at_recommended), s.on_time_at_current.map(pct1).unwrap_or_else(|| "–".into())])
                .collect(),
            numeric: vec![false, true, true, true, true],
        };
        out = out.child(Node::el("div").class("panel").attr("data-panel", "segments").children([Node::el("h4").text(tx(lang, "segments_title")), super::charts::table_node(&table)]));
    }
    out.child(
        Node::el("details")
            .class("assumptions")
            .children([Node::el("summary").text(tx(lang, "assumptions")), Node::el("ul").children(r.assumptions.iter().map(|a| Node::el("li").text(&assumption_text(lang, a))))]),
    )
}

/// An assumption of the calculator in `lang`, from its code and numbers (English: the
/// metric's own text). Terms as in 《影响客户期望的因素》.
pub(crate) fn assumption_text(lang: Lang, a: &Assumption) -> String {
    let tw = match lang {
        Lang::En => return a.text.clone(),
        Lang::ZhCn => false,
        Lang::ZhTw => true,
    };
    let v = |i: usize| a.values.get(i).copied().flatten().unwrap_or(f64::NAN);
    let pick = |cn: &str, tw_text: &str| if tw { tw_text.to_string() } else { cn.to_string() };
    match a.code {
        "weights" if v(0) == 1.0 => pick("因素权重：按输入的数值，归一化为总和 1。", "因素權重：按輸入的數值，歸一化為總和 1。"),
        "weights" => pick(
            "因素权重：按《影响客户期望的因素》中各阶段的先后次序计分（每项 ½ 分，前三项影响再加 3/2/1 分）÷ 9。",
            "因素權重：按《影响客户期望的因素》中各階段的先後次序計分（每項 ½ 分，前三項影響再加 3/2/1 分）÷ 9。",
        ),
        "delivery_orders" => pick("配送时间：本店已送达订单的实际用时（送达 − 下单，按整天计），假设今后照此重复。", "配送時間：本店已送達訂單的實際用時（送達 − 下單，按整天計），假設今後照此重複。"),
        "delivery_list" => pick("配送时间：输入的天数列表（小数向上取整为整天）。", "配送時間：輸入的天數列表（小數向上取整為整天）。"),
        "delivery_typical_worst" => pick("配送时间：对数正态分布，以通常用时为中位数、最坏情况为第 95 百分位。", "配送時間：對數常態分布，以通常用時為中位數、最壞情況為第 95 百分位。"),
        "rating" => {
            let (on, late, early) = (v(1), v(2), v(3));
            let slopes = if tw {
                format!("準時 {on:.2}★，每晚一天 {late:+.2}★，每早一天 {early:+.2}★")
            } else {
                format!("准时 {on:.2}★，每晚一天 {late:+.2}★，每早一天 {early:+.2}★")
            };
            if v(0).is_nan() {
                if tw {
                    format!("訂單評分：{slopes}（未擬合：預設值或您輸入的數值）。")
                } else {
                    format!("订单评分：{slopes}（未拟合：默认值或您输入的数值）。")
                }
            } else {
                let (n, cap) = (v(0), v(4));
                let capped = if cap.is_nan() {
                    String::new()
                } else if tw {
                    format!("（最多提前 {cap:.0} 天，與資料所見一致）")
                } else {
                    format!("（最多提前 {cap:.0} 天，与数据所见一致）")
                };
                if tw {
                    format!("訂單評分：根據 {n:.0} 筆有評分的訂單擬合，{slopes}{capped}。")
                } else {
                    format!("订单评分：根据 {n:.0} 个有评分的订单拟合，{slopes}{capped}。")
                }
            }
        }
        "satisfaction" => pick("订单满意度 =（预期评分 − 1）÷ 4：5★ 计为一个满意订单，1★ 计为零。", "訂單滿意度 =（預期評分 − 1）÷ 4：5★ 計為一筆滿意訂單，1★ 計為零。"),
        "attractiveness" => {
            let (fewer, k) = (v(0), v(1));
            if tw {
                format!("每多承諾一天，訂單減少 {fewer:.1}%：吸引力 = exp(−{k}·(天數 − 1))。")
            } else {
                format!("每多承诺一天，订单减少 {fewer:.1}%：吸引力 = exp(−{k}·(天数 − 1))。")
            }
        }
        "balance" => pick("平衡点：预期满意订单最多的承诺（吸引力 × 满意度）。", "平衡點：預期滿意訂單最多的承諾（吸引力 × 滿意度）。"),
        "speed_up" => {
            let faster = v(0);
            if tw {
                format!("假設情境：每次配送用時縮短 {faster:.0}%（記錄的一天在當天內均勻分布，再按整天重新計數）；其他不變。")
            } else {
                format!("假设情景：每次配送用时缩短 {faster:.0}%（记录的一天在当天内均匀分布，再按整天重新计数）；其他不变。")
            }
        }
        "repeat" => {
            let days = v(0);
            if tw {
                format!("回購率 = 準時占比 × 首單準時後的回購率 + 延遲占比 × 首單延遲後的回購率（追蹤 ≥ {days:.0} 天的顧客）：這是組間比較，不是因果證明。")
            } else {
                format!("回购率 = 准时占比 × 首单准时后的回购率 + 延迟占比 × 首单延迟后的回购率（追踪 ≥ {days:.0} 天的顾客）：这是组间比较，不是因果证明。")
            }
        }
        // A code this table does not know yet: the English text rather than nothing.
        _ => a.text.clone(),
    }
}

fn range(role: &str, id: &str, min: f64, max: f64, step: f64, value: f64) -> Node {
    Node::el("input")
        .attr("type", "range")
        .attr("id", id)
        .attr("min", &format!("{min}"))
        .attr("max", &format!("{max}"))
        .attr("step", &format!("{step}"))
        .attr("value", &format!("{value}"))
        .attr("data-role", role)
}

fn labelled(id: &str, label: &str, control: Node, shown: &str) -> Node {
    Node::el("div").class("control").children([Node::el("label").attr("for", id).text(label), control, Node::el("output").attr("for", id).attr("data-out", id).text(shown)])
}

/// What the controls show.
pub struct ControlState<'a> {
    pub options: &'a ExpectationOptions,
    /// Whether shop data with deliveries is loaded.
    pub has_data: bool,
    /// The promise looked at (slider), days.
    pub promise: f64,
    /// Upper end of the promise slider.
    pub promise_max: u32,
    /// Typical and worst-case delivery days entered.
    pub typical: f64,
    pub worst: f64,
}

/// The calculator's controls: stage, six factor sliders, promise, k, speed-up, and the entered
/// delivery times (always used without shop data; by choice with it). Native inputs with
/// labels, so the keyboard works as everywhere.
pub fn controls(lang: Lang, s: &ControlState<'_>) -> Node {
    let o = s.options;
    let stage = Node::el("select").attr("id", "ec-stage").attr("data-role", "stage").children(Stage::ALL.map(|st| {
        let n = Node::el("option").attr("value", st.key()).text(tx(lang, st.key()));
        if st == o.stage {
            n.attr("selected", "")
        } else {
            n
        }
    }));
    let mut factors = Node::el("fieldset").class("factors").child(Node::el("legend").text(tx(lang, "factors")));
    for f in Factor::ALL {
        let id = format!("ec-f-{}", f.key());
        let v = o.factors.get(f);
        factors = factors.child(labelled(&id, tx(lang, f.key()), range("factor", &id, 0.0, 10.0, 1.0, v).attr("data-factor", f.key()), &format!("{v:.0}")));
    }
    factors = factors.child(Node::el("div").class("control").children([Node::el("label").attr("for", "ec-stage").text(tx(lang, "stage")), stage]));
    let manual_on = !s.has_data || matches!(o.manual, Some(DelayInput::TypicalWorst { .. }));
    let number = |role: &str, id: &str, v: f64| {
        Node::el("input").attr("type", "number").attr("id", id).attr("min", "0.5").attr("max", &MAX_DAYS.to_string()).attr("step", "0.5").attr("value", &format!("{v}")).attr("data-role", role)
    };
    let mut knobs = Node::el("fieldset").class("knobs-set").children([
        Node::el("legend").text(tx(lang, "promise_knobs")),
        labelled("ec-promise", tx(lang, "promise"), range("promise", "ec-promise", 1.0, f64::from(s.promise_max.max(2)), 1.0, s.promise), &days(s.promise)),
        labelled("ec-k", tx(lang, "k"), range("k", "ec-k", 0.0, 0.5, 0.01, o.attractiveness_k), &format!("{:.2}", o.attractiveness_k)),
        labelled("ec-speed", tx(lang, "speed"), range("speed", "ec-speed", 0.0, 50.0, 5.0, (100.0 * o.speed_up).round()), &format!("{:.0}%", 100.0 * o.speed_up)),
    ]);
    if s.has_data {
        let mut cb = Node::el("input").attr("type", "checkbox").attr("id", "ec-manual").attr("data-role", "manual");
        if manual_on {
            cb = cb.attr("checked", "");
        }
        knobs = knobs.child(Node::el("div").class("control check").children([cb, Node::el("label").attr("for", "ec-manual").text(tx(lang, "manual"))]));
    } else {
        knobs = knobs.child(Node::el("p").class("note").attr("data-testid", "calc-no-data").text(tx(lang, "no_data")));
    }
    knobs = knobs.children([
        Node::el("div").class("control").children([Node::el("label").attr("for", "ec-typical").text(tx(lang, "typical")), number("typical", "ec-typical", s.typical)]),
        Node::el("div").class("control").children([Node::el("label").attr("for", "ec-worst").text(tx(lang, "worst")), number("worst", "ec-worst", s.worst)]),
    ]);
    Node::el("div").class("calc-controls").attr("data-role", "calc-controls").children([factors, knobs])
}

/// The scorecard's section: the calculator's answer at the options' assumptions.
pub fn section(lang: Lang, rep: &ExpectationReport) -> Node {
    let selected = rep.result.what_if.as_ref().map(|w| w.promise_days);
    Node::el("section").class("section").attr("data-section", "expectation").attr("aria-labelledby", "ls-h-exp").children([
        Node::el("h3").attr("id", "ls-h-exp").text(tx(lang, "calc_title")),
        Node::el("p").class("lede").text(tx(lang, "calc_lede")),
        results(lang, &rep.result, selected),
    ])
}

#[cfg(test)]
mod assumption_tests {
    use super::*;
    use crate::metrics::expectation::promise::DelaySource;

    /// Every assumption the calculator can state, in both Chinese forms: no English word left,
    /// and every number of the English text there too.
    #[test]
    fn every_assumption_is_written_in_chinese_with_its_numbers() {
        use crate::metrics::expectation::promise::RatingLink;
        use crate::metrics::expectation::{assumptions, ExpectationOptions};
        let result = |opts: &ExpectationOptions, source, fitted: bool, repeat| {
            let link = if fitted {
                RatingLink { on_time_rating: 4.03, per_day_late: -0.46, per_day_early: 0.18, fitted_on: Some(1257), early_cap: Some(2.0) }
            } else {
                RatingLink { on_time_rating: 4.5, per_day_late: -0.5, per_day_early: 0.0, fitted_on: None, early_cap: None }
            };
            assumptions(opts, &link, source, repeat)
        };
        let mut seen = std::collections::BTreeSet::new();
        for (weights, source, fitted, repeat) in [(false, Some(DelaySource::Orders), true, true), (true, Some(DelaySource::List), false, false), (false, Some(DelaySource::TypicalWorst), true, false)]
        {
            let mut opts = ExpectationOptions::default();
            if weights {
                opts.weights = Some(crate::metrics::expectation::factors::FactorValues::default());
            }
            for a in result(&opts, source, fitted, repeat) {
                seen.insert(a.code);
                let numbers: Vec<String> =
                    a.text.split(|c: char| !(c.is_ascii_digit() || c == '.')).filter(|t| t.chars().any(|c| c.is_ascii_digit())).map(|t| t.trim_end_matches('.').to_string()).collect();
                for lang in [Lang::ZhCn, Lang::ZhTw] {
                    let zh = assumption_text(lang, &a);
                    let words: Vec<&str> = zh.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 1 && *w != "exp").collect();
                    assert!(words.is_empty(), "{}: English left in {zh}: {words:?}", a.code);
                    for n in &numbers {
                        assert!(zh.contains(n.as_str()), "{}: {n} of '{}' missing from '{zh}'", a.code, a.text);
                    }
                }
            }
        }
        let all = ["weights", "delivery_orders", "delivery_list", "delivery_typical_worst", "rating", "satisfaction", "attractiveness", "balance", "speed_up", "repeat"];
        assert_eq!(seen.into_iter().collect::<Vec<_>>(), {
            let mut v = all.to_vec();
            v.sort();
            v
        });
    }
}
