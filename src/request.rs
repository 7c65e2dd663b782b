//! The quote request: the public JSON contract, and its validation into errors that name the
//! field at fault.
//!
//! Amounts are decimal strings (`"49.99"`) or JSON numbers (`49.99`), either read exactly from
//! its text (`0.1` is one tenth, never a float's neighbour of it); an exponent means one number
//! only and is accepted (`1e2` and `"1e2"` are 100); a comma or `_` is refused (`E_AMOUNT`), as is
//! a number with more digits than a decimal holds. Fields left out take the defaults their
//! `#[serde(default)]` shows (also what the TypeScript declarations mark optional).

mod decode;
pub(crate) use decode::billed as decode_billed;

use crate::allocation::AllocationKey;
use crate::date::Date;
use crate::error::{shown, Error, ErrorCode, Result};
use crate::hs::HsCode;
use crate::money::{Currency, RoundingPolicy};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// Most lines a single request may carry.
pub const MAX_LINES: usize = 100_000;

pub use crate::units::MAX_INPUT;
/// Largest value of one line (quantity × unit price), shipping or insurance (10^15).
pub const MAX_VALUE: i64 = 1_000_000_000_000_000;

/// A caller's exchange rate lies within 10^-6..10^6 (the widest real pair, VND per KWD, is under
/// 10^5), so a value converted through it, or through its inverse, cannot overflow.
pub const MAX_FX_DIGITS: u32 = 6;

// The checks are inlined where every line makes them (`#[inline]` alone left `at_most` a call,
// some 23 instructions, three a line); the errors are built out of line (a check that builds its
// error in place saves and restores registers for it on every call).
#[cfg_attr(target_arch = "wasm32", inline)]
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
fn at_most(v: Decimal, max: i64, field: &str) -> Result<()> {
    if exceeds(v, max) {
        return Err(too_large(v, max, field));
    }
    Ok(())
}

/// `v > max`, from the mantissa and scale alone (every line checks several amounts; building a
/// `Decimal` of `max` and comparing the two costs several times more). A mantissa of at most
/// `max` is answered inline, the rest by [`exceeds_parts`].
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
fn exceeds(v: Decimal, max: i64) -> bool {
    let mantissa = v.mantissa();
    mantissa > i128::from(max) && exceeds_parts(mantissa, v.scale(), max)
}

/// A quantity this large or less keeps quantity × unit_price within [`MAX_VALUE`] whatever the
/// unit price (at most [`MAX_INPUT`]).
const QUANTITY_WITHIN_ANY_PRICE: i64 = MAX_VALUE / MAX_INPUT;

/// `a × b > max`, without building the product as a `Decimal`, when the product is exact in
/// integers (both mantissas under 2^63, the product under 2^96 at a scale of at most 28: then
/// `rust_decimal`'s product is that very value); `None` otherwise.
fn product_exceeds(a: Decimal, b: Decimal, max: i64) -> Option<bool> {
    let (ma, mb) = (i64::try_from(a.mantissa()).ok()?, i64::try_from(b.mantissa()).ok()?);
    let scale = a.scale() + b.scale();
    let mantissa = i128::from(ma) * i128::from(mb);
    if scale > 28 || mantissa.unsigned_abs() >= 1 << 96 {
        return None;
    }
    Some(exceeds_parts(mantissa, scale, max))
}

/// [`exceeds`] of the value `mantissa` ÷ 10^`scale`.
fn exceeds_parts(mantissa: i128, scale: u32, max: i64) -> bool {
    let max = i128::from(max);
    if mantissa <= max {
        // v = mantissa ÷ 10^scale ≤ mantissa (the scale is never negative).
        return false;
    }
    // v > max ⇔ mantissa > max × 10^scale; a product past i128 is beyond any 96-bit mantissa.
    10i128.checked_pow(scale).and_then(|p| max.checked_mul(p)).is_some_and(|limit| mantissa > limit)
}

#[cold]
#[inline(never)]
fn too_large(v: Decimal, max: i64, field: &str) -> Error {
    Error::new(ErrorCode::TooLarge, field, format!("{field} is {v}: at most {max}"))
}

/// How the goods travel; thresholds differ by channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum Channel {
    #[default]
    Courier,
    Post,
    Freight,
}

/// Who pays duty and tax: DDP puts them in the landed price, DAP shows them as due on delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum Incoterm {
    #[default]
    #[serde(alias = "ddp")]
    Ddp,
    #[serde(alias = "dap")]
    Dap,
}

/// A customs entry type (US).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum EntryType {
    Formal,
    Informal,
}

/// How the goods reach the destination; some fees apply to one mode only (the US harbor
/// maintenance fee to ocean shipments).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum Transport {
    Ocean,
    Air,
    Road,
    Rail,
    Post,
}

impl Transport {
    /// The mode as written in requests and rule tables.
    pub fn parse(text: &str) -> Option<Transport> {
        Some(match text {
            "ocean" => Transport::Ocean,
            "air" => Transport::Air,
            "road" => Transport::Road,
            "rail" => Transport::Rail,
            "post" => Transport::Post,
            _ => return None,
        })
    }

    /// The mode's name.
    pub fn name(self) -> &'static str {
        match self {
            Transport::Ocean => "ocean",
            Transport::Air => "air",
            Transport::Road => "road",
            Transport::Rail => "rail",
            Transport::Post => "post",
        }
    }
}

/// A simplified import regime for small consignments the caller says applies (Brazil's RTS,
/// and its Remessa Conforme bands for sellers in the compliance programme).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum SimplifiedRegime {
    /// Brazil's Regime de Tributação Simplificada (postal or air-courier consignments).
    Rts,
    /// RTS bought from an e-commerce seller in the Programa Remessa Conforme.
    RemessaConforme,
}

impl SimplifiedRegime {
    /// The regime as written in requests and rule tables.
    pub fn parse(text: &str) -> Option<SimplifiedRegime> {
        Some(match text {
            "rts" => SimplifiedRegime::Rts,
            "remessa_conforme" => SimplifiedRegime::RemessaConforme,
            _ => return None,
        })
    }
}

/// Which of a destination's tariffs the importer asks for where the law gives a choice (Japan:
/// the simplified tariff applies by law to a consignment of ¥200,000 or less, unless the importer
/// asks for the general tariff for all of it, Customs Tariff Act art. 3-3(1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum TariffChoice {
    /// The general tariff (and its preference columns) for the whole consignment.
    General,
    /// The simplified tariff where the law applies it (the default, said explicitly).
    Simplified,
}

/// A duty the caller knows applies to a line besides the tariff duty (a safeguard, an
/// anti-dumping or countervailing duty, or an excise duty the snapshot holds no rate for):
/// charged on the customs value and part of the VAT base.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct ExtraDuty {
    pub name: String,
    /// Any duty expression (`25%`, `1.20 EUR/kg`).
    pub rate: String,
    /// `excise` for an excise duty (alcohol, tobacco, vaping duty): it answers the excise the
    /// destination charges on the line (`tariffs/rules/excise.tsv`; with several, those
    /// `answers` names) and is counted with the
    /// taxes; `duty` (the default) for a customs duty: it answers the trade remedy the line may
    /// bear (`tariffs/rules/trade_remedies.tsv`; with several, those `answers` names), each
    /// listed otherwise.
    #[serde(default, skip_serializing_if = "ExtraDutyKind::is_duty")]
    pub kind: ExtraDutyKind,
    /// The rows it answers, by id: for an `excise` entry, excise rows of
    /// `tariffs/rules/excise.tsv` (`["ca-green-levy"]`; a listed excise names its row in its
    /// `source`: `excise.tsv#ca-green-levy`); for a customs entry (`duty`, `antidumping`,
    /// `countervailing`), trade remedies of `tariffs/rules/trade_remedies.tsv`
    /// (`["eu-ebike-ad", "eu-ebike-cvd"]` for one figure that is their sum).
    /// Left out, the entry answers the line's excise (trade remedy) when the line bears one; when
    /// it bears several, it answers none of them: each row no entry names is listed and the line
    /// is partial (docs/rules.md#excise, #trade-remedies). An id that is not a row of the line is
    /// an error.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<String>,
    /// What a percentage of the rate is taken on, for an `excise` entry (docs/rules.md#excise):
    /// `customs_value` (the default, left out), `value_duty` (customs value + customs duty + the
    /// line's excises of the entries before it: Taiwan's commodity tax, Commodity Tax Act art. 18;
    /// Korea's liquor tax), `value_duty_transport` (customs value + transport and insurance +
    /// duty), the names of `tariffs/rules/excise_rates.tsv`'s `base` column, or `levy:NAME`, the
    /// amount of an excise entry before it on the line named `NAME` (Korea's education tax, a
    /// share of the liquor tax: `levy:Liquor tax`). Another value is an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
}

