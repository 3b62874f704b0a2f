//! The review table: one column per field, ids, customers and products interned, the texts in
//! one buffer. A review took about 150 bytes as a [`Review`] record (five strings and options);
//! here it is about 30 bytes of columns plus its text and the distinct ids.
//!
//! ```
//! use loyalty_scorecard::dataset::Review;
//! use loyalty_scorecard::model::Reviews;
//! let r = |c: &str, rating: f64, text: Option<&str>| Review {
//!     review_id: None, order_id: None, customer_id: Some(c.into()), product: None,
//!     rating, date: None, text: text.map(String::from), row: 2,
//! };
//! let t: Reviews = vec![r("A", 5.0, Some("great")), r("B", 2.0, None), r("A", 4.0, Some(""))].into();
//! assert_eq!((t.len(), t.get(0).text, t.get(1).text, t.get(2).text), (3, Some("great"), None, Some("")));
//! assert_eq!(t.iter().map(|x| x.rating).sum::<f64>(), 11.0);
//! ```

use super::orders::Pool;
use crate::dataset::{Review, Text};
use chrono::NaiveDate;
use serde::Serialize;

const NONE: u32 = u32::MAX;

/// One review seen through the table: the fields of [`Review`], strings borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReviewRef<'a> {
    pub review_id: Option<&'a str>,
    pub order_id: Option<&'a str>,
    pub customer_id: Option<&'a str>,
    pub product: Option<&'a str>,
    pub rating: f64,
    pub date: Option<NaiveDate>,
    pub text: Option<&'a str>,
    pub row: usize,
}

impl ReviewRef<'_> {
    /// The review as an owned record.
    pub fn to_review(&self) -> Review {
        Review {
            review_id: self.review_id.map(Text::from),
            order_id: self.order_id.map(Text::from),
            customer_id: self.customer_id.map(Text::from),
            product: self.product.map(Text::from),
            rating: self.rating,
            date: self.date,
            text: self.text.map(String::from),
            row: self.row,
        }
    }
}

/// Reviews as columns.
#[derive(Clone, Default)]
pub struct Reviews {
    review_ids: Pool,
    review_id: Vec<u32>,
    order_ids: Pool,
    order_id: Vec<u32>,
    customers: Pool,
    customer: Vec<u32>,
    products: Pool,
    product: Vec<u32>,
    rating: Vec<f64>,
    date: Vec<Option<NaiveDate>>,
    /// Every text, one after another.
    texts: String,
    /// Where review `i`'s text ends in `texts` (it starts where review `i - 1`'s ends).
    text_end: Vec<u32>,
    /// Whether review `i` has a text (an empty one counts).
    has_text: Vec<bool>,
    row: Vec<u32>,
}

fn number(pool: &mut Pool, s: Option<&str>) -> u32 {
    s.map_or(NONE, |s| pool.intern(s))
}

fn text(pool: &Pool, n: u32) -> Option<&str> {
    (n != NONE).then(|| pool.get(n))
}

impl Reviews {
    /// An empty table.
    pub fn new() -> Reviews {
        Reviews::default()
    }

    /// How many reviews.
    pub fn len(&self) -> usize {
        self.rating.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rating.is_empty()
    }

    /// Appends one review given as a row view.
    pub fn push_ref(&mut self, r: ReviewRef<'_>) {
        self.review_id.push(number(&mut self.review_ids, r.review_id));
        self.order_id.push(number(&mut self.order_ids, r.order_id));
        self.customer.push(number(&mut self.customers, r.customer_id));
        self.product.push(number(&mut self.products, r.product));
        self.rating.push(r.rating);
        self.date.push(r.date);
        // Texts past 4 GB in all are not kept (a wasm32 page cannot hold them anyway).
        let text = r.text.filter(|t| u32::try_from(self.texts.len() + t.len()).is_ok());
        self.texts.push_str(text.unwrap_or(""));
        self.text_end.push(self.texts.len() as u32);
        self.has_text.push(text.is_some());
        self.row.push(u32::try_from(r.row).unwrap_or(u32::MAX));
    }

