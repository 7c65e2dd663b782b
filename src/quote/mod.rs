//! Pricing a request: conversion to the destination's customs currency, allocation of shipment
//! charges, thresholds, per-line duty (tariff, caller rate, US additional duties), VAT/GST on
//! value plus duty, fees, and totals; goods that cross no customs border (`movement`) owe no duty
//! and their tax is the seller's. A line that cannot be priced says why; the rest of the cart
//! is still priced.

use crate::allocation::{allocate, allocate_into, AllocationKey, Fields};
use crate::date::Date;
use crate::duty::{DutyExpr, DutyInput, Unpriced};
use crate::error::{Error, ErrorCode, Result};
use crate::fx::{EmbeddedFx, FxTable, FxUsed};
use crate::hs::HsCode;
use crate::money::DecimalSum;
use crate::money::{format_grouped, Currency, RoundingPolicy};
use crate::provenance::Provenance;
use crate::request::{ExtraDutyKind, Incoterm, LineRequest, QuoteRequest, SimplifiedRegime, TariffChoice, VatClass};
use crate::rules::programmes::Programme;
use crate::rules::taxes::{PartBasis, Rounding, RoundingTarget};
use crate::rules::us::{special_rates, Layer, LayerBasis, RateKind};
use crate::rules::{
    in_force, AdditionalDuties, Aggregation, DutyBasis, EntryKind, FeeCondition, FeeKind, Jurisdiction, Rules, Scheme,
    SubdivisionTax, TaxBasis, TaxMethod, TaxName, Threshold, ThresholdBasis, ThresholdEffect, VatKind,
};
use crate::snapshot::{Match, Snapshot};
use crate::units::{measure_for_key, Quantities};
use crate::Engine;
use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;

mod answers;
mod assumptions;
mod border;
mod brackets;
mod claims;
mod day_rules;
mod duties;
mod duty_source;
mod excise;
mod explain;
mod fees;
mod inputs;
mod jp_brackets;
mod known_code;
mod levy_source;
mod line;
mod line_id;
mod movement;
mod postal;
mod provincial;
mod remedies;
mod simplified;
mod sum;
mod tariff_memo;
mod taxes;
#[cfg(test)]
mod testing;
mod thresholds;
mod totals;
mod types;
mod unverified;
mod us;
mod values;
mod warning;

use crate::several::Several;
use assumptions::*;
use border::{note_carrier_charges, note_shipping_to_border, note_transport_not_given, tax_base_charges_in_law};
pub use claims::claimable;
use claims::*;
use day_rules::DayRules;
pub(crate) use day_rules::DayRulesMemo;
use duties::*;
pub use duty_source::line_quantities;
use duty_source::*;
use excise::*;
pub use explain::Note;
use explain::{Parts, TaxBase};
use fees::*;
pub use levy_source::{cited_levy, LevySource};
use line::*;
pub use line_id::LineId;
use movement::*;
use remedies::*;
use simplified::*;
use sum::Sum;
pub(crate) use tariff_memo::TariffMemo;
use taxes::*;
use thresholds::*;
use totals::*;
pub use types::*;
use unverified::*;
use us::*;
use values::*;
pub(crate) use warning::Detail;
pub use warning::{Message, Warning, WarningCode};

