//! Stage 6, fees: entry fees with floors, caps and bands, and the declaration-level rounding.

use super::*;
use crate::money::DecimalSum;
use crate::rules::codes::ExemptWhen;

/// Entry fees with floors and caps (US MPF: formal vs informal entry; AU import processing
/// charge by value band; NZ border fees), fees limited to one transport mode (US harbor
/// maintenance fee) or channel (the US dutiable mail fee; mail is exempt from the MPF), and the
/// declaration-level rounding of the destination's tax law.
///
/// A fee that preference programmes exempt (the US MPF: 19 U.S.C. 58c(b)(8)(B), (10)-(21)) is
/// not charged when every line of the entry is exempt, and the claims' savings include it (see
/// [`fee_exemption`]).
pub(super) fn fees(ctx: &mut Ctx<'_>, relief: &Relief, lines: &mut [LineQuote]) -> Vec<Levy> {
    let mut out = Vec::new();
    // Lines outside a fee relief the consignment has (a US line bearing antidumping or
    // countervailing duty is not entered under de minimis: `remedies::us_ad_cvd_outside`) are
    // entered on their own value, and the fees are charged on it.
    let outside_fee_relief =
        relief.fees.is_some() && relief.per_line.iter().any(|r| r.as_ref().is_some_and(|r| r.fees.is_none()));
    let fee_relief = relief.fees.filter(|_| !outside_fee_relief);
    let entered: Decimal = match outside_fee_relief {
        true => lines
            .iter()
            .enumerate()
            .filter(|(i, _)| relief.for_line(*i).fees.is_none())
            .map(|(_, l)| l.customs_value)
            .decimal_sum(),
        false => lines.iter().map(|l| l.customs_value).decimal_sum(),
    };
    let day = std::sync::Arc::clone(&ctx.day);
    let (transport, assumed) = fee_transport(ctx.req);
    let mut transport_assumed = false;
    let mut needs_transport: Vec<&'static crate::rules::Fee> = Vec::new();
    for &f in &day.fees {
        if !f.channels.is_empty() && !f.channels.contains(&ctx.req.channel()) {
            continue;
        }
        // A fee on goods sold is not considered for a gift; one on distance sales neither for a
        // business buyer (Directive 2006/112/EC art. 14(4)).
        let excluded = match f.condition {
            FeeCondition::NotGift => ctx.req.gift,
            FeeCondition::DistanceSale => ctx.req.gift || ctx.req.business_buyer,
            _ => false,
        };
        if excluded {
            continue;
        }
        let Some(rate) = ctx.rate(ctx.j.currency, f.currency) else {
            // Never dropped in silence: without the rate neither the fee's bands nor its figure
            // can be read, so it is listed unpriced with the reason (the EUR 2 handling fee in
            // SEK past the last ECB rate in our data).
            out.push(fee_without_rate(ctx, f, entered));
            continue;
        };
        let value = entered * rate;
        let formal = match ctx.req.entry_type {
            Some(crate::request::EntryType::Formal) => true,
            Some(crate::request::EntryType::Informal) => false,
            None => value > f.formal_above,
        };
        // The entry type is the caller's where given: said so when the value alone would not
        // make it (a formal entry may be chosen below the limit; an informal one above it is
        // refused before pricing, `inputs::check_entry_type`).
        let chosen = ctx.req.entry_type.is_some() && formal != (value > f.formal_above);
        let entry_applies = match f.entry {
            EntryKind::Formal => formal,
            EntryKind::Informal => !formal,
            EntryKind::Any => true,
        };
        let in_band = f.value_from.is_none_or(|from| value >= from) && f.value_below.is_none_or(|below| value < below);
        if !entry_applies || !in_band {
            continue;
        }
        if !f.transport.is_empty() {
            match transport {
                Some(t) => {
                    transport_assumed |= assumed;
                    if !f.transport.contains(&t) {
                        continue;
                    }
                }
                None => {
                    needs_transport.push(f);
                    continue;
                }
            }
        }
        // A row of unknown figures has none from any source: its W_FEE_UNKNOWN says why; an
        // unpriced verify row's own W_VERIFY (below) says why it is not priced.
        let said_below = matches!(f.kind, FeeKind::Unknown | FeeKind::Expected) || unverified_fee(f, relief).is_some();
        ctx.note_verify(f.source.row(), f.source.is_verify() && !said_below);
        if let Some(v) = old_vintage(f, ctx.req.date) {
            ctx.warn(Detail::OldRule { row: f.source.row(), vintage: v });
        }
        let entry = match f.entry {
            EntryKind::Any => "any entry".to_string(),
            _ if formal && chosen => {
                format!("formal entry chosen by the caller (entry_type; value ≤ {} {})", f.formal_above, f.currency)
            }
            _ if formal => format!("formal entry (value > {} {})", f.formal_above, f.currency),
            _ => format!("informal entry (value ≤ {} {})", f.formal_above, f.currency),
        };
        let to_cur = |a: Decimal| if rate.is_zero() { a } else { a / rate };
        if let Some(t) = fee_relief {
            out.push(fee_levy(
                f.name,
                entered,
                entry,
                "relieved",
                Some(ctx.round(Decimal::ZERO)),
                Note::new(Parts::NotDue { threshold: t.id, source: t.source.publisher }),
                &t.source,
            ));
            continue;
        }
        if let Some(levy) = fee_not_charged(f, entered, &entry, lines, ctx) {
            // An exemption rests on what its row assumes; a fee not due needs no assumption.
            if f.kind == FeeKind::Exempt {
                state_assumption(ctx, f);
            }
            out.push(levy);
            continue;
        }
        state_assumption(ctx, f);
        let priced = match (f.kind, f.percent, f.amount) {
            (FeeKind::AdValorem, Some(pct), _) => {
                let raw = crate::money::per_cent(pct * value);
                let mut a = raw;
                let mut note = format!("{}% × {}", pct.normalize(), format_grouped(value.round_dp(2)));
                let shown_raw = format_grouped(raw.round_dp(2));
                if let Some(min) = f.min.filter(|m| a < *m) {
                    a = min;
                    note.push_str(&format!(" = {shown_raw} → minimum {}", format_grouped(min)));
                }
                if let Some(max) = f.max.filter(|m| a > *m) {
                    a = max;
                    note.push_str(&format!(" = {shown_raw} → maximum {}", format_grouped(max)));
                }
                Some((ctx.round(to_cur(a)), note))
            }
            (FeeKind::Flat, _, Some(flat)) => {
                Some((ctx.round(to_cur(flat)), format!("flat {} {}", format_grouped(flat), f.currency)))
            }
            _ => None,
        };
        if let Some((amount, _)) =
            priced.as_ref().filter(|_| !f.source.is_verify() && unverified_fee(f, relief).is_none())
        {
            offer_fee_savings(ctx, f, *amount, lines);
        }
        if let Some(exemption) = fee_exemption(ctx, f, lines) {
            out.push(exempted(ctx, f, &entry, entered, exemption, priced.as_ref(), lines));
            continue;
        }
        let (amount, formula) = match priced {
            Some(priced) => priced,
            None => {
                // An expected fee's start is not read: it may be due, not "is due" (audit-z Z6).
                let why = match f.kind {
                    FeeKind::Expected => format!(
                        "{} may be due from {} (expected; its start is not read) and its figures for {} are not in our data: {}",
                        f.name,
                        f.valid_from.map(|d| d.to_string()).unwrap_or_default(),
                        ctx.req.date,
                        f.source.publisher
                    ),
                    _ => format!(
                        "{} is due but its figures for {} are not in our data: {}",
                        f.name, ctx.req.date, f.source.publisher
                    ),
                };
                ctx.warn(Detail::FeeUnknown { why: why.clone() });
                out.push(fee_levy(f.name, entered, entry, "unknown", None, why, &f.source));
                continue;
            }
        };
        if let Some(why) = unverified_fee(f, relief) {
            // A fee from a secondary source (or relieved by an unverified threshold) is not
            // priced: its figure stays in the formula.
            ctx.warn(Detail::Unverified { why: why.clone() });
            let shown = format!("{formula} = {} — not priced: {why}", format_grouped(amount));
            out.push(Levy {
                not_priced: true,
                ..fee_levy(f.name, entered, entry, "unverified", None, shown, &f.source)
            });
            continue;
        }
        let published = f
            .percent
            .map(|p| format!("{}%", p.normalize()))
            .unwrap_or_else(|| format!("{} {}", f.amount.unwrap_or_default(), f.currency));
        let shown = format!("{formula} = {}", format_grouped(amount));
        out.push(fee_levy(f.name, entered, entry, published, Some(amount), shown, &f.source));
    }
    if transport_assumed {
        ctx.warn(Detail::Assumption { threshold: "transport", assumption: COURIER_BY_AIR });
    }
    out.extend(not_priced_without_transport(ctx, &needs_transport, entered));
    out.extend(declaration_rounding(ctx, lines));
    out
}

