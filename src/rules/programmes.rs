//! Preference programmes: the codes of a tariff's `special` column (US column 1 special letters
//! from `rules/preferences.tsv`, Japan's EPA/GSP columns from `rules/jp_programmes.tsv`), their
//! partner countries and dates. A quote offers them as alternatives, and applies one only when the
//! request claims it.

use super::codes::{ExemptFee, ExemptWhen, FeeExemptCodes};
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
    /// The entry fees a line under the programme does not pay (`fee_exempt`: the US MPF for
    /// originating goods of most US FTAs, 19 U.S.C. 58c(b)(10)-(21)); empty: none.
    pub fee_exempt: Vec<ExemptFee>,
    /// Whether the exemption needs the claim, or only goods of a partner (`fee_exempt_when`).
    pub fee_exempt_when: ExemptWhen,
    /// The law of the exemption (`fee_exempt_source`) and its confidence
    /// (`fee_exempt_confidence`: a `verify` exemption is listed, never priced).
    pub fee_source: Provenance<'static>,
    /// The programme's rule on goods shipped through a non-party (`transit_rule`; empty: the
    /// rule is named generically).
    pub transit_rule: &'static str,
    /// What the programme gives a partner's originating goods: the US and Japanese programmes
    /// their `special` column's rate; the EU and UK agreements of `rules/eu_gb_agreements.tsv`
    /// all goods Free, or rates our data does not hold.
    #[serde(skip)]
    pub grants: Grants,
    /// The proof of origin the programme asks for (`proof` of `rules/eu_gb_agreements.tsv`);
    /// empty where the table does not say.
    #[serde(skip)]
    pub proof: &'static str,
    /// The month and day each year on which the programme's staged rates change (`stage_day`,
    /// `MM-DD`: Japan's EPAs on 1 April, the fiscal year its schedule's columns are for); `None`
    /// where the table has no such column or the row leaves it empty.
    #[serde(skip)]
    pub stage_day: Option<(u32, u32)>,
    /// The row is the first our data holds of a programme in force before it (`earlier` =
    /// `not_in_data`: US GSP since 1976, its rows from 2015-07-29): a claim dated before it is
    /// not said to be out of force (audit-rr RR3).
    #[serde(skip)]
    pub earlier_not_in_data: bool,
}

