//! Snapshot blobs from the normalized tables, for `Engine::from_bytes` and the widget's
//! `snapshot` attribute.

use std::path::Path;

/// Compiles the tables under `root` (a directory holding `tariffs/`) and writes the core blob
/// to `out` and, when given, the description blob to `text_out`. Returns the snapshot id.
pub fn write(root: &Path, out: &Path, text_out: Option<&Path>) -> Result<String, String> {
    let compiled = landed::snapshot::write::compile(root)?;
    std::fs::write(out, &compiled.core).map_err(|e| format!("{}: {e}", out.display()))?;
    if let Some(path) = text_out {
        std::fs::write(path, &compiled.text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let hash = &compiled.core[compiled.core.len() - 32..];
    Ok(format!("sha256:{}", hash[..8].iter().map(|b| format!("{b:02x}")).collect::<String>()))
}
