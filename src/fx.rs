//! Exchange rates: currency pairs and the rates a quote used.

use crate::error::{Error, ErrorCode, Result};
use crate::money::{Currency, DecimalSum};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// The penultimate Wednesday of a month: the ECB reference day for the EU customs rate of the
/// following month (Regulation (EU) 952/2013, art. 146 of Implementing Regulation 2015/2447).
pub fn penultimate_wednesday(year: i32, month: u32) -> crate::date::Date {
    let last = crate::date::Date::new(year, month, crate::date::days_in_month(year, month)).expect("valid month");
    // weekday(): 0 = Monday, so Wednesday is 2.
    let back = (last.weekday() + 7 - 2) % 7;
    last.add_days(-(i64::from(back) + 7))
}

/// The week before last (前々週) of `date`'s week, weeks Sunday to Saturday: (its Sunday, its
/// Saturday). Monday 2026-11-02 is of the week of 11-01; its week before last is 10-18 to 10-24.
pub fn week_before_last(date: Date) -> (Date, Date) {
    // weekday(): 0 = Monday, so a Sunday is 6 and starts its week.
    let sunday = date.add_days(-i64::from((date.weekday() + 1) % 7));
    (sunday.add_days(-14), sunday.add_days(-8))
}

/// Parses `USD/GBP` (1 USD = rate GBP).
pub fn parse_pair(pair: &str) -> Result<(Currency, Currency)> {
    let bad = || {
        Error::new(ErrorCode::FxRate, pair, format!("{pair:?} is not a currency pair: write BASE/QUOTE, e.g. USD/GBP"))
    };
    let (a, b) = pair.split_once('/').ok_or_else(bad)?;
    let a = Currency::parse(a).map_err(|_| bad())?;
    let b = Currency::parse(b).map_err(|_| bad())?;
    Ok((a, b))
}

/// An exchange rate used in a quote, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct FxUsed {
    /// `USD/GBP`: one unit of the first is `rate` of the second.
    pub pair: String,
    pub rate: Decimal,
    /// `request` for a caller override, or the embedded table's name and date.
    pub source: String,
}

/// Rates given in a request, usable in either direction.
#[derive(Debug, Clone, Default)]
pub struct FxTable {
    rates: Vec<(Currency, Currency, Decimal)>,
}

impl FxTable {
    /// The caller's overrides (already validated).
    pub fn from_request(fx: &BTreeMap<String, Decimal>) -> Result<FxTable> {
        let mut rates = Vec::new();
        // (An empty map, nearly every request's, is not walked.)
        if fx.is_empty() {
            return Ok(FxTable { rates });
        }
        for (pair, rate) in fx {
            let (a, b) = parse_pair(pair)?;
            rates.push((a, b, *rate));
        }
        Ok(FxTable { rates })
    }

    /// Units of `to` for one unit of `from`, with the pair as recorded.
    pub fn rate(&self, from: Currency, to: Currency) -> Option<FxUsed> {
        if from == to {
            return Some(FxUsed { pair: format!("{from}/{to}"), rate: Decimal::ONE, source: "identity".into() });
        }
        for (a, b, r) in &self.rates {
            if *a == from && *b == to {
                return Some(FxUsed { pair: format!("{a}/{b}"), rate: *r, source: "request".into() });
            }
            if *a == to && *b == from {
                return Some(FxUsed {
                    pair: format!("{a}/{b}"),
                    rate: Decimal::ONE / *r,
                    source: "request (inverted)".into(),
                });
            }
        }
        None
    }
}

