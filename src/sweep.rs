//! Sweeps: one cart across destinations, origins, places of shipment, dates, channels, incoterms,
//! candidate codes and preference claims, ranked by what the buyer pays in all (so DAP and DDP
//! compare on the same footing), complete quotes first: a quote with a levy we could not price is
//! never "cheapest". The answer names the winning combination and what each of its choices saved
//! against the best other value of the same axis: "the cheapest compliant way to land this cart".
//! A choice that saved nothing (the best other value costs the same) is not a saving: it is listed
//! in `ties` instead of `savings`. The code axis is a what-if for other goods, never a way to
//! declare the same goods more cheaply: its entry carries [`CODE_WHAT_IF`] as its note.

use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::money::{round_to, Currency};
use crate::quote::{LineQuote, LineStatus, Quote};
use crate::request::{Channel, Incoterm, QuoteRequest};
use crate::Engine;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The values to try on each axis; an empty axis keeps the request's own value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(deny_unknown_fields)]
pub struct SweepAxes {
    #[serde(default)]
    pub destinations: Vec<String>,
    /// Countries of origin (sourcing options), applied to every line.
    #[serde(default)]
    pub origins: Vec<String>,
    /// Places of direct shipment (thresholds such as Canada's CUSMA courier limits or Korea's
    /// US$200 follow it).
    #[serde(default)]
    pub ship_froms: Vec<String>,
    #[serde(default)]
    pub dates: Vec<Date>,
    #[serde(default)]
    pub channels: Vec<Channel>,
    #[serde(default)]
    pub incoterms: Vec<Incoterm>,
    /// Candidate codes for the first line.
    #[serde(default)]
    pub codes: Vec<String>,
    /// Preference claims to try: `"none"` (no claim), a programme code (`"S"`, `"CPTPP"`: claimed
    /// for every line, an invalid claim is that row's error), or `"auto"`: no claim, then each
    /// programme some line can claim (in force, open to its origin, a rate for its code), claimed
    /// for the lines that can, then the best claim per line where that differs from all of these:
    /// each line claims the programme that lands it cheapest among those open to it, or none.
    #[serde(default)]
    pub claims: Vec<String>,
}

/// Most combinations one sweep may price.
pub const MAX_COMBINATIONS: usize = 200_000;

/// One combination and its outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct SweepRow {
    pub destination: String,
    pub origin: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ship_from: Option<String>,
    pub date: Date,
    pub channel: Channel,
    pub incoterm: Incoterm,
    pub code: String,
    /// The preference programme claimed (for the lines that can, under `auto`); none: no claim.
    /// The best claim per line names its programmes joined by `+` (`AU+S`); `line_claims` says
    /// which line claimed which.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
    /// Each line that claimed a programme, and what its claim saved.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub line_claims: Vec<LineClaim>,
    /// What the claims saved (duty and the additional duties they removed), in the destination's
    /// currency; absent when a claimed line's saving is not priced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim_saving: Option<Decimal>,
    /// Landed total in the destination's currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub landed: Option<Decimal>,
    pub currency: Option<Currency>,
    /// Landed total converted to the request currency at the rate in `fx`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub landed_in_request_currency: Option<Decimal>,
    /// The rate the row's amounts were converted to the request currency with: the quote's own
    /// customs rate for the pair `REQUEST/DESTINATION` (the one its goods were converted with,
    /// so the way back is a division by it), else, for a quote that converted nothing from the
    /// request currency, the ECB rate of the date for `DESTINATION/REQUEST` (multiplied by).
    /// Absent when the currencies are the same.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fx: Option<crate::fx::FxUsed>,
    /// Due on delivery (DAP) in the destination's currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_on_delivery: Option<Decimal>,
    /// What the buyer pays in all (checkout + due on delivery), in the request currency: the
    /// ranking key, so that DAP and DDP compare on the same footing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buyer_total_in_request_currency: Option<Decimal>,
    pub duty: Option<Decimal>,
    pub tax: Option<Decimal>,
    pub fees: Option<Decimal>,
    pub complete: bool,
    /// The figures are lower bounds ("at least"): some levy could not be priced.
    pub at_least: bool,
    /// Why this combination could not be priced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What became of the caller's own duties (`duty_rate`, `extra_duties`) on this row, where it
    /// differs from the request they were given for (`caller_duties`); what the row's figure
    /// leaves out (a movement without customs border) or what its claim really does.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub notes: Vec<String>,
    /// Why a saving against this row needs a word ([`AxisSaving::note`]).
    #[serde(skip)]
    caveat: Option<String>,
}

/// The sweep's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct SweepResult {
    pub request_currency: Currency,
    /// Complete quotes first, by what the buyer pays in all in the request currency, cheapest
    /// first; then incomplete quotes (lower bounds, marked `at_least`) in the same order; then
    /// combinations that could not be priced or converted.
    pub rows: Vec<SweepRow>,
    /// The cheapest complete quote; none when no quote is complete.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cheapest: Option<SweepRow>,
    /// Incomplete quotes whose lower bound is below the cheapest complete one: they may or may
    /// not be cheaper once their missing inputs are given.
    pub incomplete_below_cheapest: usize,
    /// Dearest minus cheapest complete quote, in the request currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spread: Option<Decimal>,
    /// For each axis swept, what the cheapest quote's value saved against the best complete quote
    /// that differs from it on that axis only; only savings of more than zero.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub savings: Vec<AxisSaving>,
    /// The axes whose best other value costs the buyer exactly as much as the cheapest quote's:
    /// the choice saves nothing, so it is not listed in `savings`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub ties: Vec<AxisTie>,
    pub combinations: usize,
    /// The snapshot every row was priced from (each row names its own date and `fx`): with
    /// them the sweep can be priced again (audit-s S12).
    pub snapshot_id: String,
}

/// One line's claim in a sweep row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct LineClaim {
    /// The line's `id`.
    pub line: String,
    pub program: String,
    /// What the claim saved on this line (duty and the additional duties it removed), in the
    /// destination's currency; absent when not priced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saving: Option<Decimal>,
}

