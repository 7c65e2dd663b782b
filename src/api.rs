//! The operations the CLI and the browser bindings share, with their JSON response shapes:
//! `rate`, `search`, `snapshot_info` and `countries` (and [`Engine::quote`]). Each takes the engine
//! whose snapshot it answers from; [`Engine`] has a method for each.

use crate::correlation::ViaCorrelation;
use crate::date::Date;
use crate::duty::DutyExpr;
use crate::error::{Error, ErrorCode, Result};
use crate::hs::HsCode;
use crate::provenance::Provenance;
use crate::rules::Coverage;
use crate::search::Candidate;
use crate::snapshot::{LookupLine, Match, Snapshot};
use crate::Engine;
use serde::Serialize;

/// One published tariff line.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct RateLine {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub description: String,
    pub duty_text: String,
    pub expression: DutyExpr,
    /// `mfn` (US column 1 general) or `third_country` (UK/EU).
    pub column: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub special: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub col2: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub flags: Vec<String>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// Where the line comes from (written as its citation: publisher, dataset, vintage).
    #[serde(serialize_with = "crate::provenance::cited")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Citation"))]
    pub source: Provenance<'static>,
}

/// The answer to `rate DEST CODE`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct RateResponse {
    pub destination: String,
    pub jurisdiction: String,
    pub code: String,
    pub matched_code: String,
    #[serde(rename = "match")]
    pub kind: Match,
    pub as_of: Date,
    pub snapshot_id: String,
    /// The line, for an exact or prefix match.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub line: Option<RateLine>,
    /// Every line under a partial code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<RateLine>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unranked: Option<usize>,
    /// The lines left out of `min` and `max` (a duty that is not a plain percentage: specific,
    /// compound, a quota rate, …), named: the range says nothing of them (audit-q Q6).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub unranked_lines: Vec<String>,
    /// Set when the code is an HS 2022 subheading resolved through the HS 2022 → HS 2017
    /// correlation on a tariff in HS 2017 codes: from, to, relationship, source and a note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via_correlation: Option<ViaCorrelation<'static>>,
    /// The edition of the tariff in force on the date (the newest on or before it; a line a
    /// later edition left unchanged keeps the source of the edition it first appeared in), with
    /// its age: `stale` when a newer edition may have changed the line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tariff_edition: Option<crate::datasets::DatasetUsed>,
    /// What the answer is: the tariff's own rate for the code, not a landed cost (and the row by
    /// origin that would leave it unpriced on the date, if any).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub covers: std::borrow::Cow<'static, str>,
}

/// [`RateResponse::covers`].
pub const RATE_COVERS: &str = "the tariff's own rate for the code; what depends on origin, value, date and buyer (preferences, additional duties such as Section 301/232, thresholds, excise, VAT/GST, fees) is in a quote";

/// [`RateResponse::covers`] for a destination whose preference programmes are not in our data
/// (every one but the US, Japan, the EU and GB: audit-n N3): a quote charges every origin the
/// general rate, and says nothing of a free-trade agreement the goods may qualify under.
pub const RATE_COVERS_NO_PREFERENCES: &str = "the tariff's own (general) rate for the code; this destination's preferences (free-trade agreements) are not in our data, so no quote applies one: goods originating in a partner country may pay less with proof of origin; what depends on origin, value, date and buyer (additional duties, thresholds, excise, VAT/GST, fees) is in a quote";

/// [`RateResponse::covers`] for the EU and GB, whose agreements are in our data by partner
/// (`rules/eu_gb_agreements.tsv`, audit-mm MM1) but not their preferential rates per line.
pub const RATE_COVERS_AGREEMENTS: &str = "the tariff's own (general) rate for the code; this destination's preferences (free-trade agreements) are not in our data as rates per line: a quote of goods of a partner country offers its agreement (the EU-UK Trade and Cooperation Agreement at 0 when claimed, the others without a figure); what depends on origin, value, date and buyer (additional duties, thresholds, excise, VAT/GST, fees) is in a quote";

/// A line of a look-up; `cite`: the edition it is cited by (the one in force on the date, as a
/// quote's levy cites it: [`crate::datasets::edition_of`]).
fn rate_line(
    snapshot: &'static Snapshot<'static>,
    l: &LookupLine<'_>,
    with_code: bool,
    cite: impl Fn(&'static Provenance<'static>) -> &'static Provenance<'static>,
) -> RateLine {
    let r = &l.row;
    let some = |t: &str| (!t.is_empty()).then(|| t.to_string());
    RateLine {
        code: with_code.then(|| r.code().to_string()),
        description: snapshot.description(r).into(),
        duty_text: r.mfn.into(),
        expression: l.expression.clone(),
        column: if r.col2.is_empty() && r.special.is_empty() { "third_country" } else { "mfn" },
        special: some(r.special),
        col2: some(r.col2),
        units: some(r.units),
        flags: r.flags.split(',').filter(|f| !f.is_empty()).map(str::to_string).collect(),
        valid_from: r.valid_from,
        valid_to: r.valid_to,
        source: cite(snapshot.source(r)).borrowed(),
    }
}

