//! Rows from a secondary source (`confidence = verify`) are never priced: the levies a
//! jurisdiction's value basis or an unverified threshold decides keep their figure in the formula
//! but lose their amount, and the line says which row, why, and what would fix it
//! (docs/rules.md#not-priced). VAT rates and fees are handled where they are priced (`taxes`,
//! `fees`).

use super::*;
use crate::money::DecimalSum;

/// Unprices the duty and tax of every line when the destination's value basis or the personal-use
/// valuation the goods were valued by is unverified, and the levies an unverified threshold the
/// consignment is within would change.
pub(super) fn unprice_unverified(ctx: &mut Ctx<'_>, relief: &Relief, lines: &mut [LineQuote]) {
    let mut rules: Vec<(Vec<LevyKind>, String)> = Vec::new();
    if ctx.j.source.is_verify() {
        let why = unverified_basis(ctx.j);
        ctx.warn(Detail::Unverified { why: why.clone() });
        rules.push((vec![LevyKind::Duty, LevyKind::AdditionalDuty, LevyKind::Tax], why));
    }
    // A relief decided on the personal-use value of a `verify` row (Japan's ¥10,000, on 0.6 of
    // the price) is as unverified as the value: its 0.00 is not priced either (fix-cc). Freight
    // left unsettled is not: the figures add it after the factor, the higher of the two readings,
    // so a relief on them holds on the other reading too.
    let mut relief_on_value: Option<String> = None;
    if let Some(why) =
        ctx.personal_use.filter(|_| !ctx.freight_inside_factor).and_then(|p| unsettled_personal_use(ctx.req, p))
    {
        ctx.warn(Detail::Unverified { why: why.clone() });
        if ctx.personal_use.is_some_and(|p| p.source.is_verify()) {
            relief_on_value = Some(format!("{why}; {RELIEF_ON_VALUE}"));
        }
        rules.push((vec![LevyKind::Duty, LevyKind::AdditionalDuty, LevyKind::Tax], why));
    }
    let all = threshold_whys(ctx, relief);
    if rules.is_empty()
        && all.0.is_empty()
        && relief.unverified_amount.is_empty()
        && relief.per_line.iter().all(Option::is_none)
    {
        return;
    }
    for (i, line) in lines.iter_mut().enumerate() {
        // A line outside a per-item row has its own relief, and its own unverified rows.
        let own = relief.per_line.get(i).and_then(Option::as_ref).map(|r| threshold_whys(ctx, r));
        let (thresholds, held) = own.as_ref().unwrap_or(&all);
        // Only a line with a duty figure carries it into its tax base.
        let dutiable = line
            .levies
            .iter()
            .filter(|l| matches!(l.kind, LevyKind::Duty | LevyKind::AdditionalDuty))
            .any(|l| l.amount.or(l.partial_amount).is_some_and(|a| !a.is_zero()));
        // A flat rate that replaces the tariff's rate where lower has no duty of a line without
        // one to lower (nor does it apply to goods whose rate is free: CN Part One, Section II D.1).
        // Under the EU's EUR 3 per tariff line the duty figure is the EUR 3, whatever the
        // tariff's rate: that rate is read to know (a free rate leaves the EUR 3 alone).
        let this = relief.for_line(i);
        let unverified = &this.unverified;
        let flat = |k: usize| unverified.get(k).is_some_and(|t| t.effect == ThresholdEffect::FlatRate);
        let lowers = dutiable
            && !(this.flat_duty.is_some()
                && this.duty.is_none()
                && (0..unverified.len()).any(flat)
                && rate_is_free(ctx, &ctx.req.lines[i], &line.code));
        // The reliefs over whose unverified amount the consignment is, that would reach the line.
        let (over, over_held) = amount_whys(ctx, this, i);
        let whys: Vec<(&[LevyKind], &str)> = rules
            .iter()
            .chain(thresholds.iter().enumerate().filter(|(k, _)| lowers || !flat(*k)).map(|(_, w)| w))
            .chain(over.iter())
            .map(|(k, w)| (k.as_slice(), w.as_str()))
            .collect();
        let held: Vec<(&[LevyKind], &str)> =
            held.iter().chain(over_held.iter()).map(|w| (&[LevyKind::Tax][..], w.as_str())).collect();
        // The duty figures the rows unprice, read before they go: a tax holding them keeps the
        // tax on its base without them as a lower bound.
        let duty = unpriced_duty(line, &whys);
        unprice_levies(line, &whys);
        if let Some(why) = &relief_on_value {
            unprice_relieved(line, why, RELIEF_ON_VALUE, RELIEVED_ON_VALUE, &ALL_KINDS);
        }
        unprice_basis_unsettled(ctx, relief, i, line);
        if lowers {
            for t in unverified.iter().filter(|t| t.effect == ThresholdEffect::FlatRate) {
                state_flat_figure(ctx, line, t);
            }
        }
        // A tax holds an unpriced duty only where that duty is unpriced.
        let held_unpriced = lowers || !(0..unverified.len()).all(flat);
        if dutiable && held_unpriced && !held.is_empty() {
            let why: Vec<&str> = held.iter().map(|(_, w)| *w).collect();
            let at_sale = this.seller_collects.or(this.reverse_charge).is_some();
            bound_taxes_without_duty(ctx, line, duty, &why.join("; "), at_sale);
        }
    }
}

