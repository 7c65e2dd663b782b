//! Excise duties charged at import that the snapshot holds no rates for (`rules/excise.tsv`):
//! alcohol, tobacco and vaping duties in the UK, the EU, the US, Japan, Canada, Switzerland,
//! Norway and Korea. A line under one of a row's HS prefixes owes the excise besides customs duty
//! and VAT, and the excise is part of the VAT base; without the caller's figure for it (an
//! `extra_duties` entry of kind `excise`) the line is not fully priced, and says so.
//!
//! The row type, [`Listed`], is shared with the trade-remedy table (`rules/trade_remedies.rs`):
//! both list a levy the data names but does not price.

use super::codes::{code_prefixes, one_of, EXCISE_FILE, EXCISE_RATES_FILE};
use super::groups::Groups;
use super::table::{in_force, Record, Tsv};
use crate::date::Date;
use crate::error::Result;
use crate::hs::digits_start_with;
use crate::provenance::Provenance;
use rust_decimal::Decimal;

/// A levy the data lists without a rate: on the dates in force, goods under `codes` imported
/// into `countries` owe `name`.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub id: &'static str,
    /// Countries and groups of `rules/groups.tsv` (`GB,XI`, `EU`).
    pub countries: Vec<&'static str>,
    /// The levy as the law names it (`Alcohol Duty`).
    pub name: &'static str,
    /// HS prefixes of the goods that bear it.
    pub codes: Vec<&'static str>,
    /// What the row covers, in words (strength limits, devices without liquid, zero rates).
    pub note: &'static str,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub source: Provenance<'static>,
    /// The most the levy can be per unit, in the destination's currency, when the law fixes it
    /// (`rules/excise.tsv` `most`: Canada's A/C excise, CAD 100 an air conditioner): a base the
    /// levy belongs in is at most this much higher while it is unpriced (docs/rules.md §21).
    /// None for a trade remedy, and for an excise whose law sets no ceiling.
    pub most: Option<Decimal>,
    /// The base the law takes a percentage of the levy on (`excise.tsv`'s `base`), where a
    /// source says it: a caller's entry answering the row on another base is warned of
    /// (docs/rules.md#excise). `None` for a trade remedy.
    pub base: Option<ExciseBase>,
    /// The strength (% vol) the goods must exceed to bear the levy (`excise.tsv`'s
    /// `alcohol_over`: Switzerland's alcohol tax on wine over 18 %, AlkG art. 2(2)); a line
    /// without `alcohol_pct` lists it, asking for the strength. `None`: any strength.
    pub alcohol_over: Option<Decimal>,
}

/// An excise row of `rules/excise.tsv`.
pub type Excise = Listed;

impl Listed {
    /// True when goods of `code` bear this excise.
    ///
    /// ```
    /// let e = landed::Engine::embedded();
    /// let date = landed::date::Date::parse("2026-03-02").unwrap();
    /// let row = e.rules().excise("GB", "2204219300", date).unwrap();
    /// assert_eq!(row.name, "Alcohol Duty");
    /// assert!(e.rules().excise("GB", "6109100010", date).is_none());
    /// ```
    pub fn covers(&self, code: &str) -> bool {
        self.codes.iter().any(|p| digits_start_with(code, p))
    }

    /// [`Listed::covers`] for a code of bare digits (a quote's line: `quote::excise::line_digits`):
    /// the prefixes are bare digits too (`code_prefixes`), so a byte comparison decides, without
    /// skipping separators digit by digit. Compared in place, byte by byte: a prefix is 2 to 10
    /// bytes and nearly always differs at its first, where a `starts_with` calls `memcmp`.
    pub(crate) fn covers_digits(&self, digits: &str) -> bool {
        let d = digits.as_bytes();
        self.codes.iter().any(|p| p.len() <= d.len() && p.bytes().zip(d).all(|(a, b)| a == *b))
    }

    /// [`Listed::covers_digits`] for goods of `alcohol_pct` (% vol): a row with a strength
    /// condition covers goods over it, and goods of unknown strength (listed, asking for it).
    pub(crate) fn covers_goods(&self, digits: &str, alcohol_pct: Option<Decimal>) -> bool {
        self.covers_digits(digits)
            && !matches!((self.alcohol_over, alcohol_pct), (Some(over), Some(pct)) if pct <= over)
    }

