//! The engine's contracts: the embedded snapshot, request decoding, the JSON writer, limits and
//! bad input, memos, property tests and the what-if library; no figure here that another test
//! does not already check against the law.

#[path = "../common/mod.rs"]
mod common;

mod bad_input;
mod checked_request;
mod duty_source_coverage;
mod honest_inputs;
mod json_write;
mod limits;
mod memo_warm_cold;
mod properties;
mod request_inputs;
mod request_json;
mod snapshot;
mod unused_inputs;
mod whatif;
