//! The US Harmonized Tariff Schedule revisions of 2026 (USITC JSON bulk files) → dated HTS8 rows
//! of `tariffs/us.tsv`.
//!
//! Each revision is the whole schedule as in force from its date (the vintage of its
//! [`SourceRow`]) until the day before the next revision; the last one stays open. So:
//!
//! - **Earlier rows** (the 2025 annual database) end the day before the first revision: a row
//!   still in force then gets `valid_to` = that day, and a row dated to start on or after it is
//!   superseded and left out. This holds whether or not the revision has the line: a line the
//!   revision drops no longer exists in the schedule, and a lookup after that date answers
//!   "no line in force" with the dates it had, never a stale rate.
//! - **Between revisions** the same rule applies: a line a revision drops ends the day before it;
//!   a line a revision adds starts on its date (a retroactive effective date stated only in a
//!   proclamation is not in the file, and is not guessed).
//! - **Coalescing**: a line whose description, units and three rate columns are unchanged in the
//!   next revision keeps one row whose validity runs on; its `source` stays the revision that
//!   first published that text. Only changed lines get a new row.
//!
//! What a row holds, per line:
//! - the rate texts as published (`general` → `mfn`, `special`, `other` → `col2`), white space
//!   collapsed. Statistical (10-digit) rows inherit the rate of their 8-digit line; where the
//!   8-digit line has no row of its own (`0101.30.00.00`), its single statistical row carries it.
//!   A statistical row with a rate of its own that differs is an import error, not a silent pick;
//! - the units of the line and its statistical rows, as published (`No.`, `kg`), in order;
//! - a readable description: the line's text joined to those of the rows above it (heading,
//!   subheadings and the unnumbered "superior" rows), each without its trailing colon, with ": ".
//!
//! Every 8-digit line of the file is kept, chapters 98 and 99 included. Chapter 99 headings
//! (9903.xx) are rows like the others, data for the additional-duty layers: a heading that is
//! printed is not necessarily collected (superseded headings stay in the file), so which one
//! applies on a date comes from the layer rules and their dates, not from these rows.
//!
//! Fields other than those above (`footnotes`, `quotaQuantity`, `additionalDuties` and its
//! misspelled duplicate `addiitionalDuties`) are not read.

use crate::table::{SourceRow, TableRow};
use landed::date::Date;
use landed::error::{Error, ErrorCode, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read as _;
use std::path::Path;

/// HTS 2026 revision 3 (Argentina beef quota), in force from 2026-02-12.
pub const REV3: SourceRow = SourceRow {
    id: "usitc-hts-2026-rev3",
    jurisdiction: "US",
    publisher: "U.S. International Trade Commission",
    dataset: "Harmonized Tariff Schedule 2026 Revision 3 (JSON)",
    vintage: "2026-02-12",
    licence: "US public domain",
    file: "us/hts-2026/hts_2026_rev_3.json.gz",
};

/// HTS 2026 revision 10 (Section 232 metals annex expansion), in force from 2026-06-08.
pub const REV10: SourceRow = SourceRow {
    id: "usitc-hts-2026-rev10",
    jurisdiction: "US",
    publisher: "U.S. International Trade Commission",
    dataset: "Harmonized Tariff Schedule 2026 Revision 10 (JSON)",
    vintage: "2026-06-08",
    licence: "US public domain",
    file: "us/hts-2026/hts_2026_rev_10.json.gz",
};

/// The revisions imported, oldest first. The dates in force are those of the USITC change
/// records, as compiled in `hts-2026/budgetlab_revision_dates.csv`.
pub const REVISIONS: [SourceRow; 2] = [REV3, REV10];

/// The fields of one HTS8 line that a row carries (besides code, dates and source).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    description: String,
    units: Vec<String>,
    mfn: String,
    special: String,
    col2: String,
}

impl Line {
    fn row(&self, code: &str, valid_from: Date, source: &str) -> TableRow {
        TableRow {
            code: code.to_string(),
            valid_from: valid_from.to_string(),
            valid_to: String::new(),
            description: self.description.clone(),
            units: self.units.join(","),
            mfn: self.mfn.clone(),
            special: self.special.clone(),
            col2: self.col2.clone(),
            flags: String::new(),
            source: source.to_string(),
        }
    }

    /// Whether `row` already says what this line says.
    fn same_as(&self, row: &TableRow) -> bool {
        let units = self.units.join(",");
        (&self.description, &units, &self.mfn, &self.special, &self.col2)
            == (&row.description, &row.units, &row.mfn, &row.special, &row.col2)
    }
}

/// One revision: its source id, the day it enters into force and its lines by 8-digit code.
struct Revision {
    source: &'static str,
    from: Date,
    lines: BTreeMap<String, Line>,
}

