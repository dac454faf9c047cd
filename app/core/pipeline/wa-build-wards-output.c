/* wa-build-wards-output.c: what the wards step writes: the "wards" layer,
 * the "indicators" table with a note on how each indicator's ward figures
 * were made, and the ward list the later steps (places, postcodes,
 * neighbours) locate their records in. */
#include "wa-build-wards-private.h"
#include "wa-error.h"
#include "wa-pack.h"
#include "wa-label-point.h"
#include "wa-pack-figures.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

/* ---- notes -------------------------------------------------------------- */

static const char *
source_title (WardBuild *b, const char *role)
{
  const WaManifestSource *source =
    wa_manifest_find_optional_role (b->ctx->manifest, b->ctx->edition, role);

  return source != NULL ? source->title : role;
}

/* Records how each indicator's ward figures were made. */
void
wa_ward_build_write_notes (WardBuild *b)
{
  const char *lookup = source_title (b, "lsoa-ward-lookup");
  const char *population = source_title (b, "lsoa-population");
  const WardRecipe *recipe = b->recipe;

  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      WaIndex index = wa_indicator_index (i);
      const char *extra = index == WA_INDEX_IMD
        ? " Extent and proportion (share of LSOAs in the most deprived national decile) from the LSOA ranks."
        : "";

      if (index == WA_INDEX_CNI && recipe->cni_published)
        b->notes[i] = g_strdup_printf ("Published at ward level in “%s” (score and rank as published; decile from the rank among the %u ranked wards).",
                                       source_title (b, "cni-ward"), b->n_ranked[i]);
      else if (index == WA_INDEX_IMD && i != WA_INDICATOR_IMD && recipe->imd_domains_third_party)
        b->notes[i] = g_strdup_printf ("Ward score from the third-party aggregation “%s” (not an official ward figure; LSOA domain scores for 2019 are not available), ranked across %u wards by the pack builder.%s",
                                       source_title (b, "imd-ward-aggregated"), b->n_ranked[i], extra);
      else
        b->notes[i] = g_strdup_printf ("Computed by the pack builder: population-weighted mean (“%s”) of the LSOA scores in “%s” over the LSOAs best-fitted to each ward (“%s”), ranked across %u wards.%s",
                                       population,
                                       source_title (b, index == WA_INDEX_IMD
                                                     ? recipe->imd_score_role : "cni-lsoa"),
                                       lookup, b->n_ranked[i], extra);
    }
}

/* ---- output ------------------------------------------------------------- */

static char *
column_name (WaIndicator indicator, const char *suffix)
{
  return g_strconcat (wa_indicator_id (indicator), "_", suffix, NULL);
}

static OGRLayerH
create_wards_layer (WardBuild *b, GError **error)
{
  static const WaBuildField ward_fields[] = {
    { WA_PACK_WARD_CODE, OFTString },
    { WA_PACK_WARD_NAME, OFTString },
    { WA_PACK_WARD_LAD_CODE, OFTString },
    { WA_PACK_WARD_LAD_NAME, OFTString },
    { WA_PACK_WARD_REGION_CODE, OFTString },
    { WA_PACK_WARD_REGION_NAME, OFTString },
    { WA_PACK_WARD_GEOM_SOURCE, OFTString },
    { WA_PACK_WARD_POPULATION, OFTInteger64 },
    { WA_PACK_WARD_N_LSOA, OFTInteger },
    { WA_PACK_WARD_OFFICIAL, OFTInteger },
    { WA_PACK_WARD_LABEL_LON, OFTReal },
    { WA_PACK_WARD_LABEL_LAT, OFTReal },
    { WA_PACK_WARD_LABEL_RADIUS, OFTReal },
  };
  /* Per indicator; extent and proportion only exist for the IMD family. */
  static const struct {
    const char *suffix;
    OGRFieldType type;
    gboolean imd_family_only;
  } figure_fields[] = {
    { WA_PACK_SUFFIX_SCORE, OFTReal, FALSE },
    { WA_PACK_SUFFIX_RANK, OFTInteger, FALSE },
    { WA_PACK_SUFFIX_DECILE, OFTInteger, FALSE },
    { WA_PACK_SUFFIX_EXTENT, OFTReal, TRUE },
    { WA_PACK_SUFFIX_PROPORTION, OFTReal, TRUE },
    { WA_PACK_SUFFIX_SOURCE, OFTInteger, FALSE },
  };
  g_autoptr(GArray) fields = g_array_new (FALSE, FALSE, sizeof (WaBuildField));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_array_append_vals (fields, ward_fields, G_N_ELEMENTS (ward_fields));
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    for (gsize f = 0; f < G_N_ELEMENTS (figure_fields); f++)
      {
        WaBuildField field = { column_name (i, figure_fields[f].suffix), figure_fields[f].type };

        if (figure_fields[f].imd_family_only && wa_indicator_index (i) != WA_INDEX_IMD)
          {
            g_free ((char *) field.name);
            continue;
          }
        g_ptr_array_add (names, (char *) field.name);
        g_array_append_val (fields, field);
      }
  g_array_append_val (fields, ((WaBuildField) { WA_PACK_WARD_FIGURES, OFTBinary }));
  return wa_build_create_layer_with_fields (b->ctx, WA_PACK_LAYER_WARDS, wkbMultiPolygon,
                                            (const WaBuildField *) fields->data, fields->len,
                                            error);
}

