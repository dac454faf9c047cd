#!/usr/bin/env python3
"""Fails if a GSettings key lacks a non-empty <summary> or <description>."""
import sys
import xml.etree.ElementTree as ET

missing = []
for path in sys.argv[1:]:
    for schema in ET.parse(path).getroot().iter('schema'):
        for key in schema.iter('key'):
            for tag in ('summary', 'description'):
                element = key.find(tag)
                if element is None or not (element.text or '').strip():
                    missing.append(f"{path}: key “{key.get('name')}” has no {tag}")
for line in missing:
    print(line)
sys.exit(1 if missing else 0)
