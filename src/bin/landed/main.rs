//! `landed`: the engine on the command line. Thin over the library: each command (a module in
//! `landed/`) parses its arguments, calls the library and renders its typed answer as text, or
//! prints it as JSON.

mod catalogue;
mod diff;
mod eval;
mod input;
mod invoice;
mod lookup;
mod quote;
mod reverse;
mod sweep;

use clap::{Parser, Subcommand};
use landed::error::{Error, ErrorCode};
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
    Eval(eval::Args),
    /// Net price for an all-in target: `landed reverse cart.json --target 49.99` (a one-line
    /// request prices that line; a cart scales all its prices by one factor).
    Reverse(reverse::Args),
    /// One cart across destinations, origins, places of shipment, dates, channels, incoterms, codes
    /// and preference claims, cheapest first: the cheapest compliant way to land it (codes are a
    /// what-if for other goods: the code follows from the goods).
    Sweep(sweep::Args),
    /// The same cart on two dates, every levy that changed and why (--catalogue: per line as SKUs).
    Diff(diff::Args),
    /// All-in prices for a CSV catalogue (sku,code,price[,origin,weight_kg,currency,quantity])
    /// in several destinations, as CSV (the all-in price is `buyer_total`; under DAP `landed` leaves
    /// out what is due on delivery).
    Catalogue(catalogue::Args),
    /// Check a carrier's bill against the recomputed quote: `landed invoice cart.json --duty 12.00 --tax 30.10`.
    Invoice(invoice::Args),
    /// Look up the duty of a code: `landed rate DE 22042109 --json`.
    Rate(lookup::RateArgs),
    /// Suggest codes from a description: `landed search "cotton t-shirt" --dest GB`.
    Search(lookup::SearchArgs),
    /// Supported destinations and what is covered for each (tariff, VAT/GST, thresholds, fees,
    /// value basis), with sources and dates.
    Countries(lookup::CountriesArgs),
    /// Tariff snapshot tools.
    Snapshot {
        #[command(subcommand)]
        command: lookup::SnapshotCommand,
    },
    /// Quote a JSON request read from FILE (or - for standard input).
    Quote(quote::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = input::engine(cli.snapshot.as_deref(), cli.snapshot_text.as_deref())
        .and_then(|engine| run(&engine, cli.command));
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

/// Runs one command; its output, or the typed error to report.
fn run(engine: &landed::Engine, command: Command) -> Result<String, Error> {
    match command {
        Command::Eval(args) => eval::run(engine, args),
        Command::Reverse(args) => reverse::run(engine, args),
        Command::Sweep(args) => sweep::run(engine, args),
        Command::Diff(args) => diff::run(engine, args),
        Command::Catalogue(args) => catalogue::run(engine, args),
        Command::Invoice(args) => invoice::run(engine, args),
        Command::Rate(args) => lookup::rate(engine, args),
        Command::Search(args) => lookup::search(engine, args),
        Command::Countries(args) => lookup::countries(engine, args),
        Command::Snapshot { command } => lookup::snapshot(engine, command),
        Command::Quote(args) => quote::run(engine, args),
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
