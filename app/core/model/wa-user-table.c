/* wa-user-table.c: the table a user list is read from (wa-user-list.h).
 *
 * CSV is read here rather than through GDAL's CSV driver: the separator
 * and the encoding are guessed from the file (people save "CSV" from
 * Excel as semicolon-separated Windows-1252), and a quoted field may hold
 * separators and line breaks. XLSX, GeoJSON and GeoPackage go through
 * GDAL. Both paths end in the same header checks, so a title row above
 * the column names or merged header cells fail the same way. */
#include "wa-user-list.h"
#include "wa-user-list-private.h"
#include "wa-error.h"
#include "wa-file-check.h"
#include "wa-gdal-util.h"
#include "wa-postcode.h"

#include <cpl_conv.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

struct _WaUserTable {
  char *path;
  GPtrArray *columns;      /* char* */
  GPtrArray *rows;         /* char** of n_columns cells each, "" for empty */
  char *description;
};

static guint row_limit = WA_USER_TABLE_MAX_ROWS;

void
wa_user_table_set_row_limit (guint limit)
{
  row_limit = limit > 0 ? limit : WA_USER_TABLE_MAX_ROWS;
}

guint
wa_user_table_get_row_limit (void)
{
  return row_limit;
}

void
wa_user_table_free (WaUserTable *table)
{
  if (table == NULL)
    return;
  g_free (table->path);
  g_ptr_array_unref (table->columns);
  g_ptr_array_unref (table->rows);
  g_free (table->description);
  g_free (table);
}

guint
wa_user_table_get_n_columns (WaUserTable *table)
{
  return table->columns->len;
}

const char *
wa_user_table_get_column (WaUserTable *table, guint column)
{
  g_return_val_if_fail (column < table->columns->len, NULL);
  return g_ptr_array_index (table->columns, column);
}

guint
wa_user_table_get_n_rows (WaUserTable *table)
{
  return table->rows->len;
}

const char *
wa_user_table_get_cell (WaUserTable *table, guint row, guint column)
{
  g_return_val_if_fail (row < table->rows->len && column < table->columns->len, NULL);
  return ((char **) g_ptr_array_index (table->rows, row))[column];
}

const char *
wa_user_table_get_path (WaUserTable *table)
{
  return table->path;
}

const char *
wa_user_table_describe (WaUserTable *table)
{
  return table->description;
}

static WaUserTable *
table_new (const char *path)
{
  WaUserTable *table = g_new0 (WaUserTable, 1);

  table->path = g_strdup (path);
  table->columns = g_ptr_array_new_with_free_func (g_free);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return table;
}

static gboolean
cell_empty (const char *cell)
{
  for (; cell != NULL && *cell != '\0'; cell++)
    if (!g_ascii_isspace (*cell))
      return FALSE;
  return TRUE;
}

static gboolean
too_many_rows (const char *path, guint n, GError **error)
{
  if (n <= row_limit)
    return FALSE;
  g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
               _("%s: more than %u rows; a list can hold at most %u places"),
               path, row_limit, row_limit);
  return TRUE;
}

/* ---- the header checks both readers share --------------------------------- */

/* header: the first row's cells (NULL or "" where empty); raw_rows: the
 * data rows as GPtrArray* of cells, any width. Builds table->columns and
 * table->rows, every row n_columns wide. */
