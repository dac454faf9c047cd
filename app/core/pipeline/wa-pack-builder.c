/* wa-pack-builder.c: runs the steps of one pack build into a temporary
 * GeoPackage and renames it over the output only when all succeeded. */
#include <inttypes.h>
#include "wa-pack-builder.h"
#include "wa-build-private.h"
#include "wa-error.h"
#include "wa-output-path.h"
#include "wa-pack.h"
#include "wa-safe-write.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <stdarg.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cpl_conv.h>

#ifndef WA_VERSION
#define WA_VERSION "0.1.0"
#endif
#define WA_GENERATOR "ward-atlas-cli " WA_VERSION

/* Grid cell for ward picking: about 5 km, a few wards per cell in towns. */
#define WARD_GRID_CELL 0.05

/* See create_pack. */
#define PACK_SQLITE_CACHE_MB 16

char *
wa_build_source_path (WaBuildContext *ctx, const WaManifestSource *source)
{
  return g_build_filename (ctx->sources_dir, source->file, NULL);
}

void
wa_build_report (WaBuildContext *ctx, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (ctx->progress == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  ctx->progress (message, ctx->progress_data);
}

void
wa_build_count_records (WaBuildContext *ctx, const char *source_id, gint64 n)
{
  gint64 *count = g_hash_table_lookup (ctx->records, source_id);

  if (count == NULL)
    {
      count = g_new0 (gint64, 1);
      g_hash_table_insert (ctx->records, g_strdup (source_id), count);
    }
  *count += n;
}

int
wa_build_locate_ward (WaBuildContext *ctx, double lon, double lat)
{
  const guint *items;
  guint n = 0;

  if (ctx->ward_grid == NULL)
    return -1;
  items = wa_spatial_index_query_point (ctx->ward_grid, lon, lat, &n);
  for (guint i = 0; i < n; i++)
    {
      const WaGeometry *geometry = g_ptr_array_index (ctx->ward_geometries, items[i]);

      if (geometry != NULL && wa_geometry_contains (geometry, lon, lat))
        return (int) items[i];
    }
  return -1;
}

OGRLayerH
wa_build_create_layer (WaBuildContext *ctx, const char *name,
                       OGRwkbGeometryType geometry_type, GError **error)
{
  OGRSpatialReferenceH srs = NULL;
  OGRLayerH layer;
  const char *options[] = { "FID=fid", NULL };

  if (geometry_type != wkbNone)
    srs = wa_gdal_srs_new (4326);
  wa_gdal_clear_message ();
  layer = GDALDatasetCreateLayer (ctx->out, name, srs, geometry_type, (char **) options);
  if (srs != NULL)
    OSRDestroySpatialReference (srs);
  if (layer == NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_IO,
                 _("%s: cannot create layer “%s”: %s"),
                 ctx->output_path, name, wa_gdal_last_message ());
  return layer;
}

gboolean
wa_build_add_field (WaBuildContext *ctx, OGRLayerH layer, const char *name,
                    OGRFieldType type, GError **error)
{
  OGRFieldDefnH field = OGR_Fld_Create (name, type);
  OGRErr status;

  wa_gdal_clear_message ();
  status = OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);
  if (status == OGRERR_NONE)
    return TRUE;
  g_set_error (error, WA_ERROR, WA_ERROR_IO,
               _("%s: cannot add column “%s” to layer “%s”: %s"),
               ctx->output_path, name, OGR_L_GetName (layer), wa_gdal_last_message ());
  return FALSE;
}

OGRLayerH
wa_build_create_layer_with_fields (WaBuildContext *ctx, const char *name,
                                   OGRwkbGeometryType geometry_type,
                                   const WaBuildField *fields, guint n_fields, GError **error)
{
  OGRLayerH layer = wa_build_create_layer (ctx, name, geometry_type, error);

  if (layer == NULL)
    return NULL;
  for (guint i = 0; i < n_fields; i++)
    if (!wa_build_add_field (ctx, layer, fields[i].name, fields[i].type, error))
      return NULL;
  return layer;
}

