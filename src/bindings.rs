//! The engine for JavaScript: `quote`, `rate`, `search`, `snapshotInfo`, `countries`, `destinations`, with the
//! same JSON shapes as the CLI. Requests and answers cross the boundary as JSON text (the JS
//! wrapper, `www/widget/engine.js`, does `JSON.stringify` / `JSON.parse`): requests are read by
//! the crate's own decoder ([`crate::request::from_json`], no serde deserializer in the pricing
//! module), answers written by the crate's own writer ([`crate::json_write`], byte-identical to
//! serde_json's text; the what-if tools still write theirs with serde_json). Errors reach JS as `Error`
//! objects carrying a stable `code` and the `field` at fault. A panic (a bug) is reported through
//! the same path by the JS wrapper, which re-instantiates the module: it never takes the host
//! page down.
//!
//! Every argument is taken as a `JsValue` and checked here ([`text`], [`bytes`]): wasm-bindgen's
//! glue for a `&str` or `Vec<u8>` parameter copies whatever it is given as if it were one, and a
//! number (no `length`) makes it allocate nothing and write past it: the module traps with
//! "memory access out of bounds" (audit-s S11). A wrong type is `E_INVALID_FIELD` naming the
//! argument, and the instance stays in service.
//!
//! The what-if tools (`reverse`, `sweep`, `compareDates`, `catalogueDiff`, `invoiceCheck`) and
//! `search` are bound only with the `whatif` feature: the page that prices a product loads the smaller module
//! without them, the what-if pages the full one (`landed_whatif_bg.wasm`).

use crate::error::{Error, ErrorCode};
use crate::json_write::{to_json, WriteJson};
use crate::Engine;
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
/** Something the reader of a quote should know: a stable code (`W_…`) and its message. */
export interface Warning { code: string; message: string; }
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
pub fn load_snapshot(#[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue) -> Result<String, JsValue> {
    let loaded = Engine::from_bytes(self::bytes(&bytes, "bytes")?).map_err(js_error)?;
    ENGINE.with(|e| e.set(Some(loaded)));
    Ok(loaded.snapshot_id())
}

/// Every part a quote to `destination` may need and is not attached (`[{name, file, bytes}]`):
/// the module carries rules, VAT and monthly FX; each chapter part of the destination's tariff
/// (`GB:55-69`), its data files and each year of daily ECB rates is a content-addressed file.
/// The destination is read as a request's (any case, spaces around it); one the engine does not
/// know is `E_UNSUPPORTED_DESTINATION`, never every part of the nomenclature (audit-s S11).
#[wasm_bindgen(js_name = missingParts)]
pub fn missing_parts(#[wasm_bindgen(unchecked_param_type = "string")] destination: JsValue) -> Result<String, JsValue> {
    let destination = text(&destination, "destination")?.trim().to_ascii_uppercase();
    let engine = engine();
    engine.check_parts_destination(&destination).map_err(js_error)?;
    to_js(&engine.missing_parts(&destination))
}

/// The parts one request (JSON) still needs: only the chapter parts of its codes (and of the
/// chapters an HS 2022 code correlates into, once the correlation is attached), the
/// destination's data files and the ECB years its conversions read. Ask again after attaching
/// until it names nothing. A request that does not decode is its typed error (`E_JSON`, …), as
/// `quote` gives it: `[]` said "nothing missing" of text that is no request (audit-s S11).
#[wasm_bindgen(js_name = missingPartsFor)]
pub fn missing_parts_for(#[wasm_bindgen(unchecked_param_type = "string")] request: JsValue) -> Result<String, JsValue> {
    let req = crate::request::from_json(&text(&request, "request")?).map_err(js_error)?;
    to_js(&engine().missing_parts_for(&req))
}

