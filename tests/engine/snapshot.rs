//! The embedded snapshot: agreement with the raw source files, lookups,
//! and rejection of corrupted bytes.

use crate::common::{engine, sources};
use landed::date::Date;
use landed::error::ErrorCode;
use landed::hs::HsCode;
use landed::snapshot::{Match, Snapshot};
use std::path::PathBuf;

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// Deterministic sample of indexes (a linear congruential generator; no clock, no RNG crate).
fn sample(len: usize, n: usize, seed: u64) -> Vec<usize> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((x >> 33) as usize) % len
        })
        .collect()
}

fn raw_rows(path: PathBuf, code_col: &str, duty_col: &str) -> Vec<(String, String)> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_path(path).unwrap();
    let headers = rdr.byte_headers().unwrap().clone();
    let pos = |name: &str| {
        headers.iter().position(|h| String::from_utf8_lossy(h).trim_start_matches('\u{feff}') == name).unwrap()
    };
    let (c, d) = (pos(code_col), pos(duty_col));
    rdr.byte_records()
        .map(|r| {
            let r = r.unwrap();
            let text = |b: &[u8]| {
                let s: String = match std::str::from_utf8(b) {
                    Ok(s) => s.into(),
                    Err(_) => b.iter().map(|&x| x as char).collect(),
                };
                s.split_whitespace().collect::<Vec<_>>().join(" ")
            };
            (text(r.get(c).unwrap()), text(r.get(d).unwrap()))
        })
        .collect()
}

#[test]
fn sampled_codes_match_the_raw_source_files() {
    let Some(dir) = sources() else {
        eprintln!("skipped: ../shared/tariff-sources not found");
        return;
    };
    let snap = engine().snapshot();
    let cases = [
        ("US", "us/tariff_database_2025_06062025.csv", "hts8", "mfn_text_rate", "2025-06-06"),
        ("GB", "uk/global-uk-tariff_2021-01-27.csv", "commodity", "ukgt_duty_rate", "2021-06-01"),
        ("DE", "uk/global-uk-tariff_2021-01-27.csv", "commodity", "cet_duty_rate", "2021-06-01"),
    ];
    for (dest, file, code_col, duty_col, on) in cases {
        let rows = raw_rows(dir.join(file), code_col, duty_col);
        let mut checked = 0;
        for i in sample(rows.len(), 400, 0x1a2b3c + dest.len() as u64) {
            let (code, duty) = &rows[i];
            if code.starts_with("99") {
                continue; // chapter 99 rows carry dated duplicates; checked through lookups elsewhere
            }
            let found = snap.lookup(dest, &HsCode::parse(code).unwrap(), date(on)).unwrap();
            assert_eq!(found.kind, Match::Exact, "{dest} {code}");
            assert_eq!(found.lines[0].row.mfn, duty, "{dest} {code}");
            checked += 1;
        }
        assert!(checked >= 350, "{dest}: only {checked} checked");
    }
}

#[test]
fn every_national_line_is_present() {
    let snap = engine().snapshot();
    let codes =
        |j: &str| snap.rows(snap.table(j).unwrap()).map(|r| r.code()).collect::<std::collections::BTreeSet<_>>().len();
    assert!(codes("US") >= 12_800, "US {}", codes("US"));
    assert_eq!(codes("GB"), 11_830);
    assert_eq!(codes("EU"), 11_830);
}

#[test]
fn lookups_of_the_issue_examples() {
    let snap = engine().snapshot();
    let on = date("2026-03-01");
    let us = snap.lookup("US", &HsCode::parse("6404.11.20").unwrap(), on).unwrap();
    // HTS 2026 revision 3 (in force from 2026-02-12) prints 10.5%; the 2025 database, 10.50%.
    assert_eq!(us.lines[0].row.mfn, "10.5%");
    assert_eq!(snap.source(&us.lines[0].row).publisher, "U.S. International Trade Commission");
    let gb = snap.lookup("GB", &HsCode::parse("6109100010").unwrap(), on).unwrap();
    assert_eq!((gb.kind, gb.matched_code.as_str(), gb.lines[0].row.mfn), (Match::Prefix, "61091000", "12.0%"));
    let de = snap.lookup("DE", &HsCode::parse("22042109").unwrap(), on).unwrap();
    assert_eq!((de.jurisdiction, de.lines[0].row.mfn), ("EU", "32.00 EUR / hl"));
    let heading = snap.lookup("GB", &HsCode::parse("6109").unwrap(), on).unwrap();
    assert_eq!(heading.kind, Match::Partial);
    assert_eq!(heading.lines.len(), 3);
    assert!(heading.min_percent.is_some() && heading.max_percent.is_some());
}

#[test]
fn unknown_codes_and_destinations_are_typed_errors() {
    let snap = engine().snapshot();
    let on = date("2026-03-01");
    let e = snap.lookup("GB", &HsCode::parse("61093").unwrap(), on).unwrap_err();
    assert_eq!(e.code, ErrorCode::UnknownCode);
    assert!(e.message.contains("6109"), "{}", e.message);
    let e = snap.lookup("CA", &HsCode::parse("6109").unwrap(), on).unwrap_err();
    assert_eq!(e.code, ErrorCode::NoTariff);
    // Before the UK Global Tariff existed.
    let e = snap.lookup("GB", &HsCode::parse("61091000").unwrap(), date("2019-01-01")).unwrap_err();
    assert_eq!(e.code, ErrorCode::Date);
}

#[test]
fn corrupted_or_truncated_snapshots_are_rejected_by_hash() {
    let bytes = landed::snapshot::embedded_bytes().to_vec();
    // The embedded snapshot is decoded without re-hashing; its trailer must be its real hash.
    assert_eq!(Snapshot::decode(&bytes).unwrap().sha256, engine().snapshot().sha256);
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x01;
    assert_eq!(Snapshot::decode(&flipped).unwrap_err().code, ErrorCode::Snapshot);
    assert_eq!(Snapshot::decode(&bytes[..bytes.len() - 100]).unwrap_err().code, ErrorCode::Snapshot);
    assert_eq!(Snapshot::decode(b"").unwrap_err().code, ErrorCode::Snapshot);
}

#[test]
fn description_blob_is_bound_to_its_core() {
    let core = Snapshot::decode(landed::snapshot::embedded_bytes()).unwrap();
    assert!(!core.has_text());
    let text = landed::snapshot::embedded_text_bytes();
    let mut flipped = text.to_vec();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x20;
    assert_eq!(core.attach_text(&flipped).unwrap_err().code, ErrorCode::Snapshot);
    core.attach_text(text).unwrap();
    let row = core.rows(core.table("GB").unwrap()).next().unwrap();
    assert!(!core.description(row).is_empty());
}

