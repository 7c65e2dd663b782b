//! Pricing a request: conversion to the destination's customs currency, allocation of shipment
//! charges, thresholds, per-line duty (tariff, caller rate, US additional duties), VAT/GST on
//! value plus duty, fees, and totals. A line that cannot be priced says why; the rest of the cart
//! is still priced.

use crate::allocation::{allocate, AllocationKey};
use crate::date::Date;
use crate::duty::{DutyExpr, DutyInput, Unpriced};
use crate::error::{Error, ErrorCode, Result};
use crate::fx::{EmbeddedFx, FxTable, FxUsed};
use crate::hs::HsCode;
use crate::money::{format_grouped, Currency, RoundingPolicy};
use crate::request::{Incoterm, LineRequest, QuoteRequest, SimplifiedRegime, VatClass};
use crate::rules::taxes::{PartBasis, RoundingTarget};
use crate::rules::us::{special_rates, Layer, LayerBasis, RateKind};
use crate::rules::{
    in_force, Aggregation, DutyBasis, EntryKind, FeeKind, Jurisdiction, Rules, Scheme, TaxBasis, TaxMethod, Threshold,
    ThresholdBasis, ThresholdEffect,
};
use crate::snapshot::{Match, Snapshot};
use crate::units::{measure_for_key, Dimension, Measure, Quantities};
use crate::Engine;
use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;

/// A complete quote: every figure with how it was reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Quote {
    /// Content hash of the tariff and rules snapshot used.
    pub snapshot_id: String,
    pub as_of: Date,
    pub destination: String,
    /// The destination's customs currency: every amount below is in it.
    pub currency: Currency,
    /// The currency the request's amounts were given in.
    pub request_currency: Currency,
    pub incoterm: Incoterm,
    pub rounding: RoundingPolicy,
    pub allocation: AllocationKey,
    /// How the duty and tax bases are built for this destination, and the law.
    pub value_basis: ValueBasis,
    /// Exchange rates used, with their sources.
    pub fx: Vec<FxUsed>,
    /// Thresholds considered for the consignment and whether they applied.
    pub thresholds: Vec<ThresholdCheck>,
    pub lines: Vec<LineQuote>,
    /// Shipment-level levies (fees per entry).
    pub levies: Vec<Levy>,
    pub totals: Totals,
    /// Totals in the requested display currency (informational).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<Display>,
    pub warnings: Vec<Warning>,
    /// The datasets behind the figures (tariff, exchange rates, VAT, rules) with their vintage
    /// and age on the as-of date.
    pub datasets: Vec<crate::freshness::DatasetUsed>,
}

/// The destination's value bases.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct ValueBasis {
    pub duty: DutyBasis,
    pub tax: TaxBasis,
    pub tax_method: TaxMethod,
    pub source: String,
}

/// A threshold and its outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct ThresholdCheck {
    pub id: String,
    pub effect: ThresholdEffect,
    pub limit: String,
    /// The consignment's value as compared, in the threshold's currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
    pub applies: bool,
    /// Why a threshold within its amount still did not apply (origin, item value), or what
    /// applying it assumes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub source: String,
}

/// Totals converted for display.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Display {
    pub currency: Currency,
    pub fx: FxUsed,
    pub landed: Decimal,
    pub due_on_delivery: Decimal,
    pub policy: String,
}

/// Whether a line was priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum LineStatus {
    /// Every levy priced.
    Priced,
    /// Some levies priced, some not, or a range (the totals use the low end).
    Partial,
    /// No levy could be priced.
    NotPriced,
}

/// One line of a quote.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct LineQuote {
    pub id: String,
    pub status: LineStatus,
    /// Why the line is not fully priced, and what input would fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<Unpriced>,
    pub code: String,
    /// The published tariff line used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// Goods value in the customs currency.
    pub goods_value: Decimal,
    pub shipping: Decimal,
    pub insurance: Decimal,
    /// The value duty is charged on (CIF or FOB per destination).
    pub customs_value: Decimal,
    pub levies: Vec<Levy>,
    /// Additional-duty layers that matched but were not charged, with the reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub excluded: Vec<Excluded>,
    /// Preference claims the line may qualify for; never applied silently.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Alternative>,
    /// For a partial code whose lines differ: the cheapest and dearest line's levies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<Range>,
}

/// A layer that was not charged.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Excluded {
    pub name: String,
    pub ch99: String,
    pub reason: String,
    pub source: String,
}

/// A preference the line may claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Alternative {
    pub program: String,
    pub name: String,
    pub rate: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duty: Option<Decimal>,
    /// What the claim saves on the column 1 rate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saving: Option<Decimal>,
    /// Additional duties (chapter 99 layers) a valid claim also removes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub waived: Vec<Waived>,
    /// The full saving: the column 1 saving plus every waived layer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_saving: Option<Decimal>,
    pub note: String,
}

/// An additional duty a preference claim removes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Waived {
    pub name: String,
    pub ch99: String,
    pub amount: Decimal,
}

/// The spread of levies across the national lines under a partial code.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Range {
    pub lines: usize,
    pub min_code: String,
    pub min_levies: Decimal,
    pub max_code: String,
    pub max_levies: Decimal,
}

/// What kind of charge a levy is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum LevyKind {
    Duty,
    AdditionalDuty,
    Tax,
    Excise,
    Fee,
}

/// Where a rate comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
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

    /// A row of the embedded rule tables.
    pub fn rule(row: &str, law: &str) -> Source {
        Source { publisher: law.into(), dataset: format!("tariffs/rules/{row}"), vintage: String::new() }
    }
}

/// One charge on a line or a shipment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
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
    /// When not priced: the part that could be priced (a lower bound).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partial_amount: Option<Decimal>,
    pub formula: String,
    pub source: Source,
}

/// Sums over priced lines and shipment levies.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Totals {
    pub goods: Decimal,
    pub shipping: Decimal,
    pub insurance: Decimal,
    /// Duty including additional duties.
    pub duty: Decimal,
    pub tax: Decimal,
    pub fees: Decimal,
    /// Tax the seller collects at the sale under a low-value scheme (GB ≤ £135, IOSS, AU/NZ
    /// GST, VOEC, …): part of the checkout price under DAP and DDP alike.
    pub collected_at_sale: Decimal,
    /// The threshold row that made the seller collect it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collected_at_sale_rule: Option<String>,
    /// Everything the buyer pays at checkout (DDP: goods, transport, duty, tax, fees; DAP: goods,
    /// transport and any tax collected at the sale).
    pub landed: Decimal,
    /// Duty, tax and fees due on delivery (DAP); zero under DDP.
    pub due_on_delivery: Decimal,
    /// What the buyer pays in all: checkout plus delivery (compare DAP with DDP on this).
    pub buyer_total: Decimal,
    /// With partial codes: the landed total at the dearest line under each.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub landed_max: Option<Decimal>,
    /// False when a line is partial or not priced.
    pub complete: bool,
    /// True when the totals are lower bounds: an incomplete line's levies count only for the
    /// part known ("at least"), and the levies not priced add nothing.
    pub at_least: bool,
}

/// Something the reader of a quote should know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Warning {
    pub code: String,
    pub message: String,
}

/// Shared state while pricing one request.
struct Ctx<'q> {
    req: &'q QuoteRequest,
    fx: &'static EmbeddedFx,
    destination: String,
    j: &'static Jurisdiction,
    rules: &'static Rules,
    snapshot: &'static Snapshot<'static>,
    overrides: FxTable,
    fx_used: Vec<FxUsed>,
    warnings: Vec<Warning>,
    /// VAT/GST rate per class, looked up once per request.
    vat_cache: Vec<(VatClass, Option<crate::rules::VatRate>)>,
    subdivision: Option<String>,
    /// Whose customs exchange rates apply (a territory uses its country's: XI → GB).
    fx_destination: String,
}

impl Ctx<'_> {
    fn warn(&mut self, code: &str, message: String) {
        if !self.warnings.iter().any(|w| w.code == code && w.message == message) {
            self.warnings.push(Warning { code: code.into(), message });
        }
    }

    /// Units of `to` for one `from`: the request's override, else the customs rate the
    /// destination's law prescribes from the embedded tables.
    fn rate(&mut self, from: Currency, to: Currency) -> Option<Decimal> {
        if from == to {
            return Some(Decimal::ONE);
        }
        let used = match self.overrides.rate(from, to) {
            Some(u) => u,
            None => {
                let r = self.fx.customs_rate(&self.fx_destination, from, to, self.req.date)?;
                if let Some(reason) = &r.fallback {
                    self.warn("W_FX_FALLBACK", reason.clone());
                }
                let age = self.req.date.days_since_epoch() - r.rate_date.days_since_epoch();
                if age > 45 {
                    self.warn(
                        "W_STALE_FX",
                        format!(
                            "the newest embedded {from}/{to} rate is of {}, {age} days before the as-of date: pass fx {{\"{from}/{to}\": \"…\"}} for the rate of the day",
                            r.rate_date
                        ),
                    );
                }
                r.used
            }
        };
        let rate = used.rate;
        if !self.fx_used.iter().any(|u| u.pair == used.pair) {
            self.fx_used.push(used);
        }
        Some(rate)
    }

    fn round(&self, amount: Decimal) -> Decimal {
        self.req.rounding.round(amount, self.j.currency)
    }

    /// A line's levy amount: the destination's own rounding rule where it has one (Japan drops
    /// fractions of a yen), else the request's policy.
    fn round_line(&self, amount: Decimal) -> Decimal {
        match self.rules.taxes.rounding(&self.destination, RoundingTarget::LineAmount, self.req.date) {
            Some(r) => r.apply(amount),
            None => self.req.rounding.round_line(amount, self.j.currency),
        }
    }

    /// `amount` rounded by the destination's rounding step for `target`, if it has one.
    fn step(&self, target: RoundingTarget, amount: Decimal) -> Decimal {
        let rules: &'static Rules = self.rules;
        rules.taxes.rounding(&self.destination, target, self.req.date).map_or(amount, |r| r.apply(amount))
    }

    fn note_verify(&mut self, row: &str, confidence: &str) {
        if confidence == "verify" {
            self.warn("W_VERIFY", format!("{row} comes from a secondary source and is marked [verify]"));
        }
    }
}

