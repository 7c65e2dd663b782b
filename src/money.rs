//! Currencies, their minor units, and the rounding policies a quote declares.
//!
//! Money is always [`Decimal`]; nothing in a computation path uses floats.

use crate::error::{Error, ErrorCode, Result};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// ISO 4217 codes with a minor unit other than 2, and every code we accept.
/// (code, minor unit digits)
const CURRENCIES: &[(&str, u32)] = &[
    ("AED", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BRL", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("CZK", 2),
    ("DKK", 2),
    ("EGP", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("HKD", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("MAD", 2),
    ("MXN", 2),
    ("MYR", 2),
    ("NOK", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PEN", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("QAR", 2),
    ("RON", 2),
    ("RUB", 2),
    ("SAR", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("THB", 2),
    ("TND", 3),
    ("TRY", 2),
    ("TWD", 2),
    ("UAH", 2),
    ("USD", 2),
    ("VND", 0),
    ("ZAR", 2),
];

/// An ISO 4217 currency we know the minor unit of.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: [u8; 3],
    minor_units: u8,
}

impl Currency {
    pub const USD: Currency = Currency { code: *b"USD", minor_units: 2 };
    pub const EUR: Currency = Currency { code: *b"EUR", minor_units: 2 };
    pub const GBP: Currency = Currency { code: *b"GBP", minor_units: 2 };

    /// Looks a code up (case-insensitive). Unknown codes are an `E_CURRENCY` error.
    pub fn parse(code: &str) -> Result<Currency> {
        let upper = code.trim().to_ascii_uppercase();
        CURRENCIES
            .iter()
            .find(|(c, _)| *c == upper)
            .map(|(c, m)| {
                let b = c.as_bytes();
                Currency { code: [b[0], b[1], b[2]], minor_units: *m as u8 }
            })
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::Currency,
                    "currency",
                    // "VES" is an ISO 4217 code, only not one of ours (audit-kk KK2): never
                    // "expected an ISO 4217 code".
                    format!(
                        "currency {code:?} is not supported: give one of the ISO 4217 codes {}",
                        CURRENCIES.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ")
                    ),
                )
            })
    }

    /// The three-letter code.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.code).expect("currency codes are ASCII")
    }

    /// Digits after the decimal point in the currency's minor unit (JPY 0, USD 2, KWD 3).
    pub fn minor_units(&self) -> u32 {
        u32::from(self.minor_units)
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Currency::parse(s)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Currency::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// How a half-way amount is rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum RoundingMode {
    /// 0.125 → 0.13: the customs default.
    #[default]
    HalfUp,
    /// 0.125 → 0.12 (banker's rounding).
    HalfEven,
}

/// Where rounding happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub enum RoundingScope {
    /// Each levy on each line is rounded to the minor unit, totals are sums of rounded lines.
    #[default]
    PerLine,
    /// Levies are kept exact per line and rounded once per total.
    PerTotal,
}

/// The rounding policy declared in every quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct RoundingPolicy {
    #[serde(default)]
    pub mode: RoundingMode,
    #[serde(default)]
    pub scope: RoundingScope,
}

impl RoundingPolicy {
    /// Rounds `amount` to the minor unit of `currency` with this policy's mode.
    pub fn round(&self, amount: Decimal, currency: Currency) -> Decimal {
        round_to(amount, currency.minor_units(), self.mode)
    }

    /// Rounds a levy line: to the minor unit when the scope is per line, exact otherwise.
    pub fn round_line(&self, amount: Decimal, currency: Currency) -> Decimal {
        match self.scope {
            RoundingScope::PerLine => self.round(amount, currency),
            RoundingScope::PerTotal => amount,
        }
    }
}

/// An exact amount written at a currency's scale or finer, never rounded: `2400.0` → `2400` for
/// the yen, `300` → `300.00` for the dollar, `1200.6` stays (audit-nn NN3, NN4).
///
/// ```
/// use landed::money::at_least_scale;
/// use rust_decimal::Decimal;
/// assert_eq!(at_least_scale(Decimal::new(24000, 1), 0).to_string(), "2400");
/// assert_eq!(at_least_scale(Decimal::new(300, 0), 2).to_string(), "300.00");
/// assert_eq!(at_least_scale(Decimal::new(12006, 1), 0).to_string(), "1200.6");
/// ```
pub fn at_least_scale(value: Decimal, dp: u32) -> Decimal {
    let mut v = value.normalize();
    if v.scale() < dp {
        v.rescale(dp);
    }
    v
}

