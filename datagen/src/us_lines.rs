//! Facts about each HTS 2026 8-digit line beyond its rates → `tariffs/us_lines.tsv`:
//!
//! - **its statistical suffixes**: the 10-digit statistical lines the revision publishes under it
//!   (`6109.10.00` → `040711…`), so a 10-digit code whose suffix the revision does not have
//!   (`6109.10.00.99`) is an unknown code, not silently the 8-digit line (audit-k K4);
//! - **its value bracket**: the unit value its article text states ("Valued over $3 but not
//!   over $6.50/pair", "Valued not over $20 each", …), read from the line's own text and the
//!   unnumbered rows above it, so a unit price outside the bracket is not priced complete at
//!   that line (audit-k K3). A bracket text this reader cannot read with certainty (the value of
//!   a part, two alternative brackets, a value without a unit) is listed as `unparseable` with
//!   its text, never guessed.
//!
//! A bracketed line has a row of its own; the other lines whose suffixes are not exactly `00`
//! share a row with the lines of the same suffixes and dates (its `codes`), and the lines of
//! chapters 98 and 99 printed without statistical lines are named by their chapter. A line of a
//! revision with no row has the one statistical line `00`. Rows are dated like `us.tsv`: a row
//! unchanged in the next revision runs on, a changed or dropped one ends the day before it.
//!
//! Only the HTS 2026 JSON revisions are read: the 2025 annual database's brief descriptions
//! abbreviate the article text ("val. >$6.50 but <$12/pr" for "over $6.50 but not over
//! $12/pair": the bounds' inclusion is lost), so no bracket is read from them, and the database
//! has no statistical suffixes. Before 2026-02-12 neither check applies.

use crate::us_hts::REVISIONS;
use landed::date::Date;
use landed::error::{Error, ErrorCode, Result};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;

/// The table's columns. `codes` holds the 8-digit code of a bracketed line, or the codes of the
/// lines that share a row's suffixes (a chapter, `99`, for every line of it without a row of its
/// own): the snapshot splits a file with a `codes` column into chapter parts.
pub const HEADER: &str =
    "codes\tvalid_from\tvalid_to\tsuffixes\tgroup\tlower\tupper\tper\tcurrency\tbracket\tstatus\tsource";

/// What one revision says of one 8-digit line, besides its rates.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Facts {
    /// The 2-digit suffixes concatenated (`0407`), `none` when the revision prints no statistical
    /// line.
    suffixes: String,
    bracket: Option<LineBracket>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct LineBracket {
    /// The first 8-digit line (file order) under the row that holds the bracketed alternatives.
    group: String,
    /// The bracket texts as published, the topmost first, joined with ": ".
    text: String,
    /// `None` when unparseable.
    parsed: Option<Bracket>,
}

/// A value bracket: bounds in US dollars per `per`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bracket {
    /// (amount, inclusive)
    pub lower: Option<(Decimal, bool)>,
    pub upper: Option<(Decimal, bool)>,
    /// A unit symbol `landed::units::Unit::lookup` knows: `pair`, `item`, `kg`, `l`, `pf_l`,
    /// `dozen`, `gross`, `m2`, `m`.
    pub per: &'static str,
}

impl Bracket {
    /// The intersection of two brackets of one unit; `None` when the units differ.
    fn and(&self, other: &Bracket) -> Option<Bracket> {
        if self.per != other.per {
            return None;
        }
        let lower = match (self.lower, other.lower) {
            (Some(a), Some(b)) => Some(if a.0 > b.0 || (a.0 == b.0 && !a.1) { a } else { b }),
            (a, b) => a.or(b),
        };
        let upper = match (self.upper, other.upper) {
            (Some(a), Some(b)) => Some(if a.0 < b.0 || (a.0 == b.0 && !a.1) { a } else { b }),
            (a, b) => a.or(b),
        };
        Some(Bracket { lower, upper, per: self.per })
    }
}

fn invalid(what: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::Io, "sources", what.to_string())
}

