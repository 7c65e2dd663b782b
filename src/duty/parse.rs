//! From tariff rate texts to [`DutyExpr`].
//!
//! The grammar, loosely: `expr := seasonal | bounded`; `seasonal := (bounded '(' windows ')' ,)+
//! bounded?`; `bounded := sum ('MIN' sum)? ('MAX' sum)?` (either order); `sum := term ('+' term)*`;
//! `term := percent | specific | agricultural component`. Whole-text forms (references to other
//! subheadings, notes, entry prices) are recognised first.

use super::{DayWindow, DutyExpr, NotPriceableKind, Season, SpecificRate};
use crate::money::Currency;
use crate::units::{Dimension, Measure, Qualifier, Unit};
use rust_decimal::Decimal;

/// Numbers in rate texts stay below this (the largest in the sources is under 10,000).
const MAX_RATE_NUMBER: i64 = 1_000_000_000;

/// Parses one rate text of a tariff: `$`, `¢` and `cents` are US money (the US tariff's own
/// texts, from which the grammar was built).
pub(super) fn parse(text: &str) -> DutyExpr {
    parse_with(text, Some(Currency::USD))
}

/// Parses one rate text, `$`, `¢` and `cents` read as `dollar` (its cents: hundredths of it);
/// with `None` a term written with them is not a rate.
pub(super) fn parse_with(text: &str, dollar: Option<Currency>) -> DutyExpr {
    parse_read(text, Read { dollar, bare_percent: true })
}

/// How a text is read: its dollar, and whether a bare number is a percent.
#[derive(Clone, Copy)]
pub(super) struct Read {
    /// What `$`, `¢` and `cents` are (`None`: a term written with them is not a rate).
    pub dollar: Option<Currency>,
    /// A number with no `%`, unit or currency is a percent: true for the tariffs' own texts (UK
    /// files sometimes drop the percent sign), false for a caller's rate, where `0.18` may as
    /// well mean 18 % (a fraction) as 0.18 % (audit-s S3).
    pub bare_percent: bool,
}

/// Parses one rate text as `read` says.
pub(super) fn parse_read(text: &str, read: Read) -> DutyExpr {
    let norm = normalize(text);
    whole_text_form(&norm, text, read)
        .or_else(|| parse_expr(&norm, read))
        .unwrap_or_else(|| not_priceable(classify_unparsed(&norm), text))
}

/// Parses a rate text as [`parse`] does, or `None` when no form of the grammar reads it: the
/// text [`parse`] gives a kind by its last resort (`abc` is "a condition", the empty text "no
/// rate"). For a text a caller typed (`landed eval`), where such a kind is no answer.
pub(super) fn parse_recognised(text: &str) -> Option<DutyExpr> {
    let norm = normalize(text);
    if norm.is_empty() {
        return None;
    }
    let read = Read { dollar: Some(Currency::USD), bare_percent: true };
    whole_text_form(&norm, text, read).or_else(|| parse_expr(&norm, read))
}

/// The first term of a caller's rate that is a bare number (`0.18`, the `5` of `10% MIN 5`), as
/// written, or `None`: a caller writes `%` for a percent ([`Read::bare_percent`]). A text that
/// is a rate only when its bare numbers are read as percents gives that number (or, when it
/// cannot be picked out, the whole text).
pub(super) fn bare_number(text: &str) -> Option<String> {
    let norm = normalize(text);
    // Read leniently, each bare number is a percent term; read strictly, the text is no rate.
    let strict = Read { dollar: Some(Currency::USD), bare_percent: false };
    let lenient = Read { bare_percent: true, ..strict };
    if parse_expr(&norm, strict).is_some() || parse_expr(&norm, lenient).is_none() {
        return None;
    }
    let upper = norm.to_ascii_uppercase();
    let term = upper
        .split(['+', '(', ')', ','])
        .flat_map(|t| t.split(" MIN ").flat_map(|t| t.split(" MAX ")))
        .map(str::trim)
        .find(|t| leading_number(t).is_some_and(|(_, rest)| rest.trim().is_empty()));
    Some(term.unwrap_or(norm.as_str()).to_string())
}

/// The first number of a caller's rate written with a comma that may be a decimal comma
/// (`12,5%`: 12.5 % in much of Europe, 125 % read as a thousands separator; audit-kk KK1), as
/// written, or `None`. A comma is unambiguous only in thousands groups before a decimal point
/// (`1,024.00 EUR`): there the point is the decimal separator.
pub(super) fn ambiguous_comma(text: &str) -> Option<String> {
    let number = |c: char| c.is_ascii_digit() || c == ',' || c == '.';
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let run = &rest[start..];
        let end = run.find(|c: char| !number(c)).unwrap_or(run.len());
        let token = run[..end].trim_end_matches([',', '.']);
        if token.contains(',') && !is_grouped_with_decimals(token) {
            return Some(token.to_string());
        }
        rest = &run[end..];
    }
    None
}

