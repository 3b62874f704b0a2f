//! Deterministic generator of a realistic small web shop ("sample shop").
//!
//! The four files it writes (`orders.csv`, `reviews.csv`, `tickets.csv`, `survey.csv`) are the
//! product's demo data and its benchmark data. The same [`SampleConfig`] always gives the same
//! bytes, on every platform: one seeded PCG stream drives everything, no hash-map iteration order
//! or clock is involved, money is formatted from integer cents, and the few transcendental
//! functions the samplers need (`ln`, `exp`) are computed here from basic IEEE-754 operations
//! (which are exactly rounded everywhere) instead of the platform's math library.
//!
//! # Behaviour model
//!
//! * **Acquisition.** Each customer's first purchase day is drawn over `[start, end]` with
//!   exponential growth (the last day is about 2.5 times as likely as the first) and a
//!   seasonal profile (quiet January/February and summer, busy November/December). Customer ids
//!   (`C00001`, ...) follow the first purchase date.
//! * **Repeat purchases (BG/NBD-like).** Every customer has a purchase rate drawn from a Gamma
//!   distribution (mean one purchase per ~55 days, strongly heterogeneous) and a dropout
//!   probability drawn from a Beta distribution. Purchases follow a seasonally thinned Poisson
//!   process; after each purchase the customer becomes inactive with their dropout probability,
//!   raised by a bad experience with that order (late delivery, damaged / wrong / poor item, a
//!   rating of 1-2, above all an unresolved complaint) and slightly lowered by a 5-star one.
//!   The result is a majority of one-time buyers (about 60%), a loyal minority with many orders
//!   and a roughly 80/20 revenue concentration. No order falls after `end`.
//! * **Order totals.** Every customer has a typical item price (Gamma across customers, a
//!   little higher for customers with a low dropout probability, so loyal customers are also
//!   somewhat bigger spenders); an
//!   order has 1-5 items at shop price points (`x.99`, `x.49`, `x.90`), minus a percentage
//!   discount, plus shipping (4.90 for 3-day, 2.90 for 5-day shipping, free from 60.00 of goods
//!   or with `FREESHIP`). Currency is always `EUR`.
//! * **Discount codes** on about a quarter of orders: `WELCOME10` on first orders (more likely
//!   than any code on a repeat order), seasonal `SPRING15` (March-May), `SUMMER10`
//!   (July-August), `BLACKFRIDAY25` (last week of November), `VIP20` for customers with five or
//!   more earlier orders, `COMEBACK15` after a gap of over 120 days, and `FREESHIP`. About 12% of
//!   customers are deal seekers who only ever come back with a code.
//! * **Delivery.** `promised_days` is 3, or 5 for customers choosing the cheaper "standard"
//!   shipping. The actual delivery is up to two days early, on time, or (about 20% of orders,
//!   more in December) 1-7 days late. Orders whose delivery would fall after `end` have an empty
//!   `delivered_date` (not delivered yet).
//! * **Problems.** About 2.5% of orders arrive damaged, 1.5% contain the wrong item and 3% are of
//!   disappointing quality.
//! * **Ratings** on about 40% of orders (more often after a bad experience), 1-5, high when the
//!   order arrived early or on time, much lower when late or faulty; each customer also has a
//!   personal mood that shifts all their ratings and survey answers. The review date is 1-20
//!   days after delivery (reviews that would be written after `end` are left out). About 40%
//!   of reviews carry a short text (low ratings more often), in English or, for about a fifth of
//!   customers, in simplified Chinese. Some texts contain commas or double quotes and are
//!   quoted as CSV requires.
//! * **Tickets** (complaints) on about 6% of orders: rare for smooth orders, likely for late
//!   ones and rated 1-2, very likely for damaged or wrong items. Categories are `delivery`,
//!   `damaged`, `wrong item`, `refund` and `other`. A ticket is opened 0-7 days after delivery;
//!   about 85% are resolved 0-10 days later (an empty `resolved` date otherwise or when the
//!   resolution would fall after `end`).
//! * **Survey.** About 15% of customers (repeat buyers more often) answer one survey, 3-14 days
//!   after one of their delivered orders: NPS 0-10 (likelihood to recommend), CSAT 1-5, CES 1-7
//!   (agreement with "it was easy to buy from this shop": higher is easier), and importance
//!   (`imp_*`) and performance (`perf_*`) ratings on 1-7 for product quality, delivery speed,
//!   price, customer service and the website. Answers follow that customer's experience up to
//!   the survey date, so satisfaction, trust and loyalty metrics find a real signal.
//!
//! # File formats
//!
//! UTF-8 without BOM, `\n` line endings, a header line, dates as `YYYY-MM-DD`:
//!
//! * `orders.csv`: `order_id,customer_id,order_date,total,currency,discount_code,promised_days,delivered_date`
//!   (order ids `#1001` upward in date order)
//! * `reviews.csv`: `review_id,order_id,customer_id,rating,review_date,text` (ids `R00001`...)
//! * `tickets.csv`: `ticket_id,customer_id,order_id,opened,resolved,category` (ids `T00001`...)
//! * `survey.csv`: `respondent_id,customer_id,date,nps,csat,ces,imp_quality,perf_quality,imp_delivery,perf_delivery,imp_price,perf_price,imp_service,perf_service,imp_website,perf_website`
//!   (ids `S00001`...)
//!
//! ```
//! use loyalty_scorecard::sample::{generate, SampleConfig};
//! let files = generate(&SampleConfig { customers: 50, ..SampleConfig::default() });
//! assert!(files.orders_csv.starts_with("order_id,customer_id,order_date,total,"));
//! assert_eq!(files.orders_csv.lines().count(), files.orders + 1);
//! ```

use chrono::{Datelike, NaiveDate};
use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;
use std::io::{self, Write};

/// What to generate: the seed, the number of customers and the period of order dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleConfig {
    /// Seed of the random stream; the same configuration always gives byte-identical files.
    pub seed: u64,
    /// Number of customers (every customer places at least one order).
    pub customers: usize,
    /// First possible order date.
    pub start: NaiveDate,
    /// Last possible order date (inclusive); also the "today" of the data set, so nothing
    /// (review, ticket, resolution, survey answer, delivery) is dated after it.
    pub end: NaiveDate,
}

