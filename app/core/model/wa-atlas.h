/* wa-atlas.h: an opened data pack: every ward of one edition with its
 * figures, the boundaries and places around them, postcode lookup, and the
 * combined rank under the current method. Not thread-safe except where
 * noted: geometry accessors may be called from tile-render threads, because
 * the geometry never changes after opening. */
#pragma once

#include <gio/gio.h>
#include "wa-edition.h"
#include "wa-geometry.h"
#include "wa-rank-method.h"
#include "wa-roads.h"
#include "wa-lsoa.h"
#include "wa-ward.h"

G_BEGIN_DECLS

#define WA_TYPE_ATLAS (wa_atlas_get_type ())
G_DECLARE_FINAL_TYPE (WaAtlas, wa_atlas, WA, ATLAS, GObject)

/* A LAD, region or country outline. */
typedef struct {
  char *code;
  char *name;
  char *region_code;   /* LADs only, else NULL */
  char *region_name;
  WaGeometry *geometry;
} WaArea;

typedef enum {
  WA_AREA_LAD,
  WA_AREA_REGION,
  WA_AREA_LAND,
} WaAreaKind;

typedef enum {
  WA_PLACE_CITY,
  WA_PLACE_TOWN,
  WA_PLACE_VILLAGE,
  WA_PLACE_HAMLET,
  WA_PLACE_SUBURB,
  WA_PLACE_OTHER,
} WaPlaceKind;

typedef struct {
  char *name;
  WaPlaceKind kind;
  gboolean major;          /* ONS major town or city */
  char *district;
  double lon, lat;
  WaBBox extent;
  double importance;       /* larger first */
  int ward_index;          /* -1 if none */
} WaPlace;

typedef struct {
  char *postcode;          /* "SW1A 0AA" */
  double lon, lat;
  int ward_index;          /* -1 if outside every ward of the edition */
} WaPostcodeHit;

void wa_postcode_hit_free (WaPostcodeHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaPostcodeHit, wa_postcode_hit_free)

typedef struct {
  char *id, *role, *title, *file, *publisher, *url, *licence, *attribution;
  gint64 records;
} WaSourceInfo;

/* Opens read-only. Errors name the file and the problem (not a GeoPackage,
 * missing layer, schema version, malformed values). */
WaAtlas      *wa_atlas_open (const char *path, GError **error);
/* The same in a worker thread; callback runs in the caller's main context. */
void          wa_atlas_open_async  (const char *path, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data);
WaAtlas      *wa_atlas_open_finish (GAsyncResult *result, GError **error);
/* For the app's own open only, so that its first map frame does not wait
 * for the social-infrastructure assets: the callback gets the atlas before
 * its assets are read, ranked by by_edition[its edition] (the front end's
 * saved choice for each of the WA_N_EDITIONS editions; NULL, or one not
 * valid for the edition: the edition's default); its assets are read
 * after in a thread of their own (see wa_atlas_start_assets), with the
 * check of the pack's stored ranks, and wa_atlas_get_assets waits for
 * them. Only once they are read is the
 * pack recorded as verified. If that read fails (damaged stored ranks or
 * asset layer, the pack replaced on disk), the atlas's assets are an empty set (no
 * datasets, no points) and "load-failed" is emitted, with a message naming
 * the file and the problem, in the main context the open was started
 * from: the pack is then refused, and whoever shows it must drop it.
 * Once they are read, "assets-ready" is emitted there instead
 * (wa_atlas_assets_ready, in wa-asset.h).
 * Whatever verifies a whole pack uses wa_atlas_open or _async. */
void          wa_atlas_open_progressive_async  (const char *path, const WaRankParams *by_edition,
                                                GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data);
WaAtlas      *wa_atlas_open_progressive_finish (GAsyncResult *result, GError **error);
/* After a progressive open, the front end has drawn what it shows first:
 * the assets are read now. Until then (or until they are asked for, or a
 * second has passed) their read waits, so as not to take a core from the
 * first frame (a launch on two cores: issue 18). Nothing otherwise. */
void          wa_atlas_start_assets (WaAtlas *self);
/* The message "load-failed" gave, once emitted; NULL otherwise (the
 * assets were read, are still being read, or the atlas was fully opened). */
