//! Spreading a shipment-level amount over lines so the parts sum exactly (docs/rules.md#allocation).

use crate::error::{Error, ErrorCode, Result};
use crate::money::DecimalSum;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What shipment charges are spread by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum AllocationKey {
    /// Goods value of each line (the default).
    #[default]
    Value,
    /// Gross weight (`weight_kg`).
    Weight,
    /// Volume (`volume_l`).
    Volume,
    /// Number of units (`quantity`).
    Quantity,
}

/// Splits `total` in proportion to `weights` with the largest-remainder method at `dp`
/// decimal places: every part is a multiple of 10^-dp and the parts sum to `total` exactly
/// (after `total` itself is rounded to `dp`). Ties go to the earlier line.
///
/// ```
/// use landed::allocation::allocate;
/// use rust_decimal::Decimal;
/// let parts = allocate(Decimal::new(1000, 2), &[Decimal::ONE; 3], 2).unwrap();
/// assert_eq!(parts.iter().map(|p| p.to_string()).collect::<Vec<_>>(), ["3.34", "3.33", "3.33"]);
/// ```
pub fn allocate(total: Decimal, weights: &[Decimal], dp: u32) -> Result<Vec<Decimal>> {
    let mut parts = vec![Decimal::ZERO; weights.len()];
    allocate_into(total, weights, dp, &mut parts)?;
    Ok(parts)
}

/// Where [`allocate_into`] writes the share of weight `i` (one place per weight).
pub(crate) trait Shares {
    fn share(&mut self, i: usize) -> &mut Decimal;
}

impl Shares for Vec<Decimal> {
    fn share(&mut self, i: usize) -> &mut Decimal {
        &mut self[i]
    }
}

/// One field of each item of a slice, as the places of the shares.
pub(crate) struct Fields<'a, T>(pub(crate) &'a mut [T], pub(crate) fn(&mut T) -> &mut Decimal);

impl<T> Shares for Fields<'_, T> {
    fn share(&mut self, i: usize) -> &mut Decimal {
        (self.1)(&mut self.0[i])
    }
}

/// [`allocate`], each share written to its place in `out`, without a list of its own: a quote
/// writes the shares straight into its lines' values. (One body for every kind of place: the
/// browser module carries it once.)
pub(crate) fn allocate_into(total: Decimal, weights: &[Decimal], dp: u32, out: &mut dyn Shares) -> Result<()> {
    let mut put = |i: usize, share: Decimal| *out.share(i) = share;
    if weights.is_empty() {
        return Ok(());
    }
    if total.is_sign_negative() && !total.is_zero() {
        return Err(Error::new(ErrorCode::NegativeAmount, "", "a shipment charge cannot be negative"));
    }
    if weights.iter().any(|w| w.is_sign_negative() && !w.is_zero()) {
        return Err(Error::new(ErrorCode::NegativeAmount, "", "allocation weights cannot be negative"));
    }
    // Nothing to spread (no shipping on a cart of free lines): every share is zero, whatever
    // the keys.
    if total.round_dp(dp).is_zero() {
        (0..weights.len()).for_each(|i| put(i, in_units(Decimal::ZERO, dp)));
        return Ok(());
    }
    // The weights are not negative: they sum to zero only when every one is zero.
    if weights.iter().all(Decimal::is_zero) {
        return Err(Error::new(
            ErrorCode::InvalidField,
            "allocation",
            "every line has a zero allocation key: no way to spread the charge",
        ));
    }
    let sum = || weights.iter().copied().decimal_sum();
    let total = total.round_dp(dp);
    let mut put_all = |parts: Vec<Decimal>| parts.into_iter().enumerate().for_each(|(i, p)| put(i, p));
    let Some(total_units) = units_of(total, dp) else {
        put_all(spread(total, weights, sum(), dp));
        return Ok(());
    };
    if total_units.is_zero() {
        (0..weights.len()).for_each(|i| put(i, in_units(Decimal::ZERO, dp)));
        return Ok(());
    }
    if weights.len() == 1 {
        // One line (its weight is not zero, checked above) takes the whole total.
        put(0, Decimal::from_i128_with_scale(total_units.mantissa(), dp));
        return Ok(());
    }
    // Exactly in integers; in `Decimal` (the same largest remainders) only past `i128`.
    if !allocate_exact(total_units.mantissa(), weights, dp, out) {
        spread(total, weights, sum(), dp).into_iter().enumerate().for_each(|(i, p)| *out.share(i) = p);
    }
    Ok(())
}

