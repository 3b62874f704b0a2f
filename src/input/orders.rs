//! Orders export reader: generic (one row per order), Shopify (one row per line item, merged
//! per `Name`), WooCommerce and Chinese marketplace headers.

use super::columns;
use super::fields::{parse_date_raw, parse_money, parse_number, DateOrder};
use super::read::{self, cell_opt, opt, opt_date, req, req_or, wanted_or, FieldDef, Ignored, Parsed, Pattern, Progress, ReadOptions, Records};
use super::table::Cells;
use super::table::RowProblem;
use super::{InputAccount, InputFile, InputKind, RejectReason};
use crate::dataset::{Order, OrderStatus};
use crate::fast::Set;
use crate::messages::{CellWant, Note};
use crate::model::{OrderRef, Orders};
use crate::Error;

use std::hash::{Hash, Hasher};

pub(crate) const FIELDS: &[FieldDef] = &[
    req_or(&columns::CUSTOMER, Pattern::Email, &[&["phone"], &["billing_name"]]),
    req(&columns::ORDER_DATE, Pattern::Date),
    wanted_or(&columns::TOTAL, Pattern::Money, &[&["line_total"], &["quantity", "unit_price"]]),
    opt(&columns::ORDER_ID),
    opt(&columns::CURRENCY),
    opt(&columns::DISCOUNT_CODE),
    opt(&columns::PROMISED_DAYS),
    opt(&columns::DELIVERED),
    opt(&columns::SHIPPED),
    opt(&columns::PRODUCT),
    opt(&columns::CATEGORY),
    opt(&columns::CHANNEL),
    opt(&columns::STATUS),
    opt(&columns::CANCELLED_AT),
    opt(&columns::QUANTITY),
    opt(&columns::LINE_TOTAL),
    opt(&columns::UNIT_PRICE),
    opt(&columns::PHONE),
    opt(&columns::BILLING_NAME),
    opt(&columns::POSTCODE),
    opt(&columns::RATING),
    opt(&columns::REVIEW_TEXT),
    opt(&columns::DELIVERY_DAYS),
    opt(&columns::COMPLAINT),
    opt(&columns::COMPLAINT_RESOLVED),
    opt(&columns::SUB_ORDER_ID),
    opt(&columns::PAYMENT_STATUS),
    opt(&columns::FULFILLMENT_STATUS),
    opt(&columns::PROMISED_DATE),
    opt(&columns::REFUNDED),
    opt(&columns::ADJUSTED_TOTAL),
];
const CUSTOMER: usize = 0;
const DATE: usize = 1;
const TOTAL: usize = 2;
const ORDER_ID: usize = 3;
const CURRENCY: usize = 4;
const DISCOUNT: usize = 5;
const PROMISED: usize = 6;
const DELIVERED: usize = 7;
const SHIPPED: usize = 8;
const PRODUCT: usize = 9;
const CATEGORY: usize = 10;
const CHANNEL: usize = 11;
const STATUS: usize = 12;
const CANCELLED_AT: usize = 13;
const QUANTITY: usize = 14;
const LINE_TOTAL: usize = 15;
const UNIT_PRICE: usize = 16;
const PHONE: usize = 17;
const BILLING_NAME: usize = 18;
const POSTCODE: usize = 19;
const RATING: usize = 20;
const REVIEW_TEXT: usize = 21;
const DELIVERY_DAYS: usize = 22;
const COMPLAINT: usize = 23;
const COMPLAINT_RESOLVED: usize = 24;
const SUB_ORDER: usize = 25;
const PAYMENT_STATUS: usize = 26;
const FULFILLMENT_STATUS: usize = 27;
const PROMISED_DATE: usize = 28;
const REFUNDED: usize = 29;
const ADJUSTED_TOTAL: usize = 30;

/// A row's refund, for an order total of `total`: from its adjusted total when one is given,
/// else from its refund column; `None` when the cell does not read or is out of range (more
/// than the total, or below zero).
fn refund_from<'c>(total: f64, get: &dyn Fn(usize) -> Option<&'c str>) -> Option<f64> {
    let r = match get(ADJUSTED_TOTAL) {
        Some(v) => total - parse_money(v).filter(|a| *a >= 0.0)?,
        // A refund written as a negative amount (-12.50, (12.50)) is the same refund.
        None => parse_money(get(REFUNDED)?)?.abs(),
    };
    (r > -MONEY_EPSILON && r < total + MONEY_EPSILON).then_some(r.max(0.0))
}

/// Half a cent: amounts closer than this are the same amount.
const MONEY_EPSILON: f64 = 0.005;

/// Orders from which a file where every customer has exactly one order is flagged (see
/// `Note::OneOrderPerCustomer`): a real shop of this size has some repeat buyers.
const ONE_ORDER_EACH_MIN: usize = 200;

/// A complaint cell: `None` when it says there was none (no, 0, false, 否, 无 …), else the
/// complaint, with its subject when the cell names one rather than only saying yes.
fn complaint_of(cell: &str) -> Option<Option<&str>> {
    const NO: [&str; 14] = ["no", "n", "false", "0", "none", "-", "否", "无", "無", "没有", "nein", "non", "nee", "なし"];
    const YES: [&str; 14] = ["yes", "y", "true", "1", "x", "✓", "是", "有", "ja", "oui", "sí", "si", "wahr", "あり"];
    super::text::with_lowercase(cell.trim(), |l| {
        if l.is_empty() || NO.contains(&l) {
            None
        } else if YES.contains(&l) {
            Some(None)
        } else {
            Some(Some(cell.trim()))
        }
    })
}

/// How an order's customer was keyed: the customer column, else the phone, else the billing
/// name (with the postcode when there is one).
#[derive(Clone, Copy)]
enum KeyedBy {
    Customer = 0,
    Phone = 1,
    Name = 2,
}

/// A customer cell that names nobody: a guest checkout's `0`, `guest`, `anonymous`, `n/a`,
/// `-`, `游客`, `匿名` … (one such value keys no customer; as one it would be the shop's most
/// loyal customer).
fn placeholder_customer(cell: &str) -> bool {
    const NOBODY: [&str; 20] =
        ["0", "-", "--", "n/a", "na", "null", "none", "nil", "guest", "gast", "invité", "invitado", "anonymous", "anonym", "unknown", "unbekannt", "游客", "匿名", "访客", "訪客"];
    super::text::with_lowercase(cell.trim(), |l| NOBODY.contains(&l) || l.starts_with("guest ") || l == "guest checkout")
}

