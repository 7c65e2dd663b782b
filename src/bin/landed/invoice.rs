//! `landed invoice`: a carrier's bill against the recomputed quote.

use crate::input::{json_or_text, request};
use landed::error::Error;
use landed::incomplete::Exactness;
use landed::invoice::{Billed, InvoiceCheck};
use landed::money::parse_decimal;

#[derive(clap::Args)]
pub struct Args {
    file: String,
    #[arg(long, default_value = "0")]
    duty: String,
    #[arg(long, default_value = "0")]
    tax: String,
    #[arg(long, default_value = "0")]
    fees: String,
    #[arg(long)]
    json: bool,
}

pub fn run(engine: &landed::Engine, args: Args) -> Result<String, Error> {
    let req = request(&args.file)?;
    let billed = Billed {
        duty: parse_decimal(&args.duty, "duty")?,
        tax: parse_decimal(&args.tax, "tax")?,
        fees: parse_decimal(&args.fees, "fees")?,
    };
    let r = landed::invoice::check(engine, &req, &billed)?;
    Ok(json_or_text(args.json, &r, text))
}

/// The overcharge (a bound when the quote is incomplete), then each figure that differs or
/// cannot be checked, with its likely causes and what is not priced.
fn text(r: &InvoiceCheck) -> String {
    let currency = r.quote.currency;
    let mut out = match r.overcharge_is {
        Exactness::Exact => format!("billed minus expected: {} {currency}\n", r.overcharge),
        _ => format!(
            "billed minus expected: at most {} {currency}: the recomputed quote is incomplete, so the bill cannot be fully checked\n",
            r.overcharge
        ),
    };
    for d in &r.differences {
        let expected = match d.expected_is {
            Exactness::Exact => d.expected.to_string(),
            _ => format!("at least {}", d.expected),
        };
        out.push_str(&format!(
            "  {}: billed {} expected {expected} ({:+})\n    likely: {}\n",
            d.item,
            d.billed,
            d.difference,
            d.likely_causes.join("; ")
        ));
        for u in &d.unpriced {
            out.push_str(&format!("    not priced: {u}\n"));
        }
    }
    if r.differences.is_empty() {
        out.push_str("  the bill matches the recomputed quote\n");
    }
    out.trim_end().to_string()
}
