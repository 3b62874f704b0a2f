//! Special functions used by the lifetime-value models: log-gamma and digamma (from `statrs`),
//! the Gauss hypergeometric series ₂F₁ on `0 <= z < 1`, and numerically careful log-space helpers.

pub(crate) use statrs::function::gamma::{digamma, ln_gamma};

/// Most series terms summed before giving up (reached only for `z` within ~1e-5 of 1).
const MAX_SERIES_TERMS: usize = 2_000_000;

/// Relative size of the neglected tail at which a series is stopped.
const SERIES_REL_TOL: f64 = 1e-17;

/// Rescale a running sum when it exceeds this, to keep long positive series finite.
const RESCALE_AT: f64 = 1e250;

/// Gauss hypergeometric function ₂F₁(a, b; c; z) by its defining series, for `0 <= z < 1`.
///
/// Definition: Σ_j (a)_j (b)_j / ((c)_j j!) z^j (Abramowitz & Stegun 15.1.1). The series is
/// stopped when the tail bound |t_j|·m/(1−m), with m = max(current term ratio, z), falls below
/// 1e-17 of the sum; term ratios of this series are monotone for large j and tend to z, so the
/// bound holds. Terms may change sign when a, b or c are negative; callers in this module only use
/// parameter sets where that cannot cause catastrophic cancellation (see each caller).
///
/// Returns NaN when `c` is a non-positive integer (the function is undefined) or `z` is outside
/// `[0, 1)`.
pub(crate) fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    if !(0.0..1.0).contains(&z) || (c <= 0.0 && c == c.floor()) {
        return f64::NAN;
    }
    let mut term = 1.0_f64;
    let mut sum = 1.0_f64;
    for j in 0..MAX_SERIES_TERMS {
        let jf = j as f64;
        let ratio = (a + jf) * (b + jf) / ((c + jf) * (jf + 1.0)) * z;
        term *= ratio;
        sum += term;
        if term == 0.0 {
            break;
        }
        let m = ratio.abs().max(z);
        if m < 1.0 && term.abs() * m / (1.0 - m) <= SERIES_REL_TOL * sum.abs() {
            break;
        }
    }
    sum
}

/// ln ₂F₁(a, b; c; z) for a series with positive terms: `a, b, c > 0` and `0 <= z < 1`.
///
/// Same series and stopping rule as [`hyp2f1`], summed with a running scale so that values far
/// beyond f64's range (large `a`, `b` with z near 1) come back as finite logarithms.
/// Returns NaN when the preconditions fail.
pub(crate) fn ln_hyp2f1_positive(a: f64, b: f64, c: f64, z: f64) -> f64 {
    if !(a > 0.0 && b > 0.0 && c > 0.0 && (0.0..1.0).contains(&z)) {
        return f64::NAN;
    }
    let mut term = 1.0_f64;
    let mut sum = 1.0_f64;
    let mut ln_scale = 0.0_f64;
    for j in 0..MAX_SERIES_TERMS {
        let jf = j as f64;
        let ratio = (a + jf) * (b + jf) / ((c + jf) * (jf + 1.0)) * z;
        term *= ratio;
        sum += term;
        if sum > RESCALE_AT {
            sum /= RESCALE_AT;
            term /= RESCALE_AT;
            ln_scale += RESCALE_AT.ln();
        }
        if term == 0.0 {
            break;
        }
        let m = ratio.max(z);
        if m < 1.0 && term * m / (1.0 - m) <= SERIES_REL_TOL * sum {
            break;
        }
    }
    sum.ln() + ln_scale
}

