//! The quote's response types: what a caller reads (and what is serialized as JSON).

use super::*;

/// A complete quote: every figure with how it was reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Quote {
    /// Content hash of the tariff and rules snapshot used.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub snapshot_id: Cow<'static, str>,
    pub as_of: Date,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub destination: Cow<'static, str>,
    /// The destination's customs currency: every amount below is in it.
    pub currency: Currency,
    /// The currency the request's amounts were given in.
    pub request_currency: Currency,
    pub incoterm: Incoterm,
    /// The request's rounding policy: it rounds every figure the destination's law does not
    /// round its own way (`destination_rounding`).
    pub rounding: RoundingPolicy,
    /// The destination's own rounding rules the figures follow in place of `rounding`, for what
    /// each applies to (`tariffs/rules/tax_rounding.tsv`): Japan's bases down to ¥1,000, each
    /// item's duty and tax down to the yen, each declaration total down to ¥100; Norway's whole
    /// kroner; the Netherlands' duty down to the cent. Absent where the destination has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub destination_rounding: Vec<DestinationRounding>,
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
    pub datasets: Vec<crate::datasets::DatasetUsed>,
}

/// A rounding rule of the destination's law, as a quote states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct DestinationRounding {
    /// What it rounds: `duty_base`, `line_amount`, `duty_in_tax_base`, `tax_base`, `part_base`,
    /// `duty_total`, `tax_total`, `duty_amount`, `weight_per_100kg` or `min_collectible` (as
    /// `tax_rounding.tsv` names them).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub applies_to: Cow<'static, str>,
    /// `down` (fractions below the step dropped), `half_up` (to the nearest step) or `up` (any
    /// fraction counts as a whole step).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub mode: Cow<'static, str>,
    /// The step, in the destination's currency (`1000`, `1`, `0.01`); in kg for
    /// `weight_per_100kg` (`0.1`).
    pub step: Decimal,
    /// The row (`tax_rounding.tsv#jp-duty-base`) and the law it cites.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub source: Cow<'static, str>,
}

/// The destination's value bases.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct ValueBasis {
    pub duty: DutyBasis,
    pub tax: TaxBasis,
    pub tax_method: TaxMethod,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub source: Cow<'static, str>,
}

/// A threshold and its outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct ThresholdCheck {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub id: Cow<'static, str>,
    pub effect: ThresholdEffect,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub limit: Note,
    /// The consignment's value as compared, in the threshold's currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
    pub applies: bool,
    /// Why a threshold within its amount still did not apply (origin, item value), or what
    /// applying it assumes.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub note: Option<Note>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub source: Cow<'static, str>,
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
    /// The request's line id ([`LineId`]: held inline when short).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub id: LineId,
    pub status: LineStatus,
    /// Why the line is not fully priced, and what input would fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub missing: Vec<Unpriced>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub code: HsCode,
    /// The published tariff line used.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub matched_code: Option<HsCode>,
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
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub excluded: Vec<Excluded>,
    /// Preference claims the line may qualify for; never applied silently.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub alternatives: Vec<Alternative>,
    /// The preference programme the request claimed for this line, and what it saved (boxed:
    /// rare, and a line is moved several times while it is priced).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<Box<ClaimApplied>>,
    /// For a partial code whose lines differ: the cheapest and dearest line's levies (boxed, as
    /// `claim`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<Box<Range>>,
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
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub waived: Vec<Waived>,
    /// The full saving: the column 1 saving plus every waived layer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_saving: Option<Decimal>,
    pub note: String,
}

/// A preference claim the request made for a line, as applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct ClaimApplied {
    pub program: String,
    pub name: String,
    /// The programme's rate for the code, charged instead of the general rate.
    pub rate: String,
    pub general_rate: String,
    /// The duty under the claim; absent when not priced (a programme marked `verify`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duty: Option<Decimal>,
    /// The duty at the general rate, had no claim been made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub general_duty: Option<Decimal>,
    /// What the claim saved on the duty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saving: Option<Decimal>,
    /// Additional duties (chapter 99 layers) the claim removed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub waived: Vec<Waived>,
    /// The entry fees the claim removed (the US MPF on originating goods), this line's share.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub fees_removed: Vec<FeeRemoved>,
    /// The duty saving plus every removed layer and fee; absent when one is not priced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_saving: Option<Decimal>,
    /// What the claim assumes (rules of origin met, proof of origin held).
    pub condition: String,
    pub source: String,
    /// The goods were shipped from a country that is neither the destination, the origin nor a
    /// party of the programme: the claim holds only if they met the programme's transit rule
    /// (`W_CLAIM_TRANSIT` names it). Written only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub transit_condition: bool,
}

