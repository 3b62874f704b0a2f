//! Lifetime value: the customer summary and the "buy till you die" models (BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma).