/// Reference rates from a snapshot: ECB (units per euro, monthly EU customs rates and daily
/// rates) and HMRC monthly customs rates (units per pound). Rows keep their rates as text: a
/// quote parses only the one or two rates it needs.
///
/// The ECB and HMRC tables (one part per year of each) may travel as parts of their
/// own (the browser build): they are read when their part is attached, and until then give no
/// rate. A quote checks first that the parts it needs are here (`Engine::missing_parts_for`,
/// [`EmbeddedFx::part_missing`]), so it reports `E_DATA_NOT_LOADED` rather than a missing rate.
#[derive(Debug)]
pub struct EmbeddedFx {
    snapshot: &'static crate::snapshot::Snapshot<'static>,
    /// The monthly EU customs rates' year parts, ascending (`fx_ecb_monthly.tsv@2026`).
    ecb_monthly: Vec<YearPart<MonthlyRow>>,
    /// The daily rates' year parts, ascending (`fx_ecb_daily.tsv@2026`).
    ecb_daily: Vec<YearPart<DailyRow>>,
    /// HMRC's monthly rates' year parts, ascending (`fx_hmrc_monthly.tsv@2026`).
    hmrc: Vec<YearPart<HmrcRow>>,
    /// Currencies pegged to the US dollar: (currency, units per USD, the row's source).
    pegs: Vec<(Currency, Decimal, &'static str)>,
    /// Currencies the euro replaced (`rules/fx_euro.tsv`): (currency, units per euro, the day the
    /// euro replaced it, the row's source).
    replaced: Vec<(Currency, Decimal, Date, &'static str)>,
    /// Memoised customs rates by (method, from, to, date).
    cache: std::sync::Mutex<Vec<RateKey>>,
}

/// A monthly EU customs rate: (month "YYYY-MM", the ECB reference date, the row's rates per
/// EUR as tab-separated text).
type MonthlyRow = (&'static str, Date, &'static str);
/// A day's ECB rates: (date, the rates per EUR as tab-separated text).
type DailyRow = (Date, &'static str);
/// An HMRC month: (month "YYYY-MM", source id, the month's rates per GBP as tab-separated text).
type HmrcRow = (&'static str, &'static str, &'static str);

/// One year of an ECB or HMRC table: a part of its own (`fx_ecb_monthly.tsv@2026`,
/// `fx_ecb_daily.tsv@2026`, `fx_hmrc_monthly.tsv@2026`), read once attached.
#[derive(Debug)]
struct YearPart<R> {
    year: i32,
    /// The part's name.
    name: &'static str,
    table: OnceLock<YearRows<R>>,
}

/// The rows of a year part and the currencies of their columns (the part's header).
#[derive(Debug)]
struct YearRows<R> {
    currencies: Vec<Currency>,
    /// Ascending by date (month).
    rows: Vec<R>,
}

impl<R> YearPart<R> {
    /// Walks `years` newest first from `date`'s year, at most `at_most` year parts: the first
    /// answer `find` gives from a year's rows, `Err(part)` at a year part not attached yet,
    /// `Ok(None)` when none answers.
    fn newest_first<'a, T>(
        years: &'a [YearPart<R>],
        date: Date,
        at_most: usize,
        mut find: impl FnMut(&'a YearRows<R>) -> Option<T>,
    ) -> std::result::Result<Option<T>, &'static str> {
        for year in years.iter().rev().filter(|y| y.year <= date.year()).take(at_most) {
            if let Some(found) = find(year.table.get().ok_or(year.name)?) {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }

    /// The year parts of `file` a snapshot names, ascending; `None` when it names none.
    fn parts_of(snapshot: &'static crate::snapshot::Snapshot<'static>, file: &str) -> Option<Vec<YearPart<R>>> {
        let years: Vec<YearPart<R>> = snapshot
            .files
            .iter()
            .filter_map(|p| match crate::snapshot::format::split_year_part(p.name) {
                Some((f, year)) if f == file => Some(YearPart { year, name: p.name, table: OnceLock::new() }),
                _ => None,
            })
            .collect();
        (!years.is_empty() && years.windows(2).all(|w| w[0].year < w[1].year)).then_some(years)
    }
}

/// How many year parts of the daily ECB table a conversion looks through for the pair, newest
/// first (the date's year, or the newest before it, and the year before that). The ECB publishes
/// every TARGET business day, so a rate of the pair is in the date's year or, early in January, in
/// December before it; a currency it has not published for longer (the rouble after 2022-03-01)
/// has no daily rate from the second year on (a 2026 quote in roubles), as in the monthly table
/// (audit-w W-FX2), rather than one years old (within the two years it is stated `W_STALE_FX`). It also
/// bounds what a page fetches for a currency the ECB never published (Taiwan's dollar) to two
/// parts, not every year from 1999: the table held two years until session 20 (fx-history).
const DAILY_YEARS_BACK: usize = 2;

/// How many year parts of HMRC's monthly rates a conversion looks through, newest first, as
/// [`DAILY_YEARS_BACK`] for the daily table: HMRC publishes every month, so a currency it lists
/// is in the date's year or, in January before that month's file, in December before it. A
/// currency it has not listed for longer gets no rate (`E_FX_RATE`, the caller's `fx` asked for)
/// rather than one years old, and a page fetches at most two HMRC parts for a currency HMRC never
/// listed (13 since the table reaches back to 2014, session 20).
const HMRC_YEARS_BACK: usize = 2;

/// The daily ECB table's name in the snapshot: one part per year (`fx_ecb_daily.tsv@2026`).
pub const ECB_DAILY_FILE: &str = "fx_ecb_daily.tsv";
/// The monthly EU customs rates' name in the snapshot: one part per year
/// (`fx_ecb_monthly.tsv@2026`), fetched by the browser only for the destinations and dates that
/// read them.
pub const ECB_MONTHLY_FILE: &str = "fx_ecb_monthly.tsv";
/// HMRC's monthly table's name in the snapshot: one part per year (`fx_hmrc_monthly.tsv@2026`),
/// fetched by the browser only for GB and XI quotes, and only the years their dates read.
pub const HMRC_FILE: &str = "fx_hmrc_monthly.tsv";
/// The legal conversion rates of the currencies the euro replaced.
pub const EURO_FILE: &str = "rules/fx_euro.tsv";

type RateKey = ((FxMethod, Currency, Currency, Date), Option<CustomsRate>);

use crate::date::Date;
use std::sync::OnceLock;

/// A customs exchange rate with where it came from and the date it is of.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomsRate {
    pub used: FxUsed,
    /// The day the rate is of (its reference date; the first of the month for a monthly rate).
    pub rate_date: Date,
    /// Set when the snapshot lacks the legal rate for the date and an earlier month's rate of
    /// the same publisher stands in: why, and the `fx` input that gives the legal rate. A quote
    /// states it as a warning (`W_FX_FALLBACK`).
    pub fallback: Option<String>,
    /// A rate fixed by law between currencies pegged to the US dollar (or the dollar itself):
    /// the central banks' pegs (`rules/fx_pegs.tsv`), read from no market table, so never stale
    /// and no ECB stand-in (audit-w W-FX1).
    pub pegged: bool,
    /// For an average of several days' fixings ([`FxMethod::EcbWeekBeforeLast`]): the first
    /// fixing averaged (`rate_date` is the last).
    pub averaged_from: Option<Date>,
}

/// How a monthly ECB rate names the month it is the EU customs rate for (`ecb_monthly`).
const EU_CUSTOMS_RATE_FOR: &str = "(EU customs rate for ";

impl CustomsRate {
    /// The ECB's monthly rate as the stand-in it is for a member state outside the euro, whose
    /// customs rate is the one its national authority publishes (Implementing Regulation (EU)
    /// 2015/2447 art. 146(1)(b)), not in our data: its source says so (audit-pp PP1).
    pub fn standing_in_for_national_rate(mut self, country: &str) -> CustomsRate {
        let instead = format!("(standing in for {country}'s customs rate, published by its national authority, for ");
        self.used.source = self.used.source.replace(EU_CUSTOMS_RATE_FOR, &instead);
        self
    }
}

/// Rows after a header, as (first field, rest of the line).
fn rows(table: &str) -> impl Iterator<Item = (&str, &str)> {
    table.lines().skip(1).map(|line| line.split_once('\t').unwrap_or((line, "")))
}

/// The currencies named by a header's columns after the first `skip` ones.
fn header_currencies(table: &str, skip: usize, name: &str) -> Result<Vec<Currency>> {
    let header = table.lines().next().unwrap_or_default();
    header
        .split('\t')
        .skip(skip)
        .map(|c| {
            Currency::parse(c)
                .map_err(|_| Error::new(ErrorCode::Snapshot, name, format!("unknown currency column {c:?}")))
        })
        .collect()
}

/// The rows of a year of the daily ECB table; every row must be of that year and the dates
/// must ascend.
fn parse_ecb_daily(name: &str, year: i32, daily: &'static str) -> Result<YearRows<DailyRow>> {
    let currencies = header_currencies(daily, 1, name)?;
    let rows: Vec<DailyRow> = rows(daily).map(|(d, rates)| Ok((Date::parse(d)?, rates))).collect::<Result<_>>()?;
    if !rows.iter().all(|(d, _)| d.year() == year) || !rows.windows(2).all(|w| w[0].0 < w[1].0) {
        return Err(Error::new(ErrorCode::Snapshot, name, "rows are not the part's year in ascending order"));
    }
    Ok(YearRows { currencies, rows })
}

/// The rows of a year of the monthly EU customs rates; every month must be of that year and
/// the months must ascend.
fn parse_ecb_monthly(name: &str, year: i32, monthly: &'static str) -> Result<YearRows<MonthlyRow>> {
    let currencies = header_currencies(monthly, 2, name)?;
    let mut out = Vec::new();
    for (month, rest) in rows(monthly) {
        let (reference, rates) = rest.split_once('\t').unwrap_or((rest, ""));
        out.push((month, Date::parse(reference)?, rates));
    }
    months_of_year(name, year, &out, |r| r.0)?;
    Ok(YearRows { currencies, rows: out })
}

/// A year of HMRC's monthly rates: its currency columns and its months, which must be of that
/// year and ascend.
fn parse_hmrc(name: &str, year: i32, hmrc: &'static str) -> Result<YearRows<HmrcRow>> {
    let currencies = header_currencies(hmrc, 2, name)?;
    let mut out = Vec::new();
    for (month, rest) in rows(hmrc) {
        let (source, rates) = rest.split_once('\t').unwrap_or((rest, ""));
        out.push((month, source, rates));
    }
    months_of_year(name, year, &out, |r| r.0)?;
    Ok(YearRows { currencies, rows: out })
}

/// Checks that every row's month ("YYYY-MM") is of the part's `year` and that the months ascend.
fn months_of_year<R>(name: &str, year: i32, rows: &[R], month: impl Fn(&R) -> &str) -> Result<()> {
    let of_year = |m: &str| m.len() == 7 && m.get(..4).and_then(|y| y.parse().ok()) == Some(year);
    if rows.iter().all(|r| of_year(month(r))) && rows.windows(2).all(|w| month(&w[0]) < month(&w[1])) {
        return Ok(());
    }
    Err(Error::new(ErrorCode::Snapshot, name, "months are not the part's year in ascending order"))
}

impl EmbeddedFx {
    /// Reads the FX tables of a snapshot (`rules/fx_pegs.tsv`, and the year parts of
    /// `fx_ecb_monthly.tsv`, `fx_ecb_daily.tsv` and `fx_hmrc_monthly.tsv` when their parts
    /// are here, else once they are attached: [`EmbeddedFx::read_attached`]); engines do this
    /// once (see [`crate::Engine::fx`]). A missing or malformed table is an `E_SNAPSHOT` error
    /// naming it.
    pub fn load(snapshot: &'static crate::snapshot::Snapshot<'static>) -> Result<EmbeddedFx> {
        let missing = |n: &str| Error::new(ErrorCode::Snapshot, n, "FX table missing from the snapshot");
        let file = |n: &str| snapshot.file(n).ok_or_else(|| missing(n));
        let hmrc = YearPart::parts_of(snapshot, HMRC_FILE).ok_or_else(|| missing(HMRC_FILE))?;
        let ecb_monthly = YearPart::parts_of(snapshot, ECB_MONTHLY_FILE).ok_or_else(|| missing(ECB_MONTHLY_FILE))?;
        let ecb_daily = YearPart::parts_of(snapshot, ECB_DAILY_FILE).ok_or_else(|| missing(ECB_DAILY_FILE))?;
        let mut pegs = Vec::new();
        for (c, rest) in rows(file("rules/fx_pegs.tsv")?) {
            let mut fields = rest.split('\t');
            let per_usd = fields.next().and_then(|t| Decimal::from_str_exact(t).ok());
            // per_usd, valid_from, valid_to, source.
            let source = fields.nth(2).unwrap_or_default();
            if let (Ok(c), Some(r)) = (Currency::parse(c), per_usd) {
                pegs.push((c, r, source));
            }
        }
        let mut replaced = Vec::new();
        for (c, rest) in rows(file(EURO_FILE)?) {
            let mut fields = rest.split('\t');
            // per_eur, valid_from, valid_to, source (the build checks the currency and dates).
            let per_eur = fields.next().and_then(|t| Decimal::from_str_exact(t).ok());
            let from = fields.next().and_then(|t| Date::parse(t).ok());
            let source = fields.nth(1).unwrap_or_default();
            match (Currency::parse(c), per_eur, from) {
                (Ok(c), Some(r), Some(d)) => replaced.push((c, r, d, source)),
                _ => return Err(Error::new(ErrorCode::Snapshot, EURO_FILE, format!("bad row for {c:?}"))),
            }
        }
        let fx = EmbeddedFx {
            snapshot,
            ecb_monthly,
            ecb_daily,
            hmrc,
            pegs,
            replaced,
            cache: std::sync::Mutex::new(Vec::new()),
        };
        fx.read_attached()?;
        Ok(fx)
    }

    /// Reads the ECB and HMRC tables whose parts are attached and not read yet (after
    /// `Engine::attach_part`); a malformed one is an `E_SNAPSHOT` error naming it.
    pub fn read_attached(&self) -> Result<()> {
        let mut read = false;
        for year in &self.ecb_monthly {
            if let (None, Some(monthly)) = (year.table.get(), self.snapshot.file(year.name)) {
                read |= year.table.set(parse_ecb_monthly(year.name, year.year, monthly)?).is_ok();
            }
        }
        for year in &self.ecb_daily {
            if let (None, Some(daily)) = (year.table.get(), self.snapshot.file(year.name)) {
                read |= year.table.set(parse_ecb_daily(year.name, year.year, daily)?).is_ok();
            }
        }
        for year in &self.hmrc {
            if let (None, Some(hmrc)) = (year.table.get(), self.snapshot.file(year.name)) {
                read |= year.table.set(parse_hmrc(year.name, year.year, hmrc)?).is_ok();
            }
        }
        if read {
            // A rate remembered as missing may be here now.
            if let Ok(mut cache) = self.cache.lock() {
                cache.clear();
            }
        }
        Ok(())
    }

    /// The latest daily row on or before `date` with rates for both currencies, in the newest
    /// year part at or before the date's year and the one before it ([`DAILY_YEARS_BACK`]):
    /// `Ok((row, any))` (`any`: some row is on or before the date), or `Err(part)` when the walk
    /// reaches a year part not attached yet.
    #[allow(clippy::type_complexity)]
    fn daily_row(
        &self,
        from: Currency,
        to: Currency,
        date: Date,
    ) -> std::result::Result<(Option<(&[Currency], DailyRow)>, bool), &'static str> {
        let mut any = false;
        let found = YearPart::newest_first(&self.ecb_daily, date, DAILY_YEARS_BACK, |table| {
            let upto = table.rows.partition_point(|(d, _)| *d <= date);
            any |= upto > 0;
            let columns = table.currencies.as_slice();
            let row = table.rows[..upto].iter().rev().find(|(_, r)| self.cross(columns, r, from, to).is_some())?;
            Some((columns, *row))
        })?;
        Ok((found, any))
    }

    /// The monthly EU customs rate row for the month of `date`, or the latest earlier month
    /// (newest year first), with its year's currency columns: `Err(part)` when the walk reaches
    /// a year part not attached yet; `Ok(None)` before the table starts.
    #[allow(clippy::type_complexity)]
    fn monthly_row(&self, date: Date) -> std::result::Result<Option<(&[Currency], MonthlyRow)>, &'static str> {
        let month = format!("{:04}-{:02}", date.year(), date.month());
        YearPart::newest_first(&self.ecb_monthly, date, usize::MAX, |table| {
            let row = table.rows.iter().rev().find(|(m, _, _)| *m <= month.as_str())?;
            Some((table.currencies.as_slice(), *row))
        })
    }

    /// The HMRC month for `date`, or the latest earlier month, whose row has rates for both
    /// currencies (newest year first), with their units per GBP: `Err(part)` when the walk
    /// reaches a year part not attached yet; `Ok(None)` when no month up to the date has both.
    #[allow(clippy::type_complexity)]
    fn hmrc_row(
        &self,
        from: Currency,
        to: Currency,
        date: Date,
    ) -> std::result::Result<Option<(HmrcRow, Decimal, Decimal)>, &'static str> {
        let month = format!("{:04}-{:02}", date.year(), date.month());
        YearPart::newest_first(&self.hmrc, date, HMRC_YEARS_BACK, |table| {
            let upto = table.rows.partition_point(|(m, _, _)| *m <= month.as_str());
            let columns = table.currencies.as_slice();
            table.rows[..upto]
                .iter()
                .rev()
                .find_map(|row| Some((*row, per_gbp(columns, row.2, from)?, per_gbp(columns, row.2, to)?)))
        })
    }

    /// The year part of the ECB or HMRC tables a conversion from `from` to `to` on `date` at
    /// `method` still needs: for the monthly EU rate, the date's year (an earlier year past the
    /// table's end); for HMRC's rate, the date's year and earlier years while they hold no month
    /// with both currencies; for the daily rate, the date's year and earlier years while they
    /// hold no rate of the pair up to the date, then the monthly rates before the daily table
    /// starts. `None` when the attached parts answer it.
    pub fn part_missing(&self, method: FxMethod, from: Currency, to: Currency, date: Date) -> Option<&'static str> {
        // A currency the euro replaced is read as the euro (`legal_conversion`).
        let (from, to) = self.in_euro(from, to, date).unwrap_or((from, to));
        if from == to || (method != FxMethod::HmrcMonthly && self.is_peg_pair(from, to)) {
            return None;
        }
        match method {
            FxMethod::EcbMonthly => self.monthly_row(date).err(),
            FxMethod::EcbDaily
            | FxMethod::EcbPreviousDay
            | FxMethod::EcbDailyForWeeklySellingRate
            | FxMethod::EcbDailyForCertifiedRate => self.daily_part_missing(from, to, method.daily_lookup_day(date)),
            FxMethod::EcbWeekBeforeLast => {
                // The week's first day may be of the year before its last.
                let (first, last) = week_before_last(date);
                self.daily_part_missing(from, to, last).or_else(|| self.daily_part_missing(from, to, first))
            }
            FxMethod::HmrcMonthly => self.hmrc_row(from, to, date).err(),
        }
    }

