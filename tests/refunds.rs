//! Partial refunds, from the file to the figures: a Shopify export's partly refunded order
//! counts at its total less the refund, and the page, the CLI's text and its JSON say so.

use loyalty_scorecard::{analyze, AnalysisOptions, InputFile, InputKind};

const SHOPIFY: &str = "tests/fixtures/exports/orders/shopify_orders_export_2024_eur.csv";

#[test]
fn a_partial_refund_comes_off_revenue_and_is_said_everywhere() {
    let bytes = std::fs::read(SHOPIFY).unwrap();
    let card = analyze(&[InputFile::new("orders_export.csv", InputKind::Orders, &bytes)], &AnalysisOptions::default()).unwrap();
    // By hand from the file's ten purchases (the refunded #1005 and the voided #1008 are not):
    // 58.90 + 45.40 + 37.50 + 99.00 + 47.70 + 8.90 + 81.40 + 50.00 + (86.40 - 12.50) + 40.50.
    let revenue = card.orders.as_ref().unwrap().revenue.value;
    assert!((revenue - 543.20).abs() < 0.005, "{revenue}");
    let a = &card.inputs[0];
    assert_eq!((a.partly_refunded, a.cancelled + a.refunded), (1, 2));
    assert!((a.refunds_taken_off - 12.50).abs() < 1e-9);

    use loyalty_scorecard::view::{render, Lang};
    for (lang, said) in [(Lang::En, "1 partly refunded orders counted at their total less the refund (12.50 EUR taken off)"), (Lang::ZhCn, "部分退款订单 1 笔"), (Lang::ZhTw, "部分退款訂單 1 筆")]
    {
        let view = render::scorecard(lang, &card, &render::Source::Files("orders_export.csv".into()));
        let line = view.find("data-role", "refunds").map(|n| n.text_content()).unwrap_or_default();
        assert!(line.contains(said), "{lang:?}: {line}");
    }

    let cli = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_loyalty-scorecard")).args(["analyze", "--orders", SHOPIFY]).args(args).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(cli(&[]).replace('\n', " ").contains("1 partly refunded orders counted at their total less the refund (12.50 EUR taken off)"));
    assert!(cli(&["--lang", "zh-CN"]).replace('\n', "").contains("部分退款订单 1 笔"));
    let j: serde_json::Value = serde_json::from_str(&cli(&["--format", "json"])).unwrap();
    assert_eq!(j["inputs"][0]["partly_refunded"], 1);
    assert!((j["orders"]["revenue"]["value"].as_f64().unwrap() - 543.20).abs() < 0.005);
}
