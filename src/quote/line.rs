//! One line through the stages: duty source → duties → taxes, with a range over the national lines
//! of a partial code.

use super::*;
use crate::money::DecimalSum;

/// Everything computed for one line with one duty rate.
#[derive(Default)]
pub(super) struct Priced {
    pub(super) levies: Vec<Levy>,
    /// Why the line is not fully priced: rendered and joined into [`LineQuote::reason`] once
    /// the line is priced (a reason many lines share is typed, as [`Note`]'s parts).
    pub(super) reasons: Vec<Note>,
    pub(super) missing: Vec<Unpriced>,
    pub(super) excluded: Vec<Excluded>,
    pub(super) alternatives: Vec<Alternative>,
    pub(super) claim: Option<Box<ClaimApplied>>,
    pub(super) total: Decimal,
    /// A layer charged on the metal content read the line's `metal_content_value`.
    pub(super) metal_used: bool,
    /// An excise whose rate rows differ by a car's fuel consumption chose its row by the line's
    /// `fuel_l_per_100km` (`excise::pick`).
    pub(super) fuel_read: bool,
    /// The line's `components` (by index, in key order: [`component_values`]) a duty evaluated
    /// for it read, as the evaluator reports them.
    pub(super) components_read: crate::duty::ComponentsRead,
    /// What keeps the VAT/GST base from being known, when something does: a duty, or (the
    /// duties priced) an excise.
    pub(super) base_gap: Option<super::explain::BaseGap>,
    /// The line's customs duty (its own rate's evaluation: not a claim's general rate, not a
    /// caller's extra duty) rounded a weight charged per 100 kg ([`assumptions::note_weight_rounding`]).
    pub(super) duty_weight_rounded: bool,
}

impl Priced {
    /// Room for a duty, a tax and an excise or a remedy (a wine line: duty, excise, VAT), in one
    /// allocation never regrown on a common line (three 336-byte levies are within the
    /// allocator's per-thread cache). Made with its capacity: reserving it in an empty list went
    /// through the list's growth path on every line.
    fn with_levies() -> Priced {
        Priced { levies: Vec::with_capacity(3), ..Priced::default() }
    }

    /// Adds a reason the line is not fully priced (a text, or a typed [`Note`]).
    pub(super) fn push_reason(&mut self, reason: impl Into<Note>) {
        self.reasons.push(reason.into());
    }
}

