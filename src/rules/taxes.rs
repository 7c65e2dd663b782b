//! Tax methods that official worked examples expose, as dated data: rounding steps (Japan),
//! a tax split into parts (Japan's national and local consumption tax), an uplift of the VAT
//! base (South Africa) and value bands of a simplified duty regime (Brazil's RTS).

use super::groups::{Groups, Members};
use super::table::{in_force, Record, Tsv};
use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::money::Currency;
use crate::money::DecimalSum;
use crate::provenance::Provenance;
use crate::request::SimplifiedRegime;
use rust_decimal::{Decimal, RoundingStrategy};

/// What a rounding step applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundingTarget {
    /// The value duty is charged on, per line.
    DutyBase,
    /// Each line's duty and tax amounts.
    LineAmount,
    /// A line's duty as it enters the tax base.
    DutyInTaxBase,
    /// The value tax is charged on, per line.
    TaxBase,
    /// A tax part as it becomes the base of the next part.
    PartBase,
    /// The declaration's total duty.
    DutyTotal,
    /// The declaration's total of each tax part.
    TaxTotal,
    /// Each line's customs duty amount alone (the Netherlands: down to the cent).
    DutyAmount,
    /// The weight (kg) a specific duty per 100 kg is charged on (Switzerland: up to the next
    /// 100 g, Zolltarifgesetz art. 2(3)); its step is in kg, not money.
    WeightPer100Kg,
    /// The tax amount as it is compared with a minimum collectible (`thresholds.tsv`, effect
    /// `min_collectible`), not the amount charged: Switzerland's CHF 5, whose published
    /// equivalents (CHF 62 at 8.1 %) hold only for the tax rounded to 5 centimes.
    MinCollectible,
    /// Each line's import tax amount alone, at the border (Switzerland: to 5 centimes, the
    /// customs authority's own assessments); its duty keeps the default.
    TaxAmount,
}

impl RoundingTarget {
    /// The `applies_to` value of `tax_rounding.tsv` that names this target.
    pub fn as_str(self) -> &'static str {
        match self {
            RoundingTarget::DutyBase => "duty_base",
            RoundingTarget::LineAmount => "line_amount",
            RoundingTarget::DutyInTaxBase => "duty_in_tax_base",
            RoundingTarget::TaxBase => "tax_base",
            RoundingTarget::PartBase => "part_base",
            RoundingTarget::DutyTotal => "duty_total",
            RoundingTarget::TaxTotal => "tax_total",
            RoundingTarget::DutyAmount => "duty_amount",
            RoundingTarget::WeightPer100Kg => "weight_per_100kg",
            RoundingTarget::MinCollectible => "min_collectible",
            RoundingTarget::TaxAmount => "tax_amount",
        }
    }
}

/// How a rounding step rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundingMode {
    /// Fractions below the step are dropped (Japan).
    Down,
    /// To the nearest step, a half step up (Norway: whole kroner).
    HalfUp,
    /// Any fraction of a step counts as a whole step (Switzerland's weight per 100 kg).
    Up,
}

impl RoundingMode {
    /// How the mode rounds, in words (`rounded down`, `rounded to the nearest`).
    pub fn describe(self) -> &'static str {
        match self {
            RoundingMode::Down => "rounded down",
            RoundingMode::HalfUp => "rounded to the nearest",
            RoundingMode::Up => "rounded up",
        }
    }

    /// The `mode` value of `tax_rounding.tsv` that names this mode.
    pub fn as_str(self) -> &'static str {
        match self {
            RoundingMode::Down => "down",
            RoundingMode::HalfUp => "half_up",
            RoundingMode::Up => "up",
        }
    }

    /// The words before a step (`down to` ¥100, `to the nearest` 1).
    pub fn to_step(self) -> &'static str {
        match self {
            RoundingMode::Down => "down to",
            RoundingMode::HalfUp => "to the nearest",
            RoundingMode::Up => "up to",
        }
    }
}

/// A rounding step of a destination's tax law.
#[derive(Debug, Clone, PartialEq)]
pub struct Rounding {
    pub country: &'static str,
    pub target: RoundingTarget,
    pub step: Decimal,
    pub mode: RoundingMode,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// What applying the step per request line assumes, stated (`W_ASSUMPTION`) when two lines
    /// could be one declared item (Switzerland's 100 g per tariff item); empty: nothing.
    pub assumption: &'static str,
    pub source: Provenance<'static>,
}

