//! The engine value: one snapshot with its rules, exchange rates and caches.
//!
//! Every computation goes through an [`Engine`]; nothing in the library reads a global table.
//! The runtime does not care how its data arrived (the ICU4X split): compiled into the binary
//! ([`Engine::embedded`]) or loaded from a blob that `landed-datagen snapshot` wrote
//! ([`Engine::from_bytes`]), checked against its content hash either way.
//!
//! ```
//! use landed::Engine;
//!
//! let engine = Engine::embedded();
//! let req = landed::request::from_json(r#"{
//!     "destination": "GB", "currency": "GBP", "date": "2026-03-02", "origin": "CN",
//!     "lines": [{"id": "tee", "code": "6109.10.00.10", "quantity": "2", "unit_price": "12.50"}]
//! }"#).unwrap();
//! let quote = engine.quote(&req).unwrap();
//! assert_eq!(quote.snapshot_id, engine.snapshot_id());
//! ```

use crate::api::{CountriesResponse, RateResponse, SearchResponse, SnapshotInfo};
use crate::datasets::Datasets;
use crate::date::Date;
use crate::error::Result;
use crate::fx::EmbeddedFx;
use crate::fx::FxMethod;
use crate::quote::Quote;
use crate::request::{CheckedRequest, QuoteRequest};
use crate::rules::{
    AdditionalDuties, Jurisdiction, Rules, JP_BRACKETS_FILE, JP_PERSONAL_USE_FILE, JP_PROGRAMMES_FILE,
    JP_SIMPLIFIED_FILE, US_FILES,
};
use crate::search::Indexes;
use crate::snapshot::{Part, Snapshot};

mod conversions;

/// A part of the snapshot to fetch: its name, the file it is published under, its size.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct PartRef {
    pub name: String,
    pub file: String,
    pub bytes: usize,
}

/// The parts not loaded yet among `parts`, each once, as the page fetches them.
fn missing(parts: Vec<&Part<'static>>) -> Vec<PartRef> {
    let mut out: Vec<PartRef> = Vec::new();
    for p in parts.into_iter().filter(|p| !p.is_loaded()) {
        if !out.iter().any(|r| r.name == p.name) {
            out.push(PartRef { name: p.name.to_string(), file: p.file_name(), bytes: p.len });
        }
    }
    out
}

/// A snapshot and everything derived from it: parsed rules, exchange rates, search indexes and
/// the caches that make repeated quotes cheap.
///
/// An `Engine` is a small handle (`Copy`): create one per snapshot and pass it around. The data it
/// refers to lives for the rest of the process — rows, rules and rates borrow from the snapshot
/// bytes for `'static`, and a process loads a snapshot once or twice (the embedded one, perhaps a
/// fresher one published beside a site) — so construct engines once, not per request.
#[derive(Clone, Copy)]
pub struct Engine {
    data: &'static EngineData,
}

struct EngineData {
    snapshot: &'static Snapshot<'static>,
    /// [`Snapshot::id`], built once: every quote carries it.
    snapshot_id: String,
    /// The rules read from the snapshot; read again (and replaced) on first use after destination
    /// parts of the rule tables were attached ([`Engine::attach_part`]: a page's round of parts
    /// costs one read, not one per part). The rules replaced stay allocated: answers already
    /// made may borrow from them, and a page attaches a few rounds.
    rules: std::sync::RwLock<&'static Rules>,
    /// Set when a destination part of a rule table was attached since the rules were read.
    rules_stale: std::sync::atomic::AtomicBool,
    /// Set when the rules failed to read again after a destination part was attached: every
    /// quote is then that error (the part is attached, its rows are not in the rules).
    rules_failed: std::sync::OnceLock<crate::error::Error>,
    fx: EmbeddedFx,
    datasets: Datasets,
    search: Indexes,
    /// The rule rows quotes read per destination, day, channel and place of shipment.
    day_rules: crate::quote::DayRulesMemo,
    /// The tariff line quotes found per tariff, code and day.
    tariff_memo: crate::quote::TariffMemo,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("snapshot", &self.snapshot_id()).finish()
    }
}

impl Engine {
    /// The engine over the snapshot compiled into this build (hash-checked at build time and by
    /// a test; natively with its descriptions, in the browser without them until
    /// [`Engine::attach_descriptions`]).
    ///
    /// ```
    /// let engine = landed::Engine::embedded();
    /// assert!(engine.snapshot_id().starts_with("sha256:"));
    /// ```
    pub fn embedded() -> Engine {
        let snapshot = Snapshot::decode_embedded().expect("the embedded snapshot is checked at build time");
        Engine::over(snapshot).expect("the embedded rule tables are checked at build time (tested)")
    }

