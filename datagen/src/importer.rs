//! The tariff importer: official source files → normalized, dated tables under `tariffs/`.
//!
//! Running it again on the same files reproduces the tables byte for byte: rows are sorted,
//! text is normalized (UTF-8, single spaces, no tabs), and nothing depends on the clock.

use landed::date::Date;
use landed::error::Result;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

mod us_ch99;

use crate::table::{io_err, text, Csv};
pub use crate::table::{sha256_hex, to_tsv, SourceRow, TableRow, COLUMNS};

/// The source files the importer reads, relative to the sources folder.
pub const SOURCES: [SourceRow; 6] = [
    SourceRow {
        id: "usitc-2025",
        jurisdiction: "US",
        publisher: "U.S. International Trade Commission",
        dataset: "Harmonized Tariff Schedule annual tariff database 2025",
        vintage: "2025-06-06",
        licence: "US public domain",
        file: "us/tariff_database_2025_06062025.csv",
    },
    SourceRow {
        id: "usitc-ch99-2025",
        jurisdiction: "US",
        publisher: "U.S. International Trade Commission",
        dataset: "Harmonized Tariff Schedule chapter 99 (tariff database extract)",
        vintage: "2025-06-09",
        licence: "US public domain",
        file: "us/chapter99_2025-06-09.csv",
    },
    SourceRow {
        id: "dit-ukgt-2021",
        jurisdiction: "GB,EU",
        publisher: "UK Department for International Trade",
        dataset: "UK Global Tariff (with the EU Common External Tariff, CN 2020)",
        vintage: "2021-01-27",
        licence: "Open Government Licence v3.0",
        file: "uk/global-uk-tariff_2021-01-27.csv",
    },
    SourceRow {
        id: "wco-hs2022",
        jurisdiction: "HS",
        publisher: "World Customs Organization (via UN Comtrade)",
        dataset: "Harmonized System 2022 nomenclature",
        vintage: "2022-01-01",
        licence: "ODC-PDDL",
        file: "hs/hs2022_harmonized-system.csv",
    },
    crate::us_hts::REV3,
    crate::us_hts::REV10,
];

fn us_date(s: &str) -> Result<String> {
    Ok(if s.is_empty() { String::new() } else { Date::parse_mdy(s)?.to_string() })
}

fn import_us(dir: &Path, file: &str, source: &str, rows: &mut BTreeSet<TableRow>) -> Result<()> {
    let csv = Csv::read(&dir.join(file))?;
    let [code, desc, q1, q2, mfn, special, col2, from, to] = [
        "hts8",
        "brief_description",
        "quantity_1_code",
        "quantity_2_code",
        "mfn_text_rate",
        "col1_special_text",
        "col2_text_rate",
        "begin_effect_date",
        "end_effective_date",
    ]
    .map(|c| csv.col(c));
    let (code, desc, q1, q2, mfn, special, col2, from, to) =
        (code?, desc?, q1?, q2?, mfn?, special?, col2?, from?, to?);
    for r in &csv.records {
        let get = |i: usize| text(r.get(i).unwrap_or_default());
        let units: Vec<String> = [get(q1), get(q2)].into_iter().filter(|u| !u.is_empty()).collect();
        let mut c = get(code);
        while c.len() < 8 {
            c.insert(0, '0');
        }
        rows.insert(TableRow {
            code: c,
            valid_from: us_date(&get(from))?,
            valid_to: us_date(&get(to))?,
            description: get(desc),
            units: units.join(","),
            mfn: get(mfn),
            special: get(special),
            col2: get(col2),
            flags: String::new(),
            source: source.into(),
        });
    }
    Ok(())
}

fn import_uk(
    dir: &Path,
    file: &str,
    source: &str,
    gb: &mut BTreeSet<TableRow>,
    eu: &mut BTreeSet<TableRow>,
) -> Result<()> {
    let csv = Csv::read(&dir.join(file))?;
    let code = csv.col("commodity")?;
    let desc = csv.col("description")?;
    let cet = csv.col("cet_duty_rate")?;
    let ukgt = csv.col("ukgt_duty_rate")?;
    let flag_cols = [
        ("trade_remedy", csv.col("trade_remedy_applies")?),
        ("cet_until_trade_remedy_review", csv.col("cet_applies_until_trade_remedy_transition_reviews_concluded")?),
        ("suspension", csv.col("suspension_applies")?),
        ("quota", csv.col("atq_applies")?),
    ];
    for r in &csv.records {
        let get = |i: usize| text(r.get(i).unwrap_or_default());
        let flags: Vec<&str> =
            flag_cols.iter().filter(|(_, i)| get(*i).eq_ignore_ascii_case("true")).map(|(n, _)| *n).collect();
        let base = TableRow { code: get(code), description: get(desc), source: source.into(), ..TableRow::default() };
        // The UKGT applies from 2021-01-01; the CET column is the EU's CN 2020 third-country duty.
        gb.insert(TableRow { valid_from: "2021-01-01".into(), mfn: get(ukgt), flags: flags.join(","), ..base.clone() });
        eu.insert(TableRow { valid_from: "2020-01-01".into(), mfn: get(cet), ..base });
    }
    Ok(())
}