/// Attaches a fetched part (`landed-part-….bin`) after checking that its hash is one the
/// snapshot names. Returns the part's name.
#[wasm_bindgen(js_name = attachPart)]
pub fn attach_part(#[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue) -> Result<String, JsValue> {
    engine().attach_part(self::bytes(&bytes, "bytes")?).map(str::to_string).map_err(js_error)
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

/// A text argument (JSON, a country, a code, a date): a JS string, else `E_INVALID_FIELD` naming
/// the argument.
fn text(value: &JsValue, name: &str) -> Result<String, JsValue> {
    let text = value.as_string().ok_or_else(|| wrong_type(value, name, "a string"))?;
    // The glue encodes the JS string as UTF-8 with a lone surrogate (half of a UTF-16 pair, which
    // no Unicode text holds) replaced by U+FFFD in silence (audit-s S11: a line id "\ud800" was
    // priced and echoed as another id). Only a text holding U+FFFD can have had one.
    if text.contains('\u{FFFD}') {
        if let Some((at, unit)) = value.dyn_ref::<js_sys::JsString>().and_then(lone_surrogate) {
            return Err(js_error(Error::new(
                ErrorCode::Json,
                name,
                format!("{name} holds a lone surrogate (U+{unit:04X}) at UTF-16 position {at}: half of a character, not text"),
            )));
        }
    }
    Ok(text)
}

/// The first lone surrogate of a JS string: its UTF-16 position and code unit.
fn lone_surrogate(s: &js_sys::JsString) -> Option<(usize, u16)> {
    let mut at = 0;
    for c in char::decode_utf16(s.iter()) {
        match c {
            Ok(c) => at += c.len_utf16(),
            Err(e) => return Some((at, e.unpaired_surrogate())),
        }
    }
    None
}

/// An optional text argument: `undefined` or `null` is none.
fn optional_text(value: &JsValue, name: &str) -> Result<Option<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    text(value, name).map(Some)
}

/// A binary argument (a snapshot, a part, the descriptions): a `Uint8Array`.
fn bytes(value: &JsValue, name: &str) -> Result<Vec<u8>, JsValue> {
    value
        .dyn_ref::<js_sys::Uint8Array>()
        .map(js_sys::Uint8Array::to_vec)
        .ok_or_else(|| wrong_type(value, name, "a Uint8Array"))
}

fn wrong_type(value: &JsValue, name: &str, expected: &str) -> JsValue {
    let got = if value.is_null() { "null".to_string() } else { value.js_typeof().as_string().unwrap_or_default() };
    js_error(Error::new(ErrorCode::InvalidField, name, format!("{name}: expected {expected}, got {got}")))
}

fn js_error(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    let _ = js_sys::Reflect::set(&err, &"code".into(), &e.code.as_str().into());
    let _ =
        js_sys::Reflect::set(&err, &"field".into(), &e.into_fields().field.map(JsValue::from).unwrap_or(JsValue::NULL));
    err.into()
}

/// An answer as JSON text (parsed by the JS wrapper), written without serde: the pricing module
/// links no serializer.
fn to_js(value: &dyn WriteJson) -> Result<String, JsValue> {
    Ok(to_json(value))
}

fn date(value: &JsValue) -> Result<crate::date::Date, JsValue> {
    match optional_text(value, "date")? {
        Some(t) => crate::date::Date::parse(&t).map_err(js_error),
        None => {
            let now = js_sys::Date::new_0();
            crate::date::Date::new(now.get_utc_full_year() as i32, now.get_utc_month() + 1, now.get_utc_date())
                .map_err(js_error)
        }
    }
}

/// Prices a request (JSON text) and returns the quote (JSON text).
#[wasm_bindgen(js_name = quote)]
pub fn quote(#[wasm_bindgen(unchecked_param_type = "string")] request: JsValue) -> Result<String, JsValue> {
    let req = crate::request::checked_from_json(&text(&request, "request")?).map_err(js_error)?;
    to_js(&engine().quote_checked(&req).map_err(js_error)?)
}

/// Looks up a code: `rate("DE", "22042109", "2026-03-01")` (date defaults to today); returns a
/// `RateResponse` as JSON. In the full module only (`--features whatif`), as search: a look-up
/// reads the descriptions no quote needs, and the pricing module is 10.5 KB raw, 5.0 KB gzip
/// smaller without it and `loadDescriptions` (BENCHMARKS.md, size-i).
#[cfg(feature = "whatif")]
#[wasm_bindgen(js_name = rate)]
pub fn rate(
    #[wasm_bindgen(unchecked_param_type = "string")] destination: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] date_text: JsValue,
) -> Result<String, JsValue> {
    let (destination, code) = (text(&destination, "destination")?, text(&code, "code")?);
    let d = date(&date_text)?;
    to_js(&engine().rate(&destination, &code, d).map_err(js_error)?)
}

/// The page's snapshot: id, size, tables, sources, and its datasets with their age today
/// (`SnapshotInfo` as JSON).
#[wasm_bindgen(js_name = snapshotInfo)]
pub fn snapshot_info() -> Result<String, JsValue> {
    to_js(&engine().snapshot_info(date(&JsValue::UNDEFINED)?))
}

