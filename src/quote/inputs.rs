//! Inputs that the quote could not use, or whose value the law does not let it price as given:
//! a line whose value is zero (a free item still has a customs value), a code longer than any
//! national tariff line, a `metal_content_value` no layer reads, an `fx` pair no conversion
//! used; a prohibited import (`rules/prohibitions.tsv`). Never accepted in silence: a line
//! reason (the line is partial), a `W_INPUT_UNUSED` or an error.

use super::warning::{ListedExcise, ListedExcises, QuantityHint, UnusedQuantity};
use super::*;
use crate::rules::prohibitions::ProhibitionEffect;

/// How a levy priced from a rate row of `rules/excise_rates.tsv` names its source row.
const EXCISE_RATE_ROW: &str = "excise_rates.tsv#";

/// The longest national tariff line of any tariff in the engine (US HTS, UK, EU TARIC: 10
/// digits; Japan 9): digits beyond it cannot match anything.
pub(super) const LONGEST_NATIONAL_LINE: usize = 10;

/// A line's own inputs: a zero value, surplus code digits, an unread `metal_content_value`.
pub(super) fn check_line_inputs(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    code: &HsCode,
    v: &LineValues,
    p: &mut Priced,
) -> Result<()> {
    // A free sample, gift or warranty replacement still has a customs value (no sale: another
    // method than the transaction value), and a price of 0 is as likely a missing one; the law
    // cited is the destination's ([`valuation_law`]).
    let dp = ctx.j.currency.minor_units();
    // (A value of at most `dp` places, nearly every line's, is zero as it is: not rounded.)
    let zero = match v.goods.scale() <= dp {
        true => v.goods.is_zero(),
        false => v.goods.round_dp(dp).is_zero(),
    };
    if zero && ctx.movement.is_none() {
        p.push_reason(format!(
            "the value of line {} is {} {}: goods supplied free of charge (a sample, a gift, a warranty replacement) still have a value for customs ({}), and duty and tax are due on it: give unit_price as the value for customs",
            line.id,
            format_grouped(v.goods.round_dp(dp)),
            ctx.j.currency,
            valuation_law(ctx.j)
        ));
    }
    // The length alone decides (a code's digits as text are made only for the warning).
    if code.len() > LONGEST_NATIONAL_LINE {
        let digits = code.digits();
        ctx.warn(Detail::InputUnused {
            field: format!("lines[{}].code", line_index(ctx, line)),
            why: format!(
                "code {digits} has {} digits and no national tariff line has more than {LONGEST_NATIONAL_LINE}: the digits after the {LONGEST_NATIONAL_LINE}th ({}) matched nothing",
                digits.len(),
                &digits[LONGEST_NATIONAL_LINE..]
            ),
        });
    }
    prohibited_import(ctx, line, code, p)?;
    unused_components(ctx, line, p);
    unused_quantities(ctx, line, p);
    if line.metal_content_value.is_some() && !p.metal_used {
        // A duty charged on the value of a content of its own ("2.5% on the value of the lead
        // content", HTSUS 7801.10.00) reads it from `components` (audit-ll LL14).
        let content = p.missing.iter().find_map(|m| match m {
            Unpriced::ComponentValue { component } if component.ends_with("_content") => Some(component.as_str()),
            _ => None,
        });
        let why = match content {
            Some(c) => format!(
                "it is the steel, aluminum or copper content the US Section 232 measures charge on, and no such measure covers this line; the duty charged on the value of the {} reads it as components {{\"{c}\": …}}",
                c.replace('_', " ")
            ),
            None => "no duty on this line is charged on its steel, aluminum or copper content, so the value was not used".to_string(),
        };
        ctx.warn(Detail::InputUnused { field: format!("lines[{}].metal_content_value", line_index(ctx, line)), why });
    }
    Ok(())
}