impl Default for SampleConfig {
    /// Random-number generator started from 2024, 1500 customers, orders from 2024-01-01 to 2025-06-30.
    fn default() -> Self {
        SampleConfig { seed: 2024, customers: 1500, start: NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date"), end: NaiveDate::from_ymd_opt(2025, 6, 30).expect("valid date") }
    }
}

/// Average number of orders per customer over the default period (measured on large samples);
/// used by [`SampleConfig::for_orders`].
const ORDERS_PER_CUSTOMER: f64 = 1.997;

impl SampleConfig {
    /// A configuration over the default period whose total order count is roughly
    /// `target_orders` (within a few percent for targets of 10 000 and more), for benchmark
    /// files of 10k, 100k or 1M orders.
    ///
    /// ```
    /// let cfg = loyalty_scorecard::sample::SampleConfig::for_orders(10_000, 7);
    /// assert_eq!(cfg.seed, 7);
    /// assert!(cfg.customers > 4000 && cfg.customers < 6000);
    /// ```
    pub fn for_orders(target_orders: usize, seed: u64) -> Self {
        let customers = ((target_orders as f64 / ORDERS_PER_CUSTOMER).round() as usize).max(1);
        SampleConfig { seed, customers, ..SampleConfig::default() }
    }
}

/// The four generated files as strings, with their data-row counts (header not counted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleFiles {
    /// `orders.csv`.
    pub orders_csv: String,
    /// `reviews.csv`.
    pub reviews_csv: String,
    /// `tickets.csv`.
    pub tickets_csv: String,
    /// `survey.csv`.
    pub survey_csv: String,
    /// Number of order rows.
    pub orders: usize,
    /// Number of review rows.
    pub reviews: usize,
    /// Number of ticket rows.
    pub tickets: usize,
    /// Number of survey response rows.
    pub responses: usize,
}

/// Data-row counts of the files written by [`write_files`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SampleCounts {
    /// Number of order rows.
    pub orders: usize,
    /// Number of review rows.
    pub reviews: usize,
    /// Number of ticket rows.
    pub tickets: usize,
    /// Number of survey response rows.
    pub responses: usize,
}

/// Header line of `orders.csv` (without the line break).
pub const ORDERS_HEADER: &str = "order_id,customer_id,order_date,total,currency,discount_code,promised_days,delivered_date";
/// Header line of `reviews.csv` (without the line break).
pub const REVIEWS_HEADER: &str = "review_id,order_id,customer_id,rating,review_date,text";
/// Header line of `tickets.csv` (without the line break).
pub const TICKETS_HEADER: &str = "ticket_id,customer_id,order_id,opened,resolved,category";
/// Header line of `survey.csv` (without the line break).
pub const SURVEY_HEADER: &str =
    "respondent_id,customer_id,date,nps,csat,ces,imp_quality,perf_quality,imp_delivery,perf_delivery,imp_price,perf_price,imp_service,perf_service,imp_website,perf_website";

/// Generates the four files in memory.
///
/// One million orders make an `orders_csv` of roughly 55 MB; [`write_files`] streams instead.
pub fn generate(cfg: &SampleConfig) -> SampleFiles {
    let shop = simulate(cfg);
    let mut o = Vec::with_capacity(shop.orders.len() * 62 + 128);
    let mut r = Vec::with_capacity(shop.reviews.len() * 60 + 128);
    let mut t = Vec::with_capacity(shop.tickets.len() * 50 + 128);
    let mut s = Vec::with_capacity(shop.responses.len() * 60 + 256);
    let counts = shop.write(&mut o, &mut r, &mut t, &mut s).expect("writing to memory cannot fail");
    let text = |v: Vec<u8>| String::from_utf8(v).expect("generated text is UTF-8");
    SampleFiles {
        orders_csv: text(o),
        reviews_csv: text(r),
        tickets_csv: text(t),
        survey_csv: text(s),
        orders: counts.orders,
        reviews: counts.reviews,
        tickets: counts.tickets,
        responses: counts.responses,
    }
}

/// Writes the four files to the given writers (same bytes as [`generate`]) and returns the row
/// counts. The writers are not flushed; wrap files in a `BufWriter` for speed.
///
/// # Errors
/// The first error any writer returns.
pub fn write_files<O: Write, R: Write, T: Write, S: Write>(cfg: &SampleConfig, orders: O, reviews: R, tickets: T, survey: S) -> io::Result<SampleCounts> {
    simulate(cfg).write(orders, reviews, tickets, survey)
}

/// Writes only `orders.csv` (same bytes as [`generate`]'s `orders_csv`) and returns its row count.
///
/// # Errors
/// The first error the writer returns.
pub fn write_orders<W: Write>(cfg: &SampleConfig, w: W) -> io::Result<usize> {
    simulate(cfg).write_orders(w)
}

// ---------------------------------------------------------------------------------------------
// Portable math and random variates.

const LN2: f64 = std::f64::consts::LN_2;

/// Natural logarithm from basic operations only (bit-identical on every platform), accurate to a
/// few ulp. `x` must be positive and finite.
fn ln(x: f64) -> f64 {
    debug_assert!(x > 0.0 && x.is_finite());
    if x < f64::MIN_POSITIVE {
        return ln(x * 18014398509481984.0) - 54.0 * LN2; // 2^54
    }
    let bits = x.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mut m = f64::from_bits((bits & ((1u64 << 52) - 1)) | (1023u64 << 52)); // [1, 2)
    if m > std::f64::consts::SQRT_2 {
        m *= 0.5;
        e += 1;
    }
    // ln(m) = 2 atanh(s), s = (m-1)/(m+1), |s| <= 0.1716.
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let mut p = 1.0 / 25.0;
    for k in (0..12).rev() {
        p = p * s2 + 1.0 / (2 * k + 1) as f64;
    }
    2.0 * s * p + e as f64 * LN2
}

/// Exponential function from basic operations only (bit-identical on every platform).
fn exp(x: f64) -> f64 {
    if x > 709.0 {
        return f64::INFINITY;
    }
    if x < -745.0 {
        return 0.0;
    }
    // Cody-Waite reduction: k * ln2_hi is exact.
    let ln2_hi = f64::from_bits(0x3fe6_2e42_fee0_0000);
    let ln2_lo = f64::from_bits(0x3dea_39ef_3579_3c76);
    let k = (x / LN2).round();
    let r = (x - k * ln2_hi) - k * ln2_lo;
    let mut p = 1.0;
    for n in (1..=15).rev() {
        p = 1.0 + p * r / n as f64;
    }
    let k = k as i64;
    // 2^k as two factors to stay within the normal range.
    let half = k / 2;
    let pow2 = |j: i64| f64::from_bits(((j + 1023) as u64) << 52);
    p * pow2(half) * pow2(k - half)
}

/// Random stream plus the variates the model needs.
struct Rand(Pcg64Mcg);

