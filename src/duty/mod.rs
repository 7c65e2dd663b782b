//! Duty expressions: the rate texts of tariffs (`8.3% + 44.2 EUR / 100 kg`, `Free`,
//! `40 cents each + 8.5% on the case`, …) parsed into a structure and evaluated exactly.
//!
//! [`DutyExpr::parse`] never fails: text that is not a rate the engine can compute becomes
//! [`DutyExpr::NotPriceable`] with a [`NotPriceableKind`] saying what it is. Evaluation
//! ([`DutyExpr::evaluate`]) never prices a missing input as zero: it reports what is missing.

mod eval;
mod parse;
mod reading;

pub use eval::{ComponentsRead, DutyInput, DutyResult, Unpriced, WeightRounding};
pub use reading::UnitReading;

use crate::money::Currency;
use crate::units::Measure;
use rust_decimal::Decimal;
use serde::Serialize;

/// A structured duty expression.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum DutyExpr {
    /// No duty. `condition` keeps any wording attached ("under bond, as prescribed in …").
    Free {
        #[serde(skip_serializing_if = "Option::is_none")]
        condition: Option<String>,
    },
    /// A percentage of the customs value, or of the value of a named component
    /// (`on the case`, `of the fair retail value`).
    AdValorem {
        percent: Decimal,
        #[serde(skip_serializing_if = "Option::is_none")]
        on: Option<String>,
    },
    /// An amount of money per quantity.
    Specific(SpecificRate),
    /// Terms added together (compound duties).
    Sum { terms: Vec<DutyExpr> },
    /// `X MIN Y`: X, but at least Y.
    AtLeast { expr: Box<DutyExpr>, floor: Box<DutyExpr> },
    /// `X MAX Y`: X, but at most Y.
    AtMost { expr: Box<DutyExpr>, cap: Box<DutyExpr> },
    /// Rates that apply in windows of the calendar year.
    Seasonal { seasons: Vec<Season> },
    /// The duty of the applicable (non-chapter-99) subheading, plus or minus another expression:
    /// `The duty provided in the applicable subheading + 25%`.
    Subheading {
        #[serde(skip_serializing_if = "Option::is_none")]
        plus: Option<Box<DutyExpr>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        minus: Option<Box<DutyExpr>>,
    },
    /// Text that is not a rate the engine can compute, classified.
    NotPriceable { kind: NotPriceableKind, text: String },
}

/// A specific duty: `amount` in `currency` for every `per` base units of `measure`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct SpecificRate {
    pub amount: Decimal,
    pub currency: Currency,
    /// Quantity in base units the amount is charged per (100 kg → 100; proof litre → 0.5 l).
    pub per: Decimal,
    pub measure: Measure,
    /// The unit as a person reads it: `100 kg`, `kg drained`, `pf. liter`.
    pub unit_label: String,
    /// Only the quantity above this is charged (`cents/jewel over 7`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub over: Option<Decimal>,
}

/// One rate with the calendar windows (inclusive, may wrap the year end) it applies in.
/// An empty window list means "the rest of the year".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Season {
    pub windows: Vec<DayWindow>,
    pub expr: DutyExpr,
}

/// An inclusive window of the year from (month, day) to (month, day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct DayWindow {
    pub from: (u8, u8),
    pub to: (u8, u8),
}

impl DayWindow {
    /// True when (month, day) falls in the window.
    pub fn contains(&self, month: u8, day: u8) -> bool {
        let md = (month, day);
        if self.from <= self.to {
            self.from <= md && md <= self.to
        } else {
            md >= self.from || md <= self.to
        }
    }
}

