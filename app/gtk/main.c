/* main.c: the ward-atlas program. */
#include "wa-application.h"
#include "wa-startup.h"

int
main (int argc, char *argv[])
{
  g_autoptr(WaApplication) app = NULL;

  wa_startup_prepare ();
  app = wa_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
