//! The snapshot writer: normalized tables under `tariffs/` → a content-hashed core blob, its
//! parts and its description blob. Defined once and shared by `build.rs` (the embedded snapshot), the datagen
//! tool (`landed-datagen snapshot`, blobs published beside a site) and tests. Plain std + sha2:
//! `build.rs` compiles this file too (`#[path]`), beside `format.rs`.
//!
//! The layout is documented in `format.rs`.

use super::format;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// Tariff tables compiled, by jurisdiction, in this order (paths relative to the repository).
pub const TABLES: [(&str, &str); 5] = [
    ("US", "tariffs/us.tsv"),
    ("GB", "tariffs/gb.tsv"),
    ("EU", "tariffs/eu.tsv"),
    ("HS", "tariffs/hs.tsv"),
    ("JP", "tariffs/jp.tsv"),
];

/// Data files embedded whole (rules, VAT, FX, scopes), covered by the same content hash.
pub const FILES: [&str; 41] = [
    "tariffs/rules/jurisdictions.tsv",
    "tariffs/rules/groups.tsv",
    "tariffs/rules/territories.tsv",
    "tariffs/rules/thresholds.tsv",
    "tariffs/rules/movements.tsv",
    "tariffs/rules/duty_free.tsv",
    "tariffs/rules/excise.tsv",
    "tariffs/rules/excise_rates.tsv",
    "tariffs/rules/vat_classes.tsv",
    "tariffs/rules/trade_remedies.tsv",
    "tariffs/rules/returned_goods.tsv",
    "tariffs/rules/prohibitions.tsv",
    "tariffs/rules/fees.tsv",
    "tariffs/rules/us_layers.tsv",
    "tariffs/rules/preferences.tsv",
    "tariffs/rules/vat_extra.tsv",
    "tariffs/rules/fx_pegs.tsv",
    "tariffs/rules/fx_euro.tsv",
    "tariffs/rules/us_scopes_extra.tsv",
    "tariffs/rules/jp_programmes.tsv",
    "tariffs/rules/eu_gb_agreements.tsv",
    "tariffs/rules/jp_simplified.tsv",
    "tariffs/rules/jp_personal_use.tsv",
    "tariffs/rules/jp_brackets.tsv",
    "tariffs/rules/tax_rounding.tsv",
    "tariffs/rules/tax_parts.tsv",
    "tariffs/rules/tax_uplift.tsv",
    "tariffs/rules/duty_bands.tsv",
    "tariffs/vat.tsv",
    "tariffs/fx_ecb_monthly.tsv",
    "tariffs/fx_ecb_daily.tsv",
    "tariffs/fx_hmrc_monthly.tsv",
    "tariffs/us_scopes.tsv",
    "tariffs/us_reciprocal.tsv",
    "tariffs/search_synonyms.tsv",
    "tariffs/sources.tsv",
    "tariffs/rules/datasets.tsv",
    "tariffs/hs_correlation.tsv",
    "tariffs/rules/hs_correlation_fixes.tsv",
    "tariffs/rules/nomenclature.tsv",
    "tariffs/us_lines.tsv",
];

/// The provenance table (one row per source file).
pub const SOURCES_FILE: &str = "tariffs/sources.tsv";

/// Every input of a snapshot, relative to the repository root (for `rerun-if-changed`).
pub fn inputs() -> impl Iterator<Item = &'static str> {
    TABLES.iter().map(|(_, p)| *p).chain(FILES)
}

/// One part of a snapshot: a tariff table's chapter part (`table:US:84`), a data file
/// (`us_scopes.tsv`) or a year of one (`fx_ecb_daily.tsv@2026`).
pub struct Part {
    pub name: String,
    pub bytes: Vec<u8>,
    pub sha256: [u8; 32],
}

impl Part {
    fn new(name: String, bytes: Vec<u8>) -> Part {
        let sha256 = Sha256::digest(&bytes).into();
        Part { name, bytes, sha256 }
    }

    /// The file name the part is published under beside a site (content-addressed).
    pub fn file_name(&self) -> String {
        format::part_file_name(&self.sha256)
    }
}

/// A compiled snapshot: the core (descriptor and inline parts; the descriptor's hash is the
/// snapshot id), every part (inline or not), and the description blob bound to the core.
pub struct Compiled {
    pub core: Vec<u8>,
    pub parts: Vec<Part>,
    pub text: Vec<u8>,
}

