//! Warnings: a stable code ([`WarningCode`]) and a message kept as typed fields, rendered to text
//! only when read (serialized, displayed, or borrowed as a `String`). A quote whose warnings
//! nobody reads never formats them.

use crate::date::Date;
pub use crate::error::WarningCode;
use crate::money::Currency;
use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

/// Something the reader of a quote should know. Serializes as `{"code": "W_…", "message": "…"}`.
pub struct Warning {
    pub code: WarningCode,
    pub message: Message,
}

impl Warning {
    /// A warning from its typed parts; the code follows from them.
    pub(crate) fn new(detail: Detail) -> Warning {
        Warning { code: detail.code(), message: Message { detail, text: OnceLock::new() } }
    }

    /// The typed fields.
    pub(crate) fn detail(&self) -> &Detail {
        &self.message.detail
    }

    /// True when both say the same thing (same code and fields): a quote states it once.
    pub(crate) fn same_as(&self, detail: &Detail) -> bool {
        self.message.detail == *detail
    }
}

// Written out rather than derived: `Message` is deliberately not `Clone` (see there).
impl Clone for Warning {
    fn clone(&self) -> Warning {
        Warning {
            code: self.code,
            message: Message { detail: self.message.detail.clone(), text: self.message.text.clone() },
        }
    }
}

impl PartialEq for Warning {
    fn eq(&self, other: &Warning) -> bool {
        self.code == other.code && self.message == other.message
    }
}

impl Eq for Warning {}

impl fmt::Debug for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Warning").field("code", &self.code.as_str()).field("message", &self.message).finish()
    }
}

impl Serialize for Warning {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Warning", 2)?;
        st.serialize_field("code", &self.code)?;
        st.serialize_field("message", &self.message)?;
        st.end()
    }
}

/// A warning's message: typed fields, rendered on first read. It reads as a `String` (`as_str`,
/// `contains`, `clone` into an owned `String`), compares and serializes as its text.
///
/// Not `Clone` on purpose: `message.clone()` then yields the rendered `String`, as it did when
/// the field was a `String`.
pub struct Message {
    detail: Detail,
    text: OnceLock<String>,
}

impl Message {
    /// The text, rendered on first use.
    pub fn text(&self) -> &String {
        self.text.get_or_init(|| self.detail.to_string())
    }
}

impl std::ops::Deref for Message {
    type Target = String;
    fn deref(&self) -> &String {
        self.text()
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.text.get() {
            Some(t) => f.write_str(t),
            None => fmt::Display::fmt(&self.detail, f),
        }
    }
}

impl fmt::Debug for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.text(), f)
    }
}

impl PartialEq for Message {
    fn eq(&self, other: &Message) -> bool {
        self.detail == other.detail || self.text() == other.text()
    }
}

impl PartialEq<str> for Message {
    fn eq(&self, other: &str) -> bool {
        self.text() == other
    }
}

impl PartialEq<&str> for Message {
    fn eq(&self, other: &&str) -> bool {
        self.text() == *other
    }
}

impl Serialize for Message {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.text.get() {
            Some(t) => s.serialize_str(t),
            None => s.collect_str(&self.detail),
        }
    }
}

