/* test-build-steps.c: the boundary, neighbour, place and postcode steps of
 * the pack builder, on tiny sources written in code. The "wards" layer and
 * ward index that wa_build_wards would make are set up here directly. */
#include "wa-test-fixtures.h"
#include "wa-build-private.h"
#include "wa-build-source.h"
#include "wa-pack.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

/* Wards near Westminster, 0.01° squares:   C D
 *                                          A B  E (7 m east of B)  F (200 m east of E)  I (100 m east of F)
 * plus G (a 10 m speck) and H (a zig-zag edge) far away. */
typedef struct {
  const char *code, *lad_code, *lad_name, *region_code, *region_name;
  const char *wkt;
} WardFixture;

#define ZIGZAG_TEETH 100

static char *
zigzag_wkt (void)
{
  GString *wkt = g_string_new ("POLYGON ((-1.1 52.0,-1.05 52.0,-1.05 52.01");

  /* The top edge wobbles by 1 m, far below any level's tolerance. */
  for (int i = 1; i < 2 * ZIGZAG_TEETH; i++)
    g_string_append_printf (wkt, ",%.6f %.6f", -1.05 - i * 0.05 / (2 * ZIGZAG_TEETH),
                            52.01 + (i % 2 ? 0.00001 : 0.0));
  g_string_append (wkt, ",-1.1 52.01,-1.1 52.0))");
  return g_string_free (wkt, FALSE);
}

static const WardFixture ward_fixtures[] = {
  { "E05000001", "E09000033", "Westminster", "E12000007", "London",
    "POLYGON ((-0.13 51.49,-0.12 51.49,-0.12 51.50,-0.13 51.50,-0.13 51.49))" },
  { "E05000002", "E09000099", "Other", "E12000007", "London",
    "POLYGON ((-0.12 51.49,-0.11 51.49,-0.11 51.50,-0.12 51.50,-0.12 51.49))" },
  { "E05000003", "E09000033", "Westminster", "E12000007", "London",
    "POLYGON ((-0.13 51.50,-0.12 51.50,-0.12 51.51,-0.13 51.51,-0.13 51.50))" },
  { "E05000004", "E09000099", "Other", "E12000007", "London",
    "POLYGON ((-0.12 51.50,-0.11 51.50,-0.11 51.51,-0.12 51.51,-0.12 51.50))" },
  { "E05000005", "E09000099", "Other", "E12000007", "London",
    "POLYGON ((-0.1099 51.49,-0.10 51.49,-0.10 51.50,-0.1099 51.50,-0.1099 51.49))" },
  { "E05000006", "E09000099", "Other", "E12000007", "London",
    "POLYGON ((-0.097 51.49,-0.09 51.49,-0.09 51.50,-0.097 51.50,-0.097 51.49))" },
  { "E05000007", "E07000001", "Shire", "E12000008", "South East",
    "POLYGON ((-1.0 52.0,-0.9999 52.0,-0.9999 52.0001,-1.0 52.0001,-1.0 52.0))" },
  { "E05000008", "E07000001", "Shire", "E12000008", "South East", NULL /* zig-zag */ },
  { "E05000009", "E09000099", "Other", "E12000007", "London",
    "POLYGON ((-0.0885 51.49,-0.085 51.49,-0.085 51.50,-0.0885 51.50,-0.0885 51.49))" },
};

enum { WARD_A, WARD_B, WARD_C, WARD_D, WARD_E, WARD_F, WARD_G, WARD_H, WARD_I, N_WARDS };

#define SQUARE(x0, y0, x1, y1) \
  "{\"type\":\"Polygon\",\"coordinates\":[[[" #x0 "," #y0 "],[" #x1 "," #y0 "],[" \
  #x1 "," #y1 "],[" #x0 "," #y1 "],[" #x0 "," #y0 "]]]}"
#define FEATURE(props, geometry) \
  "{\"type\":\"Feature\",\"properties\":" props ",\"geometry\":" geometry "}"
#define COLLECTION(...) "{\"type\":\"FeatureCollection\",\"features\":[" __VA_ARGS__ "]}"

static const char lads_geojson[] = COLLECTION (
  FEATURE ("{\"cd\":\"E09000033\",\"nm\":\"Westminster\"}", SQUARE (-0.13, 51.49, -0.12, 51.51)) ","
  FEATURE ("{\"cd\":\"E09000001\",\"nm\":\"Renamed\"}", SQUARE (-0.12, 51.49, -0.09, 51.51)) ","
  FEATURE ("{\"cd\":\"W06000001\",\"nm\":\"Welsh\"}", SQUARE (-3.2, 51.4, -3.1, 51.5)) ","
  FEATURE ("{\"cd\":\"E06000099\",\"nm\":\"Nowhere\"}", SQUARE (10.0, 10.0, 11.0, 11.0)));

