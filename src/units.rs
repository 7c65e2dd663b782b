//! Units of measure that specific duties are charged on, and the quantities a caller gives.
//!
//! A duty such as `44.20 EUR / 100 kg / net drained wt` is charged per *measure*: a
//! [`Dimension`] (mass, volume, count, …) together with a [`Qualifier`] saying what is measured
//! (net weight, drained weight, lead content, …). Quantities are kept in each dimension's base
//! unit (kg, litre, item, pair, m, m², litre of pure alcohol, kWh).

use crate::error::{Error, ErrorCode, Result};
use crate::money::parse_decimal;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use std::fmt;

/// Largest unit price, quantity, weight or volume accepted (10^12). Keeps every product the
/// engine forms far inside `rust_decimal`'s range, so no arithmetic can overflow.
pub const MAX_INPUT: i64 = 1_000_000_000_000;

/// What is counted or weighed, in its base unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    /// kilograms
    Mass,
    /// litres
    Volume,
    /// items (pieces, heads, articles)
    Count,
    /// pairs
    Pairs,
    /// metres
    Length,
    /// square metres
    Area,
    /// litres of pure alcohol (1 % vol × 1 hl = 1 l of pure alcohol; 1 proof litre = 0.5 l)
    PureAlcohol,
    /// kilowatt-hours
    Energy,
}

impl Dimension {
    /// Symbol of the base unit.
    pub fn base_unit(self) -> &'static str {
        match self {
            Dimension::Mass => "kg",
            Dimension::Volume => "l",
            Dimension::Count => "item",
            Dimension::Pairs => "pair",
            Dimension::Length => "m",
            Dimension::Area => "m2",
            Dimension::PureAlcohol => "l_alc",
            Dimension::Energy => "kWh",
        }
    }
}

/// What a quantity measures within its dimension. The empty qualifier is the plain (net)
/// quantity. Qualifiers are a closed table so that they compare cheaply and serialize stably.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Qualifier(&'static str);

/// Known qualifiers: (id, phrases in source texts that mean it).
const QUALIFIERS: &[(&str, &[&str])] = &[
    ("", &["net", "net weight"]),
    ("gross", &["gross", "br", "including weight of container", "contents and container", "on contents and container"]),
    ("entire_contents", &["on entire contents of container"]),
    // The CN's "kg/net eda" is its supplementary unit KNE, "kilogram drained net weight" (the
    // Intrastat unit list, e.g. Statistics Estonia's; audit-ll LL44, LL67).
    ("drained", &["on drained weight", "net drained wt", "drained weight", "drained", "eda", "net eda"]),
    ("total_sugars", &["of total sugars", "total sugars"]),
    ("lactic_matter", &["lactic matter"]),
    ("dry_lactic_matter", &["dry lactic matter"]),
    ("dry_matter", &["net dry", "dry matter"]),
    ("total_alcohol", &["tot alc", "total alcohol"]),
    ("sucrose", &["% sacchar.", "%sacchar.", "sacchar", "sucrose"]),
    ("clean", &["clean"]),
    ("standard_quality", &["std qual", "standard quality"]),
    // A litre of vinegar at the standard proof of 4 % acetic acid by weight (HTSUS chapter 22
    // additional U.S. note 9): litres × acetic acid % ÷ 4.
    ("vinegar_proof", &["proof liter of vinegar", "proof litre of vinegar", "vinegar proof"]),
    ("lead", &["on lead content", "lead"]),
    ("copper", &["on copper content", "copper"]),
    ("zinc", &["on zinc content", "zinc"]),
    ("molybdenum", &["on molybdenum content", "molybdenum"]),
    ("tungsten", &["on tungsten content", "tungsten"]),
    ("magnesium", &["on magnesium content", "magnesium"]),
    ("manganese", &["on manganese content", "manganese"]),
    ("silicon", &["on silicon content", "silicon"]),
    ("anhydrous_morphine", &["of anhydrous morphine content", "anhydrous morphine"]),
    ("jewels", &["jewel", "jewels"]),
    ("other_pieces", &["other pieces"]),
    ("immediate_containers", &["of immediate containers", "immediate containers"]),
    ("recording_surface", &["of recording surface", "recording surface"]),
    ("lignes", &["line", "lignes"]),
    ("packs", &["pack", "packs"]),
];

