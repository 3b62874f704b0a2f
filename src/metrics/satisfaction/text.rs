//! Review text: the lowest-rated reviews, and the words and phrases that set low ratings
//! (1-2 stars) apart from high ones (4-5 stars).
//!
//! Terms ([`terms`]):
//! * Latin-script text is split into words (letters, digits and inner apostrophes),
//!   lower-cased; words in a small English stop list ([`STOP_WORDS`]) and one-letter words are
//!   dropped. Negations ("not", "no", "never", ...) are kept on purpose. Phrases are bigrams of
//!   two kept words that stood next to each other in the same clause (a stop word or a
//!   punctuation mark breaks the pair).
//! * Chinese (CJK ideograph) runs are cut at punctuation and indexed as overlapping character
//!   bigrams ("物流太慢" → 物流, 流太, 太慢), the scheme of Lucene's `CJKAnalyzer`: no
//!   dictionary (keeps the WebAssembly module small), and every two-character word is found.
//!   Bigrams containing a grammatical particle ([`CJK_STOP_CHARS`], e.g. 的 了 吗) are dropped;
//!   a one-character run is kept as a unigram unless it is such a particle.
//!
//! Distinctiveness: each term is counted once per review (document frequency). For a term in
//! a low reviews out of L and b high reviews out of H, the score is the log odds ratio with
//! ½ added to each cell (Haldane–Anscombe), ln[((a+½)/(L−a+½)) / ((b+½)/(H−b+½))], divided by
//! its standard error √(1/(a+½) + 1/(L−a+½) + 1/(b+½) + 1/(H−b+½)) (Woolf 1955) into a z
//! score. This is the "log-odds with a prior" idea of Monroe, Colaresi & Quinn (2008,
//! "Fightin' Words", *Political Analysis* 16) with a flat prior of ½; ranking by z favours
//! terms that are both frequent and lopsided. A term must appear in at least
//! `min_term_reviews` reviews of its side.

use super::ratings::star;
use super::SatisfactionOptions;
use crate::fast::Map;
use crate::model::{AsOrders, OrderRef, Orders, Pool};
use crate::model::{AsReviews, Reviews};
use chrono::NaiveDate;
use serde::Serialize;

/// English stop words (dropped). Negations are deliberately absent.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "is", "are", "was", "were", "be", "been", "am", "it", "its", "it's", "this", "that", "these", "those", "to", "of", "in", "on", "for", "with", "at", "by",
    "from", "as", "i", "i'm", "i've", "me", "my", "we", "our", "you", "your", "he", "she", "they", "them", "their", "his", "her", "so", "very", "just", "have", "has", "had", "do", "does", "did",
    "there", "here", "what", "which", "who", "also", "than", "then", "if", "all", "some", "any", "would", "could", "should", "can", "about", "up", "out", "into", "after", "before", "again", "still",
    "itself", "one",
];

/// Chinese particles: a CJK bigram containing one of these is dropped.
pub const CJK_STOP_CHARS: &[char] = &['的', '了', '吗', '呢', '吧', '啊', '呀', '哦', '嘛', '着', '过', '地', '得', '是', '我', '你', '他', '她', '它'];

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF)
}

/// The terms of one text, in order of appearance (duplicates kept).
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::text::terms;
/// assert_eq!(terms("Arrived late, NOT worth the money"),
///            ["arrived", "late", "arrived late", "not", "worth", "not worth", "money"]);
/// assert_eq!(terms("物流太慢了，东西还行"), ["物流", "流太", "太慢", "东西", "西还", "还行"]);
/// // Words are lower-cased whole (a Greek word ends in a final sigma).
/// assert_eq!(terms("ΚΑΚΟΣ"), ["κακος"]);
/// ```
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    Terms::default().each(text, &mut |t| out.push(t.to_string()));
    out
}

/// The buffers [`terms`] works in, kept from one text to the next: a review's terms are found
/// without allocating a string per term.
#[derive(Default)]
struct Terms {
    word: String,
    lower: String,
    prev: String,
    has_prev: bool,
    pair: String,
    cjk: Vec<char>,
}

