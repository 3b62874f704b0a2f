//! What a file's account says about how it was read reaches the page in every language: which
//! columns keyed the customers and with what share, which columns of a wide orders file fed
//! the reviews and complaints; and a file whose customer column names nobody is refused with
//! what to do.

use loyalty_scorecard::view::{render, Lang};
use loyalty_scorecard::{analyze, AnalysisOptions, InputFile, InputKind, Scorecard};

fn card(path: &str) -> Scorecard {
    let bytes = std::fs::read(path).unwrap();
    analyze(&[InputFile::new(path, InputKind::Orders, &bytes)], &AnalysisOptions::default()).unwrap()
}

fn notes_on_page(card: &Scorecard, lang: Lang) -> String {
    let view = render::scorecard(lang, card, &render::Source::Files("f".into()));
    view.find("data-role", "account-notes").map(|n| n.text_content()).unwrap_or_default()
}

#[test]
fn the_keys_of_a_shopify_export_without_emails_are_stated_with_their_shares() {
    // 4 orders: 2 with an e-mail, 1 with only a phone, 1 with only a name and postcode.
    let c = card("tests/fixtures/input/platform_shopify_without_emails.csv");
    let en = notes_on_page(&c, Lang::En);
    assert!(en.contains("customers are keyed by 'Email' on 50.0% of the orders, the phone ('Billing Phone') on 25.0%, the name ('Billing Name' and 'Billing Zip') on 25.0%"), "{en}");
    let cn = notes_on_page(&c, Lang::ZhCn);
    assert!(cn.contains("顾客识别依据：「Email」（50.0% 的订单），电话「Billing Phone」（25.0%），姓名「Billing Name」和「Billing Zip」（25.0%）"), "{cn}");
    assert!(notes_on_page(&c, Lang::ZhTw).contains("顧客識別依據"));
}

/// Order, rating, review text, days to deliver, promised days and a complaint on one row, as
/// a small shop keeps them in a spreadsheet. Worked by hand from the 8 rows: ratings 5, 4, 2,
/// 5, 3, 4, 1 (row 4 unrated): 7 reviews, mean 24/7, 4 satisfied; delivery against 3 promised
/// days: 2, 3, 6, 2, 1, 4, 3, 8 → 3 early, 2 on the day, 3 late; complaints on rows 3, 6
/// ("damaged") and 8: 3 tickets, customers a, d, e of 5.
#[test]
fn a_wide_orders_file_feeds_reviews_delivery_and_complaints_and_says_so() {
    let c = card("tests/fixtures/wide_orders_all_in_one.csv");
    let s = c.satisfaction.as_ref().unwrap();
    let j = serde_json::to_value(s).unwrap();
    let ratings = &j["ratings"]["overall"]["average"];
    assert!((ratings["value"].as_f64().unwrap() - 24.0 / 7.0).abs() < 1e-12 && ratings["n"] == 7, "{ratings}");
    let d = &j["delivery"];
    assert_eq!(d["orders"], 8);
    for (k, want) in [("early_share", 3.0 / 8.0), ("on_time_share", 2.0 / 8.0), ("late_share", 3.0 / 8.0)] {
        assert!((d[k]["value"].as_f64().unwrap() - want).abs() < 1e-12, "{k}: {}", d[k]);
    }
    let t = &j["complaints"];
    assert_eq!((t["tickets"].as_u64(), t["orders_with_ticket"].as_u64()), (Some(3), Some(3)));
    assert!((t["rate_per_customer"]["value"].as_f64().unwrap() - 0.6).abs() < 1e-12);
    // The account says which columns fed which analysis, in each language.
    let en = notes_on_page(&c, Lang::En);
    assert!(en.contains("the rating column 'rating' gave 7 reviews, one per rated order, with the text of 'review'"), "{en}");
    assert!(en.contains("the complaint column 'complaint' gave 3 complaints"), "{en}");
    let cn = notes_on_page(&c, Lang::ZhCn);
    assert!(cn.contains("评分列「rating」给出 7 条评价") && cn.contains("投诉列「complaint」给出 3 条投诉"), "{cn}");
}

#[test]
fn orders_whose_customer_column_names_nobody_are_refused_with_what_to_do() {
    // A guest's 0 on every row and nothing else: the column is passed over, and the error says
    // why and what to do.
    let rows = |phone: bool| {
        let mut csv = String::from(if phone { "Order Number,Customer ID,Order Date,Order Total,Billing Phone\n" } else { "Order Number,Customer ID,Order Date,Order Total\n" });
        for i in 0..30 {
            csv.push_str(&format!("{},0,2024-03-{:02},{}.50{}\n", 1000 + i, 1 + i % 28, 10 + i, if phone { "," } else { "" }));
        }
        csv
    };
    let read = |csv: &str| analyze(&[InputFile::new("woo.csv", InputKind::Orders, csv.as_bytes())], &AnalysisOptions::default()).unwrap_err().to_string();
    let err = read(&rows(false));
    assert!(err.contains("'Customer ID' was not taken: one value ('0') is on 100% of the sampled rows: a placeholder") && err.contains("mapping option"), "{err}");
    // With a phone column that is empty on every row: the orders are read, none keyed.
    let err = read(&rows(true));
    assert!(err.contains("woo.csv: 30 completed orders were read, but none names its customer") && err.contains("correction form"), "{err}");
}
