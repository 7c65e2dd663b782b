//! Pricing a request: allocation of shipment charges, per-line levies with their base, rate,
//! formula and source, and totals. A line that cannot be priced says why; the rest of the
//! cart is still priced.

use crate::allocation::{allocate, AllocationKey};
use crate::date::Date;
use crate::duty::{DutyExpr, DutyInput, Unpriced};
use crate::error::{Error, ErrorCode, Result};
use crate::fx::{FxTable, FxUsed};
use crate::hs::HsCode;
use crate::money::{Currency, RoundingPolicy};
use crate::request::{Incoterm, LineRequest, QuoteRequest};
use crate::snapshot::{Match, Snapshot};
use crate::units::{measure_for_key, Dimension, Measure, Quantities};
use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;

/// A complete quote: every figure with how it was reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// Content hash of the tariff snapshot used.
    pub snapshot_id: String,
    pub as_of: Date,
    pub destination: String,
    pub currency: Currency,
    pub incoterm: Incoterm,
    pub rounding: RoundingPolicy,
    pub allocation: AllocationKey,
    /// Exchange rates used, with their sources.
    pub fx: Vec<FxUsed>,
    pub lines: Vec<LineQuote>,
    /// Shipment-level levies (fees per entry, per-consignment duties).
    pub levies: Vec<Levy>,
    pub totals: Totals,
    pub warnings: Vec<Warning>,
}

/// Whether a line was priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineStatus {
    /// Every levy priced.
    Priced,
    /// Some levies priced, some not (the total is a lower bound).
    Partial,
    /// No levy could be priced.
    NotPriced,
}

/// One line of a quote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineQuote {
    pub id: String,
    pub status: LineStatus,
    /// Why the line is not fully priced, and what input would fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<Unpriced>,
    pub code: String,
    pub goods_value: Decimal,
    pub shipping: Decimal,
    pub insurance: Decimal,
    pub customs_value: Decimal,
    pub levies: Vec<Levy>,
}

/// What kind of charge a levy is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LevyKind {
    Duty,
    AdditionalDuty,
    Tax,
    Excise,
    Fee,
}

/// Where a rate comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub publisher: String,
    pub dataset: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub vintage: String,
}

impl Source {
    /// A rate the caller supplied in the request.
    pub fn request(field: &str) -> Source {
        Source { publisher: "caller".into(), dataset: format!("request {field}"), vintage: String::new() }
    }
}

/// One charge on a line or a shipment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Levy {
    pub kind: LevyKind,
    pub name: String,
    /// The amount the rate is applied to, and how it was built.
    pub base: Decimal,
    pub base_note: String,
    /// The rate as published.
    pub rate: String,
    /// Absent when the levy could not be priced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    /// When not priced: the part of a compound rate that could be priced (a lower bound).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partial_amount: Option<Decimal>,
    pub formula: String,
    pub source: Source,
}

/// Sums over priced lines and shipment levies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Totals {
    pub goods: Decimal,
    pub shipping: Decimal,
    pub insurance: Decimal,
    /// Duty including additional duties.
    pub duty: Decimal,
    pub tax: Decimal,
    pub fees: Decimal,
    /// Everything the buyer pays at checkout (DDP: goods, transport, duty, tax, fees).
    pub landed: Decimal,
    /// Duty, tax and fees due on delivery (DAP); zero under DDP.
    pub due_on_delivery: Decimal,
    /// False when a line is partial or not priced: totals then leave those levies out.
    pub complete: bool,
}

/// Something the reader of a quote should know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub code: String,
    pub message: String,
}

/// Quotes a request against the embedded snapshot. Duty comes from the destination's tariff, or
/// from a line's `duty_rate` where the snapshot has no tariff for the destination.
pub fn quote(req: &QuoteRequest) -> Result<Quote> {
    req.validate()?;
    let currency = req.currency;
    let fx = FxTable::from_request(&req.fx)?;
    let dp = currency.minor_units();

    let goods: Vec<Decimal> = req.lines.iter().map(|l| l.quantity * l.unit_price).collect();
    let keys = allocation_keys(req)?;
    let shipping = allocate(req.shipping, &keys, dp).map_err(|e| e.within("shipping"))?;
    let insurance = allocate(req.insurance, &keys, dp).map_err(|e| e.within("insurance"))?;

    let snapshot = Snapshot::embedded();
    let mut fx_used: Vec<FxUsed> = Vec::new();
    let mut warnings: Vec<Warning> = Vec::new();
    let lines: Vec<LineQuote> = req
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            price_line(req, line, goods[i], shipping[i], insurance[i], &fx, snapshot, &mut fx_used, &mut warnings)
        })
        .collect::<Result<_>>()?;

    let totals = totals(req, &lines, &[]);
    Ok(Quote {
        snapshot_id: snapshot.id(),
        as_of: req.date,
        destination: req.destination.to_ascii_uppercase(),
        currency,
        incoterm: req.incoterm,
        rounding: req.rounding,
        allocation: req.allocation,
        fx: fx_used,
        lines,
        levies: Vec::new(),
        totals,
        warnings,
    })
}

