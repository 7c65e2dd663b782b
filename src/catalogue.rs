//! Catalogue pricing: a CSV of SKUs × a list of destinations → a CSV of all-in prices and their
//! breakdown, streamed row by row.
//!
//! A row's `status` is `priced` only when its quote is complete. Otherwise its figures are lower
//! bounds (docs/rules.md#18) and the status says why: `partial` or `not_priced` (the line's
//! status), or `incomplete` when the line is priced but a shipment levy is not (a fee whose
//! figures for the date are unknown); `reason` then lists everything not priced. A row that
//! could not be quoted at all is `error`.
//!
//! Nothing is read in silence (audit-s S6): every row of the file yields its rows or an error
//! naming its line; a column the catalogue does not read, a repeated column, a row shorter or
//! longer than the header, a quote left open across a line break, a price with no currency are
//! errors; the channel and incoterm, when not given, are the quote's stated assumptions; every
//! row says the date, the input currency and the exchange rates it was priced with, and the
//! quote's warnings.

use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::incomplete::{status_word, unpriced_shipment};
use crate::money::{parse_decimal, Currency};
use crate::quote::{LineStatus, Quote};
use crate::request::{Channel, Incoterm, LineRequest, QuoteRequest, TariffChoice, VatClass};
use crate::Engine;
use std::io::{Read, Write};

/// Settings shared by every row.
#[derive(Debug, Clone)]
pub struct CatalogueOptions {
    pub destinations: Vec<String>,
    pub date: Date,
    /// Currency of every price, for a CSV without a `currency` column (with one, each row's cell
    /// says it and this must be `None`): never assumed.
    pub currency: Option<Currency>,
    /// The channel and incoterm of every row; `None` leaves them to the quote, which assumes
    /// courier and DDP and says so in the row's `warnings` where they change a figure.
    pub channel: Option<Channel>,
    pub incoterm: Option<Incoterm>,
}

/// The columns written, in order. `landed` is what the seller's checkout charges (under DAP the
/// goods and any tax collected at the sale, without what the carrier collects on delivery);
/// `due_on_delivery` is what the buyer pays the carrier, and `buyer_total` (landed + due on
/// delivery) what the buyer pays in all: the all-in price under DAP as under DDP (audit-n N4).
/// The two are appended after `snapshot_id`, so a reader of the first 13 columns by position
/// reads what it read before. `consignment` (appended after them, session 16) says what the row
/// prices: the SKU shipped alone, its thresholds (the UK's £135, the EU's €150, Australia's
/// A$1,000) tested on that value alone; a cart with other goods is another consignment, whose
/// value may cross them (audit-n N7: "tee" at £120 priced without duty, two of them with it).
/// Then (audit-s S6) what makes a row reproducible beside `snapshot_id`: `as_of` (the date
/// priced), `input_currency` (the currency the row's price was read in), `fx` (each rate the
/// quote converted with, `USD/GBP 0.736757 (source)`, `; ` between them), and `warnings` (the
/// quote's warnings, `W_CODE: message`, ` | ` between them).
pub const OUTPUT_COLUMNS: [&str; 20] = [
    "sku",
    "destination",
    "code",
    "matched_code",
    "currency",
    "goods",
    "duty",
    "tax",
    "fees",
    "landed",
    "status",
    "reason",
    "snapshot_id",
    "due_on_delivery",
    "buyer_total",
    "consignment",
    "as_of",
    "input_currency",
    "fx",
    "warnings",
];

/// The input columns the catalogue reads (any other is refused: a misspelt `weight` or
/// `vat-class` would otherwise be priced without it).
pub const INPUT_COLUMNS: [&str; 12] = [
    "sku",
    "code",
    "price",
    "origin",
    "weight_kg",
    "currency",
    "quantity",
    "units",
    "claim",
    "business_buyer",
    "tariff",
    "vat_class",
];