    /// Every year part of the FX tables `method` may read, ascending: HMRC's; the monthly EU
    /// rates'; for the daily rate its own years too (the monthly rates stand in before they
    /// start).
    pub fn year_parts(&self, method: FxMethod) -> Vec<&'static str> {
        let monthly = self.ecb_monthly.iter().map(|y| y.name);
        match method {
            FxMethod::EcbMonthly => monthly.collect(),
            FxMethod::EcbDaily
            | FxMethod::EcbPreviousDay
            | FxMethod::EcbWeekBeforeLast
            | FxMethod::EcbDailyForWeeklySellingRate
            | FxMethod::EcbDailyForCertifiedRate => self.ecb_daily.iter().map(|y| y.name).chain(monthly).collect(),
            FxMethod::HmrcMonthly => self.hmrc.iter().map(|y| y.name).collect(),
        }
    }

    /// The newest month of HMRC rates ("YYYY-MM"), once its year part is attached.
    pub fn hmrc_latest_month(&self) -> Option<&'static str> {
        self.hmrc.last()?.table.get()?.rows.last().map(|(m, _, _)| *m)
    }

    /// The row of `rules/fx_euro.tsv` of `c` when the euro has replaced it on `date`: (units per
    /// euro, source).
    fn replaced_by_euro(&self, c: Currency, date: Date) -> Option<(Decimal, &'static str)> {
        self.replaced.iter().find(|(r, _, from, _)| *r == c && *from <= date).map(|(_, k, _, s)| (*k, *s))
    }

    /// The pair to read from the tables when the euro has replaced a currency of it on `date`:
    /// the euro in its place (`None`: neither was). The legal conversion rate comes before any
    /// table rate of that currency (Regulation (EC) No 1103/97 art. 4(1): "the conversion rates
    /// shall be used for any conversion"), so the EU's and HMRC's January 2026 rows, which still
    /// have the lev (the ECB's 1.9558), are not read for it (fix-bb, audit-z Z5).
    fn in_euro(&self, from: Currency, to: Currency, date: Date) -> Option<(Currency, Currency)> {
        let euro = |c: Currency| if self.replaced_by_euro(c, date).is_some() { Currency::EUR } else { c };
        let pair = (euro(from), euro(to));
        (pair != (from, to)).then_some(pair)
    }

    /// A rate with a currency the euro replaced, on or after the day it did (the lev from
    /// 2026-01-01): that currency is converted at its legal conversion
    /// rate (Council Regulation (EC) No 2866/98 as amended; Regulation (EC) No 1103/97 art. 4: the
    /// only rate between it and the euro, neither rounded nor inverted) and the euro at the
    /// method's rate, so a lev amount is never converted at the ECB's last lev fixing (audit-x
    /// X11: BGN/JPY on 2026-11-27 was the cross of 2025-12-31, 94.125166, for 175.68 / 1.95583 =
    /// 89.82) nor refused where the ECB no longer publishes it. Dated before, `None`.
    fn legal_conversion(&self, method: FxMethod, from: Currency, to: Currency, date: Date) -> Option<CustomsRate> {
        let (f, t) = self.in_euro(from, to, date)?;
        // The currencies read as the euro, with their rows.
        let replaced = |c: Currency, stand_in: Currency| self.replaced_by_euro(c, date).filter(|_| stand_in != c);
        let (of_from, of_to) = (replaced(from, f), replaced(to, t));
        let named = |c: Currency, row: Option<(Decimal, &str)>| {
            row.map(|(k, s)| format!("{c} at its legal conversion rate of {} per euro ({s})", k.normalize()))
        };
        let legal: Vec<String> = [named(from, of_from), named(to, of_to)].into_iter().flatten().collect();
        let legal = legal.join("; ");
        // Units of the pair's `to` per unit of `from`: the euro's rate between the stand-ins, the
        // replaced currency divided out (from) or multiplied in (to), at full precision.
        let fixed = |rate: Decimal| {
            let rate = of_from.map_or(rate, |(k, _)| rate / k);
            of_to.map_or(rate, |(k, _)| rate * k)
        };
        if f == t {
            return Some(CustomsRate {
                used: FxUsed { pair: format!("{from}/{to}"), rate: fixed(Decimal::ONE), source: legal },
                rate_date: date,
                fallback: None,
                pegged: true,
                averaged_from: None,
            });
        }
        let euro = self.customs_rate_uncached(method, f, t, date)?;
        Some(CustomsRate {
            used: FxUsed {
                pair: format!("{from}/{to}"),
                rate: fixed(euro.used.rate).normalize(),
                source: format!("{legal}, with the {f}/{t} rate: {}", euro.used.source),
            },
            ..euro
        })
    }

    /// Units of `c` per US dollar and the peg's source, for the dollar itself or a currency
    /// pegged to it.
    fn per_usd(&self, c: Currency) -> Option<(Decimal, Option<&'static str>)> {
        if c == Currency::USD {
            return Some((Decimal::ONE, None));
        }
        self.pegs.iter().find(|(p, _, _)| *p == c).map(|(_, r, s)| (*r, Some(*s)))
    }

    /// Whether `c` is a currency pegged to the US dollar (`rules/fx_pegs.tsv`): the ECB publishes
    /// no rate of it, so its euro rate is its peg crossed with the ECB's dollar rate.
    pub fn is_pegged(&self, c: Currency) -> bool {
        self.pegs.iter().any(|(p, _, _)| *p == c)
    }

    /// How an ECB row's cross reaches a dollar-pegged currency of the pair, for its label: "AED at
    /// its peg of 3.6725 per US dollar (source)"; `None` when both are in the ECB's table (audit-x
    /// X2: AED/EUR was labelled an ECB euro reference rate, which the ECB never publishes).
    fn peg_via_usd(&self, from: Currency, to: Currency) -> Option<String> {
        let pegs: Vec<String> = [from, to]
            .into_iter()
            .filter_map(|c| self.pegs.iter().find(|(p, _, _)| *p == c))
            .map(|(c, r, s)| format!("{c} at its peg of {} per US dollar ({s})", r.normalize()))
            .collect();
        (!pegs.is_empty()).then(|| pegs.join(", "))
    }

    /// Whether both currencies are fixed to the US dollar and one is pegged ([`Self::peg_rate`]).
    fn is_peg_pair(&self, from: Currency, to: Currency) -> bool {
        (self.is_pegged(from) || self.is_pegged(to)) && self.per_usd(from).is_some() && self.per_usd(to).is_some()
    }

    /// The rate between two currencies fixed to the US dollar (one of them pegged, the other
    /// pegged too or the dollar): the pegs' quotient, the central banks' own rates (UAE dirham
    /// 3.6725, Saudi riyal 3.75 per dollar: `rules/fx_pegs.tsv`), named as such and dated the
    /// day it is in force; no ECB table is read (audit-w W-FX1: USD/AED was labelled an ECB
    /// cross rate of a day the ECB publishes no dirham rate, and flagged stale).
    fn peg_rate(&self, from: Currency, to: Currency, date: Date) -> Option<CustomsRate> {
        let ((f, fs), (t, ts)) = (self.per_usd(from)?, self.per_usd(to)?);
        let sources: Vec<&str> = [fs, ts].into_iter().flatten().collect();
        if sources.is_empty() {
            return None;
        }
        Some(CustomsRate {
            used: FxUsed {
                pair: format!("{from}/{to}"),
                rate: unrounded_quotient(t, f)?,
                source: format!("fixed peg to the US dollar: {} (rules/fx_pegs.tsv)", sources.join("; ")),
            },
            rate_date: date,
            fallback: None,
            pegged: true,
            averaged_from: None,
        })
    }

    /// Units of `c` per EUR 1 in an ECB row whose columns are `columns`.
    fn per_eur(&self, columns: &[Currency], rates: &str, c: Currency) -> Option<Decimal> {
        if c == Currency::EUR {
            return Some(Decimal::ONE);
        }
        if let Some((_, per_usd, _)) = self.pegs.iter().find(|(p, _, _)| *p == c) {
            // A dollar-pegged currency: its euro rate through the ECB's dollar rate.
            return Some(self.per_eur(columns, rates, Currency::USD)? * *per_usd);
        }
        column_rate(columns, rates, c)
    }

    /// Units of `to` per unit of `from` in an ECB row: the row's rates per euro divided, at full
    /// precision ([`unrounded_quotient`]).
    fn cross(&self, columns: &[Currency], rates: &str, from: Currency, to: Currency) -> Option<Decimal> {
        let f = self.per_eur(columns, rates, from)?;
        let t = self.per_eur(columns, rates, to)?;
        unrounded_quotient(t, f)
    }

    /// The EU customs rate for the month of `date` (ECB rate of the penultimate Wednesday of the
    /// previous month). Past the table, the latest month stands in, marked as a fallback;
    /// `None` before the table starts (or while the year part it reads is not attached: a quote
    /// names that part first, `Engine::quote`).
    pub fn ecb_monthly(&self, from: Currency, to: Currency, date: Date) -> Option<CustomsRate> {
        let month = format!("{:04}-{:02}", date.year(), date.month());
        let (columns, row) = self.monthly_row(date).ok()??;
        let fallback = (row.0 != month).then(|| {
            let (y, m) = if date.month() == 1 { (date.year() - 1, 12) } else { (date.year(), date.month() - 1) };
            format!(
                "the EU customs rate for {month} (ECB rate of {}) is not in this snapshot: the rate for {} (of {}) is used; pass fx {{\"{from}/{to}\": \"…\"}} with the rate for {month}, or quote with a snapshot that has it",
                penultimate_wednesday(y, m),
                row.0,
                row.1
            )
        });
        Some(CustomsRate {
            used: FxUsed {
                pair: format!("{from}/{to}"),
                rate: self.cross(columns, row.2, from, to)?,
                source: match self.peg_via_usd(from, to) {
                    Some(peg) => format!(
                        "{peg} crossed with the ECB's US dollar rate of {} (the dollar's EU customs rate for {}): the ECB publishes no rate of a pegged currency",
                        row.1, row.0
                    ),
                    None => format!("ECB euro reference rate of {} {EU_CUSTOMS_RATE_FOR}{})", row.1, row.0),
                },
            },
            rate_date: row.1,
            fallback,
            pegged: false,
           averaged_from: None,
        })
    }

    /// The ECB rate on `date` or the last day before it with one (earlier years too); before the
    /// daily table starts, the monthly rate.
    pub fn ecb_daily(&self, from: Currency, to: Currency, date: Date) -> Option<CustomsRate> {
        // A year part not attached gives no rate (a quote names it first: `Engine::quote`).
        let (row, any) = self.daily_row(from, to, date).ok()?;
        if !any {
            return self.ecb_monthly(from, to, date);
        }
        let (columns, (d, rates)) = row?;
        Some(CustomsRate {
            used: FxUsed {
                pair: format!("{from}/{to}"),
                rate: self.cross(columns, rates, from, to)?,
                source: match self.peg_via_usd(from, to) {
                    Some(peg) => format!(
                        "{peg} crossed with the ECB's euro reference rates of {d} (via USD and EUR): the ECB publishes no rate of a pegged currency"
                    ),
                    None => format!("ECB euro reference rates of {d} (cross rate via EUR)"),
                },
            },
            rate_date: d,
            fallback: None,
            pegged: false,
           averaged_from: None,
        })
    }

    /// The year part a daily lookup on or before `day` still needs ([`EmbeddedFx::part_missing`]).
    fn daily_part_missing(&self, from: Currency, to: Currency, day: Date) -> Option<&'static str> {
        match self.daily_row(from, to, day) {
            Err(part) => Some(part),
            Ok((_, false)) => self.monthly_row(day).err(),
            Ok((_, true)) => None,
        }
    }

    /// The average of the ECB crosses of the fixings from `week.0` to `week.1` that have both
    /// currencies, each cross at full precision, the mean to Decimal's 28 digits; a week with
    /// none (past the table, or a currency not published then) gives the latest fixing before its
    /// end ([`EmbeddedFx::ecb_daily`], whose age a quote states).
    fn ecb_week_average(&self, from: Currency, to: Currency, week: (Date, Date)) -> Option<CustomsRate> {
        let (first, last) = week;
        let mut crosses: Vec<(Date, Decimal)> = Vec::new();
        for year in self.ecb_daily.iter().filter(|y| (first.year()..=last.year()).contains(&y.year)) {
            let table = year.table.get()?;
            let columns = table.currencies.as_slice();
            let days = table.rows.iter().filter(|(d, _)| (first..=last).contains(d));
            crosses.extend(days.filter_map(|(d, r)| Some((*d, self.cross(columns, r, from, to)?))));
        }
        let (Some((from_day, _)), Some((to_day, _))) = (crosses.first().copied(), crosses.last().copied()) else {
            return self.ecb_daily(from, to, last);
        };
        let sum = crosses.iter().map(|(_, c)| *c).decimal_sum();
        let rate = sum.checked_div(Decimal::from(crosses.len()))?.normalize();
        let via = match self.peg_via_usd(from, to) {
            Some(peg) => format!("{peg} crossed with the ECB's euro reference rates"),
            None => "ECB euro reference rates".to_string(),
        };
        Some(CustomsRate {
            used: FxUsed {
                pair: format!("{from}/{to}"),
                rate,
                source: format!(
                    "average of the {via} of {from_day} to {to_day} ({} fixings of the week before last, {first} to {last}; cross rates via EUR)",
                    crosses.len()
                ),
            },
            rate_date: to_day,
            fallback: None,
            pegged: false,
            averaged_from: Some(from_day),
        })
    }

    /// The HMRC monthly rate for the calendar month of `date` (the legal GB customs rate: HMRC
    /// publishes one rate per currency per month). Pairs without GBP are crossed through the
    /// same month's HMRC rates. When the table lacks that month or currency, the latest earlier
    /// HMRC month with both currencies stands in, marked as a fallback; `None` when there is
    /// none (never an ECB rate).
    pub fn hmrc(&self, from: Currency, to: Currency, date: Date) -> Option<CustomsRate> {
        let month = format!("{:04}-{:02}", date.year(), date.month());
        // A year part not attached gives no rate (a quote names it first: `Engine::quote`).
        let ((m, source, _), f, t) = self.hmrc_row(from, to, date).ok()??;
        // Foreign amounts are divided by HMRC's rate (units per pound): the quotient unrounded,
        // as the ECB path's. Rounded to 12 places it lost the half penny: ARS 1,277,836.56 at
        // 2,042.496 is exactly £625.625, £625.63, and was £625.62 (audit-pp PP2).
        let rate = if from == Currency::GBP { t } else { unrounded_quotient(t, f)? };
        let fallback = (m != month).then(|| {
            format!(
                "HMRC's {from}/{to} customs rate for {month} is not in this snapshot: HMRC's rate for {m} is used; pass fx {{\"{from}/{to}\": \"…\"}} with HMRC's rate for {month}, or quote with a snapshot that has it"
            )
        });
        Some(CustomsRate {
            used: FxUsed {
                pair: format!("{from}/{to}"),
                rate,
                source: format!("HMRC monthly exchange rate for {m} ({source})"),
            },
            rate_date: Date::parse(&format!("{m}-01")).ok()?,
            fallback,
            pegged: false,
            averaged_from: None,
        })
    }

    /// The customs rate by the destination's `method` (its `fx_method` in
    /// `rules/jurisdictions.tsv`): EU members the monthly ECB-based rate, GB the HMRC rate of the
    /// month (never an ECB cross rate), others the ECB rate on or before the date. A month past
    /// the EU or GB table gets the latest earlier month's rate with [`CustomsRate::fallback`] set;
    /// `None` means the caller must supply the rate (`fx`).
    pub fn customs_rate(&self, method: FxMethod, from: Currency, to: Currency, date: Date) -> Option<CustomsRate> {
        // Rates are read from text, so the answers are memoised (bounded: cleared when full).
        let key = (method, from, to, date);
        if let Ok(cache) = self.cache.lock() {
            if let Some((_, r)) = cache.iter().find(|(k, _)| *k == key) {
                return r.clone();
            }
        }
        let r = self.customs_rate_uncached(method, from, to, date);
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= 256 {
                cache.clear();
            }
            cache.push((key, r.clone()));
        }
        r
    }

    fn customs_rate_uncached(&self, method: FxMethod, from: Currency, to: Currency, date: Date) -> Option<CustomsRate> {
        if from == to {
            return Some(CustomsRate {
                used: FxUsed { pair: format!("{from}/{to}"), rate: Decimal::ONE, source: "identity".into() },
                rate_date: date,
                fallback: None,
                pegged: false,
                averaged_from: None,
            });
        }
        if let Some(r) = self.legal_conversion(method, from, to, date) {
            return Some(r);
        }
        if method != FxMethod::HmrcMonthly {
            if let Some(r) = self.peg_rate(from, to, date) {
                return Some(r);
            }
        }
        match method {
            FxMethod::EcbMonthly => self.ecb_monthly(from, to, date),
            FxMethod::HmrcMonthly => self.hmrc(from, to, date),
            FxMethod::EcbDaily
            | FxMethod::EcbPreviousDay
            | FxMethod::EcbDailyForWeeklySellingRate
            | FxMethod::EcbDailyForCertifiedRate => self.ecb_daily(from, to, method.daily_lookup_day(date)),
            FxMethod::EcbWeekBeforeLast => self.ecb_week_average(from, to, week_before_last(date)),
        }
    }
}

