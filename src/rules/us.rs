//! United States: chapter 99 additional-duty layers with their scopes and stacking rules, and the
//! preference programmes of the column 1 special rates.
//!
//! A layer applies to a line when the layer is in force on the as-of date, the origin matches,
//! and the code is on one of its scope lists *as that list stands on the same date* (each list
//! row carries its own effective dates). Layers exclude one another by explicit rules; a layer
//! excluded by a measure charged on the metal content only still applies to the rest of the value.

use super::groups::{Groups, Membership};
use super::table::{in_force, Tsv};
pub use super::us_scopes::{CodeScopes, InScope, ScopeLists, ScopeParts};
use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::provenance::Provenance;
use rust_decimal::Decimal;
use serde::Serialize;

/// How a layer's percentage combines with the duty of the applicable subheading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RateKind {
    /// "The duty provided in the applicable subheading + N %".
    Add,
    /// "N %" all-in: the additional duty is N % minus the column 1 rate (ad valorem or its
    /// equivalent), never below zero (the EU, Japan, Korea, Switzerland arrangements).
    AllIn,
}

/// What value a layer is charged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LayerBasis {
    /// The line's customs value.
    Value,
    /// The value of the steel, aluminum or copper content ("a duty of 50 % upon the value of the
    /// steel content"): the caller gives it as `metal_content_value`.
    MetalContent,
    /// Per postal item (a postal row's specific method): `percent` holds US$ per item.
    PerItem,
}

/// What a row of `us_layers.tsv` is (its `rate_kind`): a duty, one method of a postal duty, a
/// stated assumption, or the heading named in place of an all-in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LayerRole {
    /// A duty charged (or reported unpriced or conditional).
    Duty,
    /// `rate_kind = postal`: one method of a duty on postal items that the carrier elects
    /// (`basis = value`: `percent` of the value; `basis = per_item`: `percent` US$ per postal
    /// item), in lieu of every other duty. Never charged: the line states every method's figure.
    Postal,
    /// `rate_kind = assumption`: charges nothing; when it applies, its `assumption` is stated
    /// (`W_ASSUMPTION`): an exception the request cannot show (goods in transit on a date, the
    /// U.S. content of the goods, a postal method).
    Assumption,
}

/// Conditions a row places on the line rather than the code, written in its `scopes` column:
/// `channel:post` (the request's channel), `claim:S` (the line claims the programme), and
/// `layer:ieepa-country-9903.02` (a layer whose id starts so is charged on the line).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LineConditions {
    pub channel: Option<&'static str>,
    pub claim: Option<&'static str>,
    pub with_layers: Vec<&'static str>,
}

impl LineConditions {
    /// Splits the line conditions off a `scopes` list, leaving the scope lists.
    fn split(scopes: &mut Vec<&'static str>) -> LineConditions {
        let mut c = LineConditions::default();
        scopes.retain(|s| {
            if let Some(v) = s.strip_prefix("channel:") {
                c.channel = Some(v);
            } else if let Some(v) = s.strip_prefix("claim:") {
                c.claim = Some(v);
            } else if let Some(v) = s.strip_prefix("layer:") {
                c.with_layers.push(v);
            } else {
                return true;
            }
            false
        });
        c
    }

    pub fn is_empty(&self) -> bool {
        self.channel.is_none() && self.claim.is_none() && self.with_layers.is_empty()
    }
}

/// What a line is, for the rows' line conditions: the request's channel (`post`; `None` when
/// the request gives none) and the programme the line claims.
#[derive(Debug, Clone, Copy, Default)]
pub struct LineFacts<'a> {
    pub channel: Option<&'a str>,
    pub claim: Option<&'a str>,
}

impl LineFacts<'_> {
    /// Whether the row's `channel:` and `claim:` conditions hold (`layer:` ones are read once
    /// the line's duties are charged).
    pub fn meets(&self, c: &LineConditions) -> bool {
        c.channel.is_none_or(|ch| self.channel == Some(ch))
            && c.claim.is_none_or(|cl| self.claim.is_some_and(|m| m.eq_ignore_ascii_case(cl)))
    }
}

