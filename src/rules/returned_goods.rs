//! Returned-goods reliefs (`rules/returned_goods.tsv`): goods of the destination (or of its
//! customs union) exported and re-imported unaltered may be relieved of duty, and sometimes of
//! VAT. No request input claims the relief yet, so a quote never applies it: a line whose origin
//! is the destination's own states that it is priced as foreign goods, naming the relief and its
//! law (`W_ASSUMPTION`, docs/rules.md §2, "Returned goods"). Data over code: each destination's
//! relief, the origins that count as its own and the law are rows.

use super::groups::Groups;
use super::table::{in_force, Tsv};
use crate::date::Date;
use crate::error::Result;
use crate::provenance::Provenance;

/// The table's path in the snapshot.
pub const FILE: &str = super::codes::RETURNED_GOODS_FILE;

/// One destination's returned-goods relief: on its dates, goods imported into `countries` whose
/// origin is one of `origins` (a country, or a group it belongs to on the date) may be relieved.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnedGoods {
    pub id: &'static str,
    /// Destinations and groups of `rules/groups.tsv` (`EU`, `GB,XI`).
    pub countries: Vec<&'static str>,
    /// Origins (countries or groups) whose goods count as the destination's own.
    pub origins: Vec<&'static str>,
    /// The relief and its law, in words.
    pub relief: &'static str,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub source: Provenance<'static>,
}

impl ReturnedGoods {
    /// True when goods of `origin` count as the destination's own on `date`.
    pub fn is_home(&self, groups: &Groups<'_>, origin: &str, date: Date) -> bool {
        self.origins.iter().any(|o| groups.names(o, origin, date))
    }
}

/// The relief of `country` on `date`: the first row (file order) in force naming it, itself or
/// through a group it belongs to.
pub(super) fn find<'r>(
    rows: &'r [ReturnedGoods],
    groups: &Groups<'_>,
    country: &str,
    date: Date,
) -> Option<&'r ReturnedGoods> {
    rows.iter().find(|r| {
        in_force(r.valid_from, r.valid_to, date) && r.countries.iter().any(|c| groups.names(c, country, date))
    })
}

/// Parses `rules/returned_goods.tsv` strictly: `countries` and `origins` are countries or groups,
/// the dates dates, a `confidence`; an unknown value fails the load naming the row and column.
pub(super) fn parse(t: &Tsv<'static>, groups: &Groups<'_>) -> Result<Vec<ReturnedGoods>> {
    let mut rows = Vec::new();
    for r in t.records() {
        groups.check_names(&r, "countries")?;
        groups.check_names(&r, "origins")?;
        let id = r.text("id")?;
        let origins = super::codes::list(r.text("origins")?);
        if origins.is_empty() {
            return Err(r.bad("origins", "a relief names the origins whose goods count as the destination's own"));
        }
        rows.push(ReturnedGoods {
            id,
            countries: super::codes::list(r.text("countries")?),
            origins,
            relief: r.text("relief")?,
            valid_from: r.date("valid_from")?,
            valid_to: r.date("valid_to")?,
            source: Provenance::rule_row("returned_goods.tsv", id, &r)?,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id\tcountries\torigins\trelief\tvalid_from\tvalid_to\tsource\tconfidence\n";

    fn parse_rows(rows: &str) -> Result<Vec<ReturnedGoods>> {
        let text: &'static str = Box::leak(format!("{HEADER}{rows}").into_boxed_str());
        parse(&Tsv::parse(FILE, text)?, &crate::rules::groups::eu_with_gb_until_2020())
    }

    #[test]
    fn a_groups_relief_counts_its_members_goods_as_its_own() {
        let rows = parse_rows("eu\tEU\tEU\trelief\t2016-05-01\t\tlaw\tofficial\n").unwrap();
        let g = crate::rules::groups::eu_with_gb_until_2020();
        let (day, later) = (Date::parse("2019-03-02").unwrap(), Date::parse("2026-03-02").unwrap());
        let r = find(&rows, &g, "DE", day).expect("DE is in the EU");
        // The UK's goods were the Union's until 2020-12-31, not after.
        assert!(r.is_home(&g, "GB", day) && r.is_home(&g, "DE", day) && !r.is_home(&g, "US", day));
        assert!(!r.is_home(&g, "GB", later));
        assert!(find(&rows, &g, "US", day).is_none());
        assert!(find(&rows, &g, "DE", Date::parse("2016-04-30").unwrap()).is_none());
    }

    #[test]
    fn bad_values_fail_the_load_naming_the_column() {
        for (row, column) in [
            ("x\tEUR\tEU\tr\t\t\tlaw\tofficial\n", "countries"),
            ("x\tEU\t\tr\t\t\tlaw\tofficial\n", "origins"),
            ("x\tEU\tEU\tr\t2026-13-01\t\tlaw\tofficial\n", "valid_from"),
            ("x\tEU\tEU\tr\t\t\tlaw\tsure\n", "confidence"),
        ] {
            let e = parse_rows(row).expect_err(column);
            assert!(e.message.contains(&format!("column {column}")), "{column}: {}", e.message);
        }
    }
}