impl Qualifier {
    /// The plain, net quantity.
    pub const NET: Qualifier = Qualifier("");
    /// A litre of vinegar at its standard proof (HTSUS chapter 22 additional U.S. note 9).
    pub const VINEGAR_PROOF: Qualifier = Qualifier("vinegar_proof");

    /// Finds a qualifier by its id or by a phrase from a source text (case-insensitive).
    pub fn lookup(text: &str) -> Option<Qualifier> {
        let t = text.trim().trim_start_matches('/').trim().to_ascii_lowercase();
        QUALIFIERS.iter().find(|(id, phrases)| *id == t || phrases.iter().any(|p| *p == t)).map(|(id, _)| Qualifier(id))
    }

    /// Stable id ("" for net, "drained", "lead", …).
    pub fn id(&self) -> &'static str {
        self.0
    }

    /// Every qualifier id.
    pub fn all() -> impl Iterator<Item = &'static str> {
        QUALIFIERS.iter().map(|(id, _)| *id)
    }
}

impl fmt::Debug for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() { "net" } else { self.0 })
    }
}

// Measure::index packs a qualifier in 5 bits and a dimension in 3.
const _: () = assert!(QUALIFIERS.len() <= 31 && Dimension::Energy as usize <= 7);

/// A dimension with its qualifier: the thing a specific duty is charged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Measure {
    pub dimension: Dimension,
    pub qualifier: Qualifier,
}

impl Measure {
    /// The plain quantity of a dimension.
    pub const fn net(dimension: Dimension) -> Measure {
        Measure { dimension, qualifier: Qualifier::NET }
    }

    /// A number below 256 per measure (dimension × qualifier), for sets of measures read.
    pub fn index(&self) -> usize {
        let q = match self.qualifier.0.is_empty() {
            true => 0,
            false => QUALIFIERS.iter().position(|(id, _)| *id == self.qualifier.0).unwrap_or(QUALIFIERS.len()),
        };
        self.dimension as usize * 32 + q.min(31)
    }

    /// The key a caller uses for this measure: `kg`, `kg:drained`, `item:jewels`.
    pub fn key(&self) -> String {
        if self.qualifier.0.is_empty() {
            self.dimension.base_unit().to_string()
        } else {
            format!("{}:{}", self.dimension.base_unit(), self.qualifier.0)
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

impl Serialize for Measure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.key())
    }
}

/// A unit as written in tariffs and by callers: a dimension and a factor to its base unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub dimension: Dimension,
    /// How many base units one of this unit is (100 kg → 100; g → 0.001).
    pub factor: Decimal,
    /// Canonical symbol.
    pub symbol: &'static str,
}

