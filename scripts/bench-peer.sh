#!/usr/bin/env bash
# Side-by-side peer: the bare-arithmetic Python calculator landed-cost-calculator 0.3.1 (PyPI),
# installed into a temporary virtual environment (never vendored), pricing the same carts as
# `cargo bench --bench engine` ("quote 1 line", "quote 10 lines": one `calculate` call per line,
# with the duty and VAT rates the caller supplies). Timed like criterion: the median of 50
# samples, each the mean of a batch of calls.
# Usage: bash scripts/bench-peer.sh
set -euo pipefail
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check landed-cost-calculator==0.3.1
"$venv/bin/python" - <<'PY'
import statistics, timeit
from landed_cost import calculate

# The bench carts: quantity 2, unit price 10.50, 11.50, …; shipping 12.00 and insurance 1.00
# shared by value; the GB rates of the bench codes, supplied by the caller.
RATES = [0.12, 0.0, 0.045, 0.24, 0.08, 0.0]

def cart(n):
    goods = [2 * (10 + i + 0.5) for i in range(n)]
    total = sum(goods)
    return [dict(unit_price=10 + i + 0.5, quantity=2, freight_total=13.0 * goods[i] / total,
                 tariff_rate=RATES[i % len(RATES)], duty_includes_freight=True, vat_rate=0.20,
                 currency="GBP") for i in range(n)]

for n, name in [(1, "quote 1 line"), (10, "quote 10 lines")]:
    lines = cart(n)
    run = lambda: [calculate(**l) for l in lines]
    t = timeit.Timer(run)
    batch, _ = t.autorange()
    samples = [t.timeit(batch) / batch for _ in range(50)]
    print(f"peer {name}: median {statistics.median(samples) * 1e6:.2f} µs")
PY