    /// True when the row is in force on `date`.
    pub fn in_force(&self, date: Date) -> bool {
        in_force(self.valid_from, self.valid_to, date)
    }

    /// True when the row names `country` itself (not through a group).
    pub(super) fn names_itself(&self, country: &str) -> bool {
        self.countries.contains(&country)
    }

    /// True when the row names `country`, itself or through a group it belongs to on `date`.
    pub(super) fn names(&self, groups: &Groups<'_>, country: &str, date: Date) -> bool {
        self.countries.iter().any(|c| groups.names(c, country, date))
    }

    /// Reads the shared columns of a row of `table` (`id, countries, name, codes, note,
    /// valid_from, valid_to, source, confidence`), strictly: countries and groups, HS prefixes of
    /// 2 to 10 even digits, dates, a `confidence`; an unknown value fails the load naming the row
    /// and column.
    pub(super) fn read(r: &Record<'_, 'static>, table: &str, groups: &Groups<'_>) -> Result<Listed> {
        groups.check_names(r, "countries")?;
        let id = r.text("id")?;
        Ok(Listed {
            id,
            countries: super::codes::list(r.text("countries")?),
            name: r.text("name")?,
            codes: code_prefixes(r, "codes")?,
            note: r.text("note")?,
            valid_from: r.date("valid_from")?,
            valid_to: r.date("valid_to")?,
            source: Provenance::rule_row(table.trim_start_matches("rules/"), id, r)?,
            most: None,
            base: None,
            alcohol_over: None,
        })
    }
}

/// The HS chapter of a code (its first two digits), when it has one below 128.
pub(super) fn chapter(code: &str) -> Option<u32> {
    // Read as two digits (every line asks, for its excises, remedies and prohibitions: parsing
    // the text as a number cost ~40 instructions more).
    match code.as_bytes() {
        [a @ b'0'..=b'9', b @ b'0'..=b'9', ..] => Some(u32::from(a - b'0') * 10 + u32::from(b - b'0')),
        _ => None,
    }
}

/// The HS chapters (bit `n` for chapter `n`) some row of `rows` covers: a code outside them
/// bears none of the rows' levies, decided without reading the rows (most lines of a cart).
pub(crate) fn chapters<'r>(rows: impl IntoIterator<Item = &'r Listed>) -> u128 {
    rows.into_iter().flat_map(|r| r.codes.iter().filter_map(|p| chapter(p))).fold(0, |mask, c| mask | 1u128 << c)
}

/// True when `code`'s chapter is in `chapters` (a [`chapters`] mask).
pub(crate) fn in_chapters(chapters: u128, code: &str) -> bool {
    chapter(code).is_some_and(|c| chapters & (1u128 << c) != 0)
}

/// The excise rows due on goods of `code` imported into `country` on `date`: [`on_day`]'s rows
/// that cover the code (none when no row covers the code's chapter).
pub(super) fn find<'r>(
    rows: &'r [Excise],
    chapters: u128,
    groups: &Groups<'_>,
    country: &str,
    code: &str,
    date: Date,
) -> Vec<&'r Excise> {
    if !in_chapters(chapters, code) {
        return Vec::new();
    }
    on_day(rows, groups, country, date).into_iter().filter(|r| r.covers(code)).collect()
}

/// The excise rows in force for `country` on `date`: the rows naming the country itself, then
/// the rows naming a group it belongs to that no row of its own replaces (an own row with the
/// same codes: its own version of the group's excise). Whatever the code, so a quote looks them
/// up once per destination and day and each line keeps those that cover its code.
pub(super) fn on_day<'r>(rows: &'r [Excise], groups: &Groups<'_>, country: &str, date: Date) -> Vec<&'r Excise> {
    let mut out: Vec<&Excise> = rows.iter().filter(|r| r.in_force(date) && r.names_itself(country)).collect();
    let own = out.len();
    for g in rows.iter().filter(|r| r.in_force(date) && !r.names_itself(country) && r.names(groups, country, date)) {
        if !out[..own].iter().any(|r| r.codes == g.codes) {
            out.push(g);
        }
    }
    out
}

