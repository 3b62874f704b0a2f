//! The scorecard as plain text, read top to bottom: headline figures, satisfaction, survey, trust,
//! loyalty, lifetime value, complaints, input files and warnings. The command line prints it;
//! it is the text twin of the `<loyalty-scorecard>` element.
//!
//! Every figure carries its unit and the number of observations it rests on; a figure that
//! could not be computed says "not enough data" with the reason, never NaN. Lines stay under
//! about 110 characters (long sentences are wrapped).

use crate::input::{InputAccount, InputKind};
use crate::metrics::clv::analysis::{ModelFitReport, ModelSection};
use crate::metrics::clv::ClvReport;
use crate::metrics::loyalty::LoyaltyReport;
use crate::metrics::satisfaction::complaints::{ComplaintsReport, TargetStatus};
use crate::metrics::satisfaction::compare::PeriodComparison;
use crate::metrics::satisfaction::survey::ipa::ImportanceSource;
use crate::metrics::satisfaction::survey::{MeanScore, SurveyReport};
use crate::metrics::satisfaction::{Counted, Measure, SatUnit, SatisfactionReport};
use crate::metrics::Interval;
use crate::report::{group, money, Scorecard};
use crate::view::i18n::{tf, Lang};
use std::fmt::Write;

mod trust;
mod expectation;

/// Longest line before a sentence is wrapped.
const WIDTH: usize = 108;

/// A plain-text report of the scorecard, as the command line prints it.
///
/// ```
/// use loyalty_scorecard::{analyze, text::to_text, AnalysisOptions, InputFile};
/// let csv = "customer_id,order_date,total\nA,2024-01-05,10.00\nA,2024-02-01,30.00\nB,2024-01-09,20.00\n";
/// let card = analyze(&[InputFile::orders("orders.csv", csv.as_bytes())], &AnalysisOptions::default()).unwrap();
/// let text = to_text(&card);
/// assert!(text.contains("Repeat-purchase rate") && text.contains("Input files"));
/// assert!(!text.contains("NaN"));
/// ```
pub fn to_text(card: &Scorecard) -> String {
    printable(&to_text_raw(card)).into_owned()
}