gboolean
wa_build_write_feature (WaBuildContext *ctx, OGRLayerH layer, OGRFeatureH feature, GError **error)
{
  OGR_F_SetFID (feature, OGRNullFID);
  if (OGR_L_CreateFeature (layer, feature) == OGRERR_NONE)
    return TRUE;
  g_set_error (error, WA_ERROR, WA_ERROR_IO,
               _("%s: cannot write to layer “%s”: %s"),
               wa_build_pack_path (ctx), OGR_L_GetName (layer), wa_gdal_last_message ());
  return FALSE;
}

/* Writes one feature; error names the pack and layer. */
static gboolean
write_feature (WaBuildContext *ctx, OGRLayerH layer, OGRFeatureH feature, GError **error)
{
  wa_gdal_clear_message ();
  if (OGR_L_CreateFeature (layer, feature) == OGRERR_NONE)
    return TRUE;
  g_set_error (error, WA_ERROR, WA_ERROR_IO,
               _("%s: cannot write to layer “%s”: %s"),
               ctx->output_path, OGR_L_GetName (layer), wa_gdal_last_message ());
  return FALSE;
}

static gboolean
begin (WaBuildContext *ctx, GError **error)
{
  if (GDALDatasetStartTransaction (ctx->out, FALSE) == OGRERR_NONE)
    return TRUE;
  g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot start a transaction: %s"),
               ctx->output_path, wa_gdal_last_message ());
  return FALSE;
}

static gboolean
commit (WaBuildContext *ctx, GError **error)
{
  if (GDALDatasetCommitTransaction (ctx->out) == OGRERR_NONE)
    return TRUE;
  g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot commit a transaction: %s"),
               ctx->output_path, wa_gdal_last_message ());
  return FALSE;
}

static gboolean
add_metadata_row (WaBuildContext *ctx, OGRLayerH layer, const char *key,
                  const char *value, GError **error)
{
  OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  gboolean ok;

  OGR_F_SetFieldString (feature, 0, key);
  if (value != NULL)
    OGR_F_SetFieldString (feature, 1, value);
  ok = write_feature (ctx, layer, feature, error);
  OGR_F_Destroy (feature);
  return ok;
}

