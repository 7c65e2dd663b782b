//! The shipping charge and the border: a customs value takes transport only to the place where
//! the goods enter the customs territory (Regulation (EU) 952/2013 art. 71(1)(e); the other CIF
//! destinations likewise), postage in full (Regulation (EU) 2015/2447 art. 139), and by air only
//! the share of the air transport cost Annex 23-01 sets for the departure zone (art. 138(2)).
//! The request gives one `shipping` charge; what the quote assumed of it is stated.

use super::*;
use crate::request::{Channel, Transport};

/// States that all of `shipping` was put in the customs value, when a duty on a CIF value was
/// charged on a consignment not sent by post (docs/rules.md §8).
pub(super) fn note_shipping_to_border(ctx: &mut Ctx<'_>, relief: &Relief, lines: &[LineQuote], shipping: Decimal) {
    if shipping.is_zero()
        || ctx.j.duty_basis != DutyBasis::Cif
        || ctx.req.channel() == Channel::Post
        || relief.flat_duty.is_some()
    {
        return;
    }
    let duty_on_value = lines
        .iter()
        .flat_map(|l| &l.levies)
        .any(|v| v.kind == LevyKind::Duty && v.amount.or(v.partial_amount).is_some_and(|a| a > Decimal::ZERO));
    if !duty_on_value {
        return;
    }
    // The transport as the fees read it: a courier consignment flies unless the request says
    // otherwise; freight without `transport` may.
    let by_air = matches!(super::fees::fee_transport(ctx.req).0, None | Some(Transport::Air));
    let annex_23_01 = by_air && ctx.j.tariff == Some("EU");
    ctx.warn(Detail::ShippingToBorder { destination: ctx.j.country, annex_23_01 });
}
