//! What every importer shares: the normalized tariff row and its TSV form, the provenance of a
//! source file, and the readers of the official files (CSV, text as UTF-8), kept apart from
//! the importers so that each of them depends on this module and none on another.

use landed::error::{Error, ErrorCode, Result};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

/// The columns of every `tariffs/<jurisdiction>.tsv` table, in order.
pub const COLUMNS: [&str; 10] =
    ["code", "valid_from", "valid_to", "description", "units", "mfn", "special", "col2", "flags", "source"];

/// One normalized tariff line (empty fields by default: a table fills only what it publishes).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct TableRow {
    pub code: String,
    pub valid_from: String,
    pub valid_to: String,
    pub description: String,
    /// Units of quantity the tariff reports in (US `KG`, `NO`, …), comma-separated.
    pub units: String,
    /// MFN / third-country duty text exactly as published.
    pub mfn: String,
    /// US column 1 special: preference rates with their program letters.
    pub special: String,
    /// US column 2.
    pub col2: String,
    /// Comma-separated flags: `trade_remedy`, `suspension`, `quota`.
    pub flags: String,
    /// Id of the row in `sources.tsv`.
    pub source: String,
}

/// Provenance of one source file.
#[derive(Debug, Clone)]
pub struct SourceRow {
    pub id: &'static str,
    pub jurisdiction: &'static str,
    pub publisher: &'static str,
    pub dataset: &'static str,
    pub vintage: &'static str,
    pub licence: &'static str,
    pub file: &'static str,
}

pub(crate) fn io_err(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::Io, "sources", format!("{}: {e}", path.display()))
}

/// Text as UTF-8: the USITC file is Latin-1, the UK file UTF-8.
pub(crate) fn text(raw: &[u8]) -> String {
    let s = match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => raw.iter().map(|&b| b as char).collect(),
    };
    s.trim_start_matches('\u{feff}').split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) struct Csv {
    pub(crate) headers: Vec<String>,
    pub(crate) records: Vec<csv::ByteRecord>,
}

impl Csv {
    pub(crate) fn read(path: &Path) -> Result<Csv> {
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_path(path).map_err(|e| io_err(path, e))?;
        let headers = rdr.byte_headers().map_err(|e| io_err(path, e))?.iter().map(text).collect();
        let records = rdr.byte_records().collect::<std::result::Result<Vec<_>, _>>().map_err(|e| io_err(path, e))?;
        Ok(Csv { headers, records })
    }

    pub(crate) fn col(&self, name: &str) -> Result<usize> {
        self.headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| Error::new(ErrorCode::Io, "sources", format!("column {name} not found")))
    }
}

/// Writes rows as TSV with the [`COLUMNS`] header.
pub fn to_tsv(rows: &BTreeSet<TableRow>) -> String {
    let mut out = COLUMNS.join("\t");
    out.push('\n');
    for r in rows {
        let fields = [
            &r.code,
            &r.valid_from,
            &r.valid_to,
            &r.description,
            &r.units,
            &r.mfn,
            &r.special,
            &r.col2,
            &r.flags,
            &r.source,
        ];
        out.push_str(&fields.map(|f| f.as_str()).join("\t"));
        out.push('\n');
    }
    out
}

/// Hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
