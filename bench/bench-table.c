/* bench-table.c
 *
 * Each step is timed from the call that starts it to the frame clock's
 * next "after-paint", the frame that shows it. A step starts 0.4 s after
 * the last, as a person's pause between two actions would.
 */
#include <stdio.h>

#include "wa-rank-table-private.h"
#include "bench-clock.h"
#include "bench-table.h"

typedef struct {
  WaRankTable *table;
  GtkWidget *window;
  GCallback done;
  gpointer data;
  guint step;
  gint64 start;
  double cpu_start;     /* main thread CPU ms: apart from other processes */
  gulong paint_id;
  gboolean waiting;     /* a step has started and not yet painted */
} Measure;

/* Each filter step grows or shrinks the list past the ~200 rows GTK
 * keeps: 7,461 -> 225 -> 0 -> 149 -> 7,461 -> 1 wards. */
static const char *const measure_keys[] = { "table-open-ms", "table-sort-ms", "table-filter-ms", "table-text-ms",
                                            "table-unfilter-ms", "table-clear-ms", "table-name-ms" };

static void
measure_step (Measure *m)
{
  m->start = g_get_monotonic_time ();
  m->cpu_start = cpu_ms ();
  switch (m->step)
    {
    case 0: gtk_widget_activate_action (m->window, "win.toggle-table", NULL); break;
    case 1: wa_rank_table_sort_by (m->table, WA_WARD_COLUMN_IMD_RANK, TRUE); break;
    case 2: wa_rank_table_set_left_behind_only (m->table, TRUE); break;
    case 3: wa_rank_table_set_text (m->table, "ham"); break;
    case 4: wa_rank_table_set_left_behind_only (m->table, FALSE); break;
    case 5: wa_rank_table_set_text (m->table, ""); break;
    default: wa_rank_table_set_text (m->table, "becontree"); break;
    }
  m->waiting = TRUE;
  gtk_widget_queue_draw (m->window);
}

static gboolean
measure_next_idle (gpointer data)
{
  measure_step (data);
  return G_SOURCE_REMOVE;
}

/* The slots settle after a filter's frame: report the longest of those
 * idle slices too, since the user may be typing meanwhile. */
static gboolean
measure_finish_timeout (gpointer data)
{
  Measure *m = data;

  if (wa_rank_table_is_settling (m->table))
    return G_SOURCE_CONTINUE;
  printf ("table-settle-slice-ms cpu %.1f\n", wa_rank_table_get_settle_slice_max (m->table));
  fflush (stdout);
  ((void (*) (gpointer)) m->done) (m->data);
  g_free (m);
  return G_SOURCE_REMOVE;
}

static void
on_measure_painted (GdkFrameClock *clock, Measure *m)
{
  if (!m->waiting)
    return;
  m->waiting = FALSE;
  printf ("%s %.1f cpu %.1f\n", measure_keys[m->step], (g_get_monotonic_time () - m->start) / 1000.0,
          cpu_ms () - m->cpu_start);
  fflush (stdout);
  if (++m->step < G_N_ELEMENTS (measure_keys))
    {
      /* The map that the opening table resized fetches its tiles
       * meanwhile, as it would. */
      g_timeout_add (400, measure_next_idle, m);
      return;
    }
  g_signal_handler_disconnect (clock, m->paint_id);
  g_timeout_add (20, measure_finish_timeout, m);
}

/* A user opens the table some time after the map appears: start once the
 * idle-time preparation has finished, as it would have by then. */
static gboolean
measure_start_timeout (gpointer data)
{
  Measure *m = data;

  if (wa_rank_table_is_preparing (m->table))
    return G_SOURCE_CONTINUE;
  measure_step (m);
  return G_SOURCE_REMOVE;
}

void
bench_table_measure (WaRankTable *table, GtkWidget *window, GCallback done, gpointer data)
{
  Measure *m = g_new0 (Measure, 1);

  m->table = table;
  m->window = window;
  m->done = done;
  m->data = data;
  m->paint_id = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                                  G_CALLBACK (on_measure_painted), m);
  g_timeout_add (50, measure_start_timeout, m);
}
