//! The coded columns of the rule tables, read into enums: every value is one of a closed list, or
//! the row fails naming its file, line and column (never a default).
//!
//! Plain std + serde + the TSV reader and `money.rs`: `build.rs` compiles this file too
//! (`#[path]`) and runs the same readers over `tariffs/rules/*.tsv` (see [`check_rule_tables`]),
//! so a bad value fails `cargo build`, not only the engine's load. The closed-set columns whose
//! types live elsewhere (channel, transport, customs FX method, …) are checked here by name
//! ([`CLOSED_COLUMNS`]) and read into their types by their loaders; every `currency` column is
//! read by [`currency`], every `confidence` column checked against [`CONFIDENCES`].

use super::groups::{self, Groups};
use super::table::{Record, Tsv};
use crate::date::Date;
use crate::error::Result;
use crate::money::Currency;
use rust_decimal::Decimal;
use serde::Serialize;

/// What the duty is charged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum DutyBasis {
    /// Goods + freight + insurance to the border.
    Cif,
    /// Goods at the place of export (transaction value without international transport).
    Fob,
}

/// What import VAT/GST is charged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum TaxBasis {
    /// CIF value + duty + other import levies (EU art. 86, GB, AU, …).
    CifPlusDuty,
    /// The customs value (per the duty basis) + duty (Canada's value for tax).
    CustomsValuePlusDuty,
    /// No import VAT/GST (United States).
    None,
}

/// How the tax rate applies to its base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum TaxMethod {
    /// amount = base × rate.
    OnTop,
    /// The tax is part of its own base (Brazil's ICMS): amount = base ÷ (1 − rate) × rate.
    Inside,
    None,
}

/// The name of a destination's import tax, where the rate row's kind does not name it (`gst`,
/// `hst` and `icms` rows do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaxName {
    /// "VAT".
    Vat,
    /// "consumption tax" (Japan).
    ConsumptionTax,
}

/// Duties the destination adds on top of its tariff, by origin, date and code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AdditionalDuties {
    None,
    /// US chapter 99 layers (`rules/us_layers.tsv`, `us_reciprocal.tsv`) and the preference
    /// programmes of the tariff's `special` column: every line needs its origin.
    UsChapter99,
}

/// A tax levied by province or state at the border, and what it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubdivisionTax {
    None,
    /// Canada's HST: a harmonized province's rate (`hst` rows) replaces GST; a GST/HST
    /// registrant (`business_buyer`) pays only the federal part at the border; provincial sales
    /// taxes are not collected at the border (a warning says so).
    Hst,
    /// Brazil's ICMS: the state's rate (`icms` rows) replaces the national one; under a
    /// simplified regime the state's `icms_rts` row is required (no state: the line says so).
    Icms,
}

/// What a threshold does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum ThresholdEffect {
    /// The levies are not due at or below the amount.
    Relieve,
    /// Tax is charged by the seller at the sale instead of at the border.
    SellerCollects,
    /// A flat duty per tariff line replaces customs duty at or below the amount.
    FlatPerTariffLine,
    /// A tax amount at or below the amount is not collected.
    MinCollectible,
    /// A simplified tariff replaces the general tariff at or below the amount, unless the importer
    /// asks for the general one (Japan, Customs Tariff Act art. 3-3: `rules/jp_simplified.tsv`).
    SimplifiedTariff,
    /// A flat ad valorem rate of duty (`flat_amount`, in per cent) replaces the tariff's rate for
    /// consignments at or below the amount, where lower (the UK's and the EU's flat rate of 2.5 %
    /// for gifts between private individuals). The engine does not price it: such a row must be
    /// `verify`, and a consignment within it has its duty unpriced, with the reason.
    FlatRate,
    /// The buyer accounts for the tax on its own VAT return (reverse charge): the seller charges
    /// none at the sale and none is due at the border (GB ≤ £135 sold to a VAT-registered
    /// business); the amount is shown in `totals.reverse_charged`, outside the landed cost.
    ReverseCharge,
}

/// Whom a threshold is for (`buyer` in `rules/thresholds.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Buyer {
    /// Every consignment (`any`).
    Any,
    /// Only a consumer's consignment (`consumer`): a business buyer (`business_buyer: true`) is
    /// outside it (IOSS, the EUR 3 duty, the GB/AU/NZ/SG/NO seller-collected schemes are B2C).
    Consumer,
    /// Only a VAT/GST-registered business buyer's consignment (`business`): a consumer's quote
    /// does not consider it at all.
    Business,
    /// Only a gift from a private individual to a private individual (`gift`: the request says
    /// `gift: true`); any other quote does not consider it at all.
    Gift,
}

/// What value a threshold compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ThresholdBasis {
    /// Price of the goods without transport and insurance.
    Intrinsic,
    /// The customs value per the destination's duty basis.
    CustomsValue,
    /// The tax amount itself (minimum collectible).
    TaxAmount,
    /// The seller's yearly turnover from such sales (Switzerland's mail-order rule, MWSTG art. 7
    /// para. 3 lit. b: at least the amount, `compare` `ge`): a fact about the seller, not tested
    /// on the consignment. Only for a `seller_collects` row with a `scheme`: it applies to every
    /// consignment unless the request says `seller_registered: false`.
    SellerTurnover,
}

/// Whether a seller's low-value scheme is imposed by law or chosen by the seller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// Every seller must charge the tax at the sale, whatever its turnover (GB ≤ £135: an
    /// overseas seller has no registration threshold, VATA 1994 Sch 1A).
    Mandatory,
    /// The seller may (IOSS, VOEC); otherwise the tax is import tax at the border.
    Optional,
    /// A seller must register and charge the tax at the sale only above a turnover threshold
    /// (AU above A$75,000, NZ above NZ$60,000, SG's overseas vendors above S$1 million worldwide
    /// and S$100,000 of such sales): one below it is lawfully unregistered and charges none, so
    /// `seller_registered: false` is accepted and the border's own reliefs decide.
    MandatoryAboveTurnover,
}

/// What tax collected by the seller at the sale is charged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SaleBase {
    /// The sale price with delivery and insurance (GB, IOSS, AU, NZ, SG, VOEC).
    Delivered,
    /// The sale value of the goods alone, transport and insurance excluded (Malaysia's LVG).
    Goods,
    /// The sale price with delivery and insurance, and the duty due at the border bears the
    /// import tax there, whoever pays it (New Zealand: "If GST on the value of the goods has
    /// already been collected at the point of sale by the supplier GST will still be payable on
    /// any duty at the border", NZ Customs notice of 2019-07-12): the duty is never in the sale's
    /// base.
    DeliveredDutyAtBorder,
}

/// What a threshold's value is taken over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// The whole consignment.
    Consignment,
    /// Each item (one unit of a line) on its own: every item must qualify.
    Item,
}

/// How a fee is charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    /// A percentage of the entered value, within a minimum and a maximum.
    AdValorem,
    /// A flat amount per entry.
    Flat,
    /// The fee is due but its figures for the period are not in our sources: never priced.
    Unknown,
    /// A fee reported as coming, its start (the row's `valid_from`) expected, not read: like
    /// `Unknown`, never priced, and it "may be due" rather than "is due" (audit-z Z6).
    Expected,
    /// The law exempts these entries from the fee: listed at zero with the row's reason (US
    /// mail from the MPF, 19 CFR 24.23(c)(1)(v)).
    Exempt,
}

