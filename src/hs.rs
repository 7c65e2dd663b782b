//! Harmonized System and national tariff codes.
//!
//! A code keeps exactly the digits the user gave: `6109` is a valid partial code (a heading),
//! `6109.10.0010` a full 10-digit US statistical line. Separators (dots, spaces) are ignored.

use crate::error::{Error, ErrorCode, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Shortest code accepted: an HS chapter.
pub const MIN_DIGITS: usize = 2;
/// Longest code accepted: national codes run to 10 digits, some to 12–13.
pub const MAX_DIGITS: usize = 13;

/// A tariff code of 2 to 13 digits, stored without separators.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HsCode(String);

impl HsCode {
    /// Parses `6109.10.0010`, `6109 10 00 10`, `610910`, `61091000`.
    /// Letters, stray punctuation, or a digit count outside 2..=13 are an `E_HS_CODE` error.
    pub fn parse(text: &str) -> Result<HsCode> {
        let err = |why: String| Error::new(ErrorCode::HsCode, "code", why);
        let mut digits = String::with_capacity(text.len());
        for ch in text.trim().chars() {
            match ch {
                '0'..='9' => digits.push(ch),
                '.' | ' ' | '-' | '\u{a0}' => {}
                other => {
                    return Err(err(format!(
                        "{text:?} is not a tariff code: {other:?} is not a digit (use digits with optional dots or spaces, e.g. 6109.10.0010)"
                    )))
                }
            }
        }
        if digits.is_empty() {
            return Err(err("the tariff code is empty: give 2 to 13 digits, e.g. 6109 or 6109100010".into()));
        }
        if digits.len() < MIN_DIGITS || digits.len() > MAX_DIGITS {
            return Err(err(format!(
                "{text:?} has {} digits: a tariff code has {MIN_DIGITS} to {MAX_DIGITS}",
                digits.len()
            )));
        }
        Ok(HsCode(digits))
    }

    /// The digits, without separators.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// Number of digits given.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Never true: a code has at least two digits. Present for API symmetry with `len`.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The HS chapter (first two digits).
    pub fn chapter(&self) -> &str {
        &self.0[..2]
    }

    /// The first `n` digits (or all of them if fewer).
    pub fn prefix(&self, n: usize) -> &str {
        &self.0[..n.min(self.0.len())]
    }

    /// True when this code is `other` or lies under it (`61091000` is under `6109`).
    pub fn is_under(&self, other: &HsCode) -> bool {
        self.0.starts_with(&other.0)
    }

    /// The code dotted as the HS writes it: `6109.10.00.10`.
    pub fn dotted(&self) -> String {
        let d = &self.0;
        let mut out = String::with_capacity(d.len() + 4);
        for (i, ch) in d.chars().enumerate() {
            if i == 4 || i == 6 || i == 8 {
                out.push('.');
            }
            out.push(ch);
        }
        out
    }
}

impl fmt::Display for HsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for HsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HsCode({})", self.0)
    }
}

impl FromStr for HsCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        HsCode::parse(s)
    }
}

impl Serialize for HsCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for HsCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        HsCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_every_common_spelling() {
        for s in ["6109.10.0010", "6109 10 00 10", "6109100010"] {
            assert_eq!(HsCode::parse(s).unwrap().digits(), "6109100010");
        }
        assert_eq!(HsCode::parse("610910").unwrap().len(), 6);
        assert_eq!(HsCode::parse("61091000").unwrap().len(), 8);
    }

    #[test]
    fn partial_codes_are_valid_input() {
        let c = HsCode::parse("6109").unwrap();
        assert_eq!(c.len(), 4);
        assert!(HsCode::parse("61091000").unwrap().is_under(&c));
        assert_eq!(HsCode::parse("61").unwrap().chapter(), "61");
    }

    #[test]
    fn garbage_is_a_typed_error_naming_the_field() {
        for s in ["", "  ", "61O9", "abc", "6", "12345678901234", "6109/10"] {
            let e = HsCode::parse(s).unwrap_err();
            assert_eq!(e.code, ErrorCode::HsCode, "{s:?}");
            assert_eq!(e.field.as_deref(), Some("code"));
        }
    }

    #[test]
    fn dotted_form() {
        assert_eq!(HsCode::parse("6109100010").unwrap().dotted(), "6109.10.00.10");
        assert_eq!(HsCode::parse("6109").unwrap().dotted(), "6109");
    }
}
