//! UK Trade Tariff API v2 commodity files → rows of the GB tariff table (`tariffs/gb.tsv`).
//!
//! Input: one JSON file per commodity, either the JSON:API document the API returns
//! (`/api/v2/commodities/{code}`: `data` with relationships, `included` resources) or the same
//! commodity with its relationships resolved into nested objects (the fixtures' form):
//! `goods_nomenclature_item_id`, `description_plain`, `import_measures[]` with `measure_type`,
//! `measure_components`, `measure_conditions`, `geographical_area`, `excluded_countries`,
//! `effective_start_date`, `effective_end_date`, `order_number`.
//!
//! Output: rows of the ten [`COLUMNS`](crate::table::COLUMNS), one per period over which the
//! commodity's duty measures do not change:
//! - `mfn`: the third-country duty (measure type 103), written in the engine's duty grammar
//!   from the measure's components (`10.20% + 93.10 EUR / 100 kg`, `2.70%`); a duty that rests
//!   on entry-price conditions (code V) is `Entry Price`; one that rests on other conditions, or
//!   differs by additional code, is a sentence the engine classifies as not priceable;
//! - `special`: the preferential rates (measure type 142, tariff preference) in the US column 1
//!   special form read by [`landed::rules::us::special_rates`]: `RATE (AREA,AREA) RATE (AREA)`,
//!   rates sorted, each followed by the API geographical areas that may claim it — an ISO country
//!   code (`CA`) or a group id (`1013` European Union, `2005` GSP least developed countries),
//!   a group with excluded countries written `GROUP-XX-YY`. The areas file written beside the
//!   table (`area, description, members`) lists each area's member countries, so a quote can
//!   tell whether an origin may claim a rate;
//! - `flags`: `quota` (tariff quotas, preferential or not: the in-quota rate needs a quota
//!   allocation), `suspension` (duty suspensions, end-use and ships' reliefs), `trade_remedy`
//!   (anti-dumping, countervailing, safeguard and additional duties: measure series D and J),
//!   and `measure:ID` for any other duty measure type this importer does not interpret;
//! - `units`: the supplementary unit (measure type 109) in the engine's unit words.
//!
//! Measures of series other than C (duties), D (anti-dumping/countervailing) and J (additional
//! duties) — VAT, excise, prohibitions, certificates, controls — are not tariff duties and are
//! left to the engine's own rules. Dates are the measures' effective dates (inclusive).
//!
//! Errors name the file and the JSON path of the value at fault
//! (`0702000007.json: $.import_measures[3].measure_type.id: expected a string`; in a JSON:API
//! document the path runs through the resolved relationships: `data.import_measures[3]…`).

use crate::table::{to_tsv, TableRow};
use landed::date::Date;
use landed::error::{Error, ErrorCode, Result};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// `sources.tsv` id given to rows built from API files (the caller may pass another).
pub const DEFAULT_SOURCE: &str = "uk-trade-tariff-api-v2";

/// Member countries of the geographical areas named in `special`: area id → (description,
/// members). A country is its own only member.
pub type Areas = BTreeMap<String, (String, BTreeSet<String>)>;

/// Reads every `*.json` commodity file in `dir` (JSON arrays, such as a country list, are
/// skipped) and returns the GB table and the areas table as TSV. Two files giving different rows for one code and period
/// are an error naming both.
pub fn import_dir(dir: &Path, source: &str) -> Result<(String, String)> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let mut rows: BTreeMap<(String, String), (TableRow, String)> = BTreeMap::new();
    let mut areas = Areas::new();
    for name in &names {
        let path = dir.join(name);
        let Some(commodity) = read_commodity(&path, source)? else { continue };
        merge_areas(&mut areas, commodity.areas);
        for row in commodity.rows {
            let key = (row.code.clone(), row.valid_from.clone());
            match rows.get(&key) {
                Some((existing, other)) if *existing != row => {
                    return Err(Error::new(
                        ErrorCode::Io,
                        "sources",
                        format!("{name} and {other} give different rows for {} from {}", key.0, key.1),
                    ));
                }
                Some(_) => {}
                None => {
                    rows.insert(key, (row, name.clone()));
                }
            }
        }
    }
    let table: BTreeSet<TableRow> = rows.into_values().map(|(r, _)| r).collect();
    Ok((to_tsv(&table), areas_tsv(&areas)))
}