/// A fee whose currency has no customs exchange rate to the destination's on the quote's date:
/// listed without an amount, its reason naming the missing rate (rule 18), so the quote is not
/// complete.
fn fee_without_rate(ctx: &mut Ctx<'_>, f: &'static crate::rules::Fee, entered: Decimal) -> Levy {
    let why = format!(
        "{} may be due, but the exchange rate from {} to {} on {} is not in our data, so neither its value bands nor its figure can be read: {}",
        f.name, ctx.j.currency, f.currency, ctx.req.date, f.source.publisher
    );
    ctx.warn(Detail::FeeUnknown { why: why.clone() });
    fee_levy(f.name, entered, "any entry".to_string(), "unknown", None, why, &f.source)
}

/// What a courier consignment without `transport` is assumed to travel by.
const COURIER_BY_AIR: &str = "the courier consignment travels by air (transport not given); by sea or road the fees that depend on the transport differ (a harbor maintenance fee, a biosecurity charge by sea): give transport";

/// How the goods travel, for the fees that depend on it, and whether that is assumed: the
/// request's `transport`; by post for the post channel; by air for a courier consignment
/// (express carriers fly; stated as an assumption); unknown for freight, which goes by sea, air,
/// road or rail alike.
pub(super) fn fee_transport(req: &QuoteRequest) -> (Option<crate::request::Transport>, bool) {
    use crate::request::{Channel, Transport};
    match (req.transport, req.channel()) {
        (Some(t), _) => (Some(t), false),
        (None, Channel::Post) => (Some(Transport::Post), false),
        (None, Channel::Courier) => (Some(Transport::Air), true),
        (None, Channel::Freight) => (None, false),
    }
}