static void
set_field_string (OGRFeatureH feature, const char *name, const char *value)
{
  if (value != NULL)
    OGR_F_SetFieldString (feature, OGR_F_GetFieldIndex (feature, name), value);
}

static void
set_field_double (OGRFeatureH feature, const char *name, double value)
{
  if (!isnan (value))
    OGR_F_SetFieldDouble (feature, OGR_F_GetFieldIndex (feature, name), value);
}

static void
set_field_int (OGRFeatureH feature, const char *name, gint64 value, gboolean is_set)
{
  if (is_set)
    OGR_F_SetFieldInteger64 (feature, OGR_F_GetFieldIndex (feature, name), value);
}

/* The ward name's place, found once here so that the map never searches
 * 7,000 polygons at start-up. A metre is far below a pixel at any zoom
 * the name is drawn at. */
static void
set_label_point (OGRFeatureH feature, Ward *ward)
{
  double lon, lat, radius;

  if (ward->shape == NULL || !wa_label_point_find (ward->shape, 1.0, &lon, &lat, &radius))
    return;
  set_field_double (feature, WA_PACK_WARD_LABEL_LON, lon);
  set_field_double (feature, WA_PACK_WARD_LABEL_LAT, lat);
  set_field_double (feature, WA_PACK_WARD_LABEL_RADIUS, radius);
}

/* The same figures again, for the reader (wa-pack-figures.h). */
static void
set_figures_blob (OGRFeatureH feature, const WaFigure *figures)
{
  guint8 blob[WA_PACK_FIGURES_BYTES];

  wa_pack_figures_encode (figures, blob);
  OGR_F_SetFieldBinary (feature, OGR_F_GetFieldIndex (feature, WA_PACK_WARD_FIGURES), sizeof blob, blob);
}

static void
fill_ward_feature (OGRFeatureH feature, Ward *ward)
{
  set_field_string (feature, WA_PACK_WARD_CODE, ward->code);
  set_field_string (feature, WA_PACK_WARD_NAME, ward->name);
  set_field_string (feature, WA_PACK_WARD_LAD_CODE, ward->lad_code);
  set_field_string (feature, WA_PACK_WARD_LAD_NAME, ward->lad_name);
  set_field_string (feature, WA_PACK_WARD_REGION_CODE, ward->region_code);
  set_field_string (feature, WA_PACK_WARD_REGION_NAME, ward->region_name);
  set_field_string (feature, WA_PACK_WARD_GEOM_SOURCE, ward->geom_source);
  set_field_int (feature, WA_PACK_WARD_POPULATION, (gint64) llround (ward->population),
                 !isnan (ward->population));
  set_field_int (feature, WA_PACK_WARD_N_LSOA, ward->n_lsoa, TRUE);
  set_field_int (feature, WA_PACK_WARD_OFFICIAL, ward->official, ward->official >= 0);
  set_label_point (feature, ward);
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      const WaFigure *figure = &ward->figures[i];
      g_autofree char *score = column_name (i, WA_PACK_SUFFIX_SCORE);
      g_autofree char *rank = column_name (i, WA_PACK_SUFFIX_RANK);
      g_autofree char *decile = column_name (i, WA_PACK_SUFFIX_DECILE);
      g_autofree char *extent = column_name (i, WA_PACK_SUFFIX_EXTENT);
      g_autofree char *proportion = column_name (i, WA_PACK_SUFFIX_PROPORTION);
      g_autofree char *source = column_name (i, WA_PACK_SUFFIX_SOURCE);

      set_field_double (feature, score, figure->score);
      set_field_int (feature, rank, figure->rank, figure->rank > 0);
      set_field_int (feature, decile, figure->decile, figure->decile > 0);
      if (wa_indicator_index (i) == WA_INDEX_IMD)
        {
          set_field_double (feature, extent, figure->extent);
          set_field_double (feature, proportion, figure->proportion);
        }
      set_field_int (feature, source, figure->source, TRUE);
    }
  set_figures_blob (feature, ward->figures);
}

