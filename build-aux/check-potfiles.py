#!/usr/bin/env python3
"""Fails if a file with translatable strings is missing from po/POTFILES.in,
or if POTFILES.in names a file that does not exist.

Usage: check-potfiles.py SOURCE_ROOT
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
C_MARK = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)\s*\(')
UI_MARK = re.compile(r'translatable="yes"')

def translatable(path):
    text = path.read_text(encoding='utf-8', errors='replace')
    if path.suffix in ('.c', '.h'):
        # Ignore the gettext macros' own definitions and comments mentioning _().
        text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
        return C_MARK.search(text) is not None
    if path.suffix == '.ui':
        return UI_MARK.search(text) is not None
    # Desktop, metainfo and schema files always carry translatable text.
    return True

candidates = []
for pattern in ('app/**/*.c', 'app/**/*.h', 'ui/**/*.ui', 'data/*.desktop.in',
                'data/*.metainfo.xml.in', 'data/*.gschema.xml'):
    candidates += sorted(root.glob(pattern))

listed = set()
for line in (root / 'po' / 'POTFILES.in').read_text(encoding='utf-8').splitlines():
    line = line.strip()
    if line and not line.startswith('#'):
        listed.add(line)

problems = []
for path in candidates:
    rel = path.relative_to(root).as_posix()
    if rel not in listed and translatable(path):
        problems.append(f'po/POTFILES.in: {rel} has translatable strings but is not listed')
for rel in sorted(listed):
    if not (root / rel).exists():
        problems.append(f'po/POTFILES.in: {rel} does not exist')

for line in problems:
    print(line)
sys.exit(1 if problems else 0)
