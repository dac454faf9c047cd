/* test-large-pack.c: a pack with 100,000 synthetic wards (about 15 times
 * England's), written in code, opens and renders tiles within the memory
 * documented in the README's "Quality" section. */
#include "wa-test-fixtures.h"
#include "wa-gdal-util.h"
#include "wa-pack.h"
#include "wa-pack-figures.h"
#include "wa-tile-renderer.h"

#include <math.h>
#include <sys/resource.h>

#ifndef __has_feature
#define __has_feature(x) 0
#endif

#define N_WARDS 100000
#define GRID_COLUMNS 320
#define CELL_DEGREES 0.005
/* The documented ceiling for opening and drawing a 100,000-ward pack. */
#define MAX_PEAK_RSS_MB 512

static OGRLayerH
create_table (GDALDatasetH pack, const char *name, OGRwkbGeometryType type,
              OGRSpatialReferenceH srs, const char *const *columns, OGRFieldType column_type)
{
  OGRLayerH layer = GDALDatasetCreateLayer (pack, name, type == wkbNone ? NULL : srs, type, NULL);

  g_assert_nonnull (layer);
  for (guint i = 0; columns[i] != NULL; i++)
    {
      OGRFieldType type = g_str_has_suffix (columns[i], "_rank") ? OFTInteger
                          : g_str_equal (columns[i], WA_PACK_WARD_FIGURES) ? OFTBinary : column_type;
      OGRFieldDefnH field = OGR_Fld_Create (columns[i], type);
      g_assert_cmpint (OGR_L_CreateField (layer, field, TRUE), ==, OGRERR_NONE);
      OGR_Fld_Destroy (field);
    }
  return layer;
}

static void
add_row (OGRLayerH layer, const char *const *values)
{
  OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));

  for (guint i = 0; values[i] != NULL; i++)
    OGR_F_SetFieldString (feature, (int) i, values[i]);
  g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
  OGR_F_Destroy (feature);
}

/* The figures the reader takes: the two ranks above, nothing else. */
static void
set_ranks_blob (OGRFeatureH feature, int column, guint imd_rank, guint cni_rank)
{
  WaFigure figures[WA_N_INDICATORS];
  guint8 blob[WA_PACK_FIGURES_BYTES];

  for (guint k = 0; k < WA_N_INDICATORS; k++)
    wa_figure_init (&figures[k]);
  figures[WA_INDICATOR_IMD].rank = imd_rank;
  figures[WA_INDICATOR_CNI].rank = cni_rank;
  wa_pack_figures_encode (figures, blob);
  OGR_F_SetFieldBinary (feature, column, sizeof blob, blob);
}

/* 100,000 small squares in a grid from (-3, 51): a pack with only the
 * layers a pack must have (no levels, areas, places or postcodes). */
