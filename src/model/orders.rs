//! The order table: one column per field, with ids and labels interned.
//!
//! A million orders as `Order` structs took about 170 bytes each (five inline strings, options
//! of dates and numbers); here an order is about 45 bytes of columns plus its interned strings,
//! which repeat customers and repeated codes, currencies and products share.
//!
//! Metrics read an order through [`OrderRef`], a row view with the same field names as
//! [`Order`] (strings borrowed from the table), or a whole column at once ([`Orders::dates`],
//! [`Orders::totals`], [`Orders::statuses`], [`Orders::customer_numbers`]).
//!
//! ```
//! use chrono::NaiveDate;
//! use loyalty_scorecard::dataset::Order;
//! use loyalty_scorecard::model::Orders;
//! let d = NaiveDate::from_ymd_opt(2024, 1, 5).unwrap();
//! let orders: Orders = vec![Order::new("a@x.com", d, 10.0), Order::new("b@x.com", d, 5.0), Order::new("a@x.com", d, 2.5)].into();
//! assert_eq!((orders.len(), orders.get(2).customer_id, orders.get(1).total), (3, "a@x.com", 5.0));
//! // Customers are interned in the order they first appear.
//! assert_eq!(orders.customer_numbers(), &[0, 1, 0]);
//! assert_eq!(orders.iter().map(|o| o.total).sum::<f64>(), 17.5);
//! ```

use crate::dataset::{Order, OrderStatus, Text};
use crate::fast::Numbers;
use chrono::NaiveDate;
use serde::Serialize;

/// Distinct strings, each stored once in one buffer and numbered from 0 in the order they were
/// first interned.
///
/// While the strings come in strictly rising (or strictly falling) order of (length, bytes), as
/// the order ids of an export sorted by order number do, none can repeat an earlier one except
/// the one just before, so they are appended without hashing; the hash table is built from all
/// of them once that order breaks or a string is looked up ([`Pool::find`]). A million order ids
/// spend most of their interning time waiting on the table's memory.
#[derive(Clone, Default)]
pub struct Pool {
    bytes: String,
    /// End of string `n` in `bytes` (its start is the end of `n - 1`).
    ends: Vec<usize>,
    /// The table; unset while every string so far is in [`Sorted`] order.
    at: std::sync::OnceLock<Numbers>,
    /// The number last interned, plus one (0: none): a file's rows often repeat the previous
    /// row's value (a currency, a customer's line items), found without hashing.
    last: u32,
    sorted: Sorted,
    /// Room asked for by [`Pool::reserve`], for the table when it is built.
    room: usize,
}

/// The order of a pool's strings so far, by (length, bytes).
#[derive(Clone, Copy, Default, PartialEq, Debug)]
enum Sorted {
    /// At most one string.
    #[default]
    Unknown,
    Rising,
    Falling,
}

#[inline]
fn text_of<'p>(bytes: &'p str, ends: &[usize], n: u32) -> &'p str {
    let n = n as usize;
    let start = if n == 0 { 0 } else { ends[n - 1] };
    &bytes[start..ends[n]]
}

/// (length, bytes) order: a strict total order on strings, so a strictly monotonic run of
/// strings holds no string twice.
#[inline]
fn key_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.as_bytes().cmp(b.as_bytes()))
}

impl Pool {
    /// The number of `s`, interning it when new.
    pub fn intern(&mut self, s: &str) -> u32 {
        if self.last > 0 && self.get(self.last - 1) == s {
            return self.last - 1;
        }
        if self.at.get().is_none() {
            if let Some(n) = self.append_sorted(s) {
                self.last = n + 1;
                return n;
            }
        }
        let room = self.room;
        let Pool { bytes, ends, at, last, .. } = self;
        let table = Self::table_mut(at, bytes, ends, room);
        let new = ends.len() as u32;
        let (n, seen) = table.get_or_insert(s, new, |n| text_of(bytes, ends, n));
        let n = *n;
        if !seen {
            bytes.push_str(s);
            ends.push(bytes.len());
        }
        *last = n + 1;
        n
    }