static gboolean
write_metadata (WaBuildContext *ctx, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *schema = g_strdup_printf ("%d", WA_PACK_SCHEMA_VERSION);
  g_autofree char *wards = g_strdup_printf ("%u", ctx->ward_codes->len);
  g_autofree char *lsoas = g_strdup_printf ("%" G_GINT64_FORMAT, ctx->lsoa_count);
  g_autofree char *decile1 = g_strdup_printf ("%" G_GINT64_FORMAT, ctx->lsoa_decile1_count);
  g_autofree char *changes = wa_build_describe_changes (ctx);
  const char *rows[][2] = {
    { WA_PACK_META_SCHEMA_VERSION, schema },
    { WA_PACK_META_EDITION, wa_edition_to_string (ctx->edition) },
    { WA_PACK_META_BUILD_DATE, date },
    { WA_PACK_META_GENERATOR, WA_GENERATOR },
    { WA_PACK_META_WARD_COUNT, wards },
    { WA_PACK_META_LSOA_COUNT, lsoas },
    { WA_PACK_META_LSOA_DECILE1, decile1 },
    { WA_PACK_META_VINTAGES, wa_manifest_get_edition_key (ctx->manifest, ctx->edition, "vintages") },
  };
  static const WaBuildField fields[] = {
    { WA_PACK_META_KEY, OFTString },
    { WA_PACK_META_VALUE, OFTString },
  };
  OGRLayerH layer = wa_build_create_layer_with_fields (ctx, WA_PACK_LAYER_METADATA, wkbNone,
                                                       fields, G_N_ELEMENTS (fields), error);

  if (layer == NULL || !begin (ctx, error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    if (!add_metadata_row (ctx, layer, rows[i][0], rows[i][1], error))
      return FALSE;
  if (changes != NULL && !add_metadata_row (ctx, layer, WA_PACK_META_CHANGED_SOURCES, changes, error))
    return FALSE;
  for (guint i = 0; i + 1 < ctx->extra_metadata->len; i += 2)
    if (!add_metadata_row (ctx, layer, ctx->extra_metadata->pdata[i],
                           ctx->extra_metadata->pdata[i + 1], error))
      return FALSE;
  return commit (ctx, error);
}

static gboolean
write_sources (WaBuildContext *ctx, GError **error)
{
  /* The text columns first, in the order of values[] below. */
  static const WaBuildField fields[] = {
    { WA_PACK_SRC_ID, OFTString },
    { WA_PACK_SRC_ROLE, OFTString },
    { WA_PACK_SRC_TITLE, OFTString },
    { WA_PACK_SRC_FILE, OFTString },
    { WA_PACK_SRC_PUBLISHER, OFTString },
    { WA_PACK_SRC_URL, OFTString },
    { WA_PACK_SRC_LICENCE, OFTString },
    { WA_PACK_SRC_ATTRIBUTION, OFTString },
    { WA_PACK_SRC_RECORDS, OFTInteger64 },
  };
  GPtrArray *sources = wa_manifest_get_sources (ctx->manifest, ctx->edition);
  OGRLayerH layer = wa_build_create_layer_with_fields (ctx, WA_PACK_LAYER_SOURCES, wkbNone,
                                                       fields, G_N_ELEMENTS (fields), error);

  if (layer == NULL || !begin (ctx, error))
    return FALSE;

  for (guint i = 0; i < sources->len; i++)
    {
      const WaManifestSource *source = g_ptr_array_index (sources, i);
      const char *values[] = {
        source->id, source->role, source->title, source->file,
        source->publisher, source->url, source->licence, source->attribution,
      };
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      const gint64 *records = g_hash_table_lookup (ctx->records, source->id);
      gboolean ok;

      for (gsize c = 0; c < G_N_ELEMENTS (values); c++)
        OGR_F_SetFieldString (feature, (int) c, values[c]);
      /* NULL records: the source is listed but this build did not read it. */
      if (records != NULL)
        OGR_F_SetFieldInteger64 (feature, G_N_ELEMENTS (values), *records);
      ok = write_feature (ctx, layer, feature, error);
      OGR_F_Destroy (feature);
      if (!ok)
        return FALSE;
    }
  return commit (ctx, error);
}

#define TMP_INFIX ".tmp-"

static gboolean
process_gone (pid_t pid)
{
  return kill (pid, 0) != 0 && errno == ESRCH;
}

/* A build killed before its rename (power cut, SIGKILL) leaves
 * "<output>.tmp-<pid>-XXXXXX" behind; the next build of the same output
 * removes those whose process is gone. The pack itself was never touched. */
static void
remove_stale_tmp_files (const char *output_path)
{
  g_autofree char *folder = g_path_get_dirname (output_path);
  g_autofree char *base = g_path_get_basename (output_path);
  g_autofree char *prefix = g_strconcat (base, TMP_INFIX, NULL);
  GDir *dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      const char *rest = name + strlen (prefix);
      char *end = NULL;
      guint64 pid;

      if (!g_str_has_prefix (name, prefix))
        continue;
      pid = g_ascii_strtoull (rest, &end, 10);
      if (end == rest || *end != '-' || pid == 0 || pid > G_MAXINT || !process_gone ((pid_t) pid))
        continue;
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);
        g_unlink (path);
      }
    }
  g_dir_close (dir);
}

/* Reserves "<output>.tmp-<pid>-XXXXXX" beside the output, so the final
 * rename stays within one file system. */
