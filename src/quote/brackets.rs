//! US lines' statistical suffixes and value brackets (`us_lines.tsv`, docs/rules.md, "US
//! statistical suffixes and value brackets"):
//!
//! - a 10-digit code whose statistical suffix the revision in force does not publish under its
//!   8-digit line is not in the tariff (audit-k K4), like any unknown code;
//! - a line whose article text states a unit value bracket ("Valued over $3 but not over
//!   $6.50/pair") is not priced complete when the line's own unit value is outside it: the line
//!   is `partial`, naming the bracket and the line(s) of the same group whose bracket holds the
//!   value (audit-k K3).

use super::*;
use crate::rules::us_lines::{Facts, LineFacts, ValueBracket};
use crate::units::{Dimension, Measure};

/// The US tariff table's name (`rules/jurisdictions.tsv`, `tariff`): the only one with facts.
const US: &str = "US";

/// Why a 10-digit US code whose suffix the revision does not publish is unknown, with the
/// nearest valid codes; `None` when the code is valid or cannot be checked (a date before the
/// HTS 2026 revisions, a line printed without statistical lines).
pub(super) fn unknown_suffix(
    ctx: &Ctx<'_>,
    tariff: &str,
    code: &HsCode,
    matched: &crate::snapshot::Row<'_>,
) -> Option<String> {
    // Bytes first: the row's code is made text only for a US line the check reads.
    let matched_bytes = matched.code_bytes();
    if tariff != US || code.len() != 10 || matched_bytes.len() != 8 || !code.bytes().starts_with(matched_bytes) {
        return None;
    }
    let matched = matched.code();
    let suffix = &code.digits()[8..];
    let facts = match ctx.rules.us_lines().facts(matched, ctx.req.date) {
        Ok(f) => f,
        Err(e) => return Some(e.into_fields().message),
    };
    let (valid, source): (Vec<&str>, &str) = match facts {
        Facts::NotCovered => return None,
        Facts::Covered(None) => (vec!["00"], ""),
        Facts::Covered(Some(row)) => match row.has_suffix(suffix) {
            None | Some(true) => return None,
            Some(false) => (row.suffix_list().collect(), row.source),
        },
    };
    if valid.contains(&suffix) {
        return None;
    }
    let given: i32 = suffix.parse().unwrap_or_default();
    let mut nearest = valid.clone();
    crate::sort::sort_by_key(&mut nearest, |s| (s.parse::<i32>().unwrap_or_default() - given).abs());
    nearest.truncate(5);
    crate::sort::sort_unstable(&mut nearest);
    let nearest: Vec<String> = nearest.iter().map(|s| format!("{matched}{s}")).collect();
    let edition = match ctx.snapshot.sources.iter().find(|s| s.id == source) {
        Some(s) => s.dataset.to_string(),
        None => "the HTS revision in force".to_string(),
    };
    Some(format!(
        "{} is not in the {tariff} tariff: on {}, {matched} has the statistical suffixes {} (as published from {edition}), not {suffix}; nearest valid codes: {}",
        code.digits(),
        ctx.req.date,
        valid.join(", "),
        nearest.join(", ")
    ))
}

/// The US dollar sign of a bracket's currency, else its code after the amount.
fn money(amount: Decimal, currency: Currency) -> String {
    // Cents as money is written; a value between cents (a bottle's share) to four places.
    let mut a = amount.round_dp(4);
    if a == a.round_dp(2) {
        a = a.round_dp(2);
        a.rescale(2);
    }
    match currency {
        Currency::USD => format!("US${}", format_grouped(a)),
        c => format!("{} {c}", format_grouped(a)),
    }
}

/// The unit a bracket is per, as a caller names it in `units`.
fn unit_key(b: &ValueBracket) -> String {
    Measure::net(b.per.dimension).key()
}

/// The line's unit value in the bracket's unit and currency, or the input that settles it.
fn unit_value(
    ctx: &mut Ctx<'_>,
    b: &ValueBracket,
    customs_value: Decimal,
    quantities: &Quantities,
) -> std::result::Result<Decimal, String> {
    let value = match b.currency == ctx.j.currency {
        true => customs_value,
        false => match ctx.rate(ctx.j.currency, b.currency) {
            Some(r) => customs_value * r,
            None => return Err(format!("the {} rate to {} (fx)", ctx.j.currency, b.currency)),
        },
    };
    let key = unit_key(b);
    let measure = Measure::net(b.per.dimension);
    let quantity = quantities.get(measure).filter(|q| !q.is_zero());
    match (quantity, b.per.dimension) {
        (Some(q), _) => Ok(value * b.per.factor / q),
        (None, Dimension::Count) => Err("the number of articles (quantity)".to_string()),
        (None, _) => Err(format!("the quantity in {key} (units {{\"{key}\": …}})")),
    }
}

