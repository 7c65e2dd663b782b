//! `landed-datagen`: official files → `tariffs/` tables → snapshot blobs.
//!
//! ```sh
//! landed-datagen import                       # ../shared/tariff-sources → tariffs/
//! landed-datagen snapshot --out site/landed-snapshot.bin --text site/landed-text.bin --parts site/
//! landed-datagen import-uk-api --dir uk-commodities/ --out tariffs/gb.tsv --areas tariffs/gb_areas.tsv
//! ```

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "landed-datagen", version, about = "Landed's data generator")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the normalized tables from the official source files (byte for byte).
    Import {
        /// Folder of official files, laid out as SOURCES.md describes.
        #[arg(long, default_value = "../shared/tariff-sources")]
        sources: PathBuf,
        /// Where the tables go.
        #[arg(long, default_value = "tariffs")]
        out: PathBuf,
    },
    /// Compile the tables into a snapshot blob (and its description blob).
    Snapshot {
        /// Repository root holding `tariffs/`.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The core blob (what `Engine::from_bytes` and the widget's `snapshot` load).
        #[arg(long)]
        out: PathBuf,
        /// The description blob (search and display), bound to the core by its hash.
        #[arg(long)]
        text: Option<PathBuf>,
        /// Write the tariff tables as separate parts into this folder (for the browser, which
        /// fetches only the destination it prices); the core keeps rules, VAT and FX inline.
        #[arg(long)]
        parts: Option<PathBuf>,
    },
    /// Build a GB tariff table from UK Trade Tariff API v2 commodity files
    /// (`/api/v2/commodities/{code}` responses saved as JSON, one per file).
    ImportUkApi {
        /// Folder of commodity JSON files.
        #[arg(long)]
        dir: PathBuf,
        /// The GB table to write (the 10 columns of `tariffs/gb.tsv`).
        #[arg(long)]
        out: PathBuf,
        /// Where to write the member countries of the areas named in `special`.
        #[arg(long)]
        areas: Option<PathBuf>,
        /// The `sources.tsv` id written on every row.
        #[arg(long, default_value = landed_datagen::uk_api::DEFAULT_SOURCE)]
        source: String,
    },
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Import { sources, out } => import(&sources, &out),
        Command::Snapshot { root, out, text, parts } => {
            let outputs =
                landed_datagen::snapshot::Outputs { core: &out, text: text.as_deref(), parts: parts.as_deref() };
            landed_datagen::snapshot::write(&root, &outputs)
                .map(|(id, written)| format!("snapshot {id}\n{}", written.join("\n")))
        }
        Command::ImportUkApi { dir, out, areas, source } => import_uk_api(&dir, &out, areas.as_deref(), &source),
    };
    match result {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn import(sources: &std::path::Path, out: &std::path::Path) -> Result<String, String> {
    let tables = landed_datagen::importer::import(sources).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut report = Vec::with_capacity(tables.len());
    for (name, contents) in tables {
        let path = out.join(&name);
        std::fs::write(&path, &contents).map_err(|e| format!("{}: {e}", path.display()))?;
        report.push(format!("{}: {} rows", path.display(), contents.lines().count().saturating_sub(1)));
    }
    Ok(report.join("\n"))
}

fn import_uk_api(
    dir: &std::path::Path,
    out: &std::path::Path,
    areas: Option<&std::path::Path>,
    source: &str,
) -> Result<String, String> {
    let (table, area_table) = landed_datagen::uk_api::import_dir(dir, source).map_err(|e| e.to_string())?;
    std::fs::write(out, &table).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut report = format!("{}: {} rows", out.display(), table.lines().count().saturating_sub(1));
    if let Some(path) = areas {
        std::fs::write(path, &area_table).map_err(|e| format!("{}: {e}", path.display()))?;
        report.push_str(&format!("\n{}: {} areas", path.display(), area_table.lines().count().saturating_sub(1)));
    }
    Ok(report)
}