/// (symbol, aliases, dimension, factor to base unit as text)
const UNITS: &[(&str, &[&str], Dimension, &str)] = &[
    ("kg", &["kg", "kgs", "kilogram", "kilograms", "kilo", "clean kg", "kg net"], Dimension::Mass, "1"),
    ("g", &["g", "gm", "gram", "grams"], Dimension::Mass, "0.001"),
    ("lb", &["lb", "lbs", "pound", "pounds"], Dimension::Mass, "0.45359237"),
    ("100kg", &["100kg", "100 kg", "quintal", "dt"], Dimension::Mass, "100"),
    ("t", &["t", "tonne", "tonnes", "ton", "metric ton", "mt"], Dimension::Mass, "1000"),
    ("l", &["l", "liter", "litre", "liters", "litres", "ltr"], Dimension::Volume, "1"),
    ("hl", &["hl", "hectolitre", "hectoliter", "hectolitres", "hectoliters"], Dimension::Volume, "100"),
    ("m3", &["m3", "m³", "cubic meter", "cubic metre"], Dimension::Volume, "1000"),
    ("bbl", &["bbl", "barrel", "barrels"], Dimension::Volume, "158.987294928"),
    (
        "item",
        &[
            "item", "items", "each", "pc", "pcs", "piece", "pieces", "no", "no.", "u", "unit", "units", "article",
            "articles", "head", "p/st",
        ],
        Dimension::Count,
        "1",
    ),
    ("dozen", &["dozen", "doz", "doz."], Dimension::Count, "12"),
    ("gross", &["gross", "grs"], Dimension::Count, "144"),
    ("100items", &["100 items", "100items", "hun"], Dimension::Count, "100"),
    (
        "1000items",
        &["1000 items", "1,000 items", "1000items", "thousand", "1000", "1,000", "ths"],
        Dimension::Count,
        "1000",
    ),
    ("pair", &["pair", "pairs", "pr", "pr.", "prs"], Dimension::Pairs, "1"),
    ("dozen_pairs", &["dozen pairs", "doz. pr.", "dpr"], Dimension::Pairs, "12"),
    ("m", &["m", "meter", "metre", "meters", "metres", "lin. m", "linear meter"], Dimension::Length, "1"),
    ("100m", &["100 m", "100m"], Dimension::Length, "100"),
    ("km", &["km"], Dimension::Length, "1000"),
    ("m2", &["m2", "m²", "sq m", "square meter", "square metre"], Dimension::Area, "1"),
    ("cm2", &["cm2", "cm²"], Dimension::Area, "0.0001"),
    (
        "l_alc",
        &[
            "l_alc",
            "lpa",
            "l alc",
            // The UK Trade Tariff's spelling of a litre of pure alcohol.
            "l alc. 100%",
            "l alc. 100 %",
            "litre pure alcohol",
            "% vol / hl",
            "%vol/hl",
            "% vol/hl",
            "hl % vol",
        ],
        Dimension::PureAlcohol,
        "1",
    ),
    // Directive 92/83/EEC art. 21 (and zoll.de's Branntweinsteuer) set spirits duty per
    // hectolitre of pure alcohol: `1303 EUR/hl alc`.
    (
        "hl_alc",
        &[
            "hl_alc",
            "hl alc",
            "hl alc. 100%",
            "hl alc. 100 %",
            "hlpa",
            "hl pure alcohol",
            "hl of pure alcohol",
            "hectolitre pure alcohol",
            "hectolitre of pure alcohol",
            "hectoliter of pure alcohol",
        ],
        Dimension::PureAlcohol,
        "100",
    ),
    (
        "pf_l",
        &["pf_l", "pf. liter", "pf.liter", "pf. litre", "proof liter", "proof litre", "pfl"],
        Dimension::PureAlcohol,
        "0.5",
    ),
    ("kWh", &["kwh"], Dimension::Energy, "1"),
    ("MWh", &["mwh", "1000 kwh"], Dimension::Energy, "1000"),
];

/// Largest factor a unit may have to its base unit (a metric ton of 10^3 kg, "per 1,000,000
/// items"). A caller's or a tariff's unit such as `99999999999999999999 kg` is not a unit: with
/// this bound and [`MAX_INPUT`], quantity × factor stays far inside `Decimal`.
pub const MAX_UNIT_FACTOR: i64 = 1_000_000_000;