/// The evaluator's view of a `weight_per_100kg` row: applied to the weight a duty per 100 kg is
/// charged on, and named in its formula.
impl crate::duty::WeightRounding for Rounding {
    fn round_kg(&self, kg: Decimal) -> Decimal {
        self.apply(kg)
    }

    fn in_words(&self) -> (&'static str, Decimal) {
        (self.mode.to_step(), self.step)
    }
}

impl Rounding {
    /// `amount` rounded by this step.
    pub fn apply(&self, amount: Decimal) -> Decimal {
        match self.mode {
            RoundingMode::Down => crate::money::floor(amount / self.step) * self.step,
            RoundingMode::HalfUp => {
                let steps = (amount / self.step).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
                steps * self.step
            }
            RoundingMode::Up => crate::money::ceil(amount / self.step) * self.step,
        }
    }
}

/// What a tax part is charged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartBasis {
    /// The tax base.
    TaxBase,
    /// The preceding part's amount, at this part's share of it (Japan's local consumption tax:
    /// 2.2 / 7.8 = 22/78 of the national tax).
    PrecedingPart,
}

/// One part of a tax that the law splits (national and local).
#[derive(Debug, Clone, PartialEq)]
pub struct TaxPart {
    pub id: &'static str,
    pub country: &'static str,
    /// The total rate the parts make up.
    pub of_rate: Decimal,
    pub name: &'static str,
    pub percent: Decimal,
    pub basis: PartBasis,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub source: Provenance<'static>,
}

/// A percentage of the customs value added to the VAT base.
#[derive(Debug, Clone, PartialEq)]
pub struct Uplift {
    pub id: &'static str,
    pub country: &'static str,
    pub percent: Decimal,
    /// The countries whose goods the row may exempt from the uplift, on some date (its
    /// `not_from` countries and the members of its groups but the destination itself): what a
    /// quote without `ship_from` names.
    pub not_from: Vec<&'static str>,
    /// `not_from` resolved with the groups' dates ([`Uplift::exempts`]).
    exempt: Members<'static>,
    /// The goods must also originate in a `not_from` country (`also_origin` `yes`), not only be
    /// imported from one.
    pub also_origin: bool,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub source: Provenance<'static>,
}

/// A value band of a simplified regime's duty: `percent` of the consignment value less
/// `deduction`.
#[derive(Debug, Clone, PartialEq)]
pub struct DutyBand {
    pub id: &'static str,
    pub country: &'static str,
    pub regime: SimplifiedRegime,
    pub value_from: Decimal,
    pub value_to: Decimal,
    pub currency: Currency,
    pub percent: Decimal,
    pub deduction: Decimal,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// The goods the band is for (HS prefixes; empty: every line without a band of its own):
    /// Brazil's medicines at 0 % (Portaria MF 156/1999 art. 1 §1).
    pub codes: Vec<&'static str>,
    /// What the band assumes of the goods or the importer, stated when it prices a line
    /// (`W_ASSUMPTION`; empty: nothing).
    pub assumption: &'static str,
    /// Who collects the duty and the import tax of a consignment the band prices
    /// (`collected_at`): the customs authority or its carrier at the border (Brazil's RTS), or
    /// the seller at the sale, in the checkout price (Remessa Conforme, IN RFB 2.146/2023).
    pub collected_at: CollectedAt,
    pub source: Provenance<'static>,
}

/// Where a simplified regime's duty and import tax are paid (`duty_bands.tsv` `collected_at`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CollectedAt {
    /// At the border, before delivery (due on delivery under DAP).
    Border,
    /// By the seller at the sale, in the checkout price under DAP and DDP alike.
    Sale,
}

impl CollectedAt {
    /// The names `collected_at` accepts (`rules::codes::CLOSED_COLUMNS` lists the same).
    pub const NAMES: &'static [(&'static str, CollectedAt)] =
        &[("border", CollectedAt::Border), ("sale", CollectedAt::Sale)];
}