/// Beside the tariff's duty a flat-rate row from a secondary source leaves unpriced, the figure
/// the row is about: the flat rate on the same base, due in place of the tariff's where lower
/// (gov.uk, gifts of £135 to £630: 2.5 %; audit-aa AA22, where only the tariff's 12 % was shown).
fn state_flat_figure(ctx: &Ctx<'_>, line: &mut LineQuote, t: &Threshold) {
    let Some(percent) = t.flat_amount else { return };
    let Some(levy) = line.levies.iter_mut().find(|l| l.kind == LevyKind::Duty && l.not_priced) else { return };
    let flat = ctx.round_line(crate::money::per_cent(levy.base * percent));
    levy.formula = format!(
        "{}; if {} applies, the duty is its flat {}% × {} = {} where that is lower than the tariff's",
        levy.formula,
        t.id,
        percent.normalize(),
        format_grouped(levy.base),
        format_grouped(flat)
    )
    .into();
}

/// Unprices the tariff duty of each line whose goods' origin a row of `rules/duty_free.tsv` by
/// origin may free of it (a `verify` row: a law reported, its text not read, such as the EU's
/// regulation of 2026 on US industrial goods), and the tax whose base holds that duty; the line
/// says which row and what prices it (the caller's `duty_rate`, which such a line keeps). A line
/// that pays the EU's flat EUR 3 per tariff line keeps it: Reg. (EU) 2026/382 art. 2 charges it in
/// place of the relief whatever the tariff's rate (a free book pays it), unless whether it reaches
/// the goods is itself unsettled (`flat_duty_unsettled`: the tariff's duty is then the other
/// reading).
pub(super) fn unprice_origin_duty_free(
    ctx: &mut Ctx<'_>,
    relief: &Relief,
    flat_shares: &[Option<FlatShare>],
    lines: &mut [LineQuote],
) {
    let req = ctx.req;
    for (i, (line, asked)) in lines.iter_mut().zip(&req.lines).enumerate() {
        if asked.duty_rate.is_some() {
            continue;
        }
        let flat = relief.for_line(i).flat_duty.filter(|_| flat_shares.get(i).is_some_and(Option::is_some));
        if flat.is_some_and(|t| flat_duty_unsettled(ctx, t, asked).is_none()) {
            continue;
        }
        let Some(origin) = asked.origin.as_deref().or(req.origin.as_deref()) else {
            assume_no_listed_origin(ctx, line);
            continue;
        };
        let origin = origin.to_ascii_uppercase();
        let Some(row) = ctx.rules.origin_duty_free(ctx.destination, &origin, line.code.digits(), req.date) else {
            continue;
        };
        if !has_duty_figure(line) {
            continue;
        }
        ctx.note_verify(row.source.row(), true);
        let why = format!(
            "{}: {} [verify]: the tariff's duty is not priced; the line's duty_rate (\"0%\" for goods the law frees, else the tariff's rate) prices it",
            row.source.row(),
            row.assumption
        );
        let held = format!("the tax's base holds the duty that {} leaves unpriced", row.id);
        let whys: Vec<(&[LevyKind], &str)> = vec![(&[LevyKind::Duty], why.as_str())];
        let duty = unpriced_duty(line, &whys);
        unprice_levies(line, &whys);
        // A tax at the sale holds the duty only under DDP (the price recovers it).
        let this = relief.for_line(i);
        let at_sale = this.seller_collects.or(this.reverse_charge).is_some();
        let tax_holds_duty = if at_sale { req.incoterm() == Incoterm::Ddp } else { ctx.j.tax_basis != TaxBasis::None };
        if tax_holds_duty {
            bound_taxes_without_duty(ctx, line, duty, &held, at_sale);
        }
    }
}

/// True when the line has a tariff duty with a figure other than zero (priced or a lower bound).
fn has_duty_figure(line: &LineQuote) -> bool {
    line.levies.iter().any(|l| l.kind == LevyKind::Duty && l.amount.or(l.partial_amount).is_some_and(|a| !a.is_zero()))
}

/// A dutiable line without an origin where a row by origin would reach its goods (the EU's rows
/// of Regulation (EU) 2026/1455 as reported, from 2026-07-01) is priced at the tariff's rate, and
/// says so: the assumption is stated, never silent (audit-x X3; non-preferential origin is an
/// element of the EU declaration, Delegated Regulation (EU) 2015/2446 Annex B, data element 5/15).
fn assume_no_listed_origin(ctx: &mut Ctx<'_>, line: &LineQuote) {
    let Some(row) = ctx.rules.any_origin_duty_free(ctx.destination, line.code.digits(), ctx.req.date) else {
        return;
    };
    if !has_duty_figure(line) {
        return;
    }
    let assumption = match row.origins.contains(&"US") {
        true => "the goods are not of US origin (goods of US origin may owe no duty under Regulation (EU) 2026/1455, as reported): give origin",
        false => "the goods are not of the origin this row names (their duty may differ): give origin",
    };
    ctx.warn(Detail::Assumption { threshold: row.id, assumption });
}