/// The allocation key of each line; a missing key on a line is an error naming it.
fn allocation_keys(req: &QuoteRequest) -> Result<Vec<Decimal>> {
    req.lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let missing = |f: &str| {
                Error::new(
                    ErrorCode::MissingField,
                    format!("lines[{i}].{f}"),
                    format!("allocation by {f} needs {f} on every line"),
                )
            };
            Ok(match req.allocation {
                AllocationKey::Value => l.quantity * l.unit_price,
                AllocationKey::Quantity => l.quantity,
                AllocationKey::Weight => l.weight_kg.ok_or_else(|| missing("weight_kg"))?,
                AllocationKey::Volume => l.volume_l.ok_or_else(|| missing("volume_l"))?,
            })
        })
        .collect()
}

/// The quantities a line declares, in base units.
pub fn line_quantities(line: &LineRequest) -> Result<Quantities> {
    let mut q = Quantities::new();
    q.set(Measure::net(Dimension::Count), line.quantity);
    if let Some(w) = line.weight_kg {
        q.set(Measure::net(Dimension::Mass), w);
    }
    if let Some(v) = line.volume_l {
        q.set(Measure::net(Dimension::Volume), v);
    }
    q.alcohol_pct = line.alcohol_pct;
    for (key, amount) in &line.units {
        let (measure, factor) = measure_for_key(key)?;
        q.set(measure, *amount * factor);
    }
    Ok(q)
}

/// Where a line's duty rate comes from.
struct DutyRate<'s> {
    expr: Cow<'s, DutyExpr>,
    text: String,
    name: String,
    source: Source,
}

/// The duty rate for a line: the snapshot's tariff for the destination, else the caller's
/// `duty_rate`, else the reason there is none.
fn duty_rate<'s>(
    req: &QuoteRequest,
    line: &LineRequest,
    code: &HsCode,
    snapshot: &'s Snapshot<'s>,
    warnings: &mut Vec<Warning>,
) -> std::result::Result<DutyRate<'s>, String> {
    let destination = req.destination.to_ascii_uppercase();
    match snapshot.lookup(&destination, code, req.date) {
        Ok(found) => {
            let first = &found.lines[0];
            let same_rate = found.lines.iter().all(|l| l.row.mfn == first.row.mfn);
            if found.kind == Match::Partial && !same_rate {
                let range = match (found.min_percent, found.max_percent) {
                    (Some(lo), Some(hi)) => format!(" (ad valorem {}% to {}%)", lo.normalize(), hi.normalize()),
                    _ => String::new(),
                };
                return Err(format!(
                    "code {code} covers {} {} tariff lines with different duties{range}: give the full national code",
                    found.lines.len(),
                    found.jurisdiction
                ));
            }
            if line.duty_rate.is_some() {
                warnings.push(Warning {
                    code: "W_DUTY_RATE_IGNORED".into(),
                    message: format!(
                        "line {}: duty_rate is ignored because the {} tariff has code {}",
                        line.id, found.jurisdiction, found.matched_code
                    ),
                });
            }
            let src = snapshot.source(&first.row);
            let vintage = Date::parse(src.vintage).ok();
            let old = vintage.filter(|v| req.date.days_since_epoch() - v.days_since_epoch() > 365);
            if let Some(v) = old.filter(|_| !warnings.iter().any(|w| w.code == "W_OLD_TARIFF")) {
                warnings.push(Warning {
                    code: "W_OLD_TARIFF".into(),
                    message: format!(
                        "the {} tariff used is of {v}, more than a year before the as-of date {}",
                        found.jurisdiction, req.date
                    ),
                });
            }
            let matched = match found.kind {
                Match::Partial => format!("{} lines under {}", found.lines.len(), found.matched_code),
                _ => found.matched_code.clone(),
            };
            Ok(DutyRate {
                expr: Cow::Borrowed(first.expression),
                text: first.row.mfn.to_string(),
                name: format!("Customs duty {} {}", found.jurisdiction, matched),
                source: Source {
                    publisher: src.publisher.into(),
                    dataset: src.dataset.into(),
                    vintage: src.vintage.into(),
                },
            })
        }
        Err(e) => match &line.duty_rate {
            Some(rate) => Ok(DutyRate {
                expr: Cow::Owned(DutyExpr::parse(rate)),
                text: rate.clone(),
                name: "Customs duty (caller-supplied rate)".into(),
                source: Source::request(&format!("lines[{}].duty_rate", line.id)),
            }),
            None if e.code == ErrorCode::NoTariff => {
                Err(format!("the snapshot has no tariff for {destination}: supply duty_rate for this line"))
            }
            None => Err(format!("{}: supply a valid code or duty_rate", e.message)),
        },
    }
}

