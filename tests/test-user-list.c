/* test-user-list.c: the user's own asset lists (wa-user-list.h) on the
 * fixture pack: reading tables (each separator and encoding, quoted
 * fields, XLSX and GeoJSON written in code, bad files), locating rows by
 * postcode, lon/lat and easting/northing, the figures, storing and
 * loading, and `ward-atlas-cli assets --list`.
 *
 * The fixture pack's wards are 0.1° squares in a row from (-1, 52):
 * E05000001 (400 residents), E05000002 (400), E05000003 (200) and
 * E05000004 (no population). Its postcodes: AB1 2CD in the first ward,
 * AB1 2CE in the second, AB12 3EF in the third, ZZ9 9ZZ outside every
 * ward. */
#include "wa-test-fixtures.h"
#include "wa-user-list.h"
#include "wa-user-list-private.h"
#include "wa-gdal-util.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

/* Built once: building the fixture pack is the slow part. */
static WaTestSources sources;
static WaAtlas *atlas;

typedef struct {
  char *dir;
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  f->dir = wa_test_tmpdir_new ();
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  wa_test_tmpdir_free (f->dir);
}

static char *
write_bytes (Fixture *f, const char *name, const char *bytes, gssize length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, bytes, length, &error));
  return path;
}

static WaUserTable *
read_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  WaUserTable *table = wa_user_table_read (path, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

/* Fails with WA_ERROR, the message naming the file and holding what. */
static void
assert_read_fails (const char *path, const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaUserTable) table = wa_user_table_read (path, 0, NULL, &error);

  g_assert_null (table);
  g_assert_nonnull (error);
  g_assert_true (error->domain == WA_ERROR);
  g_assert_nonnull (strstr (error->message, path));
  if (strstr (error->message, what) == NULL)
    g_error ("“%s” not in: %s", what, error->message);
}

/* ---- reading ------------------------------------------------------------------ */

static void
test_csv_comma_quoted (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_bytes (f, "list.csv",
    "Name,Post Code,Notes\r\n"
    "\"Hall, the\",AB1 2CD,\"two\r\nlines\"\r\n"
    "\"Say \"\"hi\"\"\",ab12ce,\r\n"
    ",,\r\n"
    "Third,AB12 3EF,x\r\n", -1);
  g_autoptr(WaUserTable) table = read_ok (path);

  g_assert_cmpuint (wa_user_table_get_n_columns (table), ==, 3);
  g_assert_cmpstr (wa_user_table_get_column (table, 1), ==, "Post Code");
  /* The empty row is skipped. */
  g_assert_cmpuint (wa_user_table_get_n_rows (table), ==, 3);
  g_assert_cmpstr (wa_user_table_get_cell (table, 0, 0), ==, "Hall, the");
  g_assert_cmpstr (wa_user_table_get_cell (table, 0, 2), ==, "two\r\nlines");
  g_assert_cmpstr (wa_user_table_get_cell (table, 1, 0), ==, "Say \"hi\"");
  g_assert_cmpstr (wa_user_table_get_cell (table, 1, 2), ==, "");
  g_assert_cmpstr (wa_user_table_describe (table), ==, "CSV, comma-separated, UTF-8");
  g_assert_cmpint (wa_user_table_guess_column (table, "postcode"), ==, 1);
  g_assert_cmpint (wa_user_table_guess_column (table, "name"), ==, 0);
  g_assert_cmpint (wa_user_table_guess_column (table, "lon"), ==, -1);
}

static void
test_csv_semicolon_tab (Fixture *f, gconstpointer data)
{
  /* Commas inside fields must not outvote the header's separator. */
  g_autofree char *semi = write_bytes (f, "semi.csv",
    "site;pcd;x\n\"A, B and C\";AB1 2CD;1,5\n", -1);
  g_autofree char *tab = write_bytes (f, "tab.txt",
    "venue\tzip\nA, B\tAB1 2CD\n", -1);
  g_autoptr(WaUserTable) t1 = read_ok (semi);
  g_autoptr(WaUserTable) t2 = read_ok (tab);

  g_assert_cmpuint (wa_user_table_get_n_columns (t1), ==, 3);
  g_assert_cmpstr (wa_user_table_get_cell (t1, 0, 2), ==, "1,5");
  g_assert_cmpstr (wa_user_table_describe (t1), ==, "CSV, semicolon-separated, UTF-8");
  g_assert_cmpint (wa_user_table_guess_column (t1, "postcode"), ==, 1);
  g_assert_cmpuint (wa_user_table_get_n_columns (t2), ==, 2);
  g_assert_cmpstr (wa_user_table_get_cell (t2, 0, 0), ==, "A, B");
  g_assert_cmpstr (wa_user_table_describe (t2), ==, "CSV, tab-separated, UTF-8");
  g_assert_cmpint (wa_user_table_guess_column (t2, "postcode"), ==, 1);
  g_assert_cmpint (wa_user_table_guess_column (t2, "name"), ==, 0);
}

