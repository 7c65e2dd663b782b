//! Embedded tariff snapshots: decoding (hash-checked), and lookup by jurisdiction, code and date.

/// The snapshot's byte format (varints, packed codes, dates, part names): defined once, shared by
/// the reader, the writer and the fuzz target that builds corrupted snapshots.
pub mod format;
mod lookup;
#[cfg(not(target_arch = "wasm32"))]
pub mod write;

pub(crate) use lookup::{Found, FoundOne};
pub use lookup::{Lookup, LookupLine, Match};

use crate::date::Date;
use crate::duty::DutyExpr;
use crate::error::{Error, ErrorCode, Result};
use crate::provenance::{Confidence, Provenance};
use sha2::{Digest, Sha256};
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
    /// Index of `mfn` among its table's distinct duty texts (see [`Snapshot::expression`]).
    pub duty: u32,
    /// The table the row belongs to (its position in [`Snapshot::tables`]).
    pub table: u16,
    /// The chapter part of its table the row belongs to (its position in [`Table::chapters`]).
    pub chapter_part: u16,
}

impl Row<'_> {
    /// The code's ASCII digits, for comparisons on hot paths.
    pub fn code_bytes(&self) -> &[u8] {
        &self.code_digits[..self.code_len as usize]
    }

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

/// A part of a snapshot (one table or one data file), named in the descriptor by its length and
/// hash, present once it came inline or was attached.
#[derive(Debug)]
pub struct Part<'a> {
    pub name: &'a str,
    pub len: usize,
    pub sha256: [u8; 32],
    bytes: OnceLock<&'a [u8]>,
}

impl Part<'_> {
    /// True once the part's bytes are here (inline, or attached with [`Snapshot::attach_part`]).
    pub fn is_loaded(&self) -> bool {
        self.bytes.get().is_some()
    }

    /// The file name the part is published under beside a site (content-addressed).
    pub fn file_name(&self) -> String {
        format::part_file_name(&self.sha256)
    }
}

/// The tariff of one jurisdiction, in chapter parts. A part's rows are decoded when first used,
/// so a quote never pays for decoding other tables or chapters; in the browser the parts of a
/// quote's chapters are fetched first.
#[derive(Debug)]
pub struct Table<'a> {
    pub jurisdiction: &'a str,
    len: usize,
    /// The chapter parts, by ascending first chapter.
    pub chapters: Vec<ChapterPart<'a>>,
}

/// The rows of a table whose code's chapter (first two digits) is at least `first_chapter` and
/// below the next part's.
#[derive(Debug)]
pub struct ChapterPart<'a> {
    pub first_chapter: u8,
    /// The position of its first row among the table's rows.
    pub first_row: usize,
    len: usize,
    pub part: Part<'a>,
    rows: OnceLock<TableData<'a>>,
}

/// A table's decoded rows with the distinct duty texts they number, each parsed once.
#[derive(Debug, Default)]
struct TableData<'a> {
    rows: Vec<Row<'a>>,
    /// Each row's code packed as an integer ([`crate::hs::pack`]), in row order (so sorted).
    keys: Vec<u64>,
    duties: Vec<(&'a str, OnceLock<DutyExpr>)>,
}

impl<'a> Table<'a> {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The chapter part holding the rows of a code's chapter (a code of at least two digits);
    /// `None` when the code's chapter is before the table's first.
    pub fn chapter_part(&self, code: &[u8]) -> Option<&ChapterPart<'a>> {
        let chapter = format::chapter(code)?;
        let after = self.chapters.partition_point(|c| c.first_chapter <= chapter);
        after.checked_sub(1).map(|i| &self.chapters[i])
    }

    /// True when every chapter part is here.
    pub fn is_loaded(&self) -> bool {
        self.chapters.iter().all(|c| c.part.is_loaded())
    }
}

