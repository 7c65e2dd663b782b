//! audit-j, findings J4, J7, J8 and J10 (fix-j3): measures our quotes left out in silence, now
//! listed (or priced by the caller) with the law that imposes them
//! ([trade remedies](../docs/rules.md#trade-remedies), [excise](../docs/rules.md#excise),
//! [returned goods](../docs/rules.md#vat-base), [thresholds](../docs/rules.md#thresholds)).

mod common;

use common::{d, levy, quote, unpriced, warned};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

fn warning<'q>(q: &'q Quote, code: &str, start: &str) -> Option<&'q str> {
    q.warnings.iter().find(|w| w.code == code && w.message.starts_with(start)).map(|w| w.message.as_str())
}

/// A Chinese battery-electric car of CAD 40,000 into Ontario on 2025-06-02, GST registrant.
fn chinese_ev(extra: Value) -> Value {
    json!({"destination": "CA", "subdivision": "ON", "date": "2025-06-02", "currency": "CAD",
        "channel": "freight", "transport": "ocean", "incoterm": "DDP", "business_buyer": true,
        "origin": "CN", "ship_from": "CN",
        "lines": [{"id": "ev", "code": "8703.80", "quantity": "1", "unit_price": "40000.00",
            "duty_rate": "6.1%", "extra_duties": extra}]})
}

#[test]
fn a_chinese_electric_car_into_canada_lists_the_100_percent_surtax_china_surtax_order_2024_s3() {
    // China Surtax Order (2024), SOR/2024-187 s.3: goods of Schedule 1 that originate in China
    // "are subject to a surtax in the amount of 100% of the value for duty", in force 2024-10-01
    // (s.4). audit-j J4: the car was priced complete at duty 2,440 + GST 2,122.
    let q = quote(chinese_ev(json!([])));
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial, "{:?}", l.reason);
    let surtax = unpriced(l, LevyKind::AdditionalDuty);
    assert!(surtax.contains("100 % of the value for duty") && surtax.contains("from CN"), "{surtax}");
    // The vehicle excise taxes of the Excise Tax Act Sch. I s.7-8 are listed too (rates not read).
    let excises: Vec<String> =
        l.levies.iter().filter(|v| v.kind == LevyKind::Excise).map(|v| v.name.as_str().to_string()).collect();
    // (The luxury tax of the Select Luxury Items Tax Act is listed too: golden_audit_j2.)
    for name in ["Excise tax on automobile air conditioners", "Excise tax on fuel-inefficient vehicles (green levy)"] {
        assert!(excises.iter().any(|e| e == name), "{excises:?}");
    }
    assert!(!q.totals.complete && warned(&q, "W_VERIFY"));
    // The day before the Order, none of it.
    let mut before = chinese_ev(json!([]));
    before["date"] = json!("2024-09-30");
    let q = quote(before);
    assert!(q.lines[0].levies.iter().all(|v| v.kind != LevyKind::AdditionalDuty));
}

#[test]
fn the_callers_surtax_is_in_the_gst_base_excise_tax_act_s215_1() {
    // Excise Tax Act s.215(1): the value of imported goods for GST is the value for duty plus
    // "any duties and taxes" imposed on them under the Customs Tariff (its surtaxes among them).
    // 40,000 + duty 6.1 % = 2,440 + surtax 100 % = 40,000: GST 5 % x 82,440.00 = 4,122.00.
    let q = quote(chinese_ev(json!([
        {"name": "China surtax", "rate": "100%", "kind": "duty"},
        // One "0%" that says which of the car's three excises it settles (residue: an entry
        // naming none leaves each listed, the line partial).
        {"name": "Vehicle excise taxes", "rate": "0%", "kind": "excise",
         "answers": ["ca-ac-excise", "ca-green-levy", "ca-luxury-tax"]}
    ])));
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
    assert_eq!(levy(l, LevyKind::AdditionalDuty), d("40000.00"));
    assert_eq!(levy(l, LevyKind::Tax), d("4122.00"));
    assert_eq!(q.totals.landed, d("86562.00"));
}

#[test]
fn a_us_t_shirt_into_canada_lists_the_2025_surtax_until_it_was_repealed_sor_2025_66() {
    // United States Surtax Order (2025-1), SOR/2025-66 s.3(1): 25 % of the value for duty on the
    // scheduled goods of the United States, in force 2025-03-04 (s.4); most of it removed from
    // 2025-09-01. A CAD 150 T-shirt by courier (help.shippsy.com's scenario A: surtax 37.50):
    // the CUSMA courier relief remits the customs duty, not the surtax (CBSA D8-2-16).
    let tee = |date: &str, extra: Value| {
        quote(json!({"destination": "CA", "subdivision": "ON", "date": date, "currency": "CAD",
            "channel": "courier", "incoterm": "DDP", "origin": "US", "ship_from": "US",
            "lines": [{"id": "t", "code": "6109.10", "quantity": "1", "unit_price": "150.00",
                "extra_duties": extra}]}))
    };
    let q = tee("2025-06-02", json!([]));
    let listed = unpriced(&q.lines[0], LevyKind::AdditionalDuty);
    assert!(listed.contains("United States surtax (2025-1)") && listed.contains("25 %"), "{listed}");
    assert!(!q.totals.complete);
    // With the caller's 25 %: surtax 25 % x 150.00 = 37.50, HST 13 % x 187.50 = 24.38, together
    // 61.88, the broker's figures.
    let q = tee("2025-06-02", json!([{"name": "US surtax", "rate": "25%", "kind": "duty"}]));
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
    assert_eq!((q.totals.duty, q.totals.tax), (d("37.50"), d("24.38")));
    let q = tee("2025-09-01", json!([]));
    assert!(q.lines[0].levies.iter().all(|v| v.kind != LevyKind::AdditionalDuty));
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
}

