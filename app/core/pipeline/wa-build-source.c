/* wa-build-source.c: opening, walking and reading the build's input files
 * (see wa-build-source.h). */
#include <inttypes.h>
#include "wa-build-source.h"
#include "wa-error.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>

static gboolean
is_vector_source (const WaManifestSource *source)
{
  if (source->format != NULL)
    return g_str_equal (source->format, "gpkg") || g_str_equal (source->format, "geojson");
  return g_str_has_suffix (source->file, ".gpkg") || g_str_has_suffix (source->file, ".geojson");
}

gboolean
wa_build_source_open (WaBuildSource *s, WaBuildContext *ctx, const WaManifestSource *source,
                      WaBuildSourceKind kind, GError **error)
{
  memset (s, 0, sizeof *s);
  s->ctx = ctx;
  s->source = source;
  s->path = wa_build_source_path (ctx, source);
  s->is_table = kind == WA_BUILD_SOURCE_TABLE
                || (kind == WA_BUILD_SOURCE_BY_NAME && !is_vector_source (source));
  s->dataset = s->is_table ? wa_gdal_open_table (s->path, source->format, error)
                           : wa_gdal_open_vector (s->path, error);
  if (s->dataset == NULL)
    return FALSE;
  if (kind == WA_BUILD_SOURCE_VECTOR_LAYERS)
    return TRUE;
  s->layer = wa_gdal_get_layer (s->dataset, s->path, source->layer, error);
  if (s->layer == NULL)
    return FALSE;
  OGR_L_ResetReading (s->layer);
  return TRUE;
}

gboolean
wa_build_source_open_role (WaBuildSource *s, WaBuildContext *ctx, const char *role,
                           WaBuildSourceKind kind, GError **error)
{
  const WaManifestSource *source = wa_manifest_find_role (ctx->manifest, ctx->edition, role, error);

  if (source == NULL)
    {
      memset (s, 0, sizeof *s);
      return FALSE;
    }
  return wa_build_source_open (s, ctx, source, kind, error);
}

void
wa_build_source_close (WaBuildSource *s)
{
  if (s->source != NULL && s->dataset != NULL && !s->uncounted)
    wa_build_count_records (s->ctx, s->source->id, s->row);
  if (s->dataset != NULL)
    GDALClose (s->dataset);
  g_clear_pointer (&s->path, g_free);
  g_clear_pointer (&s->seen, g_hash_table_unref);
  s->dataset = NULL;
  s->layer = NULL;
}

OGRFeatureH
wa_build_source_next (WaBuildSource *s)
{
  OGRFeatureH feature = wa_gdal_next_feature (s->layer, &s->seen);

  if (feature != NULL)
    s->row++;
  return feature;
}

gboolean
wa_build_source_check_end (WaBuildSource *s, GError **error)
{
  g_autofree char *repeated = wa_gdal_take_repeated_layer ();

  if (repeated == NULL)
    return TRUE;
  g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
               _("%s: the file is damaged: reading layer “%s” starts over again and again"),
               s->path, repeated);
  return FALSE;
}

int
wa_build_source_column (WaBuildSource *s, const char *logical, gboolean required, GError **error)
{
  const char *header = wa_manifest_source_optional_column (s->source, logical);

  if (header == NULL)
    {
      if (required)
        wa_manifest_source_column (s->source, logical, error);
      return -1;
    }
  return wa_gdal_field_index (s->layer, s->path, header, error);
}

gboolean
wa_build_source_columns (WaBuildSource *s, const WaBuildColumn *columns, guint n_columns,
                         GError **error)
{
  for (guint i = 0; i < n_columns; i++)
    {
      g_autoptr(GError) local_error = NULL;

      *columns[i].index = wa_build_source_column (s, columns[i].name, columns[i].required,
                                                  &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

static const char *
column_header (WaBuildSource *s, int index)
{
  return OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (OGR_L_GetLayerDefn (s->layer), index));
}

void
wa_build_source_row_error (WaBuildSource *s, GError **error, int code, int column,
                           const char *format, ...)
{
  g_autofree char *message = NULL;
  g_autofree char *where = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Lines count the header, as a text editor does. */
  where = s->is_table ? g_strdup_printf (_("line %" PRId64), s->row + 1)
                      : g_strdup_printf (_("feature %" PRId64), s->row);
  if (column >= 0)
    g_set_error (error, WA_ERROR, code, _("%s: %s, column “%s”: %s"),
                 s->path, where, column_header (s, column), message);
  else
    g_set_error (error, WA_ERROR, code, "%s: %s: %s", s->path, where, message);
}

const char *
wa_build_source_code (WaBuildSource *s, OGRFeatureH feature, int column, GError **error)
{
  const char *code = wa_gdal_field_string (feature, column);

  if (code == NULL)
    wa_build_source_row_error (s, error, WA_ERROR_PARSE, column, _("empty code"));
  return code;
}

gboolean
wa_build_source_double (WaBuildSource *s, OGRFeatureH feature, int column, double *out_value,
                        GError **error)
{
  *out_value = NAN;
  if (column < 0 || wa_gdal_field_string (feature, column) == NULL)
    return TRUE;
  if (wa_gdal_field_double (feature, column, out_value))
    return TRUE;
  wa_build_source_row_error (s, error, WA_ERROR_PARSE, column, _("“%s” is not a number"),
                             wa_gdal_field_string (feature, column));
  return FALSE;
}

gboolean
wa_build_source_rank (WaBuildSource *s, OGRFeatureH feature, int column, guint *out_rank,
                      GError **error)
{
  double value;

  *out_rank = 0;
  if (!wa_build_source_double (s, feature, column, &value, error))
    return FALSE;
  if (isnan (value))
    return TRUE;
  if (value < 1 || value > G_MAXUINT || value != floor (value))
    {
      wa_build_source_row_error (s, error, WA_ERROR_PARSE, column,
                                 _("“%s” is not a rank (a whole number from 1)"),
                                 wa_gdal_field_string (feature, column));
      return FALSE;
    }
  *out_rank = (guint) value;
  return TRUE;
}
