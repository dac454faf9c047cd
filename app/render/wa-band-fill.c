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
  gboolean left_in;        /* the ward's inside is left of a to b (lon/lat) */
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

/* The edge from (x0, y0) to (x1, y1), whose area is on its left where
 * left_in. */
static void
add_seg (GArray *segs, guint band, double x0, double y0, double x1, double y1,
         gboolean left_in)
{
  Seg s = { .band = band, .left_in = left_in };

  if (x0 == x1 && y0 == y1)
    return;
  if (x0 < x1 || (x0 == x1 && y0 < y1))
    s.ax = x0, s.ay = y0, s.bx = x1, s.by = y1;
  else
    {
      s.ax = x1, s.ay = y1, s.bx = x0, s.by = y0;
      s.left_in = !left_in;
    }
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

/* Adds a point given in lon/lat (else Mercator units) to the line being
 * built. */
static void
add_point (WaBoxedLines *path, gboolean lonlat, double x, double y)
{
  if (lonlat)
    wa_lonlat_to_mercator (x, y, &x, &y);
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

#define NO_EDGE G_MAXUINT

/* The first edge not yet used among the sorted ends at (x, y), or NO_EDGE. */
static guint
next_unused_end (const End *ends, guint n, const gboolean *used, double x, double y)
{
  for (guint e = find_end (ends, n, x, y); e < n && ends[e].x == x && ends[e].y == y; e++)
    if (!used[ends[e].seg])
      return ends[e].seg;
  return NO_EDGE;
}

/* The unused edge at (x, y) (marking it used) and its other end; FALSE
 * when there is none. */
static gboolean
next_edge (const Seg *segs, const End *ends, guint n_ends, gboolean *used, double x, double y,
           double *out_x, double *out_y)
{
  guint s = next_unused_end (ends, n_ends, used, x, y);
  const Seg *next;

  if (s == NO_EDGE)
    return FALSE;
  used[s] = TRUE;
  next = &segs[s];
  if (next->ax == x && next->ay == y)
    *out_x = next->bx, *out_y = next->by;
  else
    *out_x = next->ax, *out_y = next->ay;
  return TRUE;
}

/* Where a band's edge, turned so that its band is on its left, starts
 * (tail) or ends (head). */
static void
seg_ends (const Seg *seg, gboolean head, double *x, double *y)
{
  gboolean at_a = seg->left_in != head;

  *x = at_a ? seg->ax : seg->bx;
  *y = at_a ? seg->ay : seg->by;
}

/* The edges' tails (band on the left, as seg_ends), sorted by position. */
static End *
sorted_tails (const Seg *segs, guint n)
{
  End *tails = g_new (End, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      tails[i].seg = i;
      seg_ends (&segs[i], FALSE, &tails[i].x, &tails[i].y);
    }
  if (n > 0)
    qsort (tails, n, sizeof (End), end_cmp);
  return tails;
}

/* The unused edge starting at (x, y), its band on the left (marking it
 * used), and its head; FALSE when there is none. */
static gboolean
next_edge_on_left (const Seg *segs, const End *tails, guint n, gboolean *used, double x,
                   double y, double *out_x, double *out_y)
{
  guint s = next_unused_end (tails, n, used, x, y);

  if (s == NO_EDGE)
    return FALSE;
  used[s] = TRUE;
  seg_ends (&segs[s], TRUE, out_x, out_y);
  return TRUE;
}

/* Chains one band's remaining edges (every point meets an even number of
 * them) into closed rings with the band on their left (lon/lat), in Web
 * Mercator units, added to coverage, their band to ring_bands. Where
 * the sides do not chain (a level's rings that cross), the ring goes on
 * along any edge and is loose (ring_loose): its band is not on one side
 * of it all round. */
static void
chain_band (WaCoverage *coverage, GArray *ring_bands, GArray *ring_loose, guint band,
            const Seg *segs, guint n)
{
  g_autofree End *ends = sorted_ends (segs, n);
  g_autofree End *tails = sorted_tails (segs, n);
  g_autofree gboolean *used = g_new0 (gboolean, n);
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_ends = 2 * n;

  for (guint s = 0; s < n; s++)
    {
      double x0, y0, x, y;
      gboolean loose = FALSE;

      if (used[s])
        continue;
      used[s] = TRUE;
      g_array_set_size (xy, 0);
      seg_ends (&segs[s], FALSE, &x0, &y0);
      seg_ends (&segs[s], TRUE, &x, &y);
      append_mercator (xy, x0, y0);
      while (x != x0 || y != y0)
        {
          append_mercator (xy, x, y);
          if (next_edge_on_left (segs, tails, n, used, x, y, &x, &y))
            continue;
          /* None left cannot happen with even degrees; the fill closes the ring. */
          if (!next_edge (segs, ends, n_ends, used, x, y, &x, &y))
            break;
          loose = TRUE;
        }
      wa_coverage_add_ring (coverage, (const double *) xy->data, xy->len / 2);
      g_array_append_val (ring_bands, band);
      g_array_append_val (ring_loose, loose);
    }
}

/* ---- the bands' common boundaries, each once ---------------------------- */

/* An edge of the simplified bands' rings, with the band on either side
 * (lon/lat sense; WA_BAND_FILL_NONE where none). */
typedef struct {
  double ax, ay, bx, by;
  guint16 left, right;
} Side;

static int
side_pos_cmp (const void *pa, const void *pb)
{
  const Side *a = pa, *b = pb;
  int c;

  if ((c = cmp_double (a->ax, b->ax)) != 0 || (c = cmp_double (a->ay, b->ay)) != 0
      || (c = cmp_double (a->bx, b->bx)) != 0)
    return c;
  return cmp_double (a->by, b->by);
}

static int
side_key_cmp (const void *pa, const void *pb)
{
  const Side *a = pa, *b = pb;

  if (a->left != b->left)
    return a->left < b->left ? -1 : 1;
  if (a->right != b->right)
    return a->right < b->right ? -1 : 1;
  return side_pos_cmp (pa, pb);
}

/* A ring's edge from p to q, band on its left, as a Side from the lesser
 * point to the greater. */
static void
add_side (GArray *sides, guint band, const double *p, const double *q)
{
  Side e = { .left = WA_BAND_FILL_NONE, .right = WA_BAND_FILL_NONE };
  gboolean forward = p[0] < q[0] || (p[0] == q[0] && p[1] < q[1]);

  if (p[0] == q[0] && p[1] == q[1])
    return;
  e.ax = forward ? p[0] : q[0], e.ay = forward ? p[1] : q[1];
  e.bx = forward ? q[0] : p[0], e.by = forward ? q[1] : p[1];
  if (forward)
    e.left = band;
  else
    e.right = band;
  g_array_append_val (sides, e);
}

/* Merges the two bands' copies of each edge into one with both sides,
 * then turns each so that the lesser band is on its left: an edge
 * between two given bands then goes one way along their boundary.
 * Returns how many there are. */
static guint
merge_sides (GArray *sides)
{
  Side *e = (Side *) sides->data;
  guint n = 0;

  if (sides->len > 1)
    qsort (e, sides->len, sizeof (Side), side_pos_cmp);
  for (guint i = 0; i < sides->len; i++)
    {
      Side *m = n > 0 ? &e[n - 1] : NULL;

      /* Only a band's edge on the left with another's on the right: the
       * merged edge adds what the two would, and each band's rings stay
       * closed however the edges pair. */
      if (m != NULL && side_pos_cmp (m, &e[i]) == 0
          && (m->left == WA_BAND_FILL_NONE) != (m->right == WA_BAND_FILL_NONE)
          && (m->left == WA_BAND_FILL_NONE) != (e[i].left == WA_BAND_FILL_NONE))
        {
          m->left = MIN (m->left, e[i].left);
          m->right = MIN (m->right, e[i].right);
          continue;
        }
      e[n++] = e[i];
    }
  for (guint i = 0; i < n; i++)
    if (e[i].right < e[i].left)
      e[i] = (Side) { e[i].bx, e[i].by, e[i].ax, e[i].ay, e[i].right, e[i].left };
  g_array_set_size (sides, n);
  return n;
}

/* Ends the common line being built and records its two bands (the line
 * may come to nothing, then it has no bands). */
static void
end_common_line (WaBandFill *fill, gboolean closed, guint16 left, guint16 right)
{
  guint before = fill->common.lines->len;

  wa_boxed_lines_end (&fill->common, closed);
  if (fill->common.lines->len > before)
    {
      guint16 pair[2] = { left, right };

      g_array_append_vals (fill->common_bands, pair, 2);
    }
}

/* Chains the edges between one pair of bands (e[0..n), sorted by their
 * tails) into lines, each grown from an edge both ways as far as edges
 * go on head to tail. */
static void
chain_common (WaBandFill *fill, const Side *e, guint n)
{
  g_autofree End *tails = g_new (End, n);
  g_autofree End *heads = g_new (End, n);
  g_autofree gboolean *used = g_new0 (gboolean, n);
  g_autoptr(GArray) back = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < n; i++)
    {
      tails[i] = (End) { e[i].ax, e[i].ay, i };
      heads[i] = (End) { e[i].bx, e[i].by, i };
    }
  qsort (heads, n, sizeof (End), end_cmp);
  for (guint s = 0; s < n; s++)
    {
      double x = e[s].bx, y = e[s].by, bx = e[s].ax, by = e[s].ay;
      gboolean closed = FALSE;
      guint k;

      if (used[s])
        continue;
      used[s] = TRUE;
      /* Back from the tail, while an unused edge ends there. */
      g_array_set_size (back, 0);
      while (!closed && (k = next_unused_end (heads, n, used, bx, by)) != NO_EDGE)
        {
          used[k] = TRUE;
          bx = e[k].ax, by = e[k].ay;
          g_array_append_val (back, bx);
          g_array_append_val (back, by);
          closed = bx == x && by == y;
        }
      wa_boxed_lines_begin (&fill->common);
      for (guint i = back->len / 2; i-- > 0;)
        wa_boxed_lines_add_point (&fill->common, g_array_index (back, double, 2 * i),
                                  g_array_index (back, double, 2 * i + 1));
      wa_boxed_lines_add_point (&fill->common, e[s].ax, e[s].ay);
      if (closed)
        {
          /* Came round to the head: a ring, whose first point is that head. */
          end_common_line (fill, TRUE, e[s].left, e[s].right);
          continue;
        }
      wa_boxed_lines_add_point (&fill->common, x, y);
      /* On from the head, while an unused edge starts there. */
      while ((k = next_unused_end (tails, n, used, x, y)) != NO_EDGE)
        {
          used[k] = TRUE;
          x = e[k].bx, y = e[k].by;
          if (x == bx && y == by)
            {
              closed = TRUE;
              break;
            }
          wa_boxed_lines_add_point (&fill->common, x, y);
        }
      end_common_line (fill, closed, e[s].left, e[s].right);
    }
}

/* The bands' common boundaries: each edge of the simplified rings once,
 * with the bands either side, chained into lines per pair of bands. */
static void
build_common (WaBandFill *fill, GArray *sides)
{
  guint n = merge_sides (sides);
  const Side *e = (const Side *) sides->data;

  if (n > 1)
    qsort (sides->data, n, sizeof (Side), side_key_cmp);
  for (guint i = 0; i < n;)
    {
      guint j = i;

      while (j < n && e[j].left == e[i].left && e[j].right == e[i].right)
        j++;
      if (e[i].left != e[i].right)
        chain_common (fill, e + i, j - i);
      fill->n_common_edges += e[i].left != e[i].right ? j - i : 0;
      i = j;
    }
}

static void
add_ring_to (WaBoxedLines *lines, const double *p, guint n)
{
  wa_boxed_lines_begin (lines);
  for (guint i = 0; i + 1 < n; i++)   /* the last repeats the first */
    wa_boxed_lines_add_point (lines, p[2 * i], p[2 * i + 1]);
  wa_boxed_lines_end (lines, TRUE);
}

/* Every ring of coverage simplified to tolerance, into its band's lines,
 * and each edge with its band into sides; a loose ring into its band's
 * loose rings instead of sides. */
static void
add_simplified_rings (WaBandFill *fill, WaCoverage *coverage, const GArray *ring_bands,
                      const GArray *ring_loose, double tolerance, GArray *sides)
{
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < ring_bands->len; r++)
    {
      guint band = g_array_index (ring_bands, guint, r), n;
      const double *p;

      if (!wa_coverage_simplify_ring (coverage, r, tolerance, xy))
        continue;
      p = (const double *) xy->data;
      n = xy->len / 2;
      add_ring_to (&fill->bands[band], p, n);
      fill->n_edges_simplified += n - 1;
      if (g_array_index (ring_loose, gboolean, r))
        {
          add_ring_to (&fill->loose[band], p, n);
          fill->n_loose_edges += n - 1;
          continue;
        }
      for (guint i = 0; i + 1 < n; i++)
        add_side (sides, band, &p[2 * i], &p[2 * i + 2]);
    }
}

