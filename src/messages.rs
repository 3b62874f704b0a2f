//! Notes, warnings and verdicts that metrics return as typed values (a variant with its
//! figures), written in the reader's language by the views: English, simplified and
//! traditional Chinese. In the JSON a note is its English sentence, so the scorecard's schema
//! keeps `messages: string[]`.
//!
//! Metrics still write some notes as English sentences ([`Note::Text`]); they move to typed
//! variants one at a time, and the test of the Chinese page (tests/zh_prose.rs) fails on any
//! that reaches the sample shop's page.
//!
//! ```
//! use loyalty_scorecard::messages::Note;
//! use loyalty_scorecard::view::Lang;
//! let n = Note::ModelOff { model: "Pareto/NBD" };
//! assert_eq!(n.en(), "Pareto/NBD: not fitted (turned off in the options)");
//! assert_eq!(n.text(Lang::ZhCn), "Pareto/NBD：未拟合（已在选项中关闭）");
//! assert_eq!(serde_json::to_string(&n).unwrap(), "\"Pareto/NBD: not fitted (turned off in the options)\"");
//! ```

use crate::view::Lang;
use serde::{Serialize, Serializer};

/// A part of the survey analysis a note is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Gaps,
    Kano,
    Ipa,
    Index,
    Drivers,
}

impl Part {
    fn name(self, lang: Lang) -> &'static str {
        let [en, cn, tw] = match self {
            Part::Gaps => ["gaps", "期望差距", "期望差距"],
            Part::Kano => ["Kano", "Kano 分类", "Kano 分類"],
            Part::Ipa => ["importance-performance", "重要性-表现分析", "重要性-表現分析"],
            Part::Index => ["index", "满意度指数", "滿意度指數"],
            Part::Drivers => ["drivers", "忠诚驱动因素", "忠誠驅動因素"],
        };
        lang.pick(en, cn, tw)
    }

    /// The part's name in the English notes (as the JSON has always written it).
    pub fn key(self) -> &'static str {
        match self {
            Part::Gaps => "gaps",
            Part::Kano => "kano",
            Part::Ipa => "ipa",
            Part::Index => "index",
            Part::Drivers => "drivers",
        }
    }
}

/// One note.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// A note about one part of the survey analysis.
    In { part: Part, note: Box<Note> },
    /// A part that could not be computed, and why.
    NotEnoughData(Box<Note>),
    /// Expectation gaps need items asked both ways, with `min_n` answer pairs.
    GapsNeedPairs { min_n: usize },
    /// A purchase model the options turned off.
    ModelOff { model: &'static str },
    /// BG/NBD's P(alive) of one-time buyers is 1 by construction.
    BgNbdOneTimeBuyers,
    /// A figure resting on fewer customers than the shop-level figures need.
    FewCustomers { n: u64 },
    /// A figure resting on fewer than `min` observations of a kind.
    SmallSample { n: u64, what: crate::metrics::satisfaction::Counted, min: u64 },
    /// A figure resting on one observation.
    Anecdote { what: crate::metrics::satisfaction::Counted },
    /// The orders have no money column.
    NoMoney,
    /// Orders in several currencies (each with its order count): the figures use `kept`'s
    /// `kept_orders` orders; `left_orders` in the `left` currencies are left out.
    CurrenciesKept { counts: Vec<(String, usize)>, kept: String, kept_orders: usize, left_orders: usize, left: Vec<String> },
    /// Orders in several currencies, every total converted into `base` at `rates`.
    CurrenciesConverted { counts: Vec<(String, usize)>, base: String, rates: Vec<(String, f64)> },
    /// Orders without a customer key left out of a multi-currency analysis.
    UnkeyedLeftOut { n: usize },
    /// A note still written as an English sentence.
    Text(String),
}

impl Note {
    /// The note in English.
    pub fn en(&self) -> String {
        self.text(Lang::En)
    }

