//! Olist's public e-commerce dataset as it is published (orders and reviews files, their column
//! names and status words): the dates a marketplace keeps besides the order date must each be
//! taken for what they are. Handed to the carrier is not delivered, the estimated delivery
//! date is the promise, a review's date is when it was written rather than answered, and
//! Olist's `customer_id` names each order, not the person.
//!
//! Expected figures worked out by hand from the fixtures (see each assertion).

use loyalty_scorecard::{Analysis, AnalysisOptions, InputFile, InputKind};
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/exports/olist/");

fn scorecard(files: &[InputFile<'_>]) -> Value {
    let analysis = Analysis::run(files, &AnalysisOptions::default()).unwrap();
    serde_json::to_value(analysis.scorecard()).unwrap()
}

fn column(input: &Value, field: &str) -> Option<String> {
    input["columns"].as_array()?.iter().find(|c| c["field"] == field).and_then(|c| c["column"].as_str().map(String::from))
}

#[test]
fn orders_and_reviews_read_as_olist_publishes_them() {
    let orders = std::fs::read(format!("{DIR}olist_orders_dataset.csv")).unwrap();
    let reviews = std::fs::read(format!("{DIR}olist_order_reviews_dataset.csv")).unwrap();
    let j = scorecard(&[InputFile::orders("olist_orders_dataset.csv", &orders), InputFile::new("olist_order_reviews_dataset.csv", InputKind::Reviews, &reviews)]);
    let o = &j["inputs"][0];
    assert_eq!(column(o, "order_date").as_deref(), Some("order_purchase_timestamp"));
    assert_eq!(column(o, "delivered_date").as_deref(), Some("order_delivered_customer_date"));
    assert_eq!(column(o, "shipped_date").as_deref(), Some("order_delivered_carrier_date"));
    assert_eq!(column(o, "promised_date").as_deref(), Some("order_estimated_delivery_date"));
    // 12 rows: "canceled" and "unavailable" are not purchases; "shipped" and "invoiced" are.
    assert_eq!((o["rows_read"].as_u64(), o["cancelled"].as_u64()), (Some(12), Some(2)));
    assert_eq!(j["orders"]["orders"]["value"].as_f64(), Some(10.0));
    assert_eq!(j["orders"]["customers"]["value"].as_f64(), Some(10.0));

    // Delivered − ordered − promised days, promised = estimated − ordered (dates, not times):
    // a01 8 − 16 = −8, a02 14 − 20 = −6, a03 3 − 13 = −10, a04 14 − 27 = −13, a05 19 − 14 = +5,
    // a06 20 − 20 = 0, a11 7 − 6 = +1, a12 10 − 23 = −13; a09 is not delivered yet.
    // (Taken from the carrier dates every order would be early.)
    let d = &j["satisfaction"]["delivery"];
    assert_eq!(d["orders"].as_u64(), Some(8), "{d}");
    assert_eq!(d["early_share"]["value"].as_f64(), Some(5.0 / 8.0));
    assert_eq!(d["on_time_share"]["value"].as_f64(), Some(1.0 / 8.0));
    assert_eq!(d["late_share"]["value"].as_f64(), Some(2.0 / 8.0));

    let r = &j["inputs"][1];
    assert_eq!(r["kind"], "reviews");
    assert_eq!(column(r, "rating").as_deref(), Some("review_score"));
    assert_eq!(column(r, "date").as_deref(), Some("review_creation_date"));
    assert_eq!(column(r, "text").as_deref(), Some("review_comment_message"));
    assert_eq!(column(r, "title").as_deref(), Some("review_comment_title"));
    // Scores 5, 4, 5, 1, 4, 3, all written by the analysis date 2018-08-20 (the last order);
    // a02's answer came on 2018-08-22, after it, which would drop that review.
    let avg = &j["satisfaction"]["ratings"]["overall"]["average"];
    assert_eq!(avg["n"].as_u64(), Some(6), "{avg}");
    assert!((avg["value"].as_f64().unwrap() - 22.0 / 6.0).abs() < 1e-12, "{avg}");
}

/// Olist-shaped orders: `n` rows, customer `cust(i)` on row i.
fn orders(n: usize, cust: impl Fn(usize) -> String) -> String {
    let mut s = String::from("order_id,customer_id,order_status,order_purchase_timestamp,price\n");
    for i in 0..n {
        s.push_str(&format!("o{i:05},{},delivered,2018-{:02}-{:02} 10:00:00,{}.50\n", cust(i), 1 + i % 12, 1 + i % 28, 10 + i % 50));
    }
    s
}

#[test]
fn a_customer_column_that_keys_orders_is_flagged() {
    let warned = |csv: &str| {
        let j = scorecard(&[InputFile::orders("orders.csv", csv.as_bytes())]);
        serde_json::to_string(&j["inputs"][0]["warnings"]).unwrap().contains("no customer ordered twice")
    };
    // 250 orders, 250 customers: the column names orders.
    assert!(warned(&orders(250, |i| format!("c{i:05}"))));
    // One customer with two orders among them: a real (if young) shop.
    assert!(!warned(&orders(250, |i| format!("c{:05}", i.min(248)))));
    // Too few orders to tell.
    assert!(!warned(&orders(150, |i| format!("c{i:05}"))));
}
