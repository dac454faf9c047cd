/* wa-motorway-lines.c */
#include <math.h>
#include <string.h>

#include "wa-motorway-lines.h"

/* Douglas-Peucker between two kept points, with a stack rather than
 * recursion (a chain's points could be many). */
static guint
simplify_span (const double *xy, guint first, guint last, double tolerance, gboolean *keep,
               GArray *stack)
{
  guint kept = 0;

  g_array_set_size (stack, 0);
  g_array_append_val (stack, first);
  g_array_append_val (stack, last);
  while (stack->len > 0)
    {
      guint b = g_array_index (stack, guint, stack->len - 1);
      guint a = g_array_index (stack, guint, stack->len - 2);
      double worst = -1;
      guint at = a;

      g_array_set_size (stack, stack->len - 2);
      for (guint i = a + 1; i < b; i++)
        {
          double d = wa_point_segment_distance2 (&xy[2 * i], &xy[2 * a], &xy[2 * b]);

          if (d > worst)
            worst = d, at = i;
        }
      if (at == a || worst <= tolerance * tolerance)
        continue;
      keep[at] = TRUE;
      kept++;
      g_array_append_val (stack, a);
      g_array_append_val (stack, at);
      g_array_append_val (stack, at);
      g_array_append_val (stack, b);
    }
  return kept;
}

guint
wa_motorway_simplify (const double *xy, guint n, const gboolean *pinned, double tolerance,
                      gboolean *keep)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));
  guint kept = 0, from = 0;

  if (n == 0)
    return 0;
  for (guint i = 0; i < n; i++)
    {
      keep[i] = i == 0 || i == n - 1 || (pinned != NULL && pinned[i]);
      kept += keep[i];
    }
  for (guint i = 1; i < n; i++)
    if (keep[i])
      {
        kept += simplify_span (xy, from, i, tolerance, keep, stack);
        from = i;
      }
  return kept;
}

/* A chain of the style's (a piece of a line here), simplified. */
typedef struct {
  guint first, n;               /* into the pieces' points */
  const double *start, *end;    /* its ends' lon/lat in the pack's links */
} Piece;

/* Simplifies the chain in px (with its pinned points), adds it to the
 * pieces and empties px and pinned for the next. */
static void
finish_piece (WaMotorwayLines *lines, GArray *px, GArray *pinned, double tolerance,
              GArray *pieces, GArray *pieces_xy, const double *start, const double *end)
{
  g_autofree gboolean *keep = NULL;
  Piece piece = { pieces_xy->len, 0, start, end };

  if (px->len == 0)
    return;
  keep = g_new (gboolean, px->len);
  lines->n_points_in += px->len;
  wa_motorway_simplify ((const double *) px->data, px->len, (const gboolean *) pinned->data,
                        tolerance, keep);
  for (guint i = 0; i < px->len; i++)
    if (keep[i])
      {
        g_array_append_vals (pieces_xy, &g_array_index (px, double, 2 * i), 1);
        piece.n++;
      }
  g_array_append_val (pieces, piece);
  g_array_set_size (px, 0);
  g_array_set_size (pinned, 0);
}

/* Joins the pieces into lines where two pieces' ends meet (a piece may be
 * walked backwards: the style joins a link's end only to the next one's
 * start), so that fewer lines end in a round cap; the points where they
 * meet were pinned, so simplifying before or after joining is the same.
 * Ends are paired at each point in the order they come; a point where
 * three ends meet joins two of them. */
