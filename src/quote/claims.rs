//! Stage 3, preference claims: a line's claim checked against the destination's programmes before
//! its duty source is chosen. A claim the programmes do not allow is `E_CLAIM` naming the field;
//! a valid one replaces the general rate by the programme's (see `duty_source`), removes the
//! additional duties the programme waives (see `us`) and states what it assumes.

use super::*;
use crate::money::DecimalSum;
use crate::request::ClaimFrom;
use crate::rules::programmes::{in_force_by_code, special_rate, Grants, Programme};

/// The programme a line claims, checked: known to the destination's tariff, in force on the date,
/// open to the line's origin, and with a rate for the code. `None` when the line makes no claim.
pub(super) fn line_claim(
    ctx: &Ctx<'_>,
    line: &LineRequest,
    code: &HsCode,
    origin: Option<&str>,
) -> Result<Option<&'static Programme>> {
    let Some((claim, from)) = line.claim_in(ctx.req) else { return Ok(None) };
    // `A+` and `A*` are GSP's marks of `A` in the US special column (HTSUS GN 4), read as `A`
    // there too (`special_rates`): the claim is the programme's (audit-mm MM5).
    let claim = claim.trim_end_matches(['+', '*']);
    let field = match from {
        ClaimFrom::Line => {
            let i = ctx.req.lines.iter().position(|l| std::ptr::eq(l, line)).unwrap_or_default();
            format!("lines[{i}].claim")
        }
        ClaimFrom::Request => "claim".to_string(),
    };
    let bad = |why: String| Error::new(ErrorCode::Claim, field.clone(), format!("line {}: {why}", line.id));
    let rules: &'static Rules = ctx.rules;
    let programmes = rules.programmes(ctx.destination);
    // A renewed programme has a row per period: the claim takes the row in force on the date.
    let p = match in_force_by_code(programmes, claim, ctx.req.date) {
        Ok(p) => p,
        Err(rows) if rows.is_empty() => {
            return Err(bad(if programmes.is_empty() {
                format!("{claim:?}: our data has no preference programmes for {}", ctx.destination)
            } else {
                let mut known: Vec<&str> = Vec::new();
                for p in programmes {
                    if !known.contains(&p.code) {
                        known.push(p.code);
                    }
                }
                format!("{claim:?} is not a programme of the {} tariff; known: {}", ctx.destination, known.join(", "))
            }))
        }
        Err(rows) => {
            let periods: Vec<String> = rows.iter().map(|p| p.period()).collect();
            // Before the first row our data holds of a programme in force earlier: whether it
            // was in force then is not known here (US GSP, its rows from 2015-07-29: audit-rr RR3).
            let first = rows.iter().filter(|p| p.valid_from.is_some()).min_by_key(|p| p.valid_from);
            if first.is_some_and(|f| f.earlier_not_in_data && f.valid_from.is_some_and(|from| ctx.req.date < from)) {
                return Err(bad(format!(
                    "{} ({}): our data holds it from {} ({}); whether it was in force on {} is not in our data",
                    rows[0].code,
                    rows[0].name,
                    first.and_then(|f| f.valid_from).map(|d| d.to_string()).unwrap_or_default(),
                    periods.join(", "),
                    ctx.req.date
                )));
            }
            return Err(bad(format!(
                "{} ({}) is not in force on {} ({})",
                rows[0].code,
                rows[0].name,
                ctx.req.date,
                periods.join(", ")
            )));
        }
    };
    let Some(origin) = origin else {
        return Err(bad(format!("a claim under {} needs the goods' origin: give origin", p.code)));
    };
    if !p.is_partner(origin, ctx.req.date) {
        // A party on other dates (CAFTA-DR: each country from its own entry into force): say when,
        // not that it is no partner (audit-m M7).
        let periods = p.partners.periods(origin);
        if !periods.is_empty() {
            let when: Vec<String> = periods
                .iter()
                .map(|(from, to)| match (from, to) {
                    (Some(f), None) => format!("from {f}"),
                    (None, Some(t)) => format!("until {t}"),
                    (Some(f), Some(t)) => format!("{f}–{t}"),
                    (None, None) => "always".into(),
                })
                .collect();
            return Err(bad(format!(
                "goods of {origin} cannot claim {} ({}): it is not in force for {origin} on {} (for {origin}: {})",
                p.code,
                p.name,
                ctx.req.date,
                when.join(", ")
            )));
        }
        let date = ctx.req.date;
        let members = p.partners.on(date);
        let partners = if p.countries.is_empty() {
            "its partners are designated elsewhere and not in our data".to_string()
        } else if p.countries.iter().all(|c| members.contains(c)) {
            format!("its partners are {}", p.countries.join(", "))
        } else {
            // A group: name its members on the date, not the group (audit-mm MM7: "its partners
            // are AJCEP" told goods of Indonesia nothing).
            format!(
                "{origin} is not a party in our data on {date}: its partners then are {} (group {} of rules/groups.tsv, each from its own entry into force as a primary source gives it)",
                if members.is_empty() { "none".to_string() } else { members.join(", ") },
                p.countries.join(", ")
            )
        };
        return Err(bad(format!("goods of {origin} cannot claim {} ({}): {partners}", p.code, p.name)));
    }
    if line.duty_rate.is_some() {
        return Err(bad(format!(
            "duty_rate replaces the tariff and its preferential rates: give either duty_rate or the claim under {}",
            p.code
        )));
    }
    if !p.grants.from_special_column() {
        // An EU or UK agreement gives by partner, whatever the line, but for chapters it leaves out.
        if !p.grants.covers(code.digits()) {
            return Err(bad(format!(
                "{} ({}) does not cover goods of chapter {} ({})",
                p.code,
                p.name,
                code.digits().get(..2).unwrap_or_default(),
                p.source.publisher
            )));
        }
        return Ok(Some(p));
    }
    if let Some(tariff) = ctx.j.tariff {
        // A code the tariff does not have comes back not priced with its own reason.
        if let Ok(found) = ctx.snapshot.lookup(tariff, code, ctx.req.date) {
            // A line whose general rate is Free names no programme (CBP: "no claim for preference
            // is needed"), yet its claim stands: the goods of the programme are spared the
            // additional duties and fees that exempt them (HTSUS 9903.01.04/.14, 9903.03.07/.08).
            if !found.lines.iter().any(|l| special_rate(l.row.special, p.code).is_some() || free_general(l.expression))
            {
                return Err(bad(format!(
                    "the {tariff} tariff has no {} rate for {code}, and its general rate is not Free",
                    p.code
                )));
            }
        }
    }
    Ok(Some(p))
}

