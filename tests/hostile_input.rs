//! Implausible cells in an orders export: each row is refused with its own reason, named by
//! row and column, nothing is lost silently (read = used + merged + rejected), and none of
//! them reaches a figure (the analysis date is the latest real order). Natively and in the
//! browser. Expected figures by hand from the rows below.

use loyalty_scorecard::input::{read_input, InputFile, InputKind, ReadOptions};
use loyalty_scorecard::{analyze, AnalysisOptions};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Rows 2-4 are real; rows 5-11 are each wrong in one way (the reason code expected).
fn orders() -> String {
    let huge = "9".repeat(400);
    [
        "order_id,customer_id,order_date,total".to_string(),
        "1,A,2024-01-05,10.00".into(),
        "2,A,2024-02-01,USD 30.00".into(),
        "3,B,2024-03-09,20 kr".into(),
        "4,C,9999-12-31,15.00".into(),    // placeholder date
        "5,C,1900-01-01,15.00".into(),    // placeholder date
        "6,D,1970-01-01,15.00".into(),    // a zero timestamp
        "7,E,2024-02-02,12abc".into(),    // letters after the number
        format!("8,F,2024-02-03,{huge}"), // beyond any real order
        "9,G,2024-02-04,1e400".into(),    // not money
        "10,H,1994-12-31,5.00".into(),    // before web shops
    ]
    .join("\n")
        + "\n"
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn implausible_dates_and_amounts_are_refused_by_row_with_their_reason() {
    let text = orders();
    let parsed = read_input(&InputFile::new("orders.csv", InputKind::Orders, text.as_bytes()), &ReadOptions::default(), &mut |_| {}).unwrap();
    let a = &parsed.account;
    assert_eq!((a.rows_read, a.rows_used, a.rows_merged, a.rows_rejected), (10, 3, 0, 7));
    assert!(a.balanced());
    let got: Vec<(usize, &str, &str)> = a.issues.iter().map(|i| (i.row, i.column.as_str(), i.reason.code())).collect();
    assert_eq!(
        got,
        vec![
            (5, "order_date", "implausible_date"),
            (6, "order_date", "implausible_date"),
            (7, "order_date", "implausible_date"),
            (8, "total", "bad_number"),
            (9, "total", "bad_number"),
            (10, "total", "bad_number"),
            (11, "order_date", "implausible_date"),
        ]
    );
    assert!(a.issues[0].message.contains("9999-12-31") && a.issues[0].message.contains("placeholder"));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn no_placeholder_date_becomes_the_analysis_date() {
    let text = orders();
    let card = analyze(&[InputFile::orders("orders.csv", text.as_bytes())], &AnalysisOptions::default()).unwrap();
    assert_eq!(card.as_of.map(|d| d.to_string()).as_deref(), Some("2024-03-09"));
    let o = card.orders.as_ref().unwrap();
    // 10 + 30 + 20: the currency words are read, nothing else counts.
    assert_eq!((o.orders.value, o.customers.value, o.revenue.value), (3.0, 2.0, 60.0));
}

/// The same ticket twice (an export listing its updates) is one complaint, completed by the
/// later row; the same review twice is one review. Both counted as merged in their accounts.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn repeated_ticket_and_review_ids_are_merged_and_counted() {
    let orders = "order_id,customer_id,order_date,total\n1,A,2024-01-05,10\n2,B,2024-01-06,20\n3,C,2024-01-07,30\n4,D,2024-01-08,40\n";
    let tickets = "ticket_id,customer_id,order_id,created_at,solved_at\nT1,A,1,2024-01-06,\nT1,A,1,2024-01-06,2024-01-07\nT2,B,2,2024-01-07,2024-01-07\n";
    let reviews = "review_id,order_id,rating\nR1,1,5\nR1,1,5\nR2,2,1\n";
    let files = [
        InputFile::orders("orders.csv", orders.as_bytes()),
        InputFile::new("tickets.csv", InputKind::Tickets, tickets.as_bytes()),
        InputFile::new("reviews.csv", InputKind::Reviews, reviews.as_bytes()),
    ];
    let card = analyze(&files, &AnalysisOptions::default()).unwrap();
    let account = |name: &str| card.inputs.iter().find(|a| a.file == name).unwrap();
    let (t, r) = (account("tickets.csv"), account("reviews.csv"));
    assert_eq!((t.rows_read, t.rows_used, t.rows_merged, t.rows_rejected), (3, 2, 1, 0));
    assert_eq!((r.rows_read, r.rows_used, r.rows_merged, r.rows_rejected), (3, 2, 1, 0));
    let s = card.satisfaction.as_ref().unwrap();
    let c = s.complaints.as_ref().unwrap();
    // 2 complaints on 4 orders, both resolved (T1 by its second row).
    assert_eq!(c.tickets, 2);
    assert_eq!(c.rate_per_order.value, Some(0.5));
    assert_eq!(c.resolution_rate.value, Some(1.0));
    // Ratings 5 and 1: the average of the two reviews, not of three rows.
    assert_eq!(s.ratings.as_ref().unwrap().overall.average.value, Some(3.0));
}

/// A JSON array of objects that each bring new keys: refused at the first key beyond the
/// bound, naming the file and the row, instead of making every row as wide as all the keys.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn json_objects_with_ever_new_keys_are_refused_at_the_bound() {
    let items: Vec<String> = (0..3000).map(|i| format!("{{\"customer_id\":\"C{i}\",\"order_date\":\"2024-01-05\",\"total\":1,\"k{i}\":1}}")).collect();
    let text = format!("[{}]", items.join(","));
    let e = read_input(&InputFile::new("wide.json", InputKind::Orders, text.as_bytes()), &ReadOptions::default(), &mut |_| {}).unwrap_err().to_string();
    // 3 shared keys + 997 new ones fit: object 998 (row 999) brings key 1001.
    assert!(e.contains("wide.json") && e.contains("row 999") && e.contains("more than 1000 different keys"), "{e}");
    // The same objects with the same keys read fine.
    let same: Vec<String> = (0..3000).map(|i| format!("{{\"customer_id\":\"C{i}\",\"order_date\":\"2024-01-05\",\"total\":1}}")).collect();
    let text = format!("[{}]", same.join(","));
    let p = read_input(&InputFile::new("ok.json", InputKind::Orders, text.as_bytes()), &ReadOptions::default(), &mut |_| {}).unwrap();
    assert_eq!(p.account.rows_used, 3000);
}

