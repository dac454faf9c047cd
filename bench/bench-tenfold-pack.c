/* bench-tenfold-pack.c: the 10× pack (see bench-tenfold.h); its figures
 * are in bench-tenfold.c.
 *
 * How the pack is made: the given pack is copied; every polygon of
 * boundaries/lsoa11_england_bsc.gpkg and boundaries/lsoa21_england_bsc.gpkg
 * is added to "wards" as one more ward, code "<LSOA code>-11" or
 * "<LSOA code>-21" (most LSOA codes are in both vintages, and neither
 * form can clash with a ward code E05…), name "<LSOA name> (LSOA 2011)"
 * (or 2021). Every other column (council, region, IMD and CNI scores,
 * ranks, deciles, left-behind flag) is copied from the ward of the pack
 * that holds the polygon's interior point (wa_atlas_locate, as the map's
 * pick does), or, when that point falls in no ward (coast, holes), from
 * the ward the pack's own "lsoas" table gives the code; the style
 * therefore colours each LSOA like the ward around it. Population is
 * unknown (NULL) and n_lsoa is 1. Each "wards_lod*" layer named by
 * geometry_levels gets the polygons of each vintage simplified together
 * with that level's tolerance (read from its tolerance column) by the
 * builder's own wa_build_simplify_coverage. Ward names' places are found as
 * the builder finds them (wa_label_point_find, 1 m). Neighbours are left
 * empty for the extra wards. The metadata's ward_count is updated, the
 * "ward_ranks" table and its method are dropped, and the pack is sealed
 * as wa_build_seal_pack does: fingerprints stored, opened by the app's
 * reader, its ranks stored, fingerprinted again and opened again.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gdal.h>
#include <ogr_api.h>

#include "bench-tenfold.h"
#include "wa-atlas.h"
#include "wa-build-private.h"
#include "wa-label-point.h"
#include "wa-pack-check.h"
#include "wa-pack.h"
#include "wa-pack-figures.h"

static gboolean
gdal_failed (GError **error, const char *path, const char *what)
{
  const char *gdal = CPLGetLastErrorMsg ();

  if (gdal == NULL || gdal[0] == '\0')
    gdal = g_file_test (path, G_FILE_TEST_EXISTS) ? "GDAL gave no reason" : "no such file";
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s: %s", path, what, gdal);
  return FALSE;
}

/* ---- the pack -------------------------------------------------------- */

typedef struct {
  char *layer;
  double tolerance;
  OGRLayerH handle;
} Level;

static void
level_free (gpointer data)
{
  Level *level = data;

  g_free (level->layer);
  g_free (level);
}

typedef struct {
  GDALDatasetH pack;
  const char *path;
  WaAtlas *original;       /* to place each LSOA in a ward */
  OGRLayerH wards;
  GHashTable *ward_rows;   /* code -> OGRFeatureH without geometry */
  GHashTable *lsoa_ward;   /* LSOA 2011 code -> ward code, from "lsoas" */
  GPtrArray *levels;       /* of Level: the ward levels other than "wards" */
  /* The vintage being added: each LSOA's code and polygons, for its
   * levels, simplified together once the vintage is read. */
  GPtrArray *pending_codes, *pending_shapes;
  guint n_added, n_located, n_by_table, n_unplaced;
} Tenfold;

static gboolean
read_wards (Tenfold *t, GError **error)
{
  int code = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (t->wards), WA_PACK_WARD_CODE);
  OGRFeatureH feature;

  if (code < 0)
    return gdal_failed (error, t->path, "no ward code column");
  OGR_L_ResetReading (t->wards);
  while ((feature = OGR_L_GetNextFeature (t->wards)) != NULL)
    {
      OGRGeometryH geometry = OGR_F_StealGeometry (feature);

      if (geometry != NULL)
        OGR_G_DestroyGeometry (geometry);
      g_hash_table_replace (t->ward_rows, g_strdup (OGR_F_GetFieldAsString (feature, code)), feature);
    }
  return TRUE;
}

