/* wa-build-postcodes.c: the "postcodes" table from Code-Point Open,
 * England only, each postcode with its position and edition ward.
 * About 1.5 million rows, so the step batches reprojection, reuses one
 * output feature and writes in a single transaction. The rows are kept
 * until the end and written in postcode order, each with its check value:
 * readers confirm a "not found" without the index and check every row
 * they read (wa-postcode-row.h). */
#include <inttypes.h>
#include "wa-build-source.h"
#include "wa-error.h"
#include "wa-pack.h"
#include "wa-postcode.h"
#include "wa-postcode-row.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#define BATCH_SIZE 8192
#define MAX_REPORTED_ROWS 5
#define NORMALISED_MAX 8        /* "SW1A0AA" is 7; one spare */

typedef struct {
  int postcode, quality, x, y, country;
} PostcodeColumns;

/* Rows waiting for reprojection; postcodes in fixed slots so a batch
 * allocates nothing per row. */
typedef struct {
  guint n;
  char postcode[BATCH_SIZE][NORMALISED_MAX + 1];
  int quality[BATCH_SIZE];
  double x[BATCH_SIZE];
  double y[BATCH_SIZE];
  int ok[BATCH_SIZE];
} Batch;

/* A located row waiting for the sort: 32 bytes, 48 MB in all. Its
 * place in the source (duplicates keep that order) is its index. */
typedef struct {
  double lon, lat;
  int quality;
  int ward;
  char postcode[NORMALISED_MAX];   /* NUL-padded; no NUL when 8 long */
} LocatedRow;

typedef struct {
  gint64 read, in_country, no_position, malformed, outside, written;
} PostcodeCounts;

typedef struct {
  WaBuildContext *ctx;
  const char *path;
  OGRLayerH layer;
  OGRFeatureH feature;
  OGRCoordinateTransformationH transform;
  Batch *batch;
  GArray *rows;         /* of LocatedRow */
  PostcodeCounts counts;
} Writer;

static gboolean
find_columns (WaBuildSource *s, PostcodeColumns *columns, GError **error)
{
  const WaBuildColumn wanted[] = {
    { "postcode", &columns->postcode, TRUE },
    { "x", &columns->x, TRUE },
    { "y", &columns->y, TRUE },
    { "quality", &columns->quality, FALSE },
    { "country", &columns->country, FALSE },
  };

  return wa_build_source_columns (s, wanted, G_N_ELEMENTS (wanted), error);
}

/* The CSV driver then skips splitting out the columns the step never reads. */
static void
ignore_other_fields (OGRLayerH layer, const PostcodeColumns *columns)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  g_autoptr(GPtrArray) ignored = g_ptr_array_new ();

  for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
    if (i != columns->postcode && i != columns->quality && i != columns->x
        && i != columns->y && i != columns->country)
      g_ptr_array_add (ignored, (gpointer) OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)));
  g_ptr_array_add (ignored, (gpointer) "OGR_GEOMETRY");
  g_ptr_array_add (ignored, NULL);
  OGR_L_SetIgnoredFields (layer, (const char **) ignored->pdata);
}

static OGRLayerH
create_postcodes_table (WaBuildContext *ctx, GError **error)
{
  static const WaBuildField fields[] = {
    { WA_PACK_PC_POSTCODE, OFTString },
    { WA_PACK_PC_DISPLAY, OFTString },
    { WA_PACK_PC_LON, OFTReal },
    { WA_PACK_PC_LAT, OFTReal },
    { WA_PACK_PC_WARD_CODE, OFTString },
    { WA_PACK_PC_QUALITY, OFTInteger },
    { WA_PACK_PC_CHECK, OFTInteger },
  };

  return wa_build_create_layer_with_fields (ctx, WA_PACK_LAYER_POSTCODES, wkbNone,
                                            fields, G_N_ELEMENTS (fields), error);
}

/* "SW1A0AA" -> "SW1A 0AA": the inward code is always the last three. */
static void
display_form (const char *postcode, char *out)
{
  size_t length = strlen (postcode);

  memcpy (out, postcode, length - 3);
  out[length - 3] = ' ';
  memcpy (out + length - 2, postcode + length - 3, 4);
}