    /// An engine over a snapshot blob written by `landed-datagen snapshot`. The blob's content
    /// hash is checked, then its rule, FX and VAT tables are parsed: a corrupt, truncated or
    /// inconsistent blob is an `E_SNAPSHOT` error and no engine is made.
    ///
    /// ```
    /// let engine = landed::Engine::embedded();
    /// let copy = landed::Engine::from_bytes(landed::snapshot::embedded_bytes().to_vec()).unwrap();
    /// assert_eq!(copy.snapshot_id(), engine.snapshot_id());
    ///
    /// let err = landed::Engine::from_bytes(b"not a snapshot".to_vec()).unwrap_err();
    /// assert_eq!(err.code, landed::ErrorCode::Snapshot);
    /// ```
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Engine> {
        // Check before leaking: a rejected blob is dropped.
        Snapshot::decode(&bytes)?;
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        Engine::over(Snapshot::decode(bytes)?)
    }

    fn over(snapshot: Snapshot<'static>) -> Result<Engine> {
        let snapshot: &'static Snapshot<'static> = Box::leak(Box::new(snapshot));
        let rules: &'static Rules = Box::leak(Box::new(Rules::load(snapshot)?));
        let fx = EmbeddedFx::load(snapshot)?;
        let datasets = Datasets::load(snapshot)?;
        let search = Indexes::new(snapshot);
        let snapshot_id = snapshot.id();
        Ok(Engine {
            data: Box::leak(Box::new(EngineData {
                snapshot,
                snapshot_id,
                rules: std::sync::RwLock::new(rules),
                rules_failed: std::sync::OnceLock::new(),
                rules_stale: std::sync::atomic::AtomicBool::new(false),
                fx,
                datasets,
                search,
                day_rules: Default::default(),
                tariff_memo: Default::default(),
            })),
        })
    }

    /// Attaches a description blob (checked against this snapshot's hash): needed by `search`
    /// and for descriptions in `rate` where the engine was built without them (the browser).
    pub fn attach_descriptions(&self, bytes: Vec<u8>) -> Result<()> {
        if self.data.snapshot.has_text() {
            return Ok(());
        }
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        self.data.snapshot.attach_text(bytes)
    }

