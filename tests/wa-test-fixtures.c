/* wa-test-fixtures.c: small data written in code for unit tests. */
#include <glib/gstdio.h>
#include "wa-test-fixtures.h"
#include "wa-gdal-util.h"
#include "wa-pack-builder.h"
#include "wa-pack-check.h"

#include <math.h>
#include <string.h>

char *
wa_test_tmpdir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("ward-atlas-test-XXXXXX", &error);
  g_assert_no_error (error);
  return path;
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

void
wa_test_tmpdir_free (char *path)
{
  if (path == NULL)
    return;
  remove_tree (path);
  g_free (path);
}

void
wa_test_dir_set_up (WaTestDir *f, gconstpointer data)
{
  f->path = wa_test_tmpdir_new ();
}

void
wa_test_dir_tear_down (WaTestDir *f, gconstpointer data)
{
  g_clear_pointer (&f->path, wa_test_tmpdir_free);
}

char *
wa_test_write_file (const char *dir, const char *name, const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* ---- source files for the pack builder -------------------------------- */

void
wa_test_write_polygons (const char *dir, const char *name, int epsg,
                        const char *const *codes, const char *const *wkts)
{
  g_autofree char *path = g_strconcat (dir, "/", name, ".gpkg", NULL);
  GDALDriverH driver = GDALGetDriverByName ("GPKG");
  OGRSpatialReferenceH srs = wa_gdal_srs_new (epsg);
  GDALDatasetH dataset;
  OGRLayerH layer;
  const char *fields[] = { "code", "name", "geom_source" };

  g_remove (path);
  dataset = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (dataset);
  layer = GDALDatasetCreateLayer (dataset, name, srs, wkbMultiPolygon, NULL);
  g_assert_nonnull (layer);
  for (gsize f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      OGRFieldDefnH field = OGR_Fld_Create (fields[f], OFTString);
      g_assert_cmpint (OGR_L_CreateField (layer, field, TRUE), ==, OGRERR_NONE);
      OGR_Fld_Destroy (field);
    }
  for (guint i = 0; codes[i] != NULL && wkts[i] != NULL; i++)
    {
      g_autofree char *label = g_strdup_printf ("Area %u", i + 1);
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH geometry = NULL;
      char *cursor = (char *) wkts[i];

      g_assert_cmpint (OGR_G_CreateFromWkt (&cursor, srs, &geometry), ==, OGRERR_NONE);
      OGR_F_SetFieldString (feature, 0, codes[i]);
      OGR_F_SetFieldString (feature, 1, label);
      OGR_F_SetFieldString (feature, 2, "test squares");
      OGR_F_SetGeometryDirectly (feature, geometry);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  OSRDestroySpatialReference (srs);
}

/* Writes a GeoPackage of 0.1° squares in a row from (-1, 52), one per code. */
static void
write_squares (const char *dir, const char *name, const char *const *codes)
{
  g_autoptr(GPtrArray) wkts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      double x = -1.0 + 0.1 * i;
      g_ptr_array_add (wkts, g_strdup_printf ("MULTIPOLYGON (((%.1f 52, %.1f 52, %.1f 52.1, %.1f 52.1, %.1f 52)))",
                                              x, x + 0.1, x + 0.1, x, x));
    }
  g_ptr_array_add (wkts, NULL);
  wa_test_write_polygons (dir, name, 4326, codes, (const char *const *) wkts->pdata);
}

static void
add_source (GString *manifest, const char *id, const char *role, const char *file,
            const char *extra)
{
  g_string_append_printf (manifest,
                          "[source %s]\nrole=%s\ntitle=Test %s\nfile=%s\neditions=2025\n"
                          "publisher=Test\nurl=https://example.org/%s\nlicence=OGL\n"
                          "attribution=Test data\n%s\n",
                          id, role, id, file, id, extra);
}

/* The IMD table: every IMD indicator gets the same score, rank and decile,
 * so the domains exercise the same path as the overall index. */
static char *
imd_table (void)
{
  static const struct { const char *lsoa; const char *score; int rank; int decile; } rows[] = {
    { "L1", "10", 6, 6 }, { "L2", "30", 4, 4 }, { "L3", "50", 2, 1 }, { "L4", "20", 5, 5 },
    { "L5", "40", 3, 2 }, { "L6", "5", 7, 8 }, { "L7", "60", 1, 1 }, { "L8", "1", 8, 10 },
  };
  GString *text = g_string_new ("lsoa");

  for (int i = 0; i < 8; i++)
    g_string_append_printf (text, ",s%d,r%d,d%d", i, i, i);
  g_string_append_c (text, '\n');
  for (gsize r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      g_string_append (text, rows[r].lsoa);
      for (int i = 0; i < 8; i++)
        g_string_append_printf (text, ",%s,%d,%d", rows[r].score, rows[r].rank, rows[r].decile);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static char *
imd_columns (void)
{
  GString *text = g_string_new ("column.lsoa=lsoa\n");

  for (WaIndicator i = WA_INDICATOR_IMD; i < WA_INDICATOR_CNI; i++)
    g_string_append_printf (text, "column.%1$s.score=s%2$d\ncolumn.%1$s.rank=r%2$d\ncolumn.%1$s.decile=d%2$d\n",
                            wa_indicator_id (i), i);
  return g_string_free (text, FALSE);
}

static char *
cni_columns (void)
{
  GString *text = g_string_new ("column.lsoa=lsoa\n");

  for (WaIndicator i = WA_INDICATOR_CNI; i < WA_N_INDICATORS; i++)
    g_string_append_printf (text, "column.%s.score=score\ncolumn.%s.rank=rank\n",
                            wa_indicator_id (i), wa_indicator_id (i));
  return g_string_free (text, FALSE);
}

/* Writes the manifest, leaving out the source whose role is skip_role. */
void
wa_test_sources_write_manifest (WaTestSources *f, const char *skip_role)
{
  g_autofree char *imd = imd_columns ();
  g_autofree char *cni = cni_columns ();
  GString *text = g_string_new ("[edition 2025]\ntitle=Test\nvintages=Test vintages\n\n");
  const struct { const char *id, *role, *file, *extra; } sources[] = {
    { "wards", "ward-boundaries", "wards.gpkg", "column.code=code\ncolumn.name=name\ncolumn.geom_source=geom_source\n" },
    { "names", "ward-names", "names.csv", "column.code=code\ncolumn.name=name\ncolumn.lad_code=lad\ncolumn.lad_name=lad_name\ncolumn.region_code=region\ncolumn.region_name=region_name\n" },
    { "lookup", "lsoa-ward-lookup", "lookup.csv", "column.lsoa=lsoa\ncolumn.ward=ward\n" },
    { "population", "lsoa-population", "population.csv", "column.lsoa=lsoa\ncolumn.population=people\n" },
    { "imd", "imd-lsoa", "imd.csv", imd },
    { "cni", "cni-lsoa", "cni.csv", cni },
    { "lads", "lad-boundaries", "lads.gpkg", "column.code=code\ncolumn.name=name\n" },
    { "regions", "region-boundaries", "regions.gpkg", "column.code=code\ncolumn.name=name\n" },
    { "land", "land-boundaries", "land.gpkg", "column.code=code\ncolumn.name=name\n" },
    { "towns", "towns", "towns.gpkg", "column.code=code\ncolumn.name=name\n" },
    { "places", "places", "places.csv", "column.name=name\ncolumn.kind=kind\ncolumn.x=x\ncolumn.y=y\noption.srs=4326\n" },
    { "postcodes", "postcodes", "postcodes.csv", "column.postcode=pc\ncolumn.quality=q\ncolumn.x=x\ncolumn.y=y\ncolumn.country=country\n"
                                                 "option.srs=4326\noption.country=E92000001\noption.no_position_quality=90\n" },
  };

  for (gsize s = 0; s < G_N_ELEMENTS (sources); s++)
    if (g_strcmp0 (sources[s].role, skip_role) != 0)
      add_source (text, sources[s].id, sources[s].role, sources[s].file, sources[s].extra);
  g_free (f->manifest);
  f->manifest = wa_test_write_file (f->dir, "test.manifest", text->str);
  g_string_free (text, TRUE);
}

static void
write_boundaries (WaTestSources *f)
{
  static const char *const codes[] = { "E05000001", "E05000002", "E05000003", "E05000004", NULL };
  static const char *const lad[] = { "E06000001", NULL };
  static const char *const region[] = { "E12000001", NULL };
  static const char *const land[] = { "E92000001", NULL };
  static const char *const town[] = { "J01000001", NULL };

  write_squares (f->dir, "wards", codes);
  write_squares (f->dir, "lads", lad);
  write_squares (f->dir, "regions", region);
  write_squares (f->dir, "land", land);
  write_squares (f->dir, "towns", town);
}

void
wa_test_sources_write_csv (WaTestSources *f, const char *name, const char *contents)
{
  g_free (wa_test_write_file (f->dir, name, contents));
}

void
wa_test_sources_init (WaTestSources *f)
{
  g_autofree char *imd = imd_table ();

  wa_gdal_init ();
  f->dir = wa_test_tmpdir_new ();
  f->output = g_build_filename (f->dir, "pack.gpkg", NULL);
  wa_test_sources_write_manifest (f, NULL);
  write_boundaries (f);
  wa_test_sources_write_csv (f, "names.csv",
             "code,name,lad,lad_name,region,region_name\n"
             "E05000001,One,E06000001,Testshire,E12000001,North East\n"
             "E05000002,Two,E06000001,Testshire,E12000001,North East\n"
             "E05000003,Three,E06000001,Testshire,E12000001,North East\n"
             "E05000004,Four,E06000001,Testshire,E12000001,North East\n"
             "W05000099,Welsh,W06000001,Wales,,\n");
  /* E05000004 gets no LSOA; L6 names a ward of another nation. */
  wa_test_sources_write_csv (f, "lookup.csv",
             "lsoa,ward\nL1,E05000001\nL2,E05000001\nL3,E05000002\nL4,E05000002\n"
             "L5,E05000003\nL6,W05000099\nL7,E05000003\n");
  wa_test_sources_write_csv (f, "population.csv",
             "lsoa,people\nL1,100\nL2,300\nL3,200\nL4,200\nL5,50\nL6,10\nL7,150\nL8,999\n");
  wa_test_sources_write_csv (f, "imd.csv", imd);
  wa_test_sources_write_csv (f, "cni.csv",
             "lsoa,score,rank\nL1,100,3\nL2,200,2\nL3,300,1\nL4,100,4\nL5,50,5\nL7,50,6\nL8,10,7\n");
  /* Squares: ward i spans longitude -1 + 0.1 i .. -0.9 + 0.1 i, latitude 52 .. 52.1. */
  wa_test_sources_write_csv (f, "postcodes.csv",
                             "pc,q,x,y,country\n"
                             "AB1 2CD,10,-0.95,52.05,E92000001\n"
                             "AB1 2CE,10,-0.85,52.05,E92000001\n"
                             "AB12 3EF,10,-0.75,52.02,E92000001\n"
                             "CF1 1AA,10,-0.95,52.05,W92000004\n"
                             "ZZ9 9ZZ,10,1.5,50.5,E92000001\n"
                             "AB1 9XX,90,0,0,E92000001\n");
  wa_test_sources_write_csv (f, "places.csv", "name,kind,x,y\nSquareton,Town,-0.95,52.05\nFarfield,Village,-0.65,52.05\n");
}

void
wa_test_sources_clear (WaTestSources *f)
{
  wa_test_tmpdir_free (f->dir);
  g_free (f->manifest);
  g_free (f->output);
  memset (f, 0, sizeof *f);
}

gboolean
wa_test_sources_build (WaTestSources *f, gboolean with_postcodes, GError **error)
{
  WaPackBuildOptions options = {
    .edition = WA_EDITION_2025,
    .manifest_path = f->manifest,
    .sources_dir = f->dir,
    .output_path = f->output,
    .skip_postcodes = !with_postcodes,
    /* Tests put placeholder text where an old pack would be, to see that
     * a failed build leaves it alone. */
    .force = TRUE,
  };

  return wa_pack_build (&options, error);
}

WaAtlas *
wa_test_sources_open (WaTestSources *f, gboolean with_postcodes)
{
  g_autoptr(GError) error = NULL;
  WaAtlas *atlas;

  g_assert_true (wa_test_sources_build (f, with_postcodes, &error));
  g_assert_no_error (error);
  atlas = wa_atlas_open (f->output, &error);
  g_assert_no_error (error);
  g_assert_nonnull (atlas);
  return atlas;
}

void
wa_test_atlas_set_up (WaTestAtlas *f, gconstpointer data)
{
  wa_test_sources_init (&f->sources);
  f->atlas = wa_test_sources_open (&f->sources, TRUE);
}

void
wa_test_atlas_set_up_named (WaTestAtlas *f, gconstpointer data)
{
  wa_test_sources_init (&f->sources);
  wa_test_sources_write_csv (&f->sources, "names.csv",
             "code,name,lad,lad_name,region,region_name\n"
             "E05000001,St. Helen's,E06000001,\"Testshire, City of\",E12000001,North East\n"
             "E05000002,Hull Road,E06000001,\"Testshire, City of\",E12000001,North East\n"
             "E05000003,Hullbridge,E06000001,\"Testshire, City of\",E12000001,North East\n"
             "E05000004,Bishopsgate,E06000001,\"Testshire, City of\",E12000001,North East\n"
             "W05000099,Welsh,W06000001,Wales,,\n");
  /* Wards run along longitude -1 .. -0.6 at latitude 52 .. 52.1. */
  wa_test_sources_write_csv (&f->sources, "places.csv",
             "name,kind,x,y\n"
             "Kingston upon Hull,City,-0.95,52.05\n"
             "Solihull,Town,-0.85,52.05\n"
             "Hullbridge,Village,-0.75,52.05\n"
             "Hull End,Hamlet,-0.74,52.06\n"
             "Sainte-Émilie,Village,-0.65,52.05\n"
             "Bishop's Stortford,Town,-0.66,52.04\n");
  f->atlas = wa_test_sources_open (&f->sources, TRUE);
}

void
wa_test_atlas_tear_down (WaTestAtlas *f, gconstpointer data)
{
  g_clear_object (&f->atlas);
  wa_test_sources_clear (&f->sources);
}

void
wa_test_pack_refingerprint (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fingerprints = wa_pack_fingerprint (path, &error);

  g_assert_no_error (error);
  g_assert_true (wa_pack_store_fingerprint (path, fingerprints, &error));
  g_assert_no_error (error);
}

void
wa_test_pack_run_sql (const char *path, const char *sql)
{
  GDALDatasetH dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_UPDATE, NULL, NULL, NULL);
  OGRLayerH result;

  g_assert_nonnull (dataset);
  result = GDALDatasetExecuteSQL (dataset, sql, NULL, "SQLITE");
  if (result != NULL)
    GDALDatasetReleaseResultSet (dataset, result);
  GDALClose (dataset);
  wa_test_pack_refingerprint (path);
}

/* ---- real packs ---------------------------------------------------------- */

typedef struct
{
  WaAtlas *atlas;
  WaRankParams params;   /* as opened, restored on every share */
} SharedPack;

static void
shared_pack_free (SharedPack *shared)
{
  g_object_unref (shared->atlas);
  g_free (shared);
}

/* Under the sanitizers a full open of a real pack costs about half a
 * minute of CPU, and the real-data and widget programs asked for the same
 * pack once per test case. One open per path and program; each caller
 * gets it with the rank parameters it had when opened, as a fresh open
 * would have them (a window or a test may have changed the method). */
WaAtlas *
wa_test_shared_pack (const char *path)
{
  static GHashTable *opened;
  g_autoptr(GError) error = NULL;
  SharedPack *shared;

  if (opened == NULL)
    opened = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) shared_pack_free);
  shared = g_hash_table_lookup (opened, path);
  if (shared == NULL)
    {
      shared = g_new0 (SharedPack, 1);
      shared->atlas = wa_atlas_open (path, &error);
      g_assert_no_error (error);
      shared->params = *wa_atlas_get_rank_params (shared->atlas);
      g_hash_table_insert (opened, g_strdup (path), shared);
    }
  g_assert_true (wa_atlas_set_rank_params (shared->atlas, &shared->params, NULL));
  return g_object_ref (shared->atlas);
}