/// What a programme gives (`grants` of `rules/eu_gb_agreements.tsv`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Grants {
    /// The rate the destination tariff's `special` column gives under the programme's code.
    #[default]
    SpecialColumn,
    /// No customs duty on any originating good outside `excluded` chapters (`free`: the EU-UK
    /// Trade and Cooperation Agreement art. 21), whatever the tariff line.
    Free { excluded: Vec<&'static str> },
    /// Staged or product-specific preferential rates that our data does not hold
    /// (`not_in_data`): offered and claimable, never priced (at least 0, at most the general rate).
    NotInData { excluded: Vec<&'static str> },
}

impl Grants {
    /// The names of the `grants` column.
    pub const NAMES: [&'static str; 2] = ["free", "not_in_data"];

    /// Whether the programme's rate comes from the `special` column (the US, Japan) rather than
    /// from the agreement's row.
    pub fn from_special_column(&self) -> bool {
        matches!(self, Grants::SpecialColumn)
    }

    /// Whether goods of `code` (digits) are in the agreement's scope: not in an excluded chapter.
    pub fn covers(&self, code: &str) -> bool {
        match self {
            Grants::SpecialColumn => true,
            Grants::Free { excluded } | Grants::NotInData { excluded } => {
                !excluded.iter().any(|c| code.get(..2) == Some(*c))
            }
        }
    }
}

impl Programme {
    /// Whether the programme's partners and dates come from a secondary source: a claim under it
    /// is never priced as if it were law.
    pub fn unverified(&self) -> bool {
        self.source.is_verify()
    }

    /// Whether a claim by goods of `origin` on `date` rests on a secondary source: the programme's
    /// row, or the origin's membership of a partner group (`rules/groups.tsv`), is `verify`.
    pub fn unverified_for(&self, origin: &str, date: Date) -> bool {
        self.unverified() || self.partners.unverified(origin, date)
    }

    /// Whether a claim under it is priced at Free for every covered good: an agreement whose row
    /// gives all originating goods duty-free and is `official` (the EU-UK TCA).
    pub fn priced_free(&self) -> bool {
        matches!(self.grants, Grants::Free { .. }) && !self.unverified()
    }

    /// The first day after `start` on which the programme's staged rates change (its
    /// `stage_day`), if it has one: for a row of 2026-07-09, 2027-04-01.
    pub fn next_stage_after(&self, start: Date) -> Option<Date> {
        let (month, day) = self.stage_day?;
        let this_year = Date::new(start.year(), month, day).ok()?;
        match this_year > start {
            true => Some(this_year),
            false => Date::new(start.year() + 1, month, day).ok(),
        }
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

    /// Whether the programme exempts the fee of `rules/fees.tsv` row `fee_id`.
    pub fn exempts_fee(&self, fee_id: &str) -> bool {
        self.fee_exempt.iter().any(|f| fee_id.starts_with(f.id_prefix()))
    }

    /// The programme's rule on goods shipped through a non-party, as a quote names it.
    pub fn transit_rule(&self) -> String {
        match self.transit_rule {
            "" => format!(
                "the {} rule on goods shipped through a non-party (direct shipment, transit and transhipment)",
                self.name
            ),
            rule => rule.to_string(),
        }
    }

    /// The row's period as `from–to` (an open end is empty).
    pub fn period(&self) -> String {
        let text = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        format!("{}–{}", text(self.valid_from), text(self.valid_to))
    }

    /// Whether the row's period shares a day with `from`–`to` (open ends are open).
    fn overlaps(&self, from: Option<Date>, to: Option<Date>) -> bool {
        let starts_by = |start: Option<Date>, end: Option<Date>| start.zip(end).is_none_or(|(s, e)| s <= e);
        starts_by(self.valid_from, to) && starts_by(from, self.valid_to)
    }
}

/// Reads a programme table (`program, name, countries, valid_from, valid_to, source,
/// confidence`; Japan's adds `column`, the schedule column it was imported from); `countries`
/// may name groups of `groups`. A code may repeat when its rows' periods do not overlap (a
/// programme that lapsed and was renewed is two rows); an overlap is an error naming the line.
pub(crate) fn load(table: &Tsv<'static>, name: &str, groups: &Groups<'static>) -> Result<Vec<Programme>> {
    let mut out: Vec<Programme> = Vec::new();
    for r in table.records() {
        let p = read_row(&r, table, name, groups)?;
        check_no_overlap(&out, &p, &r, name)?;
        out.push(p);
    }
    Ok(out)
}

/// The agreements of `rules/eu_gb_agreements.tsv` (`program, name, destination, countries,
/// valid_from, valid_to, grants, excluded_chapters, proof, source, confidence`), as programmes of
/// the EU's tariff and of the UK's: `destination` is `EU` or `GB`, `grants` `free` or
/// `not_in_data`, `excluded_chapters` two-digit HS chapters; an unknown value fails the load,
/// naming the line. A code may repeat per destination (the TCA both ways).
pub(crate) fn load_agreements(
    table: &Tsv<'static>,
    name: &str,
    groups: &Groups<'static>,
) -> Result<(Vec<Programme>, Vec<Programme>)> {
    let (mut eu, mut gb): (Vec<Programme>, Vec<Programme>) = (Vec::new(), Vec::new());
    for r in table.records() {
        let mut p = read_row(&r, table, name, groups)?;
        let excluded: Vec<&'static str> =
            r.text("excluded_chapters")?.split(',').map(str::trim).filter(|c| !c.is_empty()).collect();
        if let Some(bad) = excluded.iter().find(|c| c.len() != 2 || !c.bytes().all(|b| b.is_ascii_digit())) {
            return Err(r.bad("excluded_chapters", &format!("{bad:?} is not a two-digit HS chapter")));
        }
        p.grants = match r.text("grants")? {
            "free" => Grants::Free { excluded },
            "not_in_data" => Grants::NotInData { excluded },
            other => return Err(r.bad("grants", &format!("{other:?} is not one of {}", Grants::NAMES.join(", ")))),
        };
        p.proof = r.text("proof")?;
        let into = match r.text("destination")? {
            "EU" => &mut eu,
            "GB" => &mut gb,
            other => return Err(r.bad("destination", &format!("{other:?} is not one of EU, GB"))),
        };
        check_no_overlap(into, &p, &r, name)?;
        into.push(p);
    }
    Ok((eu, gb))
}

/// One programme row: the columns every programme table shares.
fn read_row(
    r: &super::table::Record<'_, 'static>,
    table: &Tsv<'static>,
    name: &str,
    groups: &Groups<'static>,
) -> Result<Programme> {
    let code = r.text("program")?;
    let bad = |why: String| Error::new(ErrorCode::Snapshot, name, format!("{}: {why}", r.at()));
    if code.is_empty() {
        return Err(bad("program is empty".into()));
    }
    let (valid_from, valid_to) = (r.date("valid_from")?, r.date("valid_to")?);
    if valid_from.zip(valid_to).is_some_and(|(from, to)| to < from) {
        return Err(bad(format!("program {code:?} ends before it starts")));
    }
    let fees = FeeExemptCodes::read(r, table)?;
    let transit_rule = match table.column("transit_rule") {
        Some(_) => r.text("transit_rule")?,
        None => "",
    };
    let stage_day = match table.column("stage_day").map(|_| r.text("stage_day")).transpose()? {
        None | Some("") => None,
        Some(text) => Some(stage_day(text).ok_or_else(|| r.bad("stage_day", "not a day of the year as MM-DD"))?),
    };
    let earlier_not_in_data = match table.column("earlier").map(|_| r.text("earlier")).transpose()? {
        None | Some("") => false,
        Some("not_in_data") => true,
        Some(other) => return Err(r.bad("earlier", &format!("{other:?} is not empty or not_in_data"))),
    };
    Ok(Programme {
        code,
        name: r.text("name")?,
        countries: r.text("countries")?.split(',').map(str::trim).filter(|c| !c.is_empty()).collect(),
        partners: groups.resolve(r, "countries")?,
        valid_from,
        valid_to,
        source: Provenance::rule_row(name, code, r)?,
        fee_exempt: fees.fees,
        fee_exempt_when: fees.when,
        fee_source: Provenance::rule(
            name,
            code,
            fees.source,
            if fees.verify { crate::provenance::Confidence::Verify } else { crate::provenance::Confidence::Official },
        ),
        transit_rule,
        grants: Grants::SpecialColumn,
        proof: "",
        stage_day,
        earlier_not_in_data,
    })
}

/// `MM-DD` as a month and day that every year has (not 02-29).
fn stage_day(text: &str) -> Option<(u32, u32)> {
    let (month, day) = text.split_once('-')?;
    let (month, day) = (month.parse().ok()?, day.parse().ok()?);
    Date::new(2026, month, day).ok().map(|_| (month, day))
}

/// A code may repeat when its rows' periods do not overlap (a programme that lapsed and was
/// renewed is two rows); an overlap is an error naming the line.
fn check_no_overlap(out: &[Programme], p: &Programme, r: &super::table::Record<'_, 'static>, name: &str) -> Result<()> {
    match out.iter().find(|o| o.code == p.code && o.overlaps(p.valid_from, p.valid_to)) {
        Some(other) => Err(Error::new(
            ErrorCode::Snapshot,
            name,
            format!(
                "{}: program {:?} repeats a row whose period overlaps ({}): a renewed programme's rows must not overlap",
                r.at(),
                p.code,
                other.period()
            ),
        )),
        None => Ok(()),
    }
}

/// The row of programme `code` (any case) in force on `date`; else `Err` with every row of the
/// code (none: the code is unknown), whose periods say when it was in force.
pub fn in_force_by_code<'p>(
    programmes: &'p [Programme],
    code: &str,
    date: Date,
) -> std::result::Result<&'p Programme, Vec<&'p Programme>> {
    let rows = programmes.iter().filter(|p| p.code.eq_ignore_ascii_case(code));
    match rows.clone().find(|p| p.in_force(date)) {
        Some(p) => Ok(p),
        None => Err(rows.collect()),
    }
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

    const HEADER: &str = "program\tname\tcountries\tvalid_from\tvalid_to\tsource\tconfidence\n";

    fn load_rows(rows: &str) -> Result<Vec<Programme>> {
        let text: &'static str = Box::leak(format!("{HEADER}{rows}").into_boxed_str());
        load(&Tsv::parse("rules/preferences.tsv", text)?, "preferences.tsv", &Groups::default())
    }

    /// A programme that lapsed and was renewed is two rows of one code: a claim takes the row in
    /// force on its date, and none is in force in the gap (AGOA's shape: 19 U.S.C. 3701 ff. as
    /// extended, HTSUS GN 16; here a made-up lapse on a small table).
    #[test]
    fn a_renewed_programme_is_a_row_per_period_and_the_date_picks_one() {
        let programmes = load_rows(
            "D\tfirst\tKE\t2000-10-01\t2025-09-30\ts\tofficial\nD\trenewed\tKE\t2026-02-04\t2026-12-31\ts\tofficial\nS\tother\tMX\t\t\ts\tofficial\n",
        )
        .unwrap();
        let on = |s| Date::parse(s).unwrap();
        assert_eq!(in_force_by_code(&programmes, "D", on("2025-09-30")).unwrap().name, "first");
        assert_eq!(in_force_by_code(&programmes, "d", on("2026-02-04")).unwrap().name, "renewed");
        let lapse = in_force_by_code(&programmes, "D", on("2025-12-01")).unwrap_err();
        let periods: Vec<String> = lapse.iter().map(|p| p.period()).collect();
        assert_eq!(periods, ["2000-10-01–2025-09-30", "2026-02-04–2026-12-31"]);
        assert!(in_force_by_code(&programmes, "X", on("2026-03-01")).unwrap_err().is_empty());
    }

    #[test]
    fn overlapping_rows_of_one_programme_fail_naming_the_line() {
        for rows in [
            "D\ta\tKE\t2000-10-01\t2025-09-30\ts\tofficial\nD\tb\tKE\t2025-09-30\t\ts\tofficial\n",
            "D\ta\tKE\t\t\ts\tofficial\nD\tb\tKE\t2026-01-01\t2026-12-31\ts\tofficial\n",
            "D\ta\tKE\t2026-01-01\t\ts\tofficial\nD\tb\tKE\t\t2026-01-01\ts\tofficial\n",
        ] {
            let e = load_rows(rows).expect_err(rows);
            assert!(e.message.starts_with("line 3:") && e.message.contains("overlaps"), "{}", e.message);
        }
        let e = load_rows("D\ta\tKE\t2026-01-01\t2025-01-01\ts\tofficial\n").unwrap_err();
        assert!(e.message.contains("ends before it starts"), "{}", e.message);
        assert!(load_rows("\ta\tKE\t\t\ts\tofficial\n").is_err());
    }

    /// Every fee a programme exempts names rows of `rules/fees.tsv` of its destination: the US
    /// MPF rows (19 U.S.C. 58c(a)(9)-(10)) for the FTAs of 58c(b)(10)-(21), never the harbor
    /// maintenance fee; the US-Jordan and US-Morocco FTAs and the US-Japan agreement exempt none.
    #[test]
    fn every_fee_a_programme_exempts_names_fee_rows_of_its_destination() {
        let rules = crate::Engine::embedded().rules();
        let on = Date::parse("2026-03-02").unwrap();
        for p in rules.programmes("US") {
            for fee in &p.fee_exempt {
                assert!(
                    rules.fees.iter().any(|f| f.country == "US" && f.id.starts_with(fee.id_prefix())),
                    "{}",
                    p.code
                );
            }
        }
        let s = rules.programme("US", "S", on).unwrap();
        assert!(s.exempts_fee("us-mpf-formal-fy2026") && s.exempts_fee("us-mpf-informal-fy2026"));
        assert!(!s.exempts_fee("us-hmf") && s.fee_exempt_when == ExemptWhen::Claim && !s.fee_source.is_verify());
        for code in ["AU", "BH", "CL", "CO", "KR", "OM", "P", "PA", "PE", "SG"] {
            assert!(rules.programme("US", code, on).unwrap().exempts_fee("us-mpf-formal-fy2026"), "{code}");
        }
        for code in ["JO", "MA", "JP"] {
            assert!(rules.programme("US", code, on).unwrap().fee_exempt.is_empty(), "{code}");
        }
        assert_eq!(rules.programme("US", "E", on).unwrap().fee_exempt_when, ExemptWhen::Origin);
        assert!(rules.programme("JP", "VN", on).unwrap().fee_exempt.is_empty());
    }

    /// `rules/eu_gb_agreements.tsv`: `destination` and `grants` are closed, an excluded chapter
    /// is two digits, and the TCA is a row per destination under one code (audit-mm MM1).
    #[test]
    fn agreements_load_by_destination_and_refuse_unknown_values() {
        let header = "program\tname\tdestination\tcountries\tvalid_from\tvalid_to\tgrants\texcluded_chapters\tproof\tsource\tconfidence\n";
        let load_rows = |rows: &str| {
            let text: &'static str = Box::leak(format!("{header}{rows}").into_boxed_str());
            load_agreements(
                &Tsv::parse("rules/eu_gb_agreements.tsv", text)?,
                "eu_gb_agreements.tsv",
                &Groups::default(),
            )
        };
        let (eu, gb) = load_rows(
            "TCA\tt\tEU\tGB\t2021-01-01\t\tfree\t\tp\ts\tofficial\nTCA\tt\tGB\tDE\t2021-01-01\t\tfree\t\tp\ts\tofficial\nCU\tc\tEU\tTR\t\t\tnot_in_data\t08,24\tp\ts\tverify\n",
        )
        .unwrap();
        assert_eq!((eu.len(), gb.len()), (2, 1));
        assert!(eu[0].priced_free() && !eu[1].priced_free());
        assert!(!eu[1].grants.covers("0802220000") && eu[1].grants.covers("6109100010"));
        for (rows, column) in [
            ("X\tx\tUS\tGB\t\t\tfree\t\tp\ts\tofficial\n", "destination"),
            ("X\tx\tEU\tGB\t\t\tzero\t\tp\ts\tofficial\n", "grants"),
            ("X\tx\tEU\tGB\t\t\tfree\t1\tp\ts\tofficial\n", "excluded_chapters"),
        ] {
            let e = load_rows(rows).expect_err(rows);
            assert!(format!("{e:?}").contains(column), "{e:?}");
        }
    }

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
        let today = Date::parse("2026-08-01").unwrap();
        let rcep = rules.programme("JP", "RCEP_CN", today).expect("RCEP (China) in jp_programmes.tsv");
        assert!(rcep.open_to("CN", Date::parse("2026-01-01").unwrap()));
        assert!(!rcep.open_to("CN", Date::parse("2021-12-31").unwrap()));
        // GSP beneficiaries are designated by Cabinet Order and not encoded: never open by origin.
        assert!(!rules.programme("JP", "GSP", today).unwrap().open_to("BD", Date::parse("2026-01-01").unwrap()));
        assert_eq!(rules.programme("US", "S", today).unwrap().countries, vec!["CA", "MX"]);
        // The Japan-EU EPA's partners are the EU group (rules/groups.tsv) on the claim's date:
        // the United Kingdom until the end of the transition period (2020-12-31), Croatia since
        // before the EPA; not Switzerland.
        let eu = rules.programme("JP", "EU", today).unwrap();
        assert_eq!(eu.countries, vec!["EU"]);
        let on = |s| Date::parse(s).unwrap();
        assert!(eu.open_to("GB", on("2020-12-31")) && !eu.open_to("GB", on("2021-01-01")));
        assert!(eu.open_to("HR", on("2026-01-01")) && eu.open_to("DE", on("2026-01-01")));
        assert!(!eu.open_to("CH", on("2026-01-01")) && !eu.open_to("DE", on("2019-01-31")));
        assert!(rules.programme("GB", "S", today).is_none());
        // Japan's EPA columns are the fiscal year's (from 1 April): the row of the 2026-07-09
        // edition gives way to the next stage on 2027-04-01 (audit-mm MM3); GSP has no stage day.
        let usjta = rules.programme("JP", "USJTA", today).unwrap();
        assert_eq!(usjta.next_stage_after(on("2026-07-09")), Some(on("2027-04-01")));
        assert_eq!(usjta.next_stage_after(on("2026-03-31")), Some(on("2026-04-01")));
        assert_eq!(rules.programme("JP", "GSP", today).unwrap().next_stage_after(on("2026-07-09")), None);
        assert_eq!((stage_day("04-01"), stage_day("02-29"), stage_day("4/1")), (Some((4, 1)), None, None));
        assert!(rules.programme("JP", "RCEP_CN", on("2021-12-31")).is_none());
    }
}
