//! The US scope lists: which codes each additional-duty measure covers, as dated rows.
//!
//! The imported lists (`us_scopes.tsv`, 49 KB gzip) are split into chapter parts in the snapshot
//! (`us_scopes.tsv:58-61`, `snapshot::format`): a code is on a list only through a prefix of it or
//! a longer code under it, both in its own chapter, so a line's chapter part answers every
//! question about it. Each part is read when first used (in the browser, once attached); the
//! hand-encoded additions (`rules/us_scopes_extra.tsv`) name codes of any chapter and are read
//! whole with the other US tables.

use super::chapter_parts::ChapterParts;
use super::table::{in_force, Tsv};
use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::snapshot::{format, Part, Snapshot};
use std::collections::HashMap;

/// The imported scope lists' file, split into chapter parts.
pub const SCOPES_FILE: &str = "us_scopes.tsv";

/// Whether a code is in a scope list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InScope {
    Yes,
    No,
    /// The list names longer codes under the code given, and not all of its statistical lines
    /// (the importer adds to an imported list every shorter code all of whose statistical lines
    /// it names: `us_scopes.tsv`): it depends on the full statistical code.
    Maybe,
}

/// One dated row of a scope list: the codes it names and when they are in it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeRows {
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub file: &'static str,
    /// Sorted code prefixes.
    codes: Vec<&'static str>,
}

/// Scope lists by name, each its dated rows in file order.
#[derive(Debug, Default)]
pub struct ScopeLists(HashMap<&'static str, Vec<ScopeRows>>);

impl ScopeLists {
    /// Reads the rows of a table with the columns `scope, valid_from, valid_to, file, codes`.
    /// `chapters`, when given, are the only chapters its codes may be in (a chapter part's).
    pub(super) fn read(table: &Tsv<'static>, name: &str, chapters: Option<std::ops::Range<u8>>) -> Result<ScopeLists> {
        let mut lists: HashMap<&'static str, Vec<ScopeRows>> = HashMap::new();
        for r in table.records() {
            let mut codes: Vec<&'static str> = r.text("codes")?.split(' ').filter(|c| !c.is_empty()).collect();
            if let Some(chapters) = &chapters {
                if let Some(code) =
                    codes.iter().find(|c| !format::chapter(c.as_bytes()).is_some_and(|c| chapters.contains(&c)))
                {
                    return Err(Error::new(
                        ErrorCode::Snapshot,
                        name,
                        format!("{}: {code} is outside the part's chapters", r.at()),
                    ));
                }
            }
            crate::sort::sort_unstable(&mut codes);
            lists.entry(r.text("scope")?).or_default().push(ScopeRows {
                valid_from: r.date("valid_from")?,
                valid_to: r.date("valid_to")?,
                file: r.text("file")?,
                codes,
            });
        }
        Ok(ScopeLists(lists))
    }

    fn rows(&self, scope: &str) -> &[ScopeRows] {
        self.0.get(scope).map(Vec::as_slice).unwrap_or_default()
    }
}

/// The chapter parts of [`SCOPES_FILE`] in the snapshot (a snapshot holding it whole has one
/// part for every chapter), each read into its [`ScopeLists`] on first use.
#[derive(Debug)]
pub struct ScopeParts(ChapterParts<ScopeLists>);

impl ScopeParts {
    /// The snapshot's scope parts, none read yet.
    pub(super) fn of(snapshot: &'static Snapshot<'static>) -> ScopeParts {
        ScopeParts(ChapterParts::of(snapshot, SCOPES_FILE, ScopeLists::read))
    }

    /// Every part, loaded or not (what a US page may need before it knows its codes).
    pub fn parts(&self) -> impl Iterator<Item = &'static Part<'static>> + '_ {
        self.0.parts()
    }

    /// The part holding the rows of a code's chapter (a code of at least two digits); `None` when
    /// no list names a code of that chapter or before it.
    pub fn part_for(&self, code: &[u8]) -> Option<&'static Part<'static>> {
        self.0.part_for(code)
    }

    /// The lists' rows of a code's chapter (`None`: no list names a code of it).
    /// `E_DATA_NOT_LOADED` naming the part while it is not attached; `E_SNAPSHOT` when the
    /// snapshot has no scope lists at all or the part is malformed.
    pub fn lists_for(&self, code: &[u8]) -> Result<Option<&ScopeLists>> {
        if self.0.is_empty() {
            return Err(missing_file());
        }
        self.0.for_code(code)
    }

    /// Reads the part `name` if it is one of the scope parts (just attached: a malformed one is
    /// an `E_SNAPSHOT` error now, not at the first quote).
    pub fn read_attached(&self, name: &str) -> Result<()> {
        self.0.read_attached(name)
    }

    /// Reads every part already here (natively: all of them), checking each.
    pub fn read_loaded(&self) -> Result<()> {
        if self.0.is_empty() {
            return Err(missing_file());
        }
        self.0.read_loaded()
    }
}

