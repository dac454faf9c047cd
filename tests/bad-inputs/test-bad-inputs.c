/* test-bad-inputs.c: the bad-input corpus. Every row of cases.txt is one
 * test case (a small hand-made file and the exact message the user must
 * see); the cases that need binary, very large or damaged files, a
 * read-only folder, a full disk or a killed build are generated here.
 * Every failed build must leave the previous pack byte-identical and no
 * temporary file behind. */
#include "wa-test-fixtures.h"
#include "wa-gdal-util.h"
#include "wa-pack.h"
#include "wa-pack-figures.h"
#include "wa-pack-builder.h"
#include "wa-manifest.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <stdio.h>
#include <glib/gstdio.h>

#define OLD_PACK "an earlier pack, not to be touched\n"

typedef struct {
  char *name;
  char *entry;
  char *input;
  char *expected;
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->name);
  g_free (c->entry);
  g_free (c->input);
  g_free (c->expected);
  g_free (c);
}

/* ---- helpers ------------------------------------------------------------ */

static char *
expand (const char *expected, const char *dir)
{
  g_autoptr(GString) text = g_string_new (expected);

  g_string_replace (text, "{dir}", dir, 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_message (const GError *error, const char *expected, const char *dir)
{
  g_autofree char *want = expand (expected, dir);

  g_assert_nonnull (error);
  g_test_message ("message: %s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpstr (error->message, ==, want);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
copy_file (const char *from, const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, (gssize) length, &error);
  g_assert_no_error (error);
}

/* Temporary packs in dir ("<pack>.tmp-..."): how many, and the size of the
 * largest when out_largest is not NULL. */
static guint
scan_tmp_files (const char *dir, goffset *out_largest)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  if (out_largest != NULL)
    *out_largest = 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (strstr (name, ".tmp-") == NULL)
        continue;
      n++;
      path = g_build_filename (dir, name, NULL);
      if (out_largest != NULL && g_stat (path, &st) == 0)
        *out_largest = MAX (*out_largest, (goffset) st.st_size);
    }
  g_dir_close (d);
  return n;
}

static guint
count_tmp_files (const char *dir)
{
  return scan_tmp_files (dir, NULL);
}

static goffset
largest_tmp_file (const char *dir)
{
  goffset largest;

  scan_tmp_files (dir, &largest);
  return largest;
}

/* The build failed: the previous pack is intact and nothing is left over. */
static void
assert_nothing_lost (WaTestSources *f)
{
  g_autofree char *contents = read_file (f->output);

  g_assert_cmpstr (contents, ==, OLD_PACK);
  g_assert_cmpuint (count_tmp_files (f->dir), ==, 0);
}

static void
assert_build_fails (WaTestSources *f, const char *expected)
{
  g_autoptr(GError) error = NULL;

  wa_test_sources_write_csv (f, "pack.gpkg", OLD_PACK);
  g_assert_false (wa_test_sources_build (f, TRUE, &error));
  assert_message (error, expected, f->dir);
  assert_nothing_lost (f);
}

/* Damages the fixture's source file name with damage (given its path); the
 * build must then fail with the expected message. */
static void
assert_damaged_source_fails (const char *name, void (*damage) (const char *path), const char *expected)
{
  WaTestSources f = { 0 };
  g_autofree char *path = NULL;

  wa_test_sources_init (&f);
  path = g_build_filename (f.dir, name, NULL);
  damage (path);
  assert_build_fails (&f, expected);
  wa_test_sources_clear (&f);
}

/* "builds CODE NAME": the pack opens, and the ward has its name and the
 * fixture's population (so the table was read, not skipped). */
static void
assert_builds (WaTestSources *f, const char *expected)
{
  g_auto(GStrv) words = g_strsplit (expected, " ", 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  WaWard *ward;

  g_assert_cmpstr (words[0], ==, "builds");
  g_assert_true (wa_test_sources_build (f, TRUE, &error));
  g_assert_no_error (error);
  atlas = wa_atlas_open (f->output, &error);
  g_assert_no_error (error);
  ward = wa_atlas_lookup_ward (atlas, words[1]);
  g_assert_nonnull (ward);
  g_assert_cmpstr (wa_ward_get_name (ward), ==, words[2]);
  g_assert_cmpint (wa_ward_get_population (ward), ==, 400);
  g_assert_cmpuint (wa_ward_get_imd_rank (ward), ==, 3);
}

static void
assert_open_fails (const char *path, const char *expected, const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = wa_atlas_open (path, &error);

  g_assert_null (atlas);
  assert_message (error, expected, dir);
}

/* ---- the table ---------------------------------------------------------- */

static void
run_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *input = g_test_build_filename (G_TEST_DIST, c->input, NULL);
  WaTestSources f = { 0 };

  wa_test_sources_init (&f);
  if (g_str_has_prefix (c->entry, "build "))
    {
      g_autofree char *target = g_build_filename (f.dir, c->entry + strlen ("build "), NULL);

      copy_file (input, target);
      if (g_str_has_prefix (c->expected, "builds "))
        assert_builds (&f, c->expected);
      else
        assert_build_fails (&f, c->expected);
    }
  else if (g_str_equal (c->entry, "manifest"))
    {
      copy_file (input, f.manifest);
      assert_build_fails (&f, c->expected);
    }
  else if (g_str_equal (c->entry, "open"))
    {
      copy_file (input, f.output);
      assert_open_fails (f.output, c->expected, f.dir);
    }
  else if (g_str_equal (c->entry, "boundary"))
    {
      g_autofree char *base = g_path_get_basename (input);
      g_autofree char *target = g_build_filename (f.dir, base, NULL);
      g_autoptr(GError) error = NULL;
      GPtrArray *areas = NULL;

      copy_file (input, target);
      g_assert_false (wa_custom_area_import (target, NULL, &areas, &error));
      g_assert_null (areas);
      assert_message (error, c->expected, f.dir);
    }
  else
    g_error ("cases.txt: unknown entry “%s”", c->entry);
  wa_test_sources_clear (&f);
}

static GPtrArray *
load_cases (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "cases.txt", NULL);
  g_autofree char *text = read_file (path);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *cases = g_ptr_array_new_with_free_func (case_free);

  for (char **line = lines; *line != NULL; line++)
    {
      g_auto(GStrv) fields = NULL;
      Case *c;

      if (**line == '#' || **line == '\0')
        continue;
      fields = g_strsplit (*line, " | ", 4);
      if (g_strv_length (fields) != 4)
        g_error ("cases.txt: malformed line “%s”", *line);
      c = g_new0 (Case, 1);
      c->name = g_strstrip (g_strdup (fields[0]));
      c->entry = g_strstrip (g_strdup (fields[1]));
      c->input = g_strstrip (g_strdup (fields[2]));
      c->expected = g_strstrip (g_strdup (fields[3]));
      g_ptr_array_add (cases, c);
    }
  return cases;
}

