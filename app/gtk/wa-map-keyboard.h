/* wa-map-keyboard.h: choosing a ward on the map by keyboard (issue 22
 * item 7). While the map has the focus a centre mark shows; Enter or
 * Space chooses the ward under it, as a click there would ("ward-clicked"),
 * and the choice is announced. */
#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>
#include "wa-ward-map.h"

G_BEGIN_DECLS

/* Adds the mark to overlay and the keys to map (the widget that takes the
 * focus). */
void wa_map_keyboard_attach (WaWardMap *owner, ShumateMap *map, GtkOverlay *overlay);
/* What Enter does: picks the ward at the map's centre, emits
 * "ward-clicked" on owner and announces it; returns the ward or NULL. */
WaWard *wa_map_keyboard_choose_centre (WaWardMap *owner, ShumateMap *map);

G_END_DECLS
