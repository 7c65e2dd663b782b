//! The rule rows a quote reads that depend only on its destination, day, channel and place of
//! shipment: the candidate thresholds, the fee rows, the rounding steps and the rows its stated
//! assumptions name. Quotes for the same key read the same rows, so they are looked up once per
//! engine for each key and shared. Owned by the [`Engine`] (like the VAT memo); bounded, and
//! behind a lock (an engine is `Send + Sync`).

use super::*;
use crate::request::Channel;
use crate::rules::{Fee, Territory};
use std::sync::{Arc, Mutex};

/// At most this many keys are kept; past it the memo starts again (a process quoting for more
/// destinations and days than this pays the look-ups, as without a memo).
const CAPACITY: usize = 64;

/// The rows of one key, in the order the stages read them (file order).
#[derive(Debug, PartialEq)]
pub(super) struct DayRules {
    /// [`Rules::thresholds`]: in force, naming the destination or a group it is in, for the
    /// channel and the place of shipment.
    pub(super) thresholds: Vec<&'static Threshold>,
    /// [`Rules::fees`]: the destination's fee rows in force.
    pub(super) fees: Vec<&'static Fee>,
    /// The destination's rounding step for each [`RoundingTarget`].
    pub(super) rounding: [Option<&'static Rounding>; ROUNDING_TARGETS],
    /// The territory row whose assumption a quote states, if the destination is one.
    pub(super) territory: Option<&'static Territory>,
    /// The subdivisions whose border tax differs (HST provinces, ICMS states), in force: sorted,
    /// each once.
    pub(super) tax_subdivisions: Vec<&'static str>,
    /// The thresholds for the channel limited to shipments from some countries (not applied
    /// without `ship_from`).
    pub(super) ship_from_thresholds: Vec<&'static str>,
    /// The rows of `rules/vat_classes.tsv` for the destination on the day (its own, or its
    /// groups'), by chapter.
    pub(super) vat_classes: crate::rules::vat_classes::ByChapter<'static>,
    /// [`Rules::excises_on`]: the destination's excise rows in force (a line keeps those that
    /// cover its code).
    pub(super) excises: Vec<&'static crate::rules::Excise>,
    /// The HS chapters `excises` cover (bit `n` for chapter `n`): a line outside them reads no
    /// row (most lines of a cart: ~300 instructions a line of a GB cart).
    pub(super) excise_chapters: u128,
    /// [`Rules::trade_remedies_on`]: the destination's trade remedies in force (a line keeps
    /// those that touch its goods). Looked up per line, they cost ~5,500 instructions a line
    /// once a measure listed every chapter (Canada's 2025 surtax on US goods).
    pub(super) remedies: crate::rules::trade_remedies::DayRemedies<'static>,
    /// [`Rules::returned_goods`]: the destination's returned-goods relief in force, which a quote
    /// whose lines' origin is the destination's own names (a scan of the rows and their groups,
    /// ~700 instructions, once per quote before it was kept here).
    pub(super) returned_goods: Option<&'static crate::rules::returned_goods::ReturnedGoods>,
    /// True when a threshold or fee of the destination on the day is limited to some channels:
    /// a request that does not give `channel` is then told the one assumed.
    pub(super) channel_matters: bool,
    /// True when a row of `rules/duty_free.tsv` by origin reaches the destination on the day
    /// ([`Rules::origin_rows_reach`]): without one, no line's origin is looked up in them (a scan
    /// of the rows and their groups per line, ~260 instructions a line of a GB cart).
    pub(super) origin_rows: bool,
    /// The answers of [`DayRules::class_of`] so far, by code.
    classes: ClassMemo,
}

/// Number of codes whose VAT class row a [`DayRules`] keeps (a power of two).
const CLASS_SLOTS: usize = 64;

/// The VAT class row (or none) of each code [`DayRules::class_of`] read, by the code ([`HsCode::key`]):
/// a quote's lines read their class here, not in the rows (~400 instructions a line:
/// BENCHMARKS.md "speed-k"). Not part of what a `DayRules` is: equal whatever it holds.
#[derive(Default)]
struct ClassMemo(super::tariff_memo::Slots<u128, Option<&'static crate::rules::vat_classes::VatClassRow>, CLASS_SLOTS>);

impl PartialEq for ClassMemo {
    fn eq(&self, _: &ClassMemo) -> bool {
        true
    }
}

impl std::fmt::Debug for ClassMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClassMemo")
    }
}