/// Consignment-level outcome of the thresholds.
#[derive(Default)]
struct Relief {
    duty: Option<&'static Threshold>,
    tax: Option<&'static Threshold>,
    fees: Option<&'static Threshold>,
    seller_collects: Option<&'static Threshold>,
    flat_duty: Option<&'static Threshold>,
    min_collectible: Option<&'static Threshold>,
}

/// A line with its values in the customs currency.
struct LineValues {
    goods: Decimal,
    shipping: Decimal,
    insurance: Decimal,
}

impl LineValues {
    fn cif(&self) -> Decimal {
        self.goods + self.shipping + self.insurance
    }
}

/// Quotes a request against an engine's snapshot and rules (see [`Engine::quote`]).
pub fn quote(engine: &Engine, req: &QuoteRequest) -> Result<Quote> {
    req.validate()?;
    let rules = engine.rules();
    let destination = req.destination.to_ascii_uppercase();
    let j = rules.jurisdiction(&destination, req.date)?;
    let mut ctx = Ctx {
        req,
        fx: engine.fx(),
        destination: destination.clone(),
        j,
        rules,
        snapshot: engine.snapshot(),
        overrides: FxTable::from_request(&req.fx)?,
        fx_used: Vec::new(),
        warnings: Vec::new(),
        vat_cache: Vec::new(),
        subdivision: req.subdivision.as_deref().map(str::to_ascii_uppercase),
        fx_destination: rules.territory(&destination, req.date).map_or(destination.clone(), |t| t.fx_of.to_string()),
    };
    ctx.note_verify(&j.source.row, j.source.confidence);
    check_assumptions(&mut ctx)?;
    let currency = j.currency;
    let dp = currency.minor_units();
    let to_customs = ctx.rate(req.currency, currency).ok_or_else(|| {
        Error::new(
            ErrorCode::FxRate,
            "fx",
            format!(
                "no exchange rate {}/{currency} for {}: give it as fx {{\"{}/{currency}\": \"…\"}}",
                req.currency, req.date, req.currency
            ),
        )
    })?;
    let convert = |a: Decimal| crate::money::round_to(a * to_customs, dp, req.rounding.mode);

    let goods: Vec<Decimal> = req.lines.iter().map(|l| convert(l.quantity * l.unit_price)).collect();
    let keys = allocation_keys(req, &goods)?;
    let shipping_total = convert(req.shipping);
    let insurance_total = convert(req.insurance);
    let shipping = allocate(shipping_total, &keys, dp).map_err(|e| e.within("shipping"))?;
    let insurance = allocate(insurance_total, &keys, dp).map_err(|e| e.within("insurance"))?;
    let values: Vec<LineValues> = (0..req.lines.len())
        .map(|i| LineValues { goods: goods[i], shipping: shipping[i], insurance: insurance[i] })
        .collect();

    let (relief, checks) = thresholds(&mut ctx, &values)?;
    let flat_shares = flat_duty_shares(&mut ctx, &relief, &values)?;

    let mut lines = Vec::with_capacity(req.lines.len());
    let mut landed_extra = Decimal::ZERO;
    for (i, line) in req.lines.iter().enumerate() {
        let (q, extra) = price_line(&mut ctx, line, &values[i], &relief, flat_shares.get(i).cloned().flatten())?;
        landed_extra += extra;
        lines.push(q);
    }
    apply_min_collectible(&mut ctx, &relief, &mut lines);
    let levies = fees(&mut ctx, &relief, &values, &lines);
    let mut totals = totals(&ctx, &relief, &lines, &levies, shipping_total, insurance_total);
    if lines.iter().any(|l| l.range.is_some()) {
        totals.landed_max = Some(totals.landed + landed_extra);
    }
    let display = match req.display_currency {
        Some(dc) if dc != currency => {
            let r = ctx.fx.ecb_daily(currency, dc, req.date).map(|r| r.used);
            r.map(|fx| Display {
                currency: dc,
                landed: crate::money::round_to(totals.landed * fx.rate, dc.minor_units(), req.rounding.mode),
                due_on_delivery: crate::money::round_to(totals.due_on_delivery * fx.rate, dc.minor_units(), req.rounding.mode),
                fx,
                policy: "display only: ECB reference rate on or before the as-of date; customs figures stay in the customs currency".into(),
            })
        }
        _ => None,
    };
    if req.display_currency.is_some_and(|dc| dc != currency) && display.is_none() {
        ctx.warn("W_DISPLAY_FX", "no display rate for the requested display currency".into());
    }
    Ok(Quote {
        snapshot_id: ctx.snapshot.id(),
        as_of: req.date,
        destination,
        currency,
        request_currency: req.currency,
        incoterm: req.incoterm,
        rounding: req.rounding,
        allocation: req.allocation,
        value_basis: ValueBasis {
            duty: j.duty_basis,
            tax: j.tax_basis,
            tax_method: j.tax_method,
            source: j.source.source.to_string(),
        },
        fx: ctx.fx_used,
        thresholds: checks,
        lines,
        levies,
        totals,
        display,
        warnings: ctx.warnings,
        datasets: Vec::new(),
    })
    .map(|q| with_datasets(engine, q, j.tariff))
}

/// Names the datasets the quote used with their age on its date, and warns for stale ones
/// (`W_STALE_DATA`; a tariff already reported by `W_OLD_TARIFF` is not reported twice).
fn with_datasets(engine: &Engine, mut q: Quote, tariff: Option<&str>) -> Quote {
    let (datasets, warnings) = engine.datasets().for_quote(&q, tariff);
    let old_tariff = q.warnings.iter().any(|w| w.code == "W_OLD_TARIFF");
    for (u, w) in datasets.iter().filter(|u| u.stale).zip(warnings) {
        if !(old_tariff && u.kind == crate::freshness::DatasetKind::Tariff) {
            q.warnings.push(w);
        }
    }
    q.datasets = datasets;
    q
}

/// The allocation key of each line; a missing key on a line is an error naming it.
fn allocation_keys(req: &QuoteRequest, goods: &[Decimal]) -> Result<Vec<Decimal>> {
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
                AllocationKey::Value => goods[i],
                AllocationKey::Quantity => l.quantity,
                AllocationKey::Weight => l.weight_kg.ok_or_else(|| missing("weight_kg"))?,
                AllocationKey::Volume => l.volume_l.ok_or_else(|| missing("volume_l"))?,
            })
        })
        .collect()
}

/// Inputs the law needs that the request left out: a typed error naming the field, or the
/// assumption the quote makes, stated in its warnings; never a silent default.
fn check_assumptions(ctx: &mut Ctx<'_>) -> Result<()> {
    let (req, rules, date) = (ctx.req, ctx.rules, ctx.req.date);
    let dest = ctx.destination.clone();
    if let Some(i) = req.lines.iter().position(|l| l.vat_class == VatClass::Reduced) {
        if ctx.j.tax_basis != TaxBasis::None && !rules.has_reduced_rate(&dest, date) {
            return Err(Error::new(
                ErrorCode::InvalidField,
                format!("lines[{i}].vat_class"),
                format!(
                    "no reduced VAT/GST rate is known for {dest} on {date}: give vat_class standard, zero or exempt"
                ),
            ));
        }
    }
    if let Some(t) = rules.territory(&dest, date) {
        ctx.warn("W_TERRITORY", format!("{} ({})", t.assumption, t.source.source));
    }
    // Border taxes that differ by province or state (Canada's HST, Brazil's ICMS).
    let mut parts: Vec<&str> = rules
        .vat
        .iter()
        .filter(|v| v.country == dest && matches!(v.kind, "hst" | "icms") && in_force(v.valid_from, v.valid_to, date))
        .map(|v| v.subdivision)
        .collect();
    parts.dedup();
    let registrant_pays_federal_only = dest == "CA" && req.business_buyer;
    if ctx.subdivision.is_none() && !parts.is_empty() && !registrant_pays_federal_only {
        ctx.warn(
            "W_ASSUMED_SUBDIVISION",
            format!(
                "subdivision not given: {dest}'s import tax differs by province or state ({} have their own rate); this quote charges only the national rate: give subdivision",
                parts.join(", ")
            ),
        );
    }
    if req.ship_from.is_none() {
        let eu = crate::snapshot::EU_MEMBERS.contains(&dest.as_str());
        let keyed: Vec<&str> = rules
            .thresholds
            .iter()
            .filter(|t| (t.country == dest || (eu && t.country == "EU")) && !t.ship_from.is_empty())
            .filter(|t| in_force(t.valid_from, t.valid_to, date) && t.channel.is_none_or(|c| c == req.channel))
            .map(|t| t.id)
            .collect();
        if !keyed.is_empty() {
            ctx.warn(
                "W_ASSUMED_SHIP_FROM",
                format!(
                    "ship_from not given: thresholds that depend on the place of direct shipment ({}) are not applied: give ship_from",
                    keyed.join(", ")
                ),
            );
        }
    }
    Ok(())
}

