//! An orders file without any money column (a WooCommerce export of e-mail, date and products):
//! read, with every figure that needs no money computed and every money figure said to be not
//! known, never shown as 0.

use loyalty_scorecard::{Analysis, AnalysisOptions, InputFile};

const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/input/platform_woocommerce_no_money.csv");

#[test]
fn figures_without_money() {
    let bytes = std::fs::read(FILE).unwrap();
    let analysis = Analysis::run(&[InputFile::orders("woo.csv", &bytes)], &AnalysisOptions::default()).unwrap();
    let card = analysis.scorecard();
    let j = serde_json::to_value(card).unwrap();
    // By hand: ann 2 orders, bob 2 (Bob@Example.com is bob@example.com), cy 1.
    let b = &j["orders"];
    assert_eq!((b["orders"]["value"].as_f64(), b["customers"]["value"].as_f64()), (Some(5.0), Some(3.0)));
    assert_eq!(b["repeat_purchase_rate"]["value"].as_f64(), Some(2.0 / 3.0));
    assert!(b["revenue"]["value"].is_null(), "revenue {}", b["revenue"]);
    assert!(b["revenue"]["warning"].as_str().unwrap().contains("no money column"));
    assert_eq!(j["inputs"][0]["fields_missing"], serde_json::json!(["total"]));
    // Loyalty is computed (it needs dates, not money); its money figures are not known.
    let l = &j["loyalty"];
    assert_eq!((l["customers"].as_u64(), l["orders_used"].as_u64()), (Some(3), Some(5)));
    assert_eq!(l["money"], serde_json::json!(false));
    assert!(l["revenue"].is_null() && l["concentration"].is_null());
    assert!(l["monthly"].as_array().unwrap().iter().all(|m| m["revenue"].is_null()));
    // Lifetime value: no spend model, and why.
    let gg = &j["clv"]["gamma_gamma"];
    assert!(gg["fit"].is_null());
    assert!(serde_json::to_string(&gg["absent_reason"]).unwrap().contains("no totals"), "{gg}");
    // The text report and the page never print a money figure as 0.00.
    let text = loyalty_scorecard::view::plain::report(loyalty_scorecard::view::Lang::En, card, &loyalty_scorecard::view::render::Source::Files("shop".into()));
    assert!(text.contains("Revenue  –  5 orders") && text.contains("! No money column in the orders: revenue is not known"), "{text}");
    // (Star ratings such as +0.00★ are not money.)
    assert!(text.lines().all(|l| !l.contains("0.00") || l.contains('★')), "{text}");
    // The customers table: no spend, no value tier.
    let csv = String::from_utf8(analysis.customers_csv().unwrap()).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let (m, tier) = (header.iter().position(|h| *h == "monetary_value").unwrap(), header.iter().position(|h| *h == "value_tier").unwrap());
    for line in csv.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!((cells[m], cells[tier]), ("", ""), "{line}");
    }
}

#[test]
fn the_same_orders_with_a_total_have_money() {
    let with_total = std::fs::read_to_string(FILE).unwrap().replacen("Products", "Products,Order Total", 1).replace("Mug\n", "Mug,10\n").replace("Cup\n", "Cup,5\n").replace("Tea\n", "Tea,7\n");
    let analysis = Analysis::run(&[InputFile::orders("woo.csv", with_total.as_bytes())], &AnalysisOptions::default()).unwrap();
    let j = serde_json::to_value(analysis.scorecard()).unwrap();
    // 10 + 5 + 10 + 7 + 5.
    assert_eq!(j["orders"]["revenue"]["value"].as_f64(), Some(37.0));
    assert!(j["loyalty"].get("money").is_none());
}