/// The sum of the duty figures of `line` that `whys` is about to unprice (duty and additional
/// duty: the levies a tax's base holds).
fn unpriced_duty(line: &LineQuote, whys: &[(&[LevyKind], &str)]) -> Decimal {
    line.levies
        .iter()
        .filter(|l| matches!(l.kind, LevyKind::Duty | LevyKind::AdditionalDuty))
        .filter(|l| whys.iter().any(|(kinds, _)| kinds.contains(&l.kind)))
        .filter_map(|l| l.amount.or(l.partial_amount))
        .decimal_sum()
}

/// The taxes of `line` whose base holds `duty`, a duty figure a `verify` row leaves unpriced
/// (`held` says which): a duty is never below 0, so the tax on the base without it is certainly
/// due and kept as the tax's lower bound, counted in the "at least" totals as for any duty not
/// fully priced (audit-x X4: the EU-US row's VAT of 19 % × 210.00 = 39.90 was dropped to 0; X6:
/// a gift over EUR 45 owes VAT on its value, Directive 2006/79/EC art. 1, whatever the EUR 3).
/// The bound is the taxes stage's own figure of the rate on the base without that duty
/// ([`taxes::tax_figure`], `at_sale`: the tax is the seller's, rounded as the request says): one
/// computation for a tax's figure and for its lower bound, whether the duty was unpriced before
/// that stage or after it. A tax that cannot be re-figured so (a rate in parts, a figure that is
/// not its rate on its base) is not priced, with `held` as the reason.
fn bound_taxes_without_duty(ctx: &Ctx<'_>, line: &mut LineQuote, duty: Decimal, held: &str, at_sale: bool) {
    let mut touched = false;
    for levy in line.levies.iter_mut().filter(|l| l.kind == LevyKind::Tax) {
        let Some(figure) = levy.amount.or(levy.partial_amount) else {
            // Already unpriced (an unverified rate): the reason is added.
            if levy.not_priced {
                levy.formula = format!("{}; {held}", levy.formula).into();
                touched = true;
            }
            continue;
        };
        if figure.is_zero() {
            continue;
        }
        let percent = match &levy.source {
            crate::quote::LevySource::Vat(rate) => Some(rate.percent),
            _ => None,
        };
        let figure_on = |base: Decimal, r: Decimal| super::taxes::tax_figure(ctx, r, base, at_sale).0;
        let bound = percent
            .map(|p| (p, ctx.fraction(p)))
            .filter(|(_, r)| duty <= levy.base && figure_on(levy.base, *r) == figure)
            .map(|(p, r)| (p, levy.base - duty, figure_on(levy.base - duty, r)));
        levy.formula = match bound {
            Some((p, base, lower)) => {
                levy.partial_amount = Some(lower);
                format!(
                    "{} — not priced ({}): {held}; at least {} × {} = {} on the base without that duty",
                    levy.formula,
                    format_grouped(figure),
                    Note::new(Parts::Rate(p)),
                    format_grouped(base),
                    format_grouped(lower)
                )
            }
            None => {
                levy.partial_amount = None;
                format!("{} — not priced ({}): {held}", levy.formula, format_grouped(figure))
            }
        }
        .into();
        levy.amount = None;
        levy.not_priced = true;
        touched = true;
    }
    if !touched {
        return;
    }
    line.reason = Some(match line.reason.take() {
        Some(r) => format!("{r}; {held}"),
        None => held.to_string(),
    });
    let priced = line.levies.iter().any(|l| l.amount.is_some() || l.partial_amount.is_some());
    line.status = if priced { LineStatus::Partial } else { LineStatus::NotPriced };
}

/// True when the line's duty rate is free: the caller's `duty_rate`, or every tariff line of its
/// code in the destination's tariff. A code not found, or no tariff, is not known to be free.
pub(super) fn rate_is_free(ctx: &Ctx<'_>, line: &LineRequest, code: &HsCode) -> bool {
    let free = |e: crate::duty::DutyExpr| e.simple_percent().is_some_and(|p| p.is_zero());
    if let Some(rate) = &line.duty_rate {
        return free(crate::duty::DutyExpr::parse_caller(rate, ctx.j.currency));
    }
    let Some(tariff) = ctx.j.tariff else { return false };
    match ctx.tariff_memo.find(ctx.snapshot, tariff, code, ctx.req.date) {
        Ok(found) => {
            !found.lines.is_empty() && found.lines.iter().all(|l| free(crate::duty::DutyExpr::parse(l.row.mfn)))
        }
        Err(_) => false,
    }
}