/* Chains edges into lines, each grown from an edge both ways as far as
 * unused edges go; a line that comes back to its start is a ring. */
static void
chain_lines (WaBoxedLines *path, const Seg *segs, guint n, gboolean lonlat)
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
        add_point (path, lonlat, g_array_index (back, double, 2 * i),
                   g_array_index (back, double, 2 * i + 1));
      add_point (path, lonlat, x0, y0);
      if (back->len > 0 && g_array_index (back, double, back->len - 2) == x
          && g_array_index (back, double, back->len - 1) == y)
        closed = TRUE;   /* came round to b: a ring, b is its first point */
      else
        {
          double sx = back->len > 0 ? g_array_index (back, double, back->len - 2) : x0;
          double sy = back->len > 0 ? g_array_index (back, double, back->len - 1) : y0;

          add_point (path, lonlat, x, y);
          while (next_edge (segs, ends, n_ends, used, x, y, &nx, &ny))
            {
              x = nx, y = ny;
              if (x == sx && y == sy)
                {
                  closed = TRUE;
                  break;
                }
              add_point (path, lonlat, x, y);
            }
        }
      wa_boxed_lines_end (path, closed);
    }
}

/* Chains segs (sorted here), each edge once however often it comes,
 * into lines; returns how many edges that left. The segs' points are in
 * lon/lat where lonlat, else already in Mercator units. */