/// HS 2022 chapters, headings and subheadings, for description search and partial codes.
fn import_hs(dir: &Path, file: &str, source: &str, hs: &mut BTreeSet<TableRow>) -> Result<()> {
    let csv = Csv::read(&dir.join(file))?;
    let code = csv.col("hscode")?;
    let desc = csv.col("description")?;
    for r in &csv.records {
        let get = |i: usize| text(r.get(i).unwrap_or_default());
        let c = get(code);
        if c.len() < 2 || !c.bytes().all(|b| b.is_ascii_digit()) {
            continue; // the TOTAL row
        }
        hs.insert(TableRow {
            code: c,
            valid_from: "2022-01-01".into(),
            description: get(desc),
            source: source.into(),
            ..TableRow::default()
        });
    }
    Ok(())
}

/// VAT/GST rates with their history: EU27 and GB from the EU rates file, the rest and Canadian
/// provinces from the world file. Columns: country, subdivision, kind, percent, valid_from,
/// valid_to, source (the `sources.tsv` id), confidence (always `verify`: both are secondary).
fn import_vat(dir: &Path) -> Result<String> {
    let read = |f: &str| -> Result<serde_json::Value> {
        let path = dir.join(f);
        let bytes = std::fs::read(&path).map_err(|e| io_err(&path, e))?;
        serde_json::from_slice(&bytes).map_err(|e| io_err(&path, e))
    };
    let pct = |v: &serde_json::Value, scale: bool| -> Option<String> {
        let text = v.as_number()?.to_string();
        let d = rust_decimal::Decimal::from_str_exact(&text).ok()?;
        Some(if scale { d * rust_decimal::Decimal::ONE_HUNDRED } else { d }.normalize().to_string())
    };
    let mut rows: BTreeSet<(String, String, String, String, String, String, String)> = BTreeSet::new();
    let eu = read("vat/eu_vat_rates_2025-08.json")?;
    let eu_items = eu["items"].as_object().cloned().unwrap_or_default();
    for (country, periods) in &eu_items {
        let periods = periods.as_array().cloned().unwrap_or_default();
        // Periods are newest first; each runs until the day before the next newer one starts.
        let mut valid_to = String::new();
        for period in &periods {
            let from = period["effective_from"].as_str().unwrap_or_default();
            let from = if from.starts_with("0000") { String::new() } else { from.to_string() };
            for (kind, rate) in period["rates"].as_object().cloned().unwrap_or_default() {
                if let Some(p) = pct(&rate, false) {
                    rows.insert((
                        country.clone(),
                        String::new(),
                        kind,
                        p,
                        from.clone(),
                        valid_to.clone(),
                        "ibericode-vat-2025-08".into(),
                    ));
                }
            }
            valid_to = match Date::parse(&from) {
                Ok(d) => d.add_days(-1).to_string(),
                Err(_) => String::new(),
            };
        }
    }
    let world = read("vat/world_vat_gst_rates_2025-10.json")?;
    // `before` keys are instants (local midnight written in UTC): the change applies from the
    // calendar day that instant falls on in the country, i.e. the next day when the time is late.
    let change_day = |instant: &str| -> String {
        let day = Date::parse(&instant[..10.min(instant.len())]).ok();
        let late = instant.get(11..13).and_then(|h| h.parse::<u32>().ok()).is_some_and(|h| h >= 12);
        day.map(|d| if late { d.add_days(1) } else { d }).map(|d| d.to_string()).unwrap_or_default()
    };
    let add = |country: &str, sub: &str, node: &serde_json::Value, rows: &mut BTreeSet<_>| {
        let kind = node["type"].as_str().unwrap_or("vat").to_string();
        let mut current_from = String::new();
        if let Some(before) = node["before"].as_object() {
            let mut changes: Vec<(String, &serde_json::Value)> =
                before.iter().map(|(k, v)| (change_day(k), v)).collect();
            changes.sort_by(|a, b| a.0.cmp(&b.0));
            let mut from = String::new();
            for (day, old) in &changes {
                if let Some(p) = pct(&old["rate"], true) {
                    let to = Date::parse(day).map(|d| d.add_days(-1).to_string()).unwrap_or_default();
                    rows.insert((
                        country.to_string(),
                        sub.to_string(),
                        old["type"].as_str().unwrap_or(&kind).to_string(),
                        p,
                        from.clone(),
                        to,
                        "pwc-node-sales-tax-2025-10".into(),
                    ));
                }
                from = day.clone();
            }
            current_from = from;
        }
        if let Some(p) = pct(&node["rate"], true) {
            rows.insert((
                country.to_string(),
                sub.to_string(),
                kind,
                p,
                current_from,
                String::new(),
                "pwc-node-sales-tax-2025-10".into(),
            ));
        }
    };
    for (country, node) in world.as_object().cloned().unwrap_or_default() {
        if eu_items.contains_key(&country) || country == "US" {
            continue; // EU27 and GB from the EU file; US state sales taxes are not import taxes
        }
        add(&country, "", &node, &mut rows);
        if let Some(states) = node["states"].as_object() {
            for (sub, st) in states {
                add(&country, sub, st, &mut rows);
            }
        }
    }
    // Both files are secondary compilations: every row is `verify` (not priced) until a row of
    // `rules/vat_extra.tsv` verified from the law replaces it.
    let mut out = String::from("country\tsubdivision\tkind\tpercent\tvalid_from\tvalid_to\tsource\tconfidence\n");
    for r in rows {
        let from = start_of(&r.0, &r.1, &r.2, &r.3, &r.4, &r.5);
        let _ = writeln!(out, "{}\t{}\t{}\t{}\t{}\t{}\t{}\tverify", r.0, r.1, r.2, r.3, from, r.5, r.6);
    }
    Ok(out)
}