/// Data files that only some destinations need (part names, without `tariffs/`): in the
/// browser build they are parts of their own, fetched with the destination that uses them
/// (`Engine::missing_parts`): the US tables (`Rules::us`: the scope lists, the reciprocal table,
/// the layers, the scope additions and the column 1 special programmes; `Rules::us_lines`), the ECB daily rates
/// (customs rates outside the EU and GB, display currencies), the ECB monthly rates (the EU
/// customs rate; the daily rates' stand-in before they start), HMRC's monthly rates (GB, XI),
/// the HS 2022 ↔ 2017 correlation (the GB and EU tables) and Japan's EPA/GSP programmes
/// (`Rules::jp`).
pub const ON_DEMAND_FILES: [&str; 14] = [
    "us_scopes.tsv",
    "us_lines.tsv",
    "us_reciprocal.tsv",
    "rules/us_layers.tsv",
    "rules/us_scopes_extra.tsv",
    "rules/preferences.tsv",
    "fx_ecb_daily.tsv",
    "fx_ecb_monthly.tsv",
    "fx_hmrc_monthly.tsv",
    "hs_correlation.tsv",
    "rules/jp_programmes.tsv",
    "rules/jp_simplified.tsv",
    "rules/jp_personal_use.tsv",
    "rules/jp_brackets.tsv",
];

/// Which parts travel inside the core blob.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Every part (native builds, the CLI, `Engine::from_bytes` without a parts folder).
    All,
    /// The rules, VAT and the dollar pegs only: tariff tables and the [`ON_DEMAND_FILES`] are
    /// fetched by the page that prices with them (the browser build).
    RulesOnly,
}

/// Data files split into one part per year of their first column (dates, or months), so a
/// quote fetches only the years of its dates: the daily ECB rates (1999 to 2026, 13.5 to 23.5 KB
/// gzip a year), the monthly EU customs rates (1999 to 2026, 0.9 to 1.5 KB a year) and HMRC's
/// (2014 to 2026, 2.2 to 2.6 KB a year); each year costs every page a descriptor entry.
pub const YEAR_SPLIT_FILES: [&str; 3] =
    ["tariffs/fx_ecb_monthly.tsv", "tariffs/fx_ecb_daily.tsv", "tariffs/fx_hmrc_monthly.tsv"];

/// Consecutive chapters of a table share a part until it holds at least this many bytes
/// (encoded, before gzip). Every page downloads every part's descriptor entry (about 43 bytes
/// gzip: the hash does not compress), so smaller parts cost more in the core than they save:
/// measured on today's data, 16 KB gives the smallest first price across US, GB, EU and JP
/// (DESIGN.md, "Why chapter parts").
pub const CHAPTER_PART_MIN_BYTES: usize = 16_000;

/// Data files listing codes (a `codes` column of space-separated codes) split into
/// chapter parts, so a quote fetches only the lists of its codes' chapters: the US scope lists
/// (49 KB gzip whole, 0.3 to 5 KB a part) and the US lines' statistical suffixes and value
/// brackets (`us_lines.tsv`, 20 KB gzip whole, 0.3 to 2.5 KB a part).
pub const CHAPTER_SPLIT_FILES: [&str; 2] = ["tariffs/us_scopes.tsv", "tariffs/us_lines.tsv"];

/// Consecutive chapters of a [`CHAPTER_SPLIT_FILES`] file share a part until it holds at least
/// this many bytes. Measured on today's data (BENCHMARKS.md, "scopes-split"): 5 KB gives the
/// smallest US first price within 0.1 KB while adding the fewest descriptor entries (about 43
/// bytes gzip each) to every destination's core.
pub const CHAPTER_FILE_PART_MIN_BYTES: usize = 5_000;

/// Rule tables whose rows are filed by destination (the column naming it: a country, a group,
/// or a list of them): in every build each destination (key) with at least
/// [`KEYED_PART_MIN_BYTES`] of rows is a part of its own (`rules/fees.tsv#US`), and the file's
/// base part keeps a marker line (`@US`) where each of its rows was, so the rows read back in
/// file order (`Snapshot::assembled_file`). The base part travels inside
/// the browser core; a destination's parts are fetched with its quote (`Engine::missing_parts`),
/// so a page pricing the US does not download Germany's VAT classes nor Brazil's ICMS rates.
/// Natively every part is inline and the file reads back byte for byte.
pub const KEYED_SPLIT_FILES: [(&str, &str); 7] = [
    ("tariffs/rules/thresholds.tsv", "country"),
    ("tariffs/rules/eu_gb_agreements.tsv", "destination"),
    ("tariffs/rules/vat_classes.tsv", "country"),
    ("tariffs/rules/vat_extra.tsv", "country"),
    ("tariffs/rules/fees.tsv", "country"),
    ("tariffs/rules/trade_remedies.tsv", "countries"),
    ("tariffs/rules/excise.tsv", "countries"),
];