/// The consignment's values a threshold can compare, in the customs currency.
struct ConsignmentValues {
    intrinsic: Decimal,
    customs: Decimal,
    /// The dearest single item (one unit of a line), for per-item thresholds.
    dearest_item: Decimal,
}

fn consignment_values(ctx: &Ctx<'_>, values: &[LineValues]) -> ConsignmentValues {
    let customs_value = |v: &LineValues| match ctx.j.duty_basis {
        DutyBasis::Cif => v.cif(),
        DutyBasis::Fob => v.goods,
    };
    ConsignmentValues {
        intrinsic: values.iter().map(|v| v.goods).sum(),
        customs: values.iter().map(customs_value).sum(),
        dearest_item: values
            .iter()
            .zip(&ctx.req.lines)
            .map(|(v, l)| if l.quantity > Decimal::ZERO { v.goods / l.quantity } else { v.goods })
            .max()
            .unwrap_or_default(),
    }
}

/// Why a threshold limited by origin or by kind of goods does not apply to this cart, if it
/// does not: every line must qualify.
fn eligibility_bar(ctx: &Ctx<'_>, t: &Threshold) -> Option<String> {
    for line in &ctx.req.lines {
        let digits: String = line.code.chars().filter(char::is_ascii_digit).collect();
        if let Some(prefix) = t.exclude_codes.iter().find(|p| digits.starts_with(*p)) {
            return Some(format!("not for goods of HS {prefix} (line {}, code {})", line.id, line.code));
        }
        if t.origins.is_empty() && t.exclude_origins.is_empty() {
            continue;
        }
        let Some(origin) = line.origin.as_deref().or(ctx.req.origin.as_deref()).map(str::to_ascii_uppercase) else {
            return Some(format!("needs the origin of every line (line {} has none): give origin", line.id));
        };
        let excluded = t.exclude_origins.contains(&origin.as_str())
            || (!t.origins.is_empty() && !t.origins.contains(&origin.as_str()));
        if excluded {
            return Some(format!("not available for goods of {origin} (line {}) on {}", line.id, ctx.req.date));
        }
    }
    None
}

/// For a threshold that depends on the seller's registration: why it does not apply when the
/// caller says the seller is not registered for an optional scheme. Saying so of a scheme the
/// law imposes is an error naming the field.
fn registration_bar(ctx: &Ctx<'_>, t: &Threshold) -> Result<Option<String>> {
    match (t.scheme, ctx.req.seller_registered) {
        (Some(Scheme::Optional), Some(false)) => {
            Ok(Some("seller_registered is false: the tax is import tax, charged at the border".into()))
        }
        (Some(Scheme::Mandatory), Some(false)) => Err(Error::new(
            ErrorCode::InvalidField,
            "seller_registered",
            format!(
                "{}: the law makes the seller charge the tax at the sale for this consignment ({}); it does not become import tax",
                t.id, t.source.source
            ),
        )),
        _ => Ok(None),
    }
}

/// Compares the consignment with each threshold that can apply.
fn thresholds(ctx: &mut Ctx<'_>, values: &[LineValues]) -> Result<(Relief, Vec<ThresholdCheck>)> {
    let cv = consignment_values(ctx, values);
    let ship_from = ctx.req.ship_from.as_deref().map(str::to_ascii_uppercase);
    let rules: &'static Rules = ctx.rules;
    let candidates: Vec<&'static Threshold> =
        rules.thresholds(&ctx.destination, ctx.req.date, ctx.req.channel, ship_from.as_deref());
    let mut relief = Relief::default();
    let mut checks = Vec::new();
    for t in candidates {
        let per = if t.aggregation == Aggregation::Item { ", each item" } else { "" };
        let op = if t.strictly_below { "<" } else { "≤" };
        let limit = format!("{op} {} {} ({:?}{per})", format_grouped(t.amount), t.currency, t.basis).to_lowercase();
        if t.basis == ThresholdBasis::TaxAmount {
            relief.min_collectible = Some(t);
            checks.push(ThresholdCheck {
                id: t.id.into(),
                effect: t.effect,
                limit,
                value: None,
                applies: true,
                note: None,
                source: t.source.source.into(),
            });
            continue;
        }
        let value = match (t.aggregation, t.basis) {
            (Aggregation::Item, _) => cv.dearest_item,
            (_, ThresholdBasis::Intrinsic) => cv.intrinsic,
            _ => cv.customs,
        };
        let rate = ctx.rate(ctx.j.currency, t.currency).ok_or_else(|| {
            Error::new(
                ErrorCode::FxRate,
                "fx",
                format!("no exchange rate {}/{} to test threshold {}", ctx.j.currency, t.currency, t.id),
            )
        })?;
        let compared = crate::money::round_to(value * rate, t.currency.minor_units(), ctx.req.rounding.mode);
        let within = if t.strictly_below { compared < t.amount } else { compared <= t.amount };
        let mut bar = if within { eligibility_bar(ctx, t) } else { None };
        if within && bar.is_none() {
            bar = registration_bar(ctx, t)?;
        }
        if let Some(why) = &bar {
            ctx.warn("W_THRESHOLD_NOT_APPLIED", format!("{}: within its amount but {why}", t.id));
        }
        let applies = within && bar.is_none();
        let mut note = bar;
        if applies {
            ctx.note_verify(&t.source.row, t.source.confidence);
            match t.effect {
                ThresholdEffect::Relieve => {
                    // The tightest applicable relief wins for each levy.
                    if t.duty && relief.duty.is_none_or(|r| t.amount < r.amount) {
                        relief.duty = Some(t);
                    }
                    if t.tax && relief.tax.is_none_or(|r| t.amount < r.amount) {
                        relief.tax = Some(t);
                    }
                    if t.fees {
                        relief.fees = Some(t);
                    }
                }
                ThresholdEffect::SellerCollects => {
                    relief.seller_collects = Some(t);
                    ctx.warn(
                        "W_SELLER_COLLECTS",
                        format!(
                            "{}: the tax is collected by the seller at the sale and is part of the checkout price, under DAP as under DDP",
                            t.id
                        ),
                    );
                }
                ThresholdEffect::FlatPerTariffLine => relief.flat_duty = Some(t),
                ThresholdEffect::MinCollectible => relief.min_collectible = Some(t),
            }
            if let Some(a) = t.assumption.filter(|_| t.scheme.is_none() || ctx.req.seller_registered.is_none()) {
                ctx.warn("W_ASSUMPTION", format!("{}: assumes {a}", t.id));
                note = Some(format!("assumes {a}"));
            }
        }
        checks.push(ThresholdCheck {
            id: t.id.into(),
            effect: t.effect,
            limit,
            value: Some(compared),
            applies,
            note,
            source: t.source.source.into(),
        });
    }
    Ok((relief, checks))
}

/// The EU flat duty per tariff line: each distinct 6-digit subheading pays the flat amount once,
/// shared among the lines that have it, by value, to the cent.
fn flat_duty_shares(
    ctx: &mut Ctx<'_>,
    relief: &Relief,
    values: &[LineValues],
) -> Result<Vec<Option<(Decimal, String)>>> {
    let Some(t) = relief.flat_duty.filter(|_| relief.duty.is_none()) else { return Ok(Vec::new()) };
    let flat = t.flat_amount.unwrap_or_default();
    let rate = ctx.rate(t.currency, ctx.j.currency).ok_or_else(|| {
        Error::new(ErrorCode::FxRate, "fx", format!("no exchange rate {}/{}", t.currency, ctx.j.currency))
    })?;
    let amount = ctx.round(flat * rate);
    let subheadings: Vec<String> =
        ctx.req.lines.iter().map(|l| HsCode::parse(&l.code).map(|c| c.prefix(6).to_string())).collect::<Result<_>>()?;
    let mut shares: Vec<Option<(Decimal, String)>> = vec![None; values.len()];
    let mut seen: Vec<&str> = Vec::new();
    for (i, sub) in subheadings.iter().enumerate() {
        if seen.contains(&sub.as_str()) {
            continue;
        }
        seen.push(sub);
        let group: Vec<usize> = (0..values.len()).filter(|k| subheadings[*k] == *sub).collect();
        let weights: Vec<Decimal> = group.iter().map(|k| values[*k].goods.max(Decimal::new(1, 2))).collect();
        let parts = allocate(amount, &weights, ctx.j.currency.minor_units())?;
        for (k, part) in group.iter().zip(parts) {
            let note = format!(
                "{} {} per tariff line × 1 line (HS {sub}){}",
                format_grouped(flat),
                t.currency,
                if group.len() > 1 {
                    format!(", shared by {} cart lines by value", group.len())
                } else {
                    String::new()
                }
            );
            shares[*k] = Some((part, note));
        }
        let _ = i;
    }
    Ok(shares)
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
    matched_code: Option<String>,
    special: &'s str,
    /// A consignment deduction from this line's duty (its share), in the customs currency.
    deduction: Option<(Decimal, String)>,
}

