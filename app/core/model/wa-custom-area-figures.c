/* wa-custom-area-figures.c: a custom area's figures from the pack's LSOAs
 * (wa_custom_area_compute; the method is in wa-custom-area.h). A polygon
 * reads its candidate LSOAs from the pack's "lsoas" layer through a
 * spatial filter on its extent and intersects each with it on the British
 * National Grid, where areas are in square metres. */
#include "wa-custom-area.h"
#include "wa-error.h"
#include "wa-gdal-util.h"
#include "wa-pack.h"
#include "wa-rank-method.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

/* Shares at or below this count as outside (an outline grazing an LSOA,
 * or the rounding of a shared edge); at or above 1 - this, as whole. */
#define SHARE_EPSILON 1e-4

void
wa_custom_area_figures_clear (WaCustomAreaFigures *figures)
{
  g_clear_pointer (&figures->lsoas, g_array_unref);
  g_clear_pointer (&figures->wards, g_ptr_array_unref);
}

guint
wa_custom_area_place_score (WaAtlas *atlas, WaIndicator indicator, double score)
{
  guint higher = 0, n = 0;
  /* A ward whose score differs from the area's only by the rounding of a
   * weighted mean summed in another order ties with it. */
  double slack;

  if (isnan (score))
    return 0;
  slack = 1e-12 * MAX (1.0, fabs (score));
  for (guint w = 0; w < wa_atlas_get_n_wards (atlas); w++)
    {
      const WaFigure *figure = wa_ward_get_figure (wa_atlas_get_ward (atlas, w), indicator);

      if (figure->rank == 0 || isnan (figure->score))
        continue;
      n++;
      higher += figure->score > score + slack;
    }
  return n > 0 ? higher + 1 : 0;
}

static guint
lsoa_index (WaLsoas *lsoas, const WaLsoa *lsoa)
{
  return (guint) (lsoa - wa_lsoas_get (lsoas, 0));
}

static void
add_whole (GArray *members, guint index)
{
  WaCustomAreaLsoa member = { index, 1.0 };

  g_array_append_val (members, member);
}

static gboolean
collect_set (WaAtlas *atlas, WaCustomArea *area, GArray *members, GError **error)
{
  WaLsoas *lsoas = wa_atlas_get_lsoas (atlas);
  const char *const *codes = wa_custom_area_get_codes (area);
  gboolean wards = wa_custom_area_get_kind (area) == WA_CUSTOM_AREA_WARDS;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      if (wards)
        {
          WaWard *ward = wa_atlas_lookup_ward (atlas, codes[i]);
          const guint *indices;
          guint n;

          if (ward == NULL)
            {
              g_set_error (error, WA_ERROR, WA_ERROR_UNKNOWN_CODE,
                           _("“%s”: %s has no ward with code “%s”"), wa_custom_area_get_name (area),
                           wa_atlas_get_path (atlas), codes[i]);
              return FALSE;
            }
          indices = wa_lsoas_get_ward_lsoas (lsoas, wa_ward_get_index (ward), &n);
          for (guint j = 0; j < n; j++)
            add_whole (members, indices[j]);
        }
      else
        {
          const WaLsoa *lsoa = wa_lsoas_lookup (lsoas, codes[i]);

          if (lsoa == NULL)
            {
              g_set_error (error, WA_ERROR, WA_ERROR_UNKNOWN_CODE,
                           _("“%s”: %s has no LSOA with code “%s”"), wa_custom_area_get_name (area),
                           wa_atlas_get_path (atlas), codes[i]);
              return FALSE;
            }
          add_whole (members, lsoa_index (lsoas, lsoa));
        }
    }
  return TRUE;
}

static OGRLayerH
open_lsoa_layer (WaAtlas *atlas, GDALDatasetH *out_dataset, int *out_code, GError **error)
{
  const char *path = wa_atlas_get_path (atlas);
  GDALDatasetH dataset = wa_gdal_open_geopackage (path, error);
  OGRLayerH layer;

  if (dataset == NULL)
    return NULL;
  if ((layer = wa_gdal_get_layer (dataset, path, WA_PACK_LAYER_LSOAS, error)) == NULL
      || (*out_code = wa_gdal_field_index (layer, path, WA_PACK_LSOA_CODE, error)) < 0)
    {
      GDALClose (dataset);
      return NULL;
    }
  *out_dataset = dataset;
  return layer;
}

