//! Japan's rules for small parcels: the simplified tariff's categories (`rules/jp_simplified.tsv`,
//! Customs Tariff Act art. 3-3 and appended table 2) and the value of goods for personal use
//! (`rules/jp_personal_use.tsv`, art. 4-6(2)). Both are read only by Japan's quotes: in the
//! browser build they travel in parts of their own ([`super::programme_files`]).

use super::table::{in_force, Record, Tsv};
use crate::date::Date;
use crate::duty::DutyExpr;
use crate::error::{Error, ErrorCode, Result};
use crate::provenance::Provenance;
use rust_decimal::Decimal;

/// What a row of the simplified tariff does to the goods it covers.
#[derive(Debug, Clone, PartialEq)]
pub enum SimplifiedRate {
    /// The category's rate replaces the general tariff's (`10%`, `70 JPY / l`).
    Rate { text: &'static str, expr: DutyExpr },
    /// Outside the simplified tariff: the general tariff applies (goods the law excludes).
    General,
    /// The category depends on a national subdivision or on words our sources do not map to
    /// codes: the line's duty is not priced under the simplified tariff.
    Unmapped,
}

/// One category (or exclusion) of the simplified tariff, by HS prefixes.
#[derive(Debug, Clone, PartialEq)]
pub struct SimplifiedRow {
    pub id: &'static str,
    /// Code prefixes (digits); empty with `any` for the category of every other good.
    pub codes: Vec<&'static str>,
    pub any: bool,
    pub rate: SimplifiedRate,
    /// The category in the law's words.
    pub category: &'static str,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub source: Provenance<'static>,
}

/// Japan's simplified tariff: the row of the longest prefix of a code wins.
#[derive(Debug, Default)]
pub struct SimplifiedTariff {
    rows: Vec<SimplifiedRow>,
}

impl SimplifiedTariff {
    /// Reads `rules/jp_simplified.tsv` strictly: a rate that is not a priceable duty text,
    /// `general` or `unmapped`, a code that is not digits, or a prefix two rows in force at once
    /// both name is an error naming the line.
    pub fn load(table: &Tsv<'static>, name: &str) -> Result<SimplifiedTariff> {
        let rows = table.read_rows(|r| row(r, name))?;
        for (i, a) in rows.iter().enumerate() {
            for b in &rows[i + 1..] {
                let overlap = a.codes.iter().find(|c| b.codes.contains(c)).copied().or((a.any && b.any).then_some("*"));
                if let Some(code) = overlap.filter(|_| overlaps(a, b)) {
                    return Err(Error::new(
                        ErrorCode::Snapshot,
                        name.to_string(),
                        format!("rows {} and {} both name {code} in the same period", a.id, b.id),
                    ));
                }
            }
        }
        Ok(SimplifiedTariff { rows })
    }

    /// The row covering `code` (digits, separators allowed) on `date`: the longest prefix in
    /// force, else the row of every other good.
    pub fn row(&self, code: &str, date: Date) -> Option<&SimplifiedRow> {
        let digits: String = code.chars().filter(char::is_ascii_digit).collect();
        let mut best: Option<(usize, &SimplifiedRow)> = None;
        for r in self.rows.iter().filter(|r| in_force(r.valid_from, r.valid_to, date)) {
            let len = r.codes.iter().filter(|p| digits.starts_with(*p)).map(|p| p.len()).max();
            let len = len.or(r.any.then_some(0));
            if let Some(len) = len.filter(|l| best.is_none_or(|(b, _)| *l > b)) {
                best = Some((len, r));
            }
        }
        best.map(|(_, r)| r)
    }
}

fn overlaps(a: &SimplifiedRow, b: &SimplifiedRow) -> bool {
    let starts_by = |start: Option<Date>, end: Option<Date>| start.zip(end).is_none_or(|(s, e)| s <= e);
    starts_by(a.valid_from, b.valid_to) && starts_by(b.valid_from, a.valid_to)
}

fn row(r: &Record<'_, 'static>, name: &str) -> Result<SimplifiedRow> {
    let id = r.text("id")?;
    let mut codes = Vec::new();
    let mut any = false;
    for c in r.text("codes")?.split(',').map(str::trim) {
        match c {
            "*" => any = true,
            c if !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()) => codes.push(c),
            c => return Err(r.bad("codes", &format!("{c:?} is not a code prefix of digits or *"))),
        }
    }
    let rate = match r.text("rate")? {
        "general" => SimplifiedRate::General,
        "unmapped" => SimplifiedRate::Unmapped,
        text => {
            let expr = DutyExpr::parse(text);
            if !expr.is_structured() {
                return Err(r.bad("rate", "not a priceable duty text, general or unmapped"));
            }
            SimplifiedRate::Rate { text, expr }
        }
    };
    Ok(SimplifiedRow {
        id,
        codes,
        any,
        rate,
        category: r.text("category")?,
        valid_from: r.date("valid_from")?,
        valid_to: r.date("valid_to")?,
        source: Provenance::rule_row(name, id, r)?,
    })
}

/// Whether freight and insurance to the border join a personal-use value after the factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonalFreight {
    /// Added in full after the factor.
    After,
    /// Our sources do not say: a consignment with freight or insurance is not priced.
    Unsettled,
}

/// The value of goods bought at retail for the importer's personal use (or given to a resident
/// for the recipient's): a factor of the retail price.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonalUse {
    pub id: &'static str,
    pub country: &'static str,
    pub factor: Decimal,
    pub freight: PersonalFreight,
    /// Code prefixes the factor does not apply to (goods with an international market price).
    pub exclude_codes: Vec<&'static str>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// What the quote states when the row applies (`W_ASSUMPTION`).
    pub assumption: &'static str,
    pub source: Provenance<'static>,
}

