//! Sweeps: one cart across destinations, origins, dates, channels, incoterms and candidate
//! codes, sorted by landed cost, with the cheapest option and the spread.

use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::money::{round_to, Currency};
use crate::request::{Channel, Incoterm, QuoteRequest};
use crate::Engine;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The values to try on each axis; an empty axis keeps the request's own value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(deny_unknown_fields)]
pub struct SweepAxes {
    #[serde(default)]
    pub destinations: Vec<String>,
    /// Countries of origin (sourcing options), applied to every line.
    #[serde(default)]
    pub origins: Vec<String>,
    #[serde(default)]
    pub dates: Vec<Date>,
    #[serde(default)]
    pub channels: Vec<Channel>,
    #[serde(default)]
    pub incoterms: Vec<Incoterm>,
    /// Candidate codes for the first line.
    #[serde(default)]
    pub codes: Vec<String>,
}

/// Most combinations one sweep may price.
pub const MAX_COMBINATIONS: usize = 200_000;

/// One combination and its outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct SweepRow {
    pub destination: String,
    pub origin: Option<String>,
    pub date: Date,
    pub channel: Channel,
    pub incoterm: Incoterm,
    pub code: String,
    /// Landed total in the destination's currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub landed: Option<Decimal>,
    pub currency: Option<Currency>,
    /// Landed total converted to the request currency (ECB rate of the date) for ranking.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub landed_in_request_currency: Option<Decimal>,
    pub duty: Option<Decimal>,
    pub tax: Option<Decimal>,
    pub fees: Option<Decimal>,
    pub complete: bool,
    /// Why this combination could not be priced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The sweep's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct SweepResult {
    pub request_currency: Currency,
    /// Sorted by landed cost in the request currency, cheapest first; unpriced last.
    pub rows: Vec<SweepRow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cheapest: Option<SweepRow>,
    /// Dearest minus cheapest, in the request currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spread: Option<Decimal>,
    pub combinations: usize,
}

/// Prices every combination of the axes over the base request.
pub fn sweep(engine: &Engine, base: &QuoteRequest, axes: &SweepAxes) -> Result<SweepResult> {
    sweep_with_progress(engine, base, axes, &mut |_, _| true)
}

/// As [`sweep`], calling `progress(done, total)` every 64 combinations; returning `false` from it
/// cancels the sweep (the rows so far are returned).
pub fn sweep_with_progress(
    engine: &Engine,
    base: &QuoteRequest,
    axes: &SweepAxes,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<SweepResult> {
    let or_base = |v: &[String], b: String| if v.is_empty() { vec![b] } else { v.to_vec() };
    let destinations = or_base(&axes.destinations, base.destination.clone());
    let origins: Vec<Option<String>> = if axes.origins.is_empty() {
        vec![base.origin.clone()]
    } else {
        axes.origins.iter().cloned().map(Some).collect()
    };
    let dates = if axes.dates.is_empty() { vec![base.date] } else { axes.dates.clone() };
    let channels = if axes.channels.is_empty() { vec![base.channel] } else { axes.channels.clone() };
    let incoterms = if axes.incoterms.is_empty() { vec![base.incoterm] } else { axes.incoterms.clone() };
    let first_code = base.lines.first().map(|l| l.code.clone()).unwrap_or_default();
    let codes = or_base(&axes.codes, first_code);
    let total = destinations.len() * origins.len() * dates.len() * channels.len() * incoterms.len() * codes.len();
    if total > MAX_COMBINATIONS {
        return Err(Error::new(
            ErrorCode::TooLarge,
            "axes",
            format!("{total} combinations: at most {MAX_COMBINATIONS}"),
        ));
    }
    let fx = engine.fx();
    let mut rows = Vec::with_capacity(total);
    'all: for d in &destinations {
        for o in &origins {
            for date in &dates {
                for c in &channels {
                    for i in &incoterms {
                        for code in &codes {
                            let mut r = base.clone();
                            r.destination = d.clone();
                            r.date = *date;
                            r.channel = *c;
                            r.incoterm = *i;
                            if let Some(o) = o {
                                r.origin = Some(o.clone());
                                for l in &mut r.lines {
                                    l.origin = None;
                                }
                            }
                            if let Some(l) = r.lines.first_mut() {
                                l.code = code.clone();
                            }
                            let mut row = SweepRow {
                                destination: d.to_ascii_uppercase(),
                                origin: r.origin.clone(),
                                date: *date,
                                channel: *c,
                                incoterm: *i,
                                code: code.clone(),
                                landed: None,
                                currency: None,
                                landed_in_request_currency: None,
                                duty: None,
                                tax: None,
                                fees: None,
                                complete: false,
                                error: None,
                            };
                            match engine.quote(&r) {
                                Ok(q) => {
                                    let t = &q.totals;
                                    row.landed_in_request_currency = if q.currency == base.currency {
                                        Some(t.landed)
                                    } else {
                                        fx.ecb_daily(q.currency, base.currency, *date).map(|x| {
                                            round_to(
                                                t.landed * x.used.rate,
                                                base.currency.minor_units(),
                                                base.rounding.mode,
                                            )
                                        })
                                    };
                                    row.landed = Some(t.landed);
                                    row.currency = Some(q.currency);
                                    row.duty = Some(t.duty);
                                    row.tax = Some(t.tax);
                                    row.fees = Some(t.fees);
                                    row.complete = t.complete;
                                }
                                Err(e) => row.error = Some(e.to_string()),
                            }
                            rows.push(row);
                            if rows.len() % 64 == 0 && !progress(rows.len(), total) {
                                break 'all;
                            }
                        }
                    }
                }
            }
        }
    }
    progress(rows.len(), total);
    rows.sort_by(|a, b| match (a.landed_in_request_currency, b.landed_in_request_currency) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let priced: Vec<&SweepRow> = rows.iter().filter(|r| r.landed_in_request_currency.is_some()).collect();
    let cheapest = priced.first().map(|r| (*r).clone());
    let spread = match (priced.first(), priced.last()) {
        (Some(a), Some(b)) => {
            Some(b.landed_in_request_currency.unwrap_or_default() - a.landed_in_request_currency.unwrap_or_default())
        }
        _ => None,
    };
    Ok(SweepResult { request_currency: base.currency, combinations: total, rows, cheapest, spread })
}
