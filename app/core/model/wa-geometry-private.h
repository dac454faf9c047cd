/* wa-geometry-private.h: for the files that read a WaGeometry
 * (wa-geometry-ogr.c, wa-geometry-wkb.c). */
#pragma once

#include "wa-geometry.h"

G_BEGIN_DECLS

/* This thread's arrays for gathering a geometry's points (x, y doubles)
 * and ring starts (guint) before wa_geometry_new copies them: empty, and
 * reused from one geometry to the next. Hand them back with
 * wa_geometry_scratch_done, which frees them when they grew large. */
void wa_geometry_scratch (GArray **xy, GArray **starts);
void wa_geometry_scratch_done (void);

G_END_DECLS
