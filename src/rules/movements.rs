//! Movements that cross no customs border (`rules/movements.tsv`): a domestic sale, goods moving
//! inside the EU customs union, between Great Britain and Northern Ireland, between the EU and
//! Northern Ireland. No customs duty and no import fees are due; the tax is charged by the
//! seller at the sale, or not priced where it depends on facts the request does not give. An
//! `import` row crosses only a tax border or a customs union's internal border (Åland, the
//! Channel Islands, San Marino): no customs duty, the rest as for any import.

use super::codes::{MovementCodes, MovementTax, Place, MOVEMENTS_FILE};
use super::table::{in_force, Tsv};
use super::{groups::Groups, SaleBase, Threshold, ThresholdBasis, ThresholdEffect};
use crate::date::Date;
use crate::error::Result;
use crate::money::Currency;
use crate::provenance::Provenance;
use rust_decimal::Decimal;

/// One row: goods shipped from `from` to `to` on a date in force cross no customs border.
#[derive(Debug, Clone, PartialEq)]
pub struct Movement {
    pub id: &'static str,
    pub from: Place<'static>,
    pub to: Place<'static>,
    pub tax: MovementTax,
    /// The HS chapters an `import` row covers (first, last); `None`: all goods.
    pub chapters: Option<(u8, u8)>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// What the quote assumes when the row applies (stated in its warnings).
    pub assumption: &'static str,
    pub source: Provenance<'static>,
    /// The tax charged at the sale, as the seller-collects row the tax and totals stages read
    /// (its id, sale base and source: the sale price with delivery, this row's law).
    pub(crate) at_sale: Threshold,
}

impl Movement {
    /// True when goods shipped from `ship_from` to `destination` (both upper case) on `date` are
    /// this movement: the row is in force and both ends are named on the date.
    pub fn applies(&self, groups: &Groups<'_>, ship_from: &str, destination: &str, date: Date) -> bool {
        let named = |place: &Place<'_>, country: &str| match place {
            Place::Same => ship_from == destination,
            Place::Any => true,
            Place::Named(names) => names.iter().any(|n| groups.names(n, country, date)),
        };
        in_force(self.valid_from, self.valid_to, date) && named(&self.from, ship_from) && named(&self.to, destination)
    }

    /// True when the row covers goods of HS `chapter` (its two digits): every chapter unless the
    /// row names some.
    pub fn covers_chapter(&self, chapter: &str) -> bool {
        match (self.chapters, chapter.parse::<u8>()) {
            (None, _) => true,
            (Some((first, last)), Ok(c)) => (first..=last).contains(&c),
            (Some(_), Err(_)) => false,
        }
    }
}

/// Parses `rules/movements.tsv` strictly (the coded columns as `build.rs` checks them).
pub(super) fn parse(t: &Tsv<'static>, groups: &Groups<'static>) -> Result<Vec<Movement>> {
    let table = MOVEMENTS_FILE.trim_start_matches("rules/");
    let mut movements = Vec::new();
    for r in t.records() {
        let id = r.text("id")?;
        let codes = MovementCodes::read(&r, groups)?;
        let source = Provenance::rule_row(table, id, &r)?;
        let assumption = r.text("assumption")?;
        let (valid_from, valid_to) = (r.date("valid_from")?, r.date("valid_to")?);
        movements.push(Movement {
            id,
            at_sale: at_sale(id, assumption, valid_from, valid_to, source.clone()),
            from: codes.from,
            to: codes.to,
            tax: codes.tax,
            chapters: codes.chapters,
            valid_from,
            valid_to,
            assumption,
            source,
        });
    }
    Ok(movements)
}

