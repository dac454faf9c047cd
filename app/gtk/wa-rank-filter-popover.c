/* wa-rank-filter-popover.c
 *
 * The tick boxes are the truth: the filter's authorities are rebuilt from
 * them when one is unticked, since the filter has no remove. Each row
 * keeps its authority's folded name, so the search box filters rows with
 * the same folding as the app's search.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "wa-search.h"
#include "wa-rank-filter-popover.h"

struct _WaRankFilterPopover
{
  GtkPopover parent_instance;

  /* template children */
  GtkSearchEntry *lad_search;
  GtkListBox *lad_list;
  GtkButton *lad_clear_button;

  WaWardFilter *filter;   /* borrowed */
  WaAtlas *atlas;         /* whose authorities the rows are, once made */
  gboolean rows_made;
  char *summary;
  gboolean syncing;
};

G_DEFINE_FINAL_TYPE (WaRankFilterPopover, wa_rank_filter_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_SUMMARY,
  N_PROPS
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkCheckButton *
row_check (GtkWidget *row)
{
  return GTK_CHECK_BUTTON (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));
}

static void
update_summary (WaRankFilterPopover *self)
{
  guint n = self->filter != NULL ? wa_ward_filter_get_n_lads (self->filter) : 0;
  char *summary = NULL;

  if (n == 0)
    summary = g_strdup (_("All Authorities"));
  else if (n == 1)
    {
      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lad_list)); row != NULL;
           row = gtk_widget_get_next_sibling (row))
        if (gtk_check_button_get_active (row_check (row)))
          {
            g_free (summary);
            summary = g_strdup (gtk_check_button_get_label (row_check (row)));
          }
    }
  if (summary == NULL)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Authority", "%u Authorities", n), n);
  g_free (self->summary);
  self->summary = summary;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static void
on_lad_toggled (WaRankFilterPopover *self, GtkCheckButton *check)
{
  const char *code = g_object_get_data (G_OBJECT (check), "lad-code");

  if (self->syncing || self->filter == NULL)
    return;
  if (gtk_check_button_get_active (check))
    wa_ward_filter_add_lad (self->filter, code);
  else
    {
      wa_ward_filter_clear_lads (self->filter);
      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lad_list)); row != NULL;
           row = gtk_widget_get_next_sibling (row))
        if (gtk_check_button_get_active (row_check (row)))
          wa_ward_filter_add_lad (self->filter, g_object_get_data (G_OBJECT (row_check (row)), "lad-code"));
    }
  update_summary (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
wa_rank_filter_popover_clear (WaRankFilterPopover *self)
{
  g_return_if_fail (WA_IS_RANK_FILTER_POPOVER (self));

  self->syncing = TRUE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lad_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    gtk_check_button_set_active (row_check (row), FALSE);
  self->syncing = FALSE;
  if (self->filter != NULL)
    wa_ward_filter_clear_lads (self->filter);
  update_summary (self);
}

static void
on_clear_clicked (WaRankFilterPopover *self, GtkButton *button)
{
  wa_rank_filter_popover_clear (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static gboolean
lad_row_visible (GtkListBoxRow *row, gpointer data)
{
  WaRankFilterPopover *self = data;
  g_autofree char *wanted = wa_search_fold (gtk_editable_get_text (GTK_EDITABLE (self->lad_search)));
  const char *folded = g_object_get_data (G_OBJECT (row), "folded");

  return *wanted == '\0' || strstr (folded, wanted) != NULL;
}

static void
on_lad_search_changed (WaRankFilterPopover *self, GtkSearchEntry *entry)
{
  gtk_list_box_invalidate_filter (self->lad_list);
}

static int
compare_area_names (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate ((*(WaArea **) a)->name, (*(WaArea **) b)->name);
}

/* One tick box per authority of the atlas, sorted by name. */
static void
make_rows (WaRankFilterPopover *self)
{
  g_autoptr(GPtrArray) lads = g_ptr_array_new ();

  self->rows_made = TRUE;
  if (self->atlas == NULL)
    return;
  g_ptr_array_extend (lads, wa_atlas_get_areas (self->atlas, WA_AREA_LAD), NULL, NULL);
  g_ptr_array_sort (lads, compare_area_names);
  for (guint i = 0; i < lads->len; i++)
    {
      const WaArea *lad = lads->pdata[i];
      GtkWidget *check = gtk_check_button_new_with_label (lad->name);
      GtkWidget *row;

      g_object_set_data_full (G_OBJECT (check), "lad-code", g_strdup (lad->code), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_lad_toggled), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->lad_list, check);
      /* One Tab stop per council, the check box: the row around it would
       * be a second, unnamed one. */
      gtk_widget_set_focusable (gtk_widget_get_parent (check), FALSE);
      row = gtk_widget_get_last_child (GTK_WIDGET (self->lad_list));
      g_object_set_data_full (G_OBJECT (row), "folded", wa_search_fold (lad->name), g_free);
    }
}

void
wa_rank_filter_popover_set_atlas (WaRankFilterPopover *self, WaAtlas *atlas)
{
  GtkWidget *child;

  g_return_if_fail (WA_IS_RANK_FILTER_POPOVER (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lad_list))) != NULL)
    gtk_list_box_remove (self->lad_list, child);
  if (self->filter != NULL)
    wa_ward_filter_clear_lads (self->filter);
  update_summary (self);
  g_set_object (&self->atlas, atlas);
  self->rows_made = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    make_rows (self);
}