static void
test_csv_encodings (Fixture *f, gconstpointer data)
{
  g_autofree char *bom = write_bytes (f, "bom.csv", "\xEF\xBB\xBFname,postcode\nCaf\xC3\xA9,AB1 2CD\n", -1);
  /* "Café" and "£5" in Windows-1252: bytes 0xE9 and 0xA3, invalid UTF-8. */
  g_autofree char *cp1252 = write_bytes (f, "cp1252.csv", "name;postcode\nCaf\xE9 \xA3" "5;AB1 2CD\n", -1);
  g_autoptr(WaUserTable) t1 = read_ok (bom);
  g_autoptr(WaUserTable) t2 = read_ok (cp1252);

  g_assert_cmpstr (wa_user_table_get_column (t1, 0), ==, "name");
  g_assert_cmpstr (wa_user_table_get_cell (t1, 0, 0), ==, "Caf\xC3\xA9");
  g_assert_cmpstr (wa_user_table_describe (t1), ==, "CSV, comma-separated, UTF-8 with BOM");
  g_assert_cmpstr (wa_user_table_get_cell (t2, 0, 0), ==, "Caf\xC3\xA9 \xC2\xA3" "5");
  g_assert_cmpstr (wa_user_table_describe (t2), ==, "CSV, semicolon-separated, Windows-1252");
  {
    /* 0x81 is unused in Windows-1252: read as Latin-1 rather than refused.
     * Excel's "sep=" line names the separator and is not the header. */
    g_autofree char *latin1 = write_bytes (f, "latin1.csv", "sep=|\r\nname|postcode\r\nA\x81\xE9|AB1 2CD\r\n", -1);
    g_autoptr(WaUserTable) t3 = read_ok (latin1);

    g_assert_cmpstr (wa_user_table_get_column (t3, 1), ==, "postcode");
    g_assert_cmpstr (wa_user_table_get_cell (t3, 0, 0), ==, "A\xC2\x81\xC3\xA9");
    g_assert_cmpstr (wa_user_table_describe (t3), ==, "CSV, separated by “|”, ISO-8859-1");
  }
}

/* Writes dir/name through GDAL's XLSX driver: one sheet, the first row
 * the field names, then the rows (n_fields cells each). */
static char *
write_xlsx (Fixture *f, const char *name, const char *const *fields, guint n_fields,
            const char *const *cells, guint n_rows)
{
  char *path = g_build_filename (f->dir, name, NULL);
  GDALDriverH driver;
  GDALDatasetH dataset;
  OGRLayerH layer;

  wa_gdal_init ();
  driver = GDALGetDriverByName ("XLSX");
  g_assert_nonnull (driver);
  dataset = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (dataset);
  layer = GDALDatasetCreateLayer (dataset, "Services", NULL, wkbNone, NULL);
  for (guint i = 0; i < n_fields; i++)
    {
      OGRFieldDefnH field = OGR_Fld_Create (fields[i], OFTString);

      OGR_L_CreateField (layer, field, TRUE);
      OGR_Fld_Destroy (field);
    }
  for (guint r = 0; r < n_rows; r++)
    {
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));

      for (guint i = 0; i < n_fields; i++)
        if (cells[r * n_fields + i] != NULL)
          OGR_F_SetFieldString (feature, (int) i, cells[r * n_fields + i]);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  return path;
}

static void
test_xlsx (Fixture *f, gconstpointer data)
{
  static const char *const fields[] = { "Site name", "Postcode" };
  static const char *const cells[] = { "Hall", "AB1 2CD", "Library", "01234" };
  /* A title in the first cell, the rest of the first row empty (GDAL
   * writes an unnamed column as "Field2", as it reads one). */
  static const char *const title[] = { "Council services 2024", "Field2" };
  g_autofree char *path = write_xlsx (f, "list.xlsx", fields, 2, cells, 2);
  g_autofree char *titled = write_xlsx (f, "titled.xlsx", title, 2, cells, 2);
  g_autoptr(WaUserTable) table = read_ok (path);

  g_assert_cmpuint (wa_user_table_get_n_columns (table), ==, 2);
  g_assert_cmpstr (wa_user_table_get_column (table, 0), ==, "Site name");
  g_assert_cmpuint (wa_user_table_get_n_rows (table), ==, 2);
  g_assert_cmpstr (wa_user_table_get_cell (table, 0, 1), ==, "AB1 2CD");
  /* Text stays text: a leading zero is kept. */
  g_assert_cmpstr (wa_user_table_get_cell (table, 1, 1), ==, "01234");
  g_assert_cmpint (wa_user_table_guess_column (table, "name"), ==, 0);
  g_assert_cmpint (wa_user_table_guess_column (table, "postcode"), ==, 1);
  g_assert_nonnull (strstr (wa_user_table_describe (table), "XLSX"));
  assert_read_fails (titled, "looks like a title, not column names");
}