/// One additional-duty measure (a chapter 99 heading) as dated data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layer {
    pub id: &'static str,
    pub name: &'static str,
    pub ch99: &'static str,
    /// Ad valorem percentage; `None` where the measure's rate for this scope is not encoded (the
    /// quote then says so instead of guessing).
    pub percent: Option<Decimal>,
    pub rate_kind: RateKind,
    pub basis: LayerBasis,
    /// Scope lists the code must be in (empty: every code).
    pub scopes: Vec<&'static str>,
    /// Origins it applies to (empty: every origin): countries, or groups of `rules/groups.tsv`
    /// (`EU`: every member state on the date).
    pub origins: Vec<&'static str>,
    pub exclude_origins: Vec<&'static str>,
    /// Scope lists that exempt a code.
    pub exclude_scopes: Vec<&'static str>,
    /// Layers (ids or id prefixes such as `s232`) whose application excludes this one.
    pub exclude_layers: Vec<&'static str>,
    /// Preference programmes whose valid claim removes this layer (USMCA: `S`).
    pub waived_by: Vec<&'static str>,
    pub priority: u32,
    /// `rate_kind = conditional`: the layer adds `percent` only to goods meeting a condition the
    /// request cannot show (over a tariff-rate quota; melted or smelted in a named country), and
    /// nothing otherwise: never charged, the line is partial with both outcomes stated.
    pub conditional: bool,
    /// What charging the layer assumes about the goods that the request cannot show (a
    /// Section 301 product exclusion not claimed), stated in the quote (`W_ASSUMPTION`).
    pub assumption: Option<&'static str>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub source: Provenance<'static>,
    pub role: LayerRole,
    /// What the line must be for the row to apply, beyond code, origin and date.
    pub line: LineConditions,
}

/// `rate_kind = all_in_at_least`: the heading an all-in layer of the same origins, rate and
/// dates is declared under when the column 1 rate is at or above its percentage (9903.02.19
/// beside 9903.02.20: "equal to or greater than 15 percent": the duty of the subheading only).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AtLeastHeading {
    pub id: &'static str,
    pub name: &'static str,
    pub ch99: &'static str,
    pub percent: Decimal,
    pub origins: Vec<&'static str>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
}

impl Layer {
    /// Whether the layer's rate comes from a secondary source (never priced as if it were law).
    pub fn unverified(&self) -> bool {
        self.source.is_verify()
    }
}

pub use super::programmes::Programme;

/// The US rule tables.
#[derive(Debug)]
pub struct UsRules {
    pub layers: Vec<Layer>,
    /// The headings of all-in layers when the column 1 rate is at or above their percentage.
    pub at_least: Vec<AtLeastHeading>,
    /// The hand-encoded scope additions (`rules/us_scopes_extra.tsv`): the imported lists are
    /// read per chapter ([`ScopeParts`]).
    extra_scopes: ScopeLists,
    pub programmes: Vec<Programme>,
    /// The groups an origin list may name (`EU`).
    groups: Groups<'static>,
}

fn list(text: &'static str) -> Vec<&'static str> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty() && *s != "*").collect()
}

/// Whether `origin` is named by a list of origins on `date`: itself, or a group it belongs to
/// then (`EU` names every member state of `rules/groups.tsv`). `memberships` are the origin's
/// ([`Groups::memberships_of`], found once per line).
fn names_origin(origins: &[&str], origin: &str, memberships: &[Membership<'_>], date: Date) -> bool {
    origins.iter().any(|o| *o == origin || Membership::any_in(memberships, o, date))
}

/// A layer that applies to a line, or one that was excluded and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerDecision<'r> {
    pub layer: &'r Layer,
    /// Why it does not apply although its scope and origin match (`excluded by s232-steel`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded_by: Option<String>,
    /// The layer applies only to the value other than the metal content, because a measure
    /// charged on the metal content (this id) covers the rest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outside_metal_of: Option<&'static str>,
    /// Why whether the layer applies cannot be settled from our sources (its scope is enumerated
    /// in a U.S. note we do not have, the code's exemption on that date is not settled, or a list
    /// names some of the statistical lines under a shorter code and not others): the layer is
    /// neither charged nor excluded, and the line is partial.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
    /// When the only doubt is whether a layer that replaces this one applies (`unknown`), and
    /// each such layer is charged on the value at a rate at least this one's: that layer's id.
    /// Either this layer is owed or that one in place of it, so this one's figure is a lower
    /// bound (8507.60.00 from China: list 4A's 7.5 % on the non-EV line, 9903.91.01's 25 % in
    /// place of it on the EV line; audit-o O2).
    #[serde(skip)]
    pub at_least_of: Option<&'static str>,
}