/// `1,024.00`: 1–3 digits, groups of exactly three after each comma, then a decimal point.
fn is_grouped_with_decimals(token: &str) -> bool {
    let Some((int, frac)) = token.split_once('.') else { return false };
    let mut groups = int.split(',');
    let head_ok = groups.next().is_some_and(|h| (1..=3).contains(&h.len()));
    head_ok
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
        && !frac.is_empty()
        && frac.bytes().all(|b| b.is_ascii_digit())
}

fn not_priceable(kind: NotPriceableKind, text: &str) -> DutyExpr {
    DutyExpr::NotPriceable { kind, text: text.trim().to_string() }
}

/// Collapses white space, spells out the euro sign, and drops a trailing full stop.
fn normalize(text: &str) -> String {
    let t = text.replace('\u{a0}', " ").replace('€', " EUR ").replace('¢', " cents ");
    let mut out = t.split_whitespace().collect::<Vec<_>>().join(" ");
    while out.ends_with('.') && !out.ends_with("doz.") && !out.ends_with("pr.") && !out.ends_with("sacchar.") {
        out.pop();
    }
    out
}

/// Texts recognised as a whole: references, notes and other non-rates.
fn whole_text_form(norm: &str, original: &str, read: Read) -> Option<DutyExpr> {
    let lower = norm.to_ascii_lowercase();
    let np = |kind| Some(not_priceable(kind, original));
    if lower.is_empty() {
        return np(NotPriceableKind::NoRate);
    }
    if is_japanese(norm) {
        let kind = japanese_kind(norm);
        // What the text's arms put the duty at least at, whichever arm applies (audit-ll LL84-92).
        return Some(match japanese_floor(norm, read) {
            Some(floor) => DutyExpr::AtLeast { expr: Box::new(not_priceable(kind, original)), floor: Box::new(floor) },
            None => not_priceable(kind, original),
        });
    }
    if let Some(rest) = lower.strip_prefix("the duty provided in the applicable subheading") {
        let rest_orig = &norm[norm.len() - rest.len()..];
        let rest_orig = rest_orig.trim();
        if rest_orig.is_empty() {
            return Some(DutyExpr::Subheading { plus: None, minus: None });
        }
        let plus = rest_orig.strip_prefix('+')?.trim();
        let plus = plus.strip_prefix("a duty of ").unwrap_or(plus);
        let expr = parse_expr(plus, read)?;
        return Some(DutyExpr::Subheading { plus: Some(Box::new(expr)), minus: None });
    }
    if let Some(rest) = lower.strip_prefix("the duty rate provided in such subheading minus ") {
        let expr = parse_expr(rest, read)?;
        return Some(DutyExpr::Subheading { plus: None, minus: Some(Box::new(expr)) });
    }
    if lower == "no change" || lower == "no additional duty" {
        return Some(DutyExpr::Subheading { plus: None, minus: None });
    }
    if lower == "free" {
        return Some(DutyExpr::Free { condition: None });
    }
    if let Some(rest) = lower.strip_prefix("free,") {
        let cond = norm[norm.len() - rest.len()..].trim().to_string();
        return Some(DutyExpr::Free { condition: Some(cond) });
    }
    let kind = if lower.starts_with("see ") {
        NotPriceableKind::SeeNote
    } else if lower == "suspended" {
        NotPriceableKind::Suspended
    } else if lower == "entry price" {
        NotPriceableKind::EntryPrice
    } else if lower.starts_with("the rate applicable") || lower.starts_with("the rate of duty appli") {
        NotPriceableKind::RateOfOtherArticle
    } else if lower.starts_with("a duty upon") {
        NotPriceableKind::ValueOfProcessing
    } else if lower.starts_with("a duty equal") || lower.starts_with("a duty (in lieu") {
        NotPriceableKind::ReimportedGoods
    } else if lower.starts_with("the quantity specified") {
        NotPriceableKind::QuotaQuantity
    } else if lower.contains(" less ") && lower.contains("for each degree") {
        // HTSUS raw sugar: "… less 0.020668¢/kg for each degree under 100 degrees … but not less
        // than 3.143854¢/kg": the degree is not an input, but the floor is the duty's lower bound
        // (docs/rules.md §18, audit-ll LL22).
        let sliding = not_priceable(NotPriceableKind::SlidingScale, original);
        // The last "but not less than" by a forward search: a reverse one links a second
        // string searcher into the module (+0.9 KB raw).
        let floor = lower
            .match_indices("but not less than ")
            .last()
            .map(|(at, phrase)| &lower[at + phrase.len()..])
            .and_then(|f| parse_expr(&norm[norm.len() - f.len()..], read));
        return Some(match floor {
            Some(floor) => DutyExpr::AtLeast { expr: Box::new(sliding), floor: Box::new(floor) },
            None => sliding,
        });
    } else if lower.contains("shall not exceed") {
        NotPriceableKind::Conditional
    } else {
        return None;
    };
    np(kind)
}

