//! Stage 0, request: inputs the law needs that the request left out, as a typed error or a stated
//! assumption (never a silent default).

use super::*;

/// Inputs the law needs that the request left out: a typed error naming the field, or the
/// assumption the quote makes, stated in its warnings; never a silent default.
pub(super) fn check_assumptions(ctx: &mut Ctx<'_>) -> Result<()> {
    let (req, rules, date) = (ctx.req, ctx.rules, ctx.req.date);
    let dest = ctx.destination;
    if let Some(i) = req.lines.iter().position(|l| l.vat_class == VatClass::Reduced) {
        if ctx.j.tax_basis != TaxBasis::None && !rules.has_reduced_rate(dest, date) {
            return Err(Error::new(
                ErrorCode::InvalidField,
                format!("lines[{i}].vat_class"),
                format!(
                    "no reduced VAT/GST rate is known for {dest} on {date}: give vat_class standard, zero or exempt"
                ),
            ));
        }
    }
    if let Some(t) = rules.territory(dest, date) {
        ctx.warn(Detail::Territory { assumption: t.assumption, source: t.source.publisher });
    }
    // Border taxes that differ by province or state (Canada's HST, Brazil's ICMS).
    let mut parts: Vec<&str> = rules
        .vat_of(dest)
        .iter()
        .filter(|v| matches!(v.kind, VatKind::Hst | VatKind::Icms) && in_force(v.valid_from, v.valid_to, date))
        .map(|v| v.subdivision)
        .collect();
    parts.dedup();
    let registrant_pays_federal_only = ctx.j.subdivision_tax == SubdivisionTax::Hst && req.business_buyer;
    if ctx.subdivision.is_none() && !parts.is_empty() && !registrant_pays_federal_only {
        ctx.warn(Detail::AssumedSubdivision { destination: ctx.j.country, subdivisions: parts });
    }
    if req.ship_from.is_none() {
        // The destination's groups are found once; the cheap test goes first.
        let memberships = rules.groups.memberships_of(dest);
        let names_dest =
            |c: &str| crate::rules::same(c, dest) || crate::rules::groups::Membership::any_in(memberships, c, date);
        let keyed: Vec<&str> = rules
            .thresholds
            .iter()
            .filter(|t| !t.ship_from.is_empty() && names_dest(t.country))
            .filter(|t| in_force(t.valid_from, t.valid_to, date) && t.channel.is_none_or(|c| c == req.channel))
            .map(|t| t.id)
            .collect();
        if !keyed.is_empty() {
            ctx.warn(Detail::AssumedShipFrom { thresholds: keyed });
        }
    }
    Ok(())
}