static char *
reserve_tmp_path (const char *output_path, GError **error)
{
  g_autofree char *path = g_strdup_printf ("%s" TMP_INFIX "%d-XXXXXX", output_path, (int) getpid ());
  int fd = g_mkstemp (path);
  int saved_errno = errno;

  if (fd < 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: cannot create a temporary file beside it: %s"),
                   output_path, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);
  /* The GeoPackage driver wants to create the file itself. */
  g_unlink (path);
  return g_steal_pointer (&path);
}

static void
remove_tmp_files (const char *tmp_path)
{
  static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (tmp_path, suffixes[i], NULL);
      g_unlink (path);
    }
}

static gboolean
create_pack (WaBuildContext *ctx, GError **error)
{
  GDALDriverH driver = GDALGetDriverByName ("GPKG");

  if (driver == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_FAILED,
                   _("%s: GDAL lacks the GeoPackage driver"), ctx->output_path);
      return FALSE;
    }
  /* Durability comes from wa_safe_write_commit_file's fsync; SQLite's own syncing
   * per transaction only slows the build. */
  CPLSetThreadLocalConfigOption ("OGR_SQLITE_SYNCHRONOUS", "OFF");
  /* SQLite's page cache, in MB; it also bounds the memory of the sort
   * behind CREATE INDEX. 256 MB held most of the pack in memory (the
   * build's peak RSS, issue 18); past this a step's transaction spills
   * its pages to the file, which measured no slower. */
  CPLSetThreadLocalConfigOption ("OGR_SQLITE_CACHE", G_STRINGIFY (PACK_SQLITE_CACHE_MB));
  wa_gdal_clear_message ();
  ctx->out = GDALCreate (driver, ctx->tmp_path, 0, 0, 0, GDT_Unknown, NULL);
  if (ctx->out == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: cannot create the GeoPackage: %s"),
                   ctx->tmp_path, wa_gdal_last_message ());
      return FALSE;
    }
  return TRUE;
}

static gboolean
close_pack (WaBuildContext *ctx, GError **error)
{
  wa_gdal_clear_message ();
  GDALClose (ctx->out);
  ctx->out = NULL;
  if (CPLGetLastErrorType () >= CE_Failure)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: cannot finish writing the pack: %s"),
                   ctx->tmp_path, wa_gdal_last_message ());
      return FALSE;
    }
  return TRUE;
}

typedef gboolean (*BuildStep) (WaBuildContext *ctx, GError **error);

static gboolean
run_steps (WaBuildContext *ctx, GError **error)
{
  static const struct { const char *name; BuildStep step; } steps[] = {
    { N_("wards and indicators"), wa_build_wards },
    { N_("boundaries"), wa_build_boundaries },
    { N_("neighbours"), wa_build_neighbours },
    { N_("places"), wa_build_places },
    { N_("motorways and stations"), wa_build_roads },
    { N_("postcodes"), wa_build_postcodes },
    { N_("assets"), wa_build_assets },
    { N_("crosswalk"), wa_build_crosswalk },
    { N_("neighbourhoods"), wa_build_lsoas },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (steps[i].step == wa_build_postcodes && ctx->skip_postcodes)
        continue;
      wa_build_report (ctx, _("Building %s…"), _(steps[i].name));
      if (!steps[i].step (ctx, error))
        return FALSE;
      wa_build_report (ctx, _("Built %s in %.1f s"), _(steps[i].name),
                       (g_get_monotonic_time () - start) / 1e6);
    }
  return wa_build_check_records (ctx, error) && write_metadata (ctx, error)
         && write_sources (ctx, error);
}

/* What the steps handed each other (ward shapes and grid, LSOAs, foreign
 * postcodes): not needed once the pack is written, and freed before the
 * seal opens it with the app's reader, which would otherwise add its
 * whole model on top (issue 18: the build's peak RSS). */
