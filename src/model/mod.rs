//! The keys every metric shares, built once per analysis: customer ids interned into dense
//! numbers, order ids resolved to their orders, and the customer index (each customer's
//! purchases sorted by day).
//!
//! Customers are numbered in ascending byte order of their ids, so a metric that walks customers
//! by number lists them exactly as a map sorted by id would, and outputs stay byte-identical
//! whatever order the rows came in. Metrics index arrays by these numbers instead of building
//! their own maps keyed by id strings.
//!
//! ```
//! use chrono::NaiveDate;
//! use loyalty_scorecard::dataset::{Dataset, Order};
//! use loyalty_scorecard::model::{CustomerIndex, Keys};
//! let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
//! let data = Dataset { orders: vec![Order::new("b", d(2, 1), 5.0), Order::new("a", d(1, 9), 7.0), Order::new("b", d(1, 3), 2.0)].into(), ..Dataset::default() };
//! let keys = Keys::new(&data);
//! assert_eq!((keys.customers(), keys.name(0), keys.customer("b")), (2, "a", Some(1)));
//! let index = CustomerIndex::purchases(&data, &keys, d(12, 31));
//! assert_eq!(index.of(1), &[2, 0]); // b's orders by day: rows 3 and 1 of the file
//! ```

mod orders;
pub mod reviews;
pub use orders::{AsOrders, Iter, Linked, OrderRef, Orders, Picked, Pool};
pub use reviews::{AsReviews, ReviewRef, Reviews};

use crate::dataset::{Dataset, OrderStatus};
use crate::fast::{Map, Numbers};
use chrono::NaiveDate;

/// Customer ids interned into dense numbers (ascending id order) and order ids resolved to the
/// position of their order in `Dataset::orders`.
#[derive(Debug, Clone)]
pub struct Keys<'a> {
    /// Customer ids, ascending bytes; a customer's number is its position here.
    names: Vec<&'a str>,
    /// Ids the orders' customer pool does not hold (reviews', tickets' and answers' own) ->
    /// their number before the ids were sorted, `pool.len()` on.
    extra: Numbers,
    /// Those ids, by that number less `pool.len()`.
    extra_names: Vec<&'a str>,
    /// Number before sorting (the pool's numbers, then the extras') -> number.
    renumber: Vec<u32>,
    orders: &'a Orders,
    /// The customer number of each order (aligned with `Dataset::orders`).
    order_customer: Vec<u32>,
    /// Per order-id number of the table's pool: the position of the last order with that id
    /// (as a map collected from the orders would keep).
    order_last: Vec<u32>,
    /// Every position of each order-id number that more than one order has (two files with the
    /// same order, say, its status changed in between), in file order.
    order_dups: Map<u32, Vec<u32>>,
    /// Per review (aligned with `Dataset::reviews`): the position of its order and the number
    /// of its own customer id ([`NONE`]: none).
    review_order: Vec<u32>,
    review_customer: Vec<u32>,
    /// Per ticket: the position of its order and the number of its own customer id.
    ticket_order: Vec<u32>,
    ticket_customer: Vec<u32>,
    /// Per survey response: the number of its customer id.
    response_customer: Vec<u32>,
}

/// "No order" / "no customer" in the resolved columns.
const NONE: u32 = u32::MAX;

fn some(v: u32) -> Option<usize> {
    (v != NONE).then_some(v as usize)
}

