//! Tables written for spreadsheets: the per-customer table (the CLI's `--customers-out` and the
//! page's customer export) and CSV cells that are safe to open in Excel, LibreOffice or Numbers.

use crate::dataset::Dataset;
use crate::fast::{Map, Set};
use crate::input::{read_input, InputFile, Records};
use crate::metrics::clv::{analyze_clv, summarize, ClvOptions, CustomerRow as ClvRow, CustomerSummary};
use crate::metrics::loyalty::{customer_table, CustomerRow as LoyaltyRow};
use crate::metrics::trust;
use crate::model::Orders;
use crate::{AnalysisOptions, Error, Scorecard};
use std::borrow::Cow;

/// One CSV cell (RFC 4180): quoted when it holds a comma, quote, or line break. Text that a
/// spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage return first, and not a
/// plain number) gets a leading `'`, the usual defence against formula injection from data.
///
/// ```
/// use loyalty_scorecard::export::csv_cell;
/// assert_eq!(csv_cell("plain"), "plain");
/// assert_eq!(csv_cell("a,b"), "\"a,b\"");
/// assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
/// assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
/// assert_eq!(csv_cell("-12.5"), "-12.5");
/// assert_eq!(csv_cell("+7%"), "+7%");
/// ```
pub fn csv_cell(text: &str) -> String {
    let cell = formula_safe(text);
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.into_owned()
    }
}

/// `text`, with a leading `'` when a spreadsheet would run it as a formula (`=`, `+`, `-`, `@`,
/// tab or carriage return first) and it is not a plain number.
pub fn formula_safe(text: &str) -> Cow<'_, str> {
    let numeric = {
        let t = text.trim_end_matches('%').replace(',', "");
        !t.is_empty() && t.parse::<f64>().is_ok()
    };
    if !numeric && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The per-customer table: the lifetime-value rows (same calibration as the scorecard) joined
