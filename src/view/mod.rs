//! The scorecard's view: a [`node::Node`] tree in the chosen language, built from a
//! [`crate::Scorecard`] without touching the DOM, so it can be built in a Web Worker and tested
//! natively.

pub mod charts;
pub mod clv;
pub mod expectation;
pub mod findings;
pub mod fix;
pub mod i18n;
pub mod i18n_trust;
pub mod loyalty;
pub mod node;
pub mod plain;
pub mod render;
pub mod satisfaction;
pub mod trust;

pub use i18n::Lang;
pub use node::Node;
