//! VAT/GST rate rows: the imported `vat.tsv` (secondary compilations, every row `verify`) and the
//! hand-encoded `rules/vat_extra.tsv` (rows verified from the law, and rates the import lacks),
//! parsed strictly: an unknown `kind` or `confidence` fails the load naming file, line and column.

use super::table::{in_force, Record, Tsv};
use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::provenance::{Confidence, Provenance};
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;

/// What a VAT/GST rate row is: the `kind` column of the VAT tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VatKind {
    /// The standard rate (EU file).
    Standard,
    /// A reduced rate (`reduced`, `reduced1`, `reduced2`: the EU file numbers them).
    Reduced,
    Reduced1,
    Reduced2,
    /// A rate below 5 % (EU).
    SuperReduced,
    /// A parking rate (EU, at least 12 %).
    Parking,
    /// The rate for press publications (Estonia).
    PressPublications,
    /// The national rate of a VAT (world file).
    Vat,
    /// The national rate of a GST (world file).
    Gst,
    /// Canada: a harmonized province's part of the HST, added to the GST.
    Hst,
    /// Canada: a provincial sales tax the import tables list (`vat.tsv`); collected at the border
    /// only where a `pst_border` row says so.
    Pst,
    /// Canada: a province's sales tax that the CBSA collects at the border on casual
    /// (non-commercial) goods under a federal-provincial agreement (BC, MB, SK: CBSA Memorandum
    /// D2-3-6), charged with the GST on the same value for tax.
    PstBorder,
    /// Québec sales tax, not collected at the border.
    Qst,
    /// Brazil: a state's ICMS rate, which replaces the national rate.
    Icms,
    /// Brazil: a state's ICMS rate on remessas under the simplified regime.
    IcmsRts,
    /// A zero-rated line (a class of the request, never a table row).
    Zero,
    /// An exempt line (a class of the request, never a table row).
    Exempt,
}

/// The kinds a table row may have, as written in the tables.
const TABLE_KINDS: [(&str, VatKind); 15] = [
    ("standard", VatKind::Standard),
    ("reduced", VatKind::Reduced),
    ("reduced1", VatKind::Reduced1),
    ("reduced2", VatKind::Reduced2),
    ("super_reduced", VatKind::SuperReduced),
    ("parking", VatKind::Parking),
    ("press_publications", VatKind::PressPublications),
    ("vat", VatKind::Vat),
    ("gst", VatKind::Gst),
    ("hst", VatKind::Hst),
    ("pst", VatKind::Pst),
    ("pst_border", VatKind::PstBorder),
    ("qst", VatKind::Qst),
    ("icms", VatKind::Icms),
    ("icms_rts", VatKind::IcmsRts),
];

impl VatKind {
    /// The kind a table row names, if it is one.
    pub fn parse(text: &str) -> Option<VatKind> {
        TABLE_KINDS.iter().find(|(k, _)| *k == text).map(|(_, v)| *v)
    }

    /// The kind as the tables write it.
    pub fn as_str(self) -> &'static str {
        match self {
            VatKind::Zero => "zero",
            VatKind::Exempt => "exempt",
            kind => TABLE_KINDS.iter().find(|(_, v)| *v == kind).map_or("", |(k, _)| k),
        }
    }

    /// A country's general rate (`standard` in the EU file, `vat` or `gst` in the world file).
    pub fn is_standard(self) -> bool {
        matches!(self, VatKind::Standard | VatKind::Vat | VatKind::Gst)
    }

    /// A reduced rate (not the super-reduced or parking rates).
    pub fn is_reduced(self) -> bool {
        matches!(self, VatKind::Reduced | VatKind::Reduced1 | VatKind::Reduced2)
    }

    /// The slot a verified row fills: the standard kinds are one slot, the reduced kinds
    /// another, every other kind its own.
    fn slot(self) -> VatKind {
        if self.is_standard() {
            VatKind::Standard
        } else if self.is_reduced() {
            VatKind::Reduced
        } else {
            self
        }
    }
}

impl fmt::Display for VatKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A VAT/GST rate row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VatRate {
    pub country: &'static str,
    pub subdivision: &'static str,
    pub kind: VatKind,
    pub percent: Decimal,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// The row's `source` as the provenance's `id` (`vat.tsv`: the `sources.tsv` id of the
    /// compilation; `vat_extra.tsv`: the law or official page, with article) and its `confidence`
    /// (`official`: verified from a primary source; `verify`: a secondary source, not priced).
    pub source: Provenance<'static>,
    /// A hand-encoded row (`vat_extra.tsv`): in force, it replaces the imported rows of its slot.
    pub overrides: bool,
    /// The table the row was read from (`vat.tsv`, `rules/vat_extra.tsv`).
    #[serde(skip)]
    pub table: &'static str,
    /// Its line in that table.
    #[serde(skip)]
    pub line: usize,
}

impl VatRate {
    /// Where the row is, for a reason or warning (`tariffs/vat.tsv line 62`).
    pub fn row(&self) -> String {
        format!("tariffs/{} line {}", self.table, self.line)
    }
}