static gboolean
finish_table (WaUserTable *table, GPtrArray *header, GPtrArray *raw_rows, GError **error)
{
  g_autofree gboolean *has_data = NULL;
  guint width = 0, n_named = 0, n_columns = header->len;

  for (guint r = 0; r < raw_rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (raw_rows, r);

      for (guint c = row->len; c > 0; c--)
        if (!cell_empty (g_ptr_array_index (row, c - 1)))
          {
            width = MAX (width, c);
            break;
          }
    }
  for (guint c = 0; c < header->len; c++)
    n_named += !cell_empty (g_ptr_array_index (header, c));
  if (n_named == 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: the first row is empty; it must hold the column names"), table->path);
      return FALSE;
    }
  if (n_named == 1 && width > 1)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: the first row looks like a title, not column names (one filled cell "
                     "above %u columns); delete the rows above the column names"),
                   table->path, width);
      return FALSE;
    }
  n_columns = MAX (header->len, width);
  /* Trailing unnamed columns without data are dropped. */
  while (n_columns > 0 && n_columns > width
         && cell_empty (n_columns - 1 < header->len ? g_ptr_array_index (header, n_columns - 1) : NULL))
    n_columns--;
  has_data = g_new0 (gboolean, MAX (n_columns, 1));
  for (guint r = 0; r < raw_rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (raw_rows, r);

      for (guint c = 0; c < MIN (row->len, n_columns); c++)
        has_data[c] |= !cell_empty (g_ptr_array_index (row, c));
    }
  for (guint c = 0; c < n_columns; c++)
    {
      const char *name = c < header->len ? g_ptr_array_index (header, c) : NULL;

      if (cell_empty (name) && has_data[c])
        {
          g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                       _("%s: column %u has values but no name in the first row (merged or "
                         "empty header cells); give every column a name in one row"),
                       table->path, c + 1);
          return FALSE;
        }
      g_ptr_array_add (table->columns, g_strstrip (g_strdup (name != NULL ? name : "")));
    }
  for (guint r = 0; r < raw_rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (raw_rows, r);
      char **cells;
      gboolean empty = TRUE;

      for (guint c = 0; c < row->len && empty; c++)
        empty = cell_empty (g_ptr_array_index (row, c));
      if (empty)
        continue;
      /* The cells move into the table (a million rows are not copied). */
      cells = g_new0 (char *, n_columns + 1);
      for (guint c = 0; c < n_columns; c++)
        {
          char *cell = c < row->len ? g_ptr_array_index (row, c) : NULL;

          if (cell != NULL)
            row->pdata[c] = NULL;
          cells[c] = g_strstrip (cell != NULL ? cell : g_strdup (""));
        }
      g_ptr_array_add (table->rows, cells);
    }
  return TRUE;
}

/* ---- CSV -------------------------------------------------------------------- */

/* The separator the header line uses most (outside quotes): comma,
 * semicolon or tab; comma when it has none (a single column). */
static char
detect_separator (const char *text)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted)
        {
          commas += *p == ',';
          semicolons += *p == ';';
          tabs += *p == '\t';
        }
    }
  if (tabs > commas && tabs >= semicolons)
    return '\t';
  if (semicolons > commas)
    return ';';
  return ',';
}

typedef struct {
  const char *p;
  char sep;
} CsvReader;

/* The next record's fields, or NULL at the end of the text. */
static GPtrArray *
csv_next_record (CsvReader *reader)
{
  GPtrArray *fields;
  GString *field;
  const char *p = reader->p;

  if (*p == '\0')
    return NULL;
  fields = g_ptr_array_new_with_free_func (g_free);
  field = g_string_new (NULL);
  for (;;)
    {
      if (*p == '"' && field->len == 0)
        {
          /* A quoted field: separators and line breaks are text, "" is ". */
          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, '"'), p++;
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
          /* Text after the closing quote (a"b"c) is kept as written. */
          while (*p != '\0' && *p != reader->sep && *p != '\n' && *p != '\r')
            g_string_append_c (field, *p++);
        }
      while (*p != '\0' && *p != reader->sep && *p != '\n' && *p != '\r')
        g_string_append_c (field, *p++);
      g_ptr_array_add (fields, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p == reader->sep)
        {
          p++;
          continue;
        }
      if (*p == '\r')
        p++;
      if (*p == '\n')
        p++;
      break;
    }
  g_string_free (field, TRUE);
  reader->p = p;
  return fields;
}