/// The base of a caller's excise entry ([`ExtraDuty::base`]), read from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallerBase<'a> {
    /// The line's customs value (the default).
    CustomsValue,
    /// Customs value + duty + the excises of the line's entries before it.
    ValueDuty,
    /// Customs value + transport and insurance + duty.
    ValueDutyTransport,
    /// The amount of the line's excise entry before it of this name.
    Levy(&'a str),
}

impl CallerBase<'_> {
    /// The values `base` takes besides `levy:NAME`.
    pub const NAMES: [&'static str; 3] = ["customs_value", "value_duty", "value_duty_transport"];
}

impl ExtraDuty {
    /// The entry's base: the customs value when none is given; `Err` says why the text is not one.
    pub fn base(&self) -> std::result::Result<CallerBase<'_>, String> {
        match self.base.as_deref().map(str::trim) {
            None | Some("customs_value") => Ok(CallerBase::CustomsValue),
            Some("value_duty") => Ok(CallerBase::ValueDuty),
            Some("value_duty_transport") => Ok(CallerBase::ValueDutyTransport),
            Some("value_with_tax") => Err(
                "value_with_tax is not open to a caller's excise: the entry joins the VAT/GST base, so its base cannot hold the VAT/GST"
                    .into(),
            ),
            Some(t) => match t.strip_prefix("levy:").map(str::trim) {
                Some(name) if !name.is_empty() => Ok(CallerBase::Levy(name)),
                _ => Err(format!(
                    "unknown base {t:?}: give one of {}, or \"levy:NAME\" naming an excise entry before it on the line",
                    CallerBase::NAMES.join(", ")
                )),
            },
        }
    }
}

/// What a caller's extra duty is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum ExtraDutyKind {
    /// A customs duty (a safeguard, or an anti-dumping or countervailing duty not named as such).
    #[default]
    Duty,
    /// An anti-dumping duty: a customs duty that, in the US, takes its line out of de minimis
    /// (CBP: Section 321 does not allow merchandise subject to antidumping duties).
    Antidumping,
    /// A countervailing duty: as [`ExtraDutyKind::Antidumping`].
    Countervailing,
    /// An excise duty charged at import (alcohol, tobacco, vaping products).
    Excise,
}

impl ExtraDutyKind {
    /// True for the default, a customs duty (serialization leaves it out).
    pub fn is_duty(&self) -> bool {
        *self == ExtraDutyKind::Duty
    }

    /// True for a customs duty of any kind (not an excise duty).
    ///
    /// ```
    /// use landed::request::ExtraDutyKind;
    /// assert!(ExtraDutyKind::Antidumping.is_customs() && !ExtraDutyKind::Excise.is_customs());
    /// ```
    pub fn is_customs(&self) -> bool {
        *self != ExtraDutyKind::Excise
    }

    /// True for an anti-dumping or countervailing duty, as the caller typed it.
    pub fn is_ad_cvd(&self) -> bool {
        matches!(self, ExtraDutyKind::Antidumping | ExtraDutyKind::Countervailing)
    }
}

/// Most caller duties one line may carry.
pub const MAX_EXTRA_DUTIES: usize = 20;

/// VAT/GST class of a line: given by the caller (`vat_class`), or read from the line's code in
/// `tariffs/rules/vat_classes.tsv` when not given (docs/rules.md#vat-class).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum VatClass {
    Standard,
    Reduced,
    Zero,
    Exempt,
}

/// A request for a landed-cost quote.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct QuoteRequest {
    /// ISO 3166-1 alpha-2 destination country.
    pub destination: String,
    /// Province or state (`ON`, `QC`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdivision: Option<String>,
    /// Country the goods are shipped from (place of direct shipment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ship_from: Option<String>,
    /// Default country of origin for lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// As-of date; required, so that every quote is reproducible.
    pub date: Date,
    /// Currency of the amounts given.
    pub currency: Currency,
    /// How the goods travel; absent, courier is assumed ([`QuoteRequest::channel`]) and the quote
    /// says so where the destination's thresholds or fees depend on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// Who pays the duty, tax and fees due at the border; absent, DDP is assumed
    /// ([`QuoteRequest::incoterm`]) and the quote says so where something is due there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incoterm: Option<Incoterm>,
    /// Transport of the goods to the destination, in the request's currency. Absent, none is
    /// added ([`QuoteRequest::shipping`]) and, where the destination's customs value or import tax
    /// base takes transport, the quote states the assumption; `"0"` is the caller's figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping: Option<Decimal>,
    /// Insurance of the goods in transport to the destination, in the request's currency. Absent,
    /// none is added ([`QuoteRequest::insurance`]) and, where the destination's customs value or
    /// import tax base takes insurance, the quote states that it assumes none was bought; `"0"` is
    /// the caller's figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurance: Option<Decimal>,
    /// Charges up to the place of destination that the destination's law adds to the import tax
    /// base but not to the customs value, in the request's currency: a carrier's customs
    /// clearance or handling fee (EU VAT Directive 2006/112/EC art. 86(1)(b), Switzerland's
    /// MWSTG art. 54(3), the UK's VATA 1994 s.21(2)(b)). Spread over the lines like shipping,
    /// added to each border tax base, and shown as a shipment charge in the totals.
    #[serde(default, skip_serializing_if = "Decimal::is_zero")]
    pub tax_base_charges: Decimal,
    /// Exchange rates overriding the embedded ones: `{"USD/GBP": "0.79"}` = 1 USD is 0.79 GBP.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fx: BTreeMap<String, Decimal>,
    /// What shipment charges are spread over lines by.
    #[serde(default)]
    pub allocation: AllocationKey,
    #[serde(default)]
    pub rounding: RoundingPolicy,
    /// Currency to also show totals in, for shoppers (informational; customs figures stay in
    /// the destination's currency).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_currency: Option<Currency>,
    /// US entry type: `formal` or `informal`; by default formal above US$2,500.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_type: Option<EntryType>,
    /// The buyer is registered for the destination's VAT/GST (B2B): in Canada only the GST part
    /// of HST is collected at the border.
    #[serde(default)]
    pub business_buyer: bool,
    /// How the goods travel to the destination (`ocean`, `air`, `road`, `rail`, `post`): fees
    /// limited to one mode need it, and say so when it is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transport: Option<Transport>,
    /// A simplified small-consignment regime the shipment uses (Brazil: `rts`, `remessa_conforme`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub simplified_regime: Option<SimplifiedRegime>,
    /// The tariff the importer asks for where the law gives a choice (`general`, `simplified`);
    /// unset: the law's default (Japan: the simplified tariff for a consignment of ¥200,000 or
    /// less).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tariff: Option<TariffChoice>,
    /// The seller (or marketplace) is registered for the destination's low-value scheme (IOSS,
    /// VOEC, UK VAT for ≤ £135, AU/NZ/SG GST) and charges the tax at the sale. Unset: assumed
    /// registered, and the quote says so; `false`: an optional scheme (IOSS, VOEC) is not used and
    /// the tax is import tax at the border (for a scheme the law imposes it is an error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seller_registered: Option<bool>,
    /// The consignment is a gift: non-commercial, sent by a private individual abroad to a private
    /// individual, occasional, for the recipient's (or family's) personal use, and not paid for by
    /// the recipient directly or indirectly. A gift has no seller, so no seller-collected scheme
    /// applies (IOSS, the UK's VAT at sale for <= GBP 135, VOEC, the AU/NZ/SG/CH seller schemes),
    /// and the destination's gift reliefs do (`buyer` `gift` in `rules/thresholds.tsv`). A gift to a
    /// business buyer, or from a seller registered for a scheme, is an error naming why.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gift: bool,
    /// A preference claim for every line that does not make its own (`"S"` USMCA, a Japanese
    /// EPA such as `"CPTPP"`): see [`LineRequest::claim`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
    pub lines: Vec<LineRequest>,
}