/// Attaches the tariff descriptions (the `landed-text.bin` file next to the module), checked
/// against the snapshot's hash. Needed by `search` and for descriptions in `rate`, so in the full
/// module only.
#[cfg(feature = "whatif")]
#[wasm_bindgen(js_name = loadDescriptions)]
pub fn load_descriptions(#[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue) -> Result<(), JsValue> {
    engine().attach_descriptions(self::bytes(&bytes, "bytes")?).map_err(js_error)
}

/// Supported destinations and their coverage on a date, default today (`CountriesResponse` as
/// JSON). In the full module only (`--features whatif`): no product page lists every
/// destination's coverage (a picker asks `destinations`), and the pricing module is 8.7 KB raw,
/// 3.5 KB gzip smaller without it (`Rules::coverage` and its answer's writer; BENCHMARKS.md,
/// size-i).
#[cfg(feature = "whatif")]
#[wasm_bindgen(js_name = countries)]
pub fn countries(
    #[wasm_bindgen(unchecked_optional_param_type = "string")] date_text: JsValue,
) -> Result<String, JsValue> {
    let d = date(&date_text)?;
    // Every destination's rule rows: their parts first (`missingParts("*")`).
    engine().require_rules("*").map_err(js_error)?;
    to_js(&engine().countries(d))
}

/// A destination as a picker lists it.
struct Destination(&'static str, &'static str);

impl WriteJson for Destination {
    fn write_json(&self, w: &mut crate::json_write::JsonWriter) {
        w.begin_object();
        w.field("country", &self.0);
        w.field("name", &self.1);
        w.end_object();
    }
}

/// The destinations supported on a date (today when not given), `[{country, name}]`, in the
/// order and with the names `countries` gives them (`rules/jurisdictions.tsv` rows in force):
/// what a destination picker needs, without `countries`' rule rows of every destination, which
/// the browser core leaves in destination parts (`missingParts("*")`).
#[wasm_bindgen(js_name = destinations)]
pub fn destinations(
    #[wasm_bindgen(unchecked_optional_param_type = "string")] date_text: JsValue,
) -> Result<String, JsValue> {
    let d = date(&date_text)?;
    let rules = engine().rules();
    let in_force = rules.jurisdictions.iter().filter(|j| crate::rules::in_force(j.valid_from, j.valid_to, d));
    to_js(&in_force.map(|j| Destination(j.country, j.name)).collect::<Vec<_>>())
}

#[cfg(feature = "whatif")]
mod whatif {
    //! The what-if tools and search, in the full module only (`--features whatif`).

    use super::{engine, js_error, optional_text, text, wrong_type};
    use crate::error::{Error, ErrorCode};
    use serde::Serialize;
    use wasm_bindgen::prelude::*;

    /// A what-if answer as JSON text, written by serde_json (these types have no
    /// [`crate::json_write::WriteJson`]).
    fn to_js<T: Serialize>(value: &T) -> Result<String, JsValue> {
        serde_json::to_string(value).map_err(|e| js_error(Error::new(ErrorCode::Json, "", e.to_string())))
    }

    fn request(value: &JsValue) -> Result<crate::request::QuoteRequest, JsValue> {
        crate::request::from_json(&text(value, "request")?).map_err(js_error)
    }

    fn decimal(text: &str, field: &str) -> Result<rust_decimal::Decimal, JsValue> {
        crate::money::parse_decimal(text, field).map_err(js_error)
    }

