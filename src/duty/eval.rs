//! Evaluating a [`DutyExpr`] for a line: exact arithmetic, a formula a person can check, and
//! an explicit list of what could not be priced.

use super::{DutyExpr, NotPriceableKind, SpecificRate};
use crate::date::Date;
use crate::money::{self, format_grouped, Currency, RoundingPolicy};
use crate::units::{Measure, Quantities};
use rust_decimal::Decimal;
use serde::Serialize;

/// What a duty is evaluated on.
#[derive(Debug, Clone)]
pub struct DutyInput<'a> {
    /// The customs value the ad valorem part is charged on, in `currency`.
    pub value: Decimal,
    /// Currency of `value` and of the result.
    pub currency: Currency,
    /// Quantities of the line.
    pub quantities: &'a Quantities,
    /// Values of named parts (`case`, `strap_band_or_bracelet`, …) in `currency`.
    pub components: &'a [(String, Decimal)],
    /// The date, for seasonal rates.
    pub date: Option<Date>,
    /// Customs exchange rates: units of `currency` for one unit of the foreign currency.
    pub fx: &'a [(Currency, Decimal)],
    /// The duty of the applicable subheading, for chapter 99 references.
    pub base_duty: Option<Decimal>,
    /// How the result is rounded.
    pub rounding: RoundingPolicy,
    /// The destination's rounding of the weight a specific duty per 100 kg is charged on
    /// (`tax_rounding.tsv`, `weight_per_100kg`: Switzerland up to the next 100 g), if it has one.
    pub weight_per_100kg: Option<&'static dyn WeightRounding>,
}

/// A destination's rounding of the weight a specific duty per 100 kg is charged on, as its
/// rule table gives it (`tax_rounding.tsv`, `weight_per_100kg`: Switzerland up to the next
/// 100 g). The evaluator only applies and names it; the rules define it.
pub trait WeightRounding: std::fmt::Debug + Sync {
    /// The weight in kg, rounded.
    fn round_kg(&self, kg: Decimal) -> Decimal;
    /// The rounding in words for the formula: how (`up to`) and the step in kg (`0.1`).
    fn in_words(&self) -> (&'static str, Decimal);
}

impl<'a> DutyInput<'a> {
    /// An input with only a value: no quantities, components, date or FX.
    pub fn value_only(value: Decimal, currency: Currency, quantities: &'a Quantities) -> Self {
        DutyInput {
            value,
            currency,
            quantities,
            components: &[],
            date: None,
            fx: &[],
            base_duty: None,
            rounding: RoundingPolicy::default(),
            weight_per_100kg: None,
        }
    }
}

/// Something the evaluator could not price, and the input that would fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "missing", rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum Unpriced {
    /// A specific duty needs a quantity the caller did not give.
    Quantity { measure: Measure },
    /// A specific duty is charged per a measure the caller gave as 0 (`weight_kg: 0`): goods
    /// that are imported weigh and hold something, so 0 is a missing figure, never a duty of 0
    /// (audit-s S5).
    ZeroQuantity { measure: Measure },
    /// An ad valorem part is charged on the value of a component not given.
    ComponentValue { component: String },
    /// A specific duty in a foreign currency needs a customs exchange rate.
    FxRate { from: Currency, to: Currency },
    /// A seasonal rate needs the date.
    Date,
    /// No window of a seasonal rate covers the date (`windows`: the tariff's, as `MM-DD..MM-DD`):
    /// the tariff publishes no rate for that day (audit-ll LL99).
    NoSeason { date: String, windows: String },
    /// A chapter 99 measure adds to the duty of the applicable subheading, which is not known.
    BaseDuty,
    /// The text is not a rate the engine can compute.
    NotARate { kind: NotPriceableKind, text: String },
    /// The amount is beyond what the engine computes exactly (about 7.9 × 10^28).
    OutOfRange,
}

/// How a caller works out proof litres of vinegar: never from the alcoholic strength.
const VINEGAR_PROOF_HINT: &str = " or volume_l with acetic_acid_pct: litres × acetic acid % by weight ÷ 4 (a proof liter of vinegar is a litre at the standard proof of 4 % acetic acid by weight, HTSUS chapter 22 additional U.S. note 9; not litres of alcohol)";