static const char regions_geojson[] = COLLECTION (
  FEATURE ("{\"cd\":\"E12000007\",\"nm\":\"London\"}", SQUARE (-0.2, 51.4, 0.0, 51.6)));

static const char land_geojson[] = COLLECTION (
  FEATURE ("{\"cd\":\"E92000001\",\"nm\":\"England\"}", SQUARE (-2.0, 50.0, 1.0, 53.0)) ","
  FEATURE ("{\"cd\":\"W92000004\",\"nm\":\"Wales\"}", SQUARE (-4.0, 51.0, -3.0, 52.0)));

static const char towns_geojson[] = COLLECTION (
  FEATURE ("{\"cd\":\"T1\",\"nm\":\"London\"}", SQUARE (-0.14, 51.48, -0.10, 51.52)) ","
  FEATURE ("{\"cd\":\"T2\",\"nm\":\"Brighton and Hove\"}", SQUARE (-0.13, 51.50, -0.12, 51.51)) ","
  FEATURE ("{\"cd\":\"T3\",\"nm\":\"Greatville\"}", SQUARE (-0.119, 51.491, -0.111, 51.499)) ","
  FEATURE ("{\"cd\":\"T4\",\"nm\":\"Cardiff\"}", SQUARE (-3.2, 51.45, -3.1, 51.5)) ","
  FEATURE ("{\"cd\":\"T5\",\"nm\":\"Sutton Coldfield\"}", SQUARE (-0.12, 51.50, -0.11, 51.51)));

/* OS Open Names layout (columns the step reads, in another order). Points
 * are the centres of wards D, C, A and B; Westminster is SW1A 0AA's spot. */
static const char places_csv[] =
  "COUNTRY,NAME1,LOCAL_TYPE,X,Y,MBRXMIN,MBRYMIN,MBRXMAX,MBRYMAX,DISTRICT_BOROUGH,COUNTY_UNITARY\n"
  "England,Westminster,Suburban Area,530268,179545,529268,178545,531268,180545,City of Westminster,Greater London\n"
  "England,London,City,530924,180136,525000,175000,535000,185000,City of London,Greater London\n"
  "England,Hove,Town,530230,180118,529730,179618,530730,180618,Brighton and Hove,\n"
  "England,Little Hamlet,Hamlet,530258,179006,,,,,,Greater London\n"
  "England,Oddity,Metropolis,530953,179024,530900,179000,531000,179100,Other,\n"
  "Scotland,Glasgow,City,259000,665000,250000,660000,270000,670000,Glasgow City,\n"
  "England,,Village,530000,179000,,,,,Nameless,\n"
  "England,Farplace,Village,383849,398594,383000,398000,384000,399000,Manchester,\n"
  "England,Royal Sutton Coldfield,Town,530924,180136,,,,,Birmingham,\n";

/* Code-Point Open layout. SW1A 0AA and M1 1AD with their published
 * positions (postcodes.io: -0.124663, 51.49984 and -2.244854, 53.483813). */
static const char postcodes_csv[] =
  "Postcode,Positional_quality_indicator,Eastings,Northings,Country_code,Admin_ward_code\n"
  "\"SW1A 0AA\",10,530268,179545,\"E92000001\",\"E05013806\"\n"
  "\"M1 1AD\",10,383849,398594,\"E92000001\",\"E05011361\"\n"
  "\"ZZ9 9ZZ\",90,0,0,\"E92000001\",\"\"\n"
  "\"CF10 1AA\",10,318000,176000,\"W92000004\",\"\"\n"
  "\"NOT A POSTCODE\",10,530000,179000,\"E92000001\",\"\"\n"
  "\"SW1A 1AA\",10,abc,179645,\"E92000001\",\"\"\n";

static const char empty_postcodes_csv[] =
  "Postcode,Positional_quality_indicator,Eastings,Northings,Country_code\n"
  "\"ZZ9 9ZZ\",90,0,0,\"E92000001\"\n";

#define SOURCE(id, role, file) \
  "[source " id "]\nrole=" role "\ntitle=" id "\nfile=" file "\neditions=2019\n" \
  "publisher=Test\nurl=https://example.org/\nlicence=OGL\nattribution=Test\n"