/// Units of `c` per GBP 1 in an HMRC month's rates, whose columns are `columns`.
fn per_gbp(columns: &[Currency], rates: &str, c: Currency) -> Option<Decimal> {
    if c == Currency::GBP {
        return Some(Decimal::ONE);
    }
    column_rate(columns, rates, c)
}

/// The rate of `c` in a row's tab-separated `rates`, whose columns are `columns`; `None` when the
/// row has no rate for it.
/// `units_of_to ÷ units_of_from` (two rates against one base currency) without rounding: the
/// ECB publishes units per euro and a foreign amount's value in euro is the amount divided by that
/// rate (Regulation (EU) 952/2013 art. 53(1)(a); Implementing Regulation (EU) 2015/2447 art. 146),
/// a division the law does not round. A rate rounded to 6 places kept 2-3 significant digits of a
/// currency of thousands per euro: IDR 100,000,000 at 20,269.17 per euro was EUR 4,900.00 for
/// EUR 4,933.60 (audit-ff FF36). The quotient keeps Decimal's 28 digits; `None` for a zero rate.
fn unrounded_quotient(units_of_to: Decimal, units_of_from: Decimal) -> Option<Decimal> {
    units_of_to.checked_div(units_of_from).map(|q| q.normalize())
}

fn column_rate(columns: &[Currency], rates: &str, c: Currency) -> Option<Decimal> {
    let i = columns.iter().position(|x| *x == c)?;
    let text = rates.split('\t').nth(i)?;
    if text.is_empty() {
        return None;
    }
    Decimal::from_str_exact(text).ok()
}