/// Rounds to `dp` decimal places with `mode`, keeping the scale (so 5 → "5.00").
// An amount at `dp` places already (many on the pricing path: rounded once, rounded again) is
// answered where it is rounded; the rounding itself is out of line.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
pub fn round_to(amount: Decimal, dp: u32, mode: RoundingMode) -> Decimal {
    if amount.scale() == dp {
        return amount;
    }
    round_other(amount, dp, mode)
}

/// [`round_to`] of an amount not at `dp` places.
#[cfg_attr(not(target_arch = "wasm32"), inline(never))]
fn round_other(amount: Decimal, dp: u32, mode: RoundingMode) -> Decimal {
    // An amount times a non-terminating quotient (a rate published as units per pound or per
    // euro, inverted: 1 / 162.4896) carries 28 digits whose last ones are the quotient's
    // representation error, enough to put an exact half unit a hair below it: ISK 508,287.78 /
    // 162.4896 is 3,128.125, computed 3,128.1249…, rounded £3,128.12 (audit-pp PP2). Twenty
    // places settle that error before the rounding the law makes; exact amounts have far fewer.
    let amount = if amount.scale() > 20 { amount.round_dp(20) } else { amount };
    if let Some(r) = round_small(amount, dp, mode) {
        return r;
    }
    // Already at or below `dp` places: nothing to round, only the scale to pad (the same result,
    // without `round_dp`'s work; most amounts on the quote path are).
    if amount.scale() <= dp {
        let mut r = amount;
        if r.scale() < dp {
            r.rescale(dp);
        }
        return r;
    }
    let strategy = match mode {
        RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
        RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
    };
    let mut r = amount.round_dp_with_strategy(dp, strategy);
    r.rescale(dp);
    r
}

/// [`round_to`] in 64-bit integers, for the amounts a quote rounds (a mantissa under 2^64, at most
/// 19 places to drop or 19 to pad): the same result as `rust_decimal`'s rounding without its
/// 96-bit work. `None` for any other amount, and for a result of zero (whose sign `rust_decimal`
/// decides).
fn round_small(amount: Decimal, dp: u32, mode: RoundingMode) -> Option<Decimal> {
    let scale = amount.scale();
    if dp > 28 {
        return None;
    }
    let magnitude = u64::try_from(amount.mantissa().unsigned_abs()).ok()?;
    let digits = if scale > dp {
        let divisor = 10u64.checked_pow(scale - dp)?;
        let (quotient, remainder) = (magnitude / divisor, magnitude % divisor);
        let half = divisor / 2;
        let up = match mode {
            RoundingMode::HalfUp => remainder >= half,
            RoundingMode::HalfEven => remainder > half || (remainder == half && quotient % 2 == 1),
        };
        quotient + u64::from(up)
    } else {
        magnitude.checked_mul(10u64.checked_pow(dp - scale)?)?
    };
    if digits == 0 {
        return None;
    }
    let (lo, mid) = (digits as u32, (digits >> 32) as u32);
    Some(Decimal::from_parts(lo, mid, 0, amount.is_sign_negative(), dp))
}

/// `amount` × `rate`, exactly as `rust_decimal`'s product gives it (digits, sign and scale), without
/// the multiplication when `rate` is one written `1` (the customs currency is the request's:
/// nearly every quote converts every amount at that rate). A product by `1` keeps the digits
/// and the scale; only a zero product is `rust_decimal`'s own (scale 0), so zero is multiplied.
pub fn times(amount: Decimal, rate: Decimal) -> Decimal {
    if rate.scale() == 0 && rate.mantissa() == 1 && !amount.is_zero() {
        return amount;
    }
    amount * rate
}

