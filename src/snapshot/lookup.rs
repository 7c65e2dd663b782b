//! Finding the tariff line(s) for a destination, a code of any length and a date.

use super::{ChapterPart, Row, Snapshot, Table};
use crate::correlation::{self, Correlation, ViaCorrelation};
use crate::date::Date;
use crate::duty::DutyExpr;
use crate::error::{Error, ErrorCode, Result};
use crate::hs::HsCode;
use crate::several::Several;
use rust_decimal::Decimal;

/// How the code given relates to the published line(s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum Match {
    /// The code is a published national line.
    Exact,
    /// The code is longer than the published lines; the most specific line that is its prefix.
    Prefix,
    /// The code is shorter than the published lines: every line under it.
    Partial,
    /// The code's six-digit subheading is an HS 2022 subheading that changed, and the tariff is
    /// in HS 2017 codes: every line under the HS 2017 subheadings it correlates with
    /// (see [`Lookup::via_correlation`]).
    Correlated,
}

/// A published line with its parsed duty expression.
#[derive(Debug, Clone)]
pub struct LookupLine<'s> {
    pub row: Row<'s>,
    pub expression: &'s DutyExpr,
}

/// The result of a lookup.
#[derive(Debug, Clone)]
pub struct Lookup<'s> {
    pub destination: String,
    /// `US`, `GB` or `EU`.
    pub jurisdiction: &'s str,
    pub code: HsCode,
    /// The published code matched (for a partial code, the code given).
    pub matched_code: String,
    pub kind: Match,
    /// One line for an exact or prefix match; every line under a partial code.
    pub lines: Vec<LookupLine<'s>>,
    /// Lowest and highest ad valorem rate among the lines whose duty is a plain percentage.
    pub min_percent: Option<Decimal>,
    pub max_percent: Option<Decimal>,
    /// Lines whose duty is not a plain percentage (specific, compound, …), left out of min/max.
    pub unranked: usize,
    /// How the code was resolved through the HS 2022 → HS 2017 correlation, if it was.
    pub via_correlation: Option<ViaCorrelation<'s>>,
}

/// The id of the correlation's row in `sources.tsv`.
const CORRELATION_SOURCE: &str = "unsd-hs2022-hs2017";

/// The indices of the rows under a code (itself included). Rows are sorted, so their packed codes
/// are too, and the rows under a code are a contiguous run: two binary searches on integers.
fn under(keys: &[u64], prefix: &[u8]) -> std::ops::Range<usize> {
    under_packed(keys, crate::hs::pack(prefix))
}

/// [`under`] for a prefix already packed ([`crate::hs::pack`]).
fn under_packed(keys: &[u64], packed: u64) -> std::ops::Range<usize> {
    let range = crate::hs::packed_range_of(packed);
    let start = keys.partition_point(|k| *k < range.start);
    start..start + keys[start..].partition_point(|k| *k < range.end)
}

/// The indices of the rows whose code is exactly `packed`.
fn equal(keys: &[u64], packed: u64) -> std::ops::Range<usize> {
    let start = keys.partition_point(|k| *k < packed);
    start..start + keys[start..].partition_point(|k| *k == packed)
}

/// The longest published code that is a proper prefix of `code` (at least two digits), and its
/// rows, when no row is `code` or under it (`at`: where `code`'s rows would start).
///
/// The rows between a prefix of `code` and `code` itself all start with that prefix (they sort
/// after it and before `code`), so the row just before `at` is either the longest prefix or
/// shares it: the prefix is at most as long as that row's common prefix with `code`. Usually
/// the row is the prefix, and no search is needed.
fn longest_prefix<'c>(
    keys: &[u64],
    code: &[u8],
    at: usize,
    code_of: impl Fn(usize) -> &'c [u8],
) -> Option<(usize, std::ops::Range<usize>)> {
    let before = code_of(at.checked_sub(1)?);
    let common = before.iter().zip(code).take_while(|(a, b)| a == b).count().min(code.len() - 1);
    if common == before.len() && common >= 2 {
        let packed = keys[at - 1];
        let start = keys[..at].iter().rposition(|k| *k != packed).map_or(0, |i| i + 1);
        return Some((common, start..at));
    }
    (2..=common).rev().find_map(|n| {
        let same = equal(&keys[..at], crate::hs::pack(&code[..n]));
        (!same.is_empty()).then_some((n, same))
    })
}

