//! HTSUS 7801.10.00 "Refined lead | 2.5% on the value of the lead content" (2026 Rev 10): the
//! duty is charged on a content of its own, read from `components` (audit-ll LL14).

use super::{duty, us};
use crate::common::{d, quote};
use serde_json::json;

#[test]
fn the_lead_content_is_a_component_and_metal_content_value_says_where_it_goes_7801_10_00() {
    // US$2,000 of lead whose lead content is worth US$1,800: 2.5 % × 1,800 = 45.00.
    let q = quote(us(
        "2026-11-20",
        "MX",
        "7801.10.00",
        json!({"quantity": "1", "unit_price": "2000", "components": {"lead_content": "1800"}}),
    ));
    assert_eq!(duty(&q), Some(d("45.00")));
    // Given as metal_content_value (the Section 232 metals' input), the duty is not priced, and
    // the warning no longer says no duty is charged on the metal content: it names the component.
    let q = quote(us(
        "2026-11-20",
        "MX",
        "7801.10.00",
        json!({"quantity": "1", "unit_price": "2000", "metal_content_value": "1800"}),
    ));
    assert_eq!(duty(&q), None);
    let w: Vec<String> = q
        .warnings
        .iter()
        .filter(|w| w.code == "W_INPUT_UNUSED" && w.message.contains("metal_content_value"))
        .map(|w| w.message.to_string())
        .collect();
    assert_eq!(w.len(), 1, "{:?}", q.warnings);
    assert!(w[0].contains("components {\"lead_content\": …}") && w[0].contains("value of the lead content"), "{w:?}");
}
