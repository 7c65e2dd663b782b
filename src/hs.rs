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

/// A tariff code of 2 to 13 digits, stored without separators, inline (no allocation). The
/// unused tail is zero bytes, so the derived order is the digits' order (a code sorts before the
/// longer codes under it).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HsCode {
    digits: [u8; MAX_DIGITS],
    len: u8,
}

impl HsCode {
    /// No code (no digits): a placeholder in a list of codes filled later, never a line's code
    /// (every parsed code has 2 to 13 digits).
    pub(crate) const NONE: HsCode = HsCode { digits: [0u8; MAX_DIGITS], len: 0 };

    /// Parses `6109.10.0010`, `6109 10 00 10`, `610910`, `61091000`.
    /// Letters, stray punctuation, or a digit count outside 2..=13 are an `E_HS_CODE` error.
    pub fn parse(text: &str) -> Result<HsCode> {
        // The common spelling, bare digits, needs no trimming or separators.
        match Self::from_stored(text.as_bytes()) {
            Some(code) => Ok(code),
            None => Self::parse_spelled(text),
        }
    }

    /// A code of 2 to 13 bare ASCII digits (as a snapshot stores them, and as most callers spell
    /// them): `None` for anything else.
    pub(crate) fn from_stored(digits: &[u8]) -> Option<HsCode> {
        if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits.len()) || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut code = HsCode { digits: [0u8; MAX_DIGITS], len: digits.len() as u8 };
        code.digits[..digits.len()].copy_from_slice(digits);
        Some(code)
    }

    /// [`HsCode::parse`] for text with separators, spaces or errors.
    fn parse_spelled(text: &str) -> Result<HsCode> {
        let err = |why: String| Error::new(ErrorCode::HsCode, "code", why);
        let mut digits = [0u8; MAX_DIGITS];
        let mut len = 0usize;
        for ch in text.trim().chars() {
            match ch {
                '0'..='9' => {
                    if len < MAX_DIGITS {
                        digits[len] = ch as u8;
                    }
                    len += 1;
                }
                '.' | ' ' | '-' | '\u{a0}' => {}
                other => {
                    return Err(err(format!(
                        "{} is not a tariff code: {other:?} is not a digit (use digits with optional dots or spaces, e.g. 6109.10.0010)",
                        crate::error::shown(text)
                    )))
                }
            }
        }
        if len == 0 {
            return Err(err("the tariff code is empty: give 2 to 13 digits, e.g. 6109 or 6109100010".into()));
        }
        if !(MIN_DIGITS..=MAX_DIGITS).contains(&len) {
            return Err(err(format!(
                "{} has {len} digits: a tariff code has {MIN_DIGITS} to {MAX_DIGITS}",
                crate::error::shown(text)
            )));
        }
        Ok(HsCode { digits, len: len as u8 })
    }

    /// The digits, without separators.
    pub fn digits(&self) -> &str {
        // Only ASCII digits are stored (`parse`).
        std::str::from_utf8(self.bytes()).unwrap_or_default()
    }

    /// The digits as ASCII bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.digits[..self.len as usize]
    }

    /// The code as one integer, equal only for equal codes: its digits (unused places are zero)
    /// and its length, as they are held, without the arithmetic of [`HsCode::packed`] (a memo's
    /// key: `quote::TariffMemo`).
    pub(crate) fn key(&self) -> u128 {
        let mut bytes = [0u8; 16];
        bytes[..MAX_DIGITS].copy_from_slice(&self.digits);
        bytes[MAX_DIGITS] = self.len;
        u128::from_le_bytes(bytes)
    }

    /// The code as one integer for comparisons: its digits left-aligned in 13 places (a shorter
    /// code is padded with zeros), times 16, plus its length. Ordering the packed values orders
    /// the codes as text: a code sorts before the longer codes under it.
    pub fn packed(&self) -> u64 {
        pack(self.bytes())
    }

    /// Number of digits given.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Never true: a code has at least two digits. Present for API symmetry with `len`.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The HS chapter (first two digits).
    pub fn chapter(&self) -> &str {
        self.prefix(2)
    }

    /// The first `n` digits (or all of them if fewer).
    pub fn prefix(&self, n: usize) -> &str {
        &self.digits()[..n.min(self.len())]
    }

    /// True when this code is `other` or lies under it (`61091000` is under `6109`).
    pub fn is_under(&self, other: &HsCode) -> bool {
        self.bytes().starts_with(other.bytes())
    }

    /// The code dotted as the HS writes it: `6109.10.00.10`.
    pub fn dotted(&self) -> String {
        let d = self.digits();
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

/// Packs up to 13 ASCII digits as [`HsCode::packed`] does (digits left-aligned in 13 places,
/// times 16, plus the length); other bytes count as zeros.
pub fn pack(digits: &[u8]) -> u64 {
    let n = digits.len().min(MAX_DIGITS);
    let mut value = 0u64;
    for &b in &digits[..n] {
        let d = b.wrapping_sub(b'0');
        value = value * 10 + u64::from(if d < 10 { d } else { 0 });
    }
    // The missing digits count as zeros on the right.
    value * POWERS_OF_TEN[MAX_DIGITS - n] * 16 + n as u64
}

/// `10^i` for every shift [`pack`] needs.
const POWERS_OF_TEN: [u64; MAX_DIGITS + 1] = {
    let mut p = [1u64; MAX_DIGITS + 1];
    let mut i = 1;
    while i <= MAX_DIGITS {
        p[i] = p[i - 1] * 10;
        i += 1;
    }
    p
};

/// The packed range of the codes under `prefix`, itself included: those whose first digits are
/// the prefix's and that are at least as long.
pub fn packed_range(prefix: &[u8]) -> std::ops::Range<u64> {
    packed_range_of(pack(prefix))
}

/// [`packed_range`] of a prefix already packed (its length is the packed value's low four bits).
pub fn packed_range_of(lo: u64) -> std::ops::Range<u64> {
    let len = (lo % 16) as usize;
    let span = POWERS_OF_TEN[MAX_DIGITS - len.min(MAX_DIGITS)] * 16;
    lo..(lo - lo % 16 + span)
}

impl fmt::Display for HsCode {
    /// The digits, padded as a string is (`{:<12}` in the CLI's tables).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.digits())
    }
}