/// The rows and areas of one commodity file.
#[derive(Debug)]
pub struct Commodity {
    pub rows: Vec<TableRow>,
    pub areas: Areas,
}

/// Reads one commodity file, nested or JSON:API. `Ok(None)` for a JSON array (a list such as
/// the countries, not a commodity); malformed JSON, an object that is not a commodity, or a
/// commodity with a malformed measure is an error naming the file and the JSON path.
pub fn read_commodity(path: &Path, source: &str) -> Result<Option<Commodity>> {
    let bytes = std::fs::read(path).map_err(|e| io(path, e))?;
    let file = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
    let json: Value =
        serde_json::from_slice(&bytes).map_err(|e| Error::new(ErrorCode::Io, "sources", format!("{file}: $: {e}")))?;
    if json.is_array() {
        return Ok(None); // a list (countries, geographical areas), not a commodity
    }
    if json.get("goods_nomenclature_item_id").is_none() && json.get("data").is_some() {
        // The API's own JSON:API document: resolve its relationships into the nested object.
        let resolved = resolve_json_api(&json).map_err(|e| At { file: &file, path: "$".into(), v: &json }.err(e))?;
        return commodity(&At { file: &file, path: "data".into(), v: &resolved }, source).map(Some);
    }
    commodity(&At { file: &file, path: "$".into(), v: &json }, source).map(Some)
}

/// A JSON:API document (`data` + `included`, as `/api/v2/commodities/{code}` returns it) as
/// the nested commodity object: each resource becomes its attributes (with its `id` unless an
/// attribute gives one) and each relationship the resolved resource or list. A related
/// resource missing from `included` stays `{id, type}`, so a field read from it is reported
/// missing at its path.
fn resolve_json_api(doc: &Value) -> std::result::Result<Value, String> {
    let mut index: std::collections::HashMap<(String, String), &Value> = std::collections::HashMap::new();
    for r in doc.get("included").and_then(Value::as_array).into_iter().flatten() {
        if let (Some(t), Some(id)) = (r.get("type").and_then(Value::as_str), r.get("id").and_then(Value::as_str)) {
            index.insert((t.to_string(), id.to_string()), r);
        }
    }
    let data = doc.get("data").filter(|d| d.is_object()).ok_or("data is not a resource object")?;
    Ok(resolve_resource(data, &index, 0))
}

fn resolve_resource(r: &Value, index: &std::collections::HashMap<(String, String), &Value>, depth: usize) -> Value {
    let mut out = r.get("attributes").and_then(Value::as_object).cloned().unwrap_or_default();
    if !out.contains_key("id") {
        out.insert("id".into(), r.get("id").cloned().unwrap_or(Value::Null));
    }
    let linked = |link: &Value| -> Value {
        let key = (
            link.get("type").and_then(Value::as_str).unwrap_or_default().to_string(),
            link.get("id").and_then(Value::as_str).unwrap_or_default().to_string(),
        );
        match index.get(&key) {
            // Relationships nest a few levels (commodity → measure → condition → component);
            // the bound stops a cycle.
            Some(found) if depth < 8 => resolve_resource(found, index, depth + 1),
            _ => link.clone(),
        }
    };
    for (name, rel) in r.get("relationships").and_then(Value::as_object).into_iter().flatten() {
        let value = match rel.get("data") {
            Some(Value::Array(links)) => Value::Array(links.iter().map(linked).collect()),
            Some(link @ Value::Object(_)) => linked(link),
            Some(Value::Null) => Value::Null,
            _ => continue,
        };
        out.insert(name.clone(), value);
    }
    Value::Object(out)
}

/// A JSON value with its path, for errors that say where.
struct At<'v> {
    file: &'v str,
    path: String,
    v: &'v Value,
}