/// What else a fee needs, besides its entry, band, transport and channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeCondition {
    /// Nothing else.
    Always,
    /// The consignment owes duty (the US dutiable mail fee: each item of dutiable mail).
    Dutiable,
    /// The consignment is not a gift (`gift: true`): a fee on goods sold.
    NotGift,
    /// A distance sale (Directive 2006/112/EC art. 14(4): a supply to a person who is not a
    /// taxable person): neither a gift nor to a business buyer (`business_buyer: true`), such as
    /// the EU's handling fee on low-value distance sales (audit-z Z6).
    DistanceSale,
    /// Duty or tax is collected at the border: not due when none is (a minimum collectible
    /// waived it all), such as New Zealand's Import Transaction Fee "when charges are collected"
    /// (audit-bb BB5).
    Collected,
}

/// Which entries a fee applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Entries valued above `formal_above`.
    Formal,
    /// Entries valued at or below `formal_above`.
    Informal,
    Any,
}

/// What a movement that crosses no customs border does with the tax (`rules/movements.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MovementTax {
    /// The seller charges the destination's VAT/GST at the sale.
    SellerCollects,
    /// The seller charges VAT at the sale, but whose depends on facts the request does not give
    /// (the pre-2021-07-01 distance-sales thresholds): the tax is never priced.
    NotPriced,
    /// The goods cross a customs union's internal border or a tax border inside one customs
    /// territory (Åland, the Channel Islands): no customs duty, but the destination's VAT/GST,
    /// excise and import fees are due at import as for any import (its thresholds apply).
    Import,
}

/// A movement row's `from` or `to`: countries and groups of `rules/groups.tsv`, the destination
/// itself (`same`, in `from`) or any destination (`*`, in `to`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place<'a> {
    /// `ship_from` equals the destination.
    Same,
    /// Every destination.
    Any,
    /// These countries and the members of these groups.
    Named(Vec<&'a str>),
}

/// The coded columns of a `rules/movements.tsv` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovementCodes<'a> {
    pub from: Place<'a>,
    pub to: Place<'a>,
    pub tax: MovementTax,
    /// The HS chapters the row covers (first, last), on an `import` row only; `None`: all goods.
    pub chapters: Option<(u8, u8)>,
}

impl<'a> MovementCodes<'a> {
    /// Reads the row strictly: `from` is `same` or countries and groups, `to` is `*` or countries
    /// and groups, `duty` is `none` (the only value: a movement that crosses no customs border
    /// owes none), `tax` is `seller_collects`, `not_priced` or `import`, `chapters` is empty or
    /// `25-97` (HS chapters, on an `import` row only: the others apply to the whole shipment).
    pub fn read(r: &Record<'_, 'a>, groups: &Groups<'_>) -> Result<MovementCodes<'a>> {
        one_of(r, "duty", &[("none", ())])?;
        let place = |column: &str, keyword: &str, whole: Place<'a>| -> Result<Place<'a>> {
            let text = r.text(column)?;
            if text == keyword {
                return Ok(whole);
            }
            groups.check_names(r, column)?;
            match list(text) {
                names if names.is_empty() || text.contains('*') => {
                    Err(r.bad(column, &format!("write {keyword:?} or countries and groups (EU,XI)")))
                }
                names => Ok(Place::Named(names)),
            }
        };
        Ok(MovementCodes {
            from: place("from", "same", Place::Same)?,
            to: place("to", "*", Place::Any)?,
            tax: one_of(
                r,
                "tax",
                &[
                    ("seller_collects", MovementTax::SellerCollects),
                    ("not_priced", MovementTax::NotPriced),
                    ("import", MovementTax::Import),
                ],
            )?,
            chapters: chapter_range(r)?,
        })
    }
}

/// A movement row's `chapters`: empty (all goods) or `first-last`, two HS chapters 01..=97 in
/// order, on an `import` row only.
fn chapter_range(r: &Record<'_, '_>) -> Result<Option<(u8, u8)>> {
    let text = r.text("chapters")?;
    if text.is_empty() {
        return Ok(None);
    }
    if r.text("tax")? != "import" {
        return Err(
            r.bad("chapters", "only an import row covers some chapters (the others apply to the whole shipment)")
        );
    }
    let chapter = |t: &str| t.parse::<u8>().ok().filter(|c| t.len() == 2 && (1..=97).contains(c));
    match text.split_once('-').map(|(a, b)| (chapter(a), chapter(b))) {
        Some((Some(first), Some(last))) if first <= last => Ok(Some((first, last))),
        _ => Err(r.bad("chapters", &format!("{text:?} is not a range of HS chapters such as 25-97"))),
    }
}

/// A field that must hold one of `allowed`.
pub fn one_of<T: Copy>(r: &Record<'_, '_>, column: &str, allowed: &[(&str, T)]) -> Result<T> {
    let text = r.text(column)?;
    allowed.iter().find(|(k, _)| *k == text).map(|(_, v)| *v).ok_or_else(|| {
        let names: Vec<&str> = allowed.iter().map(|(k, _)| *k).collect();
        r.bad(column, &format!("{text:?} is not one of {}", names.join(", ")))
    })
}

/// A comma-separated list; `*` and empty items are dropped.
pub fn list(text: &str) -> Vec<&str> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty() && *s != "*").collect()
}

/// A strictly parsed list of country codes: `*` (any), empty (none) or `GB,US`.
pub fn countries<'a>(r: &Record<'_, 'a>, column: &str) -> Result<Vec<&'a str>> {
    let text = r.text(column)?;
    let codes = list(text);
    if text.trim() == "*" || text.trim().is_empty() {
        return Ok(codes);
    }
    match codes.iter().find(|c| c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase())) {
        Some(bad) => Err(r.bad(column, &format!("{bad:?} is not a country code (write * or CN,HK)"))),
        None => Ok(codes),
    }
}