/// The typed fields of each warning. Row ids, threshold ids and sources borrow the rule tables,
/// which live as long as the engine.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Detail {
    /// A rule row from a secondary source.
    Verify {
        row: Cow<'static, str>,
    },
    /// A row from a secondary source that left a levy unpriced, and why.
    Unverified {
        why: String,
    },
    /// A VAT/GST rate from a secondary source.
    VerifyRate {
        country: &'static str,
        percent: Decimal,
        kind: &'static str,
        source: &'static str,
    },
    SellerCollects {
        threshold: &'static str,
    },
    /// A simplified regime whose duty and tax the seller collects at the sale (Brazil's Remessa
    /// Conforme): `band` is the band that priced the consignment, `regime` as requests name it.
    SellerCollectsRegime {
        band: &'static str,
        regime: &'static str,
    },
    Assumption {
        threshold: &'static str,
        assumption: &'static str,
    },
    /// A group's threshold (the EU's EUR 150) tested in a member state's currency at the quote's
    /// exchange rate: the member state may fix its own amount in its currency.
    ConvertedThreshold {
        threshold: &'static str,
        amount: Decimal,
        from: Currency,
        to: Currency,
        destination: &'static str,
        /// How the member state fixes the amount, by the law of the row's levy (empty: not in
        /// our sources).
        rule: &'static str,
    },
    ThresholdNotApplied {
        threshold: &'static str,
        why: String,
    },
    Territory {
        assumption: &'static str,
        source: &'static str,
    },
    AssumedSubdivision {
        destination: &'static str,
        subdivisions: Vec<&'static str>,
    },
    AssumedShipFrom {
        thresholds: Vec<&'static str>,
    },
    /// `ship_from` not given for goods whose origin would make the shipment a movement inside
    /// one customs territory or union (`rules/movements.tsv`): the quote charged an import.
    ImportFromInside {
        origin: String,
        row: &'static str,
    },
    /// `vat_class: reduced` where the destination has more than one reduced rate in force.
    ReducedRateAssumed {
        destination: &'static str,
        rates: Vec<Decimal>,
        /// The destination's super-reduced and parking rates, which `vat_class` cannot select.
        others: Vec<Decimal>,
    },
    FxFallback {
        reason: String,
    },
    StaleFx {
        from: Currency,
        to: Currency,
        rate_date: Date,
        age_days: i64,
    },
    /// The destination's rounding rows read from a secondary source (`verify`), not applied.
    RoundingNotApplied {
        rows: String,
    },
    /// A threshold tested on a value converted at a daily stand-in older than its stale limit.
    ThresholdAtStaleFx {
        threshold: &'static str,
        rate_date: Date,
        age_days: i64,
    },
    /// A customs value converted at the ECB reference rate (`fx_method` `ecb_daily`), which
    /// stands in for the rate the destination's law prescribes (docs/rules.md §8).
    FxStandIn {
        from: Currency,
        to: Currency,
        destination: &'static str,
        rate_date: Date,
        /// The first fixing of an average (`rate_date` the last), for a weekly stand-in.
        averaged_from: Option<Date>,
        /// The legal rate in words, where the method says it (`FxMethod::legal_rate`).
        legal: &'static str,
    },
    DisplayFx,
    DutyRateOverride {
        line: String,
        rate: String,
        replaced: String,
    },
    OldTariff {
        tariff: &'static str,
        vintage: Date,
        as_of: Date,
    },
    HsCorrelation {
        line: String,
        note: String,
        source: String,
    },
    PartialCode {
        line: String,
        code: String,
        lines: usize,
        tariff: &'static str,
        duties: usize,
    },
    CallerDuties {
        line: String,
        count: usize,
    },
    ProvincialTax {
        subdivision: String,
        why: &'static str,
    },
    /// The uplift applied for want of `ship_from`, or (`origin`: the row waives it only for goods
    /// also originating in a `not_from` country, shipped from one) of the line's origin.
    UpliftAssumed {
        uplift: &'static str,
        percent: Decimal,
        not_from: &'static [&'static str],
        origin: bool,
    },
    FeeNeedsTransport {
        fee: &'static str,
        modes: Vec<&'static str>,
        row: &'static str,
    },
    OldRule {
        row: &'static str,
        vintage: Date,
    },
    FeeUnknown {
        why: String,
    },
    /// A preference claim applied, and the condition it rests on.
    Claim {
        line: String,
        condition: String,
    },
    /// A claim on goods shipped from a country that is neither the destination, the origin nor
    /// a party of the programme: it holds only if they met the programme's transit rule.
    ClaimTransit {
        line: String,
        programme: &'static str,
        name: &'static str,
        ship_from: String,
        rule: String,
    },
    /// A tariff line under a claimed code without the programme's rate.
    ClaimNoRate {
        line: String,
        code: String,
        programme: &'static str,
        general: &'static str,
    },
    /// The shipment crosses no customs border (a row of `rules/movements.tsv`): no duty, no
    /// import fees; `no_tax` when the destination has no VAT/GST in the engine (the US).
    NoCustomsBorder {
        movement: &'static str,
        ship_from: String,
        destination: &'static str,
        source: &'static str,
        no_tax: bool,
    },
    /// All of the request's shipping was put in the customs value, as transport to the border
    /// (by air into the EU, Annex 23-01's share would be).
    ShippingToBorder {
        destination: &'static str,
        annex_23_01: bool,
        /// The destination's law puts costs beyond the border in the import tax base
        /// (`tax_base_costs`): the part of the charge beyond it belongs in `tax_base_charges`.
        beyond_in_tax_base: bool,
    },
    /// A gift over a gift relief's amount holds items within it alone, which the relief's law may
    /// relieve item by item: not modelled.
    GiftItemsOverRelief {
        threshold: &'static str,
        amount: Decimal,
        currency: Currency,
    },
    /// Lines whose origin is the destination's own (or its customs union's): returned goods may be
    /// relieved, which no input claims yet, so they are priced as foreign goods.
    ReturnedGoods {
        /// The lines' ids, `a, b`.
        lines: String,
        destination: &'static str,
        /// The relief and its law (`rules/returned_goods.tsv`), or `None` where our data names none.
        relief: Option<(&'static str, &'static str)>,
    },
    /// The request left out `shipping` or `insurance` (or both) where the destination's customs
    /// value (`customs_value`) or else its import tax base takes transport and insurance to the
    /// border: none assumed (a delivered price; no insurance bought).
    TransportNotGiven {
        destination: &'static str,
        /// The jurisdiction row that names the law.
        row: &'static str,
        customs_value: bool,
        shipping: bool,
        insurance: bool,
    },
    /// No carrier's clearance charge was given (`tax_base_charges`) where the destination's law
    /// puts costs up to the place of destination in the import tax base.
    CarrierCharges {
        destination: &'static str,
        law: &'static str,
    },
    /// What the movement row assumes.
    MovementAssumption {
        movement: &'static str,
        assumption: &'static str,
    },
    /// Which tariff prices a line where the law gives two (Japan's simplified tariff for small
    /// consignments), why, and the other's rate; `line` `*`: the request's `tariff` choice.
    Tariff {
        line: String,
        note: String,
    },
    /// A US line whose article text states a unit value bracket (HTSUS "Valued over $3 but not
    /// over $6.50/pair"), and what the line's own unit value says of it (`note`, rendered by
    /// `quote::brackets`).
    ValueBracket {
        line: String,
        note: String,
    },
    /// A caller's excise entry answering an excise row whose law names a base (`excise.tsv`'s
    /// `base`) takes its percentage on another (`given`; the customs value when it names none).
    CallerExciseBase {
        line: String,
        entry: String,
        row: &'static str,
        law: &'static str,
        given: &'static str,
    },
    /// An input the request gave that the quote did not use (`field` names it), and why.
    InputUnused {
        field: String,
        why: String,
    },
    /// A line's `units` entry, `volume_l` or `alcohol_pct` that no levy read (`W_INPUT_UNUSED`,
    /// as [`Detail::InputUnused`] words it): typed, so a cart whose warnings nobody reads never
    /// formats them.
    QuantityUnused {
        /// The line's index in the request.
        line: usize,
        input: UnusedQuantity,
        hint: QuantityHint,
        /// The line's excises listed without an amount: those without a rate (a rate per this
        /// quantity given for one would read the value, so it is not called unused, fix-r) and
        /// those with a figure from a secondary source (fix-cc).
        listed: ListedExcises,
    },
    StaleData {
        dataset: &'static str,
        publisher: &'static str,
        vintage: &'static str,
        age_days: i64,
        period_days: u32,
        as_of: Date,
    },
}