static void
write_pack (const char *path)
{
  static const char *const meta_columns[] = { WA_PACK_META_KEY, WA_PACK_META_VALUE, NULL };
  static const char *const source_columns[] = { WA_PACK_SRC_ID, WA_PACK_SRC_ROLE, WA_PACK_SRC_ATTRIBUTION, NULL };
  static const char *const ward_columns[] = { WA_PACK_WARD_CODE, WA_PACK_WARD_NAME, "imd_rank", "cni_rank",
                                               WA_PACK_WARD_FIGURES, NULL };
  static const char *const dataset_columns[] = {
    WA_PACK_AD_ID, WA_PACK_AD_TITLE, WA_PACK_AD_CATEGORIES, WA_PACK_AD_COVERAGE,
    WA_PACK_AD_COVERAGE_NAME, WA_PACK_AD_READ, WA_PACK_AD_EXCLUDED, WA_PACK_AD_SKIPPED,
    WA_PACK_AD_GEOCODED, WA_PACK_AD_UNMATCHED, WA_PACK_AD_NO_LOCATION, WA_PACK_AD_OUTSIDE,
    WA_PACK_AD_MERGED, WA_PACK_AD_IMPORTED, NULL
  };
  static const char *const count_columns[] = { WA_PACK_AC_WARD_CODE, WA_PACK_AC_CATEGORY, WA_PACK_AC_COUNT, NULL };
  static const char *const asset_columns[] = {
    WA_PACK_ASSET_NAME, WA_PACK_ASSET_CATEGORY, WA_PACK_ASSET_ADDRESS, WA_PACK_ASSET_POSTCODE,
    WA_PACK_ASSET_SOURCE, WA_PACK_ASSET_MERGED_FROM, WA_PACK_ASSET_REF, WA_PACK_ASSET_WARD_CODE, NULL
  };
  OGRSpatialReferenceH srs = wa_gdal_srs_new (4326);
  GDALDatasetH pack = GDALCreate (GDALGetDriverByName ("GPKG"), path, 0, 0, 0, GDT_Unknown, NULL);
  OGRLayerH layer;
  g_autofree char *schema = g_strdup_printf ("%d", WA_PACK_SCHEMA_VERSION);

  g_assert_nonnull (pack);
  layer = create_table (pack, WA_PACK_LAYER_METADATA, wkbNone, srs, meta_columns, OFTString);
  add_row (layer, (const char *[]) { WA_PACK_META_SCHEMA_VERSION, schema, NULL });
  add_row (layer, (const char *[]) { WA_PACK_META_EDITION, "2025", NULL });
  layer = create_table (pack, WA_PACK_LAYER_SOURCES, wkbNone, srs, source_columns, OFTString);
  add_row (layer, (const char *[]) { "synthetic", "ward-boundaries", "Synthetic test wards", NULL });

  /* Schema 2: the asset layers, empty (no dataset covers these wards). */
  create_table (pack, WA_PACK_LAYER_ASSET_DATASETS, wkbNone, srs, dataset_columns, OFTString);
  create_table (pack, WA_PACK_LAYER_ASSET_COUNTS, wkbNone, srs, count_columns, OFTString);
  create_table (pack, WA_PACK_LAYER_ASSETS, wkbPoint, srs, asset_columns, OFTString);

  layer = create_table (pack, WA_PACK_LAYER_WARDS, wkbMultiPolygon, srs, ward_columns, OFTString);
  g_assert_cmpint (GDALDatasetStartTransaction (pack, FALSE), ==, OGRERR_NONE);
  for (guint i = 0; i < N_WARDS; i++)
    {
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH square = OGR_G_CreateGeometry (wkbPolygon);
      OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);
      OGRGeometryH multi = OGR_G_CreateGeometry (wkbMultiPolygon);
      double x = -3.0 + CELL_DEGREES * (i % GRID_COLUMNS), y = 51.0 + CELL_DEGREES * (i / GRID_COLUMNS);
      char code[16], name[32];

      g_snprintf (code, sizeof code, "E%08u", i);
      g_snprintf (name, sizeof name, "Synthetic %u", i);
      OGR_G_AddPoint_2D (ring, x, y);
      OGR_G_AddPoint_2D (ring, x + CELL_DEGREES, y);
      OGR_G_AddPoint_2D (ring, x + CELL_DEGREES, y + CELL_DEGREES);
      OGR_G_AddPoint_2D (ring, x, y + CELL_DEGREES);
      OGR_G_AddPoint_2D (ring, x, y);
      OGR_G_AddGeometryDirectly (square, ring);
      OGR_G_AddGeometryDirectly (multi, square);
      OGR_F_SetFieldString (feature, 0, code);
      OGR_F_SetFieldString (feature, 1, name);
      OGR_F_SetFieldInteger (feature, 2, (int) i + 1);
      /* A different order on the other index: 7919 is prime to N_WARDS. */
      OGR_F_SetFieldInteger (feature, 3, (int) ((i * 7919u) % N_WARDS) + 1);
      set_ranks_blob (feature, 4, i + 1, ((i * 7919u) % N_WARDS) + 1);
      OGR_F_SetGeometryDirectly (feature, multi);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  g_assert_cmpint (GDALDatasetCommitTransaction (pack), ==, OGRERR_NONE);
  GDALClose (pack);
  OSRDestroySpatialReference (srs);
}