/* Reprojects the batch in one call and finds each postcode's ward. */
static void
flush_batch (Writer *writer)
{
  Batch *batch = writer->batch;

  if (batch->n == 0)
    return;
  /* FALSE when any point fails; the per-point flags say which. */
  memset (batch->ok, 0, sizeof (int) * batch->n);
  OCTTransformEx (writer->transform, (int) batch->n, batch->x, batch->y, NULL, batch->ok);

  for (guint i = 0; i < batch->n; i++)
    {
      LocatedRow row = { .quality = batch->quality[i], .lon = batch->x[i], .lat = batch->y[i] };

      if (!batch->ok[i])
        {
          if (writer->counts.malformed++ < MAX_REPORTED_ROWS)
            wa_build_report (writer->ctx, _("%s: postcode %s: position cannot be reprojected; skipped"),
                             writer->path, batch->postcode[i]);
          continue;
        }
      row.ward = wa_build_locate_ward (writer->ctx, row.lon, row.lat);
      if (row.ward < 0)
        writer->counts.outside++;
      /* At most 8 characters (add_row): the NUL is dropped only then. */
      memcpy (row.postcode, batch->postcode[i],
              MIN (strlen (batch->postcode[i]), sizeof row.postcode));
      g_array_append_val (writer->rows, row);
    }
  batch->n = 0;
}

/* Orders row indices by postcode, then by place in the source. */
static int
compare_rows (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const LocatedRow *rows = user_data;
  guint32 i = *(const guint32 *) a, j = *(const guint32 *) b;
  int order = strncmp (rows[i].postcode, rows[j].postcode, sizeof rows[i].postcode);

  return order != 0 ? order : (i > j) - (i < j);
}

/* One row with its check value, computed from the values as a reader
 * reads them back. */
static gboolean
write_row (Writer *writer, const LocatedRow *located, GError **error)
{
  OGRFeatureH feature = writer->feature;
  char postcode[NORMALISED_MAX + 1] = { 0 };
  char display[NORMALISED_MAX + 2];
  WaPostcodeRow row = { postcode, display, located->lon, located->lat, NULL,
                        located->quality >= 0 ? located->quality : -1, 0 };

  memcpy (postcode, located->postcode, sizeof located->postcode);
  display_form (postcode, display);
  if (located->ward >= 0)
    row.ward_code = g_ptr_array_index (writer->ctx->ward_codes, located->ward);
  OGR_F_SetFieldString (feature, 0, row.postcode);
  OGR_F_SetFieldString (feature, 1, display);
  OGR_F_SetFieldDouble (feature, 2, row.lon);
  OGR_F_SetFieldDouble (feature, 3, row.lat);
  if (row.ward_code != NULL)
    OGR_F_SetFieldString (feature, 4, row.ward_code);
  else
    OGR_F_SetFieldNull (feature, 4);
  if (row.quality >= 0)
    OGR_F_SetFieldInteger (feature, 5, (int) row.quality);
  else
    OGR_F_SetFieldNull (feature, 5);
  OGR_F_SetFieldInteger (feature, 6, wa_postcode_row_stored_check (&row));
  OGR_F_SetFID (feature, OGRNullFID);
  if (OGR_L_CreateFeature (writer->layer, feature) != OGRERR_NONE)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: cannot write to table “%s”: %s"),
                   wa_build_pack_path (writer->ctx), WA_PACK_LAYER_POSTCODES, wa_gdal_last_message ());
      return FALSE;
    }
  writer->counts.written++;
  return TRUE;
}

/* In postcode order into a new table, so that rowids 1..n follow it.
 * The sort moves 4-byte indices (12 MB with GLib's buffer): sorting the
 * rows themselves took about 23 MB beside them. */
