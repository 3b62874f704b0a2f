//! Survey-item analyses: expectation gaps, the three-level satisfaction index,
//! importance-performance analysis, the five loyalty drivers and Kano.
//!
//! Every analysis reads a [`Survey`] (questions with a [`QuestionKind`] and a scale, one row of
//! answers per respondent) and returns plain serializable data. A section that cannot be
//! computed is `None` in the [`SurveyReport`] and a sentence in `messages` says why ("not enough
//! data: ..."); no figure is ever NaN.
//!
//! | module | concept | source |
//! |---|---|---|
//! | [`gaps`] | perceived minus expected per item and dimension | Parasuraman, Zeithaml & Berry (1988), SERVQUAL |
//! | [`index`] | three-level indicator tree rolled up to a 0-100 index | 《如何从顾客满意到顾客信任》; ACSI scaling (Fornell et al. 1996) |
//! | [`ipa`] | importance-performance grid and work-first list | Martilla & James (1977) |
//! | [`drivers`] | the five loyalty drivers | 《客户的忠诚受什么影响》 |
//! | [`kano`] | A/O/M/I/R/Q classes, Better/Worse, continuous scores | Berger et al. (1993) |
//!
//! ## Answers that are used
//! An answer is used when it is present, finite and inside its question's `[min, max]`; any
//! other value is treated as blank and counted in `messages`.
//!
//! ## The outcome question
//! Derived importance (index weights, IPA, drivers) is the Pearson correlation of an item with
//! an outcome: the first [`QuestionKind::Overall`] question, else the first
//! [`QuestionKind::Csat`], else the first [`QuestionKind::Nps`]. The report names the one used.
//!
//! ```
//! use loyalty_scorecard::dataset::{Question, QuestionKind, Survey, SurveyResponse};
//! use loyalty_scorecard::metrics::satisfaction::survey::{analyze_survey, SurveyOptions};
//! let q = |name: &str, kind| Question { name: name.into(), kind, min: 1.0, max: 10.0 };
//! let survey = Survey {
//!     questions: vec![q("overall", QuestionKind::Overall), q("quality", QuestionKind::Performance { item: "quality".into() })],
//!     responses: [(8.0, 9.0), (6.0, 7.0), (9.0, 10.0)].iter().map(|&(o, p)| SurveyResponse {
//!         respondent_id: None, customer_id: None, date: None, answers: vec![Some(o), Some(p)], row: 0,
//!     }).collect(),
//! };
//! let report = analyze_survey(&survey, None, &SurveyOptions::default());
//! let index = report.index.unwrap();
//! // One item, mean 26/3 on 1-10: (26/3 - 1) / 9 * 100 = 85.185...
//! assert!((index.index - 85.185_185).abs() < 1e-5);
//! assert!(report.kano.is_none()); // no Kano questions -> a message instead
//! assert!(report.messages.iter().any(|m| m.starts_with("kano: not enough data")));
//! ```

#![warn(missing_docs)]

pub mod drivers;
pub mod gaps;
pub mod index;
pub mod ipa;
pub mod kano;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::dataset::{QuestionKind, Survey};
use crate::metrics::stats::mean_interval95;
use crate::metrics::Interval;

pub use drivers::{Driver, DriverReport};
pub use gaps::{Dimension, GapReport};
pub use index::{IndexReport, IndicatorNode, WeightMethod};
pub use ipa::{ImportanceSource, IpaReport, Quadrant};
pub use kano::{KanoClass, KanoReport};

/// Options of [`analyze_survey`]. Every field has a default, so a JSON object with only some
/// fields deserializes (`#[serde(default)]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SurveyOptions {
    /// Indicator tree of the satisfaction index (default: [`index::default_tree`], 《如何从顾客满意到顾客信任》).
    pub tree: IndicatorNode,
    /// How the index weights are found (default: [`WeightMethod::Given`], i.e. the tree's own
    /// weights, which are all 1 in the default tree).
    pub weights: WeightMethod,
    /// Item name -> given index weight (for [`WeightMethod::Given`]; missing = 1).
    pub item_weights: BTreeMap<String, f64>,
    /// Item name -> node id of the tree. Items not listed are placed by the leaves' keywords.
    pub item_leaf: BTreeMap<String, String>,
    /// Item name -> SERVQUAL dimension. Items not listed are placed by keywords.
    pub item_dimension: BTreeMap<String, Dimension>,
    /// Item name -> loyalty driver. Items not listed are placed by keywords.
    pub item_driver: BTreeMap<String, Driver>,
    /// Which importance IPA places items by (default: stated when asked, else derived).
    pub ipa_importance: ImportanceSource,
    /// Fewest usable answers (respondents) an item needs to be reported (default 2; values
    /// below 2 are treated as 2, since one answer has no spread).
    pub min_answers: usize,
}

