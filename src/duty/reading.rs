//! A tariff's own meaning of a unit on some of its lines, where the same words mean another
//! measure on the rest: the HTSUS's "pf.liter" is a proof litre of alcohol in headings 2204 to
//! 2208 (chapter 22 additional U.S. notes 5 and 6) but a litre of vinegar at the standard proof
//! of 4 % acetic acid by weight in heading 2209 (additional U.S. note 9, audit-ll LL98).

use super::{DutyExpr, SpecificRate};
use crate::units::{Dimension, Measure, Qualifier};
use rust_decimal::Decimal;
use std::sync::Mutex;

/// One tariff's reading of a unit on the lines under a code prefix.
#[derive(Debug)]
pub struct UnitReading {
    /// The tariff (`US`).
    pub tariff: &'static str,
    /// The lines it holds for: codes starting with these digits.
    pub prefix: &'static str,
    /// The measure the words are read as elsewhere.
    pub from: Measure,
    /// The measure they mean on these lines, charged per `per` base units of it.
    pub to: (Measure, Decimal),
    /// The unit as a person reads it on these lines.
    pub label: &'static str,
    /// The tariff's text that defines it.
    pub source: &'static str,
}

/// The qualifier of a litre of vinegar at its standard proof.
const VINEGAR_PROOF: &str = "vinegar_proof";

/// Every reading. HTSUS (2026) chapter 22 additional U.S. note 9: "For the purposes of heading
/// 2209, the standard proof of vinegar is 4 percent by weight of acetic acid" (read in the text of
/// the USITC's chapter 22, page 22-2; notes 5 and 6, which make a proof litre one of alcohol, are
/// written for headings 2204, 2206, 2207 and 2208 only).
static READINGS: &[UnitReading] = &[UnitReading {
    tariff: "US",
    prefix: "2209",
    from: Measure::net(Dimension::PureAlcohol),
    to: (Measure { dimension: Dimension::Volume, qualifier: Qualifier::VINEGAR_PROOF }, Decimal::ONE),
    label: "proof liter of vinegar",
    source: "HTSUS chapter 22 additional U.S. note 9 (standard proof of vinegar: 4 % acetic acid by weight)",
}];

impl UnitReading {
    /// The reading for a line of `tariff` whose code is `digits`, if any.
    pub fn of_line(tariff: &str, digits: &[u8]) -> Option<&'static UnitReading> {
        READINGS.iter().find(|r| r.tariff == tariff && digits.starts_with(r.prefix.as_bytes()))
    }

    /// The duty text `text` parsed, with every specific rate per `from` charged per `to`
    /// instead: built once per distinct text, then shared (a tariff's rows live as long as the
    /// program). Keyed by the text, not the parsed expression: comparing expressions linked
    /// `DutyExpr`'s `PartialEq` into the module for this alone.
    pub fn applied(&'static self, text: &str) -> &'static DutyExpr {
        type Cache = Vec<(&'static UnitReading, String, &'static DutyExpr)>;
        static READ: Mutex<Cache> = Mutex::new(Vec::new());
        let mut cache = READ.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, _, read)) = cache.iter().find(|(r, t, _)| std::ptr::eq(*r, self) && t == text) {
            return read;
        }
        let read: &'static DutyExpr = Box::leak(Box::new(self.read(&DutyExpr::parse(text))));
        cache.push((self, text.to_string(), read));
        read
    }

    /// `expr` read on these lines: each specific rate per `from` is one per `to`.
    pub fn read(&self, expr: &DutyExpr) -> DutyExpr {
        let read = |e: &DutyExpr| Box::new(self.read(e));
        match expr {
            DutyExpr::Specific(rate) if rate.measure == self.from => DutyExpr::Specific(SpecificRate {
                measure: self.to.0,
                per: self.to.1,
                unit_label: self.label.to_string(),
                ..rate.clone()
            }),
            DutyExpr::Sum { terms } => DutyExpr::Sum { terms: terms.iter().map(|t| self.read(t)).collect() },
            DutyExpr::AtLeast { expr, floor } => DutyExpr::AtLeast { expr: read(expr), floor: read(floor) },
            DutyExpr::AtMost { expr, cap } => DutyExpr::AtMost { expr: read(expr), cap: read(cap) },
            DutyExpr::Seasonal { seasons } => DutyExpr::Seasonal {
                seasons: seasons
                    .iter()
                    .map(|s| super::Season { windows: s.windows.clone(), expr: self.read(&s.expr) })
                    .collect(),
            },
            DutyExpr::Subheading { plus, minus } => {
                DutyExpr::Subheading { plus: plus.as_deref().map(read), minus: minus.as_deref().map(read) }
            }
            other => other.clone(),
        }
    }

    /// True for the measure of a litre of vinegar at its standard proof.
    pub fn is_vinegar_proof(measure: Measure) -> bool {
        measure.dimension == Dimension::Volume && measure.qualifier.id() == VINEGAR_PROOF
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::duty::DutyInput;
    use crate::money::Currency;
    use crate::units::Quantities;
    use rust_decimal_macros::dec;

    #[test]
    fn a_proof_litre_in_heading_2209_is_one_of_vinegar_never_of_alcohol() {
        // HTSUS 2209.00.00 "0.5¢/pf.liter"; chapter 22 additional U.S. note 9.
        let reading = UnitReading::of_line("US", b"22090000").expect("2209 has a reading");
        assert!(UnitReading::of_line("US", b"22089080").is_none() && UnitReading::of_line("EU", b"22090011").is_none());
        let expr = reading.applied("0.5¢/pf.liter");
        let DutyExpr::Specific(rate) = expr else { panic!("{expr:?}") };
        assert!(UnitReading::is_vinegar_proof(rate.measure) && rate.per == Decimal::ONE, "{rate:?}");
        assert!(std::ptr::eq(expr, reading.applied("0.5¢/pf.liter")));
        // 10 l at 0.5 % vol is no quantity of vinegar: not priced, never 0.00.
        let mut q = Quantities::new();
        q.add_text("10l", "qty").unwrap();
        q.alcohol_pct = Some(dec!(0.5));
        let r = expr.evaluate(&DutyInput::value_only(dec!(20), Currency::USD, &q));
        assert!(!r.priceable && r.amount.is_none() && r.partial_amount.is_none(), "{r:?}");
        // 15 proof litres of vinegar (10 l at 6 % acetic acid): 0.5¢ × 15 = 7.5¢ = 0.08.
        q.add_text("15l:vinegar_proof", "qty").unwrap();
        let r = expr.evaluate(&DutyInput::value_only(dec!(20), Currency::USD, &q));
        assert_eq!(r.amount, Some(dec!(0.08)), "{r:?}");
    }
}
