//! Customer-summary reader: the compact per-customer (or grouped) summary that a warehouse or
//! Spark makes from hundreds of millions of orders (`sql/` in the repository), read instead of
//! the orders. The format is documented in the README ("Large shops"); in short:
//!
//! - **per customer**: `customer_id, first_purchase, last_purchase, frequency, recency, T,
//!   monetary_value` (required), `repeat_spend, orders, revenue, ratings_count, ratings_sum,
//!   ratings_positive, complaints, discount_orders, deliveries, on_time_deliveries` (optional);
//! - **grouped**: `part` (`purchases` or `spend`), `frequency`, `recency`, `T`,
//!   `monetary_value`, `count`, and for purchase groups optionally `monetary_value_sum, orders,
//!   revenue`; without `part` every row is one (frequency, recency, T, monetary_value) group;
//! - both: `calibration_end` (YYYY-MM-DD) and `time_unit` (`day`, `week`, `month`) on every row,
//!   the same on all rows (a row that differs is rejected).
//!
//! Values are made canonical so that a summary computed elsewhere gives bit-identical model
//! inputs: recency and T are whole days in the unit (per customer: recomputed from the dates and
//! checked against the stated values); a mean spend that is a (round-trip printed) quotient of
//! whole 0.0001 units by the frequency is re-derived by [`mean_of_units`], as `summarize` does.
//! The account holds as for every input: rows read = rows used + rows rejected.

use super::columns::normalize;
use super::fields::parse_date;
use super::read::{cell_opt, Parsed, Progress, ReadOptions, Records};
use super::table::Cells;
use super::table::RowProblem;
use super::{ColumnUse, InputAccount, InputFile, InputKind, RejectReason};
use crate::fast::Map;
use crate::metrics::clv::summary::{mean_of_units, money_units, CustomerSummary, PurchaseGroup, SpendGroup, Summary, TimeUnit, MONEY_SCALE};
use crate::Error;
use chrono::NaiveDate;
use serde::Serialize;

/// One customer of a per-customer summary file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryCustomer {
    /// frequency, recency, T, monetary value, first purchase (as `summarize` makes them).
    pub summary: CustomerSummary,
    pub last_purchase: NaiveDate,
    /// Completed orders (same-day orders counted separately).
    pub orders: Option<u64>,
    /// Total of the completed orders.
    pub revenue: Option<f64>,
    pub ratings_count: Option<u64>,
    pub ratings_sum: Option<f64>,
    /// Ratings of 4 or 5 stars.
    pub ratings_positive: Option<u64>,
    pub complaints: Option<u64>,
    pub discount_orders: Option<u64>,
    pub deliveries: Option<u64>,
    pub on_time_deliveries: Option<u64>,
    pub row: usize,
}

/// A summary file read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryData {
    pub unit: TimeUnit,
    /// Last day of the calibration period (inclusive), as the file states it.
    pub calibration_end: NaiveDate,
    /// A grouped file (customers counted in groups, no customer ids).
    pub grouped: bool,
    /// Per-customer files: the customers, sorted by id (byte order). Empty for grouped files.
    pub customers: Vec<SummaryCustomer>,
    /// (frequency, recency, T) groups: from a grouped file, or made from the customers.
    pub purchase_groups: Vec<PurchaseGroup>,
    /// (frequency, monetary value) groups of repeat buyers: likewise.
    pub spend_groups: Vec<SpendGroup>,
    /// Grouped files: total orders and revenue of the purchase groups, when every purchase row
    /// gives them.
    pub group_orders: Option<u64>,
    pub group_revenue: Option<f64>,
}

impl SummaryData {
    /// The per-customer summary as `summarize` would return it (empty for grouped files).
    pub fn summary(&self) -> Summary {
        Summary {
            unit: self.unit,
            calibration_end: self.calibration_end,
            customers: self.customers.iter().map(|c| c.summary.clone()).collect(),
            orders_after_end: 0,
            orders_not_completed: 0,
            orders_without_value: 0,
        }
    }

    /// Customers in the file (grouped: the sum of the purchase groups' counts).
    pub fn customer_count(&self) -> u64 {
        if self.grouped {
            self.purchase_groups.iter().fold(0u64, |s, g| s.saturating_add(g.count))
        } else {
            self.customers.len() as u64
        }
    }
}

struct Def {
    field: &'static str,
    names: &'static [&'static str],
}

