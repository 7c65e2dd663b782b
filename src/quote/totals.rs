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
    let dp = ctx.j.currency.minor_units();
    let mut sums = LevySums::new(dp);
    let mut goods = Sum::new(dp);
    for line in lines {
        goods.add(line.goods_value);
        for levy in &line.levies {
            sums.add(levy, true);
        }
    }
    for levy in shipment {
        sums.add(levy, false);
    }
    let duty = ctx.round(sums.duty.total());
    let tax = ctx.round(sums.tax.total());
    let fees = ctx.round(sums.fees.total());
    let goods = goods.total();
    // With lines outside a per-item scheme, only the others' tax is the sale's.
    let line_tax = |at_sale: fn(&Relief) -> bool| match relief.per_line.is_empty() {
        true => sums.line_tax.total(),
        false => {
            let mut sum = Sum::new(dp);
            for (_, line) in lines.iter().enumerate().filter(|(i, _)| at_sale(relief.for_line(*i))) {
                for a in line
                    .levies
                    .iter()
                    .filter(|l| l.kind == LevyKind::Tax && !l.name.is_border_tax_on_duty())
                    .filter_map(|l| l.amount.or(l.partial_amount))
                {
                    sum.add(a);
                }
            }
            sum.total()
        }
    };
    // A simplified regime whose seller collects at the sale (Remessa Conforme) takes the lines'
    // duty and tax into the checkout price; a threshold's scheme, only the tax.
    let duty_at_sale = ctx.band_at_sale.map(|_| duty);
    let at_sale = match (ctx.band_at_sale, relief.seller_collects) {
        (Some(_), _) => duty + ctx.round(sums.line_tax.total()),
        (None, Some(_)) => ctx.round(line_tax(|r| r.seller_collects.is_some())),
        (None, None) => Decimal::ZERO,
    };
    // Tax a registered buyer reverse-charges is on its own return, not paid to the seller nor at
    // the border: outside `tax`, the checkout price and what is due on delivery.
    let reverse_charged = relief.reverse_charge.map(|_| ctx.round(line_tax(|r| r.reverse_charge.is_some())));
    let tax = reverse_charged.map_or(tax, |r| tax - r);
    let charges = duty + tax + fees;
    let checkout = goods + shipping + insurance + at_sale;
    let (landed, due) = match ctx.req.incoterm() {
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
        collected_at_sale: ctx.round(at_sale),
        duty_collected_at_sale: duty_at_sale,
        collected_at_sale_rule: match ctx.band_at_sale {
            Some(b) => Some(Note::new(Parts::Cited { row: b.source.row(), publisher: b.source.publisher })),
            None => relief
                .seller_collects
                .map(|t| Note::new(Parts::Cited { row: t.source.row(), publisher: t.source.publisher })),
        },
        reverse_charged,
        reverse_charged_rule: relief
            .reverse_charge
            .map(|t| Note::new(Parts::Cited { row: t.source.row(), publisher: t.source.publisher })),
        landed: ctx.round(landed),
        due_on_delivery: ctx.round(due),
        buyer_total: ctx.round(landed + due),
        landed_max: None,
        complete,
        at_least: !complete,
    }
}

/// The levies' known amounts (the amount, else the partial lower bound) summed by kind, in one
/// pass over the lines and the shipment.
struct LevySums {
    /// Duty and additional duties.
    duty: Sum,
    /// Taxes and excise.
    tax: Sum,
    fees: Sum,
    /// The lines' taxes alone (what a seller collects at the sale), less the import tax due at
    /// the border on a duty (`Parts::BorderTaxOnDutyName`).
    line_tax: Sum,
}

impl LevySums {
    fn new(dp: u32) -> Self {
        LevySums { duty: Sum::new(dp), tax: Sum::new(dp), fees: Sum::new(dp), line_tax: Sum::new(dp) }
    }

    // Inlined into the loop over every levy of the quote (`#[inline]` had left it a call, some
    // 20 instructions a levy).
    #[cfg_attr(target_arch = "wasm32", inline)]
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn add(&mut self, levy: &Levy, on_a_line: bool) {
        let Some(amount) = levy.amount.or(levy.partial_amount) else { return };
        match levy.kind {
            LevyKind::Duty | LevyKind::AdditionalDuty => self.duty.add(amount),
            LevyKind::Tax => {
                self.tax.add(amount);
                if on_a_line && !levy.name.is_border_tax_on_duty() {
                    self.line_tax.add(amount);
                }
            }
            LevyKind::Excise => self.tax.add(amount),
            LevyKind::Fee => self.fees.add(amount),
        }
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
        assert!(dap
            .collected_at_sale_rule
            .is_some_and(|r| r.as_str().starts_with("thresholds.tsv#gb-low-value-vat-135 (")));
    }

    #[test]
    fn per_total_rounding_sums_the_exact_levies_then_rounds_once_rules_11() {
        // docs/rules.md §11: under `per_total` the lines keep their exact amounts and only the
        // totals are rounded: duty 410.988 + 0.004 = 410.992 → 410.99; VAT 1.005 + 1.005 = 2.010
        // → 2.01 (rounding each line half-up first would give 1.01 + 1.01 = 2.02).
        let req = request(
            r#"{"destination":"GB","date":"2026-03-02","currency":"GBP","rounding":{"scope":"per_total","mode":"half_up"},"lines":[
            {"id":"a","code":"6109100010","quantity":"1","unit_price":"100.00"}]}"#,
        );
        let line = |duty, tax| {
            line_quote(
                dec!(100.00),
                dec!(100.00),
                vec![levy(LevyKind::Duty, "Customs duty", duty), levy(LevyKind::Tax, "Import VAT", tax)],
            )
        };
        let lines = [line(dec!(410.988), dec!(1.005)), line(dec!(0.004), dec!(1.005))];
        let t = totals(&context(&req), &Relief::default(), &lines, &[], dec!(0), dec!(0));
        assert_eq!((t.duty, t.tax, t.goods), (dec!(410.99), dec!(2.01), dec!(200.00)));
        assert_eq!(t.landed.to_string(), "613.00");
    }
}
