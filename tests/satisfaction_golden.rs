//! Golden tests of the satisfaction metrics on hand-checked fixtures
//! (tests/fixtures/satisfaction/*, expected values with their hand calculation or reference
//! tool in expected.json "source"), the published NPS example (Rocks 2016), property checks on
//! generated inputs, empty / one-answer inputs, and the sample shop (www/sample/*.csv).
//! Runs natively (`cargo test`) and in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --no-default-features --test satisfaction_golden`).

use chrono::NaiveDate;
use loyalty_scorecard::dataset::{Dataset, Order, OrderStatus, Question, QuestionKind, Review, Survey, SurveyResponse, Ticket};
use loyalty_scorecard::metrics::satisfaction::{analyze_satisfaction, compare, complaints, delivery, nps, ratings, text, Measure, SatisfactionOptions, SatisfactionReport, NOT_ENOUGH_DATA};
use loyalty_scorecard::metrics::Interval;
use serde_json::Value;
use std::collections::HashMap;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const ORDERS: &str = include_str!("fixtures/satisfaction/orders.csv");
const REVIEWS: &str = include_str!("fixtures/satisfaction/reviews.csv");
const TICKETS: &str = include_str!("fixtures/satisfaction/tickets.csv");
const SURVEY: &str = include_str!("fixtures/satisfaction/survey.csv");
const EXPECTED: &str = include_str!("fixtures/satisfaction/expected.json");

const SAMPLE_ORDERS: &str = include_str!("../www/sample/orders.csv");
const SAMPLE_REVIEWS: &str = include_str!("../www/sample/reviews.csv");
const SAMPLE_TICKETS: &str = include_str!("../www/sample/tickets.csv");
const SAMPLE_SURVEY: &str = include_str!("../www/sample/survey.csv");

// ---------------------------------------------------------------------------------------------
// A tiny CSV reader (RFC 4180 quoting) and record builders; the real readers live elsewhere.

fn parse_csv(text: &str) -> Vec<HashMap<String, String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\r') => {}
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    let header = rows.remove(0);
    rows.into_iter().map(|r| header.iter().cloned().zip(r).collect()).collect()
}

fn opt<T: From<String>>(r: &HashMap<String, String>, k: &str) -> Option<T> {
    r.get(k).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).map(T::from)
}
fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}
fn opt_date(r: &HashMap<String, String>, k: &str) -> Option<NaiveDate> {
    opt::<String>(r, k).map(|s| date(&s))
}
fn opt_num(r: &HashMap<String, String>, k: &str) -> Option<f64> {
    opt::<String>(r, k).map(|s| s.parse().unwrap())
}

fn dataset(orders: &str, reviews: &str, tickets: &str, survey: &str) -> Dataset {
    let orders = parse_csv(orders)
        .iter()
        .enumerate()
        .map(|(i, r)| Order {
            order_id: opt(r, "order_id"),
            promised_days: opt_num(r, "promised_days"),
            delivered: opt_date(r, "delivered_date"),
            product: opt(r, "product"),
            status: if opt::<String>(r, "status").as_deref() == Some("cancelled") { OrderStatus::Cancelled } else { OrderStatus::Completed },
            row: i + 2,
            ..Order::new(&r["customer_id"], date(&r["order_date"]), r["total"].parse().unwrap())
        })
        .collect();
    let reviews = parse_csv(reviews)
        .iter()
        .enumerate()
        .map(|(i, r)| Review {
            review_id: opt(r, "review_id"),
            order_id: opt(r, "order_id"),
            customer_id: opt(r, "customer_id"),
            product: opt(r, "product"),
            rating: r["rating"].parse().unwrap(),
            date: opt_date(r, "review_date"),
            text: opt(r, "text"),
            row: i + 2,
        })
        .collect();
    let tickets = parse_csv(tickets)
        .iter()
        .enumerate()
        .map(|(i, r)| Ticket {
            ticket_id: opt(r, "ticket_id"),
            customer_id: opt(r, "customer_id"),
            order_id: opt(r, "order_id"),
            opened: date(&r["opened"]),
            resolved: opt_date(r, "resolved"),
            category: opt(r, "category"),
            first_response_hours: opt_num(r, "first_response_hours"),
            resolution_hours: None,
            row: i + 2,
        })
        .collect();
    let header: Vec<&str> = survey.lines().next().unwrap().split(',').collect();
    let answer_cols: Vec<&str> = header.iter().copied().filter(|h| !["respondent_id", "customer_id", "date"].contains(h)).collect();
    let questions = answer_cols
        .iter()
        .map(|&h| {
            let (kind, min, max) = match h {
                "nps" => (QuestionKind::Nps, 0.0, 10.0),
                "csat" => (QuestionKind::Csat, 1.0, 5.0),
                "ces" => (QuestionKind::Ces, 1.0, 7.0),
                _ => (QuestionKind::Other, 1.0, 7.0),
            };
            Question { name: h.to_string(), kind, min, max }
        })
        .collect();
    let responses = parse_csv(survey)
        .iter()
        .enumerate()
        .map(|(i, r)| SurveyResponse {
            respondent_id: opt(r, "respondent_id"),
            customer_id: opt(r, "customer_id"),
            date: opt_date(r, "date"),
            answers: answer_cols.iter().map(|c| opt_num(r, c)).collect(),
            row: i + 2,
        })
        .collect();
    Dataset { orders, reviews, survey: Survey { questions, responses }, tickets }
}

