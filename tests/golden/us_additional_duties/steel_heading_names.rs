//! audit-ee M4: the Section 232 steel headings named for 2025-03-12 to 2025-06-03 (25 %,
//! Proclamation 10896). HTSUS 2026 Rev 3 heading 9903.81.87: "Except for derivative iron or steel
//! products described in headings 9903.81.89, 9903.81.90 or 9903.81.91, products of iron or steel
//! provided for in the tariff headings or subheadings enumerated in subdivision (j) of note 16";
//! 9903.81.89 and 9903.81.90: derivative iron or steel products of note 16(l) and (m). The steel
//! articles of chapter 73 (Proclamation 9705 cl. 1 as amended: 7301.10, 7302.10, 7302.40-.90,
//! 7304-7306) are products of iron or steel of 9903.81.87; the other chapter 73 articles on the
//! note 16 lists are derivatives. The figure is unchanged: 25 % of the full value.

use crate::common::{d, quote};
use landed::quote::{LevyKind, Quote};
use serde_json::json;

fn us(origin: &str, date: &str, code: &str) -> Quote {
    quote(json!({"destination": "US", "date": date, "currency": "USD", "channel": "freight", "transport": "ocean",
        "entry_type": "formal", "incoterm": "DDP", "origin": origin, "ship_from": origin,
        "lines": [{"id": "a", "code": code, "quantity": "1", "unit_price": "1000.00"}]}))
}

fn steel_232(q: &Quote) -> Vec<(String, Option<rust_decimal::Decimal>)> {
    q.lines[0]
        .levies
        .iter()
        .filter(|l| l.kind == LevyKind::AdditionalDuty && l.name.as_str().starts_with("Section 232 steel"))
        .map(|l| (l.name.as_str().to_string(), l.amount))
        .collect()
}

#[test]
fn chapter_73_derivatives_name_9903_81_89_or_90_and_steel_articles_9903_81_87() {
    // 7326.90.86 (other articles of iron or steel), China, 2025-03-12: 25 % × 1,000.00 = 250.00.
    let q = us("CN", "2025-03-12", "7326.90.86");
    assert_eq!(
        steel_232(&q),
        [("Section 232 steel derivatives (9903.81.89 or 9903.81.90)".to_string(), Some(d("250.00")))]
    );
    // 7304.19.10 (line pipe, a steel article of note 16(j)) and 7208.10.15 (chapter 72).
    for code in ["7304.19.10", "7208.10.15"] {
        let q = us("DE", "2025-06-03", code);
        assert_eq!(steel_232(&q), [("Section 232 steel articles (9903.81.87)".to_string(), Some(d("250.00")))]);
    }
}