static gboolean
write_rows (Writer *writer, GError **error)
{
  guint n = writer->rows->len;
  g_autofree guint32 *sorted = g_new (guint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    sorted[i] = i;
  g_qsort_with_data (sorted, (gint) n, sizeof *sorted, compare_rows, writer->rows->data);
  for (guint i = 0; i < n; i++)
    if (!write_row (writer, &g_array_index (writer->rows, LocatedRow, sorted[i]), error))
      return FALSE;
  return TRUE;
}

static void
report_malformed (Writer *writer, gint64 row, const char *problem)
{
  if (writer->counts.malformed++ < MAX_REPORTED_ROWS)
    wa_build_report (writer->ctx, _("%s: row %" PRId64 ": %s; skipped"),
                     writer->path, row, problem);
}

/* Remembers a postcode of another country for the assets step. */
static void
keep_foreign (Writer *writer, OGRFeatureH feature, const PostcodeColumns *columns)
{
  const char *text = wa_gdal_field_string (feature, columns->postcode);
  g_autofree char *postcode = text != NULL ? wa_postcode_normalise (text) : NULL;
  WaForeignPostcode foreign;

  if (postcode == NULL || strlen (postcode) >= sizeof foreign.postcode
      || !wa_gdal_field_double (feature, columns->x, &foreign.x)
      || !wa_gdal_field_double (feature, columns->y, &foreign.y)
      || (foreign.x == 0.0 && foreign.y == 0.0))
    return;
  strcpy (foreign.postcode, postcode);
  g_array_append_val (writer->ctx->foreign_postcodes, foreign);
}

/* Queues one source row; rows of other countries and rows without a
 * position are only counted. */
static gboolean
add_row (Writer *writer, OGRFeatureH feature, const PostcodeColumns *columns,
         const char *country, gint64 no_position_quality, GError **error)
{
  Batch *batch = writer->batch;
  g_autofree char *postcode = NULL;
  const char *text;
  gint64 quality = -1;
  double x, y;

  if (country != NULL
      && g_strcmp0 (wa_gdal_field_string (feature, columns->country), country) != 0)
    {
      keep_foreign (writer, feature, columns);
      return TRUE;
    }
  writer->counts.in_country++;

  if (columns->quality >= 0 && !wa_gdal_field_int64 (feature, columns->quality, &quality))
    quality = -1;
  if (!wa_gdal_field_double (feature, columns->x, &x)
      || !wa_gdal_field_double (feature, columns->y, &y))
    {
      report_malformed (writer, writer->counts.read, _("no numeric position"));
      return TRUE;
    }
  if ((no_position_quality >= 0 && quality == no_position_quality) || (x == 0.0 && y == 0.0))
    {
      writer->counts.no_position++;
      return TRUE;
    }
  text = wa_gdal_field_string (feature, columns->postcode);
  postcode = text != NULL ? wa_postcode_normalise (text) : NULL;
  if (postcode == NULL || strlen (postcode) > NORMALISED_MAX || strlen (postcode) < 5)
    {
      report_malformed (writer, writer->counts.read, _("not a unit postcode"));
      return TRUE;
    }

  strcpy (batch->postcode[batch->n], postcode);
  batch->quality[batch->n] = (int) CLAMP (quality, -1, G_MAXINT);
  batch->x[batch->n] = x;
  batch->y[batch->n] = y;
  if (++batch->n == BATCH_SIZE)
    flush_batch (writer);
  return TRUE;
}

static gboolean
parse_options (const WaManifestSource *source, const char *path,
               gint64 *out_no_position_quality, GError **error)
{
  const char *text = wa_manifest_source_option (source, "no_position_quality");

  *out_no_position_quality = -1;
  if (text != NULL
      && !g_ascii_string_to_signed (text, 10, 0, G_MAXINT, out_no_position_quality, NULL))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: option.no_position_quality “%s” is not a number"), path, text);
      return FALSE;
    }
  return TRUE;
}

/* Reads the whole source into the open table. */
static gboolean
copy_rows (Writer *writer, WaBuildSource *s, const PostcodeColumns *columns,
           const char *country, gint64 no_position_quality, GError **error)
{
  OGRFeatureH feature;
  gboolean ok = TRUE;

  while (ok && (feature = wa_build_source_next (s)) != NULL)
    {
      writer->counts.read++;
      ok = add_row (writer, feature, columns, country, no_position_quality, error);
      OGR_F_Destroy (feature);
    }
  if (!ok || !wa_build_source_check_end (s, error))
    return FALSE;
  flush_batch (writer);
  return write_rows (writer, error);
}

static gboolean
create_index (WaBuildContext *ctx, GError **error)
{
  OGRLayerH result;

  wa_gdal_clear_message ();
  result = GDALDatasetExecuteSQL (ctx->out,
                                  "CREATE INDEX \"" WA_PACK_LAYER_POSTCODES "_" WA_PACK_PC_POSTCODE "_idx\" "
                                  "ON \"" WA_PACK_LAYER_POSTCODES "\"(\"" WA_PACK_PC_POSTCODE "\")",
                                  NULL, NULL);
  if (result != NULL)
    GDALDatasetReleaseResultSet (ctx->out, result);
  if (*wa_gdal_last_message () != '\0')
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: cannot index table “%s”: %s"),
                   wa_build_pack_path (ctx), WA_PACK_LAYER_POSTCODES, wa_gdal_last_message ());
      return FALSE;
    }
  return TRUE;
}