impl<'v> At<'v> {
    fn err(&self, message: impl std::fmt::Display) -> Error {
        Error::new(ErrorCode::Io, "sources", format!("{}: {}: {message}", self.file, self.path))
    }

    /// A member, which must be present (it may be null).
    fn get(&self, key: &str) -> Result<At<'v>> {
        let v = self.v.get(key).ok_or_else(|| self.err(format!("missing {key:?}")))?;
        Ok(At { file: self.file, path: format!("{}.{key}", self.path), v })
    }

    /// A member that may be absent or null.
    fn opt(&self, key: &str) -> Option<At<'v>> {
        let v = self.v.get(key).filter(|v| !v.is_null())?;
        Some(At { file: self.file, path: format!("{}.{key}", self.path), v })
    }

    fn str(&self) -> Result<&'v str> {
        self.v.as_str().ok_or_else(|| self.err("expected a string"))
    }

    /// A string member, `None` when absent, null or empty.
    fn opt_str(&self, key: &str) -> Result<Option<&'v str>> {
        match self.opt(key) {
            None => Ok(None),
            Some(a) => a.str().map(|s| Some(s.trim()).filter(|s| !s.is_empty())),
        }
    }

    fn items(&self) -> Result<Vec<At<'v>>> {
        let list = self.v.as_array().ok_or_else(|| self.err("expected an array"))?;
        Ok(list
            .iter()
            .enumerate()
            .map(|(i, v)| At { file: self.file, path: format!("{}[{i}]", self.path), v })
            .collect())
    }

    /// An array member, empty when absent or null.
    fn opt_items(&self, key: &str) -> Result<Vec<At<'v>>> {
        self.opt(key).map(|a| a.items()).unwrap_or_else(|| Ok(Vec::new()))
    }

    fn decimal(&self) -> Result<Decimal> {
        let n = self.v.as_number().ok_or_else(|| self.err("expected a number"))?.to_string();
        Decimal::from_str_exact(&n)
            .or_else(|_| Decimal::from_scientific(&n))
            .map_err(|_| self.err(format!("{n} is not a decimal")))
    }

    /// An ISO date-time's day: `2021-01-01T00:00:00.000Z` → 2021-01-01.
    fn date(&self) -> Result<Date> {
        let s = self.str()?;
        Date::parse(s.get(..10).unwrap_or(s)).map_err(|_| self.err(format!("{s:?} is not a date")))
    }
}

/// What a duty measure contributes to the row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    ThirdCountry,
    Preference,
    Flag(String),
}

/// One duty measure, reduced to what the table needs.
#[derive(Debug, Clone)]
struct Measure {
    role: Role,
    from: Date,
    to: Option<Date>,
    /// Duty text in the engine's grammar.
    duty: String,
    /// The area label (`CA`, `1013`, `1013-XX`) for preferences.
    area: String,
    additional_code: Option<String>,
}

impl Measure {
    fn in_force(&self, day: Date) -> bool {
        self.from <= day && self.to.is_none_or(|t| day <= t)
    }
}

/// The role of a measure type in the table, by TARIC measure type and series; `None` for
/// measures that are not tariff duties.
fn role(type_id: &str, series: &str) -> Option<Role> {
    let flag = |f: &str| Some(Role::Flag(f.to_string()));
    match (series, type_id) {
        ("C", "103") => Some(Role::ThirdCountry),
        ("C", "142") => Some(Role::Preference),
        ("C", "122" | "123" | "143" | "145" | "146" | "147" | "653" | "654") => flag("quota"),
        ("C", "112" | "115" | "117" | "119" | "141") => flag("suspension"),
        ("D" | "J", _) => flag("trade_remedy"),
        ("C", other) => flag(&format!("measure:{other}")),
        _ => None,
    }
}

