//! Where the first quote's time goes: `cargo run --release --example startup`.
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let core = landed::snapshot::Snapshot::decode(landed::snapshot::embedded_bytes()).unwrap();
    println!("decode core (with hash check): {:?}", t.elapsed());
    let t = Instant::now();
    let engine = landed::Engine::embedded();
    println!("embedded engine (core + text, rules, FX): {:?}", t.elapsed());
    let t = Instant::now();
    let req = landed::request::from_json(r#"{"destination":"DE","date":"2026-03-02","currency":"USD","origin":"CN","lines":[{"id":"a","code":"6109100010","quantity":"1","unit_price":"20"}]}"#).unwrap();
    let _ = engine.quote(&req).unwrap();
    println!("first quote: {:?}", t.elapsed());
    drop(core);
}
