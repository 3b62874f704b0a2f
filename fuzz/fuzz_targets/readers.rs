//! Any bytes, read as any kind of file with a spread of reading options, must give either a
//! clear error or records whose account balances; orders files also go through the whole
//! analysis. A panic anywhere is a bug.
//!
//! Run: `cargo +nightly fuzz run readers fuzz/corpus/readers -- -max_total_time=600` (from the
//! repository root; `bash fuzz/seed.sh` first writes the seed corpus from the input fixtures).
#![no_main]
use libfuzzer_sys::fuzz_target;
use loyalty_scorecard::input::{read_input, InputFile, InputKind, ReadOptions};
use loyalty_scorecard::{analyze, AnalysisOptions};

fuzz_target!(|data: &[u8]| {
    let Some((&sel, bytes)) = data.split_first() else { return };
    let kinds = [InputKind::Orders, InputKind::Reviews, InputKind::Surveys, InputKind::Tickets, InputKind::Summary];
    let kind = kinds[(sel & 3) as usize + usize::from(sel & 0x40 != 0 && sel & 3 == 3)];
    let mut opts = ReadOptions::default();
    match (sel >> 2) & 15 {
        1 => opts.encoding = Some("gbk".into()),
        2 => opts.encoding = Some("utf-16le".into()),
        3 => opts.delimiter = Some("whitespace".into()),
        4 => {
            opts.header = Some(false);
            opts.mapping = Some([("customer_id", "1"), ("order_date", "2"), ("total", "3")].into_iter().map(|(k, v)| (k.to_string(), Some(v.to_string()))).collect());
        }
        5 => opts.date_order = Some(loyalty_scorecard::input::DateOrder::MonthFirst),
        6 => opts.encoding = Some("big5".into()),
        7 => opts.sheet = Some("Export".into()),
        8 => opts.max_columns = Some(3),
        9 => opts.delimiter = Some(";".into()),
        _ => {}
    }
    let name = if sel & 0x80 != 0 { "fuzz.xlsx" } else if sel & 0x40 != 0 { "fuzz.json" } else { "fuzz.csv" };
    let file = InputFile::new(name, kind, bytes).with_options(opts.clone());
    if let Ok(parsed) = read_input(&file, &opts, &mut |f| assert!((0.0..=1.0).contains(&f))) {
        assert!(parsed.account.balanced(), "account does not balance: {:?}", parsed.account);
        if kind == InputKind::Orders || kind == InputKind::Summary {
            // Alone, and beside the same bytes read as reviews and tickets (several files at once).
            let _ = analyze(&[file.clone()], &AnalysisOptions::default());
            let others = [InputFile::new("r.csv", InputKind::Reviews, bytes), InputFile::new("t.csv", InputKind::Tickets, bytes)];
            if let Ok(a) = loyalty_scorecard::Analysis::run(&[file, others[0].clone(), others[1].clone()], &AnalysisOptions::default()) {
                let _ = a.customers_csv();
            }
        }
    }
});
