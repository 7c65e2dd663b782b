//! The US additional duties by date, origin and code: which chapter 99 layers apply, at what
//! rate, and what they come to. Each case cites the heading and the act it rests on; the rates
//! are those of the HTS headings (`tariffs/us_reciprocal.tsv` is imported from HTSUS 2026 Rev 3)
//! and the figures are worked by hand from them.

use crate::common;
use crate::common::{d, engine, quote};
use landed::date::Date;
use landed::quote::{LevyKind, LineQuote, LineStatus, Quote};
use landed::request::QuoteRequest;
use rust_decimal::Decimal;
use serde_json::json;

/// The layers charged (not excluded) on a line, as (id, percent), in priority order; a layer
/// that may apply but is not settled by our sources (its scope is a U.S. note we lack, or the
/// code's exemption is unsettled on that date, so the line is partial) ends in `?`.
fn applied(date: &str, origin: &str, code: &str) -> Vec<(String, Option<Decimal>)> {
    let rules = engine().rules();
    rules
        .us()
        .unwrap()
        .decide(&rules.us_scopes_for(code).unwrap(), origin, Date::parse(date).unwrap())
        .into_iter()
        .filter(|d| d.excluded_by.is_none())
        .map(|d| {
            let mark = if d.unknown.is_some() { "?" } else { "" };
            (format!("{}{mark}", d.layer.id), d.layer.percent.map(|p| p.normalize()))
        })
        .collect()
}

/// The layers that matched but were excluded, by id.
fn excluded(date: &str, origin: &str, code: &str) -> Vec<String> {
    let rules = engine().rules();
    rules
        .us()
        .unwrap()
        .decide(&rules.us_scopes_for(code).unwrap(), origin, Date::parse(date).unwrap())
        .into_iter()
        .filter(|d| d.excluded_by.is_some())
        .map(|d| d.layer.id.to_string())
        .collect()
}

const LAPTOP: &str = "8471300100";
const TSHIRT: &str = "6109100012";
const STEEL_ARTICLE: &str = "7326908688";
const CAR: &str = "8703230190";
const STEEL_MILL: &str = "7208101500";
const ALUMINUM: &str = "7601103000";
const COFFEE: &str = "0901210020";
const ROSES: &str = "0603110030";
const AUTO_PART: &str = "8708998180";
const BUS: &str = "8702103100";
const SOFTWOOD: &str = "4407110000";
const UPHOLSTERED: &str = "9401614011";
const CHIP: &str = "8542310000";
const AIRPLANE: &str = "8802400100";
const DRONE: &str = "8806220000";
const SILICONES: &str = "3910000000";
const AIRCRAFT_PART: &str = "8807300060";
const TURBINE_PART: &str = "8411919085";
const STEEL_PLATE: &str = "7208510030";
const ALUMINUM_CABLE: &str = "7614105000";
const NAILS: &str = "7317005505";
const PIPE: &str = "7306305085";
const ALUMINUM_SHEET: &str = "7606123035";

/// The layers expected on a line: (id, percent; `None` where the rate is not encoded).
type Expected = &'static [(&'static str, Option<&'static str>)];

