//! `landed catalogue`: all-in prices for a CSV catalogue in several destinations, as CSV.

use crate::input::{date_or_today, enum_arg, incoterm};
use landed::catalogue::CatalogueOptions;
use landed::error::{Error, ErrorCode};
use landed::money::Currency;

#[derive(clap::Args)]
pub struct Args {
    file: String,
    #[arg(long = "dest", value_delimiter = ',', required = true)]
    destinations: Vec<String>,
    #[arg(long)]
    date: Option<String>,
    /// Currency of every price, for a CSV without a currency column (required then: no currency
    /// is assumed).
    #[arg(long)]
    currency: Option<String>,
    /// How the goods travel; not given, each quote assumes courier and says so in `warnings`
    /// where it changes a figure.
    #[arg(long)]
    channel: Option<String>,
    /// DDP or DAP; not given, each quote assumes DDP and says so in `warnings` where something
    /// is due at the border.
    #[arg(long)]
    incoterm: Option<String>,
    /// Write CSV here instead of standard output.
    #[arg(long)]
    out: Option<String>,
}

/// Prices every row, with a progress bar and a rate on standard error.
pub fn run(engine: &landed::Engine, args: Args) -> Result<String, Error> {
    let options = CatalogueOptions {
        destinations: args
            .destinations
            .iter()
            .map(|d| landed::request::country(d, "dest"))
            .collect::<Result<_, _>>()?,
        date: date_or_today(args.date.as_deref())?,
        currency: args.currency.as_deref().map(Currency::parse).transpose()?,
        channel: args.channel.as_deref().map(|c| enum_arg(c, "channel")).transpose()?,
        incoterm: args.incoterm.as_deref().map(incoterm).transpose()?,
    };
    let file = &args.file;
    let input =
        std::fs::File::open(file).map_err(|e| Error::new(ErrorCode::Io, "file", format!("cannot read {file}: {e}")))?;
    let bar = progress_bar(file);
    let started = std::time::Instant::now();
    let mut progress = |n: u64| {
        if n % 256 == 0 {
            bar.set_position(n)
        }
    };
    let written = match &args.out {
        Some(path) => write_atomically(path, |out| {
            landed::catalogue::price_catalogue(engine, input, out, &options, &mut progress)
        })?,
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
    Ok(args.out.map(|p| format!("wrote {p}")).unwrap_or_default())
}

/// A bar over the catalogue's rows (its lines less the header).
fn progress_bar(file: &str) -> indicatif::ProgressBar {
    let total_rows =
        std::fs::read(file).map(|b| b.iter().filter(|c| **c == b'\n').count().saturating_sub(1)).unwrap_or(0);
    let bar = indicatif::ProgressBar::new(total_rows as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} SKUs {per_sec} eta {eta}")
            .expect("valid template"),
    );
    bar
}

/// Runs `write` on `PATH.partial` and renames it to `path` when it succeeds: a failed run never
/// leaves a half-written price list where the old one was.
fn write_atomically<T>(
    path: &str,
    write: impl FnOnce(std::io::BufWriter<std::fs::File>) -> Result<T, Error>,
) -> Result<T, Error> {
    let partial = format!("{path}.partial");
    let io = |e: std::io::Error| Error::new(ErrorCode::Io, "out", format!("cannot write {path}: {e}"));
    let f = std::fs::File::create(&partial).map_err(io)?;
    let written = write(std::io::BufWriter::new(f)).inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })?;
    std::fs::rename(&partial, path).map_err(io)?;
    Ok(written)
}
