#!/usr/bin/env python3
"""For tsify (the TypeScript declarations of the wasm build): marks every field serde may leave
out (a skip_serializing_if other than Option::is_none, which tsify already reads) as optional,
and declares `Option` fields that are sent as `null` as `T | null` (missing_as_null on the
types that have one). Only items deriving tsify_next::Tsify. Idempotent."""
import re, subprocess
files = subprocess.run(['git', 'grep', '-l', 'derive(tsify_next::Tsify)', '--', 'src'], capture_output=True, text=True).stdout.split()
OPT = '#[cfg_attr(target_arch = "wasm32", tsify(optional))]'
NULL = '#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]'
ITEM = re.compile(r'^(pub(\([^)]*\))? )?(struct|enum) ')

def items(lines):
    """(attr_start, item_line, end_line) of each top-level struct/enum with a body."""
    attr_start = None
    for i, line in enumerate(lines):
        if line.startswith('#[') and attr_start is None:
            attr_start = i
        elif ITEM.match(line):
            end = i
            if line.rstrip().endswith('{'):
                end = next(j for j in range(i + 1, len(lines)) if lines[j] == '}')
            yield (attr_start if attr_start is not None else i, i, end)
            attr_start = None
        elif not line.startswith('#[') and not line.startswith('    ') and not line.startswith('///') and line.strip() and not line.startswith(')]') and not line.startswith('  '):
            attr_start = None

for f in files:
    lines = open(f).read().split('\n')
    inserts = []  # (index to insert before, text)
    for start, item, end in items(lines):
        attrs = '\n'.join(lines[start:item])
        if 'derive(tsify_next::Tsify)' not in attrs:
            continue
        body = lines[item + 1:end]
        # Fields: serde attributes with a skip other than Option::is_none.
        pending_skip = None
        has_default = False
        nullable = False
        for k, line in enumerate(body, start=item + 1):
            s = line.strip()
            m = re.search(r'skip_serializing_if = "([^"]+)"', s)
            if s.startswith('#[') and m:
                # `default` makes tsify declare the field optional already.
                pending_skip = m.group(1)
                has_default = bool(re.search(r'\bdefault\b', s))
                continue
            if s.startswith('#[') or s.startswith('///'):
                continue
            fm = re.match(r'(pub(\([^)]*\))? )?r?#?\w+: (.*)', s)
            if fm:
                if pending_skip and pending_skip != 'Option::is_none' and not has_default and OPT not in '\n'.join(lines[max(item, k - 6):k]):
                    inserts.append((k, line[: len(line) - len(line.lstrip())] + OPT))
                if fm.group(3).startswith('Option<') and pending_skip != 'Option::is_none':
                    nullable = True
            pending_skip = None
            has_default = False
        if nullable and NULL not in attrs:
            inserts.append((item, NULL))
    if inserts:
        for k, text in sorted(inserts, reverse=True):
            lines.insert(k, text)
        open(f, 'w').write('\n'.join(lines))
        print('changed', f, len(inserts))