/// Prices every SKU of `input` (CSV with a header: `sku,code,price` and optionally `origin`,
/// `weight_kg`, `currency`, `quantity`, `units`, `claim`, `business_buyer`, `tariff`, `vat_class`)
/// for every destination, writing CSV to `output`. `units` holds the line's other quantities as
/// `key=value` pairs separated by `;` (`pair=2`, `kg:drained=1.5;l=0.75`), as a request's
/// `units`; `claim` a preference programme (`CPTPP`, `none`), as a line's `claim`;
/// `business_buyer` `true` or `false`; `tariff` `general` or `simplified`, as a request's
/// (audit-g G7: without them a Japanese shoe line could never be priced by the pair, nor a claim
/// or a business buyer's tariff shown); `vat_class` as a line's (empty: the class the code has,
/// docs/rules.md#vat-class). An empty cell keeps the default.
/// `progress(rows_done)` is called after each SKU. Returns the number of line-quotes written.
///
/// A row that cannot be read (a price such as `49,99`, a missing field, bytes that are not
/// UTF-8, more or fewer fields than the header, an empty currency cell) does not stop the run:
/// it is written once per destination with status `error` and a reason naming its line in the
/// file and its column (`line 7, column price`), and the other rows are priced. A header that names a column the
/// catalogue does not read or names one twice, a catalogue whose prices have no currency
/// (no `currency` column and no `options.currency`), and a quoted cell that runs over a line
/// break (an unmatched `"` that would swallow the rows after it) stop the run with an error
/// naming the column or the lines.
pub fn price_catalogue(
    engine: &Engine,
    input: impl Read,
    output: impl Write,
    options: &CatalogueOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<u64> {
    let mut rdr = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(true).from_reader(input);
    let headers = rdr.headers().map_err(|e| Error::new(ErrorCode::Io, "catalogue", e.to_string()))?.clone();
    let columns = Columns::find(&headers)?;
    match (columns.currency, options.currency) {
        (None, None) => {
            return Err(Error::new(
                ErrorCode::MissingField,
                "currency",
                "the prices have no currency: add a currency column or give the currency of every price (--currency GBP); none is assumed",
            ))
        }
        (Some(_), Some(c)) => {
            return Err(Error::new(
                ErrorCode::InvalidField,
                "currency",
                format!("the catalogue has a currency column, so each row says its currency: leave out --currency {c}"),
            ))
        }
        _ => {}
    }
    let mut wtr = csv::Writer::from_writer(output);
    let io = |e: csv::Error| Error::new(ErrorCode::Io, "output", e.to_string());
    wtr.write_record(OUTPUT_COLUMNS).map_err(io)?;
    let snapshot_id = engine.snapshot_id();
    let mut written = 0u64;
    let mut raw = csv::ByteRecord::new();
    let mut row = 0u64;
    // Each SKU's first line in the file: a repeated SKU is refused, as a cart refuses a repeated
    // line id (`E_DUPLICATE_LINE_ID`), never priced twice at two prices without a word.
    let mut seen: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    while rdr.read_byte_record(&mut raw).map_err(|e| Error::new(ErrorCode::Io, "catalogue", e.to_string()))? {
        row += 1;
        let line_number = raw.position().map_or(row + 1, |p| p.line());
        unbroken(&raw, line_number)?;
        let text = |i: usize| String::from_utf8_lossy(raw.get(i).unwrap_or_default()).into_owned();
        let (sku, code) = (text(columns.sku), text(columns.code));
        let parsed = same_width(&raw, headers.len())
            .and_then(|()| {
                csv::StringRecord::from_byte_record(raw.clone())
                    .map_err(|_| Error::new(ErrorCode::InvalidField, "", "the row is not UTF-8 text"))
            })
            .and_then(|record| columns.line(&record, options.currency))
            .map_err(|e| in_file(e, line_number));
        let parsed = match parsed {
            Ok((line, currency, row_options)) => match seen.get(&line.id) {
                Some(first) => Err(Error::new(
                    ErrorCode::DuplicateLineId,
                    format!("line {line_number}, column sku"),
                    format!("sku {:?} is used twice (first on line {first}): each SKU is priced once", line.id),
                )),
                None => {
                    seen.insert(line.id.clone(), line_number);
                    Ok((line, currency, row_options))
                }
            },
            Err(e) => Err(e),
        };
        for dest in &options.destinations {
            let fields = match &parsed {
                Ok((line, currency, row_options)) => {
                    quote_row(engine, options, row_options, dest, line, *currency, &snapshot_id).unwrap_or_else(|e| {
                        let e = in_file(e, line_number);
                        error_row(&line.id, dest, &line.code, &e, &snapshot_id, options.date, Some(*currency))
                    })
                }
                Err(e) => error_row(&sku, dest, &code, e, &snapshot_id, options.date, options.currency),
            };
            wtr.write_record(fields.iter().map(|f| neutralised(f))).map_err(io)?;
            written += 1;
        }
        progress(row);
    }
    wtr.flush().map_err(|e| Error::new(ErrorCode::Io, "output", e.to_string()))?;
    Ok(written)
}

/// A cell a spreadsheet would read as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) prefixed with `'`, so that it is shown as text: OWASP, "CSV Injection". The
/// SKU and code are the caller's text and are echoed; no figure written is negative.
fn neutralised(cell: &str) -> std::borrow::Cow<'_, [u8]> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => std::borrow::Cow::Owned(format!("'{cell}").into_bytes()),
        _ => std::borrow::Cow::Borrowed(cell.as_bytes()),
    }
}

