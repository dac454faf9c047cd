/* wa-ward-private.h: what only the atlas does to its wards, once, while it
 * reads a pack. */
#pragma once

#include "wa-ward.h"

G_BEGIN_DECLS

/* Indices (into the atlas's ward list) of wards sharing a border. */
void    wa_ward_set_neighbours    (WaWard *self, const guint *indices, guint n);

/* From the pack's label columns. */
void    wa_ward_set_label_point   (WaWard *self, double lon, double lat, double radius_m);

G_END_DECLS
