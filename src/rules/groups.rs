//! Country groups named in rule tables (`EU` in `thresholds.tsv`, the US layers' origins and
//! Japan's EU EPA partners; `SACU` in `tax_uplift.tsv`), as dated memberships read from
//! `rules/groups.tsv`: a member joining or leaving is a row.
//!
//! Plain std + the TSV reader: `build.rs` compiles this file too (`#[path]`), so a bad row fails
//! `cargo build` with the same error the engine would give when it loads.

use super::table::{code_key, in_force, Record, Tsv};
use crate::date::Date;
use crate::error::Result;

/// The table's name in the snapshot (and under `tariffs/`).
pub const FILE: &str = "rules/groups.tsv";

/// One dated membership: `member` belongs to `group` from `valid_from` to `valid_to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership<'a> {
    pub group: &'a str,
    pub member: &'a str,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub source: &'a str,
    pub confidence: &'a str,
}

impl Membership<'_> {
    /// True when one of `memberships` (a country's) is of `group` and in force on `date`.
    pub fn any_in(memberships: &[Membership<'_>], group: &str, date: Date) -> bool {
        memberships.iter().any(|m| m.group == group && in_force(m.valid_from, m.valid_to, date))
    }
}

/// Every group's memberships, sorted by member so a country's groups are one short slice.
#[derive(Debug, Clone, Default)]
pub struct Groups<'a> {
    rows: Vec<Membership<'a>>,
    /// Each row's member packed ([`code_key`]: a member is two capitals), so a country's rows
    /// are found by integer compares.
    member_keys: Vec<u64>,
}

/// True for a country code as the rule tables write it: two ASCII capitals.
fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

impl<'a> Groups<'a> {
    /// Parses `rules/groups.tsv` strictly: a group name is capitals (`EU`, `SACU`), a member a
    /// country code, dates are dates, `source` is given and `confidence` is `official` or
    /// `verify`; anything else is an error naming the line and column.
    pub fn parse(t: &Tsv<'a>) -> Result<Groups<'a>> {
        let mut rows = Vec::new();
        for r in t.records() {
            let group = r.text("group")?;
            if group.len() < 2 || !group.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(r.bad("group", &format!("{group:?} is not a group name (capitals: EU, SACU)")));
            }
            let member = r.text("member")?;
            if !is_country_code(member) {
                return Err(r.bad("member", &format!("{member:?} is not a country code")));
            }
            let (valid_from, valid_to) = (r.date("valid_from")?, r.date("valid_to")?);
            if let (Some(from), Some(to)) = (valid_from, valid_to) {
                if to < from {
                    return Err(r.bad("valid_to", "ends before valid_from"));
                }
            }
            let source = r.text("source")?;
            if source.trim().is_empty() {
                return Err(r.bad("source", "every membership needs its legal source"));
            }
            let confidence = r.text("confidence")?;
            if !matches!(confidence, "official" | "verify") {
                return Err(r.bad("confidence", &format!("{confidence:?} is not one of official, verify")));
            }
            rows.push(Membership { group, member, valid_from, valid_to, source, confidence });
        }
        if let Some(m) = rows.iter().find(|m| rows.iter().any(|g| g.group == m.member)) {
            return Err(crate::error::Error::new(
                crate::error::ErrorCode::Snapshot,
                FILE,
                format!("{} is both a group and a member of {}", m.member, m.group),
            ));
        }
        // In the browser the module's one copy of the stable sort (`crate::sort`); build.rs,
        // which compiles this file on its own, has no `crate::sort` and sorts natively.
        #[cfg(target_arch = "wasm32")]
        crate::sort::sort_by(&mut rows, |a, b| a.member.cmp(b.member));
        #[cfg(not(target_arch = "wasm32"))]
        rows.sort_by(|a, b| a.member.cmp(b.member));
        let member_keys = rows.iter().map(|m| code_key(m.member).unwrap_or(u64::MAX)).collect();
        Ok(Groups { rows, member_keys })
    }