gboolean
wa_ward_build_write_wards (WardBuild *b, GError **error)
{
  WaBuildContext *ctx = b->ctx;
  OGRLayerH layer = create_wards_layer (b, error);
  gboolean ok = TRUE;

  if (layer == NULL)
    return FALSE;
  if (GDALDatasetStartTransaction (ctx->out, FALSE) != OGRERR_NONE)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot start a transaction: %s"),
                   ctx->output_path, wa_gdal_last_message ());
      return FALSE;
    }
  for (guint w = 0; ok && w < b->wards->len; w++)
    {
      Ward *ward = ward_at (b, w);
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));

      fill_ward_feature (feature, ward);
      if (ward->geometry != NULL)
        {
          OGR_F_SetGeometryDirectly (feature, ward->geometry);
          ward->geometry = NULL;
        }
      if (OGR_L_CreateFeature (layer, feature) != OGRERR_NONE)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot write ward %s: %s"),
                       ctx->output_path, ward->code, wa_gdal_last_message ());
          ok = FALSE;
        }
      OGR_F_Destroy (feature);
    }
  if (ok && GDALDatasetCommitTransaction (ctx->out) != OGRERR_NONE)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot commit the wards: %s"),
                   ctx->output_path, wa_gdal_last_message ());
      ok = FALSE;
    }
  return ok;
}

gboolean
wa_ward_build_write_indicators (WardBuild *b, GError **error)
{
  WaBuildContext *ctx = b->ctx;
  static const WaBuildField fields[] = {
    { WA_PACK_IND_ID, OFTString },
    { WA_PACK_IND_N_RANKED, OFTInteger },
    { WA_PACK_IND_SOURCE_NOTE, OFTString },
  };
  OGRLayerH layer = wa_build_create_layer_with_fields (ctx, WA_PACK_LAYER_INDICATORS, wkbNone,
                                                       fields, G_N_ELEMENTS (fields), error);

  if (layer == NULL)
    return FALSE;
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      OGRFeatureH feature;
      OGRErr status;

      if (b->n_ranked[i] == 0)
        continue;
      feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGR_F_SetFieldString (feature, 0, wa_indicator_id (i));
      OGR_F_SetFieldInteger (feature, 1, b->n_ranked[i]);
      OGR_F_SetFieldString (feature, 2, b->notes[i]);
      status = OGR_L_CreateFeature (layer, feature);
      OGR_F_Destroy (feature);
      if (status != OGRERR_NONE)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot write the indicators table: %s"),
                       ctx->output_path, wa_gdal_last_message ());
          return FALSE;
        }
    }
  return TRUE;
}

/* Hands the ward and LSOA lists to the later steps (places, postcodes,
 * neighbours, crosswalk, LSOAs). */
void
wa_ward_build_fill_context (WardBuild *b)
{
  WaBuildContext *ctx = b->ctx;
  WaBBox extent;
  gboolean any = FALSE;

  ctx->ward_codes = g_ptr_array_new_with_free_func (g_free);
  ctx->ward_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->ward_geometries = g_ptr_array_new_with_free_func (geometry_unref_nullable);
  ctx->lsoa_list = g_steal_pointer (&b->lsoa_list);
  ctx->lsoas = g_steal_pointer (&b->lsoas);
  memcpy (ctx->lsoa_n_ranked, b->n_lsoa_ranked, sizeof ctx->lsoa_n_ranked);
  wa_bbox_init_empty (&extent);
  for (guint w = 0; w < b->wards->len; w++)
    {
      Ward *ward = ward_at (b, w);
      char *code = g_strdup (ward->code);

      g_ptr_array_add (ctx->ward_codes, code);
      g_hash_table_insert (ctx->ward_by_code, code, GUINT_TO_POINTER (w + 1));
      g_ptr_array_add (ctx->ward_geometries, g_steal_pointer (&ward->shape));
      if (g_ptr_array_index (ctx->ward_geometries, w) != NULL)
        {
          wa_bbox_extend (&extent, wa_geometry_get_bbox (g_ptr_array_index (ctx->ward_geometries, w)));
          any = TRUE;
        }
    }
  if (!any)
    return;
  ctx->ward_grid = wa_spatial_index_new (&extent, 0.05);
  for (guint w = 0; w < ctx->ward_geometries->len; w++)
    {
      const WaGeometry *geometry = g_ptr_array_index (ctx->ward_geometries, w);

      if (geometry != NULL)
        wa_spatial_index_insert (ctx->ward_grid, wa_geometry_get_bbox (geometry), w);
    }
}

