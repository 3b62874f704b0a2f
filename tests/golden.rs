//! Golden test of the first slice on a hand-checked fixture (tests/fixtures/slice_small.*).
//! Runs natively (`cargo test`) and in headless Chromium (`cargo test --target wasm32-unknown-unknown`).

use loyalty_scorecard::{analyze, AnalysisOptions, InputFile};
use serde_json::Value;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const CSV: &str = include_str!("fixtures/slice_small.csv");
const EXPECTED: &str = include_str!("fixtures/slice_small.json");

fn close(what: &str, got: f64, want: &Value, tol: f64) {
    let want = want.as_f64().unwrap_or_else(|| panic!("{what}: expected value missing"));
    assert!((got - want).abs() <= tol, "{what}: got {got}, expected {want} (tolerance {tol})");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn slice_figures_match_hand_calculation() {
    let fixture: Value = serde_json::from_str(EXPECTED).unwrap();
    let tol = fixture["tolerance_abs"].as_f64().unwrap();
    let e = &fixture["expected"];
    let card = analyze(&[InputFile::orders("slice_small.csv", CSV.as_bytes())], &AnalysisOptions::default()).unwrap();
    let b = card.orders.as_ref().unwrap();
    close("orders", b.orders.value, &e["orders"], 0.0);
    close("customers", b.customers.value, &e["customers"], 0.0);
    close("revenue", b.revenue.value, &e["revenue"], tol);
    close("repeat rate", b.repeat_purchase_rate.value, &e["repeat_purchase_rate"], tol);
    let ci = b.repeat_purchase_rate.interval.as_ref().unwrap();
    close("repeat rate lower", ci.lower, &e["repeat_purchase_rate_ci"][0], tol);
    close("repeat rate upper", ci.upper, &e["repeat_purchase_rate_ci"][1], tol);
    close("orders per customer", b.orders_per_customer.value, &e["orders_per_customer"], tol);
    let ci = b.orders_per_customer.interval.as_ref().unwrap();
    close("orders per customer lower", ci.lower, &e["orders_per_customer_ci"][0], tol);
    close("orders per customer upper", ci.upper, &e["orders_per_customer_ci"][1], tol);
    assert_eq!((b.repeat_purchase_rate.n, b.orders_per_customer.n), (4, 4), "sample sizes are customers");
    assert_eq!(b.orders_without_customer, e["orders_without_customer"].as_u64().unwrap(), "orders without a customer key");
    let buckets: Vec<u64> = b.customers_by_orders.iter().map(|c| c.customers).collect();
    let want: Vec<u64> = e["customers_by_orders"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    assert_eq!(buckets, want);

    let a = &card.inputs[0];
    assert_eq!(a.rows_read as u64, e["rows_read"].as_u64().unwrap());
    assert_eq!(a.rows_used as u64, e["rows_used"].as_u64().unwrap());
    assert_eq!(a.rows_rejected as u64, e["rows_rejected"].as_u64().unwrap());
    assert_eq!(a.rows_read, a.rows_used + a.rows_rejected);
    let issues: Vec<(u64, String, String)> = a
        .issues
        .iter()
        .map(|i| {
            let field = a.columns.iter().find(|c| c.column == i.column).map(|c| c.field).unwrap_or("?");
            (i.row as u64, field.to_string(), i.reason.code().to_string())
        })
        .collect();
    let want: Vec<(u64, String, String)> = e["issues"].as_array().unwrap().iter().map(|v| (v[0].as_u64().unwrap(), v[1].as_str().unwrap().to_string(), v[2].as_str().unwrap().to_string())).collect();
    assert_eq!(issues, want);
    let p = card.period.as_ref().unwrap();
    assert_eq!([p.first.to_string(), p.last.to_string()], [e["period"][0].as_str().unwrap(), e["period"][1].as_str().unwrap()]);
}