/// The law by which a destination values goods not sold (a sample, a gift): the transaction value
/// is the price of a sale, and without one the other methods apply. The US (19 U.S.C.
/// 1401a(b)-(f)), the EU (Reg. (EU) 2015/2447 art. 144), GB (TCTA 2018 Sch. 4) and Northern
/// Ireland (both, as before) by their own law, chosen by the destination's tariff in
/// `rules/jurisdictions.tsv`; every other destination, all WTO members, by the WTO Customs
/// Valuation Agreement its law implements (audit-s S13: Canada's, Australia's and Switzerland's
/// reasons cited US, EU and UK law).
fn valuation_law(j: &crate::rules::Jurisdiction) -> &'static str {
    match (j.country, j.tariff) {
        ("US", _) => "19 U.S.C. 1401a(b)-(f)",
        ("XI", _) => "Reg. (EU) 2015/2447 art. 144; TCTA 2018 Sch. 4",
        (_, Some("GB")) => "TCTA 2018 Sch. 4",
        (_, Some("EU")) => "Reg. (EU) 2015/2447 art. 144",
        _ => "WTO Customs Valuation Agreement: art. 1 values a sale's price, arts. 2-7 goods not sold",
    }
}

/// A prohibited import (`rules/prohibitions.tsv`: Australia's tobacco by post, Customs
/// (Prohibited Imports) Regulations 1956 reg. 4DA): a row of effect `partial` leaves the line
/// priced as if a permission covered the goods, and `partial` with the row's reason (never
/// priced complete in silence); one of effect `error` refuses the quote, naming the line's code,
/// unless the row is `verify` (then `partial`, and `W_VERIFY`). Goods that cross no customs
/// border are not imported: no row applies to them.
fn prohibited_import(ctx: &mut Ctx<'_>, line: &LineRequest, code: &HsCode, p: &mut Priced) -> Result<()> {
    if ctx.movement.is_some() || ctx.rules.prohibitions.is_empty() {
        return Ok(());
    }
    let rules: &'static Rules = ctx.rules;
    let Some(row) =
        rules.prohibition(ctx.destination, super::excise::line_digits(line, code), ctx.req.channel(), ctx.req.date)
    else {
        return Ok(());
    };
    if row.effect == ProhibitionEffect::Error && !row.source.is_verify() {
        return Err(Error::new(
            ErrorCode::InvalidField,
            format!("lines[{}].code", line_index(ctx, line)),
            format!("{} ({})", row.reason, row.source.row()),
        ));
    }
    ctx.note_verify(row.source.row(), row.source.is_verify());
    p.push_reason(row.reason);
    Ok(())
}

/// The line's `components` that no duty read: the duty evaluator reports the components each
/// evaluation read ([`crate::duty::ComponentsRead`]: the line's duty, a claimed programme's
/// general rate, an offered preference, a caller's duty or excise), and any other key matched
/// nothing (audit-k K5); a duty that lacks a component names the one it asks for
/// (`Unpriced::ComponentValue`), given as a hint.
fn unused_components(ctx: &mut Ctx<'_>, line: &LineRequest, p: &Priced) {
    if line.components.is_empty() {
        return;
    }
    // The component names the line's duties ask for.
    let asked: Vec<&str> = p
        .missing
        .iter()
        .filter_map(|m| match m {
            Unpriced::ComponentValue { component } => Some(component.as_str()),
            _ => None,
        })
        .collect();
    for (i, name) in line.components.keys().enumerate() {
        if p.components_read.contains(i) {
            continue;
        }
        let hint = match asked.iter().find(|a| a.contains(name.as_str())) {
            Some(a) => format!(": the duty asks for {a:?}"),
            None => String::new(),
        };
        ctx.warn(Detail::InputUnused {
            field: format!("lines[{}].components.{name}", line_index(ctx, line)),
            why: format!(
                "no duty of this line is charged on a component of that name, so the value was not used{hint}"
            ),
        });
    }
}