static void
join_pieces (WaMotorwayLines *lines, GArray *pieces, GArray *pieces_xy)
{
  guint n = pieces->len;
  const Piece *all = (const Piece *) pieces->data;
  const double *xy = (const double *) pieces_xy->data;
  g_autoptr(GHashTable) open = g_hash_table_new (wa_point_hash, wa_point_equal);
  g_autofree guint *partner = g_new (guint, 2 * n);   /* end 2p: start of p, 2p + 1: its end */
  g_autofree gboolean *walked = g_new0 (gboolean, n);

  for (guint e = 0; e < 2 * n; e++)
    {
      const double *at = e % 2 == 0 ? all[e / 2].start : all[e / 2].end;
      gpointer other;

      partner[e] = G_MAXUINT;
      if (g_hash_table_lookup_extended (open, at, NULL, &other)
          && GPOINTER_TO_UINT (other) / 2 != e / 2)
        {
          partner[e] = GPOINTER_TO_UINT (other);
          partner[GPOINTER_TO_UINT (other)] = e;
          g_hash_table_remove (open, at);
        }
      else if (!g_hash_table_contains (open, at))
        g_hash_table_insert (open, (gpointer) at, GUINT_TO_POINTER (e));
    }
  /* From each end left unpaired, then round what is left (rings). */
  for (guint pass = 0; pass < 2; pass++)
    for (guint e0 = 0; e0 < 2 * n; e0++)
      {
        guint e = e0, first;

        if (walked[e / 2] || (pass == 0 && partner[e] != G_MAXUINT) || (pass == 1 && e % 2 != 0))
          continue;
        first = wa_boxed_lines_begin (&lines->boxed);
        while (e != G_MAXUINT && !walked[e / 2])
          {
            const Piece *piece = &all[e / 2];
            guint n_line = lines->boxed.xy->len / 2 - first;   /* the line's points so far */
            WaMotorwayPiece record = { lines->boxed.lines->len, first + MAX (n_line, 1) - 1,
                                       piece->n, e % 2 != 0 };

            walked[e / 2] = TRUE;
            for (guint i = n_line > 0 ? 1 : 0; i < piece->n; i++)
              {
                guint k = piece->first + (record.reversed ? piece->n - 1 - i : i);

                wa_boxed_lines_add_point (&lines->boxed, xy[2 * k], xy[2 * k + 1]);
              }
            g_array_index (lines->pieces, WaMotorwayPiece, e / 2) = record;
            e = partner[e ^ 1];
          }
        wa_boxed_lines_end (&lines->boxed, FALSE);
      }
}

WaMotorwayLines *
wa_motorway_lines_new (GPtrArray *roads, const WaRoadStep *steps, guint n_steps, double zoom,
                       double tolerance_px)
{
  WaMotorwayLines *lines = g_new0 (WaMotorwayLines, 1);
  g_autoptr(GHashTable) chain_ends = g_hash_table_new (wa_point_hash, wa_point_equal);
  /* The chain being made, Mercator units (the points stay exactly as
   * wa_lonlat_to_mercator gives them), and which of its points to keep. */
  g_autoptr(GArray) px = g_array_new (FALSE, FALSE, 2 * sizeof (double));
  g_autoptr(GArray) pinned = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_autoptr(GArray) pieces_xy = g_array_new (FALSE, FALSE, 2 * sizeof (double));
  const double *start = NULL, *end = NULL;
  double tolerance = tolerance_px / (512.0 * exp2 (zoom));

  lines->tolerance = tolerance;
  wa_boxed_lines_init (&lines->boxed);
  lines->pieces = g_array_new (FALSE, FALSE, sizeof (WaMotorwayPiece));

  /* Where chains begin and end: where another chain passes such a point
   * (a junction), that chain keeps it, so that the lines still meet. */
  for (guint i = 0; i < n_steps; i++)
    {
      const WaRoad *road = g_ptr_array_index (roads, steps[i].road);

      if (!steps[i].continues)
        {
          g_hash_table_add (chain_ends, road->xy);
          if (i > 0)
            {
              const WaRoad *before = g_ptr_array_index (roads, steps[i - 1].road);

              g_hash_table_add (chain_ends, &before->xy[2 * (before->n_points - 1)]);
            }
        }
    }
  if (n_steps > 0)
    {
      const WaRoad *last = g_ptr_array_index (roads, steps[n_steps - 1].road);

      g_hash_table_add (chain_ends, &last->xy[2 * (last->n_points - 1)]);
    }

  for (guint i = 0; i < n_steps; i++)
    {
      const WaRoad *road = g_ptr_array_index (roads, steps[i].road);

      if (!steps[i].continues)
        {
          finish_piece (lines, px, pinned, tolerance, pieces, pieces_xy, start, end);
          start = road->xy;
        }
      end = &road->xy[2 * (road->n_points - 1)];
      for (guint k = steps[i].continues ? 1 : 0; k < road->n_points; k++)
        {
          double p[2];
          gboolean pin = (k == 0 || k == road->n_points - 1)
                         && g_hash_table_contains (chain_ends, &road->xy[2 * k]);

          wa_lonlat_to_mercator (road->xy[2 * k], road->xy[2 * k + 1], &p[0], &p[1]);
          g_array_append_val (px, p);
          g_array_append_val (pinned, pin);
        }
    }
  finish_piece (lines, px, pinned, tolerance, pieces, pieces_xy, start, end);
  g_array_set_size (lines->pieces, pieces->len);
  join_pieces (lines, pieces, pieces_xy);
  return lines;
}

