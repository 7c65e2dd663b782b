//! Helpers for the stage tests: a request, a pricing context on the embedded engine, and
//! hand-made values, levies and lines.

use super::*;
use std::sync::OnceLock;

/// The embedded engine, decoded once for every stage test.
pub(super) fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::embedded)
}

/// A request from JSON.
pub(super) fn request(json: &str) -> QuoteRequest {
    crate::request::from_json(json).expect("test request")
}

/// The pricing context of `req` on the embedded engine.
pub(super) fn context(req: &QuoteRequest) -> Ctx<'_> {
    Ctx::new(engine(), req).expect("test context")
}

/// A line's values in the customs currency.
pub(super) fn values(goods: Decimal, shipping: Decimal, insurance: Decimal) -> LineValues {
    LineValues { goods, customs_goods: goods, shipping, insurance, tax_base_charges: Decimal::ZERO }
}

/// Nothing computed yet for a line.
pub(super) fn priced() -> Priced {
    Priced::default()
}

/// A priced levy of `kind` named `name`.
pub(super) fn levy(kind: LevyKind, name: &str, amount: Decimal) -> Levy {
    Levy {
        kind,
        name: name.to_string().into(),
        base: Decimal::ZERO,
        base_note: Note::default(),
        rate: Note::default(),
        amount: Some(amount),
        partial_amount: None,
        formula: Note::default(),
        source: Provenance::request("test").into(),
        not_priced: false,
    }
}

/// A priced line with these goods, customs value and levies.
pub(super) fn line_quote(goods: Decimal, customs_value: Decimal, levies: Vec<Levy>) -> LineQuote {
    LineQuote {
        id: "l".into(),
        status: LineStatus::Priced,
        reason: None,
        missing: Vec::new(),
        code: HsCode::parse("6109100010").unwrap(),
        matched_code: None,
        origin: None,
        goods_value: goods,
        shipping: Decimal::ZERO,
        insurance: Decimal::ZERO,
        customs_value,
        levies,
        excluded: Vec::new(),
        alternatives: Vec::new(),
        range: None,
        claim: None,
    }
}
