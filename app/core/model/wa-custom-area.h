/* wa-custom-area.h: an area a user makes (issue 20, "custom areas"): a
 * set of wards, a set of LSOAs, or a polygon drawn on the map or imported
 * from a boundary file, with its figures computed from the LSOAs of an
 * opened pack, and the user's store of saved areas. ("WaArea" is a
 * council, region or country outline of the pack: wa-atlas.h.)
 *
 * How figures are computed (wa_custom_area_compute):
 *
 *   Every figure comes from the pack's LSOAs, each with a weight w: 1 for
 *   an LSOA of a ward set or LSOA set; for a polygon, the share of the
 *   LSOA's area inside the polygon, measured on the British National Grid
 *   (EPSG:27700) after intersecting the two. So a polygon covering a
 *   third of an LSOA counts a third of its residents: residents are taken
 *   as spread evenly over the LSOA, which they are not (a park, a factory
 *   estate), and an LSOA is "split" when 0.01 % < w < 99.99 % (below, an
 *   outline merely grazing it counts as outside; above, it counts whole).
 *
 *   population       sum of w * LSOA population.
 *   scores           the mean of the LSOA scores weighted by w * population,
 *                    for every indicator the LSOAs carry, the way the pack
 *                    builder computes a ward's own score; then placed among
 *                    every ward's score: "would rank N of M wards", 1 = the
 *                    highest score (most deprived), as ward ranks are.
 *   shares           of the area's residents (w * population) living in
 *                    IMD decile-1 LSOAs, in LSOAs with a CNI rank in
 *                    England's most deprived 10 %, and in LSOAs with each
 *                    left-behind flag (wa-lsoa.h) the edition can tell.
 *   assets           places inside the area: for a polygon, those inside it
 *                    (point in polygon); for an LSOA set, those inside the
 *                    LSOAs' boundaries; for a ward set, the wards' own counts.
 *                    Rates per 1,000 residents, beside England's rate (all
 *                    places over all residents of the wards the category's
 *                    data covers, as the ward panel's). A category counts as
 *                    covered only when its data covers every ward the area
 *                    touches.
 *
 * No GTK. wa_custom_area_compute reads the atlas's LSOAs and assets and
 * opens the pack file anew for LSOA boundaries: call it from the thread
 * that owns the atlas (it fills lookups on first use), or not at the same
 * time as other calls on the atlas. */
#pragma once

#include <glib-object.h>
#include "wa-asset.h"
#include "wa-atlas.h"
#include "wa-geometry.h"
#include "wa-indicator.h"
#include "wa-lsoa.h"

G_BEGIN_DECLS

typedef enum {
  WA_CUSTOM_AREA_WARDS,      /* a set of ward codes */
  WA_CUSTOM_AREA_LSOAS,      /* a set of LSOA codes */
  WA_CUSTOM_AREA_POLYGON,    /* a (multi)polygon in lon/lat, EPSG:4326 */
} WaCustomAreaKind;

/* Boundary files with more vertices than this are refused. */
#define WA_CUSTOM_AREA_MAX_VERTICES 1000000

#define WA_TYPE_CUSTOM_AREA (wa_custom_area_get_type ())
G_DECLARE_FINAL_TYPE (WaCustomArea, wa_custom_area, WA, CUSTOM_AREA, GObject)

/* Properties: "name" (read-write, notified), "id" (read-only). */

/* codes: NULL-terminated; duplicates are dropped. A new area has a fresh
 * random id. */
WaCustomArea     *wa_custom_area_new_wards (const char *name, const char *const *codes);
WaCustomArea     *wa_custom_area_new_lsoas (const char *name, const char *const *codes);
/* A drawn polygon: rings combined even-odd (wa-geometry.h). A
 * self-intersecting outline is repaired (wa_custom_area_get_repaired).
 * NULL with error for fewer than three points or an empty result. */
WaCustomArea     *wa_custom_area_new_polygon (const char *name, const WaGeometry *geometry,
                                              GError **error);
/* The same from ISO WKB in EPSG:4326 (a stored or imported area). */
WaCustomArea     *wa_custom_area_new_from_wkb (const char *name, const guint8 *wkb, gsize size,
                                               GError **error);

