//! Support tickets / complaints: ticket id, customer or order id, opened, resolved, category,
//! hours to first response. English and Chinese (工单号, 投诉时间, 解决时间, 类别) headers.

use super::columns;
use super::fields::parse_number;
use super::read::{self, cell_opt, opt, opt_date, req, FieldDef, Ignored, Parsed, Pattern, Progress, ReadOptions, Records};
use super::table::Cells;
use super::table::RowProblem;
use super::{InputAccount, InputFile, InputKind, RejectReason};
use crate::dataset::Text;
use crate::dataset::Ticket;
use crate::Error;

pub(crate) const FIELDS: &[FieldDef] = &[
    req(&columns::TICKET_OPENED, Pattern::Date),
    opt(&columns::TICKET_ID),
    opt(&columns::TICKET_CUSTOMER),
    opt(&columns::LINK_ORDER_ID),
    opt(&columns::TICKET_RESOLVED),
    opt(&columns::TICKET_CATEGORY),
    opt(&columns::FIRST_RESPONSE),
];
const OPENED: usize = 0;
const ID: usize = 1;
const CUSTOMER: usize = 2;
const ORDER: usize = 3;
const RESOLVED: usize = 4;
const CATEGORY: usize = 5;
const FIRST: usize = 6;

/// How many of a response-time column's units make an hour, from its header: minutes (60),
/// seconds (3600), else hours (1).
fn response_unit(header: &str) -> f64 {
    let n = columns::normalize(header);
    if n.contains("minute") || n.ends_with("mins") || n.ends_with("inmin") || n.contains("分钟") || n.contains("分鐘") {
        60.0
    } else if n.contains("second") || n.ends_with("secs") || n.ends_with("sec") || n.contains('秒') {
        3600.0
    } else {
        1.0
    }
}

/// A duration cell in hours: a number of the column's units (`per_hour` of them make an hour),
/// or a clock duration `h:mm` / `h:mm:ss` (Freshdesk writes `00:12:00`).
fn duration_hours(v: &str, per_hour: f64) -> Option<f64> {
    let v = v.trim();
    if v.contains(':') {
        let parts: Vec<&str> = v.split(':').collect();
        if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let n: Vec<f64> = parts.iter().map(|p| p.parse::<f64>().unwrap_or(0.0)).collect();
        if n[1..].iter().any(|x| *x >= 60.0) {
            return None;
        }
        return Some(n[0] + n[1] / 60.0 + n.get(2).map_or(0.0, |s| s / 3600.0));
    }
    parse_number(v).map(|x| x / per_hour)
}