impl Unpriced {
    /// A sentence naming what is missing and what input would fix it.
    pub fn message(&self) -> String {
        match self {
            Unpriced::Quantity { measure } => format!(
                "needs the quantity in {}: give it as units {{\"{}\": \"…\"}}{}",
                measure,
                measure.key(),
                match measure.key().as_str() {
                    "kg" => " or weight_kg",
                    "l" => " or volume_l",
                    "l_alc" => " or volume_l with alcohol_pct",
                    "item" => " or quantity",
                    "l:vinegar_proof" => VINEGAR_PROOF_HINT,
                    _ => "",
                }
            ),
            Unpriced::ZeroQuantity { measure } => format!(
                "is charged per {measure} and the quantity in {measure} is 0: give the real quantity as units {{\"{}\": \"…\"}}{}",
                measure.key(),
                match measure.key().as_str() {
                    "kg" => " or weight_kg",
                    "l" => " or volume_l",
                    "l_alc" => " or volume_l with alcohol_pct",
                    "l:vinegar_proof" => VINEGAR_PROOF_HINT,
                    _ => "",
                }
            ),
            Unpriced::ComponentValue { component } => {
                format!(
                    "needs the value of the {}: give it as components {{\"{component}\": \"…\"}}",
                    component.replace('_', " ")
                )
            }
            Unpriced::FxRate { from, to } => {
                format!("needs a customs exchange rate {from}/{to}: give it as fx {{\"{from}/{to}\": \"…\"}}")
            }
            Unpriced::Date => "the rate is seasonal: give the date".to_string(),
            Unpriced::NoSeason { date, windows } => format!(
                "the rate is seasonal and none of its windows ({windows}) covers {date}: the tariff publishes no rate for that day; supply a duty_rate"
            ),
            Unpriced::BaseDuty => "adds to the duty of the applicable subheading, which is not known here".to_string(),
            Unpriced::NotARate { kind, text } => format!("{text:?} is not a computable rate: {}", kind.explanation()),
            Unpriced::OutOfRange => "the amount is out of range: check the value and quantities".to_string(),
        }
    }
}

/// The `components` of a [`DutyInput`] an evaluation read (by index: `components[i]`), and the
/// quantities: a duty charged on a component or per a measure reports it, so a quote can tell
/// which of a line's `components`, `units`, `volume_l` and `alcohol_pct` no levy read without
/// searching formula texts (audit-k K5, audit-n N7). A bit per component up to 64, a list
/// beyond; a bit per measure (dimension × qualifier), and one for the alcoholic strength.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComponentsRead {
    bits: u64,
    more: Vec<usize>,
    /// Measures read, by [`Measure::index`].
    measures: [u64; 4],
    /// Litres of pure alcohol derived from the volume and `alcohol_pct`.
    alcohol: bool,
    /// Proof liters of vinegar derived from the volume and `acetic_acid_pct`.
    acetic: bool,
    /// A weight charged per 100 kg was rounded by the destination's rule
    /// ([`DutyInput::weight_per_100kg`]: Switzerland, to the next 100 g).
    weight_rounded: bool,
}

impl ComponentsRead {
    /// Notes that `components[i]` was read.
    pub fn insert(&mut self, i: usize) {
        match i {
            0..64 => self.bits |= 1 << i,
            _ if !self.more.contains(&i) => self.more.push(i),
            _ => {}
        }
    }

    /// True when `components[i]` was read.
    pub fn contains(&self, i: usize) -> bool {
        match i {
            0..64 => self.bits & (1 << i) != 0,
            _ => self.more.contains(&i),
        }
    }

    /// Adds what `other` read (an evaluation on the same components).
    pub fn extend(&mut self, other: &ComponentsRead) {
        self.bits |= other.bits;
        for &i in &other.more {
            self.insert(i);
        }
        for (a, b) in self.measures.iter_mut().zip(other.measures) {
            *a |= b;
        }
        self.alcohol |= other.alcohol;
        self.acetic |= other.acetic;
        self.weight_rounded |= other.weight_rounded;
    }

    /// True when no component was read.
    pub fn is_empty(&self) -> bool {
        self.bits == 0 && self.more.is_empty()
    }

