//! Exchange-rate importers: the ECB euro reference rates and HMRC's monthly customs rates.
//!
//! Tables written (rates as decimal text, nothing depends on the clock):
//! - `fx_ecb_monthly.tsv`: `month, reference_date, <CUR>…` — the EU customs rate of each month,
//!   i.e. the ECB rate of the penultimate Wednesday of the previous month (Implementing
//!   Regulation (EU) 2015/2447, art. 146), units per EUR;
//! - `fx_ecb_daily.tsv`: `date, <CUR>…` — the ECB rates of every day of the file, units per EUR;
//! - `fx_hmrc_monthly.tsv`: `month, source, <CUR>…` — HMRC's monthly rates for customs and VAT,
//!   units per GBP 1, one row per calendar month, `source` naming its row in `sources.tsv`.
//!
//! Every table covers all its official file holds: the ECB's from its first day (1999-01-04;
//! the EU monthly table from 1999-02, the first month whose reference Wednesday the file has),
//! HMRC's from its first XML month (2014-02). The snapshot files them as one part per year
//! (`src/snapshot/write.rs`, `YEAR_SPLIT_FILES`), so old years cost a page only a descriptor
//! until a quote is dated in them. Only currencies the engine knows are kept.
//!
//! The HMRC rates come from the official monthly XML files (2014-02 on); they replaced the
//! `hmrc_all_rates.csv` extract (2020-01..2023-08), which the XML equals on every shared month
//! but for 10 values in the fifth decimal. A currency that HMRC lists with two different rates
//! in one month (XCD in April 2015: Montserrat 3.983, six other territories 3.9831) is left out
//! of that month rather than picked: a quote then asks for the rate instead of guessing.
//!
//! The XML is read by a few lines of string scanning, not an XML crate: the files are flat
//! (`exchangeRateMonthList` > `exchangeRate` > five text elements), and anything outside that
//! shape (an entity or markup inside a code or rate, a missing element) is an error naming the
//! file, so nothing is misread silently.

use crate::table::{io_err, sha256_hex, text, Csv};
use landed::date::Date;
use landed::error::{Error, ErrorCode, Result};
use landed::money::Currency;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// The ECB euro reference rates file (to 2026-10-30).
pub const ECB_FILE: &str = "fx/ecb-2026-10-30/ecb_eurofxref-hist_2026-10-30.csv";
/// The folder of HMRC monthly XML files, one `YYYY-MM.xml` per month.
pub const HMRC_DIR: &str = "fx/hmrc-xml/monthly";
/// Row id of the ECB file in `sources.tsv`.
pub const ECB_SOURCE: &str = "ecb-eurofxref-2026-10-30";
/// Row id of the HMRC XML series in `sources.tsv`.
pub const HMRC_SOURCE: &str = "hmrc-fx-monthly-xml";
/// The FX tables as (file name, contents), and their `sources.tsv` rows (without header).
pub struct FxTables {
    pub tables: Vec<(String, String)>,
    pub provenance: String,
}

/// Reads the ECB and HMRC files under `sources` and builds the three FX tables.
pub fn import(sources: &Path) -> Result<FxTables> {
    let ecb_path = sources.join(ECB_FILE);
    let ecb = read_ecb(&ecb_path)?;
    let hmrc = read_hmrc_dir(&sources.join(HMRC_DIR))?;
    let mut provenance = String::new();
    let ecb_bytes = std::fs::read(&ecb_path).map_err(|e| io_err(&ecb_path, e))?;
    let last_day = ecb.days.last().map(|(d, _)| d.to_string()).unwrap_or_default();
    let _ = writeln!(
        provenance,
        "{ECB_SOURCE}\tEU\tEuropean Central Bank\tEuro foreign exchange reference rates (EU customs rate of each month: Implementing Regulation (EU) 2015/2447 art. 146)\t{last_day}\treuse with attribution\t{ECB_FILE}\t{}",
        sha256_hex(&ecb_bytes)
    );
    let (first, last) = match (hmrc.months.first(), hmrc.months.last()) {
        (Some(f), Some(l)) => (f.month.clone(), l.month.clone()),
        _ => return Err(Error::new(ErrorCode::Io, "sources", format!("{HMRC_DIR}: no monthly XML files"))),
    };
    let _ = writeln!(
        provenance,
        "{HMRC_SOURCE}\tGB\tHM Revenue & Customs\tMonthly exchange rates for customs and VAT, {first} to {last} (official XML; sha256 of the files concatenated in month order)\t{last}\tOpen Government Licence v3.0\t{HMRC_DIR}/{first}.xml..{last}.xml\t{}",
        hmrc.sha256
    );
    let (monthly, daily) = ecb_tables(&ecb);
    Ok(FxTables {
        tables: vec![
            ("fx_ecb_monthly.tsv".into(), monthly),
            ("fx_ecb_daily.tsv".into(), daily),
            ("fx_hmrc_monthly.tsv".into(), hmrc_table(&hmrc)),
        ],
        provenance,
    })
}