/// One line of the cart.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct LineRequest {
    pub id: String,
    /// Tariff code (2 to 13 digits, separators allowed).
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub quantity: Decimal,
    /// Price of one unit in the request currency.
    pub unit_price: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_kg: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_l: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alcohol_pct: Option<Decimal>,
    /// Acetic acid by weight, in % (vinegar: HTSUS 2209's proof liter is a litre at 4 %, chapter
    /// 22 additional U.S. note 9): with `volume_l`, the proof liters of vinegar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acetic_acid_pct: Option<Decimal>,
    /// Other quantities by measure key (`"kg:drained": "2.5"`, `"pair": "12"`, `"l_alc": "3"`),
    /// or by a unit (`"100kg": "3"`, `"doz": "2"`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub units: BTreeMap<String, Decimal>,
    /// Values of named parts for component duties (`"case": "12.00"`), in the request currency,
    /// charged as given beside the line's value: each part, and the parts together, at most
    /// quantity × unit_price (`E_INVALID_FIELD` naming the part that goes past it; a retail value
    /// such as `retail_price` is not a part).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub components: BTreeMap<String, Decimal>,
    /// A duty rate the caller supplies (any duty expression: `12%`, `0.7 cents/kg + 10%`). It
    /// replaces the tariff's rate (the quote shows both and warns) and prices lines the snapshot
    /// has no tariff for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duty_rate: Option<String>,
    /// Further duties the caller knows apply (safeguard, anti-dumping, countervailing), each
    /// charged on the customs value and included in the VAT base.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_duties: Vec<ExtraDuty>,
    /// The line's VAT/GST class. Not given (`None`): the class the destination's law gives the
    /// code (`tariffs/rules/vat_classes.tsv`), the standard rate where no row names it, and a
    /// lower bound where the class depends on the goods (docs/rules.md#vat-class). Given, it
    /// always wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_class: Option<VatClass>,
    /// Value of the steel, aluminum or copper content of one unit, in the request currency (US
    /// Section 232 derivatives and copper are charged on it, and the other layers on the rest of
    /// the value). A line such a measure covers is `partial` without it, never charged on its
    /// full value in its place. At most `unit_price`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metal_content_value: Option<Decimal>,
    /// The vehicle's combined fuel consumption in litres per 100 km (its label's figure): a tax
    /// whose threshold depends on it (Australia's luxury car tax: a fuel-efficient car has a
    /// higher one) is a lower bound without it, never charged at a threshold chosen for the caller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fuel_l_per_100km: Option<Decimal>,
    /// A preference programme claimed for this line: a code of the destination tariff's `special`
    /// column (US `"S"` USMCA, `"KR"`, …; Japan `"CPTPP"`, `"RCEP_CN"`, `"EU"`, …), or `"none"` to
    /// make no claim whatever the request's `claim`. The programme's rate replaces the general
    /// rate only when it is in force, the origin is a partner and the code has a rate under it
    /// (else `E_CLAIM` naming this field); the quote states the rules of origin and proof it
    /// assumes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
}

/// Decodes a JSON request ([`decode`]) and validates it ([`QuoteRequest::validate`]).
pub fn from_json(text: &str) -> Result<QuoteRequest> {
    let req = decode(text)?;
    req.validate()?;
    Ok(req)
}

/// Decodes a JSON request and checks it once, into the type the engine prices without checking
/// it again ([`crate::Engine::quote_checked`]): the errors of [`from_json`], in the same order.
///
/// ```
/// let engine = landed::Engine::embedded();
/// let req = landed::request::checked_from_json(r#"{
///     "destination": "GB", "currency": "GBP", "date": "2026-03-02", "origin": "CN",
///     "lines": [{"id": "tee", "code": "6109.10.00.10", "quantity": "2", "unit_price": "12.50"}]
/// }"#).unwrap();
/// assert_eq!(req.lines[0].id, "tee"); // read through the request's fields, never written
/// let quote = engine.quote_checked(&req).unwrap();
/// assert_eq!(quote, engine.quote(req.request()).unwrap());
/// ```
pub fn checked_from_json(text: &str) -> Result<CheckedRequest> {
    // Decoding canonicalises the country codes.
    CheckedRequest::from_canonical(decode(text)?)
}

/// A request checked once ([`QuoteRequest::validate`], its country codes canonical): the engine
/// prices it ([`crate::Engine::quote_checked`]) without checking it again. It owns its request
/// and lends it read-only (`Deref`, [`CheckedRequest::request`]): a change goes through
/// [`CheckedRequest::into_request`] and a new check, so no request is priced unchecked (a flag
/// on the public `QuoteRequest` would still say "checked" after a caller changed a field).
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedRequest {
    req: QuoteRequest,
    /// Each line's code as the check parsed it (the quote reads them: parsed once).
    codes: Vec<HsCode>,
}

impl CheckedRequest {
    /// Canonicalises the request's country codes ([`QuoteRequest::canonicalise`]) and checks it
    /// ([`QuoteRequest::validate`]'s errors).
    pub fn new(mut req: QuoteRequest) -> Result<CheckedRequest> {
        req.canonicalise();
        CheckedRequest::from_canonical(req)
    }

    /// [`CheckedRequest::new`] of a request whose codes are canonical already (decoded).
    fn from_canonical(req: QuoteRequest) -> Result<CheckedRequest> {
        let codes = req.validated_codes()?;
        Ok(CheckedRequest { req, codes })
    }

    /// The request, read-only.
    pub fn request(&self) -> &QuoteRequest {
        &self.req
    }

    /// The request, to change and check again.
    pub fn into_request(self) -> QuoteRequest {
        self.req
    }

    /// Each line's code, parsed.
    pub(crate) fn codes(&self) -> &[HsCode] {
        &self.codes
    }
}

impl std::ops::Deref for CheckedRequest {
    type Target = QuoteRequest;

    fn deref(&self) -> &QuoteRequest {
        &self.req
    }
}

impl TryFrom<QuoteRequest> for CheckedRequest {
    type Error = Error;

    fn try_from(req: QuoteRequest) -> Result<CheckedRequest> {
        CheckedRequest::new(req)
    }
}

/// Decodes a JSON request without validating it: broken JSON is `E_JSON` with its line and
/// column, a missing field `E_MISSING_FIELD`, an amount that is not a decimal (`"49,99"`)
/// `E_AMOUNT`, an unknown or repeated field, a wrong type or an unknown enum spelling
/// `E_INVALID_FIELD`, each naming the field by its path (`lines[0].unit_price`). A leading UTF-8
/// byte-order mark (which Windows editors write) is skipped.
pub fn decode(text: &str) -> Result<QuoteRequest> {
    decode::request(text)
}

