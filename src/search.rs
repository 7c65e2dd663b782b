//! Description search: ranks national tariff lines by how well their official descriptions, and
//! the HS 2022 texts of their heading and subheading, match a query. Offline; it suggests codes
//! and never overrides a code the caller gave.

use crate::snapshot::{Row, Snapshot, Table};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One suggested code.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Candidate {
    pub code: String,
    pub description: String,
    /// The HS 2022 subheading (or heading) text the line falls under.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub hs_description: String,
    pub duty_text: String,
    /// Relevance: higher is better; comparable within one search only.
    pub score: f32,
}

/// Lower-cased word stems: `T-shirts` → `t`, `shirt`.
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| {
        let w = w.to_lowercase();
        stem(&w).to_string()
    })
}

fn stem(w: &str) -> &str {
    if w.len() > 4 && w.ends_with("ies") {
        &w[..w.len() - 3]
    } else if w.len() > 3 && w.ends_with("es") && (w.ends_with("shes") || w.ends_with("ches") || w.ends_with("xes")) {
        &w[..w.len() - 2]
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        &w[..w.len() - 1]
    } else {
        w
    }
}

/// The query's tokens with everyday words expanded into tariff wording
/// (`tariffs/search_synonyms.tsv`).
fn query_tokens(snapshot: &Snapshot<'_>, query: &str) -> Vec<String> {
    let mut out = Vec::new();
    let synonyms = snapshot.file("search_synonyms.tsv").unwrap_or_default();
    for t in tokens(query) {
        let expansion = synonyms.lines().skip(1).find_map(|l| {
            let mut f = l.split('\t');
            (f.next().map(stem) == Some(t.as_str())).then(|| f.next().unwrap_or_default())
        });
        match expansion {
            Some(words) => out.extend(tokens(words)),
            None => out.push(t),
        }
    }
    out.retain(|t| !STOP.contains(&t.as_str()));
    out.dedup();
    out
}

/// Words too common in tariff texts to rank by.
const STOP: [&str; 16] =
    ["of", "and", "or", "the", "for", "with", "in", "a", "an", "other", "excl", "incl", "not", "than", "by", "to"];

/// An inverted index over one table: token → rows containing it (row index, weight).
struct Index {
    postings: HashMap<String, Vec<(u32, f32)>>,
    rows: usize,
}

fn build_index<'a>(snapshot: &Snapshot<'a>, table: &Table<'a>, hs: Option<&Table<'a>>) -> Index {
    let hs_text = |code: &str, n: usize| -> &str {
        hs.and_then(|t| hs_row(snapshot, t, &code[..n.min(code.len())])).map_or("", |r| snapshot.description(r))
    };
    let mut postings: HashMap<String, Vec<(u32, f32)>> = HashMap::new();
    for (i, row) in snapshot.rows(table).enumerate() {
        let mut weights: HashMap<String, f32> = HashMap::new();
        let sources =
            [(snapshot.description(row), 1.0f32), (hs_text(row.code(), 6), 0.6), (hs_text(row.code(), 4), 0.4)];
        for (text, w) in sources {
            for t in tokens(text) {
                if STOP.contains(&t.as_str()) {
                    continue;
                }
                let e = weights.entry(t).or_insert(0.0);
                *e = e.max(w);
            }
        }
        for (t, w) in weights {
            postings.entry(t).or_default().push((i as u32, w));
        }
    }
    Index { postings, rows: table.len() }
}

/// The HS nomenclature's row of exactly `prefix` (a heading or subheading), if loaded.
fn hs_row<'s, 'a>(snapshot: &'s Snapshot<'a>, hs: &'s Table<'a>, prefix: &str) -> Option<&'s Row<'a>> {
    let rows = snapshot.chapter_rows(hs, hs.chapter_part(prefix.as_bytes())?);
    let i = rows.partition_point(|r| r.code() < prefix);
    rows.get(i).filter(|r| r.code() == prefix)
}