impl Rand {
    /// Uniform on [0, 1).
    fn u01(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / 9007199254740992.0)
    }
    /// Uniform on (0, 1].
    fn u01_open(&mut self) -> f64 {
        ((self.0.next_u64() >> 11) + 1) as f64 * (1.0 / 9007199254740992.0)
    }
    fn chance(&mut self, p: f64) -> bool {
        self.u01() < p
    }
    /// Uniform integer in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.u01() * n as f64) as usize).min(n - 1)
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    /// Standard normal (Marsaglia's polar method).
    fn normal(&mut self) -> f64 {
        loop {
            let a = 2.0 * self.u01() - 1.0;
            let b = 2.0 * self.u01() - 1.0;
            let q = a * a + b * b;
            if q > 0.0 && q < 1.0 {
                return a * (-2.0 * ln(q) / q).sqrt();
            }
        }
    }
    /// Exponential with the given mean.
    fn exponential(&mut self, mean: f64) -> f64 {
        -ln(self.u01_open()) * mean
    }
    /// Gamma with shape `k` and the given mean (Marsaglia and Tsang).
    fn gamma(&mut self, k: f64, mean: f64) -> f64 {
        self.gamma_unit(k) * mean / k
    }
    fn gamma_unit(&mut self, k: f64) -> f64 {
        if k < 1.0 {
            let u = self.u01_open();
            return self.gamma_unit(k + 1.0) * exp(ln(u) / k);
        }
        let d = k - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let z = self.normal();
            let v = 1.0 + c * z;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = self.u01_open();
            if ln(u) < 0.5 * z * z + d - d * v + d * ln(v) {
                return d * v;
            }
        }
    }
    /// Beta(a, b).
    fn beta(&mut self, a: f64, b: f64) -> f64 {
        let x = self.gamma_unit(a);
        let y = self.gamma_unit(b);
        if x + y > 0.0 {
            x / (x + y)
        } else {
            0.5
        }
    }
    /// Index drawn from relative weights.
    fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.u01() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

// ---------------------------------------------------------------------------------------------
// The simulated shop.

/// Discount codes; index 0 means none. (code, percent off the goods)
const CODES: [(&str, u32); 8] = [("", 0), ("WELCOME10", 10), ("SPRING15", 15), ("SUMMER10", 10), ("BLACKFRIDAY25", 25), ("VIP20", 20), ("COMEBACK15", 15), ("FREESHIP", 0)];
const WELCOME: u8 = 1;
const SPRING: u8 = 2;
const SUMMER: u8 = 3;
const BLACKFRIDAY: u8 = 4;
const VIP: u8 = 5;
const COMEBACK: u8 = 6;
const FREESHIP: u8 = 7;

const CATEGORIES: [&str; 5] = ["delivery", "damaged", "wrong item", "refund", "other"];
const CAT_DELIVERY: u8 = 0;
const CAT_DAMAGED: u8 = 1;
const CAT_WRONG: u8 = 2;
const CAT_REFUND: u8 = 3;
const CAT_OTHER: u8 = 4;

/// Relative order volume by month (January first).
const SEASON: [f64; 12] = [0.82, 0.85, 0.95, 1.0, 1.0, 0.95, 0.88, 0.88, 1.0, 1.05, 1.35, 1.45];
const SEASON_MAX: f64 = 1.45;

const NO_DAY: u32 = u32::MAX;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Problem {
    None,
    Damaged,
    Wrong,
    Quality,
}

struct Order {
    day: u32,
    cust: u32,
    cents: u32,
    code: u8,
    promised: u8,
    /// Delivery day (may lie after the end: then not delivered yet).
    delivered: u32,
}

struct Review {
    day: u32,
    order: u32,
    rating: u8,
    text: &'static str,
}

struct Ticket {
    opened: u32,
    resolved: u32,
    order: u32,
    category: u8,
}

struct Response {
    day: u32,
    cust: u32,
    /// nps, csat, ces, then imp/perf pairs for quality, delivery, price, service, website.
    answers: [u8; 13],
}

struct Shop {
    dates: Vec<[u8; 10]>,
    end_day: u32,
    orders: Vec<Order>,
    reviews: Vec<Review>,
    tickets: Vec<Ticket>,
    responses: Vec<Response>,
}

/// Per-order experience, kept for the survey.
#[derive(Clone, Copy)]
struct Experience {
    delivered: u32,
    score: f64,
    delivery: f64,
    service: f64,
    discounted: bool,
}