    /// The memberships of `member` (every group, every date): one binary search, so a quote
    /// finds its destination's groups once and checks each rule row against that short slice.
    pub fn memberships_of(&self, member: &str) -> &[Membership<'a>] {
        // Every member packs (two capitals, checked on parse); a code that does not is no member.
        let Some(key) = code_key(member) else { return &[] };
        let start = self.member_keys.partition_point(|&k| k < key);
        let len = self.member_keys[start..].partition_point(|&k| k == key);
        &self.rows[start..start + len]
    }

    /// Every country that is a member of a group on some date (repeated per membership row).
    pub fn members_ever(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.rows.iter().map(|m| m.member)
    }

    /// True when `name` is a group of the table.
    pub fn is_group(&self, name: &str) -> bool {
        self.rows.iter().any(|m| m.group == name)
    }

    /// Checks that every name in a rule row's comma-separated `column` (a US layer's origins) is
    /// a country code or a group of this table: `EUR` or `eu` is an error naming line and column.
    pub fn check_names(&self, r: &Record<'_, '_>, column: &str) -> Result<()> {
        let text = r.text(column)?;
        let names = text.split(',').map(str::trim).filter(|n| !n.is_empty() && *n != "*");
        match names.into_iter().find(|n| !is_country_code(n) && !self.is_group(n)) {
            Some(n) => Err(r.bad(column, &format!("{n:?} is neither a country code nor a group of {FILE}"))),
            None => Ok(()),
        }
    }

    /// Checks that a rule row's `country` (a threshold's) is a destination or a group.
    pub fn check_country(&self, r: &Record<'_, '_>, is_destination: impl Fn(&str) -> bool) -> Result<()> {
        let country = r.text("country")?;
        if is_destination(country) || self.is_group(country) {
            return Ok(());
        }
        Err(r.bad("country", &format!("{country:?} is neither a destination nor a group of {FILE}")))
    }

    /// True when `member` belongs to `group` on `date`.
    pub fn contains(&self, group: &str, member: &str, date: Date) -> bool {
        Membership::any_in(self.memberships_of(member), group, date)
    }

    /// True when `name` is `country` itself or a group `country` belongs to on `date`: how a
    /// rule row's `country` or origin list names the countries it applies to.
    pub fn names(&self, name: &str, country: &str, date: Date) -> bool {
        name == country || self.contains(name, country, date)
    }

    /// The members of `group` on `date`, sorted.
    pub fn members(&self, group: &str, date: Date) -> Vec<&'a str> {
        let rows = self.rows.iter().filter(|m| m.group == group && in_force(m.valid_from, m.valid_to, date));
        let mut members: Vec<&'a str> = rows.map(|m| m.member).collect();
        members.dedup();
        members
    }

    /// The membership rows of `group` (for coverage and provenance).
    pub fn memberships(&self, group: &'a str) -> impl Iterator<Item = &Membership<'a>> + '_ {
        self.rows.iter().filter(move |m| m.group == group)
    }
}

/// A rule row's list of countries and groups (`BW,LS` or `SACU`) resolved to dated members: a
/// group's member counts only while its membership row is in force; a country named directly
/// counts on every date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Members<'a> {
    /// (country, valid_from, valid_to, verified): `verified` is false for a membership row from
    /// a secondary source (`confidence = verify`); a country named directly is the row's own
    /// assertion, verified with it.
    rows: Vec<(&'a str, Option<Date>, Option<Date>, bool)>,
}