impl Detail {
    /// The stable code of this warning.
    pub(crate) fn code(&self) -> WarningCode {
        use WarningCode as W;
        match self {
            Detail::Verify { .. } | Detail::VerifyRate { .. } | Detail::Unverified { .. } => W::Verify,
            Detail::SellerCollects { .. } | Detail::SellerCollectsRegime { .. } => W::SellerCollects,
            Detail::Assumption { .. } | Detail::ConvertedThreshold { .. } | Detail::RoundingNotApplied { .. } => {
                W::Assumption
            }
            Detail::ThresholdNotApplied { .. } => W::ThresholdNotApplied,
            Detail::Territory { .. } => W::Territory,
            Detail::AssumedSubdivision { .. } => W::AssumedSubdivision,
            Detail::AssumedShipFrom { .. } | Detail::ImportFromInside { .. } => W::AssumedShipFrom,
            Detail::ReducedRateAssumed { .. } => W::ReducedRateAssumed,
            Detail::FxFallback { .. } => W::FxFallback,
            Detail::StaleFx { .. } | Detail::ThresholdAtStaleFx { .. } => W::StaleFx,
            Detail::FxStandIn { .. } => W::Assumption,
            Detail::DisplayFx => W::DisplayFx,
            Detail::DutyRateOverride { .. } => W::DutyRateOverride,
            Detail::OldTariff { .. } => W::OldTariff,
            Detail::HsCorrelation { .. } => W::HsCorrelation,
            Detail::PartialCode { .. } => W::PartialCode,
            Detail::CallerDuties { .. } => W::CallerDuties,
            Detail::ProvincialTax { .. } => W::ProvincialTax,
            Detail::UpliftAssumed { .. } => W::UpliftAssumed,
            Detail::FeeNeedsTransport { .. } => W::FeeNeedsTransport,
            Detail::OldRule { .. } => W::OldRule,
            Detail::FeeUnknown { .. } => W::FeeUnknown,
            Detail::StaleData { .. } => W::StaleData,
            Detail::Tariff { .. } => W::Tariff,
            Detail::Claim { .. } => W::Claim,
            Detail::ClaimTransit { .. } => W::ClaimTransit,
            Detail::ClaimNoRate { .. } => W::ClaimNoRate,
            Detail::NoCustomsBorder { .. } => W::NoCustomsBorder,
            Detail::MovementAssumption { .. } => W::MovementAssumption,
            Detail::ShippingToBorder { .. }
            | Detail::TransportNotGiven { .. }
            | Detail::CarrierCharges { .. }
            | Detail::GiftItemsOverRelief { .. }
            | Detail::ReturnedGoods { .. }
            | Detail::CallerExciseBase { .. } => W::Assumption,
            Detail::InputUnused { .. } | Detail::QuantityUnused { .. } => W::InputUnused,
            Detail::ValueBracket { .. } => W::ValueBracket,
        }
    }
}

/// Which of a line's quantity inputs no levy read ([`Detail::QuantityUnused`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum UnusedQuantity {
    /// A `units` entry: its key as given, and the measure it resolved to.
    Units {
        key: String,
        measure: crate::units::Measure,
    },
    Volume,
    /// `weight_kg`: no levy per kg, no allocation by weight.
    Weight,
    Alcohol,
    /// `acetic_acid_pct`: no levy per proof liter of vinegar (HTSUS 2209).
    AceticAcid,
    /// `acetic_acid_pct` beside a duty per proof liter of vinegar that lacks `volume_l`.
    AceticAcidWithoutVolume,
    /// `fuel_l_per_100km`: no excise of the line differs by a car's fuel consumption.
    Fuel,
}

