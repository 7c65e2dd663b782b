//! US chapter 99: the scope lists of the additional duties, each row with its own effective
//! dates, and the reciprocal-tariff (IEEPA) country rates read from the HTS chapter 99 headings.
//!
//! Rates come from the heading text (`The duty provided in the applicable subheading + 20%`,
//! or `15%` all-in); the dates come from the heading text where it states them (`before
//! 12:01 a.m. … on August 7, 2025`, `terminated on November 14, 2025`), and otherwise from the
//! Federal Register acts listed below, each cited in the rows it dates.

use super::{io_err, text, Csv};
use landed::date::Date;
use landed::error::{Error, ErrorCode, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::Path;

/// The HTS revision whose chapter 99 headings and footnotes are read (in force from 2026-02-12,
/// the last revision before IEEPA collection ended and the 2026 Section 232 annexes began).
const HTS_FILE: &str = "us/hts-2026/hts_2026_rev_3.json.gz";
/// The later revision (in force from 2026-06-08): its 10-digit statistical reporting numbers and
/// those of [`HTS_FILE`] resolve a code shorter than the codes a list names.
const HTS_REV_10_FILE: &str = "us/hts-2026/hts_2026_rev_10.json.gz";
/// The 2025 chapter 99 extract, which dates the Annex II heading 9903.01.32 (`begin_effect_date`).
const CH99_2025_FILE: &str = "us/chapter99_2025-06-09.csv";
/// The heading that exempts the goods of Annex II (the `ieepa:exempt` list) from the reciprocal
/// tariff (U.S. note 2(v)(iii)).
const ANNEX_II_HEADING: &str = "99030132";
/// The names of countries as ISO codes (HM Revenue & Customs geographical areas).
const COUNTRIES_FILE: &str = "uk/api-fixtures/countries.json";

/// Last day any IEEPA duty was collected: duties end for entries from 2026-02-24.
const IEEPA_LAST_DAY: &str = "2026-02-23";
const IEEPA_END_SOURCE: &str = "IEEPA duties not collected for entries from 2026-02-24 (CBP CSMS #67834313)";

/// Phase 1 country rates (9903.01.43-.76) were suspended from 2025-04-10.
const PHASE1_LAST_DAY: &str = "2025-04-09";
const PHASE1_SOURCE: &str =
    "EO 14257 Annex I (90 FR 15041), from 2025-04-09; suspended from 2025-04-10 by EO 14266 (90 FR 15625)";

/// Headings the HTS marks terminated by a Federal Register act without stating the date: the
/// first day they no longer applied, and the act. A heading superseded retroactively from its
/// own start never applied and is left out.
const TERMINATIONS: [(&str, &str, &str); 2] = [
    (
        "90 Fed. Reg. 44638",
        "2025-08-07",
        "EO 14345 sec. 2(d) (90 FR 43535): the 15 % all-in rate applies retroactively from 2025-08-07",
    ),
    (
        "90 Fed. Reg. 59281",
        "2025-11-14",
        "90 FR 59281; CBP CSMS #67133044: the 15 % all-in rate applies from 2025-11-14",
    ),
];

/// Start of the all-in ("15 %") headings, which do not state it, with the act that sets it.
const ALL_IN_STARTS: [(&str, &str, &str); 5] = [
    ("9903.02.20", "2025-08-07", "EO 14326 Annex I (90 FR 37963), from 2025-08-07"),
    ("9903.02.73", "2025-08-07", "EO 14345 sec. 2(d) (90 FR 43535), retroactive to 2025-08-07"),
    ("9903.02.80", "2025-11-14", "90 FR 55964 (replaces 9903.02.56, terminated on 2025-11-14)"),
    ("9903.02.83", "2025-11-14", "90 FR 59281; CBP CSMS #67133044, retroactive to 2025-11-14"),
    ("9903.02.88", "2025-11-14", "90 FR 59281; CBP CSMS #67133044, retroactive to 2025-11-14"),
];

/// Country-specific IEEPA headings outside the reciprocal series, stacking on it. Their own
/// carve-outs (notes 2(x)(iii) and 2(z)) are not in our lists, so their rows are `verify`.
const OTHER_IEEPA: [(&str, &str, &str); 2] = [
    ("9903.01.77", "2025-08-06", "EO 14323 (90 FR 37739), from 2025-08-06; carve-outs of note 2(x)(iii) not encoded"),
    ("9903.01.84", "2025-08-27", "EO 14329 (90 FR 38701), from 2025-08-27; carve-outs of note 2(z) not encoded"),
];

/// Country names as the HTS writes them that the HMRC list spells or codes otherwise (HMRC
/// codes Serbia `XS`; its ISO 3166 code is `RS`).
const NAME_ALIASES: [(&str, &str); 6] = [
    ("Serbia", "RS"),
    ("European Union", "EU"),
    ("Côte d’Ivoire", "CI"),
    ("Côte d`Ivoire", "CI"),
    ("Democratic Republic of the Congo", "CD"),
    ("Macau", "MO"),
];

/// The columns of `us_layers.tsv`, which `us_reciprocal.tsv` shares.
pub const LAYER_COLUMNS: [&str; 17] = [
    "id",
    "name",
    "ch99",
    "percent",
    "rate_kind",
    "basis",
    "scopes",
    "origins",
    "exclude_origins",
    "exclude_scopes",
    "exclude_layers",
    "waived_by",
    "priority",
    "valid_from",
    "valid_to",
    "source",
    "confidence",
];

/// One chapter 99 heading of the HTS JSON.
struct Heading {
    htsno: String,
    description: String,
    general: String,
}

fn bad(what: String) -> Error {
    Error::new(ErrorCode::Io, "sources", what)
}

fn read_hts(dir: &Path) -> Result<Vec<serde_json::Value>> {
    read_hts_file(dir, HTS_FILE)
}

fn read_hts_file(dir: &Path, file: &str) -> Result<Vec<serde_json::Value>> {
    let path = dir.join(file);
    let file = std::fs::File::open(&path).map_err(|e| io_err(&path, e))?;
    let mut json = String::new();
    flate2::read::GzDecoder::new(file).read_to_string(&mut json).map_err(|e| io_err(&path, e))?;
    serde_json::from_str(&json).map_err(|e| io_err(&path, e))
}

fn field<'v>(row: &'v serde_json::Value, name: &str) -> &'v str {
    row.get(name).and_then(|v| v.as_str()).unwrap_or_default()
}