/// `a.checked_mul(b)`, `a.checked_add(b)`, `a.checked_sub(b)`: rust_decimal's own, one copy each
/// in the wasm build. The crate marks its checked operations and their 96-bit arithmetic
/// `#[inline(always)]`, so every call site carried its own copy of the multiplication or the
/// aligned addition (1.3-1.8 KB of code each, about 15 sites); natively they stay inlined as
/// the crate's own are (`inline(always)`: the native code is the same as before).
#[cfg_attr(target_arch = "wasm32", inline(never))]
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
pub fn checked_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_mul(b)
}

/// See [`checked_mul`].
#[cfg_attr(target_arch = "wasm32", inline(never))]
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
pub fn checked_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}

/// See [`checked_mul`].
#[cfg_attr(target_arch = "wasm32", inline(never))]
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
pub fn checked_sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_sub(b)
}

/// The sum of `values`, as `Iterator::sum` gives it (added from zero, panicking on overflow as
/// it does), with the crate's own `+`: see [`add_to`].
pub trait DecimalSum: Iterator<Item = Decimal> + Sized {
    /// See [`DecimalSum`].
    fn decimal_sum(self) -> Decimal {
        // A loop over `next`, as `Sum` is: a `fold` was a larger copy per iterator.
        let mut total = Decimal::ZERO;
        for value in self {
            add_to(&mut total, value);
        }
        total
    }
}

impl<I: Iterator<Item = Decimal>> DecimalSum for I {}

/// `*total += value`, as rust_decimal's `AddAssign` gives it (the same `+`). Its `AddAssign`,
/// `Sum` and `ceil` are compiled in its own crate with a second copy of the 96-bit addition
/// (1.7 KB of the browser module): the crate adds with `+`, [`add_to`], [`DecimalSum`] and
/// [`ceil`] so that one copy is linked.
// `x = x + y` on purpose: `+=` is the other copy.
//
// The zero tests are inlined where the pricing path adds (some 70 calls a 10-line quote, most
// with a zero operand), the addition itself is not.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
pub fn add_to(total: &mut Decimal, value: Decimal) {
    // A zero operand gives the other one, digits, scale and sign, as rust_decimal's addition
    // does on every path (`0 + x` is `x`, `x + 0` is `x`): a line adds several zeros (no caller
    // duty, no excise), each a call through the 96-bit addition otherwise.
    if total.is_zero() {
        *total = value;
        return;
    }
    if value.is_zero() {
        return;
    }
    add_nonzero(total, value);
}

/// [`add_to`] of two amounts neither of which is zero.
#[cfg_attr(not(target_arch = "wasm32"), inline(never))]
#[allow(clippy::assign_op_pattern)]
fn add_nonzero(total: &mut Decimal, value: Decimal) {
    *total = *total + value;
}

/// `x.ceil()`, as rust_decimal gives it (digits, sign and scale); in the wasm build through
/// [`floor`] (see [`add_to`]), natively the crate's own.
#[cfg(target_arch = "wasm32")]
pub fn ceil(x: Decimal) -> Decimal {
    -floor(-x)
}

/// See [`ceil`].
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
pub fn ceil(x: Decimal) -> Decimal {
    x.ceil()
}

/// `x.floor()`, as rust_decimal gives it (digits, sign and scale); in the wasm build
/// [`floor_by_trunc`], natively the crate's own.
#[cfg(target_arch = "wasm32")]
pub fn floor(x: Decimal) -> Decimal {
    floor_by_trunc(x)
}

/// See [`floor`].
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
pub fn floor(x: Decimal) -> Decimal {
    x.floor()
}

/// `x.floor()` (`x` itself at scale 0, else its truncation at scale 0, one less when a negative
/// `x` had a fraction) with the crate's own `-`: rust_decimal's `floor` is compiled in its crate
/// with a second copy of the 96-bit subtraction (2 KB of the browser module), as its `+=` is of
/// the addition ([`add_to`]).
#[cfg(any(test, target_arch = "wasm32"))]
fn floor_by_trunc(x: Decimal) -> Decimal {
    if x.scale() == 0 {
        return x;
    }
    let whole = x.trunc();
    match x.is_sign_negative() && whole != x {
        true => whole - Decimal::ONE,
        false => whole,
    }
}

