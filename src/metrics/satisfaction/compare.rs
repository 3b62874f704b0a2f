//! Period against period (PDCA: measure, improve, measure again): is a change
//! more than noise?
//!
//! * Means (average rating): Welch's t-test (Welch 1947, *Biometrika* 34): difference
//!   later − earlier, se = √(s₁²/n₁ + s₂²/n₂), Welch–Satterthwaite degrees of freedom, two-sided
//!   p from the Student t distribution, interval difference ± t(0.975, df)·se. Same as
//!   `scipy.stats.ttest_ind(later, earlier, equal_var=False)`. Ratings are bounded and discrete,
//!   so with fewer than 30 per period the p-value is a rough guide.
//! * Proportions (CSAT top-2-box): two-proportion z-test with pooled variance for the p-value
//!   (statsmodels `proportions_ztest`), Newcombe's hybrid score interval of the difference
//!   (Newcombe 1998, *Stat. Med.* 17, method 10; statsmodels
//!   `confint_proportions_2indep(method="newcomb")`).
//! * NPS: difference of the adjusted-Wald estimates of Rocks (2016),
//!   z = (N₂' − N₁')/√(var₁ + var₂), normal p-value and interval (the MeasuringU approach to
//!   comparing two NPS).
//!
//! Verdict: "more than noise" when p < alpha (default 0.05), "within noise" otherwise,
//! "not enough data" when either period lacks the answers the test needs.

use super::nps::{adjusted_wald, nps};
use super::ratings::star;
use super::{dist, mean_sd, Counted, DateRange, Measure, SatUnit};
use crate::dataset::{QuestionKind, Survey};
use crate::metrics::stats::{wilson95, Z95};
use crate::metrics::Interval;
use crate::model::AsReviews;
use serde::Serialize;

/// The plain verdict of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// p < alpha: the change is unlikely to be chance alone.
    MoreThanNoise,
    /// p ≥ alpha: the change could well be chance.
    WithinNoise,
    /// A period lacks the answers the test needs.
    NotEnoughData,
}

impl Verdict {
    /// "more than noise", "within noise" or "not enough data".
    pub fn text(self) -> &'static str {
        match self {
            Verdict::MoreThanNoise => "more than noise",
            Verdict::WithinNoise => "within noise",
            Verdict::NotEnoughData => "not enough data",
        }
    }
}

/// One metric in two periods and whether the change is more than noise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// "average_rating", "csat_top2", "nps" or "survey_csat".
    pub metric: &'static str,
    /// The metric in the earlier period.
    pub earlier: Measure,
    /// The metric in the later period.
    pub later: Measure,
    /// later − earlier (in the measures' unit; NPS: adjusted estimates, in points).
    pub difference: Option<f64>,
    /// 95% interval of the difference.
    pub interval: Option<Interval>,
    /// Two-sided p-value.
    pub p_value: Option<f64>,
    /// "welch_t", "two_proportion_z" or "adjusted_wald_difference".
    pub method: &'static str,
    /// Plain verdict from `p_value` and alpha.
    pub verdict: Verdict,
    /// One plain sentence.
    pub summary: String,
}

/// `test` = (difference, interval, p-value).
fn finish(metric: &'static str, earlier: Measure, later: Measure, test: (f64, Interval, f64), method: &'static str, alpha: f64) -> Comparison {
    let (diff, ci, p) = test;
    let verdict = if p < alpha { Verdict::MoreThanNoise } else { Verdict::WithinNoise };
    let dir = if diff > 0.0 {
        "rose"
    } else if diff < 0.0 {
        "fell"
    } else {
        "did not change"
    };
    let summary = format!("{metric} {dir}: difference {diff:+.3} (95% interval {:.3} to {:.3}, p = {p:.3}): {}", ci.lower, ci.upper, verdict.text());
    Comparison { metric, earlier, later, difference: Some(diff), interval: Some(ci), p_value: Some(p), method, verdict, summary }
}

fn not_enough(metric: &'static str, earlier: Measure, later: Measure, method: &'static str, why: &str) -> Comparison {
    Comparison { metric, earlier, later, difference: None, interval: None, p_value: None, method, verdict: Verdict::NotEnoughData, summary: format!("{metric}: not enough data ({why})") }
}

