//! Facts about US 8-digit lines beyond their rates (`us_lines.tsv`, imported from the HTS 2026
//! JSON revisions by `landed-datagen`): the statistical suffixes each line has, and the value
//! bracket its article text states (docs/rules.md, "US statistical suffixes and value brackets").
//!
//! Like the scope lists, the file is split into chapter parts in the snapshot
//! (`us_lines.tsv:61-64`), each read on first use; a line's facts are in its chapter's part.

use super::chapter_parts::ChapterParts;
use super::table::{in_force, Tsv};
use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::money::Currency;
use crate::snapshot::{format, Part, Snapshot};
use crate::units::Unit;
use rust_decimal::Decimal;

/// The imported file, split into chapter parts.
pub const LINES_FILE: &str = "us_lines.tsv";

/// A bound of a value bracket: the amount and whether it is included (`over $3` excludes 3,
/// `not over $6.50` includes 6.50, `88¢ or more` includes 0.88, `less than 15¢` excludes 0.15).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    pub amount: Decimal,
    pub inclusive: bool,
}

/// A unit value range an HTS line's article text states.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueBracket {
    pub lower: Option<Bound>,
    pub upper: Option<Bound>,
    /// The unit the value is per (`pair`, `item`, `kg`, …).
    pub per: Unit,
    pub currency: Currency,
}

impl ValueBracket {
    /// Whether a unit value is within the bracket.
    pub fn contains(&self, value: Decimal) -> bool {
        let above = self.lower.is_none_or(|b| value > b.amount || (b.inclusive && value == b.amount));
        let below = self.upper.is_none_or(|b| value < b.amount || (b.inclusive && value == b.amount));
        above && below
    }
}

/// One dated row: an 8-digit line's statistical suffixes and value bracket.
#[derive(Debug, Clone, PartialEq)]
pub struct LineFacts {
    pub code: &'static str,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// The 2-digit statistical suffixes, concatenated (`0407111214`); `none` where the revision
    /// prints no statistical line under it (then a 10-digit code is not checked).
    pub suffixes: &'static str,
    /// The group of bracketed alternatives the line is one of (the code of its first line).
    pub group: &'static str,
    /// The bracket as read; `None` with a `bracket_text` when the text could not be read.
    pub bracket: Option<ValueBracket>,
    /// The bracket text(s) as published, the topmost first ("Valued over $3 each: Valued over $5
    /// each"); empty when the line states none.
    pub bracket_text: &'static str,
    /// The `sources.tsv` id of the revision.
    pub source: &'static str,
}

impl LineFacts {
    /// Whether the line has the 2-digit statistical suffix `suffix` (`None`: not checked).
    pub fn has_suffix(&self, suffix: &str) -> Option<bool> {
        (self.suffixes != "none").then(|| self.suffix_list().any(|s| s == suffix))
    }

    /// The 2-digit statistical suffixes (none for `none`).
    pub fn suffix_list(&self) -> impl Iterator<Item = &'static str> {
        let s: &'static str = if self.suffixes == "none" { "" } else { self.suffixes };
        (0..s.len() / 2).map(move |i| &s[2 * i..2 * i + 2])
    }
}

fn bound(r: &super::table::Record<'_, 'static>, column: &str, ops: [&str; 2]) -> Result<Option<Bound>> {
    let text = r.text(column)?;
    if text.is_empty() {
        return Ok(None);
    }
    // `>=3` / `>3` (lower), `<=6.5` / `<6.5` (upper): the longer operator first.
    let (amount, inclusive) = match text.strip_prefix(ops[0]) {
        Some(a) => (a, true),
        None => (
            text.strip_prefix(ops[1])
                .ok_or_else(|| r.bad(column, &format!("{text:?} is not {}N or {}N", ops[0], ops[1])))?,
            false,
        ),
    };
    let amount = Decimal::from_str_exact(amount).map_err(|_| r.bad(column, &format!("{text:?}: not an amount")))?;
    Ok(Some(Bound { amount, inclusive }))
}

