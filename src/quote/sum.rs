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
        let units = self.units + amount.mantissa();
        if amount.scale() == self.dp && units.unsigned_abs() <= MAX_MANTISSA {
            self.units = units;
        } else {
            self.other = Some(self.other.unwrap_or(Decimal::ZERO) + amount);
        }
    }

    /// The sum: `dp` places when every amount had them, else the `Decimal` sum's own scale.
    pub(super) fn total(&self) -> Decimal {
        // Nearly every sum fits in 64 bits: built directly, without the 96-bit range check.
        let units = match i64::try_from(self.units) {
            Ok(units) => Decimal::new(units, self.dp),
            Err(_) => Decimal::from_i128_with_scale(self.units, self.dp),
        };
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
}