/* ---- generated: binary tables ------------------------------------------ */

/* The first bytes of an .xlsx (a ZIP archive) saved under a .csv name;
 * binary, so made here rather than committed. */
static const guint8 xlsx_start[] = {
  0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00,
  0x21, 0x00, 0x62, 0xee, 0x9d, 0x68, 0x5e, 0x01, 0x00, 0x00, 0x90, 0x04,
  0x00, 0x00, 0x13, 0x00, 0x08, 0x02, '[', 'C', 'o', 'n', 't', 'e',
  'n', 't', '_', 'T', 'y', 'p', 'e', 's', ']', '.', 'x', 'm', 'l'
};

static void
write_xlsx_start (const char *path)
{
  g_assert_true (g_file_set_contents (path, (const char *) xlsx_start, sizeof xlsx_start, NULL));
}

static void
test_binary_table (void)
{
  assert_damaged_source_fails ("population.csv", write_xlsx_start,
                               "{dir}/population.csv: not a text table (it holds binary data near line 1); "
                               "if it is a spreadsheet, save it as CSV");
}

/* ---- generated: GeoPackages --------------------------------------------- */

static const char *const ward_codes[] = {
  "E05000001", "E05000002", "E05000003", "E05000004", NULL
};

static const char *const good_squares[] = {
  "MULTIPOLYGON (((-1.0 52, -0.9 52, -0.9 52.1, -1.0 52.1, -1.0 52)))",
  "MULTIPOLYGON (((-0.9 52, -0.8 52, -0.8 52.1, -0.9 52.1, -0.9 52)))",
  "MULTIPOLYGON (((-0.8 52, -0.7 52, -0.7 52.1, -0.8 52.1, -0.8 52)))",
  "MULTIPOLYGON (((-0.7 52, -0.6 52, -0.6 52.1, -0.7 52.1, -0.7 52)))",
  NULL
};

static void
test_layer_missing (void)
{
  WaTestSources f = { 0 };
  g_autofree char *manifest = NULL;
  g_autoptr(GString) text = NULL;

  wa_test_sources_init (&f);
  manifest = read_file (f.manifest);
  text = g_string_new (manifest);
  g_string_replace (text, "file=wards.gpkg\n", "file=wards.gpkg\nlayer=wards17\n", 1);
  g_assert_true (g_file_set_contents (f.manifest, text->str, -1, NULL));
  assert_build_fails (&f, "{dir}/wards.gpkg: no layer named “wards17”");
  wa_test_sources_clear (&f);
}

static void
add_notes_layer (const char *path)
{
  GDALDatasetH dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_UPDATE, NULL, NULL, NULL);

  g_assert_nonnull (GDALDatasetCreateLayer (dataset, "notes", NULL, wkbNone, NULL));
  GDALClose (dataset);
}

static void
test_two_layers (void)
{
  assert_damaged_source_fails ("wards.gpkg", add_notes_layer,
                               "{dir}/wards.gpkg: expected exactly one layer, found 2; name the layer in the manifest");
}

static void
truncate_file (const char *path, double fraction)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) (length * fraction), NULL));
}

static void
truncate_to_30_percent (const char *path)
{
  truncate_file (path, 0.3);
}

static void
test_truncated_source (void)
{
  assert_damaged_source_fails ("wards.gpkg", truncate_to_30_percent,
                               "{dir}/wards.gpkg: cannot open as vector data: database disk image is malformed");
}

static void
test_boundaries_wrong_crs (void)
{
  /* British National Grid metres in a layer that claims to be WGS 84. */
  static const char *const metres[] = {
    "MULTIPOLYGON (((452000 245000, 459000 245000, 459000 256000, 452000 256000, 452000 245000)))",
    NULL
  };
  WaTestSources f = { 0 };

  wa_test_sources_init (&f);
  wa_test_write_polygons (f.dir, "wards", 4326, ward_codes, metres);
  assert_build_fails (&f, "{dir}/wards.gpkg: feature 1: ward E05000001 has coordinates such as (452000, 245000), "
                          "which are not longitude and latitude; the layer's reference system is missing or wrong");
  wa_test_sources_clear (&f);
}