impl DayRules {
    /// What the day's rows of `rules/vat_classes.tsv` say of goods of `code`
    /// ([`crate::rules::vat_classes::class_of`]): remembered when it is one row or none (a code
    /// spanning rows' edges, rare, is read each time).
    pub(super) fn class_of(&self, code: &HsCode) -> Option<crate::rules::vat_classes::ClassOf<'static>> {
        use crate::rules::vat_classes::ClassOf;
        type Memo =
            super::tariff_memo::Slots<u128, Option<&'static crate::rules::vat_classes::VatClassRow>, CLASS_SLOTS>;
        let key = code.key();
        let at = Memo::slot_of(key as u64 ^ (key >> 64) as u64);
        if let Some(row) = self.classes.0.get(at, &key) {
            return row.map(ClassOf::Row);
        }
        let found = crate::rules::vat_classes::class_of(&self.vat_classes, code);
        match &found {
            None => self.classes.0.put(at, key, None),
            Some(ClassOf::Row(row)) => self.classes.0.put(at, key, Some(*row)),
            Some(ClassOf::Wider(_)) => {}
        }
        found
    }
}

impl DayRules {
    /// The rows for a key, looked up in the rule tables.
    fn look_up(rules: &'static Rules, key: &Key) -> DayRules {
        let (dest, date) = (key.destination, key.date);
        let mut tax_subdivisions: Vec<&'static str> = rules
            .vat_of(dest)
            .iter()
            .filter(|v| {
                matches!(v.kind, VatKind::Hst | VatKind::Icms | VatKind::PstBorder)
                    && in_force(v.valid_from, v.valid_to, date)
            })
            .map(|v| v.subdivision)
            .collect();
        crate::sort::sort_unstable(&mut tax_subdivisions);
        tax_subdivisions.dedup();
        let fees = rules.fees(dest, date);
        let channel_matters = rules.thresholds_naming(dest, date).any(|t| t.channel.is_some())
            || fees.iter().any(|f| !f.channels.is_empty());
        let excises = rules.excises_on(dest, date);
        DayRules {
            vat_classes: crate::rules::vat_classes::ByChapter::of(&rules.vat_classes_on(dest, date)),
            excise_chapters: crate::rules::excise::chapters(excises.iter().copied()),
            excises,
            remedies: rules.trade_remedies_on(dest, date),
            returned_goods: rules.returned_goods(dest, date),
            thresholds: rules.thresholds(dest, date, key.channel, key.ship_from.as_deref()).collect(),
            fees,
            rounding: rounding_steps(rules, dest, date),
            territory: rules.territory(dest, date),
            tax_subdivisions,
            ship_from_thresholds: rules
                .ship_from_thresholds_naming(dest, date)
                .filter(|t| t.channel.is_none_or(|c| c == key.channel))
                .map(|t| t.id)
                .collect(),
            channel_matters,
            origin_rows: rules.origin_rows_reach(dest, date),
            classes: ClassMemo::default(),
        }
    }
}

/// What the rows depend on: the whole input of their look-ups.
#[derive(Debug)]
struct Key {
    /// The destination as the rule tables spell it (a jurisdiction row's country).
    destination: &'static str,
    date: Date,
    channel: Channel,
    /// Upper case.
    ship_from: Option<Box<str>>,
}

impl Key {
    fn is(&self, destination: &str, date: Date, channel: Channel, ship_from: Option<&str>) -> bool {
        self.date == date
            && self.channel == channel
            && self.destination == destination
            && match (&self.ship_from, ship_from) {
                (None, None) => true,
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => false,
            }
    }
}

/// The rows by key.
#[derive(Debug, Default)]
pub(crate) struct DayRulesMemo {
    entries: Mutex<Vec<(Key, Arc<DayRules>)>>,
}

