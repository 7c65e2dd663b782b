//! The HS 2022 → HS 2017 correlation, for tariffs still published in HS 2017 codes (the GB and
//! EU tables): under which HS 2017 subheadings the goods of an HS 2022 subheading were
//! classified.
//!
//! Data, all in the snapshot: `hs_correlation.tsv` (the UN/WCO table, changed codes only,
//! imported by datagen), `rules/hs_correlation_fixes.tsv` (links the UN table gets wrong, each
//! with its reason and source, applied on top, never edited into the import) and
//! `rules/nomenclature.tsv` (the HS edition of each tariff table). Parsed once per snapshot
//! into sorted arrays.

use crate::error::{Error, ErrorCode, Result};
use crate::provenance::{Confidence, Provenance};
use serde::Serialize;

/// The snapshot file of the UN table.
pub const TABLE_FILE: &str = "hs_correlation.tsv";
/// The snapshot file of the corrections.
pub const FIXES_FILE: &str = "rules/hs_correlation_fixes.tsv";
/// The snapshot file naming each tariff table's HS edition.
pub const NOMENCLATURE_FILE: &str = "rules/nomenclature.tsv";

/// How many codes stand on each side of a correlation: HS 2022 side, then HS 2017 side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum Relationship {
    /// One HS 2017 subheading became this HS 2022 subheading alone.
    #[serde(rename = "1:1")]
    OneToOne,
    /// Several HS 2017 subheadings merged into this HS 2022 subheading alone.
    #[serde(rename = "1:n")]
    OneToMany,
    /// One HS 2017 subheading was split: this HS 2022 subheading is part of it.
    #[serde(rename = "n:1")]
    ManyToOne,
    /// Several HS 2017 subheadings, each split among several HS 2022 subheadings.
    #[serde(rename = "n:n")]
    ManyToMany,
}

impl Relationship {
    /// The UN label (`1:1`, `1:n`, `n:1`, `n:n`).
    pub fn as_str(self) -> &'static str {
        match self {
            Relationship::OneToOne => "1:1",
            Relationship::OneToMany => "1:n",
            Relationship::ManyToOne => "n:1",
            Relationship::ManyToMany => "n:n",
        }
    }

    /// From whether an HS 2017 candidate also feeds other HS 2022 codes, and whether there are
    /// several candidates.
    fn of(split_2017: bool, several_2017: bool) -> Relationship {
        match (split_2017, several_2017) {
            (false, false) => Relationship::OneToOne,
            (false, true) => Relationship::OneToMany,
            (true, false) => Relationship::ManyToOne,
            (true, true) => Relationship::ManyToMany,
        }
    }
}

/// One correction of the UN table (a row of `rules/hs_correlation_fixes.tsv`). Written to JSON as
/// [`CorrectionJson`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction<'a> {
    pub hs2022: &'a str,
    pub hs2017: &'a str,
    /// `add` (a link the UN table lacks) or `remove` (a link it wrongly has).
    pub fix: &'a str,
    pub reason: &'a str,
    /// The note or law it cites (`publisher`), its row (`dataset`) and `confidence`.
    pub source: Provenance<'a>,
}

/// The JSON of a [`Correction`]: its source as the text it cites, and its confidence.
#[derive(Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct CorrectionJson<'c> {
    pub hs2022: &'c str,
    pub hs2017: &'c str,
    pub fix: &'c str,
    pub reason: &'c str,
    pub source: &'c str,
    pub confidence: Confidence,
}

impl Serialize for Correction<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let (hs2022, hs2017, fix, reason) = (self.hs2022, self.hs2017, self.fix, self.reason);
        let (source, confidence) = (self.source.publisher, self.source.confidence);
        CorrectionJson { hs2022, hs2017, fix, reason, source, confidence }.serialize(s)
    }
}

/// An HS 2022 subheading resolved to HS 2017.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution<'c> {
    /// The HS 2022 subheading.
    pub from: String,
    /// Its HS 2017 subheadings, sorted.
    pub to: Vec<String>,
    pub relationship: Relationship,
    /// Corrections of the UN table that changed this code's candidates.
    pub corrections: Vec<&'c Correction<'c>>,
}