static guint
chain_once (WaBoxedLines *lines, GArray *segs, gboolean lonlat)
{
  Seg *s;
  guint n_kept = 0;

  sort_segs (segs);
  s = (Seg *) segs->data;
  for (guint i = 0; i < segs->len; i++)
    if (n_kept == 0 || !seg_same (&s[n_kept - 1], &s[i]))
      s[n_kept++] = s[i];
  chain_lines (lines, s, n_kept, lonlat);
  return n_kept;
}

static WaBandFill *
fill_alloc (guint n_bands, guint n_wards)
{
  WaBandFill *fill = g_new0 (WaBandFill, 1);

  fill->n_bands = n_bands;
  fill->bands = g_new0 (WaBoxedLines, n_bands);
  fill->loose = g_new0 (WaBoxedLines, n_bands);
  fill->small = g_new0 (gboolean, MAX (n_wards, 1));
  for (guint b = 0; b < n_bands; b++)
    {
      wa_boxed_lines_init (&fill->bands[b]);
      wa_boxed_lines_init (&fill->loose[b]);
    }
  wa_boxed_lines_init (&fill->left_behind);
  wa_boxed_lines_init (&fill->common);
  fill->small_left_behind = g_array_new (FALSE, FALSE, sizeof (WaBandFillWard));
  fill->common_bands = g_array_new (FALSE, FALSE, sizeof (guint16));
  return fill;
}

