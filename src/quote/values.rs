//! Stage 1, values: each line's goods value in the customs currency and its share of shipping and
//! insurance by the request's allocation key.

use super::*;

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
