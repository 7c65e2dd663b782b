//! fix-nn (audit-jj, findings/audit-jj.md): common goods whose VAT/GST class the engine missed by
//! destination. Each case names the law its row of `tariffs/rules/vat_classes.tsv` quotes.

use crate::common::quote;
use landed::quote::{LevyKind, LineStatus};
use serde_json::json;

/// One line of `code` at `unit_price` into `destination` on `date`, goods of Canada (of the US
/// into Canada and Mexico), a business buyer: the line's import tax (amount or lower bound), its formula,
/// status and reason.
fn taxed(
    destination: &str,
    currency: &str,
    date: &str,
    code: &str,
    unit_price: &str,
) -> (String, String, LineStatus, String) {
    let origin = if matches!(destination, "CA" | "MX") { "US" } else { "CA" };
    let q = quote(json!({"destination": destination, "currency": currency, "date": date, "channel": "courier",
        "origin": origin, "ship_from": origin, "business_buyer": true,
        "lines": [{"id": "x", "code": code, "quantity": "1", "unit_price": unit_price, "weight_kg": "1"}]}));
    let l = &q.lines[0];
    let t = l.levies.iter().find(|v| v.kind == LevyKind::Tax).expect("a tax levy");
    let tax = t.amount.or(t.partial_amount).map(|a| a.to_string()).unwrap_or_default();
    (tax, t.formula.to_string(), l.status, l.reason.clone().unwrap_or_default())
}

#[test]
fn plants_and_cut_flowers_take_the_reduced_rate_directive_annex_iii_11a_jj_m1() {
    // Directive 2006/112/EC Annex III point (11a) (Directive (EU) 2022/542): "live plants and
    // other floricultural products, including bulbs, roots and the like, cut flowers and
    // ornamental foliage". A state not encoded (BE: 6 %, not encoded) is a lower bound naming
    // eu-plants, no longer its standard rate complete (BE 0602.90 was 21 %).
    for (dest, code) in [("BE", "0602.90"), ("ES", "0603.11"), ("PL", "0603.11")] {
        let (_, formula, status, reason) = taxed(dest, "EUR", "2026-11-26", code, "1000.00");
        assert!(
            status == LineStatus::Partial && reason.contains("vat_classes.tsv#eu-plants"),
            "{dest}: {formula} | {reason}"
        );
    }
    // NL: Wet OB 1968 tabel I post a.48 "sierteeltproducten, te weten: bloembollen, bloemen,
    // planten en boomkwekerijproducten": 9 % as the lower bound (dyed flowers 21 %), was 21 %.
    let (_, formula, status, reason) = taxed("NL", "EUR", "2026-11-26", "0603.11", "1000.00");
    assert!(
        status == LineStatus::Partial && formula.starts_with("9% ×") && reason.contains("nl-plants"),
        "{formula} | {reason}"
    );
    // IE: VATCA 2010 Sch. 3 para 22(1) (Revenue, 'VAT and Horticultural Retailers'): fresh cut
    // flowers 13.5 % by code (was 23 %); plants for sowing to produce food zero (Sch. 2 para 12(4)),
    // so live plants are a lower bound at zero.
    let (_, formula, _, _) = taxed("IE", "EUR", "2026-11-26", "0603.11", "1000.00");
    assert!(formula.starts_with("13.5% ×") && formula.contains("vat_classes.tsv#ie-cut-flowers"), "{formula}");
    let (_, formula, status, reason) = taxed("IE", "EUR", "2026-11-26", "0602.90", "1000.00");
    assert!(status == LineStatus::Partial && reason.contains("ie-plants"), "{formula} | {reason}");
    // AT: UStG 1994 § 10 Abs. 3 and Anlage 2 Z 2-5 (13 % from 2016-01-01): live plants 0602 and
    // fresh cut flowers 0603.1x at 13 % by code (listed, not priced: AT's 13 % is `verify` in the
    // VAT tables); dried flowers 0603.90 are not listed: 20 %. Before 2016 the EU row's lower bound.
    // AT now has rows, so it carries the EU fallback rows as its own (a book: at-books).
    for code in ["0602.90", "0603.11"] {
        let (_, formula, _, reason) = taxed("AT", "EUR", "2026-11-26", code, "1000.00");
        assert!(
            formula.starts_with("13% ×") && formula.contains("vat_classes.tsv#at-plants"),
            "{code}: {formula} | {reason}"
        );
    }
    let (_, formula, _, reason) = taxed("AT", "EUR", "2026-11-26", "0603.90", "1000.00");
    assert!(formula.starts_with("20% ×") && !formula.contains("vat_classes"), "{formula} | {reason}");
    let day = |s: &str| landed::date::Date::parse(s).unwrap();
    let rows = &crate::common::engine().rules().vat_classes;
    let before = rows.iter().find(|r| r.id == "at-plants-before-2016").expect("the row");
    assert!(before.in_force(day("2015-12-31")) && !before.in_force(day("2016-01-01")));
    let (_, _, _, reason) = taxed("AT", "EUR", "2026-11-26", "4901.99", "200.00");
    assert!(reason.contains("vat_classes.tsv#at-books"), "{reason}");
    // Portugal carries the EU fallback rows as its own.
    let (_, _, status, reason) = taxed("PT", "EUR", "2026-11-26", "0602.90", "1000.00");
    assert!(status == LineStatus::Partial && reason.contains("pt-plants"), "{reason}");
}

