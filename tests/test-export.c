/* test-export.c: the export module: CSV quoting, the safe write (the
 * target untouched whatever fails), JSON key names and the table of
 * profile formats, on a pack built from the in-code fixture sources. */
#include "wa-test-fixtures.h"
#include "wa-json.h"

#include <gdal.h>
#include <cpl_vsi.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_api.h>
#include <string.h>
#include <unistd.h>

/* ---- CSV ----------------------------------------------------------------- */

static char *
quote (const char *text)
{
  GString *out = g_string_new (NULL);

  wa_csv_append_field (out, text);
  return g_string_free (out, FALSE);
}

static const struct { const char *in, *out; } cases[] = {
    { "Becontree", "Becontree" },
    { "", "" },
    { "Barking and Dagenham, London", "\"Barking and Dagenham, London\"" },
    { "the \"Old\" Hall", "\"the \"\"Old\"\" Hall\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "carriage\rreturn", "\"carriage\rreturn\"" },
    { "E05000026;E05000027", "\"E05000026;E05000027\"" },
    { "tab\there", "\"tab\there\"" },
    { "\"", "\"\"\"\"" },
    /* Formula characters are data here: the files are read by tools, and
     * a quote would not stop a spreadsheet evaluating them anyway. */
    { "=1+2", "=1+2" },
    { "St. Mary's", "St. Mary's" },
    { "Ynys Môn — Llŷn", "Ynys Môn — Llŷn" },
};

static void
test_csv_quoting (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quoted = quote (cases[i].in);

      g_assert_cmpstr (quoted, ==, cases[i].out);
      g_assert_true (wa_csv_needs_quoting (cases[i].in) == (quoted[0] == '"'));
    }
  g_assert_false (wa_csv_needs_quoting (NULL));
}

static void
test_csv_row (void)
{
  const char *fields[] = { "E05000002", NULL, "a,b", "", "x\"y" };
  g_autoptr(GString) out = g_string_new (NULL);

  wa_csv_append_row (out, fields, G_N_ELEMENTS (fields));
  wa_csv_append_row (out, fields, 1);
  g_assert_cmpstr (out->str, ==, "E05000002,,\"a,b\",,\"x\"\"y\"\nE05000002\n");
}

/* GDAL's CSV driver, which reads the packs' sources, reads every field
 * back as it was. */
static void
test_csv_read_back (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *header[G_N_ELEMENTS (cases)];
  const char *row[G_N_ELEMENTS (cases)];
  const char *path = "/vsimem/test-export-read-back.csv";
  GDALDatasetH dataset;
  OGRFeatureH feature;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      header[i] = g_strdup_printf ("field_%u", i);
      row[i] = cases[i].in;
    }
  wa_csv_append_row (out, header, G_N_ELEMENTS (header));
  wa_csv_append_row (out, row, G_N_ELEMENTS (row));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_free ((char *) header[i]);
  GDALAllRegister ();
  VSIFCloseL (VSIFileFromMemBuffer (path, (GByte *) out->str, out->len, FALSE));
  dataset = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  g_assert_nonnull (dataset);
  feature = OGR_L_GetNextFeature (GDALDatasetGetLayer (dataset, 0));
  g_assert_nonnull (feature);
  g_assert_cmpint (OGR_F_GetFieldCount (feature), ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *expected = g_strdup (cases[i].in);

      /* GDAL reads by lines: a lone carriage return comes back as a line
       * break, still inside the one field. */
      g_strdelimit (expected, "\r", '\n');
      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, (int) i), ==, expected);
    }
  OGR_F_Destroy (feature);
  GDALClose (dataset);
  VSIUnlink (path);
}

/* ---- safe write ------------------------------------------------------------ */

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* Nothing but the expected names in dir: no temporary file left over. */
static void
assert_folder_holds (const char *dir, guint n_expected)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  guint n = 0;
  const char *name;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_assert_null (strstr (name, ".tmp-"));
      n++;
    }
  g_assert_cmpuint (n, ==, n_expected);
}