/* Whether the geometry's area lies left of its ring xy[0..n) as the ring
 * goes: a lone ring's turn, else (a hole goes either way) whether a
 * point just left of its first edge is inside. */
static gboolean
ring_inside_left (WaGeometry *geometry, const double *xy, guint n)
{
  double area = 0;

  if (wa_geometry_get_n_rings (geometry) == 1)
    {
      for (guint i = 0; i < n; i++)
        {
          guint j = (i + 1) % n;

          area += xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1];
        }
      return area > 0;
    }
  for (guint i = 0; i < n; i++)
    {
      guint j = (i + 1) % n;
      double dx = xy[2 * j] - xy[2 * i], dy = xy[2 * j + 1] - xy[2 * i + 1];

      if (dx != 0 || dy != 0)
        return wa_geometry_contains (geometry, 0.5 * (xy[2 * i] + xy[2 * j]) - dy * 1e-4,
                                     0.5 * (xy[2 * i + 1] + xy[2 * j + 1]) + dx * 1e-4);
    }
  return TRUE;
}

/* Every edge of the ring xy[0..n), closed, its area on the left where
 * left. */
static void
add_ring_edges (GArray *segs, guint band, const double *xy, guint n, gboolean left)
{
  for (guint i = 0; i + 1 < n; i++)
    add_seg (segs, band, xy[2 * i], xy[2 * i + 1], xy[2 * i + 2], xy[2 * i + 3], left);
  add_seg (segs, band, xy[2 * n - 2], xy[2 * n - 1], xy[0], xy[1], left);
}

