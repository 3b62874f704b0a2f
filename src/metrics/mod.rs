//! Pure metric functions, one module per concept: no I/O, no clock, no wasm types.

pub mod clv;
pub mod expectation;
pub mod figure;
pub mod loyalty;
pub mod purchases;
pub mod satisfaction;
pub mod stats;
pub mod trust;

pub use figure::{Figure, Interval, Unit};
