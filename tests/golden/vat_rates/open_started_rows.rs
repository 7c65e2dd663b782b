//! A compilation's row left open at the start but ended (the first period of its history) gives
//! the rate in force the day before the next change the compilation records, not since when
//! (tariffs/README.md, VAT; `start_of` in datagen/src/importer.rs). The importer starts it where
//! the law starts it (`STARTS_IN_LAW`), or else, for a general rate, on its own last day, so a
//! later rate is not offered for any earlier date.

use crate::common::{d, engine};
use landed::date::Date;
use landed::provenance::Confidence;
use landed::request::VatClass;

fn standard(country: &str, date: &str) -> Option<(rust_decimal::Decimal, Confidence)> {
    let row = engine().rules().vat_rate(country, None, VatClass::Standard, Date::parse(date).unwrap())?;
    Some((row.percent, row.source.confidence))
}

/// The Czech Republic's 21 % ends on 2023-12-31 in the ibericode compilation with no start; it
/// took effect on 2013-01-01 (20 % in 2012), a start not read in the law here: the row answers
/// on 2023-12-31 only (`verify`); from 2013-01-01 to 2023-12-31 a `verify` row of vat_extra.tsv
/// (the Commission's 'VAT rates applied in the Member States', as transcribed: audit-uu UU6)
/// answers, and on 2012-06-01 nothing does. Austria's 20 % likewise on 2015-12-31 (the official
/// UStG 1994 § 10 row from 2016-01-01 follows).
#[test]
fn an_open_started_general_rate_answers_only_on_its_last_day_without_a_start_in_law() {
    assert_eq!(standard("CZ", "2023-12-31"), Some((d("21"), Confidence::Verify)));
    assert_eq!(standard("CZ", "2023-12-30"), Some((d("21"), Confidence::Verify)), "vat_extra.tsv, verify");
    assert_eq!(standard("CZ", "2012-06-01"), None);
    assert_eq!(standard("CZ", "2024-01-01"), Some((d("21"), Confidence::Official)));
    assert_eq!(standard("AT", "2015-12-31"), Some((d("20"), Confidence::Verify)));
    assert_eq!(standard("AT", "2015-12-30"), None);
    assert_eq!(standard("AT", "2016-01-01"), Some((d("20"), Confidence::Official)));
}

/// Where the law gives the start, the row reaches back to it and no further: France's 19.6 %
/// (loi n° 2000-656, from 2000-04-01; the official rows of vat_extra.tsv replace it), Germany's
/// 19 % (Haushaltsbegleitgesetz 2006 Art. 4, from 2007-01-01) and Finland's 24 % (Laki 706/2012,
/// from 2013-01-01): the imported rows' starts, read from the table.
#[test]
fn an_open_started_row_starts_where_the_law_starts_it() {
    let table = include_str!("../../../tariffs/vat.tsv");
    for (row, start) in [
        ("FR\t\tstandard\t19.6\t", "2000-04-01\t2011-12-31"),
        ("DE\t\tstandard\t19\t", "2007-01-01\t2020-06-30"),
        ("FI\t\tstandard\t24\t", "2013-01-01\t2024-08-31"),
    ] {
        assert!(table.lines().any(|l| l.starts_with(&format!("{row}{start}"))), "{row}{start}");
    }
}

/// A reduced row keeps its open start: without it the reduced class would fall back to the
/// standard rate, priced where that rate is verified. Finland's 10 % of the compilation to
/// 2024-08-31 still answers for a reduced line on 2024-06-03 (`verify`), not the official 24 %.
#[test]
fn an_open_started_reduced_row_keeps_its_open_start() {
    let row = engine().rules().vat_rate("FI", None, VatClass::Reduced, Date::parse("2024-06-03").unwrap()).unwrap();
    assert_eq!((row.percent, row.source.confidence), (d("10"), Confidence::Verify));
}
