//! Any bytes as a JSON request: decoded to a typed error or a quote, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

static ENGINE: std::sync::LazyLock<landed::Engine> = std::sync::LazyLock::new(landed::Engine::embedded);

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(req) = landed::request::from_json(text) {
            if let Ok(q) = ENGINE.quote(&req) {
                assert_eq!(q.lines.len(), req.lines.len());
            }
        }
    }
});
