/* wa-build-lsoa-layer.c: the "lsoas" layer: the edition's LSOAs (the
 * neighbourhoods inside wards) with their boundary, ward, population, IMD
 * (and, where published per LSOA, CNI) figures, and what the published
 * left-behind neighbourhoods need: OCSI's own flag and whether every
 * predecessor LSOA was in the previous IMD's decile 1 (OCSI's 2023 list
 * pairs CNI 2023 with IMD 2019). The model derives deciles and flags from
 * these (wa-lsoa.h), so the pack holds no figure twice. */
#include <inttypes.h>
#include <math.h>
#include <glib/gi18n-lib.h>

#include "wa-build-source.h"
#include "wa-error.h"
#include "wa-pack.h"

typedef struct {
  int code, name;
} BoundaryColumns;

static OGRLayerH
create_layer (WaBuildContext *ctx, GError **error)
{
  static const WaBuildField fixed[] = {
    { WA_PACK_LSOA_CODE, OFTString },
    { WA_PACK_LSOA_NAME, OFTString },
    { WA_PACK_LSOA_WARD_CODE, OFTString },
    { WA_PACK_LSOA_POPULATION, OFTInteger64 },
    { WA_PACK_LSOA_PUBLISHED, OFTInteger },
    { WA_PACK_LSOA_BEFORE_DECILE1, OFTInteger },
  };
  OGRLayerH layer = wa_build_create_layer_with_fields (ctx, WA_PACK_LAYER_LSOAS, wkbMultiPolygon,
                                                       fixed, G_N_ELEMENTS (fixed), error);

  for (WaIndicator i = 0; layer != NULL && i < WA_N_INDICATORS; i++)
    {
      g_autofree char *score = g_strconcat (wa_indicator_id (i), "_score", NULL);
      g_autofree char *rank = g_strconcat (wa_indicator_id (i), "_rank", NULL);

      if (ctx->lsoa_n_ranked[i] == 0)
        continue;
      if (!wa_build_add_field (ctx, layer, score, OFTReal, error)
          || !wa_build_add_field (ctx, layer, rank, OFTInteger, error))
        return NULL;
    }
  return layer;
}

static void
set_int_or_null (OGRFeatureH out, const char *name, gint64 value, gboolean known)
{
  int index = OGR_F_GetFieldIndex (out, name);

  if (known)
    OGR_F_SetFieldInteger64 (out, index, value);
  else
    OGR_F_SetFieldNull (out, index);
}

static void
fill_figures (WaBuildContext *ctx, OGRFeatureH out, const WaBuildLsoa *lsoa)
{
  set_int_or_null (out, WA_PACK_LSOA_POPULATION, (gint64) lsoa->population, !isnan (lsoa->population));
  set_int_or_null (out, WA_PACK_LSOA_PUBLISHED, lsoa->left_behind_published,
                   lsoa->left_behind_published >= 0);
  set_int_or_null (out, WA_PACK_LSOA_BEFORE_DECILE1, lsoa->before_imd_decile1,
                   lsoa->before_imd_decile1 >= 0);
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    {
      g_autofree char *score = g_strconcat (wa_indicator_id (i), "_score", NULL);
      g_autofree char *rank = g_strconcat (wa_indicator_id (i), "_rank", NULL);
      int score_index = OGR_F_GetFieldIndex (out, score);

      if (ctx->lsoa_n_ranked[i] == 0)
        continue;
      if (isnan (lsoa->score[i]))
        OGR_F_SetFieldNull (out, score_index);
      else
        OGR_F_SetFieldDouble (out, score_index, lsoa->score[i]);
      set_int_or_null (out, rank, lsoa->rank[i], lsoa->rank[i] > 0);
    }
}

