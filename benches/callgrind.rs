//! A fixed number of quotes, for instruction counts under valgrind's callgrind (repeatable on a
//! noisy machine, unlike wall time). Run by `scripts/callgrind.sh`, which subtracts a run of
//! zero quotes from a run of `QUOTES` quotes to count the instructions of one quote.
//!
//! Arguments: `LINES QUOTES [each]` (cart lines, number of quotes after one warm-up quote; the
//! cart is checked once, as a decoded request is, and priced by `Engine::quote_checked`; with
//! `each`, a `QuoteRequest` priced by `Engine::quote`, which checks it every time).

use std::hint::black_box;

mod common;

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with('-'));
    let lines: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let quotes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    let each = args.next().is_some_and(|a| a == "each");
    let engine = landed::Engine::embedded();
    if each {
        let request = common::request(lines);
        // The warm-up quote decodes the tables it needs, so every run pays the same start-up.
        engine.quote(&request).expect("warm-up quote");
        for _ in 0..quotes {
            black_box(engine.quote(black_box(&request)).expect("quote"));
        }
        return;
    }
    let request = common::checked(lines);
    engine.quote_checked(&request).expect("warm-up quote");
    for _ in 0..quotes {
        black_box(engine.quote_checked(black_box(&request)).expect("quote"));
    }
}
