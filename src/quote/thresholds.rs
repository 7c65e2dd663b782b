//! Stage 2, thresholds: the consignment compared with each de minimis, low-value and flat-duty
//! threshold of the destination, once per quote.

use super::*;

/// The consignment's values a threshold can compare, in the customs currency.
pub(super) struct ConsignmentValues {
    pub(super) intrinsic: Decimal,
    pub(super) customs: Decimal,
    /// The dearest single item (one unit of a line), for per-item thresholds.
    pub(super) dearest_item: Decimal,
}

pub(super) fn consignment_values(ctx: &Ctx<'_>, values: &[LineValues]) -> ConsignmentValues {
    let customs_value = |v: &LineValues| match ctx.j.duty_basis {
        DutyBasis::Cif => v.cif(),
        DutyBasis::Fob => v.goods,
    };
    ConsignmentValues {
        intrinsic: values.iter().map(|v| v.goods).sum(),
        customs: values.iter().map(customs_value).sum(),
        dearest_item: values
            .iter()
            .zip(&ctx.req.lines)
            .map(|(v, l)| if l.quantity > Decimal::ZERO { v.goods / l.quantity } else { v.goods })
            .max()
            .unwrap_or_default(),
    }
}

/// Why a threshold limited by origin or by kind of goods does not apply to this cart, if it
/// does not: every line must qualify.
pub(super) fn eligibility_bar(ctx: &Ctx<'_>, t: &Threshold) -> Option<String> {
    for line in &ctx.req.lines {
        if let Some(prefix) = t.exclude_codes.iter().find(|p| digits_start_with(&line.code, p)) {
            return Some(format!("not for goods of HS {prefix} (line {}, code {})", line.id, line.code));
        }
        if t.origins.is_empty() && t.exclude_origins.is_empty() {
            continue;
        }
        let Some(origin) = line.origin.as_deref().or(ctx.req.origin.as_deref()).map(str::to_ascii_uppercase) else {
            return Some(format!("needs the origin of every line (line {} has none): give origin", line.id));
        };
        let excluded = t.exclude_origins.contains(&origin.as_str())
            || (!t.origins.is_empty() && !t.origins.contains(&origin.as_str()));
        if excluded {
            return Some(format!("not available for goods of {origin} (line {}) on {}", line.id, ctx.req.date));
        }
    }
    None
}

/// True when the digits of `code` (separators skipped) start with `prefix`.
fn digits_start_with(code: &str, prefix: &str) -> bool {
    let mut digits = code.bytes().filter(u8::is_ascii_digit);
    prefix.bytes().all(|p| digits.next() == Some(p))
}

/// For a threshold that depends on the seller's registration: why it does not apply when the
/// caller says the seller is not registered for an optional scheme. Saying so of a scheme the
/// law imposes is an error naming the field.
pub(super) fn registration_bar(ctx: &Ctx<'_>, t: &Threshold) -> Result<Option<String>> {
    match (t.scheme, ctx.req.seller_registered) {
        (Some(Scheme::Optional), Some(false)) => {
            Ok(Some("seller_registered is false: the tax is import tax, charged at the border".into()))
        }
        (Some(Scheme::Mandatory), Some(false)) => Err(Error::new(
            ErrorCode::InvalidField,
            "seller_registered",
            format!(
                "{}: the law makes the seller charge the tax at the sale for this consignment ({}); it does not become import tax",
                t.id, t.source.source
            ),
        )),
        _ => Ok(None),
    }
}

