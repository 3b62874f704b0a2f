//! Survey scores: NPS (0-10), CSAT (1-5) and CES (1-7).
//!
//! * NPS = % promoters (9-10) − % detractors (0-6), in points from −100 to 100 (Reichheld 2003,
//!   "The One Number You Need to Grow", HBR). Its 95% interval is the adjusted-Wald interval of
//!   Rocks (2016, MeasuringU, "Confidence intervals for Net Promoter Scores"): with n' = n + 3,
//!   p' = (P + 3/4)/n', d' = (D + 3/4)/n', the adjusted NPS is p' − d' and its variance
//!   (p' + d' − (p' − d')²)/n'; the interval is (p' − d') ± 1.96·√var, clamped to [−1, 1].
//!   The reported value is the plain NPS; the interval is centred on the adjusted one.
//! * CSAT = share of answers in the top two boxes (4-5 on 1-5; generally ≥ max − 1), Wilson.
//! * CES = mean (Student t interval) and share of answers 5-7 on 1-7 (generally ≥ max − 2),
//!   Wilson; higher = easier.

use super::{month_key, Counted, Measure, SatUnit};
use crate::dataset::{QuestionKind, Survey};
use crate::metrics::stats::Z95;
use crate::metrics::Interval;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// The adjusted-Wald estimate of an NPS, as a difference of proportions (−1..1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AdjustedWald {
    /// p' − d'.
    pub estimate: f64,
    /// (p' + d' − (p' − d')²) / n'.
    pub variance: f64,
    /// estimate − 1.96·√variance, clamped to −1.
    pub lower: f64,
    /// estimate + 1.96·√variance, clamped to 1.
    pub upper: f64,
}

/// Adjusted-Wald NPS estimate of Rocks (2016) from counts of promoters, detractors and all
/// answers `n`. Defined for n = 0 too (then the estimate is 0 with a wide interval).
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::nps::adjusted_wald;
/// // Rocks 2016 worked example: n = 100, 50 promoters, 20 detractors -> 29.1 ± 15.1.
/// let a = adjusted_wald(50, 20, 100);
/// assert!((a.estimate * 100.0 - 29.1).abs() < 0.05);
/// assert!((1.959_964 * a.variance.sqrt() * 100.0 - 15.1).abs() < 0.05);
/// ```
pub fn adjusted_wald(promoters: u64, detractors: u64, n: u64) -> AdjustedWald {
    let n_adj = n as f64 + 3.0;
    let p = (promoters as f64 + 0.75) / n_adj;
    let d = (detractors as f64 + 0.75) / n_adj;
    let estimate = p - d;
    let variance = (p + d - estimate * estimate) / n_adj;
    let half = Z95 * variance.sqrt();
    AdjustedWald { estimate, variance, lower: (estimate - half).max(-1.0), upper: (estimate + half).min(1.0) }
}

/// NPS of one set of answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NpsResult {
    /// NPS in points (−100..100); interval = adjusted-Wald (method "adjusted_wald", in points).
    pub nps: Measure,
    /// Adjusted-Wald estimate p' − d' in points; `None` when there are no answers.
    pub adjusted: Option<f64>,
    /// Answers 9-10.
    pub promoters: u64,
    /// Answers 7-8.
    pub passives: u64,
    /// Answers 0-6.
    pub detractors: u64,
    /// Answers outside 0-10 or not finite, left out.
    pub ignored: u64,
}

/// NPS from answers on 0-10 (an answer is rounded to the nearest integer first).
///
/// # Edge cases
/// No valid answer: `nps.value` is `None` ("not enough data").
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::nps::nps;
/// let r = nps(&[10.0, 9.0, 8.0, 3.0]);
/// assert_eq!((r.promoters, r.passives, r.detractors), (2, 1, 1));
/// assert_eq!(r.nps.value, Some(25.0));
/// assert_eq!(nps(&[]).nps.value, None);
/// ```
pub fn nps(scores: &[f64]) -> NpsResult {
    let (mut p, mut m, mut d, mut ignored) = (0, 0, 0, 0);
    for &s in scores {
        if !s.is_finite() || !(0.0..=10.0).contains(&s) {
            ignored += 1;
            continue;
        }
        match s.round() as u8 {
            9..=10 => p += 1,
            7..=8 => m += 1,
            _ => d += 1,
        }
    }
    let mut r = nps_from_counts(p, m, d);
    r.ignored = ignored;
    r
}

