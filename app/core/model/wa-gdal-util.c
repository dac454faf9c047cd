/* wa-gdal-util.c: GDAL/OGR helpers that turn GDAL failures into GErrors
 * naming the file, and read delimited tables as plain text. */
#include "wa-gdal-util.h"
#include "wa-error.h"
#include "wa-text-check.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <cpl_conv.h>
#include <cpl_error.h>

/* GDAL calls the error handler in the thread that raised the error, so a
 * thread-private buffer keeps messages of concurrent builds apart. */
static GPrivate last_message = G_PRIVATE_INIT (g_free);
static GPrivate repeated_layer = G_PRIVATE_INIT (g_free);

static void CPL_STDCALL
quiet_error_handler (CPLErr error_class, CPLErrorNum number, const char *message)
{
  if (error_class == CE_Debug || error_class == CE_None)
    return;
  /* Messages quote bytes from damaged files; they end up in GTK labels. */
  g_private_replace (&last_message, g_utf8_make_valid (message != NULL ? message : "", -1));
}

/* GDAL's own settings and our error handler, once, before any driver is
 * registered. */
static void
configure_once (void)
{
  static gsize configured = 0;

  if (g_once_init_enter (&configured))
    {
      /* No query of ours uses SpatiaLite's SQL functions, and loading them
       * into every SQLite connection was a tenth of the time to open a pack.
       * Only the default is changed: a user's own setting still wins. */
      if (CPLGetConfigOption ("SPATIALITE_LOAD", NULL) == NULL)
        CPLSetConfigOption ("SPATIALITE_LOAD", "NO");
      CPLSetErrorHandler (quiet_error_handler);
      g_once_init_leave (&configured, 1);
    }
}

/* Exported by GDAL and declared in its C++ header ogrsf_frmts.h (inside
 * CPL_C_START), which C cannot include. */
extern void RegisterOGRGeoPackage (void);

/* Both registrations take this lock: GDAL checks whether a driver is
 * registered and registers it in two steps, so two threads registering
 * the same driver at once could add it twice. */
static GMutex register_lock;

/* Calls register_drivers once a process, under the lock. Each of GDAL's
 * registration functions returns at once where its driver is registered
 * already, so either order of the two below is right. */
static void
register_once (gsize *registered, void (*register_drivers) (void))
{
  configure_once ();
  if (g_once_init_enter (registered))
    {
      g_mutex_lock (&register_lock);
      register_drivers ();
      g_mutex_unlock (&register_lock);
      g_once_init_leave (registered, 1);
    }
}

void
wa_gdal_init_geopackage (void)
{
  static gsize registered = 0;

  register_once (&registered, RegisterOGRGeoPackage);
}

void
wa_gdal_init (void)
{
  static gsize registered = 0;

  register_once (&registered, GDALAllRegister);
}

const char *
wa_gdal_last_message (void)
{
  const char *message = g_private_get (&last_message);

  return message != NULL ? message : "";
}

/* Ids below WA_FEATURE_GUARD_BITMAP_IDS (33 million) are kept in a bitmap
 * of one bit per id up to the largest, so at most 4 MB. Pack rows and
 * table lines are numbered from 1, densely: 1.7 million postcodes take
 * about 210 KB, where a hash table of their ids took 17 MB. A bitmap costs what
 * its largest id says, not how many ids it holds, so a huge id (an
 * OpenStreetMap id, a damaged file's) would cost far more than the few
 * such ids in it: those, and negative ids, go to a hash table instead. */
struct _WaFeatureGuard {
  guint8 *bits;         /* ids 0 .. 8 * n_bytes - 1 */
  gsize n_bytes;
  GHashTable *others;   /* gint64 ids outside the bitmap's range */
};

WaFeatureGuard *
wa_feature_guard_new (void)
{
  return g_new0 (WaFeatureGuard, 1);
}

void
wa_feature_guard_free (WaFeatureGuard *guard)
{
  if (guard == NULL)
    return;
  g_free (guard->bits);
  g_clear_pointer (&guard->others, g_hash_table_unref);
  g_free (guard);
}

gboolean
wa_feature_guard_add (WaFeatureGuard *guard, gint64 fid)
{
  if (fid >= 0 && fid < WA_FEATURE_GUARD_BITMAP_IDS)
    {
      gsize byte = (gsize) (fid >> 3);
      guint8 bit = (guint8) (1u << (fid & 7));

      if (byte >= guard->n_bytes)
        {
          /* Doubling, so ids read in order cost few reallocations. */
          gsize n_bytes = MIN (MAX (byte + 1, guard->n_bytes * 2),
                               (gsize) (WA_FEATURE_GUARD_BITMAP_IDS / 8));

          guard->bits = g_realloc (guard->bits, n_bytes);
          memset (guard->bits + guard->n_bytes, 0, n_bytes - guard->n_bytes);
          guard->n_bytes = n_bytes;
        }
      if (guard->bits[byte] & bit)
        return FALSE;
      guard->bits[byte] |= bit;
      return TRUE;
    }
  if (guard->others == NULL)
    guard->others = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (g_hash_table_contains (guard->others, &fid))
    return FALSE;
  g_hash_table_add (guard->others, g_memdup2 (&fid, sizeof fid));
  return TRUE;
}

