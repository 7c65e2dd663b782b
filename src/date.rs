//! Civil dates (proleptic Gregorian), enough for as-of dates, validity ranges and seasons.

use crate::error::{Error, ErrorCode, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date. Ordered chronologically.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: i16,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, or an `E_DATE` error if it does not exist.
    pub fn new(year: i32, month: u32, day: u32) -> Result<Date> {
        if !(1900..=2999).contains(&year) || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month)
        {
            return Err(Error::new(
                ErrorCode::Date,
                "date",
                format!("{year:04}-{month:02}-{day:02} is not a valid date between 1900 and 2999"),
            ));
        }
        Ok(Date { year: year as i16, month: month as u8, day: day as u8 })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date> {
        let bad = || Error::new(ErrorCode::Date, "date", format!("{text:?} is not a date: expected YYYY-MM-DD"));
        let t = text.trim();
        let mut parts = t.split('-');
        let (y, m, d) = (parts.next(), parts.next(), parts.next());
        if parts.next().is_some() || t.len() != 10 {
            return Err(bad());
        }
        let num = |s: Option<&str>| s.and_then(|s| s.parse::<u32>().ok()).ok_or_else(bad);
        Date::new(num(y)? as i32, num(m)?, num(d)?)
    }

    /// Parses the USITC `M/D/YY` form (years 00–69 are 20xx, 70–99 are 19xx).
    pub fn parse_mdy(text: &str) -> Result<Date> {
        let bad = || Error::new(ErrorCode::Date, "date", format!("{text:?} is not a M/D/YY date"));
        let mut it = text.trim().split('/');
        let m: u32 = it.next().and_then(|s| s.parse().ok()).ok_or_else(bad)?;
        let d: u32 = it.next().and_then(|s| s.parse().ok()).ok_or_else(bad)?;
        let y: i32 = it.next().and_then(|s| s.parse().ok()).ok_or_else(bad)?;
        let year = match y {
            0..=69 => 2000 + y,
            70..=99 => 1900 + y,
            _ => y,
        };
        Date::new(year, m, d)
    }

    pub fn year(&self) -> i32 {
        i32::from(self.year)
    }
    pub fn month(&self) -> u32 {
        u32::from(self.month)
    }
    pub fn day(&self) -> u32 {
        u32::from(self.day)
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days since 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date { year: y as i16, month: m as u8, day: d as u8 }
    }

    /// This date moved by `days` (may be negative).
    pub fn add_days(&self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(&self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        ((self.days_since_epoch() + 3).rem_euclid(7)) as u32
    }

    /// The first day of this date's month.
    pub fn first_of_month(&self) -> Date {
        Date { day: 1, ..*self }
    }
}

/// Days in a month of a year.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Date {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Date::parse(s)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_day_numbers() {
        for s in ["1970-01-01", "2000-02-29", "2026-02-24", "2026-07-01", "2099-12-31"] {
            let d = Date::parse(s).unwrap();
            assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), d);
            assert_eq!(d.to_string(), s);
        }
        assert_eq!(Date::parse("2026-03-01").unwrap().add_days(-1).to_string(), "2026-02-28");
    }

    #[test]
    fn weekday_is_monday_based() {
        assert_eq!(Date::parse("2026-11-24").unwrap().weekday(), 1); // a Tuesday
        assert_eq!(Date::parse("1970-01-01").unwrap().weekday(), 3);
    }

    #[test]
    fn invalid_dates_are_typed_errors() {
        for s in ["2026-02-30", "2026-13-01", "26-01-01", "yesterday", "2026-1-1", ""] {
            assert_eq!(Date::parse(s).unwrap_err().code, ErrorCode::Date, "{s}");
        }
        assert_eq!(Date::parse_mdy("4/10/25").unwrap().to_string(), "2025-04-10");
        assert_eq!(Date::parse_mdy("12/31/50").unwrap().to_string(), "2050-12-31");
    }
}
