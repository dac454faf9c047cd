/* wa-announcer.h: messages a screen reader speaks without the focus moving
 * (toasts, errors, the table's count). GTK 4.8 has no announcement API
 * (gtk_accessible_announce is GTK 4.14): a WaAnnouncer is an invisible,
 * zero-sized widget with the alert (assertive) or status (polite) role
 * whose accessible name and description become the message; each message
 * also re-shows it, so AT-SPI carries a name change and a "showing" state
 * change from an alert, which Orca speaks. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WA_TYPE_ANNOUNCER (wa_announcer_get_type ())
G_DECLARE_FINAL_TYPE (WaAnnouncer, wa_announcer, WA, ANNOUNCER, GtkWidget)

/* Property "assertive" (construct only): alert role, and the window's
 * announcer for wa_announce; otherwise the status role. */
GtkWidget  *wa_announcer_new (gboolean assertive);
void        wa_announcer_announce (WaAnnouncer *self, const char *message);
/* The last message (NULL before the first). */
const char *wa_announcer_get_message (WaAnnouncer *self);
/* Announces through the assertive announcer in widget's window; returns
 * FALSE (and does nothing) when the window has none. */
gboolean    wa_announce (GtkWidget *widget, const char *message);

G_END_DECLS
