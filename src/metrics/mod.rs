//! Pure metric functions, one module per concept: no I/O, no clock, no wasm types.

pub mod figure;
pub mod purchases;
pub mod stats;

pub use figure::{Figure, Interval, Unit};