impl Resolution<'_> {
    /// True when the code's only HS 2017 candidate is itself: its HS 2017 line covers all its
    /// goods (a subheading that kept its number and lost some goods to others).
    pub fn is_identity(&self) -> bool {
        self.to.len() == 1 && self.to[0] == self.from
    }
}

/// How a lookup went through the correlation: said in every answer priced from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct ViaCorrelation<'a> {
    /// The HS 2022 subheading given.
    pub from: String,
    /// The HS 2017 subheadings its goods were classified under.
    pub to: Vec<String>,
    pub relationship: Relationship,
    /// Why the tariff needs it: the table's HS edition and the source saying so.
    pub nomenclature: String,
    /// The correlation table: publisher, dataset, vintage.
    pub source: String,
    /// Corrections of the UN table that changed this code's candidates.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CorrectionJson[]"))]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub corrections: Vec<Correction<'a>>,
    /// What it means for the rate, in a sentence.
    pub note: String,
}

impl<'a> ViaCorrelation<'a> {
    /// The explanation of a resolution on `table` (in HS 2017 per `nomenclature`), citing
    /// `source` (the correlation's provenance).
    pub fn new(resolution: &Resolution<'a>, nomenclature: &Nomenclature<'_>, source: String) -> Self {
        let r = resolution;
        let shown: Vec<&str> = r.to.iter().take(8).map(String::as_str).collect();
        let more =
            if r.to.len() > shown.len() { format!(" and {} more", r.to.len() - shown.len()) } else { String::new() };
        let outcome = if r.to.len() == 1 {
            format!("its goods were classified under HS 2017 {}", r.to[0])
        } else {
            format!(
                "its goods were classified under {} HS 2017 subheadings ({}{more}): every line under them is given, \
                 with the lowest and highest duty; give the HS 2017 code to price one line",
                r.to.len(),
                shown.join(", ")
            )
        };
        let fixed = match r.corrections.len() {
            0 => String::new(),
            1 => "; 1 correction of the UN table applied".to_string(),
            n => format!("; {n} corrections of the UN table applied"),
        };
        ViaCorrelation {
            note: format!(
                "{} is an HS 2022 subheading and the {} tariff is in HS 2017 codes: through the HS 2022 → HS 2017 \
                 correlation ({}{fixed}), {outcome}",
                r.from,
                nomenclature.table,
                r.relationship.as_str()
            ),
            from: r.from.clone(),
            to: r.to.clone(),
            relationship: r.relationship,
            nomenclature: format!("{}: {}", nomenclature.edition, nomenclature.source),
            source,
            corrections: r.corrections.iter().map(|c| (*c).clone()).collect(),
        }
    }
}

/// A tariff table published in another HS edition than HS 2022.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nomenclature<'a> {
    pub table: &'a str,
    /// `HS2017`.
    pub edition: &'a str,
    pub source: &'a str,
}

/// The parsed correlation with its corrections, and the tables it applies to.
#[derive(Debug, Default)]
pub struct Correlation<'a> {
    /// Changed HS 2022 subheadings, sorted.
    codes: Vec<u32>,
    relationships: Vec<Relationship>,
    /// End of each code's HS 2017 subheadings in `targets` (each start is the previous end).
    ends: Vec<u32>,
    targets: Vec<u32>,
    corrections: Vec<Correction<'a>>,
    /// Tables in HS 2017 codes.
    hs2017_tables: Vec<Nomenclature<'a>>,
}

fn corrupt(file: &str, why: String) -> Error {
    Error::new(ErrorCode::Snapshot, "snapshot", format!("{file}: {why}"))
}

/// True when `rules/nomenclature.tsv` lists `table` as HS 2017: a scan of a few lines, so
/// that lookups on other tables never parse the correlation.
pub fn is_hs2017(nomenclature: &str, table: &str) -> bool {
    nomenclature.lines().any(|l| l.split('\t').take(2).eq([table, "HS2017"]))
}

/// Data lines of a TSV file, split, with their expected width checked.
fn records<'a>(file: &str, text: &'a str, width: usize) -> Result<Vec<Vec<&'a str>>> {
    let mut out = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != width {
            return Err(corrupt(file, format!("row {line:?} has {} fields, not {width}", fields.len())));
        }
        out.push(fields);
    }
    Ok(out)
}