/* Shares of the LSOAs the polygon overlaps. */
static gboolean
apportion_polygon (WaAtlas *atlas, WaCustomArea *area, GArray *members, GError **error)
{
  WaLsoas *lsoas = wa_atlas_get_lsoas (atlas);
  GBytes *wkb = wa_custom_area_get_wkb (area);
  const WaBBox *box = wa_geometry_get_bbox (wa_custom_area_get_geometry (area));
  OGRSpatialReferenceH wgs84 = wa_gdal_srs_new (4326), grid = wa_gdal_srs_new (27700);
  OGRCoordinateTransformationH transform = NULL;
  OGRGeometryH shape = NULL;
  OGRPreparedGeometryH prepared = NULL;
  GDALDatasetH dataset = NULL;
  g_autoptr(WaFeatureGuard) seen = NULL;
  OGRLayerH layer;
  OGRFeatureH feature;
  gboolean ok = FALSE;
  int code;

  if ((layer = open_lsoa_layer (atlas, &dataset, &code, error)) == NULL)
    goto out;
  if (wgs84 == NULL || grid == NULL
      || (transform = OCTNewCoordinateTransformation (wgs84, grid)) == NULL
      || OGR_G_CreateFromWkb (g_bytes_get_data (wkb, NULL), NULL, &shape,
                              (int) g_bytes_get_size (wkb)) != OGRERR_NONE
      || OGR_G_Transform (shape, transform) != OGRERR_NONE)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_FAILED,
                   _("“%s”: cannot project the outline onto the British National Grid (%s)"),
                   wa_custom_area_get_name (area), wa_gdal_last_message ());
      goto out;
    }
  if (OGRHasPreparedGeometrySupport ())
    prepared = OGRCreatePreparedGeometry (shape);
  OGR_L_SetSpatialFilterRect (layer, box->min_x, box->min_y, box->max_x, box->max_y);
  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      const WaLsoa *lsoa = wa_lsoas_lookup (lsoas, wa_gdal_field_string (feature, code) ?: "");
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
      OGRGeometryH projected, inside;
      double total, share = 0;

      if (lsoa == NULL || geometry == NULL)
        {
          OGR_F_Destroy (feature);
          continue;
        }
      projected = OGR_G_Clone (geometry);
      if (OGR_G_Transform (projected, transform) != OGRERR_NONE || (total = OGR_G_Area (projected)) <= 0)
        share = 0;
      /* The prepared outline answers "wholly inside" and "apart" fast;
       * only LSOAs on the outline are intersected. */
      else if (prepared != NULL && OGRPreparedGeometryContains (prepared, projected))
        share = 1;
      else if (prepared != NULL && !OGRPreparedGeometryIntersects (prepared, projected))
        share = 0;
      else if ((inside = OGR_G_Intersection (shape, projected)) != NULL)
        {
          share = OGR_G_Area (inside) / total;
          OGR_G_DestroyGeometry (inside);
        }
      OGR_G_DestroyGeometry (projected);
      OGR_F_Destroy (feature);
      if (share > SHARE_EPSILON)
        {
          WaCustomAreaLsoa member = { lsoa_index (lsoas, lsoa), share >= 1 - SHARE_EPSILON ? 1.0 : share };

          g_array_append_val (members, member);
        }
    }
  ok = TRUE;
out:
  if (prepared != NULL)
    OGRDestroyPreparedGeometry (prepared);
  if (shape != NULL)
    OGR_G_DestroyGeometry (shape);
  if (transform != NULL)
    OCTDestroyCoordinateTransformation (transform);
  if (wgs84 != NULL)
    OSRDestroySpatialReference (wgs84);
  if (grid != NULL)
    OSRDestroySpatialReference (grid);
  if (dataset != NULL)
    GDALClose (dataset);
  return ok;
}

