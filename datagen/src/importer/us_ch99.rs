//! US chapter 99: the scope lists of the additional duties, each row with its own effective
//! dates, and the reciprocal-tariff (IEEPA) country rates read from the HTS chapter 99 headings.
//!
//! Rates come from the heading text (`The duty provided in the applicable subheading + 20%`,
//! or `15%` all-in); the dates come from the heading text where it states them (`before
//! 12:01 a.m. … on August 7, 2025`, `terminated on November 14, 2025`), and otherwise from the
//! Federal Register acts listed below, each cited in the rows it dates.

use crate::table::{io_err, text, Csv};
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

/// Country-specific IEEPA headings outside the reciprocal series, stacking on it, with their
/// confidence. Brazil's own carve-outs (note 2(x)(iii)) are not in our lists, so its row is
/// `verify`; India's rate, start and end are read in primary texts (EO 14329, the heading, CBP
/// CSMS #67702087: audit-y Y12), so its row is `official` for its dates.
const OTHER_IEEPA: [(&str, &str, &str, &str); 2] = [
    (
        "9903.01.77",
        "2025-08-06",
        "EO 14323 (90 FR 37739), from 2025-08-06; carve-outs of note 2(x)(iii) not encoded (Annex I of the order, about 700 subheadings, and the 238 agricultural subheadings the order of 2025-11-20 'Modifying the Scope of Tariffs on the Government of Brazil' added from 2025-11-13, as reported: americanfocus.online, internationaltradetoday.com; audit-bb BB26): a 40 % on an excepted good would be priced wrongly",
        "verify",
    ),
    (
        "9903.01.84",
        "2025-08-27",
        "EO 14329 (90 FR 38701), from 2025-08-27; CBP CSMS #67702087 (as quoted by audit-y): 'Products of India entered … on or after 12:01 a.m. eastern time on February 7, 2026, are no longer subject to the additional ad valorem duty rate of 25 percent imposed by EO 14329 … headings 9903.01.84-9903.01.89 are no longer in use'; the heading's exceptions beyond Annex II, 50 U.S.C. 1702(b) and Section 232 goods (note 2(z)) not encoded",
        "official",
    ),
];