    /// Appends `s` when it keeps the pool's strings in [`Sorted`] order (so it is new) and
    /// gives its number; `None` when it would break that order.
    fn append_sorted(&mut self, s: &str) -> Option<u32> {
        let n = self.ends.len() as u32;
        if n > 0 {
            let order = key_order(s, self.get(n - 1));
            let sorted = match (self.sorted, order) {
                (Sorted::Unknown | Sorted::Rising, std::cmp::Ordering::Greater) => Sorted::Rising,
                (Sorted::Unknown | Sorted::Falling, std::cmp::Ordering::Less) => Sorted::Falling,
                _ => return None,
            };
            self.sorted = sorted;
        }
        self.bytes.push_str(s);
        self.ends.push(self.bytes.len());
        Some(n)
    }

    /// The table, built from every string so far when there is none yet.
    fn table_mut<'t>(at: &'t mut std::sync::OnceLock<Numbers>, bytes: &str, ends: &[usize], room: usize) -> &'t mut Numbers {
        if at.get().is_none() {
            let _ = at.set(Self::build(bytes, ends, room));
        }
        at.get_mut().expect("the table was just set")
    }

    /// A table of the `ends.len()` distinct strings in `bytes`, with room for `room` in all.
    fn build(bytes: &str, ends: &[usize], room: usize) -> Numbers {
        let mut t = Numbers::with_capacity(room.max(ends.len()));
        for n in 0..ends.len() as u32 {
            t.insert_new(text_of(bytes, ends, n), n, |k| text_of(bytes, ends, k));
        }
        t
    }

    /// The string numbered `n`.
    #[inline]
    pub fn get(&self, n: u32) -> &str {
        text_of(&self.bytes, &self.ends, n)
    }

    /// The number of `s`, when interned.
    pub fn find(&self, s: &str) -> Option<u32> {
        self.table().get(s, |n| text_of(&self.bytes, &self.ends, n))
    }

    /// Whether `s` is interned. While no table is built and the strings are in rising (or falling) order, a
    /// string that would continue that order cannot be among them: answered by one comparison,
    /// so checking each new id of a file sorted by id (a review export) for a repeat keeps the
    /// pool's fast path.
    pub fn contains(&self, s: &str) -> bool {
        let n = self.ends.len() as u32;
        if self.at.get().is_none() {
            if n == 0 {
                return false;
            }
            match (self.sorted, key_order(s, self.get(n - 1))) {
                (_, std::cmp::Ordering::Equal) => return true,
                // At most one string, and not this one.
                (Sorted::Unknown, _) => return false,
                (Sorted::Rising, std::cmp::Ordering::Greater) | (Sorted::Falling, std::cmp::Ordering::Less) => return false,
                _ => {}
            }
        }
        self.find(s).is_some()
    }

    /// Builds the lookup table now, when there is none yet (so that another thread can build it
    /// while this one does something else; [`Pool::find`] waits for it).
    pub fn index(&self) {
        self.table();
    }

    /// The lookup table, built from every string so far when there is none yet.
    fn table(&self) -> &Numbers {
        self.at.get_or_init(|| Self::build(&self.bytes, &self.ends, 0))
    }

    /// How many distinct strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Every string, by number.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.ends.len() as u32).map(move |n| self.get(n))
    }

    /// Appends `s`, known not to be in the pool yet, and gives its number.
    fn push_new(&mut self, s: &str) -> u32 {
        if self.at.get().is_none() {
            if let Some(n) = self.append_sorted(s) {
                return n;
            }
        }
        let room = self.room;
        let Pool { bytes, ends, at, .. } = self;
        let table = Self::table_mut(at, bytes, ends, room);
        let new = ends.len() as u32;
        table.insert_new(s, new, |n| text_of(bytes, ends, n));
        bytes.push_str(s);
        ends.push(bytes.len());
        new
    }

    fn reserve(&mut self, n: usize) {
        self.room = self.ends.len() + n;
        if let Some(t) = self.at.get_mut() {
            t.reserve(n, |k| Numbers::hash(text_of(&self.bytes, &self.ends, k)));
        }
        self.ends.reserve(n);
    }

    fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// "None" in a column of interned numbers.
const NONE: u32 = u32::MAX;

/// Numbers of one pool carried over to a new pool that holds only the strings still used,
/// numbered in the order they are first carried: what interning the kept rows again would
/// give, without hashing a string more than once.
struct Renumber<'p> {
    from: &'p Pool,
    to: Pool,
    map: Vec<u32>,
}