static WaUserTable *
read_csv (const char *path, guint max_rows, GCancellable *cancellable, GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *converted = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(WaUserTable) table = table_new (path);
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GPtrArray) raw_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree char *sep_name = NULL;
  const char *text, *encoding = "UTF-8";
  gsize length;
  CsvReader reader;
  GPtrArray *record;

  if (!g_file_get_contents (path, &contents, &length, &local))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot read the file: %s"), path,
                   local->message);
      return NULL;
    }
  if (length == 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE, _("%s: the file is empty"), path);
      return NULL;
    }
  if (memchr (contents, '\0', length) != NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: this is a binary file, not a table; save it as CSV (comma, semicolon "
                     "or tab separated), XLSX, GeoJSON or GeoPackage"), path);
      return NULL;
    }
  text = contents;
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
      encoding = _("UTF-8 with BOM");
    }
  if (!g_utf8_validate (text, length, NULL))
    {
      converted = g_convert (text, length, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
      encoding = "Windows-1252";
      /* Five bytes are unused in Windows-1252; Latin-1 reads every byte. */
      if (converted == NULL)
        {
          converted = g_convert (text, length, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
          encoding = "ISO-8859-1";
        }
      if (converted == NULL)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                       _("%s: the text is neither UTF-8 nor Windows-1252; save it as UTF-8 CSV"),
                       path);
          return NULL;
        }
      text = converted;
    }
  reader.p = text;
  reader.sep = detect_separator (text);
  /* Excel's "sep=;" line names the separator. */
  if (g_ascii_strncasecmp (text, "sep=", 4) == 0 && text[4] != '\0'
      && (text[5] == '\n' || text[5] == '\r'))
    {
      reader.sep = text[4];
      reader.p = text + 5 + (text[5] == '\r' && text[6] == '\n');
      reader.p += *reader.p == '\n' || *reader.p == '\r';
    }
  /* Blank lines above the header are skipped. */
  while ((record = csv_next_record (&reader)) != NULL)
    {
      gboolean empty = TRUE;

      for (guint c = 0; c < record->len && empty; c++)
        empty = cell_empty (g_ptr_array_index (record, c));
      if (!empty)
        break;
      g_ptr_array_unref (record);
    }
  if (record == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: the file holds no header and no rows"), path);
      return NULL;
    }
  header = record;
  while ((record = csv_next_record (&reader)) != NULL)
    {
      g_ptr_array_add (raw_rows, record);
      if (max_rows > 0 && raw_rows->len >= max_rows)
        break;
      if (too_many_rows (path, raw_rows->len, error))
        return NULL;
      if ((raw_rows->len & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  if (!finish_table (table, header, raw_rows, error))
    return NULL;
  if (reader.sep == ',' || reader.sep == ';' || reader.sep == '\t')
    sep_name = g_strdup (reader.sep == ',' ? _("comma-separated")
                         : reader.sep == ';' ? _("semicolon-separated") : _("tab-separated"));
  else
    sep_name = g_strdup_printf (_("separated by “%c”"), reader.sep);
  table->description = g_strdup_printf (_("CSV, %s, %s"), sep_name, encoding);
  return g_steal_pointer (&table);
}

/* ---- GDAL: XLSX, GeoJSON, GeoPackage --------------------------------------- */

/* GDAL names a column whose header cell is empty "FieldN" (N counted
 * from 1): that is an empty cell, not a name. */
static gboolean
gdal_default_name (const char *name, guint column)
{
  g_autofree char *expected = g_strdup_printf ("Field%u", column + 1);

  return g_strcmp0 (name, expected) == 0;
}

static char *
format_coordinate (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.7f", value));
}

static WaUserTable *
read_gdal_rows (const char *path, const char *kind, guint max_rows, GCancellable *cancellable,
                GError **error)
{
  gboolean xlsx = g_str_equal (kind, "XLSX");
  g_autoptr(WaUserTable) table = table_new (path);
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) raw_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(WaFeatureGuard) seen = NULL;
  OGRSpatialReferenceH wgs84 = NULL;
  OGRCoordinateTransformationH to_wgs84 = NULL;
  GDALDatasetH dataset;
  OGRLayerH layer;
  OGRFeatureDefnH defn;
  OGRFeatureH feature;
  gboolean with_points = FALSE, ok = TRUE;
  int n_fields;

  wa_gdal_init ();
  wa_gdal_clear_message ();
  dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  if (dataset == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: cannot be read as %s (%s)"), path, kind,
                   *wa_gdal_last_message () != '\0' ? wa_gdal_last_message () : _("not that format"));
      return NULL;
    }
  if (GDALDatasetGetLayerCount (dataset) < 1 || (layer = GDALDatasetGetLayer (dataset, 0)) == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING, _("%s: the file holds no table"), path);
      GDALClose (dataset);
      return NULL;
    }
  defn = OGR_L_GetLayerDefn (layer);
  n_fields = OGR_FD_GetFieldCount (defn);
  for (int f = 0; f < n_fields; f++)
    {
      const char *name = OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, f));

      /* GDAL passes a damaged file's bytes through as they are. */
      g_ptr_array_add (header, xlsx && gdal_default_name (name, f) ? g_strdup ("")
                               : g_utf8_make_valid (name, -1));
    }
  if (!xlsx && OGR_L_GetGeomType (layer) != wkbNone)
    {
      OGRSpatialReferenceH srs = OGR_L_GetSpatialRef (layer);

      with_points = TRUE;
      g_ptr_array_add (header, g_strdup ("lon"));
      g_ptr_array_add (header, g_strdup ("lat"));
      if (srs != NULL)
        {
          OGRSpatialReferenceH source = OSRClone (srs);

          OSRSetAxisMappingStrategy (source, OAMS_TRADITIONAL_GIS_ORDER);
          wgs84 = wa_gdal_srs_new (4326);
          to_wgs84 = OCTNewCoordinateTransformation (source, wgs84);
          OSRDestroySpatialReference (source);
        }
    }
  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
      OGRGeometryH geometry = with_points ? OGR_F_GetGeometryRef (feature) : NULL;

      for (int f = 0; f < n_fields; f++)
        g_ptr_array_add (row, g_strdup (wa_gdal_field_string (feature, f)));
      if (with_points)
        {
          double x = NAN, y = NAN, z = 0;

          if (geometry != NULL && !OGR_G_IsEmpty (geometry))
            {
              if (wkbFlatten (OGR_G_GetGeometryType (geometry)) == wkbPoint)
                x = OGR_G_GetX (geometry, 0), y = OGR_G_GetY (geometry, 0);
              else
                {
                  /* A polygon or line: its centroid stands for it. */
                  OGRGeometryH centroid = OGR_G_CreateGeometry (wkbPoint);

                  if (OGR_G_Centroid (geometry, centroid) == OGRERR_NONE)
                    x = OGR_G_GetX (centroid, 0), y = OGR_G_GetY (centroid, 0);
                  OGR_G_DestroyGeometry (centroid);
                }
              if (to_wgs84 != NULL && !isnan (x) && !OCTTransform (to_wgs84, 1, &x, &y, &z))
                x = y = NAN;
            }
          g_ptr_array_add (row, isnan (x) ? g_strdup ("") : format_coordinate (x));
          g_ptr_array_add (row, isnan (y) ? g_strdup ("") : format_coordinate (y));
        }
      OGR_F_Destroy (feature);
      g_ptr_array_add (raw_rows, row);
      if (max_rows > 0 && raw_rows->len >= max_rows)
        break;
      if (too_many_rows (path, raw_rows->len, error)
          || ((raw_rows->len & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error)))
        {
          ok = FALSE;
          break;
        }
    }
  if (to_wgs84 != NULL)
    OCTDestroyCoordinateTransformation (to_wgs84);
  if (wgs84 != NULL)
    OSRDestroySpatialReference (wgs84);
  if (ok)
    {
      g_autofree char *repeated = wa_gdal_take_repeated_layer ();

      if (repeated != NULL)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED,
                       _("%s: the file is damaged: layer “%s” repeats its rows"), path, repeated);
          ok = FALSE;
        }
    }
  if (ok && xlsx && header->len == 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE, _("%s: the first sheet is empty"), path);
      ok = FALSE;
    }
  if (ok)
    ok = finish_table (table, header, raw_rows, error);
  if (ok)
    {
      g_autofree char *layer_name = g_utf8_make_valid (OGR_L_GetName (layer), -1);

      table->description = g_strdup_printf (_("%s, “%s”"), kind, layer_name);
    }
  GDALClose (dataset);
  return ok ? g_steal_pointer (&table) : NULL;
}