/// Appended to the source of every IEEPA row: the courts' holding (audit-y Y3). The rows stay
/// what CBP collected; `rules/us_layers.tsv#ieepa-ruled-unlawful` states it on a quote.
const IEEPA_RULING: &str = "IEEPA duties held unlawful: Learning Resources, Inc. v. Trump (with Trump v. V.O.S. Selections), U.S. Supreme Court, 2026-02-20; U.S. Court of International Trade order of 2026-03-04 (refunds on entries whose liquidation is not final): secondary sources (gct.law 2026-02-24, mondaq 2026-03-03, natlawreview.com), the opinion and the order not read; the row is what CBP collected at entry (rules/us_layers.tsv#ieepa-ruled-unlawful)";

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
        let other = OTHER_IEEPA.iter().find(|(c, _, _, _)| *c == n);
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
        let other_start = other.map(|(c, from, act, _)| (*c, *from, *act));
        let (from, start_act) = match (all_in.copied().or(other_start), phase1) {
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
        let source = format!("{heading_source}; {start_act}{end}; {IEEPA_RULING}");
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
            confidence: other.map_or("official", |(_, _, _, confidence)| *confidence),
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

/// Codes (8 or 10 digits, chapters 1-97) whose HTS footnote names a chapter 99 heading
/// ("See 9903.41.10 and 9903.88.15."): the goods the heading reaches, as the revision marks them.
fn footnoting(rows: &[serde_json::Value], heading: &str) -> BTreeSet<String> {
    rows.iter()
        .filter(|r| {
            r.get("footnotes")
                .and_then(|f| f.as_array())
                .is_some_and(|f| f.iter().any(|n| field(n, "value").contains(heading)))
        })
        .map(|r| field(r, "htsno").chars().filter(char::is_ascii_digit).collect::<String>())
        .filter(|c| c.len() >= 8 && !c.starts_with("98") && !c.starts_with("99"))
        .collect()
}

/// The "Articles the product of Japan" headings of subchapter III that the goods lines' footnotes
/// still point to (leather, 9903.41.05; leather footwear, 9903.41.10), each read into a scope of
/// the codes so marked (`jp_9903_41:HEADING`) for the `verify` layers of `rules/us_layers.tsv`.
const JAPAN_HEADINGS: [&str; 2] = ["9903.41.05", "9903.41.10"];

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

/// The chapter 98 provisions whose goods pay the additional duties on the value added abroad
/// (repairs, alterations, processing: 9802.00.40, .50, .60) or on the value less the U.S.
/// components (assembly: 9802.00.80), not the exemption of the other chapter 98 provisions: CBP
/// CSMS #67844987 (Section 122, as reproduced by jmrodgers.com: "certain 9802 provisions remain
/// subject to the additional duty on the value of foreign repairs, alterations, processing, or
/// assembly"); CBP IEEPA FAQ (as reproduced: "except for goods entered under subheading
/// 9802.00.80; 9802.00.40, 9802.00.50, 9802.00.60"). The exemption lists name them; they are
/// left off (audit-ee M2).
const PAY_ON_FOREIGN_VALUE: [&str; 4] = ["98020040", "98020050", "98020060", "98020080"];

/// A code of the 9802 provisions of [`PAY_ON_FOREIGN_VALUE`].
fn pays_on_foreign_value(code: &str) -> bool {
    PAY_ON_FOREIGN_VALUE.iter().any(|p| code.starts_with(p))
}

/// The Section 301 product lists (The Budget Lab's compilation of the USTR lists).
const S301_FILE: &str = "us/ch99-lists/s301_product_lists.csv";
/// Lists 1, 2, 3 (9903.88.03 and .04) and 4A: the headings whose membership the HTS footnotes
/// decide from HTS 2026 Rev 3 ("See 9903.88.01."); before it, the list file's.
const S301_LIST_HEADINGS: [&str; 5] = ["9903.88.01", "9903.88.02", "9903.88.03", "9903.88.04", "9903.88.15"];
/// List 4B ("[Compiler's note: provision suspended.]"): no layer charges it; not compared.
const S301_SUSPENDED: &str = "9903.88.16";
/// Two headings one footnote names, split by their definitional notes: U.S. note 20(g)
/// (9903.88.04, + 25 %) and note 20(s)(ii) (9903.88.15, + 7.5 %). The goods are under one.
const NOTE20_SPLIT: [&str; 2] = ["9903.88.04", "9903.88.15"];
/// The codes whose footnote names both [`NOTE20_SPLIT`] headings.
const NOTE20_SPLIT_SCOPE: &str = "s301:note20g_or_s:9903.88.04";
const NOTE20_SPLIT_FILE: &str = "HTSUS 2026 Rev 3 and Rev 10 footnotes naming 9903.88.04 (U.S. note 20(g)) and 9903.88.15 (U.S. note 20(s)(ii)) on one subheading: a product is under one heading, never both; which turns on the product's description in the notes, not in our sources";
/// Articles returned after repair or alteration abroad (9802), footnoted "See 9903.88.01 and
/// 9903.88.02": the list is the article's own, which the 9802 code does not show.
const REPAIRS_SCOPE: &str = "s301:repairs_9802:possible";
const REPAIRS_FILE: &str = "HTSUS 2026 Rev 3 and Rev 10 footnote 'See 9903.88.01 and 9903.88.02' on 9802.00.40-.80 (articles returned after repair or alteration abroad): the list that applies is that of the article's own subheading, which the 9802 code does not show";
/// Where the list file and the HTS footnotes disagree other than by a stacked list the footnote
/// resolves: each code with what each says, the headings used before HTS 2026 Rev 3, and why.
const S301_DIFFERENCES: &str = include_str!("../../../tariffs/us_s301_differences.tsv");
const S301_DIFFERENCES_FILE: &str = "tariffs/us_s301_differences.tsv";

/// One known difference between the list file and the HTS footnotes.
#[derive(Debug, PartialEq)]
struct Difference {
    list_file: BTreeSet<String>,
    footnote: BTreeSet<String>,
    /// Lists 1-4A headings the code is on before HTS 2026 Rev 3.
    before_rev3: BTreeSet<String>,
}

fn heading_set(s: &str) -> BTreeSet<String> {
    s.split(' ').filter(|h| !h.is_empty()).map(str::to_string).collect()
}

fn parse_differences(tsv: &str) -> Result<BTreeMap<String, Difference>> {
    let mut lines = tsv.lines();
    let header = lines.next().unwrap_or_default();
    if header != "code\tlist_file\tfootnote\tbefore_rev3\treason" {
        return Err(bad(format!("{S301_DIFFERENCES_FILE}: unexpected header {header:?}")));
    }
    let mut out = BTreeMap::new();
    for (i, line) in lines.enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        let [code, list_file, footnote, before, reason] = f[..] else {
            return Err(bad(format!("{S301_DIFFERENCES_FILE} line {}: 5 columns expected", i + 2)));
        };
        let d = Difference {
            list_file: heading_set(list_file),
            footnote: heading_set(footnote),
            before_rev3: heading_set(before),
        };
        let bad_heading = d.before_rev3.iter().find(|h| !S301_LIST_HEADINGS.contains(&h.as_str()));
        if code.len() != 8 || reason.is_empty() || bad_heading.is_some() || out.insert(code.to_string(), d).is_some() {
            return Err(bad(format!(
                "{S301_DIFFERENCES_FILE} line {}: an 8-digit code once, a reason, and list 1-4A headings before Rev 3",
                i + 2
            )));
        }
    }
    Ok(out)
}