/// Which customs exchange rate a destination's law prescribes (`fx_method` in
/// `rules/jurisdictions.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FxMethod {
    /// The ECB reference rate of the penultimate Wednesday of the previous month (EU customs
    /// rate: Implementing Regulation (EU) 2015/2447 art. 146).
    EcbMonthly,
    /// HMRC's monthly exchange rate of the month (United Kingdom).
    HmrcMonthly,
    /// The ECB reference rate on or before the date.
    EcbDaily,
    /// The ECB reference rate of the last fixing strictly before the date: a stand-in for the
    /// rate quoted on the last trading day before the import tax debt arises (Switzerland, BAZG;
    /// audit-pp PP6).
    EcbPreviousDay,
    /// The average of the ECB reference rates of the week before last (前々週, weeks Sunday to
    /// Saturday) of the date's week: a stand-in for the rate the Customs director publishes from
    /// that week's average of the actual rates (Japan: 関税定率法施行規則 第1条; audit-pp PP5).
    EcbWeekBeforeLast,
    /// The ECB reference rate on or before the date, a mid rate, standing in for the average of
    /// the banks' selling rates of the previous week that the customs service fixes for the week
    /// (Korea: 관세법 제18조, as audit-pp PP5b quotes it): it errs low, and the warning says so.
    EcbDailyForWeeklySellingRate,
    /// The ECB reference rate on or before the date, standing in for the rate certified for the
    /// date of exportation, which for the currencies of the countries the regulation lists is the
    /// quarter's first certified rate unless the day's varies by 5 % or more (United States: 19 CFR
    /// 159.32-159.35; audit-pp PP7): the figure is the daily one, the warning says what it stands
    /// in for.
    EcbDailyForCertifiedRate,
}

