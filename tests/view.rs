//! The view tree (built natively here, in a worker in the browser): figures, languages, and data
//! text kept as text.

use loyalty_scorecard::view::{render, Lang};
use loyalty_scorecard::{analyze, AnalysisOptions, InputFile};

const CSV: &str = include_str!("fixtures/slice_small.csv");

fn value(view: &loyalty_scorecard::view::Node, figure: &str) -> String {
    let tile = view.find("data-figure", figure).unwrap_or_else(|| panic!("no tile {figure}"));
    tile.find("class", "value").unwrap().text_content()
}

#[test]
fn view_shows_the_hand_checked_figures_in_each_language() {
    let card = analyze(&[InputFile::orders("slice_small.csv", CSV.as_bytes())], &AnalysisOptions::default()).unwrap();
    let src = render::Source::Files("slice_small.csv".into());
    for lang in [Lang::En, Lang::ZhCn, Lang::ZhTw] {
        let view = render::scorecard(lang, &card, &src);
        // Expected values: tests/fixtures/slice_small.json (hand calculation).
        assert_eq!(value(&view, "orders"), "8");
        assert_eq!(value(&view, "customers"), "4");
        assert_eq!(value(&view, "revenue"), "1,297.25");
        assert_eq!(value(&view, "repeat_purchase_rate"), "50.0%");
        assert_eq!(value(&view, "orders_per_customer"), "1.75");
    }
    let zh = render::scorecard(Lang::ZhTw, &card, &render::Source::Sample("orders.csv".into())).text_content();
    assert!(zh.contains("重複購買率") && zh.contains("範例商店 (orders.csv)"), "{zh}");
}

#[test]
fn data_text_only_ever_lands_in_text_fields() {
    let hostile = "customer_id,order_date,total\n\"<img src=x onerror=alert(1)>\",2024-01-01,10\nB,2024-01-02,\"<svg onload=alert(2)>\"\n";
    let card = analyze(&[InputFile::orders("<b>x</b>.csv", hostile.as_bytes())], &AnalysisOptions::default()).unwrap();
    let view = render::scorecard(Lang::En, &card, &render::Source::Files("<b>x</b>.csv".into()));
    fn walk(n: &loyalty_scorecard::view::Node, tags: &mut Vec<String>) {
        tags.push(n.tag.clone());
        for (k, _) in &n.attrs {
            assert!(!k.starts_with("on"), "event attribute {k}");
        }
        n.children.iter().for_each(|c| walk(c, tags));
    }
    let mut tags = Vec::new();
    walk(&view, &mut tags);
    assert!(!tags.iter().any(|t| t == "img" || t == "b" || t == "script"), "{tags:?}");
    assert!(view.text_content().contains("'<svg onload=alert(2)>' is not a number"));
}

#[test]
fn trust_section_renders_in_every_language_between_satisfaction_and_loyalty() {
    use loyalty_scorecard::InputKind;
    let f = |name: &str, kind, text: &'static str| InputFile::new(name, kind, text.as_bytes());
    let files = [
        f("orders.csv", InputKind::Orders, include_str!("fixtures/trust/orders.csv")),
        f("reviews.csv", InputKind::Reviews, include_str!("fixtures/trust/reviews.csv")),
        f("survey.csv", InputKind::Surveys, include_str!("fixtures/trust/survey.csv")),
        f("tickets.csv", InputKind::Tickets, include_str!("fixtures/trust/tickets.csv")),
    ];
    let card = analyze(&files, &AnalysisOptions { as_of: Some("2024-12-31".into()), ..Default::default() }).unwrap();
    let src = render::Source::Files("trust fixture".into());
    fn no_missing_text(n: &loyalty_scorecard::view::Node) {
        let bad = |s: &str| s == "?" || s.starts_with("? ") || s.contains(" ?");
        assert!(!n.text.as_deref().is_some_and(bad), "untranslated text {:?}", n.text);
        for (k, v) in &n.attrs {
            assert!(!bad(v), "untranslated attribute {k}={v}");
        }
        n.children.iter().for_each(no_missing_text);
    }
    for (lang, words) in [
        (Lang::En, ["From satisfaction to trust", "Emotional trust", "Behavioural trust", "not a target"]),
        (Lang::ZhCn, ["从满意到信任", "认知信任", "情感信任", "行为信任"]),
        (Lang::ZhTw, ["從滿意到信任", "認知信任", "情感信任", "行為信任"]),
    ] {
        let view = render::scorecard(lang, &card, &src);
        let sec = view.find("data-section", "trust").expect("trust section");
        let text = sec.text_content();
        for w in words {
            assert!(text.contains(w), "{lang:?}: no {w}");
        }
        no_missing_text(sec);
        // Satisfied customers A, B, C, D, H, J (tests/trust_golden.rs); five steps in the funnel,
        // with the table disclosure and a text alternative.
        assert_eq!(value(&view, "trust_satisfied"), "6");
        assert_eq!(value(&view, "trust_not_back"), "40.0%");
        let funnel = sec.find("data-chart", "trust_funnel").unwrap();
        let svg = funnel.children.iter().find(|c| c.tag == "svg").unwrap();
        assert!(svg.attrs.iter().any(|(k, v)| k == "aria-label" && !v.is_empty()));
        assert_eq!(svg.children.iter().filter(|c| c.attrs.iter().any(|(k, v)| k == "class" && v == "bar")).count(), 5);
        assert!(funnel.children.iter().any(|c| c.tag == "details"));
        assert!(sec.find("data-panel", "bought").is_some() && sec.find("data-chart", "trust_levers").is_some());
        let stuck = sec.find("data-panel", "trust-stuck").unwrap();
        assert!(stuck.find("data-step", "satisfied").unwrap().text_content().contains('D'));
        // Order of sections: satisfaction, survey, trust, loyalty.
        let order: Vec<&str> = view.children.iter().filter_map(|c| c.attrs.iter().find(|(k, _)| k == "data-section").map(|(_, v)| v.as_str())).collect();
        let at = |s: &str| order.iter().position(|x| *x == s).unwrap_or_else(|| panic!("no {s} in {order:?}"));
        assert!(at("satisfaction") < at("trust") && at("trust") < at("loyalty"), "{order:?}");
    }
}

