//! `landed quote`: a JSON request priced, as JSON or as a readable table.

use crate::input::{json, read_input};
use landed::error::Error;
use landed::quote::{LineStatus, Quote};
use rust_decimal::Decimal;

#[derive(clap::Args)]
pub struct Args {
    file: String,
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Json,
    Table,
}

pub fn run(engine: &landed::Engine, args: Args) -> Result<String, Error> {
    let req = landed::request::checked_from_json(&read_input(&args.file)?)?;
    let quote = engine.quote_checked(&req)?;
    Ok(match args.format {
        Format::Json => json(&quote),
        Format::Table => table(&quote),
    })
}

/// A readable table of a quote: the lines, their levies, the totals and the warnings.
fn table(q: &Quote) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "Landed cost to {} as of {} in {} ({}), snapshot {}\n\n",
        q.destination,
        q.as_of,
        q.currency,
        format!("{:?}", q.incoterm).to_ascii_uppercase(),
        q.snapshot_id
    ));
    out.push_str(&format!("{:<10} {:<12} {:>14} {:>14}  {}\n", "line", "code", "customs value", "levies", "status"));
    for l in &q.lines {
        out.push_str(&line_rows(l));
    }
    for v in &q.levies {
        out.push_str(&format!("shipment {:?} {}: {}\n", v.kind, v.name, v.formula));
    }
    out.push_str(&totals(q));
    for w in &q.warnings {
        out.push_str(&format!("warning {}: {}\n", w.code, w.message));
    }
    out
}

fn money(d: Decimal) -> String {
    landed::money::format_grouped(d)
}

/// A line's row, then its levies, exclusions and alternatives indented below it.
fn line_rows(l: &landed::quote::LineQuote) -> String {
    // Lower bounds count, as in the totals, and mark the sum "at least" (≥).
    let levies: Decimal = l.levies.iter().filter_map(|v| v.amount.or(v.partial_amount)).sum();
    let bound = if l.levies.iter().any(|v| v.amount.is_none()) { "≥" } else { "" };
    let status = match l.status {
        LineStatus::Priced => "priced".to_string(),
        LineStatus::Partial => format!("partial: {}", l.reason.as_deref().unwrap_or_default()),
        LineStatus::NotPriced => format!("NOT PRICED: {}", l.reason.as_deref().unwrap_or_default()),
    };
    let mut out = format!(
        "{:<10} {:<12} {:>14} {:>14}  {}\n",
        l.id,
        l.code,
        money(l.customs_value),
        format!("{bound}{}", money(levies)),
        status
    );
    for v in &l.levies {
        out.push_str(&format!("    {:?} {}: {}\n", v.kind, v.name, v.formula));
    }
    for e in &l.excluded {
        out.push_str(&format!("    not charged: {} ({}): {}\n", e.name, e.ch99, e.reason));
    }
    for a in &l.alternatives {
        out.push_str(&format!("    option: {}\n", a.note));
    }
    out
}

/// The totals, and a note when they are incomplete.
fn totals(q: &Quote) -> String {
    let t = &q.totals;
    let mut out = String::from("\n");
    for (name, v) in [
        ("goods", t.goods),
        ("shipping", t.shipping),
        ("insurance", t.insurance),
        ("duty", t.duty),
        ("tax", t.tax),
        ("fees", t.fees),
        ("landed", t.landed),
        ("due on delivery", t.due_on_delivery),
    ] {
        out.push_str(&format!("{name:>16} {:>14}\n", money(v)));
    }
    // What the seller collects at the sale (part of the landed price: IOSS, UK, Remessa
    // Conforme's duty and tax) and what the buyer pays in all (audit-hh note).
    if !t.collected_at_sale.is_zero() {
        let of_duty = t.duty_collected_at_sale.map(|d| format!(", of which duty {}", money(d))).unwrap_or_default();
        out.push_str(&format!(
            "{:>16} {:>14}  (collected by the seller at the sale{of_duty})\n",
            "at sale",
            money(t.collected_at_sale)
        ));
    }
    out.push_str(&format!("{:>16} {:>14}\n", "buyer total", money(t.buyer_total)));
    if let Some(v) = t.reverse_charged {
        // On the buyer's own VAT return, outside the landed cost (docs/rules.md#seller-collected-tax).
        out.push_str(&format!("{:>16} {:>14}  (buyer's VAT return, not in landed)\n", "reverse charge", money(v)));
    }
    if !t.complete {
        out.push_str("\nTotals are incomplete: some lines are not fully priced (see above).\n");
    }
    out
}
