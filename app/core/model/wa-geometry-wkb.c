/* wa-geometry-wkb.c: a WaGeometry from WKB without GDAL, so that the lazy
 * pack queries decode one ward's boundary in a binary that does not load
 * libgdal (its ~140 libraries cost more start-up time than the query). It
 * reads what wa-geometry-ogr.c accepts: polygons, multipolygons and
 * collections of them, in either byte order, with or without Z/M. */
#include "wa-geometry.h"
#include "wa-geometry-private.h"
#include "wa-error.h"

#include <string.h>
#include <glib/gi18n-lib.h>

enum { WKB_POLYGON = 3, WKB_MULTI_POLYGON = 6, WKB_COLLECTION = 7 };
#define WKB_25D_FLAG 0x80000000u
/* Nesting a well-formed pack never reaches; bounds recursion on bad input. */
#define WKB_MAX_DEPTH 8

typedef struct {
  const guint8 *p, *end;
  gboolean swap;        /* data byte order differs from the host's */
  GArray *xy;
  GArray *starts;
} WkbReader;

static gboolean
read_u32 (WkbReader *r, guint32 *out)
{
  guint32 v;

  if (r->end - r->p < 4)
    return FALSE;
  memcpy (&v, r->p, 4);
  r->p += 4;
  *out = r->swap ? GUINT32_SWAP_LE_BE (v) : v;
  return TRUE;
}

static double
read_double_at (const WkbReader *r, const guint8 *at)
{
  guint64 v;
  double d;

  memcpy (&v, at, 8);
  if (r->swap)
    v = GUINT64_SWAP_LE_BE (v);
  memcpy (&d, &v, 8);
  return d;
}

/* Byte order and type; *dims is 2, 3 or 4 coordinates per point. */
static gboolean
read_header (WkbReader *r, guint32 *type, guint *dims)
{
  guint32 raw;

  if (r->p >= r->end || r->p[0] > 1)
    return FALSE;
  r->swap = (r->p[0] == 1) != (G_BYTE_ORDER == G_LITTLE_ENDIAN);
  r->p++;
  if (!read_u32 (r, &raw))
    return FALSE;
  *dims = 2 + ((raw & WKB_25D_FLAG) != 0);
  raw &= ~WKB_25D_FLAG;
  if (raw >= 1000 && raw < 4000)
    *dims = 2 + (raw / 1000 == 3 ? 2 : 1);   /* Z 1000, M 2000, ZM 3000 */
  *type = raw % 1000;
  return TRUE;
}

static gboolean
read_ring (WkbReader *r, guint dims)
{
  guint32 n;
  guint start = r->xy->len / 2;

  if (!read_u32 (r, &n) || (gsize) (r->end - r->p) / (8 * dims) < n)
    return FALSE;
  if (n == 0)
    return TRUE;   /* an empty ring adds nothing, as in wa-geometry-ogr.c */
  g_array_append_val (r->starts, start);
  g_array_set_size (r->xy, r->xy->len + 2 * n);
  for (guint32 i = 0; i < n; i++, r->p += 8 * dims)
    {
      g_array_index (r->xy, double, 2 * (start + i)) = read_double_at (r, r->p);
      g_array_index (r->xy, double, 2 * (start + i) + 1) = read_double_at (r, r->p + 8);
    }
  return TRUE;
}

static gboolean
read_part (WkbReader *r, guint depth, GError **error)
{
  guint32 type, n;
  guint dims;

  if (depth > WKB_MAX_DEPTH || !read_header (r, &type, &dims) || !read_u32 (r, &n))
    goto truncated;
  if (type != WKB_POLYGON && type != WKB_MULTI_POLYGON && type != WKB_COLLECTION)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                   _("Geometry of WKB type %u is not a polygon or multipolygon"), type);
      return FALSE;
    }
  for (guint32 i = 0; i < n; i++)
    {
      if (type == WKB_POLYGON ? !read_ring (r, dims) : !read_part (r, depth + 1, error))
        goto truncated;
    }
  return TRUE;

truncated:
  if (error != NULL && *error == NULL)
    g_set_error (error, WA_ERROR, WA_ERROR_PARSE, _("Geometry WKB is truncated or malformed"));
  return FALSE;
}

WaGeometry *
wa_geometry_new_from_wkb (const guint8 *wkb,
                          gsize         size,
                          GError      **error)
{
  /* No bytes may come as NULL: NULL + 0 is undefined in C. */
  WkbReader r = { wkb, wkb != NULL ? wkb + size : NULL, FALSE, NULL, NULL };
  WaGeometry *geometry = NULL;

  g_return_val_if_fail (wkb != NULL || size == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  wa_geometry_scratch (&r.xy, &r.starts);
  /* No points is an empty geometry: no boundary, not an error. */
  if (read_part (&r, 0, error) && r.xy->len > 0)
    geometry = wa_geometry_new ((const double *) r.xy->data, r.xy->len / 2,
                                (const guint *) r.starts->data, r.starts->len);
  wa_geometry_scratch_done ();
  return geometry;
}