impl Members<'_> {
    /// True when `country` is named, or a member of a group named, on `date`.
    pub fn contains(&self, country: &str, date: Date) -> bool {
        self.in_force(country, date).next().is_some()
    }

    /// True when `country` is a member on `date` only by a membership row from a secondary source:
    /// what rests on it (a preference claim) is never priced as if it were law.
    pub fn unverified(&self, country: &str, date: Date) -> bool {
        let mut rows = self.in_force(country, date).peekable();
        rows.peek().is_some() && rows.all(|(_, _, _, verified)| !verified)
    }

    /// The periods (`valid_from`, `valid_to`) in which `country` is named or a member, whatever
    /// the date: a claim refused on a date outside them can say when the country is a partner.
    pub fn periods(&self, country: &str) -> Vec<(Option<Date>, Option<Date>)> {
        self.rows.iter().filter(|(c, ..)| *c == country).map(|(_, from, to, _)| (*from, *to)).collect()
    }

    /// The countries named or members on `date`, once each, in the row's order.
    pub fn on(&self, date: Date) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for (c, ..) in self.rows.iter().filter(|(_, from, to, _)| in_force(*from, *to, date)) {
            if !out.contains(c) {
                out.push(c);
            }
        }
        out
    }

    fn in_force<'s>(
        &'s self,
        country: &'s str,
        date: Date,
    ) -> impl Iterator<Item = &'s (&'s str, Option<Date>, Option<Date>, bool)> + 's {
        self.rows.iter().filter(move |(c, from, to, _)| *c == country && in_force(*from, *to, date))
    }
}

impl<'a> Groups<'a> {
    /// Resolves a row's comma-separated `column` of countries and groups into [`Members`]; a name
    /// that is neither (`EUR`, `sacu`) is an error naming the line and column.
    pub fn resolve(&self, r: &Record<'_, 'a>, column: &str) -> Result<Members<'a>> {
        self.check_names(r, column)?;
        let mut rows = Vec::new();
        for name in r.text(column)?.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match self.is_group(name) {
                true => rows.extend(
                    self.memberships(name).map(|m| (m.member, m.valid_from, m.valid_to, m.confidence == "official")),
                ),
                false => rows.push((name, None, None, true)),
            }
        }
        Ok(Members { rows })
    }
}

