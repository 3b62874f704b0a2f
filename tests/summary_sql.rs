//! The customer summary computed where the orders are (the SQL in `sql/`, on DuckDB and Spark)
//! against the Rust summary of the same orders: identical customer summaries, identical model
//! fits, and the grouped summary's weighted fits equal to the per-customer ones.
//!
//! Needs the project's Python venv (`scripts/setup-python.sh`, which `npm test` runs): without it
//! the tests say so and pass, unless `LSC_REQUIRE_SQL=1` (set by `scripts/test.sh`), when they
//! fail. The Spark test needs pyspark and Java as well (`scripts/setup-python.sh --spark`, which
//! `npm test` runs, installs pyspark) and is skipped with the reason only when they are missing.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use loyalty_scorecard::dataset::Order;
use loyalty_scorecard::input::summary::{summary_csv, SummaryData};
use loyalty_scorecard::input::{read_input, InputFile, InputKind, ReadOptions, Records};
use loyalty_scorecard::metrics::clv::{purchase_groups, spend_groups, summarize, BgNbd, GammaGamma, PurchaseGroup, TimeUnit};
use loyalty_scorecard::{analyze, AnalysisOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

const REL: f64 = 1e-9;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("lsc-summary-sql-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

/// The venv's python, or why there is none (the test is then skipped, or fails when required).
fn python(module: &str) -> Result<PathBuf, String> {
    let py = repo().join(".venv/bin/python");
    if !py.exists() {
        return Err(format!("{} not found: run scripts/setup-python.sh", py.display()));
    }
    let ok = Command::new(&py).args(["-c", &format!("import {module}")]).output().map(|o| o.status.success()).unwrap_or(false);
    if !ok {
        return Err(format!("the Python package {module} is not installed in .venv"));
    }
    Ok(py)
}

fn skip_or_fail(why: &str) {
    if std::env::var("LSC_REQUIRE_SQL").is_ok_and(|v| v == "1") {
        panic!("LSC_REQUIRE_SQL=1 but {why}");
    }
    eprintln!("SKIPPED (summary SQL): {why}");
}

/// Runs `sql/run.py` once: every (SQL file, output) pair in one engine session.
#[allow(clippy::too_many_arguments)]
fn run_sql(py: &Path, engine: &str, jobs: &[(&str, &Path)], orders: &Path, amount_col: &str, status_col: Option<&str>, cal: NaiveDate, unit: TimeUnit) {
    let mut cmd = Command::new(py);
    cmd.arg(repo().join("sql/run.py")).args(["--engine", engine]);
    for (sql, out) in jobs {
        cmd.arg("--sql").arg(repo().join("sql").join(sql)).arg("--out").arg(out);
    }
    cmd.arg("--orders").arg(orders).args(["--amount-col", amount_col, "--calibration-end", &cal.to_string(), "--time-unit", unit.name()]);
    if let Some(s) = status_col {
        cmd.args(["--status-col", s]);
    }
    let o = cmd.output().expect("python runs");
    assert!(o.status.success(), "{engine} {jobs:?} failed:\n{}\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
}

fn read_summary(name: &str, bytes: &[u8]) -> SummaryData {
    // Given as orders: recognised from its header.
    let p = read_input(&InputFile::orders(name, bytes), &ReadOptions::default(), &mut |_| {}).unwrap();
    assert_eq!(p.account.kind, InputKind::Summary);
    assert!(p.account.balanced());
    assert_eq!(p.account.rows_rejected, 0, "{name}: {:?}", p.account.issues.first());
    let Records::Summary(s) = p.records else { panic!("{name}: not a summary") };
    *s
}

fn read_orders(path: &Path) -> Vec<Order> {
    let bytes = std::fs::read(path).unwrap();
    let p = read_input(&InputFile::orders("orders.csv", &bytes), &ReadOptions::default(), &mut |_| {}).unwrap();
    let Records::Orders(o) = p.records else { panic!("not orders") };
    o.to_vec()
}

fn rel(a: f64, b: f64) -> f64 {
    if a == b {
        0.0
    } else {
        ((a - b) / b).abs()
    }
}

fn assert_params(what: &str, got: &[f64], want: &[f64]) {
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(rel(*g, *w) <= REL, "{what} parameter {k}: {g} vs {w} (rel {:e})", rel(*g, *w));
    }
}

fn strip_sum(g: &[PurchaseGroup]) -> Vec<(u32, u64, u64, u64)> {
    g.iter().map(|g| (g.frequency, g.recency.to_bits(), g.t.to_bits(), g.count)).collect()
}

/// Raw orders -> Rust summary against raw orders -> SQL summary -> reader, per customer and grouped.
// (Each argument is one property of a test case, named at the call.)
#[allow(clippy::too_many_arguments)]
fn check(engine: &str, py: &Path, label: &str, orders_path: &Path, amount_col: &str, status_col: Option<&str>, cal: NaiveDate, unit: TimeUnit) {
    let t0 = std::time::Instant::now();
    let orders = read_orders(orders_path);
    let rust = summarize(&orders, cal, unit);
    assert!(rust.customers.len() > 20, "{label}: too few customers");

    let out = tmp(&format!("{label}-{engine}-customers.csv"));
    let grouped_out = tmp(&format!("{label}-{engine}-grouped.csv"));
    run_sql(py, engine, &[("customer_summary.sql", &out), ("grouped_summary.sql", &grouped_out)], orders_path, amount_col, status_col, cal, unit);
    let sql = read_summary("customers.csv", &std::fs::read(&out).unwrap());
    assert_eq!((sql.unit, sql.calibration_end, sql.grouped), (unit, cal, false));
    assert_eq!(sql.customers.len(), rust.customers.len(), "{label}: customers");
    let sql_summary = sql.summary();
    for (s, r) in sql_summary.customers.iter().zip(&rust.customers) {
        assert_eq!(s, r, "{label}: customer {}", r.customer_id);
        assert_eq!(s.recency.to_bits(), r.recency.to_bits());
        assert_eq!(s.t.to_bits(), r.t.to_bits());
        assert_eq!(s.monetary_value.to_bits(), r.monetary_value.to_bits(), "{label}: monetary value of {}", r.customer_id);
    }
    // Orders, revenue and last purchase against the Rust twin of the SQL, through the same reader.
    let twin = read_summary("twin.csv", summary_csv(&orders, cal, unit).as_bytes());
    for (s, r) in sql.customers.iter().zip(&twin.customers) {
        assert_eq!((s.orders, s.revenue.map(f64::to_bits), s.last_purchase), (r.orders, r.revenue.map(f64::to_bits), r.last_purchase), "{label}: {}", r.summary.customer_id);
        assert_eq!(s.summary, r.summary);
    }

    let bg_raw = BgNbd::fit(&rust.customers).unwrap();
    let bg_sql = BgNbd::fit(&sql_summary.customers).unwrap();
    assert_params(&format!("{label} BG/NBD"), &bg_sql.params.to_vec(), &bg_raw.params.to_vec());
    let gg_raw = GammaGamma::fit(&rust.customers).unwrap();
    let gg_sql = GammaGamma::fit(&sql_summary.customers).unwrap();
    assert_params(&format!("{label} Gamma-Gamma"), &gg_sql.params.to_vec(), &gg_raw.params.to_vec());

    let g = read_summary("grouped.csv", &std::fs::read(&grouped_out).unwrap());
    assert!(g.grouped);
    assert_eq!(strip_sum(&g.purchase_groups), strip_sum(&purchase_groups(&rust.customers)), "{label}: purchase groups");
    assert_eq!(g.spend_groups, spend_groups(&rust.customers), "{label}: spend groups");
    let bg_g = BgNbd::fit_groups(&g.purchase_groups).unwrap();
    assert_params(&format!("{label} grouped BG/NBD"), &bg_g.params.to_vec(), &bg_raw.params.to_vec());
    let gg_g = GammaGamma::fit_groups(&g.spend_groups).unwrap();
    assert_params(&format!("{label} grouped Gamma-Gamma"), &gg_g.params.to_vec(), &gg_raw.params.to_vec());
    eprintln!(
        "{label} ({engine}): {} customers, {} purchase groups, {} spend groups; BG/NBD {:?}, Gamma-Gamma {:?} identical ({:.1} s)",
        rust.customers.len(),
        g.purchase_groups.len(),
        g.spend_groups.len(),
        bg_raw.params.to_vec(),
        gg_raw.params.to_vec(),
        t0.elapsed().as_secs_f64()
    );
}

fn cdnow() -> PathBuf {
    repo().join("tests/fixtures/cdnow/cdnow_sample_orders.csv")
}

fn cdnow_end() -> NaiveDate {
    NaiveDate::from_ymd_opt(1997, 9, 30).unwrap()
}

/// Statuses, same-day orders, negative totals, orders after the end and three-decimal amounts.
/// Made once per test process (the tests run in parallel threads and share the file).
fn edge_orders() -> PathBuf {
    static P: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    P.get_or_init(make_edge_orders).clone()
}

fn make_edge_orders() -> PathBuf {
    let mut s = String::from("order_id,customer_id,order_date,total,status\n");
    let statuses = ["paid", "cancelled", "refunded", "partially_refunded", "已退款", "交易关闭", "", "voided", "Completed", "trash"];
    for i in 0..600u32 {
        let c = i % 37;
        let day = 1 + (i * 7) % 120;
        let date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(u64::from(day));
        let total = format!("{}.{:03}", 5 + (i * 13) % 90, (i * 7) % 1000);
        let status = statuses[(i % 10) as usize];
        let total = if i % 53 == 0 { format!("-{total}") } else { total };
        s.push_str(&format!("#{i},C{c:02},{date},{total},{status}\n"));
        if i % 9 == 0 {
            s.push_str(&format!("#{i}b,C{c:02},{date} 18:30:00,0.1,paid\n"));
        }
    }
    let p = tmp("edge-orders.csv");
    std::fs::write(&p, s).unwrap();
    p
}

fn sample_100k() -> PathBuf {
    static P: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    P.get_or_init(make_sample_100k).clone()
}

fn make_sample_100k() -> PathBuf {
    let p = tmp("sample-100k-orders.csv");
    let cfg = loyalty_scorecard::sample::SampleConfig::for_orders(100_000, 2024);
    let f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    let n = loyalty_scorecard::sample::write_orders(&cfg, f).unwrap();
    assert!(n > 90_000 && n < 110_000, "{n} orders");
    p
}

#[test]
fn duckdb_summary_equals_rust_summary() {
    let py = match python("duckdb") {
        Ok(p) => p,
        Err(why) => return skip_or_fail(&why),
    };
    check("duckdb", &py, "cdnow", &cdnow(), "amount", None, cdnow_end(), TimeUnit::Week);
    check("duckdb", &py, "cdnow-months", &cdnow(), "amount", None, cdnow_end(), TimeUnit::Month);
    check("duckdb", &py, "edge", &edge_orders(), "total", Some("status"), NaiveDate::from_ymd_opt(2024, 3, 31).unwrap(), TimeUnit::Day);
    check("duckdb", &py, "sample-100k", &sample_100k(), "total", None, NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(), TimeUnit::Week);
}

/// The scorecard from a summary file has the lifetime-value section of the orders' scorecard.
#[test]
fn scorecard_from_duckdb_summary_matches_orders() {
    let py = match python("duckdb") {
        Ok(p) => p,
        Err(why) => return skip_or_fail(&why),
    };
    let opts = AnalysisOptions { as_of: Some("1997-09-30".into()), ..AnalysisOptions::default() };
    let orders = std::fs::read(cdnow()).unwrap();
    let raw = analyze(&[InputFile::orders("cdnow.csv", &orders)], &opts).unwrap();
    for (sql, grouped) in [("customer_summary.sql", false), ("grouped_summary.sql", true)] {
        let out = tmp(&format!("card-{sql}.csv"));
        run_sql(&py, "duckdb", &[(sql, &out)], &cdnow(), "amount", None, cdnow_end(), TimeUnit::Week);
        let bytes = std::fs::read(&out).unwrap();
        let card = analyze(&[InputFile::new("summary.csv", InputKind::Summary, &bytes)], &opts).unwrap();
        let (a, b) = (card.clv.as_ref().unwrap(), raw.clv.as_ref().unwrap());
        assert_eq!(a.bgnbd.fit.as_ref().unwrap().params, b.bgnbd.fit.as_ref().unwrap().params, "{sql}");
        assert_eq!(a.gamma_gamma.fit.as_ref().unwrap().params, b.gamma_gamma.fit.as_ref().unwrap().params, "{sql}");
        assert_eq!((a.customers, a.repeat_customers), (b.customers, b.repeat_customers));
        for (x, y) in a.aggregates.iter().zip(&b.aggregates) {
            assert_eq!(x.name, y.name);
            assert!(rel(x.value, y.value) <= 1e-9, "{sql} {}: {} vs {}", x.name, x.value, y.value);
        }
        let s = card.summary_input.as_ref().unwrap();
        assert_eq!((s.grouped, s.customers), (grouped, 2357));
        let ob = raw.orders.as_ref().unwrap();
        assert_eq!(s.orders, Some(ob.orders.value as u64));
        assert!(rel(s.revenue.unwrap(), ob.revenue.value) < 1e-12);
        if grouped {
            assert!(card.orders.is_none());
        } else {
            let cb = card.orders.as_ref().unwrap();
            assert_eq!((cb.customers.value, cb.orders.value, cb.repeat_customers), (ob.customers.value, ob.orders.value, ob.repeat_customers));
            assert_eq!(cb.repeat_purchase_rate.value, ob.repeat_purchase_rate.value);
        }
        assert!(card.loyalty.is_none());
        assert!(card.warnings.iter().any(|w| w.contains("customer summary") && w.contains("cohort")), "{:?}", card.warnings);
        assert_eq!(card.inputs[0].rows_read, card.inputs[0].rows_used);
    }
}

#[test]
fn spark_summary_equals_rust_summary() {
    let py = match python("pyspark") {
        Ok(p) => p,
        Err(why) => {
            eprintln!("SKIPPED (Spark SQL): {why}; pyspark could not be installed (`scripts/setup-python.sh --spark` installs it)");
            return;
        }
    };
    if Command::new("java").arg("-version").output().map(|o| !o.status.success()).unwrap_or(true) {
        eprintln!("SKIPPED (Spark SQL): no java on PATH (pyspark needs Java 17 or later)");
        return;
    }
    check("spark", &py, "cdnow", &cdnow(), "amount", None, cdnow_end(), TimeUnit::Week);
    check("spark", &py, "edge", &edge_orders(), "total", Some("status"), NaiveDate::from_ymd_opt(2024, 3, 31).unwrap(), TimeUnit::Day);
    // The 100k-order log takes minutes on Spark local mode: `npm run test:spark` sets
    // LSC_SPARK_FULL=1 for it; `npm test` (when pyspark is installed) runs the two above.
    if std::env::var("LSC_SPARK_FULL").is_ok_and(|v| v == "1") {
        check("spark", &py, "sample-100k", &sample_100k(), "total", None, NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(), TimeUnit::Week);
    } else {
        eprintln!("Spark: the 100k-order log is checked by `npm run test:spark` (LSC_SPARK_FULL=1)");
    }
}
