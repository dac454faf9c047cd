/* main.c: the ward-atlas program. */
#include <locale.h>
#include <glib/gi18n.h>

#include "wa-application.h"
#include "wa-pack-locator.h"

int
main (int argc, char *argv[])
{
  g_autoptr(WaApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* From a build tree, the translations meson compiled there. */
  bindtextdomain (GETTEXT_PACKAGE, wa_pack_locator_running_from_build_tree ()
                                   ? WA_BUILD_ROOT G_DIR_SEPARATOR_S "po" : WA_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* From a build tree, use the settings schema compiled there unless the
   * environment (meson devenv, tests) already says where it is. */
  if (wa_pack_locator_running_from_build_tree () && g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", WA_BUILD_ROOT G_DIR_SEPARATOR_S "data", TRUE);

  app = wa_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
