/* wa-geometry.h: an immutable (multi)polygon in lon/lat degrees with fast
 * point-in-polygon. Rings of all parts are flattened; even-odd rule, so
 * holes and multiple parts need no special casing. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double min_x, min_y, max_x, max_y;
} WaBBox;

gboolean wa_bbox_contains   (const WaBBox *box, double x, double y);
gboolean wa_bbox_intersects (const WaBBox *a, const WaBBox *b);
void     wa_bbox_extend     (WaBBox *box, const WaBBox *other);
void     wa_bbox_init_empty (WaBBox *box);

typedef struct _WaGeometry WaGeometry;

/* Builds from flat arrays: n_points (x, y) pairs in xy (2 * n_points
 * doubles), and n_rings ring start offsets (in points) in ring_starts;
 * ring i spans [ring_starts[i], ring_starts[i+1]) (the last to n_points).
 * Rings may or may not repeat their first point. Copies the data. */
WaGeometry   *wa_geometry_new (const double *xy, guint n_points,
                               const guint *ring_starts, guint n_rings);
/* From an OGR polygon or multipolygon handle (void * to keep ogr_api.h out of
 * this header). Returns NULL and sets error for other geometry types. */
WaGeometry   *wa_geometry_new_from_ogr (void *ogr_geometry, GError **error);
/* What a stroke of width 2 * radius with round caps and joins covers along
 * n_lines polylines (line i has n_points[i] >= 2 points; their x, y pairs
 * follow one another in xy): polygons that do not overlap (the union),
 * their arcs cut into quadrant_segments pieces per quarter circle.
 * Through GEOS (wa-geometry-ogr.c): each line is buffered, then the pieces
 * are joined. NULL, with error, where GEOS fails. */
WaGeometry   *wa_geometry_new_lines_cover (const double *xy, const guint *n_points, guint n_lines,
                                           double radius, int quadrant_segments, GError **error);
/* From ISO or GDAL "2.5D" WKB (the body of a GeoPackage geometry blob): a
 * polygon, multipolygon or collection of them; Z and M are dropped. NULL
 * without error if it has no points; NULL with error if it is truncated or
 * of another type (wa-geometry-wkb.c, which needs no GDAL). */
WaGeometry   *wa_geometry_new_from_wkb (const guint8 *wkb, gsize size, GError **error);
WaGeometry   *wa_geometry_ref   (WaGeometry *geometry);
void          wa_geometry_unref (WaGeometry *geometry);

const WaBBox *wa_geometry_get_bbox     (const WaGeometry *geometry);
guint         wa_geometry_get_n_rings  (const WaGeometry *geometry);
guint         wa_geometry_get_n_points (const WaGeometry *geometry);
/* Points of ring i: *out_n points, xy pairs. */
const double *wa_geometry_get_ring     (const WaGeometry *geometry, guint ring, guint *out_n);
/* Even-odd test; points exactly on an edge count as inside. */
gboolean      wa_geometry_contains     (const WaGeometry *geometry, double x, double y);
/* A point inside the geometry suited to a label or a test click (not merely
 * the centroid, which can fall outside a concave shape). */
void          wa_geometry_interior_point (const WaGeometry *geometry, double *out_x, double *out_y);
/* Planar area in square degrees (for ordering and sanity checks). */
double        wa_geometry_area (const WaGeometry *geometry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaGeometry, wa_geometry_unref)

/* Squared distance from point p to the segment a-b (each two doubles, x
 * then y, in any one unit). */
double   wa_point_segment_distance2 (const double *p, const double *a, const double *b);

/* Hash and equality of a point given as a pointer to its two doubles, for
 * GHashTables keyed by vertices (chaining lines end to end). */
guint    wa_point_hash  (gconstpointer xy);
gboolean wa_point_equal (gconstpointer a, gconstpointer b);

/* Web Mercator helpers shared by the map renderer, picking and exports:
 * normalised coordinates in [0, 1], y down (0 = north). */
void wa_lonlat_to_mercator (double lon, double lat, double *out_x, double *out_y);
void wa_mercator_to_lonlat (double x, double y, double *out_lon, double *out_lat);

G_END_DECLS