// ---------------------------------------------------------------------------------------------
// Helpers.

fn fixture() -> (Value, f64) {
    let v: Value = serde_json::from_str(EXPECTED).unwrap();
    let tol = v["tolerance_abs"].as_f64().unwrap();
    (v, tol)
}

fn report() -> SatisfactionReport {
    let data = dataset(ORDERS, REVIEWS, TICKETS, SURVEY);
    analyze_satisfaction(&data, date("2024-03-31"), &SatisfactionOptions::default())
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("expected a number, got {v}"))
}

fn close(what: &str, got: f64, want: &Value, tol: f64) {
    let want = f(want);
    assert!((got - want).abs() <= tol, "{what}: got {got}, expected {want} (tolerance {tol})");
}

fn value(m: &Measure) -> f64 {
    m.value.unwrap_or_else(|| panic!("no value: {m:?}"))
}

fn close_ci(what: &str, ci: &Option<Interval>, want: &Value, tol: f64) {
    let ci = ci.as_ref().unwrap_or_else(|| panic!("{what}: no interval"));
    close(&format!("{what} lower"), ci.lower, &want[0], tol);
    close(&format!("{what} upper"), ci.upper, &want[1], tol);
}

fn close_measure(what: &str, m: &Measure, v: &Value, ci: &Value, tol: f64) {
    close(what, value(m), v, tol);
    close_ci(what, &m.interval, ci, tol);
}