/// Rate texts of Japan's schedule kept as published (the importer rewrites the priceable ones
/// into this grammar): Japanese script, or the schedule's marks `◎ ※ ● ◆ 〜 ㎡`.
fn is_japanese(norm: &str) -> bool {
    norm.chars().any(|c| {
        matches!(c as u32, 0x3000..=0x9FFF | 0xFF00..=0xFFEF) || matches!(c, '◎' | '※' | '●' | '◆' | '〜' | '㎡')
    })
}

/// The least duty a kept Japanese text gives, when the text says it (docs/rules.md §18):
/// - rates by kind of goods within the line, each arm a percent (`保護用の金属製トーキャップを
///   有するもの 6.7% その他のもの 8%`): the lowest of them;
/// - a yen amount per kg raised for each 1 % of a content (`1キログラムにつき、59.50円に…乳糖の
///   含有率が10%を超える1%ごとに6円を加えた額`): the amount.
fn japanese_floor(norm: &str, read: Read) -> Option<DutyExpr> {
    if let Some(rest) =
        norm.strip_prefix("1キログラムにつき、").filter(|r| r.contains("ごとに") && r.ends_with("を加えた額"))
    {
        let (base, _) = rest.split_once("円に")?;
        Decimal::from_str_exact(base).ok()?;
        return parse_expr(&format!("{base} JPY / kg"), read);
    }
    let tokens: Vec<&str> = norm.split_whitespace().collect();
    if tokens.len() < 4 || tokens.len() % 2 != 0 || tokens[tokens.len() - 2] != "その他のもの" {
        return None;
    }
    // Each arm is a description then its rate; the first of equal lowest rates is kept.
    let mut lowest: Option<Decimal> = None;
    for arm in tokens.chunks_exact(2) {
        let rate = arm[1].strip_suffix('%').and_then(|n| Decimal::from_str_exact(n).ok())?;
        lowest = Some(match lowest {
            Some(low) if low <= rate => low,
            _ => rate,
        });
    }
    Some(DutyExpr::AdValorem { percent: lowest?, on: None })
}

/// Why a kept Japanese rate text is not priceable.
fn japanese_kind(norm: &str) -> NotPriceableKind {
    if norm.contains("含有率") && norm.contains("ごとに") {
        NotPriceableKind::ContentScale
    } else if norm.contains("課税価格") || norm.contains("基準輸入価格") {
        NotPriceableKind::ReferencePrice
    } else if norm.contains("関税割当") {
        NotPriceableKind::TariffQuota
    } else if norm.starts_with('◎') {
        NotPriceableKind::EndUse
    } else {
        // `※` rates, ranges (`〜`), rates by kind of goods within the line, `非譲許` parts.
        NotPriceableKind::Conditional
    }
}

/// A last resort for text no rule recognised, so nothing falls into an unknown bucket.
fn classify_unparsed(norm: &str) -> NotPriceableKind {
    let lower = norm.to_ascii_lowercase();
    if lower.contains("note") {
        NotPriceableKind::SeeNote
    } else if lower.contains("applicable") {
        NotPriceableKind::RateOfOtherArticle
    } else {
        NotPriceableKind::Conditional
    }
}

/// `seasonal | bounded`.
fn parse_expr(text: &str, read: Read) -> Option<DutyExpr> {
    if text.contains('(') {
        return parse_seasonal(text, read);
    }
    parse_bounded(text, read)
}

/// `bounded (windows), bounded (windows), … [bounded]`.
fn parse_seasonal(text: &str, read: Read) -> Option<DutyExpr> {
    let mut seasons = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        match rest.find('(') {
            Some(open) => {
                let close = rest[open..].find(')')? + open;
                let expr = parse_bounded(rest[..open].trim(), read)?;
                let windows = parse_windows(&rest[open + 1..close])?;
                seasons.push(Season { windows, expr });
                rest = rest[close + 1..].trim_start().trim_start_matches(',').trim();
            }
            None => {
                seasons.push(Season { windows: Vec::new(), expr: parse_bounded(rest, read)? });
                break;
            }
        }
    }
    (!seasons.is_empty()).then_some(DutyExpr::Seasonal { seasons })
}