impl ChapterPart<'_> {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the part has no rows.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A decoded snapshot.
#[derive(Debug)]
pub struct Snapshot<'a> {
    /// Hex SHA-256 of the snapshot's descriptor (which names every part by its hash).
    pub sha256: String,
    /// Size of the core blob it was decoded from (inline parts included).
    pub size_bytes: usize,
    /// The official files imported (`sources.tsv`).
    pub sources: Vec<Provenance<'a>>,
    pub tables: Vec<Table<'a>>,
    /// Data files (`rules/thresholds.tsv`, `vat.tsv`, …) as parts.
    pub files: Vec<Part<'a>>,
    /// Descriptions, once the text blob is attached.
    texts: OnceLock<Vec<&'a str>>,
    /// The HS 2022 → HS 2017 correlation, parsed on first use (see [`Snapshot::correlation`]).
    correlation: OnceLock<Result<crate::correlation::Correlation<'a>>>,
    /// Destinations that apply another jurisdiction's tariff, sorted (see [`Snapshot::tariff_of`]).
    tariffs_of: OnceLock<Vec<(&'a str, &'a str)>>,
    /// Set once every part is loaded (parts are never unloaded): a quote then checks one flag
    /// instead of every part (see [`Snapshot::all_parts_loaded`]).
    all_loaded: std::sync::atomic::AtomicBool,
}

/// Reads varints from a byte slice.
struct Cursor<'b> {
    body: &'b [u8],
    pos: usize,
}

impl<'b> Cursor<'b> {
    fn varint(&mut self, what: &str) -> Result<u64> {
        format::get_varint(self.body, &mut self.pos).ok_or_else(|| corrupt(what))
    }

    /// A string table: varint n, then n × (varint length, UTF-8 bytes).
    fn strings(&mut self) -> Result<Vec<&'b str>> {
        let n = self.varint("string count")? as usize;
        let mut strings = Vec::with_capacity(n.min(self.body.len()));
        for _ in 0..n {
            let len = self.varint("string length")? as usize;
            let end = self.pos.checked_add(len).filter(|&e| e <= self.body.len()).ok_or_else(|| corrupt("string"))?;
            strings.push(std::str::from_utf8(&self.body[self.pos..end]).map_err(|_| corrupt("string is not UTF-8"))?);
            self.pos = end;
        }
        Ok(strings)
    }

    /// A part's entry in the descriptor: varint length, 32-byte hash.
    fn part(&mut self, name: &'b str) -> Result<Part<'b>> {
        let len = self.varint("part length")? as usize;
        let end = self.pos.checked_add(32).filter(|&e| e <= self.body.len()).ok_or_else(|| corrupt("part hash"))?;
        let mut sha256 = [0u8; 32];
        sha256.copy_from_slice(&self.body[self.pos..end]);
        self.pos = end;
        Ok(Part { name, len, sha256, bytes: OnceLock::new() })
    }
}

/// The `E_DATA_NOT_LOADED` error for a part that is not attached yet.
pub(crate) fn not_loaded(part: &Part<'_>) -> Error {
    not_loaded_part(part.name, &part.file_name(), part.len)
}

/// The `E_DATA_NOT_LOADED` error for the part `name`, published as `file`.
pub(crate) fn not_loaded_part(name: &str, file: &str, len: usize) -> Error {
    Error::new(
        ErrorCode::DataNotLoaded,
        "snapshot",
        format!("{name} is not loaded yet: attach its part {file} ({len} bytes) first"),
    )
}

fn corrupt(why: &str) -> Error {
    Error::new(ErrorCode::Snapshot, "snapshot", format!("the snapshot is corrupt or truncated: {why}"))
}

