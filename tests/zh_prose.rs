//! No English prose in the Chinese scorecard: every text node and every accessible label of the
//! sample shop's page in zh-CN and zh-TW, with figures, units, model and file names and the
//! data's own values set aside.

use loyalty_scorecard::view::{render, Lang, Node};
use loyalty_scorecard::{analyze, AnalysisOptions, InputFile, InputKind};

fn texts(n: &Node, out: &mut Vec<String>) {
    if let Some(t) = &n.text {
        out.push(t.clone());
    }
    for (k, v) in &n.attrs {
        if matches!(k.as_str(), "aria-label" | "title" | "alt" | "placeholder") {
            out.push(v.clone());
        }
    }
    for c in &n.children {
        texts(c, out);
    }
}

/// Latin words of four letters or more that are not names, units or data.
fn english(text: &str, allowed: &[&str]) -> Vec<String> {
    // Command-line options (--customers-out) are names.
    let text: String = text.split(' ').filter(|w| !w.trim_start_matches(['(', '（']).starts_with("--")).collect::<Vec<_>>().join(" ");
    text.split(|c: char| !(c.is_ascii_alphabetic() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| w.len() >= 4 && !allowed.iter().any(|a| a.eq_ignore_ascii_case(w)))
        .map(str::to_string)
        .collect()
}

/// Model, method and author names (and the README) that stay as they are in Chinese text.
const MODEL_AND_AUTHOR_NAMES: [&str; 20] =
    ["Pareto", "Gamma", "Kano", "Lorenz", "Gini", "Wilson", "NBD", "MBG", "DERT", "alpha", "beta", "alive", "lifetimes", "README", "Reichheld", "Sasser", "Bain", "Company", "Fader", "Hardie"];

#[test]
fn the_chinese_scorecard_has_no_english_prose() {
    let kinds = [("orders.csv", InputKind::Orders), ("reviews.csv", InputKind::Reviews), ("tickets.csv", InputKind::Tickets), ("survey.csv", InputKind::Surveys)];
    let bytes: Vec<(String, InputKind, Vec<u8>)> = kinds.iter().map(|(n, k)| (n.to_string(), *k, std::fs::read(format!("www/sample/{n}")).unwrap())).collect();
    let files: Vec<InputFile> = bytes.iter().map(|(name, kind, b)| InputFile::new(name, *kind, b)).collect();
    let card = analyze(&files, &AnalysisOptions::default()).unwrap();
    // Names and units kept as they are in Chinese text, and the sample's own values (its
    // column headers, products, review words, survey items).
    let mut allowed: Vec<String> = [
        "Pareto",
        "Gamma",
        "Kano",
        "Lorenz",
        "Gini",
        "Wilson",
        "Student",
        "Reichheld",
        "Sasser",
        "Bain",
        "Company",
        "Oliver",
        "Zeithaml",
        "Parasuraman",
        "Berry",
        "Fader",
        "Hardie",
        "Schmittlein",
        "Colombo",
        "Jiang",
        "Batislam",
        "Kamakura",
        "Martilla",
        "James",
        "Fornell",
        "CSAT",
        "NBD",
        "MBG",
        "DERT",
        "SERVQUAL",
        "ACSI",
        "EUR",
        "JSON",
        "orders",
        "reviews",
        "tickets",
        "survey",
        "sample",
        // Parameter and quantity symbols, the library whose conventions are followed, a file.
        "alpha",
        "beta",
        "alive",
        "lifetimes",
        "README",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for a in &card.inputs {
        allowed.extend(a.headers.iter().flat_map(|h| h.split(|c: char| !c.is_ascii_alphabetic()).map(str::to_string)));
    }
    let data_words = |s: &str| s.split(|c: char| !c.is_ascii_alphabetic()).map(str::to_string).collect::<Vec<_>>();
    if let Some(t) = card.satisfaction.as_ref().and_then(|s| s.review_text.as_ref()) {
        for r in &t.lowest_rated {
            allowed.extend(data_words(&serde_json::to_string(r).unwrap()));
        }
        for term in t.low_terms.iter().chain(&t.high_terms) {
            allowed.extend(data_words(&serde_json::to_string(term).unwrap()));
        }
    }
    if let Some(c) = card.satisfaction.as_ref().and_then(|s| s.complaints.as_ref()) {
        allowed.extend(data_words(&serde_json::to_string(&c.categories).unwrap()));
    }
    // The first orders' discount codes and products.
    if let Some(cv) = card.clv.as_ref().and_then(|c| c.cohort_value.as_ref()) {
        allowed.extend(cv.by_first_order.iter().filter_map(|g| g.value.as_deref()).flat_map(data_words));
    }
    if let Some(s) = &card.survey {
        // The survey's items and kinds (its notes are prose, not data).
        let mut v = serde_json::to_value(s).unwrap();
        if let Some(o) = v.as_object_mut() {
            o.remove("messages");
        }
        allowed.extend(data_words(&v.to_string()).into_iter().filter(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '_')));
    }
    let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
    for lang in [Lang::ZhCn, Lang::ZhTw] {
        let tree = render::scorecard(lang, &card, &render::Source::Sample("orders.csv, reviews.csv, tickets.csv, survey.csv".into()));
        let mut all = Vec::new();
        texts(&tree, &mut all);
        let bad: Vec<(String, Vec<String>)> = all.iter().map(|t| (t.clone(), english(t, &allowed))).filter(|(_, w)| !w.is_empty()).collect();
        assert!(bad.is_empty(), "{lang:?}: {} texts with English:\n{}", bad.len(), bad.iter().map(|(t, w)| format!("  {w:?} in: {t}")).collect::<Vec<_>>().join("\n"));
    }
}

/// The input files' warnings (placeholders, rounded ids, ambiguous or conflicting dates, cells
/// left empty, converted scales, two columns of one name, columns guessed from their values) in
/// Chinese: no English prose besides the files' own headers and values.
#[test]
fn the_input_warnings_are_chinese_too() {
    use loyalty_scorecard::input::{read_input, ReadOptions};
    let cases = [
        ("bad_dates_conflict.csv", InputKind::Orders),
        ("bad_orders_rounded_ids.csv", InputKind::Orders),
        ("bad_orders_two_total_columns.csv", InputKind::Orders),
        ("bad_reviews_range.csv", InputKind::Reviews),
        ("bad_tickets_placeholder_dates.csv", InputKind::Tickets),
        ("dates_ambiguous.csv", InputKind::Orders),
        ("orders_guessed_columns.csv", InputKind::Orders),
        ("orders_guest_placeholders.csv", InputKind::Orders),
        ("reviews_10_scale.csv", InputKind::Reviews),
    ];
    let mut seen = 0;
    for (name, kind) in cases {
        let bytes = std::fs::read(format!("tests/fixtures/input/{name}")).unwrap();
        let parsed = read_input(&InputFile::new(name, kind, &bytes), &ReadOptions::default(), &mut |_| {}).unwrap();
        let a = parsed.account;
        assert!(!a.warnings.is_empty(), "{name}: no warning to check");
        // The file's own words (headers and cells) and the options named in the advice.
        let text = String::from_utf8_lossy(&bytes).to_string();
        let mut allowed: Vec<&str> = text.split(|c: char| !c.is_ascii_alphabetic()).collect();
        allowed.extend(["guest", "total", "rating", "resolved", "opened"]);
        allowed.extend(name.split(|c: char| !c.is_ascii_alphabetic()));
        for lang in [Lang::ZhCn, Lang::ZhTw] {
            for w in &a.warnings {
                // Option names (date_order, month_first) are names.
                let zh = w.text(lang);
                let zh = zh.split(' ').filter(|t| !t.contains('_')).collect::<Vec<_>>().join(" ");
                assert!(english(&zh, &allowed).is_empty(), "{name} {lang:?}: {:?} in: {zh}", english(&zh, &allowed));
                assert_ne!(zh, w.en());
                seen += 1;
            }
        }
    }
    assert!(seen >= 18, "{seen}");
}

/// Small real-shaped shops (line items without ratings; a file without money) raise the
/// loyalty and trust sections' notes (few customers to rank, no time between purchases, no
/// attitude data, no totals …): their Chinese pages have no English prose either.
#[test]
fn small_shops_pages_are_chinese_too() {
    // The orders, and a survey of a few answers with importance, performance, expectation and
    // Kano questions (its parts' notes: items left out, features without a question …).
    let survey = std::fs::read("tests/fixtures/input/survey_kinds.csv").unwrap();
    for name in ["platform_online_retail_lines.csv", "platform_woocommerce_no_money.csv"] {
        let bytes = std::fs::read(format!("tests/fixtures/input/{name}")).unwrap();
        let files = [InputFile::new(name, InputKind::Orders, &bytes), InputFile::new("survey_kinds.csv", InputKind::Surveys, &survey)];
        let card = analyze(&files, &AnalysisOptions::default()).unwrap();
        let text = String::from_utf8_lossy(&bytes).to_string() + &String::from_utf8_lossy(&survey);
        let mut allowed: Vec<&str> = text.split(|c: char| !c.is_ascii_alphabetic()).collect();
        allowed.extend(name.split(|c: char| !c.is_ascii_alphabetic()));
        allowed.extend(["survey", "kinds"]);
        allowed.extend(MODEL_AND_AUTHOR_NAMES);
        for lang in [Lang::ZhCn, Lang::ZhTw] {
            let tree = render::scorecard(lang, &card, &render::Source::Files(name.into()));
            let mut all = Vec::new();
            texts(&tree, &mut all);
            let bad: Vec<(String, Vec<String>)> = all.iter().map(|t| (t.clone(), english(t, &allowed))).filter(|(_, w)| !w.is_empty()).collect();
            assert!(bad.is_empty(), "{name} {lang:?}: {} texts with English:\n{}", bad.len(), bad.iter().map(|(t, w)| format!("  {w:?} in: {t}")).collect::<Vec<_>>().join("\n"));
        }
    }
}

/// The order exports of platforms (tests/fixtures/exports/orders: line items, sub-orders,
/// phone keys, other languages' headers and statuses): their Chinese pages have no English
/// prose besides the files' own words.
#[test]
fn platform_exports_pages_are_chinese_too() {
    let dir = "tests/fixtures/exports/orders";
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| !n.ends_with(".json")).collect();
    names.sort();
    let mut failures = Vec::new();
    for name in names {
        let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
        let files = [InputFile::new(&name, InputKind::Orders, &bytes)];
        // A report without buyers is refused (tests/exports.rs).
        let Ok(card) = analyze(&files, &AnalysisOptions::default()) else { continue };
        let text = String::from_utf8_lossy(&bytes).to_string();
        let mut allowed: Vec<&str> = text.split(|c: char| !c.is_ascii_alphabetic()).collect();
        // Words with an apostrophe (Nombre d'articles) are the file's too.
        allowed.extend(text.split(|c: char| !(c.is_ascii_alphabetic() || c == '\'')));
        allowed.extend(name.split(|c: char| !c.is_ascii_alphabetic()));
        // Encoding and option names.
        allowed.extend(["Shift", "windows", "exchange", "rates", "date", "order", "month", "first"]);
        allowed.extend(MODEL_AND_AUTHOR_NAMES);
        for lang in [Lang::ZhCn, Lang::ZhTw] {
            let tree = render::scorecard(lang, &card, &render::Source::Files(name.clone()));
            let mut all = Vec::new();
            texts(&tree, &mut all);
            for t in &all {
                let w = english(t, &allowed);
                if !w.is_empty() {
                    failures.push(format!("{name} {lang:?}: {w:?} in: {t}"));
                }
            }
        }
    }
    failures.dedup();
    assert!(failures.is_empty(), "{} texts with English:\n{}", failures.len(), failures.join("\n"));
}