/// Shared state while pricing one request.
struct Ctx<'q> {
    req: &'q QuoteRequest,
    fx: &'static EmbeddedFx,
    /// The destination's country code, as the rule tables spell it.
    destination: &'static str,
    j: &'static Jurisdiction,
    rules: &'static Rules,
    snapshot: &'static Snapshot<'static>,
    overrides: FxTable,
    fx_used: Vec<FxUsed>,
    warnings: Vec<Warning>,
    /// VAT/GST rate per class (and the reduced percent a row of `rules/vat_classes.tsv` names),
    /// looked up once per request.
    vat_cache: Several<(ClassKey, Option<std::sync::Arc<crate::rules::VatRate>>)>,
    /// The kind of the destination's national standard rate (`None` inside: no rate on the
    /// date), which names a zero or exempt class's tax (`taxes::standard_kind`): looked up once.
    standard_kind: Option<Option<VatKind>>,
    /// The `rules/vat_classes.tsv` row whose assumption the quote last stated (`taxes::line_class`):
    /// the lines of a cart that share it state it once, without comparing the warnings again.
    class_assumed: Option<&'static str>,
    subdivision: Option<String>,
    /// The rule rows that depend only on the destination, day, channel and place of shipment
    /// (looked up once per engine for each).
    day: std::sync::Arc<DayRules>,
    /// The destination's rounding step for each [`RoundingTarget`] on the date, looked up once.
    rounding: [Option<&'static Rounding>; ROUNDING_TARGETS],
    /// The tariff editions (source numbers) whose age this quote has checked.
    tariff_editions_checked: Several<u32>,
    /// The destination's VAT-base uplift on the date (`None` until the first line asks).
    /// With it, whether the place of shipment exempts the goods from it where their origin must
    /// too (`also_origin`): each line's origin then decides.
    uplift: Option<Option<(Decimal, &'static str, Option<&'static crate::rules::taxes::Uplift>)>>,
    /// Each tax rate's fraction (percent ÷ 100) and the parts it splits into, per rate (its
    /// digits and scale), as lines ask.
    tax_parts: Several<(Decimal, Decimal, Vec<&'static crate::rules::taxes::TaxPart>)>,
    /// The row of `rules/movements.tsv` the shipment is when it crosses no customs border
    /// (chosen once per quote: [`movement::choose`]); `None` for an import.
    movement: Option<&'static crate::rules::Movement>,
    /// The `import` row of `rules/movements.tsv` the shipment is when it crosses only a tax
    /// border or a customs union's internal border: no customs duty on the lines it covers, the
    /// rest as for any import ([`movement::by_tax`]).
    customs_union: Option<&'static crate::rules::Movement>,
    /// The destination's small-parcel rules (Japan's simplified tariff and personal-use value).
    small: Option<&'static crate::rules::jp_small::JpSmall>,
    /// The personal-use valuation the goods were valued by, if any.
    personal_use: Option<&'static crate::rules::jp_small::PersonalUse>,
    /// True when this quote prices the reading with freight and insurance inside the personal-use
    /// factor (their share already scaled by it): the lower bound of an unsettled valuation.
    freight_inside_factor: bool,
    /// True when the border tax differs by province or state and the request names none: the
    /// national rate charged is a lower bound ([`assumptions::check_assumptions`]).
    subdivision_open: bool,
    /// True once a rule of the quote that differs for a business buyer was reached: a threshold
    /// for consumers or for businesses the consignment is within, Japan's personal-use value,
    /// Canada's HST, its provincial tax at the border ([`inputs::unused_request_fields`] says
    /// a `business_buyer: true` no rule read).
    buyer_read: bool,
    /// Why a customs rate used is another month's than the law prescribes (the month's EU or
    /// HMRC rate is not in the snapshot): every levy priced through it is unpriced with this
    /// (audit-i I3). A caller's `fx` for the pair replaces the fallback and leaves this empty.
    fx_substituted: Vec<String>,
    /// The first daily stand-in used that is older than its method's stale limit: (its date, its
    /// age in days). A threshold tested on a value converted at it says so (audit-pp PP4).
    stale_stand_in: Option<(Date, i64)>,
    /// The engine's datasets (which tariff edition is in force on a date).
    datasets: &'static crate::datasets::Datasets,
    /// The tariff lines the engine's quotes found, by tariff, code and day.
    tariff_memo: &'static TariffMemo,
    /// The snapshot source index of the tariff edition in force on the quote's date, once a line
    /// asks ([`Ctx::row_source`]); `Some(None)`: none.
    tariff_in_force: Option<Option<&'static Provenance<'static>>>,
    /// The last answer of [`Ctx::row_source`], by the row's source index: the rows a quote
    /// finds nearly always share one edition, so the editions are compared once, not twice a
    /// line (the first row's source is asked for the age check and again for its rate).
    last_row_source: Option<(u32, &'static Provenance<'static>)>,
    /// The indices of the lines whose customs duty rounded a weight charged per 100 kg
    /// ([`assumptions::note_weight_rounding`]).
    weight_rounded_lines: Vec<usize>,
    /// The index of the line being priced.
    line_at: usize,
    /// The border tax bases before a per-item rounding (`tax_base`: Switzerland), by line
    /// ([`taxes::tax_per_item`]).
    item_bases: Vec<taxes::ItemBase>,
    /// The simplified regime's band that priced a line, when the regime's duty and tax are the
    /// seller's at the sale (Brazil's Remessa Conforme: `duty_bands.tsv` `collected_at` `sale`):
    /// the totals put them in the checkout price ([`totals::totals`]).
    band_at_sale: Option<&'static crate::rules::taxes::DutyBand>,
}

impl Ctx<'_> {
    /// The edition a tariff row's figures are cited from: the edition of its table in force on
    /// the quote's date when that is a later edition of the same publisher's series (a row is
    /// stored once, under the first edition that has it; a later edition in force that still
    /// has it unchanged confirms it: [`crate::datasets::Datasets::tariff_in_force`]), else the
    /// row's own. A US quote dated 2026-07-01 cites HTS 2026 Revision 10, not Revision 3 whose
    /// line it kept (audit-k K6).
    // The remembered source (every line after the first, nearly) is answered where it is asked.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn row_source(&mut self, row: &crate::snapshot::Row<'_>, table: &str) -> &'static Provenance<'static> {
        if let Some((_, source)) = self.last_row_source.filter(|(i, _)| *i == row.source) {
            return source;
        }
        let source = self.edition_source(row, table);
        self.last_row_source = Some((row.source, source));
        source
    }

    /// [`Ctx::row_source`], worked out.
    #[cfg_attr(not(target_arch = "wasm32"), inline(never))]
    fn edition_source(&mut self, row: &crate::snapshot::Row<'_>, table: &str) -> &'static Provenance<'static> {
        let own = self.snapshot.source(row);
        let datasets = self.datasets;
        let in_force =
            *self.tariff_in_force.get_or_insert_with(|| datasets.tariff_source_in_force(table, self.req.date));
        crate::datasets::edition_of(in_force, own)
    }
}

