//! Time travel: the same cart on two dates side by side with every levy that changed and why,
//! and a catalogue diff ("these SKUs change duty on this date").
//!
//! An incomplete quote's totals are lower bounds (docs/rules.md#18), so a difference with one
//! incomplete side is a bound and with two is unknown: `landed_delta_is` and each change's
//! `delta_is` say which (`exact`, `at_least`, `at_most`, `unknown`), and `unpriced` says what
//! each date's quote lacks. A levy not priced counts with its known part (`partial_amount`, else
//! nothing), as the totals count it.
//!
//! A duty present on one date and absent on the other is "newly charged" or "no longer charged"
//! only when the other date's line had a duty source: a line whose duty could not be priced at
//! all on a date (no tariff line in force: Japan's schedule in our data starts on 2026-07-09)
//! has no duty levy, and the change says the duty is not known on that date, naming where our
//! tariff data starts when that is why (audit-g G5), never "newly charged".

use crate::datasets::DatasetKind;
use crate::date::Date;
use crate::error::{ErrorCode, Result};
use crate::incomplete::{component_is_exact, unpriced, Component, Exactness};
use crate::quote::{Levy, LevyKind, LineQuote, LineStatus, Quote};
use crate::request::QuoteRequest;
use crate::Engine;
use rust_decimal::Decimal;
use serde::Serialize;

/// One levy that differs between the two dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct LevyChange {
    /// Line id, or `shipment`.
    pub line: String,
    pub name: String,
    pub before: Option<Decimal>,
    pub after: Option<Decimal>,
    pub delta: Decimal,
    /// `exact`, or what `delta` is when a side is not priced: `at_least` (after), `at_most`
    /// (before), `unknown` (both).
    pub delta_is: Exactness,
    /// What changed: the rate text, the base, a levy appearing or ending, a threshold.
    pub why: String,
}

/// Two quotes and what changed between them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Comparison {
    pub before: Quote,
    pub after: Quote,
    pub changes: Vec<LevyChange>,
    /// Landed after minus landed before (same currency).
    pub landed_delta: Decimal,
    /// `exact` when both quotes are complete; `at_least` when only the later one is incomplete
    /// (its landed total is a lower bound), `at_most` when only the earlier one is, `unknown`
    /// when both are.
    pub landed_delta_is: Exactness,
    /// What leaves either quote incomplete, each entry prefixed with its date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub unpriced: Vec<String>,
}

fn key(l: &Levy) -> String {
    // Names carry the measure (and the tariff line); amounts are compared by name within a line.
    l.name.to_string()
}

/// A levy's known amount: its amount, else its priced part, else nothing (as the totals count it).
fn known(l: &Levy) -> Decimal {
    l.amount.or(l.partial_amount).unwrap_or_default()
}

/// The exactness of a change from `before` to `after`, an absent levy being an exact zero. A
/// rounding adjustment not priced (a declaration total rounded down, whose base is only at least
/// its known part) bounds nothing: the final difference may be anything within one step, so a
/// change with one is `unknown` (audit-qq QQ12: "a rise of at least 12" for Japan's ¥100 step).
fn delta_is(before: Option<&Levy>, after: Option<&Levy>) -> Exactness {
    let exact = |l: Option<&Levy>| l.is_none_or(|l| l.amount.is_some());
    let rounding_unpriced =
        |l: Option<&Levy>| l.is_some_and(|l| l.amount.is_none() && l.source.dataset.contains(ROUNDING_ROWS));
    if rounding_unpriced(before) || rounding_unpriced(after) {
        return Exactness::Unknown;
    }
    Exactness::of_difference(exact(before), exact(after))
}

/// The table of rounding adjustments (`tax_rounding.tsv`) as a levy's source names it.
const ROUNDING_ROWS: &str = "tax_rounding.tsv#";

/// Why the duties of one side (a line, or the shipment) are not known on its date: set when that
/// side has no duty levy at all and is not fully priced (its duty had no source), so a duty levy
/// of the other date cannot be compared with anything.
#[derive(Default)]
struct Unknown {
    /// `not known on DATE: why`, for the earlier date.
    before: Option<String>,
    /// The same for the later date.
    after: Option<String>,
    /// The two dates.
    dates: Option<(Date, Date)>,
}

