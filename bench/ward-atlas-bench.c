/* ward-atlas-bench: the performance figures, measured on a
 * real pack and printed one per line with their targets. Not a test: the
 * numbers depend on the machine.
 *
 *   ward-atlas-bench [--pack FILE] [--app PATH] [--python PATH]
 *   ward-atlas-bench --tenfold --pack FILE [--sources DIR]   (bench-tenfold.h)
 */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <gio/gio.h>
#include <gdal.h>
#include <ogr_api.h>

#include "bench-assets.h"
#include "bench-clock.h"
#include "bench-briefing.h"
#include "bench-mapnik.h"
#include "bench-tiles.h"
#include "bench-user-list.h"
#include "bench-custom-area.h"
#include "bench-tenfold.h"
#ifdef WA_BENCH_CLI
#include "bench-cli.h"
#include "bench-pack-build.h"
#endif
#include "wa-tile-renderer.h"
#include "wa-search.h"
#include "wa-ward-filter.h"
#include "wa-postcode.h"
#include <string.h>
#include <time.h>

static double
peak_rss_mb (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return usage.ru_maxrss / 1024.0;
}

double
render_ms (WaMapStyle *style, const Tile *tile, guint size, gboolean labels)
{
  WaTileRequest request = { tile->zoom, tile->x, tile->y, size, labels };
  double start = now_ms ();
  cairo_surface_t *surface = wa_tile_render_surface (style, &request, NULL);

  cairo_surface_destroy (surface);
  return now_ms () - start;
}

typedef struct {
  WaMapStyle *style;
  guint size;
} PoolData;

static void
render_in_pool (gpointer data, gpointer user_data)
{
  PoolData *pool_data = user_data;

  render_ms (pool_data->style, data, pool_data->size, TRUE);
}

/* A method change: recompute ranks, snapshot a new style, and draw every
 * 512 px tile of a 1280 x 800 view, on as many threads as the app uses. */
