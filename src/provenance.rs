//! Where a figure comes from: one [`Provenance`] for every origin (an official file imported
//! into the snapshot, a hand-encoded rule row, a VAT/GST row, or the caller's request), and how
//! sure we are of it ([`Confidence`]).
//!
//! The snapshot's source table, the rule tables, tariff lines (`rate`) and the levies of a quote
//! all hold this one type. Its fields borrow the snapshot (`&'a str`); only a rule row's dataset
//! (`tariffs/rules/fees.tsv#au-ipc-1000`, made once when the rules load) and a request field are
//! owned, and a levy borrows a rule row's provenance ([`Provenance::borrowed`]), so pricing a
//! line copies no text. Two JSON shapes are written from it: every field that is set (the
//! snapshot's sources), and the [`Citation`] a levy or tariff line carries.

use crate::error::Result;
use crate::tsv::Record;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// How sure we are of a source: the `confidence` column of the rule tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum Confidence {
    /// The law, or the authority's own page or file.
    #[default]
    Official,
    /// A secondary source: the row is shown but never priced (`W_VERIFY`).
    Verify,
}

impl Confidence {
    /// The column's value: `official` or `verify`; anything else is an error naming the row.
    pub(crate) fn parse(r: &Record<'_, 'static>) -> Result<Confidence> {
        let text = r.text("confidence")?;
        Confidence::from_name(text).ok_or_else(|| r.bad("confidence", &format!("{text:?} is not official or verify")))
    }

    /// `official` or `verify` as the tables write it.
    pub(crate) fn from_name(name: &str) -> Option<Confidence> {
        match name {
            "official" => Some(Confidence::Official),
            "verify" => Some(Confidence::Verify),
            _ => None,
        }
    }
}

/// Where a figure comes from; a field an origin does not have is empty. Serialized whole (the
/// snapshot's `sources`, every field as `sources.tsv` has it), or as its [`Citation`].
///
/// | origin | `id` | `publisher` | `dataset` | `file` |
/// |---|---|---|---|---|
/// | official file (`sources.tsv`) | source id | the authority | its title | the file imported (+ `jurisdiction`, `vintage`, `licence`, `sha256`) |
/// | rule row | — | the law or page the row cites | `tariffs/rules/{table}#{id}` | — |
/// | VAT/GST row | the row's `source` | `VAT/GST rates` | — (cited as `{file} ({id})`) | `tariffs/vat.tsv` or `tariffs/rules/vat_extra.tsv` |
/// | request | — | `caller` | `request {field}` | — |
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Provenance<'a> {
    /// The dataset's id (`sources.tsv`, `rules/datasets.tsv`), or a VAT row's `source`.
    pub id: &'a str,
    /// The tariff tables an official file serves (`GB,XI`).
    pub jurisdiction: &'a str,
    /// Who publishes it: an authority, the law a rule row encodes, or `caller`.
    pub publisher: &'a str,
    /// What of theirs: a dataset's title, a rule row, a request field.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub dataset: Cow<'a, str>,
    /// The edition (`2026-06-08`, or a month `2026-11`).
    pub vintage: &'a str,
    pub licence: &'a str,
    /// The file imported, or the table a VAT/GST row is in.
    pub file: &'a str,
    /// Hex SHA-256 of the file imported.
    pub sha256: &'a str,
    #[serde(skip)]
    pub confidence: Confidence,
}

/// The prefix of a rule row's dataset; the rest is the row (`fees.tsv#au-ipc-1000`).
const RULE_TABLES: &str = "tariffs/rules/";

