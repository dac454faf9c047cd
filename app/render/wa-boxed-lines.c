/* wa-boxed-lines.c: see wa-boxed-lines.h. */
#include "wa-boxed-lines.h"

void
wa_boxed_lines_init (WaBoxedLines *lines)
{
  lines->xy = g_array_new (FALSE, FALSE, sizeof (double));
  lines->lines = g_array_new (FALSE, FALSE, sizeof (WaBoxedLine));
  lines->runs = g_array_new (FALSE, FALSE, sizeof (WaBBox));
  lines->begun = 0;
}

void
wa_boxed_lines_clear (WaBoxedLines *lines)
{
  g_clear_pointer (&lines->xy, g_array_unref);
  g_clear_pointer (&lines->lines, g_array_unref);
  g_clear_pointer (&lines->runs, g_array_unref);
}

guint
wa_boxed_lines_begin (WaBoxedLines *lines)
{
  lines->begun = lines->xy->len / 2;
  return lines->begun;
}

void
wa_boxed_lines_add_point (WaBoxedLines *lines, double x, double y)
{
  double xy[2] = { x, y };

  g_array_append_vals (lines->xy, xy, 2);
}

static void
bbox_add (WaBBox *box, const double *p)
{
  WaBBox point = { p[0], p[1], p[0], p[1] };

  wa_bbox_extend (box, &point);
}

void
wa_boxed_lines_end (WaBoxedLines *lines, gboolean closed)
{
  WaBoxedLine line = { .first_point = lines->begun, .first_run = lines->runs->len,
                       .closed = closed };
  const double *xy;
  guint n_seg;

  line.n_points = lines->xy->len / 2 - lines->begun;
  if (line.n_points < (closed ? 3u : 2u))
    {
      g_array_set_size (lines->xy, 2 * lines->begun);
      return;
    }
  n_seg = closed ? line.n_points : line.n_points - 1;
  xy = &g_array_index (lines->xy, double, 2 * lines->begun);
  line.box = (WaBBox) { xy[0], xy[1], xy[0], xy[1] };
  for (guint k = 0; k * WA_BOXED_LINES_RUN < n_seg; k++)
    {
      guint end = MIN ((k + 1) * WA_BOXED_LINES_RUN, n_seg);
      const double *first = &xy[2 * k * WA_BOXED_LINES_RUN];
      WaBBox run = { first[0], first[1], first[0], first[1] };

      /* Point n_points is a ring's point 0 again. */
      for (guint i = k * WA_BOXED_LINES_RUN + 1; i <= end; i++)
        bbox_add (&run, &xy[2 * (i < line.n_points ? i : 0)]);
      wa_bbox_extend (&line.box, &run);
      g_array_append_val (lines->runs, run);
    }
  g_array_append_val (lines->lines, line);
}