    /// Notes that the quantity of `measure` in `quantities` was read: where it is derived
    /// (litres of pure alcohol from the volume and the strength), the volume and the strength.
    pub fn insert_measure(&mut self, measure: Measure, quantities: &Quantities) {
        let measure = match quantities.derives(measure) {
            true => {
                match measure.dimension {
                    crate::units::Dimension::PureAlcohol => self.alcohol = true,
                    _ => self.acetic = true,
                }
                Measure::net(crate::units::Dimension::Volume)
            }
            false => measure,
        };
        let i = measure.index();
        self.measures[i / 64] |= 1 << (i % 64);
    }

    /// True when the quantity of `measure` was read (given, or the volume a derived quantity
    /// came from).
    pub fn read_measure(&self, measure: Measure) -> bool {
        let i = measure.index();
        self.measures[i / 64] & (1 << (i % 64)) != 0
    }

    /// The one quantity read, among `candidates`, when the evaluation read it and nothing else
    /// of the line's (no component, no other measure, no strength, no weight rounded): a formula
    /// rendered again from that quantity alone is the same.
    pub fn only_measure(&self, candidates: &[Measure]) -> Option<Measure> {
        // Exactly one bit set among the measures, without counting them (`count_ones` is a
        // software count on x86-64's baseline: ~60 instructions a line).
        let mut set = self.measures.iter().filter(|m| **m != 0);
        let one = matches!((set.next(), set.next()), (Some(m), None) if m & (m - 1) == 0);
        if !one || !self.is_empty() || self.alcohol || self.acetic || self.weight_rounded {
            return None;
        }
        candidates.iter().copied().find(|m| self.read_measure(*m))
    }

    /// Notes that the alcoholic strength was read by itself (an excise taxing goods over a
    /// strength: Switzerland's alcohol tax on wine over 18 % vol).
    pub fn insert_alcohol(&mut self) {
        self.alcohol = true;
    }

    /// True when the alcoholic strength was read (litres of pure alcohol derived from it).
    pub fn read_alcohol(&self) -> bool {
        self.alcohol
    }

    /// True when the acetic acid strength was read (proof liters of vinegar derived from it).
    pub fn read_acetic(&self) -> bool {
        self.acetic
    }

    /// True when a weight charged per 100 kg was rounded (the formula then says "weight 1.01 kg
    /// rounded up to 0.1 kg = 1.1 kg"), whether or not the formula's text was written.
    pub fn weight_rounded(&self) -> bool {
        self.weight_rounded
    }
}

/// The result of evaluating a duty expression.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DutyResult {
    /// True when every part was priced; then `amount` is the duty.
    pub priceable: bool,
    /// The duty, rounded per the policy; absent when not priceable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    /// When not priceable: the sum of the parts that were priced (a lower bound of a compound
    /// duty). Never presented as the duty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partial_amount: Option<Decimal>,
    /// The duty before rounding.
    #[serde(skip)]
    pub exact: Option<Decimal>,
    pub currency: Currency,
    /// The computation as a person checks it: `8.3% × 1,000.00 + 44.20 EUR/100 kg × 2.5 = 193.50`.
    pub formula: String,
    /// What could not be priced and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unpriced: Vec<Unpriced>,
    /// The input's `components` the evaluation read (an ad valorem part charged on one), priced
    /// or not: the input a quote reports unused when no duty read it.
    #[serde(skip)]
    pub components_read: ComponentsRead,
}

/// A partly evaluated expression.
struct Part {
    /// The exact amount when fully priced.
    amount: Option<Decimal>,
    /// The priced part of a sum (for partial results).
    priced: Decimal,
    text: String,
    unpriced: Vec<Unpriced>,
}

impl Part {
    fn priced(amount: Decimal, text: String) -> Part {
        Part { amount: Some(amount), priced: amount, text, unpriced: Vec::new() }
    }
    fn missing(why: Unpriced, text: String) -> Part {
        Part { amount: None, priced: Decimal::ZERO, text, unpriced: vec![why] }
    }
    /// `text = amount` for use inside min/max.
    fn labelled(&self) -> String {
        match self.amount {
            Some(a) => format!("{} = {}", self.text, format_grouped(a.round_dp(4).normalize())),
            None => self.text.clone(),
        }
    }
}

/// Text for a formula, built only when the caller wants formulas.
fn shown(text: bool, f: impl FnOnce() -> String) -> String {
    if text {
        f()
    } else {
        String::new()
    }
}

pub(super) fn evaluate(expr: &DutyExpr, input: &DutyInput<'_>) -> DutyResult {
    evaluate_with(expr, input, true)
}