/// A row with more fields than the header is refused, never read by position: an unquoted
/// decimal comma (`12,50`) would otherwise shift or drop a field in silence. A row with fewer
/// fields is refused too (audit-s S6: `D,6404110000,60.00` under `sku,code,price,origin` was
/// priced as if its origin were empty): an empty cell is written as one (`D,6404110000,60.00,`).
fn same_width(raw: &csv::ByteRecord, header: usize) -> Result<()> {
    match raw.len() {
        n if n == header => Ok(()),
        n if n > header => Err(Error::new(
            ErrorCode::InvalidField,
            "",
            format!(
                "the row has {n} fields and the header {header} (an unquoted comma, such as the decimal comma of 12,50, splits a field: write amounts with a point, 12.50)"
            ),
        )),
        // A short row with a comma inside a field: a quote (`"`) opened and not closed took the
        // rest of the row into one field (audit-kk KK53: `"a,6109,10` was called a missing field).
        n if raw.iter().any(|cell| cell.contains(&b',')) => Err(Error::new(
            ErrorCode::InvalidField,
            "",
            format!(
                "the row has {n} fields and the header {header}, and a field holds a comma: a quote (\") opened and not closed takes the rest of the row into one field; close the quote (or, if a field is missing, write an empty one as nothing between two commas)"
            ),
        )),
        n => Err(Error::new(
            ErrorCode::InvalidField,
            "",
            format!(
                "the row has {n} fields and the header {header}: a field is missing (write an empty one as nothing between two commas, never leave it out)"
            ),
        )),
    }
}

/// A record none of whose cells holds a line break. No column the catalogue reads can hold
/// one, so a break inside a cell means a quote (`"`) opened and not closed where the row ends:
/// the reader would take every following line into that cell (audit-s S6: 5 SKUs in, 2 rows
/// out, the lost ones reported as "no price"). The file is refused, naming the lines, rather
/// than priced with rows missing.
fn unbroken(raw: &csv::ByteRecord, line_number: u64) -> Result<()> {
    let breaks = raw.iter().flat_map(|cell| cell.iter()).filter(|b| **b == b'\n').count() as u64;
    let carriage = raw.iter().any(|cell| cell.contains(&b'\r'));
    if breaks == 0 && !carriage {
        return Ok(());
    }
    let lines = match breaks {
        0 => format!("line {line_number}"),
        n => format!("lines {line_number} to {}", line_number + n),
    };
    Err(Error::new(
        ErrorCode::InvalidField,
        format!("line {line_number}"),
        format!(
            "a quoted cell runs over a line break: a quote (\") opened on line {line_number} is not closed in its row, so {lines} read as one row; close or remove the quote (no catalogue column holds a line break)"
        ),
    ))
}

