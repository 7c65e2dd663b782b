//! Reading the embedded TSV tables (the rule tables, the dataset table): a header row names the
//! columns, and a record is read by column name.

use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use rust_decimal::Decimal;

/// One TSV table, borrowed from the snapshot.
pub struct Tsv<'a> {
    name: &'a str,
    columns: Vec<&'a str>,
    rows: Vec<Vec<&'a str>>,
    /// Each row's line in the text (the header is line 1): an empty line is no row but keeps its
    /// number, so a rule table read without a destination's rows (their lines left empty,
    /// `Snapshot::assembled_file`) numbers every other row as the whole file does.
    lines: Vec<usize>,
}

/// One row, read by column name.
pub struct Record<'t, 'a> {
    table: &'t Tsv<'a>,
    fields: &'t [&'a str],
    line: usize,
}

impl<'a> Tsv<'a> {
    /// Splits a TSV text; every row must have as many fields as the header.
    pub fn parse(name: &'a str, text: &'a str) -> Result<Tsv<'a>> {
        let mut text_lines = text.lines();
        let columns: Vec<&str> = text_lines.next().unwrap_or_default().split('\t').collect();
        let (mut rows, mut lines) = (Vec::new(), Vec::new());
        for (i, l) in text_lines.enumerate().filter(|(_, l)| !l.is_empty()) {
            rows.push(l.split('\t').collect::<Vec<&str>>());
            lines.push(i + 2);
        }
        if let Some((i, _)) = rows.iter().enumerate().find(|(_, r)| r.len() != columns.len()) {
            let line = lines[i];
            return Err(Error::new(ErrorCode::Snapshot, name, format!("row {line} has the wrong number of fields")));
        }
        Ok(Tsv { name, columns, rows, lines })
    }

    /// The rows in order.
    pub fn records(&self) -> impl Iterator<Item = Record<'_, 'a>> {
        self.rows.iter().zip(&self.lines).map(move |(fields, &line)| Record { table: self, fields, line })
    }

    /// Every row read by `read`, in order; the first error is the result. A plain loop rather
    /// than `map(..).collect::<Result<_>>()`, whose adapter is a larger copy per table in the
    /// browser module.
    pub fn read_rows<T>(&self, mut read: impl FnMut(&Record<'_, 'a>) -> Result<T>) -> Result<Vec<T>> {
        let mut out = Vec::with_capacity(self.rows.len());
        for r in self.records() {
            out.push(read(&r)?);
        }
        Ok(out)
    }

    /// Position of a column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == name)
    }
}

impl<'a> Record<'_, 'a> {
    /// Where the row is, for error messages (`line 7`).
    pub fn at(&self) -> String {
        format!("line {}", self.line)
    }

    /// The row's line in its file (the header is line 1).
    pub fn line(&self) -> usize {
        self.line
    }

    /// An error naming the table, line and column, and the row by its first column (its id,
    /// country or code): `line 7, column kind: "flat_fee" is not … (id us-hmf)`.
    pub fn bad(&self, column: &str, why: &str) -> Error {
        let row = self.table.columns.first().zip(self.fields.first());
        let row = row.map_or_else(String::new, |(name, value)| format!(" ({name} {value})"));
        Error::new(ErrorCode::Snapshot, self.table.name, format!("line {}, column {column}: {why}{row}", self.line))
    }

    /// A text field (empty when the column is empty).
    pub fn text(&self, column: &str) -> Result<&'a str> {
        let i = self.table.column(column).ok_or_else(|| self.bad(column, "no such column"))?;
        Ok(self.fields[i])
    }

    /// An optional decimal field.
    pub fn decimal(&self, column: &str) -> Result<Option<Decimal>> {
        let t = self.text(column)?;
        if t.is_empty() {
            return Ok(None);
        }
        Decimal::from_str_exact(t).map(Some).map_err(|_| self.bad(column, "not a decimal"))
    }

    /// An optional date field.
    pub fn date(&self, column: &str) -> Result<Option<Date>> {
        let t = self.text(column)?;
        if t.is_empty() {
            return Ok(None);
        }
        Date::parse(t).map(Some).map_err(|_| self.bad(column, "not a date"))
    }
}

/// True when `date` lies in [from, to] (open ends are open).
pub fn in_force(from: Option<Date>, to: Option<Date>, date: Date) -> bool {
    from.is_none_or(|f| f <= date) && to.is_none_or(|t| date <= t)
}

/// A short code (a country `GB`, a group `EU`) packed into an integer that orders as its text
/// does, so a table sorted by code is searched with integer compares instead of string
/// compares; `None` for a code longer than 8 bytes or holding a NUL (it would not pack uniquely).
pub fn code_key(code: &str) -> Option<u64> {
    let bytes = code.as_bytes();
    if bytes.len() > 8 {
        return None;
    }
    let mut key = 0u64;
    for (i, &b) in bytes.iter().enumerate() {
        if b == 0 {
            return None;
        }
        key |= u64::from(b) << (56 - 8 * i);
    }
    Some(key)
}