/// `text` safe to print on a terminal: control characters other than newline and tab, and the
/// characters that reorder text (bidirectional overrides and isolates), written as `\u{..}`
/// escapes. Data from a file (a customer id, a product name, a review) can then never move the
/// cursor, recolour the terminal or disguise what is printed.
///
/// ```
/// use loyalty_scorecard::text::printable;
/// assert_eq!(printable("caf\u{e9}\tok\n"), "café\tok\n");
/// assert_eq!(printable("evil\u{1b}[2J"), "evil\\u{1b}[2J");
/// assert_eq!(printable("a\u{202e}b"), "a\\u{202e}b");
/// ```
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.contains(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn to_text_raw(card: &Scorecard) -> String {
    let mut out = String::new();
    let cur = card.currency.as_deref().unwrap_or("");
    let _ = writeln!(out, "Loyalty scorecard");
    if let (Some(p), Some(d)) = (&card.period, card.as_of) {
        let _ = writeln!(out, "Orders from {} to {}, analysis date {}", p.first, p.last, d);
    }
    let _ = writeln!(out);
    if !card.findings.is_empty() {
        let _ = writeln!(out, "{}", crate::view::findings::title(Lang::En));
        for (i, f) in card.findings.iter().enumerate() {
            wrap(&mut out, &format!("  {}. ", i + 1), "     ", &crate::view::findings::sentence(Lang::En, f, cur));
        }
        para(&mut out, 2, &format!("({})", crate::view::findings::rule(Lang::En, crate::view::findings::weighed_by_money(card))));
        let _ = writeln!(out);
    }
    if let Some(b) = &card.orders {
        let unkeyed = if b.orders_without_customer > 0 {
            format!("incl. {} without a customer key (not in the customer figures)", group(b.orders_without_customer))
        } else {
            String::new()
        };
        row(&mut out, "Orders", group(b.orders.value as u64), unkeyed);
        row(&mut out, "Customers", group(b.customers.value as u64), String::new());
        if b.revenue.value.is_finite() {
            row(&mut out, "Revenue", with_currency(b.revenue.value, cur), format!("from {} orders", group(b.revenue.n)));
        } else {
            row(&mut out, "Revenue", "not known".to_string(), b.revenue.warning.as_ref().map(|w| w.en()).unwrap_or_default());
        }
        let r = &b.repeat_purchase_rate;
        let ci = r.interval.as_ref().map(|i| format!("95% CI {}-{}, ", pct(i.lower), pct(i.upper))).unwrap_or_default();
        row(&mut out, "Repeat-purchase rate", pct(r.value), format!("{ci}{} of {} customers bought 2+ times", group(b.repeat_customers), group(r.n)));
        let o = &b.orders_per_customer;
        let ci = o.interval.as_ref().map(|i| format!("95% CI {:.2}-{:.2}, ", i.lower, i.upper)).unwrap_or_default();
        row(&mut out, "Orders per customer", format!("{:.2}", o.value), format!("{ci}n = {} customers", group(o.n)));
        // The two figures rest on the same customers: a warning they share is printed once.
        let mut shown: Vec<String> = Vec::new();
        for w in [&r.warning, &o.warning].into_iter().flatten().map(|w| w.en()) {
            if !shown.contains(&w) {
                note(&mut out, "!", &w);
                shown.push(w);
            }
        }
    }
    if let Some(s) = &card.summary_input {
        let _ = writeln!(
            out,
            "From a {} customer summary ({}), calibration end {}, times in {}s",
            if s.grouped { "grouped" } else { "per-customer" },
            s.file,
            s.calibration_end,
            s.unit.name()
        );
        if card.orders.is_none() {
            row(&mut out, "Customers", group(s.customers), String::new());
            if let Some(o) = s.orders {
                row(&mut out, "Orders", group(o), String::new());
            }
            if let Some(v) = s.revenue {
                row(&mut out, "Revenue", with_currency(v, cur), String::new());
            }
        }
        if let Some(r) = &s.repeat_buyer_rate {
            row(&mut out, "Repeat buyers (2+ purchase days)", pct(r.value), format!("{} of {} customers", group(s.repeat_buyers), group(s.customers)));
        }
        for (label, f) in [("Satisfied share (4-5 stars)", &s.satisfied_share), ("Complaint rate", &s.complaint_rate), ("Orders with a discount", &s.discount_share), ("Delivered on time", &s.on_time_share)] {
            if let Some(f) = f {
                row(&mut out, label, pct(f.value), format!("n = {}", group(f.n)));
            }
        }
        if let Some(f) = &s.average_rating {
            row(&mut out, "Average rating", format!("{:.2}", f.value), format!("n = {} ratings", group(f.n)));
        }
        for a in &s.absent {
            note(&mut out, "absent", a);
        }
        let _ = writeln!(out);
    }
    match &card.satisfaction {
        Some(s) => satisfaction_text(&mut out, s),
        None if card.summary_input.is_some() => section_absent(&mut out, "Satisfaction", "a customer summary without review or ticket files"),
        None => section_absent(&mut out, "Satisfaction", "no analysis date (no dated order)"),
    }
    match &card.survey {
        Some(s) => survey_text(&mut out, s),
        None => section_absent(&mut out, "Survey", "no survey file was given (or it had no usable answers)"),
    }
    match &card.trust {
        Some(t) => trust::trust_text(&mut out, t, cur),
        None => section_absent(&mut out, "From satisfaction to trust", "no completed order on or before the analysis date"),
    }
    match &card.loyalty {
        Some(l) => loyalty_text(&mut out, l, cur),
        None => section_absent(&mut out, "Loyalty", "no analysis date (no dated order)"),
    }
    match &card.clv {
        Some(c) => clv_text(&mut out, c, cur),
        None => section_absent(&mut out, "Lifetime value", "no analysis date (no dated order)"),
    }
    match card.satisfaction.as_ref().and_then(|s| s.complaints.as_ref().map(|c| (s, c))) {
        Some((s, c)) => complaints_text(&mut out, s, c),
        None => section_absent(&mut out, "Complaints", "needs an orders file and a tickets file with rows"),
    }
    match &card.expectation {
        Some(e) => expectation::expectation_text(&mut out, e),
        None => section_absent(&mut out, "Expectation calculator", "no analysis date (no dated order)"),
    }
    inputs_text(&mut out, card);
    let _ = writeln!(out, "\nWarnings");
    // Warnings of an input file are listed with the file above; the rest here.
    let shown: Vec<String> = card.inputs.iter().flat_map(|a| a.warnings.iter().map(move |w| format!("{}: {w}", a.file))).collect();
    let rest: Vec<String> = card.warnings.iter().map(|w| w.en()).filter(|w| !shown.contains(w)).collect();
    if rest.is_empty() {
        let _ = writeln!(out, "  none{}", if shown.is_empty() { "" } else { " besides the input-file warnings above" });
    }
    for w in rest {
        note(&mut out, "-", &w);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Formatting helpers

fn pct(f: f64) -> String {
    format!("{:.1}%", 100.0 * f)
}

/// `label` left in 24 columns, `value` right in 14, then the detail (wrapped under it).
fn row(out: &mut String, label: &str, value: String, extra: String) {
    let head = format!("  {label:<24}{value:>14}  ");
    let line = format!("{head}{extra}");
    if line.chars().count() <= WIDTH || extra.is_empty() {
        let _ = writeln!(out, "{}", line.trim_end());
    } else {
        let indent = head.chars().count().min(44);
        wrap(out, &head, &" ".repeat(indent), &extra);
    }
}

/// Writes `text` after `first`, wrapped at [`WIDTH`], continuation lines starting with `rest`.
fn wrap(out: &mut String, first: &str, rest: &str, text: &str) {
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        let len = line.chars().count() + usize::from(!empty) + word.chars().count();
        if !empty && len > WIDTH {
            let _ = writeln!(out, "{}", line.trim_end());
            line = rest.to_string();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    let _ = writeln!(out, "{}", line.trim_end());
}

/// An indented note: `  {mark} text`, wrapped.
fn note(out: &mut String, mark: &str, text: &str) {
    wrap(out, &format!("    {mark} "), &" ".repeat(mark.chars().count() + 5), text);
}

/// A paragraph at the given indent, wrapped.
fn para(out: &mut String, indent: usize, text: &str) {
    let pad = " ".repeat(indent);
    wrap(out, &pad, &pad, text);
}

fn section_absent(out: &mut String, title: &str, why: &str) {
    let _ = writeln!(out, "\n{title}");
    let _ = writeln!(out, "  not enough data: {why}");
}

fn with_currency(v: f64, cur: &str) -> String {
    format!("{} {cur}", money(v)).trim_end().to_string()
}

/// A number without needless decimals: 39 -> "39", 0.5 -> "0.5".
fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn counted(n: u64, of: Counted) -> String {
    let word = match (of, n == 1) {
        (Counted::Reviews, false) => "reviews",
        (Counted::Reviews, true) => "review",
        (Counted::Answers, false) => "answers",
        (Counted::Answers, true) => "answer",
        (Counted::Orders, false) => "orders",
        (Counted::Orders, true) => "order",
        (Counted::Customers, false) => "customers",
        (Counted::Customers, true) => "customer",
        (Counted::Tickets, false) => "tickets",
        (Counted::Tickets, true) => "ticket",
    };
    format!("n = {} {word}", group(n))
}

/// A value in its unit, e.g. "3.87 stars", "45.7%", "+20.9 points".
fn unit_value(unit: SatUnit, v: f64) -> String {
    match unit {
        SatUnit::Proportion => pct(v),
        SatUnit::Stars => format!("{v:.2} stars"),
        SatUnit::NpsPoints => format!("{v:+.1} points"),
        SatUnit::ScalePoints => format!("{v:.2} points"),
        SatUnit::Days => format!("{v:.1} days"),
        SatUnit::Hours => format!("{v:.1} hours"),
        SatUnit::Count => group(v.round().max(0.0) as u64),
    }
}

/// The bare number of a bound, in the measure's unit without the unit word.
fn bound(unit: SatUnit, v: f64) -> String {
    match unit {
        SatUnit::Proportion => pct(v),
        SatUnit::NpsPoints => format!("{v:+.1}"),
        SatUnit::Stars | SatUnit::ScalePoints => format!("{v:.2}"),
        SatUnit::Days | SatUnit::Hours => format!("{v:.1}"),
        SatUnit::Count => group(v.round().max(0.0) as u64),
    }
}

fn interval_text(unit: SatUnit, i: &Interval) -> String {
    let sep = if i.lower < 0.0 || i.upper < 0.0 || unit == SatUnit::NpsPoints { " to " } else { "-" };
    let method = match i.method {
        "adjusted_wald" => "adjusted-Wald ",
        _ => "",
    };
    format!("{method}{:.0}% CI {}{sep}{}", 100.0 * i.level, bound(unit, i.lower), bound(unit, i.upper))
}

/// One row for a satisfaction measure: value in its unit, interval, n; "not enough data" in
/// words when it has no value; its small-sample warning on the next line.
fn measure_row(out: &mut String, label: &str, m: &Measure, extra: &str) {
    match m.value {
        Some(v) => {
            let mut detail = Vec::new();
            if let Some(i) = &m.interval {
                detail.push(interval_text(m.unit, i));
            }
            detail.push(counted(m.n, m.n_of));
            let mut d = detail.join(", ");
            if !extra.is_empty() {
                d.push_str("; ");
                d.push_str(extra);
            }
            row(out, label, unit_value(m.unit, v), d);
            if let Some(w) = &m.warning {
                note(out, "!", &w.en());
            }
        }
        None => {
            let why = m.warning.as_ref().map_or_else(|| "not enough data".into(), |w| w.en());
            row(out, label, String::new(), why);
        }
    }
}

fn mean_score(m: &MeanScore, scale: &str) -> String {
    let ci = m.interval.as_ref().map(|i| format!(", 95% CI {:.1} to {:.1}", i.lower, i.upper)).unwrap_or_default();
    format!("{:+.2}{scale}{ci}, n = {}", m.mean, group(m.n as u64))
}

fn clip(text: &str, max: usize) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() <= max {
        t
    } else {
        format!("{}...", t.chars().take(max.saturating_sub(3)).collect::<String>())
    }
}

// ---------------------------------------------------------------------------------------------
// Satisfaction

fn satisfaction_text(out: &mut String, s: &SatisfactionReport) {
    let _ = writeln!(out, "\nSatisfaction");
    match &s.ratings {
        Some(r) => {
            measure_row(out, "Average rating", &r.overall.average, "scale 1-5 stars");
            measure_row(out, "CSAT (reviews 4-5 stars)", &r.overall.csat_top2, "");
            let dist: Vec<String> = r.overall.distribution.iter().map(|c| format!("{} star {}", c.stars, group(c.count))).collect();
            row(out, "Ratings by stars", String::new(), dist.join(", "));
        }
        None => row(out, "Average rating", String::new(), "not enough data: no reviews file (or no valid rating)".into()),
    }
    match &s.survey_scores {
        Some(sv) => {
            if let Some(n) = &sv.nps {
                let o = &n.overall;
                let split = format!(
                    "{} promoters (9-10), {} passives, {} detractors (0-6); question \"{}\"",
                    group(o.promoters),
                    group(o.passives),
                    group(o.detractors),
                    n.question
                );
                measure_row(out, "NPS (-100 to 100)", &o.nps, &split);
            }
            if let Some(c) = &sv.csat {
                measure_row(out, "CSAT (survey, top 2)", &c.top2, &format!("question \"{}\"", c.question));
                measure_row(out, "CSAT mean answer", &c.mean, "");
            }
            if let Some(c) = &sv.ces {
                measure_row(out, "CES mean (1-7, 7 easy)", &c.ces.mean, &format!("question \"{}\"", c.question));
                measure_row(out, "CES easy (5-7)", &c.ces.easy_share, "");
            }
        }
        None => row(out, "NPS / CSAT / CES", String::new(), "not enough data: no survey answers with an NPS, CSAT or CES question".into()),
    }
    match &s.delivery {
        Some(d) => {
            measure_row(out, "Delivered on time", &d.on_time_share, "on the promised day");
            measure_row(out, "Delivered early", &d.early_share, "");
            measure_row(out, "Delivered late", &d.late_share, "");
            measure_row(out, "Mean days late (+)", &d.mean_miss, "");
            measure_row(out, "Median days late (+)", &d.median_miss, "");
            match &d.rating_model {
                Some(m) => {
                    let mut text = tf(
                        Lang::En,
                        "rating_model",
                        &[&format!("{:.2}", m.intercept), &format!("{:.2}", -m.per_day_late), &format!("{:.2}", 1.96 * m.per_day_late_se), &group(m.n)],
                    );
                    if m.per_day_late >= 0.0 {
                        text = format!(
                            "Ratings do not fall with late delivery here: an on-time order is rated {:.2} stars on average, and each \
                             day late changes that by {:+.2} stars (± {:.2}), fitted on {} rated orders.",
                            m.intercept,
                            m.per_day_late,
                            1.96 * m.per_day_late_se,
                            group(m.n)
                        );
                    }
                    text.push_str(&format!(" (Latest delivery seen: {} days late; beyond that is extrapolation.)", m.max_late_seen));
                    para(out, 2, &text.replace('★', " stars"));
                }
                None => para(out, 2, "Rating against lateness: not enough data (needs 3+ rated delivered orders, some of them late)."),
            }
        }
        None => row(out, "Delivery against promise", String::new(), "not enough data: no delivered order with a promised delivery time".into()),
    }
    if let Some(r) = &s.response_time {
        measure_row(out, "First response in time", &r.within_promise, &format!("within {} hours", num(r.promised_hours)));
        measure_row(out, "Median first response", &r.median_hours, "");
    }
    match &s.comparison {
        Some(c) => comparison_text(out, c),
        None => para(out, 2, "Period comparison: not enough data (no dated rating or survey answer in either period)."),
    }
    if let Some(t) = &s.review_text {
        let _ = writeln!(
            out,
            "  In customers' words ({} reviews with text: {} rated 1-2, {} rated 4-5). Lowest-rated:",
            group(t.reviews_with_text),
            group(t.low_reviews),
            group(t.high_reviews)
        );
        for q in t.lowest_rated.iter().take(6) {
            let meta = [q.date.map(|d| d.to_string()), q.product.clone(), q.order_id.as_ref().map(|o| format!("order {o}"))]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            let meta = if meta.is_empty() { String::new() } else { format!(" ({meta})") };
            let _ = writeln!(out, "    {} star{}: \"{}\"", num(q.rating), meta, clip(&q.text, 70));
        }
        let words = |terms: &[crate::metrics::satisfaction::text::TermScore]| {
            if terms.is_empty() {
                "not enough data (no word in enough reviews)".to_string()
            } else {
                terms.iter().take(10).map(|x| x.term.clone()).collect::<Vec<_>>().join(", ")
            }
        };
        wrap(out, "  Words of low ratings (1-2): ", "    ", &words(&t.low_terms));
        wrap(out, "  Words of high ratings (4-5): ", "    ", &words(&t.high_terms));
    }
    for m in &s.messages {
        note(out, "note:", &m.en());
    }
}

fn comparison_text(out: &mut String, c: &PeriodComparison) {
    let _ = writeln!(out, "  This period against the last: {} to {} against {} to {}", c.later.start, c.later.end, c.earlier.start, c.earlier.end);
    for i in &c.items {
        let label = match i.metric {
            "average_rating" => "Average rating",
            "csat_top2" => "CSAT (reviews)",
            "nps" => "NPS",
            "survey_csat" => "CSAT (survey)",
            other => other,
        };
        let v = |m: &Measure| match m.value {
            Some(v) => format!("{} ({})", unit_value(m.unit, v), counted(m.n, m.n_of)),
            None => "not enough data".to_string(),
        };
        let unit = i.earlier.unit;
        let diff = match (i.difference, &i.interval, i.p_value) {
            (Some(d), Some(ci), Some(p)) => {
                let d = match unit {
                    SatUnit::Proportion => format!("{:+.1} points", 100.0 * d),
                    SatUnit::NpsPoints => format!("{d:+.1} points"),
                    _ => format!("{d:+.2}"),
                };
                let (lo, hi) = match unit {
                    SatUnit::Proportion => (format!("{:+.1}", 100.0 * ci.lower), format!("{:+.1}", 100.0 * ci.upper)),
                    SatUnit::NpsPoints => (format!("{:+.1}", ci.lower), format!("{:+.1}", ci.upper)),
                    _ => (format!("{:+.2}", ci.lower), format!("{:+.2}", ci.upper)),
                };
                format!("change {d} (95% CI {lo} to {hi}), p = {p:.3}: ")
            }
            _ => String::new(),
        };
        let text = format!("{label}: {} -> {}; {diff}{}", v(&i.earlier), v(&i.later), i.verdict.text());
        wrap(out, "    ", "      ", &text);
    }
}

// ---------------------------------------------------------------------------------------------
// Survey

fn survey_text(out: &mut String, s: &SurveyReport) {
    let outcome = s.outcome.as_deref().map(|o| format!("; importance derived against \"{o}\"")).unwrap_or_default();
    let _ = writeln!(out, "\nSurvey ({} respondents{outcome})", group(s.respondents as u64));
    match &s.index {
        Some(ix) => {
            row(out, "Satisfaction index", format!("{:.1} / 100", ix.index), format!("n = {} respondents", group(ix.n as u64)));
            for node in &ix.tree.children {
                let label = clip(&node.label.en, 40);
                match node.score {
                    Some(score) => {
                        let _ = writeln!(out, "    {label:<42}{:>8} / 100  weight {:.0}%", format!("{score:.1}"), 100.0 * node.weight);
                    }
                    None => {
                        let _ = writeln!(out, "    {label:<42}  not enough data (no item placed here)");
                    }
                }
            }
            if !ix.weakest_links.is_empty() {
                let links: Vec<String> =
                    ix.weakest_links.iter().take(5).map(|w| format!("{} ({:.1} / 100, -{:.1} points)", w.item, w.score, w.points_lost)).collect();
                wrap(out, "  Weakest links (index points lost): ", "    ", &links.join(", "));
            }
        }
        None => row(out, "Satisfaction index", String::new(), "not enough data (see the notes)".into()),
    }
    match &s.ipa {
        Some(ipa) => {
            let derived = ipa.importance_source == ImportanceSource::Derived;
            let how = if derived { "importance = correlation r with the outcome" } else { "importance = stated, 0-100" };
            let head = format!(
                "Importance against performance ({how}; performance 0-100; cross-hairs at {} and {:.1}):",
                if derived { format!("r {:.2}", ipa.importance_crosshair) } else { format!("{:.1}", ipa.importance_crosshair) },
                ipa.performance_crosshair
            );
            wrap(out, "  ", "    ", &head);
            for i in &ipa.items {
                let imp = if derived { format!("r {:.2}", i.importance) } else { format!("{:.1}", i.importance) };
                let _ = writeln!(
                    out,
                    "    {:<22} importance {:>6}  performance {:>5.1} (n = {:>5})  {}",
                    clip(&i.item, 22),
                    imp,
                    i.performance_score,
                    group(i.performance.n as u64),
                    i.quadrant_label.en
                );
            }
            let (first, later) = ipa.focus();
            if first.is_empty() {
                wrap(out, "  Work first on: ", "    ", if later.is_empty() { "no item is below par" } else { "no important item is below par" });
            } else {
                wrap(out, "  Work first on (important, below par): ", "    ", &first.join(", "));
            }
            if !later.is_empty() {
                wrap(out, "  Below par but less important, after that: ", "    ", &later.join(", "));
            }
        }
        None => row(out, "Importance-performance", String::new(), "not enough data (see the notes)".into()),
    }
    if let Some(d) = &s.drivers {
        let _ = writeln!(out, "  Drivers of loyalty (score 0-100; r = correlation with satisfaction / with buying again):");
        for x in &d.drivers {
            let r = |c: &Option<crate::metrics::satisfaction::survey::Correlation>| {
                c.as_ref().map(|c| format!("{:+.2} (n = {})", c.r, group(c.n as u64))).unwrap_or_else(|| "not enough data".into())
            };
            let text = format!(
                "{}: {:.1} / 100, n = {}; r {} / {}; items {}",
                x.label.en,
                x.score,
                group(x.n as u64),
                r(&x.importance_overall),
                r(&x.importance_repurchase),
                x.items.join(", ")
            );
            wrap(out, "    ", "      ", &text);
        }
        let name = |dr| d.drivers.iter().find(|x| x.driver == dr).map(|x| x.label.en.clone()).unwrap_or_default();
        let lever = d.strongest_lever.map(name).unwrap_or_else(|| "not enough data".into());
        para(out, 4, &format!("Weakest driver: {}; strongest lever: {lever}.", name(d.weakest)));
    }
    if let Some(g) = &s.gaps {
        let _ = writeln!(out, "  Expectation gaps (perceived - expected; below 0 = expectations not met):");
        for x in g.dimensions.iter().chain(std::iter::once(&g.overall)) {
            let scale = g.items.first().map(|i| if i.unit == "0-100" { " (0-100)" } else { " answer points" }).unwrap_or_default();
            let text = format!("{}: {}{}; items {}", x.label.en, mean_score(&x.gap, scale), if x.weighted { ", weighted by importance" } else { "" }, x.items.join(", "));
            wrap(out, "    ", "      ", &text);
        }
    }
    if let Some(k) = &s.kano {
        let _ = writeln!(out, "  Kano classes (counts A/O/M/I/R/Q; Better 0..1, Worse -1..0):");
        for f in &k.features {
            let cls = f.category_labels.iter().map(|l| l.en.clone()).collect::<Vec<_>>().join(" / ");
            let c = &f.counts;
            let b = f.better.map(|b| format!("{b:.2}")).unwrap_or_else(|| "not enough data".into());
            let w = f.worse.map(|w| format!("{w:.2}")).unwrap_or_else(|| "not enough data".into());
            let tied = if f.tied { " (tied)" } else { "" };
            let text = format!("{}: {cls}{tied}; {}/{}/{}/{}/{}/{}, n = {}; Better {b}, Worse {w}", f.feature, c.a, c.o, c.m, c.i, c.r, c.q, group(f.n as u64));
            wrap(out, "    ", "      ", &text);
        }
    }
    for m in &s.messages {
        note(out, "note:", &m.en());
    }
}

// ---------------------------------------------------------------------------------------------
// Loyalty

fn loyalty_text(out: &mut String, l: &LoyaltyReport, cur: &str) {
    let _ = writeln!(out, "\nLoyalty");
    if let Some(m) = l.monthly.iter().rev().find(|m| m.complete && m.returning_customer_rate.is_some()) {
        row(
            out,
            "Returning-customer rate",
            pct(m.returning_customer_rate.unwrap_or(0.0)),
            format!("{} of {} buyers in {} had bought before", group(m.returning_customers), group(m.active_customers), m.period),
        );
    }
    if let Some(g) = &l.interpurchase {
        row(
            out,
            "Days between orders",
            format!("{:.0} (median)", g.median_days),
            format!("quartiles {:.0}-{:.0} days, {} repeat gaps", g.q1_days, g.q3_days, group(g.gaps)),
        );
    }
    if let Some(c) = &l.concentration {
        if let (Some(t10), Some(t20)) = (c.top_10_share, c.top_20_share) {
            let ratio = c.top_10_vs_next_10.map(|r| format!(", top 10% spend {r:.1}x the next 10%")).unwrap_or_default();
            row(out, "Revenue of top 20%", pct(t20), format!("top 10%: {}{ratio}", pct(t10)));
        }
        if let Some(g) = c.gini {
            row(out, "Gini (spend)", format!("{g:.3}"), String::new());
        }
        for t in &c.tiers {
            row(out, &format!("{} value customers", t.tier.key()), group(t.customers), format!("{} of revenue", t.revenue_share.map(pct).unwrap_or_default()));
        }
    }
    let lb = &l.leaky_bucket;
    row(out, "Active customers", group(lb.active_at_as_of), format!("lost = no order for {} days", lb.churn_window.days));
    if let Some(w) = &lb.what_if {
        if let (Some(rev), Some(profit)) = (w.extra_revenue, w.extra_profit) {
            let text = format!(
                "What if {:.0}% of the {} customers lost in the last 365 days had stayed: +{} {cur} revenue, +{} {cur} profit a year (margin {:.0}%)",
                100.0 * w.retention_uplift,
                group(w.lost_customers),
                money(rev),
                money(profit),
                100.0 * w.margin
            );
            wrap(out, "  ", "    ", &text);
        }
    }
    let _ = writeln!(out, "  RFM segments:");
    for s in l.rfm_segments.iter().filter(|s| s.customers > 0) {
        let share = s.revenue_share.map(|x| format!("  {:>6} of revenue", pct(x))).unwrap_or_default();
        let _ = writeln!(out, "    {:<20}{:>8} customers{share}", s.label, group(s.customers));
    }
    for m in &l.messages {
        note(out, "note:", &m.en());
    }
}

// ---------------------------------------------------------------------------------------------
// Lifetime value

/// What a parameter is measured in.
fn param_unit(model: &str, name: &str, unit: &str, cur: &str) -> String {
    match (model, name) {
        (_, "alpha") | ("Pareto/NBD", "beta") => format!(" {unit}s"),
        ("Gamma-Gamma", "v") if !cur.is_empty() => format!(" {cur}"),
        _ => String::new(),
    }
}

fn fit_text(out: &mut String, f: &ModelFitReport, unit: &str, cur: &str) {
    let params: Vec<String> = f
        .params
        .iter()
        .map(|p| {
            let se = p.std_error.map(|s| format!(" (SE {s:.4})")).unwrap_or_else(|| " (SE not available)".into());
            format!("{} = {:.4}{}{se}", p.name, p.value, param_unit(f.model, p.name, unit, cur))
        })
        .collect();
    let conv = if f.converged { format!("converged in {} iterations", f.iterations) } else { "did NOT converge: read with care".to_string() };
    let text = format!("{}: {}; log-likelihood {:.2}; {conv}", f.model, params.join(", "), f.loglik);
    wrap(out, "    ", "      ", &text);
}

fn model_text(out: &mut String, name: &str, s: &ModelSection, unit: &str, cur: &str) {
    match (&s.fit, &s.absent_reason) {
        (Some(f), _) => fit_text(out, f, unit, cur),
        (None, Some(why)) if why.en().starts_with(name) => wrap(out, "    ", "      ", &why.en()),
        (None, Some(why)) => wrap(out, "    ", "      ", &format!("{name}: not fitted: {why}")),
        (None, None) => wrap(out, "    ", "      ", &format!("{name}: not fitted")),
    }
}

fn clv_text(out: &mut String, c: &ClvReport, cur: &str) {
    let unit = c.unit.name();
    let cal = c.calibration_end.map(|d| d.to_string()).unwrap_or_else(|| "none".into());
    let _ = writeln!(out, "\nLifetime value (time unit: {unit}; calibration end {cal})");
    let model = c.primary_model.unwrap_or("none (not enough data)");
    let spend = if c.gamma_gamma.fit.is_some() { "; Gamma-Gamma for the spend per order" } else { "; no spend model, so no CLV" };
    row(out, "Model used", model.to_string(), format!("for purchases{spend}"));
    row(out, "Customers", group(c.customers as u64), format!("{} bought again before {cal}", group(c.repeat_customers as u64)));
    let _ = writeln!(out, "  Fitted models (maximum likelihood; SE = standard error):");
    model_text(out, "BG/NBD", &c.bgnbd, unit, cur);
    model_text(out, "Pareto/NBD", &c.pareto_nbd, unit, cur);
    model_text(out, "MBG/NBD", &c.mbgnbd, unit, cur);
    let g = &c.gamma_gamma;
    model_text(out, "Gamma-Gamma", &ModelSection { fit: g.fit.clone(), absent_reason: g.absent_reason.clone() }, unit, cur);
    if let Some(r) = g.frequency_spend_correlation {
        para(out, 6, &format!("frequency-spend correlation {r:.3} (the spend model assumes none; limit {:.2})", g.max_correlation));
    }
    let horizon = format!("{} {unit}s", num(c.horizon));
    for a in &c.aggregates {
        let ci = |f: &dyn Fn(f64) -> String| a.interval.as_ref().map(|i| format!("95% CI {} to {}, ", f(i.lower), f(i.upper))).unwrap_or_default();
        match a.name {
            "expected_repeat_purchases" => {
                let f = |v: f64| format!("{v:.1}");
                row(out, "Expected repeat orders", f(a.value), format!("{}current customers, next {horizon} after {cal}", ci(&f)));
            }
            "new_customer_expected_purchases" => {
                let f = |v: f64| format!("{v:.2}");
                row(out, "New customer's repeats", f(a.value), format!("{}expected purchases in a new customer's first {horizon}", ci(&f)));
            }
            "mean_p_alive" => {
                row(out, "Mean P(alive)", pct(a.value), format!("{}at {cal}, n = {} customers", ci(&pct), group(c.customers as u64)));
            }
            "total_clv" => {
                let f = |v: f64| with_currency(v, cur);
                let d = format!("{}current customers, next {} months, discounted {}% a month", ci(&f), c.clv_months, num(100.0 * c.monthly_discount));
                row(out, "Customer lifetime value", f(a.value), d);
            }
            _ => row(out, &a.name.replace('_', " "), format!("{:.2}", a.value), format!("{}{}", ci(&|v| format!("{v:.2}")), a.description)),
        }
    }
    if c.aggregates.iter().any(|a| a.interval.is_some()) {
        para(out, 4, "(The 95% intervals cover the uncertainty of the fitted parameters only, not the randomness of the purchases.)");
    }
    if c.validation.is_empty() {
        para(out, 2, "Validation: not done (needs a holdout: --calibration-end and --holdout-end, or 8+ weeks of history).");
    }
    for v in &c.validation {
        let err = v.total_relative_error.map(|e| format!(" ({:+.1}%)", 100.0 * e)).unwrap_or_default();
        let text = format!(
            "Validation of {} on a holdout from {} to {} ({} {unit}s, {} customers): predicted {:.0} repeat purchases against {:.0} \
             actual{err}; mean absolute error {:.2} purchases per customer.",
            v.model,
            v.calibration_end,
            v.holdout_end,
            num(v.holdout_length),
            group(v.customers as u64),
            v.predicted_total,
            v.actual_total,
            v.mae_per_customer
        );
        para(out, 2, &text);
        wrap(out, "    Verdict: ", "      ", &v.verdict);
    }
    if let Some(reason) = c.primary_reason {
        para(out, 2, &crate::view::clv::primary_reason_text(crate::view::i18n::Lang::En, reason));
    }
    if let (Some(n), false) = (c.slipping_customers, c.to_contact.is_empty()) {
        let gap = c.usual_gap_days.map_or(String::new(), |d| format!(", no order for more than the usual gap of {d:.0} days"));
        para(out, 2, &format!("Customers worth a message now: {} are slipping away (30-70% chance still active{gap}); the {} who spent the most (the most orders without money):", group(n as u64), c.to_contact.len()));
        for r in &c.to_contact {
            let spent = r.spent.map(|s| format!(", spent {}", money(s))).unwrap_or_default();
            let next = r.p_order_90_days.map(|p| format!(", {:.0}% chance of an order in 90 days", 100.0 * p)).unwrap_or_default();
            para(out, 4, &format!("{}: {} orders, last {}{spent}, {:.0}% chance still active{next}", r.customer_id, r.orders, r.last_order, 100.0 * r.p_alive));
        }
    }
    if let Some(cv) = &c.cohort_value {
        cohort_value_text(out, cv, cur);
    }
    for m in &c.messages {
        let m = m.en();
        if !c.validation.iter().any(|v| v.verdict == m) {
            note(out, "note:", &m);
        }
    }
}

/// The first-year value per customer by first order and by acquisition cohort.
fn cohort_value_text(out: &mut String, cv: &crate::metrics::clv::cohort_value::CohortValue, cur: &str) {
    para(out, 2, &format!(
        "Value per customer in the first 12 months from the first order (spent so far, and for the months not reached yet what {} and the Gamma-Gamma expect, undiscounted): {} per customer over all customers.",
        cv.model,
        with_currency(cv.value_per_customer, cur)
    ));
    for g in &cv.by_first_order {
        let what = match (g.by, &g.value) {
            ("discount_code", Some(v)) => format!("first order with code {v}"),
            ("discount_code", None) => "first order without a code".to_string(),
            (_, Some(v)) => format!("first order of {v}"),
            (_, None) => "first order without a product".to_string(),
        };
        para(out, 4, &format!("{what}: {} customers, {} each ({:.0}% predicted)", group(g.customers), with_currency(g.value_per_customer, cur), 100.0 * g.predicted_share));
    }
    para(out, 2, &format!("By acquisition month, cumulative per customer{} after 1 / 3 / 6 / 12 months (* includes predicted months):", if cur.is_empty() { String::new() } else { format!(" ({cur})") }));
    for c in &cv.cohorts {
        let cells: Vec<String> = [1usize, 3, 6, 12]
            .iter()
            .map(|&m| format!("{}{}", money(c.revenue_per_customer[..m].iter().sum()), if (c.observed_months as usize) < m { "*" } else { "" }))
            .collect();
        para(out, 4, &format!("{} ({} customers): {}", c.cohort, group(c.customers), cells.join(" / ")));
    }
}

// ---------------------------------------------------------------------------------------------
// Complaints

fn complaints_text(out: &mut String, s: &SatisfactionReport, c: &ComplaintsReport) {
    let _ = writeln!(out, "\nComplaints ({} tickets up to {})", group(c.tickets), s.as_of);
    let status = match c.target_status {
        TargetStatus::Below => "below the target of",
        TargetStatus::Above => "ABOVE the target of",
        TargetStatus::Uncertain => "not clearly below the target of",
    };
    measure_row(out, "Complaints per order", &c.rate_per_order, &format!("{status} {}", pct(c.target)));
    measure_row(out, "Customers who complained", &c.rate_per_customer, "");
    measure_row(out, "Complaints resolved", &c.resolution_rate, "");
    if let Some(h) = &c.resolution_hours_median {
        measure_row(out, "Median hours to resolve", h, "over resolved tickets with times");
    }
    measure_row(out, "Median days to resolve", &c.resolution_days_median, "over resolved tickets");
    measure_row(out, "Mean days to resolve", &c.resolution_days_mean, "");
    if c.resolved_before_opened > 0 {
        note(out, "!", &format!("{} tickets are resolved before they were opened (a data error) and left out of the times", c.resolved_before_opened));
    }
    if !c.categories.is_empty() {
        let cats: Vec<String> = c.categories.iter().map(|x| format!("{} {} ({})", x.category, group(x.tickets), pct(x.share))).collect();
        wrap(out, "  What customers complain about: ", "    ", &cats.join(", "));
    }
    let ice = &c.iceberg;
    let text = tf(
        Lang::En,
        "iceberg",
        &[
            &group(ice.complaining_customers),
            &group(ice.silent_unhappy_customers.round().max(0.0) as u64),
            &group(ice.people_reached.round().max(0.0) as u64),
            &num(ice.assumptions.silent_per_complaint),
            &num(ice.assumptions.people_told_per_unhappy),
        ],
    );
    wrap(out, "  Iceberg: ", "    ", &text);
    wrap(out, "    Assumptions: ", "      ", &ice.assumptions.source);
    let _ = writeln!(out, "  Service recovery: who bought again (a comparison of groups, not proof of cause):");
    for g in &c.recovery {
        let label = match g.group {
            "resolved" => "Complaint resolved",
            "unresolved" => "Complaint not resolved",
            "no_ticket" => "No complaint",
            other => other,
        };
        measure_row(out, &format!("  {label}"), &g.repurchase_rate, "");
    }
}

// ---------------------------------------------------------------------------------------------
// Input files

fn kind_name(kind: InputKind) -> &'static str {
    match kind {
        InputKind::Orders => "orders",
        InputKind::Reviews => "reviews",
        InputKind::Surveys => "survey",
        InputKind::Tickets => "tickets",
        InputKind::Summary => "customer summary",
    }
}

fn account_text(out: &mut String, a: &InputAccount) {
    let sheet = a.sheet.as_ref().map(|s| format!(", sheet {s}")).unwrap_or_default();
    let how = if a.format == "csv" { format!("{}-separated", a.delimiter) } else { a.format.to_string() };
    let head = format!("  {} ({}, {}, {how}{sheet}): ", a.file, kind_name(a.kind), a.encoding);
    let sum = format!(
        "{} rows read = {} used + {} merged + {} rejected",
        group(a.rows_read as u64),
        group(a.rows_used as u64),
        group(a.rows_merged as u64),
        group(a.rows_rejected as u64)
    );
    if head.chars().count() + sum.chars().count() <= WIDTH + 2 {
        let _ = writeln!(out, "{head}{sum}");
    } else {
        let _ = writeln!(out, "{}", head.trim_end());
        let _ = writeln!(out, "    {sum}");
    }
    for c in a.columns.iter().filter(|c| crate::view::fix::guessed(c)) {
        let guess = crate::view::fix::guess_text(crate::view::Lang::En, c);
        note(out, "!", &format!("{} read from '{}': {guess} (or set its column with --read-options and a mapping)", c.field, c.column));
    }
    if a.rows_merged > 0 {
        let _ = writeln!(
            out,
            "    merged: {} further line items of an order, {} exact duplicate rows",
            group(a.merged_line_items as u64),
            group(a.merged_duplicates as u64)
        );
    }
    if a.cancelled > 0 || a.refunded > 0 {
        let _ = writeln!(
            out,
            "    of the used rows: {} cancelled and {} refunded orders (kept apart from revenue)",
            group(a.cancelled as u64),
            group(a.refunded as u64)
        );
    }
    if a.partly_refunded > 0 {
        let _ = writeln!(
            out,
            "    {} partly refunded orders counted at their total less the refund ({} taken off)",
            group(a.partly_refunded as u64),
            crate::report::money(a.refunds_taken_off)
        );
    }
    if a.cells_ignored > 0 {
        let _ = writeln!(out, "    {} cells of optional columns could not be read and were left empty", group(a.cells_ignored as u64));
    }
    for p in &a.passed_over {
        note(out, "-", &crate::view::render::passed_over_text(crate::view::Lang::En, p));
    }
    // (A column guessed from its values is said above, with the reader's confidence.)
    for w in a.warnings.iter().filter(|w| !matches!(w, crate::messages::Note::ColumnFromValues { .. })) {
        note(out, "!", &w.en());
    }
    for n in &a.notes {
        note(out, "note:", &n.en());
    }
    let mut listed = 0;
    for r in &a.reasons {
        let _ = writeln!(out, "    rejected, {}: {} row{}", r.code.replace('_', " "), group(r.rows as u64), if r.rows == 1 { "" } else { "s" });
        for issue in r.examples.iter().take(3) {
            wrap(out, "      ", "        ", &format!("row {}, column {}: {}", issue.row, issue.column, issue.message));
            listed += 1;
        }
    }
    if a.reasons.is_empty() {
        // Older accounts without per-reason totals: list the issues themselves.
        for issue in a.issues.iter().take(10) {
            wrap(out, "    ", "      ", &format!("row {}, column {}: {}", issue.row, issue.column, issue.message));
            listed += 1;
        }
    }
    if listed < a.rows_rejected {
        let _ = writeln!(out, "    ... and {} more rejected rows (all listed in --format json)", group((a.rows_rejected - listed) as u64));
    }
}

fn inputs_text(out: &mut String, card: &Scorecard) {
    let _ = writeln!(out, "\nInput files");
    for a in &card.inputs {
        account_text(out, a);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_lines_short() {
        let mut out = String::new();
        let long = "word ".repeat(60);
        wrap(&mut out, "  ", "    ", &long);
        assert!(out.lines().count() > 1);
        assert!(out.lines().all(|l| l.chars().count() <= WIDTH), "{out}");
    }

    #[test]
    fn not_enough_data_in_words() {
        let mut out = String::new();
        measure_row(&mut out, "Average rating", &Measure::not_enough(SatUnit::Stars, 0, Counted::Reviews, "no ratings"), "");
        assert!(out.contains("not enough data: no ratings"), "{out}");
        assert_eq!(num(39.0), "39");
        assert_eq!(num(0.5), "0.5");
    }
}
