//! audit-w (session 18, fix-w2): the non-EU findings. W-FX2 (a currency the ECB stopped
//! publishing carried forward as "this month's ECB rate"), W-NZ1 (New Zealand's seller-collected
//! GST is per item), W-TH1 (Thai VAT after the last royal decree read), W-FX1 (a dollar peg
//! labelled as an ECB cross rate and flagged stale).

mod common;

use common::{d, engine, quote, request, warned};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

fn fx_error(v: Value) -> String {
    let e = engine().quote(&request(v)).expect_err("no customs rate for the pair");
    assert_eq!(e.code.as_str(), "E_FX_RATE", "{e}");
    e.to_string()
}

fn tees(destination: &str, date: &str, currency: &str, unit_price: &str) -> Value {
    json!({"destination": destination, "date": date, "currency": currency, "origin": "CN",
        "channel": "courier", "transport": "air", "incoterm": "DDP",
        "lines": [{"id": "tee", "code": "6109.10.00", "quantity": "10", "unit_price": unit_price}]})
}

/// audit-w W-FX2. The EU customs rate of a month is the ECB rate of the penultimate Wednesday of
/// the month before (Implementing Regulation (EU) 2015/2447 art. 146); for a currency the ECB
/// does not publish, the member state sets it. The ECB suspended the rouble after its fixing of
/// 2022-03-01 (ECB: "The ECB last published a EUR/RUB reference rate on 1 March 2022"), yet the
/// monthly table carried RUB 117.201 into every month to 2026-11 and a Lithuanian quote in
/// roubles was `complete` at RUB/EUR 0.008532 "ECB euro reference rate of 2026-10-21". Now no
/// rate: `E_FX_RATE` naming the `fx` input; with the caller's rate it is priced.
#[test]
fn a_rouble_rate_the_ecb_stopped_publishing_is_not_carried_forward_reg_2015_2447_art_146() {
    let err = fx_error(tees("LT", "2026-11-27", "RUB", "2000"));
    assert!(err.contains("RUB/EUR"), "{err}");
    // April 2022 is the first month whose reference day (2022-03-23) has no rouble rate.
    fx_error(tees("LT", "2022-04-01", "RUB", "2000"));
    // March 2022 reads the ECB's rate of 2022-02-16, which had one.
    let q = quote(tees("LT", "2022-03-15", "RUB", "2000"));
    assert!(q.fx[0].source.contains("2022-02-16"), "{:?}", q.fx);
    // With the caller's rate (the member state's), the quote is priced on it.
    let mut v = tees("LT", "2026-11-27", "RUB", "2000");
    v["fx"] = json!({"RUB/EUR": "0.0105"});
    let q = quote(v);
    assert_eq!(q.fx[0].source, "request");
    assert_eq!(q.lines[0].status, LineStatus::Priced);
    // Every destination reading the monthly table before the daily one starts (2025) says the
    // same: Singapore on 2024-06-03.
    fx_error(tees("SG", "2024-06-03", "RUB", "2000"));
}

/// audit-w W-FX2, the lev. Bulgaria adopted the euro on 2026-01-01 (Council Decision (EU)
/// 2025/1407) at 1.95583 lev per euro (Council Regulation (EC) 2866/98 art. 1 as amended), the
/// only rate for converting lev and euro (Regulation (EC) 1103/97 art. 4); the ECB publishes no
/// lev rate after 2025-12-31. A lev amount into BG in November 2026 was converted at the ECB's
/// 1.9558 of 2025-12-17 labelled "ECB euro reference rate of 2026-10-21": it was `E_FX_RATE`, and
/// with the conversion rate given as fx {"EUR/BGN": "1.95583"}: BGN 1,955.83 → EUR 1,000.00.
/// fix-y (audit-x X11): the conversion rate is encoded (`rules/fx_euro.tsv`), so the same cart
/// without `fx` is EUR 1,000.00 at it, labelled as the legal conversion rate.
#[test]
fn the_lev_after_the_euro_changeover_is_not_an_ecb_rate_reg_2866_98() {
    let q = quote(tees("BG", "2026-11-27", "BGN", "195.583"));
    assert_eq!(q.lines[0].goods_value, d("1000.00"));
    assert!(q.fx[0].source.starts_with("BGN at its legal conversion rate of 1.95583 per euro"), "{}", q.fx[0].source);
    let mut v = tees("BG", "2026-11-27", "BGN", "195.583");
    v["fx"] = json!({"EUR/BGN": "1.95583"});
    let q = quote(v);
    assert_eq!(q.lines[0].goods_value, d("1000.00"));
    // Before the changeover BG's own currency was the lev: nothing to convert.
    let q = quote(tees("BG", "2025-12-15", "BGN", "195.583"));
    assert_eq!(q.currency.to_string(), "BGN");
}

