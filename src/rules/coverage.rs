//! What the engine covers for each destination, with the source and date of each part.

use super::{in_force, DutyBasis, Rules, TaxBasis};
use crate::date::Date;
use crate::provenance::Confidence;
use crate::request::VatClass;
use crate::snapshot::Snapshot;
use serde::Serialize;

/// Coverage of one destination on a date.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct Coverage {
    pub country: &'static str,
    pub name: &'static str,
    pub currency: String,
    pub tariff: TariffCoverage,
    pub value_basis: BasisCoverage,
    pub vat: Option<VatCoverage>,
    pub thresholds: Vec<Item>,
    pub fees: Vec<Item>,
    pub fx: &'static str,
}

/// The tariff used for duty.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct TariffCoverage {
    /// `US`, `GB`, `EU`, or none (duty from the caller's `duty_rate`).
    pub table: Option<&'static str>,
    pub source: String,
    pub vintage: String,
}

/// Value bases.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct BasisCoverage {
    pub duty: DutyBasis,
    pub tax: TaxBasis,
    pub source: &'static str,
    pub confidence: Confidence,
}

/// VAT/GST rates.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct VatCoverage {
    pub standard: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reduced: Option<String>,
    pub source: &'static str,
}

/// A threshold or fee row.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct Item {
    pub id: &'static str,
    pub summary: String,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub source: &'static str,
    pub confidence: Confidence,
}

impl Rules {
    /// Coverage of every supported destination on `date`.
    pub fn coverage(&self, snapshot: &'static Snapshot<'static>, date: Date) -> Vec<Coverage> {
        let mut out = Vec::new();
        for j in self.jurisdictions.iter().filter(|j| in_force(j.valid_from, j.valid_to, date)) {
            let tariff = match j.tariff.and_then(|t| snapshot.table(t)) {
                Some(t) => {
                    let src = snapshot.rows(t).next().map(|r| snapshot.source(r));
                    TariffCoverage {
                        table: Some(t.jurisdiction),
                        source: src.map(|s| format!("{}: {}", s.publisher, s.dataset)).unwrap_or_default(),
                        vintage: src.map(|s| s.vintage.to_string()).unwrap_or_default(),
                    }
                }
                None => match self.duty_free(j.country, date) {
                    Some(row) => TariffCoverage {
                        table: None,
                        source: format!(
                            "no duty outside the goods of HS {} ({}); on those, duty from the line's duty_rate",
                            row.dutiable.join(", "),
                            row.source.row()
                        ),
                        vintage: String::new(),
                    },
                    None => TariffCoverage {
                        table: None,
                        source: "no official tariff file available: duty from the line's duty_rate".into(),
                        vintage: String::new(),
                    },
                },
            };
            let standard = self.vat_rate(j.country, None, VatClass::Standard, date);
            let reduced = self.vat_rate(j.country, None, VatClass::Reduced, date);
            let vat = match (j.tax_basis, standard) {
                (TaxBasis::None, _) | (_, None) => None,
                (_, Some(s)) => Some(VatCoverage {
                    standard: format!("{}%", s.percent.normalize()),
                    reduced: reduced
                        .filter(|r| r.percent != s.percent)
                        .map(|r| format!("{}% ({})", r.percent.normalize(), r.kind)),
                    source: s.source.id,
                }),
            };
            // As a quote finds them: a country's own row replacing its group's.
            let thresholds = self
                .thresholds_naming(j.country, date)
                .map(|t| Item {
                    id: t.id,
                    summary: format!(
                        "{:?} {} {} {} {} ({:?}{}{}{}{}{}{})",
                        t.effect,
                        [("duty", t.duty), ("tax", t.tax), ("fees", t.fees)]
                            .iter()
                            .filter(|(_, on)| *on)
                            .map(|(n, _)| *n)
                            .collect::<Vec<_>>()
                            .join("+"),
                        if t.strictly_below { "below" } else { "at or below" },
                        t.amount,
                        t.currency,
                        t.basis,
                        if t.aggregation == super::Aggregation::Item { ", each item" } else { "" },
                        if t.ship_from.is_empty() {
                            String::new()
                        } else {
                            format!(", from {}", t.ship_from.join("/"))
                        },
                        if t.origins.is_empty() {
                            String::new()
                        } else {
                            format!(", goods of {}", t.origins.join("/"))
                        },
                        if t.exclude_origins.is_empty() {
                            String::new()
                        } else {
                            format!(", not for goods of {}", t.exclude_origins.join("/"))
                        },
                        if t.exclude_ship_from.is_empty() {
                            String::new()
                        } else {
                            format!(", not from {}", t.exclude_ship_from.join("/"))
                        },
                        match t.buyer {
                            super::Buyer::Any => "",
                            super::Buyer::Consumer => ", consumers only",
                            super::Buyer::Business => ", business buyers only",
                            super::Buyer::Gift => ", gifts between private individuals only",
                        }
                    )
                    .to_ascii_lowercase(),
                    valid_from: t.valid_from,
                    valid_to: t.valid_to,
                    source: t.source.publisher,
                    confidence: t.source.confidence,
                })
                .collect();
            let fees = self
                .fees
                .iter()
                .filter(|f| f.country == j.country && in_force(f.valid_from, f.valid_to, date))
                .map(|f| Item {
                    id: f.id,
                    summary: fee_summary(f),
                    valid_from: f.valid_from,
                    valid_to: f.valid_to,
                    source: f.source.publisher,
                    confidence: f.source.confidence,
                })
                .collect();
            out.push(Coverage {
                country: j.country,
                name: j.name,
                currency: j.currency.to_string(),
                tariff,
                value_basis: BasisCoverage {
                    duty: j.duty_basis,
                    tax: j.tax_basis,
                    source: j.source.publisher,
                    confidence: j.source.confidence,
                },
                vat,
                thresholds,
                fees,
                fx: j.fx_method.describe(),
            });
        }
        out
    }
}