// ---------------------------------------------------------------------------------------------
// Golden tests.

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn ratings_match_hand_calculation() {
    let (x, tol) = fixture();
    let e = &x["ratings"];
    let r = report().ratings.unwrap();
    close_measure("average", &r.overall.average, &e["average"], &e["average_ci"], tol);
    close_measure("top2", &r.overall.csat_top2, &e["top2"], &e["top2_ci"], tol);
    let dist: Vec<u64> = r.overall.distribution.iter().map(|s| s.count).collect();
    let want: Vec<u64> = e["distribution"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    assert_eq!(dist, want);
    assert_eq!(r.ignored, e["ignored"].as_u64().unwrap());
    assert!(r.overall.average.warning.as_ref().unwrap().en().contains("only 11 reviews"), "n < 30 warns");
    for (groups, want) in [(&r.by_month, &e["by_month"]), (&r.by_product, &e["by_product"])] {
        let want = want.as_array().unwrap();
        assert_eq!(groups.len(), want.len());
        for (g, w) in groups.iter().zip(want) {
            assert_eq!(g.group, w[0].as_str().unwrap());
            close_measure(&g.group, &g.summary.average, &w[1], &w[2], tol);
            close_measure(&g.group, &g.summary.csat_top2, &w[3], &w[4], tol);
        }
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn nps_matches_published_rocks_2016_example() {
    let (x, _) = fixture();
    let e = &x["nps_published"];
    let tol = f(&e["tolerance"]);
    let r = nps::nps_from_counts(e["promoters"].as_u64().unwrap(), e["passives"].as_u64().unwrap(), e["detractors"].as_u64().unwrap());
    // Source: Rocks (2016), MeasuringU: NPS 30; adjusted-Wald 29.1 ± 15.1 (95%).
    close("nps", value(&r.nps), &e["nps"], 1e-12);
    close("adjusted", r.adjusted.unwrap(), &e["adjusted"], tol);
    let ci = r.nps.interval.clone().unwrap();
    close("half width", (ci.upper - ci.lower) / 2.0, &e["half_width"], tol);
    close("centre", (ci.upper + ci.lower) / 2.0, &e["adjusted"], tol);
    // Same answers as raw scores.
    let scores: Vec<f64> = [vec![10.0; 50], vec![7.0; 30], vec![0.0; 20]].concat();
    assert_eq!(nps::nps(&scores), r);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn survey_scores_match_hand_calculation() {
    let (x, tol) = fixture();
    let e = &x["survey"];
    let s = report().survey_scores.unwrap();
    let n = s.nps.unwrap();
    close_measure("nps", &n.overall.nps, &e["nps"], &e["nps_ci"], tol);
    close("nps adjusted", n.overall.adjusted.unwrap(), &e["nps_adjusted"], tol);
    let counts = [n.overall.promoters, n.overall.passives, n.overall.detractors];
    assert_eq!(counts.to_vec(), e["nps_counts"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect::<Vec<_>>());
    let months: Vec<(String, f64)> = n.by_month.iter().map(|m| (m.month.clone(), value(&m.nps.nps))).collect();
    let want: Vec<(String, f64)> = e["nps_by_month"].as_array().unwrap().iter().map(|v| (v[0].as_str().unwrap().to_string(), f(&v[1]))).collect();
    assert_eq!(months, want);
    let c = s.csat.unwrap();
    close_measure("csat top2", &c.top2, &e["csat_top2"], &e["csat_top2_ci"], tol);
    close_measure("csat mean", &c.mean, &e["csat_mean"], &e["csat_mean_ci"], tol);
    let ces = s.ces.unwrap().ces;
    close_measure("ces mean", &ces.mean, &e["ces_mean"], &e["ces_mean_ci"], tol);
    close_measure("ces easy", &ces.easy_share, &e["ces_easy"], &e["ces_easy_ci"], tol);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn delivery_matches_hand_calculation_and_statsmodels() {
    let (x, tol) = fixture();
    let e = &x["delivery"];
    let d = report().delivery.unwrap();
    close("early", value(&d.early_share), &e["shares"][0], tol);
    close("on time", value(&d.on_time_share), &e["shares"][1], tol);
    close("late", value(&d.late_share), &e["shares"][2], tol);
    close_ci("early", &d.early_share.interval, &e["early_ci"], tol);
    close_ci("on time", &d.on_time_share.interval, &e["on_time_ci"], tol);
    close_ci("late", &d.late_share.interval, &e["on_time_ci"], tol); // also 4/10
    close_measure("mean miss", &d.mean_miss, &e["mean_miss"], &e["mean_miss_ci"], tol);
    close("median miss", value(&d.median_miss), &e["median_miss"], 0.0);
    let dist: Vec<(i64, u64, f64)> = d.miss_distribution.iter().map(|m| (m.miss_days, m.orders, m.mean_rating.unwrap())).collect();
    let want: Vec<(i64, u64, f64)> = e["miss_distribution"].as_array().unwrap().iter().map(|v| (v[0].as_i64().unwrap(), v[1].as_u64().unwrap(), f(&v[2]))).collect();
    assert_eq!(dist, want);

    // Source: statsmodels 0.15 OLS, see expected.json.
    let m = d.rating_model.unwrap();
    let em = &e["model"];
    assert_eq!(m.n, em["n"].as_u64().unwrap());
    assert!(m.per_day_early.is_none(), "only 2 early rated orders: no early term");
    close("a", m.intercept, &em["a"], tol);
    close("b", m.per_day_late, &em["b"], tol);
    close("a se", m.intercept_se, &em["a_se"], tol);
    close("b se", m.per_day_late_se, &em["b_se"], tol);
    close("s2", m.residual_variance, &em["s2"], tol);
    for (x0, key) in [(0.0, "expected_at_0"), (3.0, "expected_at_3")] {
        let (v, lo, hi) = m.expected_rating(x0);
        close(key, v, &e[key][0], tol);
        close(key, lo, &e[key][1], tol);
        close(key, hi, &e[key][2], tol);
    }

    let pairs: Vec<(i64, f64)> = e["early_model_pairs"].as_array().unwrap().iter().map(|p| (p[0].as_i64().unwrap(), f(&p[1]))).collect();
    let m = delivery::fit_rating_model(&pairs).unwrap();
    let p = &e["early_model"]["params"];
    let s = &e["early_model"]["bse"];
    close("early a", m.intercept, &p[0], tol);
    close("early b", m.per_day_late, &p[1], tol);
    close("early c", m.per_day_early.unwrap(), &p[2], tol);
    close("early a se", m.intercept_se, &s[0], tol);
    close("early b se", m.per_day_late_se, &s[1], tol);
    close("early c se", m.per_day_early_se.unwrap(), &s[2], tol);
    close("early s2", m.residual_variance, &e["early_model"]["s2"], tol);
    for (x0, key) in [(2.0, "early_expected_at_2"), (-1.0, "early_expected_at_minus_1")] {
        let (v, lo, hi) = m.expected_rating(x0);
        close(key, v, &e[key][0], tol);
        close(key, lo, &e[key][1], tol);
        close(key, hi, &e[key][2], tol);
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn response_time_matches_hand_calculation() {
    let (x, tol) = fixture();
    let e = &x["response_time"];
    let r = report().response_time.unwrap();
    close_measure("within", &r.within_promise, &e["within"], &e["within_ci"], tol);
    close("median", value(&r.median_hours), &e["median"], tol);
    close_measure("mean", &r.mean_hours, &e["mean"], &e["mean_ci"], tol);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn complaints_match_hand_calculation() {
    let (x, tol) = fixture();
    let e = &x["complaints"];
    let c = report().complaints.unwrap();
    assert_eq!(c.tickets, e["tickets"].as_u64().unwrap());
    close_measure("rate per order", &c.rate_per_order, &e["rate_per_order"], &e["rate_per_order_ci"], tol);
    assert_eq!(c.orders_with_ticket, e["orders_with_ticket"].as_u64().unwrap());
    close_measure("rate per customer", &c.rate_per_customer, &e["rate_per_customer"], &e["rate_per_customer_ci"], tol);
    assert_eq!(serde_json::to_value(c.target_status).unwrap(), e["target_status"]);
    close_measure("resolution", &c.resolution_rate, &e["resolution_rate"], &e["resolution_rate_ci"], tol);
    close("resolution median", value(&c.resolution_days_median), &e["resolution_median"], tol);
    close_measure("resolution mean", &c.resolution_days_mean, &e["resolution_mean"], &e["resolution_mean_ci"], tol);
    let cats: Vec<(String, u64)> = c.categories.iter().map(|k| (k.category.clone(), k.tickets)).collect();
    let want: Vec<(String, u64)> = e["categories"].as_array().unwrap().iter().map(|v| (v[0].as_str().unwrap().into(), v[1].as_u64().unwrap())).collect();
    assert_eq!(cats, want);
    let ice = |i: &complaints::Iceberg| [i.complaining_customers as f64, i.silent_unhappy_customers, i.unhappy_customers, i.people_reached];
    let want = |k: &str| -> Vec<f64> { e[k].as_array().unwrap().iter().map(f).collect() };
    assert_eq!(ice(&c.iceberg).to_vec(), want("iceberg_seeds"));
    assert_eq!(c.iceberg.assumptions, complaints::IcebergAssumptions::chinese_articles());
    let opts = SatisfactionOptions { iceberg: complaints::IcebergAssumptions::tarp(), ..SatisfactionOptions::default() };
    let tarp = analyze_satisfaction(&dataset(ORDERS, REVIEWS, TICKETS, SURVEY), date("2024-03-31"), &opts).complaints.unwrap();
    assert_eq!(ice(&tarp.iceberg).to_vec(), want("iceberg_tarp"));
    for (g, w) in c.recovery.iter().zip(e["recovery"].as_array().unwrap()) {
        assert_eq!(g.group, w[0].as_str().unwrap());
        assert_eq!((g.repurchase_rate.value.unwrap() * g.repurchase_rate.n as f64).round() as u64, w[1].as_u64().unwrap());
        assert_eq!(g.repurchase_rate.n, w[2].as_u64().unwrap());
        close_ci(g.group, &g.repurchase_rate.interval, &w[3], tol);
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn period_comparison_matches_scipy_and_statsmodels() {
    let (x, tol) = fixture();
    let e = &x["compare"];
    let c = report().comparison.unwrap();
    let p = e["periods"].as_array().unwrap();
    assert_eq!([c.earlier.start, c.earlier.end, c.later.start, c.later.end].map(|d| d.to_string()).to_vec(), p.iter().map(|v| v.as_str().unwrap().to_string()).collect::<Vec<_>>());
    let metrics: Vec<&str> = c.items.iter().map(|i| i.metric).collect();
    assert_eq!(metrics, ["average_rating", "csat_top2", "nps", "survey_csat"]);
    for item in &c.items {
        // Sources per metric in expected.json: scipy ttest_ind(equal_var=False), statsmodels
        // proportions_ztest + confint_proportions_2indep(method="newcomb"), adjusted-Wald difference.
        let w = &e[item.metric];
        close(item.metric, item.difference.unwrap(), &w[0], tol);
        close_ci(item.metric, &item.interval, &serde_json::json!([w[1], w[2]]), tol);
        close(item.metric, item.p_value.unwrap(), &w[3], tol);
        assert_eq!(item.verdict, compare::Verdict::WithinNoise, "{}", item.summary);
        assert!(item.summary.ends_with("within noise"), "{}", item.summary);
    }
    // A clear change is "more than noise": 40 answers of 2-3 stars against 40 of 4-5.
    let lo: Vec<f64> = (0..40).map(|i| 2.0 + (i % 2) as f64).collect();
    let hi: Vec<f64> = (0..40).map(|i| 4.0 + (i % 2) as f64).collect();
    assert_eq!(compare::compare_means("average_rating", &lo, &hi, 0.05).verdict, compare::Verdict::MoreThanNoise);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn review_text_matches_hand_tokenisation() {
    let (x, _) = fixture();
    let e = &x["text"];
    let t = report().review_text.unwrap();
    assert_eq!([t.reviews_with_text, t.low_reviews, t.high_reviews].to_vec(), ["reviews_with_text", "low_reviews", "high_reviews"].map(|k| e[k].as_u64().unwrap()).to_vec());
    for (got, want) in [(&t.low_terms, &e["low_terms"]), (&t.high_terms, &e["high_terms"])] {
        let want = want.as_array().unwrap();
        assert_eq!(got.iter().map(|s| s.term.as_str()).collect::<Vec<_>>(), want.iter().map(|w| w[0].as_str().unwrap()).collect::<Vec<_>>());
        for (s, w) in got.iter().zip(want) {
            assert_eq!((s.low_reviews, s.high_reviews), (w[1].as_u64().unwrap(), w[2].as_u64().unwrap()), "{}", s.term);
            close(&s.term, s.log_odds_ratio, &w[3], 1e-6);
            close(&s.term, s.z, &w[4], 1e-6);
        }
    }
    let order: Vec<&str> = t.lowest_rated.iter().map(|q| q.order_id.as_deref().unwrap()).collect();
    let want: Vec<&str> = e["lowest_rated_order"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(order, want);
    let first = &t.lowest_rated[0];
    let w = &e["first_lowest"];
    assert_eq!(
        (first.rating, first.date.unwrap().to_string(), first.product.as_deref().unwrap(), first.text.as_str()),
        (f(&w[0]), w[1].as_str().unwrap().to_string(), w[2].as_str().unwrap(), w[3].as_str().unwrap())
    );
    for ex in e["terms_examples"].as_array().unwrap() {
        let want: Vec<&str> = ex[1].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(text::terms(ex[0].as_str().unwrap()), want);
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn report_states_what_was_left_out() {
    let (x, _) = fixture();
    let r = report();
    for m in x["messages"]["contains"].as_array().unwrap() {
        assert!(r.messages.iter().any(|s| s.en() == m.as_str().unwrap()), "missing message {m}: {:?}", r.messages);
    }
    // Serializes with snake_case names.
    let v = serde_json::to_value(&r).unwrap();
    assert!(v["survey_scores"]["nps"]["overall"]["nps"]["value"].is_number());
    assert_eq!(v["comparison"]["items"][0]["verdict"], "within_noise");
}

// ---------------------------------------------------------------------------------------------
// Properties on generated inputs.

/// Small deterministic generator (64-bit LCG, Knuth's MMIX constants).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn check_share(what: &str, m: &Measure) {
    if let Some(v) = m.value {
        assert!((0.0..=1.0).contains(&v), "{what}: {v}");
        let ci = m.interval.as_ref().unwrap();
        assert!(0.0 <= ci.lower && ci.lower <= v + 1e-12 && v <= ci.upper + 1e-12 && ci.upper <= 1.0, "{what}: {ci:?}");
    } else {
        assert!(m.warning.as_ref().unwrap().en().starts_with(NOT_ENOUGH_DATA));
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn generated_inputs_stay_in_range() {
    let mut g = Lcg(2024);
    for round in 0..300 {
        let n = g.below(if round % 10 == 0 { 3 } else { 120 }) as usize;
        // Skewed mixes: sometimes all answers alike.
        let skew = g.below(4);
        let ratings: Vec<f64> = (0..n).map(|_| if skew == 0 { 5.0 } else { 1.0 + g.below(5) as f64 }).collect();
        let s = ratings::rating_summary(&ratings);
        check_share("csat", &s.csat_top2);
        if let Some(v) = s.average.value {
            assert!((1.0..=5.0).contains(&v));
        }
        assert!(s.distribution.iter().all(|d| (0.0..=1.0).contains(&d.share)));
        let scores: Vec<f64> = (0..n).map(|_| if skew == 1 { 0.0 } else { g.below(11) as f64 }).collect();
        let r = nps::nps(&scores);
        if let Some(v) = r.nps.value {
            let ci = r.nps.interval.as_ref().unwrap();
            assert!((-100.0..=100.0).contains(&v) && -100.0 <= ci.lower && ci.upper <= 100.0 && ci.lower < ci.upper, "{r:?}");
        }
        let ces = nps::ces(&scores.iter().map(|s| 1.0 + s % 7.0).collect::<Vec<_>>(), 1.0, 7.0);
        check_share("ces easy", &ces.easy_share);
        check_share("csat survey", &nps::csat_top2(&ratings, 1.0, 5.0));
        let k = g.below(n as u64 + 1);
        let c = compare::compare_proportions("p", k, n as u64, g.below(n as u64 + 1).min(n as u64), n as u64, 0.05);
        if let Some(p) = c.p_value {
            assert!((0.0..=1.0).contains(&p));
            assert!((-1.0..=1.0).contains(&c.difference.unwrap()));
        }
        // Delivery shares and the rating model.
        let start = date("2024-01-01");
        let orders: Vec<Order> = (0..n)
            .map(|i| Order {
                order_id: Some(format!("o{i}").into()),
                promised_days: Some(3.0),
                delivered: Some(start + chrono::Duration::days(1 + g.below(8) as i64)),
                ..Order::new(&format!("c{}", g.below(20)), start, 1.0)
            })
            .collect();
        let reviews: Vec<Review> =
            orders.iter().zip(&ratings).map(|(o, r)| Review { review_id: None, order_id: o.order_id.clone(), customer_id: None, product: None, rating: *r, date: None, text: None, row: 0 }).collect();
        if let Some(d) = delivery::delivery_report(&orders, &reviews) {
            for m in [&d.early_share, &d.on_time_share, &d.late_share] {
                check_share("delivery", m);
            }
            let sum: f64 = [&d.early_share, &d.on_time_share, &d.late_share].iter().map(|m| m.value.unwrap()).sum();
            assert!((sum - 1.0).abs() < 1e-12);
            if let Some(m) = d.rating_model {
                for x0 in [-2.0, 0.0, 3.0, 10.0] {
                    let (v, lo, hi) = m.expected_rating(x0);
                    assert!(v.is_finite() && (1.0..=5.0).contains(&lo) && lo <= v && v <= hi && hi <= 5.0);
                }
            }
        }
        let tickets: Vec<Ticket> = (0..g.below(n as u64 + 1))
            .map(|i| Ticket {
                ticket_id: None,
                customer_id: Some(format!("c{}", g.below(25)).into()),
                order_id: Some(format!("o{}", g.below(n as u64 + 5)).into()),
                opened: start + chrono::Duration::days(g.below(60) as i64),
                resolved: (i % 3 != 0).then(|| start + chrono::Duration::days(60 + g.below(10) as i64)),
                category: None,
                first_response_hours: Some(g.below(72) as f64),
                resolution_hours: None,
                row: 0,
            })
            .collect();
        let data = Dataset { orders: orders.into(), reviews: reviews.into(), survey: Survey::default(), tickets };
        let rep = analyze_satisfaction(&data, date("2024-06-30"), &SatisfactionOptions::default());
        if let Some(c) = &rep.complaints {
            check_share("rate per order interval", &Measure { value: c.rate_per_order.value.map(|v| v.min(1.0)), ..c.rate_per_order.clone() });
            check_share("rate per customer", &c.rate_per_customer);
            check_share("resolution", &c.resolution_rate);
            c.recovery.iter().for_each(|g| check_share(g.group, &g.repurchase_rate));
        }
        let debug = format!("{rep:?}");
        let non_finite = ["NaN", " inf,", " inf ", "(inf", "-inf"].iter().any(|p| debug.contains(p));
        assert!(!non_finite, "non-finite number in {debug}");
    }
}

// ---------------------------------------------------------------------------------------------
// Empty and one-answer inputs: "not enough data", never NaN.

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn empty_and_single_answers_say_not_enough_data() {
    let nod = |m: &Measure| m.value.is_none() && m.interval.is_none() && m.warning.as_ref().unwrap().en().starts_with(NOT_ENOUGH_DATA);
    let s = ratings::rating_summary(&[]);
    assert!(nod(&s.average) && nod(&s.csat_top2));
    assert!(s.distribution.iter().all(|d| d.share == 0.0));
    assert!(nod(&nps::nps(&[]).nps) && nps::nps(&[]).adjusted.is_none());
    assert!(nod(&nps::csat_top2(&[], 1.0, 5.0)));
    let c = nps::ces(&[], 1.0, 7.0);
    assert!(nod(&c.mean) && nod(&c.easy_share));
    assert!(delivery::delivery_report(&[], &[]).is_none());
    assert!(delivery::fit_rating_model(&[]).is_none());
    assert!(delivery::response_time(&[], 24.0).is_none());
    assert!(text::text_report(&[], &[], &SatisfactionOptions::default()).is_none());
    let cmp = compare::compare_means("average_rating", &[], &[4.0], 0.05);
    assert_eq!((cmp.verdict, cmp.p_value, cmp.difference), (compare::Verdict::NotEnoughData, None, None));
    assert_eq!(compare::compare_nps(&[], &[9.0], 0.05).verdict, compare::Verdict::NotEnoughData);
    assert_eq!(compare::compare_proportions("p", 0, 0, 1, 1, 0.05).verdict, compare::Verdict::NotEnoughData);

    // One answer: a value, no mean interval, and a warning.
    let s = ratings::rating_summary(&[4.0]);
    assert_eq!(s.average.value, Some(4.0));
    assert!(s.average.interval.is_none());
    assert!(s.average.warning.as_ref().unwrap().en().contains("only 1"));
    assert_eq!(s.csat_top2.value, Some(1.0));
    assert!(s.csat_top2.warning.is_some());
    let r = nps::nps(&[9.0]);
    assert_eq!(r.nps.value, Some(100.0));
    assert!(r.nps.warning.is_some() && r.nps.interval.as_ref().unwrap().lower > -100.0);
    assert!(compare::compare_means("average_rating", &[3.0], &[4.0], 0.05).p_value.is_none());
    let one_ticket = Ticket {
        ticket_id: None,
        customer_id: Some("A".into()),
        order_id: None,
        opened: date("2024-01-02"),
        resolved: None,
        category: None,
        first_response_hours: None,
        resolution_hours: None,
        row: 0,
    };
    let c = complaints::complaints_report(&[Order::new("A", date("2024-01-01"), 1.0)], &[one_ticket], date("2024-01-03"), &SatisfactionOptions::default());
    assert!(nod(&c.resolution_days_median) && nod(&c.resolution_days_mean));
    assert!(c.recovery.iter().all(|g| nod(&g.repurchase_rate)), "no customer had 60 days to come back");

    // The whole analysis on an empty data set.
    let rep = analyze_satisfaction(&Dataset::default(), date("2024-01-01"), &SatisfactionOptions::default());
    assert!(rep.ratings.is_none() && rep.survey_scores.is_none() && rep.delivery.is_none() && rep.complaints.is_none());
    assert!(rep.comparison.is_none() && rep.review_text.is_none() && rep.response_time.is_none());
    assert!(rep.messages.iter().any(|m| m.en() == "ratings: no reviews"));
    let json = serde_json::to_string(&rep).unwrap();
    assert!(!json.contains("NaN"));
}

// ---------------------------------------------------------------------------------------------
// The sample shop (www/sample/*.csv, identical to `sample-shop` output with the default seed).

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn sample_shop_is_sane() {
    let data = dataset(SAMPLE_ORDERS, SAMPLE_REVIEWS, SAMPLE_TICKETS, SAMPLE_SURVEY);
    let as_of = data.orders.iter().map(|o| o.date).max().unwrap();
    let rep = analyze_satisfaction(&data, as_of, &SatisfactionOptions::default());

    let r = rep.ratings.as_ref().unwrap();
    assert!(r.overall.average.n > 1000 && r.overall.average.warning.is_none());
    assert!(r.by_month.len() >= 17);

    // Late orders are rated lower: negative slope per late day, clearly below zero.
    let d = rep.delivery.as_ref().unwrap();
    let m = d.rating_model.as_ref().unwrap();
    assert!(m.per_day_late + 1.96 * m.per_day_late_se < 0.0, "slope {} ± {}", m.per_day_late, m.per_day_late_se);
    assert!(m.expected_rating(0.0).0 > m.expected_rating(3.0).0 + 0.5);
    let (late, on_time): (Vec<_>, Vec<_>) = d.miss_distribution.iter().filter(|x| x.ratings > 0).partition(|x| x.miss_days > 0);
    let mean = |v: &[&delivery::MissCount]| v.iter().map(|x| x.mean_rating.unwrap() * x.ratings as f64).sum::<f64>() / v.iter().map(|x| x.ratings as f64).sum::<f64>();
    assert!(mean(&late) < mean(&on_time) - 0.5, "late {} vs on time/early {}", mean(&late), mean(&on_time));
    let late_share = d.late_share.value.unwrap();
    assert!((0.12..=0.30).contains(&late_share), "late share {late_share}");

    // About 6.5% tickets per order.
    let c = rep.complaints.as_ref().unwrap();
    let rate = c.rate_per_order.value.unwrap();
    assert!((0.055..=0.075).contains(&rate), "ticket rate {rate}");
    assert_eq!(c.target_status, complaints::TargetStatus::Below);
    assert!((0.75..=0.95).contains(&c.resolution_rate.value.unwrap()));
    assert!(c.recovery.iter().all(|g| g.repurchase_rate.value.is_some()));

    let s = rep.survey_scores.as_ref().unwrap();
    let nps_v = s.nps.as_ref().unwrap().overall.nps.value.unwrap();
    assert!((-100.0..=100.0).contains(&nps_v));
    assert!(s.csat.as_ref().unwrap().top2.value.is_some() && s.ces.as_ref().unwrap().ces.mean.value.is_some());
    assert!(rep.comparison.as_ref().unwrap().items.len() == 4);

    let t = rep.review_text.as_ref().unwrap();
    assert!(t.lowest_rated.iter().all(|q| q.rating <= 2.0));
    let low: Vec<&str> = t.low_terms.iter().map(|s| s.term.as_str()).collect();
    assert!(low.iter().any(|w| w.contains("late")), "low-rating terms: {low:?}");
    // Chinese reviews (about a fifth) are segmented into bigrams: 物流 ("logistics") is typical
    // of low ratings, 很好 ("very good") of high ones, once the lists are long enough.
    let opts = SatisfactionOptions { top_terms: 1000, ..SatisfactionOptions::default() };
    let t = analyze_satisfaction(&data, as_of, &opts).review_text.unwrap();
    let wuliu = t.low_terms.iter().find(|s| s.term == "物流").expect("物流 among low-rating terms");
    assert!(wuliu.low_reviews >= 3 && wuliu.high_reviews == 0 && wuliu.z > 1.0, "{wuliu:?}");
    assert!(t.high_terms.iter().any(|s| s.term == "很好" && s.z < -1.0));
}
