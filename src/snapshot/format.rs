//! The binary layout of a snapshot, shared by the writer (`write.rs`, used by `build.rs` and the
//! datagen tool) and the reader (`mod.rs`). Plain std only: this file is compiled into all three.
//!
//! A snapshot is a hashed **descriptor** and **parts**. The descriptor names every part by its
//! length and SHA-256; a part (one tariff table, or one data file) travels inside the core blob
//! ("inline") or as a file of its own, fetched when a quote first needs it (the browser). The
//! snapshot id is the descriptor's hash, so it is the same whichever parts travel inline.
//!
//! ```text
//! core      magic "LNDSNAP5", varint descriptor length, descriptor,
//!           32-byte SHA-256 of magic + length + descriptor (the snapshot's content hash),
//!           varint n, then n × (varint part number, the part's bytes)      inline parts
//! descriptor
//!   strings varint n, then n × (varint len, UTF-8 bytes)      source fields, table and file names
//!   sources varint n, then n × SOURCE_FIELDS string indexes
//!   tables  varint n, then n × (jurisdiction index, varint k, then k chapter parts ×
//!           (name index, varint first chapter, varint rows, varint part length, 32-byte hash))
//!   files   varint n, then n × (name index, varint part length, 32-byte hash)
//! parts are numbered tables' chapter parts first (in table order), then files
//! table part  strings (as above), duties (varint n, n string indexes: the distinct duty texts),
//!             then the columns in turn: codes as rows × (digit count, delta of the value padded
//!             to 13 digits), then rows × varint for each other field (descriptions as zigzag
//!             deltas, duty as a number in the part's duty list, source as a position in sources)
//! file part   the file's UTF-8 text
//! ```
//! A table is split into **chapter parts**: each holds the rows whose code's first two digits
//! (the HS chapter) are at least its first chapter and below the next part's (ascending), so a
//! quote fetches only the chapters of its codes. Its name is `<jurisdiction>:<chapters>`
//! (`US:84`, `GB:01-05`; `chapter_part_name`). A data file may be split into **year parts**
//! (`fx_ecb_daily.tsv@2026`, `year_part_name`): each is the file's header line and the rows
//! whose first field starts with that year, so a quote fetches only the years of its dates.
//! A data file listing codes may be split into **chapter parts** too (`us_scopes.tsv:58-61`,
//! `chapter_file_part_name`): each is the file's header line and, in file order, every row
//! naming a code of its chapters with those codes only (rows naming none are left out); its
//! chapters run from the first its name gives to the next part's first.
//!
//! Format 5 (this one) split tables into chapter parts and the daily ECB rates into year parts;
//! format 4 had one part per table and per file.
//! A row is: code, valid_from, valid_to (days since 1970-01-01 + 1; 0 = open), description
//! (number in the separate text blob, 0 = none), units, mfn (duty number), special, col2, flags
//! (string indexes), source (position). Rows are sorted by code, then date.

#![allow(dead_code)]

pub const MAGIC: &[u8; 8] = b"LNDSNAP5";
/// The description blob: magic, the core's SHA-256, varint n, n strings, SHA-256 trailer.
pub const TEXT_MAGIC: &[u8; 8] = b"LNDTEXT1";
pub const SOURCE_FIELDS: usize = 8;
pub const ROW_FIELDS: usize = 10;
pub const HASH_LEN: usize = 32;

/// Longest code stored.
pub const CODE_DIGITS: usize = 13;

/// A code as (digit count, value right-padded with zeros to 13 digits). Sorting codes as text is
/// sorting by (value, count), so deltas between sorted codes are never negative.
pub fn encode_code(code: &str) -> Option<(u64, u64)> {
    if code.is_empty() || code.len() > CODE_DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut v: u64 = code.parse().ok()?;
    for _ in code.len()..CODE_DIGITS {
        v *= 10;
    }
    Some((code.len() as u64, v))
}

/// The digits of an encoded code.
pub fn decode_code(len: u64, value: u64) -> Option<[u8; CODE_DIGITS]> {
    if len == 0 || len as usize > CODE_DIGITS || value >= 10u64.pow(CODE_DIGITS as u32) {
        return None;
    }
    let mut out = [b'0'; CODE_DIGITS];
    let mut v = value;
    for slot in out.iter_mut().rev() {
        *slot = b'0' + (v % 10) as u8;
        v /= 10;
    }
    Some(out)
}