/// ECB days, ascending, with each currency's rate as text ("" where the ECB has none).
struct Ecb {
    currencies: Vec<String>,
    days: Vec<(Date, Vec<String>)>,
}

fn read_ecb(path: &Path) -> Result<Ecb> {
    let csv = Csv::read(path)?;
    let date_col = csv.col("Date")?;
    let columns: Vec<(usize, String)> = csv
        .headers
        .iter()
        .enumerate()
        .filter(|(i, h)| *i != date_col && Currency::parse(h).is_ok())
        .map(|(i, h)| (i, h.clone()))
        .collect();
    let mut days = Vec::with_capacity(csv.records.len());
    for r in &csv.records {
        let get = |i: usize| text(r.get(i).unwrap_or_default());
        let Ok(d) = Date::parse(&get(date_col)) else { continue };
        let rates = columns.iter().map(|(i, _)| get(*i)).map(|v| if v == "N/A" { String::new() } else { v }).collect();
        days.push((d, rates));
    }
    days.sort_by_key(|(d, _)| *d);
    Ok(Ecb { currencies: columns.into_iter().map(|(_, c)| c).collect(), days })
}

/// The EU monthly table (penultimate-Wednesday rule) and the daily table.
fn ecb_tables(ecb: &Ecb) -> (String, String) {
    let header = ecb.currencies.join("\t");
    let mut daily = format!("date\t{header}\n");
    for (d, rates) in &ecb.days {
        let _ = writeln!(daily, "{d}\t{}", rates.join("\t"));
    }
    let mut monthly = format!("month\treference_date\t{header}\n");
    let (Some((first, _)), Some((last, _))) = (ecb.days.first(), ecb.days.last()) else { return (monthly, daily) };
    // From the file's first month: a month whose reference Wednesday precedes the file is left out.
    let (mut y, mut m) = (first.year(), first.month());
    loop {
        let (py, pm) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
        let reference = landed::fx::penultimate_wednesday(py, pm);
        if reference > *last {
            break;
        }
        if reference >= *first {
            let _ = writeln!(monthly, "{y:04}-{m:02}\t{reference}\t{}", reference_rates(ecb, reference).join("\t"));
        }
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    (monthly, daily)
}

/// The rates of the EU customs rate fixed on `reference`: the ECB's publication of that day, or,
/// when the ECB published nothing that day (a TARGET closing day), of its latest publication day
/// before it (Implementing Regulation (EU) 2015/2447 art. 146). A currency that publication
/// leaves out is left empty, never carried forward from an older fixing: the ECB suspended the
/// rouble after 2022-03-01 and dropped the lev when Bulgaria adopted the euro (2026-01-01), and
/// for a currency the ECB does not publish the member state sets the rate (art. 146), so a
/// quote asks for it (`E_FX_RATE`) rather than labelling a 2022 fixing as this month's.
fn reference_rates(ecb: &Ecb, reference: Date) -> Vec<&str> {
    let upto = ecb.days.partition_point(|(d, _)| *d <= reference);
    let published = ecb.days[..upto].iter().rev().find(|(_, r)| r.iter().any(|v| !v.is_empty()));
    match published {
        Some((_, rates)) => rates.iter().map(String::as_str).collect(),
        None => vec![""; ecb.currencies.len()],
    }
}

/// One HMRC month: its rates (units per GBP 1) by currency.
struct HmrcMonth {
    month: String,
    rates: BTreeMap<String, Decimal>,
}

struct Hmrc {
    months: Vec<HmrcMonth>,
    /// SHA-256 of the files concatenated in month order.
    sha256: String,
}

/// Reads every `YYYY-MM.xml` in `dir`, in month order; months must follow one another.
fn read_hmrc_dir(dir: &Path) -> Result<Hmrc> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| io_err(dir, e))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".xml"))
        .collect();
    names.sort();
    let mut all = Vec::new();
    let mut months: Vec<HmrcMonth> = Vec::with_capacity(names.len());
    for name in &names {
        let path = dir.join(name);
        let bytes = std::fs::read(&path).map_err(|e| io_err(&path, e))?;
        all.extend_from_slice(&bytes);
        let month = read_hmrc_month(&path, &bytes)?;
        if let Some(prev) = months.last() {
            if next_month(&prev.month).as_deref() != Some(month.month.as_str()) {
                return Err(xml_err(
                    &path,
                    format!("month {} does not follow {}: a month is missing", month.month, prev.month),
                ));
            }
        }
        months.push(month);
    }
    Ok(Hmrc { months, sha256: sha256_hex(&all) })
}

