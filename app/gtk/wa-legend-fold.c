/* wa-legend-fold.c */
#include "wa-legend-fold.h"

static void
on_expanded (WaLegendFold *fold)
{
  gboolean expanded = gtk_expander_get_expanded (fold->expander);

  gtk_widget_set_visible (fold->title, expanded);
  gtk_widget_set_visible (fold->key, !expanded);
  /* Opening a legend on a small map is a request for now, not a new
   * default for every map. */
  if (!fold->updating && !fold->compact)
    g_settings_set_boolean (fold->settings, "legend-expanded", expanded);
}

static void
set_expanded (WaLegendFold *fold, gboolean expanded)
{
  fold->updating = TRUE;
  gtk_expander_set_expanded (fold->expander, expanded);
  fold->updating = FALSE;
}

void
wa_legend_fold_init (WaLegendFold *fold, GtkExpander *expander, GtkWidget *title, GtkWidget *key)
{
  fold->expander = expander;
  fold->title = title;
  fold->key = key;
  fold->settings = g_settings_new (WA_APP_ID);
  fold->compact = FALSE;
  g_signal_connect_swapped (expander, "notify::expanded", G_CALLBACK (on_expanded), fold);
  set_expanded (fold, g_settings_get_boolean (fold->settings, "legend-expanded"));
  on_expanded (fold);
}

void
wa_legend_fold_clear (WaLegendFold *fold)
{
  if (fold->expander != NULL)
    g_signal_handlers_disconnect_by_data (fold->expander, fold);
  fold->expander = NULL;
  g_clear_object (&fold->settings);
}

void
wa_legend_fold_set_compact (WaLegendFold *fold, gboolean compact)
{
  compact = !!compact;
  if (fold->compact == compact)
    return;
  fold->compact = compact;
  set_expanded (fold, !compact && g_settings_get_boolean (fold->settings, "legend-expanded"));
}
