/* wa-test-fixtures.h: small data written in code for unit tests. */
#pragma once

#include "ward-atlas-core.h"

G_BEGIN_DECLS

/* A temporary folder for one test, removed by wa_test_tmpdir_free. */
char *wa_test_tmpdir_new (void);
void  wa_test_tmpdir_free (char *path);

/* A temporary folder per test: g_test_add (path, WaTestDir, NULL,
 * wa_test_dir_set_up, test, wa_test_dir_tear_down). */
typedef struct {
  char *path;
} WaTestDir;

void  wa_test_dir_set_up    (WaTestDir *f, gconstpointer data);
void  wa_test_dir_tear_down (WaTestDir *f, gconstpointer data);

/* Writes text to dir/name; returns the full path (g_free). */
char *wa_test_write_file (const char *dir, const char *name, const char *contents);

/* Writes dir/name.gpkg: one MULTIPOLYGON layer "name" in EPSG:epsg with
 * columns code, name ("Area 1", ...) and geom_source, one feature per
 * code and WKT (NULL-terminated lists; the shorter one decides). */
void  wa_test_write_polygons (const char *dir, const char *name, int epsg,
                              const char *const *codes, const char *const *wkts);

/* Source files for the pack builder, written in code into a temporary
 * folder: four 0.1° square wards in a row from (-1, 52), one LAD, region and
 * country, LSOA lookups, populations, IMD and CNI tables, places and
 * postcodes, and a manifest naming them (edition 2025). */
typedef struct {
  char *dir;
  char *manifest;
  char *output;   /* dir/pack.gpkg */
} WaTestSources;

void     wa_test_sources_init  (WaTestSources *f);
void     wa_test_sources_clear (WaTestSources *f);
/* Rewrites the manifest, leaving out the source with skip_role (may be NULL). */
void     wa_test_sources_write_manifest (WaTestSources *f, const char *skip_role);
void     wa_test_sources_write_csv (WaTestSources *f, const char *name, const char *contents);
gboolean wa_test_sources_build (WaTestSources *f, gboolean with_postcodes, GError **error);

/* Builds the sources (see wa_test_sources_build) and opens the pack,
 * failing the test on any error. */
WaAtlas *wa_test_sources_open (WaTestSources *f, gboolean with_postcodes);

/* The fixture sources built with postcodes and opened: use as
 * g_test_add (path, WaTestAtlas, NULL, wa_test_atlas_set_up, test,
 *             wa_test_atlas_tear_down). */
typedef struct {
  WaTestSources sources;
  WaAtlas *atlas;
} WaTestAtlas;

void wa_test_atlas_set_up (WaTestAtlas *f, gconstpointer data);
/* The same wards named to exercise search folding and text filters
 * (punctuation, shared words): E05000001 "St. Helen's", E05000002 "Hull
 * Road", E05000003 "Hullbridge", E05000004 "Bishopsgate", in "Testshire,
 * City of"; with places (a city, a town, villages, a hamlet) whose names
 * share words and accents with them. */
void wa_test_atlas_set_up_named (WaTestAtlas *f, gconstpointer data);
void wa_test_atlas_tear_down (WaTestAtlas *f, gconstpointer data);

/* Edits a built pack as a buggy builder would, through GDAL's SQLite
 * dialect, then records its new layer fingerprints, so that the reader's
 * own checks are what the test meets (damage itself: test-pack-check.c). */
void     wa_test_pack_run_sql (const char *path, const char *sql);
/* Records the fingerprints of a pack edited through GDAL. */
void     wa_test_pack_refingerprint (const char *path);

/* Fails the test unless a and b hold the same counts and medians (NAN
 * equal to NAN). */
void     wa_test_assert_same_summary (const WaAreaSummary *a, const WaAreaSummary *b);
/* Fails the test unless wa_area_count_regions gives England's and each
 * region's counts as each area's own summary does. */
void     wa_test_assert_region_counts (WaAtlas *atlas);
/* Fails the test unless a and b hold the same rings, point for point. */
void     wa_test_assert_same_geometry (const WaGeometry *a, const WaGeometry *b);

/* The real pack of an edition ($WA_PACK_2019 / $WA_PACK_2025), opened once
 * per program and shared (a new reference each call), or NULL with
 * the test skipped when it is not built. */
WaAtlas *wa_test_open_pack (const char *edition);
/* The pack at path, opened once per program and shared (a new reference
 * each call, with the rank parameters it was opened with). */
WaAtlas *wa_test_shared_pack (const char *path);
/* Whether a test that repeats a costly check for each edition runs it for
 * this one (an edition id, "2019"): every edition, unless
 * $WA_TEST_EDITIONS lists some, as the sanitizer build does, where each
 * real-data check costs minutes. */
gboolean wa_test_edition_wanted (const char *edition);
/* The pack's asset dataset with that manifest id; fails the test if absent. */
const WaAssetDataset *wa_test_find_asset_dataset (WaAssets *assets, const char *id);

/* A change whose new edition is after (the fixture pack's wards
 * E05000001..E05000004) and whose old wards are made in code: O1 (rank
 * 1, left behind) is all of E05000001; E05000002 is 60 % O2 ("Old Two's": markup-escaped once; rank 2,
 * left behind) and 40 % O3 (rank 3, not), so partly left behind then;
 * the rest of O3 is E05000003; O4 (rank 4, not) is E05000004. */
WaChange *wa_test_change_for_atlas (WaAtlas *after);

G_END_DECLS
