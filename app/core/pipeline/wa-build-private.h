/* wa-build-private.h: state shared by the steps of one pack build.
 * wa-pack-builder.c runs the steps in order:
 *   1. wa_build_wards        (wa-build-wards*.c, wa-build-lsoa.c): boundaries, names, indicators -> "wards"
 *   2. wa_build_boundaries   (wa-build-geometry.c): LOD layers, lads, regions, land, levels table
 *   3. wa_build_neighbours   (wa-build-neighbours.c): "ward_neighbours"
 *   4. wa_build_places       (wa-build-places.c): "places"
 *   4b. wa_build_roads       (wa-build-roads.c): "motorways", "stations" (optional roles)
 *   5. wa_build_postcodes    (wa-build-postcodes.c): "postcodes" (+ index)
 *   6. wa_build_assets       (wa-build-assets*.c): "assets", "asset_counts", "asset_datasets"
 *   6b. wa_build_crosswalk   (wa-build-crosswalk.c): "crosswalk" (editions with an LSOA change lookup)
 *   6c. wa_build_lsoas       (wa-build-lsoa-layer.c): "lsoas" (editions with LSOA boundaries)
 *   7. metadata and sources  (wa-pack-builder.c)
 * Each step reads its input files through wa-build-source.h. Before step 1
 * every source is checked against the manifest's SHA-256, before step 7
 * each source's record count (wa-build-verify.c); after it the pack is
 * fingerprinted, opened as the app opens it, and only then renamed into
 * place. */
#pragma once

#include "wa-gdal-util.h"
#include "wa-atlas.h"
#include "wa-edition.h"
#include "wa-manifest.h"
#include "wa-geometry.h"
#include "wa-spatial-index.h"
#include "wa-indicator.h"

G_BEGIN_DECLS

/* One LSOA of the edition as the wards step read it (wa-build-lsoa.c);
 * kept for the crosswalk and the "lsoas" layer. */
typedef struct {
  char *code;
  int ward;                /* index into ward_codes, -1 = not in any known ward */
  double population;       /* NAN = unknown */
  double score[WA_N_INDICATORS];
  guint rank[WA_N_INDICATORS];
  int left_behind_published;   /* OCSI's "Left Behind Area?": -1 not published, 0, 1 */
  int before_imd_decile1;      /* every predecessor LSOA of the previous edition in
                                * its IMD decile 1: -1 unknown, 0, 1 (crosswalk step) */
} WaBuildLsoa;

typedef struct {
  char postcode[9];             /* normalised */
  double x, y;                  /* in the postcode source's option.srs */
} WaForeignPostcode;

typedef struct {
  WaEdition edition;
  WaManifest *manifest;
  char *sources_dir;
  GDALDatasetH out;             /* the temporary pack being written */
  char *tmp_path;
  gboolean skip_postcodes;

  /* Filled by wa_build_wards, used by later steps: */
  GPtrArray *ward_codes;        /* char*, in "wards" feature order */
  GHashTable *ward_by_code;     /* code -> GUINT_TO_POINTER (index + 1) */
  GPtrArray *ward_geometries;   /* WaGeometry* or NULL, same order */
  WaSpatialIndex *ward_grid;    /* over ward bounding boxes */
  GPtrArray *lsoa_list;         /* WaBuildLsoa*, in lookup order (owned) */
  GHashTable *lsoas;            /* code (borrowed) -> WaBuildLsoa* */
  gsize lsoa_n_ranked[WA_N_INDICATORS];  /* rank denominators of the LSOA tables */

  /* Postcodes of the postcode source outside option.country, kept by
   * wa_build_postcodes for wa_build_assets: an asset in Wales or Scotland
   * is then "outside the coverage", not "unmatched". Sorted by postcode. */
  GArray *foreign_postcodes;    /* WaForeignPostcode */

  /* Record counts per manifest source id (for the "sources" table). */
  GHashTable *records;          /* id (char*) -> gint64* */

  /* --accept-changed-sources: build from sources that differ from the
   * manifest's sha256/records, listing each difference (char*). */
  gboolean accept_changed_sources;
  GPtrArray *changed_sources;
  GHashTable *verified_sources;     /* ids whose SHA-256 is the manifest's (NULL: none yet) */

  void (*progress) (const char *message, gpointer user_data);
  gpointer progress_data;

  /* Added by wa-pack-builder.c / wa_build_wards (metadata): */
  char *output_path;            /* the final pack path, for messages */
  gint64 lsoa_count;            /* LSOAs in the IMD table used for aggregation */
  gint64 lsoa_decile1_count;    /* of those, in IMD decile 1 */
  GPtrArray *extra_metadata;    /* char*: key, value, key, value... added by steps */
} WaBuildContext;

/* wa-build-verify.c: sources against the manifest's sha256 and records,
 * and the finished pack fingerprinted and opened as the app opens it. */
