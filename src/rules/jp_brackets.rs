//! Japan's lines whose text states the customs value per kg (or per head) their rate is for
//! (関税率表: "課税価格が1キログラムにつき67円以下のもの", the gate-price lines "課税価格が
//! 1キログラムにつき、枝肉に係る従量税適用限度価格以下のもの"): a rate is the law's only for goods
//! whose value is in its line's bracket (audit-ll LL83). A bound is a number of yen, or a price
//! the Temporary Tariff Measures Act sets (関税暫定措置法 別表第1の3の2: 従量税適用限度価格,
//! 分岐点価格), which our data does not hold. The phrases are those of `jp.tsv`'s descriptions
//! (Japan's Tariff Schedule of 2026-07-09, the parenthesised definitions left out), a table of
//! their own (`rules/jp_brackets.tsv`, read with Japan's other tables: [`load`]); a test checks
//! them against the file.

use super::table::Tsv;
use crate::error::Result;
use crate::units::Dimension;
use rust_decimal::Decimal;

/// A line and the phrase of its text that states its value bracket.
#[derive(Debug)]
pub struct JpBracket {
    /// The 9-digit code.
    pub code: &'static str,
    /// The phrase, as the tariff writes it.
    pub phrase: &'static str,
    /// What the phrase says.
    pub condition: ValueCondition,
}

/// Reads `rules/jp_brackets.tsv`: a code of 9 digits and a phrase of a form [`ValueCondition::parse`]
/// reads (any other fails the build).
pub fn load(table: &Tsv<'static>) -> Result<Vec<JpBracket>> {
    table.read_rows(|r| {
        let code = r.text("code")?;
        if code.len() != 9 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(r.bad("code", "not a 9-digit line of Japan's schedule"));
        }
        let phrase = r.text("phrase")?;
        let condition =
            ValueCondition::parse(phrase).ok_or_else(|| r.bad("phrase", "not a value bracket this reads"))?;
        Ok(JpBracket { code, phrase, condition })
    })
}

/// A bound's limit: yen, or the name of a price the law sets elsewhere.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Limit {
    Yen(Decimal),
    Named(&'static str),
}

/// A bound and whether it is included (`以下`, `以上`: yes; `未満`, `を超える`: no).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    pub limit: Limit,
    pub inclusive: bool,
}

/// The customs value per unit a line's rate is for.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueCondition {
    /// Per kg (`1キログラムにつき`) or per head (`1頭の`).
    pub per: Dimension,
    pub lower: Option<Bound>,
    pub upper: Option<Bound>,
}

impl ValueCondition {
    /// Reads a phrase of `rules/jp_brackets.tsv`; `None` for a form it does not know.
    pub fn parse(phrase: &'static str) -> Option<ValueCondition> {
        let (per, rest) = match phrase.strip_prefix("1頭の課税価格が") {
            Some(rest) => (Dimension::Count, rest),
            None => (Dimension::Mass, phrase.strip_prefix("課税価格が1キログラムにつき")?),
        };
        let rest = rest.trim_start_matches('、');
        let bound = |text: &'static str, inclusive: bool| Some(Bound { limit: limit(text)?, inclusive });
        let (lower, upper) = if let Some(v) = rest.strip_suffix("を超えるものを除く") {
            (None, bound(v, true))
        } else if let Some(v) = rest.strip_suffix("を超える") {
            (bound(v, false), None)
        } else if let Some(v) = rest.strip_suffix("以下") {
            match v.split_once("を超え") {
                Some((low, high)) => (bound(low, false), bound(high.trim_start_matches('、'), true)),
                None => (None, bound(v, true)),
            }
        } else if let Some(v) = rest.strip_suffix("未満") {
            (None, bound(v, false))
        } else {
            (bound(rest.strip_suffix("以上")?, true), None)
        };
        (lower.is_some() || upper.is_some()).then_some(ValueCondition { per, lower, upper })
    }

    /// The name of a bound the law sets elsewhere, if one is.
    pub fn named(&self) -> Option<&'static str> {
        [self.lower, self.upper].into_iter().flatten().find_map(|b| match b.limit {
            Limit::Named(name) => Some(name),
            Limit::Yen(_) => None,
        })
    }

    /// Whether a value per unit (yen) is in the bracket; `None` when a bound is named.
    pub fn contains(&self, value: Decimal) -> Option<bool> {
        let yen = |b: Option<Bound>| match b.map(|b| (b.limit, b.inclusive)) {
            None => Some(None),
            Some((Limit::Yen(y), inclusive)) => Some(Some((y, inclusive))),
            Some((Limit::Named(_), _)) => None,
        };
        let (lower, upper) = (yen(self.lower)?, yen(self.upper)?);
        let above = lower.is_none_or(|(y, inc)| value > y || (inc && value == y));
        let below = upper.is_none_or(|(y, inc)| value < y || (inc && value == y));
        Some(above && below)
    }
}

