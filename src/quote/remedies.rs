//! Trade-remedy stage: anti-dumping, countervailing and safeguard duties the destination imposes
//! on the line's goods and origin (`rules/trade_remedies.tsv`). Their rates depend on the
//! exporting producer, which the request does not name, so the snapshot prices none: the caller's
//! `extra_duties` entry of kind `duty` answers them (charged by [`super::duties::caller_duties`]);
//! without one, each measure is listed without an amount and the line is not fully priced, never
//! complete without it (docs/rules.md §22).

use super::*;
use crate::rules::Touch;

/// Lists the trade remedies the line may bear, unless the caller gives a duty of kind `duty` (any
/// such entry answers every listed measure: the caller knows the producer and the measures).
/// Returns whether the line's trade remedies are known (none listed).
pub(super) fn trade_remedies(ctx: &mut Ctx<'_>, line: &LineRequest, customs_value: Decimal, p: &mut Priced) -> bool {
    if line.extra_duties.iter().any(|d| d.kind == ExtraDutyKind::Duty) {
        return true;
    }
    let origin = line.origin.as_deref().or(ctx.req.origin.as_deref()).map(str::to_ascii_uppercase);
    let ship_from = ctx.req.ship_from.as_deref().map(str::to_ascii_uppercase);
    let rules: &'static Rules = ctx.rules;
    let found =
        rules.trade_remedies(ctx.destination, &line.code, origin.as_deref(), ship_from.as_deref(), ctx.req.date);
    if found.is_empty() {
        return true;
    }
    list_remedies(ctx, &found, origin.as_deref(), customs_value, p);
    false
}

/// Lists each measure found without an amount, with why and what input prices it (out of line:
/// most lines bear none, and the texts need a large frame).
#[inline(never)]
fn list_remedies(
    ctx: &mut Ctx<'_>,
    found: &[(&'static crate::rules::TradeRemedy, Touch)],
    origin: Option<&str>,
    customs_value: Decimal,
    p: &mut Priced,
) {
    for (m, touch) in found {
        let what = format!("{} ({})", m.row.name, m.rates);
        let answer = "give it in extra_duties with \"kind\": \"duty\" (\"0%\" where it does not apply)";
        let reason = match (touch, origin) {
            (Touch::Due, Some(o)) => format!(
                "{what} applies to these goods from {o}; the exporting producer decides the rate and our data has none: {answer}; {}",
                m.row.note
            ),
            _ => {
                let mut from = m.origins.join(", ");
                if !m.consigned_from.is_empty() {
                    from = format!("{from}, or consigned from {}", m.consigned_from.join(", "));
                }
                format!(
                    "{what} may apply: it covers goods of {} originating in {from}, and the line's origin or code is not precise enough to tell: give the origin and the full code, or {answer}; {}",
                    m.row.codes.join(", "),
                    m.row.note
                )
            }
        };
        list_unpriced(p, LevyKind::AdditionalDuty, &m.row, customs_value, m.rates, reason);
        ctx.note_verify(m.row.source.row(), m.row.source.is_verify());
    }
}

/// On a consignment within a duty relief or under a flat duty (`threshold`): the caller's duties
/// of kind `duty` are listed without an amount, and the trade remedies the line may bear as
/// anywhere else. Whether a low-value relief covers anti-dumping, countervailing and safeguard
/// duties is not settled in our sources (docs/rules.md §22): such a duty is never dropped in
/// silence. Returns whether the line's duties are known (nothing listed).
pub(super) fn duties_under_relief(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    threshold: &'static Threshold,
    customs_value: Decimal,
    p: &mut Priced,
) -> bool {
    let mut known = true;
    for (i, d) in line.extra_duties.iter().enumerate().filter(|(_, d)| d.kind == ExtraDutyKind::Duty) {
        let reason = format!(
            "{} ({}): whether the consignment's {} also covers it is not settled in our sources, so it is listed, not priced",
            d.name, d.rate, threshold.id
        );
        p.levies.push(caller_levy(line, i, customs_value, None, None, reason.clone().into()));
        p.reasons.push(reason);
        known = false;
    }
    trade_remedies(ctx, line, customs_value, p) && known
}
