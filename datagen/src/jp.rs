//! Japan's tariff schedule (Japan Customs, version of 2026-07-09) → `tariffs/jp.tsv`.
//!
//! The source is a tree per chapter of `{level, stat_code, hs_code, desc, rate{27 columns},
//! unit{I, II}, children[]}`. Every node with a 3-digit statistical suffix is a national line
//! (`6109.10` + `010` → `610910010`). A rate column left empty on a line is read from the nearest
//! ancestor that fills it, as the printed schedule reads (no line fills a column its ancestor
//! also fills, except once with the same text).
//!
//! The applied MFN rate is the temporary rate (`暫定`) where there is one, else the general rate
//! (`基本`), replaced by the WTO rate (`WTO協定`) where that is lower and not in parentheses (the
//! schedule puts a WTO rate that is not applied in parentheses). "Lower" is decided on the
//! parsed rates when one is never higher than the other for any consignment; when it depends on
//! the consignment, the MFN is the lower of the two per consignment (`A MAX W`), which is what
//! the law applies.
//!
//! Rate texts are rewritten into the engine's duty grammar: `無税` → `Free`, `30円/kg` →
//! `30 JPY / kg`, `A又はBのうちいずれか高い税率` → `A MIN B` (the higher of the two),
//! `…いずれか低い税率` → `A MAX B`. Texts that are not a priceable rate (tariff quotas,
//! reference-price duties, end-use rates marked `◎`, ranges, rates that differ by kind of goods
//! within the line) are kept as published, white space collapsed; the duty parser classifies
//! them as not priceable with the reason.
//!
//! A line inside a tariff quota (its description or an ancestor's says `…限度数量…以内のもの`,
//! "within the quota quantity" set by Cabinet Order, or `…の割当てを受けて輸入されるもの`,
//! "imported under an allocation of Temporary Tariff Measures Act art. 8-6(1)") is the in-quota
//! line: its temporary rate (6403.99-012: 21.6 %, the WTO `(21.6%)` in parentheses) applies only
//! to goods imported under a quota certificate (関税割当証明書); goods without one are declared
//! under the out-of-quota line beside it (`その他のもの`, 6403.99-015: 30 % or ¥4,300/pair). No
//! column of the in-quota line gives that rate, so every rate of the line (MFN and each programme)
//! is written `関税割当数量以内のもの RATE`: the duty parser classifies it a tariff-quota rate, not
//! priceable, and the line is partial with that reason (docs/rules.md, Japan).
//!
//! `special` holds the GSP, LDC and EPA columns as `RATE (PROG,PROG) RATE (PROG)` groups, the
//! US layout, with the programme codes of [`PROGRAMMES`] (partners in
//! `tariffs/rules/jp_programmes.tsv`). A kept text has its ASCII parentheses written full-width
//! so the groups stay unambiguous.

use crate::table::{sha256_hex, SourceRow, TableRow};
use landed::duty::DutyExpr;
use landed::error::{Error, ErrorCode, Result};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The provenance of the schedule (the folder of `index.json` and the chapter files).
pub const SOURCE: SourceRow = SourceRow {
    id: "japan-customs-2026-07-09",
    jurisdiction: "JP",
    publisher: "Japan Customs (Ministry of Finance)",
    dataset: "Japan's Tariff Schedule (customs.go.jp/tariff/2026_07_09), HTML pages converted to JSON by japan-tariff-mcp (MIT)",
    vintage: "2026-07-09",
    licence: "Government of Japan Standard Terms of Use (Version 2.0, compatible with CC BY 4.0); source: Japan Customs",
    file: "jp/japan-tariff-2026-07-09/",
};

/// The day the schedule's version took effect: the first and only vintage in the sources.
pub const VALID_FROM: &str = "2026-07-09";

