/* wa-build-source.c: opening, walking and reading the build's input files
 * (see wa-build-source.h). */
#include <inttypes.h>
#include "wa-build-source.h"
#include "wa-error.h"

#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

static gboolean
is_vector_source (const WaManifestSource *source)
{
  if (source->format != NULL)
    return g_str_equal (source->format, "gpkg") || g_str_equal (source->format, "geojson");
  return g_str_has_suffix (source->file, ".gpkg") || g_str_has_suffix (source->file, ".geojson");
}

/* A table saved or copied half-way stops mid-line; one saved in full ends
 * with a line break. Checked on every table whose SHA-256 is not the
 * manifest's (a changed source, or one the manifest does not fingerprint);
 * compressed tables are left to gzip's own length and CRC check. */
static gboolean
check_final_newline (const char *path, GError **error)
{
  char last = '\n';
  gboolean ok = TRUE;
  int fd;

  if (g_str_has_suffix (path, ".gz"))
    return TRUE;
  /* wa_gdal_open_table has refused special files already. */
  if ((fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
    return TRUE;
  if (lseek (fd, -1, SEEK_END) >= 0 && read (fd, &last, 1) == 1 && last != '\n')
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: the file does not end with a line break, so its last line looks cut "
                     "short (a file saved or copied half-way)"), path);
      ok = FALSE;
    }
  close (fd);
  return ok;
}

/* Its SHA-256 is the one the manifest records (wa-build-verify.c). */
static gboolean
is_verified (WaBuildContext *ctx, const WaManifestSource *source)
{
  return ctx->verified_sources != NULL && g_hash_table_contains (ctx->verified_sources, source->id);
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
  /* After the table checks, which name an empty or binary file as such. */
  if (s->dataset == NULL
      || (s->is_table && !is_verified (ctx, source) && !check_final_newline (s->path, error)))
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
  g_clear_pointer (&s->seen, wa_feature_guard_free);
  g_clear_error (&s->cut);
  s->dataset = NULL;
  s->layer = NULL;
}

/* GDAL leaves the fields past a short row's end unset; an empty field
 * is set to null instead. Fields a step asked GDAL to skip (the postcode
 * table's) are never set. */
static int
count_set_fields (OGRFeatureH feature)
{
  OGRFeatureDefnH defn = OGR_F_GetDefnRef (feature);
  int n = OGR_F_GetFieldCount (feature);

  for (int i = 0; i < n; i++)
    if (!OGR_F_IsFieldSet (feature, i) && !OGR_Fld_IsIgnored (OGR_FD_GetFieldDefn (defn, i)))
      return i;
  return n;
}

OGRFeatureH
wa_build_source_next (WaBuildSource *s)
{
  OGRFeatureH feature = OGR_L_GetNextFeature (s->layer);
  int n_set;

  if (feature == NULL)
    return NULL;
  if (s->seen == NULL)
    s->seen = wa_feature_guard_new ();
  if (!wa_feature_guard_add (s->seen, OGR_F_GetFID (feature)))
    {
      OGR_F_Destroy (feature);
      s->repeated = TRUE;
      return NULL;
    }
  s->row++;
  if (!s->is_table || (n_set = count_set_fields (feature)) == OGR_F_GetFieldCount (feature))
    return feature;
  wa_build_source_row_error (s, &s->cut, WA_ERROR_PARSE, -1,
                             _("the row has %d of the %d columns of the header: the file looks "
                               "cut short or the row is broken"),
                             n_set, OGR_F_GetFieldCount (feature));
  OGR_F_Destroy (feature);
  return NULL;
}

gboolean
wa_build_source_check_end (WaBuildSource *s, GError **error)
{
  g_autofree char *repeated = wa_gdal_take_repeated_layer ();

  if (repeated == NULL && s->repeated)
    repeated = g_strdup (OGR_L_GetName (s->layer));

  if (s->cut != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&s->cut));
      return FALSE;
    }
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

/* strtod reads "5." as 5, but a published figure never ends in a point
 * or an exponent sign: it is a number cut mid-field ("5.1234" → "5."). */