/// Parses `rules/excise.tsv` strictly ([`Listed::read`]).
pub(super) fn parse(t: &Tsv<'static>, groups: &Groups<'_>) -> Result<Vec<Excise>> {
    t.records()
        .map(|r| {
            let mut row = Listed::read(&r, EXCISE_FILE, groups)?;
            row.most = super::codes::excise_most(&r)?;
            // The law's base for a caller's percentage, where a source names it (empty: none said).
            if !r.text("base")?.is_empty() {
                row.base = Some(one_of(&r, "base", &ExciseBase::NAMES)?);
            }
            row.alcohol_over = r.decimal("alcohol_over")?;
            if row.alcohol_over.is_some_and(|a| a <= Decimal::ZERO || a >= Decimal::ONE_HUNDRED) {
                return Err(r.bad("alcohol_over", "a strength in % vol above 0 and below 100 (or empty: any strength)"));
            }
            Ok(row)
        })
        .collect()
}

/// What an excise rate (`rules/excise_rates.tsv`) is charged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExciseBase {
    /// The line's customs value.
    CustomsValue,
    /// Customs value + customs duty (the caller's duties included) + international transport
    /// and insurance: Australia's wine tax (ABF's routine), the GST base before the wine tax.
    ValueDutyTransport,
    /// [`ExciseBase::ValueDutyTransport`] + the import VAT/GST on it: Australia's luxury car tax
    /// value (LCT Act s.7-15). Computed after the VAT/GST, so never in its base.
    ValueWithTax,
    /// Customs value + customs duty (the caller's duties included) + the line's excises charged
    /// before it that join the VAT/GST base, without transport: Canada's value of imported goods
    /// (Excise Tax Act s.215(1): value for duty + duties and taxes payable under the laws relating
    /// to customs), the base of its luxury tax on importation.
    ValueDuty,
}

impl ExciseBase {
    /// The `base` column's values.
    pub const NAMES: [(&'static str, ExciseBase); 4] = [
        ("customs_value", ExciseBase::CustomsValue),
        ("value_duty_transport", ExciseBase::ValueDutyTransport),
        ("value_with_tax", ExciseBase::ValueWithTax),
        ("value_duty", ExciseBase::ValueDuty),
    ];
}

/// A bound on the vehicle's fuel consumption (litres per 100 km): over, at most, at least or
/// under a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Over(Decimal),
    AtMost(Decimal),
    AtLeast(Decimal),
    Under(Decimal),
}

impl Bound {
    /// True when a car of `litres` per 100 km meets the bound.
    pub fn holds(self, litres: Decimal) -> bool {
        match self {
            Bound::Over(l) => litres > l,
            Bound::AtMost(l) => litres <= l,
            Bound::AtLeast(l) => litres >= l,
            Bound::Under(l) => litres < l,
        }
    }

    /// The figure the bound names.
    pub fn litres(self) -> Decimal {
        match self {
            Bound::Over(l) | Bound::AtMost(l) | Bound::AtLeast(l) | Bound::Under(l) => l,
        }
    }

    /// The bound in words.
    pub fn text(self) -> String {
        match self {
            Bound::Over(l) => format!("over {l}"),
            Bound::AtMost(l) => format!("at most {l}"),
            Bound::AtLeast(l) => format!("at least {l}"),
            Bound::Under(l) => format!("under {l}"),
        }
    }
}

/// A rate row's condition on the vehicle's combined fuel consumption (litres per 100 km): one
/// bound (`over 7`, `at_most 7`, `at_least 16`, `under 13`) or two (`at_least 13 and under
/// 14`: a band of Canada's green levy), all of which the car meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fuel {
    pub first: Bound,
    pub second: Option<Bound>,
}

impl Fuel {
    /// One bound.
    pub fn one(b: Bound) -> Fuel {
        Fuel { first: b, second: None }
    }

    /// True when a car of `litres` per 100 km meets the condition.
    pub fn holds(self, litres: Decimal) -> bool {
        self.first.holds(litres) && self.second.is_none_or(|b| b.holds(litres))
    }

