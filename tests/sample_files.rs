//! The demo data in www/sample/ is exactly what the generator makes with the default seed, so
//! the page's sample shop is reproducible (`npm run sample` writes it again).
#![cfg(feature = "sample")]

use loyalty_scorecard::sample::{generate, SampleConfig};

#[test]
fn committed_sample_files_match_the_generator() {
    let files = generate(&SampleConfig::default());
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/www/sample/");
    for (name, made) in [("orders.csv", &files.orders_csv), ("reviews.csv", &files.reviews_csv), ("tickets.csv", &files.tickets_csv), ("survey.csv", &files.survey_csv)] {
        let committed = std::fs::read_to_string(format!("{dir}{name}")).unwrap();
        assert!(committed == *made, "www/sample/{name} differs from the generator's output: run `npm run sample`");
    }
}
