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
        assert_eq!(value(&view, "orders"), "7");
        assert_eq!(value(&view, "customers"), "4");
        assert_eq!(value(&view, "revenue"), "1,287.25");
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