impl<'p> Renumber<'p> {
    fn new(from: &'p Pool) -> Renumber<'p> {
        Renumber { from, to: Pool::default(), map: vec![NONE; from.len()] }
    }

    fn number(&mut self, n: u32) -> u32 {
        if n == NONE {
            return NONE;
        }
        let m = &mut self.map[n as usize];
        if *m == NONE {
            *m = self.to.push_new(self.from.get(n));
        }
        *m
    }
}

/// One order seen through the table: the fields of [`Order`], strings borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct OrderRef<'a> {
    pub order_id: Option<&'a str>,
    pub customer_id: &'a str,
    pub date: NaiveDate,
    pub total: f64,
    pub currency: Option<&'a str>,
    pub discount_code: Option<&'a str>,
    pub promised_days: Option<f64>,
    pub delivered: Option<NaiveDate>,
    pub product: Option<&'a str>,
    pub status: OrderStatus,
    pub row: usize,
}

impl OrderRef<'_> {
    /// Days from order to delivery, when delivered.
    pub fn delivery_days(&self) -> Option<f64> {
        self.delivered.map(|d| (d - self.date).num_days() as f64)
    }

    /// The order as an owned record.
    pub fn to_order(&self) -> Order {
        Order {
            order_id: self.order_id.map(Text::from),
            customer_id: Text::from(self.customer_id),
            date: self.date,
            total: self.total,
            currency: self.currency.map(Text::from),
            discount_code: self.discount_code.map(Text::from),
            promised_days: self.promised_days,
            delivered: self.delivered,
            product: self.product.map(Text::from),
            status: self.status,
            row: self.row,
        }
    }
}

/// Orders as columns. Built by pushing [`Order`]s (or from a `Vec<Order>`); read by row
/// ([`Orders::get`], [`Orders::iter`]) or by column.
#[derive(Clone, Default)]
pub struct Orders {
    customers: Pool,
    customer: Vec<u32>,
    order_ids: Pool,
    order_id: Vec<u32>,
    /// Currencies, discount codes and products.
    labels: Pool,
    currency: Vec<u32>,
    discount_code: Vec<u32>,
    product: Vec<u32>,
    date: Vec<NaiveDate>,
    total: Vec<f64>,
    /// NaN: not known.
    promised_days: Vec<f64>,
    delivered: Vec<Option<NaiveDate>>,
    status: Vec<OrderStatus>,
    row: Vec<u32>,
    /// Completed orders without any customer key (no e-mail, id, phone or name: an anonymous
    /// point-of-sale sale, a relay address): their day and total only. They count in the
    /// orders and the revenue, never in a customer-level figure, so they are not rows.
    unkeyed: Vec<(NaiveDate, f64)>,
}

fn number(pool: &mut Pool, s: Option<&str>) -> u32 {
    s.map_or(NONE, |s| pool.intern(s))
}

#[inline]
fn text(pool: &Pool, n: u32) -> Option<&str> {
    (n != NONE).then(|| pool.get(n))
}

impl Orders {
    /// An empty table.
    pub fn new() -> Orders {
        Orders::default()
    }

    /// How many orders.
    pub fn len(&self) -> usize {
        self.date.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.date.is_empty()
    }

    /// Room for `n` more orders (ids: about one customer per two orders, one id per order).
    pub fn reserve(&mut self, n: usize) {
        self.customers.reserve(n / 2);
        self.order_ids.reserve(n);
        self.customer.reserve(n);
        self.order_id.reserve(n);
        self.currency.reserve(n);
        self.discount_code.reserve(n);
        self.product.reserve(n);
        self.date.reserve(n);
        self.total.reserve(n);
        self.promised_days.reserve(n);
        self.delivered.reserve(n);
        self.status.reserve(n);
        self.row.reserve(n);
    }

    /// Appends one order given as a row view.
    pub fn push_ref(&mut self, o: OrderRef<'_>) {
        let id = number(&mut self.order_ids, o.order_id);
        self.push_with_id(o, id);
    }

    /// The number of an order id (interned when new), for a reader that looks an id up before
    /// it knows whether the row becomes an order: pass it to [`Orders::push_with_id`].
    pub fn intern_order_id(&mut self, id: &str) -> u32 {
        self.order_ids.intern(id)
    }

    /// [`Orders::push_ref`] with the order id already interned (`u32::MAX`: none; the view's
    /// `order_id` is not read).
    pub fn push_with_id(&mut self, o: OrderRef<'_>, order_id: u32) {
        self.customer.push(self.customers.intern(o.customer_id));
        self.order_id.push(order_id);
        self.currency.push(number(&mut self.labels, o.currency));
        self.discount_code.push(number(&mut self.labels, o.discount_code));
        self.product.push(number(&mut self.labels, o.product));
        self.date.push(o.date);
        self.total.push(o.total);
        self.promised_days.push(o.promised_days.unwrap_or(f64::NAN));
        self.delivered.push(o.delivered);
        self.status.push(o.status);
        self.row.push(u32::try_from(o.row).unwrap_or(u32::MAX));
    }

