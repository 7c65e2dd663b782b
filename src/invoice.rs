//! Invoice check: recompute what a carrier billed from the same snapshot and explain each
//! difference with its likely cause.
//!
//! A recomputed figure with a levy not priced (a line `partial`, a fee whose figures for the
//! date are unknown) is only a lower bound, so a bill is never called an overcharge against it:
//! that component is always listed, with `expected_is: "at_least"` and `unpriced` saying what is
//! missing, and the answer's `overcharge_is` is `"at_most"` (docs/rules.md#18).
//!
//! A figure the caller did not give is not checked, never read as a bill of 0 (audit-s S9: an
//! omitted `--tax` was "diagnosed" as billed 0% of expected): it is left out of the differences
//! and of the overcharge, and named in `not_checked`. A bill with none of the three is an error.

use crate::error::Result;
use crate::incomplete::{unpriced_in, Component, Exactness};
use crate::quote::Quote;
use crate::request::QuoteRequest;
use crate::Engine;
use rust_decimal::Decimal;
use serde::Serialize;

/// What the carrier billed, in the destination's currency; a figure left out (`None`) is not
/// checked.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Billed {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub duty: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub tax: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub fees: Option<Decimal>,
}

impl Billed {
    /// Reads `{"duty": "12.50", "tax": 3}` (each field optional: absent or null, not checked) like a request's
    /// amounts: exactly from the text of a JSON string or number, never through a float; a
    /// decimal comma or digit separator is `E_AMOUNT`, an unknown or repeated field names it.
    ///
    /// ```
    /// let b = landed::invoice::Billed::from_json(r#"{"duty": 0.1, "tax": "3"}"#).unwrap();
    /// assert_eq!(b.duty.unwrap().to_string(), "0.1");
    /// assert_eq!(b.fees, None);
    /// assert!(landed::invoice::Billed::from_json(r#"{"tax": "49,99"}"#).is_err());
    /// ```
    pub fn from_json(text: &str) -> Result<Billed> {
        let [duty, tax, fees] = crate::request::decode_billed(text)?;
        Ok(Billed { duty, tax, fees })
    }
}

/// One billed figure against the recomputed one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Difference {
    pub item: String,
    pub billed: Decimal,
    /// The recomputed figure (its known part when `expected_is` is `at_least`); absent when
    /// `unknown`: nothing of it is priced (a destination without a tariff, audit-kk KK50).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub expected: Option<Decimal>,
    /// `billed - expected`; absent when `expected` is.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub difference: Option<Decimal>,
    /// The most likely explanations, best first.
    pub likely_causes: Vec<String>,
    /// `exact`, or `at_least` when a levy of this component is not priced: `expected` is then its
    /// known part, and a bill at or above it cannot be checked; `unknown` when none of it is
    /// priced (never "expected 0").
    pub expected_is: Exactness,
    /// What the recomputed figure lacks (the lines or fees not priced, and why); empty when exact.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub unpriced: Vec<String>,
}

/// The invoice check's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct InvoiceCheck {
    pub quote: Quote,
    pub differences: Vec<Difference>,
    /// Billed total minus expected total.
    pub overcharge: Decimal,
    /// `exact`, or `at_most` when the recomputed quote is incomplete: its total is a lower bound,
    /// so the bill exceeds it by at most `overcharge` and may not exceed it at all.
    pub overcharge_is: Exactness,
    /// The figures the bill did not give (`duty`, `tax`, `fees`): not compared, and not in
    /// `overcharge`, which covers only the figures given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub not_checked: Vec<String>,
}

/// True when a difference (either sign) matches an amount to within two cents.
fn near(difference: Decimal, amount: Decimal) -> bool {
    !amount.is_zero() && (difference.abs() - amount.abs()).abs() <= Decimal::new(2, 2)
}