/// The group of `rules/groups.tsv` naming the countries of HTSUS general note 3(b) (Cuba, North
/// Korea; Russia and Belarus from 2022-04-09, Pub. L. 117-110), each with its dates: their goods
/// pay the column 2 rate, and heading 9903.01.29 excepts them from the reciprocal tariff.
pub const COLUMN_2_GROUP: &str = "USCOLUMNTWO";

/// Suffix of a scope list that names the codes a heading *may* cover (its article description
/// read onto HS headings) where the U.S. note enumerating them is not in our sources.
pub const POSSIBLE_SCOPE: &str = ":possible";
/// Suffix of a scope list naming the codes of the list of the same name whose membership on the
/// row's dates is not settled (the list compiles later amendments we cannot separate).
pub const UNSETTLED_SCOPE: &str = ":unsettled";

fn bad(table: &str, id: &str, why: String) -> Error {
    Error::new(ErrorCode::Snapshot, table, format!("{id}: {why}"))
}

/// Reads the layers of one table (`us_layers.tsv` and the imported `us_reciprocal.tsv` share
/// their columns).
fn load_layers(
    table: &Tsv<'static>,
    name: &str,
    out: &mut Vec<Layer>,
    at_least: &mut Vec<AtLeastHeading>,
) -> Result<()> {
    // The imported us_reciprocal.tsv has no assumption column.
    let has_assumption = table.column("assumption").is_some();
    for r in table.records() {
        let id = r.text("id")?;
        let (rate_kind, conditional, role) = match r.text("rate_kind")? {
            "" | "add" => (RateKind::Add, false, LayerRole::Duty),
            "conditional" => (RateKind::Add, true, LayerRole::Duty),
            "all_in" => (RateKind::AllIn, false, LayerRole::Duty),
            "postal" => (RateKind::Add, false, LayerRole::Postal),
            "assumption" => (RateKind::Add, false, LayerRole::Assumption),
            "all_in_at_least" => {
                let percent = r
                    .decimal("percent")?
                    .ok_or_else(|| bad(name, id, "an all_in_at_least row needs its percent".into()))?;
                at_least.push(AtLeastHeading {
                    id,
                    name: r.text("name")?,
                    ch99: r.text("ch99")?,
                    percent,
                    origins: list(r.text("origins")?),
                    valid_from: r.date("valid_from")?,
                    valid_to: r.date("valid_to")?,
                });
                continue;
            }
            other => {
                return Err(bad(
                    name,
                    id,
                    format!(
                        "rate_kind {other:?} is not add, conditional, all_in, postal, assumption or all_in_at_least"
                    ),
                ))
            }
        };
        let basis = match r.text("basis")? {
            "" | "value" => LayerBasis::Value,
            "metal_content" => LayerBasis::MetalContent,
            "per_item" if role == LayerRole::Postal => LayerBasis::PerItem,
            other => {
                return Err(bad(name, id, format!("basis {other:?} is not value, metal_content or (postal) per_item")))
            }
        };
        let stated = has_assumption && !r.text("assumption")?.is_empty();
        if role == LayerRole::Assumption && !stated {
            return Err(bad(name, id, "an assumption row needs its assumption".into()));
        }
        let mut scopes = list(r.text("scopes")?);
        let line = LineConditions::split(&mut scopes);
        out.push(Layer {
            id,
            name: r.text("name")?,
            ch99: r.text("ch99")?,
            percent: r.decimal("percent")?,
            rate_kind,
            basis,
            scopes,
            origins: list(r.text("origins")?),
            exclude_origins: list(r.text("exclude_origins")?),
            exclude_scopes: list(r.text("exclude_scopes")?),
            exclude_layers: list(r.text("exclude_layers")?),
            waived_by: list(r.text("waived_by")?),
            priority: r.decimal("priority")?.map(|p| p.try_into().unwrap_or(0)).unwrap_or(0),
            conditional,
            assumption: match has_assumption {
                true => Some(r.text("assumption")?).filter(|a| !a.is_empty()),
                false => None,
            },
            valid_from: r.date("valid_from")?,
            valid_to: r.date("valid_to")?,
            source: Provenance::rule_row(name, id, &r)?,
            role,
            line,
        });
    }
    Ok(())
}

