/* wa-build-roads.c: the orientation layers, "motorways" (OS Open Roads
 * motorways with their numbers) and "stations" (National Rail stations).
 * Both are kept for all of Great Britain: a motorway or station just over
 * the Welsh or Scottish border still orients a reader near it. Both roles
 * are optional, so a manifest without them builds a pack without them
 * (the app then draws no roads or stations). */
#include <inttypes.h>
#include "wa-build-source.h"
#include "wa-error.h"
#include "wa-pack.h"

#include <math.h>
#include <glib/gi18n-lib.h>

/* Vertices closer than this to the simplified line are dropped (degrees,
 * about 5 m): below half a pixel at z16, and it halves the layer. */
#define MOTORWAY_TOLERANCE_DEG 0.00005

static gboolean
check_wgs84 (WaBuildSource *s, GError **error)
{
  OGRSpatialReferenceH srs = OGR_L_GetSpatialRef (s->layer);

  if (srs == NULL
      || (g_strcmp0 (OSRGetAuthorityName (srs, NULL), "EPSG") == 0
          && g_strcmp0 (OSRGetAuthorityCode (srs, NULL), "4326") == 0))
    return TRUE;
  g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
               _("%s: layer “%s” must be in EPSG:4326 (longitude, latitude)"),
               s->path, OGR_L_GetName (s->layer));
  return FALSE;
}

/* Each line of a (multi)line geometry, simplified, as its own feature. */
static gboolean
write_lines (WaBuildContext *ctx, OGRLayerH layer, OGRFeatureH out, OGRGeometryH geometry,
             guint *n_written, GError **error)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geometry));

  if (type == wkbMultiLineString || type == wkbGeometryCollection)
    {
      for (int i = 0; i < OGR_G_GetGeometryCount (geometry); i++)
        if (!write_lines (ctx, layer, out, OGR_G_GetGeometryRef (geometry, i), n_written, error))
          return FALSE;
      return TRUE;
    }
  if (type != wkbLineString || OGR_G_GetPointCount (geometry) < 2)
    return TRUE;
  OGRGeometryH simple = OGR_G_Simplify (geometry, MOTORWAY_TOLERANCE_DEG);
  if (simple == NULL || wkbFlatten (OGR_G_GetGeometryType (simple)) != wkbLineString)
    {
      g_clear_pointer (&simple, OGR_G_DestroyGeometry);
      simple = OGR_G_Clone (geometry);
    }
  OGR_G_FlattenTo2D (simple);
  OGR_F_SetGeometryDirectly (out, simple);
  (*n_written)++;
  return wa_build_write_feature (ctx, layer, out, error);
}

static gboolean
build_motorways (WaBuildContext *ctx, const WaManifestSource *source, GError **error)
{
  static const WaBuildField fields[] = { { WA_PACK_MOTORWAY_REF, OFTString } };
  WaBuildSource s = { 0 };
  OGRLayerH layer = NULL;
  OGRFeatureH feature, out = NULL;
  guint n_written = 0, n_unnumbered = 0;
  int ref;
  gboolean ok = FALSE, started;

  started = wa_build_begin (ctx);
  if (!wa_build_source_open (&s, ctx, source, WA_BUILD_SOURCE_VECTOR, error)
      || (ref = wa_build_source_column (&s, "ref", TRUE, error)) < 0
      || !check_wgs84 (&s, error)
      || (layer = wa_build_create_layer_with_fields (ctx, WA_PACK_LAYER_MOTORWAYS, wkbLineString,
                                                     fields, G_N_ELEMENTS (fields), error)) == NULL)
    goto out;
  out = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  ok = TRUE;
  while (ok && (feature = wa_build_source_next (&s)) != NULL)
    {
      const char *number = wa_gdal_field_string (feature, ref);
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);

      if (number == NULL)
        n_unnumbered++;
      OGR_F_SetFieldString (out, 0, number != NULL ? number : "");
      if (geometry != NULL)
        ok = write_lines (ctx, layer, out, geometry, &n_written, error);
      OGR_F_Destroy (feature);
    }
  ok = ok && wa_build_source_check_end (&s, error);
  if (ok && n_written == 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING, _("%s: no motorway lines"), s.path);
      ok = FALSE;
    }
  if (ok)
    wa_build_report (ctx, _("%s: %u motorway lines written (%u without a number)"),
                     s.path, n_written, n_unnumbered);

