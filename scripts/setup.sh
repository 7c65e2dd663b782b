#!/usr/bin/env bash
# Builds everything on a fresh Debian machine (with Rust from rustup) and serves the demo:
# installs what is missing, builds the CLI and the browser bundle, prices the example cart, and
# serves www/ on http://127.0.0.1:8000/ (Ctrl-C to stop).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/tools.sh
cargo build --release --locked --bin landed
bash scripts/build-web.sh

echo
echo "== landed quote examples/cart.json --format table"
./target/release/landed quote examples/cart.json --format table

PORT=${PORT:-8000}
echo
echo "Demo shop:   http://127.0.0.1:$PORT/index.html"
echo "Calculator:  http://127.0.0.1:$PORT/calculator.html"
echo "What-if:     http://127.0.0.1:$PORT/whatif.html"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory www
