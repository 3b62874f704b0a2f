//! Bounded property test (the short run of the fuzzing inside `npm test`): every file of the
//! input corpus, mutated many ways (bytes flipped, cut, repeated, quotes, delimiters, NULs and
//! high bytes put in), read as every kind with random reading options, then analysed with
//! random in-range options, and several files at once: nothing may panic. An error is a fine
//! answer; a panic names the case (seed, file, mutation) so it can be kept as a fixture.
//!
//! Fixed seed and a fixed number of cases, so a run is reproducible and its time bounded. The
//! long run is `cargo fuzz run readers` in `fuzz/` (nightly), see the README.

use loyalty_scorecard::input::{read_input, InputFile, InputKind, ReadOptions};
use loyalty_scorecard::{analyze, AnalysisOptions};
use std::panic::{catch_unwind, AssertUnwindSafe};

include!("fixtures/input/corpus_list.rs");

/// Cases per run: reads of mutated files, and analyses of what was read.
const READS: usize = 20_000;
const ANALYSES: usize = 600;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // SplitMix64.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

const KINDS: [InputKind; 5] = [InputKind::Orders, InputKind::Reviews, InputKind::Tickets, InputKind::Surveys, InputKind::Summary];

/// One mutation of `bytes`, and its name.
fn mutate(r: &mut Rng, bytes: &[u8]) -> (Vec<u8>, &'static str) {
    let mut b = bytes.to_vec();
    let at = |r: &mut Rng, b: &Vec<u8>| r.below(b.len() + 1);
    let name = match r.below(9) {
        0 => {
            for _ in 0..1 + r.below(8) {
                if !b.is_empty() {
                    let i = r.below(b.len());
                    b[i] ^= 1 << r.below(8);
                }
            }
            "bits flipped"
        }
        1 => {
            let i = at(r, &b);
            b.truncate(i);
            "cut"
        }
        2 => {
            let (i, j) = (at(r, &b), at(r, &b));
            let (lo, hi) = (i.min(j), i.max(j));
            let piece = b[lo..hi].to_vec();
            let k = at(r, &b);
            b.splice(k..k, piece);
            "a piece repeated"
        }
        3 => {
            for _ in 0..1 + r.below(4) {
                let k = at(r, &b);
                b.insert(k, *r.pick(b"\",;\t|\n\r"));
            }
            "delimiters and quotes put in"
        }
        4 => {
            for _ in 0..1 + r.below(4) {
                let k = at(r, &b);
                b.insert(k, *r.pick(&[0u8, 0xff, 0xfe, 0xc3, 0x80, 0xe4, 0x1b, 0x7f]));
            }
            "NUL and high bytes put in"
        }
        5 => {
            let k = at(r, &b);
            const CELLS: [&[u8]; 9] = [b"9999-12-31", b"1e308", b"-0", b"NaN", b"inf", b"=1+1", b"99999999999999999999999", b"2024-02-30", b"0"];
            let cell: &[u8] = CELLS[r.below(CELLS.len())];
            b.splice(k..k, cell.iter().copied());
            "a strange cell put in"
        }
        6 => {
            // A header line repeated as data, or data without the header.
            match b.iter().position(|&c| c == b'\n') {
                Some(nl) if r.below(2) == 0 => {
                    let head = b[..=nl].to_vec();
                    b.extend(head);
                    "header repeated"
                }
                Some(nl) => {
                    b.drain(..=nl);
                    "header removed"
                }
                None => "as it was",
            }
        }
        7 => {
            // Many copies: a longer file of the same shape.
            let copy = b.clone();
            for _ in 0..r.below(4) {
                b.extend_from_slice(&copy);
            }
            "repeated whole"
        }
        _ => "as it was",
    };
    (b, name)
}

fn read_options(r: &mut Rng) -> ReadOptions {
    let json = match r.below(8) {
        0 => r#"{"encoding":"utf-16le"}"#,
        1 => r#"{"encoding":"gbk"}"#,
        2 => r#"{"date_order":"month_first"}"#,
        3 => r#"{"delimiter":";"}"#,
        4 => r#"{"mapping":{"customer_id":"total"}}"#,
        5 => r#"{"sheet":"Export"}"#,
        _ => "{}",
    };
    serde_json::from_str(json).unwrap_or_default()
}

