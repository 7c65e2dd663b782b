//! VAT/GST rates that changed after the compilations' vintages (ibericode 2025-08-12, PwC
//! 2025-10), or that the compilations got wrong before them: each `rules/vat_extra.tsv` row is
//! read on a day inside it and on the day before its start. Reported only in secondary sources,
//! so each row is `verify` (listed, never priced: docs/rules.md#not-priced): its job is that the
//! compilation's old rate is no longer offered after the change.

use crate::common::{d, levy, quote, unpriced};
use landed::quote::{LevyKind, LineStatus};
use serde_json::json;

/// Austria: a 4.9 % rate on selected basic foods from 2026-07-01 (UStG 1994 § 10 as amended, the
/// Council of Ministers' decision as reported; 10 % until 2026-06-30). A line of class reduced
/// without a vat_classes percent takes the lowest reduced rate: on 2026-06-30 the official 10 %
/// (UStG 1994 § 10 Abs. 2), 10 % × (200.00 + duty 12 % 24.00) = 22.40, priced; from 2026-07-01
/// 4.9 %, `verify`: 4.9 % × 224.00 = 10.98 listed, not priced, the line partial.
#[test]
fn austria_reduced_4_9_percent_from_2026_07_01_is_listed_not_priced() {
    let food = |date: &str| {
        quote(json!({"destination": "AT", "date": date, "currency": "EUR", "origin": "US",
            "lines": [{"id": "a", "code": "1905.90", "quantity": "1", "unit_price": "200.00", "duty_rate": "12%",
                "vat_class": "reduced"}]}))
    };
    let before = food("2026-06-30");
    assert_eq!(levy(&before.lines[0], LevyKind::Tax), d("22.40"));
    let after = food("2026-07-01");
    let formula = unpriced(&after.lines[0], LevyKind::Tax);
    assert!(formula.contains("4.9%") && formula.contains("10.98"), "{formula}");
    assert_eq!(after.lines[0].status, LineStatus::Partial);
}
