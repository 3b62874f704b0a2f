//! Any text as analysis options: see `loyalty_scorecard::fuzzing::options`.
//!
//! Run: `cargo +nightly fuzz run options fuzz/corpus/options -- -dict=fuzz/options.dict
//! -max_total_time=600` (from the repository root). A crashing input copied to
//! tests/fixtures/crashers/options/ becomes a test of `npm test`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| loyalty_scorecard::fuzzing::options(data));
