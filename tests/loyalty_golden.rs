//! Golden tests of the loyalty metrics on a hand-checked fixture (tests/fixtures/loyalty/*):
//! every expected value is worked out by hand in the fixture's "source" field. Plus edge cases
//! (no NaN anywhere), properties over generated shops, and a sanity check on the sample shop.
//! Runs natively (`cargo test`) and in headless Chromium (`cargo test --target wasm32-unknown-unknown`).

use chrono::NaiveDate;
use loyalty_scorecard::dataset::{Order, OrderStatus};
use loyalty_scorecard::input::orders::read_orders;
use loyalty_scorecard::metrics::loyalty::cohorts::cohorts;
use loyalty_scorecard::metrics::loyalty::concentration::{concentration, TierThresholds};
use loyalty_scorecard::metrics::loyalty::interpurchase::interpurchase;
use loyalty_scorecard::metrics::loyalty::leaky::{leaky_bucket, DEFAULT_MARGIN, DEFAULT_RETENTION_UPLIFT};
use loyalty_scorecard::metrics::loyalty::periods::{periods, Granularity, PeriodRow};
use loyalty_scorecard::metrics::loyalty::rfm::rfm;
use loyalty_scorecard::metrics::loyalty::{analyze_loyalty, customer_table, customer_table_csv, LoyaltyOptions, LoyaltyReport};
use serde_json::Value;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const CSV: &str = include_str!("fixtures/loyalty/small_shop.csv");
const EXPECTED: &str = include_str!("fixtures/loyalty/small_shop.json");

struct Fixture {
    orders: Vec<Order>,
    as_of: NaiveDate,
    opts: LoyaltyOptions,
    e: Value,
    tol: f64,
}

