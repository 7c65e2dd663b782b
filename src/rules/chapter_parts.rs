//! A file of the snapshot split into chapter parts (`us_scopes.tsv:58-61`, `snapshot::format`),
//! each part read once, on first use, into a value of its own (the US scope lists, the US lines'
//! suffixes and value brackets). A snapshot holding the file whole has one part for every chapter.

use super::table::Tsv;
use crate::error::Result;
use crate::snapshot::{format, not_loaded, Part, Snapshot};
use std::ops::Range;
use std::sync::OnceLock;

/// Reads one part's table; `chapters` is the range of chapters the part may hold (`None`: any).
pub(super) type ReadPart<T> = fn(&Tsv<'static>, &str, Option<Range<u8>>) -> Result<T>;

/// One chapter part: its first chapter, the part, and what it reads into (once).
#[derive(Debug)]
struct ChapterPart<T> {
    first_chapter: u8,
    part: &'static Part<'static>,
    value: OnceLock<T>,
}

/// The chapter parts of one file in the snapshot, by ascending first chapter.
#[derive(Debug)]
pub struct ChapterParts<T> {
    snapshot: &'static Snapshot<'static>,
    parts: Vec<ChapterPart<T>>,
    read_part: ReadPart<T>,
}

impl<T> ChapterParts<T> {
    /// The snapshot's parts of `file`, none read yet (a snapshot without the file has none).
    pub(super) fn of(snapshot: &'static Snapshot<'static>, file: &str, read_part: ReadPart<T>) -> Self {
        let mut parts: Vec<ChapterPart<T>> = Vec::new();
        for part in &snapshot.files {
            let first_chapter = match format::split_chapter_file_part(part.name) {
                Some((name, first)) if name == file => first,
                _ if part.name == file => 0,
                _ => continue,
            };
            // In ascending order whatever the descriptor's (the writer's is ascending).
            let at = parts.partition_point(|p| p.first_chapter <= first_chapter);
            parts.insert(at, ChapterPart { first_chapter, part, value: OnceLock::new() });
        }
        ChapterParts { snapshot, parts, read_part }
    }

    /// Whether the snapshot has no part of the file.
    pub(super) fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Every part, loaded or not (what a page may need before it knows its codes).
    pub fn parts(&self) -> impl Iterator<Item = &'static Part<'static>> + '_ {
        self.parts.iter().map(|p| p.part)
    }

    /// The part holding a code's chapter (a code of at least two digits); `None` when no part
    /// holds that chapter or one before it.
    pub fn part_for(&self, code: &[u8]) -> Option<&'static Part<'static>> {
        self.chapter_of(code).map(|i| self.parts[i].part)
    }

    fn chapter_of(&self, code: &[u8]) -> Option<usize> {
        let chapter = format::chapter(code)?;
        self.parts.partition_point(|p| p.first_chapter <= chapter).checked_sub(1)
    }

    /// What the part of a code's chapter reads into (`None`: no part holds it):
    /// `E_DATA_NOT_LOADED` naming the part while it is not attached, `E_SNAPSHOT` when it is
    /// malformed.
    pub(super) fn for_code(&self, code: &[u8]) -> Result<Option<&T>> {
        self.chapter_of(code).map(|i| self.read(i)).transpose()
    }

    /// Reads the part `name` if it is one of these (just attached: a malformed one is an
    /// `E_SNAPSHOT` error now, not at the first quote).
    pub fn read_attached(&self, name: &str) -> Result<()> {
        match self.parts.iter().position(|p| p.part.name == name) {
            Some(i) => self.read(i).map(drop),
            None => Ok(()),
        }
    }

    /// Reads every part already here (natively: all of them), checking each.
    pub(super) fn read_loaded(&self) -> Result<()> {
        (0..self.parts.len()).filter(|&i| self.parts[i].part.is_loaded()).try_for_each(|i| self.read(i).map(drop))
    }

    fn read(&self, i: usize) -> Result<&T> {
        let p = &self.parts[i];
        if let Some(value) = p.value.get() {
            return Ok(value);
        }
        if !p.part.is_loaded() {
            return Err(not_loaded(p.part));
        }
        let text = self.snapshot.require_file(p.part.name)?;
        let next = self.parts.get(i + 1).map_or(100, |n| n.first_chapter);
        let value = (self.read_part)(&Tsv::parse(p.part.name, text)?, p.part.name, Some(p.first_chapter..next))?;
        Ok(p.value.get_or_init(|| value))
    }
}
