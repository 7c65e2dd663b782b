//! The engine's memos change no answer (speed-k, BENCHMARKS.md: the tariff line of a code kept
//! per engine by tariff, code and day, `quote::TariffMemo`; a code's VAT class row kept with the
//! day's rules, `DayRules::class_of`). Each request, quoted by an engine that has already quoted
//! every request of the set (its look-ups remembered, and slots shared between keys), gives the
//! same JSON, byte for byte, as quoted by a fresh engine that remembers nothing; an error is the
//! same error. No law is cited: the figures are the other tests'; this one holds that they do not
//! depend on what an engine quoted before.

use landed::Engine;

/// Destinations with a tariff of their own, one applying another's (XI, EU members), and ones
/// without a tariff (the code checked in the HS only).
const DESTINATIONS: [&str; 16] =
    ["GB", "XI", "DE", "FR", "IE", "US", "CA", "AU", "NZ", "JP", "CH", "NO", "SG", "ZA", "BR", "KR"];

/// Full national codes, partial codes (several tariff lines), HS 2022 six-digit codes (through the
/// correlation on HS 2017 tables), a code with a VAT class row (food, books, a child's garment),
/// excise goods (wine, spirits) and a code that is in no nomenclature.
const CODES: [&str; 16] = [
    "6109100010",
    "2204210900",
    "9102110000",
    "2007993300",
    "6404110000",
    "8471300000",
    "6109",
    "8517",
    "850760",
    "4901990000",
    "6111200000",
    "2208300000",
    "0401",
    "610910",
    "8703800000",
    "7700000000",
];

const DATES: [&str; 3] = ["2026-03-02", "2024-06-15", "2021-03-02"];

/// The requests: every destination on every date, three lines each with codes taken in turn.
fn requests() -> Vec<String> {
    let mut out = Vec::new();
    let mut k = 0usize;
    for (d, dest) in DESTINATIONS.iter().enumerate() {
        for (t, date) in DATES.iter().enumerate() {
            let lines: Vec<String> = (0..3)
                .map(|i| {
                    let code = CODES[(k + i * 5) % CODES.len()];
                    let wine = if code.starts_with("22") { r#","volume_l":"0.75","alcohol_pct":"13""# } else { "" };
                    format!(
                        r#"{{"id":"l{i}","code":"{code}","quantity":"{}","unit_price":"{}.50","weight_kg":"1.2","origin":"CN"{wine}}}"#,
                        1 + i,
                        10 + 37 * ((d + t + i) % 5)
                    )
                })
                .collect();
            k += 1;
            out.push(format!(
                r#"{{"destination":"{dest}","date":"{date}","currency":"EUR","shipping":"12.00","insurance":"1.00","lines":[{}]}}"#,
                lines.join(",")
            ));
        }
    }
    out
}

fn answer(engine: &Engine, json: &str) -> String {
    match landed::request::from_json(json).and_then(|r| engine.quote(&r)) {
        Ok(q) => serde_json::to_string(&q).expect("a quote serializes"),
        Err(e) => format!("error {:?} {:?} {}", e.code, e.field, e.message),
    }
}

#[test]
fn a_warm_engine_answers_as_a_fresh_one() {
    let requests = requests();
    let warm = Engine::embedded();
    for json in &requests {
        answer(&warm, json);
    }
    let mut quoted = 0;
    for json in &requests {
        let fresh = answer(&Engine::embedded(), json);
        assert_eq!(answer(&warm, json), fresh, "{json}");
        quoted += usize::from(!fresh.starts_with("error"));
    }
    // Most of them are priced (not all refused for one reason).
    assert!(quoted * 2 > requests.len(), "{quoted} of {} quoted", requests.len());
}
