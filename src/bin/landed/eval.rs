//! `landed eval`: one duty expression evaluated on a value and quantities.

use crate::input::json_sorted;
use landed::duty::{DutyExpr, DutyInput, DutyResult};
use landed::error::{Error, ErrorCode};
use landed::money::{parse_decimal, Currency, RoundingPolicy};
use landed::units::Quantities;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(clap::Args)]
pub struct Args {
    /// The duty expression as a tariff writes it.
    expression: String,
    /// Customs value the ad valorem part is charged on.
    #[arg(long, allow_hyphen_values = true)]
    value: String,
    /// Currency of the value and the result.
    #[arg(long, default_value = "USD")]
    currency: String,
    /// A quantity with its unit (repeatable): 100kg, 2.5hl, 12pairs, 3kg:drained.
    #[arg(long = "qty")]
    quantities: Vec<String>,
    /// Alcoholic strength in % vol (for % vol/hl and proof-litre rates).
    #[arg(long)]
    alcohol_pct: Option<String>,
    /// Value of a named component (repeatable): case=12.50.
    #[arg(long = "component")]
    components: Vec<String>,
    /// Date, for seasonal rates (YYYY-MM-DD).
    #[arg(long)]
    date: Option<String>,
    /// Customs exchange rate (repeatable): EUR=1.08 means 1 EUR = 1.08 of --currency.
    #[arg(long)]
    fx: Vec<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// The answer of `eval --json` (printed with its keys sorted, see [`json_sorted`]).
#[derive(Serialize)]
struct EvalAnswer<'a> {
    amount: Option<Decimal>,
    currency: Currency,
    formula: &'a str,
    priceable: bool,
    expression: &'a DutyExpr,
    #[serde(skip_serializing_if = "Option::is_none")]
    partial_amount: Option<Option<Decimal>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    missing: Option<&'a [landed::duty::Unpriced]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reasons: Option<Vec<String>>,
    /// What the figure was computed with (audit-s S12): the snapshot (its unit table), the date
    /// given (`null`: none, and no seasonal rate could be read) and each `--fx` rate given.
    snapshot_id: String,
    as_of: Option<landed::date::Date>,
    fx: Vec<landed::fx::FxUsed>,
}

pub fn run(engine: &landed::Engine, args: Args) -> Result<String, Error> {
    let value = parse_decimal(&args.value, "value")?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Error::new(ErrorCode::NegativePrice, "value", "the customs value cannot be negative"));
    }
    let currency = Currency::parse(&args.currency)?;
    let mut quantities = Quantities::new();
    for s in &args.quantities {
        quantities.add_text(s, "qty")?;
    }
    quantities.alcohol_pct = args.alcohol_pct.map(|a| alcohol_pct(&a)).transpose()?;
    let components = args.components.iter().map(|c| component(c)).collect::<Result<Vec<_>, Error>>()?;
    let fx = args.fx.iter().map(|f| fx_rate(f)).collect::<Result<Vec<_>, Error>>()?;
    // One rate per currency: a second `--fx EUR=…` was dropped in silence (audit-s S8).
    for (i, (c, _)) in fx.iter().enumerate() {
        if fx[..i].iter().any(|(d, _)| d == c) {
            return Err(Error::new(
                ErrorCode::FxRate,
                "fx",
                format!("--fx {c} is given twice: give one rate per currency"),
            ));
        }
    }
    let date = args.date.map(|d| landed::date::Date::parse(&d)).transpose()?;
    let expr = expression(&args.expression)?;
    let input = DutyInput {
        value,
        currency,
        quantities: &quantities,
        components: &components,
        date,
        fx: &fx,
        base_duty: None,
        rounding: RoundingPolicy::default(),
        weight_per_100kg: None,
    };
    let r = expr.evaluate(&input);
    if !args.json {
        return Ok(text(&r, currency));
    }
    let fx = fx
        .iter()
        .map(|(c, rate)| landed::fx::FxUsed { pair: format!("{c}/{currency}"), rate: *rate, source: "--fx".into() })
        .collect();
    Ok(json_text(&expr, &r, currency, Reproduce { snapshot_id: engine.snapshot_id(), as_of: date, fx }))
}