impl<'a> Correlation<'a> {
    /// Parses the three files (any may be absent from an older snapshot: no correlation then).
    pub fn parse(table: Option<&'a str>, fixes: Option<&'a str>, nomenclature: Option<&'a str>) -> Result<Self> {
        let mut pairs = links(table.unwrap_or_default())?;
        let mut corrections = Vec::new();
        for f in records(FIXES_FILE, fixes.unwrap_or_default(), 6)? {
            let c = correction(&f)?;
            apply(&mut pairs, &c)?;
            corrections.push(c);
        }
        // How many HS 2022 codes each HS 2017 code feeds.
        let mut fed: Vec<u32> = pairs.iter().map(|p| p.1).collect();
        crate::sort::sort_unstable(&mut fed);
        let split = |t: u32| fed.partition_point(|&x| x <= t) - fed.partition_point(|&x| x < t) > 1;
        let mut out = Correlation { corrections, ..Correlation::default() };
        for group in pairs.chunk_by(|a, b| a.0 == b.0) {
            out.codes.push(group[0].0);
            out.relationships.push(Relationship::of(group.iter().any(|p| split(p.1)), group.len() > 1));
            out.targets.extend(group.iter().map(|p| p.1));
            out.ends.push(out.targets.len() as u32);
        }
        for f in records(NOMENCLATURE_FILE, nomenclature.unwrap_or_default(), 4)? {
            if !["HS2017", "HS2022"].contains(&f[1]) {
                return Err(corrupt(NOMENCLATURE_FILE, format!("unknown HS edition {:?}", f[1])));
            }
            if f[1] == "HS2017" {
                out.hs2017_tables.push(Nomenclature { table: f[0], edition: f[1], source: f[2] });
            }
        }
        Ok(out)
    }

    /// The nomenclature of a tariff table when it is HS 2017 (the tables HS 2022 codes are
    /// resolved on); `None` for HS 2022 tables and tables not listed.
    pub fn hs2017_table(&self, table: &str) -> Option<&Nomenclature<'a>> {
        self.hs2017_tables.iter().find(|n| n.table == table)
    }

    /// The HS 2017 subheadings of an HS 2022 subheading (six digits) whose scope changed;
    /// `None` for a subheading that did not change (or is not an HS 2022 subheading).
    pub fn resolve(&self, hs2022: &str) -> Option<Resolution<'_>> {
        let code = subheading(hs2022)?;
        let i = self.codes.binary_search(&code).ok()?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let to = self.targets[start..self.ends[i] as usize].iter().map(|t| format!("{t:06}")).collect();
        Some(Resolution {
            from: hs2022.to_string(),
            to,
            relationship: self.relationships[i],
            corrections: self.corrections.iter().filter(|c| c.hs2022 == hs2022).collect(),
        })
    }

    /// Every correction applied on top of the UN table.
    pub fn corrections(&self) -> &[Correction<'a>] {
        &self.corrections
    }

    /// Number of changed HS 2022 subheadings.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True when there is no correlation (a snapshot without the files).
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

/// A row of the corrections (`hs2022, hs2017, fix, reason, source, confidence`); its
/// provenance names it `hs_correlation_fixes.tsv#{hs2022}-{hs2017}`.
fn correction<'a>(f: &[&'a str]) -> Result<Correction<'a>> {
    let confidence = Confidence::from_name(f[5])
        .ok_or_else(|| corrupt(FIXES_FILE, format!("confidence {:?} is not official or verify", f[5])))?;
    let id = format!("{}-{}", f[0], f[1]);
    let source = Provenance::rule("hs_correlation_fixes.tsv", &id, f[4], confidence);
    Ok(Correction { hs2022: f[0], hs2017: f[1], fix: f[2], reason: f[3], source })
}