fn headings(rows: &[serde_json::Value]) -> Vec<Heading> {
    rows.iter()
        .filter(|r| field(r, "htsno").starts_with("9903."))
        .map(|r| Heading {
            htsno: field(r, "htsno").to_string(),
            description: text(field(r, "description").as_bytes()),
            general: text(field(r, "general").as_bytes()),
        })
        .collect()
}

/// `August 7, 2025` → 2025-08-07.
fn english_date(s: &str) -> Option<Date> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut words = s.split_whitespace();
    let name = words.next()?;
    let month = MONTHS.iter().position(|m| *m == name)? as u32 + 1;
    let day: u32 = words.next()?.trim_end_matches(',').parse().ok()?;
    let year: i32 = words.next()?.trim_end_matches(['.', ',', ';', ']']).get(..4)?.parse().ok()?;
    Date::new(year, month, day).ok()
}

/// The first date written after `marker` in `text`.
fn date_after(text: &str, marker: &str) -> Option<Date> {
    text.find(marker).and_then(|i| english_date(&text[i + marker.len()..]))
}

/// The percentage of `+ 20%` or of an all-in `15%`.
fn percent(general: &str) -> Option<String> {
    let tail = general.rsplit('+').next()?.trim().trim_end_matches('.');
    let number = tail.strip_suffix('%')?.trim();
    number.parse::<rust_decimal::Decimal>().ok().map(|d| d.normalize().to_string())
}

/// Country names → ISO codes from the HMRC geographical areas, plus the aliases above.
fn country_codes(dir: &Path) -> Result<BTreeMap<String, String>> {
    let path = dir.join(COUNTRIES_FILE);
    let json = std::fs::read_to_string(&path).map_err(|e| io_err(&path, e))?;
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).map_err(|e| io_err(&path, e))?;
    let mut map: BTreeMap<String, String> = rows
        .iter()
        .filter(|r| field(r, "id").len() == 2)
        .map(|r| (field(r, "description").to_string(), field(r, "id").to_string()))
        .collect();
    for (name, code) in NAME_ALIASES {
        map.insert(name.to_string(), code.to_string());
    }
    Ok(map)
}

