//! The UK Trade Tariff API v2 importer on every fixture in `../shared/tariff-sources/uk/api-fixtures`
//! (HMRC API responses captured as test fixtures): the rows it writes, duty texts the engine
//! prices, and errors that name the file and the JSON path.

use landed::duty::{DutyExpr, DutyInput, NotPriceableKind};
use landed::money::Currency;
use landed::units::Quantities;
use landed_datagen::uk_api::{import_dir, read_commodity, DEFAULT_SOURCE};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

fn fixtures() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/tariff-sources/uk/api-fixtures");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared/tariff-sources/uk/api-fixtures not found");
        None
    }
}

/// (valid_from, valid_to, mfn, special, flags) of each row of a fixture.
type Expected<'a> = &'a [(&'a str, &'a str, &'a str, &'a str, &'a str)];

fn rows_of(dir: &Path, file: &str) -> Vec<(String, String, String, String, String, String)> {
    let c = read_commodity(&dir.join(file), DEFAULT_SOURCE).unwrap().expect("a commodity");
    c.rows
        .into_iter()
        .map(|r| {
            assert_eq!(r.source, DEFAULT_SOURCE);
            (r.code, r.valid_from, r.valid_to, r.mfn, r.special, r.flags)
        })
        .collect()
}

fn check(dir: &Path, file: &str, code: &str, expected: Expected<'_>) {
    let got = rows_of(dir, file);
    let want: Vec<_> = expected
        .iter()
        .map(|(f, t, m, s, fl)| {
            (code.to_string(), f.to_string(), t.to_string(), m.to_string(), s.to_string(), fl.to_string())
        })
        .collect();
    assert_eq!(got, want, "{file}");
}

#[test]
fn bovine_animals_compound_third_country_duty_and_a_preference_from_2021() {
    let Some(dir) = fixtures() else { return };
    // Measure 103 (third country duty, from 2012-01-01): components 01 10.2 % and 04 93.1 EUR per
    // DTN (100 kg). Measure 142 for area GB from 2021-01-01: 0.00 %.
    check(
        &dir,
        "0102291010.json",
        "0102291010",
        &[
            ("2012-01-01", "2020-12-31", "10.20% + 93.10 EUR / 100 kg", "", ""),
            ("2021-01-01", "", "10.20% + 93.10 EUR / 100 kg", "0.00% (GB)", ""),
        ],
    );
}

#[test]
fn sows_specific_duty_per_100_kg_and_excise_is_not_a_tariff_duty() {
    let Some(dir) = fixtures() else { return };
    // 103 (series C): 35.10 EUR / DTN. The excise measure (306, series Q) and the certificate
    // wrongly numbered 103 but of series B are not tariff duties: left out.
    check(
        &dir,
        "0103921100.json",
        "0103921100",
        &[
            ("2000-07-01", "2020-12-31", "35.10 EUR / 100 kg", "", ""),
            ("2021-01-01", "", "35.10 EUR / 100 kg", "0.00% (GB)", ""),
        ],
    );
}

#[test]
fn cherry_tomatoes_preferences_by_period_and_preferential_quotas_as_flags() {
    let Some(dir) = fixtures() else { return };
    // 103: 8.00 % from 2021-01-01 to 2021-05-14. Preferences (142) end on 2021-03-31 for CA, CL,
    // CO, EC, EG, GE, LB, MA, MX, PE, PS, SG, TN, UA, ZA and area 1006; TR's starts 2021-01-20.
    // Preferential quotas (143: CH, IL, LB, LI, MA, MD) are flags, not preferences.
    let zero_to_19 = "0.00% (1006,1013,1033,1034,1035,2005,2080,CA,CI,CL,CM,CO,EC,EG,FJ,GE,IS,JP,KE,MK,MX,PE,PG,PS,SM,TN,UA,VN,WS,XC,XK,XL,ZA) 3.50% (LB,MA) 5.80% (SG)";
    let zero_from_20 = "0.00% (1006,1013,1033,1034,1035,2005,2080,CA,CI,CL,CM,CO,EC,EG,FJ,GE,IS,JP,KE,MK,MX,PE,PG,PS,SM,TN,TR,UA,VN,WS,XC,XK,XL,ZA) 3.50% (LB,MA) 5.80% (SG)";
    let april = "0.00% (1013,1033,1034,1035,2005,2080,CI,CM,FJ,IS,JP,KE,MK,PG,SM,TR,VN,WS,XC,XK,XL)";
    check(
        &dir,
        "0702000007.json",
        "0702000007",
        &[
            ("2021-01-01", "2021-01-19", "8.00%", zero_to_19, "quota"),
            ("2021-01-20", "2021-03-31", "8.00%", zero_from_20, "quota"),
            ("2021-04-01", "2021-05-14", "8.00%", april, "quota"),
        ],
    );
}

#[test]
fn plums_entry_price_duty_is_not_priced() {
    let Some(dir) = fixtures() else { return };
    // 103 from 2021-06-01 to 2021-09-30 has no components: its duty rests on entry-price
    // conditions (code V). Singapore's 4.20 % preference ends 2021-06-10.
    check(
        &dir,
        "0809400500.json",
        "0809400500",
        &[
            ("2021-06-01", "2021-06-10", "Entry Price", "4.20% (SG)", ""),
            ("2021-06-11", "2021-09-30", "Entry Price", "", ""),
        ],
    );
    let DutyExpr::NotPriceable { kind, .. } = DutyExpr::parse("Entry Price") else { panic!("priced") };
    assert_eq!(kind, NotPriceableKind::EntryPrice);
}

#[test]
fn biodiesel_trade_remedies_and_suspension_are_flags() {
    let Some(dir) = fixtures() else { return };
    // 103: 10.90 %; 117 (suspension, ships and platforms); 552/554 anti-dumping and
    // countervailing duties on Canada (series D); 142 for CA: 0.00 %.
    check(
        &dir,
        "1516209821.json",
        "1516209821",
        &[("2021-01-01", "", "10.90%", "0.00% (CA)", "suspension,trade_remedy")],
    );
}

#[test]
fn ferro_alloy_safeguard_quota_and_suspension_flags() {
    let Some(dir) = fixtures() else { return };
    // 103: 2.70 % from 1999-01-01; from 2021-01-01 safeguard (696) and additional duties (695),
    // anti-dumping (552), a non-preferential quota (122), a suspension (117), GB preference.
    let expected: Expected<'_> = &[
        ("1999-01-01", "2020-12-31", "2.70%", "", ""),
        ("2021-01-01", "", "2.70%", "0.00% (GB)", "quota,suspension,trade_remedy"),
    ];
    check(&dir, "7202118000.json", "7202118000", expected);
    // The fixture saved as 7202999000.json holds commodity 7202118000: rows follow the content.
    check(&dir, "7202999000.json", "7202118000", expected);
}

#[test]
fn every_duty_text_written_is_priced_by_the_engine_or_classified() {
    let Some(dir) = fixtures() else { return };
    let (table, areas) = import_dir(&dir, DEFAULT_SOURCE).unwrap();
    let area_ids: Vec<&str> = areas.lines().skip(1).filter_map(|l| l.split('\t').next()).collect();
    let mut priced = 0;
    for line in table.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 10, "{line}");
        assert!(prices(f[5]).is_some() || f[5] == "Entry Price", "{}: not priced", f[5]);
        for (rate, codes) in landed::rules::us::special_rates(f[6]) {
            assert!(prices(&rate).is_some(), "{rate}: not priced");
            for c in codes {
                assert!(area_ids.contains(&c.as_str()), "area {c} of {} is not in the areas table", f[0]);
            }
            priced += 1;
        }
    }
    assert!(priced > 0);
    // The compound duty of 0102291010 on hand-worked figures: 10.20 % × 1,000.00 EUR = 102.00,
    // 93.10 EUR × 250 kg / 100 kg = 232.75; total 334.75 EUR.
    assert_eq!(prices("10.20% + 93.10 EUR / 100 kg"), Some(Decimal::new(33475, 2)));
    assert_eq!(prices("35.10 EUR / 100 kg"), Some(Decimal::new(8775, 2)));
}