const fn def(field: &'static str, names: &'static [&'static str]) -> Def {
    Def { field, names }
}

const CUSTOMER: usize = 0;
const FIRST: usize = 1;
const LAST: usize = 2;
const FREQUENCY: usize = 3;
const RECENCY: usize = 4;
const T: usize = 5;
const MONETARY: usize = 6;
const REPEAT_SPEND: usize = 7;
const ORDERS: usize = 8;
const REVENUE: usize = 9;
const CAL_END: usize = 10;
const UNIT: usize = 11;
const PART: usize = 12;
const COUNT: usize = 13;
const MONETARY_SUM: usize = 14;
const RATINGS_COUNT: usize = 15;
const RATINGS_SUM: usize = 16;
const RATINGS_POSITIVE: usize = 17;
const COMPLAINTS: usize = 18;
const DISCOUNT_ORDERS: usize = 19;
const DELIVERIES: usize = 20;
const ON_TIME: usize = 21;

/// The columns of the format (names compared after [`normalize`], exactly: no partial matches,
/// so `discount_orders` is never taken for `orders`).
const DEFS: &[Def] = &[
    def("customer_id", &["customerid", "customer", "id"]),
    def("first_purchase", &["firstpurchase", "firstpurchasedate", "firstorderdate"]),
    def("last_purchase", &["lastpurchase", "lastpurchasedate", "lastorderdate"]),
    def("frequency", &["frequency"]),
    def("recency", &["recency"]),
    def("T", &["t"]),
    def("monetary_value", &["monetaryvalue"]),
    def("repeat_spend", &["repeatspend"]),
    def("orders", &["orders"]),
    def("revenue", &["revenue"]),
    def("calibration_end", &["calibrationend"]),
    def("time_unit", &["timeunit"]),
    def("part", &["part"]),
    def("count", &["count"]),
    def("monetary_value_sum", &["monetaryvaluesum"]),
    def("ratings_count", &["ratingscount"]),
    def("ratings_sum", &["ratingssum"]),
    def("ratings_positive", &["ratingspositive"]),
    def("complaints", &["complaints"]),
    def("discount_orders", &["discountorders"]),
    def("deliveries", &["deliveries"]),
    def("on_time_deliveries", &["ontimedeliveries"]),
];

/// Whether a header is a customer summary's: frequency, recency and T columns.
pub fn is_summary_header(headers: &[String]) -> bool {
    let n: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    ["frequency", "recency", "t"].iter().all(|w| n.iter().any(|h| h == w))
}

/// `day`, `week` or `month` (also plural, `d`, `w`, `m`).
pub fn parse_unit(s: &str) -> Option<TimeUnit> {
    match s.trim().to_ascii_lowercase().as_str() {
        "day" | "days" | "d" => Some(TimeUnit::Day),
        "week" | "weeks" | "w" => Some(TimeUnit::Week),
        "month" | "months" | "m" => Some(TimeUnit::Month),
        _ => None,
    }
}

fn number(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

fn whole(s: &str) -> Option<u64> {
    let v = number(s)?;
    (v >= 0.0 && v.fract() == 0.0 && v <= 9.0e15).then_some(v as u64)
}

/// A duration stated in `unit` as the same value `summarize` computes from whole days, when it
/// is a whole number of days (to 1e-6 relative); otherwise `None`.
fn canonical_time(v: f64, unit: TimeUnit) -> Option<f64> {
    let days = v * unit.days();
    let r = days.round();
    ((days - r).abs() <= 1e-6 * r.abs().max(1.0)).then(|| r / unit.days())
}

/// A mean spend as `summarize` computes it, when `m` is (to 1e-12 relative) a whole number of
/// 0.0001 units divided by `x`; otherwise `m` as it is.
fn canonical_mean(m: f64, x: u32) -> f64 {
    if x == 0 {
        return 0.0;
    }
    let units = (m * f64::from(x) * MONEY_SCALE).round();
    if !(units.is_finite() && units.abs() < 9.0e15) {
        return m;
    }
    let c = mean_of_units(units as i128, x);
    if (c - m).abs() <= 1e-12 * m.abs() {
        c
    } else {
        m
    }
}

fn bad(message: String) -> RejectReason {
    RejectReason::BadRow { message }
}

fn resolve(headers: &[String], opts: &ReadOptions, file: &str, account: &mut InputAccount) -> Result<Vec<Option<usize>>, Error> {
    let mut out: Vec<Option<usize>> = vec![None; DEFS.len()];
    let mut off = vec![false; DEFS.len()];
    if let Some(map) = &opts.mapping {
        for (field, col) in map {
            let Some(i) = DEFS.iter().position(|d| d.field.eq_ignore_ascii_case(field.trim())) else {
                continue; // fields of other kinds: one mapping object may serve several files
            };
            match col.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
                None => off[i] = true,
                Some(c) => {
                    let idx = headers
                        .iter()
                        .position(|h| h.trim() == c)
                        .or_else(|| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(c)))
                        .or_else(|| headers.iter().position(|h| normalize(h) == normalize(c)))
                        .ok_or_else(|| Error::InvalidOption { option: "mapping", message: format!("{file}: {field} -> '{c}': no such column (found: {})", headers.join(", ")) })?;
                    out[i] = Some(idx);
                    account.columns.push(ColumnUse { field: DEFS[i].field, column: headers[idx].clone(), confidence: 1.0, how: "mapping" });
                }
            }
        }
    }
    let norm: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    for (i, d) in DEFS.iter().enumerate() {
        if out[i].is_some() || off[i] {
            continue;
        }
        let taken: Vec<usize> = out.iter().flatten().copied().collect();
        if let Some(idx) = d.names.iter().find_map(|n| (0..norm.len()).find(|&c| norm[c] == *n && !taken.contains(&c))) {
            out[i] = Some(idx);
            account.columns.push(ColumnUse { field: d.field, column: headers[idx].clone(), confidence: 0.95, how: "header" });
        }
    }
    Ok(out)
}