/// The preferential columns, in the schedule's order, with the programme code used in `special`.
pub const PROGRAMMES: [(&str, &str); 24] = [
    ("特恵", "GSP"),
    ("特別特恵", "LDC"),
    ("EPA_シンガポール", "SG"),
    ("EPA_メキシコ", "MX"),
    ("EPA_マレーシア", "MY"),
    ("EPA_チリ", "CL"),
    ("EPA_タイ", "TH"),
    ("EPA_インドネシア", "ID"),
    ("EPA_ブルネイ", "BN"),
    ("EPA_アセアン", "AJCEP"),
    ("EPA_フィリピン", "PH"),
    ("EPA_スイス", "CH"),
    ("EPA_ベトナム", "VN"),
    ("EPA_インド", "IN"),
    ("EPA_ペルー", "PE"),
    ("EPA_豪州", "AU"),
    ("EPA_モンゴル", "MN"),
    ("EPA_CPTPP", "CPTPP"),
    ("EPA_欧州連合", "EU"),
    ("EPA_英国", "UK"),
    ("EPA_RCEP_アセアン豪州NZ", "RCEP_AANZ"),
    ("EPA_RCEP_中国", "RCEP_CN"),
    ("EPA_RCEP_韓国", "RCEP_KR"),
    ("EPA_日米貿易協定", "USJTA"),
];

const GENERAL: &str = "基本";
const TEMPORARY: &str = "暫定";
const WTO: &str = "WTO協定";

fn io_err(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::Io, "sources", format!("{}: {e}", path.display()))
}

/// One national line as read from the tree, with its columns after inheritance.
struct Line {
    code: String,
    description: String,
    units: String,
    rates: BTreeMap<String, String>,
    /// The line or an ancestor is a tariff quota's in-quota line ([`is_in_quota`]).
    in_quota: bool,
}

/// The mark written before every rate of an in-quota line: the schedule's own words for a rate
/// within a tariff quota (used as such in its EPA columns), which the duty parser classifies.
const IN_QUOTA: &str = "関税割当数量以内のもの";

/// True for a description that makes its lines in-quota lines: `…共通の限度数量以内のもの`
/// (within the quota quantity the Cabinet Order sets), `…の割当てを受けて輸入されるもの`
/// (imported under a quota allocation).
fn is_in_quota(description: &str) -> bool {
    (description.contains("限度数量") && description.contains("以内")) || description.contains("の割当てを受けて")
}

/// A rate of an in-quota line, marked as one (not priceable); other lines' rates as they are.
fn quota_marked(line: &Line, rate: String) -> String {
    if !line.in_quota || rate.is_empty() || rate.contains("関税割当") {
        return rate;
    }
    format!("{IN_QUOTA} {rate}")
}

/// Reads the schedule under `dir` (the sources folder) and returns its provenance line (without
/// the trailing newline) and the `jp.tsv` rows.
pub fn import(dir: &Path) -> Result<(String, BTreeSet<TableRow>)> {
    let folder = dir.join(SOURCE.file);
    let read = |name: &str| -> Result<Vec<u8>> {
        let p = folder.join(name);
        std::fs::read(&p).map_err(|e| io_err(&p, e))
    };
    let index_bytes = read("index.json")?;
    let index: Value = serde_json::from_slice(&index_bytes).map_err(|e| io_err(&folder, e))?;
    let mut digest_input = index_bytes.clone();
    let mut lines = Vec::new();
    for chapter in index["chapters"].as_array().into_iter().flatten() {
        let name = chapter["file_name"].as_str().unwrap_or_default();
        let bytes = read(name)?;
        let tree: Value = serde_json::from_slice(&bytes).map_err(|e| io_err(&folder.join(name), e))?;
        digest_input.extend_from_slice(&bytes);
        for node in tree.as_array().into_iter().flatten() {
            collect(node, &BTreeMap::new(), false, &mut lines);
        }
    }
    let provenance = [
        SOURCE.id,
        SOURCE.jurisdiction,
        SOURCE.publisher,
        SOURCE.dataset,
        SOURCE.vintage,
        SOURCE.licence,
        SOURCE.file,
        &sha256_hex(&digest_input),
    ]
    .join("\t");
    Ok((provenance, rows(lines)))
}