/// The duty rate(s) for a line: the snapshot's tariff for the destination (every line under a
/// partial code), else the caller's `duty_rate`, else the reason there is none.
fn duty_rates(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    code: &HsCode,
) -> std::result::Result<Vec<DutyRate<'static>>, String> {
    let snapshot = ctx.snapshot;
    let Some(tariff) = ctx.j.tariff else {
        return match (&line.duty_rate, ctx.req.simplified_regime) {
            (Some(rate), _) => Ok(vec![caller_rate(line, rate, None)]),
            (None, Some(regime)) => band_rate(ctx, line, regime).map(|r| vec![r]),
            (None, None) => Err(format!(
                "the snapshot has no {} tariff: supply duty_rate for this line (e.g. \"5%\")",
                ctx.destination
            )),
        };
    };
    match snapshot.lookup(tariff, code, ctx.req.date) {
        Ok(found) => {
            if let Some(rate) = &line.duty_rate {
                // Caller knowledge beats stale data: the caller's rate replaces the tariff's.
                let mut replaced: Vec<String> = Vec::new();
                for l in found.lines.iter().take(50) {
                    let text = format!("{} ({tariff} {})", l.row.mfn, l.row.code());
                    if !replaced.contains(&text) {
                        replaced.push(text);
                    }
                }
                let replaced = replaced.join(", ");
                ctx.warn(
                    "W_DUTY_RATE_OVERRIDE",
                    format!("line {}: the caller's duty_rate {rate} replaces the tariff rate {replaced}", line.id),
                );
                return Ok(vec![caller_rate(line, rate, Some(replaced))]);
            }
            let src = snapshot.source(&found.lines[0].row);
            if let Some(v) = Date::parse(src.vintage)
                .ok()
                .filter(|v| ctx.req.date.days_since_epoch() - v.days_since_epoch() > 365)
                .filter(|_| !ctx.warnings.iter().any(|w| w.code == "W_OLD_TARIFF"))
            {
                ctx.warn(
                    "W_OLD_TARIFF",
                    format!(
                        "the {tariff} tariff used is of {v}, more than a year before the as-of date {}",
                        ctx.req.date
                    ),
                );
            }
            if let Some(via) = &found.via_correlation {
                ctx.warn("W_HS_CORRELATION", format!("line {}: {}; source: {}", line.id, via.note, via.source));
            }
            let mut rates: Vec<DutyRate<'static>> = Vec::new();
            for l in &found.lines {
                if rates.iter().any(|r| r.text == l.row.mfn) {
                    continue;
                }
                let src = snapshot.source(&l.row);
                rates.push(DutyRate {
                    expr: Cow::Borrowed(l.expression),
                    text: l.row.mfn.to_string(),
                    name: format!("Customs duty ({tariff} {})", l.row.code()),
                    source: Source {
                        publisher: src.publisher.into(),
                        dataset: src.dataset.into(),
                        vintage: src.vintage.into(),
                    },
                    matched_code: Some(l.row.code().to_string()),
                    special: l.row.special,
                    deduction: None,
                });
            }
            if found.kind == Match::Partial && rates.len() > 1 {
                ctx.warn(
                    "W_PARTIAL_CODE",
                    format!("line {}: code {code} covers {} {tariff} lines with {} different duties: priced at the lowest, range given", line.id, found.lines.len(), rates.len()),
                );
            }
            Ok(rates)
        }
        Err(e) => match &line.duty_rate {
            Some(rate) => Ok(vec![caller_rate(line, rate, None)]),
            None => Err(format!("{}: supply a valid code or duty_rate", e.message)),
        },
    }
}

/// The caller's duty rate; `replaced` names the tariff rate(s) it overrides.
fn caller_rate(line: &LineRequest, rate: &str, replaced: Option<String>) -> DutyRate<'static> {
    DutyRate {
        expr: Cow::Owned(DutyExpr::parse(rate)),
        text: rate.to_string(),
        name: match replaced {
            Some(r) => format!("Customs duty (caller-supplied rate, replacing the tariff rate {r})"),
            None => "Customs duty (caller-supplied rate)".into(),
        },
        source: Source::request(&format!("lines[{}].duty_rate", line.id)),
        matched_code: None,
        special: "",
        deduction: None,
    }
}

/// The duty of a simplified regime's value band (Brazil's RTS / Remessa Conforme), chosen by
/// the whole consignment's value (goods, transport and insurance) in the band's currency; the
/// band's deduction is shared among the lines by value.
fn band_rate(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    regime: SimplifiedRegime,
) -> std::result::Result<DutyRate<'static>, String> {
    let rules: &'static Rules = ctx.rules;
    let bands = rules.taxes.bands(&ctx.destination, regime, ctx.req.date);
    let Some(first) = bands.first() else {
        return Err(format!(
            "{} has no {regime:?} simplified regime on {} in our data: supply duty_rate",
            ctx.destination, ctx.req.date
        ));
    };
    let req = ctx.req;
    let goods: Decimal = req.lines.iter().map(|l| l.quantity * l.unit_price).sum();
    let consignment = goods + req.shipping + req.insurance;
    let Some(to_band) = ctx.rate(req.currency, first.currency) else {
        return Err(format!("no exchange rate {}/{}: give it in fx", req.currency, first.currency));
    };
    let value = crate::money::round_to(consignment * to_band, first.currency.minor_units(), req.rounding.mode);
    let Some(b) = bands.iter().find(|b| b.value_from <= value && value <= b.value_to) else {
        return Err(format!(
            "the consignment's value {} {} is outside the {regime:?} bands: the regular regime applies, supply duty_rate",
            format_grouped(value),
            first.currency
        ));
    };
    ctx.note_verify(&b.source.row, b.source.confidence);
    let line_value = line.quantity * line.unit_price;
    let share = if goods.is_zero() { Decimal::ZERO } else { line_value / goods };
    let deduction = if b.deduction.is_zero() {
        None
    } else {
        let to_customs = ctx
            .rate(first.currency, ctx.j.currency)
            .ok_or_else(|| format!("no exchange rate {}/{}: give it in fx", first.currency, ctx.j.currency))?;
        let amount = ctx.round(b.deduction * to_customs * share);
        let note = format!(
            "less {} {} deduction{}",
            b.deduction.normalize(),
            b.currency,
            if share == Decimal::ONE {
                String::new()
            } else {
                format!(" (this line's share by value: {})", format_grouped(amount))
            }
        );
        Some((amount, note))
    };
    Ok(DutyRate {
        expr: Cow::Owned(DutyExpr::AdValorem { percent: b.percent, on: None }),
        text: match &deduction {
            Some(_) => format!("{}% less {} {}", b.percent.normalize(), b.deduction.normalize(), b.currency),
            None => format!("{}%", b.percent.normalize()),
        },
        name: format!("Import tax ({}, consignment {} {})", b.id, format_grouped(value), b.currency),
        source: Source::rule(&b.source.row, b.source.source),
        matched_code: None,
        special: "",
        deduction,
    })
}

/// Duties the caller adds to a line (safeguard, anti-dumping…), each on the customs value.
/// Returns their total and whether all were priced.
fn caller_duties(ctx: &mut Ctx<'_>, line: &LineRequest, input: &DutyInput<'_>, p: &mut Priced) -> (Decimal, bool) {
    let mut total = Decimal::ZERO;
    let mut known = true;
    for (i, d) in line.extra_duties.iter().enumerate() {
        let r = DutyExpr::parse(&d.rate).evaluate(input);
        if !r.priceable {
            known = false;
            p.reasons.extend(r.unpriced.iter().map(|u| format!("{}: {}", d.name, u.message())));
            p.missing.extend(r.unpriced.iter().cloned());
        }
        let amount = r.exact.map(|e| ctx.round_line(e));
        total += amount.or(r.partial_amount).unwrap_or_default();
        p.levies.push(Levy {
            kind: LevyKind::AdditionalDuty,
            name: format!("{} (caller-supplied)", d.name),
            base: input.value,
            base_note: "customs value".into(),
            rate: d.rate.clone(),
            amount,
            partial_amount: r.partial_amount,
            formula: r.formula,
            source: Source::request(&format!("lines[{}].extra_duties[{i}]", line.id)),
        });
    }
    if !line.extra_duties.is_empty() {
        ctx.warn(
            "W_CALLER_DUTIES",
            format!(
                "line {}: {} caller-supplied duties charged and included in the tax base",
                line.id,
                line.extra_duties.len()
            ),
        );
    }
    (total, known)
}

/// Everything computed for one line with one duty rate.
struct Priced {
    levies: Vec<Levy>,
    reasons: Vec<String>,
    missing: Vec<Unpriced>,
    excluded: Vec<Excluded>,
    alternatives: Vec<Alternative>,
    total: Decimal,
}

