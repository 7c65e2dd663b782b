//! Destinations whose law charges customs duty only on a short list of goods (`rules/duty_free.tsv`):
//! Singapore levies duty on four categories (intoxicating liquors, tobacco, motor vehicles,
//! petroleum products) and none on anything else. The snapshot has no tariff for such a
//! destination, so without this table every line would need the caller's `duty_rate`.
//!
//! A row naming `origins` is another kind: goods of those origins that a destination's law frees
//! of the duty its tariff sets (the EU's regulation on US industrial goods of 2026). It applies
//! over the tariff, and only as a `verify` row (checked by `build.rs`): the engine lists the
//! tariff's duty without an amount, never prices it at zero (`quote::unverified`).

use super::codes::{code_prefixes, countries, DUTY_FREE_FILE};
use super::table::{in_force, Tsv};
use crate::date::Date;
use crate::error::Result;
use crate::hs::digits_start_with;
use crate::provenance::Provenance;

/// One row: on the dates in force, goods outside `dutiable` owe no customs duty in `country`.
#[derive(Debug, Clone, PartialEq)]
pub struct DutyFree {
    pub id: &'static str,
    pub country: &'static str,
    /// HS prefixes covering the dutiable goods (broadly: a line under one is not priced from
    /// this row, and needs the caller's `duty_rate`).
    pub dutiable: Vec<&'static str>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// What the quote assumes when the row prices a line (stated in its warnings); for a row
    /// with `origins`, what the law is reported to do and why the line is not priced.
    pub assumption: &'static str,
    pub source: Provenance<'static>,
    /// Empty: every origin, for a destination without a tariff. Else the origins whose goods the
    /// row frees of the duty of the destination's tariff (`country` may then be a group).
    pub origins: Vec<&'static str>,
}

impl DutyFree {
    /// The dutiable prefix `code` falls under, if any.
    ///
    /// ```
    /// let e = landed::Engine::embedded();
    /// let sg = e.rules().duty_free("SG", landed::date::Date::parse("2026-03-02").unwrap()).unwrap();
    /// assert_eq!(sg.dutiable_prefix("2204219300"), Some("2204"));
    /// assert_eq!(sg.dutiable_prefix("6109100010"), None);
    /// ```
    pub fn dutiable_prefix(&self, code: &str) -> Option<&'static str> {
        self.dutiable.iter().copied().find(|p| digits_start_with(code, p))
    }

    /// True when the row is in force on `date`.
    pub fn in_force(&self, date: Date) -> bool {
        in_force(self.valid_from, self.valid_to, date)
    }
}

/// Parses `rules/duty_free.tsv` strictly: HS prefixes of 2 to 10 even digits, dates, a
/// `confidence`; an unknown value fails the load naming the row and column.
pub(super) fn parse(t: &Tsv<'static>) -> Result<Vec<DutyFree>> {
    let table = DUTY_FREE_FILE.trim_start_matches("rules/");
    let mut rows = Vec::new();
    for r in t.records() {
        let id = r.text("id")?;
        rows.push(DutyFree {
            id,
            country: r.text("country")?,
            dutiable: code_prefixes(&r, "dutiable")?,
            valid_from: r.date("valid_from")?,
            valid_to: r.date("valid_to")?,
            assumption: r.text("assumption")?,
            source: Provenance::rule_row(table, id, &r)?,
            origins: countries(&r, "origins")?,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id\tcountry\tdutiable\tvalid_from\tvalid_to\tassumption\tsource\tconfidence\torigins\n";

    fn parse_row(row: &str) -> Result<Vec<DutyFree>> {
        let text: &'static str = Box::leak(format!("{HEADER}{row}\n").into_boxed_str());
        parse(&Tsv::parse(DUTY_FREE_FILE, text)?)
    }

    #[test]
    fn a_row_names_its_dutiable_prefixes_and_dates() {
        let row = &parse_row("x\tSG\t2203,24\t2020-01-01\t\ta\tlaw\tofficial\t").unwrap()[0];
        assert_eq!(row.dutiable_prefix("2203000000"), Some("2203"));
        assert_eq!(row.dutiable_prefix("2402200000"), Some("24"));
        assert_eq!(row.dutiable_prefix("2202100000"), None);
        assert!(row.in_force(Date::parse("2026-03-02").unwrap()));
        assert!(!row.in_force(Date::parse("2019-12-31").unwrap()));
        assert_eq!(row.source.row(), "duty_free.tsv#x");
    }

    #[test]
    fn bad_values_fail_the_load_naming_the_column() {
        for (row, column) in [
            ("x\tSG\t2203,2\t\t\ta\tlaw\tofficial\t", "dutiable"),
            ("x\tSG\t22x3\t\t\ta\tlaw\tofficial\t", "dutiable"),
            ("x\tSG\t2203\t2020-13-01\t\ta\tlaw\tofficial\t", "valid_from"),
            ("x\tSG\t2203\t\t\ta\tlaw\tsure\t", "confidence"),
            ("x\tEU\t01\t\t\ta\tlaw\tverify\tUSA", "origins"),
        ] {
            let e = parse_row(row).expect_err(column);
            assert!(e.message.contains(&format!("column {column}")), "{column}: {}", e.message);
        }
    }
}