/// The tax-method tables.
#[derive(Debug, Default)]
pub struct TaxRules {
    pub rounding: Vec<Rounding>,
    pub parts: Vec<TaxPart>,
    pub uplifts: Vec<Uplift>,
    pub bands: Vec<DutyBand>,
}

fn bad(table: &str, r: &Record<'_, 'static>, column: &str, value: &str) -> Error {
    Error::new(ErrorCode::Snapshot, table, format!("{}, column {column}: unknown value {value:?}", r.at()))
}

fn required(table: &str, r: &Record<'_, 'static>, column: &str) -> Result<Decimal> {
    r.decimal(column)?.ok_or_else(|| bad(table, r, column, ""))
}

/// Parses `tax_rounding.tsv`.
pub fn parse_rounding(t: &Tsv<'static>) -> Result<Vec<Rounding>> {
    const T: &str = "tax_rounding.tsv";
    t.read_rows(|r| {
        let target = match r.text("applies_to")? {
            "duty_base" => RoundingTarget::DutyBase,
            "line_amount" => RoundingTarget::LineAmount,
            "duty_in_tax_base" => RoundingTarget::DutyInTaxBase,
            "tax_base" => RoundingTarget::TaxBase,
            "part_base" => RoundingTarget::PartBase,
            "duty_total" => RoundingTarget::DutyTotal,
            "tax_total" => RoundingTarget::TaxTotal,
            "duty_amount" => RoundingTarget::DutyAmount,
            "weight_per_100kg" => RoundingTarget::WeightPer100Kg,
            "min_collectible" => RoundingTarget::MinCollectible,
            "tax_amount" => RoundingTarget::TaxAmount,
            other => return Err(bad(T, r, "applies_to", other)),
        };
        let mode = match r.text("mode")? {
            "down" => RoundingMode::Down,
            "half_up" => RoundingMode::HalfUp,
            "up" => RoundingMode::Up,
            other => return Err(bad(T, r, "mode", other)),
        };
        let step = required(T, r, "step")?;
        if step <= Decimal::ZERO {
            return Err(bad(T, r, "step", &step.to_string()));
        }
        Ok(Rounding {
            country: r.text("country")?,
            target,
            step,
            mode,
            valid_from: r.date("valid_from")?,
            valid_to: r.date("valid_to")?,
            assumption: r.text("assumption")?,
            source: Provenance::rule_row(T, r.text("id")?, r)?,
        })
    })
}

/// Parses `tax_parts.tsv`.
pub fn parse_parts(t: &Tsv<'static>) -> Result<Vec<TaxPart>> {
    const T: &str = "tax_parts.tsv";
    t.read_rows(|r| {
        let id = r.text("id")?;
        Ok(TaxPart {
            id,
            country: r.text("country")?,
            of_rate: required(T, r, "of_rate")?,
            name: r.text("name")?,
            percent: required(T, r, "percent")?,
            basis: match r.text("basis")? {
                "tax_base" => PartBasis::TaxBase,
                "preceding_part" => PartBasis::PrecedingPart,
                other => return Err(bad(T, r, "basis", other)),
            },
            valid_from: r.date("valid_from")?,
            valid_to: r.date("valid_to")?,
            source: Provenance::rule_row(T, id, r)?,
        })
    })
}

/// Parses `tax_uplift.tsv`; `not_from` names countries or groups of `groups` (`SACU`).
pub fn parse_uplifts(t: &Tsv<'static>, groups: &Groups<'static>) -> Result<Vec<Uplift>> {
    const T: &str = "tax_uplift.tsv";
    t.read_rows(|r| {
        let id = r.text("id")?;
        let country = r.text("country")?;
        Ok(Uplift {
            id,
            country,
            percent: required(T, r, "percent")?,
            not_from: exempt_countries(groups, super::list(r.text("not_from")?), country),
            exempt: groups.resolve(r, "not_from")?,
            also_origin: super::codes::one_of(r, "also_origin", &[("yes", true), ("no", false)])?,
            valid_from: r.date("valid_from")?,
            valid_to: r.date("valid_to")?,
            source: Provenance::rule_row(T, id, r)?,
        })
    })
}

