//! Canada's CUSMA courier relief and the commerce condition it states.

use crate::common::{engine, quote, request};
use landed::sweep::{sweep, SweepAxes};
use serde_json::json;

// audit-n (session 15, fix-n): an unknown code under a low-value relief, the EU's EUR 150 duty
// relief before it existed, and the sweep's code axis as a what-if.

/// audit-n N5. CBSA Customs Notice 20-18 (CUSMA courier low value shipments): "the goods do not
/// need to originate ... but rather be imported from the United States or Mexico. If the goods
/// were not produced in the United States or Mexico, they must have entered into the commerce of
/// either the United States or Mexico prior to being imported into Canada". Chinese toys shipped
/// from the US at CA$140: duty relieved under the CA$150 band on that condition, stated in the
/// quote, and the sweep that names the US route cheapest repeats it.
#[test]
fn canadas_cusma_courier_relief_states_its_commerce_condition() {
    let cart = json!({"destination": "CA", "subdivision": "AB", "origin": "CN", "ship_from": "US",
        "date": "2026-11-26", "currency": "CAD", "channel": "courier", "incoterm": "DAP",
        "lines": [{"id": "g", "code": "9503.00", "quantity": "1", "unit_price": "140.00", "duty_rate": "8%"}]});
    let q = quote(cart.clone());
    assert!(q.thresholds.iter().any(|t| t.id == "ca-cusma-courier-150" && t.applies));
    assert!(q
        .warnings
        .iter()
        .any(|w| w.code == "W_ASSUMPTION"
            && w.message.to_string().contains("entered into the commerce of the US or Mexico")));
    let axes = SweepAxes { ship_froms: vec!["CN".into(), "US".into()], ..Default::default() };
    let r = sweep(&engine(), &request(cart), &axes).unwrap();
    let cheapest = r.cheapest.expect("a complete row");
    assert_eq!(cheapest.ship_from.as_deref(), Some("US"));
    assert!(cheapest.notes.iter().any(|n| n.contains("entered into the commerce")), "{:?}", cheapest.notes);
    let saving = r.savings.iter().find(|s| s.axis == "ship_from").expect("US instead of CN");
    assert!(saving.note.as_deref().is_some_and(|n| n.contains("entered into the commerce")), "{saving:?}");
}
