//! US duties that depend on what the request cannot show (audit-d D2/D3, D4, D6, D7): the postal
//! duty of China and Hong Kong items whose method the carrier elects, the all-country postal
//! method of EO 14324, the in-transit and U.S.-content exceptions of the IEEPA and Section 122
//! headings, USMCA vehicles taxed on their non-U.S. content, and the heading an all-in rate is
//! declared under. Each is a partial line with every outcome or a stated `W_ASSUMPTION`, never
//! a silent figure. Rows: `tariffs/rules/us_layers.tsv`.

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

fn us(origin: &str, date: &str, channel: &str, code: &str, price: &str) -> Quote {
    let transport = if channel == "post" { "post" } else { "ocean" };
    quote(json!({"destination": "US", "date": date, "currency": "USD", "channel": channel, "transport": transport,
        "incoterm": "DDP", "origin": origin, "ship_from": origin,
        "lines": [{"id": "a", "code": code, "quantity": "1", "unit_price": price}]}))
}

fn assumed(q: &Quote, id: &str) -> bool {
    q.warnings.iter().any(|w| w.code == "W_ASSUMPTION" && w.message.starts_with(&format!("{id}: assumes")))
}

/// D2. EO 14256 s.2(c) as amended by EO 14259 and EO 14266 (CBP notice 90 FR 17608): a postal
/// item of Chinese goods valued at or under US$800 pays, as its carrier elects, 120 % of its value
/// or US$100 per item, in lieu of every other duty. A US$50 T-shirt on 2025-05-02: 120 % × 50 =
/// 60.00 or 100.00: partial, at least 60.00, never the 84.50 of the tariff and chapter 99 layers.
#[test]
fn a_chinese_postal_item_on_2025_05_02_pays_120_percent_or_100_usd_eo_14256() {
    let q = us("CN", "2025-05-02", "post", "6109.10.00", "50.00");
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial);
    let why = l.reason.as_deref().unwrap_or_default();
    assert!(why.contains("120% × 50.00 = 60.00") && why.contains("US$100 per postal item = 100.00"), "{why}");
    let postal =
        l.levies.iter().find(|v| v.name.to_string().contains("postal duty")).expect("the postal duty is listed");
    assert_eq!((postal.amount, postal.partial_amount), (None, Some(d("60.00"))));
    // Every other duty is listed unpriced: the postal duty replaces them.
    assert!(l.levies.iter().filter(|v| !v.name.to_string().contains("postal duty")).all(|v| v.amount.is_none()));
    assert_eq!(q.totals.duty, d("60.00"));
    assert!(!q.totals.complete);
}

/// D2. EO 14298 from 2025-05-14 (CBP CSMS #65029337, #65029543): 54 % or US$100 per item.
/// US$50: 27.00 or 100.00, at least 27.00. By courier the same goods pay the entry's duties; a
/// Vietnamese postal item is not covered; an item above US$800 is entered as usual.
#[test]
fn from_2025_05_14_the_postal_duty_is_54_percent_or_100_usd_csms_65029543() {
    let q = us("CN", "2025-05-14", "post", "6109.10.00", "50.00");
    let why = q.lines[0].reason.as_deref().unwrap_or_default();
    assert!(why.contains("54% × 50.00 = 27.00") && why.contains("100.00"), "{why}");
    assert_eq!(q.totals.duty, d("27.00"));
    let hk = us("HK", "2025-08-28", "post", "6109.10.00", "50.00");
    assert!(hk.lines[0].levies.iter().any(|v| v.name.to_string().contains("postal duty")));
    for q in [
        us("CN", "2025-05-14", "courier", "6109.10.00", "50.00"),
        us("VN", "2025-05-14", "post", "6109.10.00", "50.00"),
        us("CN", "2025-05-14", "post", "6109.10.00", "900.00"),
        us("CN", "2025-08-29", "post", "6109.10.00", "50.00"),
    ] {
        assert!(
            !q.lines[0].levies.iter().any(|v| v.name.to_string().contains("postal duty")),
            "{:?}",
            q.lines[0].levies
        );
    }
}

/// D3. EO 14324 (90 FR 37775; CBP notice 90 FR 42418): from 2025-08-29 postal items of every
/// country pay the IEEPA duty by the ad valorem or, for six months, a specific method. The
/// specific amounts are not in our sources: the quote charges the ad valorem figures and states
/// the method it assumes.
#[test]
fn a_postal_item_from_2025_08_29_states_the_ad_valorem_method_it_assumes_eo_14324() {
    let q = us("VN", "2025-08-29", "post", "6109.10.00", "50.00");
    assert!(assumed(&q, "postal-all-2025-08-29"), "{:?}", q.warnings);
    let courier = us("VN", "2025-08-29", "courier", "6109.10.00", "50.00");
    assert!(!assumed(&courier, "postal-all-2025-08-29"));
}