/// A groups table for tests: the EU with Germany, and the UK until 2020-12-31.
#[cfg(test)]
pub(crate) fn eu_with_gb_until_2020() -> Groups<'static> {
    let text = "group\tmember\tvalid_from\tvalid_to\tsource\tconfidence\nEU\tGB\t1973-01-01\t2020-12-31\tlaw\tofficial\nEU\tDE\t1958-01-01\t\tlaw\tofficial\n";
    Groups::parse(&crate::rules::table::Tsv::parse("rules/groups.tsv", text).unwrap()).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "group\tmember\tvalid_from\tvalid_to\tsource\tconfidence\n";

    fn parse(rows: &str) -> Result<Groups<'static>> {
        let text: &'static str = Box::leak(format!("{HEADER}{rows}").into_boxed_str());
        Groups::parse(&Tsv::parse(FILE, text)?)
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    /// A member joining or leaving is a dated row (the UK: Union law applied to it until the end
    /// of the transition period, Withdrawal Agreement art. 126-127; Croatia from its accession on
    /// 2013-07-01, Act of Accession 2012).
    #[test]
    fn group_membership_follows_the_rows_dates() {
        let g = parse("EU\tGB\t1973-01-01\t2020-12-31\tWA art. 126\tofficial\nEU\tHR\t2013-07-01\t\tAct of Accession 2012\tofficial\nEU\tDE\t\t\tTEU art. 52\tofficial\n").unwrap();
        assert!(g.contains("EU", "GB", d("2020-12-31")) && !g.contains("EU", "GB", d("2021-01-01")));
        assert!(!g.contains("EU", "HR", d("2013-06-30")) && g.contains("EU", "HR", d("2013-07-01")));
        assert!(g.names("EU", "DE", d("2026-03-02")) && g.names("DE", "DE", d("2026-03-02")));
        assert!(!g.names("EU", "US", d("2026-03-02")) && !g.names("SACU", "DE", d("2026-03-02")));
        assert_eq!(g.members("EU", d("2026-03-02")), ["DE", "HR"]);
        assert!(g.is_group("EU") && !g.is_group("DE"));
    }

    /// A claim resting on a membership from a secondary source is never priced: the membership
    /// row's `confidence` travels with the resolved member (CPTPP: Viet Nam's date is secondary).
    #[test]
    fn a_verify_membership_is_unverified_and_a_country_named_directly_is_not() {
        let g =
            parse("CPTPP\tPE\t2021-09-19\t\tNZ MFAT\tofficial\nCPTPP\tVN\t2019-01-14\t\tsecondary\tverify\n").unwrap();
        let rows = "countries\nCPTPP,CL\n";
        let t: &'static str = Box::leak(rows.to_string().into_boxed_str());
        let tsv = Tsv::parse("t.tsv", t).unwrap();
        let members = g.resolve(&tsv.records().next().unwrap(), "countries").unwrap();
        let on = d("2026-08-01");
        assert!(members.contains("PE", on) && !members.unverified("PE", on));
        assert!(members.contains("VN", on) && members.unverified("VN", on));
        assert!(members.contains("CL", on) && !members.unverified("CL", on));
        assert!(!members.contains("MY", on) && !members.unverified("MY", on));
    }

    #[test]
    fn a_bad_group_row_fails_naming_line_and_column() {
        for (row, column) in [
            ("eu\tDE\t\t\ts\tofficial", "group"),
            ("EU\tDEU\t\t\ts\tofficial", "member"),
            ("EU\tDE\t2026-13-01\t\ts\tofficial", "valid_from"),
            ("EU\tDE\t2026-01-01\t2025-01-01\ts\tofficial", "valid_to"),
            ("EU\tDE\t\t\t\tofficial", "source"),
            ("EU\tDE\t\t\ts\tsure", "confidence"),
        ] {
            let e = parse(&format!("{row}\n")).expect_err(column);
            assert!(e.message.starts_with(&format!("line 2, column {column}:")), "{column}: {}", e.message);
        }
    }

    /// The EU's members (TEU art. 52) are the destinations that apply the EU tariff (the Common
    /// Customs Tariff, Regulation (EEC) 2658/87 art. 1): the two tables say so independently.
    #[test]
    fn embedded_eu_members_are_the_destinations_on_the_eu_tariff() {
        let rules = crate::Engine::embedded().rules();
        let on = d("2026-03-02");
        let mut on_eu_tariff: Vec<&str> = rules
            .jurisdictions
            .iter()
            .filter(|j| j.tariff == Some("EU") && in_force(j.valid_from, j.valid_to, on))
            .map(|j| j.country)
            .collect();
        on_eu_tariff.sort_unstable();
        assert_eq!(on_eu_tariff.len(), 27);
        assert_eq!(rules.groups.members("EU", on), on_eu_tariff);
    }

    /// A row naming a group and a country resolves to both, the group's members on their dates.
    #[test]
    fn a_list_naming_a_group_follows_its_membership_dates() {
        let g = parse("EU\tGB\t1973-01-01\t2020-12-31\tWA art. 126\tofficial\nEU\tDE\t\t\tTEU art. 52\tofficial\n")
            .unwrap();
        let table = Tsv::parse("rules/x.tsv", "id\tcountries\nx\tEU,CH\ny\tEU,EUR\n").unwrap();
        let rows: Vec<_> = table.records().collect();
        let m = g.resolve(&rows[0], "countries").unwrap();
        assert!(m.contains("DE", d("2026-03-02")) && m.contains("CH", d("1990-01-01")));
        assert!(m.contains("GB", d("2020-12-31")) && !m.contains("GB", d("2021-01-01")));
        assert!(!m.contains("US", d("2026-03-02")));
        let e = g.resolve(&rows[1], "countries").unwrap_err();
        assert!(e.message.starts_with("line 3, column countries:"), "{}", e.message);
    }

    #[test]
    fn a_group_cannot_be_a_member() {
        assert!(parse("EU\tDE\t\t\ts\tofficial\nXX\tEU\t\t\ts\tofficial\n").is_err());
    }
}