fn nz(lines: Value, incoterm: &str) -> Quote {
    quote(json!({"destination": "NZ", "date": "2026-11-27", "currency": "NZD", "origin": "US",
        "ship_from": "US", "channel": "courier", "transport": "air", "incoterm": incoterm,
        "seller_registered": true, "shipping": "30.00", "lines": lines}))
}

fn phones_and_tees() -> Value {
    json!([{"id": "phone", "code": "8517.13", "quantity": "2", "unit_price": "700.00", "duty_rate": "0%"},
           {"id": "tee", "code": "6109.10", "quantity": "2", "unit_price": "40.00", "duty_rate": "10%"}])
}

fn tax_levies(q: &Quote, i: usize) -> Vec<(String, Option<rust_decimal::Decimal>)> {
    q.lines[i].levies.iter().filter(|l| l.kind == LevyKind::Tax).map(|l| (l.name.to_string(), l.amount)).collect()
}

/// audit-w W-NZ1. Inland Revenue, "What low value imported goods are": low value goods are
/// "items individually having an estimated customs value of NZ$1,000 or less", on which the
/// registered supplier charges GST at the sale (GST Act 1985 s.8(3)(c)). NZ Customs, "New GST
/// rules for low-value imported goods" (2019-07-12): a consignment over NZ$1,000 takes "the
/// standard GST and duty calculation … If GST on the value of the goods has already been
/// collected at the point of sale by the supplier GST will still be payable on any duty at the
/// border." Two phones at NZ$700 and two T-shirts at NZ$40 (NZ$1,480, over NZ$1,000) from a
/// registered supplier, NZ$30 shipping (28.38 and 1.62 by value): the supplier charges 15 % ×
/// 1,428.38 = 214.26 and 15 % × 81.62 = 12.24 at the sale; at the border duty 10 % × 80.00 = 8.00
/// and GST 15 % × 8.00 = 1.20. All the GST was put at the border (235.70 due on delivery).
#[test]
fn nz_seller_collected_gst_is_per_item_and_gst_on_the_duty_stays_at_the_border_nz_customs_2019() {
    let q = nz(phones_and_tees(), "DAP");
    assert_eq!(
        tax_levies(&q, 0),
        vec![("GST charged by the seller at sale (nz-low-value-gst-1000)".to_string(), Some(d("214.26")))]
    );
    assert_eq!(
        tax_levies(&q, 1),
        vec![
            ("GST charged by the seller at sale (nz-low-value-gst-1000)".to_string(), Some(d("12.24"))),
            ("Import GST on the duty, at the border (nz-low-value-gst-1000)".to_string(), Some(d("1.20"))),
        ]
    );
    assert_eq!(q.totals.duty, d("8.00"));
    assert_eq!(q.totals.collected_at_sale, d("226.50"));
    assert_eq!(q.totals.tax, d("227.70"));
    // Due on delivery: the duty and the GST on it, and the border's fees (priced or not).
    assert_eq!(q.totals.due_on_delivery - q.totals.fees, d("9.20"));
    assert!(!common::applies(&q, "nz-low-value-1000"));
    // Under DDP the GST on the duty is the border's too: the sale's base is the price and
    // delivery alone, and the total GST is the same 227.70.
    let q = nz(phones_and_tees(), "DDP");
    assert_eq!(q.totals.collected_at_sale, d("226.50"));
    assert_eq!(q.totals.tax, d("227.70"));
    assert_eq!(q.totals.due_on_delivery, d("0"));
}

