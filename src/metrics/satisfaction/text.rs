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

use crate::fast::Map;
use crate::model::{AsOrders, OrderRef, Orders};
use super::ratings::star;
use super::SatisfactionOptions;
use crate::model::{AsReviews, ReviewRef, Reviews};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// English stop words (dropped). Negations are deliberately absent.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "is", "are", "was", "were", "be", "been", "am", "it", "its", "it's", "this", "that", "these",
    "those", "to", "of", "in", "on", "for", "with", "at", "by", "from", "as", "i", "i'm", "i've", "me", "my", "we", "our", "you", "your",
    "he", "she", "they", "them", "their", "his", "her", "so", "very", "just", "have", "has", "had", "do", "does", "did", "there", "here",
    "what", "which", "who", "also", "than", "then", "if", "all", "some", "any", "would", "could", "should", "can", "about", "up", "out",
    "into", "after", "before", "again", "still", "itself", "one",
];

/// Chinese particles: a CJK bigram containing one of these is dropped.
pub const CJK_STOP_CHARS: &[char] =
    &['的', '了', '吗', '呢', '吧', '啊', '呀', '哦', '嘛', '着', '过', '地', '得', '是', '我', '你', '他', '她', '它'];

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
/// ```
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut cjk: Vec<char> = Vec::new();
    let mut prev_kept: Option<String> = None;
    let flush_word = |word: &mut String, prev: &mut Option<String>, out: &mut Vec<String>| {
        if word.is_empty() {
            return;
        }
        let w = word.trim_matches('\'').to_lowercase();
        word.clear();
        if w.chars().count() < 2 || STOP_WORDS.contains(&w.as_str()) {
            *prev = None;
            return;
        }
        out.push(w.clone());
        if let Some(p) = prev.take() {
            out.push(format!("{p} {w}"));
        }
        *prev = Some(w);
    };
    let flush_cjk = |run: &mut Vec<char>, out: &mut Vec<String>| {
        if run.len() == 1 {
            if !CJK_STOP_CHARS.contains(&run[0]) {
                out.push(run[0].to_string());
            }
        } else {
            for pair in run.windows(2) {
                if !CJK_STOP_CHARS.contains(&pair[0]) && !CJK_STOP_CHARS.contains(&pair[1]) {
                    out.push(pair.iter().collect());
                }
            }
        }
        run.clear();
    };
    for c in text.chars() {
        if is_cjk(c) {
            flush_word(&mut word, &mut prev_kept, &mut out);
            prev_kept = None;
            cjk.push(c);
        } else if c.is_alphanumeric() || (c == '\'' && !word.is_empty()) || c == '’' && !word.is_empty() {
            flush_cjk(&mut cjk, &mut out);
            word.push(if c == '’' { '\'' } else { c });
        } else {
            flush_cjk(&mut cjk, &mut out);
            flush_word(&mut word, &mut prev_kept, &mut out);
            if !c.is_whitespace() {
                prev_kept = None; // punctuation ends the clause
            }
        }
    }
    flush_cjk(&mut cjk, &mut out);
    flush_word(&mut word, &mut prev_kept, &mut out);
    out
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
    let cells = [a_ + 0.5, l_ - a_ + 0.5, b_ + 0.5, h_ - b_ + 0.5];
    let lor = ((cells[0] / cells[1]) / (cells[2] / cells[3])).ln();
    let se = cells.iter().map(|c| 1.0 / c).sum::<f64>().sqrt();
    TermScore {
        term: term.to_string(),
        low_reviews: a,
        high_reviews: b,
        low_share: if l == 0 { 0.0 } else { a_ / l_ },
        high_share: if h == 0 { 0.0 } else { b_ / h_ },
        log_odds_ratio: lor,
        z: lor / se,
    }
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
    let with_text: Vec<(ReviewRef<'_>, &str)> = (0..reviews.len())
        .filter(|i| star(reviews.ratings()[*i]).is_some())
        .filter_map(|i| reviews.text_at(i).map(str::trim).filter(|t| !t.is_empty()).map(|t| (reviews.get(i), t)))
        .collect();
    if with_text.is_empty() {
        return None;
    }
    let mut sorted = with_text.clone();
    sorted.sort_by(|a, b| a.0.rating.total_cmp(&b.0.rating).then_with(|| b.0.date.cmp(&a.0.date)).then_with(|| a.0.row.cmp(&b.0.row)));
    let lowest_rated = sorted
        .iter()
        .take(opts.lowest_reviews)
        .map(|(r, t)| ReviewQuote {
            rating: r.rating,
            date: r.date,
            product: r.product.as_deref().or_else(|| r.order_id.as_deref().and_then(order_of).and_then(|o| o.product)).map(String::from),
            order_id: r.order_id.as_deref().map(String::from),
            text: t.to_string(),
        })
        .collect();

    let mut counts: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let (mut l, mut h) = (0u64, 0u64);
    for (r, t) in &with_text {
        let s = star(r.rating).expect("filtered");
        let low = match s {
            1 | 2 => true,
            4 | 5 => false,
            _ => continue,
        };
        if low {
            l += 1;
        } else {
            h += 1;
        }
        for term in terms(t).into_iter().collect::<BTreeSet<_>>() {
            let e = counts.entry(term).or_default();
            if low {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    let scored: Vec<TermScore> = counts.iter().map(|(term, &(a, b))| score_term(term, a, l, b, h)).collect();
    let mut low_terms: Vec<TermScore> = scored.iter().filter(|s| s.z > 0.0 && s.low_reviews >= opts.min_term_reviews).cloned().collect();
    low_terms.sort_by(|a, b| b.z.total_cmp(&a.z).then_with(|| a.term.cmp(&b.term)));
    low_terms.truncate(opts.top_terms);
    let mut high_terms: Vec<TermScore> = scored.into_iter().filter(|s| s.z < 0.0 && s.high_reviews >= opts.min_term_reviews).collect();
    high_terms.sort_by(|a, b| a.z.total_cmp(&b.z).then_with(|| a.term.cmp(&b.term)));
    high_terms.truncate(opts.top_terms);
    Some(TextReport { reviews_with_text: with_text.len() as u64, low_reviews: l, high_reviews: h, lowest_rated, low_terms, high_terms })
}
