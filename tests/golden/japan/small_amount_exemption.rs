//! Japan's ¥10,000 exemption and the simplified tariff at their edges (audit-ff FF3, FF37, FF9):
//! Customs Tariff Act art. 14 item 18 and Cabinet Order art. 16-3 (`thresholds.tsv#jp-small-10000`),
//! art. 4-6(2) (the personal-use value, retail price × 0.6: Customs Answer 1405), Customs Answer
//! 1006 (designated articles; a gift for private use), art. 3-3 (the simplified tariff).

use crate::common::{applies, d, levy, quote, warned};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

/// One line to Japan by post on 2026-11-27, in yen, from `from`.
fn parcel(code: &str, price: &str, from: &str, business: bool, gift: bool) -> Quote {
    quote(json!({"destination": "JP", "currency": "JPY", "origin": from, "ship_from": from, "channel": "post",
        "incoterm": "DDP", "date": "2026-11-27", "business_buyer": business, "gift": gift,
        "lines": [{"id": "a", "code": code, "quantity": "1", "unit_price": price}]}))
}

/// The value a threshold check compared.
fn compared(q: &Quote, id: &str) -> Option<rust_decimal::Decimal> {
    q.thresholds.iter().find(|t| t.id == id).and_then(|t| t.value)
}

/// Art. 4-6(2) values personal-use goods at the retail price × 0.6 and states no rounding of it;
/// art. 14 item 18 exempts a total customs value of "¥10,000 or less". Woven trousers (6203.42):
/// retail ¥16,666 → 9,999.6, exempt; ¥16,667 → 10,000.2, over: simplified 10 % on 10,000 (the base
/// down to ¥1,000) = 1,000; consumption tax on 11,000: 7.8 % = 858 → 800, local 800 × 22/78 = 225
/// → 200 (Customs Answer 1111). The request's rounding policy rounded 10,000.2 to 10,000 and
/// relieved it (audit-ff FF3).
#[test]
fn the_personal_use_value_is_compared_with_10000_yen_unrounded() {
    let under = parcel("6203.42", "16666", "US", false, false);
    assert_eq!(compared(&under, "jp-small-10000"), Some(d("9999.6")));
    assert!(applies(&under, "jp-small-10000"));
    assert_eq!(levy(&under.lines[0], LevyKind::Duty), d("0"));

    let over = parcel("6203.42", "16667", "US", false, false);
    assert_eq!(compared(&over, "jp-small-10000"), Some(d("10000.2")));
    assert!(!applies(&over, "jp-small-10000"));
    assert_eq!((over.totals.duty, over.totals.tax), (d("1000"), d("1000")), "{:?}", over.lines[0].levies);
}

/// audit-nn NN3: the personal-use value is written at the yen's scale when it is whole (retail
/// ¥4,000 × 0.6 = 2,400: "2400", not "2400.0"), and keeps a fraction the law does not round.
#[test]
fn the_personal_use_value_is_written_at_the_yens_scale_nn3() {
    let q = parcel("6109.10", "4000", "US", false, false);
    assert_eq!(q.lines[0].customs_value.to_string(), "2400");
    assert_eq!(compared(&q, "jp-small-10000").map(|v| v.to_string()).as_deref(), Some("2400"));
    let q = parcel("6109.10", "2001", "US", false, false);
    assert_eq!(q.lines[0].customs_value.to_string(), "1200.6");
}

/// Customs Answer 1006: designated articles "imported as a gift for private use, and Customs
/// accepts the claim of private use, … could be exempted from taxation in some cases provided that
/// the customs value does not exceed 10,000 yen". A knitted sweater (6110.20, designated) given
/// from Italy, retail ¥12,000 → value 7,200: exempt under `jp-small-10000-gift`, with its
/// assumption stated; it was charged ¥1,200 and `gift` reported unused (audit-ff FF37). Not a
/// gift: the designation bars the exemption (duty and tax charged). A gift of ¥20,000 (value
/// 12,000) is over ¥10,000.
#[test]
fn a_designated_article_sent_as_a_gift_keeps_the_10000_yen_exemption_customs_answer_1006() {
    let gift = parcel("6110.20", "12000", "IT", false, true);
    assert!(applies(&gift, "jp-small-10000-gift"), "{:?}", gift.thresholds);
    assert_eq!((gift.totals.duty, gift.totals.tax), (d("0"), d("0")));
    assert!(!warned(&gift, "W_INPUT_UNUSED"), "{:?}", gift.warnings);
    assert!(gift.warnings.iter().any(|w| w.code == "W_ASSUMPTION" && w.message.contains("jp-small-10000-gift")));

    let bought = parcel("6110.20", "12000", "IT", false, false);
    assert!(!applies(&bought, "jp-small-10000") && bought.totals.duty > d("0"));

    let dear = parcel("6110.20", "20000", "IT", false, true);
    assert!(!applies(&dear, "jp-small-10000-gift") && dear.totals.duty > d("0"));
}

/// audit-hh HH3. The gift above is relieved by `jp-small-10000-gift` (Customs Answer 1006); the
/// plain row's refusal ("not for goods of HS 6110", Cabinet Order art. 16-3) stays, but says the
/// levies are relieved instead by the gift row, not only that the relief was refused. Bought,
/// the refusal stands alone (no relief applies).
#[test]
fn a_gift_relieved_by_the_gift_row_says_the_plain_row_was_replaced_customs_answer_1006() {
    let not_applied = |q: &Quote| -> Vec<String> {
        q.warnings.iter().filter(|w| w.code == "W_THRESHOLD_NOT_APPLIED").map(|w| w.message.to_string()).collect()
    };
    let gift = parcel("6110.20", "12000", "IT", false, true);
    let warned = not_applied(&gift);
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(warned[0].starts_with("jp-small-10000: within its amount but not for goods of HS 6110"), "{warned:?}");
    assert!(warned[0].ends_with("; the levies are relieved instead by jp-small-10000-gift"), "{warned:?}");
    let bought = parcel("6110.20", "12000", "IT", false, false);
    assert!(not_applied(&bought).iter().all(|w| !w.contains("relieved instead")), "{:?}", bought.warnings);
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
        let said =
            q.warnings.iter().filter(|w| w.code == "W_TARIFF" && w.message.contains("rate for this code is not known"));
        assert_eq!(said.count(), 1, "{code}: once for the line, not once per tariff line");
        assert!(q.totals.at_least && !q.totals.complete, "{code}");
    }
}