const char   *wa_atlas_get_load_error (WaAtlas *self);

const char   *wa_atlas_get_path    (WaAtlas *self);
WaEdition     wa_atlas_get_edition (WaAtlas *self);
const char   *wa_atlas_get_metadata (WaAtlas *self, const char *key);   /* NULL if absent */
/* Sources in manifest order; owned by the atlas. */
GPtrArray    *wa_atlas_get_sources (WaAtlas *self);    /* of WaSourceInfo* */
/* Every attribution line the data licences require, deduplicated, in order. */
GStrv         wa_atlas_dup_attributions (WaAtlas *self);

/* All wards (WaWard), as a list model for tables; indices match wa_ward_get_index. */
GListModel   *wa_atlas_get_wards   (WaAtlas *self);
guint         wa_atlas_get_n_wards (WaAtlas *self);
WaWard       *wa_atlas_get_ward    (WaAtlas *self, guint index);       /* borrowed */
WaWard       *wa_atlas_lookup_ward (WaAtlas *self, const char *code);  /* borrowed, NULL if unknown */
/* Number of wards ranked for an indicator (rank denominator), 0 if absent. */
guint         wa_atlas_get_n_ranked (WaAtlas *self, WaIndicator indicator);
const char   *wa_atlas_get_indicator_note (WaAtlas *self, WaIndicator indicator);

/* Exact point-in-polygon with a spatial index; NULL when no ward contains it. Thread-safe. */
WaWard       *wa_atlas_locate (WaAtlas *self, double lon, double lat);
/* Bounding box of all ward geometry. */
const WaBBox *wa_atlas_get_extent (WaAtlas *self);

/* Geometry suited to drawing at a zoom (a simplified level where the pack
 * has one, else the full geometry); NULL if none. Thread-safe. */
WaGeometry   *wa_atlas_get_ward_geometry_for_zoom (WaAtlas *self, guint ward_index, double zoom);
/* Reads the ward level serving zoom on a worker thread, if it is not read
 * yet: a map calls it as soon as it has the atlas, so that its first
 * tiles find the level read (or wait for this read) instead of one of
 * them reading it after waiting for the zoom's names while the others
 * wait for it (the 10x launch's first frame: 50-75 ms). Finishes with
 * TRUE when the level is there, FALSE when that zoom draws the full
 * geometry (no level, or it could not be read: see level_ready). The
 * atlas is kept until the read ends. */