    /// Appends one owned order.
    pub fn push(&mut self, o: Order) {
        self.push_order(&o);
    }

    /// Appends one owned order, by reference.
    pub fn push_order(&mut self, o: &Order) {
        self.push_ref(OrderRef {
            order_id: o.order_id.as_deref(),
            customer_id: &o.customer_id,
            date: o.date,
            total: o.total,
            currency: o.currency.as_deref(),
            discount_code: o.discount_code.as_deref(),
            promised_days: o.promised_days,
            delivered: o.delivered,
            product: o.product.as_deref(),
            status: o.status,
            row: o.row,
        });
    }

    /// Order `i` (panics beyond [`Orders::len`], as slice indexing does).
    #[inline]
    pub fn get(&self, i: usize) -> OrderRef<'_> {
        let p = self.promised_days[i];
        OrderRef {
            order_id: text(&self.order_ids, self.order_id[i]),
            customer_id: self.customers.get(self.customer[i]),
            date: self.date[i],
            total: self.total[i],
            currency: text(&self.labels, self.currency[i]),
            discount_code: text(&self.labels, self.discount_code[i]),
            promised_days: (!p.is_nan()).then_some(p),
            delivered: self.delivered[i],
            product: text(&self.labels, self.product[i]),
            status: self.status[i],
            row: self.row[i] as usize,
        }
    }

    /// Every order, in table order.
    pub fn iter(&self) -> Iter<'_> {
        Iter { orders: self, range: 0..self.len() }
    }

    /// The orders as owned records.
    pub fn to_vec(&self) -> Vec<Order> {
        self.iter().map(|o| o.to_order()).collect()
    }

    /// The orders for which `keep(i)` holds, in order, as a new table.
    pub fn select(&self, mut keep: impl FnMut(usize) -> bool) -> Orders {
        let mut out = Orders::new();
        let mut customers = Renumber::new(&self.customers);
        let mut order_ids = Renumber::new(&self.order_ids);
        let mut labels = Renumber::new(&self.labels);
        for i in 0..self.len() {
            if keep(i) {
                out.order_id.push(order_ids.number(self.order_id[i]));
                out.customer.push(customers.number(self.customer[i]));
                out.currency.push(labels.number(self.currency[i]));
                out.discount_code.push(labels.number(self.discount_code[i]));
                out.product.push(labels.number(self.product[i]));
                out.date.push(self.date[i]);
                out.total.push(self.total[i]);
                out.promised_days.push(self.promised_days[i]);
                out.delivered.push(self.delivered[i]);
                out.status.push(self.status[i]);
                out.row.push(self.row[i]);
            }
        }
        (out.customers, out.order_ids, out.labels) = (customers.to, order_ids.to, labels.to);
        // The orders without a customer are not rows: a selection carries them as they are
        // (a date range keeps its own with `retain_unkeyed`).
        out.unkeyed = self.unkeyed.clone();
        out.shrink_to_fit();
        out
    }

    /// A completed order without any customer key: counted in the orders and the revenue.
    pub fn push_unkeyed(&mut self, date: NaiveDate, total: f64) {
        self.unkeyed.push((date, total));
    }

    /// The completed orders without a customer key (day, total).
    pub fn unkeyed(&self) -> &[(NaiveDate, f64)] {
        &self.unkeyed
    }

    /// Keeps the orders without a customer key whose day passes `keep`.
    pub fn retain_unkeyed(&mut self, keep: impl Fn(NaiveDate) -> bool) {
        self.unkeyed.retain(|(d, _)| keep(*d));
    }

    /// Keeps the orders for which `keep` holds.
    pub fn retain(&mut self, mut keep: impl FnMut(&OrderRef<'_>) -> bool) {
        let flags: Vec<bool> = self.iter().map(|o| keep(&o)).collect();
        if flags.iter().all(|k| *k) {
            return;
        }
        *self = self.select(|i| flags[i]);
    }

    /// Appends every order of `more` (moved when this table is empty).
    pub fn append(&mut self, mut more: Orders) {
        if self.is_empty() {
            more.unkeyed.splice(0..0, self.unkeyed.drain(..));
            *self = more;
        } else {
            for o in more.iter() {
                self.push_ref(o);
            }
            self.unkeyed.append(&mut more.unkeyed);
        }
    }

    /// Sets the status of order `i`.
    pub fn set_status(&mut self, i: usize, status: OrderStatus) {
        self.status[i] = status;
    }

    /// Adds `amount` to the total of order `i` (a further line of the order).
    /// Sets the total of order `i`.
    pub fn set_total(&mut self, i: usize, amount: f64) {
        self.total[i] = amount;
    }

    pub fn add_to_total(&mut self, i: usize, amount: f64) {
        self.total[i] += amount;
    }

    /// Adds `amount` to the total of the `i`-th order without a customer key (a further line
    /// of it).
    pub fn add_to_unkeyed(&mut self, i: usize, amount: f64) {
        self.unkeyed[i].1 += amount;
    }

    /// Sets the product of order `i`.
    pub fn set_product(&mut self, i: usize, product: Option<&str>) {
        self.product[i] = number(&mut self.labels, product);
    }

    /// Gives back spare capacity.
    pub fn shrink_to_fit(&mut self) {
        self.customers.shrink_to_fit();
        self.order_ids.shrink_to_fit();
        self.labels.shrink_to_fit();
        self.customer.shrink_to_fit();
        self.order_id.shrink_to_fit();
        self.currency.shrink_to_fit();
        self.discount_code.shrink_to_fit();
        self.product.shrink_to_fit();
        self.date.shrink_to_fit();
        self.total.shrink_to_fit();
        self.promised_days.shrink_to_fit();
        self.delivered.shrink_to_fit();
        self.status.shrink_to_fit();
        self.row.shrink_to_fit();
    }

    /// The order dates.
    pub fn dates(&self) -> &[NaiveDate] {
        &self.date
    }

    /// The order totals.
    pub fn totals(&self) -> &[f64] {
        &self.total
    }

    /// The promised delivery time of order `i`, in days.
    pub fn promised_days_at(&self, i: usize) -> Option<f64> {
        let p = self.promised_days[i];
        (!p.is_nan()).then_some(p)
    }

    /// Days from order `i` to its delivery, when delivered.
    pub fn delivery_days_at(&self, i: usize) -> Option<f64> {
        self.delivered[i].map(|d| (d - self.date[i]).num_days() as f64)
    }

    /// The discount code of order `i`.
    pub fn discount_code_at(&self, i: usize) -> Option<&str> {
        text(&self.labels, self.discount_code[i])
    }

    /// The customer id of order `i`.
    pub fn customer_id_at(&self, i: usize) -> &str {
        self.customers.get(self.customer[i])
    }

    /// The currency of order `i`, when the file names one.
    pub fn currency_at(&self, i: usize) -> Option<&str> {
        text(&self.labels, self.currency[i])
    }

    /// The orders with every total converted into `base`: an order's total times the rate of
    /// its currency (`rate(None)` for orders without one); the currency column then says `base`.
    pub fn in_currency(&self, base: &str, rate: impl Fn(Option<&str>) -> f64) -> Orders {
        let mut out = self.clone();
        let b = out.labels.intern(base);
        for i in 0..out.len() {
            out.total[i] *= rate(self.currency_at(i));
            out.currency[i] = b;
        }
        out
    }

    /// Whether the orders carry money: false only when there are orders and none has a total
    /// (an orders file without a money column: its totals are NaN, and the figures that need
    /// money are not computed).
    pub fn has_money(&self) -> bool {
        self.total.is_empty() || self.total.iter().any(|t| t.is_finite())
    }

    /// The distinct currencies of the orders, in ascending byte order (one pass over a column
    /// of numbers, no string per order).
    pub fn distinct_currencies(&self) -> Vec<&str> {
        let mut seen = vec![false; self.labels.len()];
        for &c in &self.currency {
            if c != NONE {
                seen[c as usize] = true;
            }
        }
        let mut out: Vec<&str> = seen.iter().enumerate().filter(|(_, s)| **s).map(|(n, _)| self.labels.get(n as u32)).collect();
        out.sort_unstable();
        out
    }

    /// The product (category, channel) of order `i`.
    pub fn product_at(&self, i: usize) -> Option<&str> {
        text(&self.labels, self.product[i])
    }

    /// The file rows of the orders.
    pub fn rows(&self) -> &[u32] {
        &self.row
    }

    /// The order statuses.
    pub fn statuses(&self) -> &[OrderStatus] {
        &self.status
    }

    /// The date of the last completed order, read from the columns.
    pub fn last_completed_date(&self) -> Option<NaiveDate> {
        self.status.iter().zip(&self.date).filter(|(s, _)| **s == OrderStatus::Completed).map(|(_, d)| *d).max()
    }

    /// Each order's customer, numbered in the order customers first appear in the table
    /// (their ids: [`Orders::customers`]).
    pub fn customer_numbers(&self) -> &[u32] {
        &self.customer
    }

    /// The distinct customer ids, by number.
    pub fn customers(&self) -> &Pool {
        &self.customers
    }

    /// The order id of order `i`.
    pub fn order_id(&self, i: usize) -> Option<&str> {
        text(&self.order_ids, self.order_id[i])
    }

    /// Each order's order id as a number into [`Orders::order_ids`] (`u32::MAX`: none).
    pub fn order_id_numbers(&self) -> &[u32] {
        &self.order_id
    }

    /// The distinct order ids, by number.
    pub fn order_ids(&self) -> &Pool {
        &self.order_ids
    }
}