/// A serde decoding error (`serde_path_to_error`'s path and message) as a typed error, as
/// [`decode`] types its own: for the what-if arguments decoded with serde (`axes`, `billed`).
pub fn decode_error(path: String, message: String) -> Error {
    let path = if path == "." || path == "?" { String::new() } else { path };
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or_default();
        let field = if path.is_empty() { name.to_string() } else { format!("{path}.{name}") };
        return Error::new(ErrorCode::MissingField, field.clone(), format!("{field} is required"));
    }
    let msg = message.split(" at line ").next().unwrap_or(&message).to_string();
    if let Some(amount) = bad_decimal(&msg) {
        return amount_error(amount, path);
    }
    let code = if path.is_empty() { ErrorCode::Json } else { ErrorCode::InvalidField };
    Error::new(code, path, msg)
}

/// `E_AMOUNT` for an amount's text that is not a decimal, with the reason when it is a separator.
fn amount_error(text: &str, field: String) -> Error {
    let shown = shown(text);
    if crate::money::too_many_digits(text) || crate::money::exponent_too_large(text) {
        return Error::new(
            ErrorCode::TooLarge,
            field,
            format!("{shown} is larger than an amount can be (at most 28 digits)"),
        );
    }
    if let Some(places) = too_many_places(text) {
        return Error::new(
            ErrorCode::Amount,
            field,
            format!(
                "{shown} has {places} decimal places: an amount has at most 28, and it is never rounded in silence"
            ),
        );
    }
    let why = crate::money::separator_problem(text).unwrap_or("write it as a decimal string such as \"49.99\"");
    Error::new(ErrorCode::Amount, field, format!("{shown} is not a decimal amount: {why}"))
}

/// The decimal places of a well-formed plain decimal that has more than a decimal holds (28).
fn too_many_places(text: &str) -> Option<usize> {
    let t = text.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    let (whole, frac) = digits.split_once('.')?;
    let plain = whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit());
    (plain && frac.len() > 28).then_some(frac.len())
}

/// The text of an amount `rust_decimal` refused, from its serde message
/// (`invalid value: string "49,99", expected a Decimal type …`).
fn bad_decimal(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("invalid value: string \"")?;
    let (text, tail) = rest.rsplit_once("\", expected ")?;
    tail.contains("Decimal").then_some(text)
}

#[inline]
fn non_negative(v: Decimal, field: &str, code: ErrorCode) -> Result<()> {
    if v.is_sign_negative() && !v.is_zero() {
        return Err(negative(v, field, code));
    }
    Ok(())
}

#[cold]
#[inline(never)]
fn negative(v: Decimal, field: &str, code: ErrorCode) -> Error {
    Error::new(code, field, format!("{field} is {v}: it cannot be negative"))
}

/// A caller's rate for a pair already given (in either direction, in any case or spacing) is a
/// second answer for one rate: refused naming both keys (audit-s S2: `USD/GBP` 0.79 beside
/// `GBP/USD` 2 used one and dropped the other in silence, by the keys' sort order). The same
/// pair written twice with the very same rate says one thing and is accepted; the inverse pair
/// is refused even when it is near the inverse (it is two figures, the quote would use one).
/// A pair of one currency (`GBP/GBP`) is 1 by definition: another rate is a mistake.
fn check_fx_twice(
    earlier: &[(crate::money::Currency, crate::money::Currency, &str, Decimal)],
    (a, b, pair, rate): (crate::money::Currency, crate::money::Currency, &str, Decimal),
) -> Result<()> {
    if a == b && rate != Decimal::ONE {
        return Err(Error::new(
            ErrorCode::FxRate,
            format!("fx.{pair}"),
            format!("{pair:?} is {rate}: one {a} is 1 {a}; leave the pair out"),
        ));
    }
    let same = |(x, y, _, r): &&(crate::money::Currency, crate::money::Currency, &str, Decimal)| {
        ((*x, *y) == (a, b) && *r != rate) || ((*x, *y) == (b, a) && a != b)
    };
    if let Some((_, _, first, was)) = earlier.iter().find(same) {
        return Err(Error::new(
            ErrorCode::FxRate,
            format!("fx.{pair}"),
            format!(
                "fx gives {first:?} {was} and {pair:?} {rate}: two rates for one pair of currencies, give one of them"
            ),
        ));
    }
    Ok(())
}

/// Checks a country code is a known ISO 3166-1 alpha-2 code (any case), without allocating.
fn check_country(code: &str, field: &str) -> Result<()> {
    if crate::country::is_known_ignore_case(code.trim()) {
        Ok(())
    } else {
        country(code, field).map(|_| ())
    }
}

/// Checks a country code is a known ISO 3166-1 alpha-2 code and returns it upper-cased: a
/// malformed code (`U1`, `GBR`) or one no country has (`XX`, `ZZ`, `UK`) is `E_COUNTRY` naming
/// `field`.
pub fn country(code: &str, field: &str) -> Result<String> {
    let c = code.trim().to_ascii_uppercase();
    if crate::country::is_known(&c) {
        return Ok(c);
    }
    let message = if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
        format!("{code:?} is not an ISO 3166-1 alpha-2 country code such as GB, DE, US")
    } else if let Some(instead) = crate::country::suggestion(&c) {
        format!("{code:?} is not an ISO 3166-1 country code: use {instead:?}")
    } else {
        format!("{code:?} is not the ISO 3166-1 alpha-2 code of any country (GB, DE, US, …)")
    };
    Err(Error::new(ErrorCode::Country, field, message))
}

impl QuoteRequest {
    /// A request with its required fields and every optional one at its documented default (no
    /// lines yet): what a request with only `destination`, `date` and `currency` decodes to.
    ///
    /// ```
    /// use landed::date::Date;
    /// use landed::money::Currency;
    /// use landed::request::QuoteRequest;
    /// let req = QuoteRequest::new("GB".into(), Date::parse("2026-03-02").unwrap(), Currency::GBP);
    /// assert!(req.lines.is_empty() && req.shipping.is_none() && req.fx.is_empty());
    /// ```
    /// The channel the goods travel by: the request's, or courier when it gives none (the quote
    /// states that assumption where it matters).
    ///
    /// ```
    /// use landed::request::{Channel, QuoteRequest};
    /// let req = QuoteRequest::new("GB".into(), landed::date::Date::parse("2026-03-02").unwrap(), landed::money::Currency::GBP);
    /// assert_eq!((req.channel, req.channel()), (None, Channel::Courier));
    /// ```
    pub fn channel(&self) -> Channel {
        self.channel.unwrap_or_default()
    }

    /// The incoterm the quote is priced under: the one given, else DDP (the seller pays what is
    /// due at the border, so it is in the landed cost), which the quote then states.
    ///
    /// ```
    /// use landed::request::{Incoterm, QuoteRequest};
    /// let req = QuoteRequest::new("GB".into(), landed::date::Date::parse("2026-03-02").unwrap(), landed::money::Currency::GBP);
    /// assert_eq!((req.incoterm, req.incoterm()), (None, Incoterm::Ddp));
    /// ```
    pub fn incoterm(&self) -> Incoterm {
        self.incoterm.unwrap_or_default()
    }

    /// The shipping charge priced: the request's, or none when it gives none (the quote then
    /// states that assumption where the destination's values take transport).
    ///
    /// ```
    /// use landed::request::QuoteRequest;
    /// let req = QuoteRequest::new("GB".into(), landed::date::Date::parse("2026-03-02").unwrap(), landed::money::Currency::GBP);
    /// assert_eq!((req.shipping, req.shipping()), (None, rust_decimal::Decimal::ZERO));
    /// ```
    pub fn shipping(&self) -> Decimal {
        self.shipping.unwrap_or_default()
    }

