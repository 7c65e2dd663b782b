//! Stage 5, taxes (Canada): a province's own sales tax at the border. The CBSA collects the PST
//! of the provinces that signed agreements (BC, MB, SK: `pst_border` rows of
//! `rules/vat_extra.tsv`) on casual goods, on the value for tax (value for duty + duty), with the
//! GST (CBSA Memoranda D2-3-6, D17-1-22, D5-1-1, D18-4-1 para. 23; 'Courier Low Value Shipment
//! Program: Requirement for payment of PST and HST on casual goods'). Commercial goods are not
//! casual goods: a business accounts for the PST to the province. Other provincial taxes
//! (Québec's QST) are not collected at the border.

use super::*;
use crate::rules::VatRate;

/// What the quote assumes when it charges a province's PST at the border.
const PST_ASSUMED: &str = "the goods are casual (non-commercial) goods cleared in the buyer's province: the CBSA collects that province's PST with the GST on the value for tax (CBSA 'Courier Low Value Shipment Program: Requirement for payment of PST and HST on casual goods'; Memorandum D2-3-6); cleared in another province, the PST is not collected at the border and the buyer self-assesses it to the province. The province's general rate is charged: its own PST exemptions are not modelled; lines classed zero or exempt are charged none";

/// Why a province's sales tax is not in the quote.
const NOT_AT_BORDER: &str =
    "is not collected by the CBSA at the border; the seller or buyer accounts for it to the province";
const BUSINESS_SELF_ASSESSES: &str = "is collected by the CBSA only on casual (non-commercial) goods: a business importer (business_buyer) accounts for it to the province (self-assessment) unless the goods are exempt, e.g. bought for resale; it is not in this quote";

/// The province's PST the CBSA collects with the GST for this request, if any. `federal` is the
/// kind of the line's federal rate: a harmonized province (HST) has no separate PST. Where the
/// province has a sales tax that is not collected here, the quote says so.
/// A province whose PST the CBSA collects on other dates but whose rate on the quote's date is
/// not encoded makes a consumer's line partial, with the reason.
pub(super) fn border_pst(ctx: &mut Ctx<'_>, federal: VatKind, p: &mut Priced) -> Option<&'static VatRate> {
    if federal == VatKind::Hst {
        return None;
    }
    let sub = ctx.subdivision.clone()?;
    let rules: &'static Rules = ctx.rules;
    let (dest, date) = (ctx.destination, ctx.req.date);
    let encoded = || {
        rules
            .vat_of(dest)
            .iter()
            .filter(|v| v.kind == VatKind::PstBorder && v.subdivision == sub)
            .min_by_key(|v| v.valid_from)
    };
    let pst = rules.border_sales_tax(dest, &sub, date);
    // The PST the CBSA collects is for casual goods: a business self-assesses it.
    ctx.buyer_read |= pst.is_some() || encoded().is_some();
    match pst {
        Some(pst) if !ctx.req.business_buyer => {
            ctx.warn(Detail::Assumption { threshold: "ca-pst-border", assumption: PST_ASSUMED });
            Some(pst)
        }
        Some(_) => {
            ctx.warn(Detail::ProvincialTax { subdivision: sub, why: BUSINESS_SELF_ASSESSES });
            None
        }
        None if !ctx.req.business_buyer && encoded().is_some() => {
            let first = encoded().and_then(|v| v.valid_from).map_or_else(String::new, |d| format!(" from {d}"));
            p.push_reason(format!(
                "the {sub} PST the CBSA collects on casual goods is not encoded for {date} (rules/vat_extra.tsv has its pst_border rate{first}): the PST is not priced"
            ));
            None
        }
        None => {
            warn_left_out(ctx, sub);
            None
        }
    }
}

/// Where the province has its own sales tax, says it is left out of the quote (it is not
/// collected at the border).
fn warn_left_out(ctx: &mut Ctx<'_>, sub: String) {
    if ctx.rules.has_subdivision_sales_tax(ctx.destination, &sub, ctx.req.date) {
        ctx.warn(Detail::ProvincialTax { subdivision: sub, why: NOT_AT_BORDER });
    }
}

/// The PST levy of a line: the province's rate on the GST's base (`base`, `note`). A row from a
/// secondary source is not priced; without the full duty the amount is a lower bound.
pub(super) fn pst_levy(
    ctx: &mut Ctx<'_>,
    class: VatClass,
    pst: &'static VatRate,
    base: Decimal,
    note: &Note,
    duty_known: bool,
    p: &mut Priced,
) {
    if matches!(class, VatClass::Zero | VatClass::Exempt) {
        return;
    }
    let name = Note::from(format!("Import PST ({})", pst.subdivision));
    let amount = ctx.round_line(base * ctx.fraction(pst.percent));
    let formula = Note::new(Parts::Tax {
        percent: pst.percent,
        base,
        amount,
        inside: false,
        at_least: super::taxes::gap(duty_known, p),
    });
    let unverified = pst.source.is_verify().then(|| {
        format!(
            "the {} {} PST rate of {}% is from a secondary source [verify] ({}): the PST is not priced",
            pst.country,
            pst.subdivision,
            pst.percent.normalize(),
            pst.row()
        )
    });
    if let Some(why) = &unverified {
        p.push_reason(why.clone());
    }
    let (amount, partial, formula) =
        super::taxes::settle_tax(amount, formula, unverified.as_deref(), duty_known, "PST", p);
    p.levies.push(Levy {
        kind: LevyKind::Tax,
        name,
        base,
        base_note: note.clone(),
        rate: Note::new(Parts::Rate(pst.percent)),
        amount,
        partial_amount: partial,
        formula,
        source: (&pst.source).into(),
        not_priced: unverified.is_some(),
    });
}

/// A line whose border tax is relieved (or collected at the sale) has no provincial tax charged
/// at the border, the CBSA's relief being of what it collects, not of the province's tax (BC, SK
/// and MB's PST, which the CBSA collects on casual goods above the relief, included): where the
/// province has its own sales tax the quote says it is left out, never reading as including all
/// taxes (audit-cc CC8: Québec ≤ CAD 40 under the CUSMA courier relief read "incl. duty, taxes
/// and fees" without a word of the QST). A harmonized province (HST) has no separate tax.
pub(super) fn unpriced_pst(ctx: &mut Ctx<'_>, federal: VatKind) {
    if federal == VatKind::Hst {
        return;
    }
    if let Some(sub) = ctx.subdivision.clone() {
        warn_left_out(ctx, sub);
    }
}