/// `amount` ÷ 100 (a per-cent figure as a fraction), exactly as `rust_decimal`'s division gives it
/// (digits, sign and scale: the quotient at the dividend's own scale when the mantissa is a
/// multiple of 100, else the mantissa two places further). For a mantissa under 2^32 and a scale
/// of at most 16 (every rate and nearly every rate × value a quote divides) the decimal point is
/// moved instead of a 96-bit division; past that the division drops trailing zeros by rules of
/// its own, so it is used.
pub fn per_cent(amount: Decimal) -> Decimal {
    let scale = amount.scale();
    let small = u32::try_from(amount.mantissa().unsigned_abs()).ok().filter(|_| scale <= 16);
    let Some(digits) = small.filter(|d| *d != 0) else {
        return amount / Decimal::ONE_HUNDRED;
    };
    let (digits, places) = match digits % 100 {
        0 => (digits / 100, scale),
        _ => (digits, scale + 2),
    };
    Decimal::from_parts(digits, 0, 0, amount.is_sign_negative(), places)
}

/// `amount` ÷ `per` (the unit a specific duty is quoted per: 1 kg, 100 kg, a hectolitre of 100 l),
/// exactly as `rust_decimal`'s checked division gives it (`None` where it gives none). A unit of
/// `100` moves the decimal point ([`per_cent`]); a unit of `1` leaves the amount as the division
/// does (its digits and scale: no remainder); any other unit, and a zero amount (whose quotient
/// is `rust_decimal`'s zero at scale 0), is divided.
pub fn per_unit(amount: Decimal, per: Decimal) -> Option<Decimal> {
    if per.scale() == 0 && !amount.is_zero() {
        match per.mantissa() {
            1 => return Some(amount),
            100 => return Some(per_cent(amount)),
            _ => {}
        }
    }
    amount.checked_div(per)
}

/// Formats an amount with thousands separators ("1,234.50") for formulas people read.
pub fn format_grouped(amount: Decimal) -> String {
    let s = amount.to_string();
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Parses a decimal amount given as text (`49.99`, `-3`, `1.5e3`), naming `field` in the error.
///
/// A comma is refused, never guessed at: `49,99` is 49.99 with a decimal comma in much of the
/// world and 4999 with a thousands separator elsewhere, so reading either way would misprice in
/// silence. Digit separators (`_`) are refused for the same reason.
pub fn parse_decimal(text: &str, field: &str) -> Result<Decimal> {
    let t = text.trim();
    if let Some(why) = separator_problem(t) {
        return Err(Error::new(ErrorCode::Amount, field, format!("{text:?} is not a decimal number: {why}")));
    }
    amount_text(t).ok_or_else(|| {
        // A number too large for a decimal is E_TOO_LARGE, as in a request (audit-kk KK52).
        if too_many_digits(t) || exponent_too_large(t) {
            return Error::new(
                ErrorCode::TooLarge,
                field,
                format!("{text:?} is larger than an amount can be (at most 28 digits)"),
            );
        }
        Error::new(ErrorCode::Amount, field, format!("{text:?} is not a decimal number"))
    })
}

/// True for a well-formed number with an exponent past what a decimal holds (`1e40`): a size
/// problem, not a format one.
pub(crate) fn exponent_too_large(text: &str) -> bool {
    let t = text.trim();
    let Some((mantissa, exponent)) = t.split_once(['e', 'E']) else { return false };
    let m = mantissa.strip_prefix('-').unwrap_or(mantissa);
    let (whole, frac) = m.split_once('.').unwrap_or((m, ""));
    let plain = !(whole.is_empty() && frac.is_empty()) && whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit());
    let up = exponent.strip_prefix('+').unwrap_or(exponent);
    let nonzero = whole.bytes().chain(frac.bytes()).any(|b| b != b'0');
    plain
        && nonzero
        && !up.is_empty()
        && up.bytes().all(|b| b.is_ascii_digit())
        && up.parse::<u32>().is_ok_and(|e| e > 28)
}

/// True for a well-formed plain decimal (`123.45`, `-7`) whose whole part is too long for
/// `Decimal`: a size problem, not a format one (too many decimals stays `E_AMOUNT`: it would
/// need rounding).
pub(crate) fn too_many_digits(text: &str) -> bool {
    let t = text.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let frac = parts.next().unwrap_or_default();
    let plain = !whole.is_empty() && whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit());
    plain && whole.trim_start_matches('0').len() > 28
}