fn invalid(what: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::Io, "sources", what.to_string())
}

/// Reads the revisions in `dir`, ends the rows already in `rows` at the first revision, and adds
/// the revisions' rows.
pub fn import(dir: &Path, rows: &mut BTreeSet<TableRow>) -> Result<()> {
    let mut revisions = Vec::with_capacity(REVISIONS.len());
    for rev in &REVISIONS {
        let path = dir.join(rev.file);
        let json = read_gzip(&path)?;
        let lines = parse_revision(&json).map_err(|e| invalid(format!("{}: {}", path.display(), e.message)))?;
        revisions.push(Revision { source: rev.id, from: Date::parse(rev.vintage)?, lines });
    }
    if let Some(first) = revisions.first() {
        end_before(rows, first.from);
    }
    rows.extend(dated_rows(&revisions));
    Ok(())
}

/// The text of a gzip file.
pub(crate) fn read_gzip(path: &Path) -> Result<String> {
    let file = std::fs::File::open(path).map_err(|e| invalid(format!("{}: {e}", path.display())))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .map_err(|e| invalid(format!("{}: {e}", path.display())))?;
    Ok(text)
}

/// Ends every row in force on or after `day` on the day before it; drops rows starting later.
fn end_before(rows: &mut BTreeSet<TableRow>, day: Date) {
    let last = day.add_days(-1).to_string();
    let first = day.to_string();
    *rows = std::mem::take(rows)
        .into_iter()
        .filter(|r| r.valid_from.is_empty() || r.valid_from < first)
        .map(|r| if r.valid_to.is_empty() || r.valid_to > last { TableRow { valid_to: last.clone(), ..r } } else { r })
        .collect();
}

/// Rows for the revisions (oldest first), one per line and run of unchanged revisions.
fn dated_rows(revisions: &[Revision]) -> Vec<TableRow> {
    let mut open: BTreeMap<&str, TableRow> = BTreeMap::new();
    let mut done = Vec::new();
    for rev in revisions {
        let last_day_before = rev.from.add_days(-1).to_string();
        open.retain(|code, row| {
            let carried = rev.lines.get(*code).is_some_and(|line| line.same_as(row));
            if !carried {
                done.push(TableRow { valid_to: last_day_before.clone(), ..row.clone() });
            }
            carried
        });
        for (code, line) in &rev.lines {
            open.entry(code).or_insert_with(|| line.row(code, rev.from, rev.source));
        }
    }
    done.extend(open.into_values());
    done
}

/// Text with white space collapsed.
fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A string field of a JSON row (`null` reads as empty).
fn field<'a>(row: &'a serde_json::Value, name: &str) -> &'a str {
    row.get(name).and_then(|v| v.as_str()).unwrap_or_default()
}

/// The HTS8 lines of one revision's JSON array.
fn parse_revision(json: &str) -> Result<BTreeMap<String, Line>> {
    let entries: Vec<serde_json::Value> = serde_json::from_str(json).map_err(invalid)?;
    let mut lines: BTreeMap<String, Line> = BTreeMap::new();
    // Descriptions of the rows above the current one, with their indents.
    let mut above: Vec<(u32, String)> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let htsno = field(entry, "htsno");
        let indent = indent(entry).ok_or_else(|| invalid(format!("row {i} ({htsno}): no indent")))?;
        let text = clean(field(entry, "description"));
        while above.last().is_some_and(|(level, _)| *level >= indent) {
            above.pop();
        }
        let description = joined_description(&above, &text);
        above.push((indent, text));

        let digits: String = htsno.chars().filter(|c| *c != '.').collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) || ![0, 4, 6, 8, 10].contains(&digits.len()) {
            return Err(invalid(format!("row {i}: bad htsno {htsno:?}")));
        }
        if digits.len() < 8 {
            continue;
        }
        let line = Line {
            description,
            units: units(entry),
            mfn: clean(field(entry, "general")),
            special: clean(field(entry, "special")),
            col2: clean(field(entry, "other")),
        };
        let code = digits[..8].to_string();
        match (digits.len(), lines.get_mut(&code)) {
            (8, Some(_)) => return Err(invalid(format!("row {i}: line {htsno} appears twice"))),
            (10, Some(parent)) => inherit(parent, line).map_err(|e| invalid(format!("row {i} ({htsno}): {e}")))?,
            _ => {
                lines.insert(code, line);
            }
        }
    }
    Ok(lines)
}

/// A row's indent (a string in the files, sometimes zero-padded: `"03"`).
fn indent(entry: &serde_json::Value) -> Option<u32> {
    match entry.get("indent")? {
        serde_json::Value::String(s) => s.trim().parse().ok(),
        serde_json::Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        _ => None,
    }
}

