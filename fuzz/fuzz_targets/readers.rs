//! Any bytes as any kind of file with any reading options: see `loyalty_scorecard::fuzzing::readers`.
//!
//! Run: `cargo +nightly fuzz run readers fuzz/corpus/readers -- -max_total_time=600` (from the
//! repository root; `bash fuzz/seed.sh` first writes the seed corpus from the input fixtures).
//! A crashing input (fuzz/artifacts/readers/) copied to tests/fixtures/crashers/readers/ becomes
//! a test of `npm test`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| loyalty_scorecard::fuzzing::readers(data));