/// A fee row in a few words: its figures, and the channels it is limited to.
fn fee_summary(f: &super::Fee) -> String {
    let figures = match (f.kind, f.percent) {
        (super::FeeKind::Unknown, _) => format!("{} not known for this period", f.name),
        (super::FeeKind::Expected, _) => format!("{} expected, not known for this period", f.name),
        (super::FeeKind::Exempt, _) => format!("{} exempt", f.name),
        (_, Some(p)) => format!(
            "{} {}% min {} max {} {}",
            f.name,
            p.normalize(),
            f.min.unwrap_or_default(),
            f.max.unwrap_or_default(),
            f.currency
        ),
        (_, None) => format!("{} flat {} {}", f.name, f.amount.unwrap_or_default(), f.currency),
    };
    if f.channels.is_empty() {
        return figures;
    }
    let named =
        |c: &crate::request::Channel| super::CHANNEL_NAMES.iter().find(|(_, n)| *n == Some(*c)).map_or("", |(n, _)| *n);
    let channels: Vec<&str> = f.channels.iter().map(named).collect();
    format!("{figures} (by {})", channels.join("/"))
}

#[cfg(test)]
mod tests {
    use crate::date::Date;

    /// docs/rules.md#thresholds: coverage lists a destination's thresholds as a quote finds them,
    /// a country's own row in place of its group's. GB on 2019-05-01: the UK's GBP 15 relief
    /// (not for goods from the Channel Islands), not the EU's EUR 22 option; Germany keeps it.
    #[test]
    fn coverage_lists_a_countrys_own_threshold_in_place_of_its_groups() {
        let engine = crate::Engine::embedded();
        let on = Date::parse("2019-05-01").unwrap();
        let coverage = engine.rules().coverage(engine.snapshot(), on);
        let ids = |country: &str| -> Vec<(&str, String)> {
            let c = coverage.iter().find(|c| c.country == country).expect("listed");
            c.thresholds.iter().map(|t| (t.id, t.summary.clone())).collect()
        };
        let gb = ids("GB");
        assert_eq!(
            gb.iter().map(|t| t.0).collect::<Vec<_>>(),
            ["eu-duty-relief-150", "gb-lvcr-15-ci", "eu-gift-duty-45", "eu-gift-vat-45", "eu-gift-duty-flat-700"]
        );
        assert!(gb[1].1.contains("not from je/gg"), "{}", gb[1].1);
        assert!(ids("DE").iter().any(|t| t.0 == "eu-vat-relief-22"));
    }
}
