//! Golden and property tests of the expectation calculator (`metrics::expectation`): delivery
//! histories whose optimum is known by hand, invariants over generated histories, and
//! degenerate inputs (never NaN, never a panic).

use loyalty_scorecard::metrics::expectation::factors::{default_weights, expected_level, normalise, FactorValues, Stage};
use loyalty_scorecard::metrics::expectation::promise::*;
use loyalty_scorecard::metrics::expectation::{calculate, CalculatorData, ExpectationOptions};
use loyalty_scorecard::{analyze, AnalysisOptions, InputFile};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Hand-calculated values are quoted to 6 decimals.
const HAND_TOL: f64 = 5e-7;

fn dist(days: &[u32]) -> DelayDistribution {
    DelayDistribution::from_days(days.iter().copied(), DelaySource::Orders).unwrap()
}

fn link(on_time: f64, late: f64) -> RatingLink {
    RatingLink { on_time_rating: on_time, per_day_late: late, per_day_early: 0.0, fitted_on: None, early_cap: None }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn all_orders_take_three_days() {
    let d = dist(&[3; 40]);
    let a = analyze_promise(&d, &RatingLink::default_link(), 0.1, Some(5.0), 0.95).unwrap();
    for p in &a.curve {
        // On-time share is 0 below 3 days and 1 from 3 days on.
        assert_eq!(p.on_time.value, if p.days < 3.0 { 0.0 } else { 1.0 }, "d = {}", p.days);
    }
    // Default link 4.5★ − 0.5★/day late, s = (r − 1)/4, A = e^{−0.1(d−1)}:
    // V(1) = 1 · (3.5 − 1)/4 = 0.625; V(2) = e^{−0.1} · 0.75 = 0.678628;
    // V(3) = e^{−0.2} · 0.875 = 0.716389; V(4) = e^{−0.3} · 0.875 = 0.648216.
    let v: Vec<f64> = a.curve.iter().map(|p| p.value).collect();
    for (got, want) in v.iter().zip([0.625, 0.678_628, 0.716_389, 0.648_216]) {
        assert!((got - want).abs() < HAND_TOL, "{got} vs {want}");
    }
    assert_eq!(a.recommended_days, 3);
    assert_eq!(a.shortest_meeting_target, Some(3));
    assert_eq!(a.median_days, 3);
    assert_eq!(a.current.as_ref().unwrap().on_time.value, 1.0);
    // Wilson interval of 40 of 40: (0.912, 1).
    let ci = a.recommended.on_time.interval.as_ref().unwrap();
    assert!(ci.upper == 1.0 && (ci.lower - 0.912_376).abs() < 1e-5, "{ci:?}");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn two_point_distribution_optimum_by_hand() {
    // Half the orders take 2 days, half 5. Link 5★ on time, −1★ per day late, no early effect:
    // s(m) = 1 for m ≤ 0, (4 − m)/4 for m > 0.
    let d = dist(&[2, 2, 5, 5]);
    let l = link(5.0, -1.0);
    // k = 0.2: V(1) = (0.75 + 0)/2 = 0.375; V(2) = e^{−0.2}·(1 + 0.25)/2 = 0.511707;
    // V(3) = e^{−0.4}·(1 + 0.5)/2 = 0.502740; V(4) = e^{−0.6}·0.875 = 0.480210; V(5) = e^{−0.8} = 0.449329.
    let a = analyze_promise(&d, &l, 0.2, None, 0.95).unwrap();
    let want = [0.375, 0.511_707, 0.502_740, 0.480_210, 0.449_329];
    for (p, w) in a.curve.iter().zip(want) {
        assert!((p.value - w).abs() < HAND_TOL, "d = {}: {} vs {w}", p.days, p.value);
    }
    assert_eq!(a.recommended_days, 2);
    assert_eq!(a.recommended.on_time.value, 0.5);
    // k = 0.1: V(2) = 0.565523, V(3) = 0.614048, V(4) = 0.648216, V(5) = e^{−0.4} = 0.670320,
    // V(6) = e^{−0.5} = 0.606531: the balance point moves to 5 days.
    let a = analyze_promise(&d, &l, 0.1, None, 0.95).unwrap();
    assert_eq!(a.recommended_days, 5);
    assert!((a.recommended.value - 0.670_320).abs() < HAND_TOL);
    assert!((a.curve[3].value - 0.648_216).abs() < HAND_TOL);
    // No attractiveness loss (k = 0): every promise from 5 days on is best; the shortest wins.
    assert_eq!(analyze_promise(&d, &l, 0.0, None, 0.95).unwrap().recommended_days, 5);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn what_if_faster_delivery() {
    // 10 orders of 4 days, promise 3: all late. 25% faster: 3 days, all on time.
    let d = dist(&[4; 10]);
    let repeat = RepeatSplit { on_time_customers: 100, on_time_repeaters: 40, late_customers: 50, late_repeaters: 10, followed_days: 60 };
    let w = what_if(&d, &RatingLink::default_link(), 3.0, 0.25, Some(&repeat)).unwrap();
    assert_eq!((w.before.on_time, w.after.on_time), (0.0, 1.0));
    assert!((w.before.expected_rating - 4.0).abs() < 1e-12 && (w.after.expected_rating - 4.5).abs() < 1e-12);
    // Repeat rate: 40/100 after on time, 10/50 after late; before 0.2, after 0.4.
    let (b, a) = (w.before.repeat_rate.unwrap(), w.after.repeat_rate.unwrap());
    assert!((b.value - 0.2).abs() < 1e-12 && (a.value - 0.4).abs() < 1e-12);
    assert!(b.low < b.value && b.value < b.high);
    // Speed-up is clamped to 0-0.9; NaN is no speed-up.
    assert_eq!(what_if(&d, &RatingLink::default_link(), 3.0, f64::NAN, None).unwrap().speed_up, 0.0);
    assert_eq!(what_if(&d, &RatingLink::default_link(), 3.0, 5.0, None).unwrap().speed_up, 0.9);
}

/// A small deterministic generator (xorshift) for the property tests.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn properties_over_generated_histories() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..300 {
        let n = 1 + rng.below(80) as usize;
        let days: Vec<u32> = (0..n).map(|_| rng.below(15) as u32).collect();
        let d = dist(&days);
        let l = link(3.0 + rng.below(20) as f64 / 10.0, -(rng.below(15) as f64) / 10.0);
        let k = rng.below(40) as f64 / 100.0;
        let a = analyze_promise(&d, &l, k, Some(1.0 + rng.below(8) as f64), 0.9).unwrap();
        let mut last_on_time = -1.0;
        let mut last_a = f64::INFINITY;
        for p in &a.curve {
            // More slack never lowers the on-time share; attractiveness only falls.
            assert!(p.on_time.value >= last_on_time, "case {case}");
            assert!(p.attractiveness <= last_a + 1e-15, "case {case}");
            last_on_time = p.on_time.value;
            last_a = p.attractiveness;
            for v in [p.value, p.satisfaction, p.expected_rating, p.relative_value, p.late_share] {
                assert!(v.is_finite(), "case {case}");
            }
            assert!((1.0..=5.0).contains(&p.expected_rating) && (0.0..=1.0).contains(&p.satisfaction));
            assert!(p.relative_value <= 1.0 + 1e-12);
            if let Some(ci) = &p.on_time.interval {
                assert!(ci.lower <= p.on_time.value + 1e-12 && p.on_time.value <= ci.upper + 1e-12);
            }
        }
        // The recommendation is the maximum of the curve, and the target promise really meets it.
        let best = a.curve.iter().map(|p| p.value).fold(f64::MIN, f64::max);
        assert_eq!(a.recommended.value, best, "case {case}");
        if let Some(t) = a.shortest_meeting_target {
            assert!(a.curve[t as usize - 1].on_time.value >= 0.9);
            assert!(t == 1 || a.curve[t as usize - 2].on_time.value < 0.9);
        }
        // With no attractiveness loss, satisfaction and so V only rise with slack (no early term).
        let flat = analyze_promise(&d, &l, 0.0, None, 0.9).unwrap();
        assert!(flat.curve.windows(2).all(|w| w[1].value >= w[0].value - 1e-12), "case {case}");
        // Faster deliveries never lower the on-time share.
        let w = what_if(&d, &l, 3.0, rng.below(90) as f64 / 100.0, None).unwrap();
        assert!(w.after.on_time >= w.before.on_time - 1e-12 && w.after.expected_rating >= w.before.expected_rating - 1e-12, "case {case}: {w:?}");
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn weights_sum_to_one_and_level_stays_in_range() {
    for stage in Stage::ALL {
        let w = default_weights(stage).to_array();
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-15, "{stage:?}");
    }
    // The source's orderings (《影响客户期望的因素》) hold for the default weights.
    let [wom, ads, role, past, needs, price] = default_weights(Stage::Prospect).to_array();
    assert!(wom > ads && ads > role + needs && price <= role && past <= role);
    let [wom, ads, role, past, needs, _] = default_weights(Stage::FirstTime).to_array();
    assert!(past > wom && wom > ads && ads > role && ads > needs);
    let [wom, ads, role, past, needs, _] = default_weights(Stage::LongTerm).to_array();
    assert!(past > role + needs && role + needs > wom && wom > ads);
    let mut rng = Rng(42);
    for _ in 0..500 {
        let stage = Stage::ALL[rng.below(3) as usize];
        let scores = FactorValues::from_array([0; 6].map(|_| rng.below(300) as f64 / 10.0 - 10.0));
        let weights = FactorValues::from_array([0; 6].map(|_| rng.below(100) as f64 - 20.0));
        for e in [expected_level(stage, &scores, None), expected_level(stage, &scores, Some(&weights))] {
            assert!((0.0..=10.0).contains(&e.value));
            assert!((e.contributions.iter().map(|c| c.weight).sum::<f64>() - 1.0).abs() < 1e-12);
            assert!((e.contributions.iter().map(|c| c.points).sum::<f64>() - e.value).abs() < 1e-9);
        }
    }
    // Unusable weights fall back to the stage's defaults; NaN scores count as 5.
    assert!(normalise(FactorValues::splat(0.0)).is_none());
    let e = expected_level(Stage::LongTerm, &FactorValues::splat(f64::NAN), Some(&FactorValues::splat(-1.0)));
    assert!(e.default_weights && (e.value - 5.0).abs() < 1e-12);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn degenerate_inputs_say_not_enough_data() {
    let none = calculate(&CalculatorData::default(), &ExpectationOptions::default());
    assert!(none.promise.is_none() && none.what_if.is_none());
    assert!(none.promise_missing.as_ref().unwrap().starts_with("not enough data"));
    for manual in [
        DelayInput::List { days: vec![] },
        DelayInput::List { days: vec![f64::NAN, -1.0, f64::INFINITY] },
        DelayInput::TypicalWorst { typical: 0.0, worst: 3.0 },
        DelayInput::TypicalWorst { typical: 5.0, worst: 2.0 },
        DelayInput::TypicalWorst { typical: f64::NAN, worst: 2.0 },
    ] {
        let r = calculate(&CalculatorData::default(), &ExpectationOptions { manual: Some(manual.clone()), ..Default::default() });
        assert!(r.promise.is_none(), "{manual:?}");
        assert!(r.promise_missing.unwrap().starts_with("not enough data"));
    }
    // Odd but usable inputs: same-day deliveries, equal typical and worst, extreme options.
    let opts = ExpectationOptions {
        manual: Some(DelayInput::TypicalWorst { typical: 4.0, worst: 4.0 }),
        attractiveness_k: f64::NAN,
        target_on_time: 7.0,
        speed_up: -3.0,
        current_promise: Some(f64::INFINITY),
        rating: Some(RatingLink { on_time_rating: f64::NAN, per_day_late: 1.0, per_day_early: 0.0, fitted_on: None, early_cap: None }),
        ..Default::default()
    };
    let r = calculate(&CalculatorData::default(), &opts);
    let p = r.promise.unwrap();
    assert_eq!(p.recommended_days, 4);
    assert!(serde_json::to_string(&r.what_if).unwrap().len() > 2);
    let same_day = analyze_promise(&dist(&[0, 0, 0]), &RatingLink::default_link(), 0.1, None, 0.95).unwrap();
    assert_eq!(same_day.recommended_days, 1);
    let json = serde_json::to_string(&same_day).unwrap();
    assert!(!json.contains("NaN") && !json.contains("null,\"late"));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn scorecard_section_from_files() {
    // 3 customers; deliveries of 2, 3 and 6 days against a 3-day promise; C buys again.
    let csv = "order_id,customer_id,order_date,total,promised_days,delivered_date\n\
               1,A,2024-01-01,10,3,2024-01-03\n2,B,2024-01-01,10,3,2024-01-04\n3,C,2024-01-01,10,3,2024-01-07\n\
               4,C,2024-05-01,10,5,\n";
    let card = analyze(&[InputFile::orders("o.csv", csv.as_bytes())], &AnalysisOptions::default()).unwrap();
    let e = card.expectation.unwrap();
    assert_eq!(e.data.current_promise, Some(3.0));
    assert_eq!(e.data.delivery.as_ref().unwrap().n, Some(3));
    let r = e.data.repeat.as_ref().unwrap();
    assert_eq!((r.on_time_customers, r.on_time_repeaters, r.late_customers, r.late_repeaters), (2, 0, 1, 1));
    let p = e.result.promise.as_ref().unwrap();
    assert!((p.current.as_ref().unwrap().on_time.value - 2.0 / 3.0).abs() < 1e-12);
    // No reviews: the default link.
    assert_eq!(p.rating.fitted_on, None);
    // Recomputing from the section's own data gives the same answer (what the page does).
    assert_eq!(calculate(&e.data, &e.options), e.result);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn rating_link_is_the_fitted_model() {
    use loyalty_scorecard::metrics::satisfaction::delivery::fit_rating_model;
    // Late and early rated orders (≥ 5 early): the model has an early term.
    let pairs: Vec<(i64, f64)> = [(-2, 5.0), (-1, 5.0), (-1, 4.0), (-2, 4.0), (-1, 5.0), (0, 4.0), (0, 5.0), (1, 3.0), (2, 3.0), (3, 1.0), (0, 4.0)].to_vec();
    let m = fit_rating_model(&pairs).unwrap();
    assert!(m.per_day_early.is_some());
    let l = RatingLink::from_model(&m, Some(2.0));
    for miss in [-2.0, -1.5, 0.0, 0.5, 1.0, 3.0, 9.0] {
        assert!((l.rating(miss) - m.expected_rating(miss).0).abs() < 1e-12, "miss {miss}");
    }
    // Beyond the most days early seen, the early effect stays at its cap.
    assert_eq!(l.rating(-6.0), l.rating(-2.0));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn speed_up_spreads_whole_days() {
    // Deliveries of 1 and 5 days, 50% faster: (0, 1] → (0, 0.5] = day 1; (4, 5] → (2, 2.5] = day 3.
    let d = dist(&[1, 5]).scaled(0.5);
    assert_eq!(d.mass.iter().map(|m| (m.days, m.weight)).collect::<Vec<_>>(), vec![(1, 1.0), (3, 1.0)]);
    // 3 days, 10% faster: (2, 3] → (1.8, 2.7]: 2/9 on day 2, 7/9 on day 3.
    let d = dist(&[3]).scaled(0.9);
    assert!((d.on_time(2.0).0 - 0.2 / 0.9).abs() < 1e-12 && (d.on_time(3.0).0 - 1.0).abs() < 1e-12);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_view_has_every_text_in_three_languages() {
    use loyalty_scorecard::metrics::expectation::factors::Factor;
    use loyalty_scorecard::view::expectation::{controls, results, section, ControlState};
    use loyalty_scorecard::view::Lang;
    let csv = "order_id,customer_id,order_date,total,promised_days,delivered_date\n\
               1,A,2024-01-01,10,3,2024-01-03\n2,B,2024-01-01,10,3,2024-01-04\n3,C,2024-01-01,10,3,2024-01-07\n";
    let card = analyze(&[InputFile::orders("o.csv", csv.as_bytes())], &AnalysisOptions::default()).unwrap();
    let e = card.expectation.unwrap();
    let none = calculate(&CalculatorData::default(), &ExpectationOptions::default());
    for lang in [Lang::En, Lang::ZhCn, Lang::ZhTw] {
        let opts = ExpectationOptions::default();
        let state = ControlState { options: &opts, has_data: true, promise: 3.0, promise_max: 8, typical: 3.0, worst: 7.0 };
        for node in [section(lang, &e), results(lang, &none, None), controls(lang, &state)] {
            let text = node.text_content();
            assert!(!text.contains('?') && !text.contains("NaN") && !text.contains('{'), "{lang:?}: {text}");
        }
        let c = controls(lang, &state);
        for f in Factor::ALL {
            assert!(c.find("data-factor", f.key()).is_some());
        }
    }
    let en = section(Lang::En, &e).text_content();
    assert!(en.contains("Promise 3 days: 67% of orders arrive in time. Promising 2 days would make 67% late."), "{en}");
    // Chinese uses the source's terms.
    let cn = section(Lang::ZhCn, &e).text_content();
    assert!(cn.contains("平衡点") && cn.contains("承诺 3 天"), "{cn}");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn response_hours_and_segments_use_the_same_cdf() {
    // Tickets answered after 1, 3, 5 and 30 hours: within 1 h 1/4, 2 h 1/4, 4 h 2/4, 6 h 3/4,
    // 8-24 h 3/4, 36 h 4/4 (the grid stops at the first promise covering every ticket).
    let h = DelayDistribution::from_days([1, 3, 5, 30], DelaySource::Orders).unwrap();
    let r = response_curve(&h, 0.95).unwrap();
    let got: Vec<(u32, f64)> = r.curve.iter().map(|p| (p.hours, p.within.value)).collect();
    assert_eq!(got, vec![(1, 0.25), (2, 0.25), (4, 0.5), (6, 0.75), (8, 0.75), (12, 0.75), (24, 0.75), (36, 1.0)]);
    assert_eq!(r.shortest_meeting_target, Some(36));
    // Two products of 30 delivered orders each: 2 days and 5 days. Default link, k = 0.1:
    // 5 days: V(5) = e^{−0.4}·0.875 = 0.586530 > V(4) = e^{−0.3}·0.75 = 0.555614.
    let mut csv = String::from("order_id,customer_id,order_date,total,promised_days,delivered_date,product\n");
    for i in 0..30 {
        csv.push_str(&format!("a{i},A{i},2024-01-01,10,3,2024-01-03,Mugs\nb{i},B{i},2024-01-01,10,3,2024-01-06,Chairs\n"));
    }
    let opts = AnalysisOptions { expectation: ExpectationOptions { by_segment: true, ..Default::default() }, ..Default::default() };
    let card = analyze(&[InputFile::orders("o.csv", csv.as_bytes())], &opts).unwrap();
    let segs = &card.expectation.unwrap().result.segments;
    let got: Vec<(&str, u64, u32, f64)> = segs.iter().map(|s| (s.segment.as_str(), s.orders, s.recommended_days, s.on_time_at_recommended)).collect();
    assert_eq!(got, vec![("Chairs", 30, 5, 1.0), ("Mugs", 30, 2, 1.0)]);
    assert_eq!(segs[0].on_time_at_current, Some(0.0));
}
