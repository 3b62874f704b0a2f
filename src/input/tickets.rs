//! Support tickets / complaints: ticket id, customer or order id, opened, resolved, category,
//! hours to first response. English and Chinese (工单号, 投诉时间, 解决时间, 类别) headers.

use crate::dataset::Text;
use super::columns;
use super::fields::parse_number;
use super::read::{self, cell_opt, opt, opt_date, req, FieldDef, Ignored, Parsed, Pattern, Progress, ReadOptions, Records};
use super::table::RowProblem;
use super::{InputAccount, InputFile, InputKind, RejectReason};
use crate::dataset::Ticket;
use crate::Error;
use super::table::Cells;

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
            let n = parse_number(&v).filter(|n| *n >= 0.0);
            if n.is_none() {
                ignored.add(col_name(FIRST), row, &v, crate::messages::CellWant::Hours);
            }
            n
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
            account.rows_merged += 1;
            account.merged_duplicates += 1;
            continue;
        }
        if let Some(id) = &ticket_id {
            seen.insert(id.clone(), tickets.len());
        }
        tickets.push(Ticket {
            ticket_id,
            customer_id,
            order_id,
            opened,
            resolved,
            category: get(CATEGORY),
            first_response_hours,
            row,
        });
        account.rows_used += 1;
    }
    ignored.finish(&mut account);
    Ok(Parsed { records: Records::Tickets(tickets), account, reviews: None, tickets: None })
}