/// A trade remedy's `origins` column: country codes, `*` (every origin), or `*,!US,!MX` (every origin but
/// those): the origins and the excepted ones. Read here so that `build.rs` checks it too.
pub fn remedy_origins<'a>(r: &Record<'_, 'a>) -> Result<(Vec<&'a str>, Vec<&'a str>)> {
    let text = r.text("origins")?.trim();
    Ok(match text.strip_prefix('*') {
        Some("") => (vec!["*"], Vec::new()),
        Some(rest) => {
            let except: Vec<&'a str> = rest.split(',').map(str::trim).filter(|c| !c.is_empty()).collect();
            let bad =
                |c: &str| c.len() != 3 || !c.starts_with('!') || !c.bytes().skip(1).all(|b| b.is_ascii_uppercase());
            if let Some(c) = except.iter().find(|c| bad(c)) {
                return Err(r.bad("origins", &format!("{c:?} is not an excepted origin (write *,!US,!MX)")));
            }
            (vec!["*"], except.into_iter().map(|c: &'a str| &c[1..]).collect())
        }
        None => (countries(r, "origins")?, Vec::new()),
    })
}

/// A strictly parsed list of HS prefixes (2 to 10 digits, even count): `2203,24,3303`.
pub fn code_prefixes<'a>(r: &Record<'_, 'a>, column: &str) -> Result<Vec<&'a str>> {
    let codes = list(r.text(column)?);
    // 9 digits: a national line of Japan's schedule (6 HS digits and a 3-digit statistical suffix).
    let bad = |c: &str| {
        c.len() < 2 || c.len() > 10 || (c.len() % 2 != 0 && c.len() != 9) || !c.bytes().all(|b| b.is_ascii_digit())
    };
    match codes.iter().find(|c| bad(c)) {
        Some(c) => Err(r.bad(
            column,
            &format!("{c:?} is not an HS prefix (2, 4, 6, 8 or 10 digits, or a 9-digit line of Japan's schedule)"),
        )),
        None => Ok(codes),
    }
}

/// A currency column: an ISO 4217 code the engine knows (`money.rs`), or an error naming the row.
pub fn currency(r: &Record<'_, '_>, column: &str) -> Result<Currency> {
    Currency::parse(r.text(column)?).map_err(|e| r.bad(column, &e.message))
}

/// The values of every `confidence` column (`provenance::Confidence`).
pub const CONFIDENCES: [&str; 2] = ["official", "verify"];

/// A closed-set column whose type lives outside this file: the names it may hold (a cell of a
/// `list` column is a comma-separated list of them). Its loader reads it into its type; the
/// tests below keep each list equal to what the type accepts.
pub struct ClosedColumn {
    pub table: &'static str,
    pub column: &'static str,
    pub names: &'static [&'static str],
    pub list: bool,
}

const fn closed(table: &'static str, column: &'static str, names: &'static [&'static str]) -> ClosedColumn {
    ClosedColumn { table, column, names, list: false }
}

/// The closed-set columns of `tariffs/rules/*.tsv` typed outside this file.
pub const CLOSED_COLUMNS: [ClosedColumn; 27] = [
    // `fx::FxMethod::NAMES`.
    closed(
        "rules/jurisdictions.tsv",
        "fx_method",
        &[
            "ecb_monthly",
            "hmrc_monthly",
            "ecb_daily",
            "ecb_previous_day",
            "ecb_week_before_last",
            "ecb_daily_for_weekly_selling_rate",
            "ecb_daily_for_certified_rate",
        ],
    ),
    // `request::Channel` (`any`: every channel), read in `rules/mod.rs`.
    closed("rules/thresholds.tsv", "channel", &["any", "courier", "post", "freight"]),
    // `request::Transport::parse` (`any`: every mode), a list, read in `rules/mod.rs`.
    ClosedColumn {
        table: "rules/thresholds.tsv",
        column: "transport",
        names: &["any", "ocean", "air", "road", "rail", "post"],
        list: true,
    },
    // `request::Transport::parse` (`any`: every mode).
    ClosedColumn {
        table: "rules/fees.tsv",
        column: "transport",
        names: &["any", "ocean", "air", "road", "rail", "post"],
        list: true,
    },
    // `request::Channel` (`any`: every channel), a list, read in `rules/mod.rs`.
    ClosedColumn {
        table: "rules/fees.tsv",
        column: "channel",
        names: &["any", "courier", "post", "freight"],
        list: true,
    },
    // `request::SimplifiedRegime::parse`.
    closed("rules/duty_bands.tsv", "regime", &["rts", "remessa_conforme"]),
    // `rules::taxes::CollectedAt::NAMES`.
    closed("rules/duty_bands.tsv", "collected_at", &["border", "sale"]),
    // `rules::taxes::RoundingTarget`, `RoundingMode`, `PartBasis`.
    closed(
        "rules/tax_rounding.tsv",
        "applies_to",
        &[
            "duty_base",
            "line_amount",
            "duty_in_tax_base",
            "tax_base",
            "part_base",
            "duty_total",
            "tax_total",
            "duty_amount",
            "weight_per_100kg",
            "min_collectible",
            "tax_amount",
        ],
    ),
    closed("rules/tax_rounding.tsv", "mode", &["down", "half_up", "up"]),
    closed("rules/tax_parts.tsv", "basis", &["tax_base", "preceding_part"]),
    // `rules::us::RateKind` (`conditional`: `Layer::conditional`), `LayerBasis` (empty: `add`, `value`).
    closed(
        "rules/us_layers.tsv",
        "rate_kind",
        &["", "add", "all_in", "conditional", "postal", "assumption", "all_in_at_least"],
    ),
    closed("rules/us_layers.tsv", "basis", &["", "value", "metal_content", "per_item"]),
    // `rules::vat::VatKind::parse`.
    closed(
        "rules/vat_extra.tsv",
        "kind",
        &[
            "standard",
            "reduced",
            "reduced1",
            "reduced2",
            "super_reduced",
            "parking",
            "press_publications",
            "vat",
            "gst",
            "hst",
            "pst",
            "pst_border",
            "qst",
            "icms",
            "icms_rts",
        ],
    ),
    // `datasets::DatasetKind`.
    closed("rules/datasets.tsv", "kind", &["tariff", "layers", "nomenclature", "fx", "vat", "rules"]),
    // `correlation`: the tariff's nomenclature, and a fix to the UN correlation.
    closed("rules/nomenclature.tsv", "nomenclature", &["HS2017", "HS2022"]),
    closed("rules/hs_correlation_fixes.tsv", "fix", &["add", "remove"]),
    // `rules::vat_classes::CLASSES` (`request::VatClass`) and `Settles::NAMES`.
    closed(VAT_CLASSES_FILE, "class", &["standard", "reduced", "zero", "exempt"]),
    closed(VAT_CLASSES_FILE, "settles", &["code", "depends", "assumes"]),
    // `rules::programmes::Grants::NAMES`, and the two destinations of the agreements table.
    closed("rules/eu_gb_agreements.tsv", "grants", &["free", "not_in_data"]),
    closed("rules/eu_gb_agreements.tsv", "destination", &["EU", "GB"]),
    // `rules::trade_remedies::RemedyKind::NAMES`.
    closed(TRADE_REMEDIES_FILE, "kind", &["anti_dumping", "countervailing", "safeguard", "surtax", "over_quota"]),
    // `rules::excise::ExciseBase::NAMES`, and whether the excise is in the VAT/GST base.
    closed(EXCISE_RATES_FILE, "base", &["customs_value", "value_duty_transport", "value_with_tax", "value_duty"]),
    closed(EXCISE_FILE, "base", &["", "customs_value", "value_duty_transport", "value_duty"]),
    closed(EXCISE_RATES_FILE, "in_vat_base", &["yes", "no"]),
    closed("rules/tax_uplift.tsv", "also_origin", &["yes", "no"]),
    // `request::Channel` (`any`: every channel), a list, read in `rules/prohibitions.rs`.
    ClosedColumn {
        table: PROHIBITIONS_FILE,
        column: "channel",
        names: &["any", "courier", "post", "freight"],
        list: true,
    },
    // `rules::prohibitions::ProhibitionEffect::NAMES`.
    closed(PROHIBITIONS_FILE, "effect", &["partial", "error"]),
];

