//! Small statistics used by several metrics.

use super::Interval;

/// Two-sided 95% standard normal quantile, z(0.975).
pub const Z95: f64 = 1.959_963_984_540_054;

/// Wilson score interval for a proportion of `successes` in `n` trials at 95%.
///
/// Source: Wilson (1927), "Probable inference, the law of succession, and statistical
/// inference", JASA 22(158); the form in Agresti & Coull (1998) eq. 2. Returns `None` when
/// `n == 0`.
///
/// ```
/// use loyalty_scorecard::metrics::stats::wilson95;
/// // 1 of 2: (0.0945312, 0.9054688), as statsmodels' proportion_confint(1, 2, method="wilson").
/// let ci = wilson95(1, 2).unwrap();
/// assert!((ci.lower - 0.094_531_205).abs() < 1e-8 && (ci.upper - 0.905_468_795).abs() < 1e-8);
/// ```
pub fn wilson95(successes: u64, n: u64) -> Option<Interval> {
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let p = successes as f64 / n;
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(Interval { lower: (centre - half).max(0.0), upper: (centre + half).min(1.0), level: 0.95, method: "wilson" })
}

/// Normal-approximation 95% interval for a mean: mean ± z·s/√n, with the sample standard
/// deviation s (n − 1 denominator). `None` when fewer than two values.
///
/// ```
/// use loyalty_scorecard::metrics::stats::mean_interval95;
/// // values 1, 2, 3: mean 2, s = 1, half-width 1.959964/√3 = 1.131586 (hand calculation).
/// let ci = mean_interval95(&[1.0, 2.0, 3.0]).unwrap();
/// assert!((ci.lower - 0.868_414).abs() < 1e-6 && (ci.upper - 3.131_586).abs() < 1e-6);
/// ```
pub fn mean_interval95(values: &[f64]) -> Option<Interval> {
    if values.len() < 2 {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0);
    let half = Z95 * (var / n).sqrt();
    Some(Interval { lower: mean - half, upper: mean + half, level: 0.95, method: "normal_mean" })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tolerance for reference values quoted to 8 decimals.
    const REF_TOL: f64 = 5e-7;

    #[test]
    fn wilson_matches_statsmodels() {
        // statsmodels 0.15 proportion_confint(45, 100, method="wilson") -> 0.35614538, 0.54755397
        let ci = wilson95(45, 100).unwrap();
        assert!((ci.lower - 0.356_145_38).abs() < REF_TOL && (ci.upper - 0.547_553_97).abs() < REF_TOL, "{ci:?}");
        // Edge cases: all or none succeed -> bounds clamp to [0, 1]; n = 0 -> None.
        // statsmodels proportion_confint(0, 10, method="wilson") -> 0.0, 0.27753280
        let ci = wilson95(0, 10).unwrap();
        assert!(ci.lower == 0.0 && (ci.upper - 0.2775328).abs() < REF_TOL, "{ci:?}");
        assert!(wilson95(0, 0).is_none());
    }
}