OGRFeatureH
wa_gdal_next_feature (OGRLayerH layer, WaFeatureGuard **guard)
{
  OGRFeatureH feature = OGR_L_GetNextFeature (layer);

  if (feature == NULL)
    return NULL;
  if (*guard == NULL)
    *guard = wa_feature_guard_new ();
  if (wa_feature_guard_add (*guard, OGR_F_GetFID (feature)))
    return feature;
  OGR_F_Destroy (feature);
  if (g_private_get (&repeated_layer) == NULL)
    g_private_set (&repeated_layer, g_strdup (OGR_L_GetName (layer)));
  return NULL;
}

char *
wa_gdal_take_repeated_layer (void)
{
  char *name = g_private_get (&repeated_layer);

  /* Unlike g_private_replace, this does not free the name handed over. */
  g_private_set (&repeated_layer, NULL);
  return name;
}

void
wa_gdal_clear_message (void)
{
  g_private_replace (&last_message, NULL);
  CPLErrorReset ();
}

/* GDAL's reason for the latest failure, or a fallback. */
static const char *
gdal_reason (void)
{
  const char *message = wa_gdal_last_message ();

  if (*message == '\0')
    message = CPLGetLastErrorMsg ();
  return *message != '\0' ? message : _("unknown GDAL error");
}

static gboolean
check_readable (const char *path, GError **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  g_set_error (error, WA_ERROR, WA_ERROR_IO,
               _("%s: no such file"), path);
  return FALSE;
}

/* drivers: NULL for any registered driver. */
static GDALDatasetH
open_vector (const char *path, const char *const *drivers, GError **error)
{
  GDALDatasetH dataset;

  if (!check_readable (path, error))
    return NULL;
  wa_gdal_clear_message ();
  dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, NULL, NULL);
  if (dataset == NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_IO,
                 _("%s: cannot open as vector data: %s"), path, gdal_reason ());
  return dataset;
}

GDALDatasetH
wa_gdal_open_vector (const char *path, GError **error)
{
  wa_gdal_init ();
  return open_vector (path, NULL, error);
}

GDALDatasetH
wa_gdal_open_geopackage (const char *path, GError **error)
{
  static const char *const drivers[] = { "GPKG", NULL };

  wa_gdal_init_geopackage ();
  return open_vector (path, drivers, error);
}

GDALDatasetH
wa_gdal_open_table (const char *path, const char *format, GError **error)
{
  const char *const drivers[] = { "CSV", NULL };
  g_autoptr(GStrvBuilder) options = g_strv_builder_new ();
  g_auto(GStrv) open_options = NULL;
  g_autofree char *gdal_path = NULL;
  gboolean gzipped = g_str_has_suffix (path, ".gz");
  GDALDatasetH dataset;

  wa_gdal_init ();
  if (!check_readable (path, error) || !wa_text_check_table (path, error))
    return NULL;

  if (format == NULL)
    format = (g_str_has_suffix (path, ".tsv") || g_str_has_suffix (path, ".tsv.gz"))
             ? "tsv" : "csv";
  if (g_strcmp0 (format, "csv") == 0)
    g_strv_builder_add (options, "HEADERS=YES");
  else if (g_strcmp0 (format, "tsv") == 0)
    {
      g_strv_builder_add (options, "HEADERS=YES");
      g_strv_builder_add (options, "SEPARATOR=TAB");
    }
  else if (g_strcmp0 (format, "csv-noheader") == 0)
    g_strv_builder_add (options, "HEADERS=NO");
  else
    {
      g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                   _("%s: unknown table format “%s” (expected csv, tsv or csv-noheader)"),
                   path, format);
      return NULL;
    }
  /* Every field stays text: codes like "E01000001" or "0123" must never be
   * turned into numbers, and numbers are parsed strictly by the caller. */
  g_strv_builder_add (options, "AUTODETECT_TYPE=NO");
  g_strv_builder_add (options, "EMPTY_STRING_AS_NULL=YES");
  open_options = g_strv_builder_end (options);

  /* The "CSV:" prefix makes the driver accept any extension. */
  gdal_path = g_strconcat ("CSV:", gzipped ? "/vsigzip/" : "", path, NULL);
  wa_gdal_clear_message ();
  dataset = GDALOpenEx (gdal_path, GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers,
                        (const char *const *) open_options, NULL);
  if (dataset == NULL)
    {
      g_autofree char *why = wa_text_describe_separator (path);

      if (why != NULL)
        g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                     _("%s: cannot read as a table: %s"), path, why);
      else
        g_set_error (error, WA_ERROR, WA_ERROR_IO,
                     _("%s: cannot open as a table: %s"), path, gdal_reason ());
    }
  return dataset;
}