/* Places inside the LSOAs' own boundaries, each counted once. */
static gboolean
count_assets_in_lsoas (WaAtlas *atlas, GArray *members, guint counts[WA_N_ASSET_CATEGORIES],
                       GError **error)
{
  WaLsoas *lsoas = wa_atlas_get_lsoas (atlas);
  WaAssets *assets = wa_atlas_get_assets (atlas);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) counted = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(WaFeatureGuard) seen = NULL;
  GDALDatasetH dataset = NULL;
  OGRLayerH layer;
  OGRFeatureH feature;
  WaBBox extent;
  int code;

  wa_bbox_init_empty (&extent);
  for (guint i = 0; i < members->len; i++)
    g_hash_table_add (wanted, wa_lsoas_get (lsoas, g_array_index (members, WaCustomAreaLsoa, i).lsoa_index)->code);
  if ((layer = open_lsoa_layer (atlas, &dataset, &code, error)) == NULL)
    return FALSE;
  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      const char *value = wa_gdal_field_string (feature, code);
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
      g_autoptr(WaGeometry) shape = NULL;

      if (value != NULL && geometry != NULL && g_hash_table_contains (wanted, value)
          && (shape = wa_geometry_new_from_ogr (geometry, NULL)) != NULL)
        {
          g_array_set_size (hits, 0);
          wa_assets_query (assets, wa_geometry_get_bbox (shape), hits);
          for (guint h = 0; h < hits->len; h++)
            {
              guint index = g_array_index (hits, guint, h);
              const WaAsset *asset = wa_assets_get_asset (assets, index);

              if (!g_hash_table_contains (counted, GUINT_TO_POINTER (index + 1))
                  && wa_geometry_contains (shape, asset->lon, asset->lat))
                {
                  g_hash_table_add (counted, GUINT_TO_POINTER (index + 1));
                  counts[asset->category]++;
                }
            }
        }
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  return TRUE;
}

static void
count_assets_in_polygon (WaAtlas *atlas, WaGeometry *shape, guint counts[WA_N_ASSET_CATEGORIES])
{
  WaAssets *assets = wa_atlas_get_assets (atlas);
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (guint));

  wa_assets_query (assets, wa_geometry_get_bbox (shape), hits);
  for (guint h = 0; h < hits->len; h++)
    {
      const WaAsset *asset = wa_assets_get_asset (assets, g_array_index (hits, guint, h));

      if (wa_geometry_contains (shape, asset->lon, asset->lat))
        counts[asset->category]++;
    }
}

static gint
compare_members (gconstpointer a, gconstpointer b, gpointer lsoas)
{
  return strcmp (wa_lsoas_get (lsoas, ((const WaCustomAreaLsoa *) a)->lsoa_index)->code,
                 wa_lsoas_get (lsoas, ((const WaCustomAreaLsoa *) b)->lsoa_index)->code);
}

static gint
compare_wards (gconstpointer a, gconstpointer b)
{
  return strcmp (wa_ward_get_code (*(WaWard **) a), wa_ward_get_code (*(WaWard **) b));
}

/* Merges repeated LSOAs (a ward listed twice, an LSOA set naming one LSOA
 * twice): the largest share stands. */
static void
sort_unique (WaLsoas *lsoas, GArray *members)
{
  guint kept = 0;

  g_array_sort_with_data (members, compare_members, lsoas);
  for (guint i = 0; i < members->len; i++)
    {
      WaCustomAreaLsoa *m = &g_array_index (members, WaCustomAreaLsoa, i);

      if (kept > 0 && g_array_index (members, WaCustomAreaLsoa, kept - 1).lsoa_index == m->lsoa_index)
        {
          WaCustomAreaLsoa *prev = &g_array_index (members, WaCustomAreaLsoa, kept - 1);

          prev->share = MAX (prev->share, m->share);
          continue;
        }
      g_array_index (members, WaCustomAreaLsoa, kept++) = *m;
    }
  g_array_set_size (members, kept);
}

