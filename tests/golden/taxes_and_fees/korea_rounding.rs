//! audit-pp PP3: Korea's cut of fractions, 국고금 관리법 제47조 (① fractions under 10 won of a
//! national revenue are not counted; ② fractions under 1 won of a national tax base are not), read
//! only as a secondary page quotes it. Its rows in `rules/tax_rounding.tsv` are `verify`: not
//! applied (a rounding is never priced on a guess), and the quote says so. US$1,000 at 10 % on
//! 2026-10-15 (USD/KRW 1,345.8957887…): duty 134,590 and VAT 148,049 as before (the law's, as
//! the auditor read it: 134,580 and 148,040).

use crate::common::{d, quote};
use landed::quote::LevyKind;
use serde_json::json;

#[test]
fn korea_s_ten_won_cut_is_a_verify_row_stated_not_applied_pp3() {
    let q = quote(json!({"destination": "KR", "date": "2026-10-15", "currency": "USD", "origin": "VN",
        "channel": "freight", "lines": [{"id": "a", "code": "610910", "quantity": "1", "unit_price": "1000",
        "duty_rate": "10%"}]}));
    let amount = |kind: LevyKind| q.lines[0].levies.iter().find(|l| l.kind == kind).and_then(|l| l.amount);
    assert_eq!((amount(LevyKind::Duty), amount(LevyKind::Tax)), (Some(d("134590")), Some(d("148049"))));
    let said = q.warnings.iter().find(|w| w.code == "W_ASSUMPTION" && w.message.starts_with("rounding:"));
    let said = said.unwrap_or_else(|| panic!("the rows not applied are stated: {:?}", q.warnings)).message.as_str();
    for row in [
        "kr-duty-base (duty_base down to 1)",
        "kr-line-amount (line_amount down to 10)",
        "kr-tax-base (tax_base down to 1)",
    ] {
        assert!(said.contains(&format!("tax_rounding.tsv#{row}")), "{row}: {said}");
    }
    assert!(said.contains("not applied"), "{said}");
    assert!(!q.warnings.iter().any(|w| w.code == "W_VERIFY"), "{:?}", q.warnings);
    assert!(q.destination_rounding.is_empty(), "no rounding of the destination is applied");
}