/// dates × origins × codes → layers charged, each with the source of the expectation.
#[rustfmt::skip]
const TIMELINE: &[(&str, &str, &str, Expected, &str)] = &[
    // The laptop of issue 12: the Section 232 annex list naming 8471 takes effect 2026-04-06
    // (s232_annex_products.csv effective_date); IEEPA is no longer collected from 2026-02-24
    // (CBP CSMS #67834313); 8471.30.01 is on the Section 122 exemption list (9903.03.03/.04).
    ("2026-03-01", "CN", LAPTOP, &[], "no 232 before the annex's 2026-04-06; s122 exempt; IEEPA ended"),
    ("2026-03-01", "JP", LAPTOP, &[], "same for Japan"),
    ("2026-04-06", "CN", LAPTOP, &[("s232-annex-2026", None)], "annex 1b in force; 9903.82 rate per annex not in our sources"),
    // 2025-06-01: China fentanyl 20 % (9903.01.24, EO 14228); the laptop is on the reciprocal
    // Annex II list (9903.01.32), so the 10 % baseline is not charged.
    ("2025-06-01", "CN", LAPTOP, &[("ieepa-fentanyl-cn", Some("20"))], "EO 14228; Annex II"),
    // Reciprocal timeline, Vietnam: 10 % baseline from 2025-04-05 (9903.01.25, EO 14257); 46 %
    // on 2025-04-09 only (9903.01.72; suspended from 2025-04-10 by EO 14266); 20 % from
    // 2025-08-07 (9903.02.69, EO 14326); Section 122 10 % from 2026-02-24 to 2026-07-23
    // (9903.03.01; 19 U.S.C. 2132, 150 days; CBP CSMS #67844987).
    ("2025-04-04", "VN", TSHIRT, &[], "before EO 14257"),
    ("2025-04-05", "VN", TSHIRT, &[("ieepa-reciprocal", Some("10"))], "9903.01.25"),
    ("2025-04-09", "VN", TSHIRT, &[("ieepa-country-9903.01.72", Some("46"))], "9903.01.72"),
    ("2025-04-10", "VN", TSHIRT, &[("ieepa-reciprocal", Some("10"))], "EO 14266 pause"),
    ("2025-08-07", "VN", TSHIRT, &[("ieepa-country-9903.02.69", Some("20"))], "9903.02.69"),
    ("2026-02-23", "VN", TSHIRT, &[("ieepa-country-9903.02.69", Some("20"))], "last day of IEEPA"),
    ("2026-02-24", "VN", TSHIRT, &[("s122-surcharge", Some("10"))], "9903.03.01"),
    ("2026-07-23", "VN", TSHIRT, &[("s122-surcharge", Some("10"))], "150th day"),
    // Section 122 lapsed; the forced-labour Section 301 duty of heading 9903.05.84 (+ 12.5 %,
    // FR Doc. 2026-15181, as reproduced: verify, listed not priced) from 2026-07-24 (audit-i I1).
    ("2026-07-24", "VN", TSHIRT, &[("s301-fl-12.5", Some("12.5"))], "Section 122 lapsed, 9903.05.84"),
    // China: 301 list 4A 7.5 % (9903.88.15); fentanyl 20 % from 2025-03-04, 10 % from
    // 2025-11-10 (9903.01.24); reciprocal 10 % from 2025-04-05, 84 % on 2025-04-09 (EO 14259),
    // 125 % from 2025-04-10 to 2025-05-13 (EO 14266), 10 % again from 2025-05-14 (EO 14298).
    ("2025-04-08", "CN", TSHIRT, &[("s301-list4a", Some("7.5")), ("ieepa-fentanyl-cn", Some("20")), ("ieepa-reciprocal", Some("10"))], "EO 14257 baseline"),
    ("2025-04-09", "CN", TSHIRT, &[("s301-list4a", Some("7.5")), ("ieepa-fentanyl-cn", Some("20")), ("ieepa-reciprocal-cn-84", Some("84"))], "EO 14259"),
    ("2025-04-10", "CN", TSHIRT, &[("s301-list4a", Some("7.5")), ("ieepa-fentanyl-cn", Some("20")), ("ieepa-reciprocal-cn-125", Some("125"))], "EO 14266"),
    ("2025-05-13", "CN", TSHIRT, &[("s301-list4a", Some("7.5")), ("ieepa-fentanyl-cn", Some("20")), ("ieepa-reciprocal-cn-125", Some("125"))], "EO 14266"),
    ("2025-05-14", "CN", TSHIRT, &[("s301-list4a", Some("7.5")), ("ieepa-fentanyl-cn", Some("20")), ("ieepa-reciprocal", Some("10"))], "EO 14298"),
    ("2025-11-10", "CN", TSHIRT, &[("s301-list4a", Some("7.5")), ("ieepa-fentanyl-cn-2025-11", Some("10")), ("ieepa-reciprocal", Some("10"))], "9903.01.24 + 10%"),
    // Canada and Mexico from 2025-03-04 (EO 14193/14194 as amended); USMCA goods exempt from
    // 2025-03-07 (9903.01.04/.14), Canada 35 % from 2025-08-01 (EO 14325); neither pays the
    // reciprocal tariff (9903.01.26/.27).
    ("2025-03-03", "MX", TSHIRT, &[], "before 2025-03-04"),
    ("2025-03-04", "MX", TSHIRT, &[("ieepa-fentanyl-mx-0304", Some("25"))], "EO 14227"),
    ("2025-03-07", "MX", TSHIRT, &[("ieepa-fentanyl-mx", Some("25"))], "9903.01.01"),
    ("2025-06-03", "CA", TSHIRT, &[("ieepa-fentanyl-ca", Some("25"))], "9903.01.10 at 25 %"),
    ("2025-07-31", "CA", TSHIRT, &[("ieepa-fentanyl-ca-0604", Some("25"))], "9903.01.10 at 25 % (row split at 2025-06-04 for the Section 232 order, Proclamation 10947)"),
    ("2025-08-01", "CA", TSHIRT, &[("ieepa-fentanyl-ca-35", Some("35"))], "9903.01.10 + 35%"),
    // The 15 % all-in rule: EU from 2025-08-07 (9903.02.20), Japan from 2025-08-07 (9903.02.73,
    // EO 14345 sec. 2(d), retroactive), Korea 15 % added until 2025-11-13 (9903.02.56, terminated
    // on 2025-11-14) and all-in from then (9903.02.80), Switzerland 39 % then all-in (9903.02.58,
    // 9903.02.83; 90 FR 59281).
    ("2025-08-07", "DE", TSHIRT, &[("ieepa-country-9903.02.20", Some("15"))], "9903.02.20"),
    ("2025-08-07", "JP", TSHIRT, &[("ieepa-country-9903.02.73", Some("15"))], "9903.02.73"),
    ("2025-11-13", "KR", TSHIRT, &[("ieepa-country-9903.02.56", Some("15"))], "9903.02.56"),
    ("2025-11-14", "KR", TSHIRT, &[("ieepa-country-9903.02.80", Some("15"))], "9903.02.80"),
    ("2025-11-13", "CH", TSHIRT, &[("ieepa-country-9903.02.58", Some("39"))], "9903.02.58"),
    ("2025-11-14", "CH", TSHIRT, &[("ieepa-country-9903.02.83", Some("15"))], "9903.02.83"),
    // Section 232 from 2018 to 2025-03-11 (docs/rules.md#us-additional-duties). Steel articles
    // + 25 % (9903.80.01, Proclamation 9705, from 2018-03-23); Canada, Mexico and, until
    // 2018-04-30, Argentina, Australia, Brazil, South Korea and the EU excepted (Proclamation
    // 9711); South Korea under an absolute quota from 2018-05-01 (Proclamation 9740), a 0 %
    // layer; the EU pays from 2018-06-01 (Proclamation 9759); Turkey + 50 % (9903.80.02) from
    // 2018-08-13 to 2019-05-20 (Proclamations 9772, 9886); Canada and Mexico excepted again from
    // 2019-05-20 (Proclamation 9894); Japan's tariff-rate quota from 2022-04-01: 0 in quota,
    // 25 % over it, which the quote cannot know (`?`); Ukraine suspended from 2022-06-01
    // (Proclamation 10403); Mexico's steel melted and poured outside North America + 25 %
    // (9903.81.85, chapter 99 extract: 7/10/24 to 3/11/25); Proclamation 10896 from 2025-03-12.
    ("2018-03-22", "DE", STEEL_PLATE, &[], "before Proclamation 9705"),
    ("2018-03-23", "CN", STEEL_PLATE, &[("s232-steel-2018-temp", Some("25"))], "9903.80.01"),
    ("2018-04-30", "KR", STEEL_PLATE, &[], "Proclamation 9711 temporary exemption"),
    ("2018-05-01", "KR", STEEL_PLATE, &[("s232-2018-steel-quota-kr", Some("0"))], "Proclamation 9740 absolute quota"),
    ("2018-05-31", "DE", STEEL_PLATE, &[], "EU excepted through 2018-05-31"),
    ("2018-06-01", "DE", STEEL_PLATE, &[("s232-steel-2018", Some("25"))], "Proclamation 9759"),
    ("2018-06-01", "BR", STEEL_PLATE, &[("s232-2018-steel-quota", Some("0"))], "Proclamation 9759 absolute quota"),
    ("2018-06-01", "AU", STEEL_PLATE, &[], "Proclamation 9759: Australia excepted"),
    ("2019-01-15", "TR", STEEL_PLATE, &[("s232-2018-steel-tr", Some("50"))], "9903.80.02, Proclamation 9772"),
    ("2019-05-21", "TR", STEEL_PLATE, &[("s232-steel-2019", Some("25"))], "Proclamation 9886"),
    ("2019-05-19", "CA", STEEL_PLATE, &[("s232-steel-2018", Some("25"))], "before Proclamation 9894"),
    ("2019-06-01", "CA", STEEL_PLATE, &[], "Proclamation 9894"),
    ("2021-07-01", "DE", STEEL_PLATE, &[("s232-steel-2019", Some("25"))], "9903.80.01"),
    ("2021-07-01", "JP", STEEL_PLATE, &[("s232-steel-2019", Some("25"))], "9903.80.01"),
    ("2021-07-01", "CN", STEEL_PLATE, &[("s232-steel-2019", Some("25"))], "9903.80.01; 7208.51.00 on no 301 list before 2024-09-27"),
    ("2022-01-01", "DE", STEEL_PLATE, &[("s232-2018-steel-trq-eu?", Some("25"))], "Proclamation 10328 TRQ"),
    ("2023-03-01", "JP", STEEL_PLATE, &[("s232-2018-steel-trq-jp?", Some("25"))], "Japan TRQ from 2022-04-01"),
    ("2022-06-01", "GB", STEEL_PLATE, &[("s232-2018-steel-trq-gb?", Some("25"))], "Proclamation 10406 TRQ"),
    ("2022-06-01", "UA", STEEL_PLATE, &[("s232-2018-steel-ua", Some("0"))], "Proclamation 10403"),
    ("2023-06-02", "UA", STEEL_PLATE, &[("s232-2018-steel-ua-cert?", Some("25"))], "9903.81.83: exempt only with a certificate of origin (Proclamation 10588)"),
    ("2024-07-09", "MX", STEEL_PLATE, &[], "Proclamation 9894"),
    ("2024-07-10", "MX", STEEL_PLATE, &[("s232-2018-steel-mx?", Some("25"))], "9903.81.85"),
    ("2025-03-11", "DE", STEEL_PLATE, &[("s232-2018-steel-trq-eu?", Some("25"))], "last day of the EU TRQ"),
    // The IEEPA duties that began in 2025 stack on the 2018 regime by their own rules: China's
    // 10 % (9903.01.20, no Section 232 exclusion), with Section 301's 2024 increase (9903.91.01).
    // Canada and Mexico: EO 14289 (90 FR 18907) s.3(a)(ii), retroactive to 2025-03-04 (CBP CSMS
    // #65054270, as reproduced): an article subject to the EO 14193/14194 duties is not subject to
    // the Section 232 steel and aluminum duties, until Proclamation 10947 reverses the order from
    // 2025-06-04 (CBP CSMS #65236574, as reproduced). Canada's steel is excepted from 232 until
    // 2025-03-11, so it pays the 25 %; Mexico's steel pays the IEEPA 25 % in place of 9903.81.85.
    // The order rests on reproductions of the CBP messages (no HTS heading states it), so the
    // rows that charge IEEPA in place of 232 are `verify` (priced by no quote, the line partial).
    ("2025-02-04", "CN", STEEL_PLATE, &[("s301-biden-25", Some("25")), ("s232-steel-2024", Some("25")), ("ieepa-fentanyl-cn-10", Some("10"))], "9903.91.01 from 2024-09-27 + 9903.80.01 + 9903.01.20"),
    ("2025-03-05", "CA", STEEL_PLATE, &[("ieepa-fentanyl-ca-0304", Some("25"))], "Proclamation 9894 exception; EO 14226"),
    ("2025-03-05", "MX", STEEL_PLATE, &[("ieepa-mx-over-s232-0304", Some("25"))], "EO 14289 s.3(a)(ii): 9903.01.01 in place of 9903.81.85"),
    ("2025-03-12", "DE", STEEL_PLATE, &[("s232-steel-25", Some("25"))], "Proclamation 10896"),
    ("2025-03-12", "CA", STEEL_PLATE, &[("ieepa-ca-over-s232", Some("25"))], "Proclamation 10896 ends the exemption; EO 14289 s.3(a)(ii) puts 9903.01.10 in place of 9903.81.87"),
    ("2025-06-03", "MX", STEEL_PLATE, &[("ieepa-mx-over-s232", Some("25"))], "EO 14289 s.3(a)(ii), last day"),
    ("2025-06-04", "CA", STEEL_PLATE, &[("s232-steel", Some("50"))], "Proclamation 10947: 9903.81.87 + 50 %, IEEPA Canada not charged"),
    ("2025-06-04", "MX", STEEL_PLATE, &[("s232-steel", Some("50"))], "Proclamation 10947: IEEPA Mexico not charged"),
    ("2025-05-01", "CA", ALUMINUM_CABLE, &[("ieepa-energy-ca-over-s232", Some("10"))], "9903.01.13 (critical minerals) in place of 9903.85.02, EO 14289 s.3(a)(ii)"),
    ("2025-05-01", "CA", CAR, &[("s232-autos", Some("25"))], "EO 14289 s.3(a)(i): 232 autos beat IEEPA Canada"),
    ("2021-07-01", "DE", TSHIRT, &[], "not a steel or aluminum article"),
    // Aluminum articles + 10 % (9903.85.01, Proclamation 9704); Australia excepted; Argentina
    // under an absolute quota (Proclamation 9758); Canada's non-alloyed unwrought aluminum + 10 %
    // from 2020-08-16 (9903.85.21, Proclamation 10060), duty-free again from 2020-09-01
    // (Proclamation 10106); the EU tariff-rate quota from 2022-01-01.
    ("2021-07-01", "CN", ALUMINUM, &[("s232-aluminum-2019", Some("10"))], "9903.85.01"),
    ("2021-07-01", "AU", ALUMINUM, &[], "Proclamation 9758: Australia excepted"),
    ("2018-06-01", "AR", ALUMINUM, &[("s232-2018-alu-quota", Some("0"))], "Proclamation 9758 absolute quota"),
    ("2018-05-01", "KR", ALUMINUM, &[("s232-aluminum-2018-may", Some("10"))], "Proclamation 9739: Korea not extended"),
    ("2020-08-16", "CA", ALUMINUM, &[("s232-2018-alu-ca", Some("10"))], "9903.85.21"),
    ("2020-09-01", "CA", ALUMINUM, &[], "Proclamation 10106"),
    ("2022-01-01", "FR", ALUMINUM, &[("s232-2018-alu-trq-eu?", Some("10"))], "EU aluminum TRQ"),
    ("2023-03-09", "RU", ALUMINUM, &[("s232-aluminum-2019", Some("10"))], "before Proclamation 10522"),
    ("2023-03-10", "RU", ALUMINUM, &[("s232-2018-alu-ru", Some("200"))], "9903.85.67, Proclamation 10522"),
    // Derivatives of Proclamation 9980 from 2020-02-08: aluminum stranded wire + 10 %
    // (9903.85.03); steel nails + 25 % (9903.80.03, whose statistical lines are a secondary
    // transcription: `verify`, priced by no quote); EU derivatives excepted from 2022-01-01.
    ("2020-02-07", "CN", ALUMINUM_CABLE, &[("s301-list3", Some("25"))], "before Proclamation 9980"),
    ("2020-02-08", "CN", ALUMINUM_CABLE, &[("s301-list3", Some("25")), ("s232-deriv-aluminum-2020", Some("10"))], "9903.85.03"),
    ("2022-01-01", "DE", ALUMINUM_CABLE, &[], "EU derivatives excepted"),
    ("2021-07-01", "VN", NAILS, &[("s232-deriv-steel-2020", Some("25"))], "9903.80.03 (verify)"),
    ("2021-07-01", "KR", NAILS, &[], "Proclamation 9980 excepts South Korea"),
    // The CBP 7501 line (docs/rules.md#us-additional-duties): 301 list 3 25 % + 232 steel, 25 % from 2025-03-12
    // (Proclamation 10896), 50 % from 2025-06-04 (Proclamation 10947, 9903.81.87-.90), the 2026
    // annexes from 2026-04-06.
    ("2025-06-03", "CN", STEEL_ARTICLE, &[("s301-list3", Some("25")), ("s232-steel-derivatives-25", Some("25")), ("ieepa-fentanyl-cn", Some("20"))], "Proclamation 10896; a derivative, 9903.81.89/.90 (audit-ee M4)"),
    // From 2025-06-04 an article of chapter 73 pays on its steel content (9903.81.90, CBP CSMS
    // #65236374); the rest of its value pays the layers 232 goods are otherwise outside of
    // (reciprocal 9903.01.25 before 2026-02-24, Section 122 9903.03.01 after).
    ("2025-06-04", "CN", STEEL_ARTICLE, &[("s301-list3", Some("25")), ("s232-steel-content-note16", Some("50")), ("ieepa-fentanyl-cn", Some("20")), ("ieepa-reciprocal", Some("10"))], "9903.81.90, CSMS #65236374"),
    ("2026-03-02", "CN", STEEL_ARTICLE, &[("s301-list3", Some("25")), ("s232-steel-content-note16", Some("50")), ("s122-surcharge", Some("10"))], "CBP 7501"),
    ("2026-04-06", "CN", STEEL_ARTICLE, &[("s301-list3", Some("25")), ("s232-annex-2026", None)], "2026 annexes"),
    ("2026-03-02", "GB", STEEL_ARTICLE, &[("s232-steel-content-note16-gb", Some("25")), ("s122-surcharge", Some("10"))], "9903.81.97"),
    // Steel mill articles of chapter 72 pay on the full value (9903.81.87), which keeps them
    // outside the reciprocal tariff (9903.01.33).
    ("2025-07-01", "JP", STEEL_MILL, &[("s232-steel", Some("50"))], "9903.81.87"),
    ("2025-06-03", "JP", STEEL_MILL, &[("s232-steel-25", Some("25"))], "Proclamation 10896"),
    // Chapter 76 on the aluminum content from 2025-06-04 (9903.85.02, CBP CSMS #65236645).
    ("2025-07-01", "JP", ALUMINUM, &[("s232-aluminum", Some("50")), ("ieepa-reciprocal", Some("10"))], "9903.85.02, CSMS #65236645"),
    // From 2026-04-06 the 2025 headings end and HTSUS 2026 Rev 10 heading 9903.82.02 charges
    // "articles of aluminum, of steel or of copper ... (c)(i)-(v) of U.S. note 16": "+ 50%";
    // articles of the United Kingdom 9903.82.04 "+ 25%", of Russia 9903.82.14 "+ 50%". Articles
    // of steel are note 16(c)(iii) (9903.82.14, 9903.82.18), whose text we lack: read as
    // Proclamation 9705's steel articles, the codes no 2026 annex names (9903.82.03 excepts
    // chapter 72 from the low-metal-content carve-out). Chapter 72 is charged on the full value,
    // which keeps it outside Section 122 (9903.03.06); chapter 73 pipe paid on its steel content
    // until 2026-04-05 (9903.81.90, CSMS #65236374), and whether 9903.82.02 is on the full value
    // or the content is not in our sources (`?`). 7208.10.15 and 7306.30.50 are on 9903.91.01.
    ("2026-04-05", "DE", STEEL_MILL, &[("s232-steel", Some("50"))], "9903.81.87, last day"),
    ("2026-04-06", "DE", STEEL_MILL, &[("s232-steel-articles-2026", Some("50"))], "9903.82.02"),
    ("2026-11-26", "DE", STEEL_MILL, &[("s232-steel-articles-2026", Some("50"))], "9903.82.02; Section 122 lapsed"),
    ("2026-04-05", "GB", STEEL_MILL, &[("s232-steel-gb", Some("25"))], "9903.81.94, last day"),
    ("2026-04-06", "GB", STEEL_MILL, &[("s232-steel-articles-2026-gb", Some("25"))], "9903.82.04"),
    ("2026-11-26", "GB", STEEL_MILL, &[("s232-steel-articles-2026-gb", Some("25"))], "9903.82.04"),
    ("2026-04-05", "CN", STEEL_MILL, &[("s301-biden-25", Some("25")), ("s232-steel", Some("50"))], "9903.91.01 + 9903.81.87"),
    ("2026-04-06", "CN", STEEL_MILL, &[("s301-biden-25", Some("25")), ("s232-steel-articles-2026", Some("50"))], "9903.91.01 + 9903.82.02"),
    ("2026-11-26", "CN", STEEL_MILL, &[("s301-biden-25", Some("25")), ("s232-steel-articles-2026", Some("50"))], "9903.91.01 + 9903.82.02"),
    ("2026-04-06", "RU", STEEL_MILL, &[("s232-steel-articles-2026-ru", Some("50"))], "9903.82.14"),
    ("2026-04-06", "DE", STEEL_PLATE, &[("s232-steel-articles-2026", Some("50"))], "9903.82.02"),
    ("2026-04-05", "DE", PIPE, &[("s232-steel-content-note16", Some("50"))], "9903.81.90 on the steel content; 7306.30.50 is on the Section 122 exemption list"),
    ("2026-04-06", "DE", PIPE, &[("s232-steel-articles-2026?", Some("50"))], "9903.82.02 on the full value or the steel content"),
    ("2026-04-06", "GB", PIPE, &[("s232-steel-articles-2026-gb?", Some("25"))], "9903.82.04, basis not settled"),
    // The forced-labour duty (9903.05.31) is not charged on Section 232 articles (note 52(f),
    // 9903.05.90): unsettled while 9903.82.02's own reach is (audit-i I1).
    ("2026-11-26", "CN", PIPE, &[("s301-biden-25", Some("25")), ("s232-steel-articles-2026?", Some("50")), ("s301-fl-12.5?", Some("12.5"))], "9903.91.01 + 9903.82.02, basis not settled; 9903.05.31 with it"),
    // Aluminum articles (7601, 7604-7609) are on the 2026 annex list (annex 1a): the annex duty,
    // whose heading per annex is set by U.S. note 16(c)-(k), not encoded; partial, never Free.
    ("2026-04-05", "DE", ALUMINUM_SHEET, &[("s232-aluminum", Some("50")), ("s122-surcharge", Some("10"))], "9903.85.02 on the aluminum content"),
    ("2026-04-06", "DE", ALUMINUM_SHEET, &[("s232-annex-2026", None)], "annex 1a; rate not encoded"),
    ("2026-11-26", "GB", ALUMINUM_SHEET, &[("s232-annex-2026", None)], "annex 1a; rate not encoded"),
    // Annex II (9903.01.32, from 2025-04-05 in the 2025 chapter 99 extract): roasted coffee was
    // added by the order of 2025-11-14 from 2025-11-13; before that our list cannot say, so the
    // reciprocal duty is unsettled; from 2025-11-13 it is exempt.
    ("2025-10-01", "CO", COFFEE, &[("ieepa-reciprocal?", Some("10"))], "9903.01.25; Annex II unsettled"),
    ("2025-11-13", "CO", COFFEE, &[], "9903.01.32 as amended from 2025-11-13"),
    // Cut flowers are on the compiled list but in no (iii)(a) enumeration: unsettled throughout.
    ("2025-12-01", "CO", ROSES, &[("ieepa-reciprocal?", Some("10"))], "9903.01.25; chapter 6 unsettled"),
    // Section 232 automobile parts (9903.94.05, + 25 % from 2025-05-03, Proclamation 10908): the
    // parts of U.S. note 33(g) are not in our sources, so the layer may apply and the line is
    // partial; the layers it excludes are unsettled with it. EU parts 15 % all-in (9903.94.53)
    // from 2025-08-01 replace the 25 %.
    ("2025-05-02", "DE", AUTO_PART, &[("ieepa-reciprocal", Some("10"))], "before Proclamation 10908 parts"),
    ("2025-05-03", "DE", AUTO_PART, &[("s232-autos-parts?", Some("25")), ("ieepa-reciprocal?", Some("10"))], "9903.94.05"),
    ("2025-08-07", "DE", AUTO_PART, &[("s232-autos-parts-eu?", Some("15")), ("ieepa-country-9903.02.20?", Some("15"))], "9903.94.53"),
    // Buses of heading 8702 (9903.74.02, + 10 % from 2025-11-01, Proclamation 10984; the buses of
    // U.S. note 38(c) are not in our sources). A bus is also on the steel derivative list
    // (9903.81.91, from 2025-08-18), which it leaves if the bus duty applies: both unsettled.
    ("2025-08-17", "DE", BUS, &[("ieepa-country-9903.02.20", Some("15"))], "9903.02.20"),
    ("2025-10-31", "DE", BUS, &[("s232-steel-content", Some("50")), ("ieepa-country-9903.02.20", Some("15"))], "9903.81.91 from 2025-08-18"),
    ("2025-11-01", "DE", BUS, &[("s232-mhd-buses?", Some("10")), ("s232-steel-content?", Some("50")), ("ieepa-country-9903.02.20?", Some("15"))], "9903.74.02"),
    // Wood products from 2025-10-14 (Proclamation 10976): softwood lumber + 10 % (9903.76.01),
    // upholstered wooden seats + 25 % (9903.76.02); the enumerations of U.S. note 37 are not in
    // our sources.
    ("2025-10-14", "CA", SOFTWOOD, &[("s232-wood-softwood?", Some("10")), ("ieepa-fentanyl-ca-35?", Some("35"))], "9903.76.01"),
    ("2025-10-13", "VN", UPHOLSTERED, &[("ieepa-country-9903.02.69", Some("20"))], "before Proclamation 10976"),
    ("2025-10-14", "VN", UPHOLSTERED, &[("s232-wood-upholstered?", Some("25")), ("ieepa-country-9903.02.69?", Some("20"))], "9903.76.02"),
    ("2025-10-14", "IT", UPHOLSTERED, &[("s232-wood-eu?", Some("15")), ("ieepa-country-9903.02.20?", Some("15"))], "9903.76.22"),
    // Semiconductors + 25 % (9903.79.01): the date comes from a secondary source and the scope
    // from U.S. note 39, which we lack.
    ("2026-03-02", "TW", CHIP, &[("s232-semiconductors?", Some("25"))], "9903.79.01"),
    // Autos: 25 % from 2025-04-03 (9903.94.01); the UK 7.5 % from 2025-06-30 (9903.94.31); the EU
    // 15 % all-in from 2025-08-01 (9903.94.51); Japan from 2025-09-16 (9903.94.41).
    ("2025-04-02", "DE", CAR, &[], "before Proclamation 10908 and EO 14257"),
    ("2025-07-31", "DE", CAR, &[("s232-autos", Some("25"))], "9903.94.01"),
    ("2025-08-01", "DE", CAR, &[("s232-autos-eu", Some("15"))], "9903.94.51"),
    ("2025-09-15", "JP", CAR, &[("s232-autos", Some("25"))], "before 90 FR 44638"),
    ("2025-09-16", "JP", CAR, &[("s232-autos-jp", Some("15"))], "9903.94.41"),
    // Beyond the UK's annual quota of 100,000 vehicles 9903.94.01 applies (25 %): which one turns
    // on the quota's fill, so the 17.5 points more are unsettled (`?`), never charged in silence.
    ("2025-06-30", "GB", CAR, &[("s232-autos-gb", Some("7.5")), ("s232-autos-gb-over-quota?", Some("17.5"))], "9903.94.31, or 9903.94.01 beyond the quota"),
    ("2025-10-31", "KR", CAR, &[("s232-autos", Some("25"))], "before 90 FR 55964"),
    ("2025-11-01", "KR", CAR, &[("s232-autos-kr", Some("15"))], "9903.94.61, 90 FR 55964"),
    // Civil aircraft (docs/rules.md#us-additional-duties): the country arrangements take civil
    // aircraft, their engines, parts and ground flight simulators out of the reciprocal tariff
    // ("The duty provided in the applicable subheading"), but only for the subheadings enumerated
    // in notes we lack (U.S. note 35(a)-(b), note 2(v)(xxii), (xxiv)(b), (xxv)(c)) and for goods
    // that are civil aircraft articles: an aircraft or aircraft part may be exempt, so the
    // exemption and the duty it lifts are both unsettled (`?`), never charged in silence and
    // never exempted on a guess. The United Kingdom from 2025-06-30 (9903.96.01, heading text);
    // the other starts are the arrangements' dates (verify rows). The compiled Annex II list
    // (us/ch99-lists/ieepa_exempt_products.csv) also names these codes for every origin and date
    // without saying which entries are Annex II and which the aircraft headings, so its exemption
    // of them is unsettled too (`ieepa:exempt:unsettled` in us_scopes_extra.tsv).
    ("2025-06-29", "GB", AIRPLANE, &[("ieepa-reciprocal?", Some("10"))], "before 9903.96.01; list unsettled"),
    ("2025-06-30", "GB", AIRPLANE, &[("ieepa-recip-aircraft-gb?", Some("0")), ("ieepa-reciprocal?", Some("10"))], "9903.96.01 from June 30, 2025"),
    ("2025-08-07", "GB", AIRPLANE, &[("ieepa-recip-aircraft-gb?", Some("0")), ("ieepa-country-9903.02.66?", Some("10"))], "9903.96.01 lifts 9903.02.66"),
    ("2025-08-07", "GB", DRONE, &[("ieepa-recip-aircraft-gb?", Some("0")), ("ieepa-country-9903.02.66?", Some("10"))], "9903.96.01 does not exclude unmanned aircraft"),
    ("2025-08-07", "GB", TSHIRT, &[("ieepa-country-9903.02.66", Some("10"))], "not an aircraft article"),
    ("2025-09-15", "JP", AIRPLANE, &[("ieepa-country-9903.02.73?", Some("15"))], "before the Japan arrangement's 2025-09-16; list unsettled"),
    ("2025-09-16", "JP", AIRPLANE, &[("ieepa-recip-aircraft-jp?", Some("0")), ("ieepa-country-9903.02.73?", Some("15"))], "9903.96.02"),
    ("2025-09-16", "JP", DRONE, &[("ieepa-country-9903.02.73?", Some("15"))], "9903.96.02 excludes unmanned aircraft; list unsettled"),
    ("2025-08-31", "FR", AIRPLANE, &[("ieepa-country-9903.02.20?", Some("15"))], "before the EU exemption of 2025-09-01; list unsettled"),
    ("2025-09-01", "FR", AIRPLANE, &[("ieepa-recip-aircraft-eu?", Some("0")), ("ieepa-country-9903.02.20?", Some("15"))], "9903.02.76"),
    ("2025-09-01", "FR", DRONE, &[("ieepa-country-9903.02.20?", Some("15"))], "9903.02.76 excludes unmanned aircraft; list unsettled"),
    ("2025-11-13", "KR", AIRPLANE, &[("ieepa-country-9903.02.56?", Some("15"))], "before 90 FR 55964; list unsettled"),
    ("2025-11-14", "KR", AIRPLANE, &[("ieepa-recip-aircraft-kr?", Some("0")), ("ieepa-country-9903.02.80?", Some("15"))], "9903.02.81"),
    ("2025-11-13", "CH", AIRPLANE, &[("ieepa-country-9903.02.58?", Some("39"))], "before 90 FR 59281; list unsettled"),
    ("2025-11-14", "CH", AIRPLANE, &[("ieepa-recip-aircraft-ch?", Some("0")), ("ieepa-country-9903.02.83?", Some("15"))], "9903.02.85"),
    ("2025-11-14", "LI", AIRPLANE, &[("ieepa-recip-aircraft-li?", Some("0")), ("ieepa-country-9903.02.88?", Some("15"))], "9903.02.90"),
    // Brazil's civil aircraft (9903.01.82, note 2(x)(iv)) leave the Brazil 40 % (9903.01.77),
    // not the reciprocal 10 % (9903.02.09).
    ("2025-08-07", "BR", AIRPLANE, &[("ieepa-br-aircraft?", Some("0")), ("ieepa-extra-9903.01.77?", Some("40")), ("ieepa-country-9903.02.09?", Some("10"))], "9903.01.82; list unsettled"),
    // No arrangement exempts Vietnam's aircraft from the reciprocal tariff. Any country's civil
    // aircraft leave the Section 122 surcharge (HTSUS 2026 Rev 10 heading 9903.03.05, note
    // 2(aa)(iv)), whose subheadings us/ch99-lists/s122_exempt_products.csv lists (8802.40.01).
    ("2026-02-23", "VN", AIRPLANE, &[("ieepa-country-9903.02.69?", Some("20"))], "no Vietnam aircraft heading; list unsettled"),
    // The Section 122 list exempts by code, but 9903.03.05 covers civil aircraft articles only
    // (all aircraft other than military aircraft): a military aircraft of 8802.40.01 is not
    // exempt, so the exemption is unsettled on the aircraft codes (`s122:exempt:unsettled`).
    ("2026-02-24", "VN", AIRPLANE, &[("s122-surcharge?", Some("10"))], "9903.03.05: civil aircraft only"),
    ("2026-02-24", "GB", AIRPLANE, &[("s122-surcharge?", Some("10"))], "9903.96.01 ends with IEEPA; 9903.03.05 civil aircraft only"),
    ("2026-02-24", "VN", LAPTOP, &[], "9903.03.03/.04: exempt by code, no civil-aircraft condition"),
    // Annex II: EO 14346 removed eight subheadings (silicones 3910.00.00 among them) for entries
    // from 2025-09-08 (CBP CSMS #66151866, known from secondary reports only); the compiled list
    // still names them, so from that date their exemption is unsettled, never applied in silence.
    ("2025-09-07", "VN", SILICONES, &[], "9903.01.32: on Annex II before EO 14346"),
    ("2025-09-08", "VN", SILICONES, &[("ieepa-country-9903.02.69?", Some("20"))], "removed by EO 14346 (secondary): unsettled"),
    // Taiwan (HTSUS 2026 Rev 10; the start, 2026-05-01, is a secondary date, so each row is
    // verify and never priced): automobile parts 15 % all-in (9903.94.66-.69), wood products 15 %
    // all-in (9903.76.24) in place of 9903.94.05 and 9903.76.02; civil aircraft components
    // (9903.96.03, 'No change') out of the Section 232 duties that may reach them.
    // (8708.99.81 may also be a medium- and heavy-duty vehicle part, 9903.74.08, and is on a 2026
    // metals annex, whose duty the automobile parts duty may exclude.)
    ("2026-04-30", "TW", AUTO_PART, &[("s232-mhd-parts?", Some("25")), ("s232-autos-parts?", Some("25")), ("s232-annex-2026?", None), ("s122-surcharge?", Some("10"))], "9903.94.05 before the Taiwan headings"),
    ("2026-05-01", "TW", AUTO_PART, &[("s232-mhd-parts?", Some("25")), ("s232-autos-parts-tw?", Some("15")), ("s232-annex-2026?", None), ("s122-surcharge?", Some("10"))], "9903.94.67"),
    ("2026-04-30", "TW", UPHOLSTERED, &[("s232-wood-upholstered?", Some("25")), ("s122-surcharge?", Some("10"))], "9903.76.02 before 9903.76.24"),
    ("2026-05-01", "TW", UPHOLSTERED, &[("s232-wood-tw?", Some("15")), ("s122-surcharge?", Some("10"))], "9903.76.24"),
    ("2026-05-01", "TW", AIRCRAFT_PART, &[("s232-annex-2026?", None), ("s232-aircraft-tw?", Some("0")), ("s122-surcharge?", Some("10"))], "9903.96.03 may lift the 9903.82 annex duty"),
    ("2026-05-01", "TW", TURBINE_PART, &[("s232-aircraft-tw?", Some("0")), ("s122-surcharge?", Some("10"))], "9903.96.03; 9903.03.05 civil aircraft only"),
    ("2026-05-01", "VN", AIRCRAFT_PART, &[("s232-annex-2026", None)], "no Vietnam heading: the annex duty applies, and Section 232 goods leave 9903.03.01 (9903.03.06)"),
];

