/* wa-startup.h: set-up before GTK starts, for ward-atlas's main and the
 * benchmark's copy of the app. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Locale and translations, the build tree's settings schema, and GTK's
 * cairo renderer when there is no GPU (unless GSK_RENDERER says). Call
 * first thing in main, before any thread reads the environment. */
void wa_startup_prepare (void);

G_END_DECLS