const char       *wa_custom_area_get_id     (WaCustomArea *self);
void              wa_custom_area_set_id     (WaCustomArea *self, const char *id);
const char       *wa_custom_area_get_name   (WaCustomArea *self);
void              wa_custom_area_set_name   (WaCustomArea *self, const char *name);
WaCustomAreaKind  wa_custom_area_get_kind   (WaCustomArea *self);
const char       *wa_custom_area_kind_id    (WaCustomAreaKind kind);   /* "wards", "lsoas", "polygon" */
/* Ward or LSOA codes, NULL-terminated (empty for a polygon). */
const char *const *wa_custom_area_get_codes (WaCustomArea *self);
/* The polygon (NULL for a set), for the map and point tests. */
WaGeometry       *wa_custom_area_get_geometry (WaCustomArea *self);
/* Its ISO WKB in EPSG:4326 (NULL for a set). */
GBytes           *wa_custom_area_get_wkb      (WaCustomArea *self);
/* TRUE when the outline was invalid (self-intersecting) and was repaired;
 * the note says so in words (translated), NULL otherwise. */
gboolean          wa_custom_area_get_repaired (WaCustomArea *self);
const char       *wa_custom_area_get_note     (WaCustomArea *self);
/* The file it was imported from, or NULL. */
const char       *wa_custom_area_get_source   (WaCustomArea *self);
void              wa_custom_area_set_source   (WaCustomArea *self, const char *source);
/* For the store of saved areas, reading an area back: marks it repaired
 * with the note (NULL: not repaired); a set of the kind (not a polygon). */
void              wa_custom_area_set_repaired_note (WaCustomArea *self, const char *note);
WaCustomArea     *wa_custom_area_new_set (const char *name, WaCustomAreaKind kind,
                                          const char *const *codes);

/* ---- figures ---------------------------------------------------------- */

/* One LSOA of the area and the share of it inside. */
typedef struct {
  guint lsoa_index;          /* into wa_atlas_get_lsoas */
  double share;              /* 0..1; 1 for a whole LSOA */
} WaCustomAreaLsoa;

typedef struct {
  WaAssetCategory category;
  gboolean covered;          /* the category's data covers every ward the area touches */
  guint count;               /* places inside the area */
  double rate;               /* per 1,000 residents; NAN if not covered or no residents */
  double england_rate;       /* per 1,000 residents of the covered wards; NAN if none */
} WaCustomAreaAssetFigures;

typedef struct {
  double population;                     /* apportioned residents (fractional for a polygon) */
  double score[WA_N_INDICATORS];         /* NAN when the LSOAs have none */
  guint would_rank[WA_N_INDICATORS];     /* among the wards' scores, 1 = most deprived; 0 none */
  guint n_ranked[WA_N_INDICATORS];       /* wards with a score (the M of "N of M") */
  double share_imd_decile1;              /* of residents, 0..1; NAN when unknown */
  double share_cni_top10;
  double share_flagged[WA_N_LSOA_FLAGS]; /* NAN when the edition cannot tell */
  guint n_lsoas_whole;
  guint n_lsoas_split;
  GArray *lsoas;                         /* of WaCustomAreaLsoa, by LSOA code */
  GPtrArray *wards;                      /* of WaWard* (borrowed), the wards touched, by code */
  WaCustomAreaAssetFigures assets[WA_N_ASSET_CATEGORIES];
} WaCustomAreaFigures;

/* Fills out (clear it afterwards). WA_ERROR_NOT_FOUND, naming the area,
 * when it holds no LSOA of the pack (a polygon outside England, or in
 * Wales); WA_ERROR_UNKNOWN_CODE for a code the pack does not know;
 * WA_ERROR_MISSING for a pack without the LSOA layer. */
gboolean          wa_custom_area_compute (WaAtlas *atlas, WaCustomArea *area,
                                          WaCustomAreaFigures *out, GError **error);
void              wa_custom_area_figures_clear (WaCustomAreaFigures *figures);

/* The boundaries (WaGeometry*, lon/lat) of the figures' LSOAs, read from
 * the pack (for drawing an LSOA set); NULL with an error naming the pack. */
GPtrArray        *wa_custom_area_dup_lsoa_geometries (WaAtlas *atlas,
                                                      const WaCustomAreaFigures *figures,
                                                      GError **error);

/* ---- outlines (wa-custom-area-outline.c) ------------------------------ */