/// D7. HTSUS Rev 10 9903.02.69 (and every 9903.02 heading) excepts goods loaded before
/// 2025-08-07 and entered before 2025-10-05; 9903.01.85 India's, 9903.03.02 Section 122's.
/// Within each window the quote states that it assumes the goods were loaded on or after it.
#[test]
fn in_transit_exceptions_are_stated_during_their_windows_htsus_9903_02_and_9903_03_02() {
    let vn = us("VN", "2025-08-07", "freight", "6109.10.00", "1000.00");
    assert!(assumed(&vn, "transit-country-2025-08-07"), "{:?}", vn.warnings);
    assert!(!assumed(&us("VN", "2025-10-05", "freight", "6109.10.00", "1000.00"), "transit-country-2025-08-07"));
    assert!(assumed(&us("IN", "2025-08-27", "freight", "6109.10.00", "1000.00"), "transit-in-2025-08-27"));
    assert!(assumed(&us("DE", "2026-02-24", "freight", "6109.10.00", "1000.00"), "transit-s122-2026-02-24"));
    assert!(!assumed(&us("DE", "2026-02-28", "freight", "6109.10.00", "1000.00"), "transit-s122-2026-02-24"));
    // 9903.01.34: the U.S. content of 20 % or more pays no reciprocal duty: stated.
    assert!(assumed(&vn, "us-content-2025-04-05"));
}

/// D4. HTSUS Rev 10 9903.94.03 (Proclamation 10908 cl. 3): a USMCA-qualifying passenger
/// vehicle pays 25 % on its non-U.S. content only. The request has no U.S.-content field, so a
/// vehicle of Mexico claimed under USMCA is partial with the range (none to 25 % × 40,000 =
/// 10,000.00), never 10,000.00 complete; without the claim 9903.94.01 charges 25 % in full.
#[test]
fn a_usmca_vehicle_is_partial_on_its_non_us_content_9903_94_03() {
    let v = |claim: &str| {
        quote(json!({"destination": "US", "date": "2025-08-07", "currency": "USD", "channel": "freight",
            "transport": "ocean", "entry_type": "formal", "incoterm": "DDP", "origin": "MX", "ship_from": "MX",
            "claim": claim, "lines": [{"id": "a", "code": "8703.23.01", "quantity": "1", "unit_price": "40000.00"}]}))
    };
    let q = v("S");
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial);
    let why = l.reason.as_deref().unwrap_or_default();
    assert!(why.contains("9903.94.03") && why.contains("10,000.00") && why.contains("non-U.S. content"), "{why}");
    assert!(l.levies.iter().all(|v| v.kind != LevyKind::AdditionalDuty || v.amount.is_none()));
    let q = v("none");
    let full = q.lines[0].levies.iter().find(|v| v.name.to_string().contains("9903.94.01")).expect("9903.94.01");
    assert_eq!(full.amount, Some(d("10000.00")));
}

/// D6. HTSUS Rev 10 9903.02.19: goods of the EU whose column 1 rate is 15 % or more are under
/// 9903.02.19 ("The duty provided in the applicable subheading"), not 9903.02.20 (under 15 %).
/// A T-shirt at 16.5 %: the amount stays 0.00, the heading named is 9903.02.19; a laptop (Free)
/// stays under 9903.02.20. Same for Japan (9903.02.72).
#[test]
fn the_all_in_heading_follows_the_column_1_rate_9903_02_19() {
    let named =
        |q: &Quote, ch99: &str| q.lines[0].levies.iter().find(|v| v.name.to_string().contains(ch99)).map(|v| v.amount);
    let tee = us("DE", "2025-08-07", "freight", "6109.10.00", "1000.00");
    assert_eq!(named(&tee, "9903.02.19"), Some(Some(d("0.00"))));
    assert_eq!(named(&tee, "9903.02.20"), None);
    let jp = us("JP", "2025-08-07", "freight", "6109.10.00", "1000.00");
    assert_eq!(named(&jp, "9903.02.72"), Some(Some(d("0.00"))));
    // A code under 15 % keeps 9903.02.20: an upholstered wooden seat, 9401.61.60 (Free).
    let chair = us("DE", "2025-08-07", "freight", "9401.61.60", "1000.00");
    assert_eq!(named(&chair, "9903.02.20"), Some(Some(d("150.00"))));
}