/// The digits as text (`"61091000"`), so a code reads like the string it is written as.
impl std::ops::Deref for HsCode {
    type Target = str;
    fn deref(&self) -> &str {
        self.digits()
    }
}

impl fmt::Debug for HsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HsCode({})", self.digits())
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
        s.serialize_str(self.digits())
    }
}

impl<'de> Deserialize<'de> for HsCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        HsCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// True when the digits of `code` (separators skipped) start with `prefix` (digits).
///
/// ```
/// assert!(landed::hs::digits_start_with("2204.21.93", "220421"));
/// assert!(!landed::hs::digits_start_with("2204", "220421"));
/// ```
pub fn digits_start_with(code: &str, prefix: &str) -> bool {
    let mut digits = code.bytes().filter(u8::is_ascii_digit);
    prefix.bytes().all(|p| digits.next() == Some(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_match_the_digits_whatever_the_separators() {
        assert!(digits_start_with("2204.21.09", "220421"));
        assert!(!digits_start_with("2203", "2204"));
        assert!(!digits_start_with("22", "2204"));
    }

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
    fn a_codes_key_is_equal_only_for_the_same_code() {
        let codes = ["61", "610", "6100", "61000", "6109", "610910", "6109100010", "6109100001", "0000000000000"];
        let keys: Vec<u128> = codes.iter().map(|c| HsCode::parse(c).unwrap().key()).collect();
        for (i, a) in keys.iter().enumerate() {
            for (j, b) in keys.iter().enumerate() {
                assert_eq!(a == b, i == j, "{} {}", codes[i], codes[j]);
            }
        }
        // However spelled: the digits decide.
        assert_eq!(HsCode::parse("6109.10.00 10").unwrap().key(), HsCode::parse("6109100010").unwrap().key());
    }

    #[test]
    fn packed_codes_order_as_text_and_prefix_ranges_hold_the_codes_under_them() {
        let codes = ["61", "6109", "610910", "61091000", "6109100010", "6110", "62"];
        let packed: Vec<u64> = codes.iter().map(|c| HsCode::parse(c).unwrap().packed()).collect();
        assert!(packed.windows(2).all(|w| w[0] < w[1]), "{packed:?}");
        let under = packed_range(b"6109");
        assert!(codes.iter().zip(&packed).all(|(c, p)| under.contains(p) == c.starts_with("6109")));
        let under = packed_range(b"6100");
        assert!(!under.contains(&pack(b"61")) && under.contains(&pack(b"61000")) && !under.contains(&pack(b"6101")));
        assert_eq!(pack(b"0101"), HsCode::parse("0101").unwrap().packed());
    }

    #[test]
    fn dotted_form() {
        assert_eq!(HsCode::parse("6109100010").unwrap().dotted(), "6109.10.00.10");
        assert_eq!(HsCode::parse("6109").unwrap().dotted(), "6109");
    }
}