/// The fees that depend on the transport of a consignment whose transport is not known: each
/// listed once without an amount (the quote is incomplete, never silently without them), with
/// `W_FEE_NEEDS_TRANSPORT` naming the modes that pay it.
fn not_priced_without_transport(ctx: &mut Ctx<'_>, rows: &[&'static crate::rules::Fee], entered: Decimal) -> Vec<Levy> {
    let mut out: Vec<Levy> = Vec::new();
    for (i, f) in rows.iter().enumerate() {
        if rows[..i].iter().any(|o| o.name == f.name) {
            continue;
        }
        let mut modes: Vec<&'static str> = Vec::new();
        for t in rows.iter().filter(|o| o.name == f.name).flat_map(|o| o.transport.iter()) {
            if !modes.contains(&t.name()) {
                modes.push(t.name());
            }
        }
        let why = format!(
            "{} depends on how the goods travel (charged on {} shipments, at their own rates): not priced: give transport",
            f.name,
            modes.join("/")
        );
        ctx.warn(Detail::FeeNeedsTransport { fee: f.name, modes, row: f.source.row() });
        out.push(fee_levy(f.name, entered, "any entry", "needs transport", None, why, &f.source));
    }
    out
}

/// The lines of an entry a fee's exemption covers: for each line, the programme that exempts it
/// (its claim, or for a programme whose exemption follows origin, the line's origin), if any.
struct Exemption {
    by_line: Vec<Option<&'static Programme>>,
    /// The first line's programme: the levy cites its exemption.
    first: &'static Programme,
}

impl Exemption {
    /// The programmes that exempt some line, each once, in line order.
    fn programmes(&self) -> Vec<&'static Programme> {
        let mut out: Vec<&'static Programme> = Vec::new();
        for p in self.by_line.iter().flatten() {
            if !out.iter().any(|q| std::ptr::eq(*q, *p)) {
                out.push(p);
            }
        }
        out
    }

    /// `S (United States-Mexico-Canada Agreement)`, `S, AU` for several.
    fn named(&self) -> String {
        let programmes = self.programmes();
        match programmes.as_slice() {
            [p] => format!("{} ({})", p.code, p.name),
            many => many.iter().map(|p| p.code).collect::<Vec<_>>().join(", "),
        }
    }
}

/// How the destination's preference programmes bear on fee `f` for these lines: `None` when no
/// line is exempt. A programme exempts a line that claims it (the originating goods of most US
/// FTAs: 19 U.S.C. 58c(b)(10)(B), (12)-(21)) or, where its exemption follows origin, a line of a
/// partner whether it claims or not (products of CBERA beneficiaries, 58c(b)(8)(B)(iii)).
fn fee_exemption(ctx: &Ctx<'_>, f: &crate::rules::Fee, lines: &[LineQuote]) -> Option<Exemption> {
    let rules: &'static Rules = ctx.rules;
    let programmes = rules.programmes(ctx.destination);
    if !programmes.iter().any(|p| p.exempts_fee(f.id)) {
        return None;
    }
    let by_line: Vec<Option<&'static Programme>> = lines.iter().map(|l| line_exemption(ctx, f, l)).collect();
    let first = by_line.iter().flatten().next().copied()?;
    Some(Exemption { by_line, first })
}