    /// The insurance priced: the request's, or none when it gives none (stated likewise).
    pub fn insurance(&self) -> Decimal {
        self.insurance.unwrap_or_default()
    }

    pub fn new(destination: String, date: Date, currency: Currency) -> QuoteRequest {
        QuoteRequest {
            destination,
            subdivision: None,
            ship_from: None,
            origin: None,
            date,
            currency,
            channel: None,
            incoterm: None,
            shipping: None,
            insurance: None,
            tax_base_charges: Decimal::ZERO,
            fx: BTreeMap::new(),
            allocation: AllocationKey::default(),
            rounding: RoundingPolicy::default(),
            display_currency: None,
            entry_type: None,
            business_buyer: false,
            transport: None,
            simplified_regime: None,
            tariff: None,
            seller_registered: None,
            gift: false,
            claim: None,
            lines: Vec::new(),
        }
    }

    /// Checks everything that does not need tariff data: codes, signs, ids, sizes.
    pub fn validate(&self) -> Result<()> {
        self.check(&mut |_, _| {})
    }

    /// [`QuoteRequest::validate`], giving each line's code as parsed there (a quote reads them
    /// again: parsed once, not twice).
    pub(crate) fn validated_codes(&self) -> Result<Vec<HsCode>> {
        let mut codes = Vec::with_capacity(self.lines.len());
        self.check(&mut |_, code| codes.push(code))?;
        Ok(codes)
    }

    /// [`QuoteRequest::validated_codes`] into `codes` (line `i`'s at `i`) when the cart has at
    /// most `codes.len()` lines: a quote of a small cart checked each time keeps them on the stack,
    /// not in a `Vec` allocated and freed by every quote. `Ok(false)`: a larger cart, unchecked.
    pub(crate) fn validated_codes_into(&self, codes: &mut [HsCode]) -> Result<bool> {
        if self.lines.len() > codes.len() {
            return Ok(false);
        }
        self.check(&mut |i, code| {
            if let Some(slot) = codes.get_mut(i) {
                *slot = code;
            }
        })?;
        Ok(true)
    }

    /// The checks of [`QuoteRequest::validate`]; `code` receives each valid line's index and
    /// parsed code, in order. (One function for every caller: the browser module carries its
    /// error paths once.)
    fn check(&self, code_of: &mut dyn FnMut(usize, HsCode)) -> Result<()> {
        check_country(&self.destination, "destination")?;
        for (v, f) in [(&self.ship_from, "ship_from"), (&self.origin, "origin")] {
            if let Some(c) = v {
                check_country(c, f)?;
            }
        }
        if let Some(c) = &self.claim {
            check_claim(c, "claim")?;
        }
        self.check_gift()?;
        self.check_transport()?;
        non_negative(self.shipping(), "shipping", ErrorCode::NegativeAmount)?;
        non_negative(self.insurance(), "insurance", ErrorCode::NegativeAmount)?;
        at_most(self.shipping(), MAX_VALUE, "shipping")?;
        at_most(self.insurance(), MAX_VALUE, "insurance")?;
        non_negative(self.tax_base_charges, "tax_base_charges", ErrorCode::NegativeAmount)?;
        at_most(self.tax_base_charges, MAX_VALUE, "tax_base_charges")?;
        if self.lines.is_empty() {
            return Err(Error::new(ErrorCode::EmptyCart, "lines", "the cart has no lines"));
        }
        if self.lines.len() > MAX_LINES {
            return Err(Error::new(
                ErrorCode::TooLarge,
                "lines",
                format!("{} lines: at most {MAX_LINES} per request", self.lines.len()),
            ));
        }
        // (An empty map, nearly every request's, is not walked: an iterator over a `BTreeMap` is
        // set up even for none.)
        if !self.fx.is_empty() {
            // Each pair's currencies as read, to find a pair given twice however it is written.
            let mut pairs: Vec<(crate::money::Currency, crate::money::Currency, &str, Decimal)> =
                Vec::with_capacity(self.fx.len());
            for (pair, rate) in &self.fx {
                let (a, b) = crate::fx::parse_pair(pair).map_err(|e| e.within("fx"))?;
                check_fx_twice(&pairs, (a, b, pair, *rate))?;
                pairs.push((a, b, pair, *rate));
                if *rate <= Decimal::ZERO {
                    return Err(Error::new(
                        ErrorCode::FxRate,
                        format!("fx.{pair}"),
                        format!("rate {rate} for {pair} must be positive"),
                    ));
                }
                let (min, max) = (Decimal::new(1, MAX_FX_DIGITS), Decimal::from(10i64.pow(MAX_FX_DIGITS)));
                if *rate < min || *rate > max {
                    return Err(Error::new(
                        ErrorCode::FxRate,
                        format!("fx.{pair}"),
                        format!("rate {rate} for {pair} is outside {min}..{max}: no two currencies differ that much"),
                    ));
                }
            }
        }
        // A small cart compares ids pairwise: cheaper than hashing them.
        // (Made only for a large cart: even an empty set seeds its hasher.)
        let mut ids = (self.lines.len() > SMALL_CART).then(|| HashSet::with_capacity(self.lines.len()));
        // Each id's length and end bytes, so that the pairwise check compares the texts only of
        // ids that may be equal (equal ids have equal keys).
        let mut keys = [0u32; SMALL_CART];
        for (i, line) in self.lines.iter().enumerate() {
            let repeated = match &mut ids {
                Some(ids) => !ids.insert(line.id.as_str()),
                None => {
                    let key = id_key(&line.id);
                    keys[i] = key;
                    // The keys first, without an early exit (a few vector compares), then the
                    // texts of the lines whose key is equal, if any.
                    let seen = keys[..i].iter().fold(false, |seen, k| seen | (*k == key));
                    seen && keys[..i].iter().zip(&self.lines).any(|(k, l)| *k == key && l.id == line.id)
                }
            };
            if repeated {
                return Err(Error::new(
                    ErrorCode::DuplicateLineId,
                    format!("lines[{i}].id"),
                    format!("line id {:?} is used twice", line.id),
                ));
            }
            let code = line.validate().map_err(|e| e.within(&format!("lines[{i}]")))?;
            code_of(i, code);
        }
        Ok(())
    }
}

/// A country or subdivision code as every layer reads it: trimmed (what the check trims) and
/// upper-cased (the check takes any case). `None` when it is so already.
fn canonical_code(code: &str) -> Option<String> {
    let trimmed = code.trim();
    (trimmed.len() != code.len() || trimmed.bytes().any(|b| b.is_ascii_lowercase()))
        .then(|| trimmed.to_ascii_uppercase())
}

/// Replaces `code` by its canonical form ([`canonical_code`]) when it is not so already.
fn canonicalise_code(code: &mut String) {
    if let Some(c) = canonical_code(code) {
        *code = c;
    }
}

impl QuoteRequest {
    /// Writes every country and subdivision code (`destination`, `subdivision`, `ship_from`,
    /// `origin`, each line's `origin`) as the checks read it: trimmed and upper-cased, so that
    /// `" cn "` is priced as `"CN"` everywhere (audit-s S1: a padded code was checked trimmed and
    /// then compared untrimmed, dropping Section 301 or column 2 in silence). Decoding does it, and
    /// [`crate::Engine::quote`] does it to a request built in code.
    pub fn canonicalise(&mut self) {
        canonicalise_code(&mut self.destination);
        for c in [&mut self.subdivision, &mut self.ship_from, &mut self.origin].into_iter().flatten() {
            canonicalise_code(c);
        }
        for line in &mut self.lines {
            if let Some(c) = &mut line.origin {
                canonicalise_code(c);
            }
        }
    }