impl UsRules {
    pub(super) fn load(
        layer_tables: [Tsv<'static>; 2],
        extra_scopes: Tsv<'static>,
        programmes: Tsv<'static>,
        groups: Groups<'static>,
    ) -> Result<UsRules> {
        let (mut out, mut at_least) = (Vec::new(), Vec::new());
        for (table, name) in layer_tables.iter().zip(["us_layers.tsv", "us_reciprocal.tsv"]) {
            for r in table.records() {
                groups.check_names(&r, "origins")?;
                groups.check_names(&r, "exclude_origins")?;
            }
            load_layers(table, name, &mut out, &mut at_least)?;
        }
        crate::sort::sort_by_key(&mut out, |l| l.priority);
        let extra_scopes = ScopeLists::read(&extra_scopes, "us_scopes_extra.tsv", None)?;
        let progs = super::programmes::load(&programmes, "preferences.tsv", &groups)?;
        Ok(UsRules { layers: out, at_least, extra_scopes, programmes: progs, groups })
    }

    /// The heading an all-in `layer` is declared under on `date` when the column 1 rate is at or
    /// above its percentage (`all_in_at_least` rows of the same origins and percentage).
    pub fn at_least_heading(&self, layer: &Layer, date: Date) -> Option<&AtLeastHeading> {
        self.at_least.iter().find(|h| {
            Some(h.percent) == layer.percent && h.origins == layer.origins && in_force(h.valid_from, h.valid_to, date)
        })
    }

    /// The scope lists `code` (digits) can be on: its chapter's part of the imported lists
    /// (`E_DATA_NOT_LOADED` naming it while it is not attached) and the hand-encoded additions.
    pub fn scopes_for<'r>(&'r self, parts: &'r ScopeParts, code: &'r str) -> Result<CodeScopes<'r>> {
        Ok(CodeScopes { code, chapter: parts.lists_for(code.as_bytes())?, extra: &self.extra_scopes })
    }

    /// The layers whose dates, origin and scope (on the same date) match a line (the code of
    /// `scopes`), each marked applied or excluded (by an exemption list or by another layer that
    /// applies), in priority order.
    ///
    /// Only the duty rows that place no condition on the line: [`UsRules::decide_for`] gives the
    /// postal, assumption and channel- or claim-bound rows of a line too.
    pub fn decide(&self, scopes: &CodeScopes<'_>, origin: &str, date: Date) -> Vec<LayerDecision<'_>> {
        self.decide_for(scopes, origin, date, None)
    }

    /// As [`UsRules::decide`], for a line whose facts are known: the rows whose line conditions
    /// (`channel:`, `claim:`) it meets take part, the others are left out before any exclusion
    /// (a USMCA row excludes 9903.94.01 only for a line that claims USMCA). `None`: the duty
    /// rows without line conditions only.
    pub fn decide_for(
        &self,
        scopes: &CodeScopes<'_>,
        origin: &str,
        date: Date,
        line: Option<&LineFacts<'_>>,
    ) -> Vec<LayerDecision<'_>> {
        let mut candidates: Vec<LayerDecision<'_>> = Vec::new();
        let memberships = self.groups.memberships_of(origin);
        for layer in &self.layers {
            let meets = match line {
                None => layer.role == LayerRole::Duty && layer.line.is_empty(),
                Some(f) => f.meets(&layer.line),
            };
            if !meets
                || !in_force(layer.valid_from, layer.valid_to, date)
                || (!layer.origins.is_empty() && !names_origin(&layer.origins, origin, memberships, date))
                || names_origin(&layer.exclude_origins, origin, memberships, date)
            {
                continue;
            }
            let (scope, mut unknown) = layer_scope(scopes, layer, date);
            if scope == InScope::No {
                continue;
            }
            if scope == InScope::Maybe && unknown.is_none() {
                unknown = Some(split_code(scopes, layer, "applies", &layer.scopes));
            }
            if layer.conditional && unknown.is_none() {
                unknown = Some(condition_unknown(layer));
            }
            let exempt = scopes.any(&layer.exclude_scopes, date);
            let mut excluded_by = (exempt == InScope::Yes)
                .then(|| format!("exempt: code is on the {} list", layer.exclude_scopes.join(" / ")));
            if excluded_by.is_some() {
                if let Some(why) = unsettled_exemption(scopes, &layer.exclude_scopes, date) {
                    excluded_by = None;
                    unknown = Some(why);
                }
            } else if exempt == InScope::Maybe && unknown.is_none() {
                unknown = Some(split_code(scopes, layer, "is exempt", &layer.exclude_scopes));
            }
            candidates.push(LayerDecision { layer, excluded_by, outside_metal_of: None, unknown, at_least_of: None });
        }
        // Exclusions between layers: a layer is not charged when a layer it names applies; when
        // every such layer is charged on the metal content only, it applies to the rest (the
        // non-metal content of a Section 232 derivative pays the reciprocal tariff, CBP CSMS
        // #65936570; 9903.01.33 exempts the metal content only). A layer that may apply (scope not
        // settled) leaves the layers it would exclude unsettled too.
        // In priority order, so a layer sees whether the layers before it are settled.
        // A layer the line's claim removes (USMCA: the Canada and Mexico IEEPA duties) is not
        // "subject to" for an exclusion: the article owes 0 % under it (CBP CSMS #65054270:
        // "'Subject to' means that duty more than 0% is owed"), so it excludes nothing.
        let claimed = line.and_then(|f| f.claim);
        let waived = |l: &Layer| claimed.is_some_and(|c| l.waived_by.iter().any(|w| w.eq_ignore_ascii_case(c)));
        for i in 0..candidates.len() {
            if candidates[i].excluded_by.is_some() {
                continue;
            }
            let layer = candidates[i].layer;
            let excluders: Vec<(&Layer, bool)> = candidates
                .iter()
                .filter(|c| c.excluded_by.is_none() && c.layer.id != layer.id && !waived(c.layer))
                .filter(|c| layer.exclude_layers.iter().any(|x| c.layer.id.starts_with(x)))
                .map(|c| (c.layer, c.unknown.is_some()))
                .collect();
            // An excluder whose doubt is only its scope, when that scope covers all of this
            // layer's, applies whenever this layer would: its exclusion is settled.
            let covers = |l: &Layer| !layer.scopes.is_empty() && layer.scopes.iter().all(|s| l.scopes.contains(s));
            // An excluder whose every doubt would remove this layer too (its scope is every code or
            // covers this one's, and each exemption and exclusion it has, this layer has) applies
            // whenever this layer would: a country heading replacing the reciprocal baseline.
            let implies = |l: &Layer| {
                (l.scopes.is_empty() || covers(l))
                    && l.exclude_scopes.iter().all(|s| layer.exclude_scopes.contains(s))
                    && l.exclude_layers.iter().all(|x| layer.exclude_layers.contains(x))
            };
            let settled: Vec<&Layer> =
                excluders.iter().filter(|(l, unknown)| !unknown || covers(l) || implies(l)).map(|(l, _)| *l).collect();
            let d = &mut candidates[i];
            if let Some(full) = settled.iter().find(|l| l.basis == LayerBasis::Value) {
                d.excluded_by = Some(format!("not charged on goods subject to {}", full.id));
                d.unknown = None;
            } else if let (Some(metal), None) = (settled.first(), excluders.iter().find(|(_, unknown)| *unknown)) {
                d.outside_metal_of = Some(metal.id);
            } else if let Some((maybe, _)) = excluders.iter().find(|(_, unknown)| *unknown) {
                if d.unknown.is_none() && excluders.iter().all(|(l, _)| replaces_at_no_less(layer, l)) {
                    d.at_least_of = Some(maybe.id);
                }
                d.unknown.get_or_insert_with(|| {
                    format!("not charged on goods subject to {}, and whether that applies is not settled", maybe.id)
                });
            }
        }
        candidates
    }

    /// The membership that makes `origin` a country of HTSUS general note 3(b) on `date` (group
    /// [`COLUMN_2_GROUP`] of `rules/groups.tsv`): its goods pay the column 2 rate, not column 1.
    pub fn column_2(&self, origin: &str, date: Date) -> Option<&Membership<'static>> {
        self.groups
            .memberships_of(origin)
            .iter()
            .find(|m| m.group == COLUMN_2_GROUP && in_force(m.valid_from, m.valid_to, date))
    }

    /// Programmes whose countries include `origin` on `date`.
    pub fn programmes_for<'r>(&'r self, origin: &'r str, date: Date) -> impl Iterator<Item = &'r Programme> + 'r {
        self.programmes.iter().filter(move |p| p.open_to(origin, date))
    }
}