impl ClosedColumn {
    /// Checks the row's cell: one of the names, or a list of them.
    fn check(&self, r: &Record<'_, '_>) -> Result<()> {
        let text = r.text(self.column)?;
        let mut items = if self.list { text.split(',').map(str::trim).collect() } else { vec![text] };
        match items.iter_mut().find(|item| !self.names.contains(item)) {
            None => Ok(()),
            Some(bad) => Err(r.bad(self.column, &format!("{bad:?} is not one of {}", self.names.join(", ")))),
        }
    }
}

/// Checks the columns of a table typed outside this file: its [`CLOSED_COLUMNS`], and its
/// `currency` and `confidence` columns if it has them.
fn check_typed_elsewhere(name: &str, t: &Tsv<'_>) -> Result<()> {
    let closed: Vec<&ClosedColumn> = CLOSED_COLUMNS.iter().filter(|c| c.table == name).collect();
    let (has_currency, has_confidence) = (t.column("currency").is_some(), t.column("confidence").is_some());
    for r in t.records() {
        for c in &closed {
            c.check(&r)?;
        }
        if has_currency {
            currency(&r, "currency")?;
        }
        if has_confidence {
            one_of(&r, "confidence", &CONFIDENCES.map(|c| (c, ())))?;
        }
    }
    Ok(())
}

/// The coded columns of a `rules/jurisdictions.tsv` row (`fx_method` and `currency` are read
/// by the loader, with the FX and money types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JurisdictionCodes {
    pub duty_basis: DutyBasis,
    pub tax_basis: TaxBasis,
    pub tax_method: TaxMethod,
    pub additional_duties: AdditionalDuties,
    pub tax_name: TaxName,
    pub subdivision_tax: SubdivisionTax,
}

impl JurisdictionCodes {
    /// Reads the row's coded columns strictly.
    pub fn read(r: &Record<'_, '_>) -> Result<JurisdictionCodes> {
        Ok(JurisdictionCodes {
            duty_basis: one_of(r, "duty_basis", &[("cif", DutyBasis::Cif), ("fob", DutyBasis::Fob)])?,
            tax_basis: one_of(
                r,
                "tax_basis",
                &[
                    ("cif_plus_duty", TaxBasis::CifPlusDuty),
                    ("customs_value_plus_duty", TaxBasis::CustomsValuePlusDuty),
                    ("none", TaxBasis::None),
                ],
            )?,
            tax_method: one_of(
                r,
                "tax_method",
                &[("on_top", TaxMethod::OnTop), ("inside", TaxMethod::Inside), ("none", TaxMethod::None)],
            )?,
            additional_duties: one_of(
                r,
                "additional_duties",
                &[("none", AdditionalDuties::None), ("us_chapter99", AdditionalDuties::UsChapter99)],
            )?,
            tax_name: one_of(r, "tax_name", &[("vat", TaxName::Vat), ("consumption_tax", TaxName::ConsumptionTax)])?,
            subdivision_tax: one_of(
                r,
                "subdivision_tax",
                &[("none", SubdivisionTax::None), ("hst", SubdivisionTax::Hst), ("icms", SubdivisionTax::Icms)],
            )?,
        })
        .and_then(|codes| starts_because(r).map(|_| codes))
    }
}

/// A `rules/jurisdictions.tsv` row's `starts_because`: why the row starts on its `valid_from`,
/// as a refusal of an earlier date says it ("euro from 2009-01-01: Council Decision 2008/608/EC").
/// Given exactly when `valid_from` is, and naming that date; otherwise the load fails naming the
/// line and column (never the `source` prose in its place).
pub fn starts_because<'a>(r: &Record<'_, 'a>) -> Result<Option<&'a str>> {
    let why = r.text("starts_because")?;
    match r.date("valid_from")? {
        None if why.is_empty() => Ok(None),
        None => Err(r.bad("starts_because", "given only for a row with a valid_from")),
        Some(_) if why.is_empty() => {
            Err(r
                .bad("starts_because", "a row with a valid_from says why it starts then (a refusal before it says so)"))
        }
        Some(from) if !why.contains(&from.to_string()) => {
            Err(r.bad("starts_because", &format!("does not name the row's first day, {from}")))
        }
        Some(_) => Ok(Some(why)),
    }
}

/// The coded columns of a `rules/thresholds.tsv` row (`currency` and `channel` are read by the
/// loader, with the money and request types).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThresholdCodes<'a> {
    pub duty: bool,
    pub tax: bool,
    pub fees: bool,
    pub effect: ThresholdEffect,
    pub amount: Decimal,
    pub basis: ThresholdBasis,
    pub aggregation: Aggregation,
    /// `lt` (strictly below) rather than `le` (at most).
    pub strictly_below: bool,
    pub ship_from: Vec<&'a str>,
    pub origins: Vec<&'a str>,
    pub exclude_origins: Vec<&'a str>,
    /// Places of direct shipment it never applies to (the UK's relief: the Channel Islands).
    pub exclude_ship_from: Vec<&'a str>,
    pub exclude_codes: Vec<&'a str>,
    /// `exclude_by`: `line` when goods of `exclude_codes` are outside the row line by line (the
    /// other goods of the consignment keep it), `consignment` when a consignment holding such
    /// goods is outside it; given exactly when `exclude_codes` is.
    pub exclude_by_line: bool,
    /// Whom it is for (`buyer`: `any`, `consumer`, `business`).
    pub buyer: Buyer,
    pub scheme: Option<Scheme>,
    pub sale_base: SaleBase,
    /// `at_most`: the highest a `verify` relief's amount can be, from a primary text (in the
    /// row's currency); a consignment over it is over the relief whatever its true amount
    /// (docs/rules.md#not-priced). Only on a `verify` relief, above its `amount`.
    pub at_most: Option<Decimal>,
}

/// The levies a threshold acts on: `duty`, `tax`, `fees` joined by `+`.
fn levies(r: &Record<'_, '_>) -> Result<(bool, bool, bool)> {
    let mut out = (false, false, false);
    for part in r.text("levies")?.split('+') {
        match part {
            "duty" => out.0 = true,
            "tax" => out.1 = true,
            "fees" => out.2 = true,
            other => return Err(r.bad("levies", &format!("{other:?} is not duty, tax or fees"))),
        }
    }
    Ok(out)
}

