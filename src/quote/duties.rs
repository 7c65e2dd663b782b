//! Stage 4, duties: duties the caller adds, preference claims offered as alternatives, and the
//! currencies a duty expression needs.

use super::*;

/// Duties the caller adds to a line (safeguard, anti-dumping…), each on the customs value; the
/// caller's excise duties are charged by the excise stage ([`super::excise::excise`]). Without
/// one, the trade remedies the line may bear are listed unpriced ([`super::remedies`]).
/// Returns their total and whether all were priced.
pub(super) fn caller_duties(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    input: &DutyInput<'_>,
    p: &mut Priced,
) -> (Decimal, bool) {
    // Most lines give no duties of their own: nothing to charge, nothing to warn of.
    let (total, known) = match line.extra_duties.is_empty() {
        true => (Decimal::ZERO, true),
        false => {
            let charged = charge_caller_duties(ctx, line, ExtraDutyKind::Duty, input, p);
            ctx.warn(Detail::CallerDuties { line: line.id.clone(), count: line.extra_duties.len() });
            charged
        }
    };
    let remedies_known = trade_remedies(ctx, line, input.value, p);
    (total, known && remedies_known)
}

/// Charges the line's caller duties of `kind` on its customs value (with its quantities and
/// component values, no base duty): [`charge_caller_duties`] for a stage that has no
/// [`DutyInput`] of its own (excise, trade remedies under a relief).
pub(super) fn charge_caller_duties_on_value(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    kind: ExtraDutyKind,
    customs_value: Decimal,
    quantities: &Quantities,
    p: &mut Priced,
) -> (Decimal, bool) {
    let components = component_values(ctx, line);
    // A customs duty's weight per 100 kg is the law's (Zolltarifgesetz art. 2(3)); an excise
    // has its own law.
    let input = value_input(ctx, customs_value, quantities, &components, kind.is_customs());
    charge_caller_duties(ctx, line, kind, &input, p)
}

/// The [`DutyInput`] of a caller's entry on the line's customs value: its quantities and
/// component values, no base duty, no foreign rates; a weight charged per 100 kg rounded by the
/// destination's rule only when `customs_weight_rounding` (a customs duty: the law's rounding,
/// Zolltarifgesetz art. 2(3); an excise has its own law). One builder for the caller's duties
/// and excises.
pub(super) fn value_input<'a>(
    ctx: &Ctx<'_>,
    customs_value: Decimal,
    quantities: &'a Quantities,
    components: &'a [(String, Decimal)],
    customs_weight_rounding: bool,
) -> DutyInput<'a> {
    DutyInput {
        value: customs_value,
        currency: ctx.j.currency,
        quantities,
        components,
        date: Some(ctx.req.date),
        fx: &[],
        base_duty: None,
        rounding: ctx.req.rounding,
        weight_per_100kg: customs_weight_rounding
            .then(|| ctx.rounding[RoundingTarget::WeightPer100Kg as usize])
            .flatten()
            .map(|r| r as &'static dyn crate::duty::WeightRounding),
    }
}

/// Charges the line's caller duties of `kind` on `input`, each as a levy citing its place in the
/// request. Returns their total (lower bounds included) and whether all were priced.
pub(super) fn charge_caller_duties(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    kind: ExtraDutyKind,
    input: &DutyInput<'_>,
    p: &mut Priced,
) -> (Decimal, bool) {
    let mut total = Decimal::ZERO;
    let mut known = true;
    for (i, _) in line.extra_duties.iter().enumerate().filter(|(_, d)| d.kind.is_customs() == kind.is_customs()) {
        let (amount, partial, priced) = charge_caller_entry(ctx, line, i, input, "customs value".into(), p);
        known &= priced;
        crate::money::add_to(&mut total, amount.or(partial).unwrap_or_default());
    }
    (total, known)
}