/// One order with a mistyped year (2042 in a 2024 shop) passes the reader's bounds but stands
/// far after every other order: it is kept out of the analysis date, with a warning saying so.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_order_far_after_the_rest_does_not_set_the_analysis_date() {
    // 120 orders from 2024-01-01, one a day (the last 2024-04-29), then one dated 2042-04-29.
    let mut csv = String::from("customer_id,order_date,total\n");
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    for i in 0..120 {
        csv.push_str(&format!("C{},{},10\n", i % 40, start + chrono::Duration::days(i)));
    }
    csv.push_str("C1,2042-04-29,10\n");
    let card = analyze(&[InputFile::orders("orders.csv", csv.as_bytes())], &AnalysisOptions::default()).unwrap();
    assert_eq!(card.as_of.map(|d| d.to_string()).as_deref(), Some("2024-04-29"));
    assert_eq!(card.orders.as_ref().unwrap().orders.value, 120.0);
    assert!(card.warnings.iter().any(|w| w.starts_with("1 orders are dated more than a year after 99% of the orders")), "{:?}", card.warnings);
    // An explicit analysis date takes it in.
    let o = AnalysisOptions { as_of: Some("2042-12-31".into()), ..AnalysisOptions::default() };
    let card = analyze(&[InputFile::orders("orders.csv", csv.as_bytes())], &o).unwrap();
    assert_eq!(card.orders.as_ref().unwrap().orders.value, 121.0);
}

/// The same survey response listed twice (the export given twice, or re-exported after an edit)
/// is one response: the later row fills the answer the first left blank, and it is counted as
/// merged. By hand: respondents R1 (NPS 10, CSAT 5 from its second row), R2 (NPS 0), R3 (NPS 9,
/// no CSAT): NPS (2 promoters − 1 detractor) / 3 = 33.3 points on 3 answers; CSAT 5 from one
/// answer.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_survey_response_listed_twice_is_one_response() {
    let orders = "order_id,customer_id,order_date,total\n1,A,2024-01-05,10\n2,B,2024-01-20,20\n";
    let survey = "respondent_id,customer_id,date,nps,csat\nR1,A,2024-01-10,10,\nR2,B,2024-01-11,0,\nR1,A,2024-01-10,10,5\nR3,,2024-01-12,9,\n";
    let files = [InputFile::orders("orders.csv", orders.as_bytes()), InputFile::new("survey.csv", InputKind::Surveys, survey.as_bytes())];
    let card = analyze(&files, &AnalysisOptions::default()).unwrap();
    let a = card.inputs.iter().find(|a| a.file == "survey.csv").unwrap();
    assert_eq!((a.rows_read, a.rows_used, a.rows_merged, a.rows_rejected), (4, 3, 1, 0));
    let scores = card.satisfaction.as_ref().unwrap().survey_scores.as_ref().unwrap();
    let nps = &scores.nps.as_ref().unwrap().overall;
    assert_eq!((nps.promoters, nps.passives, nps.detractors), (2, 0, 1));
    assert!((nps.nps.value.unwrap() - 100.0 / 3.0).abs() < 1e-9);
    assert_eq!(scores.csat.as_ref().unwrap().mean.value, Some(5.0));
}

/// A customer summary's amounts are bounded as orders' totals are: a mean spend of 1e300 (or
/// beyond any real customer) refuses its row, naming the column, instead of breaking the spend
/// model for every customer.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_summary_amount_beyond_any_real_customer_refuses_its_row() {
    let head = "customer_id,first_purchase,last_purchase,frequency,recency,T,monetary_value,calibration_end,time_unit";
    let row = |id: &str, f: u32, m: &str| {
        let (last, recency) = if f == 0 { ("2024-01-01", 0) } else { ("2024-03-04", 9) };
        format!("{id},2024-01-01,{last},{f},{recency},10,{m},2024-03-11,week")
    };
    let summary = [head.to_string(), row("A", 2, "30.5"), row("B", 1, "1e300"), row("C", 0, "0"), row("D", 3, "2000000000000")].join("\n") + "\n";
    let file = InputFile::new("summary.csv", InputKind::Summary, summary.as_bytes());
    let p = read_input(&file, &ReadOptions::default(), &mut |_| {}).unwrap();
    assert_eq!((p.account.rows_read, p.account.rows_used, p.account.rows_rejected), (4, 2, 2));
    let listed = format!("{:?}", p.account);
    assert!(listed.contains("1e300") && listed.contains("2000000000000") && listed.contains("monetary_value"), "{listed}");
}