static void
compute_shares (WaLsoas *lsoas, GArray *members, WaCustomAreaFigures *out)
{
  guint n_cni = wa_lsoas_get_n_ranked (lsoas, WA_INDICATOR_CNI);
  guint cni_cut = n_cni > 0 ? wa_rank_threshold_count (10.0, n_cni) : 0;
  double sum[WA_N_INDICATORS] = { 0 }, weight[WA_N_INDICATORS] = { 0 };
  double decile1 = 0, decile_known = 0, cni_top = 0, cni_known = 0;
  double flagged[WA_N_LSOA_FLAGS] = { 0 }, flag_known[WA_N_LSOA_FLAGS] = { 0 };

  for (guint i = 0; i < members->len; i++)
    {
      const WaCustomAreaLsoa *m = &g_array_index (members, WaCustomAreaLsoa, i);
      const WaLsoa *lsoa = wa_lsoas_get (lsoas, m->lsoa_index);
      double w = lsoa->population > 0 ? m->share * (double) lsoa->population : 0;
      guint decile = wa_lsoas_decile (lsoas, lsoa, WA_INDICATOR_IMD);

      if (m->share < 1)
        out->n_lsoas_split++;
      else
        out->n_lsoas_whole++;
      out->population += w;
      for (WaIndicator k = 0; k < WA_N_INDICATORS; k++)
        if (!isnan (lsoa->score[k]) && w > 0)
          {
            sum[k] += w * lsoa->score[k];
            weight[k] += w;
          }
      if (decile > 0)
        {
          decile_known += w;
          decile1 += decile == 1 ? w : 0;
        }
      if (cni_cut > 0 && lsoa->rank[WA_INDICATOR_CNI] > 0)
        {
          cni_known += w;
          cni_top += lsoa->rank[WA_INDICATOR_CNI] <= cni_cut ? w : 0;
        }
      for (WaLsoaFlag f = 0; f < WA_N_LSOA_FLAGS; f++)
        {
          int flag = wa_lsoas_flag (lsoas, lsoa, f);

          if (flag < 0)
            continue;
          flag_known[f] += w;
          flagged[f] += flag == 1 ? w : 0;
        }
    }
  for (WaIndicator k = 0; k < WA_N_INDICATORS; k++)
    out->score[k] = weight[k] > 0 ? sum[k] / weight[k] : NAN;
  out->share_imd_decile1 = decile_known > 0 ? decile1 / decile_known : NAN;
  out->share_cni_top10 = cni_known > 0 ? cni_top / cni_known : NAN;
  for (WaLsoaFlag f = 0; f < WA_N_LSOA_FLAGS; f++)
    out->share_flagged[f] = flag_known[f] > 0 ? flagged[f] / flag_known[f] : NAN;
}

static void
compute_assets (WaAtlas *atlas, const guint counts[WA_N_ASSET_CATEGORIES], WaCustomAreaFigures *out)
{
  WaAssets *assets = wa_atlas_get_assets (atlas);
  WaAssetStat stats[WA_N_ASSET_CATEGORIES];

  wa_assets_summarise (assets, wa_ward_get_index (g_ptr_array_index (out->wards, 0)), stats);
  for (WaAssetCategory c = 0; c < WA_N_ASSET_CATEGORIES; c++)
    {
      WaCustomAreaAssetFigures *a = &out->assets[c];

      a->category = c;
      a->covered = TRUE;
      for (guint w = 0; w < out->wards->len; w++)
        a->covered &= wa_assets_is_covered (assets, wa_ward_get_index (g_ptr_array_index (out->wards, w)), c);
      a->count = counts[c];
      a->rate = a->covered && out->population > 0 ? counts[c] * 1000.0 / out->population : NAN;
      a->england_rate = stats[c].england_rate;
    }
}

