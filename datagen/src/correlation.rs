//! The UN/WCO HS 2022 → HS 2017 correlation → `tariffs/hs_correlation.tsv`.
//!
//! The GB and EU tables are in HS 2017 codes; the engine resolves an HS 2022 code on them
//! through this table. Only the HS 2022 subheadings that changed are kept (one whose only row
//! is itself, `1:1`, needs no correlation), grouped by HS 2022 code and the UN's relationship
//! label:
//!
//! ```text
//! hs2022  relationship  hs2017
//! 851713  n:1           851712
//! 382211  1:n           300211
//! 382211  n:n           300213 300214 300215
//! ```
//!
//! Grouping is lossless (every UN pair is one code of one row) and keeps the table small: the
//! new headings 8524 and 8549 each correlate with hundreds of HS 2017 subheadings. The UN
//! filler row `999999` is dropped. Known defects of the UN table are not edited here:
//! `tariffs/rules/hs_correlation_fixes.tsv` corrects them, with reasons, on top.

use crate::table::SourceRow;
use landed::error::{Error, ErrorCode, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// The correlation's provenance row in `sources.tsv`.
pub const SOURCE: SourceRow = SourceRow {
    id: "unsd-hs2022-hs2017",
    jurisdiction: "HS",
    publisher: "United Nations Statistics Division / World Customs Organization",
    dataset: "HS 2022 to HS 2017 correlation table (HS2022toHS2017ConversionAndCorrelationTables.xlsx)",
    vintage: "2024-04-18",
    licence: "UN terms of use; WCO copyright in the nomenclature: use with attribution",
    file: "hs/correlation/hs2022_hs2017_correlation.csv",
};

/// The UN's filler row, which is not a correlation.
const FILLER: &str = "999999";

/// The relationship labels the UN table uses (HS 2022 side : HS 2017 side).
const RELATIONSHIPS: [&str; 4] = ["1:1", "1:n", "n:1", "n:n"];

/// Reads the UN table under `sources` and returns `hs_correlation.tsv`.
pub fn import(sources: &Path) -> Result<String> {
    let path = sources.join(SOURCE.file);
    let bad = |e: &dyn std::fmt::Display| Error::new(ErrorCode::Io, "sources", format!("{}: {e}", path.display()));
    let mut rdr = csv::Reader::from_path(&path).map_err(|e| bad(&e))?;
    let headers = rdr.headers().map_err(|e| bad(&e))?.clone();
    if headers.iter().map(|h| h.trim_start_matches('\u{feff}')).ne(["hs2022", "hs2017", "relationship"]) {
        return Err(bad(&format!("expected columns hs2022,hs2017,relationship, found {headers:?}")));
    }
    let mut pairs = Vec::new();
    for record in rdr.records() {
        let r = record.map_err(|e| bad(&e))?;
        let field = |i: usize| r.get(i).unwrap_or_default().trim().to_string();
        pairs.push((field(0), field(1), field(2)));
    }
    to_tsv(pairs).map_err(|e| bad(&e))
}

/// The changed HS 2022 codes' pairs, grouped, as TSV. A malformed pair is an error naming it.
pub fn to_tsv(pairs: impl IntoIterator<Item = (String, String, String)>) -> std::result::Result<String, String> {
    let mut by_code: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for (hs2022, hs2017, relationship) in pairs {
        if hs2022 == FILLER && hs2017 == FILLER {
            continue;
        }
        let six = |c: &str| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit());
        if !six(&hs2022) || !six(&hs2017) || !RELATIONSHIPS.contains(&relationship.as_str()) {
            return Err(format!("bad correlation row {hs2022:?},{hs2017:?},{relationship:?}"));
        }
        by_code.entry(hs2022).or_default().insert((relationship, hs2017));
    }
    let mut out = String::from("hs2022\trelationship\ths2017\n");
    for (hs2022, links) in &by_code {
        let unchanged = links.len() == 1 && links.iter().all(|(r, c)| r == "1:1" && c == hs2022);
        if unchanged {
            continue;
        }
        for relationship in RELATIONSHIPS {
            let codes: Vec<&str> = links.iter().filter(|(r, _)| r == relationship).map(|(_, c)| c.as_str()).collect();
            if !codes.is_empty() {
                let _ = writeln!(out, "{hs2022}\t{relationship}\t{}", codes.join(" "));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
        rows.iter().map(|(a, b, r)| (a.to_string(), b.to_string(), r.to_string())).collect()
    }

    /// An HS 2022 code whose only row is itself, 1:1, is unchanged and left out; the UN filler
    /// row is dropped.
    #[test]
    fn unchanged_codes_and_the_filler_are_left_out() {
        let tsv = to_tsv(pairs(&[("010121", "010121", "1:1"), ("999999", "999999", "1:1")])).unwrap();
        assert_eq!(tsv, "hs2022\trelationship\ths2017\n");
    }

    /// HS 2022 8517.13 (smartphones) and 8517.14 come from HS 2017 8517.12 (n:1); a code kept
    /// with its own number but a narrower scope (8471.50, n:1) is a change too.
    #[test]
    fn changed_codes_are_grouped_by_relationship() {
        let tsv = to_tsv(pairs(&[
            ("851714", "851712", "n:1"),
            ("851713", "851712", "n:1"),
            ("847150", "847150", "n:1"),
            ("382211", "300213", "n:n"),
            ("382211", "300211", "1:n"),
            ("382211", "300215", "n:n"),
        ]))
        .unwrap();
        assert_eq!(
            tsv,
            "hs2022\trelationship\ths2017\n\
             382211\t1:n\t300211\n\
             382211\tn:n\t300213 300215\n\
             847150\tn:1\t847150\n\
             851713\tn:1\t851712\n\
             851714\tn:1\t851712\n"
        );
    }

    #[test]
    fn malformed_rows_are_errors_naming_the_row() {
        let err = to_tsv(pairs(&[("8517", "851712", "n:1")])).unwrap_err();
        assert!(err.contains("\"8517\""), "{err}");
        assert!(to_tsv(pairs(&[("851713", "851712", "2:1")])).is_err());
    }
}