/// Why a text is not a computable rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum NotPriceableKind {
    /// No rate is published in this column.
    NoRate,
    /// The rate is in a note of the tariff (`See additional U.S. note 5`).
    SeeNote,
    /// The duty is suspended; the applicable rate is set elsewhere.
    Suspended,
    /// EU/UK entry price system: the duty depends on the entry price of the consignment.
    EntryPrice,
    /// EU/UK agricultural component (`EA`, `ADSZ`, `ADFM`): depends on the product's
    /// starch, sugar and milk-fat content through an additional code.
    AgriculturalComponent,
    /// The rate of another article (`The rate applicable to the article of which it is a part`).
    RateOfOtherArticle,
    /// A duty on the value of processing or repairs abroad (chapter 98 returned goods).
    ValueOfProcessing,
    /// A duty equal to the duty on like articles (re-imported goods).
    ReimportedGoods,
    /// A quota quantity, not a rate.
    QuotaQuantity,
    /// A sliding scale by polarization degree (raw sugar).
    SlidingScale,
    /// A rate with a condition the engine cannot test (watch movements with plates).
    Conditional,
    /// Japan's reference-price duties: the duty is a reference (gate) price minus the customs
    /// value per unit (`(170円−課税価格)/kg`, `…基準輸入価格と課税価格との差額`).
    ReferencePrice,
    /// Japan's end-use rates (marked `◎`): granted only for the end use the line names, under
    /// customs control.
    EndUse,
    /// A rate that applies only within a tariff quota (`関税割当数量以内のもの`).
    TariffQuota,
    /// Japan's simplified tariff applies to the consignment, but its rate for the goods is not
    /// known (a category our sources do not map to the tariff's lines: Customs Tariff Act art.
    /// 3-3, `rules/jp_simplified.tsv`).
    SimplifiedUnmapped,
    /// A duty that rises with a content of the goods the engine has no input for (Japan's
    /// `…乳糖の含有率が10%を超える1%ごとに6円を加えた額`: per 1 % of lactose by weight).
    ContentScale,
    /// A specific rate per a unit whose meaning no source we hold defines (the UKGT's
    /// `GBP/100kg mas`: the EU's row for the same goods charges per net dry matter, but no text
    /// says "mas" is that).
    UndefinedUnit,
}

impl NotPriceableKind {
    /// What a person can do to get a price.
    pub fn explanation(self) -> &'static str {
        match self {
            NotPriceableKind::NoRate => "the tariff publishes no rate here; supply a duty_rate",
            NotPriceableKind::SeeNote => "the rate is set in a note of the tariff; supply a duty_rate from that note",
            NotPriceableKind::Suspended => "the duty is suspended; the applicable rate is set elsewhere; supply a duty_rate",
            NotPriceableKind::EntryPrice => "duty depends on the consignment's entry price (EU/UK entry price system); supply a duty_rate",
            NotPriceableKind::AgriculturalComponent => "the agricultural component (EA/ADSZ/ADFM) depends on the product's starch, sugar and milk-fat content; supply a duty_rate",
            NotPriceableKind::RateOfOtherArticle => "the rate is that of another article; classify the article it follows and quote that code",
            NotPriceableKind::ValueOfProcessing => "duty is on the value of processing or repairs abroad; supply a duty_rate",
            NotPriceableKind::ReimportedGoods => "duty equals that on like articles not previously exported; supply a duty_rate",
            NotPriceableKind::QuotaQuantity => "this is a quota quantity, not a rate",
            NotPriceableKind::SlidingScale => "duty slides with the polarization degree of the sugar; supply a duty_rate",
            NotPriceableKind::Conditional => "the rate has a condition the engine cannot test; supply a duty_rate",
            NotPriceableKind::ReferencePrice => "duty is a reference price minus the customs value per unit (Japan's gate-price system); supply a duty_rate",
            NotPriceableKind::EndUse => "the rate is granted only for the end use the line names, under customs control; supply a duty_rate",
            NotPriceableKind::SimplifiedUnmapped => "the simplified tariff applies to the consignment, but its rate for these goods is not known: tariff: \"general\" prices the consignment at the general tariff, or give the line's duty_rate",
            NotPriceableKind::ContentScale => "the duty rises with the goods' content of a substance the text names (乳糖の含有率: lactose by weight), which is not an input; supply a duty_rate",
            NotPriceableKind::UndefinedUnit => "the rate is charged per a unit the tariff does not define in any text we hold; supply a duty_rate",
            NotPriceableKind::TariffQuota => "the rate applies only to goods imported under a tariff-quota allocation (a quota certificate; Japan: 関税割当証明書); without one the out-of-quota rate applies (for a line of Japan's schedule within a quota, that of the line その他のもの beside it): quote that code, or supply a duty_rate",
        }
    }
}

/// The currencies named dollars (ISO 4217) among those the engine knows, whose tariffs write
/// their amounts with `$` and `¢`.
const DOLLARS: [&str; 7] = ["AUD", "CAD", "HKD", "NZD", "SGD", "TWD", "USD"];