/// A line's VAT/GST class and the reduced percent its row names, if any: the key of a rate.
type ClassKey = (VatClass, Option<Decimal>);

/// The warnings a quote has room for from the start: the most (a warning is 144 bytes) that
/// stay within one block of glibc's per-thread cache (at most 1,032 bytes; a test says so).
/// Of 449 varied requests (speed-j's corpus, BENCHMARKS.md) 35 % carried more than six
/// warnings, whose seventh regrew the list from six (a copy of them, about 690 instructions).
pub(super) const WARNINGS_RESERVED: usize = 7;

/// The warnings a quote of `lines` lines has room for from the start: [`WARNINGS_RESERVED`] for
/// one or two lines, and from three lines two more for each line after the first (a line's own:
/// an input unused, a class assumed), at most [`WARNINGS_RESERVED_MAX`] (a cart of 100,000 lines
/// grows its list as it needs). Of speed-j's corpus (449 requests, session 19) the carts of 2, 3
/// and 5 lines carried a median of 7, 9 and 11 warnings: 74 % of the 2-line carts fit in 7, 30 %
/// of the 3-line ones (92 % in 11), 10 % of the 5-line ones (92 % in 15). A regrowth copies the
/// list to a block above 1,008 bytes, which glibc serves only after consolidating its fast bins
/// (the 10-line bench cart's 15 warnings regrew it twice); a block that size from the start
/// costs the same consolidation once, so a cart that nearly always fits in 7 keeps 7.
fn warnings_reserved(lines: usize) -> usize {
    match lines {
        0..=2 => WARNINGS_RESERVED,
        _ => (WARNINGS_RESERVED + 2 * (lines - 1)).min(WARNINGS_RESERVED_MAX),
    }
}

/// Most warnings a quote has room for from the start (9 KB).
const WARNINGS_RESERVED_MAX: usize = 64;

/// Number of [`RoundingTarget`]s.
const ROUNDING_TARGETS: usize = 11;

/// What an EU quote in a dollar-pegged currency assumes (audit-x X2).
const PEG_EU_RATE: &str = "the currency's peg to the US dollar crossed with the ECB's dollar rate: the ECB publishes no rate of it, so the member state sets its customs rate (Implementing Regulation (EU) 2015/2447 art. 146), which is not in our data; give fx with the member state's rate";

/// The destination's rounding steps on `date`, indexed by target.
fn rounding_steps(
    rules: &'static Rules,
    destination: &str,
    date: Date,
) -> [Option<&'static Rounding>; ROUNDING_TARGETS] {
    // One pass over the rows (most destinations have none); the first row in force per target
    // wins, as in `TaxRules::rounding`.
    let mut steps = [None; ROUNDING_TARGETS];
    for r in rules.taxes.rounding_on(destination, date) {
        steps[r.target as usize].get_or_insert(r);
    }
    steps
}