/// An error of one catalogue row, named by the row's line in the file and the column it is about
/// (audit-s S13: an empty SKU was "line 2.id: line id is empty", the request's field, not the
/// file's): `lines[0].origin` or `origin` → `line 7, column origin`, `lines[0].id` → `line 2,
/// column sku`, `lines[0].unit_price` → `column price`, `units.kg` → `column units (kg)`. A field
/// no column gives (the destination, the date: options of the command) is named as the request
/// names it (`line 7, destination`); an error of the row as a whole names its line alone.
fn in_file(e: Error, line_number: u64) -> Error {
    let mut e = e.into_fields();
    let line = format!("line {line_number}");
    let field = e.field.as_deref().unwrap_or_default();
    let field = field.strip_prefix("lines[0]").map_or(field, |f| f.trim_start_matches('.'));
    let (head, rest) = field.split_once('.').map_or((field, None), |(h, r)| (h, Some(r)));
    let column = match head {
        "id" => Some("sku"),
        "unit_price" => Some("price"),
        h => INPUT_COLUMNS.iter().copied().find(|c| *c == h),
    };
    let named = match (column, rest) {
        _ if field.is_empty() => line,
        (Some(c), None) => format!("{line}, column {c}"),
        (Some(c), Some(r)) => format!("{line}, column {c} ({r})"),
        (None, _) => format!("{line}, {field}"),
    };
    if column == Some("sku") {
        e.message = e.message.replace("line id", "sku");
    }
    e.field = Some(named);
    Error::from(e)
}

/// Positions of the input columns.
struct Columns {
    sku: usize,
    code: usize,
    price: usize,
    origin: Option<usize>,
    weight: Option<usize>,
    currency: Option<usize>,
    quantity: Option<usize>,
    units: Option<usize>,
    claim: Option<usize>,
    business_buyer: Option<usize>,
    tariff: Option<usize>,
    vat_class: Option<usize>,
}

/// A row's request-level choices (its own columns; defaults where empty).
#[derive(Debug, Clone, Copy, Default)]
struct RowOptions {
    business_buyer: bool,
    tariff: Option<TariffChoice>,
}

impl Columns {
    fn find(headers: &csv::StringRecord) -> Result<Columns> {
        // Every column is one the catalogue reads, and named once: an unknown one (`weight` for
        // `weight_kg`) or a second `price` would otherwise be priced without a word.
        for (i, h) in headers.iter().enumerate() {
            if !INPUT_COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(h)) {
                return Err(Error::new(
                    ErrorCode::InvalidField,
                    format!("column {}", i + 1),
                    format!(
                        "the catalogue reads no column {h:?}: its columns are {} (remove it, or rename it to one of these)",
                        INPUT_COLUMNS.join(", ")
                    ),
                ));
            }
            if let Some(first) = headers.iter().take(i).position(|e| e.eq_ignore_ascii_case(h)) {
                return Err(Error::new(
                    ErrorCode::InvalidField,
                    format!("column {}", i + 1),
                    format!("the column {h:?} is named twice (columns {} and {}): keep one", first + 1, i + 1),
                ));
            }
        }
        let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
        let need = |name: &str| {
            col(name).ok_or_else(|| {
                Error::new(ErrorCode::MissingField, name, format!("the catalogue needs a {name} column"))
            })
        };
        Ok(Columns {
            sku: need("sku")?,
            code: need("code")?,
            price: need("price")?,
            origin: col("origin"),
            weight: col("weight_kg"),
            currency: col("currency"),
            quantity: col("quantity"),
            units: col("units"),
            claim: col("claim"),
            business_buyer: col("business_buyer"),
            tariff: col("tariff"),
            vat_class: col("vat_class"),
        })
    }

    /// The line one row describes, the currency of its price and the row's request-level
    /// choices. Errors name the column.
    fn line(
        &self,
        record: &csv::StringRecord,
        every_price: Option<Currency>,
    ) -> Result<(LineRequest, Currency, RowOptions)> {
        let get = |i: usize| record.get(i).unwrap_or_default();
        let optional = |i: Option<usize>| i.map(get).filter(|v| !v.is_empty());
        if get(self.price).is_empty() {
            return Err(Error::new(ErrorCode::MissingField, "price", "the row has no price"));
        }
        // With a currency column each row names its own; an empty cell is an error, never the
        // currency of another row or USD (audit-s S6).
        let currency = match (optional(self.currency), every_price) {
            (Some(c), _) => Currency::parse(c).map_err(|e| Error::new(e.code, "currency", e.into_fields().message))?,
            (None, Some(c)) if self.currency.is_none() => c,
            _ => {
                return Err(Error::new(
                    ErrorCode::MissingField,
                    "currency",
                    "the row has no currency: fill its currency cell (no currency is assumed)",
                ))
            }
        };
        let line = LineRequest {
            id: get(self.sku).to_string(),
            code: get(self.code).to_string(),
            description: None,
            quantity: match optional(self.quantity) {
                Some(q) => parse_decimal(q, "quantity")?,
                None => rust_decimal::Decimal::ONE,
            },
            unit_price: parse_decimal(get(self.price), "price")?,
            origin: optional(self.origin).map(str::to_string),
            weight_kg: optional(self.weight).map(|w| parse_decimal(w, "weight_kg")).transpose()?,
            volume_l: None,
            alcohol_pct: None,
            acetic_acid_pct: None,
            units: match optional(self.units) {
                Some(u) => units(u)?,
                None => Default::default(),
            },
            components: Default::default(),
            duty_rate: None,
            extra_duties: Vec::new(),
            vat_class: optional(self.vat_class).map(vat_class).transpose()?,
            metal_content_value: None,
            fuel_l_per_100km: None,
            claim: optional(self.claim).map(str::to_string),
        };
        let row = RowOptions {
            business_buyer: match optional(self.business_buyer) {
                None => false,
                Some(v) if v.eq_ignore_ascii_case("true") => true,
                Some(v) if v.eq_ignore_ascii_case("false") => false,
                Some(v) => {
                    return Err(Error::new(
                        ErrorCode::InvalidField,
                        "business_buyer",
                        format!("{v:?} is not true or false"),
                    ))
                }
            },
            tariff: match optional(self.tariff) {
                None => None,
                Some(v) if v.eq_ignore_ascii_case("general") => Some(TariffChoice::General),
                Some(v) if v.eq_ignore_ascii_case("simplified") => Some(TariffChoice::Simplified),
                Some(v) => {
                    return Err(Error::new(
                        ErrorCode::InvalidField,
                        "tariff",
                        format!("{v:?} is not general or simplified"),
                    ))
                }
            },
        };
        Ok((line, currency, row))
    }
}