/// The programme that exempts `line` from fee `f`: the one it claims, or one whose exemption
/// follows its origin ([`fee_exemption`]).
fn line_exemption(ctx: &Ctx<'_>, f: &crate::rules::Fee, line: &LineQuote) -> Option<&'static Programme> {
    let rules: &'static Rules = ctx.rules;
    let date = ctx.req.date;
    let claimed = line.claim.as_ref().and_then(|c| rules.programme(ctx.destination, &c.program, date));
    claimed.filter(|p| p.exempts_fee(f.id)).or_else(|| {
        let origin = line.origin.as_deref()?;
        rules
            .programmes(ctx.destination)
            .iter()
            .find(|p| p.fee_exempt_when == ExemptWhen::Origin && p.exempts_fee(f.id) && p.open_to(origin, date))
    })
}

/// Adds fee `f` (priced at `amount` for the whole entry) to the total saving of each unclaimed
/// offer whose claim would remove it, as the claim itself counts it ([`share_fee_saving`]): the
/// offered programme exempts the fee when claimed, and every other line of the entry is exempt
/// (verified), so claiming this line leaves no line to pay it (audit-dd DD5: a KORUS beef offer
/// of 2026-03-15 said 2,640.00 where the claim saves 2,674.64 with the MPF). An offer without a
/// sure saving (the staging window) stays without one.
fn offer_fee_savings(ctx: &Ctx<'_>, f: &crate::rules::Fee, amount: Decimal, lines: &mut [LineQuote]) {
    let rules: &'static Rules = ctx.rules;
    if !lines.iter().any(|l| l.claim.is_none() && !l.alternatives.is_empty())
        || !rules.programmes(ctx.destination).iter().any(|p| p.exempts_fee(f.id))
    {
        return;
    }
    let by_line: Vec<Option<&'static Programme>> = lines.iter().map(|l| line_exemption(ctx, f, l)).collect();
    for i in 0..lines.len() {
        let others_exempt = by_line
            .iter()
            .enumerate()
            .all(|(j, p)| j == i || p.is_some_and(|p| unverified_exemption(ctx, &lines[j], p).is_none()));
        if lines[i].claim.is_some() || by_line[i].is_some() || !others_exempt {
            continue;
        }
        // The lines that would share the fee removed: those claiming the programme that exempts
        // them, and this one.
        let claimers: Vec<usize> = (0..lines.len())
            .filter(|&j| {
                j == i
                    || by_line[j].is_some_and(|p| {
                        lines[j].claim.as_ref().is_some_and(|c| p.code.eq_ignore_ascii_case(&c.program))
                    })
            })
            .collect();
        let share = claimers
            .iter()
            .position(|&j| j == i)
            .map_or(Decimal::ZERO, |k| fee_shares(ctx, amount, &claimers, lines)[k]);
        for k in 0..lines[i].alternatives.len() {
            let offered = rules.programme(ctx.destination, &lines[i].alternatives[k].program, ctx.req.date);
            let Some(p) = offered.filter(|p| p.exempts_fee(f.id)) else { continue };
            if unverified_exemption(ctx, &lines[i], p).is_some() {
                continue;
            }
            let alt = &mut lines[i].alternatives[k];
            let Some(total) = alt.total_saving.map(|t| t + share) else { continue };
            alt.total_saving = Some(total);
            alt.note.push_str(&format!(
                "; the claim also removes the {} ({}, every line of the entry then exempt): full saving {}",
                f.name,
                format_grouped(share),
                format_grouped(total)
            ));
        }
    }
}

/// The shares of a fee of `amount` removed from the lines `claimers` (in line order), by customs
/// value, the last taking what rounding leaves: a claim's share ([`share_fee_saving`]) and an
/// offer's ([`offer_fee_savings`]), one body for both (size-k).
// `left = left - share` on purpose: `-=` would link rust_decimal's own copy of the subtraction
// (money::add_to says why).
#[allow(clippy::assign_op_pattern)]
fn fee_shares(ctx: &Ctx<'_>, amount: Decimal, claimers: &[usize], lines: &[LineQuote]) -> Vec<Decimal> {
    let weight: Decimal = claimers.iter().map(|&j| lines[j].customs_value).decimal_sum();
    let mut left = amount;
    let mut shares = Vec::with_capacity(claimers.len());
    for (k, &j) in claimers.iter().enumerate() {
        let share = match weight.is_zero() {
            _ if k + 1 == claimers.len() => left,
            true if k == 0 => amount,
            true => Decimal::ZERO,
            false => ctx.round(amount * lines[j].customs_value / weight),
        };
        left = left - share;
        shares.push(share);
    }
    shares
}

/// Why a line's exemption is not priced, if it is not: the programme's row or the origin's
/// membership of its partners is `verify` (the claim is not priced either), or the exemption
/// itself rests on a secondary source.
fn unverified_exemption(ctx: &Ctx<'_>, line: &LineQuote, p: &Programme) -> Option<String> {
    let origin = line.origin.as_deref().unwrap_or_default();
    if p.unverified_for(origin, ctx.req.date) {
        Some(format!(
            "line {}: {} ({})'s partners or dates come from a secondary source [verify]",
            line.id, p.code, p.name
        ))
    } else if p.fee_source.is_verify() {
        Some(format!("line {}: {} ({})'s fee exemption rests on a secondary source [verify]", line.id, p.code, p.name))
    } else {
        None
    }
}

/// The levy of a fee some lines are exempt from. Every line exempt (and every exemption
/// verified): not due, 0.00, and each claiming line's saving includes its share of the fee it
/// would have paid (by customs value). Lines exempt on a secondary source: not priced, the fee is
/// 0.00 if they hold. Some lines not exempt: the fee is due on them only, but how its minimum,
/// maximum or flat amount applies to an entry of exempt and non-exempt goods is not in our
/// sources: not priced (`W_FEE_UNKNOWN`), never guessed.
fn exempted(
    ctx: &mut Ctx<'_>,
    f: &'static crate::rules::Fee,
    entry: &str,
    entered: Decimal,
    exemption: Exemption,
    priced: Option<&(Decimal, String)>,
    lines: &mut [LineQuote],
) -> Levy {
    let named = exemption.named();
    let first = exemption.first;
    let without = match priced {
        Some((amount, formula)) if f.source.is_verify() => {
            format!("{formula} = {}, from a source we could not verify", format_grouped(*amount))
        }
        Some((amount, formula)) => format!("{formula} = {}", format_grouped(*amount)),
        None => format!("its figures for {} are not in our data", ctx.req.date),
    };
    let levy = |rate: &'static str, amount: Option<Decimal>, formula: String| {
        fee_levy(f.name, entered, entry.to_string(), rate, amount, formula, &first.fee_source)
    };
    let outside: Vec<&str> =
        lines.iter().zip(&exemption.by_line).filter(|(_, p)| p.is_none()).map(|(l, _)| l.id.as_str()).collect();
    if !outside.is_empty() {
        let exempt_value: Decimal = lines
            .iter()
            .zip(&exemption.by_line)
            .filter(|(_, p)| p.is_some())
            .map(|(l, _)| l.customs_value)
            .decimal_sum();
        let why = format!(
            "{} is not priced: the goods exempt under {named} ({} of the entry's {}) pay none of it, line{} {} do{}, and how the fee's minimum, maximum or flat amount applies to an entry of exempt and non-exempt goods is not in our sources (the whole entry without the exemption: {without})",
            f.name,
            format_grouped(exempt_value),
            format_grouped(entered),
            if outside.len() == 1 { "" } else { "s" },
            outside.join(", "),
            if outside.len() == 1 { "es" } else { "" },
        );
        ctx.warn(Detail::FeeUnknown { why: why.clone() });
        return Levy { not_priced: true, ..levy("unknown", None, why) };
    }
    let unverified: Vec<String> = lines
        .iter()
        .zip(&exemption.by_line)
        .filter_map(|(l, p)| p.and_then(|p| unverified_exemption(ctx, l, p)))
        .collect();
    if !unverified.is_empty() {
        for p in exemption.programmes() {
            ctx.note_verify(p.source.row(), p.source.is_verify());
            ctx.note_verify(p.fee_source.row(), p.fee_source.is_verify());
        }
        let why = format!(
            "{} is not priced: it is 0.00 if every line is exempt under {named}, but {}; without the exemption: {without}",
            f.name,
            unverified.join("; ")
        );
        ctx.warn(Detail::Unverified { why: why.clone() });
        return Levy { not_priced: true, ..levy("unverified", None, why) };
    }
    // An unverified figure is not a saving: the fee removed is listed without an amount.
    let saved = priced.filter(|_| !f.source.is_verify()).map(|(a, _)| *a);
    share_fee_saving(ctx, f, &exemption, saved, lines);
    levy(
        "exempt",
        Some(ctx.round(Decimal::ZERO)),
        format!("not due: every line is exempt under {named}; without the exemption: {without}"),
    )
}

