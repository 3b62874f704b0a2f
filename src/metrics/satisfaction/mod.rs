//! Satisfaction against expectation: ratings, CSAT, NPS, CES, delivery against promise,
//! complaints, period comparisons and review text.
//!
//! Every number is a [`Measure`]: a value (or `None` with a "not enough data" warning — never
//! NaN), what it is measured in, how many answers it rests on, a 95% interval where it is an
//! estimate, and a warning when it rests on fewer than [`MIN_SAMPLE`] answers. The entry point
//! is [`analyze_satisfaction`]; each sub-module can also be used on its own.
//!
//! Survey-item analysis (SERVQUAL gaps, the satisfaction index, importance-performance,
//! drivers, Kano) lives in [`survey`].

pub mod compare;
pub mod complaints;
pub mod delivery;
pub mod dist;
pub mod nps;
pub mod ratings;
pub mod survey;
pub mod text;

use crate::dataset::{Dataset, OrderStatus};
use crate::metrics::Interval;
use crate::model::{Keys, Linked};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Below this many answers (ratings, survey answers, orders, tickets) a figure carries a
/// warning. 30 is the usual rule of thumb for normal approximations of means and
/// proportions (and the threshold used by `purchases::MIN_CUSTOMERS`).
pub const MIN_SAMPLE: u64 = 30;

/// The warning text of a value that could not be computed.
pub const NOT_ENOUGH_DATA: &str = "not enough data";

/// What a [`Measure`]'s value is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SatUnit {
    /// A share between 0 and 1 (shown as a percentage).
    Proportion,
    /// Stars on the 1-5 rating scale.
    Stars,
    /// Net Promoter Score points, −100 to 100.
    NpsPoints,
    /// Points on a survey answer scale (e.g. CES 1-7).
    ScalePoints,
    /// Days.
    Days,
    /// Hours.
    Hours,
    /// A count.
    Count,
}

/// What a [`Measure`]'s `n` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Counted {
    /// Reviews (ratings).
    Reviews,
    /// Survey answers.
    Answers,
    /// Orders.
    Orders,
    /// Customers.
    Customers,
    /// Support tickets.
    Tickets,
}

/// One satisfaction figure. `value` is `None` exactly when there was not enough data to
/// compute it, and then `warning` says so.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    /// The figure; `None` = not enough data (see `warning`).
    pub value: Option<f64>,
    /// What `value` is measured in.
    pub unit: SatUnit,
    /// How many observations the value rests on.
    pub n: u64,
    /// What `n` counts.
    pub n_of: Counted,
    /// 95% interval, when the value is an estimate and one can be computed.
    pub interval: Option<Interval>,
    /// Present when the value should be read with care, or could not be computed.
    pub warning: Option<crate::messages::Note>,
}

impl Measure {
    /// A measure with no value: "not enough data", with the reason.
    ///
    /// ```
    /// use loyalty_scorecard::metrics::satisfaction::{Counted, Measure, SatUnit};
    /// let m = Measure::not_enough(SatUnit::Stars, 0, Counted::Reviews, "no ratings");
    /// assert_eq!(m.value, None);
    /// assert_eq!(m.warning.unwrap().en(), "not enough data: no ratings");
    /// ```
    pub fn not_enough(unit: SatUnit, n: u64, n_of: Counted, why: impl Into<crate::messages::Note>) -> Measure {
        Measure { value: None, unit, n, n_of, interval: None, warning: Some(crate::messages::Note::NotEnoughData(Box::new(why.into()))) }
    }

    /// "Not enough data: no reviews" (or whatever `n_of` counts): nothing to compute from.
    fn none_of(unit: SatUnit, n_of: Counted) -> Measure {
        let why = crate::messages::Note::NoneOf { what: n_of };
        Measure { value: None, unit, n: 0, n_of, interval: None, warning: Some(crate::messages::Note::NotEnoughData(Box::new(why))) }
    }

