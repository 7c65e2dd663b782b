//! The datasets a snapshot's figures come from (`tariffs/rules/datasets.tsv`, joined with
//! `sources.tsv`): each dataset's publisher, edition and publication period, the tariff edition
//! in force on a date, and which edition a tariff row is cited by. What a quote makes of them
//! (the datasets it lists and the stale-data warnings) is [`crate::freshness`].

use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::provenance::Provenance;
use crate::snapshot::Snapshot;
use crate::tsv::Tsv;
use serde::Serialize;
use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a dataset provides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum DatasetKind {
    Tariff,
    /// Chapter 99 extracts read by the US additional-duty layers.
    Layers,
    Nomenclature,
    Fx,
    Vat,
    Rules,
}

/// A dataset a quote used, with its age on the quote's as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct DatasetUsed {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub id: Cow<'static, str>,
    pub kind: DatasetKind,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub publisher: Cow<'static, str>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub dataset: Cow<'static, str>,
    /// The edition (`2026-06-08`, or a month `2026-11`).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub vintage: Cow<'static, str>,
    /// Days from the vintage to the as-of date; none when the edition is newer than the as-of
    /// date (a quote dated before the edition: `newer_by_days` says by how much, never a
    /// negative age, audit-m M8).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_days: Option<i64>,
    /// Days from the as-of date to the vintage, when the edition is newer than the as-of date
    /// (the rule tables reviewed on 2026-11-26 behind a quote of 2026-11-20: 6). Such a table's
    /// rows are date-effective, so it still answers for the date; it is never stale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub newer_by_days: Option<i64>,
    /// How often the publisher issues a new edition, in days.
    pub publication_period_days: u32,
    /// True when `age_days` exceeds the publication period: a newer edition may change figures.
    pub stale: bool,
}

/// One row of `rules/datasets.tsv`, joined with its provenance in `sources.tsv` where the dataset
/// is imported (else the row's own), its vintage parsed once when the table loads.
#[derive(Debug, Clone)]
pub struct DatasetRule {
    pub id: &'static str,
    pub kind: DatasetKind,
    pub period_days: u32,
    /// Publisher, dataset, vintage (and a tariff's jurisdictions, comma-separated): the
    /// `sources.tsv` row, else the dataset row's own.
    pub source: Provenance<'static>,
    /// The vintage as a date (`None` when it is not one: such a dataset is never listed).
    pub(crate) vintage_date: Option<Date>,
    /// [`DatasetRule::vintage_date`] in days since 1970-01-01, counted once when the table loads
    /// (a quote subtracts it from its own date's count for each dataset it lists).
    pub(crate) vintage_days: Option<i64>,
}

