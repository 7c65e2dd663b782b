//! US rows of `rules/us_layers.tsv` that charge nothing themselves: the methods of a duty on
//! postal items that the carrier elects (EO 14256 s.2(c) as amended, China and Hong Kong), and
//! the assumptions a line's chapter 99 duties rest on (goods in transit before a date; U.S.
//! content below 20 %; the postal method of EO 14324). Also the heading an all-in layer is
//! declared under when the column 1 rate reaches its percentage.

use super::us::UsLine;
use super::*;
use crate::money::DecimalSum;
use crate::request::{Channel, EntryType};
use crate::rules::us::{LayerRole, LineFacts, UsRules};

/// The line's facts for the rows' line conditions: the request's channel as the tables name
/// it (none when the request gives none: a postal row needs `channel: post`), and its claim.
pub(super) fn line_facts<'a>(ctx: &Ctx<'_>, us: &'a UsLine<'_>) -> LineFacts<'a> {
    let channel = ctx
        .req
        .channel
        .and_then(|c| crate::rules::CHANNEL_NAMES.iter().find(|(_, ch)| *ch == Some(c)).map(|(n, _)| *n));
    LineFacts { channel, claim: us.claim.as_deref() }
}

/// The heading an all-in layer's levy is declared under: when the column 1 duty is at least the
/// layer's percentage of the value, the heading "equal to or greater than" it (9903.02.19 for the
/// EU's 9903.02.20, HTSUS Rev 10), whose duty is that of the subheading only.
pub(super) fn name_at_least_heading(rules: &UsRules, us: &UsLine<'_>, l: &'static Layer, date: Date, levy: &mut Levy) {
    if l.rate_kind != RateKind::AllIn || levy.amount.is_none() {
        return;
    }
    let (Some(percent), Some(column1)) = (l.percent, us.column1_duty) else { return };
    if column1 < crate::money::per_cent(percent * us.customs_value) {
        return;
    }
    if let Some(h) = rules.at_least_heading(l, date) {
        levy.name = format!("{} ({})", h.name, h.ch99).into();
        levy.formula = format!(
            "{}; the column 1 rate is {}% or more, so the heading is {} (the duty of the subheading only), not {}",
            levy.formula,
            percent.normalize(),
            h.ch99,
            l.ch99
        )
        .into();
    }
}