/// Appends `v` as an unsigned LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Reads a varint at `*pos`, advancing it; `None` on truncation or overflow.
pub fn get_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v: u64 = 0;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date, plus one (0 stands for "open").
pub fn encode_date(text: &str) -> Option<u64> {
    if text.is_empty() {
        return Some(0);
    }
    let mut it = text.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = it.next()?.parse().ok()?;
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days + 1).ok()
}

/// The file name a part is published under beside a site: content-addressed by its SHA-256, so
/// it can be cached for ever (`landed-part-<first 16 hex digits>.bin`).
pub fn part_file_name(sha256: &[u8; 32]) -> String {
    let hex: String = sha256[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("landed-part-{hex}.bin")
}

/// The HS chapter (first two digits, 0..=99) of a code's ASCII digits; `None` for fewer than two
/// digits or a non-digit.
pub fn chapter(code: &[u8]) -> Option<u8> {
    match code {
        [a @ b'0'..=b'9', b @ b'0'..=b'9', ..] => Some((a - b'0') * 10 + (b - b'0')),
        _ => None,
    }
}

/// The name of a table's chapter part: `US:84` for one chapter, `GB:01-05` for a run of them.
pub fn chapter_part_name(jurisdiction: &str, first: u8, last: u8) -> String {
    if first == last {
        format!("{jurisdiction}:{first:02}")
    } else {
        format!("{jurisdiction}:{first:02}-{last:02}")
    }
}

/// The name of the part of the data file `file` holding the codes of chapters `first` to `last`
/// (`us_scopes.tsv:58-61`; `us_scopes.tsv:84` for one chapter).
pub fn chapter_file_part_name(file: &str, first: u8, last: u8) -> String {
    chapter_part_name(file, first, last)
}

/// The file and first chapter of a data file's chapter part (`us_scopes.tsv:58-61` →
/// (`us_scopes.tsv`, 58)); `None` for a whole file or a year part.
pub fn split_chapter_file_part(name: &str) -> Option<(&str, u8)> {
    let (file, chapters) = name.rsplit_once(':')?;
    let first = chapters.get(..2).filter(|c| c.bytes().all(|b| b.is_ascii_digit()))?;
    Some((file, first.parse().ok()?))
}

/// Separates a split data file's name from a year part's year (`fx_ecb_daily.tsv@2026`).
pub const YEAR_PART_SEPARATOR: char = '@';

/// The name of the part of `file` holding the rows of `year`.
pub fn year_part_name(file: &str, year: &str) -> String {
    format!("{file}{YEAR_PART_SEPARATOR}{year}")
}

/// The file and year of a year part's name (`fx_ecb_daily.tsv@2026` → (`fx_ecb_daily.tsv`,
/// 2026)); `None` for a whole file.
pub fn split_year_part(name: &str) -> Option<(&str, i32)> {
    let (file, year) = name.rsplit_once(YEAR_PART_SEPARATOR)?;
    Some((file, year.parse().ok()?))
}

/// Separates a keyed rule file's name from a destination part's key (`rules/fees.tsv#US`).
pub const KEYED_PART_SEPARATOR: char = '#';

/// Starts a line of a keyed rule file's base part standing for the next row of a destination
/// part (`@US`: the next row of `rules/fees.tsv#US`). No row of those tables starts with it.
pub const KEYED_ROW_MARKER: char = '@';

/// [`KEYED_ROW_MARKER`] at the start of a line, as a base part holding any marker contains it.
pub const KEYED_ROW_MARKER_LINE: &str = "\n@";

/// The name of the part of `file` holding the rows whose key column is `key`.
pub fn keyed_part_name(file: &str, key: &str) -> String {
    format!("{file}{KEYED_PART_SEPARATOR}{key}")
}

/// The file and key of a destination part's name (`rules/fees.tsv#US` → (`rules/fees.tsv`,
/// `US`)); `None` for any other part.
pub fn split_keyed_part(name: &str) -> Option<(&str, &str)> {
    name.split_once(KEYED_PART_SEPARATOR).filter(|(file, key)| !file.is_empty() && !key.is_empty())
}