/// An excise of a line listed without an amount ([`Detail::QuantityUnused`]), as "name (row)":
/// the levy's name and source, written when the warning is (a copy of a rule row's needs no
/// allocation).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ListedExcise {
    pub(crate) name: super::Note,
    pub(crate) source: super::LevySource,
    /// Listed with a figure from a secondary source (a `verify` rate row, not priced): its rate
    /// is known in form and reads no such quantity, so it is never called "listed without a
    /// rate" (fix-cc; the AU luxury car tax of 2026-27 was).
    pub(crate) with_figure: bool,
}

/// A line's [`ListedExcise`]s, one list shared by the line's unused-input warnings (a wine
/// line's weight and strength name the same Alcohol Duty: a copy each was an allocation); none
/// allocates nothing, one is a single allocation. Reads as a slice.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ListedExcises(Option<std::sync::Arc<[ListedExcise]>>);

impl ListedExcises {
    /// A list of one excise (the common case: made in place, not collected and copied).
    pub(crate) fn one(excise: ListedExcise) -> ListedExcises {
        ListedExcises(Some(std::sync::Arc::new([excise])))
    }
}

impl From<Vec<ListedExcise>> for ListedExcises {
    fn from(list: Vec<ListedExcise>) -> ListedExcises {
        ListedExcises((!list.is_empty()).then(|| list.into()))
    }
}

impl std::ops::Deref for ListedExcises {
    type Target = [ListedExcise];
    fn deref(&self) -> &[ListedExcise] {
        self.0.as_deref().unwrap_or_default()
    }
}

impl fmt::Display for ListedExcise {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.source.row())
    }
}

/// What a [`Detail::QuantityUnused`] adds: the quantities the line's duty asks for and lacks
/// (`Unpriced::Quantity`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum QuantityHint {
    None,
    Asks(Vec<crate::units::Measure>),
}

/// `a, b, c` (or `a/b` with another separator).
struct Joined<'a>(&'a [&'a str], &'a str);