    /// Appends one owned review.
    pub fn push(&mut self, r: Review) {
        self.push_review(&r);
    }

    /// Appends one owned review, by reference.
    pub fn push_review(&mut self, r: &Review) {
        self.push_ref(ReviewRef {
            review_id: r.review_id.as_deref(),
            order_id: r.order_id.as_deref(),
            customer_id: r.customer_id.as_deref(),
            product: r.product.as_deref(),
            rating: r.rating,
            date: r.date,
            text: r.text.as_deref(),
            row: r.row,
        });
    }

    /// Review `i` (panics beyond [`Reviews::len`], as slice indexing does).
    pub fn get(&self, i: usize) -> ReviewRef<'_> {
        let start = if i == 0 { 0 } else { self.text_end[i - 1] as usize };
        ReviewRef {
            review_id: text(&self.review_ids, self.review_id[i]),
            order_id: text(&self.order_ids, self.order_id[i]),
            customer_id: text(&self.customers, self.customer[i]),
            product: text(&self.products, self.product[i]),
            rating: self.rating[i],
            date: self.date[i],
            text: self.has_text[i].then(|| &self.texts[start..self.text_end[i] as usize]),
            row: self.row[i] as usize,
        }
    }

    /// Every review, in table order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = ReviewRef<'_>> + ExactSizeIterator + '_ {
        (0..self.len()).map(move |i| self.get(i))
    }

    /// Whether a review with id `id` is in the table.
    pub fn has_review_id(&self, id: &str) -> bool {
        self.review_ids.contains(id)
    }

    /// The order id of review `i`.
    #[inline]
    pub fn order_id_at(&self, i: usize) -> Option<&str> {
        text(&self.order_ids, self.order_id[i])
    }

    /// The customer id of review `i`.
    #[inline]
    pub fn customer_id_at(&self, i: usize) -> Option<&str> {
        text(&self.customers, self.customer[i])
    }

    /// The customer ids of the reviews, by number: review `i`'s is number
    /// `customer_numbers()[i]` (`u32::MAX`: none) of [`Reviews::customer_pool`].
    pub(crate) fn customer_numbers(&self) -> &[u32] {
        &self.customer
    }

    /// The distinct customer ids of the reviews.
    pub(crate) fn customer_pool(&self) -> &Pool {
        &self.customers
    }

    /// The product of review `i`.
    #[inline]
    pub fn product_at(&self, i: usize) -> Option<&str> {
        text(&self.products, self.product[i])
    }

    /// The text of review `i`.
    #[inline]
    pub fn text_at(&self, i: usize) -> Option<&str> {
        let start = if i == 0 { 0 } else { self.text_end[i - 1] as usize };
        self.has_text[i].then(|| &self.texts[start..self.text_end[i] as usize])
    }

    /// The ratings.
    pub fn ratings(&self) -> &[f64] {
        &self.rating
    }

    /// The dates.
    pub fn dates(&self) -> &[Option<NaiveDate>] {
        &self.date
    }

    /// The file row of every review.
    pub fn rows(&self) -> &[u32] {
        &self.row
    }

    /// The reviews for which `keep` holds, in order, as a new table.
    pub fn select(&self, mut keep: impl FnMut(&ReviewRef<'_>) -> bool) -> Reviews {
        let mut out = Reviews::new();
        for r in self.iter() {
            if keep(&r) {
                out.push_ref(r);
            }
        }
        out.shrink_to_fit();
        out
    }

    /// Appends every review of `more` (moved when this table is empty).
    pub fn append(&mut self, more: Reviews) {
        if self.is_empty() {
            *self = more;
        } else {
            for r in more.iter() {
                self.push_ref(r);
            }
        }
    }

    /// [`Reviews::append`], as a list's `extend` reads.
    pub fn extend(&mut self, more: Reviews) {
        self.append(more);
    }

    /// The reviews as owned records.
    pub fn to_vec(&self) -> Vec<Review> {
        self.iter().map(|r| r.to_review()).collect()
    }

    /// Gives back spare capacity.
    pub fn shrink_to_fit(&mut self) {
        self.review_id.shrink_to_fit();
        self.order_id.shrink_to_fit();
        self.customer.shrink_to_fit();
        self.product.shrink_to_fit();
        self.rating.shrink_to_fit();
        self.date.shrink_to_fit();
        self.texts.shrink_to_fit();
        self.text_end.shrink_to_fit();
        self.has_text.shrink_to_fit();
        self.row.shrink_to_fit();
    }
}