/// Parses `duty_bands.tsv`; the bands of one regime in force on a common day must agree on
/// `collected_at` (a consignment is declared and paid once, whichever band prices its lines).
pub fn parse_bands(t: &Tsv<'static>) -> Result<Vec<DutyBand>> {
    let bands = read_bands(t)?;
    for (i, a) in bands.iter().enumerate() {
        let clash = bands[i + 1..].iter().find(|b| {
            b.country == a.country
                && b.regime == a.regime
                && b.collected_at != a.collected_at
                && starts_by(a.valid_from, b.valid_to)
                && starts_by(b.valid_from, a.valid_to)
        });
        if let Some(b) = clash {
            return Err(Error::new(
                ErrorCode::Snapshot,
                "duty_bands.tsv",
                format!(
                    "rows {} and {}: bands of one regime in force on the same day differ in collected_at",
                    a.id, b.id
                ),
            ));
        }
    }
    Ok(bands)
}

/// Whether a row starting on `from` has started by `to`, another row's inclusive end (`None`:
/// since before our data, still in force).
fn starts_by(from: Option<Date>, to: Option<Date>) -> bool {
    match (from, to) {
        (Some(from), Some(to)) => from <= to,
        _ => true,
    }
}

fn read_bands(t: &Tsv<'static>) -> Result<Vec<DutyBand>> {
    const T: &str = "duty_bands.tsv";
    t.read_rows(|r| {
        let id = r.text("id")?;
        let regime = r.text("regime")?;
        Ok(DutyBand {
            id,
            country: r.text("country")?,
            regime: SimplifiedRegime::parse(regime).ok_or_else(|| bad(T, r, "regime", regime))?,
            value_from: required(T, r, "value_from")?,
            value_to: required(T, r, "value_to")?,
            currency: super::codes::currency(r, "currency")?,
            percent: required(T, r, "percent")?,
            deduction: r.decimal("deduction")?.unwrap_or_default(),
            valid_from: r.date("valid_from")?,
            valid_to: r.date("valid_to")?,
            codes: super::codes::code_prefixes(r, "codes")?,
            assumption: r.text("assumption")?,
            collected_at: super::codes::one_of(r, "collected_at", CollectedAt::NAMES)?,
            source: Provenance::rule_row(T, id, r)?,
        })
    })
}

/// The countries `names` (countries and groups) cover on any date, but `destination`, sorted.
fn exempt_countries(groups: &Groups<'static>, names: Vec<&'static str>, destination: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for name in names {
        match groups.is_group(name) {
            true => out.extend(groups.memberships(name).map(|m| m.member)),
            false => out.push(name),
        }
    }
    out.retain(|c| *c != destination);
    crate::sort::sort_unstable(&mut out);
    out.dedup();
    out
}

impl Uplift {
    /// Whether goods imported from `from` get no uplift on `date`: a `not_from` country, or a
    /// member of a `not_from` group that day.
    pub fn exempts(&self, from: &str, date: Date) -> bool {
        self.exempt.contains(from, date)
    }
}

impl TaxRules {
    /// The rounding step of `country` for `target` on `date`.
    pub fn rounding(&self, country: &str, target: RoundingTarget, date: Date) -> Option<&Rounding> {
        self.rounding_on(country, date).find(|r| r.target == target)
    }

