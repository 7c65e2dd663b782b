//! `landed-datagen`: official files → `tariffs/` tables → snapshot blobs.
//!
//! ```sh
//! landed-datagen import                       # ../shared/tariff-sources → tariffs/
//! landed-datagen snapshot --out site/landed-snapshot.bin --text site/landed-text.bin
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
    },
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Import { sources, out } => import(&sources, &out),
        Command::Snapshot { root, out, text } => landed_datagen::snapshot::write(&root, &out, text.as_deref())
            .map(|id| format!("{}: snapshot {id}", out.display())),
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
