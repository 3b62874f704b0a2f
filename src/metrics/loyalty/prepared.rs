//! Shared preparation for every loyalty metric (internal): keeps the purchases, groups them by
//! customer and sorts them, once, in O(n log n).
//!
//! A *purchase* is an order with status [`OrderStatus::Completed`], dated on or before `as_of`,
//! with a finite, non-negative total. Everything else is left out and counted in a message.
//! Customers are ordered by customer id and each customer's purchases by date (then total), so
//! no result depends on the order of the input rows.

use crate::dataset::OrderStatus;
use crate::messages::Note;
use crate::model::Orders;
use crate::model::{prefix, CustomerIndex, Keys};
use chrono::{Datelike, NaiveDate};
use std::hash::Hasher;

/// The Fx hash of rustc (word-at-a-time rotate-xor-multiply) with a MurmurHash3 finalizer:
/// several times faster than the default SipHash on short customer ids. Not DoS-resistant, which does not matter for a shop's
/// own export analysed on its own machine.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    /// MurmurHash3's fmix64 finalizer, so that every output bit depends on every input bit
    /// (the hash table indexes by the low bits, which a multiply alone leaves poorly mixed).
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// One purchase: day number (days from the common era, see [`day_number`]) and amount.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Purchase {
    pub day: i32,
    pub total: f64,
}

/// One customer's purchase history in summary.
#[derive(Debug, Clone)]
pub(crate) struct Customer<'a> {
    pub id: &'a str,
    /// Purchases (order rows; same-day orders count separately).
    pub orders: u32,
    pub spend: f64,
    /// First and last purchase day.
    pub first: i32,
    pub last: i32,
}

/// Purchases grouped by customer.
#[derive(Debug, Clone)]
pub(crate) struct Prepared<'a> {
    pub as_of: NaiveDate,
    pub as_of_day: i32,
    /// Sorted by customer id.
    pub customers: Vec<Customer<'a>>,
    /// All purchases, customer by customer (in the order of `customers`), each customer's by day.
    pub purchases: Vec<Purchase>,
    /// `purchases[offsets[c]..offsets[c + 1]]` are customer `c`'s.
    pub offsets: Vec<usize>,
    pub revenue: f64,
    /// The orders carry money (false for a file without a total column: every purchase is
    /// then counted with a total of 0, and revenue, spend and their shares mean nothing).
    pub money: bool,
    /// Orders given but not used (not completed, after `as_of`, unusable total).
    pub ignored: u64,
    pub messages: crate::messages::Notes,
}

impl<'a> Prepared<'a> {
    /// Customer `c`'s purchases, by day.
    pub fn purchases_of(&self, c: usize) -> &[Purchase] {
        &self.purchases[self.offsets[c]..self.offsets[c + 1]]
    }

    /// Customer `c`'s distinct purchase days, ascending (same-day orders merged).
    pub fn days_of(&self, c: usize) -> impl Iterator<Item = i32> + '_ {
        let p = self.purchases_of(c);
        p.iter().enumerate().filter(move |(i, x)| *i == 0 || p[i - 1].day != x.day).map(|(_, x)| x.day)
    }
}

/// Day number of a date: days since 0001-01-01 plus one (a Monday), as in chrono.
pub(crate) fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// The date of a day number (clamped into chrono's range; never reached with real dates).
pub(crate) fn date_of(day: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MIN)
}

/// Months since year 0: `year * 12 + month0`.
pub(crate) fn month_key(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

/// First and last day of month `key`.
pub(crate) fn month_bounds(key: i32) -> (NaiveDate, NaiveDate) {
    let (y, m0) = (key.div_euclid(12), key.rem_euclid(12) as u32);
    let start = NaiveDate::from_ymd_opt(y, m0 + 1, 1).unwrap_or(NaiveDate::MIN);
    let next = if m0 == 11 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m0 + 2, 1) };
    (start, next.and_then(|n| n.pred_opt()).unwrap_or(NaiveDate::MAX))
}

/// "YYYY-MM".
pub(crate) fn month_label(key: i32) -> String {
    format!("{:04}-{:02}", key.div_euclid(12), key.rem_euclid(12) + 1)
}

/// Deterministic 64-bit hash of a customer id (the same in every run and on every target).
fn hash_id(id: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(id.as_bytes());
    h.write_usize(id.len());
    h.finish()
}

/// A usable order, keyed for grouping: hash of its customer id, day, total, input index.
struct Key {
    h: u64,
    day: i32,
    total: f64,
    i: u32,
}