/// A general rate of Free with no condition: a programme's claim on such a line changes no duty
/// of the line but still counts where an additional duty or a fee spares the programme's goods
/// (CBP IEEPA FAQ: "the USMCA SPI code can still be used to claim the USMCA MPF exemption and
/// the exception for IEEPA CA or IEEPA MX"; audit-ee M1).
pub(super) fn free_general(general: &DutyExpr) -> bool {
    matches!(general, DutyExpr::Free { condition: None })
}

/// A claimed programme's rate for one tariff line, with the general rate it replaces.
pub(super) struct ClaimedRate {
    pub(super) programme: &'static Programme,
    pub(super) general: &'static DutyExpr,
    pub(super) general_text: &'static str,
    /// The programme's rate in the next edition, when the line's row may hold an earlier year's
    /// staged rate on the date (`duty_source::later_staged_rate`).
    pub(super) later: Option<Box<LaterStage>>,
    /// The day the programme's next staged rate took effect after the line's row began, when the
    /// quote's date is on or after it (`duty_source::stage_not_read`): that rate is not in our data.
    pub(super) stage_unread: Option<Date>,
}

/// A programme's rate in a later edition of the tariff than the row the quote reads, from the
/// same year: the year's staged rate may be either (fix-cc, docs/rules.md §16).
pub(super) struct LaterStage {
    pub(super) text: String,
    /// The day the later edition takes effect.
    pub(super) from: Date,
    pub(super) edition: String,
    pub(super) earlier_edition: String,
}

/// What a line's claim states about itself: the condition it rests on.
pub(super) fn claim_condition(p: &Programme, general_rate: &str, general_free: bool) -> String {
    let without = match general_free {
        true => format!(
            "the general rate is {general_rate} too: the claim changes no duty of the line, only the additional duties and fees that spare the programme's goods, which are due without it"
        ),
        false => format!("without them the general rate {general_rate} applies"),
    };
    let proof = match p.proof {
        "" => String::new(),
        proof => format!(": {proof}"),
    };
    format!(
        "claiming {} ({}) assumes the goods meet its rules of origin and the importer holds the proof of origin it asks for{proof} ({}); {without}",
        p.code, p.name, p.source.publisher
    )
}