/* One LSOA of the boundary file; *written tells whether it was kept. */
static gboolean
write_lsoa (WaBuildContext *ctx, WaBuildSource *s, OGRLayerH layer, OGRFeatureH out,
            OGRFeatureH feature, const BoundaryColumns *c, gboolean *written, GError **error)
{
  const char *code = wa_build_source_code (s, feature, c->code, error);
  const WaBuildLsoa *lsoa = code != NULL ? g_hash_table_lookup (ctx->lsoas, code) : NULL;
  const char *name = c->name >= 0 ? wa_gdal_field_string (feature, c->name) : NULL;
  OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);

  *written = FALSE;
  if (code == NULL)
    return FALSE;
  if (lsoa == NULL || lsoa->ward < 0 || geometry == NULL)
    return TRUE;
  OGR_F_SetFieldString (out, OGR_F_GetFieldIndex (out, WA_PACK_LSOA_CODE), code);
  OGR_F_SetFieldString (out, OGR_F_GetFieldIndex (out, WA_PACK_LSOA_NAME), name != NULL ? name : code);
  OGR_F_SetFieldString (out, OGR_F_GetFieldIndex (out, WA_PACK_LSOA_WARD_CODE),
                        g_ptr_array_index (ctx->ward_codes, lsoa->ward));
  fill_figures (ctx, out, lsoa);
  OGR_F_SetGeometryDirectly (out, wa_build_polygons_only (geometry));
  *written = TRUE;
  return wa_build_write_feature (ctx, layer, out, error);
}

static void
add_ranked_metadata (WaBuildContext *ctx)
{
  for (WaIndicator i = 0; i < WA_N_INDICATORS; i++)
    if (ctx->lsoa_n_ranked[i] > 0)
      {
        g_ptr_array_add (ctx->extra_metadata,
                         g_strconcat (WA_PACK_META_LSOA_RANKED_PREFIX, wa_indicator_id (i), NULL));
        g_ptr_array_add (ctx->extra_metadata,
                         g_strdup_printf ("%" G_GSIZE_FORMAT, ctx->lsoa_n_ranked[i]));
      }
}

gboolean
wa_build_lsoas (WaBuildContext *ctx, GError **error)
{
  const WaManifestSource *source =
    wa_manifest_find_optional_role (ctx->manifest, ctx->edition, "lsoa-boundaries");
  BoundaryColumns c;
  const WaBuildColumn wanted[] = { { "code", &c.code, TRUE }, { "name", &c.name, FALSE } };
  WaBuildSource s = { 0 };
  OGRLayerH layer = NULL;
  OGRFeatureH feature, out = NULL;
  guint n_written = 0, n_other = 0;
  gboolean ok = FALSE, started;

  if (source == NULL || ctx->lsoas == NULL)
    {
      wa_build_report (ctx, _("No LSOA boundaries source: the pack has no neighbourhoods layer"));
      return TRUE;
    }
  started = wa_build_begin (ctx);
  if (!wa_build_source_open (&s, ctx, source, WA_BUILD_SOURCE_VECTOR, error)
      || !wa_build_source_columns (&s, wanted, G_N_ELEMENTS (wanted), error)
      || (layer = create_layer (ctx, error)) == NULL)
    goto out;
  out = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  ok = TRUE;
  while (ok && (feature = wa_build_source_next (&s)) != NULL)
    {
      gboolean written;

      ok = write_lsoa (ctx, &s, layer, out, feature, &c, &written, error);
      n_written += written;
      n_other += ok && !written;
      OGR_F_Destroy (feature);
    }
  ok = ok && wa_build_source_check_end (&s, error);
  if (ok && n_written == 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING,
                   _("%s: no LSOA of the boundary file is in the LSOA to ward lookup"), s.path);
      ok = FALSE;
    }
  if (ok)
    {
      add_ranked_metadata (ctx);
      wa_build_report (ctx, _("%s: %u LSOAs written (%u outside the edition's wards)"),
                       s.path, n_written, n_other);
    }

out:
  if (out != NULL)
    OGR_F_Destroy (out);
  wa_build_source_close (&s);
  return wa_build_end (ctx, started, ok, error);
}
