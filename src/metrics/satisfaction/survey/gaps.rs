//! SERVQUAL-style survey gaps: perceived minus expected, per item and per dimension.
//!
//! Source: Parasuraman, Zeithaml & Berry (1988), "SERVQUAL: a multiple-item scale for measuring
//! consumer perceptions of service quality", Journal of Retailing 64(1): gap = perception −
//! expectation per item, averaged within the five dimensions (tangibles, reliability,
//! responsiveness, assurance, empathy); the weighted score uses the importance each respondent
//! gives. 《让顾客从满意到信任》 and 《如何从顾客满意到顾客信任》: satisfaction is performance measured against expectation.
//!
//! # Definitions
//! * Item gap: for each respondent who answered both the item's `Performance` and
//!   `Expectation` questions, P − E; the item's gap is the mean of these paired differences
//!   (mean, n, 95% normal interval). When the two questions have different scales both answers
//!   are first rescaled to 0-100 and `unit` says so.
//! * Dimension gap: per respondent, the mean of their item gaps in the dimension; when every item
//!   of the dimension has an `Importance` question, the mean is weighted by that respondent's
//!   importance answers (items they gave no importance are skipped) and `weighted` is true.
//!   The dimension's gap is the mean over respondents, with n and interval.
//! * Overall gap: the same over all items.
//!
//! Items are mapped to dimensions by [`SurveyOptions::item_dimension`], else by
//! [`Dimension::default_for`] keywords; the rest go to [`Dimension::Other`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{mean, Column, Label, MeanScore, Section, SurveyData, SurveyOptions};

/// A SERVQUAL dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// Physical facilities, equipment, appearance (for a web shop: website, packaging).
    Tangibles,
    /// Performing the promised service dependably and accurately.
    Reliability,
    /// Willingness to help and prompt service.
    Responsiveness,
    /// Knowledge, courtesy and the ability to convey trust and confidence.
    Assurance,
    /// Caring, individualised attention.
    Empathy,
    /// Items not mapped to one of the five.
    Other,
}

const KEYWORDS: [(Dimension, &[&str]); 5] = [
    (Dimension::Tangibles, &["tangib", "website", "site", "app", "packag", "appearance", "facilit", "equipment", "look"]),
    (Dimension::Reliability, &["reliab", "accura", "promise", "on time", "dependab", "quality", "delivery", "correct"]),
    (Dimension::Responsiveness, &["respons", "prompt", "speed", "quick", "fast", "wait", "service", "support"]),
    (Dimension::Assurance, &["assur", "trust", "safe", "secur", "privacy", "payment", "courte", "knowledge", "confiden"]),
    (Dimension::Empathy, &["empath", "personal", "individual", "care", "attention", "understand"]),
];

impl Dimension {
    /// The five SERVQUAL dimensions, in the usual order.
    pub const FIVE: [Dimension; 5] = [Dimension::Tangibles, Dimension::Reliability, Dimension::Responsiveness, Dimension::Assurance, Dimension::Empathy];

    /// Default mapping by item name: the first dimension with a keyword contained in the
    /// lower-case name, in the order tangibles (tangib, website, site, app, packag, appearance,
    /// facilit, equipment, look), reliability (reliab, accura, promise, on time, dependab,
    /// quality, delivery, correct), responsiveness (respons, prompt, speed, quick, fast, wait,
    /// service, support), assurance (assur, trust, safe, secur, privacy, payment, courte,
    /// knowledge, confiden), empathy (empath, personal, individual, care, attention,
    /// understand); else `Other`.
    ///
    /// ```
    /// use loyalty_scorecard::metrics::satisfaction::survey::Dimension;
    /// assert_eq!(Dimension::default_for("delivery"), Dimension::Reliability);
    /// assert_eq!(Dimension::default_for("Website"), Dimension::Tangibles);
    /// assert_eq!(Dimension::default_for("price"), Dimension::Other);
    /// ```
    pub fn default_for(item: &str) -> Dimension {
        super::keyword_match(item, &KEYWORDS).unwrap_or(Dimension::Other)
    }

    /// Name in English and Chinese (the usual Chinese SERVQUAL terms).
    pub fn label(self) -> Label {
        match self {
            Dimension::Tangibles => Label::new("tangibles", "有形性", "有形性"),
            Dimension::Reliability => Label::new("reliability", "可靠性", "可靠性"),
            Dimension::Responsiveness => Label::new("responsiveness", "响应性", "響應性"),
            Dimension::Assurance => Label::new("assurance", "保证性", "保證性"),
            Dimension::Empathy => Label::new("empathy", "移情性", "移情性"),
            Dimension::Other => Label::new("other", "其他", "其他"),
        }
    }
}

/// Gap of one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemGap {
    /// Item name.
    pub item: String,
    /// Dimension the item counts in.
    pub dimension: Dimension,
    /// Mean perceived answer (all usable answers).
    pub perceived: MeanScore,
    /// Mean expected answer (all usable answers).
    pub expected: MeanScore,
    /// Mean of the paired differences P − E, with n = pairs.
    pub gap: MeanScore,
    /// `"answer"` (the common answer scale) or `"0-100"` (scales differed; rescaled first).
    pub unit: &'static str,
    /// Mean stated importance, when asked.
    pub importance: Option<MeanScore>,
}

