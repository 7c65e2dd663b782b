//! [`WriteJson`] for every answer the pricing bindings return: the quote and everything in it,
//! a rate look-up, the snapshot's description, the countries covered and the parts to fetch.
//! Each impl writes the fields in the order of the type's declaration with its serde attributes
//! (`skip_serializing_if`, renames, tags, `serialize_with`); the types' doc comments say what
//! each field means.

use super::{JsonWriter, WriteJson};
use crate::allocation::AllocationKey;
use crate::api::{CountriesResponse, RateLine, RateResponse, SnapshotInfo, TableInfo};
use crate::correlation::{Correction, Relationship, ViaCorrelation};
use crate::datasets::{DatasetKind, DatasetUsed};
use crate::date::Date;
use crate::duty::{DayWindow, DutyExpr, NotPriceableKind, Season, SpecificRate, Unpriced};
use crate::engine::PartRef;
use crate::fx::FxUsed;
use crate::money::{Currency, RoundingMode, RoundingPolicy, RoundingScope};
use crate::provenance::{Confidence, Provenance};
use crate::quote::{
    Alternative, ClaimApplied, DestinationRounding, Display, Excluded, FeeRemoved, Levy, LevyKind, LineQuote,
    LineStatus, Message, Note, Quote, Range, ThresholdCheck, Totals, ValueBasis, Waived, Warning, WarningCode,
};
use crate::request::Incoterm;
use crate::rules::{Coverage, DutyBasis, TaxBasis, TaxMethod, ThresholdEffect};
use crate::snapshot::Match;
use crate::units::Measure;

/// A unit-only enum written as the string serde spells it.
macro_rules! spelled {
    ($t:ty { $($variant:ident => $name:literal),* $(,)? }) => {
        impl WriteJson for $t {
            fn write_json(&self, w: &mut JsonWriter) {
                w.string(match self { $(Self::$variant => $name),* });
            }
        }
    };
}

spelled!(Incoterm { Ddp => "DDP", Dap => "DAP" });
spelled!(RoundingMode { HalfUp => "half_up", HalfEven => "half_even" });
spelled!(RoundingScope { PerLine => "per_line", PerTotal => "per_total" });
spelled!(AllocationKey { Value => "value", Weight => "weight", Volume => "volume", Quantity => "quantity" });
spelled!(DutyBasis { Cif => "cif", Fob => "fob" });
spelled!(TaxBasis { CifPlusDuty => "cif_plus_duty", CustomsValuePlusDuty => "customs_value_plus_duty", None => "none" });
spelled!(TaxMethod { OnTop => "on_top", Inside => "inside", None => "none" });
spelled!(ThresholdEffect {
    Relieve => "relieve",
    SellerCollects => "seller_collects",
    FlatPerTariffLine => "flat_per_tariff_line",
    MinCollectible => "min_collectible",
    SimplifiedTariff => "simplified_tariff",
    ReverseCharge => "reverse_charge",
    FlatRate => "flat_rate",
});
spelled!(LineStatus { Priced => "priced", Partial => "partial", NotPriced => "not_priced" });
spelled!(LevyKind {
    Duty => "duty",
    AdditionalDuty => "additional_duty",
    Tax => "tax",
    Excise => "excise",
    Fee => "fee",
});
spelled!(DatasetKind {
    Tariff => "tariff",
    Layers => "layers",
    Nomenclature => "nomenclature",
    Fx => "fx",
    Vat => "vat",
    Rules => "rules",
});
spelled!(Confidence { Official => "official", Verify => "verify" });
spelled!(Match { Exact => "exact", Prefix => "prefix", Partial => "partial", Correlated => "correlated" });
spelled!(Relationship { OneToOne => "1:1", OneToMany => "1:n", ManyToOne => "n:1", ManyToMany => "n:n" });
spelled!(NotPriceableKind {
    NoRate => "no_rate",
    SeeNote => "see_note",
    Suspended => "suspended",
    EntryPrice => "entry_price",
    AgriculturalComponent => "agricultural_component",
    RateOfOtherArticle => "rate_of_other_article",
    ValueOfProcessing => "value_of_processing",
    ReimportedGoods => "reimported_goods",
    QuotaQuantity => "quota_quantity",
    SlidingScale => "sliding_scale",
    Conditional => "conditional",
    ReferencePrice => "reference_price",
    EndUse => "end_use",
    TariffQuota => "tariff_quota",
    SimplifiedUnmapped => "simplified_unmapped",
    UndefinedUnit => "undefined_unit",
    ContentScale => "content_scale",
});