fn require(cols: &[Option<usize>], fields: &[usize], headers: &[String], file: &str) -> Result<(), Error> {
    for &f in fields {
        if cols[f].is_none() {
            return Err(Error::MissingColumn {
                file: file.to_string(),
                field: DEFS[f].field,
                found: headers.join(", "),
                accepted: format!("{} (a customer summary; see the README, Large shops)", DEFS[f].names.join(", ")),
            });
        }
    }
    Ok(())
}

/// The file's calibration end and unit (from the first row that states both), checked per row.
struct Stated {
    first: Option<(NaiveDate, TimeUnit, usize)>,
}

impl Stated {
    /// The row's calibration end and unit, or why the row is rejected (column, reason).
    fn check(&mut self, cal: Option<&str>, unit: Option<&str>, row: usize, headers: &[String], cols: &[Option<usize>]) -> Result<(NaiveDate, TimeUnit), (String, RejectReason)> {
        let name = |f: usize| cols[f].map_or(String::new(), |c| headers[c].clone());
        let cal_cell = cal.ok_or_else(|| (name(CAL_END), RejectReason::MissingValue))?;
        let cal = parse_date(cal_cell).ok_or_else(|| (name(CAL_END), RejectReason::BadDate { value: cal_cell.to_string() }))?;
        let unit_cell = unit.ok_or_else(|| (name(UNIT), RejectReason::MissingValue))?;
        let unit = parse_unit(unit_cell).ok_or_else(|| (name(UNIT), bad(format!("'{unit_cell}' is not a time unit (day, week or month)"))))?;
        match self.first {
            None => {
                self.first = Some((cal, unit, row));
                Ok((cal, unit))
            }
            Some((c, _, r)) if c != cal => Err((name(CAL_END), bad(format!("calibration end {cal} differs from {c} on row {r}: one summary has one calibration end")))),
            Some((_, u, r)) if u != unit => Err((name(UNIT), bad(format!("time unit {} differs from {} on row {r}: one summary has one time unit", unit.name(), u.name())))),
            Some((c, u, _)) => Ok((c, u)),
        }
    }
}