impl<'a> Keys<'a> {
    /// Interns the customers of every record (orders, reviews, tickets, survey answers) and the
    /// order ids of the orders. One hash lookup per id, one sort of the distinct customer ids.
    pub fn new(data: &'a Dataset) -> Keys<'a> {
        // The reviews' customers are looked up once per distinct id (a customer with several
        // reviews is one lookup): `slot` numbers the ids reviews name in first-seen order.
        let (numbers, pool) = (data.reviews.customer_numbers(), data.reviews.customer_pool());
        let mut slot = vec![NONE; pool.len()];
        let mut named: Vec<&'a str> = Vec::new();
        for &n in numbers {
            if n != NONE && slot[n as usize] == NONE {
                slot[n as usize] = named.len() as u32;
                named.push(pool.get(n));
            }
        }
        let distinct = named.len();
        let others = named.into_iter().chain(data.tickets.iter().filter_map(|t| t.customer_id.as_deref())).chain(data.survey.responses.iter().filter_map(|r| r.customer_id.as_deref()));
        let (mut keys, found) = Keys::build(&data.orders, others, true);
        let order = |id: Option<&str>| id.and_then(|id| keys.order(id)).map_or(NONE, |p| p as u32);
        let review_customer = numbers.iter().map(|&n| if n == NONE { NONE } else { keys.renumber[found[slot[n as usize] as usize] as usize] }).collect();
        // The tickets' and answers' customers, in the order `others` named them.
        let mut found = found[distinct..].iter().map(|old| keys.renumber[*old as usize]);
        let mut customer = |id: Option<&str>| id.map_or(NONE, |_| found.next().unwrap_or(NONE));
        let ticket_customer = data.tickets.iter().map(|t| customer(t.customer_id.as_deref())).collect();
        let response_customer = data.survey.responses.iter().map(|r| customer(r.customer_id.as_deref())).collect();
        let review_order = (0..data.reviews.len()).map(|i| order(data.reviews.order_id_at(i))).collect();
        let ticket_order = data.tickets.iter().map(|t| order(t.order_id.as_deref())).collect();
        keys.review_order = review_order;
        keys.review_customer = review_customer;
        keys.ticket_order = ticket_order;
        keys.ticket_customer = ticket_customer;
        keys.response_customer = response_customer;
        keys
    }

    /// The keys of `orders` and of the other records' customer ids. Unlike [`Keys::new`], no
    /// review, ticket or survey response is resolved (their `*_order` / `*_customer` lookups
    /// give `None`): for metrics that only see orders and look the rest up by id.
    pub fn from_parts(orders: &'a Orders, others: impl Iterator<Item = &'a str>) -> Keys<'a> {
        Keys::build(orders, others, false).0
    }

