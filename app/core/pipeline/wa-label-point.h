/* wa-label-point.h: where a polygon can hold a label: the centre of the
 * largest circle inside it (its pole of inaccessibility) and that circle's
 * radius. Used by the pack builder for ward names and by the renderer for
 * council and region names. No GTK, no GDAL. */
#pragma once

#include "wa-geometry.h"

G_BEGIN_DECLS

/* Finds the centre (lon, lat degrees) of a circle inside geometry (even-odd
 * rule over all rings) whose radius, in metres, is within precision_m of
 * the largest such circle's. Returns FALSE (outputs NAN) for an empty
 * geometry. Distances are planar in a local equirectangular projection,
 * which is exact to a few per cent over a ward or a council. */
gboolean wa_label_point_find (const WaGeometry *geometry, double precision_m,
                              double *out_lon, double *out_lat, double *out_radius_m);

/* Metres per degree of latitude (and of longitude at the equator). */
#define WA_METRES_PER_DEGREE 111319.49

G_END_DECLS