static const char manifest_text[] =
  "[edition 2019]\ntitle=Test\nvintages=Test\n\n"
  SOURCE ("lads", "lad-boundaries", "lads.geojson") "column.code=cd\ncolumn.name=nm\n\n"
  SOURCE ("regions", "region-boundaries", "regions.geojson") "column.code=cd\ncolumn.name=nm\n\n"
  SOURCE ("land", "land-boundaries", "land.geojson") "column.code=cd\ncolumn.name=nm\n\n"
  SOURCE ("towns", "towns", "towns.geojson") "column.code=cd\ncolumn.name=nm\n\n"
  SOURCE ("names", "places", "places.csv")
  "column.name=NAME1\ncolumn.kind=LOCAL_TYPE\ncolumn.x=X\ncolumn.y=Y\n"
  "column.min_x=MBRXMIN\ncolumn.min_y=MBRYMIN\ncolumn.max_x=MBRXMAX\ncolumn.max_y=MBRYMAX\n"
  "column.district=DISTRICT_BOROUGH\ncolumn.county=COUNTY_UNITARY\ncolumn.country=COUNTRY\n"
  "option.srs=27700\noption.country=England\n\n"
  SOURCE ("codepoint", "postcodes", "postcodes.csv")
  "column.postcode=Postcode\ncolumn.quality=Positional_quality_indicator\n"
  "column.x=Eastings\ncolumn.y=Northings\ncolumn.country=Country_code\n"
  "option.srs=27700\noption.country=E92000001\noption.no_position_quality=90\n";

typedef struct {
  char *dir;
  WaBuildContext ctx;
  GString *log;
} Fixture;

static void
log_message (const char *message, gpointer user_data)
{
  g_string_append_printf (user_data, "%s\n", message);
}

static void
write_wards_layer (Fixture *fixture)
{
  WaBuildContext *ctx = &fixture->ctx;
  g_autoptr(GError) error = NULL;
  const char *fields[] = { WA_PACK_WARD_CODE, WA_PACK_WARD_LAD_CODE, WA_PACK_WARD_LAD_NAME,
                           WA_PACK_WARD_REGION_CODE, WA_PACK_WARD_REGION_NAME };
  OGRLayerH layer = wa_build_create_layer (ctx, WA_PACK_LAYER_WARDS, wkbMultiPolygon, &error);
  WaBBox extent;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      wa_build_add_field (ctx, layer, fields[i], OFTString, &error);
      g_assert_no_error (error);
    }

  wa_bbox_init_empty (&extent);
  for (guint i = 0; i < N_WARDS; i++)
    {
      const WardFixture *w = &ward_fixtures[i];
      g_autofree char *zigzag = zigzag_wkt ();
      char *wkt = (char *) (w->wkt != NULL ? w->wkt : zigzag);
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH geometry = NULL;
      WaGeometry *ward_geometry;

      g_assert_cmpint (OGR_G_CreateFromWkt (&wkt, NULL, &geometry), ==, OGRERR_NONE);
      geometry = OGR_G_ForceToMultiPolygon (geometry);
      ward_geometry = wa_geometry_new_from_ogr (geometry, &error);
      g_assert_no_error (error);
      wa_bbox_extend (&extent, wa_geometry_get_bbox (ward_geometry));
      OGR_F_SetFieldString (feature, 0, w->code);
      OGR_F_SetFieldString (feature, 1, w->lad_code);
      OGR_F_SetFieldString (feature, 2, w->lad_name);
      OGR_F_SetFieldString (feature, 3, w->region_code);
      OGR_F_SetFieldString (feature, 4, w->region_name);
      OGR_F_SetGeometryDirectly (feature, geometry);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);

      g_ptr_array_add (ctx->ward_codes, g_strdup (w->code));
      g_hash_table_insert (ctx->ward_by_code, g_strdup (w->code), GUINT_TO_POINTER (i + 1));
      g_ptr_array_add (ctx->ward_geometries, ward_geometry);
    }

  ctx->ward_grid = wa_spatial_index_new (&extent, 0.05);
  for (guint i = 0; i < N_WARDS; i++)
    wa_spatial_index_insert (ctx->ward_grid,
                             wa_geometry_get_bbox (g_ptr_array_index (ctx->ward_geometries, i)), i);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  WaBuildContext *ctx = &fixture->ctx;
  g_autoptr(GError) error = NULL;
  const char *const files[][2] = {
    { "lads.geojson", lads_geojson },
    { "regions.geojson", regions_geojson },
    { "land.geojson", land_geojson },
    { "towns.geojson", towns_geojson },
    { "places.csv", places_csv },
    { "postcodes.csv", data != NULL ? data : postcodes_csv },
  };

  wa_gdal_init ();
  fixture->dir = wa_test_tmpdir_new ();
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_free (wa_test_write_file (fixture->dir, files[i][0], files[i][1]));

  fixture->log = g_string_new (NULL);
  ctx->edition = WA_EDITION_2019;
  ctx->manifest = wa_manifest_load_data (manifest_text, -1, "test.manifest", &error);
  g_assert_no_error (error);
  ctx->sources_dir = g_strdup (fixture->dir);
  ctx->tmp_path = g_build_filename (fixture->dir, "pack.gpkg", NULL);
  ctx->output_path = g_strdup (ctx->tmp_path);
  ctx->out = GDALCreate (GDALGetDriverByName ("GPKG"), ctx->tmp_path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (ctx->out);
  ctx->ward_codes = g_ptr_array_new_with_free_func (g_free);
  ctx->ward_by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->ward_geometries = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_geometry_unref);
  ctx->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->progress = log_message;
  ctx->progress_data = fixture->log;
  write_wards_layer (fixture);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  WaBuildContext *ctx = &fixture->ctx;

  if (g_test_failed ())
    g_test_message ("Build log:\n%s", fixture->log->str);
  GDALClose (ctx->out);
  wa_manifest_free (ctx->manifest);
  g_ptr_array_unref (ctx->ward_codes);
  g_hash_table_unref (ctx->ward_by_code);
  g_ptr_array_unref (ctx->ward_geometries);
  wa_spatial_index_free (ctx->ward_grid);
  g_clear_pointer (&ctx->foreign_postcodes, g_array_unref);
  g_hash_table_unref (ctx->records);
  g_free (ctx->sources_dir);
  g_free (ctx->tmp_path);
  g_free (ctx->output_path);
  g_string_free (fixture->log, TRUE);
  wa_test_tmpdir_free (fixture->dir);
}