    /// True when [`QuoteRequest::canonicalise`] would change nothing.
    fn is_canonical(&self) -> bool {
        let opt = |c: &Option<String>| c.as_deref().is_none_or(|c| canonical_code(c).is_none());
        canonical_code(&self.destination).is_none()
            && opt(&self.subdivision)
            && opt(&self.ship_from)
            && opt(&self.origin)
            && self.lines.iter().all(|l| opt(&l.origin))
    }

    /// The request with its codes canonical ([`QuoteRequest::canonicalise`]): itself when they
    /// are already (always, for a decoded request), else a canonical copy.
    pub fn canonical(&self) -> std::borrow::Cow<'_, QuoteRequest> {
        if self.is_canonical() {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut req = self.clone();
        req.canonicalise();
        std::borrow::Cow::Owned(req)
    }
}

impl QuoteRequest {
    /// `transport: "post"` is the postal channel's mode (the fee rules read it so): it contradicts
    /// a courier or freight channel, given or assumed (audit-s S7). A postal consignment may
    /// travel by air or by sea (surface mail): `channel: "post"` takes any transport.
    fn check_transport(&self) -> Result<()> {
        let Some(t) = self.transport else { return Ok(()) };
        let why = match (self.channel, t) {
            (Some(c @ (Channel::Courier | Channel::Freight)), Transport::Post) => {
                let c = if c == Channel::Courier { "courier" } else { "freight" };
                format!(
                    "transport is post and channel is {c}: goods sent by post travel in the postal channel (give channel post, or the transport the {c} uses)"
                )
            }
            (None, Transport::Post) => {
                "transport is post and channel is not given (courier is assumed): give channel post".to_string()
            }
            _ => return Ok(()),
        };
        Err(Error::new(ErrorCode::InvalidField, "transport", why))
    }

    /// A gift is from one private individual to another: a business buyer or a seller charging
    /// the tax under a scheme contradicts it (docs/rules.md#gifts).
    fn check_gift(&self) -> Result<()> {
        if !self.gift {
            return Ok(());
        }
        let why = if self.business_buyer {
            "a gift is sent by a private individual to a private individual, and business_buyer is true: leave out gift, or business_buyer"
        } else if self.seller_registered == Some(true) {
            "a gift has no seller, and seller_registered is true (the tax collected by a seller at the sale): leave out gift, or seller_registered"
        } else if self.simplified_regime == Some(SimplifiedRegime::RemessaConforme) {
            "a gift has no seller, and simplified_regime remessa_conforme is for goods bought from a seller in Brazil's compliance programme: leave out gift, or give rts"
        } else {
            return Ok(());
        };
        Err(Error::new(ErrorCode::InvalidField, "gift", why))
    }
}

/// Most characters of a line id (a SKU or an order line's reference).
const MAX_ID_CHARS: usize = 256;

/// A caller's text that is echoed in tables and CSV: control characters (NUL, escape sequences
/// that drive a terminal, C1 controls) and bidirectional overrides (U+202A-U+202E,
/// U+2066-U+2069, which reorder a printed line) are refused, never echoed.
/// A description may hold line breaks and tabs; an id none.
fn check_text(text: &str, field: &str) -> Result<()> {
    // Printable ASCII (nearly every id and description) holds none of them: decided a byte at a
    // time, without decoding characters.
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Ok(());
    }
    check_text_chars(text, field)
}

/// [`check_text`], a character at a time.
fn check_text_chars(text: &str, field: &str) -> Result<()> {
    let layout = |c: char| field == "description" && matches!(c, '\n' | '\t');
    let bad = text.chars().find(|c| {
        (c.is_control() && !layout(*c))
            || matches!(*c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
    });
    match bad {
        None => Ok(()),
        Some(c) => Err(Error::new(
            ErrorCode::InvalidField,
            field,
            format!("{field} holds the control character U+{:04X}: write plain text", c as u32),
        )),
    }
}

/// Carts up to this many lines check for repeated line ids pairwise, larger ones with a hash set.
const SMALL_CART: usize = 16;

/// A line id's length and its first and last bytes, packed: ids with different keys differ.
fn id_key(id: &str) -> u32 {
    let b = id.as_bytes();
    let end = |byte: Option<&u8>| u32::from(byte.copied().unwrap_or(0));
    (b.len() as u32) << 16 | end(b.first()) << 8 | end(b.last())
}

/// A caller's duty rate must be an expression the evaluator reads.
fn check_duty_rate(rate: &str, field: String) -> Result<()> {
    // `12,5%` read as 125 % (audit-kk KK1): a comma that may be a decimal comma is refused.
    if let Some(why) = crate::duty::DutyExpr::comma_advice(rate) {
        return Err(Error::new(ErrorCode::DutyExpression, field, why));
    }
    // A bare number is a percent in the UK's files, not in a caller's rate: `0.18` is as likely
    // a fraction (18 %) as 0.18 % (audit-s S3: read as 0.18 %, a duty 100 times too small).
    if let Some(n) = crate::duty::DutyExpr::bare_number(rate) {
        let percent = Decimal::from_str_exact(&n).ok().map(|f| (f * Decimal::ONE_HUNDRED).normalize());
        // Zero is zero either way: one suggestion, not the same one twice (audit-x X7).
        let fraction = match percent {
            Some(p) if p.is_zero() => " (zero, whether meant as a percent or a fraction)".to_string(),
            Some(p) => format!(" or \"{p}%\" if {n} is a fraction"),
            None => String::new(),
        };
        return Err(Error::new(
            ErrorCode::DutyExpression,
            field,
            format!(
                "{rate:?}: {n} is a bare number, with no %, unit or currency: write \"{n}%\" for {n} percent{fraction}"
            ),
        ));
    }
    if let crate::duty::DutyExpr::NotPriceable { .. } = crate::duty::DutyExpr::parse(rate) {
        return Err(Error::new(
            ErrorCode::DutyExpression,
            field,
            format!("{rate:?} is not a duty rate: write e.g. \"12%\", \"Free\", \"0.7 cents/kg + 10%\""),
        ));
    }
    Ok(())
}

/// Where a line's claim was made: its own `claim`, or the request's default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimFrom {
    Line,
    Request,
}

/// Most characters of a programme code (`RCEP_AANZ` is the longest in our tables).
const MAX_CLAIM_LEN: usize = 16;

/// A claim is a programme code: letters, digits and `_`, at most [`MAX_CLAIM_LEN`] characters,
/// perhaps ending in the US `special` column's `+` or `*` (`A+`, `A*`: GSP's marks, HTSUS GN 4).
/// Whether the destination has it is checked when quoting.
fn check_claim(claim: &str, field: &str) -> Result<()> {
    let code = claim.trim_end_matches(['+', '*']);
    let ok = !code.is_empty()
        && claim.len() <= MAX_CLAIM_LEN
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(Error::new(
            ErrorCode::Claim,
            field,
            format!("{claim:?} is not a preference programme code: write e.g. \"S\" (USMCA), \"CPTPP\" or \"none\""),
        ))
    }
}

impl LineRequest {
    /// The parts of the goods are worth no more than the goods: a component a duty is charged
    /// on (the case of a watch) is a value within the line's (quantity × unit_price, the value the
    /// other parts of the duty are charged on), and so are the parts together (audit-s S13: a
    /// case of 1,000 in a watch of 180 was charged, complete). A retail value (`retail_price`,
    /// `fair_retail_value`: the UK's tobacco duty on the retail price) is the price to the
    /// consumer, above the import value by design: not a part. A combined part
    /// (`movement_and_case`) overlaps the parts it names: checked alone, not added to the sum.
    /// Bounded inputs: no overflow.
    fn check_components(&self) -> Result<()> {
        let value = self.quantity * self.unit_price;
        let mut sum = Decimal::ZERO;
        for (k, v) in self.components.iter().filter(|(k, _)| !k.contains("retail")) {
            if !k.contains("_and_") {
                crate::money::add_to(&mut sum, *v);
            }
            let over = if *v > value {
                format!("components.{k} is {v}: a part cannot be worth more than the line's goods (quantity × unit_price = {})", value.normalize())
            } else if sum > value {
                format!("the parts in components add up to {sum} with {k}: they cannot be worth more than the line's goods (quantity × unit_price = {})", value.normalize())
            } else {
                continue;
            };
            return Err(Error::new(ErrorCode::InvalidField, format!("components.{k}"), over));
        }
        Ok(())
    }