static void
bench_recolour (WaAtlas *atlas, double lon, double lat, guint zoom, WaRankMethod method)
{
  WaRankParams params = *wa_atlas_get_rank_params (atlas);
  g_autoptr(GArray) tiles = g_array_new (FALSE, FALSE, sizeof (Tile));
  double mx, my, start, elapsed;
  double world = 256.0 * (1 << zoom);
  PoolData pool_data = { NULL, 512 };
  GThreadPool *pool;
  g_autofree char *what = NULL;

  wa_lonlat_to_mercator (lon, lat, &mx, &my);
  for (int x = floor ((mx * world - 640) / 256); x <= floor ((mx * world + 640) / 256); x++)
    for (int y = floor ((my * world - 400) / 256); y <= floor ((my * world + 400) / 256); y++)
      {
        Tile tile = { zoom, x, y, 0 };

        g_array_append_val (tiles, tile);
      }

  start = now_ms ();
  params.method = method;
  wa_atlas_set_rank_params (atlas, &params, NULL);
  pool_data.style = wa_map_style_new (atlas, WA_PALETTE_VIRIDIS);
  pool = g_thread_pool_new (render_in_pool, &pool_data, g_get_num_processors (), TRUE, NULL);
  for (guint i = 0; i < tiles->len; i++)
    g_thread_pool_push (pool, &g_array_index (tiles, Tile, i), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  elapsed = now_ms () - start;
  wa_map_style_unref (pool_data.style);

  what = g_strdup_printf ("recolour at z%u (%u tiles of 512 px, %u threads)", zoom, tiles->len,
                          g_get_num_processors ());
  printf ("%-44s %7.1f ms  (target < 300 ms) %s\n", what, elapsed, bench_met (elapsed < 300));
}

static void
bench_pick (WaAtlas *atlas)
{
  const WaBBox *extent = wa_atlas_get_extent (atlas);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  const guint n = 100000;
  guint hits = 0;
  double start = now_ms (), per_pick_us;

  for (guint i = 0; i < n; i++)
    {
      double lon = g_rand_double_range (rand, extent->min_x, extent->max_x);
      double lat = g_rand_double_range (rand, extent->min_y, extent->max_y);

      hits += wa_atlas_locate (atlas, lon, lat) != NULL;
    }
  per_pick_us = (now_ms () - start) * 1000.0 / n;
  printf ("%-44s %7.2f µs  (%u of %u points in a ward; target < 50 µs) %s\n",
          "pick (point to ward), mean", per_pick_us, hits, n, bench_met (per_pick_us < 50));
}

/* Every keystroke of some typical searches: names (one letter, common
 * words, later words), postcodes (district, sector, full), codes. */
static void
bench_search (WaAtlas *atlas)
{
  static const char *const queries[] = {
    "hull", "kingston upon hull", "st helens", "newcastle", "bishops", "manchester",
    "sw1a 0aa", "b1 1bb", "m1", "ls6 3", "e05000027", "e06", "upon", "saint",
  };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) postcode_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(WaSearch) search = NULL;
  double start = now_ms ();

  search = wa_search_new (atlas);
  printf ("%-44s %7.1f ms  (once per pack, in an idle callback)\n", "build search index", now_ms () - start);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    for (gsize len = 1; len <= strlen (queries[q]); len++)
      {
        g_autofree char *typed = g_strndup (queries[q], len);
        double runs[3], elapsed;

        /* The median of three, so that one preemption on a shared
         * machine does not pass for the worst keystroke. */
        for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
          {
            double t0 = now_ms ();
            g_autoptr(GPtrArray) results = wa_search_query (search, typed, 12);

            runs[r] = now_ms () - t0;
          }
        qsort (runs, G_N_ELEMENTS (runs), sizeof (double), bench_compare_double);
        elapsed = runs[1];
        if (g_getenv ("WA_BENCH_VERBOSE") != NULL)
          printf ("  %-20s %6.2f ms\n", typed, elapsed);
        g_array_append_val (times, elapsed);
        if (wa_postcode_normalise_prefix (typed) != NULL && strpbrk (typed, "0123456789") != NULL)
          g_array_append_val (postcode_times, elapsed);
      }
  bench_report_times ("search keystroke (names and postcodes)", times, 5, 2);
  bench_report_times ("search keystroke (postcode-shaped text)", postcode_times, 5, 2);
}

/* The table's filter and sort over every ward of the pack, through the
 * same core calls the table makes. */
static void
bench_table_core (WaAtlas *atlas)
{
  g_autoptr(GArray) sorts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sort_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filters = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(WaWardFilter) filter = wa_ward_filter_new ();
  static const char *const texts[] = { "a", "ham", "north", "e05", "st" };
  double start = now_ms ();

  wa_ward_filter_prepare (atlas, 0, wa_atlas_get_n_wards (atlas));
  /* Waits for the order's sort, which the preparation starts in a thread. */
  g_ptr_array_unref (wa_ward_filter_apply (NULL, atlas, WA_WARD_COLUMN_NAME, FALSE));
  printf ("%-44s %7.1f ms  (once per pack: idle slices, then a thread)\n",
          "table caches (folded text, name and code order)", now_ms () - start);

  for (guint c = 0; c < WA_N_WARD_COLUMNS; c++)
    for (int d = 0; d < 2; d++)
      {
        double runs[3], cpu[3];

        for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
          {
            double t0 = now_ms (), c0 = cpu_ms ();
            g_autoptr(GPtrArray) wards = wa_ward_filter_apply (NULL, atlas, c, d);

            runs[r] = now_ms () - t0;
            cpu[r] = cpu_ms () - c0;
          }
        qsort (runs, G_N_ELEMENTS (runs), sizeof (double), bench_compare_double);
        qsort (cpu, G_N_ELEMENTS (cpu), sizeof (double), bench_compare_double);
        g_array_append_val (sorts, runs[1]);
        g_array_append_val (sort_cpu, cpu[1]);
      }
  bench_report_times ("table sort, any column (all wards)", sorts, 30, 2);
  bench_report_times ("  the same, CPU time of this thread", sort_cpu, 30, 2);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      double t0 = now_ms (), elapsed;
      g_autoptr(GPtrArray) wards = NULL;

      wa_ward_filter_set_text (filter, texts[i]);
      wa_ward_filter_set_left_behind_only (filter, i % 2 == 1);
      wards = wa_ward_filter_apply (filter, atlas, WA_WARD_COLUMN_COMBINED_RANK, FALSE);
      elapsed = now_ms () - t0;
      g_array_append_val (filters, elapsed);
    }
  bench_report_times ("table filter and sort (text, left behind)", filters, 30, 2);
}