/// The allocation in integers when every figure fits in an `i128` (any real cart): each weight's
/// share of `total_units` is floored exactly, and the units left over go to the largest exact
/// remainders, one each (ties to the earlier line), written as [`allocate_into`] writes them.
/// False (and nothing written) when a product would overflow.
fn allocate_exact(total_units: i128, weights: &[Decimal], dp: u32, out: &mut dyn Shares) -> bool {
    let Some(scale) = weights.iter().map(Decimal::scale).max() else { return false };
    let int = |w: &Decimal| match w.scale() == scale {
        true => Some(w.mantissa()),
        false => w.mantissa().checked_mul(10i128.checked_pow(scale - w.scale())?),
    };
    let Some(sum) = weights.iter().try_fold(0i128, |s, w| s.checked_add(int(w)?)) else { return false };
    if sum <= 0 {
        return false;
    }
    // Any real cart: the total and the weights' sum fit in 32 bits, so every product fits in 64
    // bits and each share and remainder is one machine division instead of two 128-bit calls.
    if total_units <= i128::from(u32::MAX) && sum <= i128::from(u32::MAX) {
        // Every weight is at most the sum, so each converts.
        let ints = weights.iter().map(|w| int(w).map(|w| w as u64));
        return allocate_small(total_units as u64, ints, sum as u64, dp, out);
    }
    let Some(parts) = allocate_wide(total_units, weights.iter().map(int), sum, dp) else { return false };
    for (i, p) in parts.into_iter().enumerate() {
        *out.share(i) = p;
    }
    true
}

/// [`allocate_exact`] past 32 bits, in `i128`: `None` when a product would overflow.
fn allocate_wide(
    total_units: i128,
    weights: impl ExactSizeIterator<Item = Option<i128>>,
    sum: i128,
    dp: u32,
) -> Option<Vec<Decimal>> {
    let mut parts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    let mut given = 0i128;
    for (i, w) in weights.enumerate() {
        let p = total_units.checked_mul(w?)?;
        let (share, remainder) = (p / sum, p % sum);
        given += share;
        parts.push(Decimal::from_i128_with_scale(share, dp));
        remainders.push((remainder, i));
    }
    let left = usize::try_from(total_units - given).ok()?;
    if left > 0 {
        crate::sort::sort_unstable_by(&mut remainders, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, i) in remainders.iter().take(left) {
            // A share is at most `total_units`, so one more unit still fits.
            parts[i] = Decimal::from_i128_with_scale(parts[i].mantissa() + 1, dp);
        }
    }
    Some(parts)
}

/// The most lines whose allocation keys [`allocate_small`] holds on the stack (256 bytes).
const INLINE_KEYS: usize = 32;

/// [`allocate_exact`] when the total and the weights' sum are below 2^32 (`weights` as integers
/// at one scale, `sum` their sum, not zero): every product fits in 64 bits. Each line's remainder
/// and position are packed into one `u64` that orders as the largest-remainder rule does (larger
/// remainder first, then the earlier line), so the lines that get a unit more are the largest keys.
/// The floors are written as they are found, and the lines that get a unit more rewritten.
fn allocate_small(
    total_units: u64,
    weights: impl ExactSizeIterator<Item = Option<u64>>,
    sum: u64,
    dp: u32,
    out: &mut dyn Shares,
) -> bool {
    // A cart of up to `INLINE_KEYS` lines keeps its keys on the stack (two allocations a quote
    // saved: shipping and insurance); a larger one in a `Vec`.
    let mut inline = [0u64; INLINE_KEYS];
    let mut heap = Vec::new();
    let keys: &mut [u64] = match weights.len() {
        n if n <= INLINE_KEYS => &mut inline[..n],
        n => {
            heap.resize(n, 0);
            &mut heap
        }
    };
    let mut given = 0u64;
    for (i, w) in weights.enumerate() {
        // Every weight converts (each is at most the sum, below 2^32).
        let Some(w) = w else { return false };
        // 0 ≤ weight ≤ sum < 2^32 and total < 2^32: the product is below 2^64.
        let p = total_units * w;
        let (share, remainder) = (p / sum, p % sum);
        given += share;
        // share ≤ total_units < 2^32: its digits are the low word (the same value and scale).
        *out.share(i) = Decimal::from_parts(share as u32, 0, 0, false, dp);
        // remainder < sum < 2^32, and a cart has fewer than 2^32 lines.
        keys[i] = remainder << 32 | u64::from(u32::MAX - i as u32);
    }
    // The shares are floors, so fewer units are left over than there are lines.
    let left = (total_units - given) as usize;
    if left > 0 {
        crate::sort::sort_unstable(keys);
        for k in keys.iter().rev().take(left) {
            let i = (u32::MAX - *k as u32) as usize;
            let part = out.share(i);
            *part = Decimal::from_i128_with_scale(part.mantissa() + 1, dp);
        }
    }
    true
}

/// `total` (already rounded to `dp` places) as a whole number of 10^-dp units, without a
/// division; `None` when it cannot be rescaled to `dp` places.
fn units_of(total: Decimal, dp: u32) -> Option<Decimal> {
    let mut t = total;
    t.rescale(dp);
    (t.scale() == dp && t == total).then(|| Decimal::from_i128_with_scale(t.mantissa(), 0))
}

