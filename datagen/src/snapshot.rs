//! Snapshot blobs from the normalized tables, for `Engine::from_bytes` and the widget's
//! `snapshot` attribute.

use landed::snapshot::write::{compile, Inline};
use std::path::Path;

/// What to write.
pub struct Outputs<'p> {
    /// The core blob.
    pub core: &'p Path,
    /// The description blob (search and display), when wanted.
    pub text: Option<&'p Path>,
    /// A folder for the parts as separate, content-addressed files (the browser fetches the
    /// ones a quote needs: tables' chapter parts, on-demand data files, years of daily rates);
    /// the core then carries only the rules, VAT and the FX files every quote may need inline
    /// (`Inline::RulesOnly`).
    pub parts: Option<&'p Path>,
}

/// Compiles the tables under `root` (a directory holding `tariffs/`) and writes the blobs.
/// Returns the snapshot id and a line per file written.
pub fn write(root: &Path, out: &Outputs<'_>) -> Result<(String, Vec<String>), String> {
    let inline = if out.parts.is_some() { Inline::RulesOnly } else { Inline::All };
    let compiled = compile(root, inline)?;
    let mut written = Vec::new();
    let mut put = |path: &Path, bytes: &[u8], name: &str| -> Result<(), String> {
        std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(format!("{}: {} bytes{name}", path.display(), bytes.len()));
        Ok(())
    };
    put(out.core, &compiled.core, "")?;
    if let Some(path) = out.text {
        put(path, &compiled.text, "")?;
    }
    if let Some(dir) = out.parts {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for part in compiled.parts.iter().filter(|p| !inline.includes(&p.name)) {
            put(&dir.join(part.file_name()), &part.bytes, &format!(" ({})", part.name.trim_start_matches("table:")))?;
        }
    }
    let snapshot = landed::snapshot::Snapshot::decode(&compiled.core).map_err(|e| e.to_string())?;
    Ok((snapshot.id(), written))
}