/// An e-mail address compared case-insensitively (lower-cased); any other id as it is.
fn customer_key(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.contains('@') && cell.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(cell.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A phone number as a key: its digits (and a leading +), when it has at least 6 and is not
/// masked (138****0001 stands for many people).
fn phone_key(cell: &str) -> Option<String> {
    if cell.contains('*') {
        return None;
    }
    let digits: String = cell.chars().filter(|c| c.is_ascii_digit()).collect();
    (digits.len() >= 6).then(|| if cell.trim_start().starts_with('+') { format!("tel:+{digits}") } else { format!("tel:{digits}") })
}

/// A cancellation invoice number in the Online Retail convention: `C` and digits.
fn cancellation_invoice(id: &str) -> bool {
    id.len() > 1 && id.starts_with(['C', 'c']) && id[1..].bytes().all(|b| b.is_ascii_digit())
}

/// Reads an orders export and returns the completed orders only; cancelled and refunded
/// orders are counted in the account (`cancelled`, `refunded`) and left out of the list, so
/// that they never reach revenue. Use [`super::read_input`] to get them too (with their
/// [`OrderStatus`]).
///
/// # Errors
/// The file as a whole: empty, not decodable, no header for a required field, or broken CSV
/// quoting. Single bad rows are not errors; they are listed in the returned [`InputAccount`].
///
/// ```
/// let csv = "customer,date,total\nA,2024-01-05,10\nB,2024-01-06,\n";
/// let (orders, account) = loyalty_scorecard::input::orders::read_orders("o.csv", csv.as_bytes()).unwrap();
/// assert_eq!((orders.len(), account.rows_read, account.rows_rejected), (1, 2, 1));
/// assert_eq!(account.issues[0].row, 3);
/// ```
pub fn read_orders(file: &str, bytes: &[u8]) -> Result<(Vec<Order>, InputAccount), Error> {
    let f = InputFile::orders(file, bytes);
    let p = read::read_input(&f, &ReadOptions::default(), &mut |_| {})?;
    let Records::Orders(orders) = p.records else { unreachable!("orders reader returns orders") };
    let mut account = p.account;
    if account.cancelled + account.refunded > 0 {
        account.notes.push(crate::messages::Note::KeptApart { cancelled: account.cancelled, refunded: account.refunded });
    }
    Ok((orders.iter().filter(|o| o.status == OrderStatus::Completed).map(|o| o.to_order()).collect(), account))
}

/// The status a cell names: cancelled (also failed, voided, closed, and not paid: pending
/// payment, awaiting bank wire, 待付款 …), refunded (also Magento's "Closed"), or completed.
fn parse_status(s: &str) -> OrderStatus {
    super::text::with_lowercase(s.trim(), status_of_lowercase)
}

/// Not paid (yet): as an order's status, not a purchase (counted with the cancelled orders).
const UNPAID: [&str; 26] = [
    "pendingpayment",
    "pending payment",
    "awaiting payment",
    "awaiting bank wire",
    "awaiting check",
    "payment error",
    "suspected fraud",
    "等待付款",
    "待付款",
    "未付款",
    "wartet auf zahlung",
    "zahlung ausstehend",
    "en attente de paiement",
    "pendiente de pago",
    "en espera de pago",
    "error en pago",
    "in attesa di pagamento",
    "未入金",
    "not paid",
    "unpaid",
    "未支付",
    "待支付",
    "nicht bezahlt",
    "niet betaald",
    "não pago",
    "nao pago",
];

fn status_of_lowercase(l: &str) -> OrderStatus {
    let has = |words: &[&str]| words.iter().any(|w| l.contains(w));

    // A status saying something did not happen ("No refund", "Not returned", 未退款, "Return
    // declined", "Delivery failed": the order itself stands).
    const STANDS: [&str; 12] = ["no refund", "not refunded", "not returned", "no return", "return declined", "refund declined", "delivery failed", "未退款", "无退款", "無退款", "没有退款", "未退货"];
    if has(&["partially", "partial", "部分"]) || has(&STANDS) {
        OrderStatus::Completed
    } else if has(&UNPAID) {
        OrderStatus::Cancelled
    } else if l == "closed" {
        // Magento: an order closed by a credit memo, i.e. refunded (Tmall's 交易关闭 is below).
        OrderStatus::Refunded
    } else if has(&["refund", "退款", "已退", "returned", "erstattet", "rückerstattung", "rembours", "reembols", "rimborsat", "terugbetaald", "estornad", "返金"]) {
        OrderStatus::Refunded
    } else if has(&[
        "cancel",
        "failed",
        "void",
        "declined",
        "will not deliver",
        "abgelehnt",
        "rechazado",
        "recusado",
        "annullato",
        "errore di pagamento",
        "取消",
        "关闭",
        "關閉",
        "失败",
        "trash",
        "storniert",
        "annul",
        "cancelad",
        "geannuleerd",
        "キャンセル",
    ]) || l == "unavailable"
    {
        OrderStatus::Cancelled
    } else {
        OrderStatus::Completed
    }
}

/// A further part or line of order `idx` (whose first row had `first`), with its own status
/// `this`: when completed, its amount adds to a completed order's total, or makes a purchase of
/// an order first seen cancelled or refunded; a cancelled or refunded part adds nothing.
fn add_completed_part(orders: &mut Orders, idx: usize, first: OrderStatus, this: OrderStatus, amount: f64, account: &mut InputAccount) {
    if this != OrderStatus::Completed {
        return;
    }
    match first {
        OrderStatus::Completed => orders.add_to_total(idx, amount),
        was => {
            orders.set_status(idx, OrderStatus::Completed);
            orders.set_total(idx, amount);
            match was {
                OrderStatus::Cancelled => account.cancelled -= 1,
                _ => account.refunded -= 1,
            }
        }
    }
}

/// Whether a total column holds each line's amount rather than the order's total, from the
/// sampled rows (see its use in [`read`]).
fn per_line_totals(sample: &[Vec<String>], id: Option<usize>, total: Option<usize>, product: Option<usize>) -> bool {
    let (Some(id), Some(total), Some(product)) = (id, total, product) else { return false };
    let mut by_id: std::collections::BTreeMap<&str, Vec<(&str, &str)>> = std::collections::BTreeMap::new();
    for r in sample {
        if let (Some(i), Some(t), Some(p)) = (r.get(id), r.get(total), r.get(product)) {
            let (i, t) = (i.trim(), t.trim());
            if !i.is_empty() && !t.is_empty() {
                by_id.entry(i).or_default().push((p.trim(), t));
            }
        }
    }
    let (mut own, mut repeated) = (0usize, 0usize);
    for rows in by_id.values().filter(|v| v.len() > 1 && v.iter().any(|r| r.0 != v[0].0)) {
        if rows.iter().any(|r| r.1 != rows[0].1) {
            own += 1;
        } else {
            repeated += 1;
        }
    }
    own > 0 && own >= 2 * repeated
}

/// 64-bit hashes of ids and rows with foldhash's fixed seed (every run and target alike; the
/// standard SipHash was a tenth of reading's time at a million rows).
fn hasher() -> impl Hasher {
    std::hash::BuildHasher::build_hasher(&foldhash::fast::FixedState::default())
}

fn row_hash(cells: &Cells) -> u64 {
    let mut h = hasher();
    for c in cells.iter() {
        super::text::trim(c).hash(&mut h);
    }
    h.finish()
}

pub(crate) fn read(file: &InputFile<'_>, opts: &ReadOptions, progress: &mut Progress<'_>) -> Result<Parsed, Error> {
    let mut o = read::open(file, opts, InputKind::Orders)?;
    let cols = read::resolve(&mut o, FIELDS, opts)?;
    let orders_of = read::date_orders(&mut o, &[cols[DATE], cols[DELIVERED]], opts, progress)?;
    // One wide file: a rating on an order row is that order's review (with the text, when a
    // column holds one), counted in a note. Two thirds of a rating column's sampled values must
    // read as ratings.
    let rating_col = cols[RATING].filter(|&c| {
        let vals: Vec<&str> = o.sample.iter().filter_map(|r| r.get(c)).map(|v| v.trim()).filter(|v| !v.is_empty()).collect();
        let ok = vals.iter().filter(|v| super::reviews::parse_rating(v).is_some_and(|(x, scale)| scale.is_some() || (1.0..=5.0).contains(&x))).count();
        !vals.is_empty() && ok * 3 >= vals.len() * 2
    });
    if cols[SHIPPED].is_some() && cols[DELIVERED].is_none() {
        o.account.notes.push(crate::messages::Note::ShippedNotDelivered);
    }
    let name = o.account.file.clone();
    let headers = o.headers.clone();
    let mut account = std::mem::replace(&mut o.account, InputAccount::new(&name, InputKind::Orders, &o.source));
    let mut ignored = Ignored::default();
    let mut orders = Orders::new();
    orders.reserve(o.source.estimated_rows());
    // The order id's number in the table's id pool -> the order that has it.
    let mut by_id: Vec<u32> = Vec::new();
    // hash of each order's first row, for exact-duplicate detection
    let mut first_hashes: Vec<u64> = Vec::new();
    let mut seen_rows: Set<u64> = Set::default();
    // The order id's number -> its order without a customer key (its place among them; `None`
    // when cancelled or refunded, so not kept): its further line rows merge into it.
    // and the hash of its first row (a repeat of it is a duplicate, not a further line).
    let mut unkeyed_by_id: crate::fast::Map<u32, (Option<usize>, u64)> = crate::fast::Map::default();
    // The (order id, part id) pairs seen, for files of sub-orders: a part listed twice is a
    // duplicate, not a further part.
    let mut parts_seen: Set<u64> = Set::default();
    let part_key = |n: u32, part: &str| {
        let mut h = hasher();
        n.hash(&mut h);
        part.hash(&mut h);
        h.finish()
    };
    let mut identical_kept = 0usize;
    // Completed orders whose refund (or adjusted total) says all of it was refunded.
    let mut refunded_in_full = 0usize;
    // Orders counted at their total less a refund -> the total the file gives them (a further
    // row of the order repeats that).
    let mut gross_of: crate::fast::Map<usize, f64> = crate::fast::Map::default();
    // The column the refunds came from (a refund column, or an adjusted total).
    let mut refunds_from: Option<usize> = None;
    // Whether the total column holds each line's amount (Superstore's "Sales"), decided once
    // for the file from its sampled rows: of the order ids listed on several rows with several
    // products, two thirds or more show different amounts on their rows (an order total is
    // repeated or left empty on its further lines). Then every further line of an order adds
    // its amount; `line_totals` counts them for the note.
    let per_line_totals = per_line_totals(&o.sample, cols[ORDER_ID], cols[TOTAL], cols[PRODUCT]);
    let mut line_totals = 0usize;
    // Orders keyed by the customer column, the phone, the name.
    let mut keyed = [0usize; 3];
    // Customer cells that name nobody (a guest's 0).
    let mut placeholders = 0usize;
    // The reviews and complaints of a wide file (its rating and complaint columns).
    let mut reviews = crate::model::Reviews::new();
    let mut tickets: Vec<crate::dataset::Ticket> = Vec::new();
    let mut table = o.source.table()?;
    let mut cells = Cells::new();
    let col_name = |f: usize| cols[f].map_or("", |c| headers[c].as_str());
    // Shopware 5's order export writes its order states as numbers (status, with cleared for
    // the payment state and orderTime for the date).
    let shopware5 = ["status", "cleared", "ordertime"].iter().all(|w| headers.iter().any(|h| columns::normalize(h) == *w));
    // Line items without an order total: each row's total is its quantity × unit price, and
    // the lines of one order id are added up.
    // A line's amount is its own column (Amazon's item-price) or its quantity × unit price.
    let line_amounts = cols[TOTAL].is_none() && cols[LINE_TOTAL].is_some();
    let lines = line_amounts || (cols[TOTAL].is_none() && cols[QUANTITY].is_some() && cols[UNIT_PRICE].is_some());
    // No money at all: the orders are read without totals (NaN), and the figures that need
    // money say so instead of the file failing.
    let no_money = cols[TOTAL].is_none() && !lines;
    if no_money {
        account.notes.push(crate::messages::Note::NoTotalColumn);
    }
    if lines {
        account.notes.push(crate::messages::Note::OrderLines {
            amount: line_amounts.then(|| col_name(LINE_TOTAL).to_string()),
            quantity: col_name(QUANTITY).to_string(),
            price: col_name(UNIT_PRICE).to_string(),
        });
    }
    // A refund column in a file of order lines (or of sub-orders): a row's amount is a line's or
    // a part's, so the order's refund is not taken off (said, not silently dropped).
    if lines || per_line_totals || cols[SUB_ORDER].is_some() {
        if let Some(c) = cols[ADJUSTED_TOTAL].or(cols[REFUNDED]) {
            account.notes.push(crate::messages::Note::RefundsNotApplied { column: headers[c].clone() });
        }
    }
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
        let get = |f: usize| cell_opt(&cells, cols[f]);
        // The customer's key, and which column gave it.
        let customer_cell = get(CUSTOMER);
        let placeholder = customer_cell.is_some_and(placeholder_customer);
        if placeholder {
            placeholders += 1;
        }
        let key: Option<(std::borrow::Cow<'_, str>, KeyedBy)> = match customer_cell.filter(|_| !placeholder) {
            Some(c) => Some((customer_key(c), KeyedBy::Customer)),
            None => get(PHONE).and_then(phone_key).map(|p| (std::borrow::Cow::Owned(p), KeyedBy::Phone)).or_else(|| {
                get(BILLING_NAME).map(|n| {
                    let k = match get(POSTCODE) {
                        Some(z) => format!("{n} ({z})"),
                        None => n.to_string(),
                    };
                    (std::borrow::Cow::Owned(k), KeyedBy::Name)
                })
            }),
        };
        let id = get(ORDER_ID);
        let hash = row_hash(&cells);
        let date_cell = get(DATE);
        let date = date_cell.and_then(parse_date_raw).and_then(|r| r.resolve(cols[DATE].map_or(DateOrder::DayFirst, |c| orders_of[c])));
        let quantity = if lines { get(QUANTITY).and_then(parse_number) } else { None };
        let total = if line_amounts {
            get(LINE_TOTAL).and_then(parse_money)
        } else if lines {
            quantity.zip(get(UNIT_PRICE).and_then(parse_money)).map(|(q, p)| q * p)
        } else {
            get(TOTAL).and_then(parse_money)
        };

        let id_number = id.map(|id| orders.intern_order_id(id));
        let existing = id_number.and_then(|n| by_id.get(n as usize).copied()).filter(|p| *p != u32::MAX).map(|p| p as usize);
        // The row's own status: its order's, unless its payment or delivery says it was not a
        // purchase, or it has a cancellation date.
        let row_status = if get(CANCELLED_AT).is_some() {
            OrderStatus::Cancelled
        } else {
            // A payment status that is only not paid yet (cash on delivery, a bank transfer
            // under way) does not undo an order; a refund, a void or a cancellation there does.
            let beside = |f: usize| get(f).map(|v| super::text::with_lowercase(v.trim(), |l| if UNPAID.iter().any(|w| l.contains(w)) { OrderStatus::Completed } else { status_of_lowercase(l) }));
            let own = get(STATUS).map(|v| match (shopware5, v.trim()) {
                // Shopware 5's order states by number: -1 cancelled, 4 cancelled or rejected.
                (true, "-1" | "4") => OrderStatus::Cancelled,
                (true, n) if n.parse::<i32>().is_ok() => OrderStatus::Completed,
                _ => parse_status(v),
            });
            own.into_iter().chain([beside(PAYMENT_STATUS), beside(FULFILLMENT_STATUS)].into_iter().flatten()).find(|s| *s != OrderStatus::Completed).unwrap_or(OrderStatus::Completed)
        };
        if let Some((unkeyed, first_hash)) = id_number.filter(|_| existing.is_none() && !unkeyed_by_id.is_empty()).and_then(|n| unkeyed_by_id.get(&n).copied()) {
            // A further row of an order without a customer key (no key either, same day): the
            // same row again is a duplicate; in line mode its readable line adds its amount
            // (an unreadable one is rejected below); else it is one more line of it. A row
            // with a key or another day falls through (a new order, or a duplicate id).
            let same_day = date_cell.is_none() || unkeyed.is_none() || date == unkeyed.map(|i| orders.unkeyed()[i].0);
            if key.is_none() && same_day && (!lines || total.is_some() || hash == first_hash) {
                account.rows_merged += 1;
                if hash == first_hash {
                    account.merged_duplicates += 1;
                    continue;
                }
                account.merged_line_items += 1;
                if let (true, Some(i), Some(amount)) = (lines || cols[SUB_ORDER].is_some(), unkeyed, total) {
                    if row_status == OrderStatus::Completed {
                        orders.add_to_unkeyed(i, amount);
                    }
                }
                continue;
            }
        }
        if let Some(id) = id {
            if let Some(idx) = existing {
                let first_hash = first_hashes[idx];
                let first = orders.get(idx);
                if hash == first_hash {
                    account.rows_merged += 1;
                    account.merged_duplicates += 1;
                    continue;
                }
                let same_customer = key.as_ref().is_none_or(|(c, _)| c.as_ref() == first.customer_id);
                let same_date = date_cell.is_none() || date == Some(first.date);
                if lines && same_customer && same_date {
                    if let Some(amount) = total {
                        orders.add_to_total(idx, amount);
                        account.rows_merged += 1;
                        account.merged_line_items += 1;
                        continue;
                    }
                }
                // Parts of one order (each its own part id and amount): a completed part adds its
                // amount (and makes a purchase of an order whose first part was not one); a
                // cancelled or refunded part adds nothing; a part listed again is a duplicate.
                if let (false, Some(part), Some(amount), true, true) = (lines, get(SUB_ORDER), total, same_customer, same_date) {
                    let n = id_number.unwrap_or(u32::MAX);
                    account.rows_merged += 1;
                    if !parts_seen.insert(part_key(n, part)) {
                        account.merged_duplicates += 1;
                        continue;
                    }
                    account.merged_line_items += 1;
                    let was = first.status;
                    add_completed_part(&mut orders, idx, was, row_status, amount, &mut account);
                    continue;
                }
                // (An order counted at its total less a refund is compared by its total as the
                // file gives it, which a further row repeats.)
                let same_total = get(TOTAL).is_none() || total == Some(first.total) || gross_of.get(&idx).is_some_and(|g| total == Some(*g));
                if let (true, true, true, Some(amount)) = (per_line_totals, same_customer, same_date, total) {
                    // A completed line adds its amount (and makes a purchase of an order whose
                    // first line was not one); a cancelled or refunded line adds nothing.
                    let was = first.status;
                    add_completed_part(&mut orders, idx, was, row_status, amount, &mut account);
                    line_totals += 1;
                    account.rows_merged += 1;
                    account.merged_line_items += 1;
                    continue;
                }
                if !lines && same_customer && same_date && same_total {
                    if first.product.is_none() {
                        orders.set_product(idx, get(PRODUCT).or(get(CATEGORY)).or(get(CHANNEL)));
                    }
                    account.rows_merged += 1;
                    account.merged_line_items += 1;
                    continue;
                }
                // An unreadable further line of an order is rejected below with its reason.
                if !(lines && same_customer && same_date) {
                    let first_row = first.row;
                    account.reject(row, col_name(ORDER_ID), RejectReason::DuplicateOrderId { value: id.to_string(), first_row });
                    continue;
                }
            }
        }
        let Some(date_cell) = date_cell else {
            account.reject(row, col_name(DATE), RejectReason::MissingValue);
            continue;
        };
        let Some(date) = date else {
            account.reject(row, col_name(DATE), RejectReason::BadDate { value: date_cell.to_string() });
            continue;
        };
        if !super::fields::plausible_order_date(date) {
            account.reject(row, col_name(DATE), RejectReason::ImplausibleDate { value: date_cell.to_string() });
            continue;
        }
        // The cell the amount comes from (in line mode the first of quantity and price that
        // is missing or unreadable).
        let amount_field = if !lines {
            TOTAL
        } else if line_amounts {
            LINE_TOTAL
        } else if quantity.is_none() {
            QUANTITY
        } else {
            UNIT_PRICE
        };
        let (total_cell, amount) = if no_money {
            ("", f64::NAN)
        } else {
            let Some(total_cell) = get(amount_field) else {
                account.reject(row, col_name(amount_field), RejectReason::MissingValue);
                continue;
            };
            let Some(amount) = total else {
                account.reject(row, col_name(amount_field), RejectReason::BadNumber { value: total_cell.to_string() });
                continue;
            };
            (total_cell, amount)
        };
        // The order's status, unless its payment or its delivery says it was not a purchase.
        let mut status = row_status;
        // Returned lines (negative quantities) and C-numbered invoices cancel.
        if lines && (quantity.is_some_and(|q| q < 0.0) || id.is_some_and(cancellation_invoice)) {
            status = OrderStatus::Cancelled;
        }
        if amount < 0.0 && status == OrderStatus::Completed {
            account.reject(row, col_name(TOTAL), RejectReason::NegativeTotal { value: total_cell.to_string() });
            continue;
        }
        // A refund on a completed order where the total is the order's (in a file of lines a
        // row's amount is one line's): a part refunded is taken off the total; a refund of the
        // whole total makes it a refunded order.
        // (Not in a file of sub-orders either, whose parts add their own amounts.)
        let (gross, mut amount) = (amount, amount);
        if status == OrderStatus::Completed && !no_money && !lines && !per_line_totals && cols[SUB_ORDER].is_none() {
            let refund_col = if get(ADJUSTED_TOTAL).is_some() { ADJUSTED_TOTAL } else { REFUNDED };
            match (get(refund_col), refund_from(amount, &get)) {
                (Some(_), Some(r)) if r >= MONEY_EPSILON => {
                    refunds_from = Some(refund_col);
                    if amount - r < MONEY_EPSILON {
                        status = OrderStatus::Refunded;
                        refunded_in_full += 1;
                    } else {
                        amount -= r;
                        account.partly_refunded += 1;
                        account.refunds_taken_off += r;
                    }
                }
                (Some(v), None) => ignored.add(col_name(refund_col), row, v, CellWant::Amount),
                _ => {}
            }
        }
        let Some((customer, keyed_by)) = key else {
            // No e-mail, id, phone or name: the order counts in the orders and the revenue, not
            // in any customer-level figure.
            match status {
                OrderStatus::Completed => orders.push_unkeyed(date, amount),
                OrderStatus::Cancelled => account.cancelled += 1,
                OrderStatus::Refunded => account.refunded += 1,
            }
            if let Some(n) = id_number {
                unkeyed_by_id.insert(n, ((status == OrderStatus::Completed).then(|| orders.unkeyed().len() - 1), hash));
                if let Some(part) = get(SUB_ORDER) {
                    parts_seen.insert(part_key(n, part));
                }
            }
            account.orders_without_customer += 1;
            account.rows_used += 1;
            continue;
        };
        let mut promised_days = get(PROMISED).and_then(|v| {
            let n = parse_number(v).filter(|n| *n >= 0.0);
            if n.is_none() {
                ignored.add(col_name(PROMISED), row, v, CellWant::Days);
            }
            n
        });
        // A promised date: the promise is its distance from the order date (a date before the
        // order's is no promise and is ignored, with the cell named).
        if promised_days.is_none() && cols[PROMISED].is_none() && cols[PROMISED_DATE].is_some() {
            if let Some(by) = opt_date(&cells, cols[PROMISED_DATE], &orders_of, &headers, row, &mut ignored) {
                match (by - date).num_days() {
                    d if (0..=365).contains(&d) => promised_days = Some(d as f64),
                    _ => ignored.add(col_name(PROMISED_DATE), row, get(PROMISED_DATE).unwrap_or(""), CellWant::PromisedDate),
                }
            }
        }
        let mut delivered = opt_date(&cells, cols[DELIVERED], &orders_of, &headers, row, &mut ignored);
        if delivered.is_none() && cols[DELIVERED].is_none() {
            if let Some(v) = get(DELIVERY_DAYS) {
                match parse_number(v).filter(|d| *d >= 0.0 && *d <= 365.0) {
                    Some(d) => delivered = date.checked_add_days(chrono::Days::new(d.round() as u64)),
                    None => ignored.add(col_name(DELIVERY_DAYS), row, v, CellWant::DeliveryDays),
                }
            }
        }
        if id.is_none() && !seen_rows.insert(hash) {
            identical_kept += 1;
        }
        match status {
            OrderStatus::Cancelled => account.cancelled += 1,
            OrderStatus::Refunded => account.refunded += 1,
            OrderStatus::Completed => {}
        }
        first_hashes.push(hash);
        if cols[COMPLAINT].is_some() {
            if let Some(subject) = get(COMPLAINT).and_then(complaint_of) {
                let resolved = opt_date(&cells, cols[COMPLAINT_RESOLVED], &orders_of, &headers, row, &mut ignored).filter(|r| *r >= date);
                tickets.push(crate::dataset::Ticket {
                    ticket_id: None,
                    customer_id: Some(crate::dataset::Text::from(customer.as_ref())),
                    order_id: id.map(crate::dataset::Text::from),
                    opened: date,
                    resolved,
                    category: subject.map(crate::dataset::Text::from),
                    first_response_hours: None,
                    resolution_hours: None,
                    row,
                });
            }
        }
        if rating_col.is_some() {
            if let Some(v) = get(RATING) {
                match super::reviews::rating_on_five(v) {
                    Some(rating) => reviews.push_ref(crate::model::ReviewRef {
                        review_id: None,
                        order_id: id,
                        customer_id: Some(&customer),
                        product: get(PRODUCT).or(get(CATEGORY)),
                        rating,
                        date: None,
                        text: get(REVIEW_TEXT),
                        row,
                    }),
                    None => ignored.add(col_name(RATING), row, v, CellWant::Rating),
                }
            }
        }
        let at = orders.len() as u32;
        if amount != gross {
            gross_of.insert(at as usize, gross);
        }
        orders.push_with_id(
            OrderRef {
                order_id: id,
                customer_id: &customer,
                date,
                total: amount,
                currency: get(CURRENCY),
                discount_code: get(DISCOUNT),
                promised_days,
                delivered,
                product: get(PRODUCT).or(get(CATEGORY)).or(get(CHANNEL)),
                status,
                row,
            },
            id_number.unwrap_or(u32::MAX),
        );
        if let Some(n) = id_number {
            // Ids of rejected rows stay in the pool without an order.
            if by_id.len() <= n as usize {
                by_id.resize(n as usize + 1, u32::MAX);
            }
            by_id[n as usize] = at;
            if let Some(part) = get(SUB_ORDER) {
                parts_seen.insert(part_key(n, part));
            }
        }
        keyed[keyed_by as usize] += 1;
        account.rows_used += 1;
    }
    ignored.finish(&mut account);
    if keyed[1] + keyed[2] > 0 {
        let used = account.rows_used.max(1) as f64;
        let share = |n: usize| 100.0 * n as f64 / used;
        account.notes.push(crate::messages::Note::KeyedBy {
            customer: (keyed[0] > 0).then(|| (col_name(CUSTOMER).to_string(), share(keyed[0]))),
            phone: (keyed[1] > 0).then(|| (col_name(PHONE).to_string(), share(keyed[1]))),
            name: (keyed[2] > 0).then(|| (col_name(BILLING_NAME).to_string(), cols[POSTCODE].map(|_| col_name(POSTCODE).to_string()), share(keyed[2]))),
        });
    }
    if placeholders > 0 {
        account.warnings.push(Note::PlaceholderCustomers { rows: placeholders, column: col_name(CUSTOMER).to_string() });
    }
    if account.orders_without_customer > 0 {
        let n = account.orders_without_customer;
        account.warnings.push(Note::OrdersWithoutCustomer { n, percent: 100.0 * n as f64 / account.rows_used.max(1) as f64 });
    }
    // Hundreds of orders and no customer with two: the column keys orders, not people.
    if orders.len() >= ONE_ORDER_EACH_MIN && orders.customers().len() == orders.len() && keyed[1] + keyed[2] == 0 {
        account.warnings.push(Note::OneOrderPerCustomer { orders: orders.len(), column: col_name(CUSTOMER).to_string() });
    }
    // Ids a spreadsheet turned into rounded numbers (a long phone or id column opened and
    // saved again): different customers may now share one id.
    let rounded: Vec<&str> = orders.customers().iter().filter(|id| looks_rounded(id)).collect();
    if let Some(example) = rounded.first() {
        account.warnings.push(Note::RoundedIds { n: rounded.len(), column: col_name(CUSTOMER).to_string(), example: example.to_string() });
    }
    if identical_kept > 0 {
        account.warnings.push(Note::IdenticalRows { n: identical_kept });
    }
    if account.partly_refunded > 0 || refunded_in_full > 0 {
        let column = col_name(refunds_from.unwrap_or(REFUNDED));
        account.notes.push(crate::messages::Note::Refunds { column: column.to_string(), partly: account.partly_refunded, taken_off: account.refunds_taken_off, in_full: refunded_in_full });
    }
    if line_totals > 0 {
        account.notes.push(crate::messages::Note::PerLineTotals { column: col_name(TOTAL).to_string(), product: col_name(PRODUCT).to_string(), n: line_totals });
    }
    if account.merged_line_items > 0 {
        account.notes.push(crate::messages::Note::LinesMerged { n: account.merged_line_items });
    }
    if account.merged_duplicates > 0 {
        account.notes.push(crate::messages::Note::RepeatsMerged { n: account.merged_duplicates });
    }
    if account.rows_read == 0 {
        return Err(Error::NoRows { file: name });
    }
    orders.shrink_to_fit();
    let reviews = rating_col.map(|_| {
        account.notes.push(crate::messages::Note::WideReviews { column: col_name(RATING).to_string(), n: reviews.len(), text: cols[REVIEW_TEXT].map(|_| col_name(REVIEW_TEXT).to_string()) });
        reviews.shrink_to_fit();
        reviews
    });
    let tickets = cols[COMPLAINT].map(|_| {
        account.notes.push(crate::messages::Note::WideComplaints {
            column: col_name(COMPLAINT).to_string(),
            n: tickets.len(),
            resolved: cols[COMPLAINT_RESOLVED].map(|_| col_name(COMPLAINT_RESOLVED).to_string()),
        });
        tickets
    });
    Ok(Parsed { records: Records::Orders(orders), account, reviews, tickets })
}

#[cfg(test)]
mod tests {
    #[test]
    fn field_positions_name_their_fields() {
        let at = [
            (CUSTOMER, "customer_id"),
            (DATE, "order_date"),
            (TOTAL, "total"),
            (ORDER_ID, "order_id"),
            (CURRENCY, "currency"),
            (DISCOUNT, "discount_code"),
            (PROMISED, "promised_days"),
            (DELIVERED, "delivered_date"),
            (SHIPPED, "shipped_date"),
            (PRODUCT, "product"),
            (CATEGORY, "category"),
            (CHANNEL, "channel"),
            (STATUS, "status"),
            (CANCELLED_AT, "cancelled_at"),
            (QUANTITY, "quantity"),
            (LINE_TOTAL, "line_total"),
            (UNIT_PRICE, "unit_price"),
            (PHONE, "phone"),
            (BILLING_NAME, "billing_name"),
            (POSTCODE, "postcode"),
            (RATING, "rating"),
            (REVIEW_TEXT, "text"),
            (DELIVERY_DAYS, "delivery_days"),
            (COMPLAINT, "complaint"),
            (COMPLAINT_RESOLVED, "complaint_resolved"),
            (PROMISED_DATE, "promised_date"),
            (SUB_ORDER, "sub_order_id"),
            (PAYMENT_STATUS, "payment_status"),
            (FULFILLMENT_STATUS, "fulfillment_status"),
            (REFUNDED, "refunded"),
            (ADJUSTED_TOTAL, "adjusted_total"),
        ];
        assert_eq!(at.len(), FIELDS.len());
        for (i, name) in at {
            assert_eq!(FIELDS[i].spec.field, name);
        }
    }

    use super::*;

    #[test]
    fn a_total_column_of_line_amounts_is_told_from_a_repeated_order_total() {
        let total = |csv: &str| {
            let (orders, acc) = read_orders("o.csv", csv.as_bytes()).unwrap();
            assert!(acc.balanced());
            orders.iter().map(|o| (o.order_id.as_deref().unwrap_or("").to_string(), o.total)).collect::<Vec<(String, f64)>>()
        };
        // Each line's own amount (most multi-line orders show different amounts): every line
        // adds, the ones equal to the first line's and a second line of the same product too.
        let per_line = "Order ID,Customer,Date,Product,Sales\nO1,a,2024-01-01,A,10.00\nO1,a,2024-01-01,B,10.00\nO2,b,2024-01-02,A,5.00\nO2,b,2024-01-02,B,7.50\nO3,c,2024-01-03,A,1.00\nO3,c,2024-01-03,A,2.00\nO4,d,2024-01-04,C,4.00\nO4,d,2024-01-04,D,6.00\n";
        assert_eq!(total(per_line), [("O1".into(), 20.0), ("O2".into(), 12.5), ("O3".into(), 3.0), ("O4".into(), 10.0)]);
        // The order total repeated on its lines, one of them off by a cent: not line amounts
        // (the odd order's further line is rejected as a repeated id, with its reason).
        let repeated = "Order ID,Customer,Date,Product,Total\nO1,a,2024-01-01,A,30.00\nO1,a,2024-01-01,B,30.00\nO2,b,2024-01-02,A,50.00\nO2,b,2024-01-02,B,50.01\nO3,c,2024-01-03,A,80.00\nO3,c,2024-01-03,B,80.00\n";
        assert_eq!(total(repeated), [("O1".into(), 30.0), ("O2".into(), 50.0), ("O3".into(), 80.0)]);
        // A cancelled first line and a completed second one: a purchase of the second's amount.
        let cancelled_first =
            "Order ID,Customer,Date,Product,Sales,Status\nO1,a,2024-01-01,A,10.00,cancelled\nO1,a,2024-01-01,B,4.00,completed\nO2,b,2024-01-02,A,5.00,completed\nO2,b,2024-01-02,B,7.50,completed\n";
        let (orders, acc) = read_orders("o.csv", cancelled_first.as_bytes()).unwrap();
        assert_eq!((orders.len(), orders[0].total, acc.cancelled), (2, 4.0, 0));
    }

    #[test]
    fn refunds_come_off_the_totals_they_belong_to() {
        let read = |csv: &str| {
            let (orders, acc) = read_orders("o.csv", csv.as_bytes()).unwrap();
            assert!(acc.balanced());
            let totals: Vec<(String, f64)> = orders.iter().map(|o| (o.order_id.as_deref().unwrap_or("").to_string(), o.total)).collect();
            (totals, acc)
        };
        // A part refunded (12.50 of 86.40), nothing refunded (empty, 0.00), all of it refunded
        // on an order still marked paid, an unreadable refund cell (the order kept as it is,
        // the cell counted), and a refunded order (its status says so already).
        let csv = "Name,Email,Created at,Total,Financial Status,Refunded Amount,Quantity refunded
#1,a@x.com,2024-03-01,86.40,partially_refunded,12.50,1
#2,b@x.com,2024-03-02,20.00,paid,,0
#3,c@x.com,2024-03-03,15.00,paid,0.00,0
#4,d@x.com,2024-03-04,40.00,paid,40.00,2
#5,e@x.com,2024-03-05,9.00,paid,n/a,0
#6,f@x.com,2024-03-06,30.00,refunded,30.00,1
";
        let (totals, acc) = read(csv);
        assert_eq!(totals, [("#1".into(), 86.40 - 12.50), ("#2".into(), 20.0), ("#3".into(), 15.0), ("#5".into(), 9.0)]);
        assert_eq!((acc.partly_refunded, acc.refunds_taken_off, acc.refunded, acc.cells_ignored), (1, 12.5, 2, 1));
        // The amount, not the count of items refunded.
        assert!(acc.columns.iter().any(|c| c.field == "refunded" && c.column == "Refunded Amount"), "{:?}", acc.columns);
        assert!(acc.notes.iter().any(|n| n.contains("1 partly refunded orders") && n.contains("12.50 taken off") && n.contains("1 orders refunded in full")), "{:?}", acc.notes);
        // The order's total and refund repeated on each item row (Wix, Square): one order at
        // its total less the refund, its further row merged (not a clashing duplicate id).
        let items = "Order number,Email,Date created,Item,Total,Refunded amount\n10,a@x.com,2024-03-01,Mug,50.00,10.00\n10,a@x.com,2024-03-01,Cup,50.00,10.00\n11,b@x.com,2024-03-02,Mug,25.00,\n";
        let (totals, acc) = read(items);
        assert_eq!(totals, [("10".into(), 40.0), ("11".into(), 25.0)]);
        assert_eq!((acc.rows_merged, acc.rows_rejected, acc.partly_refunded), (1, 0, 1));
        // The further row repeating the total without the refund (Wix leaves it empty there),
        // and a refund written as a negative amount: the same order, the same refund.
        let items = "Order number,Email,Date created,Item,Total,Refunded amount\n10,a@x.com,2024-03-01,Mug,50.00,-10.00\n10,a@x.com,2024-03-01,Cup,50.00,\n";
        let (totals, acc) = read(items);
        assert_eq!(totals, [("10".into(), 40.0)]);
        assert_eq!((acc.rows_merged, acc.rows_rejected, acc.partly_refunded), (1, 0, 1));
        // Etsy: the adjusted total, when given, is what the order counts at; 0 is all refunded.
        let etsy = "Sale Date,Order ID,Buyer User ID,Order Total,Adjusted Order Total\n03/01/24,1,a,40.00,\n03/02/24,2,b,60.00,45.00\n03/03/24,3,c,20.00,0.00\n";
        let (totals, acc) = read(etsy);
        assert_eq!(totals, [("1".into(), 40.0), ("2".into(), 45.0)]);
        assert_eq!((acc.partly_refunded, acc.refunds_taken_off, acc.refunded), (1, 15.0, 1));
        // In a file of lines (quantity × unit price) a row's amount is a line's: its refund
        // column is not applied to it.
        let lines = "InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice,Refund Amount\nI1,7,2024-03-01,2,5.00,3.00\nI1,7,2024-03-01,1,4.00,3.00\n";
        let (totals, acc) = read(lines);
        assert_eq!((totals, acc.partly_refunded), (vec![("I1".into(), 14.0)], 0));
        assert!(acc.notes.iter().any(|n| n.contains("'Refund Amount' is not taken off")), "{:?}", acc.notes);
    }

    #[test]
    fn every_row_is_accounted_for() {
        let csv = "Order ID;Customer;Date;Total\n#1;A;2024-01-05;10,50\n#2;;2024-01-06;5\n#3;B;soon;5\n#1;C;2024-01-07;5\n#4;D;2024-01-08;-3\n#5;E;2024-01-08;\n#6;F;2024-01-09;abc\n";
        let (orders, acc) = read_orders("o.csv", csv.as_bytes()).unwrap();
        assert_eq!(acc.delimiter, "semicolon");
        assert_eq!(orders.len(), 1);
        assert_eq!(orders[0].total, 10.5);
        // Row 3 has no customer: an order all the same (in the orders and the revenue), not a
        // customer's, so not in the table of customers' orders.
        assert_eq!((acc.rows_read, acc.rows_used, acc.rows_rejected, acc.orders_without_customer), (7, 2, 5, 1));
        let rows: Vec<(usize, &str, &str)> = acc.issues.iter().map(|i| (i.row, i.column.as_str(), i.reason.code())).collect();
        assert_eq!(rows, vec![(4, "Date", "bad_date"), (5, "Order ID", "duplicate_order_id"), (6, "Total", "negative_total"), (7, "Total", "missing_value"), (8, "Total", "bad_number"),]);
        assert!(acc.issues[1].message.contains("row 2"));
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

/// Whether an id is a number in a spreadsheet's scientific notation (`1.23457E+11`,
/// `8.61381E+12`): what a long id looks like once a spreadsheet has rounded it.
fn looks_rounded(id: &str) -> bool {
    let Some((mantissa, exponent)) = id.split_once(['E', 'e']) else { return false };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    whole.len() == 1
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !exponent.is_empty()
        && exponent.len() <= 2
        && exponent.bytes().all(|b| b.is_ascii_digit())
        && exponent.parse::<u32>().is_ok_and(|e| e >= 5)
}

#[cfg(test)]
mod rounded_tests {
    #[test]
    fn spreadsheet_rounded_ids_are_recognised() {
        for id in ["1.23457E+11", "8.61381e+12", "9E+15", "1.5E+05"] {
            assert!(super::looks_rounded(id), "{id}");
        }
        for id in ["C1E+11", "1.2E+3", "12.3E+11", "E+11", "1.2E", "1.2E+-5", "alice@x.com", "1e400x", "3E1"] {
            assert!(!super::looks_rounded(id), "{id}");
        }
    }
}

#[cfg(test)]
mod status_tests {
    use super::*;

    #[test]
    fn status_words() {
        let s = |v: &str| parse_status(v);
        assert_eq!([s("Completed"), s("Not returned"), s("No refund"), s("未退款"), s("Return declined"), s("Delivery failed")], [OrderStatus::Completed; 6]);
        assert_eq!([s("Unpaid"), s("Not Paid"), s("待支付"), s("Declined"), s("Cancelado")], [OrderStatus::Cancelled; 5]);
        assert_eq!([s("Refunded"), s("Estornado"), s("已退款")], [OrderStatus::Refunded; 3]);
    }
}

#[cfg(test)]
mod part_tests {
    use super::*;

    /// Parts of one order: a completed part after a cancelled one makes the order a purchase
    /// of that part's amount; a part listed again is a duplicate; a refunded part adds nothing.
    #[test]
    fn sub_orders_add_their_completed_parts_once() {
        let csv = "主订单编号,子订单编号,收件人手机号,订单提交时间,订单应付金额,订单状态\n\
                   1,1a,13800000001,2024-03-01,35.90,已关闭\n\
                   1,1b,13800000001,2024-03-01,75.80,已完成\n\
                   1,1b,13800000001,2024-03-01,75.80,已完成 \n\
                   2,2a,13800000002,2024-03-02,20.00,已完成\n\
                   2,2b,13800000002,2024-03-02,5.00,退款成功\n";
        let (orders, acc) = read_orders("d.csv", csv.as_bytes()).unwrap();
        assert!(acc.balanced());
        assert_eq!(orders.len(), 2);
        assert_eq!((orders[0].status, orders[0].total), (OrderStatus::Completed, 75.80));
        assert_eq!((orders[1].status, orders[1].total), (OrderStatus::Completed, 20.00));
        assert_eq!((acc.cancelled, acc.refunded, acc.rows_merged, acc.merged_duplicates), (0, 0, 3, 1));
    }

    /// A further row of an order without a customer key merges only when it has no key either
    /// and the same day; a row with a key and the same id is not swallowed into it.
    #[test]
    fn rows_of_an_order_without_a_key() {
        let csv = "Name,Email,Created at,Total\n#1,,2024-05-01,10\n#1,,2024-05-01,10\n#1,,2024-05-01,\n#1,bob@x.com,2024-05-02,80\n";
        let (orders, acc) = read_orders("s.csv", csv.as_bytes()).unwrap();
        assert!(acc.balanced());
        assert_eq!(acc.orders_without_customer, 1);
        assert_eq!(acc.merged_duplicates, 1, "the same row again");
        assert_eq!(acc.merged_line_items, 1, "a further line without a total");
        assert_eq!(orders.len(), 1, "the keyed row is its own order: {orders:?}");
        assert_eq!(orders[0].customer_id.as_str(), "bob@x.com");
    }
}