/// A line a lookup found: the snapshot's row and its parsed duty, borrowed (a row is large: the
/// quote reads it in place; [`Snapshot::lookup`] copies it into a [`LookupLine`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct FoundLine<'s> {
    pub(crate) row: &'s Row<'s>,
    pub(crate) expression: &'s DutyExpr,
}

/// What a lookup found, before it is dressed as a [`Lookup`] (the quote reads this directly).
pub(crate) struct Found<'s> {
    pub(crate) table: &'s Table<'s>,
    pub(crate) kind: Match,
    /// Digits of the code given that were matched (a prefix match matches fewer).
    matched_len: usize,
    /// Nearly always one line: held inline, without an allocation per lookup.
    pub(crate) lines: Several<FoundLine<'s>>,
    /// Boxed: nearly every lookup goes without (a result is moved to its reader).
    pub(crate) via_correlation: Option<Box<ViaCorrelation<'s>>>,
}

/// A [`Found`] of one line reached without the correlation, in parts that copy (a memo keeps
/// them: `quote::TariffMemo`).
#[derive(Clone, Copy)]
pub(crate) struct FoundOne<'s> {
    table: &'s Table<'s>,
    kind: Match,
    matched_len: usize,
    line: FoundLine<'s>,
}

impl<'s> Found<'s> {
    /// The result as [`FoundOne`], when it is one line found without the correlation.
    pub(crate) fn one(&self) -> Option<FoundOne<'s>> {
        match (self.lines.len(), &self.via_correlation) {
            (1, None) => Some(FoundOne {
                table: self.table,
                kind: self.kind,
                matched_len: self.matched_len,
                line: self.lines[0],
            }),
            _ => None,
        }
    }
}

impl<'s> From<FoundOne<'s>> for Found<'s> {
    fn from(one: FoundOne<'s>) -> Found<'s> {
        let mut lines = Several::new();
        lines.push(one.line);
        Found { table: one.table, kind: one.kind, matched_len: one.matched_len, lines, via_correlation: None }
    }
}

