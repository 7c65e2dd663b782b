//! Helpers shared by the integration tests: one engine per test binary, requests and quotes
//! from JSON, decimals, the official source files, and running the `landed` command. A module of
//! each test binary (`tests/golden`, `tests/engine`, `tests/cli`: `#[path = "../common/mod.rs"]`),
//! each of which uses some of them.
#![allow(dead_code)]

use landed::quote::{LevyKind, LineQuote};
use landed::{Engine, Quote, QuoteRequest};
use rust_decimal::Decimal;
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The embedded engine, made once for the whole test binary.
pub fn engine() -> Engine {
    static ENGINE: std::sync::LazyLock<Engine> = std::sync::LazyLock::new(Engine::embedded);
    *ENGINE
}

/// A request from JSON.
pub fn request(v: Value) -> QuoteRequest {
    landed::request::decode(&v.to_string()).expect("request")
}

/// The quote of a JSON request. Its JSON as the browser bindings write it (`landed::json_write`)
/// must be serde_json's, byte for byte: every quote of the integration tests checks it.
pub fn quote(v: Value) -> Quote {
    let q = engine().quote(&request(v)).expect("quote");
    let serde = serde_json::to_string(&q).expect("a quote serializes");
    assert_eq!(landed::json_write::to_json(&q), serde, "the bindings' JSON writer differs from serde_json");
    q
}

/// A decimal written exactly.
pub fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// The sum of a line's priced levies of one kind.
pub fn levy(line: &LineQuote, kind: LevyKind) -> Decimal {
    line.levies.iter().filter(|l| l.kind == kind).map(|l| l.amount.expect("priced levy")).sum()
}

/// The formula of a levy of `kind` that is listed but not priced (its figure stays in it).
pub fn unpriced(line: &LineQuote, kind: LevyKind) -> String {
    let l = line.levies.iter().find(|l| l.kind == kind).expect("levy listed");
    assert_eq!((l.amount, l.partial_amount), (None, None), "{} is not priced", l.name);
    l.formula.to_string()
}

/// True when the quote carries a warning with `code`.
pub fn warned(q: &Quote, code: &str) -> bool {
    q.warnings.iter().any(|w| w.code == code)
}

/// The official source files (`../shared/tariff-sources`), when the shared folder is present.
pub fn sources() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/tariff-sources");
    p.is_dir().then_some(p)
}

/// Runs `landed` with `args`, writing `stdin` (if any) to its standard input.
pub fn landed(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_landed"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run landed");
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

/// The standard output of a successful run, as text.
pub fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// The standard output of a successful run, as JSON.
pub fn json(out: &Output) -> Value {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

/// Asserts a failure with a stable error code on stderr, and no panic; returns stderr.
pub fn fails_with(out: &Output, code: &str) -> String {
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert!(err.contains(code), "expected {code} in {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// Whether the threshold `id` applied in the quote (it must have been considered).
pub fn applies(q: &landed::quote::Quote, id: &str) -> bool {
    q.thresholds
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("{id} not considered: {:?}", q.thresholds))
        .applies
}
