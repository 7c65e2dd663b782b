//! Inclusive (reverse) pricing: from an all-in target price (what the buyer pays in all,
//! checkout plus anything due on delivery) to the net price (docs/rules.md#reverse-pricing), with
//! grey zones around thresholds detected and resolved by a declared policy. On an incomplete quote
//! the all-in price is only a lower bound, so the answer is a bound and says so.

use crate::error::{Error, ErrorCode, Result};
use crate::money::round_to;
use crate::quote::Quote;
use crate::request::QuoteRequest;
use crate::Engine;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What to do when no net price gives the target all-in price.
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GreyZonePolicy {
    /// The largest net price whose all-in price is below the target.
    #[default]
    ClampBelow,
    /// The smallest net price whose all-in price is above the target; the seller absorbs the
    /// difference so the shopper pays the target.
    Absorb,
    /// Report the gap as an error.
    Report,
}

/// Rounding of the target to a "charm" price before solving.
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Charm {
    #[default]
    None,
    /// Down to the nearest x.99.
    #[serde(rename = "99")]
    NinetyNine,
    /// Down to the nearest x.95.
    #[serde(rename = "95")]
    NinetyFive,
    /// Down to a whole unit.
    Whole,
}

impl Charm {
    /// The charm price at or below `amount`.
    pub fn apply(self, amount: Decimal) -> Decimal {
        let whole = amount.floor();
        let pick = |cents: Decimal| {
            let c = whole + cents;
            if c <= amount {
                c
            } else {
                (whole - Decimal::ONE + cents).max(Decimal::ZERO)
            }
        };
        match self {
            Charm::None => amount,
            Charm::NinetyNine => pick(Decimal::new(99, 2)),
            Charm::NinetyFive => pick(Decimal::new(95, 2)),
            Charm::Whole => whole,
        }
    }
}

/// A grey zone: all-in prices between `below` and `above` that no net price reaches.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct GreyZone {
    /// The all-in price of the largest net price below the target.
    pub below: Decimal,
    /// The all-in price of the next net price (one minor unit more).
    pub above: Decimal,
    pub net_below: Decimal,
    pub net_above: Decimal,
    /// Why the jump happens: the levies that appear between the two prices.
    pub cause: String,
}

/// The answer to a reverse-pricing question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct ReverseResult {
    /// The all-in price asked for, after charm rounding.
    pub target: Decimal,
    /// Net unit price of the (single) line, in the request currency.
    pub net_price: Decimal,
    /// The all-in price that net price gives, in the destination's customs currency.
    pub landed: Decimal,
    pub currency: String,
    /// True when `landed` equals the target, every levy is priced (no `bound`) and no claim
    /// holds only on a condition (`conditional` false): a figure the answer can stand on.
    pub exact: bool,
    /// Set when the target falls in a grey zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grey_zone: Option<GreyZone>,
    pub policy: GreyZonePolicy,
    pub charm: Charm,
    /// With `absorb`: what the seller gives up so the shopper pays the target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub absorbed: Option<Decimal>,
    /// Set when the quote at the answer is incomplete: its all-in price is a lower bound, so the
    /// net price is only an upper bound (the true one may be lower).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bound: Option<Bound>,
    /// What the answer's preference claim rests on: the quote's claim warnings, each as
    /// `CODE: message` (`W_CLAIM`: proof of origin held; `W_CLAIM_TRANSIT`: its transit rule met).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub conditions: Vec<String>,
    /// True when a line's claim holds only if the goods met its transit rule on the way from the
    /// place of shipment (USMCA art. 4.18): the figure holds on that condition only, as a sweep's
    /// `?` row (audit-qq QQ20), and is never `exact`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub conditional: bool,
    /// The snapshot, date and exchange rates the answer's quote was priced with (the target is
    /// in the destination's currency, the net price in the request's): the answer can be priced
    /// again from them (audit-s S12).
    pub snapshot_id: String,
    pub as_of: crate::date::Date,
    pub fx: Vec<crate::fx::FxUsed>,
}

/// Why a reverse-pricing answer is a bound rather than exact.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Bound {
    /// `upper`: the net price is at most this.
    pub net_price_is: String,
    /// The levies the quote could not price, and the inputs that would fix them.
    pub reason: String,
}

/// What an answer carries from its quote: the bound an incomplete one makes of it, the
/// conditions its claims rest on, and the snapshot, date and exchange rates it was priced with.
struct Answered {
    bound: Option<Bound>,
    conditions: Vec<String>,
    conditional: bool,
    snapshot_id: String,
    as_of: crate::date::Date,
    fx: Vec<crate::fx::FxUsed>,
}

