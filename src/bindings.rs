//! The engine for JavaScript: `quote`, `rate`, `search`, `snapshotInfo`, `countries`, with the
//! same JSON shapes as the CLI. Errors reach JS as `Error` objects carrying a stable `code` and
//! the `field` at fault. A panic (a bug) is reported through the same path by the JS wrapper,
//! which re-instantiates the module: it never takes the host page down.

use crate::error::{Error, ErrorCode};
use crate::request::QuoteRequest;
use crate::Engine;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Type aliases for the Rust value types that serialize as strings.
#[wasm_bindgen(typescript_custom_section)]
const TS_ALIASES: &str = r#"
/** An exact decimal amount as a string, e.g. "49.00". */
export type Decimal = string;
/** ISO 4217 currency code, e.g. "EUR". */
export type Currency = string;
/** A date as YYYY-MM-DD. */
export type Date = string;
/** A quantity key: a base unit and what it measures, e.g. "kg" or "kg:drained". */
export type Measure = string;
"#;

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    /// The page's engine: the embedded snapshot until `loadSnapshot` succeeds with another.
    static ENGINE: std::cell::Cell<Option<Engine>> = const { std::cell::Cell::new(None) };
}

/// The engine every function of the page prices with (made on first use).
fn engine() -> Engine {
    ENGINE.with(|e| match e.get() {
        Some(engine) => engine,
        None => {
            let engine = Engine::embedded();
            e.set(Some(engine));
            engine
        }
    })
}

/// Replaces the page's snapshot with a blob written by `landed-datagen snapshot` (fetched by the
/// JS wrapper from the widget's `snapshot` URL). The blob's hash is checked first: a corrupt,
/// truncated or foreign blob is an `E_SNAPSHOT` error and the current snapshot stays in service.
/// Returns the new snapshot's id.
#[wasm_bindgen(js_name = loadSnapshot)]
pub fn load_snapshot(bytes: Vec<u8>) -> Result<String, JsValue> {
    let loaded = Engine::from_bytes(bytes).map_err(js_error)?;
    ENGINE.with(|e| e.set(Some(loaded)));
    Ok(loaded.snapshot_id())
}

/// The parts a quote to `destination` still needs (`[{name, file, bytes}]`): the module carries
/// rules, VAT and FX; each tariff table is a content-addressed file fetched on first use.
#[wasm_bindgen(js_name = missingParts, unchecked_return_type = "PartRef[]")]
pub fn missing_parts(destination: &str) -> Result<JsValue, JsValue> {
    to_js(&engine().missing_parts(destination))
}

/// Attaches a fetched part (`landed-part-….bin`) after checking that its hash is one the
/// snapshot names. Returns the part's name.
#[wasm_bindgen(js_name = attachPart)]
pub fn attach_part(bytes: Vec<u8>) -> Result<String, JsValue> {
    engine().attach_part(bytes).map(str::to_string).map_err(js_error)
}

/// Goes back to the snapshot compiled into the module.
#[wasm_bindgen(js_name = useEmbeddedSnapshot)]
pub fn use_embedded_snapshot() -> String {
    let embedded = Engine::embedded();
    ENGINE.with(|e| e.set(Some(embedded)));
    embedded.snapshot_id()
}

/// Installs a panic hook that keeps the message for `lastPanic()`.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
}

/// The message of the last panic, if any (read by the JS wrapper after a trap).
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

fn js_error(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    let _ = js_sys::Reflect::set(&err, &"code".into(), &e.code.as_str().into());
    let _ = js_sys::Reflect::set(&err, &"field".into(), &e.field.map(JsValue::from).unwrap_or(JsValue::NULL));
    err.into()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error(Error::new(ErrorCode::Json, "", e.to_string())))
}

fn date(text: Option<String>) -> Result<crate::date::Date, JsValue> {
    match text {
        Some(t) => crate::date::Date::parse(&t).map_err(js_error),
        None => {
            let now = js_sys::Date::new_0();
            crate::date::Date::new(now.get_utc_full_year() as i32, now.get_utc_month() + 1, now.get_utc_date())
                .map_err(js_error)
        }
    }
}

/// Prices a request (an object or a JSON string) and returns the quote.
#[wasm_bindgen(js_name = quote, unchecked_return_type = "Quote")]
pub fn quote(
    #[wasm_bindgen(unchecked_param_type = "QuoteRequest | string")] request: JsValue,
) -> Result<JsValue, JsValue> {
    let req = match request.as_string() {
        Some(text) => crate::request::from_json(&text).map_err(js_error)?,
        None => request_from(request)?,
    };
    let q = engine().quote(&req).map_err(js_error)?;
    to_js(&q)
}

/// Looks up a code: `rate("DE", "22042109", "2026-03-01")` (date defaults to today).
#[wasm_bindgen(js_name = rate, unchecked_return_type = "RateResponse")]
pub fn rate(destination: &str, code: &str, date_text: Option<String>) -> Result<JsValue, JsValue> {
    let d = date(date_text)?;
    to_js(&engine().rate(destination, code, d).map_err(js_error)?)
}

/// Suggests codes for a description in a destination's tariff.
#[wasm_bindgen(js_name = search, unchecked_return_type = "SearchResponse")]
pub fn search(text: &str, destination: &str, limit: Option<usize>) -> Result<JsValue, JsValue> {
    to_js(&engine().search(text, destination, limit.unwrap_or(10)).map_err(js_error)?)
}

