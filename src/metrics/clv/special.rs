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
    let mut out = [0.0];
    ln_hyp2f1_positive_many(a, b, c, &[z], &mut out);
    out[0]
}

/// Series summed side by side by [`ln_hyp2f1_positive_many`] (stack arrays, no allocation).
const LANES: usize = 16;

/// [`ln_hyp2f1_positive`] at several `zs` with the same (a, b, c), into `out` (same length).
///
/// The term ratio of the series is (a+j)(b+j)/((c+j)(j+1)) · z: its first factor, with the
/// division, is shared by all z, and the series run side by side, each stopped by its own tail
/// bound. A customer's horizons (12 months of a CLV, the weeks of a holdout) cost about one
/// series instead of one per horizon. Each value is the one [`ln_hyp2f1_positive`] gives.
pub(crate) fn ln_hyp2f1_positive_many(a: f64, b: f64, c: f64, zs: &[f64], out: &mut [f64]) {
    debug_assert_eq!(zs.len(), out.len());
    if !(a > 0.0 && b > 0.0 && c > 0.0) {
        out.fill(f64::NAN);
        return;
    }
    for (zc, oc) in zs.chunks(LANES).zip(out.chunks_mut(LANES)) {
        let k = zc.len();
        let mut term = [1.0_f64; LANES];
        let mut sum = [1.0_f64; LANES];
        let mut ln_scale = [0.0_f64; LANES];
        let mut active = [false; LANES];
        let mut left = 0;
        for i in 0..k {
            if (0.0..1.0).contains(&zc[i]) {
                active[i] = true;
                left += 1;
            } else {
                sum[i] = f64::NAN;
            }
        }
        for j in 0..MAX_SERIES_TERMS {
            if left == 0 {
                break;
            }
            let jf = j as f64;
            let shared = (a + jf) * (b + jf) / ((c + jf) * (jf + 1.0));
            for i in 0..k {
                if !active[i] {
                    continue;
                }
                let z = zc[i];
                let ratio = shared * z;
                term[i] *= ratio;
                sum[i] += term[i];
                if sum[i] > RESCALE_AT {
                    sum[i] /= RESCALE_AT;
                    term[i] /= RESCALE_AT;
                    ln_scale[i] += RESCALE_AT.ln();
                }
                let m = ratio.max(z);
                // The tail bound term·m/(1−m) <= tol·sum, without the division.
                if term[i] == 0.0 || (m < 1.0 && term[i] * m <= SERIES_REL_TOL * sum[i] * (1.0 - m)) {
                    active[i] = false;
                    left -= 1;
                }
            }
        }
        for i in 0..k {
            oc[i] = sum[i].ln() + ln_scale[i];
        }
    }
}

/// ln F and its partial derivatives for F = ₂F₁(1, b; c; z), b, c > 0 and 0 ≤ z < 1:
/// `[ln F, ∂ln F/∂b, ∂ln F/∂c, ∂ln F/∂z]`.
///
/// The series' terms are t_j = c_j z^j with c_j = Π_{i<j} (b+i)/(c+i) (a = 1 makes (a)_j = j!),
/// all positive, so ∂t_j/∂b = t_j Σ_{i<j} 1/(b+i), ∂t_j/∂c = −t_j Σ_{i<j} 1/(c+i) and
/// ∂t_j/∂z = j t_j / z are summed in the same loop. It stops when the tail bound of the most
/// slowly converging of the four sums, t_j·w·m/(1−m)² with w = max(j + 2, the two harmonic sums)
/// and m = max(term ratio, z), falls below 1e-17 of the sum. NaN outside the domain.
pub(crate) fn ln_hyp2f1_1_grad(b: f64, c: f64, z: f64) -> [f64; 4] {
    if !(b > 0.0 && c > 0.0 && (0.0..1.0).contains(&z)) {
        return [f64::NAN; 4];
    }
    if z == 0.0 {
        return [0.0, 0.0, 0.0, b / c];
    }
    let (mut term, mut sum, mut s_b, mut s_c, mut s_z) = (1.0_f64, 1.0_f64, 0.0_f64, 0.0_f64, 0.0_f64);
    let (mut h_b, mut h_c, mut ln_scale) = (0.0_f64, 0.0_f64, 0.0_f64);
    for j in 0..MAX_SERIES_TERMS {
        let jf = j as f64;
        let ratio = (b + jf) / (c + jf) * z;
        h_b += 1.0 / (b + jf);
        h_c += 1.0 / (c + jf);
        term *= ratio;
        sum += term;
        s_b += term * h_b;
        s_c += term * h_c;
        s_z += term * (jf + 1.0);
        if sum > RESCALE_AT {
            for v in [&mut term, &mut sum, &mut s_b, &mut s_c, &mut s_z] {
                *v /= RESCALE_AT;
            }
            ln_scale += RESCALE_AT.ln();
        }
        let m = ratio.max(z);
        let w = (jf + 2.0).max(h_b).max(h_c);
        if term == 0.0 || (m < 1.0 && term * w * m <= SERIES_REL_TOL * sum * (1.0 - m) * (1.0 - m)) {
            break;
        }
    }
    [sum.ln() + ln_scale, s_b / sum, -s_c / sum, s_z / (z * sum)]
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
    fn many_horizons_equal_one_at_a_time() {
        let zs: Vec<f64> = (0..37).map(|i| i as f64 / 37.5).chain([1.0, f64::NAN, -0.1]).collect();
        for (a, b, c) in [(0.3, 2.5, 1.9), (40.5, 42.1, 81.0), (2000.0, 1.0, 1.0), (0.01, 0.02, 0.5)] {
            let mut many = vec![0.0; zs.len()];
            ln_hyp2f1_positive_many(a, b, c, &zs, &mut many);
            for (z, m) in zs.iter().zip(&many) {
                let one = ln_hyp2f1_positive(a, b, c, *z);
                assert!(one.to_bits() == m.to_bits() || (one.is_nan() && m.is_nan()), "a={a} z={z}: {one} vs {m}");
                if (0.0..1.0).contains(z) {
                    // Against the plain series, where it stays in range.
                    let plain = hyp2f1(a, b, c, *z);
                    if plain.is_finite() {
                        assert!((plain.ln() - m).abs() <= 1e-13 * plain.ln().abs().max(1.0), "a={a} z={z}");
                    }
                } else {
                    assert!(m.is_nan());
                }
            }
        }
        let mut out = [0.0; 2];
        ln_hyp2f1_positive_many(-1.0, 1.0, 1.0, &[0.1, 0.2], &mut out);
        assert!(out.iter().all(|v| v.is_nan()));
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