fn simulate(cfg: &SampleConfig) -> Shop {
    let mut rng = Rand(Pcg64Mcg::seed_from_u64(cfg.seed));
    let days = (cfg.end - cfg.start).num_days() + 1;
    if days <= 0 || cfg.customers == 0 {
        return Shop { dates: Vec::new(), end_day: 0, orders: Vec::new(), reviews: Vec::new(), tickets: Vec::new(), responses: Vec::new() };
    }
    let days = days as u32;
    let end_day = days - 1;
    // Date strings and months of every day in the period.
    let mut dates = Vec::with_capacity(days as usize);
    let mut month = Vec::with_capacity(days as usize);
    let mut day_of_month = Vec::with_capacity(days as usize);
    for (i, d) in cfg.start.iter_days().take(days as usize).enumerate() {
        let s = format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
        let mut b = [b'0'; 10];
        if s.len() == 10 {
            b.copy_from_slice(s.as_bytes());
        }
        dates.push(b);
        month.push(d.month0() as u8);
        day_of_month.push(d.day() as u8);
        debug_assert_eq!(dates.len(), i + 1);
    }
    let season = |day: u32| SEASON[month[day as usize] as usize];

    // First purchase days: growth density exp(g t) thinned by season, sorted.
    let g = 0.9_f64;
    let eg = exp(g);
    let mut first: Vec<f64> = Vec::with_capacity(cfg.customers);
    while first.len() < cfg.customers {
        let t = ln(1.0 + rng.u01() * (eg - 1.0)) / g * days as f64;
        let day = (t as u32).min(end_day);
        if rng.u01() * SEASON_MAX < season(day) {
            first.push(t.min(days as f64 - 1e-9));
        }
    }
    first.sort_by(|a, b| a.total_cmp(b));

    let mut orders: Vec<Order> = Vec::with_capacity(cfg.customers * 5 / 2);
    let mut reviews: Vec<Review> = Vec::new();
    let mut tickets: Vec<Ticket> = Vec::new();
    let mut responses: Vec<Response> = Vec::new();
    let mut history: Vec<Experience> = Vec::new();

    for (cust, &t0) in first.iter().enumerate() {
        let cust = cust as u32;
        // Customer traits.
        let rate = rng.gamma(0.55, 1.0 / 55.0);
        let dropout = rng.beta(1.0, 1.6);
        let item_price = (10.0 + rng.gamma(1.5, 24.0).min(250.0)) * (1.4 - 0.9 * dropout);
        let deal_seeker = rng.chance(0.12);
        let chinese = rng.chance(0.2);
        let standard_pref = if rng.chance(0.3) { 0.8 } else { 0.12 };
        let mood = 0.45 * rng.normal();
        let reviewer = rng.gamma(2.0, 1.0);
        history.clear();

        let mut t = t0;
        let mut last_day = 0u32;
        let mut n = 0u32;
        loop {
            let day = t as u32;
            // ----- the order itself
            let gap = if n == 0 { 0 } else { day - last_day };
            let m = month[day as usize];
            let dom = day_of_month[day as usize];
            let spring = (2..=4).contains(&m);
            let summer = (6..=7).contains(&m);
            let black_friday = m == 10 && dom >= 24;
            let code: u8 = if n == 0 {
                if rng.chance(if deal_seeker { 0.85 } else { 0.22 }) {
                    WELCOME
                } else if black_friday && rng.chance(0.5) {
                    BLACKFRIDAY
                } else {
                    0
                }
            } else {
                let p = if deal_seeker {
                    1.0
                } else if black_friday {
                    0.45
                } else {
                    0.09 + if spring || summer { 0.06 } else { 0.0 } + if n >= 5 { 0.12 } else { 0.0 }
                };
                if rng.chance(p) {
                    let mut options = [FREESHIP; 6];
                    let mut len = 1;
                    for (applies, code) in [(black_friday, BLACKFRIDAY), (black_friday, BLACKFRIDAY), (spring, SPRING), (summer, SUMMER), (n >= 5, VIP), (gap > 120, COMEBACK)] {
                        if applies && len < options.len() {
                            options[len] = code;
                            len += 1;
                        }
                    }
                    rng.pick(&options[..len])
                } else {
                    0
                }
            };
            let items = 1 + rng.weighted(&[50.0, 28.0, 12.0, 6.0, 4.0]) as u32;
            let mut goods: u32 = 0;
            for _ in 0..items {
                let euros = (item_price * rng.gamma(5.0, 1.0)).clamp(3.0, 900.0) as u32;
                let ending = rng.pick(&[99u32, 99, 99, 49, 90]);
                goods += euros.max(1) * 100 - 100 + ending;
            }
            let pct = CODES[code as usize].1;
            let goods = (goods as u64 * (100 - pct) as u64 / 100) as u32;
            let standard = rng.chance(standard_pref);
            let promised: u8 = if standard { 5 } else { 3 };
            let shipping = if goods >= 6000 || code == FREESHIP {
                0
            } else if standard {
                290
            } else {
                490
            };
            let cents = goods + shipping;

            // ----- delivery
            let peak = m == 11 || (m == 10 && dom >= 24);
            let late_p = if peak { 0.30 } else { 0.17 };
            let delta: i32 = if rng.chance(late_p) { 1 + rng.weighted(&[40.0, 24.0, 14.0, 9.0, 6.0, 4.0, 3.0]) as i32 } else { [-2, -1, 0][rng.weighted(&[6.0, 22.0, 72.0])] };
            let actual = (promised as i32 + delta).max(1) as u32;
            let delivered = day + actual;
            let late = delta.max(0) as u32;

            let problem = match rng.weighted(&[93.0, 2.5, 1.5, 3.0]) {
                1 => Problem::Damaged,
                2 => Problem::Wrong,
                3 => Problem::Quality,
                _ => Problem::None,
            };
            let order_idx = orders.len() as u32;
            orders.push(Order { day, cust, cents, code, promised, delivered });

            // ----- rating (latent satisfaction with this order)
            let mut latent = match late {
                0 if delta < 0 => 4.65,
                0 => 4.45,
                1 | 2 => 3.3,
                _ => 2.2,
            } + mood;
            latent -= match problem {
                Problem::None => 0.0,
                Problem::Damaged => 2.0,
                Problem::Wrong => 2.2,
                Problem::Quality => 2.4,
            };
            let rating = (latent + 0.75 * rng.normal()).round().clamp(1.0, 5.0) as u8;
            let bad = late > 0 || problem != Problem::None;
            let rate_p = (0.40 * reviewer.min(2.5) + if bad { 0.15 } else { 0.0 }).min(0.95);
            let rated = rng.chance(rate_p);

            // ----- ticket
            let mut ticket_p: f64 = match problem {
                Problem::Damaged | Problem::Wrong => 0.6,
                Problem::Quality => 0.25,
                Problem::None => 0.007,
            };
            ticket_p += match late {
                0 => 0.0,
                1 | 2 => 0.04,
                _ => 0.18,
            };
            if rated && rating <= 2 {
                ticket_p += 0.15;
            }
            let mut ticket_outcome = 0u8; // 0 none, 1 resolved, 2 unresolved
            if rng.chance(ticket_p.min(0.95)) {
                let category = match problem {
                    Problem::Damaged => CAT_DAMAGED,
                    Problem::Wrong => CAT_WRONG,
                    Problem::Quality => {
                        if rng.chance(0.6) {
                            CAT_REFUND
                        } else {
                            CAT_OTHER
                        }
                    }
                    Problem::None if late >= 3 => {
                        if rng.chance(0.75) {
                            CAT_DELIVERY
                        } else {
                            CAT_REFUND
                        }
                    }
                    Problem::None if late > 0 => CAT_DELIVERY,
                    Problem::None => [CAT_OTHER, CAT_REFUND, CAT_DELIVERY][rng.weighted(&[45.0, 30.0, 25.0])],
                };
                let opened = delivered + (rng.exponential(1.2) as u32).min(7);
                let resolve_p = match category {
                    CAT_REFUND => 0.78,
                    CAT_OTHER => 0.9,
                    _ => 0.87,
                };
                let resolved = if rng.chance(resolve_p) { opened + (rng.exponential(2.5) as u32).min(10) } else { NO_DAY };
                ticket_outcome = if resolved == NO_DAY { 2 } else { 1 };
                if opened <= end_day {
                    let resolved = if resolved <= end_day { resolved } else { NO_DAY };
                    tickets.push(Ticket { opened, resolved, order: order_idx, category });
                }
            }

            // ----- review row
            if rated {
                let review_day = delivered + 1 + (rng.exponential(3.0) as u32).min(19);
                let text_p = if rating <= 2 {
                    0.6
                } else if rating == 3 {
                    0.45
                } else {
                    0.33
                };
                let text = if rng.chance(text_p) { review_text(&mut rng, chinese, rating, late, problem, ticket_outcome) } else { "" };
                if review_day <= end_day {
                    reviews.push(Review { day: review_day, order: order_idx, rating, text });
                }
            }

            // ----- experience and dropout
            let delivery_exp = if delta < 0 {
                0.5
            } else if late == 0 {
                0.3
            } else if late <= 2 {
                -0.8
            } else {
                -1.8
            };
            let problem_exp = if problem == Problem::None { 0.0 } else { -1.6 };
            let service_exp = match ticket_outcome {
                1 => 0.2,
                2 => -1.8,
                _ => 0.0,
            };
            history.push(Experience { delivered, score: delivery_exp + problem_exp + service_exp, delivery: delivery_exp, service: service_exp, discounted: code != 0 });
            let mut p = dropout;
            p += match late {
                0 => 0.0,
                1 | 2 => 0.04,
                _ => 0.12,
            };
            if problem != Problem::None {
                p += 0.08;
            }
            if rated && rating <= 2 {
                p += 0.12;
            }
            if rated && rating == 5 {
                p -= 0.03;
            }
            p += match ticket_outcome {
                1 => 0.03,
                2 => 0.25,
                _ => 0.0,
            };
            n += 1;
            last_day = day;
            if rng.chance(p.clamp(0.0, 0.98)) {
                break;
            }
            // Next purchase: Poisson process thinned by season.
            let mut next = None;
            loop {
                t += rng.exponential(1.0 / (rate * SEASON_MAX));
                if t >= days as f64 {
                    break;
                }
                if rng.u01() * SEASON_MAX < season(t as u32) {
                    next = Some(t);
                    break;
                }
            }
            match next {
                Some(nt) => t = nt,
                None => break,
            }
        }

        // ----- survey
        let respond_p = if n == 1 { 0.14 } else { 0.24 };
        if rng.chance(respond_p) {
            let k = rng.below(history.len());
            let day = history[k].delivered + 3 + rng.below(12) as u32;
            if day <= end_day {
                let seen = &history[..=k];
                let cnt = seen.len() as f64;
                let exp_all = seen.iter().map(|e| e.score).sum::<f64>() / cnt;
                let delivery = seen.iter().map(|e| e.delivery).sum::<f64>() / cnt;
                let service = seen.iter().map(|e| e.service).sum::<f64>() / cnt;
                let discounted = seen.iter().any(|e| e.discounted);
                let loyalty = 0.25 * ln(cnt);
                let e = exp_all + 1.2 * mood + loyalty;
                let mut scale = |mean: f64, sd: f64, lo: f64, hi: f64| -> u8 { (mean + sd * rng.normal()).round().clamp(lo, hi) as u8 };
                let nps = scale(7.9 + 1.7 * e, 1.4, 0.0, 10.0);
                let csat = scale(4.0 + 0.8 * e, 0.6, 1.0, 5.0);
                let ces = scale(5.3 + 0.7 * e, 0.9, 1.0, 7.0);
                let imp_q = scale(6.2, 0.8, 1.0, 7.0);
                let perf_q = scale(5.5 + 1.0 * mood + 0.3 * exp_all, 0.9, 1.0, 7.0);
                let imp_d = scale(5.6, 1.0, 1.0, 7.0);
                let perf_d = scale(5.2 + 1.1 * delivery + 0.5 * mood, 0.9, 1.0, 7.0);
                let imp_p = scale(if deal_seeker { 6.4 } else { 5.0 }, 1.0, 1.0, 7.0);
                let perf_p = scale(4.7 + if discounted { 0.5 } else { 0.0 } + 0.5 * mood, 1.0, 1.0, 7.0);
                let imp_s = scale(4.8, 1.2, 1.0, 7.0);
                let perf_s = scale(5.3 + 1.0 * service + 0.5 * mood, 1.0, 1.0, 7.0);
                let imp_w = scale(4.2, 1.2, 1.0, 7.0);
                let perf_w = scale(5.5 + 0.4 * mood, 0.9, 1.0, 7.0);
                responses.push(Response { day, cust, answers: [nps, csat, ces, imp_q, perf_q, imp_d, perf_d, imp_p, perf_p, imp_s, perf_s, imp_w, perf_w] });
            }
        }
    }

    Shop { dates, end_day, orders, reviews, tickets, responses }
}

