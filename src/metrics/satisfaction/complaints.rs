//! Complaints (《如何从顾客满意到顾客信任》, 《電子商務下顧客滿意度及忠誠度的培養》): complaint rate against a target, resolution
//! rate and time, categories, the complaint iceberg and service recovery.
//!
//! * complaint rate per order = tickets ÷ orders (cancelled orders excluded). Its Wilson 95%
//!   interval treats each ticket as one complaining order (tickets are capped at the number of
//!   orders for the interval); `orders_with_ticket` counts distinct orders named by tickets.
//! * complaint rate per customer = ordering customers with a ticket ÷ ordering customers
//!   (a ticket's customer is its `customer_id`, else its order's customer), Wilson.
//! * target (default 10%, 《如何从顾客满意到顾客信任》): `below` when the interval's upper bound is under the
//!   target, `above` when its lower bound is over it, `uncertain` otherwise.
//! * resolution rate = tickets with a resolved date ÷ tickets (Wilson); resolution time =
//!   resolved − opened in days over resolved tickets (median; mean with a Student t interval).
//! * iceberg: silent unhappy customers = complaining customers × `silent_per_complaint`;
//!   unhappy customers = complaining + silent; word-of-mouth reach = unhappy ×
//!   `people_told_per_unhappy`. These are rules of thumb, not measurements, and are reported
//!   with the assumptions used.
//! * service recovery: customers grouped by their first ticket (resolved by `as_of` or not)
//!   or none. Repurchase = an order dated after the reference date (first ticket's opening
//!   date; first order's date for customers without a ticket). Only customers whose reference
//!   date is at least `recovery_followup_days` before `as_of` count, so each had time to
//!   return. Each rate has a Wilson interval. This is a comparison of groups, not a causal
//!   effect: complainers differ from the rest in more ways than the handling.

use super::{median, Counted, Measure, SatUnit, SatisfactionOptions};
use crate::dataset::Ticket;
use crate::fast::Set;
use crate::model::{AsOrders, CustomerIndex, Keys, Orders};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// Adjustable multipliers of the complaint iceberg, with where they come from.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct IcebergAssumptions {
    /// Silent unhappy customers behind each complaining one.
    pub silent_per_complaint: f64,
    /// People an unhappy customer tells.
    pub people_told_per_unhappy: f64,
    /// Where the figures come from.
    pub source: String,
}

impl IcebergAssumptions {
    /// The source texts' figures: one complaint stands for 10+ silent unhappy customers (《電子商務下顧客滿意度及忠誠度的培養》,
    /// 《如何从顾客满意到顾客信任》); an unhappy customer influences 25+ people (《電子商務下顧客滿意度及忠誠度的培養》). Lower bounds, used as is.
    ///
    /// ```
    /// use loyalty_scorecard::metrics::satisfaction::complaints::IcebergAssumptions;
    /// let a = IcebergAssumptions::chinese_articles();
    /// assert_eq!((a.silent_per_complaint, a.people_told_per_unhappy), (10.0, 25.0));
    /// ```
    pub fn chinese_articles() -> IcebergAssumptions {
        IcebergAssumptions {
            silent_per_complaint: 10.0,
            people_told_per_unhappy: 25.0,
            source: "《如何从顾客满意到顾客信任》 and 《電子商務下顧客滿意度及忠誠度的培養》: 1 complaint stands for 10+ silent unhappy customers; \
                     1 unhappy customer influences 25+ people (lower bounds)"
                .into(),
        }
    }

    /// TARP's figures as commonly cited: only about 1 in 27 unhappy customers complains (26
    /// silent per complaint), and an unhappy customer tells 9-10 others (9 used). Source:
    /// Technical Assistance Research Programs (TARP), *Consumer Complaint Handling in
    /// America: An Update Study* (1986, for the U.S. Office of Consumer Affairs), as quoted in
    /// the service-quality literature; the original report is hard to obtain, so treat these
    /// as the conventional figures rather than a verified measurement.
    ///
    /// ```
    /// use loyalty_scorecard::metrics::satisfaction::complaints::IcebergAssumptions;
    /// assert_eq!(IcebergAssumptions::tarp().silent_per_complaint, 26.0);
    /// ```
    pub fn tarp() -> IcebergAssumptions {
        IcebergAssumptions {
            silent_per_complaint: 26.0,
            people_told_per_unhappy: 9.0,
            source: "TARP, Consumer Complaint Handling in America: An Update Study (1986), as commonly cited: \
                     1 in 27 unhappy customers complains; an unhappy customer tells 9-10 people"
                .into(),
        }
    }
}