/// The row's tax at the sale in the thresholds stage's terms: seller-collected tax on the sale
/// price with delivery, whatever the value (no amount is compared: the stage is skipped).
fn at_sale(
    id: &'static str,
    assumption: &'static str,
    valid_from: Option<Date>,
    valid_to: Option<Date>,
    source: Provenance<'static>,
) -> Threshold {
    Threshold {
        transport: Vec::new(),
        id,
        country: "",
        duty: false,
        tax: true,
        fees: false,
        effect: ThresholdEffect::SellerCollects,
        amount: Decimal::ZERO,
        currency: Currency::EUR,
        basis: ThresholdBasis::Intrinsic,
        channel: None,
        ship_from: Vec::new(),
        origins: Vec::new(),
        exclude_origins: Vec::new(),
        exclude_ship_from: Vec::new(),
        exclude_codes: Vec::new(),
        exclude_by_line: false,
        exclude_note: "",
        buyer: super::Buyer::Any,
        aggregation: super::Aggregation::Consignment,
        strictly_below: false,
        flat_amount: None,
        assumption: Some(assumption),
        scheme: None,
        sale_base: SaleBase::Delivered,
        valid_from,
        valid_to,
        source,
        at_most: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id\tfrom\tto\tduty\ttax\tchapters\tvalid_from\tvalid_to\tassumption\tsource\tconfidence\n";

    fn parse_row(row: &str) -> Result<Vec<Movement>> {
        let text: &'static str = Box::leak(format!("{HEADER}{row}\n").into_boxed_str());
        let groups = crate::Engine::embedded().rules().groups.clone();
        parse(&Tsv::parse(MOVEMENTS_FILE, text)?, &groups)
    }

    fn on(date: &str) -> Date {
        Date::parse(date).unwrap()
    }

    /// rules/groups.tsv: a group named in `from` or `to` follows its dated memberships (the UK
    /// was in the EU group to 2020-12-31).
    #[test]
    fn a_group_row_follows_memberships_on_the_date() {
        let m = &parse_row("x\tEU\tEU\tnone\tseller_collects\t\t\t\ta\tlaw\tofficial").unwrap()[0];
        let groups = &crate::Engine::embedded().rules().groups;
        assert!(m.applies(groups, "FR", "DE", on("2026-03-02")));
        assert!(m.applies(groups, "GB", "DE", on("2020-12-31")));
        assert!(!m.applies(groups, "GB", "DE", on("2021-01-01")));
        assert!(!m.applies(groups, "XI", "DE", on("2026-03-02")));
    }

    #[test]
    fn same_matches_only_the_destination_and_star_any_destination() {
        let m = &parse_row("d\tsame\t*\tnone\tseller_collects\t\t2021-01-01\t\ta\tlaw\tofficial").unwrap()[0];
        let groups = &crate::Engine::embedded().rules().groups;
        assert!(m.applies(groups, "US", "US", on("2026-03-02")));
        assert!(!m.applies(groups, "CA", "US", on("2026-03-02")));
        assert!(!m.applies(groups, "US", "US", on("2020-12-31")), "before valid_from");
        assert_eq!((m.at_sale.id, m.at_sale.effect), ("d", ThresholdEffect::SellerCollects));
        assert_eq!(m.source.row(), "movements.tsv#d");
    }

    /// docs/rules.md#movements: an `import` row (the EU–Andorra customs union, chapters 25-97)
    /// covers only its chapters.
    #[test]
    fn an_import_row_covers_only_its_chapters() {
        let m = &parse_row("ad\tAD\tEU\tnone\timport\t25-97\t1991-07-01\t\ta\tlaw\tofficial").unwrap()[0];
        assert_eq!((m.tax, m.chapters), (MovementTax::Import, Some((25, 97))));
        assert!(m.covers_chapter("61") && m.covers_chapter("25") && m.covers_chapter("97"));
        assert!(!m.covers_chapter("24") && !m.covers_chapter("01"));
        let all = &parse_row("ax\tAX\tEU\tnone\timport\t\t1995-01-01\t\ta\tlaw\tofficial").unwrap()[0];
        assert!(all.covers_chapter("01") && all.covers_chapter("61"));
    }

    #[test]
    fn unknown_values_fail_the_load_naming_the_column() {
        for (row, column) in [
            ("x\tEU\tEU\tnone\tcollect\t\t\t\ta\tlaw\tofficial", "tax"),
            ("x\tEU\tEU\tdue\tseller_collects\t\t\t\ta\tlaw\tofficial", "duty"),
            ("x\teu\tEU\tnone\tseller_collects\t\t\t\ta\tlaw\tofficial", "from"),
            ("x\tEU\t\tnone\tseller_collects\t\t\t\ta\tlaw\tofficial", "to"),
            ("x\tEU\tEU\tnone\tseller_collects\t\t\t\ta\tlaw\tsure", "confidence"),
            ("x\tAD\tEU\tnone\tseller_collects\t25-97\t\t\ta\tlaw\tofficial", "chapters"),
            ("x\tAD\tEU\tnone\timport\t97-25\t\t\ta\tlaw\tofficial", "chapters"),
            ("x\tAD\tEU\tnone\timport\t25-98\t\t\ta\tlaw\tofficial", "chapters"),
        ] {
            let e = parse_row(row).expect_err(column);
            assert!(e.message.contains(&format!("column {column}")), "{column}: {}", e.message);
        }
    }
}