impl Terms {
    /// Calls `emit` with every term of `text`, in order (duplicates kept).
    fn each(&mut self, text: &str, emit: &mut dyn FnMut(&str)) {
        self.word.clear();
        self.cjk.clear();
        self.has_prev = false;
        for c in text.chars() {
            if is_cjk(c) {
                self.flush_word(emit);
                self.has_prev = false;
                self.cjk.push(c);
            } else if c.is_alphanumeric() || (c == '\'' && !self.word.is_empty()) || c == '’' && !self.word.is_empty() {
                self.flush_cjk(emit);
                self.word.push(if c == '’' { '\'' } else { c });
            } else {
                self.flush_cjk(emit);
                self.flush_word(emit);
                if !c.is_whitespace() {
                    self.has_prev = false; // punctuation ends the clause
                }
            }
        }
        self.flush_cjk(emit);
        self.flush_word(emit);
    }

    /// A word ends: lower-cased, dropped when a stop word or one letter (which also breaks the
    /// pair), else emitted with the pair it makes with the word before.
    fn flush_word(&mut self, emit: &mut dyn FnMut(&str)) {
        if self.word.is_empty() {
            return;
        }
        let w = self.word.trim_matches('\'');
        self.lower.clear();
        if w.is_ascii() {
            self.lower.push_str(w);
            self.lower.make_ascii_lowercase();
        } else {
            // The whole word at once: str's lower-casing applies the final-sigma rule.
            self.lower.push_str(&w.to_lowercase());
        }
        self.word.clear();
        let w = &self.lower;
        if w.chars().nth(1).is_none() || STOP_WORDS.contains(&w.as_str()) {
            self.has_prev = false;
            return;
        }
        emit(w);
        if self.has_prev {
            self.pair.clear();
            self.pair.push_str(&self.prev);
            self.pair.push(' ');
            self.pair.push_str(w);
            emit(&self.pair);
        }
        std::mem::swap(&mut self.prev, &mut self.lower);
        self.has_prev = true;
    }

    /// A run of CJK ideographs ends: its character bigrams (a lone character as itself),
    /// those with a particle dropped.
    fn flush_cjk(&mut self, emit: &mut dyn FnMut(&str)) {
        let mut buf = [0u8; 8];
        if self.cjk.len() == 1 {
            if !CJK_STOP_CHARS.contains(&self.cjk[0]) {
                emit(self.cjk[0].encode_utf8(&mut buf));
            }
        } else {
            for pair in self.cjk.windows(2) {
                if !CJK_STOP_CHARS.contains(&pair[0]) && !CJK_STOP_CHARS.contains(&pair[1]) {
                    let n = pair[0].encode_utf8(&mut buf).len();
                    let m = pair[1].encode_utf8(&mut buf[n..]).len();
                    emit(std::str::from_utf8(&buf[..n + m]).unwrap_or_default());
                }
            }
        }
        self.cjk.clear();
    }
}

/// One review with text, as shown to the shop.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewQuote {
    /// The rating (1-5).
    pub rating: f64,
    /// Review date, when known.
    pub date: Option<NaiveDate>,
    /// The review's product, else its order's.
    pub product: Option<String>,
    /// The review's order, when known.
    pub order_id: Option<String>,
    /// The review text (trimmed).
    pub text: String,
}

/// How distinctive a term is of low against high ratings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermScore {
    /// A word, a two-word phrase or a CJK character bigram.
    pub term: String,
    /// Low-rated (1-2) reviews containing the term.
    pub low_reviews: u64,
    /// High-rated (4-5) reviews containing the term.
    pub high_reviews: u64,
    /// low_reviews / low-rated reviews with text.
    pub low_share: f64,
    /// high_reviews / high-rated reviews with text.
    pub high_share: f64,
    /// ln odds ratio (low against high), ½ added to each cell.
    pub log_odds_ratio: f64,
    /// log_odds_ratio / its standard error; > 0 typical of low ratings.
    pub z: f64,
}

