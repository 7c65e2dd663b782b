//! Embedded tariff snapshots: decoding (hash-checked), and lookup by jurisdiction, code and date.

mod format;
mod lookup;

pub use lookup::{Lookup, LookupLine, Match};

use crate::date::Date;
use crate::duty::DutyExpr;
use crate::error::{Error, ErrorCode, Result};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The snapshot compiled from `tariffs/` at build time: rates, dates, rules (the core).
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/snapshot.bin"));

/// The descriptions of the embedded snapshot. Natively they are embedded too; the browser build
/// leaves them out of the bundle and loads them on demand (`loadDescriptions`).
#[cfg(not(target_arch = "wasm32"))]
static EMBEDDED_TEXT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/snapshot-text.bin"));

/// The raw bytes of the embedded snapshot (for tools and tests).
pub fn embedded_bytes() -> &'static [u8] {
    EMBEDDED
}

/// The raw bytes of the embedded description blob (native builds; the browser loads it).
#[cfg(not(target_arch = "wasm32"))]
pub fn embedded_text_bytes() -> &'static [u8] {
    EMBEDDED_TEXT
}

/// Where a tariff table comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct SourceInfo<'a> {
    pub id: &'a str,
    pub jurisdiction: &'a str,
    pub publisher: &'a str,
    pub dataset: &'a str,
    pub vintage: &'a str,
    pub licence: &'a str,
    pub file: &'a str,
    pub sha256: &'a str,
}

/// One published tariff line, valid over a date range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row<'a> {
    code_digits: [u8; format::CODE_DIGITS],
    code_len: u8,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// Index of the description in the text blob (0: none); see [`Snapshot::description`].
    pub description: u32,
    pub units: &'a str,
    pub mfn: &'a str,
    pub special: &'a str,
    pub col2: &'a str,
    pub flags: &'a str,
    pub source: u32,
    /// Index of `mfn` among the snapshot's distinct duty texts (see [`Snapshot::expression`]).
    pub duty: u32,
}

impl Row<'_> {
    /// The national code as published (digits only).
    pub fn code(&self) -> &str {
        // Only ASCII digits are ever stored (decode_code).
        std::str::from_utf8(&self.code_digits[..self.code_len as usize]).unwrap_or_default()
    }

    /// True when the row is in force on `date` (both ends inclusive; open ends are open).
    pub fn valid_on(&self, date: Date) -> bool {
        self.valid_from.is_none_or(|f| f <= date) && self.valid_to.is_none_or(|t| date <= t)
    }
}

/// The tariff of one jurisdiction.
#[derive(Debug, Clone)]
pub struct Table<'a> {
    pub jurisdiction: &'a str,
    /// Sorted by code, then valid_from.
    pub rows: Vec<Row<'a>>,
}

/// A decoded snapshot.
#[derive(Debug, Clone)]
pub struct Snapshot<'a> {
    /// Hex SHA-256 of the snapshot's content.
    pub sha256: String,
    pub size_bytes: usize,
    pub sources: Vec<SourceInfo<'a>>,
    pub tables: Vec<Table<'a>>,
    /// Embedded data files by name (`rules/thresholds.tsv`, `vat.tsv`, …).
    pub files: Vec<(&'a str, &'a str)>,
    /// Distinct duty texts, each parsed once on first use.
    duties: Vec<(&'a str, OnceLock<DutyExpr>)>,
    /// Descriptions, once the text blob is attached.
    texts: OnceLock<Vec<&'a str>>,
}

fn corrupt(why: &str) -> Error {
    Error::new(ErrorCode::Snapshot, "snapshot", format!("the snapshot is corrupt or truncated: {why}"))
}

impl<'a> Snapshot<'a> {
    /// The snapshot embedded in this build, decoded once.
    pub fn embedded() -> &'static Snapshot<'static> {
        static DECODED: OnceLock<Snapshot<'static>> = OnceLock::new();
        DECODED.get_or_init(|| {
            let s = Snapshot::decode(EMBEDDED).expect("the embedded snapshot is checked at build time");
            #[cfg(not(target_arch = "wasm32"))]
            s.attach_text(EMBEDDED_TEXT).expect("the embedded text blob matches its core");
            s
        })
    }