/// The duty on 1,000.00 EUR of goods weighing 250 kg, if the engine prices the text.
fn prices(text: &str) -> Option<Decimal> {
    let mut q = Quantities::new();
    q.add_text("250kg", "qty").unwrap();
    let r = DutyExpr::parse(text).evaluate(&DutyInput::value_only(Decimal::new(100000, 2), Currency::EUR, &q));
    r.priceable.then_some(r.amount).flatten()
}

#[test]
fn the_country_list_is_skipped_and_areas_list_their_members() {
    let Some(dir) = fixtures() else { return };
    assert!(read_commodity(&dir.join("countries.json"), DEFAULT_SOURCE).unwrap().is_none());
    let (_, areas) = import_dir(&dir, DEFAULT_SOURCE).unwrap();
    let cariforum = areas.lines().find(|l| l.starts_with("1033\t")).expect("CARIFORUM");
    assert_eq!(cariforum, "1033\tCARIFORUM\tAG BB BS BZ DM DO GD GY JM KN LC TT VC");
}

/// A scratch folder for this test, emptied first.
fn scratch(name: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).unwrap();
    p
}

#[test]
fn malformed_measure_is_an_error_naming_the_file_and_json_path() {
    let Some(dir) = fixtures() else { return };
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("0702000007.json")).unwrap()).unwrap();
    json["import_measures"][3]["measure_type"]["id"] = serde_json::json!(103);
    let tmp = scratch("uk_api_malformed");
    let path = tmp.join("0702000007.json");
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
    let err = read_commodity(&path, DEFAULT_SOURCE).unwrap_err().to_string();
    assert!(err.contains("0702000007.json: $.import_measures[3].measure_type.id: expected a string"), "{err}");
    // A start date that is not a date.
    json["import_measures"][3]["measure_type"]["id"] = serde_json::json!("103");
    json["import_measures"][1]["effective_start_date"] = serde_json::json!("soon");
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
    let err = read_commodity(&path, DEFAULT_SOURCE).unwrap_err().to_string();
    assert!(
        err.contains("0702000007.json: $.import_measures[1].effective_start_date: \"soon\" is not a date"),
        "{err}"
    );
    // An object that is not a commodity.
    std::fs::write(&path, b"{\"import_measures\": []}").unwrap();
    let err = read_commodity(&path, DEFAULT_SOURCE).unwrap_err().to_string();
    assert!(err.contains("0702000007.json: $: missing \"goods_nomenclature_item_id\""), "{err}");
    // Not JSON at all.
    let bad = tmp.join("broken.json");
    std::fs::write(&bad, b"{\"goods_nomenclature_item_id\": ").unwrap();
    let err = read_commodity(&bad, DEFAULT_SOURCE).unwrap_err().to_string();
    assert!(err.contains("broken.json: $:"), "{err}");
}