/// Picks a short review text matching the order's story.
fn review_text(rng: &mut Rand, chinese: bool, rating: u8, late: u32, problem: Problem, ticket: u8) -> &'static str {
    let pool: &[&'static str] = match (problem, chinese) {
        (Problem::Damaged, false) if late > 0 => &["Arrived late, box damaged", "Late and the parcel was crushed"],
        (Problem::Damaged, true) if late > 0 => &["晚到了，而且包装破损", "快递慢，盒子也压坏了"],
        (Problem::Damaged, false) if ticket == 1 => &["Box damaged, but support replaced it quickly", "Arrived broken, refund was fast though"],
        (Problem::Damaged, true) if ticket == 1 => &["包装破损，客服态度不错", "东西坏了，不过很快给换了"],
        (Problem::Damaged, false) => &["Item arrived broken", "Box damaged, item scratched", "The \"protective\" packaging was useless"],
        (Problem::Damaged, true) => &["收到的时候已经坏了", "包装破损，东西有划痕"],
        (Problem::Wrong, false) => &["Received the wrong item", "Wrong size sent, waiting for exchange"],
        (Problem::Wrong, true) => &["发错货了", "尺码发错了，等换货"],
        (Problem::Quality, false) => &["Poor quality, not as pictured", "Broke after a week", "Not worth the money"],
        (Problem::Quality, true) => &["质量很差，和图片不一样", "用了一周就坏了", "不值这个价"],
        (Problem::None, false) if late >= 3 => &["Took much longer than promised", "Delivery was a week late, no update", "Arrived late, nobody answered my emails"],
        (Problem::None, true) if late >= 3 => &["物流太慢了", "比承诺的晚了好几天", "快递延误，没有任何通知"],
        (Problem::None, false) if late > 0 => &["Arrived a bit late", "Late delivery, product itself is fine"],
        (Problem::None, true) if late > 0 => &["晚了一两天", "物流有点慢，东西还行"],
        (Problem::None, false) if rating >= 4 => &[
            "Fast delivery, great quality",
            "Exactly as described",
            "Love it, will buy again",
            "Great value for money",
            "Arrived early, well packed",
            "Very happy with my order",
            "Good quality, fair price",
            "Ordered again, still excellent",
        ],
        (Problem::None, true) if rating >= 4 => &["送货很快，质量很好", "和描述的一样", "非常满意，会再买", "性价比很高", "包装很好，提前到了", "又买了一次，依然很好"],
        (Problem::None, false) if rating == 3 => &["OK, nothing special", "Decent, but the price is high", "Colour slightly different from the photos"],
        (Problem::None, true) if rating == 3 => &["还可以，一般般", "质量一般，价格偏高", "颜色和图片有点不一样"],
        (Problem::None, false) => &["Not what I expected", "Disappointed, will not order again", "Meh"],
        (Problem::None, true) => &["不太满意", "和期望的不一样，不会再买了"],
    };
    rng.pick(pool)
}