/// The units of a row, cleaned, empty ones left out.
fn units(entry: &serde_json::Value) -> Vec<String> {
    let list = entry.get("units").and_then(|u| u.as_array()).map(Vec::as_slice).unwrap_or_default();
    list.iter().filter_map(|u| u.as_str()).map(clean).filter(|u| !u.is_empty()).collect()
}

/// The line's description joined to those of the rows above it.
fn joined_description(above: &[(u32, String)], text: &str) -> String {
    let parts = above.iter().map(|(_, t)| t.as_str()).chain([text]);
    parts.map(|t| t.trim_end_matches(':').trim_end()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(": ")
}

/// A statistical row under its 8-digit line: it adds its units and inherits the line's rates.
fn inherit(parent: &mut Line, child: Line) -> std::result::Result<(), String> {
    for (column, own, inherited) in [
        ("general", &child.mfn, &parent.mfn),
        ("special", &child.special, &parent.special),
        ("other", &child.col2, &parent.col2),
    ] {
        if !own.is_empty() && own != inherited {
            return Err(format!("statistical row has its own {column} rate {own:?} (line: {inherited:?})"));
        }
    }
    for unit in child.units {
        if !parent.units.contains(&unit) {
            parent.units.push(unit);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"[
      {"htsno":"0101","indent":"0","description":"Live horses, asses, mules and hinnies:","superior":null,"units":[],"general":"","special":"","other":"","footnotes":[],"quotaQuantity":"","additionalDuties":"","addiitionalDuties":null},
      {"htsno":"","indent":"1","description":"Horses:","superior":"true","units":[],"general":"","special":"","other":"","footnotes":null,"quotaQuantity":null,"additionalDuties":null,"addiitionalDuties":null},
      {"htsno":"0101.21.00","indent":"2","description":"Purebred breeding animals","superior":null,"units":[],"general":"Free","special":"","other":"Free","footnotes":[],"quotaQuantity":null,"additionalDuties":null,"addiitionalDuties":null},
      {"htsno":"0101.21.00.10","indent":"3","description":"Males","superior":null,"units":["No."],"general":"","special":"","other":"","footnotes":[],"quotaQuantity":null,"additionalDuties":null,"addiitionalDuties":null},
      {"htsno":"0101.21.00.20","indent":"3","description":"Females","superior":null,"units":["No.","kg "],"general":" ","special":"","other":"","footnotes":[],"quotaQuantity":null,"additionalDuties":null,"addiitionalDuties":null},
      {"htsno":"0101.30.00.00","indent":"1","description":"Asses","superior":null,"units":["No."],"general":"6.8%","special":"Free (A+,AU,\nBH)","other":"15%","footnotes":[],"quotaQuantity":null,"additionalDuties":null,"addiitionalDuties":null},
      {"htsno":"9903.88.15","indent":"0","description":"Articles the product of China, as provided for in U.S. note 20(r)","superior":null,"units":[],"general":"The duty provided in the applicable subheading + 7.5%","special":"","other":"","footnotes":[],"quotaQuantity":null,"additionalDuties":null,"addiitionalDuties":null},
      {"htsno":"","indent":"1","description":"Goods of Canada:","superior":"true","units":[],"general":"","special":"","other":"","footnotes":null,"quotaQuantity":null,"additionalDuties":null,"addiitionalDuties":null},
      {"htsno":"9903.88.16","indent":"02","description":"Other","superior":null,"units":[],"general":"Free","special":"","other":"","footnotes":[],"quotaQuantity":null,"additionalDuties":null,"addiitionalDuties":null}
    ]"#;

    fn parsed() -> BTreeMap<String, Line> {
        parse_revision(SAMPLE).unwrap()
    }

    #[test]
    fn statistical_rows_inherit_the_rate_of_their_8_digit_line() {
        // HTS General Note 3: the rate is set at the 8-digit subheading; statistical suffixes
        // (10 digits) carry no rate of their own and add only their reporting units.
        let line = &parsed()["01012100"];
        assert_eq!((line.mfn.as_str(), line.col2.as_str()), ("Free", "Free"));
        assert_eq!(line.units, ["No.", "kg"]);
    }

    #[test]
    fn a_lone_statistical_row_carries_its_8_digit_line() {
        let line = &parsed()["01013000"];
        assert_eq!((line.mfn.as_str(), line.special.as_str()), ("6.8%", "Free (A+,AU, BH)"));
        assert_eq!(line.description, "Live horses, asses, mules and hinnies: Asses");
    }

    #[test]
    fn descriptions_join_the_rows_above_the_line() {
        assert_eq!(
            parsed()["01012100"].description,
            "Live horses, asses, mules and hinnies: Horses: Purebred breeding animals"
        );
    }

    #[test]
    fn chapter_99_headings_are_kept_as_lines() {
        let heading = &parsed()["99038815"];
        assert_eq!(heading.mfn, "The duty provided in the applicable subheading + 7.5%");
        assert_eq!(heading.description, "Articles the product of China, as provided for in U.S. note 20(r)");
        assert_eq!(parsed().len(), 4);
    }

    #[test]
    fn zero_padded_indents_read_as_numbers() {
        // Rev 3 prints `"indent": "03"` on a few rows (9823.01.02, 9823.52.07).
        assert_eq!(
            parsed()["99038816"].description,
            "Articles the product of China, as provided for in U.S. note 20(r): Goods of Canada: Other"
        );
    }

    #[test]
    fn a_statistical_row_with_a_different_rate_is_an_error() {
        let bad = SAMPLE.replace(r#""units":["No."],"general":"","#, r#""units":["No."],"general":"5%","#);
        let e = parse_revision(&bad).unwrap_err();
        assert!(e.message.contains("0101.21.00.10") && e.message.contains("5%"), "{}", e.message);
    }

    #[test]
    fn a_malformed_code_is_an_error() {
        let e = parse_revision(&SAMPLE.replace("0101.30.00.00", "0101.30.0")).unwrap_err();
        assert!(e.message.contains("0101.30.0"), "{}", e.message);
    }

    fn line(mfn: &str) -> Line {
        Line {
            description: "Asses".into(),
            units: vec!["No.".into()],
            mfn: mfn.into(),
            special: String::new(),
            col2: String::new(),
        }
    }

    fn revision(source: &'static str, from: &str, lines: &[(&str, Line)]) -> Revision {
        let lines = lines.iter().map(|(c, l)| (c.to_string(), l.clone())).collect();
        Revision { source, from: Date::parse(from).unwrap(), lines }
    }

    fn dates(rows: &[TableRow], code: &str) -> Vec<(String, String, String, String)> {
        rows.iter()
            .filter(|r| r.code == code)
            .map(|r| (r.valid_from.clone(), r.valid_to.clone(), r.mfn.clone(), r.source.clone()))
            .collect()
    }

    #[test]
    fn unchanged_lines_coalesce_and_changed_lines_get_a_dated_row() {
        let rows = dated_rows(&[
            revision("r3", "2026-02-12", &[("01013000", line("6.8%")), ("01012100", line("Free"))]),
            revision("r10", "2026-06-08", &[("01013000", line("6.8%")), ("01012100", line("1%"))]),
        ]);
        let s = |x: &str| x.to_string();
        assert_eq!(dates(&rows, "01013000"), [(s("2026-02-12"), s(""), s("6.8%"), s("r3"))]);
        assert_eq!(
            dates(&rows, "01012100"),
            [(s("2026-02-12"), s("2026-06-07"), s("Free"), s("r3")), (s("2026-06-08"), s(""), s("1%"), s("r10"))]
        );
    }

    #[test]
    fn dropped_lines_end_and_added_lines_start_with_the_revision() {
        let rows = dated_rows(&[
            revision("r3", "2026-02-12", &[("99038001", line("+ 25%"))]),
            revision("r10", "2026-06-08", &[("99038220", line("+ 50%"))]),
        ]);
        let s = |x: &str| x.to_string();
        assert_eq!(dates(&rows, "99038001"), [(s("2026-02-12"), s("2026-06-07"), s("+ 25%"), s("r3"))]);
        assert_eq!(dates(&rows, "99038220"), [(s("2026-06-08"), s(""), s("+ 50%"), s("r10"))]);
    }

    #[test]
    fn earlier_rows_end_the_day_before_the_first_revision() {
        let row = |from: &str, to: &str| TableRow {
            valid_from: from.into(),
            valid_to: to.into(),
            ..line("6.80%").row("01013000", Date::parse("2020-07-01").unwrap(), "usitc-2025")
        };
        let mut rows: BTreeSet<TableRow> =
            [row("2020-07-01", "2050-12-31"), row("2025-01-01", "2025-03-06"), row("2026-03-01", "2050-12-31")].into();
        end_before(&mut rows, Date::parse("2026-02-12").unwrap());
        let kept: Vec<(&str, &str)> = rows.iter().map(|r| (r.valid_from.as_str(), r.valid_to.as_str())).collect();
        assert_eq!(kept, [("2020-07-01", "2026-02-11"), ("2025-01-01", "2025-03-06")]);
    }

    #[test]
    fn revision_sources_are_dated_in_order() {
        let days: Vec<Date> = REVISIONS.iter().map(|r| Date::parse(r.vintage).unwrap()).collect();
        assert!(days.windows(2).all(|w| w[0] < w[1]));
    }
}