WaAtlas *
wa_test_open_pack (const char *edition)
{
  g_autofree char *variable = g_strdup_printf ("WA_PACK_%s", edition);
  const char *path = g_getenv (variable);

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip_printf ("no %s pack: build with the source data in ../shared/data (%s unset or missing)",
                          edition, variable);
      return NULL;
    }
  return wa_test_shared_pack (path);
}

gboolean
wa_test_edition_wanted (const char *edition)
{
  const char *wanted = g_getenv ("WA_TEST_EDITIONS");
  g_auto(GStrv) ids = NULL;

  if (wanted == NULL || *wanted == '\0')
    return TRUE;
  ids = g_strsplit_set (wanted, " ,", -1);
  return g_strv_contains ((const char * const *) ids, edition);
}

const WaAssetDataset *
wa_test_find_asset_dataset (WaAssets *assets, const char *id)
{
  GPtrArray *datasets = wa_assets_get_datasets (assets);

  for (guint i = 0; i < datasets->len; i++)
    if (g_strcmp0 (((WaAssetDataset *) datasets->pdata[i])->id, id) == 0)
      return datasets->pdata[i];
  g_error ("no asset dataset %s in the pack", id);
}

static WaWard *
old_ward (guint index, const char *code, const char *name, guint rank, gboolean left_behind)
{
  WaWard *w = wa_ward_new (index, code, name, "L", "Old council", "R", "Region", 100, 1, NULL);
  WaFigure figure;

  wa_figure_init (&figure);
  figure.rank = rank;
  wa_ward_set_figure (w, WA_INDICATOR_IMD, &figure);
  wa_ward_set_figure (w, WA_INDICATOR_CNI, &figure);
  wa_ward_set_rank_result (w, rank, left_behind);
  return w;
}

