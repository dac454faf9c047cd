/* wa-band-fill.c: see wa-band-fill.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wa-band-fill.h"
#include "wa-coverage.h"

/* What the dissolve leaves is simplified after, the bands' rings
 * together (wa-coverage.h): the zoom's level keeps every corner where
 * three wards meet, as neighbours must meet, and a band's boundary needs
 * only those where bands meet (for 256 px tiles at zoom 5, England's
 * bands kept 31,000 edges from the level, 18,600 so; levels simplified
 * ward by ward, which did not meet, kept 18,900). Within 0.3 device
 * pixels of the level, itself within 0.45 of the full geometry. The
 * dissolve of a finer level (three zooms in) gave 17,400 within half a
 * pixel of the full geometry, but reading that level cost the app's
 * launch 10 MiB and the 10x pack's 40 MiB. */
#define BAND_TOLERANCE_PX   0.3

typedef struct {
  double ax, ay, bx, by;   /* a before b, lexicographically */
  guint band;
} Seg;

typedef struct {
  double x, y;
  guint seg;
} End;

static int
cmp_double (double a, double b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

static int
seg_cmp (const void *pa, const void *pb)
{
  const Seg *a = pa, *b = pb;
  int c;

  if (a->band != b->band)
    return a->band < b->band ? -1 : 1;
  if ((c = cmp_double (a->ax, b->ax)) != 0 || (c = cmp_double (a->ay, b->ay)) != 0
      || (c = cmp_double (a->bx, b->bx)) != 0)
    return c;
  return cmp_double (a->by, b->by);
}

static int
end_cmp (const void *pa, const void *pb)
{
  const End *a = pa, *b = pb;
  int c = cmp_double (a->x, b->x);

  return c != 0 ? c : cmp_double (a->y, b->y);
}

static gboolean
seg_same (const Seg *a, const Seg *b)
{
  return a->band == b->band && a->ax == b->ax && a->ay == b->ay && a->bx == b->bx
         && a->by == b->by;
}

static void
add_seg (GArray *segs, guint band, double x0, double y0, double x1, double y1)
{
  Seg s = { .band = band };

  if (x0 == x1 && y0 == y1)
    return;
  if (x0 < x1 || (x0 == x1 && y0 < y1))
    s.ax = x0, s.ay = y0, s.bx = x1, s.by = y1;
  else
    s.ax = x1, s.ay = y1, s.bx = x0, s.by = y0;
  g_array_append_val (segs, s);
}

/* First index in ends[0..n) at point (x, y), or n. */
static guint
find_end (const End *ends, guint n, double x, double y)
{
  guint lo = 0, hi = n;
  End key = { x, y, 0 };

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (end_cmp (&ends[mid], &key) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < n && ends[lo].x == x && ends[lo].y == y ? lo : n;
}

static void
append_mercator (GArray *xy, double lon, double lat)
{
  double p[2];

  wa_lonlat_to_mercator (lon, lat, &p[0], &p[1]);
  g_array_append_vals (xy, p, 2);
}

/* Adds a point given in lon/lat to the line being built. */
static void
add_lonlat (WaBoxedLines *path, double lon, double lat)
{
  double x, y;

  wa_lonlat_to_mercator (lon, lat, &x, &y);
  wa_boxed_lines_add_point (path, x, y);
}

/* An empty GArray's data is NULL, which qsort must not be given (no edge
 * at all, as in a tile of the sanitizers' 100,000-ward test pack). */
static void
sort_segs (GArray *segs)
{
  if (segs->len > 1)
    qsort (segs->data, segs->len, sizeof (Seg), seg_cmp);
}

/* Both ends of every edge, sorted by position (find_end searches them). */
static End *
sorted_ends (const Seg *segs, guint n)
{
  End *ends = g_new (End, 2 * n);

  for (guint i = 0; i < n; i++)
    {
      ends[2 * i] = (End) { segs[i].ax, segs[i].ay, i };
      ends[2 * i + 1] = (End) { segs[i].bx, segs[i].by, i };
    }
  if (n > 0)   /* qsort wants a non-NULL array even of nothing */
    qsort (ends, 2 * n, sizeof (End), end_cmp);
  return ends;
}

/* The unused edge at (x, y) (marking it used) and its other end; FALSE
 * when there is none. */
static gboolean
next_edge (const Seg *segs, const End *ends, guint n_ends, gboolean *used, double x, double y,
           double *out_x, double *out_y)
{
  for (guint e = find_end (ends, n_ends, x, y); e < n_ends && ends[e].x == x && ends[e].y == y; e++)
    if (!used[ends[e].seg])
      {
        const Seg *next = &segs[ends[e].seg];

        used[ends[e].seg] = TRUE;
        if (next->ax == x && next->ay == y)
          *out_x = next->bx, *out_y = next->by;
        else
          *out_x = next->ax, *out_y = next->ay;
        return TRUE;
      }
  return FALSE;
}

/* Chains one band's remaining edges (every point meets an even number of
 * them) into closed rings, in Web Mercator units, added to coverage and
 * their band to ring_bands. */
static void
chain_band (WaCoverage *coverage, GArray *ring_bands, guint band, const Seg *segs, guint n)
{
  g_autofree End *ends = sorted_ends (segs, n);
  g_autofree gboolean *used = g_new0 (gboolean, n);
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_ends = 2 * n;

  for (guint s = 0; s < n; s++)
    {
      double x0, y0, x, y;

      if (used[s])
        continue;
      used[s] = TRUE;
      g_array_set_size (xy, 0);
      x0 = segs[s].ax, y0 = segs[s].ay;
      x = segs[s].bx, y = segs[s].by;
      append_mercator (xy, x0, y0);
      while (x != x0 || y != y0)
        {
          append_mercator (xy, x, y);
          /* None left cannot happen with even degrees; the fill closes the ring. */
          if (!next_edge (segs, ends, n_ends, used, x, y, &x, &y))
            break;
        }
      wa_coverage_add_ring (coverage, (const double *) xy->data, xy->len / 2);
      g_array_append_val (ring_bands, band);
    }
}

/* Every ring of coverage simplified to tolerance, into its band's lines. */
static void
add_simplified_rings (WaBandFill *fill, WaCoverage *coverage, const GArray *ring_bands,
                      double tolerance)
{
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < ring_bands->len; r++)
    {
      WaBoxedLines *lines = &fill->bands[g_array_index (ring_bands, guint, r)];
      const double *p;

      if (!wa_coverage_simplify_ring (coverage, r, tolerance, xy))
        continue;
      p = (const double *) xy->data;
      wa_boxed_lines_begin (lines);
      for (guint i = 0; i + 1 < xy->len / 2; i++)   /* the last repeats the first */
        wa_boxed_lines_add_point (lines, p[2 * i], p[2 * i + 1]);
      wa_boxed_lines_end (lines, TRUE);
      fill->n_edges_simplified += xy->len / 2 - 1;
    }
}

/* Chains edges into lines, each grown from an edge both ways as far as
 * unused edges go; a line that comes back to its start is a ring. */
static void
chain_lines (WaBoxedLines *path, const Seg *segs, guint n)
{
  g_autofree End *ends = sorted_ends (segs, n);
  g_autofree gboolean *used = g_new0 (gboolean, n);
  g_autoptr(GArray) back = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_ends = 2 * n;

  for (guint s = 0; s < n; s++)
    {
      double x0 = segs[s].ax, y0 = segs[s].ay, x = segs[s].bx, y = segs[s].by, nx, ny;
      gboolean closed = FALSE;

      if (used[s])
        continue;
      used[s] = TRUE;
      wa_boxed_lines_begin (path);
      /* Backwards from a, kept to be added in reverse. */
      g_array_set_size (back, 0);
      {
        double bx = x0, by = y0;

        while (next_edge (segs, ends, n_ends, used, bx, by, &nx, &ny))
          {
            g_array_append_val (back, nx);
            g_array_append_val (back, ny);
            bx = nx, by = ny;
            if (bx == x && by == y)
              break;
          }
      }
      for (guint i = back->len / 2; i-- > 0;)
        add_lonlat (path, g_array_index (back, double, 2 * i),
                    g_array_index (back, double, 2 * i + 1));
      add_lonlat (path, x0, y0);
      if (back->len > 0 && g_array_index (back, double, back->len - 2) == x
          && g_array_index (back, double, back->len - 1) == y)
        closed = TRUE;   /* came round to b: a ring, b is its first point */
      else
        {
          double sx = back->len > 0 ? g_array_index (back, double, back->len - 2) : x0;
          double sy = back->len > 0 ? g_array_index (back, double, back->len - 1) : y0;

          add_lonlat (path, x, y);
          while (next_edge (segs, ends, n_ends, used, x, y, &nx, &ny))
            {
              x = nx, y = ny;
              if (x == sx && y == sy)
                {
                  closed = TRUE;
                  break;
                }
              add_lonlat (path, x, y);
            }
        }
      wa_boxed_lines_end (path, closed);
    }
}

/* Chains segs (sorted here), each edge once however often it comes,
 * into lines; returns how many edges that left. */
static guint
chain_once (WaBoxedLines *lines, GArray *segs)
{
  Seg *s;
  guint n_kept = 0;

  sort_segs (segs);
  s = (Seg *) segs->data;
  for (guint i = 0; i < segs->len; i++)
    if (n_kept == 0 || !seg_same (&s[n_kept - 1], &s[i]))
      s[n_kept++] = s[i];
  chain_lines (lines, s, n_kept);
  return n_kept;
}

static WaBandFill *
fill_alloc (guint n_bands, guint n_wards)
{
  WaBandFill *fill = g_new0 (WaBandFill, 1);

  fill->n_bands = n_bands;
  fill->bands = g_new0 (WaBoxedLines, n_bands);
  fill->separate = g_new0 (gboolean, MAX (n_wards, 1));
  for (guint b = 0; b < n_bands; b++)
    wa_boxed_lines_init (&fill->bands[b]);
  wa_boxed_lines_init (&fill->left_behind);
  return fill;
}

/* Every edge of the geometry's rings, each ring closed; rings under three
 * points are left out, as the per-ward drawing leaves them out. */
static void
add_edges (GArray *segs, guint band, WaGeometry *geometry)
{
  for (guint r = 0; r < wa_geometry_get_n_rings (geometry); r++)
    {
      guint n;
      const double *xy = wa_geometry_get_ring (geometry, r, &n);

      if (n < 3)
        continue;
      for (guint i = 0; i + 1 < n; i++)
        add_seg (segs, band, xy[2 * i], xy[2 * i + 1], xy[2 * i + 2], xy[2 * i + 3]);
      add_seg (segs, band, xy[2 * n - 2], xy[2 * n - 1], xy[0], xy[1]);
    }
}

WaBandFill *
wa_area_lines_new (WaAtlas *atlas, WaAreaKind kind, double zoom)
{
  WaBandFill *fill = fill_alloc (1, 0);
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (Seg));
  GPtrArray *areas = wa_atlas_get_areas (atlas, kind);

  for (guint a = 0; a < areas->len; a++)
    {
      WaGeometry *geometry = wa_atlas_get_area_geometry_for_zoom (atlas, kind, a, zoom);

      if (geometry == NULL)
        continue;
      add_edges (segs, 0, geometry);
    }
  fill->n_edges_in = segs->len;
  fill->n_edges_out = chain_once (&fill->bands[0], segs);
  return fill;
}