fn s301_differences() -> Result<BTreeMap<String, Difference>> {
    parse_differences(S301_DIFFERENCES)
}

/// The Section 301 headings a footnote names: lists 1-4A and those of U.S. note 31 and the
/// cranes (9903.91, 9903.92); not the product exclusions (9903.88.05-.70) nor list 4B.
fn s301_headings(note: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = note;
    while let Some(i) = rest.find("9903.") {
        let h = rest.get(i..i + 10).unwrap_or_default();
        let shaped = h.len() == 10
            && h.bytes().skip(5).enumerate().all(|(j, b)| if j == 2 { b == b'.' } else { b.is_ascii_digit() });
        if shaped && (S301_LIST_HEADINGS.contains(&h) || h.starts_with("9903.91.") || h.starts_with("9903.92.")) {
            out.insert(h.to_string());
        }
        rest = &rest[i + 5..];
    }
    out
}

/// Per 8-digit line of a revision (chapters 1-98, every line the revision has): the Section 301
/// headings its footnotes name, each with the codes it covers there: the line, or only the
/// statistical lines that name it where some do (U.S. note 20(g) on 2931.90.90: "statistical
/// reporting descriptions without a footnote are not covered by that heading").
type Footnoted = BTreeMap<String, BTreeMap<String, Vec<String>>>;

fn footnoted_s301(rows: &[serde_json::Value]) -> Footnoted {
    // (headings the line names, headings its statistical lines name with those lines, how many
    // statistical lines it has)
    type Named = (BTreeSet<String>, BTreeMap<String, Vec<String>>, usize);
    let mut lines: BTreeMap<String, Named> = BTreeMap::new();
    for r in rows {
        let code: String = field(r, "htsno").chars().filter(char::is_ascii_digit).collect();
        if !(code.len() == 8 || code.len() == 10) || code.starts_with("99") {
            continue;
        }
        let notes: Vec<&str> = r
            .get("footnotes")
            .and_then(|f| f.as_array())
            .map(|f| f.iter().map(|n| field(n, "value")).collect())
            .unwrap_or_default();
        let named = s301_headings(&notes.join(" "));
        let entry = lines.entry(code[..8].to_string()).or_default();
        if code.len() == 8 {
            entry.0.extend(named);
        } else {
            entry.2 += 1;
            for h in named {
                entry.1.entry(h).or_default().push(code.clone());
            }
        }
    }
    lines
        .into_iter()
        .map(|(code, (own, mut by, statistical))| {
            // Named on every statistical line (a lone one carrying a line without a row of its
            // own, 0101.30.00.00): the line.
            for codes in by.values_mut().filter(|c| c.len() == statistical) {
                *codes = vec![code.clone()];
            }
            for h in own {
                by.entry(h).or_insert_with(|| vec![code.clone()]);
            }
            (code, by)
        })
        .collect()
}

