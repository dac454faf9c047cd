/* wa-text-scale.h: the desktop's text scaling factor ("Large Text", GNOME's
 * text-scaling-factor), for what GTK does not scale itself: the place
 * names drawn in the map tiles and pixel sizes chosen to fit text. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GtkSettings:gtk-xft-dpi over 96 dpi: 1 normally, 1.5 with 1.5× text.
 * Clamped to 0.5–4 so that a stray setting cannot make the map unusable. */
double wa_text_scale_for_widget (GtkWidget *widget);

G_END_DECLS