static WaUserTable *
read_gdal (const char *path, const char *kind, guint max_rows, GCancellable *cancellable,
           GError **error)
{
  gboolean xlsx = g_str_equal (kind, "XLSX");
  WaUserTable *table;

  if (xlsx)
    {
      /* GDAL 3.6's XLSX driver takes these as configuration only, and
       * reads a sheet when its layer is first used: set for this thread
       * until the reading is done. The first row is the header, always;
       * every cell is text (postcodes, codes with leading zeros). */
      CPLSetThreadLocalConfigOption ("OGR_XLSX_HEADERS", "FORCE");
      CPLSetThreadLocalConfigOption ("OGR_XLSX_FIELD_TYPES", "STRING");
    }
  table = read_gdal_rows (path, kind, max_rows, cancellable, error);
  if (xlsx)
    {
      CPLSetThreadLocalConfigOption ("OGR_XLSX_HEADERS", NULL);
      CPLSetThreadLocalConfigOption ("OGR_XLSX_FIELD_TYPES", NULL);
    }
  return table;
}

/* The format by the first bytes (a ZIP is XLSX, "SQLite format 3" a
 * GeoPackage, '{' GeoJSON), then by the name; NULL for text (CSV). */
static const char *
sniff_format (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char head[64] = { 0 };
  gsize n = 0;
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (stream != NULL)
    g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head - 1, &n, NULL, NULL);
  if (n >= 4 && memcmp (head, "PK\x03\x04", 4) == 0)
    return "XLSX";
  if (n >= 16 && memcmp (head, "SQLite format 3", 15) == 0)
    return "GeoPackage";
  if (g_str_has_suffix (lower, ".geojson") || g_str_has_suffix (lower, ".json"))
    return "GeoJSON";
  if (g_str_has_suffix (lower, ".xlsx"))
    return "XLSX";
  if (g_str_has_suffix (lower, ".gpkg"))
    return "GeoPackage";
  for (gsize i = 0; i < n; i++)
    {
      if (g_ascii_isspace (head[i]))
        continue;
      if (head[i] == '{')
        return "GeoJSON";
      break;
    }
  return NULL;
}

