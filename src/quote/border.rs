//! The shipping charge and the border: a customs value takes transport only to the place where
//! the goods enter the customs territory (Regulation (EU) 952/2013 art. 71(1)(e); the other CIF
//! destinations likewise), postage in full (Regulation (EU) 2015/2447 art. 139), and by air only
//! the share of the air transport cost Annex 23-01 sets for the departure zone (art. 138(2)).
//! The request gives one `shipping` charge; what the quote assumed of it is stated. So is a
//! carrier's clearance charge the request leaves out where the law puts it in the import tax base,
//! and one the request gives where the law puts none there.

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
    let beyond_in_tax_base = ctx.j.tax_base_costs.is_some() || ctx.j.source.is_verify();
    ctx.warn(Detail::ShippingToBorder { destination: ctx.j.country, annex_23_01, beyond_in_tax_base });
}

/// States what a request that leaves out `shipping` or `insurance` is priced as, where the
/// destination's customs value (CIF: UCC art. 71(1)(e), 関税定率法 4条1項1号, 관세법 30조1항6호)
/// or its import tax base (AU GST Act 1999 s.13-20(2), NZ GST Act 1985 s.12(2)) takes transport
/// and insurance to the border: no transport, the price being a delivered one (audit-ss SS2), and
/// no insurance bought, which those laws add only when incurred (SS3); one warning for both. An
/// absent field and `"0"` differ: `"0"` is the caller's figure and says nothing.
pub(super) fn note_transport_not_given(ctx: &mut Ctx<'_>) {
    let j = ctx.j;
    let customs_value = j.duty_basis == DutyBasis::Cif;
    if ctx.movement.is_some() || !(customs_value || j.tax_basis == TaxBasis::CifPlusDuty) {
        return;
    }
    let (shipping, insurance) = (ctx.req.shipping.is_none(), ctx.req.insurance.is_none());
    if shipping || insurance {
        ctx.warn(Detail::TransportNotGiven {
            destination: j.country,
            row: j.source.row(),
            customs_value,
            shipping,
            insurance,
        });
    }
}

/// The request's `tax_base_charges` where the destination's law puts costs up to the place of
/// destination in the import tax base (`tax_base_costs` of `rules/jurisdictions.tsv`: the EU,
/// GB, XI, CH); elsewhere 0 and a `W_INPUT_UNUSED` naming the field (audit-ss SS1). Australia's
/// value of a taxable importation (GST Act 1999 s.13-20(2)), New Zealand's (GST Act 1985
/// s.12(2)), Canada's value for tax (Excise Tax Act s.215(1)) and Japan's base (消費税法 28条4項)
/// take the value, transport and insurance to the border and the duties, no carrier's clearance
/// fee: that fee is the carrier's own supply, taxed by it at its domestic rate, not import tax.
/// A destination whose row is unverified keeps the charge (its tax is not priced).
pub(super) fn tax_base_charges_in_law(ctx: &mut Ctx<'_>) -> Decimal {
    let given = ctx.req.tax_base_charges;
    if given.is_zero() || ctx.j.tax_base_costs.is_some() || ctx.j.source.is_verify() {
        return given;
    }
    let (dest, row) = (ctx.j.country, ctx.j.source.row());
    let why = match ctx.j.tax_basis {
        TaxBasis::None => format!("{dest} charges no import VAT/GST ({row}), so no import tax base takes a carrier's charge"),
        _ => format!(
            "{dest}'s law puts no carrier's clearance or handling charge in the import tax base (its base is the value with the duties, and transport and insurance to the border where they are in it: {row}); the carrier's charge is its own supply, taxed by it at the domestic rate, not import tax"
        ),
    };
    ctx.warn(Detail::InputUnused {
        field: "tax_base_charges".into(),
        why: format!("{why}, so the value was not used"),
    });
    Decimal::ZERO
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