#[test]
fn description_search_ranks_the_right_line_first() {
    let top =
        |q: &str, dest: &str| landed::search::search(&engine(), q, dest, 5).unwrap().first().map(|c| c.code.clone());
    assert_eq!(top("cotton t-shirt", "GB").as_deref(), Some("61091000"));
    assert_eq!(top("laptop", "US").as_deref(), Some("84713001"));
    assert_eq!(top("sneakers", "DE").as_deref(), Some("64041100"));
    assert!(landed::search::search(&engine(), "", "GB", 5).unwrap().is_empty());
    // No tariff for CA: a typed error, not an empty list that reads as "nothing matched".
    let e = landed::search::search(&engine(), "cotton", "CA", 5).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (landed::error::ErrorCode::NoTariff, Some("destination")));
}

/// Three cotton T-shirts from China: a national line of the destination's tariff (UK Global
/// Tariff and EU TARIC 6109100010; to the US a statistical line of HTSUS 2026 6109.10.00,
/// 6109100012: 6109100010 is no US statistical line since fix-k3).
fn cart(destination: &str) -> landed::QuoteRequest {
    let code = match destination {
        "US" => US_TEE,
        _ => "6109100010",
    };
    landed::request::from_json(&format!(
        r#"{{"destination":"{destination}","currency":"EUR","date":"2026-03-02","origin":"CN",
            "lines":[{{"id":"tee","code":"{code}","quantity":"3","unit_price":"120.00"}}]}}"#
    ))
    .unwrap()
}

/// The US statistical line of the cart's T-shirts (HTSUS 2026 6109.10.00.12).
const US_TEE: &str = "6109100012";

#[test]
fn a_snapshot_blob_loads_and_a_corrupt_one_is_a_typed_error() {
    let blob = landed::snapshot::embedded_bytes().to_vec();
    let loaded = landed::Engine::from_bytes(blob.clone()).unwrap();
    assert_eq!(loaded.snapshot_id(), engine().snapshot_id());
    assert_eq!(loaded.quote(&cart("DE")).unwrap(), engine().quote(&cart("DE")).unwrap());
    for flip in [9, blob.len() / 2, blob.len() - 1] {
        let mut bad = blob.clone();
        bad[flip] ^= 0x55;
        assert_eq!(landed::Engine::from_bytes(bad).unwrap_err().code, ErrorCode::Snapshot, "byte {flip}");
    }
    // The engine in service is untouched by a rejected blob.
    assert!(engine().quote(&cart("DE")).is_ok());
}

/// The snapshot as the browser build compiles it: rules inline, every other part apart.
fn browser_build() -> &'static landed::snapshot::write::Compiled {
    use landed::snapshot::write::{compile, Inline};
    static COMPILED: std::sync::LazyLock<landed::snapshot::write::Compiled> =
        std::sync::LazyLock::new(|| compile(&PathBuf::from(env!("CARGO_MANIFEST_DIR")), Inline::RulesOnly).unwrap());
    &COMPILED
}

/// A fresh engine over the browser build's core (no part attached).
fn core_only() -> landed::Engine {
    landed::Engine::from_bytes(browser_build().core.clone()).unwrap()
}

/// Attaches the parts named (`EU:61-62` for a chapter part, `us_reciprocal.tsv` for a file,
/// `us_scopes.tsv:58-61` for a file's chapter part).
fn attach(engine: &landed::Engine, names: &[impl AsRef<str>]) {
    for name in names {
        let name = name.as_ref();
        let part = browser_build()
            .parts
            .iter()
            .find(|p| p.name == name || p.name == format!("table:{name}"))
            .unwrap_or_else(|| panic!("no part {name}"));
        assert_eq!(engine.attach_part(part.bytes.clone()).unwrap(), name);
    }
}

fn names(parts: Vec<landed::engine::PartRef>) -> Vec<String> {
    parts.into_iter().map(|p| p.name).collect()
}

/// The destination parts of the rule tables filed by destination (`rules/fees.tsv#US`) a quote
/// to `destination` reads and that are not attached yet, as `missing_parts_for` names them first.
fn rules_of(engine: &landed::Engine, destination: &str) -> Vec<String> {
    names(engine.missing_parts(destination)).into_iter().filter(|n| n.contains('#')).collect()
}

/// [`rules_of`], then `rest`.
fn with_rules(engine: &landed::Engine, destination: &str, rest: Vec<String>) -> Vec<String> {
    [rules_of(engine, destination), rest].concat()
}

/// The name of the chapter part of `table` holding `code`'s chapter.
fn chapter_part(engine: &landed::Engine, table: &str, code: &str) -> String {
    engine.snapshot().table(table).unwrap().chapter_part(code.as_bytes()).unwrap().part.name.to_string()
}

/// The name of the chapter part of the US scope lists (`us_scopes.tsv`) holding `code`'s chapter.
fn scope_part(engine: &landed::Engine, code: &str) -> String {
    engine.rules().us_scopes().part_for(code.as_bytes()).unwrap().name.to_string()
}

/// The chapter part of the US lines' suffixes and value brackets (`us_lines.tsv`) holding `code`.
fn lines_part(engine: &landed::Engine, code: &str) -> String {
    engine.rules().us_lines().part_for(code.as_bytes()).unwrap().name.to_string()
}

/// The US tables read only by US quotes (`Rules::us`): parts of their own in the browser build.
const US_FILES: [&str; 4] =
    ["us_reciprocal.tsv", "rules/us_layers.tsv", "rules/us_scopes_extra.tsv", "rules/preferences.tsv"];

/// Japan's EPA/GSP programme table: a part of its own in the browser build.
const JP_PROGRAMMES: &str = "rules/jp_programmes.tsv";

/// Japan's own rule tables (`rules::programme_files`): its programmes, simplified tariff and
/// personal-use valuation, each a part of its own in the browser build, named in this order.
const JP_FILES: [&str; 4] =
    [JP_PROGRAMMES, "rules/jp_simplified.tsv", "rules/jp_personal_use.tsv", "rules/jp_brackets.tsv"];

/// `first`, Japan's own tables, then `rest`, as part names.
fn with_jp(first: String, rest: &str) -> Vec<String> {
    [vec![first], JP_FILES.map(String::from).to_vec(), vec![rest.to_string()]].concat()
}