/// The levies each unverified threshold of a relief leaves unpriced, with why, and why a tax
/// holding such a duty is unpriced too.
#[allow(clippy::type_complexity)]
fn threshold_whys(ctx: &Ctx<'_>, relief: &Relief) -> (Vec<(Vec<LevyKind>, String)>, Vec<String>) {
    // A tax whose base holds the duty an unverified threshold leaves unpriced is unknown with it:
    // import tax on value plus duty, or tax at the sale under DDP (the price recovers the duty).
    let at_sale = relief.seller_collects.or(relief.reverse_charge).is_some();
    let tax_holds_duty = if at_sale { ctx.req.incoterm() == Incoterm::Ddp } else { ctx.j.tax_basis != TaxBasis::None };
    whys(relief.unverified.iter().copied(), tax_holds_duty, unverified_threshold)
}

/// The levies each relief from a secondary source the consignment is over (its amount
/// unverified) leaves unpriced on line `i`, if it would reach the line, with why; and why a tax
/// holding such a duty is unpriced too.
#[allow(clippy::type_complexity)]
fn amount_whys(ctx: &Ctx<'_>, relief: &Relief, i: usize) -> (Vec<(Vec<LevyKind>, String)>, Vec<String>) {
    let tax_holds_duty = ctx.j.tax_basis != TaxBasis::None;
    let over = relief.unverified_amount.iter().filter(|(_, open)| open.contains(&i)).map(|(t, _)| *t);
    whys(over, tax_holds_duty, unverified_amount)
}

/// The levies each of `thresholds` leaves unpriced (duty with additional duty, tax), each with
/// its row and `why`, and why a tax holding such a duty is unpriced too: shared by the
/// thresholds a consignment is within ([`threshold_whys`]) and those it is over ([`amount_whys`]).
#[allow(clippy::type_complexity)]
fn whys<'t>(
    thresholds: impl Iterator<Item = &'t Threshold>,
    tax_holds_duty: bool,
    why: fn(&Threshold) -> String,
) -> (Vec<(Vec<LevyKind>, String)>, Vec<String>) {
    let mut rules = Vec::new();
    let mut held = Vec::new();
    for t in thresholds {
        let mut kinds = Vec::new();
        if t.duty {
            kinds.extend([LevyKind::Duty, LevyKind::AdditionalDuty]);
            if !t.tax && tax_holds_duty {
                held.push(format!("the tax's base holds the duty that {} leaves unpriced", t.id));
            }
        }
        if t.tax {
            kinds.push(LevyKind::Tax);
        }
        rules.push((kinds, format!("{}: {}", t.id, why(t))));
    }
    (rules, held)
}

/// Why the value of goods for personal use is not priced, if it is not: its row is from a
/// secondary source, or the consignment has freight or insurance and the row does not settle
/// whether they join the value before or after the factor.
fn unsettled_personal_use(req: &QuoteRequest, p: &crate::rules::jp_small::PersonalUse) -> Option<String> {
    let fix = "business_buyer: true for goods not for personal use";
    if p.source.is_verify() {
        return Some(format!(
            "{}: goods for personal use are valued at {} of their price here, from a secondary source [verify] ({}): their duty and tax are not priced; a primary source for the row, or {fix}, would price them",
            p.source.row(),
            p.factor.normalize(),
            p.source.publisher
        ));
    }
    let carried = !req.shipping().is_zero() || !req.insurance().is_zero();
    (carried && p.freight == crate::rules::jp_small::PersonalFreight::Unsettled).then(|| {
        format!(
            "{}: goods for personal use are valued at {} of their price, but our sources do not settle whether freight and insurance join that value before or after the {}: the figures add them after it and are not priced; a consignment whose price includes delivery, or {fix}, is priced",
            p.source.row(),
            p.factor.normalize(),
            p.factor.normalize()
        )
    })
}

/// The personal-use factor, when the only reason the quote's duty and tax are not priced is that
/// our sources leave freight before or after it unsettled: the two readings then bound the figure.
pub(super) fn unsettled_freight_factor(ctx: &Ctx<'_>, relief: &Relief) -> Option<Decimal> {
    let p = ctx.personal_use.filter(|_| !ctx.freight_inside_factor)?;
    let sole = !ctx.j.source.is_verify() && relief.unverified.is_empty() && !p.source.is_verify();
    (sole && unsettled_personal_use(ctx.req, p).is_some()).then_some(p.factor)
}