WaUserTable *
wa_user_table_read (const char *path, guint max_rows, GCancellable *cancellable, GError **error)
{
  const char *kind;

  g_return_val_if_fail (path != NULL, NULL);
  if (!wa_check_regular_file (path, error))
    return NULL;
  kind = sniff_format (path);
  if (kind == NULL)
    return read_csv (path, max_rows, cancellable, error);
  /* A ZIP named .xlsx that is not a spreadsheet, or a GeoPackage with an
   * odd name: GDAL's message says which. */
  return read_gdal (path, kind, max_rows, cancellable, error);
}

/* ---- guessing columns --------------------------------------------------------- */

/* Lower-case letters and digits only: "Post Code" is "postcode". */
static char *
header_key (const char *name)
{
  GString *key = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (key, g_ascii_tolower (*p));
  return g_string_free (key, FALSE);
}

static const char *const postcode_names[] = { "postcode", "postcodes", "pcd", "pcds", "pcd7", "pcd8",
                                              "postalcode", "zip", "zipcode", NULL };
static const char *const name_names[] = { "name", "title", "organisation", "organization",
                                          "sitename", "venue", "venuename", "premises", "service",
                                          "servicename", NULL };
static const char *const lon_names[] = { "lon", "long", "lng", "longitude", "x", NULL };
static const char *const lat_names[] = { "lat", "latitude", "y", NULL };
static const char *const easting_names[] = { "easting", "eastings", "east", "xcoord", "bngx",
                                             "gridrefeasting", NULL };