fn analysis_options(r: &mut Rng) -> AnalysisOptions {
    let json = match r.below(10) {
        0 => r#"{"clv":{"unit":"day","horizon":30,"pareto_nbd":true}}"#,
        1 => r#"{"since":"2024-01-04"}"#,
        2 => r#"{"asOf":"2024-02-01"}"#,
        3 => r#"{"loyalty":{"churn_window_days":1,"cohort_window_months":0,"weekly":true}}"#,
        4 => r#"{"trust":{"activeRule":"p_alive","minOrders":0,"followupDays":1}}"#,
        5 => r#"{"expectation":{"by_segment":true,"speed_up":0.9,"stage":"long_term"}}"#,
        6 => r#"{"satisfaction":{"recovery_followup_days":11000,"alpha":0.5,"top_terms":0}}"#,
        7 => r#"{"product":"tea"}"#,
        _ => "{}",
    };
    serde_json::from_str(json).expect("the test's options are valid")
}

#[test]
fn mutated_files_never_panic_the_readers_or_the_analysis() {
    let mut r = Rng(0x5EED_1234);
    let mut panics = Vec::new();
    for case in 0..READS {
        let (name, bytes, _) = CORPUS[r.below(CORPUS.len())];
        let (mutated, how) = mutate(&mut r, bytes);
        let kind = *r.pick(&KINDS);
        let opts = read_options(&mut r);
        let file = InputFile::new(name, kind, &mutated);
        if catch_unwind(AssertUnwindSafe(|| read_input(&file, &opts, &mut |_| {}))).is_err() {
            panics.push(format!("read case {case}: {name}, {how}, as {kind:?}, options {opts:?}"));
        }
    }
    for case in 0..ANALYSES {
        // An orders file (mutated or not) and up to two other files of the corpus.
        let orders: Vec<_> = CORPUS.iter().filter(|(n, _, e)| e.contains("\"kind\": \"orders\"") && !n.starts_with("bad_")).collect();
        let (name, bytes, _) = orders[r.below(orders.len())];
        let (mutated, how) = if r.below(2) == 0 { mutate(&mut r, bytes) } else { (bytes.to_vec(), "as it was") };
        let mut files = vec![InputFile::new(name, InputKind::Orders, &mutated)];
        let extra: Vec<(&str, &[u8], InputKind)> = (0..r.below(3))
            .map(|_| {
                let (n, b, _) = CORPUS[r.below(CORPUS.len())];
                (n, b, *r.pick(&KINDS[1..4]))
            })
            .collect();
        for (n, b, k) in &extra {
            files.push(InputFile::new(n, *k, b));
        }
        let options = analysis_options(&mut r);
        if catch_unwind(AssertUnwindSafe(|| analyze(&files, &options))).is_err() {
            panics.push(format!("analysis case {case}: {name} ({how}) with {:?}, options {options:?}", extra.iter().map(|e| e.0).collect::<Vec<_>>()));
        }
    }
    assert!(panics.is_empty(), "{} panics:\n{}", panics.len(), panics.join("\n"));
}

/// Inputs that once crashed, aborted or ran away (tests/fixtures/crashers/README.md), fed to
/// the fuzz targets' own functions exactly as the fuzzers feed them: none may panic now.
#[test]
fn kept_crashers_run_through_the_fuzz_targets() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/crashers");
    let mut seen = 0;
    for (target, run) in [("readers", loyalty_scorecard::fuzzing::readers as fn(&[u8])), ("options", loyalty_scorecard::fuzzing::options)] {
        let mut files: Vec<_> = std::fs::read_dir(format!("{dir}/{target}")).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for path in files {
            let data = std::fs::read(&path).unwrap();
            assert!(catch_unwind(AssertUnwindSafe(|| run(&data))).is_ok(), "{target}: {} panics", path.display());
            seen += 1;
        }
    }
    assert!(seen >= 5, "only {seen} kept inputs found");
}