/// Rule tables whose rows name a row of a [`KEYED_SPLIT_FILES`] file (the column naming its
/// `id`, the file): each row is filed under the key of the row it names, and moves with it
/// (`rules/excise_rates.tsv#AU` beside `rules/excise.tsv#AU`): a key moved out of the named file
/// is moved out of this one whatever its size, so a row left inline never names a row that is
/// not (the rates of Australia's luxury car tax are 30 rows a page pricing the US does not read).
/// A row naming no row of the file fails the build.
pub const KEYED_BY_ROW_FILES: [(&str, &str, &str); 1] =
    [("tariffs/rules/excise_rates.tsv", "excise", "tariffs/rules/excise.tsv")];

/// A destination's rows of a [`KEYED_SPLIT_FILES`] file are a part of their own once they hold
/// at least this many bytes of text; smaller ones stay in the base part (inline). Every page
/// downloads every part's descriptor entry (about 43 bytes gzip) and the page that lists every
/// destination (`countries`) fetches every part: estimated on today's rows (BENCHMARKS.md,
/// "size-e"), 500 bytes (63 parts) gives first prices within 1-2 KB of splitting every key
/// (83 parts), and 4-9 KB below 2,000 bytes (29 parts).
pub const KEYED_PART_MIN_BYTES: usize = 500;

impl Inline {
    /// True when the part named `part` travels inside the core.
    pub fn includes(self, part: &str) -> bool {
        if format::split_keyed_part(part).is_some() {
            return self == Inline::All;
        }
        let file = format::split_year_part(part)
            .map(|(file, _)| file)
            .or_else(|| format::split_chapter_file_part(part).map(|(file, _)| file))
            .unwrap_or(part);
        match self {
            Inline::All => true,
            Inline::RulesOnly => !part.starts_with("table:") && !ON_DEMAND_FILES.contains(&file),
        }
    }
}

/// A table's chapter part before encoding: its chapters and its rows.
struct ChapterPart<'r> {
    first: u8,
    last: u8,
    rows: &'r [Vec<String>],
}

/// Splits a table's sorted rows into runs of whole chapters, each run growing until its encoded
/// part reaches [`CHAPTER_PART_MIN_BYTES`] (the last run may be smaller).
fn chapter_parts<'r>(
    jurisdiction: &str,
    rows: &'r [Vec<String>],
    encoded_len: impl Fn(&[Vec<String>]) -> Result<usize, String>,
) -> Result<Vec<ChapterPart<'r>>, String> {
    let chapter_of = |row: &Vec<String>| {
        format::chapter(row[0].as_bytes()).ok_or_else(|| format!("{jurisdiction}: bad code {:?}", row[0]))
    };
    let mut parts: Vec<ChapterPart<'r>> = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        let first = chapter_of(&rows[start])?;
        let mut end = start;
        let last = loop {
            // One more whole chapter (rows are sorted by code, so a chapter's rows are a run).
            let chapter = chapter_of(&rows[end])?;
            end += rows[end..].iter().take_while(|r| format::chapter(r[0].as_bytes()) == Some(chapter)).count();
            if end == rows.len() || encoded_len(&rows[start..end])? >= CHAPTER_PART_MIN_BYTES {
                break chapter;
            }
        };
        parts.push(ChapterPart { first, last, rows: &rows[start..end] });
        start = end;
    }
    Ok(parts)
}

/// The rows of a code list naming codes of one chapter: (row number, the chapter's codes).
type ChapterRows<'t> = Vec<(usize, Vec<&'t str>)>;