    /// A JSON value of the request's types (`axes`, `billed`), errors naming `field`.
    fn from_json<T: serde::de::DeserializeOwned>(text: &str, field: &str) -> Result<T, JsValue> {
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            js_error(crate::request::decode_error(
                if path == "." { field.to_string() } else { format!("{field}.{path}") },
                e.inner().to_string(),
            ))
        })
    }

    /// A keyword argument (`charm`, `policy`) as the enum it names.
    fn keyword<T: serde::de::DeserializeOwned>(word: &str, field: &str) -> Result<T, JsValue> {
        let quoted = serde_json::to_string(word)
            .map_err(|e| js_error(Error::new(crate::ErrorCode::Json, field, e.to_string())))?;
        from_json(&quoted, field)
    }

    /// Suggests codes for a description in a destination's tariff (`SearchResponse` as JSON):
    /// in the full module, as the search index and its scoring are not needed to price.
    #[wasm_bindgen(js_name = search)]
    pub fn search(
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] destination: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] limit: JsValue,
    ) -> Result<String, JsValue> {
        let (query, destination) = (text(&query, "text")?, text(&destination, "destination")?);
        // A whole number of at least 1: the glue would read "abc" as 0 and -1 as 4294967295.
        let limit = match limit.as_f64() {
            _ if limit.is_undefined() || limit.is_null() => 10,
            Some(n) if n >= 1.0 && n.fract() == 0.0 && n <= u32::MAX as f64 => n as usize,
            _ => return Err(wrong_type(&limit, "limit", "a whole number of at least 1")),
        };
        to_js(&engine().search(&query, &destination, limit).map_err(js_error)?)
    }

    /// The net price(s) for an all-in target (one line: that line's price; a cart: every price
    /// scaled by one factor); `charm` is "none", "99", "95" or "whole"; `policy` "clamp_below",
    /// "absorb" or "report". Returns a `ReverseResult` (or `CartReverseResult`) as JSON.
    #[wasm_bindgen(js_name = reverse)]
    pub fn reverse(
        #[wasm_bindgen(unchecked_param_type = "string")] request_json: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] target: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] charm: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] policy: JsValue,
    ) -> Result<String, JsValue> {
        let req = request(&request_json)?;
        let charm = keyword(optional_text(&charm, "charm")?.as_deref().unwrap_or("none"), "charm")?;
        let policy = keyword(optional_text(&policy, "policy")?.as_deref().unwrap_or("clamp_below"), "policy")?;
        let target = decimal(&text(&target, "target")?, "target")?;
        if req.lines.len() > 1 {
            return to_js(&crate::reverse::reverse_cart(&engine(), &req, target, charm, policy).map_err(js_error)?);
        }
        to_js(&crate::reverse::reverse(&engine(), &req, target, charm, policy).map_err(js_error)?)
    }

    /// Prices every combination of the axes (`SweepAxes` as JSON) over the base request, cheapest
    /// first; returns a `SweepResult` as JSON.
    #[wasm_bindgen(js_name = sweep)]
    pub fn sweep(
        #[wasm_bindgen(unchecked_param_type = "string")] request_json: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] axes: JsValue,
    ) -> Result<String, JsValue> {
        let req = request(&request_json)?;
        let axes: crate::sweep::SweepAxes = from_json(&text(&axes, "axes")?, "axes")?;
        to_js(&crate::sweep::sweep(&engine(), &req, &axes).map_err(js_error)?)
    }

    fn two_dates(before: &JsValue, after: &JsValue) -> Result<(crate::date::Date, crate::date::Date), JsValue> {
        let (before, after) = (text(before, "before")?, text(after, "after")?);
        Ok((crate::date::Date::parse(&before).map_err(js_error)?, crate::date::Date::parse(&after).map_err(js_error)?))
    }

    /// The same cart on two dates and every levy that changed (`Comparison` as JSON).
    #[wasm_bindgen(js_name = compareDates)]
    pub fn compare_dates(
        #[wasm_bindgen(unchecked_param_type = "string")] request_json: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] before: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] after: JsValue,
    ) -> Result<String, JsValue> {
        let req = request(&request_json)?;
        let (a, b) = two_dates(&before, &after)?;
        to_js(&crate::diff::compare_dates(&engine(), &req, a, b).map_err(js_error)?)
    }

    /// The lines of a request (as SKUs) whose duty changes between two dates (`SkuChange[]` as
    /// JSON).
    #[wasm_bindgen(js_name = catalogueDiff)]
    pub fn catalogue_diff(
        #[wasm_bindgen(unchecked_param_type = "string")] request_json: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] before: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] after: JsValue,
    ) -> Result<String, JsValue> {
        let req = request(&request_json)?;
        let (a, b) = two_dates(&before, &after)?;
        to_js(&crate::diff::catalogue_diff(&engine(), &req, a, b).map_err(js_error)?)
    }

    /// Compares what a carrier billed (`Billed` as JSON) with the recomputed quote
    /// (`InvoiceCheck` as JSON).
    #[wasm_bindgen(js_name = invoiceCheck)]
    pub fn invoice_check(
        #[wasm_bindgen(unchecked_param_type = "string")] request_json: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] billed: JsValue,
    ) -> Result<String, JsValue> {
        let req = request(&request_json)?;
        let billed = crate::invoice::Billed::from_json(&text(&billed, "billed")?).map_err(js_error)?;
        to_js(&crate::invoice::check(&engine(), &req, &billed).map_err(js_error)?)
    }
}
