//! Country codes a request may name: the ISO 3166-1 alpha-2 codes officially assigned, plus the
//! three codes customs use outside that list (XI Northern Ireland, XK Kosovo, IC the Canary
//! Islands), from
//! `src/country/iso3166.tsv` (each row with its source).
//!
//! The table is read at compile time into a 26 × 26 bitmap, so a check costs one load.

/// The code table: a header, then `code<TAB>name<TAB>source` per row.
const TABLE: &str = include_str!("country/iso3166.tsv");

/// Bit `second` of word `first` is set when the code `first second` (letters as 0..26) is known.
static KNOWN: [u32; 26] = known_codes(TABLE.as_bytes());

const fn known_codes(table: &[u8]) -> [u32; 26] {
    let mut bits = [0u32; 26];
    let mut i = 0;
    let mut line_start = true;
    let mut header = true;
    while i < table.len() {
        if line_start && !header {
            let (a, b) = (table[i], table[i + 1]);
            assert!(a.is_ascii_uppercase() && b.is_ascii_uppercase() && table[i + 2] == b'\t', "bad country row");
            bits[(a - b'A') as usize] |= 1 << (b - b'A');
        }
        line_start = table[i] == b'\n';
        if line_start {
            header = false;
        }
        i += 1;
    }
    bits
}

/// True when `code` (two upper-case ASCII letters) is a country or territory code we know.
pub fn is_known(code: &str) -> bool {
    match code.as_bytes() {
        [a, b] => is_known_pair(*a, *b),
        _ => false,
    }
}

/// [`is_known`] in any letter case (`gb`, `Gb`), without allocating.
pub fn is_known_ignore_case(code: &str) -> bool {
    match code.as_bytes() {
        [a, b] => is_known_pair(a.to_ascii_uppercase(), b.to_ascii_uppercase()),
        _ => false,
    }
}

fn is_known_pair(a: u8, b: u8) -> bool {
    a.is_ascii_uppercase() && b.is_ascii_uppercase() && KNOWN[usize::from(a - b'A')] & (1 << (b - b'A')) != 0
}

/// The code to use instead of a common look-alike that ISO 3166-1 does not assign to a country.
pub fn suggestion(code: &str) -> Option<&'static str> {
    match code {
        "UK" => Some("GB"),
        "EL" => Some("GR"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assigned_codes_are_known_and_unassigned_ones_are_not() {
        for code in ["GB", "DE", "US", "CN", "JP", "AD", "ZW", "XI", "XK", "IC"] {
            assert!(is_known(code), "{code}");
        }
        assert!(is_known_ignore_case("gb") && is_known_ignore_case("Xi"));
        // XX, ZZ, AA are user-assigned or unassigned; UK and EU are reserved, not countries.
        for code in ["XX", "ZZ", "AA", "UK", "EU", "gb", "G", "GBR", ""] {
            assert!(!is_known(code), "{code}");
        }
    }

    #[test]
    fn the_table_has_every_assigned_code() {
        // ISO 3166-1 assigns 249 alpha-2 codes; the table adds XI, XK and IC.
        let n: u32 = KNOWN.iter().map(|w| w.count_ones()).sum();
        assert_eq!(n, 249 + 3);
    }
}
