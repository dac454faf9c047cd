#!/usr/bin/env python3
"""Every screenshot the metainfo lists is in the source tree at the size it
states: its URL is the repository's raw address of data/screenshots/."""
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

PREFIX = 'https://raw.githubusercontent.com/wardatlas/WardAtlas/main/'


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    if head[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError(f'{path}: not a PNG file')
    return struct.unpack('>II', head[16:24])


def main(metainfo, source_root):
    images = ET.parse(metainfo).getroot().findall('./screenshots/screenshot/image')
    if not images:
        print(f'{metainfo}: no screenshots listed')
        return 1
    failed = 0
    for image in images:
        url = image.text.strip()
        if not url.startswith(PREFIX):
            print(f'{metainfo}: screenshot {url} is not in this repository')
            failed += 1
            continue
        path = Path(source_root) / url[len(PREFIX):]
        if not path.is_file():
            print(f'{metainfo}: screenshot {url}: {path} does not exist')
            failed += 1
            continue
        size = png_size(path)
        stated = (int(image.get('width')), int(image.get('height')))
        if size != stated:
            print(f'{path}: is {size[0]}x{size[1]}, the metainfo says {stated[0]}x{stated[1]}')
            failed += 1
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
