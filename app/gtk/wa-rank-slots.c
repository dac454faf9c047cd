/* wa-rank-slots.c
 *
 * GTK 4.8's list view keeps about 200 rows of 13 cells: it builds a row
 * (0.4 ms here) for each slot added within them and tears one down (0.2
 * ms) for each slot that leaves, 45 ms when a filter takes the table from
 * hundreds of wards to a few. So a new filter fills the slots there are
 * at once, blanks the surplus and adds at most a screenful; the slots
 * settle to the shown wards from the end, in idle slices of a few
 * milliseconds after the new rows have been painted.
 */
#include <time.h>

#include "wa-rank-row.h"
#include "wa-rank-slots.h"

#define SETTLE_BUDGET_MS 3.0
#define SETTLE_STEP 8
#define ROW_HEIGHT_MIN 20      /* px: no row of the table is shorter */
#define SLOTS_WITH_ROWS 256   /* past GTK's 200 rows: slots cost no widgets */

struct _WaRankSlots
{
  GtkWidget *owner;
  GtkColumnView *view;
  GListStore *rows;
  GPtrArray *wards;          /* WaWard*, borrowed, in shown order */
  gboolean changing;
  guint settle_idle_id;
  GdkFrameClock *settle_clock; /* waits for the frame that shows the new rows */
  gulong settle_paint_id;
  double settle_slice_max;   /* longest settling slice, main-thread CPU ms */
};

/* Main-thread CPU time: on a busy machine, wall time would count the
 * other processes too. */
static double
thread_cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

static guint
n_slots_of (WaRankSlots *slots)
{
  return g_list_model_get_n_items (G_LIST_MODEL (slots->rows));
}

static void
add_slots (WaRankSlots *slots, guint n_slots, guint target)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = n_slots; i < target; i++)
    {
      WaRankRow *row = wa_rank_row_new ();

      wa_rank_row_set_ward (row, g_ptr_array_index (slots->wards, i), FALSE);
      g_ptr_array_add (added, row);
    }
  g_list_store_splice (slots->rows, n_slots, 0, added->pdata, added->len);
}

/* One step towards the shown wards; returns the new number of slots. */
static guint
settle_step (WaRankSlots *slots, guint n_slots)
{
  guint n = slots->wards->len;

  if (n_slots > n)
    {
      guint step = MIN (SETTLE_STEP, n_slots - n);

      g_list_store_splice (slots->rows, n_slots - step, step, NULL, 0);
      return n_slots - step;
    }
  if (n_slots < n)
    {
      guint target = n_slots >= SLOTS_WITH_ROWS ? n : MIN (n, n_slots + SETTLE_STEP);

      add_slots (slots, n_slots, target);
      return target;
    }
  return n_slots;
}

static gboolean
settle_idle (gpointer data)
{
  WaRankSlots *slots = data;
  double start = thread_cpu_ms ();
  guint n_slots = n_slots_of (slots);

  slots->changing = TRUE;
  while (n_slots != slots->wards->len && thread_cpu_ms () - start < SETTLE_BUDGET_MS)
    n_slots = settle_step (slots, n_slots);
  slots->changing = FALSE;
  slots->settle_slice_max = MAX (slots->settle_slice_max, thread_cpu_ms () - start);
  if (n_slots != slots->wards->len)
    return G_SOURCE_CONTINUE;
  slots->settle_idle_id = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_waiting_for_paint (WaRankSlots *slots)
{
  /* A window closed while rows settle has disposed its frame clock, and
   * with it every handler: ours is gone already. */
  if (slots->settle_clock != NULL
      && g_signal_handler_is_connected (slots->settle_clock, slots->settle_paint_id))
    g_signal_handler_disconnect (slots->settle_clock, slots->settle_paint_id);
  slots->settle_paint_id = 0;
  g_clear_object (&slots->settle_clock);
}

static void
start_settling (WaRankSlots *slots)
{
  stop_waiting_for_paint (slots);
  if (slots->settle_idle_id == 0)
    slots->settle_idle_id = g_idle_add_full (G_PRIORITY_LOW, settle_idle, slots, NULL);
}

/* Idle sources run while the frame clock waits for the next frame; the
 * first slice must not delay the frame with the new rows. */
static void
queue_settle (WaRankSlots *slots)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (slots->owner);

  if (slots->settle_idle_id != 0 || slots->settle_clock != NULL)
    return;
  if (clock == NULL)
    {
      start_settling (slots);
      return;
    }
  slots->settle_clock = g_object_ref (clock);
  slots->settle_paint_id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (start_settling), slots);
}

