//! The bodies of the fuzz targets in `fuzz/` (libFuzzer, nightly), here so that a crashing
//! input they find can be kept as a regression test run by `npm test` (`tests/robustness.rs`
//! reads every file in `tests/fixtures/crashers/readers/` and `.../options/` through these same
//! functions). Not part of the product's interface.

use crate::input::{read_input, InputFile, InputKind, ReadOptions};
use crate::view::{render, Lang};
use crate::{analyze, Analysis, AnalysisOptions};

/// Any bytes, read as any kind of file with any reading options, must give either a clear error
/// or records whose account balances; orders files and summaries also go through the whole
/// analysis, alone and beside the same bytes read as reviews and tickets, and through every
/// export (the text report, the page in each language, the customers CSV, the summary export).
/// A panic anywhere is a bug.
///
/// Input: one selector byte (kind, file name, preset options), then, when its bit 0x20 is set,
/// the reading options as a JSON object up to the first newline (the fuzzer mutates them as any
/// bytes), then the file.
pub fn readers(data: &[u8]) {
    let Some((&sel, mut bytes)) = data.split_first() else { return };
    let kinds = [InputKind::Orders, InputKind::Reviews, InputKind::Surveys, InputKind::Tickets, InputKind::Summary];
    let kind = kinds[(sel & 3) as usize + usize::from(sel & 0x40 != 0 && sel & 3 == 3)];
    let mut opts = ReadOptions::default();
    match (sel >> 2) & 7 {
        1 => opts.encoding = Some("gbk".into()),
        2 => opts.delimiter = Some("whitespace".into()),
        3 => {
            opts.header = Some(false);
            opts.mapping = Some([("customer_id", "1"), ("order_date", "2"), ("total", "3")].into_iter().map(|(k, v)| (k.to_string(), Some(v.to_string()))).collect());
        }
        4 => opts.date_order = Some(crate::input::DateOrder::MonthFirst),
        5 => opts.sheet = Some("Export".into()),
        6 => opts.max_columns = Some(3),
        7 => opts.delimiter = Some(";".into()),
        _ => {}
    }
    if sel & 0x20 != 0 {
        // Reading options as any JSON: the bytes up to the first newline.
        let end = bytes.iter().position(|b| *b == b'\n').unwrap_or(bytes.len());
        if let Ok(o) = serde_json::from_slice::<ReadOptions>(&bytes[..end]) {
            opts = o;
        }
        bytes = bytes.get(end + 1..).unwrap_or(&[]);
    }
    let name = if sel & 0x80 != 0 {
        "fuzz.xlsx"
    } else if sel & 0x40 != 0 {
        "fuzz.json"
    } else {
        "fuzz.csv"
    };
    let file = InputFile::new(name, kind, bytes).with_options(opts.clone());
    if let Ok(parsed) = read_input(&file, &opts, &mut |f| assert!((0.0..=1.0).contains(&f))) {
        assert!(parsed.account.balanced(), "account does not balance: {:?}", parsed.account);
        if kind == InputKind::Orders || kind == InputKind::Summary {
            let _ = analyze(std::slice::from_ref(&file), &AnalysisOptions::default());
            let others = [InputFile::new("r.csv", InputKind::Reviews, bytes), InputFile::new("t.csv", InputKind::Tickets, bytes)];
            if let Ok(a) = crate::Analysis::run(&[file, others[0].clone(), others[1].clone()], &AnalysisOptions::default()) {
                let _ = a.customers_csv();
                let card = a.scorecard();
                for lang in [Lang::En, Lang::ZhCn, Lang::ZhTw] {
                    let _ = render::scorecard(lang, card, &render::Source::Files("fuzz".into())).to_json_pieces();
                }
                if let Some(end) = card.as_of {
                    let data = a.dataset();
                    let _ = crate::input::summary::summary_csv(&data.orders, end, crate::metrics::clv::TimeUnit::Week);
                }
            }
        }
    }
}

const OPT_ORDERS: &str = "order_id,customer_id,order_date,total,promised_days,delivered_date,discount_code,product\n\
1,A,2024-01-05,10,3,2024-01-07,,tea\n2,A,2024-02-05,12,3,2024-02-10,SAVE,tea\n3,B,2024-01-09,20,2,2024-01-10,,cup\n\
4,C,2024-03-01,5,5,,,tea\n5,B,2024-03-15,25,2,2024-03-20,SAVE,cup\n6,D,2024-04-02,8,3,2024-04-04,,tea\n";
const OPT_REVIEWS: &str = "order_id,rating,body\n1,5,great\n2,4,fine\n3,1,late and broken\n5,2,slow\n";
const OPT_TICKETS: &str = "ticket_id,customer_id,order_id,opened,resolved\nT1,B,3,2024-01-11,2024-01-12\nT2,B,5,2024-03-21,\n";
const OPT_SURVEY: &str = "respondent_id,customer_id,nps,csat,date\n1,A,9,5,2024-02-06\n2,B,3,2,2024-03-22\n";

/// Any text as analysis options (JSON): refused with a clear error, or a scorecard of a small
/// shop (orders, reviews, tickets, survey) and its exports and a rerun with the same options.
/// A panic, an abort or a run away is a bug.
pub fn options(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(options) = serde_json::from_str::<AnalysisOptions>(text) else { return };
    let files = [
        InputFile::orders("orders.csv", OPT_ORDERS.as_bytes()),
        InputFile::new("reviews.csv", InputKind::Reviews, OPT_REVIEWS.as_bytes()),
        InputFile::new("tickets.csv", InputKind::Tickets, OPT_TICKETS.as_bytes()),
        InputFile::new("survey.csv", InputKind::Surveys, OPT_SURVEY.as_bytes()),
    ];
    if let Ok(mut a) = Analysis::run(&files, &options) {
        let _ = a.customers_csv();
        let _ = crate::view::plain::report(Lang::En, a.scorecard(), &render::Source::Files("fuzz".into()));
        let _ = a.rerun(&options);
    }
}