    /// An estimate with the small-sample warning added when `n <` [`MIN_SAMPLE`].
    ///
    /// ```
    /// use loyalty_scorecard::metrics::satisfaction::{Counted, Measure, SatUnit};
    /// let m = Measure::estimate(0.5, SatUnit::Proportion, 4, Counted::Reviews, None);
    /// assert_eq!(m.value, Some(0.5));
    /// assert!(m.warning.unwrap().contains("only 4 reviews"));
    /// ```
    pub fn estimate(value: f64, unit: SatUnit, n: u64, n_of: Counted, interval: Option<Interval>) -> Measure {
        Measure { value: Some(value), unit, n, n_of, interval, warning: small_sample_warning(n, n_of) }
    }

    /// A proportion `successes / n` with its Wilson 95% interval; "not enough data" when
    /// `n == 0`.
    ///
    /// ```
    /// use loyalty_scorecard::metrics::satisfaction::{Counted, Measure};
    /// let m = Measure::proportion(1, 2, Counted::Reviews);
    /// assert_eq!(m.value, Some(0.5));
    /// assert!((m.interval.unwrap().lower - 0.094_531_205).abs() < 1e-8);
    /// assert_eq!(Measure::proportion(0, 0, Counted::Reviews).value, None);
    /// ```
    pub fn proportion(successes: u64, n: u64, n_of: Counted) -> Measure {
        if n == 0 {
            return Measure::none_of(SatUnit::Proportion, n_of);
        }
        Measure::estimate(successes as f64 / n as f64, SatUnit::Proportion, n, n_of, crate::metrics::stats::wilson95(successes, n))
    }

    /// The mean of `values` with a Student t 95% interval (mean ± t(0.975, n−1)·s/√n).
    /// "Not enough data" when empty; no interval (and a warning) for a single value.
    ///
    /// ```
    /// use loyalty_scorecard::metrics::satisfaction::{Counted, Measure, SatUnit};
    /// // 1, 2, 3: mean 2, s = 1, t(0.975, 2) = 4.302653 -> 2 ± 2.484138
    /// let m = Measure::mean(&[1.0, 2.0, 3.0], SatUnit::Stars, Counted::Reviews);
    /// let ci = m.interval.unwrap();
    /// assert!((ci.lower + 0.484_138).abs() < 1e-6 && (ci.upper - 4.484_138).abs() < 1e-6);
    /// ```
    pub fn mean(values: &[f64], unit: SatUnit, n_of: Counted) -> Measure {
        let n = values.len() as u64;
        if n == 0 {
            return Measure::none_of(unit, n_of);
        }
        let (mean, sd) = mean_sd(values);
        let interval = (n >= 2).then(|| {
            let half = dist::t_quantile(0.975, (n - 1) as f64) * sd / (n as f64).sqrt();
            Interval { lower: mean - half, upper: mean + half, level: 0.95, method: "student_t_mean" }
        });
        Measure::estimate(mean, unit, n, n_of, interval)
    }

    /// A plain value with no interval (a median, a count), small-sample warning included.
    pub fn plain(value: f64, unit: SatUnit, n: u64, n_of: Counted) -> Measure {
        Measure::estimate(value, unit, n, n_of, None)
    }
}

impl Counted {
    /// What is counted, as a noun after a number ("5 reviews", "5 条评价").
    pub fn word(self, lang: crate::view::Lang) -> &'static str {
        let [en, cn, tw] = match self {
            Counted::Reviews => ["reviews", "条评价", "則評價"],
            Counted::Answers => ["answers", "份回答", "份回答"],
            Counted::Orders => ["orders", "笔订单", "筆訂單"],
            Counted::Customers => ["customers", "位顾客", "位顧客"],
            Counted::Tickets => ["tickets", "张工单", "張工單"],
        };
        lang.pick(en, cn, tw)
    }
}

/// "only n reviews: ..." when `n <` [`MIN_SAMPLE`].
fn small_sample_warning(n: u64, n_of: Counted) -> Option<crate::messages::Note> {
    use crate::messages::Note;
    (n < MIN_SAMPLE).then_some(if n == 1 { Note::Anecdote { what: n_of } } else { Note::SmallSample { n, what: n_of, min: MIN_SAMPLE } })
}

/// Mean and sample standard deviation (n − 1 denominator; 0 for one value).
pub(crate) fn mean_sd(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    if values.len() < 2 {
        return (mean, 0.0);
    }
    let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0);
    (mean, var.sqrt())
}

