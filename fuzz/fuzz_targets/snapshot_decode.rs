//! Any bytes as a snapshot, a descriptor or a part: rejected by the header or a hash, or decoded
//! into rows and lookups; never a panic, never a corrupted copy of the real snapshot accepted.
//!
//! The first byte picks what the rest is (every input starts from the embedded core,
//! `landed::snapshot::embedded_bytes()`):
//! - 0: a whole core blob for `Snapshot::decode` and `Engine::from_bytes`, and a part for the
//!   embedded engine's `Engine::attach_part`;
//! - 1: a one-byte corruption or a truncation of the embedded core, always rejected;
//! - 2: a descriptor (and inline-part section) given a valid hash, so that its structure is read;
//! - 3: one part of the embedded snapshot replaced by the bytes, its descriptor entry and hash
//!   rewritten, then attached with `Snapshot::attach_part` and its rows decoded and looked up.
#![no_main]
use landed::snapshot::format::{get_varint, put_varint, HASH_LEN, MAGIC, SOURCE_FIELDS};
use landed::snapshot::{embedded_bytes, Snapshot};
use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};
use std::ops::Range;
use std::sync::LazyLock;

static ENGINE: LazyLock<landed::Engine> = LazyLock::new(landed::Engine::embedded);
static CORE: LazyLock<Core> = LazyLock::new(|| Core::parse(embedded_bytes()));

/// The embedded core's descriptor and where each part's entry sits in it.
struct Core {
    descriptor: Vec<u8>,
    parts: Vec<Entry>,
}

/// A part's entry: the row count (tables' chapter parts only), the length varint, the hash.
struct Entry {
    rows: Option<Range<usize>>,
    len: Range<usize>,
    hash: usize,
}

/// A varint of the real core (always well formed), read with the snapshot's own reader.
fn varint(bytes: &[u8], pos: &mut usize) -> u64 {
    get_varint(bytes, pos).expect("the embedded core's varints are well formed")
}

impl Core {
    fn parse(core: &[u8]) -> Core {
        let mut pos = MAGIC.len();
        let len = varint(core, &mut pos) as usize;
        let descriptor = core[pos..pos + len].to_vec();
        let d = &descriptor;
        let mut p = 0;
        for _ in 0..varint(d, &mut p) {
            p += varint(d, &mut p) as usize;
        }
        for _ in 0..varint(d, &mut p) * SOURCE_FIELDS as u64 {
            varint(d, &mut p);
        }
        let mut parts = Vec::new();
        // An entry: (name, first chapter, rows) for a table's chapter part, then length, hash.
        let mut entry = |d: &[u8], p: &mut usize, chapter_part: bool| {
            varint(d, p);
            let rows = chapter_part.then(|| {
                varint(d, p);
                let start = *p;
                varint(d, p);
                start..*p
            });
            let start = *p;
            varint(d, p);
            parts.push(Entry { rows, len: start..*p, hash: *p });
            *p += HASH_LEN;
        };
        for _ in 0..varint(d, &mut p) {
            varint(d, &mut p);
            for _ in 0..varint(d, &mut p) {
                entry(d, &mut p, true);
            }
        }
        for _ in 0..varint(d, &mut p) {
            entry(d, &mut p, false);
        }
        assert_eq!(p, d.len(), "the fuzz target reads the descriptor as format.rs writes it");
        Core { descriptor, parts }
    }
}

/// A core blob: magic, length, descriptor, its hash, then `inline` as the inline-part section.
fn core_blob(descriptor: &[u8], inline: &[u8]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    put_varint(&mut out, descriptor.len() as u64);
    out.extend_from_slice(descriptor);
    let hash = Sha256::digest(&out);
    out.extend_from_slice(&hash);
    out.extend_from_slice(inline);
    out
}

/// Reads everything a decoded snapshot offers: rows, expressions, sources, lookups, files.
fn exercise<'a>(s: &'a Snapshot<'a>) {
    let date = landed::date::Date::parse("2026-03-02").unwrap();
    let code = landed::hs::HsCode::parse("6109100010").unwrap();
    for t in &s.tables {
        let _ = s.require(t);
        for row in s.rows(t).take(64) {
            let _ = (s.expression(row), s.source(row), s.description(row), row.code(), row.valid_on(date));
        }
        let _ = s.lookup(t.jurisdiction, &code, date);
    }
    for f in &s.files {
        let _ = s.file(f.name);
    }
    let _ = s.id();
}

fn whole_blob(bytes: &[u8]) {
    match Snapshot::decode(bytes) {
        Ok(s) => exercise(&s),
        // Rejected before anything is kept.
        Err(_) => assert!(landed::Engine::from_bytes(bytes.to_vec()).is_err()),
    }
    let real_part = ENGINE.snapshot().parts().any(|p| p.sha256 == <[u8; 32]>::from(Sha256::digest(bytes)));
    assert_eq!(ENGINE.attach_part(bytes.to_vec()).is_ok(), real_part);
}

fn corrupted_core(data: &[u8]) {
    let real = embedded_bytes();
    let (Some(&first), Some(&last)) = (data.first(), data.last()) else { return };
    let at = (usize::from(first) * 7919 + data.len() * 104_729) % real.len();
    let mut bytes = real.to_vec();
    bytes[at] ^= last | 1;
    assert!(Snapshot::decode(&bytes).is_err(), "a flipped byte at {at} was accepted");
    assert!(landed::Engine::from_bytes(bytes).is_err());
    assert!(Snapshot::decode(&real[..real.len() - 1 - at % 1000]).is_err());
}

fn rehashed_descriptor(data: &[u8]) {
    let Some((&cut, rest)) = data.split_first() else { return };
    let cut = usize::from(cut).min(rest.len());
    let (inline, descriptor) = rest.split_at(cut);
    let blob = core_blob(descriptor, inline);
    if let Ok(s) = Snapshot::decode(&blob) {
        exercise(&s);
    }
}

fn replaced_part(data: &[u8]) {
    if data.len() < 5 {
        return;
    }
    let core = &*CORE;
    let entry = &core.parts[usize::from(data[0]) % core.parts.len()];
    let rows_wanted = u64::from(u32::from_le_bytes([data[1], data[2], data[3], data[4]]));
    let part = &data[5..];
    let d = &core.descriptor;
    let mut descriptor = Vec::with_capacity(d.len() + 16);
    let upto = entry.rows.as_ref().map_or(entry.len.start, |r| r.start);
    descriptor.extend_from_slice(&d[..upto]);
    if entry.rows.is_some() {
        put_varint(&mut descriptor, rows_wanted.min(part.len() as u64));
    }
    put_varint(&mut descriptor, part.len() as u64);
    descriptor.extend_from_slice(&Sha256::digest(part));
    descriptor.extend_from_slice(&d[entry.hash + HASH_LEN..]);
    let blob = core_blob(&descriptor, &[0]);
    let s = Snapshot::decode(&blob).expect("a descriptor the target rebuilt decodes");
    if s.attach_part(part).is_ok() {
        exercise(&s);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    match mode % 4 {
        0 => whole_blob(rest),
        1 => corrupted_core(rest),
        2 => rehashed_descriptor(rest),
        _ => replaced_part(rest),
    }
});
