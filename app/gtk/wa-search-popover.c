/* wa-search-popover.c
 *
 * Focus never leaves the entry: the popover does not autohide (so it
 * takes no grab) and its rows cannot be focused; the entry's key
 * controller moves the highlighted row instead. GtkSearchEntry cannot be
 * subclassed to present the popover on each allocation, so the popover is
 * presented whenever its contents change and closed when the entry loses
 * focus.
 */
#include <glib/gi18n.h>

#include "wa-custom-area.h"
#include "wa-search-popover.h"

#define MAX_RESULTS 12

struct _WaSearchPopover
{
  GtkPopover parent_instance;

  GtkStack *stack;
  GtkListBox *list;
  GtkLabel *empty_title;
  GtkLabel *empty_description;
  char *hint;                 /* the empty page's usual description */

  GtkSearchEntry *entry;
  WaAtlas *atlas;
  GPtrArray *custom_areas;   /* WaCustomArea*, the user's saved areas, or NULL */
  GPtrArray *results;      /* WaSearchResult* */
  guint focus_timeout_id;
  gboolean index_cold;            /* the atlas's index is not built nor being built */
  gboolean setting_text;
};

G_DEFINE_FINAL_TYPE (WaSearchPopover, wa_search_popover, GTK_TYPE_POPOVER)

enum {
  SIGNAL_RESULT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
kind_icon (const WaSearchResult *r)
{
  switch (r->kind)
    {
    case WA_SEARCH_POSTCODE: return "mark-location-symbolic";
    case WA_SEARCH_POSTCODE_DISTRICT: return "mail-send-symbolic";
    case WA_SEARCH_WARD: return "find-location-symbolic";
    case WA_SEARCH_LAD: return "view-grid-symbolic";
    case WA_SEARCH_CUSTOM_AREA: return "starred-symbolic";
    case WA_SEARCH_PLACE:
    default: return "go-home-symbolic";
    }
}

static GtkWidget *
make_row (const WaSearchResult *r)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (kind_icon (r));
  GtkWidget *title = gtk_label_new (r->title);
  GtkWidget *context = gtk_label_new (r->context);
  g_autofree char *accessible = g_strdup_printf ("%s, %s", r->title, r->context);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (context), 0);
  gtk_label_set_ellipsize (GTK_LABEL (context), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (context, "dim-label");
  gtk_widget_add_css_class (context, "caption");
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), context);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_focusable (row, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

static void
clear_rows (WaSearchPopover *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->results, 0);
}

static void
show_popover (WaSearchPopover *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    gtk_popover_popup (GTK_POPOVER (self));
  else
    gtk_popover_present (GTK_POPOVER (self));
  /* Showing may move focus into the popover; typing stays in the entry. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self->entry))
      && !gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self->entry))),
                                  GTK_WIDGET (self->entry)))
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/* A damaged pack is said in the popover, where the answer would have been
 * (the message names the file and says to run verify). */
static void
show_damage (WaSearchPopover *self, const char *message)
{
  gtk_label_set_text (self->empty_title, _("The Pack Is Damaged"));
  gtk_label_set_text (self->empty_description, message);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  show_popover (self);
}

static void
update (WaSearchPopover *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  clear_rows (self);
  if (self->atlas == NULL || *trimmed == '\0')
    {
      gtk_popover_popdown (GTK_POPOVER (self));
      return;
    }
  /* The user's own areas first: a name they gave is what they look for. */
  results = wa_custom_areas_search (self->custom_areas, text, MAX_RESULTS);
  self->index_cold = FALSE;   /* built here if not yet */
  {
    g_autoptr(GPtrArray) found = wa_search_query_checked (wa_search_get_for_atlas (self->atlas), text,
                                                          MAX_RESULTS - results->len, &error);

    if (found == NULL)
      {
        show_damage (self, error->message);
        return;
      }
    g_ptr_array_extend_and_steal (results, g_steal_pointer (&found));
  }
  for (guint i = 0; i < results->len; i++)
    {
      gtk_list_box_append (self->list, make_row (g_ptr_array_index (results, i)));
      g_ptr_array_add (self->results, g_ptr_array_index (results, i));
    }
  /* The popover's array owns them now. */
  g_ptr_array_set_free_func (results, NULL);
  if (self->results->len > 0)
    {
      gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, 0));
      gtk_stack_set_visible_child_name (self->stack, "results");
    }
  else
    {
      g_autofree char *title = g_strdup_printf (_("No Results for “%s”"), text);

      gtk_label_set_text (self->empty_title, title);
      gtk_label_set_text (self->empty_description, self->hint);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  show_popover (self);
}