    /// [`Keys::from_parts`], and with `keep` the number before sorting of each of `others`,
    /// in their order.
    fn build(orders: &'a Orders, others: impl Iterator<Item = &'a str>, keep: bool) -> (Keys<'a>, Vec<u32>) {
        // The pool's customers keep their numbers (they are distinct, and the pool looks them
        // up); the other records' ids it does not hold are numbered after them.
        let pool = orders.customers();
        let mut extra = Numbers::with_capacity(16);
        let mut extra_names: Vec<&'a str> = Vec::new();
        let mut found = Vec::new();
        for id in others {
            let old = match pool.find(id) {
                Some(n) => n,
                None => {
                    let new = extra_names.len() as u32;
                    let (n, seen) = extra.get_or_insert(id, new, |n| extra_names[n as usize]);
                    let n = *n;
                    if !seen {
                        extra_names.push(id);
                    }
                    pool.len() as u32 + n
                }
            };
            if keep {
                found.push(old);
            }
        }
        let mut names: Vec<&'a str> = pool.iter().chain(extra_names.iter().copied()).collect();
        // Renumber in ascending id order.
        // Sorted by the ids' first 8 bytes as a number first (no pointer to follow per
        // comparison), then by the whole id where those are equal: byte order in the end.
        let mut by_prefix: Vec<(u64, u32)> = names.iter().enumerate().map(|(i, n)| (prefix(n), i as u32)).collect();
        by_prefix.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| names[a.1 as usize].cmp(names[b.1 as usize])));
        let by_name: Vec<u32> = by_prefix.into_iter().map(|(_, i)| i).collect();
        let mut renumber = vec![0u32; names.len()];
        for (new, old) in by_name.iter().enumerate() {
            renumber[*old as usize] = new as u32;
        }
        names = by_name.iter().map(|old| names[*old as usize]).collect();
        let order_customer: Vec<u32> = orders.customer_numbers().iter().map(|c| renumber[*c as usize]).collect();
        let mut order_last = vec![NONE; orders.order_ids().len()];
        let mut order_dups: Map<u32, Vec<u32>> = Map::default();
        for (i, &n) in orders.order_id_numbers().iter().enumerate() {
            if n == NONE {
                continue;
            }
            let last = &mut order_last[n as usize];
            if *last != NONE {
                order_dups.entry(n).or_insert_with(|| vec![*last]).push(i as u32);
            }
            *last = i as u32;
        }
        let keys = Keys {
            names,
            extra,
            extra_names,
            renumber,
            orders,
            order_customer,
            order_last,
            order_dups,
            review_order: Vec::new(),
            review_customer: Vec::new(),
            ticket_order: Vec::new(),
            ticket_customer: Vec::new(),
            response_customer: Vec::new(),
        };
        (keys, found)
    }

    /// How many distinct customer ids the records name.
    pub fn customers(&self) -> usize {
        self.names.len()
    }

    /// The id of customer number `c`.
    pub fn name(&self, c: u32) -> &'a str {
        self.names[c as usize]
    }

    /// The number of a customer id, when any record names it.
    pub fn customer(&self, id: &str) -> Option<u32> {
        let pool = self.orders.customers();
        let old = match pool.find(id) {
            Some(n) => n,
            None => pool.len() as u32 + self.extra.get(id, |n| self.extra_names[n as usize])?,
        };
        Some(self.renumber[old as usize])
    }

    /// The customer number of the order at `position` in `Dataset::orders`.
    pub fn customer_of(&self, position: usize) -> u32 {
        self.order_customer[position]
    }

    /// The position in `Dataset::orders` of the order with this id.
    pub fn order(&self, id: &str) -> Option<usize> {
        let n = self.orders.order_ids().find(id)?;
        some(self.order_last[n as usize])
    }

    /// Whether more than one order has this id.
    fn duplicated(&self, id: &str) -> bool {
        !self.order_dups.is_empty() && self.orders.order_ids().find(id).is_some_and(|n| self.order_dups.contains_key(&n))
    }

    /// The position of the last order with this id that passes `keep` (a metric's own rule:
    /// completed, not cancelled …). With one order per id, that order if it passes.
    pub fn order_where(&self, id: &str, keep: impl Fn(usize) -> bool) -> Option<usize> {
        let all = if self.order_dups.is_empty() { None } else { self.orders.order_ids().find(id).and_then(|n| self.order_dups.get(&n)) };
        match all {
            Some(all) => all.iter().rev().map(|p| *p as usize).find(|p| keep(*p)),
            None => self.order(id).filter(|p| keep(*p)),
        }
    }

    /// [`Keys::order_where`] for review `i` whose order id is `id`: its resolved order when the
    /// id is unique, else the last order with the id that passes `keep`.
    pub fn review_order_where(&self, i: usize, id: Option<&str>, keep: impl Fn(usize) -> bool) -> Option<usize> {
        let id = id?;
        if i < self.review_order.len() && !self.duplicated(id) {
            return self.review_order(i).filter(|p| keep(*p));
        }
        self.order_where(id, keep)
    }

    /// [`Keys::review_order_where`] for ticket `i`.
    pub fn ticket_order_where(&self, i: usize, id: Option<&str>, keep: impl Fn(usize) -> bool) -> Option<usize> {
        let id = id?;
        if i < self.ticket_order.len() && !self.duplicated(id) {
            return self.ticket_order(i).filter(|p| keep(*p));
        }
        self.order_where(id, keep)
    }

    /// The position of the order of review `i` of `Dataset::reviews` (keys made by
    /// [`Keys::new`]; `None` for keys from parts).
    pub fn review_order(&self, i: usize) -> Option<usize> {
        self.review_order.get(i).copied().and_then(some)
    }

    /// The number of the customer id of review `i` (its own id, not its order's).
    pub fn review_customer(&self, i: usize) -> Option<u32> {
        self.review_customer.get(i).copied().and_then(some).map(|c| c as u32)
    }

    /// The position of the order of ticket `i` of `Dataset::tickets`.
    pub fn ticket_order(&self, i: usize) -> Option<usize> {
        self.ticket_order.get(i).copied().and_then(some)
    }

    /// The number of the customer id of ticket `i` (its own id, not its order's).
    pub fn ticket_customer(&self, i: usize) -> Option<u32> {
        self.ticket_customer.get(i).copied().and_then(some).map(|c| c as u32)
    }

    /// How many reviews were resolved (all of `Dataset::reviews` for [`Keys::new`], none for
    /// [`Keys::from_parts`]).
    pub fn resolved_reviews(&self) -> usize {
        self.review_order.len()
    }

    /// The number of the customer id of survey response `i`.
    pub fn response_customer(&self, i: usize) -> Option<u32> {
        self.response_customer.get(i).copied().and_then(some).map(|c| c as u32)
    }
}