/// Lowest-rated reviews and distinctive terms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextReport {
    /// Reviews with a valid rating and non-empty text.
    pub reviews_with_text: u64,
    /// Reviews with text rated 1-2 / 4-5.
    pub low_reviews: u64,
    /// Reviews with text rated 4-5.
    pub high_reviews: u64,
    /// Lowest rating first, then most recent first.
    pub lowest_rated: Vec<ReviewQuote>,
    /// Most typical of 1-2 stars, highest z first.
    pub low_terms: Vec<TermScore>,
    /// Most typical of 4-5 stars, lowest z first.
    pub high_terms: Vec<TermScore>,
}

/// Scores one term from its document counts (`a` of `l` low reviews, `b` of `h` high reviews).
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::text::score_term;
/// // a = 3 of 4 low, b = 1 of 6 high: ln((3.5/1.5)/(1.5/5.5)) = 2.1466, se = 1.341963
/// let s = score_term("late", 3, 4, 1, 6);
/// assert!((s.log_odds_ratio - 2.146_581).abs() < 1e-6 && (s.z - 1.599_582).abs() < 1e-5);
/// ```
pub fn score_term(term: &str, a: u64, l: u64, b: u64, h: u64) -> TermScore {
    let (a_, l_, b_, h_) = (a as f64, l as f64, b as f64, h as f64);
    let (lor, z) = log_odds(a, l, b, h);
    TermScore { term: term.to_string(), low_reviews: a, high_reviews: b, low_share: if l == 0 { 0.0 } else { a_ / l_ }, high_share: if h == 0 { 0.0 } else { b_ / h_ }, log_odds_ratio: lor, z }
}

/// Lowest-rated reviews and the terms distinctive of low and of high ratings. `None` when no
/// review (with a valid rating) has text.
///
/// ```
/// use loyalty_scorecard::dataset::Review;
/// use loyalty_scorecard::metrics::satisfaction::{text::text_report, SatisfactionOptions};
/// let r = |s: f64, t: &str| Review { review_id: None, order_id: None, customer_id: None, product: None,
///     rating: s, date: None, text: Some(t.into()), row: 0 };
/// let reviews = [r(1.0, "late again"), r(2.0, "very late"), r(5.0, "great"), r(4.0, "great value")];
/// let t = text_report(&reviews, &[], &SatisfactionOptions::default()).unwrap();
/// assert_eq!(t.lowest_rated[0].text, "late again");
/// assert_eq!(t.low_terms[0].term, "late");
/// assert_eq!(t.high_terms[0].term, "great");
/// ```
pub fn text_report(reviews: &(impl AsReviews + ?Sized), orders: &(impl AsOrders + ?Sized), opts: &SatisfactionOptions) -> Option<TextReport> {
    let reviews = reviews.as_reviews();
    let orders = orders.as_orders();
    let orders: &Orders = &orders;
    let by_id: Map<&str, OrderRef> = orders.iter().filter_map(|o| o.order_id.map(|id| (id, o))).collect();
    text_report_with(&reviews, &|id| by_id.get(id).copied(), opts)
}