/// to the loyalty customer table (RFM segment, value tier) by customer id, read from `files`
/// (every order up to the scorecard's analysis date: no date range or product filter). The
/// CLI and the page use [`crate::Analysis::customers_csv`] instead, which reuses the records
/// of the scorecard itself. One row per customer
/// of the loyalty table; customers who first bought after the calibration end have empty
/// lifetime-value cells.
///
/// # Errors
/// A file that cannot be read (as for [`crate::analyze`]), or a scorecard without an analysis
/// date (no dated orders).
pub fn customers_csv(files: &[InputFile<'_>], options: &AnalysisOptions, card: &Scorecard) -> Result<Vec<u8>, Error> {
    let Some(as_of) = card.as_of else {
        return Err(Error::NoUsableData("no analysis date: the customer table needs dated orders".into()));
    };
    // All records: the trust layer joins ratings, survey answers and tickets to the orders.
    let mut data = Dataset::default();
    for f in files {
        let parsed = read_input(f, &f.options, &mut |_| {})?;
        match parsed.records {
            Records::Orders(o) => data.orders.append(o),
            Records::Reviews(r) => data.reviews.append(r),
            Records::Tickets(t) => data.tickets.extend(t),
            // As the scorecard: the first survey file, and later ones with the same questions.
            Records::Survey(sv) if data.survey.responses.is_empty() => data.survey = sv,
            Records::Survey(sv) if data.survey.questions == sv.questions => data.survey.responses.extend(sv.responses),
            Records::Survey(_) => {}
            // A customer summary has no orders to join: the CLI writes its own rows.
            Records::Summary(_) => {}
        }
        if let Some(r) = parsed.reviews {
            data.reviews.append(r);
        }
        if let Some(t) = parsed.tickets {
            data.tickets.extend(t);
        }
    }
    data.orders.retain(|o| o.date <= as_of);
    customers_csv_of(&data, options, card)
}

/// [`customers_csv`] from the records the scorecard was made from (orders dated on or before
/// its analysis date), without reading any file again: what [`crate::Analysis::customers_csv`]
/// uses.
///
/// # Errors
/// A scorecard without an analysis date (no dated orders).
pub fn customers_csv_of(data: &Dataset, options: &AnalysisOptions, card: &Scorecard) -> Result<Vec<u8>, Error> {
    let Some(as_of) = card.as_of else {
        return Err(Error::NoUsableData("no analysis date: the customer table needs dated orders".into()));
    };
    let trust_ctx = trust::context_of(data, card.loyalty.as_ref(), card.clv.as_ref(), &options.trust);
    let layers: Map<String, &'static str> = trust::trust_layers(data, as_of, &trust_ctx, &options.trust).into_iter().map(|c| (c.customer_id, c.layer.key())).collect();
    let orders: &Orders = &data.orders;
    let table: Vec<LoyaltyRow> = customer_table(orders, as_of, &options.loyalty.tier_thresholds);

    let scorecard_clv = card.clv.as_ref();
    let mut clv_opts = ClvOptions {
        customer_rows: true,
        // The calibration end the scorecard used (the analysis date unless one was given).
        calibration_end: scorecard_clv.and_then(|c| c.calibration_end).or(options.clv.calibration_end).or(Some(as_of)),
        // Rows do not depend on the holdout: skip the validation.
        holdout_end: None,
        // The rows come from the scorecard's primary model (the one its holdout check chose).
        primary: scorecard_clv.and_then(|c| c.primary_model).map(str::to_string).or_else(|| options.clv.primary.clone()),
        ..options.clv.clone()
    };
    if scorecard_clv.and_then(|c| c.primary_model).is_some_and(|m| m != "Pareto/NBD") {
        // The Pareto/NBD need not be fitted again (the MBG/NBD gives the owner's columns).
        clv_opts.pareto_nbd = false;
    }
    let clv = analyze_clv(orders, &clv_opts);
    let by_id: Map<&str, &ClvRow> = clv.customer_rows.iter().map(|r| (r.customer_id.as_str(), r)).collect();
    // Frequency, recency, T and monetary value do not need a fitted model: from the summary.
    let summary = clv.calibration_end.map(|cal| summarize(orders, cal, clv_opts.unit));
    let sums: Map<&str, &CustomerSummary> = summary.iter().flat_map(|s| s.customers.iter()).map(|c| (c.customer_id.as_str(), c)).collect();

    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let header = customer_table_header(&clv_opts);
    let io = |e: csv::Error| Error::NoUsableData(format!("writing the customer table: {e}"));
    w.write_record(&header).map_err(io)?;
    let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    // Orders without a money column: no spend and no value tier (every total counted as 0).
    let money = orders.has_money();
    for t in &table {
        let c = by_id.get(t.customer_id.as_str());
        let s = sums.get(t.customer_id.as_str());
        w.write_record(
            [
                formula_safe(&t.customer_id).into_owned(),
                s.map(|s| s.frequency.to_string()).unwrap_or_default(),
                opt(s.map(|s| s.recency)),
                opt(s.map(|s| s.t)),
                opt(s.filter(|_| money).map(|s| s.monetary_value)),
                opt(c.map(|c| c.p_alive)),
                opt(c.map(|c| c.expected_purchases)),
                opt(c.and_then(|c| c.expected_spend)),
                opt(c.and_then(|c| c.clv)),
                opt(c.and_then(|c| c.dert)),
                t.segment.key().to_string(),
                if money { t.value_tier.key().to_string() } else { String::new() },
                layers.get(t.customer_id.as_str()).copied().unwrap_or_default().to_string(),
            ]
            .into_iter()
            .chain(owner_cells(c.copied())),
        )
        .map_err(io)?;
    }
    // Customers in the lifetime-value summary but not in the loyalty table (none when both use
    // the same completed orders): still one row each.
    let in_table: Set<&str> = table.iter().map(|t| t.customer_id.as_str()).collect();
    for c in clv.customer_rows.iter().filter(|c| !in_table.contains(c.customer_id.as_str())) {
        let layer = layers.get(c.customer_id.as_str()).copied().unwrap_or_default();
        w.write_record(lifetime_row(formula_safe(&c.customer_id).into_owned(), c, layer).into_iter().chain(owner_cells(Some(c)))).map_err(io)?;
    }
    w.into_inner().map_err(|e| Error::NoUsableData(format!("writing the customer table: {e}")))
}

/// The header of the per-customer table: times in `opts.unit`, the horizon and CLV months of
/// `opts` in the column names.
pub fn customer_table_header(opts: &ClvOptions) -> Vec<String> {
    let unit = format!("{}s", opts.unit.name());
    let h = opts.horizon;
    let horizon = if h.fract() == 0.0 { format!("{h:.0}") } else { format!("{h}") };
    vec![
        "customer_id".to_string(),
        "frequency".into(),
        format!("recency_{unit}"),
        format!("T_{unit}"),
        "monetary_value".into(),
        "p_alive".into(),
        format!("expected_purchases_{horizon}_{unit}"),
        "expected_spend".into(),
        format!("clv_{}_months", opts.clv_months),
        "clv_dert".into(),
        "rfm_segment".into(),
        "value_tier".into(),
        "trust_layer".into(),
        "p_order_90_days".into(),
        "next_order_date".into(),
        "expected_orders_30_days".into(),
        "expected_orders_90_days".into(),
        "expected_orders_365_days".into(),
        "churn_risk".into(),
    ]
}

/// The six owner's cells of a customer's lifetime-value row (see
/// [`crate::metrics::clv::owner::Owner`]; empty without a row or where the model cannot say).
pub fn owner_cells(c: Option<&ClvRow>) -> [String; 6] {
    let Some(c) = c else { return Default::default() };
    let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    [
        opt(c.p_order_90_days),
        c.next_order_date.map(|d| d.to_string()).unwrap_or_default(),
        opt(c.expected_orders_30_days),
        opt(c.expected_orders_90_days),
        opt(c.expected_orders_365_days),
        c.churn_risk.unwrap_or_default().to_string(),
    ]
}

/// One row of the per-customer table from the lifetime-value row alone (no RFM segment or
/// value tier: those need the orders), with the customer id as given.
pub fn lifetime_row(id: String, c: &ClvRow, trust_layer: &str) -> [String; 13] {
    let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    [
        id,
        c.frequency.to_string(),
        c.recency.to_string(),
        c.t.to_string(),
        c.monetary_value.to_string(),
        c.p_alive.to_string(),
        c.expected_purchases.to_string(),
        opt(c.expected_spend),
        opt(c.clv),
        opt(c.dert),
        String::new(),
        String::new(),
        trust_layer.to_string(),
    ]
}