impl Unit {
    /// Finds a unit by symbol or alias (case-insensitive), e.g. `kg`, `100 kg`, `hl`, `doz.`.
    /// A multiple of a unit (`1000kg`) is one only when its factor is at most [`MAX_UNIT_FACTOR`].
    pub fn lookup(text: &str) -> Option<Unit> {
        let t = text.trim().to_ascii_lowercase();
        Unit::lookup_symbol(&t).or_else(|| {
            // A multiple written before the unit: `1000kg`, `100 m`, `1,000 items` (the comma
            // groups thousands in tariff texts; a caller's amount never has one).
            let split = t.find(|c: char| !(c.is_ascii_digit() || c == ','))?;
            let n = Decimal::from_str_exact(&t[..split].replace(',', "")).ok()?;
            let unit = Unit::lookup_symbol(t[split..].trim())?;
            let factor = crate::money::checked_mul(unit.factor, n)?;
            (n > Decimal::ZERO && factor <= Decimal::from(MAX_UNIT_FACTOR)).then_some(Unit { factor, ..unit })
        })
    }

    fn lookup_symbol(t: &str) -> Option<Unit> {
        UNITS.iter().find(|(sym, aliases, _, _)| sym.eq_ignore_ascii_case(t) || aliases.contains(&t)).map(
            |(sym, _, dimension, factor)| Unit {
                dimension: *dimension,
                factor: Decimal::from_str_exact(factor).expect("unit table factors are decimals"),
                symbol: sym,
            },
        )
    }

    /// Parses a unit or fails with `E_UNKNOWN_UNIT` naming `field`.
    pub fn parse(text: &str, field: &str) -> Result<Unit> {
        Unit::lookup(text).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownUnit,
                field,
                format!(
                    "unknown unit {text:?}: use one of {}",
                    UNITS.iter().map(|u| u.0).collect::<Vec<_>>().join(", ")
                ),
            )
        })
    }
}

/// Measures with their amounts, the first few held inline: a line knows its count, weight and
/// volume, and a `Vec` would allocate for them on every line.
#[derive(Debug, Clone, Default, PartialEq)]
struct Entries {
    inline: [Option<(Measure, Decimal)>; INLINE_ENTRIES],
    more: Vec<(Measure, Decimal)>,
}

/// Entries [`Entries`] holds without allocating.
const INLINE_ENTRIES: usize = 4;

impl Entries {
    fn iter(&self) -> impl Iterator<Item = &(Measure, Decimal)> {
        self.inline.iter().map_while(Option::as_ref).chain(&self.more)
    }

    /// The amount of `measure`: [`Entries::iter`]'s first of that measure, read from the inline
    /// slots directly (every duty and excise asks; the chained iterator cost more).
    fn amount(&self, measure: Measure) -> Option<Decimal> {
        for entry in &self.inline {
            match entry {
                Some((m, v)) if *m == measure => return Some(*v),
                Some(_) => {}
                None => break,
            }
        }
        self.more.iter().find(|(m, _)| *m == measure).map(|(_, v)| *v)
    }

    /// The amount of `measure`, to change in place.
    fn amount_mut(&mut self, measure: Measure) -> Option<&mut Decimal> {
        let inline = self.inline.iter_mut().map_while(Option::as_mut);
        inline.chain(&mut self.more).find(|(m, _)| *m == measure).map(|(_, v)| v)
    }

    fn push(&mut self, entry: (Measure, Decimal)) {
        match self.inline.iter_mut().find(|e| e.is_none()) {
            Some(free) => *free = Some(entry),
            None => self.more.push(entry),
        }
    }

    fn is_empty(&self) -> bool {
        self.inline[0].is_none()
    }
}

/// Proof liters of vinegar (HTSUS chapter 22 additional U.S. note 9).
const VINEGAR_PROOF: Measure = Measure { dimension: Dimension::Volume, qualifier: Qualifier::VINEGAR_PROOF };

/// The quantities known for one line, in base units, keyed by measure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Quantities {
    entries: Entries,
    /// Alcoholic strength in % vol, used to derive litres of pure alcohol from litres.
    pub alcohol_pct: Option<Decimal>,
    /// Acetic acid in % by weight, used to derive proof liters of vinegar from litres.
    pub acetic_acid_pct: Option<Decimal>,
}

