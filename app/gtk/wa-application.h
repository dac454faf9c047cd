/* wa-application.h: the Ward Atlas application: command line, app-wide
 * actions (About, Preferences, Quit) and the main window. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WA_TYPE_APPLICATION (wa_application_get_type ())
G_DECLARE_FINAL_TYPE (WaApplication, wa_application, WA, APPLICATION, AdwApplication)

WaApplication *wa_application_new (void);

G_END_DECLS