/// The orders of a table, as row views.
#[derive(Clone)]
pub struct Iter<'a> {
    orders: &'a Orders,
    range: std::ops::Range<usize>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = OrderRef<'a>;
    #[inline]
    fn next(&mut self) -> Option<OrderRef<'a>> {
        self.range.next().map(|i| self.orders.get(i))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.range.next_back().map(|i| self.orders.get(i))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Orders {
    type Item = OrderRef<'a>;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl std::fmt::Debug for Orders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Orders {
    fn eq(&self, other: &Orders) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl Serialize for Orders {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl From<Vec<Order>> for Orders {
    fn from(v: Vec<Order>) -> Orders {
        v.iter().collect()
    }
}

impl<const N: usize> From<[Order; N]> for Orders {
    fn from(v: [Order; N]) -> Orders {
        v.iter().collect()
    }
}

impl From<&[Order]> for Orders {
    fn from(v: &[Order]) -> Orders {
        v.iter().collect()
    }
}

impl<'o> FromIterator<&'o Order> for Orders {
    fn from_iter<I: IntoIterator<Item = &'o Order>>(it: I) -> Orders {
        let mut out = Orders::new();
        out.extend(it);
        out
    }
}

impl FromIterator<Order> for Orders {
    fn from_iter<I: IntoIterator<Item = Order>>(it: I) -> Orders {
        let mut out = Orders::new();
        out.extend(it);
        out
    }
}

impl<'o> Extend<&'o Order> for Orders {
    fn extend<I: IntoIterator<Item = &'o Order>>(&mut self, it: I) {
        for o in it {
            self.push_order(o);
        }
    }
}

