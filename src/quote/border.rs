//! The shipping charge and the border: a customs value takes transport only to the place where
//! the goods enter the customs territory (Regulation (EU) 952/2013 art. 71(1)(e); the other CIF
//! destinations likewise), postage in full (Regulation (EU) 2015/2447 art. 139), and by air only
//! the share of the air transport cost Annex 23-01 sets for the departure zone (art. 138(2)).
//! The request gives one `shipping` charge; what the quote assumed of it is stated. So is a
//! carrier's clearance charge the request leaves out where the law puts it in the import tax base.

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

/// States that no carrier's clearance charge is in the import tax base, when the request gives
/// no `tax_base_charges`, the goods travel by post or courier, import tax is due at the border
/// on some line (or was assessed and not collected under a minimum, which the charge may lift
/// it above: CHF 4.68 on a CHF 180 book, 5.20 with a CHF 20 charge), and the destination's law
/// puts such costs in the base (audit-f N1, audit-h H4). The figures are not changed: the
/// charge is the carrier's, and only the request can give it.
pub(super) fn note_carrier_charges(ctx: &mut Ctx<'_>, relief: &Relief, lines: &[LineQuote], checks: &[ThresholdCheck]) {
    if !ctx.req.tax_base_charges.is_zero() || ctx.req.channel() == Channel::Freight || ctx.movement.is_some() {
        return;
    }
    let Some(law) = ctx.j.tax_base_costs else { return };
    let at_border = lines.iter().enumerate().any(|(i, l)| {
        let r = relief.for_line(i);
        r.seller_collects.is_none()
            && r.reverse_charge.is_none()
            && l.levies
                .iter()
                .any(|v| v.kind == LevyKind::Tax && v.amount.or(v.partial_amount).is_some_and(|a| a > Decimal::ZERO))
    });
    let waived = relief.min_collectible.iter().any(|t| t.tax && checks.iter().any(|c| c.id == t.id && c.applies));
    if at_border || waived {
        ctx.warn(Detail::CarrierCharges { destination: ctx.j.country, law });
    }
}