impl<'a> Provenance<'a> {
    /// A row of a hand-encoded rule table (`table` is its file name under `tariffs/rules/`): the
    /// law it cites (`source` column) and the `confidence` column, checked.
    pub(crate) fn rule_row(table: &str, id: &str, r: &Record<'_, 'static>) -> Result<Provenance<'static>> {
        Ok(Provenance::rule(table, id, r.text("source")?, Confidence::parse(r)?))
    }

    /// A rule row from its parts: the law it cites and its confidence (for a table read
    /// without [`Record`]s: `rules/hs_correlation_fixes.tsv`).
    pub(crate) fn rule(table: &str, id: &str, source: &'a str, confidence: Confidence) -> Provenance<'a> {
        Provenance {
            publisher: source,
            dataset: Cow::Owned(format!("{RULE_TABLES}{table}#{id}")),
            confidence,
            ..Provenance::default()
        }
    }

    /// A row of the VAT/GST tables, named by its `source` (the dataset id of an imported row, the
    /// law of a hand-encoded one that `overrides` it).
    pub fn vat_row(overrides: bool, source: &'a str) -> Provenance<'a> {
        Provenance {
            id: source,
            publisher: "VAT/GST rates",
            file: if overrides { "tariffs/rules/vat_extra.tsv" } else { "tariffs/vat.tsv" },
            ..Provenance::default()
        }
    }

    /// A figure the caller supplied in the request's `field`.
    pub fn request(field: &str) -> Provenance<'a> {
        Provenance { publisher: "caller", dataset: Cow::Owned(format!("request {field}")), ..Provenance::default() }
    }

    /// The same provenance, borrowing this one's text (a levy's copy of a rule row's).
    pub fn borrowed(&self) -> Provenance<'_> {
        Provenance { dataset: Cow::Borrowed(&self.dataset), ..*self }
    }

    /// A rule row as `table#id` (`thresholds.tsv#eu-duty-relief-150`); empty for other origins.
    pub fn row(&self) -> &str {
        self.dataset.strip_prefix(RULE_TABLES).unwrap_or("")
    }

    /// True for a row from a secondary source.
    pub fn is_verify(&self) -> bool {
        self.confidence == Confidence::Verify
    }

    /// True for a figure the caller supplied.
    pub fn is_request(&self) -> bool {
        self.publisher == "caller"
    }

    /// The VAT/GST row's `source` (its dataset id for an imported row), without rendering it.
    pub fn vat_source(&self) -> Option<&'a str> {
        (self.dataset.is_empty() && !self.file.is_empty()).then_some(self.id)
    }

    /// The dataset as a levy cites it: the title, the rule row, or a VAT/GST row as
    /// `tariffs/vat.tsv ({source})`.
    pub fn dataset_name(&self) -> DatasetName<'_> {
        DatasetName(self)
    }

    /// The short form a levy or tariff line carries: publisher, dataset, vintage.
    pub fn citation(&self) -> Citation<'_> {
        Citation { publisher: self.publisher, dataset: self.dataset_name(), vintage: self.vintage }
    }
}

impl Default for Provenance<'_> {
    fn default() -> Self {
        Provenance {
            id: "",
            jurisdiction: "",
            publisher: "",
            dataset: Cow::Borrowed(""),
            vintage: "",
            licence: "",
            file: "",
            sha256: "",
            confidence: Confidence::Official,
        }
    }
}

/// A provenance's dataset as cited, rendered when written (a VAT/GST row's text is never built
/// while pricing).
pub struct DatasetName<'p>(&'p Provenance<'p>);

impl fmt::Display for DatasetName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.0;
        match p.vat_source() {
            Some(source) => write!(f, "{} ({source})", p.file),
            None => f.write_str(&p.dataset),
        }
    }
}

impl Serialize for DatasetName<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self.0.vat_source() {
            Some(_) => s.collect_str(self),
            None => s.serialize_str(&self.0.dataset),
        }
    }
}

/// The JSON a levy's and a tariff line's `source` carry: a serialize-only view of a
/// [`Provenance`].
#[derive(Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Citation<'p> {
    pub publisher: &'p str,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub dataset: DatasetName<'p>,
    #[serde(skip_serializing_if = "str::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub vintage: &'p str,
}