impl WriteJson for crate::hs::HsCode {
    fn write_json(&self, w: &mut JsonWriter) {
        w.string(self.digits());
    }
}

impl WriteJson for WarningCode {
    fn write_json(&self, w: &mut JsonWriter) {
        w.string(self.as_str());
    }
}

impl WriteJson for Date {
    fn write_json(&self, w: &mut JsonWriter) {
        w.display(self);
    }
}

impl WriteJson for Currency {
    fn write_json(&self, w: &mut JsonWriter) {
        w.string(self.code());
    }
}

impl WriteJson for Measure {
    fn write_json(&self, w: &mut JsonWriter) {
        w.string(&self.key());
    }
}

/// An explanation, rendered as it is written.
impl WriteJson for Note {
    fn write_json(&self, w: &mut JsonWriter) {
        w.display(self);
    }
}

impl WriteJson for Message {
    fn write_json(&self, w: &mut JsonWriter) {
        w.display(self);
    }
}

impl WriteJson for Warning {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("code", &self.code);
        w.field("message", &self.message);
        w.end_object();
    }
}

impl WriteJson for Quote {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("snapshot_id", &self.snapshot_id);
        w.field("as_of", &self.as_of);
        w.field("destination", &self.destination);
        w.field("currency", &self.currency);
        w.field("request_currency", &self.request_currency);
        w.field("incoterm", &self.incoterm);
        w.field("rounding", &self.rounding);
        w.field_nonempty("destination_rounding", &self.destination_rounding);
        w.field("allocation", &self.allocation);
        w.field("value_basis", &self.value_basis);
        w.field("fx", &self.fx);
        w.field("thresholds", &self.thresholds);
        w.field("lines", &self.lines);
        w.field("levies", &self.levies);
        w.field("totals", &self.totals);
        w.field_some("display", &self.display);
        w.field("warnings", &self.warnings);
        w.field("datasets", &self.datasets);
        w.end_object();
    }
}

impl WriteJson for RoundingPolicy {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("mode", &self.mode);
        w.field("scope", &self.scope);
        w.end_object();
    }
}

impl WriteJson for DestinationRounding {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("applies_to", &self.applies_to);
        w.field("mode", &self.mode);
        w.field("step", &self.step);
        w.field("source", &self.source);
        w.end_object();
    }
}

impl WriteJson for ValueBasis {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("duty", &self.duty);
        w.field("tax", &self.tax);
        w.field("tax_method", &self.tax_method);
        w.field("source", &self.source);
        w.end_object();
    }
}

impl WriteJson for FxUsed {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("pair", &self.pair);
        w.field("rate", &self.rate);
        w.field("source", &self.source);
        w.end_object();
    }
}

impl WriteJson for ThresholdCheck {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("effect", &self.effect);
        w.field("limit", &self.limit);
        w.field_some("value", &self.value);
        w.field("applies", &self.applies);
        w.field_some("note", &self.note);
        w.field("source", &self.source);
        w.end_object();
    }
}

impl WriteJson for Display {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("currency", &self.currency);
        w.field("fx", &self.fx);
        w.field("landed", &self.landed);
        w.field("due_on_delivery", &self.due_on_delivery);
        w.field("policy", &self.policy);
        w.end_object();
    }
}

impl WriteJson for LineQuote {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("status", &self.status);
        w.field_some("reason", &self.reason);
        w.field_nonempty("missing", &self.missing);
        w.field("code", &self.code);
        w.field_some("matched_code", &self.matched_code);
        w.field_some("origin", &self.origin);
        w.field("goods_value", &self.goods_value);
        w.field("shipping", &self.shipping);
        w.field("insurance", &self.insurance);
        w.field("customs_value", &self.customs_value);
        w.field("levies", &self.levies);
        w.field_nonempty("excluded", &self.excluded);
        w.field_nonempty("alternatives", &self.alternatives);
        w.field_some("claim", &self.claim);
        w.field_some("range", &self.range);
        w.end_object();
    }
}