/// The national lines whose WTO rate the schedule marks with a single `*` (`*(341円/kg)`; `**`
/// marks the sugar lines): each is the line "その他のもの" beside a line of goods under state
/// trading (the Staple Food Act's rice, wheat and barley; the Livestock Act's designated dairy
/// products), whose private imports may owe a levy on top of the duty. `tariffs/rules/excise.tsv`
/// lists that levy on exactly these lines (`jp-staple-food-levy`, `jp-dairy-state-trading`;
/// docs/rules.md, Japan), which `datagen/tests/tables/jp_state_trading.rs` checks.
pub fn state_trading_lines(dir: &Path) -> Result<BTreeSet<String>> {
    let folder = dir.join(SOURCE.file);
    let read = |name: &str| -> Result<Value> {
        let p = folder.join(name);
        let bytes = std::fs::read(&p).map_err(|e| io_err(&p, e))?;
        serde_json::from_slice(&bytes).map_err(|e| io_err(&p, e))
    };
    let index = read("index.json")?;
    let mut lines = Vec::new();
    for chapter in index["chapters"].as_array().into_iter().flatten() {
        let tree = read(chapter["file_name"].as_str().unwrap_or_default())?;
        for node in tree.as_array().into_iter().flatten() {
            collect(node, &BTreeMap::new(), false, &mut lines);
        }
    }
    Ok(lines
        .into_iter()
        .filter(|l| l.rates.get(WTO).is_some_and(|w| w.trim().starts_with('*') && !w.trim().starts_with("**")))
        .map(|l| l.code)
        .collect())
}

/// Collapses white space (including the ideographic space) to single spaces.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Walks the tree depth first, giving each national line its own columns over its ancestors',
/// and marking the lines at or under an in-quota description.
fn collect(node: &Value, inherited: &BTreeMap<String, String>, in_quota: bool, out: &mut Vec<Line>) {
    let in_quota = in_quota || is_in_quota(node["desc"].as_str().unwrap_or_default());
    let mut rates = inherited.clone();
    for (k, v) in node["rate"].as_object().into_iter().flatten() {
        if let Some(text) = v.as_str().filter(|t| !t.trim().is_empty()) {
            rates.insert(k.clone(), text.to_string());
        }
    }
    let suffix = node["hs_code"].as_str().unwrap_or_default();
    if !suffix.is_empty() {
        let stat: String =
            node["stat_code"].as_str().unwrap_or_default().chars().filter(char::is_ascii_digit).collect();
        let code = format!("{stat}{suffix}");
        if code.len() == 9 && code.bytes().all(|b| b.is_ascii_digit()) {
            let units: Vec<String> = ["I", "II"]
                .iter()
                .filter_map(|u| node["unit"][u].as_str())
                .map(clean)
                .filter(|u| !u.is_empty())
                .collect();
            out.push(Line {
                code,
                description: clean(node["desc"].as_str().unwrap_or_default()),
                units: units.join(","),
                rates: rates.clone(),
                in_quota,
            });
        }
    }
    for child in node["children"].as_array().into_iter().flatten() {
        collect(child, &rates, in_quota, out);
    }
}

/// Turns lines into table rows; lines published twice under one code for two seasons of the
/// year become one row with a seasonal rate.
fn rows(lines: Vec<Line>) -> BTreeSet<TableRow> {
    let mut by_code: BTreeMap<String, Vec<Line>> = BTreeMap::new();
    for l in lines {
        by_code.entry(l.code.clone()).or_default().push(l);
    }
    by_code.into_values().map(|group| if group.len() == 1 { row(&group[0]) } else { seasonal_row(&group) }).collect()
}

fn table_row(line: &Line, mfn: String, special: String) -> TableRow {
    TableRow {
        code: line.code.clone(),
        valid_from: VALID_FROM.into(),
        valid_to: String::new(),
        description: line.description.clone(),
        units: line.units.clone(),
        mfn,
        special,
        col2: String::new(),
        flags: String::new(),
        source: SOURCE.id.into(),
    }
}

fn row(line: &Line) -> TableRow {
    let get = |k: &str| line.rates.get(k).map(String::as_str).unwrap_or_default();
    let mfn = quota_marked(line, applied_mfn(get(TEMPORARY), get(GENERAL), get(WTO)));
    let special = special(PROGRAMMES.iter().map(|(col, code)| (*code, quota_marked(line, rate_or_kept(get(col))))));
    table_row(line, mfn, special)
}