/// Recomputes the request and compares it with the bill.
pub fn check(engine: &Engine, req: &QuoteRequest, billed: &Billed) -> Result<InvoiceCheck> {
    let given = [("duty", billed.duty), ("tax", billed.tax), ("fees", billed.fees)];
    if given.iter().all(|(_, amount)| amount.is_none()) {
        return Err(crate::error::Error::new(
            crate::error::ErrorCode::MissingField,
            "billed",
            "the bill gives no figure: give at least one of duty, tax and fees (a figure left out is not checked, never read as 0)",
        ));
    }
    // A bill is what was charged: a negative figure is an input error, never a refund to compare.
    for (field, amount) in given.iter().filter_map(|(f, a)| a.map(|a| (*f, a))) {
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(crate::error::Error::new(
                crate::error::ErrorCode::NegativeAmount,
                field,
                format!("billed {field} is {amount}: a billed amount cannot be negative"),
            ));
        }
    }
    let q = engine.quote(req)?;
    let t = &q.totals;
    let mut hints = Hints::of(&q);
    hints.carrier_charge_in_base = engine
        .rules()
        .jurisdiction(&req.destination.to_ascii_uppercase(), req.date)
        .is_ok_and(|j| j.tax_base_costs.is_some());
    // Only a hint's input (a carrier's charge in the tax base): fees not given are none billed.
    hints.billed_fees = billed.fees.unwrap_or_default();
    // The carrier bills the tax due at the border: tax the seller collected at the sale (IOSS,
    // the UK's <= GBP 135, VOEC...) is not the carrier's to charge.
    // A simplified regime's seller may collect the duty too (Remessa Conforme).
    let duty_at_sale = t.duty_collected_at_sale.unwrap_or_default();
    let border_tax = t.tax - (t.collected_at_sale - duty_at_sale);
    let unclaimed = Unclaimed::of(engine, req, &q);
    let differences = [
        ("duty", billed.duty, t.duty - duty_at_sale, Component::Duty),
        ("tax", billed.tax, border_tax, Component::Tax),
        ("fees", billed.fees, t.fees, Component::Fees),
    ]
    .into_iter()
    .filter_map(|(item, billed_amount, expected, component)| {
        difference(item, billed_amount?, expected, unpriced_in(&q, component), &hints)
    })
    .map(|mut d| {
        let at_sale = match d.item.as_str() {
            "tax" => t.collected_at_sale - duty_at_sale,
            "duty" => duty_at_sale,
            _ => Decimal::ZERO,
        };
        if d.difference.is_some_and(|x| x > Decimal::ZERO) && !at_sale.is_zero() {
            d.likely_causes.insert(
                0,
                format!(
                    "the seller collected {} {} of {} at the sale ({}): not due to the carrier, so a bill charging it charges it twice",
                    at_sale,
                    q.currency,
                    d.item,
                    t.collected_at_sale_rule.as_ref().map_or_else(|| "a low-value scheme".to_string(), |r| r.to_string())
                ),
            );
        }
        if let Some(cause) = unclaimed.as_ref().and_then(|u| u.cause(&d)) {
            d.likely_causes.insert(0, cause);
        }
        d
    })
    .collect();
    // Billed minus expected over the figures given only: one not given is not a bill of 0.
    let compared = [(billed.duty, t.duty - duty_at_sale), (billed.tax, border_tax), (billed.fees, t.fees)];
    let overcharge = compared.iter().filter_map(|(b, e)| b.map(|b| b - e)).sum();
    let not_checked = given.iter().filter(|(_, a)| a.is_none()).map(|(f, _)| f.to_string()).collect();
    let overcharge_is = if t.complete { Exactness::Exact } else { Exactness::AtMost };
    Ok(InvoiceCheck { quote: q, differences, overcharge, overcharge_is, not_checked })
}

/// The border duty and tax of a quote: what the carrier bills (the seller's share at the sale
/// left out).
fn at_border(q: &Quote) -> (Decimal, Decimal) {
    let t = &q.totals;
    let duty_at_sale = t.duty_collected_at_sale.unwrap_or_default();
    (t.duty - duty_at_sale, t.tax - (t.collected_at_sale - duty_at_sale))
}

/// The figures of a claimed cart priced without its claims: a bill equal to them means the
/// preference was not applied at entry (audit-qq QQ15: a TCA jacket billed 48.00 duty, the 12 %
/// general rate, was put down to "a different classification or exchange rate").
struct Unclaimed {
    /// The programmes claimed, `+`-joined.
    programmes: String,
    duty: Decimal,
    tax: Decimal,
    currency: crate::money::Currency,
    /// Most the bill may differ from an unclaimed figure and match it (a cent per line).
    tolerance: Decimal,
}

impl Unclaimed {
    /// None when no line claims, or the cart cannot be priced without its claims, or is not
    /// complete so (its figures are then no match).
    fn of(engine: &Engine, req: &QuoteRequest, q: &Quote) -> Option<Unclaimed> {
        let mut programmes: Vec<&str> = Vec::new();
        for p in q.lines.iter().filter_map(|l| l.claim.as_ref()).map(|c| c.program.as_str()) {
            if !programmes.contains(&p) {
                programmes.push(p);
            }
        }
        if programmes.is_empty() {
            return None;
        }
        let mut r = req.clone();
        r.claim = None;
        r.lines.iter_mut().for_each(|l| l.claim = None);
        let without = engine.quote(&r).ok().filter(|w| w.totals.complete)?;
        let (duty, tax) = at_border(&without);
        Some(Unclaimed {
            programmes: programmes.join("+"),
            duty,
            tax,
            currency: without.currency,
            tolerance: Decimal::new(1, 2) * Decimal::from(q.lines.len().max(1)),
        })
    }