/// `Israel, Malawi, Philippines, or Zambia` → [IL, MW, PH, ZM].
fn origins(names: &str, codes: &BTreeMap<String, String>, heading: &str) -> Result<Vec<String>> {
    names
        .split(',')
        .flat_map(|part| part.split(" or "))
        .map(|n| n.trim().trim_start_matches("or ").trim_start_matches("the ").trim())
        .filter(|n| !n.is_empty())
        .map(|n| codes.get(n).cloned().ok_or_else(|| bad(format!("{heading}: country {n:?} has no ISO code"))))
        .collect()
}

/// The country part of `… articles the product of Vietnam, as provided for …` (or `…, with an
/// ad valorem …`, or `… that are entered …`).
fn product_of(description: &str) -> Option<&str> {
    let start = description.find("articles the product of ")? + "articles the product of ".len();
    let rest = &description[start..];
    let end = [" as provided", ", with an ad valorem", " that are "].iter().filter_map(|m| rest.find(m)).min()?;
    Some(rest[..end].trim_end_matches(','))
}

/// One reciprocal-tariff layer row.
struct Row {
    ch99: String,
    origins: Vec<String>,
    percent: String,
    all_in: bool,
    from: Date,
    to: Date,
    source: String,
    confidence: &'static str,
    id_prefix: &'static str,
}

fn date(s: &str) -> Date {
    Date::parse(s).expect("the constants above are dates")
}

/// Where a terminated heading stops: the day before its termination.
fn termination(h: &Heading) -> Option<(Date, String)> {
    if let Some(d) = date_after(&h.description, "terminated on ") {
        return Some((d, format!("terminated on {d} (HTS compiler's note)")));
    }
    if let Some(d) = date_after(&h.description, "terminated as of ") {
        return Some((d, format!("terminated as of {d} (HTS compiler's note)")));
    }
    TERMINATIONS
        .iter()
        .find(|(cite, _, _)| h.description.contains(cite))
        .map(|(_, d, why)| (date(d), (*why).to_string()))
}

fn heading_rows(dir: &Path) -> Result<Vec<Row>> {
    let codes = country_codes(dir)?;
    let hts = headings(&read_hts(dir)?);
    let mut rows = Vec::new();
    for h in &hts {
        let n = h.htsno.as_str();
        let phase1 = ("9903.01.43".."9903.01.77").contains(&n) && n != "9903.01.63";
        let phase2 = ("9903.02.02".."9903.02.72").contains(&n);
        let all_in = ALL_IN_STARTS.iter().find(|(c, _, _)| *c == n);
        let other = OTHER_IEEPA.iter().find(|(c, _, _)| *c == n);
        if !(phase1 || phase2 || all_in.is_some() || other.is_some()) {
            continue;
        }
        let Some(rate) = percent(&h.general) else {
            // "The duty provided in the applicable subheading": no additional duty (the ≥ 15 %
            // side of an all-in pair); anything else is a format we do not read.
            if h.general.starts_with("The duty provided in the applicable subheading") {
                continue;
            }
            return Err(bad(format!("{n}: no rate in {:?}", h.general)));
        };
        let names = product_of(&h.description).ok_or_else(|| bad(format!("{n}: no country in the heading text")))?;
        let origins = origins(names, &codes, n)?;
        let heading_source = format!("HTSUS 2026 Rev 3 heading {n} ({:?})", h.general);
        let stated_start = date_after(&h.description, "eastern daylight time on ");
        let (from, start_act) = match (all_in.or(other), phase1) {
            (Some((_, from, act)), _) => (date(from), (*act).to_string()),
            (None, true) => {
                (stated_start.ok_or_else(|| bad(format!("{n}: no start date")))?, PHASE1_SOURCE.to_string())
            }
            (None, false) => {
                let from = stated_start.ok_or_else(|| bad(format!("{n}: no start date")))?;
                (from, format!("EO 14326 (90 FR 37963), from {from}"))
            }
        };
        let (to, end) = match termination(h) {
            _ if phase1 => (date(PHASE1_LAST_DAY), String::new()),
            Some((end, why)) => (end.add_days(-1), format!("; {why}")),
            None => (date(IEEPA_LAST_DAY), format!("; {IEEPA_END_SOURCE}")),
        };
        let source = format!("{heading_source}; {start_act}{end}");
        if to < from {
            continue; // superseded from its own start
        }
        rows.push(Row {
            ch99: n.to_string(),
            origins,
            percent: rate,
            all_in: all_in.is_some(),
            from,
            to,
            source,
            confidence: if other.is_some() { "verify" } else { "official" },
            id_prefix: if other.is_some() { "ieepa-extra" } else { "ieepa-country" },
        });
    }
    Ok(rows)
}