void
wa_motorway_lines_free (WaMotorwayLines *lines)
{
  if (lines == NULL)
    return;
  wa_boxed_lines_clear (&lines->boxed);
  g_array_unref (lines->pieces);
  g_free (lines);
}

/* Arcs in 8 pieces per quarter circle: within 0.5 % of the radius (under
 * 0.02 device pixels for the widest casing), closer than cairo's own
 * round joins at the renderer's tolerance. */
#define COVER_QUADRANT_SEGMENTS 8

WaBoxedLines *
wa_motorway_cover_new (const WaMotorwayLines *lines, double radius)
{
  const WaBoxedLines *boxed = &lines->boxed;
  g_autofree guint *n_points = g_new (guint, MAX (boxed->lines->len, 1));
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  WaGeometry *geometry;
  WaBoxedLines *cover;

  for (guint l = 0; l < boxed->lines->len; l++)
    {
      const WaBoxedLine *line = &g_array_index (boxed->lines, WaBoxedLine, l);

      n_points[l] = line->n_points;
      g_array_append_vals (xy, &g_array_index (boxed->xy, double, 2 * line->first_point),
                           2 * line->n_points);
    }
  geometry = wa_geometry_new_lines_cover ((const double *) xy->data, n_points, boxed->lines->len,
                                          radius, COVER_QUADRANT_SEGMENTS, &error);
  if (geometry == NULL)
    {
      g_debug ("Motorway cover: %s", error->message);
      return NULL;
    }
  cover = g_new0 (WaBoxedLines, 1);
  wa_boxed_lines_init (cover);
  for (guint r = 0; r < wa_geometry_get_n_rings (geometry); r++)
    {
      guint n;
      const double *ring = wa_geometry_get_ring (geometry, r, &n);

      /* OGR repeats a ring's first point last; a boxed ring does not. */
      if (n > 1 && ring[0] == ring[2 * (n - 1)] && ring[1] == ring[2 * (n - 1) + 1])
        n--;
      wa_boxed_lines_begin (cover);
      for (guint i = 0; i < n; i++)
        wa_boxed_lines_add_point (cover, ring[2 * i], ring[2 * i + 1]);
      wa_boxed_lines_end (cover, TRUE);
    }
  wa_geometry_unref (geometry);
  return cover;
}

void
wa_motorway_cover_free (WaBoxedLines *cover)
{
  if (cover == NULL)
    return;
  wa_boxed_lines_clear (cover);
  g_free (cover);
}

void
wa_motorway_widths (double zoom, double line_scale, double *line, double *casing)
{
  double width = zoom < 9 ? 1.0 : zoom < 11 ? 1.6 : zoom < 13 ? 2.4 : 3.2;

  *line = width * line_scale;
  *casing = zoom >= 9 ? *line + 2.0 : 0;
}