/// Checks the line's unit value against the value bracket the article text of its US line
/// states (`matched`: the 8-digit line priced). Outside it, the line is partial with the reason
/// and `W_VALUE_BRACKET` names the line(s) whose bracket holds the value; without the quantity
/// the bracket is per, or with a bracket text the importer could not read, `W_VALUE_BRACKET`
/// says what to check.
pub(super) fn check_value_bracket(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    matched: &HsCode,
    customs_value: Decimal,
    quantities: &Quantities,
    p: &mut Priced,
) {
    if ctx.j.tariff == Some("JP") {
        return super::jp_brackets::check_jp_value_bracket(ctx, line, matched, customs_value, quantities, p);
    }
    if ctx.j.tariff != Some(US) || matched.len() != 8 {
        return;
    }
    let lines = ctx.rules.us_lines();
    let row: &LineFacts = match lines.facts(matched.digits(), ctx.req.date) {
        Ok(Facts::Covered(Some(row))) if !row.bracket_text.is_empty() => row,
        _ => return,
    };
    let code = matched.dotted();
    let Some(b) = &row.bracket else {
        let note = format!(
            "the article text of {code} states a value condition this engine does not read (\"{}\"): check that the goods meet it",
            row.bracket_text
        );
        return ctx.warn(Detail::ValueBracket { line: line.id.clone(), note });
    };
    let value = match unit_value(ctx, b, customs_value, quantities) {
        Ok(v) => {
            p.components_read.insert_measure(Measure::net(b.per.dimension), quantities);
            v
        }
        Err(input) => {
            let note = format!(
                "{code} is for goods \"{}\" (HTSUS article text): give {input} to check the unit value",
                row.bracket_text
            );
            return ctx.warn(Detail::ValueBracket { line: line.id.clone(), note });
        }
    };
    if b.contains(value) {
        return;
    }
    // "US$10.00 each", "US$20.00/pair", as the article texts write them.
    let per = match b.per.symbol {
        "item" => " each".to_string(),
        unit => format!("/{unit}"),
    };
    let siblings = match lines.siblings(row, ctx.req.date) {
        Ok(s) => s,
        Err(e) => return p.push_reason(e.into_fields().message),
    };
    let holding: Vec<String> = siblings
        .iter()
        .filter_map(|s| s.bracket.as_ref().filter(|sb| sb.per == b.per && sb.contains(value)).map(|_| *s))
        .map(|s| {
            format!(
                "{} (\"{}\")",
                HsCode::from_stored(s.code.as_bytes()).map_or(s.code.to_string(), |c| c.dotted()),
                s.bracket_text
            )
        })
        .collect();
    let outside = format!(
        "the unit value {}{per} is outside the bracket of {code} (HTSUS article text: \"{}\")",
        money(value, b.currency),
        row.bracket_text
    );
    report_outside_bracket(ctx, line, p, &code, outside, &holding);
}

/// A line priced outside its text's value bracket (US or Japan): partial, naming the lines of
/// its group whose bracket holds the value (`holding`, as "CODE (\"text\")"), and warned.
pub(super) fn report_outside_bracket(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    p: &mut Priced,
    code: &str,
    outside: String,
    holding: &[String],
) {
    let note = match holding.is_empty() {
        true => format!("{outside}: no other line of its group states a bracket holding it: check the classification"),
        false => format!("{outside}: goods of that value are classified under {}", holding.join(" or ")),
    };
    let tail = unprice_other_lines_duty(p, code);
    p.push_reason(format!("{note}; {tail}"));
    ctx.warn(Detail::ValueBracket { line: line.id.clone(), note });
}

/// A line whose value is outside its bracket (or cannot be tested against it) is charged the
/// duty of the goods' line, which may be above or below `code`'s: `code`'s duty is neither the
/// duty nor a bound of it, nor is a tax whose base holds that duty (the import tax on value
/// plus duty). Their figures stay in the formula, "not priced (X)", and leave the totals (audit-rr
/// RR2: 2825.80-010 at ¥199/kg showed 5.5 % "at least" where the goods' line -021 is 4.8 %).
/// Returns the reason's tail.
pub(super) fn unprice_other_lines_duty(p: &mut Priced, code: &str) -> String {
    let why = format!(
        "the duty of {code}, in its formula, may be above or below the duty of the goods' line: not priced, nor a bound (nor the tax on it)"
    );
    for levy in p.levies.iter_mut().filter(|l| matches!(l.kind, LevyKind::Duty | LevyKind::Tax)) {
        let Some(figure) = levy.amount.or(levy.partial_amount) else { continue };
        levy.formula = format!("{} — not priced ({}): {why}", levy.formula, format_grouped(figure)).into();
        levy.amount = None;
        levy.partial_amount = None;
        levy.not_priced = true;
    }
    why
}