#[test]
fn a_car_into_korea_lists_the_individual_consumption_tax_ict_act_art_1_2() {
    // Individual Consumption Tax Act art. 1(2)3 (passenger cars), art. 3(3)-(4) (the importer
    // pays), art. 8(1)3-4 (base: customs value plus duty); VAT Act art. 29(2) puts it in the VAT
    // base. audit-j J7: a car of KRW 40,000,000 was priced complete at duty and VAT only.
    let q = quote(json!({"destination": "KR", "date": "2026-11-26", "currency": "KRW", "channel": "freight",
        "transport": "ocean", "incoterm": "DDP", "origin": "JP", "ship_from": "JP",
        "lines": [{"id": "car", "code": "8703.23", "quantity": "1", "unit_price": "40000000", "duty_rate": "8%"}]}));
    let l = &q.lines[0];
    // The car is over `kr-small-150`, official (Enforcement Rule art. 45(2)1): the duty is priced
    // again (fix-u), the excise listed.
    assert_eq!(l.status, LineStatus::Partial);
    assert!(unpriced(l, LevyKind::Excise).contains("education tax"));
    assert_eq!(levy(l, LevyKind::Duty), d("3200000"));
}

#[test]
fn wine_into_thailand_and_taiwan_lists_their_excises_customs_duty_assessment_samples() {
    // Thai Customs "Sample of Duty Assessment": VAT base = CIF + duty + fee + excise tax +
    // interior tax; Taiwan Customs: business tax base = DPV + duty + commodity tax + tobacco and
    // alcohol tax. audit-j J7: wine was priced complete at duty and VAT only.
    for (dest, currency, name) in [("TH", "THB", "Excise tax"), ("TW", "TWD", "Tobacco and alcohol tax")] {
        let q = quote(json!({"destination": dest, "date": "2026-11-26", "currency": currency,
            "channel": "freight", "transport": "ocean", "incoterm": "DDP", "origin": "FR", "ship_from": "FR",
            "lines": [{"id": "w", "code": "2204.21", "quantity": "6", "unit_price": "1000", "duty_rate": "54%"}]}));
        let l = &q.lines[0];
        // Partial, or not priced where a relief from a secondary source the consignment is over
        // leaves the duty and VAT unpriced too (TH's THB 1,500 to 2025-12-31, TW's NT$2,000:
        // audit-r R-TW1).
        assert_ne!(l.status, LineStatus::Priced, "{dest}");
        let e = l.levies.iter().find(|v| v.kind == LevyKind::Excise).expect("excise listed");
        assert!(e.name.as_str().starts_with(name), "{dest}: {}", e.name.as_str());
    }
}

#[test]
fn taiwans_trade_promotion_fee_is_listed_not_priced_taiwan_customs() {
    // Taiwan Customs (jurisdictions.tsv#TW): "the trade promotion service fee (DPV x 0.0425 %)";
    // the Trade Act not read: the fee is listed without a figure (W_FEE_UNKNOWN).
    let q = quote(json!({"destination": "TW", "date": "2026-11-26", "currency": "TWD", "channel": "freight",
        "transport": "ocean", "incoterm": "DDP", "origin": "JP", "ship_from": "JP",
        "lines": [{"id": "m", "code": "8471.30", "quantity": "1", "unit_price": "30000", "duty_rate": "0%"}]}));
    assert!(q.warnings.iter().any(|w| w.code == "W_FEE_UNKNOWN" && w.message.contains("Trade promotion")));
    assert!(!q.totals.complete);
}

#[test]
fn alcohol_into_new_zealand_lists_the_alcohol_levy_nz_customs_hpa_levy_notices() {
    // customs.govt.nz, "New HPA levy rates for alcohol from 30 June 2022": the levy, in cents per
    // litre by class, applies to alcohol "imported after midnight on 29 June 2022" and is
    // collected by Customs with GST on it. audit-j J10: six bottles of wine were priced complete.
    let q = quote(json!({"destination": "NZ", "date": "2026-03-02", "currency": "NZD", "channel": "courier",
        "incoterm": "DDP", "origin": "FR", "ship_from": "FR",
        "lines": [{"id": "w", "code": "2204.21", "quantity": "6", "unit_price": "30.00", "volume_l": "4.5",
            "alcohol_pct": "13", "duty_rate": "3.90 NZD/l"}]}));
    let l = &q.lines[0];
    assert!(unpriced(l, LevyKind::Excise).contains("Alcohol levy"));
    assert_eq!(levy(l, LevyKind::Duty), d("17.55"));
    assert!(!q.totals.complete);
}