impl Default for SurveyOptions {
    fn default() -> Self {
        SurveyOptions {
            tree: index::default_tree(),
            weights: WeightMethod::Given,
            item_weights: BTreeMap::new(),
            item_leaf: BTreeMap::new(),
            item_dimension: BTreeMap::new(),
            item_driver: BTreeMap::new(),
            ipa_importance: ImportanceSource::Auto,
            min_answers: 2,
        }
    }
}

/// Everything [`analyze_survey`] found. Sections are `None` when there was not enough data;
/// `messages` then says why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyReport {
    /// Number of responses in the survey.
    pub respondents: usize,
    /// The outcome question used for derived importance (see the module docs), when any.
    pub outcome: Option<String>,
    /// SERVQUAL gaps ([`gaps`]).
    pub gaps: Option<GapReport>,
    /// Satisfaction index ([`index`]).
    pub index: Option<IndexReport>,
    /// Importance-performance grid ([`ipa`]).
    pub ipa: Option<IpaReport>,
    /// Loyalty drivers ([`drivers`]).
    pub drivers: Option<DriverReport>,
    /// Kano classes ([`kano`]).
    pub kano: Option<KanoReport>,
    /// Notes, in English: `"<section>: not enough data: ..."`, unmapped items, ignored answers.
    pub messages: crate::messages::Notes,
}

/// Runs every survey-item analysis.
///
/// `repurchase`, when given, holds one flag per response (same order as `survey.responses`):
/// did this customer buy again after answering? It feeds the drivers' repurchase importance.
///
/// # Errors
/// None: a section that cannot be computed is `None` with a message (empty survey, no
/// matching questions, fewer than `min_answers` answers, a `repurchase` slice of the wrong
/// length, constant answers).
///
/// ```
/// use loyalty_scorecard::dataset::Survey;
/// use loyalty_scorecard::metrics::satisfaction::survey::{analyze_survey, SurveyOptions};
/// let report = analyze_survey(&Survey::default(), None, &SurveyOptions::default());
/// assert!(report.index.is_none() && report.ipa.is_none() && report.gaps.is_none());
/// assert!(report.messages.iter().all(|m| !m.contains("NaN")));
/// assert!(report.messages.iter().any(|m| m.starts_with("index: not enough data")));
/// ```
pub fn analyze_survey(survey: &Survey, repurchase: Option<&[Option<bool>]>, opts: &SurveyOptions) -> SurveyReport {
    let mut messages = crate::messages::Notes::new();
    let data = SurveyData::new(survey, &mut messages);
    let outcome = data.outcome.as_ref().map(|o| o.name.clone());
    let repurchase = match repurchase {
        Some(r) if r.len() != survey.responses.len() => {
            messages.push(crate::messages::Note::RepurchaseFlagsIgnored { flags: r.len(), responses: survey.responses.len() });
            None
        }
        other => other,
    };
    let gaps = section(crate::messages::Part::Gaps, gaps::analyze(&data, opts), &mut messages);
    let index = section(crate::messages::Part::Index, index::analyze(&data, opts), &mut messages);
    let ipa = section(crate::messages::Part::Ipa, ipa::analyze(&data, opts), &mut messages);
    let drivers = section(crate::messages::Part::Drivers, drivers::analyze(&data, repurchase, opts), &mut messages);
    let kano = section(crate::messages::Part::Kano, kano::analyze(&data, opts), &mut messages);
    SurveyReport { respondents: survey.responses.len(), outcome, gaps, index, ipa, drivers, kano, messages }
}

/// A section's result: the value (if any) and its notes.
pub(crate) struct Section<T> {
    pub value: Option<T>,
    pub notes: crate::messages::Notes,
}