/// Gap of one dimension (or of all items).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionGap {
    /// The dimension (`Other` for the all-items row).
    pub dimension: Dimension,
    /// Its name in English and Chinese.
    pub label: Label,
    /// Items in it.
    pub items: Vec<String>,
    /// Mean over respondents of their (weighted) mean item gap.
    pub gap: MeanScore,
    /// True when weighted by stated importance.
    pub weighted: bool,
}

/// All gaps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapReport {
    /// Every item with both questions and enough pairs.
    pub items: Vec<ItemGap>,
    /// One entry per dimension that has items, in the order of [`Dimension`].
    pub dimensions: Vec<DimensionGap>,
    /// All items together (`dimension` is `Other` here and `label` says "all items").
    pub overall: DimensionGap,
}

struct Paired<'a> {
    item: String,
    dimension: Dimension,
    /// Per respondent P − E.
    diffs: Vec<Option<f64>>,
    importance: Option<&'a Column>,
}

pub(crate) fn analyze(data: &SurveyData, opts: &SurveyOptions) -> Section<GapReport> {
    let min_n = opts.min_answers.max(2);
    let mut notes = crate::messages::Notes::new();
    let mut paired = Vec::new();
    let mut items = Vec::new();
    for (item, p) in &data.performance {
        let Some(e) = data.expectation.get(item) else { continue };
        let same = p.min == e.min && p.max == e.max;
        let diffs: Vec<Option<f64>> = (0..data.n)
            .map(|r| match (p.values[r], e.values[r]) {
                (Some(a), Some(b)) if same => Some(a - b),
                (Some(_), Some(_)) => Some(p.scaled(r)? - e.scaled(r)?),
                _ => None,
            })
            .collect();
        let present: Vec<f64> = diffs.iter().flatten().copied().collect();
        if present.len() < min_n {
            notes.push(crate::messages::Note::ItemLeftOut { item: item.to_string(), n: present.len(), min: min_n, what: crate::messages::Answers::Pairs });
            continue;
        }
        let dimension = opts.item_dimension.get(item).copied().unwrap_or_else(|| Dimension::default_for(item));
        let importance = data.importance.get(item);
        items.push(ItemGap {
            item: item.clone(),
            dimension,
            perceived: MeanScore::of(&p.present()).expect("pairs exist"),
            expected: MeanScore::of(&e.present()).expect("pairs exist"),
            gap: MeanScore::of(&present).expect("pairs exist"),
            unit: if same { "answer" } else { "0-100" },
            importance: importance.and_then(|c| MeanScore::of(&c.present())),
        });
        paired.push(Paired { item: item.clone(), dimension, diffs, importance });
    }
    for item in data.expectation.keys().filter(|k| !data.performance.contains_key(*k)) {
        notes.push(crate::messages::Note::ExpectationOnly { item: item.to_string() });
    }
    if items.is_empty() {
        let mut s = Section::none(crate::messages::Note::GapsNeedPairs { min_n });
        s.notes.extend(notes);
        return s;
    }
    let mut by_dim: BTreeMap<Dimension, Vec<&Paired>> = BTreeMap::new();
    for p in &paired {
        by_dim.entry(p.dimension).or_default().push(p);
    }
    let mut dimensions = Vec::new();
    for (dim, group) in &by_dim {
        match aggregate(*dim, dim.label(), group, data.n, min_n) {
            Some(d) => dimensions.push(d),
            None => notes.push(crate::messages::Note::DimensionFewGaps { dimension: dim.label(), min: min_n }),
        }
    }
    let all: Vec<&Paired> = paired.iter().collect();
    let Some(overall) = aggregate(Dimension::Other, Label::new("all items", "全部项目", "全部項目"), &all, data.n, min_n) else {
        let mut s = Section::none(crate::messages::Note::FewGapRespondents { min: min_n });
        s.notes.extend(notes);
        return s;
    };
    Section { value: Some(GapReport { items, dimensions, overall }), notes }
}

fn aggregate(dimension: Dimension, label: Label, group: &[&Paired], n: usize, min_n: usize) -> Option<DimensionGap> {
    let weighted = group.iter().all(|p| p.importance.is_some());
    let per_respondent: Vec<f64> = (0..n)
        .filter_map(|r| {
            if weighted {
                let (mut sw, mut swx) = (0.0, 0.0);
                for p in group {
                    if let (Some(d), Some(w)) = (p.diffs[r], p.importance.and_then(|c| c.values[r]).filter(|w| *w >= 0.0)) {
                        sw += w;
                        swx += w * d;
                    }
                }
                (sw > 0.0).then(|| swx / sw)
            } else {
                mean(&group.iter().filter_map(|p| p.diffs[r]).collect::<Vec<f64>>())
            }
        })
        .collect();
    if per_respondent.len() < min_n {
        return None;
    }
    Some(DimensionGap { dimension, label, items: group.iter().map(|p| p.item.clone()).collect(), gap: MeanScore::of(&per_respondent)?, weighted })
}
