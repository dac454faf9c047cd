/* wa-map-source.h: a ShumateMapSource that draws ward tiles offline with
 * the cairo renderer, in a worker pool sized to the machine. */
#pragma once

#include <shumate/shumate.h>
#include "wa-map-style.h"

G_BEGIN_DECLS

#define WA_TYPE_MAP_SOURCE (wa_map_source_get_type ())
G_DECLARE_FINAL_TYPE (WaMapSource, wa_map_source, WA, MAP_SOURCE, ShumateMapSource)

/* Each source has a unique id: libshumate caches tiles per source id, so a
 * new style needs a new source. tile_scale is 1, or 2 for sharp tiles on
 * HiDPI screens (the texture is then 512 px for a 256 px tile).
 * Signal "idle": emitted on the main thread when every requested tile has
 * been delivered or cancelled. */
WaMapSource *wa_map_source_new (WaMapStyle *style, guint tile_scale, gboolean labels);
/* NULL once released. */
WaMapStyle  *wa_map_source_get_style (WaMapSource *self);
/* Lets go of the style, and with it the pack, while libshumate keeps the
 * source (a viewport needs one): tiles rendering finish with their own
 * reference, and tiles asked for after fail ("No data pack is open"). */
void         wa_map_source_release_style (WaMapSource *self);
/* Tiles requested and not yet delivered or dropped. */
guint        wa_map_source_get_n_pending (WaMapSource *self);
guint        wa_map_source_get_n_rendered (WaMapSource *self);

G_END_DECLS
