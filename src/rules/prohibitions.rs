//! Prohibited imports (`rules/prohibitions.tsv`): goods a destination's law prohibits unless a
//! permission is produced, by tariff code, channel and date. A line under a row is either priced
//! as if a permission covered the goods and `partial` with the row's reason, or refused (docs/rules.md
//! §18, "A prohibited import is said"). Data over code: the country, the goods, the channel, the
//! dates and what the quote does are the row's, not constants of the quote.

use super::codes::{code_prefixes, one_of, PROHIBITIONS_FILE};
use super::groups::Groups;
use super::table::{in_force, Record, Tsv};
use crate::date::Date;
use crate::error::Result;
use crate::hs::digits_start_with;
use crate::provenance::Provenance;
use crate::request::Channel;

/// What a prohibition does to a line it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProhibitionEffect {
    /// The line is priced as if a permission covered the goods, and is `partial` with the row's
    /// reason (the goods are prohibited without one).
    Partial,
    /// The quote is refused (`E_INVALID_FIELD` naming the line's `code`) with the row's reason:
    /// no permission can make the goods importable. A row marked `verify` never refuses: it
    /// makes the line `partial` instead.
    Error,
}

impl ProhibitionEffect {
    /// The names the `effect` column may hold.
    pub const NAMES: [(&'static str, ProhibitionEffect); 2] =
        [("partial", ProhibitionEffect::Partial), ("error", ProhibitionEffect::Error)];
}

/// One row: on its dates, goods under `codes` (not under `exclude_codes`) imported into
/// `countries` through one of `channels` are prohibited.
#[derive(Debug, Clone, PartialEq)]
pub struct Prohibition {
    pub id: &'static str,
    /// Destinations and groups of `rules/groups.tsv`.
    pub countries: Vec<&'static str>,
    /// HS prefixes of the goods prohibited.
    pub codes: Vec<&'static str>,
    /// HS prefixes under `codes` the prohibition does not reach (cigars under 2402).
    pub exclude_codes: Vec<&'static str>,
    /// The channels it applies to; empty: every channel (`any`).
    pub channels: Vec<Channel>,
    pub effect: ProhibitionEffect,
    /// What the line's reason (or the error) says, in words, citing the law.
    pub reason: &'static str,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub source: Provenance<'static>,
}

impl Prohibition {
    /// True when the row covers goods of `code` (its digits) sent through `channel` into
    /// `country` on `date`.
    pub fn covers(&self, groups: &Groups<'_>, country: &str, code: &str, channel: Channel, date: Date) -> bool {
        (self.channels.is_empty() || self.channels.contains(&channel))
            && self.codes.iter().any(|p| digits_start_with(code, p))
            && !self.exclude_codes.iter().any(|p| digits_start_with(code, p))
            && in_force(self.valid_from, self.valid_to, date)
            && self.countries.iter().any(|c| groups.names(c, country, date))
    }
}

/// The `channel` column: `any` (every channel) or a list of channels.
fn channels(r: &Record<'_, 'static>) -> Result<Vec<Channel>> {
    let text = r.text("channel")?;
    let mut out = Vec::new();
    for name in super::codes::list(text) {
        match super::CHANNEL_NAMES.iter().find(|(n, _)| *n == name) {
            Some((_, None)) if text.trim() == "any" => return Ok(Vec::new()),
            Some((_, Some(c))) => out.push(*c),
            _ => return Err(r.bad("channel", &format!("{name:?} is not one of any, courier, post, freight"))),
        }
    }
    if out.is_empty() {
        return Err(r.bad("channel", "give the channels the prohibition applies to, or any"));
    }
    Ok(out)
}

/// Parses `rules/prohibitions.tsv` strictly: countries and groups, HS prefixes, channels, an
/// `effect`, dates and a `confidence`; an unknown value fails the load naming the row and column.
pub(super) fn parse(t: &Tsv<'static>, groups: &Groups<'_>) -> Result<Vec<Prohibition>> {
    let table = PROHIBITIONS_FILE.trim_start_matches("rules/");
    let mut rows = Vec::new();
    for r in t.records() {
        groups.check_names(&r, "countries")?;
        let id = r.text("id")?;
        let codes = code_prefixes(&r, "codes")?;
        if codes.is_empty() {
            return Err(r.bad("codes", "a prohibition names the HS prefixes of the goods it prohibits"));
        }
        let reason = r.text("reason")?;
        if reason.is_empty() {
            return Err(r.bad("reason", "a prohibition says what it prohibits and under which law"));
        }
        rows.push(Prohibition {
            id,
            countries: super::codes::list(r.text("countries")?),
            codes,
            exclude_codes: code_prefixes(&r, "exclude_codes")?,
            channels: channels(&r)?,
            effect: one_of(&r, "effect", &ProhibitionEffect::NAMES)?,
            reason,
            valid_from: r.date("valid_from")?,
            valid_to: r.date("valid_to")?,
            source: Provenance::rule_row(table, id, &r)?,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "id\tcountries\tcodes\texclude_codes\tchannel\teffect\treason\tvalid_from\tvalid_to\tsource\tconfidence\n";

    fn parse_rows(rows: &str) -> Result<Vec<Prohibition>> {
        let text: &'static str = Box::leak(format!("{HEADER}{rows}").into_boxed_str());
        parse(&Tsv::parse(PROHIBITIONS_FILE, text)?, &crate::rules::groups::eu_with_gb_until_2020())
    }

    #[test]
    fn a_row_covers_its_codes_channels_countries_and_dates_but_not_its_exclusions() {
        let rows = parse_rows("x\tAU\t2402,2403\t240210\tpost\tpartial\twhy\t2019-07-01\t\tlaw\tofficial\n").unwrap();
        let (g, day) = (crate::rules::groups::eu_with_gb_until_2020(), Date::parse("2026-03-02").unwrap());
        let r = &rows[0];
        assert_eq!((r.effect, r.reason, r.source.row()), (ProhibitionEffect::Partial, "why", "prohibitions.tsv#x"));
        assert!(r.covers(&g, "AU", "2402200000", Channel::Post, day));
        assert!(r.covers(&g, "AU", "240399", Channel::Post, day));
        assert!(!r.covers(&g, "AU", "2402100000", Channel::Post, day), "excluded");
        assert!(!r.covers(&g, "AU", "2402200000", Channel::Courier, day), "another channel");
        assert!(!r.covers(&g, "NZ", "2402200000", Channel::Post, day), "another country");
        assert!(!r.covers(&g, "AU", "2402200000", Channel::Post, Date::parse("2019-06-30").unwrap()));
        // `any` channel, and a group.
        let rows = parse_rows("y\tEU\t93\t\tany\terror\twhy\t\t\tlaw\tverify\n").unwrap();
        assert!(rows[0].channels.is_empty() && rows[0].effect == ProhibitionEffect::Error);
        assert!(rows[0].covers(&g, "DE", "930100", Channel::Freight, day));
    }

    #[test]
    fn bad_values_fail_the_load_naming_the_column() {
        for (row, column) in [
            ("x\tEUR\t2402\t\tpost\tpartial\twhy\t\t\tlaw\tofficial\n", "countries"),
            ("x\tAU\t\t\tpost\tpartial\twhy\t\t\tlaw\tofficial\n", "codes"),
            ("x\tAU\t240\t\tpost\tpartial\twhy\t\t\tlaw\tofficial\n", "codes"),
            ("x\tAU\t2402\t2402x\tpost\tpartial\twhy\t\t\tlaw\tofficial\n", "exclude_codes"),
            ("x\tAU\t2402\t\tmail\tpartial\twhy\t\t\tlaw\tofficial\n", "channel"),
            ("x\tAU\t2402\t\t\tpartial\twhy\t\t\tlaw\tofficial\n", "channel"),
            ("x\tAU\t2402\t\tpost\twarn\twhy\t\t\tlaw\tofficial\n", "effect"),
            ("x\tAU\t2402\t\tpost\tpartial\t\t\t\tlaw\tofficial\n", "reason"),
            ("x\tAU\t2402\t\tpost\tpartial\twhy\t2019-13-01\t\tlaw\tofficial\n", "valid_from"),
            ("x\tAU\t2402\t\tpost\tpartial\twhy\t\t\tlaw\tsure\n", "confidence"),
        ] {
            let e = parse_rows(row).expect_err(column);
            assert!(e.message.contains(&format!("column {column}")), "{column}: {}", e.message);
        }
    }
}