pub(super) fn price_line(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    code: &HsCode,
    v: &LineValues,
    relief: &Relief,
    flat_share: Option<FlatShare>,
    out: &mut Vec<LineQuote>,
) -> Result<Option<Decimal>> {
    let customs_value = match ctx.j.duty_basis {
        DutyBasis::Cif => v.cif(),
        DutyBasis::Fob => v.customs_goods,
    };
    let origin = line.origin.as_deref().or(ctx.req.origin.as_deref()).map(str::to_ascii_uppercase);
    let mut quantities = Quantities::new();
    super::duty_source::fill_line_quantities(line, &mut quantities)
        .map_err(|e| e.within(&format!("lines[{}]", super::inputs::line_index(ctx, line))))?;
    let claim = line_claim(ctx, line, code, origin.as_deref())?;
    if !line.extra_duties.is_empty() {
        super::answers::check_answers(ctx, line, code, super::inputs::line_index(ctx, line))?;
    }

    // The cheapest variant is kept whole (the line is priced at it); of the dearest (the last of
    // equals), only its code and total. Each source is read in place, and the first priced into
    // the line's own place (a source and its pricing are large: each move is a copy).
    // A relief (or the flat duty per line) reads no tariff rate: the code is checked on its own.
    let relieved =
        ctx.movement.is_none() && (relief.duty.is_some() || (flat_share.is_some() && relief.flat_duty.is_some()));
    let mut sources = Several::new();
    duty_sources(ctx, line, code, relief, flat_share, claim, &mut sources);
    // The flat duty per tariff line beside the tariff's duty: two readings of the law, not
    // tariff lines (`duty_sources`).
    let readings = match sources.iter().next() {
        Some(DutySource::FlatPerLine { threshold, .. }) if sources.len() > 1 => {
            super::duty_source::flat_duty_unsettled(ctx, threshold, line).map(|(r, p)| (*threshold, r, p))
        }
        _ => None,
    };
    let mut sources = sources.iter_mut();
    let Some(first) = sources.next() else {
        return Err(Error::new(ErrorCode::Internal, "code", "no duty source for the line"));
    };
    let line_origin = origin.as_deref();
    let mut p = Priced::with_levies();
    price_with(ctx, line, code, v, customs_value, line_origin, &quantities, relief, first, &mut p);
    let mut matched_code = take_matched_code(first, &mut p);
    // The variants (tariff lines of a partial code) whose duty could not be priced: a lower bound
    // of theirs ranks below every priced line, so they are named (audit-q Q6).
    let mut unpriced: Vec<(Option<HsCode>, String)> = Vec::new();
    note_unpriced(&matched_code, &p, &mut unpriced);
    let mut count = 1usize;
    // `dearest` stays `None` while the cheapest is also the dearest (a single variant).
    let mut dearest: Option<(Option<HsCode>, Decimal)> = None;
    for source in sources {
        let mut q = Priced::with_levies();
        price_with(ctx, line, code, v, customs_value, line_origin, &quantities, relief, source, &mut q);
        let matched = take_matched_code(source, &mut q);
        note_unpriced(&matched, &q, &mut unpriced);
        count += 1;
        // An input read by any variant's duty is used (the range names each variant's levies).
        q.components_read.extend(&p.components_read);
        p.components_read.extend(&q.components_read);
        q.fuel_read |= p.fuel_read;
        p.fuel_read = q.fuel_read;
        if q.total < p.total {
            let old_code = std::mem::replace(&mut matched_code, matched);
            let old = std::mem::replace(&mut p, q);
            if dearest.is_none() {
                dearest = Some((old_code, old.total));
            }
        } else if q.total >= dearest.as_ref().map_or(p.total, |d| d.1) {
            dearest = Some((matched, q.total));
        }
    }
    if let Some((flat, replaced, prefix)) = readings {
        // The lower reading is priced, the line partial: at least that much is due either way.
        let other = dearest.take().map_or(p.total, |d| d.1);
        p.push_reason(format!(
            "whether {} (EUR 3 per tariff line, Council Regulation (EU) 2026/382 art. 2: \"instead of the relief eliminated\") reaches goods of HS {prefix}, which the relief it replaced never covered ({}: not for them), is not settled (the tariff's duty, or the flat duty in place of it): the line's levies come to {} {cur} under the lower reading, priced as a lower bound, and {} {cur} under the other",
            flat.id,
            replaced.id,
            format_grouped(p.total),
            format_grouped(other),
            cur = ctx.j.currency
        ));
    }
    let range = match dearest {
        Some((max_code, max_levies)) if count > 1 => Some(Box::new(Range {
            lines: count,
            min_code: matched_code.as_deref().unwrap_or_default().to_string(),
            min_levies: p.total,
            max_code: max_code.as_deref().unwrap_or_default().to_string(),
            max_levies,
        })),
        _ => None,
    };
    let extra = range.as_ref().map(|r| r.max_levies - r.min_levies).unwrap_or_default();
    if let Some(r) = &range {
        // A variant priced without a tariff line of its own (a relief, a flat or simplified
        // rate) has no code to name; variants that come to the same levies do not "range"
        // (audit-g G7: "levies range from 4,787 () to 4,787 ()").
        let cur = ctx.j.currency;
        let named = |amount: Decimal, line: &str| match line {
            "" => format!("{} {cur}", format_grouped(amount)),
            _ => format!("{} {cur} ({line})", format_grouped(amount)),
        };
        if r.min_levies != r.max_levies {
            // Levies of the line not priced (an excise with no rate, a tax's lower bound) are in
            // neither figure: both are lower bounds then (audit-nn NN1).
            let besides = match p.levies.iter().any(|l| l.amount.is_none()) {
                true => " before the levies not priced",
                false => "",
            };
            p.push_reason(format!(
                "code {code} covers tariff lines of {} different duties: levies range from {} to {}{besides}; give the full code",
                r.lines,
                named(r.min_levies, &r.min_code),
                named(r.max_levies, &r.max_code)
            ));
        } else if unpriced.is_empty() {
            // (With lines not priced, their reason below says what the range lacks: the priced
            // lines' agreeing is no "same levies".)
            p.push_reason(format!(
                "code {code} covers tariff lines of {} different duties, which come to the same levies here ({} {cur}); give the full code to name the line",
                r.lines,
                format_grouped(r.min_levies)
            ));
        }
    }
    if count > 1 && readings.is_none() && !unpriced.is_empty() {
        p.push_reason(unpriced_reason(ctx, code, &unpriced));
    }
    // One tariff line priced for a code of 8 digits or more (a shorter code ranges over its lines,
    // whose brackets differ: the range says so), at its own rate (not Japan's simplified tariff).
    if count == 1 && code.len() >= 8 && relief.simplified.is_none() {
        if let Some(matched) = &matched_code {
            super::brackets::check_value_bracket(ctx, line, matched, customs_value, &quantities, &mut p);
        }
    }
    super::inputs::check_line_inputs(ctx, line, code, v, &mut p)?;
    if relieved {
        super::known_code::check_code_under_relief(ctx, code, &mut p);
    } else if ctx.movement.is_none() && ctx.j.tariff.is_none() {
        super::known_code::check_code_without_tariff(ctx, code, &mut p);
    }
    if p.duty_weight_rounded {
        ctx.weight_rounded_lines.push(out.len());
    }
    if let Some(why) = super::thresholds::excluded_goods_unsettled(relief, line) {
        p.push_reason(why);
    }
    let priced = p.levies.iter().filter(|l| l.amount.is_some() || l.partial_amount.is_some()).count();
    let status = if p.reasons.is_empty() {
        LineStatus::Priced
    } else if priced > 0 {
        LineStatus::Partial
    } else {
        LineStatus::NotPriced
    };
    out.push(LineQuote {
        id: LineId::from(line.id.as_str()),
        status,
        // A single reason is the line's reason as it is (joining one copies it).
        reason: match p.reasons.len() {
            0 | 1 => p.reasons.pop().map(Note::into_string),
            _ => Some(Note::join(&p.reasons)),
        },
        missing: p.missing,
        code: code.clone(),
        matched_code: if range.is_some() { None } else { matched_code },
        origin,
        goods_value: v.goods,
        shipping: v.shipping,
        insurance: v.insurance,
        customs_value,
        levies: p.levies,
        excluded: p.excluded,
        alternatives: p.alternatives,
        claim: p.claim,
        range,
    });
    // A tariff line whose duty is not priced has no top: nor has the line (audit-ff FF9).
    Ok(unpriced.is_empty().then_some(extra))
}