/* The left-behind wards' outlines at zoom's own level (whose neighbours
 * share their boundaries exactly), each edge once; but for the wards the
 * dissolve left out as under two pixels, which the renderer outlines as
 * their boxes. */
static void
add_left_behind (WaBandFill *fill, WaAtlas *atlas, const gboolean *left_behind, guint n_wards,
                 double zoom)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (Seg));

  for (guint w = 0; left_behind != NULL && w < n_wards; w++)
    {
      WaGeometry *geometry = left_behind[w] ? wa_atlas_get_ward_geometry_for_zoom (atlas, w, zoom)
                                            : NULL;
      if (geometry != NULL && !fill->separate[w])
        add_edges (segs, 0, geometry);
    }
  chain_once (&fill->left_behind, segs);
}

WaBandFill *
wa_band_fill_new (WaAtlas *atlas, const gint8 *bands, const gboolean *left_behind,
                  guint n_wards, guint n_bands, double zoom)
{
  WaBandFill *fill;
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (Seg));
  g_autoptr(WaCoverage) coverage = wa_coverage_new ();
  g_autoptr(GArray) ring_bands = g_array_new (FALSE, FALSE, sizeof (guint));
  double two_px = 2.0 / (512.0 * exp2 (zoom));   /* Mercator units */
  Seg *s;
  guint n_kept = 0;

  g_return_val_if_fail (n_bands > 0, NULL);
  fill = fill_alloc (n_bands, n_wards);

  for (guint w = 0; w < n_wards; w++)
    {
      WaGeometry *geometry = wa_atlas_get_ward_geometry_for_zoom (atlas, w, zoom);
      guint band = bands[w] < 0 || (guint) bands[w] >= n_bands ? n_bands - 1 : (guint) bands[w];

      const WaBBox *box;
      double x0, y0, x1, y1;

      if (geometry == NULL)
        continue;
      box = wa_geometry_get_bbox (geometry);
      wa_lonlat_to_mercator (box->min_x, box->max_y, &x0, &y0);
      wa_lonlat_to_mercator (box->max_x, box->min_y, &x1, &y1);
      if (x1 - x0 < two_px && y1 - y0 < two_px)
        {
          fill->separate[w] = TRUE;
          continue;
        }
      add_edges (segs, band, geometry);
    }
  fill->n_edges_in = segs->len;

  /* Drop edges that occur an even number of times within a band. */
  sort_segs (segs);
  s = (Seg *) segs->data;
  for (guint i = 0; i < segs->len;)
    {
      guint j = i + 1;

      while (j < segs->len && seg_same (&s[i], &s[j]))
        j++;
      if ((j - i) % 2 == 1)
        s[n_kept++] = s[i];
      i = j;
    }
  fill->n_edges_out = n_kept;

  for (guint i = 0; i < n_kept;)
    {
      guint j = i;

      while (j < n_kept && s[j].band == s[i].band)
        j++;
      chain_band (coverage, ring_bands, s[i].band, &s[i], j - i);
      i = j;
    }
  add_simplified_rings (fill, coverage, ring_bands,
                        BAND_TOLERANCE_PX / (512.0 * exp2 (zoom)));
  add_left_behind (fill, atlas, left_behind, n_wards, zoom);
  return fill;
}

void
wa_band_fill_free (WaBandFill *fill)
{
  if (fill == NULL)
    return;
  for (guint b = 0; b < fill->n_bands; b++)
    wa_boxed_lines_clear (&fill->bands[b]);
  wa_boxed_lines_clear (&fill->left_behind);
  g_free (fill->bands);
  g_free (fill->separate);
  g_free (fill);
}

gboolean
wa_band_fill_zoom_index (double detail_zoom, guint *index)
{
  double whole = floor (detail_zoom);

  if (!(whole >= WA_BAND_FILL_MIN_ZOOM && whole < WA_BAND_FILL_MAX_ZOOM))
    return FALSE;
  *index = (guint) (whole - WA_BAND_FILL_MIN_ZOOM);
  return TRUE;
}

double
wa_band_fill_index_zoom (guint index)
{
  return WA_BAND_FILL_MIN_ZOOM + (double) index;
}