/// Attaches what `missing_parts_for` names until it names nothing; returns each round's names.
fn prepare_request(engine: &landed::Engine, req: &landed::QuoteRequest) -> Vec<Vec<String>> {
    let mut rounds = Vec::new();
    loop {
        let missing = names(engine.missing_parts_for(req));
        if missing.is_empty() {
            return rounds;
        }
        attach(engine, &missing);
        rounds.push(missing);
        assert!(rounds.len() <= 3, "missing_parts_for converges: {rounds:?}");
    }
}

#[test]
fn tariff_parts_load_on_demand_and_price_as_the_embedded_snapshot_does() {
    let core_only = core_only();
    assert_eq!(core_only.snapshot_id(), engine().snapshot_id(), "the id does not depend on what is inline");
    let missing = names(core_only.missing_parts("DE"));
    let eu = core_only.snapshot().table("EU").unwrap();
    let hs = core_only.snapshot().table("HS").unwrap();
    // No code known: every chapter part of the EU tariff and of the HS nomenclature, the
    // correlation and every year of the monthly EU customs rates.
    let monthly = core_only.fx().year_parts(landed::fx::FxMethod::EcbMonthly);
    let rules = rules_of(&core_only, "DE");
    assert!(rules.iter().any(|n| n == "rules/thresholds.tsv#EU"), "{rules:?}");
    assert_eq!(missing.len(), eu.chapters.len() + hs.chapters.len() + rules.len() + 1 + monthly.len(), "{missing:?}");
    assert!(missing.iter().any(|n| n == "hs_correlation.tsv"));
    assert!(monthly.iter().all(|m| missing.contains(&m.to_string())), "{monthly:?}");
    // A part of another table, or foreign bytes, is refused by hash.
    assert_eq!(core_only.attach_part(b"not a part".to_vec()).unwrap_err().code, ErrorCode::Snapshot);
    attach(&core_only, &missing);
    assert!(core_only.missing_parts("DE").is_empty());
    assert_eq!(core_only.quote(&cart("DE")).unwrap(), engine().quote(&cart("DE")).unwrap());
    // Every row is back once every part is attached: search, the catalogue and `rate` see all.
    assert_eq!(core_only.snapshot().rows(eu).count(), eu.len());
    let top = landed::search::search(&core_only, "cotton t-shirt", "GB", 1);
    assert_eq!(top.unwrap_err().code, ErrorCode::DescriptionsNotLoaded, "search needs descriptions first");
}

#[test]
fn chapter_parts_cover_each_table_in_ascending_chapters() {
    // format.rs: a chapter part holds the rows of its chapters, up to the next part's first.
    let snapshot = engine().snapshot();
    for table in &snapshot.tables {
        assert!(table.chapters.len() > 1, "{} is split", table.jurisdiction);
        let mut rows = 0;
        for (i, chapter) in table.chapters.iter().enumerate() {
            let next = table.chapters.get(i + 1).map_or(100, |c| c.first_chapter);
            assert_eq!(chapter.first_row, rows);
            for row in snapshot.chapter_rows(table, chapter) {
                let c = landed::snapshot::format::chapter(row.code_bytes()).unwrap();
                assert!((chapter.first_chapter..next).contains(&c), "{} in {}", row.code(), chapter.part.name);
            }
            rows += snapshot.chapter_rows(table, chapter).len();
        }
        assert_eq!(rows, table.len(), "{}", table.jurisdiction);
        assert_eq!(snapshot.rows(table).count(), table.len());
    }
}

#[test]
fn a_quote_fetches_only_the_chapter_parts_of_its_codes() {
    // Issue 11 item 5: a product page pays for the chapters it prices, not the whole tariff.
    let core_only = core_only();
    let tee = chapter_part(&core_only, "GB", "6109100010");
    let mut in_gbp = cart("GB");
    in_gbp.currency = landed::money::Currency::GBP;
    let gb_rules = rules_of(&core_only, "GB");
    let rounds = prepare_request(&core_only, &in_gbp);
    // Prices in pounds convert nothing: HMRC's rates are not fetched.
    assert_eq!(rounds, [[gb_rules, vec![tee.clone(), "hs_correlation.tsv".into()]].concat()]);
    assert_eq!(core_only.quote(&in_gbp).unwrap(), engine().quote(&in_gbp).unwrap());
    // The other chapters stay unloaded: `missing_parts` still names them.
    let gb = core_only.snapshot().table("GB").unwrap();
    assert_eq!(
        core_only.missing_parts("GB").iter().filter(|p| p.name.starts_with("GB:")).count(),
        gb.chapters.len() - 1
    );
    // The US: the code's chapter part, the scope lists of its chapter, the chapter 99 layers and
    // reciprocal table (data files, not chapter 99 rows), no HS nomenclature.
    let core_only = self::core_only();
    let mut in_usd = cart("US");
    in_usd.currency = landed::money::Currency::USD;
    let us_rules = rules_of(&core_only, "US");
    let rounds = prepare_request(&core_only, &in_usd);
    let us_tee = chapter_part(&core_only, "US", US_TEE);
    let scopes_tee = scope_part(&core_only, US_TEE);
    let lines_tee = lines_part(&core_only, US_TEE);
    let us_files = US_FILES.map(String::from);
    assert_eq!(rounds, [[us_rules, vec![us_tee, scopes_tee, lines_tee], us_files.to_vec()].concat()]);
    assert!(!core_only.snapshot().table("US").unwrap().chapter_part(b"99").unwrap().part.is_loaded());
    assert_eq!(core_only.quote(&in_usd).unwrap(), engine().quote(&in_usd).unwrap());
}

#[test]
fn a_quote_whose_chapter_part_is_missing_is_data_not_loaded_naming_it() {
    let core_only = core_only();
    attach(&core_only, &["fx_hmrc_monthly.tsv@2026", "hs_correlation.tsv"]);
    attach(&core_only, &rules_of(&core_only, "GB"));
    let mut in_gbp = cart("GB");
    in_gbp.currency = landed::money::Currency::GBP;
    let tee = chapter_part(&core_only, "GB", "6109100010");
    let err = core_only.quote(&in_gbp).unwrap_err();
    assert_eq!((err.code, err.message.contains(&tee)), (ErrorCode::DataNotLoaded, true), "{err:?}");
    // A look-up too: never an unknown code.
    let err = core_only.rate("GB", "6109100010", date("2026-03-02")).unwrap_err();
    assert_eq!((err.code, err.message.contains(&tee)), (ErrorCode::DataNotLoaded, true), "{err:?}");
    // Another chapter attached does not stand in for it.
    attach(&core_only, &[chapter_part(&core_only, "GB", "8517")]);
    assert_eq!(core_only.quote(&in_gbp).unwrap_err().code, ErrorCode::DataNotLoaded);
}