#[test]
fn gst_under_nz_60_is_waived_nz_customs_faq() {
    // NZ Customs FAQ (customs.govt.nz/personal/duty-and-gst/faqs, before 2019-12-01): "We do not
    // collect the duty and/or GST on imports when the total amount payable is less than $60 ...
    // this does not apply to tobacco and alcohol products". A NZ$390 laptop in 2018 (the
    // aioexpress.com sample): GST 15 % x 390 = 58.50 < 60, not collected (the row was `verify`
    // and left it unpriced).
    let q = quote(json!({"destination": "NZ", "date": "2018-06-01", "currency": "NZD", "channel": "post",
        "incoterm": "DDP", "origin": "US", "ship_from": "US",
        "lines": [{"id": "l", "code": "8471.30", "quantity": "1", "unit_price": "390.00", "duty_rate": "0%"}]}));
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
    assert_eq!(q.totals.tax, d("0.00"));
    let tax = l.levies.iter().find(|v| v.kind == LevyKind::Tax).unwrap();
    assert!(tax.formula.as_str().contains("nz-de-minimis-60"), "{}", tax.formula.as_str());
}

#[test]
fn goods_of_the_destination_are_said_to_be_priced_as_foreign_goods_ucc_art_203_htsus_9801() {
    // Regulation (EU) 952/2013 art. 203 and Directive 2006/112/EC art. 143(1)(e) (EU goods
    // re-imported unaltered); HTSUS 9801.00.10 (US goods returned): no input claims the relief,
    // so the quote says it charged them as foreign goods (W_ASSUMPTION), naming the law.
    // audit-j J8: both were priced complete without a word.
    let q = quote(json!({"destination": "DE", "date": "2026-03-02", "currency": "EUR", "channel": "courier",
        "incoterm": "DDP", "business_buyer": true, "ship_from": "US",
        "lines": [{"id": "p", "code": "8471.30", "origin": "DE", "quantity": "1", "unit_price": "2000.00"},
                  {"id": "t", "code": "6109.10", "origin": "FR", "quantity": "100", "unit_price": "30.00"},
                  {"id": "x", "code": "6109.10", "origin": "CN", "quantity": "1", "unit_price": "30.00"}]}));
    let w = warning(&q, "W_ASSUMPTION", "returned_goods").expect("returned goods stated");
    assert!(w.contains("lines p, t are") && w.contains("art. 203") && w.contains("143(1)(e)"), "{w}");
    let q = quote(json!({"destination": "US", "date": "2026-03-02", "currency": "USD", "channel": "courier",
        "transport": "air", "incoterm": "DDP", "origin": "US", "ship_from": "CA", "entry_type": "formal",
        "lines": [{"id": "a", "code": "6109.10.00", "quantity": "100", "unit_price": "30.00"}]}));
    let w = warning(&q, "W_ASSUMPTION", "returned_goods").expect("returned goods stated");
    assert!(w.contains("line a is") && w.contains("9801.00.10"), "{w}");
    // Foreign goods: nothing to say.
    let q = quote(json!({"destination": "US", "date": "2026-03-02", "currency": "USD", "channel": "courier",
        "transport": "air", "incoterm": "DDP", "origin": "CN", "ship_from": "CN", "entry_type": "formal",
        "lines": [{"id": "a", "code": "6109.10.00", "quantity": "100", "unit_price": "30.00"}]}));
    assert!(warning(&q, "W_ASSUMPTION", "returned_goods").is_none());
}

#[test]
fn cigarettes_by_post_into_australia_are_said_to_be_prohibited_reg_4da() {
    // Customs (Prohibited Imports) Regulations 1956 reg. 4DA(1): "The importation of tobacco
    // products into Australia is prohibited ... unless a permission to import the tobacco
    // products has been granted in writing ... or the Minister has approved the importation";
    // cigars are outside it (reg. 4DA(2)(c)). audit-j J10: 200 cigarettes by post, priced.
    let tobacco = |code: &str, channel: &str, date: &str| {
        quote(json!({"destination": "AU", "date": date, "currency": "AUD", "channel": channel,
            "transport": "air", "incoterm": "DDP", "origin": "ID", "ship_from": "ID",
            "lines": [{"id": "c", "code": code, "quantity": "200", "unit_price": "0.50", "duty_rate": "0%"}]}))
    };
    let prohibited = |q: &Quote| q.lines[0].reason.as_deref().unwrap_or_default().contains("reg. 4DA(1)");
    let q = tobacco("2402.20", "post", "2026-03-02");
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert!(prohibited(&q), "{:?}", q.lines[0].reason);
    assert!(!prohibited(&tobacco("2402.10", "post", "2026-03-02")), "cigars are outside reg. 4DA");
    assert!(!prohibited(&tobacco("2402.20", "post", "2019-06-30")));
    assert!(!prohibited(&tobacco("2402.20", "courier", "2026-03-02")));
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