static void
release_step_data (WaBuildContext *ctx)
{
  g_clear_pointer (&ctx->ward_grid, wa_spatial_index_free);
  g_clear_pointer (&ctx->ward_geometries, g_ptr_array_unref);
  g_clear_pointer (&ctx->lsoas, g_hash_table_unref);
  g_clear_pointer (&ctx->lsoa_list, g_ptr_array_unref);
  g_clear_pointer (&ctx->foreign_postcodes, g_array_unref);
}

static gboolean
release_and_seal (WaBuildContext *ctx, GError **error)
{
  release_step_data (ctx);
  return wa_build_seal_pack (ctx, error);
}

static void
context_clear (WaBuildContext *ctx)
{
  if (ctx->out != NULL)
    GDALClose (ctx->out);
  if (ctx->tmp_path != NULL)
    remove_tmp_files (ctx->tmp_path);
  g_clear_pointer (&ctx->manifest, wa_manifest_free);
  g_clear_pointer (&ctx->ward_codes, g_ptr_array_unref);
  g_clear_pointer (&ctx->ward_by_code, g_hash_table_unref);
  g_clear_pointer (&ctx->ward_geometries, g_ptr_array_unref);
  g_clear_pointer (&ctx->ward_grid, wa_spatial_index_free);
  g_clear_pointer (&ctx->lsoas, g_hash_table_unref);
  g_clear_pointer (&ctx->lsoa_list, g_ptr_array_unref);
  g_clear_pointer (&ctx->records, g_hash_table_unref);
  g_clear_pointer (&ctx->changed_sources, g_ptr_array_unref);
  g_clear_pointer (&ctx->extra_metadata, g_ptr_array_unref);
  g_clear_pointer (&ctx->verified_sources, g_hash_table_unref);
  g_clear_pointer (&ctx->foreign_postcodes, g_array_unref);
  g_free (ctx->sources_dir);
  g_free (ctx->tmp_path);
  g_free (ctx->output_path);
}

/* SQLite reports a full disk (or a quota, or a vanished USB stick) only as
 * "disk I/O error": say what to check, with the free space. */