fn missing_file() -> Error {
    Error::new(ErrorCode::Snapshot, "snapshot", format!("{SCOPES_FILE} is missing from the snapshot"))
}

/// The scope lists one code can be on: the rows of its chapter in the imported lists, then the
/// hand-encoded additions (the order of the rows `files_on` names).
#[derive(Debug, Clone, Copy)]
pub struct CodeScopes<'r> {
    pub code: &'r str,
    pub(super) chapter: Option<&'r ScopeLists>,
    pub(super) extra: &'r ScopeLists,
}

impl CodeScopes<'_> {
    fn rows<'s>(&'s self, scope: &'s str) -> impl Iterator<Item = &'s ScopeRows> + 's {
        self.chapter.map(|c| c.rows(scope)).unwrap_or_default().iter().chain(self.extra.rows(scope))
    }

    /// Whether the code is in the scope list `scope` as it stands on `date`.
    pub fn in_scope(&self, scope: &str, date: Date) -> InScope {
        let mut result = InScope::No;
        for row in self.rows(scope).filter(|r| in_force(r.valid_from, r.valid_to, date)) {
            match codes_match(&row.codes, self.code) {
                InScope::Yes => return InScope::Yes,
                InScope::Maybe => result = InScope::Maybe,
                InScope::No => {}
            }
        }
        result
    }

    /// Whether the code is in any of `scopes` on `date` (yes before maybe).
    pub fn any(&self, scopes: &[&str], date: Date) -> InScope {
        let mut result = InScope::No;
        for s in scopes {
            match self.in_scope(s, date) {
                InScope::Yes => return InScope::Yes,
                InScope::Maybe => result = InScope::Maybe,
                InScope::No => {}
            }
        }
        result
    }

    /// The files of a scope list's rows in force on `date` that could name the code (its
    /// chapter's imported rows and every hand-encoded row).
    pub fn files_on(&self, scope: &str, date: Date) -> Vec<&'static str> {
        self.rows(scope).filter(|r| in_force(r.valid_from, r.valid_to, date)).map(|r| r.file).collect()
    }
}

/// Whether sorted prefixes name `code`: a prefix of it (yes), or only longer codes under it (maybe).
fn codes_match(codes: &[&str], code: &str) -> InScope {
    for n in (2..=code.len()).rev() {
        if codes.binary_search(&&code[..n]).is_ok() {
            return InScope::Yes;
        }
    }
    let i = codes.partition_point(|c| *c < code);
    if codes.get(i).is_some_and(|c| c.starts_with(code)) {
        InScope::Maybe
    } else {
        InScope::No
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scope_part_naming_a_code_outside_its_chapters_is_a_snapshot_error() {
        // A lookup reads only the part of the code's chapter: a code elsewhere would be missed.
        let text = "scope\tvalid_from\tvalid_to\tfile\tcodes\ns301:3\t\t\tx.csv\t8471 8517\n";
        let table = Tsv::parse("us_scopes.tsv:84-85", text).unwrap();
        assert!(ScopeLists::read(&table, "us_scopes.tsv:84-85", Some(84..86)).is_ok());
        let err = ScopeLists::read(&table, "us_scopes.tsv:85", Some(85..86)).unwrap_err();
        assert_eq!((err.code, err.message.contains("8471")), (ErrorCode::Snapshot, true), "{err:?}");
    }

    #[test]
    fn a_list_names_a_code_by_a_prefix_or_maybe_by_a_longer_code_under_it() {
        let codes = ["8471", "851713"];
        assert_eq!(codes_match(&codes, "8471300100"), InScope::Yes);
        assert_eq!(codes_match(&codes, "8517"), InScope::Maybe);
        assert_eq!(codes_match(&codes, "8518"), InScope::No);
    }
}
