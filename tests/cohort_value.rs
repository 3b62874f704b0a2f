//! The cohort value table on the sample shop, against a reckoning of its own from the orders
//! file's rows: each customer's acquisition month and observed revenue by month since the first
//! order, the month ends written out by calendar, the Gamma-Gamma's expected spend per purchase
//! by its closed form (Fader & Hardie 2013: (p·v + p·x·z̄) / (p·x + q − 1), z̄ the mean of the
//! repeat purchase days' totals), and the purchase model's expected purchases between month
//! ends from its conditional expectation at the reported parameters.

use chrono::{Datelike, NaiveDate};
use loyalty_scorecard::metrics::clv::{BgNbd, MbgNbd, PurchaseModel};
use loyalty_scorecard::{analyze, AnalysisOptions, InputFile, InputKind};
use std::collections::BTreeMap;

/// Last day of the month `k` months after the month of `d`.
fn month_end(d: NaiveDate, k: u32) -> NaiveDate {
    let m0 = d.month0() + k;
    let (y, m) = (d.year() + (m0 / 12) as i32, m0 % 12 + 1);
    let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) };
    next.unwrap().pred_opt().unwrap()
}

/// At the sample's last day (2025-06-30, a month end: that month is history only) and in the
/// middle of a month (its first half history, the rest predicted).
#[test]
fn cohort_value_is_history_plus_the_models_expectation() {
    let sample = std::fs::read("www/sample/orders.csv").unwrap();
    check(&sample, None, 1, (5, "discount_code"));
    check(&sample, Some("2025-06-15"), 0, (5, "discount_code"));
    // The same orders with a product column (three products in turn, row by row): customers
    // grouped by their first order's product.
    let text = String::from_utf8(sample).unwrap();
    let with_products: String = text.lines().enumerate().map(|(i, l)| if i == 0 { format!("{l},product\n") } else { format!("{l},{}\n", ["tea", "cup", "pot"][i % 3]) }).collect();
    check(with_products.as_bytes(), None, 1, (8, "product"));
}

/// `young_observed`: the months of history the youngest cohort has; `group`: the column of the
/// first order that groups customers, and its kind.
fn check(bytes: &[u8], as_of: Option<&str>, young_observed: u32, group: (usize, &str)) {
    let card = analyze(&[InputFile::new("orders.csv", InputKind::Orders, bytes)], &AnalysisOptions { as_of: as_of.map(String::from), ..Default::default() }).unwrap();
    let clv = card.clv.as_ref().unwrap();
    let cv = clv.cohort_value.as_ref().expect("a cohort value table");
    let cal = clv.calibration_end.unwrap();
    let param = |s: &loyalty_scorecard::metrics::clv::analysis::ModelSection| s.fit.as_ref().unwrap().params.iter().map(|q| q.value).collect::<Vec<f64>>();
    let model: Box<dyn PurchaseModel> = match clv.primary_model.unwrap() {
        "MBG/NBD" => {
            let p = param(&clv.mbgnbd);
            Box::new(MbgNbd::new(p[0], p[1], p[2], p[3]).unwrap())
        }
        "BG/NBD" => {
            let p = param(&clv.bgnbd);
            Box::new(BgNbd::new(p[0], p[1], p[2], p[3]).unwrap())
        }
        other => panic!("unexpected model {other}"),
    };
    assert_eq!(cv.model, clv.primary_model.unwrap());
    let g: Vec<f64> = clv.gamma_gamma.fit.as_ref().unwrap().params.iter().map(|q| q.value).collect();
    let (gp, gq, gv) = (g[0], g[1], g[2]);

    // Orders by customer: (day, total, discount code); the sample has no status column.
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let mut by: BTreeMap<&str, Vec<(NaiveDate, f64, &str)>> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let c: Vec<&str> = line.split(',').collect();
        let day = NaiveDate::parse_from_str(c[2], "%Y-%m-%d").unwrap();
        if day <= cal {
            by.entry(c[1]).or_default().push((day, c[3].parse().unwrap(), c[group.0]));
        }
    }
    let months = |a: NaiveDate, b: NaiveDate| ((b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32) as u32;
    // Per cohort "YYYY-MM": customers, observed and predicted revenue by month k.
    let mut want: BTreeMap<String, (u64, [f64; 12], [f64; 12])> = BTreeMap::new();
    let mut by_code: BTreeMap<&str, (u64, f64, f64, [f64; 12])> = BTreeMap::new();
    for orders in by.values() {
        let mut o = orders.clone();
        o.sort_by_key(|x| x.0);
        let first = o[0].0;
        let e = want.entry(format!("{:04}-{:02}", first.year(), first.month())).or_insert((0, [0.0; 12], [0.0; 12]));
        e.0 += 1;
        let (mut seen, mut predicted, mut monthly) = (0.0, 0.0, [0.0; 12]);
        for &(d, total, _) in &o {
            let k = months(first, d);
            if k < 12 {
                e.1[k as usize] += total;
                monthly[k as usize] += total;
                seen += total;
            }
        }
        // lifetimes' summary: purchase days, repeat days' mean total, in weeks.
        let mut days: BTreeMap<NaiveDate, f64> = BTreeMap::new();
        for &(d, total, _) in &o {
            *days.entry(d).or_default() += total;
        }
        let x = (days.len() - 1) as f64;
        let weeks = |d: NaiveDate| (d - first).num_days() as f64 / 7.0;
        let (tx, t) = (weeks(*days.keys().last().unwrap()), weeks(cal));
        let zbar = if x > 0.0 { days.values().skip(1).sum::<f64>() / x } else { 0.0 };
        let spend = (gp * gv + gp * x * zbar) / (gp * x + gq - 1.0);
        // Months k from the analysis date's month to month 11, each from the previous month's
        // end (or the analysis date) to its own end.
        let now = months(first, cal);
        for k in now..12 {
            let end = (month_end(first, k) - cal).num_days() as f64 / 7.0;
            let start = if k == now { 0.0 } else { (month_end(first, k - 1) - cal).num_days() as f64 / 7.0 };
            let v = spend * (model.conditional_expected_purchases(end, x, tx, t) - if start > 0.0 { model.conditional_expected_purchases(start, x, tx, t) } else { 0.0 });
            e.2[k as usize] += v;
            monthly[k as usize] += v;
            predicted += v;
        }
        let code = if o[0].2.is_empty() { "" } else { o[0].2 };
        let g = by_code.entry(code).or_default();
        g.0 += 1;
        g.1 += seen;
        g.2 += predicted;
        for (sum, m) in g.3.iter_mut().zip(&monthly) {
            *sum += m;
        }
    }

    assert_eq!(cv.cohorts.len(), want.len());
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
    for (row, (cohort, (n, seen, predicted))) in cv.cohorts.iter().zip(&want) {
        assert_eq!((&row.cohort, row.customers), (cohort, *n));
        for k in 0..12 {
            assert!(close(row.predicted_per_customer[k], predicted[k] / *n as f64), "{cohort} month {k}: {} against {}", row.predicted_per_customer[k], predicted[k] / *n as f64);
            assert!(close(row.revenue_per_customer[k], (seen[k] + predicted[k]) / *n as f64), "{cohort} month {k}");
        }
    }
    // The oldest cohort is history only; the youngest is mostly prediction.
    assert_eq!(cv.cohorts[0].observed_months, 12);
    assert!(cv.cohorts[0].predicted_per_customer.iter().all(|p| *p == 0.0));
    let young = cv.cohorts.last().unwrap();
    assert_eq!(young.observed_months, young_observed);
    assert_eq!(young.predicted_per_customer[0] > 0.0, young_observed == 0);
    assert!(young.predicted_per_customer[11] > 0.0);

    // By the first order's code or product: every value with at least 20 customers, largest first.
    let mut codes: Vec<(&str, CodeGroup)> = by_code.into_iter().filter(|(_, g)| g.0 >= 20).collect();
    codes.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    let got: Vec<_> = cv.by_first_order.iter().filter(|g| g.by == group.1).collect();
    assert_eq!(got.len(), codes.len().min(8));
    assert!(got.len() >= 2, "the first orders carry {}", group.1);
    for (g, (code, (n, seen, predicted, monthly))) in got.iter().zip(&codes) {
        for (k, m) in monthly.iter().enumerate() {
            assert!(close(g.revenue_per_customer[k], m / *n as f64), "{code} month {k}");
        }
        assert_eq!((g.value.as_deref().unwrap_or(""), g.customers), (*code, *n));
        assert!(close(g.value_per_customer, (seen + predicted) / *n as f64), "{code}");
        assert!(close(g.predicted_share, predicted / (seen + predicted)), "{code}");
    }
}