static OGRLayerH
get_layer (Fixture *fixture, const char *name)
{
  OGRLayerH layer = GDALDatasetGetLayerByName (fixture->ctx.out, name);

  g_assert_nonnull (layer);
  OGR_L_ResetReading (layer);
  return layer;
}

static gint64
records (Fixture *fixture, const char *id)
{
  const gint64 *n = g_hash_table_lookup (fixture->ctx.records, id);

  return n != NULL ? *n : -1;
}

static int
total_points (OGRGeometryH geometry)
{
  int n = OGR_G_GetPointCount (geometry);

  for (int i = 0; i < OGR_G_GetGeometryCount (geometry); i++)
    n += total_points (OGR_G_GetGeometryRef (geometry, i));
  return n;
}

/* ---- boundaries ------------------------------------------------------ */

static void
check_levels_table (Fixture *fixture)
{
  OGRLayerH levels = get_layer (fixture, WA_PACK_LAYER_LEVELS);
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (levels);
  int layer_i = OGR_FD_GetFieldIndex (defn, WA_PACK_LEVEL_LAYER);
  int kind_i = OGR_FD_GetFieldIndex (defn, WA_PACK_LEVEL_KIND);
  int min_i = OGR_FD_GetFieldIndex (defn, WA_PACK_LEVEL_MIN_ZOOM);
  int max_i = OGR_FD_GetFieldIndex (defn, WA_PACK_LEVEL_MAX_ZOOM);
  int tol_i = OGR_FD_GetFieldIndex (defn, WA_PACK_LEVEL_TOLERANCE);
  g_autoptr(GHashTable) next_zoom = g_hash_table_new (g_str_hash, g_str_equal);
  OGRFeatureH feature;
  guint n_rows = 0;
  gboolean full_wards_row = FALSE;

  g_assert_cmpint (MIN (MIN (layer_i, kind_i), MIN (min_i, MIN (max_i, tol_i))), >=, 0);
  while ((feature = OGR_L_GetNextFeature (levels)) != NULL)
    {
      const char *layer = OGR_F_GetFieldAsString (feature, layer_i);
      const char *kind = g_intern_string (OGR_F_GetFieldAsString (feature, kind_i));
      int min_zoom = OGR_F_GetFieldAsInteger (feature, min_i);
      int max_zoom = OGR_F_GetFieldAsInteger (feature, max_i);
      double tolerance = OGR_F_GetFieldAsDouble (feature, tol_i);
      double half_pixel = 0.5 * 360.0 / (512.0 * pow (2.0, max_zoom)) * cos (56.0 * G_PI / 180.0);

      n_rows++;
      /* Levels of a kind run in order and cover zoom 0 to the end. */
      g_assert_cmpint (min_zoom, ==, GPOINTER_TO_INT (g_hash_table_lookup (next_zoom, kind)));
      g_hash_table_insert (next_zoom, (gpointer) kind, GINT_TO_POINTER (max_zoom + 1));
      g_assert_nonnull (GDALDatasetGetLayerByName (fixture->ctx.out, layer));
      if (max_zoom == 99)
        {
          g_assert_cmpfloat (tolerance, ==, 0.0);
          g_assert_cmpstr (layer, ==, kind);
        }
      else
        {
          g_assert_cmpfloat (tolerance, >, 0.0);
          g_assert_cmpfloat (tolerance, <, half_pixel);
        }
      full_wards_row |= g_str_equal (layer, WA_PACK_LAYER_WARDS) && min_zoom > 0;
      OGR_F_Destroy (feature);
    }
  g_assert_true (full_wards_row);
  g_assert_cmpuint (g_hash_table_size (next_zoom), ==, 4);
  g_assert_cmpuint (n_rows, >=, 2 * 4);
}

