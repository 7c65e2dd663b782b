//! The tariff line a quote found for a code, by tariff, code and day: a shop quotes the same
//! goods again and again, so the look-up (the table by name, the code's chapter part, binary
//! searches for the code and each shorter prefix, the rows in force: ~800 instructions a line,
//! BENCHMARKS.md "speed-k") is done once per key, as the VAT rates (`rules::vat_memo`) and the
//! day's rule rows ([`super::DayRulesMemo`]) are. Owned by the [`Engine`]; bounded (a fixed
//! table of slots, a key in the slot its hash names: a new key takes the slot of an older one),
//! and behind a lock (an engine is `Send + Sync`).
//!
//! Only a result of one tariff line reached without the HS 2022 → HS 2017 correlation is kept
//! (nearly every line; the others are looked up each time): an error is never kept (a chapter
//! part not attached yet is one until the page attaches it), and the rows a result borrows live
//! as long as the engine's snapshot, whose parts are only ever added, never replaced.

use crate::date::Date;
use crate::error::Result;
use crate::hs::HsCode;
use crate::snapshot::{Found, FoundOne, Snapshot};
use std::sync::Mutex;

/// Number of slots (a power of two): a process quoting more codes, tariffs and days at once than
/// this pays the look-up for some of them, as without a memo.
const SLOTS: usize = 256;

/// One remembered look-up's whole input: the tariff, the code ([`HsCode::key`]), the day.
#[derive(Clone, Copy, Eq)]
struct Key {
    tariff: &'static str,
    code: u128,
    date: Date,
}

/// The fields compared cheapest first: the code and the day (integers) decide nearly every
/// slot, the tariff's name (a call of `memcmp`) is compared last.
impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.code == other.code && self.date == other.date && self.tariff == other.tariff
    }
}

/// Look-ups by their inputs.
#[derive(Default)]
pub(crate) struct TariffMemo {
    slots: Slots<Key, FoundOne<'static>, SLOTS>,
}

/// A fixed table of slots, each holding one key and its value, behind a lock: the memos of a
/// quote's look-ups by code. A key is kept in the slot its hash names ([`Slots::slot_of`]), replacing
/// the key there: bounded (`N`, a power of two), with no scan and no clearing.
pub(super) struct Slots<K, V, const N: usize> {
    /// Empty until the first value is kept, then `N` slots.
    slots: Mutex<Vec<Option<(K, V)>>>,
}

impl<K, V, const N: usize> Default for Slots<K, V, N> {
    fn default() -> Self {
        Slots { slots: Mutex::new(Vec::new()) }
    }
}

impl<K: Copy + Eq, V: Copy, const N: usize> Slots<K, V, N> {
    /// The slot of a key made of `mixed` (its parts mixed into 64 bits): the top bits of its
    /// product with a 64-bit odd constant.
    pub(super) fn slot_of(mixed: u64) -> usize {
        (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - N.trailing_zeros())) as usize
    }

    /// The value kept for `key` in slot `at`, if it is there.
    pub(super) fn get(&self, at: usize, key: &K) -> Option<V> {
        // A poisoned lock only means another thread panicked mid-insert: the slots are whole.
        let slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        // Only the value is copied out, and only when the key is the one kept.
        slots.get(at).and_then(Option::as_ref).filter(|(k, _)| k == key).map(|(_, v)| *v)
    }

    /// Keeps `value` for `key` in slot `at` (`at` below `N`: [`Slots::slot_of`]).
    pub(super) fn put(&self, at: usize, key: K, value: V) {
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        if slots.is_empty() {
            slots.resize(N, None);
        }
        slots[at] = Some((key, value));
    }

    #[cfg(test)]
    pub(super) fn kept(&self) -> usize {
        self.slots.lock().map_or(0, |s| s.iter().flatten().count())
    }
}

