//! Exports shaped as each platform and tool documents its export (tests/fixtures/exports: 34
//! order exports, 43 review, survey and ticket exports), each with figures computed
//! independently of this project (`gen_*.py` and `more/gen_*.py` derive them from their own
//! models of the orders and answers, `check_*.py` and `more/check.py` again from the written
//! bytes). Each file is read as a user would
//! drop it; the figures read must equal those, except where this project decides differently,
//! listed below with the reason. Runs natively and in headless Chromium:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --no-default-features --test exports`.

use loyalty_scorecard::dataset::QuestionKind;
use loyalty_scorecard::input::{read_input, InputFile, InputKind, ReadOptions, Records};
use serde_json::Value;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

macro_rules! cases {
    ($($p:literal),* $(,)?) => {
        &[$(($p, include_bytes!(concat!("fixtures/exports/", $p)) as &[u8], include_str!(concat!("fixtures/exports/", $p, ".expect.json")))),*]
    };
}

const ORDERS: &[(&str, &[u8], &str)] = cases![
    "orders/EtsySoldOrderItems2024-3.csv",
    "orders/amazon_all_orders_report.txt",
    "orders/base_orders_sjis.csv",
    "orders/bigcommerce_orders_default.csv",
    "orders/commandes_export_fr.csv",
    "orders/douyin_doudian_orders.csv",
    "orders/ebay_orders_report.csv",
    "orders/ecwid_orders.csv",
    "orders/jd_pop_orders_utf8bom.csv",
    "orders/jtl_wawi_auftraege.csv",
    "orders/kuaishou_orders.csv",
    "orders/lightspeed_bestellingen_nl.csv",
    "orders/lightspeed_ecom_orders_export.csv",
    "orders/magento1_sales_order_grid.csv",
    "orders/nuvemshop_vendas_br.csv",
    "orders/pinduoduo_orders_gbk.csv",
    "orders/prestashop_ordini_it.csv",
    "orders/prestashop_pedidos_es.csv",
    "orders/shopify_admin_api_orders.json",
    "orders/shopify_excel_de.csv",
    "orders/shopify_orders_export_2019_usd.csv",
    "orders/shopify_orders_export_2024_eur.csv",
    "orders/shopify_orders_multicurrency.csv",
    "orders/shopline_orders.csv",
    "orders/shopware5_orders_export.csv",
    "orders/square_online_orders.csv",
    "orders/squarespace_orders.csv",
    "orders/taobao_qianniu_orders_gbk.csv",
    "orders/wix_stores_orders.csv",
    "orders/woocommerce_advanced_order_export.csv",
    "orders/woocommerce_analytics_orders.csv",
    "orders/woocommerce_customer_order_export_items.csv",
    "orders/woocommerce_wpallexport_orders.csv",
    "orders/youzan_orders.csv",
    "orders/temu_seller_orders_de.csv",
    "orders/superstore_orders.csv",
    "orders/online_retail_II.csv",
    "olist/olist_orders_dataset.csv",
];

const OTHER: &[(&str, &[u8], &str)] = cases![
    "olist/olist_order_reviews_dataset.csv",
    "other/amazon_brand_reviews.csv",
    "other/asknicely_nps_export.csv",
    "other/delighted_csat.csv",
    "other/delighted_nps.csv",
    "other/etsy_reviews.csv",
    "other/feefo_reviews.csv",
    "other/freshdesk_tickets.csv",
    "other/google_forms_responses.csv",
    "other/google_forms_reviews.csv",
    "other/google_reviews_outscraper.csv",
    "other/gorgias_tickets.csv",
    "other/helpscout_conversations.csv",
    "other/hotjar_nps.csv",
    "other/intercom_conversations.csv",
    "other/jd_pingjia.csv",
    "other/jotform_survey.csv",
    "other/judgeme_reviews.csv",
    "other/kefu_gongdan.csv",
    "other/kiyoh_reviews_10pt.csv",
    "other/kustomer_conversations.csv",
    "other/loox_reviews.csv",
    "other/microsoft_forms_responses.csv",
    "other/okendo_reviews.csv",
    "other/qiyu_tickets.csv",
    "other/qualtrics_export.csv",
    "other/reamaze_conversations.csv",
    "other/retently_nps_export.csv",
    "other/reviewsio_reviews.csv",
    "other/shopee_product_ratings.csv",
    "other/stamped_reviews.csv",
    "other/surveymonkey_export.csv",
    "other/taobao_pingjia.csv",
    "other/tencent_wenjuan.csv",
    "other/tidio_tickets.csv",
    "other/trustedshops_bewertungen.csv",
    "other/trustpilot_reviews.csv",
    "other/typeform_responses.csv",
    "other/wenjuanwang_export.csv",
    "other/wjx_survey.csv",
    "other/yotpo_reviews.csv",
    "other/zendesk_tickets.csv",
    "other/zoho_desk_tickets.csv",
    "other/zoho_survey_responses.csv",
];