/// The dataset table of a snapshot, joined with its provenance table.
#[derive(Debug)]
pub struct Datasets {
    pub(crate) rules: Vec<DatasetRule>,
    /// Indices of `rules` sorted by id (a quote looks several up).
    pub(crate) by_id: Vec<usize>,
    /// The longest id's length: a longer text is no id, without a search (a VAT/GST row that
    /// cites the law names no dataset, and its citation is long).
    pub(crate) longest_id: usize,
    /// Each jurisdiction's tariff editions (indices of `rules`), oldest first.
    pub(crate) tariffs: Vec<(&'static str, Vec<usize>)>,
    /// The ECB and HMRC exchange-rate datasets (indices of `rules`), if the snapshot has them.
    pub(crate) ecb: Option<usize>,
    pub(crate) hmrc: Option<usize>,
    /// The engine's own rule tables (`landed-rules`), listed by every quote.
    pub(crate) landed_rules: Option<usize>,
    /// The chapter 99 text the US additional-duty layers were read from
    /// ([`US_CHAPTER_99_RULES`]), listed by every quote to a destination with those layers.
    pub(crate) us_chapter_99: Option<usize>,
    /// The index in `rules` of the VAT/GST dataset the last quote listed: a quote checks it
    /// against its own id (the id the index names must be that text) before the search. A hint
    /// only: any value gives the same answer, so it needs no lock.
    pub(crate) last_vat: AtomicUsize,
}

impl Datasets {
    /// Parses `rules/datasets.tsv`; an unknown kind or a bad period is an error.
    pub fn load(snapshot: &'static Snapshot<'static>) -> Result<Datasets> {
        const T: &str = "rules/datasets.tsv";
        let text = snapshot
            .file(T)
            .ok_or_else(|| Error::new(ErrorCode::Snapshot, T, "the dataset table is missing from the snapshot"))?;
        let mut rules = Vec::new();
        for r in Tsv::parse(T, text)?.records() {
            let kind = match r.text("kind")? {
                "tariff" => DatasetKind::Tariff,
                "layers" => DatasetKind::Layers,
                "nomenclature" => DatasetKind::Nomenclature,
                "fx" => DatasetKind::Fx,
                "vat" => DatasetKind::Vat,
                "rules" => DatasetKind::Rules,
                other => {
                    return Err(
                        r.bad("kind", &format!("{other:?} is not tariff, layers, nomenclature, fx, vat or rules"))
                    )
                }
            };
            let period = r.text("publication_period_days")?;
            let period_days = period.parse().map_err(|_| r.bad("publication_period_days", "not a number of days"))?;
            let id = r.text("id")?;
            // `dit-ukgt-2021@EU`: one jurisdiction's table of a file that serves several, named
            // as that jurisdiction's dataset (the EU tariff read from the UK's file), its
            // publisher, dataset and vintage its own.
            let view = id.split_once('@').filter(|(_, j)| !j.is_empty());
            if let Some((file, j)) = view {
                if kind != DatasetKind::Tariff
                    || !snapshot.sources.iter().any(|s| s.id == file && s.jurisdiction.split(',').any(|x| x == j))
                {
                    return Err(r.bad("id", &format!("{id:?}: {file} is no tariff file serving {j}")));
                }
            }
            let source = match snapshot.sources.iter().find(|s| s.id == id) {
                Some(s) => s.borrowed(),
                None => Provenance {
                    id,
                    jurisdiction: view.map_or("", |(_, j)| j),
                    publisher: r.text("publisher")?,
                    dataset: Cow::Borrowed(r.text("dataset")?),
                    vintage: r.text("vintage")?,
                    ..Provenance::default()
                },
            };
            let vintage_date = vintage_date(source.vintage);
            let vintage_days = vintage_date.map(|d| d.days_since_epoch());
            rules.push(DatasetRule { id, kind, period_days, source, vintage_date, vintage_days });
        }
        for s in &snapshot.sources {
            if !rules.iter().any(|r| r.id == s.id) {
                return Err(Error::new(
                    ErrorCode::Snapshot,
                    T,
                    format!("source {} has no row (kind and period)", s.id),
                ));
            }
        }
        let mut tariffs: Vec<usize> = (0..rules.len())
            .filter(|&i| rules[i].kind == DatasetKind::Tariff && rules[i].vintage_date.is_some())
            .collect();
        crate::sort::sort_by_key(&mut tariffs, |&i| rules[i].vintage_date);
        let mut by_jurisdiction: Vec<(&'static str, Vec<usize>)> = Vec::new();
        // A file read for a jurisdiction with a view row of its own (`X@J`) is listed for J as
        // that row.
        let has_view =
            |file: &str, j: &str| rules.iter().any(|r| r.id.split_once('@').is_some_and(|(f, v)| f == file && v == j));
        for &i in &tariffs {
            for j in rules[i].source.jurisdiction.split(',') {
                if !rules[i].id.contains('@') && has_view(rules[i].id, j) {
                    continue;
                }
                match by_jurisdiction.iter_mut().find(|(name, _)| *name == j) {
                    Some((_, editions)) => editions.push(i),
                    None => by_jurisdiction.push((j, vec![i])),
                }
            }
        }
        let mut by_id: Vec<usize> = (0..rules.len()).collect();
        crate::sort::sort_by_key(&mut by_id, |&i| rules[i].id);
        let index_of = |id: &str| {
            let i = by_id.partition_point(|&i| rules[i].id < id);
            by_id.get(i).copied().filter(|&i| rules[i].id == id)
        };
        let by_publisher = |p: &str| snapshot.sources.iter().find(|s| s.publisher == p).and_then(|s| index_of(s.id));
        let (ecb, hmrc) = (by_publisher("European Central Bank"), by_publisher("HM Revenue & Customs"));
        let landed_rules = index_of("landed-rules");
        let us_chapter_99 = index_of(US_CHAPTER_99_RULES);
        let longest_id = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
        Ok(Datasets {
            rules,
            by_id,
            longest_id,
            tariffs: by_jurisdiction,
            ecb,
            hmrc,
            landed_rules,
            us_chapter_99,
            last_vat: AtomicUsize::new(usize::MAX),
        })
    }

    /// Every dataset with its age on `date`.
    pub fn all(&self, date: Date) -> Vec<DatasetUsed> {
        self.rules.iter().filter_map(|r| self.used(r.id, date)).collect()
    }

    pub(crate) fn rule(&self, id: &str) -> Option<&DatasetRule> {
        self.index_of(id).map(|i| &self.rules[i])
    }

    /// The index in `rules` of the dataset `id`.
    pub(crate) fn index_of(&self, id: &str) -> Option<usize> {
        if id.len() > self.longest_id {
            return None;
        }
        let i = self.by_id.partition_point(|&i| self.rules[i].id < id);
        self.by_id.get(i).copied().filter(|&i| self.rules[i].id == id)
    }

    /// A dataset by id with its age on `date`: provenance from `sources.tsv` where the dataset
    /// is imported, else from the dataset table itself.
    pub fn used(&self, id: &str, date: Date) -> Option<DatasetUsed> {
        self.rule(id).and_then(|rule| rule.used(date.days_since_epoch()))
    }

    /// [`Datasets::index_of`] for a VAT/GST dataset id: the last one found when `id` is it (the
    /// quotes of a process nearly always cite one VAT table), else searched and remembered.
    pub(crate) fn index_of_vat(&self, id: &str) -> Option<usize> {
        let last = self.last_vat.load(Ordering::Relaxed);
        if self.rules.get(last).is_some_and(|r| same_text(r.id, id)) {
            return Some(last);
        }
        let i = self.index_of(id)?;
        self.last_vat.store(i, Ordering::Relaxed);
        Some(i)
    }

    /// The tariff of `jurisdiction` in force on `date`: the newest edition of that table dated on
    /// or before it (a line unchanged by a later revision is confirmed by it), else the oldest.
    pub fn tariff_in_force(&self, jurisdiction: &str, date: Date) -> Option<&'static str> {
        self.tariff_edition_in_force(jurisdiction, date).map(|i| self.rules[i].id)
    }