/// `01 JAN-14 FEB, 16 JUN - 31 DEC` (a range may leave out its first month: `01-31 DEC`).
fn parse_windows(text: &str) -> Option<Vec<DayWindow>> {
    text.split(',')
        .map(|range| {
            let (a, b) = range.split_once('-')?;
            let to = parse_day_month(b)?;
            let a = a.trim();
            let from = match a.parse::<u8>() {
                Ok(day) => (to.0, day),
                Err(_) => parse_day_month(a)?,
            };
            Some(DayWindow { from, to })
        })
        .collect()
}

/// `14 FEB` → (2, 14).
fn parse_day_month(text: &str) -> Option<(u8, u8)> {
    let mut it = text.split_whitespace();
    let day: u8 = it.next()?.parse().ok()?;
    let month = it.next()?.to_ascii_uppercase();
    const MONTHS: [&str; 12] = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    let m = MONTHS.iter().position(|m| month.starts_with(m))? as u8 + 1;
    (1..=31).contains(&day).then_some((m, day))
}

/// `sum [MIN sum] [MAX sum]` in either order, or `sum MAX sum MIN sum`: the lower of the first
/// two, but at least the third (Japan's wine rates).
fn parse_bounded(text: &str, read: Read) -> Option<DutyExpr> {
    if let (Some(max), Some(min)) = (text.find(" MAX "), text.find(" MIN ")) {
        if max < min {
            let (head, floor) = split_keyword(text, " MIN ")?;
            let (body, cap) = split_keyword(head, " MAX ")?;
            let lower =
                DutyExpr::AtMost { expr: Box::new(parse_sum(body, read)?), cap: Box::new(parse_sum(cap, read)?) };
            return Some(DutyExpr::AtLeast { expr: Box::new(lower), floor: Box::new(parse_sum(floor, read)?) });
        }
    }
    let (body, cap) = match split_keyword(text, " MAX ") {
        Some((b, c)) => (b, Some(c)),
        None => (text, None),
    };
    let (body, floor) = match split_keyword(body, " MIN ") {
        Some((b, f)) => (b, Some(f)),
        None => (body, None),
    };
    let mut expr = parse_sum(body, read)?;
    if let Some(f) = floor {
        expr = DutyExpr::AtLeast { expr: Box::new(expr), floor: Box::new(parse_sum(f, read)?) };
    }
    if let Some(c) = cap {
        expr = DutyExpr::AtMost { expr: Box::new(expr), cap: Box::new(parse_sum(c, read)?) };
    }
    Some(expr)
}

fn split_keyword<'a>(text: &'a str, kw: &str) -> Option<(&'a str, &'a str)> {
    text.find(kw).map(|i| (text[..i].trim(), text[i + kw.len()..].trim()))
}

/// `term + term + …`.
fn parse_sum(text: &str, read: Read) -> Option<DutyExpr> {
    let mut terms = text.split('+').map(|t| parse_term(t.trim(), read)).collect::<Option<Vec<_>>>()?;
    match terms.len() {
        0 => None,
        1 => terms.pop(),
        _ => Some(DutyExpr::Sum { terms }),
    }
}

