//! The carts the benches price: shared by `engine` (criterion) and `callgrind` (instruction counts).

use landed::request::{CheckedRequest, QuoteRequest};

/// A GB cart of `lines` lines (clothing, wine, watches, jam, shoes, computers in turn). Each
/// line carries the inputs its goods need: a weight on every line, the volume and strength on the
/// wine only (until session 16 every line carried them; since the engine warns of inputs no levy
/// reads, W_INPUT_UNUSED, such a cart measured two warnings a line that a real cart never has:
/// BENCHMARKS.md, "Session 16's end").
pub fn request(lines: usize) -> QuoteRequest {
    let codes = ["6109100010", "2204210900", "9102110000", "2007993300", "6404110000", "8471300000"];
    let lines: Vec<String> = (0..lines)
        .map(|i| {
            let code = codes[i % codes.len()];
            let wine = if code.starts_with("2204") { r#","volume_l":"1.5","alcohol_pct":"12""# } else { "" };
            format!(
                r#"{{"id":"l{i}","code":"{code}","quantity":"2","unit_price":"{}.50","weight_kg":"1.2"{wine}}}"#,
                10 + i
            )
        })
        .collect();
    let json = format!(
        r#"{{"destination":"GB","date":"2026-03-02","currency":"GBP","shipping":"12.00","insurance":"1.00","lines":[{}]}}"#,
        lines.join(",")
    );
    landed::request::from_json(&json).expect("bench request")
}

/// [`request`], checked once as a decoded request is (`landed::request::checked_from_json`, what
/// the CLI, the browser module and the JSON API quote): the engine prices it without checking it
/// again (`Engine::quote_checked`).
pub fn checked(lines: usize) -> CheckedRequest {
    CheckedRequest::new(request(lines)).expect("bench request")
}