/// `pair=2;kg:drained=1.5`: a line's other quantities, each key once, each value a decimal.
fn units(cell: &str) -> Result<std::collections::BTreeMap<String, rust_decimal::Decimal>> {
    let mut out = std::collections::BTreeMap::new();
    for part in cell.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, value)) = part.split_once('=') else {
            return Err(Error::new(
                ErrorCode::InvalidField,
                "units",
                format!("{part:?} is not key=value (e.g. pair=2; several separated by ;)"),
            ));
        };
        let key = key.trim().to_string();
        let value = parse_decimal(value.trim(), "units")?;
        if out.insert(key.clone(), value).is_some() {
            return Err(Error::new(ErrorCode::InvalidField, "units", format!("{key:?} is given twice")));
        }
    }
    Ok(out)
}

/// A `vat_class` cell: `standard`, `reduced`, `zero` or `exempt` (as a request's `vat_class`);
/// an empty cell leaves the class to the code (docs/rules.md#vat-class).
fn vat_class(text: &str) -> Result<VatClass> {
    const CLASSES: [(&str, VatClass); 4] = [
        ("standard", VatClass::Standard),
        ("reduced", VatClass::Reduced),
        ("zero", VatClass::Zero),
        ("exempt", VatClass::Exempt),
    ];
    CLASSES.iter().find(|(n, _)| n.eq_ignore_ascii_case(text)).map(|(_, c)| *c).ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidField,
            "vat_class",
            format!("{text:?} is not a VAT class: write standard, reduced, zero or exempt, or leave it empty"),
        )
    })
}