out:
  if (out != NULL)
    OGR_F_Destroy (out);
  wa_build_source_close (&s);
  return wa_build_end (ctx, started, ok, error);
}

typedef struct {
  int name, lon, lat, code;
} StationColumns;

static gboolean
write_station (WaBuildContext *ctx, WaBuildSource *s, OGRLayerH layer, OGRFeatureH out,
               OGRFeatureH feature, const StationColumns *c, GError **error)
{
  const char *name = wa_build_source_code (s, feature, c->name, error);
  const char *code = c->code >= 0 ? wa_gdal_field_string (feature, c->code) : NULL;
  double lon, lat;
  OGRGeometryH point;

  if (name == NULL || !wa_build_source_double (s, feature, c->lon, &lon, error)
      || !wa_build_source_double (s, feature, c->lat, &lat, error))
    return FALSE;
  if (isnan (lon) || isnan (lat) || fabs (lon) > 180 || fabs (lat) > 90)
    {
      wa_build_source_row_error (s, error, WA_ERROR_PARSE, -1,
                                 _("station “%s” has no valid longitude and latitude"), name);
      return FALSE;
    }
  OGR_F_SetFieldString (out, 0, name);
  if (code != NULL)
    OGR_F_SetFieldString (out, 1, code);
  else
    OGR_F_SetFieldNull (out, 1);
  point = OGR_G_CreateGeometry (wkbPoint);
  OGR_G_SetPoint_2D (point, 0, lon, lat);
  OGR_F_SetGeometryDirectly (out, point);
  return wa_build_write_feature (ctx, layer, out, error);
}

static gboolean
build_stations (WaBuildContext *ctx, const WaManifestSource *source, GError **error)
{
  static const WaBuildField fields[] = {
    { WA_PACK_STATION_NAME, OFTString },
    { WA_PACK_STATION_CODE, OFTString },
  };
  StationColumns c;
  const WaBuildColumn wanted[] = {
    { "name", &c.name, TRUE }, { "lon", &c.lon, TRUE }, { "lat", &c.lat, TRUE },
    { "code", &c.code, FALSE },
  };
  WaBuildSource s = { 0 };
  OGRLayerH layer = NULL;
  OGRFeatureH feature, out = NULL;
  guint n_written = 0;
  gboolean ok = FALSE, started;

  started = wa_build_begin (ctx);
  if (!wa_build_source_open (&s, ctx, source, WA_BUILD_SOURCE_TABLE, error)
      || !wa_build_source_columns (&s, wanted, G_N_ELEMENTS (wanted), error)
      || (layer = wa_build_create_layer_with_fields (ctx, WA_PACK_LAYER_STATIONS, wkbPoint,
                                                     fields, G_N_ELEMENTS (fields), error)) == NULL)
    goto out;
  out = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  ok = TRUE;
  while (ok && (feature = wa_build_source_next (&s)) != NULL)
    {
      ok = write_station (ctx, &s, layer, out, feature, &c, error);
      n_written += ok;
      OGR_F_Destroy (feature);
    }
  ok = ok && wa_build_source_check_end (&s, error);
  if (ok)
    wa_build_report (ctx, _("%s: %u stations written"), s.path, n_written);

out:
  if (out != NULL)
    OGR_F_Destroy (out);
  wa_build_source_close (&s);
  return wa_build_end (ctx, started, ok, error);
}

gboolean
wa_build_roads (WaBuildContext *ctx, GError **error)
{
  const WaManifestSource *motorways, *stations;

  motorways = wa_manifest_find_optional_role (ctx->manifest, ctx->edition, "motorways");
  stations = wa_manifest_find_optional_role (ctx->manifest, ctx->edition, "stations");
  if (motorways == NULL)
    wa_build_report (ctx, _("No motorways source: the pack has no motorways"));
  else if (!build_motorways (ctx, motorways, error))
    return FALSE;
  if (stations == NULL)
    wa_build_report (ctx, _("No stations source: the pack has no railway stations"));
  else if (!build_stations (ctx, stations, error))
    return FALSE;
  return TRUE;
}