/// Welch's t-test of `later` against `earlier` (difference later − earlier).
///
/// # Edge cases
/// Fewer than 2 values in either period, or no variation in both: "not enough data".
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::compare::{compare_means, Verdict};
/// // scipy.stats.ttest_ind([4,5,5,4,5], [3,4,2,3,4], equal_var=False): t = 3.130495, df = 6.896552, p = 0.016921
/// let c = compare_means("average_rating", &[3.0, 4.0, 2.0, 3.0, 4.0], &[4.0, 5.0, 5.0, 4.0, 5.0], 0.05);
/// assert!((c.p_value.unwrap() - 0.016_920_872).abs() < 1e-8);
/// assert_eq!(c.verdict, Verdict::MoreThanNoise);
/// ```
pub fn compare_means(metric: &'static str, earlier: &[f64], later: &[f64], alpha: f64) -> Comparison {
    let (ma, mb) = (Measure::mean(earlier, SatUnit::Stars, Counted::Reviews), Measure::mean(later, SatUnit::Stars, Counted::Reviews));
    if earlier.len() < 2 || later.len() < 2 {
        return not_enough(metric, ma, mb, "welch_t", "fewer than 2 answers in a period");
    }
    let (m1, s1) = mean_sd(earlier);
    let (m2, s2) = mean_sd(later);
    let (n1, n2) = (earlier.len() as f64, later.len() as f64);
    let (v1, v2) = (s1 * s1 / n1, s2 * s2 / n2);
    let se = (v1 + v2).sqrt();
    if se == 0.0 {
        return not_enough(metric, ma, mb, "welch_t", "no variation in either period");
    }
    let diff = m2 - m1;
    let df = (v1 + v2).powi(2) / (v1 * v1 / (n1 - 1.0) + v2 * v2 / (n2 - 1.0));
    let t = diff / se;
    let half = dist::t_quantile(0.975, df) * se;
    let ci = Interval { lower: diff - half, upper: diff + half, level: 0.95, method: "welch_t" };
    finish(metric, ma, mb, (diff, ci, dist::t_two_sided_p(t, df)), "welch_t", alpha)
}

/// Two-proportion comparison of `x_later/n_later` against `x_earlier/n_earlier`: pooled z-test
/// p-value, Newcombe hybrid score interval of the difference.
///
/// # Edge cases
/// A period with no answers, or pooled share 0 or 1 (no variation): "not enough data".
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::compare::compare_proportions;
/// // statsmodels proportions_ztest([45, 30], [60, 60]): z = 2.828427, p = 0.004678
/// let c = compare_proportions("csat_top2", 30, 60, 45, 60, 0.05);
/// assert!((c.p_value.unwrap() - 0.004_678).abs() < 1e-6);
/// assert!((c.difference.unwrap() - 0.25).abs() < 1e-12);
/// ```
pub fn compare_proportions(metric: &'static str, x_earlier: u64, n_earlier: u64, x_later: u64, n_later: u64, alpha: f64) -> Comparison {
    let (ma, mb) = (Measure::proportion(x_earlier, n_earlier, Counted::Answers), Measure::proportion(x_later, n_later, Counted::Answers));
    if n_earlier == 0 || n_later == 0 {
        return not_enough(metric, ma, mb, "two_proportion_z", "a period has no answers");
    }
    let (n1, n2) = (n_earlier as f64, n_later as f64);
    let (p1, p2) = (x_earlier as f64 / n1, x_later as f64 / n2);
    let pooled = (x_earlier + x_later) as f64 / (n1 + n2);
    if pooled <= 0.0 || pooled >= 1.0 {
        return not_enough(metric, ma, mb, "two_proportion_z", "all answers alike in both periods");
    }
    let z = (p2 - p1) / (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    let (w1, w2) = (wilson95(x_earlier, n_earlier).expect("n > 0"), wilson95(x_later, n_later).expect("n > 0"));
    let diff = p2 - p1;
    let lower = diff - ((p2 - w2.lower).powi(2) + (w1.upper - p1).powi(2)).sqrt();
    let upper = diff + ((w2.upper - p2).powi(2) + (p1 - w1.lower).powi(2)).sqrt();
    let ci = Interval { lower, upper, level: 0.95, method: "newcombe_hybrid_score" };
    finish(metric, ma, mb, (diff, ci, dist::normal_two_sided_p(z)), "two_proportion_z", alpha)
}

/// Compares two sets of 0-10 answers by the difference of their adjusted-Wald NPS (points).
///
/// # Edge cases
/// A period with no valid answer: "not enough data".
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::compare::{compare_nps, Verdict};
/// let earlier: Vec<f64> = [10.0; 5].iter().chain(&[5.0; 5]).copied().collect();
/// let later = [10.0; 10];
/// let c = compare_nps(&earlier, &later, 0.05);
/// assert!(c.difference.unwrap() > 0.0);
/// ```
pub fn compare_nps(earlier: &[f64], later: &[f64], alpha: f64) -> Comparison {
    let (a, b) = (nps(earlier), nps(later));
    let (na, nb) = (a.promoters + a.passives + a.detractors, b.promoters + b.passives + b.detractors);
    if na == 0 || nb == 0 {
        return not_enough("nps", a.nps, b.nps, "adjusted_wald_difference", "a period has no NPS answers");
    }
    let wa = adjusted_wald(a.promoters, a.detractors, na);
    let wb = adjusted_wald(b.promoters, b.detractors, nb);
    let diff = wb.estimate - wa.estimate;
    let se = (wa.variance + wb.variance).sqrt();
    let ci = Interval { lower: 100.0 * (diff - Z95 * se), upper: 100.0 * (diff + Z95 * se), level: 0.95, method: "adjusted_wald_difference" };
    finish("nps", a.nps, b.nps, (100.0 * diff, ci, dist::normal_two_sided_p(diff / se)), "adjusted_wald_difference", alpha)
}

/// Both periods and the comparisons that had data in at least one of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodComparison {
    /// The earlier period.
    pub earlier: DateRange,
    /// The later period.
    pub later: DateRange,
    /// average_rating, csat_top2, nps, survey_csat (those with data).
    pub items: Vec<Comparison>,
}