static void
tile_at (double lon, double lat, guint zoom, WaTileRequest *request)
{
  double n = exp2 (zoom);
  double lat_rad = lat * G_PI / 180;

  request->zoom = zoom;
  request->x = (guint) ((lon + 180) / 360 * n);
  request->y = (guint) ((1 - log (tan (lat_rad) + 1 / cos (lat_rad)) / G_PI) / 2 * n);
  request->size_px = 512;
  request->labels = TRUE;
}

/* Ward fills in several bands, not an empty or all-sea tile. */
static guint
count_colours (cairo_surface_t *tile)
{
  g_autoptr(GHashTable) colours = g_hash_table_new (g_direct_hash, g_direct_equal);
  const guint8 *data;
  int stride;

  cairo_surface_flush (tile);
  data = cairo_image_surface_get_data (tile);
  stride = cairo_image_surface_get_stride (tile);
  for (int y = 0; y < cairo_image_surface_get_height (tile); y += 4)
    for (int x = 0; x < cairo_image_surface_get_width (tile); x += 4)
      g_hash_table_add (colours, GUINT_TO_POINTER (*(const guint32 *) (data + y * stride + 4 * x)));
  return g_hash_table_size (colours);
}

static long
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

static void
test_large_pack (void)
{
  g_autofree char *dir = wa_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "large.gpkg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  WaMapStyle *style;
  g_autoptr(GPtrArray) left_behind = NULL;
  const guint zooms[] = { 6, 9, 13 };
  gint64 start;

  write_pack (path);
  /* Written here through GDAL, as the builder would: record its
   * fingerprints, which the open below checks. */
  wa_test_pack_refingerprint (path);
  start = g_get_monotonic_time ();
  atlas = wa_atlas_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wa_atlas_get_n_wards (atlas), ==, N_WARDS);
  g_test_message ("opened %u wards in %.1f s", N_WARDS, (g_get_monotonic_time () - start) / 1e6);
  left_behind = wa_atlas_dup_left_behind (atlas);
  g_assert_cmpuint (left_behind->len, >, 0);
  g_assert_nonnull (wa_atlas_locate (atlas, -2.0 + CELL_DEGREES / 2, 51.5 + CELL_DEGREES / 2));

  style = wa_map_style_new (atlas, WA_PALETTE_VIRIDIS);
  for (gsize z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      WaTileRequest request = { 0 };
      cairo_surface_t *tile;

      start = g_get_monotonic_time ();
      tile_at (-2.2, 51.8, zooms[z], &request);
      tile = wa_tile_render_surface (style, &request, NULL);
      g_assert_nonnull (tile);
      g_assert_cmpint (cairo_surface_status (tile), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("zoom %u tile in %.2f s, %u colours", zooms[z],
                      (g_get_monotonic_time () - start) / 1e6, count_colours (tile));
      g_assert_cmpuint (count_colours (tile), >=, 5);
      cairo_surface_destroy (tile);
    }
  g_test_message ("peak RSS %ld MB (limit %d MB)", peak_rss_mb (), MAX_PEAK_RSS_MB);
  /* Sanitizers multiply memory use; the limit is for normal builds. */
#if !defined(__SANITIZE_ADDRESS__) && !__has_feature(address_sanitizer)
  g_assert_cmpint (peak_rss_mb (), <, MAX_PEAK_RSS_MB);
#endif
  wa_map_style_unref (style);
  g_clear_object (&atlas);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  wa_gdal_init ();
  g_test_add_func ("/render/large-pack", test_large_pack);
  return g_test_run ();
}
