//! Time travel: the same cart on two dates side by side with every levy that changed and why,
//! and a catalogue diff ("these SKUs change duty on this date").

use crate::date::Date;
use crate::error::Result;
use crate::quote::{Levy, Quote};
use crate::request::QuoteRequest;
use crate::Engine;
use rust_decimal::Decimal;
use serde::Serialize;

/// One levy that differs between the two dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct LevyChange {
    /// Line id, or `shipment`.
    pub line: String,
    pub name: String,
    pub before: Option<Decimal>,
    pub after: Option<Decimal>,
    pub delta: Decimal,
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
}

fn key(l: &Levy) -> String {
    // Names carry the measure (and the tariff line); amounts are compared by name within a line.
    l.name.to_string()
}

fn changes(line: &str, before: &[Levy], after: &[Levy], out: &mut Vec<LevyChange>) {
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
                    delta: a.amount.unwrap_or_default() - b.amount.unwrap_or_default(),
                    why,
                });
            }
            Some(_) => {}
            None => out.push(LevyChange {
                line: line.into(),
                name: b.name.to_string(),
                before: b.amount,
                after: None,
                delta: -b.amount.unwrap_or_default(),
                why: format!("no longer charged ({})", b.source.dataset_name()),
            }),
        }
    }
    for a in after.iter().filter(|a| !before.iter().any(|b| key(b) == key(a))) {
        out.push(LevyChange {
            line: line.into(),
            name: a.name.to_string(),
            before: None,
            after: a.amount,
            delta: a.amount.unwrap_or_default(),
            why: format!("newly charged: {} ({})", a.formula, a.source.publisher),
        });
    }
}

/// Prices `req` on two dates and lists every levy that changed.
pub fn compare_dates(engine: &Engine, req: &QuoteRequest, before: Date, after: Date) -> Result<Comparison> {
    let mut a = req.clone();
    a.date = before;
    let mut b = req.clone();
    b.date = after;
    let qa = engine.quote(&a)?;
    let qb = engine.quote(&b)?;
    let mut out = Vec::new();
    for la in &qa.lines {
        let lb = qb.lines.iter().find(|l| l.id == la.id);
        changes(&la.id, &la.levies, lb.map(|l| l.levies.as_slice()).unwrap_or_default(), &mut out);
    }
    changes("shipment", &qa.levies, &qb.levies, &mut out);
    for t in &qb.thresholds {
        let was = qa.thresholds.iter().find(|x| x.id == t.id);
        if was.is_none_or(|w| w.applies != t.applies) {
            out.push(LevyChange {
                line: "shipment".into(),
                name: format!("threshold {}", t.id),
                before: None,
                after: None,
                delta: Decimal::ZERO,
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
            why: format!("ended: {} ({})", t.limit, t.source),
        });
    }
    let landed_delta = qb.totals.landed - qa.totals.landed;
    Ok(Comparison { before: qa, after: qb, changes: out, landed_delta })
}

/// A catalogue line whose duty differs between two dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct SkuChange {
    pub sku: String,
    pub code: String,
    pub duty_before: Option<Decimal>,
    pub duty_after: Option<Decimal>,
    pub landed_before: Decimal,
    pub landed_after: Decimal,
    pub why: Vec<String>,
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
            source: Provenance::vat_row(false, "ibericode-vat-2025-08"),
        };
        let mut out = Vec::new();
        changes("a", &[vat], &[], &mut out);
        assert_eq!(out[0].why, "no longer charged (tariffs/vat.tsv (ibericode-vat-2025-08))");
        assert_eq!(out[0].delta, Decimal::from(-20));
    }
}