/// Adds the fee the exemption removed to each claiming line's saving, the lines sharing it by
/// customs value (the last takes what rounding leaves, so the shares add up to the fee); a fee
/// whose figures are unknown is listed without an amount. Lines exempt by origin alone make no
/// claim and record nothing.
fn share_fee_saving(
    ctx: &Ctx<'_>,
    f: &crate::rules::Fee,
    exemption: &Exemption,
    amount: Option<Decimal>,
    lines: &mut [LineQuote],
) {
    let claiming: Vec<(usize, &'static Programme)> = (0..lines.len())
        .filter_map(|i| {
            let p = exemption.by_line[i]?;
            let c = lines[i].claim.as_ref()?;
            p.code.eq_ignore_ascii_case(&c.program).then_some((i, p))
        })
        .collect();
    let claimers: Vec<usize> = claiming.iter().map(|&(i, _)| i).collect();
    let shares = amount.map(|a| fee_shares(ctx, a, &claimers, lines));
    for (k, &(i, p)) in claiming.iter().enumerate() {
        let share = shares.as_ref().map(|s| s[k]);
        if let Some(c) = lines[i].claim.as_deref_mut() {
            claim_fee_removed(
                c,
                FeeRemoved { name: f.name.into(), amount: share, source: p.fee_source.publisher.into() },
            );
        }
    }
}

/// The vintage of a fee row that may be out of date on `date` (`W_OLD_RULE`): more than a year
/// old, on a row without an end date. A row with a `valid_to` is in force on `date` by its own
/// period (a fiscal year's fee), whatever the age of the notice that set it.
fn old_vintage(f: &crate::rules::Fee, date: Date) -> Option<Date> {
    f.vintage.filter(|v| f.valid_to.is_none() && date.days_since_epoch() - v.days_since_epoch() > 365)
}

/// States what the fee's row assumes (`W_ASSUMPTION`), if anything.
fn state_assumption(ctx: &mut Ctx<'_>, f: &'static crate::rules::Fee) {
    if let Some(a) = f.assumption {
        ctx.warn(Detail::Assumption { threshold: f.id, assumption: a });
    }
}

/// Whether a consignment owes duty (or duty or tax), as far as its lines are priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DutyOwed {
    Yes,
    No,
    /// No duty priced above zero, but some duty is not priced.
    Unknown,
}