impl<'a> ThresholdCodes<'a> {
    /// Reads the row's coded columns strictly.
    pub fn read(r: &Record<'_, 'a>) -> Result<ThresholdCodes<'a>> {
        let (duty, tax, fees) = levies(r)?;
        let basis = one_of(
            r,
            "basis",
            &[
                ("intrinsic", ThresholdBasis::Intrinsic),
                ("customs_value", ThresholdBasis::CustomsValue),
                ("tax_amount", ThresholdBasis::TaxAmount),
                ("seller_turnover", ThresholdBasis::SellerTurnover),
            ],
        )?;
        // A seller's turnover is reached at or above its amount; a consignment is within a
        // threshold at or below it.
        let turnover = basis == ThresholdBasis::SellerTurnover;
        let strictly_below = match turnover {
            true => one_of(r, "compare", &[("ge", false)])?,
            false => one_of(r, "compare", &[("le", false), ("lt", true)])?,
        };
        let codes = ThresholdCodes {
            duty,
            tax,
            fees,
            effect: one_of(
                r,
                "effect",
                &[
                    ("relieve", ThresholdEffect::Relieve),
                    ("seller_collects", ThresholdEffect::SellerCollects),
                    ("flat_per_tariff_line", ThresholdEffect::FlatPerTariffLine),
                    ("min_collectible", ThresholdEffect::MinCollectible),
                    ("simplified_tariff", ThresholdEffect::SimplifiedTariff),
                    ("reverse_charge", ThresholdEffect::ReverseCharge),
                    ("flat_rate", ThresholdEffect::FlatRate),
                ],
            )?,
            amount: r.decimal("amount")?.ok_or_else(|| r.bad("amount", "a threshold needs an amount"))?,
            basis,
            aggregation: one_of(
                r,
                "aggregation",
                &[("consignment", Aggregation::Consignment), ("item", Aggregation::Item)],
            )?,
            strictly_below,
            ship_from: countries(r, "ship_from")?,
            origins: countries(r, "origins")?,
            exclude_origins: countries(r, "exclude_origins")?,
            exclude_ship_from: countries(r, "exclude_ship_from")?,
            buyer: one_of(
                r,
                "buyer",
                &[
                    ("any", Buyer::Any),
                    ("consumer", Buyer::Consumer),
                    ("business", Buyer::Business),
                    ("gift", Buyer::Gift),
                ],
            )?,
            exclude_codes: code_prefixes(r, "exclude_codes")?,
            exclude_by_line: one_of(r, "exclude_by", &[("", false), ("line", true), ("consignment", false)])?,
            scheme: one_of(
                r,
                "scheme",
                &[
                    ("", None),
                    ("mandatory", Some(Scheme::Mandatory)),
                    ("optional", Some(Scheme::Optional)),
                    ("mandatory_above_turnover", Some(Scheme::MandatoryAboveTurnover)),
                ],
            )?,
            sale_base: one_of(
                r,
                "sale_base",
                &[
                    ("", SaleBase::Delivered),
                    ("delivered", SaleBase::Delivered),
                    ("goods", SaleBase::Goods),
                    ("delivered_duty_at_border", SaleBase::DeliveredDutyAtBorder),
                ],
            )?,
            at_most: r.decimal("at_most")?,
        };
        if let Some(bound) = codes.at_most {
            if codes.effect != ThresholdEffect::Relieve || r.text("confidence")? != "verify" {
                return Err(r.bad(
                    "at_most",
                    "only a verify relief has a bound on its amount (an official row's amount is read)",
                ));
            }
            if bound <= codes.amount {
                return Err(r.bad("at_most", "a bound on the amount is above the amount"));
            }
        }
        if codes.exclude_codes.is_empty() != r.text("exclude_by")?.is_empty() {
            return Err(r.bad("exclude_by", "line or consignment, given exactly when exclude_codes is"));
        }
        if turnover && (codes.effect != ThresholdEffect::SellerCollects || codes.scheme.is_none()) {
            return Err(r.bad("basis", "seller_turnover is only for a seller_collects row with a scheme"));
        }
        Ok(codes)
    }
}

/// The coded columns of a `rules/fees.tsv` row (`currency` and `transport` are read by the
/// loader, with the money and request types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeeCodes {
    pub kind: FeeKind,
    pub entry: EntryKind,
    /// The ad valorem percentage (required for `ad_valorem`).
    pub percent: Option<Decimal>,
    /// The flat amount (required for `flat`).
    pub amount: Option<Decimal>,
    pub formal_above: Decimal,
    /// When the figures were published.
    pub vintage: Option<Date>,
    pub condition: FeeCondition,
}

impl FeeCodes {
    /// Reads the row's coded columns strictly; a rate its kind needs is required, never zero.
    pub fn read(r: &Record<'_, '_>) -> Result<FeeCodes> {
        let kind = one_of(
            r,
            "kind",
            &[
                ("ad_valorem", FeeKind::AdValorem),
                ("flat", FeeKind::Flat),
                ("unknown", FeeKind::Unknown),
                ("expected", FeeKind::Expected),
                ("exempt", FeeKind::Exempt),
            ],
        )?;
        let (percent, amount) = (r.decimal("percent")?, r.decimal("amount")?);
        match kind {
            FeeKind::AdValorem if percent.is_none() => {
                return Err(r.bad("percent", "an ad_valorem fee needs its percent"))
            }
            FeeKind::Flat if amount.is_none() => return Err(r.bad("amount", "a flat fee needs its amount")),
            _ => {}
        }
        Ok(FeeCodes {
            kind,
            entry: one_of(
                r,
                "entry",
                &[("formal", EntryKind::Formal), ("informal", EntryKind::Informal), ("any", EntryKind::Any)],
            )?,
            percent,
            amount,
            formal_above: r
                .decimal("formal_above")?
                .ok_or_else(|| r.bad("formal_above", "a fee needs formal_above"))?,
            vintage: r.date("vintage")?,
            condition: one_of(
                r,
                "condition",
                &[
                    ("", FeeCondition::Always),
                    ("dutiable", FeeCondition::Dutiable),
                    ("not_gift", FeeCondition::NotGift),
                    ("distance_sale", FeeCondition::DistanceSale),
                    ("collected", FeeCondition::Collected),
                ],
            )?,
        })
    }
}

/// A fee a preference claim removes (`rules/preferences.tsv`, column `fee_exempt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExemptFee {
    /// The US merchandise processing fee of 19 U.S.C. 58c(a)(9) (formal entry) and (a)(10)
    /// (informal entry): the rows of `rules/fees.tsv` whose id starts `us-mpf-`.
    Mpf,
}

impl ExemptFee {
    /// The names the `fee_exempt` column may hold, with their values.
    pub const NAMES: [(&'static str, ExemptFee); 1] = [("mpf", ExemptFee::Mpf)];

    /// The `rules/fees.tsv` id prefix of the fee's rows.
    pub fn id_prefix(self) -> &'static str {
        match self {
            ExemptFee::Mpf => "us-mpf-",
        }
    }
}

/// What a programme's fee exemption needs from a line: the claim, or only the origin (products
/// of the programme's countries are exempt whether the programme is claimed or not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExemptWhen {
    Claim,
    Origin,
}

/// The fee-exemption columns of a programme row (`fee_exempt`, `fee_exempt_when`,
/// `fee_exempt_source`, `fee_exempt_confidence`; a table without them exempts no fee).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeExemptCodes<'a> {
    pub fees: Vec<ExemptFee>,
    pub when: ExemptWhen,
    /// The law the exemption rests on (or, with no `fee_exempt`, why there is none).
    pub source: &'a str,
    /// `fee_exempt_confidence` is `verify`: the exemption is listed, never priced.
    pub verify: bool,
}