    /// The cause to list first when a billed duty or tax above the claimed figure is the one
    /// without the claim.
    fn cause(&self, d: &Difference) -> Option<String> {
        let unclaimed = match d.item.as_str() {
            "duty" => self.duty,
            "tax" => self.tax,
            _ => return None,
        };
        let above = d.difference.is_some_and(|x| x > Decimal::ZERO);
        if !above || (d.billed - unclaimed).abs() > self.tolerance {
            return None;
        }
        let (p, c) = (&self.programmes, self.currency);
        Some(match d.item.as_str() {
            "duty" => format!(
                "the preference claimed ({p}) was not applied at entry: the bill is the duty without the claim, {unclaimed} {c}; ask whether the claim and its proof of origin were declared (a repayment may be asked for where the law allows it)"
            ),
            _ => format!(
                "the tax on the duty of the preference not applied ({p}): the tax without the claim is {unclaimed} {c}"
            ),
        })
    }
}

/// One component's comparison: none when billed equals a complete expected figure. An
/// incomplete expected figure (`unpriced` not empty) is always listed; a bill at or above it
/// cannot be checked, one below it is explained as usual.
fn difference(
    item: &str,
    billed: Decimal,
    expected: Decimal,
    unpriced: Vec<String>,
    hints: &Hints,
) -> Option<Difference> {
    let diff = billed - expected;
    let exact = unpriced.is_empty();
    if diff.is_zero() && exact {
        return None;
    }
    let mut likely_causes = Vec::new();
    // Nothing of it priced: "at least 0" says nothing, and 0 is no figure to compare with.
    if !exact && expected.is_zero() {
        likely_causes.push(format!(
            "nothing of the recomputed {item} figure is priced (see not priced), so the bill cannot be checked"
        ));
        return Some(Difference {
            item: item.into(),
            billed,
            expected: None,
            difference: None,
            likely_causes,
            expected_is: Exactness::Unknown,
            unpriced,
        });
    }
    if !exact {
        let below = if diff < Decimal::ZERO { ", but it is below even that" } else { "" };
        likely_causes.push(format!(
            "the recomputed {item} figure is at least {expected}: some of it is not priced, so the bill cannot be checked{below}"
        ));
    }
    if exact || diff < Decimal::ZERO {
        likely_causes.extend(hints.causes(item, diff, billed, expected));
    }
    Some(Difference {
        item: item.into(),
        billed,
        expected: Some(expected),
        difference: Some(diff),
        likely_causes,
        expected_is: if exact { Exactness::Exact } else { Exactness::AtLeast },
        unpriced,
    })
}

/// The quote's figures the likely causes are matched against.
struct Hints {
    lines: usize,
    cif: Decimal,
    goods: Decimal,
    transport: Decimal,
    duty: Decimal,
    duty_rate: Decimal,
    tax_rate: Decimal,
    all_relieved: bool,
    /// The fees the quote has (government fees, and the request's `tax_base_charges`).
    fees: Decimal,
    /// The fees billed (set by [`check`]).
    billed_fees: Decimal,
    /// The quote's `W_ASSUMPTION tax_base_charges`: it assumed no carrier's charge in the tax
    /// base, and says which law puts one there.
    carrier_charge_assumed: Option<String>,
    /// The destination's law puts a carrier's charge in the import tax base (`tax_base_costs` of
    /// `rules/jurisdictions.tsv`: the EU, GB, XI, CH). Elsewhere (AU, NZ, CA, JP, …) the carrier's
    /// charge is its own domestic supply, taxed on its own invoice (audit-ss SS1).
    carrier_charge_in_base: bool,
}

impl Hints {
    fn of(q: &Quote) -> Hints {
        let t = &q.totals;
        let goods: Decimal = q.lines.iter().map(|l| l.goods_value).sum();
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
        Hints {
            lines: q.lines.len(),
            cif: q.lines.iter().map(|l| l.goods_value + l.shipping + l.insurance).sum(),
            goods,
            transport: t.shipping + t.insurance,
            duty: t.duty,
            duty_rate,
            tax_rate,
            all_relieved: q.thresholds.iter().any(|th| th.applies),
            fees: t.fees,
            billed_fees: Decimal::ZERO,
            carrier_charge_assumed: q
                .warnings
                .iter()
                .find(|w| w.code == crate::error::WarningCode::Assumption && w.message.starts_with("tax_base_charges:"))
                .map(|w| w.message.to_string()),
            carrier_charge_in_base: true, // set by `check` from the destination's law
        }
    }