/// The first 8 bytes of `s`, zero-padded, as a big-endian number: comparing these compares the
/// strings' beginnings in byte order.
pub(crate) fn prefix(s: &str) -> u64 {
    let mut b = [0u8; 8];
    let n = s.len().min(8);
    b[..n].copy_from_slice(&s.as_bytes()[..n]);
    u64::from_be_bytes(b)
}

/// Orders grouped by customer number, each customer's sorted by (date, file row): positions
/// into `Dataset::orders`, one array and its offsets.
#[derive(Debug, Clone)]
pub struct CustomerIndex {
    offsets: Vec<u32>,
    orders: Vec<u32>,
}

impl CustomerIndex {
    /// The end of each customer's orders in [`CustomerIndex::positions`].
    pub(crate) fn ends(&self) -> &[u32] {
        &self.offsets[1..]
    }

    /// Every customer's orders, one after another.
    pub(crate) fn positions(&self) -> &[u32] {
        &self.orders
    }

    /// The purchases: completed orders dated on or before `as_of`.
    pub fn purchases(data: &Dataset, keys: &Keys, as_of: NaiveDate) -> CustomerIndex {
        let (status, dates) = (data.orders.statuses(), data.orders.dates());
        CustomerIndex::build_at(&data.orders, keys, |i| status[i] == OrderStatus::Completed && dates[i] <= as_of)
    }

    /// The orders that pass `keep`, grouped by customer (a counting sort) and sorted by (date,
    /// row) within each customer; ties keep the order of `Dataset::orders`.
    pub fn build(all: &Orders, keys: &Keys, keep: impl Fn(&OrderRef) -> bool) -> CustomerIndex {
        CustomerIndex::build_at(all, keys, |i| keep(&all.get(i)))
    }

    /// [`CustomerIndex::build`] with the rule given the order's position (to read columns).
    pub fn build_at(all: &Orders, keys: &Keys, keep: impl Fn(usize) -> bool) -> CustomerIndex {
        let n = keys.customers();
        let mut offsets = vec![0u32; n + 1];
        let kept: Vec<u32> = (0..all.len() as u32).filter(|i| keep(*i as usize)).collect();
        for &i in &kept {
            offsets[keys.customer_of(i as usize) as usize + 1] += 1;
        }
        for c in 0..n {
            offsets[c + 1] += offsets[c];
        }
        let mut next = offsets.clone();
        let mut orders = vec![0u32; kept.len()];
        for &i in &kept {
            let c = keys.customer_of(i as usize) as usize;
            orders[next[c] as usize] = i;
            next[c] += 1;
        }
        for c in 0..n {
            let slice = &mut orders[offsets[c] as usize..offsets[c + 1] as usize];
            if slice.len() > 1 {
                let (dates, rows) = (all.dates(), all.rows());
                slice.sort_by_key(|i| (dates[*i as usize], rows[*i as usize]));
            }
        }
        CustomerIndex { offsets, orders }
    }

    /// Customer `c`'s orders (positions in `Dataset::orders`), by (date, row).
    pub fn of(&self, c: u32) -> &[u32] {
        &self.orders[self.offsets[c as usize] as usize..self.offsets[c as usize + 1] as usize]
    }