/// Compares the consignment with each threshold that can apply.
pub(super) fn thresholds(ctx: &mut Ctx<'_>, values: &[LineValues]) -> Result<(Relief, Vec<ThresholdCheck>)> {
    let cv = consignment_values(ctx, values);
    let ship_from = ctx.req.ship_from.as_deref().map(str::to_ascii_uppercase);
    let rules: &'static Rules = ctx.rules;
    let candidates: Vec<&'static Threshold> =
        rules.thresholds(ctx.destination, ctx.req.date, ctx.req.channel, ship_from.as_deref());
    let mut relief = Relief::default();
    let mut checks = Vec::new();
    for t in candidates {
        let limit = Note::new(Parts::Limit(t));
        if t.basis == ThresholdBasis::TaxAmount {
            relief.min_collectible = Some(t);
            checks.push(ThresholdCheck {
                id: Cow::Borrowed(t.id),
                effect: t.effect,
                limit,
                value: None,
                applies: true,
                note: None,
                source: Cow::Borrowed(t.source.source),
            });
            continue;
        }
        let value = match (t.aggregation, t.basis) {
            (Aggregation::Item, _) => cv.dearest_item,
            (_, ThresholdBasis::Intrinsic) => cv.intrinsic,
            _ => cv.customs,
        };
        let rate = ctx.rate(ctx.j.currency, t.currency).ok_or_else(|| {
            Error::new(
                ErrorCode::FxRate,
                "fx",
                format!("no exchange rate {}/{} to test threshold {}", ctx.j.currency, t.currency, t.id),
            )
        })?;
        let compared = crate::money::round_to(value * rate, t.currency.minor_units(), ctx.req.rounding.mode);
        let within = if t.strictly_below { compared < t.amount } else { compared <= t.amount };
        let mut bar = if within { eligibility_bar(ctx, t) } else { None };
        if within && bar.is_none() {
            bar = registration_bar(ctx, t)?;
        }
        if let Some(why) = &bar {
            ctx.warn(Detail::ThresholdNotApplied { threshold: t.id, why: why.clone() });
        }
        let applies = within && bar.is_none();
        let mut note = bar;
        if applies {
            ctx.note_verify(&t.source.row, t.source.confidence);
            match t.effect {
                ThresholdEffect::Relieve => {
                    // The tightest applicable relief wins for each levy.
                    if t.duty && relief.duty.is_none_or(|r| t.amount < r.amount) {
                        relief.duty = Some(t);
                    }
                    if t.tax && relief.tax.is_none_or(|r| t.amount < r.amount) {
                        relief.tax = Some(t);
                    }
                    if t.fees {
                        relief.fees = Some(t);
                    }
                }
                ThresholdEffect::SellerCollects => {
                    relief.seller_collects = Some(t);
                    ctx.warn(Detail::SellerCollects { threshold: t.id });
                }
                ThresholdEffect::FlatPerTariffLine => relief.flat_duty = Some(t),
                ThresholdEffect::MinCollectible => relief.min_collectible = Some(t),
            }
            if let Some(a) = t.assumption.filter(|_| t.scheme.is_none() || ctx.req.seller_registered.is_none()) {
                ctx.warn(Detail::Assumption { threshold: t.id, assumption: a });
                note = Some(concat(&["assumes ", a]));
            }
        }
        checks.push(ThresholdCheck {
            id: Cow::Borrowed(t.id),
            effect: t.effect,
            limit,
            value: Some(compared),
            applies,
            note,
            source: Cow::Borrowed(t.source.source),
        });
    }
    Ok((relief, checks))
}

/// The EU flat duty per tariff line: each distinct 6-digit subheading pays the flat amount once,
/// shared among the lines that have it, by value, to the cent.
pub(super) fn flat_duty_shares(
    ctx: &mut Ctx<'_>,
    relief: &Relief,
    values: &[LineValues],
) -> Result<Vec<Option<(Decimal, String)>>> {
    let Some(t) = relief.flat_duty.filter(|_| relief.duty.is_none()) else { return Ok(Vec::new()) };
    let flat = t.flat_amount.unwrap_or_default();
    let rate = ctx.rate(t.currency, ctx.j.currency).ok_or_else(|| {
        Error::new(ErrorCode::FxRate, "fx", format!("no exchange rate {}/{}", t.currency, ctx.j.currency))
    })?;
    let amount = ctx.round(flat * rate);
    let subheadings: Vec<String> =
        ctx.req.lines.iter().map(|l| HsCode::parse(&l.code).map(|c| c.prefix(6).to_string())).collect::<Result<_>>()?;
    let mut shares: Vec<Option<(Decimal, String)>> = vec![None; values.len()];
    let mut seen: Vec<&str> = Vec::new();
    for (i, sub) in subheadings.iter().enumerate() {
        if seen.contains(&sub.as_str()) {
            continue;
        }
        seen.push(sub);
        let group: Vec<usize> = (0..values.len()).filter(|k| subheadings[*k] == *sub).collect();
        let weights: Vec<Decimal> = group.iter().map(|k| values[*k].goods.max(Decimal::new(1, 2))).collect();
        let parts = allocate(amount, &weights, ctx.j.currency.minor_units())?;
        for (k, part) in group.iter().zip(parts) {
            let note = format!(
                "{} {} per tariff line × 1 line (HS {sub}){}",
                format_grouped(flat),
                t.currency,
                if group.len() > 1 {
                    format!(", shared by {} cart lines by value", group.len())
                } else {
                    String::new()
                }
            );
            shares[*k] = Some((part, note));
        }
        let _ = i;
    }
    Ok(shares)
}
