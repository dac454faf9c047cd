/* wa-build-coverage.c: the pack's simplified levels of areas that meet
 * edge to edge (wards, councils, regions, land), simplified together
 * (wa-coverage.h) so that neighbours still meet and the map's dissolves
 * can drop the edges they share. */
#include "wa-build-private.h"
#include "wa-coverage.h"

/* Where a ring came from. */
typedef struct {
  guint area;
  gboolean outer;      /* a polygon's first ring; its holes follow it */
} RingSource;

static void
add_ring (WaCoverage *coverage, GArray *sources, GArray *xy, OGRGeometryH ring,
          guint area, gboolean outer)
{
  int n = OGR_G_GetPointCount (ring);
  RingSource source = { area, outer };

  g_array_set_size (xy, 2 * (guint) n);
  if (n > 0)
    OGR_G_GetPoints (ring, xy->data, 2 * sizeof (double),
                     (double *) xy->data + 1, 2 * sizeof (double), NULL, 0);
  wa_coverage_add_ring (coverage, (const double *) xy->data, (guint) n);
  g_array_append_val (sources, source);
}

/* The rings of a POLYGON or MULTIPOLYGON; FALSE for anything else. */
static gboolean
add_area (WaCoverage *coverage, GArray *sources, GArray *xy, OGRGeometryH geometry,
          guint area)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  int n_polygons = type == wkbPolygon ? 1 : OGR_G_GetGeometryCount (geometry);

  if (type != wkbPolygon && type != wkbMultiPolygon)
    return FALSE;
  for (int p = 0; p < n_polygons; p++)
    {
      OGRGeometryH polygon = type == wkbPolygon ? geometry : OGR_G_GetGeometryRef (geometry, p);

      for (int r = 0; r < OGR_G_GetGeometryCount (polygon); r++)
        add_ring (coverage, sources, xy, OGR_G_GetGeometryRef (polygon, r), area, r == 0);
    }
  return TRUE;
}

static OGRGeometryH
linear_ring (const GArray *xy)
{
  OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);
  const double *p = (const double *) xy->data;

  OGR_G_SetPointCount (ring, (int) (xy->len / 2));
  for (guint i = 0; i < xy->len / 2; i++)
    OGR_G_SetPoint_2D (ring, (int) i, p[2 * i], p[2 * i + 1]);
  return ring;
}

/* Each area's simplified rings as polygons into result; a polygon whose
 * outer ring collapses goes, with its holes. */
static void
rebuild (WaCoverage *coverage, const GArray *sources, double tolerance, OGRGeometryH *result)
{
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  OGRGeometryH polygon = NULL;

  for (guint r = 0; r < sources->len; r++)
    {
      const RingSource *source = &g_array_index (sources, RingSource, r);

      if (source->outer)
        polygon = NULL;
      else if (polygon == NULL)
        continue;
      if (!wa_coverage_simplify_ring (coverage, r, tolerance, xy))
        continue;
      if (source->outer)
        {
          polygon = OGR_G_CreateGeometry (wkbPolygon);
          OGR_G_AddGeometryDirectly (result[source->area], polygon);
        }
      OGR_G_AddGeometryDirectly (polygon, linear_ring (xy));
    }
}

/* The multipolygon (taken), or where simplifying made a ring cross
 * itself or another, the same repaired: it changes only there, so the
 * rest of its boundaries stay shared. NULL where it cannot be. */
static OGRGeometryH
made_valid (OGRGeometryH multi)
{
  OGRGeometryH valid, polygons;

  if (OGR_G_IsEmpty (multi) || OGR_G_IsValid (multi))
    return multi;
  valid = OGR_G_MakeValid (multi);
  OGR_G_DestroyGeometry (multi);
  if (valid == NULL)
    return NULL;
  polygons = wa_build_polygons_only (valid);
  OGR_G_DestroyGeometry (valid);
  if (!OGR_G_IsValid (polygons))
    {
      OGR_G_DestroyGeometry (polygons);
      return NULL;
    }
  return polygons;
}

OGRGeometryH *
wa_build_simplify_coverage (OGRGeometryH const *geometries, guint n, double tolerance,
                            guint *n_alone)
{
  g_autoptr(WaCoverage) coverage = wa_coverage_new ();
  g_autoptr(GArray) sources = g_array_new (FALSE, FALSE, sizeof (RingSource));
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree gboolean *alone = g_new0 (gboolean, MAX (n, 1));
  OGRGeometryH *result = g_new0 (OGRGeometryH, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    if (geometries[i] != NULL)
      {
        result[i] = OGR_G_CreateGeometry (wkbMultiPolygon);
        alone[i] = !add_area (coverage, sources, xy, geometries[i], i);
      }
  rebuild (coverage, sources, tolerance, result);

  *n_alone = 0;
  for (guint i = 0; i < n; i++)
    {
      if (result[i] == NULL)
        continue;
      if (!alone[i])
        result[i] = made_valid (result[i]);
      if (alone[i] || result[i] == NULL || OGR_G_IsEmpty (result[i]))
        {
          if (result[i] != NULL)
            OGR_G_DestroyGeometry (result[i]);
          result[i] = wa_build_simplify_area (geometries[i], tolerance);
          (*n_alone)++;
        }
      else
        result[i] = wa_build_drop_specks (result[i], tolerance * tolerance);
    }
  return result;
}
