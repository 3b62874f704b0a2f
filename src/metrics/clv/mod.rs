//! Lifetime value: the customer summary and the "buy till you die" models (BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma).
//! Pure metric functions, one module per concept: no I/O, no clock, no wasm types.

pub mod analysis;
pub mod bgnbd;
pub mod fit;
pub mod gammagamma;
pub mod mbgnbd;
mod optimize;
pub mod paretonbd;
mod special;
pub mod summary;
pub mod validation;
pub mod value;

pub use analysis::{analyze_clv, ClvOptions, ClvReport, CustomerRow};
pub use bgnbd::{BgNbd, BgNbdError, BgNbdFit};
pub use fit::FitInfo;
pub use gammagamma::{GammaGamma, GammaGammaError, GammaGammaFit};
pub use mbgnbd::{MbgNbd, MbgNbdError, MbgNbdFit};
pub use paretonbd::{ParetoNbd, ParetoNbdError, ParetoNbdFit};
pub use summary::{summarize, CustomerSummary, Summary, TimeUnit};
pub use validation::{validate, Validation, ValidationError};

/// What every purchase-count model ("buy till you die") predicts. Times are in the unit of the
/// summary the model was fitted on; (x, t_x, T) = (frequency, recency, T) of [`CustomerSummary`].
pub trait PurchaseModel {
    /// Short name, e.g. "BG/NBD".
    fn model_name(&self) -> &'static str;
    /// Parameter names in the order of [`PurchaseModel::params`].
    fn param_names(&self) -> &'static [&'static str];
    /// Parameter values.
    fn params(&self) -> Vec<f64>;
    /// The same model with other parameter values (same order as [`PurchaseModel::params`]).
    fn with_params(&self, p: &[f64]) -> Self
    where
        Self: Sized;
    /// Unconditional E[X(t)]: expected repeat purchases of a new customer in (0, t]; 0 for t <= 0.
    fn expected_purchases(&self, t: f64) -> f64;
    /// Probability that a customer with history (x, t_x, T) is still alive at T.
    fn p_alive(&self, x: f64, t_x: f64, t_cal: f64) -> f64;
    /// E[Y(t) | x, t_x, T]: expected purchases in (T, T + t]; 0 for t <= 0.
    fn conditional_expected_purchases(&self, t: f64, x: f64, t_x: f64, t_cal: f64) -> f64;
}