static WaCrosswalkPiece *
piece (const char *before, const char *after, double people, double share_of_before,
       double share_of_after)
{
  WaCrosswalkPiece *p = g_new0 (WaCrosswalkPiece, 1);

  p->before = g_strdup (before);
  p->after = g_strdup (after);
  p->population_before = p->population_after = people;
  p->share_of_before = share_of_before;
  p->share_of_after = share_of_after;
  p->decile1_before = p->decile1_after = 1;
  return p;
}

WaChange *
wa_test_change_for_atlas (WaAtlas *after)
{
  g_autoptr(GListStore) before = g_list_store_new (WA_TYPE_WARD);
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_crosswalk_piece_free);
  g_autoptr(GError) error = NULL;
  WaWard *wards[] = { old_ward (0, "O1", "Old One", 1, TRUE), old_ward (1, "O2", "Old Two's", 2, TRUE),
                      old_ward (2, "O3", "Old Three", 3, FALSE), old_ward (3, "O4", "Old Four", 4, FALSE) };
  WaChange *change;

  for (gsize i = 0; i < G_N_ELEMENTS (wards); i++)
    {
      g_list_store_append (before, wards[i]);
      g_object_unref (wards[i]);
    }
  g_ptr_array_add (pieces, piece ("O1", "E05000001", 100, 1, 1));
  g_ptr_array_add (pieces, piece ("O2", "E05000002", 60, 1, 0.6));
  g_ptr_array_add (pieces, piece ("O3", "E05000002", 40, 0.4, 0.4));
  g_ptr_array_add (pieces, piece ("O3", "E05000003", 60, 0.6, 1));
  g_ptr_array_add (pieces, piece ("O4", "E05000004", 100, 1, 1));
  change = wa_change_new_from_pieces (G_LIST_MODEL (before), wa_atlas_get_wards (after), pieces, &error);
  g_assert_no_error (error);
  return change;
}

