//! Preference programmes: the codes of a tariff's `special` column (US column 1 special letters
//! from `rules/preferences.tsv`, Japan's EPA/GSP columns from `rules/jp_programmes.tsv`), their
//! partner countries and dates. A quote offers them as alternatives, and applies one only when the
//! request claims it.

use super::groups::{Groups, Members};
use super::table::{in_force, Tsv};
use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::provenance::Provenance;
use serde::Serialize;

/// A preference programme of a tariff's `special` column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Programme {
    /// The code used in the `special` column (`S` USMCA, `CPTPP`, `RCEP_CN`).
    pub code: &'static str,
    pub name: &'static str,
    /// Partner countries and groups of `rules/groups.tsv` (`EU`) whose originating goods may
    /// claim it, as the table writes them (empty: beneficiaries designated elsewhere and not
    /// encoded, so never claimable by origin).
    pub countries: Vec<&'static str>,
    /// `countries` resolved: a group's members while they are members.
    #[serde(skip)]
    pub partners: Members<'static>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub source: Provenance<'static>,
}

impl Programme {
    /// Whether the programme's partners and dates come from a secondary source: a claim under it
    /// is never priced as if it were law.
    pub fn unverified(&self) -> bool {
        self.source.is_verify()
    }

    /// Whether goods of `origin` may claim it on `date`.
    pub fn open_to(&self, origin: &str, date: Date) -> bool {
        self.is_partner(origin, date) && self.in_force(date)
    }

    /// Whether `origin` is a partner on `date` (a member of a partner group that day).
    pub fn is_partner(&self, origin: &str, date: Date) -> bool {
        self.partners.contains(origin, date)
    }

    pub fn in_force(&self, date: Date) -> bool {
        in_force(self.valid_from, self.valid_to, date)
    }
}

/// Reads a programme table (`program, name, countries, valid_from, valid_to, source,
/// confidence`; Japan's adds `column`, the schedule column it was imported from); `countries`
/// may name groups of `groups`.
pub(crate) fn load(table: &Tsv<'static>, name: &str, groups: &Groups<'static>) -> Result<Vec<Programme>> {
    let mut out = Vec::new();
    for r in table.records() {
        let code = r.text("program")?;
        if code.is_empty() || out.iter().any(|p: &Programme| p.code == code) {
            return Err(Error::new(
                ErrorCode::Snapshot,
                name,
                format!("{}: program {code:?} is empty or repeated", r.at()),
            ));
        }
        out.push(Programme {
            code,
            name: r.text("name")?,
            countries: r.text("countries")?.split(',').map(str::trim).filter(|c| !c.is_empty()).collect(),
            partners: groups.resolve(&r, "countries")?,
            valid_from: r.date("valid_from")?,
            valid_to: r.date("valid_to")?,
            source: Provenance::rule_row(name, code, &r)?,
        });
    }
    Ok(out)
}

/// The rate text a `special` column gives under `programme`, if any:
/// `Free (A+,AU,S) 3.5% (JP)` under `S` → `Free`.
pub fn special_rate(special: &str, programme: &str) -> Option<String> {
    super::us::special_rates(special)
        .into_iter()
        .find(|(_, codes)| codes.iter().any(|c| c == programme))
        .map(|(r, _)| r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_rate_finds_the_programme_group() {
        let text = "Free (LDC,SG,MX,CPTPP) 6.8% (RCEP_CN) 4.6% (RCEP_KR)";
        assert_eq!(special_rate(text, "CPTPP").as_deref(), Some("Free"));
        assert_eq!(special_rate(text, "RCEP_KR").as_deref(), Some("4.6%"));
        assert_eq!(special_rate(text, "RCEP"), None);
        assert_eq!(special_rate("Free (A+,AU,S)", "A").as_deref(), Some("Free"));
    }

    #[test]
    fn japan_programmes_load_with_partners_and_dates() {
        let rules = crate::Engine::embedded().rules();
        let rcep = rules.programme("JP", "RCEP_CN").expect("RCEP (China) in jp_programmes.tsv");
        assert!(rcep.open_to("CN", Date::parse("2026-01-01").unwrap()));
        assert!(!rcep.open_to("CN", Date::parse("2021-12-31").unwrap()));
        // GSP beneficiaries are designated by Cabinet Order and not encoded: never open by origin.
        assert!(!rules.programme("JP", "GSP").unwrap().open_to("BD", Date::parse("2026-01-01").unwrap()));
        assert_eq!(rules.programme("US", "S").unwrap().countries, vec!["CA", "MX"]);
        // The Japan-EU EPA's partners are the EU group (rules/groups.tsv) on the claim's date:
        // the United Kingdom until the end of the transition period (2020-12-31), Croatia since
        // before the EPA; not Switzerland.
        let eu = rules.programme("JP", "EU").unwrap();
        assert_eq!(eu.countries, vec!["EU"]);
        let on = |s| Date::parse(s).unwrap();
        assert!(eu.open_to("GB", on("2020-12-31")) && !eu.open_to("GB", on("2021-01-01")));
        assert!(eu.open_to("HR", on("2026-01-01")) && eu.open_to("DE", on("2026-01-01")));
        assert!(!eu.open_to("CH", on("2026-01-01")) && !eu.open_to("DE", on("2019-01-31")));
        assert!(rules.programme("GB", "S").is_none());
    }
}
