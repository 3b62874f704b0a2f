//! The command line's expectation-calculator section: text, JSON, flags and `--options`.
#![cfg(feature = "cli")]

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_loyalty-scorecard");

fn sample(f: &str) -> String {
    format!("{}/www/sample/{f}.csv", env!("CARGO_MANIFEST_DIR"))
}

fn run(extra: &[&str]) -> (String, String) {
    let mut args = vec!["analyze".to_string(), "--orders".into(), sample("orders"), "--reviews".into(), sample("reviews")];
    args.extend(extra.iter().map(|s| s.to_string()));
    let out = Command::new(BIN).args(&args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn text_and_json_have_the_recommendation() {
    let (text, _) = run(&[]);
    assert!(text.contains("Expectation calculator: what to promise"), "{text}");
    assert!(text.contains("Your promise now  3 days  57.0% arrive in time"), "{text}");
    assert!(text.contains("- Promise "), "{text}");
    let (json, _) = run(&["--format", "json"]);
    let card: serde_json::Value = serde_json::from_str(&json).unwrap();
    let e = &card["expectation"];
    let best = e["result"]["promise"]["recommended_days"].as_u64().unwrap();
    assert!(text.contains(&format!("Balance point  {best} days")), "{text}");
    assert_eq!(e["data"]["current_promise"], 3.0);
    assert_eq!(e["options"]["stage"], "first_time");
    // The sample has reviews: the rating link is fitted.
    assert_eq!(e["result"]["promise"]["rating"]["fitted_on"], card["satisfaction"]["delivery"]["rating_model"]["n"]);
}

#[test]
fn flags_and_options_change_the_assumptions() {
    let (json, _) = run(&["--format", "json", "--stage", "long-term", "--attractiveness-k", "0.5", "--speed-up", "0.3"]);
    let card: serde_json::Value = serde_json::from_str(&json).unwrap();
    let r = &card["expectation"]["result"];
    assert_eq!(r["expected_level"]["stage"], "long_term");
    assert_eq!(r["promise"]["attractiveness_k"], 0.5);
    assert_eq!(r["what_if"]["speed_up"], 0.3);
    let (base, _) = run(&["--format", "json"]);
    let base: serde_json::Value = serde_json::from_str(&base).unwrap();
    assert!(r["promise"]["recommended_days"].as_u64() < base["expectation"]["result"]["promise"]["recommended_days"].as_u64());
    let file = std::env::temp_dir().join(format!("calc-options-{}.json", std::process::id()));
    std::fs::write(
        &file,
        r#"{"expectation": {"factors": {"word_of_mouth": 10, "promises": 10, "role_perception": 10, "past_experience": 10, "personal_needs": 10, "price": 10}, "target_on_time": 0.8}}"#,
    )
    .unwrap();
    let (json, _) = run(&["--format", "json", "--options", file.to_str().unwrap()]);
    let _ = std::fs::remove_file(&file);
    let card: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(card["expectation"]["result"]["expected_level"]["value"], 10.0);
    assert_eq!(card["expectation"]["result"]["expected_level"]["band"], "high");
    assert_eq!(card["expectation"]["result"]["promise"]["target_on_time"], 0.8);
}
