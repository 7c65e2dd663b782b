//! The quote request from JSON text, read by [`crate::json`]: every field by the documented
//! contract (names, types, enum spellings, defaults), each error typed and naming the field at
//! fault by its dotted path (`lines[0].unit_price`). Amounts are read from their text, a JSON
//! string or a JSON number alike, exactly (never through a float).

use super::{
    Channel, EntryType, ExtraDuty, ExtraDutyKind, Incoterm, LineRequest, QuoteRequest, SimplifiedRegime, TariffChoice,
    Transport, VatClass,
};
use crate::allocation::AllocationKey;
use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::json::Value;
use crate::money::{Currency, RoundingMode, RoundingPolicy, RoundingScope};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt;

/// Decodes a request without validating it (see [`super::from_json`], which also validates).
pub fn request(text: &str) -> Result<QuoteRequest> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value = crate::json::parse(text)
        .map_err(|e| Error::new(ErrorCode::Json, "", format!("the request is not valid JSON: {e}")))?;
    quote_request(value, Path::Root)
}

/// The amounts of a carrier's bill (`duty`, `tax`, `fees`, each absent or null = not checked)
/// from JSON, read like the request's amounts: exactly from their text, a decimal comma refused,
/// an unknown or repeated field an error naming `billed.<field>`. `invoice::Billed::from_json`
/// holds them.
pub fn billed(text: &str) -> Result<[Option<Decimal>; 3]> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value = crate::json::parse(text)
        .map_err(|e| Error::new(ErrorCode::Json, "billed", format!("billed is not valid JSON: {e}")))?;
    let root = Path::Field(&Path::Root, "billed");
    let mut f = Fields::new(value, root, &["duty", "tax", "fees"], "an object of amounts")?;
    Ok([f.optional("duty", amount)?, f.optional("tax", amount)?, f.optional("fees", amount)?])
}

