//! The currency conversions a quote makes at its destination's customs rate, known before it is
//! priced, so that `Engine::missing_parts_for` can name the rates they read.
//!
//! They mirror every `Ctx::rate` call of `src/quote/`: the prices (and a line's metal content)
//! to the customs currency; the consignment to each threshold's currency and a flat duty back;
//! the customs value to each fee's currency; the consignment to a simplified regime's band
//! currency and its deduction back; and every currency a line's duty texts name (the caller's
//! `duty_rate`, else the tariff rows in force and the claimed programme's rate, and its
//! `extra_duties`) to the customs currency.

use crate::duty::DutyExpr;
use crate::fx::FxTable;
use crate::hs::HsCode;
use crate::money::Currency;
use crate::request::{LineRequest, QuoteRequest};
use crate::rules::{Jurisdiction, Rules};
use crate::snapshot::Snapshot;

/// A conversion: one unit of the first currency in the second.
pub(crate) type Pair = (Currency, Currency);

/// The pairs a quote of `req` to `j`'s destination converts at the customs rate (`fx_method`),
/// each once: none converts a currency to itself, and none is one the request's `fx` gives.
/// A line whose tariff chapter is not attached yet names only its caller texts' currencies (the
/// page asks again once the chapter is here).
pub(crate) fn customs_pairs(
    rules: &Rules,
    snapshot: &'static Snapshot<'static>,
    req: &QuoteRequest,
    j: &Jurisdiction,
) -> Vec<Pair> {
    let customs = j.currency;
    let mut pairs = vec![(req.currency, customs)];
    pairs.extend(threshold_pairs(rules, req, j));
    pairs.extend(rules.fees(j.country, req.date).iter().map(|f| (customs, f.currency)));
    pairs.extend(band_pairs(rules, req, j));
    for line in &req.lines {
        pairs.extend(line_duty_currencies(rules, snapshot, req, j, line).into_iter().map(|c| (c, customs)));
    }
    let overrides = FxTable::from_request(&req.fx).unwrap_or_default();
    let mut out: Vec<Pair> = Vec::new();
    for (from, to) in pairs {
        if from != to && overrides.rate(from, to).is_none() && !out.contains(&(from, to)) {
            out.push((from, to));
        }
    }
    out
}

/// The consignment in each threshold's currency (`quote/thresholds.rs`: the comparison, and a
/// flat duty per tariff line back to the customs currency).
fn threshold_pairs(rules: &Rules, req: &QuoteRequest, j: &Jurisdiction) -> Vec<Pair> {
    let ship_from = req.ship_from.as_deref().map(str::to_ascii_uppercase);
    let thresholds = rules.thresholds(j.country, req.date, req.channel(), ship_from.as_deref());
    thresholds.flat_map(|t| [(j.currency, t.currency), (t.currency, j.currency)]).collect()
}

/// A simplified regime's bands (`quote/duty_source.rs`, `band_rate`): the consignment in the
/// request currency to the band currency, and the band's deduction back to the customs currency.
fn band_pairs(rules: &Rules, req: &QuoteRequest, j: &Jurisdiction) -> Vec<Pair> {
    let Some(regime) = req.simplified_regime else { return Vec::new() };
    let bands = rules.taxes.bands(j.country, regime, req.date);
    bands.first().map_or_else(Vec::new, |b| vec![(req.currency, b.currency), (b.currency, j.currency)])
}

/// The currencies of a line's specific duties: its `duty_rate` (which replaces the tariff's),
/// else the tariff rows in force for its code and the rate of the programme it claims; and its
/// `extra_duties`.
fn line_duty_currencies(
    rules: &Rules,
    snapshot: &'static Snapshot<'static>,
    req: &QuoteRequest,
    j: &Jurisdiction,
    line: &LineRequest,
) -> Vec<Currency> {
    let mut out = Vec::new();
    match (&line.duty_rate, j.tariff, HsCode::parse(&line.code)) {
        (Some(rate), _, _) => specific_currencies(&DutyExpr::parse_caller(rate, j.currency), &mut out),
        (None, Some(tariff), Ok(code)) => {
            // A chapter not attached yet is named by `missing_parts_for` itself.
            if let Ok(found) = snapshot.find(tariff, &code, req.date) {
                let claimed = line.claim_in(req).and_then(|(c, _)| rules.programme(j.country, c, req.date));
                for l in &found.lines {
                    specific_currencies(l.expression, &mut out);
                    let special = claimed.and_then(|p| crate::rules::programmes::special_rate(l.row.special, p.code));
                    if let Some(text) = special {
                        specific_currencies(&DutyExpr::parse(&text), &mut out);
                    }
                }
            }
        }
        _ => {}
    }
    for extra in &line.extra_duties {
        specific_currencies(&DutyExpr::parse_caller(&extra.rate, j.currency), &mut out);
    }
    out
}