/// The page's snapshot: id, size, tables, sources, and its datasets with their age today.
#[wasm_bindgen(js_name = snapshotInfo, unchecked_return_type = "SnapshotInfo")]
pub fn snapshot_info() -> Result<JsValue, JsValue> {
    to_js(&engine().snapshot_info(date(None)?))
}

/// Attaches the tariff descriptions (the `landed-text.bin` file next to the module), checked
/// against the snapshot's hash. Needed by `search` and for descriptions in `rate`.
#[wasm_bindgen(js_name = loadDescriptions)]
pub fn load_descriptions(bytes: Vec<u8>) -> Result<(), JsValue> {
    engine().attach_descriptions(bytes).map_err(js_error)
}

/// Supported destinations and their coverage on a date (default today).
#[wasm_bindgen(js_name = countries, unchecked_return_type = "CountriesResponse")]
pub fn countries(date_text: Option<String>) -> Result<JsValue, JsValue> {
    let d = date(date_text)?;
    to_js(&engine().countries(d))
}

fn request_from(value: JsValue) -> Result<QuoteRequest, JsValue> {
    let req: QuoteRequest = serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value))
        .map_err(|e| js_error(crate::request::decode_error(e.path().to_string(), e.inner().to_string())))?;
    req.validate().map_err(js_error)?;
    Ok(req)
}

fn decimal(text: &str, field: &str) -> Result<rust_decimal::Decimal, JsValue> {
    crate::money::parse_decimal(text, field).map_err(js_error)
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, field: &str) -> Result<T, JsValue> {
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value)).map_err(|e| {
        let path = e.path().to_string();
        js_error(crate::request::decode_error(
            if path == "." { field.to_string() } else { format!("{field}.{path}") },
            e.inner().to_string(),
        ))
    })
}

/// The net price(s) for an all-in target (one line: that line's price; a cart: every price
/// scaled by one factor); `charm` is "none", "99", "95" or
/// "whole"; `policy` "clamp_below", "absorb" or "report".
#[wasm_bindgen(js_name = reverse, unchecked_return_type = "ReverseResult")]
pub fn reverse(
    #[wasm_bindgen(unchecked_param_type = "QuoteRequest")] request: JsValue,
    target: &str,
    charm: Option<String>,
    policy: Option<String>,
) -> Result<JsValue, JsValue> {
    let req = request_from(request)?;
    let charm = from_js(JsValue::from(charm.unwrap_or_else(|| "none".into())), "charm")?;
    let policy = from_js(JsValue::from(policy.unwrap_or_else(|| "clamp_below".into())), "policy")?;
    let target = decimal(target, "target")?;
    if req.lines.len() > 1 {
        return to_js(&crate::reverse::reverse_cart(&engine(), &req, target, charm, policy).map_err(js_error)?);
    }
    to_js(&crate::reverse::reverse(&engine(), &req, target, charm, policy).map_err(js_error)?)
}

/// Prices every combination of the axes over the base request, cheapest first.
#[wasm_bindgen(js_name = sweep, unchecked_return_type = "SweepResult")]
pub fn sweep(
    #[wasm_bindgen(unchecked_param_type = "QuoteRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SweepAxes")] axes: JsValue,
) -> Result<JsValue, JsValue> {
    let req = request_from(request)?;
    let axes: crate::sweep::SweepAxes = from_js(axes, "axes")?;
    to_js(&crate::sweep::sweep(&engine(), &req, &axes).map_err(js_error)?)
}

fn two_dates(before: &str, after: &str) -> Result<(crate::date::Date, crate::date::Date), JsValue> {
    Ok((crate::date::Date::parse(before).map_err(js_error)?, crate::date::Date::parse(after).map_err(js_error)?))
}

/// The same cart on two dates and every levy that changed.
#[wasm_bindgen(js_name = compareDates, unchecked_return_type = "Comparison")]
pub fn compare_dates(
    #[wasm_bindgen(unchecked_param_type = "QuoteRequest")] request: JsValue,
    before: &str,
    after: &str,
) -> Result<JsValue, JsValue> {
    let req = request_from(request)?;
    let (a, b) = two_dates(before, after)?;
    to_js(&crate::diff::compare_dates(&engine(), &req, a, b).map_err(js_error)?)
}

/// The lines of a request (as SKUs) whose duty changes between two dates.
#[wasm_bindgen(js_name = catalogueDiff, unchecked_return_type = "SkuChange[]")]
pub fn catalogue_diff(
    #[wasm_bindgen(unchecked_param_type = "QuoteRequest")] request: JsValue,
    before: &str,
    after: &str,
) -> Result<JsValue, JsValue> {
    let req = request_from(request)?;
    let (a, b) = two_dates(before, after)?;
    to_js(&crate::diff::catalogue_diff(&engine(), &req, a, b).map_err(js_error)?)
}

/// Compares what a carrier billed with the recomputed quote.
#[wasm_bindgen(js_name = invoiceCheck, unchecked_return_type = "InvoiceCheck")]
pub fn invoice_check(
    #[wasm_bindgen(unchecked_param_type = "QuoteRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Billed")] billed: JsValue,
) -> Result<JsValue, JsValue> {
    let req = request_from(request)?;
    let billed: crate::invoice::Billed = from_js(billed, "billed")?;
    to_js(&crate::invoice::check(&engine(), &req, &billed).map_err(js_error)?)
}
