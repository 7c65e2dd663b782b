//! The look-up commands: `rate`, `search`, `countries` and `snapshot`.

use crate::input::{date_or_today, json, json_or_text, json_sorted};
use landed::api::{CountriesResponse, RateLine, RateResponse, SearchResponse};
use landed::error::{Error, ErrorCode};

#[derive(clap::Args)]
pub struct RateArgs {
    /// Destination country (ISO 3166-1 alpha-2; EU members use the EU tariff).
    destination: String,
    /// Tariff code of any length (2 to 13 digits).
    code: String,
    /// As-of date (YYYY-MM-DD); today when left out.
    #[arg(long)]
    date: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct SearchArgs {
    query: String,
    /// Destination country whose tariff is searched.
    #[arg(long = "dest")]
    destination: String,
    /// Most candidates to return.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct CountriesArgs {
    /// As-of date (YYYY-MM-DD); today when left out.
    #[arg(long)]
    date: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Subcommand)]
pub enum SnapshotCommand {
    /// The snapshot in use: id, size, row counts, sources, and every dataset with its vintage and
    /// age on the as-of date (JSON, with or without `--json`).
    Info {
        /// As-of date of the datasets' ages (YYYY-MM-DD); today when left out.
        #[arg(long)]
        date: Option<String>,
        /// Print JSON (what this command always prints).
        #[arg(long)]
        json: bool,
    },
    /// Write the description blob (loaded on demand by the browser build) to FILE.
    ExportText { file: String },
}

pub fn rate(engine: &landed::Engine, args: RateArgs) -> Result<String, Error> {
    let date = date_or_today(args.date.as_deref())?;
    let found = engine.rate(&args.destination, &args.code, date)?;
    Ok(if args.json { json_sorted(&found) } else { rate_text(&found) })
}

/// The line (or every line under a partial code), and the correlation used, if any.
fn rate_text(r: &RateResponse) -> String {
    let text = match &r.lines {
        Some(lines) => lines_text(r, lines),
        None => line_text(r, r.line.as_ref()),
    };
    let text = match &r.via_correlation {
        Some(c) => format!("{text}\n{}\ncorrelation source: {}", c.note, c.source),
        None => text,
    };
    let edition = r.tariff_edition.as_ref().map_or(String::new(), |e| {
        let age = match (e.age_days, e.newer_by_days) {
            (Some(d), _) => format!("{d} days old"),
            (None, Some(d)) => format!("{d} days newer than the date"),
            (None, None) => String::new(),
        };
        format!(
            "\nedition in force: {} ({}), {age}{}",
            e.dataset,
            e.vintage,
            if e.stale { ": stale, a newer edition may change the line" } else { "" }
        )
    });
    format!("{text}{edition}\ncovers: {}", r.covers)
}

/// Every line under a partial code, with the range of their rates.
fn lines_text(r: &RateResponse, lines: &[RateLine]) -> String {
    // The range is of the plain percentages: the lines it leaves out are named (audit-q Q6).
    let unranked = match r.unranked_lines.len() {
        0 => String::new(),
        n => format!(
            "; {n} {} not a plain percentage, not ranked: {}",
            if n == 1 { "line" } else { "lines" },
            r.unranked_lines.join(", ")
        ),
    };
    let mut out = format!(
        "{} {} ({} lines, min {}, max {}{unranked}) as of {}, snapshot {}\n",
        r.destination,
        r.code,
        lines.len(),
        r.min.as_deref().unwrap_or("n/a"),
        r.max.as_deref().unwrap_or("n/a"),
        r.as_of,
        r.snapshot_id
    );
    for l in lines {
        out.push_str(&format!(
            "  {:<10} {:<28} {}\n",
            l.code.as_deref().unwrap_or_default(),
            l.duty_text,
            l.description
        ));
    }
    out.trim_end().to_string()
}

/// The line a code matched: its duty, validity and source.
fn line_text(r: &RateResponse, line: Option<&RateLine>) -> String {
    let date = |d: Option<landed::date::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    format!(
        "{} {} → {} {}\nduty: {}\nvalid {}..{}; source: {} ({}); snapshot {}",
        r.destination,
        r.code,
        r.matched_code,
        line.map_or("", |l| &l.description),
        line.map_or("", |l| &l.duty_text),
        date(line.and_then(|l| l.valid_from)),
        date(line.and_then(|l| l.valid_to)),
        line.map_or("", |l| &l.source.dataset),
        line.map_or("", |l| l.source.vintage),
        r.snapshot_id
    )
}

pub fn search(engine: &landed::Engine, args: SearchArgs) -> Result<String, Error> {
    let found = engine.search(&args.query, &args.destination, args.limit)?;
    Ok(json_or_text(args.json, &found, search_text))
}

/// One candidate a line: score, code, duty and description; a line saying none was found
/// rather than an empty output (audit-s S13).
fn search_text(found: &SearchResponse) -> String {
    if found.candidates.is_empty() {
        return format!(
            "no candidates for {:?} in {}'s tariff: try other words (the goods' material, use or kind)",
            found.query, found.destination
        );
    }
    found
        .candidates
        .iter()
        .map(|c| format!("{:>6.2}  {:<10} {:<16} {}", c.score, c.code, c.duty_text, c.description))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn countries(engine: &landed::Engine, args: CountriesArgs) -> Result<String, Error> {
    let response = engine.countries(date_or_today(args.date.as_deref())?);
    Ok(json_or_text(args.json, &response, countries_text))
}

/// One destination a line: currency, tariff, VAT, value basis and how many of its rules our data
/// encodes (a count of what is encoded, not of what the law has: "0" is not "none").
fn countries_text(response: &CountriesResponse) -> String {
    response
        .countries
        .iter()
        .map(|c| {
            format!(
                "{} {:<22} {}  tariff {:<4} VAT {:<8} duty on {:?}, {} thresholds and {} fees encoded{}",
                c.country,
                c.name,
                c.currency,
                c.tariff.table.unwrap_or("-"),
                c.vat.as_ref().map(|v| v.standard.as_str()).unwrap_or("-"),
                c.value_basis.duty,
                c.thresholds.len(),
                c.fees.len(),
                if c.value_basis.confidence == landed::provenance::Confidence::Verify {
                    "; value basis unverified: its quotes are lower bounds"
                } else {
                    ""
                }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn snapshot(engine: &landed::Engine, command: SnapshotCommand) -> Result<String, Error> {
    match command {
        SnapshotCommand::Info { date, json: _ } => Ok(json(&engine.snapshot_info(date_or_today(date.as_deref())?))),
        SnapshotCommand::ExportText { file } => {
            let bytes = landed::snapshot::embedded_text_bytes();
            std::fs::write(&file, bytes)
                .map_err(|e| Error::new(ErrorCode::Io, "file", format!("cannot write {file}: {e}")))?;
            Ok(format!("{file}: {} bytes", bytes.len()))
        }
    }
}