/// True when `other`, charged in place of `layer`, is charged on the same value at a rate at
/// least `layer`'s: both added to the duty on the whole value, neither conditional, their rates
/// encoded.
fn replaces_at_no_less(layer: &Layer, other: &Layer) -> bool {
    let plain = |l: &Layer| l.basis == LayerBasis::Value && l.rate_kind == RateKind::Add && !l.conditional;
    match (layer.percent, other.percent) {
        (Some(a), Some(b)) => plain(layer) && plain(other) && b >= a,
        _ => false,
    }
}

/// Whether a code is in a layer's scope on `date`, and why that is not settled when the only
/// lists naming it are `:possible` lists (then `Yes` with the reason: the doubt is the note we
/// lack, not the 10-digit code).
fn layer_scope(scopes: &CodeScopes<'_>, layer: &Layer, date: Date) -> (InScope, Option<String>) {
    if layer.scopes.is_empty() {
        return (InScope::Yes, None);
    }
    let (possible, listed): (Vec<&str>, Vec<&str>) = layer.scopes.iter().partition(|s| s.ends_with(POSSIBLE_SCOPE));
    let scope = scopes.any(&listed, date);
    if scope != InScope::No {
        return (scope, None);
    }
    for s in possible {
        if scopes.in_scope(s, date) != InScope::No {
            let why = format!(
                "{} ({}) may cover this code: the articles it covers are enumerated in a U.S. note that is not in our sources ({})",
                layer.name,
                layer.ch99,
                scopes.files_on(s, date).join("; ")
            );
            return (InScope::Yes, Some(why));
        }
    }
    (InScope::No, None)
}

