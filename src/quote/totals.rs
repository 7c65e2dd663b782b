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
        collected_at_sale_rule: relief
            .seller_collects
            .map(|t| concat(&[t.source.row(), " (", t.source.publisher, ")"])),
        landed: ctx.round(landed),
        due_on_delivery: ctx.round(due),
        buyer_total: ctx.round(landed + due),
        landed_max: None,
        complete,
        at_least: !complete,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use rust_decimal_macros::dec;

    fn gb(incoterm: &str) -> QuoteRequest {
        request(&format!(
            r#"{{"destination":"GB","date":"2026-03-02","currency":"GBP","incoterm":"{incoterm}","lines":[
            {{"id":"a","code":"6109100010","quantity":"1","unit_price":"100.00"}}]}}"#
        ))
    }

    fn line() -> LineQuote {
        line_quote(
            dec!(100.00),
            dec!(112.00),
            vec![levy(LevyKind::Duty, "Customs duty", dec!(13.44)), levy(LevyKind::Tax, "Import VAT", dec!(25.09))],
        )
    }

    #[test]
    fn ddp_puts_every_levy_in_the_checkout_price_and_dap_leaves_it_due_on_delivery() {
        // Goods 100.00 + shipping 10.00 + insurance 2.00 = 112.00; duty 13.44 + VAT 25.09 = 38.53.
        // DDP: the buyer pays 150.53 at checkout, nothing on delivery. DAP: 112.00 at checkout,
        // 38.53 on delivery; 150.53 in all either way.
        let req = gb("DDP");
        let ddp = totals(&context(&req), &Relief::default(), &[line()], &[], dec!(10.00), dec!(2.00));
        assert_eq!((ddp.landed, ddp.due_on_delivery, ddp.buyer_total), (dec!(150.53), dec!(0.00), dec!(150.53)));
        assert_eq!((ddp.duty, ddp.tax, ddp.complete), (dec!(13.44), dec!(25.09), true));
        let req = gb("DAP");
        let dap = totals(&context(&req), &Relief::default(), &[line()], &[], dec!(10.00), dec!(2.00));
        assert_eq!((dap.landed, dap.due_on_delivery, dap.buyer_total), (dec!(112.00), dec!(38.53), dec!(150.53)));
    }

    #[test]
    fn tax_the_seller_collects_is_in_the_checkout_price_under_dap_rules_3() {
        // docs/rules.md §3: under a seller-collects threshold the VAT is part of the sale price even
        // under DAP: checkout 112.00 + 25.09 = 137.09; only the duty 13.44 is due on delivery.
        let req = gb("DAP");
        let ctx = context(&req);
        let t = ctx.rules.thresholds.iter().find(|t| t.id == "gb-low-value-vat-135").unwrap();
        let relief = Relief { seller_collects: Some(t), ..Relief::default() };
        let dap = totals(&ctx, &relief, &[line()], &[], dec!(10.00), dec!(2.00));
        assert_eq!((dap.collected_at_sale, dap.landed, dap.due_on_delivery), (dec!(25.09), dec!(137.09), dec!(13.44)));
        assert!(dap.collected_at_sale_rule.is_some_and(|r| r.starts_with("thresholds.tsv#gb-low-value-vat-135 (")));
    }
}
