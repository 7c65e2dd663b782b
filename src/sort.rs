//! Sorting with one copy of the standard sort in the browser module.
//!
//! Every `sort_by` on a new element type or comparator is a new copy of the standard library's
//! sort (2–4 KB of WebAssembly each; they were 35 KB of the pricing module). In the wasm32 build
//! these functions sort a list of indices with the comparator behind `dyn` (one copy of the sort
//! for the whole module) and then move the items into place; natively they are the standard
//! sort itself, so native speed is unchanged. Both orders are the standard stable sort's.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably (equal items keep their order).
#[inline]
pub fn sort_by<T>(items: &mut [T], compare: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(target_arch = "wasm32")]
    sort_by_index(items, compare);
    #[cfg(not(target_arch = "wasm32"))]
    items.sort_by(compare);
}

/// Sorts `items` by the key `key` gives each, stably.
#[inline]
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in ascending order where the order of equal items does not matter (natively
/// the standard unstable sort; in wasm32 the one stable sort).
#[inline]
pub fn sort_unstable<T: Ord>(items: &mut [T]) {
    #[cfg(target_arch = "wasm32")]
    sort_by_index(items, T::cmp);
    #[cfg(not(target_arch = "wasm32"))]
    items.sort_unstable();
}

/// Sorts `items` by `compare` where the order of equal items does not matter (natively the
/// standard unstable sort; in wasm32 the one stable sort).
#[inline]
pub fn sort_unstable_by<T>(items: &mut [T], compare: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(target_arch = "wasm32")]
    sort_by_index(items, compare);
    #[cfg(not(target_arch = "wasm32"))]
    items.sort_unstable_by(compare);
}

/// The wasm32 sort: the stable order of the indices, then the items moved into it.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn sort_by_index<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, &order);
}

/// The indices `0..len` in the order `compare` (on indices) gives, ties in index order: the
/// only instantiation of the standard sort this module needs.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn stable_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `items` so that position `i` holds the item that was at `order[i]`, following
/// each cycle of the permutation with swaps (no copy of the items).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pairs whose first field repeats, so that stability shows: sorted by the first field only.
    fn pairs(seed: u64, len: usize) -> Vec<(u8, usize)> {
        let mut x = seed;
        (0..len)
            .map(|i| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ((x >> 59) as u8, i)
            })
            .collect()
    }

    #[test]
    fn index_sort_gives_the_standard_stable_order() {
        for (seed, len) in [(1, 0), (2, 1), (3, 2), (4, 7), (5, 33), (6, 500)] {
            let mut ours = pairs(seed, len);
            let mut std = ours.clone();
            sort_by_index(&mut ours, |a, b| a.0.cmp(&b.0));
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std, "seed {seed}, {len} items");
        }
    }

    #[test]
    fn index_sort_orders_descending_comparators_and_owned_items() {
        let mut words: Vec<String> = ["pear", "fig", "apple", "fig", "kiwi"].map(String::from).to_vec();
        sort_by_index(&mut words, |a, b| b.cmp(a));
        assert_eq!(words, ["pear", "kiwi", "fig", "fig", "apple"]);
    }

    #[test]
    fn sort_helpers_sort() {
        let mut v = vec![3, 1, 2, 1];
        sort_unstable(&mut v);
        assert_eq!(v, [1, 1, 2, 3]);
        sort_unstable_by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v, [3, 2, 1, 1]);
        let mut p = pairs(9, 40);
        sort_by_key(&mut p, |x| x.0);
        assert!(p.windows(2).all(|w| w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1)));
    }
}
