//! Ratings from reviews (1-5 stars): average, distribution and CSAT top-2-box, overall, per
//! month and per product/category.
//!
//! Definitions:
//! * average rating = mean of the ratings, with a Student t 95% interval
//!   (mean ± t(0.975, n − 1)·s/√n; for n ≥ 30 this is practically the normal interval, for
//!   fewer it is the honest wider one);
//! * distribution = count and share of each star 1..5 (a non-integer rating, e.g. from a
//!   converted 1-10 scale, counts at its nearest star);
//! * CSAT top-2-box = share of ratings of 4 or 5 stars (nearest star ≥ 4), Wilson 95% interval
//!   (Wilson 1927).
//!
//! Ratings outside [1, 5] or not finite are left out and counted in `ignored`.

use super::{Counted, Measure, SatUnit};
use crate::fast::Map;
use crate::model::{AsOrders, Linked, Orders};
use crate::model::{AsReviews, Reviews};
use chrono::Datelike;
use serde::Serialize;
use std::collections::BTreeMap;

/// Count and share of one star value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StarCount {
    /// 1 to 5.
    pub stars: u8,
    /// Ratings at this star.
    pub count: u64,
    /// count / all ratings (0 when there are none).
    pub share: f64,
}

/// Average, distribution and top-2-box of one set of ratings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatingSummary {
    /// Mean rating in stars, Student t 95% interval.
    pub average: Measure,
    /// Stars 1..5 in order.
    pub distribution: Vec<StarCount>,
    /// Share of 4-5 stars, Wilson 95% interval.
    pub csat_top2: Measure,
}

/// A [`RatingSummary`] of one month or product.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupRatings {
    /// `YYYY-MM` for months; the product/category name otherwise.
    pub group: String,
    /// Ratings of the group.
    pub summary: RatingSummary,
}

/// Ratings overall, per month and per product.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatingsReport {
    /// All valid ratings.
    pub overall: RatingSummary,
    /// Months in calendar order (review date; the order's date when the review has none).
    pub by_month: Vec<GroupRatings>,
    /// Products/categories by name (the review's product, else its order's); empty when no
    /// rating has one.
    pub by_product: Vec<GroupRatings>,
    /// Ratings with neither a review date nor a dated order (left out of `by_month`).
    pub undated: u64,
    /// Ratings outside 1-5 or not finite, left out everywhere.
    pub ignored: u64,
}

/// Nearest star 1..5 of a valid rating; `None` when outside [1, 5] or not finite.
pub fn star(rating: f64) -> Option<u8> {
    (rating.is_finite() && (1.0..=5.0).contains(&rating)).then(|| rating.round() as u8)
}

/// Summarises ratings (1-5). Invalid ratings are skipped.
///
/// # Edge cases
/// No valid rating: average and top-2-box are "not enough data" (`value: None`), shares 0.
/// One rating: a value, no interval, and the small-sample warning.
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::ratings::rating_summary;
/// let s = rating_summary(&[5.0, 4.0, 4.0, 2.0]);
/// assert_eq!(s.average.value, Some(3.75));
/// assert_eq!(s.csat_top2.value, Some(0.75));
/// assert_eq!(s.distribution[3].count, 2); // four stars
/// assert_eq!(rating_summary(&[]).average.value, None);
/// ```
pub fn rating_summary(ratings: &[f64]) -> RatingSummary {
    let valid: Vec<f64> = ratings.iter().copied().filter(|r| star(*r).is_some()).collect();
    let n = valid.len() as u64;
    let mut counts = [0u64; 5];
    for r in &valid {
        counts[(star(*r).expect("filtered") - 1) as usize] += 1;
    }
    let distribution = (1..=5u8)
        .map(|s| {
            let count = counts[(s - 1) as usize];
            StarCount { stars: s, count, share: if n == 0 { 0.0 } else { count as f64 / n as f64 } }
        })
        .collect();
    RatingSummary { average: Measure::mean(&valid, SatUnit::Stars, Counted::Reviews), distribution, csat_top2: Measure::proportion(counts[3] + counts[4], n, Counted::Reviews) }
}

/// Ratings overall, per month and per product. Reviews are joined to `orders` by order id
/// for the product and (when the review has no date) the month.
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::Review;
/// use loyalty_scorecard::metrics::satisfaction::ratings::ratings_report;
/// let r = |m: u32, s: f64, p: &str| Review { review_id: None, order_id: None, customer_id: None,
///     product: Some(p.into()), rating: s, date: NaiveDate::from_ymd_opt(2024, m, 1), text: None, row: 0 };
/// let rep = ratings_report(&[r(1, 5.0, "mug"), r(2, 3.0, "mug"), r(2, 1.0, "tea")], &[]);
/// assert_eq!(rep.by_month[1].group, "2024-02");
/// assert_eq!(rep.by_month[1].summary.average.value, Some(2.0));
/// assert_eq!(rep.by_product[0].summary.csat_top2.value, Some(0.5)); // mug
/// ```
pub fn ratings_report(reviews: &(impl AsReviews + ?Sized), orders: &(impl AsOrders + ?Sized)) -> RatingsReport {
    let reviews = reviews.as_reviews();
    let orders = orders.as_orders();
    let orders: &Orders = &orders;
    let by_id: Map<&str, usize> = orders.iter().enumerate().filter_map(|(i, o)| o.order_id.map(|id| (id, i))).collect();
    let linked = Linked::new(orders, (0..reviews.len()).map(|i| reviews.order_id_at(i).and_then(|id| by_id.get(id).copied())));
    ratings_report_with(&reviews, &linked)
}

/// [`ratings_report`] with each review's order given (`linked[i]` is review `i`'s).
pub(crate) fn ratings_report_with<'a>(reviews: &'a Reviews, linked: &Linked<'a>) -> RatingsReport {
    let mut all = Vec::new();
    // Months as year·12 + month (ascending = "YYYY-MM" order); products by their text,
    // borrowed, sorted by bytes at the end (as a map keyed by the text would be).
    let mut months: BTreeMap<i32, Vec<f64>> = BTreeMap::new();
    let mut products: Map<&str, Vec<f64>> = Map::default();
    let (mut undated, mut ignored) = (0, 0);
    let orders = linked.table();
    for (k, order) in linked.positions().enumerate() {
        let rating = reviews.ratings()[k];
        if star(rating).is_none() {
            ignored += 1;
            continue;
        }
        all.push(rating);
        match reviews.dates()[k].or(order.map(|i| orders.dates()[i])) {
            Some(d) => months.entry(d.year() * 12 + d.month0() as i32).or_default().push(rating),
            None => undated += 1,
        }
        if let Some(p) = reviews.product_at(k).or_else(|| order.and_then(|i| orders.product_at(i))) {
            products.entry(p).or_default().push(rating);
        }
    }
    let by_month = months.into_iter().map(|(k, v)| GroupRatings { group: format!("{:04}-{:02}", k.div_euclid(12), k.rem_euclid(12) + 1), summary: rating_summary(&v) }).collect();
    let mut products: Vec<(&str, Vec<f64>)> = products.into_iter().collect();
    crate::fast::sort_stable(&mut products, |a, b| a.0.cmp(b.0));
    let by_product = products.into_iter().map(|(p, v)| GroupRatings { group: p.to_string(), summary: rating_summary(&v) }).collect();
    RatingsReport { overall: rating_summary(&all), by_month, by_product, undated, ignored }
}