/// Internally tagged by `missing` (`{"missing":"quantity","measure":"kg"}`).
impl WriteJson for Unpriced {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        match self {
            Unpriced::Quantity { measure } => {
                w.field("missing", &"quantity");
                w.field("measure", measure);
            }
            Unpriced::ZeroQuantity { measure } => {
                w.field("missing", &"zero_quantity");
                w.field("measure", measure);
            }
            Unpriced::ComponentValue { component } => {
                w.field("missing", &"component_value");
                w.field("component", component);
            }
            Unpriced::FxRate { from, to } => {
                w.field("missing", &"fx_rate");
                w.field("from", from);
                w.field("to", to);
            }
            Unpriced::Date => w.field("missing", &"date"),
            Unpriced::NoSeason { date, windows } => {
                w.field("missing", &"no_season");
                w.field("date", date);
                w.field("windows", windows);
            }
            Unpriced::BaseDuty => w.field("missing", &"base_duty"),
            Unpriced::NotARate { kind, text } => {
                w.field("missing", &"not_a_rate");
                w.field("kind", kind);
                w.field("text", text);
            }
            Unpriced::OutOfRange => w.field("missing", &"out_of_range"),
        }
        w.end_object();
    }
}

impl WriteJson for Excluded {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("name", &self.name);
        w.field("ch99", &self.ch99);
        w.field("reason", &self.reason);
        w.field("source", &self.source);
        w.end_object();
    }
}

impl WriteJson for Alternative {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("program", &self.program);
        w.field("name", &self.name);
        w.field("rate", &self.rate);
        w.field_some("duty", &self.duty);
        w.field_some("saving", &self.saving);
        w.field_nonempty("waived", &self.waived);
        w.field_some("total_saving", &self.total_saving);
        w.field("note", &self.note);
        w.end_object();
    }
}

impl WriteJson for ClaimApplied {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("program", &self.program);
        w.field("name", &self.name);
        w.field("rate", &self.rate);
        w.field("general_rate", &self.general_rate);
        w.field_some("duty", &self.duty);
        w.field_some("general_duty", &self.general_duty);
        w.field_some("saving", &self.saving);
        w.field_nonempty("waived", &self.waived);
        w.field_nonempty("fees_removed", &self.fees_removed);
        w.field_some("total_saving", &self.total_saving);
        w.field("condition", &self.condition);
        w.field("source", &self.source);
        if self.transit_condition {
            w.field("transit_condition", &true);
        }
        w.end_object();
    }
}

impl WriteJson for FeeRemoved {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("name", &self.name);
        w.field_some("amount", &self.amount);
        w.field("source", &self.source);
        w.end_object();
    }
}

impl WriteJson for Waived {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("name", &self.name);
        w.field("ch99", &self.ch99);
        w.field("amount", &self.amount);
        w.end_object();
    }
}

impl WriteJson for Range {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("lines", &self.lines);
        w.field("min_code", &self.min_code);
        w.field("min_levies", &self.min_levies);
        w.field("max_code", &self.max_code);
        w.field("max_levies", &self.max_levies);
        w.end_object();
    }
}

impl WriteJson for Levy {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("kind", &self.kind);
        w.field("name", &self.name);
        w.field("base", &self.base);
        w.field("base_note", &self.base_note);
        w.field("rate", &self.rate);
        w.field_some("amount", &self.amount);
        w.field_some("partial_amount", &self.partial_amount);
        w.field("formula", &self.formula);
        w.key("source");
        citation(w, &self.source);
        w.end_object();
    }
}

/// A provenance as a levy or tariff line cites it (`provenance::cited`): publisher, dataset
/// (a VAT/GST row's rendered as `file (source)`), and the vintage when there is one.
fn citation(w: &mut JsonWriter, p: &Provenance<'_>) {
    let c = p.citation();
    w.begin_object();
    w.field("publisher", &c.publisher);
    w.key("dataset");
    w.display(&c.dataset);
    if !c.vintage.is_empty() {
        w.field("vintage", &c.vintage);
    }
    w.end_object();
}