/// Where a value sits in the request: `lines[0].unit_price`. Written out only for an error.
#[derive(Clone, Copy)]
enum Path<'p> {
    Root,
    Field(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Field(Path::Root, name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// An error about the value at `at`: `E_INVALID_FIELD` naming it, or `E_JSON` for the whole
/// request.
fn invalid(at: Path, message: String) -> Error {
    let field = at.to_string();
    let code = if field.is_empty() { ErrorCode::Json } else { ErrorCode::InvalidField };
    Error::new(code, field, message)
}

fn wrong_type(value: &Value, at: Path, expected: &str) -> Error {
    invalid(at, format!("invalid type: {}, expected {expected}", value.describe()))
}

/// The members of an object with the given field names: an unknown or repeated name is an error
/// naming it. Each field is then taken once by name.
struct Fields<'a, 'p> {
    at: Path<'p>,
    names: &'static [&'static str],
    values: Vec<Option<Value<'a>>>,
}

impl<'a, 'p> Fields<'a, 'p> {
    fn new(value: Value<'a>, at: Path<'p>, names: &'static [&'static str], what: &str) -> Result<Self> {
        let Value::Object(members) = value else { return Err(wrong_type(&value, at, what)) };
        let mut values: Vec<Option<Value<'a>>> = names.iter().map(|_| None).collect();
        for (key, value) in members {
            let Some(i) = names.iter().position(|n| *n == key) else {
                let expected = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
                return Err(invalid(
                    Path::Field(&at, &key),
                    format!("unknown field `{key}`, expected one of {expected}"),
                ));
            };
            if values[i].replace(value).is_some() {
                return Err(invalid(Path::Field(&at, &key), format!("duplicate field `{key}`")));
            }
        }
        Ok(Fields { at, names, values })
    }

    fn take(&mut self, name: &str) -> Option<Value<'a>> {
        let i = self.names.iter().position(|n| *n == name)?;
        self.values[i].take()
    }

    /// A field that must be given: absent, it is `E_MISSING_FIELD`.
    fn required<T>(&mut self, name: &'static str, read: impl FnOnce(Value<'a>, Path) -> Result<T>) -> Result<T> {
        let at = self.at;
        match self.take(name) {
            Some(value) => read(value, Path::Field(&at, name)),
            None => {
                let field = Path::Field(&at, name).to_string();
                Err(Error::new(ErrorCode::MissingField, field.clone(), format!("{field} is required")))
            }
        }
    }

    /// A field that may be absent or `null`: then `None`.
    fn optional<T>(
        &mut self,
        name: &'static str,
        read: impl FnOnce(Value<'a>, Path) -> Result<T>,
    ) -> Result<Option<T>> {
        let at = self.at;
        match self.take(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => read(value, Path::Field(&at, name)).map(Some),
        }
    }

    /// A field whose documented default applies when it is absent (`null` is a wrong type).
    fn or_default<T: Default>(
        &mut self,
        name: &'static str,
        read: impl FnOnce(Value<'a>, Path) -> Result<T>,
    ) -> Result<T> {
        let at = self.at;
        match self.take(name) {
            None => Ok(T::default()),
            Some(value) => read(value, Path::Field(&at, name)),
        }
    }
}

const REQUEST_FIELDS: &[&str] = &[
    "destination",
    "subdivision",
    "ship_from",
    "origin",
    "date",
    "currency",
    "channel",
    "incoterm",
    "shipping",
    "insurance",
    "tax_base_charges",
    "fx",
    "allocation",
    "rounding",
    "display_currency",
    "entry_type",
    "business_buyer",
    "transport",
    "simplified_regime",
    "tariff",
    "seller_registered",
    "gift",
    "claim",
    "lines",
];

/// Each field is set on a request built first from the required ones, so that an error drops one
/// request, not each field read so far (much less code in the browser module).
fn quote_request(value: Value, at: Path) -> Result<QuoteRequest> {
    let mut f = Fields::new(value, at, REQUEST_FIELDS, "a request object")?;
    let destination = f.required("destination", string)?;
    let date = f.required("date", date)?;
    let mut req = QuoteRequest::new(destination, date, f.required("currency", currency)?);
    req.subdivision = f.optional("subdivision", string)?;
    req.ship_from = f.optional("ship_from", string)?;
    req.origin = f.optional("origin", string)?;
    // `null` is a wrong type here, as for every field with a default.
    req.channel = f.or_default("channel", |v, at| keyword(v, at, CHANNELS).map(Some))?;
    req.incoterm = f.or_default("incoterm", |v, at| keyword(v, at, INCOTERMS).map(Some))?;
    req.shipping = f.or_default("shipping", |v, at| amount(v, at).map(Some))?;
    req.insurance = f.or_default("insurance", |v, at| amount(v, at).map(Some))?;
    req.tax_base_charges = f.or_default("tax_base_charges", amount)?;
    req.fx = f.or_default("fx", amounts)?;
    req.allocation = f.or_default("allocation", |v, at| keyword(v, at, ALLOCATION_KEYS))?;
    req.rounding = f.or_default("rounding", rounding)?;
    req.display_currency = f.optional("display_currency", currency)?;
    req.entry_type = f.optional("entry_type", |v, at| keyword(v, at, ENTRY_TYPES))?;
    req.business_buyer = f.or_default("business_buyer", boolean)?;
    req.transport = f.optional("transport", |v, at| keyword(v, at, TRANSPORTS))?;
    req.simplified_regime = f.optional("simplified_regime", |v, at| keyword(v, at, SIMPLIFIED_REGIMES))?;
    req.tariff = f.optional("tariff", |v, at| keyword(v, at, TARIFF_CHOICES))?;
    req.seller_registered = f.optional("seller_registered", boolean)?;
    req.gift = f.or_default("gift", boolean)?;
    req.claim = f.optional("claim", string)?;
    req.lines = f.required("lines", |v, at| array(v, at, line))?;
    // Country and subdivision codes as the checks read them, once for every layer.
    req.canonicalise();
    Ok(req)
}

const LINE_FIELDS: &[&str] = &[
    "id",
    "code",
    "description",
    "quantity",
    "unit_price",
    "origin",
    "weight_kg",
    "volume_l",
    "alcohol_pct",
    "acetic_acid_pct",
    "units",
    "components",
    "duty_rate",
    "extra_duties",
    "vat_class",
    "metal_content_value",
    "fuel_l_per_100km",
    "claim",
];

/// As [`quote_request`]: the required fields first, then each other field set in place.
fn line(value: Value, at: Path) -> Result<LineRequest> {
    let mut f = Fields::new(value, at, LINE_FIELDS, "a line object")?;
    let id = f.required("id", string)?;
    let code = f.required("code", string)?;
    let quantity = f.required("quantity", amount)?;
    let unit_price = f.required("unit_price", amount)?;
    let mut line = LineRequest {
        id,
        code,
        description: None,
        quantity,
        unit_price,
        origin: None,
        weight_kg: None,
        volume_l: None,
        alcohol_pct: None,
        acetic_acid_pct: None,
        units: BTreeMap::new(),
        components: BTreeMap::new(),
        duty_rate: None,
        extra_duties: Vec::new(),
        vat_class: None,
        metal_content_value: None,
        fuel_l_per_100km: None,
        claim: None,
    };
    line.description = f.optional("description", string)?;
    line.origin = f.optional("origin", string)?;
    line.weight_kg = f.optional("weight_kg", amount)?;
    line.volume_l = f.optional("volume_l", amount)?;
    line.alcohol_pct = f.optional("alcohol_pct", amount)?;
    line.acetic_acid_pct = f.optional("acetic_acid_pct", amount)?;
    line.units = f.or_default("units", amounts)?;
    line.components = f.or_default("components", amounts)?;
    line.duty_rate = f.optional("duty_rate", string)?;
    line.extra_duties = f.or_default("extra_duties", |v, at| array(v, at, extra_duty))?;
    line.vat_class = f.optional("vat_class", |v, at| keyword(v, at, VAT_CLASSES))?;
    line.metal_content_value = f.optional("metal_content_value", amount)?;
    line.fuel_l_per_100km = f.optional("fuel_l_per_100km", amount)?;
    line.claim = f.optional("claim", string)?;
    Ok(line)
}

fn extra_duty(value: Value, at: Path) -> Result<ExtraDuty> {
    let mut f =
        Fields::new(value, at, &["name", "rate", "kind", "answers", "base"], "an object with a name and a rate")?;
    Ok(ExtraDuty {
        name: f.required("name", string)?,
        rate: f.required("rate", string)?,
        kind: f.or_default("kind", |v, at| keyword(v, at, EXTRA_DUTY_KINDS))?,
        answers: f.or_default("answers", |v, at| array(v, at, string))?,
        base: f.optional("base", string)?,
    })
}

fn rounding(value: Value, at: Path) -> Result<RoundingPolicy> {
    let mut f = Fields::new(value, at, &["mode", "scope"], "an object with a mode and a scope")?;
    Ok(RoundingPolicy {
        mode: f.or_default("mode", |v, at| keyword(v, at, ROUNDING_MODES))?,
        scope: f.or_default("scope", |v, at| keyword(v, at, ROUNDING_SCOPES))?,
    })
}

fn string(value: Value, at: Path) -> Result<String> {
    match value {
        Value::String(s) => Ok(s),
        other => Err(wrong_type(&other, at, "a string")),
    }
}

fn boolean(value: Value, at: Path) -> Result<bool> {
    match value {
        Value::Bool(b) => Ok(b),
        other => Err(wrong_type(&other, at, "a boolean")),
    }
}

fn date(value: Value, at: Path) -> Result<Date> {
    Date::parse(&string(value, at)?).map_err(|e| invalid(at, e.into_fields().message))
}

fn currency(value: Value, at: Path) -> Result<Currency> {
    Currency::parse(&string(value, at)?).map_err(|e| invalid(at, e.into_fields().message))
}

/// An array, each item read by `read` at its index.
fn array<'a, T>(value: Value<'a>, at: Path, read: impl Fn(Value<'a>, Path) -> Result<T>) -> Result<Vec<T>> {
    let Value::Array(items) = value else { return Err(wrong_type(&value, at, "an array")) };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        out.push(read(item, Path::Index(&at, i))?);
    }
    Ok(out)
}