impl<T> Section<T> {
    pub(crate) fn none(why: impl Into<crate::messages::Note>) -> Self {
        let mut notes = crate::messages::Notes::new();
        notes.push(crate::messages::Note::NotEnoughData(Box::new(why.into())));
        Section { value: None, notes }
    }
}

fn section<T>(part: crate::messages::Part, s: Section<T>, messages: &mut crate::messages::Notes) -> Option<T> {
    messages.extend(s.notes.0.into_iter().map(|n| crate::messages::Note::In { part, note: Box::new(n) }));
    s.value
}

/// A mean of usable answers with its sample size and 95% normal interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeanScore {
    /// Arithmetic mean.
    pub mean: f64,
    /// Number of values the mean rests on.
    pub n: usize,
    /// mean ± 1.96·s/√n (see [`crate::metrics::stats::mean_interval95`]); `None` when n < 2.
    pub interval: Option<Interval>,
}

impl MeanScore {
    /// Mean, n and interval of `values`; `None` when empty.
    ///
    /// ```
    /// use loyalty_scorecard::metrics::satisfaction::survey::MeanScore;
    /// let m = MeanScore::of(&[1.0, 2.0, 3.0]).unwrap();
    /// assert_eq!((m.mean, m.n), (2.0, 3));
    /// assert!(MeanScore::of(&[]).is_none());
    /// ```
    pub fn of(values: &[f64]) -> Option<MeanScore> {
        let mean = mean(values)?;
        Some(MeanScore { mean, n: values.len(), interval: mean_interval95(values) })
    }
}

/// Names in three scripts for the interface.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Label {
    /// English.
    pub en: String,
    /// Simplified Chinese.
    pub zh_hans: String,
    /// Traditional Chinese.
    pub zh_hant: String,
}

impl Label {
    pub(crate) fn new(en: &str, zh_hans: &str, zh_hant: &str) -> Label {
        Label { en: en.into(), zh_hans: zh_hans.into(), zh_hant: zh_hant.into() }
    }
}

/// One column of usable answers.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    /// Item or feature name (the question's header for the outcome).
    pub key: String,
    pub name: String,
    pub min: f64,
    pub max: f64,
    /// One entry per response; `None` = blank or unusable.
    pub values: Vec<Option<f64>>,
}

impl Column {
    /// Answer of response `r` rescaled to 0-100: (x - min) / (max - min) * 100.
    pub fn scaled(&self, r: usize) -> Option<f64> {
        self.values[r].map(|x| rescale(x, self.min, self.max))
    }
    pub fn present(&self) -> Vec<f64> {
        self.values.iter().flatten().copied().collect()
    }
}

/// The survey's columns sorted by kind, items keyed by name (first question wins).
pub(crate) struct SurveyData {
    pub n: usize,
    pub outcome: Option<Column>,
    pub performance: BTreeMap<String, Column>,
    pub importance: BTreeMap<String, Column>,
    pub expectation: BTreeMap<String, Column>,
    pub kano_functional: BTreeMap<String, Column>,
    pub kano_dysfunctional: BTreeMap<String, Column>,
}

