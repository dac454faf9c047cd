/* wa-ward.h: one electoral ward of an edition, with its figures.
 * Wards are created by WaAtlas when a pack is opened; front ends read them. */
#pragma once

#include <glib-object.h>
#include "wa-geometry.h"
#include "wa-indicator.h"

G_BEGIN_DECLS

#define WA_TYPE_WARD (wa_ward_get_type ())
G_DECLARE_FINAL_TYPE (WaWard, wa_ward, WA, WARD, GObject)

/* Properties (read-only, for GtkExpression/column views): "code", "name",
 * "lad-name", "region-name", "population", "combined-rank", "left-behind",
 * "imd-rank", "cni-rank". "combined-rank" and "left-behind" are notified when
 * the atlas recomputes ranks. */

const char       *wa_ward_get_code        (WaWard *self);
const char       *wa_ward_get_name        (WaWard *self);
const char       *wa_ward_get_lad_code    (WaWard *self);
const char       *wa_ward_get_lad_name    (WaWard *self);
const char       *wa_ward_get_region_code (WaWard *self);
const char       *wa_ward_get_region_name (WaWard *self);
/* -1 when unknown. */
gint64            wa_ward_get_population  (WaWard *self);
guint             wa_ward_get_n_lsoa      (WaWard *self);
/* Position in the atlas's ward list (stable for the atlas's lifetime). */
guint             wa_ward_get_index       (WaWard *self);
/* Full-detail geometry, or NULL if the ward has no boundary (table only). */
WaGeometry       *wa_ward_get_geometry    (WaWard *self);
const WaFigure   *wa_ward_get_figure      (WaWard *self, WaIndicator indicator);
/* Convenience: overall IMD/CNI rank, 0 if none. */
guint             wa_ward_get_imd_rank    (WaWard *self);
guint             wa_ward_get_cni_rank    (WaWard *self);
/* Published flag: -1 not applicable (2025 edition, or ward outside the CNI), 0, 1. */
int               wa_ward_get_official_left_behind (WaWard *self);
/* Share (0..1) of the ward's residents in OCSI's published 2023
 * left-behind neighbourhoods (wa-lsoa.h); NAN when the pack has no such
 * flag (the 2019 edition, older packs, the one-off query model). */
double            wa_ward_get_neighbourhood_share (WaWard *self);
/* Under the atlas's current rank method: 0 = not ranked. */
guint             wa_ward_get_combined_rank (WaWard *self);
gboolean          wa_ward_get_left_behind   (WaWard *self);
/* Indices (into the atlas's ward list) of wards sharing a border. */
const guint      *wa_ward_get_neighbours    (WaWard *self, guint *out_n);
/* Where the ward's name fits: the centre (lon/lat) and radius in metres of
 * the largest circle inside it. FALSE when the pack has none. */
gboolean          wa_ward_get_label_point   (WaWard *self, double *out_lon, double *out_lat,
                                             double *out_radius_m);

/* For WaAtlas, and for stand-alone wards that belong to no atlas (test
 * fixtures, the ranking table's sort probes); never on an atlas's wards,
 * whose figures and ranks the atlas keeps consistent. Setters only the
 * atlas needs are in wa-ward-private.h. */
WaWard *wa_ward_new (guint index, const char *code, const char *name,
                     const char *lad_code, const char *lad_name,
                     const char *region_code, const char *region_name,
                     gint64 population, guint n_lsoa, WaGeometry *geometry);
void    wa_ward_set_figure        (WaWard *self, WaIndicator indicator, const WaFigure *figure);
void    wa_ward_set_official      (WaWard *self, int official);
void    wa_ward_set_neighbourhood_share (WaWard *self, double share);
/* Notifies only when changed. */
void    wa_ward_set_rank_result   (WaWard *self, guint combined_rank, gboolean left_behind);

G_END_DECLS