#[test]
fn an_hs2022_code_correlated_into_another_chapter_names_that_chapter_once_the_correlation_is_here() {
    // HS 2022 040320 (yoghurt, flavoured) was HS 2017 040310 and 190190 (UN/WCO HS 2022 ↔ HS
    // 2017 correlation, tariffs/hs_correlation.tsv): on the HS 2017 GB tariff both chapters 04
    // and 19 are read.
    let core_only = core_only();
    let (dairy, food) = (chapter_part(&core_only, "GB", "0403"), chapter_part(&core_only, "GB", "1901"));
    assert_ne!(dairy, food, "chapters 04 and 19 are in different parts");
    let req = landed::request::from_json(
        r#"{"destination":"GB","currency":"GBP","date":"2026-03-02","origin":"CN",
            "lines":[{"id":"y","code":"040320","quantity":"1","unit_price":"10.00"}]}"#,
    )
    .unwrap();
    let first = with_rules(&core_only, "GB", vec![dairy, "hs_correlation.tsv".into()]);
    let rounds = prepare_request(&core_only, &req);
    assert_eq!(rounds, [first, vec![food]]);
    assert_eq!(core_only.quote(&req).unwrap(), engine().quote(&req).unwrap());
}

#[test]
fn a_quote_fetches_only_the_years_of_daily_ecb_rates_it_reads() {
    // The daily ECB rates are split per year; a conversion on a date reads that year, and an
    // earlier one only while the year holds no rate of the pair up to the date (ECB euro
    // reference rates: BGN is not quoted from 2026-01-01, when Bulgaria adopted the euro).
    let core_only = core_only();
    let jp = |currency: &str, day: &str| {
        landed::request::from_json(&format!(
            r#"{{"destination":"JP","currency":"{currency}","date":"{day}","origin":"CN",
                "lines":[{{"id":"tee","code":"610910","quantity":"1","unit_price":"100.00"}}]}}"#
        ))
        .unwrap()
    };
    let tee = chapter_part(&core_only, "JP", "610910");
    let first = with_rules(&core_only, "JP", with_jp(tee, "fx_ecb_daily.tsv@2026"));
    let rounds = prepare_request(&core_only, &jp("EUR", "2026-03-02"));
    assert_eq!(rounds, [first]);
    assert_eq!(core_only.quote(&jp("EUR", "2026-03-02")).unwrap(), engine().quote(&jp("EUR", "2026-03-02")).unwrap());
    // In yen: no conversion, no rates.
    assert!(core_only.missing_parts_for(&jp("JPY", "2025-03-03")).is_empty());
    // BGN in 2026: the 2026 part has no BGN rate, so the lev is read as the euro at its legal
    // conversion rate (rules/fx_euro.tsv, audit-x X11), never at 2025's last fixing: no other
    // year is fetched.
    let bgn = jp("BGN", "2026-03-02");
    assert!(prepare_request(&core_only, &bgn).is_empty());
    assert_eq!(core_only.quote(&bgn).unwrap(), engine().quote(&bgn).unwrap());
    // Japan's stand-in is the average of the week before last (audit-pp PP5): on Monday
    // 2026-01-12 that week, 2025-12-28..2026-01-03, has fixings of both years, so both are read.
    let fresh = self::core_only();
    attach(&fresh, &[vec![chapter_part(&fresh, "JP", "610910")], JP_FILES.map(String::from).to_vec()].concat());
    attach(&fresh, &rules_of(&fresh, "JP"));
    let new_year = jp("EUR", "2026-01-12");
    assert_eq!(prepare_request(&fresh, &new_year), [vec!["fx_ecb_daily.tsv@2026"], vec!["fx_ecb_daily.tsv@2025"]]);
    assert_eq!(fresh.quote(&new_year).unwrap(), engine().quote(&new_year).unwrap());
}

#[test]
fn a_duty_in_a_third_currency_fetches_the_year_of_rates_it_converts_at() {
    // Issue 11: a specific duty in euro on a yen cart to Japan is converted at the customs rate
    // (ECB daily, rules/jurisdictions.tsv) though the prices need no conversion; the year part it
    // reads is named, and the quote equals the one with every part inline.
    let core_only = core_only();
    let req = landed::request::from_json(
        r#"{"destination":"JP","currency":"JPY","date":"2026-03-02","origin":"CN",
            "lines":[{"id":"tee","code":"610910","quantity":"1","unit_price":"1000","weight_kg":"2",
                      "duty_rate":"1.20 EUR/kg"}]}"#,
    )
    .unwrap();
    let tee = chapter_part(&core_only, "JP", "610910");
    let first = with_rules(&core_only, "JP", with_jp(tee, "fx_ecb_daily.tsv@2026"));
    assert_eq!(prepare_request(&core_only, &req), [first]);
    assert_eq!(core_only.quote(&req).unwrap(), engine().quote(&req).unwrap());
}

