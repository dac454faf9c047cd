/* test-bench-tenfold-pack.c: the benchmark's 10× pack (bench/bench-
 * tenfold-pack.c), made from the small fixture pack and four made-up LSOA
 * polygons instead of the 2019 pack and England's 66,599: the app's reader
 * accepts it (checks, fingerprints and stored ranks), with each polygon as
 * one more ward carrying the figures of the ward around it, and a name
 * label and every level of detail like a ward. */
#include "wa-test-fixtures.h"
#include "bench-tenfold.h"
#include "wa-gdal-util.h"
#include "wa-pack.h"

#include <gdal.h>
#include <ogr_api.h>

/* dir/boundaries/lsoaYY_england_bsc.gpkg with columns lsoaYY_code and
 * lsoaYY_name, one square (lon, lat, side 0.02°) per code. */
static void
write_lsoas (const char *dir, const char *yy, const char *const *codes, const double *corners)
{
  g_autofree char *folder = g_build_filename (dir, "boundaries", NULL);
  g_autofree char *base = g_strdup_printf ("lsoa%s_england_bsc", yy);
  g_autofree char *file = g_strconcat (base, ".gpkg", NULL);
  g_autofree char *path = g_build_filename (folder, file, NULL);
  g_autofree char *code_column = g_strdup_printf ("lsoa%s_code", yy);
  g_autofree char *name_column = g_strdup_printf ("lsoa%s_name", yy);
  OGRSpatialReferenceH srs = wa_gdal_srs_new (4326);
  GDALDatasetH gpkg;
  OGRLayerH layer;
  OGRFieldDefnH field;

  g_mkdir_with_parents (folder, 0755);
  gpkg = GDALCreate (GDALGetDriverByName ("GPKG"), path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (gpkg);
  layer = GDALDatasetCreateLayer (gpkg, base, srs, wkbMultiPolygon, NULL);
  g_assert_nonnull (layer);
  field = OGR_Fld_Create (name_column, OFTString);
  OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);
  field = OGR_Fld_Create (code_column, OFTString);
  OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      double x = corners[2 * i], y = corners[2 * i + 1];
      g_autofree char *wkt = g_strdup_printf ("MULTIPOLYGON (((%g %g, %g %g, %g %g, %g %g, %g %g)))",
                                              x, y, x + 0.02, y, x + 0.02, y + 0.02, x, y + 0.02, x, y);
      g_autofree char *name = g_strdup_printf ("Testshire %03u%c", i + 1, 'A' + i);
      OGRGeometryH geometry = NULL;
      char *text = wkt;

      g_assert_cmpint (OGR_G_CreateFromWkt (&text, srs, &geometry), ==, OGRERR_NONE);
      OGR_F_SetFieldString (feature, 0, name);
      OGR_F_SetFieldString (feature, 1, codes[i]);
      OGR_F_SetGeometryDirectly (feature, geometry);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  GDALClose (gpkg);
  OSRDestroySpatialReference (srs);
}

static void
test_tenfold_pack (WaTestAtlas *f, gconstpointer data)
{
  /* Wards are 0.1° squares along longitude -1 .. -0.6 at latitude 52 ..
   * 52.1; the last LSOA lies in none of them. */
  static const char *const codes11[] = { "E01000001", "E01000002", "E01000003", NULL };
  static const double corners11[] = { -0.99, 52.01, -0.75, 52.05, 1.0, 50.0 };
  static const char *const codes21[] = { "E01000001", NULL };
  static const double corners21[] = { -0.69, 52.03 };
  g_autofree char *dir = wa_test_tmpdir_new ();
  g_autofree char *output = g_build_filename (dir, "tenfold.gpkg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) tenfold = NULL;
  BenchTenfoldCounts counts = { 0 };
  guint n_before = wa_atlas_get_n_wards (f->atlas);
  WaWard *lsoa, *around;
  double lon, lat, radius;

  write_lsoas (dir, "11", codes11, corners11);
  write_lsoas (dir, "21", codes21, corners21);
  g_assert_true (bench_tenfold_make_pack (f->sources.output, dir, output, 0, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_added, ==, 4);
  g_assert_cmpuint (counts.n_located, ==, 3);
  g_assert_cmpuint (counts.n_unplaced, ==, 1);

  tenfold = wa_atlas_open (output, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wa_atlas_get_n_wards (tenfold), ==, n_before + 4);

  /* The same code in both vintages: two wards. */
  lsoa = wa_atlas_lookup_ward (tenfold, "E01000001-11");
  g_assert_nonnull (lsoa);
  g_assert_nonnull (wa_atlas_lookup_ward (tenfold, "E01000001-21"));
  g_assert_cmpstr (wa_ward_get_name (lsoa), ==, "Testshire 001A (LSOA 2011)");
  g_assert_nonnull (wa_ward_get_geometry (lsoa));
  g_assert_true (wa_ward_get_label_point (lsoa, &lon, &lat, &radius));
  around = wa_atlas_locate (f->atlas, -0.98, 52.02);
  g_assert_nonnull (around);
  g_assert_cmpuint (wa_ward_get_imd_rank (lsoa), ==, wa_ward_get_imd_rank (around));
  g_assert_cmpuint (wa_ward_get_cni_rank (lsoa), ==, wa_ward_get_cni_rank (around));
  g_assert_cmpuint (wa_ward_get_imd_rank (lsoa), >, 0);
  g_assert_cmpstr (wa_ward_get_lad_code (lsoa), ==, wa_ward_get_lad_code (around));
  /* Outside every ward and not in the pack's lsoas table: no figures. */
  g_assert_cmpuint (wa_ward_get_imd_rank (wa_atlas_lookup_ward (tenfold, "E01000003-11")), ==, 0);

  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  wa_gdal_init ();
  g_test_add ("/bench/tenfold-pack", WaTestAtlas, NULL, wa_test_atlas_set_up, test_tenfold_pack,
              wa_test_atlas_tear_down);
  return g_test_run ();
}
