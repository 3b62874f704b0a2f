//! Runs the whole input corpus (tests/fixtures/input, written by generate.py) natively and in
//! headless Chromium:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --no-default-features --features legacy,xlsx --test input_corpus`.

use loyalty_scorecard::input::{read_input, InputFile, InputKind, ReadOptions, Records};
use loyalty_scorecard::Error;
use serde_json::Value;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

include!("fixtures/input/corpus_list.rs");

fn variant(e: &Error) -> &'static str {
    match e {
        Error::EmptyFile { .. } => "EmptyFile",
        Error::Encoding { .. } => "Encoding",
        Error::MissingColumn { .. } => "MissingColumn",
        Error::Csv { .. } => "Csv",
        Error::NoUsableData(_) => "NoUsableData",
        Error::InvalidOption { .. } => "InvalidOption",
        Error::NotText { .. } => "NotText",
        Error::NoRows { .. } => "NoRows",
        Error::WrongKind { .. } => "WrongKind",
        Error::Format { .. } => "Format",
    }
}

fn kind(s: &str) -> InputKind {
    serde_json::from_value(Value::String(s.to_string())).unwrap()
}

/// Checks one case; returns the failures (empty = pass).
fn check(name: &str, bytes: &[u8], expect: &str) -> Vec<String> {
    let e: Value = serde_json::from_str(expect).unwrap();
    let mut fails = Vec::new();
    let mut fail = |m: String| fails.push(format!("{name}: {m}"));
    let opts: ReadOptions = serde_json::from_value(e["options"].clone()).unwrap();
    let file = InputFile::new(name, kind(e["kind"].as_str().unwrap()), bytes);
    let mut calls = Vec::new();
    let got = read_input(&file, &opts, &mut |f| calls.push(f));
    match (e["outcome"].as_str().unwrap(), got) {
        ("error", Ok(p)) => fail(format!("expected an error, read {} rows", p.account.rows_read)),
        ("error", Err(err)) => {
            if variant(&err) != e["error"].as_str().unwrap() {
                fail(format!("error variant {} ({err}), expected {}", variant(&err), e["error"]));
            }
            let msg = err.to_string();
            if !msg.contains(e["error_contains"].as_str().unwrap()) {
                fail(format!("error message '{msg}' does not contain '{}'", e["error_contains"]));
            }
        }
        (_, Err(err)) => fail(format!("unexpected error: {err}")),
        (_, Ok(p)) => {
            let a = &p.account;
            let acc = serde_json::to_value(a).unwrap();
            if !a.balanced() {
                fail(format!("account does not balance: {acc}"));
            }
            if calls.last() != Some(&1.0) || calls.windows(2).any(|w| w[1] < w[0]) || calls.len() > 202 {
                fail(format!("progress calls {calls:?}"));
            }
            for key in [
                "rows_read",
                "rows_used",
                "rows_rejected",
                "rows_merged",
                "merged_line_items",
                "merged_duplicates",
                "cancelled",
                "refunded",
                "encoding",
                "format",
                "delimiter",
                "sheet",
                "date_order",
                "cells_ignored",
                "orders_without_customer",
            ] {
                if let Some(want) = e.get(key) {
                    // A count left out of the JSON when 0.
                    let got = if acc[key].is_null() && *want == 0 { want } else { &acc[key] };
                    if got != want {
                        fail(format!("{key} = {}, expected {want}", acc[key]));
                    }
                }
            }
            if let Some(reasons) = e.get("reasons").and_then(Value::as_object) {
                for (code, n) in reasons {
                    let got = a.reasons.iter().find(|r| r.code == code).map_or(0, |r| r.rows);
                    if got as u64 != n.as_u64().unwrap() {
                        fail(format!("reason {code}: {got} rows, expected {n}"));
                    }
                }
            }
            if let Some(ex) = e.get("examples").and_then(Value::as_object) {
                for (code, n) in ex {
                    let got = a.reasons.iter().find(|r| r.code == code).map_or(0, |r| r.examples.len());
                    if got as u64 != n.as_u64().unwrap() {
                        fail(format!("examples of {code}: {got}, expected {n}"));
                    }
                }
            }
            if let Some(issues) = e.get("issues").and_then(Value::as_array) {
                let got: Vec<Value> = a.issues.iter().map(|i| serde_json::json!([i.row, i.column, i.reason.code()])).collect();
                if got != *issues {
                    fail(format!("issues {got:?}, expected {issues:?}"));
                }
            }
            for w in e.get("warnings_contain").and_then(Value::as_array).into_iter().flatten() {
                let w = w.as_str().unwrap();
                if !a.warnings.iter().any(|x| x.contains(w)) {
                    fail(format!("no warning containing '{w}' in {:?}", a.warnings));
                }
            }
            if let Some(cols) = e.get("columns").and_then(Value::as_object) {
                for (field, want) in cols {
                    let got = a.columns.iter().find(|c| c.field == field).map(|c| serde_json::json!([c.column, c.how]));
                    if got.as_ref() != Some(want) {
                        fail(format!("column for {field}: {got:?}, expected {want}"));
                    }
                }
            }
            if let Some(want) = e.get("wide_reviews").and_then(Value::as_array) {
                let got = p.reviews.as_ref().map(|r| (r.len() as u64, r.ratings().iter().sum::<f64>()));
                if got != Some((want[0].as_u64().unwrap(), want[1].as_f64().unwrap())) {
                    fail(format!("reviews of the wide file (count, rating sum) {got:?}, expected {want:?}"));
                }
            }
            if let Some(want) = e.get("wide_tickets").and_then(Value::as_array) {
                let got = p.tickets.as_ref().map(|t| (t.len() as u64, t.iter().filter(|x| x.resolved.is_some()).count() as u64));
                if got != Some((want[0].as_u64().unwrap(), want[1].as_u64().unwrap())) {
                    fail(format!("complaints of the wide file (count, resolved) {got:?}, expected {want:?}"));
                }
            }
            if let Some(want) = e.get("detect").and_then(Value::as_str) {
                let got = loyalty_scorecard::input::detect_kind(name, bytes, &ReadOptions::default());
                if got != Some(kind(want)) {
                    fail(format!("detected as {got:?}, expected {want}"));
                }
            }
            if let Some(want) = e.get("fields_missing") {
                if serde_json::json!(a.fields_missing) != *want {
                    fail(format!("fields missing {:?}, expected {want}", a.fields_missing));
                }
            }
            if let Some(passed) = e.get("passed_over").and_then(Value::as_object) {
                for (field, want) in passed {
                    let got: Vec<&str> = a.passed_over.iter().filter(|x| x.field == field).map(|x| x.column.as_str()).collect();
                    if serde_json::json!(got) != *want {
                        fail(format!("passed over for {field}: {got:?}, expected {want}"));
                    }
                }
            }
            let records = serde_json::to_value(&p.records).unwrap();
            let list = match &p.records {
                Records::Survey(_) => records["records"]["responses"].clone(),
                _ => records["records"].clone(),
            };
            // A customer summary's records are not a list of rows (its account is checked above).
            let none = Vec::new();
            let list = list.as_array().unwrap_or(&none);
            if let Some(n) = e.get("records") {
                if list.len() as u64 != n.as_u64().unwrap() {
                    fail(format!("{} records, expected {n}", list.len()));
                }
            }
            if let Some(n) = e.get("customers").and_then(Value::as_u64) {
                let mut ids: Vec<&str> = list.iter().filter_map(|o| o["customer_id"].as_str()).collect();
                ids.sort_unstable();
                ids.dedup();
                if ids.len() as u64 != n {
                    fail(format!("{} distinct customers ({ids:?}), expected {n}", ids.len()));
                }
            }
            if let Some(sum) = e.get("sum_total").and_then(Value::as_f64) {
                let got: f64 = list.iter().map(|o| o["total"].as_f64().unwrap()).sum();
                if (got - sum).abs() > 1e-9 {
                    fail(format!("sum of totals {got}, expected {sum}"));
                }
            }
            if let Some(first) = e.get("first").and_then(Value::as_object) {
                for (k, want) in first {
                    if list.first().map(|r| &r[k]) != Some(want) {
                        fail(format!("first record {k} = {:?}, expected {want}", list.first().map(|r| &r[k])));
                    }
                }
            }
            if let Some(dates) = e.get("all_dates") {
                let got: Vec<Value> = list.iter().map(|r| r["date"].clone()).collect();
                if Value::Array(got.clone()) != *dates {
                    fail(format!("dates {got:?}, expected {dates}"));
                }
            }
            if let Records::Survey(s) = &p.records {
                if let Some(q) = e.get("questions") {
                    let got: Vec<String> = s
                        .questions
                        .iter()
                        .map(|q| {
                            let v = serde_json::to_value(&q.kind).unwrap();
                            let t = v["type"].as_str().unwrap().to_string();
                            match v.get("item").or(v.get("feature")) {
                                Some(i) => format!("{t}:{}", i.as_str().unwrap()),
                                None => t,
                            }
                        })
                        .collect();
                    if serde_json::json!(got) != *q {
                        fail(format!("questions {got:?}, expected {q}"));
                    }
                }
                if let Some(want) = e.get("first_answers") {
                    let got: Vec<Value> = s.responses[0].answers.iter().map(|a| serde_json::json!(a)).collect();
                    let want: Vec<Value> = want.as_array().unwrap().iter().map(|v| serde_json::json!(v.as_f64())).collect();
                    if got != want {
                        fail(format!("first answers {got:?}, expected {want:?}"));
                    }
                }
            }
        }
    }
    fails
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn whole_corpus_reads_as_expected() {
    let mut fails = Vec::new();
    for (name, bytes, expect) in CORPUS {
        fails.extend(check(name, bytes, expect));
    }
    let malformed = CORPUS.iter().filter(|c| c.0.starts_with("bad_")).count();
    assert!(CORPUS.len() >= 60 && malformed >= 25, "{} cases, {malformed} malformed", CORPUS.len());
    assert!(fails.is_empty(), "{} failures:\n{}", fails.len(), fails.join("\n"));
}