#[allow(clippy::too_many_arguments)]
fn price_line(
    req: &QuoteRequest,
    line: &LineRequest,
    goods: Decimal,
    shipping: Decimal,
    insurance: Decimal,
    fx: &FxTable,
    snapshot: &'static Snapshot<'static>,
    fx_used: &mut Vec<FxUsed>,
    warnings: &mut Vec<Warning>,
) -> Result<LineQuote> {
    let code = HsCode::parse(&line.code).map_err(|e| e.within(&format!("lines[{}]", line.id)))?;
    let customs_value = goods + shipping + insurance;
    let quantities = line_quantities(line)?;
    let components: Vec<(String, Decimal)> = line.components.iter().map(|(k, v)| (k.clone(), *v)).collect();
    let mut levies = Vec::new();
    let mut missing = Vec::new();
    let mut reasons = Vec::new();

    match duty_rate(req, line, &code, snapshot, warnings) {
        Ok(rate) => {
            let rates: Vec<(Currency, Decimal)> = foreign_currencies(&rate.expr)
                .into_iter()
                .filter_map(|c| {
                    let used = fx.rate(c, req.currency)?;
                    let r = used.rate;
                    if c != req.currency && !fx_used.iter().any(|u| u.pair == used.pair) {
                        fx_used.push(used);
                    }
                    Some((c, r))
                })
                .collect();
            let input = DutyInput {
                value: customs_value,
                currency: req.currency,
                quantities: &quantities,
                components: &components,
                date: Some(req.date),
                fx: &rates,
                base_duty: None,
                rounding: req.rounding,
            };
            let r = rate.expr.evaluate(&input);
            if !r.priceable {
                reasons.extend(r.unpriced.iter().map(Unpriced::message));
                missing.extend(r.unpriced.iter().cloned());
            }
            levies.push(Levy {
                kind: LevyKind::Duty,
                name: rate.name,
                base: customs_value,
                base_note: format!("goods {goods} + shipping {shipping} + insurance {insurance} (CIF)"),
                rate: rate.text,
                amount: r.amount.map(|a| req.rounding.round_line(r.exact.unwrap_or(a), req.currency)),
                partial_amount: r.partial_amount,
                formula: r.formula,
                source: rate.source,
            });
        }
        Err(reason) => reasons.push(reason),
    }
    let priced = levies.iter().filter(|l| l.amount.is_some() || l.partial_amount.is_some()).count();
    let status = if reasons.is_empty() {
        LineStatus::Priced
    } else if priced > 0 {
        LineStatus::Partial
    } else {
        LineStatus::NotPriced
    };
    Ok(LineQuote {
        id: line.id.clone(),
        status,
        reason: (!reasons.is_empty()).then(|| reasons.join("; ")),
        missing,
        code: code.to_string(),
        goods_value: goods,
        shipping,
        insurance,
        customs_value,
        levies,
    })
}

/// Currencies of specific duties in an expression.
fn foreign_currencies(expr: &DutyExpr) -> Vec<Currency> {
    let mut out = Vec::new();
    fn walk(e: &DutyExpr, out: &mut Vec<Currency>) {
        match e {
            DutyExpr::Specific(s) => {
                if !out.contains(&s.currency) {
                    out.push(s.currency)
                }
            }
            DutyExpr::Sum { terms } => terms.iter().for_each(|t| walk(t, out)),
            DutyExpr::AtLeast { expr, floor: other } | DutyExpr::AtMost { expr, cap: other } => {
                walk(expr, out);
                walk(other, out);
            }
            DutyExpr::Seasonal { seasons } => seasons.iter().for_each(|s| walk(&s.expr, out)),
            DutyExpr::Subheading { plus, minus } => {
                plus.iter().chain(minus.iter()).for_each(|e| walk(e, out));
            }
            DutyExpr::Free { .. } | DutyExpr::AdValorem { .. } | DutyExpr::NotPriceable { .. } => {}
        }
    }
    walk(expr, &mut out);
    out
}

/// Totals of the priced levies. A line's levies that were not priced add nothing and make the
/// totals incomplete.
fn totals(req: &QuoteRequest, lines: &[LineQuote], shipment: &[Levy]) -> Totals {
    let sum = |f: fn(&LineQuote) -> Decimal| lines.iter().map(f).sum::<Decimal>();
    let goods = sum(|l| l.goods_value);
    let by_kind = |kinds: &[LevyKind]| {
        lines
            .iter()
            .flat_map(|l| l.levies.iter())
            .chain(shipment.iter())
            .filter(|l| kinds.contains(&l.kind))
            .filter_map(|l| l.amount)
            .sum::<Decimal>()
    };
    let round = |a: Decimal| req.rounding.round(a, req.currency);
    let duty = round(by_kind(&[LevyKind::Duty, LevyKind::AdditionalDuty]));
    let tax = round(by_kind(&[LevyKind::Tax, LevyKind::Excise]));
    let fees = round(by_kind(&[LevyKind::Fee]));
    let charges = duty + tax + fees;
    let transport = req.shipping + req.insurance;
    let (landed, due) = match req.incoterm {
        Incoterm::Ddp => (goods + transport + charges, Decimal::ZERO),
        Incoterm::Dap => (goods + transport, charges),
    };
    Totals {
        goods: round(goods),
        shipping: round(req.shipping),
        insurance: round(req.insurance),
        duty,
        tax,
        fees,
        landed: round(landed),
        due_on_delivery: round(due),
        complete: lines.iter().all(|l| l.status == LineStatus::Priced),
    }
}
