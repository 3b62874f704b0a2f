//! Any bytes, read as any kind of file with a spread of reading options, must give either a
//! clear error or records whose account balances; orders files also go through the whole
//! analysis. A panic anywhere is a bug.
//!
//! Run: `cargo +nightly fuzz run readers -- -max_total_time=600` (from the repository root).
#![no_main]
use libfuzzer_sys::fuzz_target;
use loyalty_scorecard::input::{read_input, InputFile, InputKind, ReadOptions};
use loyalty_scorecard::{analyze, AnalysisOptions};

fuzz_target!(|data: &[u8]| {
    let Some((&sel, bytes)) = data.split_first() else { return };
    let kind = [InputKind::Orders, InputKind::Reviews, InputKind::Surveys, InputKind::Tickets][(sel & 3) as usize];
    let mut opts = ReadOptions::default();
    match (sel >> 2) & 7 {
        1 => opts.encoding = Some("gbk".into()),
        2 => opts.encoding = Some("utf-16le".into()),
        3 => opts.delimiter = Some("whitespace".into()),
        4 => {
            opts.header = Some(false);
            opts.mapping = Some([("customer_id", "1"), ("order_date", "2"), ("total", "3")].into_iter().map(|(k, v)| (k.to_string(), Some(v.to_string()))).collect());
        }
        5 => opts.date_order = Some(loyalty_scorecard::input::DateOrder::MonthFirst),
        6 => opts.encoding = Some("big5".into()),
        _ => {}
    }
    let name = if sel & 0x80 != 0 { "fuzz.xlsx" } else { "fuzz.csv" };
    let file = InputFile::new(name, kind, bytes).with_options(opts.clone());
    if let Ok(parsed) = read_input(&file, &opts, &mut |f| assert!((0.0..=1.0).contains(&f))) {
        assert!(parsed.account.balanced(), "account does not balance: {:?}", parsed.account);
        if kind == InputKind::Orders {
            let _ = analyze(&[file], &AnalysisOptions::default());
        }
    }
});