/// The layers (id prefixes) whose application excludes a heading's layer: Section 232 goods
/// (9903.01.33) always; for the reciprocal series, the civil-aircraft headings of the country
/// arrangements (9903.02.76/.81/.85/.90, 9903.96.01/.02: `ieepa-recip-aircraft-*` in
/// `us_layers.tsv`); for Brazil's 9903.01.77, its civil-aircraft heading 9903.01.82 (note
/// 2(x)(iv): `ieepa-br-aircraft`).
fn excluding_layers(r: &Row) -> &'static str {
    match (r.id_prefix, r.ch99.as_str()) {
        ("ieepa-country", _) => "s232,ieepa-recip-aircraft",
        (_, "9903.01.77") => "s232,ieepa-br-aircraft",
        _ => "s232",
    }
}

/// `us_reciprocal.tsv`: one additional-duty layer per country heading, in the columns of
/// `us_layers.tsv`. Goods on the Annex II list (`ieepa:exempt`), informational materials
/// (`info_materials:exempt` of `rules/us_scopes_extra.tsv`: 50 U.S.C. 1702(b)(3), heading
/// 9903.01.31, which the country headings except with 9903.01.28-.33) and goods subject to
/// Section 232 (note 2(v)(vi)-(xvi), heading 9903.01.33) are not charged.
pub fn reciprocal(dir: &Path) -> Result<String> {
    let mut out = LAYER_COLUMNS.join("\t");
    out.push('\n');
    for r in heading_rows(dir)? {
        let name = format!("IEEPA reciprocal ({})", r.origins.join(", "));
        let name = if r.id_prefix == "ieepa-extra" { name.replace("reciprocal", "additional") } else { name };
        let _ = writeln!(
            out,
            "{}-{}\t{name}\t{}\t{}\t{}\tvalue\t\t{}\t\tieepa:exempt,info_materials:exempt\t{}\t\t50\t{}\t{}\t{}\t{}",
            r.id_prefix,
            r.ch99,
            r.ch99,
            r.percent,
            if r.all_in { "all_in" } else { "add" },
            r.origins.join(","),
            excluding_layers(&r),
            r.from,
            r.to,
            r.source,
            r.confidence
        );
    }
    Ok(out)
}

/// Codes whose HTS footnote names a Section 232 note ("See U.S. note 16 to subchapter III"):
/// the steel (note 16) and aluminum (note 19) articles and full-value derivatives of the 2025
/// regime, as the revision read stands.
fn footnoted(rows: &[serde_json::Value], note: &str) -> BTreeSet<String> {
    let marker = format!("note {note} to subchapter III");
    rows.iter()
        .filter(|r| {
            r.get("footnotes")
                .and_then(|f| f.as_array())
                .is_some_and(|f| f.iter().any(|n| field(n, "value").contains(&marker)))
        })
        .map(|r| field(r, "htsno").chars().filter(char::is_ascii_digit).collect())
        .collect()
}

/// The 10-digit statistical reporting numbers of an HTS revision (chapters 1-97).
fn statistical_lines(rows: &[serde_json::Value]) -> impl Iterator<Item = String> + '_ {
    rows.iter()
        .map(|r| field(r, "htsno").chars().filter(char::is_ascii_digit).collect::<String>())
        .filter(|c| c.len() == 10 && !c.starts_with("98") && !c.starts_with("99"))
}

/// Whether a sorted set of code prefixes names `code`: one of its prefixes (4 digits or more).
fn names(codes: &BTreeSet<String>, code: &str) -> bool {
    (4..=code.len()).any(|n| codes.contains(&code[..n]))
}

/// The shortest codes (4 to 9 digits) that a list of prefixes does not name but all of whose
/// statistical lines (at least one) it does, so that a code of fewer digits than the list's is
/// on it exactly when every statistical line under it is. A code some of whose lines are on the
/// list and some not is left out: which applies depends on the 10-digit code.
fn fully_covered(codes: &BTreeSet<String>, statistical: &BTreeSet<String>) -> Vec<String> {
    // Per prefix: (statistical lines under it, of which named by the list).
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for line in statistical {
        let named = names(codes, line);
        for n in 4..10 {
            let c = counts.entry(&line[..n]).or_default();
            c.0 += 1;
            c.1 += usize::from(named);
        }
    }
    let mut out: Vec<String> = Vec::new();
    for (prefix, (lines, named)) in counts {
        if lines == named && !names(codes, prefix) && !out.last().is_some_and(|o| prefix.starts_with(o.as_str())) {
            out.push(prefix.to_string());
        }
    }
    out
}

