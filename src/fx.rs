//! Exchange rates: currency pairs and the rates a quote used.

use crate::error::{Error, ErrorCode, Result};
use crate::money::Currency;
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
/// The daily ECB and the HMRC tables may travel as parts of their own (the browser build): they
/// are read when their part is attached, and until then give no rate. A quote checks first that
/// the parts it needs are here (`Engine::missing_parts_for`), so it reports `E_DATA_NOT_LOADED`
/// rather than a missing rate.
#[derive(Debug)]
pub struct EmbeddedFx {
    snapshot: &'static crate::snapshot::Snapshot<'static>,
    currencies: Vec<Currency>,
    /// (month "YYYY-MM", reference date, the row's rates per EUR as tab-separated text)
    ecb_monthly: Vec<(&'static str, Date, &'static str)>,
    /// The daily rates' year parts, ascending (see [`DailyYear`]).
    ecb_daily: Vec<DailyYear>,
    /// The HMRC table, read once attached.
    hmrc: OnceLock<Hmrc>,
    /// Currencies pegged to the US dollar: (currency, units per USD).
    pegs: Vec<(Currency, Decimal)>,
    /// Memoised customs rates by (method, from, to, date).
    cache: std::sync::Mutex<Vec<RateKey>>,
}

/// One year of the daily ECB rates: a part of its own (`fx_ecb_daily.tsv@2026`), read once
/// attached.
#[derive(Debug)]
struct DailyYear {
    year: i32,
    /// The part's name.
    name: &'static str,
    /// (date, the day's rates per EUR as tab-separated text), ascending.
    rows: OnceLock<Vec<(Date, &'static str)>>,
}

/// HMRC's monthly customs rates.
#[derive(Debug)]
struct Hmrc {
    /// The currency columns of the table.
    currencies: Vec<Currency>,
    /// (month "YYYY-MM", source id, the month's rates per GBP as tab-separated text), ascending
    monthly: Vec<(&'static str, &'static str, &'static str)>,
}

/// The daily ECB table's name in the snapshot: one part per year (`fx_ecb_daily.tsv@2026`).
pub const ECB_DAILY_FILE: &str = "fx_ecb_daily.tsv";
/// HMRC's monthly table's name in the snapshot (a part of its own in the browser build).
pub const HMRC_FILE: &str = "fx_hmrc_monthly.tsv";

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

/// The rows of a year of the daily ECB table, checked against the monthly table's currency
/// columns; every row must be of that year and the dates must ascend.
fn parse_ecb_daily(
    name: &str,
    year: i32,
    daily: &'static str,
    currencies: &[Currency],
) -> Result<Vec<(Date, &'static str)>> {
    let bad = |why: &str| Error::new(ErrorCode::Snapshot, name, why.to_string());
    if header_currencies(daily, 1, name)? != currencies {
        return Err(bad("currency columns differ from the monthly table"));
    }
    let rows: Vec<(Date, &str)> = rows(daily).map(|(d, rates)| Ok((Date::parse(d)?, rates))).collect::<Result<_>>()?;
    if !rows.iter().all(|(d, _)| d.year() == year) || !rows.windows(2).all(|w| w[0].0 < w[1].0) {
        return Err(bad("rows are not the part's year in ascending order"));
    }
    Ok(rows)
}

/// HMRC's table: its currency columns and its months, which must ascend.
fn parse_hmrc(hmrc: &'static str) -> Result<Hmrc> {
    let currencies = header_currencies(hmrc, 2, HMRC_FILE)?;
    let mut monthly = Vec::new();
    for (month, rest) in rows(hmrc) {
        let (source, rates) = rest.split_once('\t').unwrap_or((rest, ""));
        monthly.push((month, source, rates));
    }
    if !monthly.windows(2).all(|w| w[0].0 < w[1].0) {
        return Err(Error::new(ErrorCode::Snapshot, HMRC_FILE, "months are not in ascending order"));
    }
    Ok(Hmrc { currencies, monthly })
}

impl EmbeddedFx {
    /// Reads the FX tables of a snapshot (`fx_ecb_monthly.tsv`, `rules/fx_pegs.tsv`, and
    /// `fx_ecb_daily.tsv` and `fx_hmrc_monthly.tsv` when their parts are here, else once they
    /// are attached: [`EmbeddedFx::read_attached`]); engines do this once (see
    /// [`crate::Engine::fx`]). A missing or malformed table is an `E_SNAPSHOT` error naming it.
    pub fn load(snapshot: &'static crate::snapshot::Snapshot<'static>) -> Result<EmbeddedFx> {
        let missing = |n: &str| Error::new(ErrorCode::Snapshot, n, "FX table missing from the snapshot");
        let file = |n: &str| snapshot.file(n).ok_or_else(|| missing(n));
        let monthly = file("fx_ecb_monthly.tsv")?;
        snapshot.file_part(HMRC_FILE).ok_or_else(|| missing(HMRC_FILE))?;
        let ecb_daily: Vec<DailyYear> = snapshot
            .files
            .iter()
            .filter_map(|p| match crate::snapshot::format::split_year_part(p.name) {
                Some((ECB_DAILY_FILE, year)) => Some(DailyYear { year, name: p.name, rows: OnceLock::new() }),
                _ => None,
            })
            .collect();
        if ecb_daily.is_empty() || !ecb_daily.windows(2).all(|w| w[0].year < w[1].year) {
            return Err(missing(ECB_DAILY_FILE));
        }
        let currencies = header_currencies(monthly, 2, "fx_ecb_monthly.tsv")?;
        let mut ecb_monthly = Vec::new();
        for (month, rest) in rows(monthly) {
            let (reference, rates) = rest.split_once('\t').unwrap_or((rest, ""));
            ecb_monthly.push((month, Date::parse(reference)?, rates));
        }
        let mut pegs = Vec::new();
        for (c, rest) in rows(file("rules/fx_pegs.tsv")?) {
            let per_usd = rest.split('\t').next().and_then(|t| Decimal::from_str_exact(t).ok());
            if let (Ok(c), Some(r)) = (Currency::parse(c), per_usd) {
                pegs.push((c, r));
            }
        }
        let fx = EmbeddedFx {
            snapshot,
            currencies,
            ecb_monthly,
            ecb_daily,
            hmrc: OnceLock::new(),
            pegs,
            cache: std::sync::Mutex::new(Vec::new()),
        };
        fx.read_attached()?;
        Ok(fx)
    }