/// Lines of one code for two windows of the year (`毎年4月1日から同年9月30日まで…`): one row
/// whose MFN is seasonal. A programme whose rate is the same in every window keeps it; one whose
/// rate differs by window gets a seasonal rate like the MFN's, `10% (01 APR-30 SEP), 20% (01
/// OCT-31 MAR)`, when every window has a priceable rate, else each window's published text
/// with its window, `TEXT（01 APR-30 SEP） / TEXT（01 OCT-31 MAR）` (a window without a cell is
/// left out), which the duty parser keeps as not priceable (audit-q Q3).
fn seasonal_row(group: &[Line]) -> TableRow {
    let parts: Option<Vec<(String, TableRow)>> =
        group.iter().map(|l| season_window(&l.description).map(|w| (w, row(l)))).collect();
    let description = group.iter().map(|l| l.description.as_str()).collect::<Vec<_>>().join(" / ");
    let first = Line { description, ..clone_line(&group[0]) };
    let Some(parts) = parts else {
        // Not a seasonal split: keep the first line's rates, as published.
        return table_row(&first, row(&group[0]).mfn, row(&group[0]).special);
    };
    let mfn = if parts.iter().all(|(_, r)| is_priceable(&r.mfn)) {
        parts.iter().map(|(w, r)| format!("{} ({w})", r.mfn)).collect::<Vec<_>>().join(", ")
    } else {
        parts.iter().map(|(_, r)| r.mfn.clone()).collect::<Vec<_>>().join(" / ")
    };
    let get = |l: &Line, k: &str| l.rates.get(k).cloned().unwrap_or_default();
    let special = special(PROGRAMMES.iter().map(|(col, code)| {
        let texts: BTreeSet<String> = group.iter().map(|l| get(l, col)).collect();
        if texts.len() == 1 {
            let text = texts.first().map(String::as_str).unwrap_or_default();
            return (*code, quota_marked(&group[0], rate_or_kept(text)));
        }
        let rates: Vec<(&str, String)> = group
            .iter()
            .zip(&parts)
            .map(|(l, (w, _))| (w.as_str(), quota_marked(l, rate_or_kept(&get(l, col)))))
            .collect();
        (*code, seasonal_rate(&rates))
    }));
    table_row(&first, mfn, special)
}

/// One programme's rates by window: `R (W), R (W)` when every window's rate is priceable, else
/// the published texts with their windows in full-width parentheses (kept, not priceable).
fn seasonal_rate(rates: &[(&str, String)]) -> String {
    if rates.iter().all(|(_, r)| is_priceable(r)) {
        return rates.iter().map(|(w, r)| format!("{r} ({w})")).collect::<Vec<_>>().join(", ");
    }
    rates
        .iter()
        .filter(|(_, r)| !r.is_empty())
        .map(|(w, r)| format!("{}（{w}）", fullwidth_parens(r)))
        .collect::<Vec<_>>()
        .join(" / ")
}

fn fullwidth_parens(text: &str) -> String {
    text.replace('(', "（").replace(')', "）")
}

fn clone_line(l: &Line) -> Line {
    Line {
        code: l.code.clone(),
        description: l.description.clone(),
        units: l.units.clone(),
        rates: l.rates.clone(),
        in_quota: l.in_quota,
    }
}

/// `毎年10月1日から翌年3月31日までに輸入されるもの` → `01 OCT-31 MAR` (`末日` of February → 29).
fn season_window(description: &str) -> Option<String> {
    const MONTHS: [&str; 12] = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    let rest = &description[description.find("毎年")? + "毎年".len()..];
    let (from, to) = rest.split_once("から")?;
    let day = |s: &str| -> Option<(usize, u32)> {
        let s = s.trim_start_matches("同年").trim_start_matches("翌年");
        let (m, d) = s.split_once('月')?;
        let m: usize = m.parse().ok()?;
        let d: u32 = if d.starts_with("末日") { 29 } else { d.split_once('日')?.0.parse().ok()? };
        (1..=12).contains(&m).then_some((m, d))
    };
    let (fm, fd) = day(from)?;
    let (tm, td) = day(to.split_once("まで")?.0)?;
    Some(format!("{fd:02} {}-{td:02} {}", MONTHS[fm - 1], MONTHS[tm - 1]))
}

fn is_priceable(text: &str) -> bool {
    !text.is_empty() && DutyExpr::parse(text).is_structured()
}

/// The engine's rewriting of a rate text, or the text as published when it is not a rate.
fn rate_or_kept(text: &str) -> String {
    translate(text).unwrap_or_else(|| clean(text))
}

