//! Landed's data generator, kept out of the runtime crate (the ICU4X datagen / jiff-cli split):
//!
//! - [`importer`] reads the official source files (tariffs, exchange rates, VAT rates, US
//!   chapter 99 scope lists) and writes the normalized, dated tables committed under `tariffs/`;
//! - [`snapshot`] compiles those tables into hash-checked snapshot blobs with the same writer
//!   `build.rs` uses for the embedded snapshot (`landed::snapshot::write`), so a merchant can
//!   publish a fresher snapshot beside a site without rebuilding the engine.
//!
//! Both are deterministic: the same inputs give the same bytes, whatever the clock.

pub mod correlation;
pub mod fx;
pub mod importer;
pub mod jp;
pub mod snapshot;
pub mod table;
pub mod uk_api;
pub mod us_hts;
pub mod us_lines;