/// The claim's duty levy and its record: the programme's rate priced, the general rate priced on
/// the same input for the saving, and a programme from a secondary source reported as a lower
/// bound (the line is `partial`), never priced in silence.
pub(super) fn apply_claim(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    origin: Option<&str>,
    c: &ClaimedRate,
    input: &DutyInput<'_>,
    levy: &mut Levy,
    p: &mut Priced,
) {
    let prog = c.programme;
    let general = c.general.evaluate_amount(input);
    p.components_read.extend(&general.components_read);
    let general = general.exact.map(|e| ctx.round_duty(e));
    let duty = levy.amount;
    let condition = claim_condition(prog, c.general_text, free_general(c.general));
    ctx.warn(Detail::Claim { line: line.id.clone(), condition: condition.clone() });
    let through = shipped_through_non_party(ctx, prog, origin);
    if let Some(from) = &through {
        ctx.warn(Detail::ClaimTransit {
            line: line.id.clone(),
            programme: prog.code,
            name: prog.name,
            ship_from: from.clone(),
            rule: prog.transit_rule(),
        });
    }
    // A claim rests on the programme's row and on the origin's membership of its partner group.
    let membership_unverified = origin.is_some_and(|o| prog.partners.unverified(o, ctx.req.date));
    let verified = !prog.unverified() && !membership_unverified;
    // An EU or UK agreement whose rates are not in our data: between 0 and the general rate.
    let not_in_data = matches!(prog.grants, Grants::NotInData { .. });
    if not_in_data {
        let why = format!(
            "claim {} ({}): its preferential rate for these goods (the agreement's staged or product-specific schedule) is not in our data, so the claim is not priced: the duty is at least 0.00 and at most the general {}",
            prog.code,
            prog.name,
            general.map(format_grouped).unwrap_or_else(|| c.general_text.to_string())
        );
        if prog.unverified() {
            ctx.note_verify(prog.source.row(), true);
        }
        levy.partial_amount = levy.amount.take().or(levy.partial_amount);
        levy.formula = format!("{}; at least this (the preferential rate is not in our data)", levy.formula).into();
        p.push_reason(why);
    } else if !verified {
        let (what, cited) = match membership_unverified && !prog.unverified() {
            true => ("the origin's membership of the programme's partner group comes", "rules/groups.tsv"),
            false => ("the programme's partners and dates come", prog.source.publisher),
        };
        let why = format!(
            "claim {} ({}): {what} from a secondary source ({cited}) and [verify], so the claim is not priced: the duty is at least the programme's {} and at most the general {}",
            prog.code,
            prog.name,
            levy.rate,
            general.map(format_grouped).unwrap_or_else(|| c.general_text.to_string())
        );
        ctx.note_verify(prog.source.row(), prog.source.is_verify());
        levy.partial_amount = levy.amount.take().or(levy.partial_amount);
        p.push_reason(why);
    }
    let staged_known = match &c.later {
        Some(later) => price_between_stages(ctx, prog, later, input, levy, p),
        None => true,
    };
    let stage_known = match c.stage_unread {
        Some(from) => price_after_unread_stage(prog, from, levy, p),
        None => true,
    };
    let verified = verified && staged_known && stage_known && !not_in_data;
    let saving = match (duty, general) {
        (Some(d), Some(g)) if verified => Some(g - d),
        _ => None,
    };
    p.claim = Some(Box::new(ClaimApplied {
        program: prog.code.into(),
        name: prog.name.into(),
        rate: match not_in_data {
            true => "not in our data (at least Free)".into(),
            false => levy.rate.to_string(),
        },
        general_rate: c.general_text.into(),
        duty: duty.filter(|_| verified),
        general_duty: general,
        saving,
        waived: Vec::new(),
        fees_removed: Vec::new(),
        total_saving: saving,
        condition,
        source: prog.source.publisher.into(),
        transit_condition: through.is_some(),
    }));
}

/// A claim on a date whose staged rate is not read (between 1 January and the first edition of
/// the year in our data): the duty is between the row's rate and the later edition's, listed as
/// at least the lower of the two, the line partial with both figures and why (FTA staged
/// reductions take effect on 1 January; the year's Basic Edition is not in our sources). Returns
/// false (the claim is not priced).
fn price_between_stages(
    ctx: &mut Ctx<'_>,
    prog: &Programme,
    later: &LaterStage,
    input: &DutyInput<'_>,
    levy: &mut Levy,
    p: &mut Priced,
) -> bool {
    let evaluated = DutyExpr::parse(&later.text).evaluate_amount(input);
    p.components_read.extend(&evaluated.components_read);
    let other = evaluated.exact.map(|e| ctx.round_duty(e));
    let this = levy.amount.take().or(levy.partial_amount.take());
    let lower = this.zip(other).map(|(a, b)| a.min(b));
    let shown = |a: Option<Decimal>| a.map(format_grouped).unwrap_or_else(|| "not priced".into());
    let why = format!(
        "claim {} ({}): the staged rate in force from 1 January {} is not read: {} gives {} ({}) and {}, in force from {}, gives {} ({}); staged reductions take effect on 1 January of each year and that year's Basic Edition is not in our sources, so the duty is at least the lower figure",
        prog.code,
        prog.name,
        later.from.year(),
        later.earlier_edition,
        levy.rate,
        shown(this),
        later.edition,
        later.from,
        later.text,
        shown(other)
    );
    levy.partial_amount = lower;
    levy.formula = match lower {
        Some(l) => format!("{}; at least {} (the year's staged rate not read)", levy.formula, format_grouped(l)),
        None => format!("{}; not priced (the year's staged rate not read)", levy.formula),
    }
    .into();
    p.push_reason(why);
    false
}