fn price_line(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    v: &LineValues,
    relief: &Relief,
    flat_share: Option<(Decimal, String)>,
) -> Result<(LineQuote, Decimal)> {
    let code = HsCode::parse(&line.code)?;
    let customs_value = match ctx.j.duty_basis {
        DutyBasis::Cif => v.cif(),
        DutyBasis::Fob => v.goods,
    };
    let origin = line.origin.as_deref().or(ctx.req.origin.as_deref()).map(str::to_ascii_uppercase);
    let quantities = line_quantities(line)?;

    let rates =
        if relief.duty.is_some() || flat_share.is_some() { Ok(Vec::new()) } else { duty_rates(ctx, line, &code) };
    let mut variants: Vec<(Option<String>, Priced)> = Vec::new();
    match rates {
        Ok(rates) if rates.is_empty() => variants.push((
            None,
            price_with(
                ctx,
                line,
                &code,
                v,
                customs_value,
                origin.as_deref(),
                &quantities,
                relief,
                Ok(None),
                flat_share.clone(),
            ),
        )),
        Ok(rates) => {
            for rate in rates.iter().take(200) {
                let p = price_with(
                    ctx,
                    line,
                    &code,
                    v,
                    customs_value,
                    origin.as_deref(),
                    &quantities,
                    relief,
                    Ok(Some(rate)),
                    None,
                );
                variants.push((rate.matched_code.clone(), p));
            }
        }
        Err(reason) => {
            let mut p =
                price_with(ctx, line, &code, v, customs_value, origin.as_deref(), &quantities, relief, Err(()), None);
            p.reasons.insert(0, reason);
            variants.push((None, p));
        }
    }
    let count = variants.len();
    let (min_i, max_i) = {
        let totals: Vec<Decimal> = variants.iter().map(|(_, p)| p.total).collect();
        let min_i = (0..count).min_by_key(|i| totals[*i]).unwrap_or(0);
        let max_i = (0..count).max_by_key(|i| totals[*i]).unwrap_or(0);
        (min_i, max_i)
    };
    let range = (count > 1).then(|| Range {
        lines: count,
        min_code: variants[min_i].0.clone().unwrap_or_default(),
        min_levies: variants[min_i].1.total,
        max_code: variants[max_i].0.clone().unwrap_or_default(),
        max_levies: variants[max_i].1.total,
    });
    let extra = range.as_ref().map(|r| r.max_levies - r.min_levies).unwrap_or_default();
    let (matched_code, mut p) = variants.swap_remove(min_i);
    if let Some(r) = &range {
        p.reasons.push(format!(
            "code {code} covers {} tariff lines with different duties: levies range from {} ({}) to {} ({}); give the full code",
            r.lines,
            format_grouped(r.min_levies),
            r.min_code,
            format_grouped(r.max_levies),
            r.max_code
        ));
    }
    let priced = p.levies.iter().filter(|l| l.amount.is_some() || l.partial_amount.is_some()).count();
    let status = if p.reasons.is_empty() {
        LineStatus::Priced
    } else if priced > 0 {
        LineStatus::Partial
    } else {
        LineStatus::NotPriced
    };
    Ok((
        LineQuote {
            id: line.id.clone(),
            status,
            reason: (!p.reasons.is_empty()).then(|| p.reasons.join("; ")),
            missing: p.missing,
            code: code.to_string(),
            matched_code: if range.is_some() { None } else { matched_code },
            origin,
            goods_value: v.goods,
            shipping: v.shipping,
            insurance: v.insurance,
            customs_value,
            levies: p.levies,
            excluded: p.excluded,
            alternatives: p.alternatives,
            range,
        },
        extra,
    ))
}

/// Duty, additional duties and tax of a line with one duty rate (or a relief / flat share).
#[allow(clippy::too_many_arguments)]
fn price_with(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    code: &HsCode,
    v: &LineValues,
    customs_value: Decimal,
    origin: Option<&str>,
    quantities: &Quantities,
    relief: &Relief,
    rate: std::result::Result<Option<&DutyRate<'_>>, ()>,
    flat_share: Option<(Decimal, String)>,
) -> Priced {
    // `Err(())`: the line has no duty rate at all, so nothing that depends on duty is final.
    let rate_missing = rate.is_err();
    let rate = rate.ok().flatten();
    let cur = ctx.j.currency;
    let mut p = Priced {
        levies: Vec::new(),
        reasons: Vec::new(),
        missing: Vec::new(),
        excluded: Vec::new(),
        alternatives: Vec::new(),
        total: Decimal::ZERO,
    };
    let basis_note = match ctx.j.duty_basis {
        DutyBasis::Cif => format!("CIF: goods {} + shipping {} + insurance {}", v.goods, v.shipping, v.insurance),
        DutyBasis::Fob => format!("FOB: goods {} (international shipping and insurance are not dutiable)", v.goods),
    };
    let mut duty_known = !rate_missing;
    let mut duty_total = Decimal::ZERO;
    // The column 1 duty, for the all-in (15 %) layers.
    let mut column1_duty: Option<Decimal> = None;

    if let Some(t) = relief.duty {
        p.levies.push(Levy {
            kind: LevyKind::Duty,
            name: "Customs duty".into(),
            base: customs_value,
            base_note: basis_note.clone(),
            rate: "relieved".into(),
            amount: Some(ctx.round(Decimal::ZERO)),
            partial_amount: None,
            formula: format!("not due: consignment within {} ({})", t.id, t.source.source),
            source: Source::rule(&t.source.row, t.source.source),
        });
    } else if let Some((share, note)) = flat_share {
        let t = relief.flat_duty.expect("flat share implies a flat-duty threshold");
        p.levies.push(Levy {
            kind: LevyKind::Duty,
            name: "Flat customs duty per tariff line (low-value consignment)".into(),
            base: customs_value,
            base_note: basis_note.clone(),
            rate: format!("{} {} per tariff line", t.flat_amount.unwrap_or_default(), t.currency),
            amount: Some(share),
            partial_amount: None,
            formula: format!("{note} = {}", format_grouped(share)),
            source: Source::rule(&t.source.row, t.source.source),
        });
        duty_total += share;
    } else if let Some(rate) = rate {
        let mut fx_rates: Vec<(Currency, Decimal)> = Vec::new();
        for c in foreign_currencies(&rate.expr) {
            if let Some(r) = ctx.rate(c, cur) {
                fx_rates.push((c, r));
            }
        }
        let components: Vec<(String, Decimal)> = line.components.iter().map(|(k, a)| (k.clone(), *a)).collect();
        let duty_value = ctx.step(RoundingTarget::DutyBase, customs_value);
        let input = DutyInput {
            value: duty_value,
            currency: cur,
            quantities,
            components: &components,
            date: Some(ctx.req.date),
            fx: &fx_rates,
            base_duty: None,
            rounding: ctx.req.rounding,
        };
        let r = rate.expr.evaluate(&input);
        if !r.priceable {
            duty_known = false;
            p.reasons.extend(r.unpriced.iter().map(Unpriced::message));
            p.missing.extend(r.unpriced.iter().cloned());
        }
        let mut amount = r.exact.map(|e| ctx.round_line(e));
        let mut formula = r.formula;
        if let (Some((less, note)), Some(a)) = (&rate.deduction, amount) {
            amount = Some((a - less).max(Decimal::ZERO));
            formula = format!("{formula}, {note} = {}", format_grouped(amount.unwrap_or_default()));
        }
        column1_duty = amount;
        duty_total += amount.or(r.partial_amount).unwrap_or_default();
        let base_note = if duty_value == customs_value {
            basis_note.clone()
        } else {
            format!("{basis_note}, rounded down to {} (tax law rounding)", format_grouped(duty_value))
        };
        p.levies.push(Levy {
            kind: LevyKind::Duty,
            name: rate.name.clone(),
            base: duty_value,
            base_note,
            rate: rate.text.clone(),
            amount,
            partial_amount: r.partial_amount,
            formula,
            source: rate.source.clone(),
        });
        let (extra, extra_known) = caller_duties(ctx, line, &input, &mut p);
        duty_total += extra;
        duty_known &= extra_known;
        if ctx.destination == "US" {
            if let (Some(o), Some(amount)) = (origin, amount) {
                preferences(ctx, rate.special, o, &input, amount, &mut p);
            }
        }
    }

    // US additional duties (chapter 99 layers).
    if ctx.destination == "US" && relief.duty.is_none() {
        match origin {
            None => {
                duty_known = false;
                p.reasons.push("give the country of origin (origin): US additional duties depend on it".into());
            }
            Some(o) => {
                let layers = UsLine {
                    line,
                    code,
                    customs_value,
                    origin: o,
                    column1_duty,
                    basis_note: &basis_note,
                    rounding: ctx.req.rounding,
                    currency: cur,
                };
                let charged = us_layers(ctx, &layers, &mut p);
                duty_known &= charged.known;
                duty_total += charged.total;
                waived_savings(&charged.waivable, &mut p.alternatives);
            }
        }
    }

    // Import VAT/GST.
    tax(ctx, line, v, customs_value, relief, duty_total, duty_known, &mut p);
    p.total = p.levies.iter().map(|l| l.amount.or(l.partial_amount).unwrap_or_default()).sum();
    p
}

/// Preference programmes the origin may claim, offered as alternatives. The saving shown
/// covers the column 1 rate; [`waived_savings`] adds the additional duties a claim removes.
fn preferences(ctx: &mut Ctx<'_>, special: &str, origin: &str, input: &DutyInput<'_>, mfn: Decimal, p: &mut Priced) {
    let groups = special_rates(special);
    for prog in ctx.rules.us().programmes_for(origin, ctx.req.date) {
        let Some((rate, _)) = groups.iter().find(|(_, codes)| codes.iter().any(|c| c == prog.code)) else { continue };
        let verified = prog.source.confidence == "official";
        let r = DutyExpr::parse(rate).evaluate(input);
        let duty = r.amount.filter(|_| verified);
        let saving = duty.map(|d| mfn - d);
        let note = if verified {
            format!(
                "claim {} ({}): duty {} instead of {}; needs goods originating under the agreement's rules of origin and a valid claim; not applied",
                prog.code,
                prog.name,
                duty.map(format_grouped).unwrap_or_else(|| rate.clone()),
                format_grouped(mfn)
            )
        } else {
            format!(
                "claim {} ({}) at {rate}: the programme's dates come from a secondary source ({}), so no saving is priced; not applied",
                prog.code, prog.name, prog.source.source
            )
        };
        p.alternatives.push(Alternative {
            program: prog.code.into(),
            name: prog.name.into(),
            rate: rate.clone(),
            duty,
            saving,
            waived: Vec::new(),
            total_saving: saving,
            note,
        });
    }
}

/// A US line as the chapter 99 layers see it.
struct UsLine<'a> {
    line: &'a LineRequest,
    code: &'a HsCode,
    customs_value: Decimal,
    origin: &'a str,
    /// The column 1 duty (for the all-in rates), when priced.
    column1_duty: Option<Decimal>,
    basis_note: &'a str,
    rounding: RoundingPolicy,
    currency: Currency,
}