/// `evaluate` without building the formula (`formula` is empty): the same amounts, for callers
/// that render the formula later, if ever.
pub(super) fn evaluate_amount(expr: &DutyExpr, input: &DutyInput<'_>) -> DutyResult {
    evaluate_with(expr, input, false)
}

fn evaluate_with(expr: &DutyExpr, input: &DutyInput<'_>, text: bool) -> DutyResult {
    let mut components_read = ComponentsRead::default();
    let part = eval(expr, input, text, &mut components_read);
    let round = |a: Decimal| input.rounding.round(a, input.currency);
    match part.amount {
        Some(exact) if part.unpriced.is_empty() => {
            let amount = round(exact);
            DutyResult {
                priceable: true,
                amount: Some(amount),
                partial_amount: None,
                exact: Some(exact),
                currency: input.currency,
                formula: shown(text, || format!("{} = {}", part.text, format_grouped(amount))),
                unpriced: Vec::new(),
                components_read,
            }
        }
        _ => DutyResult {
            unpriced: if part.unpriced.is_empty() { vec![Unpriced::OutOfRange] } else { part.unpriced },
            priceable: false,
            amount: None,
            partial_amount: (!part.priced.is_zero()).then(|| round(part.priced)),
            exact: None,
            currency: input.currency,
            formula: shown(text, || format!("{} = not priceable", part.text)),
            components_read,
        },
    }
}

