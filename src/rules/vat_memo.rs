//! The VAT/GST rates an engine has looked up, by their inputs: a quote asks for the same
//! destination, subdivision, class and day as the quotes before it, so the rows are searched
//! once per key, not once per quote. Owned by the [`Rules`](super::Rules) (so by one engine);
//! bounded, and behind a lock (an engine is `Send + Sync`).

use super::VatRate;
use crate::date::Date;
use crate::request::VatClass;
use std::sync::{Arc, Mutex};

/// At most this many keys are kept; past it the memo starts again (a process quoting for more
/// destinations and days than this pays the look-up, as without a memo).
const CAPACITY: usize = 64;

/// What [`Rules::vat_rate`](super::Rules::vat_rate) reads: its whole input.
#[derive(Debug)]
struct Key {
    country: Box<str>,
    subdivision: Option<Box<str>>,
    class: VatClass,
    date: Date,
}

impl Key {
    fn is(&self, country: &str, subdivision: Option<&str>, class: VatClass, date: Date) -> bool {
        self.date == date
            && self.class == class
            && *self.country == *country
            && self.subdivision.as_deref() == subdivision
    }
}

/// Rates by their look-up's inputs.
#[derive(Debug, Default)]
pub(super) struct VatMemo {
    /// Shared: a quote holds the rate it read without copying the row.
    entries: Mutex<Vec<(Key, Option<Arc<VatRate>>)>>,
}

impl VatMemo {
    /// The remembered rate for these inputs, else `look_up()`'s, remembered.
    pub(super) fn get_or(
        &self,
        country: &str,
        subdivision: Option<&str>,
        class: VatClass,
        date: Date,
        look_up: impl FnOnce() -> Option<VatRate>,
    ) -> Option<Arc<VatRate>> {
        // A poisoned lock only means another thread panicked mid-insert: the entries are whole.
        let lock = || self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, rate)) = lock().iter().find(|(k, _)| k.is(country, subdivision, class, date)) {
            return rate.clone();
        }
        let rate = look_up().map(Arc::new);
        let mut entries = lock();
        if entries.len() >= CAPACITY {
            entries.clear();
        }
        let key = Key { country: country.into(), subdivision: subdivision.map(Into::into), class, date };
        entries.push((key, rate.clone()));
        rate
    }

    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.entries.lock().map_or(0, |e| e.len())
    }
}

#[cfg(test)]
mod tests {
    use crate::date::Date;
    use crate::request::VatClass;

    /// A remembered rate is the rate the rows give, for every input (country, territory,
    /// subdivision, class, day), and each input is looked up once.
    #[test]
    fn a_remembered_vat_rate_equals_the_rows_rate_for_every_input() {
        let engine = crate::Engine::embedded();
        let rules = engine.rules();
        let day = |d: &str| Date::parse(d).unwrap();
        let inputs = [
            ("GB", None, VatClass::Standard, day("2026-03-02")),
            ("XI", None, VatClass::Standard, day("2026-03-02")),
            ("DE", None, VatClass::Reduced, day("2026-03-02")),
            ("DE", None, VatClass::Reduced, day("2019-03-02")),
            ("CA", Some("ON"), VatClass::Standard, day("2026-03-02")),
            ("CA", Some("BC"), VatClass::Zero, day("2026-03-02")),
            ("BR", Some("SP"), VatClass::Standard, day("2026-03-02")),
            ("ZZ", None, VatClass::Standard, day("2026-03-02")),
        ];
        let before = rules.vat_memo.len();
        for _ in 0..2 {
            for (country, sub, class, date) in inputs {
                let rows = rules.find_vat_rate(country, sub, class, date);
                assert_eq!(rules.vat_rate(country, sub, class, date), rows, "{country} {sub:?} {class:?} {date}");
            }
        }
        // Other tests share the embedded engine: at least these inputs are kept, each once.
        assert!(rules.vat_memo.len() >= (before + inputs.len()).min(super::CAPACITY));
    }

    /// An engine (and so its memo) can be shared between threads.
    #[test]
    fn an_engine_is_send_and_sync() {
        fn shared<T: Send + Sync>() {}
        shared::<crate::Engine>();
        shared::<super::VatMemo>();
    }
}
