//! Stage 7, totals: sums of the levies, checkout and delivery amounts, and whether they are lower
//! bounds.

use super::*;

/// Totals of the levies: an incomplete line counts with its known lower bound, and the totals
/// then say "at least". Tax the seller collects at the sale is in the checkout price whatever the
/// incoterm.
pub(super) fn totals(
    ctx: &Ctx<'_>,
    relief: &Relief,
    lines: &[LineQuote],
    shipment: &[Levy],
    shipping: Decimal,
    insurance: Decimal,
) -> Totals {
    let goods: Decimal = lines.iter().map(|l| l.goods_value).sum();
    let known = |l: &Levy| l.amount.or(l.partial_amount);
    let by_kind = |kinds: &[LevyKind]| {
        lines
            .iter()
            .flat_map(|l| l.levies.iter())
            .chain(shipment.iter())
            .filter(|l| kinds.contains(&l.kind))
            .filter_map(known)
            .sum::<Decimal>()
    };
    let duty = ctx.round(by_kind(&[LevyKind::Duty, LevyKind::AdditionalDuty]));
    let tax = ctx.round(by_kind(&[LevyKind::Tax, LevyKind::Excise]));
    let fees = ctx.round(by_kind(&[LevyKind::Fee]));
    let at_sale = match relief.seller_collects {
        Some(_) => ctx.round(
            lines.iter().flat_map(|l| l.levies.iter()).filter(|l| l.kind == LevyKind::Tax).filter_map(known).sum(),
        ),
        None => Decimal::ZERO,
    };
    let charges = duty + tax + fees;
    let checkout = goods + shipping + insurance + at_sale;
    let (landed, due) = match ctx.req.incoterm {
        Incoterm::Ddp => (checkout + charges - at_sale, Decimal::ZERO),
        Incoterm::Dap => (checkout, charges - at_sale),
    };
    // A fee whose amount is unknown (MPF in a fiscal year not yet published) leaves the quote
    // incomplete too.
    let complete = lines.iter().all(|l| l.status == LineStatus::Priced) && shipment.iter().all(|l| l.amount.is_some());
    Totals {
        goods: ctx.round(goods),
        shipping: ctx.round(shipping),
        insurance: ctx.round(insurance),
        duty,
        tax,
        fees,
        collected_at_sale: at_sale,
        collected_at_sale_rule: relief.seller_collects.map(|t| concat(&[&t.source.row, " (", t.source.source, ")"])),
        landed: ctx.round(landed),
        due_on_delivery: ctx.round(due),
        buyer_total: ctx.round(landed + due),
        landed_max: None,
        complete,
        at_least: !complete,
    }
}
