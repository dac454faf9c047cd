/* wa-band-fill.h: the wards of each colour band as one dissolved path,
 * for filling at low zoom (README "Performance").
 *
 * Wards are filled per band with the even-odd rule, so an edge two wards
 * of the same band share (the same two points, in either direction)
 * crosses the path twice and changes nothing: dropping such pairs leaves
 * exactly the same area, with a fraction of the edges for the rasteriser
 * and no antialiasing seam between same-coloured wards. What is left is
 * chained into closed rings, in Web Mercator units (0-1), and the bands'
 * rings simplified together (wa-coverage.h) to within 0.3 device pixels,
 * so that two bands still meet exactly and a band's boundary keeps only
 * the corners where bands meet. Each ring is split into runs of points
 * with their boxes (wa-boxed-lines.h) so that a tile skips the runs that
 * lie wholly beyond one side of it. The left-behind wards' outlines come
 * with it, each edge once. Built from a style's bands and left-behind
 * flags, so it follows the rank method, edition, palette and change view
 * the style was made with. The councils' and regions' boundaries below
 * zoom 10 and the wards' outlines from zoom 11 are kept in the same form,
 * each edge once (wa_area_lines_new, wa_ward_lines_new). Render-layer use
 * only. */
#pragma once

#include <glib.h>
#include "wa-atlas.h"
#include "wa-boxed-lines.h"

G_BEGIN_DECLS

/* A ward and its box (lon/lat). */
typedef struct {
  guint index;
  WaBBox box;
} WaBandFillWard;

typedef struct _WaBandFill {
  guint n_bands;
  WaBoxedLines *bands; /* n_bands of them; index as the renderer's buckets */
  /* Per ward: under two device pixels across at the zoom it was made
   * for. In the dissolve like every other (its shape, not the box the
   * per-ward drawing fills: closer to a drawing at four times the size,
   * tests/render/test-render-levels.c), but a left-behind one is
   * outlined as its box, as a line wider than the ward would fold over
   * itself. */
  gboolean *small;
  /* The left-behind wards' outlines, each edge once (two such wards
   * side by side share one), chained into lines; not those of the
   * small wards, which are listed instead (WaBandFillWard), so that a
   * tile finds them without asking the atlas which wards it shows. */
  WaBoxedLines left_behind;
  GArray *small_left_behind;
  /* The bands' common boundaries, each edge once (where the rings of
   * two bands trace it), chained into lines, for a renderer that fills
   * every band in one pass (wa-raster.h, colour mode); common_bands
   * holds two guint16 per line: the band left of it and the band right
   * of it, in lon/lat (north up: in Mercator's y-down units the left
   * band lies on the line's right), the lesser on the left;
   * WA_BAND_FILL_NONE for no band (the sea). */
  WaBoxedLines common;
  GArray *common_bands;
  /* Per band, its rings that are not in common: where a level's rings
   * cross, a band is not on one side of the ring all round, and the ring
   * is filled on its own (even-odd) after the one pass. */
  WaBoxedLines *loose;
  /* TRUE where wards lie on others of their band rather than tile the
   * plane (many of the rings are loose): the one pass would add the
   * colours of the wards that overlap, so tiles fill each band on its
   * own (even-odd, in band order, as they do ward by ward from zoom
   * 10). Overlaps that share no edge with a ward of their band are not
   * seen: the pack builder's wards tile the plane. */
  gboolean overlapping;
  /* For tests and measurements: edges of the wards, left by the
   * dissolve, in the simplified bands, their common boundaries and the
   * loose rings. */
  guint n_edges_in, n_edges_out, n_edges_simplified, n_common_edges, n_loose_edges;
} WaBandFill;

#define WA_BAND_FILL_NONE G_MAXUINT16

/* bands[ward]: bucket 0..n_bands-1 of each ward (or -1 for no data, put in
 * bucket n_bands - 1); left_behind[ward] (or NULL): whether it is outlined
 * as left behind; geometry at zoom as wa_atlas_get_ward_geometry_for_zoom,
 * where a world is 512 * 2^zoom device pixels wide (wa_tile_detail_zoom). */
WaBandFill *wa_band_fill_new  (WaAtlas *atlas, const gint8 *bands, const gboolean *left_behind,
                               guint n_wards, guint n_bands, double zoom);
void        wa_band_fill_free (WaBandFill *fill);

/* Dissolved fills and boundary lines are kept for detail zooms from
 * WA_BAND_FILL_MIN_ZOOM up to (not including) WA_BAND_FILL_MAX_ZOOM, one
 * per whole zoom (the pack's levels change only at whole zooms). */
#define WA_BAND_FILL_MIN_ZOOM (-4)
#define WA_BAND_FILL_MAX_ZOOM 10
#define WA_BAND_FILL_N_ZOOMS (WA_BAND_FILL_MAX_ZOOM - WA_BAND_FILL_MIN_ZOOM)
/* The index (0 to WA_BAND_FILL_N_ZOOMS - 1) of detail_zoom's whole zoom
 * in *index; FALSE outside the kept zooms. */
gboolean    wa_band_fill_zoom_index (double detail_zoom, guint *index);
/* The whole zoom of that index. */
double      wa_band_fill_index_zoom (guint index);

/* The boundaries of the areas of a kind (councils, regions) at zoom, each
 * edge once: two neighbours' rings share most of theirs (the same two
 * points), and each was stroked twice. What is left is chained into lines
 * (rings where a chain closes), in bands[0] of the result. */
WaBandFill *wa_area_lines_new (WaAtlas *atlas, WaAreaKind kind, double zoom);
/* The same for the outlines of the wards wards[0..n) at zoom (as
 * wa_atlas_get_ward_geometry_for_zoom): an edge two of them share once. */
WaBandFill *wa_ward_lines_new (WaAtlas *atlas, const guint *wards, guint n, double zoom);

G_END_DECLS
