#!/usr/bin/python3
"""Render the benchmark's tiles with Mapnik, for a side-by-side comparison.

Reads a JSON spec written by ward-atlas-bench: the tiles, the data pack,
a GeoPackage of wards with their colour band and left-behind flag per
geometry level, and the colours. Draws the same layers as Ward Atlas's
renderer (sea, land, ward fills by band, ward outlines from zoom 11, LAD
lines from zoom 7, region lines, left-behind outlines; no labels) and
prints one line per tile: "z x y milliseconds".
"""
import json
import math
import sys
import time

import mapnik

MERC = "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs"
WGS84 = "+proj=longlat +datum=WGS84 +no_defs"
HALF = 20037508.342789244


def tile_box(z, x, y):
    size = 2 * HALF / (1 << z)
    return mapnik.Box2d(-HALF + x * size, HALF - (y + 1) * size,
                        -HALF + (x + 1) * size, HALF - y * size)


def layer(m, name, path, table, style):
    lyr = mapnik.Layer(name, WGS84)
    lyr.datasource = mapnik.Ogr(file=path, layer=table)
    lyr.styles.append(style)
    m.layers.append(lyr)


def polygon_style(m, name, rules):
    s = mapnik.Style()
    for filt, fill in rules:
        r = mapnik.Rule()
        if filt:
            r.filter = mapnik.Expression(filt)
        p = mapnik.PolygonSymbolizer()
        p.fill = mapnik.Color(fill)
        r.symbols.append(p)
        s.rules.append(r)
    m.append_style(name, s)
    return name


def line_style(m, name, colour, width, filt=None):
    s = mapnik.Style()
    r = mapnik.Rule()
    if filt:
        r.filter = mapnik.Expression(filt)
    line = mapnik.LineSymbolizer()
    line.stroke = mapnik.Color(colour)
    line.stroke_width = width
    r.symbols.append(line)
    s.rules.append(r)
    m.append_style(name, s)
    return name


def build_map(spec, zoom):
    m = mapnik.Map(256, 256, MERC)
    m.background = mapnik.Color(spec["sea"])
    pack = spec["pack"]
    level = spec["levels"][str(zoom)]
    layer(m, "land", pack, level["land"], polygon_style(m, "land", [(None, spec["land"])]))
    rules = [("[band] = %d" % b, c) for b, c in enumerate(spec["bands"])]
    rules.append(("[band] = -1", spec["no_data"]))
    layer(m, "fills", spec["wards"], level["wards"], polygon_style(m, "fills", rules))
    if zoom >= 11:
        layer(m, "outlines", spec["wards"], level["wards"],
              line_style(m, "outlines", "rgba(255,255,255,0.5)", 0.6 if zoom < 13 else 0.9))
    if zoom >= 7:
        layer(m, "lads", pack, level["lads"],
              line_style(m, "lads", "rgba(41,41,51,0.55)", 0.7 if zoom < 10 else 1.2))
    layer(m, "regions", pack, level["regions"],
          line_style(m, "regions", "rgba(41,41,51,0.75)", 1.0 if zoom < 8 else 2.0))
    layer(m, "left_behind", spec["wards"], level["wards"],
          line_style(m, "left_behind", spec["left_behind"],
                     1.4 if zoom < 8 else 2.2 if zoom < 11 else 3.0, "[lb] = 1"))
    return m


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    maps = {}
    for z, x, y in spec["tiles"]:
        if z not in maps:
            maps[z] = build_map(spec, z)
            # Warm up: open the datasources before timing.
            warm = mapnik.Image(256, 256)
            maps[z].zoom_to_box(tile_box(z, x, y))
            mapnik.render(maps[z], warm)
        m = maps[z]
        image = mapnik.Image(256, 256)
        start = time.perf_counter()
        m.zoom_to_box(tile_box(z, x, y))
        mapnik.render(m, image)
        elapsed = (time.perf_counter() - start) * 1000
        print(z, x, y, "%.3f" % elapsed, flush=True)


if __name__ == "__main__":
    main()