static void
test_self_intersecting (void)
{
  /* Ward 2 is a bow tie: its top edges cross at (-0.85, 52.05). */
  const char *const wkts[] = {
    good_squares[0],
    "MULTIPOLYGON (((-0.9 52, -0.8 52.1, -0.8 52, -0.9 52.1, -0.9 52)))",
    good_squares[2], good_squares[3], NULL
  };
  WaTestSources f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  WaWard *ward;

  wa_test_sources_init (&f);
  wa_test_write_polygons (f.dir, "wards", 4326, ward_codes, wkts);
  wa_test_sources_build (&f, TRUE, &error);
  g_assert_no_error (error);
  atlas = wa_atlas_open (f.output, &error);
  g_assert_no_error (error);
  /* Repaired into its two triangles: both lobes are the ward. */
  ward = wa_atlas_locate (atlas, -0.89, 52.05);
  g_assert_nonnull (ward);
  g_assert_cmpstr (wa_ward_get_code (ward), ==, "E05000002");
  g_assert_true (wa_atlas_locate (atlas, -0.81, 52.05) == ward);
  g_assert_null (wa_atlas_locate (atlas, -0.85, 52.01));
  wa_test_sources_clear (&f);
}

static void
collect_report (const char *message, gpointer data)
{
  g_ptr_array_add (data, g_strdup (message));
}

static double
pack_ward_area (const char *path, const char *code)
{
  GDALDatasetH dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  OGRLayerH layer = GDALDatasetGetLayerByName (dataset, WA_PACK_LAYER_WARDS);
  g_autofree char *filter = g_strdup_printf ("code = '%s'", code);
  OGRFeatureH feature;
  OGRGeometryH geometry;
  double area;

  g_assert_nonnull (layer);
  OGR_L_SetAttributeFilter (layer, filter);
  feature = OGR_L_GetNextFeature (layer);
  g_assert_nonnull (feature);
  geometry = OGR_F_GetGeometryRef (feature);
  g_assert_cmpint (wkbFlatten (OGR_G_GetGeometryType (geometry)), ==, wkbMultiPolygon);
  area = OGR_G_Area (geometry);
  OGR_F_Destroy (feature);
  GDALClose (dataset);
  return area;
}

/* Rounded coordinates can make a boundary retrace itself: MakeValid then
 * returns the polygon with a stray line, which is not a ward's boundary. */
static void
test_spike_repaired (void)
{
  const char *const wkts[] = {
    good_squares[0],
    "MULTIPOLYGON (((-0.9 52, -0.8 52, -0.8 52.1, -0.9 52.1, -0.9 52, -0.95 51.95, -0.9 52)))",
    good_squares[2], good_squares[3], NULL
  };
  WaTestSources f = { 0 };
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *want = NULL;
  WaPackBuildOptions options = { .edition = WA_EDITION_2025, .skip_postcodes = TRUE, .force = TRUE,
                                 .progress = collect_report, .progress_data = reports };
  gboolean reported = FALSE;

  wa_test_sources_init (&f);
  wa_test_write_polygons (f.dir, "wards", 4326, ward_codes, wkts);
  options.manifest_path = f.manifest;
  options.sources_dir = f.dir;
  options.output_path = f.output;
  g_assert_true (wa_pack_build (&options, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (pack_ward_area (f.output, "E05000002"), 0.01, 1e-9);
  want = g_strdup_printf ("%s/wards.gpkg: 1 boundary crossed itself and was repaired (E05000002)", f.dir);
  for (guint i = 0; i < reports->len; i++)
    reported |= g_strcmp0 (reports->pdata[i], want) == 0;
  g_assert_true (reported);
  wa_test_sources_clear (&f);
}

static void
test_zero_area (void)
{
  const char *const wkts[] = {
    good_squares[0], good_squares[1],
    "MULTIPOLYGON (((-0.8 52, -0.75 52.05, -0.7 52.1, -0.8 52)))",
    good_squares[3], NULL
  };
  WaTestSources f = { 0 };

  wa_test_sources_init (&f);
  wa_test_write_polygons (f.dir, "wards", 4326, ward_codes, wkts);
  assert_build_fails (&f, "{dir}/wards.gpkg: feature 3: ward E05000003 has a boundary of zero area "
                          "(its points lie on a line or on top of each other)");
  wa_test_sources_clear (&f);
}

/* ---- generated: damaged packs ------------------------------------------- */

static void
build_pack (WaTestSources *f)
{
  g_autoptr(GError) error = NULL;

  wa_test_sources_init (f);
  g_assert_true (wa_test_sources_build (f, TRUE, &error));
  g_assert_no_error (error);
}

static void
test_pack_truncated (void)
{
  WaTestSources f = { 0 };

  build_pack (&f);
  truncate_file (f.output, 0.3);
  assert_open_fails (f.output, "{dir}/pack.gpkg: not a Ward Atlas pack: the file is not a readable GeoPackage: "
                               "database disk image is malformed", f.dir);
  wa_test_sources_clear (&f);
}

static void
test_pack_future_schema (void)
{
  WaTestSources f = { 0 };
  g_autofree char *sql = g_strdup_printf ("UPDATE metadata SET value = '%d' WHERE key = 'schema_version'",
                                          WA_PACK_SCHEMA_VERSION + 1);
  g_autofree char *expected = g_strdup_printf ("{dir}/pack.gpkg: the pack has schema version %d, newer than "
                                               "version %d that this version of Ward Atlas reads; update Ward "
                                               "Atlas, or build the pack again with this version's "
                                               "“ward-atlas-cli build-pack”",
                                               WA_PACK_SCHEMA_VERSION + 1, WA_PACK_SCHEMA_VERSION);

  build_pack (&f);
  wa_test_pack_run_sql (f.output, sql);
  assert_open_fails (f.output, expected, f.dir);
  wa_test_sources_clear (&f);
}

/* A damaged ward geometry (fuzzing found 1e247 degrees) is refused, not
 * given every cell of the picking grid. */
static void
test_pack_absurd_coordinates (void)
{
  WaTestSources f = { 0 };
  GDALDatasetH dataset;
  OGRLayerH layer;
  OGRFeatureH feature;
  OGRGeometryH geometry = NULL;
  char *wkt = (char *) "MULTIPOLYGON (((-1 52, 1e200 52, 1e200 1e100, -1 52)))";

  build_pack (&f);
  dataset = GDALOpenEx (f.output, GDAL_OF_VECTOR | GDAL_OF_UPDATE, NULL, NULL, NULL);
  layer = GDALDatasetGetLayerByName (dataset, WA_PACK_LAYER_WARDS);
  OGR_L_SetAttributeFilter (layer, "code = 'E05000002'");
  feature = OGR_L_GetNextFeature (layer);
  g_assert_nonnull (feature);
  g_assert_cmpint (OGR_G_CreateFromWkt (&wkt, NULL, &geometry), ==, OGRERR_NONE);
  OGR_F_SetGeometryDirectly (feature, geometry);
  g_assert_cmpint (OGR_L_SetFeature (layer, feature), ==, OGRERR_NONE);
  OGR_F_Destroy (feature);
  GDALClose (dataset);
  wa_test_pack_refingerprint (f.output);
  assert_open_fails (f.output, "{dir}/pack.gpkg: layer “wards”, ward E05000002 spans longitude -1 to 1e+200 "
                               "and latitude 52 to 1e+100, which no ward does; the pack is damaged", f.dir);
  wa_test_sources_clear (&f);
}

/* A text file renamed .gpkg (made here: no .gpkg file is committed). */
static void
test_pack_not_a_geopackage (void)
{
  WaTestSources f = { 0 };

  wa_test_sources_init (&f);
  g_assert_true (g_file_set_contents (f.output, "this is not a GeoPackage\n", -1, NULL));
  assert_open_fails (f.output, "{dir}/pack.gpkg: not a Ward Atlas pack: the file is not a readable GeoPackage", f.dir);
  wa_test_sources_clear (&f);
}

/* A GeoPackage, but not a pack (someone opened the boundaries file). */
static void
test_pack_wrong_layers (void)
{
  WaTestSources f = { 0 };
  g_autofree char *path = NULL;

  wa_test_sources_init (&f);
  path = g_build_filename (f.dir, "wards.gpkg", NULL);
  assert_open_fails (path, "{dir}/wards.gpkg: not a Ward Atlas pack: it has no “metadata” layer", f.dir);
  wa_test_sources_clear (&f);
}

/* ---- read-only: packs and sources are never written --------------------- */

/* Every file in dir (not folders) with the checksum of its bytes. */
static GHashTable *
checksum_folder (const char *dir)
{
  GHashTable *sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      g_hash_table_insert (sums, g_strdup (name),
                           g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length));
    }
  g_dir_close (d);
  return sums;
}