impl Extend<Order> for Orders {
    fn extend<I: IntoIterator<Item = Order>>(&mut self, it: I) {
        for o in it {
            self.push(o);
        }
    }
}

/// Some orders of a table, by position (say, one customer's from the customer index): a
/// table reference and a slice of positions, so copying it copies two pointers.
#[derive(Debug, Clone, Copy)]
pub struct Picked<'a> {
    table: &'a Orders,
    at: &'a [u32],
}

impl<'a> Picked<'a> {
    /// The orders of `table` at positions `at`.
    pub fn new(table: &'a Orders, at: &'a [u32]) -> Picked<'a> {
        Picked { table, at }
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.at.len()
    }

    /// Whether none.
    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// The first.
    pub fn first(&self) -> Option<OrderRef<'a>> {
        self.at.first().map(|i| self.table.get(*i as usize))
    }

    /// All but the first.
    pub fn rest(&self) -> Picked<'a> {
        Picked { table: self.table, at: self.at.get(1..).unwrap_or_default() }
    }

    /// Each, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = OrderRef<'a>> + ExactSizeIterator + 'a {
        let table = self.table;
        self.at.iter().map(move |i| table.get(*i as usize))
    }

    /// Their dates, in order.
    pub fn dates(&self) -> impl DoubleEndedIterator<Item = NaiveDate> + ExactSizeIterator + 'a {
        let dates = self.table.dates();
        self.at.iter().map(move |i| dates[*i as usize])
    }

    /// The table they are in.
    pub fn table(&self) -> &'a Orders {
        self.table
    }

    /// Their positions in the table.
    pub fn positions(&self) -> &'a [u32] {
        self.at
    }
}