    /// The source of the tariff of `jurisdiction` in force on `date` (a view such as
    /// `dit-ukgt-2021@EU` included: the EU table read from the UK's file, named as the EU's).
    pub fn tariff_source_in_force(&self, jurisdiction: &str, date: Date) -> Option<&Provenance<'static>> {
        self.tariff_edition_in_force(jurisdiction, date).map(|i| &self.rules[i].source)
    }

    /// [`Datasets::tariff_in_force`] as an index of `rules`.
    pub(crate) fn tariff_edition_in_force(&self, jurisdiction: &str, date: Date) -> Option<usize> {
        let (_, editions) = self.tariffs.iter().find(|(name, _)| *name == jurisdiction)?;
        // Oldest first: the editions dated on or before `date` come first.
        let dated = editions.partition_point(|&i| self.rules[i].vintage_date.is_some_and(|v| v <= date));
        editions.get(dated.saturating_sub(1)).copied()
    }
}

/// The dataset row naming the chapter 99 text (the HTSUS revision) the US additional-duty
/// layers of `rules/us_layers.tsv` were read from: a US quote dated a publication period after
/// it says that later chapter 99 changes are not in our data (`W_STALE_DATA`), while
/// `landed-rules` (the review date of the rule tables) stays current.
pub const US_CHAPTER_99_RULES: &str = "landed-rules-us-ch99";

/// `a == b`, at once when both are the same text in memory.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || a == b
}

impl DatasetRule {
    /// The dataset with its age on the day `today` (days since 1970-01-01; none when its
    /// vintage is not a date).
    pub(crate) fn used(&self, today: i64) -> Option<DatasetUsed> {
        let age_days = today - self.vintage_days?;
        Some(DatasetUsed {
            id: Cow::Borrowed(self.id),
            kind: self.kind,
            publisher: Cow::Borrowed(self.source.publisher),
            dataset: self.source.dataset.clone(),
            vintage: Cow::Borrowed(self.source.vintage),
            age_days: (age_days >= 0).then_some(age_days),
            newer_by_days: (age_days < 0).then_some(-age_days),
            publication_period_days: self.period_days,
            stale: age_days > i64::from(self.period_days),
        })
    }
}