/// ln(e^u − e^v) for u ≥ v, computed as u + ln(1 − e^(v−u)) without cancellation.
/// Returns −∞ when u == v (the difference is zero) and NaN when v > u.
pub(crate) fn ln_sub_exp(u: f64, v: f64) -> f64 {
    if v > u {
        return f64::NAN;
    }
    if v == f64::NEG_INFINITY {
        return u;
    }
    let d = v - u; // <= 0
    // ln(1 - e^d): use ln(-expm1(d)) near 0 and ln_1p(-e^d) for large |d| (Mächler 2012).
    let l = if d > -std::f64::consts::LN_2 { (-d.exp_m1()).ln() } else { (-d.exp()).ln_1p() };
    u + l
}

/// ln(e^u + e^v) without overflow.
pub(crate) fn ln_add_exp(u: f64, v: f64) -> f64 {
    if u == f64::NEG_INFINITY {
        return v;
    }
    if v == f64::NEG_INFINITY {
        return u;
    }
    let (hi, lo) = if u >= v { (u, v) } else { (v, u) };
    hi + (lo - hi).exp().ln_1p()
}

/// 1 / (1 + e^l), the logistic of −l, without overflow for large |l|.
pub(crate) fn inv_one_plus_exp(l: f64) -> f64 {
    if l > 0.0 {
        let e = (-l).exp();
        e / (1.0 + e)
    } else {
        1.0 / (1.0 + l.exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Agreement with closed forms evaluated in f64.
    const CLOSED_FORM_REL_TOL: f64 = 1e-13;

    fn rel(a: f64, b: f64) -> f64 {
        ((a - b) / b).abs()
    }

    #[test]
    fn hyp2f1_matches_closed_forms() {
        // 2F1(1,1;2;z) = -ln(1-z)/z (A&S 15.1.3).
        for z in [0.01_f64, 0.3, 0.9, 0.99] {
            let want = -(1.0 - z).ln() / z;
            assert!(rel(hyp2f1(1.0, 1.0, 2.0, z), want) < CLOSED_FORM_REL_TOL, "z={z} {} {want}", hyp2f1(1.0, 1.0, 2.0, z));
            assert!((ln_hyp2f1_positive(1.0, 1.0, 2.0, z) - want.ln()).abs() < CLOSED_FORM_REL_TOL, "z={z}");
        }
        // 2F1(a,b;b;z) = (1-z)^-a (A&S 15.1.8).
        for (a, z) in [(0.3_f64, 0.5_f64), (2.5, 0.9), (40.0, 0.6)] {
            let want = (1.0 - z).powf(-a);
            assert!(rel(hyp2f1(a, 1.7, 1.7, z), want) < 1e-12, "a={a} z={z}");
            assert!((ln_hyp2f1_positive(a, 1.7, 1.7, z) - want.ln()).abs() < 1e-12, "a={a} z={z}");
        }
        // Far beyond f64: 2F1(2000, 1; 1; 0.9) = 10^2000, ln = 2000 ln 10.
        let want = 2000.0 * 10f64.ln();
        assert!(rel(ln_hyp2f1_positive(2000.0, 1.0, 1.0, 0.9), want) < 1e-12);
        assert!(hyp2f1(1.0, 1.0, 0.0, 0.5).is_nan());
        assert!(hyp2f1(1.0, 1.0, 2.0, 1.0).is_nan());
    }

    #[test]
    fn log_space_helpers() {
        assert!(rel(ln_sub_exp(2.0, 1.0), (2f64.exp() - 1f64.exp()).ln()) < 1e-15);
        assert!(rel(ln_sub_exp(0.0, -1e-10), (1e-10f64).ln()) < 1e-9);
        assert_eq!(ln_sub_exp(3.0, 3.0), f64::NEG_INFINITY);
        assert!(ln_sub_exp(1.0, 2.0).is_nan());
        assert!(rel(ln_add_exp(1000.0, 1000.0), 1000.0 + 2f64.ln()) < 1e-15);
        assert_eq!(inv_one_plus_exp(1000.0), 0.0);
        assert_eq!(inv_one_plus_exp(-1000.0), 1.0);
        assert!(rel(inv_one_plus_exp(0.0), 0.5) < 1e-16);
    }
}
