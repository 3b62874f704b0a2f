//! A small BFGS minimiser, numerical derivatives and a symmetric matrix inverse, for the
//! maximum-likelihood fits (3-4 parameters, smooth objectives on log-parameters).
//!
//! Why not `argmin`: its `Vec<f64>` backend (`argmin-math` feature `vec`) enables `rand` with
//! default features, which pulls `getrandom` 0.3; on `wasm32-unknown-unknown` that crate refuses to
//! compile unless `RUSTFLAGS='--cfg getrandom_backend="wasm_js"'` is set, which this project's
//! wasm build must not need. For four parameters a textbook BFGS (Nocedal & Wright 2006,
//! "Numerical Optimization", 2nd ed., Algorithm 6.1, with a backtracking Armijo line search and
//! the scaled initial inverse Hessian of eq. 6.20) is small enough to keep and test here.

/// Options of [`bfgs`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct BfgsOptions {
    /// Converged when max |∂f/∂x_i| <= gtol · max(1, |f|).
    pub gtol: f64,
    pub max_iterations: usize,
}

impl Default for BfgsOptions {
    fn default() -> Self {
        BfgsOptions { gtol: 1e-9, max_iterations: 500 }
    }
}

/// Result of [`bfgs`].
#[derive(Debug, Clone)]
pub(crate) struct Minimum {
    pub x: Vec<f64>,
    pub f: f64,
    pub iterations: usize,
    /// The gradient criterion was met (or no further decrease was possible with a gradient
    /// already below 1e3 · gtol · max(1, |f|)).
    pub converged: bool,
}

/// The smallest move (largest change of a log-parameter) a line search tries.
const MIN_STEP: f64 = 1e-10;

fn max_abs(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |m, x| m.max(x.abs()))
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Minimise `f` from `x0`. `fg(x, grad)` returns f(x) and writes ∇f(x) into `grad`; it may
/// return a non-finite value to mark points outside the domain (the line search then backs off).
pub(crate) fn bfgs<F>(mut fg: F, x0: &[f64], opts: BfgsOptions) -> Minimum
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    let n = x0.len();
    let mut x = x0.to_vec();
    let mut g = vec![0.0; n];
    let mut f = fg(&x, &mut g);
    if !f.is_finite() || g.iter().any(|v| !v.is_finite()) {
        return Minimum { x, f: f64::INFINITY, iterations: 0, converged: false };
    }
    // Inverse Hessian approximation, row-major; identity until the first update is scaled.
    let mut h = vec![0.0; n * n];
    for i in 0..n {
        h[i * n + i] = 1.0;
    }
    let mut first_update = true;
    let mut x_new = vec![0.0; n];
    let mut g_new = vec![0.0; n];
    let mut dir = vec![0.0; n];
    for it in 0..opts.max_iterations {
        if max_abs(&g) <= opts.gtol * f.abs().max(1.0) {
            return Minimum { x, f, iterations: it, converged: true };
        }
        for i in 0..n {
            dir[i] = -(0..n).map(|j| h[i * n + j] * g[j]).sum::<f64>();
        }
        let mut slope = dot(&g, &dir);
        if slope.is_nan() || slope >= 0.0 {
            // Not a descent direction (lost positive definiteness): restart from steepest descent.
            h.iter_mut().for_each(|v| *v = 0.0);
            for i in 0..n {
                h[i * n + i] = 1.0;
                dir[i] = -g[i];
            }
            first_update = true;
            slope = -dot(&g, &g);
        }
        // Keep the first trial step within 1 unit on the log-parameter scale.
        let mut step = (1.0 / max_abs(&dir)).min(1.0);
        let mut accepted = false;
        // Steps that move no log-parameter by more than MIN_STEP are below anything a fit
        // reports (and near the optimum only chase the rounding of f): the search gives up
        // there instead of halving on (the Newton steps after BFGS refine the optimum).
        for _ in 0..60 {
            if step * max_abs(&dir) < MIN_STEP {
                break;
            }
            for i in 0..n {
                x_new[i] = x[i] + step * dir[i];
            }
            let f_try = fg(&x_new, &mut g_new);
            if f_try.is_finite() && g_new.iter().all(|v| v.is_finite()) && f_try < f && f_try <= f + 1e-4 * step * slope {
                accepted = true;
                f = {
                    let s: Vec<f64> = (0..n).map(|i| x_new[i] - x[i]).collect();
                    let y: Vec<f64> = (0..n).map(|i| g_new[i] - g[i]).collect();
                    let sy = dot(&s, &y);
                    if sy > 1e-300 {
                        if first_update {
                            let scale = sy / dot(&y, &y);
                            h.iter_mut().for_each(|v| *v *= scale);
                            first_update = false;
                        }
                        // H+ = (I - ρ s yᵀ) H (I - ρ y sᵀ) + ρ s sᵀ
                        let rho = 1.0 / sy;
                        let hy: Vec<f64> = (0..n).map(|i| (0..n).map(|j| h[i * n + j] * y[j]).sum()).collect();
                        let yhy = dot(&y, &hy);
                        for i in 0..n {
                            for j in 0..n {
                                h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
                            }
                        }
                    }
                    f_try
                };
                x.copy_from_slice(&x_new);
                g.copy_from_slice(&g_new);
                break;
            }
            step *= 0.5;
        }
        if !accepted {
            let converged = max_abs(&g) <= 1e3 * opts.gtol * f.abs().max(1.0);
            return Minimum { x, f, iterations: it + 1, converged };
        }
    }
    let converged = max_abs(&g) <= opts.gtol * f.abs().max(1.0);
    Minimum { x, f, iterations: opts.max_iterations, converged }
}