/// Writes one CSV field, quoting it when it contains a comma, quote or line break.
fn write_field<W: Write>(w: &mut W, s: &str) -> io::Result<()> {
    if s.contains([',', '"', '\n', '\r']) {
        w.write_all(b"\"")?;
        w.write_all(s.replace('"', "\"\"").as_bytes())?;
        w.write_all(b"\"")
    } else {
        w.write_all(s.as_bytes())
    }
}

impl Shop {
    fn date(&self, day: u32) -> &[u8] {
        &self.dates[day as usize]
    }

    /// Order positions in date order: `rank[sim index]` is the 0-based output row.
    fn order_ranks(&self) -> (Vec<u32>, Vec<u32>) {
        let mut perm: Vec<u32> = (0..self.orders.len() as u32).collect();
        perm.sort_unstable_by_key(|&i| (self.orders[i as usize].day, i));
        let mut rank = vec![0u32; perm.len()];
        for (r, &i) in perm.iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        (perm, rank)
    }

    fn write_orders_with<W: Write>(&self, mut w: W, perm: &[u32]) -> io::Result<usize> {
        w.write_all(ORDERS_HEADER.as_bytes())?;
        w.write_all(b"\n")?;
        for (r, &i) in perm.iter().enumerate() {
            let o = &self.orders[i as usize];
            write!(w, "#{},C{:05},", 1001 + r, o.cust + 1)?;
            w.write_all(self.date(o.day))?;
            write!(w, ",{}.{:02},EUR,{},{},", o.cents / 100, o.cents % 100, CODES[o.code as usize].0, o.promised)?;
            if o.delivered <= self.end_day {
                w.write_all(self.date(o.delivered))?;
            }
            w.write_all(b"\n")?;
        }
        Ok(perm.len())
    }

    fn write_orders<W: Write>(&self, w: W) -> io::Result<usize> {
        let (perm, _) = self.order_ranks();
        self.write_orders_with(w, &perm)
    }

    fn write<O: Write, R: Write, T: Write, S: Write>(&self, orders: O, mut reviews: R, mut tickets: T, mut survey: S) -> io::Result<SampleCounts> {
        let (perm, rank) = self.order_ranks();
        let n_orders = self.write_orders_with(orders, &perm)?;

        let mut rv: Vec<&Review> = self.reviews.iter().collect();
        rv.sort_unstable_by_key(|r| (r.day, rank[r.order as usize]));
        reviews.write_all(REVIEWS_HEADER.as_bytes())?;
        reviews.write_all(b"\n")?;
        for (k, r) in rv.iter().enumerate() {
            let o = &self.orders[r.order as usize];
            write!(reviews, "R{:05},#{},C{:05},{},", k + 1, 1001 + rank[r.order as usize], o.cust + 1, r.rating)?;
            reviews.write_all(self.date(r.day))?;
            reviews.write_all(b",")?;
            write_field(&mut reviews, r.text)?;
            reviews.write_all(b"\n")?;
        }

        let mut tv: Vec<&Ticket> = self.tickets.iter().collect();
        tv.sort_unstable_by_key(|t| (t.opened, rank[t.order as usize]));
        tickets.write_all(TICKETS_HEADER.as_bytes())?;
        tickets.write_all(b"\n")?;
        for (k, t) in tv.iter().enumerate() {
            let o = &self.orders[t.order as usize];
            write!(tickets, "T{:05},C{:05},#{},", k + 1, o.cust + 1, 1001 + rank[t.order as usize])?;
            tickets.write_all(self.date(t.opened))?;
            tickets.write_all(b",")?;
            if t.resolved != NO_DAY {
                tickets.write_all(self.date(t.resolved))?;
            }
            tickets.write_all(b",")?;
            write_field(&mut tickets, CATEGORIES[t.category as usize])?;
            tickets.write_all(b"\n")?;
        }

        let mut sv: Vec<&Response> = self.responses.iter().collect();
        sv.sort_unstable_by_key(|s| (s.day, s.cust));
        survey.write_all(SURVEY_HEADER.as_bytes())?;
        survey.write_all(b"\n")?;
        for (k, s) in sv.iter().enumerate() {
            write!(survey, "S{:05},C{:05},", k + 1, s.cust + 1)?;
            survey.write_all(self.date(s.day))?;
            for a in s.answers {
                write!(survey, ",{a}")?;
            }
            survey.write_all(b"\n")?;
        }

        Ok(SampleCounts { orders: n_orders, reviews: rv.len(), tickets: tv.len(), responses: sv.len() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// Splits one CSV line (the generator's own output) into fields.
    fn fields(line: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cur.push('"');
                }
                (true, '"') => quoted = false,
                (false, '"') if cur.is_empty() => quoted = true,
                (false, ',') => out.push(std::mem::take(&mut cur)),
                _ => cur.push(c),
            }
        }
        out.push(cur);
        out
    }