/// The table names as the snapshot stores them.
pub const IMPORTED: &str = "vat.tsv";
pub const HAND_ENCODED: &str = "rules/vat_extra.tsv";

/// Parses one VAT table (`vat.tsv` or `rules/vat_extra.tsv`).
pub fn parse(t: &Tsv<'static>, name: &'static str) -> Result<Vec<VatRate>> {
    t.read_rows(|r| row(r, name))
}

fn row(r: &Record<'_, 'static>, name: &'static str) -> Result<VatRate> {
    let kind = r.text("kind")?;
    let names: Vec<&str> = TABLE_KINDS.iter().map(|(k, _)| *k).collect();
    Ok(VatRate {
        country: r.text("country")?,
        subdivision: r.text("subdivision")?,
        kind: VatKind::parse(kind)
            .ok_or_else(|| r.bad("kind", &format!("{kind:?} is not one of {}", names.join(", "))))?,
        percent: r.decimal("percent")?.ok_or_else(|| {
            Error::new(ErrorCode::Snapshot, name, format!("{}, column percent: a rate is required", r.at()))
        })?,
        valid_from: r.date("valid_from")?,
        valid_to: r.date("valid_to")?,
        source: Provenance {
            confidence: Confidence::parse(r)?,
            ..Provenance::vat_row(name == HAND_ENCODED, r.text("source")?)
        },
        overrides: name == HAND_ENCODED,
        table: name,
        line: r.line(),
    })
}

/// The table whose `vintage` column dates each imported compilation of `vat.tsv`.
pub const DATASETS: &str = "rules/datasets.tsv";

/// Starts each undated imported row (neither `valid_from` nor `valid_to`) on its compilation's
/// vintage (`rules/datasets.tsv`, kind `vat`): a secondary compilation's undated row gives the
/// rate in force when it was compiled, not since when, so before its vintage the row says
/// nothing and the rate is unknown (docs/rules.md#vat-vintage). A row the compilation dates (a
/// period of its history, even one with an open start) keeps its dates, and so does a province's
/// row (Canada's HST parts): without it the province's tax would fall back to the federal GST
/// alone, a lower figure priced in silence, where the undated row leaves the HST unpriced
/// (`verify`). An undated imported row
/// whose compilation has no dated vintage fails the load naming the row; hand-encoded rows keep
/// their own dates.
pub fn start_undated_rows_at_vintage(rows: &mut [VatRate], datasets: &Tsv<'static>) -> Result<()> {
    let mut vintages: Vec<(&str, Date)> = Vec::new();
    for r in datasets.records() {
        if r.text("kind")? != "vat" {
            continue;
        }
        let text = r.text("vintage")?;
        let date = Date::parse(text)
            .ok()
            .or_else(|| Date::parse(&format!("{text}-01")).ok())
            .ok_or_else(|| r.bad("vintage", &format!("{text:?} is not a date or a month")))?;
        vintages.push((r.text("id")?, date));
    }
    let undated =
        |v: &VatRate| !v.overrides && v.subdivision.is_empty() && v.valid_from.is_none() && v.valid_to.is_none();
    for row in rows.iter_mut().filter(|v| undated(v)) {
        let id = row.source.id;
        let (_, vintage) = vintages.iter().find(|(d, _)| *d == id).ok_or_else(|| {
            Error::new(
                ErrorCode::Snapshot,
                IMPORTED,
                format!("line {}: source {id:?} has no dated vintage in {DATASETS}", row.line),
            )
        })?;
        row.valid_from = Some(*vintage);
    }
    Ok(())
}

