//! HS 2022 codes on the GB and EU tariffs, which are in HS 2017 codes (UK Global Tariff 2021,
//! CN 2020: `tariffs/rules/nomenclature.tsv`), resolve through the UN/WCO HS 2022 → HS 2017
//! correlation (`tariffs/hs_correlation.tsv`, edition 2024-04-18) with its corrections
//! (`tariffs/rules/hs_correlation_fixes.tsv`): one HS 2017 line is given with the correlation
//! named; several are given as a range, explained. Never a silent pick.

use crate::common;
use crate::common::{d, engine, landed, quote};
use landed::api::RateResponse;
use landed::correlation::{Correlation, Relationship};
use landed::date::Date;
use landed::quote::{LevyKind, LineStatus, Quote};
use landed::snapshot::Match;
use serde_json::json;

fn on() -> Date {
    Date::parse("2026-03-01").unwrap()
}

fn rate(destination: &str, code: &str, date: Date) -> landed::Result<RateResponse> {
    engine().rate(destination, code, date)
}

fn correlated(destination: &str, code: &str) -> RateResponse {
    let r = rate(destination, code, on()).unwrap();
    assert_eq!(r.kind, Match::Correlated, "{destination} {code}");
    assert!(r.via_correlation.is_some(), "{destination} {code}");
    r
}

/// UN table row `851713,851712,n:1`: HS 2022 8517.13 (smartphones) was part of HS 2017
/// 8517.12, whose one UKGT line 8517 12 00 is duty-free (UKGT 2021, 0.0%).
#[test]
fn smartphone_851713_on_gb_resolves_to_hs2017_851712() {
    let r = correlated("GB", "851713");
    assert_eq!(r.matched_code, "85171200");
    let line = r.line.as_ref().expect("one line");
    assert_eq!(line.duty_text, "0.0%");
    let via = r.via_correlation.unwrap();
    assert_eq!((via.from.as_str(), via.to.as_slice()), ("851713", ["851712".to_string()].as_slice()));
    assert_eq!(via.relationship, Relationship::ManyToOne);
    assert!(via.source.contains("United Nations Statistics Division") && via.source.ends_with("2024-04-18"));
    assert!(via.nomenclature.starts_with("HS2017: UK Global Tariff"), "{}", via.nomenclature);
    assert!(via.note.contains("HS 2022 → HS 2017 correlation"), "{}", via.note);
}

/// The same subheading on the EU table (CN 2020, CET 0 % on 8517 12 00), given as an 8-digit
/// CN 2022 code: the national digits cannot be mapped, the HS 2017 subheading's lines are.
#[test]
fn smartphone_85171300_on_de_resolves_through_the_eu_table() {
    let r = correlated("DE", "85171300");
    assert_eq!((r.jurisdiction.as_str(), r.matched_code.as_str()), ("EU", "85171200"));
    assert_eq!(r.line.unwrap().duty_text, "0.0%");
    assert_eq!(r.via_correlation.unwrap().to, ["851712"]);
}

/// UN table row `030910,030510,1:1`: HS 2022 0309.10 (fish flours, meals and pellets fit for
/// human consumption) is HS 2017 0305.10 renumbered; UKGT 0305 10 00 is 12.0%.
#[test]
fn renumbered_one_to_one_code_gives_that_line() {
    let r = correlated("GB", "030910");
    assert_eq!((r.matched_code.as_str(), r.line.unwrap().duty_text.as_str()), ("03051000", "12.0%"));
    assert_eq!(r.via_correlation.unwrap().relationship, Relationship::OneToOne);
}

/// UN table rows `240411,240391,n:n` and `240411,240399,n:n`: HS 2022 2404.11 (tobacco for
/// inhalation without combustion) came from HS 2017 2403.91 and 2403.99, whose UKGT lines are
/// 16.0 % (2403 91 00, 2403 99 90) and 40.0 % (2403 99 10): every line, min 16 %, max 40 %.
#[test]
fn many_to_many_code_gives_every_candidate_line_with_min_and_max() {
    let r = correlated("GB", "240411");
    let codes: Vec<&str> = r.lines.as_ref().unwrap().iter().map(|l| l.code.as_deref().unwrap()).collect();
    assert_eq!(codes, ["24039100", "24039910", "24039990"]);
    assert_eq!((r.min.as_deref(), r.max.as_deref()), (Some("16%"), Some("40%")));
    let via = r.via_correlation.unwrap();
    assert_eq!(
        (via.to.as_slice(), via.relationship),
        (["240391".to_string(), "240399".into()].as_slice(), Relationship::ManyToMany)
    );
    assert!(via.note.contains("give the HS 2017 code"), "{}", via.note);
}

