//! `landed invoice`: a carrier's bill against the recomputed quote.

use crate::input::{json_or_text, request};
use landed::error::Error;
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

/// The overcharge, then each figure that differs with its likely causes.
fn text(r: &InvoiceCheck) -> String {
    let mut out = format!("billed minus expected: {} {}\n", r.overcharge, r.quote.currency);
    for d in &r.differences {
        out.push_str(&format!(
            "  {}: billed {} expected {} ({:+})\n    likely: {}\n",
            d.item,
            d.billed,
            d.expected,
            d.difference,
            d.likely_causes.join("; ")
        ));
    }
    if r.differences.is_empty() {
        out.push_str("  the bill matches the recomputed quote\n");
    }
    out.trim_end().to_string()
}