void
wa_test_assert_same_geometry (const WaGeometry *a, const WaGeometry *b)
{
  g_assert_cmpuint (wa_geometry_get_n_rings (a), ==, wa_geometry_get_n_rings (b));
  g_assert_cmpuint (wa_geometry_get_n_points (a), ==, wa_geometry_get_n_points (b));
  for (guint r = 0; r < wa_geometry_get_n_rings (a); r++)
    {
      guint na, nb;
      const double *ra = wa_geometry_get_ring (a, r, &na);
      const double *rb = wa_geometry_get_ring (b, r, &nb);

      g_assert_cmpuint (na, ==, nb);
      g_assert_cmpmem (ra, 2 * sizeof (double) * na, rb, 2 * sizeof (double) * nb);
    }
}

void
wa_test_assert_same_summary (const WaAreaSummary *a, const WaAreaSummary *b)
{
  const double *ma[] = { &a->median_combined_rank, &a->median_imd_rank, &a->median_cni_rank,
                         &a->median_imd_score, &a->median_cni_score };
  const double *mb[] = { &b->median_combined_rank, &b->median_imd_rank, &b->median_cni_rank,
                         &b->median_imd_score, &b->median_cni_score };

  g_assert_cmpuint (a->n_wards, ==, b->n_wards);
  g_assert_cmpuint (a->n_ranked, ==, b->n_ranked);
  g_assert_cmpuint (a->n_left_behind, ==, b->n_left_behind);
  g_assert_cmpint (a->population, ==, b->population);
  g_assert_cmpint (a->left_behind_population, ==, b->left_behind_population);
  for (guint i = 0; i < G_N_ELEMENTS (ma); i++)
    g_assert_true ((isnan (*ma[i]) && isnan (*mb[i])) || *ma[i] == *mb[i]);
}