/// Why a layer is neither charged nor left out on a code shorter than the codes of its lists: the
/// lists name some of the statistical lines under it and not others (a list naming every one of
/// them names the code too: `us_scopes.tsv`), so the answer depends on the 10-digit code.
fn split_code(scopes: &CodeScopes<'_>, layer: &Layer, what: &str, lists: &[&str]) -> String {
    format!(
        "whether {} ({}) {what} depends on the statistical line: the {} list names some of the 10-digit codes under {} and not others; give the full 10-digit statistical code",
        layer.name,
        layer.ch99,
        lists.join(" / "),
        scopes.code
    )
}

/// Why a conditional layer is neither charged nor left out: it adds its rate only to goods
/// meeting a condition (its name and source say which) that the request cannot show.
fn condition_unknown(layer: &Layer) -> String {
    let rate = layer.percent.map_or_else(|| "its rate".to_string(), |p| format!("+ {}%", p.normalize()));
    format!(
        "{} ({}) is {rate} on goods meeting its condition and nothing on the others, and the request cannot show which: {}",
        layer.name, layer.ch99, layer.source.publisher
    )
}

/// Why a code's exemption by one of `exempting` is not settled on `date`, if it is not: it is on
/// an exempting list whose `:unsettled` list names it (or, for a shorter code, lines under it),
/// and on no exempting list that is settled for it.
fn unsettled_exemption(scopes: &CodeScopes<'_>, exempting: &[&str], date: Date) -> Option<String> {
    let unsettled_on = |s: &str| scopes.in_scope(&format!("{s}{UNSETTLED_SCOPE}"), date) != InScope::No;
    let on = |s: &&&str| scopes.in_scope(s, date) == InScope::Yes;
    if exempting.iter().filter(on).any(|s| !unsettled_on(s)) {
        return None;
    }
    exempting.iter().filter(on).find_map(|s| {
        let unsettled = format!("{s}{UNSETTLED_SCOPE}");
        unsettled_on(s).then(|| {
            format!(
                "whether this code was on the {s} list on {date} is not settled in our sources: {}",
                scopes.files_on(&unsettled, date).join("; ")
            )
        })
    })
}