/// Each levy the unsettled freight left without an amount keeps the lower of its two readings'
/// figures (freight after the factor, `figures`; freight inside it, `inside`) as its known lower
/// bound: the law is one of the two, so the quote is "at least" that much. A line whose levies
/// differ between the readings keeps none.
pub(super) fn keep_lower_bounds(
    lines: &mut [LineQuote],
    figures: &[Vec<Option<Decimal>>],
    inside: &[LineQuote],
    factor: Decimal,
) {
    for ((line, after), inside) in lines.iter_mut().zip(figures).zip(inside) {
        if line.levies.len() != inside.levies.len() {
            continue;
        }
        for ((levy, after), other) in line.levies.iter_mut().zip(after).zip(&inside.levies) {
            if levy.kind != other.kind || levy.amount.is_some() || levy.partial_amount.is_some() {
                continue;
            }
            let (Some(after), Some(other)) = (*after, other.amount.or(other.partial_amount)) else { continue };
            let bound = after.min(other);
            levy.partial_amount = Some(bound);
            levy.formula = format!(
                "{}; at least {} (the lower of the two readings: freight and insurance after the {} or inside it)",
                levy.formula,
                format_grouped(bound),
                factor.normalize()
            )
            .into();
        }
        if line.status == LineStatus::NotPriced && line.levies.iter().any(|l| l.partial_amount.is_some()) {
            line.status = LineStatus::Partial;
        }
    }
}

/// Why a destination's value basis is not priced.
fn unverified_basis(j: &Jurisdiction) -> String {
    format!(
        "{}: the value basis of {} (duty on {}, tax on {}) is from a secondary source [verify] ({}): its duty and tax are not priced; a primary source for the row (the law or the customs authority's page) would price them",
        j.source.row(),
        j.name,
        match j.duty_basis {
            DutyBasis::Cif => "the CIF value",
            DutyBasis::Fob => "the FOB value",
        },
        match j.tax_basis {
            TaxBasis::CifPlusDuty => "CIF + duty",
            TaxBasis::CustomsValuePlusDuty => "customs value + duty",
            TaxBasis::None => "nothing",
        },
        j.source.publisher
    )
}

/// Takes the amount off each levy on the line that one of the reasons covers (its figure stays in
/// the formula), adds the reasons, and marks the line partial (or not priced when nothing on it
/// is priced any more).
/// Unprices every levy when a customs exchange rate used is another month's than the law
/// prescribes (Implementing Regulation (EU) 2015/2447 art. 146(1): the rate of the penultimate
/// Wednesday "shall apply during the whole of the following month"; HMRC's monthly rates apply to
/// their month): the month's rate is not in the snapshot, so the figures are at a rate that is
/// not the law's, and neither a price nor a bound. Each keeps its figure in its formula with the
/// reason, which names the month and what fixes it (the caller's `fx`, or a snapshot with that
/// month's rates); levies at zero stay, save a relief: a levy relieved by a threshold (`rate`
/// `relieved`) was decided on a value converted at the stand-in rate, so its 0.00 is not priced
/// either (audit-m M8: GB on 2026-12-01, US$180 → £134.37 at November's rate, within the GBP 135
/// line). The caller's own charges (`tax_base_charges`) stay.
pub(super) fn unprice_substituted_fx(ctx: &Ctx<'_>, lines: &mut [LineQuote], levies: &mut [Levy]) {
    if ctx.fx_substituted.is_empty() {
        return;
    }
    let why = format!(
        "{}: the figures are at another month's rate than the law prescribes, so they are not priced",
        ctx.fx_substituted.join("; ")
    );
    let relief_why = format!("{}: {RELIEF_AT_STAND_IN}", ctx.fx_substituted.join("; "));
    const ALL: [LevyKind; 5] =
        [LevyKind::Duty, LevyKind::AdditionalDuty, LevyKind::Tax, LevyKind::Excise, LevyKind::Fee];
    for line in lines.iter_mut() {
        unprice_levies(line, &[(&ALL, why.as_str())]);
        unprice_relieved(line, &relief_why, RELIEF_AT_STAND_IN, RELIEVED_AT_STAND_IN, &ALL_KINDS);
    }
    for levy in levies.iter_mut().filter(|l| !l.source.is_request()) {
        if unprice_relief(levy, &relief_why, RELIEVED_AT_STAND_IN) {
            continue;
        }
        if let Some(figure) = levy.amount.or(levy.partial_amount).filter(|a| !a.is_zero()) {
            levy.formula = format!("{} — not priced ({}): {why}", levy.formula, format_grouped(figure)).into();
            levy.amount = None;
            levy.partial_amount = None;
            levy.not_priced = true;
        }
    }
}

/// Why a relief decided on a value converted at a stand-in rate is not priced.
const RELIEF_AT_STAND_IN: &str =
    "the relief was decided on a value converted at that stand-in rate, so it is not priced";
/// How a levy relieved on a value converted at a stand-in rate says so.
const RELIEVED_AT_STAND_IN: &str = "relieved at the stand-in exchange rate only";
/// Why a relief decided on a value from a secondary source is not priced.
const RELIEF_ON_VALUE: &str = "the relief was decided on that value, so it is not priced";
/// How a levy relieved on a value from a secondary source says so.
const RELIEVED_ON_VALUE: &str = "relieved on a value from a secondary source only";

