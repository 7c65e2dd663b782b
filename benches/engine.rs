//! Native speed of the engine: tariff lookup, duty evaluation, and whole quotes.
//! Run with `cargo bench --bench engine`; results are recorded in BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion};
use landed::date::Date;
use landed::duty::{DutyExpr, DutyInput};
use landed::hs::HsCode;
use landed::money::Currency;
use landed::units::Quantities;
use rust_decimal::Decimal;
use std::hint::black_box;

mod common;
use common::{checked, request};

fn benches(c: &mut Criterion) {
    let engine = landed::Engine::embedded();
    let snapshot = engine.snapshot();
    let date = Date::parse("2026-03-02").unwrap();
    let code = HsCode::parse("6109100010").unwrap();
    c.bench_function("lookup GB 10-digit code (prefix match)", |b| {
        b.iter(|| snapshot.lookup(black_box("GB"), black_box(&code), date).unwrap())
    });
    let us = HsCode::parse("64041120").unwrap();
    c.bench_function("lookup US exact HTS8", |b| {
        b.iter(|| snapshot.lookup(black_box("US"), black_box(&us), date).unwrap())
    });

    let expr = DutyExpr::parse("8.3% + 44.2 EUR / 100 kg");
    let mut q = Quantities::new();
    q.add_text("250kg", "qty").unwrap();
    let input = DutyInput::value_only(Decimal::new(100000, 2), Currency::EUR, &q);
    c.bench_function("evaluate compound duty", |b| b.iter(|| black_box(&expr).evaluate(black_box(&input))));
    c.bench_function("parse compound duty text", |b| b.iter(|| DutyExpr::parse(black_box("8.3% + 44.2 EUR / 100 kg"))));

    // The measure, comparable with every earlier figure: a `QuoteRequest` built in code,
    // checked and priced by each quote.
    let one = request(1);
    c.bench_function("quote 1 line", |b| b.iter(|| engine.quote(black_box(&one)).unwrap()));
    let ten = request(10);
    c.bench_function("quote 10 lines", |b| b.iter(|| engine.quote(black_box(&ten)).unwrap()));
    // A request checked once at decode (the CLI, the browser module: since speed-l), priced only.
    let one = checked(1);
    c.bench_function("quote 1 line, checked once at decode", |b| {
        b.iter(|| engine.quote_checked(black_box(&one)).unwrap())
    });
    let ten = checked(10);
    c.bench_function("quote 10 lines, checked once at decode", |b| {
        b.iter(|| engine.quote_checked(black_box(&ten)).unwrap())
    });
}

criterion_group! {
    name = engine;
    config = Criterion::default().sample_size(50).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = benches
}
criterion_main!(engine);