static void
check_ward_lods (Fixture *fixture)
{
  const char *lods[] = { "wards_lod0", "wards_lod1", "wards_lod2" };

  for (guint l = 0; l < G_N_ELEMENTS (lods); l++)
    {
      OGRLayerH layer = get_layer (fixture, lods[l]);
      OGRFeatureH feature;
      guint n = 0;

      g_assert_cmpint (OGR_L_GetFeatureCount (layer, TRUE), ==, N_WARDS);
      while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
        {
          OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
          const char *code = OGR_F_GetFieldAsString (feature, 0);

          g_assert_nonnull (geometry);
          g_assert_false (OGR_G_IsEmpty (geometry));
          g_assert_true (OGR_G_IsValid (geometry));
          g_assert_cmpint (wkbFlatten (OGR_G_GetGeometryType (geometry)), ==, wkbMultiPolygon);
          /* The speck survives; the zig-zag loses its teeth at the lowest zooms. */
          if (g_str_equal (code, ward_fixtures[WARD_H].code) && l == 0)
            g_assert_cmpint (total_points (geometry), <, 20);
          n++;
          OGR_F_Destroy (feature);
        }
      g_assert_cmpuint (n, ==, N_WARDS);
    }
}

static void
test_boundaries (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  OGRLayerH lads;
  OGRFeatureH feature;
  guint n_lads = 0;

  g_assert_true (wa_build_boundaries (&fixture->ctx, &error));
  g_assert_no_error (error);

  check_levels_table (fixture);
  check_ward_lods (fixture);

  /* The Welsh LAD is dropped; the one whose code the wards do not use gets
   * its region from the ward it covers; the one in no ward gets none. */
  lads = get_layer (fixture, WA_PACK_LAYER_LADS);
  while ((feature = OGR_L_GetNextFeature (lads)) != NULL)
    {
      OGRFeatureDefnH defn = OGR_L_GetLayerDefn (lads);
      const char *code = OGR_F_GetFieldAsString (feature, OGR_FD_GetFieldIndex (defn, WA_PACK_AREA_CODE));
      int region_i = OGR_FD_GetFieldIndex (defn, WA_PACK_AREA_REGION_CODE);
      int region_name_i = OGR_FD_GetFieldIndex (defn, WA_PACK_AREA_REGION_NAME);

      g_assert_cmpint (code[0], ==, 'E');
      if (g_str_equal (code, "E06000099"))
        g_assert_false (OGR_F_IsFieldSetAndNotNull (feature, region_i));
      else
        {
          g_assert_cmpstr (OGR_F_GetFieldAsString (feature, region_i), ==, "E12000007");
          g_assert_cmpstr (OGR_F_GetFieldAsString (feature, region_name_i), ==, "London");
        }
      n_lads++;
      OGR_F_Destroy (feature);
    }
  g_assert_cmpuint (n_lads, ==, 3);
  g_assert_cmpint (OGR_L_GetFeatureCount (get_layer (fixture, "lads_lod0"), TRUE), ==, 3);
  g_assert_cmpint (OGR_L_GetFeatureCount (get_layer (fixture, WA_PACK_LAYER_REGIONS), TRUE), ==, 1);
  g_assert_cmpint (OGR_L_GetFeatureCount (get_layer (fixture, WA_PACK_LAYER_LAND), TRUE), ==, 2);
  g_assert_cmpint (OGR_L_GetFeatureCount (get_layer (fixture, "land_lod0"), TRUE), ==, 2);
  g_assert_cmpint (records (fixture, "lads"), ==, 4);
  g_assert_cmpint (records (fixture, "land"), ==, 2);
}

static void
test_boundaries_missing_source (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "regions.geojson", NULL);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_false (wa_build_boundaries (&fixture->ctx, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "regions.geojson"));
}

/* ---- neighbours ------------------------------------------------------ */

