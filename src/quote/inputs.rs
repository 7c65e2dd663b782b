//! Inputs that the quote could not use, or whose value the law does not let it price as given:
//! a line whose value is zero (a free item still has a customs value), a code longer than any
//! national tariff line, a `metal_content_value` no layer reads, an `fx` pair no conversion
//! used. Never accepted in silence: a line reason (the line is partial) or a `W_INPUT_UNUSED`.

use super::*;

/// The longest national tariff line of any tariff in the engine (US HTS, UK, EU TARIC: 10
/// digits; Japan 9): digits beyond it cannot match anything.
pub(super) const LONGEST_NATIONAL_LINE: usize = 10;

/// A line's own inputs: a zero value, surplus code digits, an unread `metal_content_value`.
pub(super) fn check_line_inputs(ctx: &mut Ctx<'_>, line: &LineRequest, code: &HsCode, v: &LineValues, p: &mut Priced) {
    // 19 U.S.C. 1401a(b)-(f) (the fallback methods value goods sold for nothing); Reg. (EU)
    // 2015/2447 art. 144 and TCTA 2018 Sch. 4 (no sale: another method): a free sample, gift or
    // warranty replacement still has a customs value, and a price of 0 is as likely a missing one.
    let dp = ctx.j.currency.minor_units();
    if v.goods.round_dp(dp).is_zero() && ctx.movement.is_none() {
        p.reasons.push(format!(
            "the value of line {} is {} {}: goods supplied free of charge (a sample, a gift, a warranty replacement) still have a value for customs (19 U.S.C. 1401a(b)-(f); Reg. (EU) 2015/2447 art. 144; TCTA 2018 Sch. 4), and duty and tax are due on it: give unit_price as the value for customs",
            line.id,
            format_grouped(v.goods.round_dp(dp)),
            ctx.j.currency
        ));
    }
    // The length alone decides (a code's digits as text are made only for the warning).
    if code.len() > LONGEST_NATIONAL_LINE {
        let digits = code.digits();
        ctx.warn(Detail::InputUnused {
            field: format!("lines[{}].code", line_index(ctx, line)),
            why: format!(
                "code {digits} has {} digits and no national tariff line has more than {LONGEST_NATIONAL_LINE}: the digits after the {LONGEST_NATIONAL_LINE}th ({}) matched nothing",
                digits.len(),
                &digits[LONGEST_NATIONAL_LINE..]
            ),
        });
    }
    au_tobacco_by_post(ctx, code, p);
    unused_components(ctx, line, p);
    if line.metal_content_value.is_some() && !p.metal_used {
        ctx.warn(Detail::InputUnused {
            field: format!("lines[{}].metal_content_value", line_index(ctx, line)),
            why: "no duty on this line is charged on its metal content, so the value was not used".into(),
        });
    }
}

/// Tobacco products are a prohibited import into Australia from 2019-07-01 unless a permission
/// in writing is produced or the Minister's approval covers them (Customs (Prohibited Imports)
/// Regulations 1956 reg. 4DA(1)); cigars, chewing tobacco and snuff are outside it (reg.
/// 4DA(2)(b)-(c)). The Minister's approval (Customs (Prohibited Imports) (Importation of Tobacco
/// Products) Approval 2019, made under reg. 4DA(9), read only in part) is for goods reported in a
/// cargo report, which mail is not: a line of tobacco by post is priced as if a permission
/// covered it, and the line says that without one the goods are prohibited (partial, never
/// priced complete in silence).
const AU_TOBACCO_PREFIXES: [&str; 2] = ["2402", "2403"];
const AU_TOBACCO_OUTSIDE: [&str; 1] = ["240210"];
const AU_TOBACCO_FROM: &str = "2019-07-01";

fn au_tobacco_by_post(ctx: &Ctx<'_>, code: &HsCode, p: &mut Priced) {
    if ctx.destination != "AU" || ctx.req.channel != Some(crate::request::Channel::Post) || ctx.movement.is_some() {
        return;
    }
    let digits = code.digits();
    let tobacco = AU_TOBACCO_PREFIXES.iter().any(|t| crate::hs::digits_start_with(digits, t))
        && !AU_TOBACCO_OUTSIDE.iter().any(|t| crate::hs::digits_start_with(digits, t));
    if !tobacco || Date::parse(AU_TOBACCO_FROM).is_ok_and(|from| ctx.req.date < from) {
        return;
    }
    p.reasons.push(
        "tobacco products are a prohibited import into Australia unless a permission to import them, granted in writing, is produced (Customs (Prohibited Imports) Regulations 1956 reg. 4DA(1), from 2019-07-01; cigars, chewing tobacco and snuff are outside it, reg. 4DA(2)); the Minister's approval under reg. 4DA(9) (Importation of Tobacco Products Approval 2019, read only in part) is for goods reported in a cargo report, which mail is not: the duty and GST shown are those due if a permission covers these goods".into(),
    );
}