/// Reads an amount's text, or `None`. Accepted: what can only mean one number (`49.99`, `-3`,
/// `+5`, `.5`, `5.`, `0005`, `1.5e3`). Refused: a comma or a digit separator (`49,99`, `4_999`,
/// see [`separator_problem`]), spaces, and more digits than a decimal holds (never rounded in
/// silence).
pub fn amount_text(text: &str) -> Option<Decimal> {
    if separator_problem(text).is_some() {
        return None;
    }
    Decimal::from_str_exact(text).ok().or_else(|| scientific(text))
}

/// An amount with an exponent (`1.5e3`, `1E-2`, `-2.5e+1`), or `None`: the mantissa read exactly
/// (more digits than a decimal holds are refused, never rounded), then the exponent applied as
/// rust_decimal's `from_scientific` applies it. Not `from_scientific` itself: it reads the
/// mantissa with the rounding `from_str` (so `0.12345678901234567890123456789e0` was rounded in
/// silence), and that second text parser cost the browser module 2.8 KB gzip (BENCHMARKS.md).
fn scientific(text: &str) -> Option<Decimal> {
    let (mantissa, exponent) = text.split_once(['e', 'E'])?;
    let mut value = Decimal::from_str_exact(mantissa).ok()?;
    let scale = value.scale();
    if let Some(down) = exponent.strip_prefix('-') {
        let down: u32 = down.parse().ok()?;
        if down > Decimal::MAX_SCALE {
            return None;
        }
        value.set_scale(scale + down).ok()?;
        return Some(value);
    }
    let up: u32 = exponent.parse().ok()?;
    if up <= scale {
        value.set_scale(scale - up).ok()?;
        return Some(value);
    }
    if up > Decimal::MAX_SCALE {
        return None;
    }
    // × 10^up in steps of at most 10^19 (what a u64 holds), as rust_decimal does; exact, or
    // `None` past the largest decimal.
    let mut left = up;
    while left > 0 {
        let step = left.min(19);
        value = checked_mul(value, Decimal::from(10u64.pow(step)))?;
        left -= step;
    }
    value.normalize_assign();
    Some(value)
}

