//! Continuous-discount CLV: DERT (discounted expected residual transactions, Fader, Hardie & Lee
//! 2005, "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", JMR 42(4) 415-430).
//! Runs natively (`cargo test`) and in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --no-default-features --test clv_dert`).
//!
//! Oracles: closed forms (Poisson without drop-out; FHL eq. 2 for the Pareto/NBD; special cases
//! of U(a, a, z)), model limits without drop-out, the exact bracket between lifetimes' monthly
//! CLV and DERT, and 40-digit values from mpmath 1.3.0 (script at the end of this file). No
//! published DERT values for the CDNOW 1/10 sample were found: FHL 2005 report DERT only as
//! iso-value plots, and R BTYD's `pnbd.DERT` examples (78-week parameters, δ = 0.0027) print no
//! output in their documentation.

// Reference values are quoted with all the digits the source printed.
#![allow(clippy::excessive_precision)]

use chrono::NaiveDate;
use loyalty_scorecard::dataset::Order;
use loyalty_scorecard::metrics::clv::value::{clv_discrete, continuous_discount_rate, dert, gamma_mixture_discount, hypergeometric_u_equal, pareto_nbd_dert, ClvConvention};
use loyalty_scorecard::metrics::clv::*;
use serde_json::Value;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const ORDERS: &str = include_str!("fixtures/cdnow/cdnow_sample_orders.csv");
const LIFETIMES: &str = include_str!("fixtures/cdnow/cdnow_sample_lifetimes.json");
const PREDICTIONS: &str = include_str!("fixtures/cdnow/cdnow_sample_predictions_all.csv");

/// U(a, a, z) / J(s, z) against 40-digit values (measured: ≤ 7e-16).
const J_REL_TOL: f64 = 1e-13;
/// Numeric DERT (56-point trapezoid) against closed forms (measured: ≤ 2.2e-10 over the grid of
/// `numeric_dert_matches_pareto_nbd_closed_form_over_a_grid`).
const DERT_QUAD_REL_TOL: f64 = 1e-9;
/// Closed-form Pareto/NBD DERT against 40-digit values (P(alive) and J both ~1e-15; measured ≤ 2e-14).
const DERT_CLOSED_REL_TOL: f64 = 1e-12;
/// BG/NBD pushed to "no drop-out" (a = 1e-6, b = 1e4) against the λ-only closed form: residual
/// drop-out and the model's 1 − c^k ₂F₁ cancellation (~4 digits).
const BG_NO_DROPOUT_REL_TOL: f64 = 1e-7;
/// Pareto/NBD with μ ~ Gamma(1, β = 1e9): the remaining drop-out lowers DERT by ~1/(δβ) = 3.7e-7
/// relative (measured 3.7e-7; a larger β loses digits in the model's ln((β+T)/(β+T+t))).
const PNBD_NO_DROPOUT_REL_TOL: f64 = 2e-6;

/// FHL 2005 / BTYD weekly continuous rate: "15% compounded annually has been converted to 0.0027
/// compounded continuously" = ln(1.15)/52, here unrounded.
fn fhl_weekly_delta() -> f64 {
    1.15f64.ln() / 52.0
}

fn rel(got: f64, want: f64) -> f64 {
    ((got - want) / want).abs()
}

fn assert_rel(what: &str, got: f64, want: f64, tol: f64) {
    assert!(rel(got, want) <= tol, "{what}: got {got}, want {want} (rel {:e} > {tol:e})", rel(got, want));
}