gboolean wa_build_check_sources    (WaBuildContext *ctx, GError **error);
gboolean wa_build_check_records    (WaBuildContext *ctx, GError **error);
char    *wa_build_describe_changes (WaBuildContext *ctx);
gboolean wa_build_seal_pack        (WaBuildContext *ctx, GError **error);
/* wa-build-ward-ranks.c: the "ward_ranks" table from ATLAS, the pack at
 * PATH as the model opened it (GDAL must have closed the file). */
gboolean wa_build_store_ward_ranks (const char *path, WaAtlas *atlas, GError **error);

/* Absolute path of a source's file; free with g_free. */
char    *wa_build_source_path (WaBuildContext *ctx, const WaManifestSource *source);
void     wa_build_report      (WaBuildContext *ctx, const char *format, ...) G_GNUC_PRINTF (2, 3);
void     wa_build_count_records (WaBuildContext *ctx, const char *source_id, gint64 n);
/* Index of the ward containing (lon, lat), or -1. */
int      wa_build_locate_ward (WaBuildContext *ctx, double lon, double lat);
/* Creates an output layer; error names the pack. geometry_type wkbNone for tables. */
OGRLayerH wa_build_create_layer (WaBuildContext *ctx, const char *name,
                                 OGRwkbGeometryType geometry_type, GError **error);
gboolean wa_build_add_field (WaBuildContext *ctx, OGRLayerH layer, const char *name,
                             OGRFieldType type, GError **error);
/* One column of an output layer. */
typedef struct {
  const char *name;
  OGRFieldType type;
} WaBuildField;
/* Creates an output layer with these columns, in this order. */
OGRLayerH wa_build_create_layer_with_fields (WaBuildContext *ctx, const char *name,
                                             OGRwkbGeometryType geometry_type,
                                             const WaBuildField *fields, guint n_fields,
                                             GError **error);

/* Adds feature to an output layer as a new row (a fresh feature id), so
 * one feature can be reused for every row; error names the pack and layer. */
gboolean wa_build_write_feature (WaBuildContext *ctx, OGRLayerH layer, OGRFeatureH feature,
                                 GError **error);

/* The pack's final path (for messages). */
const char *wa_build_pack_path (WaBuildContext *ctx);
/* Starts one transaction for a step when the driver allows it; returns
 * whether one was started. wa_build_end commits it when ok, else rolls back. */
gboolean wa_build_begin (WaBuildContext *ctx);
gboolean wa_build_end   (WaBuildContext *ctx, gboolean started, gboolean ok, GError **error);
/* Transformation from a source's option.srs (default EPSG:4326) to EPSG:4326, lon first. */
OGRCoordinateTransformationH wa_build_source_transform (const WaManifestSource *source,
                                                        const char *path, GError **error);

/* wa-build-geometry.c: the polygons of any geometry (MakeValid can return
 * a collection with stray lines and points) as a new MULTIPOLYGON. */
OGRGeometryH wa_build_polygons_only (OGRGeometryH geometry);
/* A valid, non-empty MULTIPOLYGON within tolerance (degrees) of geometry,
 * parts under tolerance² dropped; the unsimplified geometry when
 * simplifying would break or empty it (a new geometry either way). */
OGRGeometryH wa_build_simplify_area (OGRGeometryH geometry, double tolerance);
/* Drops the parts of a MULTIPOLYGON (taken) under min_area, always
 * keeping the largest; returns what is left. */
OGRGeometryH wa_build_drop_specks (OGRGeometryH multi, double min_area);

/* wa-build-coverage.c: each of n geometries (POLYGON or MULTIPOLYGON, or
 * NULL) simplified to tolerance (degrees) so that boundaries they share
 * stay shared, as new MULTIPOLYGONs (NULL for NULL). An area the shared
 * simplification leaves invalid is repaired where it is invalid; one it
 * leaves empty, or invalid beyond repair, or that is not polygons, is
 * simplified on its own (wa_build_simplify_area) and counted in n_alone. */
OGRGeometryH *wa_build_simplify_coverage (OGRGeometryH const *geometries, guint n,
                                          double tolerance, guint *n_alone);

gboolean wa_build_wards      (WaBuildContext *ctx, GError **error);
gboolean wa_build_boundaries (WaBuildContext *ctx, GError **error);
gboolean wa_build_neighbours (WaBuildContext *ctx, GError **error);
gboolean wa_build_places     (WaBuildContext *ctx, GError **error);
gboolean wa_build_roads      (WaBuildContext *ctx, GError **error);
gboolean wa_build_postcodes  (WaBuildContext *ctx, GError **error);
gboolean wa_build_assets     (WaBuildContext *ctx, GError **error);
gboolean wa_build_crosswalk  (WaBuildContext *ctx, GError **error);
gboolean wa_build_lsoas      (WaBuildContext *ctx, GError **error);
void     wa_build_lsoa_free  (gpointer lsoa);

G_END_DECLS