#[test]
fn data_files_only_some_destinations_need_are_parts_listed_with_the_destination() {
    let core_only = core_only();
    let files = |d: &str| -> Vec<String> {
        names(core_only.missing_parts(d)).into_iter().filter(|n| !n.contains(':') && !n.contains('#')).collect()
    };
    // The daily ECB rates, and the monthly ones that stand in before them (both 1999 to 2026).
    let monthly: Vec<String> = (1999..=2026).map(|y| format!("fx_ecb_monthly.tsv@{y}")).collect();
    let daily: Vec<String> = (1999..=2026).map(|y| format!("fx_ecb_daily.tsv@{y}")).collect();
    let ecb = [daily, monthly.clone()].concat();
    let us_files = US_FILES;
    assert_eq!(files("US"), [us_files.map(String::from).to_vec(), ecb.clone()].concat());
    // HMRC's monthly rates, one part per year (2014 to 2026).
    let hmrc: Vec<String> = (2014..=2026).map(|y| format!("fx_hmrc_monthly.tsv@{y}")).collect();
    let gb = [vec!["hs_correlation.tsv".to_string()], hmrc].concat();
    assert_eq!(files("GB"), gb);
    // The EU: its customs rate is the monthly one.
    assert_eq!(files("DE"), [vec!["hs_correlation.tsv".to_string()], monthly].concat());
    // Northern Ireland applies the UK Global Tariff and HMRC's rates (rules/territories.tsv).
    assert_eq!(files("XI"), gb);
    assert!(names(core_only.missing_parts("XI")).iter().any(|n| n.starts_with("GB:")));
    assert_eq!(files("JP"), [JP_FILES.map(String::from).to_vec(), ecb.clone()].concat());
    assert_eq!(files("FX"), ecb);
    // One request: the daily ECB rates only when it converts through them.
    let mut in_usd = cart("US");
    in_usd.currency = landed::money::Currency::USD;
    let tee = chapter_part(&core_only, "US", US_TEE);
    let scopes = scope_part(&core_only, US_TEE);
    let lines = lines_part(&core_only, US_TEE);
    let us_files = us_files.map(String::from).to_vec();
    let us =
        [rules_of(&core_only, "US"), vec![tee, scopes, lines], us_files, vec!["fx_ecb_daily.tsv@2026".into()]].concat();
    assert_eq!(names(core_only.missing_parts_for(&in_usd)), &us[..us.len() - 1]);
    assert_eq!(names(core_only.missing_parts_for(&cart("US"))), us, "EUR prices need the USD rate");
    let mut shown_in_jpy = in_usd.clone();
    shown_in_jpy.display_currency = Some(landed::money::Currency::parse("JPY").unwrap());
    assert_eq!(names(core_only.missing_parts_for(&shown_in_jpy)), us);
}

#[test]
fn a_quote_needing_a_data_part_not_attached_is_data_not_loaded_naming_it() {
    let core_only = core_only();
    let err = core_only.rules().us().unwrap_err();
    assert_eq!((err.code, err.message.contains("us_reciprocal.tsv")), (ErrorCode::DataNotLoaded, true), "{err:?}");
    // The US tariff alone is not enough: the scope lists of the code's chapter and the
    // reciprocal table are named.
    attach(&core_only, &[chapter_part(&core_only, "US", "6109"), "fx_ecb_daily.tsv@2026".into()]);
    // The US rows of the rule tables filed by destination are parts too (`rules/fees.tsv#US`).
    let err = core_only.quote(&cart("US")).unwrap_err();
    assert_eq!(
        (err.code, err.message.contains("rules/thresholds.tsv#US")),
        (ErrorCode::DataNotLoaded, true),
        "{err:?}"
    );
    attach(&core_only, &rules_of(&core_only, "US"));
    let scopes = scope_part(&core_only, US_TEE);
    let err = core_only.quote(&cart("US")).unwrap_err();
    assert_eq!((err.code, err.message.contains(&scopes)), (ErrorCode::DataNotLoaded, true), "{err:?}");
    attach(&core_only, &[scopes]);
    // The statistical suffixes and value brackets of the code's chapter (docs/rules.md#us-lines).
    let lines = lines_part(&core_only, US_TEE);
    let err = core_only.quote(&cart("US")).unwrap_err();
    assert_eq!((err.code, err.message.contains(&lines)), (ErrorCode::DataNotLoaded, true), "{err:?}");
    attach(&core_only, &[lines]);
    let err = core_only.quote(&cart("US")).unwrap_err();
    assert_eq!((err.code, err.message.contains("us_reciprocal.tsv")), (ErrorCode::DataNotLoaded, true), "{err:?}");
    attach(&core_only, &["us_reciprocal.tsv"]);
    // The layers, scope additions and special programmes (hand-encoded, read only for the US)
    // are parts too.
    let err = core_only.quote(&cart("US")).unwrap_err();
    assert_eq!((err.code, err.message.contains("rules/us_layers.tsv")), (ErrorCode::DataNotLoaded, true), "{err:?}");
    attach(&core_only, &["rules/us_layers.tsv", "rules/us_scopes_extra.tsv"]);
    let err = core_only.quote(&cart("US")).unwrap_err();
    assert_eq!((err.code, err.message.contains("rules/preferences.tsv")), (ErrorCode::DataNotLoaded, true), "{err:?}");
    attach(&core_only, &["rules/preferences.tsv"]);
    assert_eq!(core_only.quote(&cart("US")).unwrap(), engine().quote(&cart("US")).unwrap());
    // GB: HMRC's rates are the legal customs rates, never an ECB stand-in.
    attach(&core_only, &[chapter_part(&core_only, "GB", "6109"), "hs_correlation.tsv".into()]);
    attach(&core_only, &rules_of(&core_only, "GB"));
    let err = core_only.quote(&cart("GB")).unwrap_err();
    let year = "fx_hmrc_monthly.tsv@2026";
    assert_eq!((err.code, err.message.contains(year)), (ErrorCode::DataNotLoaded, true), "{err:?}");
    attach(&core_only, &[year]);
    assert_eq!(core_only.quote(&cart("GB")).unwrap(), engine().quote(&cart("GB")).unwrap());
}

#[test]
fn the_eu_customs_rates_are_a_part_named_before_a_quote_and_priced_as_inline() {
    // Issue 11 item 5: the monthly EU customs rates (the ECB rate of the previous month's
    // penultimate Wednesday, Implementing Regulation (EU) 2015/2447 art. 146;
    // tariffs/fx_ecb_monthly.tsv) leave the browser core, one part per year of their months.
    assert!(browser_build().parts.iter().any(|p| p.name == "fx_ecb_monthly.tsv@2026"));
    let core_only = core_only();
    assert_eq!(core_only.snapshot_id(), engine().snapshot_id(), "the id does not depend on what is inline");
    let tee = chapter_part(&core_only, "EU", "6109100010");
    attach(&core_only, &[tee.as_str(), "hs_correlation.tsv"]);
    attach(&core_only, &rules_of(&core_only, "DE"));
    let mut in_usd = cart("DE");
    in_usd.currency = landed::money::Currency::USD;
    // Not attached: the quote is E_DATA_NOT_LOADED naming the year part, never a missing rate.
    let err = core_only.quote(&in_usd).unwrap_err();
    assert_eq!(
        (err.code, err.message.contains("fx_ecb_monthly.tsv@2026")),
        (ErrorCode::DataNotLoaded, true),
        "{err:?}"
    );
    assert_eq!(prepare_request(&core_only, &in_usd), [vec!["fx_ecb_monthly.tsv@2026"]]);
    let quote = core_only.quote(&in_usd).unwrap();
    assert_eq!(quote, engine().quote(&in_usd).unwrap());
    assert!(quote.fx.iter().any(|f| f.source.contains("EU customs rate for 2026-03")), "{:?}", quote.fx);
    // In euro nothing is converted: no year of rates is named.
    let fresh = self::core_only();
    attach(&fresh, &[tee.as_str(), "hs_correlation.tsv"]);
    attach(&fresh, &rules_of(&fresh, "DE"));
    assert!(fresh.missing_parts_for(&cart("DE")).is_empty());
    assert_eq!(fresh.quote(&cart("DE")).unwrap(), engine().quote(&cart("DE")).unwrap());
    // A daily-rate destination reads the daily rates of its date's year (the table starts
    // 1999-01-04 since session 20, fx-history; before, 2024 read the monthly rates).
    let jp = landed::request::from_json(
        r#"{"destination":"JP","currency":"EUR","date":"2024-06-03","origin":"CN",
            "lines":[{"id":"tee","code":"610910","quantity":"1","unit_price":"100.00"}]}"#,
    )
    .unwrap();
    let jp_tee = chapter_part(&fresh, "JP", "610910");
    let first = with_rules(&fresh, "JP", with_jp(jp_tee, "fx_ecb_daily.tsv@2024"));
    assert_eq!(prepare_request(&fresh, &jp), [first]);
    assert_eq!(fresh.quote(&jp).unwrap(), engine().quote(&jp).unwrap());
}

