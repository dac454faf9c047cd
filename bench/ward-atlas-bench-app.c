/* ward-atlas-bench-app: the Ward Atlas application as the benchmark runs
 * it, the same code as ward-atlas started the same way, with the timing
 * in this program rather than in the app. Prints the time from start to
 * the first complete map frame ("first-frame-ms N") and the renderer GTK
 * drew with ("renderer NAME"), then when the pack's assets, read after
 * that frame, are there and the app fully usable ("complete-ms N"; the
 * same as the first frame when they were read before it), then with
 * --table the ranking table's figures (bench-table.c), and quits. Without
 * --table it first waits until what the launch set going in the
 * background (the search index, the map's caches) has ended, and prints
 * when ("settled-ms N"), so that the peak memory the benchmark reads
 * after it is the launch's whole. Run by ward-atlas-bench.
 *
 * With --warm-session it first starts, before its clock, the session
 * services a desktop has running already (the desktop portal, the
 * accessibility bus) and GTK waits for when they are not: under a fresh
 * dbus-run-session their start-up is most of GTK's (0.4 s of 0.5 s here),
 * and lets them settle.
 *
 *   ward-atlas-bench-app --pack FILE [--table] [--warm-session]
 */
#include <stdio.h>
#include <string.h>

#include "wa-application.h"
#include "wa-asset.h"
#include "wa-rank-table.h"
#include "wa-startup.h"
#include "wa-window-private.h"
#include "bench-clock.h"
#include "bench-table.h"

static gint64 start_time;
static gboolean time_table;
static gboolean warm_session;

/* Starts a session service, on a connection of our own (the app's own
 * connection to the bus is part of what is timed), and waits until it
 * answers. */
static void
start_service (GDBusConnection *bus, const char *name, const char *path, const char *interface,
               const char *method, GVariant *args)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, name, path, interface, method, args, NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  if (reply == NULL)
    g_printerr ("warm session: %s: %s\n", name, error->message);
}

static void
warm_up_session (void)
{
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;

  if (address == NULL)
    return;
  bus = g_dbus_connection_new_for_address_sync (address,
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  if (bus == NULL)
    {
      g_printerr ("warm session: %s\n", error->message);
      return;
    }
  /* What GTK and libadwaita ask first: the colour scheme, the a11y bus. */
  start_service (bus, "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                 "org.freedesktop.portal.Settings", "Read",
                 g_variant_new ("(ss)", "org.freedesktop.appearance", "color-scheme"));
  start_service (bus, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress", NULL);
  g_dbus_connection_close_sync (bus, NULL, NULL);
  /* On a desktop they started long before: they answer at once, but go on
   * setting themselves up (the portal's GTK back end) for about a second,
   * on the cores the app would share with them. */
  g_usleep (2 * G_USEC_PER_SEC);
}

/* Settled: the whole process (every thread) used at most SETTLED_CPU_MS
 * of CPU time over the last SETTLED_POLLS polls, SETTLED_POLL_MS apart:
 * a twentieth of a core, which an idle window stays well under. */
#define SETTLED_POLL_MS 100
#define SETTLED_POLLS 5
#define SETTLED_CPU_MS 25.0
#define SETTLED_TIMEOUT_MS 120000

typedef struct {
  GApplication *app;
  double cpu_ms[SETTLED_POLLS];   /* the last polls' process CPU time, oldest first */
  guint n_polls;
} Settling;

static gboolean
poll_settled (gpointer data)
{
  Settling *settling = data;
  double now = process_cpu_ms ();
  double elapsed_ms = (g_get_monotonic_time () - start_time) / 1000.0;
  gboolean full = settling->n_polls >= SETTLED_POLLS;

  if (full && now - settling->cpu_ms[0] <= SETTLED_CPU_MS)
    printf ("settled-ms %.0f\n", elapsed_ms);
  else if (elapsed_ms > SETTLED_TIMEOUT_MS)
    printf ("settled-ms none (still busy after %d s)\n", SETTLED_TIMEOUT_MS / 1000);
  else
    {
      if (full)
        memmove (settling->cpu_ms, settling->cpu_ms + 1, (SETTLED_POLLS - 1) * sizeof (double));
      settling->cpu_ms[full ? SETTLED_POLLS - 1 : settling->n_polls++] = now;
      return G_SOURCE_CONTINUE;
    }
  printf (BENCH_PEAK_RSS_KEY " %.1f\n", bench_own_peak_rss_mib ());
  fflush (stdout);
  g_application_quit (settling->app);
  return G_SOURCE_REMOVE;
}

/* Quits once the app has settled (poll_settled). */
static void
quit_when_settled (GApplication *app)
{
  Settling *settling = g_new0 (Settling, 1);

  settling->app = app;
  g_timeout_add_full (G_PRIORITY_DEFAULT, SETTLED_POLL_MS, poll_settled, settling, g_free);
}

static void
on_first_frame (WaWindow *window, GApplication *app)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  printf ("first-frame-ms %.0f\n", (g_get_monotonic_time () - start_time) / 1000.0);
  /* The figures depend on it: software GL is far slower than cairo. */
  printf ("renderer %s\n", renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");
  if (wa_window_get_atlas (WA_WINDOW (window)) != NULL)
    {
      /* Waits for them when they are still being read. */
      wa_atlas_get_assets (wa_window_get_atlas (WA_WINDOW (window)));
      printf ("complete-ms %.0f\n", (g_get_monotonic_time () - start_time) / 1000.0);
    }
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (window, on_first_frame, app);
  if (!time_table)
    {
      quit_when_settled (app);
      return;
    }
  /* Then the ranking table's figures, in the same window. */
  bench_table_measure (WA_WINDOW (window)->rank_table, GTK_WIDGET (window),
                       G_CALLBACK (g_application_quit), app);
}

static void
on_pack_failed (WaWindow *window, const char *message, GApplication *app)
{
  g_printerr ("%s\n", message);
  g_application_quit (app);
}

static void
on_window_added (GtkApplication *app, GtkWindow *window)
{
  if (!WA_IS_WINDOW (window))
    return;
  g_signal_connect_object (window, "map-ready", G_CALLBACK (on_first_frame), app, 0);
  g_signal_connect_object (window, "pack-failed", G_CALLBACK (on_pack_failed), app, 0);
}

int
main (int argc, char *argv[])
{
  g_autoptr(WaApplication) app = NULL;
  g_autoptr(GStrvBuilder) app_args = g_strv_builder_new ();
  g_auto(GStrv) app_argv = NULL;

  wa_startup_prepare ();
  /* The app takes every option but ours. */
  for (int i = 0; i < argc; i++)
    if (strcmp (argv[i], "--table") == 0)
      time_table = TRUE;
    else if (strcmp (argv[i], "--warm-session") == 0)
      warm_session = TRUE;
    else
      g_strv_builder_add (app_args, argv[i]);
  app_argv = g_strv_builder_end (app_args);

  if (warm_session)
    warm_up_session ();
  start_time = g_get_monotonic_time ();
  app = wa_application_new ();
  /* A separate process each time, so the figure includes start-up. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
  return g_application_run (G_APPLICATION (app), g_strv_length (app_argv), app_argv);
}