static const char *const northing_names[] = { "northing", "northings", "north", "ycoord", "bngy",
                                              "gridrefnorthing", NULL };

gboolean
wa_user_cell_to_number (const char *text, double *out)
{
  char *end;
  double value;

  if (cell_empty (text))
    return FALSE;
  value = g_ascii_strtod (text, &end);
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0' || end == text || !isfinite (value))
    return FALSE;
  *out = value;
  return TRUE;
}

/* Share of the first non-empty cells (up to 200) that fit the role. */
static double
content_score (WaUserTable *table, guint column, const char *role)
{
  guint n = 0, fit = 0;

  for (guint r = 0; r < table->rows->len && n < 200; r++)
    {
      const char *cell = wa_user_table_get_cell (table, r, column);
      double v = 0;
      gboolean number;

      if (cell_empty (cell))
        continue;
      n++;
      number = wa_user_cell_to_number (cell, &v);
      if (g_str_equal (role, "postcode"))
        fit += wa_postcode_is_valid (cell);
      else if (g_str_equal (role, "lon"))
        fit += number && v >= -7 && v <= 2.1 && v != floor (v);
      else if (g_str_equal (role, "lat"))
        fit += number && v >= 49.8 && v <= 56 && v != floor (v);
      else if (g_str_equal (role, "easting"))
        fit += number && v >= 80000 && v <= 660000;
      else if (g_str_equal (role, "northing"))
        fit += number && v >= 5000 && v <= 660000;
      else if (g_str_equal (role, "name"))
        fit += !number && !wa_postcode_is_valid (cell) && g_utf8_strlen (cell, -1) >= 3;
    }
  return n > 0 ? (double) fit / n : 0;
}

int
wa_user_table_guess_column (WaUserTable *table, const char *role)
{
  const char *const *names;
  int best = -1;
  double best_score = 0.5;

  g_return_val_if_fail (table != NULL && role != NULL, -1);
  if (g_str_equal (role, "postcode"))
    names = postcode_names;
  else if (g_str_equal (role, "name"))
    names = name_names;
  else if (g_str_equal (role, "lon"))
    names = lon_names;
  else if (g_str_equal (role, "lat"))
    names = lat_names;
  else if (g_str_equal (role, "easting"))
    names = easting_names;
  else if (g_str_equal (role, "northing"))
    names = northing_names;
  else
    return -1;
  /* By header first, in the order of the names listed. */
  for (const char *const *name = names; *name != NULL; name++)
    for (guint c = 0; c < table->columns->len; c++)
      {
        g_autofree char *key = header_key (g_ptr_array_index (table->columns, c));

        if (g_str_equal (key, *name))
          return (int) c;
      }
  /* Then a header that holds the word ("Site postcode", "Venue name"). */
  if (g_str_equal (role, "postcode") || g_str_equal (role, "name"))
    for (guint c = 0; c < table->columns->len; c++)
      {
        g_autofree char *key = header_key (g_ptr_array_index (table->columns, c));

        if (strstr (key, names[0]) != NULL)
          return (int) c;
      }
  /* Then by content. */
  for (guint c = 0; c < table->columns->len; c++)
    {
      double score = content_score (table, c, role);

      if (score > best_score)
        best = (int) c, best_score = score;
    }
  return best;
}