/// Groups programmes by rate text, in column order: `Free (SG,MX) 3.2% (RCEP_CN)`.
fn special<'a>(columns: impl Iterator<Item = (&'a str, String)>) -> String {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for (code, rate) in columns.filter(|(_, r)| !r.is_empty()) {
        // A seasonal rate's windows stay in ASCII parentheses, which the group reader keeps in
        // the rate (`landed::rules::us::special_rates`); every other text's become full-width.
        let rate =
            if matches!(DutyExpr::parse(&rate), DutyExpr::Seasonal { .. }) { rate } else { fullwidth_parens(&rate) };
        match groups.iter_mut().find(|(r, _)| *r == rate) {
            Some((_, codes)) => codes.push(code),
            None => groups.push((rate, vec![code])),
        }
    }
    groups.iter().map(|(r, codes)| format!("{r} ({})", codes.join(","))).collect::<Vec<_>>().join(" ")
}

/// True when the whole text is in parentheses, or every rate in it is (`(無税)〜(10%)`): the
/// schedule's mark for a WTO rate that is not applied.
fn parenthesized(text: &str) -> bool {
    let t = text.trim().trim_start_matches('*');
    let mut depth = 0usize;
    let mut outside = String::new();
    for c in t.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    t.starts_with(['(', '（']) && outside.replace(['〜', '、', ' ', '\n'], "").replace("又は", "").is_empty()
}

/// The applied MFN rate of a line from its temporary, general and WTO columns.
pub fn applied_mfn(temporary: &str, general: &str, wto: &str) -> String {
    let base = if temporary.trim().is_empty() { general } else { temporary };
    if wto.trim().is_empty() || parenthesized(wto) {
        return rate_or_kept(base);
    }
    if base.trim().is_empty() {
        return rate_or_kept(wto);
    }
    match (translate(base), translate(wto)) {
        (Some(b), Some(w)) => {
            let (eb, ew) = (DutyExpr::parse(&b), DutyExpr::parse(&w));
            if never_higher(&ew, &eb) {
                w
            } else if never_higher(&eb, &ew) {
                b
            } else if let Some(lower) = lower_of_three(&b, &eb, &w, &ew) {
                lower
            } else if is_bounded(&eb) || is_bounded(&ew) {
                // The lower of two MIN/MAX forms is not in the grammar: kept, not priced.
                clean(wto)
            } else {
                format!("{b} MAX {w}")
            }
        }
        // The base rate is not priceable (end use, reference price): it stays as published.
        (None, Some(_)) => clean(base),
        // The WTO rate is applied but not a single rate (a range, a rate by kind of goods).
        (_, None) => clean(wto),
    }
}

/// The base is `X MAX C` (the lower of X and C) and the WTO rate `W` is a plain rate never
/// above C: the lower of the three is the lower of X and W, `X MAX W`.
fn lower_of_three(b: &str, eb: &DutyExpr, w: &str, ew: &DutyExpr) -> Option<String> {
    let DutyExpr::AtMost { expr, cap } = eb else { return None };
    let plain = |e: &DutyExpr| !is_bounded(e) && terms(e).is_some();
    let (x, _) = b.split_once(" MAX ")?;
    (plain(expr) && plain(ew) && never_higher(ew, cap)).then(|| format!("{x} MAX {w}"))
}

fn is_bounded(e: &DutyExpr) -> bool {
    matches!(e, DutyExpr::AtLeast { .. } | DutyExpr::AtMost { .. })
}

/// True when `w` is at most `a` for every consignment (value and quantities): a sufficient,
/// structural test. `AtLeast` is the higher of its two parts, `AtMost` the lower.
pub fn never_higher(w: &DutyExpr, a: &DutyExpr) -> bool {
    if matches!(w, DutyExpr::Free { condition: None }) {
        return true;
    }
    if let DutyExpr::AtLeast { expr, floor } = a {
        if never_higher(w, expr) || never_higher(w, floor) {
            return true;
        }
    }
    if let DutyExpr::AtMost { expr, cap } = w {
        if never_higher(expr, a) || never_higher(cap, a) {
            return true;
        }
    }
    if let DutyExpr::AtLeast { expr, floor } = w {
        return never_higher(expr, a) && never_higher(floor, a);
    }
    if let DutyExpr::AtMost { expr, cap } = a {
        return never_higher(w, expr) && never_higher(w, cap);
    }
    match (terms(w), terms(a)) {
        (Some(wt), Some(at)) => wt.iter().all(|t| at.iter().any(|u| term_le(t, u))),
        _ => false,
    }
}