/// Charges the caller's `line.extra_duties[i]` on `input` (its `value` the entry's base, said by
/// `base_note`) as one levy citing its place in the request. Returns its amount, its lower bound
/// when not priced, and whether it is priced.
pub(super) fn charge_caller_entry(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    i: usize,
    input: &DutyInput<'_>,
    base_note: Note,
    p: &mut Priced,
) -> (Option<Decimal>, Option<Decimal>, bool) {
    let d = &line.extra_duties[i];
    let expr = DutyExpr::parse_caller(&d.rate, ctx.j.currency);
    // A caller's duty may name a currency the line's own rate does not: its rate is added.
    let mut fx = input.fx.to_vec();
    for c in foreign_currencies(&expr, input.currency) {
        if !fx.iter().any(|(known, _)| *known == c) {
            if let Some(r) = ctx.rate(c, input.currency) {
                fx.push((c, r));
            }
        }
    }
    let input = DutyInput { fx: &fx, ..input.clone() };
    let r = expr.evaluate(&input);
    p.components_read.extend(&r.components_read);
    if !r.priceable {
        p.reasons.extend(r.unpriced.iter().map(|u| Note::from(format!("{}: {}", d.name, u.message()))));
        p.missing.extend(r.unpriced.iter().cloned());
    }
    let amount = r.exact.map(|e| ctx.round_line(e));
    p.levies.push(caller_levy(line, i, input.value, amount, r.partial_amount, r.formula.into(), base_note));
    (amount, r.partial_amount, r.priceable)
}

/// The levy of the caller's `line.extra_duties[i]` on `base`, citing its place in the request.
pub(super) fn caller_levy(
    line: &LineRequest,
    i: usize,
    base: Decimal,
    amount: Option<Decimal>,
    partial_amount: Option<Decimal>,
    formula: Note,
    base_note: Note,
) -> Levy {
    let d = &line.extra_duties[i];
    Levy {
        kind: match d.kind {
            ExtraDutyKind::Excise => LevyKind::Excise,
            _ => LevyKind::AdditionalDuty,
        },
        name: format!("{} (caller-supplied)", d.name).into(),
        base,
        base_note,
        rate: d.rate.clone().into(),
        amount,
        partial_amount,
        formula,
        source: Provenance::request(&format!("lines[{}].extra_duties[{i}]", line.id)).into(),
        not_priced: false,
    }
}

/// A caller's rate (`duty_rate`, `extra_duties[].rate`) with a `$`, `¢` or `cents` into a
/// destination whose customs currency is not a dollar says neither the US's nor another's:
/// `E_DUTY_EXPRESSION` naming the field, asking for the ISO code (audit-j J1: read as US dollars,
/// an Australian rate copied from its tariff was priced 42 % too high). Into a dollar's country
/// the sign is its own ([`DutyExpr::parse_caller`]).
pub(super) fn check_dollar_signs(req: &QuoteRequest, customs: Currency) -> Result<()> {
    for (i, line) in req.lines.iter().enumerate() {
        let extras = line.extra_duties.iter().enumerate().map(|(k, d)| (format!("extra_duties[{k}].rate"), &d.rate));
        for (field, rate) in line.duty_rate.iter().map(|r| ("duty_rate".to_string(), r)).chain(extras) {
            if crate::duty::dollar_unsaid(rate, customs) {
                let message = format!(
                    "{rate:?} writes a dollar sign or cents, but the customs currency of {} is {customs}: which dollar is not said; write the currency's ISO code after the amount (e.g. \"1.20 USD/kg\", cents as \"0.012 USD/kg\"), or US$, A$, NZ$, CA$",
                    req.destination.to_ascii_uppercase()
                );
                return Err(Error::new(ErrorCode::DutyExpression, field, message).within(&format!("lines[{i}]")));
            }
        }
    }
    Ok(())
}