/// Rows the compilations leave open at the start although the law starts them: a rate of the
/// compilation's history that ends on a date (`country, kind, percent, valid_to`) and the day it
/// took effect. Without it the row reaches back to any date and offers that rate where another
/// was in force (audit-dd DD2: CH 7.7 % in 2010, when it was 7.6 %). The rows stay `verify`.
const STARTS_IN_LAW: &[(&str, &str, &str, &str, &str)] = &[
    // ESTV "MWST-Sätze ab 1. Januar 2018" (rules/vat_extra.tsv has the official row).
    ("CH", "vat", "7.7", "2023-12-31", "2018-01-01"),
    // Law 3845/2010 (as audit-dd read it; not re-read here).
    ("GR", "standard", "23", "2015-12-31", "2010-07-01"),
    // VATCA 2010 s.46(1)(a) as set by Financial Resolution No. 4 of 2011.
    ("IE", "standard", "23", "2020-08-31", "2012-01-01"),
    // GST (Amendment) Act 2007 s.2.
    ("SG", "gst", "7", "2022-12-31", "2007-07-01"),
    // Haushaltsbegleitgesetz 2006 (BGBl. I S. 1402) Art. 4 Nr. 1, UStG § 12 Abs. 1 '19 Prozent'
    // from 2007-01-01 (rules/vat_extra.tsv has the official row).
    ("DE", "standard", "19", "2020-06-30", "2007-01-01"),
    // Arvonlisäverolaki § 84 as amended by Laki 706/2012 (finlex.fi: '24 prosenttia', in force
    // 2013-01-01); vero.fi 'Change in VAT rates as of 1 January 2013' (rules/vat_extra.tsv).
    ("FI", "standard", "24", "2024-08-31", "2013-01-01"),
    // CGI art. 278 as amended by loi n° 2000-656 du 13 juillet 2000 (19,60 % from 2000-04-01;
    // rules/vat_extra.tsv has the official row).
    ("FR", "standard", "19.6", "2011-12-31", "2000-04-01"),
];

/// The start the law gives an open-started row of the compilations ([`STARTS_IN_LAW`]).
fn start_in_law(country: &str, kind: &str, percent: &str, valid_to: &str) -> Option<&'static str> {
    STARTS_IN_LAW.iter().find(|r| (r.0, r.1, r.2, r.3) == (country, kind, percent, valid_to)).map(|r| r.4)
}

/// The kinds of a country's general rate: without a row of them on a date, a quote says there
/// is no VAT/GST rate for that date.
const GENERAL_RATE_KINDS: [&str; 3] = ["standard", "vat", "gst"];