/// Evaluates `expr`, noting in `read` each of the input's components it reads.
fn eval(expr: &DutyExpr, input: &DutyInput<'_>, text: bool, read: &mut ComponentsRead) -> Part {
    match expr {
        DutyExpr::Free { condition } => Part::priced(
            Decimal::ZERO,
            shown(text, || match condition {
                Some(c) => format!("Free ({c})"),
                None => "Free".to_string(),
            }),
        ),
        DutyExpr::AdValorem { percent, on } => {
            let pct = || format!("{}%", percent.normalize());
            let base = match on {
                None => Some((input.value, None)),
                Some(c) => input.components.iter().position(|(name, _)| name == c).map(|i| {
                    read.insert(i);
                    (input.components[i].1, Some(c))
                }),
            };
            let base_shown = |v: Decimal, c: Option<&String>| match c {
                None => format_grouped(v),
                Some(c) => format!("{} ({})", format_grouped(v), c.replace('_', " ")),
            };
            match base {
                Some((v, c)) => match money::checked_mul(*percent, v) {
                    Some(x) => Part::priced(
                        crate::money::per_cent(x),
                        shown(text, || format!("{} × {}", pct(), base_shown(v, c))),
                    ),
                    None => {
                        Part::missing(Unpriced::OutOfRange, shown(text, || format!("{} × {}", pct(), base_shown(v, c))))
                    }
                },
                None => Part::missing(
                    Unpriced::ComponentValue { component: on.clone().unwrap_or_default() },
                    shown(text, || {
                        format!("{} × value of {}", pct(), on.as_deref().unwrap_or_default().replace('_', " "))
                    }),
                ),
            }
        }
        DutyExpr::Specific(rate) => eval_specific(rate, input, text, read),
        // The terms are summed as they are evaluated, and their texts kept only for a formula:
        // no list of parts (the same sums in the same order, the same unpriced list, the same
        // formula).
        DutyExpr::Sum { terms } => {
            let mut priced = Some(Decimal::ZERO);
            let mut amount = Some(Decimal::ZERO);
            let mut unpriced = Vec::new();
            let mut texts: Vec<String> = Vec::new();
            for t in terms {
                let p = eval(t, input, text, read);
                // A term not priced adds its own lower bound (0 for a missing quantity; the
                // priced side of a "whichever is higher" whose other side is missing).
                priced = priced.and_then(|s| money::checked_add(s, p.priced));
                amount = amount.zip(p.amount).and_then(|(s, a)| money::checked_add(s, a));
                merge(&mut unpriced, p.unpriced);
                if text {
                    texts.push(p.text);
                }
            }
            Part { amount, priced: priced.unwrap_or_default(), text: shown(text, || texts.join(" + ")), unpriced }
        }
        DutyExpr::AtLeast { expr, floor } => {
            bound(eval(expr, input, text, read), eval(floor, input, text, read), "max", Decimal::max, text)
        }
        DutyExpr::AtMost { expr, cap } => {
            bound(eval(expr, input, text, read), eval(cap, input, text, read), "min", Decimal::min, text)
        }
        DutyExpr::Seasonal { seasons } => {
            let Some(date) = input.date else {
                return Part::missing(Unpriced::Date, "seasonal rate".to_string());
            };
            let (m, d) = (date.month() as u8, date.day() as u8);
            let season = seasons
                .iter()
                .find(|s| s.windows.iter().any(|w| w.contains(m, d)))
                .or_else(|| seasons.iter().find(|s| s.windows.is_empty()));
            match season {
                Some(s) => {
                    let mut p = eval(&s.expr, input, text, read);
                    let window = if s.windows.is_empty() {
                        "rest of year".to_string()
                    } else {
                        s.windows
                            .iter()
                            .map(|w| format!("{:02}-{:02}..{:02}-{:02}", w.from.0, w.from.1, w.to.0, w.to.1))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    p.text = format!("[season {window} for {date}] {}", p.text);
                    p
                }
                None => Part::missing(
                    Unpriced::NoSeason { date: date.to_string(), windows: windows_text(seasons) },
                    "seasonal rate".to_string(),
                ),
            }
        }
        DutyExpr::Subheading { plus, minus } => {
            let base = match input.base_duty {
                Some(b) => Part::priced(b, format!("duty of the applicable subheading {}", format_grouped(b))),
                None => Part::missing(Unpriced::BaseDuty, "duty of the applicable subheading".to_string()),
            };
            match (plus, minus) {
                (Some(p), _) => {
                    let extra = eval(p, input, text, read);
                    let text = format!("{} + {}", base.text, extra.text);
                    let amount = base.amount.zip(extra.amount).and_then(|(a, b)| money::checked_add(a, b));
                    let priced = extra.amount.unwrap_or_default() + base.amount.unwrap_or_default();
                    let unpriced = base.unpriced.into_iter().chain(extra.unpriced).collect();
                    Part { amount, priced, text, unpriced }
                }
                (None, Some(m)) => {
                    let less = eval(m, input, text, read);
                    let text = format!("max(0, {} − {})", base.text, less.text);
                    let amount = base
                        .amount
                        .zip(less.amount)
                        .and_then(|(a, b)| money::checked_sub(a, b))
                        .map(|d| d.max(Decimal::ZERO));
                    let unpriced = base.unpriced.into_iter().chain(less.unpriced).collect();
                    Part { amount, priced: Decimal::ZERO, text, unpriced }
                }
                (None, None) => base,
            }
        }
        DutyExpr::NotPriceable { kind, text } => {
            Part::missing(Unpriced::NotARate { kind: *kind, text: text.clone() }, format!("[{text}]"))
        }
    }
}

/// Every window of a seasonal rate, as `MM-DD..MM-DD`.
fn windows_text(seasons: &[super::Season]) -> String {
    let all = seasons.iter().flat_map(|s| &s.windows);
    all.map(|w| format!("{:02}-{:02}..{:02}-{:02}", w.from.0, w.from.1, w.to.0, w.to.1)).collect::<Vec<_>>().join(", ")
}

/// Adds the entries of `more` that `to` does not hold yet: both sides of a bound, or two terms,
/// missing the same quantity say so once (audit-ll LL72).
fn merge(to: &mut Vec<Unpriced>, more: Vec<Unpriced>) {
    for u in more {
        if !to.contains(&u) {
            to.push(u);
        }
    }
}

/// `max(a, b)` or `min(a, b)`: only priced when both sides are. Otherwise its lower bound is the
/// same pick of the sides' lower bounds: the higher of two duties is at least the side that was
/// priced (audit-q Q6: leather shoes 6403.99-015 without a pair count, `max(30% × 300,000, 4,300
/// JPY/pair × [quantity])`, are at least 90,000, not 0), the lower of two at least the lower bound.
fn bound(a: Part, b: Part, name: &str, pick: fn(Decimal, Decimal) -> Decimal, text: bool) -> Part {
    let text = shown(text, || format!("{name}({}, {})", a.labelled(), b.labelled()));
    let amount = a.amount.zip(b.amount).map(|(x, y)| pick(x, y));
    let priced = amount.unwrap_or_else(|| pick(a.priced, b.priced));
    let mut unpriced = a.unpriced;
    merge(&mut unpriced, b.unpriced);
    Part { amount, priced, text, unpriced }
}

fn eval_specific(rate: &SpecificRate, input: &DutyInput<'_>, with_text: bool, read: &mut ComponentsRead) -> Part {
    let shown_rate = || {
        let per = if rate.unit_label == "each" { " each".to_string() } else { format!("/{}", rate.unit_label) };
        if rate.currency == Currency::USD && rate.amount < Decimal::ONE && !rate.amount.is_zero() {
            format!("{} cents{per}", (rate.amount * Decimal::ONE_HUNDRED).normalize())
        } else {
            format!("{} {}{per}", rate.amount.normalize(), rate.currency)
        }
    };
    let Some(mut qty) = input.quantities.get(rate.measure) else {
        return Part::missing(
            Unpriced::Quantity { measure: rate.measure },
            shown(with_text, || format!("{} × [quantity in {}]", shown_rate(), rate.measure)),
        );
    };
    read.insert_measure(rate.measure, input.quantities);
    if qty.is_zero() {
        return Part::missing(
            Unpriced::ZeroQuantity { measure: rate.measure },
            shown(with_text, || format!("{} × [quantity in {}: 0 given]", shown_rate(), rate.measure)),
        );
    }
    if let Some(over) = rate.over {
        let Some(beyond) = money::checked_sub(qty, over) else {
            return Part::missing(Unpriced::OutOfRange, shown(with_text, || format!("{} × [quantity]", shown_rate())));
        };
        qty = beyond.max(Decimal::ZERO);
    }
    let exact_weight = qty;
    if let Some(r) = input.weight_per_100kg.filter(|_| per_100kg(rate)) {
        qty = r.round_kg(qty);
    }
    let Some(units) = crate::money::per_unit(qty, rate.per) else {
        return Part::missing(Unpriced::OutOfRange, shown(with_text, || format!("{} × [quantity]", shown_rate())));
    };
    let mut text = shown(with_text, || format!("{} × {}", shown_rate(), units_shown(qty, rate.per, units)));
    if qty != exact_weight && input.weight_per_100kg.is_some() {
        read.weight_rounded = true;
    }
    if with_text && qty != exact_weight {
        if let Some(r) = input.weight_per_100kg {
            let (how, step) = r.in_words();
            text.push_str(&format!(
                " (weight {} kg rounded {} {} kg = {} kg)",
                exact_weight.normalize(),
                how,
                step.normalize(),
                qty.normalize()
            ));
        }
    }
    let Some(mut amount) = money::checked_mul(rate.amount, units) else {
        return Part::missing(Unpriced::OutOfRange, text);
    };
    if rate.currency != input.currency {
        match input.fx.iter().find(|(c, _)| *c == rate.currency) {
            Some((_, fx)) => {
                let Some(converted) = money::checked_mul(amount, *fx) else {
                    return Part::missing(Unpriced::OutOfRange, text);
                };
                amount = converted;
                if with_text {
                    text.push_str(&format!(" × {} {}/{}", fx.normalize(), input.currency, rate.currency));
                }
            }
            None => {
                return Part::missing(Unpriced::FxRate { from: rate.currency, to: input.currency }, text);
            }
        }
    }
    Part::priced(amount, text)
}

/// The number of rate units a formula shows: exact, or, where the division by the rate's unit
/// adds places beyond four (and beyond the quantity's own), the division itself and its value to four (`200/144 (1.3889)`, audit-ll LL10:
/// it showed `1.3888888888888888888888888889`).
fn units_shown(qty: Decimal, per: Decimal, units: Decimal) -> String {
    let units = units.normalize();
    if units.scale() <= qty.normalize().scale().max(4) {
        return format_grouped(units);
    }
    format!(
        "{}/{} ({})",
        format_grouped(qty.normalize()),
        format_grouped(per.normalize()),
        format_grouped(units.round_dp(4))
    )
}

/// A specific duty per 100 kg (gross or net, as the rate says).
fn per_100kg(rate: &SpecificRate) -> bool {
    rate.measure.dimension == crate::units::Dimension::Mass && rate.per == Decimal::ONE_HUNDRED
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn eval_str(text: &str, value: Decimal, qty: &[&str]) -> DutyResult {
        let mut q = Quantities::new();
        for s in qty {
            q.add_text(s, "qty").unwrap();
        }
        DutyExpr::parse(text).evaluate(&DutyInput::value_only(value, Currency::USD, &q))
    }

    #[test]
    fn compound_cents_per_pound_plus_ad_valorem_rules_6() {
        // docs/rules.md#duty-expressions: "0.7¢/lb + 10 %" on 100 lb worth US$500 = 0.70 + 50.00 = US$50.70.
        let r = eval_str("0.7¢/lb + 10%", dec!(500), &["100lb"]);
        assert_eq!(r.amount, Some(dec!(50.70)));
    }

    #[test]
    fn issue_example_cents_per_kg() {
        // 0.7 ¢ × 45.359237 kg = 0.3175 → plus 50.00 = 50.32
        let r = eval_str("0.7 cents/kg + 10%", dec!(500), &["45.359237kg"]);
        assert_eq!(r.amount, Some(dec!(50.32)));
        assert!(r.formula.contains("0.7 cents/kg × 45.359237"), "{}", r.formula);
    }

    #[test]
    fn the_amount_alone_is_the_amount_with_its_formula() {
        // `evaluate_amount` sums a compound duty's terms as it goes: every figure and unpriced
        // entry as `evaluate` gives them, priced, partly priced or not at all.
        let exprs = ["0.7 cents/kg + 10%", "12%", "Free", "5% + 2 EUR/100 kg + 1 EUR/l", "3 EUR/kg + 4 EUR/l"];
        for text in exprs {
            for qty in [&[][..], &["45.359237kg"][..], &["2l"][..], &["3kg", "2l"][..]] {
                let mut q = Quantities::new();
                for s in qty {
                    q.add_text(s, "qty").unwrap();
                }
                let input = DutyInput::value_only(dec!(500), Currency::EUR, &q);
                let (full, lazy) =
                    (evaluate(&DutyExpr::parse(text), &input), evaluate_amount(&DutyExpr::parse(text), &input));
                let figures = |r: &DutyResult| (r.priceable, r.amount, r.partial_amount, r.exact, r.unpriced.clone());
                assert_eq!(figures(&lazy), figures(&full), "{text} {qty:?}");
                assert!(lazy.formula.is_empty());
            }
        }
    }

    #[test]
    fn missing_quantity_is_named_never_zero() {
        let r = eval_str("0.7 cents/kg + 10%", dec!(500), &[]);
        assert!(!r.priceable);
        assert_eq!(r.amount, None);
        assert_eq!(r.partial_amount, Some(dec!(50.00)));
        assert_eq!(r.unpriced, vec![Unpriced::Quantity { measure: Measure::net(crate::units::Dimension::Mass) }]);
    }

    /// An evaluation reports the components it read, by index: one charged on (priced), one it
    /// asked for but the input lacks (not read), one no part names (not read), in each branch
    /// of a compound, bound or seasonal duty (HTSUS 9102.11.45's "8.5% on the case + 2.8% on the
    /// strap, band or bracelet" form).
    #[test]
    fn the_components_an_evaluation_read_are_reported_by_index() {
        let q = Quantities::new();
        let components = [("case".to_string(), dec!(1500)), ("movement".to_string(), dec!(900))];
        let input = DutyInput { components: &components, ..DutyInput::value_only(dec!(5000), Currency::USD, &q) };
        for text in
            ["8.5% on the case", "8.5% on the case + 2.8% on the strap_band_or_bracelet", "Free + 8.5% on the case"]
        {
            for r in [evaluate(&DutyExpr::parse(text), &input), evaluate_amount(&DutyExpr::parse(text), &input)] {
                assert!(r.components_read.contains(0) && !r.components_read.contains(1), "{text}: {r:?}");
            }
        }
        let r = evaluate(&DutyExpr::parse("8.5% on the strap_band_or_bracelet"), &input);
        assert!(r.components_read.is_empty() && !r.priceable);
        assert!(evaluate(&DutyExpr::parse("10%"), &input).components_read.is_empty());
        // Past 64 components the set still answers.
        let mut read = ComponentsRead::default();
        for i in [3, 64, 200, 200] {
            read.insert(i);
        }
        let mut all = ComponentsRead::default();
        all.extend(&read);
        assert!([3, 64, 200].iter().all(|&i| all.contains(i)) && !all.contains(65) && !all.contains(4));
    }
}