fn is_duty(l: &Levy) -> bool {
    matches!(l.kind, LevyKind::Duty | LevyKind::AdditionalDuty)
}

/// Why a date's duties are unknown, for the change text: where our tariff data starts, when the
/// other date's quote used a tariff edition this one did not and that edition begins after this
/// date; else the line's duty was not priced (its reason is in `unpriced`).
fn unknown_because(this: &Quote, other: &Quote, date: Date) -> String {
    // `date` is the side whose duties are unknown; the other side's tariff edition names the gap.
    let gap = other
        .datasets
        .iter()
        .filter(|d| d.kind == DatasetKind::Tariff)
        .find(|d| !this.datasets.iter().any(|t| t.id == d.id) && Date::parse(&d.vintage).is_ok_and(|v| v > date));
    match gap {
        Some(d) => format!("no {} tariff in our data before {} ({}): not a change", other.destination, d.vintage, d.id),
        None => "the line's duty could not be priced (see unpriced)".to_string(),
    }
}

/// A line's duties are unknown on its date: not fully priced, with no duty levy at all.
fn line_duty_unknown(l: Option<&LineQuote>) -> bool {
    l.is_some_and(|l| l.status != LineStatus::Priced && !l.levies.iter().any(is_duty))
}

/// The shipment's duty levies are unknown: the quote is incomplete and no line has a duty levy.
fn shipment_duty_unknown(q: &Quote) -> bool {
    !q.totals.complete && !q.lines.iter().flat_map(|l| &l.levies).chain(&q.levies).any(is_duty)
}

fn changes(line: &str, before: &[Levy], after: &[Levy], unknown: &Unknown, out: &mut Vec<LevyChange>) {
    for b in before {
        match after.iter().find(|a| key(a) == key(b)) {
            Some(a) if a.amount != b.amount => {
                let why = if a.rate != b.rate {
                    format!("rate {} → {}", b.rate, a.rate)
                } else if a.base != b.base {
                    format!("base {} → {}", b.base, a.base)
                } else {
                    format!("{} → {}", b.formula, a.formula)
                };
                out.push(LevyChange {
                    line: line.into(),
                    name: b.name.to_string(),
                    before: b.amount,
                    after: a.amount,
                    delta: known(a) - known(b),
                    delta_is: delta_is(Some(b), Some(a)),
                    why,
                });
            }
            Some(_) => {}
            None => {
                let (delta_is, why) = match unknown.after.as_ref().filter(|_| is_duty(b)) {
                    Some(why) => (
                        Exactness::of_difference(b.amount.is_some(), false),
                        format!(
                            "{why}; on {}: {}",
                            unknown.dates.map_or(String::new(), |d| d.0.to_string()),
                            b.formula
                        ),
                    ),
                    // A levy that was 0.00 (a relief) saves nothing by ending: not "-0.00, no
                    // longer charged" (audit-n N7).
                    None if b.amount.is_some_and(|a| a.is_zero()) => (
                        delta_is(Some(b), None),
                        format!("no longer applies (was 0.00: {}; {})", b.rate, b.source.dataset_name()),
                    ),
                    None => (delta_is(Some(b), None), format!("no longer charged ({})", b.source.dataset_name())),
                };
                out.push(LevyChange {
                    line: line.into(),
                    name: b.name.to_string(),
                    before: b.amount,
                    after: None,
                    // Never a negative zero.
                    delta: match known(b).is_zero() {
                        true => Decimal::ZERO,
                        false => -known(b),
                    },
                    delta_is,
                    why,
                })
            }
        }
    }
    for a in after.iter().filter(|a| !before.iter().any(|b| key(b) == key(a))) {
        let (delta_is, why) = match unknown.before.as_ref().filter(|_| is_duty(a)) {
            Some(why) => (
                Exactness::of_difference(false, a.amount.is_some()),
                format!(
                    "{why}; on {}: {} ({})",
                    unknown.dates.map_or(String::new(), |d| d.1.to_string()),
                    a.formula,
                    a.source.publisher
                ),
            ),
            None => (delta_is(None, Some(a)), format!("newly charged: {} ({})", a.formula, a.source.publisher)),
        };
        out.push(LevyChange {
            line: line.into(),
            name: a.name.to_string(),
            before: None,
            after: a.amount,
            delta: known(a),
            delta_is,
            why,
        });
    }
}