impl WriteJson for Totals {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("goods", &self.goods);
        w.field("shipping", &self.shipping);
        w.field("insurance", &self.insurance);
        w.field("duty", &self.duty);
        w.field("tax", &self.tax);
        w.field("fees", &self.fees);
        w.field("collected_at_sale", &self.collected_at_sale);
        w.field_some("duty_collected_at_sale", &self.duty_collected_at_sale);
        w.field_some("collected_at_sale_rule", &self.collected_at_sale_rule);
        w.field_some("reverse_charged", &self.reverse_charged);
        w.field_some("reverse_charged_rule", &self.reverse_charged_rule);
        w.field("landed", &self.landed);
        w.field("due_on_delivery", &self.due_on_delivery);
        w.field("buyer_total", &self.buyer_total);
        w.field_some("landed_max", &self.landed_max);
        w.field("complete", &self.complete);
        w.field("at_least", &self.at_least);
        w.end_object();
    }
}

impl WriteJson for DatasetUsed {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("kind", &self.kind);
        w.field("publisher", &self.publisher);
        w.field("dataset", &self.dataset);
        w.field("vintage", &self.vintage);
        w.field_some("age_days", &self.age_days);
        w.field_some("newer_by_days", &self.newer_by_days);
        w.field("publication_period_days", &self.publication_period_days);
        w.field("stale", &self.stale);
        w.end_object();
    }
}

impl WriteJson for PartRef {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("name", &self.name);
        w.field("file", &self.file);
        w.field("bytes", &self.bytes);
        w.end_object();
    }
}

/// Every field that is set and every one that is not (the snapshot's `sources`); the confidence
/// is not written.
impl WriteJson for Provenance<'_> {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("jurisdiction", &self.jurisdiction);
        w.field("publisher", &self.publisher);
        w.field("dataset", &self.dataset);
        w.field("vintage", &self.vintage);
        w.field("licence", &self.licence);
        w.field("file", &self.file);
        w.field("sha256", &self.sha256);
        w.end_object();
    }
}

impl WriteJson for RateResponse {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("destination", &self.destination);
        w.field("jurisdiction", &self.jurisdiction);
        w.field("code", &self.code);
        w.field("matched_code", &self.matched_code);
        w.field("match", &self.kind);
        w.field("as_of", &self.as_of);
        w.field("snapshot_id", &self.snapshot_id);
        // `#[serde(flatten)]`: the line's fields are the response's own.
        if let Some(line) = &self.line {
            rate_line_fields(w, line);
        }
        w.field_some("lines", &self.lines);
        w.field_some("min", &self.min);
        w.field_some("max", &self.max);
        w.field_some("unranked", &self.unranked);
        w.field_nonempty("unranked_lines", &self.unranked_lines);
        w.field_some("via_correlation", &self.via_correlation);
        w.field_some("tariff_edition", &self.tariff_edition);
        w.field("covers", &self.covers);
        w.end_object();
    }
}

impl WriteJson for RateLine {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        rate_line_fields(w, self);
        w.end_object();
    }
}

/// A tariff line's members, inside its own object or flattened into a rate response.
fn rate_line_fields(w: &mut JsonWriter, l: &RateLine) {
    w.field_some("code", &l.code);
    w.field("description", &l.description);
    w.field("duty_text", &l.duty_text);
    w.field("expression", &l.expression);
    w.field("column", &l.column);
    w.field_some("special", &l.special);
    w.field_some("col2", &l.col2);
    w.field_some("units", &l.units);
    w.field_nonempty("flags", &l.flags);
    w.field("valid_from", &l.valid_from);
    w.field("valid_to", &l.valid_to);
    w.key("source");
    citation(w, &l.source);
}

/// Internally tagged by `type` (`{"type":"ad_valorem","percent":"12"}`); a specific rate's
/// fields follow the tag.
impl WriteJson for DutyExpr {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        match self {
            DutyExpr::Free { condition } => {
                w.field("type", &"free");
                w.field_some("condition", condition);
            }
            DutyExpr::AdValorem { percent, on } => {
                w.field("type", &"ad_valorem");
                w.field("percent", percent);
                w.field_some("on", on);
            }
            DutyExpr::Specific(rate) => {
                w.field("type", &"specific");
                specific_fields(w, rate);
            }
            DutyExpr::Sum { terms } => {
                w.field("type", &"sum");
                w.field("terms", terms);
            }
            DutyExpr::AtLeast { expr, floor } => {
                w.field("type", &"at_least");
                w.field("expr", expr);
                w.field("floor", floor);
            }
            DutyExpr::AtMost { expr, cap } => {
                w.field("type", &"at_most");
                w.field("expr", expr);
                w.field("cap", cap);
            }
            DutyExpr::Seasonal { seasons } => {
                w.field("type", &"seasonal");
                w.field("seasons", seasons);
            }
            DutyExpr::Subheading { plus, minus } => {
                w.field("type", &"subheading");
                w.field_some("plus", plus);
                w.field_some("minus", minus);
            }
            DutyExpr::NotPriceable { kind, text } => {
                w.field("type", &"not_priceable");
                w.field("kind", kind);
                w.field("text", text);
            }
        }
        w.end_object();
    }
}

