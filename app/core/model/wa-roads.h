/* wa-roads.h: the pack's orientation layers, motorways and railway
 * stations, kept in memory for the map. Packs built before these layers
 * existed (or from a manifest without them) have none: both lists are
 * then empty and the map is drawn without them. No GTK, no GDAL. */
#pragma once

#include <glib.h>
#include "wa-geometry.h"

G_BEGIN_DECLS

typedef struct {
  char *ref;        /* "M62"; NULL when unnumbered */
  WaBBox bbox;      /* degrees */
  guint n_points;
  double *xy;       /* lon, lat pairs */
} WaRoad;

typedef struct {
  char *name;
  char *code;       /* CRS code, or NULL */
  double lon, lat;
} WaStation;

typedef struct _WaRoads WaRoads;

WaRoads   *wa_roads_new           (void);
void       wa_roads_free          (WaRoads *roads);
/* Takes ownership of ref and xy (n_points pairs, n_points >= 2). */
void       wa_roads_add_motorway  (WaRoads *roads, char *ref, double *xy, guint n_points);
void       wa_roads_add_station   (WaRoads *roads, char *name, char *code, double lon, double lat);
GPtrArray *wa_roads_get_motorways (WaRoads *roads);   /* of WaRoad*, owned */
GArray    *wa_roads_get_stations  (WaRoads *roads);   /* of WaStation, owned */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaRoads, wa_roads_free)

G_END_DECLS