/// Reads the rows of one part (or the whole file): one [`LineFacts`] per code a row names, sorted
/// by code and date.
fn read_rows(table: &Tsv<'static>, name: &str, chapters: Option<std::ops::Range<u8>>) -> Result<Vec<LineFacts>> {
    let mut rows: Vec<LineFacts> = Vec::new();
    for r in table.records() {
        let codes = r.text("codes")?;
        let suffixes = r.text("suffixes")?;
        let ok = suffixes == "none"
            || (!suffixes.is_empty() && suffixes.len() % 2 == 0 && suffixes.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return Err(r.bad("suffixes", &format!("{suffixes:?} is not 2-digit suffixes concatenated, or none")));
        }
        let bracket_text = r.text("bracket")?;
        let bracket = match r.text("status")? {
            "" if bracket_text.is_empty() => None,
            "unparseable" if !bracket_text.is_empty() => None,
            "parsed" if !bracket_text.is_empty() => {
                let per = r.text("per")?;
                let per = Unit::lookup(per).ok_or_else(|| r.bad("per", &format!("{per:?} is not a unit")))?;
                let currency = r.text("currency")?;
                let currency = Currency::parse(currency)
                    .map_err(|_| r.bad("currency", &format!("{currency:?} is not a currency")))?;
                let (lower, upper) = (bound(&r, "lower", [">=", ">"])?, bound(&r, "upper", ["<=", "<"])?);
                if lower.is_none() && upper.is_none() {
                    return Err(r.bad("lower", "a parsed bracket has a lower or an upper bound"));
                }
                Some(ValueBracket { lower, upper, per, currency })
            }
            other => {
                return Err(r.bad(
                    "status",
                    &format!("{other:?} is not parsed or unparseable (with a bracket text), or empty (without)"),
                ))
            }
        };
        let (valid_from, valid_to, group, source) =
            (r.date("valid_from")?, r.date("valid_to")?, r.text("group")?, r.text("source")?);
        let named: Vec<&'static str> = codes.split(' ').filter(|c| !c.is_empty()).collect();
        if named.is_empty() || (!bracket_text.is_empty() && named.len() > 1) {
            return Err(r.bad("codes", "a row names codes, and a bracketed line alone"));
        }
        for code in named {
            if code.len() > 8 || code.len() < 2 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(r.bad("codes", &format!("{code:?} is not a code of 2 to 8 digits")));
            }
            if let Some(chapters) = &chapters {
                if !format::chapter(code.as_bytes()).is_some_and(|c| chapters.contains(&c)) {
                    return Err(Error::new(
                        ErrorCode::Snapshot,
                        name,
                        format!("{}: {code} is outside the part's chapters", r.at()),
                    ));
                }
            }
            rows.push(LineFacts {
                code,
                valid_from,
                valid_to,
                suffixes,
                group,
                bracket: bracket.clone(),
                bracket_text,
                source,
            });
        }
    }
    crate::sort::sort_by(&mut rows, |a, b| (a.code, a.valid_from).cmp(&(b.code, b.valid_from)));
    Ok(rows)
}

/// The facts the file gives for one 8-digit line on a date.
#[derive(Debug, Clone, Copy)]
pub enum Facts<'r> {
    /// The date is before the file's first revision: nothing is known (no check).
    NotCovered,
    /// The line's row in force (or that of a code over it: a chapter's), or none: then the
    /// line has the one statistical line `00` and states no bracket.
    Covered(Option<&'r LineFacts>),
}

/// One part's rows, with the first day any of them is in force (the first revision read).
#[derive(Debug)]
struct PartLines {
    rows: Vec<LineFacts>,
    first_from: Option<Date>,
}

/// Reads one part's rows and the first day they cover, once per part (not per line priced).
fn read_part(table: &Tsv<'static>, name: &str, chapters: Option<std::ops::Range<u8>>) -> Result<PartLines> {
    let rows = read_rows(table, name, chapters)?;
    let first_from = rows.iter().filter_map(|r| r.valid_from).min();
    Ok(PartLines { rows, first_from })
}

/// The chapter parts of [`LINES_FILE`] in the snapshot, each read into its rows on first use.
#[derive(Debug)]
pub struct LineParts(ChapterParts<PartLines>);

impl LineParts {
    /// The snapshot's parts of the file, none read yet (a snapshot without the file has none:
    /// then nothing is checked).
    pub(super) fn of(snapshot: &'static Snapshot<'static>) -> LineParts {
        LineParts(ChapterParts::of(snapshot, LINES_FILE, read_part))
    }

