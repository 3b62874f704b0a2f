//! A small made-up shop (orders, reviews, tickets, survey answers as CSV text) that the page's
//! worker analyses once when it starts, before any file is dropped.
//!
//! A browser first runs a WebAssembly module's functions from quickly made code and replaces
//! the busy ones with optimised code while they run. Analysing this shop (about 3,400 orders,
//! about 0.3 s in the page) makes the reading, the metrics, the model fits and the view busy
//! enough to be optimised, so the first real file is read and analysed at full speed (measured
//! at 1M orders: 7–9% less time from the drop to the scorecard). The shop is made from a
//! fixed seed in memory: nothing is fetched, nothing is kept, and it never reaches the page.

use crate::input::InputKind;
use std::fmt::Write;

/// Small deterministic random numbers (a 64-bit linear congruential generator, Knuth's MMIX
/// constants): enough for a made-up shop, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// Uniform in 0..n.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        self.next() as f64 / (1u64 << 31) as f64
    }
}

const WORDS: [&str; 12] = ["fast", "delivery", "great", "quality", "late", "broken", "friendly", "price", "packaging", "again", "slow", "perfect"];
const CATEGORIES: [&str; 4] = ["delivery", "refund", "product", "other"];

/// The shop's files: (name, kind, CSV text), in the order the page would take them.
pub(crate) fn shop() -> Vec<(&'static str, InputKind, String)> {
    let mut rng = Lcg(0x5eed_1234_abcd_0001);
    let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).expect("a valid date");
    let days = 730u64;
    let customers = 1500u64;
    let mut orders = String::from("order_id,customer_id,order_date,total,currency,discount_code,promised_days,delivered_date\n");
    let mut reviews = String::from("review_id,order_id,customer_id,rating,review_date,text\n");
    let mut tickets = String::from("ticket_id,customer_id,order_id,opened,resolved,category\n");
    let mut survey = String::from("respondent_id,customer_id,date,nps,csat,ces,imp_quality,perf_quality,imp_delivery,perf_delivery\n");
    let (mut n_order, mut n_review, mut n_ticket) = (0u32, 0u32, 0u32);
    // Each customer: a first day, then repeat purchases at a rate of their own until they drop
    // out (what the lifetime-value models describe, so their fits have something to find).
    let mut visits: Vec<(u64, u64)> = Vec::new();
    for c in 0..customers {
        let mut day = rng.below(days - 30);
        let gap = 20 + rng.below(120);
        loop {
            visits.push((day, c));
            if rng.unit() < 0.35 {
                break;
            }
            day += 1 + rng.below(2 * gap);
            if day >= days {
                break;
            }
        }
    }
    crate::fast::sort_stable(&mut visits, |a, b| a.cmp(b));
    for (day, c) in visits {
        n_order += 1;
        let date = start + chrono::Days::new(day);
        let total = 15.0 + rng.below(18_000) as f64 / 100.0;
        let code = if rng.below(10) == 0 { "WELCOME10" } else { "" };
        let promised = 2 + rng.below(5);
        let delivered = date + chrono::Days::new(1 + rng.below(7));
        let _ = writeln!(orders, "#{n_order},C{c:04},{date},{total:.2},EUR,{code},{promised},{delivered}");
        if rng.below(10) < 4 {
            n_review += 1;
            let rating = 1 + (rng.below(5) + rng.below(5)).min(4);
            let text = if rng.below(2) == 0 { format!("{} {} {}", WORDS[rng.below(12) as usize], WORDS[rng.below(12) as usize], WORDS[rng.below(12) as usize]) } else { String::new() };
            let _ = writeln!(reviews, "R{n_review},#{n_order},C{c:04},{rating},{},{text}", delivered + chrono::Days::new(rng.below(5)));
        }
        if rng.below(20) == 0 {
            n_ticket += 1;
            let resolved = if rng.below(3) == 0 { String::new() } else { (delivered + chrono::Days::new(rng.below(6))).to_string() };
            let _ = writeln!(tickets, "T{n_ticket},C{c:04},#{n_order},{delivered},{resolved},{}", CATEGORIES[rng.below(4) as usize]);
        }
    }
    for r in 0..customers / 3 {
        let c = rng.below(customers);
        let date = start + chrono::Days::new(rng.below(days));
        let _ = writeln!(survey, "S{r},C{c:04},{date},{},{},{},{},{},{},{}", rng.below(11), 1 + rng.below(5), 1 + rng.below(5), 1 + rng.below(7), 1 + rng.below(7), 1 + rng.below(7), 1 + rng.below(7));
    }
    vec![("orders.csv", InputKind::Orders, orders), ("reviews.csv", InputKind::Reviews, reviews), ("tickets.csv", InputKind::Tickets, tickets), ("survey.csv", InputKind::Surveys, survey)]
}

/// The made-up shop analysed with the default options.
fn analysis() -> Result<crate::Analysis, crate::Error> {
    let files = shop();
    let inputs: Vec<crate::InputFile<'_>> = files.iter().map(|(name, kind, text)| crate::InputFile::new(name, *kind, text.as_bytes())).collect();
    crate::Analysis::run(&inputs, &crate::report::AnalysisOptions::default())
}

/// What the page's worker runs once at its start: the made-up shop analysed and its view built
/// in English and in Chinese (nothing is shown). Whether the scorecard could be made.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn warm_up() -> bool {
    let Ok(analysis) = analysis() else {
        return false;
    };
    let source = crate::view::render::Source::Sample("warm-up".into());
    for lang in [crate::view::Lang::En, crate::view::Lang::ZhCn] {
        let _ = crate::view::render::scorecard(lang, analysis.scorecard(), &source).to_json_pieces();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The made-up shop goes through every stage the page's analysis has: every file read
    /// without a rejected row, the lifetime-value models fitted, the satisfaction, trust and
    /// survey sections made.
    #[test]
    fn the_warm_up_shop_exercises_every_stage() {
        let analysis = analysis().expect("the warm-up shop analyses");
        let card = analysis.scorecard();
        for a in &card.inputs {
            assert_eq!(a.rows_rejected, 0, "{}: {:?}", a.file, a.reasons);
            assert!(a.rows_used > 100, "{}: {} rows used", a.file, a.rows_used);
        }
        let clv = card.clv.as_ref().expect("a lifetime-value report");
        assert!(clv.bgnbd.fit.is_some(), "the BG/NBD is fitted");
        assert!(card.satisfaction.is_some() && card.survey.is_some() && card.trust.is_some() && card.loyalty.is_some());
        assert!(warm_up());
    }

    #[test]
    fn the_warm_up_shop_is_the_same_every_time() {
        assert_eq!(shop(), shop());
    }
}