impl<'a> Snapshot<'a> {
    /// Decodes the snapshot compiled into this build (with its descriptions, natively). Its
    /// hash was computed by the build from the same bytes (and a test re-checks it), so it is
    /// taken from the trailer rather than recomputed: hashing the core is a third of the
    /// browser's first-quote time. Engines are made with [`crate::Engine::embedded`].
    pub(crate) fn decode_embedded() -> Result<Snapshot<'static>> {
        let s = Snapshot::decode_checked(EMBEDDED, false)?;
        #[cfg(not(target_arch = "wasm32"))]
        s.attach_text(EMBEDDED_TEXT)?;
        Ok(s)
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
        Snapshot::decode_checked(bytes, true)
    }

    fn decode_checked(bytes: &'a [u8], verify: bool) -> Result<Snapshot<'a>> {
        if bytes.len() < format::MAGIC.len() + format::HASH_LEN || &bytes[..8] != format::MAGIC {
            return Err(corrupt("bad header"));
        }
        let mut pos = format::MAGIC.len();
        let descriptor_len = format::get_varint(bytes, &mut pos).ok_or_else(|| corrupt("descriptor length"))?;
        let start = pos;
        let end = usize::try_from(descriptor_len)
            .ok()
            .and_then(|l| start.checked_add(l))
            .filter(|&e| e.checked_add(format::HASH_LEN).is_some_and(|t| t <= bytes.len()))
            .ok_or_else(|| corrupt("descriptor"))?;
        let hash = &bytes[end..end + format::HASH_LEN];
        if verify && Sha256::digest(&bytes[..end]).as_slice() != hash {
            return Err(corrupt("content hash mismatch"));
        }
        let sha256: String = hash.iter().map(|b| format!("{b:02x}")).collect();
        let mut cur = Cursor { body: &bytes[..end], pos: start };
        let strings = cur.strings()?;
        let string =
            |i: u64| -> Result<&'a str> { strings.get(i as usize).copied().ok_or_else(|| corrupt("string index")) };
        let ns = cur.varint("source count")? as usize;
        let mut sources = Vec::with_capacity(ns.min(64));
        for _ in 0..ns {
            let mut f = [""; format::SOURCE_FIELDS];
            for slot in &mut f {
                *slot = string(cur.varint("source")?)?;
            }
            let [id, jurisdiction, publisher, dataset, vintage, licence, file, sha256] = f;
            let dataset = dataset.into();
            let confidence = Confidence::Official;
            sources.push(Provenance {
                id,
                jurisdiction,
                publisher,
                dataset,
                vintage,
                licence,
                file,
                sha256,
                confidence,
            });
        }
        let nt = cur.varint("table count")? as usize;
        let mut tables = Vec::with_capacity(nt.min(64));
        for _ in 0..nt {
            let jurisdiction = string(cur.varint("jurisdiction")?)?;
            let nc = cur.varint("chapter part count")? as usize;
            let mut chapters: Vec<ChapterPart<'a>> = Vec::with_capacity(nc.min(100));
            let mut len = 0usize;
            for _ in 0..nc {
                let name = string(cur.varint("chapter part name")?)?;
                let first_chapter = u8::try_from(cur.varint("first chapter")?)
                    .ok()
                    .filter(|c| *c < 100 && chapters.last().is_none_or(|p| p.first_chapter < *c))
                    .ok_or_else(|| corrupt("first chapter"))?;
                let rows = cur.varint("row count")? as usize;
                let part = cur.part(name)?;
                if rows > part.len {
                    return Err(corrupt("row count"));
                }
                chapters.push(ChapterPart { first_chapter, first_row: len, len: rows, part, rows: OnceLock::new() });
                len += rows;
            }
            tables.push(Table { jurisdiction, len, chapters });
        }
        let nf = cur.varint("file count")? as usize;
        let mut files = Vec::with_capacity(nf.min(64));
        for _ in 0..nf {
            let name = string(cur.varint("file name")?)?;
            files.push(cur.part(name)?);
        }
        if cur.pos != end {
            return Err(corrupt("trailing bytes in the descriptor"));
        }
        let snapshot = Snapshot {
            sha256,
            size_bytes: bytes.len(),
            sources,
            tables,
            files,
            texts: OnceLock::new(),
            correlation: OnceLock::new(),
            tariffs_of: OnceLock::new(),
            all_loaded: std::sync::atomic::AtomicBool::new(false),
        };
        snapshot.read_inline_parts(bytes, end + format::HASH_LEN, verify)?;
        Ok(snapshot)
    }

    /// Attaches the parts that travel inside the core blob (hash-checked when `verify`).
    fn read_inline_parts(&self, bytes: &'a [u8], mut pos: usize, verify: bool) -> Result<()> {
        let n = format::get_varint(bytes, &mut pos).ok_or_else(|| corrupt("inline part count"))?;
        for _ in 0..n {
            let number = format::get_varint(bytes, &mut pos).ok_or_else(|| corrupt("inline part number"))? as usize;
            let part = self.part(number).ok_or_else(|| corrupt("inline part number"))?;
            let end = pos.checked_add(part.len).filter(|&e| e <= bytes.len()).ok_or_else(|| corrupt("inline part"))?;
            self.set_part(part, &bytes[pos..end], verify)?;
            pos = end;
        }
        if pos != bytes.len() {
            return Err(corrupt("trailing bytes"));
        }
        Ok(())
    }

    /// Part `number`: tables' chapter parts first, then files.
    fn part(&self, number: usize) -> Option<&Part<'a>> {
        self.parts().nth(number)
    }

    fn set_part(&self, part: &Part<'a>, bytes: &'a [u8], verify: bool) -> Result<()> {
        if bytes.len() != part.len || (verify && Sha256::digest(bytes).as_slice() != part.sha256) {
            return Err(corrupt(&format!("part {} does not match its hash", part.name)));
        }
        if self.files.iter().any(|f| std::ptr::eq(f, part)) {
            std::str::from_utf8(bytes).map_err(|_| corrupt(&format!("file {} is not UTF-8", part.name)))?;
        }
        let _ = part.bytes.set(bytes);
        Ok(())
    }

    /// Attaches a part published beside the core (`landed-part-….bin`): its hash must be one the
    /// descriptor names. Returns the part's name (`US:61` for a table's chapter part,
    /// `us_scopes.tsv` for a file, `fx_ecb_daily.tsv@2026` for a year of one). Attaching a part
    /// twice is a no-op.
    pub fn attach_part(&self, bytes: &'a [u8]) -> Result<&'a str> {
        let part = self.part_with_hash(&Sha256::digest(bytes).into())?;
        self.set_part(part, bytes, false)?;
        Ok(part.name)
    }

    /// The part the descriptor names by this SHA-256, or `E_SNAPSHOT`.
    pub fn part_with_hash(&self, sha256: &[u8; 32]) -> Result<&Part<'a>> {
        self.parts()
            .find(|p| p.sha256 == *sha256)
            .ok_or_else(|| corrupt("the part belongs to no table or file of this snapshot"))
    }

    /// Attaches the bytes of a part already found by their hash ([`Snapshot::part_with_hash`]).
    pub(crate) fn attach_found_part(&self, part: &Part<'a>, bytes: &'a [u8]) -> Result<()> {
        self.set_part(part, bytes, false)
    }

    /// True when every part is loaded (natively always; in the browser once all are attached).
    /// Remembered once true, as a part once loaded stays loaded.
    pub fn all_parts_loaded(&self) -> bool {
        use std::sync::atomic::Ordering;
        if self.all_loaded.load(Ordering::Relaxed) {
            return true;
        }
        let all = self.parts().all(|p| p.is_loaded());
        if all {
            self.all_loaded.store(true, Ordering::Relaxed);
        }
        all
    }

    /// Every part, tables' chapter parts first.
    pub fn parts(&self) -> impl Iterator<Item = &Part<'a>> {
        self.tables.iter().flat_map(|t| t.chapters.iter().map(|c| &c.part)).chain(&self.files)
    }

    /// A short id: `sha256:` and the first 16 hex digits of the content hash.
    pub fn id(&self) -> String {
        // Built without the formatting machinery: every quote carries it.
        let hex = self.sha256.get(..16).unwrap_or(&self.sha256);
        let mut id = String::with_capacity(7 + hex.len());
        id.push_str("sha256:");
        id.push_str(hex);
        id
    }

    /// The table for a jurisdiction (`US`, `GB`, `EU`).
    pub fn table(&self, jurisdiction: &str) -> Option<&Table<'a>> {
        self.tables.iter().find(|t| t.jurisdiction == jurisdiction)
    }

    /// The rows of a table's loaded chapter parts, sorted by code then valid_from (each part
    /// decoded on first use; a part not loaded yet contributes none: see [`Snapshot::require`]).
    pub fn rows<'s>(&'s self, table: &'s Table<'a>) -> impl Iterator<Item = &'s Row<'a>> + 's {
        table.chapters.iter().flat_map(move |c| self.chapter_rows(table, c))
    }

    /// Row `index` of a table (its position among all the table's rows), if its part is loaded.
    pub fn row<'s>(&'s self, table: &'s Table<'a>, index: usize) -> Option<&'s Row<'a>> {
        let after = table.chapters.partition_point(|c| c.first_row <= index);
        let chapter = table.chapters.get(after.checked_sub(1)?)?;
        self.chapter_rows(table, chapter).get(index - chapter.first_row)
    }

    /// The rows of one chapter part of `table`, sorted (empty while the part is not loaded).
    pub fn chapter_rows<'s>(&'s self, table: &'s Table<'a>, chapter: &'s ChapterPart<'a>) -> &'s [Row<'a>] {
        match self.chapter_data(table, chapter) {
            Some(data) => &data.rows,
            None => &[],
        }
    }

    /// The chapter part's codes packed as integers ([`crate::hs::pack`]), in row order.
    pub(crate) fn chapter_keys<'s>(&'s self, table: &'s Table<'a>, chapter: &'s ChapterPart<'a>) -> &'s [u64] {
        match self.chapter_data(table, chapter) {
            Some(data) => &data.keys,
            None => &[],
        }
    }

    /// An `E_DATA_NOT_LOADED` error naming the first chapter part of `table` not attached yet.
    pub fn require(&self, table: &Table<'a>) -> Result<()> {
        table.chapters.iter().try_for_each(|c| self.require_chapter(table, c))
    }

    /// An `E_DATA_NOT_LOADED` error naming the part, unless the chapter part's rows are here.
    pub fn require_chapter(&self, table: &Table<'a>, chapter: &ChapterPart<'a>) -> Result<()> {
        if chapter.part.is_loaded() {
            return Ok(());
        }
        Err(Error::new(
            ErrorCode::DataNotLoaded,
            "snapshot",
            format!(
                "the {} tariff's part {} is not loaded yet: attach its part {} ({} bytes) first",
                table.jurisdiction,
                chapter.part.name,
                chapter.part.file_name(),
                chapter.part.len
            ),
        ))
    }

    fn chapter_data<'s>(&'s self, table: &'s Table<'a>, chapter: &'s ChapterPart<'a>) -> Option<&'s TableData<'a>> {
        let bytes = *chapter.part.bytes.get()?;
        // A part that fails to decode after passing its hash check would be a bug in the
        // writer; it reads as an empty part rather than a panic.
        Some(chapter.rows.get_or_init(|| self.decode_rows(table, chapter, bytes).unwrap_or_default()))
    }

    /// Decodes a chapter part: its strings and duties, then the columns. A code outside the
    /// part's chapters is corrupt (a lookup would miss it).
    fn decode_rows(&self, table: &Table<'a>, chapter: &ChapterPart<'a>, body: &'a [u8]) -> Result<TableData<'a>> {
        let n = chapter.len;
        let number = self.tables.iter().position(|t| std::ptr::eq(t, table)).unwrap_or(0) as u16;
        let chapter_number = table.chapters.iter().position(|c| std::ptr::eq(c, chapter)).unwrap_or(0) as u16;
        let next_chapter = table.chapters.get(usize::from(chapter_number) + 1).map_or(100, |c| c.first_chapter);
        let chapters = chapter.first_chapter..next_chapter;
        let mut cur = Cursor { body, pos: 0 };
        let strings = cur.strings()?;
        let string = |i: u64| strings.get(i as usize).copied().ok_or_else(|| corrupt("string index"));
        let nd = cur.varint("duty count")? as usize;
        let mut duties = Vec::with_capacity(nd.min(body.len()));
        for _ in 0..nd {
            duties.push((string(cur.varint("duty")?)?, OnceLock::new()));
        }
        let mut codes = Vec::with_capacity(n);
        let mut value = 0u64;
        for _ in 0..n {
            let len = cur.varint("code length")?;
            value = value.checked_add(cur.varint("code")?).ok_or_else(|| corrupt("code"))?;
            let digits = format::decode_code(len, value).ok_or_else(|| corrupt("code"))?;
            if !format::chapter(&digits[..len as usize]).is_some_and(|c| chapters.contains(&c)) {
                return Err(corrupt("a code outside its chapter part"));
            }
            codes.push((digits, len as u8));
        }
        let mut column = |what: &str| -> Result<Vec<u64>> { (0..n).map(|_| cur.varint(what)).collect() };
        let from = dates(column("valid_from")?)?;
        let to = dates(column("valid_to")?)?;
        let mut previous = 0i64;
        let descriptions: Vec<u64> = column("description")?
            .into_iter()
            .map(|z| {
                let delta = (z >> 1) as i64 ^ -((z & 1) as i64);
                previous = previous.wrapping_add(delta);
                previous as u64
            })
            .collect();
        let [units, duty, special, col2, flags, source] =
            ["units", "duty", "special", "col2", "flags", "source"].map(&mut column);
        let (units, duty, special, col2, flags, source) = (units?, duty?, special?, col2?, flags?, source?);
        if cur.pos != body.len() {
            return Err(corrupt("table part length"));
        }
        let mut rows = Vec::with_capacity(n);
        for i in 0..n {
            let (mfn, _) = duties.get(duty[i] as usize).ok_or_else(|| corrupt("duty number"))?;
            if source[i] as usize >= self.sources.len() {
                return Err(corrupt("source"));
            }
            rows.push(Row {
                code_digits: codes[i].0,
                code_len: codes[i].1,
                valid_from: from[i],
                valid_to: to[i],
                description: u32::try_from(descriptions[i]).map_err(|_| corrupt("description index"))?,
                units: string(units[i])?,
                mfn,
                special: string(special[i])?,
                col2: string(col2[i])?,
                flags: string(flags[i])?,
                source: source[i] as u32,
                duty: duty[i] as u32,
                table: number,
                chapter_part: chapter_number,
            });
        }
        let keys = rows.iter().map(|r| crate::hs::pack(r.code_bytes())).collect();
        Ok(TableData { rows, keys, duties })
    }

    /// A data file by name (`rules/thresholds.tsv`); `None` if there is no such file or its part
    /// is not loaded (see [`Snapshot::file_part`]).
    pub fn file(&self, name: &str) -> Option<&'a str> {
        let bytes = *self.file_part(name)?.bytes.get()?;
        // Checked to be UTF-8 when the part was set.
        std::str::from_utf8(bytes).ok()
    }

    /// A data file as its readers see it: for a keyed rule file (`write::KEYED_SPLIT_FILES`) its
    /// base part with each marker line (`@US`) replaced by the next row of that destination's
    /// part, in file order, or by an empty line while that part is not attached (the rows of
    /// destinations not priced yet; a quote to one first requires its parts, see
    /// `Engine::missing_parts`); natively every part is here and the text is the file's, byte
    /// for byte. Any other file is [`Snapshot::file`]. A text with rows of destination parts is
    /// built (and kept for the life of the process) on each call: the rules are read once per
    /// engine, and again when a destination part is attached.
    pub fn assembled_file(&self, name: &str) -> Option<&'a str> {
        let base = self.file(name)?;
        // A marker is never the header: it follows a newline.
        if !base.contains(format::KEYED_ROW_MARKER_LINE) {
            return Some(base);
        }
        // Each destination part's lines, consumed in order as its markers come.
        let mut keyed: Vec<(&str, Option<std::str::SplitInclusive<'a, char>>)> = Vec::new();
        let mut text = String::with_capacity(base.len() * 2);
        for line in base.split_inclusive('\n') {
            let Some(key) = line.strip_prefix(format::KEYED_ROW_MARKER) else {
                text.push_str(line);
                continue;
            };
            let key = key.trim_end_matches('\n');
            let at = match keyed.iter().position(|(k, _)| *k == key) {
                Some(at) => at,
                None => {
                    let rows = self.file(&format::keyed_part_name(name, key)).map(|t| t.split_inclusive('\n'));
                    keyed.push((key, rows));
                    keyed.len() - 1
                }
            };
            match keyed[at].1.as_mut().and_then(Iterator::next) {
                Some(row) => text.push_str(row),
                // An empty line: no row, but the rows after it keep their line numbers (a
                // quote cites a VAT row by its line).
                None => text.push('\n'),
            }
        }
        Some(Box::leak(text.into_boxed_str()))
    }

    /// A data file that may travel as a part of its own (the browser build): its text, an
    /// `E_DATA_NOT_LOADED` error naming the part while it is not attached, or `E_SNAPSHOT` when
    /// the snapshot has no such file.
    pub fn require_file(&self, name: &str) -> Result<&'a str> {
        let part = self.file_part(name).ok_or_else(|| {
            Error::new(ErrorCode::Snapshot, "snapshot", format!("{name} is missing from the snapshot"))
        })?;
        if !part.is_loaded() {
            return Err(not_loaded(part));
        }
        self.file(name).ok_or_else(|| corrupt(&format!("file {name} is not UTF-8")))
    }

    /// The part of a data file, loaded or not.
    pub fn file_part(&self, name: &str) -> Option<&Part<'a>> {
        self.files.iter().find(|p| p.name == name)
    }

    /// The parsed duty expression of a row (parsed once, then shared).
    pub fn expression(&self, row: &Row<'_>) -> &DutyExpr {
        static NOT_LOADED: OnceLock<DutyExpr> = OnceLock::new();
        let table = self.tables.get(row.table as usize);
        let cell = table
            .and_then(|t| t.chapters.get(row.chapter_part as usize))
            .and_then(|c| c.rows.get())
            .and_then(|data| data.duties.get(row.duty as usize));
        match cell {
            // A unit the tariff defines otherwise on this line (HTSUS 2209's proof litre).
            Some((text, parsed)) => {
                match table.and_then(|t| crate::duty::UnitReading::of_line(t.jurisdiction, row.code_bytes())) {
                    Some(reading) => reading.applied(text),
                    None => parsed.get_or_init(|| DutyExpr::parse(text)),
                }
            }
            // Rows only come from loaded tables; an empty text classifies as not priceable.
            None => NOT_LOADED.get_or_init(|| DutyExpr::parse("")),
        }
    }

    /// The source of a row.
    pub fn source(&self, row: &Row<'_>) -> &Provenance<'a> {
        &self.sources[row.source as usize]
    }
}

