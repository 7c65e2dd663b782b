#!/usr/bin/env bash
# Licences, duplicate/banned crates and crate sources of every dependency (deny.toml), with
# cargo-deny from crates.io. Advisories are checked too when the RustSec database can be
# fetched; on machines that reach only the package registries that check is skipped with a note.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo-deny >/dev/null 2>&1; then
  cargo install cargo-deny --locked
fi
cargo deny --all-features check licenses bans sources
if cargo deny --all-features check advisories >/tmp/landed-advisories.log 2>&1; then
  echo "advisories: ok"
else
  if grep -qiE "failed to (fetch|clone|open)|network|resolve|connect" /tmp/landed-advisories.log; then
    echo "advisories: skipped (the RustSec database cannot be fetched from this machine)"
  else
    cat /tmp/landed-advisories.log >&2
    exit 1
  fi
fi