/// Lists 1-4A headings and the others of a set.
fn list_part(set: &BTreeSet<String>) -> (BTreeSet<String>, BTreeSet<String>) {
    set.iter().cloned().partition(|h| S301_LIST_HEADINGS.contains(&h.as_str()))
}

/// Whether the footnote picks among the lists the file stacks on a code: the file names two or
/// more of lists 1-4A, the footnote some of them and nothing else differs.
fn resolves_stacking(file: &BTreeSet<String>, footnote: &BTreeSet<String>) -> bool {
    let ((fl, fo), (nl, no)) = (list_part(file), list_part(footnote));
    fo == no && fl.len() >= 2 && !nl.is_empty() && nl.is_subset(&fl)
}

/// The list file against one revision's footnotes, both ways: a code on a list the footnote does
/// not name, or footnoted to a heading the file does not list it under, is an error unless it is
/// a known difference; a known difference no longer found is an error too. Codes the revision
/// does not have are not compared (the file alone covers them, before Rev 3).
fn cross_check_s301(
    file: &BTreeMap<String, BTreeSet<String>>,
    footnoted: &Footnoted,
    differences: &BTreeMap<String, Difference>,
) -> std::result::Result<(), String> {
    let empty = BTreeSet::new();
    let mut problems = Vec::new();
    for (code, named) in footnoted {
        let f: BTreeSet<String> = named.keys().cloned().collect();
        let b = file.get(code).unwrap_or(&empty);
        let agrees = *b == f || resolves_stacking(b, &f);
        match (agrees, differences.get(code)) {
            (true, None) => {}
            (true, Some(_)) => problems.push(format!(
                "{code}: listed in {S301_DIFFERENCES_FILE}, but the list file and the footnotes agree: remove the row"
            )),
            (false, Some(d)) if d.list_file == *b && d.footnote == f => {}
            (false, _) => problems.push(format!(
                "{code}: the list file names {b:?}, the footnotes {f:?}: record the difference in {S301_DIFFERENCES_FILE} with its reason"
            )),
        }
    }
    for code in differences.keys().filter(|c| !footnoted.contains_key(*c)) {
        problems.push(format!("{code}: listed in {S301_DIFFERENCES_FILE}, but the revision has no such line"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("the Section 301 list file and the HTS footnotes disagree: {}", problems.join("; ")))
    }
}

/// The inputs of the Section 301 list scopes (lists 1-4A).
struct S301Lists<'a> {
    /// Code → the list headings the file names.
    file: &'a BTreeMap<String, BTreeSet<String>>,
    /// Heading → scope name (`s301:1:9903.88.01`).
    names: &'a BTreeMap<String, String>,
    differences: &'a BTreeMap<String, Difference>,
}

/// Scope → codes.
type Members = BTreeMap<String, BTreeSet<String>>;