/// An amount: a JSON string or number, read from its text by [`crate::money::amount_text`]
/// (`"49.99"`, `49.99`, `"1e3"`, `1e2` = 100; `"49,99"` is refused with the reason).
fn amount(value: Value, at: Path) -> Result<Decimal> {
    let text = match &value {
        Value::String(s) => s.as_str(),
        Value::Number(n) => n,
        other => return Err(wrong_type(other, at, "a decimal amount (\"49.99\")")),
    };
    crate::money::amount_text(text).ok_or_else(|| super::amount_error(text, at.to_string()))
}

/// Amounts by name (`fx`, `units`, `components`): a name given twice is an error.
fn amounts(value: Value, at: Path) -> Result<BTreeMap<String, Decimal>> {
    let Value::Object(members) = value else { return Err(wrong_type(&value, at, "an object of amounts")) };
    let mut out = BTreeMap::new();
    for (key, value) in members {
        let v = amount(value, Path::Field(&at, &key))?;
        if out.contains_key(&key) {
            return Err(invalid(Path::Field(&at, &key), format!("duplicate key `{key}`")));
        }
        out.insert(key, v);
    }
    Ok(out)
}

/// One of an enum's spellings, as the JSON contract (the serde attributes) writes them.
fn keyword<T: Copy>(value: Value, at: Path, spellings: &[(&str, T)]) -> Result<T> {
    let text = string(value, at)?;
    match spellings.iter().find(|(s, _)| *s == text) {
        Some((_, v)) => Ok(*v),
        None => {
            let expected = spellings.iter().map(|(s, _)| format!("`{s}`")).collect::<Vec<_>>().join(", ");
            Err(invalid(at, format!("unknown variant `{text}`, expected one of {expected}")))
        }
    }
}