pub(crate) fn read(file: &InputFile<'_>, opts: &ReadOptions, progress: &mut Progress<'_>) -> Result<Parsed, Error> {
    let o = super::read::open(file, opts, InputKind::Summary)?;
    let name = o.account.file.clone();
    let headers = o.headers.clone();
    let mut account = o.account;
    let cols = resolve(&headers, opts, &name, &mut account)?;
    let grouped = cols[COUNT].is_some();
    if grouped {
        require(&cols, &[FREQUENCY, CAL_END, UNIT], &headers, &name)?;
        if cols[PART].is_none() {
            require(&cols, &[RECENCY, T, MONETARY], &headers, &name)?;
        }
    } else {
        require(&cols, &[CUSTOMER, FIRST, LAST, FREQUENCY, RECENCY, T, MONETARY, CAL_END, UNIT], &headers, &name)?;
    }
    let mut stated = Stated { first: None };
    let mut customers: Vec<SummaryCustomer> = Vec::new();
    let mut seen: Map<String, usize> = Map::default();
    let mut purchase_groups: Vec<PurchaseGroup> = Vec::new();
    let mut spend_groups: Vec<SpendGroup> = Vec::new();
    let (mut group_orders, mut group_revenue_units, mut group_totals) = (0u64, 0i128, true);
    let mut not_whole_days = 0usize;
    let mut table = o.source.table()?;
    let mut cells = Cells::new();
    let col_name = |f: usize| cols[f].map_or(String::new(), |c| headers[c].clone());
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
        let (cal, unit) = match stated.check(get(CAL_END), get(UNIT), row, &headers, &cols) {
            Ok(v) => v,
            Err((column, reason)) => {
                account.reject(row, &column, reason);
                continue;
            }
        };
        // Helpers that reject the row with the column's name.
        macro_rules! reject {
            ($f:expr, $reason:expr) => {{
                account.reject(row, &col_name($f), $reason);
                continue;
            }};
        }
        macro_rules! required_num {
            ($f:expr) => {
                match get($f) {
                    None => reject!($f, RejectReason::MissingValue),
                    Some(v) => match number(v) {
                        Some(n) => n,
                        None => reject!($f, RejectReason::BadNumber { value: v.to_string() }),
                    },
                }
            };
        }
        // A customer's amount (a mean spend, a repeat spend, a revenue): finite and at most
        // MAX_MONEY, as an order's total.
        macro_rules! required_money {
            ($f:expr) => {
                match get($f) {
                    None => reject!($f, RejectReason::MissingValue),
                    Some(v) => match number(v).filter(|n| n.abs() <= crate::input::fields::MAX_MONEY) {
                        Some(n) => n,
                        None => reject!($f, RejectReason::BadNumber { value: v.to_string() }),
                    },
                }
            };
        }
        macro_rules! optional_money {
            ($f:expr) => {
                match get($f) {
                    None => None,
                    Some(v) => match number(v).filter(|n| n.abs() <= crate::input::fields::MAX_MONEY) {
                        Some(n) => Some(n),
                        None => reject!($f, RejectReason::BadNumber { value: v.to_string() }),
                    },
                }
            };
        }
        macro_rules! optional_whole {
            ($f:expr) => {
                match get($f) {
                    None => None,
                    Some(v) => match whole(v) {
                        Some(n) => Some(n),
                        None => reject!($f, bad(format!("'{v}' is not a whole number of 0 or more"))),
                    },
                }
            };
        }
        macro_rules! optional_num {
            ($f:expr) => {
                match get($f) {
                    None => None,
                    Some(v) => match number(v) {
                        Some(n) => Some(n),
                        None => reject!($f, RejectReason::BadNumber { value: v.to_string() }),
                    },
                }
            };
        }
        let frequency = match get(FREQUENCY) {
            None => reject!(FREQUENCY, RejectReason::MissingValue),
            Some(v) => match whole(v).filter(|n| *n <= u64::from(u32::MAX)) {
                Some(n) => n as u32,
                None => reject!(FREQUENCY, bad(format!("'{v}' is not a whole number of repeat purchase days (0 or more)"))),
            },
        };
        if grouped {
            let part = match (cols[PART], get(PART)) {
                (None, _) => "both",
                (Some(_), None) => reject!(PART, RejectReason::MissingValue),
                (Some(_), Some(p)) if p.eq_ignore_ascii_case("purchases") => "purchases",
                (Some(_), Some(p)) if p.eq_ignore_ascii_case("spend") => "spend",
                (Some(_), Some(p)) => reject!(PART, bad(format!("part '{p}' is neither 'purchases' nor 'spend'"))),
            };
            let count = match get(COUNT) {
                None => reject!(COUNT, RejectReason::MissingValue),
                Some(v) => match whole(v).filter(|n| *n >= 1) {
                    Some(n) => n,
                    None => reject!(COUNT, bad(format!("'{v}' is not a number of customers (1 or more)"))),
                },
            };
            let mut purchase = None;
            if part != "spend" {
                let recency = required_num!(RECENCY);
                let t = required_num!(T);
                if !(recency >= 0.0 && t >= recency) {
                    reject!(RECENCY, bad(format!("recency {recency} must lie in [0, T = {t}]")));
                }
                let (recency, t) = match (canonical_time(recency, unit), canonical_time(t, unit)) {
                    (Some(r), Some(t)) => (r, t),
                    _ => {
                        not_whole_days += 1;
                        (recency, t)
                    }
                };
                if frequency == 0 && recency != 0.0 {
                    reject!(RECENCY, bad(format!("recency {recency} with frequency 0: a one-time buyer's recency is 0")));
                }
                let m_sum = if part == "both" { None } else { optional_money!(MONETARY_SUM) };
                let orders = optional_whole!(ORDERS);
                let revenue = optional_money!(REVENUE);
                if revenue.is_some_and(|r| r < 0.0) {
                    reject!(REVENUE, RejectReason::NegativeTotal { value: get(REVENUE).unwrap_or("").to_string() });
                }
                purchase = Some((recency, t, m_sum, orders, revenue));
            }
            let mut spend = None;
            if part != "purchases" {
                let m = required_money!(MONETARY);
                if frequency == 0 {
                    if m.abs() > 1e-9 {
                        reject!(MONETARY, bad(format!("monetary value {m} with frequency 0: it is 0 for one-time buyers")));
                    }
                    if part == "spend" {
                        reject!(FREQUENCY, bad("a spend group needs frequency 1 or more".to_string()));
                    }
                }
                spend = Some(canonical_mean(m, frequency));
            }
            if let Some((recency, t, m_sum, orders, revenue)) = purchase {
                let m_sum = if part == "both" { spend.map(|m| m * count as f64) } else { m_sum };
                match (orders, revenue) {
                    (Some(o), Some(r)) => {
                        group_orders = group_orders.saturating_add(o);
                        group_revenue_units = group_revenue_units.saturating_add(money_units(r));
                    }
                    _ => group_totals = false,
                }
                purchase_groups.push(PurchaseGroup { frequency, recency, t, count, monetary_value_sum: m_sum });
            }
            if let Some(m) = spend.filter(|_| frequency > 0) {
                spend_groups.push(SpendGroup { frequency, monetary_value: m, count });
            }
            account.rows_used += 1;
            continue;
        }

        let Some(id) = get(CUSTOMER) else { reject!(CUSTOMER, RejectReason::MissingValue) };
        let date = |f: usize| -> Result<NaiveDate, RejectReason> {
            let v = get(f).ok_or(RejectReason::MissingValue)?;
            parse_date(v).ok_or_else(|| RejectReason::BadDate { value: v.to_string() })
        };
        let first = match date(FIRST) {
            Ok(d) => d,
            Err(r) => reject!(FIRST, r),
        };
        let last = match date(LAST) {
            Ok(d) => d,
            Err(r) => reject!(LAST, r),
        };
        if !(first <= last && last <= cal) {
            reject!(LAST, bad(format!("the purchase dates must satisfy first ({first}) <= last ({last}) <= calibration end ({cal})")));
        }
        if (frequency == 0) != (first == last) {
            reject!(FREQUENCY, bad(format!("frequency {frequency} does not fit first {first} and last {last} purchase (0 exactly when they are the same day)")));
        }
        let recency = required_num!(RECENCY);
        let t = required_num!(T);
        let (recency_days, t_days) = ((last - first).num_days() as f64, (cal - first).num_days() as f64);
        if (recency * unit.days() - recency_days).abs() >= 0.5 {
            reject!(RECENCY, bad(format!("recency {recency} {}s does not match the purchase dates ({recency_days} days)", unit.name())));
        }
        if (t * unit.days() - t_days).abs() >= 0.5 {
            reject!(T, bad(format!("T {t} {}s does not match the first purchase and the calibration end ({t_days} days)", unit.name())));
        }
        let m = required_money!(MONETARY);
        let repeat_spend = optional_money!(REPEAT_SPEND);
        let monetary_value = if frequency == 0 {
            if m.abs() > 1e-9 || repeat_spend.is_some_and(|s| s.abs() > 1e-9) {
                reject!(MONETARY, bad(format!("monetary value {m} with frequency 0: it is 0 for one-time buyers")));
            }
            0.0
        } else if let Some(s) = repeat_spend {
            let c = mean_of_units(money_units(s), frequency);
            if (c - m).abs() > 1e-9 * c.abs() + 0.5 / MONEY_SCALE {
                reject!(MONETARY, bad(format!("monetary value {m} is not repeat_spend / frequency = {c}")));
            }
            c
        } else {
            canonical_mean(m, frequency)
        };
        let orders = optional_whole!(ORDERS);
        if let Some(n) = orders {
            if n < u64::from(frequency) + 1 {
                reject!(ORDERS, bad(format!("{n} orders are fewer than the {} purchase days", u64::from(frequency) + 1)));
            }
        }
        let revenue = optional_money!(REVENUE);
        if revenue.is_some_and(|r| r < 0.0) {
            reject!(REVENUE, RejectReason::NegativeTotal { value: get(REVENUE).unwrap_or("").to_string() });
        }
        let extras =
            [optional_whole!(RATINGS_COUNT), optional_whole!(RATINGS_POSITIVE), optional_whole!(COMPLAINTS), optional_whole!(DISCOUNT_ORDERS), optional_whole!(DELIVERIES), optional_whole!(ON_TIME)];
        let ratings_sum = optional_num!(RATINGS_SUM);
        if let (Some(p), Some(n)) = (extras[1], extras[0]) {
            if p > n {
                reject!(RATINGS_POSITIVE, bad(format!("{p} positive ratings of {n} ratings")));
            }
        }
        if let (Some(k), Some(n)) = (extras[5], extras[4]) {
            if k > n {
                reject!(ON_TIME, bad(format!("{k} on-time deliveries of {n} deliveries")));
            }
        }
        if let Some(&first_row) = seen.get(id) {
            reject!(CUSTOMER, bad(format!("customer '{id}' is already on row {first_row}")));
        }
        seen.insert(id.to_string(), row);
        customers.push(SummaryCustomer {
            summary: CustomerSummary { customer_id: id.into(), frequency, recency: unit.between(first, last), t: unit.between(first, cal), monetary_value, first_purchase: first },
            last_purchase: last,
            orders,
            revenue,
            ratings_count: extras[0],
            ratings_sum,
            ratings_positive: extras[1],
            complaints: extras[2],
            discount_orders: extras[3],
            deliveries: extras[4],
            on_time_deliveries: extras[5],
            row,
        });
        account.rows_used += 1;
    }
    if account.rows_read == 0 {
        return Err(Error::NoRows { file: name });
    }
    let Some((calibration_end, unit, _)) = stated.first else {
        return Err(Error::Format { file: name, message: "no row states a calibration end and a time unit (columns calibration_end, time_unit); see the input account".into() });
    };
    if not_whole_days > 0 {
        account.warnings.push(crate::messages::Note::NotWholeDays { n: not_whole_days, unit: unit.name() });
    }
    customers.sort_by(|a, b| a.summary.customer_id.cmp(&b.summary.customer_id));
    if !grouped {
        let cs: Vec<CustomerSummary> = customers.iter().map(|c| c.summary.clone()).collect();
        purchase_groups = crate::metrics::clv::summary::purchase_groups(&cs);
        spend_groups = crate::metrics::clv::summary::spend_groups(&cs);
    }
    account.notes.push(crate::messages::Note::SummaryForm { grouped, calibration_end, unit: unit.name() });
    let data = SummaryData {
        unit,
        calibration_end,
        grouped,
        customers,
        purchase_groups,
        spend_groups,
        group_orders: (grouped && group_totals).then_some(group_orders),
        group_revenue: (grouped && group_totals).then(|| group_revenue_units as f64 / MONEY_SCALE),
    };
    Ok(Parsed { records: Records::Summary(Box::new(data)), account, reviews: None, tickets: None })
}

