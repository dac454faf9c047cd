/* wa-change-loader.h: gets the change between the oldest and the newest
 * edition (WaChange) for the window without blocking it: opens whichever
 * pack is not open yet and reads the crosswalk in worker threads. */
#pragma once

#include <gio/gio.h>
#include "wa-atlas.h"
#include "wa-change.h"

G_BEGIN_DECLS

#define WA_TYPE_CHANGE_LOADER (wa_change_loader_get_type ())
G_DECLARE_FINAL_TYPE (WaChangeLoader, wa_change_loader, WA, CHANGE_LOADER, GObject)

/* Signals:
 * "atlas-opened" (WaAtlas *atlas): the loader opened a pack the window had
 *   not; the window keeps it and sets its rank method before anything else.
 * "changed": wa_change_loader_get_change () is new (or NULL again, after a
 *   rank method changed: the loader then builds it again by itself).
 * "failed" (const char *message): no pack, or no crosswalk in it. */
WaChangeLoader *wa_change_loader_new (void);
/* An atlas the window opened (one per edition; a new one replaces the old). */
void      wa_change_loader_add_atlas  (WaChangeLoader *self, WaAtlas *atlas);
/* Opens what is missing and builds the change; nothing if it is ready or on its way. */
void      wa_change_loader_load       (WaChangeLoader *self);
WaChange *wa_change_loader_get_change (WaChangeLoader *self);
gboolean  wa_change_loader_is_loading (WaChangeLoader *self);
void      wa_change_loader_cancel     (WaChangeLoader *self);

G_END_DECLS