/// Applies one correction. A correction the UN table no longer needs (the link it adds is
/// there, the link it removes is not) is an error, so a new UN edition cannot leave stale fixes.
fn apply(pairs: &mut Vec<(u32, u32)>, c: &Correction<'_>) -> Result<()> {
    let row = || format!("{}\t{}\t{}", c.hs2022, c.hs2017, c.fix);
    let (Some(from), Some(to)) = (subheading(c.hs2022), subheading(c.hs2017)) else {
        return Err(corrupt(FIXES_FILE, format!("bad codes in {:?}", row())));
    };
    if c.source.publisher.is_empty() || c.reason.is_empty() {
        return Err(corrupt(FIXES_FILE, format!("{:?} has no reason or source", row())));
    }
    // A code absent from the table is unchanged: its only HS 2017 code is itself.
    if pairs.binary_search_by_key(&from, |p| p.0).is_err() {
        let at = pairs.partition_point(|p| *p < (from, from));
        pairs.insert(at, (from, from));
    }
    let at = pairs.binary_search(&(from, to));
    let stays = pairs.iter().filter(|p| p.0 == from).count() > 1;
    match (c.fix, at) {
        ("add", Err(i)) => pairs.insert(i, (from, to)),
        ("remove", Ok(i)) if stays => {
            pairs.remove(i);
        }
        ("add" | "remove", _) => {
            return Err(corrupt(FIXES_FILE, format!("{:?} does not apply to the UN table (stale fix?)", row())))
        }
        (other, _) => return Err(corrupt(FIXES_FILE, format!("unknown fix {other:?} in {:?}", row()))),
    }
    Ok(())
}

/// The (HS 2022, HS 2017) pairs of the imported table, sorted.
fn links(table: &str) -> Result<Vec<(u32, u32)>> {
    let mut pairs = Vec::with_capacity(table.len() / 7);
    for line in table.lines().skip(1).filter(|l| !l.is_empty()) {
        let bad = || corrupt(TABLE_FILE, format!("bad row {line:?}"));
        let mut f = line.split('\t');
        let (Some(from), Some(relationship), Some(codes), None) = (f.next(), f.next(), f.next(), f.next()) else {
            return Err(bad());
        };
        let from = subheading(from).ok_or_else(bad)?;
        if !["1:1", "1:n", "n:1", "n:n"].contains(&relationship) {
            return Err(bad());
        }
        for c in codes.split(' ') {
            pairs.push((from, subheading(c).ok_or_else(bad)?));
        }
    }
    // The importer writes rows by HS 2022 code, codes sorted within a row: only a code's
    // relationship rows need merging.
    for group in pairs.chunk_by_mut(|a, b| a.0 == b.0) {
        crate::sort::sort_unstable(group);
    }
    if !pairs.is_sorted() {
        crate::sort::sort_unstable(&mut pairs);
    }
    pairs.dedup();
    Ok(pairs)
}