#[test]
fn trust_section_without_attitude_data_says_so() {
    let card = analyze(&[InputFile::orders("slice_small.csv", CSV.as_bytes())], &AnalysisOptions::default()).unwrap();
    let view = render::scorecard(Lang::En, &card, &render::Source::Files("slice_small.csv".into()));
    let sec = view.find("data-section", "trust").expect("trust section");
    assert!(sec.find("data-testid", "trust-no-data").unwrap().text_content().starts_with("Not enough data"));
    assert_eq!(value(&view, "trust_not_back"), "–");
    assert!(!sec.text_content().contains("NaN"));
}

#[test]
fn customer_ids_in_the_trust_lists_stay_text() {
    use loyalty_scorecard::InputKind;
    let orders = "order_id,customer_id,order_date,total\n1,\"<img src=x onerror=alert(1)>\",2024-01-01,10\n2,B,2024-01-02,10\n";
    let reviews = "order_id,rating,review_date\n1,1,2024-01-02\n";
    let files = [InputFile::new("o.csv", InputKind::Orders, orders.as_bytes()), InputFile::new("r.csv", InputKind::Reviews, reviews.as_bytes())];
    let card = analyze(&files, &AnalysisOptions::default()).unwrap();
    let view = render::scorecard(Lang::En, &card, &render::Source::Files("o.csv".into()));
    let stuck = view.find("data-step", "rated_not_satisfied").expect("the list of rated, never satisfied customers");
    fn tags(n: &loyalty_scorecard::view::Node, out: &mut Vec<String>) {
        out.push(n.tag.clone());
        assert!(n.attrs.iter().all(|(k, _)| !k.starts_with("on")));
        n.children.iter().for_each(|c| tags(c, out));
    }
    let mut all = Vec::new();
    tags(stuck, &mut all);
    assert!(!all.iter().any(|t| t == "img"), "{all:?}");
    assert!(stuck.text_content().contains("<img src=x onerror=alert(1)>"));
}

/// A file's account line on the page adds up: rows read = used + merged + rejected (Shopify's
/// line-item rows merged into their orders are counted, not missing from the sum).
#[test]
fn the_account_line_adds_up() {
    let bytes = std::fs::read("tests/fixtures/exports/orders/shopify_orders_export_2024_eur.csv").unwrap();
    let files = [loyalty_scorecard::InputFile::new("shop.csv", loyalty_scorecard::InputKind::Orders, &bytes)];
    let card = loyalty_scorecard::analyze(&files, &loyalty_scorecard::AnalysisOptions::default()).unwrap();
    let a = &card.inputs[0];
    assert!(a.rows_merged > 0);
    let tree = loyalty_scorecard::view::render::scorecard(loyalty_scorecard::view::Lang::En, &card, &loyalty_scorecard::view::render::Source::Files("shop.csv".into()));
    let line = tree.find("data-file", "shop.csv").unwrap().children[0].text.clone().unwrap();
    let want = format!("Rows read {} = {} used + {} merged + {} rejected", a.rows_read, a.rows_used, a.rows_merged, a.rows_rejected);
    assert!(line.ends_with(&want), "{line}");
}
