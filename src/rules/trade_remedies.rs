//! Trade-remedy duties (anti-dumping, countervailing, safeguard) the snapshot holds no rates for
//! (`rules/trade_remedies.tsv`): some prominent EU and UK measures on consumer goods. A measure
//! names the importing country, the goods (HS prefixes) and the origins (and, for an extension
//! against circumvention, the countries goods are consigned from); its rate depends on the
//! exporting producer, which the request does not name. A line the measure may touch lists it
//! without an amount, and the caller's `extra_duties` entry of kind `duty` prices it.
//!
//! The table lists some measures, not all: any other anti-dumping or countervailing duty is the
//! caller's to give (docs/rules.md §22).

use super::codes::{countries, one_of, remedy_origins, TRADE_REMEDIES_FILE};
use super::excise::{chapters, in_chapters, Listed};
use super::groups::Groups;
use super::table::Tsv;
use crate::date::Date;
use crate::error::Result;
use crate::hs::digits_start_with;

/// The kind of trade remedy (`kind` column); in the UK the first three are import duties under the
/// Taxation (Cross-border Trade) Act 2018 s.13-15.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemedyKind {
    /// Regulation (EU) 2016/1036.
    AntiDumping,
    /// Regulation (EU) 2016/1037.
    Countervailing,
    /// Regulation (EU) 2015/478.
    Safeguard,
    /// A surtax of a fixed rate on the goods of an order's schedule from named origins, such as
    /// Canada's under the Customs Tariff s.53 (China Surtax Order (2024), United States Surtax
    /// Orders 2025): its rate does not depend on the producer.
    Surtax,
    /// A duty or surtax due only on imports above a quota (a steel safeguard's tariff-rate
    /// quotas, Canada's over-quota steel surtax): whether the quota of the goods' category and
    /// origin is used up on the day cannot be told from a request.
    OverQuota,
}

impl RemedyKind {
    /// The names of the `kind` column, with their kinds.
    pub const NAMES: [(&'static str, RemedyKind); 5] = [
        ("anti_dumping", RemedyKind::AntiDumping),
        ("countervailing", RemedyKind::Countervailing),
        ("safeguard", RemedyKind::Safeguard),
        ("surtax", RemedyKind::Surtax),
        ("over_quota", RemedyKind::OverQuota),
    ];
}

/// One measure: on its dates, goods under `row.codes` imported into `row.countries` from
/// `origins` (or consigned from `consigned_from`) owe it, at `rates`.
#[derive(Debug, Clone, PartialEq)]
pub struct TradeRemedy {
    /// The columns shared with the excise table: id, countries, name, codes, note, dates, source.
    pub row: Listed,
    pub kind: RemedyKind,
    /// Countries of origin the measure names; `*` for every origin (a safeguard).
    pub origins: Vec<&'static str>,
    /// With `*`: the origins the measure leaves out (`*,!US,!MX` in the column: Canada's steel
    /// surtax spares the goods of the United States and Mexico).
    pub except_origins: Vec<&'static str>,
    /// Countries goods are consigned from that bear it whatever their declared origin (an
    /// extension against circumvention); empty for most measures.
    pub consigned_from: Vec<&'static str>,
    /// The rates as the measure sets them, by exporting producer where they differ.
    pub rates: &'static str,
}

/// How a measure touches a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Touch {
    /// The origin (or place of consignment) and the code are the measure's.
    Due,
    /// The line's origin is not given, or its code is shorter than the measure's: it may be due.
    Maybe,
}

