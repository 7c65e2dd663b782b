//! Any bytes as a JSON request: decoded (by `request::from_json`, the crate's own reader) to a
//! typed error or a quote, never a panic; a request that decodes is written back by serde_json and
//! must read back equal.
#![no_main]
use libfuzzer_sys::fuzz_target;

static ENGINE: std::sync::LazyLock<landed::Engine> = std::sync::LazyLock::new(landed::Engine::embedded);

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(req) = landed::request::from_json(text) {
            let written = serde_json::to_string(&req).expect("a request serializes");
            assert_eq!(landed::request::from_json(&written).expect("written request decodes"), req);
            if let Ok(q) = ENGINE.quote(&req) {
                assert_eq!(q.lines.len(), req.lines.len());
            }
        }
    }
});