static void
assert_same_files (GHashTable *before, GHashTable *after, const char *except)
{
  GHashTableIter iter;
  gpointer name, sum;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &name, &sum))
    if (g_strcmp0 (name, except) != 0)
      {
        g_test_message ("checking %s", (const char *) name);
        g_assert_cmpstr (g_hash_table_lookup (before, name), ==, sum);
      }
  g_assert_cmpuint (g_hash_table_size (after) - (except != NULL && g_hash_table_contains (after, except)),
                    ==, g_hash_table_size (before) - (except != NULL && g_hash_table_contains (before, except)));
}

/* A build reads its sources and writes only the pack. */
static void
test_sources_untouched (void)
{
  WaTestSources f = { 0 };
  g_autoptr(GHashTable) before = NULL, after = NULL;
  g_autoptr(GError) error = NULL;

  wa_test_sources_init (&f);
  before = checksum_folder (f.dir);
  g_assert_true (wa_test_sources_build (&f, TRUE, &error));
  g_assert_no_error (error);
  after = checksum_folder (f.dir);
  assert_same_files (before, after, "pack.gpkg");
  wa_test_sources_clear (&f);
}

/* Opening and using a pack changes no byte and leaves no journal. */
static void
test_pack_untouched (void)
{
  WaTestSources f = { 0 };
  g_autoptr(GHashTable) before = NULL, after = NULL;
  g_autoptr(GError) error = NULL;
  WaAtlas *atlas;
  WaRankParams params;

  build_pack (&f);
  g_assert_cmpint (g_chmod (f.output, 0444), ==, 0);
  before = checksum_folder (f.dir);
  atlas = wa_atlas_open (f.output, &error);
  g_assert_no_error (error);
  wa_rank_params_init (&params);
  params.method = WA_RANK_METHOD_MEAN_RANK;
  g_assert_true (wa_atlas_set_rank_params (atlas, &params, &error));
  g_ptr_array_unref (wa_atlas_search_postcodes (atlas, "AB1", 10));
  wa_postcode_hit_free (wa_atlas_lookup_postcode (atlas, "AB1 2CD", NULL));
  g_object_unref (atlas);
  after = checksum_folder (f.dir);
  assert_same_files (before, after, NULL);
  wa_test_sources_clear (&f);
}

/* ---- generated: sources that differ from the manifest ------------------ */

/* Records population.csv's SHA-256 and row count in the fixture manifest,
 * then rewrites the file with CONTENTS (NULL: leave it as it is). */
static void
fingerprint_population (WaTestSources *f, const char *contents)
{
  g_autofree char *path = g_build_filename (f->dir, "population.csv", NULL);
  g_autofree char *data = NULL, *manifest = NULL, *sha = NULL, *lines = NULL;
  g_autoptr(GString) text = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  g_assert_true (g_file_get_contents (f->manifest, &manifest, NULL, NULL));
  text = g_string_new (manifest);
  lines = g_strdup_printf ("file=population.csv\nsha256=%s\nrecords=8\n", sha);
  g_assert_cmpuint (g_string_replace (text, "file=population.csv\n", lines, 1), ==, 1);
  g_assert_true (g_file_set_contents (f->manifest, text->str, -1, NULL));
  if (contents != NULL)
    wa_test_sources_write_csv (f, "population.csv", contents);
}