/// The terms of a sum (or a single term); `None` for other shapes.
fn terms(e: &DutyExpr) -> Option<Vec<&DutyExpr>> {
    match e {
        DutyExpr::Sum { terms } => Some(terms.iter().collect()),
        DutyExpr::AdValorem { on: None, .. } | DutyExpr::Specific(_) | DutyExpr::Free { condition: None } => {
            Some(vec![e])
        }
        _ => None,
    }
}

fn term_le(w: &DutyExpr, a: &DutyExpr) -> bool {
    match (w, a) {
        (DutyExpr::Free { condition: None }, _) => true,
        (DutyExpr::AdValorem { percent: p, on: None }, DutyExpr::AdValorem { percent: q, on: None }) => p <= q,
        (DutyExpr::Specific(x), DutyExpr::Specific(y)) => {
            x.currency == y.currency
                && x.measure == y.measure
                && x.over.is_none()
                && y.over.is_none()
                && x.amount * y.per <= y.amount * x.per
        }
        _ => false,
    }
}

/// Rewrites a Japanese rate text into the engine's grammar; `None` when it is not a rate the
/// engine can price (the caller keeps it as published).
pub fn translate(text: &str) -> Option<String> {
    let s: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '＋' => '+',
            '％' => '%',
            '−' | '－' => '-',
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect();
    let out = bounded(&s)?;
    is_priceable(&out).then_some(out)
}

/// `A又はBのうちいずれか高い税率` with an optional cap or floor, or a plain sum.
fn bounded(s: &str) -> Option<String> {
    const HIGHER: &str = "のうちいずれか高い税率";
    const LOWER: &str = "のうちいずれか低い税率";
    // `…いずれか高い税率(ただしその税率がC%を上回る場合はC%とする)`: the higher, at most C.
    if let Some((head, tail)) = s.split_once(&format!("{HIGHER}(ただしその税率が")) {
        let (c1, rest) = tail.split_once("を上回る場合は")?;
        let c2 = rest.strip_suffix("とする)")?;
        return (c1 == c2).then(|| Some(format!("{} MAX {}", either(head, "MIN")?, sum(c1)?))).flatten();
    }
    // `…いずれか低い税率ただしその税率がCを下回る場合はC`: the lower, at least C.
    if let Some((head, tail)) = s.split_once(&format!("{LOWER}ただしその税率が")) {
        let (c1, c2) = tail.split_once("を下回る場合は")?;
        return (c1 == c2).then(|| Some(format!("{} MIN {}", either(head, "MAX")?, sum(c1)?))).flatten();
    }
    if let Some(head) = s.strip_suffix(HIGHER) {
        return either(head, "MIN");
    }
    if let Some(head) = s.strip_suffix(LOWER) {
        return either(head, "MAX");
    }
    sum(s)
}

/// `A又はB` → `A MIN B` (the higher) or `A MAX B` (the lower).
fn either(s: &str, keyword: &str) -> Option<String> {
    let (a, b) = s.split_once("又は")?;
    Some(format!("{} {keyword} {}", sum(a)?, sum(b)?))
}

/// `A+B+…` of ad valorem and yen-per-unit terms.
fn sum(s: &str) -> Option<String> {
    if s == "無税" || s == "免税" {
        return Some("Free".into());
    }
    let terms: Option<Vec<String>> = s.split('+').map(term).collect();
    Some(terms?.join(" + "))
}

/// `10.9%` or `20.70円/kg` → `20.70 JPY / kg`.
fn term(s: &str) -> Option<String> {
    if let Some(p) = s.strip_suffix('%') {
        return number(p).map(|n| format!("{n}%"));
    }
    let (amount, unit) = s.split_once("円/")?;
    Some(format!("{} JPY / {}", number(amount)?, unit_name(unit)?))
}

/// A published number without its thousands commas.
fn number(s: &str) -> Option<String> {
    let n = s.replace(',', "");
    let ok = !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit() || b == b'.') && !n.starts_with('.');
    ok.then_some(n)
}

