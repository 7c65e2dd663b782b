//! The request decoder (`request::decode`, src/request/decode.rs) against serde_json's writer:
//! any request written as JSON reads back equal, scale of every amount included, whether amounts
//! are written as strings (as the responses write them) or as JSON numbers.

use landed::allocation::AllocationKey;
use landed::date::Date;
use landed::money::{Currency, RoundingMode, RoundingPolicy, RoundingScope};
use landed::request::{
    decode, Channel, EntryType, ExtraDuty, ExtraDutyKind, Incoterm, LineRequest, QuoteRequest, SimplifiedRegime,
    TariffChoice, Transport, VatClass,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=12).prop_map(|(m, s)| Decimal::new(m, s))
}

/// Any text: escapes, control characters, characters outside the BMP (surrogate pairs).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-zA-Z0-9 \"\\\\/\u{0}-\u{1f}\u{1F600}é€]{0,12}"]
}

fn amounts() -> impl Strategy<Value = BTreeMap<String, Decimal>> {
    prop::collection::btree_map(text(), decimal(), 0..3)
}

fn date() -> impl Strategy<Value = Date> {
    (2000i32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec!["USD", "EUR", "GBP", "JPY", "KWD", "CHF"]).prop_map(|c| Currency::parse(c).unwrap())
}

fn line() -> impl Strategy<Value = LineRequest> {
    let ids = (text(), text(), prop::option::of(text()), decimal(), decimal(), prop::option::of(text()));
    let measures = (prop::option::of(decimal()), prop::option::of(decimal()), prop::option::of(decimal()));
    let extra = prop::collection::vec(
        (text(), text(), any::<bool>(), prop::collection::vec(text(), 0..3), prop::option::of(text())).prop_map(
            |(name, rate, excise, answers, base)| ExtraDuty {
                name,
                rate,
                kind: if excise { ExtraDutyKind::Excise } else { ExtraDutyKind::Duty },
                answers,
                base,
            },
        ),
        0..3,
    );
    let vat = prop::option::of(prop::sample::select(vec![
        VatClass::Standard,
        VatClass::Reduced,
        VatClass::Zero,
        VatClass::Exempt,
    ]));
    let rest = (
        amounts(),
        amounts(),
        prop::option::of(text()),
        extra,
        vat,
        prop::option::of(decimal()),
        prop::option::of(text()),
    );
    (ids, measures, rest).prop_map(
        |(
            (id, code, description, quantity, unit_price, origin),
            (weight_kg, volume_l, alcohol_pct),
            (units, components, duty_rate, extra_duties, vat_class, metal_content_value, claim),
        )| LineRequest {
            id,
            code,
            description,
            quantity,
            unit_price,
            origin,
            weight_kg,
            volume_l,
            alcohol_pct,
            acetic_acid_pct: None,
            units,
            components,
            duty_rate,
            extra_duties,
            vat_class,
            metal_content_value,
            fuel_l_per_100km: None,
            claim,
        },
    )
}

