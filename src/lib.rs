//! # loyalty-scorecard
//!
//! Turns a web shop's own exports (orders, reviews, survey answers, complaint tickets) into
//! satisfaction -> trust -> loyalty metrics. The same core runs natively (the
//! `loyalty-scorecard` command) and in the browser as WebAssembly (the `<loyalty-scorecard>`
//! element), so a shop's data never has to leave the machine it is on.
//!
//! Data flows one way:
//!
//! ```text
//! bytes -> input (typed records + an account of every rejected row)
//!       -> dataset (orders, reviews, ... linked by customer / order id)
//!       -> metrics (pure functions, one module per concept)
//!       -> report  (one serializable Scorecard, every figure with unit, sample size, interval)
//!       -> web     (wasm-bindgen boundary and widget; compiled for wasm32 only)
//! ```
//!
//! ```
//! use loyalty_scorecard::{analyze, AnalysisOptions, InputFile};
//! let csv = "customer_id,order_date,total\nA,2024-01-05,10.00\nA,2024-02-01,30.00\nB,2024-01-09,20.00\n";
//! let card = analyze(&[InputFile::orders("orders.csv", csv.as_bytes())], &AnalysisOptions::default()).unwrap();
//! assert_eq!(card.orders.as_ref().unwrap().orders.value, 3.0);
//! assert_eq!(card.orders.as_ref().unwrap().repeat_purchase_rate.value, 0.5);
//! ```
//!
//! ## Panics and error handling
//! Bad shop data never panics: a file that cannot be read at all is an [`Error`] naming the file
//! (and row and column where there is one); a row that cannot be used is counted and listed in
//! the report's input account with its row number, column and reason. A panic is a bug.
//!
//! ## Floating point accuracy
//! Money is summed in `f64` (exact to the cent for totals below about 10^13); rates are ratios
//! of exact integer counts.

// The second module (the `converter` feature) uses the reading code alone: the rest is unused
// there, by design.
#![cfg_attr(feature = "converter", allow(dead_code, unused_imports))]

pub mod analysis;
pub mod dataset;
pub mod error;
pub mod export;
mod fast;
pub mod findings;
#[doc(hidden)]
pub mod fuzzing;
pub mod input;
pub mod messages;
pub mod metrics;
pub mod model;
mod options;
pub mod report;
#[cfg(feature = "sample")]
pub mod sample;
pub mod view;
mod warm;

#[cfg(all(target_arch = "wasm32", not(feature = "converter")))]
pub mod web;

/// The browser's second module: reads .xlsx workbooks and legacy-encoded texts for the first
/// (see [`input::convert`]).
#[cfg(all(target_arch = "wasm32", feature = "converter"))]
pub mod converter {
    use wasm_bindgen::prelude::*;

    /// Reads file `name` (`bytes`) with the reading options `options` (JSON): the answer and
    /// the text as UTF-8, packed ([`crate::input::convert::pack`]).
    #[wasm_bindgen]
    pub fn convert(name: &str, bytes: &[u8], options: &str) -> Vec<u8> {
        use crate::input::convert::{pack, Answer, Failure};
        match serde_json::from_str::<crate::input::ReadOptions>(options) {
            Ok(opts) => crate::input::convert::convert(name, bytes, &opts),
            Err(e) => pack(&Answer::Failed(Failure::Format { message: format!("invalid read options: {e}") }), &[]),
        }
    }
}

pub use analysis::{Analysis, Reader};
pub use error::Error;
pub use input::{InputFile, InputKind};
pub use report::{analyze, analyze_timed, AnalysisOptions, Scorecard};