impl DayRulesMemo {
    /// Forgets every key (the engine's rules were read again: `Engine::attach_part`).
    pub(crate) fn clear(&self) {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// The rows a quote to `destination` (a jurisdiction row's country) on `date` by `channel`,
    /// shipped from `ship_from` (any case), reads: remembered, else looked up and remembered.
    pub(super) fn get(
        &self,
        rules: &'static Rules,
        destination: &'static str,
        date: Date,
        channel: Channel,
        ship_from: Option<&str>,
    ) -> Arc<DayRules> {
        // A poisoned lock only means another thread panicked mid-insert: the entries are whole.
        let lock = || self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, rows)) = lock().iter().find(|(k, _)| k.is(destination, date, channel, ship_from)) {
            return Arc::clone(rows);
        }
        let key = Key { destination, date, channel, ship_from: ship_from.map(|s| s.to_ascii_uppercase().into()) };
        let rows = Arc::new(DayRules::look_up(rules, &key));
        let mut entries = lock();
        if entries.len() >= CAPACITY {
            entries.clear();
        }
        entries.push((key, Arc::clone(&rows)));
        rows
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.lock().map_or(0, |e| e.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Remembered rows are the rows the tables give, for every input (destination, group member,
    /// territory, subdivision country, day, channel, place of shipment in any case), and each
    /// key is looked up once.
    #[test]
    fn remembered_day_rules_equal_the_tables_rows_for_every_input() {
        let memo = DayRulesMemo::default();
        let rules = crate::Engine::embedded().rules();
        let day = |d: &str| Date::parse(d).unwrap();
        let inputs = [
            ("GB", day("2026-03-02"), Channel::Post, None),
            ("GB", day("2026-03-02"), Channel::Courier, None),
            ("DE", day("2026-03-02"), Channel::Post, None),
            ("DE", day("2019-03-02"), Channel::Post, None),
            ("XI", day("2026-03-02"), Channel::Post, Some("gb")),
            ("CA", day("2026-03-02"), Channel::Courier, Some("US")),
            ("US", day("2026-03-02"), Channel::Post, Some("CN")),
            ("BR", day("2026-03-02"), Channel::Post, None),
            ("JP", day("2026-03-02"), Channel::Post, None),
        ];
        for _ in 0..2 {
            for (dest, date, channel, ship_from) in inputs {
                let key = Key {
                    destination: dest,
                    date,
                    channel,
                    ship_from: ship_from.map(|s| s.to_ascii_uppercase().into()),
                };
                let fresh = DayRules::look_up(rules, &key);
                assert_eq!(*memo.get(rules, dest, date, channel, ship_from), fresh, "{dest} {date} {ship_from:?}");
            }
        }
        assert_eq!(memo.len(), inputs.len());
        // "gb" and "GB" are one key.
        memo.get(rules, "XI", day("2026-03-02"), Channel::Post, Some("GB"));
        assert_eq!(memo.len(), inputs.len());
    }

    /// The rows differ where the tables do: the memo does not hand one key's rows to another.
    #[test]
    fn day_rules_of_different_keys_are_kept_apart() {
        let memo = DayRulesMemo::default();
        let rules = crate::Engine::embedded().rules();
        let date = Date::parse("2026-03-02").unwrap();
        let gb = memo.get(rules, "GB", date, Channel::Post, None);
        let us = memo.get(rules, "US", date, Channel::Post, None);
        assert!(gb.thresholds.iter().all(|t| t.country != "US"));
        assert!(us.thresholds.iter().all(|t| t.country != "GB"));
        assert!(!gb.thresholds.is_empty());
    }

    /// A code's VAT class as remembered is the rows' answer, for codes the rows settle, codes
    /// no row covers and codes wider than the rows' prefixes (not kept), in several
    /// destinations, the first time and the next; more codes than slots replace each other.
    #[test]
    fn a_remembered_vat_class_equals_the_rows_answer() {
        use crate::rules::vat_classes::{class_of, ClassOf};
        let memo = DayRulesMemo::default();
        let rules = crate::Engine::embedded().rules();
        let date = Date::parse("2026-03-02").unwrap();
        let id = |c: &Option<ClassOf<'static>>| match c {
            None => vec![],
            Some(ClassOf::Row(r)) => vec![r.id],
            Some(ClassOf::Wider(rs)) => rs.iter().map(|r| r.id).collect(),
        };
        let mut codes: Vec<String> =
            ["6109100010", "4901990000", "2007993300", "2204210900", "19", "0401", "8471300000"]
                .iter()
                .map(|c| c.to_string())
                .collect();
        codes.extend((0..2 * CLASS_SLOTS).map(|i| format!("{:02}{:02}", 1 + i % 97, i % 100)));
        for dest in ["GB", "DE", "AU", "CA", "JP"] {
            let day = memo.get(rules, dest, date, Channel::Post, None);
            let mut kinds = [0usize; 3];
            for _ in 0..2 {
                for code in &codes {
                    let code = HsCode::parse(code).unwrap();
                    let fresh = class_of(&day.vat_classes, &code);
                    kinds[match &fresh {
                        None => 0,
                        Some(ClassOf::Row(_)) => 1,
                        Some(ClassOf::Wider(_)) => 2,
                    }] += 1;
                    assert_eq!(id(&day.class_of(&code)), id(&fresh), "{dest} {code:?}");
                }
            }
            if dest == "GB" {
                assert!(kinds.iter().all(|k| *k > 0), "GB: none, a row and a wider code each: {kinds:?}");
            }
        }
    }

    /// An engine (and so its memo) can be shared between threads.
    #[test]
    fn the_day_rules_memo_is_send_and_sync() {
        fn shared<T: Send + Sync>() {}
        shared::<DayRulesMemo>();
        shared::<crate::Engine>();
    }
}
