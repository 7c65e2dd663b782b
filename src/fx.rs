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

/// Embedded reference rates: ECB (units per euro, monthly EU customs rates and daily rates) and
/// HMRC monthly rates (units per pound).
#[derive(Debug)]
pub struct EmbeddedFx {
    currencies: Vec<Currency>,
    /// (month "YYYY-MM", reference date, the row's rates per EUR as tab-separated text)
    ecb_monthly: Vec<(&'static str, Date, &'static str)>,
    /// (date, the day's rates per EUR as tab-separated text), ascending
    ecb_daily: Vec<(Date, &'static str)>,
    /// (currency, valid_from, valid_to, units per GBP), parsed when a GB quote first needs it
    hmrc: std::sync::OnceLock<Vec<(Currency, Date, Date, Decimal)>>,
    hmrc_text: &'static str,
    /// Currencies pegged to the US dollar: (currency, units per USD).
    pegs: Vec<(Currency, Decimal)>,
    /// Memoised customs rates by (destination kind, from, to, date).
    cache: std::sync::Mutex<Vec<RateKey>>,
}

type RateKey = ((u8, Currency, Currency, Date), Option<CustomsRate>);

use crate::date::Date;

/// A customs exchange rate with where it came from and the date it is of.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomsRate {
    pub used: FxUsed,
    /// The day the rate is of (its reference date).
    pub rate_date: Date,
}