/// A vintage as a date: `2026-06-08`, or a month `2026-11` (its first day).
pub(crate) fn vintage_date(vintage: &str) -> Option<Date> {
    Date::parse(vintage).ok().or_else(|| Date::parse(&format!("{vintage}-01")).ok())
}

/// The source a tariff row is cited by, given the edition of its table in force (`in_force`)
/// and the row's own (the edition the line first appeared in): the edition in force when it is
/// the table's own view of the row's file (the EU rates of the UK's file are the EU tariff's,
/// audit-m M8), or a newer edition of the same publisher's tariff that kept the line unchanged
/// (a US line of HTS Revision 3 on a date of Revision 10, audit-k K6); else the row's own.
/// The quote's levies and `rate` cite a row alike.
pub fn edition_of(
    in_force: Option<&'static Provenance<'static>>,
    own: &'static Provenance<'static>,
) -> &'static Provenance<'static> {
    match in_force {
        Some(s) if s.id.split_once('@').is_some_and(|(file, _)| file == own.id) => s,
        Some(s) if s.jurisdiction == own.jurisdiction && s.publisher == own.publisher && s.vintage > own.vintage => s,
        _ => own,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn us_tariff_in_force_follows_the_revisions() {
        let engine = crate::Engine::embedded();
        let datasets = engine.datasets();
        assert_eq!(datasets.tariff_in_force("US", d("2025-07-01")), Some("usitc-2025"));
        assert_eq!(datasets.tariff_in_force("US", d("2026-03-01")), Some("usitc-hts-2026-rev3"));
        assert_eq!(datasets.tariff_in_force("US", d("2026-07-01")), Some("usitc-hts-2026-rev10"));
        assert_eq!(datasets.tariff_in_force("EU", d("2026-07-01")), Some("dit-ukgt-2021@EU"));
        // Dated before every edition: the oldest; a table no edition covers: none.
        assert_eq!(datasets.tariff_in_force("US", d("2000-01-01")), Some("usitc-2025"));
        assert_eq!(datasets.tariff_in_force("ZZ", d("2026-07-01")), None);
    }

    /// The remembered VAT dataset is a hint: every id, asked in any order, after any other, gets
    /// the index the search gives (and an unknown id none).
    #[test]
    fn the_remembered_vat_dataset_never_changes_the_answer() {
        let engine = crate::Engine::embedded();
        let datasets = engine.datasets();
        let long = "x".repeat(datasets.longest_id + 1);
        let ids: Vec<&str> =
            datasets.rules.iter().map(|r| r.id).chain(["no-such-dataset", "", long.as_str()]).collect();
        for a in &ids {
            assert_eq!(datasets.index_of(a), datasets.rules.iter().position(|r| r.id == *a), "{a}");
            for b in &ids {
                assert_eq!(datasets.index_of_vat(a), datasets.index_of(a), "{a}");
                assert_eq!(datasets.index_of_vat(b), datasets.index_of(b), "{b} after {a}");
                // The same text elsewhere in memory.
                let copy = String::from(*b);
                assert_eq!(datasets.index_of_vat(copy.as_str()), datasets.index_of(b), "{b} copied");
            }
        }
    }

    #[test]
    fn a_monthly_vintage_is_its_first_day() {
        assert_eq!(vintage_date("2026-11"), Some(d("2026-11-01")));
        assert_eq!(vintage_date("2026-06-08"), Some(d("2026-06-08")));
        assert_eq!(vintage_date(""), None);
    }

    #[test]
    fn age_and_staleness_against_the_period() {
        let engine = crate::Engine::embedded();
        let hmrc = engine.datasets().used("hmrc-fx-monthly-xml", d("2026-11-10")).unwrap();
        assert_eq!((hmrc.age_days, hmrc.stale), (Some(9), false));
        let later = engine.datasets().used("hmrc-fx-monthly-xml", d("2027-01-10")).unwrap();
        assert!(later.stale, "two months past the newest monthly rates");
    }

    #[test]
    fn every_source_has_a_kind_and_period() {
        // Datasets::load refuses a snapshot whose sources lack a row; the embedded one loads.
        let engine = crate::Engine::embedded();
        for s in &engine.snapshot().sources {
            assert!(engine.datasets().rule(s.id).is_some(), "{}", s.id);
        }
    }
}