impl<'a> FeeExemptCodes<'a> {
    /// Reads the row's fee-exemption columns strictly: every `fee_exempt` name is known, an
    /// exemption names when it applies, its source and its confidence; a row with no exemption
    /// leaves `fee_exempt_when` and `fee_exempt_confidence` empty (its source may say why none).
    pub fn read(r: &Record<'_, 'a>, table: &Tsv<'_>) -> Result<FeeExemptCodes<'a>> {
        let none = FeeExemptCodes { fees: Vec::new(), when: ExemptWhen::Claim, source: "", verify: false };
        if table.column("fee_exempt").is_none() {
            return Ok(none);
        }
        let mut fees = Vec::new();
        for name in list(r.text("fee_exempt")?) {
            match ExemptFee::NAMES.iter().find(|(n, _)| *n == name) {
                Some((_, fee)) if !fees.contains(fee) => fees.push(*fee),
                Some(_) => return Err(r.bad("fee_exempt", &format!("{name:?} is listed twice"))),
                None => {
                    let names: Vec<&str> = ExemptFee::NAMES.iter().map(|(n, _)| *n).collect();
                    return Err(r.bad("fee_exempt", &format!("{name:?} is not one of {}", names.join(", "))));
                }
            }
        }
        let source = r.text("fee_exempt_source")?;
        if fees.is_empty() {
            for column in ["fee_exempt_when", "fee_exempt_confidence"] {
                if !r.text(column)?.is_empty() {
                    return Err(r.bad(column, "a row that exempts no fee leaves it empty"));
                }
            }
            return Ok(FeeExemptCodes { source, ..none });
        }
        if source.is_empty() {
            return Err(r.bad("fee_exempt_source", "a fee exemption cites the law it rests on"));
        }
        let when = one_of(r, "fee_exempt_when", &[("claim", ExemptWhen::Claim), ("origin", ExemptWhen::Origin)])?;
        let verify = one_of(r, "fee_exempt_confidence", &[("official", false), ("verify", true)])?;
        Ok(FeeExemptCodes { fees, when, source, verify })
    }
}

/// The movements that cross no customs border.
pub const MOVEMENTS_FILE: &str = "rules/movements.tsv";

/// The destinations that charge duty only on listed goods.
pub const DUTY_FREE_FILE: &str = "rules/duty_free.tsv";

/// The excise duties charged at import that the snapshot has no rates for.
pub const EXCISE_FILE: &str = "rules/excise.tsv";

/// The `most` column of `rules/excise.tsv`: empty (no ceiling known), or the most the levy can
/// be per unit, a positive amount in the destination's currency (0 would say it is never due:
/// no row then).
pub fn excise_most(r: &Record<'_, '_>) -> Result<Option<Decimal>> {
    let most = r.decimal("most")?;
    if most.is_some_and(|m| m <= Decimal::ZERO) {
        return Err(r.bad("most", "the most a levy can be per unit is a positive amount (or empty: no ceiling known)"));
    }
    Ok(most)
}

/// The rates of some excise rows, with their bases and thresholds (`rules::excise::ExciseRate`).
pub const EXCISE_RATES_FILE: &str = "rules/excise_rates.tsv";

/// The VAT/GST class of goods by tariff code (`rules::vat_classes::FILE`).
pub const VAT_CLASSES_FILE: &str = "rules/vat_classes.tsv";

/// The trade-remedy duties (anti-dumping, countervailing, safeguard) listed without rates.
pub const TRADE_REMEDIES_FILE: &str = "rules/trade_remedies.tsv";

/// Returned-goods reliefs by destination (`rules::returned_goods`), none applied.
pub const RETURNED_GOODS_FILE: &str = "rules/returned_goods.tsv";

/// Prohibited imports by destination, code and channel (`rules::prohibitions`).
pub const PROHIBITIONS_FILE: &str = "rules/prohibitions.tsv";

/// Columns (besides the US layers' origins) listing countries or groups of `rules/groups.tsv`.
const GROUPED_COLUMNS: [(&str, &str); 10] = [
    (VAT_CLASSES_FILE, "country"),
    (PROHIBITIONS_FILE, "countries"),
    (RETURNED_GOODS_FILE, "countries"),
    (RETURNED_GOODS_FILE, "origins"),
    ("rules/tax_uplift.tsv", "not_from"),
    (EXCISE_FILE, "countries"),
    (TRADE_REMEDIES_FILE, "countries"),
    ("rules/jp_programmes.tsv", "countries"),
    ("rules/preferences.tsv", "countries"),
    ("rules/eu_gb_agreements.tsv", "countries"),
];

/// The validity columns every dated rule table has: each must be empty or a date.
const DATE_COLUMNS: [&str; 2] = ["valid_from", "valid_to"];

/// Runs the rule-table readers over `files` (`(name, text)`, names as in the snapshot:
/// `rules/thresholds.tsv`): every row has as many fields as the header, every date column holds
/// dates, `groups.tsv` parses, the coded columns of `jurisdictions.tsv`, `thresholds.tsv` and
/// `fees.tsv` and the [`CLOSED_COLUMNS`] hold known values, every `currency` is a known currency
/// and every `confidence` `official` or `verify`, and a threshold's or fee's `country`, a US layer's
/// origins, an uplift's `not_from` and a programme's `countries` are countries or groups, and a
/// trade remedy's prefixes and origins are HS prefixes and country codes. The first problem is
/// returned, naming the file, line and column.
pub fn check_rule_tables(files: &[(&str, &str)]) -> Result<()> {
    let tables: Vec<Tsv<'_>> = files.iter().map(|(name, text)| Tsv::parse(name, text)).collect::<Result<_>>()?;
    let table = |name: &str| tables.iter().zip(files).find(|(_, (n, _))| *n == name).map(|(t, _)| t);
    let groups = match table(groups::FILE) {
        Some(t) => Groups::parse(t)?,
        None => Groups::default(),
    };
    for (t, (name, _)) in tables.iter().zip(files) {
        let dates: Vec<&str> = DATE_COLUMNS.into_iter().filter(|c| t.column(c).is_some()).collect();
        for r in t.records() {
            for column in &dates {
                r.date(column)?;
            }
        }
        check_typed_elsewhere(name, t)?;
    }
    let mut destinations = Vec::new();
    for r in table("rules/jurisdictions.tsv").iter().flat_map(|t| t.records()) {
        JurisdictionCodes::read(&r)?;
        destinations.push(r.text("country")?);
    }
    for r in table("rules/thresholds.tsv").iter().flat_map(|t| t.records()) {
        ThresholdCodes::read(&r)?;
        groups.check_country(&r, |c| destinations.contains(&c))?;
    }
    for r in table("rules/fees.tsv").iter().flat_map(|t| t.records()) {
        FeeCodes::read(&r)?;
        groups.check_country(&r, |c| destinations.contains(&c))?;
    }
    for r in table("rules/us_layers.tsv").iter().flat_map(|t| t.records()) {
        for column in ["origins", "exclude_origins"] {
            groups.check_names(&r, column)?;
        }
    }
    for t in [table("rules/preferences.tsv"), table("rules/jp_programmes.tsv")].into_iter().flatten() {
        for r in t.records() {
            FeeExemptCodes::read(&r, t)?;
        }
    }
    for (file, column) in GROUPED_COLUMNS {
        for r in table(file).iter().flat_map(|t| t.records()) {
            groups.check_names(&r, column)?;
        }
    }
    for r in table(MOVEMENTS_FILE).iter().flat_map(|t| t.records()) {
        MovementCodes::read(&r, &groups)?;
    }
    for r in table(DUTY_FREE_FILE).iter().flat_map(|t| t.records()) {
        code_prefixes(&r, "dutiable")?;
        // A row by origin lists the tariff's duty unpriced; the engine never prices it at zero.
        if !countries(&r, "origins")?.is_empty() && r.text("confidence")? != "verify" {
            return Err(r.bad(
                "confidence",
                "a row with origins is listed, never priced, by the engine: it must be verify (docs/rules.md#duty-free)",
            ));
        }
    }
    for r in table(EXCISE_FILE).iter().flat_map(|t| t.records()) {
        code_prefixes(&r, "codes")?;
        excise_most(&r)?;
    }
    for r in table("rules/duty_bands.tsv").iter().flat_map(|t| t.records()) {
        code_prefixes(&r, "codes")?;
    }
    for r in table(EXCISE_RATES_FILE).iter().flat_map(|t| t.records()) {
        code_prefixes(&r, "codes")?;
    }
    for r in table(VAT_CLASSES_FILE).iter().flat_map(|t| t.records()) {
        code_prefixes(&r, "codes")?;
        code_prefixes(&r, "exclude_codes")?;
    }
    for r in table(TRADE_REMEDIES_FILE).iter().flat_map(|t| t.records()) {
        code_prefixes(&r, "codes")?;
        remedy_origins(&r)?;
        countries(&r, "consigned_from")?;
    }
    for r in table(PROHIBITIONS_FILE).iter().flat_map(|t| t.records()) {
        code_prefixes(&r, "codes")?;
        code_prefixes(&r, "exclude_codes")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, ErrorCode};

    /// The rule tables as `build.rs` reads them (names as in the snapshot), `edit` applied to one.
    fn embedded_with(name: &str, edit: impl Fn(&str) -> String) -> Vec<(&'static str, String)> {
        let snapshot = crate::Engine::embedded().snapshot();
        crate::snapshot::write::FILES
            .iter()
            .filter_map(|p| p.strip_prefix("tariffs/"))
            .filter(|n| n.starts_with("rules/"))
            .map(|n| {
                let text = snapshot.assembled_file(n).unwrap_or_else(|| panic!("{n} embedded"));
                (n, if n == name { edit(text) } else { text.to_string() })
            })
            .collect()
    }

    fn check(files: &[(&'static str, String)]) -> Result<()> {
        let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        check_rule_tables(&files)
    }

    /// The check `build.rs` runs: the tables in the repository pass it.
    #[test]
    fn the_embedded_rule_tables_pass_the_build_check() {
        check(&embedded_with("", str::to_string)).unwrap();
    }

    /// An unknown value in a coded column fails the build step, naming the file, the line and
    /// the column (issue 13: "an unknown value fails the build").
    #[test]
    fn a_bad_enum_value_fails_the_build_check_naming_file_line_and_column() {
        for (file, from, to, column) in [
            (
                "rules/jurisdictions.tsv",
                "\tcif\tcif_plus_duty\ton_top\t2021-01-01",
                "\tcfi\tcif_plus_duty\ton_top\t2021-01-01",
                "duty_basis",
            ),
            ("rules/jurisdictions.tsv", "\tus_chapter99\t", "\tsection_301\t", "additional_duties"),
            ("rules/thresholds.tsv", "\trelieve\t", "\trelief\t", "effect"),
            ("rules/thresholds.tsv", "eu-duty-relief-150\tEU\t", "eu-duty-relief-150\tEUR\t", "country"),
            ("rules/fees.tsv", "\tformal\t", "\tformally\t", "entry"),
            ("rules/us_layers.tsv", "\tEU\t", "\tEUR\t", "origins"),
            ("rules/tax_uplift.tsv", "\tSACU\t", "\tSACU,BLNS\t", "not_from"),
            ("rules/jp_programmes.tsv", "\tEU\t2019", "\tEUR\t2019", "countries"),
            ("rules/groups.tsv", "EU\tAT\t", "EU\tAUT\t", "member"),
            ("rules/movements.tsv", "\tnone\tseller_collects\t", "\tnone\tseller\t", "tax"),
            ("rules/movements.tsv", "\tnone\tseller_collects\t", "\tzero\tseller_collects\t", "duty"),
            ("rules/movements.tsv", "\tsame\t", "\tsame,FR\t", "from"),
            ("rules/movements.tsv", "\tEU\tEU\t", "\tEUR\tEU\t", "from"),
            ("rules/movements.tsv", "\t*\t", "\t\t", "to"),
            ("rules/preferences.tsv", "\tmpf\tclaim\t", "\tmfp\tclaim\t", "fee_exempt"),
            ("rules/preferences.tsv", "\tmpf\tclaim\t", "\tmpf,mpf\tclaim\t", "fee_exempt"),
            ("rules/preferences.tsv", "\tmpf\tclaim\t", "\tmpf\tclaimed\t", "fee_exempt_when"),
            ("rules/preferences.tsv", "\tofficial\t\t\n", "\tofficially\t\t\n", "fee_exempt_confidence"),
        ] {
            refused(file, from, to, column);
        }
    }

    /// A programme's fee exemption names when it applies, the law and its confidence; a row
    /// without one leaves its condition and confidence empty (rules/preferences.tsv).
    #[test]
    fn a_fee_exemption_without_its_source_or_with_a_stray_confidence_fails_the_build_check() {
        let text = crate::Engine::embedded().snapshot().file("rules/preferences.tsv").unwrap().to_string();
        let au = text.lines().find(|l| l.starts_with("AU\t")).unwrap();
        let fields: Vec<&str> = au.split('\t').collect();
        let mut no_source = fields.clone();
        no_source[9] = "";
        let mut stray = fields.clone();
        stray[7] = "";
        for (row, column) in [(no_source, "fee_exempt_source"), (stray, "fee_exempt_when")] {
            let edited = row.join("\t");
            let files = embedded_with("rules/preferences.tsv", |t| t.replacen(au, &edited, 1));
            let e = check(&files).expect_err(column);
            assert!(e.message.contains(&format!("column {column}:")), "{e}");
        }
    }

    /// The embedded tables with the first `from` of `file` replaced by `to`, and the error the
    /// build check gives for them: `E_SNAPSHOT` naming the file, the line and `column`.
    fn refused(file: &str, from: &str, to: &str, column: &str) -> (Vec<(&'static str, String)>, Error) {
        let files = embedded_with(file, |text| text.replacen(from, to, 1));
        let e = check(&files).expect_err(&format!("{file} {column}"));
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Snapshot, Some(file)), "{column}: {e}");
        assert!(e.message.starts_with("line ") && e.message.contains(&format!(", column {column}: ")), "{e}");
        (files, e)
    }

    /// The row a `line N` message names, as `Record::bad` shows it: `(id eu-duty-relief-150)`.
    fn row_named(text: &str, message: &str) -> String {
        let line: usize = message["line ".len()..].split(',').next().unwrap().parse().unwrap();
        let first = |l: &str| l.split('\t').next().unwrap_or_default().to_string();
        let header = first(text.lines().next().unwrap());
        format!("({header} {})", first(text.lines().nth(line - 1).unwrap()))
    }

    /// A bad value in a closed-set column typed outside this file (issue 13 item 2: currency,
    /// channel, transport, fx_method, and every other closed set of `tariffs/rules/*.tsv`), in a
    /// `currency` or a `confidence` column, fails the build step naming the table, the row and
    /// the column.
    #[test]
    fn a_bad_value_in_a_column_typed_elsewhere_fails_the_build_check_naming_table_row_and_column() {
        for (file, from, to, column) in [
            ("rules/jurisdictions.tsv", "\tecb_daily\t", "\tecb\t", "fx_method"),
            ("rules/jurisdictions.tsv", "\tUSD\tUS\t", "\tUSX\tUS\t", "currency"),
            ("rules/thresholds.tsv", "\tcourier\t", "\texpress\t", "channel"),
            ("rules/thresholds.tsv", "\tEUR\t", "\teuros\t", "currency"),
            ("rules/fees.tsv", "\tocean\t", "\tocean,sea\t", "transport"),
            ("rules/fees.tsv", "\tcourier,freight\t", "\tcourier,express\t", "channel"),
            ("rules/fees.tsv", "\tdutiable\t", "\tduty\t", "condition"),
            ("rules/fees.tsv", "\texempt\t", "\texempted\t", "kind"),
            ("rules/fees.tsv", "\tUSD\t", "\tUS$\t", "currency"),
            ("rules/duty_bands.tsv", "\trts\t", "\tRTS\t", "regime"),
            ("rules/duty_bands.tsv", "\tUSD\t", "\tUSDT\t", "currency"),
            ("rules/duty_bands.tsv", "\tsale", "\tseller", "collected_at"),
            ("rules/fx_pegs.tsv", "\nAED\t", "\nAEX\t", "currency"),
            ("rules/tax_rounding.tsv", "\tduty_base\t", "\tduty\t", "applies_to"),
            ("rules/tax_rounding.tsv", "\tdown\t", "\tfloor\t", "mode"),
            ("rules/tax_parts.tsv", "\tpreceding_part\t", "\tprevious\t", "basis"),
            ("rules/us_layers.tsv", "\tall_in\t", "\tallin\t", "rate_kind"),
            ("rules/us_layers.tsv", "\tmetal_content\t", "\tmetal\t", "basis"),
            ("rules/vat_extra.tsv", "\tstandard\t", "\tnormal\t", "kind"),
            ("rules/datasets.tsv", "\ttariff\t", "\ttarif\t", "kind"),
            ("rules/nomenclature.tsv", "\tHS2017\t", "\tHS2012\t", "nomenclature"),
            ("rules/hs_correlation_fixes.tsv", "\tadd\t", "\tadded\t", "fix"),
            ("rules/preferences.tsv", "\tofficial", "\tofficially", "confidence"),
            ("rules/tax_uplift.tsv", "\tofficial", "\tsure", "confidence"),
            (PROHIBITIONS_FILE, "\tpost\tpartial\t", "\tmail\tpartial\t", "channel"),
            (PROHIBITIONS_FILE, "\tpost\tpartial\t", "\tpost\twarn\t", "effect"),
        ] {
            let (files, e) = refused(file, from, to, column);
            let text = &files.iter().find(|(n, _)| *n == file).unwrap().1;
            assert!(e.message.ends_with(&row_named(text, &e.message)), "{file}: {e}");
        }
    }

    /// Each name list of [`CLOSED_COLUMNS`] is what its type accepts, so the build check and the
    /// loaders agree.
    #[test]
    fn closed_column_names_are_the_names_their_types_accept() {
        let names = |column: &str| CLOSED_COLUMNS.iter().find(|c| c.column == column).unwrap().names;
        let fx: Vec<&str> = crate::fx::FxMethod::NAMES.iter().map(|(n, _)| *n).collect();
        assert_eq!(names("fx_method"), fx);
        let channels: Vec<&str> = crate::rules::CHANNEL_NAMES.iter().map(|(n, _)| *n).collect();
        assert_eq!(names("channel"), channels);
        let fee_channels = CLOSED_COLUMNS.iter().find(|c| c.table == "rules/fees.tsv" && c.column == "channel");
        assert_eq!(fee_channels.unwrap().names, channels);
        assert!(names("transport")[1..].iter().all(|m| crate::request::Transport::parse(m).is_some()));
        assert!(names("regime").iter().all(|m| crate::request::SimplifiedRegime::parse(m).is_some()));
        let collected: Vec<&str> = crate::rules::taxes::CollectedAt::NAMES.iter().map(|(n, _)| *n).collect();
        assert_eq!(names("collected_at"), collected);
        let vat = CLOSED_COLUMNS.iter().find(|c| c.table == "rules/vat_extra.tsv").unwrap();
        assert!(vat.names.iter().all(|k| crate::rules::vat::VatKind::parse(k).is_some_and(|v| v.as_str() == *k)));
        let remedies = CLOSED_COLUMNS.iter().find(|c| c.table == TRADE_REMEDIES_FILE).unwrap();
        let kinds: Vec<&str> = crate::rules::trade_remedies::RemedyKind::NAMES.iter().map(|(n, _)| *n).collect();
        assert_eq!(remedies.names, kinds);
        let classes: Vec<&str> = crate::rules::vat_classes::CLASSES.iter().map(|(n, _)| *n).collect();
        assert_eq!(names("class"), classes);
        let settles: Vec<&str> = crate::rules::vat_classes::Settles::NAMES.iter().map(|(n, _)| *n).collect();
        assert_eq!(names("settles"), settles);
        let bases: Vec<&str> = crate::rules::excise::ExciseBase::NAMES.iter().map(|(n, _)| *n).collect();
        assert_eq!(names("base"), bases);
        // The law's base of an excise row: empty (not said), or a rate's base but one holding the
        // VAT/GST, which a caller's excise (in the VAT/GST base) cannot take.
        let law = CLOSED_COLUMNS.iter().find(|c| c.table == EXCISE_FILE && c.column == "base").unwrap();
        assert_eq!(law.names[0], "");
        assert!(law.names[1..].iter().all(|n| bases.contains(n) && *n != "value_with_tax"));
        let prohibited =
            |column: &str| CLOSED_COLUMNS.iter().find(|c| c.table == PROHIBITIONS_FILE && c.column == column);
        assert_eq!(prohibited("channel").unwrap().names, channels);
        let effects: Vec<&str> = crate::rules::prohibitions::ProhibitionEffect::NAMES.iter().map(|(n, _)| *n).collect();
        assert_eq!(prohibited("effect").unwrap().names, effects);
    }

    /// A date that is not a date (`2026-02-30`) fails the build step in any rule table.
    #[test]
    fn a_bad_date_fails_the_build_check_in_any_rule_table() {
        for (file, from, to, column) in [
            ("rules/tax_rounding.tsv", "\t\t\t", "\t2026-02-30\t\t", "valid_from"),
            ("rules/jurisdictions.tsv", "\t2021-01-01\t", "\t2021-13-01\t", "valid_from"),
            ("rules/groups.tsv", "\t2020-12-31\t", "\t31/12/2020\t", "valid_to"),
        ] {
            let files = embedded_with(file, |text| text.replacen(from, to, 1));
            let e = check(&files).expect_err(file);
            assert_eq!(e.field.as_deref(), Some(file));
            assert!(e.message.contains(&format!(", column {column}: not a date")), "{file}: {e}");
        }
    }
}
