/* wa-rank-slots.h: the ranking table's rows: a list of WaRankRow slots
 * that follows the shown wards without making GTK build or tear down more
 * row widgets in one frame than a screenful. The table puts its shown
 * wards here; the slots settle to them in idle time. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _WaRankSlots WaRankSlots;

/* owner: the widget whose frame clock and window bound the work; view:
 * the column view that shows the slots. Both borrowed. */
WaRankSlots *wa_rank_slots_new (GtkWidget *owner, GtkColumnView *view);
/* Stops the idle work and frees the slots (the list lives on while
 * referenced). */
void         wa_rank_slots_free (WaRankSlots *slots);
/* WaRankRow items. */
GListModel  *wa_rank_slots_get_model (WaRankSlots *slots);
/* The column view's inner list view, once it has one. */
GtkWidget   *wa_rank_slots_get_list_view (WaRankSlots *slots);

/* The wards the slots are to hold (WaWard*, kept until the next call). */
void         wa_rank_slots_set_wards (WaRankSlots *slots, GPtrArray *wards);
/* Puts the wards into the slots there are (all of them when force, else
 * only slots whose ward changes notify), adds at least a screenful, and
 * settles the rest after the next frame. */
void         wa_rank_slots_sync (WaRankSlots *slots, gboolean force);
/* Adds every slot still missing at once, for a selection beyond them. */
void         wa_rank_slots_fill (WaRankSlots *slots);
/* Whether the slots are changing the list now: a change of selection
 * then is not the user's. */
gboolean     wa_rank_slots_is_changing (WaRankSlots *slots);
/* Whether slots are still to settle, and the longest settling slice so
 * far (main-thread CPU milliseconds). */
gboolean     wa_rank_slots_is_settling (WaRankSlots *slots);
double       wa_rank_slots_get_slice_max (WaRankSlots *slots);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaRankSlots, wa_rank_slots_free)

G_END_DECLS