/// Whether the lines owe duty (customs or additional): a priced or lower-bound amount above
/// zero is duty owed; otherwise a duty not priced, or a line not fully priced, leaves it
/// unknown; only every line priced with zero duty owes none.
fn duty_owed(lines: &[LineQuote]) -> DutyOwed {
    owed(lines, &[LevyKind::Duty, LevyKind::AdditionalDuty])
}

/// Whether the lines owe any levy of `kinds`, as [`duty_owed`] tells it for duty.
fn owed(lines: &[LineQuote], kinds: &[LevyKind]) -> DutyOwed {
    let levies = || lines.iter().flat_map(|l| l.levies.iter()).filter(|l| kinds.contains(&l.kind));
    if levies().any(|l| l.amount.or(l.partial_amount).is_some_and(|a| a > Decimal::ZERO)) {
        DutyOwed::Yes
    } else if levies().any(|l| l.amount.is_none()) || lines.iter().any(|l| l.status != LineStatus::Priced) {
        DutyOwed::Unknown
    } else {
        DutyOwed::No
    }
}

/// The levy of a fee the law does not charge on this consignment, if it is not charged: an
/// exemption (`exempt`: zero, with its reason), or a fee on dutiable items only when the lines
/// owe no duty (zero, saying why) or their duty is not priced (no amount: the fee depends on it),
/// or a fee going with the charges collected when no duty or tax is (the same three ways).
fn fee_not_charged(
    f: &'static crate::rules::Fee,
    entered: Decimal,
    entry: &str,
    lines: &[LineQuote],
    ctx: &mut Ctx<'_>,
) -> Option<Levy> {
    let (rate, amount, formula) = if f.kind == FeeKind::Exempt {
        ("exempt", Some(ctx.round(Decimal::ZERO)), format!("not due: {}", f.source.publisher))
    } else if f.condition == FeeCondition::Dutiable {
        match duty_owed(lines) {
            DutyOwed::Yes => return None,
            DutyOwed::No => (
                "not due",
                Some(ctx.round(Decimal::ZERO)),
                "not due: the consignment owes no duty and the fee is charged on dutiable items only".to_string(),
            ),
            DutyOwed::Unknown => {
                ("unknown", None, "due only if the consignment owes duty, and its duty is not fully priced".to_string())
            }
        }
    } else if f.condition == FeeCondition::Collected {
        match owed(lines, &[LevyKind::Duty, LevyKind::AdditionalDuty, LevyKind::Tax]) {
            DutyOwed::Yes => return None,
            DutyOwed::No => (
                "not due",
                Some(ctx.round(Decimal::ZERO)),
                "not due: no duty or tax is collected on the consignment and the fee goes with the charges collected"
                    .to_string(),
            ),
            DutyOwed::Unknown => (
                "unknown",
                None,
                "due only if duty or tax is collected, and the consignment's duty and tax are not fully priced"
                    .to_string(),
            ),
        }
    } else {
        return None;
    };
    Some(fee_levy(f.name, entered, entry.to_string(), rate, amount, formula, &f.source))
}

