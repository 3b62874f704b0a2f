#![cfg(not(target_arch = "wasm32"))]
//! The whole CDNOW master file (23,570 customers, 1997-01 to 1998-06) against lifetimes 0.11.3
//! (tests/fixtures/cdnow/make_master_reference.py wrote the reference). One repeat buyer there
//! has a mean spend of 0: the spend model is fitted without that customer, and every customer,
//! that one and the one-time buyers included, still gets an expected spend and a CLV.

use chrono::NaiveDate;
use loyalty_scorecard::input::{read_input, InputFile, InputKind, ReadOptions, Records};
use loyalty_scorecard::metrics::clv::{analyze_clv, summarize, value, BgNbd, ClvOptions, GammaGamma, TimeUnit};
use serde_json::Value;

const MASTER: &[u8] = include_bytes!("fixtures/cdnow/CDNOW_master.txt");
const REFERENCE: &str = include_str!("fixtures/cdnow/cdnow_master_clv.csv");
const LIFETIMES: &str = include_str!("fixtures/cdnow/cdnow_master_lifetimes.json");

/// The same formulas at the same parameters: agreement to floating-point accuracy, well
/// within 1e-6 relative.
const SAME_PARAMS_REL_TOL: f64 = 1e-6;
/// CLV at our own fit against lifetimes' at its fit: two optimisers reach the same maximum to
/// about 1e-6 in the parameters, which moves a CLV by far less than 0.2%.
const OWN_FIT_REL_TOL: f64 = 2e-3;

fn orders() -> loyalty_scorecard::model::Orders {
    let opts: ReadOptions = serde_json::from_str(r#"{"delimiter": "whitespace", "mapping": {"customer_id": "customer_id", "order_date": "date", "total": "dollar_value"}}"#).unwrap();
    let p = read_input(&InputFile::new("CDNOW_master.txt", InputKind::Orders, MASTER), &opts, &mut |_| {}).unwrap();
    assert_eq!((p.account.rows_read, p.account.rows_used, p.account.rows_rejected), (69_659, 69_659, 0));
    let Records::Orders(o) = p.records else { panic!("orders") };
    o
}

fn end() -> NaiveDate {
    NaiveDate::from_ymd_opt(1998, 6, 30).unwrap()
}

fn rel(got: f64, want: f64) -> f64 {
    if got == want {
        0.0
    } else {
        (got - want).abs() / want.abs().max(1e-300)
    }
}

/// customer id -> (frequency, recency, T, monetary value, expected spend, CLV) of lifetimes.
fn reference() -> Vec<(String, [f64; 6])> {
    let mut lines = REFERENCE.lines();
    assert_eq!(lines.next(), Some("customer_id,frequency,recency,T,monetary_value,expected_spend,clv_12m"));
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let v: Vec<f64> = f[1..].iter().map(|x| x.parse().unwrap()).collect();
            (f[0].to_string(), [v[0], v[1], v[2], v[3], v[4], v[5]])
        })
        .collect()
}

fn lifetimes() -> Value {
    serde_json::from_str(LIFETIMES).unwrap()
}

#[test]
fn every_customer_gets_lifetimes_clv_at_lifetimes_parameters() {
    let l = lifetimes();
    let n = |v: &Value| v.as_f64().unwrap();
    let b = &l["bgnbd"];
    let bg = BgNbd::new(n(&b["r"]), n(&b["alpha"]), n(&b["a"]), n(&b["b"])).unwrap();
    let g = &l["gamma_gamma"];
    let gg = GammaGamma::new(n(&g["p"]), n(&g["q"]), n(&g["v"])).unwrap();
    let summary = summarize(&orders(), end(), TimeUnit::Week);
    let want = reference();
    assert_eq!((summary.customers.len(), want.len()), (23_570, 23_570));
    let mut worst = [0.0f64; 2];
    let mut zero_spend_repeat = 0;
    for (c, (id, w)) in summary.customers.iter().zip(&want) {
        assert_eq!(&c.customer_id, id);
        let (x, tx, t, m) = (c.frequency as f64, c.recency, c.t, c.monetary_value);
        // Source: cdnow_master_clv.csv (lifetimes' summary_data_from_transaction_data).
        assert_eq!(x, w[0], "{id} frequency");
        for (what, got, want) in [("recency", tx, w[1]), ("T", t, w[2]), ("monetary value", m, w[3])] {
            assert!(rel(got, want) <= 1e-12, "{id} {what}: {got} vs {want}");
        }
        if x > 0.0 && m <= 0.0 {
            zero_spend_repeat += 1;
        }
        let es = gg.conditional_expected_spend(x, m);
        let clv = value::clv_discrete(&bg, x, tx, t, es, value::ClvConvention::lifetimes(TimeUnit::Week));
        // Source: cdnow_master_clv.csv expected_spend, clv_12m (lifetimes 0.11.3).
        for (k, (got, want)) in [(es, w[4]), (clv, w[5])].into_iter().enumerate() {
            assert!(got.is_finite() && rel(got, want) <= SAME_PARAMS_REL_TOL, "{id}: {got} vs {want}");
            worst[k] = worst[k].max(rel(got, want));
        }
    }
    assert_eq!(zero_spend_repeat, 1);
    println!("max relative error expected spend, CLV: {worst:?}");
}

#[test]
fn our_fit_gives_every_customer_a_clv_within_0_2_percent_of_lifetimes() {
    let opts = ClvOptions { calibration_end: Some(end()), pareto_nbd: false, mbgnbd: false, aggregates: false, ..ClvOptions::default() };
    let r = analyze_clv(&orders(), &opts);
    assert_eq!(r.primary_model, Some("BG/NBD"));
    let fit = r.gamma_gamma.fit.as_ref().expect("the spend model is fitted despite the zero-spend customer");
    // Source: cdnow_master_lifetimes.json: 11,516 repeat buyers, 1 with mean spend 0.
    assert_eq!(r.gamma_gamma.excluded_non_positive, 1);
    let l = lifetimes();
    for (k, name) in ["p", "q", "v"].iter().enumerate() {
        let want = l["gamma_gamma"][name].as_f64().unwrap();
        assert!(rel(fit.params[k].value, want) <= 1e-4, "{name}: {} vs {want}", fit.params[k].value);
    }
    assert!(r.messages.iter().any(|m| m.contains("1 repeat buyers with a mean spend of 0")), "{:?}", r.messages);
    let want = reference();
    assert_eq!(r.customer_rows.len(), 23_570);
    let mut worst = 0.0f64;
    for (row, (id, w)) in r.customer_rows.iter().zip(&want) {
        assert_eq!(&row.customer_id, id);
        let clv = row.clv.unwrap_or_else(|| panic!("{id} has no CLV"));
        worst = worst.max(rel(clv, w[5]));
        assert!(rel(clv, w[5]) <= OWN_FIT_REL_TOL, "{id}: {clv} vs {}", w[5]);
    }
    println!("max relative CLV difference at our fit: {worst:e}");
}