    /// The note in `lang` (a [`Note::Text`] stays as written).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Note::In { part, note } => {
                let name = if lang == Lang::En { part.key() } else { part.name(lang) };
                lang.pick(format!("{name}: {}", note.text(lang)), format!("{name}：{}", note.text(lang)), format!("{name}：{}", note.text(lang)))
            }
            Note::NotEnoughData(why) => lang.pick(
                format!("not enough data: {}", why.text(lang)),
                format!("数据不足：{}", why.text(lang)),
                format!("資料不足：{}", why.text(lang)),
            ),
            Note::GapsNeedPairs { min_n } => lang.pick(
                format!("gaps need items with both a Performance and an Expectation question and {min_n}+ answer pairs"),
                format!("需要同时有“表现”和“期望”两道题、且至少 {min_n} 组成对回答的项目"),
                format!("需要同時有「表現」和「期望」兩道題、且至少 {min_n} 組成對回答的項目"),
            ),
            Note::ModelOff { model } => lang.pick(
                format!("{model}: not fitted (turned off in the options)"),
                format!("{model}：未拟合（已在选项中关闭）"),
                format!("{model}：未擬合（已在選項中關閉）"),
            ),
            Note::BgNbdOneTimeBuyers => lang.pick(
                "BG/NBD gives P(alive) = 1 to one-time buyers by construction (it only lets customers drop out after a repeat purchase); \
                 it does not mean they are active. See the Pareto/NBD or MBG/NBD for a P(alive) of one-time buyers."
                    .to_string(),
                "BG/NBD 模型按其设定给只购买一次的顾客 P(alive) = 1（它只允许顾客在重复购买之后流失），这并不表示他们仍然活跃。一次性顾客的 P(alive) 请看 Pareto/NBD 或 MBG/NBD。".to_string(),
                "BG/NBD 模型按其設定給只購買一次的顧客 P(alive) = 1（它只允許顧客在重複購買之後流失），這並不表示他們仍然活躍。一次性顧客的 P(alive) 請看 Pareto/NBD 或 MBG/NBD。".to_string(),
            ),
            Note::FewCustomers { n } => lang.pick(
                format!("only {n} customers: read this figure as a rough indication"),
                format!("只有 {n} 位顾客：此数字仅供粗略参考"),
                format!("只有 {n} 位顧客：此數字僅供粗略參考"),
            ),
            Note::SmallSample { n, what, min } => lang.pick(
                format!("only {n} {} (fewer than {min}): read this figure as a rough indication", what.word(Lang::En)),
                format!("只有 {n} {}（少于 {min}）：此数字仅供粗略参考", what.word(Lang::ZhCn)),
                format!("只有 {n} {}（少於 {min}）：此數字僅供粗略參考", what.word(Lang::ZhTw)),
            ),
            Note::Anecdote { what } => lang.pick(
                format!("only 1 of the {}: read this as an anecdote, not a figure", what.word(Lang::En)),
                format!("只有 1 {}：只能当作个例，不是统计数字", what.word(Lang::ZhCn)),
                format!("只有 1 {}：只能當作個例，不是統計數字", what.word(Lang::ZhTw)),
            ),
            Note::CurrenciesKept { counts, kept, kept_orders, left_orders, left } => {
                let list = currency_counts(counts);
                let (kept_n, left_n, left) = (crate::report::group(*kept_orders as u64), crate::report::group(*left_orders as u64), left.join(", "));
                lang.pick(
                    format!("orders in several currencies ({list}): the figures are in {kept}, from its {kept_n} orders; {left_n} orders in {left} are left out, so that no figure adds up different currencies (give exchange_rates to convert them, or choose the currency)"),
                    format!("订单涉及多种币种（{list}）：各项数字以 {kept} 计算，来自其 {kept_n} 笔订单；{left} 的 {left_n} 笔订单未计入，以免把不同币种相加（可提供汇率 exchange_rates 换算，或选择币种）"),
                    format!("訂單涉及多種幣別（{list}）：各項數字以 {kept} 計算，來自其 {kept_n} 筆訂單；{left} 的 {left_n} 筆訂單未計入，以免把不同幣別相加（可提供匯率 exchange_rates 換算，或選擇幣別）"),
                )
            }
            Note::CurrenciesConverted { counts, base, rates } => {
                let list = currency_counts(counts);
                let used = rates.iter().map(|(c, r)| format!("1 {c} = {r} {base}")).collect::<Vec<_>>().join(", ");
                lang.pick(
                    format!("orders in several currencies ({list}): every total is converted into {base} at the rates given ({used})"),
                    format!("订单涉及多种币种（{list}）：所有金额按所给汇率换算为 {base}（{used}）"),
                    format!("訂單涉及多種幣別（{list}）：所有金額按所給匯率換算為 {base}（{used}）"),
                )
            }
            Note::UnkeyedLeftOut { n } => lang.pick(
                format!("{n} orders without a customer key are left out: with orders in several currencies their currency is not kept"),
                format!("{n} 笔无顾客标识的订单未计入：订单涉及多种币种时，这些订单的币种未保留"),
                format!("{n} 筆無顧客標識的訂單未計入：訂單涉及多種幣別時，這些訂單的幣別未保留"),
            ),
            Note::NoMoney => lang.pick(
                "no money column in the orders: revenue is not known".to_string(),
                "订单文件没有金额列：销售额未知".to_string(),
                "訂單檔案沒有金額欄：銷售額未知".to_string(),
            ),
            Note::Text(s) => s.clone(),
        }
    }

    /// Whether the English note starts with `s`.
    pub fn starts_with(&self, s: &str) -> bool {
        self.en().starts_with(s)
    }

    /// Whether the English note contains `s`.
    pub fn contains(&self, s: &str) -> bool {
        self.en().contains(s)
    }
}