/* The pack's "lsoas" table (2019: LSOA 2011 codes and their ward), if any. */
static void
read_lsoa_wards (Tenfold *t)
{
  OGRLayerH layer = GDALDatasetGetLayerByName (t->pack, WA_PACK_LAYER_LSOAS);
  OGRFeatureDefnH defn;
  OGRFeatureH feature;
  int code, ward;

  if (layer == NULL)
    return;
  defn = OGR_L_GetLayerDefn (layer);
  code = OGR_FD_GetFieldIndex (defn, WA_PACK_LSOA_CODE);
  ward = OGR_FD_GetFieldIndex (defn, WA_PACK_LSOA_WARD_CODE);
  if (code < 0 || ward < 0)
    return;
  OGR_L_SetIgnoredFields (layer, (const char *[]) { "OGR_GEOMETRY", NULL });
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      if (OGR_F_IsFieldSetAndNotNull (feature, ward))
        g_hash_table_replace (t->lsoa_ward, g_strdup (OGR_F_GetFieldAsString (feature, code)),
                              g_strdup (OGR_F_GetFieldAsString (feature, ward)));
      OGR_F_Destroy (feature);
    }
  OGR_L_SetIgnoredFields (layer, NULL);
}

/* The ward levels of geometry_levels, except the full layer itself. */
static gboolean
read_levels (Tenfold *t, GError **error)
{
  OGRLayerH layer = GDALDatasetGetLayerByName (t->pack, WA_PACK_LAYER_LEVELS);
  OGRFeatureDefnH defn;
  OGRFeatureH feature;
  int name, kind, tolerance;

  if (layer == NULL)
    return TRUE;   /* a pack without levels draws "wards" at every zoom */
  defn = OGR_L_GetLayerDefn (layer);
  name = OGR_FD_GetFieldIndex (defn, WA_PACK_LEVEL_LAYER);
  kind = OGR_FD_GetFieldIndex (defn, WA_PACK_LEVEL_KIND);
  tolerance = OGR_FD_GetFieldIndex (defn, WA_PACK_LEVEL_TOLERANCE);
  if (name < 0 || kind < 0 || tolerance < 0)
    return gdal_failed (error, t->path, "geometry_levels lacks layer, kind or tolerance");
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      const char *layer_name = OGR_F_GetFieldAsString (feature, name);

      if (g_strcmp0 (OGR_F_GetFieldAsString (feature, kind), "wards") == 0
          && g_strcmp0 (layer_name, WA_PACK_LAYER_WARDS) != 0)
        {
          Level *level = g_new0 (Level, 1);

          level->layer = g_strdup (layer_name);
          level->tolerance = OGR_F_GetFieldAsDouble (feature, tolerance);
          level->handle = GDALDatasetGetLayerByName (t->pack, layer_name);
          g_ptr_array_add (t->levels, level);
          if (level->handle == NULL)
            {
              OGR_F_Destroy (feature);
              return gdal_failed (error, t->path, "a level named in geometry_levels is missing");
            }
        }
      OGR_F_Destroy (feature);
    }
  return TRUE;
}

/* The ward whose figures an LSOA polygon takes, or NULL. */
static OGRFeatureH
parent_ward (Tenfold *t, const WaGeometry *shape, const char *lsoa_code)
{
  double lon, lat;
  WaWard *ward;
  const char *code;

  wa_geometry_interior_point (shape, &lon, &lat);
  ward = wa_atlas_locate (t->original, lon, lat);
  if (ward != NULL)
    {
      t->n_located++;
      return g_hash_table_lookup (t->ward_rows, wa_ward_get_code (ward));
    }
  code = g_hash_table_lookup (t->lsoa_ward, lsoa_code);
  if (code != NULL && g_hash_table_contains (t->ward_rows, code))
    {
      t->n_by_table++;
      return g_hash_table_lookup (t->ward_rows, code);
    }
  t->n_unplaced++;
  return NULL;
}

/* Every level's rows for the pending LSOAs: each level simplified
 * together with its tolerance (wa_build_simplify_coverage), as the
 * builder simplifies the wards, so that neighbouring LSOAs still meet. */