/// Preference programmes the origin may claim (the destination tariff's `special` column: US
/// programmes, Japan's EPAs), offered as alternatives; a programme the line already claims is not
/// offered again. The saving shown is against the general rate (`mfn`); [`waived_savings`] adds
/// the additional duties a claim removes.
pub(super) fn preferences(
    ctx: &mut Ctx<'_>,
    special: &str,
    origin: &str,
    input: &DutyInput<'_>,
    mfn: Decimal,
    code: Option<&HsCode>,
    p: &mut Priced,
) {
    let groups = special_rates(special);
    let rules: &'static Rules = ctx.rules;
    let claimed = p.claim.as_ref().map(|c| c.program.clone());
    let open = rules.programmes(ctx.destination).iter().filter(|prog| prog.open_to(origin, ctx.req.date));
    // The line's tariff row, read once for every programme offered (`later_staged_rate`).
    let mut row: Option<Option<crate::snapshot::Row<'static>>> = None;
    for prog in open.filter(|prog| claimed.as_deref() != Some(prog.code)) {
        if !prog.grants.from_special_column() {
            agreement_offer(ctx, prog, origin, mfn, code, p);
            continue;
        }
        let Some((rate, _)) = groups.iter().find(|(_, codes)| codes.iter().any(|c| c == prog.code)) else { continue };
        let verified = !prog.unverified_for(origin, ctx.req.date);
        let r = DutyExpr::parse(rate).evaluate(input);
        p.components_read.extend(&r.components_read);
        let mut duty = r.amount.filter(|_| verified);
        // Between 1 January and the year's first edition the staged rate is not read: the saving
        // is between the two editions' figures, not a sure one (audit-dd DD5).
        let later = code.filter(|_| duty.is_some()).and_then(|c| {
            let row = (*row.get_or_insert_with(|| super::duty_source::offered_row(ctx, c)))?;
            super::duty_source::later_staged_rate(ctx, prog, &row, rate)
        });
        // After the next stage day beyond the edition read (Japan's 1 April), the stage is not in
        // our data: no sure saving (audit-mm MM3).
        let unread = code.filter(|_| duty.is_some()).and_then(|c| {
            let row = (*row.get_or_insert_with(|| super::duty_source::offered_row(ctx, c)))?;
            super::duty_source::stage_not_read(ctx, prog, &row, rate)
        });
        if unread.is_some() {
            duty = None;
        }
        let between = later.map(|l| {
            let other = DutyExpr::parse(&l.text).evaluate(input).amount;
            duty = None;
            format!(
                "claim {} ({}): the staged rate in force from 1 January {} is not read: {} gives {rate} ({}), {} (from {}) gives {} ({}), so the saving against {} is between the two; not applied",
                prog.code,
                prog.name,
                l.from.year(),
                l.earlier_edition,
                r.amount.map(format_grouped).unwrap_or_default(),
                l.edition,
                l.from,
                l.text,
                other.map(format_grouped).unwrap_or_else(|| "not priced".into()),
                format_grouped(mfn)
            )
        });
        let saving = duty.map(|d| mfn - d);
        let note = if let Some(between) = between {
            between
        } else if let Some(from) = unread {
            format!(
                "claim {} ({}) at {rate}: that is its rate for the year before {from}, and its staged rate from {from} is not in our data, so no saving is priced; not applied",
                prog.code, prog.name
            )
        } else if verified {
            format!(
                "claim {} ({}): duty {} instead of {}; needs goods originating under the agreement's rules of origin and a valid claim; not applied",
                prog.code,
                prog.name,
                duty.map(format_grouped).unwrap_or_else(|| rate.clone()),
                format_grouped(mfn)
            )
        } else {
            format!(
                "claim {} ({}) at {rate}: the programme's dates come from a secondary source ({}), so no saving is priced; not applied",
                prog.code, prog.name, prog.source.publisher
            )
        };
        p.alternatives.push(Alternative {
            program: prog.code.into(),
            name: prog.name.into(),
            rate: rate.clone(),
            duty,
            saving,
            waived: Vec::new(),
            total_saving: saving,
            note,
        });
    }
}

/// An EU or UK agreement (`rules/eu_gb_agreements.tsv`) open to the line's origin, offered: at
/// duty 0.00 with the saving where it gives every originating good Free and is `official` (the
/// EU-UK TCA), else without a figure, saying its rate is not in our data. None on a line already
/// Free or of a chapter the agreement leaves out.
fn agreement_offer(
    ctx: &Ctx<'_>,
    prog: &'static crate::rules::programmes::Programme,
    origin: &str,
    mfn: Decimal,
    code: Option<&HsCode>,
    p: &mut Priced,
) {
    if mfn.is_zero() || code.is_some_and(|c| !prog.grants.covers(c.digits())) {
        return;
    }
    let priced = prog.priced_free() && !prog.partners.unverified(origin, ctx.req.date);
    let duty = priced.then_some(Decimal::ZERO);
    let note = match priced {
        true => format!(
            "claim {} ({}): no customs duty on goods originating under the agreement: 0.00 instead of {}; needs goods meeting its rules of origin and {}; not applied",
            prog.code,
            prog.name,
            format_grouped(mfn),
            prog.proof
        ),
        false => format!(
            "claim {} ({}): the agreement may lower or remove the duty of {} on goods originating under its rules of origin ({}), but its preferential rate for these goods is not in our data, so no saving is priced; not applied",
            prog.code,
            prog.name,
            format_grouped(mfn),
            prog.proof
        ),
    };
    p.alternatives.push(Alternative {
        program: prog.code.into(),
        name: prog.name.into(),
        rate: if priced { "Free".into() } else { "not in our data".into() },
        duty,
        saving: duty.map(|d| mfn - d),
        waived: Vec::new(),
        total_saving: duty.map(|d| mfn - d),
        note,
    });
}