    /// Attaches a part published beside the core (`landed-part-….bin`, written by
    /// `landed-datagen snapshot --parts`): a tariff table or a data file the core left out. Its
    /// hash must be one the snapshot names; a data file is read at once (a malformed one is an
    /// `E_SNAPSHOT` error). Returns the part's name.
    pub fn attach_part(&self, bytes: Vec<u8>) -> Result<&'static str> {
        let hash: [u8; 32] = sha2::Digest::finalize(sha2::Digest::chain_update(sha2::Sha256::default(), &bytes)).into();
        // Found before the bytes are kept: a wrong file must not cost memory for good.
        let part = self.data.snapshot.part_with_hash(&hash)?;
        if !part.is_loaded() {
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            self.data.snapshot.attach_found_part(part, bytes)?;
            self.read_attached(part.name)?;
        }
        Ok(part.name)
    }

    /// Reads a data file just attached: the FX tables, the US tables once all are here, Japan's
    /// programmes; a destination part of a rule table marks the rules to be read again on their
    /// next use ([`Engine::rules`]).
    fn read_attached(&self, name: &str) -> Result<()> {
        self.data.fx.read_attached()?;
        let snapshot = self.data.snapshot;
        if crate::snapshot::format::split_keyed_part(name).is_some() {
            self.data.rules_stale.store(true, std::sync::atomic::Ordering::Release);
            return Ok(());
        }
        if US_FILES.contains(&name) && US_FILES.iter().all(|f| snapshot.file(f).is_some()) {
            self.rules().us()?;
        }
        if crate::snapshot::format::split_chapter_file_part(name).is_some() {
            let rules = self.rules();
            rules.us_scopes().read_attached(name)?;
            rules.us_lines().read_attached(name)?;
        }
        if name == JP_PROGRAMMES_FILE {
            self.rules().jp()?;
        }
        let jp_small = [JP_SIMPLIFIED_FILE, JP_PERSONAL_USE_FILE, JP_BRACKETS_FILE];
        if jp_small.contains(&name) && jp_small.iter().all(|f| snapshot.file(f).is_some()) {
            self.rules().jp_small()?;
        }
        Ok(())
    }

    /// Reads the rule tables again with the destination parts attached so far, if any came since
    /// they were read; quotes from then on read those (the rows memoised per destination and day
    /// are dropped). A failure is kept: every later quote is that error
    /// ([`Engine::require_rules`]) rather than a price without the part's rows.
    fn refresh_rules(&self) {
        use std::sync::atomic::Ordering;
        let mut current = self.data.rules.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        // Taken under the lock: one refresh per round of parts, whoever asks first.
        if !self.data.rules_stale.swap(false, Ordering::AcqRel) {
            return;
        }
        match Rules::load(self.data.snapshot) {
            Ok(rules) => {
                *current = Box::leak(Box::new(rules));
                drop(current);
                self.data.day_rules.clear();
            }
            Err(e) => {
                let _ = self.data.rules_failed.set(e);
            }
        }
    }

    /// The destination parts of the rule tables filed by destination (`rules/fees.tsv#US`,
    /// `snapshot::write::KEYED_SPLIT_FILES`) that quotes to `destination` read: those whose key
    /// names it, a group it is ever a member of, or the country whose VAT/GST it applies (a
    /// territory: XI applies GB's); for `*`, every one of the tables [`Engine::countries`] reads
    /// ([`COUNTRIES_FILES`]). Loaded or not (natively all are inline).
    fn rule_parts(&self, destination: &str) -> Vec<&'static Part<'static>> {
        let rules = self.rules();
        let mut codes: Vec<&str> = vec![destination];
        codes.extend(rules.groups.memberships_of(destination).iter().map(|m| m.group));
        codes.extend(rules.territories.iter().filter(|t| t.territory == destination).map(|t| t.vat_of));
        let names = |file: &str, key: &str| match destination {
            "*" => COUNTRIES_FILES.contains(&file),
            _ => key.split(',').any(|k| codes.contains(&k.trim())),
        };
        let keyed =
            |p: &&Part<'static>| crate::snapshot::format::split_keyed_part(p.name).is_some_and(|(f, k)| names(f, k));
        self.data.snapshot.files.iter().filter(keyed).collect()
    }

    /// `Ok` when the rule rows quotes to `destination` read are all here (`*`: every
    /// destination's, as [`Engine::countries`] reads them); else `E_DATA_NOT_LOADED` naming the
    /// first destination part not attached, or the error the rules failed to read again with.
    pub fn require_rules(&self, destination: &str) -> Result<()> {
        // Parts attached since the rules were read: read them now, so a failure is known.
        let _ = self.rules();
        if let Some(e) = self.data.rules_failed.get() {
            return Err(e.clone());
        }
        if self.data.snapshot.all_parts_loaded() {
            return Ok(());
        }
        match self.rule_parts(destination).into_iter().find(|p| !p.is_loaded()) {
            Some(part) => Err(crate::snapshot::not_loaded(part)),
            None => Ok(()),
        }
    }

    /// The parts a quote to `destination` may need that are not loaded yet, with the file names
    /// they are published under (empty natively, where every part is inline): every chapter
    /// part of the destination's tariff and of the HS nomenclature (search); its destination
    /// parts of the rule tables filed by destination ([`Engine::require_rules`]); for the US every
    /// chapter part of the scope lists and the other US tables; HMRC's rates for GB and XI; the
    /// HS correlation for the GB and EU tables; every year of the monthly ECB rates where the customs rate comes from
    /// them (the EU) and every year of the daily ECB rates, and of the monthly ones that stand
    /// in before them, where it comes from those (outside the EU and GB). `FX` names the ECB
    /// rates alone (display currencies), `*` every destination part of the rule tables filed by
    /// destination that `countries` reads (`COUNTRIES_FILES`). [`Engine::missing_parts_for`] lists only what one
    /// request needs.
    ///
    /// ```
    /// let engine = landed::Engine::embedded();
    /// assert!(engine.missing_parts("DE").is_empty());
    /// ```
    pub fn missing_parts(&self, destination: &str) -> Vec<PartRef> {
        let snapshot = self.data.snapshot;
        if destination == "*" {
            return missing(self.rule_parts("*"));
        }
        // Any row of the destination (its set-up over time): the parts are the same.
        let rules = self.rules();
        let j = rules.jurisdictions.iter().find(|j| j.country == destination);
        let tables = [snapshot.table(self.tariff_of(destination)), snapshot.table("HS")].into_iter().flatten();
        let mut parts: Vec<&Part<'static>> = tables.flat_map(|t| t.chapters.iter().map(|c| &c.part)).collect();
        parts.extend(self.rule_parts(destination));
        if j.is_some_and(|j| j.additional_duties == AdditionalDuties::UsChapter99) {
            parts.extend(rules.us_scopes().parts());
            parts.extend(rules.us_lines().parts());
        }
        parts.extend(self.needed_files(destination, j).iter().filter_map(|f| snapshot.file_part(f)));
        let method = if destination == "FX" { Some(FxMethod::EcbDaily) } else { j.map(|j| j.fx_method) };
        let years = method.map_or_else(Vec::new, |m| self.data.fx.year_parts(m));
        parts.extend(years.into_iter().filter_map(|f| snapshot.file_part(f)));
        missing(parts)
    }

    /// Checks that `destination` names what [`Engine::missing_parts`] answers for: a destination
    /// of the rules (on any date), `*`, `FX` (the ECB rates) or `HS` (the nomenclature). Any other
    /// text is `E_UNSUPPORTED_DESTINATION`: [`Engine::missing_parts`] would list the HS
    /// nomenclature's parts for it as if they were its tariff's (audit-s S11: `ZZ` got every HS part).
    ///
    /// ```
    /// let engine = landed::Engine::embedded();
    /// assert!(engine.check_parts_destination("DE").is_ok() && engine.check_parts_destination("*").is_ok());
    /// let e = engine.check_parts_destination("ZZ").unwrap_err();
    /// assert_eq!(e.code.as_str(), "E_UNSUPPORTED_DESTINATION");
    /// ```
    pub fn check_parts_destination(&self, destination: &str) -> Result<()> {
        let rules = self.rules();
        if matches!(destination, "*" | "FX" | "HS") || rules.jurisdictions.iter().any(|j| j.country == destination) {
            return Ok(());
        }
        let mut known: Vec<&str> = rules.jurisdictions.iter().map(|j| j.country).collect();
        known.dedup();
        Err(crate::error::Error::new(
            crate::error::ErrorCode::UnsupportedDestination,
            "destination",
            format!(
                "{destination:?} is not a supported destination: give one of {}, or * (every destination's rules), FX (the exchange rates) or HS (the nomenclature)",
                known.join(", ")
            ),
        ))
    }

    /// The parts one request needs that are not loaded yet: its destination's parts of the rule
    /// tables filed by destination (first), the chapter parts of its lines'
    /// codes in the destination's tariff (and, for an HS 2022 code on an HS 2017 table, of the
    /// codes it correlates with, once the correlation is attached), for the US the chapter
    /// parts of the scope lists holding its codes, the destination's whole data files as
    /// [`Engine::missing_parts`] names them, and the year(s) of the ECB rates (monthly
    /// for the EU, daily elsewhere and for a display currency, monthly before the daily ones
    /// start) its conversions read (at the customs rate: the prices, a threshold, fee or band
    /// in another currency, a duty text naming a third currency, unless `fx` gives the rate;
    /// and a display currency). Some parts are known only once others are here
    /// (the correlation, an earlier year of rates): ask again after attaching until it is empty.
    pub fn missing_parts_for(&self, req: &QuoteRequest) -> Vec<PartRef> {
        self.missing_parts_of(&req.canonical())
    }

    /// [`Engine::missing_parts_for`] of a request whose country codes are canonical.
    fn missing_parts_of(&self, req: &QuoteRequest) -> Vec<PartRef> {
        let snapshot = self.data.snapshot;
        let destination = req.destination.to_ascii_uppercase();
        let rules = self.rules();
        let j = rules.jurisdiction(&destination, req.date).ok();
        // The destination's rows of the rule tables filed by destination.
        let mut parts: Vec<&Part<'static>> = j.map_or_else(Vec::new, |j| self.rule_parts(j.country));
        let codes: Vec<crate::hs::HsCode> =
            req.lines.iter().filter_map(|l| crate::hs::HsCode::parse(&l.code).ok()).collect();
        if let Some(table) = snapshot.table(self.tariff_of(&destination)).filter(|t| t.jurisdiction != "HS") {
            for code in &codes {
                parts.extend(snapshot.chapter_parts_for(table, code).into_iter().map(|c| &c.part));
            }
        } else if let Some(hs) = snapshot.table("HS") {
            // Without a tariff, a line under a relief is checked in the HS nomenclature.
            parts.extend(codes.iter().filter_map(|code| hs.chapter_part(code.bytes())).map(|c| &c.part));
        }
        // The US scope lists of the lines' chapters (the layers read the line's code as given).
        if j.is_some_and(|j| j.additional_duties == AdditionalDuties::UsChapter99) {
            let scopes = rules.us_scopes();
            parts.extend(codes.iter().filter_map(|code| scopes.part_for(code.bytes())));
            let lines = rules.us_lines();
            parts.extend(codes.iter().filter_map(|code| lines.part_for(code.bytes())));
        }
        parts.extend(self.needed_files(&destination, j).iter().filter_map(|f| snapshot.file_part(f)));
        let fx = &self.data.fx;
        let years = self
            .year_part_conversions(req, j)
            .into_iter()
            .filter_map(|(method, (from, to))| fx.part_missing(method, from, to, req.date));
        parts.extend(years.filter_map(|f| snapshot.file_part(f)).collect::<Vec<_>>());
        missing(parts)
    }

    /// The conversions a request makes at ECB rates, each with the method that reads it: every
    /// conversion at the customs rate where that is the destination's (`fx_method`
    /// `ecb_monthly` or `ecb_daily`; `conversions::customs_pairs`: prices, thresholds, fees,
    /// bands, duty texts in a third currency; unless `fx` gives it), and the customs currency to
    /// a display currency (at the daily rate).
    fn year_part_conversions(
        &self,
        req: &QuoteRequest,
        j: Option<&Jurisdiction>,
    ) -> Vec<(FxMethod, conversions::Pair)> {
        let mut out: Vec<(FxMethod, conversions::Pair)> = j.map_or_else(Vec::new, |j| {
            let pairs = conversions::customs_pairs(self.rules(), self.data.snapshot, req, j);
            pairs.into_iter().map(|pair| (j.fx_method, pair)).collect()
        });
        let customs = j.map_or(req.currency, |j| j.currency);
        out.extend(req.display_currency.filter(|d| *d != customs).map(|d| (FxMethod::EcbDaily, (customs, d))));
        out
    }

    /// The whole data files a destination's quotes read (by its row in
    /// `rules/jurisdictions.tsv`: additional duties, customs FX method, tariff).
    fn needed_files(&self, destination: &str, j: Option<&Jurisdiction>) -> Vec<&'static str> {
        let mut files = Vec::new();
        if j.is_some_and(|j| j.additional_duties == AdditionalDuties::UsChapter99) {
            files.extend(US_FILES);
        }
        files.extend(crate::rules::programme_files(destination));
        // A tariff in HS 2017 codes (`rules/nomenclature.tsv`, inline) resolves HS 2022 codes
        // through the correlation.
        let nomenclature = self.data.snapshot.file(crate::correlation::NOMENCLATURE_FILE).unwrap_or_default();
        if crate::correlation::is_hs2017(nomenclature, self.tariff_of(destination)) {
            files.push(crate::correlation::TABLE_FILE);
        }
        files
    }

    /// The tariff a destination applies (`rules/jurisdictions.tsv`: XI applies GB's).
    fn tariff_of<'d>(&'d self, destination: &'d str) -> &'d str {
        let row = self.rules().jurisdictions.iter().find(|j| j.country == destination);
        match row.and_then(|j| j.tariff) {
            Some(tariff) if self.data.snapshot.table(tariff).is_some() => tariff,
            _ => self.data.snapshot.tariff_of(destination),
        }
    }

    /// The snapshot's short id (`sha256:` and 16 hex digits), named in every answer.
    pub fn snapshot_id(&self) -> String {
        self.data.snapshot_id.clone()
    }

    /// [`Engine::snapshot_id`], borrowed for as long as the engine's data lives (always).
    pub(crate) fn snapshot_id_str(&self) -> &'static str {
        let data: &'static EngineData = self.data;
        &data.snapshot_id
    }

    /// The decoded snapshot (tables, sources, embedded data files).
    pub fn snapshot(&self) -> &'static Snapshot<'static> {
        self.data.snapshot
    }

    /// The jurisdiction rules parsed from the snapshot.
    pub fn rules(&self) -> &'static Rules {
        if self.data.rules_stale.load(std::sync::atomic::Ordering::Acquire) {
            self.refresh_rules();
        }
        *self.data.rules.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The customs and display exchange rates of the snapshot.
    pub fn fx(&self) -> &'static EmbeddedFx {
        &self.data.fx
    }

    /// The datasets of the snapshot with their publication periods (freshness).
    pub fn datasets(&self) -> &'static Datasets {
        &self.data.datasets
    }

    /// The rule rows quotes have read, by destination, day, channel and place of shipment.
    pub(crate) fn day_rules(&self) -> &'static crate::quote::DayRulesMemo {
        &self.data.day_rules
    }

    /// The tariff lines quotes found, by tariff, code and day.
    pub(crate) fn tariff_memo(&self) -> &'static crate::quote::TariffMemo {
        &self.data.tariff_memo
    }

    pub(crate) fn search_indexes(&self) -> &'static Indexes {
        &self.data.search
    }

    /// Prices a request: duty, taxes and fees per line and for the consignment, each explained.
    /// It canonicalises and checks the request first, as [`CheckedRequest::new`] does, each
    /// time; a request decoded once and quoted as is goes through [`Engine::quote_checked`]
    /// (`landed::request::checked_from_json`), which checks it once.
    ///
    /// A part the request needs that is not attached yet (the browser: a chapter part of its
    /// codes, a data file, a year of rates; [`Engine::missing_parts_for`]) is an
    /// `E_DATA_NOT_LOADED` error naming it, never an unknown code or a missing rate.
    pub fn quote(&self, req: &QuoteRequest) -> Result<Quote> {
        // A request built in code (a sweep's axis, a catalogue row) is read as a decoded one is:
        // its country codes trimmed and upper-cased (a copy only when they are not).
        let req = &*req.canonical();
        self.all_loaded_for(req)?;
        // A small cart's codes on the stack; a larger one's in a `Vec`.
        let mut inline = [crate::hs::HsCode::NONE; CODES_INLINE];
        if req.validated_codes_into(&mut inline)? {
            return crate::quote::quote(self, req, &inline[..req.lines.len()]);
        }
        let codes = req.validated_codes()?;
        crate::quote::quote(self, req, &codes)
    }

    /// [`Engine::quote`] of a request checked already ([`CheckedRequest`]: decoded by
    /// `landed::request::checked_from_json`, or built by [`CheckedRequest::new`]): the same
    /// answer and errors, without canonicalising and checking it again.
    pub fn quote_checked(&self, req: &CheckedRequest) -> Result<Quote> {
        self.all_loaded_for(req)?;
        crate::quote::quote(self, req, req.codes())
    }

    /// `E_DATA_NOT_LOADED` naming the first part a request (canonical) needs that is not
    /// attached: read before the request's own checks, as a quote always did.
    fn all_loaded_for(&self, req: &QuoteRequest) -> Result<()> {
        if self.data.snapshot.all_parts_loaded() {
            return Ok(());
        }
        match self.missing_parts_of(req).first() {
            Some(missing) => Err(crate::snapshot::not_loaded_part(&missing.name, &missing.file, missing.bytes)),
            None => Ok(()),
        }
    }

    /// A code's duty, dates and provenance in a destination's tariff on a date.
    pub fn rate(&self, destination: &str, code: &str, date: Date) -> Result<RateResponse> {
        crate::api::rate(self, destination, code, date)
    }

    /// Codes whose official descriptions match a text, best first.
    pub fn search(&self, query: &str, destination: &str, limit: usize) -> Result<SearchResponse> {
        crate::api::search(self, query, destination, limit)
    }

    /// The snapshot's id, tables, sources and datasets with their vintages and ages on `date`.
    pub fn snapshot_info(&self, date: Date) -> SnapshotInfo {
        crate::api::snapshot_info(self, date)
    }

    /// Supported destinations and what is covered on a date. It lists every destination's rule
    /// rows: on a core whose destination parts are not all attached (the browser), call
    /// [`Engine::require_rules`] with `*` first (the `countries` binding does).
    pub fn countries(&self, date: Date) -> CountriesResponse {
        crate::api::countries(self, date)
    }
}

/// The most lines whose parsed codes [`Engine::quote`] keeps on the stack (16 × 14 bytes).
const CODES_INLINE: usize = 16;

/// The rule tables filed by destination that [`Engine::countries`] reads (`Rules::coverage`:
/// each destination's thresholds, fees and VAT rates), so `countries` needs their destination
/// parts only (`missing_parts("*")`), not every destination's VAT classes, excise or trade
/// remedies (size-f: 68 KB gzip of parts before).
const COUNTRIES_FILES: [&str; 3] = ["rules/thresholds.tsv", "rules/fees.tsv", "rules/vat_extra.tsv"];
