//! Stage 2, thresholds: the consignment compared with each de minimis, low-value and flat-duty
//! threshold of the destination, once per quote.

use super::*;
use crate::money::DecimalSum;
use std::cmp::Ordering;

/// The consignment's values a threshold can compare, in the customs currency.
pub(super) struct ConsignmentValues {
    pub(super) intrinsic: Decimal,
    pub(super) customs: Decimal,
    /// The customs value on the other basis (FOB for a CIF destination, CIF for a FOB one), when
    /// the destination's value basis is from a secondary source: the row could be either.
    pub(super) other_basis: Option<Decimal>,
}

pub(super) fn consignment_values(ctx: &Ctx<'_>, values: &[LineValues]) -> ConsignmentValues {
    let dp = ctx.j.currency.minor_units();
    let (mut intrinsic, mut customs, mut other) = (Sum::new(dp), Sum::new(dp), Sum::new(dp));
    for v in values {
        intrinsic.add(v.goods);
        let cif = [v.customs_goods, v.shipping, v.insurance];
        match ctx.j.duty_basis {
            DutyBasis::Cif => {
                cif.into_iter().for_each(|a| customs.add(a));
                other.add(v.customs_goods);
            }
            DutyBasis::Fob => {
                customs.add(v.customs_goods);
                cif.into_iter().for_each(|a| other.add(a));
            }
        }
    }
    let other_basis = ctx.j.source.is_verify().then(|| other.total());
    ConsignmentValues { intrinsic: intrinsic.total(), customs: customs.total(), other_basis }
}

/// The value of one item (one unit) of each line, for per-item thresholds: worked out only when
/// a threshold compares items (a division per line).
pub(super) fn item_values(ctx: &Ctx<'_>, values: &[LineValues]) -> Vec<Decimal> {
    values
        .iter()
        .zip(&ctx.req.lines)
        .map(|(v, l)| if l.quantity > Decimal::ZERO { v.goods / l.quantity } else { v.goods })
        .collect()
}

/// The dearest single item (one unit of a line).
#[cfg(test)]
pub(super) fn dearest_item(ctx: &Ctx<'_>, values: &[LineValues]) -> Decimal {
    item_values(ctx, values).into_iter().max().unwrap_or_default()
}

/// `a` compared with `b` by their integer mantissas, brought to one scale (exact; the general
/// `Decimal` comparison past nine places of difference).
fn compare(a: Decimal, b: Decimal) -> Ordering {
    let (sa, sb) = (a.scale(), b.scale());
    // 10^9 × a mantissa (below 2^96) stays below 2^126: no overflow.
    if sa.abs_diff(sb) > 9 {
        return a.cmp(&b);
    }
    let (ma, mb) = (a.mantissa(), b.mantissa());
    match sa >= sb {
        true => ma.cmp(&(mb * POWERS_OF_TEN[(sa - sb) as usize])),
        false => (ma * POWERS_OF_TEN[(sb - sa) as usize]).cmp(&mb),
    }
}