/* Every edge of the geometry's rings, each ring closed, with the side
 * the area is on where sides (else any); rings under three points are
 * left out, as the per-ward drawing leaves them out. */
static void
add_edges (GArray *segs, guint band, WaGeometry *geometry, gboolean sides)
{
  for (guint r = 0; r < wa_geometry_get_n_rings (geometry); r++)
    {
      guint n;
      const double *xy = wa_geometry_get_ring (geometry, r, &n);
      gboolean left;

      if (n < 3)
        continue;
      left = sides && ring_inside_left (geometry, xy, n);
      add_ring_edges (segs, band, xy, n, left);
    }
}

/* Lines of segs (lon/lat, else Mercator), each edge once, in bands[0] of
 * a new fill. */
static WaBandFill *
lines_of (GArray *segs, gboolean lonlat)
{
  WaBandFill *fill = fill_alloc (1, 0);

  fill->n_edges_in = segs->len;
  fill->n_edges_out = chain_once (&fill->bands[0], segs, lonlat);
  return fill;
}

WaBandFill *
wa_area_lines_new (WaAtlas *atlas, WaAreaKind kind, double zoom)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (Seg));
  GPtrArray *areas = wa_atlas_get_areas (atlas, kind);

  for (guint a = 0; a < areas->len; a++)
    {
      WaGeometry *geometry = wa_atlas_get_area_geometry_for_zoom (atlas, kind, a, zoom);

      if (geometry != NULL)
        add_edges (segs, 0, geometry, FALSE);
    }
  return lines_of (segs, TRUE);
}

/* The edges of the geometry's rings of three points or more, in Mercator
 * units: at full detail two neighbours' copies of a point may differ in
 * the last digits of lon/lat and not in Mercator, and would be drawn as
 * two edges. */
static void
add_mercator_edges (GArray *segs, WaGeometry *geometry)
{
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < wa_geometry_get_n_rings (geometry); r++)
    {
      guint n;
      const double *ring = wa_geometry_get_ring (geometry, r, &n);

      if (n < 3)
        continue;
      g_array_set_size (xy, 0);
      for (guint i = 0; i < n; i++)
        append_mercator (xy, ring[2 * i], ring[2 * i + 1]);
      add_ring_edges (segs, 0, (const double *) xy->data, n, FALSE);
    }
}

WaBandFill *
wa_ward_lines_new (WaAtlas *atlas, const guint *wards, guint n, double zoom)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (Seg));

  for (guint i = 0; i < n; i++)
    {
      WaGeometry *geometry = wa_atlas_get_ward_geometry_for_zoom (atlas, wards[i], zoom);

      if (geometry != NULL)
        add_mercator_edges (segs, geometry);
    }
  return lines_of (segs, FALSE);
}

/* The left-behind wards' outlines at zoom's own level (whose neighbours
 * share their boundaries exactly), each edge once; but for the wards
 * under two pixels, which the renderer outlines as their boxes. */
static void
add_left_behind (WaBandFill *fill, WaAtlas *atlas, const gboolean *left_behind, guint n_wards,
                 double zoom)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (Seg));

  for (guint w = 0; left_behind != NULL && w < n_wards; w++)
    {
      WaGeometry *geometry = left_behind[w] ? wa_atlas_get_ward_geometry_for_zoom (atlas, w, zoom)
                                            : NULL;
      if (geometry != NULL && fill->small[w])
        {
          WaBandFillWard ward = { w, *wa_geometry_get_bbox (geometry) };

          g_array_append_val (fill->small_left_behind, ward);
        }
      else if (geometry != NULL)
        add_edges (segs, 0, geometry, FALSE);
    }
  chain_once (&fill->left_behind, segs, TRUE);
}

