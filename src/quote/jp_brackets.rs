//! Japan's value-bracketed lines (`rules::jp_brackets`, audit-ll LL83): a line's rate is the
//! law's only for goods whose customs value per kg (or per head) is in the bracket its text
//! states. Outside a bracket of yen, the line is partial naming the line(s) whose bracket holds
//! the value; a bracket bounded by a price the Temporary Tariff Measures Act sets (the pork gate
//! prices), which our data does not hold, cannot be tested: the line is partial naming it.

use super::*;
use crate::rules::jp_brackets;
use crate::units::{Dimension, Measure};

/// A 9-digit line as Japan's schedule writes it: `0203.11-020`.
fn dotted(code: &str) -> String {
    match (code.get(..4), code.get(4..6), code.get(6..)) {
        (Some(heading), Some(sub), Some(national)) if code.len() == 9 => format!("{heading}.{sub}-{national}"),
        _ => code.to_string(),
    }
}

/// Checks the line priced (`matched`, 9 digits) against its text's value bracket, as
/// [`super::brackets::check_value_bracket`] does for US lines.
pub(super) fn check_jp_value_bracket(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    matched: &HsCode,
    customs_value: Decimal,
    quantities: &Quantities,
    p: &mut Priced,
) {
    let Some(brackets) = ctx.small.map(|s| s.brackets.as_slice()) else { return };
    let Some(entry) = jp_brackets::line(brackets, matched.digits()) else { return };
    let condition = &entry.condition;
    let code = dotted(matched.digits());
    let per = match condition.per {
        Dimension::Count => "head",
        _ => "kg",
    };
    if let Some(name) = condition.named() {
        let others: Vec<String> = jp_brackets::group(brackets, matched.digits())
            .map(|l| format!("{} (\"{}\")", dotted(l.code), l.phrase))
            .collect();
        let note = format!(
            "{code} is for goods \"{}\" (Japan's tariff text): {name} is a price the Temporary Tariff Measures Act sets (関税暫定措置法 別表第1の3の2), not in our data, so the customs value per {per} cannot be tested against it; goods of other values are classified under {}",
            entry.phrase,
            others.join(" or ")
        );
        let tail = super::brackets::unprice_other_lines_duty(p, &code);
        p.push_reason(format!("{note}; {tail}"));
        return ctx.warn(Detail::ValueBracket { line: line.id.clone(), note });
    }
    let measure = Measure::net(condition.per);
    let Some(quantity) = quantities.get(measure).filter(|q| !q.is_zero()) else {
        let input = if condition.per == Dimension::Count { "the number of head (quantity)" } else { "weight_kg" };
        let note = format!(
            "{code} is for goods \"{}\" (Japan's tariff text): give {input} to check the customs value per {per}",
            entry.phrase
        );
        return ctx.warn(Detail::ValueBracket { line: line.id.clone(), note });
    };
    p.components_read.insert_measure(measure, quantities);
    let value = customs_value / quantity;
    if condition.contains(value) != Some(false) {
        return;
    }
    let holding: Vec<String> = jp_brackets::group(brackets, matched.digits())
        .filter(|l| l.condition.per == condition.per && l.condition.contains(value) != Some(false))
        .map(|l| format!("{} (\"{}\")", dotted(l.code), l.phrase))
        .collect();
    let outside = format!(
        "the customs value {} JPY/{per} is outside the bracket of {code} (Japan's tariff text: \"{}\")",
        format_grouped(value.round_dp(2)),
        entry.phrase
    );
    super::brackets::report_outside_bracket(ctx, line, p, &code, outside, &holding);
}