static void
test_safe_write_replaces (void)
{
  g_autofree char *dir = wa_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (wa_safe_write_bytes (path, "first", 5, FALSE, &error));
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "first");
  g_clear_pointer (&text, g_free);

  /* Not replaced without leave, and the message names the file. */
  g_assert_false (wa_safe_write_bytes (path, "second", 6, FALSE, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "first");
  g_clear_pointer (&text, g_free);

  g_assert_true (wa_safe_write_bytes (path, "second", 6, TRUE, &error));
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "second");
  assert_folder_holds (dir, 1);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_safe_write_missing_folder (void)
{
  g_autofree char *dir = wa_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "out.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (wa_safe_write_bytes (path, "x", 1, TRUE, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_folder_holds (dir, 0);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_safe_write_read_only_folder (void)
{
  g_autofree char *dir = wa_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "out.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  /* root writes in any folder of a disk; nobody may create files in sysfs. */
  if (access (dir, W_OK) == 0)
    {
      const char *sys_path = "/sys/ward-atlas-test-export.csv";

      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
      wa_test_tmpdir_free (g_steal_pointer (&dir));
      if (!g_file_test ("/sys/kernel", G_FILE_TEST_IS_DIR))
        {
          g_test_skip ("no read-only folder to try (running as root without sysfs)");
          return;
        }
      g_assert_false (wa_safe_write_bytes (sys_path, "new", 3, TRUE, &error));
      g_assert_error (error, WA_ERROR, WA_ERROR_IO);
      g_assert_nonnull (strstr (error->message, sys_path));
      g_assert_nonnull (strstr (error->message, "permission denied"));
      g_assert_false (g_file_test (sys_path, G_FILE_TEST_EXISTS));
      return;
    }
  g_assert_false (wa_safe_write_bytes (path, "new", 3, TRUE, &error));
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "permission denied"));
  text = read_text (path);
  g_assert_cmpstr (text, ==, "old");
  assert_folder_holds (dir, 1);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_safe_write_stream (void)
{
  g_autofree char *dir = wa_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "table.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  WaSafeWrite *file;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  /* Abandoned half way: the target keeps its old contents. */
  file = wa_safe_write_begin (path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (wa_safe_write_append (file, "# partial\n", 10, &error));
  text = read_text (path);
  g_assert_cmpstr (text, ==, "old");
  g_clear_pointer (&text, g_free);
  wa_safe_write_abort (file);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "old");
  g_clear_pointer (&text, g_free);
  assert_folder_holds (dir, 1);

  file = wa_safe_write_begin (path, TRUE, &error);
  g_assert_true (wa_safe_write_append (file, "a,b\n", 4, &error));
  g_assert_true (wa_safe_write_append (file, "1,2\n", 4, &error));
  g_assert_true (wa_safe_write_commit (file, &error));
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "a,b\n1,2\n");
  assert_folder_holds (dir, 1);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

/* The pack builder's entry point: a file GDAL wrote, moved into place. */
static void
test_safe_write_commit_file (void)
{
  g_autofree char *dir = wa_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "pack.gpkg", NULL);
  g_autofree char *tmp = g_build_filename (dir, "pack.gpkg.tmp-1-abc", NULL);
  g_autofree char *missing = g_build_filename (dir, "gone", "pack.gpkg", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (path, "old pack", -1, NULL));
  g_assert_true (g_file_set_contents (tmp, "new pack", -1, NULL));
  g_assert_true (wa_safe_write_commit_file (tmp, path, &error));
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "new pack");
  assert_folder_holds (dir, 1);

  /* A temporary file that cannot be renamed into place is removed. */
  g_assert_true (g_file_set_contents (tmp, "newer pack", -1, NULL));
  g_assert_false (wa_safe_write_commit_file (tmp, missing, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
  g_clear_pointer (&text, g_free);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "new pack");
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

/* ---- profile formats and JSON keys ----------------------------------------- */

typedef struct {
  WaTestSources sources;
  WaAtlas *atlas;
  WaWard *ward;
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  wa_test_sources_init (&f->sources);
  g_assert_true (wa_test_sources_build (&f->sources, FALSE, &error));
  g_assert_no_error (error);
  f->atlas = wa_atlas_open (f->sources.output, &error);
  g_assert_no_error (error);
  f->ward = wa_atlas_lookup_ward (f->atlas, "E05000002");
  g_assert_nonnull (f->ward);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->atlas);
  wa_test_sources_clear (&f->sources);
}