static void
test_neighbours (Fixture *fixture, gconstpointer data)
{
  /* Shared edges, shared corners and the 7 m gap count; 200 m does not.
   * F and I, alone at that distance, are joined across their 100 m gap. */
  const int expected[][2] = {
    { WARD_A, WARD_B }, { WARD_A, WARD_C }, { WARD_A, WARD_D }, { WARD_B, WARD_C },
    { WARD_B, WARD_D }, { WARD_C, WARD_D }, { WARD_B, WARD_E }, { WARD_D, WARD_E },
    { WARD_F, WARD_I },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  OGRLayerH layer;
  OGRFeatureH feature;

  g_assert_true (wa_build_neighbours (&fixture->ctx, &error));
  g_assert_no_error (error);

  layer = get_layer (fixture, WA_PACK_LAYER_NEIGHBOURS);
  g_assert_cmpint (wkbFlatten (OGR_L_GetGeomType (layer)), ==, wkbNone);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      g_autofree char *key = g_strdup_printf ("%s>%s", OGR_F_GetFieldAsString (feature, 0),
                                              OGR_F_GetFieldAsString (feature, 1));
      g_assert_false (g_hash_table_contains (pairs, key));
      g_hash_table_add (pairs, g_steal_pointer (&key));
      OGR_F_Destroy (feature);
    }
  g_assert_cmpuint (g_hash_table_size (pairs), ==, 2 * G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *a = ward_fixtures[expected[i][0]].code;
      const char *b = ward_fixtures[expected[i][1]].code;
      g_autofree char *ab = g_strdup_printf ("%s>%s", a, b);
      g_autofree char *ba = g_strdup_printf ("%s>%s", b, a);

      g_assert_true (g_hash_table_contains (pairs, ab));
      g_assert_true (g_hash_table_contains (pairs, ba));
    }
}

/* ---- places ---------------------------------------------------------- */

typedef struct {
  char *kind, *district, *ward_code;
  gboolean major;
  double lon, lat, importance, min_x, max_x;
} PlaceRow;

static void
place_row_free (gpointer data)
{
  PlaceRow *row = data;

  g_free (row->kind);
  g_free (row->district);
  g_free (row->ward_code);
  g_free (row);
}

static char *
nullable_string (OGRFeatureH feature, OGRFeatureDefnH defn, const char *field)
{
  int i = OGR_FD_GetFieldIndex (defn, field);

  g_assert_cmpint (i, >=, 0);
  return OGR_F_IsFieldSetAndNotNull (feature, i) ? g_strdup (OGR_F_GetFieldAsString (feature, i)) : NULL;
}

static double
field_double (OGRFeatureH feature, OGRFeatureDefnH defn, const char *field)
{
  return OGR_F_GetFieldAsDouble (feature, OGR_FD_GetFieldIndex (defn, field));
}

/* name -> PlaceRow, plus the names in layer order. */
static GHashTable *
read_places (Fixture *fixture, GPtrArray *order)
{
  OGRLayerH layer = get_layer (fixture, WA_PACK_LAYER_PLACES);
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, place_row_free);
  OGRFeatureH feature;

  g_assert_cmpint (wkbFlatten (OGR_L_GetGeomType (layer)), ==, wkbPoint);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      PlaceRow *row = g_new0 (PlaceRow, 1);
      OGRGeometryH point = OGR_F_GetGeometryRef (feature);
      char *name = nullable_string (feature, defn, WA_PACK_PLACE_NAME);

      row->kind = nullable_string (feature, defn, WA_PACK_PLACE_KIND);
      row->district = nullable_string (feature, defn, WA_PACK_PLACE_DISTRICT);
      row->ward_code = nullable_string (feature, defn, WA_PACK_PLACE_WARD_CODE);
      row->major = OGR_F_GetFieldAsInteger (feature, OGR_FD_GetFieldIndex (defn, WA_PACK_PLACE_MAJOR));
      row->importance = field_double (feature, defn, WA_PACK_PLACE_IMPORTANCE);
      row->min_x = field_double (feature, defn, WA_PACK_PLACE_MIN_X);
      row->max_x = field_double (feature, defn, WA_PACK_PLACE_MAX_X);
      row->lon = OGR_G_GetX (point, 0);
      row->lat = OGR_G_GetY (point, 0);
      g_assert_false (g_hash_table_contains (rows, name));
      g_hash_table_insert (rows, name, row);
      g_ptr_array_add (order, name);
      OGR_F_Destroy (feature);
    }
  return rows;
}

