//! Any text as a tariff code, then a lookup in every table: typed errors only.
#![no_main]
use libfuzzer_sys::fuzz_target;

static ENGINE: std::sync::LazyLock<landed::Engine> = std::sync::LazyLock::new(landed::Engine::embedded);

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(code) = landed::hs::HsCode::parse(text) {
            assert!(code.digits().bytes().all(|b| b.is_ascii_digit()));
            let snapshot = ENGINE.snapshot();
            let date = landed::date::Date::parse("2026-03-02").unwrap();
            for dest in ["US", "GB", "DE"] {
                let _ = snapshot.lookup(dest, &code, date);
            }
        }
    }
});
