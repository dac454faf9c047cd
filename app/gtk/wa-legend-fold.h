/* wa-legend-fold.h: the open or folded state the map's legends share (the
 * bands' legend and the change view's). Open, the title heads the rows;
 * folded, the one-line key stands in for them. Whether a legend is open is
 * the user's choice, kept in the "legend-expanded" setting; a small map
 * folds it for now without changing that choice. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct {
  GtkExpander *expander;    /* the legend's template children, borrowed */
  GtkWidget *title;
  GtkWidget *key;
  GSettings *settings;
  gboolean compact;
  gboolean updating;        /* our own fold or unfold, not the user's */
} WaLegendFold;

/* Call from the widget's init, after its template; open or folded as the
 * setting says. */
void     wa_legend_fold_init (WaLegendFold *fold, GtkExpander *expander, GtkWidget *title,
                              GtkWidget *key);
/* Call from the widget's dispose, before its template is disposed. */
void     wa_legend_fold_clear (WaLegendFold *fold);
/* Compact: folded whatever the setting; not: as the setting says. */
void     wa_legend_fold_set_compact (WaLegendFold *fold, gboolean compact);

G_END_DECLS