/// Day numbers of a date column as dates. Dates repeat down a column: each distinct day number
/// is converted once. A day number past 2999-12-31 (the last date [`Date`] holds) is corrupt.
fn dates(days: Vec<u64>) -> Result<Vec<Option<Date>>> {
    let last_day = Date::new(2999, 12, 31)?.days_since_epoch();
    let mut last: Option<(u64, Option<Date>)> = None;
    days.into_iter()
        .map(|d| match last {
            Some((v, date)) if v == d => Ok(date),
            _ => {
                let days = i64::try_from(d).ok().filter(|&d| d <= last_day + 1).ok_or_else(|| corrupt("date"))?;
                let date = (days != 0).then(|| Date::from_days_since_epoch(days - 1));
                last = Some((d, date));
                Ok(date)
            }
        })
        .collect()
}

/// `(destination, tariff)` for every row of `rules/jurisdictions.tsv` whose `tariff` names
/// another jurisdiction's table (`DE` → `EU`, `XI` → `GB`), sorted and deduplicated. A malformed
/// or missing file gives no pairs: every destination then looks up its own table (an
/// `E_NO_TARIFF` error for `DE`, never another table's rate); `Rules::load` reports the file.
fn tariffs_of(jurisdictions: Option<&str>) -> Vec<(&str, &str)> {
    let Some(Ok(t)) = jurisdictions.map(|text| crate::tsv::Tsv::parse("rules/jurisdictions.tsv", text)) else {
        return Vec::new();
    };
    let mut pairs: Vec<(&str, &str)> = t
        .records()
        .filter_map(|r| Some((r.text("country").ok()?, r.text("tariff").ok()?)))
        .filter(|(country, tariff)| !tariff.is_empty() && country != tariff)
        .collect();
    crate::sort::sort_unstable(&mut pairs);
    pairs.dedup();
    pairs
}