/// What one choice of the cheapest quote saved.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct AxisSaving {
    /// `destination`, `origin`, `ship_from`, `date`, `channel`, `incoterm`, `code` or `claim`.
    pub axis: String,
    pub chosen: String,
    /// The best other value on the axis (`none` for no claim or no value).
    pub instead_of: String,
    /// What the buyer pays in all with `instead_of` minus with `chosen`, in the request currency.
    pub saving: Decimal,
    /// What the saving rests on, where the chosen row differs from the other in more than its
    /// levies: goods assumed already in free circulation (their first import's duty is in
    /// neither figure), or a claim that lowers no duty and only changes the consignment's tariff.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An axis on which the cheapest quote's value and the best other one cost the same.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct AxisTie {
    /// As [`AxisSaving::axis`].
    pub axis: String,
    pub chosen: String,
    /// The best other value on the axis, with the same total.
    pub same_as: String,
    /// Why the same total is no finding, where it is not: origins compared where the
    /// destination's preferences are not in our data (audit-n N3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl SweepAxes {
    /// The axes with every country written as the quote reads it (trimmed, upper case), after
    /// checking each value is well formed: a country an ISO code, a code an HS code. An empty or
    /// malformed value is an error naming it (`axes.destinations[1]`), before anything is priced:
    /// never a row of the sweep (audit-s S10: `--dest GB,,DE` gave a row "E_COUNTRY" and exit
    /// 0), and never compared raw (audit-s S1: `--origin "CN, RU"` priced " RU" as no country of
    /// column 2). A well-formed value the destination cannot price (an unsupported destination,
    /// a programme it has not) stays that row's error.
    pub fn checked(&self) -> Result<SweepAxes> {
        let countries = |values: &[String], axis: &str| -> Result<Vec<String>> {
            let field = |i: usize| format!("axes.{axis}[{i}]");
            values.iter().enumerate().map(|(i, v)| crate::request::country(v, &field(i))).collect()
        };
        for (i, c) in self.codes.iter().enumerate() {
            crate::hs::HsCode::parse(c)
                .map_err(|e| Error::new(e.code, format!("axes.codes[{i}]"), e.into_fields().message))?;
        }
        claim_plans(&self.claims)?;
        Ok(SweepAxes {
            destinations: countries(&self.destinations, "destinations")?,
            origins: countries(&self.origins, "origins")?,
            ship_froms: countries(&self.ship_froms, "ship_froms")?,
            ..self.clone()
        })
    }

    /// The axes with each value once (the first of repeats kept, in order): `--origin CN,CN,CN`
    /// used to print three identical rows. Countries, channels and claims compare without case.
    pub fn deduplicated(&self) -> SweepAxes {
        fn once<T: Clone>(values: &[T], same: impl Fn(&T, &T) -> bool) -> Vec<T> {
            let mut out: Vec<T> = Vec::with_capacity(values.len());
            for v in values {
                if !out.iter().any(|o| same(o, v)) {
                    out.push(v.clone());
                }
            }
            out
        }
        let text = |a: &String, b: &String| a.trim().eq_ignore_ascii_case(b.trim());
        let code = |a: &String, b: &String| {
            let digits = |s: &String| s.chars().filter(char::is_ascii_digit).collect::<String>();
            digits(a) == digits(b)
        };
        SweepAxes {
            destinations: once(&self.destinations, text),
            origins: once(&self.origins, text),
            ship_froms: once(&self.ship_froms, text),
            dates: once(&self.dates, |a, b| a == b),
            channels: once(&self.channels, |a, b| a == b),
            incoterms: once(&self.incoterms, |a, b| a == b),
            codes: once(&self.codes, code),
            claims: once(&self.claims, text),
        }
    }
}

/// Prices every combination of the axes over the base request.
pub fn sweep(engine: &Engine, base: &QuoteRequest, axes: &SweepAxes) -> Result<SweepResult> {
    sweep_with_progress(engine, base, axes, &mut |_, _| true)
}

