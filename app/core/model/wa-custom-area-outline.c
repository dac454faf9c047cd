/* wa-custom-area-outline.c: what a map outlines for a custom area
 * (wa-custom-area.h): one outline round a set of wards or LSOAs, their
 * shared boundaries dissolved (GDAL's cascaded union), so that a map of
 * the area shows the area and not the lines between its members.
 *
 * A WaGeometry is rings combined even-odd; each is turned back into OGR
 * polygons the same way (the symmetric difference of its rings), then
 * all are unioned. Boundaries of neighbouring wards in a pack share their
 * vertices, so the union leaves no slivers; any hole smaller than
 * SLIVER_DEG2 left by rounding is dropped all the same. */
#include "wa-custom-area.h"
#include "wa-error.h"
#include "wa-gdal-util.h"

#include <ogr_api.h>
#include <glib/gi18n-lib.h>

/* About 10 m² at England's latitudes, in square degrees. */
#define SLIVER_DEG2 1e-9

static OGRGeometryH
ring_polygon (const double *xy, guint n)
{
  OGRGeometryH polygon = OGR_G_CreateGeometry (wkbPolygon);
  OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);

  OGR_G_SetPointCount (ring, (int) n);
  for (guint i = 0; i < n; i++)
    OGR_G_SetPoint_2D (ring, (int) i, xy[2 * i], xy[2 * i + 1]);
  OGR_G_AddGeometryDirectly (polygon, ring);
  OGR_G_CloseRings (polygon);
  if (!OGR_G_IsValid (polygon))
    {
      OGRGeometryH valid = OGR_G_MakeValid (polygon);

      OGR_G_DestroyGeometry (polygon);
      polygon = valid;
    }
  return polygon;
}

/* Adds the polygons of g (a polygon, multipolygon or collection) to multi. */
static void
add_polygons (OGRGeometryH multi, OGRGeometryH g)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (g));

  if (type == wkbPolygon)
    OGR_G_AddGeometry (multi, g);
  else if (type == wkbMultiPolygon || type == wkbGeometryCollection)
    for (int i = 0; i < OGR_G_GetGeometryCount (g); i++)
      add_polygons (multi, OGR_G_GetGeometryRef (g, i));
}

/* The geometry's rings combined even-odd, added to multi as polygons. */
static void
add_geometry (OGRGeometryH multi, const WaGeometry *geometry)
{
  OGRGeometryH combined = NULL;

  for (guint r = 0; r < wa_geometry_get_n_rings (geometry); r++)
    {
      guint n;
      const double *xy = wa_geometry_get_ring (geometry, r, &n);
      OGRGeometryH polygon;

      if (n < 3)
        continue;
      if ((polygon = ring_polygon (xy, n)) == NULL)
        continue;
      if (combined == NULL)
        combined = polygon;
      else
        {
          OGRGeometryH both = OGR_G_SymDifference (combined, polygon);

          OGR_G_DestroyGeometry (polygon);
          if (both != NULL)
            {
              OGR_G_DestroyGeometry (combined);
              combined = both;
            }
        }
    }
  if (combined != NULL)
    {
      add_polygons (multi, combined);
      OGR_G_DestroyGeometry (combined);
    }
}

/* Drops the holes of the union smaller than SLIVER_DEG2. */
static OGRGeometryH
without_slivers (OGRGeometryH g)
{
  OGRGeometryH out = OGR_G_CreateGeometry (wkbMultiPolygon);
  OGRGeometryH polygons = OGR_G_CreateGeometry (wkbMultiPolygon);

  add_polygons (polygons, g);
  for (int i = 0; i < OGR_G_GetGeometryCount (polygons); i++)
    {
      OGRGeometryH polygon = OGR_G_GetGeometryRef (polygons, i);
      OGRGeometryH kept = OGR_G_CreateGeometry (wkbPolygon);

      for (int r = 0; r < OGR_G_GetGeometryCount (polygon); r++)
        {
          OGRGeometryH ring = OGR_G_GetGeometryRef (polygon, r);

          if (r == 0 || OGR_G_Area (ring) >= SLIVER_DEG2)
            OGR_G_AddGeometry (kept, ring);
        }
      OGR_G_AddGeometryDirectly (out, kept);
    }
  OGR_G_DestroyGeometry (polygons);
  return out;
}

WaGeometry *
wa_geometry_dissolve (GPtrArray *geometries, GError **error)
{
  OGRGeometryH multi, merged, clean;
  WaGeometry *out;

  g_return_val_if_fail (geometries != NULL, NULL);

  wa_gdal_init_geopackage ();
  multi = OGR_G_CreateGeometry (wkbMultiPolygon);
  for (guint i = 0; i < geometries->len; i++)
    if (g_ptr_array_index (geometries, i) != NULL)
      add_geometry (multi, g_ptr_array_index (geometries, i));
  if (OGR_G_GetGeometryCount (multi) == 0)
    {
      OGR_G_DestroyGeometry (multi);
      g_set_error (error, WA_ERROR, WA_ERROR_MISSING, _("The area has no boundary to draw"));
      return NULL;
    }
  merged = OGR_G_GetGeometryCount (multi) == 1 ? OGR_G_Clone (multi) : OGR_G_UnionCascaded (multi);
  OGR_G_DestroyGeometry (multi);
  if (merged == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_INVALID,
                   _("Could not join the boundaries of the area: %s"), wa_gdal_last_message ());
      return NULL;
    }
  clean = without_slivers (merged);
  OGR_G_DestroyGeometry (merged);
  out = wa_geometry_new_from_ogr (clean, error);
  OGR_G_DestroyGeometry (clean);
  return out;
}

GPtrArray *
wa_custom_area_dup_outline (WaAtlas *atlas, WaCustomArea *area,
                            const WaCustomAreaFigures *figures, GError **error)
{
  g_autoptr(GPtrArray) members = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_geometry_unref);
  WaGeometry *dissolved;

  g_return_val_if_fail (WA_IS_ATLAS (atlas) && WA_IS_CUSTOM_AREA (area), NULL);

  switch (wa_custom_area_get_kind (area))
    {
    case WA_CUSTOM_AREA_POLYGON:
      if (wa_custom_area_get_geometry (area) != NULL)
        g_ptr_array_add (out, wa_geometry_ref (wa_custom_area_get_geometry (area)));
      return out;

    case WA_CUSTOM_AREA_LSOAS:
      {
        WaCustomAreaFigures computed = { 0 };

        if (figures == NULL && wa_custom_area_compute (atlas, area, &computed, error))
          figures = &computed;
        members = figures != NULL ? wa_custom_area_dup_lsoa_geometries (atlas, figures, error) : NULL;
        wa_custom_area_figures_clear (&computed);
        if (members == NULL)
          {
            g_ptr_array_unref (out);
            return NULL;
          }
      }
      break;

    case WA_CUSTOM_AREA_WARDS:
    default:
      {
        const char *const *codes = wa_custom_area_get_codes (area);

        members = g_ptr_array_new ();
        for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
          {
            WaWard *ward = wa_atlas_lookup_ward (atlas, codes[i]);

            if (ward != NULL && wa_ward_get_geometry (ward) != NULL)
              g_ptr_array_add (members, wa_ward_get_geometry (ward));
          }
      }
      break;
    }
  if (members->len == 0)
    return out;
  if ((dissolved = wa_geometry_dissolve (members, error)) == NULL)
    {
      g_ptr_array_unref (out);
      return NULL;
    }
  g_ptr_array_add (out, dissolved);
  return out;
}