impl<'a> Snapshot<'a> {
    /// The tariff table a destination applies, from the `tariff` column of its
    /// `rules/jurisdictions.tsv` rows (`DE` → `EU`, `XI` → `GB`); a tariff's own name, or a
    /// destination with no such row, is itself (`GB` → `GB`, `EU` → `EU`). One binary search:
    /// the pairs are read once per snapshot.
    pub fn tariff_of<'d>(&self, destination: &'d str) -> &'d str
    where
        'a: 'd,
    {
        let pairs = self.tariffs_of.get_or_init(|| tariffs_of(self.file("rules/jurisdictions.tsv")));
        match pairs.binary_search_by(|(country, _)| country.cmp(&destination)) {
            Ok(i) => pairs[i].1,
            Err(_) => destination,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which tariff a destination applies is the `tariff` column of rules/jurisdictions.tsv (EU
    /// members: the Common Customs Tariff, Regulation (EEC) 2658/87 art. 1; Northern Ireland: the
    /// UK's, Windsor Framework art. 5).
    #[test]
    fn a_destination_applies_the_tariff_its_jurisdiction_row_names() {
        let text = "country\ttariff\nDE\tEU\nBG\tEU\nBG\tEU\nXI\tGB\nGB\tGB\nCA\t\n";
        assert_eq!(tariffs_of(Some(text)), [("BG", "EU"), ("DE", "EU"), ("XI", "GB")]);
        assert!(tariffs_of(Some("country\ttariff\nDE\n")).is_empty() && tariffs_of(None).is_empty());
        let snapshot = Snapshot::decode_embedded().unwrap();
        let of = |d| snapshot.tariff_of(d);
        assert_eq!((of("DE"), of("HR"), of("XI"), of("GB"), of("EU"), of("CA")), ("EU", "EU", "GB", "GB", "EU", "CA"));
    }

    #[test]
    fn fuzz_regression_a_date_past_2999_in_a_table_part_is_corrupt_not_an_overflow() {
        // cargo fuzz (snapshot_decode, a table part with its hash rewritten) found: a day number
        // near u64::MAX overflowed `Date::from_days_since_epoch`. It is now a corrupt part.
        assert_eq!(dates(vec![u64::MAX]).unwrap_err().code, ErrorCode::Snapshot);
        assert_eq!(dates(vec![1u64 << 63]).unwrap_err().code, ErrorCode::Snapshot);
        let last = Date::new(2999, 12, 31).unwrap();
        let ok = dates(vec![0, 1, last.days_since_epoch() as u64 + 1]).unwrap();
        assert_eq!(ok, vec![None, Some(Date::new(1970, 1, 1).unwrap()), Some(last)]);
        assert!(dates(vec![last.days_since_epoch() as u64 + 2]).is_err());
    }
}