/// Whether `currency` is a dollar: a caller's bare `$` into its country means it.
pub fn is_dollar(currency: Currency) -> bool {
    DOLLARS.contains(&currency.code())
}

/// True when a caller's rate text for a destination whose customs currency is `customs` is a rate
/// only if its `$`, `¢` or `cents` is read as some dollar, and `customs` is not one: which dollar
/// is not said (the US's, or the destination's own cents?).
pub fn dollar_unsaid(text: &str, customs: Currency) -> bool {
    let signed = text.contains('$') || text.contains('¢') || text.contains("cent");
    signed
        && !is_dollar(customs)
        && matches!(parse::parse_with(text, None), DutyExpr::NotPriceable { .. })
        && !matches!(parse::parse_with(text, Some(Currency::USD)), DutyExpr::NotPriceable { .. })
}

impl DutyExpr {
    /// Parses a rate text from a tariff (`$`, `¢` and `cents` are US money). Never fails: see
    /// [`DutyExpr::NotPriceable`]. A caller's rate: [`DutyExpr::parse_caller`].
    pub fn parse(text: &str) -> DutyExpr {
        parse::parse(text)
    }

    /// Parses a rate text a caller wrote (`duty_rate`, `extra_duties[].rate`) for a destination
    /// whose customs currency is `customs`. A caller copies a rate as the destination's tariff
    /// writes it: where that currency is a dollar ([`is_dollar`]: the Australian, New Zealand and
    /// Canadian tariffs write `$` and `¢` for their own), `$`, `¢` and `cents` are that
    /// currency's; elsewhere which dollar is meant is not said, and a term written with them is
    /// not a rate ([`dollar_unsaid`]). `US$`, `A$`, `NZ$` … name their dollar anywhere.
    ///
    /// ```
    /// use landed::duty::DutyExpr;
    /// use landed::money::Currency;
    /// let aud = Currency::parse("AUD").unwrap();
    /// let mut out = Vec::new();
    /// DutyExpr::parse_caller("$103.58/l alc", aud).specific_currencies(None, &mut out);
    /// assert_eq!(out, [aud]);
    /// ```
    pub fn parse_caller(text: &str, customs: Currency) -> DutyExpr {
        parse::parse_read(text, parse::Read { dollar: is_dollar(customs).then_some(customs), bare_percent: false })
    }

    /// Parses a rate text as [`DutyExpr::parse`] does, or `None` when no form of the grammar
    /// reads it (the empty text, `abc`), which [`DutyExpr::parse`] classifies as a last resort
    /// ("no rate", "a condition"): for a text typed as a duty expression, where that is no answer.
    ///
    /// ```
    /// use landed::duty::DutyExpr;
    /// assert!(DutyExpr::parse_recognised("abc").is_none() && DutyExpr::parse_recognised("  ").is_none());
    /// assert!(DutyExpr::parse_recognised("See note 3").is_some_and(|e| !e.is_structured()));
    /// assert!(DutyExpr::parse_recognised("5 EUR/kg").is_some_and(|e| e.is_structured()));
    /// ```
    pub fn parse_recognised(text: &str) -> Option<DutyExpr> {
        parse::parse_recognised(text)
    }

    /// The first number of a caller's rate whose comma may be a decimal comma or a thousands
    /// separator (`"12,5%"`: 12.5 % or 125 %?), as written; `None` when no comma is ambiguous
    /// (thousands groups before a decimal point, `1,024.00 EUR`, are not). A tariff's own texts
    /// keep their thousands commas ([`DutyExpr::parse`]); a caller's rate with one is refused.
    ///
    /// ```
    /// use landed::duty::DutyExpr;
    /// assert_eq!(DutyExpr::ambiguous_comma("12,5%").as_deref(), Some("12,5"));
    /// assert_eq!(DutyExpr::ambiguous_comma("10% + 0,7 cents/kg").as_deref(), Some("0,7"));
    /// assert_eq!(DutyExpr::ambiguous_comma("1,000 EUR/kg").as_deref(), Some("1,000"));
    /// assert_eq!(DutyExpr::ambiguous_comma("1,024.00 EUR / tonne"), None);
    /// assert_eq!(DutyExpr::ambiguous_comma("10% (Jan 1-Mar 31), 5%"), None);
    /// ```
    pub fn ambiguous_comma(text: &str) -> Option<String> {
        parse::ambiguous_comma(text)
    }