/// Prices `req` on two dates and lists every levy that changed.
pub fn compare_dates(engine: &Engine, req: &QuoteRequest, before: Date, after: Date) -> Result<Comparison> {
    let mut a = req.clone();
    a.date = before;
    let mut b = req.clone();
    b.date = after;
    // A claim not in force on one of the dates (the TCA before 2021-01-01) prices that date
    // without it and lists the claim as the change, never failing the whole diff (audit-rr RR5).
    let (qa, qb, claim_change) = match (engine.quote(&a), engine.quote(&b)) {
        (Ok(qa), Ok(qb)) => (qa, qb, None),
        (Err(e), Ok(qb)) if e.code == ErrorCode::Claim => {
            (engine.quote(&without_claims(&a))?, qb, Some(claim_not_in_force(req, before, "before", e)))
        }
        (Ok(qa), Err(e)) if e.code == ErrorCode::Claim => {
            (qa, engine.quote(&without_claims(&b))?, Some(claim_not_in_force(req, after, "after", e)))
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let mut out: Vec<LevyChange> = claim_change.into_iter().collect();
    let why_before = format!("not known on {before}: {}", unknown_because(&qa, &qb, before));
    let why_after = format!("not known on {after}: {}", unknown_because(&qb, &qa, after));
    let unknown = |before_unknown: bool, after_unknown: bool| Unknown {
        before: before_unknown.then(|| why_before.clone()),
        after: after_unknown.then(|| why_after.clone()),
        dates: Some((before, after)),
    };
    for la in &qa.lines {
        let lb = qb.lines.iter().find(|l| l.id == la.id);
        let u = unknown(line_duty_unknown(Some(la)), line_duty_unknown(lb));
        changes(&la.id, &la.levies, lb.map(|l| l.levies.as_slice()).unwrap_or_default(), &u, &mut out);
    }
    let u = unknown(shipment_duty_unknown(&qa), shipment_duty_unknown(&qb));
    changes("shipment", &qa.levies, &qb.levies, &u, &mut out);
    for t in &qb.thresholds {
        let was = qa.thresholds.iter().find(|x| x.id == t.id);
        if was.is_none_or(|w| w.applies != t.applies) {
            out.push(LevyChange {
                line: "shipment".into(),
                name: format!("threshold {}", t.id),
                before: None,
                after: None,
                delta: Decimal::ZERO,
                delta_is: Exactness::Exact,
                why: format!("{} {} ({})", if t.applies { "applies" } else { "does not apply" }, t.limit, t.source),
            });
        }
    }
    for t in qa.thresholds.iter().filter(|t| t.applies && !qb.thresholds.iter().any(|x| x.id == t.id)) {
        out.push(LevyChange {
            line: "shipment".into(),
            name: format!("threshold {}", t.id),
            before: None,
            after: None,
            delta: Decimal::ZERO,
            delta_is: Exactness::Exact,
            why: format!("ended: {} ({})", t.limit, t.source),
        });
    }
    let landed_delta = qb.totals.landed - qa.totals.landed;
    let landed_delta_is = Exactness::of_difference(qa.totals.complete, qb.totals.complete);
    let dated = |date: Date, q: &Quote| unpriced(q).into_iter().map(move |u| format!("{date}: {u}"));
    let unpriced = dated(before, &qa).chain(dated(after, &qb)).collect();
    Ok(Comparison { before: qa, after: qb, changes: out, landed_delta, landed_delta_is, unpriced })
}

/// `req` with no preference claim, on the request or on its lines.
fn without_claims(req: &QuoteRequest) -> QuoteRequest {
    let mut r = req.clone();
    r.claim = None;
    for l in &mut r.lines {
        l.claim = None;
    }
    r
}

/// The change a claim makes when it cannot be made on one date (`side`: `before` or `after`):
/// that date is priced without it, and the claim's error says why.
fn claim_not_in_force(req: &QuoteRequest, date: Date, side: &str, e: crate::error::Error) -> LevyChange {
    let mut claims: Vec<&str> =
        req.claim.iter().chain(req.lines.iter().filter_map(|l| l.claim.as_ref())).map(String::as_str).collect();
    claims.dedup();
    let e = e.into_fields();
    LevyChange {
        line: "shipment".into(),
        name: format!("claim {}", claims.join(", ")),
        before: None,
        after: None,
        delta: Decimal::ZERO,
        delta_is: Exactness::Exact,
        why: format!(
            "the claim cannot be made on {date} ({side}: {}: {}): that date is priced without it, so the duty it spares shows as changed",
            e.field.as_deref().unwrap_or_default(),
            e.message
        ),
    }
}

/// A catalogue line whose duty differs between two dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct SkuChange {
    pub sku: String,
    pub code: String,
    pub duty_before: Option<Decimal>,
    pub duty_after: Option<Decimal>,
    pub landed_before: Decimal,
    pub landed_after: Decimal,
    pub why: Vec<String>,
    /// `exact`, or `at_least` when a duty of the SKU is not priced on that date.
    pub duty_before_is: Exactness,
    pub duty_after_is: Exactness,
    /// `exact`, or `at_least` when the SKU's quote on that date is incomplete.
    pub landed_before_is: Exactness,
    pub landed_after_is: Exactness,
    /// What leaves either date's quote incomplete, each entry prefixed with its date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub unpriced: Vec<String>,
}

/// `exact`, or `at_least` for a lower bound.
fn at_least_unless(exact: bool) -> Exactness {
    if exact {
        Exactness::Exact
    } else {
        Exactness::AtLeast
    }
}

/// For each line of `req` priced alone (as a SKU), the SKUs whose duty changes between the dates.
pub fn catalogue_diff(engine: &Engine, req: &QuoteRequest, before: Date, after: Date) -> Result<Vec<SkuChange>> {
    let mut out = Vec::new();
    for line in &req.lines {
        let mut single = req.clone();
        single.lines = vec![line.clone()];
        let c = compare_dates(engine, &single, before, after)?;
        let duty = |q: &Quote| q.lines.first().map(|_| q.totals.duty);
        if duty(&c.before) != duty(&c.after) {
            out.push(SkuChange {
                sku: line.id.clone(),
                code: line.code.clone(),
                duty_before: duty(&c.before),
                duty_after: duty(&c.after),
                landed_before: c.before.totals.landed,
                landed_after: c.after.totals.landed,
                why: c.changes.iter().map(|x| format!("{}: {}", x.name, x.why)).collect(),
                duty_before_is: at_least_unless(component_is_exact(&c.before, Component::Duty)),
                duty_after_is: at_least_unless(component_is_exact(&c.after, Component::Duty)),
                landed_before_is: at_least_unless(c.before.totals.complete),
                landed_after_is: at_least_unless(c.after.totals.complete),
                unpriced: c.unpriced,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provenance::Provenance;
    use crate::quote::LevyKind;

    #[test]
    fn an_ended_vat_levy_names_its_table_row() {
        // A levy that ends says which row charged it: a VAT/GST row is cited as
        // `tariffs/vat.tsv ({source})`, as its `source` is written in a quote.
        let vat = Levy {
            kind: LevyKind::Tax,
            name: "Import VAT".into(),
            base: Decimal::from(100),
            base_note: "CIF 100".into(),
            rate: "20%".into(),
            amount: Some(Decimal::from(20)),
            partial_amount: None,
            formula: "20% × 100".into(),
            source: Provenance::vat_row(false, "ibericode-vat-2025-08").into(),
            not_priced: false,
        };
        let mut out = Vec::new();
        changes("a", &[vat], &[], &Unknown::default(), &mut out);
        assert_eq!(out[0].why, "no longer charged (tariffs/vat.tsv (ibericode-vat-2025-08))");
        assert_eq!(out[0].delta, Decimal::from(-20));
    }
}
