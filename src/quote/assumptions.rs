//! Stage 0, request: inputs the law needs that the request left out, as a typed error or a stated
//! assumption (never a silent default).

use super::*;

/// What a request without `channel` is priced as, where the destination's rules differ by channel.
const CHANNEL_ASSUMED: &str = "the goods travel by courier (channel not given); by post or as freight the thresholds and fees that depend on the channel differ: give channel";

/// What a request without `incoterm` is priced as, where that changes who pays or what is taxed.
const INCOTERM_ASSUMED: &str = "DDP (incoterm not given): the seller pays the duty, tax and fees due at the border, so they are in the landed cost and nothing is due on delivery; under DAP the recipient pays them to the carrier on delivery, and tax collected at the sale is on a price without the duty: give incoterm";

/// States the DDP a request without `incoterm` is priced under, where it matters: something is
/// due at the border (DDP puts it in the landed cost, DAP on delivery), or the seller collects
/// the tax on a price that holds the duty. A quote with nothing due either way says nothing.
pub(super) fn note_incoterm(ctx: &mut Ctx<'_>, totals: &Totals) {
    let at_border = totals.duty + totals.tax + totals.fees - totals.collected_at_sale;
    // The incoterm decides whether the duty is in the seller's price only where the seller does
    // not collect the duty itself (Remessa Conforme: `duty_collected_at_sale`).
    let duty_in_sale_price = totals.collected_at_sale > Decimal::ZERO
        && totals.duty > Decimal::ZERO
        && totals.duty_collected_at_sale.is_none();
    if ctx.req.incoterm.is_none() && (at_border > Decimal::ZERO || duty_in_sale_price) {
        ctx.warn(Detail::Assumption { threshold: "incoterm", assumption: INCOTERM_ASSUMED });
    }
}

/// States that lines whose origin is the destination's own (itself, or a member of the customs
/// union it belongs to: `rules/returned_goods.tsv`) are priced as foreign goods: returned goods
/// may be relieved (Regulation (EU) 952/2013 art. 203 and Directive 2006/112/EC art. 143(1)(e);
/// HTSUS 9801.00.10; the UK's returned goods relief), and no input claims the relief yet. Goods
/// that cross no customs border are not imports at all (docs/rules.md §19): nothing to say.
pub(super) fn note_returned_goods(ctx: &mut Ctx<'_>) {
    if ctx.movement.is_some() {
        return;
    }
    let (rules, date, dest) = (ctx.rules, ctx.req.date, ctx.destination);
    let row = ctx.day.returned_goods;
    let home = |origin: &str| match row {
        Some(r) => r.is_home(&rules.groups, origin, date),
        None => origin == dest,
    };
    let lines: Vec<&str> = ctx
        .req
        .lines
        .iter()
        .filter(|l| {
            let origin = l.origin.as_deref().or(ctx.req.origin.as_deref());
            origin.is_some_and(|o| home(&o.to_ascii_uppercase()))
        })
        .map(|l| l.id.as_str())
        .collect();
    if lines.is_empty() {
        return;
    }
    let relief = row.map(|r| (r.relief, r.source.row()));
    ctx.warn(Detail::ReturnedGoods { lines: lines.join(", "), destination: ctx.j.country, relief });
    if let Some(r) = row {
        ctx.note_verify(r.source.row(), r.source.is_verify());
    }
}

/// States what rounding a weight per line assumes where the law rounds the weight of a declared
/// item (Switzerland, ZTG art. 2(3): "das für die Veranlagung massgebende Gewicht"): when two or
/// more lines of one code and origin each had their weight rounded, whether the declaration puts
/// them in one item, whose summed weight is rounded once, is not in our sources (audit-m M8: two
/// lines of 1.01 kg at CHF 100/100 kg are 1.10 + 1.10 = 2.20; one item of 2.02 kg, 2.10).
pub(super) fn note_weight_rounding(ctx: &mut Ctx<'_>, lines: &[LineQuote]) {
    let Some(r) = ctx.rounding[RoundingTarget::WeightPer100Kg as usize].filter(|r| !r.assumption.is_empty()) else {
        return;
    };
    // The evaluator's report, not the formula's text (which it writes only when it renders it):
    // the lines whose own duty rounded a weight (`Priced::duty_weight_rounded`).
    let keyed: Vec<(&HsCode, Option<&str>)> =
        ctx.weight_rounded_lines.iter().filter_map(|&i| lines.get(i)).map(|l| (&l.code, l.origin.as_deref())).collect();
    let shared = keyed.iter().enumerate().any(|(i, a)| keyed[i + 1..].iter().any(|b| b == a));
    if shared {
        ctx.warn(Detail::Assumption { threshold: r.source.row(), assumption: r.assumption });
    }
}

