//! Stage 4, duties (US): the chapter 99 additional duties of a line, each charged on its basis or
//! reported as excluded or unpriced.

use super::*;
use crate::money::DecimalSum;
use crate::rules::us::LayerRole;

/// A US line as the chapter 99 layers see it.
pub(super) struct UsLine<'a> {
    pub(super) line: &'a LineRequest,
    pub(super) code: &'a HsCode,
    pub(super) customs_value: Decimal,
    pub(super) origin: &'a str,
    /// The column 1 duty (for the all-in rates), when priced.
    pub(super) column1_duty: Option<Decimal>,
    pub(super) basis_note: &'a Parts,
    pub(super) rounding: RoundingPolicy,
    pub(super) currency: Currency,
    /// The programme the line claims: layers it waives are not charged.
    pub(super) claim: Option<String>,
}

impl UsLine<'_> {
    pub(super) fn round(&self, amount: Decimal) -> Decimal {
        self.rounding.round_line(amount, self.currency)
    }
}

/// What the layers of a line came to.
pub(super) struct LayersCharged {
    pub(super) total: Decimal,
    /// Every layer charged is priced.
    pub(super) known: bool,
    /// Layers a preference claim would remove: (programmes, what it saves).
    pub(super) waivable: Vec<(Vec<&'static str>, Waived)>,
    /// Layers the line's claim removed, with what each would have cost (when priced).
    pub(super) claim_waived: Vec<Waived>,
}

/// The US additional duties of a line: every layer in force on the as-of date whose scope (as it
/// stands that day) and origin match, charged on its basis, or reported as excluded or unpriced.
pub(super) fn us_layers(ctx: &mut Ctx<'_>, us: &UsLine<'_>, p: &mut Priced) -> LayersCharged {
    let mut out = LayersCharged { total: Decimal::ZERO, known: true, waivable: Vec::new(), claim_waived: Vec::new() };
    let metal = metal_value(ctx, us.line);
    // `Engine::quote` checks first that the US tables and the code's scope part are attached;
    // without them no layer is known.
    let (Ok(us_rules), Ok(scopes)) = (ctx.rules.us(), ctx.rules.us_scopes_for(us.code.digits())) else {
        out.known = false;
        return out;
    };
    let facts = super::postal::line_facts(ctx, us);
    let decisions = us_rules.decide_for(&scopes, us.origin, ctx.req.date, Some(&facts));
    let two_metals = metals_in_play(&decisions);
    let foreign_value = foreign_value_base(ctx, us, p);
    let mut stated: Vec<&'static Layer> = Vec::new();
    let mut charged_ids: Vec<&'static str> = Vec::new();
    for d in decisions {
        let l = d.layer;
        if l.role != LayerRole::Duty {
            // A postal method or an assumption charges nothing itself (below).
            if d.excluded_by.is_none() {
                stated.push(l);
            }
            continue;
        }
        if let Some(reason) = d.excluded_by {
            p.excluded.push(Excluded {
                name: l.name.into(),
                ch99: l.ch99.into(),
                reason,
                source: l.source.publisher.into(),
            });
            continue;
        }
        let on_metal = l.basis == LayerBasis::MetalContent || d.outside_metal_of.is_some();
        p.metal_used |= on_metal;
        let mut levy = match (d.unknown, &two_metals) {
            (Some(why), _) => match d.at_least_of {
                Some(other) => at_least_levy(us, l, other, why),
                None => unsettled_levy(us, l, why),
            },
            (None, Some(why)) if on_metal => unsettled_levy(us, l, why.clone()),
            (None, _) => match &foreign_value {
                Some(Ok((value, note))) if !on_metal => {
                    let part = UsLine { customs_value: *value, claim: None, ..*us };
                    Levy { base_note: Note::from(note.clone()), ..layer_levy(&part, l, None, None) }
                }
                Some(Err(why)) if !on_metal => unsettled_levy(us, l, why.clone()),
                _ => layer_levy(us, l, d.outside_metal_of, metal),
            },
        };
        super::postal::name_at_least_heading(us_rules, us, l, ctx.req.date, &mut levy);
        if let Some(claim) = us.claim.as_deref().filter(|c| l.waived_by.contains(c)) {
            // The claim removes the layer: reported as excluded, its amount counted as saved.
            if let Some(a) = levy.amount {
                out.claim_waived.push(Waived { name: l.name.into(), ch99: l.ch99.into(), amount: a });
            }
            p.excluded.push(Excluded {
                name: l.name.into(),
                ch99: l.ch99.into(),
                reason: format!("removed by the claim under {claim}"),
                source: l.source.publisher.into(),
            });
            continue;
        }
        ctx.note_verify(l.source.row(), l.source.is_verify());
        if let Some(assumption) = l.assumption.filter(|_| levy.amount.is_some_and(|a| !a.is_zero())) {
            ctx.warn(Detail::Assumption { threshold: l.id, assumption });
        }
        charged_ids.push(l.id);
        match &levy.amount {
            Some(a) => {
                crate::money::add_to(&mut out.total, *a);
                if !l.waived_by.is_empty() {
                    out.waivable
                        .push((l.waived_by.clone(), Waived { name: l.name.into(), ch99: l.ch99.into(), amount: *a }));
                }
            }
            None => {
                out.known = false;
                p.push_reason(levy.formula.to_string());
            }
        }
        p.levies.push(levy);
    }
    super::postal::stated_rows(ctx, us, &stated, &charged_ids, p, &mut out);
    out
}

/// The chapter 98 provisions whose goods pay the additional duties on the part of their value
/// the provision taxes, not on the full value and not exempt as the other chapter 98 goods are
/// (CBP CSMS #67844987: "certain 9802 provisions remain subject to the additional duty on the
/// value of foreign repairs, alterations, processing, or assembly"; CBP IEEPA FAQ; audit-ee M2),
/// with that part as the tariff line's text names it.
const FOREIGN_VALUE_PROVISIONS: [(&str, &str, &str); 4] = [
    ("98020040", "9802.00.40", "the value of the repairs or alterations"),
    ("98020050", "9802.00.50", "the value of the repairs or alterations"),
    ("98020060", "9802.00.60", "the value of the processing outside the United States"),
    ("98020080", "9802.00.80", "the full value less the cost or value of the products of the United States"),
];

/// The base of the additional duties of a line of a [`FOREIGN_VALUE_PROVISIONS`] code: the value
/// of the one component its duty rate is charged on (`"2.5% on repairs"` with
/// `components: {"repairs": …}`), or why it is not given. `None` for any other code.
fn foreign_value_base(ctx: &mut Ctx<'_>, us: &UsLine<'_>, p: &Priced) -> Option<Result<(Decimal, String), String>> {
    let (_, provision, part) = FOREIGN_VALUE_PROVISIONS.iter().find(|(c, _, _)| us.code.digits().starts_with(c))?;
    let values = super::line::component_values(ctx, us.line);
    let mut read = values.iter().enumerate().filter(|(i, _)| p.components_read.contains(*i)).map(|(_, v)| v);
    Some(match (read.next(), read.next()) {
        (Some((key, value)), None) => {
            Ok((*value, format!("{part} under {provision}: component {key} {}", format_grouped(*value))))
        }
        _ => Err(format!(
            "goods of {provision} pay the additional duties on {part}, not on the full value (CBP CSMS #67844987): give that value as the one component the line's duty_rate is charged on (duty_rate \"2.5% on foreign_value\" with components {{\"foreign_value\": …}}) for line {}",
            us.line.id
        )),
    })
}

/// Why one `metal_content_value` cannot price the line, when layers on the content of two metals
/// apply to it (a code on both the steel and the aluminum derivative lists: each is charged on
/// its own metal's content, which one value cannot give).
fn metals_in_play(decisions: &[crate::rules::us::LayerDecision<'_>]) -> Option<String> {
    let mut metals: Vec<&str> = decisions
        .iter()
        .filter(|d| d.excluded_by.is_none() && d.unknown.is_none() && d.layer.basis == LayerBasis::MetalContent)
        .filter_map(|d| ["steel", "aluminum", "copper"].into_iter().find(|m| d.layer.id.contains(m)))
        .collect();
    crate::sort::sort_unstable(&mut metals);
    metals.dedup();
    (metals.len() > 1).then(|| {
        format!(
            "the code is charged on its {} content under separate headings, and metal_content_value gives one value: it cannot say how much of it is which metal",
            metals.join(" and ")
        )
    })
}

/// The line's metal content value in the customs currency, when the caller gave it.
pub(super) fn metal_value(ctx: &mut Ctx<'_>, line: &LineRequest) -> Option<Decimal> {
    let per_unit = line.metal_content_value?;
    let rate = ctx.rate(ctx.req.currency, ctx.j.currency)?;
    Some(crate::money::round_to(line.quantity * per_unit * rate, ctx.j.currency.minor_units(), ctx.req.rounding.mode))
}

/// A layer that may apply but whose scope or exemption our sources do not settle: unpriced, with
/// the reason (the line is partial, never charged or dropped on a guess).
fn unsettled_levy(us: &UsLine<'_>, l: &'static Layer, why: String) -> Levy {
    let name = format!("{} ({})", l.name, l.ch99);
    let why = match (l.conditional, l.percent, l.basis, l.rate_kind) {
        // Both outcomes of a conditional layer as figures: charged if the condition is met, none if not.
        (true, Some(p), LayerBasis::Value, RateKind::Add) => {
            let met = us.round(crate::money::per_cent(p * us.customs_value));
            let value = format_grouped(us.customs_value);
            format!("{why}; condition met: {}% × {value} = {}, not met: none", p.normalize(), format_grouped(met))
        }
        _ => why,
    };
    let rate = match (l.percent, l.rate_kind) {
        (None, _) => "not encoded".to_string(),
        (Some(p), RateKind::Add) => format!("+{}%", p.normalize()),
        (Some(p), RateKind::AllIn) => format!("{}% all-in", p.normalize()),
    };
    Levy {
        kind: LevyKind::AdditionalDuty,
        formula: format!("{name}: not priced for line {}: {why}", us.line.id).into(),
        name: name.into(),
        base: us.customs_value,
        base_note: Note::new(us.basis_note.clone()),
        rate: rate.into(),
        amount: None,
        partial_amount: None,
        source: (&l.source).into(),
        not_priced: true,
    }
}

/// A layer that is owed unless a layer charged at a rate at least its own on the same value
/// replaces it (`LayerDecision::at_least_of`), and which of the two applies is not settled: its
/// figure is a lower bound of the line's duty, whichever it is ("price what every reading owes").
fn at_least_levy(us: &UsLine<'_>, l: &'static Layer, other: &str, why: String) -> Levy {
    let mut levy = layer_levy(us, l, None, None);
    let Some(figure) = levy.amount else { return unsettled_levy(us, l, why) };
    levy.formula = format!(
        "{}: at least {} for line {}: {why}; either this layer is owed or {other} in place of it, at a rate at least this one's",
        levy.formula,
        format_grouped(figure),
        us.line.id
    )
    .into();
    levy.amount = None;
    levy.partial_amount = Some(figure);
    levy
}

/// One layer as a levy: its base (the customs value, the metal content, or the value outside the
/// metal content), its rate (added, or all-in net of the column 1 duty), or why it is unpriced.
pub(super) fn layer_levy(
    us: &UsLine<'_>,
    l: &'static Layer,
    outside_metal_of: Option<&str>,
    metal: Option<Decimal>,
) -> Levy {
    let name = format!("{} ({})", l.name, l.ch99);
    let source = crate::quote::LevySource::Row(&l.source);
    let unpriced = |rate: String, why: String| Levy {
        kind: LevyKind::AdditionalDuty,
        name: name.clone().into(),
        base: us.customs_value,
        base_note: Note::new(us.basis_note.clone()),
        rate: rate.into(),
        amount: None,
        partial_amount: None,
        formula: why.into(),
        source: source.clone(),
        not_priced: false,
    };
    let Some(percent) = l.percent else {
        // The measure covers the code but its rate here is not in our data.
        let why = format!("{name} covers this code, but its rate for it is not encoded: {}", l.source.publisher);
        return unpriced("not encoded".into(), why);
    };
    let rate = match l.rate_kind {
        RateKind::Add => format!("+{}%", percent.normalize()),
        RateKind::AllIn => format!("{}% all-in", percent.normalize()),
    };
    let metal_needed = l.basis == LayerBasis::MetalContent || outside_metal_of.is_some();
    let (base, base_note) = match (l.basis, outside_metal_of, metal) {
        (_, _, None) if metal_needed => {
            let on = match outside_metal_of {
                Some(by) => format!("the value other than the metal content (which {by} covers)"),
                None => "the value of the metal content".to_string(),
            };
            let why = format!(
                "{name} is charged on {on}: give metal_content_value (per unit, in the request currency) for line {}; it is never charged on the full value in its place",
                us.line.id
            );
            return unpriced(rate, why);
        }
        (LayerBasis::MetalContent, _, Some(m)) => {
            (m, format!("metal content value {} (metal_content_value)", format_grouped(m)).into())
        }
        (LayerBasis::Value, Some(by), Some(m)) => {
            let rest = (us.customs_value - m).max(Decimal::ZERO);
            (rest, format!("value outside the metal content charged under {by}: {} − {}", us.customs_value, m).into())
        }
        _ => (us.customs_value, Note::new(us.basis_note.clone())),
    };
    if l.unverified() {
        let why =
            format!("{name}: {rate} is not verified from a primary source and is not priced: {}", l.source.publisher);
        return Levy { base, base_note, not_priced: true, ..unpriced(rate, why) };
    }
    let (amount, formula) = match l.rate_kind {
        RateKind::Add => {
            let a = us.round(crate::money::per_cent(percent * base));
            (a, format!("{}% × {} = {}", percent.normalize(), format_grouped(base), format_grouped(a)))
        }
        RateKind::AllIn => {
            let Some(column1) = us.column1_duty else {
                let why = format!("{name} is {rate} including the column 1 duty, which is not priced for this line");
                return Levy { base, base_note, not_priced: true, ..unpriced(rate, why) };
            };
            // The column 1 duty's share of this base (all of it when the base is the full value).
            let share = if us.customs_value.is_zero() { Decimal::ZERO } else { column1 * base / us.customs_value };
            let gross = crate::money::per_cent(percent * base);
            let a = us.round((gross - share).max(Decimal::ZERO));
            (
                a,
                format!(
                    "{}% × {} − column 1 duty {} = {} (never below zero)",
                    percent.normalize(),
                    format_grouped(base),
                    format_grouped(us.round(share)),
                    format_grouped(a)
                ),
            )
        }
    };
    Levy {
        kind: LevyKind::AdditionalDuty,
        name: name.into(),
        base,
        base_note,
        rate: rate.into(),
        amount: Some(amount),
        partial_amount: None,
        formula: formula.into(),
        source,
        not_priced: false,
    }
}

/// Offers, on an unclaimed line whose general rate is Free, each programme open to the origin
/// whose claim would remove a layer charged: the duty stays Free, and [`waived_savings`] adds
/// what the claim removes (a Canadian good of USMCA origin is not charged heading 9903.01.10:
/// heading 9903.01.14; audit-ee M1).
pub(super) fn free_line_offers(ctx: &Ctx<'_>, origin: &str, waivable: &[(Vec<&'static str>, Waived)], p: &mut Priced) {
    for (by, _) in waivable {
        for code in by {
            if p.alternatives.iter().any(|a| a.program == *code) {
                continue;
            }
            let open = ctx.rules.programmes(ctx.destination).iter().find(|prog| {
                prog.code == *code && prog.open_to(origin, ctx.req.date) && !prog.unverified_for(origin, ctx.req.date)
            });
            let Some(prog) = open else { continue };
            let zero = Decimal::ZERO;
            p.alternatives.push(Alternative {
                program: prog.code.into(),
                name: prog.name.into(),
                rate: "Free".into(),
                duty: Some(zero),
                saving: Some(zero),
                waived: Vec::new(),
                total_saving: Some(zero),
                note: format!(
                    "claim {} ({}): the general rate is Free and stays so; the claim needs goods originating under the agreement's rules of origin and counts for the additional duties that spare them; not applied",
                    prog.code, prog.name
                ),
            });
        }
    }
}

/// Adds to each preference alternative the additional duties its claim removes (USMCA goods
/// are not charged the Canada/Mexico IEEPA duties or the Section 122 surcharge).
pub(super) fn waived_savings(waivable: &[(Vec<&'static str>, Waived)], alternatives: &mut [Alternative]) {
    for alt in alternatives.iter_mut() {
        alt.waived =
            waivable.iter().filter(|(by, _)| by.iter().any(|b| *b == alt.program)).map(|(_, w)| w.clone()).collect();
        let extra: Decimal = alt.waived.iter().map(|w| w.amount).decimal_sum();
        alt.total_saving = alt.saving.map(|s| s + extra);
        if let (false, Some(total)) = (alt.waived.is_empty(), alt.total_saving) {
            let removed: Vec<String> =
                alt.waived.iter().map(|w| format!("{} ({}) {}", w.name, w.ch99, format_grouped(w.amount))).collect();
            alt.note.push_str(&format!(
                "; the claim also removes {}: full saving {}",
                removed.join(", "),
                format_grouped(total)
            ));
        }
    }
}
