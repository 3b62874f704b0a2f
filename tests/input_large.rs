//! 1M-row (~80 MB) orders file: streams (peak memory a small multiple of the file size) and
//! reports progress at most about every 1%. Slow in debug builds: run with
//! `cargo test --release --test input_large -- --ignored --nocapture`.
#![cfg(not(target_arch = "wasm32"))]

use loyalty_scorecard::input::{read_input, InputFile, InputKind, ReadOptions, Records};

fn peak_rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()
}

#[test]
#[ignore]
fn million_rows_stream_with_progress() {
    let mut text = String::with_capacity(85_000_000);
    text.push_str("order_id,customer_id,order_date,total,currency,discount_code,promised_days,delivered_date\n");
    for i in 0..1_000_000u64 {
        let c = i * 7919 % 250_000;
        let m = 1 + i % 12;
        let d = 1 + i % 28;
        text.push_str(&format!("#{i:07},customer-{c:06},2024-{m:02}-{d:02},{}.{:02},EUR,SPRING24,3,2024-{m:02}-{:02}\n", 10 + i % 500, i % 100, d.min(25) + 3));
    }
    let bytes = text.into_bytes();
    let before = peak_rss_kb().unwrap_or(0);
    let mut calls = Vec::new();
    let t = std::time::Instant::now();
    let p = read_input(&InputFile::new("big.csv", InputKind::Orders, &bytes), &ReadOptions::default(), &mut |f| calls.push(f)).unwrap();
    let secs = t.elapsed().as_secs_f64();
    let after = peak_rss_kb().unwrap_or(0);
    let Records::Orders(o) = &p.records else { panic!() };
    assert_eq!((o.len(), p.account.rows_read, p.account.rows_rejected), (1_000_000, 1_000_000, 0));
    assert!(calls.len() <= 102 && calls.len() >= 50, "{} progress calls", calls.len());
    assert!(calls.windows(2).all(|w| w[1] - w[0] >= 0.0099 || w[1] == 1.0));
    let file_mb = bytes.len() as f64 / 1e6;
    let extra_mb = (after.saturating_sub(before)) as f64 / 1e3;
    println!("file {file_mb:.1} MB, read in {secs:.2} s, peak RSS grew by {extra_mb:.0} MB ({:.1}x the file) to {:.0} MB; {} progress calls", extra_mb / file_mb, after as f64 / 1e3, calls.len());
    assert!(extra_mb < 5.0 * file_mb);
}
