//! Stage 3b, Japan's simplified tariff (docs/rules.md#japan): a consignment of ¥200,000 or less
//! takes the rates of the Customs Tariff Act's appended table 2 instead of the general tariff,
//! unless the importer asks for the general one for all the goods (art. 3-3(1)); goods free of
//! duty and goods the law excludes keep the general tariff (art. 3-3(2)). Each line says which
//! tariff priced it and the other's rate (`W_TARIFF`).

use super::*;
use crate::rules::jp_small::{SimplifiedRate, SimplifiedRow};

/// A tariff rate of a line under the simplified tariff the consignment is within (`t`): the
/// category's rate, the general rate where the goods are outside it, or no rate where our
/// sources do not map the goods to a category. The caller's rate and a claimed rate are kept.
pub(super) fn simplify(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    t: &'static Threshold,
    rate: DutyRate<'static>,
) -> DutySource {
    let Some(row) = simplified_row(ctx, line, &rate) else {
        return DutySource::Rate(rate);
    };
    let general = general_text(&rate);
    if matches!(*rate.expr, DutyExpr::Free { .. }) {
        let note = format!(
            "general tariff {general}: goods free of duty are outside the simplified tariff ({}, Customs Tariff Act art. 3-3(2))",
            t.id
        );
        ctx.warn(Detail::Tariff { line: line.id.clone(), note });
        return DutySource::Rate(rate);
    }
    match &row.rate {
        SimplifiedRate::General => {
            let note =
                format!("general tariff {general}: {} is outside the simplified tariff ({})", row.category, row.id);
            ctx.warn(Detail::Tariff { line: line.id.clone(), note });
            DutySource::Rate(rate)
        }
        SimplifiedRate::Unmapped => {
            // The duty is due at a rate not known: listed without an amount, never dropped, so
            // the line's range says it has no top (audit-ff FF9: the bag's duty was missing and
            // the quote's landed_max was its lower bound).
            // Once for the line (each of a partial code's tariff lines names its general rate in
            // its levy): the same note, not one per general rate.
            let note = format!(
                "the simplified tariff applies to the consignment ({}, Customs Tariff Act art. 3-3), but its rate for this code is not known: {} ({}); tariff: \"general\" prices the consignment at the general tariff, or give the line's duty_rate",
                t.id, row.category, row.id
            );
            ctx.warn(Detail::Tariff { line: line.id.clone(), note });
            let text = format!("simplified tariff, rate not known ({}); general tariff {general}", row.id);
            let expr = DutyExpr::NotPriceable {
                kind: crate::duty::NotPriceableKind::SimplifiedUnmapped,
                text: format!("simplified tariff ({})", row.id),
            };
            DutySource::Rate(simplified_rate(row, rate, expr, Cow::Owned(text)))
        }
        SimplifiedRate::Rate { text, expr } => {
            let said = ctx.warnings.iter().any(|w| match w.detail() {
                Detail::Tariff { line: l, note } => *l == line.id && note.contains(row.id),
                _ => false,
            });
            if !said {
                let note = format!(
                    "simplified tariff {text} ({}: Customs Tariff Act art. 3-3, a consignment of ¥{} or less); the general tariff's rate is {general}: tariff: \"general\" applies it to the whole consignment",
                    row.id,
                    format_grouped(t.amount)
                );
                ctx.warn(Detail::Tariff { line: line.id.clone(), note });
            }
            DutySource::Rate(simplified_rate(row, rate, expr.clone(), Cow::Borrowed(text)))
        }
    }
}

/// States, for a consignment within the simplified tariff whose importer asked for the general
/// one, the simplified rate the line would otherwise take.
pub(super) fn note_set_aside(ctx: &mut Ctx<'_>, line: &LineRequest, rate: &DutyRate<'static>) {
    let Some(row) = simplified_row(ctx, line, rate) else { return };
    let other = match &row.rate {
        SimplifiedRate::Rate { text, .. } if !matches!(*rate.expr, DutyExpr::Free { .. }) => *text,
        _ => return,
    };
    let note = format!(
        "general tariff {} at the importer's request; the simplified tariff's rate would be {other} ({}, {})",
        general_text(rate),
        row.id,
        row.category
    );
    ctx.warn(Detail::Tariff { line: line.id.clone(), note });
}

/// The line's duty under the simplified tariff's row: `expr` as `text`, named and sourced by the
/// row, on the tariff line the general rate matched.
fn simplified_rate(
    row: &'static SimplifiedRow,
    general: DutyRate<'static>,
    expr: DutyExpr,
    text: Cow<'static, str>,
) -> DutyRate<'static> {
    DutyRate {
        expr: Expr::Parsed(Box::new(expr)),
        text,
        name: concat(&["Customs duty (simplified tariff, ", row.id, ")"]).into(),
        source: RateSource::Shared(&row.source),
        matched_code: general.matched_code,
        special: general.special,
        deduction: None,
        claim: None,
    }
}

/// The simplified tariff's row for a tariff rate of the line (by the tariff line it matched),
/// unless the rate is the caller's or a claimed one.
fn simplified_row(ctx: &Ctx<'_>, line: &LineRequest, rate: &DutyRate<'static>) -> Option<&'static SimplifiedRow> {
    if rate.claim.is_some() || matches!(rate.source, RateSource::Request(_)) {
        return None;
    }
    let code = rate.matched_code.as_deref().unwrap_or(&line.code);
    ctx.small?.simplified.row(code, ctx.req.date)
}

/// The general tariff's rate as the quote names it: its text and the tariff line.
fn general_text(rate: &DutyRate<'static>) -> String {
    match rate.matched_code.as_deref() {
        Some(code) => format!("{} ({code})", rate.text),
        None => rate.text.to_string(),
    }
}