/// `serialize_with` for a field written as its [`Citation`].
pub fn cited<S: Serializer>(p: &Provenance<'_>, s: S) -> std::result::Result<S::Ok, S::Error> {
    p.citation().serialize(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tsv::Tsv;

    #[test]
    fn rule_row_confidence_is_official_or_verify() {
        // tariffs/README.md: every rule row has a `confidence`, `official` or `verify`; any other
        // value fails the load naming the row and column, never a silent default.
        let t =
            Tsv::parse("rules/fees.tsv", "id\tsource\tconfidence\nx\t19 CFR 24.23\tverify\ny\tlaw\tsure\n").unwrap();
        let mut rows = t.records();
        let x = Provenance::rule_row("fees.tsv", "x", &rows.next().unwrap()).unwrap();
        assert!(x.is_verify());
        assert_eq!((x.publisher, x.row()), ("19 CFR 24.23", "fees.tsv#x"));
        let err = Provenance::rule_row("fees.tsv", "y", &rows.next().unwrap()).unwrap_err();
        assert!(err.to_string().contains("confidence"), "{err}");
    }

    fn cited_json(p: &Provenance<'_>) -> String {
        serde_json::to_string(&p.citation()).unwrap()
    }

    #[test]
    fn vat_row_is_cited_as_its_table_and_source() {
        // The VAT/GST row's dataset id names the dataset in `rules/datasets.tsv` (freshness).
        let p = Provenance::vat_row(false, "ibericode-vat-2025-08");
        assert_eq!(p.vat_source(), Some("ibericode-vat-2025-08"));
        assert_eq!(
            cited_json(&p),
            r#"{"publisher":"VAT/GST rates","dataset":"tariffs/vat.tsv (ibericode-vat-2025-08)"}"#
        );
        let extra = Provenance::vat_row(true, "Lei 6.374/1989 art. 34");
        assert_eq!(extra.dataset_name().to_string(), "tariffs/rules/vat_extra.tsv (Lei 6.374/1989 art. 34)");
    }

    #[test]
    fn request_is_cited_as_the_field_without_vintage() {
        let p = Provenance::request("lines[a].duty_rate");
        assert!(p.is_request());
        assert_eq!(p.vat_source(), None);
        assert_eq!(p.row(), "");
        assert_eq!(cited_json(&p), r#"{"publisher":"caller","dataset":"request lines[a].duty_rate"}"#);
    }

    #[test]
    fn official_file_is_cited_with_its_vintage_and_listed_in_full() {
        let p = Provenance {
            id: "dit-ukgt-2021",
            jurisdiction: "GB",
            publisher: "UK Department for International Trade",
            dataset: "UK Global Tariff".into(),
            vintage: "2021-01-27",
            licence: "OGL v3.0",
            file: "ukgt.csv",
            sha256: "ab",
            confidence: Confidence::Official,
        };
        assert_eq!(
            cited_json(&p),
            r#"{"publisher":"UK Department for International Trade","dataset":"UK Global Tariff","vintage":"2021-01-27"}"#
        );
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            concat!(
                r#"{"id":"dit-ukgt-2021","jurisdiction":"GB","publisher":"UK Department for International Trade","#,
                r#""dataset":"UK Global Tariff","vintage":"2021-01-27","licence":"OGL v3.0","file":"ukgt.csv","sha256":"ab"}"#
            )
        );
    }

    #[test]
    fn rule_row_borrowed_keeps_its_row_and_confidence() {
        let rule = Provenance {
            publisher: "19 CFR 24.23",
            dataset: Cow::Owned(format!("{RULE_TABLES}fees.tsv#us-mpf-formal-fy2026")),
            confidence: Confidence::Verify,
            ..Provenance::default()
        };
        let levy = rule.borrowed();
        assert!(matches!(levy.dataset, Cow::Borrowed(_)));
        assert_eq!(levy.row(), "fees.tsv#us-mpf-formal-fy2026");
        assert!(levy.is_verify());
        assert_eq!(
            cited_json(&levy),
            r#"{"publisher":"19 CFR 24.23","dataset":"tariffs/rules/fees.tsv#us-mpf-formal-fy2026"}"#
        );
    }
}