/* The text after key on the first line of out holding it, or NULL. Lines
 * are searched anywhere, and key anywhere within a line: the AT-SPI
 * registry that dbus-run-session starts ("SpiRegistry daemon is running
 * with well-known name …") writes to the same output as the app, before
 * its lines and not always with a line of its own. */
static char *
find_after (const char *out, const char *key)
{
  g_auto(GStrv) lines = NULL;

  if (out == NULL)
    return NULL;
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *at = strstr (lines[i], key);

      if (at != NULL)
        return g_strdup (at + strlen (key));
    }
  return NULL;
}

/* The number after key (see find_after); FALSE when there is none. */
static gboolean
find_number (const char *out, const char *key, double *value, char **rest)
{
  g_autofree char *after = find_after (out, key);
  char *end;

  if (after == NULL)
    return FALSE;
  *value = g_ascii_strtod (after, &end);
  if (end == after)
    return FALSE;
  if (rest != NULL)
    *rest = g_strdup (end);
  return TRUE;
}

/* The app's "renderer NAME" line: GTK's GL renderer on a software
 * rasteriser draws far slower than its cairo renderer (app/gtk/main.c). */
static void
report_renderer (const char *out)
{
  g_autofree char *name = find_after (out, "renderer ");

  if (name != NULL)
    printf ("%-44s %s\n", "  GTK renderer in the app", name);
}

/* The longest the app may take to report its first frame: the 10x pack's
 * launch took under 10 s even on a loaded machine. */
#define APP_TIMEOUT_S "180"

/* One run of ward-atlas-bench-app: what it printed and what it used. */
typedef struct
{
  char *out;
  int status;
  struct rusage usage;
} AppRun;

/* Runs the app on pack with mode (--table, --warm-session or NULL) and
 * waits for it; FALSE (and says why) when it cannot be run. */
static gboolean
run_app (const char *app, const char *pack, const char *mode, AppRun *run)
{
  const char *app_argv[] = { app, "--pack", pack, mode, NULL };
  g_autoptr(GStrvBuilder) command = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autofree char *session_runner = g_find_program_in_path ("dbus-run-session");
  g_autofree char *timeout_runner = g_find_program_in_path ("timeout");
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  GPid pid;
  int out_fd;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("the app's figures: skipped, no display (run under xvfb-run)\n");
      return FALSE;
    }
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  /* An app that never reports a frame (the real app given as --app, or a
   * hang) would otherwise stall the whole benchmark: end it and say so. */
  if (timeout_runner != NULL)
    g_strv_builder_add_many (command, timeout_runner, "--kill-after=5", APP_TIMEOUT_S, NULL);
  /* Without a session bus (xvfb-run), GTK's accessibility bridge asks
   * dbus-launch to start one, which can hang the app at start; a desktop
   * always has one, so give the app its own. */
  if (g_environ_getenv (envp, "DBUS_SESSION_BUS_ADDRESS") == NULL && session_runner != NULL)
    g_strv_builder_add_many (command, session_runner, "--", NULL);
  g_strv_builder_addv (command, app_argv);
  argv = g_strv_builder_end (command);
  if (!g_spawn_async_with_pipes (NULL, argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                 NULL, &pid, NULL, &out_fd, NULL, &error))
    {
      printf ("the app's figures: skipped, cannot run %s: %s\n", app, error->message);
      return FALSE;
    }
  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_read_to_end (channel, &run->out, NULL, NULL);
  wait4 (pid, &run->status, 0, &run->usage);
  return TRUE;
}