static gboolean
write_pending_levels (Tenfold *t, GError **error)
{
  guint n = t->pending_shapes->len;

  for (guint i = 0; i < t->levels->len; i++)
    {
      Level *level = t->levels->pdata[i];
      guint n_alone;
      g_autofree OGRGeometryH *simple = wa_build_simplify_coverage (
        (OGRGeometryH *) t->pending_shapes->pdata, n, level->tolerance, &n_alone);
      gboolean ok = TRUE;

      for (guint k = 0; k < n; k++)
        {
          OGRFeatureH feature;

          if (!ok)
            {
              OGR_G_DestroyGeometry (simple[k]);
              continue;
            }
          feature = OGR_F_Create (OGR_L_GetLayerDefn (level->handle));
          OGR_F_SetFieldString (feature, OGR_F_GetFieldIndex (feature, WA_PACK_LOD_CODE),
                                t->pending_codes->pdata[k]);
          OGR_F_SetGeometryDirectly (feature, simple[k]);
          ok = OGR_L_CreateFeature (level->handle, feature) == OGRERR_NONE
               || gdal_failed (error, t->path, level->layer);
          OGR_F_Destroy (feature);
        }
      if (!ok)
        return FALSE;
    }
  g_ptr_array_set_size (t->pending_codes, 0);
  g_ptr_array_set_size (t->pending_shapes, 0);
  return TRUE;
}

static void
set_double (OGRFeatureH feature, const char *column, double value)
{
  int index = OGR_F_GetFieldIndex (feature, column);

  if (index >= 0)
    OGR_F_SetFieldDouble (feature, index, value);
}

/* A ward with no figures: every figure none, in the blob the reader takes too. */
static OGRFeatureH
unranked_ward (Tenfold *t)
{
  OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (t->wards));
  WaFigure figures[WA_N_INDICATORS];
  guint8 blob[WA_PACK_FIGURES_BYTES];

  for (guint i = 0; i < WA_N_INDICATORS; i++)
    wa_figure_init (&figures[i]);
  wa_pack_figures_encode (figures, blob);
  OGR_F_SetFieldBinary (feature, OGR_F_GetFieldIndex (feature, WA_PACK_WARD_FIGURES), sizeof blob, blob);
  return feature;
}

/* One LSOA polygon as a ward, in "wards" and every level. */
static gboolean
add_lsoa (Tenfold *t, OGRGeometryH polygon, const char *lsoa_code, const char *lsoa_name,
          const char *vintage, GError **error)
{
  OGRGeometryH multi = wa_build_polygons_only (polygon);
  g_autoptr(WaGeometry) shape = NULL;
  g_autofree char *code = g_strdup_printf ("%s-%s", lsoa_code, vintage + 2);
  g_autofree char *name = g_strdup_printf ("%s (LSOA %s)", lsoa_name, vintage);
  g_autofree char *source = g_strdup_printf ("LSOA %s BSC (10x benchmark)", vintage);
  OGRFeatureH parent, feature;
  double lon, lat, radius;
  OGRErr err;

  if (OGR_G_IsEmpty (multi))
    {
      OGR_G_DestroyGeometry (multi);
      return TRUE;
    }
  shape = wa_geometry_new_from_ogr (multi, error);
  if (shape == NULL)
    {
      OGR_G_DestroyGeometry (multi);
      return FALSE;
    }
  parent = parent_ward (t, shape, lsoa_code);
  if (parent != NULL)
    {
      feature = OGR_F_Clone (parent);
      OGR_F_SetFID (feature, OGRNullFID);
    }
  else
    feature = unranked_ward (t);
  OGR_F_SetFieldString (feature, OGR_F_GetFieldIndex (feature, WA_PACK_WARD_CODE), code);
  OGR_F_SetFieldString (feature, OGR_F_GetFieldIndex (feature, WA_PACK_WARD_NAME), name);
  OGR_F_SetFieldString (feature, OGR_F_GetFieldIndex (feature, WA_PACK_WARD_GEOM_SOURCE), source);
  OGR_F_SetFieldNull (feature, OGR_F_GetFieldIndex (feature, WA_PACK_WARD_POPULATION));
  OGR_F_SetFieldInteger (feature, OGR_F_GetFieldIndex (feature, WA_PACK_WARD_N_LSOA), 1);
  if (wa_label_point_find (shape, 1.0, &lon, &lat, &radius))
    {
      set_double (feature, WA_PACK_WARD_LABEL_LON, lon);
      set_double (feature, WA_PACK_WARD_LABEL_LAT, lat);
      set_double (feature, WA_PACK_WARD_LABEL_RADIUS, radius);
    }
  g_ptr_array_add (t->pending_codes, g_strdup (code));
  g_ptr_array_add (t->pending_shapes, OGR_G_Clone (multi));
  OGR_F_SetGeometryDirectly (feature, multi);
  err = OGR_L_CreateFeature (t->wards, feature);
  OGR_F_Destroy (feature);
  if (err != OGRERR_NONE)
    return gdal_failed (error, t->path, "cannot add a ward");
  t->n_added++;
  return TRUE;
}