static void
wa_rank_filter_popover_map (GtkWidget *widget)
{
  WaRankFilterPopover *self = WA_RANK_FILTER_POPOVER (widget);

  if (!self->rows_made)
    make_rows (self);
  GTK_WIDGET_CLASS (wa_rank_filter_popover_parent_class)->map (widget);
}

void
wa_rank_filter_popover_set_filter (WaRankFilterPopover *self, WaWardFilter *filter)
{
  g_return_if_fail (WA_IS_RANK_FILTER_POPOVER (self));
  self->filter = filter;
}

const char *
wa_rank_filter_popover_get_summary (WaRankFilterPopover *self)
{
  g_return_val_if_fail (WA_IS_RANK_FILTER_POPOVER (self), NULL);
  return self->summary;
}

static void
wa_rank_filter_popover_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  WaRankFilterPopover *self = WA_RANK_FILTER_POPOVER (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wa_rank_filter_popover_dispose (GObject *object)
{
  WaRankFilterPopover *self = WA_RANK_FILTER_POPOVER (object);

  self->filter = NULL;
  g_clear_object (&self->atlas);
  gtk_widget_dispose_template (GTK_WIDGET (self), WA_TYPE_RANK_FILTER_POPOVER);
  G_OBJECT_CLASS (wa_rank_filter_popover_parent_class)->dispose (object);
}

static void
wa_rank_filter_popover_finalize (GObject *object)
{
  WaRankFilterPopover *self = WA_RANK_FILTER_POPOVER (object);

  g_free (self->summary);
  G_OBJECT_CLASS (wa_rank_filter_popover_parent_class)->finalize (object);
}

static void
wa_rank_filter_popover_class_init (WaRankFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = wa_rank_filter_popover_get_property;
  object_class->dispose = wa_rank_filter_popover_dispose;
  object_class->finalize = wa_rank_filter_popover_finalize;
  widget_class->map = wa_rank_filter_popover_map;

  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wardatlas/WardAtlas/wa-rank-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, WaRankFilterPopover, lad_search);
  gtk_widget_class_bind_template_child (widget_class, WaRankFilterPopover, lad_list);
  gtk_widget_class_bind_template_child (widget_class, WaRankFilterPopover, lad_clear_button);
}

static void
wa_rank_filter_popover_init (WaRankFilterPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->summary = g_strdup (_("All Authorities"));
  gtk_list_box_set_filter_func (self->lad_list, lad_row_visible, self, NULL);
  g_signal_connect_object (self->lad_search, "search-changed", G_CALLBACK (on_lad_search_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lad_clear_button, "clicked", G_CALLBACK (on_clear_clicked), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
wa_rank_filter_popover_new (void)
{
  return g_object_new (WA_TYPE_RANK_FILTER_POPOVER, NULL);
}