/* Saved half-way from a spreadsheet: the last rows are gone, the rest
 * still parses. */
#define POPULATION_CUT "lsoa,people\nL1,100\nL2,300\nL3,200\nL4,200\nL5,5"
/* A new release: complete lines, other figures. */
#define POPULATION_CHANGED "lsoa,people\nL1,100\nL2,300\nL3,200\nL4,200\nL5,55\n"

static void
test_source_matches_manifest (void)
{
  WaTestSources f = { 0 };
  g_autoptr(GError) error = NULL;

  wa_test_sources_init (&f);
  fingerprint_population (&f, NULL);
  g_assert_true (wa_test_sources_build (&f, TRUE, &error));
  g_assert_no_error (error);
  wa_test_sources_clear (&f);
}

static void
test_source_cut_short (void)
{
  WaTestSources f = { 0 };
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, POPULATION_CUT, -1);
  g_autofree char *want = NULL;
  g_autofree char *data = NULL, *expected_sha = NULL;

  wa_test_sources_init (&f);
  fingerprint_population (&f, NULL);
  g_assert_true (g_file_get_contents (f.manifest, &data, NULL, NULL));
  expected_sha = g_strndup (strstr (data, "sha256=") + 7, 64);
  fingerprint_population (&f, POPULATION_CUT);
  want = g_strdup_printf ("{dir}/population.csv (source population) is not the file the manifest records "
                          "(SHA-256 %s, expected %s): it may be a new release, or a copy cut short or "
                          "edited; check it, or build from it anyway with --accept-changed-sources",
                          sha, expected_sha);
  assert_build_fails (&f, want);
  wa_test_sources_clear (&f);
}

/* Accepted: built, and every difference is in the pack's metadata. */
static void
test_source_changed_accepted (void)
{
  WaTestSources f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  WaPackBuildOptions options = { 0 };
  const char *changes;

  wa_test_sources_init (&f);
  fingerprint_population (&f, POPULATION_CHANGED);
  options.edition = WA_EDITION_2025;
  options.manifest_path = f.manifest;
  options.sources_dir = f.dir;
  options.output_path = f.output;
  options.accept_changed_sources = TRUE;
  g_assert_true (wa_pack_build (&options, &error));
  g_assert_no_error (error);
  atlas = wa_atlas_open (f.output, &error);
  g_assert_no_error (error);
  changes = wa_atlas_get_metadata (atlas, WA_PACK_META_CHANGED_SOURCES);
  g_assert_nonnull (changes);
  g_assert_nonnull (strstr (changes, "population.csv (source population) has changed: SHA-256"));
  g_assert_nonnull (strstr (changes, "Source population gave 5 records; the manifest records 8"));
  wa_test_sources_clear (&f);
}

/* A file without a final line break is accepted when it is the very file
 * the manifest fingerprints (two published asset tables end so). */
static void
test_source_verified_no_newline (void)
{
  WaTestSources f = { 0 };
  g_autoptr(GError) error = NULL;
  WaPackBuildOptions options = { 0 };

  wa_test_sources_init (&f);
  wa_test_sources_write_csv (&f, "population.csv",
                             "lsoa,people\nL1,100\nL2,300\nL3,200\nL4,200\nL5,50\nL6,10\nL7,150\nL8,999");
  fingerprint_population (&f, NULL);
  options.edition = WA_EDITION_2025;
  options.manifest_path = f.manifest;
  options.sources_dir = f.dir;
  options.output_path = f.output;
  g_assert_true (wa_pack_build (&options, &error));
  g_assert_no_error (error);
  wa_test_sources_clear (&f);
}

/* Accepting a changed source does not accept one cut mid-row. */
static void
test_source_cut_accepted (void)
{
  WaTestSources f = { 0 };
  g_autoptr(GError) error = NULL;
  WaPackBuildOptions options = { 0 };

  wa_test_sources_init (&f);
  fingerprint_population (&f, POPULATION_CUT);
  options.edition = WA_EDITION_2025;
  options.manifest_path = f.manifest;
  options.sources_dir = f.dir;
  options.output_path = f.output;
  options.accept_changed_sources = TRUE;
  g_assert_false (wa_pack_build (&options, &error));
  assert_message (error, "{dir}/population.csv: the file does not end with a line break, so its last "
                         "line looks cut short (a file saved or copied half-way)", f.dir);
  g_assert_false (g_file_test (f.output, G_FILE_TEST_EXISTS));
  wa_test_sources_clear (&f);
}

/* The same file, but the builder read another number of rows from it. */
static void
test_source_record_count (void)
{
  WaTestSources f = { 0 };
  g_autofree char *data = NULL;
  g_autoptr(GString) text = NULL;

  wa_test_sources_init (&f);
  fingerprint_population (&f, NULL);
  g_assert_true (g_file_get_contents (f.manifest, &data, NULL, NULL));
  text = g_string_new (data);
  g_string_replace (text, "records=8\n", "records=9\n", 1);
  g_assert_true (g_file_set_contents (f.manifest, text->str, -1, NULL));
  assert_build_fails (&f, "Source population gave 8 records where the manifest records 9: the file is cut "
                          "short or has changed; check it, or build from it anyway with --accept-changed-sources");
  wa_test_sources_clear (&f);
}

/* ---- generated: damaged packs and special files ------------------------- */

/* A copy passed around on a USB stick: 8 KB of garbage inside the wards
 * table, or a deleted ward. GDAL alone read on past both. */
