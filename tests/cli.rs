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
    assert_eq!(card["orders"]["orders"]["value"], 7.0);
    assert_eq!(card["orders"]["revenue"]["value"], 1287.25);
    assert_eq!(card["orders"]["repeat_purchase_rate"]["value"], 0.5);
    assert_eq!(card["inputs"][0]["rows_rejected"], 4);
    assert_eq!(card["schema_version"], 1);
}

#[test]
fn text_output_reads_like_a_report() {
    let out = Command::new(BIN).args(["analyze", "--orders", FIXTURE]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Repeat-purchase rate             50.0%  95% CI 15.0%-85.0%, 2 of 4 customers bought 2+ times"), "{text}");
    assert!(text.contains("11 rows read = 7 used + 4 rejected"), "{text}");
    assert!(text.contains("row 8, column order_date: '2024-13-01' is not a date"), "{text}");
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