static void
on_text_changed (WaSearchPopover *self, GtkEditable *editable)
{
  if (!self->setting_text)
    update (self);
}

static void
activate_index (WaSearchPopover *self, int index)
{
  const WaSearchResult *r;
  g_autofree char *title = NULL;

  if (index < 0 || (guint) index >= self->results->len)
    return;
  r = g_ptr_array_index (self->results, index);
  title = g_strdup (r->title);
  gtk_popover_popdown (GTK_POPOVER (self));
  /* Show what was chosen without searching again. */
  self->setting_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), title);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  self->setting_text = FALSE;
  g_signal_emit (self, signals[SIGNAL_RESULT_ACTIVATED], 0, r);
}

int
wa_search_popover_get_selected (WaSearchPopover *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (WA_IS_SEARCH_POPOVER (self), -1);
  row = gtk_list_box_get_selected_row (self->list);
  return row != NULL ? gtk_list_box_row_get_index (row) : -1;
}

static void
on_entry_activate (WaSearchPopover *self, GtkSearchEntry *entry)
{
  int index;

  /* Enter straight after typing: the popover may not be up yet. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    update (self);
  index = wa_search_popover_get_selected (self);
  activate_index (self, index >= 0 ? index : 0);
}

static void
on_stop_search (WaSearchPopover *self, GtkSearchEntry *entry)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    gtk_popover_popdown (GTK_POPOVER (self));
  else
    gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

static void
on_row_activated (WaSearchPopover *self, GtkListBoxRow *row, GtkListBox *list)
{
  activate_index (self, gtk_list_box_row_get_index (row));
}

/* Rows cannot take focus, so the list does not scroll to them by itself. */
static void
scroll_to_row (WaSearchPopover *self, GtkListBoxRow *row)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->list), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = scrolled != NULL
    ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
  graphene_rect_t bounds;

  if (adjustment == NULL
      || !gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->list), &bounds))
    return;
  if (bounds.origin.y < gtk_adjustment_get_value (adjustment))
    gtk_adjustment_set_value (adjustment, bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height
           > gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment))
    gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height
                                          - gtk_adjustment_get_page_size (adjustment));
}

static void
move_selection (WaSearchPopover *self, int delta)
{
  int n = (int) self->results->len;
  int index = wa_search_popover_get_selected (self);
  GtkListBoxRow *row;

  if (n == 0)
    return;
  index = index < 0 ? (delta > 0 ? 0 : n - 1) : CLAMP (index + delta, 0, n - 1);
  row = gtk_list_box_get_row_at_index (self->list, index);
  gtk_list_box_select_row (self->list, row);
  scroll_to_row (self, row);
}

static gboolean
on_key_pressed (WaSearchPopover *self, guint keyval, guint keycode, GdkModifierType state,
                GtkEventControllerKey *controller)
{
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!gtk_widget_get_visible (GTK_WIDGET (self)))
        update (self);
      else
        move_selection (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, -1);
      return gtk_widget_get_visible (GTK_WIDGET (self));
    case GDK_KEY_Page_Down:
      move_selection (self, 5);
      return gtk_widget_get_visible (GTK_WIDGET (self));
    case GDK_KEY_Page_Up:
      move_selection (self, -5);
      return gtk_widget_get_visible (GTK_WIDGET (self));
    default:
      return FALSE;
    }
}

static gboolean
check_focus_timeout (gpointer data)
{
  WaSearchPopover *self = data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->entry));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  self->focus_timeout_id = 0;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->entry)))
    gtk_popover_popdown (GTK_POPOVER (self));
  return G_SOURCE_REMOVE;
}

/* Decided a moment later: a click on a result must still reach it. */
static void
on_focus_leave (WaSearchPopover *self, GtkEventControllerFocus *controller)
{
  g_clear_handle_id (&self->focus_timeout_id, g_source_remove);
  self->focus_timeout_id = g_timeout_add (200, check_focus_timeout, self);
}

/* The index takes tens of milliseconds to build: warm it in a worker so
 * that the first keystroke does not wait. The atlas is read-only there. */
static void
warm_index_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  g_task_return_pointer (task, wa_search_new_unattached (data), g_object_unref);
}