    /// The most likely explanations of `diff` on one component, best first.
    fn causes(&self, item: &str, diff: Decimal, billed: Decimal, expected: Decimal) -> Vec<String> {
        let mut causes = Vec::new();
        if diff.abs() <= Decimal::new(1, 2) * Decimal::from(self.lines.max(1)) {
            causes.push("rounding: per-line vs per-total rounding, or half-up vs half-even".to_string());
        }
        match item {
            "duty" => {
                if near(diff, self.duty_rate * self.transport) {
                    causes.push("duty charged on CIF where the destination uses FOB (or the reverse)".into());
                }
                if self.all_relieved && expected.is_zero() {
                    causes.push("a de minimis / low-value relief was not applied".into());
                }
                if !expected.is_zero() {
                    causes.push(format!(
                        "a different rate, classification or exchange rate: billed is {}% of expected",
                        (billed / expected * Decimal::ONE_HUNDRED).round_dp(1)
                    ));
                } else {
                    causes.push("a different classification or exchange rate than the one quoted".into());
                }
            }
            "tax" => {
                // The carrier's own charge (the billed fees beyond the quote's) in the import tax
                // base: what the quote's W_ASSUMPTION tax_base_charges names (audit-n N7: +2.28
                // on a bill of 12.00 fees at 19 % was put down to "a different rate").
                let carrier = [self.billed_fees, self.billed_fees - self.fees];
                let carrier_taxed =
                    diff > Decimal::ZERO && carrier.iter().any(|&c| c > Decimal::ZERO && near(diff, self.tax_rate * c));
                if carrier_taxed && !self.carrier_charge_in_base {
                    causes.push(format!(
                        "the carrier's own tax on its charge: the difference is {}% × the billed fees ({}); this destination's law puts no carrier's charge in the import tax base, so the carrier charges it as a domestic supply of its own (not import tax; tax_base_charges does not apply here)",
                        (self.tax_rate * Decimal::ONE_HUNDRED).normalize(),
                        self.billed_fees
                    ));
                } else if carrier_taxed {
                    let why = match &self.carrier_charge_assumed {
                        Some(_) => "the quote assumed none (W_ASSUMPTION tax_base_charges)",
                        None => "the quote has none",
                    };
                    causes.push(format!(
                        "the carrier's charge in the import VAT/GST base: the difference is {}% × the billed fees ({}), and {why}; give the charge in tax_base_charges to recompute",
                        (self.tax_rate * Decimal::ONE_HUNDRED).normalize(),
                        self.billed_fees
                    ));
                }
                if near(diff, self.tax_rate * self.duty) {
                    causes.push("VAT/GST base left out (or added) the duty: the base must be value + duty".into());
                }
                if near(diff, self.tax_rate * self.transport) {
                    causes.push("VAT/GST base left out (or added) transport and insurance".into());
                }
                if near(diff, self.tax_rate * (self.cif - self.goods + self.duty)) {
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
        causes
    }
}

#[cfg(test)]
mod tests {
    use super::Billed;
    use rust_decimal::Decimal;

    /// Billed figures are read like request amounts: a digit separator or a decimal comma is
    /// refused, never read as 4999 (issue 12, "bad input").
    #[test]
    fn billed_amounts_are_read_strictly() {
        let ok = Billed::from_json(r#"{"duty":"12.50","tax":"3"}"#).unwrap();
        assert_eq!(ok.duty, Some(Decimal::new(1250, 2)));
        // Not given: not checked (audit-s S9), never a bill of 0.
        assert_eq!(ok.fees, None);
        assert_eq!(Billed::from_json(r#"{"fees":null}"#).unwrap(), Billed::default());
        for (bad, field) in [
            (r#"{"duty":"4_999"}"#, "billed.duty"),
            (r#"{"tax":"49,99"}"#, "billed.tax"),
            (r#"{"fees":" 5"}"#, "billed.fees"),
            (r#"{"fee":"5"}"#, "billed.fee"),
            (r#"{"tax":"1","tax":"2"}"#, "billed.tax"),
        ] {
            let e = Billed::from_json(bad).expect_err(bad);
            assert_eq!(e.field.as_deref(), Some(field), "{bad}");
        }
        assert_eq!(Billed::from_json("[1]").unwrap_err().field.as_deref(), Some("billed"));
        assert_eq!(Billed::from_json("{").unwrap_err().code, crate::error::ErrorCode::Json);
    }

    /// A JSON number is read from its digits, as a request's amounts are: 0.1 is exactly one
    /// tenth (through f64 it was 0.1000000000000000055…, shortest-printed back), 1e2 is 100.
    #[test]
    fn billed_numbers_are_exact() {
        let b = Billed::from_json(r#"{"duty": 0.1, "tax": 1e2, "fees": 12.345678901234567890123}"#).unwrap();
        assert_eq!((b.duty, b.tax), (Some(Decimal::new(1, 1)), Some(Decimal::ONE_HUNDRED)));
        assert_eq!(b.fees.unwrap().to_string(), "12.345678901234567890123");
    }
}