#[test]
fn us_layers_follow_the_timeline_by_date_origin_and_code() {
    let mut failures = Vec::new();
    for (date, origin, code, expected, why) in TIMELINE {
        let want: Vec<(String, Option<Decimal>)> =
            expected.iter().map(|(id, p)| (id.to_string(), p.map(|p| d(p).normalize()))).collect();
        let got = applied(date, origin, code);
        if got != want {
            failures.push(format!("{date} {origin} {code} ({why}): expected {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn us_line(date: &str, origin: &str, line: serde_json::Value) -> Quote {
    quote(json!({"destination": "US", "date": date, "currency": "USD", "origin": origin, "channel": "freight",
        "entry_type": "formal", "lines": [line]}))
}

fn additional(line: &LineQuote, ch99: &str) -> Option<Decimal> {
    line.levies
        .iter()
        .find(|l| l.kind == LevyKind::AdditionalDuty && l.name.as_str().contains(ch99))
        .unwrap_or_else(|| panic!("no {ch99} levy in {:?}", line.levies))
        .amount
}

#[test]
fn laptop_from_china_or_japan_on_2026_03_01_pays_no_section_232() {
    // Issue 12: the Section 232 annex list naming 8471 takes effect 2026-04-06.
    for origin in ["CN", "JP"] {
        let q = us_line(
            "2026-03-01",
            origin,
            json!({"id": "laptop", "code": "8471.30.0100", "quantity": "1", "unit_price": "1000.00"}),
        );
        let line = &q.lines[0];
        assert!(!line.levies.iter().any(|l| l.name.as_str().contains("232")), "{origin}: {:?}", line.levies);
        assert_eq!(q.totals.duty, d("0.00"), "{origin}");
        assert!(excluded("2026-03-01", origin, LAPTOP).contains(&"s122-surcharge".to_string()));
    }
}

#[test]
fn eu_all_in_rate_is_fifteen_percent_minus_the_mfn_rate_not_below_zero() {
    // HTSUS 9903.02.20 (EO 14326): for EU goods whose column 1 rate is under 15 %, the duty
    // is 15 % in all. Ceramic tableware 6912.00.48 (MFN 9.8 %) worth US$1,000: MFN 98.00,
    // IEEPA 150.00 − 98.00 = 52.00.
    let q = us_line(
        "2025-09-01",
        "DE",
        json!({"id": "x", "code": "6912.00.4810", "quantity": "1", "unit_price": "1000.00"}),
    );
    let line = &q.lines[0];
    assert_eq!(additional(line, "9903.02.20"), Some(d("52.00")));
    assert_eq!(q.totals.duty, d("150.00"));
    // 9903.02.19: a column 1 rate of 15 % or more pays no reciprocal duty (handbags, 16 %), and
    // the heading declared is 9903.02.19, not 9903.02.20 (audit-d D6).
    let q = us_line(
        "2025-09-01",
        "FR",
        json!({"id": "x", "code": "4202.22.1500", "quantity": "1", "unit_price": "1000.00"}),
    );
    assert_eq!(additional(&q.lines[0], "9903.02.19"), Some(d("0.00")));
    assert_eq!(q.totals.duty, d("160.00"));
}

#[test]
fn eu_car_pays_fifteen_percent_all_in_under_the_2025_autos_arrangement() {
    // HTSUS 9903.94.51 (CBP CSMS #66336270, from 2025-08-01): MFN 2.5 % = 1,000.00 on
    // US$40,000; Section 232 autos 15 % × 40,000 − 1,000 = 5,000.00 instead of 25 % (10,000.00).
    let q = us_line(
        "2025-09-01",
        "DE",
        json!({"id": "car", "code": "8703.23.0190", "quantity": "1", "unit_price": "40000.00"}),
    );
    let line = &q.lines[0];
    assert_eq!(additional(line, "9903.94.51"), Some(d("5000.00")));
    assert_eq!(q.totals.duty, d("6000.00"));
    assert!(line.excluded.iter().any(|e| e.ch99 == "9903.94.01"), "{:?}", line.excluded);
}

#[test]
fn section_232_derivative_is_charged_on_the_metal_content_only() {
    // HTSUS 9903.81.91: "+ a duty of 50 % upon the value of the steel content" (list dated
    // 2025-08-18). Seats 9401.71.00 (MFN free) from New Zealand worth US$1,000 with US$400 of
    // steel: 232 = 50 % × 400 = 200.00; the reciprocal 15 % (9903.02.46) on the rest, 600:
    // 90.00 (232 goods are outside the reciprocal tariff, note 2(v)(vi)).
    let line = json!({"id": "seat", "code": "9401.71.0031", "quantity": "2", "unit_price": "500.00", "metal_content_value": "200.00"});
    let q = us_line("2025-09-01", "NZ", line);
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
    assert_eq!(additional(l, "9903.81.91"), Some(d("200.00")));
    assert_eq!(additional(l, "9903.02.46"), Some(d("90.00")));
    assert_eq!(q.totals.duty, d("290.00"));
}

#[test]
fn section_232_on_metal_content_without_the_value_is_partial_never_full_value() {
    let q = us_line(
        "2025-09-01",
        "NZ",
        json!({"id": "seat", "code": "9401.71.0031", "quantity": "1", "unit_price": "1000.00"}),
    );
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial);
    assert!(l.reason.as_deref().unwrap().contains("metal_content_value"), "{:?}", l.reason);
    assert_eq!(additional(l, "9903.81.91"), None);
    assert!(!q.totals.complete);
}

#[test]
fn metal_content_value_above_the_unit_price_is_refused() {
    let req: QuoteRequest = landed::request::decode(&json!({"destination": "US", "date": "2025-09-01", "currency": "USD",
        "origin": "NZ", "lines": [{"id": "x", "code": "9401.71.0031", "quantity": "1", "unit_price": "10", "metal_content_value": "11"}]}).to_string())
    .unwrap();
    let e = engine().quote(&req).unwrap_err();
    assert!(e.field.as_deref().unwrap_or_default().contains("metal_content_value"), "{e:?}");
}

#[test]
fn usmca_claim_shows_the_ieepa_and_section_122_duties_it_removes() {
    // USMCA goods enter under 9903.01.04 (no Mexico IEEPA duty, EO 14232 from 2025-03-07) and
    // 9903.03.08 (no Section 122 surcharge). T-shirt 6109.10.00 (MFN 16.5 %) worth US$100.
    let q = us_line(
        "2025-09-01",
        "MX",
        json!({"id": "tee", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00"}),
    );
    let usmca = q.lines[0].alternatives.iter().find(|a| a.program == "S").expect("USMCA offered");
    assert_eq!(usmca.saving, Some(d("16.50")));
    assert_eq!(usmca.waived.iter().map(|w| w.amount).sum::<Decimal>(), d("25.00"));
    // The full saving is what the claim saves (audit-dd DD5): the duty 16.50, the IEEPA 25.00
    // and the formal entry's MPF, its minimum 32.71 in FY2025, which USMCA originating goods do
    // not pay (19 U.S.C. 58c(b)(10)(B)): 74.21 (it said 41.50, leaving out the MPF).
    assert_eq!(usmca.total_saving, Some(d("74.21")));
    let q = us_line(
        "2026-03-02",
        "MX",
        json!({"id": "tee", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00"}),
    );
    let usmca = q.lines[0].alternatives.iter().find(|a| a.program == "S").unwrap();
    assert_eq!(usmca.waived[0].ch99, "9903.03.01");
    // 16.50 + Section 122's 10.00 + the FY2026 MPF minimum 33.58 (it said 26.50).
    assert_eq!(usmca.total_saving, Some(d("60.08")));
}

#[test]
fn an_unverified_layer_is_never_priced() {
    // Brazil's additional 40 % (9903.01.77, EO 14323, from 2025-08-06): the rate is in the
    // heading, but its carve-outs (note 2(x)(iii)) are not in our lists, so the row is `verify`
    // and the line is partial with the reason rather than priced on a guess. The reciprocal 10 %
    // (9903.02.09) is priced: 10.00 on US$100.
    let q = us_line(
        "2025-09-01",
        "BR",
        json!({"id": "tee", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00"}),
    );
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial);
    assert_eq!(additional(l, "9903.01.77"), None);
    assert_eq!(additional(l, "9903.02.09"), Some(d("10.00")));
    assert!(l.reason.as_deref().unwrap().contains("not verified from a primary source"), "{:?}", l.reason);
}

#[test]
fn chapter_73_article_pays_section_232_on_its_steel_content_from_2025_06_04() {
    // CBP CSMS #65236374: from 2025-06-04 every article of chapter 73 under a Section 232 steel
    // heading (9903.81.87/.89/.90, + 50 %) pays on the value of its steel content. HTS
    // 7326.90.86 (MFN 2.9 %), origin CN, US$1,000 with US$400 of steel, 2025-07-01: MFN 29.00;
    // Section 301 list 3 (9903.88.03) 25 % = 250.00; Section 232 50 % × 400 = 200.00; IEEPA
    // China 20 % (9903.01.24) = 200.00; reciprocal 10 % (9903.01.25) on the other 600 = 60.00;
    // total 739.00.
    let line = json!({"id": "a", "code": "7326.90.8688", "quantity": "1", "unit_price": "1000.00", "metal_content_value": "400.00"});
    let q = us_line("2025-07-01", "CN", line);
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
    assert_eq!(additional(l, "9903.81.90"), Some(d("200.00")));
    assert_eq!(additional(l, "9903.01.25"), Some(d("60.00")));
    assert_eq!(q.totals.duty, d("739.00"));
    // Without the steel content the line is partial and names the input, never 50 % of 1,000.
    let q = us_line(
        "2025-07-01",
        "CN",
        json!({"id": "a", "code": "7326.90.8688", "quantity": "1", "unit_price": "1000.00"}),
    );
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial);
    assert!(l.reason.as_deref().unwrap().contains("metal_content_value"), "{:?}", l.reason);
    assert_eq!(additional(l, "9903.81.90"), None);
    // Before 2025-06-04 (Proclamation 10896, CBP guidance of 2025-03-07) chapter 73 paid 25 % of
    // the full value: 250.00, and no metal content is needed; a derivative, named 9903.81.89 or
    // 9903.81.90, which heading 9903.81.87 excepts (audit-ee M4).
    let q = us_line(
        "2025-06-03",
        "CN",
        json!({"id": "a", "code": "7326.90.8688", "quantity": "1", "unit_price": "1000.00"}),
    );
    assert_eq!(additional(&q.lines[0], "9903.81.89 or 9903.81.90"), Some(d("250.00")));
}

#[test]
fn a_layer_whose_scope_is_a_us_note_we_lack_makes_the_line_partial() {
    // HTSUS 9903.76.02 (+ 25 %, upholstered wooden furniture of U.S. note 37(d), Proclamation
    // 10976, from 2025-10-14): the note's enumeration is not in our sources. Upholstered wooden
    // seats 9401.61.40 from Vietnam: the layer is named, unpriced, and the line partial; the
    // reciprocal 20 % (9903.02.69), which 232 goods are outside of (9903.01.33), is unsettled too.
    let q = us_line(
        "2025-10-14",
        "VN",
        json!({"id": "sofa", "code": "9401.61.4011", "quantity": "1", "unit_price": "1000.00"}),
    );
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial);
    assert_eq!(additional(l, "9903.76.02"), None);
    assert_eq!(additional(l, "9903.02.69"), None);
    let reason = l.reason.as_deref().unwrap();
    assert!(reason.contains("U.S. note 37(d)"), "{reason}");
    assert!(!q.totals.complete);
    // The day before, the reciprocal duty is priced: 20 % × 1,000 = 200.00.
    let q = us_line(
        "2025-10-13",
        "VN",
        json!({"id": "sofa", "code": "9401.61.4011", "quantity": "1", "unit_price": "1000.00"}),
    );
    assert_eq!(additional(&q.lines[0], "9903.02.69"), Some(d("200.00")));
}

#[test]
fn annex_ii_exemption_applies_only_while_the_list_is_settled_for_the_code() {
    // Annex II (9903.01.32, from 2025-04-05 per the USITC 2025 chapter 99 extract; the list as
    // amended to 2025-11-13): roasted coffee 0901.21.00 (free) from Colombia was added by the
    // order of 2025-11-14, in force from 2025-11-13. On 2025-10-01 our list cannot say whether it
    // was exempt: the reciprocal 10 % (9903.01.25) is unpriced and the line partial; from
    // 2025-11-13 it is exempt.
    let coffee = || json!({"id": "c", "code": "0901.21.0020", "quantity": "1", "unit_price": "1000.00"});
    let q = us_line("2025-10-01", "CO", coffee());
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial);
    assert_eq!(additional(l, "9903.01.25"), None);
    assert!(l.reason.as_deref().unwrap().contains("ieepa:exempt"), "{:?}", l.reason);
    let q = us_line("2025-11-13", "CO", coffee());
    assert_eq!(q.lines[0].status, LineStatus::Priced);
    assert_eq!(q.totals.duty, d("0.00"));
    assert!(q.lines[0].excluded.iter().any(|e| e.ch99 == "9903.01.25"), "{:?}", q.lines[0].excluded);
    // A laptop (8471.30.01, on the list since 2025-04-05 with the electronics of 9903.01.32) is
    // exempt throughout: from Japan on 2025-06-01 it pays nothing.
    let q = us_line(
        "2025-06-01",
        "JP",
        json!({"id": "l", "code": "8471.30.0100", "quantity": "1", "unit_price": "1000.00"}),
    );
    assert_eq!(q.lines[0].status, LineStatus::Priced);
    assert_eq!(q.totals.duty, d("0.00"));
}

#[test]
fn a_code_on_both_the_steel_and_aluminum_lists_needs_each_metal_content() {
    // 3208.10.00 is on the steel (9903.81.91) and the aluminum (9903.85.08) derivative lists of
    // 2025-08-18, each "+ a duty of 50 % upon the value of the steel / aluminum content": one
    // metal_content_value cannot say which metal it is, so neither is charged on it and the line is
    // partial, never 50 % twice on the same value.
    let line = json!({"id": "p", "code": "3208.10.0000", "quantity": "1", "unit_price": "1000.00", "metal_content_value": "100.00"});
    let q = us_line("2025-09-01", "NZ", line);
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial);
    assert_eq!(additional(l, "9903.81.91"), None);
    assert_eq!(additional(l, "9903.85.08"), None);
    assert!(l.reason.as_deref().unwrap().contains("aluminum and steel"), "{:?}", l.reason);
}

#[test]
fn civil_aircraft_articles_leave_the_reciprocal_duty_unsettled_not_charged_or_exempted() {
    // HTSUS 2026 Rev 10 heading 9903.96.01: from 2025-06-30, civil aircraft, their parts and
    // ground flight simulators of the United Kingdom, of the subheadings of U.S. note 35(a) (not
    // in our sources), pay "the duty provided in the applicable subheading", outside the
    // reciprocal 10 % (9903.02.66 from 2025-08-07). Aircraft seats 9401.10.40 (column 1 Free)
    // from the United Kingdom on 2025-10-01: both layers are named and unpriced, and the line is
    // partial, naming the note that would settle it; never 10 % × 1,000 = 100.00 in silence.
    let seat = json!({"id": "seat", "code": "9401.10.4000", "quantity": "1", "unit_price": "1000.00"});
    let q = us_line("2025-10-01", "GB", seat);
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial);
    assert_eq!(additional(l, "9903.96.01"), None);
    assert_eq!(additional(l, "9903.02.66"), None);
    let reason = l.reason.as_deref().unwrap();
    assert!(reason.contains("U.S. note 35(a)"), "{reason}");
    assert!(!q.totals.complete);
}

#[test]
fn codes_removed_from_annex_ii_or_exempt_only_as_civil_aircraft_are_partial_never_exempt() {
    // Silicones 3910.00.00 (general 3 %), US$1,000 of Viet Nam: on Annex II (9903.01.32) until
    // EO 14346 removed it for entries from 2025-09-08 (CBP CSMS #66151866, known from secondary
    // reports only). On 2025-09-07 it is exempt: duty 3 % = 30.00, priced. On 2025-09-08 the
    // 20 % of 9903.02.69 is neither charged nor exempted: the line is partial and says why.
    let silicones = || json!({"id": "s", "code": "3910.00.0000", "quantity": "1", "unit_price": "1000.00"});
    let q = us_line("2025-09-07", "VN", silicones());
    assert_eq!((q.lines[0].status, q.totals.duty), (LineStatus::Priced, d("30.00")));
    let q = us_line("2025-09-08", "VN", silicones());
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial);
    assert_eq!(additional(l, "9903.02.69"), None);
    assert!(l.reason.as_deref().unwrap().contains("EO 14346"), "{:?}", l.reason);
    // An aircraft of 8802.40.01 (free) on 2026-03-02: HTSUS 2026 Rev 10 heading 9903.03.05 exempts
    // civil aircraft only, so the Section 122 10 % (9903.03.01) is unpriced and the line partial,
    // never exempted by its code alone (a military aircraft pays it).
    let q = us_line(
        "2026-03-02",
        "VN",
        json!({"id": "a", "code": "8802.40.0190", "quantity": "1", "unit_price": "1000000.00"}),
    );
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial);
    assert_eq!(additional(l, "9903.03.01"), None);
    assert!(l.reason.as_deref().unwrap().contains("9903.03.05"), "{:?}", l.reason);
}

/// A steel plate line of US$10,000 (HTS 7208.51.00, column 1 Free) on a date from an origin.
fn steel_plate(date: &str, origin: &str) -> Quote {
    us_line(date, origin, json!({"id": "plate", "code": "7208.51.0030", "quantity": "1", "unit_price": "10000.00"}))
}

/// The additional duties of a line whose heading starts with `prefix`, by heading.
fn levies_under<'q>(line: &'q LineQuote, prefix: &str) -> Vec<&'q landed::quote::Levy> {
    line.levies.iter().filter(|l| l.kind == LevyKind::AdditionalDuty && l.name.as_str().contains(prefix)).collect()
}