    /// Why a caller's rate with an ambiguous comma ([`DutyExpr::ambiguous_comma`]) is refused,
    /// and how to write it: `None` when it has none.
    ///
    /// ```
    /// use landed::duty::DutyExpr;
    /// let why = DutyExpr::comma_advice("12,5%").unwrap();
    /// assert!(why.contains("write \"12.5\""), "{why}");
    /// ```
    pub fn comma_advice(text: &str) -> Option<String> {
        let n = Self::ambiguous_comma(text)?;
        let point = if n.matches(',').count() == 1 && !n.contains('.') {
            format!(": write \"{}\" if the comma is a decimal comma", n.replace(',', "."))
        } else {
            String::new()
        };
        Some(format!(
            "{text:?}: the comma in {n} may be a decimal comma or a thousands separator{point}; write the decimal separator as a point and no thousands separators (\"12.5%\", \"1000 EUR/kg\")"
        ))
    }

    /// A term of a caller's rate that is a bare number, with no `%`, unit or currency (`"0.18"`:
    /// 0.18 % or a fraction, 18 %?), as written; `None` when every number says what it is. A
    /// caller's rate with one is not a rate ([`DutyExpr::parse_caller`]); a tariff's text reads it
    /// as a percent (UK files drop the sign).
    ///
    /// ```
    /// use landed::duty::DutyExpr;
    /// assert_eq!(DutyExpr::bare_number("0.18").as_deref(), Some("0.18"));
    /// assert_eq!(DutyExpr::bare_number("10% MIN 5").as_deref(), Some("5"));
    /// assert_eq!(DutyExpr::bare_number("18%"), None);
    /// assert_eq!(DutyExpr::bare_number("0.7 cents/kg + 10%"), None);
    /// ```
    pub fn bare_number(text: &str) -> Option<String> {
        parse::bare_number(text)
    }

    /// True when the expression (or a part of it) can be computed from inputs.
    pub fn is_structured(&self) -> bool {
        !matches!(self, DutyExpr::NotPriceable { .. })
    }

    /// The ad valorem percentage when the whole expression is a plain ad valorem rate or free.
    pub fn simple_percent(&self) -> Option<Decimal> {
        match self {
            DutyExpr::Free { .. } => Some(Decimal::ZERO),
            DutyExpr::AdValorem { percent, on: None } => Some(*percent),
            _ => None,
        }
    }

    /// Adds to `out`, each once, the currency of every specific rate in the expression other
    /// than `except` (the currency the amounts are computed in, which needs no exchange rate), if any.
    ///
    /// ```
    /// use landed::duty::DutyExpr;
    /// use landed::money::Currency;
    /// let mut out = Vec::new();
    /// DutyExpr::parse("8.3% + 44.2 EUR / 100 kg").specific_currencies(Some(Currency::GBP), &mut out);
    /// assert_eq!(out, [Currency::EUR]);
    /// ```
    pub fn specific_currencies(&self, except: Option<Currency>, out: &mut Vec<Currency>) {
        match self {
            DutyExpr::Specific(s) => {
                if Some(s.currency) != except && !out.contains(&s.currency) {
                    out.push(s.currency);
                }
            }
            DutyExpr::Sum { terms } => terms.iter().for_each(|t| t.specific_currencies(except, out)),
            DutyExpr::AtLeast { expr, floor: other } | DutyExpr::AtMost { expr, cap: other } => {
                expr.specific_currencies(except, out);
                other.specific_currencies(except, out);
            }
            DutyExpr::Seasonal { seasons } => seasons.iter().for_each(|s| s.expr.specific_currencies(except, out)),
            DutyExpr::Subheading { plus, minus } => {
                plus.iter().chain(minus.iter()).for_each(|e| e.specific_currencies(except, out));
            }
            DutyExpr::Free { .. } | DutyExpr::AdValorem { .. } | DutyExpr::NotPriceable { .. } => {}
        }
    }

    /// Evaluates the expression. See [`DutyInput`] and [`DutyResult`].
    pub fn evaluate(&self, input: &DutyInput<'_>) -> DutyResult {
        eval::evaluate(self, input)
    }

    /// Evaluates the expression without building its formula (`formula` is empty): the same
    /// amounts as [`DutyExpr::evaluate`], for callers that render the formula later, if ever.
    pub fn evaluate_amount(&self, input: &DutyInput<'_>) -> DutyResult {
        eval::evaluate_amount(self, input)
    }
}