/// For each of a list of records (say, reviews), the order it belongs to, if any: positions in
/// a table, 4 bytes per record.
#[derive(Debug, Clone)]
pub struct Linked<'a> {
    table: &'a Orders,
    at: Vec<u32>,
}

impl<'a> Linked<'a> {
    /// Record `i`'s order is `at[i]` (`None`: no order).
    pub fn new(table: &'a Orders, at: impl IntoIterator<Item = Option<usize>>) -> Linked<'a> {
        Linked { table, at: at.into_iter().map(|p| p.map_or(NONE, |p| p as u32)).collect() }
    }

    /// The position of each record's order, in record order.
    pub fn positions(&self) -> impl Iterator<Item = Option<usize>> + '_ {
        self.at.iter().map(|p| (*p != NONE).then_some(*p as usize))
    }

    /// The table the positions point into.
    pub fn table(&self) -> &'a Orders {
        self.table
    }

    /// The order of each record, in record order.
    pub fn iter(&self) -> impl Iterator<Item = Option<OrderRef<'a>>> + '_ {
        let table = self.table;
        self.at.iter().map(move |p| (*p != NONE).then(|| table.get(*p as usize)))
    }
}

/// Orders given as a table or as owned records: what the public metric functions accept, so
/// that `&orders_table`, `&vec_of_orders` and `&[order, …]` all work. A table is borrowed;
/// records are put into a table first.
pub trait AsOrders {
    /// The orders as a table.
    fn as_orders(&self) -> std::borrow::Cow<'_, Orders>;
}

impl AsOrders for Orders {
    fn as_orders(&self) -> std::borrow::Cow<'_, Orders> {
        std::borrow::Cow::Borrowed(self)
    }
}

impl AsOrders for [Order] {
    fn as_orders(&self) -> std::borrow::Cow<'_, Orders> {
        std::borrow::Cow::Owned(self.into())
    }
}

impl AsOrders for Vec<Order> {
    fn as_orders(&self) -> std::borrow::Cow<'_, Orders> {
        self.as_slice().as_orders()
    }
}

impl<const N: usize> AsOrders for [Order; N] {
    fn as_orders(&self) -> std::borrow::Cow<'_, Orders> {
        self.as_slice().as_orders()
    }
}

impl<'a> Extend<OrderRef<'a>> for Orders {
    fn extend<I: IntoIterator<Item = OrderRef<'a>>>(&mut self, it: I) {
        for o in it {
            self.push_ref(o);
        }
    }
}

impl IntoIterator for Orders {
    type Item = Order;
    type IntoIter = std::vec::IntoIter<Order>;
    fn into_iter(self) -> Self::IntoIter {
        self.to_vec().into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_agrees_with_find_and_keeps_the_sorted_path() {
        let rising: Vec<String> = (0..50).map(|i| format!("R{:05}", i * 3)).collect();
        let falling: Vec<String> = rising.iter().rev().cloned().collect();
        let mixed: Vec<String> = ["b", "a", "c", "a", "bb", "b"].iter().map(|s| s.to_string()).collect();
        let probes: Vec<String> = (0..160).map(|i| format!("R{i:05}")).chain(["", "a", "b", "c", "bb", "zz", "R"].map(String::from)).collect();
        for strings in [&rising, &falling, &mixed] {
            let mut pool = Pool::default();
            for (k, s) in strings.iter().enumerate() {
                // Each string checked before it is interned, as a reader checks for a repeat.
                let mut reference = Pool::default();
                for t in &strings[..k] {
                    reference.intern(t);
                }
                // Any string, asked of a copy (a string out of order builds the copy's table).
                let copy = pool.clone();
                for p in &probes {
                    assert_eq!(copy.contains(p), reference.find(p).is_some(), "{p:?} after {:?}", &strings[..k]);
                }
                assert_eq!(pool.contains(s), reference.find(s).is_some(), "{s:?} after {:?}", &strings[..k]);
                pool.intern(s);
            }
            // A file in id order never needed the table.
            assert_eq!(pool.at.get().is_none(), strings != &mixed, "{strings:?}");
        }
    }

    #[test]
    fn rows_come_back_as_they_went_in() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let mut full = Order::new("张三", d("2024-03-01"), 12.5);
        full.order_id = Some("#1001".into());
        full.currency = Some("CNY".into());
        full.discount_code = Some("SPRING".into());
        full.promised_days = Some(3.0);
        full.delivered = Some(d("2024-03-04"));
        full.product = Some("Tea".into());
        full.status = OrderStatus::Refunded;
        full.row = 7;
        let mut empty = Order::new("", d("2024-03-02"), 0.0);
        empty.promised_days = Some(0.0);
        let again = Order { order_id: Some("#1001".into()), product: Some("SPRING".into()), ..Order::new("张三", d("2024-03-05"), 1.0) };
        let v = vec![full, empty, again];
        let t: Orders = v.clone().into();
        assert_eq!(t.to_vec(), v);
        assert_eq!(t.customer_numbers(), &[0, 1, 0]);
        assert_eq!(t.order_id_numbers(), &[0, NONE, 0]);
        assert_eq!((t.customers().len(), t.order_ids().len()), (2, 1));
        assert_eq!(t.get(2).product, Some("SPRING"));
        assert_eq!(t.select(|i| i != 1).to_vec(), vec![v[0].clone(), v[2].clone()]);
        let mut a: Orders = v[..1].into();
        a.append(v[1..].into());
        assert_eq!(a, t);
        assert_eq!(serde_json::to_value(&t).unwrap(), serde_json::to_value(&v).unwrap());
    }