impl UsLine<'_> {
    fn round(&self, amount: Decimal) -> Decimal {
        self.rounding.round_line(amount, self.currency)
    }
}

/// What the layers of a line came to.
struct LayersCharged {
    total: Decimal,
    /// Every layer charged is priced.
    known: bool,
    /// Layers a preference claim would remove: (programmes, what it saves).
    waivable: Vec<(Vec<&'static str>, Waived)>,
}

/// The US additional duties of a line: every layer in force on the as-of date whose scope (as it
/// stands that day) and origin match, charged on its basis, or reported as excluded or unpriced.
fn us_layers(ctx: &mut Ctx<'_>, us: &UsLine<'_>, p: &mut Priced) -> LayersCharged {
    let mut out = LayersCharged { total: Decimal::ZERO, known: true, waivable: Vec::new() };
    let metal = metal_value(ctx, us.line);
    let decisions = ctx.rules.us().decide(us.code.digits(), us.origin, ctx.req.date);
    for d in decisions {
        let l = d.layer;
        if d.uncertain {
            ctx.warn(
                "W_SCOPE_10_DIGIT",
                format!(
                    "line {}: whether {} applies depends on the full 10-digit code; it is {}",
                    us.line.id,
                    l.name,
                    if d.excluded_by.is_some() { "left out" } else { "charged" }
                ),
            );
        }
        if let Some(reason) = d.excluded_by {
            p.excluded.push(Excluded {
                name: l.name.into(),
                ch99: l.ch99.into(),
                reason,
                source: l.source.source.into(),
            });
            continue;
        }
        ctx.note_verify(&l.source.row, l.source.confidence);
        let levy = layer_levy(us, l, d.outside_metal_of, metal);
        match &levy.amount {
            Some(a) => {
                out.total += *a;
                if !l.waived_by.is_empty() {
                    out.waivable
                        .push((l.waived_by.clone(), Waived { name: l.name.into(), ch99: l.ch99.into(), amount: *a }));
                }
            }
            None => {
                out.known = false;
                p.reasons.push(levy.formula.clone());
            }
        }
        p.levies.push(levy);
    }
    out
}

/// The line's metal content value in the customs currency, when the caller gave it.
fn metal_value(ctx: &mut Ctx<'_>, line: &LineRequest) -> Option<Decimal> {
    let per_unit = line.metal_content_value?;
    let rate = ctx.rate(ctx.req.currency, ctx.j.currency)?;
    Some(crate::money::round_to(line.quantity * per_unit * rate, ctx.j.currency.minor_units(), ctx.req.rounding.mode))
}

/// One layer as a levy: its base (the customs value, the metal content, or the value outside the
/// metal content), its rate (added, or all-in net of the column 1 duty), or why it is unpriced.
fn layer_levy(us: &UsLine<'_>, l: &Layer, outside_metal_of: Option<&str>, metal: Option<Decimal>) -> Levy {
    let name = format!("{} ({})", l.name, l.ch99);
    let source = Source::rule(&l.source.row, l.source.source);
    let unpriced = |rate: String, why: String| Levy {
        kind: LevyKind::AdditionalDuty,
        name: name.clone(),
        base: us.customs_value,
        base_note: us.basis_note.to_string(),
        rate,
        amount: None,
        partial_amount: None,
        formula: why,
        source: source.clone(),
    };
    let Some(percent) = l.percent else {
        // The measure covers the code but its rate here is not in our data.
        let why = format!("{name} covers this code, but its rate for it is not encoded: {}", l.source.source);
        return unpriced("not encoded".into(), why);
    };
    let rate = match l.rate_kind {
        RateKind::Add => format!("+{}%", percent.normalize()),
        RateKind::AllIn => format!("{}% all-in", percent.normalize()),
    };
    let metal_needed = l.basis == LayerBasis::MetalContent || outside_metal_of.is_some();
    let (base, base_note) = match (l.basis, outside_metal_of, metal) {
        (_, _, None) if metal_needed => {
            let on = match outside_metal_of {
                Some(by) => format!("the value other than the metal content (which {by} covers)"),
                None => "the value of the metal content".to_string(),
            };
            let why = format!(
                "{name} is charged on {on}: give metal_content_value (per unit, in the request currency) for line {}; it is never charged on the full value in its place",
                us.line.id
            );
            return unpriced(rate, why);
        }
        (LayerBasis::MetalContent, _, Some(m)) => {
            (m, format!("metal content value {} (metal_content_value)", format_grouped(m)))
        }
        (LayerBasis::Value, Some(by), Some(m)) => {
            let rest = (us.customs_value - m).max(Decimal::ZERO);
            (rest, format!("value outside the metal content charged under {by}: {} − {}", us.customs_value, m))
        }
        _ => (us.customs_value, us.basis_note.to_string()),
    };
    if l.unverified() {
        let why = format!("{name}: {rate} comes from a secondary source and is not priced: {}", l.source.source);
        return Levy { base, base_note, ..unpriced(rate, why) };
    }
    let (amount, formula) = match l.rate_kind {
        RateKind::Add => {
            let a = us.round(percent * base / Decimal::ONE_HUNDRED);
            (a, format!("{}% × {} = {}", percent.normalize(), format_grouped(base), format_grouped(a)))
        }
        RateKind::AllIn => {
            let Some(column1) = us.column1_duty else {
                let why = format!("{name} is {rate} including the column 1 duty, which is not priced for this line");
                return Levy { base, base_note, ..unpriced(rate, why) };
            };
            // The column 1 duty's share of this base (all of it when the base is the full value).
            let share = if us.customs_value.is_zero() { Decimal::ZERO } else { column1 * base / us.customs_value };
            let gross = percent * base / Decimal::ONE_HUNDRED;
            let a = us.round((gross - share).max(Decimal::ZERO));
            (
                a,
                format!(
                    "{}% × {} − column 1 duty {} = {} (never below zero)",
                    percent.normalize(),
                    format_grouped(base),
                    format_grouped(us.round(share)),
                    format_grouped(a)
                ),
            )
        }
    };
    Levy {
        kind: LevyKind::AdditionalDuty,
        name,
        base,
        base_note,
        rate,
        amount: Some(amount),
        partial_amount: None,
        formula,
        source,
    }
}

/// Adds to each preference alternative the additional duties its claim removes (USMCA goods
/// are not charged the Canada/Mexico IEEPA duties or the Section 122 surcharge).
fn waived_savings(waivable: &[(Vec<&'static str>, Waived)], alternatives: &mut [Alternative]) {
    for alt in alternatives.iter_mut() {
        alt.waived =
            waivable.iter().filter(|(by, _)| by.iter().any(|b| *b == alt.program)).map(|(_, w)| w.clone()).collect();
        let extra: Decimal = alt.waived.iter().map(|w| w.amount).sum();
        alt.total_saving = alt.saving.map(|s| s + extra);
        if let (false, Some(total)) = (alt.waived.is_empty(), alt.total_saving) {
            let removed: Vec<String> =
                alt.waived.iter().map(|w| format!("{} ({}) {}", w.name, w.ch99, format_grouped(w.amount))).collect();
            alt.note.push_str(&format!(
                "; the claim also removes {}: full saving {}",
                removed.join(", "),
                format_grouped(total)
            ));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn tax(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    v: &LineValues,
    customs_value: Decimal,
    relief: &Relief,
    duty_total: Decimal,
    duty_known: bool,
    p: &mut Priced,
) {
    if ctx.j.tax_basis == TaxBasis::None {
        return;
    }
    let Some(mut rate) = tax_rate(ctx, line, p) else { return };
    let sub = ctx.subdivision.clone();
    if ctx.destination == "CA" {
        if let Some(s) = sub.as_deref() {
            if rate.kind != "hst" && matches!(s, "BC" | "MB" | "SK" | "QC") {
                ctx.warn("W_PROVINCIAL_TAX", format!("{s} provincial sales tax (PST/QST) is not collected by the CBSA at the border; the seller or buyer accounts for it"));
            }
        }
        if rate.kind == "hst" && ctx.req.business_buyer {
            // A GST/HST registrant pays only the federal part at the border.
            if let Some(gst) = ctx.rules.vat_rate("CA", None, line.vat_class, ctx.req.date) {
                rate = gst;
            }
        }
    }
    let kind_name = match rate.kind {
        "gst" => "GST",
        "hst" => "HST",
        "icms" | "icms_rts" => "ICMS",
        _ if ctx.destination == "JP" => "consumption tax",
        _ => "VAT",
    };
    let class = match line.vat_class {
        VatClass::Standard => String::new(),
        _ => format!(", {} rate", rate.kind),
    };
    if let Some(t) = relief.tax {
        p.levies.push(Levy {
            kind: LevyKind::Tax,
            name: format!("Import {kind_name}"),
            base: v.cif(),
            base_note: "not due".into(),
            rate: "relieved".into(),
            amount: Some(ctx.round(Decimal::ZERO)),
            partial_amount: None,
            formula: format!("not due: consignment within {} ({})", t.id, t.source.source),
            source: Source::rule(&t.source.row, t.source.source),
        });
        return;
    }
    let (name, base, note) = if let Some(t) = relief.seller_collects {
        (
            format!("{kind_name} charged by the seller at sale ({})", t.id),
            v.cif() + duty_total,
            format!("sale price: goods {} + shipping {} + insurance {}", v.goods, v.shipping, v.insurance),
        )
    } else {
        let (base, note) = border_tax_base(ctx, v, customs_value, duty_total);
        (format!("Import {kind_name}{class}"), base, note)
    };
    let source = Source {
        publisher: "VAT/GST rates".into(),
        dataset: format!(
            "{} ({})",
            if rate.overrides { "tariffs/rules/vat_extra.tsv" } else { "tariffs/vat.tsv" },
            rate.source
        ),
        vintage: String::new(),
    };
    let parts = {
        let rules: &'static Rules = ctx.rules;
        rules.taxes.parts(&ctx.destination, rate.percent, ctx.req.date)
    };
    if !parts.is_empty() && relief.seller_collects.is_none() {
        tax_parts(ctx, &parts, base, &note, duty_known, p);
        return;
    }
    let r = rate.percent / Decimal::ONE_HUNDRED;
    let (exact, formula) = match ctx.j.tax_method {
        TaxMethod::Inside if !r.is_zero() && r < Decimal::ONE => {
            let a = base / (Decimal::ONE - r) * r;
            (
                a,
                format!(
                    "{} ÷ (1 − {}%) × {}%",
                    format_grouped(base),
                    rate.percent.normalize(),
                    rate.percent.normalize()
                ),
            )
        }
        _ => (base * r, format!("{}% × {}", rate.percent.normalize(), format_grouped(base))),
    };
    let amount = ctx.round_line(exact);
    let (amount, partial, formula) = if duty_known {
        (Some(amount), None, format!("{formula} = {}", format_grouped(amount)))
    } else {
        p.reasons.push(format!("{kind_name} depends on the duty, which is not fully priced"));
        (None, Some(amount), format!("{formula} = at least {} (duty not fully priced)", format_grouped(amount)))
    };
    p.levies.push(Levy {
        kind: LevyKind::Tax,
        name,
        base,
        base_note: note,
        rate: format!("{}%", rate.percent.normalize()),
        amount,
        partial_amount: partial,
        formula,
        source,
    });
}

/// The VAT/GST rate of a line (cached per class), or the reason there is none. Brazil's
/// simplified regime uses the state's ICMS rate for remessas, which needs the state.
fn tax_rate(ctx: &mut Ctx<'_>, line: &LineRequest, p: &mut Priced) -> Option<crate::rules::VatRate> {
    let sub = ctx.subdivision.clone();
    if ctx.destination == "BR" && ctx.req.simplified_regime.is_some() {
        let rules: &'static Rules = ctx.rules;
        let row = sub.as_deref().and_then(|s| rules.vat_row("BR", s, "icms_rts", ctx.req.date));
        let Some(row) = row else {
            p.reasons.push(format!(
                "ICMS on remessas depends on the state: give subdivision (e.g. \"SP\"){}",
                sub.map(|s| format!("; no rate for {s} on {}", ctx.req.date)).unwrap_or_default()
            ));
            return None;
        };
        ctx.note_verify(&format!("vat_extra.tsv (BR {} icms_rts)", row.subdivision), row.confidence);
        return Some(row.clone());
    }
    let cached = ctx.vat_cache.iter().find(|(c, _)| *c == line.vat_class).map(|(_, r)| r.clone());
    let rate = match cached {
        Some(r) => r,
        None => {
            let r = ctx.rules.vat_rate(&ctx.destination, sub.as_deref(), line.vat_class, ctx.req.date);
            ctx.vat_cache.push((line.vat_class, r.clone()));
            r
        }
    };
    let Some(rate) = rate else {
        p.reasons.push(format!("no VAT/GST rate for {} on {} in the snapshot", ctx.destination, ctx.req.date));
        return None;
    };
    if rate.confidence == "verify" {
        ctx.warn(
            "W_VERIFY",
            format!(
                "the {} {}% {} rate comes from a secondary source [verify]: {}",
                rate.country,
                rate.percent.normalize(),
                rate.kind,
                rate.source
            ),
        );
    }
    Some(rate)
}

/// The import tax base at the border: customs or CIF value, the destination's uplift, duty, and
/// its rounding steps, with how it was built.
fn border_tax_base(
    ctx: &mut Ctx<'_>,
    v: &LineValues,
    customs_value: Decimal,
    duty_total: Decimal,
) -> (Decimal, String) {
    let duty = ctx.step(RoundingTarget::DutyInTaxBase, duty_total);
    let duty_note = if duty == duty_total {
        format!("duty {duty_total}")
    } else {
        format!("duty {duty} ({duty_total} rounded down)")
    };
    let (value, mut note) = match ctx.j.tax_basis {
        TaxBasis::CustomsValuePlusDuty => (customs_value, format!("value for duty {customs_value}")),
        _ => (v.cif(), format!("CIF {}", v.cif())),
    };
    let mut base = value + duty;
    if let Some(u) = uplift(ctx) {
        let add = ctx.round(value * u.0 / Decimal::ONE_HUNDRED);
        base += add;
        note.push_str(&format!(" + {}% uplift {add} ({})", u.0.normalize(), u.1));
    }
    note.push_str(&format!(" + {duty_note}"));
    let rounded = ctx.step(RoundingTarget::TaxBase, base);
    if rounded != base {
        note.push_str(&format!(" = {}, rounded down to {}", format_grouped(base), format_grouped(rounded)));
    } else if ctx.j.tax_basis != TaxBasis::CustomsValuePlusDuty {
        note.push_str(" (value + duties, art. 86 VAT Directive and equivalents)");
    }
    (rounded, note)
}

/// The destination's VAT-base uplift (percent, source) unless the goods come from a country
/// exempt from it. Without `ship_from` the uplift applies, and the quote says so.
fn uplift(ctx: &mut Ctx<'_>) -> Option<(Decimal, &'static str)> {
    let rules: &'static Rules = ctx.rules;
    let u = rules.taxes.uplift(&ctx.destination, ctx.req.date)?;
    ctx.note_verify(&u.source.row, u.source.confidence);
    match ctx.req.ship_from.as_deref().map(str::to_ascii_uppercase) {
        Some(from) if u.not_from.contains(&from.as_str()) => None,
        Some(_) => Some((u.percent, u.source.source)),
        None => {
            ctx.warn(
                "W_UPLIFT_ASSUMED",
                format!(
                    "{}: the {}% uplift of the tax base is applied; goods imported from {} get none: give ship_from",
                    u.id,
                    u.percent.normalize(),
                    u.not_from.join(", ")
                ),
            );
            Some((u.percent, u.source.source))
        }
    }
}

/// A tax the law splits into parts (Japan: national 7.8 % on the base, local 22/78 of the
/// national tax): one levy per part, each computed as its law says.
fn tax_parts(
    ctx: &mut Ctx<'_>,
    parts: &[&'static crate::rules::taxes::TaxPart],
    base: Decimal,
    note: &str,
    duty_known: bool,
    p: &mut Priced,
) {
    let mut previous: Option<(Decimal, Decimal)> = None; // (amount, percent)
    for part in parts {
        ctx.note_verify(&part.source.row, part.source.confidence);
        let (part_base, exact, formula, base_note) = match (part.basis, previous) {
            (PartBasis::PrecedingPart, Some((amount, percent))) => {
                let b = ctx.step(RoundingTarget::PartBase, amount);
                (
                    b,
                    b * part.percent / percent,
                    format!("{} × {}/{}", format_grouped(b), part.percent.normalize(), percent.normalize()),
                    format!(
                        "preceding part {amount}{}",
                        if b == amount { String::new() } else { format!(", rounded down to {b}") }
                    ),
                )
            }
            _ => (
                base,
                base * part.percent / Decimal::ONE_HUNDRED,
                format!("{}% × {}", part.percent.normalize(), format_grouped(base)),
                note.to_string(),
            ),
        };
        let amount = ctx.round_line(exact);
        previous = Some((amount, part.percent));
        let (amount, partial, formula) = if duty_known {
            (Some(amount), None, format!("{formula} = {}", format_grouped(amount)))
        } else {
            p.reasons.push(format!("{} depends on the duty, which is not fully priced", part.name));
            (None, Some(amount), format!("{formula} = at least {} (duty not fully priced)", format_grouped(amount)))
        };
        p.levies.push(Levy {
            kind: LevyKind::Tax,
            name: format!("Import {}", part.name.to_lowercase()),
            base: part_base,
            base_note,
            rate: format!("{}%", part.percent.normalize()),
            amount,
            partial_amount: partial,
            formula,
            source: Source::rule(&part.source.row, part.source.source),
        });
    }
}

/// Drops tax that is below the minimum collectible for the whole consignment.
fn apply_min_collectible(ctx: &mut Ctx<'_>, relief: &Relief, lines: &mut [LineQuote]) {
    let Some(t) = relief.min_collectible else { return };
    let tax: Decimal =
        lines.iter().flat_map(|l| &l.levies).filter(|l| l.kind == LevyKind::Tax).filter_map(|l| l.amount).sum();
    let Some(rate) = ctx.rate(ctx.j.currency, t.currency) else { return };
    if tax * rate > t.amount || tax.is_zero() {
        return;
    }
    for l in lines.iter_mut().flat_map(|l| l.levies.iter_mut()).filter(|l| l.kind == LevyKind::Tax) {
        l.formula = format!(
            "{} — not collected: total tax {} ≤ minimum {} {} ({})",
            l.formula,
            format_grouped(tax),
            t.amount,
            t.currency,
            t.id
        );
        l.amount = l.amount.map(|_| ctx.req.rounding.round(Decimal::ZERO, ctx.j.currency));
    }
}

/// Entry fees with floors and caps (US MPF: formal vs informal entry; AU import processing
/// charge by value band; NZ border fees), fees limited to one transport mode (US harbor
/// maintenance fee), and the declaration-level rounding of the destination's tax law.
fn fees(ctx: &mut Ctx<'_>, relief: &Relief, values: &[LineValues], lines: &[LineQuote]) -> Vec<Levy> {
    let mut out = Vec::new();
    let entered: Decimal = lines.iter().map(|l| l.customs_value).sum();
    let _ = values;
    let rules: &'static Rules = ctx.rules;
    let fees: Vec<&'static crate::rules::Fee> = rules.fees(&ctx.destination, ctx.req.date);
    for f in fees {
        let Some(rate) = ctx.rate(ctx.j.currency, f.currency) else { continue };
        let value = entered * rate;
        let formal = match ctx.req.entry_type {
            Some(crate::request::EntryType::Formal) => true,
            Some(crate::request::EntryType::Informal) => false,
            None => value > f.formal_above,
        };
        let entry_applies = match f.entry {
            EntryKind::Formal => formal,
            EntryKind::Informal => !formal,
            EntryKind::Any => true,
        };
        let in_band = f.value_from.is_none_or(|from| value >= from) && f.value_below.is_none_or(|below| value < below);
        if !entry_applies || !in_band {
            continue;
        }
        if !f.transport.is_empty() {
            match ctx.req.transport {
                Some(t) if f.transport.contains(&t) => {}
                Some(_) => continue,
                None => {
                    let modes: Vec<&str> = f.transport.iter().map(|t| t.name()).collect();
                    ctx.warn(
                        "W_FEE_NEEDS_TRANSPORT",
                        format!(
                            "{} applies only to {} shipments and is not included: give transport ({})",
                            f.name,
                            modes.join("/"),
                            f.source.row
                        ),
                    );
                    continue;
                }
            }
        }
        ctx.note_verify(&f.source.row, f.source.confidence);
        if let Some(v) = f.vintage.filter(|v| ctx.req.date.days_since_epoch() - v.days_since_epoch() > 365) {
            ctx.warn(
                "W_OLD_RULE",
                format!("{} uses figures of {v}, more than a year before the as-of date", f.source.row),
            );
        }
        let entry = match f.entry {
            EntryKind::Any => "any entry".to_string(),
            _ if formal => format!("formal entry (value > {} {})", f.formal_above, f.currency),
            _ => format!("informal entry (value ≤ {} {})", f.formal_above, f.currency),
        };
        let to_cur = |a: Decimal| if rate.is_zero() { a } else { a / rate };
        if let Some(t) = relief.fees {
            out.push(Levy {
                kind: LevyKind::Fee,
                name: f.name.into(),
                base: entered,
                base_note: entry,
                rate: "relieved".into(),
                amount: Some(ctx.round(Decimal::ZERO)),
                partial_amount: None,
                formula: format!("not due: consignment within {} ({})", t.id, t.source.source),
                source: Source::rule(&t.source.row, t.source.source),
            });
            continue;
        }
        let (amount, formula) = match (f.kind, f.percent, f.amount) {
            (FeeKind::AdValorem, Some(pct), _) => {
                let raw = pct * value / Decimal::ONE_HUNDRED;
                let mut a = raw;
                let mut note = format!("{}% × {}", pct.normalize(), format_grouped(value.round_dp(2)));
                let shown_raw = format_grouped(raw.round_dp(2));
                if let Some(min) = f.min.filter(|m| a < *m) {
                    a = min;
                    note.push_str(&format!(" = {shown_raw} → minimum {}", format_grouped(min)));
                }
                if let Some(max) = f.max.filter(|m| a > *m) {
                    a = max;
                    note.push_str(&format!(" = {shown_raw} → maximum {}", format_grouped(max)));
                }
                (ctx.round(to_cur(a)), note)
            }
            (FeeKind::Flat, _, Some(flat)) => {
                (ctx.round(to_cur(flat)), format!("flat {} {}", format_grouped(flat), f.currency))
            }
            _ => {
                let why = format!(
                    "{} is due but its figures for {} are not in our data: {}",
                    f.name, ctx.req.date, f.source.source
                );
                ctx.warn("W_FEE_UNKNOWN", why.clone());
                out.push(Levy {
                    kind: LevyKind::Fee,
                    name: f.name.into(),
                    base: entered,
                    base_note: entry,
                    rate: "unknown".into(),
                    amount: None,
                    partial_amount: None,
                    formula: why,
                    source: Source::rule(&f.source.row, f.source.source),
                });
                continue;
            }
        };
        out.push(Levy {
            kind: LevyKind::Fee,
            name: f.name.into(),
            base: entered,
            base_note: entry,
            rate: f
                .percent
                .map(|p| format!("{}%", p.normalize()))
                .unwrap_or_else(|| format!("{} {}", f.amount.unwrap_or_default(), f.currency)),
            amount: Some(amount),
            partial_amount: None,
            formula: format!("{formula} = {}", format_grouped(amount)),
            source: Source::rule(&f.source.row, f.source.source),
        });
    }
    out.extend(declaration_rounding(ctx, lines));
    out
}

/// Where the law rounds each declaration's total duty and each tax's total (Japan: down to
/// ¥100), the difference from the sum of the lines, as a shipment-level adjustment.
fn declaration_rounding(ctx: &mut Ctx<'_>, lines: &[LineQuote]) -> Vec<Levy> {
    let mut out = Vec::new();
    let rules: &'static Rules = ctx.rules;
    let levies = || lines.iter().flat_map(|l| l.levies.iter());
    let mut groups: Vec<(RoundingTarget, LevyKind, String)> = Vec::new();
    for l in levies() {
        let key = match l.kind {
            LevyKind::Duty | LevyKind::AdditionalDuty => {
                (RoundingTarget::DutyTotal, LevyKind::Duty, "Customs duty".to_string())
            }
            LevyKind::Tax => (RoundingTarget::TaxTotal, LevyKind::Tax, l.name.clone()),
            _ => continue,
        };
        if !groups.contains(&key) {
            groups.push(key);
        }
    }
    for (target, kind, name) in groups {
        let Some(r) = rules.taxes.rounding(&ctx.destination, target, ctx.req.date) else { continue };
        let in_group = |l: &&Levy| match kind {
            LevyKind::Duty => matches!(l.kind, LevyKind::Duty | LevyKind::AdditionalDuty),
            _ => l.kind == kind && l.name == name,
        };
        if levies().filter(in_group).any(|l| l.amount.is_none()) {
            continue;
        }
        let sum: Decimal = levies().filter(in_group).filter_map(|l| l.amount).sum();
        let total = r.apply(sum);
        if total == sum {
            continue;
        }
        ctx.note_verify(&r.source.row, r.source.confidence);
        out.push(Levy {
            kind,
            name: format!("{name}: declaration total rounded down"),
            base: sum,
            base_note: "sum of the lines".into(),
            rate: format!("down to {}", format_grouped(r.step)),
            amount: Some(total - sum),
            partial_amount: None,
            formula: format!(
                "{} → {} (difference {})",
                format_grouped(sum),
                format_grouped(total),
                format_grouped(total - sum)
            ),
            source: Source::rule(&r.source.row, r.source.source),
        });
    }
    out
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

/// Totals of the levies: an incomplete line counts with its known lower bound, and the totals
/// then say "at least". Tax the seller collects at the sale is in the checkout price whatever the
/// incoterm.
fn totals(
    ctx: &Ctx<'_>,
    relief: &Relief,
    lines: &[LineQuote],
    shipment: &[Levy],
    shipping: Decimal,
    insurance: Decimal,
) -> Totals {
    let goods: Decimal = lines.iter().map(|l| l.goods_value).sum();
    let known = |l: &Levy| l.amount.or(l.partial_amount);
    let by_kind = |kinds: &[LevyKind]| {
        lines
            .iter()
            .flat_map(|l| l.levies.iter())
            .chain(shipment.iter())
            .filter(|l| kinds.contains(&l.kind))
            .filter_map(known)
            .sum::<Decimal>()
    };
    let duty = ctx.round(by_kind(&[LevyKind::Duty, LevyKind::AdditionalDuty]));
    let tax = ctx.round(by_kind(&[LevyKind::Tax, LevyKind::Excise]));
    let fees = ctx.round(by_kind(&[LevyKind::Fee]));
    let at_sale = match relief.seller_collects {
        Some(_) => ctx.round(
            lines.iter().flat_map(|l| l.levies.iter()).filter(|l| l.kind == LevyKind::Tax).filter_map(known).sum(),
        ),
        None => Decimal::ZERO,
    };
    let charges = duty + tax + fees;
    let checkout = goods + shipping + insurance + at_sale;
    let (landed, due) = match ctx.req.incoterm {
        Incoterm::Ddp => (checkout + charges - at_sale, Decimal::ZERO),
        Incoterm::Dap => (checkout, charges - at_sale),
    };
    // A fee whose amount is unknown (MPF in a fiscal year not yet published) leaves the quote
    // incomplete too.
    let complete = lines.iter().all(|l| l.status == LineStatus::Priced) && shipment.iter().all(|l| l.amount.is_some());
    Totals {
        goods: ctx.round(goods),
        shipping: ctx.round(shipping),
        insurance: ctx.round(insurance),
        duty,
        tax,
        fees,
        collected_at_sale: at_sale,
        collected_at_sale_rule: relief.seller_collects.map(|t| format!("{} ({})", t.source.row, t.source.source)),
        landed: ctx.round(landed),
        due_on_delivery: ctx.round(due),
        buyer_total: ctx.round(landed + due),
        landed_max: None,
        complete,
        at_least: !complete,
    }
}