impl TariffMemo {
    /// [`Snapshot::find_in`] of `code` in the tariff `tariff` (a jurisdiction row's `tariff`, as
    /// a quote reads it: its own destination) on `date`: remembered, else looked up and, when it
    /// is one line found without the correlation, remembered.
    pub(super) fn find(
        &self,
        snapshot: &'static Snapshot<'static>,
        tariff: &'static str,
        code: &HsCode,
        date: Date,
    ) -> Result<Found<'static>> {
        let key = Key { tariff, code: code.key(), date };
        // The key's parts mixed: the code's two halves, the day's fields, the tariff's name.
        let name = tariff.bytes().fold(0u64, |h, b| h.rotate_left(8) ^ u64::from(b));
        let day = (date.year() as u64) << 9 | u64::from(date.month()) << 5 | u64::from(date.day());
        let mixed = key.code as u64 ^ (key.code >> 64) as u64 ^ day.rotate_left(40) ^ name.rotate_left(20);
        let at = Slots::<Key, FoundOne<'static>, SLOTS>::slot_of(mixed);
        if let Some(one) = self.slots.get(at, &key) {
            return Ok(one.into());
        }
        let found = snapshot.find_in(tariff, tariff, code, date)?;
        if let Some(one) = found.one() {
            self.slots.put(at, key, one);
        }
        Ok(found)
    }

    #[cfg(test)]
    fn kept(&self) -> usize {
        self.slots.kept()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::snapshot::Match;

    /// What a test compares of a look-up: the table, the kind of match, the rows and duties
    /// found (by address: the very rows), whether through the correlation; or the error.
    #[allow(clippy::type_complexity)]
    fn summary(
        f: &Result<Found<'static>>,
    ) -> std::result::Result<(&'static str, Match, Vec<(usize, usize)>, bool), (ErrorCode, String)> {
        match f {
            Ok(f) => Ok((
                f.table.jurisdiction,
                f.kind,
                f.lines.iter().map(|l| (l.row as *const _ as usize, l.expression as *const _ as usize)).collect(),
                f.via_correlation.is_some(),
            )),
            Err(e) => Err((e.code, e.message.clone())),
        }
    }

    /// What the memo gives is what the look-up gives, for every input (tariffs, exact, prefix
    /// and partial codes, a correlated HS 2022 code, days across a change of rows, an unknown
    /// code, a day before the tables), the first time and the next; only results of one line
    /// found without the correlation are kept.
    #[test]
    fn a_remembered_tariff_line_equals_the_look_up_for_every_input() {
        let engine = crate::Engine::embedded();
        let snapshot = engine.snapshot();
        let memo = TariffMemo::default();
        let day = |d: &str| Date::parse(d).unwrap();
        let inputs = [
            ("GB", "6109100010", day("2026-03-02")),
            ("GB", "61091000", day("2026-03-02")),
            ("GB", "6109", day("2026-03-02")),
            ("GB", "2204210900", day("2026-03-02")),
            ("GB", "2204210900", day("2021-03-02")),
            ("EU", "6109100010", day("2026-03-02")),
            ("EU", "850760", day("2026-03-02")),
            ("US", "6109100012", day("2026-03-02")),
            ("US", "6109100012", day("2025-03-02")),
            ("US", "8471300100", day("2026-03-02")),
            ("JP", "610910", day("2026-03-02")),
            ("GB", "0000000000", day("2026-03-02")),
            ("GB", "6109100010", day("1990-01-01")),
        ];
        for round in 0..2 {
            for (tariff, code, date) in inputs {
                let code = HsCode::parse(code).unwrap();
                let fresh = snapshot.find_in(tariff, tariff, &code, date);
                let remembered = memo.find(snapshot, tariff, &code, date);
                assert_eq!(summary(&remembered), summary(&fresh), "{tariff} {code:?} {date} (round {round})");
            }
        }
        let one = inputs
            .iter()
            .filter(|(t, c, d)| {
                snapshot.find_in(t, t, &HsCode::parse(c).unwrap(), *d).ok().and_then(|f| f.one()).is_some()
            })
            .count();
        assert!(one > 0 && one < inputs.len() && memo.kept() <= one, "{} kept, {one} of one line", memo.kept());
    }

    /// Keys that share a slot replace each other, and a look-up after that is still right.
    #[test]
    fn a_slot_taken_by_another_key_gives_that_keys_line() {
        let engine = crate::Engine::embedded();
        let snapshot = engine.snapshot();
        let memo = TariffMemo::default();
        let date = Date::parse("2026-03-02").unwrap();
        let codes: Vec<HsCode> = (0..2 * SLOTS).map(|i| HsCode::parse(&format!("6109{i:06}")).unwrap()).collect();
        for _ in 0..2 {
            for code in &codes {
                let fresh = snapshot.find_in("GB", "GB", code, date);
                assert_eq!(summary(&memo.find(snapshot, "GB", code, date)), summary(&fresh), "{code:?}");
            }
        }
        assert!(memo.kept() <= SLOTS);
    }
}