#[test]
fn section_232_steel_2018_is_twenty_five_percent_from_the_eu_in_2021() {
    // Proclamation 9705 (83 FR 11625), heading 9903.80.01: + 25 % on steel articles from
    // 2018-03-23; the EU member states pay from 2018-06-01 (Proclamation 9759) until the EU
    // tariff-rate quota of 2022-01-01 (Proclamation 10328). 7208.51.00 from Germany on
    // 2021-07-01, US$10,000: 25 % × 10,000 = 2,500.00.
    let q = steel_plate("2021-07-01", "DE");
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
    assert_eq!(additional(l, "9903.80.01"), Some(d("2500.00")));
    // The same from Japan and from China (7208.51.00 is on no Section 301 list before 2024-09-27).
    assert_eq!(additional(&steel_plate("2021-07-01", "JP").lines[0], "9903.80.01"), Some(d("2500.00")));
    assert_eq!(additional(&steel_plate("2021-07-01", "CN").lines[0], "9903.80.01"), Some(d("2500.00")));
}

#[test]
fn section_232_steel_exempts_canada_from_2019_05_20() {
    // Proclamation 9894 of 2019-05-19: steel articles of Canada and Mexico excepted for entries
    // from 2019-05-20. 7208.51.00 from Canada on 2019-06-01: no Section 232 duty; the day before
    // the exemption, 25 % × 10,000 = 2,500.00 (Proclamation 9759).
    let q = steel_plate("2019-06-01", "CA");
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
    assert!(levies_under(l, "9903.8").is_empty(), "{:?}", l.levies);
    assert_eq!(additional(&steel_plate("2019-05-19", "CA").lines[0], "9903.80.01"), Some(d("2500.00")));
}

