//! United States: chapter 99 additional-duty layers with their scopes and stacking rules, and the
//! preference programmes of the column 1 special rates.

use super::table::{in_force, Tsv};
use super::RuleSource;
use crate::date::Date;
use crate::error::Result;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// One additional-duty measure (a chapter 99 heading) as dated data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layer {
    pub id: &'static str,
    pub name: &'static str,
    pub ch99: &'static str,
    /// Added ad valorem percentage; `None` where the measure's rate for this scope is not
    /// encoded (the quote then says so instead of guessing).
    pub percent: Option<Decimal>,
    /// Scope lists the code must be in (empty: every code).
    pub scopes: Vec<&'static str>,
    /// Origins it applies to (empty: every origin).
    pub origins: Vec<&'static str>,
    pub exclude_origins: Vec<&'static str>,
    /// Scope lists that exempt a code.
    pub exclude_scopes: Vec<&'static str>,
    /// Layers (ids or id prefixes such as `s232`) whose application excludes this one.
    pub exclude_layers: Vec<&'static str>,
    pub priority: u32,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub source: RuleSource,
}

/// Whether a code is in a scope list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InScope {
    Yes,
    No,
    /// The list names longer codes under the code given: it depends on the full statistical code.
    Maybe,
}

/// A preference programme of the US column 1 special rates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Programme {
    pub code: &'static str,
    pub name: &'static str,
    pub countries: Vec<&'static str>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub source: RuleSource,
}

/// The US rule tables.
#[derive(Debug)]
pub struct UsRules {
    pub layers: Vec<Layer>,
    scopes: HashMap<&'static str, Vec<&'static str>>,
    pub scope_files: HashMap<&'static str, &'static str>,
    pub programmes: Vec<Programme>,
}

fn list(text: &'static str) -> Vec<&'static str> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty() && *s != "*").collect()
}

/// A layer that applies to a line, or one that was excluded and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerDecision<'r> {
    pub layer: &'r Layer,
    /// Why it does not apply although its scope and origin match (`excluded by s232-steel`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded_by: Option<String>,
    /// The scope match depends on the full 10-digit code.
    pub uncertain: bool,
}

