//! The command-line twin prints the same scorecard as the page (JSON and text).
#![cfg(feature = "cli")]

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_loyalty-scorecard");
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/slice_small.csv");

#[test]
fn json_output_has_the_hand_checked_figures() {
    let out = Command::new(BIN).args(["analyze", "--orders", FIXTURE, "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let card: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Expected values: tests/fixtures/slice_small.json (hand calculation).
    assert_eq!(card["orders"]["orders"]["value"], 8.0);
    assert_eq!(card["orders"]["revenue"]["value"], 1297.25);
    assert_eq!(card["orders"]["orders_without_customer"], 1);
    assert_eq!(card["orders"]["repeat_purchase_rate"]["value"], 0.5);
    assert_eq!(card["inputs"][0]["rows_rejected"], 3);
    assert_eq!(card["inputs"][0]["orders_without_customer"], 1);
    assert_eq!(card["schema_version"], 1);
}

#[test]
fn text_output_reads_like_a_report() {
    let out = Command::new(BIN).args(["analyze", "--orders", FIXTURE]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // Compared with the spacing and line breaks flattened (the file's path is in the account
    // line, which wraps at 100 columns wherever the checkout is).
    let flat = flat(&text);
    for needle in [
        "Repeat-purchase rate 50.0% 95% CI 15.0%–85.0% · 2 of 4 customers bought 2+ times",
        "Rows read 11 = 8 used + 3 rejected",
        "Orders 8 incl. 1 without a customer key (not in the customer figures)",
        "8 order_date '2024-13-01' is not a date",
    ] {
        assert!(flat.contains(needle), "missing {needle}:\n{text}");
    }
}

#[test]
fn errors_name_the_file_and_exit_non_zero() {
    let out = Command::new(BIN).args(["analyze", "--orders", "/nonexistent/orders.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/orders.csv"));
    let out = Command::new(BIN).args(["analyze", "--orders", FIXTURE, "--as-of", "2024-99-01"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("'2024-99-01' is not a date"));
}

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/sample");
const CDNOW: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cdnow/cdnow_sample_orders.csv");

fn sample_args() -> Vec<String> {
    ["orders", "reviews", "tickets", "surveys"]
        .iter()
        .flat_map(|k| {
            let file = if *k == "surveys" { "survey".to_string() } else { k.to_string() };
            [format!("--{k}"), format!("{SAMPLE}/{file}.csv")]
        })
        .collect()
}

fn run(args: &[String]) -> std::process::Output {
    let out = Command::new(BIN).arg("analyze").args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

/// `text` with every run of spaces and line breaks made one space.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("loyalty-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn text_output_has_every_section_on_the_sample_shop() {
    let text = String::from_utf8(run(&sample_args()).stdout).unwrap();
    // Section titles are underlined.
    let lines: Vec<&str> = text.lines().collect();
    let titles: Vec<&str> = lines.windows(2).filter(|w| !w[0].is_empty() && w[1].starts_with("===")).map(|w| w[0]).collect();
    let want = ["At a glance", "Satisfaction:", "Survey:", "From satisfaction to trust", "Loyalty:", "Lifetime value:", "Complaints and service recovery", "Expectation calculator", "Input files"];
    let mut last = 0;
    for w in want {
        let at = titles.iter().position(|t| t.starts_with(w)).unwrap_or_else(|| panic!("no section {w}: {titles:?}"));
        assert!(at >= last, "section {w} out of order: {titles:?}");
        last = at;
    }
    for needle in [
        "Average rating",
        "CES",
        "Delivered on the promised day",
        "each day late",
        "this period against the last",
        "within noise",
        "lowest-rated reviews",
        "Words of low ratings",
        "Satisfaction index",
        "drivers of loyalty",
        "RFM segments",
        "Parameters (± standard error): r 0.",
        "Log-likelihood",
        "weeks",
        "Verdict",
        "Complaints per order",
        "The complaint iceberg",
        "Complaints resolved",
        "Rows read 3,048 = 3,048 used + 0 rejected",
    ] {
        assert!(flat(&text).contains(&flat(needle)), "missing {needle}:\n{text}");
    }
    assert!(!text.split(|c: char| !c.is_alphanumeric()).any(|w| w == "NaN" || w == "inf"), "{text}");
    for line in text.lines() {
        assert!(line.chars().count() <= 110, "line too long: {line}");
    }
}

/// Reads a CSV written by --customers-out: header and rows.
fn read_csv(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap().split(',').map(str::to_string).collect();
    (header, lines.map(|l| l.split(',').map(str::to_string).collect()).collect())
}

const HEADER: &str = "customer_id,frequency,recency_weeks,T_weeks,monetary_value,p_alive,expected_purchases_39_weeks,\
                      expected_spend,clv_12_months,clv_dert,rfm_segment,value_tier,trust_layer,p_order_90_days,\
                      next_order_date,expected_orders_30_days,expected_orders_90_days,expected_orders_365_days,churn_risk";

#[test]
fn customers_out_writes_one_row_per_customer() {
    let dir = temp_dir("customers");
    let path = dir.join("customers.csv");
    let mut args = sample_args();
    args.extend(["--customers-out".to_string(), path.display().to_string(), "--format".into(), "json".into()]);
    run(&args);
    let (header, rows) = read_csv(&path);
    assert_eq!(header.join(","), HEADER);
    assert_eq!(rows.len(), 1500);
    let ids: std::collections::HashSet<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids.len(), 1500);
    for r in &rows {
        assert_eq!(r.len(), header.len());
        let p: f64 = r[5].parse().unwrap();
        assert!((0.0..=1.0).contains(&p), "{r:?}");
        assert!(!r[9].is_empty() && !r[10].is_empty(), "{r:?}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn customers_out_agrees_with_the_customer_table() {
    use loyalty_scorecard::input::{read_input, InputFile, ReadOptions, Records};
    use loyalty_scorecard::metrics::loyalty::{concentration::TierThresholds, customer_table};
    let dir = temp_dir("slice");
    let path = dir.join("customers.csv");
    run(&["--orders".into(), FIXTURE.into(), "--customers-out".into(), path.display().to_string()]);
    let (header, rows) = read_csv(&path);
    assert_eq!(header.join(","), HEADER);

    let bytes = std::fs::read(FIXTURE).unwrap();
    let parsed = read_input(&InputFile::orders("slice_small.csv", &bytes), &ReadOptions::default(), &mut |_| {}).unwrap();
    let Records::Orders(orders) = parsed.records else { panic!("orders") };
    let as_of = orders.iter().map(|o| o.date).max().unwrap();
    let table = customer_table(&orders, as_of, &TierThresholds::default());
    assert_eq!(rows.len(), table.len());
    for t in &table {
        let r = rows.iter().find(|r| r[0] == t.customer_id).unwrap_or_else(|| panic!("no row for {}", t.customer_id));
        assert_eq!(r[10], t.segment.key(), "{r:?}");
        assert_eq!(r[11], t.value_tier.key(), "{r:?}");
    }
    // alice: purchase days 2024-01-03, 2024-02-10, 2024-03-07 -> frequency 2, recency 64 days.
    let alice = rows.iter().find(|r| r[0] == "alice").unwrap();
    assert_eq!(alice[1], "2");
    assert!((alice[2].parse::<f64>().unwrap() - 64.0 / 7.0).abs() < 1e-12, "{alice:?}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn cdnow_calibration_and_holdout_reproduce_fader_hardie_lee() {
    let args: Vec<String> = ["--orders", CDNOW, "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--period", "week", "--format", "json"].iter().map(|s| s.to_string()).collect();
    let card: serde_json::Value = serde_json::from_slice(&run(&args).stdout).unwrap();
    let clv = &card["clv"];
    assert_eq!(clv["unit"], "week");
    assert_eq!(clv["calibration_end"], "1997-09-30");
    let params = clv["bgnbd"]["fit"]["params"].as_array().unwrap();
    // Fader, Hardie & Lee (2005) / lifetimes 0.11.3 on the CDNOW 1/10 sample.
    for (name, want) in [("r", 0.2426), ("alpha", 4.4136), ("a", 0.7929), ("b", 2.4259)] {
        let got = params.iter().find(|p| p["name"] == name).unwrap()["value"].as_f64().unwrap();
        assert!(((got - want) / want).abs() < 1e-4, "{name}: {got} vs {want}");
    }
    let v = &clv["validation"][0];
    assert_eq!(v["model"], "BG/NBD");
    assert!(!v["verdict"].as_str().unwrap().is_empty());
    assert_eq!(v["holdout_end"], "1998-06-30");
}

#[test]
fn read_options_map_odd_headers() {
    let dir = temp_dir("mapping");
    let file = dir.join("shop export.csv");
    std::fs::write(&file, "Käufer;Datum;Summe\nA;2024-01-05;10,50\nA;2024-02-01;30,00\nB;2024-01-09;20,00\n").unwrap();
    let mapping = r#"shop export.csv={"delimiter":"semicolon","mapping":{"customer_id":"Käufer","order_date":"Datum","total":"Summe"}}"#;
    let out = run(&["--orders".into(), file.display().to_string(), "--read-options".into(), mapping.into(), "--format".into(), "json".into()]);
    let card: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(card["orders"]["orders"]["value"], 3.0);
    assert_eq!(card["orders"]["customers"]["value"], 2.0);
    assert_eq!(card["orders"]["repeat_purchase_rate"]["value"], 0.5);

    // A name that matches no input file, and bad JSON, are errors.
    let out = Command::new(BIN).args(["analyze", "--orders", FIXTURE, "--read-options", "nope.csv={}"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.csv"));
    let out = Command::new(BIN).args(["analyze", "--orders", FIXTURE, "--read-options", "slice_small.csv={\"encodin\":1}"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn options_file_is_merged_under_the_flags() {
    let dir = temp_dir("options");
    let file = dir.join("options.json");
    std::fs::write(&file, r#"{"asOf": "2024-02-15", "clv": {"horizon": 10, "unit": "day"}}"#).unwrap();
    let args = |extra: &[&str]| {
        let mut a: Vec<String> = ["--orders", FIXTURE, "--options", file.to_str().unwrap(), "--format", "json"].iter().map(|s| s.to_string()).collect();
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let card: serde_json::Value = serde_json::from_slice(&run(&args(&[])).stdout).unwrap();
    assert_eq!(card["as_of"], "2024-02-15");
    assert_eq!(card["clv"]["unit"], "day");
    assert_eq!(card["clv"]["horizon"], 10.0);
    let card: serde_json::Value = serde_json::from_slice(&run(&args(&["--as-of", "2024-03-31", "--horizon", "4", "--period", "month"])).stdout).unwrap();
    assert_eq!(card["as_of"], "2024-03-31");
    assert_eq!(card["clv"]["unit"], "month");
    assert_eq!(card["clv"]["horizon"], 4.0);

    let out = Command::new(BIN).args(["analyze", "--orders", FIXTURE, "--options", "/nonexistent/options.json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/options.json"));
    let out = Command::new(BIN).args(["analyze", "--orders", FIXTURE, "--period", "year"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn customers_out_has_the_trust_layer_of_the_scorecard() {
    let dir = temp_dir("trust");
    let path = dir.join("customers.csv");
    let mut args = sample_args();
    args.extend(["--customers-out".to_string(), path.display().to_string(), "--format".into(), "json".into()]);
    let card: serde_json::Value = serde_json::from_slice(&run(&args).stdout).unwrap();
    let (header, rows) = read_csv(&path);
    let col = header.iter().position(|h| h == "trust_layer").expect("trust_layer column");
    assert_eq!(col, 12, "trust_layer follows the segment and the value tier");
    // Every customer's layer in the export adds up to the scorecard's counts per layer.
    for layer in card["trust"]["layers"].as_array().unwrap() {
        let key = layer["layer"].as_str().unwrap();
        let n = rows.iter().filter(|r| r[col] == key).count() as u64;
        assert_eq!(n, layer["customers"].as_u64().unwrap(), "{key}");
    }
    assert!(rows.iter().all(|r| !r[col].is_empty()));
    let _ = std::fs::remove_dir_all(dir);
}

/// --summary-out writes the customer summary of the orders; --summary (or --orders) reads it
/// back, and the lifetime-value fit is the same.
#[test]
fn summary_out_and_summary_in_give_the_same_fit() {
    let orders = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cdnow/cdnow_sample_orders.csv");
    let dir = std::env::temp_dir().join(format!("lsc-cli-summary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let summary = dir.join("summary.csv");
    let run = |args: &[&str]| {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let s = summary.to_str().unwrap();
    let raw: serde_json::Value = serde_json::from_slice(&run(&["analyze", "--orders", orders, "--as-of", "1997-09-30", "--summary-out", s, "--format", "json"])).unwrap();
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("customer_id,first_purchase,last_purchase,frequency,recency,T,monetary_value,repeat_spend,orders,revenue,calibration_end,time_unit\n"));
    assert_eq!(text.lines().count(), 2358);
    for flag in ["--summary", "--orders"] {
        let card: serde_json::Value = serde_json::from_slice(&run(&["analyze", flag, s, "--format", "json"])).unwrap();
        assert_eq!(card["inputs"][0]["kind"], "summary");
        assert_eq!(card["clv"]["bgnbd"]["fit"]["params"], raw["clv"]["bgnbd"]["fit"]["params"]);
        assert_eq!(card["clv"]["gamma_gamma"]["fit"]["params"], raw["clv"]["gamma_gamma"]["fit"]["params"]);
        assert_eq!(card["orders"]["repeat_purchase_rate"]["value"], raw["orders"]["repeat_purchase_rate"]["value"]);
        assert!(card["loyalty"].is_null());
    }
    let report = String::from_utf8(run(&["analyze", "--summary", s])).unwrap();
    assert!(report.contains("From a customer summary") && report.contains("per-customer customer summary at the calibration end 1997-09-30"), "{report}");
    assert!(report.contains("cohort retention"), "{report}");
    let rows = dir.join("rows.csv");
    run(&["analyze", "--summary", s, "--customers-out", rows.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&rows).unwrap().lines().count(), 2358);
}

/// Data meant to attack the terminal or a spreadsheet: the text report carries no control
/// character (they are shown as \u{..} escapes), and the customer ids of the summary export and
/// of the customers export (from orders or from a summary) cannot run as formulas.
#[test]
fn text_and_exports_are_safe_from_hostile_ids() {
    let dir = std::env::temp_dir().join(format!("lsc-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let orders = dir.join("orders.csv");
    std::fs::write(
        &orders,
        "customer_id,order_date,total,product\n\"=HYPERLINK(\"\"http://x\"\")\",2024-01-05,10,\"\u{1b}[2Jwiped\"\nA,2024-02-01,20,\"\u{1b}[2Jwiped\"\nA,2024-03-01,30,tea\u{202e}txt.exe\nB,\u{1b}[2Jnot a date,5,x\n",
    )
    .unwrap();
    let summary = dir.join("summary.csv");
    let out = Command::new(BIN).args(["analyze", "--orders"]).arg(&orders).arg("--summary-out").arg(&summary).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    // The rejected row is listed with its cell, escaped.
    assert!(text.contains("\\u{1b}[2Jnot a date"), "{text}");
    assert!(!text.contains(|c: char| (c.is_control() && c != '\n' && c != '\t') || c == '\u{202e}'), "{text}");
    let csv = std::fs::read_to_string(&summary).unwrap();
    assert!(csv.lines().any(|l| l.starts_with("\"'=HYPERLINK(")), "{csv}");
    assert!(!csv.lines().any(|l| l.starts_with("\"=") || l.starts_with('=')), "{csv}");
    // The customers export, from orders and from their summary, the same: 40 customers (enough
    // for the purchase model that makes the summary's rows), one of them hostile.
    let many = dir.join("many.csv");
    let mut rows = String::from("customer_id,order_date,total\n");
    for c in 0..40 {
        let id = if c == 7 { "\"=HYPERLINK(\"\"http://x\"\")\"".to_string() } else { format!("C{c}") };
        for k in 0..1 + c % 4 {
            rows.push_str(&format!("{id},2024-{:02}-{:02},{}\n", 1 + (c * 3 + k * 2) % 12, 1 + (c + k * 5) % 28, 10 + c + k));
        }
    }
    std::fs::write(&many, rows).unwrap();
    let out = Command::new(BIN).args(["analyze", "--orders"]).arg(&many).arg("--summary-out").arg(&summary).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for input in [["--orders", many.to_str().unwrap()], ["--summary", summary.to_str().unwrap()]] {
        let customers = dir.join("customers.csv");
        let out = Command::new(BIN).arg("analyze").args(input).arg("--customers-out").arg(&customers).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let csv = std::fs::read_to_string(&customers).unwrap();
        assert!(csv.lines().any(|l| l.starts_with("\"'=HYPERLINK(")), "{input:?}: {csv}");
        assert!(!csv.lines().any(|l| l.starts_with("\"=") || l.starts_with('=')), "{input:?}: {csv}");
    }
    // An error quoting a hostile cell is printed without its control characters too.
    std::fs::write(&orders, "customer_id,order_date,total\nA,\u{1b}[31mred,10\n").unwrap();
    let out = Command::new(BIN).args(["analyze", "--orders"]).arg(&orders).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\u{1b}'));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A file above its size bound is refused before it is loaded: a sparse file of 64 GB (no disk
/// used) with the default bound of 1024 MB fails at once, naming the file and the option; loading
/// it first would take 64 GB of memory.
#[test]
fn a_file_too_large_is_refused_before_it_is_loaded() {
    let dir = temp_dir("too-large");
    let big = dir.join("orders.csv");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(64 << 30).unwrap();
    drop(f);
    let out = Command::new(BIN).args(["analyze", "--orders"]).arg(&big).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("orders.csv") && err.contains("max_file_mb"), "{err}");
    // A smaller bound through --read-options, on the sample shop's orders (about 0.15 MB).
    let orders = concat!(env!("CARGO_MANIFEST_DIR"), "/www/sample/orders.csv");
    let out = Command::new(BIN).args(["analyze", "--orders", orders, "--read-options", "orders.csv={\"max_file_mb\":0.01}"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("max_file_mb"), "{}", String::from_utf8_lossy(&out.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Columns the reader only guessed (no header named them) are listed under the file with the
/// reader's confidence and how to set them, once each.
#[test]
fn guessed_columns_are_said_with_their_confidence() {
    let out = run(&["--orders".into(), "tests/fixtures/input/orders_guessed_columns.csv".into()]);
    let text = String::from_utf8(out.stdout).unwrap();
    for (field, column) in [("Customer (id or e-mail)", "who"), ("Order date", "when"), ("Order total", "paid")] {
        let line = format!("{field} ← {column} — guessed from its values (50% sure): check it");
        // (The columns line wraps at 100 columns: compare with the line breaks taken out.)
        assert_eq!(text.replace('\n', " ").matches(&line).count(), 1, "{line}\n{text}");
    }
}

/// `--lang` prints the page's scorecard as text in that language: the findings first, the
/// sections with their figures and tables, lines within 100 columns (Chinese characters
/// counting two).
#[test]
fn text_in_the_readers_language() {
    let s = "www/sample";
    let args = |lang: &str| {
        let out = Command::new(BIN)
            .args([
                "analyze",
                "--orders",
                &format!("{s}/orders.csv"),
                "--reviews",
                &format!("{s}/reviews.csv"),
                "--tickets",
                &format!("{s}/tickets.csv"),
                "--surveys",
                &format!("{s}/survey.csv"),
                "--lang",
                lang,
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    for (lang, glance, loyalty) in [("zh-CN", "要点一览", "顾客忠诚"), ("zh-TW", "要點一覽", "顧客忠誠"), ("en", "At a glance", "Loyalty")] {
        let text = args(lang);
        let at = |w: &str| text.find(w).unwrap_or_else(|| panic!("{lang}: no '{w}' in:\n{text}"));
        assert!(at(glance) < at(loyalty), "{lang}: the findings come first");
        assert!(text.lines().all(|l| loyalty_scorecard::view::plain::width(l) <= 100), "{lang}: a line over 100 columns");
        // Tables keep their rows: the rating distribution's five star rows.
        assert!(["1★", "2★", "3★", "4★", "5★"].iter().all(|r| text.lines().any(|l| l.trim_start().starts_with(r))), "{lang}");
        // No chart markup, no page controls.
        assert!(!text.contains("<svg") && !text.contains("</") && !text.contains("PNG"), "{lang}");
    }
}

/// The owner's columns: the chance of an order in 90 days, the date by which the next order is
/// more likely than not (within two years, or empty), expected orders in 30 / 90 / 365 days
/// (growing with the time), and the churn-risk band.
#[test]
fn customers_out_answers_the_owners_questions() {
    let dir = temp_dir("owner");
    let path = dir.join("customers.csv");
    let mut args = sample_args();
    args.extend(["--customers-out".to_string(), path.display().to_string(), "--format".into(), "json".into()]);
    let card: serde_json::Value = serde_json::from_slice(&run(&args).stdout).unwrap();
    let cal = chrono::NaiveDate::parse_from_str(card["clv"]["calibration_end"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    let (header, rows) = read_csv(&path);
    let at = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name}"));
    let (p90, next, e30, e90, e365, risk) =
        (at("p_order_90_days"), at("next_order_date"), at("expected_orders_30_days"), at("expected_orders_90_days"), at("expected_orders_365_days"), at("churn_risk"));
    let mut dated = 0;
    for r in &rows {
        let num = |c: usize| r[c].parse::<f64>().unwrap_or_else(|_| panic!("{} = '{}'", header[c], r[c]));
        let p = num(p90);
        assert!((0.0..=1.0).contains(&p), "{r:?}");
        assert!(num(e30) <= num(e90) && num(e90) <= num(e365), "{r:?}");
        assert!(["low", "medium", "high"].contains(&r[risk].as_str()), "{r:?}");
        if !r[next].is_empty() {
            let d = chrono::NaiveDate::parse_from_str(&r[next], "%Y-%m-%d").unwrap();
            assert!(d > cal && (d - cal).num_days() <= 730, "{r:?}");
            // More likely than not by then, so at least as likely as by 90 days when later.
            dated += 1;
        }
    }
    assert!(dated > 0 && dated < rows.len(), "{dated} of {} with a date", rows.len());
}