/// The iceberg estimate and the assumptions behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Iceberg {
    /// Distinct customers who opened a ticket.
    pub complaining_customers: u64,
    /// complaining × silent_per_complaint.
    pub silent_unhappy_customers: f64,
    /// complaining + silent.
    pub unhappy_customers: f64,
    /// unhappy × people_told_per_unhappy.
    pub people_reached: f64,
    /// The multipliers used, with their source.
    pub assumptions: IcebergAssumptions,
}

/// Computes the iceberg for a number of complaining customers.
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::complaints::{iceberg, IcebergAssumptions};
/// let i = iceberg(4, &IcebergAssumptions::chinese_articles());
/// assert_eq!((i.silent_unhappy_customers, i.unhappy_customers, i.people_reached), (40.0, 44.0, 1100.0));
/// ```
pub fn iceberg(complaining_customers: u64, a: &IcebergAssumptions) -> Iceberg {
    let c = complaining_customers as f64;
    let silent = c * a.silent_per_complaint;
    Iceberg { complaining_customers, silent_unhappy_customers: silent, unhappy_customers: c + silent, people_reached: (c + silent) * a.people_told_per_unhappy, assumptions: a.clone() }
}

/// Where a rate stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    /// The whole 95% interval is under the target.
    Below,
    /// The whole 95% interval is over the target.
    Above,
    /// The interval contains the target (or there is no interval).
    Uncertain,
}

/// Tickets of one category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryCount {
    /// The category, or "uncategorised".
    pub category: String,
    /// Tickets in this category.
    pub tickets: u64,
    /// tickets / all tickets.
    pub share: f64,
}

/// Repurchase of one group of customers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecoveryGroup {
    /// "resolved", "unresolved" or "no_ticket".
    pub group: &'static str,
    /// Share of the group's customers with a later order, Wilson.
    pub repurchase_rate: Measure,
}

/// Complaint figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComplaintsReport {
    /// Tickets opened up to `as_of`.
    pub tickets: u64,
    /// Tickets ÷ orders, Wilson.
    pub rate_per_order: Measure,
    /// Distinct orders named by a ticket.
    pub orders_with_ticket: u64,
    /// Customers with a ticket ÷ customers, Wilson.
    pub rate_per_customer: Measure,
    /// Complaint-rate target (tickets per order).
    pub target: f64,
    /// `rate_per_order` against `target`.
    pub target_status: TargetStatus,
    /// Resolved tickets ÷ tickets, Wilson.
    pub resolution_rate: Measure,
    /// Days from opening to resolution, over resolved tickets.
    pub resolution_days_median: Measure,
    /// Mean days from opening to resolution, Student t interval.
    pub resolution_days_mean: Measure,
    /// Hours from opening to resolution, over the resolved tickets whose opening and
    /// resolution cells give a time of day (help desks export date-times), when most do: a
    /// ticket solved the same day is 0 days but some hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution_hours_median: Option<Measure>,
    /// Tickets resolved before they were opened (data error), left out of the times.
    pub resolved_before_opened: u64,
    /// Categories by count, descending.
    pub categories: Vec<CategoryCount>,
    /// Complaint iceberg estimate.
    pub iceberg: Iceberg,
    /// resolved, unresolved, no_ticket.
    pub recovery: Vec<RecoveryGroup>,
}

