//! Stage 5, taxes: import VAT/GST on value plus duty (uplift, parts, rounding), and the minimum
//! collectible.

use super::explain::BaseGap;
use super::*;
use crate::money::DecimalSum;
use crate::rules::vat_classes::{ClassOf, Settles, VatClassRow};
use std::sync::Arc;

/// The VAT/GST class a line is taxed at, and where it came from.
#[derive(Debug, Clone)]
pub(super) struct LineClass {
    pub(super) class: VatClass,
    /// Which reduced rate (a row of `rules/vat_classes.tsv` naming one).
    pub(super) percent: Option<Decimal>,
    /// The row of `rules/vat_classes.tsv` that gave the class (`None`: the caller's class, or
    /// the standard rate where no row names the code).
    pub(super) row: Option<&'static VatClassRow>,
    /// Why the class is only the lowest the goods may have (a `depends` row, or a code wider
    /// than the rows): the tax is then a lower bound.
    pub(super) depends: Option<String>,
}

impl LineClass {
    fn given(class: VatClass) -> LineClass {
        LineClass { class, percent: None, row: None, depends: None }
    }
}

/// The class of a line: the caller's `vat_class` always wins; without it, the class the
/// destination's law gives the code (`rules/vat_classes.tsv`, docs/rules.md#vat-class), a lower
/// bound where the goods decide (`depends`), a stated assumption where the row's class is the
/// normal case (`assumes`); no row, the standard rate.
pub(super) fn line_class(ctx: &mut Ctx<'_>, line: &LineRequest, code: &HsCode) -> LineClass {
    if let Some(class) = line.vat_class {
        return LineClass::given(class);
    }
    // The rows are the engine's (`'static`): the answer does not borrow the context.
    let found = ctx.day.class_of(code);
    match found {
        None => LineClass::given(VatClass::Standard),
        Some(ClassOf::Row(row)) if row.source.is_verify() => {
            // A class read on a secondary source: the class is unverified, its rate a lower bound
            // only where the row's class is the lowest the goods may have.
            let depends = format!(
                "the VAT/GST class of {} ({}: {}) is from a secondary source [verify]: the tax at that rate is a lower bound; give vat_class (standard, reduced, zero or exempt) to settle it",
                code.dotted(),
                row.source.row(),
                row.class_text()
            );
            LineClass { class: row.class, percent: row.percent, row: Some(row), depends: Some(depends) }
        }
        Some(ClassOf::Row(row)) if row.settles == Settles::Assumes => {
            // The normal case for goods of the code (an adult's garment into GB): priced at the
            // row's class, the assumption stated with the `vat_class` that gives the other.
            // (Warnings are never taken back: a row stated already is in them.)
            if ctx.class_assumed.is_none_or(|id| !std::ptr::eq(id, row.id)) {
                ctx.warn(Detail::Assumption { threshold: row.id, assumption: row.condition });
                ctx.class_assumed = Some(row.id);
            }
            LineClass { class: row.class, percent: row.percent, row: Some(row), depends: None }
        }
        Some(ClassOf::Row(row)) => {
            let depends = (row.settles == Settles::Depends).then(|| {
                format!(
                    "the VAT/GST class of {} depends on the goods ({}: {}): the tax at the {} rate, the lowest the goods may have, is a lower bound; give vat_class (standard, reduced, zero or exempt) to settle it",
                    code.dotted(),
                    row.source.row(),
                    row.condition,
                    row.class_text()
                )
            });
            LineClass { class: row.class, percent: row.percent, row: Some(row), depends }
        }
        Some(ClassOf::Wider(rows)) => {
            // The lowest rate among the rows the code spans (the standard rate where none has one).
            let rules: &'static Rules = ctx.rules;
            let rate_of = |r: &VatClassRow| {
                rules.class_rate(ctx.destination, None, r.class, r.percent, ctx.req.date).map(|v| v.percent)
            };
            let lowest = rows.iter().copied().min_by_key(|r| rate_of(r).unwrap_or(Decimal::MAX)).unwrap_or(rows[0]);
            let ids: Vec<&str> = rows.iter().map(|r| r.source.row()).collect();
            let depends = format!(
                "the code {} holds goods of different VAT/GST classes ({}): the tax at the {} rate, the lowest of them, is a lower bound; give the full code, or vat_class (standard, reduced, zero or exempt), to settle it",
                code.dotted(),
                ids.join(", "),
                lowest.class_text()
            );
            LineClass { class: lowest.class, percent: lowest.percent, row: Some(lowest), depends: Some(depends) }
        }
    }
}

/// What a tax's lower bound misses: nothing when the duties and excises are known, else the
/// line's [`Priced::base_gap`] (a duty unless an excise was found to be the gap).
pub(super) fn gap(duty_known: bool, p: &Priced) -> Option<BaseGap> {
    (!duty_known).then(|| p.base_gap.unwrap_or(BaseGap::Duty))
}