/// Adds the currency of every specific rate in `expr` to `out`, each once (pairs from a
/// currency to itself are dropped by the caller).
fn specific_currencies(expr: &DutyExpr, out: &mut Vec<Currency>) {
    expr.specific_currencies(None, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency as C;

    /// The pairs of a request (JSON) on the embedded engine.
    fn pairs(json: &str) -> Vec<Pair> {
        let engine = crate::Engine::embedded();
        let req = crate::request::from_json(json).unwrap();
        let j = engine.rules().jurisdiction(&req.destination, req.date).unwrap();
        customs_pairs(engine.rules(), engine.snapshot(), &req, j)
    }

    fn cur(c: &str) -> C {
        C::parse(c).unwrap()
    }

    /// A request to `destination` in `currency` with one line of `code` and `extra` line fields.
    fn request(destination: &str, currency: &str, code: &str, extra: &str) -> String {
        format!(
            r#"{{"destination":"{destination}","currency":"{currency}","date":"2026-03-02","origin":"CN",
                "lines":[{{"id":"x","code":"{code}","quantity":"2","unit_price":"10.00","weight_kg":"3"{extra}}}]}}"#
        )
    }

    #[test]
    fn caller_duty_rate_in_a_third_currency_is_converted_at_the_customs_rate() {
        // A specific duty is an amount per quantity in its own currency, charged in the customs
        // currency (docs/rules.md#fx: the destination's customs rate, the caller's `fx` aside):
        // `1.20 EUR/kg` on a yen cart to Japan reads EUR/JPY.
        let p = pairs(&request("JP", "JPY", "610910", r#","duty_rate":"1.20 EUR/kg""#));
        assert_eq!(p, [(C::EUR, cur("JPY"))]);
    }

    #[test]
    fn extra_duty_in_a_third_currency_is_converted_at_the_customs_rate() {
        let extra = r#","extra_duties":[{"name":"anti-dumping","rate":"0.50 USD/kg + 5%"}]"#;
        let p = pairs(&request("JP", "JPY", "610910", extra));
        assert_eq!(p, [(C::USD, cur("JPY"))]);
    }

    #[test]
    fn tariff_specific_duty_in_euro_is_converted_to_a_non_euro_members_currency() {
        // EU CN 0102 29 10: 10.2 % + EUR 93.10 / 100 kg (eu.tsv); Sweden's customs currency is
        // SEK, so the euro amount is converted (Implementing Regulation (EU) 2015/2447 art. 146).
        // (The EU thresholds, in euro, convert SEK too: the line's own currencies are checked.)
        let engine = crate::Engine::embedded();
        let req = crate::request::from_json(&request("SE", "SEK", "01022910", "")).unwrap();
        let j = engine.rules().jurisdiction("SE", req.date).unwrap();
        let line = &req.lines[0];
        assert_eq!(line_duty_currencies(engine.rules(), engine.snapshot(), &req, j, line), [C::EUR]);
        assert!(pairs(&request("SE", "SEK", "01022910", "")).contains(&(C::EUR, cur("SEK"))));
        // An ad valorem line names none.
        let free = crate::request::from_json(&request("SE", "SEK", "01012100", "")).unwrap();
        assert_eq!(line_duty_currencies(engine.rules(), engine.snapshot(), &free, j, &free.lines[0]), []);
    }

    #[test]
    fn threshold_in_a_third_currency_is_converted_both_ways() {
        // Korea's small-consignment relief is set in US dollars (thresholds.tsv kr-small-150): a
        // won cart is compared in USD.
        let p = pairs(&request("KR", "KRW", "610910", ""));
        assert!(p.contains(&(cur("KRW"), C::USD)) && p.contains(&(C::USD, cur("KRW"))), "{p:?}");
    }

    #[test]
    fn simplified_regime_bands_in_dollars_convert_the_consignment_and_the_deduction() {
        // Brazil's Remessa Conforme bands are in US dollars (Portaria MF 1.086/2024; duty_bands.tsv).
        let json = request("BR", "EUR", "610910", "")
            .replace(r#""origin""#, r#""simplified_regime":"remessa_conforme","origin""#);
        let p = pairs(&json);
        for pair in [(C::EUR, cur("BRL")), (C::EUR, C::USD), (C::USD, cur("BRL"))] {
            assert!(p.contains(&pair), "{pair:?} in {p:?}");
        }
    }

    #[test]
    fn a_rate_the_request_gives_is_no_conversion_to_fetch() {
        let json = request("JP", "JPY", "610910", r#","duty_rate":"1.20 EUR/kg""#)
            .replace(r#""origin""#, r#""fx":{"JPY/EUR":"0.0062"},"origin""#);
        assert_eq!(pairs(&json), []);
    }
}