fn lifetimes() -> Value {
    serde_json::from_str::<Value>(LIFETIMES).unwrap()["cdnow_sample"].clone()
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

/// lifetimes 0.11.3's CDNOW fits (tests/fixtures/cdnow/README.md).
fn lifetimes_bgnbd() -> BgNbd {
    let p = &lifetimes()["bgnbd"]["params"];
    BgNbd::new(num(&p["r"]), num(&p["alpha"]), num(&p["a"]), num(&p["b"])).unwrap()
}

fn lifetimes_pnbd() -> ParetoNbd {
    let p = &lifetimes()["pareto_nbd"]["params"];
    ParetoNbd::new(num(&p["r"]), num(&p["alpha"]), num(&p["s"]), num(&p["beta"])).unwrap()
}

/// Poisson purchases at rate λ·(mixing mean), never dropping out: E[Y(t)] = rate · t.
struct NoDropout {
    rate: f64,
}

impl PurchaseModel for NoDropout {
    fn model_name(&self) -> &'static str {
        "Poisson"
    }
    fn param_names(&self) -> &'static [&'static str] {
        &["rate"]
    }
    fn params(&self) -> Vec<f64> {
        vec![self.rate]
    }
    fn with_params(&self, p: &[f64]) -> Self {
        NoDropout { rate: p[0] }
    }
    fn expected_purchases(&self, t: f64) -> f64 {
        self.rate * t.max(0.0)
    }
    fn p_alive(&self, _: f64, _: f64, _: f64) -> f64 {
        1.0
    }
    fn conditional_expected_purchases(&self, t: f64, _: f64, _: f64, _: f64) -> f64 {
        self.rate * t.max(0.0)
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn hypergeometric_u_known_values() {
    // U(1, 1, z) = e^z E₁(z) (DLMF 13.6.6 with 6.11.1); values of e^z E₁(z) from mpmath
    // `exp(z)*e1(z)`, 40 digits (z = 1: 0.5963473623, A&S Table 5.1 x e^x E₁(x) / x).
    for (z, want) in [(0.001, 6.3378740703254879563), (0.1, 2.0146425447084516348), (1.0, 0.59634736232319407434), (10.0, 0.091563333939788081876), (100.0, 0.0099019422867330184064)] {
        assert_rel("U(1,1,z)", hypergeometric_u_equal(1.0, z), want, J_REL_TOL);
    }
    // U(½, ½, z) = √π e^z erfc(√z) (DLMF 13.6.7); values from mpmath, 40 digits.
    for (z, want) in [(0.01, 1.588928626317407559), (1.0, 0.75787215614131210604), (30.0, 0.17967204003104712136)] {
        assert_rel("U(1/2,1/2,z)", hypergeometric_u_equal(0.5, z), want, J_REL_TOL);
    }
    // J(0, z) = 1/z; integration by parts: z J(s, z) = 1 − s J(s+1, z).
    for z in [1e-3, 0.135, 7.0] {
        assert_rel("J(0,z)", gamma_mixture_discount(0.0, z), 1.0 / z, J_REL_TOL);
        for s in [0.3, 0.606, 2.5] {
            assert_rel("zJ(s,z) + sJ(s+1,z)", z * gamma_mixture_discount(s, z) + s * gamma_mixture_discount(s + 1.0, z), 1.0, J_REL_TOL);
        }
    }
    // J(s, z) = z^(s−1) U(s, s, z): mpmath `z**(s-1)*hyperu(s,s,z)`, 40 digits.
    for (s, z, want) in [
        (0.1, 1e-4, 4253.6017701582420414),
        (0.1, 300.0, 0.0033322262680685087937),
        (0.606, 1e-4, 82.334436214536661636),
        (0.606, 0.13, 2.9436513401195302583),
        (2.5, 0.01, 0.65545190483508987653),
        (10.0, 10.0, 0.051218199437605059331),
        (10.0, 300.0, 0.0032261400811599644879),
    ] {
        assert_rel("J(s,z)", gamma_mixture_discount(s, z), want, J_REL_TOL);
    }
    assert!(gamma_mixture_discount(1.0, 0.0).is_nan() && gamma_mixture_discount(-1.0, 1.0).is_nan());
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn poisson_without_dropout_is_rate_over_delta() {
    // E[Y(t)] = λt ⇒ DERT = δ ∫ e^(−δt) λt dt = λ/δ, for any time unit (δ from 1e-5 to 2).
    for rate in [0.01, 1.0, 50.0] {
        for delta in [1e-5, fhl_weekly_delta(), 0.1, 2.0] {
            assert_rel("Poisson DERT", dert(&NoDropout { rate }, 3.0, 10.0, 20.0, delta), rate / delta, DERT_QUAD_REL_TOL);
        }
    }
    assert!(dert(&NoDropout { rate: 1.0 }, 0.0, 0.0, 1.0, 0.0).is_nan());
    assert!(dert(&NoDropout { rate: 1.0 }, 0.0, 0.0, 1.0, f64::NAN).is_nan());
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn models_without_dropout_tend_to_gamma_poisson() {
    // Without drop-out, given (x, T): λ ~ Gamma(r+x, α+T), so DERT = (r+x)/((α+T) δ).
    let d = fhl_weekly_delta();
    for (x, tx, t) in [(0.0, 0.0, 38.0), (2.0, 30.0, 38.0), (26.0, 30.857, 31.0)] {
        let want = (0.243 + x) / ((4.414 + t) * d);
        // BG/NBD: drop-out probability p ~ Beta(a, b) with mean a/(a+b) = 1e-10.
        let bg = BgNbd::new(0.243, 4.414, 1e-6, 1e4).unwrap();
        let got = dert(&bg, x, tx, t, d);
        println!("x={x}: BG/NBD a→0 rel {:e}", rel(got, want));
        assert_rel("BG/NBD a→0", got, want, BG_NO_DROPOUT_REL_TOL);
        // Pareto/NBD: drop-out rate μ ~ Gamma(1, 1e9), mean 1e-9 per week.
        let pn = ParetoNbd::new(0.243, 4.414, 1.0, 1e9).unwrap();
        let (num, closed) = (dert(&pn, x, tx, t, d), pareto_nbd_dert(&pn, x, tx, t, d));
        println!("x={x}: Pareto/NBD β→∞ rel {:e} (closed form {:e})", rel(num, want), rel(closed, want));
        assert_rel("Pareto/NBD β→∞ numeric", num, want, PNBD_NO_DROPOUT_REL_TOL);
        assert_rel("Pareto/NBD β→∞ closed form", closed, want, PNBD_NO_DROPOUT_REL_TOL);
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn numeric_dert_matches_pareto_nbd_closed_form_over_a_grid() {
    let mut worst: f64 = 0.0;
    for s in [0.05, 0.3, 0.606, 1.0, 2.0, 5.0, 20.0] {
        for beta in [0.1, 11.669, 300.0, 1e4] {
            for delta in [1e-4, fhl_weekly_delta(), 0.05, 1.0] {
                for (x, tx, t) in [(0.0, 0.0, 38.0), (2.0, 30.0, 38.0), (29.0, 37.7, 38.0), (5.0, 2.0, 70.0)] {
                    let m = ParetoNbd::new(0.553, 10.578, s, beta).unwrap();
                    let e = rel(dert(&m, x, tx, t, delta), pareto_nbd_dert(&m, x, tx, t, delta));
                    assert!(e <= DERT_QUAD_REL_TOL, "s={s} beta={beta} delta={delta} x={x}: rel {e:e}");
                    worst = worst.max(e);
                }
            }
        }
    }
    println!("numeric vs closed-form Pareto/NBD DERT: worst relative error {worst:e}");
}

/// DERT of chosen CDNOW customers (cdnow_sample_reference.csv: customer id, x, t_x, T) at
/// lifetimes' fitted parameters and δ = ln(1.15)/52 per week. Source: mpmath 1.3.0 at 40 digits,
/// script at the end of this file (Pareto/NBD: FHL eq. 2 with mpmath `hyperu` and P(alive) from
/// note 009 with `hyp2f1`; BG/NBD: `quad` of δ e^(−δt) E[Y(t)], FHL 2005 Mkt Sci eq. 10).
const CDNOW_DERT_40_DIGITS: [(u32, f64, f64, f64, f64, f64); 6] = [
    // (id, x, t_x, T, Pareto/NBD DERT, BG/NBD DERT)
    (1, 2.0, 30.428571428571427, 38.857142857142854, 6.500585436056122, 5.1698076334110894),
    (3, 0.0, 0.0, 38.857142857142854, 0.47829554919163757, 1.017297597897467),
    (157, 29.0, 37.714285714285715, 38.0, 87.173170313307631, 72.174911694428047),
    (1516, 26.0, 30.857142857142858, 31.0, 86.260473286104686, 71.067394265564128),
    (1901, 21.0, 4.714285714285714, 29.285714285714285, 1.7307344170077336e-6, 1.5463433880768773e-9),
    (2357, 0.0, 0.0, 27.0, 0.73456541667222516, 1.2495136889714512),
];

fn reference_histories() -> Vec<(u32, f64, f64, f64)> {
    // x, t_x, T from the lifetimes predictions file (full precision).
    let mut lines = PREDICTIONS.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let c = |n: &str| head.iter().position(|h| *h == n).unwrap();
    let rows: Vec<Vec<f64>> = lines.filter(|l| !l.trim().is_empty()).map(|l| l.split(',').map(|v| v.parse().unwrap()).collect()).collect();
    rows.iter().map(|r| (r[c("customer_id")] as u32, r[c("frequency")], r[c("recency")], r[c("T")])).collect()
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn cdnow_dert_matches_40_digit_values() {
    let (pn, bg, d) = (lifetimes_pnbd(), lifetimes_bgnbd(), fhl_weekly_delta());
    let hist = reference_histories();
    for (id, x, t_x, t_cal, want_pn, want_bg) in CDNOW_DERT_40_DIGITS {
        let &(_, hx, tx, t) = hist.iter().find(|h| h.0 == id).unwrap();
        assert_eq!((hx, tx, t), (x, t_x, t_cal));
        assert_rel(&format!("Pareto/NBD closed form, customer {id}"), pareto_nbd_dert(&pn, x, tx, t, d), want_pn, DERT_CLOSED_REL_TOL);
        assert_rel(&format!("Pareto/NBD numeric, customer {id}"), dert(&pn, x, tx, t, d), want_pn, DERT_QUAD_REL_TOL);
        assert_rel(&format!("BG/NBD numeric, customer {id}"), dert(&bg, x, tx, t, d), want_bg, DERT_QUAD_REL_TOL);
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn numeric_matches_closed_form_for_all_cdnow_customers() {
    let (pn, d) = (lifetimes_pnbd(), fhl_weekly_delta());
    let mut worst: f64 = 0.0;
    for (id, x, tx, t) in reference_histories() {
        let e = rel(dert(&pn, x, tx, t, d), pareto_nbd_dert(&pn, x, tx, t, d));
        assert!(e <= DERT_QUAD_REL_TOL, "customer {id}: rel {e:e}");
        worst = worst.max(e);
    }
    println!("2357 CDNOW customers, numeric vs closed-form Pareto/NBD DERT: worst relative error {worst:e}");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn monthly_lifetimes_clv_brackets_continuous_dert() {
    // Matched rates: 15% a year = (1+m)^12 with m monthly, month = 52.1775/12 weeks, and
    // δ = ln(1+m)/month = continuous_discount_rate(0.15, weeks). lifetimes' convention discounts a
    // month's purchases at its end, (1+m)^−i, the continuous one at the purchase time t ∈ (month
    // i−1, month i], e^(−δt) ∈ [(1+m)^−i, (1+m)^−(i−1)]. So over a horizon long enough for the tail
    // (1200 months: 1.15^−100 = 8e-7) to vanish:
    //   discrete ≤ DERT ≤ (1+m) · discrete,    discrete/DERT ≈ (1+m)^−½ = 0.994.
    let annual = 0.15;
    let m = (1.0f64 + annual).powf(1.0 / 12.0) - 1.0;
    let conv = ClvConvention { months: 1200, monthly_discount: m, units_per_month: 365.2425 / 7.0 / 12.0 };
    let d = continuous_discount_rate(annual, TimeUnit::Week);
    assert_rel("δ per week", d, 1.15f64.ln() / (365.2425 / 7.0), 1e-15);
    let models: [(&str, Box<dyn PurchaseModel>); 2] = [("BG/NBD", Box::new(lifetimes_bgnbd())), ("Pareto/NBD", Box::new(lifetimes_pnbd()))];
    for (name, model) in &models {
        for (x, tx, t) in [(0.0, 0.0, 38.857142857142854), (2.0, 30.428571428571427, 38.857142857142854), (26.0, 30.857, 31.0)] {
            let discrete = clv_discrete(model.as_ref(), x, tx, t, 1.0, conv);
            let cont = dert(model.as_ref(), x, tx, t, d);
            let ratio = discrete / cont;
            assert!(discrete <= cont * (1.0 + 1e-9) && cont <= (1.0 + m) * discrete * (1.0 + 1e-6), "{name} x={x}: discrete {discrete} DERT {cont}");
            assert!((ratio - (1.0 + m).powf(-0.5)).abs() < 0.002, "{name} x={x}: ratio {ratio}");
        }
    }
}

fn orders() -> Vec<Order> {
    ORDERS
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.trim().split(',').collect();
            Order::new(f[0], f[1].parse().unwrap(), f[3].parse().unwrap())
        })
        .collect()
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn analyze_clv_reports_dert_rows_and_total() {
    let cal = NaiveDate::from_ymd_opt(1997, 9, 30).unwrap();
    let opts = ClvOptions { calibration_end: Some(cal), pareto_nbd: false, mbgnbd: false, ..ClvOptions::default() };
    assert_eq!(opts.annual_discount_continuous, 0.15);
    let r = analyze_clv(&orders(), &opts);
    assert_eq!(r.primary_model, Some("BG/NBD"));
    assert_eq!(r.customer_rows.len(), 2357);
    let total = r.aggregates.iter().find(|a| a.name == "total_clv_dert").expect("total_clv_dert");
    let total_12m = r.aggregates.iter().find(|a| a.name == "total_clv").unwrap();
    let sum: f64 = r.customer_rows.iter().map(|c| c.dert.unwrap()).sum();
    assert_rel("total = sum of rows", total.value, sum, 1e-12);
    // No horizon at 15% a year vs 12 months at 1% a month: the residual value is larger.
    assert!(total.value > total_12m.value, "{} vs {}", total.value, total_12m.value);
    assert!(r.customer_rows.iter().all(|c| c.dert.unwrap().is_finite() && c.dert.unwrap() >= c.clv.unwrap()));
    // A row is spend × DERT at the fitted model and δ = ln(1.15)/52.1775.
    let f = r.bgnbd.fit.as_ref().unwrap();
    let p: Vec<f64> = f.params.iter().map(|p| p.value).collect();
    let bg = BgNbd::new(p[0], p[1], p[2], p[3]).unwrap();
    let row = r.customer_rows.iter().find(|c| c.frequency == 26).unwrap();
    let want = row.expected_spend.unwrap() * dert(&bg, 26.0, row.recency, row.t, continuous_discount_rate(0.15, TimeUnit::Week));
    assert_rel("row dert", row.dert.unwrap(), want, 1e-12);
    // Rows off: no DERT work and no total.
    let off = analyze_clv(&orders(), &ClvOptions { customer_rows: false, ..opts });
    assert!(off.aggregates.iter().all(|a| a.name != "total_clv_dert"));
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
#[ignore]
fn dert_timing() {
    let d = fhl_weekly_delta();
    let hist = reference_histories();
    let models: [(&str, Box<dyn PurchaseModel>); 2] = [("BG/NBD", Box::new(lifetimes_bgnbd())), ("Pareto/NBD", Box::new(lifetimes_pnbd()))];
    for (name, m) in &models {
        let t0 = std::time::Instant::now();
        let s: f64 = hist.iter().map(|&(_, x, tx, t)| dert(m.as_ref(), x, tx, t, d)).sum();
        let e = t0.elapsed();
        println!("{name}: DERT for {} customers {e:?} ({:?} each), sum {s}", hist.len(), e / hist.len() as u32);
    }
}

// Reference values: mpmath 1.3.0, mp.dps = 40.
//
//   def pnbd_palive(r, al, s, be, x, tx, T):             # Fader & Hardie note 009 eq. 18
//       k = r + s + x
//       if al >= be: F = lambda t: hyp2f1(k, s+1, k+1, (al-be)/(al+t)) / (al+t)**k
//       else:        F = lambda t: hyp2f1(k, r+x, k+1, (be-al)/(be+t)) / (be+t)**k
//       return 1 / (1 + s/k * (al+T)**(r+x) * (be+T)**s * (F(tx) - F(T)))
//   def pnbd_dert(r, al, s, be, x, tx, T, d):             # FHL 2005 JMR eq. 2
//       z = d*(be+T)
//       return (r+x)/(al+T) * (be+T) * z**(s-1) * hyperu(s, s, z) * pnbd_palive(r, al, s, be, x, tx, T)
//   def bg_cond(r, al, a, b, x, tx, T, t):                # FHL 2005 Mkt Sci eq. 10
//       br = 1 - ((al+T)/(al+T+t))**(r+x) * hyp2f1(r+x, b+x, a+b+x-1, t/(al+T+t))
//       pa = 1 if x == 0 else 1/(1 + a/(b+x-1) * ((al+T)/(al+tx))**(r+x))
//       return (a+b+x-1)/(a-1) * br * pa
//   def bg_dert(r, al, a, b, x, tx, T, d):
//       return d * quad(lambda t: exp(-d*t) * bg_cond(r, al, a, b, x, tx, T, t),
//                       [0, al+T, 10*(al+T), 1/d, 10/d, inf])
//
// with d = log(mpf('1.15'))/52, the lifetimes parameters of cdnow_sample_lifetimes.json and
// (x, t_x, T) of cdnow_sample_reference.csv.