    /// Customer numbers with at least one order in the index, ascending (= by id).
    pub fn with_orders(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.offsets.len().saturating_sub(1) as u32).filter(|c| self.offsets[*c as usize] < self.offsets[*c as usize + 1])
    }

    /// How many orders the index holds.
    pub fn len(&self) -> usize {
        self.orders.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.orders.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Order;
    use crate::dataset::{Review, Ticket};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Orders with ids of every length (shared 8-byte prefixes, empty, non-ASCII), several
    /// statuses, same-day orders and duplicate order ids, from a small deterministic generator.
    fn messy_orders(n: usize) -> Vec<Order> {
        let ids = ["", "a", "ab", "abcdefgh", "abcdefghi", "abcdefgh\u{0}", "Zed", "张三", "zz", "abcdefgg", "10", "9"];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        (0..n)
            .map(|i| {
                let mut o = Order::new(ids[next(ids.len() as u64) as usize], d("2024-01-01") + chrono::Duration::days(next(90) as i64), next(500) as f64 / 4.0);
                o.order_id = (next(5) > 0).then(|| format!("#{}", next(n as u64)).into());
                o.status = match next(10) {
                    0 => OrderStatus::Cancelled,
                    1 => OrderStatus::Refunded,
                    _ => OrderStatus::Completed,
                };
                o.row = i + 2;
                o
            })
            .collect()
    }

    #[test]
    fn customers_are_numbered_in_byte_order_of_their_ids() {
        let data = Dataset { orders: messy_orders(400).into(), ..Dataset::default() };
        let keys = Keys::new(&data);
        let mut ids: Vec<&str> = data.orders.iter().map(|o| o.customer_id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(keys.customers(), ids.len());
        for (c, id) in ids.iter().enumerate() {
            assert_eq!(keys.name(c as u32), *id);
            assert_eq!(keys.customer(id), Some(c as u32));
        }
        for (i, o) in data.orders.iter().enumerate() {
            assert_eq!(keys.name(keys.customer_of(i)), o.customer_id);
        }
        assert_eq!(keys.customer("nobody"), None);
    }

    #[test]
    fn order_ids_resolve_to_the_last_order_with_the_id() {
        let data = Dataset { orders: messy_orders(300).into(), ..Dataset::default() };
        let keys = Keys::new(&data);
        for o in &data.orders {
            if let Some(id) = o.order_id {
                let last = data.orders.iter().rposition(|p| p.order_id == Some(id));
                assert_eq!(keys.order(id), last);
            }
        }
    }

    #[test]
    fn reviews_tickets_and_answers_are_resolved_once() {
        let mut o1 = Order::new("A", d("2024-01-02"), 10.0);
        o1.order_id = Some("#1".into());
        let review = |order: Option<&str>, customer: Option<&str>| Review {
            review_id: None,
            order_id: order.map(Into::into),
            customer_id: customer.map(Into::into),
            product: None,
            rating: 5.0,
            date: None,
            text: None,
            row: 0,
        };
        let ticket = Ticket {
            ticket_id: None,
            customer_id: Some("C".into()),
            order_id: Some("#9".into()),
            opened: d("2024-01-03"),
            resolved: None,
            category: None,
            first_response_hours: None,
            resolution_hours: None,
            row: 0,
        };
        let data = Dataset { orders: vec![o1].into(), reviews: vec![review(Some("#1"), None), review(Some("#2"), Some("B")), review(None, None)].into(), tickets: vec![ticket], ..Dataset::default() };
        let keys = Keys::new(&data);
        // A, B (a reviewer without orders) and C (a ticket's customer) are all numbered.
        assert_eq!((keys.customers(), keys.customer("B"), keys.customer("C")), (3, Some(1), Some(2)));
        assert_eq!((keys.review_order(0), keys.review_customer(0)), (Some(0), None));
        assert_eq!((keys.review_order(1), keys.review_customer(1)), (None, Some(1)));
        assert_eq!((keys.review_order(2), keys.review_customer(2)), (None, None));
        assert_eq!((keys.ticket_order(0), keys.ticket_customer(0)), (None, Some(2)));
        assert_eq!(keys.resolved_reviews(), 3);
        assert_eq!(Keys::from_parts(&data.orders, std::iter::empty()).resolved_reviews(), 0);
    }

    #[test]
    fn a_duplicated_order_id_links_to_the_last_order_a_metric_can_use() {
        // Two exports with the same order: completed in the first, cancelled in the second.
        let mut first = Order::new("A", d("2024-01-02"), 10.0);
        first.order_id = Some("#1".into());
        let mut again = Order { status: OrderStatus::Cancelled, ..first.clone() };
        again.date = d("2024-01-05");
        let review = Review { review_id: None, order_id: Some("#1".into()), customer_id: None, product: None, rating: 5.0, date: None, text: None, row: 0 };
        let data = Dataset { orders: vec![first, again].into(), reviews: vec![review].into(), ..Dataset::default() };
        let keys = Keys::new(&data);
        let completed = |p: usize| data.orders.get(p).status == OrderStatus::Completed;
        assert_eq!(keys.order("#1"), Some(1));
        assert_eq!(keys.order_where("#1", completed), Some(0));
        assert_eq!(keys.review_order_where(0, Some("#1"), completed), Some(0));
        assert_eq!(keys.order_where("#1", |_| false), None);
        // The review reaches customer A through the completed copy.
        let rows = crate::metrics::trust::trust_layers(&data, d("2024-06-30"), &Default::default(), &Default::default());
        assert_eq!(rows[0].layer, crate::metrics::trust::Layer::Satisfied);
    }

    #[test]
    fn the_index_groups_purchases_by_customer_sorted_by_date_and_row() {
        let data = Dataset { orders: messy_orders(500).into(), ..Dataset::default() };
        let keys = Keys::new(&data);
        let as_of = d("2024-02-15");
        let index = CustomerIndex::purchases(&data, &keys, as_of);
        let mut seen = 0;
        for c in 0..keys.customers() as u32 {
            let of = index.of(c);
            let mut want: Vec<u32> = (0..data.orders.len() as u32)
                .filter(|i| {
                    let o = data.orders.get(*i as usize);
                    keys.customer_of(*i as usize) == c && o.status == OrderStatus::Completed && o.date <= as_of
                })
                .collect();
            want.sort_by_key(|i| (data.orders.get(*i as usize).date, data.orders.get(*i as usize).row));
            assert_eq!(of, &want[..]);
            seen += of.len();
            assert_eq!(index.with_orders().any(|x| x == c), !of.is_empty());
        }
        assert_eq!(seen, index.len());
    }

    #[test]
    fn indexed_twins_equal_the_originals() {
        use crate::metrics::clv::{summarize, TimeUnit};
        let data = Dataset { orders: messy_orders(600).into(), ..Dataset::default() };
        let keys = Keys::new(&data);
        let completed = CustomerIndex::build(&data.orders, &keys, |o| o.status == OrderStatus::Completed);
        for (cal, unit) in [(d("2024-02-10"), TimeUnit::Week), (d("2024-03-31"), TimeUnit::Day), (d("2023-12-01"), TimeUnit::Month)] {
            let a = summarize(&data.orders, cal, unit);
            let (b, numbers) = crate::metrics::clv::summary::summarize_indexed(&data.orders, &keys, &completed, cal, unit);
            assert_eq!(a, b, "summary at {cal}");
            assert!(b.customers.iter().zip(&numbers).all(|(c, n)| c.customer_id == keys.name(*n)), "numbers at {cal}");
            // The holdout purchases looked up in the index agree with those grouped by id.
            use crate::metrics::clv::validation::{validate, validate_from, Holdout};
            let model = crate::metrics::clv::bgnbd::BgNbd { r: 0.5, alpha: 3.0, a: 0.8, b: 2.5 };
            let end = cal + chrono::Duration::days(60);
            let by_id = validate(&model, &b, &data.orders, end);
            let indexed = validate_from(&model, &b, Holdout::Indexed { orders: &data.orders, completed: &completed, numbers: &numbers }, end);
            assert_eq!(format!("{by_id:?}"), format!("{indexed:?}"), "validation at {cal}");
        }
        let as_of = d("2024-02-20");
        let purchases = CustomerIndex::purchases(&data, &keys, as_of);
        let opts = crate::metrics::loyalty::LoyaltyOptions::default();
        let a = crate::metrics::loyalty::analyze_loyalty(&data.orders, as_of, &opts);
        let b = crate::metrics::loyalty::analyze_loyalty_indexed(&data.orders, &keys, &purchases, as_of, &opts);
        assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    }
}