/// Compares average rating and rating top-2-box (reviews by review date), NPS and survey CSAT
/// (responses by date) between two periods. Undated records are left out.
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::{Review, Survey};
/// use loyalty_scorecard::metrics::satisfaction::{compare::compare_periods, DateRange};
/// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
/// let r = |m, s| Review { review_id: None, order_id: None, customer_id: None, product: None, rating: s,
///     date: Some(d(m, 10)), text: None, row: 0 };
/// let (jan, feb) = (DateRange { start: d(1, 1), end: d(1, 31) }, DateRange { start: d(2, 1), end: d(2, 29) });
/// let c = compare_periods(&[r(1, 2.0), r(1, 3.0), r(2, 4.0), r(2, 5.0)], &Survey::default(), jan, feb, 0.05);
/// assert_eq!(c.items[0].metric, "average_rating");
/// assert_eq!(c.items[0].difference, Some(2.0));
/// ```
pub fn compare_periods(reviews: &(impl AsReviews + ?Sized), survey: &Survey, earlier: DateRange, later: DateRange, alpha: f64) -> PeriodComparison {
    let reviews = reviews.as_reviews();
    let mut items = Vec::new();
    let pick = |range: DateRange| -> Vec<f64> { reviews.ratings().iter().zip(reviews.dates()).filter(|(r, d)| star(**r).is_some() && d.is_some_and(|d| range.contains(d))).map(|(r, _)| *r).collect() };
    let (ra, rb) = (pick(earlier), pick(later));
    if !ra.is_empty() || !rb.is_empty() {
        items.push(compare_means("average_rating", &ra, &rb, alpha));
        let top = |v: &[f64]| v.iter().filter(|r| r.round() >= 4.0).count() as u64;
        items.push(compare_proportions("csat_top2", top(&ra), ra.len() as u64, top(&rb), rb.len() as u64, alpha));
    }
    let survey_pick = |kind: &QuestionKind, range: DateRange| -> Option<(f64, f64, Vec<f64>)> {
        let q = super::nps::answers_of(survey, kind)?;
        let (min, max) = (q.min, q.max);
        Some((min, max, q.answers.into_iter().filter(|(d, a)| d.is_some_and(|d| range.contains(d)) && a.is_finite() && (min..=max).contains(a)).map(|x| x.1).collect()))
    };
    if let (Some((_, _, a)), Some((_, _, b))) = (survey_pick(&QuestionKind::Nps, earlier), survey_pick(&QuestionKind::Nps, later)) {
        if !a.is_empty() || !b.is_empty() {
            items.push(compare_nps(&a, &b, alpha));
        }
    }
    if let (Some((_, max, a)), Some((_, _, b))) = (survey_pick(&QuestionKind::Csat, earlier), survey_pick(&QuestionKind::Csat, later)) {
        if !a.is_empty() || !b.is_empty() {
            let top = |v: &[f64]| v.iter().filter(|x| x.round() >= max - 1.0).count() as u64;
            items.push(compare_proportions("survey_csat", top(&a), a.len() as u64, top(&b), b.len() as u64, alpha));
        }
    }
    PeriodComparison { earlier, later, items }
}
