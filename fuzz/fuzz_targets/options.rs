//! Any text as analysis options (JSON): refused with a clear error, or a scorecard of a small
//! shop (orders, reviews, tickets, survey) and its exports and a rerun with the same options.
//! A panic, an abort or a run away is a bug.
//!
//! Run: `cargo +nightly fuzz run options -- -max_total_time=600` (from the repository root).
#![no_main]
use libfuzzer_sys::fuzz_target;
use loyalty_scorecard::input::{InputFile, InputKind};
use loyalty_scorecard::{Analysis, AnalysisOptions};

const ORDERS: &str = "order_id,customer_id,order_date,total,promised_days,delivered_date,discount_code,product\n\
1,A,2024-01-05,10,3,2024-01-07,,tea\n2,A,2024-02-05,12,3,2024-02-10,SAVE,tea\n3,B,2024-01-09,20,2,2024-01-10,,cup\n\
4,C,2024-03-01,5,5,,,tea\n5,B,2024-03-15,25,2,2024-03-20,SAVE,cup\n6,D,2024-04-02,8,3,2024-04-04,,tea\n";
const REVIEWS: &str = "order_id,rating,body\n1,5,great\n2,4,fine\n3,1,late and broken\n5,2,slow\n";
const TICKETS: &str = "ticket_id,customer_id,order_id,opened,resolved\nT1,B,3,2024-01-11,2024-01-12\nT2,B,5,2024-03-21,\n";
const SURVEY: &str = "respondent_id,customer_id,nps,csat,date\n1,A,9,5,2024-02-06\n2,B,3,2,2024-03-22\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(options) = serde_json::from_str::<AnalysisOptions>(text) else { return };
    let files = [
        InputFile::orders("orders.csv", ORDERS.as_bytes()),
        InputFile::new("reviews.csv", InputKind::Reviews, REVIEWS.as_bytes()),
        InputFile::new("tickets.csv", InputKind::Tickets, TICKETS.as_bytes()),
        InputFile::new("survey.csv", InputKind::Surveys, SURVEY.as_bytes()),
    ];
    if let Ok(mut a) = Analysis::run(&files, &options) {
        let _ = a.customers_csv();
        let _ = loyalty_scorecard::text::to_text(a.scorecard());
        let _ = a.rerun(&options);
    }
});
