//! Orders export reader: one row per order with a customer, a date and a total.

use super::columns::{self, FieldSpec};
use super::fields::{parse_date, parse_money};
use super::text::{decode, sniff_delimiter};
use super::{ColumnUse, InputAccount, InputKind, RejectReason};
use crate::dataset::Order;
use crate::Error;
use std::collections::HashMap;

/// Reads an orders export (CSV, TSV, semicolon- or pipe-separated, with a header row).
///
/// Required columns: customer (id or e-mail), order date, order total. Optional: order id
/// (a repeated id rejects the later row), currency, discount code. Accepted header names are
/// in [`columns`].
///
/// # Errors
/// The file as a whole: empty, not decodable, no header for a required field, or broken CSV
/// quoting. Single bad rows are not errors; they are listed in the returned [`InputAccount`].
///
/// ```
/// let csv = "customer,date,total\nA,2024-01-05,10\n,2024-01-06,5\n";
/// let (orders, account) = loyalty_scorecard::input::orders::read_orders("o.csv", csv.as_bytes()).unwrap();
/// assert_eq!((orders.len(), account.rows_read, account.rows_rejected), (1, 2, 1));
/// assert_eq!(account.issues[0].row, 3);
/// ```
pub fn read_orders(file: &str, bytes: &[u8]) -> Result<(Vec<Order>, InputAccount), Error> {
    let decoded = decode(file, bytes)?;
    let delimiter = sniff_delimiter(&decoded.text);
    let mut account = InputAccount::new(file, InputKind::Orders, decoded.encoding, delimiter);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(decoded.text.as_bytes());
    let csv_error = |e: csv::Error| Error::Csv {
        file: file.to_string(),
        row: e.position().map(|p| p.line() as usize).unwrap_or(0),
        message: e.to_string(),
    };
    let headers: Vec<String> = reader.headers().map_err(csv_error)?.iter().map(|s| s.trim().to_string()).collect();
    if headers.iter().all(|h| h.is_empty()) {
        return Err(Error::EmptyFile { file: file.to_string() });
    }
    let required = |spec: &FieldSpec| {
        columns::find(&headers, spec).ok_or_else(|| Error::MissingColumn {
            file: file.to_string(),
            field: spec.field,
            found: headers.join(", "),
            accepted: columns::accepted(spec),
        })
    };
    let customer = required(&columns::CUSTOMER)?;
    let date = required(&columns::ORDER_DATE)?;
    let total = required(&columns::TOTAL)?;
    let taken = [customer, date, total];
    let optional = |spec: &FieldSpec| columns::find(&headers, spec).filter(|i| !taken.contains(i));
    let order_id = optional(&columns::ORDER_ID);
    let currency = optional(&columns::CURRENCY);
    let discount = optional(&columns::DISCOUNT_CODE);
    for (field, idx) in [
        ("customer_id", Some(customer)),
        ("order_date", Some(date)),
        ("total", Some(total)),
        ("order_id", order_id),
        ("currency", currency),
        ("discount_code", discount),
    ] {
        if let Some(i) = idx {
            account.columns.push(ColumnUse { field, column: headers[i].clone() });
        }
    }

    let mut orders = Vec::new();
    let mut seen_ids: HashMap<String, usize> = HashMap::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(e)),
        }
        let row = record.position().map(|p| p.line() as usize).unwrap_or(0);
        account.rows_read += 1;
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let optional_cell = |i: Option<usize>| i.map(cell).filter(|s| !s.is_empty()).map(str::to_string);

        let mut reject = |col: usize, reason| account.reject(row, &headers[col], reason);
        let customer_id = cell(customer);
        if customer_id.is_empty() {
            reject(customer, RejectReason::MissingValue);
            continue;
        }
        let date_cell = cell(date);
        if date_cell.is_empty() {
            reject(date, RejectReason::MissingValue);
            continue;
        }
        let Some(day) = parse_date(date_cell) else {
            reject(date, RejectReason::BadDate { value: date_cell.to_string() });
            continue;
        };
        let total_cell = cell(total);
        if total_cell.is_empty() {
            reject(total, RejectReason::MissingValue);
            continue;
        }
        let amount = match parse_money(total_cell) {
            Some(v) if v < 0.0 => {
                reject(total, RejectReason::NegativeTotal { value: total_cell.to_string() });
                continue;
            }
            Some(v) => v,
            None => {
                reject(total, RejectReason::BadNumber { value: total_cell.to_string() });
                continue;
            }
        };
        let id = optional_cell(order_id);
        if let (Some(id), Some(col)) = (&id, order_id) {
            if let Some(&first_row) = seen_ids.get(id) {
                reject(col, RejectReason::DuplicateOrderId { value: id.clone(), first_row });
                continue;
            }
            seen_ids.insert(id.clone(), row);
        }
        orders.push(Order {
            order_id: id,
            currency: optional_cell(currency),
            discount_code: optional_cell(discount),
            row,
            ..Order::new(customer_id, day, amount)
        });
        account.rows_used += 1;
    }
    debug_assert_eq!(account.rows_read, account.rows_used + account.rows_rejected);
    Ok((orders, account))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_accounted_for() {
        let csv = "Order ID;Customer;Date;Total\n#1;A;2024-01-05;10,50\n#2;;2024-01-06;5\n#3;B;soon;5\n#1;C;2024-01-07;5\n#4;D;2024-01-08;-3\n#5;E;2024-01-08;\n#6;F;2024-01-09;abc\n";
        let (orders, acc) = read_orders("o.csv", csv.as_bytes()).unwrap();
        assert_eq!(acc.delimiter, "semicolon");
        assert_eq!(orders.len(), 1);
        assert_eq!(orders[0].total, 10.5);
        assert_eq!((acc.rows_read, acc.rows_used, acc.rows_rejected), (7, 1, 6));
        let rows: Vec<(usize, &str, &str)> = acc.issues.iter().map(|i| (i.row, i.column.as_str(), i.reason.code())).collect();
        assert_eq!(
            rows,
            vec![
                (3, "Customer", "missing_value"),
                (4, "Date", "bad_date"),
                (5, "Order ID", "duplicate_order_id"),
                (6, "Total", "negative_total"),
                (7, "Total", "missing_value"),
                (8, "Total", "bad_number"),
            ]
        );
        assert!(acc.issues[2].message.contains("row 2"));
    }

    #[test]
    fn missing_column_is_a_clear_error() {
        let err = read_orders("x.csv", b"customer,total\nA,1\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("x.csv: no column for order_date"), "{msg}");
        assert!(msg.contains("found: customer, total"), "{msg}");
    }

    #[test]
    fn broken_quotes_name_the_row() {
        // A short row is fine (flexible), an unterminated quote runs to the end of the file.
        let (orders, acc) = read_orders("q.csv", b"customer,date,total\nA,2024-01-01\n").unwrap();
        assert_eq!((orders.len(), acc.rows_rejected), (0, 1));
    }
}