fn next_month(month: &str) -> Option<String> {
    let (y, m) = month.split_once('-')?;
    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    Some(if m == 12 { format!("{:04}-01", y + 1) } else { format!("{y:04}-{:02}", m + 1) })
}

fn xml_err(path: &Path, message: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::Io, "sources", format!("{}: {message}", path.display()))
}

/// Parses one monthly file: `<exchangeRateMonthList Period="01/Nov/2026 to 30/Nov/2026">` with
/// `<exchangeRate>` entries. The period must be the whole calendar month the file is named for.
fn read_hmrc_month(path: &Path, bytes: &[u8]) -> Result<HmrcMonth> {
    let xml = std::str::from_utf8(bytes).map_err(|e| xml_err(path, e))?;
    let month = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
    let (year, mon) = month
        .split_once('-')
        .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?)))
        .ok_or_else(|| xml_err(path, "file name is not YYYY-MM.xml"))?;
    let period =
        attribute(xml, "exchangeRateMonthList", "Period").ok_or_else(|| xml_err(path, "no Period attribute"))?;
    let expected_from = Date::new(year, mon, 1).map_err(|e| xml_err(path, e))?;
    let expected_to = Date::new(year, mon, landed::date::days_in_month(year, mon)).map_err(|e| xml_err(path, e))?;
    let (from, to) = period.split_once(" to ").ok_or_else(|| xml_err(path, format!("Period {period:?}")))?;
    if dmy(from) != Some(expected_from) || dmy(to) != Some(expected_to) {
        return Err(xml_err(path, format!("Period {period:?} is not the calendar month {month}")));
    }
    let mut seen: BTreeMap<String, Option<Decimal>> = BTreeMap::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<exchangeRate>") {
        let body = &rest[start + "<exchangeRate>".len()..];
        let end = body.find("</exchangeRate>").ok_or_else(|| xml_err(path, "unclosed <exchangeRate>"))?;
        let entry = &body[..end];
        rest = &body[end..];
        let code = element(entry, "currencyCode").ok_or_else(|| xml_err(path, "an entry has no currencyCode"))?;
        let rate = element(entry, "rateNew").ok_or_else(|| xml_err(path, format!("{code}: no rateNew")))?;
        if !(code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())) {
            return Err(xml_err(path, format!("currencyCode {code:?} is not three capital letters")));
        }
        let rate = Decimal::from_str_exact(rate)
            .ok()
            .filter(|r| *r > Decimal::ZERO)
            .ok_or_else(|| xml_err(path, format!("{code}: rateNew {rate:?} is not a positive decimal")))?
            .normalize();
        // Several countries share a currency; a currency listed with different rates is ambiguous.
        let slot = seen.entry(code.to_string()).or_insert(Some(rate));
        if *slot != Some(rate) {
            *slot = None;
        }
    }
    if seen.is_empty() {
        return Err(xml_err(path, "no <exchangeRate> entries"));
    }
    let rates = seen
        .into_iter()
        .filter(|(c, _)| Currency::parse(c).is_ok() && c != "GBP")
        .filter_map(|(c, r)| Some((c, r?)))
        .collect();
    Ok(HmrcMonth { month, rates })
}

/// The trimmed text of the first `<name>…</name>` in `xml`; `None` when absent, empty, or when
/// it holds markup or an entity (codes and rates never do).
fn element<'x>(xml: &'x str, name: &str) -> Option<&'x str> {
    let open = format!("<{name}>");
    let start = xml.find(&open)? + open.len();
    let end = xml[start..].find(&format!("</{name}>"))? + start;
    let value = xml[start..end].trim();
    (!value.is_empty() && !value.contains(['<', '&'])).then_some(value)
}

/// The value of `attr="…"` on the first `<tag …>`.
fn attribute<'x>(xml: &'x str, tag: &str, attr: &str) -> Option<&'x str> {
    let start = xml.find(&format!("<{tag} "))?;
    let head = &xml[start..start + xml[start..].find('>')?];
    let key = format!("{attr}=\"");
    let v = head.find(&key)? + key.len();
    Some(&head[v..v + head[v..].find('"')?])
}