#[test]
fn section_232_steel_from_turkey_is_fifty_percent_until_2019_05_20() {
    // Proclamation 9772 (83 FR 40429): + 50 % on steel articles of Turkey (9903.80.02) from
    // 2018-08-13; Proclamation 9886 (84 FR 23421): 25 % again for entries from 2019-05-21.
    // 7208.51.00 from Turkey, US$10,000: on 2019-01-15, 50 % = 5,000.00, and 9903.80.01 is not
    // also charged; on 2019-05-21, 25 % = 2,500.00.
    let q = steel_plate("2019-01-15", "TR");
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
    assert_eq!(additional(l, "9903.80.02"), Some(d("5000.00")));
    assert_eq!(levies_under(l, "9903.80.01").len(), 0, "{:?}", l.levies);
    assert_eq!(q.totals.duty, d("5000.00"));
    assert_eq!(additional(&steel_plate("2019-05-21", "TR").lines[0], "9903.80.01"), Some(d("2500.00")));
}

#[test]
fn section_232_steel_under_japans_tariff_rate_quota_is_partial_with_both_figures() {
    // The Japan arrangement (proclamation of 2022-03-31, from 2022-04-01; headings
    // 9903.81.25-.78, U.S. note 16(g)): in quota no Section 232 duty, over quota + 25 %
    // (9903.80.01). Whether the quota had filled on the day of entry is not in the request, so
    // the line is partial, the levy unpriced and its reason gives both outcomes, 25 % × 10,000 =
    // 2,500.00 over quota and none in quota: never 0 or 2,500.00 in silence.
    let q = steel_plate("2023-03-01", "JP");
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial);
    assert!(!q.totals.complete);
    assert_eq!(additional(l, "9903.80.01"), None);
    let reason = l.reason.as_deref().unwrap();
    for part in [
        "tariff-rate quota",
        "in quota",
        "no Section 232 duty",
        "over quota",
        "25% × 10,000.00 = 2,500.00, not met: none",
    ] {
        assert!(reason.contains(part), "{part}: {reason}");
    }
    assert_eq!(q.totals.duty, d("0"));
}

