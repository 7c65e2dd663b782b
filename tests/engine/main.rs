//! The engine's contracts: the embedded snapshot, request decoding and the inputs of a request
//! (refused with a typed error, read as checked, or named unused, never ignored in silence), the
//! JSON writer, limits, memos, property tests and the what-if library.

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