/// The line's `units` entries, `volume_l`, `weight_kg`, `alcohol_pct` and
/// `fuel_l_per_100km` that no levy read (audit-n N7: a T-shirt's litres and strength, priced
/// without a word; audit-s S13: its weight and a car's fuel consumption): the duty evaluator
/// reports the measures each evaluation read ([`crate::duty::ComponentsRead::read_measure`]: the
/// line's duty, a claimed programme's general rate, a caller's duty or excise, a US value bracket
/// per unit), litres of pure alcohol derived from the volume and the strength reading both; an
/// allocation by volume reads `volume_l`, one by weight `weight_kg` (no fee, threshold or
/// postal rule reads a weight: a gross weight, Switzerland's duty, is never the net one); an
/// excise whose rows differ by fuel consumption reads `fuel_l_per_100km` ([`Priced::fuel_read`]).
/// A quantity a duty asks for and the line lacks (`Unpriced::Quantity`) is given as a hint.
fn unused_quantities(ctx: &mut Ctx<'_>, line: &LineRequest, p: &Priced) {
    if line.units.is_empty()
        && line.volume_l.is_none()
        && line.alcohol_pct.is_none()
        && line.acetic_acid_pct.is_none()
        && line.weight_kg.is_none()
        && line.fuel_l_per_100km.is_none()
    {
        return;
    }
    let index = line_index(ctx, line);
    let read = &p.components_read;
    let volume = crate::units::Measure::net(crate::units::Dimension::Volume);
    // Typed, rendered when the warning is read (`Detail::QuantityUnused`); a line has at most one
    // or two (its weight, a wine's strength): the first held inline.
    let mut unused: Several<UnusedQuantity> = Several::new();
    // (An empty map is not walked: an iterator over a `BTreeMap` is set up even for none.)
    if !line.units.is_empty() {
        for key in line.units.keys() {
            // The keys were resolved when the quantities were read (an unknown one is an error).
            let Ok((measure, _)) = measure_for_key(key) else { continue };
            if !read.read_measure(measure) {
                unused.push(UnusedQuantity::Units { key: key.clone(), measure });
            }
        }
    }
    let by_volume = ctx.req.allocation == AllocationKey::Volume;
    if line.volume_l.is_some() && !read.read_measure(volume) && !by_volume {
        unused.push(UnusedQuantity::Volume);
    }
    let (kg, by_weight) =
        (crate::units::Measure::net(crate::units::Dimension::Mass), ctx.req.allocation == AllocationKey::Weight);
    if line.weight_kg.is_some() && !read.read_measure(kg) && !by_weight {
        unused.push(UnusedQuantity::Weight);
    }
    if line.alcohol_pct.is_some() && !read.read_alcohol() {
        unused.push(UnusedQuantity::Alcohol);
    }
    if line.acetic_acid_pct.is_some() && !read.read_acetic() {
        // A duty per proof liter of vinegar that lacks the volume did not read the strength for
        // want of `volume_l`, not for want of a levy (audit-rr RR6).
        let wants_volume = line.volume_l.is_none()
            && p.missing.iter().any(
                |m| matches!(m, Unpriced::Quantity { measure } if crate::duty::UnitReading::is_vinegar_proof(*measure)),
            );
        unused.push(match wants_volume {
            true => UnusedQuantity::AceticAcidWithoutVolume,
            false => UnusedQuantity::AceticAcid,
        });
    }
    if line.fuel_l_per_100km.is_some() && !p.fuel_read {
        unused.push(UnusedQuantity::Fuel);
    }
    if unused.is_empty() {
        return;
    }
    let asked: Vec<crate::units::Measure> = p
        .missing
        .iter()
        .filter_map(|m| match m {
            Unpriced::Quantity { measure } => Some(*measure),
            _ => None,
        })
        .collect();
    let mut hint = match asked.is_empty() {
        false => QuantityHint::Asks(asked),
        true => QuantityHint::None,
    };
    // The levies listed without a rate (our data has none): a rate per quantity the caller gives
    // for one would read the value, so it is not called unused (residue-16, fix-r); and those
    // listed with a figure from a secondary source (a `verify` rate row, its figure in the formula
    // only, `Levy::not_priced`), named as what they are (fix-cc). Each is named by its row,
    // joined rather than formatted (every wine line of a GB cart names its Alcohol Duty: ~1,200
    // instructions a line through the formatting machinery). Counted first, so the list is made
    // at its length (collected, it was shrunk by a `realloc`); one excise (a wine line's Alcohol
    // Duty) is made in place.
    let is_listed = |l: &&Levy| l.kind == LevyKind::Excise && l.amount.is_none() && l.partial_amount.is_none();
    let mut excises = p.levies.iter().filter(is_listed).map(|l| ListedExcise {
        name: l.name.clone(),
        source: l.source.clone(),
        with_figure: l.not_priced && l.source.row().starts_with(EXCISE_RATE_ROW),
    });
    let mut listed = match p.levies.iter().filter(is_listed).count() {
        0 => ListedExcises::default(),
        1 => excises.next().map(ListedExcises::one).unwrap_or_default(),
        n => {
            let mut list = Vec::with_capacity(n);
            list.extend(excises);
            ListedExcises::from(list)
        }
    };
    // Each names this line and a different input: no warning so far can say the same, so none is
    // compared (`Ctx::warn_new`); the last takes the hint and the list, the others share it.
    // (By position, not by peeking: a peekable iterator holds an input to drop on every line.)
    let last = unused.len() - 1;
    for (k, input) in unused.into_iter().enumerate() {
        let (hint, listed) = match k < last {
            true => (hint.clone(), listed.clone()),
            false => (std::mem::replace(&mut hint, QuantityHint::None), std::mem::take(&mut listed)),
        };
        ctx.warn_new(Detail::QuantityUnused { line: index, input, hint, listed });
    }
}