/// Notes a variant whose duty has no amount (a rate that is not one, a quantity not given): its
/// matched code, or for a rate several lines share, the rate's text.
fn note_unpriced(matched: &Option<HsCode>, p: &Priced, out: &mut Vec<(Option<HsCode>, String)>) {
    if let Some(duty) = p.levies.iter().find(|l| l.kind == LevyKind::Duty && l.amount.is_none()) {
        out.push((matched.clone(), duty.rate.as_str().to_string()));
    }
}

/// Most lines [`unpriced_reason`] names.
const MAX_NAMED: usize = 12;

/// The reason a partial code whose lines include some that cannot be priced is partial: which
/// lines, why, and what settles it (audit-q Q6: `6403.99` was priced at its quota line, its
/// unranked lines unnamed). A line sharing its rate with others is found again by that rate.
fn unpriced_reason(ctx: &Ctx<'_>, code: &HsCode, unpriced: &[(Option<HsCode>, String)]) -> String {
    let found = ctx.j.tariff.and_then(|t| ctx.tariff_memo.find(ctx.snapshot, t, code, ctx.req.date).ok());
    let mut lines: Vec<String> = Vec::new();
    let mut texts: Vec<&str> = Vec::new();
    for (matched, text) in unpriced {
        if !text.is_empty() && !texts.contains(&text.as_str()) {
            texts.push(text);
        }
        match matched {
            Some(m) => lines.push(m.to_string()),
            None => {
                let rows = found.iter().flat_map(|f| f.lines.iter()).filter(|l| !text.is_empty() && l.row.mfn == text);
                let before = lines.len();
                lines.extend(rows.map(|l| l.row.code().to_string()));
                if lines.len() == before {
                    lines.push(format!("those at \"{text}\""));
                }
            }
        }
    }
    // Through `crate::sort` (equal texts are identical, so the unstable order is the stable one):
    // `Vec::sort` was a second copy of the standard sort in the browser module.
    crate::sort::sort_unstable(&mut lines);
    lines.dedup();
    let count = lines.len();
    // A wine heading of the EU's tariff has some 150 such lines: the first named, the rest counted
    // (`landed rate` names every unranked line).
    if count > MAX_NAMED {
        lines.truncate(MAX_NAMED);
        lines.push(format!("and {} more", count - MAX_NAMED));
    }
    let texts = texts.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(", ");
    format!(
        "the duty of {} {} under code {code} cannot be priced ({texts}): the levies shown are a lower bound, and {} may come to more than the range's top; give the full code",
        if count == 1 { "line" } else { "lines" },
        lines.join(", "),
        if count == 1 { "that line" } else { "those lines" },
    )
}