/// A claim dated on or after the day the programme's next staged rate took effect (Japan's EPAs
/// on 1 April) beyond the tariff edition read: that stage is not in our data, so the duty is at
/// least 0.00, the line partial naming the edition's rate for the year before (audit-mm MM3).
/// Returns false (the claim is not priced).
fn price_after_unread_stage(prog: &Programme, from: Date, levy: &mut Levy, p: &mut Priced) -> bool {
    let this = levy.amount.take().or(levy.partial_amount.take());
    let why = format!(
        "claim {} ({}): its staged rate from {from} is not in our data: the tariff edition read gives {} ({}) for the year before, and the agreement's rates change each year on that day, so the duty is at least 0.00 and, unless a safeguard raises it, at most that figure",
        prog.code,
        prog.name,
        levy.rate,
        this.map(format_grouped).unwrap_or_else(|| "not priced".into())
    );
    levy.partial_amount = Some(Decimal::new(0, 2));
    levy.formula = format!("{}; at least 0.00 (the stage from {from} not read)", levy.formula).into();
    p.push_reason(why);
    false
}

/// The request's `ship_from` when it is neither the destination, the line's origin nor a party
/// of the programme on the date: goods shipped through a non-party keep their preferential origin
/// only under the programme's transit rule (USMCA art. 4.18; CBERA's "imported directly",
/// 19 U.S.C. 2703(a)(1)(A); the EPAs' consignment criteria), which the engine cannot see.
fn shipped_through_non_party(ctx: &Ctx<'_>, prog: &Programme, origin: Option<&str>) -> Option<String> {
    let from = ctx.req.ship_from.as_deref()?.to_ascii_uppercase();
    let inside = from == ctx.destination
        || origin.is_some_and(|o| o.eq_ignore_ascii_case(&from))
        || prog.is_partner(&from, ctx.req.date);
    (!inside).then_some(from)
}

/// Adds the additional duties the claim removed to its saving.
pub(super) fn claim_waived(p: &mut Priced, waived: Vec<Waived>) {
    let Some(c) = &mut p.claim else { return };
    let extra: Decimal = waived.iter().map(|w| w.amount).decimal_sum();
    c.total_saving = c.saving.map(|s| s + extra);
    c.waived = waived;
}

/// Adds an entry fee the claim removed (the line's share) to its saving: a fee whose figures are
/// not in our data leaves the total saving unknown.
pub(super) fn claim_fee_removed(c: &mut ClaimApplied, removed: FeeRemoved) {
    c.total_saving = match removed.amount {
        Some(a) => c.total_saving.map(|s| s + a),
        None => None,
    };
    c.fees_removed.push(removed);
}

/// The programmes a line could claim on its own terms: in force on the request's date, open to
/// the line's origin, with a rate for its code in the destination's tariff or a general rate of
/// Free, or an EU or UK agreement covering its chapter (none for a line whose `duty_rate`
/// replaces the tariff). Sweeps try each.
pub fn claimable(engine: &Engine, req: &QuoteRequest, line: &LineRequest) -> Vec<&'static str> {
    if line.duty_rate.is_some() {
        return Vec::new();
    }
    let rules = engine.rules();
    let destination = req.destination.to_ascii_uppercase();
    let Some(origin) = line.origin.as_deref().or(req.origin.as_deref()).map(str::to_ascii_uppercase) else {
        return Vec::new();
    };
    let Some(tariff) = rules.jurisdiction(&destination, req.date).ok().and_then(|j| j.tariff) else {
        return Vec::new();
    };
    let Ok(code) = HsCode::parse(&line.code) else { return Vec::new() };
    let Ok(found) = engine.snapshot().lookup(tariff, &code, req.date) else { return Vec::new() };
    rules
        .programmes(&destination)
        .iter()
        .filter(|p| p.open_to(&origin, req.date))
        .filter(|p| match p.grants.from_special_column() {
            true => {
                found.lines.iter().any(|l| special_rate(l.row.special, p.code).is_some() || free_general(l.expression))
            }
            false => p.grants.covers(code.digits()),
        })
        .map(|p| p.code)
        .collect()
}
