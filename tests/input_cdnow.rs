//! The CDNOW reference sample (whitespace separated, no header) reads with every row accounted
//! for. Runs natively and in the browser.

use loyalty_scorecard::input::{read_input, InputFile, InputKind, ReadOptions, Records};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const CDNOW: &[u8] = include_bytes!("fixtures/input/cdnow/CDNOW_sample.txt");

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn cdnow_every_row_accounted_for() {
    let opts: ReadOptions = serde_json::from_str(r#"{"delimiter": "whitespace", "header": false, "mapping": {"customer_id": "2", "order_date": "3", "total": "5"}}"#).unwrap();
    let p = read_input(&InputFile::new("CDNOW_sample.txt", InputKind::Orders, CDNOW), &opts, &mut |_| {}).unwrap();
    let a = &p.account;
    assert_eq!((a.rows_read, a.rows_used, a.rows_merged, a.rows_rejected), (6919, 6919, 0, 0), "{:?}", a.issues.first());
    assert_eq!((a.format, a.delimiter.as_str(), a.row_numbers), ("whitespace", "whitespace", "line number"));
    let Records::Orders(orders) = &p.records else { panic!("orders") };
    let orders = &orders.to_vec();
    let sum: f64 = orders.iter().map(|o| o.total).sum();
    assert!((sum - 244_091.94).abs() < 1e-6, "{sum}");
    let mut customers: Vec<&str> = orders.iter().map(|o| o.customer_id.as_str()).collect();
    customers.sort_unstable();
    customers.dedup();
    assert_eq!(customers.len(), 2357);
    assert_eq!(orders.iter().filter(|o| o.total == 0.0).count(), 8);
    // 21 lines (19 distinct) repeat an earlier line exactly; without an order id they stay separate orders (and say so).
    assert!(a.warnings.iter().any(|w| w.starts_with("21 rows are identical")), "{:?}", a.warnings);
    assert_eq!((orders[0].customer_id.as_str(), orders[0].date.to_string(), orders[0].total, orders[0].row), ("0001", "1997-01-01".to_string(), 29.33, 1));
    let last = orders.last().unwrap();
    assert_eq!(last.row, 6919);
    assert!(orders.iter().all(|o| o.date >= chrono::NaiveDate::from_ymd_opt(1997, 1, 1).unwrap() && o.date <= chrono::NaiveDate::from_ymd_opt(1998, 6, 30).unwrap()));
}
