//! The VAT/GST class of goods by tariff code (`rules/vat_classes.tsv`): where the destination's
//! law names goods by their code, or a code's goods all fall within a category the law taxes at
//! a zero or reduced rate (books, food), the class of a line that gives no `vat_class` is read
//! here, never assumed standard in silence. A row `settles` the class (`code`), or says that the
//! code holds goods of different classes (`depends`): the line is then a lower bound at the
//! lowest rate the row allows, naming what decides; or that it holds goods of different classes
//! of which the row's is the normal case (`assumes`: an adult's garment, not a young child's): the
//! line is priced at the row's class and the quote states the assumption and the `vat_class` that
//! would change it (docs/rules.md#vat-class).
//!
//! Rows naming a country itself are that country's encoding of its law; rows naming a group
//! (`EU`) are a fallback for the members that have no row of their own in force on the date.
//! Among the rows that apply, the one with the longest prefix covering the code wins. Codes
//! are compared as packed integers ([`crate::hs::pack`]), as the other code lists are.

use super::codes::{code_prefixes, list, one_of};
use super::groups::Groups;
use super::table::{in_force, Record, Tsv};
use crate::date::Date;
use crate::error::Result;
use crate::hs::{pack, packed_range_of, HsCode};
use crate::provenance::Provenance;
use crate::request::VatClass;
use rust_decimal::Decimal;

/// The table, as the snapshot names it.
pub const FILE: &str = "rules/vat_classes.tsv";

/// The classes a row may give, as the table writes them.
pub const CLASSES: [(&str, VatClass); 4] = [
    ("standard", VatClass::Standard),
    ("reduced", VatClass::Reduced),
    ("zero", VatClass::Zero),
    ("exempt", VatClass::Exempt),
];

/// What a row's code tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settles {
    /// The law names these goods by tariff code, or the code's goods are wholly within the law's
    /// category: the code settles the class.
    Code,
    /// The code holds goods in different classes: the row's class is the lowest the goods may
    /// have, and `condition` says what decides.
    Depends,
    /// The code holds goods in different classes, the row's being the normal case for goods of
    /// the code (clothing into GB: an adult's, not a young child's): the line is priced at the
    /// row's class and the quote states `condition` as its assumption (`W_ASSUMPTION`), naming
    /// the law and the `vat_class` that gives the other class.
    Assumes,
}