    /// The part holding a code's chapter, if any.
    pub fn part_for(&self, code: &[u8]) -> Option<&'static Part<'static>> {
        self.0.part_for(code)
    }

    /// Every part (what a US page may need before it knows its codes).
    pub fn parts(&self) -> impl Iterator<Item = &'static Part<'static>> + '_ {
        self.0.parts()
    }

    /// Reads the part `name` if it is one of these (just attached).
    pub fn read_attached(&self, name: &str) -> Result<()> {
        self.0.read_attached(name)
    }

    /// Reads every part already here (natively: all of them), checking each.
    pub fn read_loaded(&self) -> Result<()> {
        self.0.read_loaded()
    }

    /// The part holding `code8`'s chapter (`E_DATA_NOT_LOADED` while it is not attached); `None`
    /// when the snapshot has no such part.
    fn part_lines(&self, code8: &str) -> Result<Option<&PartLines>> {
        self.0.for_code(code8.as_bytes())
    }

    /// The facts of the 8-digit line `code8` on `date`.
    pub fn facts(&self, code8: &str, date: Date) -> Result<Facts<'_>> {
        let Some(part) = self.part_lines(code8)? else { return Ok(Facts::NotCovered) };
        // The part's rows start with the first revision read: before it, nothing is known.
        if part.first_from.is_none_or(|f| date < f) {
            return Ok(Facts::NotCovered);
        }
        let rows = &part.rows;
        // The line's own row, else that of the longest code over it (a chapter's).
        let row = (2..=code8.len()).rev().find_map(|n| {
            let code = &code8[..n];
            let at = rows.partition_point(|r| r.code < code);
            rows[at..].iter().take_while(|r| r.code == code).find(|r| in_force(r.valid_from, r.valid_to, date))
        });
        Ok(Facts::Covered(row))
    }

    /// The other lines of `row`'s group of bracketed alternatives in force on `date`, with a
    /// bracket read, in code order.
    pub fn siblings<'r>(&'r self, row: &'r LineFacts, date: Date) -> Result<Vec<&'r LineFacts>> {
        let Some(part) = self.part_lines(row.code)? else { return Ok(Vec::new()) };
        Ok(part
            .rows
            .iter()
            .filter(|r| r.group == row.group && r.code != row.code && r.bracket.is_some())
            .filter(|r| in_force(r.valid_from, r.valid_to, date))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn bounds_include_or_exclude_as_the_text_says() {
        // HTSUS 6402.99.16 "Valued over $3 but not over $6.50/pair".
        let b = ValueBracket {
            lower: Some(Bound { amount: dec!(3), inclusive: false }),
            upper: Some(Bound { amount: dec!(6.50), inclusive: true }),
            per: Unit::lookup("pair").unwrap(),
            currency: Currency::USD,
        };
        assert!(!b.contains(dec!(3)));
        assert!(b.contains(dec!(3.01)));
        assert!(b.contains(dec!(6.50)));
        assert!(!b.contains(dec!(6.51)));
    }

    #[test]
    fn a_malformed_row_names_its_column() {
        let header =
            "codes\tvalid_from\tvalid_to\tsuffixes\tgroup\tlower\tupper\tper\tcurrency\tbracket\tstatus\tsource\n";
        let bad = format!("{header}64029916\t2026-02-12\t\t00\t64029912\t>3\t<=6.50\tpairs?\tUSD\tValued\tparsed\tx\n");
        let text: &'static str = Box::leak(bad.into_boxed_str());
        let e = read_rows(&Tsv::parse("us_lines.tsv", text).unwrap(), "us_lines.tsv", None).unwrap_err();
        assert!(e.message.contains("column per"), "{}", e.message);
        let two = format!(
            "{header}64029916 64029921\t2026-02-12\t\t00\t64029912\t>3\t<=6.50\tpair\tUSD\tValued\tparsed\tx\n"
        );
        let text: &'static str = Box::leak(two.into_boxed_str());
        let e = read_rows(&Tsv::parse("us_lines.tsv", text).unwrap(), "us_lines.tsv", None).unwrap_err();
        assert!(e.message.contains("column codes"), "{}", e.message);
    }
}
