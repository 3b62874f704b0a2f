//! Hash maps and sets keyed by ids from the shop's files (customers, orders), with foldhash's
//! fixed-seed hasher instead of the standard SipHash: the grouping passes over a million orders
//! spend most of their time hashing ids. The seed is fixed, so iteration order (never relied on
//! for output) and run times are reproducible. The data are the user's own files, so collision
//! attacks (what SipHash guards against) are not a concern here.

/// A hash map with the fast fixed-seed hasher; build with `Map::default()`.
pub(crate) type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// A hash set with the fast fixed-seed hasher; build with `Set::default()`.
pub(crate) type Set<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

/// Numbers that stand for strings held elsewhere (customer numbers for ids, order positions
/// for order ids), found by their string: a hash table of bare `u32`s, 4 bytes and a control
/// byte per slot, where a map keyed by `&str` takes 24. Every call passes `text`, which gives
/// the string of a number.
#[derive(Debug, Clone, Default)]
pub(crate) struct Numbers {
    table: hashbrown::HashTable<u32>,
}

impl Numbers {
    pub(crate) fn with_capacity(n: usize) -> Numbers {
        Numbers { table: hashbrown::HashTable::with_capacity(n) }
    }

    /// Room for `n` more numbers; `hash` gives the hash of a stored number's string.
    pub(crate) fn reserve(&mut self, n: usize, hash: impl Fn(u32) -> u64) {
        self.table.reserve(n, |k| hash(*k));
    }

    pub(crate) fn hash(s: &str) -> u64 {
        use std::hash::BuildHasher;
        foldhash::fast::FixedState::default().hash_one(s)
    }

    /// The number whose string is `s`.
    pub(crate) fn get<'t>(&self, s: &str, text: impl Fn(u32) -> &'t str) -> Option<u32> {
        self.table.find(Self::hash(s), |n| text(*n) == s).copied()
    }

    /// The number whose string is `s`; when none, `new` is stored for it. The flag says
    /// whether `s` was already there.
    pub(crate) fn get_or_insert<'t>(&mut self, s: &str, new: u32, text: impl Fn(u32) -> &'t str) -> (&mut u32, bool) {
        match self.table.entry(Self::hash(s), |n| text(*n) == s, |n| Self::hash(text(*n))) {
            hashbrown::hash_table::Entry::Occupied(e) => (e.into_mut(), true),
            hashbrown::hash_table::Entry::Vacant(e) => (e.insert(new).into_mut(), false),
        }
    }

    /// Stores `new` for `s`, known not to be there yet (no comparison is made).
    pub(crate) fn insert_new<'t>(&mut self, s: &str, new: u32, text: impl Fn(u32) -> &'t str) {
        self.table.insert_unique(Self::hash(s), new, |n| Self::hash(text(*n)));
    }
}

/// Groups `items` by a string key: the distinct keys in ascending byte order (as a `BTreeMap`
/// would give them), each with its items in input order. One hash lookup per item and one sort
/// of the distinct keys, instead of a string comparison per tree level per item.
pub(crate) fn group_sorted<'a, T>(items: impl IntoIterator<Item = T>, key: impl Fn(&T) -> &'a str) -> Vec<(&'a str, Vec<T>)> {
    let mut at: Map<&'a str, usize> = Map::default();
    let mut groups: Vec<(&'a str, Vec<T>)> = Vec::new();
    for item in items {
        let k = key(&item);
        let i = *at.entry(k).or_insert_with(|| {
            groups.push((k, Vec::new()));
            groups.len() - 1
        });
        groups[i].1.push(item);
    }
    groups.sort_unstable_by(|a, b| a.0.cmp(b.0));
    groups
}

/// Sorts `v` stably by `cmp`: the same order as `v.sort_by(cmp)` (a stable sort's result is
/// unique), with one copy of the sorting routine shared by every caller. Each `sort_by` on a new
/// element type or comparison adds its own copy of the standard library's stable sort to the
/// shipped module (2 to 5 KB each); here the positions are sorted through one `dyn` comparison
/// and `v` is then put in that order. For the short lists of a report (findings, categories,
/// drivers), not for sorts of every order or customer.
pub(crate) fn sort_stable<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> std::cmp::Ordering) {
    let order = stable_order(v.len(), &|i, j| cmp(&v[i], &v[j]));
    permute(v, order);
}

/// The positions `0..n` in stable order by `cmp` (of two positions).
fn stable_order(n: usize, cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

/// Puts `v` in `order`: item `order[k]` goes to position `k`. Each cycle of the permutation is
/// followed once, by swaps (`order` marks the positions done).
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..v.len() {
        let mut k = start;
        while order[k] != k {
            let from = order[k];
            order[k] = k;
            if from == start {
                break;
            }
            v.swap(k, from);
            k = from;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sort_stable_orders_as_sort_by() {
        // Every arrangement of 7 items with repeated keys (Heap's algorithm, 5040 of them): the
        // same order as `sort_by` each time.
        let mut at: Vec<(u8, usize)> = [3u8, 1, 3, 0, 1, 2, 3].iter().copied().zip(0..).collect();
        let check = |at: &[(u8, usize)]| {
            let mut want = at.to_vec();
            want.sort_by_key(|a| a.0);
            let mut got = at.to_vec();
            super::sort_stable(&mut got, |a, b| a.0.cmp(&b.0));
            assert_eq!(got, want);
        };
        let (n, mut c, mut i, mut seen) = (at.len(), vec![0usize; at.len()], 0, 1);
        check(&at);
        while i < n {
            if c[i] < i {
                at.swap(if i % 2 == 0 { 0 } else { c[i] }, i);
                check(&at);
                seen += 1;
                c[i] += 1;
                i = 0;
            } else {
                c[i] = 0;
                i += 1;
            }
        }
        assert_eq!(seen, 5040);
        // Longer lists with many ties, where an unstable sort would reorder equal keys.
        let mut x = 12345u64;
        for len in [30usize, 100, 257, 1000] {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((x >> 60) as u8 % 4, i)
                })
                .collect();
            check(&items);
        }
        let mut empty: Vec<u8> = Vec::new();
        super::sort_stable(&mut empty, |a, b| a.cmp(b));
        assert!(empty.is_empty());
    }

    #[test]
    fn groups_come_sorted_with_items_in_input_order() {
        let items = [("b", 1), ("a", 2), ("b", 3), ("ab", 4), ("a", 5)];
        let g = super::group_sorted(items, |t| t.0);
        let got: Vec<(&str, Vec<i32>)> = g.into_iter().map(|(k, v)| (k, v.into_iter().map(|t| t.1).collect())).collect();
        assert_eq!(got, vec![("a", vec![2, 5]), ("ab", vec![4]), ("b", vec![1, 3])]);
    }
}
