//! Excise stage: the excise a destination charges at import (`rules/excise.tsv`). A row with a
//! rate of `rules/excise_rates.tsv` for the code and day is charged on the rate's base (the
//! customs value; customs value + duty + transport and insurance; that + the VAT/GST), less its
//! threshold per unit; any other row is listed without an amount and the line is not fully
//! priced, never complete without it. The caller's figure (an `extra_duties` entry of kind
//! `excise`) replaces both for the rows it answers: those its `answers` name, or, named none,
//! the line's excise when it bears one; with several, a row no entry names is listed, never
//! settled in silence. An excise in the VAT base is added to it (docs/rules.md §21).

use super::answers::{Callers, Class};
use super::*;
use crate::money::format_grouped;
use crate::money::DecimalSum;
use crate::request::CallerBase;
use crate::rules::excise::{ExciseBase, ExciseRate};

/// What the excise stage charged: the amount in the VAT base, whether every excise is known,
/// and the rates charged on a base that holds the VAT/GST (priced by [`excise_after_tax`]).
#[derive(Default)]
pub(super) struct ExciseCharged {
    pub(super) in_vat_base: Decimal,
    pub(super) known: bool,
    pub(super) after_tax: Vec<(&'static crate::rules::Excise, Pick)>,
    /// While an excise in the VAT base is not known: how much more than `in_vat_base` the
    /// excises charged so far can come to at most, when the law bounds each (`rules/excise.tsv`
    /// `most`; the dearest rate of a lower bound), and the rows whose ceiling is `verify`.
    pub(super) most: Option<Decimal>,
    pub(super) most_verify: Vec<&'static str>,
}

impl ExciseCharged {
    /// Adds what an unknown excise can add at most (`None`: no ceiling known).
    fn add_most(&mut self, more: Option<Decimal>) {
        self.most = self.most.zip(more).map(|(a, b)| a + b);
    }
}

/// The rate rows of one excise for a line: one, several whose lowest figure is a lower bound
/// (the threshold depends on an input the line does not give), or none that fits.
pub(super) enum Pick {
    One(&'static ExciseRate),
    LowerBound(Vec<&'static ExciseRate>, String),
    Unpriced(String),
}

/// Charges the line's excise. `duty_total` is the line's duty so far (with the caller's duties).
#[allow(clippy::too_many_arguments)]
pub(super) fn excise(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    code: &HsCode,
    v: &LineValues,
    customs_value: Decimal,
    duty_total: Decimal,
    duty_known: bool,
    quantities: &Quantities,
    p: &mut Priced,
) -> ExciseCharged {
    let digits = line_digits(line, code);
    let mut out = ExciseCharged { known: true, most: Some(Decimal::ZERO), ..ExciseCharged::default() };
    // The caller's excise entries are charged; each answers the rows it names, and one that
    // names none answers the line's excise only when the line bears one (docs/rules.md §21).
    let callers = Callers::of(line, Class::Excise);
    if callers.any {
        let (charged, known) =
            charge_caller_excises(ctx, line, v, customs_value, duty_total, duty_known, quantities, p);
        crate::money::add_to(&mut out.in_vat_base, charged);
        out.known &= known;
        if !known {
            out.add_most(None);
        }
    }
    // A code outside every row's chapter is covered by none (most lines: no row read, nor the
    // day's rows held).
    if !crate::rules::excise::in_chapters(ctx.day.excise_chapters, digits) {
        return out;
    }
    // The destination's rows of the day (looked up once per destination and day), those that
    // cover the code: the same rows, in the same order, as `Rules::excises` (less those taxing
    // goods over a strength the line is not over).
    let day = std::sync::Arc::clone(&ctx.day);
    // The rows that cover the code (nearly always none: a line without excise reads them once),
    // and the line's strength where a row taxes goods only over one (the strength is then read).
    let strength = line.alcohol_pct;
    let covering = day.excises.iter().filter(|r| r.covers_goods(digits, strength));
    if strength.is_some() && day.excises.iter().any(|r| r.alcohol_over.is_some() && r.covers_digits(digits)) {
        p.components_read.insert_alcohol();
    }
    let count = covering.clone().take(2).count();
    if count == 0 {
        return out;
    }
    for row in covering {
        let rules: &'static Rules = ctx.rules;
        if callers.settle(row.id, count) {
            note_other_base(ctx, line, row, count);
            continue;
        }
        if callers.ambiguous(count) {
            // The caller's figure may be this excise or another of the line's: not settled in
            // silence, and not priced from our data beside it (that could count it twice).
            let ids: Vec<&str> =
                day.excises.iter().filter(|r| r.covers_goods(digits, strength)).map(|r| r.id).collect();
            let reason = format!(
                "{} is due on this line ({}), and {}",
                row.name,
                row.note,
                callers.not_answered(line, &ids, row.id)
            );
            if rules.excise_in_vat_base(row.id) {
                out.known = false;
                out.add_most(None);
            }
            list_unpriced(p, LevyKind::Excise, row, customs_value, "not answered", reason, false);
            ctx.note_verify(row.source.row(), row.source.is_verify());
            continue;
        }
        let rates = rules.excise_rates(row.id, digits, ctx.req.date);
        if rates.is_empty() {
            // An excise outside the VAT base (its rates on other dates say so) leaves the VAT known;
            // a caller's excise would join the VAT base, so it is not offered for one.
            let in_vat_base = rules.excise_in_vat_base(row.id);
            // Typed, written when read: every line of the goods says it (GB wine, spirits, tobacco).
            // A row taxing goods over a strength the line does not give asks for it.
            let over = match (row.alcohol_over, strength) {
                (Some(over), None) => Some(over),
                _ => None,
            };
            let reason = Note::new(Parts::ExciseNoRate { name: row.name, note: row.note, in_vat_base, over });
            if in_vat_base {
                out.known = false;
                // The most the law fixes for it, per unit (Canada's A/C excise: CAD 100).
                out.add_most(row.most.map(|m| m * line.quantity));
                if row.most.is_some() && row.source.is_verify() {
                    out.most_verify.push(row.id);
                }
            }
            // A row whose rates on other dates are chosen by fuel consumption would read the
            // line's figure on this date too: it is not unused (audit-x X10: Australia's luxury
            // car tax after its last thresholds, 2025-06-30).
            p.fuel_read |= rules.excise_reads_fuel(row.id, digits);
            list_unpriced(p, LevyKind::Excise, row, customs_value, "not in our data", reason, false);
            ctx.note_verify(row.source.row(), row.source.is_verify());
            continue;
        }
        // A row chosen by the car's fuel consumption reads the line's figure (given or not).
        p.fuel_read |= rates.iter().any(|r| r.fuel.is_some());
        let pick = pick(&rates, line.fuel_l_per_100km, row.name);
        let after_tax = match &pick {
            Pick::One(r) => r.base == ExciseBase::ValueWithTax,
            Pick::LowerBound(rs, _) => rs.iter().any(|r| r.base == ExciseBase::ValueWithTax),
            Pick::Unpriced(_) => rates.iter().any(|r| r.base == ExciseBase::ValueWithTax),
        };
        if after_tax {
            out.after_tax.push((row, pick));
            continue;
        }
        let bases = Bases::of(ctx, v, customs_value, duty_total, out.in_vat_base, None);
        let before = Before { known: out.known, most: out.most, verify: &out.most_verify };
        let (amount, known, more) = charge(ctx, line, row, pick, &bases, duty_known, before, p);
        out.known &= known;
        crate::money::add_to(&mut out.in_vat_base, amount);
        if !known && rules.excise_in_vat_base(row.id) {
            out.add_most(more);
        }
    }
    out
}

/// Charges the caller's excise entries (kind `excise`) in their order, each on its `base`
/// (docs/rules.md#excise): the customs value (the default), customs value + duty + the excises of
/// the entries before it (`value_duty`), that with transport and insurance on an FOB basis
/// (`value_duty_transport`), or the amount of an entry before it (`levy:NAME`). A percentage on a
/// base that holds an unpriced duty or excise is a lower bound, the line partial. Returns their
/// total and whether all were priced.
#[allow(clippy::too_many_arguments)]
fn charge_caller_excises(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    v: &LineValues,
    customs_value: Decimal,
    duty_total: Decimal,
    duty_known: bool,
    quantities: &Quantities,
    p: &mut Priced,
) -> (Decimal, bool) {
    let components = component_values(ctx, line);
    // An excise has its own law: no customs rounding of a weight per 100 kg.
    let input = value_input(ctx, customs_value, quantities, &components, false);
    let mut total = Decimal::ZERO;
    let mut known = true;
    // The entries charged so far: name, figure (exact or lower bound), and whether exact.
    let mut charged: Vec<(&str, Decimal, bool)> = Vec::new();
    for (i, d) in line.extra_duties.iter().enumerate().filter(|(_, d)| d.kind == ExtraDutyKind::Excise) {
        // Checked with the request (`E_INVALID_FIELD`): an unreadable base is never reached.
        let base = d.base().unwrap_or(CallerBase::CustomsValue);
        let before: Decimal = charged.iter().map(|c| c.1).decimal_sum();
        let before_known = charged.iter().all(|c| c.2);
        let bases = Bases::of(ctx, v, customs_value, duty_total, before, None);
        let (value, note, base_known) = match base {
            // As before bases could be named: "customs value", its figure in `base`.
            CallerBase::CustomsValue => (bases.customs.0, "customs value".to_string(), true),
            CallerBase::ValueDuty => (bases.value_duty.0, bases.value_duty.1.clone(), duty_known && before_known),
            CallerBase::ValueDutyTransport => (bases.with_duty.0, bases.with_duty.1.clone(), duty_known),
            CallerBase::Levy(name) => {
                let of = charged.iter().rev().find(|c| c.0.trim() == name).copied();
                let (a, exact) = of.map_or((Decimal::ZERO, false), |c| (c.1, c.2));
                (a, format!("{name} {}", format_grouped(a)), exact)
            }
        };
        let input = DutyInput { value, ..input.clone() };
        let (amount, partial, mut priced) = charge_caller_entry(ctx, line, i, &input, note.clone().into(), p);
        // A percentage of a base not fully priced is at least its figure, never exact.
        if !base_known && d.rate.contains('%') {
            if let Some(levy) = p.levies.last_mut() {
                if let Some(a) = levy.amount.take() {
                    levy.partial_amount = Some(a);
                }
                levy.formula =
                    format!("{}: at least (its base, {note}, is not fully priced)", levy.formula.as_str()).into();
            }
            if priced {
                p.push_reason(format!(
                    "{}: its base, {note}, is not fully priced, so its figure is a lower bound",
                    d.name
                ));
            }
            priced = false;
        }
        let figure = amount.or(partial).unwrap_or_default();
        charged.push((d.name.as_str(), figure, priced && amount.is_some()));
        known &= priced;
        crate::money::add_to(&mut total, figure);
    }
    (total, known)
}

/// The law's base of an excise row (`excise.tsv`'s `base`: Taiwan's commodity tax on the
/// customs value + duty) differs from the base of a caller's percentage that answers the row: a
/// W_ASSUMPTION naming both, and the `base` that would follow the law. An entry whose base is
/// another levy (Korea's education tax, a share of the liquor tax) is a surtax on that levy, not
/// checked against the row.
fn note_other_base(ctx: &mut Ctx<'_>, line: &LineRequest, row: &'static crate::rules::Excise, count: usize) {
    let Some(law) = row.base else { return };
    let law_name = ExciseBase::NAMES.iter().find(|(_, b)| *b == law).map_or("", |(n, _)| *n);
    for (i, d) in line.extra_duties.iter().enumerate().filter(|(_, d)| d.kind == ExtraDutyKind::Excise) {
        let answers = d.answers.iter().any(|a| a == row.id) || (d.answers.is_empty() && count == 1);
        let given = match d.base() {
            Ok(CallerBase::Levy(_)) | Err(_) => continue,
            Ok(CallerBase::CustomsValue) => ExciseBase::CustomsValue,
            Ok(CallerBase::ValueDuty) => ExciseBase::ValueDuty,
            Ok(CallerBase::ValueDutyTransport) => ExciseBase::ValueDutyTransport,
        };
        if !answers || given == law || !d.rate.contains('%') {
            continue;
        }
        let given_name = ExciseBase::NAMES.iter().find(|(_, b)| *b == given).map_or("", |(n, _)| *n);
        ctx.warn(Detail::CallerExciseBase {
            line: line.id.clone(),
            entry: format!("{:?} (extra_duties[{i}])", d.name),
            row: row.id,
            law: law_name,
            given: given_name,
        });
    }
}

/// The code's digits as text: the request's own spelling when it is the bare digits (nearly
/// always; `code` was parsed from it), else made from the code (which checks its bytes).
pub(super) fn line_digits<'l>(line: &'l LineRequest, code: &'l HsCode) -> &'l str {
    match line.code.as_bytes() == code.bytes() {
        true => line.code.as_str(),
        false => code.digits(),
    }
}

/// Charges the excises whose base holds the VAT/GST (Australia's luxury car tax value), once
/// the line's VAT/GST levies are made: never in the VAT/GST base.
#[allow(clippy::too_many_arguments)]
pub(super) fn excise_after_tax(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    v: &LineValues,
    customs_value: Decimal,
    duty_total: Decimal,
    duty_known: bool,
    rows: Vec<(&'static crate::rules::Excise, Pick)>,
    p: &mut Priced,
) -> bool {
    let taxes: Vec<&Levy> = p.levies.iter().filter(|l| l.kind == LevyKind::Tax).collect();
    let tax: Decimal = taxes.iter().map(|l| l.amount.or(l.partial_amount).unwrap_or_default()).decimal_sum();
    let tax_known = taxes.iter().all(|l| l.amount.is_some());
    let tax_shown = taxes.iter().all(|l| l.amount.is_some() || l.partial_amount.is_some());
    let mut known = true;
    for (row, pick) in rows {
        if !tax_shown {
            known = false;
            let reason = format!(
                "{} is due on this line ({}), and its base holds the VAT/GST, which is not priced",
                row.name, row.note
            );
            list_unpriced(p, LevyKind::Excise, row, customs_value, "not priced", reason, true);
            continue;
        }
        let bases = Bases::of(ctx, v, customs_value, duty_total, Decimal::ZERO, Some(tax));
        let before = Before { known: true, most: Some(Decimal::ZERO), verify: &[] };
        let (_, k, _) = charge(ctx, line, row, pick, &bases, duty_known && tax_known, before, p);
        known &= k;
    }
    known
}

/// The rate row of an excise for a line: a row limited to a fuel consumption is chosen by the
/// line's `fuel_l_per_100km`; without it, the lowest figure of rows that together cover every
/// consumption is a lower bound, and rows that leave some consumption uncovered price nothing.
fn pick(rates: &[&'static ExciseRate], fuel: Option<Decimal>, name: &str) -> Pick {
    if rates.iter().all(|r| r.fuel.is_none()) {
        return Pick::One(rates[0]);
    }
    let conditions: Vec<String> = rates.iter().filter_map(|r| r.fuel.map(|f| f.text())).collect();
    match fuel {
        Some(f) => match rates.iter().find(|r| r.fuel.is_none_or(|c| c.holds(f))) {
            Some(r) => Pick::One(r),
            None => Pick::Unpriced(format!(
                "{name}: our data has no threshold for a car of {f} l/100 km on this date (only for cars {}): give it in extra_duties with \"kind\": \"excise\"",
                conditions.join(", ")
            )),
        },
        None => {
            let why = format!(
                "{name}: the figure depends on the car's combined fuel consumption (cars {}): give fuel_l_per_100km",
                conditions.join(", ")
            );
            match covers_every_consumption(rates) {
                true => Pick::LowerBound(rates.to_vec(), why),
                false => Pick::Unpriced(why),
            }
        }
    }
}

/// True when every fuel consumption meets some row's condition: each figure the rows name, a
/// point between each two of them and one above the highest (the conditions change only at
/// those figures, so these points stand for every consumption).
fn covers_every_consumption(rates: &[&'static ExciseRate]) -> bool {
    let mut figures: Vec<Decimal> = rates.iter().filter_map(|r| r.fuel).flat_map(|f| f.figures()).collect();
    crate::sort::sort_by(&mut figures, Decimal::cmp);
    figures.dedup();
    let mut points = figures.clone();
    points.extend(figures.windows(2).map(|w| (w[0] + w[1]) / Decimal::TWO));
    points.extend(figures.first().map(|f| f / Decimal::TWO));
    points.extend(figures.last().map(|f| f + Decimal::ONE));
    points.iter().all(|p| rates.iter().any(|r| r.fuel.is_none_or(|c| c.holds(*p))))
}

/// The bases an excise rate may be charged on, for one line, and how each was made.
struct Bases {
    customs: (Decimal, String),
    with_duty: (Decimal, String),
    /// Customs value + duty + the excises charged before on the line in the VAT/GST base.
    value_duty: (Decimal, String),
    /// With the line's VAT/GST (after the tax stage only).
    with_tax: Option<(Decimal, String)>,
}

impl Bases {
    fn of(
        ctx: &Ctx<'_>,
        v: &LineValues,
        customs_value: Decimal,
        duty_total: Decimal,
        excise_before: Decimal,
        tax: Option<Decimal>,
    ) -> Bases {
        let transport = v.shipping + v.insurance;
        // On the CIF duty basis the customs value holds transport and insurance already.
        let cif_basis = ctx.j.duty_basis == DutyBasis::Cif;
        let note = match cif_basis || transport.is_zero() {
            true => format!("customs value {} + duty {}", format_grouped(customs_value), format_grouped(duty_total)),
            false => format!(
                "customs value {} + transport and insurance {} + duty {}",
                format_grouped(customs_value),
                format_grouped(transport),
                format_grouped(duty_total)
            ),
        };
        let value = if cif_basis { customs_value } else { v.cif() };
        let with_duty = (value + duty_total, note);
        let with_tax = tax.map(|t| (with_duty.0 + t, format!("{} + VAT/GST {}", with_duty.1, format_grouped(t))));
        let value_duty_note = match excise_before.is_zero() {
            true => format!("customs value {} + duty {}", format_grouped(customs_value), format_grouped(duty_total)),
            false => format!(
                "customs value {} + duty {} + excise {}",
                format_grouped(customs_value),
                format_grouped(duty_total),
                format_grouped(excise_before)
            ),
        };
        Bases {
            customs: (customs_value, format!("customs value {}", format_grouped(customs_value))),
            value_duty: (customs_value + duty_total + excise_before, value_duty_note),
            with_duty,
            with_tax,
        }
    }

    /// The base of `kind` (`None`: the VAT/GST is not known yet).
    fn get(&self, kind: ExciseBase) -> Option<&(Decimal, String)> {
        match kind {
            ExciseBase::CustomsValue => Some(&self.customs),
            ExciseBase::ValueDutyTransport => Some(&self.with_duty),
            ExciseBase::ValueWithTax => self.with_tax.as_ref(),
            ExciseBase::ValueDuty => Some(&self.value_duty),
        }
    }
}

/// The exact excise of `rate` on `base` for `quantity` units: its fixed amount per unit, or
/// `percent` of the base of each unit over the threshold (none below it), times the fraction, at
/// most `cap` per cent of the base of each unit.
fn exact(rate: &ExciseRate, base: Decimal, quantity: Decimal) -> Decimal {
    if let Some(a) = rate.amount {
        return a * quantity;
    }
    let unit = base / quantity;
    let per_unit = match rate.threshold {
        Some(t) => (unit - t).max(Decimal::ZERO),
        None => unit,
    };
    let taxed = match rate.fraction {
        Some((a, b)) => per_unit * Decimal::from(a) / Decimal::from(b),
        None => per_unit,
    };
    let tax = crate::money::per_cent(taxed * rate.percent);
    let tax = match rate.cap {
        Some(c) => tax.min(crate::money::per_cent(unit * c)),
        None => tax,
    };
    tax * quantity
}

/// The rate in words: `29%`, `33% × 10/11 of the excess over 69,152.00 per unit`, `20% of the
/// excess over 100,000.00 per unit, at most 10% of the whole`, `1,000.00 per unit`.
fn rate_text(rate: &ExciseRate) -> String {
    let mut text = rate_text_short(rate);
    if let Some(t) = rate.threshold {
        text.push_str(&format!(" of the excess over {} per unit", format_grouped(t)));
    }
    if let Some(c) = rate.cap {
        text.push_str(&format!(", at most {c}% of the whole"));
    }
    if rate.amount.is_some() {
        text.push_str(" per unit");
    }
    text
}

/// The line's excises charged before one: whether all are known and, when not, the most they
/// can add to its base ([`ExciseCharged::most`]).
struct Before<'a> {
    known: bool,
    most: Option<Decimal>,
    verify: &'a [&'static str],
}

/// Charges `pick` on the bases `base` gives, as one levy; returns its amount when in the VAT
/// base (zero otherwise, and for a figure of a `verify` row, which is no lower bound), whether it is known and, when not, how much more it can be at most
/// (the dearest of a lower bound's rates; `None`: not bounded). `base_known`: the duty (and
/// VAT/GST) in the base are priced; `before`: the line's excises charged before it (listed
/// apart when not known: a zero below the threshold on the priced part is then at least 0.00,
/// the unpriced excise belonging in its base, audit-m M8, unless the most they can add keeps
/// the base below the threshold too).
#[allow(clippy::too_many_arguments)]
fn charge(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    row: &'static crate::rules::Excise,
    pick: Pick,
    bases: &Bases,
    base_known: bool,
    before: Before<'_>,
    p: &mut Priced,
) -> (Decimal, bool, Option<Decimal>) {
    let excises_known = before.known;
    let (rate, others, why) = match pick {
        Pick::One(r) => (r, Vec::new(), None),
        Pick::LowerBound(rs, why) => {
            // The lowest figure of the rows (the highest threshold).
            let mut rs = rs;
            let lowest = rs
                .iter()
                .enumerate()
                .min_by_key(|(_, r)| bases.get(r.base).map(|b| exact(r, b.0, line.quantity)))
                .map(|(i, _)| i)
                .unwrap_or(0);
            let r = rs.remove(lowest);
            (r, rs, Some(why))
        }
        Pick::Unpriced(why) => {
            list_unpriced(p, LevyKind::Excise, row, bases.customs.0, "not in our data", why, false);
            return (Decimal::ZERO, false, None);
        }
    };
    let Some((value, note)) = bases.get(rate.base).cloned() else {
        let why = format!("{}: its base holds the VAT/GST, not known at this stage", row.name);
        list_unpriced(p, LevyKind::Excise, row, bases.customs.0, "not priced", why, false);
        return (Decimal::ZERO, false, None);
    };
    let amount = ctx.round_line(exact(rate, value, line.quantity));
    // The dearest of a lower bound's rates on their bases: how much more it can be (Canada's
    // green levy without the fuel consumption: CAD 4,000 at 16 l/100 km or more).
    let dearest = others
        .iter()
        .try_fold(amount, |most, r| bases.get(r.base).map(|b| most.max(ctx.round_line(exact(r, b.0, line.quantity)))));
    let more = dearest.map(|d| d - amount);
    // Nothing due on a known base: below the threshold, or in a band of fuel consumption that
    // owes none. The levy says so with 0.00, priced: the threshold or band settles it.
    let not_due = amount.is_zero() && why.is_none() && base_known;
    let base_known = base_known && (excises_known || rate.base != ExciseBase::ValueDuty);
    // A zero on a base an unpriced excise belongs in (Canada's luxury tax beside the A/C
    // excise) is a lower bound: that excise may bring the base over the threshold.
    // Below the threshold even with the most the unpriced excises can add (Canada's luxury tax
    // beside an unanswered A/C excise, at most CAD 100 a vehicle): not due (fix-r).
    let bounded =
        not_due && !base_known && before.most.is_some_and(|m| exact(rate, value + m, line.quantity).is_zero());
    let settled = (not_due && base_known) || bounded;
    let per_unit = match (rate.threshold.is_some() || rate.amount.is_some(), line.quantity == Decimal::ONE) {
        (true, false) => format!(" per unit, × {}", line.quantity.normalize()),
        _ => String::new(),
    };
    let mut formula = match (rate.amount, rate.threshold) {
        (Some(a), _) => format!("{}{per_unit} = {}", format_grouped(a), format_grouped(amount)),
        // Not over the threshold: no excess to show as a negative difference (audit-nn NN5:
        // "33% × 10/11 × (66,000.00 − 75,375) = 0.00").
        (None, Some(t)) if value / line.quantity <= t => format!(
            "{} is not over the threshold {}{per_unit} = {}",
            format_grouped(value / line.quantity),
            format_grouped(t),
            format_grouped(amount)
        ),
        (None, Some(t)) if rate.cap.is_some() => {
            let unit = value / line.quantity;
            format!(
                "lesser of {}% × ({} − {}) and {}% × {}{per_unit} = {}",
                rate.percent,
                format_grouped(unit),
                format_grouped(t),
                rate.cap.unwrap_or_default(),
                format_grouped(unit),
                format_grouped(amount)
            )
        }
        (None, Some(t)) => format!(
            "{} × ({} − {}){per_unit} = {}",
            rate_text_short(rate),
            format_grouped(value / line.quantity),
            format_grouped(t),
            format_grouped(amount)
        ),
        (None, None) => {
            format!("{} × {} = {}", rate_text_short(rate), format_grouped(value), format_grouped(amount))
        }
    };
    // docs/rules.md §18: a guess is not a lower bound. A `verify` row (the AU LCT of 2025-26 and
    // 2026-27, audit-z Z2; Canada's luxury tax, fix-cc) keeps its figure in the formula only: a
    // higher true threshold or a lower true rate gives a smaller tax, so the figure is no "at
    // least", and a VAT/GST base holding it is taken without it (the true excise is at least 0).
    let guess = !settled && rate.source.is_verify();
    if bounded {
        formula.push_str(&format!(
            ": not due, also with the most the excises listed without an amount can add to its base ({}{})",
            format_grouped(ctx.round_line(before.most.unwrap_or_default())),
            match before.verify.is_empty() {
                true => String::new(),
                false => format!("; the ceiling of {} [verify]", before.verify.join(", ")),
            }
        ));
    } else if settled {
        formula.push_str(": not due");
    } else if not_due && guess {
        formula.push_str(
            ": not due on the priced part of its base; the excise listed without an amount belongs in it and is not counted",
        );
    } else if not_due {
        formula.push_str(
            ": not due on the priced part of its base; the excise listed without an amount belongs in it and is not counted, so at least 0.00",
        );
    }
    if !rate.note.is_empty() {
        formula.push_str(&format!(" ({})", rate.note));
    }
    if let Some(f) = rate.fuel {
        formula.push_str(&format!(", for a car of {}", f.text()));
    }
    if !others.is_empty() && !guess {
        formula.push_str(": the lowest figure, a lower bound");
    }
    if !base_known && !not_due && !guess {
        formula.push_str(": at least (a part of its base is not priced)");
    }
    let verify = rate.source.is_verify() && !settled;
    ctx.note_verify(rate.source.row(), verify);
    if bounded && !before.verify.is_empty() {
        p.push_reason(format!(
            "{}: not due on a base that the most of {} keeps below its threshold, a ceiling from a secondary source [verify]",
            row.name,
            before.verify.join(", ")
        ));
    }
    let priced = settled || (why.is_none() && base_known && !rate.source.is_verify());
    if let Some(why) = why {
        p.push_reason(why);
    }
    if verify {
        p.push_reason(format!("{}: the rate {} is from a secondary source [verify]", row.name, rate.source.row()));
    }
    if guess {
        formula.push_str(": not priced (a figure from a secondary source, not a lower bound)");
    }
    p.levies.push(Levy {
        kind: LevyKind::Excise,
        name: row.name.into(),
        base: value,
        base_note: note.into(),
        rate: rate_text(rate).into(),
        amount: priced.then_some(amount),
        partial_amount: (!priced && !guess).then_some(amount),
        formula: formula.into(),
        source: (&rate.source).into(),
        not_priced: guess,
    });
    // A guess adds nothing to the VAT/GST base and bounds nothing: the true excise is at least 0
    // and, its rate unread, of no known ceiling.
    let in_base = match rate.in_vat_base && !guess {
        true => amount,
        false => Decimal::ZERO,
    };
    let more = match (priced, guess) {
        (true, _) => Some(Decimal::ZERO),
        (false, true) => None,
        (false, false) => more,
    };
    (in_base, priced, more)
}

/// `29%`, `33% × 10/11`, `1,000.00`: the rate's factors, for a formula.
fn rate_text_short(rate: &ExciseRate) -> String {
    if let Some(a) = rate.amount {
        return format_grouped(a);
    }
    match rate.fraction {
        Some((a, b)) => format!("{}% × {a}/{b}", rate.percent),
        None => format!("{}%", rate.percent),
    }
}

/// Lists a levy of `kind` the data names but has no rate for (an excise, a trade remedy): no
/// amount and no lower bound, and `reason` (what it is, what input prices it) on the line, which
/// is then not fully priced. `not_priced`: the reason says the levy is not priced (it takes a
/// later rule's reason, [`Levy::not_priced`]); else it is listed for want of data or an input.
pub(super) fn list_unpriced(
    p: &mut Priced,
    kind: LevyKind,
    row: &'static crate::rules::excise::Listed,
    customs_value: Decimal,
    rate: &'static str,
    reason: impl Into<Note>,
    not_priced: bool,
) {
    let reason: Note = reason.into();
    p.levies.push(Levy {
        kind,
        name: row.name.into(),
        base: customs_value,
        base_note: "customs value".into(),
        rate: rate.into(),
        amount: None,
        partial_amount: None,
        formula: reason.clone(),
        source: (&row.source).into(),
        not_priced,
    });
    p.push_reason(reason);
}

#[cfg(test)]
mod tests {
    use super::super::testing::{engine, request};
    use super::super::{LevyKind, LineStatus, Quote};
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    fn quote_json(json: &str) -> Quote {
        engine().quote(&request(json)).expect("quote")
    }

    fn wine(destination: &str, currency: &str, date: &str, extra: &str) -> Quote {
        quote_json(&format!(
            r#"{{"destination":"{destination}","date":"{date}","currency":"{currency}","lines":[
            {{"id":"w","code":"22042109","origin":"FR","quantity":"6","unit_price":"30","volume_l":"4.5","alcohol_pct":"13"{extra}}}]}}"#
        ))
    }