impl FxMethod {
    /// The names in the table, with their methods.
    pub const NAMES: [(&'static str, FxMethod); 7] = [
        ("ecb_monthly", FxMethod::EcbMonthly),
        ("hmrc_monthly", FxMethod::HmrcMonthly),
        ("ecb_daily", FxMethod::EcbDaily),
        ("ecb_previous_day", FxMethod::EcbPreviousDay),
        ("ecb_week_before_last", FxMethod::EcbWeekBeforeLast),
        ("ecb_daily_for_weekly_selling_rate", FxMethod::EcbDailyForWeeklySellingRate),
        ("ecb_daily_for_certified_rate", FxMethod::EcbDailyForCertifiedRate),
    ];

    /// Whether the method reads the ECB's daily rates as a stand-in for a rate the destination's
    /// law prescribes and our data does not hold (stated: `W_ASSUMPTION`).
    pub fn is_daily_stand_in(self) -> bool {
        matches!(
            self,
            FxMethod::EcbDaily
                | FxMethod::EcbPreviousDay
                | FxMethod::EcbWeekBeforeLast
                | FxMethod::EcbDailyForWeeklySellingRate
                | FxMethod::EcbDailyForCertifiedRate
        )
    }

    /// The last day whose ECB fixing the method may read for a conversion dated `date`: the date
    /// itself, the day before it for [`FxMethod::EcbPreviousDay`], the Saturday ending the week
    /// before last for [`FxMethod::EcbWeekBeforeLast`].
    fn daily_lookup_day(self, date: Date) -> Date {
        match self {
            FxMethod::EcbPreviousDay => date.add_days(-1),
            FxMethod::EcbWeekBeforeLast => week_before_last(date).1,
            _ => date,
        }
    }

    /// The legal rate a daily stand-in stands in for, in words, for its warning (empty: not said).
    pub fn legal_rate(self) -> &'static str {
        match self {
            FxMethod::EcbPreviousDay => {
                "the rate quoted on the last trading day before the tax debt arises, so the ECB's fixing of the last day before the as-of date stands in"
            }
            FxMethod::EcbWeekBeforeLast => {
                "the rate the Customs director publishes for the week from the average of the actual rates of the week before last: the ECB's fixings of that week, averaged, stand in where the data holds them, else the latest fixing before its end"
            }
            FxMethod::EcbDailyForWeeklySellingRate => {
                "the average of the banks' selling rates of the previous week, fixed by the customs service for the week: the ECB's mid rate of the day is below a selling rate, so the figures err low"
            }
            FxMethod::EcbDailyForCertifiedRate => {
                "the rate certified for the date of exportation, for the currencies of the countries listed for it the quarter's first certified rate unless the day's varies by 5 % or more: the as-of date stands in for the date of exportation, and the ECB's rate of the day for the certified rate"
            }
            _ => "",
        }
    }