gboolean
wa_custom_area_compute (WaAtlas *atlas, WaCustomArea *area, WaCustomAreaFigures *out,
                        GError **error)
{
  WaLsoas *lsoas;
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (WaCustomAreaLsoa));
  g_autofree gboolean *touched = NULL;
  guint counts[WA_N_ASSET_CATEGORIES] = { 0 };
  WaCustomAreaKind kind;

  g_return_val_if_fail (WA_IS_ATLAS (atlas) && WA_IS_CUSTOM_AREA (area) && out != NULL, FALSE);
  memset (out, 0, sizeof *out);
  lsoas = wa_atlas_get_lsoas (atlas);
  kind = wa_custom_area_get_kind (area);
  if (wa_lsoas_get_n (lsoas) == 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: the pack has no neighbourhoods (LSOA) layer, from which an area's "
                     "figures are computed"), wa_atlas_get_path (atlas));
      return FALSE;
    }
  if (kind == WA_CUSTOM_AREA_POLYGON ? !apportion_polygon (atlas, area, members, error)
                                     : !collect_set (atlas, area, members, error))
    return FALSE;
  if (members->len == 0)
    {
      const char *source = wa_custom_area_get_source (area);

      g_set_error (error, WA_ERROR, WA_ERROR_NOT_FOUND,
                   _("%s%s“%s” holds no neighbourhood of England in %s: it lies outside the "
                     "wards of this edition"),
                   source != NULL ? source : "", source != NULL ? ": " : "",
                   wa_custom_area_get_name (area), wa_atlas_get_path (atlas));
      return FALSE;
    }
  sort_unique (lsoas, members);
  compute_shares (lsoas, members, out);
  for (WaIndicator k = 0; k < WA_N_INDICATORS; k++)
    {
      out->would_rank[k] = wa_custom_area_place_score (atlas, k, out->score[k]);
      out->n_ranked[k] = wa_atlas_get_n_ranked (atlas, k);
    }

  touched = g_new0 (gboolean, wa_atlas_get_n_wards (atlas));
  out->wards = g_ptr_array_new ();
  for (guint i = 0; i < members->len; i++)
    {
      guint w = wa_lsoas_get (lsoas, g_array_index (members, WaCustomAreaLsoa, i).lsoa_index)->ward_index;

      if (!touched[w])
        g_ptr_array_add (out->wards, wa_atlas_get_ward (atlas, w));
      touched[w] = TRUE;
    }
  g_ptr_array_sort (out->wards, compare_wards);

  switch (kind)
    {
    case WA_CUSTOM_AREA_WARDS:
      for (guint w = 0; w < out->wards->len; w++)
        for (WaAssetCategory c = 0; c < WA_N_ASSET_CATEGORIES; c++)
          counts[c] += wa_assets_get_count (wa_atlas_get_assets (atlas),
                                            wa_ward_get_index (g_ptr_array_index (out->wards, w)), c);
      break;
    case WA_CUSTOM_AREA_LSOAS:
      if (!count_assets_in_lsoas (atlas, members, counts, error))
        {
          wa_custom_area_figures_clear (out);
          return FALSE;
        }
      break;
    case WA_CUSTOM_AREA_POLYGON:
    default:
      count_assets_in_polygon (atlas, wa_custom_area_get_geometry (area), counts);
      break;
    }
  compute_assets (atlas, counts, out);
  out->lsoas = g_steal_pointer (&members);
  return TRUE;
}

/* For an LSOA set's map: its LSOAs' own boundaries, read from the pack
 * within the extent of the wards the area touches. */
GPtrArray *
wa_custom_area_dup_lsoa_geometries (WaAtlas *atlas, const WaCustomAreaFigures *figures,
                                    GError **error)
{
  WaLsoas *lsoas;
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(WaFeatureGuard) seen = NULL;
  GPtrArray *out;
  GDALDatasetH dataset = NULL;
  OGRLayerH layer;
  OGRFeatureH feature;
  WaBBox extent;
  int code;

  g_return_val_if_fail (WA_IS_ATLAS (atlas) && figures != NULL, NULL);

  lsoas = wa_atlas_get_lsoas (atlas);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_geometry_unref);
  if (lsoas == NULL || figures->lsoas == NULL || figures->lsoas->len == 0)
    return out;
  for (guint i = 0; i < figures->lsoas->len; i++)
    g_hash_table_add (wanted, wa_lsoas_get (lsoas, g_array_index (figures->lsoas, WaCustomAreaLsoa,
                                                                  i).lsoa_index)->code);
  wa_bbox_init_empty (&extent);
  for (guint i = 0; figures->wards != NULL && i < figures->wards->len; i++)
    {
      WaGeometry *g = wa_ward_get_geometry (g_ptr_array_index (figures->wards, i));

      if (g != NULL)
        wa_bbox_extend (&extent, wa_geometry_get_bbox (g));
    }
  if ((layer = open_lsoa_layer (atlas, &dataset, &code, error)) == NULL)
    {
      g_ptr_array_unref (out);
      return NULL;
    }
  if (extent.min_x <= extent.max_x)
    OGR_L_SetSpatialFilterRect (layer, extent.min_x, extent.min_y, extent.max_x, extent.max_y);
  OGR_L_ResetReading (layer);
  while ((feature = wa_gdal_next_feature (layer, &seen)) != NULL)
    {
      const char *value = wa_gdal_field_string (feature, code);
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
      WaGeometry *shape;

      if (value != NULL && geometry != NULL && g_hash_table_contains (wanted, value)
          && (shape = wa_geometry_new_from_ogr (geometry, NULL)) != NULL)
        g_ptr_array_add (out, shape);
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  return out;
}