/// Splits a column 1 special text into (rate text, programme codes):
/// `Free (A+,AU,BH) 3.5% (JP)` → `[("Free", [A, AU, BH]), ("3.5%", [JP])]`. A parenthesized part
/// that is not a list of programme codes belongs to the rate: Japan's seasonal rates
/// `10% (01 APR-30 SEP), 20% (01 OCT-31 MAR) (GSP)` →
/// `[("10% (01 APR-30 SEP), 20% (01 OCT-31 MAR)", [GSP])]`.
pub fn special_rates(text: &str) -> Vec<(String, Vec<String>)> {
    // `01 APR-30 SEP`: a season's window, never a programme code.
    let is_window = |p: &str| p.starts_with(|c: char| c.is_ascii_digit()) && p.contains('-');
    let mut out = Vec::new();
    let mut rest = text.trim();
    let mut from = 0usize;
    while let Some(open) = rest[from..].find('(').map(|o| o + from) {
        let Some(close) = rest[open..].find(')').map(|c| c + open) else { break };
        let inner = &rest[open + 1..close];
        if inner.split(',').all(|p| is_window(p.trim())) {
            // The windows of a seasonal rate belong to the rate text: keep reading it.
            from = close + 1;
            continue;
        }
        let rate = rest[..open].trim().to_string();
        let programmes = inner
            .split(',')
            .map(|p| p.trim().trim_end_matches(['*', '+']).to_string())
            .filter(|p| !p.is_empty())
            .collect();
        if !rate.is_empty() && !rate.starts_with("See") {
            out.push((rate, programmes));
        }
        rest = rest[close + 1..].trim();
        from = 0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn scope_list_applies_only_from_its_own_effective_date() {
        // s232_annex_products.csv: 8471 is on aluminum annex 1b from 2026-04-06 only.
        let rules = crate::Engine::embedded().rules();
        let laptop = rules.us_scopes_for("8471300100").unwrap();
        assert_eq!(laptop.in_scope("s232:aluminum:1b", date("2026-04-05")), InScope::No);
        assert_eq!(laptop.in_scope("s232:aluminum:1b", date("2026-04-06")), InScope::Yes);
        // The 2025 regime's footnoted articles end the day before the annexes begin.
        let steel = rules.us_scopes_for("7326908688").unwrap();
        assert_eq!(steel.in_scope("s232:steel:note16_other", date("2026-04-05")), InScope::Yes);
        assert_eq!(steel.in_scope("s232:steel:note16_other", date("2026-04-06")), InScope::No);
    }

    /// `EU` in an origin list names the member states on the date (rules/groups.tsv: TEU
    /// art. 52; the UK until the end of the transition period, Withdrawal Agreement art. 126-127).
    #[test]
    fn eu_origin_list_names_every_member_state_on_the_date() {
        let groups = &crate::Engine::embedded().rules().groups;
        let named =
            |origins: &[&str], origin: &str, on: Date| names_origin(origins, origin, groups.memberships_of(origin), on);
        let on = date("2026-03-02");
        assert!(named(&["EU"], "DE", on) && named(&["EU"], "IE", on));
        assert!(!named(&["EU"], "GB", on) && !named(&["JP"], "DE", on));
        assert!(named(&["EU"], "GB", date("2020-12-31")));
        assert!(!named(&["EU"], "HR", date("2013-06-30")) && named(&["EU"], "HR", on));
    }

    #[test]
    fn an_origin_that_is_neither_a_country_nor_a_group_fails_the_load() {
        let groups = crate::Engine::embedded().rules().groups.clone();
        let origins = |origins: &str| {
            let text = format!("id\torigins\texclude_origins\nx\t{origins}\t\n");
            let t = Tsv::parse("us_layers.tsv", Box::leak(text.into_boxed_str())).unwrap();
            let r = t.records().next().unwrap();
            groups.check_names(&r, "origins")
        };
        assert!(origins("EU,JP").is_ok() && origins("*").is_ok());
        for bad in ["EUR", "eu", "EU,Japan"] {
            let e = origins(bad).unwrap_err();
            assert!(e.message.starts_with("line 2, column origins:"), "{bad}: {}", e.message);
        }
    }

    #[test]
    fn special_rate_groups() {
        let groups = special_rates("Free (A+,AU,BH, CL) 3.5% (JP) See 9822.05.20 (P)");
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].0, "Free");
        assert_eq!(groups[0].1, vec!["A", "AU", "BH", "CL"]);
        assert_eq!(groups[1], ("3.5%".to_string(), vec!["JP".to_string()]));
        // Japan's seasonal lines (audit-q Q3): the windows are part of the rate text.
        let groups = special_rates("Free (LDC,MX) 10% (01 APR-30 SEP), 20% (01 OCT-31 MAR) (GSP,AJCEP) 3% (AU)");
        assert_eq!(groups[1].0, "10% (01 APR-30 SEP), 20% (01 OCT-31 MAR)");
        assert_eq!(groups[1].1, vec!["GSP", "AJCEP"]);
        assert_eq!(groups[2], ("3%".to_string(), vec!["AU".to_string()]));
    }
}