    /// Every rounding row of `country` in force on `date` that is applied, in file order (the
    /// first per target wins): a `verify` row is not ([`TaxRules::unverified_rounding_on`]).
    pub fn rounding_on<'s, 'c>(
        &'s self,
        country: &'c str,
        date: Date,
    ) -> impl Iterator<Item = &'s Rounding> + use<'s, 'c> {
        self.rounding_in_force(country, date).filter(|r| !r.source.is_verify())
    }

    /// The `verify` rounding rows of `country` in force on `date`: read from a secondary source,
    /// they are not applied (a rounding is never priced on a guess), and a quote says so (audit-pp
    /// PP3: Korea's 10-won cut).
    pub fn unverified_rounding_on<'s, 'c>(
        &'s self,
        country: &'c str,
        date: Date,
    ) -> impl Iterator<Item = &'s Rounding> + use<'s, 'c> {
        self.rounding_in_force(country, date).filter(|r| r.source.is_verify())
    }

    fn rounding_in_force<'s, 'c>(
        &'s self,
        country: &'c str,
        date: Date,
    ) -> impl Iterator<Item = &'s Rounding> + use<'s, 'c> {
        self.rounding
            .iter()
            .filter(move |r| super::same(r.country, country) && in_force(r.valid_from, r.valid_to, date))
    }

    /// The parts a `rate` % tax of `country` splits into on `date` (empty: not split). Parts
    /// apply only when they add up to the rate.
    pub fn parts(&self, country: &str, rate: Decimal, date: Date) -> Vec<&TaxPart> {
        let parts: Vec<&TaxPart> = self
            .parts
            .iter()
            .filter(|p| {
                super::same(p.country, country) && p.of_rate == rate && in_force(p.valid_from, p.valid_to, date)
            })
            .collect();
        if parts.iter().map(|p| p.percent).decimal_sum() == rate {
            parts
        } else {
            Vec::new()
        }
    }

    /// The VAT-base uplift of `country` on `date`.
    pub fn uplift(&self, country: &str, date: Date) -> Option<&Uplift> {
        self.uplifts.iter().find(|u| super::same(u.country, country) && in_force(u.valid_from, u.valid_to, date))
    }

    /// The bands of a regime in `country` on `date`.
    pub fn bands(&self, country: &str, regime: SimplifiedRegime, date: Date) -> Vec<&DutyBand> {
        self.bands
            .iter()
            .filter(|b| b.country == country && b.regime == regime && in_force(b.valid_from, b.valid_to, date))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tsv(text: &'static str) -> Tsv<'static> {
        Tsv::parse("test.tsv", text).unwrap()
    }

    /// VAT Act 89 of 1991 s.13(2)(a): the 10 % is not added for goods imported from the other
    /// SACU members; `not_from` names the group (rules/groups.tsv `SACU`, SACU Agreement 2002),
    /// so a membership's dates decide, and a quote without `ship_from` names its members.
    #[test]
    fn uplift_not_from_a_group_follows_its_memberships() {
        let rules = crate::Engine::embedded().rules();
        let on = Date::parse("2026-03-02").unwrap();
        let za = rules.taxes.uplift("ZA", on).unwrap();
        assert!(za.exempts("NA", on) && za.exempts("BW", on) && !za.exempts("CN", on));
        assert_eq!(za.not_from, ["BW", "LS", "NA", "SZ"]);
        // A member that leaves is exempt only while a member.
        let groups: &'static str =
            "group\tmember\tvalid_from\tvalid_to\tsource\tconfidence\nXU\tNA\t\t2026-06-30\ts\tofficial\n";
        let groups = Groups::parse(&tsv(groups)).unwrap();
        let t = tsv("id\tcountry\tpercent\tnot_from\tvalid_from\tvalid_to\tsource\tconfidence\talso_origin\nx\tZA\t10\tXU,LS\t\t\ts\tofficial\tno\n");
        let u = &parse_uplifts(&t, &groups).unwrap()[0];
        let (before, after) = (Date::parse("2026-06-30").unwrap(), Date::parse("2026-07-01").unwrap());
        assert!(u.exempts("NA", before) && !u.exempts("NA", after) && u.exempts("LS", after));
    }

    #[test]
    fn unknown_rounding_target_is_a_load_error() {
        let t = tsv("id\tcountry\tapplies_to\tstep\tmode\tvalid_from\tvalid_to\tsource\tconfidence\nx\tJP\tbase\t1000\tdown\t\t\ts\tofficial\n");
        assert!(parse_rounding(&t).unwrap_err().message.contains("applies_to"));
    }

    #[test]
    fn unknown_rounding_mode_is_a_load_error() {
        let t = tsv("id\tcountry\tapplies_to\tstep\tmode\tvalid_from\tvalid_to\tsource\tconfidence\nx\tJP\ttax_base\t1000\tnearest\t\t\ts\tofficial\n");
        assert!(parse_rounding(&t).unwrap_err().message.contains("mode"));
    }

    #[test]
    fn unknown_part_basis_is_a_load_error() {
        let t = tsv("id\tcountry\tof_rate\tname\tpercent\tbasis\tvalid_from\tvalid_to\tsource\tconfidence\nx\tJP\t10\tn\t7.8\tcif\t\t\ts\tofficial\n");
        assert!(parse_parts(&t).unwrap_err().message.contains("basis"));
    }

    #[test]
    fn unknown_regime_is_a_load_error() {
        let t = tsv("id\tcountry\tregime\tvalue_from\tvalue_to\tcurrency\tpercent\tdeduction\tvalid_from\tvalid_to\tsource\tconfidence\nx\tBR\tpostal\t0\t50\tUSD\t20\t0\t\t\ts\tofficial\n");
        assert!(parse_bands(&t).unwrap_err().message.contains("regime"));
    }

    const BANDS: &str = "id\tcountry\tregime\tvalue_from\tvalue_to\tcurrency\tpercent\tdeduction\tvalid_from\tvalid_to\tsource\tconfidence\tcodes\tassumption\tcollected_at\n";

    /// `collected_at` is read strictly (no default), and the bands of one regime in force on a
    /// common day agree on it: a consignment is declared and paid once (IN RFB 2.146/2023: the
    /// certified seller collects Remessa Conforme's import tax at the sale, audit-gg GG69).
    #[test]
    fn collected_at_is_required_and_one_regimes_bands_agree_on_it() {
        let row = |id: &str, from: &str, to: &str, at: &str| {
            format!("{id}\tBR\tremessa_conforme\t0\t50\tUSD\t20\t0\t{from}\t{to}\ts\tofficial\t\t\t{at}\n")
        };
        let parse = |rows: String| parse_bands(&tsv(Box::leak(format!("{BANDS}{rows}").into_boxed_str())));
        let ok = parse(row("a", "2024-08-01", "", "sale")).unwrap();
        assert_eq!(ok[0].collected_at, CollectedAt::Sale);
        assert!(parse(row("a", "", "", "")).unwrap_err().message.contains("collected_at"));
        assert!(parse(row("a", "", "", "seller")).unwrap_err().message.contains("collected_at"));
        let clash = parse(row("a", "2024-08-01", "", "sale") + &row("b", "2025-01-01", "2025-12-31", "border"));
        assert!(clash.unwrap_err().message.contains("rows a and b"));
        // One after the other, or another regime: no clash.
        assert!(parse(row("a", "2024-08-01", "", "sale") + &row("b", "2023-08-01", "2024-07-31", "border")).is_ok());
        let rts = row("b", "2024-08-01", "", "border").replace("remessa_conforme", "rts");
        assert!(parse(row("a", "2024-08-01", "", "sale") + &rts).is_ok());
    }

    #[test]
    fn missing_uplift_percent_is_a_load_error_not_zero() {
        let t = tsv(
            "id\tcountry\tpercent\tnot_from\tvalid_from\tvalid_to\tsource\tconfidence\talso_origin\nx\tZA\t\tBW\t\t\ts\tofficial\tno\n",
        );
        assert!(parse_uplifts(&t, &Groups::default()).is_err());
    }

    #[test]
    fn rounding_down_drops_fractions_below_the_step() {
        let r = Rounding {
            country: "JP",
            target: RoundingTarget::TaxBase,
            step: Decimal::from(1000),
            mode: RoundingMode::Down,
            valid_from: None,
            valid_to: None,
            assumption: "",
            source: Provenance::default(),
        };
        assert_eq!(r.apply(Decimal::from(609_495)), Decimal::from(609_000));
    }

    #[test]
    fn rounding_half_up_goes_to_the_nearest_step() {
        // Norway (toll.no examples): 5 414.20 → 5 414, 14 003.50 → 14 004, 5 337.50 → 5 338.
        let r = Rounding {
            country: "NO",
            target: RoundingTarget::LineAmount,
            step: Decimal::ONE,
            mode: RoundingMode::HalfUp,
            valid_from: None,
            valid_to: None,
            assumption: "",
            source: Provenance::default(),
        };
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        for (amount, want) in [("5414.20", "5414"), ("14003.50", "14004"), ("5337.5", "5338"), ("0.49", "0")] {
            assert_eq!(r.apply(d(amount)), d(want), "{amount}");
        }
    }
}
