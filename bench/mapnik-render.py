#!/usr/bin/python3
"""Render tiles with Mapnik on request, for a side-by-side comparison.

ward-atlas-bench starts this once and alternates with its own renderer,
tile by tile. Reads a JSON spec (argv[1]) written by the benchmark: a
GeoPackage of every layer already projected to EPSG:3857 (so Mapnik never
reprojects), the layer of each kind that Ward Atlas draws for each zoom and
tile size (the same geometry level), and the colours. Then reads
"z x y size" lines on stdin and answers each with the milliseconds of
mapnik.render alone, in CPU time of
the rendering thread (as the benchmark times its own renderer). Draws what Ward Atlas draws without labels: sea,
land, ward fills by band, ward outlines from zoom 11, motorways from zoom 7
(a line, on a casing from zoom 9, round caps and joins: stroked even at
zoom 9, where Ward Atlas fills what they cover, as Mapnik is faster
stroking them; see bench-mapnik.c), LAD lines from
zoom 7, region lines, left-behind outlines (with the inner line from zoom
9). Not the stations (from zoom 12, a few discs a tile).
A layer drawn with several styles reads its features once (cache_features).
"""
import json
import sys
import time

import mapnik

# The same string for the data and the map: Mapnik then skips projection.
MERC = "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs +over"
HALF = 20037508.342789244


def tile_box(z, x, y):
    size = 2 * HALF / (1 << z)
    return mapnik.Box2d(-HALF + x * size, HALF - (y + 1) * size,
                        -HALF + (x + 1) * size, HALF - y * size)


def layer(m, name, path, table, styles):
    """With several styles, cache_features reads the features once per
    render instead of once per style."""
    lyr = mapnik.Layer(name, MERC)
    lyr.datasource = mapnik.Ogr(file=path, layer=table)
    lyr.cache_features = True
    for style in styles:
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


def line_style(m, name, colour, width, filt=None, opacity=1.0, round_ends=False):
    s = mapnik.Style()
    r = mapnik.Rule()
    if filt:
        r.filter = mapnik.Expression(filt)
    line = mapnik.LineSymbolizer()
    line.stroke = mapnik.Color(colour)
    line.stroke_width = width
    line.stroke_opacity = opacity
    if round_ends:
        line.stroke_linecap = mapnik.stroke_linecap.ROUND_CAP
        line.stroke_linejoin = mapnik.stroke_linejoin.ROUND_JOIN
    r.symbols.append(line)
    s.rules.append(r)
    m.append_style(name, s)
    return name


def build_map(spec, zoom, size):
    """Widths are in 256 px tile pixels; render's scale factor doubles them
    for 512 px tiles, as Ward Atlas's scaled context does."""
    m = mapnik.Map(size, size, MERC)
    m.background = mapnik.Color(spec["sea"])
    data = spec["data"]
    level = spec["levels"]["%d/%d" % (zoom, size)]
    layer(m, "land", data, level["land"], [polygon_style(m, "land", [(None, spec["land"])])])
    rules = [("[band] = %d" % b, c) for b, c in enumerate(spec["bands"])]
    rules.append(("[band] = -1", spec["no_data"]))
    styles = [polygon_style(m, "fills", rules)]
    if zoom >= 11:
        styles.append(line_style(m, "outlines", "rgba(255,255,255,0.5)", 0.6 if zoom < 13 else 0.9))
    layer(m, "wards", data, level["wards"], styles)
    if zoom >= 7 and "motorways" in spec:
        # wa-tile-renderer.c's draw_motorways, with its widths.
        width, casing = level["motorway_width"], level["motorway_casing_width"]
        styles = []
        if casing > 0:
            styles.append(line_style(m, "motorway_casing", spec["motorway_casing"], casing,
                                     opacity=0.85, round_ends=True))
        styles.append(line_style(m, "motorway", spec["motorway"], width, round_ends=True))
        # The simplified lines Ward Atlas draws at this zoom where it has
        # them (bench-mapnik.c), else the pack's links.
        layer(m, "motorways", data, level.get("motorways", spec["motorways"]), styles)
    if zoom >= 7:
        layer(m, "lads", data, level["lads"],
              [line_style(m, "lads", "rgba(41,41,51,0.55)", 0.7 if zoom < 10 else 1.2)])
    layer(m, "regions", data, level["regions"],
          [line_style(m, "regions", "rgba(41,41,51,0.75)", 1.0 if zoom < 8 else 2.0)])
    styles = [line_style(m, "left_behind", spec["left_behind"],
                         1.4 if zoom < 8 else 2.2 if zoom < 11 else 3.0, "[lb] = 1")]
    if zoom >= 9:
        styles.append(line_style(m, "left_behind_inner", "rgba(26,26,31,0.8)", 0.6, "[lb] = 1"))
    layer(m, "left_behind", data, level["wards"], styles)
    return m


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    maps = {}
    for line in sys.stdin:
        z, x, y, size = (int(v) for v in line.split())
        key = (z, size)
        if key not in maps:
            maps[key] = build_map(spec, z, size)
            # Untimed: opens the datasources and fills the feature caches.
            maps[key].zoom_to_box(tile_box(z, x, y))
            mapnik.render(maps[key], mapnik.Image(size, size), size / 256.0)
        m = maps[key]
        image = mapnik.Image(size, size)
        m.zoom_to_box(tile_box(z, x, y))
        start = time.thread_time()
        mapnik.render(m, image, size / 256.0)
        elapsed = (time.thread_time() - start) * 1000
        print("%.3f" % elapsed, flush=True)


if __name__ == "__main__":
    main()
