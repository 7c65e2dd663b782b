//! Landed: exact landed cost (import duty, import VAT/GST, customs fees), offline.
//!
//! The engine is pure computation over dated tariff snapshots (embedded, or loaded from a
//! blob: see [`Engine`]): the same code runs
//! natively (the `landed` CLI) and in the browser (WASM).

/// The browser module's allocator (single-threaded wasm): talc, smaller than the standard
/// library's dlmalloc (Cargo.toml says by how much).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::cell::TalcSyncCell<talc::wasm::WasmGrowAndClaim, talc::wasm::WasmBinning> =
    talc::cell::TalcSyncCell::new_wasm(talc::wasm::WasmGrowAndClaim);

pub mod allocation;
pub mod api;
#[cfg(target_arch = "wasm32")]
mod bindings;
#[cfg(feature = "cli")]
pub mod catalogue;
pub mod correlation;
pub mod country;
pub mod datasets;
pub mod date;
pub mod diff;
pub mod duty;
pub mod engine;
pub mod error;
pub mod freshness;
pub mod fx;
pub mod hs;
pub mod incomplete;
pub mod invoice;
pub mod json;
pub mod json_write;
pub mod money;
pub mod provenance;
pub mod quote;
pub mod request;
pub mod reverse;
pub mod rules;
pub mod search;
mod several;
pub mod snapshot;
mod sort;
pub mod sweep;
pub(crate) mod tsv;
pub mod units;

pub use engine::Engine;
pub use error::{Error, ErrorCode, Result};
pub use quote::Quote;
pub use request::{CheckedRequest, QuoteRequest};