impl Ctx<'_> {
    /// Adds a warning unless the quote already says the same.
    fn warn(&mut self, detail: Detail) {
        // A warning of another code says something else: its fields are not compared (the
        // detail's comparison is a call; a 10-line cart's warnings compared ≈ 110 times).
        let code = detail.code();
        if !self.warnings.iter().any(|w| w.code == code && w.same_as(&detail)) {
            self.warnings.push(Warning::new(detail));
        }
    }

    /// Adds a warning that no warning so far can say, by what it names (a line's own input, which
    /// only that line's check reports, once): not compared with each of them, as [`Ctx::warn`]
    /// does (a 10-line cart's unused weights were ≈ 45 comparisons).
    fn warn_new(&mut self, detail: Detail) {
        debug_assert!(!self.warnings.iter().any(|w| w.same_as(&detail)), "{detail:?}");
        self.warnings.push(Warning::new(detail));
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
                let r = self.fx.customs_rate(self.j.fx_method, from, to, self.req.date)?;
                if let Some(reason) = &r.fallback {
                    self.warn(Detail::FxFallback { reason: reason.clone() });
                    if !self.fx_substituted.contains(reason) {
                        self.fx_substituted.push(reason.clone());
                    }
                }
                // A dollar-pegged currency has no EU customs rate of the ECB: the member state sets
                // it (Implementing Regulation (EU) 2015/2447 art. 146), and ours is the peg's cross
                // (audit-x X2).
                if self.j.fx_method == crate::fx::FxMethod::EcbMonthly
                    && !r.pegged
                    && (self.fx.is_pegged(from) || self.fx.is_pegged(to))
                {
                    self.warn(Detail::Assumption { threshold: "fx", assumption: PEG_EU_RATE });
                }
                // A central bank's fixed peg is neither an ECB stand-in nor stale (audit-w W-FX1).
                if self.j.fx_method.is_daily_stand_in() && !r.pegged {
                    let legal = self.j.fx_method.legal_rate();
                    self.warn(Detail::FxStandIn {
                        from,
                        to,
                        destination: self.j.country,
                        rate_date: r.rate_date,
                        averaged_from: r.averaged_from,
                        legal,
                    });
                }
                // A member state outside the euro converts at the rate its national authority
                // publishes (Implementing Regulation (EU) 2015/2447 art. 146(1)(b)), not the ECB's
                // of art. 146(1)(a): the ECB cross of the reference day stands in, and says so
                // (audit-pp PP1: PL, SE, CZ, HU, RO, DK, and BG before the euro).
                let national = self.j.fx_method == crate::fx::FxMethod::EcbMonthly
                    && !r.pegged
                    && self.j.currency != Currency::EUR;
                let r = match national {
                    true => {
                        let (destination, rate_date) = (self.j.country, r.rate_date);
                        self.warn(Detail::FxStandIn {
                            from,
                            to,
                            destination,
                            rate_date,
                            averaged_from: None,
                            legal: "",
                        });
                        r.standing_in_for_national_rate(self.j.country)
                    }
                    false => r,
                };
                let age_days = self.req.date.days_since_epoch() - r.rate_date.days_since_epoch();
                if age_days > self.j.fx_method.stale_after_days() && !r.pegged {
                    self.warn(Detail::StaleFx { from, to, rate_date: r.rate_date, age_days });
                    if self.j.fx_method.is_daily_stand_in() {
                        self.stale_stand_in.get_or_insert((r.rate_date, age_days));
                    }
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

    /// `percent` ÷ 100 (the same digits and scale as a division: `20` → `0.2`, `20.0` → `0.20`).
    fn fraction(&self, percent: Decimal) -> Decimal {
        crate::money::per_cent(percent)
    }

    fn round(&self, amount: Decimal) -> Decimal {
        self.req.rounding.round(amount, self.j.currency)
    }

    /// A line's levy amount: the destination's own rounding rule where it has one (Japan drops
    /// fractions of a yen), else the request's policy.
    fn round_line(&self, amount: Decimal) -> Decimal {
        match self.rounding[RoundingTarget::LineAmount as usize] {
            Some(r) => r.apply(amount),
            None => self.req.rounding.round_line(amount, self.j.currency),
        }
    }

    /// A line's customs duty: the destination's own rounding of the duty where it has one (the
    /// Netherlands rounds it down to the cent), else as any levy of the line.
    fn round_duty(&self, amount: Decimal) -> Decimal {
        match self.rounding[RoundingTarget::DutyAmount as usize] {
            Some(r) => r.apply(amount),
            None => self.round_line(amount),
        }
    }

    /// A line's import tax at the border: the destination's own rounding of the tax where it has
    /// one (Switzerland: to 5 centimes), else as any levy of the line.
    fn round_tax(&self, amount: Decimal) -> Decimal {
        match self.rounding[RoundingTarget::TaxAmount as usize] {
            Some(r) => r.apply(amount),
            None => self.round_line(amount),
        }
    }

    /// How the destination's rounding of a duty (the Netherlands: down to the cent) or of any levy
    /// of a line (Norway: whole kroner) changed a line's duty, for its formula (", rounded down
    /// to 0.01 = 5.87", ", rounded to the nearest 1 = 342"), when it did: the formula's result is
    /// the exact duty, so the amount charged is stated beside it.
    fn duty_rounding_note(&self, exact: Option<Decimal>, amount: Option<Decimal>) -> Option<String> {
        let r =
            self.rounding[RoundingTarget::DutyAmount as usize].or(self.rounding[RoundingTarget::LineAmount as usize])?;
        let (exact, amount) = (exact?, amount?);
        (self.req.rounding.round_line(exact, self.j.currency) != amount)
            .then(|| format!(", rounded {} {} = {}", r.mode.to_step(), r.step, format_grouped(amount)))
    }

    /// A levy the seller collects at the sale: the request's policy (the border's rounding
    /// rules are the customs authority's).
    fn round_at_sale(&self, amount: Decimal) -> Decimal {
        self.req.rounding.round_line(amount, self.j.currency)
    }

    /// `amount` rounded by the destination's rounding step for `target`, if it has one.
    fn step(&self, target: RoundingTarget, amount: Decimal) -> Decimal {
        self.rounding[target as usize].map_or(amount, |r| r.apply(amount))
    }

    fn note_verify(&mut self, row: impl Into<Cow<'static, str>>, verify: bool) {
        if verify {
            self.warn(Detail::Verify { row: row.into() });
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
    /// The registered business buyer accounts for the tax on its own return (GB ≤ £135 B2B):
    /// none at the sale, none at the border (`totals.reverse_charged`).
    reverse_charge: Option<&'static Threshold>,
    flat_duty: Option<&'static Threshold>,
    /// The minimums collectible of the day (one per levy they test: Ireland's duty under €10 and
    /// VAT of at most €6 are two rules, Revenue PN 1179 s.2).
    min_collectible: Vec<&'static Threshold>,
    /// The simplified tariff applies to the consignment (Japan, ¥200,000 or less).
    simplified: Option<&'static Threshold>,
    /// The consignment is within the simplified tariff, but the importer asked for the general one.
    simplified_set_aside: Option<&'static Threshold>,
    /// Thresholds the consignment is within whose row is from a secondary source: not applied,
    /// and the levies they would change are not priced.
    unverified: Vec<&'static Threshold>,
    /// Reliefs from a secondary source the consignment is over, each with the lines it would
    /// reach (their goods not excluded): the amount is unverified, so whether the consignment is
    /// over it is too, and the levies it would relieve are not priced (audit-r R-TW1).
    unverified_amount: Vec<(&'static Threshold, Vec<usize>)>,
    /// Reliefs on the customs value that the FOB and the CIF value decide differently, where the
    /// destination's value basis is unverified: whether they relieve is unsettled (why, both
    /// outcomes named); their 0.00 is not priced.
    basis_unsettled: Vec<(&'static Threshold, String)>,
    /// Per line, its own relief when its items are outside a per-item row (`aggregation = item`)
    /// that other lines are within (`None`: the consignment's); empty when every line is alike,
    /// nearly always.
    per_line: Vec<Option<Relief>>,
}

impl Relief {
    /// The relief of line `i`.
    fn for_line(&self, i: usize) -> &Relief {
        self.per_line.get(i).and_then(Option::as_ref).unwrap_or(self)
    }
}

/// A line with its values in the customs currency.
struct LineValues {
    /// The price of the goods (what the buyer pays for them).
    goods: Decimal,
    /// The goods' value for customs: their price, or the share of it the law values goods for
    /// personal use at ([`values::personal_use`]).
    customs_goods: Decimal,
    shipping: Decimal,
    insurance: Decimal,
    /// The line's share of the request's `tax_base_charges` (in the import tax base only).
    tax_base_charges: Decimal,
}

impl LineValues {
    /// The customs value of the goods with transport and insurance to the border.
    fn cif(&self) -> Decimal {
        self.customs_goods + self.shipping + self.insurance
    }
}

impl<'q> Ctx<'q> {
    /// The context of a request: its destination's jurisdiction, rounding steps and exchange
    /// rates, before any line is priced.
    fn new(engine: &Engine, req: &'q QuoteRequest) -> Result<Ctx<'q>> {
        let rules = engine.rules();
        let destination = match req.destination.bytes().any(|b| b.is_ascii_lowercase()) {
            true => Cow::Owned(req.destination.to_ascii_uppercase()),
            false => Cow::Borrowed(req.destination.as_str()),
        };
        let j = rules.jurisdiction(&destination, req.date)?;
        // The destination's rows of the rule tables filed by destination must be here (the
        // browser: its parts attached), or the quote is `E_DATA_NOT_LOADED` naming one (natively
        // a flag or two: every part is inline).
        engine.require_rules(j.country)?;
        let day = engine.day_rules().get(rules, j.country, req.date, req.channel(), req.ship_from.as_deref());
        let (movement, customs_union) = by_tax(choose(rules, req, j.country));
        Ok(Ctx {
            req,
            fx: engine.fx(),
            destination: j.country,
            j,
            rules,
            snapshot: engine.snapshot(),
            overrides: FxTable::from_request(&req.fx)?,
            fx_used: Vec::new(),
            // A quote nearly always warns (the incoterm, shipping and tax base assumptions, an
            // old tariff) and its lines add their own (a class assumed, an input unused): room
            // for them from the start, not grown from empty and then regrown.
            warnings: Vec::with_capacity(warnings_reserved(req.lines.len())),
            vat_cache: Several::new(),
            standard_kind: None,
            class_assumed: None,
            subdivision: req.subdivision.as_deref().map(str::to_ascii_uppercase),
            rounding: day.rounding,
            day,
            tariff_editions_checked: Several::new(),
            uplift: None,
            tax_parts: Several::new(),
            movement,
            customs_union,
            small: rules.small_parcel_rules(j.country)?,
            personal_use: None,
            freight_inside_factor: false,
            subdivision_open: false,
            band_at_sale: None,
            fx_substituted: Vec::new(),
            stale_stand_in: None,
            datasets: engine.datasets(),
            tariff_memo: engine.tariff_memo(),
            tariff_in_force: None,
            last_row_source: None,
            weight_rounded_lines: Vec::new(),
            line_at: 0,
            item_bases: Vec::new(),
            buyer_read: false,
        })
    }
}

/// States the destination's rounding rows that are not applied because they are `verify`
/// (`TaxRules::unverified_rounding_on`): the figures assume the request's rounding instead.
fn note_unverified_rounding(ctx: &mut Ctx<'_>) {
    let rules: &'static Rules = ctx.rules;
    let rows: Vec<String> = rules
        .taxes
        .unverified_rounding_on(ctx.destination, ctx.req.date)
        .map(|r| format!("{} ({} {} {})", r.source.row(), r.target.as_str(), r.mode.to_step(), format_grouped(r.step)))
        .collect();
    if !rows.is_empty() {
        ctx.warn(Detail::RoundingNotApplied { rows: rows.join(", ") });
    }
}

/// Quotes a request checked already (see [`Engine::quote`]); `codes`: each line's code as the
/// check parsed it.
pub(crate) fn quote(engine: &Engine, req: &QuoteRequest, codes: &[HsCode]) -> Result<Quote> {
    quote_reading(engine, req, codes, None)
}

/// Quotes a request; `freight_factor`: the other reading of an unsettled personal-use valuation,
/// freight and insurance scaled by the factor (inside it) before they join the value.
fn quote_reading(
    engine: &Engine,
    req: &QuoteRequest,
    codes: &[HsCode],
    freight_factor: Option<Decimal>,
) -> Result<Quote> {
    let mut ctx = Ctx::new(engine, req)?;
    duties::check_dollar_signs(req, ctx.j.currency)?;
    ctx.freight_inside_factor = freight_factor.is_some();
    let j = ctx.j;
    ctx.note_verify(j.source.row(), j.source.is_verify());
    note_unverified_rounding(&mut ctx);
    check_assumptions(&mut ctx)?;
    note_returned_goods(&mut ctx);
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
    let convert = |a: Decimal| crate::money::round_to(crate::money::times(a, to_customs), dp, req.rounding.mode);

    let goods: Vec<Decimal> = req.lines.iter().map(|l| convert(l.quantity * l.unit_price)).collect();
    let keys = match req.allocation {
        AllocationKey::Value => Cow::Borrowed(goods.as_slice()),
        _ => Cow::Owned(allocation_keys(req, &goods)?),
    };
    let shipping_total = convert(freight_factor.map_or(req.shipping(), |f| req.shipping() * f));
    let insurance_total = convert(freight_factor.map_or(req.insurance(), |f| req.insurance() * f));
    let charges_total = convert(tax_base_charges_in_law(&mut ctx));
    // The lines' values, their shares of the shipment's charges written in place (a quote that
    // stops at an allocation's error has no use for the personal-use valuation's warnings).
    let personal = personal_use(&mut ctx);
    let mut values: Vec<LineValues> = (0..req.lines.len())
        .map(|i| LineValues {
            goods: goods[i],
            // The law's figure, not rounded: Customs Tariff Act art. 4-6(2) values the goods at
            // the retail price × 0.6 (Customs Answer 1405) and states no rounding of it; Japan
            // rounds the tax base (to ¥1,000, downwards) and the tax, which the pricing does. A
            // yen rounded by the request's policy decided art. 14 item 18's "¥10,000 or less":
            // retail ¥16,667 (10,000.2) was relieved, ¥16,668 (10,000.8) not (audit-ff FF3).
            customs_goods: match personal.filter(|p| p.covers(&req.lines[i].code)) {
                Some(p) => crate::money::at_least_scale(goods[i] * p.factor, dp),
                None => goods[i],
            },
            shipping: Decimal::ZERO,
            insurance: Decimal::ZERO,
            tax_base_charges: Decimal::ZERO,
        })
        .collect();
    allocate_into(shipping_total, &keys, dp, &mut Fields(&mut values, |v| &mut v.shipping))
        .map_err(|e| e.within("shipping"))?;
    allocate_into(insurance_total, &keys, dp, &mut Fields(&mut values, |v| &mut v.insurance))
        .map_err(|e| e.within("insurance"))?;
    // No charges (nearly always): every line's share stays zero.
    if !charges_total.is_zero() {
        allocate_into(charges_total, &keys, dp, &mut Fields(&mut values, |v| &mut v.tax_base_charges))
            .map_err(|e| e.within("tax_base_charges"))?;
    }

    note_customs_union(&mut ctx);
    let (relief, mut checks) = match ctx.movement {
        Some(m) => (no_border_relief(&mut ctx, m), Vec::new()),
        None => thresholds(&mut ctx, &values)?,
    };
    let flat_shares = flat_duty_shares(&mut ctx, &relief, &values)?;

    let mut lines = Vec::with_capacity(req.lines.len());
    // What the dearest tariff lines of partial codes add; `None` once a line's duty is not priced
    // (no top to the range: audit-ff FF9).
    let mut landed_extra = Some(Decimal::ZERO);
    for (i, line) in req.lines.iter().enumerate() {
        let share = flat_shares.get(i).cloned().flatten();
        ctx.line_at = i;
        let extra = price_line(&mut ctx, line, &codes[i], &values[i], relief.for_line(i), share, &mut lines)?;
        landed_extra = landed_extra.zip(extra).map(|(a, b)| a + b);
    }
    taxes::tax_per_item(&mut ctx, &mut lines);
    apply_min_collectible(&mut ctx, &relief, &mut lines, &mut checks);
    note_shipping_to_border(&mut ctx, &relief, &lines, shipping_total);
    note_carrier_charges(&mut ctx, &relief, &lines, &checks);
    note_transport_not_given(&mut ctx);
    let unsettled = unsettled_freight_factor(&ctx, &relief);
    let figures: Vec<Vec<Option<Decimal>>> = match unsettled {
        Some(_) => lines.iter().map(|l| l.levies.iter().map(|v| v.amount).collect()).collect(),
        None => Vec::new(),
    };
    unprice_unverified(&mut ctx, &relief, &mut lines);
    // No row by origin reaches the destination on the day (every destination but the EU's
    // members from 2026-07-01): no line's origin is looked up.
    if ctx.day.origin_rows {
        unprice_origin_duty_free(&mut ctx, &relief, &flat_shares, &mut lines);
    }
    if let Some(factor) = unsettled {
        let lower = quote_reading(engine, req, codes, Some(factor))?;
        keep_lower_bounds(&mut lines, &figures, &lower.lines, factor);
    }
    let mut levies = match ctx.movement {
        Some(m) => {
            unprice_movement_tax(m, &mut lines);
            Vec::new()
        }
        None => {
            let entered: Decimal = lines.iter().map(|l| l.customs_value).decimal_sum();
            inputs::check_entry_type(&mut ctx, entered)?;
            fees(&mut ctx, &relief, &mut lines)
        }
    };
    levies.extend(tax_base_charges(charges_total));
    unprice_substituted_fx(&ctx, &mut lines, &mut levies);
    note_weight_rounding(&mut ctx, &lines);
    let mut totals = totals(&ctx, &relief, &lines, &levies, shipping_total, insurance_total);
    note_incoterm(&mut ctx, &totals);
    // The range's top holds only when every other levy is priced: a levy with no amount (an
    // excise with no rate, a tax known only as a lower bound) leaves the quote no top (audit-nn
    // NN1: GB cigarettes of code 2402 had "max 360.00" with Tobacco Products Duty not priced).
    let all_priced = || lines.iter().flat_map(|l| &l.levies).chain(&levies).all(|l| l.amount.is_some());
    if lines.iter().any(|l| l.range.is_some()) && all_priced() {
        totals.landed_max = landed_extra.map(|extra| totals.landed + extra);
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
        ctx.warn(Detail::DisplayFx);
    }
    inputs::unused_fx(&mut ctx);
    inputs::unused_request_fields(&mut ctx);
    // Built where it is returned from, and its datasets named in place (a quote is large: each
    // move is a copy).
    let mut quote = Quote {
        snapshot_id: Cow::Borrowed(engine.snapshot_id_str()),
        as_of: req.date,
        destination: Cow::Borrowed(j.country),
        currency,
        request_currency: req.currency,
        incoterm: req.incoterm(),
        rounding: req.rounding,
        destination_rounding: destination_rounding(&ctx.rounding),
        allocation: req.allocation,
        value_basis: ValueBasis {
            duty: j.duty_basis,
            tax: j.tax_basis,
            tax_method: j.tax_method,
            source: Cow::Borrowed(j.source.publisher),
        },
        fx: ctx.fx_used,
        thresholds: checks,
        lines,
        levies,
        totals,
        display,
        warnings: ctx.warnings,
        datasets: Vec::new(),
    };
    with_datasets(engine, &mut quote, j.tariff, j.additional_duties == AdditionalDuties::UsChapter99);
    Ok(quote)
}

/// The destination's rounding rules in force, as the quote states them (audit-g G4: a Japanese
/// quote declared only the request's `half_up` per line while its figures were rounded down).
fn destination_rounding(steps: &[Option<&'static Rounding>; ROUNDING_TARGETS]) -> Vec<DestinationRounding> {
    steps
        .iter()
        .flatten()
        .map(|r| DestinationRounding {
            applies_to: Cow::Borrowed(r.target.as_str()),
            mode: Cow::Borrowed(r.mode.as_str()),
            step: r.step,
            source: Cow::Owned(format!("{} ({})", r.source.row(), r.source.publisher)),
        })
        .collect()
}

/// Names the datasets the quote used with their age on its date, and warns for stale ones
/// (`W_STALE_DATA`; a tariff already reported by `W_OLD_TARIFF` is not reported twice).
fn with_datasets(engine: &Engine, q: &mut Quote, tariff: Option<&str>, us_layers: bool) {
    let old_tariff = q.warnings.iter().any(|w| w.code == WarningCode::OldTariff);
    let mut warnings = std::mem::take(&mut q.warnings);
    q.datasets = engine.datasets().list_for_quote(q, tariff, us_layers, &mut warnings, old_tariff);
    q.warnings = warnings;
}