/// Median of values (sorted copy); `None` when empty.
pub(crate) fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    // Unstable is the same here (values equal by total_cmp are the same bits), and shares the
    // lifetime-value report's copy of the sort.
    v.sort_unstable_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 { v[m] } else { 0.5 * (v[m - 1] + v[m]) })
}

/// `YYYY-MM` of a date.
pub(crate) fn month_key(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// An inclusive range of dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct DateRange {
    /// First day (inclusive).
    pub start: NaiveDate,
    /// Inclusive.
    pub end: NaiveDate,
}

impl DateRange {
    /// Whether `d` lies in the range (both ends inclusive).
    pub fn contains(&self, d: NaiveDate) -> bool {
        d >= self.start && d <= self.end
    }

    /// The calendar month of `as_of` up to `as_of`, and the whole previous calendar month.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use loyalty_scorecard::metrics::satisfaction::DateRange;
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let (prev, cur) = DateRange::this_and_last_month(d(2024, 3, 15));
    /// assert_eq!((prev.start, prev.end, cur.start, cur.end), (d(2024, 2, 1), d(2024, 2, 29), d(2024, 3, 1), d(2024, 3, 15)));
    /// ```
    pub fn this_and_last_month(as_of: NaiveDate) -> (DateRange, DateRange) {
        let first = as_of.with_day(1).expect("day 1 exists");
        let prev_end = first.pred_opt().expect("dates before year -262144 are not used");
        let prev_start = prev_end.with_day(1).expect("day 1 exists");
        (DateRange { start: prev_start, end: prev_end }, DateRange { start: first, end: as_of })
    }
}

/// Settings of the satisfaction analysis. `Default` gives the documented defaults; a partial
/// object deserializes with the rest at their defaults.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SatisfactionOptions {
    /// Complaint-rate target (tickets per order); default 0.10 ("under 10%", 《如何从顾客满意到顾客信任》).
    pub complaint_rate_target: f64,
    /// Assumptions of the complaint iceberg; default [`complaints::IcebergAssumptions::chinese_articles`].
    pub iceberg: complaints::IcebergAssumptions,
    /// Promised first-response time of tickets in hours; default 24.
    pub promised_response_hours: f64,
    /// Days a customer must have had after a ticket (or first order) to count in the service
    /// recovery comparison; default 60.
    pub recovery_followup_days: i64,
    /// `(earlier, later)` periods to compare; `None` (default) = last calendar month against
    /// this calendar month up to `as_of`.
    pub compare: Option<(DateRange, DateRange)>,
    /// Significance level of the period comparisons' verdict; default 0.05.
    pub alpha: f64,
    /// How many lowest-rated reviews with text to keep; default 10.
    pub lowest_reviews: usize,
    /// How many distinctive words/phrases to list per side; default 15.
    pub top_terms: usize,
    /// A word/phrase must occur in at least this many reviews of its side to be listed; default 2.
    pub min_term_reviews: u64,
}

impl Default for SatisfactionOptions {
    fn default() -> Self {
        SatisfactionOptions {
            complaint_rate_target: 0.10,
            iceberg: complaints::IcebergAssumptions::chinese_articles(),
            promised_response_hours: 24.0,
            recovery_followup_days: 60,
            compare: None,
            alpha: 0.05,
            lowest_reviews: 10,
            top_terms: 15,
            min_term_reviews: 2,
        }
    }
}

/// Everything the satisfaction analysis found. Sections are `None` when their data is absent
/// (the reason is in `messages`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SatisfactionReport {
    /// The analysis date: records dated after it are left out.
    pub as_of: NaiveDate,
    /// Ratings from reviews: average, distribution, CSAT top-2-box, per month and product.
    pub ratings: Option<ratings::RatingsReport>,
    /// NPS, CSAT and CES from survey columns.
    pub survey_scores: Option<nps::SurveyScores>,
    /// Delivery against promise and how ratings move with the miss.
    pub delivery: Option<delivery::DeliveryReport>,
    /// First-response time of tickets against the promised hours.
    pub response_time: Option<delivery::ResponseTimeReport>,
    /// Complaint rate, resolution, categories, iceberg and service recovery.
    pub complaints: Option<complaints::ComplaintsReport>,
    /// Earlier period against later period.
    pub comparison: Option<compare::PeriodComparison>,
    /// Lowest-rated reviews and the words of low against high ratings.
    pub review_text: Option<text::TextReport>,
    /// What was left out and why.
    pub messages: crate::messages::Notes,
}