pub(super) fn line_index(ctx: &Ctx<'_>, line: &LineRequest) -> usize {
    ctx.req
        .lines
        .iter()
        .position(|l| std::ptr::eq(l, line))
        .unwrap_or_else(|| ctx.req.lines.iter().position(|l| l.id == line.id).unwrap_or_default())
}

/// The request's `fx` pairs that no conversion of the quote used (the caller's rate for a pair
/// the quote never needed is ignored: said, never silent).
pub(super) fn unused_fx(ctx: &mut Ctx<'_>) {
    // Nearly every request gives no rate (an iterator over a `BTreeMap` is set up even for none).
    if ctx.req.fx.is_empty() {
        return;
    }
    for pair in ctx.req.fx.keys() {
        let Ok((a, b)) = crate::fx::parse_pair(pair) else { continue };
        let used = ctx.fx_used.iter().any(|u| {
            u.source.starts_with("request") && crate::fx::parse_pair(&u.pair).is_ok_and(|(x, y)| (x, y) == (a, b))
        });
        if !used {
            ctx.warn(Detail::InputUnused {
                field: format!("fx.{pair}"),
                why: format!("the quote converts no amount between {a} and {b}, so this rate was not used"),
            });
        }
    }
}

/// The request's destination-specific fields that mean nothing where it goes (audit-s S7):
/// `simplified_regime` where the destination has no such regime on the date (Brazil's RTS),
/// `entry_type` where no fee of the destination depends on the entry type (the US's
/// merchandise processing fee), `seller_registered` where no threshold of the consignment's
/// channel depends on a seller's scheme (IOSS, the UK's VAT at sale, VOEC, the AU/NZ/SG/CH
/// schemes), `business_buyer: true` where no rule the consignment comes under differs for a
/// business ([`Ctx::buyer_read`]): each `W_INPUT_UNUSED` naming the field, never ignored in silence. (`tariff` is
/// said by the simplified tariff's note, `thresholds::note_unused_tariff_choice`.)
pub(super) fn unused_request_fields(ctx: &mut Ctx<'_>) {
    if ctx.movement.is_some() {
        return;
    }
    let (req, dest) = (ctx.req, ctx.destination);
    let mut unused: Vec<(&str, String)> = Vec::new();
    if let Some(regime) = req.simplified_regime {
        if ctx.rules.taxes.bands(dest, regime, req.date).is_empty() {
            let name = match regime {
                crate::request::SimplifiedRegime::Rts => "rts",
                crate::request::SimplifiedRegime::RemessaConforme => "remessa_conforme",
            };
            unused.push((
                "simplified_regime",
                format!("{dest} has no simplified regime {name} on {} in our data", req.date),
            ));
        }
    }
    if req.entry_type.is_some() && ctx.day.fees.iter().all(|f| f.entry == crate::rules::EntryKind::Any) {
        unused.push(("entry_type", format!("no fee of {dest} on {} depends on the entry type", req.date)));
    }
    if req.seller_registered.is_some() && ctx.day.thresholds.iter().all(|t| t.scheme.is_none()) {
        // Brazil's Remessa Conforme is a seller's programme, but a request chooses it by
        // `simplified_regime`, never by this field in silence (audit-aa AA20).
        let regimes = super::duty_source::simplified_regimes(ctx);
        let programme = match regimes.is_empty() {
            true => String::new(),
            false => format!(
                "; {dest}'s simplified regimes ({}) are chosen by simplified_regime, not by seller_registered",
                regimes.join(", ")
            ),
        };
        unused.push((
            "seller_registered",
            format!(
                "no threshold of {dest} on {} for the {} channel depends on a seller's registration for a scheme{programme}",
                req.date,
                channel_name(req.channel())
            ),
        ));
    }
    // audit-s S13: a business buyer into the US, or into GB or DE over their low-value limits,
    // changes nothing, and was not said.
    if req.business_buyer && !ctx.buyer_read {
        unused.push((
            "business_buyer",
            format!(
                "no rule of {dest} on {} that this consignment comes under differs for a business buyer (a low-value scheme for consumers or businesses it is within, a valuation for personal use, a registrant's tax)",
                req.date
            ),
        ));
    }
    for (field, why) in unused {
        ctx.warn(Detail::InputUnused { field: field.into(), why: format!("{why}, so the value was not used") });
    }
}