impl EmbeddedFx {
    /// Reads the exchange-rate tables of a snapshot (engines do this once: see
    /// [`crate::Engine::fx`]).
    pub fn load(snapshot: &'static crate::snapshot::Snapshot<'static>) -> Result<EmbeddedFx> {
        let missing = |n: &str| Error::new(ErrorCode::Snapshot, n, "FX table missing from the snapshot");
        let monthly = snapshot.file("fx_ecb_monthly.tsv").ok_or_else(|| missing("fx_ecb_monthly.tsv"))?;
        let daily = snapshot.file("fx_ecb_daily.tsv").ok_or_else(|| missing("fx_ecb_daily.tsv"))?;
        let hmrc = snapshot.file("fx_hmrc_monthly.tsv").ok_or_else(|| missing("fx_hmrc_monthly.tsv"))?;
        let rate = |t: &str| if t.is_empty() { None } else { Decimal::from_str_exact(t).ok() };
        let header: Vec<&str> = monthly.lines().next().unwrap_or_default().split('\t').skip(2).collect();
        let currencies = header.iter().map(|c| Currency::parse(c)).collect::<Result<Vec<_>>>()?;
        // Rows keep their rates as text: a quote parses only the one or two rates it needs.
        let mut ecb_monthly = Vec::new();
        for line in monthly.lines().skip(1) {
            let mut f = line.splitn(3, '\t');
            let month = f.next().unwrap_or_default();
            let reference = Date::parse(f.next().unwrap_or_default())?;
            ecb_monthly.push((month, reference, f.next().unwrap_or_default()));
        }
        let daily_header: Vec<&str> = daily.lines().next().unwrap_or_default().split('\t').skip(1).collect();
        if daily_header != header {
            return Err(Error::new(
                ErrorCode::Snapshot,
                "fx_ecb_daily.tsv",
                "currency columns differ from the monthly table",
            ));
        }
        let mut ecb_daily = Vec::new();
        for line in daily.lines().skip(1) {
            let (d, rest) = line.split_once('\t').unwrap_or((line, ""));
            ecb_daily.push((Date::parse(d)?, rest));
        }
        let pegs_text = snapshot.file("rules/fx_pegs.tsv").ok_or_else(|| missing("rules/fx_pegs.tsv"))?;
        let mut pegs = Vec::new();
        for line in pegs_text.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if let (Ok(c), Some(r)) = (Currency::parse(f[0]), f.get(1).and_then(|t| rate(t))) {
                pegs.push((c, r));
            }
        }
        Ok(EmbeddedFx {
            currencies,
            ecb_monthly,
            ecb_daily,
            hmrc: std::sync::OnceLock::new(),
            hmrc_text: hmrc,
            pegs,
            cache: std::sync::Mutex::new(Vec::new()),
        })
    }

    fn hmrc_rows(&self) -> &[(Currency, Date, Date, Decimal)] {
        self.hmrc.get_or_init(|| {
            self.hmrc_text
                .lines()
                .skip(1)
                .filter_map(|line| {
                    let f: Vec<&str> = line.split('\t').collect();
                    let rate = Decimal::from_str_exact(f.get(3)?).ok()?;
                    Some((
                        Currency::parse(f[0]).ok()?,
                        Date::parse(f.get(1)?).ok()?,
                        Date::parse(f.get(2)?).ok()?,
                        rate,
                    ))
                })
                .collect()
        })
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
    /// previous month); the latest month when `date` is past the table.
    pub fn ecb_monthly(&self, from: Currency, to: Currency, date: Date) -> Option<CustomsRate> {
        let month = format!("{:04}-{:02}", date.year(), date.month());
        let row = self.ecb_monthly.iter().rev().find(|(m, _, _)| *m <= month.as_str())?;
        Some(CustomsRate {
            used: FxUsed {
                pair: format!("{from}/{to}"),
                rate: self.cross(row.2, from, to)?,
                source: format!("ECB euro reference rate of {} (EU customs rate for {})", row.1, row.0),
            },
            rate_date: row.1,
        })
    }

    /// The ECB rate on `date` or the last day before it with one; before the daily table
    /// starts, the monthly rate.
    pub fn ecb_daily(&self, from: Currency, to: Currency, date: Date) -> Option<CustomsRate> {
        let upto = self.ecb_daily.partition_point(|(d, _)| *d <= date);
        if upto == 0 {
            return self.ecb_monthly(from, to, date);
        }
        let (d, rates) = self.ecb_daily[..upto].iter().rev().find(|(_, r)| self.cross(r, from, to).is_some())?;
        Some(CustomsRate {
            used: FxUsed {
                pair: format!("{from}/{to}"),
                rate: self.cross(rates, from, to)?,
                source: format!("ECB euro reference rates of {d} (cross rate via EUR)"),
            },
            rate_date: *d,
        })
    }

    /// The HMRC monthly rate covering `date` for a pair with GBP on one side.
    pub fn hmrc(&self, from: Currency, to: Currency, date: Date) -> Option<CustomsRate> {
        let (other, invert) = if to == Currency::GBP {
            (from, true)
        } else if from == Currency::GBP {
            (to, false)
        } else {
            return None;
        };
        let (_, f, _, per_gbp) =
            self.hmrc_rows().iter().find(|(c, f, t, _)| *c == other && *f <= date && date <= *t)?;
        let rate = if invert { (Decimal::ONE / *per_gbp).round_dp(6).normalize() } else { *per_gbp };
        Some(CustomsRate {
            used: FxUsed { pair: format!("{from}/{to}"), rate, source: format!("HMRC monthly exchange rate from {f}") },
            rate_date: *f,
        })
    }

    /// The customs rate the destination's law prescribes, from the embedded tables: EU members
    /// the monthly ECB-based rate, GB the HMRC monthly rate (ECB cross rate where the HMRC
    /// table ends), others the ECB rate for the date.
    pub fn customs_rate(&self, destination: &str, from: Currency, to: Currency, date: Date) -> Option<CustomsRate> {
        // The rule depends only on the destination's kind (EU, GB, other); rates are read from
        // text, so the answers are memoised (bounded: cleared when full).
        let kind: u8 = match crate::snapshot::tariff_jurisdiction(destination) {
            "EU" => 0,
            "GB" => 1,
            _ => 2,
        };
        let key = (kind, from, to, date);
        if let Ok(cache) = self.cache.lock() {
            if let Some((_, r)) = cache.iter().find(|(k, _)| *k == key) {
                return r.clone();
            }
        }
        let r = self.customs_rate_uncached(destination, from, to, date);
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= 256 {
                cache.clear();
            }
            cache.push((key, r.clone()));
        }
        r
    }

    fn customs_rate_uncached(
        &self,
        destination: &str,
        from: Currency,
        to: Currency,
        date: Date,
    ) -> Option<CustomsRate> {
        if from == to {
            return Some(CustomsRate {
                used: FxUsed { pair: format!("{from}/{to}"), rate: Decimal::ONE, source: "identity".into() },
                rate_date: date,
            });
        }
        if crate::snapshot::tariff_jurisdiction(destination) == "EU" {
            return self.ecb_monthly(from, to, date);
        }
        if destination == "GB" {
            if let Some(r) = self.hmrc(from, to, date) {
                return Some(r);
            }
        }
        self.ecb_daily(from, to, date)
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
        let a = fx.customs_rate("DE", Currency::USD, Currency::EUR, Date::parse("2026-04-01").unwrap()).unwrap();
        let b = fx.customs_rate("DE", Currency::USD, Currency::EUR, Date::parse("2026-04-30").unwrap()).unwrap();
        assert_eq!(a.used.rate, b.used.rate);
        assert_eq!(a.rate_date.to_string(), "2026-03-18");
    }

    #[test]
    fn gb_uses_hmrc_monthly_rates_where_published() {
        let fx = crate::Engine::embedded().fx();
        let r = fx.customs_rate("GB", Currency::USD, Currency::GBP, Date::parse("2022-05-10").unwrap()).unwrap();
        assert!(r.used.source.starts_with("HMRC"), "{}", r.used.source);
        let later = fx.customs_rate("GB", Currency::USD, Currency::GBP, Date::parse("2026-03-02").unwrap()).unwrap();
        assert!(later.used.source.starts_with("ECB"), "{}", later.used.source);
    }
}
