//! Explanations (formulas, base notes) kept as their parts (base, rate, operands, rounding) and
//! rendered to text only when read: serialized, displayed, or borrowed as `&str`. A quote whose
//! explanations nobody reads never formats them.

use crate::date::Date;
use crate::duty::{ComponentsRead, DutyExpr, DutyInput};
use crate::hs::HsCode;
use crate::money::{format_grouped, Currency, RoundingPolicy};
use crate::rules::{Aggregation, Threshold};
use crate::units::{Dimension, Measure, Quantities};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fmt::{self, Write};

/// How a figure was reached. Renders to the same text the quote has always carried; equality
/// compares that text.
#[derive(Debug, Clone, Default)]
pub struct Note {
    parts: Parts,
}

/// The parts of an explanation.
#[derive(Debug, Clone)]
pub(crate) enum Parts {
    /// Text built eagerly (rare paths, or text that comes ready-made).
    Text(Cow<'static, str>),
    /// A tax levy's name at the border for a class other than standard: `Import VAT, reduced rate`.
    TaxClassName { import_name: &'static str, class: &'static str },
    /// A tax collected by the seller: `VAT charged by the seller at sale ({threshold})`.
    SellerTaxName { tax: &'static str, threshold: &'static str },
    /// The import tax on the duty of a line whose tax on the goods the seller charged:
    /// `Import {tax} on the duty, at the border ({threshold})`.
    BorderTaxOnDutyName { tax: &'static str, threshold: &'static str },
    /// A tariff rate's levy name: `Customs duty ({tariff} {code})`.
    DutyName { tariff: &'static str, code: HsCode },
    /// `CIF: goods g + shipping s + insurance i`.
    Cif { goods: Decimal, shipping: Decimal, insurance: Decimal },
    /// `sale price: goods g + shipping s + insurance i`.
    SalePrice { goods: Decimal, shipping: Decimal, insurance: Decimal },
    /// `FOB: goods g (international shipping and insurance are not dutiable)`.
    Fob { goods: Decimal },
    /// `{basis}, rounded down to {rounded} (tax law rounding)`.
    RoundedDown { basis: Box<Parts>, rounded: Decimal },
    /// `{formula} = {amount}`, or `= at least {amount} (duty not fully priced)` (or the
    /// [`BaseGap`] named).
    Result { formula: Box<Parts>, amount: Decimal, at_least: Option<BaseGap> },
    /// A rate as published: `20%`.
    Rate(Decimal),
    /// `{percent}% × {base}`.
    Percent { percent: Decimal, base: Decimal },
    /// `{base} ÷ (1 − {percent}%) × {percent}%`: a tax included in its own base.
    Inside { percent: Decimal, base: Decimal },
    /// A border tax base: value, uplift, duty and rounding.
    TaxBase(Box<TaxBase>),
    /// The common border tax base, value + duty with no uplift or rounding: renders as the
    /// [`TaxBase`] it is, without its allocation.
    ValuePlusDuty { customs_value: bool, value: Decimal, duty: Decimal },
    /// `{percent}% × {base} = {amount}` (or the `inside` form, or `at least`): a tax levy's
    /// formula, [`Parts::Result`] of [`Parts::Percent`] or [`Parts::Inside`] without its allocation.
    Tax { percent: Decimal, base: Decimal, amount: Decimal, inside: bool, at_least: Option<BaseGap> },
    /// A duty's formula, rendered by evaluating the expression again with the same input.
    Duty(Box<DutyFormula>),
    /// A duty's formula that read the value alone (a plain ad valorem or free rate,
    /// [`DutyExpr::simple_percent`]) or with one plain quantity (`0.2 GBP/item × 2`, `20% × 28.17
    /// + 19 GBP/100kg × 0.012`): kept inline with that quantity, without [`DutyFormula`]'s copy of
    /// the whole input, and rendered as [`Parts::Duty`] is, from an input that holds only it.
    InlineDuty {
        expr: &'static DutyExpr,
        value: Decimal,
        quantity: Option<(Dimension, Decimal)>,
        currency: Currency,
        date: Option<Date>,
        rounding: RoundingPolicy,
    },
    /// A threshold's limit: `≤ 135 gbp (intrinsic)`, `< 800 usd (customs, each item)`.
    Limit(&'static Threshold),
    /// `not due: consignment within {threshold} ({source})`.
    NotDue { threshold: &'static str, source: &'static str },
    /// `not due: no customs border ({movement})`: a row of `rules/movements.tsv`.
    NoCustomsBorder { movement: &'static str },
    /// `not due: one customs territory or a customs union ({movement})`: an `import` row of
    /// `rules/movements.tsv` (the VAT/GST at import stays).
    NoDutyCustomsUnion { movement: &'static str },
    /// A rule row with the law it cites: `{row} ({publisher})`.
    Cited { row: &'static str, publisher: &'static str },
    /// What applying a threshold assumes: `assumes {assumption}`.
    Assumes(&'static str),
    /// A tax formula with the row of `rules/vat_classes.tsv` that gave the line's class:
    /// `{formula} ({class} rate by code, {row})`, or, where the goods decide, `{formula} (at
    /// least: the {class} rate, the lowest the goods may have, {row})`.
    ClassCited { formula: Box<Parts>, row: &'static crate::rules::vat_classes::VatClassRow, at_least: bool },
    /// Why a line bears an excise it cannot price (the excise's formula and the line's reason):
    /// `{name} is due on this line ({note}), and our data has no rate for it: give it in
    /// extra_duties with "kind": "excise"`, or, for an excise outside the VAT base, `… no rate
    /// or threshold for it on this date`; `over`, a strength the row taxes goods above and the
    /// line does not give, adds ` if its strength is over {over} % vol (give alcohol_pct)` after
    /// "is due on this line".
    ExciseNoRate { name: &'static str, note: &'static str, in_vat_base: bool, over: Option<rust_decimal::Decimal> },
    /// A line's reason: `{tax} depends on {what}` (the duty, or an excise, not fully priced).
    DependsOn { tax: &'static str, what: &'static str },
    /// [`Parts::ClassCited`] of a [`Parts::Tax`], held inline (every tax levy of a line whose
    /// class a row gave: the box was an allocation on such a line). `class_at_least` is
    /// `ClassCited`'s `at_least`, `at_least` the tax's.
    TaxCited {
        percent: Decimal,
        base: Decimal,
        amount: Decimal,
        inside: bool,
        at_least: Option<BaseGap>,
        class_at_least: bool,
        row: &'static crate::rules::vat_classes::VatClassRow,
    },
}

impl Default for Parts {
    fn default() -> Self {
        Parts::Text(Cow::Borrowed(""))
    }
}

/// The parts of a border tax base (see `border_tax_base`).
#[derive(Debug, Clone)]
pub(crate) struct TaxBase {
    /// True: `value for duty v`; false: `CIF v`.
    pub customs_value: bool,
    pub value: Decimal,
    /// (percent, amount added, source).
    pub uplift: Option<(Decimal, Decimal, &'static str)>,
    pub duty: Decimal,
    /// The duty as counted, when the law rounds it down.
    pub duty_rounded: Decimal,
    /// False when the line's duty is not fully priced: `duty` is its known part (audit-kk KK50:
    /// "+ duty 0" for a duty with no rate).
    pub duty_known: bool,
    /// The line's share of the request's `tax_base_charges`.
    pub charges: Decimal,
    pub base: Decimal,
    pub rounded: Decimal,
}

/// What a duty's formula is rendered from: the expression and an owned copy of its input.
#[derive(Debug, Clone)]
pub(crate) struct DutyFormula {
    expr: &'static DutyExpr,
    value: Decimal,
    currency: Currency,
    quantities: Quantities,
    components: Vec<(String, Decimal)>,
    date: Option<Date>,
    fx: Vec<(Currency, Decimal)>,
    base_duty: Option<Decimal>,
    rounding: RoundingPolicy,
    weight_per_100kg: Option<&'static dyn crate::duty::WeightRounding>,
}

impl DutyFormula {
    /// The formula of `expr` evaluated on `input`.
    pub(crate) fn of(expr: &'static DutyExpr, input: &DutyInput<'_>) -> DutyFormula {
        DutyFormula {
            expr,
            value: input.value,
            currency: input.currency,
            quantities: input.quantities.clone(),
            components: input.components.to_vec(),
            date: input.date,
            fx: input.fx.to_vec(),
            base_duty: input.base_duty,
            rounding: input.rounding,
            weight_per_100kg: input.weight_per_100kg,
        }
    }

    fn render(&self) -> String {
        let input = DutyInput {
            value: self.value,
            currency: self.currency,
            quantities: &self.quantities,
            components: &self.components,
            date: self.date,
            fx: &self.fx,
            base_duty: self.base_duty,
            rounding: self.rounding,
            weight_per_100kg: self.weight_per_100kg,
        };
        self.expr.evaluate(&input).formula
    }
}

/// The plain quantities a duty formula is held inline with ([`Parts::InlineDuty`]).
const ONE_QUANTITY: [Measure; 7] = [
    Measure::net(Dimension::Count),
    Measure::net(Dimension::Mass),
    Measure::net(Dimension::Volume),
    Measure::net(Dimension::Pairs),
    Measure::net(Dimension::Length),
    Measure::net(Dimension::Area),
    Measure::net(Dimension::Energy),
];

impl Parts {
    /// The formula of `expr` evaluated on `input`, rendered when read; `read` is what the
    /// evaluation read of the line's quantities and components.
    pub(crate) fn duty(expr: &'static DutyExpr, input: &DutyInput<'_>, read: &ComponentsRead) -> Parts {
        let inline = |quantity| Parts::InlineDuty {
            expr,
            value: input.value,
            quantity,
            currency: input.currency,
            date: input.date,
            rounding: input.rounding,
        };
        if expr.simple_percent().is_some() {
            return inline(None);
        }
        let plain = input.components.is_empty()
            && input.fx.is_empty()
            && input.base_duty.is_none()
            && input.weight_per_100kg.is_none();
        let one = read.only_measure(&ONE_QUANTITY).filter(|_| plain);
        match one.and_then(|m| Some((m.dimension, input.quantities.get(m)?))) {
            Some(quantity) => {
                let parts = inline(Some(quantity));
                // The claim that the quantity read is all the formula needs, checked by every
                // test that prices such a duty.
                debug_assert_eq!(Note::new(parts.clone()).as_str(), expr.evaluate(input).formula);
                parts
            }
            None => Parts::Duty(Box::new(DutyFormula::of(expr, input))),
        }
    }
}

impl Note {
    /// A note from parts.
    pub(crate) fn new(parts: Parts) -> Note {
        Note { parts }
    }

    /// This tax formula citing the row of `rules/vat_classes.tsv` that gave the line's class
    /// ([`Parts::ClassCited`]), rendered when read.
    pub(crate) fn cite_class(self, row: &'static crate::rules::vat_classes::VatClassRow, at_least: bool) -> Note {
        match self.parts {
            Parts::Tax { percent, base, amount, inside, at_least: gap } => Note::new(Parts::TaxCited {
                percent,
                base,
                amount,
                inside,
                at_least: gap,
                class_at_least: at_least,
                row,
            }),
            parts => Note::new(Parts::ClassCited { formula: Box::new(parts), row, at_least }),
        }
    }

    /// Whether this is the name of the import tax due at the border on the duty of a line whose
    /// tax on the goods the seller charged ([`Parts::BorderTaxOnDutyName`]): never in the
    /// checkout price.
    pub(crate) fn is_border_tax_on_duty(&self) -> bool {
        matches!(self.parts, Parts::BorderTaxOnDutyName { .. })
    }

    /// The text, owned: taken when it was built as an owned text, else rendered now.
    pub fn into_string(self) -> String {
        match self.parts {
            Parts::Text(t) => t.into_owned(),
            parts => {
                let mut s = String::new();
                let _ = write_parts(&mut s, &parts);
                s
            }
        }
    }

    /// The text of `notes` joined by `; ` (a line's reasons), in one string.
    pub(crate) fn join(notes: &[Note]) -> String {
        // A typed part renders to about a hundred bytes (an excise's reason to some 200).
        let room = notes.iter().map(|n| if let Parts::Text(t) = &n.parts { t.len() } else { 160 }).sum::<usize>();
        let mut s = String::with_capacity(room + 2 * notes.len());
        for (i, n) in notes.iter().enumerate() {
            if i > 0 {
                s.push_str("; ");
            }
            let _ = write_parts(&mut s, &n.parts);
        }
        s
    }

    /// The text: borrowed when it was built as text, else rendered now.
    pub fn as_str(&self) -> Cow<'_, str> {
        if let Parts::Text(t) = &self.parts {
            return Cow::Borrowed(t);
        }
        let mut s = String::new();
        let _ = write_parts(&mut s, &self.parts);
        Cow::Owned(s)
    }
}

impl From<String> for Note {
    fn from(s: String) -> Note {
        Note::new(Parts::Text(Cow::Owned(s)))
    }
}

impl From<Cow<'static, str>> for Note {
    fn from(s: Cow<'static, str>) -> Note {
        Note::new(Parts::Text(s))
    }
}

impl From<&'static str> for Note {
    fn from(s: &'static str) -> Note {
        Note::new(Parts::Text(Cow::Borrowed(s)))
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_parts(f, &self.parts)
    }
}

impl PartialEq for Note {
    fn eq(&self, other: &Note) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Note {}

impl PartialEq<str> for Note {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<String> for Note {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<&str> for Note {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for Note {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.parts {
            Parts::Text(t) => s.serialize_str(t),
            _ => s.collect_str(self),
        }
    }
}

/// A grouped amount (`1,234.50`) written without an intermediate allocation where it is small.
struct Grouped(Decimal);

impl fmt::Display for Grouped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_grouped(self.0))
    }
}

fn write_parts(w: &mut dyn Write, p: &Parts) -> fmt::Result {
    match p {
        Parts::Text(t) => w.write_str(t),
        Parts::TaxClassName { import_name, class } => write!(w, "{import_name}, {class} rate"),
        Parts::SellerTaxName { tax, threshold } => write!(w, "{tax} charged by the seller at sale ({threshold})"),
        Parts::BorderTaxOnDutyName { tax, threshold } => {
            write!(w, "Import {tax} on the duty, at the border ({threshold})")
        }
        Parts::DutyName { tariff, code } => write!(w, "Customs duty ({tariff} {code})"),
        Parts::Cif { goods, shipping, insurance } => {
            write!(w, "CIF: goods {goods} + shipping {shipping} + insurance {insurance}")
        }
        Parts::SalePrice { goods, shipping, insurance } => {
            write!(w, "sale price: goods {goods} + shipping {shipping} + insurance {insurance}")
        }
        Parts::Fob { goods } => {
            write!(w, "FOB: goods {goods} (international shipping and insurance are not dutiable)")
        }
        Parts::RoundedDown { basis, rounded } => {
            write_parts(w, basis)?;
            write!(w, ", rounded down to {} (tax law rounding)", Grouped(*rounded))
        }
        Parts::Result { formula, amount, at_least } => {
            write_parts(w, formula)?;
            write_result(w, *amount, *at_least)
        }
        Parts::Tax { percent, base, amount, inside, at_least } => {
            let (percent, base) = (*percent, *base);
            write_parts(w, &if *inside { Parts::Inside { percent, base } } else { Parts::Percent { percent, base } })?;
            write_result(w, *amount, *at_least)
        }
        Parts::Rate(percent) => write!(w, "{}%", percent.normalize()),
        Parts::Percent { percent, base } => write!(w, "{}% × {}", percent.normalize(), Grouped(*base)),
        Parts::Inside { percent, base } => {
            let pct = percent.normalize();
            write!(w, "{} ÷ (1 − {pct}%) × {pct}%", Grouped(*base))
        }
        Parts::TaxBase(t) => write_tax_base(w, t),
        Parts::ValuePlusDuty { customs_value, value, duty } => {
            let (value, duty) = (*value, *duty);
            let base = value + duty;
            let t = TaxBase {
                customs_value: *customs_value,
                value,
                uplift: None,
                duty,
                duty_rounded: duty,
                duty_known: true,
                charges: Decimal::ZERO,
                base,
                rounded: base,
            };
            write_tax_base(w, &t)
        }
        Parts::Duty(d) => w.write_str(&d.render()),
        Parts::InlineDuty { expr, value, quantity, currency, date, rounding } => {
            let quantities = match quantity {
                Some((dimension, amount)) => Quantities::of_one(Measure::net(*dimension), *amount),
                None => Quantities::new(),
            };
            let input = DutyInput {
                value: *value,
                currency: *currency,
                quantities: &quantities,
                components: &[],
                date: *date,
                fx: &[],
                base_duty: None,
                rounding: *rounding,
                weight_per_100kg: None,
            };
            w.write_str(&expr.evaluate(&input).formula)
        }
        Parts::Limit(t) if t.basis == crate::rules::ThresholdBasis::SellerTurnover => {
            write!(w, "seller's turnover ≥ {} {} a year", format_grouped(t.amount), t.currency)
        }
        Parts::Limit(t) => {
            let per = if t.aggregation == Aggregation::Item { ", each item" } else { "" };
            let op = if t.strictly_below { "<" } else { "≤" };
            let text = format!("{op} {} {} ({:?}{per})", format_grouped(t.amount), t.currency, t.basis);
            w.write_str(&text.to_ascii_lowercase())
        }
        Parts::NotDue { threshold, source } => write!(w, "not due: consignment within {threshold} ({source})"),
        Parts::NoCustomsBorder { movement } => write!(w, "not due: no customs border ({movement})"),
        Parts::NoDutyCustomsUnion { movement } => {
            write!(w, "not due: one customs territory or a customs union ({movement})")
        }
        Parts::Cited { row, publisher } => write!(w, "{row} ({publisher})"),
        Parts::TaxCited { percent, base, amount, inside, at_least, class_at_least, row } => {
            let (percent, base, amount, inside, at_least) = (*percent, *base, *amount, *inside, *at_least);
            write_parts(w, &Parts::Tax { percent, base, amount, inside, at_least })?;
            write_class_citation(w, row, *class_at_least)
        }
        Parts::ClassCited { formula, row, at_least } => {
            write_parts(w, formula)?;
            write_class_citation(w, row, *at_least)
        }
        Parts::Assumes(assumption) => write!(w, "assumes {assumption}"),
        // Written in pieces, not formatted: every wine line of a GB cart renders both.
        Parts::ExciseNoRate { name, note, in_vat_base, over } => {
            w.write_str(name)?;
            w.write_str(" is due on this line")?;
            if let Some(over) = over {
                write!(w, " if its strength is over {over} % vol (give alcohol_pct)")?;
            }
            for piece in [" (", note, "), and our data has "] {
                w.write_str(piece)?;
            }
            w.write_str(match in_vat_base {
                true => "no rate for it: give it in extra_duties with \"kind\": \"excise\"",
                false => "no rate or threshold for it on this date",
            })
        }
        Parts::DependsOn { tax, what } => {
            for piece in [tax, " depends on ", what] {
                w.write_str(piece)?;
            }
            Ok(())
        }
    }
}

/// ` ({class} rate by code, {row})` and its other forms: the citation of
/// [`Parts::ClassCited`].
fn write_class_citation(
    w: &mut dyn Write,
    row: &crate::rules::vat_classes::VatClassRow,
    at_least: bool,
) -> fmt::Result {
    match at_least {
        true => {
            write!(w, " (at least: the {} rate, the lowest the goods may have, {})", row.class_text(), row.source.row())
        }
        false if row.settles == crate::rules::vat_classes::Settles::Assumes => {
            write!(w, " ({} rate assumed, {})", row.class_text(), row.source.row())
        }
        false => write!(w, " ({} rate by code, {})", row.class_text(), row.source.row()),
    }
}

/// What of a tax's base is not priced, when its amount is a lower bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BaseGap {
    /// A duty (the customs duty, an additional duty, a remedy).
    Duty,
    /// An excise in the base, the duties being priced (audit-m M4: a car's listed excises).
    Excise,
}

/// ` = {amount}`, or ` = at least {amount} (duty not fully priced)` (or the excise).
fn write_result(w: &mut dyn Write, amount: Decimal, at_least: Option<BaseGap>) -> fmt::Result {
    match at_least {
        None => write!(w, " = {}", Grouped(amount)),
        Some(BaseGap::Duty) => write!(w, " = at least {} (duty not fully priced)", Grouped(amount)),
        Some(BaseGap::Excise) => write!(w, " = at least {} (an excise in its base is not priced)", Grouped(amount)),
    }
}

fn write_tax_base(w: &mut dyn Write, t: &TaxBase) -> fmt::Result {
    match t.customs_value {
        true => write!(w, "value for duty {}", t.value)?,
        false => write!(w, "CIF {}", t.value)?,
    }
    if let Some((percent, add, source)) = t.uplift {
        write!(w, " + {}% uplift {add} ({source})", percent.normalize())?;
    }
    if !t.duty_known {
        match t.duty.is_zero() {
            true => w.write_str(" + duty (not priced)")?,
            false => write!(w, " + duty at least {} (not fully priced)", t.duty_rounded)?,
        }
    } else if t.duty_rounded == t.duty {
        write!(w, " + duty {}", t.duty)?;
    } else {
        write!(w, " + duty {} ({} rounded down)", t.duty_rounded, t.duty)?;
    }
    if !t.charges.is_zero() {
        write!(w, " + charges {} (tax_base_charges)", t.charges)?;
    }
    if t.rounded != t.base {
        write!(w, " = {}, rounded down to {}", Grouped(t.base), Grouped(t.rounded))
    } else if !t.customs_value {
        w.write_str(" (value + duties: the law is in the quote's value_basis.source)")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn cif_note_renders_as_text_and_serializes_as_a_string() {
        let n = Note::new(Parts::Cif { goods: dec!(21.00), shipping: dec!(12.00), insurance: dec!(1.00) });
        assert_eq!(n.to_string(), "CIF: goods 21.00 + shipping 12.00 + insurance 1.00");
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"CIF: goods 21.00 + shipping 12.00 + insurance 1.00\"");
        assert!(n.as_str().starts_with("CIF"));
    }

    #[test]
    fn tax_formula_groups_thousands_and_says_at_least_when_duty_is_unknown() {
        let f = Parts::Percent { percent: dec!(20.0), base: dec!(1234.50) };
        let known = Note::new(Parts::Result { formula: Box::new(f.clone()), amount: dec!(246.90), at_least: None });
        assert_eq!(known, "20% × 1,234.50 = 246.90");
        let low = Note::new(Parts::Result {
            formula: Box::new(f.clone()),
            amount: dec!(246.90),
            at_least: Some(BaseGap::Duty),
        });
        assert_eq!(low.as_str(), "20% × 1,234.50 = at least 246.90 (duty not fully priced)");
        let excise =
            Note::new(Parts::Result { formula: Box::new(f), amount: dec!(246.90), at_least: Some(BaseGap::Excise) });
        assert_eq!(excise.as_str(), "20% × 1,234.50 = at least 246.90 (an excise in its base is not priced)");
    }

    #[test]
    fn a_cited_rule_and_an_assumption_render_as_their_texts() {
        let cited = Note::new(Parts::Cited { row: "thresholds.tsv#gb-low-value-vat-135", publisher: "VATA 1994 s.7" });
        assert_eq!(cited, "thresholds.tsv#gb-low-value-vat-135 (VATA 1994 s.7)");
        assert_eq!(Note::new(Parts::Assumes("the seller is registered")), "assumes the seller is registered");
    }

    #[test]
    fn tax_base_note_names_uplift_duty_rounding_and_the_law() {
        let t = TaxBase {
            customs_value: false,
            value: dec!(100.00),
            uplift: None,
            duty: dec!(12.00),
            duty_rounded: dec!(12.00),
            duty_known: true,
            charges: Decimal::ZERO,
            base: dec!(112.00),
            rounded: dec!(112.00),
        };
        let n = Note::new(Parts::TaxBase(Box::new(t.clone())));
        assert_eq!(n, "CIF 100.00 + duty 12.00 (value + duties: the law is in the quote's value_basis.source)");
        // A duty not priced is never written as a figure (audit-kk KK50: "+ duty 0").
        let unknown = TaxBase {
            customs_value: true,
            duty: Decimal::ZERO,
            duty_rounded: Decimal::ZERO,
            duty_known: false,
            ..t.clone()
        };
        assert_eq!(Note::new(Parts::TaxBase(Box::new(unknown))), "value for duty 100.00 + duty (not priced)");
        let partial = TaxBase { customs_value: true, duty_known: false, ..t };
        assert_eq!(
            Note::new(Parts::TaxBase(Box::new(partial))),
            "value for duty 100.00 + duty at least 12.00 (not fully priced)"
        );
    }
}

#[cfg(test)]
mod duty_formula_tests {
    use super::*;
    use crate::units::Quantities;
    use rust_decimal_macros::dec;

    #[test]
    fn a_lazy_duty_formula_renders_exactly_the_eager_one() {
        let expr: &'static DutyExpr = Box::leak(Box::new(DutyExpr::parse("8.3% + 44.2 EUR / 100 kg")));
        let mut q = Quantities::new();
        q.add_text("250kg", "qty").unwrap();
        let input = DutyInput::value_only(dec!(1000.00), Currency::EUR, &q);
        let eager = expr.evaluate(&input);
        let lazy = expr.evaluate_amount(&input);
        assert!(lazy.formula.is_empty());
        assert_eq!((lazy.amount, lazy.exact), (eager.amount, eager.exact));
        let note = Note::new(Parts::Duty(Box::new(DutyFormula::of(expr, &input))));
        assert_eq!(note.as_str(), eager.formula);
    }

    #[test]
    fn an_inline_ad_valorem_or_free_formula_renders_exactly_the_eager_one() {
        let mut q = Quantities::new();
        q.add_text("250kg", "qty").unwrap();
        for text in ["12%", "Free", "0%"] {
            let expr: &'static DutyExpr = Box::leak(Box::new(DutyExpr::parse(text)));
            let input = DutyInput::value_only(dec!(1234.50), Currency::GBP, &q);
            let parts = Parts::duty(expr, &input, &ComponentsRead::default());
            assert!(matches!(parts, Parts::InlineDuty { quantity: None, .. }), "{text}");
            assert_eq!(Note::new(parts).as_str(), expr.evaluate(&input).formula, "{text}");
        }
    }

    #[test]
    fn a_duty_that_read_one_quantity_is_held_with_it_and_renders_the_eager_formula() {
        let mut q = Quantities::new();
        q.add_text("250kg", "qty").unwrap();
        q.add_text("3item", "qty").unwrap();
        q.add_text("1.5l", "qty").unwrap();
        q.alcohol_pct = Some(dec!(12));
        for text in ["8.3% + 44.2 EUR / 100 kg", "0.2 EUR/item", "26 EUR/hl", "0.2 EUR/item + 1 EUR/kg"] {
            let expr: &'static DutyExpr = Box::leak(Box::new(DutyExpr::parse(text)));
            let input = DutyInput::value_only(dec!(1234.50), Currency::EUR, &q);
            let read = expr.evaluate_amount(&input).components_read;
            let parts = Parts::duty(expr, &input, &read);
            let inline = matches!(parts, Parts::InlineDuty { quantity: Some(_), .. });
            assert_eq!(inline, !text.contains(" + 1 EUR/kg"), "{text}");
            assert_eq!(Note::new(parts).as_str(), expr.evaluate(&input).formula, "{text}");
        }
    }

    #[test]
    fn inline_tax_formula_and_base_render_as_their_boxed_forms() {
        let (percent, base, amount) = (dec!(20), dec!(1234.50), dec!(246.90));
        for (inside, at_least) in [(false, None), (false, Some(BaseGap::Duty)), (true, None)] {
            let f = match inside {
                true => Parts::Inside { percent, base },
                false => Parts::Percent { percent, base },
            };
            let boxed = Note::new(Parts::Result { formula: Box::new(f), amount, at_least });
            assert_eq!(Note::new(Parts::Tax { percent, base, amount, inside, at_least }), boxed);
        }
        for customs_value in [true, false] {
            let (value, duty) = (dec!(100.00), dec!(12.00));
            let t = TaxBase {
                customs_value,
                value,
                uplift: None,
                duty,
                duty_rounded: duty,
                duty_known: true,
                charges: Decimal::ZERO,
                base: value + duty,
                rounded: value + duty,
            };
            let inline = Note::new(Parts::ValuePlusDuty { customs_value, value, duty });
            assert_eq!(inline, Note::new(Parts::TaxBase(Box::new(t))));
        }
    }
}