fn channel_name(c: crate::request::Channel) -> &'static str {
    match c {
        crate::request::Channel::Courier => "courier",
        crate::request::Channel::Post => "post",
        crate::request::Channel::Freight => "freight",
    }
}

/// `entry_type: informal` on a consignment above the informal-entry limit of an entry fee's row
/// (US: 19 CFR 143.21(a), informal entry for shipments of US$2,500 or less; the fee row names it) is refused: the
/// informal fee would be priced on an entry the law does not allow.
pub(super) fn check_entry_type(ctx: &mut Ctx<'_>, entered: Decimal) -> Result<()> {
    if ctx.req.entry_type != Some(crate::request::EntryType::Informal) {
        return Ok(());
    }
    let day = std::sync::Arc::clone(&ctx.day);
    let channel = ctx.req.channel();
    for f in day
        .fees
        .iter()
        .filter(|f| f.entry != EntryKind::Any && (f.channels.is_empty() || f.channels.contains(&channel)))
    {
        let Some(rate) = ctx.rate(ctx.j.currency, f.currency) else { continue };
        let value = entered * rate;
        if value > f.formal_above {
            return Err(Error::new(
                ErrorCode::InvalidField,
                "entry_type",
                format!(
                    "informal entry is allowed only up to {} {} ({}); this consignment is {} {}: give entry_type formal, or leave it out",
                    f.formal_above,
                    f.currency,
                    f.source.row(),
                    format_grouped(value.round_dp(2)),
                    f.currency
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::testing::{context, engine, priced, request};
    use super::*;

    /// The embedded rules with the first prohibition changed by `edit` (leaked: a quote's rules
    /// live for the process).
    fn rules_with(edit: impl Fn(&mut crate::rules::prohibitions::Prohibition)) -> &'static Rules {
        let mut rules = Rules::load(engine().snapshot()).expect("embedded rules");
        edit(&mut rules.prohibitions[0]);
        Box::leak(Box::new(rules))
    }

    const CIGARETTES_BY_POST: &str = r#"{"destination":"AU","date":"2026-03-02","currency":"AUD","channel":"post",
        "origin":"ID","lines":[{"id":"c","code":"2402.20","quantity":"200","unit_price":"0.50","duty_rate":"0%"}]}"#;

    /// A row of effect `error` refuses the quote, naming the line's code and the row; a `verify`
    /// one only makes the line partial and says the row is unverified (rules/prohibitions.tsv).
    #[test]
    fn a_prohibition_of_effect_error_refuses_the_line_unless_the_row_is_verify() {
        let req = request(CIGARETTES_BY_POST);
        let code = HsCode::parse("2402.20").unwrap();
        let mut ctx = context(&req);
        ctx.rules = rules_with(|r| r.effect = ProhibitionEffect::Error);
        let e = prohibited_import(&mut ctx, &req.lines[0], &code, &mut priced()).expect_err("refused");
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidField, Some("lines[0].code")));
        assert!(e.message.contains("reg. 4DA(1)") && e.message.ends_with("(prohibitions.tsv#au-tobacco-by-post)"));
        let mut ctx = context(&req);
        ctx.rules = rules_with(|r| {
            r.effect = ProhibitionEffect::Error;
            r.source.confidence = crate::provenance::Confidence::Verify;
        });
        let mut p = priced();
        prohibited_import(&mut ctx, &req.lines[0], &code, &mut p).expect("a verify row refuses nothing");
        assert!(p.reasons[0].as_str().contains("reg. 4DA(1)"), "{:?}", p.reasons);
        assert!(ctx.warnings.iter().any(|w| w.code == WarningCode::Verify));
    }
}
