#!/usr/bin/env python3
"""Subresource Integrity for the static pages: sets (or with --check, verifies) the integrity
attribute of every local <script src> and <link rel="stylesheet"|"modulepreload" href> in www/*.html
to the SHA-384 of the file it names. Build outputs under www/pkg/ change with every build and are
left out."""
import base64, hashlib, pathlib, re, sys

WWW = pathlib.Path(__file__).resolve().parent.parent / "www"
TAG = re.compile(r'<(script|link)\b([^>]*?)\b(src|href)="([^"]+)"([^>]*)>')


def digest(path):
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def fix(html, check, page, problems):
    def replace(m):
        tag, before, attr, url, after = m.groups()
        rest = before + after
        if tag == "link" and not re.search(r'rel="(stylesheet|modulepreload)"', rest):
            return m.group(0)
        if url.startswith(("http:", "https:", "//", "pkg/", "data:")):
            return m.group(0)
        want = digest(WWW / url)
        have = re.search(r'integrity="([^"]*)"', rest)
        if check:
            if not have or have.group(1) != want:
                problems.append(f"{page}: {url} integrity is {'missing' if not have else 'stale'}")
            return m.group(0)
        before = re.sub(r'\s*integrity="[^"]*"', "", before)
        after = re.sub(r'\s*integrity="[^"]*"', "", after)
        return f'<{tag}{before} {attr}="{url}"{after.rstrip()} integrity="{want}">'.replace("  ", " ")
    return TAG.sub(replace, html)


def main():
    check = "--check" in sys.argv
    problems = []
    for page in sorted(WWW.glob("*.html")):
        text = page.read_text()
        new = fix(text, check, page.name, problems)
        if not check and new != text:
            page.write_text(new)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print("run: python3 scripts/sri.py", file=sys.stderr)
        sys.exit(1)


main()