/// `4/5/25` (the USITC database's M/D/YY) → 2025-04-05.
fn usitc_date(s: &str) -> Option<Date> {
    let mut parts = s.split('/').map(|p| p.trim().parse::<u32>().ok());
    let (month, day, year) = (parts.next()??, parts.next()??, parts.next()??);
    Date::new(2000 + year as i32, month, day).ok()
}

/// The dates of the Annex II exemption list: from the day heading 9903.01.32 took effect (the
/// 2025 chapter 99 extract's `begin_effect_date`) to the last day IEEPA duties were collected.
fn annex_ii_dates(dir: &Path) -> Result<(String, String)> {
    let path = dir.join(CH99_2025_FILE);
    let csv = Csv::read(&path)?;
    let (code_i, from_i) = (csv.col("hts8")?, csv.col("begin_effect_date")?);
    let row = csv
        .records
        .iter()
        .find(|r| text(r.get(code_i).unwrap_or_default()) == ANNEX_II_HEADING)
        .ok_or_else(|| bad(format!("{CH99_2025_FILE}: no row for heading {ANNEX_II_HEADING}")))?;
    let raw = text(row.get(from_i).unwrap_or_default());
    let from = usitc_date(&raw).ok_or_else(|| bad(format!("{CH99_2025_FILE}: {raw:?} is not a date")))?;
    Ok((from.to_string(), IEEPA_LAST_DAY.to_string()))
}

/// The scope of a code footnoted to U.S. note 16: chapter 72 (steel mill articles, charged on the
/// full value), or the articles of chapter 73 and the derivatives beyond it, charged on the steel
/// content from 2025-06-04 (CBP CSMS #65236374).
fn note16_scope(code: &str) -> &'static str {
    if code.starts_with("72") {
        "s232:steel:note16_ch72"
    } else {
        "s232:steel:note16_other"
    }
}

/// Key of one scope row: scope, valid from, valid to.
type ScopeKey = (String, String, String);