static void
test_geojson (Fixture *f, gconstpointer data)
{
  /* One point in WGS 84, one in British National Grid (a GeoPackage
   * written through GDAL), both read as lon/lat columns in degrees. */
  g_autofree char *path = write_bytes (f, "list.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"title\":\"Hall\",\"size\":3},"
    "\"geometry\":{\"type\":\"Point\",\"coordinates\":[-0.95,52.05]}},"
    "{\"type\":\"Feature\",\"properties\":{\"title\":\"Nowhere\",\"size\":null},\"geometry\":null}]}", -1);
  g_autoptr(WaUserTable) table = read_ok (path);
  g_autofree char *gpkg = g_build_filename (f->dir, "bng.gpkg", NULL);
  OGRSpatialReferenceH bng = wa_gdal_srs_new (27700);
  GDALDatasetH dataset = GDALCreate (GDALGetDriverByName ("GPKG"), gpkg, 0, 0, 0, GDT_Unknown, NULL);
  OGRLayerH layer = GDALDatasetCreateLayer (dataset, "venues", bng, wkbPoint, NULL);
  OGRFieldDefnH field = OGR_Fld_Create ("name", OFTString);
  OGRFeatureH feature;
  OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);

  g_assert_cmpuint (wa_user_table_get_n_columns (table), ==, 4);
  g_assert_cmpstr (wa_user_table_get_column (table, 2), ==, "lon");
  g_assert_cmpstr (wa_user_table_get_column (table, 3), ==, "lat");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (wa_user_table_get_cell (table, 0, 2), NULL), -0.95, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (wa_user_table_get_cell (table, 0, 3), NULL), 52.05, 1e-9);
  g_assert_cmpstr (wa_user_table_get_cell (table, 1, 2), ==, "");
  g_assert_cmpstr (wa_user_table_get_cell (table, 0, 1), ==, "3");
  g_assert_cmpint (wa_user_table_guess_column (table, "lon"), ==, 2);
  g_assert_cmpint (wa_user_table_guess_column (table, "lat"), ==, 3);
  g_assert_cmpint (wa_user_table_guess_column (table, "name"), ==, 0);
  {
    /* A damaged name (bytes that are not UTF-8) reaches the dialog as text. */
    g_autofree char *bad = write_bytes (f, "bad.geojson",
      "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
      "{\"n\xff\":\"a\"},\"geometry\":null}]}", -1);
    g_autoptr(WaUserTable) t3 = read_ok (bad);

    g_assert_true (g_utf8_validate (wa_user_table_get_column (t3, 0), -1, NULL));
  }

  OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);
  feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  OGR_F_SetFieldString (feature, 0, "Hall");
  OGR_G_SetPoint_2D (point, 0, 472100.728, 239587.824);   /* -0.95, 52.05 */
  OGR_F_SetGeometryDirectly (feature, point);
  g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
  OGR_F_Destroy (feature);
  GDALClose (dataset);
  OSRDestroySpatialReference (bng);
  {
    g_autoptr(WaUserTable) t2 = read_ok (gpkg);

    g_assert_cmpstr (wa_user_table_get_column (t2, 1), ==, "lon");
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (wa_user_table_get_cell (t2, 0, 1), NULL), -0.95, 1e-6);
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (wa_user_table_get_cell (t2, 0, 2), NULL), 52.05, 1e-6);
  }
}

static void
test_bad_tables (Fixture *f, gconstpointer data)
{
  g_autofree char *binary = write_bytes (f, "binary.csv", "name,postcode\n\0\1\2\3", 18);
  g_autofree char *empty = write_bytes (f, "empty.csv", "", 0);
  g_autofree char *blank = write_bytes (f, "blank.csv", "\n\n,,\n", -1);
  g_autofree char *title = write_bytes (f, "title.csv",
    "Council services 2024,,\nname,postcode,phone\nHall,AB1 2CD,1\n", -1);
  g_autofree char *merged = write_bytes (f, "merged.csv",
    "name,,phone\nHall,AB1 2CD,1\n", -1);

  assert_read_fails (binary, "binary file");
  assert_read_fails (empty, "empty");
  assert_read_fails (blank, "no header");
  assert_read_fails (title, "looks like a title, not column names");
  assert_read_fails (merged, "column 2 has values but no name");
  assert_read_fails (f->dir, "folder");
}

