//! Sweden's gift relief in kronor.

use crate::common::quote;
use landed::quote::Quote;
use serde_json::json;

// audit-j, findings J4, J7, J8 and J10 (fix-j3): measures our quotes left out in silence, now
// listed (or priced by the caller) with the law that imposes them
// ([trade remedies](../../../docs/rules.md#trade-remedies), [excise](../../../docs/rules.md#excise),
// [returned goods](../../../docs/rules.md#vat-base), [thresholds](../../../docs/rules.md#thresholds)).

fn warning<'q>(q: &'q Quote, code: &str, start: &str) -> Option<&'q str> {
    q.warnings.iter().find(|w| w.code == code && w.message.starts_with(start)).map(|w| w.message.as_str())
}

#[test]
fn a_gift_of_sek_500_into_sweden_in_2021_is_relieved_in_kronor_tullverket() {
    // Tullverket, "Ny värdegräns för att ta emot gåva tull- och momsfritt": from 1 July (2021)
    // a gift "med ett värde på högst 500 kronor" is relieved of duty and VAT: the krona amount
    // for the EUR 45 of Reg. (EC) 1186/2009 art. 26 and Directive 2006/79/EC, not the EUR 45
    // converted at the day's rate (audit-j J10; the mechanism of audit-c's C-SE1).
    let q = quote(json!({"destination": "SE", "date": "2021-09-01", "currency": "SEK", "channel": "post",
        "incoterm": "DAP", "gift": true, "origin": "US", "ship_from": "US",
        "lines": [{"id": "g", "code": "6109.10", "quantity": "1", "unit_price": "500.00"}]}));
    assert!(warning(&q, "W_ASSUMPTION", "se-gift-500").is_some());
    assert!(warning(&q, "W_ASSUMPTION", "eu-gift-vat-45").is_none());
    assert!(warning(&q, "W_ASSUMPTION", "eu-gift-duty-45").is_none());
}
