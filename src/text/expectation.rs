//! The expectation calculator's part of the text report (the same numbers and advice as the
//! `<expectation-calculator>` element at the options' assumptions).

use super::{note, para, pct, row};
use crate::metrics::expectation::factors::LevelBand;
use crate::metrics::expectation::promise::Share;
use crate::metrics::expectation::ExpectationReport;
use crate::report::group;
use crate::view::expectation::{advice, tx};
use crate::view::i18n::Lang;
use std::fmt::Write;

fn share(s: &Share) -> String {
    let ci = s.interval.as_ref().map(|i| format!(" (95% CI {}-{})", pct(i.lower), pct(i.upper))).unwrap_or_default();
    let n = s.n.map(|n| format!(", n = {} orders", group(n))).unwrap_or_else(|| ", entered, not measured".into());
    format!("{} arrive in time{ci}{n}", pct(s.value))
}

fn days(v: f64) -> String {
    if (v - 1.0).abs() < 1e-9 {
        "1 day".into()
    } else if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0} days")
    } else {
        format!("{v:.1} days")
    }
}

pub(super) fn expectation_text(out: &mut String, e: &ExpectationReport) {
    let r = &e.result;
    let _ = writeln!(out, "\nExpectation calculator (what to promise)");
    let l = &r.expected_level;
    let band = match l.band {
        LevelBand::Low => "too low to attract",
        LevelBand::Balanced => "balanced",
        LevelBand::High => "high: hard to satisfy",
    };
    let parts: Vec<String> = l.contributions.iter().take(3).map(|c| format!("{} {:.2}", tx(Lang::En, c.factor.key()), c.points)).collect();
    row(out, "Expected service level", format!("{:.1} / 10", l.value), format!("{band}; stage {}; largest parts: {}", l.stage.key(), parts.join(", ")));
    match &r.promise {
        Some(p) => {
            row(out, "Balance point", days(f64::from(p.recommended_days)), share(&p.recommended.on_time));
            if let Some(c) = &p.current {
                row(out, "Current promise", days(c.days), share(&c.on_time));
            }
            match p.shortest_meeting_target {
                Some(t) => row(out, &format!("Shortest for {:.0}% on time", 100.0 * p.target_on_time), days(f64::from(t)), share(&p.curve[t as usize - 1].on_time)),
                None => row(out, &format!("Shortest for {:.0}% on time", 100.0 * p.target_on_time), "-".into(), format!("not reached within {} days", p.curve.len())),
            }
            let _ = writeln!(out, "  Trade-off (promise: on time, expected rating, satisfied orders relative to the balance point):");
            let cells: Vec<String> =
                p.curve.iter().map(|c| format!("{:>2} d: {:>6} {:.2}* {:>6}", c.days, pct(c.on_time.value), c.expected_rating, pct(c.relative_value))).collect();
            for pair in cells.chunks(3) {
                let _ = writeln!(out, "    {}", pair.join("   "));
            }
        }
        None => para(out, 2, &format!("Promise: {}", r.promise_missing.as_ref().map_or("not enough data".to_string(), |m| m.en()))),
    }
    if let Some(w) = &r.what_if {
        let rep = |o: &crate::metrics::expectation::promise::Outcome| {
            o.repeat_rate.as_ref().map(|q| format!("{} (range {}-{})", pct(q.value), pct(q.low), pct(q.high))).unwrap_or_else(|| "not enough data".into())
        };
        para(
            out,
            2,
            &format!(
                "What if deliveries were {:.0}% faster (promise {}): on time {} -> {}, expected rating {:.2} -> {:.2} stars, repeat-purchase rate {} -> {}.",
                100.0 * w.speed_up,
                days(w.promise_days),
                pct(w.before.on_time),
                pct(w.after.on_time),
                w.before.expected_rating,
                w.after.expected_rating,
                rep(&w.before),
                rep(&w.after)
            ),
        );
    }
    if let Some(rc) = &r.response {
        let cells: Vec<String> = rc.curve.iter().map(|p| format!("{}h {}", p.hours, pct(p.within.value))).collect();
        para(out, 2, &format!("Complaint first response (n = {} tickets), answered within: {}", group(rc.n), cells.join(", ")));
    }
    for s in &r.segments {
        para(out, 4, &format!("{}: {} orders, balance point {} ({} on time)", s.segment, group(s.orders), days(f64::from(s.recommended_days)), pct(s.on_time_at_recommended)));
    }
    let _ = writeln!(out, "  Advice:");
    for a in advice(Lang::En, r) {
        note(out, "-", &a);
    }
    let _ = writeln!(out, "  Assumptions:");
    for a in &r.assumptions {
        note(out, "-", &a.text);
    }
}
