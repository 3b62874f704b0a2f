//! Reads one export as the given kind and prints what was read, as JSON: the account (columns
//! chosen, rows read / used / merged / rejected), how many records, distinct customers,
//! cancelled and refunded orders, the sum of the records' totals and the first record.
//! For checking a file by hand:
//!   cargo run --release --example inspect -- orders path/to/export.csv

use loyalty_scorecard::input::{read_input, InputFile, InputKind, ReadOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [kind, path] = args.as_slice() else {
        eprintln!("usage: inspect <orders|reviews|tickets|surveys> FILE");
        std::process::exit(2);
    };
    let kind: InputKind = serde_json::from_value(serde_json::Value::String(kind.clone())).unwrap_or_else(|e| {
        eprintln!("inspect: {e}");
        std::process::exit(2);
    });
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("inspect: {path}: {e}");
        std::process::exit(2);
    });
    match read_input(&InputFile::new(path, kind, &bytes), &ReadOptions::default(), &mut |_| {}) {
        Err(e) => println!("{}", serde_json::json!({ "error": e.to_string() })),
        Ok(p) => {
            let records = serde_json::to_value(&p.records).unwrap_or_default();
            let list = records["records"].as_array().cloned().unwrap_or_default();
            let mut ids: Vec<&str> = list.iter().filter_map(|o| o["customer_id"].as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            let sum: f64 = list.iter().filter_map(|o| o["total"].as_f64()).sum();
            let out = serde_json::json!({
                "account": p.account,
                "records": list.len(),
                "customers": ids.len(),
                "sum_total": (sum * 100.0).round() / 100.0,
                "first": list.first(),
                "wide_reviews": p.reviews.as_ref().map(|r| r.len()),
                "wide_tickets": p.tickets.as_ref().map(|t| t.len()),
            });
            println!("{out}");
        }
    }
}