/// The output row of one SKU to one destination: its quote, or the error that stopped it.
fn quote_row(
    engine: &Engine,
    options: &CatalogueOptions,
    row: &RowOptions,
    dest: &str,
    line: &LineRequest,
    currency: Currency,
    snapshot_id: &str,
) -> Result<Vec<String>> {
    let req = QuoteRequest {
        channel: options.channel,
        incoterm: options.incoterm,
        business_buyer: row.business_buyer,
        tariff: row.tariff,
        lines: vec![line.clone()],
        ..QuoteRequest::new(dest.to_string(), options.date, currency)
    };
    let q = engine.quote(&req)?;
    let l = &q.lines[0];
    let t = &q.totals;
    Ok(vec![
        line.id.clone(),
        q.destination.to_string(),
        l.code.to_string(),
        matched_code(engine, q.destination.as_ref(), l, options.date),
        q.currency.to_string(),
        t.goods.to_string(),
        t.duty.to_string(),
        t.tax.to_string(),
        t.fees.to_string(),
        t.landed.to_string(),
        status(&q).into(),
        reason(&q),
        snapshot_id.to_string(),
        t.due_on_delivery.to_string(),
        t.buyer_total.to_string(),
        consignment(&q),
        q.as_of.to_string(),
        currency.to_string(),
        fx(&q),
        warnings(&q),
    ])
}

/// Each rate the quote converted with: `USD/GBP 0.736757 (source)`, `; ` between them.
fn fx(q: &Quote) -> String {
    q.fx.iter().map(|f| format!("{} {} ({})", f.pair, f.rate, f.source)).collect::<Vec<_>>().join("; ")
}

/// The quote's warnings (`W_CODE: message`, ` | ` between them): an assumption, stale data or
/// an input not used is said in the row, as in the JSON quote.
fn warnings(q: &Quote) -> String {
    q.warnings.iter().map(|w| format!("{}: {}", w.code, w.message)).collect::<Vec<_>>().join(" | ")
}

/// What the row's price holds for: the SKU shipped alone (its quantity, one consignment), naming
/// the consignment thresholds that applied on that value; a cart with other goods is tested on
/// its own value.
fn consignment(q: &Quote) -> String {
    let applied: Vec<&str> = q.thresholds.iter().filter(|t| t.applies).map(|t| t.id.as_ref()).collect();
    match applied.is_empty() {
        true => "this SKU alone".to_string(),
        false => format!(
            "this SKU alone: {} applied on its value alone, and a consignment with other goods may not be within it",
            applied.join(", ")
        ),
    }
}

/// The tariff line the row's code matched: the quote's, or, where the quote needed no rate (a
/// duty relieved under a threshold), the one line the tariff gives for the code; empty for a
/// partial code priced as a range.
fn matched_code(engine: &Engine, destination: &str, l: &crate::quote::LineQuote, date: Date) -> String {
    match &l.matched_code {
        Some(c) => c.to_string(),
        None if l.range.is_none() => engine
            .rate(destination, l.code.digits(), date)
            .ok()
            .filter(|r| r.line.is_some())
            .map(|r| r.matched_code)
            .unwrap_or_default(),
        None => String::new(),
    }
}

/// Why the row is not `priced`: the line's reason, then each shipment levy not priced.
fn reason(q: &Quote) -> String {
    let line = q.lines[0].reason.clone();
    line.into_iter().chain(unpriced_shipment(q)).collect::<Vec<_>>().join("; ")
}

/// `priced` when the quote is complete; else the line's status, or `incomplete` when the line is
/// priced and a shipment levy is not.
fn status(q: &Quote) -> &'static str {
    match q.lines[0].status {
        LineStatus::Priced if !q.totals.complete => "incomplete",
        s => status_word(s),
    }
}

/// An output row with status `error` and the error as its reason (the date asked for, and the
/// row's currency when it was read).
fn error_row(
    sku: &str,
    dest: &str,
    code: &str,
    e: &Error,
    snapshot_id: &str,
    date: Date,
    currency: Option<Currency>,
) -> Vec<String> {
    let mut v = vec![sku.to_string(), dest.to_string(), code.to_string()];
    v.extend(std::iter::repeat_n(String::new(), 7));
    v.extend([
        "error".to_string(),
        e.to_string(),
        snapshot_id.to_string(),
        String::new(),
        String::new(),
        String::new(),
        date.to_string(),
        currency.map(|c| c.to_string()).unwrap_or_default(),
        String::new(),
        String::new(),
    ]);
    v
}