/// The items that pass `keep`: borrowed when all do (the usual case, and no copy of a million
/// orders), copied otherwise.
fn kept<T: Clone>(items: &[T], keep: impl Fn(&T) -> bool) -> std::borrow::Cow<'_, [T]> {
    if items.iter().all(&keep) {
        std::borrow::Cow::Borrowed(items)
    } else {
        std::borrow::Cow::Owned(items.iter().filter(|i| keep(i)).cloned().collect())
    }
}

/// Runs every satisfaction analysis the data allows. Records dated after `as_of` (reviews,
/// survey answers, orders, tickets opened) are left out and counted in `messages`; cancelled
/// orders are not purchases and are left out of delivery and complaint rates.
///
/// # Edge cases
/// An empty [`Dataset`] gives a report with every section `None` and one message per missing
/// input; it never panics and never produces NaN.
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::{Dataset, Review};
/// use loyalty_scorecard::metrics::satisfaction::{analyze_satisfaction, SatisfactionOptions};
/// let review = |r: f64| Review { review_id: None, order_id: None, customer_id: None, product: None,
///     rating: r, date: NaiveDate::from_ymd_opt(2024, 5, 2), text: None, row: 0 };
/// let data = Dataset { reviews: vec![review(5.0), review(4.0), review(1.0)].into(), ..Dataset::default() };
/// let as_of = NaiveDate::from_ymd_opt(2024, 5, 31).unwrap();
/// let rep = analyze_satisfaction(&data, as_of, &SatisfactionOptions::default());
/// let r = rep.ratings.unwrap();
/// assert_eq!(r.overall.average.value, Some(10.0 / 3.0));
/// assert_eq!(r.overall.csat_top2.value, Some(2.0 / 3.0));
/// assert!(rep.complaints.is_none() && !rep.messages.is_empty());
/// ```
pub fn analyze_satisfaction(data: &Dataset, as_of: NaiveDate, opts: &SatisfactionOptions) -> SatisfactionReport {
    analyze_satisfaction_keyed(data, &Keys::new(data), as_of, opts)
}