/// Correction (`hs_correlation_fixes.tsv`): HS 2022 deletes 9114.10 (springs) into 9114.90,
/// which still covers HS 2017 9114.90; the UN table links 9114.90 only to 9114.10. Both UKGT
/// lines (9114 10 00, 9114 90 00) answer, and the correction is named with its source.
#[test]
fn corrected_defect_911490_keeps_its_own_hs2017_line() {
    let r = correlated("GB", "911490");
    let codes: Vec<&str> = r.lines.as_ref().unwrap().iter().map(|l| l.code.as_deref().unwrap()).collect();
    assert_eq!(codes, ["91141000", "91149000"]);
    let via = r.via_correlation.unwrap();
    assert_eq!(via.corrections.len(), 1);
    assert_eq!((via.corrections[0].hs2017, via.corrections[0].fix), ("911490", "add"));
    assert!(via.corrections[0].source.publisher.contains("heading 91.14"));
    assert!(via.note.contains("1 correction of the UN table applied"), "{}", via.note);
}

/// Correction: HS 2022 8541.51 and 8541.59 split HS 2017 8541.50 (other semiconductor devices),
/// which the UN table does not link to them.
#[test]
fn corrected_defect_854151_includes_hs2017_854150() {
    let c = engine().snapshot().correlation().unwrap();
    for code in ["854151", "854159"] {
        let r = c.resolve(code).unwrap();
        assert!(r.to.iter().any(|t| t == "854150"), "{code}: {:?}", r.to);
        assert_eq!(r.corrections.len(), 1);
    }
}

/// Unchanged HS 2022 subheadings, codes on HS 2022 tables, a subheading whose only HS 2017
/// code is itself, and HS 2017 codes HS 2022 deleted are looked up as given.
#[test]
fn unchanged_codes_never_go_through_the_correlation() {
    for (destination, code, kind) in [
        ("GB", "610910", Match::Partial),
        ("GB", "6109100010", Match::Prefix),
        ("DE", "22042109", Match::Exact),
        ("US", "8517.13.00", Match::Exact),
        ("GB", "847150", Match::Partial),
        ("GB", "85171200", Match::Exact),
    ] {
        let r = rate(destination, code, on()).unwrap();
        assert_eq!(r.kind, kind, "{destination} {code}");
        assert!(r.via_correlation.is_none(), "{destination} {code}");
    }
}

/// HS 2022 0307.22 (scallops, frozen) took goods from HS 2017 0307.22 and 0307.92 (UN rows
/// 1:n and n:n): the six-digit code is read as HS 2022 and gives both subheadings' lines, while
/// the UKGT national line 0307 22 90, published in the table, is that line.
#[test]
fn published_national_lines_are_looked_up_as_given() {
    let r = correlated("GB", "030722");
    assert_eq!(r.via_correlation.unwrap().to, ["030722", "030792"]);
    let r = rate("GB", "03072290", on()).unwrap();
    assert_eq!((r.kind, r.via_correlation.is_none()), (Match::Exact, true));
}

/// A quote line priced through the correlation carries a warning naming it; with several
/// candidate lines it is a range, never a pick. GB, CIF = goods (no transport), VAT 20 % on
/// value + duty (VATA 1994 s.21): truck 870441 at £20,000 from HS 2017 8704 21 10 (2.0 %:
/// duty 400.00, VAT 4,080.00 = 4,480.00) to 8704 21 31 (10.0 %: 2,000.00 + 4,400.00 = 6,400.00).
#[test]
fn quote_warns_and_gives_a_range_through_the_correlation() {
    let req: landed::QuoteRequest = landed::request::decode(
        &serde_json::json!({
            "destination": "GB", "date": "2026-03-02", "currency": "GBP", "origin": "US", "channel": "freight",
            "lines": [{"id": "truck", "code": "870441", "quantity": "1", "unit_price": "20000.00"},
                      {"id": "phone", "code": "851713", "quantity": "2", "unit_price": "400.00"}]
        })
        .to_string(),
    )
    .unwrap();
    let q = engine().quote(&req).unwrap();
    let warnings: Vec<&str> =
        q.warnings.iter().filter(|w| w.code == "W_HS_CORRELATION").map(|w| w.message.as_str()).collect();
    assert_eq!(warnings.len(), 2, "{:?}", q.warnings);
    assert!(warnings.iter().all(|w| w.contains("HS 2022 → HS 2017 correlation") && w.contains("2024-04-18")));
    let (truck, phone) = (&q.lines[0], &q.lines[1]);
    assert_eq!(truck.status, LineStatus::Partial);
    let range = truck.range.as_ref().expect("a range over the candidate lines");
    assert_eq!((range.min_code.as_str(), range.min_levies), ("87042110", d("4480.00")));
    // Several HS 2017 lines reach the 10 % (8704 21 31 and others): the dearest duty names none of
    // them (audit-q Q7: never a silent pick of one line among several at one rate).
    assert_eq!((range.max_code.as_str(), range.max_levies), ("", d("6400.00")));
    assert_eq!((phone.status, phone.matched_code.as_deref()), (LineStatus::Priced, Some("85171200")));
}