/// audit-w W-NZ1: an item over NZ$1,000 is not a low-value good: its GST is the border's, while
/// the other items of the same consignment keep the supplier's (Aramex's NZ GST FAQ: GST "will be
/// payable … at the border on the HVG item only"). A NZ$1,500 laptop (duty 0 %) and two NZ$40
/// T-shirts, no shipping: import GST 15 % × 1,500.00 = 225.00 at the border; the T-shirts' 15 %
/// × 80.00 = 12.00 at the sale and 15 % × 8.00 = 1.20 on their duty at the border.
#[test]
fn nz_item_over_1000_pays_gst_at_the_border_beside_seller_collected_items_inland_revenue() {
    let q = quote(json!({"destination": "NZ", "date": "2026-11-27", "currency": "NZD", "origin": "US",
        "channel": "courier", "transport": "air", "incoterm": "DAP", "seller_registered": true,
        "lines": [{"id": "laptop", "code": "8471.30", "quantity": "1", "unit_price": "1500.00", "duty_rate": "0%"},
                  {"id": "tee", "code": "6109.10", "quantity": "2", "unit_price": "40.00", "duty_rate": "10%"}]}));
    assert_eq!(tax_levies(&q, 0), vec![("Import GST".to_string(), Some(d("225.00")))]);
    assert_eq!(
        tax_levies(&q, 1),
        vec![
            ("GST charged by the seller at sale (nz-low-value-gst-1000)".to_string(), Some(d("12.00"))),
            ("Import GST on the duty, at the border (nz-low-value-gst-1000)".to_string(), Some(d("1.20"))),
        ]
    );
    assert_eq!(q.totals.collected_at_sale, d("12.00"));
    // Within NZ$1,000 as a whole, nothing at the border and the seller's GST on each line, as
    // before (NZ Customs: such consignments are written off as GST paid).
    let q = quote(json!({"destination": "NZ", "date": "2026-11-27", "currency": "NZD", "origin": "US",
        "channel": "courier", "transport": "air", "incoterm": "DAP", "seller_registered": true,
        "lines": [{"id": "tee", "code": "6109.10", "quantity": "2", "unit_price": "40.00", "duty_rate": "10%"}]}));
    assert_eq!(
        tax_levies(&q, 0),
        vec![("GST charged by the seller at sale (nz-low-value-gst-1000)".to_string(), Some(d("12.00")))]
    );
    assert_eq!((q.totals.duty, q.totals.due_on_delivery), (d("0.00"), d("0.00")));
}

/// audit-w W-TH1. Revenue Code s.80 sets 10 %; s.80/1 lets a royal decree reduce it, one period
/// at a time (Royal Decree No. 790 of 2024 to 2025-09-30; the Cabinet's decision of 2025-09-09,
/// nationthailand.com, to 2026-09-30). No decree for 2026-10-01 onward is in our sources: the 7 %
/// from that date is `verify` (it was `official`), while the period the Cabinet's decision covers
/// keeps its grade.
#[test]
fn thai_vat_after_the_last_decree_read_is_verify_audit_w_th1() {
    let rate = |date: &str| {
        let day = landed::date::Date::parse(date).unwrap();
        engine().rules().vat_rate("TH", None, landed::request::VatClass::Standard, day).expect("TH rate")
    };
    let r = rate("2026-10-15");
    assert_eq!((r.percent, r.source.confidence), (d("7"), landed::provenance::Confidence::Verify));
    let r = rate("2026-09-30");
    assert_eq!((r.percent, r.source.confidence), (d("7"), landed::provenance::Confidence::Official));
}

/// audit-w W-FX1. The UAE dirham is pegged at 3.6725 per US dollar (Central Bank of the UAE,
/// tariffs/rules/fx_pegs.tsv); the ECB publishes no dirham rate. A quote in US dollars into AE
/// showed USD/AED 3.6725 as "ECB euro reference rates of 2026-10-30 (cross rate via EUR)" and
/// warned W_STALE_FX; the rate is the peg, named as such, neither stale nor an ECB stand-in.
/// Saudi riyal to dirham: 3.6725 ÷ 3.75 = 0.979333.
#[test]
fn a_dollar_peg_is_named_as_the_peg_and_never_stale_central_bank_of_the_uae() {
    let v = |currency: &str| {
        json!({"destination": "AE", "date": "2026-11-27", "currency": currency, "origin": "US",
            "lines": [{"id": "x", "code": "6109.10", "quantity": "1", "unit_price": "100.00"}]})
    };
    let q = quote(v("USD"));
    let fx = q.fx.iter().find(|f| f.pair == "USD/AED").expect("USD/AED used");
    assert_eq!(fx.rate, d("3.6725"));
    assert!(fx.source.starts_with("fixed peg to the US dollar: Central Bank of the UAE"), "{}", fx.source);
    assert!(!warned(&q, "W_STALE_FX"), "{:?}", q.warnings);
    assert!(!q.warnings.iter().any(|w| w.message.contains("fx USD/AED: assumes the ECB")), "{:?}", q.warnings);
    let q = quote(v("SAR"));
    let fx = q.fx.iter().find(|f| f.pair == "SAR/AED").expect("SAR/AED used");
    assert_eq!(fx.rate, d("0.979333"));
    // A euro amount still crosses the peg with the ECB's dollar rate, and says so.
    let q = quote(v("EUR"));
    let fx = q.fx.iter().find(|f| f.pair == "EUR/AED").expect("EUR/AED used");
    // audit-x X2 (fix-x): the label names the peg the cross goes through.
    assert!(fx.source.starts_with("AED at its peg of 3.6725 per US dollar"), "{}", fx.source);
    assert!(fx.source.contains("ECB's euro reference rates of"), "{}", fx.source);
}
