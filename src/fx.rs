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