#[test]
fn japans_programme_table_is_a_part_fetched_only_for_japan() {
    // Issue 11 item 5: `rules/jp_programmes.tsv` (Japan's EPA/GSP columns; the RCEP rate for
    // Chinese originating goods, Customs Tariff Schedules of Japan, RCEP column) is read only by
    // quotes to Japan, so the browser core leaves it out. Until it is attached a claim under a
    // Japanese programme is E_DATA_NOT_LOADED naming it, never "no such programme"; attached,
    // the quote equals the one with every part inline, claim and saving included.
    for file in JP_FILES {
        assert!(browser_build().parts.iter().any(|p| p.name == file), "{file} is a part of its own");
    }
    let core_only = core_only();
    let err = core_only.rules().jp().unwrap_err();
    assert_eq!((err.code, err.message.contains(JP_PROGRAMMES)), (ErrorCode::DataNotLoaded, true), "{err:?}");
    let claimed = landed::request::from_json(
        r#"{"destination":"JP","currency":"JPY","date":"2026-03-02","origin":"CN",
            "lines":[{"id":"tee","code":"610910","quantity":"1","unit_price":"100000","claim":"RCEP_CN"}]}"#,
    )
    .unwrap();
    attach(&core_only, &[chapter_part(&core_only, "JP", "610910")]);
    attach(&core_only, &rules_of(&core_only, "JP"));
    let err = core_only.quote(&claimed).unwrap_err();
    assert_eq!((err.code, err.message.contains(JP_PROGRAMMES)), (ErrorCode::DataNotLoaded, true), "{err:?}");
    // Other destinations never name it.
    for d in ["US", "GB", "DE", "AU"] {
        assert!(!names(core_only.missing_parts(d)).iter().any(|n| n == JP_PROGRAMMES), "{d}");
    }
    assert_eq!(prepare_request(&core_only, &claimed), [JP_FILES.map(String::from).to_vec()]);
    assert_eq!(core_only.quote(&claimed).unwrap(), engine().quote(&claimed).unwrap());
    assert!(!core_only.rules().programmes("JP").is_empty());
}

/// A US cart of one line per code, from `origin` on `date`.
fn us_cart(date: &str, origin: &str, codes: &[&str]) -> landed::QuoteRequest {
    let lines: Vec<String> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                r#"{{"id":"l{i}","code":"{c}","quantity":"2","unit_price":"400.00","metal_content_value":"100.00"}}"#
            )
        })
        .collect();
    landed::request::from_json(&format!(
        r#"{{"destination":"US","currency":"USD","date":"{date}","origin":"{origin}","lines":[{}]}}"#,
        lines.join(",")
    ))
    .unwrap()
}

#[test]
fn us_scope_lists_are_chapter_parts_fetched_for_a_quotes_codes_and_priced_as_inline() {
    // Issue 11 item 5: the Section 232/301, IEEPA and Section 122 lists (tariffs/us_scopes.tsv)
    // are split by HS chapter (format.rs): a code is on a list through a prefix of it or a longer
    // code under it, both in its own chapter. A US page fetches the parts of its codes' chapters
    // only, and the quote equals, byte for byte, the one with every part inline.
    let cases = [
        // Section 301 list 3 and the aluminum annex 1b from 2026-04-06 (s232_annex_products.csv).
        ("2026-04-06", "CN", &["8471300100"][..]),
        // Section 232 steel, note 16 articles until 2026-04-05; a T-shirt in another chapter.
        ("2026-04-05", "CN", &["7326908688", "6109100012"][..]),
        // Semiconductors: a heading read onto 8541/8542 (`:possible`, us_scopes_extra.tsv).
        ("2026-07-01", "KR", &["8541100080"][..]),
        // Civil aircraft in the IEEPA exemption list whose membership is unsettled (2025).
        ("2025-10-01", "GB", &["8802400070", "8807100000"][..]),
        // Mexican potash: the fentanyl carve-out list (chapter 31) and a car (chapter 87).
        ("2026-03-02", "MX", &["3104200000", "8703230190"][..]),
        // Chapter 98 and a code of a chapter no list names before it.
        ("2026-03-02", "CN", &["9801001012", "0101210010"][..]),
    ];
    for (date, origin, codes) in cases {
        let req = us_cart(date, origin, codes);
        let core_only = core_only();
        let mut wanted: Vec<String> = Vec::new();
        for code in codes {
            let part = core_only.rules().us_scopes().part_for(code.as_bytes()).map(|p| p.name.to_string());
            wanted.extend(part.filter(|p| !wanted.contains(p)));
        }
        let rounds = prepare_request(&core_only, &req);
        let scope_parts: Vec<String> = rounds.concat().into_iter().filter(|n| n.starts_with("us_scopes.tsv")).collect();
        assert_eq!(scope_parts, wanted, "{codes:?}");
        let (browser, native) = (core_only.quote(&req).unwrap(), engine().quote(&req).unwrap());
        assert_eq!(browser, native, "{codes:?}");
        assert_eq!(serde_json::to_string(&browser).unwrap(), serde_json::to_string(&native).unwrap());
        // Every other chapter's lists stay unloaded.
        let unloaded = core_only.rules().us_scopes().parts().filter(|p| !p.is_loaded()).count();
        assert_eq!(unloaded, core_only.rules().us_scopes().parts().count() - wanted.len(), "{codes:?}");
    }
    // No code known (look-ups, the what-if tools): every scope part, for the US only.
    let core_only = core_only();
    let all: Vec<String> = core_only.rules().us_scopes().parts().map(|p| p.name.to_string()).collect();
    assert!(all.len() > 10, "{all:?}");
    let us = names(core_only.missing_parts("US"));
    assert!(all.iter().all(|p| us.contains(p)), "{us:?}");
    for d in ["GB", "DE", "JP", "AU"] {
        assert!(!names(core_only.missing_parts(d)).iter().any(|n| n.starts_with("us_scopes.tsv")), "{d}");
    }
}