#[test]
fn two_files_disagreeing_on_a_code_are_an_error_naming_both() {
    let Some(dir) = fixtures() else { return };
    let tmp = scratch("uk_api_conflict");
    let original = std::fs::read(dir.join("7202118000.json")).unwrap();
    std::fs::write(tmp.join("a.json"), &original).unwrap();
    let mut json: serde_json::Value = serde_json::from_slice(&original).unwrap();
    let measures = json["import_measures"].as_array_mut().unwrap();
    let third = measures
        .iter_mut()
        .find(|m| m["measure_type"]["id"] == "103" && m["measure_type"]["measure_type_series_id"] == "C")
        .unwrap();
    third["measure_components"][0]["duty_amount"] = serde_json::json!(3.5);
    std::fs::write(tmp.join("b.json"), serde_json::to_vec(&json).unwrap()).unwrap();
    let err = import_dir(&tmp, DEFAULT_SOURCE).unwrap_err().to_string();
    assert!(err.contains("b.json and a.json give different rows for 7202118000"), "{err}");
}

/// A nested commodity as the API sends it: a JSON:API document whose resources are the nested
/// objects, each relationship a `{type, id}` link to an `included` resource.
fn to_json_api(nested: &serde_json::Value) -> serde_json::Value {
    fn resource(
        kind: &str,
        v: &serde_json::Value,
        included: &mut Vec<serde_json::Value>,
        next: &mut usize,
    ) -> serde_json::Value {
        let mut attributes = serde_json::Map::new();
        let mut relationships = serde_json::Map::new();
        for (k, x) in v.as_object().unwrap() {
            let link = |x: &serde_json::Value, included: &mut Vec<serde_json::Value>, next: &mut usize| {
                *next += 1;
                let id = next.to_string();
                let mut r = resource(k, x, included, next);
                r["id"] = serde_json::json!(id);
                included.push(r);
                serde_json::json!({"type": k, "id": id})
            };
            match x {
                serde_json::Value::Object(_) if k != "meta" => {
                    let l = link(x, included, next);
                    relationships.insert(k.clone(), serde_json::json!({ "data": l }));
                }
                serde_json::Value::Array(items) if items.iter().any(|i| i.is_object()) => {
                    let links: Vec<_> = items.iter().map(|i| link(i, included, next)).collect();
                    relationships.insert(k.clone(), serde_json::json!({ "data": links }));
                }
                _ => {
                    attributes.insert(k.clone(), x.clone());
                }
            }
        }
        serde_json::json!({"type": kind, "attributes": attributes, "relationships": relationships})
    }
    let mut included = Vec::new();
    let mut next = 0;
    let mut data = resource("commodity", nested, &mut included, &mut next);
    data["id"] = serde_json::json!("0");
    serde_json::json!({"data": data, "included": included})
}

