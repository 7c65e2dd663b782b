//! Sums of money amounts in integer minor units: exact, and without a `Decimal` addition per
//! amount.

use rust_decimal::Decimal;

/// An exact sum of amounts: those with exactly `dp` places (nearly all: levies are rounded to
/// the minor unit) are added as integers of minor units, any other as a `Decimal`.
pub(super) struct Sum {
    dp: u32,
    units: i128,
    other: Option<Decimal>,
}

impl Sum {
    pub(super) fn new(dp: u32) -> Self {
        Sum { dp, units: 0, other: None }
    }

    #[inline]
    pub(super) fn add(&mut self, amount: Decimal) {
        // A `Decimal` mantissa is below 2^96; a sum that would leave that range (no real cart)
        // is carried on as a `Decimal` instead.
        if amount.scale() == self.dp {
            let units = self.units + amount.mantissa();
            if units.unsigned_abs() <= MAX_MANTISSA {
                self.units = units;
                return;
            }
        }
        self.add_other(amount);
    }

    /// An amount of another scale, or past the largest mantissa: added as a `Decimal`.
    #[cold]
    #[inline(never)]
    fn add_other(&mut self, amount: Decimal) {
        self.other = Some(self.other.unwrap_or(Decimal::ZERO) + amount);
    }

    /// The sum: `dp` places when every amount had them, else the `Decimal` sum's own scale.
    pub(super) fn total(&self) -> Decimal {
        // The units are within 96 bits (`add`) and `dp` a currency's places: the `Decimal` is
        // made from its parts, the value and scale `from_i128_with_scale` gives, without its
        // range checks (a zero sum is positive, as there).
        let magnitude = self.units.unsigned_abs();
        let units = Decimal::from_parts(
            magnitude as u32,
            (magnitude >> 32) as u32,
            (magnitude >> 64) as u32,
            self.units < 0,
            self.dp,
        );
        match self.other {
            None => units,
            Some(other) => units + other,
        }
    }
}

/// The largest mantissa a `Decimal` holds (2^96 − 1).
const MAX_MANTISSA: u128 = (1 << 96) - 1;

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_levy_sum_keeps_minor_units_exact_and_any_other_scale_too() {
        let sum_of = |amounts: &[Decimal]| {
            let mut sum = Sum::new(2);
            amounts.iter().for_each(|a| sum.add(*a));
            sum.total()
        };
        assert_eq!(sum_of(&[dec!(0.10), dec!(0.20), dec!(0.0001)]), dec!(0.3001));
        // Past the largest mantissa the running sum carries on as a `Decimal`, still exact.
        let largest = dec!(792281625142643375935439503.35);
        assert_eq!(sum_of(&[largest, dec!(0.01), dec!(-1.00)]), dec!(792281625142643375935439502.36));
        assert_eq!(Sum::new(2).total().to_string(), "0.00");
    }

    #[test]
    fn a_total_is_the_decimal_of_its_units_at_its_places() {
        // `total` builds the `Decimal` from its parts: the same value, scale and sign as
        // `from_i128_with_scale`, at both ends of the 96-bit range and around zero.
        let max = (1i128 << 96) - 1;
        for units in [0, 1, -1, 99, -100, 1 << 31, 1 << 32, -(1 << 63), 1 << 64, max - 1, max, -max] {
            for dp in [0, 2, 3] {
                let sum = Sum { dp, units, other: None };
                let want = Decimal::from_i128_with_scale(units, dp);
                let got = sum.total();
                assert_eq!(
                    (got, got.scale(), got.is_sign_negative()),
                    (want, dp, want.is_sign_negative()),
                    "{units} {dp}"
                );
                assert_eq!(got.to_string(), want.to_string());
            }
        }
    }
}