static JsonNode *
parse (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  json_parser_load_from_data (parser, data, (gssize) len, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_format_table (Fixture *f, gconstpointer data)
{
  g_autofree char *ids = wa_export_format_join_ids (", ");

  g_assert_cmpstr (ids, ==, "csv, json");
  g_assert_cmpstr (wa_export_format_get (0)->id, ==, "csv");
  for (guint i = 0; i < wa_export_format_get_n (); i++)
    {
      const WaExportFormat *format = wa_export_format_get (i);
      g_autofree char *name = g_strconcat ("becontree.", format->extension, NULL);
      g_autofree char *dir = wa_test_tmpdir_new ();
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) written = NULL;
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (wa_export_format_lookup (format->id) == format);
      g_assert_true (wa_export_format_for_path (path) == format);
      g_assert_nonnull (strchr (format->mime_type, '/'));
      g_assert_nonnull (format->filter_name);
      bytes = format->produce (f->atlas, f->ward, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
      /* What is written is what was produced. */
      g_assert_true (wa_safe_write_bytes (path, g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), FALSE, &error));
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      written = g_bytes_new_take (g_steal_pointer (&contents), len);
      g_assert_true (g_bytes_equal (bytes, written));
      wa_test_tmpdir_free (g_steal_pointer (&dir));
    }
  g_assert_null (wa_export_format_lookup ("xml"));
  g_assert_null (wa_export_format_lookup (NULL));
  g_assert_null (wa_export_format_for_path ("profile.txt"));
  g_assert_null (wa_export_format_for_path ("profile"));
  g_assert_null (wa_export_format_for_path (NULL));
}

/* The same figure has the same key in the profile's JSON and CSV and in
 * the JSON written for one asset category. */
static void
test_json_keys (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) json = wa_ward_profile_to_json (f->atlas, f->ward);
  g_autoptr(GBytes) csv = wa_ward_profile_to_csv (f->atlas, f->ward, NULL);
  g_autoptr(JsonNode) root = parse (json);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) single = NULL;
  g_autofree char *single_text = NULL;
  g_autofree char *csv_text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  WaAssetStat stats[WA_N_ASSET_CATEGORIES];
  JsonArray *assets;
  static const char *const keys[] = {
    "category", "domain", "covered", "count", "rate_per_1000", "england_median",
    "left_behind_median", "similar_median", "n_similar", "coverage",
  };

  assets = json_object_get_array_member (json_node_get_object (root), "assets");
  g_assert_cmpuint (json_array_get_length (assets), ==, WA_N_ASSET_CATEGORIES);
  wa_assets_summarise (wa_atlas_get_assets (f->atlas), wa_ward_get_index (f->ward), stats);
  wa_json_add_asset_stat (builder, NULL, wa_atlas_get_assets (f->atlas), &stats[0]);
  single_text = wa_json_to_string (builder);
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static (single_text, strlen (single_text));
    single = parse (bytes);
  }
  for (guint i = 0; i < json_array_get_length (assets); i++)
    {
      JsonObject *o = json_array_get_object_element (assets, i);

      g_assert_cmpuint (json_object_get_size (o), ==, G_N_ELEMENTS (keys));
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (json_object_has_member (o, keys[k]));
      g_assert_false (json_object_has_member (o, "per_1000"));
    }
  g_assert_true (json_node_equal (single, json_array_get_element (assets, 0)));

  /* The CSV column of the same figure. */
  {
    g_autofree char *column = g_strconcat (",assets_", wa_asset_category_id (0),
                                           "_rate_per_1000,", NULL);

    g_assert_nonnull (strstr (csv_text, column));
    g_assert_null (strstr (csv_text, "s_per_1000"));
  }
}

/* Numbers keep the precision the other formats print; missing is null. */
static void
test_json_numbers (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  JsonObject *o;

  json_builder_begin_object (b);
  wa_json_add_number (b, "rate", 2.345678, "%.4f");
  wa_json_add_number (b, "missing", NAN, "%.4f");
  wa_json_add_count (b, "rank", 0);
  wa_json_add_string (b, "name", "St \"Mary\"\n— Ynys Môn");
  wa_json_add_string (b, "none", NULL);
  json_builder_end_object (b);
  text = wa_json_to_string (b);
  g_assert_true (g_str_has_suffix (text, "}\n"));
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpfloat (json_object_get_double_member (o, "rate"), ==, 2.3457);
  g_assert_true (json_object_get_null_member (o, "missing"));
  g_assert_true (json_object_get_null_member (o, "rank"));
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "St \"Mary\"\n— Ynys Môn");
  g_assert_true (json_object_get_null_member (o, "none"));
}

