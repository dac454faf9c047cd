/* wa-motorway-lines.h: the motorways as lines simplified for one detail
 * zoom, for tiles (README "Performance").
 *
 * The pack's motorway links are full detail (OS Open Roads): a z7 tile
 * spans hundreds of kilometres of them, and every vertex went to cairo's
 * stroker. Here the style's chains (wa_map_style_get_motorway_steps: a
 * link that continues the one before is part of its line) are joined
 * into polylines in Web Mercator units (0-1) and simplified with
 * Douglas-Peucker to a fraction of a device pixel at that zoom, keeping
 * every chain's ends and every point where another chain begins or ends
 * (junctions) exactly; then chains that meet end to end, start to start or
 * end to start are joined into one line (fewer round caps). Each line keeps
 * its box, and runs of points their boxes (wa-boxed-lines.h), so that a
 * tile skips what lies beyond it. Render-layer use only. */
#pragma once

#include <glib.h>
#include "wa-map-style.h"
#include "wa-roads.h"
#include "wa-boxed-lines.h"

G_BEGIN_DECLS

/* Where one of the style's chains went (tests, the benchmark). */
typedef struct {
  guint chain;         /* into boxed.lines */
  guint first_point;   /* into boxed.xy */
  guint n_points;      /* its points kept */
  gboolean reversed;   /* walked from its last point to its first */
} WaMotorwayPiece;

typedef struct _WaMotorwayLines {
  WaBoxedLines boxed;  /* the lines (none closed), Mercator units */
  GArray *pieces;      /* WaMotorwayPiece per chain of the style's, in its order */
  guint n_points_in;   /* the chains' points before simplifying (tests, measurements) */
  double tolerance;    /* what it was simplified to, Mercator units */
} WaMotorwayLines;

/* The chains of steps (in order; a step that continues is part of the
 * chain before) over roads (wa_roads_get_motorways), simplified to
 * tolerance_px device pixels where a world is 512 * 2^zoom device pixels
 * wide (wa_tile_detail_zoom). */
WaMotorwayLines *wa_motorway_lines_new  (GPtrArray *roads, const WaRoadStep *steps,
                                         guint n_steps, double zoom, double tolerance_px);
void             wa_motorway_lines_free (WaMotorwayLines *lines);

/* What the lines' stroke of width 2 * radius (Mercator units) with round
 * caps and joins covers, as closed rings (filled even-odd, the same
 * pixels as the stroke). Cairo's stroker hands its rasteriser every
 * carriageway's outline with its joins, most of them overlapping the
 * other carriageway's; the union has a fifth of the edges (a Manchester
 * z9 tile: 3,608 against some 18,000), and filling it took a third of
 * the stroke's time. NULL where GEOS fails (the caller strokes). Slow
 * (GEOS: 0.2-0.7 s for England's motorways): build it in the
 * background. */
WaBoxedLines    *wa_motorway_cover_new  (const WaMotorwayLines *lines, double radius);
void             wa_motorway_cover_free (WaBoxedLines *cover);

/* The motorways' line and casing widths at a zoom for a theme's line
 * scale (wa_map_style_get_motorway_widths, which forwards here). */
void             wa_motorway_widths     (double zoom, double line_scale, double *line,
                                         double *casing);

/* Douglas-Peucker on n points (xy pairs): sets keep[i] for the points
 * kept, which are the first, the last, every point with pinned[i] set
 * (pinned may be NULL), and enough others that every point left out lies
 * within tolerance of the kept line (distance to its segment). Returns
 * the number kept. */
guint wa_motorway_simplify (const double *xy, guint n, const gboolean *pinned,
                            double tolerance, gboolean *keep);

G_END_DECLS
