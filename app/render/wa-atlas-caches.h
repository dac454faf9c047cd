/* wa-atlas-caches.h: what tiles draw that depends on the atlas alone,
 * made once per atlas and shared by all its styles (a new style comes
 * with every rank method, palette, theme and change view): the
 * motorways' chains and simplified lines, their covers for z7-z9 tiles
 * (per theme line scale), and the council and region boundary lines.
 * The map style's getters (wa-map-style.h) forward here. Thread-safe.
 * Render-layer use only. */
#pragma once

#include <glib.h>
#include "wa-atlas.h"
#include "wa-map-style.h"

G_BEGIN_DECLS

typedef struct _WaAtlasCaches WaAtlasCaches;

/* The atlas's caches, made on first call; they and all they made go
 * when the atlas does (the pointer is borrowed). */
WaAtlasCaches *wa_atlas_caches_for_atlas (WaAtlas *atlas);
/* A style holds its atlas's caches while it lives (main thread or any):
 * a background build queued for caches no style holds any more is
 * skipped when its turn comes (asked again later if wanted). */
void wa_atlas_caches_hold    (WaAtlasCaches *caches);
void wa_atlas_caches_release (WaAtlasCaches *caches);

/* As wa_map_style_get_motorway_steps, wa_map_style_get_motorway_lines. */
const WaRoadStep      *wa_atlas_caches_get_motorway_steps (WaAtlasCaches *caches,
                                                           guint *n_steps);
const WaMotorwayLines *wa_atlas_caches_get_motorway_lines (WaAtlasCaches *caches,
                                                           double detail_zoom);

/* As wa_map_style_get_area_lines and wa_map_style_try_area_lines. */
const WaBandFill *wa_atlas_caches_get_area_lines (WaAtlasCaches *caches, WaAreaKind kind,
                                                  double detail_zoom);
const WaBandFill *wa_atlas_caches_try_area_lines (WaAtlasCaches *caches, WaAreaKind kind,
                                                  double detail_zoom);

/* As wa_map_style_get_ward_lines. */
const WaBandFill *wa_atlas_caches_get_ward_lines (WaAtlasCaches *caches, double detail_zoom,
                                                  const WaBBox *view);

/* As wa_map_style_get_motorway_cover and wa_map_style_try_motorway_cover
 * for a theme's line scale (the widths, wa_motorway_widths, depend on it). */
const WaBoxedLines *wa_atlas_caches_get_motorway_cover (WaAtlasCaches *caches, double zoom,
                                                        double device_scale, double line_scale,
                                                        WaMotorwayPart part);
const WaBoxedLines *wa_atlas_caches_try_motorway_cover (WaAtlasCaches *caches, double zoom,
                                                        double device_scale, double line_scale,
                                                        WaMotorwayPart part);

G_END_DECLS
