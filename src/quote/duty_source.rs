//! Stage 3, duty source: where a line's duty rate comes from (the tariff, the caller's rate, a
//! simplified regime's band), chosen once per line.

use super::*;
use crate::money::DecimalSum;
use crate::rules::taxes::CollectedAt;

/// Where a line's duty comes from, chosen once per line.
// A rate is the common case: boxing it would cost an allocation per line.
#[allow(clippy::large_enum_variant)]
pub(super) enum DutySource {
    /// Not due: the consignment is within a duty relief threshold.
    Relieved(&'static Threshold),
    /// The flat duty per tariff line (EU low-value consignments): this line's share, and how the
    /// flat amount was shared.
    /// With `unsettled`, why the share is only a lower bound.
    FlatPerLine { threshold: &'static Threshold, share: Decimal, note: String, unsettled: Option<String> },
    /// A rate: the tariff's (one source per distinct duty under a partial code), the caller's
    /// `duty_rate`, or a simplified regime's band.
    Rate(DutyRate<'static>),
    /// No rate at all, and why.
    None(String),
    /// The code is not in the destination's tariff (nor a statistical line of it), and why: no
    /// rate, and no US additional duty is charged on it (audit-k K6: a layer matched on a
    /// prefix of an invalid code could be the wrong list).
    UnknownCode(String),
    /// Not due: the shipment crosses no customs border, or only a customs union's internal one
    /// (a row of `rules/movements.tsv`).
    NoBorder(&'static crate::rules::Movement),
}

/// The duty sources of a line, pushed to `out` (built where they stay): one, or one per distinct
/// duty under a partial code (at most 200).
pub(super) fn duty_sources(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    code: &HsCode,
    relief: &Relief,
    flat_share: Option<FlatShare>,
    claim: Option<&'static Programme>,
    out: &mut Several<DutySource>,
) {
    if let Some(m) = ctx.movement.or_else(|| customs_union_for(ctx, code)) {
        return out.push(DutySource::NoBorder(m));
    }
    if let Some(t) = relief.duty {
        return out.push(DutySource::Relieved(t));
    }
    if let (Some(FlatShare { amount: share, note, unsettled }), Some(t)) = (flat_share, relief.flat_duty) {
        out.push(DutySource::FlatPerLine { threshold: t, share, note, unsettled });
        // Goods the relief the flat duty replaces never covered: whether it reaches them is not
        // settled, so the tariff's duty is the other reading (`price_line` keeps the lower).
        if flat_duty_unsettled(ctx, t, line).is_some() {
            let mut rates = Several::new();
            match duty_rates(ctx, line, code, claim, &mut rates) {
                Ok(_) if !rates.is_empty() => rates.into_iter().for_each(|r| out.push(r)),
                Ok(_) => out.push(DutySource::None(format!("no duty rate found for code {code}"))),
                Err(reason) => out.push(DutySource::None(reason)),
            }
        }
        return;
    }
    let partial_code = match duty_rates(ctx, line, code, claim, out) {
        Ok(_) if out.is_empty() => return out.push(DutySource::None(format!("no duty rate found for code {code}"))),
        Ok(partial_code) => partial_code,
        Err(reason) => return out.push(DutySource::None(reason)),
    };
    // Each rate is a source as it stands, but under a simplified tariff (or past the most).
    if relief.simplified.is_some() || relief.simplified_set_aside.is_some() || out.len() > MAX_SOURCES {
        let rates = std::mem::replace(out, Several::new());
        for r in rates.into_iter().take(MAX_SOURCES) {
            let r = match r {
                DutySource::Rate(r) => r,
                other => {
                    out.push(other);
                    continue;
                }
            };
            if relief.simplified_set_aside.is_some() {
                note_set_aside(ctx, line, &r);
            }
            let source = match relief.simplified {
                Some(t) => simplify(ctx, line, t, r),
                None => DutySource::Rate(r),
            };
            // The lines of a partial code in one simplified category share its rate: once.
            if !out.iter().any(|s| same_simplified_rate(s, &source)) {
                out.push(source);
            }
        }
    }
    // A range to warn of only when several rates remain (the lines of a partial code in one
    // simplified category have one).
    if let Some(detail) = partial_code.filter(|_| out.len() > 1) {
        ctx.warn(detail);
    }
}

/// The duty relief a flat duty per tariff line replaces (the country's relief of the duty that
/// ended the day before it began: the EU's EUR 150, Reg. (EC) 1186/2009 art. 23, which Reg. (EU)
/// 2026/382 art. 1 removed and art. 2 replaced with the EUR 3 "instead of the relief eliminated"),
/// when that relief never covered the line's goods (art. 24: alcohol, perfume, tobacco): whether
/// the flat duty reaches them is not settled (audit-j J9, audit-o O1), and the row and the
/// excluded prefix say why.
pub(super) fn flat_duty_unsettled(
    ctx: &Ctx<'_>,
    t: &Threshold,
    line: &LineRequest,
) -> Option<(&'static Threshold, &'static str)> {
    let eve = t.valid_from?.add_days(-1);
    ctx.rules
        .thresholds_naming(ctx.destination, eve)
        .filter(|r| r.effect == ThresholdEffect::Relieve && r.duty && r.valid_to == Some(eve))
        .find_map(|r| r.exclude_codes.iter().find(|p| crate::hs::digits_start_with(&line.code, p)).map(|p| (r, *p)))
}

/// Most duty sources a line is priced with (the distinct duties under a partial code).
const MAX_SOURCES: usize = 200;

/// The rate of a source that is one.
pub(super) fn rate_of(source: &DutySource) -> Option<&DutyRate<'static>> {
    match source {
        DutySource::Rate(r) => Some(r),
        _ => None,
    }
}

/// True when both are the same simplified tariff rate (one category's row).
fn same_simplified_rate(a: &DutySource, b: &DutySource) -> bool {
    match (a, b) {
        (DutySource::Rate(a), DutySource::Rate(b)) => {
            a.name.as_str().starts_with("Customs duty (simplified tariff") && a.name == b.name && a.text == b.text
        }
        _ => false,
    }
}

/// The quantities a line declares, in base units.
pub fn line_quantities(line: &LineRequest) -> Result<Quantities> {
    let mut q = Quantities::new();
    fill_line_quantities(line, &mut q)?;
    Ok(q)
}

/// [`line_quantities`] into `q` (a line's pricing: no copy of the quantities out of a
/// `Result`).
pub(super) fn fill_line_quantities(line: &LineRequest, q: &mut Quantities) -> Result<()> {
    *q = Quantities::of_line(line.quantity, line.weight_kg, line.volume_l);
    q.alcohol_pct = line.alcohol_pct;
    q.acetic_acid_pct = line.acetic_acid_pct;
    // Nearly every line gives no `units` (an iterator over a `BTreeMap` is set up even for none).
    if line.units.is_empty() {
        return Ok(());
    }
    // The entries read so far, by measure: two of one measure are two answers (audit-s S2:
    // {"kg": "100", "t": "3"} charged 3,000 kg, the 100 dropped in silence).
    let mut seen: Vec<(crate::units::Measure, &str, Decimal)> = Vec::new();
    for (key, amount) in &line.units {
        let (measure, factor) = measure_for_key(key)?;
        let amount = *amount * factor;
        if let Some((_, first, was)) = seen.iter().find(|(m, _, _)| *m == measure) {
            if *was != amount {
                return Err(Error::new(
                    ErrorCode::InvalidField,
                    format!("units.{key}"),
                    format!(
                        "line {}: units {{\"{first}\": …}} is {} and {{\"{key}\": …}} is {} in base units: they are the same measure, give one of them",
                        line.id,
                        was.normalize(),
                        amount.normalize()
                    ),
                ));
            }
        }
        seen.push((measure, key, amount));
        // `volume_l` sets the net volume too: a `units` entry of the same measure that disagrees
        // is one of two figures, never silently the second (audit-n N7: volume_l 9 and units
        // {"l": "90"} charged 90 litres). (`weight_kg` may be a shipping weight: not compared.)
        let volume = crate::units::Measure::net(crate::units::Dimension::Volume);
        let given = line.volume_l.filter(|_| measure == volume).map(|v| ("volume_l", v));
        if let Some((field, v)) = given.filter(|(_, v)| *v != amount) {
            return Err(Error::new(
                ErrorCode::InvalidField,
                format!("units.{key}"),
                format!(
                    "line {}: units {{\"{key}\": …}} is {} in base units and {field} is {}: they are the same measure, give one of them",
                    line.id,
                    amount.normalize(),
                    v.normalize()
                ),
            ));
        }
        q.set(measure, amount);
    }
    Ok(())
}

/// A line's duty expression: the tariff's, borrowed from the snapshot, or one parsed for this
/// line (a caller's rate, a claim, a band), boxed so that the common case stays small.
pub(super) enum Expr<'s> {
    Tariff(&'s DutyExpr),
    Parsed(Box<DutyExpr>),
}

impl std::ops::Deref for Expr<'_> {
    type Target = DutyExpr;
    fn deref(&self) -> &DutyExpr {
        match self {
            Expr::Tariff(e) => e,
            Expr::Parsed(e) => e,
        }
    }
}

/// Where a line's duty rate comes from.
pub(super) struct DutyRate<'s> {
    pub(super) expr: Expr<'s>,
    pub(super) text: Cow<'static, str>,
    pub(super) name: Note,
    pub(super) source: RateSource,
    pub(super) matched_code: Option<HsCode>,
    pub(super) special: &'s str,
    /// A consignment deduction from this line's duty (its share), in the customs currency.
    pub(super) deduction: Option<Box<(Decimal, String)>>,
    /// The preference programme claimed, whose rate this is, and the general rate it replaces.
    pub(super) claim: Option<ClaimedRate>,
}

/// Where a rate comes from: a row of the snapshot or the rules (borrowed: the engine's data lives
/// as long as the program), or the request (owned, boxed so that a rate stays small: it is moved
/// several times while its line is priced).
pub(super) enum RateSource {
    Shared(&'static Provenance<'static>),
    Request(Box<Provenance<'static>>),
}

impl RateSource {
    /// The levy's source: the row itself, or a copy of the request's.
    pub(super) fn to_levy_source(&self) -> crate::quote::LevySource {
        match self {
            RateSource::Shared(p) => crate::quote::LevySource::Row(p),
            RateSource::Request(p) => crate::quote::LevySource::Owned(p.clone()),
        }
    }
}

/// The duty rate(s) for a line, each a [`DutySource::Rate`] pushed to `out` (empty): the
/// snapshot's tariff for the destination (every line under a partial code, with the
/// `W_PARTIAL_CODE` detail the caller states if several rates remain), else the caller's
/// `duty_rate`, else the reason there is none.
pub(super) fn duty_rates(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    code: &HsCode,
    claim: Option<&'static Programme>,
    out: &mut Several<DutySource>,
) -> std::result::Result<Option<Detail>, String> {
    let snapshot = ctx.snapshot;
    let Some(tariff) = ctx.j.tariff else {
        out.push(DutySource::Rate(no_tariff_rate(ctx, line)?));
        return Ok(None);
    };
    let found = ctx.tariff_memo.find(snapshot, tariff, code, ctx.req.date).and_then(|found| {
        // A 10-digit US code whose statistical suffix the revision does not publish (K4).
        // The row's code is made text only where the check reads it (a US line).
        let matched = (found.kind == Match::Prefix && found.lines.len() == 1).then(|| found.lines[0].row);
        match matched.and_then(|m| super::brackets::unknown_suffix(ctx, tariff, code, m)) {
            Some(why) => Err(Error::new(ErrorCode::UnknownCode, "code", why)),
            None => Ok(found),
        }
    });
    match found {
        Ok(found) => {
            if let Some(rate) = &line.duty_rate {
                // Caller knowledge beats stale data: the caller's rate replaces the tariff's.
                let mut replaced: Vec<String> = Vec::new();
                for l in found.lines.iter().take(50) {
                    let text = format!("{} ({tariff} {})", l.row.mfn, l.row.code());
                    if !replaced.contains(&text) {
                        replaced.push(text);
                    }
                }
                let replaced = replaced.join(", ");
                ctx.warn(Detail::DutyRateOverride {
                    line: line.id.clone(),
                    rate: rate.clone(),
                    replaced: replaced.clone(),
                });
                out.push(DutySource::Rate(caller_rate(line, rate, Some(replaced), ctx.j.currency)));
                return Ok(None);
            }
            let first = found.lines[0].row.source;
            let src = ctx.row_source(found.lines[0].row, tariff);
            // Each edition's age is checked once per quote.
            let unchecked = !ctx.tariff_editions_checked.iter().any(|e| *e == first);
            if unchecked {
                ctx.tariff_editions_checked.push(first);
            }
            if let Some(v) = Some(src.vintage)
                .filter(|_| unchecked)
                .and_then(vintage_date)
                .filter(|v| ctx.req.date.days_since_epoch() - v.days_since_epoch() > 365)
                .filter(|_| !ctx.warnings.iter().any(|w| w.code == WarningCode::OldTariff))
            {
                ctx.warn(Detail::OldTariff { tariff, vintage: v, as_of: ctx.req.date });
            }
            if let Some(via) = &found.via_correlation {
                ctx.warn(Detail::HsCorrelation {
                    line: line.id.clone(),
                    note: via.note.clone(),
                    source: via.source.clone(),
                });
            }
            let rates = out;
            let column_2 = column_2(ctx, line);
            for l in &found.lines {
                if let Some(m) = column_2 {
                    push_column_2(rates, tariff, l.row.code(), l.row.col2, ctx.row_source(l.row, tariff), m);
                    continue;
                }
                let claimed = claim.and_then(|p| claimed_rate(ctx, line, p, l.row, l.expression));
                let text: &str = claimed.as_ref().map_or(l.row.mfn, |(t, _)| t.as_str());
                let same = rates.iter_mut().find_map(|s| match s {
                    DutySource::Rate(r)
                        if r.text == text
                            && r.claim.as_ref().map(|c| c.general_text)
                                == claimed.as_ref().map(|(_, c)| c.general_text) =>
                    {
                        Some(r)
                    }
                    _ => None,
                });
                if let Some(r) = same {
                    // One rate stands for several lines (a partial code, a 1:n or n:n
                    // correlation): it names none of them (audit-q Q7: a drone 8806.22 named the
                    // TV-camera line 85258011, the first of seven lines at 0 %).
                    if r.matched_code.is_some() {
                        r.matched_code = None;
                        r.name = format!("Customs duty ({tariff}, every line under {code} at this rate)").into();
                    }
                    continue;
                }
                let source = ctx.row_source(l.row, tariff);
                if let Some((text, c)) = claimed {
                    let expr = DutyExpr::parse(&text);
                    let expr = match crate::duty::UnitReading::of_line(tariff, l.row.code_bytes()) {
                        Some(reading) => reading.read(&expr),
                        None => expr,
                    };
                    rates.push(DutySource::Rate(DutyRate {
                        expr: Expr::Parsed(Box::new(expr)),
                        name: format!(
                            "Customs duty ({tariff} {}, claim {} {})",
                            l.row.code(),
                            c.programme.code,
                            c.programme.name
                        )
                        .into(),
                        text: Cow::Owned(text),
                        source: RateSource::Shared(source),
                        matched_code: HsCode::from_stored(l.row.code_bytes()),
                        special: l.row.special,
                        deduction: None,
                        claim: Some(c),
                    }));
                    continue;
                }
                // A stored code is 2 to 13 digits, so it always parses; were it not to, the levy
                // still names it and the line has no matched code.
                let matched_code = HsCode::from_stored(l.row.code_bytes());
                rates.push(DutySource::Rate(DutyRate {
                    expr: Expr::Tariff(l.expression),
                    text: Cow::Borrowed(l.row.mfn),
                    name: match &matched_code {
                        Some(code) => Note::new(Parts::DutyName { tariff, code: code.clone() }),
                        None => concat(&["Customs duty (", tariff, " ", l.row.code(), ")"]).into(),
                    },
                    source: RateSource::Shared(source),
                    matched_code,
                    special: l.row.special,
                    deduction: None,
                    claim: None,
                }));
            }
            let partial_code = (found.kind == Match::Partial && rates.len() > 1).then(|| Detail::PartialCode {
                line: line.id.clone(),
                code: code.to_string(),
                lines: found.lines.len(),
                tariff,
                duties: rates.len(),
            });
            Ok(partial_code)
        }
        Err(e) => match &line.duty_rate {
            Some(rate) => {
                out.push(DutySource::Rate(caller_rate(line, rate, None, ctx.j.currency)));
                Ok(None)
            }
            None if e.code == ErrorCode::UnknownCode => {
                out.push(DutySource::UnknownCode(format!("{}: supply a valid code or duty_rate", e.message)));
                Ok(None)
            }
            None => Err(format!("{}: supply a valid code or duty_rate", e.message)),
        },
    }
}

/// A tariff edition's vintage as a date: `YYYY-MM-DD` (every edition's spelling) read digit by
/// digit, the date `Date::parse` gives for it, without its splitting and number parsing; any
/// other text through `Date::parse`.
fn vintage_date(v: &str) -> Option<Date> {
    let digit = |b: u8| u32::from(b.wrapping_sub(b'0'));
    match *v.as_bytes() {
        [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1]
            if [y0, y1, y2, y3, m0, m1, d0, d1].iter().all(u8::is_ascii_digit) =>
        {
            let year = digit(y0) * 1000 + digit(y1) * 100 + digit(y2) * 10 + digit(y3);
            Date::new(year as i32, digit(m0) * 10 + digit(m1), digit(d0) * 10 + digit(d1)).ok()
        }
        _ => Date::parse(v).ok(),
    }
}

/// The membership that makes the line's origin a country of HTSUS general note 3(b) on the
/// as-of date (`rules/groups.tsv`, group `USCOLUMNTWO`), where the destination is the US.
fn column_2(ctx: &Ctx<'_>, line: &LineRequest) -> Option<&'static crate::rules::groups::Membership<'static>> {
    if ctx.j.additional_duties != AdditionalDuties::UsChapter99 {
        return None;
    }
    let origin = line.origin.as_deref().or(ctx.req.origin.as_deref())?.to_ascii_uppercase();
    ctx.rules.us().ok()?.column_2(&origin, ctx.req.date)
}

/// The column 2 rate of one tariff line (HTSUS general note 3(b)), once per distinct text: the
/// goods of the countries it names pay it in place of the column 1 rates, general and special.
/// A line whose column 2 rate is not in the data is unpriced, never priced at column 1.
fn push_column_2(
    rates: &mut Several<DutySource>,
    tariff: &str,
    code: &str,
    col2: &'static str,
    source: &'static Provenance<'static>,
    m: &crate::rules::groups::Membership<'static>,
) {
    let text = if col2.is_empty() { "column 2 rate not in the tariff data" } else { col2 };
    if rates.iter().filter_map(rate_of).any(|r| r.text == text) {
        return;
    }
    let expr = DutyExpr::parse(text);
    let expr = match crate::duty::UnitReading::of_line(tariff, code.as_bytes()) {
        Some(reading) => reading.read(&expr),
        None => expr,
    };
    rates.push(DutySource::Rate(DutyRate {
        expr: Expr::Parsed(Box::new(expr)),
        text: Cow::Borrowed(text),
        name: format!("Customs duty ({tariff} {code}, column 2: HTSUS general note 3(b), {})", m.member).into(),
        source: RateSource::Shared(source),
        matched_code: HsCode::from_stored(code.as_bytes()),
        special: "",
        deduction: None,
        claim: None,
    }));
}

/// The pieces joined, without the formatting machinery (for texts every line carries).
pub(super) fn concat(pieces: &[&str]) -> String {
    let mut s = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    pieces.iter().for_each(|p| s.push_str(p));
    s
}

/// The claimed programme's rate for one tariff line; a line whose general rate is Free keeps it,
/// claimed; a line of a partial code without either keeps its general rate, and the quote says so.
fn claimed_rate(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    p: &'static Programme,
    row: &crate::snapshot::Row<'static>,
    general: &'static DutyExpr,
) -> Option<(String, ClaimedRate)> {
    if !p.grants.from_special_column() {
        // An EU or UK agreement (`rules/eu_gb_agreements.tsv`): Free, or at least Free where its
        // rates are not in our data (`claims::apply_claim` leaves that line partial).
        let c = ClaimedRate { programme: p, general, general_text: row.mfn, later: None, stage_unread: None };
        return Some(("Free".to_string(), c));
    }
    let Some(text) = crate::rules::programmes::special_rate(row.special, p.code) else {
        if super::claims::free_general(general) {
            // Free either way: the claim stands for the layers and fees it waives (audit-ee M1).
            let c = ClaimedRate { programme: p, general, general_text: row.mfn, later: None, stage_unread: None };
            return Some((row.mfn.to_string(), c));
        }
        ctx.warn(Detail::ClaimNoRate {
            line: line.id.clone(),
            code: row.code().to_string(),
            programme: p.code,
            general: row.mfn,
        });
        return None;
    };
    let later = later_staged_rate(ctx, p, row, &text);
    let stage_unread = stage_not_read(ctx, p, row, &text);
    Some((text, ClaimedRate { programme: p, general, general_text: row.mfn, later, stage_unread }))
}

/// The day the programme's next staged rate took effect after the line's row began (its
/// `stage_day`: Japan's EPAs on 1 April), when the quote's date is on or after it and the row's
/// rate is not Free (an eliminated duty stays eliminated): that stage is not in our data
/// (audit-mm MM3: a claim of 2027-05-01 was priced at the FY2026 stage, complete).
pub(super) fn stage_not_read(
    ctx: &Ctx<'_>,
    p: &Programme,
    row: &crate::snapshot::Row<'static>,
    text: &str,
) -> Option<Date> {
    if matches!(DutyExpr::parse(text), DutyExpr::Free { condition: None }) {
        return None;
    }
    let next = p.next_stage_after(row.valid_from?)?;
    (ctx.req.date >= next).then_some(next)
}

/// The programme's rate in the next edition of the line's row, when the row may still hold the
/// staged rate of an earlier year on the quote's date: free trade agreements' staged reductions
/// take effect on 1 January of each year (the implementing proclamations), and a row whose text
/// began before the quote's year and ends later in that year (the 2025 tariff database, used
/// until HTS 2026 Revision 3 of 2026-02-12) says nothing of the new year's stage. `None` when the
/// next edition's rate is the same (nearly always) or there is none (docs/rules.md §16, fix-cc).
pub(super) fn later_staged_rate(
    ctx: &Ctx<'_>,
    p: &Programme,
    row: &crate::snapshot::Row<'static>,
    text: &str,
) -> Option<Box<LaterStage>> {
    let date = ctx.req.date;
    let next = row.valid_to?.add_days(1);
    let earlier_text = row.valid_from.is_none_or(|f| f.year() < date.year());
    if !earlier_text || next.year() != date.year() || date >= next {
        return None;
    }
    let tariff = ctx.j.tariff?;
    let code = HsCode::parse(row.code()).ok()?;
    let found = ctx.snapshot.lookup(tariff, &code, next).ok()?;
    let later = found.lines.iter().find(|l| l.row.code() == row.code())?;
    let rate = crate::rules::programmes::special_rate(later.row.special, p.code)?;
    (rate != text).then(|| {
        Box::new(LaterStage {
            text: rate,
            from: next,
            edition: ctx.snapshot.source(&later.row).dataset.to_string(),
            earlier_edition: ctx.snapshot.source(row).dataset.to_string(),
        })
    })
}

/// The tariff row of line `code` on the quote's date, whose programme rates the offers not
/// claimed read with [`later_staged_rate`] (audit-dd DD5): looked up once per line, not once per
/// programme offered.
pub(super) fn offered_row(ctx: &Ctx<'_>, code: &HsCode) -> Option<crate::snapshot::Row<'static>> {
    let found = ctx.snapshot.lookup(ctx.j.tariff?, code, ctx.req.date).ok()?;
    found.lines.iter().find(|l| l.row.code() == code.digits()).map(|l| l.row)
}

/// The caller's duty rate, read for the destination's customs currency `customs` (a `$` into
/// Australia is A$: [`DutyExpr::parse_caller`]); `replaced` names the tariff rate(s) it overrides.
pub(super) fn caller_rate(
    line: &LineRequest,
    rate: &str,
    replaced: Option<String>,
    customs: Currency,
) -> DutyRate<'static> {
    DutyRate {
        expr: Expr::Parsed(Box::new(DutyExpr::parse_caller(rate, customs))),
        text: Cow::Owned(rate.to_string()),
        name: match replaced {
            Some(r) => format!("Customs duty (caller-supplied rate, replacing the tariff rate {r})").into(),
            None => "Customs duty (caller-supplied rate)".into(),
        },
        source: RateSource::Request(Box::new(Provenance::request(&format!("lines[{}].duty_rate", line.id)))),
        matched_code: None,
        special: "",
        deduction: None,
        claim: None,
    }
}

/// The duty rate of a line to a destination without a tariff in the snapshot: the caller's, a
/// simplified regime's band, or none where the law charges duty only on listed goods; else why
/// there is none.
fn no_tariff_rate(ctx: &mut Ctx<'_>, line: &LineRequest) -> std::result::Result<DutyRate<'static>, String> {
    match (&line.duty_rate, ctx.req.simplified_regime) {
        (Some(rate), _) => Ok(caller_rate(line, rate, None, ctx.j.currency)),
        (None, Some(regime)) => band_rate(ctx, line, regime),
        (None, None) => match ctx.rules.duty_free(ctx.destination, ctx.req.date) {
            Some(row) => duty_free_rate(ctx, line, row),
            // The example names both forms: some tariffs are ad valorem, others (Switzerland's)
            // mostly specific, per 100 kg gross.
            None => Err(format!(
                "the snapshot has no {} tariff: supply duty_rate for this line, as the tariff writes it (e.g. \"5%\", or \"12 {}/100 kg gross\" with units {{\"kg:gross\": \"…\"}}){}",
                ctx.destination,
                ctx.j.currency,
                simplified_regime_hint(ctx)
            )),
        },
    }
}

/// The simplified regimes of the destination in force on the date (Brazil: `rts`,
/// `remessa_conforme`), as a request names them.
pub(super) fn simplified_regimes(ctx: &Ctx<'_>) -> Vec<&'static str> {
    [(SimplifiedRegime::RemessaConforme, "remessa_conforme"), (SimplifiedRegime::Rts, "rts")]
        .into_iter()
        .filter(|(regime, _)| !ctx.rules.taxes.bands(ctx.destination, *regime, ctx.req.date).is_empty())
        .map(|(_, name)| name)
        .collect()
}

/// Where a postal or courier consignment without `simplified_regime` goes to a destination that
/// has one (Brazil's remessas: audit-aa AA20), the input that would price it, for the line's
/// reason; else nothing.
fn simplified_regime_hint(ctx: &Ctx<'_>) -> String {
    let regimes = simplified_regimes(ctx);
    if regimes.is_empty() || ctx.req.channel() == crate::request::Channel::Freight {
        return String::new();
    }
    let choices: Vec<String> = regimes.iter().map(|r| format!("\"{r}\"")).collect();
    format!(
        "; or, for a postal or courier consignment to a natural person, give simplified_regime ({}; \"remessa_conforme\" where the seller is certified in the Remessa Conforme programme), which prices its duty and tax",
        choices.join(" or ")
    )
}

/// No duty, where the destination's law charges duty only on listed goods and the line's code is
/// outside them (`rules/duty_free.tsv`); under a listed prefix the line needs the caller's rate.
fn duty_free_rate(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    row: &'static crate::rules::DutyFree,
) -> std::result::Result<DutyRate<'static>, String> {
    if let Some(prefix) = row.dutiable_prefix(&line.code) {
        return Err(format!(
            "HS {prefix} is among the goods {} charges duty on ({}), whose rates are not in our data: supply duty_rate for this line",
            ctx.destination,
            row.source.row()
        ));
    }
    ctx.warn(Detail::Assumption { threshold: row.id, assumption: row.assumption });
    Ok(DutyRate {
        expr: Expr::Parsed(Box::new(DutyExpr::parse("Free"))),
        text: Cow::Borrowed("Free"),
        name: format!("Customs duty ({}: not among the dutiable goods)", ctx.destination).into(),
        source: RateSource::Shared(&row.source),
        matched_code: None,
        special: "",
        deduction: None,
        claim: None,
    })
}

/// The duty of a simplified regime's value band (Brazil's RTS / Remessa Conforme), chosen by
/// the whole consignment's value (goods, transport and insurance) in the band's currency; the
/// band's deduction is taken from the consignment's tax ([`deduction_weights`]).
///
/// A band whose `collected_at` is `sale` makes the seller collect the consignment's duty and
/// tax at the sale (`Ctx::band_at_sale`, stated once: `W_SELLER_COLLECTS`).
pub(super) fn band_rate(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    regime: SimplifiedRegime,
) -> std::result::Result<DutyRate<'static>, String> {
    let rules: &'static Rules = ctx.rules;
    let mut bands = rules.taxes.bands(ctx.destination, regime, ctx.req.date);
    if bands.is_empty() {
        return Err(format!(
            "{} has no {} simplified regime on {} in our data: supply duty_rate",
            ctx.destination,
            regime_name(regime),
            ctx.req.date
        ));
    }
    // A band for the line's goods (Brazil's medicines, Portaria MF 156/1999 art. 1 §1) replaces
    // the regime's general bands for that line; the other lines take the general ones.
    let for_goods_of =
        |b: &crate::rules::taxes::DutyBand, code: &str| b.codes.iter().any(|p| crate::hs::digits_start_with(code, p));
    let for_goods = |b: &crate::rules::taxes::DutyBand| for_goods_of(b, &line.code);
    let own = bands.iter().any(|b| for_goods(b));
    let bands_all = bands.clone();
    bands.retain(|b| if own { for_goods(b) } else { b.codes.is_empty() });
    let Some(first) = bands.first() else {
        return Err(format!(
            "{} has no {} band for the goods of line {} on {} in our data: supply duty_rate",
            ctx.destination,
            regime_name(regime),
            line.id,
            ctx.req.date
        ));
    };
    let req = ctx.req;
    let goods: Decimal = req.lines.iter().map(|l| l.quantity * l.unit_price).decimal_sum();
    let consignment = goods + req.shipping() + req.insurance();
    let Some(to_band) = ctx.rate(req.currency, first.currency) else {
        return Err(format!("no exchange rate {}/{}: give it in fx", req.currency, first.currency));
    };
    let value = crate::money::round_to(consignment * to_band, first.currency.minor_units(), req.rounding.mode);
    let Some(b) = bands.iter().find(|b| b.value_from <= value && value <= b.value_to) else {
        return Err(format!(
            "the consignment's value {} {} is outside the {} bands: the regular regime applies, supply duty_rate",
            format_grouped(value),
            first.currency,
            regime_name(regime)
        ));
    };
    ctx.note_verify(b.source.row(), b.source.is_verify());
    if !b.assumption.is_empty() {
        ctx.warn(Detail::Assumption { threshold: b.id, assumption: b.assumption });
    }
    if b.collected_at == CollectedAt::Sale && ctx.band_at_sale.is_none() {
        ctx.band_at_sale = Some(*b);
        ctx.warn(Detail::SellerCollectsRegime { band: b.id, regime: regime_name(regime) });
    }
    let deduction = if b.deduction.is_zero() {
        None
    } else {
        let to_customs = ctx
            .rate(first.currency, ctx.j.currency)
            .ok_or_else(|| format!("no exchange rate {}/{}: give it in fx", first.currency, ctx.j.currency))?;
        let weights = deduction_weights(req, &bands_all, value, &for_goods_of);
        let whole = weights.iter().filter(|w| !w.is_zero()).count() == 1;
        let total = ctx.round(b.deduction * to_customs);
        let dp = ctx.j.currency.minor_units();
        let amount = match weights.iter().any(|w| !w.is_zero()) {
            true => crate::allocation::allocate(total, &weights, dp)
                .map_err(allocation_failure)?
                .get(ctx.line_at)
                .copied()
                .unwrap_or_default(),
            false => Decimal::ZERO,
        };
        let note = format!(
            "less {} {} deduction{}",
            b.deduction.normalize(),
            b.currency,
            if whole { String::new() } else { format!(" (this line's share by its tax: {})", format_grouped(amount)) }
        );
        Some(Box::new((amount, note)))
    };
    Ok(DutyRate {
        expr: Expr::Parsed(Box::new(DutyExpr::AdValorem { percent: b.percent, on: None })),
        text: Cow::Owned(match &deduction {
            Some(_) => format!("{}% less {} {}", b.percent.normalize(), b.deduction.normalize(), b.currency),
            None => format!("{}%", b.percent.normalize()),
        }),
        name: format!("Import tax ({}, consignment {} {})", b.id, format_grouped(value), b.currency).into(),
        source: RateSource::Shared(&b.source),
        matched_code: None,
        special: "",
        deduction,
        claim: None,
    })
}

/// A simplified regime as the request spells it (`remessa_conforme`), for messages.
fn regime_name(regime: SimplifiedRegime) -> &'static str {
    match regime {
        SimplifiedRegime::Rts => "rts",
        SimplifiedRegime::RemessaConforme => "remessa_conforme",
    }
}

/// An allocation's error as `Error`'s text ("code: message": the allocation's errors name no
/// field), written out so that the browser module links no `Display` of `Error` for this one
/// message (size-k: 256 B raw, 158 B gzip).
fn allocation_failure(e: crate::Error) -> String {
    format!("{}: {}", e.code.as_str(), e.message)
}

/// Each line's weight in a band's deduction: its import tax before the deduction (the band's
/// percent of its goods and its share of transport and insurance, by the request's allocation
/// key). Portaria MF 156/1999 art. 1 as amended by Portaria MF 1.086/2024 deducts the US$20
/// "do valor do tributo a pagar", the consignment's tax: a line taxed at 0 % (medicines, art. 1
/// §1) or priced at the caller's `duty_rate` takes no part of it (audit-hh HH8).
fn deduction_weights(
    req: &QuoteRequest,
    bands: &[&crate::rules::taxes::DutyBand],
    value: Decimal,
    for_goods_of: &dyn Fn(&crate::rules::taxes::DutyBand, &str) -> bool,
) -> Vec<Decimal> {
    let goods: Vec<Decimal> = req.lines.iter().map(|l| l.quantity * l.unit_price).collect();
    let keys = super::values::allocation_keys(req, &goods).unwrap_or_else(|_| goods.clone());
    let key_sum: Decimal = keys.iter().copied().decimal_sum();
    let charges = req.shipping() + req.insurance();
    req.lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if l.duty_rate.is_some() {
                return Decimal::ZERO;
            }
            let own: Vec<_> = bands.iter().filter(|b| for_goods_of(b, &l.code)).collect();
            let percent = match own.is_empty() {
                true => bands.iter().find(|b| b.codes.is_empty() && b.value_from <= value && value <= b.value_to),
                false => own.into_iter().find(|b| b.value_from <= value && value <= b.value_to),
            }
            .map_or(Decimal::ZERO, |b| b.percent);
            let share = if key_sum.is_zero() { Decimal::ZERO } else { charges * keys[i] / key_sum };
            percent * (goods[i] + share)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn an_allocation_failure_reads_as_the_error() {
        let cases = [(Decimal::NEGATIVE_ONE, Decimal::ONE), (Decimal::ONE, Decimal::NEGATIVE_ONE)];
        for (total, weight) in cases {
            let e = crate::allocation::allocate(total, &[weight], 2).unwrap_err();
            assert_eq!(allocation_failure(e.clone()), e.to_string());
        }
    }

    fn one_line(destination: &str, currency: &str, line: &str) -> QuoteRequest {
        request(&format!(
            r#"{{"destination":"{destination}","date":"2026-03-02","currency":"{currency}","lines":[{line}]}}"#
        ))
    }

    #[test]
    fn a_relieved_consignment_takes_no_rate_from_the_tariff_rules_3() {
        // docs/rules.md §3: within a duty relief the line's duty is not due, whatever its code.
        let req = one_line("GB", "GBP", r#"{"id":"a","code":"6109100010","quantity":"1","unit_price":"10"}"#);
        let mut ctx = context(&req);
        let t = ctx.rules.thresholds.iter().find(|t| t.id == "gb-low-value-135").unwrap();
        let relief = Relief { duty: Some(t), ..Relief::default() };
        let code = HsCode::parse("6109100010").unwrap();
        let mut sources = Several::new();
        duty_sources(&mut ctx, &req.lines[0], &code, &relief, None, None, &mut sources);
        assert_eq!(sources.len(), 1);
        assert!(matches!(&sources[0], DutySource::Relieved(r) if r.id == "gb-low-value-135"));
    }

    #[test]
    fn a_code_longer_than_the_published_line_takes_its_most_specific_prefix() {
        // The GB tariff publishes 61091000: a 10-digit 6109.10.00.10 is priced at that line, the
        // line named and its duty text (12.0 %) kept as published.
        let req = one_line("GB", "GBP", r#"{"id":"a","code":"6109.10.00.10","quantity":"1","unit_price":"200"}"#);
        let mut ctx = context(&req);
        let code = HsCode::parse(&req.lines[0].code).unwrap();
        let mut rates = Several::new();
        duty_rates(&mut ctx, &req.lines[0], &code, None, &mut rates).unwrap();
        assert_eq!(rates.len(), 1);
        let rates: Vec<&DutyRate> = rates.iter().filter_map(rate_of).collect();
        assert_eq!((&*rates[0].text, rates[0].matched_code.as_deref()), ("12.0%", Some("61091000")));
        assert_eq!(rates[0].name, "Customs duty (GB 61091000)");
    }

    #[test]
    fn the_callers_duty_rate_replaces_the_tariff_rate_and_says_so_rules_15() {
        // docs/rules.md §15: the caller's duty_rate beats the tariff's, and the quote names both.
        let req = one_line(
            "GB",
            "GBP",
            r#"{"id":"a","code":"6109100010","quantity":"1","unit_price":"200","duty_rate":"5%"}"#,
        );
        let mut ctx = context(&req);
        let code = HsCode::parse("6109100010").unwrap();
        let mut rates = Several::new();
        duty_rates(&mut ctx, &req.lines[0], &code, None, &mut rates).unwrap();
        let rates: Vec<&DutyRate> = rates.iter().filter_map(rate_of).collect();
        assert_eq!((rates.len(), &*rates[0].text), (1, "5%"));
        assert!(rates[0].name.as_str().contains("replacing the tariff rate"), "{}", rates[0].name);
        assert!(ctx.warnings.iter().any(|w| w.code == WarningCode::DutyRateOverride));
    }

    #[test]
    fn a_vintage_is_read_as_date_parse_reads_it() {
        for v in [
            "2026-01-05",
            "2024-02-29",
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "1899-12-31",
            "3000-01-01",
            "2026-1-05",
            "2026-+1-05",
            " 2026-01-05",
            "2026-01-05 ",
            "2026/01/05",
            "2026-01",
            "",
            "20260105",
            "2026-01-0x",
            "２026-01-05",
        ] {
            assert_eq!(vintage_date(v), Date::parse(v).ok(), "{v:?}");
        }
    }

    #[test]
    fn a_destination_without_a_tariff_needs_the_callers_rate_rules_18() {
        // docs/rules.md §18: no tariff for AU in the snapshot: the reason names the missing input.
        let req = one_line("AU", "AUD", r#"{"id":"a","code":"6109100010","quantity":"1","unit_price":"200"}"#);
        let mut ctx = context(&req);
        let code = HsCode::parse("6109100010").unwrap();
        let why = duty_rates(&mut ctx, &req.lines[0], &code, None, &mut Several::new()).expect_err("no rate");
        assert!(why.contains("supply duty_rate"), "{why}");
    }
}
