//! Excise stage: the excise a destination charges at import on alcohol, tobacco or vaping
//! products (`rules/excise.tsv`). The snapshot holds no excise rates, so the caller's figure (an
//! `extra_duties` entry of kind `excise`) is charged when given; otherwise the excise is listed
//! without an amount and the line is not fully priced, never complete without it. Either way the
//! excise is part of the VAT base (docs/rules.md §21).

use super::*;

/// Charges the line's excise. Returns the amount charged (part of the VAT base) and whether the
/// line's excise is fully known.
pub(super) fn excise(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    code: &HsCode,
    customs_value: Decimal,
    quantities: &Quantities,
    p: &mut Priced,
) -> (Decimal, bool) {
    if line.extra_duties.iter().any(|d| d.kind == ExtraDutyKind::Excise) {
        return charge_caller_duties_on_value(ctx, line, ExtraDutyKind::Excise, customs_value, quantities, p);
    }
    // The code's digits as text: the request's own spelling when it is the bare digits (nearly
    // always; `code` was parsed from it), else made from the code (which checks its bytes).
    let digits = match line.code.as_bytes() == code.bytes() {
        true => line.code.as_str(),
        false => code.digits(),
    };
    // The destination's rows of the day (looked up once per destination and day), those that
    // cover the code: the same rows, in the same order, as `Rules::excises`.
    let day = std::sync::Arc::clone(&ctx.day);
    let mut none = true;
    for row in day.excises.iter().filter(|r| r.covers(digits)) {
        none = false;
        let reason = format!(
            "{} is due on this line ({}), and our data has no rate for it: give it in extra_duties with \"kind\": \"excise\"",
            row.name, row.note
        );
        list_unpriced(p, LevyKind::Excise, row, customs_value, "not in our data", reason);
        ctx.note_verify(row.source.row(), row.source.is_verify());
    }
    (Decimal::ZERO, none)
}

/// Lists a levy of `kind` the data names but has no rate for (an excise, a trade remedy): no
/// amount and no lower bound, and `reason` (what it is, what input prices it) on the line, which
/// is then not fully priced.
pub(super) fn list_unpriced(
    p: &mut Priced,
    kind: LevyKind,
    row: &'static crate::rules::excise::Listed,
    customs_value: Decimal,
    rate: &'static str,
    reason: String,
) {
    p.levies.push(Levy {
        kind,
        name: row.name.into(),
        base: customs_value,
        base_note: "customs value".into(),
        rate: rate.into(),
        amount: None,
        partial_amount: None,
        formula: reason.clone().into(),
        source: (&row.source).into(),
    });
    p.reasons.push(reason);
}

#[cfg(test)]
mod tests {
    use super::super::testing::{engine, request};
    use super::super::{LevyKind, LineStatus, Quote};
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    fn quote_json(json: &str) -> Quote {
        engine().quote(&request(json)).expect("quote")
    }

    fn wine(destination: &str, currency: &str, date: &str, extra: &str) -> Quote {
        quote_json(&format!(
            r#"{{"destination":"{destination}","date":"{date}","currency":"{currency}","lines":[
            {{"id":"w","code":"22042109","origin":"FR","quantity":"6","unit_price":"30","volume_l":"4.5","alcohol_pct":"13"{extra}}}]}}"#
        ))
    }

    /// GB alcohol duty (Finance (No. 2) Act 2023 Part 2): no rate in our data, so the line is
    /// partial, lists the duty without an amount and the totals are "at least".
    #[test]
    fn a_line_bearing_excise_without_its_figure_is_partial_and_lists_the_excise() {
        let q = wine("GB", "GBP", "2026-03-02", "");
        let l = &q.lines[0];
        let e = l.levies.iter().find(|v| v.kind == LevyKind::Excise).expect("excise listed");
        assert!(e.name == "Alcohol Duty" && e.amount.is_none());
        assert_eq!(e.source.row(), "excise.tsv#gb-alcohol-duty");
        assert_eq!(l.status, LineStatus::Partial);
        assert!(l.reason.as_deref().unwrap().contains("\"kind\": \"excise\""), "{:?}", l.reason);
        assert!(!q.totals.complete && q.totals.at_least);
    }

    /// The caller's excise is charged, counted with the taxes and part of the VAT base.
    #[test]
    fn the_callers_excise_is_charged_and_in_the_vat_base() {
        // 4.5 l at 13 % vol = 0.585 l of pure alcohol, at the caller's 29.54 GBP per litre: 17.28.
        let q = wine(
            "GB",
            "GBP",
            "2026-03-02",
            r#","extra_duties":[{"name":"Alcohol Duty","rate":"29.54 GBP / l alc","kind":"excise"}]"#,
        );
        let l = &q.lines[0];
        assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
        let e = l.levies.iter().find(|v| v.kind == LevyKind::Excise).unwrap();
        assert_eq!(e.amount, Some(dec!(17.28)));
        let vat = l.levies.iter().find(|v| v.kind == LevyKind::Tax).unwrap();
        let duty: Decimal = l.levies.iter().filter(|v| v.kind == LevyKind::Duty).filter_map(|v| v.amount).sum();
        assert_eq!(vat.base, l.customs_value + duty + dec!(17.28));
    }

    /// The code's spelling does not matter: a dotted code finds the excise its digits do.
    #[test]
    fn a_dotted_code_bears_the_excise_of_its_digits() {
        let q = quote_json(
            r#"{"destination":"GB","date":"2026-03-02","currency":"GBP","lines":[
            {"id":"w","code":"2204.21.09","origin":"FR","quantity":"6","unit_price":"30","volume_l":"4.5","alcohol_pct":"13"}]}"#,
        );
        let e = q.lines[0].levies.iter().find(|v| v.kind == LevyKind::Excise).expect("excise listed");
        assert_eq!(e.source.row(), "excise.tsv#gb-alcohol-duty");
    }

    /// A T-shirt owes no excise anywhere.
    #[test]
    fn goods_outside_the_excise_table_owe_none() {
        let q = quote_json(
            r#"{"destination":"GB","date":"2026-03-02","currency":"GBP","lines":[
            {"id":"t","code":"6109100010","origin":"CN","quantity":"1","unit_price":"200"}]}"#,
        );
        assert!(q.lines[0].levies.iter().all(|v| v.kind != LevyKind::Excise));
    }
}