GtkWidget *
wa_rank_slots_get_list_view (WaRankSlots *slots)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (slots->view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

/* Slots for the rows the list's height shows; the rest can follow. Before
 * the list has a height (the table opening), the window's is the bound. */
static guint
slots_on_screen (WaRankSlots *slots)
{
  GtkWidget *list_view = wa_rank_slots_get_list_view (slots);
  GtkRoot *root = gtk_widget_get_root (slots->owner);
  int height = list_view != NULL ? gtk_widget_get_height (list_view) : 0;

  /* A slice may run after the table left its window (the window closing
   * under load, CI's widget tests): then it has no height at all. */
  if (height <= 0 && root != NULL)
    height = gtk_widget_get_height (GTK_WIDGET (root));
  return MAX (8, height / ROW_HEIGHT_MIN + 1);
}

void
wa_rank_slots_fill (WaRankSlots *slots)
{
  guint n_slots = n_slots_of (slots);

  if (n_slots < slots->wards->len)
    {
      slots->changing = TRUE;
      add_slots (slots, n_slots, slots->wards->len);
      slots->changing = FALSE;
    }
}

/* Only slots that change notify, and only bound (visible) cells listen. */
void
wa_rank_slots_sync (WaRankSlots *slots, gboolean force)
{
  guint n_slots = n_slots_of (slots);
  guint at_once = MIN (slots->wards->len, MAX (n_slots, slots_on_screen (slots)));

  slots->changing = TRUE;
  for (guint i = 0; i < n_slots; i++)
    {
      g_autoptr(WaRankRow) row = g_list_model_get_item (G_LIST_MODEL (slots->rows), i);

      wa_rank_row_set_ward (row, i < slots->wards->len ? g_ptr_array_index (slots->wards, i) : NULL,
                            force);
    }
  if (n_slots < at_once)
    add_slots (slots, n_slots, at_once);
  if (MAX (n_slots, at_once) != slots->wards->len)
    queue_settle (slots);
  slots->changing = FALSE;
}

void
wa_rank_slots_set_wards (WaRankSlots *slots, GPtrArray *wards)
{
  g_ptr_array_unref (slots->wards);
  slots->wards = g_ptr_array_ref (wards);
}

GListModel *
wa_rank_slots_get_model (WaRankSlots *slots)
{
  return G_LIST_MODEL (slots->rows);
}

gboolean
wa_rank_slots_is_changing (WaRankSlots *slots)
{
  return slots->changing;
}

gboolean
wa_rank_slots_is_settling (WaRankSlots *slots)
{
  return slots->settle_idle_id != 0 || slots->settle_clock != NULL;
}

double
wa_rank_slots_get_slice_max (WaRankSlots *slots)
{
  return slots->settle_slice_max;
}

WaRankSlots *
wa_rank_slots_new (GtkWidget *owner, GtkColumnView *view)
{
  WaRankSlots *slots = g_new0 (WaRankSlots, 1);

  slots->owner = owner;
  slots->view = view;
  slots->rows = g_list_store_new (WA_TYPE_RANK_ROW);
  slots->wards = g_ptr_array_new ();
  return slots;
}

void
wa_rank_slots_free (WaRankSlots *slots)
{
  g_clear_handle_id (&slots->settle_idle_id, g_source_remove);
  stop_waiting_for_paint (slots);
  g_object_unref (slots->rows);
  g_ptr_array_unref (slots->wards);
  g_free (slots);
}