/* Launch to first complete map frame, measured by ward-atlas-bench-app
 * n_samples times, against these targets (issue 18: 600 ms and 200 MiB on
 * the packs, 1 s and 300 MiB on the 10x pack) for the worst launch, each
 * line starting with prefix. In a fresh session GTK waits for the desktop
 * portal and the accessibility bus to start; warm starts them first, as a
 * desktop has them running. */
static void
bench_app_launches (const char *app, const char *pack, gboolean warm, guint n_samples,
                    const char *prefix, double launch_target_ms, double rss_target_mib)
{
  g_autoptr(GArray) launches = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) settled = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *launch_what = g_strconcat (prefix, "launch to first complete map frame",
                                              warm ? ", desktop session" : ", fresh session", NULL);
  g_autofree char *settled_what = g_strconcat (prefix, "launch until settled (background work ended)",
                                               NULL);
  /* The peak of the whole launch, background work included (the search
   * index, the map's caches): before 2026-12-05 the app quit once its
   * assets were read, and on the 10x pack the peak came later. */
  g_autofree char *rss_what = g_strconcat (prefix, "app peak RSS (launch until settled)", NULL);

  for (guint i = 0; i < n_samples; i++)
    {
      AppRun run = { NULL };
      double ms, settled_ms, mib;

      if (!run_app (app, pack, warm ? "--warm-session" : NULL, &run))
        return;
      if (i == 0)
        report_renderer (run.out);
      if (!find_number (run.out, "first-frame-ms ", &ms, NULL))
        {
          printf ("%s: the app did not report one within " APP_TIMEOUT_S " s (exit status %d, "
                  "124 if ended then; is --app ward-atlas-bench-app?)\n", launch_what,
                  WIFEXITED (run.status) ? WEXITSTATUS (run.status) : -1);
          g_free (run.out);
          return;
        }
      g_array_append_val (launches, ms);
      /* The app's own peak (see bench_own_peak_rss_mib): wait4's
       * ru_maxrss would start at this benchmark's size. */
      if (find_number (run.out, BENCH_PEAK_RSS_KEY " ", &mib, NULL))
        g_array_append_val (rss, mib);
      if (find_number (run.out, "settled-ms ", &settled_ms, NULL))
        g_array_append_val (settled, settled_ms);
      g_free (run.out);
    }
  bench_report_spread (52, launch_what, launches, "ms", launch_target_ms);
  if (settled->len == launches->len)
    bench_report_spread (52, settled_what, settled, "ms", 0);
  else
    printf ("%-52s not reported: the peak RSS below may miss the end of the launch\n", settled_what);
  if (rss->len == launches->len)
    bench_report_spread (52, rss_what, rss, "MiB", rss_target_mib);
  else
    printf ("%-52s not reported by the app\n", rss_what);
}

/* ward-atlas-bench-app --table, n_samples times: the ranking table in the
 * real window, from the action to the painted frame ("table-...-ms N cpu
 * N" lines), median and worst of the runs for each step. */
