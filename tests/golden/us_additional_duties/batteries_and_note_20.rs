//! Section 301 on Chinese EV batteries, Section 232 on Korean EV batteries as automobile parts,
//! and the note 20(g) lines.

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

// audit-m's findings M2, M4-M7 (findings/audit-m.md), each figure from the law named beside it.

fn us_battery(origin: &str, date: &str, code: &str) -> Quote {
    quote(json!({"destination": "US", "origin": origin, "ship_from": origin, "date": date, "currency": "USD",
                 "channel": "freight", "transport": "ocean", "incoterm": "DDP",
                 "lines": [{"id": "b", "code": code, "quantity": "300", "unit_price": "10.00"}]}))
}

fn layer<'q>(q: &'q Quote, ch99: &str) -> Option<&'q landed::quote::Levy> {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::AdditionalDuty && l.name.as_str().contains(ch99))
}

/// audit-m M2. USTR 89 FR 76581 (2024-09-18): lithium-ion electric vehicle batteries from China
/// 7.5 % → 25 % from 2024-09-27 under heading 9903.91.01 ("as provided for in subdivision (b) of
/// U.S. note 31", HTSUS Rev 10); HTSUS 8507.60.00.10 is "of a kind used as the primary source of
/// electrical power for electrically powered vehicles of subheadings 8703.40 ... 8703.80". Note
/// 31(b)'s statistical numbers are not in our sources: listed + 25 % unpriced in place of list
/// 4A (it was 4A's 225.00, complete), the line partial. The day before: 4A, 225.00. Other
/// lithium-ion batteries (.90) keep 4A until 2025-12-31 and pay 9903.91.06's 25 % (750.00) from
/// 2026-01-01, which the EV line does not pay on top.
#[test]
fn chinese_ev_batteries_8507_60_00_10_leave_list_4a_for_9903_91_01_from_2024_09_27_89_fr_76581() {
    let q = us_battery("CN", "2024-09-26", "8507.60.00.10");
    assert_eq!(layer(&q, "9903.88.15").and_then(|l| l.amount), Some(d("225.00")));
    for date in ["2024-09-27", "2025-06-01", "2025-12-31", "2026-03-01"] {
        let q = us_battery("CN", date, "8507.60.00.10");
        let ev = layer(&q, "9903.91.01").expect(date);
        assert_eq!((ev.amount, ev.partial_amount), (None, None), "{date}");
        assert!(layer(&q, "9903.88.15").is_none() && layer(&q, "9903.91.06").is_none(), "{date}");
        assert_eq!(q.lines[0].status, LineStatus::Partial, "{date}");
    }
    let q = us_battery("CN", "2025-06-01", "8507.60.00.90");
    assert_eq!(layer(&q, "9903.88.15").and_then(|l| l.amount), Some(d("225.00")));
    assert!(layer(&q, "9903.91.01").is_none());
    let q = us_battery("CN", "2026-03-01", "8507.60.00.90");
    assert_eq!(layer(&q, "9903.91.06").and_then(|l| l.amount), Some(d("750.00")));
}

/// audit-m M2: Section 232 automobile parts (headings 9903.94.05-.69, U.S. note 33, not in our
/// sources; a public reproduction of the note lists 8507.60.0010): a Korean EV battery on
/// 2026-03-01 may owe the parts duty (15 % all-in for Korea, 9903.94.63): flagged, unpriced,
/// the line partial, no longer complete at the 3.4 % duty alone.
#[test]
fn korean_ev_batteries_may_be_section_232_automobile_parts_note_33() {
    let q = us_battery("KR", "2026-03-01", "8507.60.00.10");
    let parts = layer(&q, "automobile parts").expect("a 232 parts layer");
    assert_eq!((parts.amount, parts.partial_amount), (None, None));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert!(!q.totals.complete);
}

/// audit-m M6. HTSUS 2026 Rev 10, 2931.90.90: "Pursuant to U.S. note 20(g) to subchapter III,
/// chapter 99, heading 9903.88.04 covers certain goods of this rate line, as indicated by the
/// footnote", footnoted on .10, .21, .25 and .29: the 25 % is filed under 9903.88.04, not list 3's
/// 9903.88.03 (same amount, 750.00 on US$3,000). 9401.79.00 ("See 9903.88.04 and its associated
/// definitional note") likewise; pumps 8413.50.00 ("See 9903.88.01.") keep list 1's heading.
#[test]
fn note_20g_lines_are_charged_under_9903_88_04_htsus_rev_10_footnote() {
    let us = |code: &str| {
        quote(json!({"destination": "US", "origin": "CN", "ship_from": "CN", "date": "2026-03-01", "currency": "USD",
                     "channel": "freight", "transport": "ocean", "incoterm": "DDP",
                     "lines": [{"id": "a", "code": code, "quantity": "300", "unit_price": "10.00"}]}))
    };
    for code in ["2931.90.90.10", "2931.90.90.29", "9401.79.00"] {
        let q = us(code);
        let l = layer(&q, "9903.88.04").unwrap_or_else(|| panic!("{code}: {:?}", q.lines[0].levies));
        assert_eq!(l.amount, Some(d("750.00")), "{code}");
        assert!(layer(&q, "9903.88.03").is_none(), "{code}");
    }
    assert!(layer(&us("2931.90.90.30"), "9903.88").is_none());
    assert_eq!(layer(&us("8413.50.00"), "9903.88.01").and_then(|l| l.amount), Some(d("750.00")));
}