/// The per-customer summary file of `orders` (CSV, the columns of `sql/customer_summary.sql`,
/// in the same order, sorted by customer id): the Rust twin of the SQL, for shops small enough
/// to summarise here and for checking an engine's output. Numbers are written in the shortest
/// form that reads back to the same value.
pub fn summary_csv(orders: &(impl crate::model::AsOrders + ?Sized), calibration_end: NaiveDate, unit: TimeUnit) -> String {
    let orders = orders.as_orders();
    let orders: &crate::model::Orders = &orders;
    use crate::dataset::OrderStatus;
    let summary = crate::metrics::clv::summarize(orders, calibration_end, unit);
    let mut totals: Map<&str, (u64, i128, NaiveDate, i128)> = Map::default();
    // (orders, revenue units, last purchase, first-day units)
    let first: Map<&str, NaiveDate> = summary.customers.iter().map(|c| (c.customer_id.as_str(), c.first_purchase)).collect();
    for o in orders.iter().filter(|o| o.status == OrderStatus::Completed && o.date <= calibration_end) {
        let units = if o.total.is_finite() { money_units(o.total) } else { 0 };
        let e = totals.entry(o.customer_id).or_insert((0, 0, o.date, 0));
        e.0 += 1;
        e.1 = e.1.saturating_add(units);
        e.2 = e.2.max(o.date);
        if first.get(o.customer_id) == Some(&o.date) {
            e.3 = e.3.saturating_add(units);
        }
    }
    let unit_name = unit.name();
    let mut out = String::from("customer_id,first_purchase,last_purchase,frequency,recency,T,monetary_value,repeat_spend,orders,revenue,calibration_end,time_unit\n");
    let mut w = csv::WriterBuilder::new().has_headers(false).terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    for c in &summary.customers {
        let (n, units, last, first_units) = totals.get(c.customer_id.as_str()).copied().unwrap_or((0, 0, c.first_purchase, 0));
        let repeat = units.saturating_sub(first_units) as f64 / MONEY_SCALE;
        let _ = w.write_record([
            // A customer id a spreadsheet would run as a formula gets a leading '.
            crate::export::formula_safe(&c.customer_id).into_owned(),
            c.first_purchase.to_string(),
            last.to_string(),
            c.frequency.to_string(),
            format!("{:?}", c.recency),
            format!("{:?}", c.t),
            format!("{:?}", c.monetary_value),
            format!("{repeat:?}"),
            n.to_string(),
            format!("{:?}", units as f64 / MONEY_SCALE),
            calibration_end.to_string(),
            unit_name.to_string(),
        ]);
    }
    out.push_str(&String::from_utf8_lossy(&w.into_inner().unwrap_or_default()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::read_input;

    fn read(csv: &str) -> (SummaryData, InputAccount) {
        let p = read_input(&InputFile::new("s.csv", InputKind::Summary, csv.as_bytes()), &ReadOptions::default(), &mut |_| {}).unwrap();
        let Records::Summary(s) = p.records else { panic!("not a summary") };
        assert!(p.account.balanced());
        (*s, p.account)
    }

    const HEAD: &str = "customer_id,first_purchase,last_purchase,frequency,recency,T,monetary_value,orders,revenue,calibration_end,time_unit\n";

    #[test]
    fn per_customer_rows_are_checked_and_made_canonical() {
        let csv = format!(
            "{HEAD}a,2024-01-01,2024-01-15,2,2,2,7.5,3,22,2024-01-15,week\n\
             b,2024-01-15,2024-01-15,0,0,0,0,1,1,2024-01-15,week\n\
             c,2024-01-01,2024-01-15,2,2.5,2,7.5,3,22,2024-01-15,week\n\
             d,2024-01-01,2024-01-15,2,2,2,7.5,3,22,2024-01-16,week\n\
             e,2024-01-01,2024-01-01,1,0,2,7.5,3,22,2024-01-15,week\n\
             a,2024-01-01,2024-01-15,2,2,2,7.5,3,22,2024-01-15,week\n\
             f,2024-01-01,2024-01-08,1,1,2,x,2,22,2024-01-15,week\n\
             g,2024-01-01,2024-01-08,1,1,2,5,1,22,2024-01-15,week\n"
        );
        let (s, acc) = read(&csv);
        assert_eq!((acc.rows_read, acc.rows_used, acc.rows_rejected), (8, 2, 6));
        let rows: Vec<(usize, &str)> = acc.issues.iter().map(|i| (i.row, i.column.as_str())).collect();
        assert_eq!(rows, vec![(4, "recency"), (5, "calibration_end"), (6, "frequency"), (7, "customer_id"), (8, "monetary_value"), (9, "orders")]);
        assert_eq!((s.unit, s.calibration_end.to_string(), s.grouped), (TimeUnit::Week, "2024-01-15".to_string(), false));
        let a = &s.customers[0].summary;
        assert_eq!((a.frequency, a.recency, a.t, a.monetary_value), (2, 2.0, 2.0, 7.5));
        assert_eq!(s.purchase_groups.len(), 2);
        assert_eq!(s.spend_groups, vec![SpendGroup { frequency: 2, monetary_value: 7.5, count: 1 }]);
    }

    #[test]
    fn grouped_rows_and_detection() {
        let csv = "part,frequency,recency,T,monetary_value,count,monetary_value_sum,calibration_end,time_unit\n\
                   purchases,0,0,3,,10,0,2024-01-15,day\n\
                   purchases,1,1,3,,5,50,2024-01-15,day\n\
                   spend,1,,,10,5,,2024-01-15,day\n\
                   spend,0,,,10,5,,2024-01-15,day\n\
                   other,1,1,3,,5,50,2024-01-15,day\n";
        let (s, acc) = read(csv);
        assert!(s.grouped);
        assert_eq!((acc.rows_read, acc.rows_used, acc.rows_rejected), (5, 3, 2));
        assert_eq!(s.customer_count(), 15);
        assert_eq!(s.spend_groups, vec![SpendGroup { frequency: 1, monetary_value: 10.0, count: 5 }]);
        // An orders file that is a summary is read as one.
        let p = read_input(&InputFile::orders("o.csv", csv.as_bytes()), &ReadOptions::default(), &mut |_| {}).unwrap();
        assert_eq!(p.account.kind, InputKind::Summary);
        assert_eq!(crate::input::guess_kind("x.csv", csv.as_bytes()), InputKind::Summary);
    }

    /// Every cell of a valid file replaced by odd values, one at a time: no panic, the account
    /// balances, and the scorecard is computed or refused with an error.
    #[test]
    fn odd_cells_never_panic() {
        let mut good = String::from(HEAD.trim_end());
        good.push_str(",ratings_count,ratings_positive,deliveries,on_time_deliveries\n");
        for i in 0..30 {
            let f = i % 4;
            good.push_str(&format!("c{i},2024-01-01,2024-01-{:02},{f},{},2,{}.5,{},{}.5,2024-01-15,week,2,1,3,2\n", 1 + 3 * f, 3.0 * f as f64 / 7.0, if f == 0 { 0 } else { 3 + i }, f + 1, 10 + i));
        }
        let grouped = "part,frequency,recency,T,monetary_value,count,monetary_value_sum,orders,revenue,calibration_end,time_unit\npurchases,0,0,2,,25,0,25,100,2024-01-15,week\npurchases,1,1,2,,12,120,24,240,2024-01-15,week\nspend,1,,,10,12,,,,2024-01-15,week\n";
        let odd = ["", "-1", "1e308", "NaN", "inf", "18446744073709551616", "0.5", "2024-02-30", "x", "week", "\u{0}", "9999999999999999999999"];
        for text in [good.as_str(), grouped] {
            let lines: Vec<&str> = text.lines().collect();
            for r in 1..lines.len().min(3) {
                let cells: Vec<&str> = lines[r].split(',').collect();
                for c in 0..cells.len() {
                    for v in odd {
                        let mut row = cells.clone();
                        row[c] = v;
                        let mut t: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                        t[r] = row.join(",");
                        let bytes = t.join("\n");
                        let file = InputFile::new("s.csv", InputKind::Summary, bytes.as_bytes());
                        if let Ok(p) = read_input(&file, &ReadOptions::default(), &mut |_| {}) {
                            assert!(p.account.balanced());
                        }
                        let _ = crate::analyze(&[file], &crate::AnalysisOptions::default());
                    }
                }
            }
        }
    }

    #[test]
    fn json_and_ndjson_summaries() {
        let json = r#"[{"customer_id": "a", "first_purchase": "2024-01-01", "last_purchase": "2024-01-15", "frequency": 2,
            "recency": 2.0, "T": 2.0, "monetary_value": 7.5, "calibration_end": "2024-01-15", "time_unit": "week"},
            {"customer_id": "b", "first_purchase": "2024-01-15", "last_purchase": "2024-01-15", "frequency": 0,
            "recency": 0, "T": 0, "monetary_value": 0, "calibration_end": "2024-01-15", "time_unit": "week"}]"#;
        let (s, acc) = read(json);
        assert_eq!((acc.format, acc.rows_used, s.customers.len()), ("json", 2, 2));
        assert_eq!(s.customers[0].summary.monetary_value, 7.5);
        let nd = "{\"part\": \"purchases\", \"frequency\": 1, \"recency\": 3, \"T\": 5, \"count\": 4, \"calibration_end\": \"2024-01-15\", \"time_unit\": \"day\"}\n                  {\"part\": \"spend\", \"frequency\": 1, \"monetary_value\": 12.25, \"count\": 4, \"calibration_end\": \"2024-01-15\", \"time_unit\": \"day\"}\n";
        let (g, acc) = read(nd);
        assert_eq!((acc.format, acc.rows_used, g.grouped, g.customer_count()), ("ndjson", 2, true, 4));
        assert_eq!(g.spend_groups, vec![SpendGroup { frequency: 1, monetary_value: 12.25, count: 4 }]);
    }

    #[test]
    fn no_panic_on_odd_input() {
        for csv in [
            "frequency,recency,T\n1,2,3\n",
            "frequency,recency,T,count,monetary_value,calibration_end,time_unit\n-1,1e400,NaN,0,inf,2024-99-01,fortnight\n",
            "customer_id,first_purchase,last_purchase,frequency,recency,T,monetary_value,calibration_end,time_unit\n,,,,,,,,\nx,2024-01-01,2023-01-01,99999999999,-1,1,1,2024-01-01,day\n",
        ] {
            let _ = read_input(&InputFile::new("s.csv", InputKind::Summary, csv.as_bytes()), &ReadOptions::default(), &mut |_| {});
        }
    }
}