    /// Attaches the description blob after checking its hash and that it belongs to this core.
    /// Attaching twice is a no-op.
    pub fn attach_text(&self, bytes: &'a [u8]) -> Result<()> {
        let head = format::TEXT_MAGIC.len() + format::HASH_LEN;
        if bytes.len() < head + format::HASH_LEN || &bytes[..8] != format::TEXT_MAGIC {
            return Err(corrupt("bad description blob header"));
        }
        let (body, trailer) = bytes.split_at(bytes.len() - format::HASH_LEN);
        if Sha256::digest(body).as_slice() != trailer {
            return Err(corrupt("description blob hash mismatch"));
        }
        let core: String = body[8..head].iter().map(|b| format!("{b:02x}")).collect();
        if core != self.sha256 {
            return Err(corrupt("the description blob belongs to another snapshot"));
        }
        let mut pos = head;
        let n = format::get_varint(body, &mut pos).ok_or_else(|| corrupt("description count"))? as usize;
        let mut texts = Vec::with_capacity(n.min(body.len()) + 1);
        texts.push("");
        for _ in 0..n {
            let len = format::get_varint(body, &mut pos).ok_or_else(|| corrupt("description length"))? as usize;
            let end = pos.checked_add(len).filter(|&e| e <= body.len()).ok_or_else(|| corrupt("description"))?;
            texts.push(std::str::from_utf8(&body[pos..end]).map_err(|_| corrupt("description is not UTF-8"))?);
            pos = end;
        }
        let _ = self.texts.set(texts);
        Ok(())
    }

    /// True once descriptions are available.
    pub fn has_text(&self) -> bool {
        self.texts.get().is_some()
    }