/// Why a fee is not priced: its row is from a secondary source, or an unverified threshold the
/// consignment is within may relieve it.
fn unverified_fee(f: &crate::rules::Fee, relief: &Relief) -> Option<String> {
    if f.source.is_verify() {
        return Some(format!(
            "{} is from a secondary source [verify] ({}): the fee is not priced; a primary source for its amount and dates would price it",
            f.source.row(), f.source.publisher
        ));
    }
    relief.unverified.iter().find(|t| t.fees).map(|t| format!("{}: {}", t.id, unverified_threshold(t))).or_else(|| {
        relief
            .unverified_amount
            .iter()
            .find(|(t, _)| t.fees)
            .map(|(t, _)| format!("{}: {}", t.id, unverified_amount(t)))
    })
}

/// The request's `tax_base_charges` (a carrier's clearance or handling fee, in the customs
/// currency) as a shipment charge: the buyer pays it, so it counts in the totals; each line's share
/// is already in its border tax base (`border_tax_base`).
pub(super) fn tax_base_charges(total: Decimal) -> Option<Levy> {
    (!total.is_zero()).then(|| Levy {
        kind: LevyKind::Fee,
        name: "Charges in the import tax base (the request's tax_base_charges)".into(),
        base: total,
        base_note: "as given: a carrier's clearance or handling charge, not dutiable".into(),
        rate: "as given".into(),
        amount: Some(total),
        partial_amount: None,
        formula: format!("{} as given", format_grouped(total)).into(),
        source: Provenance::request("tax_base_charges").into(),
        not_priced: false,
    })
}

/// Where the law rounds each declaration's total duty and each tax's total (Japan: down to
/// ¥100), the difference from the sum of the lines, as a shipment-level adjustment.
pub(super) fn declaration_rounding(ctx: &mut Ctx<'_>, lines: &[LineQuote]) -> Vec<Levy> {
    let mut out = Vec::new();
    let steps = [RoundingTarget::DutyTotal, RoundingTarget::TaxTotal];
    if steps.iter().all(|t| ctx.rounding[*t as usize].is_none()) {
        return out;
    }
    let rules: &'static Rules = ctx.rules;
    let levies = || lines.iter().flat_map(|l| l.levies.iter());
    let mut groups: Vec<(RoundingTarget, LevyKind, String)> = Vec::new();
    for l in levies() {
        let key = match l.kind {
            LevyKind::Duty | LevyKind::AdditionalDuty => {
                (RoundingTarget::DutyTotal, LevyKind::Duty, "Customs duty".to_string())
            }
            LevyKind::Tax => (RoundingTarget::TaxTotal, LevyKind::Tax, l.name.to_string()),
            _ => continue,
        };
        if !groups.contains(&key) {
            groups.push(key);
        }
    }
    for (target, kind, name) in groups {
        let Some(r) = rules.taxes.rounding(ctx.destination, target, ctx.req.date) else { continue };
        let in_group = |l: &&Levy| match kind {
            LevyKind::Duty => matches!(l.kind, LevyKind::Duty | LevyKind::AdditionalDuty),
            _ => l.kind == kind && l.name == *name,
        };
        // A lower bound (a levy known only in part, or not at all: it counts as nothing, as in
        // the totals) is rounded as the total would be: rounding is monotonic, so the rounded
        // bound stays at most the rounded total (audit-g G6: a partial Japanese quote rounded
        // its duty total but left its tax total unrounded, 9,651 where the bound is 9,500).
        let known = |l: &Levy| l.amount.or(l.partial_amount);
        let bound = levies().filter(in_group).any(|l| l.amount.is_none());
        let sum: Decimal = levies().filter(in_group).filter_map(known).decimal_sum();
        let total = r.apply(sum);
        if total == sum {
            continue;
        }
        ctx.note_verify(r.source.row(), r.source.is_verify());
        out.push(Levy {
            kind,
            name: format!("{name}: declaration total {}", r.mode.describe()).into(),
            base: sum,
            base_note: "sum of the lines".into(),
            rate: format!("{} {}", r.mode.to_step(), format_grouped(r.step)).into(),
            amount: (!bound).then_some(total - sum),
            partial_amount: bound.then_some(total - sum),
            formula: format!(
                "{}{} → {} (difference {})",
                if bound { "at least " } else { "" },
                format_grouped(sum),
                format_grouped(total),
                format_grouped(total - sum)
            )
            .into(),
            source: (&r.source).into(),
            not_priced: false,
        });
    }
    out
}