/// Reads `rules/jp_personal_use.tsv`: a factor must be above 0 and at most 1, `freight` `after`
/// or `unsettled`.
pub fn load_personal_use(table: &Tsv<'static>, name: &str) -> Result<Vec<PersonalUse>> {
    table.read_rows(|r| {
        let id = r.text("id")?;
        let factor = r.decimal("factor")?.ok_or_else(|| r.bad("factor", "a factor is required"))?;
        if factor <= Decimal::ZERO || factor > Decimal::ONE {
            return Err(r.bad("factor", "must be above 0 and at most 1"));
        }
        let freight = match r.text("freight")? {
            "after" => PersonalFreight::After,
            "unsettled" => PersonalFreight::Unsettled,
            _ => return Err(r.bad("freight", "not after or unsettled")),
        };
        let exclude_codes = super::codes::code_prefixes(r, "exclude_codes")?;
        Ok(PersonalUse {
            id,
            country: r.text("country")?,
            factor,
            freight,
            exclude_codes,
            valid_from: r.date("valid_from")?,
            valid_to: r.date("valid_to")?,
            assumption: r.text("assumption")?,
            source: Provenance::rule_row(name, id, r)?,
        })
    })
}

impl PersonalUse {
    /// Whether the factor applies to goods of `code` (digits, separators allowed).
    pub fn covers(&self, code: &str) -> bool {
        let digits: String = code.chars().filter(char::is_ascii_digit).collect();
        !self.exclude_codes.iter().any(|p| digits.starts_with(p))
    }
}

/// Japan's small-parcel rules, parsed together.
#[derive(Debug, Default)]
pub struct JpSmall {
    pub simplified: SimplifiedTariff,
    pub personal_use: Vec<PersonalUse>,
    /// The lines whose text states the customs value their rate is for (`rules/jp_brackets.tsv`).
    pub brackets: Vec<super::jp_brackets::JpBracket>,
}

impl JpSmall {
    /// The personal-use valuation of `country` in force on `date`.
    pub fn personal_use(&self, country: &str, date: Date) -> Option<&PersonalUse> {
        self.personal_use.iter().find(|p| p.country == country && in_force(p.valid_from, p.valid_to, date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "id\tcodes\trate\tcategory\tvalid_from\tvalid_to\tsource\tconfidence\n";

    fn tariff(rows: &str) -> Result<SimplifiedTariff> {
        let text: &'static str = Box::leak(format!("{HEAD}{rows}").into_boxed_str());
        SimplifiedTariff::load(&Tsv::parse("rules/jp_simplified.tsv", text)?, "jp_simplified.tsv")
    }

    fn on(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn the_longest_prefix_wins_and_the_rest_take_the_catch_all_rules_12() {
        // docs/rules.md §12: appended table 2 names chapters, headings and subheadings; a good
        // of none of them is in item 7. 2103.20 (20 %) inside chapter 21 (10 %).
        let t = tariff(
            "a\t21\t10%\tx\t\t\tlaw\tofficial\nb\t210320\t20%\tx\t\t\tlaw\tofficial\nc\t*\t5%\tx\t\t\tlaw\tofficial\n",
        )
        .unwrap();
        assert_eq!(t.row("2103.20.000", on("2026-08-01")).unwrap().id, "b");
        assert_eq!(t.row("210390", on("2026-08-01")).unwrap().id, "a");
        assert_eq!(t.row("8471300", on("2026-08-01")).unwrap().id, "c");
    }

    #[test]
    fn a_bad_rate_or_a_prefix_named_twice_fails_the_load() {
        // tariffs/README.md: rule tables are parsed strictly, never with a silent default.
        assert!(tariff("a\t21\tsomething\tx\t\t\tlaw\tofficial\n").is_err());
        assert!(tariff("a\t2x\t10%\tx\t\t\tlaw\tofficial\n").is_err());
        let e = tariff("a\t21\t10%\tx\t\t\tlaw\tofficial\nb\t21\t5%\tx\t\t\tlaw\tofficial\n").unwrap_err();
        assert!(e.to_string().contains("both name 21"), "{e}");
        // Periods that do not overlap may name the same prefix.
        tariff("a\t21\t10%\tx\t\t2020-12-31\tlaw\tofficial\nb\t21\t5%\tx\t2021-01-01\t\tlaw\tofficial\n").unwrap();
    }

    #[test]
    fn a_personal_use_row_reads_its_factor_freight_and_prefixes_strictly() {
        const HEAD: &str =
            "id\tcountry\tfactor\tfreight\texclude_codes\tvalid_from\tvalid_to\tassumption\tsource\tconfidence\n";
        let load = |row: &str| {
            let text: &'static str = Box::leak(format!("{HEAD}{row}\n").into_boxed_str());
            load_personal_use(&Tsv::parse("rules/jp_personal_use.tsv", text)?, "jp_personal_use.tsv")
        };
        let row = &load("p\tJP\t0.6\tunsettled\t7108,7110\t\t\ta\tlaw\tofficial").unwrap()[0];
        assert_eq!(
            (row.factor, row.freight, row.exclude_codes.clone()),
            (Decimal::new(6, 1), PersonalFreight::Unsettled, vec!["7108", "7110"])
        );
        for (bad, column) in [
            ("p\tJP\t1.2\tafter\t\t\t\ta\tlaw\tofficial", "factor"),
            ("p\tJP\t0.6\tbefore\t\t\t\ta\tlaw\tofficial", "freight"),
            ("p\tJP\t0.6\tafter\t71O8\t\t\ta\tlaw\tofficial", "exclude_codes"),
        ] {
            let e = load(bad).expect_err(column);
            assert!(e.to_string().contains(column), "{column}: {e}");
        }
    }
}