    fn rows(csv: &str) -> Vec<Vec<String>> {
        csv.lines().skip(1).map(fields).collect()
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn cents(s: &str) -> u64 {
        let (a, b) = s.split_once('.').unwrap();
        assert_eq!(b.len(), 2);
        a.parse::<u64>().unwrap() * 100 + b.parse::<u64>().unwrap()
    }

    struct Stats {
        customers: usize,
        orders: usize,
        one_timer: f64,
        rating_share: f64,
        discount_share: f64,
        late_share: f64,
        ticket_share: f64,
        top20_revenue: f64,
        text_share: f64,
        chinese_share: f64,
        resolved_share: f64,
        survey_share: f64,
        mean_total: f64,
        undelivered: usize,
    }

    fn stats(f: &SampleFiles) -> Stats {
        let orders = rows(&f.orders_csv);
        let mut per_cust: BTreeMap<&str, (usize, u64)> = BTreeMap::new();
        let mut late = 0;
        let mut delivered = 0;
        let mut discounted = 0;
        let mut revenue = 0u64;
        for o in &orders {
            let e = per_cust.entry(o[1].as_str()).or_default();
            e.0 += 1;
            e.1 += cents(&o[3]);
            revenue += cents(&o[3]);
            if !o[5].is_empty() {
                discounted += 1;
            }
            if !o[7].is_empty() {
                delivered += 1;
                let days = (date(&o[7]) - date(&o[2])).num_days();
                if days > o[6].parse::<i64>().unwrap() {
                    late += 1;
                }
            }
        }
        let customers = per_cust.len();
        let one = per_cust.values().filter(|v| v.0 == 1).count();
        let mut rev: Vec<u64> = per_cust.values().map(|v| v.1).collect();
        rev.sort_unstable_by(|a, b| b.cmp(a));
        let top: u64 = rev[..customers.div_ceil(5)].iter().sum();
        let reviews = rows(&f.reviews_csv);
        let texts: Vec<&Vec<String>> = reviews.iter().filter(|r| !r[5].is_empty()).collect();
        let chinese = texts.iter().filter(|r| r[5].chars().any(|c| c as u32 > 0x2e80)).count();
        let tickets = rows(&f.tickets_csv);
        let resolved = tickets.iter().filter(|t| !t[4].is_empty()).count();
        let n = orders.len() as f64;
        Stats {
            customers,
            orders: orders.len(),
            one_timer: one as f64 / customers as f64,
            rating_share: reviews.len() as f64 / n,
            discount_share: discounted as f64 / n,
            late_share: late as f64 / delivered as f64,
            ticket_share: tickets.len() as f64 / n,
            top20_revenue: top as f64 / revenue as f64,
            text_share: texts.len() as f64 / reviews.len() as f64,
            chinese_share: chinese as f64 / texts.len() as f64,
            resolved_share: resolved as f64 / tickets.len() as f64,
            survey_share: f.responses as f64 / customers as f64,
            mean_total: revenue as f64 / 100.0 / n,
            undelivered: orders.len() - delivered,
        }
    }

    #[test]
    fn portable_math_is_accurate() {
        for &x in &[1e-300, 1e-10, 0.001, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 10.0, 1234.5, 1e300] {
            let a = ln(x);
            let b = x.ln();
            assert!((a - b).abs() <= 4.0 * f64::EPSILON * b.abs().max(1.0), "ln({x}) = {a} vs {b}");
        }
        for &x in &[-700.0, -20.0, -1.0, -0.3, 0.0, 0.2, 1.0, 5.0, 50.0, 700.0] {
            let a = exp(x);
            let b = x.exp();
            assert!((a - b).abs() <= 8.0 * f64::EPSILON * b, "exp({x}) = {a} vs {b}");
        }
    }

    #[test]
    fn deterministic_and_seed_dependent() {
        let cfg = SampleConfig { customers: 300, ..SampleConfig::default() };
        let a = generate(&cfg);
        let b = generate(&cfg);
        assert_eq!(a, b);
        let c = generate(&SampleConfig { seed: 2025, ..cfg.clone() });
        assert_ne!(a.orders_csv, c.orders_csv);
        // The streaming writers give the same bytes.
        let mut o = Vec::new();
        let mut r = Vec::new();
        let mut t = Vec::new();
        let mut s = Vec::new();
        let counts = write_files(&cfg, &mut o, &mut r, &mut t, &mut s).unwrap();
        assert_eq!(o, a.orders_csv.as_bytes());
        assert_eq!(r, a.reviews_csv.as_bytes());
        assert_eq!(t, a.tickets_csv.as_bytes());
        assert_eq!(s, a.survey_csv.as_bytes());
        assert_eq!(counts.orders, a.orders);
        let mut o2 = Vec::new();
        assert_eq!(write_orders(&cfg, &mut o2).unwrap(), a.orders);
        assert_eq!(o2, o);
    }

    #[test]
    fn default_sample_is_pinned() {
        // Guards against accidental changes of the committed demo data (www/sample): a deliberate
        // model change updates these numbers and regenerates the files.
        let f = generate(&SampleConfig::default());
        let hash =
            f.orders_csv.bytes().chain(f.reviews_csv.bytes()).chain(f.tickets_csv.bytes()).chain(f.survey_csv.bytes()).fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3));
        println!("default sample: {} orders, {} reviews, {} tickets, {} responses, fnv {hash:#018x}", f.orders, f.reviews, f.tickets, f.responses);
        // Same bytes on every platform: the generator uses no platform math library.
        assert_eq!((f.orders, f.reviews, f.tickets, f.responses), (3048, 1257, 199, 254));
        assert_eq!(hash, 0x75c38f2d171f4b87);
    }

    #[test]
    fn files_are_consistent() {
        let cfg = SampleConfig::default();
        let f = generate(&cfg);
        for (csv, header, n) in
            [(&f.orders_csv, ORDERS_HEADER, f.orders), (&f.reviews_csv, REVIEWS_HEADER, f.reviews), (&f.tickets_csv, TICKETS_HEADER, f.tickets), (&f.survey_csv, SURVEY_HEADER, f.responses)]
        {
            assert!(csv.ends_with('\n') && !csv.contains('\r') && !csv.starts_with('\u{feff}'));
            assert_eq!(csv.lines().next().unwrap(), header);
            assert_eq!(csv.lines().count(), n + 1);
            let width = header.split(',').count();
            assert!(rows(csv).iter().all(|r| r.len() == width), "{header}");
        }
        assert!(f.orders > 0 && f.reviews > 0 && f.tickets > 0 && f.responses > 0);

        let orders = rows(&f.orders_csv);
        let mut by_id: BTreeMap<String, (String, NaiveDate, Option<NaiveDate>)> = BTreeMap::new();
        let mut prev = cfg.start;
        for (k, o) in orders.iter().enumerate() {
            assert_eq!(o[0], format!("#{}", 1001 + k));
            assert!(o[1].starts_with('C') && o[1].len() >= 6);
            let d = date(&o[2]);
            assert!(d >= cfg.start && d <= cfg.end, "order date {d}");
            assert!(d >= prev, "orders in date order");
            prev = d;
            assert!(cents(&o[3]) >= 100);
            assert_eq!(o[4], "EUR");
            assert!(["", "WELCOME10", "SPRING15", "SUMMER10", "BLACKFRIDAY25", "VIP20", "COMEBACK15", "FREESHIP"].contains(&o[5].as_str()));
            assert!(o[6] == "3" || o[6] == "5");
            let delivered = (!o[7].is_empty()).then(|| date(&o[7]));
            if let Some(dd) = delivered {
                assert!(dd > d && dd <= cfg.end);
            }
            by_id.insert(o[0].clone(), (o[1].clone(), d, delivered));
        }
        let customers: BTreeSet<&str> = orders.iter().map(|o| o[1].as_str()).collect();
        assert_eq!(customers.len(), cfg.customers);

        let mut prev = cfg.start;
        for (k, r) in rows(&f.reviews_csv).iter().enumerate() {
            assert_eq!(r[0], format!("R{:05}", k + 1));
            let (cust, _, delivered) = by_id.get(&r[1]).expect("review refers to an order");
            assert_eq!(&r[2], cust);
            assert!(("1"..="5").contains(&r[3].as_str()));
            let d = date(&r[4]);
            assert!(d > delivered.expect("reviewed orders are delivered") && d <= cfg.end);
            assert!(d >= prev);
            prev = d;
        }
        for (k, t) in rows(&f.tickets_csv).iter().enumerate() {
            assert_eq!(t[0], format!("T{:05}", k + 1));
            let (cust, _, delivered) = by_id.get(&t[2]).expect("ticket refers to an order");
            assert_eq!(&t[1], cust);
            let opened = date(&t[3]);
            assert!(opened >= delivered.unwrap() && opened <= cfg.end);
            if !t[4].is_empty() {
                let resolved = date(&t[4]);
                assert!(resolved >= opened && resolved <= cfg.end && (resolved - opened).num_days() <= 10);
            }
            assert!(CATEGORIES.contains(&t[5].as_str()));
        }
        let mut respondents = BTreeSet::new();
        for s in rows(&f.survey_csv) {
            assert!(customers.contains(s[1].as_str()));
            assert!(respondents.insert(s[1].clone()), "one answer per customer");
            let d = date(&s[2]);
            assert!(d >= cfg.start && d <= cfg.end);
            let v: Vec<u8> = s[3..].iter().map(|x| x.parse().unwrap()).collect();
            assert!(v[0] <= 10 && (1..=5).contains(&v[1]));
            assert!(v[2..].iter().all(|x| (1..=7).contains(x)));
        }
    }

    #[test]
    fn behaviour_is_realistic() {
        let f = generate(&SampleConfig::default());
        let s = stats(&f);
        println!(
            "customers {} orders {} one-timers {:.3} rated {:.3} discounted {:.3} late {:.3} tickets {:.3} top20 {:.3} \
             text {:.3} chinese {:.3} resolved {:.3} survey {:.3} mean total {:.2} undelivered {}",
            s.customers,
            s.orders,
            s.one_timer,
            s.rating_share,
            s.discount_share,
            s.late_share,
            s.ticket_share,
            s.top20_revenue,
            s.text_share,
            s.chinese_share,
            s.resolved_share,
            s.survey_share,
            s.mean_total,
            s.undelivered
        );
        assert_eq!(s.customers, 1500);
        assert!((0.45..=0.75).contains(&s.one_timer), "one-timers {}", s.one_timer);
        assert!((0.30..=0.50).contains(&s.rating_share), "ratings {}", s.rating_share);
        assert!((0.15..=0.35).contains(&s.discount_share), "discounts {}", s.discount_share);
        assert!(s.top20_revenue >= 0.45, "top 20% revenue {}", s.top20_revenue);
        assert!((0.10..=0.30).contains(&s.late_share), "late {}", s.late_share);
        assert!((0.03..=0.10).contains(&s.ticket_share), "tickets {}", s.ticket_share);
        assert!((0.25..=0.55).contains(&s.text_share), "texts {}", s.text_share);
        assert!((0.10..=0.40).contains(&s.chinese_share), "chinese {}", s.chinese_share);
        assert!((0.70..=0.95).contains(&s.resolved_share), "resolved {}", s.resolved_share);
        assert!((0.10..=0.20).contains(&s.survey_share), "survey {}", s.survey_share);
        assert!((30.0..=120.0).contains(&s.mean_total), "mean total {}", s.mean_total);
        assert!(s.undelivered > 0);
    }

    #[test]
    fn experience_drives_loyalty() {
        // Customers whose first order arrived late come back less often than those served on time.
        let f = generate(&SampleConfig { customers: 6000, ..SampleConfig::default() });
        let orders = rows(&f.orders_csv);
        let mut first: BTreeMap<&str, bool> = BTreeMap::new();
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for o in &orders {
            *count.entry(o[1].as_str()).or_default() += 1;
            if !first.contains_key(o[1].as_str()) && !o[7].is_empty() {
                let late = (date(&o[7]) - date(&o[2])).num_days() > o[6].parse::<i64>().unwrap() + 2;
                first.insert(o[1].as_str(), late);
            }
        }
        let repeat = |late: bool| {
            let c: Vec<usize> = first.iter().filter(|(_, l)| **l == late).map(|(c, _)| count[c]).collect();
            c.iter().filter(|n| **n > 1).count() as f64 / c.len() as f64
        };
        assert!(repeat(false) > repeat(true) + 0.03, "on time {} late {}", repeat(false), repeat(true));
        // Ratings are lower for late orders.
        let late_orders: BTreeSet<&str> = orders.iter().filter(|o| !o[7].is_empty() && (date(&o[7]) - date(&o[2])).num_days() > o[6].parse::<i64>().unwrap()).map(|o| o[0].as_str()).collect();
        let reviews = rows(&f.reviews_csv);
        let mean = |late: bool| {
            let v: Vec<f64> = reviews.iter().filter(|r| late_orders.contains(r[1].as_str()) == late).map(|r| r[3].parse::<f64>().unwrap()).collect();
            v.iter().sum::<f64>() / v.len() as f64
        };
        assert!(mean(false) > mean(true) + 0.8, "on time {} late {}", mean(false), mean(true));
    }

    #[test]
    fn for_orders_hits_the_target() {
        let cfg = SampleConfig::for_orders(20_000, 1);
        let f = generate(&cfg);
        let ratio = f.orders as f64 / 20_000.0;
        assert!((0.9..=1.1).contains(&ratio), "{} orders", f.orders);
    }

    #[test]
    fn empty_and_tiny_configs() {
        let f = generate(&SampleConfig { customers: 0, ..SampleConfig::default() });
        assert_eq!((f.orders, f.reviews, f.tickets, f.responses), (0, 0, 0, 0));
        assert_eq!(f.orders_csv, format!("{ORDERS_HEADER}\n"));
        let d = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        let f = generate(&SampleConfig { seed: 1, customers: 20, start: d, end: d });
        assert_eq!(f.orders, 20);
        assert!(rows(&f.orders_csv).iter().all(|o| o[2] == "2024-03-01" && o[7].is_empty()));
        let f = generate(&SampleConfig { seed: 1, customers: 5, start: d, end: d.pred_opt().unwrap() });
        assert_eq!(f.orders, 0);
    }

    #[test]
    fn csv_quoting() {
        let mut v = Vec::new();
        write_field(&mut v, "plain").unwrap();
        write_field(&mut v, "a,b").unwrap();
        write_field(&mut v, "say \"hi\"").unwrap();
        write_field(&mut v, "送货很快，质量很好").unwrap();
        assert_eq!(String::from_utf8(v).unwrap(), "plain\"a,b\"\"say \"\"hi\"\"\"送货很快，质量很好");
    }
}