impl Answered {
    /// Whether an answer whose all-in price meets the target (`hits`) is exact: every levy
    /// priced and no claim resting on a condition.
    fn exact(&self, hits: bool) -> bool {
        hits && self.bound.is_none() && !self.conditional
    }
}

fn answered(q: &Quote) -> Answered {
    use crate::error::WarningCode;
    let conditions = q
        .warnings
        .iter()
        .filter(|w| matches!(w.code, WarningCode::Claim | WarningCode::ClaimTransit))
        .map(|w| format!("{}: {}", w.code, w.message))
        .collect();
    Answered {
        bound: bound_of(q),
        conditions,
        conditional: q.lines.iter().any(|l| l.claim.as_ref().is_some_and(|c| c.transit_condition)),
        snapshot_id: q.snapshot_id.to_string(),
        as_of: q.as_of,
        fx: q.fx.clone(),
    }
}

/// What the buyer pays in all: the target's measure.
fn all_in(q: &Quote) -> Decimal {
    q.totals.buyer_total
}

/// The bound an incomplete quote makes of the answer; its reason lists every line and shipment
/// levy not priced ([`crate::incomplete::unpriced`]: never empty for an incomplete quote).
fn bound_of(q: &Quote) -> Option<Bound> {
    if q.totals.complete {
        return None;
    }
    Some(Bound {
        net_price_is: "upper".into(),
        reason: format!(
            "the quote is incomplete, so its all-in price is at least the figure shown and the net price is at most the one given: {}",
            crate::incomplete::unpriced(q).join("; ")
        ),
    })
}

/// The all-in target is more than 0 and at most [`crate::request::MAX_VALUE`] (so that charm
/// rounding and bracketing cannot overflow).
/// No price reaches `target`: at the smallest prices the all-in price is already `least`.
fn below_fixed_charges(target: Decimal, currency: &str, least: Decimal) -> Error {
    Error::new(
        ErrorCode::Amount,
        "target",
        format!(
            "no price gives an all-in {target} {currency}: at the smallest prices it is already {least} {currency}, as what is charged whatever the price (shipping, insurance, fees) exceeds the target"
        ),
    )
}

fn check_target(target: Decimal) -> Result<()> {
    if target <= Decimal::ZERO {
        return Err(Error::new(ErrorCode::Amount, "target", "the all-in target must be more than 0"));
    }
    let max = Decimal::from(crate::request::MAX_VALUE);
    if target > max {
        return Err(Error::new(ErrorCode::TooLarge, "target", format!("the all-in target is {target}: at most {max}")));
    }
    Ok(())
}

/// Brackets the target: doubles `hi` from `start` until `landed(hi)` exceeds the target (the
/// all-in price is non-decreasing in the net price). Returns `(lo, hi)` with
/// `landed(lo) <= target < landed(hi)`, `lo` being 0 or the last `hi` that did not exceed it.
fn bracket(
    start: Decimal,
    target: Decimal,
    landed: impl Fn(Decimal) -> Result<Decimal>,
    unreachable: &str,
) -> Result<(Decimal, Decimal)> {
    let (mut lo, mut hi) = (Decimal::ZERO, start);
    for _ in 0..=60 {
        if landed(hi)? > target {
            return Ok((lo, hi));
        }
        lo = hi;
        hi *= Decimal::TWO;
    }
    Err(Error::new(ErrorCode::TooLarge, "target", unreachable))
}

fn quote_at(engine: &Engine, req: &QuoteRequest, net: Decimal) -> Result<Quote> {
    let mut r = req.clone();
    r.lines[0].unit_price = net;
    engine.quote(&r)
}

/// The all-in price at a net price, and the levies charged there: each by its name and by what
/// makes it the same levy at another price (its kind and rule row; its name where it has no row:
/// a name may hold the consignment's value, as Brazil's bands' do, which a cent changes).
fn landed_at(engine: &Engine, req: &QuoteRequest, net: Decimal) -> Result<(Decimal, Vec<(String, String)>)> {
    let q = quote_at(engine, req, net)?;
    let levies = q.lines[0]
        .levies
        .iter()
        .filter(|l| l.amount.is_some_and(|a| !a.is_zero()))
        .map(|l| {
            let name = l.name.to_string();
            let key = match l.source.row() {
                "" => name.clone(),
                row => format!("{:?} {row}", l.kind),
            };
            (name, key)
        })
        .collect();
    Ok((all_in(&q), levies))
}

