//! Finding the tariff line(s) for a destination, a code of any length and a date.

use super::{tariff_jurisdiction, Row, Snapshot};
use crate::date::Date;
use crate::duty::DutyExpr;
use crate::error::{Error, ErrorCode, Result};
use crate::hs::HsCode;
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
}

impl<'s> Snapshot<'s> {
    /// Looks up `code` in the tariff `destination` applies, as in force on `date`.
    pub fn lookup(&'s self, destination: &str, code: &HsCode, date: Date) -> Result<Lookup<'s>> {
        let jurisdiction = tariff_jurisdiction(destination);
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
        self.require(table)?;
        let rows = self.rows(table);
        let digits = code.digits();
        let key = digits.as_bytes();
        let start = rows.partition_point(|r| r.code_bytes() < key);
        // Rows are sorted, so the rows under the code, and among them those equal to it, are
        // contiguous: slices, not collections.
        let under = &rows[start..start + rows[start..].partition_point(|r| r.code_bytes().starts_with(key))];
        let exact = &under[..under.partition_point(|r| r.code_bytes() == key)];

        let (kind, matched_code, candidates): (Match, String, &'s [Row<'s>]) = if !exact.is_empty() {
            (Match::Exact, digits.to_string(), exact)
        } else if !under.is_empty() {
            (Match::Partial, digits.to_string(), under)
        } else {
            let found = (2..digits.len()).rev().find_map(|n| {
                let p = &key[..n];
                let s = rows.partition_point(|r| r.code_bytes() < p);
                let same = &rows[s..s + rows[s..].partition_point(|r| r.code_bytes() == p)];
                (!same.is_empty()).then(|| (digits[..n].to_string(), same))
            });
            match found {
                Some((prefix, same)) => (Match::Prefix, prefix, same),
                None => return Err(self.unknown_code(jurisdiction, rows, code, start)),
            }
        };

        // Several rows of one code in force at once (overlapping sources): keep the latest start.
        let mut lines: Vec<LookupLine<'s>> = Vec::with_capacity(if kind == Match::Partial { 8 } else { 1 });
        for r in candidates.iter().filter(|r| r.valid_on(date)) {
            match lines.last_mut() {
                Some(last) if last.row.code_bytes() == r.code_bytes() => {
                    if r.valid_from >= last.row.valid_from {
                        *last = LookupLine { row: *r, expression: self.expression(r) };
                    }
                }
                _ => lines.push(LookupLine { row: *r, expression: self.expression(r) }),
            }
        }
        if lines.is_empty() {
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
            return Err(Error::new(
                ErrorCode::Date,
                "date",
                format!("no {jurisdiction} line for {digits} is in force on {date}; published: {}", ranges.join(", ")),
            ));
        }
        let (mut min, mut max, mut ranked) = (None::<Decimal>, None::<Decimal>, 0usize);
        for p in lines.iter().filter_map(|l| l.expression.simple_percent()) {
            min = Some(min.map_or(p, |m| m.min(p)));
            max = Some(max.map_or(p, |m| m.max(p)));
            ranked += 1;
        }
        Ok(Lookup {
            destination: destination.to_string(),
            jurisdiction: table.jurisdiction,
            code: code.clone(),
            matched_code,
            kind,
            min_percent: min,
            max_percent: max,
            unranked: lines.len() - ranked,
            lines,
        })
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
        Error::new(
            ErrorCode::UnknownCode,
            "code",
            format!("{digits} is not in the {jurisdiction} tariff; nearest valid codes: {}", nearest.join(", ")),
        )
    }
}