static void
report_counts (WaBuildContext *ctx, const char *path, const char *country,
               const PostcodeCounts *counts, gint64 start)
{
  wa_build_report (ctx, _("%s: %" PRId64 " rows read, %" PRId64 " in %s, "
                          "%" PRId64 " without a position, %" PRId64 " malformed, "
                          "%" PRId64 " written (%" PRId64 " outside every ward), %.1f s"),
                   path, counts->read, counts->in_country,
                   country != NULL ? country : _("any country"),
                   counts->no_position, counts->malformed, counts->written, counts->outside,
                   (g_get_monotonic_time () - start) / 1e6);
}

/* An empty table keeps the pack's schema whole when postcodes are skipped. */
static gboolean
write_empty_table (WaBuildContext *ctx, GError **error)
{
  if (create_postcodes_table (ctx, error) == NULL || !create_index (ctx, error))
    return FALSE;
  wa_build_report (ctx, _("Postcodes skipped: the postcodes table is empty"));
  return TRUE;
}

gboolean
wa_build_postcodes (WaBuildContext *ctx, GError **error)
{
  const WaManifestSource *source;
  const char *country;
  g_autofree char *path = NULL;
  g_autofree Batch *batch = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (LocatedRow));
  PostcodeColumns columns;
  Writer writer = { 0 };
  WaBuildSource s = { 0 };
  gint64 no_position_quality;
  gint64 start = g_get_monotonic_time ();
  gboolean started, ok = FALSE;

  if (ctx->skip_postcodes)
    return write_empty_table (ctx, error);

  source = wa_manifest_find_role (ctx->manifest, ctx->edition, "postcodes", error);
  if (source == NULL)
    return FALSE;
  path = wa_build_source_path (ctx, source);
  country = wa_manifest_source_option (source, "country");
  if (!parse_options (source, path, &no_position_quality, error))
    return FALSE;

  if (!wa_build_source_open (&s, ctx, source, WA_BUILD_SOURCE_TABLE, error)
      || !find_columns (&s, &columns, error)
      || (writer.transform = wa_build_source_transform (source, path, error)) == NULL)
    goto out;
  if (country != NULL && columns.country < 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: option.country is set but column.country is not"), path);
      goto out;
    }
  ignore_other_fields (s.layer, &columns);

  batch = g_new0 (Batch, 1);
  writer.ctx = ctx;
  writer.path = path;
  writer.batch = batch;
  writer.rows = rows;

  g_clear_pointer (&ctx->foreign_postcodes, g_array_unref);
  ctx->foreign_postcodes = g_array_new (FALSE, FALSE, sizeof (WaForeignPostcode));
  started = wa_build_begin (ctx);
  ok = (writer.layer = create_postcodes_table (ctx, error)) != NULL;
  if (ok)
    {
      writer.feature = OGR_F_Create (OGR_L_GetLayerDefn (writer.layer));
      ok = copy_rows (&writer, &s, &columns, country, no_position_quality, error);
      OGR_F_Destroy (writer.feature);
    }
  if (ok && writer.counts.written == 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: no usable postcode rows (%" PRId64 " read, %" PRId64
                     " in %s, %" PRId64 " malformed)"),
                   path, writer.counts.read, writer.counts.in_country,
                   country != NULL ? country : _("any country"), writer.counts.malformed);
      ok = FALSE;
    }
  /* Coordinates in another CRS than option.srs land nowhere near a ward. */
  if (ok && ctx->ward_grid != NULL && writer.counts.outside == writer.counts.written)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: none of its %" PRId64 " postcodes lies in a ward; are the "
                     "coordinates in the reference system that option.srs names (EPSG:%s)?"),
                   path, writer.counts.written, wa_manifest_source_option (source, "srs") != NULL
                                                ? wa_manifest_source_option (source, "srs") : "4326");
      ok = FALSE;
    }
  /* The written rows (48 MB) are not needed while SQLite sorts the index. */
  g_clear_pointer (&rows, g_array_unref);
  writer.rows = NULL;
  ok = wa_build_end (ctx, started, ok, error) && create_index (ctx, error);

out:
  if (writer.transform != NULL)
    OCTDestroyCoordinateTransformation (writer.transform);
  wa_build_source_close (&s);
  if (!ok)
    return FALSE;

  g_array_sort (ctx->foreign_postcodes, (GCompareFunc) strcmp);
  report_counts (ctx, path, country, &writer.counts, start);
  return TRUE;
}