/// The table, from the revisions in `dir`.
pub fn import(dir: &Path) -> Result<String> {
    let mut revisions = Vec::new();
    for rev in &REVISIONS {
        let path = dir.join(rev.file);
        let json = crate::us_hts::read_gzip(&path)?;
        let entries: Vec<serde_json::Value> = serde_json::from_str(&json).map_err(invalid)?;
        let facts = facts(&entries).map_err(|e| invalid(format!("{}: {e}", path.display())))?;
        revisions.push((rev.id, Date::parse(rev.vintage)?, facts));
    }
    // Dated rows: one per line and run of revisions that say the same.
    let mut open: BTreeMap<String, (Date, &'static str, Facts)> = BTreeMap::new();
    let mut rows: Vec<(String, Date, Option<Date>, &'static str, Facts)> = Vec::new();
    for (source, from, facts) in &revisions {
        let day_before = from.add_days(-1);
        let codes: Vec<String> = open.keys().cloned().collect();
        for code in codes {
            if facts.get(&code) != open.get(&code).map(|o| &o.2) {
                let (start, src, f) = open.remove(&code).expect("listed above");
                rows.push((code, start, Some(day_before), src, f));
            }
        }
        for (code, f) in facts {
            open.entry(code.clone()).or_insert_with(|| (*from, source, f.clone()));
        }
    }
    rows.extend(open.into_iter().map(|(code, (start, src, f))| (code, start, None, src, f)));
    // A line with a bracket has a row of its own; the others are grouped by what they say
    // (dates, suffixes, source), one row listing their codes; the lines of chapters 98 and 99
    // printed without statistical lines are named by their chapter (special provisions and
    // chapter 99 headings: a 10-digit code under them is not checked).
    type Key = (Date, Option<Date>, String, &'static str);
    let mut grouped: BTreeMap<Key, Vec<String>> = BTreeMap::new();
    let mut lines: Vec<(String, String)> = Vec::new();
    for (code, from, to, source, f) in rows {
        let to_text = to.map(|d| d.to_string()).unwrap_or_default();
        let Some(b) = &f.bracket else {
            let chapter = &code[..2];
            let code = match f.suffixes == "none" && (chapter == "98" || chapter == "99") {
                true => chapter.to_string(),
                false => code,
            };
            let codes = grouped.entry((from, to, f.suffixes.clone(), source)).or_default();
            if !codes.contains(&code) {
                codes.push(code);
            }
            continue;
        };
        let (group, lower, upper, per, currency, status) = match &b.parsed {
            Some(p) => (
                b.group.as_str(),
                p.lower.map(|(a, inc)| format!("{}{a}", if inc { ">=" } else { ">" })).unwrap_or_default(),
                p.upper.map(|(a, inc)| format!("{}{a}", if inc { "<=" } else { "<" })).unwrap_or_default(),
                p.per,
                "USD",
                "parsed",
            ),
            None => (b.group.as_str(), String::new(), String::new(), "", "", "unparseable"),
        };
        let row = format!(
            "{code}\t{from}\t{to_text}\t{}\t{group}\t{lower}\t{upper}\t{per}\t{currency}\t{}\t{status}\t{source}",
            f.suffixes, b.text
        );
        lines.push((code, row));
    }
    for ((from, to, suffixes, source), mut codes) in grouped {
        codes.sort();
        let to = to.map(|d| d.to_string()).unwrap_or_default();
        let row = format!("{}\t{from}\t{to}\t{suffixes}\t\t\t\t\t\t\t\t{source}", codes.join(" "));
        lines.push((codes[0].clone(), row));
    }
    lines.sort();
    let mut out = format!("{HEADER}\n");
    for (_, row) in lines {
        out.push_str(&row);
        out.push('\n');
    }
    Ok(out)
}

fn field<'a>(row: &'a serde_json::Value, name: &str) -> &'a str {
    row.get(name).and_then(|v| v.as_str()).unwrap_or_default()
}

fn indent(entry: &serde_json::Value) -> Option<u32> {
    match entry.get("indent")? {
        serde_json::Value::String(s) => s.trim().parse().ok(),
        serde_json::Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        _ => None,
    }
}

/// True when a description speaks of a value ("valued"): such a row either states a bracket
/// this module reads, or one it lists as unparseable.
fn mentions_value(text: &str) -> bool {
    text.to_ascii_lowercase().split(|c: char| !c.is_ascii_alphabetic()).any(|w| w == "valued")
}

/// The facts of every 8-digit line of one revision that needs a row (chapters 98 and 99 have
/// no value brackets of goods: their "valued" texts are conditions of special provisions).
fn facts(entries: &[serde_json::Value]) -> std::result::Result<BTreeMap<String, Facts>, String> {
    // (indent, text, index) of the rows above the current one.
    let mut above: Vec<(u32, String, usize)> = Vec::new();
    let mut suffixes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut brackets: BTreeMap<String, LineBracket> = BTreeMap::new();
    // The first line of each group (by the index of the row holding the alternatives).
    let mut group_first: BTreeMap<usize, String> = BTreeMap::new();
    let mut seen: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for (i, entry) in entries.iter().enumerate() {
        let htsno = field(entry, "htsno");
        let ind = indent(entry).ok_or_else(|| format!("row {i} ({htsno}): no indent"))?;
        let text = field(entry, "description").split_whitespace().collect::<Vec<_>>().join(" ");
        while above.last().is_some_and(|(level, _, _)| *level >= ind) {
            above.pop();
        }
        let digits: String = htsno.chars().filter(|c| *c != '.').collect();
        if digits.len() >= 8 {
            let code = digits[..8].to_string();
            let line = suffixes.entry(code.clone()).or_default();
            if digits.len() == 10 {
                line.push(digits[8..].to_string());
            }
            let chapter = &code[..2];
            // The bracket of the line: its own text's and those of the rows above it, read at the
            // line's first row (its 8-digit row, or its one statistical row where it has none of
            // its own): a statistical row's text is not the article's.
            if seen.insert(code.clone()) {
                let path: Vec<(usize, &str)> = above
                    .iter()
                    .map(|(_, t, at)| (*at, t.as_str()))
                    .chain([(i, text.as_str())])
                    .filter(|(_, t)| mentions_value(t))
                    .collect();
                if chapter != "98" && chapter != "99" && !path.is_empty() {
                    let top = path[0].0;
                    // The row holding the alternatives: the one above the topmost bracket row.
                    let parent = above.iter().rev().find(|(_, _, at)| *at < top).map_or(usize::MAX, |(_, _, at)| *at);
                    let group = group_first.entry(parent).or_insert_with(|| code.clone()).clone();
                    let text = path.iter().map(|(_, t)| t.trim_end_matches(':').trim_end()).collect::<Vec<_>>();
                    let mut parsed: Option<Bracket> = None;
                    let mut ok = true;
                    for t in &text {
                        match (parse(t), &parsed) {
                            (Some(b), None) => parsed = Some(b),
                            (Some(b), Some(p)) => match p.and(&b) {
                                Some(both) => parsed = Some(both),
                                None => ok = false,
                            },
                            (None, _) => ok = false,
                        }
                    }
                    brackets.insert(
                        code.clone(),
                        LineBracket { group, text: text.join(": "), parsed: parsed.filter(|_| ok) },
                    );
                }
            }
        }
        above.push((ind, text, i));
    }
    let mut out = BTreeMap::new();
    for (code, list) in suffixes {
        let bracket = brackets.remove(&code);
        // Concatenated pairs (`0407111214…`): 1 KB gzip less across the parts than with spaces.
        let suffixes = if list.is_empty() { "none".to_string() } else { list.concat() };
        if suffixes != "00" || bracket.is_some() {
            out.insert(code, Facts { suffixes, bracket });
        }
    }
    Ok(out)
}

/// Units a bracket may be stated per, as written after the amount (lowercase), and the unit
/// symbol (`landed::units::Unit`). Longest first where one begins another.
const UNITS: &[(&str, &str)] = &[
    ("/pair", "pair"),
    ("/pr.", "pair"),
    ("/kg", "kg"),
    ("/liter", "l"),
    ("/proof liter", "pf_l"),
    ("/dozen", "dozen"),
    ("/gross", "gross"),
    (" per kg", "kg"),
    (" per dozen pieces or parts", "dozen"),
    (" per dozen pieces", "dozen"),
    (" per dozen", "dozen"),
    (" per gross", "gross"),
    (" per piece", "item"),
    (" per unit", "item"),
    (" per square meter", "m2"),
    (" per meter", "m"),
    (" per proof liter", "pf_l"),
    (" per liter", "l"),
    (" each", "item"),
];

/// Reads an amount at the start of `s`: `$3`, `$6.50`, `$1,000`, `30 cents`, `88¢`. Returns the
/// amount in dollars and the rest.
fn amount(s: &str) -> Option<(Decimal, &str)> {
    let (dollars, s) = match s.strip_prefix('$') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let end = s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(s.len());
    let number = s[..end].trim_end_matches(['.', ',']);
    if number.is_empty() || number.starts_with(',') {
        return None;
    }
    let rest = &s[number.len()..];
    let value = Decimal::from_str_exact(&number.replace(',', "")).ok()?;
    if dollars {
        return Some((value, rest));
    }
    let cents =
        rest.strip_prefix('¢').or_else(|| rest.strip_prefix(" cents")).or_else(|| rest.strip_prefix(" cent"))?;
    Some((value / Decimal::ONE_HUNDRED, cents))
}

/// Reads a unit at the start of `s`.
fn unit(s: &str) -> (Option<&'static str>, &str) {
    for (text, symbol) in UNITS {
        if let Some(rest) = s.strip_prefix(text) {
            return (Some(symbol), rest);
        }
    }
    (None, s)
}

/// Reads the bracket of one row's text ("Valued over $3 but not over $6.50/pair"); `None` when
/// the text is not a bracket this reader is certain of.
pub fn parse(text: &str) -> Option<Bracket> {
    let lower = text.to_ascii_lowercase();
    let lower = lower.trim();
    if lower.matches("valued").count() != 1 {
        return None;
    }
    let at = lower.find("valued")?;
    let before = lower[..at].trim_end();
    // The article's own value: at the start, after a comma, or "each valued".
    let each = before == "each" || before.ends_with(", each");
    if !(before.is_empty() || before.ends_with(',') || each) {
        return None;
    }
    let mut s = lower[at + "valued".len()..].trim_start();
    s = s.strip_prefix("at ").unwrap_or(s);
    type Bound = Option<(Decimal, bool)>;
    let (mut low, mut high): (Bound, Bound) = (None, None);
    let units = std::cell::RefCell::new(Vec::<&'static str>::new());
    let read = |s: &str| -> Option<(Decimal, String)> {
        let (a, rest) = amount(s)?;
        let (u, rest) = unit(rest);
        units.borrow_mut().extend(u);
        Some((a, rest.to_string()))
    };
    let rest: String;
    if let Some(r) = s.strip_prefix("not over ").or_else(|| s.strip_prefix("not more than ")) {
        let (a, r) = read(r)?;
        high = Some((a, true));
        rest = r;
    } else if let Some(r) = s.strip_prefix("under ").or_else(|| s.strip_prefix("less than ")) {
        let (a, r) = read(r)?;
        high = Some((a, false));
        rest = r;
    } else if let Some(r) = s.strip_prefix("over ") {
        let (a, r) = read(r)?;
        low = Some((a, false));
        match r.strip_prefix(" but not over ").or_else(|| r.strip_prefix(" but not more than ")) {
            Some(r2) => {
                let (b, r2) = read(r2)?;
                high = Some((b, true));
                rest = r2;
            }
            None => rest = r,
        }
    } else {
        let (a, r) = read(s)?;
        let r = r.strip_prefix(" or more").or_else(|| r.strip_prefix(" or over"))?;
        let (u, r) = unit(r);
        units.borrow_mut().extend(u);
        low = Some((a, true));
        let upper = [
            (" but less than ", false),
            (" but under ", false),
            (" but not over ", true),
            (" but not more than ", true),
        ]
        .into_iter()
        .find_map(|(p, inc)| r.strip_prefix(p).map(|r2| (r2, inc)));
        match upper {
            Some((r2, inc)) => {
                let (b, r2) = read(r2)?;
                high = Some((b, inc));
                rest = r2;
            }
            None => rest = r.to_string(),
        }
    }
    // Nothing after the bracket may speak of a value again (a second bracket, "excluding the
    // value of the case"), and every amount must be per the same unit.
    let rest = rest.trim_end_matches(':');
    if rest.contains('$') || rest.contains('¢') || rest.contains("cent") || rest.contains("value") {
        return None;
    }
    if !(rest.is_empty() || rest.starts_with(',') || rest.starts_with(';') || rest.starts_with(" (")) {
        return None;
    }
    let mut units = units.into_inner();
    if each {
        units.push("item");
    }
    let per = *units.first()?;
    if units.iter().any(|u| *u != per) {
        return None;
    }
    if let (Some(l), Some(h)) = (low, high) {
        if l.0 >= h.0 {
            return None;
        }
    }
    Some(Bracket { lower: low, upper: high, per })
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! dec {
        ($x:expr) => {
            Decimal::from_str_exact(stringify!($x)).unwrap()
        };
    }

    type Bound = Option<(Decimal, bool)>;

    fn b(text: &str) -> Option<(Bound, Bound, &'static str)> {
        parse(text).map(|b| (b.lower, b.upper, b.per))
    }

    #[test]
    fn brackets_as_the_hts_writes_them() {
        // HTSUS 2026 Rev 3/Rev 10, 6402.99.16, 4202.21.60, 7013.37.20, 2402.10.60, 0207.25.20.
        assert_eq!(
            b("Valued over $3 but not over $6.50/pair"),
            Some((Some((dec!(3), false)), Some((dec!(6.50), true)), "pair"))
        );
        assert_eq!(b("Valued not over $20 each"), Some((None, Some((dec!(20), true)), "item")));
        assert_eq!(
            b("Valued over $0.30 but not over $3 each"),
            Some((Some((dec!(0.30), false)), Some((dec!(3), true)), "item"))
        );
        assert_eq!(
            b("Each valued 15¢ or over but less than 23¢"),
            Some((Some((dec!(0.15), true)), Some((dec!(0.23), false)), "item"))
        );
        assert_eq!(b("Valued less than 88¢/kg"), Some((None, Some((dec!(0.88), false)), "kg")));
        assert_eq!(b("Valued 88¢ or more per kg"), Some((Some((dec!(0.88), true)), None, "kg")));
        assert_eq!(b("Valued over $3 each:"), Some((Some((dec!(3), false)), None, "item")));
        assert_eq!(b("Valued not over $3 per proof liter"), Some((None, Some((dec!(3), true)), "pf_l")));
        assert_eq!(
            b("Valued $1,000 or over but under $2,500 each"),
            Some((Some((dec!(1000), true)), Some((dec!(2500), false)), "item"))
        );
        assert_eq!(
            b("Pharmaceutical Grade meeting FDA requirements for use in intravenous fat emulsions, valued over $5/kg"),
            Some((Some((dec!(5), false)), None, "kg"))
        );
        assert_eq!(
            b("Valued over 30 cents but not over $3 each"),
            Some((Some((dec!(0.30), false)), Some((dec!(3), true)), "item"))
        );
    }

    #[test]
    fn what_is_not_the_articles_own_bracket_is_not_read() {
        // The value of a part, two alternative brackets, a bracket without a unit: listed as
        // unparseable, never guessed.
        assert_eq!(b("With movement valued not over $15 each"), None);
        assert_eq!(b("Valued not over $15 each, excluding the value of the case"), None);
        assert_eq!(
            b("Smoked sardines, neither skinned nor boned, valued $1 or more per kg in tin- plate containers, or $1.10 or more per kg in other containers"),
            None
        );
        assert_eq!(b("Valued over $5:"), None);
        assert_eq!(b("Cups valued over $5 per dozen; saucers valued over $3 per dozen"), None);
    }

    #[test]
    fn nested_brackets_intersect() {
        let outer = parse("Valued over $3 each").unwrap();
        let inner = parse("Valued over $5 each").unwrap();
        assert_eq!(outer.and(&inner).unwrap().lower, Some((dec!(5), false)));
        assert!(outer.and(&parse("Valued over $3/pair").unwrap()).is_none());
    }
}