/* Marks the wards under two pixels, which the renderer draws as boxes. */
static void
mark_small (WaBandFill *fill, WaAtlas *atlas, guint n_wards, double zoom)
{
  double two_px = 2.0 / (512.0 * exp2 (zoom));   /* Mercator units */

  for (guint w = 0; w < n_wards; w++)
    {
      WaGeometry *geometry = wa_atlas_get_ward_geometry_for_zoom (atlas, w, zoom);
      const WaBBox *box;
      double x0, y0, x1, y1;

      if (geometry == NULL)
        continue;
      box = wa_geometry_get_bbox (geometry);
      wa_lonlat_to_mercator (box->min_x, box->max_y, &x0, &y0);
      wa_lonlat_to_mercator (box->max_x, box->min_y, &x1, &y1);
      fill->small[w] = x1 - x0 < two_px && y1 - y0 < two_px;
    }
}

static guint
ward_band (const gint8 *bands, guint w, guint n_bands)
{
  return bands[w] < 0 || (guint) bands[w] >= n_bands ? n_bands - 1 : (guint) bands[w];
}

/* One band's rings: its wards' edges, less those an even number of
 * times (inner boundaries), chained into rings. A band at a time, so
 * that the edges in memory at once are one band's (the 10x pack's
 * bands together were a 33 MB array at the launch zoom, and its sort
 * another 9). */
static void
add_band (WaBandFill *fill, WaCoverage *coverage, GArray *ring_bands, GArray *ring_loose,
          WaAtlas *atlas, const gint8 *bands, guint n_wards, guint band, double zoom)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (Seg));
  Seg *s;
  guint n_kept = 0;

  for (guint w = 0; w < n_wards; w++)
    {
      WaGeometry *geometry;

      if (ward_band (bands, w, fill->n_bands) != band)
        continue;
      geometry = wa_atlas_get_ward_geometry_for_zoom (atlas, w, zoom);
      if (geometry != NULL)
        add_edges (segs, band, geometry, TRUE);
    }
  fill->n_edges_in += segs->len;
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
  fill->n_edges_out += n_kept;
  chain_band (coverage, ring_bands, ring_loose, band, s, n_kept);
}

/* Wards that tile the plane leave loose rings only where a level's
 * simplified rings cross: at most 1 edge in 900 of the 2019 and 2025
 * packs' fills at every zoom. Where wards lie on others (the
 * benchmark's 10x pack puts the LSOAs on the wards), two of one band
 * share edges the same way round, the dissolve drops each twice, the
 * sides no longer chain, and 40-60 % of the edges are in loose rings. */
#define OVERLAP_LOOSE_SHARE 100

WaBandFill *
wa_band_fill_new (WaAtlas *atlas, const gint8 *bands, const gboolean *left_behind,
                  guint n_wards, guint n_bands, double zoom)
{
  WaBandFill *fill;
  g_autoptr(WaCoverage) coverage = wa_coverage_new ();
  g_autoptr(GArray) ring_bands = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) ring_loose = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GArray) sides = g_array_new (FALSE, FALSE, sizeof (Side));

  g_return_val_if_fail (n_bands > 0, NULL);
  fill = fill_alloc (n_bands, n_wards);
  mark_small (fill, atlas, n_wards, zoom);
  for (guint b = 0; b < n_bands; b++)
    add_band (fill, coverage, ring_bands, ring_loose, atlas, bands, n_wards, b, zoom);
  add_simplified_rings (fill, coverage, ring_bands, ring_loose,
                        BAND_TOLERANCE_PX / (512.0 * exp2 (zoom)), sides);
  build_common (fill, sides);
  add_left_behind (fill, atlas, left_behind, n_wards, zoom);
  fill->overlapping = fill->n_loose_edges > fill->n_edges_simplified / OVERLAP_LOOSE_SHARE;
  return fill;
}

void
wa_band_fill_free (WaBandFill *fill)
{
  if (fill == NULL)
    return;
  for (guint b = 0; b < fill->n_bands; b++)
    {
      wa_boxed_lines_clear (&fill->bands[b]);
      wa_boxed_lines_clear (&fill->loose[b]);
    }
  g_free (fill->loose);
  wa_boxed_lines_clear (&fill->left_behind);
  wa_boxed_lines_clear (&fill->common);
  g_array_unref (fill->common_bands);
  g_array_unref (fill->small_left_behind);
  g_free (fill->bands);
  g_free (fill->small);
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