    /// A row's official description ("" until the text blob is attached).
    pub fn description(&self, row: &Row<'_>) -> &'a str {
        self.texts.get().and_then(|t| t.get(row.description as usize).copied()).unwrap_or("")
    }

    /// Decodes a snapshot, rejecting it unless its trailing SHA-256 matches its content.
    pub fn decode(bytes: &'a [u8]) -> Result<Snapshot<'a>> {
        if bytes.len() < format::MAGIC.len() + format::HASH_LEN || &bytes[..8] != format::MAGIC {
            return Err(corrupt("bad header"));
        }
        let (body, trailer) = bytes.split_at(bytes.len() - format::HASH_LEN);
        let digest = Sha256::digest(body);
        if digest.as_slice() != trailer {
            return Err(corrupt("content hash mismatch"));
        }
        let sha256: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        let mut pos = format::MAGIC.len();
        let mut next = || format::get_varint(body, &mut pos);
        let n = next().ok_or_else(|| corrupt("string count"))? as usize;
        let mut strings: Vec<&'a str> = Vec::with_capacity(n.min(body.len()));
        let mut p = pos;
        for _ in 0..n {
            let len = format::get_varint(body, &mut p).ok_or_else(|| corrupt("string length"))? as usize;
            let end = p.checked_add(len).filter(|&e| e <= body.len()).ok_or_else(|| corrupt("string"))?;
            strings.push(std::str::from_utf8(&body[p..end]).map_err(|_| corrupt("string is not UTF-8"))?);
            p = end;
        }
        let mut pos = p;
        let mut next = || format::get_varint(body, &mut pos);
        let string = |i: Option<u64>| -> Result<&'a str> {
            i.and_then(|i| strings.get(i as usize).copied()).ok_or_else(|| corrupt("string index"))
        };
        let date = |d: Option<u64>| -> Result<Option<Date>> {
            match d.ok_or_else(|| corrupt("date"))? {
                0 => Ok(None),
                n => Ok(Some(Date::from_days_since_epoch(n as i64 - 1))),
            }
        };
        let ns = next().ok_or_else(|| corrupt("source count"))? as usize;
        let mut sources = Vec::with_capacity(ns.min(64));
        for _ in 0..ns {
            let mut f = [""; format::SOURCE_FIELDS];
            for slot in &mut f {
                *slot = string(next())?;
            }
            let [id, jurisdiction, publisher, dataset, vintage, licence, file, sha256] = f;
            sources.push(SourceInfo { id, jurisdiction, publisher, dataset, vintage, licence, file, sha256 });
        }
        let mut duty_ids: HashMap<&'a str, u32> = HashMap::new();
        let mut duties: Vec<(&'a str, OnceLock<DutyExpr>)> = Vec::new();
        let nt = next().ok_or_else(|| corrupt("table count"))? as usize;
        let mut tables = Vec::with_capacity(nt.min(64));
        for _ in 0..nt {
            let jurisdiction = string(next())?;
            let nr = next().ok_or_else(|| corrupt("row count"))? as usize;
            if nr > body.len() {
                return Err(corrupt("row count"));
            }
            let mut codes = Vec::with_capacity(nr);
            let mut value = 0u64;
            for _ in 0..nr {
                let len = next().ok_or_else(|| corrupt("code length"))?;
                value = value.checked_add(next().ok_or_else(|| corrupt("code"))?).ok_or_else(|| corrupt("code"))?;
                let digits = format::decode_code(len, value).ok_or_else(|| corrupt("code"))?;
                codes.push((digits, len as u8));
            }
            let mut column =
                |what: &str| -> Result<Vec<u64>> { (0..nr).map(|_| next().ok_or_else(|| corrupt(what))).collect() };
            let from = column("valid_from")?;
            let to = column("valid_to")?;
            // Descriptions are zigzag deltas from the previous row's number.
            let mut previous = 0i64;
            let descriptions: Vec<u64> = column("description")?
                .into_iter()
                .map(|z| {
                    let delta = (z >> 1) as i64 ^ -((z & 1) as i64);
                    previous = previous.wrapping_add(delta);
                    previous as u64
                })
                .collect();
            let [units, mfn, special, col2, flags, source_ids] =
                ["units", "mfn", "special", "col2", "flags", "source"].map(&mut column);
            let (units, mfn, special, col2, flags, source_ids) = (units?, mfn?, special?, col2?, flags?, source_ids?);
            let mut rows = Vec::with_capacity(nr);
            for i in 0..nr {
                let mfn_text = string(Some(mfn[i]))?;
                let source_id = string(Some(source_ids[i]))?;
                let source =
                    sources.iter().position(|s| s.id == source_id).ok_or_else(|| corrupt("unknown source"))? as u32;
                let duty = *duty_ids.entry(mfn_text).or_insert_with(|| {
                    duties.push((mfn_text, OnceLock::new()));
                    (duties.len() - 1) as u32
                });
                rows.push(Row {
                    code_digits: codes[i].0,
                    code_len: codes[i].1,
                    valid_from: date(Some(from[i]))?,
                    valid_to: date(Some(to[i]))?,
                    description: u32::try_from(descriptions[i]).map_err(|_| corrupt("description index"))?,
                    units: string(Some(units[i]))?,
                    mfn: mfn_text,
                    special: string(Some(special[i]))?,
                    col2: string(Some(col2[i]))?,
                    flags: string(Some(flags[i]))?,
                    source,
                    duty,
                });
            }
            tables.push(Table { jurisdiction, rows });
        }
        let nf = next().ok_or_else(|| corrupt("file count"))? as usize;
        let mut files = Vec::with_capacity(nf.min(64));
        for _ in 0..nf {
            files.push((string(next())?, string(next())?));
        }
        if pos != body.len() {
            return Err(corrupt("trailing bytes"));
        }
        Ok(Snapshot { sha256, size_bytes: bytes.len(), sources, tables, files, duties, texts: OnceLock::new() })
    }

    /// A short id: `sha256:` and the first 16 hex digits of the content hash.
    pub fn id(&self) -> String {
        format!("sha256:{}", &self.sha256[..16])
    }

    /// The table for a jurisdiction (`US`, `GB`, `EU`).
    pub fn table(&self, jurisdiction: &str) -> Option<&Table<'a>> {
        self.tables.iter().find(|t| t.jurisdiction == jurisdiction)
    }

    /// An embedded data file by name (`rules/thresholds.tsv`).
    pub fn file(&self, name: &str) -> Option<&'a str> {
        self.files.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }

    /// The parsed duty expression of a row (parsed once, then shared).
    pub fn expression(&self, row: &Row<'_>) -> &DutyExpr {
        let (text, cell) = &self.duties[row.duty as usize];
        cell.get_or_init(|| DutyExpr::parse(text))
    }

    /// The source of a row.
    pub fn source(&self, row: &Row<'_>) -> &SourceInfo<'a> {
        &self.sources[row.source as usize]
    }
}

/// EU member states, which apply the EU's common tariff.
pub const EU_MEMBERS: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
    "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// The tariff jurisdiction a destination country applies: `DE` → `EU`; `GB` → `GB`.
pub fn tariff_jurisdiction(destination: &str) -> &str {
    if destination == "EL" || EU_MEMBERS.contains(&destination) {
        "EU"
    } else {
        destination
    }
}
