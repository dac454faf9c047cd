/* main.c: the ward-atlas program. */
#include <locale.h>
#include <glib/gi18n.h>

#include "wa-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr(WaApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, WA_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = wa_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
