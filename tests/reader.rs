//! Reading several files at once (natively on two threads) gives what reading them one by one
//! gives: the same records in the same order, so the same scorecard, and the same first error.

use loyalty_scorecard::{AnalysisOptions, InputFile, InputKind, Reader};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/sample");

fn sample() -> Vec<(String, InputKind, Vec<u8>)> {
    [("orders.csv", InputKind::Orders), ("reviews.csv", InputKind::Reviews), ("tickets.csv", InputKind::Tickets), ("survey.csv", InputKind::Surveys)]
        .into_iter()
        .map(|(f, k)| (f.to_string(), k, std::fs::read(format!("{DIR}/{f}")).unwrap()))
        .collect()
}

#[test]
fn all_at_once_equals_one_by_one() {
    let loaded = sample();
    let files: Vec<InputFile<'_>> = loaded.iter().map(|(n, k, b)| InputFile::new(n, *k, b)).collect();
    let mut one_by_one = Reader::new();
    for f in &files {
        one_by_one.add(f).unwrap();
    }
    let mut at_once = Reader::new();
    at_once.add_all(&files).unwrap();
    let opts = AnalysisOptions::default();
    let a = serde_json::to_string(one_by_one.analyze(&opts).unwrap().scorecard()).unwrap();
    let b = serde_json::to_string(at_once.analyze(&opts).unwrap().scorecard()).unwrap();
    assert!(a == b, "the scorecards differ");
    // The files' accounts keep the files' order, not the order the threads finished in.
    let card: serde_json::Value = serde_json::from_str(&b).unwrap();
    let names: Vec<&str> = card["inputs"].as_array().unwrap().iter().map(|i| i["file"].as_str().unwrap()).collect();
    assert_eq!(names, ["orders.csv", "reviews.csv", "tickets.csv", "survey.csv"]);
}

#[test]
fn the_first_bad_file_in_order_is_the_error() {
    let mut loaded = sample();
    // Two files nothing can be read from: the second and the fourth (the second is the
    // smaller, so the other thread reads it).
    loaded[1].2 = b"nothing,here\n1,2\n".to_vec();
    loaded[3].2 = b"\xff\xfe\x00".to_vec();
    let files: Vec<InputFile<'_>> = loaded.iter().map(|(n, k, b)| InputFile::new(n, *k, b)).collect();
    let mut one_by_one = Reader::new();
    let first = files.iter().find_map(|f| one_by_one.add(f).err()).expect("a file fails");
    let err = Reader::new().add_all(&files).expect_err("a file fails");
    assert_eq!(err.to_string(), first.to_string());
    assert!(err.to_string().contains("reviews.csv"), "{err}");
}
