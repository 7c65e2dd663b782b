//! What every command shares: reading the request, the engine, dates, enum arguments, JSON.

use landed::date::Date;
use landed::error::{Error, ErrorCode};
use serde::Serialize;
use std::io::Read;

/// The embedded engine, or one over the snapshot blob the user named.
pub fn engine(snapshot: Option<&str>, text: Option<&str>) -> Result<landed::Engine, Error> {
    let read = |file: &str, field: &str| {
        std::fs::read(file).map_err(|e| Error::new(ErrorCode::Io, field, format!("cannot read {file}: {e}")))
    };
    let Some(file) = snapshot else { return Ok(landed::Engine::embedded()) };
    let engine = landed::Engine::from_bytes(read(file, "snapshot")?)?;
    // A core written with `landed-datagen snapshot --parts DIR` leaves its tariff tables out:
    // they are published beside it, as the widget expects; attach those found there.
    let dir = std::path::Path::new(file).parent().unwrap_or(std::path::Path::new("."));
    for part in engine.snapshot().parts().filter(|p| !p.is_loaded()) {
        let path = dir.join(part.file_name());
        if path.is_file() {
            engine.attach_part(read(&path.to_string_lossy(), "snapshot")?)?;
        }
    }
    if let Some(text) = text {
        engine.attach_descriptions(read(text, "snapshot_text")?)?;
    }
    Ok(engine)
}

/// The text of FILE, or of standard input for `-`.
pub fn read_input(file: &str) -> Result<String, Error> {
    let mut text = String::new();
    let res = if file == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read(file).and_then(|bytes| {
            text = String::from_utf8(bytes)
                .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "the file is not UTF-8 text"))?;
            Ok(())
        })
    };
    res.map_err(|e| Error::new(ErrorCode::Io, "file", format!("cannot read {file}: {e}")))?;
    Ok(text)
}

/// The quote request in FILE (or standard input).
pub fn request(file: &str) -> Result<landed::request::QuoteRequest, Error> {
    landed::request::from_json(&read_input(file)?)
}

/// Parses a snake_case (or UPPER for incoterms) CLI value into a serde enum.
pub fn enum_arg<T: serde::de::DeserializeOwned>(value: &str, field: &str) -> Result<T, Error> {
    serde_json::from_value(serde_json::Value::String(value.to_string()))
        .map_err(|e| Error::new(ErrorCode::InvalidField, field, format!("{value:?}: {e}")))
}

/// An incoterm argument, in any case (`dap`, `DDP`).
pub fn incoterm(value: &str) -> Result<landed::request::Incoterm, Error> {
    enum_arg(&value.to_ascii_uppercase(), "incoterm")
}

/// The `--date` given, or today.
pub fn date_or_today(date: Option<&str>) -> Result<Date, Error> {
    date.map_or_else(|| Ok(today()), Date::parse)
}

/// Today's date from the system clock (UTC).
pub fn today() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    Date::from_days_since_epoch((secs / 86_400) as i64)
}

/// Most months one `--months` range may give (100 years).
pub const MAX_MONTHS: usize = 1200;

/// The first day of every month from `FROM:TO` (YYYY-MM:YYYY-MM); a range of more than
/// [`MAX_MONTHS`] months is `E_TOO_LARGE` (audit-s S10: 1900-01:2999-12 was cut at 1999-12
/// without a word).
pub fn month_starts(range: &str) -> Result<Vec<Date>, Error> {
    let bad = || Error::new(ErrorCode::Date, "months", format!("{range:?}: write FROM:TO as YYYY-MM:YYYY-MM"));
    let (a, b) = range.split_once(':').ok_or_else(bad)?;
    let start = Date::parse(&format!("{a}-01")).map_err(|_| bad())?;
    let end = Date::parse(&format!("{b}-01")).map_err(|_| bad())?;
    if start > end {
        return Err(Error::new(
            ErrorCode::Date,
            "months",
            format!("{range:?}: FROM ({a}) is after TO ({b}): write the earlier month first"),
        ));
    }
    let months = (end.year() - start.year()) as i64 * 12 + end.month() as i64 - start.month() as i64 + 1;
    if months > MAX_MONTHS as i64 {
        return Err(Error::new(
            ErrorCode::TooLarge,
            "months",
            format!("{range:?} is {months} months: at most {MAX_MONTHS} (write a shorter range, or several sweeps)"),
        ));
    }
    let mut out = Vec::with_capacity(months as usize);
    let (mut y, mut m) = (start.year(), start.month());
    while (y, m) <= (end.year(), end.month()) {
        out.push(Date::new(y, m, 1)?);
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    Ok(out)
}

/// A response as pretty JSON (the `--json` output of every command).
pub fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("JSON of plain values")
}

/// A response as pretty JSON with every object's keys in alphabetical order, nested ones too
/// (through a JSON value, whose maps sort their keys): the order `eval` and `rate` always printed.
pub fn json_sorted<T: Serialize + ?Sized>(value: &T) -> String {
    json(&serde_json::to_value(value).expect("JSON of plain values"))
}

/// `--json` output, or the text rendering of the same typed answer.
pub fn json_or_text<T: Serialize>(json_wanted: bool, answer: &T, text: impl FnOnce(&T) -> String) -> String {
    if json_wanted {
        json(answer)
    } else {
        text(answer)
    }
}