static void
test_places (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) rows = NULL;
  const PlaceRow *row;

  g_assert_true (wa_build_places (&fixture->ctx, &error));
  g_assert_no_error (error);
  rows = read_places (fixture, order);

  /* Scotland and the nameless row are left out; Greatville (a major town
   * Open Names lacks) is added, Cardiff (in no ward) is not, nor is Sutton
   * Coldfield, which Open Names calls "Royal Sutton Coldfield". */
  g_assert_cmpuint (g_hash_table_size (rows), ==, 8);
  g_assert_false (g_hash_table_contains (rows, "Sutton Coldfield"));
  g_assert_true (((PlaceRow *) g_hash_table_lookup (rows, "Royal Sutton Coldfield"))->major);
  g_assert_false (g_hash_table_contains (rows, "Glasgow"));
  g_assert_false (g_hash_table_contains (rows, "Cardiff"));

  row = g_hash_table_lookup (rows, "Westminster");
  g_assert_nonnull (row);
  g_assert_cmpfloat_with_epsilon (row->lon, -0.124663, 1e-5);
  g_assert_cmpfloat_with_epsilon (row->lat, 51.49984, 1e-5);
  g_assert_cmpstr (row->kind, ==, "suburb");
  g_assert_cmpstr (row->district, ==, "City of Westminster");
  g_assert_cmpstr (row->ward_code, ==, ward_fixtures[WARD_A].code);
  g_assert_false (row->major);
  g_assert_cmpfloat (row->min_x, <, row->lon);
  g_assert_cmpfloat (row->max_x, >, row->lon);

  row = g_hash_table_lookup (rows, "London");
  g_assert_true (row->major);
  g_assert_cmpstr (row->kind, ==, "city");
  g_assert_cmpstr (row->ward_code, ==, ward_fixtures[WARD_D].code);

  row = g_hash_table_lookup (rows, "Hove");   /* one part of "Brighton and Hove" */
  g_assert_true (row->major);
  g_assert_cmpstr (row->ward_code, ==, ward_fixtures[WARD_C].code);

  row = g_hash_table_lookup (rows, "Greatville");
  g_assert_nonnull (row);
  g_assert_true (row->major);
  g_assert_cmpstr (row->kind, ==, "city");
  g_assert_cmpstr (row->ward_code, ==, ward_fixtures[WARD_B].code);
  g_assert_cmpstr (row->district, ==, "Other");

  row = g_hash_table_lookup (rows, "Little Hamlet");
  g_assert_cmpstr (row->kind, ==, "hamlet");
  g_assert_cmpstr (row->district, ==, "Greater London");

  row = g_hash_table_lookup (rows, "Oddity");
  g_assert_cmpstr (row->kind, ==, "other");

  row = g_hash_table_lookup (rows, "Farplace");
  g_assert_cmpstr (row->kind, ==, "village");
  g_assert_null (row->ward_code);

  /* Kinds in order of importance, bigger extent first within a kind. */
  g_assert_cmpstr (g_ptr_array_index (order, 2), ==, "Hove");
  g_assert_cmpstr (g_ptr_array_index (order, 3), ==, "Royal Sutton Coldfield");
  g_assert_cmpstr (g_ptr_array_index (order, 4), ==, "Westminster");
  g_assert_cmpstr (g_ptr_array_index (order, 5), ==, "Farplace");
  g_assert_cmpstr (g_ptr_array_index (order, 6), ==, "Little Hamlet");
  g_assert_cmpstr (g_ptr_array_index (order, 7), ==, "Oddity");
  g_assert_cmpfloat (((PlaceRow *) g_hash_table_lookup (rows, "London"))->importance, >,
                     ((PlaceRow *) g_hash_table_lookup (rows, "Hove"))->importance);

  g_assert_cmpint (records (fixture, "names"), ==, 9);
  g_assert_cmpint (records (fixture, "towns"), ==, 5);
  g_assert_nonnull (strstr (fixture->log->str, "places.csv: row 7"));
}

/* ---- postcodes ------------------------------------------------------- */

