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
use crate::date::Date;
use crate::error::Result;
use crate::freshness::Datasets;
use crate::fx::EmbeddedFx;
use crate::quote::Quote;
use crate::request::QuoteRequest;
use crate::rules::Rules;
use crate::search::Indexes;
use crate::snapshot::Snapshot;

/// A part of the snapshot to fetch: its name, the file it is published under, its size.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct PartRef {
    pub name: String,
    pub file: String,
    pub bytes: usize,
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
    rules: Rules,
    fx: EmbeddedFx,
    datasets: Datasets,
    search: Indexes,
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
        let rules = Rules::load(snapshot)?;
        let fx = EmbeddedFx::load(snapshot)?;
        let datasets = Datasets::load(snapshot)?;
        let search = Indexes::new(snapshot);
        Ok(Engine { data: Box::leak(Box::new(EngineData { snapshot, rules, fx, datasets, search })) })
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
    /// `landed-datagen snapshot --parts`): a tariff table the core left out. Its hash must be
    /// one the snapshot names; returns the part's name.
    pub fn attach_part(&self, bytes: Vec<u8>) -> Result<&'static str> {
        let hash: [u8; 32] = sha2::Digest::finalize(sha2::Digest::chain_update(sha2::Sha256::default(), &bytes)).into();
        // Found before the bytes are kept: a wrong file must not cost memory for good.
        let part = self.data.snapshot.part_with_hash(&hash)?;
        if !part.is_loaded() {
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            self.data.snapshot.attach_found_part(part, bytes)?;
        }
        Ok(part.name)
    }

    /// The parts a quote to `destination` needs that are not loaded yet, with the file names they
    /// are published under (empty natively, where every part is inline).
    ///
    /// ```
    /// let engine = landed::Engine::embedded();
    /// assert!(engine.missing_parts("DE").is_empty());
    /// ```
    pub fn missing_parts(&self, destination: &str) -> Vec<PartRef> {
        let snapshot = self.data.snapshot;
        let jurisdiction = crate::snapshot::tariff_jurisdiction(destination);
        [snapshot.table(jurisdiction), snapshot.table("HS")]
            .into_iter()
            .flatten()
            .filter(|t| !t.part.is_loaded())
            .map(|t| PartRef { name: t.jurisdiction.to_string(), file: t.part.file_name(), bytes: t.part.len })
            .collect()
    }

    /// The snapshot's short id (`sha256:` and 16 hex digits), named in every answer.
    pub fn snapshot_id(&self) -> String {
        self.data.snapshot.id()
    }

    /// The decoded snapshot (tables, sources, embedded data files).
    pub fn snapshot(&self) -> &'static Snapshot<'static> {
        self.data.snapshot
    }

    /// The jurisdiction rules parsed from the snapshot.
    pub fn rules(&self) -> &'static Rules {
        &self.data.rules
    }

    /// The customs and display exchange rates of the snapshot.
    pub fn fx(&self) -> &'static EmbeddedFx {
        &self.data.fx
    }

    /// The datasets of the snapshot with their publication periods (freshness).
    pub fn datasets(&self) -> &'static Datasets {
        &self.data.datasets
    }

    pub(crate) fn search_indexes(&self) -> &'static Indexes {
        &self.data.search
    }

    /// Prices a request: duty, taxes and fees per line and for the consignment, each explained.
    pub fn quote(&self, req: &QuoteRequest) -> Result<Quote> {
        crate::quote::quote(self, req)
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

    /// Supported destinations and what is covered on a date.
    pub fn countries(&self, date: Date) -> CountriesResponse {
        crate::api::countries(self, date)
    }
}