/// The search indexes of an engine's tables, each built on its first search.
pub(crate) struct Indexes {
    snapshot: &'static Snapshot<'static>,
    tables: Vec<(&'static str, OnceLock<Index>)>,
}

impl Indexes {
    pub(crate) fn new(snapshot: &'static Snapshot<'static>) -> Indexes {
        let tables = snapshot
            .tables
            .iter()
            .filter(|t| t.jurisdiction != "HS")
            .map(|t| (t.jurisdiction, OnceLock::new()))
            .collect();
        Indexes { snapshot, tables }
    }

    fn get(&self, jurisdiction: &str) -> Option<&Index> {
        let (_, cell) = self.tables.iter().find(|(j, _)| *j == jurisdiction)?;
        let table = self.snapshot.table(jurisdiction)?;
        Some(cell.get_or_init(|| build_index(self.snapshot, table, self.snapshot.table("HS"))))
    }
}

/// Searches the engine's tariff for `destination` and returns up to `limit`
/// candidates, best first. Destinations without a tariff and empty queries return no candidates;
/// before the descriptions are loaded (browser) it is an `E_DESCRIPTIONS_NOT_LOADED` error.
pub fn search(
    engine: &crate::Engine,
    query: &str,
    destination: &str,
    limit: usize,
) -> crate::error::Result<Vec<Candidate>> {
    let snapshot = engine.snapshot();
    if !snapshot.has_text() {
        return Err(crate::error::Error::new(
            crate::error::ErrorCode::DescriptionsNotLoaded,
            "",
            "tariff descriptions are not loaded yet: load them with loadDescriptions() first",
        ));
    }
    let jurisdiction = snapshot.tariff_of(destination);
    if snapshot.table(jurisdiction).is_none_or(|t| t.jurisdiction == "HS") {
        // No tariff to search: an empty list would read as "nothing matched".
        return Err(crate::error::Error::new(
            crate::error::ErrorCode::NoTariff,
            "destination",
            format!("the snapshot has no tariff for {destination} to search: find the code's first six digits in another destination's tariff (they are the HS 2022 code every member shares) and give duty_rate"),
        ));
    }
    // The index reads the table and the HS 2022 texts: both must be here before it is built.
    for table in [snapshot.table(jurisdiction), snapshot.table("HS")].into_iter().flatten() {
        snapshot.require(table)?;
    }
    let (Some(index), Some(table)) = (engine.search_indexes().get(jurisdiction), snapshot.table(jurisdiction)) else {
        return Ok(Vec::new());
    };
    let mut scores: HashMap<u32, (f32, usize)> = HashMap::new();
    let query_tokens = query_tokens(snapshot, query);
    for t in &query_tokens {
        let Some(list) = index.postings.get(t) else { continue };
        let idf = ((index.rows as f32 + 1.0) / (list.len() as f32 + 0.5)).ln();
        for &(row, w) in list {
            let e = scores.entry(row).or_insert((0.0, 0));
            e.0 += idf * w;
            e.1 += 1;
        }
    }
    let mut ranked: Vec<(u32, f32)> = scores
        .into_iter()
        .map(|(row, (score, matched))| {
            // Prefer lines matching every query word, then shorter (more specific) descriptions.
            let coverage = matched as f32 / query_tokens.len().max(1) as f32;
            let len = snapshot.row(table, row as usize).map_or(0, |r| snapshot.description(r).len()) as f32;
            (row, score * coverage * coverage / (1.0 + len / 400.0))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let hs = snapshot.table("HS");
    Ok(ranked
        .into_iter()
        .take(limit)
        .filter_map(|(i, score)| Some((snapshot.row(table, i as usize)?, score)))
        .map(|(row, score)| {
            let hs_description = hs
                .and_then(|t| {
                    [6usize, 4].iter().find_map(|&n| {
                        hs_row(snapshot, t, &row.code()[..n.min(row.code().len())])
                            .map(|r| snapshot.description(r).to_string())
                    })
                })
                .unwrap_or_default();
            Candidate {
                code: row.code().to_string(),
                description: snapshot.description(row).to_string(),
                hs_description,
                duty_text: row.mfn.to_string(),
                score: (score * 100.0).round() / 100.0,
            }
        })
        .collect())
}