impl From<String> for Note {
    fn from(s: String) -> Note {
        Note::Text(s)
    }
}

impl From<&str> for Note {
    fn from(s: &str) -> Note {
        Note::Text(s.to_string())
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

impl Serialize for Note {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.en())
    }
}

/// "EUR 2,900, USD 148".
pub(crate) fn currency_counts(counts: &[(String, usize)]) -> String {
    counts.iter().map(|(c, n)| format!("{c} {}", crate::report::group(*n as u64))).collect::<Vec<_>>().join(", ")
}

/// A report's notes: pushed as typed [`Note`]s or (still) as English sentences.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(transparent)]
pub struct Notes(pub Vec<Note>);

impl Notes {
    pub fn new() -> Notes {
        Notes(Vec::new())
    }

    pub fn push(&mut self, n: impl Into<Note>) {
        self.0.push(n.into());
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Note> {
        self.0.iter()
    }
}

impl<N: Into<Note>> Extend<N> for Notes {
    fn extend<I: IntoIterator<Item = N>>(&mut self, iter: I) {
        self.0.extend(iter.into_iter().map(Into::into));
    }
}

impl From<Vec<String>> for Notes {
    fn from(v: Vec<String>) -> Notes {
        Notes(v.into_iter().map(Note::Text).collect())
    }
}

impl<'a> IntoIterator for &'a Notes {
    type Item = &'a Note;
    type IntoIter = std::slice::Iter<'a, Note>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant in every language: no placeholder left, Chinese forms differ from the
    /// English and from each other where the scripts do.
    #[test]
    fn every_note_in_every_language() {
        let all = [
            Note::In { part: Part::Gaps, note: Box::new(Note::NotEnoughData(Box::new(Note::GapsNeedPairs { min_n: 2 }))) },
            Note::In { part: Part::Kano, note: Box::new(Note::NotEnoughData(Box::new(Note::GapsNeedPairs { min_n: 3 }))) },
            Note::In { part: Part::Ipa, note: Box::new(Note::ModelOff { model: "X" }) },
            Note::In { part: Part::Index, note: Box::new(Note::BgNbdOneTimeBuyers) },
            Note::In { part: Part::Drivers, note: Box::new(Note::BgNbdOneTimeBuyers) },
            Note::ModelOff { model: "Pareto/NBD" },
            Note::BgNbdOneTimeBuyers,
            Note::FewCustomers { n: 3 },
            Note::NoMoney,
            Note::CurrenciesKept { counts: vec![("EUR".into(), 4), ("USD".into(), 2)], kept: "EUR".into(), kept_orders: 4, left_orders: 2, left: vec!["USD".into()] },
            Note::CurrenciesConverted { counts: vec![("EUR".into(), 4), ("USD".into(), 2)], base: "EUR".into(), rates: vec![("USD".into(), 0.9)] },
            Note::UnkeyedLeftOut { n: 3 },
        ];
        use crate::metrics::satisfaction::Counted;
        let counted = [Counted::Reviews, Counted::Answers, Counted::Orders, Counted::Customers, Counted::Tickets];
        let all: Vec<Note> = all
            .into_iter()
            .chain(counted.iter().flat_map(|&what| [Note::SmallSample { n: 5, what, min: 30 }, Note::Anecdote { what }]))
            .collect();
        // (Model names, P(alive) and the option name exchange_rates are the same in every language.)
        for n in &all {
            let (en, cn, tw) = (n.text(Lang::En), n.text(Lang::ZhCn), n.text(Lang::ZhTw));
            assert!(!en.contains('{') && !cn.contains('{') && !tw.contains('{'));
            assert_ne!(en, cn);
            let english = |s: &str| s.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 3 && !["Kano", "Pareto", "alive", "exchange", "rates"].contains(w)).count();
            assert_eq!((english(&cn), english(&tw)), (0, 0), "{cn} / {tw}");
        }
        assert_ne!(all[0].text(Lang::ZhCn), all[0].text(Lang::ZhTw));
        assert_eq!(all[0].en(), "gaps: not enough data: gaps need items with both a Performance and an Expectation question and 2+ answer pairs");
    }
}
