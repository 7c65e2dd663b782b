//! Every hand-written US layer that cites an HTS 2026 chapter 99 heading carries the rate that
//! heading states: `tariffs/rules/us_layers.tsv` is checked against the official HTS JSON files.

use std::io::Read as _;
use std::path::PathBuf;

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `general` text of every chapter 99 heading of one HTS revision.
fn headings(file: &str) -> Option<Vec<(String, String)>> {
    let path = repository().join("../shared/tariff-sources/us/hts-2026").join(file);
    let Ok(gz) = std::fs::File::open(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return None;
    };
    let mut json = String::new();
    flate2::read::GzDecoder::new(gz).read_to_string(&mut json).unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let text = |r: &serde_json::Value, f: &str| r.get(f).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    Some(
        rows.iter()
            .filter(|r| text(r, "htsno").starts_with("9903."))
            .map(|r| (text(r, "htsno"), text(r, "general")))
            .collect(),
    )
}

#[test]
fn us_layer_rates_match_the_hts_headings_they_cite() {
    let (Some(rev3), Some(rev10)) = (headings("hts_2026_rev_3.json.gz"), headings("hts_2026_rev_10.json.gz")) else {
        return;
    };
    let table = std::fs::read_to_string(repository().join("tariffs/rules/us_layers.tsv")).unwrap();
    let mut lines = table.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|c| *c == name).unwrap();
    let (id_i, ch99_i, pct_i, src_i) = (col("id"), col("ch99"), col("percent"), col("source"));
    let mut checked = 0;
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let (ch99, percent, source) = (f[ch99_i], f[pct_i], f[src_i]);
        let revision = if source.contains("HTSUS 2026 Rev 3 heading") {
            &rev3
        } else if source.contains("HTSUS 2026 Rev 10 heading") {
            &rev10
        } else {
            continue;
        };
        if percent.is_empty() {
            continue;
        }
        let general =
            &revision.iter().find(|(h, _)| h == ch99).unwrap_or_else(|| panic!("{}: no heading {ch99}", f[id_i])).1;
        let stated = general.contains(&format!("+ {percent}%"))
            || general.contains(&format!("+{percent}%"))
            || general.contains(&format!("plus {percent}%"))
            || general.contains(&format!("duty of {percent}%"))
            || general.trim() == format!("{percent}%")
            // An exemption heading (the civil-aircraft headings): no duty beyond the subheading's,
            // worded "No change" in Taiwan's 9903.96.03.
            || (percent == "0"
                && matches!(general.trim(), "The duty provided in the applicable subheading" | "No change"));
        assert!(stated, "{}: {percent} % but heading {ch99} says {general:?}", f[id_i]);
        checked += 1;
    }
    assert!(checked >= 25, "only {checked} rows cite an HTS heading");
}