    /// Reads the daily ECB and HMRC tables whose parts are attached and not read yet (after
    /// `Engine::attach_part`); a malformed one is an `E_SNAPSHOT` error naming it.
    pub fn read_attached(&self) -> Result<()> {
        let mut read = false;
        for year in &self.ecb_daily {
            if let (None, Some(daily)) = (year.rows.get(), self.snapshot.file(year.name)) {
                read |= year.rows.set(parse_ecb_daily(year.name, year.year, daily, &self.currencies)?).is_ok();
            }
        }
        if let (None, Some(hmrc)) = (self.hmrc.get(), self.snapshot.file(HMRC_FILE)) {
            read |= self.hmrc.set(parse_hmrc(hmrc)?).is_ok();
        }
        if read {
            // A rate remembered as missing may be here now.
            if let Ok(mut cache) = self.cache.lock() {
                cache.clear();
            }
        }
        Ok(())
    }

    /// The latest daily row on or before `date` with rates for both currencies, newest year
    /// first: `Ok((row, any))` (`any`: some row is on or before the date), or `Err(part)` when
    /// the walk reaches a year part not attached yet.
    #[allow(clippy::type_complexity)]
    fn daily_row(
        &self,
        from: Currency,
        to: Currency,
        date: Date,
    ) -> std::result::Result<(Option<(Date, &'static str)>, bool), &'static str> {
        let mut any = false;
        for year in self.ecb_daily.iter().rev().filter(|y| y.year <= date.year()) {
            let rows = year.rows.get().ok_or(year.name)?;
            let upto = rows.partition_point(|(d, _)| *d <= date);
            any |= upto > 0;
            if let Some(row) = rows[..upto].iter().rev().find(|(_, r)| self.cross(r, from, to).is_some()) {
                return Ok((Some(*row), any));
            }
        }
        Ok((None, any))
    }

    /// The year part of the daily ECB rates a conversion from `from` to `to` on `date` still
    /// needs (the date's year, and earlier years while they hold no rate of the pair up to the
    /// date); `None` when the attached years answer it.
    pub fn ecb_daily_part_missing(&self, from: Currency, to: Currency, date: Date) -> Option<&'static str> {
        if from == to {
            return None;
        }
        self.daily_row(from, to, date).err()
    }

    /// Every year part of the daily ECB rates (`fx_ecb_daily.tsv@2026`), ascending.
    pub fn ecb_daily_parts(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.ecb_daily.iter().map(|y| y.name)
    }

    fn hmrc_monthly(&self) -> &[(&'static str, &'static str, &'static str)] {
        self.hmrc.get().map_or(&[], |h| h.monthly.as_slice())
    }

    /// The newest month of HMRC rates ("YYYY-MM"), if any.
    pub fn hmrc_latest_month(&self) -> Option<&'static str> {
        self.hmrc_monthly().last().map(|(m, _, _)| *m)
    }

    /// Units of `c` per GBP 1 in an HMRC month's row.
    fn per_gbp(&self, rates: &str, c: Currency) -> Option<Decimal> {
        if c == Currency::GBP {
            return Some(Decimal::ONE);
        }
        let i = self.hmrc.get()?.currencies.iter().position(|x| *x == c)?;
        let text = rates.split('\t').nth(i)?;
        if text.is_empty() {
            return None;
        }
        Decimal::from_str_exact(text).ok()
    }

    fn per_eur(&self, rates: &str, c: Currency) -> Option<Decimal> {
        if c == Currency::EUR {
            return Some(Decimal::ONE);
        }
        if let Some((_, per_usd)) = self.pegs.iter().find(|(p, _)| *p == c) {
            // A dollar-pegged currency: its euro rate through the ECB's dollar rate.
            return Some(self.per_eur(rates, Currency::USD)? * *per_usd);
        }
        let i = self.currencies.iter().position(|x| *x == c)?;
        let text = rates.split('\t').nth(i)?;
        if text.is_empty() {
            return None;
        }
        Decimal::from_str_exact(text).ok()
    }

    fn cross(&self, rates: &str, from: Currency, to: Currency) -> Option<Decimal> {
        let f = self.per_eur(rates, from)?;
        let t = self.per_eur(rates, to)?;
        Some((t / f).round_dp(6).normalize())
    }

    /// The EU customs rate for the month of `date` (ECB rate of the penultimate Wednesday of the
    /// previous month). Past the table, the latest month stands in, marked as a fallback;
    /// `None` before the table starts.
    pub fn ecb_monthly(&self, from: Currency, to: Currency, date: Date) -> Option<CustomsRate> {
        let month = format!("{:04}-{:02}", date.year(), date.month());
        let row = self.ecb_monthly.iter().rev().find(|(m, _, _)| *m <= month.as_str())?;
        let fallback = (row.0 != month).then(|| {
            let (y, m) = if date.month() == 1 { (date.year() - 1, 12) } else { (date.year(), date.month() - 1) };
            format!(
                "the EU customs rate for {month} (ECB rate of {}) is not in this snapshot: the rate for {} (of {}) is used; pass fx {{\"{from}/{to}\": \"…\"}} with the rate for {month}",
                penultimate_wednesday(y, m),
                row.0,
                row.1
            )
        });
        Some(CustomsRate {
            used: FxUsed {
                pair: format!("{from}/{to}"),
                rate: self.cross(row.2, from, to)?,
                source: format!("ECB euro reference rate of {} (EU customs rate for {})", row.1, row.0),
            },
            rate_date: row.1,
            fallback,
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
        let (d, rates) = row?;
        Some(CustomsRate {
            used: FxUsed {
                pair: format!("{from}/{to}"),
                rate: self.cross(rates, from, to)?,
                source: format!("ECB euro reference rates of {d} (cross rate via EUR)"),
            },
            rate_date: d,
            fallback: None,
        })
    }

    /// The HMRC monthly rate for the calendar month of `date` (the legal GB customs rate: HMRC
    /// publishes one rate per currency per month). Pairs without GBP are crossed through the
    /// same month's HMRC rates. When the table lacks that month or currency, the latest earlier
    /// HMRC month with both currencies stands in, marked as a fallback; `None` when there is
    /// none (never an ECB rate).
    pub fn hmrc(&self, from: Currency, to: Currency, date: Date) -> Option<CustomsRate> {
        let month = format!("{:04}-{:02}", date.year(), date.month());
        let hmrc = self.hmrc_monthly();
        let upto = hmrc.partition_point(|(m, _, _)| *m <= month.as_str());
        let (i, f, t) = hmrc[..upto]
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, (_, _, rates))| Some((i, self.per_gbp(rates, from)?, self.per_gbp(rates, to)?)))?;
        let (m, source, _) = hmrc[i];
        // Foreign amounts are divided by HMRC's rate: the inverse keeps 12 decimals, exact to a
        // penny for amounts up to ten billion units.
        let rate = if from == Currency::GBP { t } else { (t / f).round_dp(12).normalize() };
        let fallback = (m != month).then(|| {
            format!(
                "HMRC's {from}/{to} customs rate for {month} is not in this snapshot: HMRC's rate for {m} is used; pass fx {{\"{from}/{to}\": \"…\"}} with HMRC's rate for {month}"
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
            });
        }
        match method {
            FxMethod::EcbMonthly => self.ecb_monthly(from, to, date),
            FxMethod::HmrcMonthly => self.hmrc(from, to, date),
            FxMethod::EcbDaily => self.ecb_daily(from, to, date),
        }
    }
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
}

impl FxMethod {
    /// The names in the table, with their methods.
    pub const NAMES: [(&'static str, FxMethod); 3] = [
        ("ecb_monthly", FxMethod::EcbMonthly),
        ("hmrc_monthly", FxMethod::HmrcMonthly),
        ("ecb_daily", FxMethod::EcbDaily),
    ];

    /// What the method is, in a sentence (`countries`).
    pub fn describe(self) -> &'static str {
        match self {
            FxMethod::EcbMonthly => "ECB reference rate of the penultimate Wednesday of the previous month (EU customs rate), or the request's fx",
            FxMethod::HmrcMonthly => "HMRC monthly rate of the month (past the HMRC table: its latest month, with a warning), or the request's fx",
            FxMethod::EcbDaily => "ECB reference rate on or before the date (dollar pegs for AED/SAR/…), or the request's fx",
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

    #[test]
    fn eu_month_past_the_ecb_table_is_a_stated_fallback() {
        let fx = crate::Engine::embedded().fx();
        let last = fx.ecb_monthly.last().unwrap().0;
        let after = Date::parse(&format!("{last}-01")).unwrap().add_days(31);
        let r = fx.customs_rate(FxMethod::EcbMonthly, Currency::USD, Currency::EUR, after).unwrap();
        assert!(r.fallback.is_some_and(|f| f.contains(last)));
    }
}