static void
test_pack_garbage (void)
{
  WaTestSources f = { 0 };
  g_autofree char *data = NULL;
  const char *row;
  gsize length;

  build_pack (&f);

  g_assert_true (g_file_get_contents (f.output, &data, &length, NULL));
  /* Around ward Three's row, in the wards table's page. */
  row = memmem (data, length, "Three", 5);
  g_assert_nonnull (row);
  for (gsize i = MAX (row - data, 256) - 256; i < (gsize) (row - data) + 256 && i < length; i++)
    data[i] ^= 0x5a;
  g_assert_true (g_file_set_contents (f.output, data, length, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WaAtlas) atlas = wa_atlas_open (f.output, &error);

    g_assert_null (atlas);
    g_assert_error (error, WA_ERROR, WA_ERROR_DAMAGED);
    g_assert_true (g_str_has_prefix (error->message, f.output));
  }
  wa_test_sources_clear (&f);
}

/* Edits the pack through GDAL (DIALECT: NULL for OGR's SQL), leaving its
 * fingerprints as the builder recorded them. */
static void
edit_pack (const char *path, const char *sql, const char *dialect)
{
  GDALDatasetH dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_UPDATE, NULL, NULL, NULL);
  OGRLayerH result;

  g_assert_nonnull (dataset);
  result = GDALDatasetExecuteSQL (dataset, sql, NULL, dialect);
  if (result != NULL)
    GDALDatasetReleaseResultSet (dataset, result);
  GDALClose (dataset);
}

static void
test_pack_deleted_ward (void)
{
  WaTestSources f = { 0 };

  build_pack (&f);
  edit_pack (f.output, "DELETE FROM wards WHERE code = 'E05000002'", "SQLITE");
  assert_open_fails (f.output, "{dir}/pack.gpkg: damaged: layer “wards” has 3 rows where the builder wrote 4",
                     f.dir);
  wa_test_sources_clear (&f);
}

/* Damage that the read trips over too (the wards' name column gone): the
 * fingerprints are checked beside the read, and the message is still the
 * check's, naming the damaged layer, not the read's missing column. */
static void
test_pack_column_dropped (void)
{
  WaTestSources f = { 0 };

  build_pack (&f);
  edit_pack (f.output, "ALTER TABLE wards DROP COLUMN name", NULL);
  assert_open_fails (f.output, "{dir}/pack.gpkg: damaged: the contents of layer “wards” differ from "
                               "what the builder wrote", f.dir);
  wa_test_sources_clear (&f);
}

/* A rank above the number ranked: the message names the ward, not a row. */
static void
test_pack_rank_above_count (void)
{
  WaTestSources f = { 0 };

  /* The reader takes the figures blob: rank 9 in the CNI's rank bytes. */
  int at = WA_INDICATOR_CNI * WA_PACK_FIGURE_BYTES + 24;
  g_autofree char *sql = g_strdup_printf ("UPDATE wards SET figures = substr (figures, 1, %d) || X'09000000' "
                                          "|| substr (figures, %d) WHERE code = 'E05000002'", at, at + 5);

  build_pack (&f);
  wa_test_pack_run_sql (f.output, sql);
  assert_open_fails (f.output, "{dir}/pack.gpkg: the pack is damaged: Ward E05000002: CNI rank 9 "
                               "is above the number of wards ranked (3)", f.dir);
  wa_test_sources_clear (&f);
}