#[test]
fn json_api_documents_give_the_same_rows_as_nested_commodities() {
    let Some(dir) = fixtures() else { return };
    let tmp = scratch("uk_api_json_api");
    for file in ["0102291010.json", "0702000007.json", "0809400500.json", "1516209821.json", "7202118000.json"] {
        let nested: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join(file)).unwrap()).unwrap();
        let doc = to_json_api(&nested);
        assert!(doc["data"].get("goods_nomenclature_item_id").is_none(), "a real JSON:API document");
        std::fs::write(tmp.join(file), serde_json::to_vec(&doc).unwrap()).unwrap();
        let nested_rows = read_commodity(&dir.join(file), DEFAULT_SOURCE).unwrap().unwrap().rows;
        let api_rows = read_commodity(&tmp.join(file), DEFAULT_SOURCE).unwrap().unwrap().rows;
        assert_eq!(api_rows, nested_rows, "{file}");
    }
    // Paths in a JSON:API document run through the resolved relationships.
    let mut doc = to_json_api(&serde_json::from_slice(&std::fs::read(dir.join("7202118000.json")).unwrap()).unwrap());
    let first_measure = doc["data"]["relationships"]["import_measures"]["data"][0]["id"].clone();
    for r in doc["included"].as_array_mut().unwrap() {
        if r["id"] == first_measure {
            r["attributes"]["effective_start_date"] = serde_json::json!(42);
        }
    }
    std::fs::write(tmp.join("bad.json"), serde_json::to_vec(&doc).unwrap()).unwrap();
    let err = read_commodity(&tmp.join("bad.json"), DEFAULT_SOURCE).unwrap_err().to_string();
    assert!(err.contains("bad.json: data.import_measures[0].effective_start_date: expected a string"), "{err}");
}
