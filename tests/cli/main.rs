//! The `landed` command: its outputs, its text output line for line, and its tools (catalogue,
//! eval, invoice, sweep, reverse, search, diff, rate) on bad or partial input.

#[path = "../common/mod.rs"]
mod common;

mod commands;
mod text_output;
mod tools;