/// Where `rate` stands against `target`.
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::{complaints::{target_status, TargetStatus}, Counted, Measure};
/// assert_eq!(target_status(&Measure::proportion(5, 100, Counted::Orders), 0.10), TargetStatus::Uncertain);
/// assert_eq!(target_status(&Measure::proportion(5, 1000, Counted::Orders), 0.10), TargetStatus::Below);
/// ```
pub fn target_status(rate: &Measure, target: f64) -> TargetStatus {
    match &rate.interval {
        Some(ci) if ci.upper < target => TargetStatus::Below,
        Some(ci) if ci.lower > target => TargetStatus::Above,
        _ => TargetStatus::Uncertain,
    }
}

/// Complaint figures of `orders` (already without cancelled ones) and `tickets`.
///
/// # Edge cases
/// No orders: the rates are "not enough data". No tickets: rates 0, resolution figures "not
/// enough data".
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::{Order, Ticket};
/// use loyalty_scorecard::metrics::satisfaction::{complaints::complaints_report, SatisfactionOptions};
/// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
/// let orders = vec![Order::new("A", d(1, 1), 10.0), Order::new("B", d(1, 2), 10.0), Order::new("A", d(3, 1), 10.0)];
/// let t = Ticket { ticket_id: None, customer_id: Some("A".into()), order_id: None, opened: d(1, 5),
///     resolved: Some(d(1, 7)), category: Some("late".into()), first_response_hours: None, resolution_hours: None, row: 0 };
/// let r = complaints_report(&orders, &[t], d(6, 30), &SatisfactionOptions::default());
/// assert_eq!((r.rate_per_order.value, r.rate_per_customer.value), (Some(1.0 / 3.0), Some(0.5)));
/// assert_eq!(r.resolution_days_median.value, Some(2.0));
/// assert_eq!(r.recovery[0].repurchase_rate.value, Some(1.0)); // A bought again after the ticket
/// ```
pub fn complaints_report(orders: &(impl AsOrders + ?Sized), tickets: &[Ticket], as_of: NaiveDate, opts: &SatisfactionOptions) -> ComplaintsReport {
    let orders = orders.as_orders();
    let orders: &Orders = &orders;
    let keys = Keys::from_parts(orders, tickets.iter().filter_map(|t| t.customer_id.as_deref()));
    complaints_report_keyed(orders, &keys, &|_| true, tickets, &|i| i, as_of, opts)
}