impl Quantities {
    /// No quantities.
    pub fn new() -> Self {
        Self::default()
    }

    /// One quantity, in base units (what a duty formula that read only it is rendered from).
    pub(crate) fn of_one(measure: Measure, amount: Decimal) -> Self {
        let mut q = Self::default();
        q.entries.push((measure, amount));
        q
    }

    /// Adds `amount` of `unit` (converted to base units) to `measure`'s dimension. A total
    /// `Decimal` cannot hold is `None`, and the quantities are left as they were.
    #[must_use]
    pub fn add(&mut self, qualifier: Qualifier, amount: Decimal, unit: Unit) -> Option<()> {
        let measure = Measure { dimension: unit.dimension, qualifier };
        let base = crate::money::checked_mul(amount, unit.factor)?;
        match self.entries.amount_mut(measure) {
            Some(v) => *v = crate::money::checked_add(*v, base)?,
            None => self.entries.push((measure, base)),
        }
        Some(())
    }

    /// A line's count, net mass (kg) and net volume (l), as three `set`s on no quantities make
    /// them (three distinct measures: placed in order, without searching for each).
    pub fn of_line(count: Decimal, kg: Option<Decimal>, litres: Option<Decimal>) -> Quantities {
        let mut entries = Entries::default();
        let given = [(Dimension::Count, Some(count)), (Dimension::Mass, kg), (Dimension::Volume, litres)];
        let given = given.into_iter().filter_map(|(d, amount)| Some((Measure::net(d), amount?)));
        for (slot, entry) in entries.inline.iter_mut().zip(given) {
            *slot = Some(entry);
        }
        Quantities { entries, alcohol_pct: None, acetic_acid_pct: None }
    }

    /// Sets a measure to an amount in base units.
    pub fn set(&mut self, measure: Measure, base_amount: Decimal) {
        match self.entries.amount_mut(measure) {
            Some(v) => *v = base_amount,
            None => self.entries.push((measure, base_amount)),
        }
    }

    /// Parses a caller's quantity such as `100kg`, `2.5 hl`, `12 pairs`, `3kg:drained`,
    /// `45.359237 kg` and adds it. Errors name `field`.
    pub fn add_text(&mut self, text: &str, field: &str) -> Result<()> {
        let (amount_unit, qualifier) = match text.split_once(':') {
            Some((a, q)) => {
                let qual = Qualifier::lookup(q).ok_or_else(|| {
                    Error::new(
                        ErrorCode::UnknownUnit,
                        field,
                        format!(
                            "unknown qualifier {q:?} in {text:?}: use one of {}",
                            Qualifier::all().filter(|q| !q.is_empty()).collect::<Vec<_>>().join(", ")
                        ),
                    )
                })?;
                (a, qual)
            }
            None => (text, Qualifier::NET),
        };
        let t = amount_unit.trim();
        let split = t
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-' || c == '+'))
            .ok_or_else(|| {
                Error::new(ErrorCode::UnknownUnit, field, format!("{text:?} has no unit: write e.g. 100kg or 2.5hl"))
            })?;
        let (num, unit) = t.split_at(split);
        let amount = parse_decimal(num, field)
            .map_err(|_| Error::new(ErrorCode::Quantity, field, format!("{text:?} does not start with a number")))?;
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(Error::new(ErrorCode::Quantity, field, format!("{text:?} is negative: quantities are ≥ 0")));
        }
        if amount > Decimal::from(MAX_INPUT) {
            return Err(Error::new(
                ErrorCode::TooLarge,
                field,
                format!("{text:?} is too large: at most {} of a unit", MAX_INPUT),
            ));
        }
        let unit = Unit::parse(unit, field)?;
        self.add(qualifier, amount, unit).ok_or_else(|| {
            Error::new(ErrorCode::TooLarge, field, format!("{text:?} makes the quantity too large to compute"))
        })
    }

    /// The quantity of `measure` in base units, derived where the law allows: litres of pure
    /// alcohol from litres × % vol; a gross or drained weight is never guessed from the net one.
    pub fn get(&self, measure: Measure) -> Option<Decimal> {
        if let Some(v) = self.entries.amount(measure) {
            return Some(v);
        }
        if measure == Measure::net(Dimension::PureAlcohol) {
            let litres = self.get(Measure::net(Dimension::Volume))?;
            let pct = self.alcohol_pct?;
            return crate::money::checked_mul(litres, pct).map(crate::money::per_cent);
        }
        if measure == VINEGAR_PROOF {
            // A proof liter of vinegar is a litre at 4 % acetic acid by weight (HTSUS chapter 22
            // additional U.S. note 9): litres × % ÷ 4.
            let litres = self.get(Measure::net(Dimension::Volume))?;
            let pct = self.acetic_acid_pct?;
            return crate::money::checked_mul(litres, pct).map(|x| x / Decimal::from(4));
        }
        None
    }

    /// True when [`Quantities::get`] derives `measure` rather than reads it: litres of pure
    /// alcohol (proof liters of vinegar) not given, from the volume and the strength.
    pub fn derives(&self, measure: Measure) -> bool {
        (measure == Measure::net(Dimension::PureAlcohol) || measure == VINEGAR_PROOF)
            && !self.entries.iter().any(|(m, _)| *m == measure)
    }

    /// True when no quantity is known.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.alcohol_pct.is_none() && self.acetic_acid_pct.is_none()
    }

    /// The known measures and amounts.
    pub fn iter(&self) -> impl Iterator<Item = &(Measure, Decimal)> {
        self.entries.iter()
    }
}