/// Finds the net unit price of a one-line request (quantity 1 is typical) whose all-in price is
/// `target` (in the destination's customs currency). The request's own `unit_price` is ignored.
pub fn reverse(
    engine: &Engine,
    req: &QuoteRequest,
    target: Decimal,
    charm: Charm,
    policy: GreyZonePolicy,
) -> Result<ReverseResult> {
    if req.lines.len() != 1 {
        return Err(Error::new(
            ErrorCode::InvalidField,
            "lines",
            "reverse pricing takes a request with exactly one line",
        ));
    }
    check_target(target)?;
    let target = charm.apply(target);
    let dp = req.currency.minor_units();
    let unit = Decimal::new(1, dp);
    let currency = engine.rules().jurisdiction(&req.destination.to_ascii_uppercase(), req.date)?.currency;
    // Bracket: landed is non-decreasing in the net price; find hi with landed(hi) > target.
    let (mut lo, mut hi) = bracket(
        round_to(target, dp, req.rounding.mode).max(unit),
        target,
        |net| Ok(landed_at(engine, req, net)?.0),
        "no net price reaches this target",
    )?;
    // Binary search in minor units for the largest net with landed(net) <= target.
    while hi - lo > unit {
        let mid = round_to((lo + hi) / Decimal::TWO, dp, crate::money::RoundingMode::HalfEven);
        let mid = if mid <= lo {
            lo + unit
        } else if mid >= hi {
            hi - unit
        } else {
            mid
        };
        if landed_at(engine, req, mid)?.0 <= target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    if lo.is_zero() {
        // Even the smallest net price lands above the target: what is charged whatever the
        // price (shipping, insurance, fees) exceeds it. Said of `target`, not of the allocation
        // a net price of 0 cannot make (audit-s S13).
        return Err(below_fixed_charges(target, &currency.to_string(), landed_at(engine, req, unit)?.0));
    }
    let (landed_lo, levies_lo) = landed_at(engine, req, lo)?;
    // Every answer is priced again at its net price for the bound, snapshot, date and rates it
    // carries; only the net price, its all-in price, the grey zone and the absorbed part vary.
    let result_at = |net_price: Decimal, landed: Decimal, grey_zone: Option<GreyZone>, absorbed| {
        let a = answered(&quote_at(engine, req, net_price)?);
        Ok(ReverseResult {
            target,
            net_price,
            landed,
            currency: currency.to_string(),
            exact: a.exact(landed == target),
            grey_zone,
            policy,
            charm,
            absorbed,
            bound: a.bound,
            conditions: a.conditions,
            conditional: a.conditional,
            snapshot_id: a.snapshot_id,
            as_of: a.as_of,
            fx: a.fx,
        })
    };
    if landed_lo == target {
        return result_at(lo, landed_lo, None, None);
    }
    let (landed_hi, levies_hi) = landed_at(engine, req, hi)?;
    let new: Vec<&String> =
        levies_hi.iter().filter(|(_, k)| !levies_lo.iter().any(|(_, lk)| lk == k)).map(|(name, _)| name).collect();
    let cause = if new.is_empty() {
        format!("rounding: one {} more net gives {} more all-in", unit, landed_hi - landed_lo)
    } else {
        format!(
            "a threshold: above {} net, these become due: {}",
            lo,
            new.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        )
    };
    let zone = GreyZone { below: landed_lo, above: landed_hi, net_below: lo, net_above: hi, cause };
    match policy {
        GreyZonePolicy::Report => Err(Error::new(
            ErrorCode::Amount,
            "target",
            format!(
                "no net price gives an all-in price of {target} {currency}: net {} gives {}, net {} gives {} ({})",
                zone.net_below, zone.below, zone.net_above, zone.above, zone.cause
            ),
        )),
        GreyZonePolicy::ClampBelow => result_at(lo, landed_lo, Some(zone), None),
        GreyZonePolicy::Absorb => result_at(hi, landed_hi, Some(zone), Some(landed_hi - target)),
    }
}

/// The answer to a whole-cart reverse-pricing question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct CartReverseResult {
    pub target: Decimal,
    /// The factor applied to every line's unit price (their ratios are kept).
    pub scale: Decimal,
    /// Net unit price per line id, in the request currency.
    pub net_prices: Vec<(String, Decimal)>,
    pub landed: Decimal,
    pub currency: String,
    pub exact: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grey_zone: Option<GreyZone>,
    pub policy: GreyZonePolicy,
    pub charm: Charm,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub absorbed: Option<Decimal>,
    /// Set when the quote at the answer is incomplete (see [`ReverseResult::bound`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bound: Option<Bound>,
    /// As [`ReverseResult::conditions`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub conditions: Vec<String>,
    /// As [`ReverseResult::conditional`].
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub conditional: bool,
    /// As [`ReverseResult::snapshot_id`]: what the answer's quote was priced with.
    pub snapshot_id: String,
    pub as_of: crate::date::Date,
    pub fx: Vec<crate::fx::FxUsed>,
}