/// [`complaints_report`] over the orders of `all` that pass `usable`, with the analysis's
/// [`Keys`] (which must name the tickets' customers); ticket `i` of `tickets` is ticket
/// `position(i)` of the keys' (their resolved order and customer are used when they have them).
pub(crate) fn complaints_report_keyed<'a>(
    all: &'a Orders,
    keys: &Keys<'a>,
    usable: &dyn Fn(usize) -> bool,
    tickets: &[Ticket],
    position: &dyn Fn(usize) -> usize,
    as_of: NaiveDate,
    opts: &SatisfactionOptions,
) -> ComplaintsReport {
    let index = CustomerIndex::build_at(all, keys, usable);
    let n_orders = index.len() as u64;
    let n_tickets = tickets.len() as u64;
    // Each ticket's usable order and its customer (its own id, else its order's customer).
    let ticket_order: Vec<Option<usize>> = tickets.iter().enumerate().map(|(i, t)| keys.ticket_order_where(position(i), t.order_id.as_deref(), usable)).collect();
    let ticket_customers: Vec<Option<u32>> = tickets
        .iter()
        .zip(&ticket_order)
        .enumerate()
        .map(|(i, (t, o))| match t.customer_id.as_deref() {
            Some(id) => keys.ticket_customer(position(i)).or_else(|| keys.customer(id)),
            None => o.map(|p| keys.customer_of(p)),
        })
        .collect();
    // Distinct orders named by a ticket (an id names one order: the last usable one).
    let orders_with_ticket = ticket_order.iter().flatten().collect::<Set<_>>().len() as u64;
    let complaining: Set<u32> = ticket_customers.iter().flatten().copied().collect();
    let with_orders = index.with_orders().count() as u64;
    let complaining_ordering = complaining.iter().filter(|c| !index.of(**c).is_empty()).count() as u64;
    let mut rate_per_order = Measure::proportion(n_tickets.min(n_orders), n_orders, Counted::Orders);
    if n_orders > 0 {
        rate_per_order.value = Some(n_tickets as f64 / n_orders as f64);
    }
    let rate_per_customer = Measure::proportion(complaining_ordering, with_orders, Counted::Customers);

    let resolved: Vec<&Ticket> = tickets.iter().filter(|t| t.resolved.is_some_and(|r| r <= as_of)).collect();
    let days: Vec<f64> = resolved.iter().map(|t| (t.resolved.expect("filtered") - t.opened).num_days() as f64).collect();
    let bad = days.iter().filter(|d| **d < 0.0).count() as u64;
    let days: Vec<f64> = days.into_iter().filter(|d| *d >= 0.0).collect();
    // Hours, when at least four in five resolved tickets have them.
    let hours: Vec<f64> = resolved.iter().filter_map(|t| t.resolution_hours).collect();
    let resolution_hours_median =
        (!hours.is_empty() && hours.len() * 5 >= resolved.len() * 4).then(|| median(&hours).map(|m| Measure::plain(m, SatUnit::Hours, hours.len() as u64, Counted::Tickets))).flatten();
    let resolution_days_median = match median(&days) {
        Some(m) => Measure::plain(m, SatUnit::Days, days.len() as u64, Counted::Tickets),
        None => Measure::not_enough(SatUnit::Days, 0, Counted::Tickets, crate::messages::Note::NoResolvedTickets),
    };

    let mut cats: BTreeMap<String, u64> = BTreeMap::new();
    for t in tickets {
        *cats.entry(t.category.as_deref().filter(|c| !c.trim().is_empty()).unwrap_or("uncategorised").to_string()).or_default() += 1;
    }
    let mut categories: Vec<CategoryCount> = cats.into_iter().map(|(category, k)| CategoryCount { category, tickets: k, share: k as f64 / n_tickets.max(1) as f64 }).collect();
    crate::fast::sort_stable(&mut categories, |a, b| b.tickets.cmp(&a.tickets).then_with(|| a.category.cmp(&b.category)));

    // Service recovery.
    let mut first_ticket: Vec<Option<&Ticket>> = vec![None; keys.customers()];
    for (t, c) in tickets.iter().zip(&ticket_customers) {
        if let Some(c) = *c {
            let e = &mut first_ticket[c as usize];
            if e.is_none_or(|f| t.opened < f.opened) {
                *e = Some(t);
            }
        }
    }
    let cutoff = as_of - chrono::Duration::days(opts.recovery_followup_days);
    let mut groups = [(0u64, 0u64); 3]; // (repurchased, customers): resolved, unresolved, none
    for c in index.with_orders() {
        let dates = index.of(c).iter().map(|i| all.dates()[*i as usize]);
        let (g, reference) = match first_ticket[c as usize] {
            Some(t) => (if t.resolved.is_some_and(|r| r <= as_of) { 0 } else { 1 }, t.opened),
            None => (2, all.dates()[index.of(c)[0] as usize]),
        };
        if reference > cutoff {
            continue;
        }
        groups[g].1 += 1;
        if dates.into_iter().any(|d| d > reference) {
            groups[g].0 += 1;
        }
    }
    let recovery = ["resolved", "unresolved", "no_ticket"].iter().zip(groups).map(|(group, (k, n))| RecoveryGroup { group, repurchase_rate: Measure::proportion(k, n, Counted::Customers) }).collect();

    ComplaintsReport {
        tickets: n_tickets,
        target: opts.complaint_rate_target,
        target_status: target_status(&rate_per_order, opts.complaint_rate_target),
        rate_per_order,
        orders_with_ticket,
        rate_per_customer,
        resolution_rate: Measure::proportion(resolved.len() as u64, n_tickets, Counted::Tickets),
        resolution_days_mean: Measure::mean(&days, SatUnit::Days, Counted::Tickets),
        resolution_days_median,
        resolution_hours_median,
        resolved_before_opened: bad,
        categories,
        iceberg: iceberg(complaining.len() as u64, &opts.iceberg),
        recovery,
    }
}