impl UsRules {
    pub(super) fn load(
        layers: Tsv<'static>,
        scope_tables: [Tsv<'static>; 2],
        programmes: Tsv<'static>,
    ) -> Result<UsRules> {
        let mut out = Vec::new();
        for r in layers.records() {
            let id = r.text("id")?;
            out.push(Layer {
                id,
                name: r.text("name")?,
                ch99: r.text("ch99")?,
                percent: r.decimal("percent")?,
                scopes: list(r.text("scopes")?),
                origins: list(r.text("origins")?),
                exclude_origins: list(r.text("exclude_origins")?),
                exclude_scopes: list(r.text("exclude_scopes")?),
                exclude_layers: list(r.text("exclude_layers")?),
                priority: r.decimal("priority")?.map(|p| p.try_into().unwrap_or(0)).unwrap_or(0),
                valid_from: r.date("valid_from")?,
                valid_to: r.date("valid_to")?,
                source: RuleSource {
                    row: format!("us_layers.tsv#{id}"),
                    source: r.text("source")?,
                    confidence: r.text("confidence")?,
                },
            });
        }
        out.sort_by_key(|l| l.priority);
        let mut scope_map = HashMap::new();
        let mut scope_files = HashMap::new();
        for scopes in &scope_tables {
            for r in scopes.records() {
                let scope = r.text("scope")?;
                let mut codes: Vec<&'static str> = r.text("codes")?.split(' ').filter(|c| !c.is_empty()).collect();
                codes.sort_unstable();
                scope_map.insert(scope, codes);
                scope_files.insert(scope, r.text("file")?);
            }
        }
        let mut progs = Vec::new();
        for r in programmes.records() {
            let code = r.text("program")?;
            progs.push(Programme {
                code,
                name: r.text("name")?,
                countries: list(r.text("countries")?),
                valid_from: r.date("valid_from")?,
                valid_to: r.date("valid_to")?,
                source: RuleSource {
                    row: format!("preferences.tsv#{code}"),
                    source: r.text("source")?,
                    confidence: r.text("confidence")?,
                },
            });
        }
        Ok(UsRules { layers: out, scopes: scope_map, scope_files, programmes: progs })
    }

    /// Whether `code` (digits) is in the scope list `scope`.
    pub fn in_scope(&self, scope: &str, code: &str) -> InScope {
        let Some(codes) = self.scopes.get(scope) else { return InScope::No };
        for n in (4..=code.len()).rev() {
            if codes.binary_search(&&code[..n]).is_ok() {
                return InScope::Yes;
            }
        }
        let i = codes.partition_point(|c| *c < code);
        if codes.get(i).is_some_and(|c| c.starts_with(code)) {
            InScope::Maybe
        } else {
            InScope::No
        }
    }

    fn any_scope(&self, scopes: &[&str], code: &str) -> InScope {
        let mut result = InScope::No;
        for s in scopes {
            match self.in_scope(s, code) {
                InScope::Yes => return InScope::Yes,
                InScope::Maybe => result = InScope::Maybe,
                InScope::No => {}
            }
        }
        result
    }

    /// The layers whose scope, origin and dates match a line, each marked applied or excluded
    /// (by an exemption list or by another layer that applies), in priority order.
    pub fn decide(&self, code: &str, origin: &str, date: Date) -> Vec<LayerDecision<'_>> {
        let mut candidates: Vec<LayerDecision<'_>> = Vec::new();
        for layer in &self.layers {
            if !in_force(layer.valid_from, layer.valid_to, date)
                || (!layer.origins.is_empty() && !layer.origins.contains(&origin))
                || layer.exclude_origins.contains(&origin)
            {
                continue;
            }
            let scope = if layer.scopes.is_empty() { InScope::Yes } else { self.any_scope(&layer.scopes, code) };
            if scope == InScope::No {
                continue;
            }
            let exempt = self.any_scope(&layer.exclude_scopes, code);
            let excluded_by = (exempt == InScope::Yes)
                .then(|| format!("exempt: code is on the {} list", layer.exclude_scopes.join(" / ")));
            candidates.push(LayerDecision {
                layer,
                excluded_by,
                uncertain: scope == InScope::Maybe || exempt == InScope::Maybe,
            });
        }
        // Exclusions between layers: a layer is not charged when a layer it names applies.
        let applied: Vec<&str> = candidates.iter().filter(|d| d.excluded_by.is_none()).map(|d| d.layer.id).collect();
        for d in &mut candidates {
            if d.excluded_by.is_some() {
                continue;
            }
            if let Some(by) =
                applied.iter().find(|id| d.layer.exclude_layers.iter().any(|x| id.starts_with(x) && **id != d.layer.id))
            {
                d.excluded_by = Some(format!("not charged on goods subject to {by}"));
            }
        }
        candidates
    }

    /// Programmes whose countries include `origin` on `date`.
    pub fn programmes_for<'r>(&'r self, origin: &'r str, date: Date) -> impl Iterator<Item = &'r Programme> + 'r {
        self.programmes
            .iter()
            .filter(move |p| p.countries.contains(&origin) && in_force(p.valid_from, p.valid_to, date))
    }
}

/// Splits a column 1 special text into (rate text, programme codes):
/// `Free (A+,AU,BH) 3.5% (JP)` → [("Free", [A, AU, BH]), ("3.5%", [JP])].
pub fn special_rates(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| c + open) else { break };
        let rate = rest[..open].trim().to_string();
        let programmes = rest[open + 1..close]
            .split(',')
            .map(|p| p.trim().trim_end_matches(['*', '+']).to_string())
            .filter(|p| !p.is_empty())
            .collect();
        if !rate.is_empty() && !rate.starts_with("See") {
            out.push((rate, programmes));
        }
        rest = rest[close + 1..].trim();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_rate_groups() {
        let groups = special_rates("Free (A+,AU,BH, CL) 3.5% (JP) See 9822.05.20 (P)");
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].0, "Free");
        assert_eq!(groups[0].1, vec!["A", "AU", "BH", "CL"]);
        assert_eq!(groups[1], ("3.5%".to_string(), vec!["JP".to_string()]));
    }
}