static void
bench_app_table (const char *app, const char *pack, guint n_samples)
{
  static const struct { const char *key, *what; double target; } steps[] = {
    { "table-open-ms ", "ranking table opens (to painted frame)", 100 },
    { "table-sort-ms ", "ranking table sort by a column (painted)", 30 },
    { "table-filter-ms ", "ranking table left-behind, 7,461 -> 225", 30 },
    { "table-text-ms ", "ranking table text filter, 225 -> 0 (painted)", 30 },
    { "table-unfilter-ms ", "ranking table left-behind off, 0 -> 149", 30 },
    { "table-clear-ms ", "ranking table text cleared, 149 -> 7,461", 30 },
    { "table-name-ms ", "ranking table ward name typed, 7,461 -> 1", 30 },
  };
  GArray *wall[G_N_ELEMENTS (steps)], *cpu[G_N_ELEMENTS (steps)];
  double slice_max = -1;
  guint n_runs = 0;

  for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
    {
      wall[k] = g_array_new (FALSE, FALSE, sizeof (double));
      cpu[k] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  for (guint i = 0; i < n_samples; i++)
    {
      AppRun run = { NULL };
      double slice;

      if (!run_app (app, pack, "--table", &run))
        break;
      n_runs++;
      if (i == 0)
        report_renderer (run.out);
      for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
        {
          g_autofree char *rest = NULL;
          double ms, ms_cpu;

          if (!find_number (run.out, steps[k].key, &ms, &rest))
            continue;
          g_array_append_val (wall[k], ms);
          /* Wall time includes waiting for other processes on a busy machine. */
          if (find_number (rest, "cpu ", &ms_cpu, NULL))
            g_array_append_val (cpu[k], ms_cpu);
        }
      /* Rows beyond a screenful are built or torn down after the frame. */
      if (find_number (run.out, "table-settle-slice-ms cpu ", &slice, NULL))
        slice_max = MAX (slice_max, slice);
      g_free (run.out);
    }
  printf ("%u of %u runs of the app:\n", n_runs, n_samples);
  for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
    {
      if (wall[k]->len == 0)
        printf ("%-44s not reported by the app\n", steps[k].what);
      else
        bench_report_times (steps[k].what, wall[k], steps[k].target, 1);
      if (cpu[k]->len > 0)
        bench_report_times ("  the same, CPU time of the app's main thread", cpu[k], steps[k].target, 1);
      g_array_unref (wall[k]);
      g_array_unref (cpu[k]);
    }
  if (slice_max >= 0)
    printf ("%-44s %7.1f ms  (CPU, worst run; within a 16 ms frame) %s\n",
            "  longest idle slice settling rows after", slice_max, bench_met (slice_max < 16));
}

/* The 10x pack's launch, for bench-tenfold.c: as many launches as opens. */
static guint tenfold_launches = 1;

static void
bench_tenfold_app (const char *app, const char *pack)
{
  bench_app_launches (app, pack, FALSE, tenfold_launches, "10x pack: ", 1000, 300);
}

/* The app draws the neighbourhood layer from WA_LSOA_MIN_ZOOM by default
 * (setting show-lsoas), so those zooms are measured again as a user sees
 * them. Mapnik is left out: it has no LSOA layer, so the work would not
 * be the same on both sides. */
static void
bench_lsoa_tiles (WaAtlas *atlas, const BenchTilesOptions *options)
{
  WaMapTheme theme;
  g_autoptr(WaMapStyle) style = NULL;
  BenchTilesOptions lsoa_options = *options;
  double start, wall;

  if (options->max_zoom < WA_LSOA_MIN_ZOOM || wa_lsoas_get_n (wa_atlas_get_lsoas (atlas)) == 0)
    return;
  wa_map_theme_init (&theme, FALSE, FALSE);
  theme.lsoas = TRUE;
  style = wa_map_style_new_themed (atlas, WA_PALETTE_VIRIDIS, &theme);
  lsoa_options.min_zoom = MAX (options->min_zoom, WA_LSOA_MIN_ZOOM);
  lsoa_options.python = NULL;
  lsoa_options.images = NULL;
  printf ("\nTiles with the neighbourhood (LSOA) layer, as the app draws them from z%d\n",
          WA_LSOA_MIN_ZOOM);
  /* Read once, on the first tile that shows them, which the other tiles
   * of the moment wait for: read here first, so that no timed render
   * carries it, and its cost printed. */
  start = cpu_ms ();
  wall = now_ms ();
  wa_lsoas_ensure_geometry (wa_atlas_get_lsoas (atlas), NULL);
  printf ("read once, on the first tile that shows them: LSOA boundaries %.0f ms "
          "(wall %.0f ms)\n", cpu_ms () - start, now_ms () - wall);
  bench_tiles (atlas, style, &lsoa_options);
}

/* The users' locale, for this process and every child (the app, the
 * open, the CLI): collation keys, made for the ranking table's sort, are
 * eight times the text in en_GB.UTF-8 and the same size as it in C, so a
 * benchmark run in C shows less memory and quicker sorts than a user
 * gets. Says which locale the figures are for. */
static void
use_locale (const char *wanted)
{
  const char *now;

  if (setlocale (LC_ALL, wanted) != NULL)
    {
      g_setenv ("LC_ALL", wanted, TRUE);
      printf ("Locale: %s\n", wanted);
      return;
    }
  now = setlocale (LC_ALL, "");
  printf ("Locale: %s is not installed (Debian: the locales package, then locale-gen); "
          "measuring in %s, where sorting by name costs less time and memory than a user's\n",
          wanted, now != NULL ? now : "C");
}

/* --tile Z/X/Y: a tile of the world at its zoom. */
static int
bench_one_tile_option (WaMapStyle *style, const char *spec, int size, int n_samples)
{
  guint zoom, x, y;
  char end;

  if (sscanf (spec, "%u/%u/%u%c", &zoom, &x, &y, &end) != 3 || zoom > 20
      || x >= 1u << zoom || y >= 1u << zoom || (size != 256 && size != 512))
    {
      g_printerr ("--tile takes Z/X/Y, a tile of zoom 0 to 20 (x and y under 2^Z), "
                  "and --tile-size 256 or 512\n");
      return 2;
    }
  bench_one_tile (style, zoom, x, y, (guint) size, (guint) n_samples);
  return 0;
}

int
main (int argc, char *argv[])
{
  g_autofree char *pack = NULL;
  g_autofree char *app = NULL;
  g_autofree char *python = NULL;
  g_autofree char *cli = NULL;
  g_autofree char *images = NULL;
  gboolean assets_only = FALSE, tiles_only = FALSE, no_mapnik = FALSE, lists_only = FALSE;
  gboolean cli_only = FALSE;
  gboolean pack_build = FALSE;
  gboolean tenfold = FALSE;
  g_autofree char *tenfold_open = NULL;
  int tenfold_limit = 0;
  g_autofree char *tenfold_output = NULL;
  g_autofree char *cli_full = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *sources = NULL;
  g_autofree char *edition = NULL;
  g_autofree char *locale = NULL;
  g_autofree char *one_tile = NULL;
  int tile_size = 256;
  BenchTilesOptions tiles = { .min_zoom = 4, .max_zoom = 16, .n_tiles = 12, .n_samples = 3 };
  int min_zoom = 4, max_zoom = 16, n_tiles = 12, n_samples = 3;
  GOptionEntry entries[] = {
    { "pack", 0, 0, G_OPTION_ARG_FILENAME, &pack, "Data pack (default: $WA_PACK_2019)", "FILE" },
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app, "ward-atlas-bench-app, for the first-frame and table figures", "PATH" },
    { "python", 0, 0, G_OPTION_ARG_FILENAME, &python, "A Python with mapnik (default /usr/bin/python3)", "PATH" },
    { "cli", 0, 0, G_OPTION_ARG_FILENAME, &cli, "ward-atlas-cli, for the one-off commands' figures", "PATH" },
    { "no-mapnik", 0, 0, G_OPTION_ARG_NONE, &no_mapnik, "No Mapnik comparison", NULL },
    { "assets-only", 0, 0, G_OPTION_ARG_NONE, &assets_only, "Only the social-infrastructure figures", NULL },
    { "tiles-only", 0, 0, G_OPTION_ARG_NONE, &tiles_only, "Only the tile figures", NULL },
    { "lists-only", 0, 0, G_OPTION_ARG_NONE, &lists_only, "Only the user-list import figure", NULL },
    { "cli-only", 0, 0, G_OPTION_ARG_NONE, &cli_only, "Only the one-off commands' figures (needs --cli)", NULL },
    { "pack-build", 0, 0, G_OPTION_ARG_NONE, &pack_build, "Only the pack build's peak RSS and time (slow: a minute a build; --samples builds of each edition)", NULL },
    { "tenfold", 0, 0, G_OPTION_ARG_NONE, &tenfold, "Only the 10x pack's figures: --pack plus every LSOA 2011 and 2021 polygon of --sources as wards (slow: minutes; --samples opens, tiles of --min-zoom to --max-zoom)", NULL },
    { "tenfold-limit", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &tenfold_limit, "Only N polygons of each LSOA file (a quick look, not the 10x figures)", "N" },
    { "tenfold-output", 0, 0, G_OPTION_ARG_FILENAME, &tenfold_output, "With --tenfold: only make the 10x pack as FILE, and keep it (to profile it)", "FILE" },
    { "tenfold-open", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &tenfold_open, "Open FILE and exit (the child of --tenfold)", "FILE" },
    { "cli-full", 0, 0, G_OPTION_ARG_FILENAME, &cli_full, "ward-atlas-cli-full for --pack-build (default: beside --cli)", "PATH" },
    { "manifest", 0, 0, G_OPTION_ARG_FILENAME, &manifest, "Manifest for --pack-build (default: the source tree's)", "FILE" },
    { "sources", 0, 0, G_OPTION_ARG_FILENAME, &sources, "Open data folder for --pack-build and --tenfold (default: the build's sources_dir)", "DIR" },
    { "edition", 0, 0, G_OPTION_ARG_STRING, &edition, "Edition for --pack-build (default: both)", "2019|2025" },
    { "min-zoom", 0, 0, G_OPTION_ARG_INT, &min_zoom, "First zoom of the tile figures (4)", "Z" },
    { "max-zoom", 0, 0, G_OPTION_ARG_INT, &max_zoom, "Last zoom of the tile figures (16)", "Z" },
    { "tiles", 0, 0, G_OPTION_ARG_INT, &n_tiles, "Densest tiles per zoom (12)", "N" },
    { "samples", 0, 0, G_OPTION_ARG_INT, &n_samples, "Renders of each tile by each renderer (3)", "N" },
    { "locale", 0, 0, G_OPTION_ARG_STRING, &locale, "Locale of every figure (default en_GB.UTF-8, the users' one)", "NAME" },
    { "tile", 0, 0, G_OPTION_ARG_STRING, &one_tile, "Only render tile Z/X/Y (labelled) --samples times and print its median, best and worst: a loop to profile one tile", "Z/X/Y" },
    { "tile-size", 0, 0, G_OPTION_ARG_INT, &tile_size, "Pixels of --tile's tile (256)", "256|512" },
    { "tile-images", 0, 0, G_OPTION_ARG_FILENAME, &images, "Write each benchmarked tile (256 px, labelled) as a PNG in DIR, or where DIR has it already, compare with it", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- Ward Atlas performance figures");
  g_autoptr(GError) error = NULL;
  g_autoptr(WaAtlas) atlas = NULL;
  g_autoptr(WaMapStyle) style = NULL;
  double start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (min_zoom < 0 || max_zoom > 20 || min_zoom > max_zoom || n_tiles < 1 || n_samples < 1)
    {
      g_printerr ("Zooms are 0 to 20 (--min-zoom at most --max-zoom); --tiles and --samples at least 1\n");
      return 2;
    }
  if (tenfold_open != NULL)
    return bench_tenfold_open_child (tenfold_open);
  use_locale (locale != NULL ? locale : "en_GB.UTF-8");
  if (pack_build)
    {
      BenchPackBuildOptions build = { cli_full, manifest, sources, edition, n_samples };
      g_autofree char *cli_dir = cli != NULL ? g_path_get_dirname (cli) : NULL;
      g_autofree char *default_full = cli_dir != NULL
        ? g_build_filename (cli_dir, "ward-atlas-cli-full", NULL) : NULL;

      if (build.cli_full == NULL)
        build.cli_full = default_full;
#ifdef WA_BENCH_MANIFEST
      if (build.manifest == NULL)
        build.manifest = WA_BENCH_MANIFEST;
#endif
#ifdef WA_BENCH_SOURCES
      if (build.sources == NULL)
        build.sources = WA_BENCH_SOURCES;
#endif
      if (build.cli_full == NULL || build.manifest == NULL || build.sources == NULL)
        {
          g_printerr ("--pack-build needs --cli-full (or --cli), --manifest and --sources\n");
          return 2;
        }
      return bench_pack_build (&build) ? 0 : 1;
    }
  if (pack == NULL)
    pack = g_strdup (g_getenv ("WA_PACK_2019"));
  if (pack == NULL)
    {
      g_printerr ("No pack: pass --pack FILE or set WA_PACK_2019\n");
      return 2;
    }

  if (tenfold)
    {
      BenchTenfoldOptions options = { pack, sources, min_zoom, max_zoom, n_tiles, n_samples,
                                      MAX (tenfold_limit, 0), tenfold_output,
                                      app, bench_tenfold_app };

      tenfold_launches = (guint) n_samples;

#ifdef WA_BENCH_SOURCES
      if (options.sources == NULL)
        options.sources = WA_BENCH_SOURCES;
#endif
      if (options.sources == NULL)
        {
          g_printerr ("--tenfold needs --sources (the open data folder)\n");
          return 2;
        }
      return bench_tenfold (&options) ? 0 : 1;
    }
  if (cli_only)
    {
#ifdef WA_BENCH_CLI
      if (cli == NULL)
        {
          g_printerr ("--cli-only needs --cli PATH\n");
          return 2;
        }
      printf ("One-off commands on %s (whole process; target ≤ 60 ms)\n", pack);
      bench_cli (cli, pack);
      return 0;
#else
      g_printerr ("This build has no bench/bench-cli.c\n");
      return 2;
#endif
    }

  start = now_ms ();
  atlas = wa_atlas_open (pack, &error);
  if (atlas == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("Ward Atlas benchmark on %s (%u wards), %u cores\n", pack,
          wa_atlas_get_n_wards (atlas), g_get_num_processors ());
  printf ("%-44s %7.0f ms\n", "open pack", now_ms () - start);

  if (lists_only)
    {
      bench_user_list (atlas);
      bench_custom_area (atlas);
      return 0;
    }
  if (assets_only)
    {
      bench_assets (atlas);
      bench_user_list (atlas);
      return 0;
    }
  style = wa_map_style_new (atlas, WA_PALETTE_VIRIDIS);
  if (one_tile != NULL)
    return bench_one_tile_option (style, one_tile, tile_size, n_samples);
  tiles = (BenchTilesOptions) { min_zoom, max_zoom, n_tiles, n_samples, pack,
                                no_mapnik ? NULL : python ? python : "/usr/bin/python3",
                                images };
  bench_tiles (atlas, style, &tiles);
  bench_lsoa_tiles (atlas, &tiles);
  if (tiles_only)
    return 0;

  printf ("\nInteraction\n");
  bench_recolour (atlas, -0.12, 51.5, 7, WA_RANK_METHOD_MEAN_RANK);
  bench_recolour (atlas, -0.12, 51.5, 11, WA_RANK_METHOD_WORST_RANK);
  bench_pick (atlas);
  bench_search (atlas);
  bench_table_core (atlas);
  printf ("%-44s %7.0f MiB (atlas open, all tiles above rendered)\n", "benchmark peak RSS",
          peak_rss_mb (RUSAGE_SELF));
  if (app != NULL)
    {
      bench_app_launches (app, pack, FALSE, n_samples, "", 600, 200);
      bench_app_launches (app, pack, TRUE, n_samples, "", 600, 200);
      bench_app_table (app, pack, n_samples);
    }
  bench_assets (atlas);
  bench_user_list (atlas);
  bench_custom_area (atlas);
  bench_briefings (atlas);
  if (cli != NULL)
    {
#ifdef WA_BENCH_CLI
      printf ("\nOne-off commands (whole process; target ≤ 60 ms)\n");
      bench_cli (cli, pack);
#else
      printf ("\nOne-off commands: not measured, this build has no bench/bench-cli.c\n");
#endif
    }
  return 0;
}
