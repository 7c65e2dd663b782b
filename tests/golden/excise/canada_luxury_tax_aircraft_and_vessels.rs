//! Canada's luxury tax on subject aircraft and vessels ended the day after Budget Day 2025
//! (audit-ii II9): Budget 2025, Notice of Ways and Means Motion to amend the Select Luxury Items
//! Tax Act (budget.canada.ca/2025/report-rapport/nwmm-amvm-4-en.html), new s.1.1: the tax under
//! Division 2 of Part 1 (importation) "in respect of a subject aircraft or subject vessel is not
//! payable if ... the tax would become payable under that Division after Budget Day" (2025-11-04),
//! deemed in force the day after. The tax on subject vehicles remains.

use crate::common::{d, levy, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

fn ca(date: &str, code: &str, price: &str) -> Quote {
    quote(json!({"destination": "CA", "subdivision": "ON", "date": date, "currency": "CAD", "channel": "freight",
        "transport": "ocean", "origin": "US", "ship_from": "US", "incoterm": "DDP",
        "lines": [{"id": "x", "code": code, "quantity": "1", "unit_price": price, "duty_rate": "9.5%"}]}))
}

fn lists_luxury_tax(q: &Quote) -> bool {
    q.lines[0].levies.iter().any(|l| l.kind == LevyKind::Excise && l.name.as_str().starts_with("Luxury tax"))
}

#[test]
fn luxury_tax_on_vessels_and_aircraft_ends_on_budget_day_2025_nwmm_slita_s1_1() {
    // A vessel of CAD 400,000 imported on Budget Day: the tax is listed (unpriced, verify).
    let q = ca("2025-11-04", "8903.22", "400000");
    assert!(lists_luxury_tax(&q));
    assert_eq!(q.lines[0].levies[1].source.row(), "excise.tsv#ca-luxury-tax-aircraft-vessels");
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    // The day after and today: none. Duty 9.5 % = 38,000.00; HST 13 % × 438,000.00 = 56,940.00.
    for date in ["2025-11-05", "2026-11-27"] {
        for code in ["8903.22", "8802.20"] {
            let q = ca(date, code, "400000");
            assert!(!lists_luxury_tax(&q), "{date} {code}");
            assert_eq!(q.lines[0].status, LineStatus::Priced, "{date} {code}: {:?}", q.lines[0].reason);
            assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("38000.00"));
            assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("56940.00"));
        }
    }
    // A subject vehicle still bears it (its own row, open-ended).
    let q = ca("2026-11-27", "8703.23", "150000");
    assert!(lists_luxury_tax(&q));
}