const CHANNELS: &[(&str, Channel)] =
    &[("courier", Channel::Courier), ("post", Channel::Post), ("freight", Channel::Freight)];
/// Upper case as written in quotes, and the lower-case aliases.
const INCOTERMS: &[(&str, Incoterm)] =
    &[("DDP", Incoterm::Ddp), ("ddp", Incoterm::Ddp), ("DAP", Incoterm::Dap), ("dap", Incoterm::Dap)];
const ENTRY_TYPES: &[(&str, EntryType)] = &[("formal", EntryType::Formal), ("informal", EntryType::Informal)];
const TRANSPORTS: &[(&str, Transport)] = &[
    ("ocean", Transport::Ocean),
    ("air", Transport::Air),
    ("road", Transport::Road),
    ("rail", Transport::Rail),
    ("post", Transport::Post),
];
const SIMPLIFIED_REGIMES: &[(&str, SimplifiedRegime)] =
    &[("rts", SimplifiedRegime::Rts), ("remessa_conforme", SimplifiedRegime::RemessaConforme)];
const EXTRA_DUTY_KINDS: &[(&str, ExtraDutyKind)] = &[
    ("duty", ExtraDutyKind::Duty),
    ("antidumping", ExtraDutyKind::Antidumping),
    ("countervailing", ExtraDutyKind::Countervailing),
    ("excise", ExtraDutyKind::Excise),
];
const TARIFF_CHOICES: &[(&str, TariffChoice)] =
    &[("general", TariffChoice::General), ("simplified", TariffChoice::Simplified)];
const VAT_CLASSES: &[(&str, VatClass)] = &[
    ("standard", VatClass::Standard),
    ("reduced", VatClass::Reduced),
    ("zero", VatClass::Zero),
    ("exempt", VatClass::Exempt),
];
const ALLOCATION_KEYS: &[(&str, AllocationKey)] = &[
    ("value", AllocationKey::Value),
    ("weight", AllocationKey::Weight),
    ("volume", AllocationKey::Volume),
    ("quantity", AllocationKey::Quantity),
];
const ROUNDING_MODES: &[(&str, RoundingMode)] =
    &[("half_up", RoundingMode::HalfUp), ("half_even", RoundingMode::HalfEven)];
const ROUNDING_SCOPES: &[(&str, RoundingScope)] =
    &[("per_line", RoundingScope::PerLine), ("per_total", RoundingScope::PerTotal)];

#[cfg(test)]
mod tests {
    //! The JSON contract of a request (docs/rules.md, "the request"; the field docs of
    //! [`QuoteRequest`] and [`LineRequest`]): every error typed and naming its field.

    use super::request as decode;
    use super::*;
    use rust_decimal_macros::dec;

    const LINE: &str = r#"{"id": "a", "code": "6109100010", "quantity": "2", "unit_price": "49.99"}"#;