/// Where this project's figure differs from the one given with the file, on purpose: (file,
/// figure, this project's value, why).
const DECIDED_OTHERWISE: &[(&str, &str, f64, &str)] = &[
    ("commandes_export_fr.csv", "cancelled", 4.0, "an order awaiting payment (En attente de paiement) is not a purchase"),
    ("prestashop_pedidos_es.csv", "cancelled", 4.0, "an order awaiting payment (En espera de pago) is not a purchase"),
    ("judgeme_reviews.csv", "with_text", 18.0, "a review's title is its text when the body is empty"),
    ("okendo_reviews.csv", "with_text", 14.0, "a review's title is its text when the body is empty"),
    ("stamped_reviews.csv", "with_text", 16.0, "a review's title is its text when the body is empty"),
    ("surveymonkey_export.csv", "responses", 16.0, "a respondent who answered only text and choice questions gave no score, and is rejected with that reason"),
    ("retently_nps_export.csv", "responses", 16.0, "a row without a score is rejected with that reason"),
    ("amazon_brand_reviews.csv", "with_text", 16.0, "a review's title is its text when the body is empty"),
    ("reviewsio_reviews.csv", "with_text", 14.0, "a review's title is its text when the body is empty"),
    ("prestashop_ordini_it.csv", "cancelled", 4.0, "an order awaiting payment (In attesa di pagamento) is not a purchase"),
];

/// Columns this project reads for a field where the file's notes name another: (file, field,
/// this project's column, why).
const COLUMN_DECIDED: &[(&str, &str, &str, &str)] = &[("tidio_tickets.csv", "category", "Tags", "the tags say what a complaint is about; the department is the team that took it")];

fn expected_column<'a>(name: &str, field: &str, given: Option<&'a str>) -> Option<&'a str> {
    let file = name.rsplit('/').next().unwrap_or(name);
    COLUMN_DECIDED.iter().find(|d| d.0 == file && d.1 == field).map_or(given, |d| Some(d.2))
}

fn expected(name: &str, figure: &str, given: f64) -> f64 {
    let file = name.rsplit('/').next().unwrap_or(name);
    DECIDED_OTHERWISE.iter().find(|d| d.0 == file && d.1 == figure).map_or(given, |d| d.2)
}