/// Inputs the law needs that the request left out: a typed error naming the field, or the
/// assumption the quote makes, stated in its warnings; never a silent default.
pub(super) fn check_assumptions(ctx: &mut Ctx<'_>) -> Result<()> {
    let (req, rules, date) = (ctx.req, ctx.rules, ctx.req.date);
    let dest = ctx.destination;
    if req.channel.is_none() && ctx.day.channel_matters {
        ctx.warn(Detail::Assumption { threshold: "channel", assumption: CHANNEL_ASSUMED });
    }
    if let Some(i) = req.lines.iter().position(|l| l.vat_class == Some(VatClass::Reduced)) {
        let rates = rules.reduced_rates(dest, date);
        // Rates `reduced` never gives (LU's 3 % and 14 %: audit-w W-LU1): said, not left out.
        let others = rules.unselectable_rates(dest, date, &rates);
        if ctx.j.tax_basis != TaxBasis::None && (rates.len() > 1 || (!rates.is_empty() && !others.is_empty())) {
            ctx.warn(Detail::ReducedRateAssumed { destination: ctx.j.country, rates, others });
        } else if ctx.j.tax_basis != TaxBasis::None && rates.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidField,
                format!("lines[{i}].vat_class"),
                format!(
                    "no reduced VAT/GST rate is known for {dest} on {date}: give vat_class standard, zero or exempt"
                ),
            ));
        }
    }
    // The territory's note is about duty at its border: none on a movement that crosses none.
    let day = std::sync::Arc::clone(&ctx.day);
    if let Some(t) = day.territory.filter(|_| ctx.movement.is_none()) {
        ctx.warn(Detail::Territory { assumption: t.assumption, source: t.source.publisher });
    }
    // A subdivision the destination's tax rows do not know is an error, never a silent national
    // rate (a Canadian "XX" used to price GST alone, complete).
    if let Some(sub) = ctx.subdivision.as_deref() {
        let known = &ctx.j.subdivisions;
        // A destination whose import taxes do not differ by subdivision has none to name: the
        // field would be ignored (a GB "ZZ" used to pass in silence).
        if known.is_empty() {
            // Where regions tax imports at rates our data does not model (the Azores), saying
            // the taxes do not differ would be false (audit-w W-SUB1).
            let message = match ctx.j.regions {
                Some(regions) => format!(
                    "{sub}: {dest}'s regional import tax rates are not in our data, so a subdivision is not used: the quote assumes {regions}; leave it out"
                ),
                None => format!(
                    "{sub}: our data has no subdivisions of {dest} (its import duty and taxes are priced at the national rates), so a subdivision is not used: leave it out"
                ),
            };
            return Err(Error::new(ErrorCode::InvalidField, "subdivision", message));
        }
        if !known.contains(&sub) {
            return Err(Error::new(
                ErrorCode::InvalidField,
                "subdivision",
                format!("{sub} is not a subdivision of {dest} (ISO 3166-2): give one of {}", known.join(", ")),
            ));
        }
    }
    // Regions whose import tax rates our data does not model: the quote prices the mainland's
    // and says so.
    if let Some(regions) = ctx.j.regions.filter(|_| ctx.subdivision.is_none()) {
        ctx.warn(Detail::Assumption { threshold: "subdivision", assumption: regions });
    }
    // Border taxes that differ by province or state (Canada's HST, Brazil's ICMS): only asked
    // when the request names no subdivision and the buyer is not a registrant paying GST only.
    let registrant_pays_federal_only = ctx.j.subdivision_tax == SubdivisionTax::Hst && req.business_buyer;
    // Which province's tax is due is asked of a consumer, not of a registrant.
    ctx.buyer_read |= ctx.subdivision.is_none() && ctx.j.subdivision_tax == SubdivisionTax::Hst;
    if ctx.subdivision.is_none() && !registrant_pays_federal_only && !day.tax_subdivisions.is_empty() {
        let subdivisions = day.tax_subdivisions.clone();
        ctx.warn(Detail::AssumedSubdivision { destination: ctx.j.country, subdivisions });
        ctx.subdivision_open = true;
    }
    if req.ship_from.is_none() {
        // The rows naming the destination or its groups, indexed when the rules load.
        if !day.ship_from_thresholds.is_empty() {
            ctx.warn(Detail::AssumedShipFrom { thresholds: day.ship_from_thresholds.clone() });
        }
        note_import_from_inside(ctx);
    }
    Ok(())
}

/// Without `ship_from` the shipment is an import (docs/rules.md §19). Goods whose origin lies
/// inside the destination's customs territory or union (French goods into Germany, goods of
/// Northern Ireland into Ireland) may well travel from there, owing no duty: the quote says it
/// charged them as an import and what would settle it (audit-rr, fix-vv's finding).
fn note_import_from_inside(ctx: &mut Ctx<'_>) {
    let origins = ctx.req.origin.iter().chain(ctx.req.lines.iter().filter_map(|l| l.origin.as_ref()));
    let mut found: Option<(String, &'static str)> = None;
    for origin in origins {
        let origin = origin.trim().to_ascii_uppercase();
        if origin == ctx.destination {
            continue; // returned goods: `note_returned_goods` says what was assumed
        }
        // A row for some chapters only (Andorra's 25-97) speaks for the lines it covers.
        let covers_a_line =
            |m: &&crate::rules::Movement| ctx.req.lines.iter().any(|l| super::movement::covers_line(m, l));
        if let Some(m) = ctx.rules.movement(&origin, ctx.destination, ctx.req.date).filter(covers_a_line) {
            found = Some((origin, m.id));
            break;
        }
    }
    if let Some((origin, row)) = found {
        ctx.warn(Detail::ImportFromInside { origin, row });
    }
}
