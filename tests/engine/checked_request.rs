//! A request checked once (`CheckedRequest`, speed-l: BENCHMARKS.md) is priced as the same request
//! checked by every quote: `Engine::quote_checked` of `checked_from_json(text)` gives the JSON,
//! byte for byte, or the error of `Engine::quote` of `from_json(text)`, and `checked_from_json`
//! refuses what `from_json` refuses with the same error. No law is cited: the figures are the
//! other tests'; this one holds that checking once changes none of them.

use landed::request::{checked_from_json, from_json, CheckedRequest};
use landed::{Engine, QuoteRequest};

/// Requests that price (GB, US with Section 301, a padded lower-case origin the check reads
/// canonical, an excise line) and requests the checks or the quote refuse.
const REQUESTS: [&str; 9] = [
    r#"{"destination":"GB","date":"2026-03-02","currency":"GBP","shipping":"12.00","lines":[{"id":"a","code":"6109100010","quantity":"2","unit_price":"12.50","weight_kg":"1.2"},{"id":"w","code":"2204210900","quantity":"6","unit_price":"9.50","volume_l":"0.75","alcohol_pct":"13"}]}"#,
    r#"{"destination":"US","date":"2026-03-02","currency":"USD","origin":" cn ","lines":[{"id":"s","code":"6404110000","quantity":"1","unit_price":"80"}]}"#,
    r#"{"destination":"de","date":"2026-03-02","currency":"EUR","lines":[{"id":"c","code":"8471300000","quantity":"1","unit_price":"499","origin":"us"}]}"#,
    r#"{"destination":"GB","date":"2026-03-02","currency":"GBP","lines":[]}"#,
    r#"{"destination":"GB","date":"2026-03-02","currency":"GBP","lines":[{"id":"a","code":"61x9","quantity":"1","unit_price":"1"}]}"#,
    r#"{"destination":"GB","date":"2026-03-02","currency":"GBP","lines":[{"id":"a","code":"6109","quantity":"1","unit_price":"1"},{"id":"a","code":"6109","quantity":"1","unit_price":"1"}]}"#,
    r#"{"destination":"GB","date":"2026-03-02","currency":"GBP","shipping":"-1","lines":[{"id":"a","code":"6109","quantity":"1","unit_price":"1"}]}"#,
    r#"{"destination":"ZZ","date":"2026-03-02","currency":"GBP","lines":[{"id":"a","code":"6109","quantity":"1","unit_price":"1"}]}"#,
    r#"{"destination":"GB","date":"2026-03-02","currency":"XYZ","lines":[]}"#,
];

fn shown<T: serde::Serialize>(r: landed::Result<T>) -> String {
    match r {
        Ok(q) => serde_json::to_string(&q).expect("serializes"),
        Err(e) => format!("error {:?} {:?} {}", e.code, e.field, e.message),
    }
}

#[test]
fn a_request_checked_once_is_priced_as_one_checked_each_time() {
    let engine = Engine::embedded();
    for json in REQUESTS {
        let each = shown(from_json(json).and_then(|r| engine.quote(&r)));
        let once = shown(checked_from_json(json).and_then(|r| engine.quote_checked(&r)));
        assert_eq!(each, once, "{json}");
        // Built in code: a decoded request, unchecked, checked by `CheckedRequest::new`.
        if let Ok(req) = landed::request::decode(json) {
            let built = shown(CheckedRequest::new(req.clone()).and_then(|r| engine.quote_checked(&r)));
            assert_eq!(each, built, "{json}");
            assert_eq!(shown(engine.quote(&req)), each, "{json}");
        }
    }
}

#[test]
fn a_checked_request_is_changed_only_through_a_new_check() {
    let json = REQUESTS[1];
    let checked = checked_from_json(json).expect("checks");
    // Read-only: the canonical origin as the check read it.
    assert_eq!(checked.origin.as_deref(), Some("CN"));
    let mut req: QuoteRequest = checked.into_request();
    req.lines[0].unit_price = -req.lines[0].unit_price;
    let e = CheckedRequest::try_from(req).expect_err("a negative price is refused");
    assert_eq!(e.field.as_deref(), Some("lines[0].unit_price"));
}
