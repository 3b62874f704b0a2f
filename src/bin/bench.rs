//! Native half of `npm run bench`: times each stage of the analysis on the given orders files
//! and prints one JSON object per file (median of the repetitions).
//!
//! Usage: bench [--reps N] FILE...

use loyalty_scorecard::{analyze_timed, AnalysisOptions, InputFile};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let mut reps = 3usize;
    let mut files = Vec::new();
    while let Some(a) = args.next() {
        if a == "--reps" {
            reps = args.next().and_then(|v| v.parse().ok()).unwrap_or(3).max(1);
        } else {
            files.push(a);
        }
    }
    let start = Instant::now();
    let now = || start.elapsed().as_secs_f64() * 1000.0;
    for path in files {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("bench: {path}: {e}");
                std::process::exit(2);
            }
        };
        let input = [InputFile::orders(&path, &bytes)];
        let mut runs: Vec<Vec<(&'static str, f64)>> = Vec::new();
        let mut orders = 0.0;
        for _ in 0..reps {
            let t0 = now();
            let (card, stages) = match analyze_timed(&input, &AnalysisOptions::default(), &now) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("bench: {e}");
                    std::process::exit(1);
                }
            };
            let t1 = now();
            let json = serde_json::to_string(&card).map(|s| s.len()).unwrap_or(0);
            let t2 = now();
            std::hint::black_box(json);
            orders = card.orders.as_ref().map(|b| b.orders.value).unwrap_or(0.0);
            let mut row: Vec<(&'static str, f64)> = stages.iter().map(|s| (s.stage, s.ms)).collect();
            row.push(("serialize", t2 - t1));
            row.push(("total", t2 - t0));
            runs.push(row);
        }
        let median = |i: usize| {
            let mut v: Vec<f64> = runs.iter().map(|r| r[i].1).collect();
            v.sort_by(|a, b| a.total_cmp(b));
            v[v.len() / 2]
        };
        let stages: Vec<String> = runs[0].iter().enumerate().map(|(i, (name, _))| format!("\"{name}\":{:.3}", median(i))).collect();
        println!("{{\"file\":{:?},\"bytes\":{},\"orders\":{},\"reps\":{},\"ms\":{{{}}}}}", path, bytes.len(), orders, reps, stages.join(","));
    }
}