/// Resolves a caller's quantity key: a measure key (`kg`, `kg:drained`, `item:jewels`, `l_alc`)
/// or a unit (`100kg`, `doz`, `hl`), to the measure and the factor to its base unit.
pub fn measure_for_key(key: &str) -> Result<(Measure, Decimal)> {
    let (unit_text, qualifier) = match key.split_once(':') {
        Some((u, q)) => (
            u,
            Qualifier::lookup(q).ok_or_else(|| {
                Error::new(
                    ErrorCode::UnknownUnit,
                    key,
                    format!(
                        "unknown qualifier {q:?}: use one of {}",
                        Qualifier::all().filter(|q| !q.is_empty()).collect::<Vec<_>>().join(", ")
                    ),
                )
            })?,
        ),
        None => (key, Qualifier::NET),
    };
    let unit = Unit::parse(unit_text, key)?;
    Ok((Measure { dimension: unit.dimension, qualifier }, unit.factor))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn entries_beyond_the_inline_ones_are_kept_in_order_and_updated_in_place() {
        let mut q = Quantities::new();
        assert!(q.is_empty());
        let keys = ["kg", "l", "item", "pair", "m2", "kg:drained"];
        for (i, key) in keys.iter().enumerate() {
            let (measure, _) = measure_for_key(key).unwrap();
            q.set(measure, Decimal::from(i));
        }
        let (drained, _) = measure_for_key("kg:drained").unwrap();
        q.set(drained, dec!(9));
        assert_eq!(q.iter().count(), keys.len());
        assert_eq!(q.get(drained), Some(dec!(9)));
        assert_eq!(q.get(Measure::net(Dimension::Mass)), Some(dec!(0)));
        assert!(!q.is_empty());
    }

    #[test]
    fn parses_caller_quantities_into_base_units() {
        let mut q = Quantities::new();
        q.add_text("100kg", "qty").unwrap();
        q.add_text("2.5hl", "qty").unwrap();
        q.add_text("3 doz", "qty").unwrap();
        q.add_text("1.2kg:drained", "qty").unwrap();
        assert_eq!(q.get(Measure::net(Dimension::Mass)), Some(dec!(100)));
        assert_eq!(q.get(Measure::net(Dimension::Volume)), Some(dec!(250.0)));
        assert_eq!(q.get(Measure::net(Dimension::Count)), Some(dec!(36)));
        let drained = Measure { dimension: Dimension::Mass, qualifier: Qualifier::lookup("drained").unwrap() };
        assert_eq!(q.get(drained), Some(dec!(1.2)));
    }

    #[test]
    fn a_lines_quantities_are_what_three_sets_make() {
        let (n, kg, l) = (Decimal::new(2, 0), Decimal::new(12, 1), Decimal::new(15, 1));
        for (kg, l) in [(None, None), (Some(kg), None), (None, Some(l)), (Some(kg), Some(l))] {
            let mut q = Quantities::new();
            q.set(Measure::net(Dimension::Count), n);
            if let Some(w) = kg {
                q.set(Measure::net(Dimension::Mass), w);
            }
            if let Some(v) = l {
                q.set(Measure::net(Dimension::Volume), v);
            }
            let made = Quantities::of_line(n, kg, l);
            assert_eq!(made, q);
            assert!(made.iter().eq(q.iter()));
        }
    }

    #[test]
    fn pure_alcohol_is_derived_from_litres_and_strength() {
        let mut q = Quantities::new();
        q.add_text("75l", "qty").unwrap();
        q.alcohol_pct = Some(dec!(40));
        assert_eq!(q.get(Measure::net(Dimension::PureAlcohol)), Some(dec!(30)));
    }

    #[test]
    fn the_uk_tariffs_litre_of_pure_alcohol_is_l_alc() {
        // UK Trade Tariff duty texts write "GBP / l alc. 100%" (a litre of pure alcohol).
        for text in ["l alc. 100%", "l alc. 100 %", "l_alc", "lpa"] {
            let unit = Unit::parse(text, "unit").unwrap();
            assert_eq!((unit.symbol, unit.factor), ("l_alc", Decimal::ONE), "{text}");
        }
    }

    #[test]
    fn unknown_unit_is_typed_error() {
        let mut q = Quantities::new();
        let e = q.add_text("3 furlongs", "qty").unwrap_err();
        assert_eq!(e.code, ErrorCode::UnknownUnit);
        assert_eq!(e.field.as_deref(), Some("qty"));
        assert_eq!(q.add_text("-3kg", "qty").unwrap_err().code, ErrorCode::Quantity);
        assert_eq!(q.add_text("kg", "qty").unwrap_err().code, ErrorCode::Quantity);
    }

    #[test]
    fn unit_multiplier_with_many_digits_is_no_unit_not_an_overflow() {
        // cargo fuzz (duty_expr) found: `factor * n` overflowed `Decimal` for a unit such as
        // `99999999999999999999999999 t` (10^26 × 1000). A multiple beyond 10^9 is not a unit.
        assert!(Unit::lookup("99999999999999999999999999 t").is_none());
        assert!(Unit::lookup("9999999999999999999999999999kg").is_none());
        assert!(Unit::lookup("2000000000 items").is_none());
        assert_eq!(Unit::lookup("1000kg").unwrap().factor, dec!(1000));
        assert_eq!(Unit::lookup("1,000,000 items").unwrap().factor, dec!(1000000));
        let e = Quantities::new().add_text("3 99999999999999999999 t", "qty").unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::UnknownUnit, Some("qty")));
    }

    #[test]
    fn quantity_too_large_to_compute_is_a_typed_error() {
        let mut q = Quantities::new();
        let e = q.add_text("79228162514264337593543950335 t", "qty").unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::TooLarge, Some("qty")));
        // Adding to a quantity never overflows either: each addend is at most 10^12 × 10^9.
        for _ in 0..3 {
            q.add_text("1000000000000 1000000000 items", "qty").unwrap();
        }
        assert_eq!(q.get(Measure::net(Dimension::Count)), Some(dec!(3000000000000000000000)));
    }
}