/// [`analyze_satisfaction`] with the analysis's [`Keys`].
pub(crate) fn analyze_satisfaction_keyed<'a>(data: &'a Dataset, keys: &Keys<'a>, as_of: NaiveDate, opts: &SatisfactionOptions) -> SatisfactionReport {
    use crate::messages::{Absent, Note};
    let mut messages = crate::messages::Notes::new();
    let (status, dates) = (data.orders.statuses(), data.orders.dates());
    let usable_at = |p: usize| dates[p] <= as_of && status[p] != OrderStatus::Cancelled;
    let position_of = |id: &str| keys.order_where(id, usable_at);
    let n_orders = (0..data.orders.len()).filter(|p| usable_at(*p)).count();
    let later = dates.iter().filter(|d| **d > as_of).count();
    if later > 0 {
        messages.push(Note::DatedAfter { n: later, what: Counted::Orders, day: as_of });
    }
    let cancelled = (0..data.orders.len()).filter(|p| dates[*p] <= as_of && status[*p] == OrderStatus::Cancelled).count();
    if cancelled > 0 {
        messages.push(Note::CancelledLeftOut { n: cancelled });
    }
    let reviews: std::borrow::Cow<'_, crate::model::Reviews> = if data.reviews.dates().iter().all(|d| d.is_none_or(|d| d <= as_of)) {
        std::borrow::Cow::Borrowed(&data.reviews)
    } else {
        std::borrow::Cow::Owned(data.reviews.select(|r| r.date.is_none_or(|d| d <= as_of)))
    };
    if reviews.len() < data.reviews.len() {
        messages.push(Note::DatedAfter { n: data.reviews.len() - reviews.len(), what: Counted::Reviews, day: as_of });
    }
    let ticket_in_time = |t: &crate::dataset::Ticket| t.opened <= as_of;
    let tickets = kept(&data.tickets, ticket_in_time);
    if tickets.len() < data.tickets.len() {
        messages.push(Note::DatedAfter { n: data.tickets.len() - tickets.len(), what: Counted::Tickets, day: as_of });
    }
    // The survey as it is when no answer is later than `as_of` (no copy of every answer).
    let answered = |r: &crate::dataset::SurveyResponse| r.date.is_none_or(|d| d <= as_of);
    let survey: std::borrow::Cow<'_, crate::dataset::Survey> = if data.survey.responses.iter().all(answered) {
        std::borrow::Cow::Borrowed(&data.survey)
    } else {
        let responses = data.survey.responses.iter().filter(|r| answered(r)).cloned().collect();
        std::borrow::Cow::Owned(crate::dataset::Survey { questions: data.survey.questions.clone(), responses })
    };
    if survey.responses.len() < data.survey.responses.len() {
        messages.push(Note::DatedAfter { n: data.survey.responses.len() - survey.responses.len(), what: Counted::Answers, day: as_of });
    }

    // Each review's order (a usable one), resolved once: from the keys' resolution when no
    // review was left out, else by id.
    let linked = match &reviews {
        std::borrow::Cow::Borrowed(_) if keys.resolved_reviews() == reviews.len() => {
            Linked::new(&data.orders, (0..reviews.len()).map(|i| keys.review_order_where(i, reviews.order_id_at(i), usable_at)))
        }
        _ => Linked::new(&data.orders, (0..reviews.len()).map(|i| reviews.order_id_at(i).and_then(position_of))),
    };
    let ratings = if reviews.is_empty() {
        messages.push(Note::Absent(Absent::NoReviews));
        None
    } else {
        let r = ratings::ratings_report_with(&reviews, &linked);
        if r.ignored > 0 {
            messages.push(Note::RatingsOutOfScale { n: r.ignored as usize });
        }
        Some(r)
    };
    let survey_scores = if survey.responses.is_empty() {
        messages.push(Note::Absent(Absent::NoSurveyAnswers));
        None
    } else {
        let s = nps::survey_scores(&survey);
        if s.nps.is_none() && s.csat.is_none() && s.ces.is_none() {
            messages.push(Note::Absent(Absent::NoSurveyScores));
            None
        } else {
            Some(s)
        }
    };
    let delivery = delivery::delivery_report_with((0..data.orders.len()).filter(|p| usable_at(*p)), &reviews, &linked);
    if delivery.is_none() {
        messages.push(Note::Absent(Absent::NoDelivery));
    }
    let response_time = delivery::response_time(&tickets, opts.promised_response_hours);
    if response_time.is_none() && !tickets.is_empty() {
        messages.push(Note::Absent(Absent::NoResponseTimes));
    }
    let complaints = if n_orders == 0 || tickets.is_empty() {
        messages.push(Note::Absent(if n_orders == 0 { Absent::NoOrders } else { Absent::NoTickets }));
        None
    } else {
        // The kept tickets' positions among all (the keys resolved those).
        let positions: Vec<usize> = if tickets.len() == data.tickets.len() { Vec::new() } else { (0..data.tickets.len()).filter(|&i| ticket_in_time(&data.tickets[i])).collect() };
        let position = |i: usize| if positions.is_empty() { i } else { positions[i] };
        Some(complaints::complaints_report_keyed(&data.orders, keys, &usable_at, &tickets, &position, as_of, opts))
    };
    let (earlier, later) = opts.compare.unwrap_or_else(|| DateRange::this_and_last_month(as_of));
    let comparison = compare::compare_periods(reviews.as_ref(), &survey, earlier, later, opts.alpha);
    let comparison = (!comparison.items.is_empty()).then_some(comparison);
    let order_of = |id: &str| position_of(id).map(|p| data.orders.get(p));
    let review_text = text::text_report_with(&reviews, &order_of, opts);
    if review_text.is_none() && !reviews.is_empty() {
        messages.push(Note::Absent(Absent::NoReviewText));
    }
    SatisfactionReport { as_of, ratings, survey_scores, delivery, response_time, complaints, comparison, review_text, messages }
}