    /// The programme this line claims: its own `claim`, else the request's (`"none"`: no claim),
    /// and where it was made.
    pub fn claim_in<'a>(&'a self, req: &'a QuoteRequest) -> Option<(&'a str, ClaimFrom)> {
        let (claim, from) = match (&self.claim, &req.claim) {
            (Some(c), _) => (c.as_str(), ClaimFrom::Line),
            (None, Some(c)) => (c.as_str(), ClaimFrom::Request),
            (None, None) => return None,
        };
        (!claim.eq_ignore_ascii_case("none")).then_some((claim, from))
    }

    /// The line's checks; its code, parsed.
    fn validate(&self) -> Result<HsCode> {
        // Blank: empty or all white space (what `trim` removes), decided at the first other
        // character, without trimming both ends.
        if self.id.chars().all(char::is_whitespace) {
            return Err(Error::new(ErrorCode::InvalidField, "id", "line id is empty"));
        }
        // No more characters than bytes: the characters are counted only for a long id.
        if self.id.len() > MAX_ID_CHARS && self.id.chars().count() > MAX_ID_CHARS {
            return Err(Error::new(
                ErrorCode::TooLarge,
                "id",
                format!("line id {} is longer than {MAX_ID_CHARS} characters", shown(&self.id)),
            ));
        }
        check_text(&self.id, "id")?;
        if let Some(d) = &self.description {
            check_text(d, "description")?;
        }
        let code = HsCode::parse(&self.code)?;
        non_negative(self.unit_price, "unit_price", ErrorCode::NegativePrice)?;
        at_most(self.unit_price, MAX_INPUT, "unit_price")?;
        at_most(self.quantity, MAX_INPUT, "quantity")?;
        // The product is built (and checked) only where integers cannot tell it is within; a
        // quantity of at most MAX_VALUE ÷ MAX_INPUT (1,000: nearly every line) keeps it within, the
        // unit price being at most MAX_INPUT and not negative (checked above).
        if exceeds(self.quantity, QUANTITY_WITHIN_ANY_PRICE)
            && product_exceeds(self.quantity, self.unit_price, MAX_VALUE) != Some(false)
        {
            at_most(self.quantity * self.unit_price, MAX_VALUE, "quantity × unit_price")?;
        }
        if let Some(m) = self.metal_content_value {
            non_negative(m, "metal_content_value", ErrorCode::NegativePrice)?;
            at_most(m, MAX_INPUT, "metal_content_value")?;
            if m > self.unit_price {
                return Err(Error::new(
                    ErrorCode::InvalidField,
                    "metal_content_value",
                    format!("metal_content_value is {m}: the metal content of one unit cannot be worth more than its unit_price {}", self.unit_price),
                ));
            }
        }
        if self.quantity.is_sign_negative() || self.quantity.is_zero() {
            return Err(Error::new(
                ErrorCode::Quantity,
                "quantity",
                format!("quantity is {}: it must be more than 0", self.quantity),
            ));
        }
        if let Some(o) = &self.origin {
            check_country(o, "origin")?;
        }
        if let Some(f) = self.fuel_l_per_100km {
            non_negative(f, "fuel_l_per_100km", ErrorCode::InvalidField)?;
            at_most(f, MAX_INPUT, "fuel_l_per_100km")?;
        }
        // Each by itself (a list of the two, built on every line, cost more than the checks).
        check_measure(self.weight_kg, "weight_kg")?;
        check_measure(self.volume_l, "volume_l")?;
        // (A line of neither, nearly every line, does not build the list of the two.)
        if self.alcohol_pct.is_some() || self.acetic_acid_pct.is_some() {
            let strengths =
                [(self.alcohol_pct, "alcohol_pct", "% vol"), (self.acetic_acid_pct, "acetic_acid_pct", "% by weight")];
            for (value, field, unit) in strengths {
                if let Some(a) = value.filter(|a| a.is_sign_negative() || exceeds(*a, 100)) {
                    return Err(Error::new(
                        ErrorCode::InvalidField,
                        field,
                        format!("{field} is {a}: it is a {unit} between 0 and 100"),
                    ));
                }
            }
        }
        // The field is named only when it is at fault. (Empty maps, nearly every line's, are not
        // walked: an iterator over a `BTreeMap` is set up even for none.)
        if !self.units.is_empty() {
            for (k, v) in &self.units {
                let field = || format!("units.{k}");
                non_negative(*v, "", ErrorCode::Quantity).map_err(|_| negative(*v, &field(), ErrorCode::Quantity))?;
                at_most(*v, MAX_INPUT, "").map_err(|_| too_large(*v, MAX_INPUT, &field()))?;
                crate::units::measure_for_key(k).map_err(|e| Error::new(e.code, field(), e.into_fields().message))?;
            }
        }
        if !self.components.is_empty() {
            for (k, v) in &self.components {
                let field = || format!("components.{k}");
                non_negative(*v, "", ErrorCode::NegativeAmount)
                    .map_err(|_| negative(*v, &field(), ErrorCode::NegativeAmount))?;
                at_most(*v, MAX_VALUE, "").map_err(|_| too_large(*v, MAX_VALUE, &field()))?;
            }
            self.check_components()?;
        }
        if let Some(rate) = &self.duty_rate {
            check_duty_rate(rate, "duty_rate".into())?;
        }
        if let Some(c) = &self.claim {
            check_claim(c, "claim")?;
        }
        if self.extra_duties.len() > MAX_EXTRA_DUTIES {
            return Err(Error::new(
                ErrorCode::TooLarge,
                "extra_duties",
                format!("{} extra duties: at most {MAX_EXTRA_DUTIES} per line", self.extra_duties.len()),
            ));
        }
        for (i, d) in self.extra_duties.iter().enumerate() {
            if d.name.trim().is_empty() {
                return Err(Error::new(
                    ErrorCode::InvalidField,
                    format!("extra_duties[{i}].name"),
                    "name the duty (e.g. \"anti-dumping duty\")",
                ));
            }
            check_duty_rate(&d.rate, format!("extra_duties[{i}].rate"))?;
            check_extra_base(&self.extra_duties, i)?;
            if let Some(j) = d.answers.iter().position(|a| a.trim().is_empty()) {
                let row = match d.kind {
                    ExtraDutyKind::Excise => {
                        "an excise row (its id in tariffs/rules/excise.tsv, e.g. \"ca-green-levy\")"
                    }
                    _ => "a trade remedy (its id in tariffs/rules/trade_remedies.tsv, e.g. \"eu-ebike-ad\")",
                };
                return Err(Error::new(
                    ErrorCode::InvalidField,
                    format!("extra_duties[{i}].answers[{j}]"),
                    format!("name {row}"),
                ));
            }
        }
        Ok(code)
    }
}

/// A line's `weight_kg` or `volume_l`, when given: not negative, at most [`MAX_INPUT`].
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
fn check_measure(v: Option<Decimal>, field: &str) -> Result<()> {
    if let Some(v) = v {
        non_negative(v, field, ErrorCode::Quantity)?;
        at_most(v, MAX_INPUT, field)?;
    }
    Ok(())
}

