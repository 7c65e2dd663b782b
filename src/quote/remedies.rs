//! Trade-remedy stage: anti-dumping, countervailing and safeguard duties the destination imposes
//! on the line's goods and origin (`rules/trade_remedies.tsv`). Their rates depend on the
//! exporting producer, which the request does not name, so the snapshot prices none: the caller's
//! `extra_duties` entries of kind `duty` answer them (charged by [`super::duties::caller_duties`]):
//! those its `answers` name, or, named none, the line's only measure ([`super::answers`]);
//! without one, each measure is listed without an amount and the line is not fully priced, never
//! complete without it (docs/rules.md §22).

use super::answers::{Callers, Class};
use super::*;
use crate::rules::{RemedyKind, Touch};

/// Lists the trade remedies the line may bear that the caller's entries of a customs kind do
/// not answer ([`super::answers`]: an entry's `answers` names the rows it settles; one naming
/// none settles the line's only measure, and none beside several, each then listed "not
/// answered"). Returns whether the line's trade remedies are known (none listed).
pub(super) fn trade_remedies(ctx: &mut Ctx<'_>, line: &LineRequest, customs_value: Decimal, p: &mut Priced) -> bool {
    let origin = line.origin.as_deref().or(ctx.req.origin.as_deref()).map(str::to_ascii_uppercase);
    let ship_from = ctx.req.ship_from.as_deref().map(str::to_ascii_uppercase);
    // The rows are the engine's (`'static`): read in place, without holding the day's rows.
    let found = ctx.day.remedies.touching(&line.code, origin.as_deref(), ship_from.as_deref());
    if found.is_empty() {
        return true;
    }
    let callers = Callers::of(line, Class::Remedy);
    let ids: Vec<&str> = found.iter().map(|(m, _)| m.row.id).collect();
    let open: Vec<_> = found.iter().copied().filter(|(m, _)| !callers.settle(m.row.id, ids.len())).collect();
    if open.is_empty() {
        return true;
    }
    let not_answered = callers.ambiguous(ids.len()).then_some((&callers, line, ids.as_slice()));
    list_remedies(ctx, &open, origin.as_deref(), customs_value, not_answered, p);
    false
}

