/* wa-raster.h
 *
 * A fill rasteriser for map tiles: paths of straight lines filled with
 * exact-area antialiasing straight into an image surface's pixels, in one
 * pass over the rows the path touches. Cairo 1.16's own fills (even with
 * CAIRO_ANTIALIAS_FAST) sort every edge, walk it over a 4x4 sample grid
 * and composite through pixman; on a dense low-zoom tile (London at z7,
 * some 3,000 wards in eleven colour bands) they were most of the time
 * (issue 18).
 *
 * Each pixel gets the share of its area the path covers, summed edge by
 * edge: exact where no two edges cross inside the pixel, as for a map's
 * wards, which tile the plane. Where edges cross (overlapping shapes, a
 * stroke's joins) the pixel's share is approximate; the tests measure
 * both against cairo drawings at 16 x 16 samples a pixel, and the tiles
 * against cairo's finer antialiasing (tests/render/test-raster.c,
 * test-render-levels.c).
 *
 * Used only where it can be exact: an ARGB32 or RGB24 image surface, a
 * transform that only scales (the same both ways) and moves (no rotation,
 * no device offset or device scale), a clip that is one pixel-aligned
 * rectangle, and a solid colour. wa_raster_begin says whether it can;
 * otherwise the caller draws with cairo.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _WaRaster WaRaster;

WaRaster *wa_raster_new (void);
void      wa_raster_free (WaRaster *raster);

/* Targets cr's surface, transform and clip as they are now; FALSE where
 * the raster cannot draw there exactly (see above). */
gboolean  wa_raster_begin (WaRaster *raster, cairo_t *cr);
/* Lets go of the surface wa_raster_begin took. */
void      wa_raster_end (WaRaster *raster);

/* From now until the next fill, the path is a stroke width wide (user
 * space; butt ends) rather than an outline to fill: a stroke of lines
 * about a pixel wide. Bends up to 60 degrees are mitred, sharper ones
 * bevelled, and a closed sub-path is joined where it closes. */
void      wa_raster_set_line_width (WaRaster *raster, double width);
/* Until the next fill, a stroke's sharp bends are joined round (an arc
 * in steps of at most 45 degrees) and its ends are round too, a disc
 * half the width across (the ends of a dissolve's chained lines are
 * joins with other lines). For lines wide enough for joins to show (the
 * left-behind outline, as cairo's round joins drew it). */
void      wa_raster_set_round_joins (WaRaster *raster);

/* Until the next fill, each closed ring is turned to wind the same way
 * (counter-clockwise) before it is added. The raster sums signed areas,
 * so a pixel on an edge two rings share is covered by both sides' shares
 * only where the two trace the edge in opposite directions, as rings
 * drawn the same way round do (and as a polygon's outer ring and holes,
 * traced the opposite ways round, do with a neighbour filling a hole).
 * For rings whose direction is arbitrary, as a dissolve's chained edges
 * are; not for polygons with holes filled by a neighbour. */
void      wa_raster_orient_rings (WaRaster *raster);

/* The path, in cr's user space at wa_raster_begin; as in cairo, a new
 * sub-path closes the last one of a fill. */
void      wa_raster_move_to (WaRaster *raster, double x, double y);
void      wa_raster_line_to (WaRaster *raster, double x, double y);
void      wa_raster_close_path (WaRaster *raster);
/* Drops the path, as cairo_new_path. */
void      wa_raster_new_path (WaRaster *raster);
void      wa_raster_rectangle (WaRaster *raster, double x, double y, double width,
                               double height);

/* Fills the path, or the stroke, with a colour (components and alpha in
 * [0, 1]) over the pixels, with cairo's even-odd or non-zero rule (a
 * stroke: non-zero), and clears it. */
void      wa_raster_fill (WaRaster *raster, double red, double green, double blue,
                          double alpha, cairo_fill_rule_t rule);

/* Colour mode, for a map whose areas tile the plane (wa-band-fill.h's
 * common boundaries): each boundary drawn once for the areas either
 * side, all of them filled in one pass. From wa_raster_begin_colours to
 * wa_raster_fill_colours, sub-paths are lines (closed only by
 * wa_raster_close_path) and each adds its weight, set before it is
 * traced, to the pixels on its right (y down) minus those on its left:
 * for a line with area L on its left and R on its right, in y-down
 * device space, the weight is R's premultiplied colour minus L's (none:
 * 0). A pixel then sums exactly the colour of each area times its share
 * of the pixel, however many areas meet in it, with no seam where two
 * meet, and where the areas' shares fall short the pixels drawn before
 * show through. Lines wholly left of the clip still count (as a step
 * along its left side): the caller draws those as the straight line
 * between their ends (wa-tile-renderer.c). */
void      wa_raster_begin_colours (WaRaster *raster);
void      wa_raster_set_weight    (WaRaster *raster, double red, double green, double blue,
                                   double alpha);
/* Composites the colour sums over the pixels (OVER) and leaves colour
 * mode. */
void      wa_raster_fill_colours  (WaRaster *raster);

G_END_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaRaster, wa_raster_free)