/* Every polygon of boundaries/lsoaYY_england_bsc.gpkg (at most max if > 0). */
static gboolean
add_lsoa_file (Tenfold *t, const char *sources, const char *vintage, guint max, GError **error)
{
  g_autofree char *base = g_strdup_printf ("lsoa%s_england_bsc", vintage + 2);
  g_autofree char *file = g_strconcat (base, ".gpkg", NULL);
  g_autofree char *path = g_build_filename (sources, "boundaries", file, NULL);
  g_autofree char *code_column = g_strdup_printf ("lsoa%s_code", vintage + 2);
  g_autofree char *name_column = g_strdup_printf ("lsoa%s_name", vintage + 2);
  GDALDatasetH source = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  OGRLayerH layer;
  OGRFeatureH feature;
  int code, name;
  guint n = 0;
  gboolean ok = TRUE;

  if (source == NULL)
    return gdal_failed (error, path, "cannot open the LSOA boundaries");
  layer = GDALDatasetGetLayer (source, 0);
  code = layer != NULL ? OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), code_column) : -1;
  name = layer != NULL ? OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), name_column) : -1;
  if (code < 0 || name < 0)
    {
      GDALClose (source);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: no %s and %s columns", path,
                   code_column, name_column);
      return FALSE;
    }
  while (ok && (max == 0 || n < max) && (feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);

      if (geometry != NULL)
        ok = add_lsoa (t, geometry, OGR_F_GetFieldAsString (feature, code),
                       OGR_F_GetFieldAsString (feature, name), vintage, error);
      OGR_F_Destroy (feature);
      n++;
    }
  GDALClose (source);
  return ok && write_pending_levels (t, error);
}

static gboolean
execute (Tenfold *t, const char *sql, GError **error)
{
  OGRLayerH result;

  CPLErrorReset ();
  result = GDALDatasetExecuteSQL (t->pack, sql, NULL, NULL);
  if (result != NULL)
    GDALDatasetReleaseResultSet (t->pack, result);
  return CPLGetLastErrorType () < CE_Failure || gdal_failed (error, t->path, sql);
}

/* ward_ranks goes (wa_build_store_ward_ranks writes it afresh from the
 * reader's own ranks), and ward_count says how many wards there are. */
static gboolean
update_tables (Tenfold *t, GError **error)
{
  g_autofree char *count = NULL;

  for (int i = 0; i < GDALDatasetGetLayerCount (t->pack); i++)
    if (g_strcmp0 (OGR_L_GetName (GDALDatasetGetLayer (t->pack, i)), WA_PACK_LAYER_WARD_RANKS) == 0)
      {
        if (GDALDatasetDeleteLayer (t->pack, i) != OGRERR_NONE)
          return gdal_failed (error, t->path, "cannot drop ward_ranks");
        break;
      }
  count = g_strdup_printf ("UPDATE " WA_PACK_LAYER_METADATA " SET " WA_PACK_META_VALUE " = '%u' WHERE "
                           WA_PACK_META_KEY " = '" WA_PACK_META_WARD_COUNT "'",
                           (guint) OGR_L_GetFeatureCount (t->wards, TRUE));
  return execute (t, "DELETE FROM " WA_PACK_LAYER_METADATA " WHERE " WA_PACK_META_KEY " = '"
                  WA_PACK_META_WARD_RANKS_METHOD "'", error)
         && execute (t, count, error);
}