impl fmt::Display for Joined<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(self.1)?;
            }
            f.write_str(s)?;
        }
        Ok(())
    }
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Detail::Verify { row } => write!(f, "{row} comes from a secondary source and is marked [verify]"),
            Detail::Unverified { why } => f.write_str(why),
            Detail::VerifyRate { country, percent, kind, source } => write!(
                f,
                "the {country} {}% {kind} rate comes from a secondary source [verify]: {source}",
                percent.normalize()
            ),
            Detail::SellerCollects { threshold } => write!(
                f,
                "{threshold}: the tax is collected by the seller at the sale and is part of the checkout price, under DAP as under DDP"
            ),
            Detail::SellerCollectsRegime { band, regime } => write!(
                f,
                "{band}: the duty and the tax of a {regime} consignment are collected by the seller at the sale and are part of the checkout price, under DAP as under DDP"
            ),
            Detail::Assumption { threshold, assumption } => write!(f, "{threshold}: assumes {assumption}"),
            Detail::ConvertedThreshold { threshold, amount, from, to, destination, rule } => write!(
                f,
                "{threshold}: assumes its {} {from} is the value in {to} at the exchange rate of the quote; {destination} may fix its own amount in {to}{rule}, which our sources do not give for this date",
                amount.normalize()
            ),
            Detail::Tariff { line, note } if line == "*" => f.write_str(note),
            Detail::Tariff { line, note } => write!(f, "line {line}: {note}"),
            Detail::CallerExciseBase { line, entry, row, law, given } => write!(
                f,
                "line {line}: the caller's excise {entry} answers {row}, which the law takes on the base {law} (excise.tsv#{row}); its percentage was taken on {given}, as given: if the rate is the law's, give \"base\": \"{law}\" in the entry (a share of another levy, as Korea's education tax of the liquor tax: \"base\": \"levy:NAME\")"
            ),
            Detail::ThresholdNotApplied { threshold, why } => write!(f, "{threshold}: within its amount but {why}"),
            Detail::Territory { assumption, source } => write!(f, "{assumption} ({source})"),
            Detail::AssumedSubdivision { destination, subdivisions } => write!(
                f,
                "subdivision not given: {destination}'s import tax differs by province or state ({} have their own rate); this quote charges only the national rate: give subdivision",
                Joined(subdivisions, ", ")
            ),
            Detail::AssumedShipFrom { thresholds } => write!(
                f,
                "ship_from not given: thresholds that depend on the place of direct shipment ({}) are not applied: give ship_from",
                Joined(thresholds, ", ")
            ),
            Detail::ImportFromInside { origin, row } => write!(
                f,
                "ship_from not given: the goods are charged as an import from outside the customs territory; goods of {origin} shipped from {origin} would move under movements.tsv#{row} (no customs duty): give ship_from"
            ),
            Detail::ReducedRateAssumed { destination, rates, others } => {
                let shown: Vec<String> = rates.iter().map(|r| format!("{} %", r.normalize())).collect();
                let first = shown.first().map_or("", String::as_str);
                match rates.len() {
                    1 => write!(f, "vat_class reduced: {destination}'s reduced rate, {first}, is used")?,
                    _ => write!(
                        f,
                        "vat_class reduced: {destination} has several reduced rates ({}); the lowest, {first}, is used, and which one applies depends on the goods",
                        shown.join(", ")
                    )?,
                }
                if !others.is_empty() {
                    let others: Vec<String> = others.iter().map(|r| format!("{} %", r.normalize())).collect();
                    write!(
                        f,
                        "; {destination} also taxes some goods at {} (super-reduced or parking rates), which vat_class cannot select",
                        others.join(", ")
                    )?;
                }
                f.write_str(": check it, or give vat_class standard")
            }
            Detail::FxFallback { reason } => f.write_str(reason),
            Detail::StaleFx { from, to, rate_date, age_days } => write!(
                f,
                "the newest embedded {from}/{to} rate is of {rate_date}, {age_days} days before the as-of date: pass fx {{\"{from}/{to}\": \"…\"}} for the rate of the day"
            ),
            Detail::RoundingNotApplied { rows } => write!(
                f,
                "rounding: assumes the request's rounding; the destination's own rounding rows {rows} are read from a secondary source [verify] and not applied (docs/rules.md §11)"
            ),
            Detail::ThresholdAtStaleFx { threshold, rate_date, age_days } => write!(
                f,
                "{threshold} was decided on a value converted at the ECB reference rate of {rate_date}, {age_days} days before the as-of date (the newest the data holds): at the rate of the day the value may fall on the other side of its amount; pass fx for the rate of the day"
            ),
            Detail::FxStandIn { from, to, destination, rate_date, averaged_from, legal } => {
                match averaged_from {
                    Some(first) => write!(f, "fx {from}/{to}: assumes the average of the ECB reference rates of {first} to {rate_date}")?,
                    None => write!(f, "fx {from}/{to}: assumes the ECB reference rate of {rate_date}")?,
                }
                write!(f, " stands in for the customs exchange rate {destination}'s law prescribes")?;
                if !legal.is_empty() {
                    write!(f, " ({legal})")?;
                }
                write!(
                    f,
                    ", which our data does not hold (docs/rules.md §8); the figures are priced on it: pass fx {{\"{from}/{to}\": \"…\"}} with the legal rate"
                )
            }
            Detail::DisplayFx => f.write_str("no display rate for the requested display currency"),
            Detail::DutyRateOverride { line, rate, replaced } => {
                write!(f, "line {line}: the caller's duty_rate {rate} replaces the tariff rate {replaced}")
            }
            Detail::OldTariff { tariff, vintage, as_of } => {
                write!(f, "the {tariff} tariff used is of {vintage}, more than a year before the as-of date {as_of}")
            }
            Detail::HsCorrelation { line, note, source } => write!(f, "line {line}: {note}; source: {source}"),
            Detail::PartialCode { line, code, lines, tariff, duties } => write!(
                f,
                "line {line}: code {code} covers {lines} {tariff} lines with {duties} different duties: priced at the lowest, range given"
            ),
            Detail::CallerDuties { line, count } => {
                write!(f, "line {line}: {count} caller-supplied duties charged, and in the import tax's base wherever that tax is on value plus duty")
            }
            Detail::ProvincialTax { subdivision, why } => {
                write!(f, "{subdivision} provincial sales tax (PST/QST) {why}")
            }
            Detail::UpliftAssumed { uplift, percent, not_from, origin: false } => write!(
                f,
                "{uplift}: the {}% uplift of the tax base is applied; goods imported from {} get none: give ship_from",
                percent.normalize(),
                Joined(not_from, ", ")
            ),
            Detail::UpliftAssumed { uplift, percent, not_from, origin: true } => write!(
                f,
                "{uplift}: the {}% uplift of the tax base is applied; goods originating in and imported from {} get none: give origin",
                percent.normalize(),
                Joined(not_from, ", ")
            ),
            Detail::FeeNeedsTransport { fee, modes, row } => write!(
                f,
                "{fee} depends on how the goods travel ({} shipments pay it) and is not priced: give transport ({row})",
                Joined(modes, "/")
            ),
            Detail::OldRule { row, vintage } => {
                write!(f, "{row} uses figures of {vintage}, more than a year before the as-of date")
            }
            Detail::FeeUnknown { why } => f.write_str(why),
            Detail::Claim { line, condition } => write!(f, "line {line}: {condition}"),
            Detail::ClaimTransit { line, programme, name, ship_from, rule } => write!(
                f,
                "line {line}: the claim under {programme} ({name}) is conditional: the goods are shipped from {ship_from}, neither the destination, their origin nor a party, so they keep their preferential origin only under {rule}; the claim fails if they did not (the transport documents, a through bill of lading or the non-party's customs control, prove it); goods shipped directly from a party: give that country as ship_from"
            ),
            Detail::ClaimNoRate { line, code, programme, general } => {
                write!(f, "line {line}: {code} has no {programme} rate: it keeps the general rate {general}")
            }
            Detail::NoCustomsBorder { movement, ship_from, destination, source, no_tax } => {
                write!(
                    f,
                    "{movement}: goods shipped from {ship_from} to {destination} cross no customs border: no customs duty, no import fees ({source})"
                )?;
                match no_tax {
                    true => write!(f, "; {destination} has no VAT/GST in this engine: no tax is priced"),
                    false => Ok(()),
                }
            }
            Detail::MovementAssumption { movement, assumption } => write!(f, "{movement}: assumes {assumption}"),
            Detail::GiftItemsOverRelief { threshold, amount, currency } => write!(
                f,
                "{threshold}: assumes none of the gift's items is relieved: they are over {} {currency} together, though some alone are not; where the relief's law grants it to the items that fit within the amount (the EU's duty relief: Reg. (EC) 1186/2009 art. 26(2)), the levies charged on those items are too high (not modelled)",
                crate::money::format_grouped(*amount)
            ),
            Detail::ReturnedGoods { lines, destination, relief } => {
                let (line, is, its) = match lines.contains(", ") {
                    true => ("lines", "are", "their"),
                    false => ("line", "is", "its"),
                };
                write!(f, "returned_goods: assumes {line} {lines} {is} not returned goods: {its} origin is {destination}'s own, and ")?;
                match relief {
                    Some((relief, row)) => write!(f, "{relief} ({row})")?,
                    None => write!(
                        f,
                        "goods exported and re-imported unaltered are often relieved of duty by the destination's law, which our data does not name"
                    )?,
                }
                write!(
                    f,
                    "; the relief is not modelled and no input claims it (a returned-goods input does not exist yet), so duty and tax are charged as on foreign goods"
                )
            }
            Detail::TransportNotGiven { destination, row, customs_value, shipping, insurance } => {
                let base = match customs_value {
                    true => "customs value",
                    false => "import tax base",
                };
                match (shipping, insurance) {
                    (true, false) => write!(
                        f,
                        "shipping: assumes none (shipping not given): the price is taken to include all transport of the goods to {destination} (a delivered price), so nothing is added for transport to the {base}, which {destination}'s law puts it in ({row}): give the charge in shipping, or \"0\" when the price does include it"
                    ),
                    (false, _) => write!(
                        f,
                        "insurance: assumes none was bought (insurance not given), so nothing is added for insurance to the {base}, which {destination}'s law puts its cost in when it is incurred ({row}): give it in insurance, or \"0\" when none was bought"
                    ),
                    (true, true) => write!(
                        f,
                        "shipping, insurance: assume none (not given): the price is taken to include all transport of the goods to {destination} (a delivered price) and no insurance to have been bought, so nothing is added for either to the {base}, which {destination}'s law puts them in (insurance when it is incurred; {row}): give them in shipping and insurance, or \"0\" for none"
                    ),
                }
            }
            Detail::CarrierCharges { destination, law } => write!(
                f,
                "tax_base_charges: assumes no carrier's charge for clearing the consignment (customs declaration, presentation or handling fee) is in the import tax base; {destination}'s law adds costs up to the place of destination to that base ({law}), and a postal or courier carrier usually charges one where tax is due at the border: give it in tax_base_charges"
            ),
            Detail::ShippingToBorder { destination, annex_23_01, beyond_in_tax_base } => {
                write!(
                    f,
                    "shipping: assumes all of it is transport to the place where the goods enter the customs territory ({destination}), so all of it is in the customs value "
                )?;
                match beyond_in_tax_base {
                    true => f.write_str("(transport beyond that place is not: give that part of the charge in tax_base_charges, which the import tax base still includes)")?,
                    false => f.write_str("(transport beyond that place is not, nor is it in the import tax base: leave that part of the charge out of shipping)")?,
                }
                match annex_23_01 {
                    true => write!(f, "; by air only the share of the air transport cost that Annex 23-01 to Regulation (EU) 2015/2447 sets for the departure zone is (art. 138(2); that table is not in our data), so the duty on shipping may be lower"),
                    false => Ok(()),
                }
            }
            Detail::InputUnused { field, why } => write!(f, "{field}: {why}"),
            Detail::QuantityUnused { line, input: UnusedQuantity::Fuel, .. } => write!(
                f,
                "lines[{line}].fuel_l_per_100km: no levy of this line depends on a car's fuel consumption, so the value was not used"
            ),
            Detail::QuantityUnused { line, input: UnusedQuantity::Weight, hint: QuantityHint::Asks(asked), listed }
                if listed.iter().all(|l| l.with_figure)
                    && asked.iter().any(|m| m.dimension == crate::units::Dimension::Mass) =>
            {
                // A duty per kg of another weight (Switzerland's per 100 kg gross): the line's
                // net weight is not read as it (audit-x X7: "no levy of this line is charged per
                // kg" was said of a duty charged per kg gross).
                write!(
                    f,
                    "lines[{line}].weight_kg: the net weight is not the weight the duty is charged on, and charges are not allocated by weight, so the value was not used: give units "
                )?;
                let masses = asked.iter().filter(|m| m.dimension == crate::units::Dimension::Mass);
                for (i, m) in masses.enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{{\"{m}\": …}}")?;
                }
                write_with_figure(f, listed, &UnusedQuantity::Weight)
            }
            Detail::QuantityUnused { input: UnusedQuantity::AceticAcidWithoutVolume, line, .. } => write!(
                f,
                "lines[{line}].acetic_acid_pct: not used: volume_l is missing (the duty is charged per proof liter of vinegar, worked out from volume_l and acetic_acid_pct)"
            ),
            Detail::QuantityUnused { line, input, hint, listed } => {
                let without_rate = listed.iter().filter(|l| !l.with_figure);
                let levy = match without_rate.clone().next().is_none() {
                    true => "no levy of this line",
                    false => "no levy priced on this line",
                };
                match input {
                    UnusedQuantity::Units { key, measure } => {
                        write!(f, "lines[{line}].units.{key}: {levy} is charged per {measure}")?
                    }
                    UnusedQuantity::Volume => write!(
                        f,
                        "lines[{line}].volume_l: {levy} is charged per litre, and charges are not allocated by volume"
                    )?,
                    UnusedQuantity::Weight => write!(
                        f,
                        "lines[{line}].weight_kg: {levy} is charged per kg, and charges are not allocated by weight"
                    )?,
                    UnusedQuantity::Alcohol => write!(
                        f,
                        "lines[{line}].alcohol_pct: {levy} is charged per litre of pure alcohol worked out from it"
                    )?,
                    UnusedQuantity::AceticAcid | UnusedQuantity::AceticAcidWithoutVolume => write!(
                        f,
                        "lines[{line}].acetic_acid_pct: {levy} is charged per proof liter of vinegar worked out from it"
                    )?,
                    UnusedQuantity::Fuel => {}
                }
                match without_rate.clone().count() {
                    0 => f.write_str(", so the value was not used")?,
                    n => {
                        f.write_str("; ")?;
                        for (i, l) in without_rate.enumerate() {
                            if i > 0 {
                                f.write_str(", ")?;
                            }
                            write!(f, "{l}")?;
                        }
                        let (verb, which) = if n == 1 { ("is", "it") } else { ("are", "one of them") };
                        write!(f, " {verb} listed without a rate, and a rate ")?;
                        match input {
                            UnusedQuantity::Units { measure, .. } => write!(f, "per {measure}")?,
                            UnusedQuantity::Volume => f.write_str("per litre")?,
                            UnusedQuantity::Weight => f.write_str("per kg")?,
                            UnusedQuantity::Alcohol => f.write_str("per litre of pure alcohol")?,
                            UnusedQuantity::AceticAcid | UnusedQuantity::AceticAcidWithoutVolume => {
                                f.write_str("per proof liter of vinegar")?
                            }
                            UnusedQuantity::Fuel => {}
                        }
                        write!(f, " given for {which} in extra_duties (\"kind\": \"excise\") would read the value")?
                    }
                }
                write_with_figure(f, listed, input)?;
                match hint {
                    QuantityHint::None => Ok(()),
                    QuantityHint::Asks(measures) => {
                        f.write_str(": the duty asks for ")?;
                        for (i, m) in measures.iter().enumerate() {
                            if i > 0 {
                                f.write_str(", ")?;
                            }
                            write!(f, "units {{\"{m}\": …}}")?;
                        }
                        Ok(())
                    }
                }
            }
            Detail::ValueBracket { line, note } => write!(f, "line {line}: {note}"),
            Detail::StaleData { dataset, publisher, vintage, age_days, period_days, as_of } => write!(
                f,
                "{dataset} ({publisher}) is of {vintage}, {age_days} days before the as-of date {as_of}; its publisher issues a new edition about every {period_days} days, so figures from it may have changed"
            ),
        }
    }
}