void          wa_atlas_read_ward_level_async  (WaAtlas *self, double zoom, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
gboolean      wa_atlas_read_ward_level_finish (WaAtlas *self, GAsyncResult *result);
/* The least zoom that draws the same ward geometry as zoom (the first
 * zoom of the pack's level serving it): zooms with the same answer draw
 * the same geometry. */
double        wa_atlas_get_ward_level_zoom (WaAtlas *self, double zoom);
/* Ward indices whose bounding box intersects box. Thread-safe. */
void          wa_atlas_query_wards (WaAtlas *self, const WaBBox *box, GArray *out_indices);

GPtrArray    *wa_atlas_get_areas (WaAtlas *self, WaAreaKind kind);       /* of WaArea*, owned */
/* Like wa_atlas_get_ward_geometry_for_zoom, for the areas of a kind. Thread-safe. */
WaGeometry   *wa_atlas_get_area_geometry_for_zoom (WaAtlas *self, WaAreaKind kind,
                                                   guint area_index, double zoom);
/* Like wa_atlas_get_ward_level_zoom, for the areas of a kind. */
double        wa_atlas_get_area_level_zoom (WaAtlas *self, WaAreaKind kind, double zoom);
const WaArea *wa_atlas_lookup_area (WaAtlas *self, WaAreaKind kind, const char *code);
/* The neighbourhoods inside wards (wa-lsoa.h); empty for a pack without them. */
WaLsoas      *wa_atlas_get_lsoas  (WaAtlas *self);
/* Neighbourhood boundaries, read from the pack the first time any of
 * these is called (not when it opens). Thread-safe. */
/* The LSOA's boundary (borrowed), NULL when it has none or the pack's
 * boundaries cannot be read. */
WaGeometry   *wa_atlas_get_lsoa_geometry (WaAtlas *self, guint lsoa_index);
/* Appends the LSOA indices whose boundary's box meets box. */
void          wa_atlas_query_lsoas (WaAtlas *self, const WaBBox *box, GArray *out_indices);
/* The LSOA containing the point, or -1. */
int           wa_atlas_locate_lsoa (WaAtlas *self, double lon, double lat);
/* Reads the neighbourhood boundaries on a worker thread, if nothing has
 * yet, so that no later caller waits for the read (the map starts it as
 * the view nears the zoom that shows them). Finishes with TRUE when they
 * are there, FALSE with the reader's error (naming the pack) when they
 * cannot be read. The atlas is kept until the read ends. */
void          wa_atlas_read_lsoa_geometry_async  (WaAtlas *self, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
gboolean      wa_atlas_read_lsoa_geometry_finish (WaAtlas *self, GAsyncResult *result,
                                                  GError **error);
/* Motorways and railway stations (wa-roads.h); empty for a pack without them. */
WaRoads      *wa_atlas_get_roads  (WaAtlas *self);
GPtrArray    *wa_atlas_get_places (WaAtlas *self);   /* of WaPlace*, owned, importance descending */

/* Full postcode lookup, any case and spacing. WA_ERROR_INVALID for text that
 * is not a postcode, WA_ERROR_NOT_FOUND for one not in the pack. */
WaPostcodeHit *wa_atlas_lookup_postcode (WaAtlas *self, const char *text, GError **error);
/* Many lookups at once (a user's list): keys as wa_postcode_normalise
 * gives them; out[i] is keys[i]'s hit, or NULL when the pack lacks it.
 * FALSE with every out[i] NULL when the pack is damaged (as
 * wa_atlas_lookup_postcode) or has no postcodes. One indexed query per
 * few hundred keys. Thread-safe, like the other postcode calls. */
gboolean      wa_atlas_lookup_postcodes (WaAtlas *self, const char *const *keys, guint n_keys,
                                         WaPostcodeHit **out, GError **error);
/* Postcodes starting with the prefix (partial outward code allowed), in
 * order, at most limit; through the pack's index, never a full scan. */
GPtrArray    *wa_atlas_search_postcodes (WaAtlas *self, const char *prefix, guint limit);
/* A whole outward code ("SW1A", any case and spacing): the extent of its
 * postcodes and how many there are. FALSE if the pack has none. */
gboolean      wa_atlas_get_postcode_district (WaAtlas *self, const char *outward,
                                              WaBBox *out_box, guint *out_count);
/* The first postcodes of exactly that outward code ("B1 1AA", not "B10 0AB"),
 * whose inward code starts with inward_prefix (NULL or "" for any). */
GPtrArray    *wa_atlas_list_district_postcodes (WaAtlas *self, const char *outward,
                                                const char *inward_prefix, guint limit);

/* Current rank method. Setting recomputes every ward's combined rank and
 * classification and emits "ranks-changed". */
const WaRankParams *wa_atlas_get_rank_params (WaAtlas *self);
gboolean      wa_atlas_set_rank_params (WaAtlas *self, const WaRankParams *params, GError **error);
/* Results for params without changing the current ones; out has n_wards entries. */
gboolean      wa_atlas_compute_ranks (WaAtlas *self, const WaRankParams *params,
                                      WaRankResult *out_results, GError **error);
/* Wards classified left behind by a but not b (only_a) and by b not a
 * (only_b); arrays of borrowed WaWard*. */
gboolean      wa_atlas_compare_methods (WaAtlas *self, const WaRankParams *a, const WaRankParams *b,
                                        GPtrArray **only_a, GPtrArray **only_b, GError **error);
/* Wards sorted by current combined rank (unranked last), all or only those
 * classified left behind; borrowed WaWard*. */
GPtrArray    *wa_atlas_dup_ranked (WaAtlas *self, gboolean left_behind_only);
/* Wards currently classified left behind, sorted by combined rank. */
GPtrArray    *wa_atlas_dup_left_behind (WaAtlas *self);

G_END_DECLS
