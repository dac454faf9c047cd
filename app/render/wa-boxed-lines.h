/* wa-boxed-lines.h: polylines in Web Mercator units (0-1) with their
 * boxes and the boxes of fixed-length runs of their points, so that a
 * tile skips the lines beyond it and draws a run wholly beyond one side
 * of it as the straight line between its ends (wa-tile-renderer.c,
 * README "Performance").
 *
 * Both the dissolved band fills and boundary lines (wa-band-fill.h) and
 * the simplified motorways (wa-motorway-lines.h) are made of them; it is
 * a file pair of its own because neither of those is the other's home.
 * Lines are built one at a time: wa_boxed_lines_begin, then each point
 * with wa_boxed_lines_add_point, then wa_boxed_lines_end, which boxes the
 * line and its runs. Render-layer use only. */
#pragma once

#include <glib.h>
#include "wa-geometry.h"

G_BEGIN_DECLS

/* Points per run (a run shares its first point with the one before). */
#define WA_BOXED_LINES_RUN 16

typedef struct {
  guint first_point;   /* into xy, in points */
  guint n_points;      /* >= 2, or >= 3 for a ring */
  guint first_run;     /* into runs; run k covers points [k*RUN, (k+1)*RUN],
                        * a ring's last one back to its point 0 */
  gboolean closed;     /* a ring, back to its first point (not repeated); else a line */
  WaBBox box;          /* Mercator units */
} WaBoxedLine;

typedef struct _WaBoxedLines {
  GArray *xy;          /* double x, y pairs, Mercator units */
  GArray *lines;       /* WaBoxedLine */
  GArray *runs;        /* WaBBox per run */
  guint begun;         /* the first point of the line being built */
} WaBoxedLines;

void  wa_boxed_lines_init  (WaBoxedLines *lines);
void  wa_boxed_lines_clear (WaBoxedLines *lines);

/* Begins a line; returns the index its first point will have in xy. */
guint wa_boxed_lines_begin     (WaBoxedLines *lines);
void  wa_boxed_lines_add_point (WaBoxedLines *lines, double x, double y);
/* Ends the line begun last (a ring when closed): boxes it and its runs.
 * A line under two points, or a ring under three, is dropped with its
 * points. */
void  wa_boxed_lines_end       (WaBoxedLines *lines, gboolean closed);

G_END_DECLS