#[allow(clippy::too_many_arguments)]
pub(super) fn tax(
    ctx: &mut Ctx<'_>,
    line: &LineRequest,
    code: &HsCode,
    v: &LineValues,
    customs_value: Decimal,
    relief: &Relief,
    duty_total: Decimal,
    duty_known: bool,
    p: &mut Priced,
) {
    if ctx.j.tax_basis == TaxBasis::None {
        return;
    }
    let lc = line_class(ctx, line, code);
    let reasons = p.reasons.len();
    let Some(mut rate) = tax_rate(ctx, &lc, p) else {
        // A relief that zeroes the tax needs no rate: the tax is 0 whatever it is (docs/rules.md
        // §3; audit-hh HH6: a CZ gift of 2012, no VAT row that day, relieved by eu-gift-vat-45).
        if let Some(t) = relief.tax {
            p.reasons.truncate(reasons);
            relieved_tax(ctx, v, t, rateless_import_name(ctx), p);
        }
        return;
    };
    let mut pst = None;
    if ctx.j.subdivision_tax == SubdivisionTax::Hst {
        // A province's own sales tax, collected with the GST on casual goods (BC, MB, SK);
        // relieved with it (the remission orders cover the PST).
        if relief.tax.is_none() && relief.seller_collects.is_none() {
            pst = super::provincial::border_pst(ctx, rate.kind, p);
        } else {
            super::provincial::unpriced_pst(ctx, rate.kind);
        }
        // A registrant pays the GST part of the HST alone (business_buyer read).
        ctx.buyer_read |= rate.kind == VatKind::Hst;
        if rate.kind == VatKind::Hst && ctx.req.business_buyer {
            // A GST/HST registrant pays only the federal part at the border.
            if let Some(gst) = ctx.rules.class_rate(ctx.destination, None, lc.class, lc.percent, ctx.req.date) {
                rate = gst;
            }
        }
    }
    // The tax's name, and its levy's name at the border.
    // A zero or exempt class is named after the destination's tax: GST in Australia, not VAT
    // (audit-m M8: "Import VAT, zero rate" beside "Import GST" in one quote).
    let named = match rate.kind {
        VatKind::Zero | VatKind::Exempt => standard_kind(ctx).unwrap_or(rate.kind),
        kind => kind,
    };
    let (kind_name, import_name) = match named {
        VatKind::Gst => ("GST", "Import GST"),
        VatKind::Hst => ("HST", "Import HST"),
        VatKind::Icms | VatKind::IcmsRts => ("ICMS", "Import ICMS"),
        _ if ctx.j.tax_name == TaxName::ConsumptionTax => ("consumption tax", "Import consumption tax"),
        _ => ("VAT", "Import VAT"),
    };
    let class = match lc.class {
        VatClass::Standard => None,
        _ => Some(rate.kind.as_str()),
    };
    if let Some(t) = relief.tax {
        relieved_tax(ctx, v, t, import_name, p);
        return;
    }
    // Tax at the sale's price: collected by the seller, or reverse-charged by a registered buyer.
    let at_sale = relief.seller_collects.or(relief.reverse_charge);
    // The import tax on a duty due at the border, where the seller's tax leaves it there (NZ).
    let duty_at_border = at_sale.filter(|t| t.sale_base == crate::rules::SaleBase::DeliveredDutyAtBorder);
    let border_duty_known = duty_known;
    // Under DAP a tax at the sale is on the price alone: a duty not fully priced cannot change it
    // (audit-h H3: 20% × 50.00 was "at least 10.00 (duty not fully priced)"); nor under any
    // incoterm when the duty's tax is the border's.
    let duty_known =
        duty_known || (at_sale.is_some() && (ctx.req.incoterm() == Incoterm::Dap || duty_at_border.is_some()));
    let (name, base, note) = if let Some(t) = at_sale {
        // Under DDP the seller pays the duty and its price recovers it: part of the consideration.
        // Under DAP the buyer pays it to the carrier at delivery: not the seller's consideration
        // (Directive 2006/112/EC art. 73), so not in the base of the tax collected at the sale.
        let duty_in_price = match ctx.req.incoterm() {
            Incoterm::Ddp if duty_at_border.is_none() => duty_total,
            _ => Decimal::ZERO,
        };
        let (base, note) = sale_base(t, v, duty_in_price);
        let name = match t.effect {
            ThresholdEffect::ReverseCharge => {
                Note::from(format!("{kind_name} reverse-charged by the buyer ({})", t.id))
            }
            _ => Note::new(Parts::SellerTaxName { tax: kind_name, threshold: t.id }),
        };
        (name, base, note)
    } else {
        let origin = line.origin.as_deref().or(ctx.req.origin.as_deref());
        let (base, note) = border_tax_base(ctx, v, origin, customs_value, duty_total, border_duty_known);
        let name = match class {
            None => Note::from(import_name),
            Some(class) => Note::new(Parts::TaxClassName { import_name, class }),
        };
        (name, base, note)
    };
    let source = crate::quote::LevySource::Vat(rate.clone());
    let (r, parts) = rate_terms(ctx, rate.percent);
    if !parts.is_empty() && at_sale.is_none() {
        let unverified = unverified_rate(&rate);
        let first = p.levies.len();
        tax_parts(ctx, &parts, base, &note, duty_known, unverified, p);
        for levy in &mut p.levies[first..] {
            levy.formula = cite_class(&lc, std::mem::take(&mut levy.formula));
        }
        if let Some(why) = lc.depends {
            p.push_reason(why);
            for levy in &mut p.levies[first..] {
                if let Some(a) = levy.amount.take() {
                    levy.partial_amount = Some(a);
                }
            }
        }
        return;
    }
    let (amount, inside) = tax_figure(ctx, r, base, at_sale.is_some());
    // Without the province or state, the national rate is what every subdivision charges at least.
    let subdivision_open = ctx.subdivision_open && at_sale.is_none();
    let mut formula =
        Note::new(Parts::Tax { percent: rate.percent, base, amount, inside, at_least: gap(duty_known, p) });
    if subdivision_open {
        formula = Note::from(format!(
            "{formula}: at least, the national rate (a province or state may charge more: give subdivision)"
        ));
    }
    if let Some(t) = relief.reverse_charge {
        formula = Note::from(format!(
            "{formula}, accounted for by the buyer on its own return (reverse charge, {}): not paid to the seller nor at the border",
            t.source.row()
        ));
    }
    let formula = cite_class(&lc, formula);
    let unverified = unverified_rate(&rate);
    if let Some(why) = &unverified {
        p.push_reason(why.clone());
    }
    let (amount, partial, formula) = match subdivision_open && unverified.is_none() {
        true => {
            p.push_reason(format!(
                "the {kind_name} rate differs by province or state ({}): the national rate is charged as a lower bound; give subdivision",
                ctx.j.country
            ));
            (None, Some(amount), formula)
        }
        false => settle_tax(amount, formula, unverified.as_deref(), duty_known, kind_name, p),
    };
    // A class that depends on the goods: the tax at the lowest class is a lower bound.
    let (amount, partial) = match (lc.depends, amount) {
        (Some(why), amount) => {
            p.push_reason(why);
            (None, amount.or(partial))
        }
        (None, amount) => (amount, partial),
    };
    let pst = pst.map(|pst| (pst, note.clone()));
    p.levies.push(Levy {
        kind: LevyKind::Tax,
        name,
        base,
        base_note: note,
        rate: Note::new(Parts::Rate(rate.percent)),
        amount,
        partial_amount: partial,
        formula,
        source,
        not_priced: unverified.is_some(),
    });
    if let Some((pst, note)) = pst {
        super::provincial::pst_levy(ctx, lc.class, pst, base, &note, duty_known, p);
    }
    if let Some(t) = duty_at_border.filter(|_| !duty_total.is_zero() || !border_duty_known) {
        tax_on_duty_at_border(ctx, t, &rate, kind_name, duty_total, border_duty_known, p);
    }
}

/// The kind of the destination's national standard rate on the date (`None`: no rate), looked
/// up once per quote (a zero-rated or exempt line's tax is named after it: ~450 instructions a
/// look-up through the VAT memo).
fn standard_kind(ctx: &mut Ctx<'_>) -> Option<VatKind> {
    if let Some(kind) = ctx.standard_kind {
        return kind;
    }
    let kind = ctx.rules.class_rate(ctx.destination, None, VatClass::Standard, None, ctx.req.date).map(|s| s.kind);
    ctx.standard_kind = Some(kind);
    kind
}