#[test]
fn a_us_quote_whose_scope_part_is_missing_is_data_not_loaded_naming_it() {
    // The lists of another chapter never stand in: the layers are never decided without the
    // code's own chapter part.
    let core_only = core_only();
    let req = us_cart("2026-04-06", "CN", &["8471300100"]);
    let laptop = scope_part(&core_only, "8471300100");
    let others: Vec<String> = names(core_only.missing_parts_for(&req)).into_iter().filter(|n| *n != laptop).collect();
    attach(&core_only, &others);
    attach(&core_only, &[scope_part(&core_only, "6109100012")]);
    let err = core_only.quote(&req).unwrap_err();
    assert_eq!((err.code, err.message.contains(&laptop)), (ErrorCode::DataNotLoaded, true), "{err:?}");
    let err = core_only.rules().us_scopes_for("8471300100").unwrap_err();
    assert_eq!((err.code, err.message.contains(&laptop)), (ErrorCode::DataNotLoaded, true), "{err:?}");
    attach(&core_only, &[laptop]);
    assert_eq!(core_only.quote(&req).unwrap(), engine().quote(&req).unwrap());
}

#[test]
fn the_scope_parts_hold_every_code_of_the_scope_lists_once_in_its_chapter() {
    // format.rs: each chapter part of us_scopes.tsv is the header and every row naming a code of
    // its chapters, with those codes only; together they are the file.
    use std::collections::BTreeMap;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let whole = std::fs::read_to_string(root.join("tariffs/us_scopes.tsv")).unwrap();
    let header = whole.lines().next().unwrap();
    type Rows = BTreeMap<String, Vec<String>>;
    let add = |rows: &mut Rows, line: &str| {
        let (key, codes) = line.rsplit_once('\t').unwrap();
        rows.entry(key.to_string()).or_default().extend(codes.split(' ').map(String::from));
    };
    let mut expected = Rows::new();
    for line in whole.lines().skip(1) {
        let before = expected.len();
        add(&mut expected, line);
        assert_eq!(expected.len(), before + 1, "each row's scope, dates and file are unique: {line:.60}");
    }
    let mut parts: Vec<(u8, &landed::snapshot::write::Part)> = browser_build()
        .parts
        .iter()
        .filter_map(|p| match landed::snapshot::format::split_chapter_file_part(&p.name) {
            Some(("us_scopes.tsv", first)) => Some((first, p)),
            _ => None,
        })
        .collect();
    parts.sort_by_key(|(first, _)| *first);
    assert!(parts.len() > 10 && !browser_build().parts.iter().any(|p| p.name == "us_scopes.tsv"));
    let mut found = Rows::new();
    for (i, (first, part)) in parts.iter().enumerate() {
        let next = parts.get(i + 1).map_or(100, |(n, _)| *n);
        let text = std::str::from_utf8(&part.bytes).unwrap();
        assert_eq!(text.lines().next(), Some(header), "{}", part.name);
        for line in text.lines().skip(1) {
            for code in line.rsplit_once('\t').unwrap().1.split(' ') {
                let chapter = landed::snapshot::format::chapter(code.as_bytes()).unwrap();
                assert!((*first..next).contains(&chapter), "{code} in {}", part.name);
            }
            add(&mut found, line);
        }
        assert!(!landed::snapshot::write::Inline::RulesOnly.includes(&part.name), "{}", part.name);
    }
    for rows in [&mut expected, &mut found] {
        rows.values_mut().for_each(|codes| codes.sort());
    }
    assert_eq!(found, expected);
}

/// Issue 11 item 5: the rule tables filed by destination (`snapshot::write::KEYED_SPLIT_FILES`:
/// thresholds, VAT classes, hand-encoded VAT rates, fees, trade remedies) leave the browser core
/// one destination at a time (`rules/fees.tsv#US`); natively every part is inline and each
/// table reads back as the file, byte for byte.
#[test]
fn rule_tables_filed_by_destination_read_back_as_their_files() {
    use landed::snapshot::write::{Inline, KEYED_SPLIT_FILES};
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for (path, _) in KEYED_SPLIT_FILES {
        let name = path.strip_prefix("tariffs/").unwrap();
        let file = std::fs::read_to_string(root.join(path)).unwrap();
        assert_eq!(engine().snapshot().assembled_file(name), Some(file.as_str()), "{name}");
        let keyed: Vec<&str> = browser_build()
            .parts
            .iter()
            .map(|p| p.name.as_str())
            .filter(|n| landed::snapshot::format::split_keyed_part(n).is_some_and(|(f, _)| f == name))
            .collect();
        assert!(!keyed.is_empty(), "{name} has destination parts");
        assert!(keyed.iter().all(|n| !Inline::RulesOnly.includes(n) && Inline::All.includes(n)), "{keyed:?}");
        assert!(Inline::RulesOnly.includes(name), "the base part of {name} is inline");
    }
    // The browser core reads only the base parts: fewer rows, each on its line of the file (a
    // row not here is an empty line, so the others keep their numbers).
    let core_only = core_only();
    let text = core_only.snapshot().assembled_file("rules/fees.tsv").unwrap();
    let file = std::fs::read_to_string(root.join("tariffs/rules/fees.tsv")).unwrap();
    assert_eq!(text.lines().count(), file.lines().count());
    assert!(text.lines().zip(file.lines()).all(|(t, f)| t.is_empty() || t == f));
    assert!(text.lines().any(str::is_empty));
    assert!(!core_only.rules().fees.iter().any(|f| f.country == "US"), "the US fees are a part");
}