pub(crate) fn read(file: &InputFile<'_>, opts: &ReadOptions, progress: &mut Progress<'_>) -> Result<Parsed, Error> {
    let mut o = read::open(file, opts, InputKind::Tickets)?;
    let cols = read::resolve(&mut o, FIELDS, opts)?;
    if cols[CUSTOMER].is_none() && cols[ORDER].is_none() {
        return Err(Error::MissingColumn {
            file: o.account.file.clone(),
            field: "customer_id",
            found: o.headers.join(", "),
            accepted: format!(
                "a customer column ({}) or an order id column ({}) (or name one with the mapping option)",
                columns::accepted(&columns::TICKET_CUSTOMER),
                columns::accepted(&columns::LINK_ORDER_ID)
            ),
        });
    }
    let date_orders = read::date_orders(&mut o, &[cols[OPENED], cols[RESOLVED]], opts, progress)?;
    let name = o.account.file.clone();
    let headers = o.headers.clone();
    let mut account = std::mem::replace(&mut o.account, InputAccount::new(&name, InputKind::Tickets, &o.source));
    let col_name = |f: usize| cols[f].map_or("", |c| headers[c].as_str());
    let mut ignored = Ignored::default();
    let mut before_opened = 0usize;
    // The response-time column's unit, from its header ("… in minutes", "(in hrs)", "秒").
    let per_hour = cols[FIRST].map_or(1.0, |c| response_unit(&headers[c]));
    let mut tickets = Vec::new();
    let mut table = o.source.table()?;
    let mut cells = Cells::new();
    // Ticket id -> its position in `tickets`.
    let mut seen: crate::fast::Map<Text, usize> = crate::fast::Map::default();
    while let Some(ev) = table.next_row(&name, &mut cells)? {
        progress.at(table.fraction());
        let row = ev.row;
        account.rows_read += 1;
        match ev.problem {
            Some(RowProblem::TooManyFields { expected, found }) => {
                account.reject(row, "", RejectReason::TooManyFields { expected, found });
                continue;
            }
            Some(RowProblem::Unreadable { message }) => {
                account.reject(row, "", RejectReason::BadRow { message });
                continue;
            }
            None => {}
        }
        let get = |f: usize| cell_opt(&cells, cols[f]).map(Text::from);
        let (customer_id, order_id) = (get(CUSTOMER), get(ORDER));
        if customer_id.is_none() && order_id.is_none() {
            let col = if cols[CUSTOMER].is_some() { col_name(CUSTOMER) } else { col_name(ORDER) };
            account.reject(row, col, RejectReason::MissingValue);
            continue;
        }
        let oc = cols[OPENED].expect("required");
        let Some(raw) = cell_opt(&cells, Some(oc)) else {
            account.reject(row, &headers[oc], RejectReason::MissingValue);
            continue;
        };
        let Some(opened) = super::fields::parse_date_raw(raw).and_then(|r| r.resolve(date_orders[oc])) else {
            account.reject(row, &headers[oc], RejectReason::BadDate { value: raw.to_string() });
            continue;
        };
        // A placeholder (1900-01-01, 9999-12-31) would stretch every complaint window.
        if !super::fields::plausible_order_date(opened) {
            account.reject(row, &headers[oc], RejectReason::ImplausibleDate { value: raw.to_string() });
            continue;
        }
        let mut resolved = opt_date(&cells, cols[RESOLVED], &date_orders, &headers, row, &mut ignored);
        if resolved.is_some_and(|r| r < opened) {
            before_opened += 1;
            ignored.add(col_name(RESOLVED), row, cell_opt(&cells, cols[RESOLVED]).unwrap_or(""), crate::messages::CellWant::NotBeforeOpening);
            resolved = None;
        }
        let _ = before_opened;
        let first_response_hours = get(FIRST).and_then(|v| {
            let n = duration_hours(&v, per_hour).filter(|n| *n >= 0.0);
            if n.is_none() {
                ignored.add(col_name(FIRST), row, &v, crate::messages::CellWant::Hours);
            }
            n
        });
        // Hours to resolve, when both cells give a time of day (help desks export date-times).
        let resolution_hours = resolved.and_then(|r| {
            let (open_t, close_t) = (super::fields::time_of_day(raw)?, super::fields::time_of_day(cell_opt(&cells, cols[RESOLVED])?)?);
            Some((r - opened).num_days() as f64 * 24.0 + close_t - open_t).filter(|h| *h >= 0.0)
        });
        let ticket_id = get(ID);
        // The same ticket listed again (an export of its updates, or the file given twice) is
        // one complaint: the later row completes the first (a resolution, a response time) and
        // is counted as merged.
        if let Some(&first) = ticket_id.as_ref().and_then(|id| seen.get(id)) {
            let t: &mut Ticket = &mut tickets[first];
            if t.resolved.is_none() {
                t.resolved = resolved;
            }
            if t.first_response_hours.is_none() {
                t.first_response_hours = first_response_hours;
            }
            if t.resolution_hours.is_none() {
                t.resolution_hours = resolution_hours;
            }
            account.rows_merged += 1;
            account.merged_duplicates += 1;
            continue;
        }
        if let Some(id) = &ticket_id {
            seen.insert(id.clone(), tickets.len());
        }
        tickets.push(Ticket { ticket_id, customer_id, order_id, opened, resolved, category: get(CATEGORY), first_response_hours, resolution_hours, row });
        account.rows_used += 1;
    }
    ignored.finish(&mut account);
    Ok(Parsed { records: Records::Tickets(tickets), account, reviews: None, tickets: None })
}

#[cfg(test)]
mod duration_tests {
    use super::*;

    #[test]
    fn response_times_in_their_units() {
        assert_eq!(response_unit("First reply time in minutes"), 60.0);
        assert_eq!(response_unit("First response time (in hrs)"), 1.0);
        assert_eq!(response_unit("first_response_seconds"), 3600.0);
        assert_eq!(response_unit("首次响应时长(分钟)"), 60.0);
        assert_eq!(duration_hours("90", 60.0), Some(1.5));
        assert_eq!(duration_hours("00:12:00", 1.0), Some(0.2));
        assert_eq!(duration_hours("1:30", 1.0), Some(1.5));
        assert_eq!(duration_hours("1:75", 1.0), None);
        assert_eq!(duration_hours("soon", 1.0), None);
    }
}