/* As wa_build_seal_pack (wa-build-verify.c): fingerprints, the reader,
 * the ranks it gives, fingerprints again, the reader again. */
static gboolean
seal (const char *path, guint *n_wards, GError **error)
{
  g_autoptr(GPtrArray) fingerprints = wa_pack_fingerprint (path, error);
  g_autoptr(WaAtlas) atlas = NULL;

  if (fingerprints == NULL || !wa_pack_store_fingerprint (path, fingerprints, error)
      || (atlas = wa_atlas_open (path, error)) == NULL
      || !wa_build_store_ward_ranks (path, atlas, error))
    return FALSE;
  g_clear_object (&atlas);
  g_clear_pointer (&fingerprints, g_ptr_array_unref);
  if ((fingerprints = wa_pack_fingerprint (path, error)) == NULL
      || !wa_pack_store_fingerprint (path, fingerprints, error)
      || (atlas = wa_atlas_open (path, error)) == NULL)
    return FALSE;
  *n_wards = wa_atlas_get_n_wards (atlas);
  return TRUE;
}

gboolean
bench_tenfold_make_pack (const char *pack, const char *sources, const char *output,
                         guint max_per_file, BenchTenfoldCounts *counts, GError **error)
{
  g_autoptr(GFile) from = g_file_new_for_path (pack);
  g_autoptr(GFile) to = g_file_new_for_path (output);
  Tenfold t = { .path = output };
  gboolean ok;
  guint n_wards = 0, n_before;

  t.original = wa_atlas_open (pack, error);
  if (t.original == NULL || !g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
    {
      g_clear_object (&t.original);
      return FALSE;
    }
  n_before = wa_atlas_get_n_wards (t.original);
  t.pack = GDALOpenEx (output, GDAL_OF_VECTOR | GDAL_OF_UPDATE, (const char *[]) { "GPKG", NULL },
                       NULL, NULL);
  if (t.pack == NULL)
    {
      g_clear_object (&t.original);
      return gdal_failed (error, output, "cannot open the copy");
    }
  t.ward_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) OGR_F_Destroy);
  t.lsoa_ward = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  t.levels = g_ptr_array_new_with_free_func (level_free);
  t.pending_codes = g_ptr_array_new_with_free_func (g_free);
  t.pending_shapes = g_ptr_array_new_with_free_func ((GDestroyNotify) OGR_G_DestroyGeometry);
  t.wards = GDALDatasetGetLayerByName (t.pack, WA_PACK_LAYER_WARDS);
  ok = (t.wards != NULL || gdal_failed (error, output, "no wards layer"))
       && read_wards (&t, error)
       && read_levels (&t, error);
  if (ok)
    {
      read_lsoa_wards (&t);
      ok = GDALDatasetStartTransaction (t.pack, FALSE) == OGRERR_NONE
           && add_lsoa_file (&t, sources, "2011", max_per_file, error)
           && add_lsoa_file (&t, sources, "2021", max_per_file, error);
      ok = ok && (GDALDatasetCommitTransaction (t.pack) == OGRERR_NONE
                  || gdal_failed (error, output, "cannot commit"));
      ok = ok && update_tables (&t, error);
    }
  g_hash_table_unref (t.ward_rows);
  g_hash_table_unref (t.lsoa_ward);
  g_ptr_array_unref (t.levels);
  g_ptr_array_unref (t.pending_codes);
  g_ptr_array_unref (t.pending_shapes);
  g_clear_object (&t.original);
  CPLErrorReset ();
  GDALClose (t.pack);
  if (CPLGetLastErrorType () >= CE_Failure && ok)
    ok = gdal_failed (error, output, "cannot close");
  ok = ok && seal (output, &n_wards, error);
  if (ok && n_wards != n_before + t.n_added)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s opens with %u wards, not %u + %u",
                   output, n_wards, n_before, t.n_added);
      ok = FALSE;
    }
  if (counts != NULL)
    *counts = (BenchTenfoldCounts) { t.n_added, t.n_located, t.n_by_table, t.n_unplaced };
  return ok;
}