/// States the assumption rows that hold for the line, and applies a postal duty's methods.
pub(super) fn stated_rows(
    ctx: &mut Ctx<'_>,
    us: &UsLine<'_>,
    rows: &[&'static Layer],
    charged: &[&'static str],
    p: &mut Priced,
    out: &mut LayersCharged,
) {
    let with = |l: &Layer| {
        l.line.with_layers.is_empty() || l.line.with_layers.iter().any(|x| charged.iter().any(|c| c.starts_with(x)))
    };
    for l in rows.iter().filter(|l| l.role == LayerRole::Assumption && with(l)) {
        // A statement row carries no figure: its `[verify]` says so, so that it is not read as
        // making the quote partial (audit-z Z7: the IEEPA ruling beside `complete: true`).
        if l.source.is_verify() {
            let why = format!(
                "{} comes from a secondary source and is marked [verify]; it is a statement only: no figure of this quote depends on it",
                l.source.row()
            );
            ctx.warn(Detail::Unverified { why });
        }
        if let Some(assumption) = l.assumption {
            ctx.warn(Detail::Assumption { threshold: l.id, assumption });
        }
    }
    let methods: Vec<&'static Layer> = rows.iter().copied().filter(|l| l.role == LayerRole::Postal).collect();
    if !methods.is_empty() {
        postal_duty(ctx, us, &methods, p, out);
    }
}

/// Why a postal duty's only method is not priced: its row is unverified, or (a verified one) the
/// engine lists a postal duty with its figure rather than charging it.
fn not_priced_why(l: &Layer) -> &'static str {
    match l.source.is_verify() {
        true => "its row is from a secondary source [verify]",
        false => "a postal duty is listed with its figure, not charged",
    }
}

/// The most a postal item may be worth for the postal duty (EO 14256 s.2(c): items "valued at
/// or under $800" that would otherwise have been de minimis); a dearer one is entered as usual.
const POSTAL_ITEM_MAX_USD: Decimal = Decimal::from_parts(800, 0, 0, false, 0);

/// A postal item of covered goods pays, in lieu of every other duty, the duty of the method its
/// carrier elects (one of `methods`). The request cannot show which, so every duty of the line
/// is listed unpriced, the postal duty's lower bound is its known part, and the reason gives
/// each method's figure. A consignment above US$800 or one the caller enters formally (CBP: a
/// postal item required to be formally entered pays the duties of an entry) keeps its duties.
fn postal_duty(
    ctx: &mut Ctx<'_>,
    us: &UsLine<'_>,
    methods: &[&'static Layer],
    p: &mut Priced,
    out: &mut LayersCharged,
) {
    if ctx.req.entry_type == Some(EntryType::Formal) || ctx.req.channel != Some(Channel::Post) {
        return;
    }
    let Some(rate) = ctx.rate(ctx.req.currency, Currency::USD) else { return };
    let consignment: Decimal = ctx.req.lines.iter().map(|l| l.quantity * l.unit_price).decimal_sum() * rate;
    if consignment > POSTAL_ITEM_MAX_USD {
        return;
    }
    let back = ctx.rate(Currency::USD, ctx.j.currency).unwrap_or(Decimal::ONE);
    let to_line = |usd: Decimal| usd * back;
    let lines = Decimal::from(ctx.req.lines.len().max(1));
    let mut figures: Vec<String> = Vec::new();
    let mut lower: Option<Decimal> = None;
    let mut rates: Vec<String> = Vec::new();
    for l in methods {
        ctx.note_verify(l.source.row(), l.source.is_verify());
        let Some(pct) = l.percent else { continue };
        let (figure, share) = match l.basis {
            LayerBasis::PerItem => {
                let item = us.round(to_line(pct));
                rates.push(format!("US${} per postal item", pct.normalize()));
                // The item's duty shared over its lines: each line's part of the lower bound.
                let share = us.rounding.round_line(item / lines, us.currency).min(item);
                (
                    format!(
                        "US${} per postal item = {} (the consignment taken as one item)",
                        pct.normalize(),
                        format_grouped(item)
                    ),
                    share,
                )
            }
            _ => {
                let a = us.round(crate::money::per_cent(pct * us.customs_value));
                rates.push(format!("{}%", pct.normalize()));
                (format!("{}% × {} = {}", pct.normalize(), format_grouped(us.customs_value), format_grouped(a)), a)
            }
        };
        figures.push(figure);
        lower = Some(lower.map_or(share, |m: Decimal| m.min(share)));
    }
    let Some(lower) = lower else { return };
    let ids: Vec<&str> = methods.iter().map(|l| l.id).collect();
    for levy in p.levies.iter_mut().filter(|l| matches!(l.kind, LevyKind::Duty | LevyKind::AdditionalDuty)) {
        levy.formula = format!(
            "{}: not charged on a postal item, which pays the postal duty in lieu of it ({})",
            levy.formula,
            ids.join(", ")
        )
        .into();
        levy.amount = None;
        levy.partial_amount = None;
    }
    let first = methods[0];
    // One method (the interim 10 % of EO 14388): nothing for the carrier to elect.
    let elected = match methods.len() {
        1 => format!("the postal duty: {}; {}, so the duty is at least that", figures[0], not_priced_why(first)),
        _ => format!(
            "the postal duty of the method its carrier elects: {}; which method the carrier elected is not known, so the duty is at least {}",
            figures.join(", or "),
            format_grouped(lower)
        ),
    };
    let why = format!(
        "line {}: a postal item of products of {} valued at US${} or less pays, in lieu of every other duty (the tariff, Section 301, IEEPA), {elected} (give entry_type formal for an item CBP requires to be formally entered: it pays the duties of an entry): {}",
        us.line.id,
        us.origin,
        POSTAL_ITEM_MAX_USD,
        first.source.publisher
    );
    p.push_reason(why);
    p.levies.push(Levy {
        kind: LevyKind::AdditionalDuty,
        name: format!("{} ({})", first.name, first.ch99).into(),
        base: us.customs_value,
        base_note: Note::new(us.basis_note.clone()),
        rate: rates.join(" or ").into(),
        amount: None,
        partial_amount: Some(lower),
        formula: match methods.len() {
            1 => format!("{}: {}, at least {}", figures[0], not_priced_why(first), format_grouped(lower)),
            _ => format!(
                "{}: the carrier elects one method, not known here: at least {}",
                figures.join(", or "),
                format_grouped(lower)
            ),
        }
        .into(),
        source: (&first.source).into(),
        not_priced: false,
    });
    out.total = Decimal::ZERO;
    out.known = false;
    out.waivable.clear();
    out.claim_waived.clear();
}