/// `3,600円`, `73円70銭` as yen; any other text names a price (`枝肉に係る分岐点価格`).
fn limit(text: &'static str) -> Option<Limit> {
    if text.is_empty() {
        return None;
    }
    let Some((yen, sen)) = text.split_once('円') else {
        return Some(Limit::Named(text));
    };
    let yen = Decimal::from_str_exact(&yen.replace(',', "")).ok()?;
    let sen = match sen.strip_suffix('銭') {
        Some(s) => Decimal::from_str_exact(s).ok()?,
        None if sen.is_empty() => Decimal::ZERO,
        None => return None,
    };
    Some(Limit::Yen(yen + sen / Decimal::ONE_HUNDRED))
}

/// The bracket of a 9-digit line, if its text states one.
pub fn line<'a>(brackets: &'a [JpBracket], code: &str) -> Option<&'a JpBracket> {
    brackets.iter().find(|l| l.code == code)
}

/// The other bracketed lines of a line's group (the same first 7 digits: 0203.11.020's
/// 0203.11.031, .032 and .040).
pub fn group<'a>(brackets: &'a [JpBracket], code: &'a str) -> impl Iterator<Item = &'a JpBracket> + 'a {
    brackets.iter().filter(move |l| l.code != code && l.code.get(..7) == code.get(..7))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// The committed table, read as the snapshot reads it.
    fn lines() -> Vec<JpBracket> {
        let text: &'static str = include_str!("../../tariffs/rules/jp_brackets.tsv");
        load(&Tsv::parse("rules/jp_brackets.tsv", text).unwrap()).unwrap()
    }

    #[test]
    fn every_phrase_reads_and_names_its_bounds() {
        let lines = lines();
        let line = |code| line(&lines, code);
        let onions = ValueCondition::parse(line("070310012").unwrap().phrase).unwrap();
        let yen = |y, inclusive| Some(Bound { limit: Limit::Yen(y), inclusive });
        assert_eq!((onions.lower, onions.upper), (yen(dec!(67), false), yen(dec!(73.70), true)));
        assert_eq!((onions.contains(dec!(67)), onions.contains(dec!(73.70))), (Some(false), Some(true)));
        let pork = ValueCondition::parse(line("020311020").unwrap().phrase).unwrap();
        assert_eq!((pork.named(), pork.contains(dec!(10))), (Some("枝肉に係る従量税適用限度価格"), None));
        let head = ValueCondition::parse(line("010392020").unwrap().phrase).unwrap();
        assert_eq!((head.per, head.named()), (Dimension::Count, Some("生きている豚に係る分岐点価格")));
        let sugar = ValueCondition::parse(line("210690282").unwrap().phrase).unwrap();
        assert_eq!((sugar.contains(dec!(257)), sugar.contains(dec!(257.01))), (Some(true), Some(false)));
        assert_eq!(ValueCondition::parse(line("051199210").unwrap().phrase).unwrap().lower, yen(dec!(3600), true));
        let group: Vec<&str> = group(&lines, "020311020").map(|l| l.code).collect();
        assert_eq!(group, ["020311031", "020311032", "020311040"]);
    }

    /// The table is the file's: every line in force whose description states the customs value
    /// per kg or per head is listed, with a phrase its description holds.
    #[test]
    fn the_lines_are_those_of_jp_tsv() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tariffs/jp.tsv");
        let Ok(text) = std::fs::read_to_string(path) else { return };
        let lines = lines();
        let mut stated = Vec::new();
        for row in text.lines().skip(1) {
            let f: Vec<&str> = row.split('\t').collect();
            let (code, valid_to, description) = (f[0], f[2], f[3]);
            if !valid_to.is_empty()
                || !(description.contains("課税価格が1キログラムにつき") || description.contains("1頭の課税価格が"))
            {
                continue;
            }
            let listed = line(&lines, code).unwrap_or_else(|| panic!("{code} states a value bracket: {description}"));
            let plain: String = strip_parentheses(description);
            assert!(plain.contains(listed.phrase) || description.contains(listed.phrase), "{code}: {description}");
            stated.push(code);
        }
        assert_eq!(stated.len(), lines.len());
    }

    /// The text without its parenthesised parts (full-width or not, nested).
    fn strip_parentheses(text: &str) -> String {
        let mut depth = 0usize;
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '（' | '(' => depth += 1,
                '）' | ')' => depth = depth.saturating_sub(1),
                _ if depth == 0 => out.push(c),
                _ => {}
            }
        }
        out
    }
}