/// Central-difference gradient of `f` at `x` with absolute step `h` per coordinate.
#[cfg(test)]
pub(crate) fn numerical_gradient<F: FnMut(&[f64]) -> f64>(f: &mut F, x: &[f64], h: f64, grad: &mut [f64]) {
    let mut xp = x.to_vec();
    for i in 0..x.len() {
        xp[i] = x[i] + h;
        let fp = f(&xp);
        xp[i] = x[i] - h;
        let fm = f(&xp);
        xp[i] = x[i];
        grad[i] = (fp - fm) / (2.0 * h);
    }
}

/// Hessian of a function with an analytic gradient `f(x, grad)`: central differences of the
/// gradient (step `h` per coordinate), symmetrised, row-major. 2n gradient evaluations instead
/// of the 2n² + 1 values of [`numerical_hessian`], and more accurate (the gradient is exact, so
/// only its rounding and the O(h²) truncation remain).
pub(crate) fn gradient_hessian<F: FnMut(&[f64], &mut [f64]) -> f64>(f: &mut F, x: &[f64], h: f64) -> Vec<f64> {
    let n = x.len();
    let mut d = vec![0.0; n * n];
    let mut xp = x.to_vec();
    let (mut gp, mut gm) = (vec![0.0; n], vec![0.0; n]);
    for j in 0..n {
        xp[j] = x[j] + h;
        f(&xp, &mut gp);
        xp[j] = x[j] - h;
        f(&xp, &mut gm);
        xp[j] = x[j];
        for i in 0..n {
            d[i * n + j] = (gp[i] - gm[i]) / (2.0 * h);
        }
    }
    let mut out = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            out[i * n + j] = 0.5 * (d[i * n + j] + d[j * n + i]);
        }
    }
    out
}

/// Central-difference Hessian of `f` at `x` (step `h` per coordinate), symmetric, row-major.
#[cfg(test)]
pub(crate) fn numerical_hessian<F: FnMut(&[f64]) -> f64>(f: &mut F, x: &[f64], h: f64) -> Vec<f64> {
    let n = x.len();
    let mut out = vec![0.0; n * n];
    let f0 = f(x);
    let mut xp = x.to_vec();
    for i in 0..n {
        xp[i] = x[i] + h;
        let fp = f(&xp);
        xp[i] = x[i] - h;
        let fm = f(&xp);
        xp[i] = x[i];
        out[i * n + i] = (fp - 2.0 * f0 + fm) / (h * h);
        for j in 0..i {
            let mut e = |di: f64, dj: f64| {
                xp[i] = x[i] + di;
                xp[j] = x[j] + dj;
                let v = f(&xp);
                xp[i] = x[i];
                xp[j] = x[j];
                v
            };
            let v = (e(h, h) - e(h, -h) - e(-h, h) + e(-h, -h)) / (4.0 * h * h);
            out[i * n + j] = v;
            out[j * n + i] = v;
        }
    }
    out
}