impl TradeRemedy {
    /// How goods of `code` from `origin` shipped from `ship_from` meet the measure, if they may:
    /// a code the measure's prefix starts with (a code too short to tell) or an unknown origin
    /// may be due; an origin and place of shipment outside the measure are not.
    ///
    /// ```
    /// let e = landed::Engine::embedded();
    /// let date = landed::date::Date::parse("2026-11-26").unwrap();
    /// let cvd = e.rules().trade_remedies("DE", "87038010", Some("CN"), None, date);
    /// assert_eq!(cvd.len(), 1);
    /// assert!(e.rules().trade_remedies("DE", "87038010", Some("JP"), None, date).is_empty());
    /// ```
    pub fn touches(&self, code: &str, origin: Option<&str>, ship_from: Option<&str>) -> Option<Touch> {
        let exact = self.row.covers(code);
        let shorter = || {
            let digits: String = code.chars().filter(char::is_ascii_digit).collect();
            !digits.is_empty() && self.row.codes.iter().any(|p| digits_start_with(p, &digits))
        };
        if !exact && !shorter() {
            return None;
        }
        let every = self.origins.contains(&"*");
        let from = |c: &str| (every && !self.except_origins.contains(&c)) || self.origins.contains(&c);
        let consigned = |c: &str| self.consigned_from.contains(&c);
        let place = match (origin, ship_from) {
            (None, _) if every && self.except_origins.is_empty() => Touch::Due,
            (None, _) => Touch::Maybe,
            (Some(o), _) if from(o) => Touch::Due,
            (Some(_), Some(s)) if consigned(s) => Touch::Due,
            // Declared origin a country of the extension and no place of shipment: may be due.
            (Some(o), None) if consigned(o) => Touch::Maybe,
            _ => return None,
        };
        Some(if exact { place } else { Touch::Maybe })
    }
}

/// The measures of `rows` in force on `date` for `country` (itself or through a group), whatever
/// the goods, in file order, and the HS chapters they cover: what a quote looks up once per
/// destination and day ([`touching`] then keeps a line's).
pub(super) fn on_day<'r>(rows: &'r [TradeRemedy], groups: &Groups<'_>, country: &str, date: Date) -> DayRemedies<'r> {
    let rows: Vec<&TradeRemedy> =
        rows.iter().filter(|r| r.row.in_force(date) && r.row.names(groups, country, date)).collect();
    let chapters = chapters(rows.iter().map(|r| &r.row));
    DayRemedies { rows, chapters }
}

/// A destination's measures on a day (`on_day`).
#[derive(Debug, Default, PartialEq)]
pub struct DayRemedies<'r> {
    rows: Vec<&'r TradeRemedy>,
    /// The HS chapters they cover ([`chapters`]): a line of another chapter has none to test.
    chapters: u128,
}

impl<'r> DayRemedies<'r> {
    /// The measures goods of `code` from `origin`, shipped from `ship_from`, may bear, with how
    /// each touches them.
    pub fn touching(&self, code: &str, origin: Option<&str>, ship_from: Option<&str>) -> Vec<(&'r TradeRemedy, Touch)> {
        if self.rows.is_empty() || !in_chapters(self.chapters, code) {
            return Vec::new();
        }
        self.rows.iter().filter_map(|r| r.touches(code, origin, ship_from).map(|t| (*r, t))).collect()
    }
}

