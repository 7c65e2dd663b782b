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
    /// Quote a JSON request read from FILE (or - for standard input).
    Quote {
        file: String,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
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
