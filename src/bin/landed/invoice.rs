//! `landed invoice`: a carrier's bill against the recomputed quote.

use crate::input::{json_or_text, request};
use landed::error::{Error, ErrorCode};
use landed::incomplete::Exactness;
use landed::invoice::{Billed, InvoiceCheck};
use landed::money::parse_decimal;

#[derive(clap::Args)]
pub struct Args {
    file: String,
    /// The duty billed; left out, the duty is not checked (never read as a bill of 0).
    #[arg(long)]
    duty: Option<String>,
    /// The import VAT/GST billed; left out, not checked.
    #[arg(long)]
    tax: Option<String>,
    /// The fees billed; left out, not checked.
    #[arg(long)]
    fees: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(engine: &landed::Engine, args: Args) -> Result<String, Error> {
    let amount = |text: &Option<String>, field: &str| text.as_deref().map(|t| parse_decimal(t, field)).transpose();
    let billed =
        Billed { duty: amount(&args.duty, "duty")?, tax: amount(&args.tax, "tax")?, fees: amount(&args.fees, "fees")? };
    if billed == Billed::default() {
        return Err(Error::new(
            ErrorCode::MissingField,
            "duty",
            "give at least one of --duty, --tax and --fees: a figure left out is not checked, never read as 0",
        ));
    }
    let req = request(&args.file)?;
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
        let expected = match (d.expected_is, d.expected, d.difference) {
            (Exactness::Exact, Some(e), Some(diff)) => format!("{e} ({diff:+})"),
            (_, Some(e), Some(diff)) => format!("at least {e} ({diff:+})"),
            _ => "not known".to_string(),
        };
        out.push_str(&format!(
            "  {}: billed {} expected {expected}\n    likely: {}\n",
            d.item,
            d.billed,
            d.likely_causes.join("; ")
        ));
        for u in &d.unpriced {
            out.push_str(&format!("    not priced: {u}\n"));
        }
    }
    if r.differences.is_empty() {
        out.push_str(match r.not_checked.is_empty() {
            true => "  the bill matches the recomputed quote\n",
            false => "  the figures given match the recomputed quote\n",
        });
    }
    if !r.not_checked.is_empty() {
        out.push_str(&format!(
            "  not checked (not given): {}; billed minus expected covers only the figures given\n",
            r.not_checked.join(", ")
        ));
    }
    out.trim_end().to_string()
}