/// One ad valorem, specific or agricultural term.
fn parse_term(text: &str, read: Read) -> Option<DutyExpr> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let upper = t.to_ascii_uppercase();
    if matches!(upper.as_str(), "EA" | "EAR" | "ADSZ" | "ADSZR" | "ADFM" | "ADFMR" | "AD S/Z" | "AD F/M") {
        return Some(not_priceable(NotPriceableKind::AgriculturalComponent, t));
    }
    if upper == "FREE" {
        return Some(DutyExpr::Free { condition: None });
    }
    // A dollar sign before the amount: `US$`, `A$`, `NZ$`, `C$` … name their dollar; a bare `$`
    // is `dollar`'s.
    let dollar = read.dollar;
    if let Some((currency, rest)) = dollar_prefix(t, dollar) {
        let (amount, rest) = leading_number(rest)?;
        return parse_specific(amount, currency?, rest);
    }
    let (number, rest) = leading_number(t)?;
    let rest_trim = rest.trim_start();
    if let Some(after) = rest_trim.strip_prefix('%').or_else(|| rest_trim.strip_prefix("percent")) {
        // `10%%`, `10% / 0`: a stray sign or a number is no component to charge on (audit-kk
        // KK51: the `%` was dropped, `0` asked for as a component's value).
        if after.trim_start().starts_with(|c: char| c == '%' || c == '/' || c.is_ascii_digit()) {
            return None;
        }
        return Some(ad_valorem(number, after));
    }
    if rest_trim.is_empty() {
        // UK files sometimes drop the percent sign: `7.2 MIN 0.36 EUR/100 kg`. A caller's rate
        // never does ([`Read::bare_percent`]).
        return read.bare_percent.then_some(DutyExpr::AdValorem { percent: number, on: None });
    }
    let (currency, amount, after) = if let Some(a) = rest_trim.strip_prefix("cents") {
        (dollar?, number / Decimal::ONE_HUNDRED, a)
    } else if let Some(a) = rest_trim.strip_prefix("cent") {
        (dollar?, number / Decimal::ONE_HUNDRED, a)
    } else {
        let code = rest_trim.get(..3)?;
        let currency = Currency::parse(code).ok()?;
        (currency, number, &rest_trim[3..])
    };
    parse_specific(amount, currency, after)
}

/// Dollar signs that name their dollar (as the tariffs and customs pages of those countries
/// write them).
const NAMED_DOLLARS: [(&str, &str); 9] = [
    ("US$", "USD"),
    ("AU$", "AUD"),
    ("A$", "AUD"),
    ("NZ$", "NZD"),
    ("CA$", "CAD"),
    ("SG$", "SGD"),
    ("S$", "SGD"),
    ("HK$", "HKD"),
    ("NT$", "TWD"),
];

/// A dollar sign before an amount and the text after it: `US$`, `A$`, `NZ$` … name their
/// currency; a bare `$` is `dollar` (`None`: not read).
fn dollar_prefix(t: &str, dollar: Option<Currency>) -> Option<(Option<Currency>, &str)> {
    if let Some(rest) = t.strip_prefix('$') {
        return Some((dollar, rest));
    }
    if !t.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    NAMED_DOLLARS.iter().find_map(|(sign, code)| {
        let head = t.get(..sign.len())?;
        head.eq_ignore_ascii_case(sign).then(|| (Currency::parse(code).ok(), &t[sign.len()..]))
    })
}

/// A leading decimal number with optional thousands commas: `1,024.00 EUR` → (1024.00, " EUR").
fn leading_number(text: &str) -> Option<(Decimal, &str)> {
    let t = text.trim_start();
    let end = t
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit()
                || c == '.'
                || (c == ',' && t[i + 1..].starts_with(|d: char| d.is_ascii_digit()) && i > 0))
        })
        .map(|(i, _)| i)
        .unwrap_or(t.len());
    let num = t[..end].trim_end_matches('.').replace(',', "");
    let consumed = if t[..end].ends_with('.') { end - 1 } else { end };
    let value = Decimal::from_str_exact(&num).ok()?;
    // No tariff rate or unit has more than a few digits; a longer number is not a rate.
    if value.abs() >= Decimal::from(MAX_RATE_NUMBER) {
        return None;
    }
    Some((value, &t[consumed..]))
}

/// The part after `%`: nothing, or the component it is charged on.
fn ad_valorem(percent: Decimal, after: &str) -> DutyExpr {
    let mut on = after.trim().to_ascii_lowercase();
    for prefix in ["upon the value of the", "upon the value of", "on the value of the", "on the", "on", "of the", "of"]
    {
        if let Some(r) = on.strip_prefix(prefix) {
            if r.is_empty() || r.starts_with(' ') {
                on = r.trim().to_string();
                break;
            }
        }
    }
    let on = on.strip_suffix(", if any").unwrap_or(&on);
    let on = slug(on);
    let on = (!on.is_empty() && on != "entire_set").then_some(on);
    DutyExpr::AdValorem { percent, on }
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(word);
    }
    out
}

