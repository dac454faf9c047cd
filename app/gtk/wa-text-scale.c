/* wa-text-scale.c
 *
 * GTK 4 scales its own text by GtkSettings:gtk-xft-dpi, in 1024ths of a
 * dot per inch; -1 (unset) means 96. GNOME's text-scaling-factor reaches it
 * through the Xft/DPI XSetting (X11) or the settings portal (Wayland);
 * elsewhere gtk-4.0/settings.ini can set it. */
#include "wa-text-scale.h"

#define DEFAULT_XFT_DPI (96 * 1024)

double
wa_text_scale_for_widget (GtkWidget *widget)
{
  int dpi = -1;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 1.0);
  g_object_get (gtk_widget_get_settings (widget), "gtk-xft-dpi", &dpi, NULL);
  if (dpi <= 0)
    return 1.0;
  return CLAMP ((double) dpi / DEFAULT_XFT_DPI, 0.5, 4.0);
}