/// Currencies of specific duties in an expression, other than the customs currency (which
/// needs no rate).
pub(super) fn foreign_currencies(expr: &DutyExpr, customs: Currency) -> Vec<Currency> {
    let mut out = Vec::new();
    // A plain percentage or free (most tariff lines) holds no specific rate: not walked.
    if expr.simple_percent().is_none() {
        expr.specific_currencies(Some(customs), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_caller_duty_is_charged_on_the_customs_value_rules_15() {
        // docs/rules.md §15: a caller's extra duty of 10 % on a customs value of 200.00 = 20.00.
        let req = request(
            r#"{"destination":"GB","date":"2026-03-02","currency":"GBP","lines":[{"id":"a","code":"6109100010",
            "quantity":"1","unit_price":"200","extra_duties":[{"name":"Anti-dumping","rate":"10%"}]}]}"#,
        );
        let mut ctx = context(&req);
        let q = Quantities::new();
        let input = DutyInput::value_only(dec!(200.00), Currency::GBP, &q);
        let mut p = priced();
        let (total, known) = caller_duties(&mut ctx, &req.lines[0], &input, &mut p);
        assert_eq!((total, known), (dec!(20.00), true));
        assert_eq!(
            (&*p.levies[0].name.as_str(), p.levies[0].amount),
            ("Anti-dumping (caller-supplied)", Some(dec!(20.00)))
        );
        assert!(ctx.warnings.iter().any(|w| w.code == WarningCode::CallerDuties));
    }

    /// docs/rules.md §6 and §15: a caller's duty in a currency the line's own rate does not name
    /// (1.00 EUR/kg on a GBP cart to GB) converts at the destination's customs rate for that
    /// currency, like a tariff's specific duty; it is priced, not left `partial` for want of it.
    #[test]
    fn a_caller_duty_in_a_third_currency_is_converted_at_the_customs_rate() {
        let req = request(
            r#"{"destination":"GB","date":"2026-03-02","currency":"GBP","lines":[{"id":"a","code":"6109100010",
            "quantity":"1","unit_price":"500","weight_kg":"2","extra_duties":[{"name":"Safeguard","rate":"1.00 EUR/kg"}]}]}"#,
        );
        let q = engine().quote(&req).expect("GB quote");
        let eur = q.fx.iter().find(|u| u.pair == "EUR/GBP").expect("the EUR/GBP customs rate is used");
        let levy = q.lines[0].levies.iter().find(|l| l.name.as_str() == "Safeguard (caller-supplied)").expect("levy");
        let expected = crate::money::round_to(dec!(2) * eur.rate, 2, Default::default());
        assert_eq!(levy.amount, Some(expected), "{:?}", q.lines[0].reason);
    }

    /// docs/rules.md §6: component values are given in the request currency (`components`), and
    /// the duty on a component is charged on its customs-currency value: a USD case value on a
    /// GBP destination is converted at the customs rate first.
    #[test]
    fn component_values_are_converted_to_the_customs_currency() {
        let req = request(
            r#"{"destination":"GB","date":"2026-03-02","currency":"USD","lines":[{"id":"a","code":"9102110000",
            "quantity":"1","unit_price":"200","duty_rate":"10% on the case","components":{"case":"100.00"}}]}"#,
        );
        let q = engine().quote(&req).expect("GB quote");
        let usd = q.fx.iter().find(|u| u.pair == "USD/GBP").expect("the USD/GBP customs rate");
        let case_gbp = crate::money::round_to(dec!(100.00) * usd.rate, 2, Default::default());
        let duty = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("duty");
        assert_eq!(duty.amount, Some(crate::money::round_to(case_gbp / dec!(10), 2, Default::default())));
    }

    #[test]
    fn a_specific_duty_names_the_currency_to_convert_rules_6() {
        // docs/rules.md §6: 44.2 EUR / 100 kg needs the EUR rate; the ad valorem part needs none.
        assert_eq!(foreign_currencies(&DutyExpr::parse("8.3% + 44.2 EUR / 100 kg"), Currency::GBP), [Currency::EUR]);
        assert!(foreign_currencies(&DutyExpr::parse("12%"), Currency::GBP).is_empty());
        // In the customs currency itself, nothing to convert.
        assert!(foreign_currencies(&DutyExpr::parse("8.3% + 44.2 EUR / 100 kg"), Currency::EUR).is_empty());
    }
}