fn commodity(root: &At<'_>, source: &str) -> Result<Commodity> {
    let code_at = root.get("goods_nomenclature_item_id")?;
    let code = code_at.str()?.trim().to_string();
    if code.len() != 10 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(code_at.err(format!("{code:?} is not a 10-digit commodity code")));
    }
    let description = ["description_plain", "formatted_description", "description"]
        .iter()
        .find_map(|k| root.opt_str(k).ok().flatten())
        .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    let mut measures = Vec::new();
    let mut areas = Areas::new();
    let mut units = BTreeSet::new();
    for m in root.get("import_measures")?.items()? {
        let kind = m.get("measure_type")?;
        let (type_id, series) = (kind.get("id")?.str()?, kind.get("measure_type_series_id")?.str()?);
        if series == "O" && type_id == "109" {
            for c in m.opt_items("measure_components")? {
                if let Some(u) = c.opt_str("measurement_unit_code")? {
                    units.insert(unit_label(u, None));
                }
            }
            continue;
        }
        let Some(role) = role(type_id, series) else { continue };
        let from = m.get("effective_start_date")?.date()?;
        let to = m.opt("effective_end_date").map(|a| a.date()).transpose()?;
        if to.is_some_and(|t| t < from) {
            return Err(m.err("effective_end_date is before effective_start_date"));
        }
        let area = area(&m.get("geographical_area")?, &m.opt_items("excluded_countries")?, &mut areas)?;
        let additional_code =
            m.opt("additional_code").map(|a| a.opt_str("code")).transpose()?.flatten().map(str::to_string);
        let duty = if matches!(role, Role::Flag(_)) { String::new() } else { measure_duty(&m)? };
        measures.push(Measure { role, from, to, duty, area, additional_code });
    }
    let rows = periods(&measures)
        .into_iter()
        .map(|(from, to, cells)| TableRow {
            code: code.clone(),
            valid_from: from.to_string(),
            valid_to: to.map(|d| d.to_string()).unwrap_or_default(),
            description: description.clone(),
            units: units.iter().cloned().collect::<Vec<_>>().join(","),
            mfn: cells.mfn,
            special: cells.special,
            col2: String::new(),
            flags: cells.flags,
            source: source.to_string(),
        })
        .collect();
    let used: BTreeSet<&str> =
        measures.iter().filter(|m| m.role == Role::Preference).map(|m| m.area.as_str()).collect();
    areas.retain(|k, _| used.contains(k.as_str()));
    Ok(Commodity { rows, areas })
}

/// The area label of a measure, recording its members (children, less exclusions).
fn area(geo: &At<'_>, excluded: &[At<'_>], areas: &mut Areas) -> Result<String> {
    let id = geo.get("geographical_area_id").or_else(|_| geo.get("id"))?.str()?.trim().to_string();
    let description = geo.opt_str("description")?.unwrap_or_default().to_string();
    let mut members: BTreeSet<String> = BTreeSet::new();
    for child in geo.opt_items("children_geographical_areas")? {
        members.insert(child.get("id")?.str()?.trim().to_string());
    }
    if members.is_empty() {
        members.insert(id.clone());
    }
    let mut out: BTreeSet<String> = BTreeSet::new();
    for e in excluded {
        out.insert(e.get("geographical_area_id").or_else(|_| e.get("id"))?.str()?.trim().to_string());
    }
    let label = if out.is_empty() { id } else { format!("{id}-{}", out.iter().cloned().collect::<Vec<_>>().join("-")) };
    members.retain(|m| !out.contains(m));
    areas.insert(label.clone(), (description, members));
    Ok(label)
}

fn merge_areas(into: &mut Areas, from: Areas) {
    for (k, (d, members)) in from {
        let entry = into.entry(k).or_insert_with(|| (d, BTreeSet::new()));
        entry.1.extend(members);
    }
}

fn areas_tsv(areas: &Areas) -> String {
    let mut out = String::from("area\tdescription\tmembers\n");
    for (id, (description, members)) in areas {
        let members: Vec<&str> = members.iter().map(String::as_str).collect();
        let _ = writeln!(out, "{id}\t{}\t{}", description.replace('\t', " "), members.join(" "));
    }
    out
}