/// The `valid_from` written for a compilation's row. A row the compilation dates keeps its
/// start; an open-started national row with an end (the first period of a history) starts where
/// the law starts it ([`STARTS_IN_LAW`]). Failing that, a general rate starts on its own last
/// day: the compilation vouches that the rate was in force the day before its next recorded
/// change, not since when, so before that day the rate is unknown (the quote says so) rather
/// than reached back to any date (CZ's 21 % to 2023-12-31 offered for 2012, when it was 20 %).
/// A reduced, parking or super-reduced row keeps its open start: without a reduced row the
/// reduced class falls back to the standard rate, which a verified standard row would price,
/// where the open `verify` row leaves the line unpriced. A province's row (Canada's HST parts)
/// keeps its open start too, as when the rules load (`src/rules/vat.rs`,
/// `start_undated_rows_at_vintage`): without it the province would fall back to the federal
/// GST alone, a lower figure. An undated row is started on its compilation's vintage when the
/// rules load.
fn start_of<'a>(country: &str, subdivision: &str, kind: &str, percent: &str, from: &'a str, to: &'a str) -> &'a str {
    if !from.is_empty() || to.is_empty() || !subdivision.is_empty() {
        return from;
    }
    match start_in_law(country, kind, percent, to) {
        Some(start) => start,
        None if GENERAL_RATE_KINDS.contains(&kind) => to,
        None => from,
    }
}

/// Reads the source files in `sources` and returns the tables as (file name, contents).
pub fn import(sources: &Path) -> Result<Vec<(String, String)>> {
    let (mut us, mut gb, mut eu, mut hs) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    import_us(sources, SOURCES[0].file, SOURCES[0].id, &mut us)?;
    import_us(sources, SOURCES[1].file, SOURCES[1].id, &mut us)?;
    crate::us_hts::import(sources, &mut us)?;
    import_uk(sources, SOURCES[2].file, SOURCES[2].id, &mut gb, &mut eu)?;
    import_hs(sources, SOURCES[3].file, SOURCES[3].id, &mut hs)?;
    let fx = crate::fx::import(sources)?;
    let (jp_source, jp) = crate::jp::import(sources)?;
    let mut provenance = String::from("id\tjurisdiction\tpublisher\tdataset\tvintage\tlicence\tfile\tsha256\n");
    for s in SOURCES.iter().chain([&crate::correlation::SOURCE]) {
        let path = sources.join(s.file);
        let bytes = std::fs::read(&path).map_err(|e| io_err(&path, e))?;
        let _ = writeln!(
            provenance,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            s.id,
            s.jurisdiction,
            s.publisher,
            s.dataset,
            s.vintage,
            s.licence,
            s.file,
            sha256_hex(&bytes)
        );
    }
    let _ = writeln!(provenance, "{jp_source}");
    provenance.push_str(&fx.provenance);
    let mut tables = vec![
        ("sources.tsv".into(), provenance),
        ("us.tsv".into(), to_tsv(&us)),
        ("gb.tsv".into(), to_tsv(&gb)),
        ("eu.tsv".into(), to_tsv(&eu)),
        ("hs.tsv".into(), to_tsv(&hs)),
        ("jp.tsv".into(), to_tsv(&jp)),
        ("vat.tsv".into(), import_vat(sources)?),
        ("us_scopes.tsv".into(), us_ch99::scopes(sources)?),
        ("us_reciprocal.tsv".into(), us_ch99::reciprocal(sources)?),
        ("us_lines.tsv".into(), crate::us_lines::import(sources)?),
        ("hs_correlation.tsv".into(), crate::correlation::import(sources)?),
    ];
    tables.extend(fx.tables);
    Ok(tables)
}

#[cfg(test)]
mod tests {
    use super::start_of;

    /// A compilation's open-started row: the start in law where read (FR 19.6 % from
    /// 2000-04-01, loi n° 2000-656), else a general rate's own last day (CZ 21 % to 2023-12-31);
    /// a reduced row and a province's row keep their open start; a dated row keeps its date.
    #[test]
    fn an_open_started_row_starts_in_law_or_on_its_last_day_if_a_general_rate() {
        assert_eq!(start_of("FR", "", "standard", "19.6", "", "2011-12-31"), "2000-04-01");
        assert_eq!(start_of("CZ", "", "standard", "21", "", "2023-12-31"), "2023-12-31");
        assert_eq!(start_of("IL", "", "vat", "17", "", "2024-12-31"), "2024-12-31");
        assert_eq!(start_of("CZ", "", "reduced1", "10", "", "2023-12-31"), "");
        assert_eq!(start_of("CA", "NS", "hst", "10", "", "2025-03-31"), "");
        assert_eq!(start_of("CZ", "", "standard", "21", "2024-01-01", ""), "2024-01-01");
        assert_eq!(start_of("JP", "", "vat", "10", "", ""), "");
    }
}