static void
test_row_limit (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_bytes (f, "long.csv", "name\na\nb\nc\nd\n", -1);
  g_autoptr(GError) error = NULL;

  wa_user_table_set_row_limit (3);
  assert_read_fails (path, "more than 3 rows");
  {
    /* A preview reads the first rows whatever the limit. */
    g_autoptr(WaUserTable) preview = wa_user_table_read (path, 2, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (wa_user_table_get_n_rows (preview), ==, 2);
  }
  wa_user_table_set_row_limit (4);
  {
    g_autoptr(WaUserTable) table = read_ok (path);

    g_assert_cmpuint (wa_user_table_get_n_rows (table), ==, 4);
  }
  wa_user_table_set_row_limit (0);
  g_assert_cmpuint (wa_user_table_get_row_limit (), ==, WA_USER_TABLE_MAX_ROWS);
}

/* ---- locating ------------------------------------------------------------------ */

static WaUserList *
locate (const char *path, WaUserListColumns *columns, GError **error)
{
  g_autoptr(WaUserTable) table = read_ok (path);

  return wa_user_list_locate (atlas, table, columns, "Council services", NULL, NULL, NULL, error);
}

static guint
ward_index (const char *code)
{
  return wa_ward_get_index (wa_atlas_lookup_ward (atlas, code));
}

static void
test_locate_postcodes (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_bytes (f, "list.csv",
    "name,postcode\n"
    "Hall,ab1 2cd\n"          /* any case and spacing */
    "Unknown one,XX1 1XX\n"
    "Library,AB12 3EF\n"
    ",AB1 2CE\n"              /* no name: "Row 4" */
    "Pier,ZZ9 9ZZ\n"          /* outside every ward */
    "Blank,\n"
    "Junk,not a postcode\n"
    "Unknown two,xx2  2xx\n"
    "Annex,AB1 2CD\n", -1);
  WaUserListColumns columns = { .name_column = 0, .locate = WA_USER_LIST_BY_POSTCODE, .postcode_column = 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WaUserList) list = locate (path, &columns, &error);
  const WaUserListReport *r;
  const guint *places;
  guint n;
  g_autofree char *csv = NULL;

  g_assert_no_error (error);
  r = wa_user_list_get_report (list);
  g_assert_cmpuint (r->n_rows, ==, 9);
  g_assert_cmpuint (r->n_located, ==, 4);
  g_assert_cmpuint (r->n_not_found, ==, 2);
  g_assert_cmpuint (r->n_outside, ==, 1);
  g_assert_cmpuint (r->n_no_position, ==, 2);
  g_assert_cmpuint (r->n_located + r->n_not_found + r->n_outside + r->n_no_position, ==, r->n_rows);
  /* As written, in row order. */
  g_assert_cmpuint (g_strv_length (r->not_found), ==, 2);
  g_assert_cmpstr (r->not_found[0], ==, "XX1 1XX");
  g_assert_cmpstr (r->not_found[1], ==, "xx2  2xx");
  csv = wa_user_list_dup_not_found_csv (list);
  g_assert_cmpstr (csv, ==, "postcode\nXX1 1XX\nxx2  2xx\n");

  g_assert_cmpstr (wa_user_list_get_name (list), ==, "Council services");
  g_assert_cmpstr (wa_user_list_get_id (list), ==, "council-services");
  g_assert_cmpstr (wa_user_list_get_source (list), ==, "list.csv");
  g_assert_cmpuint (wa_user_list_get_n_places (list), ==, 4);
  g_assert_cmpuint (wa_user_list_get_count (list, ward_index ("E05000001")), ==, 2);
  g_assert_cmpuint (wa_user_list_get_count (list, ward_index ("E05000002")), ==, 1);
  g_assert_cmpuint (wa_user_list_get_count (list, ward_index ("E05000003")), ==, 1);
  g_assert_cmpuint (wa_user_list_get_count (list, ward_index ("E05000004")), ==, 0);
  /* A ward's places by name, with the postcode in display form. */
  places = wa_user_list_get_ward_places (list, ward_index ("E05000001"), &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (wa_user_list_get_place (list, places[0])->name, ==, "Annex");
  g_assert_cmpstr (wa_user_list_get_place (list, places[1])->name, ==, "Hall");
  g_assert_cmpstr (wa_user_list_get_place (list, places[1])->postcode, ==, "AB1 2CD");
  places = wa_user_list_get_ward_places (list, ward_index ("E05000002"), &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (wa_user_list_get_place (list, places[0])->name, ==, "Row 4");
  g_assert_null (wa_user_list_get_ward_places (list, ward_index ("E05000004"), &n));
  g_assert_cmpuint (n, ==, 0);

  {
    /* The map's query: the first two wards' squares only. */
    WaBBox box = { -1.0, 52.0, -0.81, 52.1 };
    g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));

    wa_user_list_query (list, &box, found);
    g_assert_cmpuint (found->len, ==, 3);
  }
}

static void
test_locate_coordinates (Fixture *f, gconstpointer data)
{
  g_autofree char *lonlat = write_bytes (f, "lonlat.csv",
    "name,longitude,latitude\nA,-0.95,52.05\nB,-0.65,52.01\nC,1.5,50.5\nD,abc,52\nE,,\n", -1);
  /* The same first two places in British National Grid. */
  g_autofree char *bng = write_bytes (f, "bng.csv",
    "name;easting;northing\nA;472100.728;239587.824\nB;478958.026;239691.624\nC;1e9;5\n", -1);
  WaUserListColumns columns = { .name_column = 0, .locate = WA_USER_LIST_BY_LON_LAT, .x_column = 1, .y_column = 2 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WaUserList) list = locate (lonlat, &columns, &error);
  g_autoptr(WaUserList) list2 = NULL;
  const WaUserListReport *r;

  g_assert_no_error (error);
  r = wa_user_list_get_report (list);
  g_assert_cmpuint (r->n_located, ==, 2);
  g_assert_cmpuint (r->n_outside, ==, 1);
  g_assert_cmpuint (r->n_no_position, ==, 2);
  g_assert_cmpuint (wa_user_list_get_count (list, ward_index ("E05000001")), ==, 1);
  g_assert_cmpuint (wa_user_list_get_count (list, ward_index ("E05000004")), ==, 1);
  g_assert_null (wa_user_list_get_place (list, 0)->postcode);

  {
    g_autoptr(WaUserTable) table = read_ok (bng);

    g_assert_cmpint (wa_user_table_guess_column (table, "easting"), ==, 1);
    g_assert_cmpint (wa_user_table_guess_column (table, "northing"), ==, 2);
  }
  columns.locate = WA_USER_LIST_BY_EASTING_NORTHING;
  list2 = locate (bng, &columns, &error);
  g_assert_no_error (error);
  r = wa_user_list_get_report (list2);
  g_assert_cmpuint (r->n_located, ==, 2);
  g_assert_cmpuint (r->n_no_position, ==, 1);
  g_assert_cmpuint (wa_user_list_get_count (list2, ward_index ("E05000001")), ==, 1);
  g_assert_cmpuint (wa_user_list_get_count (list2, ward_index ("E05000002")), ==, 1);
  g_assert_cmpfloat_with_epsilon (wa_user_list_get_place (list2, 0)->lon, -0.95, 1e-5);
  g_assert_cmpfloat_with_epsilon (wa_user_list_get_place (list2, 0)->lat, 52.05, 1e-5);
}

static void
assert_locate_fails (Fixture *f, const char *contents, WaUserListColumns *columns, const char *what)
{
  g_autofree char *path = write_bytes (f, "bad.csv", contents, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(WaUserList) list = locate (path, columns, &error);

  g_assert_null (list);
  g_assert_error (error, WA_ERROR, WA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, path));
  if (strstr (error->message, what) == NULL)
    g_error ("“%s” not in: %s", what, error->message);
}

static void
test_nothing_located (Fixture *f, gconstpointer data)
{
  WaUserListColumns by_name = { .name_column = -1, .locate = WA_USER_LIST_BY_POSTCODE, .postcode_column = 0 };
  WaUserListColumns by_postcode = { .name_column = 0, .locate = WA_USER_LIST_BY_POSTCODE, .postcode_column = 1 };
  WaUserListColumns no_column = { .name_column = 0, .locate = WA_USER_LIST_BY_POSTCODE, .postcode_column = 7 };
  WaUserListColumns swapped = { .name_column = 0, .locate = WA_USER_LIST_BY_LON_LAT, .x_column = 1, .y_column = 2 };

  /* The names chosen as postcodes: no usable column. */
  assert_locate_fails (f, "name,postcode\nHall,AB1 2CD\nLibrary,AB12 3EF\n", &by_name,
                       "column “name” holds no postcodes");
  assert_locate_fails (f, "name,postcode\nHall,XX1 1XX\nLibrary,XX2 2XX\n", &by_postcode,
                       "none of the 2 postcodes in column “postcode” is in the pack");
  assert_locate_fails (f, "name,postcode\nHall,AB1 2CD\n", &no_column, "choose the column that holds postcodes");
  assert_locate_fails (f, "name,e,n\nHall,472100,239587\n", &swapped,
                       "hold no longitudes and latitudes");
  assert_locate_fails (f, "name,postcode\nPier,ZZ9 9ZZ\n", &by_postcode, "none of the 1 places lies inside");
}

static gboolean cancel_on_progress;

static void
on_progress (guint done, guint total, gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_assert_cmpuint (done, <=, total);
  if (cancel_on_progress)
    g_cancellable_cancel (cancellable);
}

static void
test_cancelled (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) text = g_string_new ("name,postcode\n");
  g_autofree char *path = NULL;
  g_autoptr(WaUserTable) table = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  WaUserListColumns columns = { .name_column = 0, .locate = WA_USER_LIST_BY_POSTCODE, .postcode_column = 1 };
  WaUserListColumns lonlat = { .name_column = 0, .locate = WA_USER_LIST_BY_LON_LAT, .x_column = 1, .y_column = 1 };

  /* 2,500 distinct postcodes: more than one step of lookups. */
  for (int i = 0; i < 2500; i++)
    g_string_append_printf (text, "P%d,AB%d %d%s\n", i, 1 + i % 99, (i / 99) % 10,
                            (const char *[]) { "AB", "DE", "FG" }[i / 990]);
  path = write_bytes (f, "many.csv", text->str, -1);
  table = read_ok (path);
  cancel_on_progress = TRUE;
  for (int way = 0; way < 2; way++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WaUserList) list = NULL;

      g_cancellable_reset (cancellable);
      list = wa_user_list_locate (atlas, table, way == 0 ? &columns : &lonlat, "x", on_progress,
                                  cancellable, cancellable, &error);
      g_assert_null (list);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
}

