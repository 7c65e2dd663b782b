//! `landed diff`: the same cart on two dates, every levy that changed and why.

use crate::input::{json_or_text, request};
use landed::date::Date;
use landed::diff::{Comparison, SkuChange};
use landed::error::Error;

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
        return Ok(json_or_text(args.json, &changes, |c| catalogue_text(c)));
    }
    let c = landed::diff::compare_dates(engine, &req, a, b)?;
    Ok(json_or_text(args.json, &c, |c| cart_text(c, a, b)))
}

/// One line per SKU whose duty changed.
fn catalogue_text(changes: &[SkuChange]) -> String {
    changes
        .iter()
        .map(|c| {
            format!(
                "{} ({}): duty {} → {}; {}",
                c.sku,
                c.code,
                c.duty_before.map(|d| d.to_string()).unwrap_or_default(),
                c.duty_after.map(|d| d.to_string()).unwrap_or_default(),
                c.why.join("; ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The landed totals on both dates, then each levy that changed.
fn cart_text(c: &Comparison, from: Date, to: Date) -> String {
    let mut out = format!(
        "{} → {}: landed {} → {} {} ({:+})\n",
        from, to, c.before.totals.landed, c.after.totals.landed, c.after.currency, c.landed_delta
    );
    for ch in &c.changes {
        out.push_str(&format!("  [{}] {}: {:+} — {}\n", ch.line, ch.name, ch.delta, ch.why));
    }
    out.trim_end().to_string()
}