fn specific_fields(w: &mut JsonWriter, r: &SpecificRate) {
    w.field("amount", &r.amount);
    w.field("currency", &r.currency);
    w.field("per", &r.per);
    w.field("measure", &r.measure);
    w.field("unit_label", &r.unit_label);
    w.field_some("over", &r.over);
}

impl WriteJson for Season {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("windows", &self.windows);
        w.field("expr", &self.expr);
        w.end_object();
    }
}

impl WriteJson for DayWindow {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("from", &self.from);
        w.field("to", &self.to);
        w.end_object();
    }
}

impl WriteJson for ViaCorrelation<'_> {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("from", &self.from);
        w.field("to", &self.to);
        w.field("relationship", &self.relationship);
        w.field("nomenclature", &self.nomenclature);
        w.field("source", &self.source);
        w.field_nonempty("corrections", &self.corrections);
        w.field("note", &self.note);
        w.end_object();
    }
}

/// As `CorrectionJson`: the source as the text it cites, and its confidence.
impl WriteJson for Correction<'_> {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("hs2022", &self.hs2022);
        w.field("hs2017", &self.hs2017);
        w.field("fix", &self.fix);
        w.field("reason", &self.reason);
        w.field("source", &self.source.publisher);
        w.field("confidence", &self.source.confidence);
        w.end_object();
    }
}

impl WriteJson for SnapshotInfo {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("snapshot_id", &self.snapshot_id);
        w.field("sha256", &self.sha256);
        w.field("size_bytes", &self.size_bytes);
        w.field("tables", &self.tables);
        w.field("files", &self.files);
        w.field("sources", &self.sources);
        w.field("as_of", &self.as_of);
        w.field("datasets", &self.datasets);
        w.end_object();
    }
}

impl WriteJson for TableInfo {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("jurisdiction", &self.jurisdiction);
        w.field("rows", &self.rows);
        w.field("codes", &self.codes);
        w.field("valid_from", &self.valid_from);
        w.field("vintages", &self.vintages);
        w.field("parts", &self.parts);
        w.field("parts_loaded", &self.parts_loaded);
        w.field("loaded", &self.loaded);
        w.end_object();
    }
}

impl WriteJson for CountriesResponse {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("as_of", &self.as_of);
        w.field("snapshot_id", &self.snapshot_id);
        w.field("countries", &self.countries);
        w.end_object();
    }
}

/// A destination's coverage; its parts are written in place (their types are private to
/// `rules::coverage`).
impl WriteJson for Coverage {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("country", &self.country);
        w.field("name", &self.name);
        w.field("currency", &self.currency);
        w.key("tariff");
        w.begin_object();
        w.field("table", &self.tariff.table);
        w.field("source", &self.tariff.source);
        w.field("vintage", &self.tariff.vintage);
        w.end_object();
        w.key("value_basis");
        w.begin_object();
        w.field("duty", &self.value_basis.duty);
        w.field("tax", &self.value_basis.tax);
        w.field("source", &self.value_basis.source);
        w.field("confidence", &self.value_basis.confidence);
        w.end_object();
        w.key("vat");
        match &self.vat {
            Some(vat) => {
                w.begin_object();
                w.field("standard", &vat.standard);
                w.field_some("reduced", &vat.reduced);
                w.field("source", &vat.source);
                w.end_object();
            }
            None => w.raw("null"),
        }
        for (name, items) in [("thresholds", &self.thresholds), ("fees", &self.fees)] {
            w.key(name);
            w.begin_array();
            for item in items {
                w.element();
                w.begin_object();
                w.field("id", &item.id);
                w.field("summary", &item.summary);
                w.field("valid_from", &item.valid_from);
                w.field("valid_to", &item.valid_to);
                w.field("source", &item.source);
                w.field("confidence", &item.confidence);
                w.end_object();
            }
            w.end_array();
        }
        w.field("fx", &self.fx);
        w.end_object();
    }
}