fn scaled(req: &QuoteRequest, k: Decimal) -> QuoteRequest {
    let mut r = req.clone();
    let dp = req.currency.minor_units();
    for l in &mut r.lines {
        l.unit_price = round_to(l.unit_price * k, dp, req.rounding.mode);
    }
    r
}

/// Scales every unit price of a cart by one factor so that the cart's all-in total is `target`
/// (the request's prices give the ratios between lines). Grey zones are handled as in
/// [`reverse`]; the search is a bisection on the factor.
pub fn reverse_cart(
    engine: &Engine,
    req: &QuoteRequest,
    target: Decimal,
    charm: Charm,
    policy: GreyZonePolicy,
) -> Result<CartReverseResult> {
    check_target(target)?;
    let weight: Decimal = req.lines.iter().map(|l| l.quantity * l.unit_price).sum();
    if weight.is_zero() {
        return Err(Error::new(
            ErrorCode::Amount,
            "lines",
            "the cart's prices are all zero: they give the ratios to scale",
        ));
    }
    let target = charm.apply(target);
    let currency = engine.rules().jurisdiction(&req.destination.to_ascii_uppercase(), req.date)?.currency;
    let landed = |k: Decimal| -> Result<Decimal> { Ok(all_in(&engine.quote(&scaled(req, k))?)) };
    let (mut lo, mut hi) = bracket(Decimal::ONE, target, landed, "no prices reach this target")?;
    if lo.is_zero() {
        // The least the cart can cost: its cheapest priced line at one minor unit, the others in
        // proportion (a factor of 0 prices nothing, and spreads no shipping). Above the target,
        // no prices reach it (audit-s S13: the error named shipping.allocation).
        let unit = Decimal::new(1, req.currency.minor_units());
        let cheapest = req.lines.iter().map(|l| l.unit_price).filter(|p| *p > Decimal::ZERO).min();
        let least = cheapest.map(|p| unit / p).filter(|k| *k < hi).unwrap_or(hi);
        let at_least = landed(least)?;
        if at_least > target {
            return Err(below_fixed_charges(target, &currency.to_string(), at_least));
        }
        lo = least;
    }
    for _ in 0..64 {
        let mid = (lo + hi) / Decimal::TWO;
        if landed(mid)? <= target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let prices = |k: Decimal| scaled(req, k).lines.iter().map(|l| (l.id.clone(), l.unit_price)).collect::<Vec<_>>();
    let (landed_lo, landed_hi) = (landed(lo)?, landed(hi)?);
    let result = |k: Decimal, landed: Decimal, exact: bool, zone: Option<GreyZone>, absorbed: Option<Decimal>| {
        let a = answered(&engine.quote(&scaled(req, k))?);
        Ok(CartReverseResult {
            exact: a.exact(exact),
            bound: a.bound,
            conditions: a.conditions,
            conditional: a.conditional,
            snapshot_id: a.snapshot_id,
            as_of: a.as_of,
            fx: a.fx,
            target,
            scale: k.round_dp(12).normalize(),
            net_prices: prices(k),
            landed,
            currency: currency.to_string(),
            grey_zone: zone,
            policy,
            charm,
            absorbed,
        })
    };
    if landed_lo == target {
        return result(lo, landed_lo, true, None, None);
    }
    let sum = |k: Decimal| -> Decimal { scaled(req, k).lines.iter().map(|l| l.quantity * l.unit_price).sum() };
    let zone = GreyZone {
        below: landed_lo,
        above: landed_hi,
        net_below: sum(lo),
        net_above: sum(hi),
        cause: "no scaling of the cart's prices gives an all-in total in between (a threshold or rounding)".into(),
    };
    match policy {
        GreyZonePolicy::Report => Err(Error::new(
            ErrorCode::Amount,
            "target",
            format!("no cart prices give an all-in total of {target} {currency}: {} or {}", zone.below, zone.above),
        )),
        GreyZonePolicy::ClampBelow => result(lo, landed_lo, false, Some(zone), None),
        GreyZonePolicy::Absorb => result(hi, landed_hi, false, Some(zone), Some(landed_hi - target)),
    }
}