/// An entry fee a preference claim removed: the line's share of what the entry would have paid.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct FeeRemoved {
    pub name: String,
    /// Absent when the fee's figures for the date are not in our data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    /// The law that exempts the claim's goods from the fee.
    pub source: String,
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

/// One charge on a line or a shipment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Levy {
    pub kind: LevyKind,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub name: Note,
    /// The amount the rate is applied to, and how it was built.
    pub base: Decimal,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub base_note: Note,
    /// The rate as published.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub rate: Note,
    /// Absent when the levy could not be priced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    /// When not priced: the part that could be priced (a lower bound).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partial_amount: Option<Decimal>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub formula: Note,
    /// Where the rate comes from (written as its citation: publisher, dataset, vintage).
    #[serde(serialize_with = "crate::quote::cited_levy")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Citation"))]
    pub source: crate::quote::LevySource,
    /// True when the levy was made not priced for a stated reason: its figure (if any) stays in
    /// `formula` followed by "not priced" and why, and a later rule that unprices it adds its own
    /// reason there (docs/rules.md#not-priced). A levy listed without an amount for want of data
    /// or an input (a rate not encoded, a question not answered) is not. Not written in the JSON.
    #[serde(skip)]
    pub not_priced: bool,
}

impl Levy {
    /// A levy a relief makes not due: `amount` is the destination's zero (`0.00`), the rate reads
    /// "relieved" and the formula names the threshold (`not due: consignment within {id}
    /// ({publisher})`), the source is the threshold's row.
    pub(crate) fn relieved(
        kind: LevyKind,
        name: Note,
        (base, base_note): (Decimal, Note),
        threshold: &'static crate::rules::Threshold,
        zero: Decimal,
    ) -> Levy {
        Levy {
            kind,
            name,
            base,
            base_note,
            rate: "relieved".into(),
            amount: Some(zero),
            partial_amount: None,
            formula: Note::new(crate::quote::explain::Parts::NotDue {
                threshold: threshold.id,
                source: threshold.source.publisher,
            }),
            source: (&threshold.source).into(),
            not_priced: false,
        }
    }
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
    /// GST, VOEC, …), with the duty where a simplified regime's seller collects it too (Brazil's
    /// Remessa Conforme): part of the checkout price under DAP and DDP alike.
    pub collected_at_sale: Decimal,
    /// The part of `collected_at_sale` that is duty: a simplified regime whose seller collects
    /// the duty with the tax at the sale (Brazil's Remessa Conforme, `duty_bands.tsv`
    /// `collected_at`). Absent when the seller collects no duty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duty_collected_at_sale: Option<Decimal>,
    /// The threshold (or duty band) row that made the seller collect it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub collected_at_sale_rule: Option<Note>,
    /// Tax the buyer, a VAT-registered business, accounts for on its own VAT return (reverse
    /// charge: GB ≤ £135 sold to a business): not in the checkout price, not due on delivery, not
    /// in `tax`, `landed` nor `buyer_total` (deducted on the same return by a fully taxable
    /// business: the quote states it). Absent when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reverse_charged: Option<Decimal>,
    /// The threshold row that puts the tax on the buyer's return.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub reverse_charged_rule: Option<Note>,
    /// Everything the buyer pays at checkout (DDP: goods, transport, duty, tax, fees; DAP: goods,
    /// transport and any tax collected at the sale).
    pub landed: Decimal,
    /// Duty, tax and fees due on delivery (DAP); zero under DDP.
    pub due_on_delivery: Decimal,
    /// What the buyer pays in all: checkout plus delivery (compare DAP with DDP on this).
    pub buyer_total: Decimal,
    /// With partial codes: the landed total at the dearest line under each; absent when a line's
    /// duty is not priced (the range has no top).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub landed_max: Option<Decimal>,
    /// False when a line is partial or not priced.
    pub complete: bool,
    /// True when the totals are lower bounds: an incomplete line's levies count only for the
    /// part known ("at least"), and the levies not priced add nothing.
    pub at_least: bool,
}