static gboolean
ends_in_digit (const char *text)
{
  gsize length = strlen (text);

  while (length > 0 && g_ascii_isspace (text[length - 1]))
    length--;
  return length > 0 && g_ascii_isdigit (text[length - 1]);
}

gboolean
wa_build_source_double (WaBuildSource *s, OGRFeatureH feature, int column, double *out_value,
                        GError **error)
{
  *out_value = NAN;
  if (column < 0 || wa_gdal_field_string (feature, column) == NULL)
    return TRUE;
  if (wa_gdal_field_double (feature, column, out_value)
      && ends_in_digit (wa_gdal_field_string (feature, column)))
    return TRUE;
  *out_value = NAN;
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

/* ---- published ranks ---------------------------------------------------- */

typedef struct {
  guint rank;
  double score;
  gint64 row;
  const char *code;   /* in the chunk */
} RankEntry;

struct _WaBuildRanks {
  int column;
  GArray *entries;
  GStringChunk *codes;
};

WaBuildRanks *
wa_build_ranks_new (int column)
{
  WaBuildRanks *ranks = g_new0 (WaBuildRanks, 1);

  ranks->column = column;
  ranks->entries = g_array_new (FALSE, FALSE, sizeof (RankEntry));
  ranks->codes = g_string_chunk_new (4096);
  return ranks;
}

void
wa_build_ranks_free (WaBuildRanks *ranks)
{
  if (ranks == NULL)
    return;
  g_array_unref (ranks->entries);
  g_string_chunk_free (ranks->codes);
  g_free (ranks);
}

void
wa_build_ranks_add (WaBuildRanks *ranks, guint rank, double score, const char *code, gint64 row)
{
  RankEntry entry = { rank, score, row, g_string_chunk_insert_const (ranks->codes, code) };

  g_array_append_val (ranks->entries, entry);
}

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const RankEntry *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->row < y->row ? -1 : x->row > y->row;
}

/* Two rows given one rank whose scores differ: one of them was edited. */
static gboolean
check_ties (WaBuildRanks *ranks, WaBuildSource *s, GError **error)
{
  const RankEntry *e = (const RankEntry *) ranks->entries->data;

  for (guint i = 1; i < ranks->entries->len; i++)
    if (e[i].rank == e[i - 1].rank && !isnan (e[i].score) && !isnan (e[i - 1].score)
        && e[i].score != e[i - 1].score)
      {
        s->row = e[i].row;   /* the error names the later line */
        wa_build_source_row_error (s, error, WA_ERROR_DUPLICATE, ranks->column,
                                   _("rank %u is given to both %s (line %" G_GINT64_FORMAT ") and %s, "
                                     "whose scores differ (%g and %g); only equal scores share a rank"),
                                   e[i].rank, e[i - 1].code, e[i - 1].row + (s->is_table ? 1 : 0),
                                   e[i].code, e[i - 1].score, e[i].score);
        return FALSE;
      }
  return TRUE;
}

/* After i rows, the next distinct rank is i + 1. */
static gboolean
check_sequence (WaBuildRanks *ranks, WaBuildSource *s, GError **error)
{
  const RankEntry *e = (const RankEntry *) ranks->entries->data;

  for (guint i = 0; i < ranks->entries->len; i++)
    {
      if ((i > 0 && e[i].rank == e[i - 1].rank) || e[i].rank == i + 1)
        continue;
      s->row = e[i].row;
      wa_build_source_row_error (s, error, WA_ERROR_PARSE, ranks->column,
                                 _("%s has rank %u, but %u rows rank above it: a rank is repeated or "
                                   "missing (ranks run from 1, and a tie of n rows skips the next n - 1)"),
                                 e[i].code, e[i].rank, i);
      return FALSE;
    }
  return TRUE;
}

gboolean
wa_build_ranks_check (WaBuildRanks *ranks, WaBuildSource *s, GError **error)
{
  gint64 row = s->row;
  gboolean ok;

  g_array_sort (ranks->entries, compare_entries);
  ok = check_ties (ranks, s, error) && check_sequence (ranks, s, error);
  s->row = row;
  return ok;
}