    /// Days after which the rate found is older than the method's own publication leaves room for
    /// (`W_STALE_FX`): a monthly customs rate is fixed up to about six weeks before the last day
    /// it serves (the EU's, from the penultimate Wednesday of the previous month); the ECB
    /// publishes a reference rate every TARGET business day, so a daily rate more than a week
    /// older than the date means the snapshot's rates end before it.
    pub fn stale_after_days(self) -> i64 {
        match self {
            FxMethod::EcbMonthly | FxMethod::HmrcMonthly => 45,
            FxMethod::EcbDaily
            | FxMethod::EcbPreviousDay
            | FxMethod::EcbDailyForWeeklySellingRate
            | FxMethod::EcbDailyForCertifiedRate => 7,
            // The week before last ends 7 to 13 days before the date; its Friday's fixing (or,
            // on a holiday, Thursday's) is at most 16 days old.
            FxMethod::EcbWeekBeforeLast => 16,
        }
    }

    /// What the method is, in a sentence (`countries`).
    pub fn describe(self) -> &'static str {
        match self {
            FxMethod::EcbMonthly => "ECB reference rate of the penultimate Wednesday of the previous month (EU customs rate), or the request's fx",
            FxMethod::HmrcMonthly => "HMRC monthly rate of the month (past the HMRC table: its latest month, with a warning), or the request's fx",
            FxMethod::EcbDaily | FxMethod::EcbDailyForWeeklySellingRate | FxMethod::EcbDailyForCertifiedRate => "ECB reference rate on or before the date (dollar pegs for AED/SAR/…), or the request's fx",
            FxMethod::EcbPreviousDay => "ECB reference rate of the last fixing before the date (dollar pegs for AED/SAR/…), or the request's fx",
            FxMethod::EcbWeekBeforeLast => "average of the ECB reference rates of the week before last (Sunday to Saturday), or the request's fx",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn penultimate_wednesday_examples() {
        // March 2026: Wednesdays 4, 11, 18, 25 → 18.
        assert_eq!(penultimate_wednesday(2026, 3).to_string(), "2026-03-18");
        // December 2018: Wednesdays 5, 12, 19, 26 → 19.
        assert_eq!(penultimate_wednesday(2018, 12).to_string(), "2018-12-19");
    }

    #[test]
    fn the_week_before_last_runs_sunday_to_saturday() {
        // 関税定率法施行規則 第1条: the week before last (前々週) of the declaration day's week.
        let day = |d: &str| Date::parse(d).unwrap();
        let week = |d: &str| week_before_last(day(d));
        assert_eq!(week("2026-11-02"), (day("2026-10-18"), day("2026-10-24")));
        // A Sunday starts its week; a Saturday ends it.
        assert_eq!(week("2026-11-01"), week("2026-11-07"));
        assert_eq!(week("2026-01-12"), (day("2025-12-28"), day("2026-01-03")));
    }

    #[test]
    fn eu_customs_rate_is_fixed_for_the_month() {
        let fx = crate::Engine::embedded().fx();
        let a = fx
            .customs_rate(FxMethod::EcbMonthly, Currency::USD, Currency::EUR, Date::parse("2026-04-01").unwrap())
            .unwrap();
        let b = fx
            .customs_rate(FxMethod::EcbMonthly, Currency::USD, Currency::EUR, Date::parse("2026-04-30").unwrap())
            .unwrap();
        assert_eq!(a.used.rate, b.used.rate);
        assert_eq!(a.rate_date.to_string(), "2026-03-18");
    }

    #[test]
    fn gb_uses_the_hmrc_rate_of_the_month_and_never_an_ecb_cross_rate() {
        // HMRC publishes one rate per currency per calendar month (units per GBP 1).
        let fx = crate::Engine::embedded().fx();
        let r = fx
            .customs_rate(FxMethod::HmrcMonthly, Currency::USD, Currency::GBP, Date::parse("2026-03-02").unwrap())
            .unwrap();
        assert!(r.used.source.starts_with("HMRC monthly exchange rate for 2026-03"), "{}", r.used.source);
        assert_eq!((r.rate_date.to_string(), r.fallback), ("2026-03-01".to_string(), None));
        // Past the HMRC table: HMRC's latest month, said to be a fallback, not an ECB rate.
        let month = fx.hmrc_latest_month().unwrap();
        let after = Date::parse(&format!("{month}-01")).unwrap().add_days(31);
        let r = fx.customs_rate(FxMethod::HmrcMonthly, Currency::USD, Currency::GBP, after).unwrap();
        assert!(r.used.source.starts_with(&format!("HMRC monthly exchange rate for {month}")), "{}", r.used.source);
        assert!(r.fallback.is_some_and(|f| f.contains(month)));
        // Before the table: nothing to stand in.
        assert_eq!(
            fx.customs_rate(FxMethod::HmrcMonthly, Currency::USD, Currency::GBP, Date::parse("2010-05-01").unwrap()),
            None
        );
    }

    /// An engine over the browser build's core (`Inline::RulesOnly`: no ECB part inline) and
    /// the parts it left out.
    fn browser_core() -> (crate::Engine, Vec<crate::snapshot::write::Part>) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let compiled = crate::snapshot::write::compile(root, crate::snapshot::write::Inline::RulesOnly).unwrap();
        (crate::Engine::from_bytes(compiled.core).unwrap(), compiled.parts)
    }

    fn attach(engine: &crate::Engine, parts: &[crate::snapshot::write::Part], name: &str) {
        let part = parts.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no part {name}"));
        assert_eq!(engine.attach_part(part.bytes.clone()).unwrap(), name);
    }

