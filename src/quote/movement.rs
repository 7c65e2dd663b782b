//! Stage 1b, movement: goods that cross no customs border (`rules/movements.tsv`: a domestic
//! sale, within the EU customs union, between Great Britain and Northern Ireland, between the EU
//! and Northern Ireland) are not imports. Chosen once per quote from `ship_from` and the
//! destination; when a row applies, the thresholds, the duty source, additional duties and
//! import fees are skipped for every line, and the tax is the seller's at the sale (the
//! thresholds stage's seller-collects machinery), or not priced where the row says so. An
//! `import` row (a tax border inside one customs territory, a customs union) spares the lines
//! it covers the customs duty only: the thresholds, taxes, excise and fees run as for an import.

use super::*;
use crate::rules::{Movement, MovementTax};

/// The movement row the request's shipment is, if any: `None` without `ship_from` (an import,
/// as always) or when no row names it.
pub(super) fn choose(rules: &'static Rules, req: &QuoteRequest, destination: &str) -> Option<&'static Movement> {
    let ship_from = req.ship_from.as_deref()?.trim().to_ascii_uppercase();
    rules.movement(&ship_from, destination, req.date)
}

/// The chosen row as the quote uses it: a movement that crosses no customs border, or an
/// `import` row that spares the goods only the customs duty.
pub(super) fn by_tax(m: Option<&'static Movement>) -> (Option<&'static Movement>, Option<&'static Movement>) {
    match m {
        Some(m) if m.tax == MovementTax::Import => (None, Some(m)),
        other => (other, None),
    }
}

/// The `import` row that spares a line of `code` its customs duty, if any (its chapters).
pub(super) fn customs_union_for(ctx: &Ctx<'_>, code: &HsCode) -> Option<&'static Movement> {
    ctx.customs_union.filter(|m| m.covers_chapter(code.chapter()))
}

/// True when the `import` row spares every line of the request its duty (their chapters).
pub(super) fn customs_union_covers_all(ctx: &Ctx<'_>) -> bool {
    ctx.customs_union.is_some_and(|m| ctx.req.lines.iter().all(|l| covers_line(m, l)))
}

/// True when the row covers a request line's goods: its code's chapter (the first two digits,
/// dots and spaces skipped, as the caller may write `61.09`).
pub(super) fn covers_line(m: &Movement, line: &LineRequest) -> bool {
    let chapter: String = line.code.chars().filter(char::is_ascii_digit).take(2).collect();
    m.covers_chapter(&chapter)
}

/// States an `import` row once per quote: what it assumes (the customs duty it spares; the
/// VAT/GST at import stays).
pub(super) fn note_customs_union(ctx: &mut Ctx<'_>) {
    if let Some(m) = ctx.customs_union {
        ctx.warn(Detail::MovementAssumption { movement: m.id, assumption: m.assumption });
    }
}

/// The consignment's outcome when it crosses no customs border: no threshold is compared, the
/// tax is collected by the seller at the sale; the quote states the row, its law and what it
/// assumes.
pub(super) fn no_border_relief(ctx: &mut Ctx<'_>, m: &'static Movement) -> Relief {
    let ship_from = ctx.req.ship_from.as_deref().unwrap_or_default().trim().to_ascii_uppercase();
    ctx.warn(Detail::NoCustomsBorder {
        movement: m.id,
        ship_from,
        destination: ctx.destination,
        source: m.source.publisher,
        no_tax: ctx.j.tax_basis == TaxBasis::None,
    });
    ctx.warn(Detail::MovementAssumption { movement: m.id, assumption: m.assumption });
    if ctx.j.tax_basis != TaxBasis::None {
        ctx.warn(Detail::SellerCollects { threshold: m.id });
    }
    Relief { seller_collects: Some(&m.at_sale), ..Relief::default() }
}

/// A line's customs duty on a movement that crosses no customs border: none, and why. A caller's
/// `duty_rate` or `extra_duties` on the line is not charged, and the formula says so.
pub(super) fn no_border_duty(
    ctx: &Ctx<'_>,
    m: &'static Movement,
    line: &LineRequest,
    customs_value: Decimal,
    basis_note: Parts,
) -> Levy {
    let why = match m.tax {
        MovementTax::Import => Parts::NoDutyCustomsUnion { movement: m.id },
        _ => Parts::NoCustomsBorder { movement: m.id },
    };
    let formula = match line.duty_rate.is_some() || !line.extra_duties.is_empty() {
        false => Note::new(why),
        true => Note::from(format!("{}; the line's duty_rate and extra_duties are not charged", Note::new(why))),
    };
    Levy {
        kind: LevyKind::Duty,
        name: "Customs duty".into(),
        base: customs_value,
        base_note: Note::new(basis_note),
        rate: "none".into(),
        amount: Some(ctx.round(Decimal::ZERO)),
        partial_amount: None,
        formula,
        source: (&m.source).into(),
        not_priced: false,
    }
}

/// Under a row whose tax is `not_priced`, each line's tax keeps its figure in the formula but
/// loses its amount, and the line says why (docs/rules.md#movements).
pub(super) fn unprice_movement_tax(m: &'static Movement, lines: &mut [LineQuote]) {
    if m.tax != MovementTax::NotPriced {
        return;
    }
    let why = format!(
        "{}: not priced: {} ({}); no request field gives the seller's sales yet",
        m.id,
        m.assumption.split_once("; ").map_or(m.assumption, |(_, rest)| rest),
        m.source.publisher
    );
    for line in lines.iter_mut() {
        unprice_levies(line, &[(&[LevyKind::Tax], &why)]);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    fn req(destination: &str, ship_from: &str, date: &str) -> QuoteRequest {
        request(&format!(
            r#"{{"destination":"{destination}","ship_from":"{ship_from}","date":"{date}","currency":"EUR","lines":[
            {{"id":"a","code":"6109100010","quantity":"1","unit_price":"300.00"}}]}}"#
        ))
    }

    fn chosen(destination: &str, ship_from: &str, date: &str) -> Option<&'static str> {
        let r = req(destination, ship_from, date);
        let ctx = context(&r);
        choose(ctx.rules, &r, ctx.destination).map(|m| m.id)
    }

    /// docs/rules.md#movements: each kind of movement that crosses no customs border is its row
    /// of rules/movements.tsv on the date; an import matches none.
    #[test]
    fn each_movement_is_its_row_on_the_date_rules_movements() {
        assert_eq!(chosen("DE", "de", "2026-03-02"), Some("domestic"));
        assert_eq!(chosen("DE", "FR", "2026-03-02"), Some("eu-intra-oss"));
        assert_eq!(chosen("DE", "FR", "2021-06-30"), Some("eu-intra-before-oss"));
        assert_eq!(chosen("XI", "GB", "2026-03-02"), Some("gb-to-xi-not-at-risk"));
        assert_eq!(chosen("GB", "XI", "2026-03-02"), Some("xi-to-gb-qualifying"));
        assert_eq!(chosen("XI", "FR", "2026-03-02"), Some("eu-xi-oss"));
        assert_eq!(chosen("FR", "XI", "2021-03-01"), Some("eu-xi-before-oss"));
        assert_eq!(chosen("DE", "CN", "2026-03-02"), None);
        assert_eq!(chosen("DE", "GB", "2026-03-02"), None, "GB left the EU customs union");
        assert_eq!(chosen("GB", "FR", "2026-03-02"), None);
        // audit-uu UU7, UU14: the Crown Dependencies, the EU's special territories, Liechtenstein.
        assert_eq!(chosen("GB", "IM", "2026-03-02"), Some("im-gb-vat-area"));
        assert_eq!(chosen("GB", "JE", "2026-03-02"), Some("cd-uk-customs-union"));
        assert_eq!(chosen("GB", "GG", "2020-12-31"), Some("cd-eu-customs-territory"));
        assert_eq!(chosen("DE", "JE", "2021-01-01"), None, "outside the EU's customs territory from 2021");
        assert_eq!(chosen("FR", "MC", "2026-03-02"), Some("mc-fr-customs-vat-territory"));
        assert_eq!(chosen("DE", "MC", "2026-03-02"), Some("mc-eu-oss"));
        assert_eq!(chosen("FI", "AX", "2026-03-02"), Some("ax-eu-tax-border"));
        assert_eq!(chosen("CH", "LI", "2026-03-02"), Some("li-ch-customs-vat-territory"));
    }

    /// docs/rules.md#movements: an `import` row spares the duty only; the others are no border.
    #[test]
    fn an_import_row_is_the_customs_union_not_the_movement() {
        let r = req("GB", "JE", "2026-03-02");
        let ctx = context(&r);
        assert_eq!(ctx.movement.map(|m| m.id), None);
        assert_eq!(ctx.customs_union.map(|m| m.id), Some("cd-uk-customs-union"));
        let r = req("GB", "IM", "2026-03-02");
        let ctx = context(&r);
        assert_eq!(ctx.movement.map(|m| m.id), Some("im-gb-vat-area"));
        assert_eq!(ctx.customs_union, None);
    }

    #[test]
    fn no_border_relief_has_the_seller_collect_and_states_the_row() {
        let r = req("DE", "FR", "2026-03-02");
        let mut ctx = context(&r);
        let m = choose(ctx.rules, &r, ctx.destination).unwrap();
        let relief = no_border_relief(&mut ctx, m);
        assert_eq!(relief.seller_collects.map(|t| t.id), Some("eu-intra-oss"));
        assert!(relief.duty.is_none() && relief.fees.is_none() && relief.tax.is_none());
        let codes: Vec<&str> = ctx.warnings.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(codes, ["W_NO_CUSTOMS_BORDER", "W_MOVEMENT_ASSUMPTION", "W_SELLER_COLLECTS"]);
        assert!(ctx.warnings[0]
            .message
            .starts_with("eu-intra-oss: goods shipped from FR to DE cross no customs border"));
    }
}