/// Why an amount's text is ambiguous, if it is: it has a comma or a digit separator.
pub fn separator_problem(text: &str) -> Option<&'static str> {
    if text.contains(',') {
        Some("write the decimal separator as a point and no thousands separators (49.99, 1234.50)")
    } else if text.contains('_') {
        Some("write the digits without separators (1234.50)")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn adding_zero_keeps_the_total_as_rust_decimal_does() {
        // Digits, scale and sign: `x + 0` is `x` and `0 + x` is `x` in rust_decimal, whatever the
        // zero's scale.
        let big = Decimal::from_i128_with_scale(10i128.pow(25) + 7, 3);
        for total in [dec!(1.5), dec!(-2.25), dec!(0), dec!(0.000), big, -big] {
            for zero in [dec!(0), dec!(0.00), dec!(0.0000), -dec!(0.00)] {
                for (a, b) in [(total, zero), (zero, total)] {
                    let mut t = a;
                    add_to(&mut t, b);
                    let sum = a + b;
                    let parts = |d: Decimal| (d.to_string(), d.scale(), d.is_sign_negative());
                    assert_eq!(parts(t), parts(sum), "{a} + {b}");
                }
            }
        }
    }

    /// `rust_decimal`'s rounding, padded to the places: what [`round_to`] must equal.
    fn rounded_by_rust_decimal(a: Decimal, dp: u32, mode: RoundingMode) -> Decimal {
        let strategy = match mode {
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
        };
        let mut r = a.round_dp_with_strategy(dp, strategy);
        r.rescale(dp);
        r
    }

    proptest! {
        /// [`ceil`] and [`floor`] of the wasm build give `rust_decimal`'s: digits, sign (negative zero included) and
        /// scale, for every mantissa and scale; [`add_to`] and [`DecimalSum`] its `+=` and `Sum`.
        #[test]
        fn ceil_floor_add_to_and_sum_equal_rust_decimal(
            lo in prop_oneof![any::<u32>(), 0u32..2000], mid in prop_oneof![Just(0u32), any::<u32>()],
            hi in prop_oneof![Just(0u32), any::<u32>()],
            negative in any::<bool>(), scale in 0u32..=28, b in 0u32..2000, b_scale in 0u32..=4,
        ) {
            let a = Decimal::from_parts(lo, mid, hi, negative, scale);
            for (ours, theirs) in [(-floor_by_trunc(-a), a.ceil()), (floor_by_trunc(a), a.floor())] {
                prop_assert_eq!((ours, ours.scale(), ours.is_sign_negative(), ours.to_string()),
                    (theirs, theirs.scale(), theirs.is_sign_negative(), theirs.to_string()));
            }
            let b = Decimal::new(i64::from(b), b_scale);
            if let Some(expected) = a.checked_add(b) {
                let mut total = a;
                add_to(&mut total, b);
                prop_assert_eq!((total, total.scale(), total.to_string()), (expected, expected.scale(), expected.to_string()));
                let summed = [a, b].into_iter().decimal_sum();
                let std_sum: Decimal = [a, b].into_iter().sum();
                prop_assert_eq!((summed, summed.scale(), summed.to_string()), (std_sum, std_sum.scale(), std_sum.to_string()));
            }
        }
    }

    proptest! {
        /// The 64-bit rounding gives `rust_decimal`'s digits, sign and scale, midpoints, zeros
        /// and negatives included, for every mantissa and scale.
        #[test]
        fn rounding_in_64_bit_integers_equals_rust_decimal(
            lo in prop_oneof![any::<u32>(), 0u32..2000], mid in prop_oneof![Just(0u32), any::<u32>()],
            hi in prop_oneof![Just(0u32), any::<u32>()],
            negative in any::<bool>(), scale in 0u32..=28, dp in 0u32..=4, half_even in any::<bool>(),
        ) {
            let a = Decimal::from_parts(lo, mid, hi, negative, scale);
            let mode = if half_even { RoundingMode::HalfEven } else { RoundingMode::HalfUp };
            let fast = round_to(a, dp, mode);
            let slow = rounded_by_rust_decimal(a, dp, mode);
            prop_assert_eq!((fast, fast.scale(), fast.to_string()), (slow, slow.scale(), slow.to_string()));
        }
    }

    proptest! {
        /// Moving the decimal point gives `rust_decimal`'s quotient by 100: digits, sign and scale.
        #[test]
        fn per_cent_equals_rust_decimal_division_by_100(
            lo in prop_oneof![any::<u32>(), 0u32..2000, Just(0u32)], mid in prop_oneof![Just(0u32), any::<u32>()],
            hi in prop_oneof![Just(0u32), any::<u32>()], negative in any::<bool>(), scale in 0u32..=28,
            zeros in 0u32..=3,
        ) {
            // Trailing zeros (none to three) are where the scale of the quotient is decided.
            let a = Decimal::from_parts(lo, mid, hi, negative, scale);
            let a = Decimal::try_from_i128_with_scale(a.mantissa() * 10i128.pow(zeros), scale).unwrap_or(a);
            let (fast, slow) = (per_cent(a), a / Decimal::ONE_HUNDRED);
            prop_assert_eq!((fast, fast.scale(), fast.to_string()), (slow, slow.scale(), slow.to_string()));
        }
    }

    proptest! {
        /// A product by `1` is the amount itself, as `rust_decimal` gives it: digits, sign and scale.
        #[test]
        fn times_one_equals_rust_decimal_product(
            lo in prop_oneof![any::<u32>(), 0u32..2000, Just(0u32)], mid in prop_oneof![Just(0u32), any::<u32>()],
            hi in prop_oneof![Just(0u32), any::<u32>()], negative in any::<bool>(), scale in 0u32..=28,
        ) {
            let a = Decimal::from_parts(lo, mid, hi, negative, scale);
            for rate in [Decimal::ONE, dec!(1.00), dec!(1.5), Decimal::ZERO] {
                // A product past `Decimal`'s range (no amount a quote converts) has no value to
                // compare: `times` multiplies it as `*` does.
                let Some(slow) = a.checked_mul(rate) else { continue };
                let fast = times(a, rate);
                prop_assert_eq!((fast, fast.scale(), fast.is_sign_negative(), fast.to_string()),
                    (slow, slow.scale(), slow.is_sign_negative(), slow.to_string()));
            }
        }
    }

    proptest! {
        /// A quantity per unit is `rust_decimal`'s checked quotient: digits, sign and scale.
        #[test]
        fn per_unit_equals_rust_decimal_division(
            lo in prop_oneof![any::<u32>(), 0u32..2000, Just(0u32)], mid in prop_oneof![Just(0u32), any::<u32>()],
            hi in prop_oneof![Just(0u32), any::<u32>()], negative in any::<bool>(), scale in 0u32..=28,
            zeros in 0u32..=3,
        ) {
            let a = Decimal::from_parts(lo, mid, hi, negative, scale);
            let a = Decimal::try_from_i128_with_scale(a.mantissa() * 10i128.pow(zeros), scale).unwrap_or(a);
            for per in [Decimal::ONE, Decimal::ONE_HUNDRED, dec!(1.0), dec!(100.0), dec!(1000), dec!(0.5)] {
                let (fast, slow) = (per_unit(a, per), a.checked_div(per));
                prop_assert_eq!(fast.map(|f| (f, f.scale(), f.is_sign_negative(), f.to_string())),
                    slow.map(|s| (s, s.scale(), s.is_sign_negative(), s.to_string())));
            }
        }
    }

    #[test]
    fn rounding_midpoints_and_signs_in_64_bit_integers() {
        for a in [dec!(0.125), dec!(-0.125), dec!(0.135), dec!(2.5), dec!(-2.5), dec!(0.004), dec!(-0.004), dec!(0.005)]
        {
            for dp in [0, 2] {
                for mode in [RoundingMode::HalfUp, RoundingMode::HalfEven] {
                    let (fast, slow) = (round_to(a, dp, mode), rounded_by_rust_decimal(a, dp, mode));
                    assert_eq!((fast, fast.to_string()), (slow, slow.to_string()), "{a} to {dp} places, {mode:?}");
                }
            }
        }
    }

    #[test]
    fn minor_units_follow_iso_4217() {
        assert_eq!(Currency::parse("JPY").unwrap().minor_units(), 0);
        assert_eq!(Currency::parse("usd").unwrap().minor_units(), 2);
        assert_eq!(Currency::parse("KWD").unwrap().minor_units(), 3);
    }

    #[test]
    fn rounding_an_amount_already_at_its_places_only_pads_the_scale() {
        // The fast path must give what round_dp + rescale gives, scale included.
        for (a, dp) in [(dec!(5), 2), (dec!(4.2), 2), (dec!(4.25), 2), (dec!(0), 0), (dec!(-1.5), 3)] {
            for mode in [RoundingMode::HalfUp, RoundingMode::HalfEven] {
                let strategy = match mode {
                    RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
                    RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
                };
                let mut slow = a.round_dp_with_strategy(dp, strategy);
                slow.rescale(dp);
                let fast = round_to(a, dp, mode);
                assert_eq!((fast, fast.to_string()), (slow, slow.to_string()), "{a} to {dp}");
            }
        }
        assert_eq!(round_to(dec!(4.245), 2, RoundingMode::HalfEven).to_string(), "4.24");
        assert_eq!(round_to(dec!(4.245), 2, RoundingMode::HalfUp).to_string(), "4.25");
    }

    #[test]
    fn unknown_currency_is_typed_error() {
        let e = Currency::parse("XYZ").unwrap_err();
        assert_eq!(e.code, ErrorCode::Currency);
        // audit-kk KK52: too large is said so, not "not a decimal number".
        let e = parse_decimal("99999999999999999999999999999", "duty").unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::TooLarge, Some("duty")));
        assert_eq!(parse_decimal("1e30", "target").unwrap_err().code, ErrorCode::TooLarge);
        assert_eq!(parse_decimal("abc", "duty").unwrap_err().code, ErrorCode::Amount);
        // audit-kk KK2: VES is an ISO 4217 code Landed does not support: said so, with the list.
        let e = Currency::parse("VES").unwrap_err();
        assert!(e.message.contains("\"VES\" is not supported") && e.message.contains("USD, VND, ZAR"), "{}", e.message);
        assert!(!e.message.contains("expected an ISO 4217 code"), "{}", e.message);
    }

    #[test]
    fn half_up_and_half_even_differ_on_midpoints() {
        assert_eq!(round_to(dec!(0.125), 2, RoundingMode::HalfUp), dec!(0.13));
        assert_eq!(round_to(dec!(0.125), 2, RoundingMode::HalfEven), dec!(0.12));
        assert_eq!(round_to(dec!(1234.5), 0, RoundingMode::HalfUp), dec!(1235));
        assert_eq!(round_to(dec!(5), 2, RoundingMode::HalfUp).to_string(), "5.00");
    }

    #[test]
    fn decimal_comma_is_refused_not_read_as_thousands() {
        // "49,99" is 49.99 in Germany and 4999 in the US: never guess.
        for text in ["49,99", "1,234.50", "1,000", "4_999"] {
            let e = parse_decimal(text, "price").unwrap_err();
            assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Amount, Some("price")), "{text}");
        }
        assert_eq!(parse_decimal(" 49.99 ", "price").unwrap(), dec!(49.99));
        assert_eq!(parse_decimal("1.5e3", "price").unwrap(), dec!(1500));
    }

    #[test]
    fn amount_text_accepts_only_what_means_one_number() {
        // Unambiguous forms: a sign, a bare point on either side, leading zeros, an exponent.
        for (text, want) in [
            ("+5", dec!(5)),
            (".5", dec!(0.5)),
            ("5.", dec!(5)),
            ("0005", dec!(5)),
            ("1.5e3", dec!(1500)),
            ("-0", dec!(0)),
        ] {
            assert_eq!(amount_text(text), Some(want), "{text}");
        }
        // Separators (rust_decimal alone reads "4_999" as 4999 and "5_" as 5), spaces, and more
        // digits than a decimal holds (rust_decimal's `from_str` would round them).
        for text in ["4_999", "5_", "1_000.00", "49,99", " 5", "5 ", "", ".", "e3", "0.12345678901234567890123456789"] {
            assert_eq!(amount_text(text), None, "{text:?}");
        }
    }

    #[test]
    fn an_exponent_reads_as_rust_decimals_from_scientific_but_never_rounds() {
        // docs/rules.md rule 11 (money is rust_decimal) and `amount_text`: an amount is read
        // exactly from its text, never rounded in silence. Every form rust_decimal's
        // `from_scientific` reads is read alike, scale included.
        for text in [
            "1.5e3",
            "1E-2",
            "-2.5e+1",
            "1e0",
            "1.50e1",
            "12.345e2",
            "7e28",
            "1e-28",
            "0.5e-27",
            "9.99e19",
            "1e19",
            "123e-2",
            "5e+0",
            "79228162514264337593543950335e0",
            "7.9228162514264337593543950335e28",
        ] {
            let want = Decimal::from_scientific(text).unwrap();
            let got = scientific(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((got, got.scale()), (want, want.scale()), "{text}");
        }
        // Refused as `from_scientific` refuses them: past the largest decimal, a scale past 28, no
        // exponent digits, a second exponent.
        for text in ["1e29", "8e28", "1e-29", "1e", "1e-", "1e3e2", "e3", "1.5", "1e 3", "1e3.0"] {
            assert!(Decimal::from_scientific(text).is_err(), "{text}");
            assert_eq!(scientific(text), None, "{text}");
        }
        // More mantissa digits than a decimal holds: `from_scientific` rounds them, this refuses.
        assert!(Decimal::from_scientific("0.12345678901234567890123456789e0").is_ok());
        assert_eq!(amount_text("0.12345678901234567890123456789e0"), None);
    }

    #[test]
    fn grouped_formatting() {
        assert_eq!(format_grouped(dec!(1234567.5)), "1,234,567.5");
        assert_eq!(format_grouped(dec!(-1000)), "-1,000");
        assert_eq!(format_grouped(dec!(999.99)), "999.99");
    }
}