/// `01/Nov/2026` → the date.
fn dmy(text: &str) -> Option<Date> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let mut parts = text.trim().split('/');
    let day: u32 = parts.next()?.parse().ok()?;
    let name = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == name)? as u32 + 1;
    let year: i32 = parts.next()?.parse().ok()?;
    Date::new(year, month, day).ok()
}

/// `month, source, <CUR>…`: one row per month, currencies as columns ("" where HMRC has none).
fn hmrc_table(hmrc: &Hmrc) -> String {
    let currencies: std::collections::BTreeSet<&str> =
        hmrc.months.iter().flat_map(|m| m.rates.keys().map(String::as_str)).collect();
    let mut out = format!("month\tsource\t{}\n", currencies.iter().copied().collect::<Vec<_>>().join("\t"));
    for m in &hmrc.months {
        let cells: Vec<String> =
            currencies.iter().map(|c| m.rates.get(*c).map(|r| r.to_string()).unwrap_or_default()).collect();
        let _ = writeln!(out, "{}\t{HMRC_SOURCE}\t{}", m.month, cells.join("\t"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmrc_period_must_be_the_calendar_month() {
        let xml = br#"<?xml version="1.0"?><exchangeRateMonthList Period="01/Nov/2026 to 29/Nov/2026"><exchangeRate><currencyCode>USD</currencyCode><rateNew>1.3</rateNew></exchangeRate></exchangeRateMonthList>"#;
        let err = read_hmrc_month(Path::new("2026-11.xml"), xml).err().unwrap().to_string();
        assert!(err.contains("2026-11.xml") && err.contains("Period"), "{err}");
    }

    #[test]
    fn hmrc_currency_with_two_rates_in_a_month_is_left_out() {
        let xml = br#"<exchangeRateMonthList Period="01/Apr/2015 to 30/Apr/2015">
          <exchangeRate><currencyCode>USD</currencyCode><rateNew>1.4823</rateNew></exchangeRate>
          <exchangeRate><currencyCode>AED</currencyCode><rateNew>5.44</rateNew></exchangeRate>
          <exchangeRate><currencyCode>AED</currencyCode><rateNew>5.45</rateNew></exchangeRate>
        </exchangeRateMonthList>"#;
        let m = read_hmrc_month(Path::new("2015-04.xml"), xml).unwrap();
        assert_eq!(m.rates.get("USD").map(|r| r.to_string()).as_deref(), Some("1.4823"));
        assert!(!m.rates.contains_key("AED"));
    }

    #[test]
    fn a_currency_the_ecb_stopped_publishing_is_not_carried_into_later_months() {
        // audit-w W-FX2: the ECB's last rouble fixing was 2022-03-01; the EU customs rate of
        // 2022-04 (ECB rate of 2022-03-23, Implementing Regulation (EU) 2015/2447 art. 146) has
        // no rouble rate, so the month's row leaves it empty. A reference day with no ECB
        // publication at all (a TARGET closing day) takes the latest publication before it.
        let day = |d: &str| Date::parse(d).unwrap();
        let rates = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let ecb = Ecb {
            currencies: vec!["USD".into(), "RUB".into()],
            days: vec![
                (day("2022-03-01"), rates(&["1.1212", "117.201"])),
                (day("2022-03-22"), rates(&["1.1017", ""])),
                (day("2022-03-23"), rates(&["1.1024", ""])),
            ],
        };
        assert_eq!(reference_rates(&ecb, day("2022-03-23")), ["1.1024", ""]);
        assert_eq!(reference_rates(&ecb, day("2022-03-24")), ["1.1024", ""]);
        assert_eq!(reference_rates(&ecb, day("2022-03-02")), ["1.1212", "117.201"]);
        assert_eq!(reference_rates(&ecb, day("2022-02-01")), ["", ""]);
    }

    #[test]
    fn hmrc_markup_inside_a_rate_is_an_error_naming_the_file() {
        let xml = br#"<exchangeRateMonthList Period="01/Apr/2015 to 30/Apr/2015"><exchangeRate><currencyCode>USD</currencyCode><rateNew>1&#46;48</rateNew></exchangeRate></exchangeRateMonthList>"#;
        let err = read_hmrc_month(Path::new("x/2015-04.xml"), xml).err().unwrap().to_string();
        assert!(err.contains("2015-04.xml") && err.contains("USD"), "{err}");
    }
}