/// The schedule's units in the engine's unit names.
fn unit_name(u: &str) -> Option<String> {
    Some(
        match u {
            "kg" => "kg",
            "l" => "l",
            "kl" => "1000 l",
            "㎡" => "m2",
            "MT" => "t",
            "頭" => "head",
            "足" => "pair",
            "本" | "枚" | "個" => "item",
            _ => {
                // `1,000本`: per so many pieces.
                let n = number(u.strip_suffix('本')?)?;
                return Some(format!("{n} items"));
            }
        }
        .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_rates_rewrite_into_the_engine_grammar() {
        assert_eq!(translate("無税").as_deref(), Some("Free"));
        assert_eq!(translate("10.9%").as_deref(), Some("10.9%"));
        assert_eq!(translate("20.70円/kg").as_deref(), Some("20.70 JPY / kg"));
        assert_eq!(translate("4,000,000円/頭").as_deref(), Some("4000000 JPY / head"));
        assert_eq!(translate("35%＋120円/kg").as_deref(), Some("35% + 120 JPY / kg"));
        assert_eq!(translate("29.8%+\n915円/kg").as_deref(), Some("29.8% + 915 JPY / kg"));
        assert_eq!(translate("12.5%＋1,250円/1,000本").as_deref(), Some("12.5% + 1250 JPY / 1000 items"));
        assert_eq!(translate("930円/MT").as_deref(), Some("930 JPY / t"));
    }

    #[test]
    fn whichever_higher_is_min_and_whichever_lower_is_max() {
        // Customs Tariff Schedule: "A or B, whichever is the higher" = at least B = `A MIN B`.
        assert_eq!(translate("2.8%又は20円/kgのうちいずれか高い税率").as_deref(), Some("2.8% MIN 20 JPY / kg"));
        assert_eq!(
            translate("5.6%又は4.4%＋1.52円/㎡のうちいずれか高い税率").as_deref(),
            Some("5.6% MIN 4.4% + 1.52 JPY / m2")
        );
        assert_eq!(translate("11.7%又は72.90円/kgのうちいずれか低い税率").as_deref(), Some("11.7% MAX 72.90 JPY / kg"));
        assert_eq!(
            translate("20%又は30円/kgのうちいずれか高い税率（ただしその税率が40%を上回る場合は40%とする）").as_deref(),
            Some("20% MIN 30 JPY / kg MAX 40%")
        );
        assert_eq!(
            translate("21.3%又は156.80円/lのうちいずれか低い税率\nただしその税率が93円/lを下回る場合は93円/l")
                .as_deref(),
            Some("21.3% MAX 156.80 JPY / l MIN 93 JPY / l")
        );
    }

    #[test]
    fn non_rates_are_not_rewritten() {
        for t in [
            "◎無税",
            "※1%",
            "関税割当数量以内のもの\u{3000}無税",
            "(170円−課税価格)/kg",
            "●21%〜29.8%+1,159円/kg",
            "1キログラムにつき部分肉に係る基準輸入価格と課税価格との差額",
        ] {
            assert_eq!(translate(t), None, "{t}");
        }
    }

    #[test]
    fn applied_mfn_is_temporary_else_general_replaced_by_a_lower_wto_rate() {
        // 0103.91: general 10 %, WTO 8.5 % (bare) → 8.5 %.
        assert_eq!(applied_mfn("", "10%", "8.5%"), "8.5%");
        // 6101.20: general 10.9 %, WTO (10.9 %) in parentheses → general.
        assert_eq!(applied_mfn("", "10.9%", "(10.9%)"), "10.9%");
        // 0304.94 010: temporary 4.2 % over general 10 %; WTO 6 % is not lower → 4.2 %.
        assert_eq!(applied_mfn("4.2%", "10%", "6%"), "4.2%");
        // 0703.10 013: general free; a bare WTO 8.5 % is higher → free.
        assert_eq!(applied_mfn("", "無税", "8.5%"), "Free");
        // 5208.11 091: every component of the WTO form is lower → the WTO form.
        assert_eq!(
            applied_mfn(
                "",
                "5.6%又は4.4%＋1.52円/㎡のうちいずれか高い税率",
                "3.7%又は2.9%＋1.01円/㎡のうちいずれか高い税率"
            ),
            "3.7% MIN 2.9% + 1.01 JPY / m2"
        );
        // 5208.11 010: the higher of 5.6 % and a compound is never below 5.6 % → WTO 5.6 %.
        assert_eq!(applied_mfn("", "5.6%又は4.4%＋1.52円/㎡のうちいずれか高い税率", "5.6%"), "5.6%");
        // 2836.20 100: 1.68 yen/kg against 5.5 %: the lower depends on the consignment.
        assert_eq!(applied_mfn("", "1.68円/kg", "5.5%"), "1.68 JPY / kg MAX 5.5%");
        // 7501.20 100: the lower of 11.7 % and 72.90 yen/kg, against WTO 44 yen/kg (below 72.90).
        assert_eq!(applied_mfn("", "11.7%又は72.90円/kgのうちいずれか低い税率", "44円/kg"), "11.7% MAX 44 JPY / kg");
        // A bare WTO range is applied but is no single rate: kept as published.
        assert_eq!(applied_mfn("", "35%", "●21%〜29.8%+1,159円/kg"), "●21%〜29.8%+1,159円/kg");
        // Only parenthesized parts: not applied.
        assert_eq!(applied_mfn("", "3%", "(無税)〜(10%)"), "3%");
    }

    #[test]
    fn seasonal_descriptions_give_windows() {
        assert_eq!(season_window("(1)毎年4月1日から同年9月30日までに輸入されるもの").as_deref(), Some("01 APR-30 SEP"));
        assert_eq!(season_window("2 毎年11月1日から翌年2月末日までに輸入されるもの").as_deref(), Some("01 NOV-29 FEB"));
        assert_eq!(season_window("その他のもの"), None);
    }

    #[test]
    fn special_groups_programmes_by_rate() {
        let cols =
            [("SG", "Free".to_string()), ("EU", "Free".into()), ("RCEP_CN", "6.8%".into()), ("US", String::new())];
        assert_eq!(special(cols.into_iter()), "Free (SG,EU) 6.8% (RCEP_CN)");
        let kept = [("AU", "関税割当数量以内のもの (401.65円/kg-課税価格/kg)".to_string())];
        assert_eq!(special(kept.into_iter()), "関税割当数量以内のもの （401.65円/kg-課税価格/kg） (AU)");
    }

    #[test]
    fn in_quota_lines_keep_every_rate_marked_not_priceable() {
        // Japan's schedule of 2026-07-09, 6403.99 (2): "− 共通の限度数量以内のもの" (temporary 21.6 %,
        // WTO (21.6%) in parentheses) over 012 "−−− 紳士用のもの": the in-quota rate needs a quota
        // certificate (関税割当証明書); without one the goods are 6403.99-015 (WTO 30 % or
        // ¥4,300/pair). audit-g G2: the line was priced at 21.6 %.
        assert!(is_in_quota("− 共通の限度数量以内のもの"));
        assert!(is_in_quota("−− 共通の限度数量（第二種のもの）以内のもの"));
        assert!(is_in_quota("ばい焼でん粉若しくはスターチグルーの製造に使用するものとして関税暫定措置法第8条の6第1項の割当てを受けて輸入されるもの"));
        assert!(!is_in_quota("− その他のもの"));
        let rates: BTreeMap<String, String> = [
            (GENERAL, "60%又は4,800円/足のうちいずれか高い税率"),
            (TEMPORARY, "21.6%"),
            (WTO, "(21.6%)"),
            ("特別特恵", "無税"),
            ("EPA_CPTPP", "21.6%"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let line = |in_quota| Line {
            code: "640399012".into(),
            description: "−−− 紳士用のもの".into(),
            units: "PR,KG".into(),
            rates: rates.clone(),
            in_quota,
        };
        let r = row(&line(true));
        assert_eq!(r.mfn, "関税割当数量以内のもの 21.6%");
        assert_eq!(r.special, "関税割当数量以内のもの Free (LDC) 関税割当数量以内のもの 21.6% (CPTPP)");
        assert!(!DutyExpr::parse(&r.mfn).is_structured());
        assert_eq!(row(&line(false)).mfn, "21.6%");
    }

    #[test]
    fn parentheses_mark_an_unapplied_wto_rate() {
        assert!(parenthesized("(10.9%)"));
        assert!(parenthesized("*(361円/kg)"));
        assert!(parenthesized("(無税)〜(10%)"));
        assert!(!parenthesized("●2.5%〜(4.8%)"));
        assert!(!parenthesized("(170円−課税価格)/kg"));
    }
}