fn read(name: &str, bytes: &[u8], kind: InputKind) -> Result<loyalty_scorecard::input::Parsed, loyalty_scorecard::Error> {
    read_input(&InputFile::new(name, kind, bytes), &ReadOptions::default(), &mut |_| {})
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// The column read for `field` (or, for the customer, its stand-in: the phone or the name).
fn column(a: &loyalty_scorecard::input::InputAccount, field: &str) -> Option<String> {
    let of = |f: &str| a.columns.iter().find(|c| c.field == f).map(|c| c.column.clone());
    match field {
        "customer_id" => of("customer_id").or_else(|| of("phone")).or_else(|| of("billing_name")),
        _ => of(field),
    }
}

fn check_orders() -> Vec<String> {
    let mut fails = Vec::new();
    for (name, bytes, expect) in ORDERS {
        let e: Value = serde_json::from_str(expect).unwrap();
        let mut fail = |m: String| fails.push(format!("{name}: {m}"));
        let p = match read(name, bytes, InputKind::Orders) {
            Ok(p) => p,
            // A report without any buyer column is refused, saying so: the scorecard measures
            // customers.
            Err(err) if e["columns"]["customer_id"].is_null() => {
                if !err.to_string().contains("does not say who bought") {
                    fail(format!("refused without saying the buyer is missing: {err}"));
                }
                continue;
            }
            Err(err) => {
                fail(format!("not read: {err}"));
                continue;
            }
        };
        let a = &p.account;
        let Records::Orders(orders) = &p.records else {
            fail("not read as orders".into());
            continue;
        };
        let unkeyed = orders.unkeyed();
        let n = orders.len() + a.orders_without_customer;
        let mut ids: Vec<&str> = orders.iter().map(|o| o.customer_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let sum: f64 = orders.iter().map(|o| o.total).sum::<f64>() + unkeyed.iter().map(|u| u.1).sum::<f64>();
        let figures = [
            ("orders", n as f64, 0.0),
            ("customers", ids.len() as f64, 0.0),
            ("orders_without_customer", a.orders_without_customer as f64, 0.0),
            ("cancelled", (a.cancelled + a.refunded) as f64, 0.0),
            ("sum_total", sum, 0.005),
        ];
        for (figure, got, tol) in figures {
            // A file without money has no sum of totals to check.
            if figure == "sum_total" && e[figure].is_null() && e.get(figure).is_some() {
                continue;
            }
            let want = expected(name, figure, e[figure].as_f64().unwrap_or(0.0));
            if !close(got, want, tol) {
                fail(format!("{figure} {got}, expected {want}"));
            }
        }
        for field in ["customer_id", "order_date", "total"] {
            let want = e["columns"][field].as_str();
            // Line-item files without an order total add up their lines instead.
            if field == "total" && column(a, "total").is_none() {
                continue;
            }
            if want.is_some() && column(a, field).as_deref() != want {
                fail(format!("{field} read from {:?}, expected {want:?}", column(a, field)));
            }
        }
        // Orders partly refunded, where the file says how many (their refunds are off the sum).
        if let Some(want) = e["partly_refunded"].as_u64() {
            if a.partly_refunded as u64 != want {
                fail(format!("partly_refunded {}, expected {want}", a.partly_refunded));
            }
        }
        if !a.balanced() {
            fail("the account does not balance".into());
        }
    }
    fails
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

fn check_other() -> Vec<String> {
    let mut fails = Vec::new();
    for (name, bytes, expect) in OTHER {
        let e: Value = serde_json::from_str(expect).unwrap();
        let mut out: Vec<String> = Vec::new();
        let kind = match e["kind"].as_str().unwrap() {
            "reviews" => InputKind::Reviews,
            "surveys" => InputKind::Surveys,
            _ => InputKind::Tickets,
        };
        let p = match read(name, bytes, kind) {
            Ok(p) => p,
            Err(err) => {
                fails.push(format!("{name}: not read: {err}"));
                continue;
            }
        };
        let a = &p.account;
        if !a.balanced() {
            out.push("the account does not balance".into());
        }
        let want = |figure: &str, got: Option<f64>, tol: f64| -> Option<String> {
            let w = e[figure].as_f64().map(|g| expected(name, figure, g));
            match (got, w) {
                (Some(g), Some(w)) if close(g, w, tol) => None,
                (None, None) => None,
                _ => Some(format!("{figure} {got:?}, expected {w:?}")),
            }
        };
        match &p.records {
            Records::Reviews(r) => {
                let ratings: Vec<f64> = r.iter().map(|x| x.rating).collect();
                out.extend(want("reviews", Some(ratings.len() as f64), 0.0));
                // On the file's own scale (this project converts 1-10 to 1-5 by 1 + (x - 1) · 4 / 9).
                let scale = e["scale_max"].as_f64().unwrap_or(5.0);
                let own = |x: f64| if scale == 10.0 { 1.0 + (x - 1.0) * 9.0 / 4.0 } else { x };
                out.extend(want("mean_rating", mean(&ratings).map(own), 5e-5));
                out.extend(want("with_text", Some(r.iter().filter(|x| x.text.is_some_and(|t| !t.trim().is_empty())).count() as f64), 0.0));
            }
            Records::Survey(s) => {
                let of = |k: QuestionKind| s.questions.iter().position(|q| q.kind == k);
                let answers = |i: Option<usize>| -> Vec<f64> { i.map_or(Vec::new(), |i| s.responses.iter().filter_map(|r| r.answers[i]).collect()) };
                let nps = answers(of(QuestionKind::Nps));
                let score = (!nps.is_empty()).then(|| {
                    let share = |f: &dyn Fn(f64) -> bool| nps.iter().filter(|x| f(**x)).count() as f64 / nps.len() as f64;
                    100.0 * (share(&|x| x >= 9.0) - share(&|x| x <= 6.0))
                });
                out.extend(want("nps", score, 0.005));
                out.extend(want("csat_mean", mean(&answers(of(QuestionKind::Csat))), 5e-5));
                out.extend(want("ces_mean", mean(&answers(of(QuestionKind::Ces))), 5e-5));
                out.extend(want("responses", Some(s.responses.len() as f64), 0.0));
            }
            Records::Tickets(t) => {
                out.extend(want("tickets", Some(t.len() as f64), 0.0));
                out.extend(want("resolved", Some(t.iter().filter(|x| x.resolved.is_some()).count() as f64), 0.0));
                // The median of the hours to resolve, from the date-times (the figure is given
                // to two decimals).
                let mut hours: Vec<f64> = t.iter().filter_map(|x| x.resolution_hours).collect();
                hours.sort_by(f64::total_cmp);
                let median = (!hours.is_empty()).then(|| {
                    let m = hours.len() / 2;
                    if hours.len() % 2 == 1 {
                        hours[m]
                    } else {
                        (hours[m - 1] + hours[m]) / 2.0
                    }
                });
                out.extend(want("median_hours_to_resolve", median, 0.005));
                for field in ["opened", "resolved", "category"] {
                    let w = expected_column(name, field, e["columns"][field].as_str());
                    if w.is_some() && column(a, field).as_deref() != w {
                        out.push(format!("{field} read from {:?}, expected {w:?}", column(a, field)));
                    }
                }
            }
            _ => out.push("read as another kind".into()),
        }
        if kind == InputKind::Reviews {
            for field in ["rating", "text"] {
                let w = e["columns"][field].as_str();
                if w.is_some() && column(a, field).as_deref() != w {
                    out.push(format!("{field} read from {:?}, expected {w:?}", column(a, field)));
                }
            }
        }
        fails.extend(out.into_iter().map(|m| format!("{name}: {m}")));
    }
    fails
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn dropped_without_a_kind_each_export_is_taken_for_what_it_is() {
    let mut wrong = Vec::new();
    for (name, bytes, expect) in ORDERS.iter().chain(OTHER) {
        let e: Value = serde_json::from_str(expect).unwrap();
        let want = match e["kind"].as_str().unwrap() {
            "orders" => InputKind::Orders,
            "reviews" => InputKind::Reviews,
            "surveys" => InputKind::Surveys,
            _ => InputKind::Tickets,
        };
        let got = loyalty_scorecard::input::guess_kind(name, bytes);
        if got != want {
            wrong.push(format!("{name}: taken for {got:?}, is {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn order_exports_read_as_their_platforms_document() {
    let fails = check_orders();
    assert!(fails.is_empty(), "{} failures:\n{}", fails.len(), fails.join("\n"));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn review_survey_and_ticket_exports_read_as_their_tools_document() {
    let fails = check_other();
    assert!(fails.is_empty(), "{} failures:\n{}", fails.len(), fails.join("\n"));
}