/// NPS from counts of promoters (9-10), passives (7-8) and detractors (0-6).
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::nps::nps_from_counts;
/// let r = nps_from_counts(50, 30, 20);
/// assert_eq!(r.nps.value, Some(30.0));
/// let ci = r.nps.interval.unwrap();
/// assert!((ci.lower - 14.0).abs() < 0.1 && (ci.upper - 44.2).abs() < 0.1);
/// ```
pub fn nps_from_counts(promoters: u64, passives: u64, detractors: u64) -> NpsResult {
    let n = promoters + passives + detractors;
    if n == 0 {
        return NpsResult { nps: Measure::not_enough(SatUnit::NpsPoints, 0, Counted::Answers, crate::messages::Note::NoNpsAnswers), adjusted: None, promoters, passives, detractors, ignored: 0 };
    }
    let value = 100.0 * (promoters as f64 - detractors as f64) / n as f64;
    let a = adjusted_wald(promoters, detractors, n);
    let interval = Interval { lower: 100.0 * a.lower, upper: 100.0 * a.upper, level: 0.95, method: "adjusted_wald" };
    NpsResult { nps: Measure::estimate(value, SatUnit::NpsPoints, n, Counted::Answers, Some(interval)), adjusted: Some(100.0 * a.estimate), promoters, passives, detractors, ignored: 0 }
}

/// CSAT top-2-box: share of answers ≥ `max − 1` among answers in [`min`, `max`] (4-5 on 1-5),
/// Wilson 95% interval.
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::nps::csat_top2;
/// assert_eq!(csat_top2(&[5.0, 4.0, 3.0, 1.0], 1.0, 5.0).value, Some(0.5));
/// assert_eq!(csat_top2(&[], 1.0, 5.0).value, None);
/// ```
pub fn csat_top2(answers: &[f64], min: f64, max: f64) -> Measure {
    let valid: Vec<f64> = answers.iter().copied().filter(|a| a.is_finite() && (min..=max).contains(a)).collect();
    let top = valid.iter().filter(|a| a.round() >= max - 1.0).count() as u64;
    Measure::proportion(top, valid.len() as u64, Counted::Answers)
}

/// Customer effort score on 1-7 (higher = easier).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CesResult {
    /// Mean answer, Student t 95% interval.
    pub mean: Measure,
    /// Share of answers 5-7 (≥ max − 2), Wilson 95% interval.
    pub easy_share: Measure,
}

/// CES mean and share of the top three boxes among answers in [`min`, `max`].
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::nps::ces;
/// let c = ces(&[7.0, 5.0, 4.0, 2.0], 1.0, 7.0);
/// assert_eq!((c.mean.value, c.easy_share.value), (Some(4.5), Some(0.5)));
/// ```
pub fn ces(answers: &[f64], min: f64, max: f64) -> CesResult {
    let valid: Vec<f64> = answers.iter().copied().filter(|a| a.is_finite() && (min..=max).contains(a)).collect();
    let easy = valid.iter().filter(|a| a.round() >= max - 2.0).count() as u64;
    CesResult { mean: Measure::mean(&valid, SatUnit::ScalePoints, Counted::Answers), easy_share: Measure::proportion(easy, valid.len() as u64, Counted::Answers) }
}

/// NPS of one month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthNps {
    /// `YYYY-MM`.
    pub month: String,
    /// NPS of the month's answers.
    pub nps: NpsResult,
}

/// NPS overall and by month, from the first NPS column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NpsSection {
    /// Header of the column used.
    pub question: String,
    /// NPS of all answers.
    pub overall: NpsResult,
    /// Months in calendar order (undated answers only in `overall`).
    pub by_month: Vec<MonthNps>,
}

/// CSAT from the first CSAT column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CsatSection {
    /// Header of the column used.
    pub question: String,
    /// Share of the top two boxes, Wilson.
    pub top2: Measure,
    /// Mean answer, Student t 95% interval.
    pub mean: Measure,
}

/// CES from the first CES column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CesSection {
    /// Header of the column used.
    pub question: String,
    /// Mean and easy share.
    pub ces: CesResult,
}