/// Inverse of a symmetric positive definite matrix (row-major) by Cholesky factorisation.
/// `None` when the matrix is not positive definite (or not finite).
pub(crate) fn spd_inverse(a: &[f64], n: usize) -> Option<Vec<f64>> {
    if a.len() != n * n || a.iter().any(|v| !v.is_finite()) {
        return None;
    }
    // A = L Lᵀ
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = a[i * n + j] - (0..j).map(|k| l[i * n + k] * l[j * n + k]).sum::<f64>();
            if i == j {
                if s.is_nan() || s <= 0.0 {
                    return None;
                }
                l[i * n + i] = s.sqrt();
            } else {
                l[i * n + j] = s / l[j * n + j];
            }
        }
    }
    // Solve A X = I column by column.
    let mut inv = vec![0.0; n * n];
    let mut y = vec![0.0; n];
    for col in 0..n {
        for i in 0..n {
            let b = if i == col { 1.0 } else { 0.0 };
            y[i] = (b - (0..i).map(|k| l[i * n + k] * y[k]).sum::<f64>()) / l[i * n + i];
        }
        for i in (0..n).rev() {
            let v = (y[i] - (i + 1..n).map(|k| l[k * n + i] * inv[k * n + col]).sum::<f64>()) / l[i * n + i];
            inv[i * n + col] = v;
        }
    }
    Some(inv)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How close a minimiser must get to a known minimum.
    const ARGMIN_TOL: f64 = 1e-7;

    #[test]
    fn bfgs_finds_rosenbrock_minimum() {
        let fg = |x: &[f64], g: &mut [f64]| {
            let (a, b) = (x[0], x[1]);
            g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
            g[1] = 200.0 * (b - a * a);
            (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
        };
        let m = bfgs(fg, &[-1.2, 1.0], BfgsOptions::default());
        assert!(m.converged);
        assert!((m.x[0] - 1.0).abs() < ARGMIN_TOL && (m.x[1] - 1.0).abs() < ARGMIN_TOL, "{:?}", m.x);
    }

    #[test]
    fn bfgs_backs_off_non_finite_points() {
        // ln-barrier: f = x - ln(x) has its minimum at 1 and is +inf for x <= 0.
        let fg = |x: &[f64], g: &mut [f64]| {
            if x[0] <= 0.0 {
                return f64::INFINITY;
            }
            g[0] = 1.0 - 1.0 / x[0];
            x[0] - x[0].ln()
        };
        let m = bfgs(fg, &[5.0], BfgsOptions::default());
        assert!((m.x[0] - 1.0).abs() < ARGMIN_TOL, "{:?}", m.x);
    }

    #[test]
    fn derivatives_and_inverse() {
        let mut f = |x: &[f64]| x[0] * x[0] * 3.0 + x[0] * x[1] + 2.0 * x[1] * x[1];
        let h = numerical_hessian(&mut f, &[0.3, -0.2], 1e-3);
        let want = [6.0, 1.0, 1.0, 4.0];
        for (a, b) in h.iter().zip(want) {
            assert!((a - b).abs() < 1e-6);
        }
        let mut g = [0.0; 2];
        numerical_gradient(&mut f, &[0.3, -0.2], 1e-5, &mut g);
        assert!((g[0] - (1.8 - 0.2)).abs() < 1e-8 && (g[1] - (0.3 - 0.8)).abs() < 1e-8);
        let inv = spd_inverse(&want, 2).unwrap();
        let want_inv = [4.0 / 23.0, -1.0 / 23.0, -1.0 / 23.0, 6.0 / 23.0];
        for (a, b) in inv.iter().zip(want_inv) {
            assert!((a - b).abs() < 1e-15);
        }
        assert!(spd_inverse(&[1.0, 2.0, 2.0, 1.0], 2).is_none());
    }
}