/// The line's `components` that no duty read: a duty charged on a component names it in its
/// formula (`8.5% × 1,500.00 (case)`), one that lacks it asks for it by name
/// (`components {"strap_band_or_bracelet": …}`). Any other key matched nothing (audit-k K5).
fn unused_components(ctx: &mut Ctx<'_>, line: &LineRequest, p: &Priced) {
    if line.components.is_empty() {
        return;
    }
    let texts: Vec<String> = p.levies.iter().map(|l| l.formula.to_string()).chain(p.reasons.iter().cloned()).collect();
    // The component names the line's duties ask for.
    let asked: Vec<&str> = texts
        .iter()
        .flat_map(|t| t.split("components {\"").skip(1))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    for name in line.components.keys() {
        let (shown, named) = (format!("({})", name.replace('_', " ")), format!("\"{name}\""));
        if texts.iter().any(|t| t.contains(&shown) || t.contains(&named)) {
            continue;
        }
        let hint = match asked.iter().find(|a| a.contains(name.as_str())) {
            Some(a) => format!(": the duty asks for {a:?}"),
            None => String::new(),
        };
        ctx.warn(Detail::InputUnused {
            field: format!("lines[{}].components.{name}", line_index(ctx, line)),
            why: format!(
                "no duty of this line is charged on a component of that name, so the value was not used{hint}"
            ),
        });
    }
}

fn line_index(ctx: &Ctx<'_>, line: &LineRequest) -> usize {
    ctx.req
        .lines
        .iter()
        .position(|l| std::ptr::eq(l, line))
        .unwrap_or_else(|| ctx.req.lines.iter().position(|l| l.id == line.id).unwrap_or_default())
}

/// The request's `fx` pairs that no conversion of the quote used (the caller's rate for a pair
/// the quote never needed is ignored: said, never silent).
pub(super) fn unused_fx(ctx: &mut Ctx<'_>) {
    for pair in ctx.req.fx.keys() {
        let Ok((a, b)) = crate::fx::parse_pair(pair) else { continue };
        let used = ctx.fx_used.iter().any(|u| {
            u.source.starts_with("request") && crate::fx::parse_pair(&u.pair).is_ok_and(|(x, y)| (x, y) == (a, b))
        });
        if !used {
            ctx.warn(Detail::InputUnused {
                field: format!("fx.{pair}"),
                why: format!("the quote converts no amount between {a} and {b}, so this rate was not used"),
            });
        }
    }
}

/// `entry_type: informal` on a consignment above the informal-entry limit of an entry fee's row
/// (US: 19 CFR 143.21(a), informal entry for shipments of US$2,500 or less; the fee row names it) is refused: the
/// informal fee would be priced on an entry the law does not allow.
pub(super) fn check_entry_type(ctx: &mut Ctx<'_>, entered: Decimal) -> Result<()> {
    if ctx.req.entry_type != Some(crate::request::EntryType::Informal) {
        return Ok(());
    }
    let day = std::sync::Arc::clone(&ctx.day);
    let channel = ctx.req.channel();
    for f in day
        .fees
        .iter()
        .filter(|f| f.entry != EntryKind::Any && (f.channels.is_empty() || f.channels.contains(&channel)))
    {
        let Some(rate) = ctx.rate(ctx.j.currency, f.currency) else { continue };
        let value = entered * rate;
        if value > f.formal_above {
            return Err(Error::new(
                ErrorCode::InvalidField,
                "entry_type",
                format!(
                    "informal entry is allowed only up to {} {} ({}); this consignment is {} {}: give entry_type formal, or leave it out",
                    f.formal_above,
                    f.currency,
                    f.source.row(),
                    format_grouped(value.round_dp(2)),
                    f.currency
                ),
            ));
        }
    }
    Ok(())
}