fn request() -> impl Strategy<Value = QuoteRequest> {
    let place =
        (text(), prop::option::of(text()), prop::option::of(text()), prop::option::of(text()), date(), currency());
    let terms = (
        prop::option::of(prop::sample::select(vec![Channel::Courier, Channel::Post, Channel::Freight])),
        prop::option::of(prop::sample::select(vec![Incoterm::Ddp, Incoterm::Dap])),
        (prop::option::of(decimal()), prop::option::of(decimal()), decimal()),
        amounts(),
        prop::sample::select(vec![
            AllocationKey::Value,
            AllocationKey::Weight,
            AllocationKey::Volume,
            AllocationKey::Quantity,
        ]),
        prop::sample::select(vec![RoundingMode::HalfUp, RoundingMode::HalfEven]),
        prop::sample::select(vec![RoundingScope::PerLine, RoundingScope::PerTotal]),
    );
    let transports = vec![Transport::Ocean, Transport::Air, Transport::Road, Transport::Rail, Transport::Post];
    let options = (
        prop::option::of(currency()),
        prop::option::of(prop::sample::select(vec![EntryType::Formal, EntryType::Informal])),
        any::<bool>(),
        prop::option::of(prop::sample::select(transports)),
        prop::option::of(prop::sample::select(vec![SimplifiedRegime::Rts, SimplifiedRegime::RemessaConforme])),
        prop::option::of(prop::sample::select(vec![TariffChoice::General, TariffChoice::Simplified])),
        prop::option::of(any::<bool>()),
        any::<bool>(),
        prop::option::of(text()),
        prop::collection::vec(line(), 0..3),
    );
    (place, terms, options).prop_map(
        |(
            (destination, subdivision, ship_from, origin, date, currency),
            (channel, incoterm, (shipping, insurance, tax_base_charges), fx, allocation, mode, scope),
            (
                display_currency,
                entry_type,
                business_buyer,
                transport,
                simplified_regime,
                tariff,
                seller_registered,
                gift,
                claim,
                lines,
            ),
        )| QuoteRequest {
            destination,
            subdivision,
            ship_from,
            origin,
            date,
            currency,
            channel,
            incoterm,
            shipping,
            insurance,
            tax_base_charges,
            fx,
            allocation,
            rounding: RoundingPolicy { mode, scope },
            display_currency,
            entry_type,
            business_buyer,
            transport,
            simplified_regime,
            tariff,
            seller_registered,
            gift,
            claim,
            lines,
        },
    )
}

/// The request's line amounts written as JSON numbers (`"unit_price":49.99`), not strings.
fn amounts_as_numbers(json: &str, req: &QuoteRequest) -> String {
    let mut json = json.to_string();
    for line in &req.lines {
        for (name, v) in [("quantity", line.quantity), ("unit_price", line.unit_price)] {
            json = json.replacen(&format!("\"{name}\":\"{v}\""), &format!("\"{name}\":{v}"), 1);
        }
    }
    json
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn any_request_written_by_serde_json_decodes_back_equal(req in request()) {
        let json = serde_json::to_string(&req).unwrap();
        // Decoding writes country codes as they are checked, trimmed and upper-cased (audit-s S1).
        let req = req.canonical().into_owned();
        let back = decode(&json).unwrap_or_else(|e| panic!("{e:?}\n{json}"));
        // Debug shows every amount's scale: 1.50 and 1.5 are equal but not the same text.
        prop_assert_eq!(format!("{back:?}"), format!("{req:?}"));
        prop_assert_eq!(&back, &req);
        let pretty = serde_json::to_string_pretty(&req).unwrap();
        prop_assert_eq!(&decode(&pretty).unwrap(), &req);
    }

    #[test]
    fn amounts_written_as_json_numbers_read_exactly(req in request()) {
        let json = amounts_as_numbers(&serde_json::to_string(&req).unwrap(), &req);
        let req = req.canonical().into_owned();
        let back = decode(&json).unwrap_or_else(|e| panic!("{e:?}\n{json}"));
        prop_assert_eq!(format!("{back:?}"), format!("{req:?}"));
    }
}

/// Fuzz find (request_json, 2026-11-26): a request without `channel` decoded to "not given" but
/// was written back with `"channel": "courier"`, which reads back as given. The channel is now
/// `Option<Channel>`, written only when given.
#[test]
fn a_request_without_channel_is_written_back_without_one() {
    let text = r#"{"destination":"US","date":"2026-03-02","currency":"JPY","lines":[{"id":"a","code":"4653817376","quantity":"2","unit_price":"1417."}]}"#;
    let req = decode(text).unwrap();
    assert_eq!(req.channel, None);
    let written = serde_json::to_string(&req).unwrap();
    assert!(!written.contains("channel"), "{written}");
    assert_eq!(decode(&written).unwrap(), req);
}