#[test]
fn ie_childrens_car_seats_are_at_the_reduced_rate_revenue_car_safety_belts_jj_m4() {
    // Revenue VAT rates database, 'CAR SAFETY BELTS': "The supply and repair of Childrens Car
    // Safety Seats in new and used cars is liable at the Reduced rate" (13.5 %); 9401.20 also holds
    // adults' vehicle seats (23 %): a lower bound at 13.5 %, was 23 % complete.
    let (_, formula, status, reason) = taxed("IE", "EUR", "2026-11-26", "9401.20", "1000.00");
    assert!(status == LineStatus::Partial && formula.starts_with("13.5% ×"), "{formula} | {reason}");
    assert!(reason.contains("vat_classes.tsv#ie-child-car-seats") && reason.contains("vat_class"), "{reason}");
}

#[test]
fn au_menstrual_products_are_gst_free_from_2019_health_goods_determination_2018_jj_m3() {
    // GST Act s.38-47(1); GST-free Health Goods Determination 2018 (F2018L01624), commencing
    // 2019-01-01, Sch. 1 item 1 "maternity pads, menstrual cups, menstrual pads and liners,
    // menstrual underwear, tampons ...". 9619 also holds nappies (10 %): a lower bound at zero.
    let (tax, formula, status, reason) = taxed("AU", "AUD", "2026-11-26", "9619.00", "5000.00");
    assert!(status == LineStatus::Partial && reason.contains("vat_classes.tsv#au-sanitary"), "{formula} | {reason}");
    assert!(formula.starts_with("0% ×"), "{tax} {formula}");
    // Before the determination: 10 %, no row.
    let (_, formula, _, reason) = taxed("AU", "AUD", "2018-06-01", "9619.00", "5000.00");
    assert!(formula.starts_with("10% ×") && !reason.contains("au-sanitary"), "{formula} | {reason}");
}

#[test]
fn gb_dog_and_cat_food_is_standard_rated_vata_sch_8_group_1_excepted_item_6_jj_m10() {
    // VATA 1994 Sch. 8 Group 1 excepted item 6 "Pet foods, canned, packaged or prepared"; CN
    // 2309.10 is dog or cat food put up for retail sale: 20 % by code (was a lower bound at 0,
    // gb-feed); other feed (2309.90) stays gb-feed's lower bound.
    let (tax, formula, status, _) = taxed("GB", "GBP", "2026-11-26", "2309.10", "1000.00");
    assert!(
        formula.starts_with("20% ×") && formula.contains("vat_classes.tsv#gb-pet-food"),
        "{tax} {formula} {status:?}"
    );
    let (_, _, status, reason) = taxed("GB", "GBP", "2026-11-26", "2309.90", "1000.00");
    assert!(status == LineStatus::Partial && reason.contains("gb-feed"), "{reason}");
}

