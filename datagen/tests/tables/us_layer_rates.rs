//! Every hand-written US layer that cites an HTS 2026 chapter 99 heading carries the rate that
//! heading states: `tariffs/rules/us_layers.tsv` is checked against the official HTS JSON files.

use rust_decimal::Decimal;
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
    let (kind_i, scopes_i, origins_i, from_i) = (col("rate_kind"), col("scopes"), col("origins"), col("valid_from"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    let mut checked = 0;
    for f in &rows {
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
        // A conditional row may be the points a heading adds beyond the row that applies in its
        // place otherwise (the UK's cars beyond their quota: 9903.94.01's 25 % in place of
        // 9903.94.31's 7.5 %, the row 17.5): the heading's rate less that row's, same scopes,
        // origins and start.
        let beyond_other = f[kind_i] == "conditional"
            && rows.iter().any(|o| {
                o[id_i] != f[id_i]
                    && o[kind_i] == "add"
                    && (o[scopes_i], o[origins_i], o[from_i]) == (f[scopes_i], f[origins_i], f[from_i])
                    && matches!(
                        (percent.parse::<Decimal>(), o[pct_i].parse::<Decimal>(), heading_percent(general)),
                        (Ok(p), Ok(other), Some(h)) if h - other == p
                    )
            });
        let stated = beyond_other
            || general.contains(&format!("+ {percent}%"))
            || general.contains(&format!("+{percent}%"))
            || general.contains(&format!("plus {percent}%"))
            || general.contains(&format!("duty of {percent}%"))
            || general.trim() == format!("{percent}%")
            // The heading of an all-in rate when the column 1 rate is at or above `percent`
            // (9903.02.19): no duty beyond the subheading's.
            || (f[kind_i] == "all_in_at_least" && general.trim() == "The duty provided in the applicable subheading")
            // An exemption heading (the civil-aircraft headings): no duty beyond the subheading's,
            // worded "No change" in Taiwan's 9903.96.03.
            || (percent == "0"
                && matches!(general.trim(), "The duty provided in the applicable subheading" | "No change"));
        assert!(stated, "{}: {percent} % but heading {ch99} says {general:?}", f[id_i]);
        checked += 1;
    }
    assert!(checked >= 25, "only {checked} rows cite an HTS heading");
}

/// The ad valorem percentage a heading adds ("... + 25%"), if it says one.
fn heading_percent(general: &str) -> Option<Decimal> {
    let after = general.rsplit_once('+')?.1.trim();
    after.strip_suffix('%')?.trim().parse().ok()
}
