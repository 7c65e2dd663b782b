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
    /// Regenerate the normalized tables in `tariffs/` from the official source files.
    Import {
        /// Folder with the source files (us/, uk/, …).
        #[arg(long, default_value = "../shared/tariff-sources")]
        sources: String,
        /// Folder the tables are written to.
        #[arg(long, default_value = "tariffs")]
        out: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Table,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
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

fn run(command: Command) -> Result<String, Error> {
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
        Command::Rate { destination, code, date, json } => {
            let date = match date {
                Some(d) => landed::date::Date::parse(&d)?,
                None => today(),
            };
            let found = landed::api::rate(&destination, &code, date)?;
            let v = serde_json::to_value(&found).expect("JSON of plain values");
            if json {
                Ok(serde_json::to_string_pretty(&v).expect("JSON of plain values"))
            } else {
                Ok(rate_text(&v))
            }
        }
        Command::Search { query, destination, limit, json } => {
            let found = landed::api::search(&query, &destination, limit)?;
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
            let response = landed::api::countries(date);
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
            Ok(serde_json::to_string_pretty(&landed::api::snapshot_info()).expect("JSON of plain values"))
        }
        Command::Snapshot { command: SnapshotCommand::ExportText { file } } => {
            let bytes = landed::snapshot::embedded_text_bytes();
            std::fs::write(&file, bytes)
                .map_err(|e| Error::new(ErrorCode::Io, "file", format!("cannot write {file}: {e}")))?;
            Ok(format!("{file}: {} bytes", bytes.len()))
        }
        Command::Snapshot { command: SnapshotCommand::Import { sources, out } } => {
            let tables = landed::importer::import(std::path::Path::new(&sources))?;
            let mut report = String::new();
            for (name, contents) in tables {
                let path = std::path::Path::new(&out).join(&name);
                std::fs::create_dir_all(&out)
                    .and_then(|_| std::fs::write(&path, &contents))
                    .map_err(|e| Error::new(ErrorCode::Io, "out", format!("cannot write {}: {e}", path.display())))?;
                report.push_str(&format!("{}: {} rows\n", path.display(), contents.lines().count() - 1));
            }
            Ok(report.trim_end().to_string())
        }
        Command::Quote { file, format } => {
            let text = read_input(&file)?;
            let req = landed::request::from_json(&text)?;
            let quote = landed::quote(&req)?;
            Ok(match format {
                Format::Json => serde_json::to_string_pretty(&quote).expect("quotes serialize"),
                Format::Table => table(&quote),
            })
        }
    }
}

/// Today's date from the system clock (UTC).
fn today() -> landed::date::Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    landed::date::Date::from_days_since_epoch((secs / 86_400) as i64)
}

fn rate_text(v: &serde_json::Value) -> String {
    let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
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