static void
warm_index_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(WaSearch) search = g_task_propagate_pointer (G_TASK (result), NULL);

  /* The task still holds the atlas, so the unattached search is valid. */
  wa_search_attach (search);
}

/* Called once the window has drawn its first map: warming the index
 * earlier took a core from the first view's tiles. */
void
wa_search_popover_warm (WaSearchPopover *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WA_IS_SEARCH_POPOVER (self));

  if (!self->index_cold)
    return;
  self->index_cold = FALSE;
  task = g_task_new (NULL, NULL, warm_index_done, NULL);
  g_task_set_task_data (task, g_object_ref (self->atlas), g_object_unref);
  g_task_run_in_thread (task, warm_index_thread);
}

void
wa_search_popover_set_custom_areas (WaSearchPopover *self, GPtrArray *areas)
{
  g_return_if_fail (WA_IS_SEARCH_POPOVER (self));

  if (areas != NULL)
    g_ptr_array_ref (areas);
  g_clear_pointer (&self->custom_areas, g_ptr_array_unref);
  self->custom_areas = areas;
}

void
wa_search_popover_set_atlas (WaSearchPopover *self, WaAtlas *atlas)
{
  g_return_if_fail (WA_IS_SEARCH_POPOVER (self));

  if (!g_set_object (&self->atlas, atlas))
    return;
  /* Built on the first keystroke, or warmed (wa_search_popover_warm). */
  self->index_cold = atlas != NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->entry), atlas != NULL);
  /* Results point into the old atlas's wards. */
  clear_rows (self);
  gtk_popover_popdown (GTK_POPOVER (self));
}

guint
wa_search_popover_get_n_results (WaSearchPopover *self)
{
  g_return_val_if_fail (WA_IS_SEARCH_POPOVER (self), 0);
  return self->results->len;
}

const WaSearchResult *
wa_search_popover_get_result (WaSearchPopover *self, guint index)
{
  g_return_val_if_fail (WA_IS_SEARCH_POPOVER (self), NULL);
  return index < self->results->len ? g_ptr_array_index (self->results, index) : NULL;
}

static void
wa_search_popover_dispose (GObject *object)
{
  WaSearchPopover *self = WA_SEARCH_POPOVER (object);

  g_clear_handle_id (&self->focus_timeout_id, g_source_remove);
  g_clear_object (&self->atlas);
  g_clear_pointer (&self->custom_areas, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_SEARCH_POPOVER);
  G_OBJECT_CLASS (wa_search_popover_parent_class)->dispose (object);
}

static void
wa_search_popover_finalize (GObject *object)
{
  WaSearchPopover *self = WA_SEARCH_POPOVER (object);

  g_ptr_array_unref (self->results);
  g_free (self->hint);
  G_OBJECT_CLASS (wa_search_popover_parent_class)->finalize (object);
}

static void
wa_search_popover_class_init (WaSearchPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wa_search_popover_dispose;
  object_class->finalize = wa_search_popover_finalize;

  signals[SIGNAL_RESULT_ACTIVATED] = g_signal_new ("result-activated", G_TYPE_FROM_CLASS (klass),
                                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                   G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-search-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, WaSearchPopover, stack);
  gtk_widget_class_bind_template_child (widget_class, WaSearchPopover, list);
  gtk_widget_class_bind_template_child (widget_class, WaSearchPopover, empty_title);
  gtk_widget_class_bind_template_child (widget_class, WaSearchPopover, empty_description);
}

static void
wa_search_popover_init (WaSearchPopover *self)
{
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) wa_search_result_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->hint = g_strdup (gtk_label_get_text (self->empty_description));
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated), self,
                           G_CONNECT_SWAPPED);
}

WaSearchPopover *
wa_search_popover_new (GtkSearchEntry *entry)
{
  WaSearchPopover *self = g_object_new (WA_TYPE_SEARCH_POPOVER, NULL);
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->entry = entry;
  gtk_widget_set_parent (GTK_WIDGET (self), GTK_WIDGET (entry));
  gtk_widget_set_sensitive (GTK_WIDGET (entry), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search places, postcodes and wards"), -1);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_text_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "activate", G_CALLBACK (on_entry_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "stop-search", G_CALLBACK (on_stop_search), self, G_CONNECT_SWAPPED);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (entry), keys);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_leave), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (entry), focus);
  return self;
}
