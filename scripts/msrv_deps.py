"""Fails when a dependency the library builds with declares a rust-version above ours.

Reads `cargo metadata --format-version 1 --filter-platform P` on stdin; the MSRV is argv[1].
Dev-dependencies (tests, benches) are skipped: they are not part of what users build.
"""
import json
import sys


def version(text):
    parts = [int(x) for x in text.split(".")[:3]]
    return tuple(parts + [0] * (3 - len(parts)))


def main():
    msrv = sys.argv[1]
    meta = json.load(sys.stdin)
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    root = next(p["id"] for p in meta["packages"] if p["name"] == "landed")
    seen, stack = set(), [root]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        for dep in nodes[node]["deps"]:
            if all(k["kind"] == "dev" for k in dep["dep_kinds"]):
                continue
            stack.append(dep["pkg"])
    newer = sorted(
        "%s %s needs %s" % (p["name"], p["version"], p["rust_version"])
        for p in map(packages.get, seen)
        if p.get("rust_version") and version(p["rust_version"]) > version(msrv)
    )
    if newer:
        sys.exit("dependencies need a newer Rust than rust-version %s:\n  %s" % (msrv, "\n  ".join(newer)))
    print("%d packages: none declares a rust-version above %s" % (len(seen), msrv))


main()