    /// A minimal request with `extra` members added to the request and `line` to its line.
    fn text(extra: &str, line: &str) -> String {
        let line = LINE.replace('}', &format!("{line}}}"));
        format!(r#"{{"destination": "DE", "date": "2026-03-02", "currency": "EUR"{extra}, "lines": [{line}]}}"#)
    }

    fn refused(extra: &str, line: &str) -> (ErrorCode, String) {
        let e = decode(&text(extra, line)).expect_err("refused").into_fields();
        (e.code, e.field.unwrap_or_default())
    }

    /// The minimal request with `unit_price` written as `json`.
    fn priced(json: &str) -> String {
        text("", "").replace(r#""unit_price": "49.99""#, &format!(r#""unit_price": {json}"#))
    }

    fn invalid(field: &str) -> (ErrorCode, String) {
        (ErrorCode::InvalidField, field.to_string())
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let req = decode(&text("", "")).unwrap();
        assert_eq!(
            (req.channel, req.channel(), req.incoterm, req.allocation, req.rounding, req.business_buyer),
            (None, Channel::Courier, None, AllocationKey::Value, RoundingPolicy::default(), false)
        );
        assert_eq!((req.shipping, req.insurance), (None, None));
        assert!(req.fx.is_empty() && req.subdivision.is_none() && req.seller_registered.is_none());
        let line = &req.lines[0];
        assert_eq!((line.quantity, line.unit_price, line.vat_class), (dec!(2), dec!(49.99), None));
        assert!(line.units.is_empty() && line.extra_duties.is_empty() && line.weight_kg.is_none());
        // `null` for an optional field is the same as leaving it out.
        let req = decode(&text(r#", "origin": null"#, r#", "weight_kg": null"#)).unwrap();
        assert_eq!((req.origin, req.lines[0].weight_kg), (None, None));
    }

    #[test]
    fn every_field_is_read() {
        let req = decode(&text(
            r#", "subdivision": "BY", "ship_from": "CN", "origin": "CN", "channel": "freight", "incoterm": "dap",
              "shipping": "12.00", "insurance": 1.5, "fx": {"USD/EUR": "0.92"}, "allocation": "weight",
              "rounding": {"mode": "half_even", "scope": "per_total"}, "display_currency": "usd",
              "entry_type": "informal", "business_buyer": true, "transport": "rail",
              "simplified_regime": "remessa_conforme", "seller_registered": false, "claim": "EU""#,
            r#", "description": "tee", "origin": "VN", "weight_kg": "0.2", "volume_l": 1, "alcohol_pct": "12.5",
              "units": {"pair": "1"}, "components": {"case": "3"}, "duty_rate": "12%",
              "extra_duties": [{"name": "safeguard", "rate": "25%"}], "vat_class": "reduced",
              "metal_content_value": "1.00", "claim": "none""#,
        ))
        .unwrap();
        assert_eq!(req.subdivision.as_deref(), Some("BY"));
        assert_eq!(
            (req.channel, req.incoterm, req.allocation),
            (Some(Channel::Freight), Some(Incoterm::Dap), AllocationKey::Weight)
        );
        assert_eq!((req.shipping, req.insurance, req.fx["USD/EUR"]), (Some(dec!(12.00)), Some(dec!(1.5)), dec!(0.92)));
        assert_eq!(req.rounding, RoundingPolicy { mode: RoundingMode::HalfEven, scope: RoundingScope::PerTotal });
        assert_eq!((req.display_currency, req.entry_type), (Some(Currency::USD), Some(EntryType::Informal)));
        assert_eq!(
            (req.transport, req.simplified_regime),
            (Some(Transport::Rail), Some(SimplifiedRegime::RemessaConforme))
        );
        assert_eq!((req.business_buyer, req.seller_registered, req.claim.as_deref()), (true, Some(false), Some("EU")));
        let l = &req.lines[0];
        assert_eq!((l.weight_kg, l.volume_l, l.alcohol_pct), (Some(dec!(0.2)), Some(dec!(1)), Some(dec!(12.5))));
        assert_eq!(
            (l.units["pair"], l.components["case"], l.metal_content_value),
            (dec!(1), dec!(3), Some(dec!(1.00)))
        );
        assert_eq!(
            l.extra_duties,
            [ExtraDuty {
                name: "safeguard".into(),
                rate: "25%".into(),
                kind: ExtraDutyKind::Duty,
                answers: Vec::new(),
                base: None
            }]
        );
        assert_eq!(
            (l.vat_class, l.duty_rate.as_deref(), l.claim.as_deref()),
            (Some(VatClass::Reduced), Some("12%"), Some("none"))
        );
    }

    #[test]
    fn incoterm_takes_upper_case_and_the_lower_case_aliases_only() {
        for (t, want) in
            [("DDP", Incoterm::Ddp), ("ddp", Incoterm::Ddp), ("DAP", Incoterm::Dap), ("dap", Incoterm::Dap)]
        {
            assert_eq!(decode(&text(&format!(r#", "incoterm": "{t}""#), "")).unwrap().incoterm, Some(want));
        }
        let e = decode(&text(r#", "incoterm": "Ddp""#, "")).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidField, Some("incoterm")));
        assert!(e.message.contains("unknown variant `Ddp`") && e.message.contains("`dap`"), "{}", e.message);
    }

    #[test]
    fn tariff_takes_general_or_simplified_docs_rules_12() {
        // docs/rules.md §12: the importer may ask for the general tariff for the whole
        // consignment (Customs Tariff Act art. 3-3(1) proviso); unset is the law's default.
        assert_eq!(decode(&text("", "")).unwrap().tariff, None);
        for (t, want) in [("general", TariffChoice::General), ("simplified", TariffChoice::Simplified)] {
            assert_eq!(decode(&text(&format!(r#", "tariff": "{t}""#), "")).unwrap().tariff, Some(want));
        }
        let e = decode(&text(r#", "tariff": "lowest""#, "")).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidField, Some("tariff")));
        assert!(e.message.contains("`general`") && e.message.contains("`simplified`"), "{}", e.message);
    }

    #[test]
    fn a_wrong_type_or_spelling_names_the_field_by_its_path() {
        for (extra, line, field) in [
            (r#", "destination": 5"#, "", "destination"),
            (r#", "date": "2026-13-01""#, "", "date"),
            (r#", "currency": "ZZZ""#, "", "currency"),
            (r#", "channel": null"#, "", "channel"),
            (r#", "channel": "Courier""#, "", "channel"),
            (r#", "business_buyer": "yes""#, "", "business_buyer"),
            (r#", "seller_registered": 1"#, "", "seller_registered"),
            (r#", "fx": []"#, "", "fx"),
            (r#", "fx": {"USD/EUR": null}"#, "", "fx.USD/EUR"),
            (r#", "rounding": {"mode": "half"}"#, "", "rounding.mode"),
            (r#", "rounding": "half_up""#, "", "rounding"),
            (r#", "entry_type": "FORMAL""#, "", "entry_type"),
            (r#", "tariff": "GENERAL""#, "", "tariff"),
            (r#", "tariff": true"#, "", "tariff"),
            ("", r#", "quantity": true"#, "lines[0].quantity"),
            ("", r#", "units": {"kg": [1]}"#, "lines[0].units.kg"),
            ("", r#", "vat_class": "low""#, "lines[0].vat_class"),
            ("", r#", "extra_duties": [{"name": "x", "rate": 25}]"#, "lines[0].extra_duties[0].rate"),
            ("", r#", "extra_duties": {}"#, "lines[0].extra_duties"),
            ("", r#", "extra_duties": [{"name": "x", "rate": "1%", "kind": "tax"}]"#, "lines[0].extra_duties[0].kind"),
            ("", r#", "transport": "sea""#, "lines[0]"),
        ] {
            let want = if field == "lines[0]" { invalid("lines[0].transport") } else { invalid(field) };
            assert_eq!(refused(extra, line), want, "{extra} {line}");
        }
        let lines =
            |v: &str| format!(r#"{{"destination": "DE", "date": "2026-03-02", "currency": "EUR", "lines": {v}}}"#);
        assert_eq!(decode(&lines("{}")).unwrap_err().field.as_deref(), Some("lines"));
        assert_eq!(decode(&lines(&format!("[{LINE}, 5]"))).unwrap_err().field.as_deref(), Some("lines[1]"));
        // The request itself not an object: the whole request is at fault.
        assert_eq!(decode("[1]").unwrap_err().code, ErrorCode::Json);
    }

    #[test]
    fn an_unknown_or_repeated_field_is_refused_naming_it() {
        assert_eq!(refused(r#", "shiping": "1""#, ""), invalid("shiping"));
        assert_eq!(refused("", r#", "price": "1""#), invalid("lines[0].price"));
        assert_eq!(
            refused("", r#", "extra_duties": [{"name": "x", "rate": "1%", "bases": "cif"}]"#),
            invalid("lines[0].extra_duties[0].bases")
        );
        assert_eq!(refused(r#", "rounding": {"mod": "half_even"}"#, ""), invalid("rounding.mod"));
        assert_eq!(refused(r#", "currency": "USD""#, ""), invalid("currency"));
        assert_eq!(refused("", r#", "code": "3""#), invalid("lines[0].code"));
        assert_eq!(refused("", r#", "units": {"kg": "1", "kg": "2"}"#), invalid("lines[0].units.kg"));
        let e = decode(&text(r#", "shiping": "1""#, "")).unwrap_err();
        assert!(e.message.contains("unknown field `shiping`") && e.message.contains("`shipping`"), "{}", e.message);
    }

    #[test]
    fn a_missing_required_field_is_named_by_its_path() {
        let e = decode(r#"{"destination": "DE", "date": "2026-03-02", "lines": []}"#).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref(), e.message.as_str()),
            (ErrorCode::MissingField, Some("currency"), "currency is required")
        );
        let line = r#"{"id": "a", "code": "6109100010", "quantity": "1"}"#;
        let e =
            decode(&format!(r#"{{"destination": "DE", "date": "2026-03-02", "currency": "EUR", "lines": [{line}]}}"#))
                .unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::MissingField, Some("lines[0].unit_price")));
        assert_eq!(
            refused("", r#", "extra_duties": [{"name": "x"}]"#),
            (ErrorCode::MissingField, "lines[0].extra_duties[0].rate".into())
        );
    }

    #[test]
    fn number_amounts_are_read_exactly_from_their_text() {
        // 0.1 has no exact binary float: read from its text it is exactly one tenth, scale 1.
        let price = |n: &str| decode(&priced(n)).map(|r| r.lines[0].unit_price);
        let tenth = price("0.1").unwrap();
        assert_eq!((tenth.mantissa(), tenth.scale()), (1, 1));
        assert_eq!(price("49.990").unwrap().to_string(), "49.990");
        // An exponent means one number only: 1e2 is 100 (as the string "1e2" is), 1E-2 is 0.01.
        assert_eq!(price("1e2").unwrap(), dec!(100));
        assert_eq!(price("1E-2").unwrap(), dec!(0.01));
        assert_eq!(price("-2.5e+1").unwrap(), dec!(-25));
        assert_eq!(price("12345678901234567890.123456789").unwrap(), dec!(12345678901234567890.123456789));
        // More digits than a decimal holds, or out of its range: refused, never rounded; a plain
        // whole number too long for it, or one whose exponent takes it past the range, is too
        // large rather than malformed (audit-d E5).
        for (n, code) in [
            ("0.12345678901234567890123456789", ErrorCode::Amount),
            ("1e400", ErrorCode::TooLarge),
            ("123456789012345678901234567890", ErrorCode::TooLarge),
        ] {
            let e = price(n).unwrap_err();
            assert_eq!((e.code, e.field.as_deref()), (code, Some("lines[0].unit_price")), "{n}");
        }
    }

    #[test]
    fn a_decimal_comma_is_e_amount_with_the_reason() {
        // money::separator_problem: "49,99" is 49.99 or 4999 depending on the country.
        let e = decode(&priced(r#""49,99""#)).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Amount, Some("lines[0].unit_price")));
        assert!(e.message.contains("\"49,99\"") && e.message.contains("point"), "{}", e.message);
        assert_eq!(refused(r#", "fx": {"USD/EUR": "0,92"}"#, "").0, ErrorCode::Amount);
        // Escapes are resolved before the amount is read: "4\u0039" is "49".
        assert_eq!(decode(&priced(r#""4\u0039""#)).unwrap().lines[0].unit_price, dec!(49));
    }

    #[test]
    fn broken_json_is_e_json_with_line_and_column() {
        let e = decode("{\n  \"destination\": \"DE\",\n  \"date\" \"2026-03-02\"}").unwrap_err().into_fields();
        assert_eq!((e.code, e.field), (ErrorCode::Json, None));
        assert!(e.message.ends_with("expected ':' at line 3 column 10"), "{}", e.message);
        // A byte-order mark before the request is skipped, one anywhere else is not JSON.
        assert!(decode(&format!("\u{feff}{}", text("", ""))).is_ok());
        assert_eq!(decode(&format!(" \u{feff}{}", text("", ""))).unwrap_err().code, ErrorCode::Json);
    }
}