impl S301Lists<'_> {
    fn scope(&self, heading: &str) -> Result<String> {
        self.names.get(heading).cloned().ok_or_else(|| bad(format!("{S301_FILE}: no list names heading {heading}")))
    }

    /// The scopes one footnoted line is on: the list its footnote names; both 9903.88.04 and
    /// .15, the split scope (note 20(g) or 20(s)(ii)); two lists on a repair of 9802, the
    /// `:possible` scope (the article's own list). Any other pair has no rule: an error.
    fn resolve(&self, code: &str, named: &BTreeMap<String, Vec<String>>, out: &mut Members) -> Result<()> {
        let lists: Vec<(&String, &Vec<String>)> =
            named.iter().filter(|(h, _)| S301_LIST_HEADINGS.contains(&h.as_str())).collect();
        let headings: Vec<&str> = lists.iter().map(|(h, _)| h.as_str()).collect();
        let scope = match headings.as_slice() {
            [] => return Ok(()),
            [one] => self.scope(one)?,
            pair if pair == NOTE20_SPLIT => NOTE20_SPLIT_SCOPE.to_string(),
            _ if code.starts_with("9802") => REPAIRS_SCOPE.to_string(),
            _ => return Err(bad(format!("{code}: the HTS footnotes name {headings:?}; no rule says which applies"))),
        };
        out.entry(scope).or_default().extend(lists.iter().flat_map(|(_, codes)| codes.iter().cloned()));
        Ok(())
    }

    /// Before HTS 2026 Rev 3 (whose earlier source, the 2025 database, carries no list
    /// footnotes): the list file, a code it stacks on two or more lists on the one(s) the Rev 3
    /// footnote names, a known difference on its `before_rev3` headings.
    fn before_rev3(&self, rev3: &Footnoted) -> Result<Members> {
        let mut out = Members::new();
        let codes: BTreeSet<&String> = self.file.keys().chain(self.differences.keys()).collect();
        for code in codes {
            if let Some(d) = self.differences.get(code) {
                for h in &d.before_rev3 {
                    out.entry(self.scope(h)?).or_default().insert(code.clone());
                }
                continue;
            }
            let headings = &self.file[code];
            match (headings.len(), rev3.get(code)) {
                (1, _) => {
                    let h = headings.iter().next().map(String::as_str).unwrap_or_default();
                    out.entry(self.scope(h)?).or_default().insert(code.clone());
                }
                (_, Some(named)) => self.resolve(code, named, &mut out)?,
                (_, None) => {
                    return Err(bad(format!(
                        "{S301_FILE}: {code} is on {headings:?} and in no HTS revision: no footnote says which applies"
                    )))
                }
            }
        }
        Ok(out)
    }

    /// The dated rows of the list scopes: each code in the periods it is on a list (before Rev 3,
    /// Rev 3, Rev 10), one row per scope and run of periods.
    fn rows(
        &self,
        revisions: &[(&str, Footnoted); 2],
        statistical: &BTreeSet<String>,
    ) -> Result<BTreeMap<ScopeKey, (String, BTreeSet<String>)>> {
        let starts = [None, Some(date(crate::us_hts::REV3.vintage)), Some(date(crate::us_hts::REV10.vintage))];
        let mut periods = vec![self.before_rev3(&revisions[0].1)?];
        for (_, footnoted) in revisions {
            let mut m = Members::new();
            for (code, named) in footnoted {
                self.resolve(code, named, &mut m)?;
            }
            periods.push(m);
        }
        for m in &mut periods {
            for codes in m.values_mut() {
                let covered = fully_covered(codes, statistical);
                codes.extend(covered);
            }
        }
        let scopes: BTreeSet<&String> = periods.iter().flat_map(|m| m.keys()).collect();
        let mut out: BTreeMap<ScopeKey, (String, BTreeSet<String>)> = BTreeMap::new();
        for scope in scopes {
            let codes: BTreeSet<&String> = periods.iter().filter_map(|m| m.get(scope)).flatten().collect();
            for code in codes {
                let on: Vec<bool> = periods.iter().map(|m| m.get(scope).is_some_and(|c| c.contains(code))).collect();
                let mut i = 0;
                while i < on.len() {
                    if !on[i] {
                        i += 1;
                        continue;
                    }
                    let j = (i..on.len()).take_while(|&k| on[k]).last().unwrap_or(i);
                    let from = starts[i].map(|d| d.to_string()).unwrap_or_default();
                    let to =
                        starts.get(j + 1).copied().flatten().map(|d| d.add_days(-1).to_string()).unwrap_or_default();
                    let file = match (scope.as_str(), i, j) {
                        (NOTE20_SPLIT_SCOPE, _, _) => NOTE20_SPLIT_FILE.to_string(),
                        (REPAIRS_SCOPE, _, _) => REPAIRS_FILE.to_string(),
                        (_, 0, 0) => format!("{S301_FILE} (before HTS 2026 Rev 3; a code on two lists is on the one the Rev 3 footnote names; {S301_DIFFERENCES_FILE})"),
                        (_, 0, _) => format!("{S301_FILE} and the HTS 2026 Rev 3 and Rev 10 footnotes ('See 9903.88.01.')"),
                        _ => "HTS 2026 footnotes ('See 9903.88.01.'), from the revision in force".to_string(),
                    };
                    out.entry((scope.clone(), from, to))
                        .or_insert_with(|| (file, BTreeSet::new()))
                        .1
                        .insert(code.clone());
                    i = j + 1;
                }
            }
        }
        Ok(out)
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
        (S301_FILE, "hts8", |g| format!("s301:{}:{}", g("list"), g("ch99_code")), None),
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
    // Section 301 lists 1-4A as the list file has them: code → headings; heading → scope name.
    let mut s301_file: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut s301_names: BTreeMap<String, String> = BTreeMap::new();
    // Every Section 301 heading of the file but the suspended list 4B, for the cross-check.
    let mut s301_all: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, code_col, naming, date_col) in lists {
        let csv = Csv::read(&dir.join(file))?;
        let code_i = csv.col(code_col)?;
        let date_i = date_col.map(|c| csv.col(c)).transpose()?;
        for r in &csv.records {
            let get = |name: &str| csv.col(name).ok().map(|i| text(r.get(i).unwrap_or_default())).unwrap_or_default();
            if file == S301_FILE && get("ch99_code") != S301_SUSPENDED {
                let code = text(r.get(code_i).unwrap_or_default());
                s301_all.entry(code).or_default().insert(get("ch99_code"));
            }
            if file == S301_FILE && S301_LIST_HEADINGS.contains(&get("ch99_code").as_str()) {
                // Lists 1-4A: the HTS footnotes decide (below); the file is kept for earlier dates.
                let code = text(r.get(code_i).unwrap_or_default());
                s301_names.insert(get("ch99_code"), naming(&get));
                s301_file.entry(code).or_default().insert(get("ch99_code"));
                continue;
            }
            let from = date_i.map(|i| text(r.get(i).unwrap_or_default())).unwrap_or_default();
            if !from.is_empty() {
                Date::parse(&from).map_err(|_| bad(format!("{file}: {from:?} is not a date")))?;
            }
            if file.contains("annex") && annex_start.as_ref().is_none_or(|s| from < *s) {
                annex_start = Some(from.clone());
            }
            let scope = naming(&get);
            let code = text(r.get(code_i).unwrap_or_default());
            if (scope == "ieepa:exempt" || scope == "s122:exempt") && pays_on_foreign_value(&code) {
                continue;
            }
            let (from, to) = if scope == "ieepa:exempt" { annex_ii.clone() } else { (from, String::new()) };
            add((scope, from, to), file, &code);
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
    let rev10 = read_hts_file(dir, HTS_REV_10_FILE)?;
    for heading in JAPAN_HEADINGS {
        let file = format!("{HTS_FILE} and {HTS_REV_10_FILE} (footnote: see {heading})");
        for code in footnoting(&hts, heading).union(&footnoting(&rev10, heading)) {
            add((format!("jp_9903_41:{heading}"), String::new(), String::new()), &file, code);
        }
    }
    // A list that names statistical lines also names every shorter code all of whose
    // statistical lines it names: for such a code the answer is settled, not "depends on the
    // 10-digit code" (audit-d D1: the 8-digit codes whose every line is on Annex II).
    let mut statistical: BTreeSet<String> = statistical_lines(&hts).collect();
    statistical.extend(statistical_lines(&rev10));
    for (_, codes) in scopes.values_mut() {
        let covered = fully_covered(codes, &statistical);
        codes.extend(covered);
    }
    let revisions = [(HTS_FILE, footnoted_s301(&hts)), (HTS_REV_10_FILE, footnoted_s301(&rev10))];
    let differences = s301_differences()?;
    for (file, footnoted) in &revisions {
        cross_check_s301(&s301_all, footnoted, &differences).map_err(|e| bad(format!("{file}: {e}")))?;
    }
    let lists = S301Lists { file: &s301_file, names: &s301_names, differences: &differences };
    for (key, (file, codes)) in lists.rows(&revisions, &statistical)? {
        scopes.insert(key, (file, codes));
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
    use serde_json::json;

    #[test]
    fn repairs_processing_and_assembly_of_9802_are_left_off_the_exemption_lists() {
        // CBP CSMS #67844987 and the IEEPA FAQ (audit-ee M2): 9802.00.40/.50/.60/.80 pay on the
        // value added abroad; 9802.00.10/.20 (U.S. goods returned unchanged) stay exempt.
        for code in ["98020040", "9802005010", "98020060", "9802008040"] {
            assert!(pays_on_foreign_value(code), "{code}");
        }
        for code in ["9802002000", "9802009100", "98021000"] {
            assert!(!pays_on_foreign_value(code), "{code}");
        }
    }

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

    fn headings(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|h| h.to_string()).collect()
    }

    #[test]
    fn section_301_footnotes_name_list_headings_at_the_line_or_its_statistical_lines() {
        // HTSUS 2026 Rev 10: 8413.50.00 "See 9903.88.01."; 2931.90.90's note 20(g) footnote on the
        // line and on the statistical lines .10 only ("statistical reporting descriptions without
        // a footnote are not covered by that heading"); 0101.30.00.00 has no 8-digit row.
        let note = |v: &str| json!([{"value": v}]);
        let rows = vec![
            json!({"htsno": "8413.50.00", "footnotes": note("See 9903.88.01.")}),
            json!({"htsno": "8413.50.00.10", "footnotes": []}),
            json!({"htsno": "2931.90.90", "footnotes": note("Pursuant to U.S. note 20(g) ..., heading 9903.88.04 covers certain goods of this rate line")}),
            json!({"htsno": "2931.90.90.10", "footnotes": note("heading 9903.88.04 covers ...")}),
            json!({"htsno": "2931.90.90.51", "footnotes": []}),
            json!({"htsno": "0101.30.00.00", "footnotes": note("See 9903.88.15. | See 9903.88.69.")}),
            json!({"htsno": "8517.62.00", "footnotes": note("See 9903.88.04 and 9903.88.15. ")}),
        ];
        let f = footnoted_s301(&rows);
        assert_eq!(f["84135000"]["9903.88.01"], ["84135000"]);
        assert_eq!(f["29319090"]["9903.88.04"], ["2931909010"]);
        assert_eq!(f["01013000"].keys().collect::<Vec<_>>(), ["9903.88.15"], "an exclusion heading is not a list");
        assert_eq!(f["01013000"]["9903.88.15"], ["01013000"]);
        assert_eq!(f["85176200"].len(), 2);
    }

    #[test]
    fn the_list_file_and_the_footnotes_are_compared_both_ways() {
        let file: BTreeMap<String, BTreeSet<String>> =
            [("84135000", headings(&["9903.88.01", "9903.88.03"])), ("04032050", headings(&["9903.88.15"]))]
                .into_iter()
                .map(|(c, h)| (c.to_string(), h))
                .collect();
        let line = |c: &str, hs: &[&str]| {
            (c.to_string(), hs.iter().map(|h| (h.to_string(), vec![c.to_string()])).collect::<BTreeMap<_, _>>())
        };
        // A stacked list the footnote resolves is no difference.
        let footnoted: Footnoted = [line("84135000", &["9903.88.01"]), line("04032050", &["9903.88.15"])].into();
        assert_eq!(cross_check_s301(&file, &footnoted, &BTreeMap::new()), Ok(()));
        // On the file's list without the footnote: an error until recorded.
        let footnoted: Footnoted = [line("84135000", &["9903.88.01"]), line("04032050", &[])].into();
        let e = cross_check_s301(&file, &footnoted, &BTreeMap::new()).unwrap_err();
        assert!(e.contains("04032050") && !e.contains("84135000"), "{e}");
        let known = parse_differences(
            "code\tlist_file\tfootnote\tbefore_rev3\treason\n04032050\t9903.88.15\t\t9903.88.15\tno footnote\n",
        )
        .unwrap();
        assert_eq!(cross_check_s301(&file, &footnoted, &known), Ok(()));
        // Footnoted to a list the file does not name (8507.60.00, audit-k K2): an error too.
        let footnoted: Footnoted = [line("84135000", &["9903.88.01"]), line("85076000", &["9903.88.15"])].into();
        let e = cross_check_s301(&file, &footnoted, &known).unwrap_err();
        assert!(e.contains("85076000") && e.contains("04032050"), "a stale difference is reported: {e}");
        assert!(
            parse_differences("code\tlist_file\tfootnote\tbefore_rev3\treason\n04032050\t\t\t9903.88.16\tx\n").is_err()
        );
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