/// The duty of a measure in the engine's grammar: from its components, else from its
/// conditions (entry price), else empty (no rate published).
fn measure_duty(m: &At<'_>) -> Result<String> {
    let components = m.opt_items("measure_components")?;
    if !components.is_empty() {
        return duty_text(&components);
    }
    let conditions = m.opt_items("measure_conditions")?;
    let mut codes = BTreeSet::new();
    for c in &conditions {
        if let Some(code) = c.opt_str("condition_code")? {
            codes.insert(code.to_string());
        }
    }
    Ok(if codes.contains("V") {
        "Entry Price".into()
    } else if !codes.is_empty() {
        // No parentheses: `special` uses them to delimit areas.
        format!("Depends on the measure conditions: codes {}", codes.into_iter().collect::<Vec<_>>().join(", "))
    } else {
        String::new()
    })
}

/// Components in order, each `[operator] amount unit`: `10.20% + 93.10 EUR / 100 kg MIN …`.
fn duty_text(components: &[At<'_>]) -> Result<String> {
    let mut parts = Vec::with_capacity(components.len());
    for c in components {
        let id_at = c.get("duty_expression_id")?;
        let id = id_at.str()?;
        let body = || -> Result<String> {
            let amount = format_amount(c.get("duty_amount")?.decimal()?);
            let unit = c
                .opt_str("measurement_unit_code")?
                .map(|u| unit_label(u, c.opt_str("measurement_unit_qualifier_code").ok().flatten()));
            Ok(match (c.opt_str("monetary_unit_code")?, unit) {
                (None, None) => format!("{amount}%"),
                (None, Some(u)) => format!("{amount}% / {u}"),
                (Some(cur), None) => format!("{amount} {cur}"),
                (Some(cur), Some(u)) => format!("{amount} {cur} / {u}"),
            })
        };
        let part = match id {
            "01" => body()?,
            "02" | "36" => format!("- {}", body()?),
            "04" | "19" | "20" => format!("+ {}", body()?),
            "15" => format!("MIN {}", body()?),
            "17" | "35" => format!("MAX {}", body()?),
            "12" => "+ EA".into(),
            "14" => "+ EAR".into(),
            "21" => "+ ADSZ".into(),
            "25" => "+ ADSZR".into(),
            "27" => "+ ADFM".into(),
            "29" => "+ ADFMR".into(),
            "99" => continue, // a supplementary unit, not a duty
            other => {
                let what = c.opt_str("duty_expression_description")?.unwrap_or("unknown");
                format!("[duty expression {other}: {what}]")
            }
        };
        parts.push(part);
    }
    Ok(parts.join(" "))
}

/// Two decimals at least, as the tariff publishes them (`8.00`, `93.10`, `0.125`).
fn format_amount(d: Decimal) -> String {
    let d = d.normalize();
    if d.scale() < 2 {
        let mut r = d;
        r.rescale(2);
        r.to_string()
    } else {
        d.to_string()
    }
}

/// A TARIC measurement unit (and qualifier) in the engine's unit words; an unknown one is kept
/// as its code, which the engine's parser reports as not priceable.
fn unit_label(unit: &str, qualifier: Option<&str>) -> String {
    let base = match unit {
        "ASV" if qualifier == Some("X") => return "% vol / hl".into(),
        "ASV" => "% vol",
        "DTN" => "100 kg",
        "KGM" => "kg",
        "GRM" => "g",
        "TNE" => "tonne",
        "HLT" => "hl",
        "LTR" => "l",
        "KLT" => "1000 l",
        "MTQ" => "m3",
        "MTK" => "m2",
        "MTR" => "m",
        "HMT" => "100 m",
        "NAR" => "item",
        "CEN" => "100 items",
        "MIL" => "1000 items",
        "NPR" => "pair",
        "LPA" => "l alc",
        "MWH" => "1000 kWh",
        "RET" => "retail price",
        other => other,
    };
    let qualifier = qualifier.map(|q| match q {
        "A" => "tot alc",
        "E" => "net drained wt",
        "G" => "gross",
        "I" => "biodiesel",
        "M" => "net dry",
        "P" => "lactic matter",
        "R" => "std qual",
        "T" => "dry lactic matter",
        "Z" => "% sacchar.",
        other => other,
    });
    match qualifier {
        Some(q) => format!("{base}/{q}"),
        None => base.to_string(),
    }
}

/// The cells of one period.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cells {
    mfn: String,
    special: String,
    flags: String,
}