impl SurveyData {
    pub(crate) fn new(survey: &Survey, messages: &mut crate::messages::Notes) -> SurveyData {
        let n = survey.responses.len();
        let mut d = SurveyData {
            n,
            outcome: None,
            performance: BTreeMap::new(),
            importance: BTreeMap::new(),
            expectation: BTreeMap::new(),
            kano_functional: BTreeMap::new(),
            kano_dysfunctional: BTreeMap::new(),
        };
        let mut outcome_rank = usize::MAX;
        for (qi, q) in survey.questions.iter().enumerate() {
            let valid_scale = q.min.is_finite() && q.max.is_finite() && q.max > q.min;
            if !valid_scale {
                messages.push(crate::messages::Note::QuestionScaleInvalid { question: q.name.clone(), min: q.min, max: q.max });
                continue;
            }
            let mut bad = 0usize;
            let values: Vec<Option<f64>> = survey
                .responses
                .iter()
                .map(|r| match r.answers.get(qi).copied().flatten() {
                    Some(x) if x.is_finite() && x >= q.min && x <= q.max => Some(x),
                    Some(_) => {
                        bad += 1;
                        None
                    }
                    None => None,
                })
                .collect();
            if bad > 0 {
                messages.push(crate::messages::Note::AnswersOutOfScale { question: q.name.clone(), n: bad, min: q.min, max: q.max });
            }
            let key = match &q.kind {
                QuestionKind::Performance { item } | QuestionKind::Importance { item } | QuestionKind::Expectation { item } => item.clone(),
                QuestionKind::KanoFunctional { feature } | QuestionKind::KanoDysfunctional { feature } => feature.clone(),
                _ => q.name.clone(),
            };
            let col = Column { key, name: q.name.clone(), min: q.min, max: q.max, values };
            let mut put = |map: &mut BTreeMap<String, Column>, key: &str| {
                if map.contains_key(key) {
                    messages.push(crate::messages::Note::QuestionRepeatsItem { question: q.name.clone(), item: key.to_string() });
                } else {
                    map.insert(key.to_string(), col.clone());
                }
            };
            match &q.kind {
                QuestionKind::Performance { item } => put(&mut d.performance, item),
                QuestionKind::Importance { item } => put(&mut d.importance, item),
                QuestionKind::Expectation { item } => put(&mut d.expectation, item),
                QuestionKind::KanoFunctional { feature } => put(&mut d.kano_functional, feature),
                QuestionKind::KanoDysfunctional { feature } => put(&mut d.kano_dysfunctional, feature),
                kind => {
                    let rank = match kind {
                        QuestionKind::Overall => 0,
                        QuestionKind::Csat => 1,
                        QuestionKind::Nps => 2,
                        _ => usize::MAX,
                    };
                    if rank < outcome_rank {
                        outcome_rank = rank;
                        d.outcome = Some(col);
                    }
                }
            }
        }
        d
    }

    /// Pearson correlation of `x` (per response) with the outcome, over responses with both.
    pub(crate) fn corr_with_outcome(&self, x: &[Option<f64>]) -> Option<Correlation> {
        let y = self.outcome.as_ref()?;
        correlation(x, &y.values)
    }
}

/// A Pearson correlation with the number of pairs it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Correlation {
    /// Pearson's r, in [-1, 1].
    pub r: f64,
    /// Number of complete pairs.
    pub n: usize,
}

/// Pearson correlation over the positions where both are present. `None` with fewer than 3
/// pairs or when either side is constant.
pub(crate) fn correlation(x: &[Option<f64>], y: &[Option<f64>]) -> Option<Correlation> {
    let pairs: Vec<(f64, f64)> = x.iter().zip(y).filter_map(|(a, b)| Some(((*a)?, (*b)?))).collect();
    if pairs.len() < 3 {
        return None;
    }
    let n = pairs.len() as f64;
    let mx = pairs.iter().map(|p| p.0).sum::<f64>() / n;
    let my = pairs.iter().map(|p| p.1).sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in &pairs {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx <= 0.0 || syy <= 0.0 {
        return None;
    }
    let r = (sxy / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0);
    r.is_finite().then_some(Correlation { r, n: pairs.len() })
}

pub(crate) fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    Some(values.iter().sum::<f64>() / values.len() as f64)
}

/// (x - min) / (max - min) * 100.
pub(crate) fn rescale(x: f64, min: f64, max: f64) -> f64 {
    (x - min) / (max - min) * 100.0
}

/// Per response, the mean of the 0-100 answers of `cols` that the response answered.
pub(crate) fn respondent_means(n: usize, cols: &[&Column]) -> Vec<Option<f64>> {
    (0..n)
        .map(|r| {
            let v: Vec<f64> = cols.iter().filter_map(|c| c.scaled(r)).collect();
            mean(&v)
        })
        .collect()
}

/// Lower-case keyword match used by the default mappings: the first group whose keyword
/// occurs in the item name wins.
pub(crate) fn keyword_match<'a, T: Copy>(item: &str, groups: &'a [(T, &'a [&'a str])]) -> Option<T> {
    let lower = item.to_lowercase();
    groups.iter().find(|(_, kws)| kws.iter().any(|k| lower.contains(k))).map(|(t, _)| *t)
}