/// A [`CHAPTER_SPLIT_FILES`] file's chapter parts: runs of whole chapters, each growing until
/// its text reaches [`CHAPTER_FILE_PART_MIN_BYTES`], each the header line and, in file order,
/// every row naming a code of its chapters with those codes only.
fn chapter_file_parts(path: &str, text: &str) -> Result<Vec<Part>, String> {
    let name = path.trim_start_matches("tariffs/");
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    let column = header.split('\t').position(|c| c == "codes").ok_or_else(|| format!("{path}: no codes column"))?;
    let rows: Vec<Vec<&str>> = lines.filter(|l| !l.is_empty()).map(|l| l.split('\t').collect()).collect();
    // Per chapter: each row naming a code of it, as (row, that chapter's codes), in file order.
    let mut chapters: BTreeMap<u8, ChapterRows> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let codes = row.get(column).ok_or_else(|| format!("{path}: row {} has no codes", i + 2))?;
        for code in codes.split(' ').filter(|c| !c.is_empty()) {
            let chapter = format::chapter(code.as_bytes())
                .filter(|_| format::encode_code(code).is_some())
                .ok_or_else(|| format!("{path}: row {}: bad code {code:?}", i + 2))?;
            let of_chapter = chapters.entry(chapter).or_default();
            match of_chapter.last_mut() {
                Some((row, codes)) if *row == i => codes.push(code),
                _ => of_chapter.push((i, vec![code])),
            }
        }
    }
    let part_text = |run: &[(&u8, &ChapterRows)]| {
        let mut by_row: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for (_, rows_of_chapter) in run {
            for (row, codes) in rows_of_chapter.iter() {
                by_row.entry(*row).or_default().extend(codes);
            }
        }
        let mut text = format!("{header}\n");
        for (row, codes) in by_row {
            let codes = codes.join(" ");
            let fields: Vec<&str> =
                rows[row].iter().enumerate().map(|(i, f)| if i == column { codes.as_str() } else { f }).collect();
            text.push_str(&fields.join("\t"));
            text.push('\n');
        }
        text
    };
    let chapters: Vec<(&u8, &ChapterRows)> = chapters.iter().collect();
    let mut parts = Vec::new();
    let mut start = 0;
    while start < chapters.len() {
        let mut end = start + 1;
        while end < chapters.len() && part_text(&chapters[start..end]).len() < CHAPTER_FILE_PART_MIN_BYTES {
            end += 1;
        }
        let (first, last) = (*chapters[start].0, *chapters[end - 1].0);
        let text = part_text(&chapters[start..end]);
        parts.push(Part::new(format::chapter_file_part_name(name, first, last), text.into_bytes()));
        start = end;
    }
    Ok(parts)
}

/// A [`KEYED_SPLIT_FILES`] file's parts: the base part (named as the file: the header, the rows
/// of small keys, and a marker line `@KEY` in place of each row moved out), then one part per
/// key with at least [`KEYED_PART_MIN_BYTES`] of rows (`FILE#KEY`: those rows, in file order,
/// each line byte for byte). A key of `*` or empty (every destination) is never moved.
fn keyed_file_parts(path: &str, column: &str, text: &str) -> Result<Vec<Part>, String> {
    let (header, rows) = header_and_rows(path, text)?;
    let index = column_index(path, header, column)?;
    let key_of = |line: &str| -> Option<String> {
        let key = field(line, index)?.trim();
        (!key.is_empty() && key != "*").then(|| key.to_string())
    };
    let moved = moved_keys(&rows, key_of);
    split_by_key(path, header, &rows, |line| key_of(line).filter(|k| moved.contains(k)))
}

/// The keys of a [`KEYED_SPLIT_FILES`] file moved out of its base part: those with at least
/// [`KEYED_PART_MIN_BYTES`] of rows.
fn moved_keys(rows: &[&str], key_of: impl Fn(&str) -> Option<String>) -> Vec<String> {
    let mut sizes: BTreeMap<String, usize> = BTreeMap::new();
    for line in rows {
        if let Some(key) = key_of(line) {
            *sizes.entry(key).or_default() += line.len();
        }
    }
    sizes.into_iter().filter(|(_, n)| *n >= KEYED_PART_MIN_BYTES).map(|(k, _)| k).collect()
}

/// A [`KEYED_BY_ROW_FILES`] file's parts: as [`keyed_file_parts`], each row under the key of the
/// row of `named` (the [`KEYED_SPLIT_FILES`] file) whose `id` its `column` holds, moved when that
/// key is moved out of `named`.
fn keyed_by_row_parts(path: &str, column: &str, text: &str, named: (&str, &str)) -> Result<Vec<Part>, String> {
    let (named_path, named_text) = named;
    let named_column = KEYED_SPLIT_FILES
        .iter()
        .find(|(f, _)| *f == named_path)
        .map(|(_, c)| *c)
        .ok_or_else(|| format!("{path}: {named_path} is not filed by destination"))?;
    let (named_header, named_rows) = header_and_rows(named_path, named_text)?;
    let (id, key) =
        (column_index(named_path, named_header, "id")?, column_index(named_path, named_header, named_column)?);
    let key_of_id = |line: &str| -> Option<String> {
        let key = field(line, key)?.trim();
        (!key.is_empty() && key != "*").then(|| key.to_string())
    };
    let moved = moved_keys(&named_rows, key_of_id);
    let keys: BTreeMap<&str, Option<String>> =
        named_rows.iter().filter_map(|line| Some((field(line, id)?, key_of_id(line)))).collect();
    let (header, rows) = header_and_rows(path, text)?;
    let index = column_index(path, header, column)?;
    for (i, line) in rows.iter().enumerate() {
        if !field(line, index).is_some_and(|name| keys.contains_key(name)) {
            return Err(format!("{path}: row {}: its {column} is not a row of {named_path}", i + 2));
        }
    }
    let key_of = |line: &str| keys.get(field(line, index)?)?.clone().filter(|k| moved.contains(k));
    split_by_key(path, header, &rows, key_of)
}

