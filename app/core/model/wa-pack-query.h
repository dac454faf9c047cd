/* wa-pack-query.h: answers one question from a pack without loading it.
 *
 * wa_atlas_open () reads every ward's geometry, the simplified levels, the
 * areas, places and assets: half a second before a one-off command can
 * print a line. A WaPackQuery reads the pack through SQLite directly and
 * only what a question needs: the metadata for "info", the wards' figures
 * (no geometry) for ranks, one ward's geometry and neighbours, one indexed
 * postcode, the wards whose R-tree box holds a point. What it builds is a
 * partial WaAtlas (wa_pack_query_get_atlas) holding the same WaWard objects,
 * figures, ranks and indices as the full model, so that a front end prints
 * the same text from either.
 *
 * Integrity is not weakened: a query opens only a pack that the full model
 * has checked and stamped in this exact state (wa-pack-stamp.h). Anything
 * else (a new, copied, changed or damaged file) returns NULL without an
 * error, and the caller opens it with wa_atlas_open (), which checks it,
 * refuses it if damaged, and stamps it for next time. */
#pragma once

#include <glib-object.h>

#include "wa-asset.h"
#include "wa-atlas.h"
#include "wa-ward.h"

G_BEGIN_DECLS

#define WA_TYPE_PACK_QUERY (wa_pack_query_get_type ())
G_DECLARE_FINAL_TYPE (WaPackQuery, wa_pack_query, WA, PACK_QUERY, GObject)

/* What "info" shows beyond the atlas's metadata, sources and ranks. */
typedef struct {
  guint n_on_map;          /* wards with a boundary */
  guint n_places;          /* places the full model keeps (named, with a point) */
  guint n_lads;            /* local authorities */
  GPtrArray *datasets;     /* WaAssetDataset*, owned */
} WaPackSummary;

void wa_pack_summary_clear (WaPackSummary *summary);
/* The same figures from a fully opened atlas. */
void wa_pack_summary_from_atlas (WaAtlas *atlas, WaPackSummary *out);

/* NULL with ERROR set if the pack cannot be read; NULL with no error if it
 * is not stamped as verified in its present state (open it with
 * wa_atlas_open () instead). */
WaPackQuery   *wa_pack_query_open (const char *path, GError **error);

/* Before any question: when the pack stores the ranks of the edition's
 * default method ("ward_ranks", checked by the full reader before the pack
 * was stamped), the partial atlas holds every ward with its code, combined
 * rank and classification from there, and the figures, names and geometry
 * only of the wards the calls below return (and a ward's neighbours):
 * what a one-off command prints, without reading every ward's figures.
 * Without it, or for a pack without the table, every ward has its figures. */
void           wa_pack_query_use_stored_ranks (WaPackQuery *self);

/* The partial atlas behind the answers: metadata, sources, indicators and
 * every ward with its figures and ranks under the edition's default method.
 * Only wards returned by the calls below have geometry and neighbours; it
 * has no places, areas, levels, assets or picking grid. */
WaAtlas       *wa_pack_query_get_atlas (WaPackQuery *self);

gboolean       wa_pack_query_summarise (WaPackQuery *self, WaPackSummary *out, GError **error);
/* NULL without error if there is no ward with that code. */
WaWard        *wa_pack_query_lookup_ward (WaPackQuery *self, const char *code, GError **error);
/* As wa_atlas_lookup_postcode (), same messages. */
WaPostcodeHit *wa_pack_query_lookup_postcode (WaPackQuery *self, const char *text, GError **error);
/* As wa_atlas_locate (); NULL without error outside every ward. */
WaWard        *wa_pack_query_locate (WaPackQuery *self, double lon, double lat, GError **error);

G_END_DECLS
