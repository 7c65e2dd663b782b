//! `landed reverse`: the net price that gives an all-in target.

use crate::input::{enum_arg, json_or_text, request};
use landed::error::Error;
use landed::money::{parse_decimal, Currency};
use landed::reverse::{Bound, CartReverseResult, ReverseResult};

#[derive(clap::Args)]
pub struct Args {
    file: String,
    /// The all-in price wanted, in the destination's currency.
    #[arg(long, allow_hyphen_values = true)]
    target: String,
    /// Round the target down to a charm price: 99, 95 or whole.
    #[arg(long, default_value = "none")]
    charm: String,
    /// In a grey zone: clamp_below, absorb or report.
    #[arg(long, default_value = "clamp_below")]
    policy: String,
    #[arg(long)]
    json: bool,
}

/// A one-line request prices that line; a cart scales all its prices by one factor.
pub fn run(engine: &landed::Engine, args: Args) -> Result<String, Error> {
    let req = request(&args.file)?;
    let target = parse_decimal(&args.target, "target")?;
    let charm: landed::reverse::Charm = enum_arg(&args.charm, "charm")?;
    let policy: landed::reverse::GreyZonePolicy = enum_arg(&args.policy, "policy")?;
    if req.lines.len() > 1 {
        let r = landed::reverse::reverse_cart(engine, &req, target, charm, policy)?;
        return Ok(json_or_text(args.json, &r, cart_text));
    }
    let r = landed::reverse::reverse(engine, &req, target, charm, policy)?;
    Ok(json_or_text(args.json, &r, |r| line_text(r, req.currency)))
}

/// A cart's answer: the scale factor and each line's net price.
fn cart_text(r: &CartReverseResult) -> String {
    let prices: Vec<String> = r.net_prices.iter().map(|(id, p)| format!("{id} {p}")).collect();
    let mut out = format!(
        "target {} {}: prices × {} → {} gives all-in {}{} {}{}",
        r.target,
        r.currency,
        r.scale,
        prices.join(", "),
        at_least(&r.bound),
        r.landed,
        r.currency,
        exact(r.exact, &r.bound, r.conditional)
    );
    if let Some(z) = &r.grey_zone {
        out.push_str(&format!("\ngrey zone: all-in {} or {} ({}); policy {:?}", z.below, z.above, z.cause, r.policy));
    }
    out.push_str(&bound_text(&r.bound));
    out.push_str(&conditions_text(&r.conditions));
    out
}

/// ` (exact)` when the all-in price is the target and not a lower bound; `?` when it holds only
/// on a claim's transit condition (as a sweep's row).
fn exact(exact: bool, bound: &Option<Bound>, conditional: bool) -> &'static str {
    if conditional {
        "? (holds only on the claim's condition below)"
    } else if exact && bound.is_none() {
        " (exact)"
    } else {
        ""
    }
}

/// What the answer's claims rest on, one per line.
fn conditions_text(conditions: &[String]) -> String {
    conditions.iter().map(|c| format!("\ncondition: {c}")).collect()
}

/// `at least ` before an all-in price that is a lower bound.
fn at_least(bound: &Option<Bound>) -> &'static str {
    if bound.is_some() {
        "at least "
    } else {
        ""
    }
}

/// Why the answer is a bound, on a line of its own.
fn bound_text(bound: &Option<Bound>) -> String {
    bound.as_ref().map(|b| format!("\n{}", b.reason)).unwrap_or_default()
}

/// A one-line answer: the net price in the request's currency.
fn line_text(r: &ReverseResult, request_currency: Currency) -> String {
    let mut out = format!(
        "target {} {}: net price {}{} {} gives all-in {}{} {}{}",
        r.target,
        r.currency,
        if r.bound.is_some() { "at most " } else { "" },
        r.net_price,
        request_currency,
        at_least(&r.bound),
        r.landed,
        r.currency,
        exact(r.exact, &r.bound, r.conditional)
    );
    if let Some(z) = &r.grey_zone {
        out.push_str(&format!(
            "\ngrey zone: no net price gives an all-in between {} and {} ({}); policy {:?}",
            z.below, z.above, z.cause, r.policy
        ));
    }
    if let Some(a) = r.absorbed {
        out.push_str(&format!("\nthe seller absorbs {a} {} so the shopper pays the target", r.currency));
    }
    out.push_str(&bound_text(&r.bound));
    out.push_str(&conditions_text(&r.conditions));
    out
}
