//! Stage 1, values: each line's goods value in the customs currency and its share of shipping and
//! insurance by the request's allocation key; goods for personal use valued as the law says.

use super::*;

/// How goods for personal use are valued, where the destination's law values them so (Japan,
/// Customs Tariff Act art. 4-6(2): as if imported at the wholesale stage, a factor of the retail
/// price) and the buyer is not a business: the quote states the assumption and the input that
/// changes it (`rules/jp_personal_use.tsv`). Freight and insurance are added after the factor.
pub(super) fn personal_use(ctx: &mut Ctx<'_>) -> Option<&'static crate::rules::jp_small::PersonalUse> {
    if ctx.movement.is_some() {
        return None;
    }
    let p = ctx.small?.personal_use(ctx.destination, ctx.req.date)?;
    // The row values a consumer's goods: a business buyer's are valued at their price.
    ctx.buyer_read = true;
    if ctx.req.business_buyer {
        return None;
    }
    ctx.personal_use = Some(p);
    ctx.warn(Detail::Assumption { threshold: p.id, assumption: p.assumption });
    Some(p)
}

/// The allocation key of each line; a missing key on a line is an error naming it.
pub(super) fn allocation_keys(req: &QuoteRequest, goods: &[Decimal]) -> Result<Vec<Decimal>> {
    req.lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let missing = |f: &str| {
                Error::new(
                    ErrorCode::MissingField,
                    format!("lines[{i}].{f}"),
                    format!("allocation by {f} needs {f} on every line"),
                )
            };
            Ok(match req.allocation {
                AllocationKey::Value => goods[i],
                AllocationKey::Quantity => l.quantity,
                AllocationKey::Weight => l.weight_kg.ok_or_else(|| missing("weight_kg"))?,
                AllocationKey::Volume => l.volume_l.ok_or_else(|| missing("volume_l"))?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use rust_decimal_macros::dec;

    const BY_WEIGHT: &str = r#"{"destination":"GB","date":"2026-03-02","currency":"GBP","shipping":"12.00",
        "allocation":"weight","lines":[
        {"id":"a","code":"6109100010","quantity":"2","unit_price":"10.50","weight_kg":"1.2"},
        {"id":"b","code":"6109100010","quantity":"1","unit_price":"80.00","weight_kg":"3.0"}]}"#;

    #[test]
    fn allocation_by_weight_spreads_shipping_by_each_lines_weight_rules_10() {
        // docs/rules.md §10: by weight, each line's weight_kg is its key. £12.00 over 1.2 and
        // 3.0 kg: 1,200 pence × 1.2 / 4.2 = 342.86 and × 3.0 / 4.2 = 857.14; the floors give 1,199,
        // and the penny left goes to the largest remainder (the first line): 3.43 + 8.57.
        let req = request(BY_WEIGHT);
        let keys = allocation_keys(&req, &[dec!(21.00), dec!(80.00)]).unwrap();
        assert_eq!(keys, [dec!(1.2), dec!(3.0)]);
        assert_eq!(allocate(dec!(12.00), &keys, 2).unwrap(), [dec!(3.43), dec!(8.57)]);
    }

    #[test]
    fn allocation_by_weight_without_a_weight_is_an_error_naming_the_line_rules_10() {
        // docs/rules.md §10 and §18: a missing key is an error naming the field, never a guess.
        let req = request(&BY_WEIGHT.replace(r#","weight_kg":"3.0""#, ""));
        let e = allocation_keys(&req, &[dec!(21.00), dec!(80.00)]).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::MissingField, Some("lines[1].weight_kg")));
    }
}