    #[test]
    fn eu_customs_rate_reads_the_year_part_of_its_month() {
        // The EU customs rate of a month is the ECB rate of the previous month's penultimate
        // Wednesday (Implementing Regulation (EU) 2015/2447 art. 146): tariffs/fx_ecb_monthly.tsv
        // travels as one part per year of its months, and a conversion names the one it reads.
        let (engine, parts) = browser_core();
        let fx = engine.fx();
        let (usd, eur) = (Currency::USD, Currency::EUR);
        let day = |d: &str| Date::parse(d).unwrap();
        assert_eq!(fx.part_missing(FxMethod::EcbMonthly, usd, eur, day("2026-04-01")), Some("fx_ecb_monthly.tsv@2026"));
        assert_eq!(fx.customs_rate(FxMethod::EcbMonthly, usd, eur, day("2026-04-01")), None, "no rate while missing");
        // No conversion, no part; before the table (1999-02), none to read.
        assert_eq!(fx.part_missing(FxMethod::EcbMonthly, eur, eur, day("2026-04-01")), None);
        assert_eq!(fx.part_missing(FxMethod::EcbMonthly, usd, eur, day("1998-12-01")), None);
        attach(&engine, &parts, "fx_ecb_monthly.tsv@2026");
        assert_eq!(fx.part_missing(FxMethod::EcbMonthly, usd, eur, day("2026-04-01")), None);
        let full = crate::Engine::embedded().fx();
        for d in ["2026-04-01", "2026-01-31"] {
            let rate = fx.customs_rate(FxMethod::EcbMonthly, usd, eur, day(d));
            assert_eq!(rate, full.customs_rate(FxMethod::EcbMonthly, usd, eur, day(d)), "{d}");
        }
        assert_eq!(
            fx.customs_rate(FxMethod::EcbMonthly, usd, eur, day("2026-04-01")).unwrap().rate_date,
            day("2026-03-18")
        );
        // A year past the table reads the latest year's last month (a stated fallback).
        let later = day("2027-02-01");
        assert_eq!(fx.part_missing(FxMethod::EcbMonthly, usd, eur, later), None);
        let r = fx.customs_rate(FxMethod::EcbMonthly, usd, eur, later).unwrap();
        assert_eq!(Some(&r), full.customs_rate(FxMethod::EcbMonthly, usd, eur, later).as_ref());
        assert!(r.fallback.is_some());
        // An earlier year is a part of its own.
        assert_eq!(fx.part_missing(FxMethod::EcbMonthly, usd, eur, day("2025-12-01")), Some("fx_ecb_monthly.tsv@2025"));
    }

    #[test]
    fn hmrc_rates_are_a_part_per_year_read_only_for_the_dates_quoted() {
        // GB: HMRC's rate of the month (tariffs/fx_hmrc_monthly.tsv, one part per year in the
        // browser build): a conversion names the year it reads and, once attached, gives the
        // same rate as the whole table.
        let (engine, parts) = browser_core();
        let fx = engine.fx();
        let (usd, gbp) = (Currency::USD, Currency::GBP);
        let day = |d: &str| Date::parse(d).unwrap();
        assert_eq!(
            fx.part_missing(FxMethod::HmrcMonthly, usd, gbp, day("2026-11-10")),
            Some("fx_hmrc_monthly.tsv@2026")
        );
        assert_eq!(fx.customs_rate(FxMethod::HmrcMonthly, usd, gbp, day("2026-11-10")), None, "no rate while missing");
        assert_eq!(fx.hmrc_latest_month(), None);
        attach(&engine, &parts, "fx_hmrc_monthly.tsv@2026");
        assert_eq!(fx.part_missing(FxMethod::HmrcMonthly, usd, gbp, day("2026-11-10")), None);
        let full = crate::Engine::embedded().fx();
        for d in ["2026-11-10", "2026-01-31", "2027-03-01"] {
            let rate = fx.customs_rate(FxMethod::HmrcMonthly, usd, gbp, day(d));
            assert!(rate.is_some(), "{d}");
            assert_eq!(rate, full.customs_rate(FxMethod::HmrcMonthly, usd, gbp, day(d)), "{d}");
        }
        assert_eq!(fx.hmrc_latest_month(), full.hmrc_latest_month());
        // An earlier year is a part of its own.
        assert_eq!(
            fx.part_missing(FxMethod::HmrcMonthly, usd, gbp, day("2025-12-01")),
            Some("fx_hmrc_monthly.tsv@2025")
        );
    }

    #[test]
    fn daily_rate_reads_the_year_part_of_its_date_and_at_most_the_year_before() {
        // `ecb_daily`: the ECB rate on or before the date, from the daily table's year parts
        // (1999-01-04 on, session 20 fx-history); HMRC's method its own year.
        let (engine, parts) = browser_core();
        let fx = engine.fx();
        let (eur, jpy) = (Currency::EUR, Currency::parse("JPY").unwrap());
        let day = |d: &str| Date::parse(d).unwrap();
        assert_eq!(fx.part_missing(FxMethod::EcbDaily, eur, jpy, day("2024-06-03")), Some("fx_ecb_daily.tsv@2024"));
        assert_eq!(
            fx.part_missing(FxMethod::HmrcMonthly, eur, Currency::GBP, day("2024-06-03")),
            Some("fx_hmrc_monthly.tsv@2024")
        );
        attach(&engine, &parts, "fx_ecb_daily.tsv@2024");
        assert_eq!(fx.part_missing(FxMethod::EcbDaily, eur, jpy, day("2024-06-03")), None);
        let full = crate::Engine::embedded().fx();
        assert_eq!(fx.ecb_daily(eur, jpy, day("2024-06-03")), full.ecb_daily(eur, jpy, day("2024-06-03")));
        let source = fx.ecb_daily(eur, jpy, day("2024-06-03")).unwrap().used.source;
        assert_eq!(source, "ECB euro reference rates of 2024-06-03 (cross rate via EUR)");
        // New Year's Day reads the last rate of the year before.
        assert_eq!(fx.part_missing(FxMethod::EcbDaily, eur, jpy, day("2025-01-01")), Some("fx_ecb_daily.tsv@2025"));
        attach(&engine, &parts, "fx_ecb_daily.tsv@2025");
        assert_eq!(fx.ecb_daily(eur, jpy, day("2025-01-01")).unwrap().rate_date, day("2024-12-31"));
        // A currency the ECB does not publish (Taiwan's dollar) reads two years, not every year
        // back to 1999: no rate, and nothing more to fetch.
        let twd = Currency::parse("TWD").unwrap();
        assert_eq!(fx.part_missing(FxMethod::EcbDaily, eur, twd, day("2025-06-02")), None);
        assert_eq!(fx.ecb_daily(eur, twd, day("2025-06-02")), None);
        // The rouble, last published on 2022-03-01: within the year after it, that stale rate;
        // from the second year on, none (as the monthly EU table: audit-w W-FX2).
        let rub = Currency::parse("RUB").unwrap();
        assert_eq!(full.ecb_daily(eur, rub, day("2023-06-01")).unwrap().rate_date, day("2022-03-01"));
        assert_eq!(full.ecb_daily(eur, rub, day("2024-06-03")), None);
        // Before the ECB's first rates (1999-01-04) there is none.
        assert_eq!(full.ecb_daily(eur, jpy, day("1999-01-01")), None);
        assert_eq!(full.ecb_daily(eur, jpy, day("1999-01-04")).unwrap().used.rate, Decimal::new(13373, 2));
        // Every year part a method may read: the monthly ones for the EU rate, both for the daily,
        // HMRC's for the GB rate.
        let monthly = fx.year_parts(FxMethod::EcbMonthly);
        assert_eq!(
            (monthly.first(), monthly.last()),
            (Some(&"fx_ecb_monthly.tsv@1999"), Some(&"fx_ecb_monthly.tsv@2026"))
        );
        assert_eq!(fx.year_parts(FxMethod::EcbDaily).len(), monthly.len() * 2);
        let hmrc = fx.year_parts(FxMethod::HmrcMonthly);
        assert_eq!((hmrc.first(), hmrc.last()), (Some(&"fx_hmrc_monthly.tsv@2014"), Some(&"fx_hmrc_monthly.tsv@2026")));
    }

    #[test]
    fn eu_month_past_the_ecb_table_is_a_stated_fallback() {
        let fx = crate::Engine::embedded().fx();
        let last = fx.ecb_monthly.last().unwrap().table.get().unwrap().rows.last().unwrap().0;
        let after = Date::parse(&format!("{last}-01")).unwrap().add_days(31);
        let r = fx.customs_rate(FxMethod::EcbMonthly, Currency::USD, Currency::EUR, after).unwrap();
        assert!(r.fallback.is_some_and(|f| f.contains(last)));
    }
}