    /// The figures the condition names (one or two).
    pub fn figures(self) -> impl Iterator<Item = Decimal> {
        std::iter::once(self.first.litres()).chain(self.second.map(Bound::litres))
    }

    /// The condition in words.
    pub fn text(self) -> String {
        match self.second {
            None => format!("{} l/100 km", self.first.text()),
            Some(b) => format!("{} and {} l/100 km", self.first.text(), b.text()),
        }
    }
}

/// A rate of an excise row (`rules/excise_rates.tsv`, docs/rules.md §21): on its dates, goods
/// under `codes` (within the excise row's) owe `percent` of `base` (less `threshold` per unit,
/// times `fraction`, at most `cap` per cent of the base), or a fixed `amount` per unit, read
/// from the law named in `source`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExciseRate {
    pub id: &'static str,
    /// The `id` of the row of `rules/excise.tsv` this rate prices.
    pub excise: &'static str,
    /// HS prefixes the rate prices, each under a prefix of the excise row.
    pub codes: Vec<&'static str>,
    /// The rate (zero for a row of a fixed `amount`).
    pub percent: Decimal,
    /// A fixed sum per unit of the line's quantity, in the destination's currency, instead of a
    /// percent (Canada's green levy, CAD 1,000 to 4,000 by band of fuel consumption; zero for the
    /// band that owes none).
    pub amount: Option<Decimal>,
    /// The tax is at most this percent of the base of each unit (Canada's luxury tax: the lesser
    /// of 20 % of the excess over the threshold and 10 % of the whole).
    pub cap: Option<Decimal>,
    pub base: ExciseBase,
    /// Deducted from the base of each unit of the line's quantity (a car), in the destination's
    /// currency; the tax is zero below it.
    pub threshold: Option<Decimal>,
    /// The part `a/b` of the excess taxed (`10/11`: the GST-exclusive part of a GST-inclusive
    /// value).
    pub fraction: Option<(u32, u32)>,
    /// The fuel consumption the row is limited to (the line's `fuel_l_per_100km` chooses).
    pub fuel: Option<Fuel>,
    /// The excise is part of the VAT/GST base.
    pub in_vat_base: bool,
    /// What the figure assumes, quoted in the levy's formula.
    pub note: &'static str,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub source: Provenance<'static>,
}

impl ExciseRate {
    /// True when goods of `code` are priced by this rate.
    pub fn covers(&self, code: &str) -> bool {
        self.codes.iter().any(|p| digits_start_with(code, p))
    }

    /// True when the row is in force on `date`.
    pub fn in_force(&self, date: Date) -> bool {
        in_force(self.valid_from, self.valid_to, date)
    }
}

/// `a/b` of two positive integers, at most 1 (`10/11`).
fn fraction(r: &Record<'_, 'static>) -> Result<Option<(u32, u32)>> {
    let text = r.text("fraction")?;
    if text.is_empty() {
        return Ok(None);
    }
    let parsed = text.split_once('/').and_then(|(a, b)| Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?)));
    match parsed {
        Some((a, b)) if a > 0 && b > 0 && a <= b => Ok(Some((a, b))),
        _ => Err(r.bad("fraction", &format!("{text:?} is not a fraction a/b of at most 1 (10/11)"))),
    }
}

/// `over N`, `at_most N`, `at_least N`, `under N` (litres per 100 km), two of them joined by
/// ` and ` (a band), or empty.
fn fuel(r: &Record<'_, 'static>) -> Result<Option<Fuel>> {
    let text = r.text("fuel")?;
    if text.is_empty() {
        return Ok(None);
    }
    // Read exactly, as every other decimal of the tables (`Record::decimal`): `str::parse` is
    // rust_decimal's rounding parser, a second text parser of 8.2 KB raw in the browser module.
    let litres = |t: &str| Decimal::from_str_exact(t.trim()).ok().filter(|l| *l > Decimal::ZERO);
    let bound = |t: &str| match t.trim().split_once(' ') {
        Some(("over", l)) => litres(l).map(Bound::Over),
        Some(("at_most", l)) => litres(l).map(Bound::AtMost),
        Some(("at_least", l)) => litres(l).map(Bound::AtLeast),
        Some(("under", l)) => litres(l).map(Bound::Under),
        _ => None,
    };
    let parsed = match text.split_once(" and ") {
        None => bound(text).map(Fuel::one),
        Some((a, b)) => bound(a).zip(bound(b)).map(|(a, b)| Fuel { first: a, second: Some(b) }),
    };
    parsed.map(Some).ok_or_else(|| {
        r.bad(
            "fuel",
            &format!("{text:?} is not `over N`, `at_most N`, `at_least N`, `under N` or two of them joined by ` and ` (l/100 km)"),
        )
    })
}