static void
test_postcodes (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  OGRLayerH layer, result;
  OGRFeatureH feature;
  int n_indexes = 0;

  g_assert_true (wa_build_postcodes (&fixture->ctx, &error));
  g_assert_no_error (error);

  layer = get_layer (fixture, WA_PACK_LAYER_POSTCODES);
  g_assert_cmpint (wkbFlatten (OGR_L_GetGeomType (layer)), ==, wkbNone);
  g_assert_cmpint (OGR_L_GetFeatureCount (layer, TRUE), ==, 2);

  OGR_L_SetAttributeFilter (layer, WA_PACK_PC_POSTCODE " = 'SW1A0AA'");
  feature = OGR_L_GetNextFeature (layer);
  g_assert_nonnull (feature);
  g_assert_cmpstr (OGR_F_GetFieldAsString (feature, 1), ==, "SW1A 0AA");
  g_assert_cmpfloat_with_epsilon (OGR_F_GetFieldAsDouble (feature, 2), -0.124663, 1e-5);
  g_assert_cmpfloat_with_epsilon (OGR_F_GetFieldAsDouble (feature, 3), 51.49984, 1e-5);
  g_assert_cmpstr (OGR_F_GetFieldAsString (feature, 4), ==, ward_fixtures[WARD_A].code);
  g_assert_cmpint (OGR_F_GetFieldAsInteger (feature, 5), ==, 10);
  OGR_F_Destroy (feature);

  OGR_L_SetAttributeFilter (layer, WA_PACK_PC_POSTCODE " = 'M11AD'");
  feature = OGR_L_GetNextFeature (layer);
  g_assert_nonnull (feature);
  g_assert_cmpstr (OGR_F_GetFieldAsString (feature, 1), ==, "M1 1AD");
  g_assert_cmpfloat_with_epsilon (OGR_F_GetFieldAsDouble (feature, 2), -2.244854, 1e-5);
  g_assert_cmpfloat_with_epsilon (OGR_F_GetFieldAsDouble (feature, 3), 53.483813, 1e-5);
  g_assert_false (OGR_F_IsFieldSetAndNotNull (feature, 4));   /* outside every ward */
  OGR_F_Destroy (feature);
  OGR_L_SetAttributeFilter (layer, NULL);

  result = GDALDatasetExecuteSQL (fixture->ctx.out,
                                  "SELECT name FROM sqlite_master WHERE type = 'index' "
                                  "AND tbl_name = '" WA_PACK_LAYER_POSTCODES "' "
                                  "AND sql LIKE '%(\"" WA_PACK_PC_POSTCODE "\")%'", NULL, NULL);
  g_assert_nonnull (result);
  while ((feature = OGR_L_GetNextFeature (result)) != NULL)
    {
      n_indexes++;
      OGR_F_Destroy (feature);
    }
  GDALDatasetReleaseResultSet (fixture->ctx.out, result);
  g_assert_cmpint (n_indexes, ==, 1);

  g_assert_cmpint (records (fixture, "codepoint"), ==, 6);
  /* Malformed rows are reported with the file and row. */
  g_assert_nonnull (strstr (fixture->log->str, "postcodes.csv: row 5"));
  g_assert_nonnull (strstr (fixture->log->str, "postcodes.csv: row 6"));
}

static void
test_postcodes_nothing_usable (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (wa_build_postcodes (&fixture->ctx, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "postcodes.csv"));
}

/* A source's reading loop ends at a feature id seen before (a damaged
 * file starting over), now remembered in a bitmap, and names the layer. */
static void
test_source_starts_over (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wa-source-XXXXXX", NULL);
  g_autofree char *path = wa_test_write_file (dir, "rows.csv", "a,b\n1,x\n2,y\n3,z\n");
  g_autoptr(GError) error = NULL;
  WaBuildSource s = { .is_table = TRUE };
  OGRFeatureH feature;
  guint n = 0;

  s.path = g_strdup (path);
  s.dataset = wa_gdal_open_table (path, NULL, &error);
  g_assert_no_error (error);
  s.layer = GDALDatasetGetLayer (s.dataset, 0);
  while ((feature = wa_build_source_next (&s)) != NULL)
    {
      n++;
      OGR_F_Destroy (feature);
    }
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (wa_build_source_check_end (&s, &error));
  g_assert_no_error (error);

  OGR_L_ResetReading (s.layer);
  g_assert_null (wa_build_source_next (&s));
  g_assert_false (wa_build_source_check_end (&s, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "starts over"));
  g_assert_nonnull (strstr (error->message, OGR_L_GetName (s.layer)));
  wa_build_source_close (&s);
  g_unlink (path);
  g_rmdir (dir);
}

#define ADD(path, fn, data) \
  g_test_add (path, Fixture, data, fixture_set_up, fn, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/build-steps/source-starts-over", test_source_starts_over);
  ADD ("/build-steps/boundaries", test_boundaries, NULL);
  ADD ("/build-steps/boundaries-missing-source", test_boundaries_missing_source, NULL);
  ADD ("/build-steps/neighbours", test_neighbours, NULL);
  ADD ("/build-steps/places", test_places, NULL);
  ADD ("/build-steps/postcodes", test_postcodes, NULL);
  ADD ("/build-steps/postcodes-nothing-usable", test_postcodes_nothing_usable, empty_postcodes_csv);
  return g_test_run ();
}