static void
add_write_hint (GError *error, const char *output_path)
{
  g_autofree char *folder = g_path_get_dirname (output_path);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *free_text = NULL;
  char *message;

  if (error == NULL || error->domain != WA_ERROR
      || (strstr (error->message, "disk I/O error") == NULL
          && strstr (error->message, "database or disk is full") == NULL))
    return;
  info = g_file_query_filesystem_info (file, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
  free_text = info != NULL
    ? g_format_size (g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
    : g_strdup (_("unknown space"));
  message = g_strdup_printf (_("%s; check that the disk is not full (%s free) and that the folder can be written to"),
                             error->message, free_text);
  g_free (error->message);
  error->message = message;
}

/* Never over the manifest or a source (build-pack --output imd.csv), a
 * device or anything else that is not a pack, unless forced. */
static gboolean
check_output (WaBuildContext *ctx, const WaPackBuildOptions *options, GError **error)
{
  GPtrArray *sources = wa_manifest_get_sources (ctx->manifest, ctx->edition);
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (inputs, g_strdup (options->manifest_path));
  for (guint i = 0; i < sources->len; i++)
    g_ptr_array_add (inputs, wa_build_source_path (ctx, sources->pdata[i]));
  g_ptr_array_add (inputs, NULL);
  return wa_output_path_check (options->output_path, WA_OUTPUT_PACK,
                               (const char *const *) inputs->pdata, options->force, error);
}

gboolean
wa_pack_build (const WaPackBuildOptions *options, GError **error)
{
  WaBuildContext ctx = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->edition < WA_N_EDITIONS, FALSE);
  g_return_val_if_fail (options->output_path != NULL, FALSE);
  g_return_val_if_fail (options->manifest_path != NULL && options->sources_dir != NULL, FALSE);

  wa_gdal_init ();
  ctx.edition = options->edition;
  ctx.sources_dir = g_strdup (options->sources_dir);
  ctx.output_path = g_strdup (options->output_path);
  ctx.skip_postcodes = options->skip_postcodes;
  ctx.progress = options->progress;
  ctx.progress_data = options->progress_data;
  ctx.records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx.accept_changed_sources = options->accept_changed_sources;
  ctx.changed_sources = g_ptr_array_new_with_free_func (g_free);
  ctx.extra_metadata = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_test (options->sources_dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: the sources folder does not exist"), options->sources_dir);
      goto out;
    }
  ctx.manifest = wa_manifest_load (options->manifest_path, error);
  if (ctx.manifest == NULL)
    goto out;
  if (!check_output (&ctx, options, error) || !wa_build_check_sources (&ctx, error))
    goto out;
  remove_stale_tmp_files (options->output_path);
  ctx.tmp_path = reserve_tmp_path (options->output_path, error);
  if (ctx.tmp_path == NULL || !create_pack (&ctx, error) || !run_steps (&ctx, error)
      || !close_pack (&ctx, error)
      || !release_and_seal (&ctx, error)
      || !wa_safe_write_commit_file (ctx.tmp_path, options->output_path, error))
    goto out;
  wa_build_report (&ctx, _("Wrote %s (%u wards)"), options->output_path, ctx.ward_codes->len);
  ok = TRUE;

out:
  /* Before the temporary pack is removed: its size is the space that ran out. */
  if (!ok && error != NULL)
    add_write_hint (*error, options->output_path);
  context_clear (&ctx);
  return ok;
}

/* ---- helpers shared by the build steps --------------------------------- */

const char *
wa_build_pack_path (WaBuildContext *ctx)
{
  return ctx->output_path != NULL ? ctx->output_path : ctx->tmp_path;
}


/* The pack is written in one transaction per step when the driver allows
 * it; FALSE when one is already open (the caller then owns it). */
gboolean
wa_build_begin (WaBuildContext *ctx)
{
  if (GDALDatasetTestCapability (ctx->out, ODsCTransactions) == 0)
    return FALSE;
  wa_gdal_clear_message ();
  return GDALDatasetStartTransaction (ctx->out, FALSE) == OGRERR_NONE;
}

gboolean
wa_build_end (WaBuildContext *ctx, gboolean started, gboolean ok, GError **error)
{
  if (!started)
    return ok;
  if (!ok)
    {
      GDALDatasetRollbackTransaction (ctx->out);
      return FALSE;
    }
  if (GDALDatasetCommitTransaction (ctx->out) != OGRERR_NONE)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO,
                   _("%s: cannot commit: %s"), wa_build_pack_path (ctx), wa_gdal_last_message ());
      return FALSE;
    }
  return TRUE;
}

OGRCoordinateTransformationH
wa_build_source_transform (const WaManifestSource *source, const char *path, GError **error)
{
  const char *srs_option = wa_manifest_source_option (source, "srs");
  guint64 epsg = 4326;
  OGRSpatialReferenceH from, to;
  OGRCoordinateTransformationH transform = NULL;

  if (srs_option != NULL
      && !g_ascii_string_to_unsigned (srs_option, 10, 1, G_MAXINT, &epsg, NULL))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("%s: option.srs “%s” is not an EPSG code"), path, srs_option);
      return NULL;
    }
  from = wa_gdal_srs_new ((int) epsg);
  to = wa_gdal_srs_new (4326);
  if (from != NULL && to != NULL)
    transform = OCTNewCoordinateTransformation (from, to);
  if (transform == NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_FAILED,
                 _("%s: cannot reproject EPSG:%" PRIu64 " to EPSG:4326: %s"),
                 path, epsg, wa_gdal_last_message ());
  if (from != NULL)
    OSRDestroySpatialReference (from);
  if (to != NULL)
    OSRDestroySpatialReference (to);
  return transform;
}