#[test]
fn ie_sugar_confectionery_and_au_flavoured_waters_settle_the_standard_rate_jj_m9() {
    // IE: VATCA 2010 Sch. 2 para 8 excepts confectionery from the food zero rate; the Minister for
    // Finance (Dáil, 2012-10-25, [46975/12]): "sweets and chocolate and similar confectionery" are
    // at the standard rate. 1704 at 23 % by code, was a lower bound at zero (ie-food-partly).
    let (_, formula, _, reason) = taxed("IE", "EUR", "2026-11-26", "1704.90", "1000.00");
    assert!(
        formula.starts_with("23% ×") && formula.contains("vat_classes.tsv#ie-confectionery"),
        "{formula} | {reason}"
    );
    // AU: GST Act s.38-3(1)(d) and Schedule 2 (item 14: only "natural water, non-carbonated and
    // without any other additives"): sweetened or flavoured waters 2202.10 bear 10 %, was au-food's 0.
    let (_, formula, _, reason) = taxed("AU", "AUD", "2026-11-26", "2202.10", "5000.00");
    assert!(
        formula.starts_with("10% ×") && formula.contains("vat_classes.tsv#au-flavoured-waters"),
        "{formula} | {reason}"
    );
}

#[test]
fn gb_incontinence_articles_are_zero_rated_for_a_disabled_person_vata_sch_8_group_12_jj_m7() {
    // VATA 1994 Sch. 8 Group 12 item 2; HMRC VRDP21000: incontinence products are zero-rated when
    // supplied to (imported by) an incontinent person or a charity; otherwise 20 %. UK tariff
    // 9619.00.89: a lower bound at zero naming the row and vat_class, was 20 % complete.
    let (_, formula, status, reason) = taxed("GB", "GBP", "2026-11-26", "9619.00.89", "1000.00");
    assert!(status == LineStatus::Partial && formula.starts_with("0% ×"), "{formula} | {reason}");
    assert!(reason.contains("vat_classes.tsv#gb-incontinence") && reason.contains("vat_class"), "{reason}");
}

#[test]
fn ca_feminine_hygiene_products_are_zero_rated_from_july_2015_eta_sch_vi_part_ii_1_jj_m2() {
    // Excise Tax Act Sch. VI Part II.1 s.1: "A supply of a product that is marketed exclusively for
    // feminine hygiene purposes and is a sanitary napkin, tampon, sanitary belt, menstrual cup or
    // other similar product", applying to supplies on or after 2015-07-01 (Finance Canada,
    // Explanatory Notes, May 2015). 9619 also holds nappies (5 %); the import relief (Sch. VII)
    // was not read: `verify`, a lower bound at zero (was "at least" 5 % = 50.00 on CAD 1,000).
    let (tax, formula, status, reason) = taxed("CA", "CAD", "2026-11-26", "9619.00", "1000.00");
    assert!(status == LineStatus::Partial && formula.starts_with("0% ×") && tax == "0.00", "{formula}");
    assert!(reason.contains("vat_classes.tsv#ca-feminine-hygiene"), "{reason}");
    // Before 2015-07-01: 5 %, no row.
    let (tax, formula, _, _) = taxed("CA", "CAD", "2015-06-01", "9619.00", "1000.00");
    assert!(formula.starts_with("5% ×") && tax == "50.00", "{formula}");
}

#[test]
fn mx_food_and_patent_medicines_are_untaxed_on_import_liva_art_25_iii_and_2_a_jj_m14() {
    // LIVA art. 25 fr. III: no VAT on the import of goods whose sale in Mexico bears none "o
    // cuando sean de los señalados en el artículo 2o.-A"; art. 2o.-A fr. I a) animals and plants
    // not industrialised, b) "Medicinas de patente y productos destinados a la alimentación"
    // (beverages other than milk excepted). Read on reproductions: `verify`, a lower bound at zero
    // (MXN 100,000 coffee was "at least 16,000.00", not priced). Books (not read here) keep 16 %.
    for code in ["0901.21", "3004.90"] {
        let (tax, formula, status, reason) = taxed("MX", "MXN", "2026-11-26", code, "100000.00");
        assert!(status == LineStatus::Partial && formula.starts_with("0% ×") && tax == "0.00", "{code}: {formula}");
        assert!(reason.contains("vat_classes.tsv#mx-") && reason.contains("vat_class"), "{reason}");
    }
    let (_, formula, _, _) = taxed("MX", "MXN", "2026-11-26", "4901.99", "100000.00");
    assert!(formula.starts_with("16% ×"), "{formula}");
}