/// [`prepare`] from the analysis's customer index of purchases (completed orders on or before
/// `as_of`): no grouping by id again, only each customer's few orders put in (day, total)
/// order. The same result as [`prepare`].
pub(crate) fn prepare_indexed<'a>(orders: &'a Orders, keys: &Keys<'a>, purchases_index: &CustomerIndex, as_of: NaiveDate) -> Prepared<'a> {
    let (status, day) = (orders.statuses(), orders.dates());
    let not_completed = status.iter().filter(|s| **s != OrderStatus::Completed).count() as u64;
    let later = status.iter().zip(day).filter(|(s, d)| **s == OrderStatus::Completed && **d > as_of).count() as u64;
    let mut bad_total = 0u64;
    // Sized once: growing by doubling held the old and the new buffer at once.
    let n = purchases_index.with_orders().count();
    let mut customers: Vec<Customer> = Vec::with_capacity(n);
    let mut offsets = Vec::with_capacity(n + 1);
    let mut purchases = Vec::with_capacity(purchases_index.len());
    let mut revenue = 0.0;
    let (dates, totals) = (orders.dates(), orders.totals());
    let money = orders.has_money();
    for c in purchases_index.with_orders() {
        let start = purchases.len();
        for &i in purchases_index.of(c) {
            let (date, total) = (dates[i as usize], if money { totals[i as usize] } else { 0.0 });
            if !total.is_finite() || total < 0.0 {
                bad_total += 1;
            } else {
                purchases.push(Purchase { day: day_number(date), total });
            }
        }
        let mine = &mut purchases[start..];
        if mine.is_empty() {
            continue;
        }
        mine.sort_unstable_by(|a, b| a.day.cmp(&b.day).then(a.total.total_cmp(&b.total)));
        offsets.push(start);
        let mut cu = Customer { id: keys.name(c), orders: 0, spend: 0.0, first: mine[0].day, last: mine[mine.len() - 1].day };
        for k in mine.iter() {
            cu.orders += 1;
            cu.spend += k.total;
        }
        revenue += cu.spend;
        customers.push(cu);
    }
    offsets.push(purchases.len());
    let mut p = finish(as_of, customers, purchases, offsets, revenue, (not_completed, later, bad_total));
    p.money = money;
    p
}

/// Keeps the purchases and groups them by customer.
pub(crate) fn prepare(orders: &Orders, as_of: NaiveDate) -> Prepared<'_> {
    prepare_with(orders, as_of, hash_id)
}

/// [`prepare`] with the id hash as a parameter, so that tests can force collisions.
///
/// Grouping sorts (hash, day, total) keys instead of looking each order up in a hash map: at a
/// million orders the sort is several times faster, because a map lookup chases two pointers
/// into memory per order. Equal hashes are checked against the ids themselves, and a run of
/// equal hashes holding different ids (a collision) is split by id, so grouping is exact.
fn prepare_with(orders: &Orders, as_of: NaiveDate, hash: fn(&str) -> u64) -> Prepared<'_> {
    let (mut not_completed, mut later, mut bad_total) = (0u64, 0u64, 0u64);
    let mut keyed: Vec<Key> = Vec::with_capacity(orders.len());
    let money = orders.has_money();
    for (i, mut o) in orders.iter().enumerate() {
        if !money {
            o.total = 0.0;
        }
        if o.status != OrderStatus::Completed {
            not_completed += 1;
        } else if o.date > as_of {
            later += 1;
        } else if !o.total.is_finite() || o.total < 0.0 {
            bad_total += 1;
        } else {
            keyed.push(Key { h: hash(o.customer_id), day: day_number(o.date), total: o.total, i: i as u32 });
        }
    }
    let by_day = |a: &Key, b: &Key| a.day.cmp(&b.day).then(a.total.total_cmp(&b.total));
    keyed.sort_unstable_by(|a, b| a.h.cmp(&b.h).then_with(|| by_day(a, b)));
    let id = |k: &Key| orders.get(k.i as usize).customer_id;

    // One customer per run of equal hashes, unless ids collide: then split the run by id.
    let mut groups: Vec<(usize, usize, &str)> = Vec::new();
    let mut s = 0;
    while s < keyed.len() {
        let mut e = s + 1;
        while e < keyed.len() && keyed[e].h == keyed[s].h {
            e += 1;
        }
        let first = id(&keyed[s]);
        if keyed[s + 1..e].iter().all(|k| id(k) == first) {
            groups.push((s, e, first));
        } else {
            keyed[s..e].sort_by(|a, b| id(a).cmp(id(b)).then_with(|| by_day(a, b)));
            let mut g = s;
            for j in s + 1..=e {
                if j == e || id(&keyed[j]) != id(&keyed[g]) {
                    groups.push((g, j, id(&keyed[g])));
                    g = j;
                }
            }
        }
        s = e;
    }
    // Customers in id order, so that nothing depends on the input order or the hash.
    let mut by_id: Vec<(u64, u32)> = groups.iter().enumerate().map(|(g, x)| (prefix(x.2), g as u32)).collect();
    by_id.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| groups[a.1 as usize].2.cmp(groups[b.1 as usize].2)));

    let mut customers: Vec<Customer> = Vec::with_capacity(groups.len());
    let mut offsets = Vec::with_capacity(groups.len() + 1);
    let mut purchases = Vec::with_capacity(keyed.len());
    let mut revenue = 0.0;
    for &(_, g) in &by_id {
        let (s, e, id) = groups[g as usize];
        offsets.push(purchases.len());
        let mut cu = Customer { id, orders: 0, spend: 0.0, first: keyed[s].day, last: keyed[e - 1].day };
        for k in &keyed[s..e] {
            cu.orders += 1;
            cu.spend += k.total;
            purchases.push(Purchase { day: k.day, total: k.total });
        }
        revenue += cu.spend;
        customers.push(cu);
    }
    offsets.push(purchases.len());
    let mut p = finish(as_of, customers, purchases, offsets, revenue, (not_completed, later, bad_total));
    p.money = money;
    p
}