/// `E_NO_TARIFF` for a destination whose law charges duty only on listed goods
/// (`rules/duty_free.tsv`): the error says what a quote of the code does, citing the row (audit-s
/// S13: `rate CH 6109` said only "no tariff" while a quote prices Swiss industrial goods duty free
/// by `duty_free.tsv#ch-industrial-free`).
fn without_tariff(
    engine: &Engine,
    e: crate::error::Error,
    destination: &str,
    code: &HsCode,
    date: Date,
) -> crate::error::Error {
    if e.code != crate::error::ErrorCode::NoTariff {
        return e;
    }
    let Some(row) = engine.rules().duty_free(destination, date) else { return e };
    let unverified = if row.source.is_verify() { " [verify]" } else { "" };
    let said = match row.dutiable_prefix(code.digits()) {
        None => format!(
            "; a quote prices {code} duty free on {date} by {}{unverified}: {} is not among the goods {destination} charges duty on ({})",
            row.source.row(),
            code.digits(),
            row.assumption
        ),
        // The code asked, and the prefix of the row that reaches it (audit-x X7: "22 is among the
        // goods CH charges duty on" named the prefix alone).
        Some(prefix) => format!(
            "; {} (HS {prefix}) is among the goods {destination} charges duty on ({}), whose rates are not in our data: a quote asks for duty_rate",
            code.digits(),
            row.source.row()
        ),
    };
    let mut e = e.into_fields();
    e.message.push_str(&said);
    crate::error::Error::from(e)
}

/// Looks up a code in the tariff a destination applies, as in force on `date`.
pub fn rate(engine: &Engine, destination: &str, code: &str, date: Date) -> Result<RateResponse> {
    let destination = crate::request::country(destination, "destination")?;
    let code = HsCode::parse(code)?;
    let snapshot = engine.snapshot();
    let found =
        snapshot.lookup(&destination, &code, date).map_err(|e| without_tariff(engine, e, &destination, &code, date))?;
    // Every line when several answer (a partial code, or a correlation to several lines).
    let partial = found.kind == Match::Partial || found.lines.len() > 1;
    let pct = |p: Option<rust_decimal::Decimal>| p.map(|p| format!("{}%", p.normalize()));
    // `landed rate US 6109100012` on a date of HTS Revision 10 cited Revision 3, the edition the
    // line first appeared in, beside "edition in force: Revision 10" (m8-16).
    let in_force = engine.datasets().tariff_source_in_force(found.jurisdiction, date);
    let cite = |own| crate::datasets::edition_of(in_force, own);
    Ok(RateResponse {
        destination: destination.clone(),
        jurisdiction: found.jurisdiction.to_string(),
        code: code.to_string(),
        matched_code: found.matched_code.clone(),
        kind: found.kind,
        as_of: date,
        snapshot_id: snapshot.id(),
        line: (!partial).then(|| found.lines.first().map(|l| rate_line(snapshot, l, false, cite))).flatten(),
        lines: partial.then(|| found.lines.iter().map(|l| rate_line(snapshot, l, true, cite)).collect()),
        min: if partial { pct(found.min_percent) } else { None },
        max: if partial { pct(found.max_percent) } else { None },
        unranked: partial.then_some(found.unranked),
        unranked_lines: match partial {
            true => found
                .lines
                .iter()
                .filter(|l| l.expression.simple_percent().is_none())
                .map(|l| l.row.code().to_string())
                .collect(),
            false => Vec::new(),
        },
        via_correlation: found.via_correlation,
        tariff_edition: engine
            .datasets()
            .tariff_in_force(found.jurisdiction, date)
            .and_then(|id| engine.datasets().used(id, date)),
        covers: covers(engine, &destination, &code, date),
    })
}

/// [`RateResponse::covers`]: and, where a row of `rules/duty_free.tsv` by origin reaches the code
/// on the date, that goods of its origins may owe no duty by it, not by a preference (audit-x
/// X7: `rate DE 61091000` on 2026-11-27 spoke only of partner countries while a quote leaves the
/// duty of US-origin goods unpriced by `eu-us-industrial-2026`).
fn covers(engine: &Engine, destination: &str, code: &HsCode, date: Date) -> std::borrow::Cow<'static, str> {
    let covers = match crate::rules::Rules::has_programmes(destination) {
        true => RATE_COVERS,
        false if !engine.rules().programmes(destination).is_empty() => RATE_COVERS_AGREEMENTS,
        false => RATE_COVERS_NO_PREFERENCES,
    };
    match engine.rules().any_origin_duty_free(destination, code.digits(), date) {
        Some(row) => format!(
            "{covers}; goods of origin {} may owe no duty on this date by {} [verify] (not a preference: {}), so a quote of such goods lists this rate unpriced",
            row.origins.join(", "),
            row.source.row(),
            row.assumption
        )
        .into(),
        None => covers.into(),
    }
}