/// `us_scopes.tsv`: which codes each additional-duty measure covers, one row per scope and
/// effective period. Columns: scope, valid_from, valid_to, source file, codes (sorted prefixes).
/// An empty `valid_from` means the list states no date: the layer's own dates govern.
pub fn scopes(dir: &Path) -> Result<String> {
    let mut scopes: BTreeMap<ScopeKey, (String, BTreeSet<String>)> = BTreeMap::new();
    let mut add = |key: ScopeKey, file: &str, code: &str| {
        let digits: String = code.chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.len() >= 4 {
            scopes.entry(key).or_insert_with(|| (file.to_string(), BTreeSet::new())).1.insert(digits);
        }
    };
    // (file, code column, scope name from the other columns, effective-date column)
    type Naming = fn(&dyn Fn(&str) -> String) -> String;
    let lists: [(&str, &str, Naming, Option<&str>); 7] = [
        ("us/ch99-lists/s301_product_lists.csv", "hts8", |g| format!("s301:{}:{}", g("list"), g("ch99_code")), None),
        (
            "us/ch99-lists/s232_annex_products.csv",
            "hts_prefix",
            |g| format!("s232:{}:{}", g("metal_type"), g("annex")),
            Some("effective_date"),
        ),
        (
            "us/ch99-lists/s232_derivative_products.csv",
            "hts_prefix",
            |g| format!("s232:{}_derivative:{}", g("derivative_type"), g("ch99_code")),
            Some("effective_date"),
        ),
        ("us/ch99-lists/s232_copper_products.csv", "hts10", |g| format!("s232:copper:{}", g("ch99_code")), None),
        ("us/ch99-lists/ieepa_exempt_products.csv", "hts10", |_| "ieepa:exempt".into(), None),
        (
            "us/ch99-lists/fentanyl_carveout_products.csv",
            "hts8",
            |g| format!("fentanyl_carveout:{}", g("category")),
            None,
        ),
        ("us/ch99-lists/s122_exempt_products.csv", "hts8", |_| "s122:exempt".into(), None),
    ];
    let mut annex_start: Option<String> = None;
    let annex_ii = annex_ii_dates(dir)?;
    for (file, code_col, naming, date_col) in lists {
        let csv = Csv::read(&dir.join(file))?;
        let code_i = csv.col(code_col)?;
        let date_i = date_col.map(|c| csv.col(c)).transpose()?;
        for r in &csv.records {
            let get = |name: &str| csv.col(name).ok().map(|i| text(r.get(i).unwrap_or_default())).unwrap_or_default();
            let from = date_i.map(|i| text(r.get(i).unwrap_or_default())).unwrap_or_default();
            if !from.is_empty() {
                Date::parse(&from).map_err(|_| bad(format!("{file}: {from:?} is not a date")))?;
            }
            if file.contains("annex") && annex_start.as_ref().is_none_or(|s| from < *s) {
                annex_start = Some(from.clone());
            }
            let scope = naming(&get);
            let (from, to) = if scope == "ieepa:exempt" { annex_ii.clone() } else { (from, String::new()) };
            add((scope, from, to), file, &text(r.get(code_i).unwrap_or_default()));
        }
    }
    // The 2025 regime's articles as the HTS footnotes mark them, until the 2026 annexes replace it.
    let until = annex_start.map(|s| Date::parse(&s).map(|d| d.add_days(-1).to_string())).transpose()?;
    let hts = read_hts(dir)?;
    for note in ["16", "19"] {
        let file = format!("{HTS_FILE} (footnote: see U.S. note {note} to subchapter III)");
        for code in footnoted(&hts, note) {
            let scope = if note == "16" { note16_scope(&code) } else { "s232:aluminum:note19" };
            add((scope.to_string(), String::new(), until.clone().unwrap_or_default()), &file, &code);
        }
    }
    // A list that names statistical lines also names every shorter code all of whose
    // statistical lines it names: for such a code the answer is settled, not "depends on the
    // 10-digit code" (audit-d D1: the 8-digit codes whose every line is on Annex II).
    let mut statistical: BTreeSet<String> = statistical_lines(&hts).collect();
    statistical.extend(statistical_lines(&read_hts_file(dir, HTS_REV_10_FILE)?));
    for (_, codes) in scopes.values_mut() {
        let covered = fully_covered(codes, &statistical);
        codes.extend(covered);
    }
    let mut out = String::from("scope\tvalid_from\tvalid_to\tfile\tcodes\n");
    for ((scope, from, to), (file, codes)) in scopes {
        let _ = writeln!(out, "{scope}\t{from}\t{to}\t{file}\t{}", codes.into_iter().collect::<Vec<_>>().join(" "));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shorter_code_is_on_a_list_when_every_statistical_line_under_it_is() {
        let set = |codes: &[&str]| codes.iter().map(|c| c.to_string()).collect::<BTreeSet<String>>();
        // 8471.30.01 has one statistical line, 8471.30.01.00 (HTS Rev 10), on Annex II: 8471.30.01
        // is on it (through its shortest such prefix, 84713 here); 8471 is split (8471.50.01.00
        // is not listed), and so are 3004 and 3004.90.92 (one of their two lines listed).
        let lines = set(&["8471300100", "8471500100", "3004909201", "3004909202", "8517130000", "8517620000"]);
        let listed = set(&["8471300100", "3004909201", "85171300"]);
        assert_eq!(fully_covered(&listed, &lines), vec!["84713".to_string(), "85171".to_string()]);
        let listed = set(&["3004909201", "3004909202"]);
        assert_eq!(fully_covered(&listed, &lines), vec!["3004".to_string()]);
        assert!(fully_covered(&set(&["3004"]), &lines).is_empty(), "already named");
    }

    #[test]
    fn reads_rates_and_dates_from_heading_text() {
        assert_eq!(percent("The duty provided in the applicable subheading + 20%").as_deref(), Some("20"));
        assert_eq!(percent("15%").as_deref(), Some("15"));
        assert_eq!(percent("The duty provided in the applicable subheading"), None);
        assert_eq!(english_date("August 7, 2025, and entered"), Some(date("2025-08-07")));
        assert_eq!(date_after("terminated on November 14, 2025. See", "terminated on "), Some(date("2025-11-14")));
        assert_eq!(usitc_date("4/5/25"), Some(date("2025-04-05")));
        assert_eq!(note16_scope("7208100000"), "s232:steel:note16_ch72");
        assert_eq!(note16_scope("7326908688"), "s232:steel:note16_other");
        let d = "Except …, articles the product of Israel, Malawi, Philippines, or Zambia, as provided for in …";
        assert_eq!(product_of(d), Some("Israel, Malawi, Philippines, or Zambia"));
    }
}