/// As [`sweep`], calling `progress(done, total)` every 64 combinations; returning `false` from it
/// cancels the sweep (the rows so far are returned).
pub fn sweep_with_progress(
    engine: &Engine,
    base: &QuoteRequest,
    axes: &SweepAxes,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<SweepResult> {
    let axes = &axes.checked()?.deduplicated();
    let combos = combinations(engine, base, axes)?;
    let total = combos.len();
    let mut rows = Vec::with_capacity(total);
    let mut same_route = SameRoute::default();
    let mut group: Vec<(&Combo, Quote)> = Vec::new();
    for (i, combo) in combos.iter().enumerate() {
        let (row, quote) = price(engine, base, combo);
        same_route.push(&mut rows, row, combo);
        if let (Some(_), Some(q)) = (combo.auto_group, quote) {
            group.push((combo, q));
        }
        let group_ends = combo.auto_group.is_some() && combos.get(i + 1).and_then(|n| n.auto_group) != combo.auto_group;
        if group_ends {
            if let Some(best) = best_per_line(&group) {
                same_route.push(&mut rows, price(engine, base, &best).0, &best);
            }
            group.clear();
        }
        if (i + 1) % 64 == 0 && !progress(i + 1, total) {
            break;
        }
    }
    progress(total.min(rows.len()), total);
    let total = rows.len();
    rank(&mut rows);
    let key = |r: &SweepRow| r.buyer_total_in_request_currency;
    let complete: Vec<&SweepRow> = rows.iter().filter(|r| r.complete && key(r).is_some()).collect();
    let cheapest = complete.first().map(|r| (*r).clone());
    let spread = match (complete.first().and_then(|r| key(r)), complete.last().and_then(|r| key(r))) {
        (Some(a), Some(b)) => Some(b - a),
        _ => None,
    };
    let incomplete_below_cheapest = match cheapest.as_ref().and_then(key) {
        Some(best) => rows.iter().filter(|r| !r.complete && key(r).is_some_and(|k| k < best)).count(),
        None => rows.iter().filter(|r| !r.complete && key(r).is_some()).count(),
    };
    let (mut savings, mut ties) = cheapest.as_ref().map(|c| savings(c, &complete)).unwrap_or_default();
    // DDP against DAP compares the government's levies only: under DAP the carrier bills the
    // recipient its own clearance or disbursement charge, outside the fee table (audit-n N7).
    for t in ties.iter_mut().filter(|t| t.axis == "incoterm") {
        t.note = Some(INCOTERM_NOTE.to_string());
    }
    for s in savings.iter_mut().filter(|s| s.axis == "incoterm") {
        s.note = Some(match s.note.take() {
            Some(n) => format!("{n}; {INCOTERM_NOTE}"),
            None => INCOTERM_NOTE.to_string(),
        });
    }
    // Origins compared where the destination's preferences are not in our data: every origin is
    // charged the general rate, so "the same total" says nothing of a partner's preference.
    if let Some(c) = cheapest.as_ref().filter(|c| !crate::rules::Rules::has_programmes(&c.destination)) {
        let note = no_preferences_note(&c.destination, !engine.rules().programmes(&c.destination).is_empty());
        ties.iter_mut().filter(|t| t.axis == "origin").for_each(|t| t.note = Some(note.clone()));
        // A saving that is a claim's is not "charged the general rate" (audit-qq QQ3).
        for s in savings.iter_mut().filter(|s| s.axis == "origin" && c.claim.is_none()) {
            s.note = Some(match s.note.take() {
                Some(n) => format!("{n}; {note}"),
                None => note.clone(),
            });
        }
    }
    // A place of shipment whose claim holds on its transit rule is no certain loss: with the rule
    // met the claim stands there too, so the saving is at most the one shown (audit-qq QQ2).
    if let Some(c) = cheapest.as_ref().filter(|c| c.claim.is_some()) {
        for s in savings.iter_mut().filter(|s| s.axis == "ship_from") {
            let Some(note) = transit_saving_note(c, &s.instead_of, &rows) else { continue };
            s.note = Some(match s.note.take() {
                Some(n) => format!("{n}; {note}"),
                None => note,
            });
        }
    }
    // An origin saving is a sourcing choice, and one resting on a claim needs goods originating
    // under its rules of origin (audit-qq QQ3, QQ8).
    if let Some(c) = cheapest.as_ref() {
        for s in savings.iter_mut().filter(|s| s.axis == "origin") {
            let rests = origin_saving_note(&s.chosen, c.claim.as_deref());
            s.note = Some(match s.note.take() {
                // The transshipment caveat already says an origin is not a label.
                Some(n) if c.claim.is_none() && n.contains("not a label") => n,
                Some(n) => format!("{n}; {rests}"),
                None => rests,
            });
        }
    }
    Ok(SweepResult {
        request_currency: base.currency,
        combinations: total,
        rows,
        cheapest,
        incomplete_below_cheapest,
        spread,
        savings,
        ties,
        snapshot_id: engine.snapshot_id(),
    })
}

/// One point of the sweep: the base request with these values.
#[derive(Clone)]
struct Combo {
    destination: String,
    origin: Option<String>,
    ship_from: Option<String>,
    date: Date,
    channel: Channel,
    /// None: the base request's own absent incoterm (DDP assumed, and said so).
    incoterm: Option<Incoterm>,
    code: String,
    claim: ClaimPlan,
    /// The `auto` expansion this combination belongs to (its rows are compared per line).
    auto_group: Option<usize>,
}

/// What a combination claims.
#[derive(Clone)]
enum ClaimPlan {
    /// The request's own claims.
    Keep,
    /// No claim on any line.
    Clear,
    /// This programme for every line (`None`), or for the lines marked `true` (under `auto`).
    Claim(String, Option<Vec<bool>>),
    /// Expanded into `Clear` and one `Claim` per programme some line can claim, then `PerLine`.
    Auto,
    /// Each line's own claim (`None`: no claim): the best claim per line under `auto`.
    PerLine(Vec<Option<String>>),
}

/// Every combination of the axes, an empty axis keeping the request's own value; more than
/// [`MAX_COMBINATIONS`] is an error (counted before anything is built, `auto` claims once more
/// as they expand).
fn combinations(engine: &Engine, base: &QuoteRequest, axes: &SweepAxes) -> Result<Vec<Combo>> {
    let or_base = |v: &[String], b: Option<String>| -> Vec<Option<String>> {
        if v.is_empty() {
            vec![b]
        } else {
            v.iter().cloned().map(Some).collect()
        }
    };
    let destinations = or_base(&axes.destinations, Some(base.destination.clone()));
    // No origin axis: `None`, the request's own origins as they are, the lines' own included (the
    // request's origin set on every line priced a Chinese mug of a Mexican cart as Mexican and
    // claimed USMCA on it: audit-qq QQ19).
    let origins = match axes.origins.is_empty() {
        true => vec![None],
        false => axes.origins.iter().cloned().map(Some).collect(),
    };
    let ship_froms = or_base(&axes.ship_froms, base.ship_from.clone());
    let dates = if axes.dates.is_empty() { vec![base.date] } else { axes.dates.clone() };
    let channels = if axes.channels.is_empty() { vec![base.channel()] } else { axes.channels.clone() };
    let incoterms = if axes.incoterms.is_empty() {
        vec![base.incoterm]
    } else {
        axes.incoterms.iter().copied().map(Some).collect()
    };
    let codes = or_base(&axes.codes, Some(base.lines.first().map(|l| l.code.clone()).unwrap_or_default()));
    let claims = claim_plans(&axes.claims)?;
    let total = [
        destinations.len(),
        origins.len(),
        ship_froms.len(),
        dates.len(),
        channels.len(),
        incoterms.len(),
        claims.len(),
    ]
    .iter()
    .fold(codes.len(), |n, k| n.saturating_mul(*k));
    let too_many = |total: usize| {
        Error::new(ErrorCode::TooLarge, "axes", format!("{total} combinations: at most {MAX_COMBINATIONS}"))
    };
    if total > MAX_COMBINATIONS {
        return Err(too_many(total));
    }
    let mut out = Vec::with_capacity(total);
    for d in &destinations {
        for o in &origins {
            for sf in &ship_froms {
                for date in &dates {
                    for c in &channels {
                        for i in &incoterms {
                            for code in &codes {
                                for claim in &claims {
                                    let combo = Combo {
                                        destination: d.clone().unwrap_or_default(),
                                        origin: o.clone(),
                                        ship_from: sf.clone(),
                                        date: *date,
                                        channel: *c,
                                        incoterm: *i,
                                        code: code.clone().unwrap_or_default(),
                                        claim: claim.clone(),
                                        auto_group: None,
                                    };
                                    match claim {
                                        ClaimPlan::Auto => {
                                            let group = out.len();
                                            out.extend(auto_claims(engine, base, combo, group))
                                        }
                                        _ => out.push(combo),
                                    }
                                    if out.len() > MAX_COMBINATIONS {
                                        return Err(too_many(out.len()));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Rows of one route (every axis but the claim) that come out the same are listed once, saying
/// which values of the claims axis they stand for (audit-rr RR4: `--claim none,auto,TCA` listed
/// TCA twice, `auto` resolving to it). A route's rows are priced one after another.
#[derive(Default)]
struct SameRoute {
    /// Where the current route's rows start in `rows`, with the claims each row stands for.
    start: usize,
    claims: Vec<Vec<String>>,
}

impl SameRoute {
    fn push(&mut self, rows: &mut Vec<SweepRow>, row: SweepRow, combo: &Combo) {
        #[allow(clippy::type_complexity)]
        fn route(r: &SweepRow) -> (&String, &Option<String>, &Option<String>, Date, Channel, Incoterm, &String) {
            (&r.destination, &r.origin, &r.ship_from, r.date, r.channel, r.incoterm, &r.code)
        }
        if rows.get(self.start).is_none_or(|first| route(first) != route(&row)) {
            self.start = rows.len();
            self.claims.clear();
        }
        let asked = match (&combo.claim, combo.auto_group) {
            (ClaimPlan::Claim(p, None), _) => p.to_ascii_uppercase(),
            (ClaimPlan::Clear, None) => "none".to_string(),
            (ClaimPlan::Keep, _) => "the request's".to_string(),
            _ => "auto".to_string(),
        };
        match rows[self.start..].iter().position(|r| *r == row) {
            Some(i) => {
                let claims = &mut self.claims[i];
                if claims.contains(&asked) {
                    return;
                }
                claims.push(asked);
                let note = format!("claims {} give this same row: listed once", claims.join(", "));
                let kept = &mut rows[self.start + i];
                match kept.notes.iter_mut().find(|n| n.ends_with("give this same row: listed once")) {
                    Some(n) => *n = note,
                    None => kept.notes.push(note),
                }
            }
            None => {
                rows.push(row);
                self.claims.push(vec![asked]);
            }
        }
    }
}

/// The claim axis as plans; an empty axis keeps the request's claims.
fn claim_plans(claims: &[String]) -> Result<Vec<ClaimPlan>> {
    if claims.is_empty() {
        return Ok(vec![ClaimPlan::Keep]);
    }
    let mut out = Vec::with_capacity(claims.len());
    for (i, c) in claims.iter().enumerate() {
        out.push(match c.trim() {
            c if c.eq_ignore_ascii_case("none") => ClaimPlan::Clear,
            c if c.eq_ignore_ascii_case("auto") => ClaimPlan::Auto,
            c if !c.is_empty() && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') => {
                ClaimPlan::Claim(c.to_string(), None)
            }
            _ => {
                return Err(Error::new(
                    ErrorCode::Claim,
                    format!("axes.claims[{i}]"),
                    format!("{c:?} is not \"none\", \"auto\" or a programme code such as \"S\""),
                ))
            }
        });
    }
    // `auto` prices no claim first: a `none` beside it would price (and list, and count) the
    // same combination twice (audit-g G7).
    if out.iter().any(|p| matches!(p, ClaimPlan::Auto)) {
        out.retain(|p| !matches!(p, ClaimPlan::Clear));
    }
    Ok(out)
}

/// `auto` for one combination: no claim, then each programme some line can claim, claimed for
/// the lines that can ([`crate::quote::claimable`]); all in one group, numbered `group`.
fn auto_claims(engine: &Engine, base: &QuoteRequest, combo: Combo, group: usize) -> Vec<Combo> {
    let combo = Combo { auto_group: Some(group), ..combo };
    let (r, _) = request(base, &Combo { claim: ClaimPlan::Clear, ..combo.clone() });
    let per_line: Vec<Vec<&'static str>> = r.lines.iter().map(|l| crate::quote::claimable(engine, &r, l)).collect();
    let mut programmes: Vec<&'static str> = Vec::new();
    for p in per_line.iter().flatten() {
        if !programmes.contains(p) {
            programmes.push(p);
        }
    }
    let mut out = vec![Combo { claim: ClaimPlan::Clear, ..combo.clone() }];
    for p in programmes {
        let mask = per_line.iter().map(|l| l.contains(&p)).collect();
        out.push(Combo { claim: ClaimPlan::Claim(p.to_string(), Some(mask)), ..combo.clone() });
    }
    out
}

/// The best claim per line from one `auto` group's quotes: each line claims the programme whose
/// complete line (every levy priced, the claim's saving priced) costs least in levies, if less
/// than without a claim or if the line is incomplete without one; `None` when that is no claim
/// at all or what one programme's row already claims.
fn best_per_line(group: &[(&Combo, Quote)]) -> Option<Combo> {
    let (clear, unclaimed) = group.iter().find(|(c, _)| matches!(c.claim, ClaimPlan::Clear))?;
    let mut chosen: Vec<Option<String>> = Vec::with_capacity(unclaimed.lines.len());
    // A quote's lines are the request's, in its order (ids need not be unique).
    for (i, line) in unclaimed.lines.iter().enumerate() {
        let mut best: Option<(Decimal, &str)> = None;
        for (combo, q) in group {
            let ClaimPlan::Claim(p, Some(_)) = &combo.claim else { continue };
            let Some(cost) = q.lines.get(i).and_then(claimed_cost) else { continue };
            if best.is_none_or(|(b, _)| cost < b) {
                best = Some((cost, p.as_str()));
            }
        }
        let better = best.filter(|(cost, _)| complete_cost(line).is_none_or(|without| *cost < without));
        chosen.push(better.map(|(_, p)| p.to_string()));
    }
    let same_as = |c: &Combo| match &c.claim {
        ClaimPlan::Clear => chosen.iter().all(Option::is_none),
        ClaimPlan::Claim(p, Some(mask)) => {
            chosen.iter().zip(mask).all(|(ch, on)| ch.as_deref() == on.then_some(p.as_str()))
        }
        _ => false,
    };
    if group.iter().any(|(c, _)| same_as(c)) {
        return None;
    }
    Some(Combo { claim: ClaimPlan::PerLine(chosen), auto_group: None, ..(*clear).clone() })
}

/// A line's levies in all when every one is priced.
fn complete_cost(line: &LineQuote) -> Option<Decimal> {
    if line.status != LineStatus::Priced {
        return None;
    }
    line.levies.iter().map(|l| l.amount).sum()
}

/// A claiming line's levies in all when every one is priced and so is the claim's saving.
fn claimed_cost(line: &LineQuote) -> Option<Decimal> {
    line.claim.as_ref().and_then(|c| c.total_saving)?;
    complete_cost(line)
}

/// The programmes of a per-line plan, each once in line order, joined by `+`.
fn per_line_label(claims: &[Option<String>]) -> Option<String> {
    let mut programmes: Vec<String> = Vec::new();
    for p in claims.iter().flatten().map(|p| p.to_ascii_uppercase()) {
        if !programmes.contains(&p) {
            programmes.push(p);
        }
    }
    (!programmes.is_empty()).then(|| programmes.join("+"))
}

/// The base request with a combination's values, and what became of the caller's duties
/// ([`caller_duties`]).
fn request(base: &QuoteRequest, combo: &Combo) -> (QuoteRequest, CallerDuties) {
    let mut r = base.clone();
    r.destination = combo.destination.clone();
    r.date = combo.date;
    // A channel the sweep varies to is given, not assumed; the base's own stays as it was.
    if base.channel.is_some() || combo.channel != base.channel() {
        r.channel = Some(combo.channel);
    }
    r.incoterm = combo.incoterm;
    r.ship_from = combo.ship_from.clone();
    if let Some(o) = &combo.origin {
        r.origin = Some(o.clone());
        for l in &mut r.lines {
            l.origin = None;
        }
    }
    if let Some(l) = r.lines.first_mut() {
        l.code = combo.code.clone();
    }
    match &combo.claim {
        ClaimPlan::Keep | ClaimPlan::Auto => {}
        ClaimPlan::Clear => {
            r.claim = None;
            r.lines.iter_mut().for_each(|l| l.claim = None);
        }
        ClaimPlan::Claim(p, None) => {
            r.claim = Some(p.clone());
            r.lines.iter_mut().for_each(|l| l.claim = None);
        }
        ClaimPlan::Claim(p, Some(mask)) => {
            r.claim = None;
            for (l, on) in r.lines.iter_mut().zip(mask) {
                l.claim = on.then(|| p.clone());
            }
        }
        ClaimPlan::PerLine(claims) => {
            r.claim = None;
            for (l, c) in r.lines.iter_mut().zip(claims) {
                l.claim = c.clone();
            }
        }
    }
    let mut duties = caller_duties(base, &mut r);
    // A subdivision is a part of the request's destination (a Canadian province, a Brazilian
    // state): another destination's row is priced without it, as the caller's duties are, and
    // says so (audit-n N7: every other destination refused `subdivision ON`).
    if let Some(sub) = base.subdivision.as_ref().filter(|_| !r.destination.eq_ignore_ascii_case(&base.destination)) {
        r.subdivision = None;
        duties.notes.push(format!(
            "subdivision {} was given for destination {}, not applied to {}",
            sub.to_ascii_uppercase(),
            base.destination.to_ascii_uppercase(),
            r.destination.to_ascii_uppercase()
        ));
    }
    (r, duties)
}

/// What the sweep did with the caller's own duties on one row.
#[derive(Default)]
struct CallerDuties {
    /// One sentence per line and kind of change.
    notes: Vec<String>,
    /// A caller duty left out because it is not known to apply to the row's origin: the row's
    /// figures are a lower bound.
    lower_bound: bool,
}

/// A caller's `duty_rate` and `extra_duties` were given for the request's destination, origin
/// and code; a row that changes one of them must not charge them as if they were that row's law.
/// - Another destination: both are another country's duties (an anti-dumping order, a safeguard,
///   a binding ruling are the importing country's own measures: e.g. 19 U.S.C. 1673, Regulation
///   (EU) 2016/1036 art. 1 and 14), so neither is charged; the row is priced from its own tariff
///   (or says what it lacks). An excise given for the request's destination is left out too.
/// - Another code on the first line: the caller's `duty_rate` is the rate of the code it was
///   given with, so it is left out; extra duties (whose scope is the product, not its code) and
///   excises stay, as given.
/// - Another origin: anti-dumping, countervailing and safeguard measures name their origins, so
///   whether the caller's extra customs duties apply to the row's origin is not known: they are
///   left out, and the row is a lower bound (incomplete), never "cheapest" on that omission. The
///   `duty_rate` (the tariff's rate for the code) and excises stay, as given.
fn caller_duties(base: &QuoteRequest, row: &mut QuoteRequest) -> CallerDuties {
    let mut out = CallerDuties::default();
    let other_destination = !row.destination.eq_ignore_ascii_case(&base.destination);
    for (i, (line, given)) in row.lines.iter_mut().zip(&base.lines).enumerate() {
        let has_rate = line.duty_rate.is_some();
        let has_extra = !line.extra_duties.is_empty();
        if !has_rate && !has_extra {
            continue;
        }
        let id = &line.id;
        if other_destination {
            line.duty_rate = None;
            line.extra_duties.clear();
            out.notes.push(format!(
                "line {id}: the caller's duties were given for destination {}, not charged for {}",
                base.destination.to_ascii_uppercase(),
                row.destination.to_ascii_uppercase()
            ));
            continue;
        }
        if i == 0 && has_rate && !line.code.eq_ignore_ascii_case(&given.code) {
            line.duty_rate = None;
            out.notes.push(format!(
                "line {id}: duty_rate was given for code {}, not charged for code {}",
                given.code, line.code
            ));
        }
        let given_origin = given.origin.as_ref().or(base.origin.as_ref());
        let row_origin = line.origin.as_ref().or(row.origin.as_ref());
        let other_origin = match (given_origin, row_origin) {
            (Some(a), Some(b)) => !a.eq_ignore_ascii_case(b),
            (None, None) => false,
            _ => true,
        };
        let customs_extras = line.extra_duties.iter().filter(|d| d.kind.is_customs()).count();
        if other_origin && customs_extras > 0 {
            line.extra_duties.retain(|d| !d.kind.is_customs());
            out.lower_bound = true;
            out.notes.push(format!(
                "line {id}: extra duties were given for origin {}; whether they apply to origin {} is not known, so they are left out and the figures are at least",
                given_origin.map_or("(none)", String::as_str).to_ascii_uppercase(),
                row_origin.map_or("(none)", String::as_str).to_ascii_uppercase()
            ));
        }
    }
    out
}

/// Prices one combination into a row, with its quote; an error becomes the row's `error`.
fn price(engine: &Engine, base: &QuoteRequest, combo: &Combo) -> (SweepRow, Option<Quote>) {
    let (r, duties) = request(base, combo);
    let mut row = SweepRow {
        destination: combo.destination.to_ascii_uppercase(),
        origin: r.origin.clone(),
        ship_from: r.ship_from.clone(),
        date: combo.date,
        channel: combo.channel,
        incoterm: combo.incoterm.unwrap_or_default(),
        code: combo.code.clone(),
        claim: match &combo.claim {
            ClaimPlan::Claim(p, _) => Some(p.to_ascii_uppercase()),
            ClaimPlan::Keep => r.claim.clone().filter(|c| !c.eq_ignore_ascii_case("none")),
            ClaimPlan::PerLine(claims) => per_line_label(claims),
            ClaimPlan::Clear | ClaimPlan::Auto => None,
        },
        line_claims: Vec::new(),
        claim_saving: None,
        landed: None,
        currency: None,
        landed_in_request_currency: None,
        fx: None,
        due_on_delivery: None,
        buyer_total_in_request_currency: None,
        duty: None,
        tax: None,
        fees: None,
        complete: false,
        at_least: false,
        error: None,
        notes: duties.notes,
        caveat: None,
    };
    match engine.quote(&r) {
        Ok(q) => {
            fill(&mut row, &q, engine, base, combo.date);
            unknown_saving_beside_simplified_tariff(&mut row, &q, engine, &r);
            if duties.lower_bound {
                row.complete = false;
                row.at_least = true;
            }
            (row, Some(q))
        }
        Err(e) => {
            row.error = Some(e.to_string());
            (row, None)
        }
    }
}

/// A claim's line saving is measured against the general tariff's rate; where the claim sets the
/// consignment's simplified tariff aside (Japan, Customs Tariff Act art. 3-3) and the cart without
/// it would be under that tariff, the general rate is not what it would pay, so the saving is not
/// known (audit-qq QQ5, QQ33: "bag claims EU, saving 20700 JPY" against 14 %, where the unclaimed
/// bag is under the simplified tariff, rate not known, and may cost less).
fn unknown_saving_beside_simplified_tariff(row: &mut SweepRow, q: &Quote, engine: &Engine, r: &QuoteRequest) {
    let simplified = |q: &Quote, applies: bool| {
        q.thresholds.iter().any(|t| t.effect == crate::rules::ThresholdEffect::SimplifiedTariff && t.applies == applies)
    };
    if row.line_claims.is_empty() || !simplified(q, false) {
        return;
    }
    let mut unclaimed = r.clone();
    unclaimed.claim = None;
    unclaimed.lines.iter_mut().for_each(|l| l.claim = None);
    let Some(u) = engine.quote(&unclaimed).ok().filter(|u| simplified(u, true)) else { return };
    // A line the simplified tariff excludes (knitted clothing, Customs Answer 6103) pays the
    // general rate either way: its saving stands. A line whose duty without the claim is not the
    // claim's general duty (the simplified rate, or not priced) has no known saving.
    let duty = |l: &LineQuote| -> Option<Decimal> {
        l.levies.iter().filter(|v| v.kind == crate::quote::LevyKind::Duty).map(|v| v.amount).sum()
    };
    let mut unknown = false;
    for (i, line) in q.lines.iter().enumerate() {
        let Some(c) = line.claim.as_ref() else { continue };
        let general = u.lines.get(i).and_then(duty);
        if c.general_duty.is_none() || general != c.general_duty {
            unknown = true;
            if let Some(lc) = row.line_claims.iter_mut().find(|lc| lc.line == line.id.as_ref()) {
                lc.saving = None;
            }
        }
    }
    if !unknown {
        return;
    }
    row.claim_saving = None;
    row.notes.push("the claim's saving is not known: it is measured against the general tariff, but without the claim the consignment is under the simplified tariff, whose figure may be lower".into());
}

/// How a row's amounts go back to the request currency: by the quote's own rate (divided), or
/// the ECB rate of the date (multiplied).
enum Back {
    Same,
    Divide(crate::fx::FxUsed),
    Multiply(crate::fx::FxUsed),
}

/// The rate back to the request currency: the quote's own customs rate for the pair it converted
/// the goods with (HMRC's for GB, the ECB's for the EU, …), so that the ranking currency carries
/// no FX artefact of another rate (audit-g G3: a GB row was converted back at the ECB daily rate
/// after the quote used HMRC's, 0.53 % too dear); else the ECB rate of the date.
fn back_rate(q: &Quote, engine: &Engine, base: &QuoteRequest, date: Date) -> Option<Back> {
    if q.currency == base.currency {
        return Some(Back::Same);
    }
    let pair = format!("{}/{}", base.currency, q.currency);
    if let Some(used) = q.fx.iter().find(|u| u.pair == pair && !u.rate.is_zero()) {
        return Some(Back::Divide(used.clone()));
    }
    engine.fx().ecb_daily(q.currency, base.currency, date).map(|x| Back::Multiply(x.used))
}

/// A row's figures from its quote.
fn fill(row: &mut SweepRow, q: &Quote, engine: &Engine, base: &QuoteRequest, date: Date) {
    let t = &q.totals;
    let back = back_rate(q, engine, base, date);
    let to_request = |amount: Decimal| {
        let exact = match back.as_ref()? {
            Back::Same => return Some(amount),
            Back::Divide(u) => amount.checked_div(u.rate)?,
            Back::Multiply(u) => amount.checked_mul(u.rate)?,
        };
        Some(round_to(exact, base.currency.minor_units(), base.rounding.mode))
    };
    row.landed_in_request_currency = to_request(t.landed);
    row.buyer_total_in_request_currency = to_request(t.buyer_total);
    row.fx = match back {
        Some(Back::Divide(u) | Back::Multiply(u)) => Some(u),
        _ => None,
    };
    row.landed = Some(t.landed);
    row.due_on_delivery = Some(t.due_on_delivery);
    row.currency = Some(q.currency);
    row.duty = Some(t.duty);
    row.tax = Some(t.tax);
    row.fees = Some(t.fees);
    row.complete = t.complete;
    row.at_least = t.at_least;
    // A claim on goods shipped through a country outside the agreement holds only under its
    // transit rule (USMCA art. 4.18; W_CLAIM_TRANSIT), which the request cannot show: such a row
    // is not a compliant route on its own, so it ranks after the complete ones.
    for l in q.lines.iter().filter(|l| l.claim.as_ref().is_some_and(|c| c.transit_condition)) {
        row.complete = false;
        let program = l.claim.as_ref().map_or("", |c| c.program.as_str());
        row.notes.push(format!(
            "line {}: the claim {program} holds only if the goods met its transit rule on the way from {}",
            l.id,
            row.ship_from.as_deref().unwrap_or("the place of shipment")
        ));
    }
    // Goods declared of one origin and shipped from another pay the reciprocal rate of that origin
    // only if they were made there: an origin is where goods are made (substantially transformed),
    // not a label, and goods CBP finds transshipped to evade it pay 40 % instead (audit-qq QQ8).
    if let Some(caveat) = transshipment_caveat(row, q) {
        row.notes.push(caveat.clone());
        row.caveat = Some(caveat);
    }
    let claimed: Vec<_> = q.lines.iter().filter_map(|l| l.claim.as_ref()).collect();
    if !claimed.is_empty() {
        row.claim_saving = claimed.iter().map(|c| c.total_saving).sum();
    }
    row.line_claims = q
        .lines
        .iter()
        .filter_map(|l| {
            let c = l.claim.as_ref()?;
            Some(LineClaim { line: l.id.to_string(), program: c.program.clone(), saving: c.total_saving })
        })
        .collect();
    // Goods moved without a customs border are priced as already in free circulation: the duty
    // of their first import into the customs union is in no figure of the row (audit-g G7: "ship
    // from FR instead of CN saves 3.57 EUR" for Chinese goods).
    if let Some(w) = q.warnings.iter().find(|w| w.code == crate::quote::WarningCode::MovementAssumption) {
        let caveat = format!(
            "{}: the duty paid when the goods were first imported into the customs union is not in this figure",
            w.message
        );
        row.notes.push(caveat.clone());
        row.caveat = Some(caveat);
    }
    // A relief limited to places of shipment (CA's CUSMA courier bands) that goods of another
    // origin get only on a condition the request cannot show (CBSA Customs Notice 20-18: entered
    // into the commerce of the US or Mexico, not merely in transit; audit-n N5): the row and a
    // saving of it say so.
    let rules = engine.rules();
    for check in q.thresholds.iter().filter(|t| t.applies) {
        let Some(t) = rules.thresholds.iter().find(|t| t.id == check.id) else { continue };
        let Some(assumption) = t.assumption.filter(|_| !t.ship_from.is_empty()) else { continue };
        let foreign = q
            .lines
            .iter()
            .any(|l| l.origin.as_deref().is_none_or(|o| !t.ship_from.iter().any(|s| s.eq_ignore_ascii_case(o))));
        let caveat = format!("{}: {assumption}; {FIRST_IMPORT_NOT_PRICED}", t.id);
        if foreign && !row.notes.iter().any(|n| n.contains(assumption)) {
            row.notes.push(caveat.clone());
            row.caveat = Some(match row.caveat.take() {
                Some(c) => format!("{c}; {caveat}"),
                None => caveat,
            });
        }
    }
    // A claim that lowers no duty on its lines changes the row only through what claiming does to
    // the consignment (Japan: it sets the simplified tariff aside, the same as `"tariff":
    // "general"` without a certificate of origin; audit-g G7).
    if !row.line_claims.is_empty() && row.line_claims.iter().all(|c| c.saving.is_some_and(|s| s.is_zero())) {
        let simplified_set_aside =
            q.thresholds.iter().any(|t| t.effect == crate::rules::ThresholdEffect::SimplifiedTariff && !t.applies);
        let caveat = if simplified_set_aside {
            "the claim lowers no duty on its lines (saving 0): it only sets the simplified tariff aside for the consignment, as \"tariff\": \"general\" does without a certificate of origin".to_string()
        } else {
            "the claim lowers no duty on its lines (saving 0)".to_string()
        };
        row.notes.push(caveat.clone());
        row.caveat = Some(caveat);
    }
}

/// What a relief by place of shipment for goods of another origin leaves out: entering the
/// commerce of the country shipped from means clearing its customs first (audit-qq QQ18).
const FIRST_IMPORT_NOT_PRICED: &str =
    "the duty of the goods' import into that country (entering its commerce) is not in this figure";

/// The layers of the reciprocal rates by country of EO 14326 section 2 (HTSUS 9903.02), as their
/// levies name their source rows.
const EO_14326_COUNTRY_RATE: &str = "#ieepa-country-9903.02";

/// Whether a row's goods are shipped from a country other than their declared origin.
fn indirect(row: &SweepRow) -> bool {
    matches!((&row.origin, &row.ship_from), (Some(o), Some(s)) if !o.eq_ignore_ascii_case(s))
}

/// The word a US row needs whose origin is charged a reciprocal rate by country (EO 14326 s.2)
/// while the goods ship from another country: goods CBP determines to have been transshipped to
/// evade that rate pay an additional 40 % in its place, with penalties (EO 14326 s.3(a), 90 FR
/// 37963; HTSUS 9903.02.01), so the figure rests on the goods being of that origin in fact.
fn transshipment_caveat(row: &SweepRow, q: &Quote) -> Option<String> {
    let charged = q.lines.iter().flat_map(|l| &l.levies).any(|v| v.source.dataset.contains(EO_14326_COUNTRY_RATE));
    if !row.destination.eq_ignore_ascii_case("US") || !indirect(row) || !charged {
        return None;
    }
    Some(format!(
        "origin {} shipped from {}: the figure holds only if the goods were made (substantially transformed) in {0}; an origin is where goods are made, not a label: goods CBP determines to have been transshipped to evade the rate of EO 14326 s.2 pay an additional 40 % in its place, and penalties (EO 14326 s.3(a); HTSUS 9903.02.01; 19 U.S.C. 1592)",
        row.origin.as_deref().unwrap_or_default(),
        row.ship_from.as_deref().unwrap_or_default()
    ))
}

/// How many conditions a row's figure rests on: goods shipped from a country other than their
/// origin, a preference claim, a note of what the figure leaves out or assumes. On equal totals
/// the row with fewer ranks first (audit-qq QQ8, QQ18: "origin VN, ship from CN" was named
/// cheapest over VN from VN at the same total, only because rows kept the axes' order).
fn conditions(row: &SweepRow) -> usize {
    usize::from(indirect(row)) + usize::from(row.claim.is_some()) + usize::from(!row.notes.is_empty())
}

/// A row's value on each axis, in the order of [`AXES`].
fn axis_values(r: &SweepRow) -> [String; 8] {
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
    [
        r.destination.clone(),
        opt(&r.origin),
        opt(&r.ship_from),
        r.date.to_string(),
        format!("{:?}", r.channel).to_ascii_lowercase(),
        format!("{:?}", r.incoterm).to_ascii_uppercase(),
        r.code.clone(),
        opt(&r.claim),
    ]
}

const AXES: [&str; 8] = ["destination", "origin", "ship_from", "date", "channel", "incoterm", "code", "claim"];
const CLAIM_AXIS: usize = 7;
const CODE_AXIS: usize = 6;

/// The code axis compares other goods, never another way to declare the same goods: the
/// classification follows from the goods (the General Interpretative Rules, GIR 1 and 6), and
/// a cheaper code declared for them is a misdeclaration (e.g. CEMA 1979 s.167 in the UK;
/// Regulation (EU) 952/2013 art. 15 and 42 in the EU) (audit-n N6).
pub const CODE_WHAT_IF: &str = "a what-if for goods of that code, not a saving on the same goods: the code follows from the goods (GIR 1 and 6), and declaring another code for them is a misdeclaration";

/// For each axis, what the cheapest row's value saved against the cheapest complete row with
/// another value, equal to it on every other axis but the claim (each alternative keeps its own
/// best claim: a claim open to one origin is not open to another); for the claim axis, equal on
/// every other axis (`complete` is ranked, cheapest first). An axis whose alternative costs the
/// same saves nothing: it is a tie, not a saving.
fn savings(cheapest: &SweepRow, complete: &[&SweepRow]) -> (Vec<AxisSaving>, Vec<AxisTie>) {
    let (Some(best), chosen) = (cheapest.buyer_total_in_request_currency, axis_values(cheapest)) else {
        return Default::default();
    };
    let values: Vec<[String; 8]> = complete.iter().map(|r| axis_values(r)).collect();
    let (mut out, mut ties) = (Vec::new(), Vec::new());
    for (k, axis) in AXES.iter().enumerate() {
        let other = complete.iter().zip(&values).find(|(_, v)| {
            v[k] != chosen[k] && (0..AXES.len()).all(|j| j == k || j == CLAIM_AXIS || v[j] == chosen[j])
        });
        if let Some((r, v)) = other {
            match r.buyer_total_in_request_currency {
                Some(total) if total == best => ties.push(AxisTie {
                    axis: (*axis).into(),
                    chosen: chosen[k].clone(),
                    same_as: v[k].clone(),
                    note: None,
                }),
                Some(total) => out.push(AxisSaving {
                    axis: (*axis).into(),
                    chosen: chosen[k].clone(),
                    instead_of: v[k].clone(),
                    saving: total - best,
                    note: match k {
                        CODE_AXIS => Some(CODE_WHAT_IF.to_string()),
                        _ => cheapest.caveat.clone().filter(|c| r.caveat.as_ref() != Some(c)),
                    },
                }),
                None => {}
            }
        }
    }
    (out, ties)
}

/// What a DDP/DAP comparison leaves out.
const INCOTERM_NOTE: &str = "duty, tax and government fees only: a carrier's own clearance or disbursement charge, billed to the recipient under DAP, is not in our data and not compared";

/// The row of the cheapest's values and claim shipped from `instead_of` whose claim holds only on
/// its transit rule, said as what the saving would be with the rule met.
fn transit_saving_note(cheapest: &SweepRow, instead_of: &str, rows: &[SweepRow]) -> Option<String> {
    const SHIP_FROM: usize = 2;
    let (chosen, best) = (axis_values(cheapest), cheapest.buyer_total_in_request_currency?);
    let conditional = rows.iter().find(|r| {
        let v = axis_values(r);
        !r.complete
            && r.claim == cheapest.claim
            && v[SHIP_FROM] == instead_of
            && (0..AXES.len()).all(|j| j == SHIP_FROM || v[j] == chosen[j])
            && r.notes.iter().any(|n| n.contains("transit rule"))
    })?;
    let total = conditional.buyer_total_in_request_currency?;
    let p = cheapest.claim.as_deref().unwrap_or_default();
    let at_least = if conditional.at_least { "at least " } else { "" };
    Some(format!(
        "at most this: shipped from {instead_of} the claim {p} still holds if the goods met its transit rule there ({at_least}{total}), and the saving is then {}",
        total - best
    ))
}

/// What an origin saving rests on: goods made in `origin` (an origin is where goods are made or
/// substantially transformed, not a label), and, with a claim, goods originating there under the
/// programme's rules of origin with its proof of origin.
fn origin_saving_note(origin: &str, claim: Option<&str>) -> String {
    let sourcing = format!(
        "a sourcing choice: goods made in {origin}, not goods relabelled {origin} (an origin is where goods are made or substantially transformed; declaring another is a misdeclaration)"
    );
    match claim {
        Some(p) => format!(
            "the saving rests on the claim {p}: goods originating in {origin} under its rules of origin, with its proof of origin; {sourcing}"
        ),
        None => sourcing,
    }
}

/// What an origin comparison to `destination` leaves out where its preferences are not in our data.
fn no_preferences_note(destination: &str, agreements: bool) -> String {
    match agreements {
        // The EU and GB: their agreements by partner, offered on each quote (audit-mm MM1).
        true => format!("{destination}'s preference programmes are not in our data as rates per line: every origin is charged the general rate here, and goods originating in a partner country are offered its agreement on each quote (the EU-UK Trade and Cooperation Agreement, art. 21: 0 when claimed), which the origin axis does not claim (the claims axis `auto` tries it)"),
        false => format!("{destination}'s preference programmes are not in our data: every origin is charged the general rate, and goods originating in a partner country may pay less with proof of origin"),
    }
}

/// Complete quotes first, then incomplete ones, then unpriced; each group cheapest first by what
/// the buyer pays in all, and on equal totals the row resting on fewer [`conditions`] first.
fn rank(rows: &mut [SweepRow]) {
    let group = |r: &SweepRow| match (r.buyer_total_in_request_currency, r.complete) {
        (Some(_), true) => 0,
        (Some(_), false) => 1,
        (None, _) => 2,
    };
    rows.sort_by(|a, b| {
        group(a)
            .cmp(&group(b))
            .then(a.buyer_total_in_request_currency.cmp(&b.buyer_total_in_request_currency))
            .then(conditions(a).cmp(&conditions(b)))
    });
}
