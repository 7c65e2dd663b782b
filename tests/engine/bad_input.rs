//! Bad input from callers: each case is refused with a typed error naming the field at fault,
//! or accepted when it is harmless (a byte-order mark), never misread, never a panic.

use crate::common::{fails_with, landed, stdout};
use landed::error::ErrorCode;
use landed::request::from_json;

fn request(destination: &str, line: &str) -> String {
    format!(
        r#"{{"destination": "{destination}", "date": "2026-03-02", "currency": "EUR", "origin": "CN",
            "lines": [{{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": "49.99"{line}}}]}}"#
    )
}

/// The error `from_json` gives, as (code, field).
fn refused(text: &str) -> (ErrorCode, Option<String>) {
    let e = from_json(text).expect_err("refused").into_fields();
    (e.code, e.field)
}

#[test]
fn decimal_comma_in_an_amount_is_refused_naming_the_field() {
    // "49,99" is 49.99 with a decimal comma and 4999 with a thousands comma: never guessed.
    let text = request("DE", "").replace(r#""unit_price": "49.99""#, r#""unit_price": "49,99""#);
    assert_eq!(refused(&text), (ErrorCode::Amount, Some("lines[0].unit_price".into())));
    let text = request("DE", "").replace(r#""origin": "CN""#, r#""origin": "CN", "shipping": "1,000.00""#);
    assert_eq!(refused(&text), (ErrorCode::Amount, Some("shipping".into())));
    let e = from_json(&request("DE", r#", "weight_kg": "0,5""#)).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Amount, Some("lines[0].weight_kg")));
    assert!(e.message.contains("point"), "{}", e.message);
    // The CLI's own amounts (`eval --value`) follow the same rule.
    let err =
        fails_with(&landed(&["eval", "10%", "--value", "49,99", "--currency", "EUR", "--json"], None), "E_AMOUNT");
    assert!(err.contains("value"), "{err}");
}

#[test]
fn decimal_comma_in_a_duty_rate_is_refused_naming_the_field() {
    // audit-kk KK1: "12,5%" was read with a thousands comma as 125 % (1,250.00 duty on
    // 1,000.00), "0,7 cents/kg" as 7 cents/kg. A comma that may be a decimal comma is refused
    // in each field a caller writes a rate in, with the fix.
    for rate in ["12,5%", "12,50%", "1,2,3%", "10% + 0,7 EUR/kg", "1,000 EUR/kg"] {
        let e = from_json(&request("DE", &format!(r#", "duty_rate": "{rate}""#))).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::DutyExpression, Some("lines[0].duty_rate")), "{rate}");
        assert!(e.message.contains("decimal comma") && e.message.contains("point"), "{}", e.message);
        let extra = format!(r#", "extra_duties": [{{"name": "anti-dumping duty", "rate": "{rate}"}}]"#);
        let e = from_json(&request("DE", &extra)).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::DutyExpression, Some("lines[0].extra_duties[0].rate")),
            "{rate}"
        );
    }
    let e = from_json(&request("DE", r#", "duty_rate": "12,5%""#)).unwrap_err();
    assert!(e.message.contains(r#"write "12.5""#), "{}", e.message);
    // Thousands groups before a decimal point are unambiguous, and read as such.
    assert!(from_json(&request("DE", r#", "duty_rate": "1,024.00 EUR / 1000 kg""#)).is_ok());
    // `eval` refuses it the same way.
    let err = fails_with(
        &landed(&["eval", "12,5%", "--value", "1000", "--currency", "EUR", "--json"], None),
        "E_DUTY_EXPRESSION",
    );
    assert!(err.contains("12.5"), "{err}");
}

#[test]
fn digit_separator_in_an_amount_is_refused_naming_the_field() {
    // rust_decimal reads "4_999" as 4999: a separator is refused like a decimal comma.
    let price = |text: &str| request("DE", "").replace(r#""unit_price": "49.99""#, &format!(r#""unit_price": {text}"#));
    for text in [r#""4_999""#, r#""5_""#, r#""1_000.00""#] {
        let e = from_json(&price(text)).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Amount, Some("lines[0].unit_price")), "{text}");
        assert!(e.message.contains("separators"), "{}", e.message);
    }
    assert_eq!(
        refused(&request("DE", r#", "units": {"kg": "1_0"}"#)),
        (ErrorCode::Amount, Some("lines[0].units.kg".into()))
    );
    let shipping = request("DE", "").replace(r#""origin": "CN""#, r#""origin": "CN", "shipping": "1_000""#);
    assert_eq!(refused(&shipping), (ErrorCode::Amount, Some("shipping".into())));
}

#[test]
fn amount_forms_each_decided() {
    let price = |text: &str| request("DE", "").replace(r#""unit_price": "49.99""#, &format!(r#""unit_price": {text}"#));
    // One meaning only: accepted as that number.
    for (text, want) in
        [(r#""+5""#, "5"), (r#"".5""#, "0.5"), (r#""5.""#, "5"), (r#""1e3""#, "1000"), ("49.99", "49.99")]
    {
        let req = from_json(&price(text)).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        assert_eq!(req.lines[0].unit_price.normalize().to_string(), want, "{text}");
    }
    // Spaces inside the string, and more digits than a decimal holds (never rounded in silence).
    for text in [r#"" 5""#, r#""5 ""#, r#""0.12345678901234567890123456789""#] {
        assert_eq!(refused(&price(text)), (ErrorCode::Amount, Some("lines[0].unit_price".into())), "{text}");
    }
}

#[test]
fn utf8_bom_before_a_json_request_is_accepted() {
    let req = from_json(&format!("\u{feff}{}", request("DE", ""))).unwrap();
    assert_eq!(req.destination, "DE");
    // U+FEFF encoded in UTF-8 is the bytes EF BB BF, as an editor writes them.
    let out = stdout(&landed(&["quote", "-", "--format", "json"], Some(&format!("\u{feff}{}", request("DE", "")))));
    assert!(out.contains("\"destination\": \"DE\""), "{out}");
}

#[test]
fn malformed_json_is_e_json() {
    for text in ["{\"destination\": ", "not json", "", "{\"destination\": \"DE\",}"] {
        assert_eq!(refused(text).0, ErrorCode::Json, "{text:?}");
    }
    fails_with(&landed(&["quote", "-"], Some("{\"destination\": \"DE\"")), "E_JSON");
}

#[test]
fn unknown_iso_country_code_is_a_typed_error_naming_the_field() {
    // Well formed (two letters) but no country has them: XX and ZZ are user-assigned, UK is
    // reserved (the code of the United Kingdom is GB).
    assert_eq!(refused(&request("XX", "")), (ErrorCode::Country, Some("destination".into())));
    let origin = request("DE", "").replace(r#""origin": "CN""#, r#""origin": "ZZ""#);
    assert_eq!(refused(&origin), (ErrorCode::Country, Some("origin".into())));
    let ship_from = request("DE", "").replace(r#""origin": "CN""#, r#""origin": "CN", "ship_from": "XX""#);
    assert_eq!(refused(&ship_from), (ErrorCode::Country, Some("ship_from".into())));
    assert_eq!(refused(&request("DE", r#", "origin": "ZZ""#)), (ErrorCode::Country, Some("lines[0].origin".into())));
    let e = from_json(&request("UK", "")).unwrap_err();
    assert_eq!(e.code, ErrorCode::Country);
    assert!(e.message.contains("GB"), "{}", e.message);
    // Badly formed codes are the same typed error; known codes in any case, XI and XK pass.
    assert_eq!(refused(&request("G1", "")).0, ErrorCode::Country);
    for ok in ["de", "XI"] {
        from_json(&request(ok, r#", "origin": "XK""#)).unwrap();
    }
}

#[test]
fn catalogue_reports_a_bad_row_by_line_number_and_prices_the_others() {
    let csv =
        "sku,code,price\nok-1,6109100010,20.00\nbad,6109100010,\"49,99\"\nshort,6109100010\nok-2,6109100010,30.00\n";
    let options = landed::catalogue::CatalogueOptions {
        destinations: vec!["DE".into(), "GB".into()],
        date: landed::date::Date::parse("2026-03-02").unwrap(),
        currency: Some(landed::money::Currency::EUR),
        channel: Some(landed::request::Channel::Courier),
        incoterm: Some(landed::request::Incoterm::Ddp),
    };
    let mut out = Vec::new();
    let written = landed::catalogue::price_catalogue(
        &landed::Engine::embedded(),
        csv.as_bytes(),
        &mut out,
        &options,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(written, 8);
    let mut rdr = csv::Reader::from_reader(out.as_slice());
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let status = |sku: &str| rows.iter().filter(|r| &r[0] == sku).map(|r| r[10].to_string()).collect::<Vec<_>>();
    assert_eq!(status("ok-1"), ["priced", "priced"]);
    assert_eq!(status("ok-2"), ["priced", "priced"]);
    assert_eq!(status("bad"), ["error", "error"]);
    let reason = |sku: &str| rows.iter().find(|r| &r[0] == sku).unwrap()[11].to_string();
    assert!(reason("bad").contains("E_AMOUNT") && reason("bad").contains("line 3, column price"), "{}", reason("bad"));
    // A short row is refused as a long one is (audit-s S6), never read with its last fields empty.
    assert!(
        reason("short").contains("2 fields and the header 3") && reason("short").contains("line 4"),
        "{}",
        reason("short")
    );
}

/// A catalogue priced into GB on 2026-11-26 in GBP (courier, DDP), its output rows.
fn gb_catalogue(csv: &str) -> Vec<csv::StringRecord> {
    let options = landed::catalogue::CatalogueOptions {
        destinations: vec!["GB".into()],
        date: landed::date::Date::parse("2026-11-26").unwrap(),
        currency: Some(landed::money::Currency::GBP),
        channel: Some(landed::request::Channel::Courier),
        incoterm: Some(landed::request::Incoterm::Ddp),
    };
    let mut out = Vec::new();
    landed::catalogue::price_catalogue(&landed::Engine::embedded(), csv.as_bytes(), &mut out, &options, &mut |_| {})
        .unwrap();
    let mut rdr = csv::Reader::from_reader(out.as_slice());
    rdr.records().map(Result::unwrap).collect()
}

#[test]
fn catalogue_names_an_unclosed_quote_not_a_missing_field() {
    // audit-kk KK53: `"a,6109,10` (a quote never closed) was "a field is missing".
    let csv = "sku,code,price\nok,6109100010,20.00\n\"a,6109100010,10\n";
    let rows = gb_catalogue(csv);
    assert_eq!(&rows[0][10], "priced");
    assert_eq!(&rows[1][10], "error", "{:?}", rows[1]);
    assert!(rows[1][11].contains("line 3") && rows[1][11].contains("close the quote"), "{}", &rows[1][11]);
}

#[test]
fn catalogue_refuses_an_unquoted_decimal_comma_instead_of_reading_another_price() {
    // "12,50" unquoted splits the price into "12" and "50": the row has more fields than the
    // header and is refused naming its line, never priced at 12.00 (issue 12, bad input).
    // An error of the quote itself names the row's line too, not `lines[0]`.
    let csv = "sku,code,price,origin
B2,6109100010,12,50,CN
ok,6109100010,20.00,CN
badorigin,6109100010,20.00,XX
";
    let rows = gb_catalogue(csv);
    assert_eq!((&rows[0][10], &rows[0][5]), ("error", ""), "{:?}", rows[0]);
    assert!(rows[0][11].contains("line 2") && rows[0][11].contains("5 fields and the header 4"), "{}", &rows[0][11]);
    assert_eq!(&rows[1][10], "priced");
    assert!(rows[2][11].contains("line 4, column origin"), "{}", &rows[2][11]);
}

#[test]
fn caller_text_too_large_to_compute_is_refused_not_an_overflow() {
    // cargo fuzz (duty_expr) found a Decimal multiplication overflow in units.rs for a unit
    // multiplier with many digits; a caller's duty_rate can carry such a text.
    for rate in ["5 EUR / 99999999999999999999999999 t", "1 EUR / 9999999999999999999999999999 kg"] {
        let e = from_json(&request("DE", &format!(r#", "duty_rate": "{rate}""#))).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::DutyExpression, Some("lines[0].duty_rate")), "{rate}");
        let extra = format!(r#", "extra_duties": [{{"name": "anti-dumping", "rate": "{rate}"}}]"#);
        let e = from_json(&request("DE", &extra)).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("lines[0].extra_duties[0].rate"));
    }
    let e = from_json(&request("DE", r#", "units": {"9999999999999999999999999 t": "1000000"}"#)).unwrap_err();
    assert_eq!(e.code, ErrorCode::UnknownUnit);
    let e = from_json(&request("DE", r#", "metal_content_value": "79228162514264337593543950335""#)).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::TooLarge, Some("lines[0].metal_content_value")));
    let fx = request("DE", "")
        .replace(r#""origin": "CN""#, r#""origin": "CN", "fx": {"USD/EUR": "0.0000000000000000000000000001"}"#);
    assert_eq!(refused(&fx), (ErrorCode::FxRate, Some("fx.USD/EUR".into())));
    // At the limits every figure is computed: 10^12 items at 1 EUR, in units of 10^9 items.
    let big = request("DE", r#", "duty_rate": "0.01 EUR / 1000000000 items", "units": {"1000000000 items": "1000"}"#)
        .replace(r#""quantity": "1""#, r#""quantity": "1000000000000""#)
        .replace("49.99", "1");
    let q = landed::Engine::embedded().quote(&from_json(&big).unwrap()).unwrap();
    assert!(q.totals.duty > rust_decimal::Decimal::ZERO);
}

#[test]
fn reverse_target_too_large_is_refused_not_an_overflow() {
    // Charm rounding adds 0.99 to the whole part: at Decimal::MAX that overflowed.
    let req = from_json(&request("DE", "")).unwrap();
    let engine = landed::Engine::embedded();
    let target: rust_decimal::Decimal = "79228162514264337593543950335".parse().unwrap();
    use landed::reverse::{reverse, Charm, GreyZonePolicy};
    let e = reverse(&engine, &req, target, Charm::NinetyNine, GreyZonePolicy::ClampBelow).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::TooLarge, Some("target")));
}

#[test]
fn unknown_subdivision_is_a_typed_error_naming_the_field() {
    // Canada's provinces and territories and Brazil's states are their ISO 3166-2 codes
    // (rules/jurisdictions.tsv, `subdivisions`): a Canadian "XX" used to be priced at GST alone
    // and called complete (audit 2026-11-26).
    let engine = landed::Engine::embedded();
    let ca = |sub: &str| {
        from_json(&format!(
            r#"{{"destination": "CA", "subdivision": "{sub}", "ship_from": "CN", "date": "2026-03-02", "currency": "CAD",
                "lines": [{{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": "100", "origin": "VN", "duty_rate": "18%"}}]}}"#
        ))
        .unwrap()
    };
    let e = engine.quote(&ca("XX")).expect_err("XX is no province");
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidField, Some("subdivision")));
    assert!(e.message.contains("AB, BC") && e.message.contains("YT"), "{}", e.message);
    // A province without a provincial tax at the border (Alberta) and lower case are accepted.
    for ok in ["AB", "on"] {
        engine.quote(&ca(ok)).unwrap();
    }
    let br = from_json(
        r#"{"destination": "BR", "subdivision": "ZZ", "date": "2026-03-02", "currency": "BRL",
            "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": "100", "origin": "CN", "duty_rate": "20%"}]}"#,
    )
    .unwrap();
    assert_eq!(engine.quote(&br).unwrap_err().field.as_deref(), Some("subdivision"));
}

#[test]
fn an_amount_with_more_digits_than_a_decimal_holds_is_too_large_not_malformed() {
    // A well-formed 32-digit price is a size problem (E_TOO_LARGE), not a format one (E_AMOUNT).
    let big =
        request("DE", "").replace(r#""unit_price": "49.99""#, r#""unit_price": "12345678901234567890123456789012""#);
    assert_eq!(refused(&big), (ErrorCode::TooLarge, Some("lines[0].unit_price".into())));
    let comma = request("DE", "").replace(r#""unit_price": "49.99""#, r#""unit_price": "49,99""#);
    assert_eq!(refused(&comma).0, ErrorCode::Amount);
}

/// audit-d E5: text a table or CSV echoes is plain text: NUL, an ANSI escape (which drives the
/// terminal printing `--format table`) and U+202E (which reorders the printed line) are refused
/// in `id` and `description`; a line break in a description is kept. A 100,000-character id is
/// refused, and an error repeats at most 40 characters of a bad value.
#[test]
fn control_characters_and_huge_values_are_refused_never_echoed() {
    for (line, field) in [
        (r#", "description": "x\u001b[31mred""#, "lines[0].description"),
        (r#", "description": "a\u202eb""#, "lines[0].description"),
    ] {
        let e = stopped(&request("DE", line));
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidField, Some(field)), "{line}");
    }
    let id = |id: &str| request("DE", "").replace(r#""id": "a""#, &format!(r#""id": "{id}""#));
    for bad in [r"a\u0000b", r"a\u202eb", r"\u001b[2J"] {
        let e = stopped(&id(bad));
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidField, Some("lines[0].id")), "{bad}");
    }
    let e = stopped(&id(&"x".repeat(100_000)));
    assert_eq!(e.code, ErrorCode::TooLarge);
    assert!(e.message.len() < 200, "{} bytes", e.message.len());
    let ok = request("DE", r#", "description": "cotton\ttee\nwhite""#);
    assert!(landed::Engine::embedded().quote(&from_json(&ok).unwrap()).is_ok());
    // An amount past a decimal's range by its exponent is E_TOO_LARGE; more than 28 decimal
    // places says so; a huge value is cut in the message.
    let price = |p: &str| request("DE", "").replace(r#""unit_price": "49.99""#, &format!(r#""unit_price": "{p}""#));
    assert_eq!(stopped(&price("1e40")).code, ErrorCode::TooLarge);
    let e = stopped(&price("1.111111111111111111111111111111"));
    assert_eq!(e.code, ErrorCode::Amount);
    assert!(e.message.contains("30 decimal places"), "{}", e.message);
    let e = stopped(&price(&"9".repeat(1_000_000)));
    assert_eq!(e.code, ErrorCode::TooLarge);
    assert!(
        e.message.len() < 200 && e.message.contains("1000000 characters"),
        "{}",
        &e.message[..200.min(e.message.len())]
    );
}

/// The error that stops a request: reading it, or quoting it.
fn stopped(text: &str) -> landed::error::Error {
    match from_json(text) {
        Err(e) => e,
        Ok(r) => landed::Engine::embedded().quote(&r).expect_err("refused"),
    }
}

#[test]
fn a_huge_tariff_code_is_not_echoed_whole_in_its_error() {
    // audit-d E5: a 1,000,000-digit code gave a 1,000,081-byte E_HS_CODE message.
    let code = "1".repeat(1_000_000);
    let e = landed::hs::HsCode::parse(&code).unwrap_err();
    assert_eq!(e.code, landed::error::ErrorCode::HsCode);
    assert!(e.message.len() < 200, "{} bytes", e.message.len());
    assert!(e.message.contains("1000000 characters"), "{}", e.message);
}