/// `extra_duties[i].base` is a base ([`ExtraDuty::base`]) its entry can take: one other than the
/// customs value only on an `excise` entry, and `levy:NAME` naming an excise entry before it on
/// the line (charged first); else `E_INVALID_FIELD` naming the field.
fn check_extra_base(extras: &[ExtraDuty], i: usize) -> Result<()> {
    let d = &extras[i];
    let field = || format!("extra_duties[{i}].base");
    let base = d.base().map_err(|why| Error::new(ErrorCode::InvalidField, field(), why))?;
    if base == CallerBase::CustomsValue {
        return Ok(());
    }
    if d.kind != ExtraDutyKind::Excise {
        return Err(Error::new(
            ErrorCode::InvalidField,
            field(),
            "a customs duty is charged on the customs value: base is for an entry of \"kind\": \"excise\"",
        ));
    }
    if let CallerBase::Levy(name) = base {
        let before = extras[..i].iter().any(|e| e.kind == ExtraDutyKind::Excise && e.name.trim() == name);
        if !before {
            let names: Vec<String> = extras[..i]
                .iter()
                .filter(|e| e.kind == ExtraDutyKind::Excise)
                .map(|e| format!("{:?}", e.name))
                .collect();
            return Err(Error::new(
                ErrorCode::InvalidField,
                field(),
                format!(
                    "levy:{name} names no excise entry before this one on the line (before it: {}): the levy whose amount is the base comes first",
                    match names.is_empty() {
                        true => "none".to_string(),
                        false => names.join(", "),
                    }
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_ascii_text_check_refuses_what_the_character_check_refuses() {
        // `check_text` answers printable ASCII at once: every ASCII character, alone and among
        // others, in an id and in a description, is judged as the character-by-character check judges it.
        for b in 0u8..=0x7f {
            let c = char::from(b);
            for text in [c.to_string(), format!("a{c}b")] {
                for field in ["id", "description"] {
                    assert_eq!(
                        check_text(&text, field).map_err(|e| e.into_fields().message),
                        check_text_chars(&text, field).map_err(|e| e.into_fields().message),
                        "{b:#x} {field}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_line_value_past_the_bound_is_refused_whatever_its_quantity() {
        // The product is not checked for a quantity of at most MAX_VALUE ÷ MAX_INPUT: at the
        // highest unit price it is at the bound, and one more (or a fraction more) is refused.
        assert_eq!(QUANTITY_WITHIN_ANY_PRICE, 1_000);
        let line = |quantity: &str| {
            let json = format!(
                r#"{{"destination":"GB","date":"2026-03-02","currency":"GBP","lines":[{{"id":"a","code":"6109100010","quantity":"{quantity}","unit_price":"{MAX_INPUT}"}}]}}"#
            );
            from_json(&json).map(|_| ()).map_err(|e| (e.code, e.into_fields().field))
        };
        assert_eq!(line("1000"), Ok(()));
        assert_eq!(line("1000.000"), Ok(()));
        for past in ["1000.001", "1001", "2000"] {
            let (code, field) = line(past).expect_err(past);
            assert_eq!(
                (code, field.as_deref()),
                (ErrorCode::TooLarge, Some("lines[0].quantity × unit_price")),
                "{past}"
            );
        }
    }

    #[test]
    fn exceeds_compares_at_every_scale() {
        let d = |s: &str| Decimal::from_str_exact(s).unwrap();
        assert!(!exceeds(d("100"), 100));
        assert!(!exceeds(d("100.000000"), 100));
        assert!(exceeds(d("100.0000001"), 100));
        assert!(!exceeds(d("99.99"), 100));
        assert!(!exceeds(d("-1000"), 100));
        assert!(exceeds(d("79228162514264337593543950335"), i64::MAX));
        assert!(exceeds(d("0.0000000000000000000000000001"), 0));
    }

    proptest! {
        #[test]
        fn exceeds_agrees_with_decimal_comparison(lo: u32, mid: u32, hi: u32, negative: bool, scale in 0u32..=28, max in 0i64..=i64::MAX) {
            let v = Decimal::from_parts(lo, mid, hi, negative, scale);
            prop_assert_eq!(exceeds(v, max), v > Decimal::from(max));
        }

        /// Where the integers decide, they decide as the `Decimal` product does.
        #[test]
        fn product_exceeds_agrees_with_the_decimal_product(
            a in any::<i64>(), sa in 0u32..=28, b in any::<i64>(), sb in 0u32..=28, max in 0i64..=i64::MAX,
            small in any::<bool>(),
        ) {
            // Half the cases are cart-sized figures (under a trillion at two to four places).
            let (a, b) = if small { (a % 1_000_000_000_000_000, b % 1_000_000) } else { (a, b) };
            let (a, b) = (Decimal::new(a, sa), Decimal::new(b, sb));
            if let Some(over) = product_exceeds(a, b, max) {
                let product = a.checked_mul(b).expect("an exact product fits");
                prop_assert_eq!(over, product > Decimal::from(max), "{} × {}", a, b);
            }
        }
    }

    #[test]
    fn product_exceeds_at_the_edges() {
        let d = |s: &str| Decimal::from_str_exact(s).unwrap();
        assert_eq!(product_exceeds(d("1000"), d("1000000000000"), MAX_VALUE), Some(false));
        assert_eq!(product_exceeds(d("1000.001"), d("1000000000000"), MAX_VALUE), Some(true));
        assert_eq!(product_exceeds(d("-5"), d("3"), 0), Some(false));
        // Past 2^63 or a scale over 28: left to the `Decimal` product.
        assert_eq!(product_exceeds(d("79228162514264337593543950335"), d("1"), MAX_VALUE), None);
        assert_eq!(product_exceeds(d("0.00000000000001"), d("0.000000000000001"), MAX_VALUE), None);
    }

    #[test]
    fn a_blank_line_id_is_what_trims_to_nothing() {
        for id in ["", " ", "\t\n", "\u{3000}", "\u{a0} ", " a ", "a", "\u{200b}", "\u{3000}x"] {
            let json = r#"{"destination":"GB","date":"2026-03-02","currency":"GBP","lines":[{"id":"x","code":"6109100010","quantity":"1","unit_price":"1"}]}"#;
            let mut req = from_json(json).unwrap();
            req.lines[0].id = id.to_string();
            let blank = req.validate().is_err_and(|e| e.message == "line id is empty");
            assert_eq!(blank, id.trim().is_empty(), "{id:?}");
        }
    }

    #[test]
    fn a_repeated_line_id_is_found_whatever_the_ids_around_it() {
        // Ids of one length and the same end bytes (equal keys) are still told apart by their
        // text; the first repeat is reported, in a small cart as in a large one.
        let cart = |ids: &[&str]| {
            let lines: Vec<String> = ids
                .iter()
                .map(|id| format!(r#"{{"id":"{id}","code":"6109100010","quantity":"1","unit_price":"1"}}"#))
                .collect();
            let json =
                format!(r#"{{"destination":"GB","date":"2026-03-02","currency":"GBP","lines":[{}]}}"#, lines.join(","));
            from_json(&json).err().map(|e| (e.code, e.into_fields().field))
        };
        assert_eq!(cart(&["a1b", "a2b", "a3b", "x", "ab"]), None);
        let repeat = Some((ErrorCode::DuplicateLineId, Some("lines[3].id".to_string())));
        assert_eq!(cart(&["a1b", "a2b", "a3b", "a2b", "a1b"]), repeat);
        let many: Vec<String> = (0..40).map(|i| format!("l{i}")).chain(["l7".to_string()]).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(cart(&many), Some((ErrorCode::DuplicateLineId, Some("lines[40].id".to_string()))));
        assert_eq!(cart(&many[..SMALL_CART]), None);
    }
}