/// Parses `rules/excise_rates.tsv` strictly: each row names a row of `excise` and prices codes
/// under its prefixes; a positive percent; a base of [`ExciseBase::NAMES`]; a base that holds the
/// VAT/GST is not in its base; an unknown value fails the load naming the row and column.
///
/// `excise` holds every row of `rules/excise.tsv` unless some of its destination parts are not
/// attached (`complete` false: the browser core, `rules/excise.tsv#AU`): a rate naming a row
/// that is not here is then left out with it (it is filed beside it, `rules/excise_rates.tsv#AU`,
/// and a quote to that destination first requires both parts: `Engine::require_rules`), so the
/// parts may be attached in any order.
pub(super) fn parse_rates(t: &Tsv<'static>, excise: &[Excise], complete: bool) -> Result<Vec<ExciseRate>> {
    let mut rates = Vec::new();
    for r in t.records() {
        let name = r.text("excise")?;
        let Some(row) = excise.iter().find(|e| e.id == name) else {
            if complete {
                return Err(r.bad("excise", &format!("{name:?} is not a row of {EXCISE_FILE}")));
            }
            continue;
        };
        rates.push(rate(&r, row)?);
    }
    Ok(rates)
}

/// One row of `rules/excise_rates.tsv`, naming `row` ([`parse_rates`]).
fn rate(r: &Record<'_, 'static>, row: &Excise) -> Result<ExciseRate> {
    let id = r.text("id")?;
    let name = row.id;
    let codes = code_prefixes(r, "codes")?;
    if codes.is_empty() {
        return Err(r.bad("codes", "empty: name the HS prefixes the rate prices"));
    }
    if let Some(c) = codes.iter().find(|c| !row.covers(c)) {
        return Err(r.bad("codes", &format!("{c} is not under the codes of {EXCISE_FILE}#{name}")));
    }
    let amount = r.decimal("amount")?;
    if amount.is_some_and(|a| a < Decimal::ZERO) {
        return Err(r.bad("amount", "negative"));
    }
    let percent = match (r.decimal("percent")?, amount) {
        (Some(p), None) if p > Decimal::ZERO => p,
        (None, Some(_)) => Decimal::ZERO,
        (Some(_), Some(_)) => return Err(r.bad("amount", "a row has a percent or an amount, not both")),
        _ => return Err(r.bad("percent", "a positive percent (or an amount) is required")),
    };
    let cap = r.decimal("cap")?;
    if cap.is_some_and(|c| c <= Decimal::ZERO) || (cap.is_some() && amount.is_some()) {
        return Err(r.bad("cap", "a positive percent of the base, on a row with a percent"));
    }
    let base = one_of(r, "base", &ExciseBase::NAMES)?;
    let in_vat_base = one_of(r, "in_vat_base", &[("yes", true), ("no", false)])?;
    if base == ExciseBase::ValueWithTax && in_vat_base {
        return Err(r.bad("in_vat_base", "a base that holds the VAT/GST cannot be in the VAT/GST base"));
    }
    let threshold = r.decimal("threshold")?;
    if threshold.is_some_and(|t| t < Decimal::ZERO) {
        return Err(r.bad("threshold", "negative"));
    }
    Ok(ExciseRate {
        id,
        excise: row.id,
        codes,
        percent,
        amount,
        cap,
        base,
        threshold,
        fraction: fraction(r)?,
        fuel: fuel(r)?,
        in_vat_base,
        note: r.text("note")?,
        valid_from: r.date("valid_from")?,
        valid_to: r.date("valid_to")?,
        source: Provenance::rule_row(EXCISE_RATES_FILE.trim_start_matches("rules/"), id, r)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "id\tcountries\tname\tcodes\tnote\tvalid_from\tvalid_to\tsource\tconfidence\tmost\tbase\talcohol_over\n";

    fn groups() -> Groups<'static> {
        crate::rules::groups::eu_with_gb_until_2020()
    }

    fn parse_rows(rows: &str) -> Result<Vec<Excise>> {
        // Each row of the fixtures names no base and no strength (two empty last columns).
        let text: &'static str = Box::leak(format!("{HEADER}{}", rows.replace('\n', "\t\t\n")).into_boxed_str());
        parse(&Tsv::parse(EXCISE_FILE, text)?, &groups())
    }

    fn day(d: &str) -> Date {
        Date::parse(d).unwrap()
    }

    /// A quote's bare digits are compared byte for byte (`covers_digits`): the same answer as
    /// `covers`, which skips separators.
    #[test]
    fn a_rows_prefixes_cover_bare_digits_as_they_cover_the_spelled_code() {
        let rows = parse_rows("x\tGB,XI\tAlcohol Duty\t2204,220710,24\tn\t2023-08-01\t\tlaw\tofficial\t\n").unwrap();
        for code in ["2204219300", "2204", "22", "2207100000", "2207200000", "2402200000", "24", "2203", "6109100010"] {
            assert_eq!(rows[0].covers_digits(code), rows[0].covers(code), "{code}");
        }
        assert!(rows[0].covers_digits("2207100000") && !rows[0].covers_digits("2207200000"));
    }

    #[test]
    fn a_row_covers_its_prefixes_on_its_dates() {
        let rows = parse_rows("x\tGB,XI\tAlcohol Duty\t2204,220710\tn\t2023-08-01\t\tlaw\tofficial\t\n").unwrap();
        let g = groups();
        let find = |country, code, d| find(&rows, chapters(&rows), &g, country, code, d).first().copied();
        assert_eq!(find("XI", "2204219300", day("2026-03-02")).map(|r| r.id), Some("x"));
        assert!(find("GB", "2207200000", day("2026-03-02")).is_none());
        assert!(find("GB", "2204219300", day("2023-07-31")).is_none());
        assert!(find("GB", "6109100010", day("2026-03-02")).is_none());
        assert_eq!(chapters(&rows), 1 << 22);
        assert_eq!(rows[0].source.row(), "excise.tsv#x");
    }

    /// The UK was in the EU group until 2020-12-31: its own row wins over the group's.
    #[test]
    fn a_country_row_wins_over_its_group_row() {
        let rows = parse_rows(
            "eu\tEU\tEU excise\t2204\tn\t\t\tlaw\tofficial\t\ngb\tGB\tAlcohol Duty\t2204\tn\t\t\tlaw\tofficial\t\n",
        )
        .unwrap();
        let g = groups();
        let find = |country, d| find(&rows, chapters(&rows), &g, country, "2204", d).first().map(|r| r.id);
        assert_eq!(find("GB", day("2019-05-01")), Some("gb"));
        assert_eq!(find("DE", day("2019-05-01")), Some("eu"));
        assert!(find("FR", day("2019-05-01")).is_none());
    }

    /// A country's own tax on other goods, or on more goods, is listed beside the group's excise
    /// (as Finland's beverage-packaging tax, Act 1037/2004, on beer besides the EU's harmonised
    /// excise, Directive (EU) 2020/262), and two own taxes on one good are both listed (as
    /// Finland's soft-drinks tax, Act 1127/2010, and its packaging tax on a soft drink). The
    /// fixture's EU has Germany as a member.
    #[test]
    fn a_country_lists_its_own_other_taxes_beside_the_groups_excise() {
        let rows = parse_rows(
            "eu\tEU\tEU excise\t2203,2204\tn\t\t\tlaw\tofficial\t\nsd\tDE\tSoft drinks\t2202\tn\t\t\tlaw\tofficial\t\npk\tDE\tPackaging\t2202,2203\tn\t\t\tlaw\tofficial\t\n",
        )
        .unwrap();
        let g = groups();
        let ids = |code| -> Vec<&str> {
            find(&rows, chapters(&rows), &g, "DE", code, day("2026-03-02")).iter().map(|r| r.id).collect()
        };
        assert_eq!(ids("2203000100"), ["pk", "eu"]);
        assert_eq!(ids("2202100000"), ["sd", "pk"]);
        assert_eq!(ids("2204210000"), ["eu"]);
    }

    const RATES_HEADER: &str = "id\texcise\tcodes\tpercent\tbase\tthreshold\tfraction\tfuel\tin_vat_base\tnote\tvalid_from\tvalid_to\tsource\tconfidence\tamount\tcap\n";

    fn parse_rate_rows(rows: &str) -> Result<Vec<ExciseRate>> {
        let excise = parse_rows("lct\tAU\tLuxury car tax\t8703\tn\t\t\tlaw\tofficial\t\n").unwrap();
        let excise: &'static [Excise] = Box::leak(excise.into_boxed_slice());
        let text: &'static str = Box::leak(format!("{RATES_HEADER}{rows}").into_boxed_str());
        parse_rates(&Tsv::parse(EXCISE_RATES_FILE, text)?, excise, true)
    }

    /// LCT Act s.7-15(1): 33 % × 10/11 of the excess over the threshold, on the GST-inclusive value.
    #[test]
    fn a_rate_row_reads_its_base_threshold_fraction_and_fuel() {
        let rows = parse_rate_rows(
            "r\tlct\t870323\t33\tvalue_with_tax\t69152\t10/11\tover 7\tno\tn\t2021-07-01\t2022-06-30\tlaw\tofficial\t\t\n",
        )
        .unwrap();
        let r = &rows[0];
        assert_eq!((r.excise, r.base, r.fraction), ("lct", ExciseBase::ValueWithTax, Some((10, 11))));
        assert_eq!((r.threshold, r.fuel), (Some(Decimal::from(69152)), Some(Fuel::one(Bound::Over(Decimal::from(7))))));
        assert!(r.covers("8703231910") && !r.covers("8703240000"));
        assert!(r.in_force(day("2022-06-30")) && !r.in_force(day("2022-07-01")));
        assert_eq!(r.source.row(), "excise_rates.tsv#r");
        assert!(
            Fuel::one(Bound::AtMost(Decimal::from(7))).holds(Decimal::from(7))
                && !Fuel::one(Bound::Over(Decimal::from(7))).holds(Decimal::from(7))
        );
    }

    /// Excise Tax Act Sch. I s.6(1)(a): CAD 1,000 on a weighted fuel consumption rating of 13
    /// litres or more per 100 km but less than 14: a fixed amount on a band of two bounds. SLITA:
    /// the lesser of 20 % of the excess over the threshold and 10 % of the whole (a cap).
    #[test]
    fn a_rate_row_reads_an_amount_a_band_and_a_cap() {
        let rows = parse_rate_rows(
            "b\tlct\t8703\t\tcustoms_value\t\t\tat_least 13 and under 14\tyes\tn\t\t\tlaw\tofficial\t1000\t\n\
             c\tlct\t8703\t20\tvalue_duty\t100000\t\t\tyes\tn\t\t\tlaw\tofficial\t\t10\n",
        )
        .unwrap();
        let band = rows[0].fuel.unwrap();
        assert_eq!((rows[0].amount, rows[0].percent), (Some(Decimal::from(1000)), Decimal::ZERO));
        assert!(band.holds(Decimal::from(13)) && band.holds(Decimal::new(139, 1)) && !band.holds(Decimal::from(14)));
        assert!(!band.holds(Decimal::new(129, 1)));
        assert_eq!(band.text(), "at least 13 and under 14 l/100 km");
        assert_eq!((rows[1].cap, rows[1].base), (Some(Decimal::from(10)), ExciseBase::ValueDuty));
    }

    #[test]
    fn bad_rate_values_fail_the_load_naming_the_column() {
        for (row, column) in [
            ("r\tnone\t8703\t33\tcustoms_value\t\t\t\tyes\tn\t\t\tlaw\tofficial\t\t\n", "excise"),
            ("r\tlct\t8704\t33\tcustoms_value\t\t\t\tyes\tn\t\t\tlaw\tofficial\t\t\n", "codes"),
            ("r\tlct\t8703\t0\tcustoms_value\t\t\t\tyes\tn\t\t\tlaw\tofficial\t\t\n", "percent"),
            ("r\tlct\t8703\t33\tvalue\t\t\t\tyes\tn\t\t\tlaw\tofficial\t\t\n", "base"),
            ("r\tlct\t8703\t33\tvalue_with_tax\t\t\t\tyes\tn\t\t\tlaw\tofficial\t\t\n", "in_vat_base"),
            ("r\tlct\t8703\t33\tcustoms_value\t\t11/10\t\tyes\tn\t\t\tlaw\tofficial\t\t\n", "fraction"),
            ("r\tlct\t8703\t33\tcustoms_value\t\t\tbelow 7\tyes\tn\t\t\tlaw\tofficial\t\t\n", "fuel"),
            ("r\tlct\t8703\t33\tcustoms_value\t-1\t\t\tyes\tn\t\t\tlaw\tofficial\t\t\n", "threshold"),
            ("r\tlct\t8703\t33\tcustoms_value\t\t\t\tyes\tn\t\t\tlaw\tofficial\t100\t\n", "amount"),
            ("r\tlct\t8703\t\tcustoms_value\t\t\t\tyes\tn\t\t\tlaw\tofficial\t-1\t\n", "amount"),
            ("r\tlct\t8703\t20\tcustoms_value\t\t\t\tyes\tn\t\t\tlaw\tofficial\t\t0\n", "cap"),
            ("r\tlct\t8703\t33\tcustoms_value\t\t\tat_least 13 or under 14\tyes\tn\t\t\tlaw\tofficial\t\t\n", "fuel"),
        ] {
            let e = parse_rate_rows(row).expect_err(column);
            assert!(e.message.contains(&format!("column {column}")), "{column}: {}", e.message);
        }
    }

    /// AlkG art. 2(2): natural wine of fresh grapes owes the Swiss alcohol tax over 18 % vol
    /// only; a line of unknown strength is covered (listed, asking for it).
    #[test]
    fn a_row_with_a_strength_covers_goods_over_it_or_of_unknown_strength() {
        let text = format!("{HEADER}x\tCH\tn\t2204\tn\t\t\tlaw\tofficial\t\t\t18\n");
        let rows = parse(&Tsv::parse(EXCISE_FILE, Box::leak(text.into_boxed_str())).unwrap(), &groups()).unwrap();
        let r = &rows[0];
        assert_eq!(r.alcohol_over, Some(Decimal::from(18)));
        assert!(r.covers_goods("220421", Some(Decimal::new(185, 1))) && r.covers_goods("220421", None));
        assert!(!r.covers_goods("220421", Some(Decimal::from(18))) && !r.covers_goods("220510", None));
        let text = format!("{HEADER}x\tCH\tn\t2204\tn\t\t\tlaw\tofficial\t\t\t0\n");
        let e = parse(&Tsv::parse(EXCISE_FILE, Box::leak(text.into_boxed_str())).unwrap(), &groups()).unwrap_err();
        assert!(e.message.contains("column alcohol_over"), "{}", e.message);
    }

    #[test]
    fn bad_values_fail_the_load_naming_the_column() {
        for (row, column) in [
            ("x\tGBR\tn\t2204\tn\t\t\tlaw\tofficial\t\n", "countries"),
            ("x\tGB\tn\t220\tn\t\t\tlaw\tofficial\t\n", "codes"),
            ("x\tGB\tn\t2204\tn\t2020-13-01\t\tlaw\tofficial\t\n", "valid_from"),
            ("x\tGB\tn\t2204\tn\t\t\tlaw\tsure\t\n", "confidence"),
            ("x\tGB\tn\t2204\tn\t\t\tlaw\tofficial\t0\n", "most"),
            ("x\tGB\tn\t2204\tn\t\t\tlaw\tofficial\tCAD 100\n", "most"),
        ] {
            let e = parse_rows(row).expect_err(column);
            assert!(e.message.contains(&format!("column {column}")), "{column}: {}", e.message);
        }
    }
}
