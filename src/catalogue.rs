//! Catalogue pricing: a CSV of SKUs × a list of destinations → a CSV of all-in prices and their
//! breakdown, streamed row by row.

use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::money::{parse_decimal, Currency};
use crate::quote::LineStatus;
use crate::request::{Channel, Incoterm, LineRequest, QuoteRequest, VatClass};
use crate::Engine;
use std::io::{Read, Write};

/// Settings shared by every row.
#[derive(Debug, Clone)]
pub struct CatalogueOptions {
    pub destinations: Vec<String>,
    pub date: Date,
    /// Currency of the prices when the CSV has no `currency` column.
    pub currency: Currency,
    pub channel: Channel,
    pub incoterm: Incoterm,
}

/// The columns written, in order.
pub const OUTPUT_COLUMNS: [&str; 13] = [
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
];

/// Prices every SKU of `input` (CSV with a header: `sku,code,price` and optionally `origin`,
/// `weight_kg`, `currency`, `quantity`) for every destination, writing CSV to `output`.
/// `progress(rows_done)` is called after each SKU. Returns the number of line-quotes written.
pub fn price_catalogue(
    engine: &Engine,
    input: impl Read,
    output: impl Write,
    options: &CatalogueOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<u64> {
    let mut rdr = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(input);
    let headers = rdr.headers().map_err(|e| Error::new(ErrorCode::Io, "catalogue", e.to_string()))?.clone();
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let need = |name: &str| {
        col(name)
            .ok_or_else(|| Error::new(ErrorCode::MissingField, name, format!("the catalogue needs a {name} column")))
    };
    let (sku_i, code_i, price_i) = (need("sku")?, need("code")?, need("price")?);
    let (origin_i, weight_i, currency_i, qty_i) = (col("origin"), col("weight_kg"), col("currency"), col("quantity"));
    let mut wtr = csv::Writer::from_writer(output);
    let io = |e: csv::Error| Error::new(ErrorCode::Io, "output", e.to_string());
    wtr.write_record(OUTPUT_COLUMNS).map_err(io)?;
    let snapshot_id = engine.snapshot_id();
    let mut written = 0u64;
    let mut record = csv::StringRecord::new();
    let mut row = 0u64;
    while rdr.read_record(&mut record).map_err(|e| Error::new(ErrorCode::Io, "catalogue", e.to_string()))? {
        row += 1;
        let get = |i: usize| record.get(i).unwrap_or_default();
        let at = |f: &str| format!("row {row}.{f}");
        let sku = get(sku_i).to_string();
        let price = parse_decimal(get(price_i), &at("price"))?;
        let currency = match currency_i.map(get).filter(|c| !c.is_empty()) {
            Some(c) => Currency::parse(c).map_err(|e| e.within(&at("currency")))?,
            None => options.currency,
        };
        let line = LineRequest {
            id: sku.clone(),
            code: get(code_i).to_string(),
            description: None,
            quantity: match qty_i.map(get).filter(|q| !q.is_empty()) {
                Some(q) => parse_decimal(q, &at("quantity"))?,
                None => rust_decimal::Decimal::ONE,
            },
            unit_price: price,
            origin: origin_i.map(get).filter(|o| !o.is_empty()).map(str::to_string),
            weight_kg: match weight_i.map(get).filter(|w| !w.is_empty()) {
                Some(w) => Some(parse_decimal(w, &at("weight_kg"))?),
                None => None,
            },
            volume_l: None,
            alcohol_pct: None,
            units: Default::default(),
            components: Default::default(),
            duty_rate: None,
            extra_duties: Vec::new(),
            vat_class: VatClass::Standard,
            metal_content_value: None,
        };
        for dest in &options.destinations {
            let req = QuoteRequest {
                destination: dest.clone(),
                subdivision: None,
                ship_from: None,
                origin: None,
                date: options.date,
                currency,
                channel: options.channel,
                incoterm: options.incoterm,
                shipping: Default::default(),
                insurance: Default::default(),
                fx: Default::default(),
                allocation: Default::default(),
                rounding: Default::default(),
                display_currency: None,
                entry_type: None,
                business_buyer: false,
                transport: None,
                simplified_regime: None,
                seller_registered: None,
                lines: vec![line.clone()],
            };
            let fields: Vec<String> = match engine.quote(&req) {
                Ok(q) => {
                    let l = &q.lines[0];
                    let t = &q.totals;
                    vec![
                        sku.clone(),
                        q.destination.clone(),
                        l.code.clone(),
                        l.matched_code.clone().unwrap_or_default(),
                        q.currency.to_string(),
                        t.goods.to_string(),
                        t.duty.to_string(),
                        t.tax.to_string(),
                        t.fees.to_string(),
                        t.landed.to_string(),
                        match l.status {
                            LineStatus::Priced => "priced",
                            LineStatus::Partial => "partial",
                            LineStatus::NotPriced => "not_priced",
                        }
                        .into(),
                        l.reason.clone().unwrap_or_default(),
                        snapshot_id.clone(),
                    ]
                }
                Err(e) => {
                    let mut v = vec![sku.clone(), dest.clone(), line.code.clone()];
                    v.extend(std::iter::repeat_n(String::new(), 7));
                    v.extend(["error".to_string(), e.to_string(), snapshot_id.clone()]);
                    v
                }
            };
            wtr.write_record(&fields).map_err(io)?;
            written += 1;
        }
        progress(row);
    }
    wtr.flush().map_err(|e| Error::new(ErrorCode::Io, "output", e.to_string()))?;
    Ok(written)
}