/// Names the excises of `listed` with a figure from a secondary source, after an unused
/// quantity: "; Luxury car tax (excise_rates.tsv#au-lct-2026-27) is listed with a figure from a
/// secondary source, not priced, and its rate is not per kg" (fix-cc: it was called "listed
/// without a rate").
fn write_with_figure(f: &mut fmt::Formatter<'_>, listed: &[ListedExcise], input: &UnusedQuantity) -> fmt::Result {
    let with_figure = listed.iter().filter(|l| l.with_figure);
    let n = with_figure.clone().count();
    if n == 0 {
        return Ok(());
    }
    f.write_str("; ")?;
    for (i, l) in with_figure.enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{l}")?;
    }
    let (verb, whose) = if n == 1 { ("is", "its rate is") } else { ("are", "their rates are") };
    write!(f, " {verb} listed with a figure from a secondary source, not priced, and {whose} not ")?;
    match input {
        UnusedQuantity::Units { measure, .. } => write!(f, "per {measure}"),
        UnusedQuantity::Volume => f.write_str("per litre"),
        UnusedQuantity::Weight => f.write_str("per kg"),
        UnusedQuantity::Alcohol => f.write_str("per litre of pure alcohol"),
        UnusedQuantity::AceticAcid | UnusedQuantity::AceticAcidWithoutVolume => {
            f.write_str("per proof liter of vinegar")
        }
        UnusedQuantity::Fuel => f.write_str("chosen by fuel consumption"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// An excise listed under `name`, from the rule row `row` (`excise.tsv#…`).
    fn listed(name: &'static str, row: &'static str, with_figure: bool) -> ListedExcise {
        let dataset = std::borrow::Cow::Owned(format!("tariffs/rules/{row}"));
        let source =
            super::super::LevySource::Owned(Box::new(crate::provenance::Provenance { dataset, ..Default::default() }));
        ListedExcise { name: name.into(), source, with_figure }
    }

    /// A quantity no levy read is typed (`Detail::QuantityUnused`) and renders the text the
    /// eager `InputUnused { field, why }` carried (residue-16's wording, unchanged).
    #[test]
    fn an_unused_quantity_renders_as_the_input_unused_text() {
        use crate::units::{Dimension, Measure};
        let kg = Measure::net(Dimension::Mass);
        let cases = [
            (
                Detail::QuantityUnused {
                    line: 2,
                    input: UnusedQuantity::Units { key: "kg".into(), measure: kg },
                    hint: QuantityHint::None,
                    listed: ListedExcises::default(),
                },
                "lines[2].units.kg: no levy of this line is charged per kg, so the value was not used",
            ),
            (
                Detail::QuantityUnused {
                    line: 0,
                    input: UnusedQuantity::Volume,
                    hint: QuantityHint::Asks(vec![kg, Measure::net(Dimension::Volume)]),
                    listed: ListedExcises::default(),
                },
                "lines[0].volume_l: no levy of this line is charged per litre, and charges are not allocated by volume, so the value was not used: the duty asks for units {\"kg\": …}, units {\"l\": …}",
            ),
            (
                Detail::QuantityUnused {
                    line: 1,
                    input: UnusedQuantity::Alcohol,
                    hint: QuantityHint::None,
                    listed: vec![listed("Alcohol Duty", "excise.tsv#gb-alcohol-duty", false)]
                        .into(),
                },
                "lines[1].alcohol_pct: no levy priced on this line is charged per litre of pure alcohol worked out from it; Alcohol Duty (excise.tsv#gb-alcohol-duty) is listed without a rate, and a rate per litre of pure alcohol given for it in extra_duties (\"kind\": \"excise\") would read the value",
            ),
            (
                Detail::QuantityUnused {
                    line: 0,
                    input: UnusedQuantity::Weight,
                    hint: QuantityHint::None,
                    listed: ListedExcises::default(),
                },
                "lines[0].weight_kg: no levy of this line is charged per kg, and charges are not allocated by weight, so the value was not used",
            ),
            (
                Detail::QuantityUnused {
                    line: 0,
                    input: UnusedQuantity::Weight,
                    hint: QuantityHint::None,
                    listed: vec![listed("Luxury car tax", "excise_rates.tsv#au-lct-2026-27", true)]
                    .into(),
                },
                "lines[0].weight_kg: no levy of this line is charged per kg, and charges are not allocated by weight, so the value was not used; Luxury car tax (excise_rates.tsv#au-lct-2026-27) is listed with a figure from a secondary source, not priced, and its rate is not per kg",
            ),
            (
                Detail::QuantityUnused {
                    line: 3,
                    input: UnusedQuantity::Fuel,
                    hint: QuantityHint::Asks(vec![kg]),
                    listed: vec![listed("A", "excise.tsv#a", false)].into(),
                },
                "lines[3].fuel_l_per_100km: no levy of this line depends on a car's fuel consumption, so the value was not used",
            ),
        ];
        for (detail, text) in cases {
            let w = Warning::new(detail);
            assert_eq!((w.code, w.message.as_str()), (WarningCode::InputUnused, text));
        }
    }

    #[test]
    fn a_warning_serializes_its_code_and_rendered_message() {
        let w = Warning::new(Detail::SellerCollects { threshold: "gb-low-value-vat-135" });
        assert_eq!(w.code, "W_SELLER_COLLECTS");
        assert_eq!(
            serde_json::to_string(&w).unwrap(),
            r#"{"code":"W_SELLER_COLLECTS","message":"gb-low-value-vat-135: the tax is collected by the seller at the sale and is part of the checkout price, under DAP as under DDP"}"#
        );
    }

    #[test]
    fn a_message_reads_and_clones_as_its_text() {
        let w = Warning::new(Detail::UpliftAssumed {
            uplift: "x",
            percent: dec!(10.0),
            not_from: &["CA", "MX"],
            origin: false,
        });
        let text: String = w.message.clone();
        assert_eq!(
            text,
            "x: the 10% uplift of the tax base is applied; goods imported from CA, MX get none: give ship_from"
        );
        assert!(w.message.contains("CA, MX"));
        assert_eq!(w.clone(), w);
    }
}