    #[test]
    fn a_selection_is_numbered_as_its_rows_read_again() {
        let d = "2024-03-01".parse::<NaiveDate>().unwrap();
        let o = |c: &str, id: &str, cur: &str, p: Option<&str>| Order { order_id: Some(id.into()), currency: Some(cur.into()), product: p.map(Into::into), ..Order::new(c, d, 1.0) };
        let v = vec![o("a", "1", "EUR", Some("tea")), o("b", "2", "USD", None), o("c", "3", "EUR", Some("cup")), o("b", "4", "GBP", Some("tea"))];
        let t: Orders = v.clone().into();
        let picked = t.select(|i| i != 0);
        let again: Orders = v[1..].to_vec().into();
        assert_eq!(picked, again);
        assert_eq!(picked.customer_numbers(), &[0, 1, 0]);
        assert_eq!(picked.order_id_numbers(), &[0, 1, 2]);
        assert_eq!(picked.customers().iter().collect::<Vec<_>>(), ["b", "c"]);
        assert_eq!(picked.customers().find("a"), None);
        assert_eq!(picked.customers().find("c"), Some(1));
        let mut more = picked.clone();
        more.push(o("c", "5", "CNY", None));
        assert_eq!(more.customer_numbers(), &[0, 1, 0, 1]);
    }

    /// Interning gives the numbers a plain first-seen map gives, whatever the order of the
    /// strings: rising and falling runs (appended without hashing), a run that breaks (the
    /// table built then), repeats next to each other and far apart, and lookups before and
    /// after the table exists.
    #[test]
    fn a_pool_numbers_strings_as_first_seen_in_any_order() {
        let cases: [&[&str]; 7] = [
            &["1001", "1002", "1002", "1003", "1010"],
            &["#1010", "#1009", "#1009", "#1003", "#999", "#10"],
            &["1", "2", "3", "2", "4", "1", "10"],
            &["9", "8", "8", "10", "7", "9"],
            &["b", "a", "b"],
            &["", "a", "", "ab", "b"],
            &["x"],
        ];
        for case in cases {
            let mut pool = Pool::default();
            let mut plain: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
            for (i, s) in case.iter().enumerate() {
                let next = plain.len() as u32;
                let want = *plain.entry(s).or_insert(next);
                assert_eq!(pool.intern(s), want, "{case:?} at {i}");
                // A lookup part way builds the table; interning goes on with it.
                if i == 2 {
                    assert_eq!(pool.find(s), Some(want));
                    assert_eq!(pool.find("none of these"), None);
                }
            }
            assert_eq!(pool.len(), plain.len(), "{case:?}");
            for (s, n) in &plain {
                assert_eq!((pool.find(s), pool.get(*n)), (Some(*n), *s), "{case:?}");
            }
        }
        // Never looked up and never out of order: no table at all.
        let mut pool = Pool::default();
        for id in 1..=1000 {
            pool.intern(&format!("#{id}"));
        }
        assert!(pool.at.get().is_none() && pool.sorted == Sorted::Rising);
        assert_eq!(pool.find("#500"), Some(499));
    }
}
