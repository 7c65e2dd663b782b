//! `landed`: the engine on the command line. Thin over the library.

use clap::{Parser, Subcommand, ValueEnum};
use landed::duty::{DutyExpr, DutyInput};
use landed::error::{Error, ErrorCode};
use landed::money::{parse_decimal, Currency, RoundingPolicy};
use landed::quote::{LineStatus, Quote};
use landed::units::Quantities;
use rust_decimal::Decimal;
use std::io::Read;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "landed", version, about = "Exact landed cost (duty, import VAT/GST, fees), offline")]
struct Cli {
    /// A snapshot blob written by `landed-datagen snapshot` (default: the embedded snapshot).
    #[arg(long, global = true, value_name = "FILE")]
    snapshot: Option<String>,
    /// The description blob that belongs to `--snapshot` (for `search` and descriptions).
    #[arg(long, global = true, value_name = "FILE", requires = "snapshot")]
    snapshot_text: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate a duty expression, e.g. `landed eval "0.7 cents/kg + 10%" --value 500 --qty 45kg`.
    Eval {
        /// The duty expression as a tariff writes it.
        expression: String,
        /// Customs value the ad valorem part is charged on.
        #[arg(long, allow_hyphen_values = true)]
        value: String,
        /// Currency of the value and the result.
        #[arg(long, default_value = "USD")]
        currency: String,
        /// A quantity with its unit (repeatable): 100kg, 2.5hl, 12pairs, 3kg:drained.
        #[arg(long = "qty")]
        quantities: Vec<String>,
        /// Alcoholic strength in % vol (for % vol/hl and proof-litre rates).
        #[arg(long)]
        alcohol_pct: Option<String>,
        /// Value of a named component (repeatable): case=12.50.
        #[arg(long = "component")]
        components: Vec<String>,
        /// Date, for seasonal rates (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
        /// Customs exchange rate (repeatable): EUR=1.08 means 1 EUR = 1.08 of --currency.
        #[arg(long)]
        fx: Vec<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Net price for an all-in target: `landed reverse cart.json --target 49.99` (a one-line
    /// request prices that line; a cart scales all its prices by one factor).
    Reverse {
        file: String,
        /// The all-in price wanted, in the destination's currency.
        #[arg(long, allow_hyphen_values = true)]
        target: String,
        /// Round the target down to a charm price: 99, 95 or whole.
        #[arg(long, default_value = "none")]
        charm: String,
        /// In a grey zone: clamp_below, absorb or report.
        #[arg(long, default_value = "clamp_below")]
        policy: String,
        #[arg(long)]
        json: bool,
    },
    /// One cart across destinations, origins, places of shipment, dates, channels, incoterms,
    /// codes and preference claims, cheapest first: the cheapest compliant way to land it.
    Sweep {
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
    },
    /// The same cart on two dates, every levy that changed and why (--catalogue: per line as SKUs).
    Diff {
        file: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        catalogue: bool,
        #[arg(long)]
        json: bool,
    },
    /// All-in prices for a CSV catalogue (sku,code,price[,origin,weight_kg,currency,quantity])
    /// in several destinations, as CSV.
    Catalogue {
        file: String,
        #[arg(long = "dest", value_delimiter = ',', required = true)]
        destinations: Vec<String>,
        #[arg(long)]
        date: Option<String>,
        /// Currency of the prices when the CSV has no currency column.
        #[arg(long, default_value = "USD")]
        currency: String,
        #[arg(long, default_value = "courier")]
        channel: String,
        #[arg(long, default_value = "DDP")]
        incoterm: String,
        /// Write CSV here instead of standard output.
        #[arg(long)]
        out: Option<String>,
    },
    /// Check a carrier's bill against the recomputed quote: `landed invoice cart.json --duty 12.00 --tax 30.10`.
    Invoice {
        file: String,
        #[arg(long, default_value = "0")]
        duty: String,
        #[arg(long, default_value = "0")]
        tax: String,
        #[arg(long, default_value = "0")]
        fees: String,
        #[arg(long)]
        json: bool,
    },
    /// Look up the duty of a code: `landed rate DE 22042109 --json`.
    Rate {
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
    },
    /// Suggest codes from a description: `landed search "cotton t-shirt" --dest GB`.
    Search {
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
    },
    /// Supported destinations and what is covered for each (tariff, VAT/GST, thresholds, fees,
    /// value basis), with sources and dates.
    Countries {
        /// As-of date (YYYY-MM-DD); today when left out.
        #[arg(long)]
        date: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Tariff snapshot tools.
    Snapshot {
        #[command(subcommand)]
        command: SnapshotCommand,
    },
    /// Quote a JSON request read from FILE (or - for standard input).
    Quote {
        file: String,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
}

#[derive(Subcommand)]
enum SnapshotCommand {
    /// The embedded snapshot: id, size, row counts, sources and vintages.
    Info,
    /// Write the description blob (loaded on demand by the browser build) to FILE.
    ExportText { file: String },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Table,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result =
        engine(cli.snapshot.as_deref(), cli.snapshot_text.as_deref()).and_then(|engine| run(&engine, cli.command));
    match result {
        Ok(out) => write_stdout(&out),
        Err(e) => {
            eprintln!(
                "error[{}]{}: {}",
                e.code,
                e.field.as_deref().map(|f| format!(" {f}")).unwrap_or_default(),
                e.message
            );
            ExitCode::from(2)
        }
    }
}

/// Prints the answer. A reader that closed the pipe early (`landed … | head`) is not an error:
/// the process ends quietly instead of panicking.
fn write_stdout(out: &str) -> ExitCode {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{out}").and_then(|_| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error[{}] stdout: {e}", ErrorCode::Io);
            ExitCode::from(2)
        }
    }
}

/// The embedded engine, or one over the snapshot blob the user named.
fn engine(snapshot: Option<&str>, text: Option<&str>) -> Result<landed::Engine, Error> {
    let read = |file: &str, field: &str| {
        std::fs::read(file).map_err(|e| Error::new(ErrorCode::Io, field, format!("cannot read {file}: {e}")))
    };
    let Some(file) = snapshot else { return Ok(landed::Engine::embedded()) };
    let engine = landed::Engine::from_bytes(read(file, "snapshot")?)?;
    // A core written with `landed-datagen snapshot --parts DIR` leaves its tariff tables out:
    // they are published beside it, as the widget expects; attach those found there.
    let dir = std::path::Path::new(file).parent().unwrap_or(std::path::Path::new("."));
    for part in engine.snapshot().parts().filter(|p| !p.is_loaded()) {
        let path = dir.join(part.file_name());
        if path.is_file() {
            engine.attach_part(read(&path.to_string_lossy(), "snapshot")?)?;
        }
    }
    if let Some(text) = text {
        engine.attach_descriptions(read(text, "snapshot_text")?)?;
    }
    Ok(engine)
}

fn run(engine: &landed::Engine, command: Command) -> Result<String, Error> {
    match command {
        Command::Eval { expression, value, currency, quantities, alcohol_pct, components, date, fx, json } => {
            let value = parse_decimal(&value, "value")?;
            if value.is_sign_negative() && !value.is_zero() {
                return Err(Error::new(ErrorCode::NegativePrice, "value", "the customs value cannot be negative"));
            }
            let currency = Currency::parse(&currency)?;
            let mut q = Quantities::new();
            for s in &quantities {
                q.add_text(s, "qty")?;
            }
            q.alcohol_pct = alcohol_pct.map(|a| parse_decimal(&a, "alcohol_pct")).transpose()?;
            let components = components
                .iter()
                .map(|c| {
                    let (k, v) = c.split_once('=').ok_or_else(|| {
                        Error::new(ErrorCode::InvalidField, "component", format!("{c:?}: write NAME=VALUE"))
                    })?;
                    Ok((k.trim().to_string(), parse_decimal(v, "component")?))
                })
                .collect::<Result<Vec<_>, Error>>()?;
            let fx = fx
                .iter()
                .map(|f| {
                    let (k, v) = f.split_once('=').ok_or_else(|| {
                        Error::new(ErrorCode::FxRate, "fx", format!("{f:?}: write CUR=RATE, e.g. EUR=1.08"))
                    })?;
                    Ok((Currency::parse(k).map_err(|e| e.within("fx"))?, parse_decimal(v, "fx")?))
                })
                .collect::<Result<Vec<_>, Error>>()?;
            let date = date.map(|d| landed::date::Date::parse(&d)).transpose()?;
            let expr = DutyExpr::parse(&expression);
            let input = DutyInput {
                value,
                currency,
                quantities: &q,
                components: &components,
                date,
                fx: &fx,
                base_duty: None,
                rounding: RoundingPolicy::default(),
            };
            let r = expr.evaluate(&input);
            if json {
                let mut v = serde_json::json!({
                    "amount": r.amount,
                    "currency": currency,
                    "formula": r.formula,
                    "priceable": r.priceable,
                    "expression": expr,
                });
                if !r.priceable {
                    v["partial_amount"] = serde_json::json!(r.partial_amount);
                    v["missing"] = serde_json::json!(r.unpriced);
                    v["reasons"] = serde_json::json!(r.unpriced.iter().map(|u| u.message()).collect::<Vec<_>>());
                }
                Ok(serde_json::to_string_pretty(&v).expect("JSON of plain values"))
            } else if r.priceable {
                Ok(format!("{} {}\n{}", r.amount.unwrap_or_default(), currency, r.formula))
            } else {
                let reasons: Vec<String> = r.unpriced.iter().map(|u| format!("  - {}", u.message())).collect();
                Ok(format!("not priceable\n{}\n{}", r.formula, reasons.join("\n")))
            }
        }
        Command::Reverse { file, target, charm, policy, json } => {
            let req = landed::request::from_json(&read_input(&file)?)?;
            let target = parse_decimal(&target, "target")?;
            let charm: landed::reverse::Charm = enum_arg(&charm, "charm")?;
            let policy: landed::reverse::GreyZonePolicy = enum_arg(&policy, "policy")?;
            if req.lines.len() > 1 {
                let r = landed::reverse::reverse_cart(engine, &req, target, charm, policy)?;
                if json {
                    return Ok(serde_json::to_string_pretty(&r).expect("JSON of plain values"));
                }
                let prices: Vec<String> = r.net_prices.iter().map(|(id, p)| format!("{id} {p}")).collect();
                let mut out = format!(
                    "target {} {}: prices × {} → {} gives all-in {} {}{}",
                    r.target,
                    r.currency,
                    r.scale,
                    prices.join(", "),
                    r.landed,
                    r.currency,
                    if r.exact { " (exact)" } else { "" }
                );
                if let Some(z) = &r.grey_zone {
                    out.push_str(&format!(
                        "\ngrey zone: all-in {} or {} ({}); policy {:?}",
                        z.below, z.above, z.cause, r.policy
                    ));
                }
                return Ok(out);
            }
            let r = landed::reverse::reverse(engine, &req, target, charm, policy)?;
            if json {
                return Ok(serde_json::to_string_pretty(&r).expect("JSON of plain values"));
            }
            let mut out = format!(
                "target {} {}: net price {} {} gives all-in {} {}{}",
                r.target,
                r.currency,
                r.net_price,
                req.currency,
                r.landed,
                r.currency,
                if r.exact { " (exact)" } else { "" }
            );
            if let Some(z) = &r.grey_zone {
                out.push_str(&format!(
                    "\ngrey zone: no net price gives an all-in between {} and {} ({}); policy {:?}",
                    z.below, z.above, z.cause, r.policy
                ));
            }
            if let Some(a) = r.absorbed {
                out.push_str(&format!("\nthe seller absorbs {a} {} so the shopper pays the target", r.currency));
            }
            Ok(out)
        }
        Command::Sweep {
            file,
            destinations,
            origins,
            ship_froms,
            claims,
            dates,
            months,
            channels,
            incoterms,
            codes,
            json,
        } => {
            let req = landed::request::from_json(&read_input(&file)?)?;
            let mut dates = dates.iter().map(|d| landed::date::Date::parse(d)).collect::<Result<Vec<_>, _>>()?;
            if let Some(m) = months {
                dates.extend(month_starts(&m)?);
            }
            let axes = landed::sweep::SweepAxes {
                destinations,
                origins,
                dates,
                channels: channels.iter().map(|c| enum_arg(c, "channel")).collect::<Result<_, _>>()?,
                incoterms: incoterms
                    .iter()
                    .map(|c| enum_arg(&c.to_ascii_uppercase(), "incoterm"))
                    .collect::<Result<_, _>>()?,
                codes,
                ship_froms,
                claims,
            };
            let r = landed::sweep::sweep(engine, &req, &axes)?;
            if json {
                return Ok(serde_json::to_string_pretty(&r).expect("JSON of plain values"));
            }
            let mut out = format!(
                "{} combinations, complete quotes first, cheapest first (what the buyer pays in all, in {}; ≥ marks a lower bound):\n",
                r.combinations, r.request_currency
            );
            for row in &r.rows {
                let bound = if row.at_least { "≥" } else { "" };
                out.push_str(&format!(
                    "{:>13} {}  {} {:<3} origin {:<3} from {:<4} {:?} {:?} code {} claim {}{}\n",
                    row.buyer_total_in_request_currency.map(|d| format!("{bound}{d}")).unwrap_or_else(|| "—".into()),
                    row.currency.map(|c| format!("({} {})", row.landed.unwrap_or_default(), c)).unwrap_or_default(),
                    row.date,
                    row.destination,
                    row.origin.as_deref().unwrap_or("-"),
                    row.ship_from.as_deref().unwrap_or("-"),
                    row.channel,
                    row.incoterm,
                    row.code,
                    row.claim.as_deref().unwrap_or("none"),
                    row.error.as_deref().map(|e| format!("  error: {e}")).unwrap_or_default()
                ));
            }
            out.push_str(&sweep_answer(&r));
            if let Some(s) = r.spread {
                out.push_str(&format!("spread: {s} {}", r.request_currency));
            }
            Ok(out)
        }
        Command::Diff { file, from, to, catalogue, json } => {
            let req = landed::request::from_json(&read_input(&file)?)?;
            let (a, b) = (landed::date::Date::parse(&from)?, landed::date::Date::parse(&to)?);
            if catalogue {
                let changes = landed::diff::catalogue_diff(engine, &req, a, b)?;
                if json {
                    return Ok(serde_json::to_string_pretty(&changes).expect("JSON of plain values"));
                }
                return Ok(changes
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
                    .join("\n"));
            }
            let c = landed::diff::compare_dates(engine, &req, a, b)?;
            if json {
                return Ok(serde_json::to_string_pretty(&c).expect("JSON of plain values"));
            }
            let mut out = format!(
                "{} → {}: landed {} → {} {} ({:+})\n",
                a, b, c.before.totals.landed, c.after.totals.landed, c.after.currency, c.landed_delta
            );
            for ch in &c.changes {
                out.push_str(&format!("  [{}] {}: {:+} — {}\n", ch.line, ch.name, ch.delta, ch.why));
            }
            Ok(out.trim_end().to_string())
        }
        Command::Catalogue { file, destinations, date, currency, channel, incoterm, out } => {
            let options = landed::catalogue::CatalogueOptions {
                destinations: destinations
                    .iter()
                    .map(|d| landed::request::country(d, "dest"))
                    .collect::<Result<_, _>>()?,
                date: match date {
                    Some(d) => landed::date::Date::parse(&d)?,
                    None => today(),
                },
                currency: Currency::parse(&currency)?,
                channel: enum_arg(&channel, "channel")?,
                incoterm: enum_arg(&incoterm.to_ascii_uppercase(), "incoterm")?,
            };
            let input = std::fs::File::open(&file)
                .map_err(|e| Error::new(ErrorCode::Io, "file", format!("cannot read {file}: {e}")))?;
            let total_rows =
                std::fs::read(&file).map(|b| b.iter().filter(|c| **c == b'\n').count().saturating_sub(1)).unwrap_or(0);
            let bar = indicatif::ProgressBar::new(total_rows as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} SKUs {per_sec} eta {eta}")
                    .expect("valid template"),
            );
            let started = std::time::Instant::now();
            let mut progress = |n: u64| {
                if n % 256 == 0 {
                    bar.set_position(n)
                }
            };
            let written = match &out {
                Some(path) => {
                    // Written beside the target and renamed at the end: a failed run never
                    // leaves a half-written price list where the old one was.
                    let partial = format!("{path}.partial");
                    let io = |e: std::io::Error| Error::new(ErrorCode::Io, "out", format!("cannot write {path}: {e}"));
                    let f = std::fs::File::create(&partial).map_err(io)?;
                    let written = landed::catalogue::price_catalogue(
                        engine,
                        input,
                        std::io::BufWriter::new(f),
                        &options,
                        &mut progress,
                    )
                    .inspect_err(|_| {
                        let _ = std::fs::remove_file(&partial);
                    })?;
                    std::fs::rename(&partial, path).map_err(io)?;
                    written
                }
                None => landed::catalogue::price_catalogue(
                    engine,
                    input,
                    std::io::BufWriter::new(std::io::stdout().lock()),
                    &options,
                    &mut progress,
                )?,
            };
            bar.finish_and_clear();
            let secs = started.elapsed().as_secs_f64();
            eprintln!("{written} line-quotes in {secs:.2} s ({:.0} per second)", written as f64 / secs.max(1e-9));
            Ok(out.map(|p| format!("wrote {p}")).unwrap_or_default())
        }
        Command::Invoice { file, duty, tax, fees, json } => {
            let req = landed::request::from_json(&read_input(&file)?)?;
            let billed = landed::invoice::Billed {
                duty: parse_decimal(&duty, "duty")?,
                tax: parse_decimal(&tax, "tax")?,
                fees: parse_decimal(&fees, "fees")?,
            };
            let r = landed::invoice::check(engine, &req, &billed)?;
            if json {
                return Ok(serde_json::to_string_pretty(&r).expect("JSON of plain values"));
            }
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
            Ok(out.trim_end().to_string())
        }
        Command::Rate { destination, code, date, json } => {
            let date = match date {
                Some(d) => landed::date::Date::parse(&d)?,
                None => today(),
            };
            let found = engine.rate(&destination, &code, date)?;
            let v = serde_json::to_value(&found).expect("JSON of plain values");
            if json {
                Ok(serde_json::to_string_pretty(&v).expect("JSON of plain values"))
            } else {
                Ok(rate_text(&v))
            }
        }
        Command::Search { query, destination, limit, json } => {
            let found = engine.search(&query, &destination, limit)?;
            if json {
                return Ok(serde_json::to_string_pretty(&found).expect("JSON of plain values"));
            }
            Ok(found
                .candidates
                .iter()
                .map(|c| format!("{:>6.2}  {:<10} {:<16} {}", c.score, c.code, c.duty_text, c.description))
                .collect::<Vec<_>>()
                .join("\n"))
        }
        Command::Countries { date, json } => {
            let date = match date {
                Some(d) => landed::date::Date::parse(&d)?,
                None => today(),
            };
            let response = engine.countries(date);
            if json {
                return Ok(serde_json::to_string_pretty(&response).expect("JSON of plain values"));
            }
            let coverage = response.countries;
            Ok(coverage
                .iter()
                .map(|c| {
                    format!(
                        "{} {:<22} {}  tariff {:<4} VAT {:<8} duty on {:?}, {} thresholds, {} fees",
                        c.country,
                        c.name,
                        c.currency,
                        c.tariff.table.unwrap_or("-"),
                        c.vat.as_ref().map(|v| v.standard.as_str()).unwrap_or("-"),
                        c.value_basis.duty,
                        c.thresholds.len(),
                        c.fees.len()
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"))
        }
        Command::Snapshot { command: SnapshotCommand::Info } => {
            Ok(serde_json::to_string_pretty(&engine.snapshot_info(today())).expect("JSON of plain values"))
        }
        Command::Snapshot { command: SnapshotCommand::ExportText { file } } => {
            let bytes = landed::snapshot::embedded_text_bytes();
            std::fs::write(&file, bytes)
                .map_err(|e| Error::new(ErrorCode::Io, "file", format!("cannot write {file}: {e}")))?;
            Ok(format!("{file}: {} bytes", bytes.len()))
        }
        Command::Quote { file, format } => {
            let text = read_input(&file)?;
            let req = landed::request::from_json(&text)?;
            let quote = engine.quote(&req)?;
            Ok(match format {
                Format::Json => serde_json::to_string_pretty(&quote).expect("quotes serialize"),
                Format::Table => table(&quote),
            })
        }
    }
}

/// Parses a snake_case (or UPPER for incoterms) CLI value into a serde enum.
fn enum_arg<T: serde::de::DeserializeOwned>(value: &str, field: &str) -> Result<T, Error> {
    serde_json::from_value(serde_json::Value::String(value.to_string()))
        .map_err(|e| Error::new(ErrorCode::InvalidField, field, format!("{value:?}: {e}")))
}

/// The sweep's answer in words: the cheapest complete combination and what each choice saved.
fn sweep_answer(r: &landed::sweep::SweepResult) -> String {
    let Some(c) = &r.cheapest else {
        return "no combination is complete: none can be named cheapest\n".into();
    };
    let mut out = format!(
        "cheapest complete: {} {} to {}, origin {}, ship from {}, {:?}, {:?}, claim {}\n",
        c.buyer_total_in_request_currency.unwrap_or_default(),
        r.request_currency,
        c.destination,
        c.origin.as_deref().unwrap_or("-"),
        c.ship_from.as_deref().unwrap_or("-"),
        c.channel,
        c.incoterm,
        c.claim.as_deref().unwrap_or("none")
    );
    for s in &r.savings {
        out.push_str(&format!(
            "  {} {} instead of {} saves {} {}\n",
            s.axis, s.chosen, s.instead_of, s.saving, r.request_currency
        ));
    }
    if c.claim.is_some() {
        out.push_str(
            "  the claim assumes the goods meet the programme's rules of origin and the proof of origin is held\n",
        );
    }
    if r.incomplete_below_cheapest > 0 {
        out.push_str(&format!(
            "  {} incomplete quotes have a lower bound below it: give their missing inputs to compare\n",
            r.incomplete_below_cheapest
        ));
    }
    out
}

/// The first day of every month from `FROM:TO` (YYYY-MM:YYYY-MM).
fn month_starts(range: &str) -> Result<Vec<landed::date::Date>, Error> {
    let bad = || Error::new(ErrorCode::Date, "months", format!("{range:?}: write FROM:TO as YYYY-MM:YYYY-MM"));
    let (a, b) = range.split_once(':').ok_or_else(bad)?;
    let start = landed::date::Date::parse(&format!("{a}-01")).map_err(|_| bad())?;
    let end = landed::date::Date::parse(&format!("{b}-01")).map_err(|_| bad())?;
    let mut out = Vec::new();
    let (mut y, mut m) = (start.year(), start.month());
    while (y, m) <= (end.year(), end.month()) && out.len() < 1200 {
        out.push(landed::date::Date::new(y, m, 1)?);
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    Ok(out)
}

/// Today's date from the system clock (UTC).
fn today() -> landed::date::Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    landed::date::Date::from_days_since_epoch((secs / 86_400) as i64)
}

fn rate_text(v: &serde_json::Value) -> String {
    let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
    let text = rate_lines_text(v, &s);
    match v.get("via_correlation") {
        Some(c) => format!(
            "{text}\n{}\ncorrelation source: {}",
            c["note"].as_str().unwrap_or_default(),
            c["source"].as_str().unwrap_or_default()
        ),
        None => text,
    }
}

fn rate_lines_text(v: &serde_json::Value, s: &dyn Fn(&str) -> String) -> String {
    match v["lines"].as_array() {
        Some(lines) => {
            let mut out = format!(
                "{} {} ({} lines, min {}, max {}) as of {}, snapshot {}\n",
                s("destination"),
                s("code"),
                lines.len(),
                v["min"].as_str().unwrap_or("n/a"),
                v["max"].as_str().unwrap_or("n/a"),
                s("as_of"),
                s("snapshot_id")
            );
            for l in lines {
                out.push_str(&format!(
                    "  {:<10} {:<28} {}\n",
                    l["code"].as_str().unwrap_or_default(),
                    l["duty_text"].as_str().unwrap_or_default(),
                    l["description"].as_str().unwrap_or_default()
                ));
            }
            out.trim_end().to_string()
        }
        None => format!(
            "{} {} → {} {}\nduty: {}\nvalid {}..{}; source: {} ({}); snapshot {}",
            s("destination"),
            s("code"),
            s("matched_code"),
            s("description"),
            s("duty_text"),
            v["valid_from"].as_str().unwrap_or(""),
            v["valid_to"].as_str().unwrap_or(""),
            v["source"]["dataset"].as_str().unwrap_or_default(),
            v["source"]["vintage"].as_str().unwrap_or_default(),
            s("snapshot_id")
        ),
    }
}

fn read_input(file: &str) -> Result<String, Error> {
    let mut text = String::new();
    let res = if file == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read(file).and_then(|bytes| {
            text = String::from_utf8(bytes)
                .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "the file is not UTF-8 text"))?;
            Ok(())
        })
    };
    res.map_err(|e| Error::new(ErrorCode::Io, "file", format!("cannot read {file}: {e}")))?;
    Ok(text)
}

/// A readable table of a quote.
fn table(q: &Quote) -> String {
    let mut out = String::new();
    let money = |d: Decimal| landed::money::format_grouped(d);
    out.push_str(&format!(
        "Landed cost to {} as of {} in {} ({:?}), snapshot {}\n\n",
        q.destination, q.as_of, q.currency, q.incoterm, q.snapshot_id
    ));
    out.push_str(&format!("{:<10} {:<12} {:>14} {:>14}  {}\n", "line", "code", "customs value", "levies", "status"));
    for l in &q.lines {
        let levies: Decimal = l.levies.iter().filter_map(|v| v.amount).sum();
        let status = match l.status {
            LineStatus::Priced => "priced".to_string(),
            LineStatus::Partial => format!("partial: {}", l.reason.as_deref().unwrap_or_default()),
            LineStatus::NotPriced => format!("NOT PRICED: {}", l.reason.as_deref().unwrap_or_default()),
        };
        out.push_str(&format!(
            "{:<10} {:<12} {:>14} {:>14}  {}\n",
            l.id,
            l.code,
            money(l.customs_value),
            money(levies),
            status
        ));
        for v in &l.levies {
            out.push_str(&format!("    {:?} {}: {}\n", v.kind, v.name, v.formula));
        }
        for e in &l.excluded {
            out.push_str(&format!("    not charged: {} ({}): {}\n", e.name, e.ch99, e.reason));
        }
        for a in &l.alternatives {
            out.push_str(&format!("    option: {}\n", a.note));
        }
    }
    for v in &q.levies {
        out.push_str(&format!("shipment {:?} {}: {}\n", v.kind, v.name, v.formula));
    }
    let t = &q.totals;
    out.push('\n');
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
    if !t.complete {
        out.push_str("\nTotals are incomplete: some lines are not fully priced (see above).\n");
    }
    for w in &q.warnings {
        out.push_str(&format!("warning {}: {}\n", w.code, w.message));
    }
    out
}