/* The ranking table's export: the description, then the table; a failed
 * write leaves the earlier file as it was. */
static void
test_ward_csv_write (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = wa_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "table.csv", NULL);
  g_autoptr(GPtrArray) wards = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *table = NULL;

  for (guint i = 0; i < wa_atlas_get_n_wards (f->atlas); i++)
    g_ptr_array_add (wards, wa_atlas_get_ward (f->atlas, i));
  table = wa_ward_csv_table (f->atlas, wards, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wa_ward_csv_write (f->atlas, wards, NULL, path, &error));
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_true (g_str_has_prefix (text, "# "));
  g_assert_true (g_str_has_suffix (text, table));
  assert_folder_holds (dir, 1);

  /* A failed write leaves the earlier export as it was. */
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  if (access (dir, W_OK) != 0)
    {
      g_autofree char *again = NULL;

      g_assert_false (wa_ward_csv_write (f->atlas, wards, NULL, path, &error));
      g_assert_error (error, WA_ERROR, WA_ERROR_IO);
      again = read_text (path);
      g_assert_cmpstr (again, ==, text);
    }
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

/* The user's own lists: one count column per list after the others, and
 * the description names each column's list. Two places in E05000002,
 * located by longitude and latitude; every other ward counts 0. */
static void
test_ward_csv_user_lists (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = wa_test_tmpdir_new ();
  g_autofree char *csv = NULL, *source = NULL, *table = NULL, *plain = NULL;
  g_autofree char *description = NULL, *column = NULL, *header_end = NULL, *row_end = NULL;
  g_autoptr(GPtrArray) wards = g_ptr_array_new ();
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  g_autoptr(WaUserTable) user_table = NULL;
  g_autoptr(WaUserList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  WaUserListColumns columns = { 0, WA_USER_LIST_BY_LON_LAT, -1, 1, 2 };
  WaWardCsvContext context = { 0 };
  double lon, lat, radius;

  g_assert_true (wa_ward_get_label_point (f->ward, &lon, &lat, &radius));
  csv = g_strdup_printf ("name,lon,lat\nHub A,%.6f,%.6f\nHub B,%.6f,%.6f\n", lon, lat, lon, lat);
  source = wa_test_write_file (dir, "hubs.csv", csv);
  user_table = wa_user_table_read (source, 0, NULL, &error);
  g_assert_no_error (error);
  list = wa_user_list_locate (f->atlas, user_table, &columns, "Community hubs", NULL, NULL, NULL,
                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wa_user_list_get_report (list)->n_located, ==, 2);
  g_ptr_array_add (lists, list);

  for (guint i = 0; i < wa_atlas_get_n_wards (f->atlas); i++)
    g_ptr_array_add (wards, wa_atlas_get_ward (f->atlas, i));
  context.user_lists = lists;
  table = wa_ward_csv_table_full (f->atlas, wards, &context, &error);
  g_assert_no_error (error);
  plain = wa_ward_csv_table (f->atlas, wards, NULL, &error);
  column = wa_ward_csv_list_column (list);
  header_end = g_strdup_printf (",%s", column);
  lines = g_strsplit (table, "\n", -1);
  g_assert_true (g_str_has_suffix (g_strchomp (lines[0]), header_end));
  /* Additive: the plain table has no list column. */
  g_assert_null (strstr (plain, column));
  for (guint i = 0; i < wards->len; i++)
    {
      WaWard *ward = g_ptr_array_index (wards, i);

      g_strchomp (lines[i + 1]);
      g_assert_true (g_str_has_suffix (lines[i + 1], ward == f->ward ? ",2" : ",0"));
    }
  description = wa_ward_csv_description (f->atlas, wards, &context);
  g_assert_nonnull (strstr (description, column));
  g_assert_nonnull (strstr (description, "Community hubs"));
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

/* A clean export: the CSV starts at its header, and the description is
 * kept whole in the sidecar beside it. */
static void
test_ward_csv_sidecar (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = wa_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "table.csv", NULL);
  g_autofree char *sidecar = wa_ward_csv_sidecar_path (path);
  g_autoptr(GPtrArray) wards = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *table = NULL, *provenance = NULL;
  WaWardCsvContext context = { NULL, WA_WARD_COLUMN_COMBINED_RANK, FALSE, TRUE };

  for (guint i = 0; i < wa_atlas_get_n_wards (f->atlas); i++)
    g_ptr_array_add (wards, wa_atlas_get_ward (f->atlas, i));
  table = wa_ward_csv_table (f->atlas, wards, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wa_ward_csv_write (f->atlas, wards, &context, path, &error));
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_cmpstr (text, ==, table);
  provenance = read_text (sidecar);
  g_assert_true (g_str_has_prefix (provenance, "# "));
  /* Every line of the sidecar is a "#" line: nothing of the table. */
  {
    g_auto(GStrv) lines = g_strsplit (provenance, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      g_assert_true (*lines[i] == '\0' || g_str_has_prefix (lines[i], "#"));
  }
  assert_folder_holds (dir, 2);
  wa_test_tmpdir_free (g_steal_pointer (&dir));
}

/* The field named name of a row, by the header; rows here hold no quoted
 * commas. */
static char *
csv_field (const char *header, const char *row, const char *name)
{
  g_auto(GStrv) names = g_strsplit (header, ",", -1);
  g_auto(GStrv) cells = g_strsplit (row, ",", -1);

  g_assert_cmpuint (g_strv_length (names), ==, g_strv_length (cells));
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return g_strdup (cells[i]);
  return NULL;
}

static const char *
find_line (GStrv lines, const char *prefix)
{
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return lines[i];
  g_assert_not_reached ();
}

/* With a change, the newest edition's table ends with the change columns,
 * named and filled as in `ward-atlas-cli change`'s CSV (one definition),
 * and the description says how the crosswalk was made. */
static void
test_ward_csv_change (Fixture *f, gconstpointer data)
{
  g_autoptr(WaChange) change = wa_test_change_for_atlas (f->atlas);
  g_autoptr(GPtrArray) wards = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  WaChangeExportOptions options = { "2019", "2025", NULL, -1 };
  g_autoptr(GBytes) change_csv = wa_change_export_csv (change, &options);
  g_autofree char *change_text = g_strndup (g_bytes_get_data (change_csv, NULL),
                                            g_bytes_get_size (change_csv));
  g_auto(GStrv) change_lines = g_strsplit (change_text, "\n", -1);
  g_autofree char *table = NULL, *plain = NULL, *description = NULL;
  g_auto(GStrv) lines = NULL;
  static const char *const columns[] = { "combined_percentile_2019", "combined_percentile_2025",
                                         "category", "partly", "changed_boundary_share" };
  WaWardCsvContext context = { NULL, WA_WARD_COLUMN_COMBINED_RANK, FALSE, FALSE, change };

  for (guint i = 0; i < wa_atlas_get_n_wards (f->atlas); i++)
    g_ptr_array_add (wards, wa_atlas_get_ward (f->atlas, i));
  g_assert_true (wa_ward_csv_has_change (f->atlas, change));
  table = wa_ward_csv_table (f->atlas, wards, change, &error);
  g_assert_no_error (error);
  lines = g_strsplit (table, "\n", -1);
  g_assert_true (g_str_has_suffix (lines[0], ",left_behind,combined_percentile_2019,"
                                   "combined_percentile_2025,category,partly,changed_boundary_share"));
  for (guint w = 1; w <= 4; w++)
    {
      g_autofree char *code = g_strdup_printf ("E0500000%u", w);
      g_autofree char *prefix = g_strconcat (code, ",", NULL);
      const char *row = NULL, *change_row = find_line (change_lines, prefix);

      for (guint i = 1; lines[i] != NULL && row == NULL; i++)
        if (strstr (lines[i], prefix) != NULL)
          row = lines[i];
      g_assert_nonnull (row);
      for (gsize c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          g_autofree char *ours = csv_field (lines[0], row, columns[c]);
          g_autofree char *theirs = csv_field (change_lines[0], change_row, columns[c]);

          g_assert_cmpstr (ours, ==, theirs);
        }
    }
  /* E05000002: 60 % from O2 (2 of 4, left behind), 40 % from O3 (3 of 4). */
  {
    const char *row = NULL;

    for (guint i = 1; lines[i] != NULL && row == NULL; i++)
      if (strstr (lines[i], "E05000002,") != NULL)
        row = lines[i];
    g_autofree char *then = csv_field (lines[0], row, "combined_percentile_2019");
    g_autofree char *partly = csv_field (lines[0], row, "partly");
    g_autofree char *changed = csv_field (lines[0], row, "changed_boundary_share");

    g_assert_cmpstr (then, ==, "60.00");
    g_assert_cmpstr (partly, ==, "true");
    g_assert_cmpstr (changed, ==, "1.0000");
  }
  /* Without a change, the table is as before. */
  plain = wa_ward_csv_table (f->atlas, wards, NULL, &error);
  g_assert_null (strstr (plain, "category"));
  description = wa_ward_csv_description (f->atlas, wards, &context);
  g_assert_nonnull (strstr (description, "\n# Change columns: combined_percentile_2019/2025"));
  g_assert_nonnull (strstr (description, "\n# Crosswalk method:"));
  g_assert_nonnull (strstr (description, "not directly comparable with CNI 2019"));
  g_assert_nonnull (strstr (description, "\n# Sort: combined_rank, ascending\n"));
  /* Rows sorted by a change column say so, not the ward column before it. */
  context.sort_by_change = TRUE;
  context.sort_change = WA_CHANGE_FIELD_CATEGORY;
  context.descending = TRUE;
  g_free (description);
  description = wa_ward_csv_description (f->atlas, wards, &context);
  g_assert_nonnull (strstr (description, "\n# Sort: Since 2019, descending\n"));
}

/* The temporary file replaces the final one whole, or nothing changes
 * and the error names the file. */
static void
test_safe_write_commit_replaces (WaTestDir *f, gconstpointer data)
{
  g_autofree char *final = wa_test_write_file (f->path, "table.csv", "old");
  g_autofree char *tmp = wa_test_write_file (f->path, "table.csv.tmp", "new");
  g_autofree char *missing = g_build_filename (f->path, "gone.tmp", NULL);
  g_autofree char *folder = g_build_filename (f->path, "folder", NULL);
  g_autofree char *inside = g_build_filename (folder, "kept", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (wa_safe_write_commit_file (tmp, final, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (final, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "new");
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));

  g_assert_false (wa_safe_write_commit_file (missing, final, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  /* A non-empty folder where the file should go: the rename fails. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "x", -1, NULL));
  g_free (tmp);
  tmp = wa_test_write_file (f->path, "other.tmp", "newer");
  g_assert_false (wa_safe_write_commit_file (tmp, folder, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
    g_assert_nonnull (strstr (error->message, folder));
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/csv/quoting", test_csv_quoting);
  g_test_add_func ("/export/csv/row", test_csv_row);
  g_test_add_func ("/export/csv/read-back", test_csv_read_back);
  g_test_add_func ("/export/safe-write/replaces", test_safe_write_replaces);
  g_test_add_func ("/export/safe-write/missing-folder", test_safe_write_missing_folder);
  g_test_add_func ("/export/safe-write/read-only-folder", test_safe_write_read_only_folder);
  g_test_add_func ("/export/safe-write/stream", test_safe_write_stream);
  g_test_add_func ("/export/safe-write/commit-file", test_safe_write_commit_file);
  g_test_add ("/export/safe-write/commit-replaces", WaTestDir, NULL, wa_test_dir_set_up,
              test_safe_write_commit_replaces, wa_test_dir_tear_down);
  g_test_add_func ("/export/json/numbers", test_json_numbers);
  g_test_add ("/export/format/table", Fixture, NULL, set_up, test_format_table, tear_down);
  g_test_add ("/export/json/keys", Fixture, NULL, set_up, test_json_keys, tear_down);
  g_test_add ("/export/ward-csv/write", Fixture, NULL, set_up, test_ward_csv_write, tear_down);
  g_test_add ("/export/ward-csv/change", Fixture, NULL, set_up, test_ward_csv_change, tear_down);
  g_test_add ("/export/ward-csv/sidecar", Fixture, NULL, set_up, test_ward_csv_sidecar,
              tear_down);
  g_test_add ("/export/ward-csv/user-lists", Fixture, NULL, set_up, test_ward_csv_user_lists,
              tear_down);
  return g_test_run ();
}