/// The page shows the first-order chart and the cohort table in every language, the cells with
/// predicted months marked; the CLI's text and JSON carry the same figures.
#[test]
fn cohort_value_reaches_the_page_and_the_cli() {
    use loyalty_scorecard::view::{render, Lang};
    let bytes = std::fs::read("www/sample/orders.csv").unwrap();
    let card = analyze(&[InputFile::new("orders.csv", InputKind::Orders, &bytes)], &AnalysisOptions::default()).unwrap();
    let cv = card.clv.as_ref().unwrap().cohort_value.as_ref().unwrap();
    let young = cv.cohorts.last().unwrap();
    let twelve: f64 = young.revenue_per_customer.iter().sum();
    let shown = format!("{:.2}\u{a0}*", twelve);
    for lang in [Lang::En, Lang::ZhCn, Lang::ZhTw] {
        let view = render::scorecard(lang, &card, &render::Source::Files("orders.csv".into()));
        assert!(view.find("data-chart", "first-order-value").is_some(), "{lang:?}");
        let table = view.find("data-panel", "clv-cohort-value").unwrap().text_content();
        assert!(table.contains(&young.cohort) && table.contains(&shown), "{lang:?}: {table}");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loyalty-scorecard")).args(["analyze", "--orders", "www/sample/orders.csv"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // The cohort's row of the table: its month, its customers and the 12-month figure marked.
    let row = text.lines().find(|l| l.trim_start().starts_with(&young.cohort) && l.contains(&format!("{:.2} *", twelve)));
    assert!(row.is_some_and(|l| l.split_whitespace().nth(1) == Some(young.customers.to_string().as_str())), "{text}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loyalty-scorecard")).args(["analyze", "--orders", "www/sample/orders.csv", "--format", "json"]).output().unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["clv"]["cohort_value"]["cohorts"].as_array().unwrap().len(), cv.cohorts.len());
    assert_eq!(j["clv"]["cohort_value"]["value_per_customer"].as_f64(), Some(cv.value_per_customer));
}

/// Customers, revenue seen, revenue predicted and each month's revenue of one first-order value.
type CodeGroup = (u64, f64, f64, [f64; 12]);