/// Every kind of levy.
const ALL_KINDS: [LevyKind; 5] =
    [LevyKind::Duty, LevyKind::AdditionalDuty, LevyKind::Tax, LevyKind::Excise, LevyKind::Fee];
/// How a levy relieved on one value basis only says so.
const RELIEVED_ON_ONE_BASIS: &str = "relieved on one of the two value bases only";
/// The end of the reason a relief the value bases decide differently gives.
const NEITHER_PRICED: &str = "so neither is priced";

/// The levies of line `i` a relief on the customs value would relieve, where FOB and CIF decide
/// it differently and the destination's value basis is unverified: relieved, their 0.00 is not
/// priced; due, their figures (already unpriced with the value basis) say the other outcome. The
/// line names both (`thresholds::basis_unsettled`; docs/rules.md#not-priced).
fn unprice_basis_unsettled(ctx: &Ctx<'_>, relief: &Relief, i: usize, line: &mut LineQuote) {
    let this = relief.for_line(i);
    for (t, why) in &relief.basis_unsettled {
        let mut kinds: Vec<LevyKind> = Vec::new();
        let mut due: Vec<LevyKind> = Vec::new();
        for (row, on, levies) in [
            (this.duty, t.duty, &[LevyKind::Duty, LevyKind::AdditionalDuty][..]),
            (this.tax, t.tax, &[LevyKind::Tax][..]),
            (this.fees, t.fees, &[LevyKind::Fee][..]),
        ] {
            match row.is_some_and(|r| std::ptr::eq(r, *t)) {
                true => kinds.extend_from_slice(levies),
                false if on => due.extend_from_slice(levies),
                false => {}
            }
        }
        if !kinds.is_empty() {
            unprice_relieved(line, why, NEITHER_PRICED, RELIEVED_ON_ONE_BASIS, &kinds);
        } else if super::thresholds::line_bar(ctx, t, &ctx.req.lines[i]).is_none() {
            unprice_levies(line, &[(&due, why.as_str())]);
        }
    }
}

/// A levy relieved at zero by a threshold (`rate` `relieved`) loses its amount, its formula
/// saying how it is relieved (`how`: at the stand-in rate only) and why; true when it was one.
fn unprice_relief(levy: &mut Levy, why: &str, how: &str) -> bool {
    if levy.rate.as_str() != "relieved" || !levy.amount.is_some_and(|a| a.is_zero()) {
        return false;
    }
    levy.formula = format!("{} — {how}: {why}", levy.formula).into();
    levy.amount = None;
    levy.partial_amount = None;
    levy.not_priced = true;
    true
}

/// [`unprice_relief`] on each of the line's levies (after [`unprice_levies`], which leaves levies
/// at zero alone); the line gets `why` (which ends in `tail`) once, without repeating what its
/// reason already names (the stand-in rate, the row of the value), and is partial (or not priced
/// when nothing on it is priced any more).
fn unprice_relieved(line: &mut LineQuote, why: &str, tail: &str, how: &str, kinds: &[LevyKind]) {
    let mut any = false;
    for levy in line.levies.iter_mut().filter(|l| kinds.contains(&l.kind)) {
        any |= unprice_relief(levy, why, how);
    }
    if !any {
        return;
    }
    let named = why.trim_end_matches(tail).trim_end_matches("; ").trim_end_matches(": ");
    line.reason = Some(match line.reason.take() {
        Some(r) if r.contains(named) => format!("{r}; {tail}"),
        Some(r) => format!("{r}; {why}"),
        None => why.to_string(),
    });
    let priced = line.levies.iter().any(|l| l.amount.is_some() || l.partial_amount.is_some());
    line.status = if priced { LineStatus::Partial } else { LineStatus::NotPriced };
}

pub(super) fn unprice_levies(line: &mut LineQuote, whys: &[(&[LevyKind], &str)]) {
    let mut used: Vec<&str> = Vec::new();
    for levy in line.levies.iter_mut() {
        let reasons: Vec<&str> = whys.iter().filter(|(kinds, _)| kinds.contains(&levy.kind)).map(|(_, w)| *w).collect();
        if reasons.is_empty() {
            continue;
        }
        levy.formula = match levy.amount.or(levy.partial_amount) {
            // A levy at zero is zero whether or not the row holds (a Free book under a relief
            // from a secondary source): nothing to unprice.
            Some(figure) if figure.is_zero() => continue,
            // A lower bound the rows unprice is no bound under them (audit-x X7: a Canadian gift
            // of CAD 60.01, "13% × 60.01 = at least 7.80 — not priced (7.80)", where the row
            // taxes only the excess over CAD 60).
            Some(figure) if levy.amount.is_none() => format!(
                "{} — not priced, {} no longer a lower bound: {}",
                levy.formula,
                format_grouped(figure),
                reasons.join("; ")
            ),
            Some(figure) => {
                format!("{} — not priced ({}): {}", levy.formula, format_grouped(figure), reasons.join("; "))
            }
            // Already unpriced for an unverified rate (taxes): the other reasons are added.
            None if levy.not_priced => format!("{}; {}", levy.formula, reasons.join("; ")),
            None => continue,
        }
        .into();
        levy.amount = None;
        levy.partial_amount = None;
        levy.not_priced = true;
        used.extend(reasons.iter().filter(|w| !used.contains(w)).collect::<Vec<_>>());
    }
    if used.is_empty() {
        return;
    }
    let why = used.join("; ");
    line.reason = Some(match line.reason.take() {
        Some(r) => format!("{r}; {why}"),
        None => why,
    });
    let priced = line.levies.iter().any(|l| l.amount.is_some() || l.partial_amount.is_some());
    line.status = if priced { LineStatus::Partial } else { LineStatus::NotPriced };
}