/* The union of geometries (WaGeometry*, lon/lat) as one geometry, their
 * shared boundaries dissolved: a set of neighbouring wards gets one
 * outline and no line between them. NULL with an error when there is
 * nothing to join or GDAL cannot join it. */
WaGeometry       *wa_geometry_dissolve (GPtrArray *geometries, GError **error);
/* What a map outlines for the area (WaGeometry*, lon/lat; owned): a
 * polygon's own outline; a ward set's wards, or an LSOA set's LSOAs,
 * dissolved into one outline (an empty array when none has a boundary).
 * figures: the area's, or NULL to compute them when an LSOA set needs
 * them. NULL with an error naming the pack when boundaries cannot be read. */
GPtrArray        *wa_custom_area_dup_outline (WaAtlas *atlas, WaCustomArea *area,
                                              const WaCustomAreaFigures *figures,
                                              GError **error);

/* "Would rank" a score among the wards' scores of an indicator: 1 + the
 * number of wards with a higher score; 0 for NAN or no ranked ward. */
guint             wa_custom_area_place_score (WaAtlas *atlas, WaIndicator indicator, double score);

/* The saved areas (WaCustomArea*) whose name matches text as the search box
 * matches names (folded: case, accents, punctuation; the whole name or
 * the start of one of its words), as WaSearchResult* of kind
 * WA_SEARCH_CUSTOM_AREA (wa-search.h; code: the area's id, bbox: a
 * polygon's extent), in the areas' order, at most limit. */
GPtrArray        *wa_custom_areas_search (GPtrArray *areas, const char *text, guint limit);

/* ---- boundary files --------------------------------------------------- */

/* Reads every polygon feature of a boundary file (GeoJSON, GeoPackage,
 * Shapefile, KML, or anything GDAL reads) into areas (WaCustomArea*),
 * reprojected to EPSG:4326. name_field names each area (NULL: a field
 * called "name" in any case, else the first text field, else the file
 * name and a number). Refuses, naming the file: no polygon, an empty
 * file, a layer without a CRS (except GeoJSON and KML, which are lon/lat
 * by definition), an unknown name field, more than
 * WA_CUSTOM_AREA_MAX_VERTICES vertices, and a file whose areas all lie
 * outside England's extent (one such area among others is kept, and
 * wa_custom_area_compute refuses it by name). Self-intersecting polygons
 * are repaired and say so. */
gboolean          wa_custom_area_import (const char *path, const char *name_field,
                                         GPtrArray **out_areas, GError **error);
/* The text fields of a boundary file that can name its areas (every
 * layer's, each once, in file order), for the user to choose from before
 * importing; *out_guess is the one import picks given no name_field (-1:
 * none). NULL with error, naming the file, when it cannot be read. */
GStrv             wa_custom_area_dup_name_fields (const char *path, int *out_guess,
                                                  GError **error);

/* ---- the user's saved areas (wa-custom-area-file.c) ------------------- */

/* $WARD_ATLAS_AREAS_FILE if set, else ~/.local/share/ward-atlas/areas.gpkg. */
char             *wa_custom_areas_default_path (void);
/* The saved areas in order saved; an empty array when the file does not
 * exist. An error names the file. */
GPtrArray        *wa_custom_areas_load   (const char *path, GError **error);
/* Adds the area, or replaces the saved one with its id. The whole file is
 * written anew beside the old one and renamed over it (wa-safe-write), so
 * it is never left half-saved. */
gboolean          wa_custom_areas_save   (const char *path, WaCustomArea *area, GError **error);
/* The same for many areas (WaCustomArea*), in one write. */
gboolean          wa_custom_areas_save_all (const char *path, GPtrArray *areas, GError **error);
gboolean          wa_custom_areas_rename (const char *path, const char *id, const char *name,
                                          GError **error);
gboolean          wa_custom_areas_delete (const char *path, const char *id, GError **error);

typedef enum {
  WA_CUSTOM_AREA_EXPORT_GEOJSON,
  WA_CUSTOM_AREA_EXPORT_GPKG,
} WaCustomAreaExportFormat;

/* One area as a one-feature file (properties id, name, kind, codes;
 * a set has no geometry of its own: its codes are the definition). */
gboolean          wa_custom_area_export (WaCustomArea *area, const char *path,
                                         WaCustomAreaExportFormat format, gboolean replace,
                                         GError **error);

G_END_DECLS