/// A file's header line and its rows (each with its line end).
fn header_and_rows<'t>(path: &str, text: &'t str) -> Result<(&'t str, Vec<&'t str>), String> {
    let mut lines = text.split_inclusive('\n');
    let header = lines.next().unwrap_or_default();
    let rows: Vec<&str> = lines.collect();
    if rows.iter().any(|line| line.starts_with(format::KEYED_ROW_MARKER)) {
        return Err(format!("{path}: a row starts with {:?}", format::KEYED_ROW_MARKER));
    }
    Ok((header, rows))
}

/// The position of `column` in a header line.
fn column_index(path: &str, header: &str, column: &str) -> Result<usize, String> {
    header
        .trim_end_matches(['\n', '\r'])
        .split('\t')
        .position(|c| c == column)
        .ok_or_else(|| format!("{path}: no {column} column"))
}

/// The field at `index` of a row (its line end left out).
fn field(line: &str, index: usize) -> Option<&str> {
    line.trim_end_matches(['\n', '\r']).split('\t').nth(index)
}

/// A keyed file's base part and one part per key `moved` names a row of (see
/// [`keyed_file_parts`]).
fn split_by_key(
    path: &str,
    header: &str,
    rows: &[&str],
    moved: impl Fn(&str) -> Option<String>,
) -> Result<Vec<Part>, String> {
    let name = path.trim_start_matches("tariffs/");
    let mut base = header.to_string();
    let mut keyed: BTreeMap<String, String> = BTreeMap::new();
    for line in rows {
        match moved(line) {
            Some(key) => {
                base.push(format::KEYED_ROW_MARKER);
                base.push_str(&key);
                base.push('\n');
                keyed.entry(key).or_default().push_str(line);
            }
            None => base.push_str(line),
        }
    }
    let mut parts = vec![Part::new(name.to_string(), base.into_bytes())];
    parts
        .extend(keyed.into_iter().map(|(key, rows)| Part::new(format::keyed_part_name(name, &key), rows.into_bytes())));
    Ok(parts)
}

/// A data file's parts: the whole file, for a [`YEAR_SPLIT_FILES`] file one part per year of
/// its rows, each with the header line, for a [`CHAPTER_SPLIT_FILES`] file its chapter parts,
/// and for a [`KEYED_SPLIT_FILES`] file its base part and destination parts.
fn file_parts(path: &str, text: String, read: impl Fn(&str) -> Result<String, String>) -> Result<Vec<Part>, String> {
    let name = path.trim_start_matches("tariffs/");
    if let Some((_, column)) = KEYED_SPLIT_FILES.iter().find(|(f, _)| *f == path) {
        return keyed_file_parts(path, column, &text);
    }
    if let Some((_, column, named)) = KEYED_BY_ROW_FILES.iter().find(|(f, _, _)| *f == path) {
        return keyed_by_row_parts(path, column, &text, (named, &read(named)?));
    }
    if CHAPTER_SPLIT_FILES.contains(&path) {
        return chapter_file_parts(path, &text);
    }
    if !YEAR_SPLIT_FILES.contains(&path) {
        return Ok(vec![Part::new(name.to_string(), text.into_bytes())]);
    }
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    let mut years: BTreeMap<&str, String> = BTreeMap::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let year = line.get(..4).unwrap_or_default();
        let part = years.entry(year).or_insert_with(|| format!("{header}\n"));
        part.push_str(line);
        part.push('\n');
    }
    Ok(years.into_iter().map(|(year, text)| Part::new(format::year_part_name(name, year), text.into_bytes())).collect())
}

