//! How fresh the data behind a quote is: the datasets it used (publisher, dataset, vintage),
//! their age on the as-of date, and a warning for each one older than its publication period.
//!
//! The periods are data (`tariffs/rules/datasets.tsv`, documented in `tariffs/README.md`): a
//! tariff the publisher revises several times a year goes stale sooner than a nomenclature
//! revised every five years. A stale dataset does not stop the quote; it says which figures may
//! have changed since.

use crate::datasets::same_text;
pub use crate::datasets::{edition_of, DatasetKind, DatasetRule, DatasetUsed, Datasets, US_CHAPTER_99_RULES};
use crate::date::Date;
use crate::quote::{Detail, LevyKind, Quote, Warning};

impl Datasets {
    /// The datasets of a quote to a destination whose tariff table is `tariff` (if any), and a
    /// warning for each stale one; `us_layers`: the destination charges the US chapter 99
    /// additional duties (`additional_duties` = `us_chapter99`).
    pub fn for_quote(
        &'static self,
        quote: &Quote,
        tariff: Option<&str>,
        us_layers: bool,
    ) -> (Vec<DatasetUsed>, Vec<Warning>) {
        let mut warnings = Vec::new();
        let used = self.list_for_quote(quote, tariff, us_layers, &mut warnings, false);
        (used, warnings)
    }

    /// [`Datasets::for_quote`], its warnings appended to `warnings` (the quote's own: no list of
    /// its own to build and move); `old_tariff`: a stale tariff is not warned about (the quote
    /// already says `W_OLD_TARIFF`).
    pub(crate) fn list_for_quote(
        &'static self,
        quote: &Quote,
        tariff: Option<&str>,
        us_layers: bool,
        warnings: &mut Vec<Warning>,
        old_tariff: bool,
    ) -> Vec<DatasetUsed> {
        let date = quote.as_of;
        let today = date.days_since_epoch();
        let mut picked = Picked::default();
        let levies = || quote.lines.iter().flat_map(|l| l.levies.iter()).chain(&quote.levies);
        // A duty the caller gave, or one not due because the goods cross no customs border
        // (`movements.tsv`: FR → DE), uses no tariff: such a quote does not list it, nor warn
        // that it is old (audit-g G7: an FR → DE quote warned that the UK Global Tariff was).
        let tariff_used = levies().any(|l| {
            l.kind == LevyKind::Duty && !l.source.is_request() && !l.source.row().starts_with("movements.tsv#")
        });
        if let Some(i) = tariff.filter(|_| tariff_used).and_then(|t| self.tariff_edition_in_force(t, date)) {
            picked.add(i);
        }
        for fx in &quote.fx {
            let i = if fx.source.starts_with("ECB") {
                self.ecb
            } else if fx.source.starts_with("HMRC") {
                self.hmrc
            } else {
                continue;
            };
            picked.extend(i);
        }
        let mut last_vat: Option<&str> = None;
        for levy in levies().filter(|l| l.kind == LevyKind::Tax) {
            // "tariffs/vat.tsv (pwc-node-sales-tax-2025-10)": the VAT row's dataset id.
            let id = levy
                .source
                .vat_source()
                .or_else(|| levy.source.dataset.rsplit_once('(').map(|(_, id)| id.trim_end_matches(')')));
            // The lines of a cart nearly always share one VAT dataset (the same text in the
            // snapshot, so the pointers are compared first): looked up once.
            let Some(id) = id else { continue };
            if !last_vat.is_some_and(|last| same_text(last, id)) {
                last_vat = Some(id);
                picked.extend(self.index_of_vat(id));
            }
        }
        picked.extend(self.landed_rules);
        // Whatever the lines' origins: an action after the chapter 99 text read may reach any of
        // them (audit-i I1: the Section 301 duties of July 2026 on some sixty economies).
        if us_layers {
            picked.extend(self.us_chapter_99);
        }
        let mut used = Vec::with_capacity(picked.len);
        for rule in picked.iter().map(|i| &self.rules[i]) {
            if let Some(u) = rule.used(today) {
                if let Some(age_days) = u.age_days.filter(|_| u.stale && !(old_tariff && u.kind == DatasetKind::Tariff))
                {
                    warnings.push(rule.stale_warning(date, age_days));
                }
                used.push(u);
            }
        }
        used
    }
}

/// The datasets a quote used (indices of [`Datasets::rules`]), each once, in the order found;
/// inline up to a handful (a quote names three or four), spilling to a `Vec` past that.
#[derive(Default)]
struct Picked {
    first: [usize; 6],
    len: usize,
    more: Vec<usize>,
}

impl Picked {
    fn add(&mut self, i: usize) {
        if self.iter().any(|p| p == i) {
            return;
        }
        match self.first.get_mut(self.len) {
            Some(slot) => *slot = i,
            None => self.more.push(i),
        }
        self.len += 1;
    }

    fn extend(&mut self, i: Option<usize>) {
        if let Some(i) = i {
            self.add(i);
        }
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.first[..self.len.min(self.first.len())].iter().chain(&self.more).copied()
    }
}

impl DatasetRule {
    /// `W_STALE_DATA`: a newer edition may change figures (`age_days`: from the vintage to `as_of`).
    fn stale_warning(&'static self, as_of: Date, age_days: i64) -> Warning {
        Warning::new(Detail::StaleData {
            dataset: &self.source.dataset,
            publisher: self.source.publisher,
            vintage: self.source.vintage,
            age_days,
            period_days: self.period_days,
            as_of,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_lists_each_dataset_once_in_the_order_found() {
        let mut picked = Picked::default();
        for i in [3, 1, 3, 4, 5, 6, 7, 8, 1, 9, 8] {
            picked.add(i);
        }
        assert_eq!(picked.iter().collect::<Vec<_>>(), [3, 1, 4, 5, 6, 7, 8, 9]);
    }
}