impl Settles {
    /// The values of the `settles` column.
    pub const NAMES: [(&'static str, Settles); 3] =
        [("code", Settles::Code), ("depends", Settles::Depends), ("assumes", Settles::Assumes)];
}

/// A row of `rules/vat_classes.tsv`.
#[derive(Debug, Clone, PartialEq)]
pub struct VatClassRow {
    pub id: &'static str,
    /// Countries and groups of `rules/groups.tsv` (`GB,XI`, `EU`).
    pub countries: Vec<&'static str>,
    /// HS prefixes of the goods (2 to 10 even digits).
    pub codes: Vec<&'static str>,
    /// HS prefixes under `codes` the row does not cover.
    pub exclude_codes: Vec<&'static str>,
    /// `codes` and `exclude_codes` as the packed ranges of the codes under them
    /// ([`crate::hs::packed_range`]): `start` is the prefix packed, its length the low four bits.
    packed: Vec<std::ops::Range<u64>>,
    excluded: Vec<std::ops::Range<u64>>,
    pub class: VatClass,
    /// Which reduced rate (a country with several), matching a rate row of `vat.tsv` or
    /// `rules/vat_extra.tsv` in force; empty for the other classes.
    pub percent: Option<Decimal>,
    pub settles: Settles,
    /// What decides the class of a `depends` row's goods, or what an `assumes` row assumes
    /// (stated in the quote), in words.
    pub condition: &'static str,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub source: Provenance<'static>,
}

impl VatClassRow {
    /// True when the row names `country` itself (not through a group).
    pub fn names_itself(&self, country: &str) -> bool {
        self.countries.contains(&country)
    }

    /// True when the row is in force on `date`.
    pub fn in_force(&self, date: Date) -> bool {
        in_force(self.valid_from, self.valid_to, date)
    }

    /// The class as the table writes it (`zero`), with its percent when it names one.
    pub fn class_text(&self) -> String {
        let name = CLASSES.iter().find(|(_, c)| *c == self.class).map_or("", |(n, _)| n);
        match self.percent {
            Some(p) => format!("{name} {}%", p.normalize()),
            None => name.to_string(),
        }
    }

    /// How the row touches goods of `code` (packed `code`, its packed range `wide`): the length
    /// of its longest prefix covering the code; or `None` with `touches` true when some of its
    /// prefixes or exclusions lie strictly under the code (the code holds goods the row covers
    /// and goods it does not).
    fn touch(&self, code: u64, wide: &std::ops::Range<u64>) -> (Option<u64>, bool) {
        if self.excluded.iter().any(|e| e.contains(&code)) {
            return (None, false);
        }
        let mut covers: Option<u64> = None;
        let mut under = false;
        for p in &self.packed {
            if p.contains(&code) {
                covers = covers.max(Some(p.start % 16));
            } else if wide.contains(&p.start) {
                under = true;
            }
        }
        if covers.is_some() && self.excluded.iter().any(|e| wide.contains(&e.start)) {
            // Covered, but part of the code is excluded: the code spans the row's edge.
            return (None, true);
        }
        (covers, under)
    }
}

/// What the table says of a code.
#[derive(Debug, Clone, PartialEq)]
pub enum ClassOf<'r> {
    /// The row covering the code with its longest prefix.
    Row(&'r VatClassRow),
    /// The code is wider than the rows' prefixes or exclusions: it holds goods of the rows
    /// listed (and perhaps others); the class depends on which.
    Wider(Vec<&'r VatClassRow>),
}

/// The rows a quote to `country` on `date` reads: its own rows in force, or, when it has none,
/// the rows of the groups it belongs to on that date.
pub fn on_day<'r>(rows: &'r [VatClassRow], groups: &Groups<'_>, country: &str, date: Date) -> Vec<&'r VatClassRow> {
    let own: Vec<&VatClassRow> = rows.iter().filter(|r| r.in_force(date) && r.names_itself(country)).collect();
    if !own.is_empty() {
        return own;
    }
    rows.iter()
        .filter(|r| r.in_force(date) && r.countries.iter().any(|c| *c != country && groups.contains(c, country, date)))
        .collect()
}

/// Rows ([`on_day`]) by the HS chapter of their codes and exclusions, sorted by chapter: a code
/// reads only the rows of its own chapter (a T-shirt into GB one row, not the food rows).
#[derive(Debug, Default, PartialEq)]
pub struct ByChapter<'r> {
    chapters: Vec<(u32, Vec<&'r VatClassRow>)>,
}

impl<'r> ByChapter<'r> {
    /// The rows of `rows` under each chapter their prefixes name.
    pub fn of(rows: &[&'r VatClassRow]) -> ByChapter<'r> {
        let mut chapters: Vec<(u32, Vec<&'r VatClassRow>)> = Vec::new();
        for &row in rows {
            let mut own: Vec<u32> = row.codes.iter().filter_map(|p| super::excise::chapter(p)).collect();
            crate::sort::sort_unstable(&mut own);
            own.dedup();
            for c in own {
                match chapters.binary_search_by_key(&c, |(k, _)| *k) {
                    Ok(i) => chapters[i].1.push(row),
                    Err(i) => chapters.insert(i, (c, vec![row])),
                }
            }
        }
        ByChapter { chapters }
    }

    /// The rows whose prefixes are in the chapter of `code`, in file order.
    fn rows(&self, code: &HsCode) -> &[&'r VatClassRow] {
        // A code is 2 to 13 ASCII digits (`HsCode::parse`): its chapter is its first two, the
        // number `excise::chapter` reads from its text, without making the text.
        let [a, b, ..] = *code.bytes() else { return &[] };
        let c = u32::from(a.wrapping_sub(b'0')) * 10 + u32::from(b.wrapping_sub(b'0'));
        match self.chapters.binary_search_by_key(&c, |(k, _)| *k) {
            Ok(i) => &self.chapters[i].1,
            Err(_) => &[],
        }
    }
}

/// What the rows of `index` ([`ByChapter::of`] the rows [`on_day`]) say of goods of `code`.
pub fn class_of<'r>(index: &ByChapter<'r>, code: &HsCode) -> Option<ClassOf<'r>> {
    let rows = index.rows(code);
    if rows.is_empty() {
        return None;
    }
    let packed = code.packed();
    let wide = packed_range_of(packed);
    let mut best: Option<(&VatClassRow, u64)> = None;
    let mut spanned: Vec<&VatClassRow> = Vec::new();
    for &row in rows {
        let (covers, under) = row.touch(packed, &wide);
        if under {
            spanned.push(row);
        }
        if let Some(len) = covers {
            if best.is_none_or(|(_, l)| len > l) {
                best = Some((row, len));
            }
        }
    }
    // A row under the code but less specific than the covering row does not split the code.
    let best_len = best.map_or(0, |(_, l)| l);
    spanned.retain(|r| r.packed.iter().chain(&r.excluded).any(|p| wide.contains(&p.start) && p.start % 16 > best_len));
    match (best, spanned.is_empty()) {
        (None, true) => None,
        (Some((row, _)), true) => Some(ClassOf::Row(row)),
        (best, false) => Some(ClassOf::Wider(best.map(|(r, _)| r).into_iter().chain(spanned).collect())),
    }
}

/// Parses `rules/vat_classes.tsv` strictly: countries and groups, HS prefixes, a known `class`
/// and `settles`, a `percent` only for the reduced class, a `condition` on every `depends` row,
/// dates and a `confidence`; an unknown value fails the load naming the row and column.
pub fn parse(t: &Tsv<'static>, groups: &Groups<'_>) -> Result<Vec<VatClassRow>> {
    t.records().map(|r| row(&r, groups)).collect()
}

fn row(r: &Record<'_, 'static>, groups: &Groups<'_>) -> Result<VatClassRow> {
    groups.check_names(r, "country")?;
    if list(r.text("country")?).is_empty() {
        return Err(r.bad("country", "a row names the countries or groups it applies to"));
    }
    let id = r.text("id")?;
    let codes = code_prefixes(r, "codes")?;
    if codes.is_empty() {
        return Err(r.bad("codes", "a row names the codes it covers"));
    }
    let exclude_codes = code_prefixes(r, "exclude_codes")?;
    let class = one_of(r, "class", &CLASSES)?;
    let percent = r.decimal("percent")?;
    if percent.is_some() != (class == VatClass::Reduced) {
        return Err(r.bad("percent", "the reduced class names its percent; the other classes leave it empty"));
    }
    let settles = one_of(r, "settles", &Settles::NAMES)?;
    let condition = r.text("condition")?;
    if settles != Settles::Code && condition.is_empty() {
        return Err(r.bad("condition", "a `depends` row says what decides the class, an `assumes` row what it assumes"));
    }
    Ok(VatClassRow {
        id,
        countries: list(r.text("country")?),
        packed: codes.iter().map(|c| packed_range_of(pack(c.as_bytes()))).collect(),
        excluded: exclude_codes.iter().map(|c| packed_range_of(pack(c.as_bytes()))).collect(),
        codes,
        exclude_codes,
        class,
        percent,
        settles,
        condition,
        valid_from: r.date("valid_from")?,
        valid_to: r.date("valid_to")?,
        source: Provenance::rule_row(FILE.trim_start_matches("rules/"), id, r)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id\tcountry\tcodes\texclude_codes\tclass\tpercent\tsettles\tcondition\tvalid_from\tvalid_to\tsource\tconfidence\n";

    fn groups() -> Groups<'static> {
        crate::rules::groups::eu_with_gb_until_2020()
    }

    fn parse_rows(rows: &str) -> Result<Vec<VatClassRow>> {
        let text: &'static str = Box::leak(format!("{HEADER}{rows}").into_boxed_str());
        parse(&Tsv::parse(FILE, text)?, &groups())
    }

    fn day(d: &str) -> Date {
        Date::parse(d).unwrap()
    }

    fn id_of(found: Option<ClassOf<'_>>) -> String {
        match found {
            None => "-".into(),
            Some(ClassOf::Row(r)) => r.id.into(),
            Some(ClassOf::Wider(rows)) => {
                format!("wider:{}", rows.iter().map(|r| r.id).collect::<Vec<_>>().join("+"))
            }
        }
    }

    /// The longest prefix wins; an exclusion drops the row for the codes under it; a code wider
    /// than a row's edge (a prefix or an exclusion under it) holds goods of several classes.
    #[test]
    fn the_most_specific_row_covers_a_code_and_a_wider_code_spans_rows() {
        let rows = parse_rows(concat!(
            "food\tGB,XI\t02,09,20,22\t2203,2204,2205,2206,2207,2208\tzero\t\tcode\t\t\t\tlaw\tofficial\n",
            "juice\tGB,XI\t2009\t\tstandard\t\tcode\t\t\t\tlaw\tofficial\n",
            "books\tGB,XI\t4901\t\tzero\t\tcode\t\t\t\tlaw\tofficial\n",
        ))
        .unwrap();
        let g = groups();
        let on = on_day(&rows, &g, "GB", day("2026-11-26"));
        let index = ByChapter::of(&on);
        let find = |code: &str| id_of(class_of(&index, &HsCode::parse(code).unwrap()));
        assert_eq!(find("0902100000"), "food");
        assert_eq!(find("2009891100"), "juice");
        assert_eq!(find("200799"), "food");
        assert_eq!(find("2204219300"), "-", "alcohol is excluded: no row, the standard rate");
        assert_eq!(find("4901990000"), "books");
        assert_eq!(find("6109100010"), "-");
        assert_eq!(find("20"), "wider:food+juice", "chapter 20 holds jam and juice");
        assert_eq!(find("22"), "wider:food", "chapter 22 holds water and wine");
        assert_eq!(find("49"), "wider:books", "chapter 49 holds books and posters");
        assert_eq!(find("4901"), "books");
    }

    /// A code's rows are those of the chapter `excise::chapter` reads from its text, for every
    /// chapter and length (the index reads the chapter from the code's bytes).
    #[test]
    fn a_codes_rows_are_those_of_the_chapter_its_text_names() {
        let rows = parse_rows(
            &(0..100)
                .map(|c| format!("c{c:02}\tGB\t{c:02}\t\tzero\t\tcode\t\t\t\tlaw\tofficial\n"))
                .collect::<String>(),
        )
        .unwrap();
        let on = on_day(&rows, &groups(), "GB", day("2026-11-26"));
        let index = ByChapter::of(&on);
        for c in 0..100 {
            for code in [format!("{c:02}"), format!("{c:02}01"), format!("{c:02}01990000123")] {
                let code = HsCode::parse(&code).unwrap();
                let by_text = super::super::excise::chapter(code.digits()).expect("a chapter");
                assert_eq!(index.rows(&code).iter().map(|r| r.id).collect::<Vec<_>>(), [format!("c{by_text:02}")]);
            }
        }
    }

    /// A group row is a fallback for members without rows of their own in force.
    #[test]
    fn a_group_row_applies_to_members_without_rows_of_their_own() {
        let rows = parse_rows(concat!(
            "eu\tEU\t49\t\tzero\t\tdepends\tthe member state chooses\t\t\tlaw\tofficial\n",
            "de\tDE\t4901\t\treduced\t7\tcode\t\t2021-01-01\t\tlaw\tofficial\n",
        ))
        .unwrap();
        let g = groups();
        let ids = |c: &str, d: &str| on_day(&rows, &g, c, day(d)).iter().map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(ids("DE", "2026-11-26"), ["de"]);
        assert_eq!(ids("DE", "2019-06-01"), ["eu"]);
        assert_eq!(ids("GB", "2019-06-01"), ["eu"], "the UK in the EU until 2020-12-31");
        assert!(ids("GB", "2021-01-01").is_empty());
        assert!(ids("US", "2026-11-26").is_empty());
    }

    #[test]
    fn bad_values_fail_the_load_naming_the_column() {
        for (row, column) in [
            ("x\tGBR\t4901\t\tzero\t\tcode\t\t\t\tlaw\tofficial\n", "country"),
            ("x\tGB\t490\t\tzero\t\tcode\t\t\t\tlaw\tofficial\n", "codes"),
            ("x\tGB\t\t\tzero\t\tcode\t\t\t\tlaw\tofficial\n", "codes"),
            ("x\tGB\t4901\t49011\tzero\t\tcode\t\t\t\tlaw\tofficial\n", "exclude_codes"),
            ("x\tGB\t4901\t\tlow\t\tcode\t\t\t\tlaw\tofficial\n", "class"),
            ("x\tGB\t4901\t\treduced\t\tcode\t\t\t\tlaw\tofficial\n", "percent"),
            ("x\tGB\t4901\t\tzero\t5\tcode\t\t\t\tlaw\tofficial\n", "percent"),
            ("x\tGB\t4901\t\tzero\t\tsometimes\t\t\t\tlaw\tofficial\n", "settles"),
            ("x\tGB\t4901\t\tzero\t\tdepends\t\t\t\tlaw\tofficial\n", "condition"),
            ("x\tGB\t61\t\tstandard\t\tassumes\t\t\t\tlaw\tofficial\n", "condition"),
            ("x\tGB\t4901\t\tzero\t\tcode\t\t2020-13-01\t\tlaw\tofficial\n", "valid_from"),
            ("x\tGB\t4901\t\tzero\t\tcode\t\t\t\tlaw\tsure\n", "confidence"),
        ] {
            let e = parse_rows(row).expect_err(column);
            assert!(e.message.contains(&format!("column {column}")), "{column}: {}", e.message);
        }
    }

    /// Every reduced row's percent is a rate of `vat.tsv` or `rules/vat_extra.tsv` in force for
    /// the country on the row's first day and on the day the table was last checked
    /// (2026-11-26), within the row's dates; every row's id is unique.
    #[test]
    fn every_reduced_percent_is_a_rate_in_force_for_its_country() {
        let rules = crate::Engine::embedded().rules();
        let mut ids: Vec<&str> = rules.vat_classes.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "row ids are unique");
        let checked = day("2026-11-26");
        for row in rules.vat_classes.iter().filter(|r| r.percent.is_some()) {
            let days = [row.valid_from, Some(checked).filter(|d| row.in_force(*d))];
            for d in days.into_iter().flatten() {
                for country in &row.countries {
                    let members = match rules.groups.is_group(country) {
                        true => rules.groups.members(country, d),
                        false => vec![*country],
                    };
                    for c in members {
                        assert!(
                            rules.class_rate(c, None, row.class, row.percent, d).is_some(),
                            "{}: no {} rate for {c} on {d}",
                            row.id,
                            row.class_text()
                        );
                    }
                }
            }
        }
    }
}