OGRLayerH
wa_gdal_get_layer (GDALDatasetH dataset, const char *path, const char *name, GError **error)
{
  OGRLayerH layer;

  if (name != NULL)
    {
      layer = GDALDatasetGetLayerByName (dataset, name);
      if (layer == NULL)
        g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                     _("%s: no layer named “%s”"), path, name);
      return layer;
    }
  if (GDALDatasetGetLayerCount (dataset) != 1)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: expected exactly one layer, found %d; name the layer in the manifest"),
                   path, GDALDatasetGetLayerCount (dataset));
      return NULL;
    }
  return GDALDatasetGetLayer (dataset, 0);
}

int
wa_gdal_field_index (OGRLayerH layer, const char *path, const char *column, GError **error)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  int index = OGR_FD_GetFieldIndex (defn, column);
  guint64 number;

  /* GDAL names the columns of a headerless table "field_1", ...; the
   * manifest may also say "field1". */
  if (index < 0 && g_str_has_prefix (column, "field")
      && g_ascii_string_to_unsigned (column + 5, 10, 1, G_MAXINT, &number, NULL))
    {
      g_autofree char *gdal_name = g_strdup_printf ("field_%" G_GUINT64_FORMAT, number);
      index = OGR_FD_GetFieldIndex (defn, gdal_name);
    }
  if (index < 0)
    g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                 _("%s: layer “%s” has no column “%s”"),
                 path, OGR_L_GetName (layer), column);
  return index;
}

/* The field as trimmed text in buffer, or NULL when unset or blank. */
static const char *
field_text (OGRFeatureH feature, int index, char *buffer, gsize size)
{
  const char *text;
  gsize length;

  if (index < 0 || !OGR_F_IsFieldSetAndNotNull (feature, index))
    return NULL;
  text = OGR_F_GetFieldAsString (feature, index);
  while (g_ascii_isspace (*text))
    text++;
  length = strlen (text);
  while (length > 0 && g_ascii_isspace (text[length - 1]))
    length--;
  if (length == 0 || length >= size)
    return NULL;
  memcpy (buffer, text, length);
  buffer[length] = '\0';
  return buffer;
}

gboolean
wa_gdal_field_double (OGRFeatureH feature, int index, double *out_value)
{
  char buffer[128];
  const char *text = field_text (feature, index, buffer, sizeof buffer);
  char *end = NULL;
  double value;

  if (text == NULL)
    return FALSE;
  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || errno == ERANGE || !isfinite (value))
    return FALSE;
  *out_value = value;
  return TRUE;
}

gboolean
wa_gdal_field_int64 (OGRFeatureH feature, int index, gint64 *out_value)
{
  char buffer[64];
  const char *text = field_text (feature, index, buffer, sizeof buffer);

  if (text == NULL)
    return FALSE;
  if (*text == '+')
    text++;
  return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, out_value, NULL);
}

/* Text that is not UTF-8 is most often a spreadsheet saved as "CSV" in
 * Windows-1252 (é in "Brontë"): read it so; anything else (a damaged
 * file) gets U+FFFD for the bad bytes, so names always reach GTK as UTF-8. */
static char *
recode (const char *text)
{
  char *converted = g_convert (text, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);

  return converted != NULL ? converted : g_utf8_make_valid (text, -1);
}

const char *
wa_gdal_field_string (OGRFeatureH feature, int index)
{
  const char *text;

  if (index < 0 || !OGR_F_IsFieldSetAndNotNull (feature, index))
    return NULL;
  text = OGR_F_GetFieldAsString (feature, index);
  if (text == NULL || *text == '\0')
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *valid = recode (text);

      OGR_F_SetFieldString (feature, index, valid);
      text = OGR_F_GetFieldAsString (feature, index);
    }
  return text;
}

OGRSpatialReferenceH
wa_gdal_srs_new (int epsg)
{
  OGRSpatialReferenceH srs;

  /* Only our error handler: a spatial reference needs no driver. */
  wa_gdal_init_geopackage ();
  srs = OSRNewSpatialReference (NULL);
  if (OSRImportFromEPSG (srs, epsg) != OGRERR_NONE)
    {
      OSRDestroySpatialReference (srs);
      return NULL;
    }
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}
