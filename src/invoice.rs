//! Invoice check: recompute what a carrier billed from the same snapshot and explain each
//! difference with its likely cause.

use crate::error::Result;
use crate::quote::Quote;
use crate::request::QuoteRequest;
use crate::Engine;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What the carrier billed, in the destination's currency.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Billed {
    #[serde(default, deserialize_with = "crate::money::amount::deserialize")]
    pub duty: Decimal,
    #[serde(default, deserialize_with = "crate::money::amount::deserialize")]
    pub tax: Decimal,
    #[serde(default, deserialize_with = "crate::money::amount::deserialize")]
    pub fees: Decimal,
}

/// One billed figure against the recomputed one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Difference {
    pub item: String,
    pub billed: Decimal,
    pub expected: Decimal,
    pub difference: Decimal,
    /// The most likely explanations, best first.
    pub likely_causes: Vec<String>,
}

/// The invoice check's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct InvoiceCheck {
    pub quote: Quote,
    pub differences: Vec<Difference>,
    /// Billed total minus expected total.
    pub overcharge: Decimal,
}

/// True when a difference (either sign) matches an amount to within two cents.
fn near(difference: Decimal, amount: Decimal) -> bool {
    !amount.is_zero() && (difference.abs() - amount.abs()).abs() <= Decimal::new(2, 2)
}

/// Recomputes the request and compares it with the bill.
pub fn check(engine: &Engine, req: &QuoteRequest, billed: &Billed) -> Result<InvoiceCheck> {
    let q = engine.quote(req)?;
    let t = &q.totals;
    let mut differences = Vec::new();
    let cif: Decimal = q.lines.iter().map(|l| l.goods_value + l.shipping + l.insurance).sum();
    let goods: Decimal = q.lines.iter().map(|l| l.goods_value).sum();
    let transport = t.shipping + t.insurance;
    let duty_rate = if goods.is_zero() {
        Decimal::ZERO
    } else {
        t.duty / q.lines.iter().map(|l| l.customs_value).sum::<Decimal>().max(Decimal::ONE)
    };
    let tax_rate = q
        .lines
        .iter()
        .flat_map(|l| &l.levies)
        .find(|l| l.kind == crate::quote::LevyKind::Tax)
        .and_then(|l| l.rate.as_str().trim_end_matches('%').parse::<Decimal>().ok())
        .map(|p| p / Decimal::ONE_HUNDRED)
        .unwrap_or_default();
    let all_relieved = q.thresholds.iter().any(|th| th.applies);
    for (item, billed_amount, expected) in
        [("duty", billed.duty, t.duty), ("tax", billed.tax, t.tax), ("fees", billed.fees, t.fees)]
    {
        let diff = billed_amount - expected;
        if diff.is_zero() {
            continue;
        }
        let mut causes = Vec::new();
        if diff.abs() <= Decimal::new(1, 2) * Decimal::from(q.lines.len().max(1)) {
            causes.push("rounding: per-line vs per-total rounding, or half-up vs half-even".to_string());
        }
        match item {
            "duty" => {
                if near(diff, duty_rate * transport) {
                    causes.push("duty charged on CIF where the destination uses FOB (or the reverse)".into());
                }
                if all_relieved && expected.is_zero() {
                    causes.push("a de minimis / low-value relief was not applied".into());
                }
                if !expected.is_zero() {
                    causes.push(format!(
                        "a different rate, classification or exchange rate: billed is {}% of expected",
                        (billed_amount / expected * Decimal::ONE_HUNDRED).round_dp(1)
                    ));
                } else {
                    causes.push("a different classification or exchange rate than the one quoted".into());
                }
            }
            "tax" => {
                if near(diff, tax_rate * t.duty) {
                    causes.push("VAT/GST base left out (or added) the duty: the base must be value + duty".into());
                }
                if near(diff, tax_rate * transport) {
                    causes.push("VAT/GST base left out (or added) transport and insurance".into());
                }
                if near(diff, tax_rate * (cif - goods + t.duty)) {
                    causes.push("VAT/GST charged on the goods price only".into());
                }
                causes.push("a different VAT/GST rate (reduced or standard) or exchange rate".into());
            }
            _ => {
                if diff > Decimal::ZERO {
                    causes.push("a carrier disbursement, advancement or clearance fee (not a government levy)".into());
                }
                causes.push("a different entry type (formal vs informal) or fee schedule".into());
            }
        }
        differences.push(Difference {
            item: item.into(),
            billed: billed_amount,
            expected,
            difference: diff,
            likely_causes: causes,
        });
    }
    let overcharge = billed.duty + billed.tax + billed.fees - (t.duty + t.tax + t.fees);
    Ok(InvoiceCheck { quote: q, differences, overcharge })
}

#[cfg(test)]
mod tests {
    use super::Billed;
    use rust_decimal::Decimal;

    /// Billed figures are read like request amounts: a digit separator or a decimal comma is
    /// refused, never read as 4999 (issue 12, "bad input").
    #[test]
    fn billed_amounts_are_read_strictly() {
        let ok: Billed = serde_json::from_str(r#"{"duty":"12.50","tax":"3"}"#).unwrap();
        assert_eq!(ok.duty, Decimal::new(1250, 2));
        assert_eq!(ok.fees, Decimal::ZERO);
        for bad in [r#"{"duty":"4_999"}"#, r#"{"tax":"49,99"}"#, r#"{"fees":" 5"}"#] {
            assert!(serde_json::from_str::<Billed>(bad).is_err(), "{bad}");
        }
    }
}