/// [`text_report`] with the orders looked up by `order_of` (order id -> order).
pub(crate) fn text_report_with<'a>(reviews: &Reviews, order_of: &dyn Fn(&str) -> Option<OrderRef<'a>>, opts: &SatisfactionOptions) -> Option<TextReport> {
    let ratings = reviews.ratings();
    // (review, its trimmed text), in review order.
    let with_text: Vec<(u32, &str)> =
        (0..reviews.len()).filter(|i| star(ratings[*i]).is_some()).filter_map(|i| reviews.text_at(i).map(str::trim).filter(|t| !t.is_empty()).map(|t| (i as u32, t))).collect();
    if with_text.is_empty() {
        return None;
    }
    let lowest_rated = lowest(reviews, &with_text, opts.lowest_reviews)
        .into_iter()
        .map(|(i, t)| {
            let r = reviews.get(i as usize);
            ReviewQuote {
                rating: r.rating,
                date: r.date,
                product: r.product.or_else(|| r.order_id.and_then(order_of).and_then(|o| o.product)).map(String::from),
                order_id: r.order_id.map(String::from),
                text: t.to_string(),
            }
        })
        .collect();

    // Each term interned once; per term its low and high review counts and the last review
    // that counted it (a term counts once per review).
    let mut pool = Pool::default();
    let mut counts: Vec<(u64, u64, u32)> = Vec::new();
    let mut terms = Terms::default();
    let (mut l, mut h) = (0u64, 0u64);
    for (n, &(i, t)) in with_text.iter().enumerate() {
        let low = match star(ratings[i as usize]).expect("filtered") {
            1 | 2 => true,
            4 | 5 => false,
            _ => continue,
        };
        if low {
            l += 1;
        } else {
            h += 1;
        }
        let n = n as u32;
        terms.each(t, &mut |term| {
            let id = pool.intern(term) as usize;
            if id == counts.len() {
                counts.push((0, 0, u32::MAX));
            }
            let e = &mut counts[id];
            if e.2 != n {
                e.2 = n;
                if low {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
        });
    }
    // The z of every term, the report's terms made only for those kept.
    let top = |low_side: bool| -> Vec<TermScore> {
        let mut kept: Vec<(f64, &str, u64, u64)> = counts
            .iter()
            .enumerate()
            .filter(|(_, c)| if low_side { c.0 >= opts.min_term_reviews } else { c.1 >= opts.min_term_reviews })
            .map(|(id, c)| (log_odds(c.0, l, c.1, h).1, pool.get(id as u32), c.0, c.1))
            .filter(|(z, ..)| if low_side { *z > 0.0 } else { *z < 0.0 })
            .collect();
        if low_side {
            crate::fast::sort_stable(&mut kept, |a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        } else {
            crate::fast::sort_stable(&mut kept, |a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(b.1)));
        }
        kept.into_iter().take(opts.top_terms).map(|(_, term, a, b)| score_term(term, a, l, b, h)).collect()
    };
    let (low_terms, high_terms) = (top(true), top(false));
    Some(TextReport { reviews_with_text: with_text.len() as u64, low_reviews: l, high_reviews: h, lowest_rated, low_terms, high_terms })
}

/// The log odds ratio of [`score_term`] and its z.
fn log_odds(a: u64, l: u64, b: u64, h: u64) -> (f64, f64) {
    let (a_, l_, b_, h_) = (a as f64, l as f64, b as f64, h as f64);
    let cells = [a_ + 0.5, l_ - a_ + 0.5, b_ + 0.5, h_ - b_ + 0.5];
    let lor = ((cells[0] / cells[1]) / (cells[2] / cells[3])).ln();
    (lor, lor / cells.iter().map(|c| 1.0 / c).sum::<f64>().sqrt())
}

/// The `k` lowest-rated of `with_text`: lowest rating first, then most recent first (undated
/// last), then by file row and position; a partial selection, not a sort of every review.
fn lowest<'t>(reviews: &Reviews, with_text: &[(u32, &'t str)], k: usize) -> Vec<(u32, &'t str)> {
    if k == 0 {
        return Vec::new();
    }
    let (ratings, dates, rows) = (reviews.ratings(), reviews.dates(), reviews.rows());
    let cmp = |a: &(u32, &str), b: &(u32, &str)| {
        let (i, j) = (a.0 as usize, b.0 as usize);
        ratings[i].total_cmp(&ratings[j]).then_with(|| dates[j].cmp(&dates[i])).then_with(|| rows[i].cmp(&rows[j])).then_with(|| i.cmp(&j))
    };
    let mut all = with_text.to_vec();
    if all.len() > k {
        all.select_nth_unstable_by(k - 1, cmp);
        all.truncate(k);
    }
    crate::fast::sort_stable(&mut all, cmp);
    all
}