impl std::fmt::Debug for Reviews {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Reviews {
    fn eq(&self, other: &Reviews) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

/// A list of reviews, as the records would serialise.
impl Serialize for Reviews {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl From<&[Review]> for Reviews {
    fn from(v: &[Review]) -> Reviews {
        let mut t = Reviews::new();
        for r in v {
            t.push_review(r);
        }
        t
    }
}

impl From<Vec<Review>> for Reviews {
    fn from(v: Vec<Review>) -> Reviews {
        v.as_slice().into()
    }
}

impl FromIterator<Review> for Reviews {
    fn from_iter<I: IntoIterator<Item = Review>>(it: I) -> Reviews {
        let mut t = Reviews::new();
        for r in it {
            t.push(r);
        }
        t
    }
}

/// Reviews given as a table or as owned records (what the public metric functions accept).
pub trait AsReviews {
    /// The reviews as a table.
    fn as_reviews(&self) -> std::borrow::Cow<'_, Reviews>;
}

impl AsReviews for Reviews {
    fn as_reviews(&self) -> std::borrow::Cow<'_, Reviews> {
        std::borrow::Cow::Borrowed(self)
    }
}

impl AsReviews for [Review] {
    fn as_reviews(&self) -> std::borrow::Cow<'_, Reviews> {
        std::borrow::Cow::Owned(self.into())
    }
}

impl AsReviews for Vec<Review> {
    fn as_reviews(&self) -> std::borrow::Cow<'_, Reviews> {
        self.as_slice().as_reviews()
    }
}

impl<const N: usize> AsReviews for [Review; N] {
    fn as_reviews(&self) -> std::borrow::Cow<'_, Reviews> {
        self.as_slice().as_reviews()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_back_as_they_went_in() {
        let d = "2024-03-01".parse::<NaiveDate>().ok();
        let r = |id: Option<&str>, o: Option<&str>, c: Option<&str>, p: Option<&str>, rating: f64, text: Option<&str>, row| Review {
            review_id: id.map(Into::into),
            order_id: o.map(Into::into),
            customer_id: c.map(Into::into),
            product: p.map(Into::into),
            rating,
            date: d,
            text: text.map(String::from),
            row,
        };
        let v = vec![
            r(Some("R1"), Some("#1"), Some("张三"), Some("tea"), 5.0, Some("很好"), 2),
            r(None, None, None, None, 1.0, None, 3),
            r(Some("R3"), Some("#1"), Some("张三"), Some("cup"), 4.0, Some(""), 4),
            r(Some("R4"), Some("#2"), Some("B"), Some("tea"), 3.0, Some("ok\nfine"), 5),
        ];
        let t: Reviews = v.clone().into();
        assert_eq!(t.to_vec(), v);
        assert_eq!(serde_json::to_value(&t).unwrap(), serde_json::to_value(&v).unwrap());
        assert_eq!(t.select(|x| x.rating >= 4.0).to_vec(), vec![v[0].clone(), v[2].clone()]);
        let mut a: Reviews = v[..1].to_vec().into();
        a.append(v[1..].to_vec().into());
        assert_eq!(a, t);
    }
}