/// The imported table is the UN's: its relationship labels agree with the links (a code is
/// `n` on the HS 2017 side when it has several HS 2017 codes, `n` on the HS 2022 side when one
/// of them feeds several HS 2022 codes), except where a correction changed the links.
#[test]
fn imported_relationships_match_the_links() {
    let s = engine().snapshot();
    let table = s.file("hs_correlation.tsv").unwrap();
    let c = s.correlation().unwrap();
    let corrected: Vec<&str> = c.corrections().iter().map(|f| f.hs2022).collect();
    let mut checked = 0;
    for line in table.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if corrected.contains(&f[0]) {
            continue;
        }
        let r = c.resolve(f[0]).unwrap();
        let label = f[1].as_bytes();
        let several = r.to.len() > 1;
        assert_eq!(label[2] == b'n', several, "{line}");
        if label[0] == b'n' {
            assert!(matches!(r.relationship, Relationship::ManyToOne | Relationship::ManyToMany), "{line}");
        }
        checked += 1;
    }
    assert!(checked > 1500);
    assert!(Correlation::parse(Some(table), None, None).unwrap().len() >= 1543);
}

/// `landed rate GB 851713` says it answered through the correlation.
#[test]
fn cli_rate_says_hs2022_to_hs2017_correlation() {
    let out = landed(&["rate", "GB", "851713", "--date", "2026-03-01"], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("GB 851713 → 85171200"), "{text}");
    assert!(text.contains("HS 2022 → HS 2017 correlation (n:1)"), "{text}");
    assert!(text.contains("correlation source: United Nations Statistics Division"), "{text}");
    let json = landed(&["rate", "DE", "85171300", "--date", "2026-03-01", "--json"], None);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["match"], "correlated");
    assert_eq!(v["via_correlation"]["from"], "851713");
    assert_eq!(v["via_correlation"]["to"][0], "851712");
    assert_eq!(v["via_correlation"]["relationship"], "n:1");
}

// audit-q (session 16, fix-q): Japan's state-trading lines, the stand-in exchange rate, the
// ¥10,000 exemption of a mixed parcel, lower bounds of "whichever is higher" duties, and the
// wording of GB lines priced through a correlation.

fn reason(q: &Quote, i: usize) -> String {
    q.lines[i].reason.clone().unwrap_or_default()
}

/// audit-q Q7. UK Global Tariff (HS 2017) reached from HS 2022 8806.22 through the n:n
/// correlation (852580, 880211, 880220; `hs_correlation_hs2022_hs2017`): every line is 0 %, so
/// the line is priced, but it names no single line (it named the TV-camera line 85258011). 854151
/// reaches lines of three different duties: the reason counts duties, not lines.
#[test]
fn a_gb_line_priced_through_a_correlation_names_no_single_line_and_counts_duties() {
    let gb = |code: &str, price: &str| {
        quote(json!({"destination": "GB", "date": "2026-11-20", "currency": "GBP", "channel": "courier",
            "incoterm": "DDP", "origin": "CN", "lines": [{"id": "g", "code": code, "quantity": "1", "unit_price": price}]}))
    };
    let drone = gb("8806.22", "400");
    assert_eq!(drone.lines[0].matched_code, None);
    let name = drone.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).unwrap().name.to_string();
    assert!(!name.contains("85258011"), "{name}");
    assert_eq!(common::levy(&drone.lines[0], LevyKind::Duty), d("0.00"));
    let chip = gb("8541.51", "300");
    assert!(reason(&chip, 0).contains("covers tariff lines of 3 different duties"), "{}", reason(&chip, 0));
}