/// Compiles the tables under `root` (a repository root holding `tariffs/`).
///
/// Errors name the file and row that could not be compiled.
pub fn compile(root: &Path, inline: Inline) -> Result<Compiled, String> {
    let read = |p: &str| std::fs::read_to_string(root.join(p)).map_err(|e| format!("{p}: {e}"));
    let sources = rows(&read(SOURCES_FILE)?);
    for row in &sources {
        if row.len() != format::SOURCE_FIELDS {
            return Err(format!("{SOURCES_FILE}: row {row:?} has {} fields", row.len()));
        }
    }
    let mut tables: Vec<(&str, Vec<Vec<String>>)> = Vec::with_capacity(TABLES.len());
    for (jurisdiction, path) in TABLES {
        let mut table = rows(&read(path)?);
        for row in &table {
            if row.len() != format::ROW_FIELDS {
                return Err(format!("{path}: row {row:?} has {} fields, not {}", row.len(), format::ROW_FIELDS));
            }
        }
        table.sort_by(|a, b| (&a[0], &a[1]).cmp(&(&b[0], &b[1])));
        tables.push((jurisdiction, table));
    }
    let descriptions = description_numbers(&tables);
    let source_ids: Vec<&str> = sources.iter().map(|r| r[0].as_str()).collect();
    let mut parts = Vec::with_capacity(TABLES.len() * 100 + FILES.len());
    // Per table: (first chapter, rows) of each of its parts, in `parts` order.
    let mut chapter_entries: Vec<Vec<(u8, usize)>> = Vec::with_capacity(tables.len());
    for (jurisdiction, rows) in &tables {
        let encode = |rows: &[Vec<String>]| table_part(jurisdiction, rows, &descriptions, &source_ids);
        let mut entries = Vec::new();
        for chapter in chapter_parts(jurisdiction, rows, |r| encode(r).map(|b| b.len()))? {
            let name = format::chapter_part_name(jurisdiction, chapter.first, chapter.last);
            parts.push(Part::new(format!("table:{name}"), encode(chapter.rows)?));
            entries.push((chapter.first, chapter.rows.len()));
        }
        chapter_entries.push(entries);
    }
    let table_parts = parts.len();
    for f in FILES {
        parts.extend(file_parts(f, read(f)?, read)?);
    }

    // The descriptor: base strings, sources, then every part by length and hash.
    let mut strings = StringTable::default();
    for f in sources.iter().flatten() {
        strings.add(f);
    }
    for (jurisdiction, _) in &tables {
        strings.add(jurisdiction);
    }
    for part in &parts {
        strings.add(part.name.trim_start_matches("table:"));
    }
    let strings = strings.numbered();
    let mut descriptor = Vec::new();
    strings.write(&mut descriptor);
    format::put_varint(&mut descriptor, sources.len() as u64);
    for f in sources.iter().flatten() {
        format::put_varint(&mut descriptor, strings.index(f));
    }
    format::put_varint(&mut descriptor, tables.len() as u64);
    let mut table_part_iter = parts[..table_parts].iter();
    for ((jurisdiction, _), entries) in tables.iter().zip(&chapter_entries) {
        format::put_varint(&mut descriptor, strings.index(jurisdiction));
        format::put_varint(&mut descriptor, entries.len() as u64);
        for ((first, rows), part) in entries.iter().zip(&mut table_part_iter) {
            format::put_varint(&mut descriptor, strings.index(part.name.trim_start_matches("table:")));
            format::put_varint(&mut descriptor, u64::from(*first));
            format::put_varint(&mut descriptor, *rows as u64);
            put_part(&mut descriptor, part);
        }
    }
    format::put_varint(&mut descriptor, (parts.len() - table_parts) as u64);
    for part in &parts[table_parts..] {
        format::put_varint(&mut descriptor, strings.index(&part.name));
        put_part(&mut descriptor, part);
    }

    let mut core = Vec::new();
    core.extend_from_slice(format::MAGIC);
    format::put_varint(&mut core, descriptor.len() as u64);
    core.extend_from_slice(&descriptor);
    let hash = Sha256::digest(&core);
    core.extend_from_slice(&hash);
    let inline_parts: Vec<(usize, &Part)> =
        parts.iter().enumerate().filter(|(_, p)| inline.includes(&p.name)).collect();
    format::put_varint(&mut core, inline_parts.len() as u64);
    for (number, part) in inline_parts {
        format::put_varint(&mut core, number as u64);
        core.extend_from_slice(&part.bytes);
    }
    let text = description_blob(&descriptions, &hash);
    Ok(Compiled { core, parts, text })
}

fn put_part(out: &mut Vec<u8>, part: &Part) {
    format::put_varint(out, part.bytes.len() as u64);
    out.extend_from_slice(&part.sha256);
}

/// A deduplicated, sorted string table, numbered in order once filled.
#[derive(Default)]
struct StringTable(BTreeMap<String, u64>);

impl StringTable {
    fn add(&mut self, s: &str) {
        if !self.0.contains_key(s) {
            self.0.insert(s.to_string(), 0);
        }
    }

    fn numbered(mut self) -> StringTable {
        self.add("");
        for (i, v) in self.0.values_mut().enumerate() {
            *v = i as u64;
        }
        self
    }

    fn index(&self, s: &str) -> u64 {
        self.0[s]
    }