/* `ward-atlas-cli verify PACK`: its stdout and stderr, and its exit status. */
static int
run_verify (const char *pack, char **out, char **err)
{
  const char *cli = g_getenv ("WA_CLI");
  const char *argv[] = { cli, "verify", pack, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (cli);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", *out, *err);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* verify names every damaged layer on its line, and exits 1 with the
 * first problem; a pack whose layers are intact but whose schema is newer
 * is refused by the reader step. */
static void
test_pack_verify (void)
{
  WaTestSources f = { 0 };
  g_autofree char *out = NULL, *err = NULL, *want = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE metadata SET value = '%d' WHERE key = 'schema_version'",
                                          WA_PACK_SCHEMA_VERSION + 1);
  GDALDatasetH dataset;
  OGRLayerH result;

  build_pack (&f);
  g_assert_cmpint (run_verify (f.output, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "  wards                           4 rows  ok\n"));
  g_assert_true (g_str_has_suffix (out, "Verdict:           intact\n"));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  wa_test_pack_run_sql (f.output, sql);
  g_assert_cmpint (run_verify (f.output, &out, &err), ==, 1);
  g_assert_nonnull (strstr (out, "Schema and reader: refused\nVerdict:           not usable\n"));
  g_assert_nonnull (strstr (err, "the pack has schema version"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Through GDAL, without recording new fingerprints: damage. */
  dataset = GDALOpenEx (f.output, GDAL_OF_VECTOR | GDAL_OF_UPDATE, NULL, NULL, NULL);
  result = GDALDatasetExecuteSQL (dataset, "DELETE FROM wards WHERE code = 'E05000002'", NULL, "SQLITE");
  if (result != NULL)
    GDALDatasetReleaseResultSet (dataset, result);
  GDALClose (dataset);
  g_assert_cmpint (run_verify (f.output, &out, &err), ==, 1);
  g_assert_nonnull (strstr (out, "  wards                           3 rows  damaged: layer “wards” has 3 rows "
                                 "where the builder wrote 4\n"));
  g_assert_true (g_str_has_suffix (out, "Verdict:           damaged\n"));
  want = g_strdup_printf ("ward-atlas-cli: %s: damaged: layer “wards” has 3 rows where the builder wrote 4\n",
                          f.output);
  g_assert_cmpstr (err, ==, want);
  wa_test_sources_clear (&f);
}

/* open() on a FIFO waits for a writer for ever. */
static void
test_pack_fifo (void)
{
  g_autofree char *dir = wa_test_tmpdir_new ();
  g_autofree char *fifo = g_build_filename (dir, "pack.gpkg", NULL);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_open_fails (fifo, "{dir}/pack.gpkg: is a named pipe (FIFO), not a file", dir);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

/* The manifest is refused before it is opened, as a pack is. */
static void
test_manifest_fifo (void)
{
  g_autofree char *dir = wa_test_tmpdir_new ();
  g_autofree char *fifo = g_build_filename (dir, "sources.manifest", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WaManifest) manifest = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  manifest = wa_manifest_load (fifo, &error);
  g_assert_null (manifest);
  assert_message (error, "{dir}/sources.manifest: is a named pipe (FIFO), not a file", dir);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

/* ---- generated: the output side ----------------------------------------- */

typedef struct {
  gboolean drop_root;     /* root ignores permissions: run as nobody */
  rlim_t file_size_limit; /* 0 = none */
} ChildLimits;

static void
child_setup (gpointer data)
{
  const ChildLimits *limits = data;

  if (limits->file_size_limit > 0)
    {
      struct rlimit limit = { limits->file_size_limit, limits->file_size_limit };

      /* A full disk: writes past the limit fail with EFBIG, not a signal. */
      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &limit);
    }
  if (limits->drop_root && geteuid () == 0)
    {
      if (setgid (65534) != 0 || setuid (65534) != 0)
        _exit (99);
    }
}

/* Runs `ward-atlas-cli build-pack` on the fixture; returns its stderr. */
static char *
run_cli_build (WaTestSources *f, const char *output, ChildLimits *limits, int *out_status)
{
  const char *cli = g_getenv ("WA_CLI");
  /* --force: the tests' "old pack" is placeholder text. */
  const char *argv[] = { cli, "build-pack", "--edition", "2025", "--quiet", "--force",
                         "--manifest", f->manifest, "--sources", f->dir, "--output", output, NULL };
  g_autoptr(GError) error = NULL;
  char *err = NULL;

  g_assert_nonnull (cli);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, child_setup, limits,
                NULL, &err, out_status, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  return err;
}

/* Lets an unprivileged child read the fixture (g_dir_make_tmp is 0700). */
static void
open_up (WaTestSources *f)
{
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
}

/* GDAL says only that it does not recognise a file it may not read. */
static void
test_pack_unreadable (void)
{
  WaTestSources f = { 0 };
  ChildLimits limits = { .drop_root = TRUE };
  const char *cli = g_getenv ("WA_CLI");
  const char *argv[] = { cli, "info", NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL, *want = NULL;
  int status;

  g_assert_nonnull (cli);
  build_pack (&f);
  open_up (&f);
  g_assert_cmpint (g_chmod (f.output, 0), ==, 0);
  argv[2] = f.output;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, child_setup, &limits,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 99)
    g_test_skip ("cannot run the check as an unprivileged user");
  else
    {
      g_assert_false (g_spawn_check_wait_status (status, NULL));
      want = g_strdup_printf ("%s: permission denied\n", f.output);
      g_assert_true (g_str_has_suffix (err, want));
    }
  g_chmod (f.output, 0644);
  wa_test_sources_clear (&f);
}

static void
test_readonly_output (void)
{
  WaTestSources f = { 0 };
  ChildLimits limits = { .drop_root = TRUE };
  g_autofree char *folder = NULL, *output = NULL, *err = NULL, *want = NULL, *contents = NULL;
  int status;

  wa_test_sources_init (&f);
  open_up (&f);
  folder = g_build_filename (f.dir, "read-only", NULL);
  output = g_build_filename (folder, "pack.gpkg", NULL);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (output, OLD_PACK, -1, NULL));
  g_assert_cmpint (g_chmod (output, 0644), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  err = run_cli_build (&f, output, &limits, &status);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  want = g_strdup_printf ("build-pack: %s: cannot create a temporary file beside it: Permission denied\n", output);
  g_assert_cmpstr (err, ==, want);
  g_assert_true (g_file_get_contents (output, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, OLD_PACK);
  g_assert_cmpuint (count_tmp_files (folder), ==, 0);
  g_chmod (folder, 0755);
  wa_test_sources_clear (&f);
}

static void
test_disk_full (void)
{
  WaTestSources f = { 0 };
  ChildLimits limits = { .file_size_limit = 96 * 1024 };
  g_autofree char *err = NULL, *prefix = NULL;
  int status;

  wa_test_sources_init (&f);
  wa_test_sources_write_csv (&f, "pack.gpkg", OLD_PACK);
  err = run_cli_build (&f, f.output, &limits, &status);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  prefix = g_strdup_printf ("build-pack: %s", f.output);
  g_assert_true (g_str_has_prefix (err, prefix));
  /* SQLite only knows "disk I/O error"; the hint says what to check. */
  g_assert_nonnull (strstr (err, "disk I/O error; check that the disk is not full ("));
  g_assert_nonnull (strstr (err, " free) and that the folder can be written to\n"));
  assert_nothing_lost (&f);
  wa_test_sources_clear (&f);
}

/* A 10 MB field on one line: rejected by its length, read in small blocks. */
static void
test_huge_field (void)
{
  WaTestSources f = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *block = g_malloc (64 * 1024);
  FILE *file;

  wa_test_sources_init (&f);
  path = g_build_filename (f.dir, "names.csv", NULL);
  file = fopen (path, "w");
  g_assert_nonnull (file);
  fputs ("code,name,lad,lad_name,region,region_name\nE05000001,\"", file);
  memset (block, 'x', 64 * 1024);
  for (int i = 0; i < 160; i++)
    fwrite (block, 1, 64 * 1024, file);
  fputs ("\",E06000001,Testshire,E12000001,North East\n", file);
  fclose (file);
  assert_build_fails (&f, "{dir}/names.csv: line 2 is longer than 1 MB; a quote may be missing its "
                          "closing partner, or this is not a table");
  wa_test_sources_clear (&f);
}

/* ---- generated: a build killed half-way --------------------------------- */

static void
write_many_postcodes (WaTestSources *f, guint n)
{
  g_autofree char *path = g_build_filename (f->dir, "postcodes.csv", NULL);
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  fputs ("pc,q,x,y,country\n", file);
  for (guint i = 0; i < n; i++)
    fprintf (file, "AB%u %u%c%c,10,%.5f,%.5f,E92000001\n", 1 + i / 2000 % 99, i / 676 % 10,
             'A' + i % 26, 'A' + i / 26 % 26, -0.99 + 0.38 * (i % 1000) / 1000.0, 52.01 + 0.08 * (i % 997) / 997.0);
  fclose (file);
}

static void
test_killed_build (void)
{
  WaTestSources f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  const char *cli = g_getenv ("WA_CLI");
  gsize before_length, after_length;
  GPid pid;
  gint64 deadline;
  int status;

  wa_test_sources_init (&f);
  /* The previous pack: a real one. */
  g_assert_true (wa_test_sources_build (&f, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (f.output, &before, &before_length, NULL));
  write_many_postcodes (&f, 200000);
  {
    const char *argv[] = { cli, "build-pack", "--edition", "2025", "--quiet", "--manifest", f.manifest,
                           "--sources", f.dir, "--output", f.output, NULL };
    g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                   NULL, NULL, &pid, &error);
    g_assert_no_error (error);
  }
  /* Kill it once it has written part of its temporary pack (the wards,
   * before the postcodes): not merely reserved the name. */
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (largest_tmp_file (f.dir) < 64 * 1024 && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_cmpint (largest_tmp_file (f.dir), >=, 64 * 1024);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

  g_assert_true (g_file_get_contents (f.output, &after, &after_length, NULL));
  g_assert_cmpuint (after_length, ==, before_length);
  g_assert_true (memcmp (before, after, before_length) == 0);
  /* Left behind, but named for a dead process: the next build clears it. */
  g_assert_cmpuint (count_tmp_files (f.dir), >, 0);
  g_assert_true (wa_test_sources_build (&f, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_tmp_files (f.dir), ==, 0);
  wa_test_sources_clear (&f);
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) cases = NULL;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  wa_gdal_init ();
  cases = load_cases ();
  for (guint i = 0; i < cases->len; i++)
    {
      const Case *c = g_ptr_array_index (cases, i);
      g_autofree char *path = g_strconcat ("/bad-inputs/", c->name, NULL);

      g_test_add_data_func (path, c, run_case);
    }
  g_test_add_func ("/bad-inputs/generated/binary-file", test_binary_table);
  g_test_add_func ("/bad-inputs/generated/gpkg-layer-missing", test_layer_missing);
  g_test_add_func ("/bad-inputs/generated/gpkg-two-layers", test_two_layers);
  g_test_add_func ("/bad-inputs/generated/gpkg-truncated", test_truncated_source);
  g_test_add_func ("/bad-inputs/generated/boundaries-wrong-crs", test_boundaries_wrong_crs);
  g_test_add_func ("/bad-inputs/generated/self-intersecting", test_self_intersecting);
  g_test_add_func ("/bad-inputs/generated/spike-repaired", test_spike_repaired);
  g_test_add_func ("/bad-inputs/generated/zero-area", test_zero_area);
  g_test_add_func ("/bad-inputs/generated/pack-truncated", test_pack_truncated);
  g_test_add_func ("/bad-inputs/generated/pack-future-schema", test_pack_future_schema);
  g_test_add_func ("/bad-inputs/generated/pack-not-a-geopackage", test_pack_not_a_geopackage);
  g_test_add_func ("/bad-inputs/generated/pack-wrong-layers", test_pack_wrong_layers);
  g_test_add_func ("/bad-inputs/generated/pack-absurd-coordinates", test_pack_absurd_coordinates);
  g_test_add_func ("/bad-inputs/generated/source-matches-manifest", test_source_matches_manifest);
  g_test_add_func ("/bad-inputs/generated/source-cut-short", test_source_cut_short);
  g_test_add_func ("/bad-inputs/generated/source-changed-accepted", test_source_changed_accepted);
  g_test_add_func ("/bad-inputs/generated/source-cut-accepted", test_source_cut_accepted);
  g_test_add_func ("/bad-inputs/generated/source-verified-no-newline", test_source_verified_no_newline);
  g_test_add_func ("/bad-inputs/generated/source-record-count", test_source_record_count);
  g_test_add_func ("/bad-inputs/generated/pack-garbage", test_pack_garbage);
  g_test_add_func ("/bad-inputs/generated/pack-deleted-ward", test_pack_deleted_ward);
  g_test_add_func ("/bad-inputs/generated/pack-column-dropped", test_pack_column_dropped);
  g_test_add_func ("/bad-inputs/generated/pack-rank-above-count", test_pack_rank_above_count);
  g_test_add_func ("/bad-inputs/generated/pack-fifo", test_pack_fifo);
  g_test_add_func ("/bad-inputs/generated/pack-verify", test_pack_verify);
  g_test_add_func ("/bad-inputs/generated/pack-unreadable", test_pack_unreadable);
  g_test_add_func ("/bad-inputs/generated/manifest-fifo", test_manifest_fifo);
  g_test_add_func ("/bad-inputs/generated/sources-untouched", test_sources_untouched);
  g_test_add_func ("/bad-inputs/generated/pack-untouched", test_pack_untouched);
  g_test_add_func ("/bad-inputs/generated/read-only-output", test_readonly_output);
  g_test_add_func ("/bad-inputs/generated/disk-full", test_disk_full);
  g_test_add_func ("/bad-inputs/generated/huge-field", test_huge_field);
  g_test_add_func ("/bad-inputs/generated/killed-build", test_killed_build);
  return g_test_run ();
}