static void
test_damaged_pack (Fixture *f, gconstpointer data)
{
  /* A copy of the pack with one postcode row moved: the import fails
   * whole, naming the pack, rather than placing the rest. */
  g_autofree char *copy = g_build_filename (f->dir, "damaged.gpkg", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *path = write_bytes (f, "list.csv", "name,postcode\nHall,AB1 2CD\nLibrary,AB12 3EF\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) damaged = NULL;
  g_autoptr(WaUserTable) table = read_ok (path);
  g_autoptr(WaUserList) list = NULL;
  WaUserListColumns columns = { .name_column = 0, .locate = WA_USER_LIST_BY_POSTCODE, .postcode_column = 1 };
  gsize length;

  g_assert_true (g_file_get_contents (sources.output, &contents, &length, &error));
  g_assert_true (g_file_set_contents (copy, contents, length, &error));
  wa_test_pack_run_sql (copy, "UPDATE postcodes SET lon = lon + 0.1 WHERE postcode = 'AB123EF'");
  damaged = wa_atlas_open (copy, &error);
  g_assert_no_error (error);
  list = wa_user_list_locate (damaged, table, &columns, "x", NULL, NULL, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, WA_ERROR, WA_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, copy));
}

/* ---- figures ---------------------------------------------------------------------- */

static void
test_figures (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_bytes (f, "list.csv",
    "name,postcode\nA,AB1 2CD\nB,AB1 2CD\nC,AB1 2CE\nD,AB12 3EF\n", -1);
  WaUserListColumns columns = { .name_column = 0, .locate = WA_USER_LIST_BY_POSTCODE, .postcode_column = 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WaUserList) list = locate (path, &columns, &error);
  guint w1 = ward_index ("E05000001");
  WaAssetStat s;
  WaBenchmarkRow row;
  g_autoptr(GArray) similar = NULL;

  g_assert_no_error (error);
  wa_user_list_summarise (list, atlas, w1, &s);
  g_assert_cmpint (s.category, ==, WA_N_ASSET_CATEGORIES);
  g_assert_true (s.covered);
  g_assert_cmpuint (s.count, ==, 2);
  /* 2 places, 400 residents: 5 per 1,000. */
  g_assert_cmpfloat_with_epsilon (s.rate, 5.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (wa_user_list_get_rate (list, w1), 5.0, 1e-9);
  g_assert_true (isnan (wa_user_list_get_rate (list, ward_index ("E05000004"))));
  /* England: 4 places over the 1,000 residents of the wards with a population. */
  g_assert_cmpfloat_with_epsilon (s.england_rate, 4.0, 1e-9);
  /* Rates 5, 2.5, 5 (the fourth ward has no population). */
  g_assert_cmpuint (s.n_covered, ==, 3);
  g_assert_cmpfloat_with_epsilon (s.england_median, 5.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (s.mean_rate, 12.5 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (s.share_with_any, 1.0, 1e-9);
  g_assert_false (s.rare);
  g_assert_cmpfloat (s.scale_max, >=, 5.0);
  /* Similar wards: chosen among every ward, as the built-ins' chooser does. */
  similar = wa_assets_dup_similar_wards (wa_atlas_get_assets (atlas), w1, WA_N_ASSET_CATEGORIES);
  g_assert_cmpuint (s.n_similar, ==, similar->len);
  g_assert_cmpuint (similar->len, >, 0);

  wa_user_list_benchmark (list, atlas, &row);
  g_assert_cmpint (row.category, ==, WA_N_ASSET_CATEGORIES);
  g_assert_cmpuint (row.england.count, ==, 4);
  g_assert_cmpint (row.england.residents, ==, 1000);
  g_assert_cmpfloat_with_epsilon (row.england.rate, 400.0, 1e-9);
  g_assert_cmpuint (row.n_wards_no_population, ==, 1);
  g_assert_cmpuint (row.groups[WA_BENCHMARK_LEFT_BEHIND].count + row.groups[WA_BENCHMARK_OTHER_DEPRIVED].count
                    + row.groups[WA_BENCHMARK_REST].count, ==, 4);
}

/* ---- storing ------------------------------------------------------------------------ */

static void
test_save_load (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_bytes (f, "list.csv",
    "name,postcode\n\"Hall \"\"A\"\"\",AB1 2CD\nLibrary,AB12 3EF\nGone,XX1 1XX\n", -1);
  g_autofree char *dir = g_build_filename (f->dir, "lists", NULL);
  WaUserListColumns columns = { .name_column = 0, .locate = WA_USER_LIST_BY_POSTCODE, .postcode_column = 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WaUserList) list = locate (path, &columns, &error);
  g_autoptr(WaUserList) twin = locate (path, &columns, &error);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autofree char *problems = NULL;
  WaUserList *back;
  const WaUserListReport *r;

  g_assert_no_error (error);
  wa_user_list_set_shape (list, WA_ASSET_SHAPE_STAR);
  wa_user_list_set_rgb (list, 0x12ab34);
  g_assert_true (wa_user_list_save (list, dir, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wa_user_list_get_id (list), ==, "council-services");
  /* Saving again (a rename) keeps the file; another list of the same name gets its own. */
  wa_user_list_set_name (list, "Renamed services");
  g_assert_true (wa_user_list_save (list, dir, &error));
  g_assert_cmpstr (wa_user_list_get_id (list), ==, "council-services");
  g_assert_true (wa_user_list_save (twin, dir, &error));
  g_assert_cmpstr (wa_user_list_get_id (twin), ==, "council-services-2");

  loaded = wa_user_lists_load (atlas, dir, &problems);
  g_assert_null (problems);
  g_assert_cmpuint (loaded->len, ==, 2);
  /* By name: "Council services" before "Renamed services". */
  back = g_ptr_array_index (loaded, 1);
  g_assert_cmpstr (wa_user_list_get_name (back), ==, "Renamed services");
  g_assert_cmpstr (wa_user_list_get_id (back), ==, "council-services");
  g_assert_cmpint (wa_user_list_get_shape (back), ==, WA_ASSET_SHAPE_STAR);
  g_assert_cmphex (wa_user_list_get_rgb (back), ==, 0x12ab34);
  g_assert_cmpstr (wa_user_list_get_source (back), ==, "list.csv");
  g_assert_cmpint (wa_user_list_get_created (back), ==, wa_user_list_get_created (list));
  g_assert_cmpuint (wa_user_list_get_n_places (back), ==, 2);
  g_assert_cmpstr (wa_user_list_get_place (back, 0)->name, ==, "Hall \"A\"");
  g_assert_cmpstr (wa_user_list_get_place (back, 0)->postcode, ==, "AB1 2CD");
  g_assert_cmpuint (wa_user_list_get_count (back, ward_index ("E05000003")), ==, 1);
  r = wa_user_list_get_report (back);
  g_assert_cmpuint (r->n_rows, ==, 3);
  g_assert_cmpuint (r->n_not_found, ==, 1);
  g_assert_cmpstr (r->not_found[0], ==, "XX1 1XX");

  g_assert_true (wa_user_list_delete (dir, "council-services-2", &error));
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = wa_user_lists_load (atlas, dir, NULL);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_false (wa_user_list_delete (dir, "../x", &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_INVALID);
}

static void
test_load_damaged (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_bytes (f, "list.csv", "name,postcode\nHall,AB1 2CD\nPier,ZZ9 9ZZ\n", -1);
  g_autofree char *dir = g_build_filename (f->dir, "lists", NULL);
  WaUserListColumns columns = { .name_column = 0, .locate = WA_USER_LIST_BY_POSTCODE, .postcode_column = 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WaUserList) list = locate (path, &columns, &error);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *truncated = NULL;
  g_autofree char *outside = NULL;
  gsize length;

  g_assert_true (wa_user_list_save (list, dir, &error));
  stored = g_build_filename (dir, "council-services.geojson", NULL);
  g_assert_true (g_file_get_contents (stored, &truncated, &length, &error));
  /* Cut half-way, as a crash of another program might leave it. */
  g_assert_true (g_file_set_contents (stored, truncated, length / 2, &error));
  g_free (wa_test_write_file (dir, "other.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}"));
  /* A stored place outside every ward of this pack is dropped on load. */
  outside = g_strdup ("{\"type\":\"FeatureCollection\",\"ward_atlas_list\":{\"version\":1,\"name\":\"Far\"},"
                      "\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[-0.95,52.05]},"
                      "\"properties\":{\"name\":\"In\"}},{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
                      "\"coordinates\":[5,40]},\"properties\":{\"name\":\"Out\"}}]}");
  g_free (wa_test_write_file (dir, "far.geojson", outside));

  loaded = wa_user_lists_load (atlas, dir, &problems);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpstr (wa_user_list_get_name (g_ptr_array_index (loaded, 0)), ==, "Far");
  g_assert_cmpuint (wa_user_list_get_n_places (g_ptr_array_index (loaded, 0)), ==, 1);
  g_assert_cmpuint (wa_user_list_get_n_dropped (g_ptr_array_index (loaded, 0)), ==, 1);
  g_assert_nonnull (problems);
  g_assert_nonnull (strstr (problems, stored));
  g_assert_nonnull (strstr (problems, "other.geojson"));
  g_assert_nonnull (strchr (problems, '\n'));

  {
    /* A folder not there yet: no lists, no problem. */
    g_autofree char *none = g_build_filename (f->dir, "none", NULL);
    g_autofree char *none_problems = NULL;
    g_autoptr(GPtrArray) empty = wa_user_lists_load (atlas, none, &none_problems);

    g_assert_cmpuint (empty->len, ==, 0);
    g_assert_null (none_problems);
  }
}

static void
test_default_dir (void)
{
  g_autofree char *dir = NULL;

  g_setenv ("WARD_ATLAS_LISTS_DIR", "/tmp/somewhere", TRUE);
  dir = wa_user_lists_default_dir ();
  g_assert_cmpstr (dir, ==, "/tmp/somewhere");
  g_unsetenv ("WARD_ATLAS_LISTS_DIR");
  g_free (dir);
  dir = wa_user_lists_default_dir ();
  g_assert_true (g_str_has_suffix (dir, "/ward-atlas/lists"));
}

/* ---- the CLI ------------------------------------------------------------------------- */

static int
run_cli (char **out, char **err, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("WA_CLI");
  const char *arg;
  va_list args;
  int status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) (g_strcmp0 (arg, "PACK") == 0 ? sources.output : arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_bytes (f, "list.csv",
    "Site;Postcode\nHall;AB1 2CD\nAnnex;AB1 2CD\nLibrary;AB12 3EF\nGone;XX1 1XX\n", -1);
  g_autofree char *lonlat = write_bytes (f, "lonlat.csv", "name,lon,lat\nA,-0.85,52.05\n", -1);
  char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "assets", "PACK", "--list", path, "--postcode-column", "postcode",
                            "--name-column", "Site", NULL), ==, 0);
  g_assert_nonnull (strstr (err, "4 rows: 3 located"));
  g_assert_nonnull (strstr (err, "1 postcodes not found"));
  g_assert_nonnull (strstr (err, "XX1 1XX"));
  g_assert_nonnull (strstr (out, "E05000001"));
  g_assert_nonnull (strstr (out, "E05000003"));
  g_assert_null (strstr (out, "E05000002"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "assets", "PACK", "--list", path, "--postcode-column", "2",
                            "--format", "csv", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "ward_code,ward_name,council,count,rate_per_1000,england_rate_per_1000\n"
                                        "E05000001,One,Testshire,2,5.0000,3.0000\n"
                                        "E05000003,Three,Testshire,1,5.0000,3.0000\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "assets", "PACK", "--list", path, "--postcode-column", "Postcode",
                            "--ward", "E05000001", "--format", "json", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"count\" : 2"));
  g_assert_nonnull (strstr (out, "\"rate_per_1000\" : 5.0"));
  g_assert_nonnull (strstr (out, "\"england_per_100000\" : 300.0"));
  g_assert_nonnull (strstr (out, "\"left_behind_per_100000\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "assets", "PACK", "--list", lonlat, "--lon-column", "lon",
                            "--lat-column", "lat", "--ward", "E05000002", "--format", "text", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "E05000002 Two"));
  g_assert_nonnull (strstr (out, "Left-behind wards"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Errors name the file. */
  g_assert_cmpint (run_cli (&out, &err, "assets", "PACK", "--list", path, "--postcode-column", "pc", NULL), ==, 1);
  g_assert_nonnull (strstr (err, path));
  g_assert_nonnull (strstr (err, "no column “pc”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "assets", "PACK", "--list", path, "--name-column", "Site", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--postcode-column"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "assets", "PACK", "--list", f->dir, "--postcode-column", "1", NULL), ==, 1);
  g_assert_nonnull (strstr (err, f->dir));
  g_free (out);
  g_free (err);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  wa_gdal_init ();
#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, tear_down)
  ADD ("/user-list/csv-comma-quoted", test_csv_comma_quoted);
  ADD ("/user-list/csv-semicolon-tab", test_csv_semicolon_tab);
  ADD ("/user-list/csv-encodings", test_csv_encodings);
  ADD ("/user-list/xlsx", test_xlsx);
  ADD ("/user-list/geojson", test_geojson);
  ADD ("/user-list/bad-tables", test_bad_tables);
  ADD ("/user-list/row-limit", test_row_limit);
  ADD ("/user-list/locate-postcodes", test_locate_postcodes);
  ADD ("/user-list/locate-coordinates", test_locate_coordinates);
  ADD ("/user-list/nothing-located", test_nothing_located);
  ADD ("/user-list/cancelled", test_cancelled);
  ADD ("/user-list/damaged-pack", test_damaged_pack);
  ADD ("/user-list/figures", test_figures);
  ADD ("/user-list/save-load", test_save_load);
  ADD ("/user-list/load-damaged", test_load_damaged);
  ADD ("/user-list/cli", test_cli);
  g_test_add_func ("/user-list/default-dir", test_default_dir);

  wa_test_sources_init (&sources);
  atlas = wa_test_sources_open (&sources, TRUE);
  status = g_test_run ();
  g_clear_object (&atlas);
  wa_test_sources_clear (&sources);
  return status;
}