impl<'s> Snapshot<'s> {
    /// Looks up `code` in the tariff `destination` applies, as in force on `date`.
    ///
    /// On a tariff in HS 2017 codes (`rules/nomenclature.tsv`), a code whose six-digit
    /// subheading is an HS 2022 subheading that changed is resolved through the correlation
    /// ([`Match::Correlated`]): a six-digit code always, a longer one when the table does not
    /// publish it. Every other code is looked up as given.
    pub fn lookup(&'s self, destination: &str, code: &HsCode, date: Date) -> Result<Lookup<'s>> {
        let found = self.find(destination, code, date)?;
        let matched_code = match found.kind {
            Match::Correlated if found.lines.len() == 1 => found.lines[0].row.code().to_string(),
            _ => code.prefix(found.matched_len).to_string(),
        };
        let lines = found.lines.into_iter().map(|l| LookupLine { row: *l.row, expression: l.expression }).collect();
        let via_correlation = found.via_correlation.map(|v| *v);
        Ok(self.found(destination, found.table, code, matched_code, found.kind, lines, via_correlation))
    }

    /// The line(s) of [`Snapshot::lookup`], without the summary a caller of `rate` reads.
    pub(crate) fn find(&'s self, destination: &str, code: &HsCode, date: Date) -> Result<Found<'s>> {
        self.find_in(self.tariff_of(destination), destination, code, date)
    }

    /// [`Snapshot::find`] in the tariff `jurisdiction` (a destination's `tariff` in
    /// `rules/jurisdictions.tsv`, already resolved: a quote resolves it once, not per line).
    pub(crate) fn find_in(
        &'s self,
        jurisdiction: &str,
        destination: &str,
        code: &HsCode,
        date: Date,
    ) -> Result<Found<'s>> {
        let table = self.table(jurisdiction).filter(|t| t.jurisdiction != "HS").ok_or_else(|| {
            Error::new(
                ErrorCode::NoTariff,
                "destination",
                format!(
                    "the snapshot has no tariff for {destination}; it covers {} (supply duty_rate for other destinations)",
                    self.tables.iter().map(|t| t.jurisdiction).filter(|j| *j != "HS").collect::<Vec<_>>().join(", ")
                ),
            )
        })?;
        // A six-digit code is read as HS 2022, the edition in force since 2022; a longer code
        // published in the table is one of its national lines, and goes through the
        // correlation only when the table does not have it.
        if code.len() == 6 {
            if let Some(found) = self.lookup_correlated(table, code, date)? {
                return Ok(found);
            }
        }
        match self.lookup_as_given(table, code, date) {
            Err(e) if e.code == ErrorCode::UnknownCode && code.len() > 6 => {
                self.lookup_correlated(table, code, date)?.ok_or(e)
            }
            found => found,
        }
    }

    /// Whether `code` names goods of the HS nomenclature (the `HS` table) on `date`: its first
    /// six digits (all of a shorter code) looked up there. `E_UNKNOWN_CODE` naming the nearest
    /// subheadings when it does not; `E_DATE` when no HS edition in the snapshot is in force on
    /// the date (the code cannot be checked); for a destination without a tariff of its own.
    pub(crate) fn check_hs(&'s self, code: &HsCode, date: Date) -> Result<()> {
        let Some(table) = self.table("HS") else {
            return Err(Error::new(ErrorCode::NoTariff, "code", "the snapshot has no HS nomenclature"));
        };
        let six = HsCode::parse(code.prefix(code.len().min(6)))?;
        // A heading standing in for a subheading it does not have (`610999` → `6109`) is no
        // subheading: the nomenclature has every one.
        if self.lookup_as_given(table, &six, date)?.kind == Match::Prefix {
            let (rows, keys) = self.chapter_of(table, six.bytes())?;
            return Err(self.unknown_code("HS", rows, &six, under_packed(keys, six.packed()).start));
        }
        Ok(())
    }

    /// The rows of the chapter part holding `code`'s chapter and their packed codes: an
    /// `E_DATA_NOT_LOADED` error naming the part while it is not attached; none when the table
    /// has no part for the chapter.
    pub(crate) fn chapter_of(&'s self, table: &'s Table<'s>, code: &[u8]) -> Result<(&'s [Row<'s>], &'s [u64])> {
        match table.chapter_part(code) {
            Some(chapter) => {
                self.require_chapter(table, chapter)?;
                Ok((self.chapter_rows(table, chapter), self.chapter_keys(table, chapter)))
            }
            None => Ok((&[], &[])),
        }
    }

    /// The chapter parts of `table` a lookup of `code` reads: the code's own, and when the
    /// table is in HS 2017 codes, those of the subheadings an HS 2022 code correlates with
    /// (once the correlation is loaded; until then the correlation file is what is missing).
    pub fn chapter_parts_for(&'s self, table: &'s Table<'s>, code: &HsCode) -> Vec<&'s ChapterPart<'s>> {
        let mut parts: Vec<&ChapterPart<'s>> = table.chapter_part(code.bytes()).into_iter().collect();
        let hs2017 =
            self.file(correlation::NOMENCLATURE_FILE).is_some_and(|t| correlation::is_hs2017(t, table.jurisdiction));
        if hs2017 && code.len() >= 6 {
            if let Some(resolution) = self.correlation().ok().and_then(|c| c.resolve(code.prefix(6))) {
                for target in &resolution.to {
                    if let Some(part) = table.chapter_part(target.as_bytes()) {
                        if !parts.iter().any(|p| std::ptr::eq(*p, part)) {
                            parts.push(part);
                        }
                    }
                }
            }
        }
        parts
    }

    /// The line(s) of the code as given: exact, the longest published prefix, or every line
    /// under it.
    fn lookup_as_given(&'s self, table: &'s Table<'s>, code: &HsCode, date: Date) -> Result<Found<'s>> {
        let jurisdiction = table.jurisdiction;
        let (rows, keys) = self.chapter_of(table, code.bytes())?;
        // Rows are sorted, so the rows under the code, and among them those equal to it (the
        // first of them), are contiguous: slices, not collections.
        let packed = code.packed();
        let under = under_packed(keys, packed);
        let exact = under.start..under.start + keys[under.clone()].partition_point(|k| *k == packed);

        let (kind, matched_len, candidates): (Match, usize, &'s [Row<'s>]) = if !exact.is_empty() {
            (Match::Exact, code.len(), &rows[exact])
        } else if !under.is_empty() {
            (Match::Partial, code.len(), &rows[under])
        } else {
            match longest_prefix(keys, code.bytes(), under.start, |i| rows[i].code_bytes()) {
                Some((n, same)) => (Match::Prefix, n, &rows[same]),
                None => return Err(self.unknown_code(jurisdiction, rows, code, under.start)),
            }
        };
        let mut lines = Several::new();
        self.in_force(candidates, date, &mut lines);
        if lines.is_empty() {
            return Err(not_in_force(jurisdiction, code.digits(), date, candidates));
        }
        Ok(Found { table, kind, matched_len, lines, via_correlation: None })
    }

    /// The HS 2022 → HS 2017 correlation and the tables it applies to, parsed on first use.
    /// A snapshot without its files has none; a file named but not loaded yet is an
    /// `E_DATA_NOT_LOADED` error (and nothing is cached); a malformed one is `E_SNAPSHOT`.
    pub fn correlation(&self) -> Result<&Correlation<'s>> {
        let files = [correlation::TABLE_FILE, correlation::FIXES_FILE, correlation::NOMENCLATURE_FILE];
        if let Some(part) = files.iter().filter_map(|f| self.file_part(f)).find(|p| !p.is_loaded()) {
            return Err(Error::new(
                ErrorCode::DataNotLoaded,
                "snapshot",
                format!(
                    "{} is not loaded yet: attach its part {} ({} bytes) first",
                    part.name,
                    part.file_name(),
                    part.len
                ),
            ));
        }
        self.correlation
            .get_or_init(|| {
                Correlation::parse(
                    self.file(correlation::TABLE_FILE),
                    self.file(correlation::FIXES_FILE),
                    self.file(correlation::NOMENCLATURE_FILE),
                )
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The lines of an HS 2022 code on an HS 2017 table, through the correlation; `None` when
    /// the table is not in HS 2017 or the code's subheading did not change.
    fn lookup_correlated(&'s self, table: &'s Table<'s>, code: &HsCode, date: Date) -> Result<Option<Found<'s>>> {
        if code.len() < 6 {
            return Ok(None);
        }
        let listed = match self.file_part(correlation::NOMENCLATURE_FILE) {
            None => false,
            // Not loaded yet: `correlation()` says which part to attach.
            Some(part) if !part.is_loaded() => return self.correlation().map(|_| None),
            Some(_) => {
                self.file(correlation::NOMENCLATURE_FILE).is_some_and(|t| correlation::is_hs2017(t, table.jurisdiction))
            }
        };
        if !listed {
            return Ok(None);
        }
        let correlation = self.correlation()?;
        let Some(nomenclature) = correlation.hs2017_table(table.jurisdiction) else { return Ok(None) };
        let Some(resolution) = correlation.resolve(code.prefix(6)).filter(|r| !r.is_identity()) else {
            return Ok(None);
        };
        let mut lines = Several::new();
        let mut published: Vec<Row<'s>> = Vec::new();
        for target in &resolution.to {
            let (rows, keys) = self.chapter_of(table, target.as_bytes())?;
            let under = &rows[under(keys, target.as_bytes())];
            self.in_force(under, date, &mut lines);
            published.extend(under.iter().take(5 - published.len().min(5)));
        }
        if lines.is_empty() {
            let (j, from, to) = (table.jurisdiction, &resolution.from, resolution.to.join(", "));
            return Err(if published.is_empty() {
                Error::new(
                    ErrorCode::UnknownCode,
                    "code",
                    format!("{from} is an HS 2022 subheading; through the HS 2022 → HS 2017 correlation it was {to}, none of which is in the {j} tariff"),
                )
            } else {
                not_in_force(j, code.digits(), date, &published)
            });
        }
        let source = self
            .sources
            .iter()
            .find(|s| s.id == CORRELATION_SOURCE)
            .map(|s| format!("{}, {}, {}", s.publisher, s.dataset, s.vintage))
            .unwrap_or_else(|| correlation::TABLE_FILE.to_string());
        let via = ViaCorrelation::new(&resolution, nomenclature, source);
        Ok(Some(Found {
            table,
            kind: Match::Correlated,
            matched_len: code.len(),
            lines,
            via_correlation: Some(Box::new(via)),
        }))
    }

    /// Appends the rows of `candidates` in force on `date`; of several rows of one code in
    /// force at once (overlapping sources), the latest start.
    fn in_force(&'s self, candidates: &'s [Row<'s>], date: Date, lines: &mut Several<FoundLine<'s>>) {
        let first = lines.len();
        for r in candidates.iter().filter(|r| r.valid_on(date)) {
            // Only a line this call appended may be replaced (a correlation appends per target).
            let appended = lines.len() > first;
            match lines.last_mut() {
                Some(last) if appended && last.row.code_bytes() == r.code_bytes() => {
                    if r.valid_from >= last.row.valid_from {
                        *last = FoundLine { row: r, expression: self.expression(r) };
                    }
                }
                _ => lines.push(FoundLine { row: r, expression: self.expression(r) }),
            }
        }
    }

    /// The lookup result, with the lowest and highest plain percentage among its lines.
    #[allow(clippy::too_many_arguments)]
    fn found(
        &'s self,
        destination: &str,
        table: &'s Table<'s>,
        code: &HsCode,
        matched_code: String,
        kind: Match,
        lines: Vec<LookupLine<'s>>,
        via_correlation: Option<ViaCorrelation<'s>>,
    ) -> Lookup<'s> {
        let (mut min, mut max, mut ranked) = (None::<Decimal>, None::<Decimal>, 0usize);
        for p in lines.iter().filter_map(|l| l.expression.simple_percent()) {
            min = Some(min.map_or(p, |m| m.min(p)));
            max = Some(max.map_or(p, |m| m.max(p)));
            ranked += 1;
        }
        Lookup {
            destination: destination.to_string(),
            jurisdiction: table.jurisdiction,
            code: code.clone(),
            matched_code,
            kind,
            min_percent: min,
            max_percent: max,
            unranked: lines.len() - ranked,
            lines,
            via_correlation,
        }
    }

    fn unknown_code(&self, jurisdiction: &str, rows: &[Row<'_>], code: &HsCode, at: usize) -> Error {
        // The nearest codes: those sharing the longest prefix with the code given.
        let digits = code.digits();
        let mut nearest: Vec<&str> = Vec::new();
        for n in (2..=digits.len()).rev() {
            let prefix = &digits[..n];
            let s = rows.partition_point(|r| r.code() < prefix);
            let mut near: Vec<&str> =
                rows[s..].iter().take_while(|r| r.code().starts_with(prefix)).map(|r| r.code()).collect();
            near.dedup();
            if !near.is_empty() {
                nearest = near.into_iter().take(5).collect();
                break;
            }
        }
        if nearest.is_empty() {
            nearest = rows[at.saturating_sub(2)..(at + 3).min(rows.len())].iter().map(|r| r.code()).collect();
            nearest.dedup();
        }
        // No row to offer (a chapter the tariff has no line in: `0000.00.00`): said, not an empty list.
        let nearest = match nearest.is_empty() {
            true => format!("no code of chapter {} is in it", digits.get(..2).unwrap_or(digits)),
            false => format!("nearest valid codes: {}", nearest.join(", ")),
        };
        let within = match jurisdiction {
            "HS" => "HS 2022 nomenclature".to_string(),
            j => format!("{j} tariff"),
        };
        Error::new(ErrorCode::UnknownCode, "code", format!("{digits} is not in the {within}; {nearest}"))
    }
}

/// No line of the code is in force on the date: the published ranges.
fn not_in_force(jurisdiction: &str, digits: &str, date: Date, candidates: &[Row<'_>]) -> Error {
    let ranges: Vec<String> = candidates
        .iter()
        .take(5)
        .map(|r| {
            format!(
                "{} {}..{}",
                r.code(),
                r.valid_from.map(|d| d.to_string()).unwrap_or_default(),
                r.valid_to.map(|d| d.to_string()).unwrap_or_default()
            )
        })
        .collect();
    Error::new(
        ErrorCode::Date,
        "date",
        format!("no {jurisdiction} line for {digits} is in force on {date}; published: {}", ranges.join(", ")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hs::pack;

    /// The longest published prefix found from the row before the code equals the one a search
    /// of every shorter length finds, on codes of every length and shape.
    #[test]
    fn longest_prefix_is_the_longest_published_proper_prefix() {
        let mut codes: Vec<&[u8]> =
            "61 6109 610910 61091000 61091000 610990 6110 62 620111 8471 84713000 847130001 9102"
                .split(' ')
                .map(str::as_bytes)
                .collect();
        codes.sort_by_key(|c| pack(c));
        let keys: Vec<u64> = codes.iter().map(|c| pack(c)).collect();
        let queries = "6109100010 610910001 6109109 61099 6109 611 6111 63 8471300009 84713001 91021100 10 99999999 620111990 6201";
        for q in queries.split(' ').map(str::as_bytes) {
            let at = under(&keys, q).start;
            let naive = (2..q.len()).rev().find_map(|n| {
                let same = equal(&keys, pack(&q[..n]));
                (!same.is_empty()).then_some((n, same))
            });
            let got = longest_prefix(&keys, q, at, |i| codes[i]);
            assert_eq!(got, naive, "{}", String::from_utf8_lossy(q));
        }
    }
}