/// The unit part of a specific duty: ` each`, `/kg`, `/ 100 kg / net drained wt`,
/// `/kg on drained weight`, `/line/ gross`, `/jewel over 7`, `/ % vol / hl`, …
fn parse_specific(amount: Decimal, currency: Currency, after: &str) -> Option<DutyExpr> {
    let after = after.trim();
    let spec = |per: Decimal, measure: Measure, label: String, over: Option<Decimal>| {
        Some(DutyExpr::Specific(SpecificRate { amount, currency, per, measure, unit_label: label, over }))
    };
    if let Some(rest) = after.strip_prefix("each") {
        return rest.trim().is_empty().then_some(()).and(spec(
            Decimal::ONE,
            Measure::net(Dimension::Count),
            "each".into(),
            None,
        ));
    }
    if let Some(rest) = after.strip_prefix("for each") {
        let q = Qualifier::lookup(rest.trim())?;
        return spec(Decimal::ONE, Measure { dimension: Dimension::Count, qualifier: q }, rest.trim().into(), None);
    }
    let body = after.strip_prefix('/')?.trim();
    let lower = body.to_ascii_lowercase();
    // Alcohol by strength: `% vol / hl` = per litre of pure alcohol.
    for p in ["% vol / hl", "%vol/hl", "% vol/hl"] {
        if let Some(rest) = lower.strip_prefix(p) {
            return rest.trim().is_empty().then_some(()).and(spec(
                Decimal::ONE,
                Measure::net(Dimension::PureAlcohol),
                "% vol/hl".into(),
                None,
            ));
        }
    }
    // Buttons: cents per ligne per gross.
    if let Some(rest) = lower.strip_prefix("line/ gross").or_else(|| lower.strip_prefix("line/gross")) {
        let q = Qualifier::lookup("lignes")?;
        return rest.trim().is_empty().then_some(()).and(spec(
            Decimal::from(144),
            Measure { dimension: Dimension::Count, qualifier: q },
            "ligne/gross".into(),
            None,
        ));
    }
    // The UKGT's `GBP/100kg mas` (sugars of 1702): "mas" is in none of its texts we hold, so the
    // term is not a rate, and the rest of a compound duty is still priced (audit-ll LL68).
    if lower.split(['/', ' ']).any(|w| w == "mas") {
        return Some(DutyExpr::NotPriceable {
            kind: NotPriceableKind::UndefinedUnit,
            text: format!("{} {currency}/{body}", amount.normalize()),
        });
    }
    let mut segments = lower.split('/').map(str::trim);
    let first = segments.next()?;
    let (unit, mut qualifier, mut over, label) = unit_with_phrase(first)?;
    for seg in segments {
        if seg.is_empty() || seg == "net" {
            continue;
        }
        let q = Qualifier::lookup(seg)?;
        if q != Qualifier::NET {
            qualifier = q;
        }
    }
    let mut per = unit.factor;
    if qualifier.id() == "sucrose" {
        // `/100 kg/net/% sacchar.`: per 100 kg of product per 1 % of sucrose = per kg of sucrose.
        per = unit.factor / Decimal::ONE_HUNDRED;
    }
    if over.is_some() && unit.dimension != Dimension::Count {
        over = None;
    }
    let measure = Measure { dimension: unit.dimension, qualifier };
    let named = qualifier.id().replace('_', " ");
    let label = match qualifier {
        Qualifier::NET => label,
        // `/100 kg/net/% sacchar.`: per 100 kg per 1 % of sucrose (audit-ll LL40: "0.4 EUR/100
        // kg sucrose × 95" read as 0.38).
        _ if qualifier.id() == "sucrose" => format!("{label} per 1 % sucrose"),
        // `clean kg` already says what it measures (audit-ll LL12: "clean kg clean").
        _ if label.split(' ').any(|w| w == named) => label,
        _ => format!("{label} {named}"),
    };
    spec(per, measure, label, over)
}

/// The first segment of a unit: a unit, optionally with a phrase saying what it measures
/// (`kg on drained weight`, `clean kg`, `t, including weight of container`, `jewel over 7`).
fn unit_with_phrase(seg: &str) -> Option<(Unit, Qualifier, Option<Decimal>, String)> {
    if let Some(u) = Unit::lookup(seg) {
        let q = if seg.starts_with("clean") { Qualifier::lookup("clean")? } else { Qualifier::NET };
        return Some((u, q, None, seg.to_string()));
    }
    // The longest leading run of words that names a unit.
    let cuts: Vec<usize> = seg.match_indices([' ', ',']).map(|(i, _)| i).collect();
    for &cut in cuts.iter().rev() {
        let (head, tail) = (seg[..cut].trim(), seg[cut..].trim_start_matches(',').trim());
        if let (Some(u), Some(q)) = (Unit::lookup(head), qualifier_phrase(tail)) {
            return Some((u, q, None, head.to_string()));
        }
    }
    // Counted things that are not units: `jewel`, `jewel over 7`, `pack`.
    let (word, over) = match seg.split_once(" over ") {
        Some((w, n)) => (w.trim(), Some(Decimal::from_str_exact(n.trim()).ok()?)),
        None => (seg, None),
    };
    let q = Qualifier::lookup(word)?;
    Some((Unit::lookup("item")?, q, over, word.to_string()))
}