#[cfg(test)]
mod tests {
    use super::super::testing::{context, levy, line_quote, request};
    use super::*;
    use crate::provenance::Confidence;
    use crate::rules::jp_small::{PersonalFreight, PersonalUse};
    use rust_decimal_macros::dec;

    /// Customs Tariff Act art. 4-6(2) values goods for personal use at 0.6 of their price, and
    /// the ¥10,000 relief (art. 14 item 18) is decided on that value: ¥15,000 × 0.6 = ¥9,000.
    /// Were the personal-use row from a secondary source (`verify`), the relief's 0.00 would rest
    /// on it: the relieved duty and tax are not priced, the line says why (it stayed priced, a
    /// complete 0.00; fix-cc, docs/rules.md §18). A levy at zero by its rate (Free) stays.
    #[test]
    fn a_relief_decided_on_a_verify_personal_use_value_is_not_priced() {
        let req = request(
            r#"{"destination":"JP","date":"2026-11-27","currency":"JPY","lines":[{"id":"l","code":"6204.62","quantity":"1","unit_price":"15000"}]}"#,
        );
        let mut ctx = context(&req);
        let row: &'static PersonalUse = Box::leak(Box::new(PersonalUse {
            id: "jp-personal-use",
            country: "JP",
            factor: dec!(0.6),
            freight: PersonalFreight::After,
            exclude_codes: Vec::new(),
            valid_from: None,
            valid_to: None,
            assumption: "",
            source: Provenance::rule(
                "jp_personal_use.tsv",
                "jp-personal-use",
                "a secondary source",
                Confidence::Verify,
            ),
        }));
        ctx.personal_use = Some(row);
        ctx.freight_inside_factor = false;
        let relieved = |kind| Levy { rate: "relieved".into(), ..levy(kind, "relieved", dec!(0)) };
        let free = Levy { rate: "Free".into(), ..levy(LevyKind::Duty, "free", dec!(0)) };
        let mut lines =
            vec![line_quote(dec!(15000), dec!(9000), vec![relieved(LevyKind::Duty), relieved(LevyKind::Tax), free])];
        unprice_unverified(&mut ctx, &Relief::default(), &mut lines);
        let l = &lines[0];
        for v in &l.levies[..2] {
            assert_eq!((v.amount, v.partial_amount, v.not_priced), (None, None, true), "{}", v.formula);
            assert!(v.formula.as_str().contains("relieved on a value from a secondary source only"), "{}", v.formula);
        }
        assert_eq!(l.levies[2].amount, Some(dec!(0)));
        assert_eq!(l.status, LineStatus::Partial);
        let reason = l.reason.as_deref().unwrap_or("");
        assert!(reason.contains("jp_personal_use.tsv#jp-personal-use") && reason.contains(RELIEF_ON_VALUE), "{reason}");
    }

    /// An official copy of Mexico's `mx-tmec-courier-50` (50 on the customs value, duty and tax),
    /// as if its text were read, and a courier request.
    fn mx_official_relief(price: &str) -> (QuoteRequest, &'static Threshold) {
        let req = request(&format!(
            r#"{{"destination":"MX","date":"2026-03-02","currency":"USD","channel":"courier","origin":"US","ship_from":"US","shipping":"20","lines":[{{"id":"l","code":"6109.10","quantity":"1","unit_price":"{price}","duty_rate":"10%"}}]}}"#
        ));
        let ctx = context(&req);
        let row = ctx.day.thresholds.iter().find(|t| t.id == "mx-tmec-courier-50").expect("mx-tmec-courier-50");
        let source = Provenance { confidence: Confidence::Official, ..row.source.clone() };
        // Its US$50 as MXN 50, so the test's values (in the customs currency, MXN) need no rate.
        let row: &'static Threshold =
            Box::leak(Box::new(Threshold { source, currency: ctx.j.currency, ..(*row).clone() }));
        (req, row)
    }

    /// fix-cc's leftover (docs/rules.md#not-priced): Mexico's value basis (jurisdictions.tsv#MX,
    /// CIF, Ley Aduanera art. 64-65) is `verify`, so a relief on the customs value could be decided
    /// on FOB as well. A FOB-basis destination within US$50 on FOB (40.00) but over it on CIF
    /// (60.00): the relieved duty and tax lose their 0.00, the line is partial and names both
    /// outcomes. Where both bases decide alike (FOB 20.00, CIF 40.00) nothing is unsettled.
    #[test]
    fn a_relief_the_fob_and_cif_values_decide_differently_is_not_priced_under_a_verify_basis() {
        let (req, row) = mx_official_relief("40.00");
        let mut ctx = context(&req);
        let fob = Jurisdiction { duty_basis: DutyBasis::Fob, ..ctx.j.clone() };
        ctx.j = Box::leak(Box::new(fob));
        let lines = [super::super::testing::values(dec!(40.00), dec!(20.00), dec!(0))];
        let cv = super::super::thresholds::consignment_values(&ctx, &lines);
        assert_eq!((cv.customs, cv.other_basis), (dec!(40.00), Some(dec!(60.00))));
        let why = super::super::thresholds::basis_unsettled(&mut ctx, row, &cv, true).unwrap().expect("unsettled");
        assert!(why.contains("on the FOB value 40.00 MXN (at most 50 MXN): relieved"), "{why}");
        assert!(why.contains("on the CIF value 60.00 MXN (at most 50 MXN): due"), "{why}");
        let relief = Relief { duty: Some(row), tax: Some(row), basis_unsettled: vec![(row, why)], ..Relief::default() };
        let relieved = |kind| Levy { rate: "relieved".into(), ..levy(kind, "relieved", dec!(0)) };
        let mut out = [line_quote(dec!(40), dec!(40), vec![relieved(LevyKind::Duty), relieved(LevyKind::Tax)])];
        unprice_basis_unsettled(&ctx, &relief, 0, &mut out[0]);
        let l = &out[0];
        for v in &l.levies {
            assert_eq!((v.amount, v.partial_amount, v.not_priced), (None, None, true), "{}", v.formula);
            assert!(v.formula.as_str().contains(RELIEVED_ON_ONE_BASIS), "{}", v.formula);
        }
        assert_ne!(l.status, LineStatus::Priced);
        assert!(l
            .reason
            .as_deref()
            .unwrap_or("")
            .contains("mx-tmec-courier-50: whether it relieves the duty and tax is unsettled"));

        // Both bases within (FOB 20.00, CIF 40.00), or both over: nothing changes.
        let (req, row) = mx_official_relief("20.00");
        let mut ctx = context(&req);
        let lines = [super::super::testing::values(dec!(20.00), dec!(20.00), dec!(0))];
        let cv = super::super::thresholds::consignment_values(&ctx, &lines);
        assert_eq!((cv.customs, cv.other_basis), (dec!(40.00), Some(dec!(20.00))));
        assert_eq!(super::super::thresholds::basis_unsettled(&mut ctx, row, &cv, true).unwrap(), None);
        let lines = [super::super::testing::values(dec!(60.00), dec!(20.00), dec!(0))];
        let cv = super::super::thresholds::consignment_values(&ctx, &lines);
        assert_eq!(super::super::thresholds::basis_unsettled(&mut ctx, row, &cv, false).unwrap(), None);
    }

    /// The same relief in Mexico as it is (CIF): a consignment over US$50 on CIF (60.00) and within
    /// on FOB (40.00) is not relieved; its duty and tax, unpriced with the value basis, name the
    /// FOB outcome too. On a verified basis (GB) no other basis is worked out.
    #[test]
    fn a_relief_over_on_cif_and_within_on_fob_names_both_outcomes() {
        let (req, row) = mx_official_relief("40.00");
        let mut ctx = context(&req);
        let lines = [super::super::testing::values(dec!(40.00), dec!(20.00), dec!(0))];
        let cv = super::super::thresholds::consignment_values(&ctx, &lines);
        let why = super::super::thresholds::basis_unsettled(&mut ctx, row, &cv, false).unwrap().expect("unsettled");
        assert!(why.contains("on the CIF value 60.00 MXN (at most 50 MXN): due, on the FOB value 40.00 MXN (at most 50 MXN): relieved"), "{why}");
        let relief = Relief { basis_unsettled: vec![(row, why)], ..Relief::default() };
        let mut duty = levy(LevyKind::Duty, "duty", dec!(6));
        (duty.amount, duty.not_priced) = (None, true);
        let mut out = [line_quote(dec!(40), dec!(60), vec![duty])];
        unprice_basis_unsettled(&ctx, &relief, 0, &mut out[0]);
        assert!(out[0].reason.as_deref().unwrap_or("").contains("on the FOB value 40.00 MXN"), "{:?}", out[0].reason);

        let req = request(
            r#"{"destination":"GB","date":"2026-03-02","currency":"GBP","lines":[{"id":"l","code":"6109.10","quantity":"1","unit_price":"40"}]}"#,
        );
        let ctx = context(&req);
        let lines = [super::super::testing::values(dec!(40.00), dec!(20.00), dec!(0))];
        assert_eq!(super::super::thresholds::consignment_values(&ctx, &lines).other_basis, None);
    }
}