/// Parses `rules/trade_remedies.tsv` strictly: the excise table's columns ([`Listed::read`]),
/// a `kind`, `origins` (country codes, or `*`) and `consigned_from` (country codes), and
/// `rates` in words.
pub(super) fn parse(t: &Tsv<'static>, groups: &Groups<'_>) -> Result<Vec<TradeRemedy>> {
    let mut rows = Vec::new();
    for r in t.records() {
        let row = Listed::read(&r, TRADE_REMEDIES_FILE, groups)?;
        let (origins, except_origins) = remedy_origins(&r)?;
        if origins.is_empty() {
            return Err(r.bad("origins", "a measure names the origins it applies to, or * for every origin"));
        }
        rows.push(TradeRemedy {
            row,
            kind: one_of(&r, "kind", &RemedyKind::NAMES)?,
            origins,
            except_origins,
            consigned_from: countries(&r, "consigned_from")?,
            rates: r.text("rates")?,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id\tcountries\torigins\tconsigned_from\tname\tkind\tcodes\trates\tnote\tvalid_from\tvalid_to\tsource\tconfidence\n";

    fn groups() -> Groups<'static> {
        crate::rules::groups::eu_with_gb_until_2020()
    }

    fn parse_rows(rows: &str) -> Result<Vec<TradeRemedy>> {
        let text: &'static str = Box::leak(format!("{HEADER}{rows}").into_boxed_str());
        parse(&Tsv::parse(TRADE_REMEDIES_FILE, text)?, &groups())
    }

    fn day(d: &str) -> Date {
        Date::parse(d).unwrap()
    }

    const BIKES: &str =
        "b\tEU\tCN\tID,MY\tBicycles AD\tanti_dumping\t87120030\t48.5 %\tn\t2021-01-01\t\tlaw\tofficial\n";

    #[test]
    fn a_measure_touches_its_origins_codes_and_dates() {
        let rows = parse_rows(BIKES).unwrap();
        let g = groups();
        let find = |country, code, origin, ship, d| {
            on_day(&rows, &g, country, day(d))
                .touching(code, origin, ship)
                .into_iter()
                .map(|(r, t)| (r.row.id, t))
                .collect::<Vec<_>>()
        };
        assert_eq!(find("DE", "8712003000", Some("CN"), None, "2026-01-01"), [("b", Touch::Due)]);
        // Consigned from Malaysia, whatever the declared origin (the extension).
        assert_eq!(find("DE", "87120030", Some("VN"), Some("MY"), "2026-01-01"), [("b", Touch::Due)]);
        assert_eq!(find("DE", "87120030", Some("MY"), None, "2026-01-01"), [("b", Touch::Maybe)]);
        // No origin, or a code too short to tell: it may be due.
        assert_eq!(find("DE", "87120030", None, None, "2026-01-01"), [("b", Touch::Maybe)]);
        assert_eq!(find("DE", "871200", Some("CN"), None, "2026-01-01"), [("b", Touch::Maybe)]);
        assert!(find("DE", "87120030", Some("VN"), Some("VN"), "2026-01-01").is_empty());
        assert!(find("DE", "87120070", Some("CN"), None, "2026-01-01").is_empty());
        assert!(find("DE", "87120030", Some("CN"), None, "2020-12-31").is_empty());
        assert!(find("US", "87120030", Some("CN"), None, "2026-01-01").is_empty());
        assert_eq!(rows[0].row.source.row(), "trade_remedies.tsv#b");
    }

    #[test]
    fn every_origin_but_the_excepted_ones() {
        let rows = parse_rows("s\tCA\t*,!US,!MX\t\tSteel\tsurtax\t7208\t50 %\tn\t2025-08-01\t\tlaw\tverify\n").unwrap();
        let touch = |origin| rows[0].touches("7208400000", origin, None);
        assert_eq!(touch(Some("IN")), Some(Touch::Due));
        assert_eq!(touch(Some("US")), None);
        assert_eq!(touch(Some("MX")), None);
        // No origin: it may be one of the excepted ones.
        assert_eq!(touch(None), Some(Touch::Maybe));
    }

    #[test]
    fn bad_values_fail_the_load_naming_the_column() {
        for (row, column) in [
            ("x\tEU\tCN\t\tn\tdumping\t8712\tr\tn\t\t\tlaw\tofficial\n", "kind"),
            ("x\tEU\t\t\tn\tsafeguard\t8712\tr\tn\t\t\tlaw\tofficial\n", "origins"),
            ("x\tEU\tCHN\t\tn\tsafeguard\t8712\tr\tn\t\t\tlaw\tofficial\n", "origins"),
            ("x\tEU\t*,US\t\tn\tsafeguard\t8712\tr\tn\t\t\tlaw\tofficial\n", "origins"),
            ("x\tEU\tCN\tMYS\tn\tsafeguard\t8712\tr\tn\t\t\tlaw\tofficial\n", "consigned_from"),
            ("x\tEU\tCN\t\tn\tsafeguard\t871\tr\tn\t\t\tlaw\tofficial\n", "codes"),
            ("x\tEU\tCN\t\tn\tsafeguard\t8712\tr\tn\t\t\tlaw\tsure\n", "confidence"),
        ] {
            let e = parse_rows(row).expect_err(column);
            assert!(e.message.contains(&format!("column {column}")), "{column}: {}", e.message);
        }
    }
}
