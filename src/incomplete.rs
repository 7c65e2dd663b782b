//! What leaves a quote incomplete, in words, and what an incomplete quote makes of a figure the
//! what-if tools derive from it: a lower bound is never presented as a price, a saving or an
//! overcharge (docs/rules.md#18, "What cannot be priced is said, never zero").

use crate::quote::{Levy, LevyKind, LineQuote, LineStatus, Quote};
use serde::Serialize;

/// Whether a derived figure is exact or only a bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum Exactness {
    /// Every figure it comes from is priced.
    Exact,
    /// The true figure is this or more.
    AtLeast,
    /// The true figure is this or less.
    AtMost,
    /// Both sides are lower bounds: nothing can be said of their difference.
    Unknown,
}

impl Exactness {
    /// What `after - before` is when each side is exact (`true`) or a lower bound (`false`): a
    /// lower bound after makes it a lower bound, one before an upper bound, both unknown.
    pub fn of_difference(before_exact: bool, after_exact: bool) -> Exactness {
        match (before_exact, after_exact) {
            (true, true) => Exactness::Exact,
            (true, false) => Exactness::AtLeast,
            (false, true) => Exactness::AtMost,
            (false, false) => Exactness::Unknown,
        }
    }

    /// True for [`Exactness::Exact`].
    pub fn is_exact(self) -> bool {
        self == Exactness::Exact
    }
}

/// Why the quote is incomplete, one entry per line or shipment levy not priced: the line's
/// reason (which names the input that would fix it) or the levy's formula (which says why it
/// is not priced). Empty for a complete quote; never empty for an incomplete one.
pub fn unpriced(q: &Quote) -> Vec<String> {
    let mut out: Vec<String> = q.lines.iter().filter(|l| l.status != LineStatus::Priced).map(line_entry).collect();
    out.extend(unpriced_shipment(q));
    if out.is_empty() && !q.totals.complete {
        out.push("the quote's totals are lower bounds".into());
    }
    out
}

/// The shipment levies not priced (fees per entry), as [`unpriced`] words them.
pub fn unpriced_shipment(q: &Quote) -> Vec<String> {
    q.levies.iter().filter(|l| l.amount.is_none()).map(levy_entry).collect()
}

/// The entries of [`unpriced`] that concern one component: its shipment levies not priced, and
/// the incomplete lines that leave it a lower bound (`line_leaves_inexact`).
pub fn unpriced_in(q: &Quote, component: Component) -> Vec<String> {
    let lines = q.lines.iter().filter(|l| line_leaves_inexact(l, component)).map(line_entry);
    let levies = q.levies.iter().filter(|l| l.amount.is_none() && Component::of(l.kind) == component).map(levy_entry);
    lines.chain(levies).collect()
}

/// Whether a component's total is exact: nothing in [`unpriced_in`].
pub fn component_is_exact(q: &Quote, component: Component) -> bool {
    unpriced_in(q, component).is_empty()
}

/// An incomplete line leaves a component a lower bound when a levy of it is not priced, or,
/// when no levy says what is missing (a range of national lines, a line with no levies), its
/// duty and tax; its duty too when it has no duty levy (no duty rate was found).
fn line_leaves_inexact(line: &LineQuote, component: Component) -> bool {
    if line.status == LineStatus::Priced {
        return false;
    }
    // A line with no duty levy at all had no duty rate (no tariff for the destination, an
    // unknown code): its duty is not priced, never 0 (audit-kk KK50).
    if component == Component::Duty && !line.levies.iter().any(|v| Component::of(v.kind) == Component::Duty) {
        return true;
    }
    let mut unpriced = line.levies.iter().filter(|v| v.amount.is_none()).peekable();
    if unpriced.peek().is_none() {
        return component != Component::Fees;
    }
    unpriced.any(|v| Component::of(v.kind) == component)
}