/// The answer to `search TEXT --dest DEST`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct SearchResponse {
    pub query: String,
    pub destination: String,
    pub snapshot_id: String,
    pub candidates: Vec<Candidate>,
}

/// Suggests codes for a description.
pub fn search(engine: &Engine, query: &str, destination: &str, limit: usize) -> Result<SearchResponse> {
    let destination = crate::request::country(destination, "destination")?;
    // An empty query matches nothing: say so rather than answer an empty list (audit-s S13).
    if query.trim().is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidField,
            "query",
            "the search text is empty: describe the goods, e.g. \"cotton t-shirt\"",
        ));
    }
    if limit == 0 {
        return Err(Error::new(ErrorCode::InvalidField, "limit", "the limit is 0: ask for at least 1 candidate"));
    }
    Ok(SearchResponse {
        query: query.into(),
        candidates: crate::search::search(engine, query, &destination, limit)?,
        destination,
        snapshot_id: engine.snapshot_id(),
    })
}

/// One table of the snapshot.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct TableInfo {
    pub jurisdiction: String,
    pub rows: usize,
    pub codes: usize,
    pub valid_from: Option<Date>,
    pub vintages: Vec<String>,
    /// The chapter parts the table travels in, how many are loaded, and whether all are (the
    /// browser fetches the chapters a quote needs; row details cover loaded parts only).
    pub parts: usize,
    pub parts_loaded: usize,
    pub loaded: bool,
}

/// What `snapshot info` prints.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct SnapshotInfo {
    pub snapshot_id: String,
    pub sha256: String,
    pub size_bytes: usize,
    pub tables: Vec<TableInfo>,
    pub files: Vec<String>,
    pub sources: Vec<Provenance<'static>>,
    /// Every dataset with its kind, vintage, publication period and age on `as_of`.
    pub as_of: Date,
    pub datasets: Vec<crate::datasets::DatasetUsed>,
}

/// Describes an engine's snapshot.
pub fn snapshot_info(engine: &Engine, date: Date) -> SnapshotInfo {
    let s = engine.snapshot();
    SnapshotInfo {
        snapshot_id: s.id(),
        sha256: s.sha256.clone(),
        size_bytes: s.size_bytes,
        tables: s
            .tables
            .iter()
            .map(|t| {
                let mut codes: Vec<&str> = s.rows(t).map(|r| r.code()).collect();
                codes.dedup();
                let mut vintages: Vec<String> = s.rows(t).map(|r| s.source(r).vintage.to_string()).collect();
                crate::sort::sort_unstable(&mut vintages);
                vintages.dedup();
                TableInfo {
                    jurisdiction: t.jurisdiction.into(),
                    rows: t.len(),
                    parts: t.chapters.len(),
                    parts_loaded: t.chapters.iter().filter(|c| c.part.is_loaded()).count(),
                    loaded: t.is_loaded(),
                    codes: codes.len(),
                    valid_from: s.rows(t).filter_map(|r| r.valid_from).min(),
                    vintages,
                }
            })
            .collect(),
        files: s.files.iter().map(|p| p.name.to_string()).collect(),
        sources: s.sources.clone(),
        as_of: date,
        datasets: engine.datasets().all(date),
    }
}

/// The answer to `countries`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct CountriesResponse {
    pub as_of: Date,
    pub snapshot_id: String,
    pub countries: Vec<Coverage>,
}

/// Supported destinations and their coverage on `date`.
pub fn countries(engine: &Engine, date: Date) -> CountriesResponse {
    let snapshot = engine.snapshot();
    let mut countries = engine.rules().coverage(snapshot, date);
    // Each tariff as the edition in force on the date, as quotes and `rate` name it (a table holds
    // rows of several editions: the oldest's provenance is not the edition that prices).
    for c in &mut countries {
        let Some(table) = c.tariff.table else { continue };
        if let Some(used) =
            engine.datasets().tariff_in_force(table, date).and_then(|id| engine.datasets().used(id, date))
        {
            c.tariff.source = format!("{}: {}", used.publisher, used.dataset);
            c.tariff.vintage = used.vintage.to_string();
        }
    }
    CountriesResponse { as_of: date, snapshot_id: snapshot.id(), countries }
}