static void
assert_same_counts (const WaAreaSummary *summarized, const WaAreaSummary *counted)
{
  WaAreaSummary expected = *summarized;

  expected.median_combined_rank = expected.median_imd_rank = expected.median_cni_rank = NAN;
  expected.median_imd_score = expected.median_cni_score = NAN;
  wa_test_assert_same_summary (&expected, counted);
}

void
wa_test_assert_region_counts (WaAtlas *atlas)
{
  GPtrArray *regions = wa_atlas_get_areas (atlas, WA_AREA_REGION);
  g_autofree WaAreaSummary *parts = g_new (WaAreaSummary, regions->len);
  WaAreaSummary land, expected;
  guint n_in_regions = 0;

  wa_area_count_regions (atlas, &land, parts);
  wa_area_summarize_area (atlas, WA_AREA_LAND, NULL, &expected);
  assert_same_counts (&expected, &land);
  for (guint r = 0; r < regions->len; r++)
    {
      const WaArea *region = g_ptr_array_index (regions, r);

      wa_area_summarize_area (atlas, WA_AREA_REGION, region->code, &expected);
      assert_same_counts (&expected, &parts[r]);
      n_in_regions += parts[r].n_wards;
    }
  g_assert_cmpuint (n_in_regions, ==, land.n_wards);
}