/// The expression typed, read as a tariff writes it, except what a tariff's text may be and a
/// caller's may not (audit-s S3, S13): a bare number (`0.12`, read in the UK's files as 0.12 %,
/// as likely meant as a fraction, 12 %) is refused as a request's `duty_rate` is; so is a text
/// no form of the grammar reads (`""`, `abc`), which the tariffs' last-resort reading called
/// "no rate" or "a condition". A tariff's words for a rate set elsewhere (`See note 3`,
/// `Suspended`) are read, and answered as not priceable with why.
fn expression(text: &str) -> Result<DutyExpr, Error> {
    let refuse = |why: String| Err(Error::new(ErrorCode::DutyExpression, "expression", why));
    if let Some(why) = DutyExpr::comma_advice(text) {
        return refuse(why);
    }
    if let Some(n) = DutyExpr::bare_number(text) {
        // Zero is zero as a percent or a fraction: one suggestion, not the same one twice
        // (audit-x X7: `eval "0"` said 'write "0%" for 0 percent or "0%" if 0 is a fraction').
        let fraction = match Decimal::from_str_exact(&n) {
            Ok(f) if f.is_zero() => " (zero, whether meant as a percent or a fraction)".to_string(),
            Ok(f) => format!(" or \"{}%\" if {n} is a fraction", (f * Decimal::ONE_HUNDRED).normalize()),
            Err(_) => String::new(),
        };
        return refuse(format!(
            "{text:?}: {n} is a bare number, with no %, unit or currency: write \"{n}%\" for {n} percent{fraction}"
        ));
    }
    match DutyExpr::parse_recognised(text) {
        Some(expr) => Ok(expr),
        None => refuse(format!(
            "{text:?} is not a duty expression: write e.g. \"12%\", \"Free\", \"0.7 cents/kg + 10%\", \"44.2 EUR / 100 kg\""
        )),
    }
}

/// `NAME=VALUE`.
fn component(text: &str) -> Result<(String, Decimal), Error> {
    let (k, v) = text
        .split_once('=')
        .ok_or_else(|| Error::new(ErrorCode::InvalidField, "component", format!("{text:?}: write NAME=VALUE")))?;
    Ok((k.trim().to_string(), parse_decimal(v, "component")?))
}

/// `CUR=RATE`, the rate checked as a request's `fx` is (audit-s S8: `EUR=-1` printed a negative
/// duty, `EUR=0` a duty of 0.00): positive, within 0.000001..1000000.
fn fx_rate(text: &str) -> Result<(Currency, Decimal), Error> {
    let (k, v) = text
        .split_once('=')
        .ok_or_else(|| Error::new(ErrorCode::FxRate, "fx", format!("{text:?}: write CUR=RATE, e.g. EUR=1.08")))?;
    let (currency, rate) = (Currency::parse(k).map_err(|e| e.within("fx"))?, parse_decimal(v, "fx")?);
    let digits = landed::request::MAX_FX_DIGITS;
    let (min, max) = (Decimal::new(1, digits), Decimal::from(10i64.pow(digits)));
    if rate <= Decimal::ZERO {
        return Err(Error::new(ErrorCode::FxRate, "fx", format!("rate {rate} for {currency} must be positive")));
    }
    if rate < min || rate > max {
        return Err(Error::new(
            ErrorCode::FxRate,
            "fx",
            format!("rate {rate} for {currency} is outside {min}..{max}: no two currencies differ that much"),
        ));
    }
    Ok((currency, rate))
}

/// `--alcohol-pct`: a % vol between 0 and 100, as a line's `alcohol_pct` (audit-s S8: 150 was
/// priced).
fn alcohol_pct(text: &str) -> Result<Decimal, Error> {
    let a = parse_decimal(text, "alcohol_pct")?;
    if a.is_sign_negative() || a > Decimal::ONE_HUNDRED {
        return Err(Error::new(
            ErrorCode::InvalidField,
            "alcohol_pct",
            format!("alcohol_pct is {a}: it is a % vol between 0 and 100"),
        ));
    }
    Ok(a)
}

/// What an `eval --json` answer records to be reproduced.
struct Reproduce {
    snapshot_id: String,
    as_of: Option<landed::date::Date>,
    fx: Vec<landed::fx::FxUsed>,
}

fn json_text(expr: &DutyExpr, r: &DutyResult, currency: Currency, with: Reproduce) -> String {
    let unpriced = !r.priceable;
    let answer = EvalAnswer {
        amount: r.amount,
        currency,
        formula: &r.formula,
        priceable: r.priceable,
        expression: expr,
        partial_amount: unpriced.then_some(r.partial_amount),
        missing: unpriced.then_some(&r.unpriced[..]),
        reasons: unpriced.then(|| r.unpriced.iter().map(|u| u.message()).collect()),
        snapshot_id: with.snapshot_id,
        as_of: with.as_of,
        fx: with.fx,
    };
    json_sorted(&answer)
}

fn text(r: &DutyResult, currency: Currency) -> String {
    if r.priceable {
        format!("{} {}\n{}", r.amount.unwrap_or_default(), currency, r.formula)
    } else {
        let reasons: Vec<String> = r.unpriced.iter().map(|u| format!("  - {}", u.message())).collect();
        format!("not priceable\n{}\n{}", r.formula, reasons.join("\n"))
    }
}