/// Every destination prices with only its own rule parts attached (`missing_parts_for`: its rows,
/// its groups', and for a territory the rows of the country whose VAT it applies) exactly as
/// with every part inline: a quote never reads another destination's part.
#[test]
fn every_destination_prices_with_only_its_own_rule_parts_as_inline() {
    let mut destinations: Vec<&str> = engine().rules().jurisdictions.iter().map(|j| j.country).collect();
    destinations.dedup();
    assert!(destinations.len() > 40);
    for destination in destinations {
        for (value, code) in [("18.00", "4901990000"), ("2400.00", "6109100010")] {
            let req = landed::request::from_json(&format!(
                r#"{{"destination":"{destination}","currency":"EUR","date":"2026-03-02","origin":"CN",
                    "lines":[{{"id":"a","code":"{code}","quantity":"1","unit_price":"{value}"}},
                             {{"id":"b","code":"0403209100","quantity":"2","unit_price":"{value}"}}]}}"#
            ))
            .unwrap();
            let core_only = core_only();
            let rules = rules_of(&core_only, destination);
            prepare_request(&core_only, &req);
            // Only this destination's rule parts came (no other's is loaded).
            let attached: Vec<&str> = core_only
                .snapshot()
                .files
                .iter()
                .filter(|p| p.is_loaded() && p.name.contains('#'))
                .map(|p| p.name)
                .collect();
            assert_eq!(attached, rules, "{destination}");
            let (got, want) = (core_only.quote(&req), engine().quote(&req));
            assert_eq!(got, want, "{destination} {code}");
        }
    }
}

/// The excise rows and their rates are filed by destination too (`rules/excise.tsv#AU` and
/// `rules/excise_rates.tsv#AU`, the rates under the key of the row they name): a page pricing
/// the US does not download Australia's luxury car tax bands. An excise line prices with only
/// its destination's parts as inline, whichever of the two parts is attached first and read
/// (the rules read between the two: rates whose row is not here yet are left out with it, not an
/// error that would stay).
#[test]
fn excise_rows_and_their_rates_travel_with_their_destination_in_either_order() {
    use landed::snapshot::write::{Inline, KEYED_BY_ROW_FILES};
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for (path, _, _) in KEYED_BY_ROW_FILES {
        let name = path.strip_prefix("tariffs/").unwrap();
        let file = std::fs::read_to_string(root.join(path)).unwrap();
        assert_eq!(engine().snapshot().assembled_file(name), Some(file.as_str()), "{name}");
        assert!(Inline::RulesOnly.includes(name), "the base part of {name} is inline");
    }
    let parts: Vec<&str> = browser_build().parts.iter().map(|p| p.name.as_str()).collect();
    for part in ["rules/excise.tsv#AU", "rules/excise_rates.tsv#AU", "rules/excise_rates.tsv#CA", "rules/excise.tsv#US"]
    {
        assert!(parts.contains(&part) && !Inline::RulesOnly.includes(part), "{part} is a destination part");
    }
    assert!(core_only().rules().excise.iter().all(|e| e.id != "au-lct"));
    assert!(core_only().rules().excise_rates.is_empty(), "every rate is filed with its destination");
    for (destination, currency, code, price) in [
        ("AU", "AUD", "8703231990", "150000.00"),
        ("AU", "AUD", "2204210000", "60.00"),
        ("CA", "CAD", "8703231900", "90000.00"),
        ("GB", "GBP", "2204210000", "60.00"),
        ("DE", "EUR", "2204210000", "60.00"),
        ("US", "USD", "2204210000", "60.00"),
    ] {
        let req = landed::request::from_json(&format!(
            r#"{{"destination":"{destination}","currency":"{currency}","date":"2026-03-02","origin":"CN",
                "lines":[{{"id":"a","code":"{code}","quantity":"1","unit_price":"{price}"}}]}}"#
        ))
        .unwrap();
        for reversed in [false, true] {
            let core_only = core_only();
            let mut rules = rules_of(&core_only, destination);
            if reversed {
                rules.reverse();
            }
            for part in &rules {
                attach(&core_only, &[part]);
                let _ = core_only.rules(); // read with this part and not the next
            }
            prepare_request(&core_only, &req);
            let (got, want) = (core_only.quote(&req), engine().quote(&req));
            assert!(want.is_ok(), "{destination} {code}: {want:?}");
            assert_eq!(got, want, "{destination} {code} (parts {rules:?})");
        }
    }
}

/// `countries` lists every destination's thresholds, fees and VAT rates: the browser core needs
/// those tables' destination parts first (`missing_parts("*")`; the widget fetches them before asking), then
/// answers as with every part inline. A quote to one destination is `E_DATA_NOT_LOADED` naming
/// its part while it is not attached, whichever other destination's parts are.
#[test]
fn countries_needs_every_rule_part_and_a_quote_its_destinations() {
    let core_only = core_only();
    let err = core_only.require_rules("*").unwrap_err();
    assert_eq!(err.code, ErrorCode::DataNotLoaded);
    attach(&core_only, &rules_of(&core_only, "US"));
    attach(&core_only, &[chapter_part(&core_only, "EU", "6109100010"), "hs_correlation.tsv".into()]);
    let err = core_only.quote(&cart("DE")).unwrap_err();
    assert_eq!(
        (err.code, err.message.contains("#EU") || err.message.contains("#DE")),
        (ErrorCode::DataNotLoaded, true),
        "{err:?}"
    );
    let all = names(core_only.missing_parts("*"));
    assert!(!all.is_empty() && all.iter().all(|n| n.contains('#')), "{all:?}");
    // Only the tables `countries` shows (thresholds, fees, VAT rates): not every destination's
    // VAT classes, excise or trade remedies (size-f).
    let shown = ["rules/thresholds.tsv#", "rules/fees.tsv#", "rules/vat_extra.tsv#"];
    assert!(all.iter().all(|n| shown.iter().any(|s| n.starts_with(s))), "{all:?}");
    attach(&core_only, &all);
    assert!(core_only.require_rules("*").is_ok() && core_only.missing_parts("*").is_empty());
    let day = date("2026-03-02");
    assert_eq!(format!("{:?}", core_only.countries(day)), format!("{:?}", engine().countries(day)));
    assert_eq!(core_only.quote(&cart("DE")).unwrap_err().code, ErrorCode::DataNotLoaded);
    attach(&core_only, &names(core_only.missing_parts_for(&cart("DE"))));
    assert_eq!(core_only.quote(&cart("DE")).unwrap(), engine().quote(&cart("DE")).unwrap());
}