fn fixture() -> Fixture {
    let f: Value = serde_json::from_str(EXPECTED).unwrap();
    let (orders, account) = read_orders("small_shop.csv", CSV.as_bytes()).unwrap();
    assert_eq!(account.rows_rejected, 0);
    let opts = LoyaltyOptions {
        churn_window_days: Some(f["options"]["churn_window_days"].as_u64().unwrap() as u32),
        cohort_window_months: f["options"]["cohort_window_months"].as_u64().unwrap() as u32,
        weekly: true,
        ..LoyaltyOptions::default()
    };
    Fixture { orders, as_of: date(f["as_of"].as_str().unwrap()), opts, tol: f["tolerance_abs"].as_f64().unwrap(), e: f["expected"].clone() }
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn close(what: &str, got: f64, want: &Value, tol: f64) {
    let want = want.as_f64().unwrap_or_else(|| panic!("{what}: expected value missing"));
    assert!((got - want).abs() <= tol, "{what}: got {got}, expected {want} (tolerance {tol})");
}

fn int(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not an integer: {v}"))
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

fn close_all(what: &str, got: &[f64], want: &Value, tol: f64) {
    let want = floats(want);
    assert_eq!(got.len(), want.len(), "{what}: {got:?} vs {want:?}");
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert!((g - w).abs() <= tol, "{what}[{i}]: got {g}, expected {w}");
    }
}

/// `[period, complete, active, new, returning, rate, orders, revenue, new_revenue, returning_revenue]`
fn check_period(row: &PeriodRow, want: &Value, tol: f64) {
    let what = &row.period;
    assert_eq!(row.period, want[0].as_str().unwrap());
    assert_eq!(row.complete, want[1].as_bool().unwrap(), "{what} complete");
    assert_eq!([row.active_customers, row.new_customers, row.returning_customers], [int(&want[2]), int(&want[3]), int(&want[4])], "{what} active/new/returning");
    close(&format!("{what} returning rate"), row.returning_customer_rate.unwrap(), &want[5], tol);
    assert_eq!(row.orders, int(&want[6]), "{what} orders");
    close(&format!("{what} revenue"), row.revenue, &want[7], tol);
    close(&format!("{what} new revenue"), row.new_customer_revenue, &want[8], tol);
    close(&format!("{what} returning revenue"), row.returning_customer_revenue, &want[9], tol);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn golden_periods() {
    let f = fixture();
    let r = analyze_loyalty(&f.orders, f.as_of, &f.opts);
    assert_eq!((r.orders_used, r.orders_ignored, r.customers), (int(&f.e["orders_used"]), int(&f.e["orders_ignored"]), int(&f.e["customers"])));
    close("revenue", r.revenue, &f.e["revenue"], f.tol);
    assert!(r.messages.iter().any(|m| m.contains("1 orders dated after")), "{:?}", r.messages);
    let want = f.e["monthly"].as_array().unwrap();
    assert_eq!(r.monthly.len(), want.len());
    for (row, w) in r.monthly.iter().zip(want) {
        check_period(row, w, f.tol);
    }
    assert_eq!(r.monthly[3].end, f.as_of, "the partial month ends on as_of");
    // The stand-alone function gives the same rows.
    assert_eq!(periods(&f.orders, f.as_of, Granularity::Month), r.monthly);

    let weekly = r.weekly.as_ref().unwrap();
    let w = &f.e["weekly"];
    assert_eq!(weekly.len() as u64, int(&w["count"]));
    assert_eq!(weekly[0].period, w["first"].as_str().unwrap());
    let last = weekly.last().unwrap();
    assert_eq!((last.period.as_str(), last.complete), (w["last"].as_str().unwrap(), w["last_complete"].as_bool().unwrap()));
    let w15 = weekly.iter().find(|p| p.period == "2024-W15").unwrap();
    check_period(w15, &w["w15"], f.tol);
    assert_eq!(weekly.iter().map(|p| p.orders).sum::<u64>(), r.orders_used);
    // Weeks without purchases are listed with no rate.
    assert!(weekly.iter().any(|p| p.active_customers == 0 && p.returning_customer_rate.is_none()));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn golden_interpurchase() {
    let f = fixture();
    let s = interpurchase(&f.orders, f.as_of).unwrap();
    let e = &f.e["interpurchase"];
    assert_eq!((s.gaps, s.customers, s.min_days as u64, s.max_days as u64), (int(&e["gaps"]), int(&e["customers"]), int(&e["min"]), int(&e["max"])));
    close("mean", s.mean_days, &e["mean"], 1e-9);
    close("median", s.median_days, &e["median"], f.tol);
    close("q1", s.q1_days, &e["q1"], f.tol);
    close("q3", s.q3_days, &e["q3"], f.tol);
    close("p90", s.p90_days, &e["p90"], f.tol);
    let hist: Vec<u64> = s.histogram.iter().map(|b| b.gaps).collect();
    assert_eq!(hist, e["histogram"].as_array().unwrap().iter().map(int).collect::<Vec<_>>());
    assert_eq!((s.histogram[1].from_days, s.histogram[1].to_days, s.histogram[7].to_days), (8, Some(14), None));
    close("share 31-60", s.histogram[3].share, &Value::from(0.5), f.tol);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn golden_cohorts() {
    let f = fixture();
    let r = analyze_loyalty(&f.orders, f.as_of, &f.opts).cohorts;
    let want = f.e["cohorts"].as_array().unwrap();
    assert_eq!(r.cohorts.len(), want.len());
    for (c, w) in r.cohorts.iter().zip(want) {
        assert_eq!((c.cohort.as_str(), c.size), (w["cohort"].as_str().unwrap(), int(&w["size"])));
        let customers: Vec<u64> = c.cells.iter().map(|x| x.customers).collect();
        assert_eq!(customers, w["customers"].as_array().unwrap().iter().map(int).collect::<Vec<_>>(), "{}", c.cohort);
        let revenue: Vec<f64> = c.cells.iter().map(|x| x.revenue).collect();
        close_all(&format!("{} revenue", c.cohort), &revenue, &w["revenue"], f.tol);
        let complete: Vec<bool> = c.cells.iter().map(|x| x.complete).collect();
        assert_eq!(complete, w["complete"].as_array().unwrap().iter().map(|b| b.as_bool().unwrap()).collect::<Vec<_>>());
        for x in &c.cells {
            assert!((x.retention - x.customers as f64 / c.size as f64).abs() < 1e-15);
        }
    }
    let a = r.average.as_ref().unwrap();
    let e = &f.e["cohort_average"];
    assert_eq!(a.window_months as u64, int(&e["window_months"]));
    assert_eq!(a.included_cohorts, e["included"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect::<Vec<_>>());
    assert_eq!(a.customers, int(&e["customers"]));
    close_all("pooled", &a.pooled_retention, &e["pooled"], f.tol);
    close_all("mean", &a.mean_retention, &e["mean"], f.tol);
    close_all("revenue per customer", &a.revenue_per_customer, &e["revenue_per_customer"], f.tol);

    // Default window (6 months) falls back to what the oldest cohort has completed.
    let d = cohorts(&f.orders, f.as_of, 6).average.unwrap();
    let e = &f.e["cohort_average_default"];
    assert_eq!((d.requested_window_months as u64, d.window_months as u64), (int(&e["requested"]), int(&e["window_months"])));
    assert_eq!(d.included_cohorts, ["2024-01"]);
    close_all("pooled default", &d.pooled_retention, &e["pooled"], f.tol);
    let full = analyze_loyalty(&f.orders, f.as_of, &LoyaltyOptions::default());
    assert!(full.messages.iter().any(|m| m.contains("cohort averages cover months 0 to 2")), "{:?}", full.messages);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn golden_rfm_segments_and_customer_table() {
    let f = fixture();
    let r = analyze_loyalty(&f.orders, f.as_of, &f.opts);
    let want = f.e["customer_table"].as_array().unwrap();
    assert_eq!(r.customer_table.len(), want.len());
    for (c, w) in r.customer_table.iter().zip(want) {
        let id = &c.customer_id;
        assert_eq!(id, w[0].as_str().unwrap());
        assert_eq!((c.recency_days as u64, c.frequency as u64), (int(&w[1]), int(&w[2])), "{id} recency/frequency");
        close(&format!("{id} monetary"), c.monetary, &w[3], f.tol);
        assert_eq!((c.r as u64, c.f as u64, c.m as u64), (int(&w[4]), int(&w[5]), int(&w[6])), "{id} scores");
        assert_eq!(c.segment.key(), w[7].as_str().unwrap(), "{id} segment");
        assert_eq!(c.value_tier.key(), w[8].as_str().unwrap(), "{id} tier");
    }
    let segs = &f.e["segments_customers_revenue"];
    assert_eq!(r.rfm_segments.len(), 11);
    for s in &r.rfm_segments {
        let w = &segs[s.segment.key()];
        assert_eq!(s.customers, int(&w[0]), "{} customers", s.label);
        close(&format!("{} revenue", s.label), s.revenue, &w[1], f.tol);
        close(&format!("{} share", s.label), s.revenue_share.unwrap(), &Value::from(w[1].as_f64().unwrap() / 965.0), f.tol);
        close(&format!("{} customer share", s.label), s.customer_share, &Value::from(int(&w[0]) as f64 / 8.0), f.tol);
    }
    // Stand-alone functions agree with the report.
    let alone = rfm(&f.orders, f.as_of);
    assert_eq!(alone.segments, r.rfm_segments);
    assert_eq!(customer_table(&f.orders, f.as_of, &TierThresholds::default()), r.customer_table);
    // CSV export: header and the row of B.
    let csv = customer_table_csv(&r.customer_table);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "customer_id,recency_days,frequency,monetary,r,f,m,segment,value_tier");
    assert_eq!(lines[2], "B,45,2,120.00,3,2,4,need_attention,medium");
    assert_eq!(lines.len(), 9);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn golden_concentration_and_tiers() {
    let f = fixture();
    let c = analyze_loyalty(&f.orders, f.as_of, &f.opts).concentration.unwrap();
    let e = &f.e["concentration"];
    close("top 10", c.top_10_share.unwrap(), &e["top_10_share"], f.tol);
    close("top 20", c.top_20_share.unwrap(), &e["top_20_share"], f.tol);
    close("top 10 vs next 10", c.top_10_vs_next_10.unwrap(), &e["top_10_vs_next_10"], f.tol);
    close("gini", c.gini.unwrap(), &e["gini"], f.tol);
    let want = f.e["lorenz"].as_array().unwrap();
    assert_eq!(c.lorenz.len(), want.len());
    for (p, w) in c.lorenz.iter().zip(want) {
        close("lorenz x", p.customer_share, &w[0], f.tol);
        close("lorenz y", p.revenue_share, &w[1], f.tol);
    }
    for (t, w) in c.tiers.iter().zip(f.e["tiers"].as_array().unwrap()) {
        assert_eq!((t.tier.key(), t.customers), (w[0].as_str().unwrap(), int(&w[1])));
        close("tier revenue", t.revenue, &w[2], f.tol);
        close("tier share", t.revenue_share.unwrap(), &w[3], f.tol);
        close("tier min", t.min_spend.unwrap(), &w[4], f.tol);
        close("tier max", t.max_spend.unwrap(), &w[5], f.tol);
    }
    // A tie straddling the medium/low border goes up: thresholds 50% / 20%.
    let t = TierThresholds { high_share: 0.5, medium_share: 0.2 };
    let rows = customer_table(&f.orders, f.as_of, &t);
    for row in rows {
        assert_eq!(row.value_tier.key(), f.e["tiers_50_20"][&row.customer_id].as_str().unwrap(), "{}", row.customer_id);
    }
    assert_eq!(concentration(&f.orders, f.as_of, &t).unwrap().tiers[1].customers, 3);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn golden_leaky_bucket_and_what_if() {
    let f = fixture();
    let b = analyze_loyalty(&f.orders, f.as_of, &f.opts).leaky_bucket;
    assert_eq!(b.churn_window.days, 30);
    for (m, w) in b.months.iter().zip(f.e["leaky"].as_array().unwrap()) {
        assert_eq!((m.month.as_str(), m.complete), (w[0].as_str().unwrap(), w[1].as_bool().unwrap()));
        let got = [m.active_start, m.new_customers, m.reactivated_customers, m.lost_customers, m.active_end, m.new_needed_to_stay_level];
        let want: Vec<u64> = (2..8).map(|i| int(&w[i])).collect();
        assert_eq!(got.to_vec(), want, "{}", m.month);
    }
    let t = &f.e["leaky_totals"];
    assert_eq!((b.active_at_as_of, b.lost_total, b.reactivated_total), (int(&t["active_at_as_of"]), int(&t["lost"]), int(&t["reactivated"])));

    let w = b.what_if.as_ref().unwrap();
    let e = &f.e["what_if"];
    assert_eq!((w.window_start, w.window_end), (date(e["window_start"].as_str().unwrap()), f.as_of));
    assert_eq!((w.window_days_with_data as u64, w.lost_customers, w.buyers), (int(&e["window_days_with_data"]), int(&e["lost"]), int(&e["buyers"])));
    assert_eq!((w.retention_uplift, w.margin), (DEFAULT_RETENTION_UPLIFT, DEFAULT_MARGIN));
    close("retained", w.retained_customers, &e["retained"], f.tol);
    close("window revenue", w.revenue, &e["revenue"], f.tol);
    close("per buyer", w.revenue_per_buyer.unwrap(), &e["revenue_per_buyer"], f.tol);
    close("extra revenue", w.extra_revenue.unwrap(), &e["extra_revenue"], f.tol);
    close("extra profit", w.extra_profit.unwrap(), &e["extra_profit"], f.tol);
    close("extra profit share", w.extra_profit_share.unwrap(), &e["extra_profit_share"], f.tol);
    assert!(w.assumptions.iter().any(|a| a.contains("3-5x") && a.contains("assumption")));

    // No configured window and only 6 gaps: the documented default.
    let d = leaky_bucket(&f.orders, f.as_of, None, 0.05, 0.3);
    let e = &f.e["leaky_default_window"];
    assert_eq!(d.churn_window.days as u64, int(&e["days"]));
    assert_eq!(serde_json::to_value(d.churn_window.source).unwrap(), e["source"]);
    assert_eq!((d.lost_total, d.active_at_as_of), (int(&e["lost"]), int(&e["active_at_as_of"])));
}

// ---------------------------------------------------------------- edge cases: no NaN anywhere

/// Debug output shows non-finite floats as NaN / inf; serde_json would silently turn them into
/// null, so check both that the report serializes and that no such value exists.
fn assert_finite(r: &LoyaltyReport, what: &str) {
    let dbg = format!("{r:?}");
    assert!(!dbg.contains("NaN") && !dbg.contains("inf"), "{what}: non-finite value in {dbg}");
    serde_json::to_string(r).unwrap();
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn edge_cases_give_statements_not_nan() {
    let day = date("2024-05-10");
    let opts = LoyaltyOptions { weekly: true, ..LoyaltyOptions::default() };
    let o = |c: &str, d: &str, t: f64| Order::new(c, date(d), t);

    let empty = analyze_loyalty(&[], day, &opts);
    assert_finite(&empty, "empty");
    assert!(empty.monthly.is_empty() && empty.concentration.is_none() && empty.interpurchase.is_none());
    assert!(empty.leaky_bucket.what_if.is_none() && empty.cohorts.average.is_none());
    assert!(empty.messages.iter().any(|m| m.contains("nothing to measure")), "{:?}", empty.messages);

    let one = analyze_loyalty(&[o("solo", "2024-05-01", 25.0)], day, &opts);
    assert_finite(&one, "one order");
    assert_eq!((one.customers, one.customer_table[0].segment.key()), (1, "new"));
    assert!(one.interpurchase.is_none());
    assert!(one.messages.iter().any(|m| m.contains("only 1 customers")), "{:?}", one.messages);
    let c = one.concentration.as_ref().unwrap();
    // One customer: the Lorenz curve is the diagonal, so the top 20% (0.2 of a customer) hold 20%.
    assert_eq!((c.gini, c.top_20_share, c.top_10_vs_next_10), (Some(0.0), Some(0.2), Some(1.0)));

    let same_day: Vec<Order> = ["a", "b", "c", "a"].iter().map(|c| o(c, "2024-05-10", 10.0)).collect();
    let s = analyze_loyalty(&same_day, day, &opts);
    assert_finite(&s, "all on one day");
    assert!(s.interpurchase.is_none() && s.cohorts.average.is_none());
    assert!(s.messages.iter().any(|m| m.contains("all purchases are on one day")), "{:?}", s.messages);
    assert!(s.messages.iter().any(|m| m.contains("no acquisition month is complete")), "{:?}", s.messages);

    let free = analyze_loyalty(&[o("a", "2024-01-01", 0.0), o("b", "2024-02-01", 0.0)], day, &opts);
    assert_finite(&free, "zero revenue");
    let c = free.concentration.as_ref().unwrap();
    assert!(c.gini.is_none() && c.top_10_share.is_none() && c.lorenz.is_empty());
    assert!(free.rfm_segments.iter().all(|s| s.revenue_share.is_none()));
    assert!(free.messages.iter().any(|m| m.contains("revenue is 0")));

    // Everything after as_of, or not a purchase, or an unusable total.
    let mut odd = vec![o("a", "2024-06-01", 10.0), o("b", "2024-01-01", f64::NAN), o("c", "2024-01-01", 5.0)];
    odd[2].status = OrderStatus::Refunded;
    let r = analyze_loyalty(&odd, day, &opts);
    assert_finite(&r, "nothing usable");
    assert_eq!((r.orders_used, r.orders_ignored), (0, 3));
    assert_eq!(r.messages.len(), 4, "{:?}", r.messages);

    // Options out of range are made valid, with a message.
    let bad = LoyaltyOptions { margin: f64::NAN, retention_uplift: 7.0, churn_window_days: Some(0), ..opts.clone() };
    let r = analyze_loyalty(&[o("a", "2024-01-01", 10.0), o("a", "2024-03-01", 10.0)], day, &bad);
    assert_finite(&r, "bad options");
    let w = r.leaky_bucket.what_if.as_ref().unwrap();
    assert_eq!((w.margin, w.retention_uplift, r.leaky_bucket.churn_window.days), (DEFAULT_MARGIN, 1.0, 1));
    assert_eq!(r.messages.iter().filter(|m| m.contains("made valid")).count(), 3, "{:?}", r.messages);
}

// ---------------------------------------------------------------- properties over generated shops

/// A small deterministic generator (64-bit LCG, Knuth's MMIX constants).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn generated_shop(rng: &mut Lcg) -> Vec<Order> {
    let customers = 1 + rng.below(40);
    let orders = 1 + rng.below(120);
    let start = date("2023-01-01");
    (0..orders)
        .map(|_| {
            let c = format!("c{}", rng.below(customers));
            let d = start + chrono::Days::new(rng.below(500));
            // Totals in steps of 5 so ties are common; some free orders.
            let mut o = Order::new(&c, d, (rng.below(30) * 5) as f64);
            if rng.below(20) == 0 {
                o.status = OrderStatus::Cancelled;
            }
            o
        })
        .collect()
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn properties_hold_on_generated_shops() {
    let mut rng = Lcg(42);
    let as_of = date("2024-03-31");
    for case in 0..150 {
        let orders = generated_shop(&mut rng);
        let opts = LoyaltyOptions { weekly: case % 5 == 0, ..LoyaltyOptions::default() };
        let r = analyze_loyalty(&orders, as_of, &opts);
        assert_finite(&r, &format!("case {case}"));
        let unit = |x: f64| (0.0..=1.0).contains(&x);

        for c in &r.customer_table {
            assert!([c.r, c.f, c.m].iter().all(|s| (1..=5).contains(s)), "case {case}: {c:?}");
        }
        assert_eq!(r.rfm_segments.iter().map(|s| s.customers).sum::<u64>(), r.customers);
        assert!(r.rfm_segments.iter().all(|s| unit(s.customer_share) && s.revenue_share.is_none_or(unit)));
        if let Some(c) = &r.concentration {
            assert!(c.gini.is_none_or(unit) && c.top_10_share.is_none_or(unit) && c.top_20_share.is_none_or(unit));
            assert!(c.top_10_share <= c.top_20_share);
            assert!(c.lorenz.len() <= 101);
            assert!(c.lorenz.windows(2).all(|w| w[0].revenue_share <= w[1].revenue_share + 1e-12));
            assert!(c.lorenz.iter().all(|p| p.revenue_share <= p.customer_share + 1e-12), "Lorenz below the diagonal");
            assert_eq!(c.tiers.iter().map(|t| t.customers).sum::<u64>(), r.customers);
        }
        assert_eq!(r.monthly.iter().map(|p| p.orders).sum::<u64>(), r.orders_used);
        assert_eq!(r.monthly.iter().map(|p| p.new_customers).sum::<u64>(), r.customers);
        assert!(r.monthly.iter().all(|p| p.returning_customer_rate.is_none_or(unit)));
        for c in &r.cohorts.cohorts {
            assert!(c.cells.iter().all(|x| unit(x.retention)) && c.cells[0].retention == 1.0);
        }
        if let Some(a) = &r.cohorts.average {
            assert!(a.pooled_retention.iter().chain(&a.mean_retention).all(|&x| unit(x)));
        }
        let b = &r.leaky_bucket;
        for m in &b.months {
            assert_eq!(m.active_end + m.lost_customers, m.active_start + m.new_customers + m.reactivated_customers);
        }
        let window = b.churn_window.days as i64;
        let active = r.customer_table.iter().filter(|c| c.recency_days as i64 <= window).count() as u64;
        assert_eq!(b.active_at_as_of, active, "case {case}: active at as_of");

        // Order independence: the reversed and a rotated input give the identical report.
        let mut reversed = orders.clone();
        reversed.reverse();
        assert_eq!(analyze_loyalty(&reversed, as_of, &opts), r, "case {case}: reversed input");
        let mut rotated = orders.clone();
        rotated.rotate_left(orders.len() / 3);
        assert_eq!(analyze_loyalty(&rotated, as_of, &opts), r, "case {case}: rotated input");
    }
}

// ---------------------------------------------------------------- the sample shop

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn sample_shop_is_plausible() {
    // www/sample/orders.csv is what `sample-shop` writes with the default seed (tests/sample_files.rs).
    let csv = include_str!("../www/sample/orders.csv");
    let (orders, _) = read_orders("orders.csv", csv.as_bytes()).unwrap();
    let r = analyze_loyalty(&orders, date("2025-06-30"), &LoyaltyOptions::default());
    assert_finite(&r, "sample shop");
    let one_timers = r.customer_table.iter().filter(|c| c.frequency == 1).count() as f64 / r.customers as f64;
    assert!((one_timers - 0.61).abs() < 0.03, "one-time buyers {one_timers}");
    let c = r.concentration.as_ref().unwrap();
    let top20 = c.top_20_share.unwrap();
    assert!((top20 - 0.64).abs() < 0.03, "top-20% revenue share {top20}");
    assert!(c.gini.unwrap() > 0.3 && c.gini.unwrap() < 0.8);
    assert_eq!(r.monthly.len(), 18);
    assert!(r.interpurchase.is_some() && r.cohorts.average.as_ref().is_some_and(|a| a.window_months == 6));
    assert!(r.rfm_segments.iter().filter(|s| s.customers > 0).count() >= 9, "{:?}", r.rfm_segments);
}

// ---------------------------------------------------------------- speed (native, release)

/// `cargo test --release --test loyalty_golden -- --ignored`: 1M orders in well under a second.
#[cfg(not(target_arch = "wasm32"))]
#[test]
#[ignore = "timing; run with --release"]
fn one_million_orders_are_fast() {
    let mut rng = Lcg(7);
    let start = date("2022-01-01");
    let ids: Vec<String> = (0..250_000).map(|i| format!("C{i:07}")).collect();
    let orders: Vec<Order> = (0..1_000_000)
        .map(|_| {
            let c = &ids[rng.below(ids.len() as u64) as usize];
            Order::new(c, start + chrono::Days::new(rng.below(1000)), (rng.below(20_000) as f64) / 100.0)
        })
        .collect();
    let t = std::time::Instant::now();
    let r = analyze_loyalty(&orders, date("2024-09-30"), &LoyaltyOptions::default());
    let took = t.elapsed();
    eprintln!("1M orders, {} customers: {took:?}", r.customers);
    assert_eq!(r.orders_used, 1_000_000);
    if !cfg!(debug_assertions) {
        assert!(took.as_secs_f64() < 1.0, "took {took:?}");
    }
}