// fix-z (session 19): research-y's proposals (findings/research-y.md) encoded at their source
// rows, each tested here against the law it cites. Rows whose amount was not read in a primary
// text are `verify`: the line they touch is partial with the reason, never priced.

/// research-y item 4 (audit-x X9). EO 14324 s.3 as revised by EO 14388 (2026-02-20): postal items
/// pay a duty "equal to the rate provided in Proclamation 11012" until 2026-07-23. Whether a
/// product that proclamation exempts (Annex II: HTS 8517.13 smartphones) paid it is not settled by
/// a text read, but CBP's interim International Mail Duty Worksheet (OMB 1651-0147) carried no
/// HTSUS number and a rate "applicable to the country of origin", CBP Dec. 26-13 calls it "the
/// simple 10% ad valorem duty", and CSMS # 67845486 (CBP, 2026-02) keeps postal items in the
/// CSMS # 66311990 process: a US$200 smartphone from China by post on 2026-05-01 pays at least
/// 10 % × 200.00 = 20.00 (the row `verify`), and the line's reason names the open point.
#[test]
fn a_smartphone_by_post_in_2026_05_pays_the_postal_10_percent_with_the_annex_ii_question_eo_14388() {
    let q =
        quote(json!({"destination": "US", "date": "2026-05-01", "currency": "USD", "origin": "CN", "channel": "post",
        "lines": [{"id": "x", "code": "8517130000", "quantity": "1", "unit_price": "200"}]}));
    let l = &q.lines[0];
    let postal =
        l.levies.iter().find(|v| v.source.row() == "us_layers.tsv#postal-all-2026-02-24").expect("postal duty");
    assert_eq!((postal.amount, postal.partial_amount), (None, Some(d("20.00"))), "{}", postal.formula);
    assert_eq!(l.status, LineStatus::Partial);
    let reason = l.reason.as_deref().unwrap_or_default();
    assert!(reason.contains("CSMS # 67845486") && reason.contains("Annex II"), "{reason}");
    assert!(reason.contains("no HTSUS number"), "{reason}");
}

// Rows whose primary text was read in session 18 (research-w): Canada's CAD 60 gift relief in
// CBSA's memorandum. Each test names its source; figures are worked by hand from it.

/// A US$100 T-shirt of China sent to the US by post on `date`.
fn us_post(date: &str) -> landed::quote::Quote {
    quote(json!({"destination": "US", "date": date, "currency": "USD", "channel": "post",
        "origin": "CN", "ship_from": "CN",
        "lines": [{"id": "t", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00"}]}))
}

#[test]
fn postal_items_from_2026_02_24_pay_the_interim_10_percent_in_lieu_of_every_other_duty() {
    // EO 14324 s.3 as revised by EO 14388, as CBP Dec. 26-13 (91 FR 37801) quotes it: a postal
    // item pays a duty "equal to the rate provided in Proclamation 11012" (Section 122, 10 %)
    // until 2026-07-24; "the postal process only applies the simple 10% ad valorem duty", "these
    // duties (and all non-Section 122 duties) do not apply". Read as CBP quotes the order, and its
    // scope given two ways (US$800, US$2,500): `verify`, so 10 % × 100 = 10.00 is the known
    // lower bound and the tariff and Section 301 duties are listed in lieu of which it is paid.
    let q = us_post("2026-03-02");
    let line = &q.lines[0];
    assert_eq!(line.status, LineStatus::Partial);
    let postal = line.levies.iter().find(|l| l.name.to_string().contains("interim postal duty")).expect("listed");
    assert_eq!((postal.amount, postal.partial_amount), (None, Some(d("10.00"))));
    assert!(postal.formula.as_str().contains("[verify]"), "{}", postal.formula.as_str());
    let duty = line.levies.iter().find(|l| l.kind == LevyKind::Duty).expect("the tariff's duty listed");
    assert!(duty.amount.is_none() && duty.formula.as_str().contains("in lieu of it"));
    // From 2026-07-24 CBP's postal entry process collects every applicable duty (19 CFR 145.12
    // as amended): no postal duty in lieu of them.
    let q = us_post("2026-07-24");
    assert!(q.lines[0].levies.iter().all(|l| !l.name.to_string().contains("postal duty")));
    assert!(q.lines[0].levies.iter().any(|l| l.kind == LevyKind::Duty && l.amount.is_some()));
}