/// `line {id}: {reason}`, the prefix once when the reason already starts with it (audit-z Z7:
/// "line a: line a: a postal item ...").
fn line_entry(l: &LineQuote) -> String {
    match &l.reason {
        Some(r) if r.starts_with(&format!("line {}: ", l.id)) => r.to_string(),
        Some(r) => format!("line {}: {r}", l.id),
        None => format!("line {} is {}", l.id, status_word(l.status)),
    }
}

/// `shipment: {name}: {formula}` (the name once when the formula starts with it).
fn levy_entry(l: &Levy) -> String {
    let (name, formula) = (l.name.as_str(), l.formula.as_str());
    if formula.starts_with(&*name) {
        format!("shipment: {formula}")
    } else {
        format!("shipment: {name}: {formula}")
    }
}

/// `priced`, `partial` or `not_priced`, as a line's status is written.
pub fn status_word(status: LineStatus) -> &'static str {
    match status {
        LineStatus::Priced => "priced",
        LineStatus::Partial => "partial",
        LineStatus::NotPriced => "not_priced",
    }
}

/// The components of a quote's totals: duty (with additional duties), tax (with excise), fees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Component {
    Duty,
    Tax,
    Fees,
}

impl Component {
    fn of(kind: LevyKind) -> Component {
        match kind {
            LevyKind::Duty | LevyKind::AdditionalDuty => Component::Duty,
            LevyKind::Tax | LevyKind::Excise => Component::Tax,
            LevyKind::Fee => Component::Fees,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;

    /// A £150.00 cotton T-shirt of the US into GB: duty 12 % and VAT 20 %, both priced.
    fn gb_tee() -> Quote {
        let req = crate::request::from_json(
            r#"{"destination": "GB", "origin": "US", "ship_from": "US", "date": "2026-03-02", "currency": "GBP",
            "lines": [{"id": "tee", "code": "6109.10.00.10", "quantity": "1", "unit_price": "150.00"}]}"#,
        )
        .unwrap();
        Engine::embedded().quote(&req).unwrap()
    }

    #[test]
    fn an_incomplete_line_naming_no_levy_leaves_duty_and_tax_bounds_rules_18() {
        // A partial code whose national lines differ is `partial` with every levy priced at the
        // cheapest line (docs/rules.md#18): its duty and tax are lower bounds, its fees are not.
        let mut q = gb_tee();
        assert!(unpriced(&q).is_empty());
        q.lines[0].status = LineStatus::Partial;
        q.lines[0].reason = Some("the code covers lines with different rates".into());
        q.totals.complete = false;
        assert_eq!(unpriced(&q), ["line tee: the code covers lines with different rates"]);
        assert!(!component_is_exact(&q, Component::Duty) && !component_is_exact(&q, Component::Tax));
        assert!(component_is_exact(&q, Component::Fees));
    }

    #[test]
    fn an_unpriced_tax_levy_leaves_the_tax_a_bound_not_the_duty_rules_18() {
        let mut q = gb_tee();
        let vat = q.lines[0].levies.iter_mut().find(|l| l.kind == LevyKind::Tax).unwrap();
        vat.partial_amount = vat.amount.take();
        q.lines[0].status = LineStatus::Partial;
        q.totals.complete = false;
        assert_eq!(unpriced(&q), ["line tee is partial"]);
        assert!(component_is_exact(&q, Component::Duty) && component_is_exact(&q, Component::Fees));
        assert_eq!(unpriced_in(&q, Component::Tax), ["line tee is partial"]);
    }

    #[test]
    fn a_difference_with_a_lower_bound_is_a_bound_or_unknown() {
        // after - before: a larger `after` can only raise it, a larger `before` only lower it.
        assert_eq!(Exactness::of_difference(true, true), Exactness::Exact);
        assert_eq!(Exactness::of_difference(true, false), Exactness::AtLeast);
        assert_eq!(Exactness::of_difference(false, true), Exactness::AtMost);
        assert_eq!(Exactness::of_difference(false, false), Exactness::Unknown);
    }
}
