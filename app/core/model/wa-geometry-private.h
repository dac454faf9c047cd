/* wa-geometry-private.h: for the files that build a WaGeometry
 * (wa-geometry-ogr.c, wa-geometry-wkb.c). */
#pragma once

#include "wa-geometry.h"

G_BEGIN_DECLS

/* Takes ownership of xy (2 * n_points doubles) and ring_starts (n_rings + 1
 * slots, non-decreasing offsets; the last slot is written here). */
WaGeometry *wa_geometry_new_take (double *xy, guint n_points,
                                  guint *ring_starts, guint n_rings);

G_END_DECLS