/// A shipment fee's levy: priced, or listed without an amount (a fee has no lower bound).
fn fee_levy(
    name: &'static str,
    base: Decimal,
    base_note: impl Into<Note>,
    rate: impl Into<Note>,
    amount: Option<Decimal>,
    formula: impl Into<Note>,
    source: &'static crate::provenance::Provenance<'static>,
) -> Levy {
    Levy {
        kind: LevyKind::Fee,
        name: name.into(),
        base,
        base_note: base_note.into(),
        rate: rate.into(),
        amount,
        partial_amount: None,
        formula: formula.into(),
        source: source.into(),
        not_priced: false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use rust_decimal_macros::dec;

    fn request_to(destination: &str, currency: &str) -> QuoteRequest {
        request(&format!(
            r#"{{"destination":"{destination}","date":"2026-03-02","currency":"{currency}","lines":[
            {{"id":"a","code":"6109100010","quantity":"1","unit_price":"100"}}]}}"#
        ))
    }

    #[test]
    fn japan_rounds_each_declaration_tax_total_down_to_100_yen_rules_12() {
        // docs/rules.md §12 (Act on General Rules for National Taxes art. 119(1)): each tax's
        // declaration total is rounded down to ¥100: lines of ¥1,234 and ¥2,345 make ¥3,579, so
        // ¥3,500 is due and the shipment carries a −¥79 adjustment.
        let req = request_to("JP", "JPY");
        let mut ctx = context(&req);
        let name = "Import consumption tax (national)";
        let lines = [
            line_quote(dec!(10000), dec!(10000), vec![levy(LevyKind::Tax, name, dec!(1234))]),
            line_quote(dec!(20000), dec!(20000), vec![levy(LevyKind::Tax, name, dec!(2345))]),
        ];
        let adjustments = declaration_rounding(&mut ctx, &lines);
        assert_eq!(adjustments.len(), 1);
        assert_eq!(adjustments[0].amount, Some(dec!(-79)));
        assert_eq!(adjustments[0].name, format!("{name}: declaration total rounded down"));
        assert_eq!(adjustments[0].rate.to_string(), "down to 100");
    }

    #[test]
    fn duty_owed_is_known_only_when_every_line_is_priced_us_mail() {
        // docs/rules.md#us-mail: the dutiable mail fee needs duty owed; a duty not priced, or
        // a line not priced, leaves it unknown rather than "no duty".
        let duty = |amount| line_quote(dec!(300), dec!(300), vec![levy(LevyKind::Duty, "Customs duty", amount)]);
        assert_eq!(duty_owed(&[duty(dec!(0)), duty(dec!(49.50))]), DutyOwed::Yes);
        assert_eq!(duty_owed(&[duty(dec!(0))]), DutyOwed::No);
        let mut unpriced = duty(dec!(0));
        unpriced.levies[0].amount = None;
        assert_eq!(duty_owed(&[duty(dec!(0)), unpriced]), DutyOwed::Unknown);
        let mut lower_bound = duty(dec!(0));
        (lower_bound.levies[0].amount, lower_bound.levies[0].partial_amount) = (None, Some(dec!(5)));
        assert_eq!(duty_owed(&[lower_bound]), DutyOwed::Yes);
        let mut not_priced = line_quote(dec!(300), dec!(300), Vec::new());
        not_priced.status = LineStatus::NotPriced;
        assert_eq!(duty_owed(&[duty(dec!(0)), not_priced]), DutyOwed::Unknown);
    }

    #[test]
    fn no_declaration_rounding_where_the_law_has_none_rules_11() {
        // docs/rules.md §11: GB rounds per line only; the totals stay the sum of the lines.
        let req = request_to("GB", "GBP");
        let mut ctx = context(&req);
        let mut lines = [line_quote(dec!(100), dec!(100), vec![levy(LevyKind::Tax, "Import VAT", dec!(20.01))])];
        assert!(declaration_rounding(&mut ctx, &lines).is_empty());
        assert!(fees(&mut ctx, &Relief::default(), &mut lines).is_empty());
    }
}