/// The rows of one country in force on `date`, without the imported rows that a hand-encoded
/// row of the same subdivision and slot replaces on that date.
pub fn in_force_on(rows: &[VatRate], date: Date) -> impl Iterator<Item = &VatRate> {
    let live = move |v: &&VatRate| in_force(v.valid_from, v.valid_to, date);
    rows.iter().filter(live).filter(move |v| {
        v.overrides
            || !rows
                .iter()
                .filter(live)
                .any(|o| o.overrides && o.subdivision == v.subdivision && o.kind.slot() == v.kind.slot())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "country\tsubdivision\tkind\tpercent\tvalid_from\tvalid_to\tsource\tconfidence\n";

    fn table(rows: &str) -> Tsv<'static> {
        let text: &'static str = Box::leak(format!("{HEADER}{rows}").into_boxed_str());
        Tsv::parse(IMPORTED, text).unwrap()
    }

    #[test]
    fn vat_kind_is_parsed_at_load_and_an_unknown_kind_names_file_line_and_column() {
        let rows = parse(&table("DE\t\tstandard\t19\t\t\tx\tverify\nDE\t\tgst\t5\t\t\tx\tverify\n"), IMPORTED).unwrap();
        assert_eq!(rows[0].kind, VatKind::Standard);
        assert_eq!(rows[1].kind, VatKind::Gst);
        let e = parse(&table("DE\t\tstandard\t19\t\t\tx\tverify\nDE\t\tnormal\t19\t\t\tx\tverify\n"), IMPORTED)
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Snapshot);
        assert_eq!(e.field.as_deref(), Some(IMPORTED));
        assert!(e.message.contains("line 3, column kind") && e.message.contains("\"normal\""), "{}", e.message);
    }

    #[test]
    fn zero_and_exempt_are_classes_not_table_kinds() {
        assert!(VatKind::parse("zero").is_none() && VatKind::parse("exempt").is_none());
        for (text, kind) in TABLE_KINDS {
            assert_eq!(kind.as_str(), text);
        }
    }

    #[test]
    fn vat_confidence_must_be_official_or_verify() {
        let e = parse(&table("DE\t\tstandard\t19\t\t\tx\t\n"), IMPORTED).unwrap_err();
        assert!(e.message.contains("line 2, column confidence"), "{}", e.message);
    }

    /// docs/rules.md#vat-vintage: an undated row of a compilation answers from the compilation's
    /// vintage on; before it the rate is unknown. A row the compilation dates, if only at its end
    /// (a past period of its history), keeps its dates. Japan's 10 % from
    /// the 2025-10 compilation does not answer for 2016-06-01, when the rate was 8 %
    /// (Consumption Tax Act art. 29 as amended by Act 68 of 2012, to 2019-09-30).
    #[test]
    fn an_undated_imported_row_starts_at_its_compilations_vintage() {
        let mut rows = parse(
            &table("JP\t\tvat\t10\t\t\tpwc-x\tverify\nIE\t\tstandard\t23\t\t2020-08-31\tib-y\tverify\nIE\t\tstandard\t21\t2020-09-01\t2021-02-28\tib-y\tverify\n"),
            IMPORTED,
        )
        .unwrap();
        let datasets =
            Tsv::parse(DATASETS, "id\tkind\tvintage\npwc-x\tvat\t2025-10\nib-y\tvat\t2025-08-12\nother\ttariff\t\n")
                .unwrap();
        start_undated_rows_at_vintage(&mut rows, &datasets).unwrap();
        let on = |country: &str, d: &str| -> Vec<Decimal> {
            let rows: Vec<VatRate> = rows.iter().filter(|v| v.country == country).cloned().collect();
            in_force_on(&rows, Date::parse(d).unwrap()).map(|v| v.percent).collect()
        };
        assert!(on("JP", "2016-06-01").is_empty());
        assert_eq!(on("JP", "2025-10-01"), [Decimal::from(10)]);
        // The dated rows keep their dates, the one dated at its end only too.
        assert_eq!((rows[1].valid_from, rows[2].valid_from), (None, Date::parse("2020-09-01").ok()));
        assert_eq!(on("IE", "2020-10-01"), [Decimal::from(21)]);
        assert_eq!(on("IE", "2015-06-01"), [Decimal::from(23)]);
        // An undated row of a compilation without a vintage fails the load, naming the row.
        let mut fresh =
            parse(&table("JP\t\tvat\t10\t\t\tpwc-x\tverify\nIE\t\tstandard\t23\t\t\tib-y\tverify\n"), IMPORTED)
                .unwrap();
        let bare = Tsv::parse(DATASETS, "id\tkind\tvintage\npwc-x\tvat\t2025-10\n").unwrap();
        let e = start_undated_rows_at_vintage(&mut fresh, &bare).unwrap_err();
        assert!(e.message.contains("line 3") && e.message.contains("ib-y"), "{}", e.message);
    }

    #[test]
    fn a_verified_row_replaces_the_imported_rows_of_its_slot_while_in_force() {
        let mut rows =
            parse(&table("TH\t\tvat\t10\t2023-09-01\t\tpwc\tverify\nTH\t\treduced\t5\t\t\tpwc\tverify\n"), IMPORTED)
                .unwrap();
        let extra = Tsv::parse(HAND_ENCODED, "country\tsubdivision\tkind\tpercent\tvalid_from\tvalid_to\tsource\tconfidence\nTH\t\tstandard\t7\t2023-10-01\t2024-09-30\tlaw\tofficial\n").unwrap();
        rows.extend(parse(&extra, HAND_ENCODED).unwrap());
        let on = |d: &str| -> Vec<(VatKind, Decimal)> {
            in_force_on(&rows, Date::parse(d).unwrap()).map(|v| (v.kind, v.percent)).collect()
        };
        // Before the verified period the imported rate stands; during it, only the verified one
        // (the reduced slot is untouched).
        assert_eq!(on("2023-09-15"), [(VatKind::Vat, Decimal::from(10)), (VatKind::Reduced, Decimal::from(5))]);
        assert_eq!(on("2024-01-01"), [(VatKind::Reduced, Decimal::from(5)), (VatKind::Standard, Decimal::from(7))]);
        assert_eq!(rows[2].row(), "tariffs/rules/vat_extra.tsv line 2");
    }
}