/// A six-digit subheading as a number.
fn subheading(text: &str) -> Option<u32> {
    let b = text.as_bytes();
    (b.len() == 6 && b.iter().all(u8::is_ascii_digit)).then(|| b.iter().fold(0, |v, d| v * 10 + u32::from(d - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "hs2022\trelationship\ths2017\n\
        382211\t1:n\t300211\n\
        382211\tn:n\t300213 300215\n\
        382212\tn:n\t300213 300215\n\
        847150\tn:1\t847150\n\
        851713\tn:1\t851712\n\
        851714\tn:1\t851712\n\
        911490\tn:1\t911410\n";
    const NOMENCLATURE: &str = "table\tnomenclature\tsource\tconfidence\n\
        US\tHS2022\tHTSUS\tofficial\n\
        GB\tHS2017\tUKGT 2021\tofficial\n";
    const FIXES: &str = "hs2022\ths2017\tfix\treason\tsource\tconfidence\n\
        911490\t911490\tadd\tmerged\tHS 2022 heading 91.14\tofficial\n";

    fn parsed(fixes: &'static str) -> Correlation<'static> {
        Correlation::parse(Some(TABLE), Some(fixes), Some(NOMENCLATURE)).unwrap()
    }

    /// HS 2022 8517.13 (smartphones) is part of HS 2017 8517.12 (UN table: n:1).
    #[test]
    fn split_code_resolves_to_its_one_hs2017_code() {
        let c = parsed(FIXES);
        let r = c.resolve("851713").unwrap();
        assert_eq!((r.to, r.relationship), (vec!["851712".to_string()], Relationship::ManyToOne));
    }

    /// HS 2022 3822.11 comes from 3002.11 (feeding it alone) and 3002.13/3002.15 (split): n:n,
    /// as the UN labels its pairs 1:n and n:n.
    #[test]
    fn merged_and_split_codes_are_many_to_many() {
        let c = parsed(FIXES);
        let r = c.resolve("382211").unwrap();
        assert_eq!(r.to, ["300211", "300213", "300215"]);
        assert_eq!(r.relationship, Relationship::ManyToMany);
        assert!(c.resolve("847150").unwrap().is_identity());
    }

    #[test]
    fn unchanged_or_malformed_codes_do_not_resolve() {
        let c = parsed(FIXES);
        assert_eq!(c.resolve("010121"), None);
        assert_eq!(c.resolve("8517"), None);
        assert_eq!(c.resolve("85171x"), None);
    }

    /// The fix adds HS 2017 9114.90 to HS 2022 9114.90 (which the UN links to 9114.10 only) and
    /// is named in the resolution.
    #[test]
    fn fixes_apply_on_top_and_are_named() {
        let c = parsed(FIXES);
        let r = c.resolve("911490").unwrap();
        assert_eq!(r.to, ["911410", "911490"]);
        assert_eq!(r.corrections.len(), 1);
        assert_eq!(r.corrections[0].source.publisher, "HS 2022 heading 91.14");
        assert_eq!(r.corrections[0].source.row(), "hs_correlation_fixes.tsv#911490-911490");
        // The JSON is the row's text as before (golden contract): source cited, confidence.
        let json = serde_json::to_string(r.corrections[0]).unwrap();
        assert_eq!(
            json,
            r#"{"hs2022":"911490","hs2017":"911490","fix":"add","reason":"merged","source":"HS 2022 heading 91.14","confidence":"official"}"#
        );
        let unfixed = parsed("hs2022\ths2017\tfix\treason\tsource\tconfidence\n");
        assert_eq!(unfixed.resolve("911490").unwrap().to, ["911410"]);
    }

    /// A fix for a code the UN table leaves unchanged starts from the code itself.
    #[test]
    fn fix_on_an_unchanged_code_keeps_the_code_itself() {
        let c = parsed("h\n300212\t300219\tadd\twhy\tHS 2022 heading 30.02\tverify\n");
        let r = c.resolve("300212").unwrap();
        assert_eq!((r.to, r.relationship), (vec!["300212".to_string(), "300219".into()], Relationship::OneToMany));
    }

    #[test]
    fn stale_or_unsourced_fixes_are_errors() {
        let stale = "h\n851713\t851712\tadd\twhy\tsrc\tofficial\n";
        let e = Correlation::parse(Some(TABLE), Some(stale), None).unwrap_err();
        assert_eq!(e.code, ErrorCode::Snapshot);
        assert!(e.message.contains("stale"), "{}", e.message);
        let gone = "h\n851713\t300211\tremove\twhy\tsrc\tofficial\n";
        assert!(Correlation::parse(Some(TABLE), Some(gone), None).is_err());
        let unsourced = "h\n851713\t851711\tadd\twhy\t\tofficial\n";
        assert!(Correlation::parse(Some(TABLE), Some(unsourced), None).is_err());
    }

    #[test]
    fn only_hs2017_tables_are_listed() {
        let c = parsed(FIXES);
        assert_eq!(c.hs2017_table("GB").map(|n| n.source), Some("UKGT 2021"));
        assert_eq!(c.hs2017_table("US"), None);
        assert_eq!(c.hs2017_table("JP"), None);
        assert!(is_hs2017(NOMENCLATURE, "GB") && !is_hs2017(NOMENCLATURE, "US") && !is_hs2017(NOMENCLATURE, "EU"));
    }

    #[test]
    fn missing_files_mean_no_correlation_and_bad_rows_are_errors() {
        assert!(Correlation::parse(None, None, None).unwrap().is_empty());
        assert!(Correlation::parse(Some("h\n851713\tn:1\t8517\n"), None, None).is_err());
        assert!(Correlation::parse(Some("h\n851713\t2:1\t851712\n"), None, None).is_err());
        assert!(Correlation::parse(None, None, Some("h\nGB\tHS2012\tx\tofficial\n")).is_err());
    }
}
