//! The data generator's tables against the official files: the importers regenerate every
//! committed table byte for byte, the UK API importer on its fixtures, the HTS revisions through
//! the engine, and the hand-written rows (US layer rates, Japan's state-trading lines) checked
//! against the schedules they cite.

mod hts_revisions;
mod jp_state_trading;
mod regenerate;
mod uk_api;
mod us_layer_rates;