/// Lists each measure found without an amount, with why and what input prices it (out of line:
/// most lines bear none, and the texts need a large frame). `not_answered`: the caller's entries
/// that name no measure beside several, the line and the ids of its measures.
#[inline(never)]
fn list_remedies(
    ctx: &mut Ctx<'_>,
    found: &[(&'static crate::rules::TradeRemedy, Touch)],
    origin: Option<&str>,
    customs_value: Decimal,
    not_answered: Option<(&Callers<'_>, &LineRequest, &[&str])>,
    p: &mut Priced,
) {
    for (m, touch) in found {
        let what = format!("{} ({})", m.row.name, m.rates);
        if let Some((callers, line, ids)) = not_answered {
            // The caller's figure may be this measure or another of the line's: not settled in
            // silence (docs/rules.md §22).
            let reason = format!("{what} may be due on this line, and {}", callers.not_answered(line, ids, m.row.id));
            list_unpriced(p, LevyKind::AdditionalDuty, &m.row, customs_value, "not answered", reason, false);
            ctx.note_verify(m.row.source.row(), m.row.source.is_verify());
            continue;
        }
        let answer = format!(
            "give it in extra_duties with \"kind\": \"duty\" and \"answers\": [\"{}\"] (\"0%\" where it does not apply)",
            m.row.id
        );
        let reason = match (touch, origin) {
            // A surtax's rate is fixed, not the producer's: its schedule decides the goods.
            (Touch::Due, Some(o)) if m.kind == RemedyKind::Surtax => format!(
                "{what} is due on goods from {o} whose tariff item is in its order's schedule, and our data neither holds the schedule nor prices it: {answer}; {}",
                m.row.note
            ),
            // A quota's state on the day is not the request's to show (audit-y Y2).
            (Touch::Due, Some(o)) if m.kind == RemedyKind::OverQuota => format!(
                "{what}: an over-quota duty may apply to these goods from {o}: it is due only once the quota of their category is used up, which a request cannot show: {answer}; {}",
                m.row.note
            ),
            (Touch::Due, Some(o)) => format!(
                "{what} applies to these goods from {o}; the exporting producer decides the rate and our data has none: {answer}; {}",
                m.row.note
            ),
            _ => {
                let mut from = match m.origins.as_slice() {
                    ["*"] if !m.except_origins.is_empty() => format!("any country but {}", m.except_origins.join(", ")),
                    ["*"] => "any country".to_string(),
                    _ => m.origins.join(", "),
                };
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
        list_unpriced(p, LevyKind::AdditionalDuty, &m.row, customs_value, m.rates, reason, false);
        ctx.note_verify(m.row.source.row(), m.row.source.is_verify());
    }
}

/// Destinations whose low-value reliefs are settled not to cover the caller's duties of kind
/// `duty` (docs/rules.md §22): Canada's Courier and Postal Imports Remission Orders remit "customs
/// duties" (CBSA D8-2-16), while SIMA anti-dumping and countervailing duties are imposed under
/// another Act (CBSA D8-4-1: goods are "subject to ... the Customs Tariff ... and the Special Import
/// Measures Act") and the Customs Tariff's surtaxes are not "customs duties" of its Part 3
/// (s.80, s.94(2)): such a duty is charged on a remitted line.
const DUE_UNDER_RELIEF: &[&str] = &["CA"];

/// On a consignment within a duty relief or under a flat duty (`threshold`): the caller's duties
/// of kind `duty` are charged where the relief is settled not to cover them (Canada), and listed
/// without an amount elsewhere, with the trade remedies the line may bear as anywhere else.
/// Whether the EU's and the UK's low-value reliefs cover anti-dumping, countervailing and
/// safeguard duties is not settled in our sources (docs/rules.md §22): such a duty is never
/// dropped in silence. (A US line bearing anti-dumping or countervailing duty is not within de
/// minimis at all: [`us_ad_cvd_outside`].) Returns the duties charged (part of the VAT base) and
/// whether the line's duties are known (nothing listed).
pub(super) fn duties_under_relief(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    threshold: &'static Threshold,
    customs_value: Decimal,
    quantities: &Quantities,
    p: &mut Priced,
) -> (Decimal, bool) {
    if DUE_UNDER_RELIEF.contains(&ctx.destination) && line.extra_duties.iter().any(|d| d.kind.is_customs()) {
        let (charged, known) =
            charge_caller_duties_on_value(ctx, line, ExtraDutyKind::Duty, customs_value, quantities, p);
        ctx.warn(Detail::CallerDuties { line: line.id.clone(), count: line.extra_duties.len() });
        return (charged, known && trade_remedies(ctx, line, customs_value, p));
    }
    let mut known = true;
    let us = ctx.destination == "US";
    for (i, d) in line.extra_duties.iter().enumerate().filter(|(_, d)| d.kind.is_customs()) {
        let reason = match us {
            // A duty named as anti-dumping or countervailing took the line out of de minimis
            // before pricing; another may be one unnamed, or a safeguard de minimis covers.
            true => format!(
                "{} ({}): if it is an antidumping or countervailing duty, the line is not eligible for {} (CBP: 'Section 321 does not allow ... Merchandise subject to antidumping and countervailing duties') and all its duty is due: give it \"kind\": \"antidumping\" or \"countervailing\" (or say so in its name: \"AD\", \"CVD\" or the case number A-/C-nnn-nnn); a Section 201, 232 or 301 duty is within de minimis: so it is listed, not priced",
                d.name, d.rate, threshold.id
            ),
            false => format!(
                "{} ({}): whether the consignment's {} also covers it is not settled in our sources, so it is listed, not priced",
                d.name, d.rate, threshold.id
            ),
        };
        let levy = caller_levy(line, i, customs_value, None, None, reason.clone().into(), "customs value".into());
        p.levies.push(Levy { not_priced: true, ..levy });
        p.push_reason(reason);
        known = false;
    }
    (Decimal::ZERO, trade_remedies(ctx, line, customs_value, p) && known)
}

/// Whether a caller's duty is, by its name, a US antidumping or countervailing duty: the words
/// (`antidumping`, `anti-dumping`, `countervailing`), the abbreviations (`AD`, `CVD`, `AD/CVD`,
/// `ADD`) as words, or a Commerce case number (`A-570-979`, `C-570-980`).
pub(super) fn names_ad_cvd(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if ["antidumping", "anti-dumping", "anti dumping", "countervailing"].iter().any(|w| lower.contains(w)) {
        return true;
    }
    lower.split(|c: char| !c.is_ascii_alphanumeric() && c != '-').any(|w| {
        let w = w.trim_matches('-');
        matches!(w, "ad" | "cvd" | "add") || is_case_number(w)
    })
}

/// `a-570-979` / `c-570-980`: a case number of the US Department of Commerce (lower case).
fn is_case_number(w: &str) -> bool {
    let mut parts = w.split('-');
    let (Some(k), Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    matches!(k, "a" | "c") && [a, b].iter().all(|p| p.len() == 3 && p.bytes().all(|c| c.is_ascii_digit()))
}

/// The US lines that bear an antidumping or countervailing duty (a caller's duty of that `kind`,
/// or of kind `duty` so named, [`names_ad_cvd`]) are outside every de minimis relief row that applies (19 U.S.C. 1321,
/// 19 CFR 10.151; CBP, E-Commerce FAQ: "Section 321 does not allow: Merchandise subject to
/// antidumping and countervailing duties"): such a line is entered, and its duty, tax and its
/// share of the fees are due; the other lines keep the relief. Adds them to `outside`.
pub(super) fn us_ad_cvd_outside(
    ctx: &mut Ctx<'_>,
    applied: &Several<&'static Threshold>,
    outside: &mut Vec<(usize, &'static Threshold)>,
) {
    if ctx.destination != "US" {
        return;
    }
    let reliefs: Vec<&'static Threshold> =
        applied.iter().copied().filter(|t| t.effect == ThresholdEffect::Relieve && t.duty).collect();
    if reliefs.is_empty() {
        return;
    }
    for (i, line) in ctx.req.lines.iter().enumerate() {
        let Some(d) = line
            .extra_duties
            .iter()
            .find(|d| d.kind.is_ad_cvd() || (d.kind == ExtraDutyKind::Duty && names_ad_cvd(&d.name)))
        else {
            continue;
        };
        for &t in &reliefs {
            if outside.iter().any(|(k, o)| *k == i && std::ptr::eq(*o, t)) {
                continue;
            }
            outside.push((i, t));
            let why = format!(
                "not for line {}: it bears {} ({}), and Section 321 does not allow merchandise subject to antidumping and countervailing duties (CBP, E-Commerce FAQ): its duty, tax and fees are due",
                line.id, d.name, d.rate
            );
            ctx.warn(Detail::ThresholdNotApplied { threshold: t.id, why });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::names_ad_cvd;

    /// The names that say a caller's duty is a US antidumping or countervailing duty (19 U.S.C.
    /// 1673, 1671): they take a line out of de minimis (CBP E-Commerce FAQ, Section 321).
    #[test]
    fn a_duty_named_antidumping_or_countervailing_is_ad_cvd() {
        for yes in [
            "Antidumping duty",
            "anti-dumping",
            "Countervailing duty",
            "AD",
            "CVD",
            "AD/CVD deposit",
            "A-570-979",
            "c-570-980 cash deposit",
        ] {
            assert!(names_ad_cvd(yes), "{yes}");
        }
        for no in ["safeguard", "Section 201 safeguard", "added duty", "road tax", "A-57-979", "cvd2"] {
            assert!(!names_ad_cvd(no), "{no}");
        }
    }
}