    /// GB alcohol duty (Finance (No. 2) Act 2023 Part 2): no rate in our data, so the line is
    /// partial, lists the duty without an amount and the totals are "at least".
    #[test]
    fn a_line_bearing_excise_without_its_figure_is_partial_and_lists_the_excise() {
        let q = wine("GB", "GBP", "2026-03-02", "");
        let l = &q.lines[0];
        let e = l.levies.iter().find(|v| v.kind == LevyKind::Excise).expect("excise listed");
        assert!(e.name == "Alcohol Duty" && e.amount.is_none());
        assert_eq!(e.source.row(), "excise.tsv#gb-alcohol-duty");
        assert_eq!(l.status, LineStatus::Partial);
        assert!(l.reason.as_deref().unwrap().contains("\"kind\": \"excise\""), "{:?}", l.reason);
        assert!(!q.totals.complete && q.totals.at_least);
    }

    /// The caller's excise is charged, counted with the taxes and part of the VAT base.
    #[test]
    fn the_callers_excise_is_charged_and_in_the_vat_base() {
        // 4.5 l at 13 % vol = 0.585 l of pure alcohol, at the caller's 29.54 GBP per litre: 17.28.
        let q = wine(
            "GB",
            "GBP",
            "2026-03-02",
            r#","extra_duties":[{"name":"Alcohol Duty","rate":"29.54 GBP / l alc","kind":"excise"}]"#,
        );
        let l = &q.lines[0];
        assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
        let e = l.levies.iter().find(|v| v.kind == LevyKind::Excise).unwrap();
        assert_eq!(e.amount, Some(dec!(17.28)));
        let vat = l.levies.iter().find(|v| v.kind == LevyKind::Tax).unwrap();
        let duty: Decimal = l.levies.iter().filter(|v| v.kind == LevyKind::Duty).filter_map(|v| v.amount).sum();
        assert_eq!(vat.base, l.customs_value + duty + dec!(17.28));
    }

    /// The code's spelling does not matter: a dotted code finds the excise its digits do.
    #[test]
    fn a_dotted_code_bears_the_excise_of_its_digits() {
        let q = quote_json(
            r#"{"destination":"GB","date":"2026-03-02","currency":"GBP","lines":[
            {"id":"w","code":"2204.21.09","origin":"FR","quantity":"6","unit_price":"30","volume_l":"4.5","alcohol_pct":"13"}]}"#,
        );
        let e = q.lines[0].levies.iter().find(|v| v.kind == LevyKind::Excise).expect("excise listed");
        assert_eq!(e.source.row(), "excise.tsv#gb-alcohol-duty");
    }

    /// A T-shirt owes no excise anywhere.
    #[test]
    fn goods_outside_the_excise_table_owe_none() {
        let q = quote_json(
            r#"{"destination":"GB","date":"2026-03-02","currency":"GBP","lines":[
            {"id":"t","code":"6109100010","origin":"CN","quantity":"1","unit_price":"200"}]}"#,
        );
        assert!(q.lines[0].levies.iter().all(|v| v.kind != LevyKind::Excise));
    }
}