/// The figure of a tax at the fraction `r` on `base`, and whether it is inside the base: on top
/// of the base, or inside it where the destination's method says so; rounded by the border's rules
/// (the customs authority's), or at the sale (`at_sale`) as the request says. The one computation
/// of a tax's figure on a base: the taxes stage prices a tax with it, on the base with the duty
/// known so far (a lower bound when the duty is not fully priced), and a tax whose base held a
/// duty a `verify` row leaves unpriced after this stage keeps as its lower bound the figure it
/// gives on the base without that duty (`unverified::bound_taxes_without_duty`).
pub(super) fn tax_figure(ctx: &Ctx<'_>, r: Decimal, base: Decimal, at_sale: bool) -> (Decimal, bool) {
    let (exact, inside) = match ctx.j.tax_method {
        TaxMethod::Inside if !r.is_zero() && r < Decimal::ONE => (base / (Decimal::ONE - r) * r, true),
        _ => (base * r, false),
    };
    let amount = if at_sale { ctx.round_at_sale(exact) } else { ctx.round_tax(exact) };
    (amount, inside)
}

/// The import tax on the duty of a line whose tax on the goods the seller charged at the sale
/// (`sale_base = delivered_duty_at_border`): NZ Customs, "New GST rules for low-value imported
/// goods" (2019-07-12), for a consignment over NZ$1,000: "If GST on the value of the goods has
/// already been collected at the point of sale by the supplier GST will still be payable on any
/// duty at the border" (audit-w W-NZ1). Due at the border, so never in the checkout price
/// (`totals`).
fn tax_on_duty_at_border(
    ctx: &mut Ctx<'_>,
    t: &'static Threshold,
    rate: &std::sync::Arc<crate::rules::VatRate>,
    kind_name: &'static str,
    duty: Decimal,
    duty_known: bool,
    p: &mut Priced,
) {
    let exact = duty * ctx.fraction(rate.percent);
    let amount = ctx.round_tax(exact);
    let formula = Note::new(Parts::Tax {
        percent: rate.percent,
        base: duty,
        amount,
        inside: false,
        at_least: gap(duty_known, p),
    });
    let unverified = unverified_rate(rate);
    if let Some(why) = &unverified {
        p.push_reason(why.clone());
    }
    let (amount, partial, formula) = settle_tax(amount, formula, unverified.as_deref(), duty_known, kind_name, p);
    p.levies.push(Levy {
        kind: LevyKind::Tax,
        name: Note::new(Parts::BorderTaxOnDutyName { tax: kind_name, threshold: t.id }),
        base: duty,
        base_note: Note::from(format!(
            "duty {} (the {kind_name} on the goods is charged by the seller at the sale, {})",
            format_grouped(duty),
            t.id
        )),
        rate: Note::new(Parts::Rate(rate.percent)),
        amount,
        partial_amount: partial,
        formula,
        source: crate::quote::LevySource::Vat(rate.clone()),
        not_priced: unverified.is_some(),
    });
}

/// The tax levy a relief makes not due: 0, citing the relief.
fn relieved_tax(ctx: &mut Ctx<'_>, v: &LineValues, t: &'static Threshold, import_name: &'static str, p: &mut Priced) {
    let zero = ctx.round(Decimal::ZERO);
    p.levies.push(Levy::relieved(LevyKind::Tax, Note::from(import_name), (v.cif(), "not due".into()), t, zero));
}