#[test]
fn section_232_absolute_quota_countries_pay_nothing_and_the_quote_says_why() {
    // Proclamation 9740: South Korea's steel articles excepted from 2018-05-01 under an absolute
    // quota (9903.80.05-.58, Free): goods beyond the quota cannot be entered at all, which the
    // quote cannot price, so the 0 % heading is shown with that statement, never a silent zero.
    let q = steel_plate("2021-07-01", "KR");
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
    let quota = levies_under(l, "9903.80.05");
    assert_eq!(quota.len(), 1, "{:?}", l.levies);
    assert_eq!(quota[0].amount, Some(d("0.00")));
    assert!(quota[0].name.as_str().contains("cannot be entered"), "{}", quota[0].name.as_str());
    assert!(levies_under(l, "9903.80.01").is_empty());
}

#[test]
fn section_232_aluminum_2018_is_ten_percent_from_china_and_none_from_australia() {
    // Proclamation 9704 (83 FR 11619), heading 9903.85.01: + 10 % on aluminum articles (HTS 7601,
    // 7604-7609, 7616.99.51.60/.70) from 2018-03-23. 7601.10.30 (column 1 2.6 %) from China on
    // 2021-07-01, US$10,000: MFN 260.00, Section 232 10 % = 1,000.00 (7601.10.30 is on no Section
    // 301 list before 2024-09-27), duty 1,260.00. From Australia (excepted, Proclamation 9758):
    // MFN 260.00 only. Steel plate is not an aluminum article: no 9903.85 layer.
    let aluminum = |origin: &str| {
        us_line(
            "2021-07-01",
            origin,
            json!({"id": "al", "code": "7601.10.3000", "quantity": "1", "unit_price": "10000.00"}),
        )
    };
    let q = aluminum("CN");
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
    assert_eq!(additional(l, "9903.85.01"), Some(d("1000.00")));
    assert_eq!(q.totals.duty, d("1260.00"));
    let q = aluminum("AU");
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
    assert!(levies_under(l, "9903.8").is_empty(), "{:?}", l.levies);
    assert_eq!(q.totals.duty, d("260.00"));
    assert!(levies_under(&steel_plate("2021-07-01", "CN").lines[0], "9903.85").is_empty());
}