/// NPS, CSAT and CES of a survey; a section is `None` when the survey has no column of that
/// kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyScores {
    /// NPS, when the survey has an NPS column.
    pub nps: Option<NpsSection>,
    /// CSAT, when the survey has a CSAT column.
    pub csat: Option<CsatSection>,
    /// CES, when the survey has a CES column.
    pub ces: Option<CesSection>,
}

/// The non-blank answers to one survey question.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionAnswers {
    /// Header text.
    pub question: String,
    /// Scale bounds.
    pub min: f64,
    /// Upper scale bound.
    pub max: f64,
    /// (response date, answer), in response order.
    pub answers: Vec<(Option<NaiveDate>, f64)>,
}

/// Answers (with the response date) of the first question of `kind`; `None` when the survey
/// has no such question.
///
/// ```
/// use loyalty_scorecard::dataset::{Question, QuestionKind, Survey, SurveyResponse};
/// use loyalty_scorecard::metrics::satisfaction::nps::answers_of;
/// let s = Survey { questions: vec![Question { name: "ces".into(), kind: QuestionKind::Ces, min: 1.0, max: 7.0 }],
///     responses: vec![SurveyResponse { respondent_id: None, customer_id: None, date: None, answers: vec![Some(6.0)], row: 2 }] };
/// assert_eq!(answers_of(&s, &QuestionKind::Ces).unwrap().answers, [(None, 6.0)]);
/// assert!(answers_of(&s, &QuestionKind::Nps).is_none());
/// ```
pub fn answers_of(survey: &Survey, kind: &QuestionKind) -> Option<QuestionAnswers> {
    let (i, q) = survey.questions.iter().enumerate().find(|(_, q)| &q.kind == kind)?;
    let answers = survey.responses.iter().filter_map(|r| r.answers.get(i).copied().flatten().map(|a| (r.date, a))).collect();
    Some(QuestionAnswers { question: q.name.clone(), min: q.min, max: q.max, answers })
}

/// NPS (overall and by month), CSAT and CES from the first survey column of each kind.
///
/// ```
/// use loyalty_scorecard::dataset::{Question, QuestionKind, Survey, SurveyResponse};
/// use loyalty_scorecard::metrics::satisfaction::nps::survey_scores;
/// let q = |name: &str, kind, min, max| Question { name: name.into(), kind, min, max };
/// let resp = |a: Vec<Option<f64>>| SurveyResponse { respondent_id: None, customer_id: None, date: None, answers: a, row: 0 };
/// let s = Survey {
///     questions: vec![q("nps", QuestionKind::Nps, 0.0, 10.0), q("csat", QuestionKind::Csat, 1.0, 5.0)],
///     responses: vec![resp(vec![Some(10.0), Some(5.0)]), resp(vec![Some(6.0), None])],
/// };
/// let sc = survey_scores(&s);
/// assert_eq!(sc.nps.unwrap().overall.nps.value, Some(0.0));
/// assert_eq!(sc.csat.unwrap().top2.value, Some(1.0));
/// assert!(sc.ces.is_none());
/// ```
pub fn survey_scores(survey: &Survey) -> SurveyScores {
    let nps_section = answers_of(survey, &QuestionKind::Nps).map(|QuestionAnswers { question, answers, .. }| {
        let values: Vec<f64> = answers.iter().map(|a| a.1).collect();
        let mut months: BTreeMap<String, Vec<f64>> = BTreeMap::new();
        for (d, a) in &answers {
            if let Some(d) = d {
                months.entry(month_key(*d)).or_default().push(*a);
            }
        }
        NpsSection { question, overall: nps(&values), by_month: months.into_iter().map(|(month, v)| MonthNps { month, nps: nps(&v) }).collect() }
    });
    let csat = answers_of(survey, &QuestionKind::Csat).map(|QuestionAnswers { question, min, max, answers }| {
        let values: Vec<f64> = answers.iter().map(|a| a.1).filter(|a| a.is_finite() && (min..=max).contains(a)).collect();
        CsatSection { question, top2: csat_top2(&values, min, max), mean: Measure::mean(&values, SatUnit::ScalePoints, Counted::Answers) }
    });
    let ces_section = answers_of(survey, &QuestionKind::Ces).map(|QuestionAnswers { question, min, max, answers }| {
        let values: Vec<f64> = answers.iter().map(|a| a.1).collect();
        CesSection { question, ces: ces(&values, min, max) }
    });
    SurveyScores { nps: nps_section, csat, ces: ces_section }
}