/// 10^0 to 10^9.
const POWERS_OF_TEN: [i128; 10] =
    [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

/// Why a threshold limited by origin or by kind of goods does not apply to this cart, if it
/// does not: every line must qualify.
pub(super) fn eligibility_bar(ctx: &Ctx<'_>, t: &Threshold) -> Option<String> {
    consignment_bar(ctx, t).or_else(|| ctx.req.lines.iter().find_map(|line| line_bar(ctx, t, line)))
}

/// Why a threshold is not for this consignment as a whole: its buyer or its place of shipment.
fn consignment_bar(ctx: &Ctx<'_>, t: &Threshold) -> Option<String> {
    if t.buyer == crate::rules::Buyer::Consumer && ctx.req.business_buyer {
        return Some("only for a consumer's consignment, and business_buyer is true".into());
    }
    // A gift has no seller: no scheme under which a seller charges the tax (or declares it, for
    // the EU's EUR 3 duty on IOSS consignments) is for it (docs/rules.md#gifts).
    if ctx.req.gift && (t.effect == ThresholdEffect::SellerCollects || t.scheme.is_some()) {
        return Some(
            "gift is true: a gift between private individuals has no seller, so no seller's scheme applies".into(),
        );
    }
    // A row for some transport modes (Singapore's low-value goods: "delivered to Singapore by air
    // or post"): a request naming another mode is outside it (audit-m M5); naming none, the row
    // applies with its assumption.
    if let Some(mode) = ctx.req.transport.filter(|m| !t.transport.is_empty() && !t.transport.contains(m)) {
        let modes: Vec<&str> = t.transport.iter().map(|m| m.name()).collect();
        return Some(format!("only for goods by {}, and transport is {}", modes.join(" or "), mode.name()));
    }
    if let Some(from) =
        ctx.req.ship_from.as_deref().filter(|s| t.exclude_ship_from.iter().any(|x| x.eq_ignore_ascii_case(s)))
    {
        return Some(format!("not for goods sent from {} (ship_from) on {}", from.to_ascii_uppercase(), ctx.req.date));
    }
    None
}

/// Why a threshold is not for a line's goods: their kind (HS) or origin.
pub(super) fn line_bar(ctx: &Ctx<'_>, t: &Threshold, line: &LineRequest) -> Option<String> {
    code_bar(t, line).or_else(|| origin_bar(ctx, t, line))
}

/// Why a threshold is not for a line's kind of goods (its excluded codes).
fn code_bar(t: &Threshold, line: &LineRequest) -> Option<String> {
    let prefix = t.exclude_codes.iter().find(|p| crate::hs::digits_start_with(&line.code, p))?;
    Some(match t.exclude_note.is_empty() {
        true => format!("not for goods of HS {prefix} (line {}, code {})", line.id, line.code),
        false => format!("{} (line {}, code {})", t.exclude_note, line.id, line.code),
    })
}

/// Why a relief applied to a line is only a lower bound when its code is too short to tell
/// whether its goods are among those the relief leaves out (`22` may be wine, HS 2204; SG `87`
/// may be a car, 8703: audit-kk KK30): the relief is applied as for other goods, and the full
/// code settles it. `None` when no applied relief excludes goods under the code.
pub(super) fn excluded_goods_unsettled(relief: &super::Relief, line: &LineRequest) -> Option<String> {
    let applied = [relief.duty, relief.tax, relief.fees, relief.seller_collects, relief.reverse_charge];
    // No relief applied (nearly every line of a cart over the thresholds): nothing to settle.
    if applied.iter().all(Option::is_none) {
        return None;
    }
    let digits = line.code.bytes().filter(u8::is_ascii_digit).count();
    let mut ids: Vec<&str> = Vec::new();
    let mut prefixes: Vec<&str> = Vec::new();
    for t in applied.into_iter().flatten() {
        let under = t.exclude_codes.iter().filter(|p| p.len() > digits && crate::hs::digits_start_with(p, &line.code));
        let mut any = false;
        for p in under {
            any = true;
            if !prefixes.contains(p) {
                prefixes.push(p);
            }
        }
        if any && !ids.contains(&t.id) {
            ids.push(t.id);
        }
    }
    if ids.is_empty() {
        return None;
    }
    Some(format!(
        "code {} may be goods of HS {}, which {} {} not for: the relief is applied as for other goods, a lower bound; give the full code",
        line.code,
        prefixes.join(", "),
        ids.join(" and "),
        if ids.len() == 1 { "is" } else { "are" }
    ))
}

/// Whether a consignment row's excluded codes bar only the lines of those goods (the row's
/// `exclude_by`): a relief of duty or tax outside any seller's scheme ("Article 23 shall not apply
/// to: (a) alcoholic products …", Reg. (EC) 1186/2009 art. 24; "unless they're excise goods",
/// gov.uk; ABF: "tobacco and alcohol pay duty and taxes whatever their value"), and the AU and NZ
/// seller-collected GST, whose law defines the low-value goods one by one (alcohol and tobacco
/// are not low-value goods; audit-m M1): the other goods of the consignment keep it. The UK's
/// scheme excludes the whole consignment that contains such goods (VATA 1994 s.5A: a consignment
/// containing excise goods is outside the GBP 135 rules).
fn excludes_by_line(t: &Threshold) -> bool {
    t.exclude_by_line && !t.exclude_codes.is_empty()
}

/// For a consignment row that [`excludes_by_line`]: why it is not for this consignment (its
/// buyer, place of shipment, an origin, or every line's goods excluded), or `None` with
/// `lines_out` holding, per line, why that line's goods are outside it.
fn consignment_bar_by_line(ctx: &Ctx<'_>, t: &Threshold, lines_out: &mut Vec<Option<String>>) -> Option<String> {
    let bar = consignment_bar(ctx, t).or_else(|| ctx.req.lines.iter().find_map(|line| origin_bar(ctx, t, line)));
    if bar.is_some() {
        return bar;
    }
    lines_out.extend(ctx.req.lines.iter().map(|line| code_bar(t, line)));
    match lines_out.iter().all(Option::is_some) {
        true => std::mem::take(lines_out).into_iter().next().flatten(),
        false => None,
    }
}

/// Why a threshold limited by origin is not for a line's goods.
fn origin_bar(ctx: &Ctx<'_>, t: &Threshold, line: &LineRequest) -> Option<String> {
    if t.origins.is_empty() && t.exclude_origins.is_empty() {
        return None;
    }
    let Some(origin) = line.origin.as_deref().or(ctx.req.origin.as_deref()).map(str::to_ascii_uppercase) else {
        return Some(format!("needs the origin of every line (line {} has none): give origin", line.id));
    };
    let excluded = t.exclude_origins.contains(&origin.as_str())
        || (!t.origins.is_empty() && !t.origins.contains(&origin.as_str()));
    excluded.then(|| format!("not available for goods of {origin} (line {}) on {}", line.id, ctx.req.date))
}

/// For a threshold that depends on the seller's registration: why it does not apply when the
/// caller says the seller is not registered for an optional scheme, or for one the law imposes
/// only above a turnover threshold (a seller below it is lawfully unregistered). Saying so of a
/// scheme the law imposes on every seller is an error naming the field.
pub(super) fn registration_bar(ctx: &Ctx<'_>, t: &Threshold) -> Result<Option<String>> {
    match (t.scheme, ctx.req.seller_registered) {
        (Some(Scheme::Optional), Some(false)) if t.effect == ThresholdEffect::SellerCollects => {
            Ok(Some("seller_registered is false: no tax is collected at the sale; the tax is import tax, and the border's reliefs decide".into()))
        }
        (Some(Scheme::MandatoryAboveTurnover), Some(false)) if t.effect == ThresholdEffect::SellerCollects => Ok(Some(
            "seller_registered is false: the law requires registration only above a turnover threshold, so a seller below it charges no tax at the sale: the tax is import tax, and the border's reliefs decide"
                .into(),
        )),
        // A row that follows from the scheme (the EU's EUR 3 duty on IOSS consignments).
        (Some(Scheme::Optional | Scheme::MandatoryAboveTurnover), Some(false)) => Ok(Some(
            "seller_registered is false: this row is only for a consignment whose tax the seller declares under the scheme"
                .into(),
        )),
        (Some(Scheme::Mandatory), Some(false)) => Err(Error::new(
            ErrorCode::InvalidField,
            "seller_registered",
            format!(
                "{}: the law makes the seller charge the tax at the sale for this consignment ({}); it does not become import tax",
                t.id, t.source.publisher
            ),
        )),
        _ => Ok(None),
    }
}

/// Why the simplified tariff a consignment is within does not apply: the importer asks for the
/// general tariff for all the goods (Customs Tariff Act art. 3-3(1) proviso), or claims a
/// preference, a rate of the general tariff's schedule.
pub(super) fn general_tariff_asked(req: &QuoteRequest) -> Option<String> {
    if req.tariff == Some(TariffChoice::General) {
        return Some(
            "tariff is general: the importer asks for the general tariff for all the goods (Customs Tariff Act art. 3-3(1) proviso)"
                .into(),
        );
    }
    let claimed = req.claim.is_some() || req.lines.iter().any(|l| l.claim.is_some());
    claimed.then(|| {
        "a preference claim is a rate of the general tariff's schedule: claiming it asks for the general tariff for all the goods (art. 3-3(1) proviso; our reading: the sources do not say how a claim and the simplified tariff combine)"
            .into()
    })
}

/// A relief not applied whose levies another relief that applies relieves (Japan's gift row
/// beside the plain ¥10,000 row that excludes knitwear): its warning says so, not only that it
/// was refused (audit-hh HH3: "jp-small-10000: … not for goods of HS 6110" on a relieved gift).
fn relieved_instead(ctx: &mut Ctx<'_>, applied: &Several<&'static Threshold>, barred: &[(usize, &'static Threshold)]) {
    for &(at, t) in barred {
        let Some(by) = applied.iter().find(|a| {
            a.effect == ThresholdEffect::Relieve && (a.duty || !t.duty) && (a.tax || !t.tax) && (a.fees || !t.fees)
        }) else {
            continue;
        };
        let Some(w) = ctx.warnings.get_mut(at) else { continue };
        if let Detail::ThresholdNotApplied { threshold, why } = w.detail() {
            if *threshold == t.id {
                let why = format!("{why}; the levies are relieved instead by {}", by.id);
                *w = Warning::new(Detail::ThresholdNotApplied { threshold: t.id, why });
            }
        }
    }
}

/// Compares the consignment with each threshold that can apply.
pub(super) fn thresholds(ctx: &mut Ctx<'_>, values: &[LineValues]) -> Result<(Relief, Vec<ThresholdCheck>)> {
    let cv = consignment_values(ctx, values);
    let day = std::sync::Arc::clone(&ctx.day);
    // A row for business buyers alone is no part of a consumer's quote: not listed, not warned.
    // A row for gifts alone is no part of any other quote's.
    let consumer = !ctx.req.business_buyer;
    let gift = ctx.req.gift;
    // A gift to a destination whose gift relief is not encoded on the date is charged as any
    // import: said, never silent (audit-r R-GIFT1, audit-h H1).
    if gift && !day.thresholds.iter().any(|t| t.buyer == crate::rules::Buyer::Gift) {
        ctx.warn(Detail::InputUnused {
            field: "gift".into(),
            why: format!(
                "no gift relief is encoded for {} on {}: the gift is charged as any import of its value (gift only sets aside the seller's schemes, a gift having no seller)",
                ctx.destination, ctx.req.date
            ),
        });
    }
    // A row on duty alone has nothing to decide when an `import` row spares every line its duty.
    let no_duty = customs_union_covers_all(ctx);
    let on_duty_alone = |t: &Threshold| t.duty && !t.tax && !t.fees;
    let candidates = day.thresholds.iter().copied().filter(|t| !(no_duty && on_duty_alone(t)));
    let candidates = candidates.filter(|t| match t.buyer {
        crate::rules::Buyer::Business => !consumer,
        crate::rules::Buyer::Gift => gift,
        _ => true,
    });
    let mut items: Option<Vec<Decimal>> = None;
    let mut relief = Relief::default();
    // One check per candidate row at most (allocated once, not grown from empty).
    let mut checks = Vec::with_capacity(day.thresholds.len());
    // The rows that apply, in file order, and the lines outside a per-item row that applies
    // (their items are not within it): each such line gets its own relief, from the other rows.
    // Nearly always one row or none: held inline (a `Vec` allocated for it on most quotes).
    let mut applied: Several<&'static Threshold> = Several::new();
    let mut outside: Vec<(usize, &'static Threshold)> = Vec::new();
    // The checks of unverified flat-rate rows the consignment is within, settled after the loop.
    let mut flat_rates: Vec<(usize, &'static Threshold)> = Vec::new();
    // The checks of unverified reliefs the consignment is within, settled after the loop.
    let mut reliefs: Vec<(usize, &'static Threshold)> = Vec::new();
    // The warnings of reliefs the consignment is within but not eligible for, by index.
    let mut barred_reliefs: Vec<(usize, &'static Threshold)> = Vec::new();
    for t in candidates {
        let limit = Note::new(Parts::Limit(t));
        let for_buyer = matches!(t.buyer, crate::rules::Buyer::Consumer | crate::rules::Buyer::Business);
        if t.basis == ThresholdBasis::TaxAmount {
            ctx.buyer_read |= for_buyer;
            // A minimum tested on the tax itself (after pricing: `apply_min_collectible`), for
            // the goods it covers: excluded codes or origins keep the tax collected.
            let bar = eligibility_bar(ctx, t);
            if let Some(why) = &bar {
                ctx.warn(Detail::ThresholdNotApplied { threshold: t.id, why: why.clone() });
            } else {
                relief.min_collectible.push(t);
            }
            checks.push(ThresholdCheck {
                id: Cow::Borrowed(t.id),
                effect: t.effect,
                limit,
                value: None,
                applies: bar.is_none(),
                note: bar.map(Note::from),
                source: Cow::Borrowed(t.source.publisher),
            });
            continue;
        }
        // A seller's turnover (Switzerland's mail-order rule) is not tested on the consignment. A
        // per-item row is tested line by line: within it when any line's items are, and its
        // check shows the dearest item.
        let per_item = t.aggregation == Aggregation::Item && t.basis != ThresholdBasis::SellerTurnover;
        let mut lines_out: Vec<Option<String>> = Vec::new();
        // Why the first line whose items are within the amount is still outside the row (the
        // row's reason when no line is in it).
        let mut first_barred: Option<String> = None;
        let (compared, within) = match t.basis {
            ThresholdBasis::SellerTurnover => (None, true),
            _ if per_item => {
                let items = items.get_or_insert_with(|| item_values(ctx, values));
                let mut dearest = Decimal::ZERO;
                for (i, item) in items.iter().enumerate() {
                    let v = item_value(ctx, t, i, *item)?;
                    dearest = dearest.max(v);
                    lines_out.push(match within_amount(v, t) {
                        true => {
                            let bar = line_bar(ctx, t, &ctx.req.lines[i]);
                            if first_barred.is_none() {
                                first_barred.clone_from(&bar);
                            }
                            bar
                        }
                        false => Some(format!(
                            "line {}: an item of {} {} is not {} {}",
                            ctx.req.lines[i].id,
                            format_grouped(v),
                            t.currency,
                            if t.strictly_below { "below" } else { "at most" },
                            format_grouped(t.amount)
                        )),
                    });
                }
                (Some(dearest), lines_out.iter().any(Option::is_none))
            }
            _ => {
                let compared = compared_value(ctx, t, &cv)?;
                (Some(compared), within_amount(compared, t))
            }
        };
        // A value converted into the row's currency at a stale daily stand-in decides the row at
        // that rate: said, with the rate's date (audit-pp PP4; still priced, docs/rules.md §8).
        if let (Some(_), Some((rate_date, age_days))) = (compared, ctx.stale_stand_in) {
            if t.currency != ctx.req.currency {
                ctx.warn(Detail::ThresholdAtStaleFx { threshold: t.id, rate_date, age_days });
            }
        }
        // A row for consumers or for businesses the consignment is within: the buyer decides it
        // (over its amount, a business buyer changes nothing here).
        ctx.buyer_read |= within && for_buyer;
        if !within && t.buyer == crate::rules::Buyer::Gift && t.effect == ThresholdEffect::Relieve {
            note_items_within_gift_relief(ctx, t, values, &mut items)?;
        }
        let mut bar = match (within, per_item) {
            (false, true) => first_barred,
            (false, false) => None,
            (true, true) => consignment_bar(ctx, t),
            (true, false) if excludes_by_line(t) => consignment_bar_by_line(ctx, t, &mut lines_out),
            (true, false) => eligibility_bar(ctx, t),
        };
        if within && bar.is_none() {
            bar = registration_bar(ctx, t)?;
        }
        if within && bar.is_none() && t.effect == ThresholdEffect::SimplifiedTariff {
            bar = general_tariff_asked(ctx.req);
            if bar.is_some() {
                relief.simplified_set_aside = Some(t);
            }
        }
        if let Some(why) = &bar {
            if within && t.effect == ThresholdEffect::Relieve {
                barred_reliefs.push((ctx.warnings.len(), t));
            }
            ctx.warn(Detail::ThresholdNotApplied { threshold: t.id, why: why.clone() });
        }
        let unverified = within && bar.is_none() && t.source.is_verify();
        let applies = within && bar.is_none() && !unverified;
        let barred = bar.is_some();
        let mut note = bar.map(Note::from);
        // A relief on the customs value where the destination's value basis is unverified: FOB
        // and CIF may decide it differently (fix-cc's leftover).
        if !per_item && !barred && !t.source.is_verify() {
            if let Some(why) = basis_unsettled(ctx, t, &cv, within)? {
                ctx.warn(Detail::Unverified { why: why.clone() });
                note = Some(Note::from(why.clone()));
                relief.basis_unsettled.push((t, why));
            }
        }
        // A relief from a secondary source the consignment is over: its amount is as unverified
        // as the rest of the row, so the levies it would relieve are not priced (audit-r R-TW1:
        // Taiwan's NT$2,000 read on a page of 2021 stood for 2016, when Customs gave NT$3,000).
        if !within
            && t.source.is_verify()
            && t.effect == ThresholdEffect::Relieve
            && !amount_confirmed(&day.thresholds, t)
        {
            let mut open = over_amount_open(ctx, t, per_item)?;
            // Over the highest amount a primary text allows it (`at_most`), a line is over the
            // relief whatever its true amount: its levies are priced (audit-dd DD6).
            let reached = open.len();
            if let Some(bound) = t.at_most {
                let mut kept = Vec::with_capacity(open.len());
                for i in open {
                    let value = match per_item {
                        true => item_value(ctx, t, i, items.as_ref().map_or(Decimal::ZERO, |v| v[i]))?,
                        false => compared.unwrap_or_default(),
                    };
                    if within_limit(value, bound, t.strictly_below) {
                        kept.push(i);
                    }
                }
                open = kept;
            }
            if !open.is_empty() {
                let why = unverified_amount(t);
                ctx.warn(Detail::Unverified { why: format!("{}: over its amount, but {why}", t.id) });
                note = Some(Note::from(why));
                relief.unverified_amount.push((t, open));
            } else if reached > 0 {
                note = Some(Note::from(over_bound(t)));
            }
        }
        // A per-item row the consignment is within, but some lines' items are not: those lines
        // are outside it (their levies as without it), and the check and a warning say which.
        let split: Vec<String> = lines_out.iter().flatten().cloned().collect();
        if within && !barred && !split.is_empty() {
            outside.extend(lines_out.iter().enumerate().filter(|(_, o)| o.is_some()).map(|(i, _)| (i, t)));
            let why = match per_item {
                true => format!("not for every line (per item): {}; such a line is outside it", split.join("; ")),
                false => format!("not for every line: {}; such a line is outside it", split.join("; ")),
            };
            ctx.warn(Detail::ThresholdNotApplied { threshold: t.id, why: why.clone() });
            note = Some(Note::from(why));
        }
        // A flat rate replaces the tariff's rate of a duty that is due: a relief of the duty
        // (read after the loop, whatever the rows' order) leaves it nothing to replace.
        if unverified && t.effect == ThresholdEffect::FlatRate {
            flat_rates.push((checks.len(), t));
            checks.push(ThresholdCheck {
                id: Cow::Borrowed(t.id),
                effect: t.effect,
                limit,
                value: compared,
                applies: false,
                note,
                source: Cow::Borrowed(t.source.publisher),
            });
            continue;
        }
        // An unverified relief may have nothing left to relieve: a verified row the consignment
        // is also within (read after the loop, whatever the rows' order) relieves its levies.
        if unverified && t.effect == ThresholdEffect::Relieve {
            reliefs.push((checks.len(), t));
        } else if unverified {
            let why = unverified_threshold(t);
            ctx.warn(Detail::Unverified { why: format!("{}: within its amount, but {why}", t.id) });
            note = Some(Note::from(why));
            relief.unverified.push(t);
        }
        if applies {
            ctx.note_verify(t.source.row(), t.source.is_verify());
            if t.effect == ThresholdEffect::SellerCollects {
                ctx.warn(Detail::SellerCollects { threshold: t.id });
            }
            add_row(&mut relief, t);
            applied.push(t);
            // A scheme's assumption is the seller's registration, an excluded place of shipment's
            // is where the goods come from: each is stated only while the request does not say.
            let unsaid = (t.scheme.is_none() || ctx.req.seller_registered.is_none())
                && (t.exclude_ship_from.is_empty() || ctx.req.ship_from.is_none());
            if let Some(a) = t.assumption.filter(|_| unsaid) {
                ctx.warn(Detail::Assumption { threshold: t.id, assumption: a });
                // The lines outside a per-item row say more than its assumption (warned).
                if split.is_empty() {
                    note = Some(Note::new(Parts::Assumes(a)));
                }
            }
        }
        checks.push(ThresholdCheck {
            id: Cow::Borrowed(t.id),
            effect: t.effect,
            limit,
            value: compared,
            applies,
            note,
            source: Cow::Borrowed(t.source.publisher),
        });
    }
    settle_unverified_reliefs(ctx, &mut relief, &reliefs, &mut checks);
    relieved_instead(ctx, &applied, &barred_reliefs);
    for (i, t) in flat_rates.iter().copied() {
        match relief.duty {
            Some(r) => {
                checks[i].note = Some(Note::from(format!("the duty is relieved ({}): no flat rate to apply", r.id)));
            }
            None => {
                let why = unverified_threshold(t);
                ctx.warn(Detail::Unverified { why: format!("{}: within its amount, but {why}", t.id) });
                checks[i].note = Some(Note::from(why));
                relief.unverified.push(t);
            }
        }
    }
    sale_tax_stands(&mut relief, &mut checks);
    // A US line bearing antidumping or countervailing duty is outside de minimis.
    super::remedies::us_ad_cvd_outside(ctx, &applied, &mut outside);
    if !outside.is_empty() {
        // A line outside the duty relief the consignment is within (a gift's tea beyond the
        // relief's quantities) has the duty that relief spares the rest: a flat rate the
        // consignment is within may replace its rate (CN Part One, Section II D.1), as for a gift
        // outside the relief as a whole (audit-o O1).
        let pending: Vec<&'static Threshold> = match relief.duty {
            Some(_) => flat_rates.iter().map(|(_, t)| *t).collect(),
            None => Vec::new(),
        };
        relief.per_line = lines_relief(&relief, &applied, &outside, &pending, ctx.req.lines.len());
        note_flat_rate_outside_relief(ctx, &relief, &flat_rates, &mut checks);
    }
    note_unused_tariff_choice(ctx, &relief, &checks);
    Ok((relief, checks))
}

/// A gift over a relief's amount may hold items that would be within it alone: where the relief's
/// law relieves those (Reg. (EC) 1186/2009 art. 26(2): "relief up to that amount shall be granted
/// for such of the items as would, if imported separately, have been granted relief"), the quote,
/// which compares the consignment, charges them: stated, never in silence.
fn note_items_within_gift_relief(
    ctx: &mut Ctx<'_>,
    t: &'static Threshold,
    values: &[LineValues],
    items: &mut Option<Vec<Decimal>>,
) -> Result<()> {
    let units: Decimal = ctx.req.lines.iter().map(|l| l.quantity).decimal_sum();
    if units <= Decimal::ONE {
        return Ok(());
    }
    let items = items.get_or_insert_with(|| item_values(ctx, values));
    let cheapest = items.iter().copied().min().unwrap_or_default();
    if within_amount(converted_value(ctx, t, cheapest)?, t) {
        ctx.warn(Detail::GiftItemsOverRelief { threshold: t.id, amount: t.amount, currency: t.currency });
    }
    Ok(())
}

/// Adds an applying row to a relief.
/// Each unverified relief the consignment is within leaves the levies it would relieve unpriced,
/// unless verified rows that apply relieve them all already: then it changes nothing, and its
/// check says which row relieves them (Canada's gift of CAD 50 is within both the verified CAD 60
/// relief and the unverified relief of the excess: nothing is left for the latter to relieve).
fn settle_unverified_reliefs(
    ctx: &mut Ctx<'_>,
    relief: &mut Relief,
    reliefs: &[(usize, &'static Threshold)],
    checks: &mut [ThresholdCheck],
) {
    for &(i, t) in reliefs {
        let by = [(t.duty, relief.duty), (t.tax, relief.tax)];
        if by.iter().all(|(lifts, by)| !lifts || by.is_some()) {
            let mut ids: Vec<&str> = by.iter().filter_map(|(lifts, by)| by.filter(|_| *lifts)).map(|r| r.id).collect();
            ids.dedup();
            checks[i].note = Some(Note::from(format!(
                "what it would relieve is relieved by {}: nothing left to relieve",
                ids.join(", ")
            )));
            continue;
        }
        let why = unverified_threshold(t);
        ctx.warn(Detail::Unverified { why: format!("{}: within its amount, but {why}", t.id) });
        checks[i].note = Some(Note::from(why));
        relief.unverified.push(t);
    }
}

fn add_row(relief: &mut Relief, t: &'static Threshold) {
    match t.effect {
        ThresholdEffect::Relieve => {
            // The tightest applicable relief wins for each levy.
            let tighter = |r: &Threshold| compare(t.amount, r.amount) == Ordering::Less;
            if t.duty && relief.duty.is_none_or(tighter) {
                relief.duty = Some(t);
            }
            if t.tax && relief.tax.is_none_or(tighter) {
                relief.tax = Some(t);
            }
            if t.fees {
                relief.fees = Some(t);
            }
        }
        ThresholdEffect::SellerCollects => relief.seller_collects = Some(t),
        ThresholdEffect::FlatPerTariffLine => relief.flat_duty = Some(t),
        ThresholdEffect::MinCollectible => relief.min_collectible.push(t),
        ThresholdEffect::SimplifiedTariff => relief.simplified = Some(t),
        ThresholdEffect::ReverseCharge => relief.reverse_charge = Some(t),
        // Never applied: a flat-rate row is `verify` (the loader refuses another), so its duty
        // is unpriced instead (`thresholds`).
        ThresholdEffect::FlatRate => {}
    }
}

/// The relief of each line outside a per-item row (`None` for the others, which take the
/// consignment's): the rows that apply but those it is outside, and the unverified rows but
/// those (Norway's VOEC is per item, Skatteetaten: a NOK 3,200 item is at the border while a
/// NOK 1,600 one in the same order is under VOEC).
fn lines_relief(
    relief: &Relief,
    applied: &Several<&'static Threshold>,
    outside: &[(usize, &'static Threshold)],
    flat_rates: &[&'static Threshold],
    lines: usize,
) -> Vec<Option<Relief>> {
    let is_out = |i: usize, t: &Threshold| outside.iter().any(|(k, o)| *k == i && std::ptr::eq(*o, t));
    (0..lines)
        .map(|i| {
            if !outside.iter().any(|(k, _)| *k == i) {
                return None;
            }
            let mut r = Relief {
                min_collectible: relief.min_collectible.clone(),
                simplified_set_aside: relief.simplified_set_aside,
                unverified: relief.unverified.iter().copied().filter(|t| !is_out(i, t)).collect(),
                unverified_amount: relief.unverified_amount.clone(),
                ..Relief::default()
            };
            for t in applied.iter().copied().filter(|t| !is_out(i, t)) {
                add_row(&mut r, t);
            }
            // Outside the duty relief, the unverified flat rates the consignment is within hold
            // for the line (`thresholds` left them aside while the relief covered it).
            if r.duty.is_none() {
                for t in flat_rates.iter().copied().filter(|t| !is_out(i, t)) {
                    if !r.unverified.iter().any(|u| std::ptr::eq(*u, t)) {
                        r.unverified.push(t);
                    }
                }
            }
            sale_tax_stands(&mut r, &mut []);
            Some(r)
        })
        .collect()
}

/// An unverified flat rate the consignment is within, set aside because a relief spares the
/// duty, still reaches the lines outside that relief: their checks and a warning say which lines
/// (their duty is unpriced where the flat rate could lower it, `unprice_unverified`).
fn note_flat_rate_outside_relief(
    ctx: &mut Ctx<'_>,
    relief: &Relief,
    flat_rates: &[(usize, &'static Threshold)],
    checks: &mut [ThresholdCheck],
) {
    let Some(r) = relief.duty else { return };
    for (k, t) in flat_rates.iter().copied() {
        let ids: Vec<&str> = relief
            .per_line
            .iter()
            .enumerate()
            .filter(|(_, l)| l.as_ref().is_some_and(|l| l.unverified.iter().any(|u| std::ptr::eq(*u, t))))
            .map(|(i, _)| &ctx.req.lines[i])
            // A line whose rate is free has nothing for a flat rate to lower (CN Part One,
            // Section II D.1).
            .filter(|l| !HsCode::parse(&l.code).is_ok_and(|code| super::unverified::rate_is_free(ctx, l, &code)))
            .map(|l| l.id.as_str())
            .collect();
        if ids.is_empty() {
            continue;
        }
        let why = unverified_threshold(t);
        let note = format!(
            "the duty is relieved ({}) but for line {}, outside it: for {}, {why}",
            r.id,
            ids.join(", "),
            if ids.len() > 1 { "those" } else { "that line" }
        );
        ctx.warn(Detail::Unverified { why: format!("{}: {note}", t.id) });
        checks[k].note = Some(Note::from(note));
    }
}

/// Tax the seller collects at the sale leaves no import tax for a border relief to relieve (SG's
/// GST import relief, the AU and NZ low-value reliefs): the sale's tax stands, and a relief of
/// the tax alone says why it did not apply.
fn sale_tax_stands(relief: &mut Relief, checks: &mut [ThresholdCheck]) {
    let (Some(sale), Some(t)) = (relief.seller_collects, relief.tax) else { return };
    relief.tax = None;
    if t.duty || t.fees {
        return;
    }
    if let Some(c) = checks.iter_mut().find(|c| c.id == t.id) {
        c.applies = false;
        c.note = Some(Note::from(format!(
            "the seller collects the tax at the sale ({}): no import tax to relieve",
            sale.id
        )));
    }
}

/// The consignment's value a threshold compares, in the threshold's currency.
fn compared_value(ctx: &mut Ctx<'_>, t: &Threshold, cv: &ConsignmentValues) -> Result<Decimal> {
    if in_request_currency(ctx, t) {
        let goods: Decimal = ctx.req.lines.iter().map(|l| l.quantity * l.unit_price).decimal_sum();
        return Ok(crate::money::round_to(goods, t.currency.minor_units(), ctx.req.rounding.mode));
    }
    let value = match t.basis {
        ThresholdBasis::Intrinsic => cv.intrinsic,
        _ => cv.customs,
    };
    // A consignment's value in the threshold's own currency is compared as it is: Japan's
    // personal-use value (retail ¥16,667 × 0.6 = 10,000.2) is not rounded to the yen by the
    // request's policy before "¥10,000 or less" (audit-ff FF3).
    if t.currency == ctx.j.currency {
        return Ok(value);
    }
    converted_value(ctx, t, value)
}

/// Whether a threshold is compared with the request's own figures: the destination's law states
/// it in the currency the request is priced in (Korea's US$150 for a purchase in dollars) and it
/// compares the goods' price (intrinsic value), which the request gives in that currency. The
/// value is then never converted to the customs currency and back: rounded to the won and
/// converted back, US$149.99 was 150.01 and lost the relief (audit-ff FF24). A group's amount (the
/// EU's EUR 150 in Denmark) is the member state's to fix in its own currency: converted as before.
fn in_request_currency(ctx: &Ctx<'_>, t: &Threshold) -> bool {
    t.currency == ctx.req.currency
        && t.currency != ctx.j.currency
        && t.country == ctx.destination
        && t.basis == ThresholdBasis::Intrinsic
}

/// One item of line `i` (`item`, in the customs currency) as threshold `t` compares it: at the
/// request's own price where the law states the limit in the request's currency
/// ([`in_request_currency`]), else converted. The per-item test and the `at_most` bound read it
/// alike.
fn item_value(ctx: &mut Ctx<'_>, t: &Threshold, i: usize, item: Decimal) -> Result<Decimal> {
    match in_request_currency(ctx, t) {
        true => Ok(request_item_value(ctx, t, i)),
        false => converted_value(ctx, t, item),
    }
}

/// One item of line `i` at the request's own price ([`in_request_currency`]), rounded to the
/// threshold currency's minor unit.
fn request_item_value(ctx: &Ctx<'_>, t: &Threshold, i: usize) -> Decimal {
    let l = &ctx.req.lines[i];
    let item = if l.quantity > Decimal::ZERO { l.unit_price } else { l.quantity * l.unit_price };
    crate::money::round_to(item, t.currency.minor_units(), ctx.req.rounding.mode)
}

/// A value in the customs currency, in the threshold's currency, rounded to its minor unit.
fn converted_value(ctx: &mut Ctx<'_>, t: &Threshold, value: Decimal) -> Result<Decimal> {
    let rate = ctx.rate(ctx.j.currency, t.currency).ok_or_else(|| {
        Error::new(
            ErrorCode::FxRate,
            "fx",
            format!(
                "no exchange rate {from}/{to} to test threshold {}: give it as fx {{\"{from}/{to}\": \"…\"}}",
                t.id,
                from = ctx.j.currency,
                to = t.currency
            ),
        )
    })?;
    // In the customs currency itself the value needs no conversion (× 1 keeps it as it is).
    let converted = if t.currency == ctx.j.currency { value } else { value * rate };
    // A group's amount in a member state's own currency (the EU's EUR 150 in Sweden) is that
    // state's to fix: where its own row is not in force, the conversion is a stated assumption.
    if t.currency != ctx.j.currency && t.country != ctx.destination {
        // The rule that fixes the amount is the levy's: the Customs Code's for a duty, the VAT
        // Directive's for the IOSS amount; the EUR 22 option's is not in our sources.
        let rule = if t.duty {
            " at least once a year (Regulation (EU) 952/2013 art. 53(2), from 2016-05-01)"
        } else if t.effect == ThresholdEffect::SellerCollects {
            " once a year, and round it (Directive 2006/112/EC art. 369zc)"
        } else {
            ""
        };
        ctx.warn(Detail::ConvertedThreshold {
            threshold: t.id,
            amount: t.amount,
            from: t.currency,
            to: ctx.j.currency,
            destination: ctx.destination,
            rule,
        });
    }
    Ok(crate::money::round_to(converted, t.currency.minor_units(), ctx.req.rounding.mode))
}

/// True when a compared value is within a threshold's amount (`le` or `lt`).
fn within_amount(compared: Decimal, t: &Threshold) -> bool {
    within_limit(compared, t.amount, t.strictly_below)
}

/// Whether `compared` is within `limit`: at most it, or strictly below it.
fn within_limit(compared: Decimal, limit: Decimal, strictly_below: bool) -> bool {
    match compare(compared, limit) {
        Ordering::Less => true,
        Ordering::Equal => !strictly_below,
        Ordering::Greater => false,
    }
}

/// States when the request's `tariff` changes nothing: the destination has no simplified tariff
/// on the date, or the consignment is above it (the law then applies the general tariff).
fn note_unused_tariff_choice(ctx: &mut Ctx<'_>, relief: &Relief, checks: &[ThresholdCheck]) {
    let Some(choice) = ctx.req.tariff else { return };
    let simplified = checks.iter().find(|c| c.effect == ThresholdEffect::SimplifiedTariff);
    let why = match (choice, simplified) {
        (_, None) => {
            format!("{} has no simplified tariff on {}: its general tariff applies", ctx.destination, ctx.req.date)
        }
        (TariffChoice::Simplified, Some(c)) if relief.simplified.is_none() && relief.simplified_set_aside.is_none() => {
            format!(
                "the consignment's customs value, {} {}, is above the simplified tariff's limit ({}): the general tariff applies by law",
                c.value.map(format_grouped).unwrap_or_default(),
                ctx.j.currency,
                c.id
            )
        }
        _ => return,
    };
    let choice = match choice {
        TariffChoice::General => "general",
        TariffChoice::Simplified => "simplified",
    };
    ctx.warn(Detail::Tariff { line: "*".into(), note: format!("tariff: \"{choice}\" has no effect: {why}") });
}

/// The lines a relief the consignment is over would reach were its amount higher: none when the
/// consignment is barred from it (its buyer, place of shipment, transport, the seller's
/// registration), else those whose goods and origin it does not exclude (all of them, or none,
/// where one excluded line bars the consignment).
fn over_amount_open(ctx: &Ctx<'_>, t: &Threshold, per_item: bool) -> Result<Vec<usize>> {
    if consignment_bar(ctx, t).is_some() || registration_bar(ctx, t)?.is_some() {
        return Ok(Vec::new());
    }
    let open: Vec<usize> =
        ctx.req.lines.iter().enumerate().filter(|(_, l)| line_bar(ctx, t, l).is_none()).map(|(i, _)| i).collect();
    Ok(match per_item || excludes_by_line(t) || open.len() == ctx.req.lines.len() {
        true => open,
        false => Vec::new(),
    })
}

/// A `verify` relief whose amount an `official` relief of the same day states too (same effect,
/// amount, currency, basis and comparison): only whether it applies is unsettled, so a consignment
/// over that amount is over it, settled (audit-ee M3: the US$800 of 19 U.S.C. 1321(a)(2)(C) on
/// 2025-02-05, unsettled for products of China and Hong Kong only).
fn amount_confirmed(rows: &[&'static Threshold], t: &Threshold) -> bool {
    rows.iter().any(|o| {
        !o.source.is_verify()
            && o.effect == t.effect
            && o.amount == t.amount
            && o.currency == t.currency
            && o.basis == t.basis
            && o.strictly_below == t.strictly_below
    })
}

/// Why a relief the consignment is over leaves levies unpriced: its row, amount included, is from
/// a secondary source (docs/rules.md#not-priced).
pub(super) fn unverified_amount(t: &Threshold) -> String {
    format!(
        "{} is from a secondary source [verify] ({}): its amount, {} {}, is unverified with it, so whether the consignment is over it is too, and the {} it would relieve is not priced; a primary source for the row would price it",
        t.source.row(),
        t.source.publisher,
        format_grouped(t.amount),
        t.currency,
        levy_names(t)
    )
}

/// Why a relief on the customs value is unsettled where the destination's value basis is from a
/// secondary source and the two bases the row could be (FOB, CIF) decide it differently, naming
/// both outcomes; `None` when both decide it alike (nothing changes) or the row is not such a
/// relief (docs/rules.md#not-priced).
pub(super) fn basis_unsettled(
    ctx: &mut Ctx<'_>,
    t: &Threshold,
    cv: &ConsignmentValues,
    within: bool,
) -> Result<Option<String>> {
    let Some(other) = cv.other_basis else { return Ok(None) };
    if t.basis != ThresholdBasis::CustomsValue || t.effect != ThresholdEffect::Relieve {
        return Ok(None);
    }
    let (value, other) = (converted_value(ctx, t, cv.customs)?, converted_value(ctx, t, other)?);
    if within_amount(other, t) == within {
        return Ok(None);
    }
    let (ours, theirs) = match ctx.j.duty_basis {
        DutyBasis::Cif => ("CIF", "FOB"),
        DutyBasis::Fob => ("FOB", "CIF"),
    };
    let limit =
        format!("{} {} {}", if t.strictly_below { "below" } else { "at most" }, format_grouped(t.amount), t.currency);
    let outcome = |v: Decimal, within: bool| {
        format!("{} {} ({limit}): {}", format_grouped(v), t.currency, if within { "relieved" } else { "due" })
    };
    Ok(Some(format!(
        "{}: whether it relieves the {} is unsettled: on the {ours} value {}, on the {theirs} value {}; {} (the value basis) is from a secondary source [verify], so neither is priced",
        t.id,
        levy_names(t),
        outcome(value, within),
        outcome(other, !within),
        ctx.j.source.row()
    )))
}

/// Why a relief from a secondary source the consignment is over leaves its levies priced: a
/// primary text bounds its amount (`at_most`), and the consignment is over the bound too, so
/// no true amount could relieve it (docs/rules.md#not-priced, audit-dd DD6).
fn over_bound(t: &Threshold) -> String {
    format!(
        "{} is from a secondary source [verify] ({}): its amount, {} {}, is unverified with it, but a primary text puts it at {} {} at most (the row's source says which) and the consignment is over that too: not applied, the {} priced",
        t.source.row(),
        t.source.publisher,
        format_grouped(t.amount),
        t.currency,
        format_grouped(t.at_most.unwrap_or_default()),
        t.currency,
        levy_names(t)
    )
}

/// Why a threshold the consignment is within is not applied: its row is from a secondary source,
/// so the levies it would change are not priced (docs/rules.md#not-priced).
pub(super) fn unverified_threshold(t: &Threshold) -> String {
    let effect = match t.effect {
        ThresholdEffect::Relieve => "relieve",
        ThresholdEffect::SellerCollects => "make the seller collect at the sale",
        ThresholdEffect::FlatPerTariffLine => "replace with a flat amount",
        ThresholdEffect::MinCollectible => "waive",
        ThresholdEffect::SimplifiedTariff => "replace with the simplified tariff's rate",
        ThresholdEffect::ReverseCharge => "leave to the buyer's reverse charge",
        ThresholdEffect::FlatRate => "replace with a flat rate where lower",
    };
    format!(
        "{} is from a secondary source [verify] ({}): whether it applies is unverified, so the {} it would {effect} is not priced; a primary source for the row would price it",
        t.source.row(),
        t.source.publisher,
        levy_names(t)
    )
}

/// The levies a threshold row changes, in words ("duty and tax").
fn levy_names(t: &Threshold) -> String {
    let levies: Vec<&str> = [(t.duty, "duty"), (t.tax, "tax"), (t.fees, "fees")]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
    levies.join(" and ")
}

/// A line's share of the flat duty per tariff line and how the flat amount was shared; with
/// `unsettled`, why the share is only a lower bound (the cart's count of subheadings is not known).
#[derive(Clone)]
pub(super) struct FlatShare {
    pub(super) amount: Decimal,
    pub(super) note: String,
    pub(super) unsettled: Option<String>,
}

/// The EU flat duty per tariff line: each distinct 6-digit subheading pays the flat amount once,
/// shared among the lines that have it, by value, to the cent. A code shorter than a subheading
/// does not say which one its goods are in: where such codes leave the count open (two lines
/// "61", or "6109" beside 6109.10), the lines of short codes are charged for the subheadings they
/// surely add and are partial with the reason (audit-cc CC13).
pub(super) fn flat_duty_shares(
    ctx: &mut Ctx<'_>,
    relief: &Relief,
    values: &[LineValues],
) -> Result<Vec<Option<FlatShare>>> {
    // The lines the flat duty reaches: those no relief of the duty spares. A line outside a
    // relief the others are within (a gift's tea beyond Reg. (EC) 1186/2009 art. 27's quantities)
    // pays it like the same goods sold: Reg. (EU) 2026/382 art. 2 puts the EUR 3 "instead of the
    // relief eliminated" (art. 23, for any consignment of at most EUR 150), not of the gift
    // relief (audit-o O1; docs/rules.md#gifts).
    let reaches = |i: usize| {
        let r = relief.for_line(i);
        r.flat_duty.is_some() && r.duty.is_none()
    };
    // Nearly every quote has no flat duty: no line is looked at twice, nothing is allocated.
    let Some(t) = (0..values.len()).find(|i| reaches(*i)).and_then(|i| relief.for_line(i).flat_duty) else {
        return Ok(Vec::new());
    };
    let reached: Vec<bool> = (0..values.len()).map(reaches).collect();
    let flat = t.flat_amount.unwrap_or_default();
    let rate = ctx.rate(t.currency, ctx.j.currency).ok_or_else(|| {
        Error::new(ErrorCode::FxRate, "fx", format!("no exchange rate {}/{}", t.currency, ctx.j.currency))
    })?;
    let amount = ctx.round(flat * rate);
    let subheadings: Vec<String> =
        ctx.req.lines.iter().map(|l| HsCode::parse(&l.code).map(|c| c.prefix(6).to_string())).collect::<Result<_>>()?;
    let per_line = format!("{} {} per tariff line", format_grouped(flat), t.currency);
    let mut shares: Vec<Option<FlatShare>> = vec![None; values.len()];
    let short: Vec<usize> = (0..values.len()).filter(|i| reached[*i] && subheadings[*i].len() < 6).collect();
    let unsettled = unsettled_subheadings(&subheadings, &reached, &short);
    let mut seen: Vec<&str> = Vec::new();
    for (i, sub) in subheadings.iter().enumerate() {
        let pooled = unsettled.is_some() && short.contains(&i);
        if !reached[i] || pooled || seen.contains(&sub.as_str()) {
            continue;
        }
        seen.push(sub);
        let group: Vec<usize> = (0..values.len()).filter(|k| reached[*k] && subheadings[*k] == *sub).collect();
        let note = format!("{per_line} × 1 line (HS {sub}){}", shared_by(group.len()));
        share_out(ctx, amount, values, &group, &note, None, &mut shares)?;
    }
    if let Some((added, codes)) = unsettled {
        let note = format!(
            "{per_line} × at least {added} (HS {codes}: codes shorter than a subheading){}",
            shared_by(short.len())
        );
        let why = format!(
            "the flat duty is {per_line} per distinct subheading (6 digits) and the codes {codes} are shorter: whether these lines share one is not known, so only the {added} they surely add is charged (at most {per_line} for each of the {} lines); give the full codes",
            short.len()
        );
        let total = amount * Decimal::from(added);
        share_out(ctx, total, values, &short, &note, Some(why), &mut shares)?;
    }
    Ok(shares)
}

/// ", shared by N cart lines by value" when more than one line shares a flat amount.
fn shared_by(lines: usize) -> String {
    if lines > 1 {
        format!(", shared by {lines} cart lines by value")
    } else {
        String::new()
    }
}

/// Shares `total` among the lines of `group` by value, to the cent.
fn share_out(
    ctx: &Ctx<'_>,
    total: Decimal,
    values: &[LineValues],
    group: &[usize],
    note: &str,
    unsettled: Option<String>,
    shares: &mut [Option<FlatShare>],
) -> Result<()> {
    let weights: Vec<Decimal> = group.iter().map(|k| values[*k].goods.max(Decimal::new(1, 2))).collect();
    let parts = allocate(total, &weights, ctx.j.currency.minor_units())?;
    for (k, part) in group.iter().zip(parts) {
        shares[*k] = Some(FlatShare { amount: part, note: note.to_string(), unsettled: unsettled.clone() });
    }
    Ok(())
}

/// When codes shorter than a subheading (`short`, indices of reached lines) leave the count of
/// distinct subheadings open: how many they surely add to the full codes' subheadings, and the
/// short codes. A short code another short code extends may share its subheading; one that a
/// full code's subheading extends may share that one; the codes no other extends, and no full
/// code's subheading either, are in distinct subheadings of their own (the sure minimum). The
/// most is one subheading per short line: when the two agree, the count is known (`None`).
fn unsettled_subheadings(subheadings: &[String], reached: &[bool], short: &[usize]) -> Option<(usize, String)> {
    let known: Vec<&str> = (0..subheadings.len())
        .filter(|i| reached[*i] && subheadings[*i].len() >= 6)
        .map(|i| subheadings[i].as_str())
        .collect();
    // Distinct, in the cart's order (no sort: each one monomorphised costs the module kilobytes).
    let mut codes: Vec<&str> = Vec::new();
    for i in short {
        if !codes.contains(&subheadings[*i].as_str()) {
            codes.push(&subheadings[*i]);
        }
    }
    let extends = |longer: &str, shorter: &str| longer.len() > shorter.len() && longer.starts_with(shorter);
    let added = codes
        .iter()
        .filter(|c| !codes.iter().any(|o| extends(o, c)) && !known.iter().any(|k| k.starts_with(**c)))
        .count();
    (added < short.len()).then(|| (added, codes.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use rust_decimal_macros::dec;

    fn gb(lines: &str) -> QuoteRequest {
        request(&format!(
            r#"{{"destination":"GB","date":"2026-03-02","currency":"GBP","shipping":"12.00","lines":[{lines}]}}"#
        ))
    }

    #[test]
    fn gb_consignment_within_135_is_relieved_of_duty_and_the_seller_collects_vat_rules_3() {
        // docs/rules.md §3: GB compares the intrinsic value (goods only) with £135: 2 × 10.50 +
        // 1 × 80.00 = 101.00 ≤ 135, so no import duty, and the seller charges the VAT.
        let req = gb(r#"{"id":"a","code":"6109100010","quantity":"2","unit_price":"10.50"},
                        {"id":"b","code":"6109100010","quantity":"1","unit_price":"80.00"}"#);
        let mut ctx = context(&req);
        let lines = [values(dec!(21.00), dec!(2.50), dec!(0)), values(dec!(80.00), dec!(9.50), dec!(0))];
        let cv = consignment_values(&ctx, &lines);
        assert_eq!((cv.intrinsic, cv.customs, dearest_item(&ctx, &lines)), (dec!(101.00), dec!(113.00), dec!(80.00)));
        let (relief, checks) = thresholds(&mut ctx, &lines).unwrap();
        assert_eq!(relief.duty.map(|t| t.id), Some("gb-low-value-135"));
        assert_eq!(relief.seller_collects.map(|t| t.id), Some("gb-low-value-vat-135"));
        assert!(checks.iter().all(|c| c.applies && c.value == Some(dec!(101.00))), "{checks:?}");
    }

    #[test]
    fn gb_consignment_over_135_gets_no_relief_rules_3() {
        // 2 × 70.00 = 140.00 > 135: duty and import VAT are due at the border.
        let req = gb(r#"{"id":"a","code":"6109100010","quantity":"2","unit_price":"70.00"}"#);
        let mut ctx = context(&req);
        let (relief, checks) = thresholds(&mut ctx, &[values(dec!(140.00), dec!(12.00), dec!(0))]).unwrap();
        assert!(relief.duty.is_none() && relief.seller_collects.is_none());
        assert!(checks.iter().all(|c| !c.applies && c.value == Some(dec!(140.00))), "{checks:?}");
    }

    #[test]
    fn wine_is_outside_the_gb_low_value_relief_rules_3() {
        // docs/rules.md §3: the GB relief excludes excise goods (HS 2204, wine), whatever the value.
        let req = gb(r#"{"id":"w","code":"2204.21.09.00","quantity":"1","unit_price":"20.00"}"#);
        let mut ctx = context(&req);
        let (relief, _) = thresholds(&mut ctx, &[values(dec!(20.00), dec!(12.00), dec!(0))]).unwrap();
        assert!(relief.duty.is_none());
        assert!(ctx
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::ThresholdNotApplied && w.message.contains("HS 2204")));
    }

    #[test]
    fn amounts_compare_exactly_across_scales() {
        for (a, b) in [
            (dec!(135.00), dec!(135)),
            (dec!(134.99), dec!(135)),
            (dec!(135.01), dec!(135)),
            (dec!(-0.00), dec!(0)),
            (dec!(0.0000000001), dec!(1)),
            (dec!(150), dec!(22)),
        ] {
            assert_eq!(compare(a, b), a.cmp(&b), "{a} vs {b}");
            assert_eq!(compare(b, a), b.cmp(&a), "{b} vs {a}");
        }
    }
}