/// The tariff line a source matched (taken: the source is not read again); a source without a
/// rate gives its reason to the line first.
fn take_matched_code(source: &mut DutySource, p: &mut Priced) -> Option<HsCode> {
    match source {
        DutySource::None(reason) | DutySource::UnknownCode(reason) => {
            p.reasons.insert(0, Note::from(std::mem::take(reason)));
            None
        }
        DutySource::Rate(rate) => rate.matched_code.take(),
        DutySource::Relieved(_) | DutySource::FlatPerLine { .. } | DutySource::NoBorder(_) => None,
    }
}

/// Duty, additional duties and tax of a line with one duty rate (or a relief / flat share).
#[allow(clippy::too_many_arguments)]
pub(super) fn price_with(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    code: &HsCode,
    v: &LineValues,
    customs_value: Decimal,
    origin: Option<&str>,
    quantities: &Quantities,
    relief: &Relief,
    source: &mut DutySource,
    p: &mut Priced,
) {
    let cur = ctx.j.currency;
    // Made where it is used (a few copies of three amounts), not cloned from one (a `Parts`
    // clone goes through its every variant).
    let duty_basis = ctx.j.duty_basis;
    let basis_note = || match duty_basis {
        DutyBasis::Cif => Parts::Cif { goods: v.customs_goods, shipping: v.shipping, insurance: v.insurance },
        DutyBasis::Fob => Parts::Fob { goods: v.customs_goods },
    };
    // Without any duty rate, nothing that depends on duty is final.
    let mut duty_known = !matches!(*source, DutySource::None(_) | DutySource::UnknownCode(_));
    let unknown_code = matches!(*source, DutySource::UnknownCode(_));
    let mut duty_total = Decimal::ZERO;
    // The column 1 duty, for the all-in (15 %) layers.
    let mut column1_duty: Option<Decimal> = None;
    // The tariff's general rate is Free (unclaimed): a programme may still spare the goods an
    // additional duty, offered below (audit-ee M1).
    let mut general_free = false;

    if let DutySource::NoBorder(m) = source {
        p.levies.push(no_border_duty(ctx, m, line, customs_value, basis_note()));
    } else if let DutySource::Relieved(t) = source {
        let base = (customs_value, Note::new(basis_note()));
        p.levies.push(Levy::relieved(LevyKind::Duty, "Customs duty".into(), base, t, ctx.round(Decimal::ZERO)));
        let (charged, known) = duties_under_relief(ctx, line, t, customs_value, quantities, p);
        crate::money::add_to(&mut duty_total, charged);
        duty_known &= known;
    } else if let DutySource::FlatPerLine { threshold: t, share, note, unsettled } = source {
        let share = *share;
        // A share of an unknown count of subheadings is a lower bound (audit-cc CC13).
        let (amount, partial_amount) = match unsettled {
            Some(why) => {
                p.push_reason(why.clone());
                (None, Some(share))
            }
            None => (Some(share), None),
        };
        duty_known &= unsettled.is_none();
        p.levies.push(Levy {
            kind: LevyKind::Duty,
            name: "Flat customs duty per tariff line (low-value consignment)".into(),
            base: customs_value,
            base_note: Note::new(basis_note()),
            rate: format!("{} {} per tariff line", t.flat_amount.unwrap_or_default(), t.currency).into(),
            amount,
            partial_amount,
            formula: format!("{note} = {}", format_grouped(share)).into(),
            source: (&t.source).into(),
            not_priced: false,
        });
        crate::money::add_to(&mut duty_total, share);
        let (charged, known) = duties_under_relief(ctx, line, t, customs_value, quantities, p);
        crate::money::add_to(&mut duty_total, charged);
        duty_known &= known;
    } else if let DutySource::Rate(rate) = source {
        let mut fx_rates: Vec<(Currency, Decimal)> = Vec::new();
        for c in foreign_currencies(&rate.expr, cur) {
            if let Some(r) = ctx.rate(c, cur) {
                fx_rates.push((c, r));
            }
        }
        let components = component_values(ctx, line);
        let duty_value = ctx.step(RoundingTarget::DutyBase, customs_value);
        let input = DutyInput {
            value: duty_value,
            currency: cur,
            quantities,
            components: &components,
            date: Some(ctx.req.date),
            fx: &fx_rates,
            base_duty: None,
            rounding: ctx.req.rounding,
            weight_per_100kg: ctx.rounding[RoundingTarget::WeightPer100Kg as usize]
                .map(|r| r as &'static dyn crate::duty::WeightRounding),
        };
        // A tariff rate's formula is rendered when read; a caller's or band's rate at once.
        let lazy = match &rate.expr {
            Expr::Tariff(expr) if rate.deduction.is_none() => Some(*expr),
            _ => None,
        };
        general_free = rate.claim.is_none() && lazy.is_some_and(super::claims::free_general);
        let mut r = match lazy {
            Some(expr) => expr.evaluate_amount(&input),
            None => rate.expr.evaluate(&input),
        };
        p.components_read.extend(&r.components_read);
        p.duty_weight_rounded |= r.components_read.weight_rounded();
        if !r.priceable {
            duty_known = false;
            p.reasons.extend(r.unpriced.iter().map(|u| Note::from(u.message())));
            p.missing.extend(r.unpriced.iter().cloned());
        }
        // The evaluation rounded the duty as the request's policy does per line: where that is
        // the line's rounding (no duty or line rule of the destination's, per-line scope), it is
        // reused.
        let per_line = ctx.rounding[RoundingTarget::DutyAmount as usize].is_none()
            && ctx.rounding[RoundingTarget::LineAmount as usize].is_none()
            && ctx.req.rounding.scope == crate::money::RoundingScope::PerLine;
        let mut amount = match per_line {
            true => r.amount,
            false => r.exact.map(|e| ctx.round_duty(e)),
        };
        let mut formula = match lazy {
            Some(expr) => Note::new(Parts::duty(expr, &input, &r.components_read)),
            None => Note::from(std::mem::take(&mut r.formula)),
        };
        if let Some(n) = ctx.duty_rounding_note(r.exact, amount) {
            formula = format!("{formula}{n}").into();
        }
        if let (Some(d), Some(a)) = (&rate.deduction, amount) {
            let (less, note) = &**d;
            // Floored at nought, written to the amount's cents (0.00, not 0).
            amount = Some((a - less).max(Decimal::new(0, a.scale())));
            formula = format!("{formula}, {note} = {}", format_grouped(amount.unwrap_or_default())).into();
        }
        column1_duty = amount;
        let base_note = if duty_value == customs_value {
            Note::new(basis_note())
        } else {
            Note::new(Parts::RoundedDown { basis: Box::new(basis_note()), rounded: duty_value })
        };
        // Pushed where it is built (a levy is 336 bytes: each move is a copy); a claim, rare,
        // takes it out to change it.
        p.levies.push(Levy {
            kind: LevyKind::Duty,
            // The rate's texts move into the levy (the rate is not read again).
            name: std::mem::take(&mut rate.name),
            base: duty_value,
            base_note,
            rate: Note::from(std::mem::take(&mut rate.text)),
            amount,
            partial_amount: r.partial_amount,
            formula,
            source: rate.source.to_levy_source(),
            not_priced: false,
        });
        // A duty charged on one component alone ("2.5% on repairs", 9802.00.50): its base is that
        // component's value, not the line's (audit-hh HH2).
        if let crate::duty::DutyExpr::AdValorem { on: Some(key), .. } = &*rate.expr {
            if let (Some((_, value)), Some(levy)) = (components.iter().find(|(k, _)| k == key), p.levies.last_mut()) {
                levy.base = *value;
                levy.base_note = Note::from(format!("component {key} {}", format_grouped(*value)));
            }
        }
        if let Some(c) = &rate.claim {
            if let Some(mut levy) = p.levies.pop() {
                apply_claim(ctx, line, origin, c, &input, &mut levy, p);
                duty_known &= levy.amount.is_some();
                p.levies.push(levy);
            }
        }
        let charged = p.levies.last().and_then(|l| l.amount.or(l.partial_amount));
        crate::money::add_to(&mut duty_total, charged.unwrap_or_default());
        let (extra, extra_known) = caller_duties(ctx, line, &input, p);
        crate::money::add_to(&mut duty_total, extra);
        duty_known &= extra_known;
        let general = match &p.claim {
            Some(c) => c.general_duty,
            None => amount,
        };
        if let (Some(o), Some(general)) = (origin, general) {
            preferences(ctx, rate.special, o, &input, general, rate.matched_code.as_ref(), p);
        }
    }

    // US additional duties (chapter 99 layers).
    let dutiable = relief.duty.is_none() && ctx.movement.is_none();
    // A code not in the tariff gets no layer: the lists name real codes, and one matched on a
    // prefix of an invalid code could be the wrong list (audit-k K6); the line's reason already
    // asks for a valid code.
    if ctx.j.additional_duties == AdditionalDuties::UsChapter99 && dutiable && !unknown_code {
        match origin {
            None => {
                duty_known = false;
                p.push_reason("give the country of origin (origin): US additional duties depend on it");
            }
            Some(o) => {
                let basis_note = basis_note();
                let layers = UsLine {
                    line,
                    code,
                    customs_value,
                    origin: o,
                    column1_duty,
                    basis_note: &basis_note,
                    rounding: ctx.req.rounding,
                    currency: cur,
                    claim: p.claim.as_ref().map(|c| c.program.clone()),
                };
                let mut charged = us_layers(ctx, &layers, p);
                duty_known &= charged.known;
                crate::money::add_to(&mut duty_total, charged.total);
                if general_free {
                    free_line_offers(ctx, o, &charged.waivable, p);
                }
                waived_savings(&charged.waivable, &mut p.alternatives);
                claim_waived(p, std::mem::take(&mut charged.claim_waived));
            }
        }
    }

    // Excise (alcohol, tobacco, cars…): the caller's figure, the data's rate, or listed unpriced.
    // One whose base holds the VAT/GST (Australia's luxury car tax) is charged after it.
    let duty_before_excise = (duty_total, duty_known);
    let mut after_tax = Vec::new();
    if ctx.movement.is_none() {
        let e = excise(ctx, line, code, v, customs_value, duty_total, duty_known, quantities, p);
        crate::money::add_to(&mut duty_total, e.in_vat_base);
        if duty_known && !e.known {
            p.base_gap = Some(super::explain::BaseGap::Excise);
        }
        duty_known &= e.known;
        after_tax = e.after_tax;
    }

    // Import VAT/GST.
    tax(ctx, line, code, v, customs_value, relief, duty_total, duty_known, p);
    if !after_tax.is_empty() {
        let (duty, known) = duty_before_excise;
        super::excise::excise_after_tax(ctx, line, v, customs_value, duty, known, after_tax, p);
    }
    p.total = p.levies.iter().map(|l| l.amount.or(l.partial_amount).unwrap_or_default()).decimal_sum();
}

/// The line's component values (given in the request currency) in the customs currency, each
/// converted and rounded as the goods value is, in the order of `line.components`' keys (the
/// indices of [`Priced::components_read`]).
pub(super) fn component_values(ctx: &mut Ctx<'_>, line: &LineRequest) -> Vec<(String, Decimal)> {
    if line.components.is_empty() {
        return Vec::new();
    }
    let (from, to) = (ctx.req.currency, ctx.j.currency);
    let rate = match from == to {
        true => None,
        // The quote has already converted the goods at this rate (it stops without one).
        false => ctx.rate(from, to),
    };
    // As the caller wrote it, at the currency's scale ("300" is shown as 300.00, audit-nn NN4).
    let dp = to.minor_units();
    let convert = |a: Decimal| match rate {
        Some(r) => ctx.round(a * r),
        None => crate::money::at_least_scale(a, dp),
    };
    line.components.iter().map(|(k, a)| (k.clone(), convert(*a))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_of_three_levies_stays_within_the_allocators_thread_cache() {
        // `price_with` reserves three levies per line: glibc serves blocks of up to 1,032 bytes
        // from its per-thread cache, so a levy must stay within a third of that.
        assert!(std::mem::size_of::<Levy>() * 3 <= 1032, "{}", std::mem::size_of::<Levy>());
        assert_eq!(std::mem::size_of::<crate::quote::LevySource>(), 16);
    }

    #[test]
    fn a_quotes_reserved_warnings_stay_within_the_allocators_thread_cache() {
        // `Ctx::new` reserves WARNINGS_RESERVED warnings: one block of glibc's per-thread cache
        // (at most 1,032 bytes), as the levies' is.
        let bytes = std::mem::size_of::<Warning>() * super::super::WARNINGS_RESERVED;
        assert!(bytes <= 1032, "{bytes}");
    }
}