/// The import tax's name where no rate is in force on the date: the destination's tax as its
/// rows on other dates name it.
fn rateless_import_name(ctx: &Ctx<'_>) -> &'static str {
    if ctx.j.tax_name == TaxName::ConsumptionTax {
        return "Import consumption tax";
    }
    match ctx.rules.vat.iter().any(|r| r.country == ctx.destination && r.kind == VatKind::Gst) {
        true => "Import GST",
        false => "Import VAT",
    }
}

/// What tax collected by the seller at the sale is charged on, and how the base was built: the
/// sale price with delivery (GB, IOSS, AU, NZ, SG, VOEC), with the duty the price recovers
/// (`duty_in_price`: under DDP), or the goods alone (Malaysia's LVG).
fn sale_base(t: &Threshold, v: &LineValues, duty_in_price: Decimal) -> (Decimal, Note) {
    match t.sale_base {
        crate::rules::SaleBase::Delivered | crate::rules::SaleBase::DeliveredDutyAtBorder => {
            let price = Note::new(Parts::SalePrice { goods: v.goods, shipping: v.shipping, insurance: v.insurance });
            let note = match duty_in_price.is_zero() {
                true => price,
                false => Note::from(format!("{price} + duty {} (DDP)", format_grouped(duty_in_price))),
            };
            (v.goods + v.shipping + v.insurance + duty_in_price, note)
        }
        crate::rules::SaleBase::Goods => (
            v.goods,
            Note::from(format!(
                "sale value of the goods {} (transport and insurance excluded, {})",
                format_grouped(v.goods),
                t.id
            )),
        ),
    }
}

/// A tax formula with the row of `rules/vat_classes.tsv` that gave the line's class.
fn cite_class(lc: &LineClass, formula: Note) -> Note {
    match lc.row {
        None => formula,
        Some(row) => formula.cite_class(row, lc.depends.is_some()),
    }
}

/// Why a VAT/GST rate is not priced: its row is from a secondary source.
fn unverified_rate(rate: &crate::rules::VatRate) -> Option<String> {
    rate.source.is_verify().then(|| {
        let place = if rate.subdivision.is_empty() { rate.country.to_string() } else { format!("{} {}", rate.country, rate.subdivision) };
        format!(
            "the {place} {} rate of {}% in force on this date is from a secondary source [verify] ({}: {}): the tax is not priced; a primary source for the rate in force (the law or the tax authority's notice) would price it",
            rate.kind,
            rate.percent.normalize(),
            rate.row(),
            rate.source.id
        )
    })
}

/// The VAT/GST rate of a line's class (cached per class and percent, shared by the quote's
/// lines), or the reason there is none. Brazil's simplified regime uses the state's ICMS rate
/// for remessas, which needs the state.
pub(super) fn tax_rate(ctx: &mut Ctx<'_>, lc: &LineClass, p: &mut Priced) -> Option<Arc<crate::rules::VatRate>> {
    if ctx.j.subdivision_tax == SubdivisionTax::Icms && ctx.req.simplified_regime.is_some() {
        let sub = ctx.subdivision.clone();
        let rules: &'static Rules = ctx.rules;
        let row = sub.as_deref().and_then(|s| rules.vat_row(ctx.destination, s, VatKind::IcmsRts, ctx.req.date));
        let Some(row) = row else {
            p.push_reason(format!(
                "ICMS on remessas depends on the state: give subdivision (e.g. \"SP\"){}",
                sub.map(|s| format!("; no rate for {s} on {}", ctx.req.date)).unwrap_or_default()
            ));
            return None;
        };
        ctx.note_verify(format!("vat_extra.tsv (BR {} icms_rts)", row.subdivision), row.source.is_verify());
        return Some(Arc::new(row.clone()));
    }
    let key = (lc.class, lc.percent);
    let cached = ctx.vat_cache.iter().find(|(c, _)| *c == key).map(|(_, r)| r.clone());
    let rate = match cached {
        Some(r) => r,
        None => {
            let r =
                ctx.rules.class_rate(ctx.destination, ctx.subdivision.as_deref(), lc.class, lc.percent, ctx.req.date);
            ctx.vat_cache.push((key, r.clone()));
            r
        }
    };
    if let (None, Some(row), Some(percent)) = (&rate, lc.row, lc.percent) {
        p.push_reason(format!(
            "{} gives the {} rate of {}%, but no such rate for {} on {} is in the VAT tables",
            row.source.row(),
            row.class_text(),
            percent.normalize(),
            ctx.destination,
            ctx.req.date
        ));
        return None;
    }
    let Some(rate) = rate else {
        p.push_reason(format!("no VAT/GST rate for {} on {} in the snapshot", ctx.destination, ctx.req.date));
        return None;
    };
    if rate.source.is_verify() {
        ctx.warn(Detail::VerifyRate {
            country: rate.country,
            percent: rate.percent,
            kind: rate.kind.as_str(),
            source: rate.source.id,
        });
    }
    Some(rate)
}

/// The import tax base at the border: customs or CIF value, the destination's uplift, duty, and
/// its rounding steps, with how it was built.
pub(super) fn border_tax_base(
    ctx: &mut Ctx<'_>,
    v: &LineValues,
    origin: Option<&str>,
    customs_value: Decimal,
    duty_total: Decimal,
    duty_known: bool,
) -> (Decimal, Note) {
    let duty = ctx.step(RoundingTarget::DutyInTaxBase, duty_total);
    let on_customs_value = ctx.j.tax_basis == TaxBasis::CustomsValuePlusDuty;
    // On the CIF duty basis the customs value is the CIF value (the same sum, already made).
    let value = if on_customs_value || ctx.j.duty_basis == DutyBasis::Cif { customs_value } else { v.cif() };
    let charges = v.tax_base_charges;
    let mut base = value + duty + charges;
    let uplift = uplift(ctx, origin).map(|(percent, source)| {
        let add = ctx.round(crate::money::per_cent(value * percent));
        crate::money::add_to(&mut base, add);
        (percent, add, source)
    });
    let rounded = ctx.step(RoundingTarget::TaxBase, base);
    note_border_tax_rounding(ctx);
    let note = |rounded: Decimal| match duty_known
        && uplift.is_none()
        && duty == duty_total
        && rounded == base
        && charges.is_zero()
    {
        true => Note::new(Parts::ValuePlusDuty { customs_value: on_customs_value, value, duty }),
        false => Note::new(Parts::TaxBase(Box::new(TaxBase {
            customs_value: on_customs_value,
            value,
            uplift,
            duty: duty_total,
            duty_rounded: duty,
            duty_known,
            charges,
            base,
            rounded,
        }))),
    };
    if ctx.rounding[RoundingTarget::TaxBase as usize].is_some() {
        ctx.item_bases.push(ItemBase { line: ctx.line_at, exact: base, rounded, note: note(base) });
    }
    (rounded, note(rounded))
}

/// A line's border tax base before the destination's rounding of the base (Switzerland's whole
/// francs), and how it was built: rounded per declared item by [`tax_per_item`].
pub(super) struct ItemBase {
    line: usize,
    exact: Decimal,
    rounded: Decimal,
    note: Note,
}

/// Where the border tax base is rounded (Switzerland: `ch-tax-base`, `ch-tax-amount`), the tax
/// of each declared item: priced lines of one code (the tariff line matched, else the code given),
/// origin and rate are one item of the declaration, their bases summed and rounded once, taxed and rounded once, the
/// tax shared back to the lines in proportion to their bases (audit-dd DD1: four lines of
/// CHF 15.99 were four bases of 15, tax 4.80 within the CHF 5 minimum; as one item, 63 → 5.10).
pub(super) fn tax_per_item(ctx: &mut Ctx<'_>, lines: &mut [LineQuote]) {
    if ctx.item_bases.len() < 2 {
        return;
    }
    let bases = std::mem::take(&mut ctx.item_bases);
    // (base, levy index, item key) of each line's priced border tax.
    let mut taxed = Vec::with_capacity(bases.len());
    for b in &bases {
        let Some(l) = lines.get(b.line).filter(|l| l.range.is_none()) else { continue };
        let code = l.matched_code.as_ref().unwrap_or(&l.code);
        let found = l
            .levies
            .iter()
            .position(|v| v.kind == LevyKind::Tax && v.base == b.rounded && v.amount.is_some() && !v.not_priced);
        let Some(k) = found else { continue };
        let LevySource::Vat(rate) = &l.levies[k].source else { continue };
        taxed.push((b, k, (code.digits().to_owned(), l.origin.clone(), rate.percent)));
    }
    let mut done = vec![false; taxed.len()];
    for i in 0..taxed.len() {
        let item: Vec<usize> = (i..taxed.len()).filter(|&j| !done[j] && taxed[j].2 == taxed[i].2).collect();
        if item.len() < 2 {
            continue;
        }
        for &j in &item {
            done[j] = true;
        }
        let exact: Vec<Decimal> = item.iter().map(|&j| taxed[j].0.exact).collect();
        let sum: Decimal = exact.iter().copied().decimal_sum();
        let base = ctx.step(RoundingTarget::TaxBase, sum);
        let percent = taxed[i].2 .2;
        let tax = ctx.round_tax(base * ctx.fraction(percent));
        let ids: Vec<&str> = item.iter().map(|&j| lines[taxed[j].0.line].id.as_str()).collect();
        let ids = ids.join(", ");
        let shares = match crate::allocation::allocate(tax, &exact, ctx.j.currency.minor_units()) {
            Ok(shares) => shares,
            Err(e) => {
                let why = format!(
                    "the tax of one declared item of lines {ids} ({}% × {} = {}) could not be shared in proportion to their bases ({}): each line's own figure is not its share of the item's tax",
                    percent.normalize(),
                    format_grouped(base),
                    format_grouped(tax),
                    e.message
                );
                for &j in &item {
                    let (b, k, _) = &taxed[j];
                    unprice_item_tax(&mut lines[b.line], *k, &why);
                }
                continue;
            }
        };
        for (n, &j) in item.iter().enumerate() {
            let (b, k, _) = &taxed[j];
            let levy = &mut lines[b.line].levies[*k];
            levy.base = b.exact;
            levy.base_note = b.note.clone();
            levy.amount = Some(shares[n]);
            levy.formula = Note::from(format!(
                "{}% × {} = {}: one declared item of lines {ids} (one tariff line, origin and rate; bases {} rounded to {}), this line's share {} (in proportion to its base {})",
                percent.normalize(),
                format_grouped(base),
                format_grouped(tax),
                format_grouped(sum),
                format_grouped(base),
                format_grouped(shares[n]),
                format_grouped(b.exact)
            ));
        }
    }
}

/// A line's border tax levy `k` whose declared item's tax could not be shared (docs/rules.md
/// §10: never fail silently): its own figure stays in the formula, not priced, and the line is
/// partial (or not priced when nothing on it is priced any more), naming why.
fn unprice_item_tax(line: &mut LineQuote, k: usize, why: &str) {
    let levy = &mut line.levies[k];
    if let Some(figure) = levy.amount.take() {
        levy.formula = Note::from(format!("{} — not priced ({}): {why}", levy.formula, format_grouped(figure)));
    }
    levy.partial_amount = None;
    levy.not_priced = true;
    line.reason = Some(match line.reason.take() {
        Some(r) => format!("{r}; {why}"),
        None => why.to_string(),
    });
    let priced = line.levies.iter().any(|l| l.amount.is_some() || l.partial_amount.is_some());
    line.status = if priced { LineStatus::Partial } else { LineStatus::NotPriced };
}

/// States what the destination's rounding of the border tax base and of the tax amount assume,
/// where their rows say (Switzerland: a practice read in the customs authority's documents of
/// 2009-2018, its statute not found), once per quote.
fn note_border_tax_rounding(ctx: &mut Ctx<'_>) {
    for target in [RoundingTarget::TaxBase, RoundingTarget::TaxAmount] {
        if let Some(r) = ctx.rounding[target as usize].filter(|r| !r.assumption.is_empty()) {
            ctx.warn(Detail::Assumption { threshold: r.source.row(), assumption: r.assumption });
        }
    }
}

/// The destination's VAT-base uplift (percent, source) unless the goods come from a country
/// exempt from it: imported from one (`ship_from`), and, where the row says so (`also_origin`:
/// SARS, "have their origin in BLNS and are imported from that country"), originating in one
/// (`origin`, the line's). Without `ship_from` (or, where it matters, the origin) the uplift
/// applies, and the quote says so.
pub(super) fn uplift(ctx: &mut Ctx<'_>, origin: Option<&str>) -> Option<(Decimal, &'static str)> {
    let u = match ctx.uplift {
        Some(u) => u,
        None => {
            let u = uplift_on_date(ctx);
            ctx.uplift = Some(u);
            u
        }
    };
    let (percent, source, needs_origin) = u?;
    let Some(row) = needs_origin else { return Some((percent, source)) };
    match origin.map(str::to_ascii_uppercase) {
        Some(o) if row.exempts(&o, ctx.req.date) => None,
        Some(_) => Some((percent, source)),
        None => {
            ctx.warn(Detail::UpliftAssumed {
                uplift: row.id,
                percent: row.percent,
                not_from: &row.not_from,
                origin: true,
            });
            Some((percent, source))
        }
    }
}

/// A `percent` % tax's fraction (percent ÷ 100) and the parts the destination splits it into
/// (empty: not split), made once per rate per quote.
fn rate_terms(ctx: &mut Ctx<'_>, percent: Decimal) -> (Decimal, Vec<&'static crate::rules::taxes::TaxPart>) {
    // Keyed by the rate's digits and scale: 20 and 20.0 are one rate but not one fraction (0.2,
    // 0.20).
    let key = percent.serialize();
    if let Some((_, fraction, parts)) = ctx.tax_parts.iter().find(|(p, _, _)| p.serialize() == key) {
        return (*fraction, parts.clone());
    }
    let rules: &'static Rules = ctx.rules;
    let parts = rules.taxes.parts(ctx.destination, percent, ctx.req.date);
    let fraction = ctx.fraction(percent);
    ctx.tax_parts.push((percent, fraction, parts.clone()));
    (fraction, parts)
}

/// [`uplift`] looked up in the rules (once per quote: the answer does not depend on the line).
#[allow(clippy::type_complexity)]
fn uplift_on_date(ctx: &mut Ctx<'_>) -> Option<(Decimal, &'static str, Option<&'static crate::rules::taxes::Uplift>)> {
    let rules: &'static Rules = ctx.rules;
    let u = rules.taxes.uplift(ctx.destination, ctx.req.date)?;
    ctx.note_verify(u.source.row(), u.source.is_verify());
    match ctx.req.ship_from.as_deref().map(str::to_ascii_uppercase) {
        // Imported from an exempt country: exempt, or exempt if the goods originate in one.
        Some(from) if u.exempts(&from, ctx.req.date) => {
            u.also_origin.then_some((u.percent, u.source.publisher, Some(u)))
        }
        Some(_) => Some((u.percent, u.source.publisher, None)),
        None => {
            ctx.warn(Detail::UpliftAssumed { uplift: u.id, percent: u.percent, not_from: &u.not_from, origin: false });
            Some((u.percent, u.source.publisher, None))
        }
    }
}

/// A tax the law splits into parts (Japan: national 7.8 % on the base, local 22/78 of the
/// national tax): one levy per part, each computed as its law says.
pub(super) fn tax_parts(
    ctx: &mut Ctx<'_>,
    parts: &[&'static crate::rules::taxes::TaxPart],
    base: Decimal,
    note: &Note,
    duty_known: bool,
    unverified_rate: Option<String>,
    p: &mut Priced,
) {
    // A rate from a secondary source unprices every part; a part's own row from one, that part.
    if let Some(why) = &unverified_rate {
        p.push_reason(why.clone());
    }
    let mut previous: Option<(Decimal, Decimal)> = None; // (amount, percent)
    for part in parts {
        ctx.note_verify(part.source.row(), part.source.is_verify());
        let unverified = unverified_rate.clone().or_else(|| {
            part.source.is_verify().then(|| {
                let why = format!(
                    "{} ({}) is from a secondary source [verify]: {} is not priced; a primary source for the part would price it",
                    part.source.row(),
                    part.source.publisher,
                    part.name
                );
                p.push_reason(why.clone());
                why
            })
        });
        let (part_base, exact, formula, base_note) = match (part.basis, previous) {
            (PartBasis::PrecedingPart, Some((amount, percent))) => {
                let b = ctx.step(RoundingTarget::PartBase, amount);
                (
                    b,
                    b * part.percent / percent,
                    Parts::Text(
                        format!("{} × {}/{}", format_grouped(b), part.percent.normalize(), percent.normalize()).into(),
                    ),
                    Note::from(format!(
                        "preceding part {amount}{}",
                        if b == amount { String::new() } else { format!(", rounded down to {b}") }
                    )),
                )
            }
            _ => (
                base,
                crate::money::per_cent(base * part.percent),
                Parts::Percent { percent: part.percent, base },
                note.clone(),
            ),
        };
        let amount = ctx.round_tax(exact);
        previous = Some((amount, part.percent));
        let formula = Note::new(Parts::Result { formula: Box::new(formula), amount, at_least: gap(duty_known, p) });
        let (amount, partial, formula) = settle_tax(amount, formula, unverified.as_deref(), duty_known, part.name, p);
        p.levies.push(Levy {
            kind: LevyKind::Tax,
            name: format!("Import {}", part.name.to_ascii_lowercase()).into(),
            base: part_base,
            base_note,
            rate: format!("{}%", part.percent.normalize()).into(),
            amount,
            partial_amount: partial,
            formula,
            source: (&part.source).into(),
            not_priced: unverified.is_some(),
        });
    }
}

/// A tax levy's amount, lower bound and formula: a rate from a secondary source (`unverified`,
/// its reason already given) is never priced and its figure stays in the formula; a tax on a duty
/// that is not fully priced is a lower bound (its reason added, naming the tax `name`).
pub(super) fn settle_tax(
    amount: Decimal,
    formula: Note,
    unverified: Option<&str>,
    duty_known: bool,
    name: &'static str,
    p: &mut Priced,
) -> (Option<Decimal>, Option<Decimal>, Note) {
    match unverified {
        Some(why) => (None, None, Note::from(format!("{formula} — not priced ({}): {why}", format_grouped(amount)))),
        None if duty_known => (Some(amount), None, formula),
        None => {
            let what = match p.base_gap {
                Some(BaseGap::Excise) => "an excise in its base, which is not priced",
                _ => "the duty, which is not fully priced",
            };
            // Typed, written when read: a line with an unpriced excise (every wine line) says it.
            p.push_reason(Note::new(Parts::DependsOn { tax: name, what }));
            (None, Some(amount), formula)
        }
    }
}

/// Drops tax that is below the minimum collectible for the whole consignment (each minimum of
/// the day on the levies it tests).
pub(super) fn apply_min_collectible(
    ctx: &mut Ctx<'_>,
    relief: &Relief,
    lines: &mut [LineQuote],
    checks: &mut [ThresholdCheck],
) {
    for &t in &relief.min_collectible {
        apply_one_min_collectible(ctx, relief, t, lines, checks);
    }
}

/// One minimum collectible `t` of [`apply_min_collectible`].
fn apply_one_min_collectible(
    ctx: &mut Ctx<'_>,
    relief: &Relief,
    t: &'static Threshold,
    lines: &mut [LineQuote],
    checks: &mut [ThresholdCheck],
) {
    // The minimum is tested on the tax, known only now: its check says whether it applied.
    let check = checks.iter_mut().find(|c| c.id == t.id);
    if relief.seller_collects.or(relief.reverse_charge).is_some() {
        // The tax is the sale's (the seller's or the buyer's reverse charge): there is no
        // assessment at the border to waive.
        if let Some(c) = check {
            c.applies = false;
        }
        return;
    }
    if t.source.is_verify() {
        ctx.note_verify(t.source.row(), t.source.is_verify());
        return unverified_min_collectible(ctx, t, lines);
    }
    let taxed = consignment_tax(ctx, t, lines);
    let within = taxed.and_then(|taxed| within_minimum(ctx, taxed, t));
    let kinds = min_collectible_kinds(t);
    // Within the minimum on what is known, but part of it is a lower bound or not priced: the
    // whole may be above the minimum (collected) or not (nothing collected), so nothing of it is a
    // lower bound; a bound above the true figure would not be one.
    let unsettled =
        within.is_some() && lines.iter().flat_map(|l| &l.levies).any(|l| kinds.contains(&l.kind) && l.amount.is_none());
    if let Some(c) = check {
        c.applies = within.is_some() && !unsettled;
        c.value = taxed
            .map(|(_, converted)| crate::money::round_to(converted, t.currency.minor_units(), ctx.req.rounding.mode));
    }
    let Some(tax) = within else { return };
    if unsettled {
        return unsettled_min_collectible(ctx, t, tax, taxed.map(|(_, converted)| converted), lines);
    }
    let what = if t.duty && t.tax {
        "duty and tax"
    } else if t.duty {
        "duty"
    } else {
        "tax"
    };
    let compare = if t.strictly_below { "<" } else { "≤" };
    let tested = match ctx.rounding[RoundingTarget::MinCollectible as usize] {
        Some(r) if ctx.j.currency == t.currency && r.apply(tax) != tax => format!(
            "{} ({} {} = {}, {})",
            format_grouped(tax),
            r.mode.describe(),
            r.step,
            format_grouped(r.apply(tax)),
            r.source.row()
        ),
        _ => format_grouped(tax),
    };
    for l in lines.iter_mut().flat_map(|l| l.levies.iter_mut()).filter(|l| kinds.contains(&l.kind)) {
        l.formula = format!(
            "{} — not collected: total {what} {} {compare} minimum {} {} ({})",
            l.formula, tested, t.amount, t.currency, t.id
        )
        .into();
        l.amount = l.amount.map(|_| ctx.req.rounding.round(Decimal::ZERO, ctx.j.currency));
    }
}

/// The consignment's priced tax, in the customs currency and converted to the currency of the
/// minimum collectible `t`; `None` without a rate between them.
fn consignment_tax(ctx: &mut Ctx<'_>, t: &Threshold, lines: &[LineQuote]) -> Option<(Decimal, Decimal)> {
    let kinds = min_collectible_kinds(t);
    // A lower bound counts: a tax at least above the minimum is collected whatever the rest.
    let tax: Decimal = lines
        .iter()
        .flat_map(|l| &l.levies)
        .filter(|l| kinds.contains(&l.kind))
        .filter_map(|l| l.amount.or(l.partial_amount))
        .decimal_sum();
    let rate = ctx.rate(ctx.j.currency, t.currency)?;
    Some((tax, tax * rate))
}

/// The levies a minimum collectible is tested on and waives: the row's `levies` (Korea's
/// minimum is on the customs duty, Switzerland's and Finland's on the import VAT). A waived duty
/// stays in the VAT base it was priced into: it is not collected, not exempted (Korea's Customs
/// Act art. 40; docs/rules.md#min-collectible).
fn min_collectible_kinds(t: &Threshold) -> &'static [LevyKind] {
    match (t.duty, t.tax) {
        (true, true) => &[LevyKind::Duty, LevyKind::AdditionalDuty, LevyKind::Tax],
        (true, false) => &[LevyKind::Duty, LevyKind::AdditionalDuty],
        _ => &[LevyKind::Tax],
    }
}

/// The tax (customs currency) of [`consignment_tax`]'s `(tax, converted)` when it is within the
/// minimum collectible `t`; `None` when there is none or it is above the minimum. The converted
/// tax is tested as the destination's law states it (Switzerland: rounded to 5 centimes,
/// `tax_rounding.tsv#ch-vat-min-5-test`); the tax charged is not rounded so.
fn within_minimum(ctx: &Ctx<'_>, (tax, converted): (Decimal, Decimal), t: &Threshold) -> Option<Decimal> {
    (!tax.is_zero() && tax_within(ctx.step(RoundingTarget::MinCollectible, converted), t)).then_some(tax)
}

/// True when a tax total (in the threshold's currency) is within a minimum collectible: at most
/// its amount, or below it when the row compares `lt`.
fn tax_within(tax: Decimal, t: &Threshold) -> bool {
    match t.strictly_below {
        true => tax < t.amount,
        false => tax <= t.amount,
    }
}

/// A rounding step in words: `0.05` of a franc is "5 centimes"; else "steps of 0.05 EUR".
fn step_words(step: Decimal, currency: crate::money::Currency) -> String {
    let hundredths = (step * Decimal::ONE_HUNDRED).normalize();
    match currency.code() {
        "CHF" if step < Decimal::ONE => format!("{hundredths} centimes"),
        c => format!("steps of {} {c}", step.normalize()),
    }
}

/// A minimum collectible whose test is unsettled ([`apply_min_collectible`]): the levies it would
/// waive are not priced, each saying why and what settles it.
fn unsettled_min_collectible(
    ctx: &mut Ctx<'_>,
    t: &'static Threshold,
    known: Decimal,
    converted: Option<Decimal>,
    lines: &mut [LineQuote],
) {
    // The figure the law tests, when it is rounded first (Switzerland: to 5 centimes,
    // `tax_rounding.tsv#ch-vat-min-5-test`): "5.02" alone is not within 5 to a reader (audit-z Z7).
    let tested = match (converted, ctx.rounding[RoundingTarget::MinCollectible as usize]) {
        (Some(c), Some(r)) if ctx.j.currency == t.currency && r.apply(c) != c => format!(
            ", {} rounded to {} as the customs authority tests it: {}",
            format_grouped(r.apply(c)),
            step_words(r.step, t.currency),
            r.source.row()
        ),
        _ => String::new(),
    };
    let settle = format!(
        "the known part ({}{tested}) is within the minimum of {} {}, but part of it is not priced: if the whole stays within it, none of it is collected; give the missing inputs to settle it",
        format_grouped(known),
        t.amount,
        t.currency
    );
    ctx.warn(Detail::ThresholdNotApplied { threshold: t.id, why: settle.clone() });
    let why = format!("{}: {settle}", t.id);
    let kinds: Vec<LevyKind> = min_collectible_kinds(t)
        .iter()
        .copied()
        .filter(|k| {
            lines
                .iter()
                .flat_map(|l| &l.levies)
                .any(|l| l.kind == *k && l.amount.or(l.partial_amount).is_some_and(|a| !a.is_zero()))
        })
        .collect();
    for line in lines.iter_mut() {
        unprice_levies(line, &[(&kinds, why.as_str())]);
    }
}

/// A minimum collectible from a secondary source is not applied: where the tax is within it,
/// the tax is not priced (it is either waived or due, and which is unverified).
fn unverified_min_collectible(ctx: &mut Ctx<'_>, t: &'static Threshold, lines: &mut [LineQuote]) {
    if consignment_tax(ctx, t, lines).and_then(|taxed| within_minimum(ctx, taxed, t)).is_none() {
        return;
    }
    let why = unverified_threshold(t);
    ctx.warn(Detail::Unverified { why: format!("{}: the tax is within its amount, but {why}", t.id) });
    // A levy at zero is zero whether or not the minimum holds: only the others are unsettled.
    let kinds: Vec<LevyKind> = min_collectible_kinds(t)
        .iter()
        .copied()
        .filter(|k| {
            lines.iter().flat_map(|l| &l.levies).any(|l| l.kind == *k && l.amount.is_some_and(|a| !a.is_zero()))
        })
        .collect();
    for line in lines.iter_mut() {
        let why = format!("{}: {why}", t.id);
        unprice_levies(line, &[(&kinds, why.as_str())]);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_minimum_collectible_compares_as_its_row_says() {
        // ch-vat-min-5 (at most CHF 5: SR 641.204 art. 1(d)) waives exactly 5.00; fi-vat-min-5
        // (less than €5: Arvonlisäverolaki 101 b §) collects exactly 5.00.
        let engine = crate::Engine::embedded();
        let rules = engine.rules();
        let row = |id: &str| rules.thresholds.iter().find(|t| t.id == id).unwrap();
        assert!(tax_within(dec!(5.00), row("ch-vat-min-5")));
        assert!(!tax_within(dec!(5.00), row("fi-vat-min-5")));
        assert!(tax_within(dec!(4.99), row("fi-vat-min-5")));
    }

    fn code(req: &QuoteRequest) -> HsCode {
        HsCode::parse(&req.lines[0].code).unwrap()
    }

    fn gb() -> QuoteRequest {
        request(
            r#"{"destination":"GB","date":"2026-03-02","currency":"GBP","lines":[
            {"id":"a","code":"6109100010","quantity":"1","unit_price":"100.00"}]}"#,
        )
    }

    #[test]
    fn a_rate_fraction_keeps_the_scale_of_a_division_by_100() {
        let req = gb();
        let ctx = context(&req);
        assert_eq!(ctx.fraction(dec!(20)).to_string(), (dec!(20) / Decimal::ONE_HUNDRED).to_string());
        assert_eq!(ctx.fraction(dec!(20.0)).to_string(), (dec!(20.0) / Decimal::ONE_HUNDRED).to_string());
        assert_eq!(ctx.fraction(dec!(12.50)).to_string(), (dec!(12.50) / Decimal::ONE_HUNDRED).to_string());
        assert_eq!(ctx.fraction(dec!(20)), dec!(0.2));
    }

    /// docs/rules.md (Canada): the CBSA collects GST (or HST in the harmonised provinces) at the
    /// border, and the PST of the provinces with a `pst_border` row (BC, MB, SK: CBSA 'Courier Low
    /// Value Shipment Program: Requirement for payment of PST and HST on casual goods') on a
    /// consumer's goods; a business self-assesses it, and a province's tax without such a row
    /// (a `qst` row: QC) is not collected there: the quote says so. Ontario's HST is collected.
    #[test]
    fn provincial_sales_tax_is_named_from_the_vat_table_not_a_code_list() {
        let warned = |province: &str, business: bool| {
            let req = request(&format!(
                r#"{{"destination":"CA","subdivision":"{province}","ship_from":"US","origin":"US","date":"2026-03-02","currency":"CAD","business_buyer":{business},"lines":[
                {{"id":"a","code":"6109100010","quantity":"1","unit_price":"100.00"}}]}}"#
            ));
            let q = engine().quote(&req).expect("CA quote");
            q.warnings.iter().any(|w| w.code == "W_PROVINCIAL_TAX")
        };
        for province in ["BC", "MB", "SK"] {
            assert!(!warned(province, false), "the CBSA collects {province}'s PST from a consumer");
            assert!(warned(province, true), "a business self-assesses {province}'s PST");
        }
        assert!(warned("QC", false), "Québec's QST is not collected at the border");
        assert!(!warned("ON", false), "Ontario's HST is collected at the border");
        assert!(!warned("AB", false), "Alberta has no provincial sales tax");
    }

    #[test]
    fn gb_import_vat_is_20_percent_of_cif_plus_duty_rules_2() {
        // docs/rules.md §2 (VATA 1994 s.21): the value for import VAT is the customs value (CIF:
        // 100.00 + 10.00 + 2.00 = 112.00) plus duty 13.44 = 125.44; 20 % of it = 25.088 → 25.09.
        let req = gb();
        let mut ctx = context(&req);
        let v = values(dec!(100.00), dec!(10.00), dec!(2.00));
        let (base, _) = border_tax_base(&mut ctx, &v, None, v.cif(), dec!(13.44), true);
        assert_eq!(base, dec!(125.44));
        let mut p = priced();
        tax(&mut ctx, &req.lines[0], &code(&req), &v, v.cif(), &Relief::default(), dec!(13.44), true, &mut p);
        let vat = &p.levies[0];
        assert_eq!((&*vat.name.as_str(), &*vat.rate.as_str(), vat.amount), ("Import VAT", "20%", Some(dec!(25.09))));
        // The line's code (a T-shirt) holds young children's garments too (zero-rated, VATA 1994
        // Sch. 8 Group 16): the standard rate is the assumed normal case, named in the formula.
        assert_eq!(vat.formula, "20% × 125.44 = 25.09 (standard rate assumed, vat_classes.tsv#gb-clothing-footwear)");
    }

    #[test]
    fn vat_on_a_duty_not_fully_priced_is_only_a_lower_bound_rules_18() {
        // docs/rules.md §18: with the duty unknown, the VAT on the part known is a lower bound,
        // never the amount: 20 % × 112.00 = 22.40 at least.
        let req = gb();
        let mut ctx = context(&req);
        let v = values(dec!(100.00), dec!(10.00), dec!(2.00));
        let mut p = priced();
        tax(&mut ctx, &req.lines[0], &code(&req), &v, v.cif(), &Relief::default(), dec!(0), false, &mut p);
        assert_eq!((p.levies[0].amount, p.levies[0].partial_amount), (None, Some(dec!(22.40))));
        assert_eq!(p.reasons, ["VAT depends on the duty, which is not fully priced"]);
    }

    /// docs/rules.md §18 and Japan's consumption tax (§ Japan): a split tax whose rate is from a
    /// secondary source is not priced, part by part, with the reason; verified, each part is.
    #[test]
    fn a_split_tax_from_an_unverified_rate_is_not_priced_rules_18() {
        let req = request(
            r#"{"destination":"JP","date":"2026-03-02","currency":"JPY","lines":[
            {"id":"a","code":"610910","quantity":"1","unit_price":"50000"}]}"#,
        );
        let mut ctx = context(&req);
        let rules: &'static Rules = ctx.rules;
        let parts = rules.taxes.parts("JP", dec!(10), req.date);
        assert_eq!(parts.len(), 2, "national and local consumption tax");
        let base = dec!(50000);
        let mut verified = priced();
        tax_parts(&mut ctx, &parts, base, &Note::from("base"), true, None, &mut verified);
        assert!(verified.levies.iter().all(|l| l.amount.is_some()) && verified.reasons.is_empty());
        let mut unverified = priced();
        let why = "the JP rate is from a secondary source [verify]".to_string();
        tax_parts(&mut ctx, &parts, base, &Note::from("base"), true, Some(why.clone()), &mut unverified);
        assert_eq!(unverified.levies.len(), 2);
        assert!(unverified.levies.iter().all(|l| l.amount.is_none() && l.partial_amount.is_none()));
        assert!(unverified.levies.iter().all(|l| l.not_priced));
        assert_eq!(unverified.reasons, [why]);
    }

    fn row(id: &str) -> &'static Threshold {
        let rules: &'static Rules = crate::Engine::embedded().rules();
        rules.thresholds.iter().find(|t| t.id == id).expect("row")
    }

    #[test]
    fn malaysia_lvg_tax_is_on_the_goods_alone_gb_tax_on_the_delivered_price() {
        // RMCD guidelines on LVG (2023-11-03): sales tax on the sale value of the goods, not
        // including transport or insurance; HMRC (≤ £135): VAT on the sale price with delivery.
        let v = LineValues {
            goods: Decimal::new(10000, 2),
            customs_goods: Decimal::new(10000, 2),
            shipping: Decimal::new(2000, 2),
            insurance: Decimal::ZERO,
            tax_base_charges: Decimal::ZERO,
        };
        assert_eq!(sale_base(row("my-lvg-500"), &v, Decimal::ZERO).0, Decimal::new(10000, 2));
        assert_eq!(sale_base(row("gb-low-value-vat-135"), &v, Decimal::ZERO).0, Decimal::new(12000, 2));
    }

    /// docs/rules.md §10 (never fail silently) on Switzerland's declared items (audit-dd DD1):
    /// two lines of one item whose tax cannot be shared in proportion to their bases (here
    /// negative bases, which the allocation refuses) keep no per-line figure as if it were their
    /// share: each tax is not priced, its own figure in the formula, the line partial with why.
    #[test]
    fn an_item_tax_that_cannot_be_shared_leaves_the_lines_partial_not_their_own_figures() {
        let req = request(
            r#"{"destination":"CH","date":"2026-03-02","currency":"CHF","lines":[
            {"id":"a","code":"610910","quantity":"1","unit_price":"20"},{"id":"b","code":"610910","quantity":"1","unit_price":"30"}]}"#,
        );
        let mut ctx = context(&req);
        let rate = std::sync::Arc::new(crate::rules::VatRate {
            country: "CH",
            subdivision: "",
            kind: crate::rules::VatKind::Standard,
            percent: dec!(8.1),
            valid_from: None,
            valid_to: None,
            source: Provenance::default(),
            overrides: false,
            table: "vat.tsv",
            line: 1,
        });
        let mut lines = Vec::new();
        for (n, base) in [dec!(-20), dec!(-30)].into_iter().enumerate() {
            ctx.item_bases.push(ItemBase { line: n, exact: base, rounded: base, note: Note::default() });
            let tax = Levy {
                base,
                source: crate::quote::LevySource::Vat(rate.clone()),
                ..levy(LevyKind::Tax, "VAT", dec!(1))
            };
            lines.push(line_quote(dec!(20), dec!(20), vec![tax]));
        }
        lines[1].id = "b".into();
        tax_per_item(&mut ctx, &mut lines);
        for l in &lines {
            let v = &l.levies[0];
            assert_eq!((v.amount, v.partial_amount, v.not_priced), (None, None, true), "{}", v.formula);
            assert!(v.formula.as_str().contains("not priced (1)"), "{}", v.formula);
            assert_ne!(l.status, LineStatus::Priced);
            let reason = l.reason.as_deref().unwrap_or_default();
            assert!(
                reason.contains("one declared item of lines l, b") && reason.contains("could not be shared"),
                "{reason}"
            );
        }
    }
}
