//! Orders in several currencies are never added up as they are: by default the figures are in
//! the currency of most orders (the rest left out, with a warning that lists them); a chosen
//! currency gives that currency's figures; exchange rates convert every order into one.
//! Expected figures by hand from the file below.

use loyalty_scorecard::{analyze, AnalysisOptions, Error, InputFile};

// EUR: #1 10 (a), #2 20 (b), #3 30 (a), #6 5 (d) = 65 in 4 orders of 3 customers.
// USD: #4 100 (c), #5 50 (c) = 150 in 2 orders of 1 customer.
const CSV: &str = "Name,Email,Created at,Total,Currency\n\
#1,a@x.com,2024-01-05,10.00,EUR\n\
#2,b@x.com,2024-01-06,20.00,EUR\n\
#3,a@x.com,2024-02-05,30.00,EUR\n\
#4,c@x.com,2024-02-07,100.00,USD\n\
#5,c@x.com,2024-03-01,50.00,USD\n\
#6,d@x.com,2024-03-02,5.00,EUR\n";

fn card(options: &AnalysisOptions) -> Result<serde_json::Value, Error> {
    analyze(&[InputFile::orders("shop.csv", CSV.as_bytes())], options).map(|c| serde_json::to_value(c).unwrap())
}

fn figures(j: &serde_json::Value) -> (f64, f64, f64, String) {
    let b = &j["orders"];
    (b["orders"]["value"].as_f64().unwrap(), b["customers"]["value"].as_f64().unwrap(), b["revenue"]["value"].as_f64().unwrap(), j["currency"].as_str().unwrap_or("").to_string())
}

#[test]
fn by_default_the_currency_of_most_orders() {
    let j = card(&AnalysisOptions::default()).unwrap();
    assert_eq!(figures(&j), (4.0, 3.0, 65.0, "EUR".into()));
    let warnings = j["warnings"].to_string();
    assert!(warnings.contains("EUR 4, USD 2") && warnings.contains("2 orders in USD are left out"), "{warnings}");
}

#[test]
fn a_chosen_currency() {
    let j = card(&AnalysisOptions { currency: Some("USD".into()), ..AnalysisOptions::default() }).unwrap();
    assert_eq!(figures(&j), (2.0, 1.0, 150.0, "USD".into()));
    let e = card(&AnalysisOptions { currency: Some("GBP".into()), ..AnalysisOptions::default() }).unwrap_err();
    assert!(e.to_string().contains("no order is in GBP"), "{e}");
}

#[test]
fn exchange_rates_convert_every_order() {
    let rates = |pairs: &[(&str, f64)]| Some(pairs.iter().map(|(c, r)| (c.to_string(), *r)).collect());
    // 65 EUR + 150 USD × 0.9 = 65 + 135 = 200 EUR, all 6 orders of 4 customers.
    let j = card(&AnalysisOptions { exchange_rates: rates(&[("EUR", 1.0), ("USD", 0.9)]), ..AnalysisOptions::default() }).unwrap();
    let (orders, customers, revenue, currency) = figures(&j);
    assert_eq!((orders, customers, currency.as_str()), (6.0, 4.0, "EUR"));
    assert!((revenue - 200.0).abs() < 1e-9, "{revenue}");
    assert!(j["warnings"].to_string().contains("1 USD = 0.9 EUR"));
    // The same in USD: 65 / 0.9... given as EUR = 1/0.9 USD.
    let j = card(&AnalysisOptions { exchange_rates: rates(&[("EUR", 1.0 / 0.9), ("USD", 1.0)]), ..AnalysisOptions::default() }).unwrap();
    assert!((figures(&j).2 - (65.0 / 0.9 + 150.0)).abs() < 1e-9);
    // A currency without a rate, or no currency at rate 1, is an error naming the option.
    let e = card(&AnalysisOptions { exchange_rates: rates(&[("EUR", 1.0)]), ..AnalysisOptions::default() }).unwrap_err();
    assert!(e.to_string().contains("exchange_rates") && e.to_string().contains("no rate for USD"), "{e}");
    let e = card(&AnalysisOptions { exchange_rates: rates(&[("EUR", 2.0), ("USD", 0.9)]), ..AnalysisOptions::default() }).unwrap_err();
    assert!(e.to_string().contains("rate 1"), "{e}");
    let e = card(&AnalysisOptions { exchange_rates: rates(&[("EUR", 1.0), ("USD", -1.0)]), ..AnalysisOptions::default() }).unwrap_err();
    assert!(e.to_string().contains("above 0"), "{e}");
}

#[test]
fn the_warning_is_in_the_readers_language() {
    use loyalty_scorecard::view::{render, Lang};
    let card = analyze(&[InputFile::orders("shop.csv", CSV.as_bytes())], &AnalysisOptions::default()).unwrap();
    let src = render::Source::Files("shop.csv".into());
    let cn = render::scorecard(Lang::ZhCn, &card, &src).text_content();
    assert!(cn.contains("订单涉及多种币种（EUR 4, USD 2）：各项数字以 EUR 计算"), "{cn}");
    let tw = render::scorecard(Lang::ZhTw, &card, &src).text_content();
    assert!(tw.contains("訂單涉及多種幣別"), "{tw}");
}

#[test]
fn one_currency_is_left_as_it_is() {
    let eur: String = CSV.lines().filter(|l| !l.contains("USD")).map(|l| format!("{l}\n")).collect();
    let j = serde_json::to_value(analyze(&[InputFile::orders("shop.csv", eur.as_bytes())], &AnalysisOptions::default()).unwrap()).unwrap();
    assert_eq!(figures(&j), (4.0, 3.0, 65.0, "EUR".into()));
    assert!(!j["warnings"].to_string().contains("currencies"));
}
