//! `landed diff`: the same cart on two dates, every levy that changed and why.

use crate::input::{json_or_text, request};
use landed::date::Date;
use landed::diff::{Comparison, SkuChange};
use landed::error::Error;
use landed::incomplete::Exactness;
use rust_decimal::Decimal;

#[derive(clap::Args)]
pub struct Args {
    file: String,
    #[arg(long)]
    from: String,
    #[arg(long)]
    to: String,
    #[arg(long)]
    catalogue: bool,
    #[arg(long)]
    json: bool,
}

/// The whole cart, or (`--catalogue`) each line priced alone as a SKU.
pub fn run(engine: &landed::Engine, args: Args) -> Result<String, Error> {
    let req = request(&args.file)?;
    let (a, b) = (Date::parse(&args.from)?, Date::parse(&args.to)?);
    if args.catalogue {
        let changes = landed::diff::catalogue_diff(engine, &req, a, b)?;
        return Ok(json_or_text(args.json, &changes, |c| catalogue_text(c, req.lines.len(), a, b)));
    }
    let c = landed::diff::compare_dates(engine, &req, a, b)?;
    Ok(json_or_text(args.json, &c, |c| cart_text(c, a, b)))
}

/// One line per SKU whose duty changed (`≥` before a lower bound); none, a sentence saying so
/// (audit-s S13: an empty line, rc 0, said nothing).
fn catalogue_text(changes: &[SkuChange], skus: usize, from: Date, to: Date) -> String {
    if changes.is_empty() {
        let compared = if skus == 1 { "1 SKU compared".to_string() } else { format!("{skus} SKUs compared") };
        return format!("no SKU's duty changed between {from} and {to} ({compared})");
    }
    changes
        .iter()
        .map(|c| {
            let duty = |d: Option<Decimal>, is: Exactness| {
                d.map(|d| format!("{}{d}", if is.is_exact() { "" } else { "≥" })).unwrap_or_default()
            };
            format!(
                "{} ({}): duty {} → {}; {}",
                c.sku,
                c.code,
                duty(c.duty_before, c.duty_before_is),
                duty(c.duty_after, c.duty_after_is),
                c.why.join("; ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The landed totals on both dates (`≥` before a lower bound), then each levy that changed, then
/// what either quote could not price.
fn cart_text(c: &Comparison, from: Date, to: Date) -> String {
    let landed = |q: &landed::Quote| format!("{}{}", if q.totals.complete { "" } else { "≥" }, q.totals.landed);
    let mut out = format!(
        "{} → {}: landed {} → {} {} ({})\n",
        from,
        to,
        landed(&c.before),
        landed(&c.after),
        c.after.currency,
        delta(c.landed_delta, c.landed_delta_is)
    );
    for ch in &c.changes {
        out.push_str(&format!("  [{}] {}: {} — {}\n", ch.line, ch.name, delta(ch.delta, ch.delta_is), ch.why));
    }
    for u in &c.unpriced {
        out.push_str(&format!("  not priced on {u}\n"));
    }
    out.trim_end().to_string()
}

/// A signed change, or the bound it is worded as a rise or a fall, or `change unknown`. A change
/// that is at least a negative amount is a fall of at most its size: "at least -142.80" read as a
/// fall of at least 142.80, the opposite of the truth (audit-x X5).
fn delta(amount: Decimal, is: Exactness) -> String {
    let size = amount.abs();
    match is {
        Exactness::Exact => format!("{amount:+}"),
        Exactness::AtLeast if amount.is_zero() => format!("no fall ({size}, or a rise)"),
        Exactness::AtLeast if amount < Decimal::ZERO => format!("a fall of at most {size}"),
        Exactness::AtLeast => format!("a rise of at least {size}"),
        Exactness::AtMost if amount.is_zero() => format!("no rise ({size}, or a fall)"),
        Exactness::AtMost if amount > Decimal::ZERO => format!("a rise of at most {size}"),
        Exactness::AtMost => format!("a fall of at least {size}"),
        Exactness::Unknown => "change unknown: both sides are lower bounds, or a rounding not priced".into(),
    }
}