    fn write(&self, out: &mut Vec<u8>) {
        format::put_varint(out, self.0.len() as u64);
        for s in self.0.keys() {
            format::put_varint(out, s.len() as u64);
            out.extend_from_slice(s.as_bytes());
        }
    }
}

/// Rows of a TSV table without its header.
fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines().skip(1).filter(|l| !l.is_empty()).map(|l| l.split('\t').map(str::to_string).collect()).collect()
}

/// Descriptions go to a separate text blob (display and search only), numbered from 1 in order
/// of first appearance so that each table's description column is nearly sequential.
fn description_numbers(tables: &[(&str, Vec<Vec<String>>)]) -> BTreeMap<String, u64> {
    let mut descriptions: BTreeMap<String, u64> = BTreeMap::new();
    let mut next = 1u64;
    for (_, rows) in tables {
        for row in rows {
            if !row[3].is_empty() && !descriptions.contains_key(&row[3]) {
                descriptions.insert(row[3].clone(), next);
                next += 1;
            }
        }
    }
    descriptions
}

/// One table as a self-contained part: its own string table (units, preference texts, column
/// 2, flags, duty texts) and duty list, then the rows column by column: codes as (digit count,
/// delta of the zero-padded value), dates, descriptions (zigzag deltas), then dense duty and
/// source numbers and string indexes. Columns of similar values compress far better than rows.
fn table_part(
    jurisdiction: &str,
    rows: &[Vec<String>],
    descriptions: &BTreeMap<String, u64>,
    source_ids: &[&str],
) -> Result<Vec<u8>, String> {
    let mut strings = StringTable::default();
    for row in rows {
        for f in &row[4..9] {
            strings.add(f);
        }
    }
    let strings = strings.numbered();
    // Distinct duty texts, so rows carry a dense duty number the engine caches parses by.
    let mut duties: BTreeMap<&str, u64> = BTreeMap::new();
    for row in rows {
        duties.entry(row[5].as_str()).or_insert(0);
    }
    for (i, v) in duties.values_mut().enumerate() {
        *v = i as u64;
    }
    let mut section = Vec::new();
    strings.write(&mut section);
    format::put_varint(&mut section, duties.len() as u64);
    for d in duties.keys() {
        format::put_varint(&mut section, strings.index(d));
    }
    let mut previous = 0u64;
    for row in rows {
        let (len, value) =
            format::encode_code(&row[0]).ok_or_else(|| format!("{jurisdiction}: bad code {:?}", row[0]))?;
        format::put_varint(&mut section, len);
        format::put_varint(&mut section, value - previous);
        previous = value;
    }
    for column in 1..format::ROW_FIELDS {
        let mut previous_description = 0u64;
        for row in rows {
            let f = &row[column];
            let v = match column {
                1 | 2 => format::encode_date(f).ok_or_else(|| format!("{jurisdiction}: bad date {f:?}"))?,
                3 => {
                    let d = descriptions.get(f).copied().unwrap_or(0);
                    let delta = d as i64 - previous_description as i64;
                    previous_description = d;
                    ((delta << 1) ^ (delta >> 63)) as u64
                }
                5 => duties[f.as_str()],
                9 => source_ids
                    .iter()
                    .position(|s| s == f)
                    .ok_or_else(|| format!("{jurisdiction}: unknown source {f:?} (not in {SOURCES_FILE})"))?
                    as u64,
                _ => strings.index(f),
            };
            format::put_varint(&mut section, v);
        }
    }
    Ok(section)
}