#[test]
fn section_232_does_not_touch_a_non_metal_code_in_2021() {
    // A cotton T-shirt (6109.10.00) from Germany on 2021-07-01: no Section 232 heading covers it
    // and no other chapter 99 layer applies to the EU then.
    let q = us_line(
        "2021-07-01",
        "DE",
        json!({"id": "tee", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00"}),
    );
    let l = &q.lines[0];
    assert!(l.levies.iter().all(|l| l.kind != LevyKind::AdditionalDuty), "{:?}", l.levies);
}

/// Hot-rolled pickled coil 7208.10.15.00 (column 1 Free), US$10,000, entered on `date`.
fn pickled_coil(date: &str, origin: &str) -> Quote {
    us_line(date, origin, json!({"id": "a", "code": "7208.10.1500", "quantity": "1", "unit_price": "10000.00"}))
}

#[test]
fn section_232_steel_articles_pay_fifty_percent_from_2026_04_06_not_free() {
    // HTSUS 2026 Rev 10 heading 9903.82.02: "Except as provided for in headings 9903.82.14,
    // 9903.85.67 and 9903.85.68, articles of aluminum, of steel or of copper and derivative
    // aluminum or steel articles, as provided for in subdivisions (c)(i)–(v) of U.S. note 16":
    // "The duty provided in the applicable subheading + 50%", from 2026-04-06, in place of
    // 9903.81.87 (HTSUS 2026 Rev 3, + 50%, until 2026-04-05). 9903.82.03 ("Except for articles
    // classifiable in chapters 72, 73, 74 or 76, ... less than 15 percent") leaves chapter 72 in;
    // articles of steel are note 16(c)(iii) (9903.82.14), read as Proclamation 9705's steel
    // articles (docs/rules.md#us-additional-duties). 7208.10.15.00 from Germany, US$10,000:
    // MFN Free; 50 % × 10,000.00 = 5,000.00, on 2026-04-05 under 9903.81.87 and from 2026-04-06
    // under 9903.82.02, and on 2026-11-26; Section 122 (9903.03.01, until 2026-07-23) does not
    // reach it (9903.03.06: articles of steel).
    for (date, heading) in [("2026-04-05", "9903.81.87"), ("2026-04-06", "9903.82.02"), ("2026-11-26", "9903.82.02")] {
        let q = pickled_coil(date, "DE");
        let l = &q.lines[0];
        assert_eq!(l.status, LineStatus::Priced, "{date}: {:?}", l.reason);
        assert_eq!(additional(l, heading), Some(d("5000.00")), "{date}");
        assert!(levies_under(l, "9903.03.01").is_empty(), "{date}: {:?}", l.levies);
        assert_eq!(q.totals.duty, d("5000.00"), "{date}");
        assert!(l.reason.is_none(), "{date}: {:?}", l.reason);
    }
    // The United Kingdom: 9903.82.04 ("Articles of aluminum or of steel ... the product of the
    // United Kingdom, as provided for in subdivisions (c)(i)–(iv) and (d) of U.S. note 16":
    // + 25%) in place of 9903.81.94 (+ 25%): 2,500.00, and 9903.82.02 is not also charged.
    for (date, heading) in [("2026-04-05", "9903.81.94"), ("2026-04-06", "9903.82.04")] {
        let q = pickled_coil(date, "GB");
        let l = &q.lines[0];
        assert_eq!(l.status, LineStatus::Priced, "{date}: {:?}", l.reason);
        assert_eq!(additional(l, heading), Some(d("2500.00")), "{date}");
        assert_eq!(q.totals.duty, d("2500.00"), "{date}");
    }
    assert!(levies_under(&pickled_coil("2026-04-06", "GB").lines[0], "9903.82.02").is_empty());
    // China: Section 301 (9903.91.01, + 25%, from 2024-09-27; 7208.10.15.00 "See 9903.91.01")
    // 2,500.00 + Section 232 5,000.00 = 7,500.00.
    let q = pickled_coil("2026-04-06", "CN");
    let l = &q.lines[0];
    assert_eq!(additional(l, "9903.91.01"), Some(d("2500.00")));
    assert_eq!(additional(l, "9903.82.02"), Some(d("5000.00")));
    assert_eq!(q.totals.duty, d("7500.00"));
}

#[test]
fn chapter_73_pipe_from_2026_04_06_is_partial_not_free() {
    // Welded pipe 7306.30.50.85 (Free), Germany, US$10,000. Until 2026-04-05 it paid 9903.81.90 on
    // its steel content (CBP CSMS #65236374). From 2026-04-06 it is an article of steel of
    // 9903.82.02 (+ 50%; named by no 2026 annex), but whether that is charged on the full value or
    // on the steel content is not in our sources: the layer is unpriced with the reason, the line
    // partial, never 0 and never 5,000.00 on a guess.
    let q = us_line(
        "2026-04-06",
        "DE",
        json!({"id": "pipe", "code": "7306.30.5085", "quantity": "1", "unit_price": "10000.00", "metal_content_value": "6000.00"}),
    );
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial);
    assert_eq!(additional(l, "9903.82.02"), None);
    let reason = l.reason.as_deref().unwrap();
    for part in ["9903.82.02", "U.S. note 16(c)(iii)", "steel content", "CSMS #65236374"] {
        assert!(reason.contains(part), "{part}: {reason}");
    }
    assert!(!q.totals.complete);
    // The day before: 50 % × 6,000.00 of steel = 3,000.00 (9903.81.90).
    let q = us_line(
        "2026-04-05",
        "DE",
        json!({"id": "pipe", "code": "7306.30.5085", "quantity": "1", "unit_price": "10000.00", "metal_content_value": "6000.00"}),
    );
    assert_eq!(additional(&q.lines[0], "9903.81.90"), Some(d("3000.00")));
}

#[test]
fn section_301_states_that_no_product_exclusion_is_assumed_us_note_20() {
    // HTSUS 9903.88.01-.15 except goods "covered by an exclusion granted by the U.S. Trade
    // Representative" (9903.88.05-.70, U.S. note 20, e.g. 9903.88.69 to 2026-11-09). The notes'
    // product descriptions are not in our sources: a Chinese T-shirt charged list 4A's 7.5 % says
    // that it assumes no exclusion covers it.
    let q = common::quote(serde_json::json!({"destination": "US", "date": "2025-07-01", "currency": "USD",
        "origin": "CN", "channel": "courier",
        "lines": [{"id": "a", "code": "6109.10.00", "quantity": "1", "unit_price": "100"}]}));
    let w =
        q.warnings.iter().find(|w| w.code == "W_ASSUMPTION" && w.message.starts_with("s301-list4a")).expect("stated");
    assert!(w.message.contains("product exclusion"), "{}", w.message);
}