/// A whole number of 10^-dp units as an amount with exactly `dp` places.
fn in_units(units: Decimal, dp: u32) -> Decimal {
    if units.scale() == 0 {
        return Decimal::from_i128_with_scale(units.mantissa(), dp);
    }
    let mut v = units * Decimal::new(1, dp);
    v.rescale(dp);
    v
}

/// The general path (a total that cannot be held at `dp` places): the division by the unit.
fn spread(total: Decimal, weights: &[Decimal], sum: Decimal, dp: u32) -> Vec<Decimal> {
    let total_units = (total / Decimal::new(1, dp)).trunc();
    let mut parts: Vec<Decimal> = weights.iter().map(|w| crate::money::floor(total_units * *w / sum)).collect();
    let given: Decimal = parts.iter().copied().decimal_sum();
    let left = rust_decimal::prelude::ToPrimitive::to_usize(&(total_units - given)).unwrap_or(0);
    let mut remainders: Vec<(Decimal, usize)> =
        weights.iter().zip(&parts).enumerate().map(|(i, (w, floor))| (total_units * *w / sum - floor, i)).collect();
    crate::sort::sort_by(&mut remainders, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in remainders.iter().take(left) {
        crate::money::add_to(&mut parts[i], Decimal::ONE);
    }
    parts.into_iter().map(|u| in_units(u, dp)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn allocation_sums_to_the_cent_rules_10() {
        let parts = allocate(dec!(100.00), &[dec!(1), dec!(1), dec!(1)], 2).unwrap();
        assert_eq!(parts, vec![dec!(33.34), dec!(33.33), dec!(33.33)]);
        assert_eq!(parts.iter().sum::<Decimal>(), dec!(100.00));
    }

    #[test]
    fn proportional_to_weights() {
        let parts = allocate(dec!(800), &[dec!(3000), dec!(450)], 2).unwrap();
        assert_eq!(parts.iter().sum::<Decimal>(), dec!(800));
        assert_eq!(parts, vec![dec!(695.65), dec!(104.35)]);
    }

    #[test]
    fn zero_decimal_currencies() {
        let parts = allocate(dec!(1000), &[dec!(1), dec!(2), dec!(4)], 0).unwrap();
        assert_eq!(parts, vec![dec!(143), dec!(286), dec!(571)]);
    }

    #[test]
    fn the_exact_path_matches_the_decimal_path() {
        // docs/rules.md §10: largest remainders, ties to the earlier line, to the cent.
        let cases: [(Decimal, &[Decimal]); 7] = [
            (dec!(12), &[dec!(3.5)]),
            // Past 32 bits (the 128-bit path): 5,000,000,000 cents; and a weight sum past them.
            (dec!(50000000.00), &[dec!(1), dec!(2), dec!(4)]),
            (dec!(10.00), &[dec!(4294967295), dec!(1), dec!(7)]),
            (dec!(100.00), &[dec!(1), dec!(1), dec!(1)]),
            (dec!(12.00), &[dec!(21.50), dec!(11.50), dec!(0.01), dec!(99999.99)]),
            (dec!(0.05), &[dec!(3), dec!(3), dec!(3), dec!(3), dec!(3), dec!(3), dec!(3)]),
            (dec!(7.77), &[dec!(0.333), dec!(1.5), dec!(2)]),
        ];
        for (total, weights) in cases {
            let sum: Decimal = weights.iter().copied().sum();
            let exact = allocate(total, weights, 2).unwrap();
            assert_eq!(exact, spread(total, weights, sum, 2), "{total} over {weights:?}");
            assert!(exact.iter().all(|p| p.scale() == 2), "{exact:?}");
            assert_eq!(exact.iter().copied().sum::<Decimal>(), total);
        }
    }

    proptest::proptest! {
        /// The integer paths (64-bit for real carts, 128-bit past them) give the largest-remainder
        /// split the `Decimal` path gives, ties to the earlier line included.
        #[test]
        fn the_integer_paths_match_the_decimal_path(
            total in 0i64..10_000_000_000, weights in proptest::collection::vec((0i64..2_000_000, 0u32..4), 1..12),
            dp in 0u32..3,
        ) {
            let total = Decimal::new(total, 2);
            let weights: Vec<Decimal> = weights.into_iter().map(|(m, s)| Decimal::new(m, s)).collect();
            proptest::prop_assume!(weights.iter().any(|w| !w.is_zero()));
            let sum: Decimal = weights.iter().copied().sum();
            let parts = allocate(total, &weights, dp).unwrap();
            let text = |v: &[Decimal]| v.iter().map(Decimal::to_string).collect::<Vec<_>>();
            proptest::prop_assert_eq!(text(&parts), text(&spread(total.round_dp(dp), &weights, sum, dp)));
            proptest::prop_assert_eq!(parts.iter().copied().sum::<Decimal>(), total.round_dp(dp));
        }
    }

    #[test]
    fn all_zero_weights_is_an_error() {
        assert!(allocate(dec!(10), &[dec!(0), dec!(0)], 2).is_err());
    }
}