/// The prepared purchases with the messages about what was left out.
fn finish<'a>(as_of: NaiveDate, customers: Vec<Customer<'a>>, purchases: Vec<Purchase>, offsets: Vec<usize>, revenue: f64, (not_completed, later, bad_total): (u64, u64, u64)) -> Prepared<'a> {
    let mut messages = crate::messages::Notes::new();
    if not_completed > 0 {
        messages.push(Note::NotPurchases { n: not_completed });
    }
    if later > 0 {
        messages.push(Note::AfterAnalysisDate { n: later, day: as_of });
    }
    if bad_total > 0 {
        messages.push(Note::BadTotals { n: bad_total });
    }
    if purchases.is_empty() {
        messages.push(Note::NothingToMeasure { day: as_of });
    }
    Prepared { as_of, as_of_day: day_number(as_of), customers, purchases, offsets, revenue, money: true, ignored: not_completed + later + bad_total, messages }
}

/// Quantile of sorted values by linear interpolation between order statistics: position
/// h = (n − 1)·p, value x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) (Hyndman & Fan 1996, type 7;
/// the default of R and NumPy). `None` for no values.
pub(crate) fn quantile_sorted(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Order;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn months_and_quantiles() {
        let k = month_key(d("2024-02-10"));
        assert_eq!(month_label(k), "2024-02");
        assert_eq!(month_bounds(k), (d("2024-02-01"), d("2024-02-29")));
        assert_eq!(month_bounds(month_key(d("2023-12-05"))), (d("2023-12-01"), d("2023-12-31")));
        assert_eq!(date_of(day_number(d("2024-03-07"))), d("2024-03-07"));
        // numpy.quantile([1, 2, 3, 4], [0.25, 0.5, 0.9]) -> 1.75, 2.5, 3.7
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_sorted(&v, 0.25), Some(1.75));
        assert_eq!(quantile_sorted(&v, 0.5), Some(2.5));
        assert!((quantile_sorted(&v, 0.9).unwrap() - 3.7).abs() < 1e-12);
        assert_eq!(quantile_sorted(&[], 0.5), None);
    }

    #[test]
    fn grouping_ignores_input_order_and_non_purchases() {
        let mut o = vec![Order::new("b", d("2024-01-02"), 5.0), Order::new("a", d("2024-01-03"), 1.0), Order::new("b", d("2024-01-01"), 2.0), Order::new("a", d("2024-02-01"), 9.0)];
        o[3].status = OrderStatus::Cancelled;
        let o: Orders = o.into();
        let p = prepare(&o, d("2024-01-31"));
        assert_eq!(p.customers.iter().map(|c| c.id).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(p.purchases_of(1).iter().map(|x| x.total).collect::<Vec<_>>(), [2.0, 5.0]);
        assert_eq!((p.ignored, p.revenue), (1, 8.0));
    }

    #[test]
    fn hash_collisions_are_split_by_id() {
        let o = [
            Order::new("b", d("2024-01-02"), 5.0),
            Order::new("a", d("2024-01-03"), 1.0),
            Order::new("c", d("2024-01-01"), 2.0),
            Order::new("a", d("2024-01-01"), 9.0),
            Order::new("b", d("2024-01-01"), 3.0),
        ];
        let o: Orders = o.into();
        let p = prepare_with(&o, d("2024-01-31"), |_| 42);
        let got: Vec<(&str, u32, f64)> = p.customers.iter().map(|c| (c.id, c.orders, c.spend)).collect();
        assert_eq!(got, [("a", 2, 10.0), ("b", 2, 8.0), ("c", 1, 2.0)]);
        assert_eq!(p.purchases_of(0).iter().map(|x| x.total).collect::<Vec<_>>(), [9.0, 1.0]);
        let q = prepare(&o, d("2024-01-31"));
        assert_eq!(q.customers.iter().map(|c| (c.id, c.orders, c.spend)).collect::<Vec<_>>(), got);
    }
}
