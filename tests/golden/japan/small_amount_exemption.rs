//! Japan's ¥10,000 exemption and the simplified tariff at their edges (audit-ff FF3, FF37, FF9):
//! Customs Tariff Act art. 14 item 18 and Cabinet Order art. 16-3 (`thresholds.tsv#jp-small-10000`),
//! art. 4-6(2) (the personal-use value, retail price × 0.6: Customs Answer 1405), Customs Answer
//! 1006 (designated articles; a gift for private use), art. 3-3 (the simplified tariff).

use crate::common::quote;
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

/// One line to Japan by post on 2026-11-27, in yen, from `from`.
fn parcel(code: &str, price: &str, from: &str, business: bool, gift: bool) -> Quote {
    quote(json!({"destination": "JP", "currency": "JPY", "origin": from, "ship_from": from, "channel": "post",
        "incoterm": "DDP", "date": "2026-11-27", "business_buyer": business, "gift": gift,
        "lines": [{"id": "a", "code": code, "quantity": "1", "unit_price": price}]}))
}

/// Art. 3-3: a consignment of ¥200,000 or less takes the simplified tariff; for bags (4202.21,
/// `jp-simplified-bags`) our sources do not give its rate. The duty is due in every reading (the
/// simplified rate, or the general 8-16 % where the Cabinet Order excludes the bags), so the line
/// lists a Customs duty without an amount and the quote has no `landed_max` (it was the lower
/// bound, ¥55,000, with no duty levy at all: audit-ff FF9). The same for tea of 0902.30
/// (`jp-simplified-3-unmapped`: 5 % or 15 %).
#[test]
fn an_unknown_simplified_rate_keeps_the_duty_listed_and_the_range_without_a_top() {
    for code in ["4202.21", "0902.30"] {
        let q = parcel(code, "50000", "IT", true, false);
        let line = &q.lines[0];
        assert_eq!(line.status, LineStatus::Partial, "{code}");
        let duty =
            line.levies.iter().find(|l| l.kind == LevyKind::Duty).unwrap_or_else(|| panic!("{code}: duty listed"));
        assert_eq!((duty.amount, duty.partial_amount), (None, None), "{code}");
        assert!(duty.rate.as_str().contains("simplified tariff, rate not known"), "{code}: {}", duty.rate.as_str());
        assert_eq!(q.totals.landed_max, None, "{code}");
        assert!(q.totals.at_least && !q.totals.complete, "{code}");
    }
}