/// Splits time at every measure start and end, keeps the periods with a third-country duty in
/// force, and merges neighbours whose cells are equal. Ends are inclusive; `None` is open.
fn periods(measures: &[Measure]) -> Vec<(Date, Option<Date>, Cells)> {
    let mut cuts: BTreeSet<Date> = BTreeSet::new();
    for m in measures {
        cuts.insert(m.from);
        if let Some(t) = m.to {
            cuts.insert(t.add_days(1));
        }
    }
    let cuts: Vec<Date> = cuts.into_iter().collect();
    let mut out: Vec<(Date, Option<Date>, Cells)> = Vec::new();
    for (i, &from) in cuts.iter().enumerate() {
        let to = cuts.get(i + 1).map(|d| d.add_days(-1));
        let Some(cells) = cells_on(measures, from) else { continue };
        match out.last_mut() {
            Some(last) if last.2 == cells && last.1.is_some_and(|t| t.add_days(1) == from) => last.1 = to,
            _ => out.push((from, to, cells)),
        }
    }
    out
}

/// The cells on `day`, or `None` when no third-country duty is in force.
fn cells_on(measures: &[Measure], day: Date) -> Option<Cells> {
    let active: Vec<&Measure> = measures.iter().filter(|m| m.in_force(day)).collect();
    let third: Vec<&Measure> = active.iter().copied().filter(|m| m.role == Role::ThirdCountry).collect();
    let mfn = match &third[..] {
        [] => return None,
        [one] => one.duty.clone(),
        several if several.iter().all(|m| m.duty == several[0].duty) => several[0].duty.clone(),
        several => {
            // Never a silent pick: the rate depends on which additional code the goods take.
            let list: BTreeSet<String> = several
                .iter()
                .map(|m| format!("{} {}", m.additional_code.as_deref().unwrap_or("without code"), m.duty))
                .collect();
            format!("Depends on the additional code: {}", list.into_iter().collect::<Vec<_>>().join("; "))
        }
    };
    let mut by_rate: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for m in active.iter().filter(|m| m.role == Role::Preference) {
        by_rate.entry(m.duty.as_str()).or_default().insert(m.area.as_str());
    }
    let special: Vec<String> = by_rate
        .into_iter()
        .map(|(rate, areas)| format!("{rate} ({})", areas.into_iter().collect::<Vec<_>>().join(",")))
        .collect();
    let flags: BTreeSet<&str> = active
        .iter()
        .filter_map(|m| match &m.role {
            Role::Flag(f) => Some(f.as_str()),
            _ => None,
        })
        .collect();
    Some(Cells { mfn, special: special.join(" "), flags: flags.into_iter().collect::<Vec<_>>().join(",") })
}

fn io(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::Io, "sources", format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_written_in_the_engine_grammar() {
        assert_eq!(unit_label("DTN", None), "100 kg");
        assert_eq!(unit_label("ASV", Some("X")), "% vol / hl");
        assert_eq!(unit_label("KGM", Some("E")), "kg/net drained wt");
        assert_eq!(unit_label("ZZZ", None), "ZZZ");
    }

    #[test]
    fn conditional_duty_texts_keep_special_parseable() {
        // A preference whose duty rests on conditions still splits into (rate, areas).
        let text = "Depends on the measure conditions: codes Q, Y (GB) 0.00% (CA)";
        let groups = landed::rules::us::special_rates(text);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].1, vec!["GB".to_string()]);
        assert!(matches!(
            landed::duty::DutyExpr::parse(&groups[0].0),
            landed::duty::DutyExpr::NotPriceable { kind: landed::duty::NotPriceableKind::Conditional, .. }
        ));
    }

    #[test]
    fn amounts_keep_two_decimals_at_least() {
        assert_eq!(format_amount(Decimal::new(102, 1)), "10.20");
        assert_eq!(format_amount(Decimal::new(125, 3)), "0.125");
    }
}