/// The text blob: descriptions in index order, bound to the core by its hash.
fn description_blob(descriptions: &BTreeMap<String, u64>, core_hash: &[u8]) -> Vec<u8> {
    let mut text = Vec::new();
    text.extend_from_slice(format::TEXT_MAGIC);
    text.extend_from_slice(core_hash);
    format::put_varint(&mut text, descriptions.len() as u64);
    let mut ordered: Vec<(&String, &u64)> = descriptions.iter().collect();
    ordered.sort_by_key(|(_, i)| **i);
    for (d, _) in ordered {
        format::put_varint(&mut text, d.len() as u64);
        text.extend_from_slice(d.as_bytes());
    }
    let text_hash = Sha256::digest(&text);
    text.extend_from_slice(&text_hash);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_list_is_split_into_runs_of_whole_chapters_each_row_keeping_its_chapters_codes() {
        // format.rs: each chapter part is the header and, in file order, the rows naming a code
        // of its chapters with those codes only; a run grows until CHAPTER_FILE_PART_MIN_BYTES.
        let text =
            "scope\tvalid_from\tvalid_to\tfile\tcodes\na\t2025-01-01\t\tx.csv\t8471 0101 8517\nb\t\t\ty.csv\t0102\n";
        let parts = chapter_file_parts("tariffs/us_scopes.tsv", text).unwrap();
        let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["us_scopes.tsv:01-85"], "a small file is one run");
        let long = format!("{text}c\t\t\tz.csv\t{}\n", vec!["0103"; CHAPTER_FILE_PART_MIN_BYTES / 5].join(" "));
        let parts = chapter_file_parts("tariffs/us_scopes.tsv", &long).unwrap();
        let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["us_scopes.tsv:01", "us_scopes.tsv:84-85"]);
        let header = "scope\tvalid_from\tvalid_to\tfile\tcodes\n";
        assert_eq!(String::from_utf8_lossy(&parts[1].bytes), format!("{header}a\t2025-01-01\t\tx.csv\t8471 8517\n"));
        assert!(
            String::from_utf8_lossy(&parts[0].bytes).starts_with(&format!("{header}a\t2025-01-01\t\tx.csv\t0101\nb\t"))
        );
        assert!(chapter_file_parts("tariffs/us_scopes.tsv", "scope\tcodes\na\t8\n").is_err(), "a one-digit code");
        for part in ["us_scopes.tsv:01", "us_scopes.tsv:84-85"] {
            assert!(!Inline::RulesOnly.includes(part) && Inline::All.includes(part), "{part}");
        }
    }

    #[test]
    fn rows_naming_a_keyed_row_move_with_its_key_whatever_their_size() {
        // A key of 500 bytes or more in excise.tsv moves; its rates move with it even when they
        // are a few bytes; a rate of a key left inline stays inline; a rate naming no row fails.
        let long = "x".repeat(KEYED_PART_MIN_BYTES);
        let excise = format!("id\tcountries\tnote\nau-lct\tAU\t{long}\ndk-coffee\tDK\tshort\n");
        let rates = "id\texcise\nr1\tdk-coffee\nr2\tau-lct\n";
        let parts = keyed_by_row_parts("r.tsv", "excise", rates, ("tariffs/rules/excise.tsv", &excise)).unwrap();
        let texts: Vec<(&str, String)> =
            parts.iter().map(|p| (p.name.as_str(), String::from_utf8_lossy(&p.bytes).into_owned())).collect();
        assert_eq!(
            texts,
            [("r.tsv", "id\texcise\nr1\tdk-coffee\n@AU\n".to_string()), ("r.tsv#AU", "r2\tau-lct\n".to_string())]
        );
        let unknown =
            keyed_by_row_parts("r.tsv", "excise", "id\texcise\nr3\tnone\n", ("tariffs/rules/excise.tsv", &excise));
        assert!(unknown.is_err_and(|e| e.contains("row 2")));
    }

    #[test]
    fn the_ecb_tables_are_split_per_year_and_left_out_of_the_browser_core() {
        // The browser core carries the rules, VAT and the pegs; the monthly EU customs rates and
        // the daily ECB rates are one part per year, each with the file's header line.
        let monthly = "month\treference_date\tUSD\n2025-12\t2025-11-19\t1.1\n2026-01\t2025-12-17\t1.2\n2026-02\t2026-01-21\t1.3\n";
        let parts =
            file_parts("tariffs/fx_ecb_monthly.tsv", monthly.to_string(), |p: &str| Err(format!("{p}: not read")))
                .unwrap();
        let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["fx_ecb_monthly.tsv@2025", "fx_ecb_monthly.tsv@2026"]);
        let header = "month\treference_date\tUSD\n";
        assert_eq!(
            String::from_utf8_lossy(&parts[1].bytes),
            format!("{header}2026-01\t2025-12-17\t1.2\n2026-02\t2026-01-21\t1.3\n")
        );
        for part in ["fx_ecb_monthly.tsv@2026", "fx_ecb_daily.tsv@2026", "fx_hmrc_monthly.tsv@2026", "table:EU:61-62"] {
            assert!(!Inline::RulesOnly.includes(part), "{part}");
            assert!(Inline::All.includes(part), "{part}");
        }
        assert!(!Inline::RulesOnly.includes("rules/us_layers.tsv"), "read only for the US (Rules::us)");
        assert!(!Inline::RulesOnly.includes("rules/preferences.tsv"), "read only for the US (Rules::us)");
        assert!(!Inline::RulesOnly.includes("rules/jp_programmes.tsv"), "read only for Japan (Rules::jp)");
        for part in ["vat.tsv", "rules/fx_pegs.tsv", "rules/jurisdictions.tsv"] {
            assert!(Inline::RulesOnly.includes(part), "{part}");
        }
    }
}
