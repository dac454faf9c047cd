/* wa-coverage.h: simplifying rings that meet edge to edge (a coverage:
 * wards, councils, the colour bands of a map) so that a boundary two of
 * them share is simplified once, the same for both.
 *
 * Simplifying each ring on its own lets two neighbours keep different
 * points of their common boundary: they no longer meet (slivers of gap
 * and overlap), and an edge two same-coloured wards share is no longer
 * the same edge twice, so a map's dissolved fills and once-only boundary
 * lines cannot drop it (issue 18). Here every ring is cut at its
 * junctions (points where what lies either side changes, found as points
 * met with two different pairs of neighbouring points) into arcs, and
 * each arc is simplified (Douglas-Peucker, its ends kept) from a
 * canonical direction, so the rings that trace it, either way round, get
 * the same points. A ring with no junction (an island, or the hole it
 * fills) is simplified whole from its canonical point.
 *
 * Points are matched exactly: boundary files store a shared point with
 * the same coordinates in each area. Where they differ the boundaries
 * are simply not shared, and are simplified each on its own. Arcs are
 * simplified independently, so at a coarse tolerance two arcs may cross;
 * callers that need valid polygons check them. Not thread-safe: one per
 * thread. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _WaCoverage WaCoverage;

WaCoverage *wa_coverage_new  (void);
void        wa_coverage_free (WaCoverage *coverage);

/* Adds a ring of n points (x, y pairs; closed or not; a point repeating
 * the one before it is dropped) and returns its index, from 0 up. */
guint       wa_coverage_add_ring (WaCoverage *coverage, const double *xy, guint n);

/* Ring simplified to tolerance (the units of its points), closed (its
 * first point repeated last), as x, y pairs in out (doubles, replaced);
 * FALSE where it collapses (under three points, or no area). Rings
 * cannot be added after the first call. */
gboolean    wa_coverage_simplify_ring (WaCoverage *coverage, guint ring, double tolerance,
                                       GArray *out);

G_END_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaCoverage, wa_coverage_free)
