//! Stable sorts with one copy of the sorting code in the wasm. The standard library's sort is
//! compiled again for every element type and comparator: about 3.5 KB of the live tools' wasm
//! before wasm-opt each time. These sort the positions instead (one compiled sort, the
//! comparator behind a reference), then move the elements into place. The order is exactly
//! `slice::sort_by`'s: equal elements keep their order.

use std::cmp::Ordering;

/// `items.sort_by(compare)`, in the same order.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &|a, b| compare(&items[a], &items[b]));
    // `order[k]` is the position of the element that belongs at `k`: follow each cycle once.
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != usize::MAX {
            let from = order[at];
            order[at] = usize::MAX;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// `items.sort()`, in the same order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// `items.sort_by_key(key)`, in the same order.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The distinct values of `values`, sorted: `collect`, `sort` and `dedup` of the same values,
/// without a sort of every value. For the few distinct values of many (the data centers of
/// 10,000 resources): each is looked up among those kept so far and inserted where it belongs.
/// An insertion moves every greater value kept, so past [`INSERTED`] distinct values the rest
/// are sorted once with them instead: O(n log n) however many are distinct.
pub fn distinct_sorted<T: Ord>(values: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut values = values.into_iter();
    let mut out: Vec<T> = Vec::new();
    for value in values.by_ref() {
        // Values that come in order meet the greatest kept so far: skipped at once.
        if out.last() == Some(&value) {
            continue;
        }
        if let Err(at) = out.binary_search(&value) {
            out.insert(at, value);
            if out.len() == INSERTED {
                out.extend(values);
                sort(&mut out);
                out.dedup();
                break;
            }
        }
    }
    out
}

/// How many distinct values [`distinct_sorted`] inserts one by one before it sorts the rest.
const INSERTED: usize = 64;

/// The one compiled sort: of positions, compared through `compare`.
#[inline(never)]
fn sort_positions(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|a, b| compare(*a, *b));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pairs whose first halves repeat, so stability shows: sorted by the first half only.
    fn pairs(n: u32, seed: u32) -> Vec<(u32, u32)> {
        let mut x = seed;
        (0..n)
            .map(|i| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((x >> 16) % 7, i)
            })
            .collect()
    }

    #[test]
    #[allow(clippy::unnecessary_sort_by)] // `sort_by` itself is what ours is checked against
    fn every_order_is_the_standard_stable_sorts() {
        for n in [0, 1, 2, 3, 10, 33, 200] {
            for seed in 0..5 {
                let items = pairs(n, seed);
                let (mut ours, mut std) = (items.clone(), items.clone());
                sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
                std.sort_by(|a, b| a.0.cmp(&b.0));
                assert_eq!(ours, std, "{n} {seed}");

                let (mut ours, mut std) = (items.clone(), items.clone());
                sort_by_key(&mut ours, |p| std::cmp::Reverse(p.0));
                std.sort_by_key(|p| std::cmp::Reverse(p.0));
                assert_eq!(ours, std, "{n} {seed} by key");

                let mut words: Vec<String> = items.iter().map(|p| format!("{}", p.1 % 9)).collect();
                let mut sorted = words.clone();
                sort(&mut words);
                sorted.sort();
                assert_eq!(words, sorted, "{n} {seed} words");

                let mut all: Vec<u32> = items.iter().map(|p| p.0).collect();
                let distinct = distinct_sorted(all.iter().copied());
                all.sort();
                all.dedup();
                assert_eq!(distinct, all, "{n} {seed} distinct");
            }
        }
    }

    /// Thousands of distinct values (a hostile account's status texts), with repeats, in any
    /// order: the same as sort and dedup, around and far past the values inserted one by one.
    #[test]
    fn many_distinct_values_are_sort_and_dedup() {
        for n in [INSERTED - 1, INSERTED, INSERTED + 1, 5_000, 20_000] {
            let mut x = n as u32;
            let words: Vec<String> = (0..n)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    format!("state {}", (x >> 8) % (n as u32 / 2 + 1))
                })
                .collect();
            let distinct = distinct_sorted(words.iter().map(String::as_str));
            let mut want: Vec<&str> = words.iter().map(String::as_str).collect();
            want.sort();
            want.dedup();
            assert_eq!(distinct, want, "{n}");
        }
    }
}