/// A qualifier phrase after a unit; phrases that restate the plain quantity count as net.
fn qualifier_phrase(text: &str) -> Option<Qualifier> {
    const SAME_AS_NET: [&str; 3] = ["on ethyl alcohol content", "article", "pins"];
    if SAME_AS_NET.contains(&text) {
        return Some(Qualifier::NET);
    }
    Qualifier::lookup(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn spec(e: &DutyExpr) -> &SpecificRate {
        match e {
            DutyExpr::Specific(s) => s,
            other => panic!("not specific: {other:?}"),
        }
    }

    #[test]
    fn ad_valorem_and_free() {
        assert_eq!(parse("12.0%"), DutyExpr::AdValorem { percent: dec!(12.0), on: None });
        assert_eq!(parse("Free"), DutyExpr::Free { condition: None });
        assert_eq!(parse("7.2"), DutyExpr::AdValorem { percent: dec!(7.2), on: None });
    }

    #[test]
    fn specific_units_normalise_to_base_units() {
        let e = parse("32.00 EUR / hl");
        assert_eq!(spec(&e).per, dec!(100));
        assert_eq!(spec(&e).measure, Measure::net(Dimension::Volume));
        let e = parse("0.7 cents/kg");
        assert_eq!(spec(&e).amount, dec!(0.007));
        assert_eq!(spec(&e).currency, Currency::USD);
        let e = parse("$1.32/pf. liter");
        assert_eq!(spec(&e).per, dec!(0.5));
        assert_eq!(spec(&e).measure, Measure::net(Dimension::PureAlcohol));
        let e = parse("1.75 EUR / % vol / hl");
        assert_eq!(spec(&e).measure, Measure::net(Dimension::PureAlcohol));
        let e = parse("1,024.00 EUR / tonne");
        assert_eq!(spec(&e).amount, dec!(1024.00));
        let e = parse("34.00 GBP/100kg");
        assert_eq!((spec(&e).currency, spec(&e).per), (Currency::GBP, dec!(100)));
    }

    #[test]
    fn a_dollar_sign_is_the_dollar_it_is_read_as() {
        // audit-j J1: a caller's `$` into Australia is A$ (`DutyExpr::parse_caller`); a tariff's
        // is the US's; with no dollar given, a term written with `$` or cents is not a rate.
        let cur = |c: &str| Currency::parse(c).unwrap();
        let e = parse_with("$103.58/l alc", Some(cur("AUD")));
        assert_eq!((spec(&e).currency, spec(&e).amount), (cur("AUD"), dec!(103.58)));
        let e = parse_with("1.87 cents/l", Some(cur("CAD")));
        assert_eq!((spec(&e).currency, spec(&e).amount), (cur("CAD"), dec!(0.0187)));
        assert_eq!(spec(&parse("$1/kg")).currency, Currency::USD);
        for text in ["$1/kg", "5% + 2 cents/kg", "0.7¢/lb", "12% MIN $1 each"] {
            assert!(matches!(parse_with(text, None), DutyExpr::NotPriceable { .. }), "{text}");
        }
        // A dollar sign that names its dollar is read anywhere.
        for (text, code) in [("US$1/kg", "USD"), ("A$12,000 each", "AUD"), ("NZ$3.90/l", "NZD"), ("hk$2/kg", "HKD")] {
            assert_eq!(spec(&parse_with(text, None)).currency, cur(code), "{text}");
        }
        assert_eq!(spec(&parse_with("A$12,000 each", None)).amount, dec!(12000));
    }

    #[test]
    fn per_hectolitre_of_pure_alcohol() {
        // Directive 92/83/EEC art. 21: spirits per hectolitre of pure alcohol (audit-j J10).
        let e = parse("1303 EUR/hl alc");
        assert_eq!((spec(&e).per, spec(&e).measure), (dec!(100), Measure::net(Dimension::PureAlcohol)));
        assert_eq!(spec(&parse("1303 EUR / hl pure alcohol")).per, dec!(100));
    }

    #[test]
    fn qualified_quantities() {
        let e = parse("5.10% + 9.40 EUR / 100 kg / net drained wt");
        let DutyExpr::Sum { terms } = &e else { panic!("{e:?}") };
        assert_eq!(spec(&terms[1]).measure.qualifier.id(), "drained");
        assert_eq!(spec(&parse("20.6 cents/kg on drained weight")).measure.qualifier.id(), "drained");
        assert_eq!(spec(&parse("$1.32/t, including weight of container")).measure.qualifier.id(), "gross");
        assert_eq!(spec(&parse("0.40 EUR/100 kg/net/ % sacchar.")).per, dec!(1));
        let jewel = parse("2.8 cents/jewel over 7");
        assert_eq!(spec(&jewel).over, Some(dec!(7)));
        assert_eq!(spec(&parse("10 cents/1,000 pins")).per, dec!(1000));
        assert_eq!(spec(&parse("14 cents/gross")).per, dec!(144));
        assert_eq!(spec(&parse("3.80% MIN 0.60 EUR / 100 kg / gross").clone_floor()).measure.qualifier.id(), "gross");
    }

    impl DutyExpr {
        fn clone_floor(&self) -> DutyExpr {
            match self {
                DutyExpr::AtLeast { floor, .. } => (**floor).clone(),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn min_max_nest_min_inside_max() {
        let e = parse("18.40% MIN 22.00 EUR / 100 kg MAX 24.00 EUR / 100 kg");
        let DutyExpr::AtMost { expr, .. } = &e else { panic!("{e:?}") };
        assert!(matches!(**expr, DutyExpr::AtLeast { .. }));
        let e = parse("0.50 EUR / item MIN 2.70% MAX 4.60%");
        assert!(matches!(e, DutyExpr::AtMost { .. }));
    }

    #[test]
    fn seasonal_windows() {
        let e = parse("8.00% (01 NOV - 14 MAY), 14.00% (15 MAY - 31 OCT)");
        let DutyExpr::Seasonal { seasons } = &e else { panic!("{e:?}") };
        assert_eq!(seasons[0].windows, vec![DayWindow { from: (11, 1), to: (5, 14) }]);
        let e = parse("4.00% (01 JAN-31 MAR, 01-31 DEC), 5.10% (01 JUN-30 NOV)");
        let DutyExpr::Seasonal { seasons } = &e else { panic!("{e:?}") };
        assert_eq!(seasons[0].windows[1], DayWindow { from: (12, 1), to: (12, 31) });
        let e = parse("9.60% MIN 1.1\u{a0}€/100\u{a0}kg/net (01 JAN-14 APR, 1 DEC-31 DEC), 13.60% MIN 1.6€/100kg/net");
        let DutyExpr::Seasonal { seasons } = &e else { panic!("{e:?}") };
        assert!(seasons[1].windows.is_empty());
    }

    #[test]
    fn components_and_references() {
        let e = parse("40 cents each + 8.5% on the case + 14% on the strap, band or bracelet");
        let DutyExpr::Sum { terms } = &e else { panic!("{e:?}") };
        assert_eq!(terms[1], DutyExpr::AdValorem { percent: dec!(8.5), on: Some("case".into()) });
        assert_eq!(terms[2], DutyExpr::AdValorem { percent: dec!(14), on: Some("strap_band_or_bracelet".into()) });
        let e = parse("The duty provided in the applicable subheading + 25%");
        assert_eq!(
            e,
            DutyExpr::Subheading {
                plus: Some(Box::new(DutyExpr::AdValorem { percent: dec!(25), on: None })),
                minus: None
            }
        );
        let e = parse(
            "The duty provided in the applicable subheading + a duty of 25% upon the value of the steel content.",
        );
        let DutyExpr::Subheading { plus: Some(p), .. } = &e else { panic!("{e:?}") };
        assert_eq!(**p, DutyExpr::AdValorem { percent: dec!(25), on: Some("steel_content".into()) });
        assert_eq!(
            parse("3 percent of the fair retail value"),
            DutyExpr::AdValorem { percent: dec!(3), on: Some("fair_retail_value".into()) }
        );
    }

    #[test]
    fn non_rates_are_classified() {
        let kind = |s: &str| match parse(s) {
            DutyExpr::NotPriceable { kind, .. } => kind,
            other => panic!("{s}: {other:?}"),
        };
        assert_eq!(kind("Entry Price"), NotPriceableKind::EntryPrice);
        assert_eq!(kind("See additional U.S. note 5"), NotPriceableKind::SeeNote);
        assert_eq!(kind("suspended"), NotPriceableKind::Suspended);
        assert_eq!(kind(""), NotPriceableKind::NoRate);
        assert_eq!(kind("The quantity specified in such notice"), NotPriceableKind::QuotaQuantity);
        let e = parse("9.00% +  EA MAX 18.70%  + ADSZ");
        assert!(matches!(e, DutyExpr::AtMost { .. }));
    }
}
