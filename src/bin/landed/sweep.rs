//! `landed sweep`: one cart across destinations, origins, places of shipment, dates, channels,
//! incoterms, codes and preference claims; the cheapest complete combination and what each of its
//! choices saved.

use crate::input::{enum_arg, incoterm, json_or_text, month_starts, request};
use landed::date::Date;
use landed::error::Error;
use landed::sweep::{SweepResult, SweepRow};

#[derive(clap::Args)]
pub struct Args {
    file: String,
    /// Comma-separated destinations, e.g. DE,GB,US.
    #[arg(long = "dest", value_delimiter = ',')]
    destinations: Vec<String>,
    #[arg(long = "origin", value_delimiter = ',')]
    origins: Vec<String>,
    /// Places of direct shipment, e.g. US,CN.
    #[arg(long = "ship-from", value_delimiter = ',')]
    ship_froms: Vec<String>,
    /// Preference claims: none, auto (every programme a line can claim) or codes, e.g. none,S.
    #[arg(long = "claim", value_delimiter = ',')]
    claims: Vec<String>,
    #[arg(long = "date", value_delimiter = ',')]
    dates: Vec<String>,
    /// Every first of the month from FROM to TO, e.g. 2026-01:2026-12.
    #[arg(long)]
    months: Option<String>,
    #[arg(long = "channel", value_delimiter = ',')]
    channels: Vec<String>,
    #[arg(long = "incoterm", value_delimiter = ',')]
    incoterms: Vec<String>,
    #[arg(long = "code", value_delimiter = ',')]
    codes: Vec<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(engine: &landed::Engine, args: Args) -> Result<String, Error> {
    let req = request(&args.file)?;
    let mut dates = args.dates.iter().map(|d| Date::parse(d)).collect::<Result<Vec<_>, _>>()?;
    if let Some(m) = &args.months {
        dates.extend(month_starts(m)?);
    }
    let axes = landed::sweep::SweepAxes {
        destinations: args.destinations,
        origins: args.origins,
        dates,
        channels: args.channels.iter().map(|c| enum_arg(c, "channel")).collect::<Result<_, _>>()?,
        incoterms: args.incoterms.iter().map(|c| incoterm(c)).collect::<Result<_, _>>()?,
        codes: args.codes,
        ship_froms: args.ship_froms,
        claims: args.claims,
    };
    // A malformed value of an axis is a usage error (exit code 2) naming its option, before
    // anything is priced (audit-s S10), not a row.
    axes.checked().map_err(option_named)?;
    let r = landed::sweep::sweep(engine, &req, &axes)?;
    Ok(json_or_text(args.json, &r, text))
}

/// An axis error named by the option that gave the value: `axes.destinations[1]` → `--dest
/// (value 2)`.
fn option_named(e: Error) -> Error {
    const OPTIONS: [(&str, &str); 5] = [
        ("destinations", "--dest"),
        ("origins", "--origin"),
        ("ship_froms", "--ship-from"),
        ("codes", "--code"),
        ("claims", "--claim"),
    ];
    let field = e.field.as_deref().and_then(|f| f.strip_prefix("axes.")).and_then(|f| {
        let (axis, index) = f.split_once('[')?;
        let i: usize = index.trim_end_matches(']').parse().ok()?;
        let option = OPTIONS.iter().find(|(a, _)| *a == axis)?.1;
        Some(format!("{option} (value {})", i + 1))
    });
    match field {
        Some(field) => {
            let mut e = e;
            e.field = Some(field);
            e
        }
        None => e,
    }
}

/// Every combination, ranked, then the answer and the spread.
fn text(r: &SweepResult) -> String {
    let mut out = format!(
        "{} combinations, complete quotes first, cheapest first (what the buyer pays in all, in {}; ≥ marks a lower bound, ? a figure that holds only on the condition its note names):\n",
        r.combinations, r.request_currency
    );
    for row in &r.rows {
        out.push_str(&row_text(row));
    }
    out.push_str(&answer(r));
    // A spread is between two complete quotes at least: over one it says nothing (audit-n N7).
    let complete = r.rows.iter().filter(|row| row.complete && row.buyer_total_in_request_currency.is_some()).count();
    if let Some(s) = r.spread.filter(|_| complete > 1) {
        out.push_str(&format!("spread: {s} {} over {complete} complete quotes", r.request_currency));
    }
    out
}

/// The cheapest complete combination in words, what each of its choices saved, and the choices
/// that saved nothing.
fn answer(r: &SweepResult) -> String {
    // Combinations that could not be priced are said, never left out of the summary.
    let unpriced = r.rows.iter().filter(|row| row.error.is_some()).count();
    let unpriced = match unpriced {
        0 => String::new(),
        n => format!("  {n} of {} combinations could not be priced (their errors are listed above)\n", r.rows.len()),
    };
    let Some(c) = &r.cheapest else {
        return format!("no combination is complete: none can be named cheapest\n{unpriced}");
    };
    let mut out = format!(
        "cheapest complete: {} {} to {}, origin {}, ship from {}, {:?}, {:?}{}\n",
        c.buyer_total_in_request_currency.unwrap_or_default(),
        r.request_currency,
        c.destination,
        c.origin.as_deref().unwrap_or("-"),
        c.ship_from.as_deref().unwrap_or("-"),
        c.channel,
        c.incoterm,
        c.claim.as_deref().map(|c| format!(", claim {c}")).unwrap_or_default()
    );
    for s in r.savings.iter().filter(|s| s.axis == "code") {
        // Another code is other goods: a what-if, not a compliant saving (audit-n N6).
        out.push_str(&format!(
            "  what-if, not a saving: goods of code {} would cost {} {} less than goods of code {} ({})\n",
            s.chosen,
            s.saving,
            r.request_currency,
            s.instead_of,
            s.note.as_deref().unwrap_or(landed::sweep::CODE_WHAT_IF)
        ));
    }
    for s in r.savings.iter().filter(|s| s.axis != "code") {
        out.push_str(&format!(
            "  {} {} instead of {} saves {} {}{}\n",
            s.axis,
            s.chosen,
            s.instead_of,
            s.saving,
            r.request_currency,
            s.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default()
        ));
    }
    for t in &r.ties {
        out.push_str(&match t.axis.as_str() {
            "code" => format!("  what-if: goods of code {} or {}: the same total\n", t.chosen, t.same_as),
            // Origins where the destination's preferences are not in our data: no finding.
            "origin" if t.note.is_some() => format!(
                "  origin {} or {}: the same total here, not a finding ({})\n",
                t.chosen,
                t.same_as,
                t.note.as_deref().unwrap_or_default()
            ),
            _ => format!(
                "  {} {} or {}: the same total, no saving{}\n",
                t.axis,
                t.chosen,
                t.same_as,
                t.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default()
            ),
        });
    }
    for l in &c.line_claims {
        out.push_str(&format!(
            "  line {} claims {}{}\n",
            l.line,
            l.program,
            l.saving
                .map(|s| format!(", saving {s} {}", c.currency.map(|c| c.to_string()).unwrap_or_default()))
                .unwrap_or_default()
        ));
    }
    for n in &c.notes {
        out.push_str(&format!("  note: {n}\n"));
    }
    if c.claim.is_some() {
        out.push_str(
            "  the claim assumes the goods meet the programme's rules of origin and the proof of origin is held\n",
        );
    }
    out.push_str(&unpriced);
    // Below the cheapest complete row: lower bounds (≥), and figures that hold on a condition (?).
    let best = c.buyer_total_in_request_currency;
    let below = |row: &&SweepRow| !row.complete && row.buyer_total_in_request_currency.is_some_and(|k| Some(k) < best);
    let conditional = r.rows.iter().filter(below).filter(|row| !row.at_least).count();
    let lower = r.incomplete_below_cheapest - conditional.min(r.incomplete_below_cheapest);
    if lower > 0 {
        out.push_str(&format!(
            "  {lower} incomplete quotes have a lower bound below it: give their missing inputs to compare\n"
        ));
    }
    if conditional > 0 {
        out.push_str(&format!(
            "  {conditional} quotes below it hold only on a condition (marked ?): see their notes\n"
        ));
    }
    out
}

/// A row: its figure marked `≥` when it is a lower bound and `?` when it is not complete
/// otherwise (a claim that holds only on a condition: audit-n N7, "50.00" printed as complete).
fn row_text(row: &SweepRow) -> String {
    let (bound, condition) = match (row.complete, row.at_least) {
        (_, true) => ("≥", ""),
        (false, false) => ("", "?"),
        (true, false) => ("", ""),
    };
    let notes: String = row.notes.iter().map(|n| format!("    {n}\n")).collect();
    format!("{}{notes}", row_line(row, bound, condition))
}

fn row_line(row: &SweepRow, bound: &str, condition: &str) -> String {
    format!(
        "{:>13} {}  {} {:<3} origin {:<3} from {:<4} {:?} {:?} code {}{}{}\n",
        row.buyer_total_in_request_currency.map(|d| format!("{bound}{d}{condition}")).unwrap_or_else(|| "—".into()),
        row.currency
            .map(|c| format!(
                "({} {}{})",
                row.landed.unwrap_or_default(),
                c,
                row.fx.as_ref().map(|x| format!(" at {} {}", x.pair, x.rate)).unwrap_or_default()
            ))
            .unwrap_or_default(),
        row.date,
        row.destination,
        row.origin.as_deref().unwrap_or("-"),
        row.ship_from.as_deref().unwrap_or("-"),
        row.channel,
        row.incoterm,
        row.code,
        row.claim.as_deref().map(|c| format!(" claim {c}")).unwrap_or_default(),
        row.error.as_deref().map(|e| format!("  error: {e}")).unwrap_or_default()
    )
}
